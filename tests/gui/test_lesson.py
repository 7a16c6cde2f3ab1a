#!/usr/bin/python3
"""test_lesson.py EXE OUTDIR: lesson mode, end to end (issue 12 §4).

Under tests/gui/with-xvfb-dbus.sh, driven through accessible names only:
  1. Lesson → "Perceptrón simple y perceptrón multicapa" (the shipped
     lesson): the panel says "Step 1 of 7"; the step hides the Loss row and
     locks the Dataset choice; Next is disabled.
  2. Train: the perceptron learns 3-input AND; Next is enabled once the
     accuracy reaches 1 (the step's wait condition); Next shows step 2 of 7,
     on XOR, with Next disabled again.
  3. Lesson → Leave Lesson: the panel goes, Loss and Dataset come back.
  4. In Spanish (LANGUAGE=es): the same lesson's first step in Spanish,
     trained to its condition: lesson-es.png in OUTDIR.
"""
import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import dogtailtest  # noqa: E402  (sets dogtail up first)
from dogtailtest import check, find, stop  # noqa: E402
from dogtail import tree  # noqa: E402

from atspitest import wait_for  # noqa: E402

EXE, OUTDIR = sys.argv[1], sys.argv[2]
os.makedirs(OUTDIR, exist_ok=True)
LESSON = "Perceptrón simple y perceptrón multicapa"


def start(env=None):
    proc = subprocess.Popen([EXE], env=env)
    app = tree.root.application("perceptron-studio")
    find(app, "frame", "Perceptron Studio")
    return proc, app


def showing(node):
    """GTK 4.8 says VISIBLE for a shown widget (SHOWING never); a hidden
    one may also have left the tree."""
    try:
        return node.visible
    except Exception:  # noqa: BLE001  (a node gone from the tree)
        return False


def present(app, role, name):
    """A fresh search: GTK 4.8 takes a hidden widget out of the tree, and a
    node found before keeps its old states."""
    return [n for n in app.findChildren(lambda n: n.roleName == role and n.name == name) if showing(n)]


def open_menu(app, name):
    """Clicks the toggle inside the menu button called name."""
    outer = wait_for(lambda: [n for n in app.findChildren(
        lambda n: n.roleName in ("push button", "toggle button") and n.name == name)
        if showing(n)], "the %r menu button" % name)[0]
    toggles = [c for c in outer if c is not None and c.roleName in ("push button", "toggle button")]
    (toggles[0] if toggles else outer).doActionNamed("click")
    return outer


def menu_item(app, name):
    item = wait_for(lambda: [n for n in app.findChildren(
        lambda n: n.roleName == "menu item" and (n.name or "").replace("_", "") == name)
        if showing(n)], "menu item %r" % name)[0]
    item.doActionNamed("click")


def label_of(app, description):
    return find(app, "label", description=description)


def train_until_next(app, train_name, next_name, timeout=60):
    dogtailtest.find(app, "push button", train_name).doActionNamed("click")
    nxt = find(app, "push button", next_name)
    wait_for(lambda: nxt.sensitive, "%r to be enabled" % next_name, timeout=timeout)
    return nxt


print("1..11", flush=True)

# ---- 1-3. English: open, hidden and locked controls, train, Next, leave --------
proc, app = start()
try:
    find(app, "page tab", "Training").doActionNamed("click")
    loss = find(app, "combo box", "Loss")
    check(present(app, "combo box", "Loss"), "outside a lesson the Loss row is shown")

    open_menu(app, "Lesson")
    menu_item(app, LESSON)
    count = label_of(app, "lesson step")
    wait_for(lambda: count.name == "Step 1 of 7", "Step 1 of 7")
    check(True, "the shipped lesson opens at step 1 of 7")
    text = label_of(app, "lesson step text")
    check("delta rule" in text.name, "the step text is the English one: %r" % text.name[:60])

    find(app, "page tab", "Training").doActionNamed("click")
    time.sleep(0.3)
    check(not present(app, "combo box", "Loss"), "step 1 hides the Loss row")
    nxt = find(app, "push button", "Next")
    check(not nxt.sensitive, "Next waits for the step's condition (accuracy >= 1)")

    find(app, "page tab", "Dataset").doActionNamed("click")
    dataset = wait_for(lambda: present(app, "combo box", "Dataset"), "the Dataset choice to be shown")[0]
    check(not dataset.sensitive, "step 1 locks the Dataset choice")

    find(app, "page tab", "Training").doActionNamed("click")
    time.sleep(0.3)
    nxt = train_until_next(app, "Train", "Next")
    status = label_of(app, "lesson condition")
    check(status.name.startswith("Done"), "accuracy 1 reached: Next is enabled (%r)" % status.name)

    nxt.doActionNamed("click")
    wait_for(lambda: count.name == "Step 2 of 7", "Step 2 of 7")
    wait_for(lambda: not nxt.sensitive, "Next disabled on the new step")
    check("XOR" in label_of(app, "lesson step title").name, "Next shows step 2 of 7 (XOR), Next disabled again")

    open_menu(app, "Lesson")
    menu_item(app, "Leave Lesson")
    wait_for(lambda: not present(app, "label", count.name), "the lesson panel to go")
    find(app, "page tab", "Training").doActionNamed("click")
    wait_for(lambda: present(app, "combo box", "Loss"), "the Loss row back")
    find(app, "page tab", "Dataset").doActionNamed("click")
    wait_for(lambda: [n for n in present(app, "combo box", "Dataset") if n.sensitive], "the Dataset choice unlocked")
    check(True, "Leave Lesson ends lesson mode: every control is back")
finally:
    stop(proc)

# ---- 4. Spanish: the step's text in Spanish, a screenshot ----------------------
env = dict(os.environ)
for var in ("LC_ALL", "LC_MESSAGES"):
    env.pop(var, None)
env.update(LANGUAGE="es", LANG="C.UTF-8")
proc, app = start(env)
try:
    open_menu(app, "Lección")
    menu_item(app, LESSON)
    count = label_of(app, "lesson step")
    wait_for(lambda: count.name == "Paso 1 de 7", "Paso 1 de 7")
    text = label_of(app, "lesson step text")
    check("regla delta" in text.name, "in Spanish the step shows its Spanish text: %r" % text.name[:60])
    find(app, "page tab", "Entrenamiento").doActionNamed("click")
    time.sleep(0.3)
    train_until_next(app, "Entrenar", "Siguiente")
    find(app, "page tab", "Curvas").doActionNamed("click")
    time.sleep(1.0)
    dogtailtest.screenshot(OUTDIR, "lesson-es.png")
    check(True, "screenshot of a lesson step in Spanish: lesson-es.png")
finally:
    stop(proc)
