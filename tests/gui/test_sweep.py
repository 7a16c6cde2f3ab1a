#!/usr/bin/python3
"""test_sweep.py EXE OUTDIR: the Sweep dialog, end to end (issue 12 §3).

Under tests/gui/with-xvfb-dbus.sh, driven through accessible names only:
  1. Main menu → Sweep…: the "Sweep" window; on the default [2, 3, 1] XOR
     network, "First values" lr 0.5, 2 and "Second setting" seed 1..4; Run:
     the "Results" table fills with 8 rows of loss and accuracy, in the
     grid's order, and the status names the best variant; the grid of
     decision boundaries is drawn (sweep-grid.png in OUTDIR).
  2. Clicking a row makes that variant the current model: the status says
     so, and the session has a new run (the main window's status follows).
  3. A bad value ("lr=0") is refused with a message naming it; nothing runs.
"""
import os
import re
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import dogtailtest  # noqa: E402  (sets dogtail up first)
from dogtailtest import check, find, stop  # noqa: E402
from dogtail import rawinput  # noqa: E402

from atspitest import wait_for  # noqa: E402

EXE, OUTDIR = sys.argv[1], sys.argv[2]
os.makedirs(OUTDIR, exist_ok=True)


def showing(n):
    """GTK 4.8 says VISIBLE for a shown widget (never SHOWING)."""
    try:
        return n.visible
    except Exception:  # noqa: BLE001  (a node gone from the tree)
        return False


def open_menu_item(app, menu, item):
    outer = wait_for(lambda: [n for n in app.findChildren(
        lambda n: n.roleName in ("push button", "toggle button") and n.name == menu)
        if showing(n)], "the %r menu button" % menu)[0]
    toggles = [c for c in outer if c is not None and c.roleName in ("push button", "toggle button")]
    (toggles[0] if toggles else outer).doActionNamed("click")
    node = wait_for(lambda: [n for n in app.findChildren(
        lambda n: n.roleName == "menu item" and (n.name or "").replace("_", "") == item)
        if showing(n)], "menu item %r" % item)[0]
    node.doActionNamed("click")


def text_of(node):
    t = node.queryText()
    return t.getText(0, t.characterCount)


def set_entry(node, text):
    node.queryEditableText().setTextContents(text)
    wait_for(lambda: text_of(node) == text, "entry text %r" % text)


def rows_of(results):
    return [c for c in results if c is not None and c.roleName in ("list item", "list box row")]


print("1..3", flush=True)
proc, app = dogtailtest.start(EXE)
try:
    open_menu_item(app, "Main menu", "Sweep…")
    dialog = wait_for(lambda: [c for c in app if c is not None and c.name == "Sweep"
                               and c.getRoleName() in ("frame", "dialog", "window")],
                      "the Sweep window")[0]
    values1 = find(dialog, "text", "First values")
    set_entry(values1, "0.5, 2")
    second = wait_for(lambda: [n for n in dialog.findChildren(
        lambda n: n.roleName == "check box" and n.name == "Second setting") if showing(n)],
        "the Second setting check box")[0]
    # GTK 4.8 gives a check button no AT-SPI action: a click on its box
    # (without a window manager the dialog sits at the screen's origin, so
    # its window coordinates are the screen's)
    x, y = second.position
    w, h = second.size
    rawinput.click(x + 8, y + h // 2)
    values2 = find(dialog, "text", "Second values")
    wait_for(lambda: values2.sensitive, "Second values enabled")
    set_entry(values2, "1..4")
    status = find(dialog, "label", "Sweep status")

    # ---- 3. a bad value is refused first, naming it ----
    set_entry(values1, "0, 2")
    find(app, "push button", "Run").doActionNamed("click")
    wait_for(lambda: "'0'" in text_of(status) and "lr" in text_of(status), "the refusal")
    refused_ok = True
    set_entry(values1, "0.5, 2")

    # ---- 1. run: the table fills ----
    find(app, "push button", "Run").doActionNamed("click")
    results = wait_for(lambda: app.findChild(
        lambda n: n.name == "Results" and n.roleName == "list",
        retry=False, requireResult=False), "the Results list")
    wait_for(lambda: len(rows_of(results)) == 8
             and all("loss" in (r.name or "") for r in rows_of(results)),
             "8 finished rows", timeout=60)
    names = [r.name for r in rows_of(results)]
    expected = ["lr=%s seed=%d" % (lr, s) for lr in ("0.5", "2") for s in range(1, 5)]
    order_ok = [n.split(":")[0] for n in names] == expected
    numbers_ok = all(re.search(r"loss \d\.\d{4}, accuracy \d\.\d{4}, validation loss —", n)
                     and re.search(r"test loss \d\.\d{4}, test accuracy \d\.\d{4}, \d+ epochs$", n)
                     for n in names)
    wait_for(lambda: "Best:" in text_of(status), "the summary")
    best_ok = re.search(r"8 variants trained\. Best: lr=\S+ seed=\d\.", text_of(status)) is not None
    time.sleep(0.5)   # the last cells drawn
    dogtailtest.screenshot(OUTDIR, "sweep-grid.png")
    check(order_ok and numbers_ok and best_ok, "Sweep: Run fills the Results table (8 variants in order, "
          "loss and accuracy on train and test) and names the best: %r / %r" % (names, text_of(status)))

    # ---- 2. a click on a row makes it the current model ----
    # no AT-SPI action on a list row either: a click (rows activate on one)
    row = rows_of(results)[5]
    x, y = row.position
    w, h = row.size
    rawinput.click(x + w // 2, y + h // 2)
    wait_for(lambda: "is the current model now" in text_of(status), "the variant adopted", timeout=20)
    check(text_of(status).startswith("lr=2 seed=2 is the current model now"),
          "Sweep: a click on a row makes that variant the current model: %r" % text_of(status))
    check(refused_ok, "Sweep: lr=0 is refused naming the value")
finally:
    stop(proc)
