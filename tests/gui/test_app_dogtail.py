#!/usr/bin/python3
"""End-to-end tests of perceptron-studio through AT-SPI (dogtail), GTK 4.8.

usage: test_app_dogtail.py /path/to/perceptron-studio OUTDIR
Runs inside tests/gui/with-xvfb-dbus.sh (private Xvfb + session bus).

Scenarios, each on a fresh app process:
  1. XOR: pick the dataset, build [2, 3, 1] sigmoid in the layer editor,
     Train, watch the epoch counter rise and the accuracy reach 100 %, Pause,
     Evaluate, export the boundary view as PNG and check its pixels.
  2. `perceptron-studio points.csv` loads the CSV (HANDLES_OPEN).
  3. `perceptron-studio bad.csv`: the error shows in the window and the
     previous dataset (XOR) stays.
  4. `--preset mnist-3-2` (the shipped MNIST, no folder): load and train one epoch.
  5. The timeline: XOR paced, scrubbed to epochs 50, 200, 1000, replayed
     (Play), and trained on from epoch 200 (Train from here).
Screenshots (import -window root) go to OUTDIR.
"""
import os
import re
import subprocess
import sys
import time

from dogtail.config import config
config.checkForA11y = False        # before importing dogtail.tree
config.logDebugToFile = False
config.actionDelay = 0.1
config.defaultDelay = 0.1
config.typingDelay = 0.02
config.searchBackoffDuration = 0.2
config.searchCutoffCount = 50      # ~10 s per search
from dogtail import tree, rawinput  # noqa: E402
import cairo                         # noqa: E402

EXE, OUTDIR = sys.argv[1], sys.argv[2]
os.makedirs(OUTDIR, exist_ok=True)
TIMINGS = []


def wait_for(fn, what, timeout=15.0):
    end = time.monotonic() + timeout
    last = None
    while time.monotonic() < end:
        try:
            v = fn()
        except Exception as e:  # nodes can vanish while the UI rebuilds
            v, last = None, e
        if v:
            return v
        time.sleep(0.05)
    raise AssertionError("timed out waiting for %s (%r)" % (what, last))


_last_mark = [time.monotonic()]


def mark(label):
    now = time.monotonic()
    TIMINGS.append((label, now - _last_mark[0]))
    _last_mark[0] = now


def screenshot(name):
    # the pointer off the window: no hover tooltip in the picture
    subprocess.run(["xdotool", "mousemove", "1020", "764"], check=False)
    time.sleep(0.1)
    subprocess.run(["import", "-window", "root", os.path.join(OUTDIR, name)], check=True)


def clean(name):
    return (name or "").replace("_", "")


def mapped(n):
    """GTK 4.8 sets no 'showing' state; a widget on a hidden stack page or in a
    hidden revealer has an empty extent."""
    try:
        w, h = n.size
        return w > 0 and h > 0
    except Exception:
        return False


def find(root, role, name=None, description=None, showing=False):
    def pred(n):
        if n.roleName != role:
            return False
        # GTK 4.8 names a mnemonic button "_Export Export": accept that too
        if name is not None and clean(n.name) != name and not clean(n.name).endswith(" " + name):
            return False
        if description is not None and n.description != description:
            return False
        if showing and not mapped(n):
            return False
        return True
    return wait_for(lambda: root.findChild(pred, retry=False, requireResult=False),
                    "%s %r %r" % (role, name, description))


def click(root, role, name):
    node = find(root, role, name, showing=True)
    node.doActionNamed("click")
    return node


def pick(root, combo_name, item):
    """GtkDropDown: open its popover by the toggle's click action, move the
    focus with the arrow keys, Return (items have no action in GTK 4.8)."""
    dd = find(root, "combo box", combo_name, showing=True)
    toggle = dd.child(roleName="push button")
    toggle.doActionNamed("click")
    lst = wait_for(lambda: dd.findChild(lambda n: n.roleName == "list", retry=False,
                                        requireResult=False), "popup list of " + combo_name)
    items = [c for c in lst.children if c.roleName == "list item"]
    names = [c.child(roleName="label").name for c in items]
    wait_for(lambda: [i for i, c in enumerate(items) if c.focused], "focused item")
    time.sleep(0.3)   # the popover takes the keyboard focus a moment later
    target = names.index(item)
    # Home, then down: independent of where the focus starts (and the first
    # key after opening is sometimes not the one that lands)
    rawinput.pressKey("Home")
    for _ in range(target):
        rawinput.pressKey("Down")
    wait_for(lambda: items[target].focused, "focus on " + item, timeout=5)
    cur = target
    rawinput.pressKey("Return")
    wait_for(lambda: item in [l.name for l in toggle.findChildren(lambda n: n.roleName == "label")],
             "dropdown %s to show %s" % (combo_name, item))


_epoch_nodes = {}


def epoch_of(app):
    # search once: a tree search costs many D-Bus round trips
    node = _epoch_nodes.get(id(app))
    if node is None:
        node = _epoch_nodes[id(app)] = find(app, "label", description="epoch counter")
    m = re.match(r"Epoch (\d+)", node.name)
    return int(m.group(1)) if m else -1


def start(*args, env=None):
    e = dict(os.environ)
    if env:
        e.update(env)
    proc = subprocess.Popen([EXE] + list(args), env=e)
    t0 = time.monotonic()
    _last_mark[0] = t0
    app = tree.root.application("perceptron-studio")
    find(app, "frame", "Perceptron Studio")
    TIMINGS.append(("startup", time.monotonic() - t0))
    return proc, app


def stop(proc):
    proc.terminate()
    try:
        proc.wait(5)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
    # the app must be gone from the desktop before the next one starts
    wait_for(lambda: not [a for a in tree.root.applications() if a.name == "perceptron-studio"],
             "app to leave the AT-SPI desktop", timeout=10)


def read_png(path):
    surf = cairo.ImageSurface.create_from_png(path)
    w, h, stride, data = surf.get_width(), surf.get_height(), surf.get_stride(), surf.get_data()

    def px(x, y):
        o = y * stride + x * 4
        return (data[o + 2], data[o + 1], data[o])
    return w, h, px


# ---------------------------------------------------------------------------
def scenario_xor():
    export_path = os.path.join(OUTDIR, "dogtail-boundary.png")
    if os.path.exists(export_path):
        os.unlink(export_path)
    proc, app = start(env={"PS_EXPORT_PATH": export_path})
    try:
        # -- dataset: another one, then XOR
        click(app, "page tab", "Dataset")
        pick(app, "Dataset", "AND gate")
        wait_for(lambda: find(app, "label", description="dataset name").name == "and", "AND loaded")
        pick(app, "Dataset", "XOR gate")
        wait_for(lambda: find(app, "label", description="dataset name").name == "xor", "XOR loaded")
        info = find(app, "label", description="dataset info").name
        assert info.startswith("4 samples · 2 features · 2 classes"), info

        mark("xor: dataset picked")
        # -- network: remove the hidden layer, add one, 3 sigmoid units
        click(app, "page tab", "Network")
        click(app, "push button", "Remove hidden layer 1")
        summary = find(app, "label", description="model summary")
        wait_for(lambda: "Total params: 3" in summary.name, "perceptron-sized summary")
        click(app, "push button", "Add Layer")
        units = find(app, "spin button", "Units in hidden layer 1", showing=True)
        units.value = 3
        wait_for(lambda: "Total params: 13" in find(app, "label", description="model summary").name,
                 "summary of [2, 3, 1]: 13 parameters")
        act = find(app, "combo box", "Activation of hidden layer 1", showing=True)
        assert "Sigmoid" in [l.name for l in act.findChildren(lambda n: n.roleName == "label")]
        out = find(app, "combo box", "Output activation", showing=True)
        assert "Sigmoid" in [l.name for l in out.findChildren(lambda n: n.roleName == "label")]

        mark("xor: network built")
        # -- training: many epochs so that the counter visibly rises
        click(app, "page tab", "Training")
        epochs = find(app, "spin button", "Epochs", showing=True)
        epochs.value = 100000000   # XOR epochs take ~2 µs: long enough to watch
        wait_for(lambda: epochs.value == 100000000, "epochs 100000000")
        lr = find(app, "spin button", "Learning rate", showing=True)
        assert abs(lr.value - 0.5) < 1e-9, lr.value
        # a small set starts paced (100 epochs/s: log10 position 2); this
        # scenario wants the end of learning, so Max
        speed = find(app, "slider", "Speed", showing=True)
        assert abs(speed.value - 2) < 1e-6, speed.value
        speed.value = speed.maxValue
        wait_for(lambda: find(app, "label", description="training speed").name == "Max", "speed Max")
        mark("xor: settings")
        # look up what we need while training before it starts: every tree
        # search is many D-Bus round trips, slow while the labels update
        pause = find(app, "push button", "Pause", showing=True)
        status = find(app, "label", description="training status")
        window_status = find(app, "label", description="window status")
        epoch_of(app)
        click(app, "push button", "Train")
        e1 = wait_for(lambda: epoch_of(app) > 0 and epoch_of(app), "epoch counter to start")
        e2 = wait_for(lambda: epoch_of(app) > e1 and epoch_of(app), "epoch counter to rise")
        print("epoch counter rose: %d -> %d" % (e1, e2))
        mark("xor: counter rose")
        wait_for(lambda: "accuracy 100.0 %" in status.name, "accuracy 100 %", timeout=30)
        mark("xor: accuracy 100")
        screenshot("dogtail-xor-training.png")
        m = re.search(r"([\d.]+) (k |M )?samples/s", status.name)
        assert m, status.name
        print("status while training:", status.name)

        t0 = time.monotonic()
        pause.doActionNamed("click")
        wait_for(lambda: window_status.name.startswith("Paused"), "Paused")
        TIMINGS.append(("pause (through AT-SPI)", time.monotonic() - t0))
        paused_at = epoch_of(app)
        time.sleep(0.3)
        assert epoch_of(app) == paused_at, "epoch counter moved after Pause"
        assert find(app, "push button", "Train").sensitive

        mark("xor: paused")
        # -- evaluate: a dialog with the loss and accuracy on the truth table
        click(app, "push button", "Evaluate")
        results = find(tree.root.application("perceptron-studio"), "label",
                       description="Evaluation results")
        wait_for(lambda: "100" in results.name, "evaluation to show 100 % accuracy")
        print("evaluate:", results.name)
        screenshot("dogtail-xor-evaluate.png")
        rawinput.pressKey("Escape")
        wait_for(lambda: not [f for f in app.children if f.roleName == "frame" and f.name == "Evaluate"],
                 "evaluate dialog to close", timeout=5)

        mark("xor: evaluated")
        # -- export the boundary view as PNG (PS_EXPORT_PATH names the file)
        click(app, "page tab", "Boundary")
        click(app, "push button", "Export view")
        dialog = wait_for(lambda: [f for f in app.children if f.roleName == "frame" and f.name == "Export View"],
                          "export dialog")[0]
        exp = find(dialog, "push button", "Export", showing=True)
        exp.doActionNamed("click")
        wait_for(lambda: os.path.exists(export_path) and os.path.getsize(export_path) > 0, "exported PNG")
        w, h, px = read_png(export_path)
        print("exported %s: %dx%d" % (export_path, w, h))
        assert w >= 100 and h >= 100, (w, h)
        # XOR learnt: (0,0) and (1,1) are one class, (0,1) and (1,0) the other.
        # The plot spans the data with a margin, so the quadrant centres of the
        # plot area are near the four points: opposite corners share a colour.
        tl, tr = px(int(w * 0.3), int(h * 0.3)), px(int(w * 0.7), int(h * 0.3))
        bl, br = px(int(w * 0.3), int(h * 0.7)), px(int(w * 0.7), int(h * 0.7))
        print("quadrant pixels", tl, tr, bl, br)

        def dist(a, b):
            return sum(abs(x - y) for x, y in zip(a, b))
        assert dist(tl, br) < dist(tl, tr) and dist(tl, br) < dist(tl, bl), (tl, tr, bl, br)
        assert dist(tr, bl) < dist(tr, tl) and dist(tr, bl) < dist(tr, br), (tl, tr, bl, br)
        assert dist(tl, tr) > 60, ("classes not told apart", tl, tr)
        mark("xor: exported")
    except Exception:
        screenshot("dogtail-xor-failure.png")
        raise
    finally:
        stop(proc)


def scenario_csv():
    path = os.path.join(OUTDIR, "points.csv")
    with open(path, "w") as f:
        f.write("x,y,label\n")
        for i in range(40):
            a, b = (i % 7) / 7.0, (i % 5) / 5.0
            f.write("%.3f,%.3f,%s\n" % (a, b, "left" if a < 0.5 else "right"))
    proc, app = start(path)
    try:
        name = find(app, "label", description="dataset name")
        wait_for(lambda: name.name == "points.csv", "points.csv loaded")
        info = find(app, "label", description="dataset info").name
        assert info.startswith("40 samples · 2 features · 2 classes"), info
        preview = find(app, "label", description="CSV preview")
        assert preview.name.startswith("x"), preview.name
        label_col = find(app, "combo box", "Label column", showing=True)
        assert label_col is not None
        click(app, "page tab", "Training")
        click(app, "push button", "Train")
        wait_for(lambda: find(app, "label", description="window status").name.startswith("Finished"),
                 "training on the CSV to finish", timeout=30)
        screenshot("dogtail-csv.png")
    except Exception:
        screenshot("dogtail-csv-failure.png")
        raise
    finally:
        stop(proc)


def scenario_bad_csv():
    path = os.path.join(OUTDIR, "bad.csv")
    with open(path, "w") as f:
        f.write("x,y,label\n0.1,0.2,a\n0.3,not-a-number,b\n")
    proc, app = start(path)
    try:
        err = find(app, "label", description="error message")
        wait_for(lambda: "bad.csv" in err.name, "error banner naming bad.csv")
        print("error shown:", err.name)
        wait_for(lambda: mapped(err), "banner shown")
        assert find(app, "label", description="dataset name").name == "xor"
        assert find(app, "label", description="dataset info").name.startswith("4 samples")
        screenshot("dogtail-bad-csv.png")
        click(app, "push button", "Dismiss")
        wait_for(lambda: find(app, "label", description="error message").name in ("", "GtkLabel"),
                 "banner cleared")
    except Exception:
        screenshot("dogtail-bad-csv-failure.png")
        raise
    finally:
        stop(proc)


def scenario_mnist():
    # no --mnist: the MNIST subset the repository ships (data/datasets/mnist)
    proc, app = start("--preset", "mnist-3-2")
    try:
        name = find(app, "label", description="dataset name")
        wait_for(lambda: name.name == "MNIST", "MNIST loaded", timeout=180)
        info = find(app, "label", description="dataset info").name
        assert "784 features · 10 classes" in info, info
        summary = find(app, "label", description="model summary").name
        assert "2,393" in summary or "2393" in summary, summary   # the notebook's 784-3-2-10 count
        click(app, "page tab", "Training")
        epochs = find(app, "spin button", "Epochs", showing=True)
        epochs.value = 1
        wait_for(lambda: epochs.value == 1, "1 epoch")
        click(app, "push button", "Train")
        wait_for(lambda: find(app, "label", description="window status").name.startswith("Finished"),
                 "the MNIST epoch", timeout=120)
        assert epoch_of(app) == 1
        status = find(app, "label", description="training status").name
        assert "val. accuracy" in status, status
        print("MNIST:", status)
        click(app, "page tab", "Samples")
        time.sleep(0.3)
        screenshot("dogtail-mnist.png")
    except Exception:
        screenshot("dogtail-mnist-failure.png")
        raise
    finally:
        stop(proc)


def scenario_timeline():
    """The notebook's XOR as the app opens on it: paced, then scrubbed to
    epochs 50, 200 and 1000, replayed, and trained on from epoch 200."""
    proc, app = start()
    try:
        click(app, "page tab", "Training")
        speed_label = find(app, "label", description="training speed")
        assert speed_label.name == "100 epochs/s", speed_label.name
        status = find(app, "label", description="window status")
        shown = find(app, "label", description="epoch shown")
        timeline = find(app, "slider", "Timeline", showing=True)
        click(app, "page tab", "Boundary")
        click(app, "push button", "Train")
        e1 = wait_for(lambda: epoch_of(app) > 0 and epoch_of(app), "epoch counter to start")
        # 1000 epochs at 100 a second cannot be over when the counter first moves
        assert e1 < 1000 and not status.name.startswith("Finished"), (e1, status.name)
        wait_for(lambda: epoch_of(app) > e1, "epoch counter to rise")
        time.sleep(1.0)
        screenshot("timeline-xor-paced.png")
        # the pace changes while the run trains: Max for the rest
        speed = find(app, "slider", "Speed", showing=True)
        speed.value = speed.maxValue
        wait_for(lambda: status.name.startswith("Finished"), "the run to finish", timeout=60)
        assert epoch_of(app) == 1000, epoch_of(app)
        wait_for(lambda: timeline.maxValue == 1000, "the timeline to span 1000 epochs")

        mark("timeline: trained")
        for e in (50, 200, 1000):
            timeline.value = e
            want = "Epoch %d of 1000" % e if e < 1000 else "Epoch 1000"
            wait_for(lambda: shown.name == want, want)
            time.sleep(0.4)
            screenshot("timeline-xor-%04d.png" % e)
        # the run's own counter does not move while scrubbing
        assert epoch_of(app) == 1000
        # the curves with the cursor at 200, the weights and the diagram as
        # they were then
        timeline.value = 200
        wait_for(lambda: shown.name == "Epoch 200 of 1000", "epoch 200 again")
        for page in ("Curves", "Weights", "Diagram"):
            click(app, "page tab", page)
            time.sleep(0.4)
            screenshot("timeline-xor-0200-%s.png" % page.lower())
        click(app, "page tab", "Boundary")
        timeline.value = 1000
        wait_for(lambda: shown.name == "Epoch 1000", "live again")

        # Play replays the run (at Max: in ~5 s) and ends live
        timeline.value = 0
        wait_for(lambda: shown.name == "Epoch 0 of 1000", "epoch 0")
        seen = set()
        click(app, "push button", "Play")

        def ended():
            seen.add(shown.name)
            return shown.name == "Epoch 1000"
        wait_for(ended, "the replay to end", timeout=30)
        assert len(seen) >= 4, seen
        mark("timeline: replayed")

        # Train from here: epochs after 200 go, a new run of 1000 follows
        timeline.value = 200
        wait_for(lambda: shown.name == "Epoch 200 of 1000", "epoch 200")
        click(app, "push button", "Train from here")
        wait_for(lambda: epoch_of(app) == 1200 and status.name.startswith("Finished"),
                 "the run from epoch 200 to finish", timeout=60)
        wait_for(lambda: shown.name == "Epoch 1200", "live at 1200")
        mark("timeline: trained from 200")
    except Exception:
        screenshot("timeline-failure.png")
        raise
    finally:
        stop(proc)


# --help works without a display and lists our options
helptext = subprocess.run([EXE, "--help"], capture_output=True, text=True, check=True).stdout
assert "--mnist=FOLDER" in helptext and "--preset=ID" in helptext, helptext

failures = 0
scenarios = [scenario_xor, scenario_csv, scenario_bad_csv, scenario_mnist, scenario_timeline]
only = os.environ.get("PS_DOGTAIL_ONLY")
for sc in scenarios:
    if only and only not in sc.__name__:
        continue
    t0 = time.monotonic()
    try:
        sc()
        print("ok %s (%.1f s)" % (sc.__name__, time.monotonic() - t0))
    except Exception as e:
        failures += 1
        print("FAIL %s: %s" % (sc.__name__, e))
        import traceback
        traceback.print_exc()
for what, secs in TIMINGS:
    print("TIMING %s %.3f s" % (what, secs))
print("%d failed" % failures)
sys.exit(1 if failures else 0)
