#!/usr/bin/python3
# test_onnx.py: ONNX export and import, end to end (TAP output)
#
# Copyright 2026 The Perceptron Studio authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# usage: test_onnx.py PERCEPTRON   (run with Debian's /usr/bin/python3,
# which has python3-onnx, python3-torch and python3-numpy)
# - Export: models trained here (XOR [2,3,1] sigmoid, a softmax classifier
#   with standard scaling, tanh/relu/linear layers, a step perceptron on
#   AND, unit scaling) go through `perceptron export --format onnx`; the
#   ONNX checker accepts each file (opset 13), and running its graph on the
#   raw features with a small numpy evaluator of the ops we emit equals
#   `perceptron predict` within 1e-5. (onnxruntime is not used: its npm
#   package downloads its binaries when installed.)
# - Import: torch nn.Sequential MLPs (Linear with ReLU, Sigmoid, Tanh,
#   Softmax; Flatten in front), exported by torch.onnx.export, give
#   torch's outputs through `perceptron predict FILE.onnx` within 1e-5;
#   `summary` and `evaluate` read them; our own export reads back as the
#   same model (its predict equals the JSON model's).
# - Refusals: a graph with a Conv or an LSTM node names the node and its
#   op; truncated and garbage files give one clean message; exit 1.

import csv
import json
import os
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'robust'))
from clitest import assert_refused, finish, run, test  # noqa: E402

TMP = tempfile.mkdtemp(prefix='ps-onnx-')
TOL = 1e-5
ERRORS = []     # (what, max |difference|), printed as TAP comments

try:
    import numpy as np
    import onnx
    from onnx import helper, numpy_helper, TensorProto
    import torch
except ImportError as e:
    print('1..0 # SKIP needs python3-onnx, python3-torch and python3-numpy (%s)' % e)
    sys.exit(0)


def path(name):
    return os.path.join(TMP, name)


def ok(p):
    assert p.returncode == 0, f'exit {p.returncode}: {p.stderr}'
    return p


def write_csv(name, x, labels):
    fn = path(name)
    with open(fn, 'w', newline='') as f:
        w = csv.writer(f)
        w.writerow(['x%d' % j for j in range(x.shape[1])] + ['label'])
        for row, y in zip(x, labels):
            w.writerow([repr(float(v)) for v in row] + [int(y)])
    return fn


def read_csv_x(fn):
    with open(fn) as f:
        rows = list(csv.reader(f))[1:]
    return np.array([[float(v) for v in r[:-1]] for r in rows], dtype=np.float32)


def predict(model, data, *extra):
    p = ok(run('predict', model, '--data', data, *extra))
    return np.array([[float(v) for v in line.split(',')] for line in p.stdout.splitlines()],
                    dtype=np.float64)


def export(model, out):
    ok(run('export', model, '--format', 'onnx', '-o', out))
    assert os.path.getsize(out) > 0
    return out


# ---- a numpy evaluator of the ops an MLP's graph uses -------------------

def attrs(node):
    return {a.name: helper.get_attribute_value(a) for a in node.attribute}


def softmax(z, axis):
    e = np.exp(z - z.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


def run_graph(model, x):
    g = model.graph
    env = {t.name: numpy_helper.to_array(t) for t in g.initializer}
    inputs = [i.name for i in g.input if i.name not in env]
    assert len(inputs) == 1, inputs
    env[inputs[0]] = x.astype(np.float32)
    for node in g.node:
        a = attrs(node)
        v = [env[n] for n in node.input]
        op = node.op_type
        if op == 'Gemm':
            A = v[0].T if a.get('transA', 0) else v[0]
            B = v[1].T if a.get('transB', 0) else v[1]
            y = np.float32(a.get('alpha', 1.0)) * (A @ B)
            if len(v) > 2:
                y = y + np.float32(a.get('beta', 1.0)) * v[2]
        elif op == 'MatMul':
            y = v[0] @ v[1]
        elif op == 'Add':
            y = v[0] + v[1]
        elif op == 'Sub':
            y = v[0] - v[1]
        elif op == 'Mul':
            y = v[0] * v[1]
        elif op == 'Div':
            y = v[0] / v[1]
        elif op == 'Sigmoid':
            y = 1.0 / (1.0 + np.exp(-v[0]))
        elif op == 'Tanh':
            y = np.tanh(v[0])
        elif op == 'Relu':
            y = np.maximum(v[0], 0)
        elif op == 'Softmax':
            y = softmax(v[0], a.get('axis', -1))
        elif op == 'Identity':
            y = v[0]
        elif op == 'Greater':
            y = v[0] > v[1]
        elif op == 'Cast':
            assert a['to'] == TensorProto.FLOAT, a
            y = v[0].astype(np.float32)
        elif op == 'Flatten':
            y = v[0].reshape(v[0].shape[0], -1)
        else:
            raise AssertionError('the evaluator has no op ' + op)
        env[node.output[0]] = np.asarray(y, dtype=np.float32)
    return env[g.output[0].name].astype(np.float64)


def check_export(name, data, layers, *train_args):
    """Trains a model on the CSV data, exports it; the checker accepts it
    and its graph on the raw features equals predict."""
    model = path(name + '.json')
    ok(run('train', '--data', data, '--layers', layers, '--quiet', '--seed', '1',
           '--save', model, *train_args))
    out = export(model, path(name + '.onnx'))
    m = onnx.load(out)
    onnx.checker.check_model(m, full_check=True)
    assert [o.version for o in m.opset_import if o.domain in ('', 'ai.onnx')] == [13], m.opset_import
    ours = predict(model, data)
    theirs = run_graph(m, read_csv_x(data))
    assert ours.shape == theirs.shape, (ours.shape, theirs.shape)
    err = np.abs(ours - theirs).max()
    ERRORS.append((name + ' export vs predict', err))
    assert err <= TOL, f'{name}: max |predict - onnx| = {err}'
    # Our own export reads back as the same model.
    back = predict(out, data)
    err = np.abs(ours - back).max()
    assert err <= TOL, f'{name}: predict of the .onnx differs by {err}'
    return m


rng = np.random.default_rng(7)
XOR = write_csv('xor.csv', np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=np.float32), [0, 1, 1, 0])
AND = write_csv('and.csv', np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=np.float32), [0, 0, 0, 1])
X3 = (rng.normal(size=(120, 4)) * [1, 10, 0.1, 100] + [0, 50, -3, 1000]).astype(np.float32)
Y3 = (X3[:, 0] > 0).astype(int) + (X3[:, 1] > 50).astype(int)
THREE = write_csv('three.csv', X3, Y3)


@test('export: XOR [2,3,1] sigmoid (unit scaling), checker accepts, graph = predict')
def _():
    m = check_export('xor', XOR, '2,3:sigmoid,1:sigmoid', '--epochs', '300', '--lr', '1',
                     '--batch-size', 'full')
    ops = [n.op_type for n in m.graph.node]
    assert ops == ['Sub', 'Mul', 'Gemm', 'Sigmoid', 'Gemm', 'Sigmoid'], ops
    assert [d.dim_param for d in m.graph.input[0].type.tensor_type.shape.dim][:1] == ['N']


@test('export: softmax classifier with standard scaling, raw features in')
def _():
    m = check_export('soft', THREE, '4,6:tanh,3:softmax', '--epochs', '30', '--scale', 'standard',
                     '--lr', '0.1')
    sm = [n for n in m.graph.node if n.op_type == 'Softmax']
    assert len(sm) == 1 and attrs(sm[0])['axis'] == 1


@test('export: relu and linear layers, no scaling')
def _():
    m = check_export('relu', THREE, '4,5:relu,4:linear,3:softmax', '--epochs', '10',
                     '--scale', 'none', '--lr', '0.001')
    ops = [n.op_type for n in m.graph.node]
    assert ops == ['Gemm', 'Relu', 'Gemm', 'Identity', 'Gemm', 'Softmax'], ops


@test('export: step perceptron on AND is Greater(z, 0) + Cast')
def _():
    m = check_export('step', AND, '2,1:step', '--epochs', '20', '--lr', '1', '--optimizer', 'delta',
                     '--init', 'notebook', '--batch-size', '1', '--loss', 'mse', '--reduction', 'sum')
    ops = [n.op_type for n in m.graph.node]
    assert ops[-2:] == ['Greater', 'Cast'], ops
    # z = 0 gives 0, as the engine's step: a zero weight model on x = 0.
    z = {t.name: numpy_helper.to_array(t) for t in m.graph.initializer}
    assert z['step_zero'].shape == () and z['step_zero'] == 0


@test('export: every sample of the step model equals predict exactly; step(0) = 0')
def _():
    ours = predict(path('step.json'), AND)
    theirs = run_graph(onnx.load(path('step.onnx')), read_csv_x(AND))
    assert (ours == theirs).all(), (ours, theirs)
    # Hand-set: z = x1 - x2, so (0, 0) and (1, 1) sit exactly on z = 0.
    model = path('step0.json')
    with open(model, 'w') as f:
        json.dump({'format': 'perceptron-studio-model', 'version': 1, 'inputs': 2, 'loss': 'mse',
                   'layers': [{'type': 'dense', 'units': 1, 'activation': 'step',
                               'weights': [[1.0], [-1.0]], 'bias': [0.0]}]}, f)
    out = export(model, path('step0.onnx'))
    ours = predict(model, AND)
    theirs = run_graph(onnx.load(out), read_csv_x(AND))
    assert ours.ravel().tolist() == [0, 0, 1, 0], ours
    assert (ours == theirs).all(), (ours, theirs)


# ---- import of torch's exports ------------------------------------------

def torch_export(name, net, n_in, shape=None, opset=13):
    net.eval()
    dummy = torch.zeros(shape or (1, n_in))
    out = path(name + '.onnx')
    torch.onnx.export(net, dummy, out, input_names=['input'], output_names=['output'],
                      dynamic_axes={'input': {0: 'N'}, 'output': {0: 'N'}}, opset_version=opset)
    onnx.checker.check_model(onnx.load(out))
    return out


def labels(n, n_out):
    """Labels the CLI accepts for n_out outputs (one unit: two classes)."""
    return [i % max(n_out, 2) for i in range(n)]


def check_import(name, net, n_in, n_out, opset=13):
    out = torch_export(name, net, n_in, opset=opset)
    x = torch.tensor(X3[:, :n_in] / np.float32(10))
    data = write_csv(name + '.csv', x.numpy(), labels(len(X3), n_out))
    with torch.no_grad():
        want = net(torch.tensor(read_csv_x(data))).double().numpy()
    got = predict(out, data)
    assert got.shape == want.shape, (got.shape, want.shape)
    err = np.abs(got - want).max()
    ERRORS.append((name + ' import vs torch', err))
    assert err <= TOL, f'{name}: max |predict - torch| = {err}'
    return out, data


@test('import: torch Linear+ReLU+Linear+Softmax equals torch')
def _():
    torch.manual_seed(0)
    net = torch.nn.Sequential(torch.nn.Linear(4, 8), torch.nn.ReLU(), torch.nn.Linear(8, 3),
                              torch.nn.Softmax(dim=1))
    out, data = check_import('torch_relu', net, 4, 3)
    s = ok(run('summary', out)).stdout
    assert 'relu' in s.lower() and 'softmax' in s.lower(), s
    assert '67' in s, s    # 4·8+8 + 8·3+3 parameters
    ok(run('evaluate', out, '--data', data))


@test('import: torch Sigmoid / Tanh stacks and a linear output (opset 11 too)')
def _():
    torch.manual_seed(1)
    net = torch.nn.Sequential(torch.nn.Linear(3, 5), torch.nn.Tanh(), torch.nn.Linear(5, 4),
                              torch.nn.Sigmoid(), torch.nn.Linear(4, 1), torch.nn.Sigmoid())
    check_import('torch_sig', net, 3, 1)
    torch.manual_seed(2)
    net = torch.nn.Sequential(torch.nn.Linear(4, 6), torch.nn.Tanh(), torch.nn.Linear(6, 2))
    check_import('torch_lin', net, 4, 2, opset=11)


@test('import: torch Flatten in front of an image MLP gives the image shape')
def _():
    torch.manual_seed(3)
    net = torch.nn.Sequential(torch.nn.Flatten(), torch.nn.Linear(12, 5), torch.nn.ReLU(),
                              torch.nn.Linear(5, 3), torch.nn.Softmax(dim=1))
    out = torch_export('torch_flat', net, 12, shape=(1, 1, 3, 4))
    x = rng.uniform(size=(20, 12)).astype(np.float32)
    data = write_csv('flat.csv', x, labels(20, 3))
    with torch.no_grad():
        want = net(torch.tensor(read_csv_x(data)).reshape(-1, 1, 3, 4)).double().numpy()
    got = predict(out, data)
    err = np.abs(got - want).max()
    assert err <= TOL, f'max |predict - torch| = {err}'
    s = ok(run('summary', out)).stdout
    assert '12' in s, s


@test('import: a MatMul + Add graph (made with onnx.helper) equals numpy')
def _():
    w1 = rng.normal(size=(3, 4)).astype(np.float32)
    b1 = rng.normal(size=(4,)).astype(np.float32)
    g = helper.make_graph(
        [helper.make_node('MatMul', ['input', 'w1'], ['h'], name='mm'),
         helper.make_node('Add', ['b1', 'h'], ['z'], name='add'),
         helper.make_node('Relu', ['z'], ['output'], name='act')],
        'mm', [helper.make_tensor_value_info('input', TensorProto.FLOAT, ['N', 3])],
        [helper.make_tensor_value_info('output', TensorProto.FLOAT, ['N', 4])],
        [numpy_helper.from_array(w1, 'w1'),
         helper.make_tensor('b1', TensorProto.FLOAT, [4], b1.tolist())])   # float_data
    m = helper.make_model(g, opset_imports=[helper.make_opsetid('', 13)])
    onnx.checker.check_model(m)
    fn = path('matmul.onnx')
    onnx.save(m, fn)
    x = rng.normal(size=(10, 3)).astype(np.float32)
    data = write_csv('mm.csv', x, labels(10, 4))
    got = predict(fn, data)
    want = run_graph(m, read_csv_x(data))
    err = np.abs(got - want).max()
    assert err <= TOL, f'max |predict - numpy| = {err}'


# ---- refusals -----------------------------------------------------------

def save_graph(name, nodes, inits, n_in=4, n_out=3, in_shape=None):
    g = helper.make_graph(nodes, name,
                          [helper.make_tensor_value_info('input', TensorProto.FLOAT,
                                                         in_shape or ['N', n_in])],
                          [helper.make_tensor_value_info('output', TensorProto.FLOAT, ['N', n_out])],
                          inits)
    fn = path(name + '.onnx')
    onnx.save(helper.make_model(g, opset_imports=[helper.make_opsetid('', 13)]), fn)
    return fn


@test('refused: a Conv node and an LSTM node are named with their op')
def _():
    w = numpy_helper.from_array(np.ones((3, 4), np.float32), 'w')
    k = numpy_helper.from_array(np.ones((1, 1, 3, 3), np.float32), 'k')
    fn = save_graph('conv', [helper.make_node('Conv', ['input', 'k'], ['c'], name='conv1'),
                             helper.make_node('Flatten', ['c'], ['f'], name='flat'),
                             helper.make_node('Gemm', ['f', 'w'], ['output'], name='fc', transB=1)],
                    [w, k], in_shape=['N', 1, 2, 2])
    assert_refused(run('summary', fn), "node 'conv1' (op Conv)", 'not supported')
    fn = save_graph('lstm', [helper.make_node('Gemm', ['input', 'w'], ['h'], name='fc', transB=1),
                             helper.make_node('LSTM', ['h', 'w', 'w'], ['output'], name='rnn',
                                              hidden_size=3)],
                    [w])
    assert_refused(run('predict', fn, '--data', THREE), "node 'rnn' (op LSTM)", 'not supported')


@test('refused: truncated and garbage .onnx files, a broken shape')
def _():
    with open(path('torch_relu.onnx'), 'rb') as f:
        good = f.read()
    for cut in (1, 10, len(good) // 2, len(good) - 1):
        fn = path('cut%d.onnx' % cut)
        with open(fn, 'wb') as f:
            f.write(good[:cut])
        p = run('summary', fn)
        assert_refused(p, fn)
        assert p.stderr.count('\n') == 1, p.stderr
    fn = path('garbage.onnx')
    with open(fn, 'wb') as f:
        f.write(bytes(range(256)) * 4)
    assert_refused(run('summary', fn), 'garbage.onnx')
    # The weights say 4 inputs, the bias says 3 units but holds 5 values.
    fn = save_graph('badshape', [helper.make_node('Gemm', ['input', 'w', 'b'], ['output'], name='fc',
                                                  transB=1)],
                    [numpy_helper.from_array(np.ones((3, 4), np.float32), 'w'),
                     numpy_helper.from_array(np.ones((5,), np.float32), 'b')])
    assert_refused(run('summary', fn), 'badshape.onnx', "node 'fc' (op Gemm)")
    # Two layers that do not fit each other.
    fn = save_graph('badchain', [helper.make_node('Gemm', ['input', 'w'], ['h'], name='fc1', transB=1),
                                 helper.make_node('Gemm', ['h', 'w'], ['output'], name='fc2',
                                                  transB=1)],
                    [numpy_helper.from_array(np.ones((3, 4), np.float32), 'w')])
    assert_refused(run('summary', fn), "node 'fc2' (op Gemm)", 'takes 4 inputs, but gets 3')


for what, err in ERRORS:
    print('# max |difference| %s: %.3g' % (what, err))
finish(TMP)
