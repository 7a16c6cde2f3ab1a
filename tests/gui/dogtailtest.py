"""dogtailtest.py: what the dogtail scripts of this folder share.

Importing it sets dogtail up for these tests (before dogtail.tree is
imported anywhere): no a11y check, short delays, ~10 s per search. Then:
find a node by role and accessible name or description, start and stop the
app, take a screenshot of the Xvfb screen, print one TAP line.
"""
import os
import subprocess

from dogtail.config import config
config.checkForA11y = False        # before importing dogtail.tree
config.logDebugToFile = False
config.actionDelay = 0.1
config.defaultDelay = 0.1
config.searchBackoffDuration = 0.2
config.searchCutoffCount = 50      # ~10 s per search
from dogtail import tree  # noqa: E402

from atspitest import wait_for  # noqa: E402


def screenshot(outdir, name):
    subprocess.run(["import", "-window", "root", os.path.join(outdir, name)], check=True)


def find(root, role, name=None, description=None):
    """The first node below root of that role (and name or description),
    waited for; '_' of mnemonics does not count in names."""
    def pred(n):
        if n.roleName != role:
            return False
        if name is not None and (n.name or "").replace("_", "") != name:
            return False
        if description is not None and n.description != description:
            return False
        return True
    return wait_for(lambda: root.findChild(pred, retry=False, requireResult=False),
                    "%s %r %r" % (role, name, description))


def start(exe, *args):
    """(process, accessible application) of `exe args`, its window shown."""
    proc = subprocess.Popen([exe] + list(args))
    app = tree.root.application("perceptron-studio")
    find(app, "frame", "Perceptron Studio")
    return proc, app


def stop(proc):
    """Ends the app and waits until it has left the AT-SPI desktop (the
    next one must not be mistaken for it)."""
    proc.terminate()
    try:
        proc.wait(5)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
    wait_for(lambda: not [a for a in tree.root.applications() if a.name == "perceptron-studio"],
             "app to leave the AT-SPI desktop", timeout=10)


def check(cond, what):
    """One TAP line; the script stops at the first failure."""
    print(("ok - " if cond else "not ok - ") + what, flush=True)
    if not cond:
        raise SystemExit(1)
