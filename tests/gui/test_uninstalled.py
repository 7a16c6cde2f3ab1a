#!/usr/bin/python3
"""The build tree's perceptron-studio works as an installed copy does (TAP).

usage: test_uninstalled.py /path/to/build/src/app/perceptron-studio
Runs inside tests/gui/with-xvfb-dbus.sh (private Xvfb + session bus) and reads
the window through AT-SPI. The app runs straight from the build tree, as the
README's first command runs it: no `meson install`, no GSETTINGS_SCHEMA_DIR.
  1. LANGUAGE=es LANG=C.UTF-8: the window is in Spanish (the build's
     po/es catalogue): the Train button says "Entrenar", the epoch counter
     "Época 0", the Epochs row "Épocas"; nothing on stderr says settings are
     not remembered.
  2. Settings are remembered (GSETTINGS_BACKEND=keyfile in a temporary
     XDG_CONFIG_HOME): Epochs set to 77 in the window lands in the keyfile.
  3. A second run shows Epochs 77 again.
  4. The same executable copied out of the build tree (as if installed
     somewhere without its schema) says on stderr, once, that settings will
     not be remembered, and still shows its window.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import traceback

from atspitest import app_on_bus, find, wait_for, walk

EXE = sys.argv[1]
TMP = tempfile.mkdtemp(prefix="ps-uninstalled-")
CONFIG = os.path.join(TMP, "config")
KEYFILE = os.path.join(CONFIG, "glib-2.0", "settings", "keyfile")
NOT_REMEMBERED = "settings will not be remembered"


class App:
    """perceptron-studio in Spanish, from the build tree, with a keyfile
    settings backend in TMP and no schema folder given."""

    def __init__(self, exe=EXE):
        env = dict(os.environ)
        for var in ("GSETTINGS_SCHEMA_DIR", "LC_ALL", "LC_MESSAGES"):
            env.pop(var, None)
        env.update(LANGUAGE="es", LANG="C.UTF-8", GSETTINGS_BACKEND="keyfile",
                   XDG_CONFIG_HOME=CONFIG, GTK_A11Y="atspi")
        self.err = tempfile.TemporaryFile(mode="w+")
        self.proc = subprocess.Popen([exe], env=env, stdout=self.err, stderr=self.err)
        self.app = app_on_bus(self.proc, describe_exit=self.stderr)
        self.win = find(self.app, lambda n, r: r == "frame", "the main window")

    def stderr(self):
        self.err.seek(0)
        return self.err.read()

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
        self.proc.wait()
        return self.stderr()


def label_text(node):
    return (node.name or "").strip()


def epochs_spin(win):
    # the Epochs row: its accessible label is translated as the visible one
    return find(win, lambda n, r: r == "spin button" and n.name == "Épocas", "the Épocas spin button")


def test_spanish_ui():
    app = App()
    try:
        win = app.win
        train = find(win, lambda n, r: r in ("push button", "toggle button") and n.name == "Entrenar",
                     "the Train button named 'Entrenar'")
        assert train is not None
        epoch = find(win, lambda n, r: r == "label" and label_text(n).startswith("Época "),
                     "the epoch counter 'Época …'")
        assert re.match(r"^Época \d+", label_text(epoch)), label_text(epoch)
        find(win, lambda n, r: r == "label" and label_text(n) == "Épocas", "the label 'Épocas'")
        # nothing English left where Spanish was asked for
        for node, role, _ in walk(win):
            if role in ("label", "push button") and re.match(r"^(Train|Epoch \d)", label_text(node)):
                raise AssertionError("English text in a Spanish window: %r" % label_text(node))
    finally:
        err = app.stop()
    assert NOT_REMEMBERED not in err, err


def test_settings_written():
    app = App()
    try:
        spin = epochs_spin(app.win)
        value = spin.queryValue()
        assert value.currentValue != 77, value.currentValue
        value.currentValue = 77
        wait_for(lambda: spin.queryValue().currentValue == 77, "Épocas to show 77")
        wait_for(lambda: os.path.exists(KEYFILE) and
                 re.search(r"(?m)^epochs=(uint32 )?77$", open(KEYFILE).read()),
                 "epochs=77 in " + KEYFILE)
    finally:
        err = app.stop()
    assert NOT_REMEMBERED not in err, err
    with open(KEYFILE) as f:
        text = f.read()
    assert "[io/github/perceptronstudio/PerceptronStudio]" in text, text


def test_settings_read_back():
    app = App()
    try:
        spin = epochs_spin(app.win)
        assert spin.queryValue().currentValue == 77, spin.queryValue().currentValue
    finally:
        app.stop()


def test_no_schema_warns():
    if os.path.exists("/usr/share/glib-2.0/schemas/io.github.perceptronstudio.PerceptronStudio.gschema.xml") or \
       os.path.exists("/usr/local/share/glib-2.0/schemas/io.github.perceptronstudio.PerceptronStudio.gschema.xml"):
        return "SKIP the schema is installed on this machine (meson install): nothing to warn about"
    outside = os.path.join(TMP, "bin")
    os.makedirs(outside)
    exe = shutil.copy(EXE, os.path.join(outside, "perceptron-studio"))
    app = App(exe)
    err = app.stop()
    assert err.count(NOT_REMEMBERED) == 1, err
    return None


tests = [test_spanish_ui, test_settings_written, test_settings_read_back, test_no_schema_warns]
print("1..%d" % len(tests))
failed = 0
for i, t in enumerate(tests, 1):
    try:
        skip = t()
        if skip:
            print("ok %d - %s # %s" % (i, t.__name__, skip))
        else:
            print("ok %d - %s" % (i, t.__name__))
    except Exception:
        failed += 1
        print("not ok %d - %s" % (i, t.__name__))
        for line in traceback.format_exc().splitlines():
            print("# " + line)
    sys.stdout.flush()
shutil.rmtree(TMP, ignore_errors=True)
sys.exit(1 if failed else 0)
