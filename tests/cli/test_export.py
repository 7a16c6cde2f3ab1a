#!/usr/bin/python3
# test_export.py: `perceptron export`, end to end (TAP output)
#
# Copyright 2026 The Perceptron Studio authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# usage: test_export.py PERCEPTRON   (run with Debian's /usr/bin/python3,
# which has python3-torch and python3-numpy)
# - PyTorch: models trained here (XOR [2,3,1] sigmoid, a softmax classifier
#   with standard scaling, a step perceptron on AND, tanh/relu/linear
#   layers) are exported, the file is run as a script on the raw features
#   and imported for predict(); both equal `perceptron predict` within 1e-5.
# - Keras (not installable here): the file compiles, and the arrays it
#   hands set_weights(), parsed back with ast, equal the model file's
#   weights exactly; the layers, activations and compile() settings are
#   the model's.
# - Refusals: unknown or missing --format, missing -o, a missing or broken
#   model, a bad output path: exit 1 with one "perceptron:" message naming
#   the problem, and nothing written.

import ast
import csv
import importlib.util
import json
import math
import os
import py_compile
import random
import subprocess
import sys
import tempfile
import types

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'robust'))
from clitest import assert_refused, finish, run, test  # noqa: E402

TMP = tempfile.mkdtemp(prefix='ps-export-')
TOL = 1e-5

try:
    import numpy as np
    import torch
    HAVE_TORCH = True
except ImportError as e:  # said in the test's name, never silently passed
    HAVE_TORCH = False
    TORCH_WHY = str(e)


def path(name):
    return os.path.join(TMP, name)


def write_csv(name, rows, labels):
    fn = path(name)
    with open(fn, 'w', newline='') as f:
        w = csv.writer(f)
        w.writerow(['x%d' % i for i in range(len(rows[0]))] + ['label'])
        for r, y in zip(rows, labels):
            w.writerow(list(r) + [y])
    return fn


def ok(p):
    assert p.returncode == 0, f'exit {p.returncode}: {p.stderr}'
    return p


def train(model, data, layers, *extra):
    ok(run('train', '--data', data, '--layers', layers, '--quiet', '--seed', '1',
           '--save', model, *extra, timeout=120))
    with open(model) as f:
        return json.load(f)


def export(model, fmt, out):
    ok(run('export', model, '--format', fmt, '-o', out))
    with open(out) as f:
        return f.read()


def predict_rows(model, data):
    p = ok(run('predict', model, '--data', data))
    return [[float(v) for v in line.split(',')] for line in p.stdout.splitlines()]


def assert_close(got, want, what):
    assert len(got) == len(want), f'{what}: {len(got)} rows, expected {len(want)}'
    worst = 0.0
    for i, (g, w) in enumerate(zip(got, want)):
        assert len(g) == len(w), f'{what}: row {i} has {len(g)} outputs, expected {len(w)}'
        for a, b in zip(g, w):
            worst = max(worst, abs(a - b))
            assert abs(a - b) <= TOL, f'{what}: row {i}: {g} against perceptron predict {w}'
    return worst


def load_module(fn, name):
    spec = importlib.util.spec_from_file_location(name, fn)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


# ---- a stand-in for tf.keras (Keras cannot be installed here) ----------------
# Just enough of tf.keras, in numpy, to run an exported file: Sequential,
# Input, Dense, Flatten, Model, set_weights (shapes checked), compile
# (recorded), predict. It lets the test run the Keras file's two models on
# the data and compare them with perceptron predict.

class _Recorded:
    def __init__(self, *args, **kwargs):
        self.args, self.kwargs = args, kwargs


class _Factory:
    """tf.keras.losses / optimizers / metrics: any class name, recorded."""
    def __getattr__(self, name):
        return type(name, (_Recorded,), {})


def _activation(name_or_fn, z):
    if callable(name_or_fn):
        return np.asarray(name_or_fn(z), dtype=np.float32)
    if name_or_fn in (None, 'linear'):
        return z
    if name_or_fn == 'sigmoid':
        return (1.0 / (1.0 + np.exp(-z))).astype(np.float32)
    if name_or_fn == 'tanh':
        return np.tanh(z)
    if name_or_fn == 'relu':
        return np.maximum(z, 0)
    if name_or_fn == 'softmax':
        e = np.exp(z - z.max(axis=1, keepdims=True))
        return (e / e.sum(axis=1, keepdims=True)).astype(np.float32)
    raise AssertionError(f'unknown activation {name_or_fn!r}')


class _Node:
    def __init__(self, layer, parent, shape=None):
        self.layer, self.parent, self.shape = layer, parent, shape


class _Dense:
    def __init__(self, units, activation=None, input_shape=None):
        self.units, self.activation, self.input_shape = units, activation, input_shape
        self.kernel = self.bias = None

    def __call__(self, node):
        return _Node(self, node)

    def forward(self, x):
        return _activation(self.activation, (x @ self.kernel + self.bias).astype(np.float32))


class _Flatten:
    def __init__(self, input_shape=None):
        self.input_shape = input_shape

    def __call__(self, node):
        return _Node(self, node)

    def forward(self, x):
        return x.reshape(len(x), -1)


class _Model:
    def __init__(self, layers, input_shape):
        self.layers, self.input_shape, self.compiled = layers, tuple(input_shape), None

    def set_weights(self, weights):
        dense = [layer for layer in self.layers if isinstance(layer, _Dense)]
        assert len(weights) == 2 * len(dense), (len(weights), len(dense))
        width = int(np.prod(self.input_shape))
        for i, layer in enumerate(dense):
            k, b = weights[2 * i], weights[2 * i + 1]
            assert k.dtype == np.float32 and b.dtype == np.float32
            assert k.shape == (width, layer.units) and b.shape == (layer.units,), (k.shape, b.shape)
            layer.kernel, layer.bias = k, b
            width = layer.units

    def compile(self, **kwargs):
        self.compiled = kwargs

    def summary(self):
        pass

    def predict(self, x, verbose=0):
        x = np.asarray(x, dtype=np.float32)
        assert x.shape[1:] == self.input_shape, (x.shape, self.input_shape)
        for layer in self.layers:
            x = layer.forward(x)
        return x


def _sequential(layers):
    first = layers[0]
    assert first.input_shape is not None, 'the first layer gives no input_shape'
    return _Model(layers, first.input_shape)


def _functional(inputs, outputs):
    layers, node = [], outputs
    while node.layer is not None:
        layers.insert(0, node.layer)
        node = node.parent
    assert node is inputs
    return _Model(layers, inputs.shape)


def fake_tensorflow():
    keras = types.SimpleNamespace(
        models=types.SimpleNamespace(Sequential=_sequential, Model=_functional),
        layers=types.SimpleNamespace(Dense=_Dense, Flatten=_Flatten,
                                     Input=lambda shape: _Node(None, None, shape)),
        losses=_Factory(), optimizers=_Factory(), metrics=_Factory())
    return types.SimpleNamespace(keras=keras, cast=lambda x, dtype: np.asarray(x).astype(dtype))


def load_keras(fn, name):
    saved = sys.modules.get('tensorflow')
    sys.modules['tensorflow'] = fake_tensorflow()
    try:
        return load_module(fn, name)
    finally:
        if saved is None:
            del sys.modules['tensorflow']
        else:
            sys.modules['tensorflow'] = saved


GATE_ROWS = [(0, 0), (0, 1), (1, 0), (1, 1)]

rng = random.Random(12)
# Three blobs in raw units far from [0, 1] (the scaling matters).
BLOB_ROWS, BLOB_LABELS = [], []
for i in range(150):
    c = i % 3
    cx, cy = [(10.0, 200.0), (14.0, 260.0), (18.0, 210.0)][c]
    BLOB_ROWS.append((round(rng.gauss(cx, 1.5), 4), round(rng.gauss(cy, 20.0), 3)))
    BLOB_LABELS.append(c)
BLOBS = write_csv('blobs.csv', BLOB_ROWS, BLOB_LABELS)

# A ring: inside vs outside, for tanh/relu hidden layers.
RING_ROWS, RING_LABELS = [], []
for i in range(200):
    x, y = rng.uniform(-3, 3), rng.uniform(-3, 3)
    RING_ROWS.append((round(x, 5), round(y, 5)))
    RING_LABELS.append(1 if x * x + y * y < 4 else 0)
RING = write_csv('ring.csv', RING_ROWS, RING_LABELS)

CASES = {
    # name: (data, rows, layers, train options)
    'xor': ('xor', GATE_ROWS, '2,3:sigmoid,1:sigmoid', ('--epochs', '2000', '--lr', '0.5', '--scale', 'none')),
    'softmax': (BLOBS, BLOB_ROWS, '2,6:sigmoid,3:softmax', ('--epochs', '60', '--lr', '0.5', '--scale', 'standard')),
    'step': ('and', GATE_ROWS, '2,1:step', ('--optimizer', 'delta', '--reduction', 'sum', '--lr', '0.1',
                                            '--epochs', '20', '--init', 'notebook')),
    'tanh-relu': (RING, RING_ROWS, '2,8:tanh,6:relu,4:linear,1:sigmoid', ('--epochs', '40', '--lr', '0.3')),
}
MODELS = {}
for name, (data, rows, layers, extra) in CASES.items():
    MODELS[name] = (path(name + '.json'), train(path(name + '.json'), data, layers, *extra))

# A 2 x 2 "image" model (Flatten in Keras), written by hand: 4 inputs, unit
# scaling, 4 -> 3 relu -> 2 softmax.
IMG_ROWS = [[rng.randint(0, 255) for _ in range(4)] for _ in range(30)]
IMG_CSV = write_csv('img.csv', IMG_ROWS, [i % 2 for i in range(30)])
IMG_JSON = {
    'format': 'perceptron-studio-model', 'version': 1, 'inputs': 4, 'input_shape': [2, 2],
    'loss': 'cross-entropy',
    'scaling': {'kind': 'unit', 'shift': [0, 0, 0, 0], 'scale': [0.00392156886, 0.00392156886, 0.00392156886,
                                                                 0.00392156886]},
    'layers': [
        {'type': 'dense', 'units': 3, 'activation': 'relu',
         'weights': [[0.5, -0.25, 0.125], [-0.75, 0.5, 0.25], [0.3, 0.2, -0.1], [0.05, -0.6, 0.9]],
         'bias': [0.1, -0.2, 0.05]},
        {'type': 'dense', 'units': 2, 'activation': 'softmax',
         'weights': [[1.5, -1.0], [-0.5, 0.75], [0.25, 0.3]], 'bias': [0.01, -0.02]}],
    'classes': ['0', '1'],
}
with open(path('img.json'), 'w') as f:
    json.dump(IMG_JSON, f)
MODELS['image'] = (path('img.json'), IMG_JSON)
CASES_ALL = dict(CASES, image=(IMG_CSV, IMG_ROWS, '4,3:relu,2:softmax (2 x 2 input)', ()))


def features_csv(name, rows):
    fn = path(name + '-features.csv')
    with open(fn, 'w', newline='') as f:
        w = csv.writer(f)
        w.writerow(['a%d' % i for i in range(len(rows[0]))])
        w.writerows(rows)
    return fn


if HAVE_TORCH:
    for name, (data, rows, layers, extra) in CASES_ALL.items():
        @test(f'pytorch {name} ({layers}): the script and predict() equal perceptron predict within 1e-5')
        def _(name=name, data=data, rows=rows):
            model, _js = MODELS[name]
            out = path(f'{name}_torch.py')
            src = export(model, 'pytorch', out)
            assert 'nn.Sequential(' in src, src[:400]
            want = predict_rows(model, data)
            p = subprocess.run([sys.executable, out, features_csv(name, rows)], capture_output=True,
                               text=True, timeout=120)
            assert p.returncode == 0, p.stderr
            got = [[float(v) for v in line.split(',')] for line in p.stdout.splitlines()]
            worst = assert_close(got, want, f'{name}: the script')
            mod = load_module(out, f'{name.replace("-", "_")}_torch')
            got = mod.predict(rows)
            assert got.dtype == torch.float32, got.dtype
            worst = max(worst, assert_close(got.tolist(), want, f'{name}: predict()'))
            print(f'# pytorch {name}: {len(rows)} samples, largest difference {worst:.3g}')
else:
    @test(f'pytorch exports: SKIPPED, no torch in {sys.executable} ({TORCH_WHY})')
    def _():
        pass


@test('pytorch: the layers are the model\'s, the step is a (z > 0) module, W loaded transposed')
def _():
    src = export(MODELS['step'][0], 'pytorch', path('step_src.py'))
    assert 'class Step(nn.Module)' in src and '(z > 0)' in src, src
    assert 'nn.Linear(2, 1),\n    Step(),' in src, src
    src = export(MODELS['tanh-relu'][0], 'pytorch', path('tr_src.py'))
    body = src[src.index('nn.Sequential('):src.index(')\n\n')]
    assert body.strip().split('\n')[1:] == ['    nn.Linear(2, 8),', '    nn.Tanh(),', '    nn.Linear(8, 6),',
                                    '    nn.ReLU(),', '    nn.Linear(6, 4),', '    nn.Linear(4, 1),',
                                    '    nn.Sigmoid(),'], body
    assert '.T)' in src and 'class Step' not in src
    src = export(MODELS['softmax'][0], 'pytorch', path('sm_src.py'))
    assert 'nn.Softmax(dim=-1)' in src


if HAVE_TORCH:
    @test('pytorch step: the value at z = 0 is 0, as the perceptron\'s (hand-set weights)')
    def _():
        model, js = MODELS['step']
        js = dict(js)
        js.pop('scaling', None)
        js['layers'] = [dict(js['layers'][0], weights=[[0.5], [0.5]], bias=[-0.5])]
        fn = path('step-zero.json')
        with open(fn, 'w') as f:
            json.dump(js, f)
        out = path('step_zero_torch.py')
        export(fn, 'pytorch', out)
        want = predict_rows(fn, 'and')
        assert want == [[0.0], [0.0], [0.0], [1.0]], want   # z = 0 at (0, 1) and (1, 0)
        got = load_module(out, 'step_zero_torch').predict(GATE_ROWS).tolist()
        assert got == want, got

    @test('pytorch: the weights in the file are the model file\'s exactly (float32)')
    def _():
        model, js = MODELS['softmax']
        mod = load_module(path('softmax_torch.py'), 'softmax_torch_w')
        linears = [m for m in mod.model if isinstance(m, torch.nn.Linear)]
        assert len(linears) == len(js['layers'])
        for lin, layer in zip(linears, js['layers']):
            w = np.array(layer['weights'], dtype=np.float32).T
            assert np.array_equal(lin.weight.detach().numpy(), w)
            assert np.array_equal(lin.bias.detach().numpy(), np.array(layer['bias'], dtype=np.float32))
        assert mod.SHIFT == js['scaling']['shift'] and mod.SCALE == js['scaling']['scale']


def keras_weights(src):
    """The arrays of WEIGHTS = [np.array(LIST, dtype=np.float32), ...]."""
    tree = ast.parse(src)
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, 'id', '') == 'WEIGHTS' for t in node.targets):
            arrays = []
            for call in node.value.elts:
                assert isinstance(call, ast.Call) and ast.unparse(call.func) == 'np.array', ast.unparse(call)
                assert [ast.unparse(k) for k in call.keywords] == ['dtype=np.float32'], ast.unparse(call)
                arrays.append(ast.literal_eval(call.args[0]))
            return arrays
    raise AssertionError('no WEIGHTS = [...] in the Keras file')


def calls_of(src, name):
    return [ast.unparse(n) for n in ast.walk(ast.parse(src))
            if isinstance(n, ast.Call) and ast.unparse(n.func).endswith(name)]


for name in CASES_ALL:
    @test(f'keras {name}: compiles, and the arrays for set_weights() are the model\'s exactly')
    def _(name=name):
        model, js = MODELS[name]
        out = path(f'{name}_keras.py')
        src = export(model, 'keras', out)
        py_compile.compile(out, cfile=path(f'{name}_keras.pyc'), doraise=True)
        arrays = keras_weights(src)
        want = []
        for layer in js['layers']:
            want += [layer['weights'], layer['bias']]
        assert len(arrays) == len(want), (len(arrays), len(want))
        for a, w in zip(arrays, want):
            assert a == w, (a, w)   # the same numbers (the same shortest digits)
        if HAVE_TORCH:   # and as float32, bit for bit
            for a, w in zip(arrays, want):
                assert np.array_equal(np.array(a, dtype=np.float32), np.array(w, dtype=np.float32))
        # both of the notebook's forms, one Dense per layer each, set_weights on both
        assert 'tf.keras.models.Sequential([' in src and 'tf.keras.models.Model(inputs=input_layer' in src
        dense = calls_of(src, 'layers.Dense')
        assert len(dense) == 2 * len(js['layers']), dense
        assert src.count('.set_weights(WEIGHTS)') == 2 and len(calls_of(src, 'layers.Input')) == 1
        for d, layer in zip(dense, js['layers']):
            act = 'step' if layer['activation'] == 'step' else repr(layer['activation'])
            assert d.startswith(f'tf.keras.layers.Dense({layer["units"]}, activation={act}'), (d, layer)


if HAVE_TORCH:   # numpy comes with it
    for name, (data, rows, layers, extra) in CASES_ALL.items():
        @test(f'keras {name}: run on a numpy stand-in for tf.keras, both forms equal perceptron predict within 1e-5')
        def _(name=name, data=data, rows=rows):
            model = MODELS[name][0]
            out = path(f'{name.replace("-", "_")}_keras_run.py')
            export(model, 'keras', out)
            mod = load_keras(out, f'{name.replace("-", "_")}_keras_run')
            want = predict_rows(model, data)
            worst = 0.0
            for m in (mod.model, mod.functional_model):
                assert m.compiled is not None, 'not compiled'
                got = mod.predict(m, rows)
                assert got.dtype == np.float32, got.dtype
                worst = max(worst, assert_close(got.tolist(), want, f'{name}: keras'))
            print(f'# keras {name} (stand-in): {len(rows)} samples, largest difference {worst:.3g}')
            opt = mod.model.compiled['optimizer']
            assert type(opt).__name__ == 'SGD' and opt.kwargs == {'learning_rate': 0.01}, opt.kwargs


@test('keras image: Flatten(input_shape=(2, 2)) and Input(shape=(2, 2)) + Flatten()')
def _():
    src = export(MODELS['image'][0], 'keras', path('img_k.py'))
    assert 'tf.keras.layers.Flatten(input_shape=(2, 2)),' in src, src
    assert 'input_layer = tf.keras.layers.Input(shape=(2, 2))' in src
    assert 'flatten = tf.keras.layers.Flatten()(input_layer)' in src
    assert 'hidden_1 = tf.keras.layers.Dense(3, activation=\'relu\')(flatten)' in src, src


@test('keras: compile() maps the loss; no stored optimizer gives SGD at 0.01 (the defaults, said so)')
def _():
    src = export(MODELS['softmax'][0], 'keras', path('sm_k.py'))
    assert 'loss=tf.keras.losses.SparseCategoricalCrossentropy()' in src, src
    assert 'SparseCategoricalAccuracy' in src
    assert 'optimizer=tf.keras.optimizers.SGD(learning_rate=0.01)' in src
    assert 'stores no optimizer' in src
    src = export(MODELS['xor'][0], 'keras', path('xor_k.py'))
    assert 'loss=tf.keras.losses.MeanSquaredError()' in src and 'BinaryAccuracy' in src
    assert "input_shape=[2,]" in src and 'Input(shape=(2,))' in src
    src = export(MODELS['step'][0], 'keras', path('step_k.py'))
    assert 'def step(z):' in src and 'tf.cast(z > 0, z.dtype)' in src


@test('keras: the input scaling is carried (SHIFT/SCALE equal the model file\'s)')
def _():
    model, js = MODELS['softmax']
    src = export(model, 'keras', path('sm_k2.py'))
    consts = {}
    for node in ast.parse(src).body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and hasattr(node.targets[0], 'id'):
            if node.targets[0].id in ('SHIFT', 'SCALE', 'INPUTS', 'CLASSES'):
                consts[node.targets[0].id] = ast.literal_eval(node.value)
    assert consts['SHIFT'] == js['scaling']['shift'] and consts['SCALE'] == js['scaling']['scale'], consts
    assert consts['INPUTS'] == 2 and consts['CLASSES'] == js.get('classes'), consts


@test('refused: unknown --format names it and the choices; missing --format; nothing written')
def _():
    model = MODELS['xor'][0]
    out = path('never.py')
    assert_refused(run('export', model, '--format', 'tensorflow', '-o', out),
                   "'tensorflow'", 'pytorch', 'keras', 'onnx', '--format')
    assert_refused(run('export', model, '-o', out), 'missing --format')
    assert_refused(run('export', model, '--format', '', '-o', out), '--format')
    assert not os.path.exists(out)


@test('refused: missing -o, an empty -o, no MODEL, an extra argument')
def _():
    model = MODELS['xor'][0]
    assert_refused(run('export', model, '--format', 'pytorch'), 'missing -o')
    assert_refused(run('export', model, '--format', 'pytorch', '-o', ''), '-o', 'empty')
    assert_refused(run('export', '--format', 'pytorch', '-o', path('x.py')), 'missing MODEL')
    assert_refused(run('export', model, 'more', '--format', 'keras', '-o', path('x.py')), "'more'")
    assert not os.path.exists(path('x.py'))


@test('refused: a missing model, a model that is not JSON, named; nothing written')
def _():
    out = path('never2.py')
    assert_refused(run('export', path('nope.json'), '--format', 'pytorch', '-o', out), 'nope.json')
    bad = path('bad.json')
    with open(bad, 'w') as f:
        f.write('{"format": ')
    assert_refused(run('export', bad, '--format', 'keras', '-o', out), 'bad.json')
    assert not os.path.exists(out)


@test('output: a missing folder and a write-protected file are refused naming the file; a symlink is written through')
def _():
    model = MODELS['xor'][0]
    assert_refused(run('export', model, '--format', 'pytorch', '-o', path('no/such/dir/m.py')), 'm.py')
    ro = path('ro.py')
    with open(ro, 'w') as f:
        f.write('old\n')
    os.chmod(ro, 0o444)
    assert_refused(run('export', model, '--format', 'pytorch', '-o', ro), 'ro.py', 'write-protected')
    with open(ro) as f:
        assert f.read() == 'old\n'
    target = path('target.py')
    link = path('link.py')
    with open(target, 'w') as f:
        f.write('old\n')
    os.symlink(target, link)
    ok(run('export', model, '--format', 'keras', '-o', link))
    assert os.path.islink(link)
    with open(target) as f:
        assert 'tf.keras.models.Sequential' in f.read()
    ok(run('export', model, '--format', 'pytorch', '-o', '/dev/null'))


@test('onnx: --format onnx writes a model that perceptron predict reads back to the same outputs')
def _():
    for name in ('xor', 'softmax'):
        model = MODELS[name][0]
        data = CASES[name][0]
        out = path(name + '.onnx')
        ok(run('export', model, '--format', 'onnx', '-o', out))
        assert os.path.getsize(out) > 0
        assert_close(predict_rows(out, data), predict_rows(model, data), name + '.onnx')


@test('--help names the formats; --format is case-insensitive')
def _():
    p = ok(run('export', '--help'))
    for w in ('--format', 'pytorch', 'keras', 'onnx', '-o'):
        assert w in p.stdout, p.stdout
    out = path('upper.py')
    ok(run('export', MODELS['xor'][0], '--format', 'PyTorch', '-o', out))
    assert math.isfinite(os.path.getsize(out)) and os.path.getsize(out) > 0


finish(TMP)
