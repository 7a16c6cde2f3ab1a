#!/usr/bin/python3
"""test_explain.py EXE OUTDIR: the Explain Update dialog, end to end (issue 10 §3).

Under tests/gui/with-xvfb-dbus.sh, driven through accessible names only:
  1. the default [2, 3, 1] on XOR: "Explain update", "Sample" = 2, the
     "Update" text shows δ and ΔW; "Apply", and the next update's weights
     (its "before" W⁽ˡ⁾, b⁽ˡ⁾) are exactly the new weights the text showed;
     the "Truth table row" dropdown follows the sample.
  3. a click on a point of the boundary view opens the dialog at that
     sample (the point found on a screenshot by its class colour).
  4. MNIST (the shipped subset): a click on an image of the sample grid
     opens the dialog at that sample; 784 inputs are shown compactly
     (explain-mnist.png).
  2. the step perceptron (preset perceptron-and3, as the presets menu loads
     it): the text shows the delta rule w ← w + α (t − y) x.
Screenshots explain-231.png (before Apply), explain-231-applied.png and
explain-step.png go to OUTDIR.
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
import cairo                         # noqa: E402

from atspitest import wait_for  # noqa: E402

EXE, OUTDIR = sys.argv[1], sys.argv[2]
os.makedirs(OUTDIR, exist_ok=True)


def screenshot(name):
    dogtailtest.screenshot(OUTDIR, name)


def text_of(node):
    t = node.queryText()
    return t.getText(0, t.characterCount)


def start(*args):
    return dogtailtest.start(EXE, *args)


def open_dialog(app):
    find(app, "page tab", "Training").doActionNamed("click")   # an unmapped button does not click
    time.sleep(0.3)
    find(app, "push button", "Explain update").doActionNamed("click")
    dialog = wait_for(lambda: [c for c in app if c is not None and c.name == "Explain Update"
                               and c.getRoleName() in ("frame", "dialog", "window")],
                      "the Explain Update window")[0]
    update = find(dialog, "text", "Update")
    wait_for(lambda: "Forward" in text_of(update), "the Update text")
    return dialog, update


NUM = r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?"


def matrix_after(lines, i):
    """The rows "[a  b  c]" under line i."""
    rows = []
    for line in lines[i + 1:]:
        s = line.strip()
        if not s.startswith("["):
            break
        rows.append(re.findall(NUM, s))
    return rows


def vector_of(line):
    return re.findall(NUM, line.split("=", 1)[1])


def new_weights(text):
    """Per layer (W rows, b) of the "W ← W + ΔW" and "b ← b + Δb" lines."""
    lines = text.split("\n")
    ws = [matrix_after(lines, i) for i, l in enumerate(lines) if l.strip().startswith("W ← W + ΔW (")]
    bs = [vector_of(l) for l in lines if l.strip().startswith("b ← b + Δb =")]
    return list(zip(ws, bs))


def old_weights(text):
    """Per layer (W rows, b) of the forward pass: the weights before the step."""
    lines = text.split("\n")
    ws = [matrix_after(lines, i) for i, l in enumerate(lines) if re.match(r"\s*W⁽[^ ]+⁾ \(", l)]
    bs = [vector_of(l) for l in lines if re.match(r"\s*b⁽[^ ]+⁾ =", l)]
    return list(zip(ws, bs))


print("1..9", flush=True)

# ---- 1. [2, 3, 1] on XOR: explain sample 2, apply ------------------------
proc, app = start()
try:
    dialog, update = open_dialog(app)
    spin = find(dialog, "spin button", "Sample")
    spin.value = 2
    wait_for(lambda: "x = [1, 0]" in text_of(update), "the update of sample 2 (x = [1, 0])")
    before = text_of(update)
    check("δ" in before and "ΔW" in before and "t = 1" in before,
          "the Update text of sample 2 shows t, δ and ΔW")
    row = find(dialog, "combo box", "Truth table row")
    wait_for(lambda: "1 0 → 1" in [l.name for l in row.findChildren(lambda n: n.roleName == "label")],
             "the truth table row to follow the sample")
    check(True, "the Truth table row dropdown shows 1 0 → 1")
    shown_new = new_weights(before)
    check(len(shown_new) == 2 and shown_new == [p for p in shown_new if p[0] and p[1]],
          "the text shows the new weights of both layers")
    screenshot("explain-231.png")

    find(dialog, "push button", "Apply").doActionNamed("click")
    status = find(dialog, "label", description="Explain status")
    wait_for(lambda: status.name.startswith("Applied"), "the applied line")
    after = wait_for(lambda: (lambda t: t if t != before and "Forward" in t else None)(text_of(update)),
                     "the next update")
    if old_weights(after) != shown_new:
        print("# shown new: %r\n# after: %r\n# text after:\n%s" % (shown_new, old_weights(after), after))
    check(old_weights(after) == shown_new,
          "after Apply the weights are exactly the new weights the text showed")
    check("sample 2" in status.name, "the applied line names the sample: %r" % status.name)
    screenshot("explain-231-applied.png")
finally:
    stop(proc)

# ---- 2. the step perceptron: the delta rule ------------------------------
proc, app = start("--preset", "perceptron-and3")
try:
    dialog, update = open_dialog(app)
    wait_for(lambda: "w ← w + α (t − y) x" in text_of(update), "the delta rule")
    check(True, "the step perceptron's update shows the delta rule w ← w + α (t − y) x")
    spin = find(dialog, "spin button", "Sample")
    spin.value = 2   # 0 1 0 → 0, which the initial weights get wrong: the rule changes them
    wait_for(lambda: "x = [0, 1, 0]" in text_of(update), "sample 2 of AND3")
    time.sleep(0.3)
    screenshot("explain-step.png")
finally:
    stop(proc)

# ---- 3. a point of the boundary view picks its sample ---------------------
CLASS1 = (230, 159, 0)   # the boundary plot's class-1 marker fill


def boundary_area(app):
    # the main view's, not the dataset panel's small picture (further left)
    def search():
        found = app.findChildren(lambda n: n.name == "Decision boundary" and n.roleName != "label"
                                 and n.size[0] > 100)
        return max(found, key=lambda n: n.position[0]) if found else None
    return wait_for(search, "the boundary view")


proc, app = start()
try:
    find(app, "page tab", "Boundary").doActionNamed("click")
    area = boundary_area(app)
    time.sleep(0.5)
    shot = os.path.join(OUTDIR, "explain-boundary-click.png")
    subprocess.run(["import", "-window", "root", shot], check=True)
    surf = cairo.ImageSurface.create_from_png(shot)
    data, stride = surf.get_data(), surf.get_stride()
    (x0, y0), (w, h) = area.position, area.size
    pts = [(x, y) for y in range(y0, y0 + h) for x in range(x0, x0 + w)
           if (data[y * stride + x * 4 + 2], data[y * stride + x * 4 + 1], data[y * stride + x * 4]) == CLASS1]
    # the lowest class-1 marker: XOR's (1, 0), sample 2 (the legend's dot is at the top)
    bottom = max(pts, key=lambda p: p[1])
    blob = [p for p in pts if abs(p[0] - bottom[0]) < 15 and abs(p[1] - bottom[1]) < 15]
    cx = sum(p[0] for p in blob) // len(blob)
    cy = sum(p[1] for p in blob) // len(blob)
    rawinput.click(cx, cy)
    dialog = wait_for(lambda: [c for c in app if c is not None and c.name == "Explain Update"
                               and c.getRoleName() in ("frame", "dialog", "window")],
                      "the dialog opened by the click")[0]
    update = find(dialog, "text", "Update")
    wait_for(lambda: "x = [1, 0]" in text_of(update), "the update of the clicked point")
    spin = find(dialog, "spin button", "Sample")
    check(spin.value == 2, "a click on the point (1, 0) at (%d, %d) explains sample 2" % (cx, cy))
finally:
    stop(proc)

# ---- 4. an image of the sample grid picks its sample (MNIST) ---------------
proc, app = start("--preset", "mnist-3-2")
try:
    name = find(app, "label", description="dataset name")
    wait_for(lambda: name.name == "MNIST", "MNIST loaded", timeout=180)
    find(app, "page tab", "Samples").doActionNamed("click")
    grid = wait_for(lambda: [n for n in app.findChildren(lambda n: n.name == "Sample images")
                             if n.size[0] > 100], "the sample grid")[0]
    time.sleep(0.5)
    (x0, y0), (w, h) = grid.position, grid.size
    rawinput.click(x0 + w // 2, y0 + h // 2)   # an image near the middle of the grid
    dialog = wait_for(lambda: [c for c in app if c is not None and c.name == "Explain Update"
                               and c.getRoleName() in ("frame", "dialog", "window")],
                      "the dialog opened by the image")[0]
    update = find(dialog, "text", "Update")
    wait_for(lambda: "784 values; the 10 largest" in text_of(update), "the compact update of an image")
    spin = find(dialog, "spin button", "Sample")
    check(0 < spin.value < 64, "a click on an image explains its sample (%d)" % spin.value)
    time.sleep(0.3)
    screenshot("explain-mnist.png")
    full = find(dialog, "push button", "Show full matrices")
    full.doActionNamed("click")
    wait_for(lambda: "not shown" not in text_of(update), "the full matrices")
    check(len(text_of(update)) > 20000, "Show full matrices shows every value")
finally:
    stop(proc)
