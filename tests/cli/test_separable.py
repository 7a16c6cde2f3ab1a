#!/usr/bin/python3
# test_separable.py: `perceptron separable`, end to end (TAP output)
#
# Copyright 2026 The Perceptron Studio authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# usage: test_separable.py PERCEPTRON
# The first line is exactly "linearly separable" or "not linearly
# separable"; a separable set's "w: ... b: ..." line separates every
# sample strictly (checked here in Python on the inputs as train scales
# them); a 2-D reason names the points; the exit code is 0 either way and
# 1 with one "perceptron:" message for bad input.

import csv
import os
import random
import re
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'robust'))
from clitest import assert_refused, finish, run, test  # noqa: E402

# The table's text is UTF-8 (w₁, ≤, →).
os.environ['LC_ALL'] = 'C.UTF-8'

TMP = tempfile.mkdtemp(prefix='ps-separable-')
WB_RE = re.compile(r'^w:((?: \S+)+) b: (\S+)$')


def path(name):
    return os.path.join(TMP, name)


def write_csv(name, rows, header=None):
    fn = path(name)
    with open(fn, 'w', newline='') as f:
        w = csv.writer(f)
        if header:
            w.writerow(header)
        w.writerows(rows)
    return fn


def separable(*args):
    p = run('separable', *args)
    assert p.returncode == 0, f'exit {p.returncode}: {p.stderr}'
    assert p.stderr == '', p.stderr
    return p.stdout.splitlines()


def parse_wb(line):
    m = WB_RE.match(line)
    assert m, line
    return [float(v) for v in m.group(1).split()], float(m.group(2))


def assert_separates(w, b, rows, labels, positive):
    for x, y in zip(rows, labels):
        z = b + sum(wi * xi for wi, xi in zip(w, x))
        if y == positive:
            assert z > 0, (x, y, z)
        else:
            assert z < 0, (x, y, z)


GATES = {
    'and': ([(0, 0), (0, 1), (1, 0), (1, 1)], [0, 0, 0, 1]),
    'or': ([(0, 0), (0, 1), (1, 0), (1, 1)], [0, 1, 1, 1]),
    'and3': ([(a, b, c) for a in (0, 1) for b in (0, 1) for c in (0, 1)], [0] * 7 + [1]),
    'or3': ([(a, b, c) for a in (0, 1) for b in (0, 1) for c in (0, 1)], [0] + [1] * 7),
}


@test('and, or, and3, or3: "linearly separable", and w, b separate every row')
def _():
    for name, (rows, labels) in GATES.items():
        out = separable('--data', name)
        assert out[0] == 'linearly separable', (name, out)
        w, b = parse_wb(out[1])
        assert len(w) == len(rows[0]), out[1]
        assert_separates(w, b, rows, labels, 1)
    out = separable('--data', 'and')
    assert out[1] == 'w: 2 2 b: -3', out[1]
    assert '  x = (1, 1) → 1:  w₁ + w₂ + b > 0' in out, out


@test('xor: "not linearly separable", the crossing segments named, the contradiction')
def _():
    out = separable('--data', 'xor')
    assert out[0] == 'not linearly separable', out
    assert 'sample 1 (0, 1)' in out[1] and 'sample 2 (1, 0)' in out[1], out[1]
    assert 'sample 0 (0, 0)' in out[1] and 'sample 3 (1, 1)' in out[1], out[1]
    assert 'crosses' in out[1], out[1]
    text = '\n'.join(out)
    for row in ('x = (0, 0) → 0:  b ≤ 0', 'x = (0, 1) → 1:  w₂ + b > 0',
                'x = (1, 0) → 1:  w₁ + b > 0', 'x = (1, 1) → 0:  w₁ + w₂ + b ≤ 0'):
        assert row in text, (row, text)
    assert 'w₁ + w₂ + 2b > 0' in text and 'w₁ + w₂ + 2b ≤ 0' in text, text


@test('a CSV with the label column named, 3-D, separable and not; duplicates and coinciding points')
def _():
    rnd = random.Random(4)
    rows, labels = [], []
    while len(rows) < 60:
        x = [round(rnd.uniform(-3, 3), 3) for _ in range(3)]
        z = 0.7 * x[0] - 1.3 * x[1] + 0.4 * x[2] + 0.2
        if abs(z) > 0.05:
            rows.append(x)
            labels.append(1 if z > 0 else 0)
    rows += rows[:10]              # duplicates change nothing
    labels += labels[:10]
    fn = write_csv('sep3.csv', [[y] + x for x, y in zip(rows, labels)], ['label', 'a', 'b', 'c'])
    out = separable('--data', fn, '--label-column', 'label', '--scale', 'none')
    assert out[0] == 'linearly separable', out
    w, b = parse_wb(out[1])
    assert_separates(w, b, rows, labels, 1)
    # scaled as train does (unit by default): said so, and true for the scaled inputs
    out = separable('--data', fn, '--label-column', 'label')
    assert out[0] == 'linearly separable', out
    assert any('--scale unit' in line for line in out), out
    lo = [min(r[j] for r in rows) for j in range(3)]
    hi = [max(r[j] for r in rows) for j in range(3)]
    scaled = [[(r[j] - lo[j]) / (hi[j] - lo[j]) for j in range(3)] for r in rows]
    w, b = parse_wb(out[1])
    assert_separates(w, b, scaled, labels, 1)
    # a point of each class at one place
    fn = write_csv('coincide.csv', [[y] + x for x, y in zip(rows, labels)] + [[1 - labels[0]] + rows[0]],
                   ['label', 'a', 'b', 'c'])
    out = separable('--data', fn, '--label-column', 'label', '--scale', 'none')
    assert out[0] == 'not linearly separable', out
    assert 'same point' in out[1], out


@test('2-D not separable: the point inside the other class\'s triangle is named')
def _():
    fn = write_csv('tri.csv', [[0, 0, 0], [4, 0, 0], [0, 4, 0], [1, 1, 1], [5, 5, 1]], ['x1', 'x2', 'y'])
    out = separable('--data', fn, '--scale', 'none')
    assert out[0] == 'not linearly separable', out
    assert out[1].startswith('sample 3 (1, 1) of class 1 lies inside the triangle of'), out[1]
    for s in ('sample 0 (0, 0)', 'sample 1 (4, 0)', 'sample 2 (0, 4)'):
        assert s in out[1], out[1]


@test('more than two classes: each class against the rest')
def _():
    fn = write_csv('three.csv', [[0, 0, 'a'], [0.1, 0.2, 'a'], [5, 0, 'b'], [5.1, 0.2, 'b'],
                                 [10, 0, 'c'], [10.2, 0.1, 'c']], ['x1', 'x2', 'y'])
    out = separable('--data', fn, '--scale', 'none')
    assert out[0] == '3 classes, each against the rest', out
    assert 'class a: linearly separable' in out and 'class c: linearly separable' in out, out
    assert 'class b: not linearly separable' in out, out
    i = out.index('class a: linearly separable')
    assert WB_RE.match(out[i + 1]), out


@test('a generated 2-D set (circle): not separable, the points named')
def _():
    out = separable('--data', 'circle', '--samples', '100', '--seed', '2')
    assert out[0] == 'not linearly separable', out
    assert 'sample' in out[1], out


@test('bad input: exit 1 and one perceptron: message')
def _():
    assert_refused(run('separable'), '--data')
    assert_refused(run('separable', '--data', 'nope'), 'nope')
    assert_refused(run('separable', '--data', path('missing.csv')), 'missing.csv')
    fn = write_csv('nan.csv', [[0, 0, 0], ['nan', 1, 1]], ['x1', 'x2', 'y'])
    p = run('separable', '--data', fn)
    assert p.returncode == 1 and p.stderr.startswith('perceptron: '), (p.returncode, p.stderr)
    assert_refused(run('separable', '--data', 'and', 'extra'), 'extra')


@test('help and usage list separable')
def _():
    p = run('separable', '--help')
    assert p.returncode == 0 and '--data' in p.stdout and 'linear program' in p.stdout, p.stdout
    p = run('--help')
    assert 'separable' in p.stdout, p.stdout


finish(TMP)
