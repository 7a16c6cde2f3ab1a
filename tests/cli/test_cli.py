#!/usr/bin/python3
"""End-to-end tests of the `perceptron` command line (TAP output).

usage: test_cli.py PERCEPTRON [GROUP]
Each test runs the real executable and checks its stdout, stderr, exit code
and the files it writes.
"""
import gzip
import json
import os
import re
import struct
import subprocess
import sys
import tempfile
import traceback
import zlib

EXE = sys.argv[1]
GROUP = sys.argv[2] if len(sys.argv) > 2 else "basic"
# The MNIST subset the repository ships (what `--data mnist` loads).
MNIST = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "data", "datasets", "mnist")
TMP = tempfile.mkdtemp(prefix="ps-cli-")

EPOCH_RE = re.compile(r"^Epoch (\d+)/(\d+) - (\d+\.\d+)s - loss: (\d+\.\d{4}) - accuracy: (\d\.\d{4})")


def run(*args, ok=True):
    p = subprocess.run([EXE, *args], capture_output=True, text=True, timeout=600)
    if ok and p.returncode != 0:
        raise AssertionError(f"exit {p.returncode}: {' '.join(args)}\nstderr: {p.stderr}")
    return p


def fails(*args, mentions=()):
    """The command must fail cleanly: non-zero exit (not a crash), one
    'perceptron:' message on stderr naming each of `mentions`."""
    p = run(*args, ok=False)
    assert p.returncode not in (0,), f"expected failure: {args}"
    assert p.returncode > 0 and p.returncode < 128, f"crashed with {p.returncode}: {p.stderr}"
    assert p.stderr.startswith("perceptron:") or "\nperceptron:" in p.stderr, p.stderr
    for m in mentions:
        assert m in p.stderr, f"stderr does not mention {m!r}: {p.stderr!r}"
    return p


def path(name):
    return os.path.join(TMP, name)


def png_size(fn):
    with open(fn, "rb") as f:
        head = f.read(24)
    assert head[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    return struct.unpack(">II", head[16:24])


def final_epoch(stdout):
    lines = [l for l in stdout.splitlines() if l.startswith("Epoch ")]
    assert lines, stdout
    m = EPOCH_RE.match(lines[-1])
    assert m, lines[-1]
    return int(m.group(1)), float(m.group(4)), float(m.group(5))


def test_help():
    p = run("--help")
    assert "train" in p.stdout and "evaluate" in p.stdout and "explain" in p.stdout
    for cmd in ("train", "evaluate", "predict", "summary", "plot", "explain"):
        p = run(cmd, "--help")
        assert "Usage:" in p.stdout, cmd


def test_summary_notebook_mnist():
    p = run("summary", "784,3:sigmoid,2:sigmoid,10:softmax")
    assert re.search(r"Total params: 2,?393", p.stdout), p.stdout
    assert "dense" in p.stdout.lower()


def test_perceptron_and3():
    """The notebook's perceptron on 3-input AND: delta rule, alpha 0.1, full batch."""
    p = run("train", "--data", "and3", "--layers", "3,1:step", "--optimizer", "delta", "--lr", "0.1",
            "--batch-size", "full", "--reduction", "sum", "--loss", "mse", "--init", "notebook",
            "--no-shuffle", "--epochs", "100", "--seed", "7", "--target-accuracy", "1")
    epoch, loss, acc = final_epoch(p.stdout)
    assert acc == 1.0, p.stdout
    assert epoch <= 100


def test_perceptron_xor_fails():
    p = run("train", "--data", "xor", "--layers", "2,1:step", "--optimizer", "delta", "--lr", "0.1",
            "--batch-size", "full", "--reduction", "sum", "--init", "notebook", "--no-shuffle",
            "--epochs", "100", "--seed", "3", "--quiet")
    _, _, acc = final_epoch(p.stdout)
    assert acc < 1.0, p.stdout


def test_xor_mlp_train_save_evaluate_predict_plot():
    model = path("xor.json")
    hist = path("xor.csv")
    curves = path("curves.png")
    boundary = path("boundary.png")
    p = run("train", "--data", "xor", "--layers", "2,3:sigmoid,1:sigmoid", "--lr", "0.5",
            "--batch-size", "full", "--reduction", "sum", "--init", "notebook", "--no-shuffle",
            "--epochs", "10000", "--seed", "2", "--print-every", "1000", "--save", model,
            "--history", hist, "--plot", f"curves={curves}", "--plot", f"boundary={boundary}",
            "--width", "640", "--height", "480")
    lines = [l for l in p.stdout.splitlines() if l.startswith("Epoch ")]
    assert 5 <= len(lines) <= 20, len(lines)
    # The model file is the documented JSON.
    with open(model) as f:
        m = json.load(f)
    assert m["format"] == "perceptron-studio-model" and m["version"] == 1 and m["inputs"] == 2
    assert [l["units"] for l in m["layers"]] == [3, 1]
    assert len(m["layers"][0]["weights"]) == 2 and len(m["layers"][0]["weights"][0]) == 3
    # History CSV: one row per epoch.
    with open(hist) as f:
        rows = f.read().splitlines()
    assert rows[0].startswith("epoch,"), rows[0]
    assert len(rows) == 10001, len(rows)
    assert png_size(curves) == (640, 480)
    assert png_size(boundary) == (640, 480)

    # evaluate / predict agree with a forward pass computed here from the JSON.
    import math

    def forward(x):
        a = x
        for layer in m["layers"]:
            w, b = layer["weights"], layer["bias"]
            z = [sum(a[i] * w[i][j] for i in range(len(a))) + b[j] for j in range(layer["units"])]
            a = [1 / (1 + math.exp(-v)) for v in z]
        return a[0]

    p = run("predict", model, "--data", "xor")
    outs = [float(l) for l in p.stdout.split()]
    assert len(outs) == 4
    for x, o in zip([(0, 0), (0, 1), (1, 0), (1, 1)], outs):
        assert abs(forward(x) - o) < 1e-4, (x, o, forward(x))
    acc_expected = sum((o > 0.5) == bool(y) for o, y in zip(outs, (0, 1, 1, 0))) / 4
    p = run("evaluate", model, "--data", "xor")
    m2 = re.search(r"accuracy: (\d\.\d+)", p.stdout)
    assert m2 and abs(float(m2.group(1)) - acc_expected) < 1e-9, p.stdout
    assert "Confusion" in p.stdout

    out = path("b2.svg")
    run("plot", model, "--data", "xor", "--kind", "boundary", "-o", out)
    with open(out, "rb") as f:
        assert b"<svg" in f.read(400)
    out = path("w.pdf")
    run("plot", model, "--kind", "weights", "-o", out)
    with open(out, "rb") as f:
        assert f.read(5) == b"%PDF-"
    p = run("summary", model)
    assert re.search(r"Total params: 13\b", p.stdout), p.stdout


def test_continue_from_model():
    model = path("c.json")
    run("train", "--data", "or", "--layers", "2,1:sigmoid", "--epochs", "3", "--save", model, "--quiet")
    p = run("train", "--data", "or", "--model", model, "--epochs", "2", "--quiet", "--save", path("c2.json"))
    with open(model) as a, open(path("c2.json")) as b:
        assert json.load(a)["layers"][0]["weights"] != json.load(b)["layers"][0]["weights"]


def test_generators_and_csv():
    for g in ("circle", "xor2d", "gauss", "spiral", "moons"):
        p = run("train", "--data", g, "--samples", "100", "--layers", "2,4:tanh,1:sigmoid",
                "--epochs", "2", "--quiet", "--val-split", "0.2")
        assert "val_loss" in p.stdout, p.stdout
    csv = path("points.csv")
    with open(csv, "w") as f:
        f.write("a;b;kind\n")
        for i in range(40):
            f.write(f"{i % 7};{(i * 3) % 5};{'yes' if i % 2 else 'no'}\n")
    p = run("train", "--data", csv, "--layers", "2,3:relu,2:softmax", "--epochs", "2", "--quiet",
            "--test-split", "0.25", "--scale", "standard")
    assert "Test - loss" in p.stdout, p.stdout
    # the same file gzipped: the same training, line for line
    with open(csv, "rb") as f, gzip.open(path("points.csv.gz"), "wb") as g:
        g.write(f.read())
    q = run("train", "--data", path("points.csv.gz"), "--layers", "2,3:relu,2:softmax", "--epochs", "2",
            "--quiet", "--test-split", "0.25", "--scale", "standard")
    strip = lambda out: [re.sub(r" - [0-9.]+s - ", " - ", line) for line in out.splitlines()]
    assert strip(q.stdout) == strip(p.stdout), (p.stdout, q.stdout)


def test_shared_default_scaling():
    """Issue 8, family 18: the CLI and the app share one default input
    scaling (PS_DEFAULT_SCALING, min-max "unit"): pixel-like features in
    [0, 255] learn without --scale, and the notebook's 0/1 tables are left as
    they are (same numbers as --scale none)."""
    import random
    r = random.Random(5)
    rows = ["x1,x2,y"] + [f"{a},{b},{int(a + b > 255)}"
                          for a, b in ((r.randint(0, 255), r.randint(0, 255)) for _ in range(400))]
    pixels = path("pixels.csv")
    with open(pixels, "w") as f:
        f.write("\n".join(rows) + "\n")
    strip_time = lambda out: [re.sub(r" - \d+\.\d+s - ", " - ", l) for l in out.splitlines()]
    args = ("train", "--data", pixels, "--layers", "2,1:sigmoid", "--lr", "0.5", "--epochs", "20",
            "--seed", "1", "--quiet")
    default = run(*args).stdout
    assert strip_time(default) == strip_time(run(*args, "--scale", "unit").stdout), default
    assert strip_time(default) != strip_time(run(*args, "--scale", "none").stdout), default
    assert final_epoch(default)[2] >= 0.95, default
    # the notebook's gates: unit scaling is the identity on 0/1 tables
    for data, layers in (("xor", "2,3:sigmoid,1:sigmoid"), ("and3", "3,1:step")):
        args = ("train", "--data", data, "--layers", layers, "--init", "notebook", "--batch-size", "full",
                "--reduction", "sum", "--no-shuffle", "--epochs", "50", "--seed", "6", "--lr", "0.5")
        assert strip_time(run(*args).stdout) == strip_time(run(*args, "--scale", "none").stdout), data
    # the app's default (its GSettings schema) is the same scaling
    schema = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "data",
                          "io.github.perceptronstudio.PerceptronStudio.gschema.xml")
    m = re.search(r'<key name="scaling"[^>]*>.*?<default>\'(\w+)\'</default>', open(schema).read(), re.S)
    assert m and m.group(1) == "unit", m and m.group(1)
    p = run("train", "--help-data")
    assert re.search(r"--scale=S .*default unit", p.stdout), p.stdout


def test_model_keeps_its_scaling():
    """A saved model records the input scaling it was trained with, and
    evaluate/predict feed other data through that same scaling instead of
    refitting min-max on it: the same rows get the same outputs whichever
    file they come from."""
    rows = [(float(i), float((i * 37) % 101), 1 if i > 50 else 0) for i in range(0, 101)]
    with open(path("wide.csv"), "w") as f:
        f.write("a,b,y\n" + "".join(f"{a},{b},{y}\n" for a, b, y in rows))
    narrow = [r for r in rows if 40 <= r[0] <= 60]
    with open(path("narrow.csv"), "w") as f:
        f.write("a,b,y\n" + "".join(f"{a},{b},{y}\n" for a, b, y in narrow))
    run("train", "--data", path("wide.csv"), "--layers", "2,4:tanh,1:sigmoid", "--epochs", "3",
        "--quiet", "--save", path("scaled.json"))
    model = json.load(open(path("scaled.json")))
    sc = model["scaling"]
    assert sc["kind"] == "unit", sc
    assert sc["shift"] == [0, 0] and abs(sc["scale"][0] - 0.01) < 1e-7, sc
    wide = run("predict", path("scaled.json"), "--data", path("wide.csv")).stdout.split()
    part = run("predict", path("scaled.json"), "--data", path("narrow.csv")).stdout.split()
    assert part == wide[40:61], (part[:3], wide[40:43])
    # an explicit --scale refits on this data, and says it replaces the model's
    p = run("predict", path("scaled.json"), "--data", path("narrow.csv"), "--scale", "standard")
    assert "replaces the model's own input scaling (unit)" in p.stderr, p.stderr
    assert p.stdout.split() != part
    # a model with no "scaling" record is fed unscaled data, as before
    del model["scaling"]
    json.dump(model, open(path("unscaled.json"), "w"))
    raw = run("predict", path("unscaled.json"), "--data", path("narrow.csv")).stdout.split()
    assert raw != part
    # a bad record is refused, naming the field
    model["scaling"] = {"kind": "unit", "shift": [0], "scale": [1, 1]}
    json.dump(model, open(path("badscale.json"), "w"))
    fails("summary", path("badscale.json"), mentions=("scaling.shift",))


def test_bad_input():
    fails("frobnicate", mentions=("frobnicate",))
    fails("train", "--data", "xor", "--layers", "2,1", "--no-such-option", mentions=("no-such-option",))
    fails("train", "--data", "xor", mentions=("--layers",))
    fails("train", "--data", "xor", "--layers", "2,x:relu,1", mentions=("x",))
    fails("train", "--data", "xor", "--layers", "2,3:wiggle,1", mentions=("wiggle",))
    fails("train", "--data", "xor", "--layers", "3,1:sigmoid", mentions=("3",))
    fails("train", "--data", "xor", "--layers", "2,1", "--optimizer", "adamw", mentions=("adamw",))
    fails("train", "--data", "nosuchset", "--layers", "2,1", mentions=("nosuchset",))
    missing = path("missing.csv")
    fails("train", "--data", missing, "--layers", "2,1", mentions=("missing.csv",))
    fails("train", "--data", path("missing.csv.gz"), "--layers", "2,1", mentions=("missing.csv.gz", "no such file"))
    with open(path("cut.csv.gz"), "wb") as f:
        z = gzip.compress(("a,b,y\n" + "".join(f"{i % 97},{i % 13},{i % 2}\n" for i in range(5000))).encode())
        f.write(z[:len(z) // 2])
    fails("train", "--data", path("cut.csv.gz"), "--layers", "2,1", mentions=("cut.csv.gz", "truncated"))

    def csv(name, text):
        fn = path(name)
        with open(fn, "w") as f:
            f.write(text)
        return fn

    fails("train", "--data", csv("ragged.csv", "a,b,y\n1,2,0\n3,4,1\n5,1\n"), "--layers", "2,1",
          mentions=("ragged.csv", "4"))
    fails("train", "--data", csv("nonnum.csv", "a,b,y\n1,2,0\n3,four,1\n"), "--layers", "2,1",
          mentions=("nonnum.csv", "3"))
    fails("train", "--data", csv("empty.csv", ""), "--layers", "2,1", mentions=("empty.csv",))

    # IDX: truncated images file, lying header.
    d = os.path.join(TMP, "idx")
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "train-images-idx3-ubyte"), "wb") as f:
        f.write(struct.pack(">IIII", 0x803, 1000, 28, 28) + bytes(784 * 10))
    with open(os.path.join(d, "train-labels-idx1-ubyte"), "wb") as f:
        f.write(struct.pack(">II", 0x801, 1000) + bytes(1000))
    fails("train", "--data", "mnist:" + d, "--layers", "784,10:softmax", mentions=("train-images-idx3-ubyte",))
    with open(os.path.join(d, "train-images-idx3-ubyte"), "wb") as f:
        f.write(struct.pack(">IIII", 0x803, 0xFFFFFFFF, 0xFFFF, 0xFFFF) + bytes(100))
    fails("train", "--data", "mnist:" + d, "--layers", "784,10:softmax", mentions=("train-images-idx3-ubyte",))
    with gzip.open(os.path.join(d, "train-images-idx3-ubyte.gz"), "wb") as f:
        f.write(struct.pack(">IIII", 0x803, 500, 28, 28) + bytes(784 * 3))
    os.remove(os.path.join(d, "train-images-idx3-ubyte"))
    fails("train", "--data", "mnist:" + d, "--layers", "784,10:softmax", mentions=("train-images-idx3-ubyte",))

    # Model files.
    bad = path("bad.json")
    with open(bad, "w") as f:
        f.write("{ not json")
    fails("summary", bad, mentions=("bad.json",))
    with open(bad, "w") as f:
        json.dump({"format": "perceptron-studio-model", "version": 1, "inputs": 2, "loss": "mse",
                   "layers": [{"type": "dense", "units": 2, "activation": "sigmoid",
                               "weights": [[1, 2], [3]], "bias": [0, 0]}]}, f)
    fails("evaluate", bad, "--data", "xor", mentions=("weights",))
    fails("summary", path("nope.json"), mentions=("nope.json",))
    fails("train", "--data", "xor", "--layers", "2,1", "--save", "/nonexistent-dir/m.json",
          mentions=("/nonexistent-dir/m.json",))
    fails("plot", bad, "--kind", "boundary", "-o", path("x.png"), "--data", "xor")


def mnist_accuracy(optimizer, lr):
    p = run("train", "--data", "mnist", "--layers", "784,128:relu,10:softmax", "--init", "glorot",
            "--scale", "unit", "--optimizer", optimizer, "--lr", str(lr), "--batch-size", "32",
            "--epochs", "10", "--seed", "1", "--quiet")
    m = re.search(r"Test - loss: (\d+\.\d+) - accuracy: (\d\.\d+)", p.stdout)
    assert m, p.stdout
    return float(m.group(2))


def test_mnist_shipped_default():
    """`--data mnist` needs no folder: the build tree's program finds the
    repository's data/datasets/mnist, the same data as mnist:DIR."""
    args = ("--layers", "784,10:softmax", "--scale", "unit", "--epochs", "1", "--seed", "3")
    a = run("train", "--data", "mnist", *args)
    b = run("train", "--data", "mnist:" + MNIST, *args)
    test_a = [l for l in a.stdout.splitlines() if l.startswith("Test - ")]
    test_b = [l for l in b.stdout.splitlines() if l.startswith("Test - ")]
    assert test_a and "(10000 samples)" in test_a[0], a.stdout
    strip_time = lambda out: [re.sub(r" - \d+\.\d+s - ", " - ", l) for l in out.splitlines()]
    assert strip_time(a.stdout) == strip_time(b.stdout), (a.stdout, b.stdout)
    assert test_a == test_b
    fails("train", "--data", "mnist:" + path("no-such-dir"), "--layers", "784,10:softmax",
          mentions=("no-such-dir",))


def test_mnist_sgd():
    acc = mnist_accuracy("sgd", 0.1)
    print(f"# MNIST 784-128-10 SGD 0.1 batch 32, 10 epochs: test accuracy {acc:.4f}")
    assert 0.935 <= acc <= 0.96, acc


def test_mnist_adam():
    acc = mnist_accuracy("adam", 0.001)
    print(f"# MNIST 784-128-10 Adam 1e-3 batch 32, 10 epochs: test accuracy {acc:.4f}")
    assert 0.94 <= acc <= 0.965, acc


GROUPS = {
    "basic": [test_help, test_summary_notebook_mnist, test_perceptron_and3, test_perceptron_xor_fails,
              test_xor_mlp_train_save_evaluate_predict_plot, test_continue_from_model,
              test_generators_and_csv, test_shared_default_scaling, test_model_keeps_its_scaling],
    "bad-input": [test_bad_input],
    "mnist": [test_mnist_shipped_default, test_mnist_sgd, test_mnist_adam],
}

tests = GROUPS[GROUP]
print(f"1..{len(tests)}")
failed = 0
for i, t in enumerate(tests, 1):
    try:
        t()
        print(f"ok {i} - {t.__name__}")
    except Exception:
        failed += 1
        print(f"not ok {i} - {t.__name__}")
        for line in traceback.format_exc().splitlines():
            print("# " + line)
sys.exit(1 if failed else 0)
