#!/usr/bin/python3
"""test_runs.py EXE OUTDIR: the Runs list, end to end (issue 12 §2).

Under tests/gui/with-xvfb-dbus.sh, driven through accessible names only:
XOR with the notebook's [2, 3, 1] trained three times at Max, learning
rate 0.5, then 0.1, then 2 (Reset between): the "Runs" list holds three
runs whose texts say what changed ("lr 0.5 → 0.1"); ticking them overlays
their curves in the Curves view, whose description then names the three
runs (runs-overlay.png in OUTDIR); the Boundary view's Compare draws runs
1 and 2 side by side (runs-compare.png); deleting run 2 shows "Run 2 deleted"
with Undo, which brings it back.
"""
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import dogtailtest  # noqa: E402  (sets dogtail up first)
from dogtailtest import check, find, stop  # noqa: E402
from dogtail import rawinput  # noqa: E402

from atspitest import wait_for  # noqa: E402

EXE, OUTDIR = sys.argv[1], sys.argv[2]
os.makedirs(OUTDIR, exist_ok=True)
EPOCHS = 1000


def tab(app, name):
    find(app, "page tab", name).doActionNamed("click")   # an unmapped control does not click
    time.sleep(0.3)


def labels_of(node):
    return [n.name for n in node.findChildren(lambda n: n.roleName == "label")]


def train_once(app, runs_list, n_runs):
    """Train at Max until the n_runs-th run has all its epochs."""
    tab(app, "Training")
    find(app, "push button", "Train").doActionNamed("click")
    done = "%d epochs" % EPOCHS

    def finished():
        rows = runs_list.findChildren(lambda n: n.roleName == "list item")
        return len(rows) == n_runs and all(any(l.startswith(done) for l in labels_of(r)) for r in rows)
    wait_for(finished, "run %d to finish its %d epochs" % (n_runs, EPOCHS), timeout=120)


def set_lr_and_reset(app, lr):
    tab(app, "Training")
    spin = find(app, "spin button", "Learning rate")
    spin.value = lr
    wait_for(lambda: abs(spin.value - lr) < 1e-9, "the learning rate %g" % lr)
    find(app, "push button", "Reset").doActionNamed("click")
    time.sleep(0.3)


print("1..8", flush=True)

proc, app = dogtailtest.start(EXE)
try:
    name = find(app, "label", description="dataset name")
    wait_for(lambda: "xor" in (name.name or "").lower(), "XOR loaded")
    dataset_name = name.name
    tab(app, "Training")
    speed = find(app, "slider", "Speed")
    speed.value = 4          # Max
    epochs = find(app, "spin button", "Epochs")
    epochs.value = EPOCHS

    tab(app, "Runs")
    runs_list = find(app, "list", "Runs")

    train_once(app, runs_list, 1)
    set_lr_and_reset(app, 0.1)
    train_once(app, runs_list, 2)
    set_lr_and_reset(app, 2.0)
    train_once(app, runs_list, 3)

    tab(app, "Runs")
    texts = labels_of(runs_list)
    check("first run" in texts, "run 1 says it is the first: %r" % texts)
    check("lr 0.5 → 0.1" in texts and "lr 0.1 → 2" in texts,
          "runs 2 and 3 say what changed: lr 0.5 → 0.1, lr 0.1 → 2")

    for label in ("Run 1", "Run 2", "Run 3 (current)"):
        # GTK 4.8's check buttons offer no AT-SPI action: a click on the box
        box = find(runs_list, "check box", label)
        (x, y), (w, h) = box.position, box.size
        rawinput.click(x + min(10, w // 2), y + h // 2)
        wait_for(lambda: find(runs_list, "check box", label).checked, "%s ticked" % label)
    check(True, "the three runs are ticked")

    tab(app, "Curves")
    curves = wait_for(lambda: [n for n in app.findChildren(lambda n: n.name == "Loss and accuracy curves"
                                                          and n.roleName != "label")
                               if n.size[0] > 100], "the curves view")[0]
    wait_for(lambda: curves.description.startswith("Runs overlaid:"), "the overlay's description")
    desc = curves.description
    check(all(("Run %d: lr %s" % (i, lr)) in desc for i, lr in ((1, "0.5"), (2, "0.1"), (3, "2"))),
          "the curves overlay the three runs, labelled by their rates: %r" % desc)
    rawinput.absoluteMotion(5, 760)      # no tooltip over the picture
    time.sleep(0.5)
    dogtailtest.screenshot(OUTDIR, "runs-overlay.png")

    # the Boundary view compares the first two ticked runs side by side
    tab(app, "Boundary")
    # (GTK 4.8 gives a toggle button the push button role)
    find(app, "push button", "Compare").doActionNamed("click")
    area = wait_for(lambda: [n for n in app.findChildren(lambda n: n.name == "Decision boundary"
                                                        and n.roleName != "label")
                             if n.size[0] > 100 and (n.description or "").startswith("Comparing")],
                    "the boundary view comparing")[0]
    check("Run 1: lr 0.5 (left)" in area.description and "Run 2: lr 0.1 (right)" in area.description,
          "Compare draws runs 1 and 2 side by side: %r" % area.description)
    rawinput.absoluteMotion(5, 760)
    time.sleep(0.5)
    dogtailtest.screenshot(OUTDIR, "runs-compare.png")

    # delete run 2: no question, a banner with Undo
    tab(app, "Runs")
    find(runs_list, "push button", "Delete run 2").doActionNamed("click")
    wait_for(lambda: len(runs_list.findChildren(lambda n: n.roleName == "list item")) == 2, "run 2 gone")
    find(app, "label", "Run 2 deleted")
    check(True, "deleting run 2 asks nothing and says “Run 2 deleted”")
    time.sleep(0.4)
    dogtailtest.screenshot(OUTDIR, "runs-deleted.png")
    find(app, "push button", "Undo").doActionNamed("click")
    wait_for(lambda: len(runs_list.findChildren(lambda n: n.roleName == "list item")) == 3, "run 2 back")
    box = find(runs_list, "check box", "Run 2")
    check(box.checked, "Undo brings run 2 back, still ticked")
    check(name.name == dataset_name, "the dataset is unchanged")
finally:
    stop(proc)
