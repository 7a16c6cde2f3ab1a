#!/usr/bin/python3
# test_explain.py: `perceptron explain`, end to end (TAP output)
#
# Copyright 2026 The Perceptron Studio authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# usage: test_explain.py PERCEPTRON
# Runs the real executable through tests/robust/clitest.py's run() (one BLAS
# thread, a time limit) and checks: --json is exactly one object with the
# keys and shapes of issue 10 (dW inputs × units); its new weights are those
# `train` writes after one online epoch on that one sample; a bad --sample
# names the valid range; the step perceptron's account shows the delta rule.

import json
import os
import struct
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'robust'))
import clitest  # noqa: E402
from clitest import assert_refused, finish, run, test  # noqa: E402

# The readable account is UTF-8 (α, δ, ←): GLib would turn it into '?' in a
# non-UTF-8 locale.
os.environ['LC_ALL'] = 'C.UTF-8'

TMP = tempfile.mkdtemp(prefix='ps-explain-')


def path(name):
    return os.path.join(TMP, name)


def f32(v):
    """v as the float32 the engine holds."""
    return struct.unpack('f', struct.pack('f', v))[0]


def train_model(name, *args, scale='none'):
    p = run('train', '--quiet', '--seed', '3', '--init', 'notebook', '--scale', scale,
            '--epochs', '1', '--save', path(name), *args)
    assert p.returncode == 0, p.stderr
    return path(name)


def explain_json(*args):
    p = run('explain', *args, '--json')
    assert p.returncode == 0, p.stderr
    out = p.stdout
    # exactly one object: nothing but white space after it
    obj, end = json.JSONDecoder().raw_decode(out)
    assert out[end:].strip() == '', f'text after the JSON object: {out[end:]!r}'
    assert isinstance(obj, dict), type(obj)
    return obj


def load_model(fn):
    with open(fn) as f:
        return json.load(f)


XOR = train_model('xor.json', '--data', 'xor', '--layers', '2,3:sigmoid,1:sigmoid')
STEP = train_model('step.json', '--data', 'and', '--layers', '2,1:step', '--optimizer', 'delta')


@test('--json: one object with the keys and shapes (dW inputs × units)')
def _():
    e = explain_json(XOR, '--data', 'xor', '--sample', '2', '--lr', '0.5', '--reduction', 'sum')
    for key in ('sample', 'input', 'target', 'layers', 'loss_before', 'loss_after'):
        assert key in e, key
    assert e['sample'] == 2
    assert e['input'] == [1.0, 0.0], e['input']
    assert e['target'] == 1
    assert isinstance(e['loss_before'], float) and isinstance(e['loss_after'], float)
    assert e['loss_after'] < e['loss_before'], (e['loss_before'], e['loss_after'])
    assert len(e['layers']) == 2
    inputs = 2
    for layer, (units, act) in zip(e['layers'], ((3, 'sigmoid'), (1, 'sigmoid'))):
        for key in ('units', 'activation', 'z', 'a', 'delta', 'dW', 'db'):
            assert key in layer, key
        assert layer['units'] == units and layer['activation'] == act, layer
        for key in ('z', 'a', 'delta', 'db'):
            assert len(layer[key]) == units, (key, layer[key])
        assert len(layer['dW']) == inputs, layer['dW']
        assert all(len(row) == units for row in layer['dW']), layer['dW']
        inputs = units
    # input (1, 0): the second input's weights do not change
    assert e['layers'][0]['dW'][1] == [0.0, 0.0, 0.0], e['layers'][0]['dW']
    # dW = −α xᵀδ, db = −α δ
    for layer, x in ((e['layers'][0], e['input']), (e['layers'][1], e['layers'][0]['a'])):
        for j, d in enumerate(layer['delta']):
            assert abs(layer['db'][j] + 0.5 * d) <= 1e-7, (layer['db'][j], d)
            for i, xi in enumerate(x):
                assert abs(layer['dW'][i][j] + 0.5 * xi * d) <= 1e-7


@test('--json new weights = train one online epoch on that one sample')
def _():
    # A CSV needs two classes; train's --val-split 0.5 keeps the second row
    # out of training (the last fraction, before any shuffling), so its one
    # epoch is one online step on sample 0.
    with open(path('one.csv'), 'w') as f:
        f.write('x1,x2,label\n1,0,1\n0,0,0\n')
    cases = (
        (XOR, ('--lr', '0.5', '--reduction', 'sum', '--optimizer', 'sgd')),
        (XOR, ('--lr', '0.3', '--reduction', 'mean', '--optimizer', 'sgd')),
        (STEP, ('--lr', '0.1', '--optimizer', 'delta')),
    )
    for n, (model, opts) in enumerate(cases):
        e = explain_json(model, '--data', path('one.csv'), '--sample', '0', *opts)
        out = path(f'after{n}.json')
        p = run('train', '--model', model, '--data', path('one.csv'), '--epochs', '1',
                '--val-split', '0.5', '--batch-size', '1', '--no-shuffle', '--quiet',
                '--save', out, *opts)
        assert p.returncode == 0, p.stderr
        trained = load_model(out)
        for layer, mine in zip(trained['layers'], e['layers']):
            assert [[f32(v) for v in row] for row in layer['weights']] == \
                [[f32(v) for v in row] for row in mine['W_new']], (opts, layer['weights'], mine['W_new'])
            assert [f32(v) for v in layer['bias']] == [f32(v) for v in mine['b_new']], (opts,)
            # and the change shown is the change made
            for row, before, d in zip(mine['W_new'], mine['W'], mine['dW']):
                for new, old, dw in zip(row, before, d):
                    assert abs(new - (old + dw)) <= 1e-7


@test('--sample out of range names the range; bad options are refused')
def _():
    assert_refused(run('explain', XOR, '--data', 'xor', '--sample', '4'), '--sample 4', '0 to 3')
    assert_refused(run('explain', XOR, '--data', 'xor', '--sample', '-1'), '--sample')
    assert_refused(run('explain', XOR, '--data', 'xor'), '--sample')
    assert_refused(run('explain', XOR, '--data', 'xor', '--sample', '0', '--optimizer', 'rmsprop'),
                   '--optimizer', 'delta, sgd')
    assert_refused(run('explain', XOR, '--data', 'xor', '--sample', '0', '--optimizer', 'adam'),
                   '--optimizer adam', 'delta or sgd')
    assert_refused(run('explain', XOR, '--data', 'xor', '--sample', '0', '--loss', 'cross-entropy'),
                   '--loss cross-entropy', 'softmax')
    assert_refused(run('explain', XOR, '--data', 'xor', '--sample', '0', '--lr', '0'), '--lr')
    with open(path('three.csv'), 'w') as f:
        f.write('a,b,c,label\n1,0,1,1\n0,0,0,0\n')
    assert_refused(run('explain', XOR, '--data', path('three.csv'), '--sample', '0'),
                   '2 inputs', '3 features')
    assert_refused(run('explain', '--data', 'xor', '--sample', '0'), 'MODEL')


@test('the step perceptron: readable account with the delta rule and its terms')
def _():
    p = run('explain', STEP, '--data', 'and', '--sample', '3')
    assert p.returncode == 0, p.stderr
    out = p.stdout
    assert 'w ← w + α (t − y) x' in out, out
    assert 'optimizer delta' in out, out
    for word in ('x = [1, 1]', 't = 1', 'z = x·W + b', 'a = f(z)', 'error t − y',
                 'Loss (mse', 'δ⁽¹⁾', 'ΔW (2 × 1)', 'Δb', 'W ← W + ΔW', 'b ← b + Δb'):
        assert word in out, (word, out)
    # one line per weight and the bias: "w[i,j] ← old + α · (t − y) · x  = new"
    e = explain_json(STEP, '--data', 'and', '--sample', '3')
    rule = [line for line in out.splitlines() if line.strip().startswith(('w[', 'b['))]
    assert len(rule) == 3, rule
    assert e['delta_rule'] is True and e['optimizer'] == 'delta' and e['reduction'] == 'sum'


@test('the [2,3,1] account and a long (784-input) one shown compactly')
def _():
    p = run('explain', XOR, '--data', 'xor', '--sample', '1')
    assert p.returncode == 0, p.stderr
    assert 'δ⁽²⁾' in p.stdout and 'δ⁽¹⁾' in p.stdout and 'f′(z) = a (1 − a)' in p.stdout, p.stdout
    assert 'w ← w + α (t − y) x' not in p.stdout
    model = train_model('mnist.json', '--data', 'mnist', '--layers', '784,10:softmax', scale='unit')
    p = run('explain', model, '--data', 'mnist', '--sample', '0')
    assert p.returncode == 0, p.stderr
    assert '784 values; the 10 largest' in p.stdout, p.stdout[:2000]
    assert 'not shown' in p.stdout and '--json prints every value' in p.stdout
    e = explain_json(model, '--data', 'mnist', '--sample', '0')
    assert len(e['input']) == 784 and len(e['layers'][0]['dW']) == 784
    assert all(len(row) == 10 for row in e['layers'][0]['dW'])


@test('help and usage list explain')
def _():
    p = run('explain', '--help')
    assert p.returncode == 0 and '--sample' in p.stdout and '--json' in p.stdout, p.stdout
    p = run('--help')
    assert 'explain' in p.stdout, p.stdout


finish(TMP)
