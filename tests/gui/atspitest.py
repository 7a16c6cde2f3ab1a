"""atspitest.py: what the AT-SPI test scripts of this folder share.

The scripts run as `python3 tests/gui/test_*.py`, so Python finds this module
beside them. Waiting, walking the accessible tree and finding the app on the
accessibility bus are written once here.
"""
import time

import pyatspi


def wait_for(fn, what, timeout=20.0):
    """fn()'s first true value within timeout seconds; exceptions count as
    not yet (nodes come and go while the UI changes)."""
    end = time.monotonic() + timeout
    last = None
    while time.monotonic() < end:
        try:
            v = fn()
        except Exception as e:
            v, last = None, e
        if v:
            return v
        time.sleep(0.05)
    raise AssertionError("timed out waiting for %s (%r)" % (what, last))


def walk(node, depth=0):
    """(node, role name, depth) for node and everything below it."""
    try:
        role = node.getRoleName()
    except Exception:
        return
    yield node, role, depth
    for child in node:
        if child is not None:
            yield from walk(child, depth + 1)


def find(root, pred, what):
    """The first node below root for which pred(node, role) holds, waited for."""
    def search():
        for node, role, _ in walk(root):
            if pred(node, role):
                return node
        return None
    return wait_for(search, what)


def app_on_bus(proc, name=None, describe_exit=None):
    """The accessible application of the process proc (or the one called
    name, if given), waited for; should proc exit meanwhile, the timeout
    says so, with describe_exit() when given."""
    def search():
        if proc.poll() is not None:
            extra = ": " + describe_exit() if describe_exit else ""
            raise AssertionError("perceptron-studio exited with %d%s" % (proc.returncode, extra))
        for a in pyatspi.Registry.getDesktop(0):
            if a is None:
                continue
            if (a.name == name) if name is not None else (a.get_process_id() == proc.pid):
                return a
        return None
    return wait_for(search, "the application on the accessibility bus")
