#!/usr/bin/python3
"""test_own_data.py EXE OUTDIR: the student's own data and predictions (issue 11 §5, §7).

Under tests/gui/with-xvfb-dbus.sh, driven through accessible names:
  1. XOR in the dataset panel's picture: with "Class of new points" set,
     a click away from the points adds a point (the info line reads
     "5 samples … edited"), a right click removes the nearest one;
     points added to both classes (own-data-points.png).
  2. the truth table: a click on each of XOR's outputs makes XNOR, and
     the table reads 1 0 0 1.
  3. MNIST after one epoch: the Samples view captions each image with its
     prediction; "Only misclassified" shows only wrong ones, marked
     (own-data-samples.png, own-data-misclassified.png).
"""
import os
import re
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import dogtailtest  # noqa: E402  (sets dogtail up first)
from dogtailtest import check, find, stop  # noqa: E402
from dogtail import tree, rawinput  # noqa: E402

from atspitest import walk, wait_for  # noqa: E402

EXE, OUTDIR = sys.argv[1], sys.argv[2]
os.makedirs(OUTDIR, exist_ok=True)


def screenshot(name):
    dogtailtest.screenshot(OUTDIR, name)


def start(*args):
    return dogtailtest.start(EXE, *args)


def n_samples(info):
    m = re.match(r"(\d+) samples", info.name)
    return int(m.group(1)) if m else -1


def panel_area(app):
    # the dataset panel's picture: the leftmost "Decision boundary" area
    def search():
        found = [n for n, role, _ in walk(app) if n.name == "Decision boundary" and role != "label"
                 and n.size[0] > 50]
        return min(found, key=lambda n: n.position[0]) if found else None
    return wait_for(search, "the dataset panel's points")


def choose_class(app, name):
    """The GtkDropDown: its toggle's click, arrow keys, Return (as
    test_app_dogtail.py's pick: list items have no action in GTK 4.8)."""
    dd = wait_for(lambda: [n for n, role, _ in walk(app) if role == "combo box"
                           and n.name == "Class of new points" and n.size[0] > 0][0], "the class chooser")
    toggle = dd.child(roleName="push button")
    toggle.doActionNamed("click")
    lst = wait_for(lambda: dd.findChild(lambda n: n.roleName == "list", retry=False,
                                        requireResult=False), "the chooser's list")
    items = [c for c in lst.children if c.roleName == "list item"]
    names = [c.child(roleName="label").name for c in items]
    time.sleep(0.4)
    rawinput.pressKey("Home")
    for _ in range(names.index(name)):
        rawinput.pressKey("Down")
    rawinput.pressKey("Return")
    wait_for(lambda: name in [l.name for l in toggle.findChildren(lambda n: n.roleName == "label")],
             "the chooser to show class " + name)


def truth_outputs(app):
    buttons = [n for n, role, _ in walk(app) if role == "push button" and (n.name or "").startswith("Output of row")]
    rows = sorted((int(re.search(r"row (\d+)", b.name).group(1)), b) for b in buttons)
    return rows


plan = 9
print("1..%d" % plan, flush=True)

# ---- 1. and 2. XOR: points and the truth table ----------------------------
proc, app = start()
try:
    info = find(app, "label", description="dataset info")
    wait_for(lambda: n_samples(info) == 4, "XOR's 4 samples")
    area = panel_area(app)
    time.sleep(0.5)
    (x0, y0), (w, h) = area.position, area.size
    cx, cy = x0 + w // 2, y0 + h // 2 + 8       # (0.5, 0.5): no point there
    rawinput.click(cx, cy)
    wait_for(lambda: n_samples(info) == 5, "a fifth sample")
    check("edited" in info.name, "a click adds a point: %r" % info.name)
    rawinput.click(cx + 4, cy + 4, button=3)
    wait_for(lambda: n_samples(info) == 4, "back to 4 samples")
    check(True, "a right click removes the nearest point")

    # points of both classes, for the screenshot
    choose_class(app, "1")
    for dx, dy in ((-0.18, -0.1), (0.16, 0.12), (0.0, 0.2)):
        before = n_samples(info)
        rawinput.click(int(cx + dx * w), int(cy + dy * h))
        wait_for(lambda: n_samples(info) == before + 1, "a point of class 1")
    choose_class(app, "0")
    rawinput.click(int(cx + 0.2 * w), int(cy - 0.2 * h))
    wait_for(lambda: n_samples(info) == 8, "a point of class 0")
    check(n_samples(info) == 8, "points of both classes added: %r" % info.name)
    time.sleep(0.5)
    screenshot("own-data-points.png")
    # and the boundary page shows them too
    find(app, "page tab", "Boundary").doActionNamed("click")
    time.sleep(0.8)
    screenshot("own-data-boundary.png")
finally:
    stop(proc)

proc, app = start()
try:
    info = find(app, "label", description="dataset info")
    wait_for(lambda: n_samples(info) == 4, "XOR's 4 samples")
    rows = wait_for(lambda: (lambda r: r if len(r) == 4 else None)(truth_outputs(app)), "the truth table")
    check([b.name.rsplit(": ", 1)[1] for _, b in rows] == ["0", "1", "1", "0"],
          "the truth table reads XOR: %r" % [b.name for _, b in rows])
    for k in range(4):
        row = [b for i, b in truth_outputs(app) if i == k + 1][0]
        old = row.name
        row.doActionNamed("click")
        wait_for(lambda: [b for i, b in truth_outputs(app) if i == k + 1 and b.name != old], "row %d flipped" % (k + 1))
    outs = [b.name.rsplit(": ", 1)[1] for _, b in truth_outputs(app)]
    check(outs == ["1", "0", "0", "1"], "flipping XOR's outputs makes XNOR: %r" % outs)
    check("edited" in info.name and n_samples(info) == 4, "the data is edited: %r" % info.name)
    time.sleep(0.3)
    screenshot("own-data-xnor.png")
finally:
    stop(proc)

# ---- 3. MNIST after one epoch: predictions, the filter, the gallery's bars ----
proc, app = start("--preset", "mnist-3-2")
try:
    name = find(app, "label", description="dataset name")
    wait_for(lambda: name.name == "MNIST", "MNIST loaded", timeout=180)
    find(app, "page tab", "Training").doActionNamed("click")
    time.sleep(0.3)
    step = wait_for(lambda: [n for n, role, _ in walk(app) if role == "push button"
                             and (n.name or "").replace("_", "") == "Step" and n.size[0] > 0][0], "Step")
    step.doActionNamed("click")
    status = wait_for(lambda: [n for n, role, _ in walk(app) if role == "label"
                               and "One epoch done" in (n.name or "")], "one epoch", timeout=120)
    find(app, "page tab", "Samples").doActionNamed("click")
    summary = find(app, "label", description="Predictions summary")
    wait_for(lambda: "misclassified" in summary.name, "the predictions summary")
    grid = wait_for(lambda: [n for n, role, _ in walk(app) if n.name == "Sample images" and n.size[0] > 100][0],
                    "the sample grid")
    m = re.match(r"(\d+) of these (\d+) samples misclassified", summary.name)
    check(m is not None and int(m.group(2)) == 64, "the Samples view predicts: %r" % summary.name)
    time.sleep(0.5)
    screenshot("own-data-samples.png")

    def toggle_filter():
        # the node can go stale while the views redraw: look it up afresh
        box = [n for n, role, _ in walk(app) if role == "check box"
               and n.name == "Only misclassified" and n.size[0] > 0][0]
        (bx, by), (bw, bh) = box.position, box.size
        rawinput.click(bx + bw // 2, by + bh // 2 + 4)
        return True
    wait_for(toggle_filter, "a click on Only misclassified")
    time.sleep(1)
    screenshot("own-data-misclassified.png")
    def summary_text():
        return [n.name for n, role, _ in walk(app) if n.description == "Predictions summary"
                and n.size[0] > 0][0]
    wait_for(lambda: "in the first" in summary_text(), "the misclassified samples")
    grid = wait_for(lambda: [n for n, role, _ in walk(app) if n.name == "Sample images" and n.size[0] > 100][0],
                    "the sample grid")
    d = re.match(r"(\d+) sample images? of MNIST, (\d+) misclassified", grid.description or "")
    check(d is not None and int(d.group(1)) > 0 and d.group(1) == d.group(2),
          "Only misclassified shows only wrong ones: %r / %r" % (grid.description, summary_text()))
    time.sleep(0.5)
    screenshot("own-data-misclassified.png")

    find(app, "push button", "Evaluate").doActionNamed("click")
    results = find(tree.root.application("perceptron-studio"), "label", description="Evaluation results")
    wait_for(lambda: "ccuracy" in results.name, "the evaluation", timeout=60)
    dialog = wait_for(lambda: [c for c in app if c is not None and c.name == "Evaluate"][0], "the Evaluate window")
    matrix = wait_for(lambda: [n for n, role, _ in walk(dialog) if n.name == "Confusion matrix" and n.size[0] > 0][0],
                      "the matrix")
    (x0, y0), (w, h) = matrix.position, matrix.size
    # the fullest cell (true 1, predicted 7 for this seeded run): its samples and their bars
    rawinput.click(int(x0 + 0.66 * w), int(y0 + 0.205 * h))
    cell = find(dialog, "label", description="Selected cell")
    wait_for(lambda: re.search(r"True class \d, predicted \d: [1-9]", cell.name), "a cell with samples")
    check(True, "the evaluate gallery shows a cell's samples: %r" % cell.name)
    time.sleep(1.0)
    screenshot("own-data-evaluate.png")
finally:
    stop(proc)
