#!/usr/bin/python3
# test_cli_faults.py: the `perceptron` CLI facing faults (TAP)
#
# Copyright 2026 The Perceptron Studio authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: test_cli_faults.py PERCEPTRON
#   diverging runs stop with exit code 3, a "perceptron:" message and the last
#   good (finite) weights saved; a model with non-finite weights is refused;
#   saving to the full device, a read-only folder or a missing folder fails
#   with a message and leaves the old file as it was.

import json
import math
import os
import shutil
import stat
import subprocess
import sys
import tempfile

PERCEPTRON = sys.argv[1]
TMP = tempfile.mkdtemp(prefix='ps-cli-faults-')
results = []


def run(*args):
    p = subprocess.run([PERCEPTRON, *args], capture_output=True, text=True, timeout=120,
                       env=dict(os.environ, OPENBLAS_NUM_THREADS='1'))
    return p


def test(name):
    def wrap(fn):
        try:
            fn()
            results.append((True, name, ''))
        except AssertionError as e:
            results.append((False, name, str(e)))
        return fn
    return wrap


def all_finite(model_path):
    with open(model_path) as f:
        m = json.load(f)
    values = []
    for layer in m['layers']:
        for row in layer['weights']:
            values.extend(row)
        values.extend(layer['bias'])
    return len(values) > 0 and all(isinstance(v, (int, float)) and math.isfinite(v) for v in values)


def check_diverges(name, args):
    path = os.path.join(TMP, name + '.json')
    p = run('train', *args, '--save', path)
    assert p.returncode == 3, f'exit code {p.returncode}, expected 3; stderr: {p.stderr!r}'
    assert p.stderr.startswith('perceptron: '), f'stderr: {p.stderr!r}'
    assert 'diverged' in p.stderr and 'learning rate' in p.stderr, f'no explanation: {p.stderr!r}'
    assert os.path.exists(path), 'the last good weights were not saved'
    assert all_finite(path), 'saved weights are not finite'
    q = run('evaluate', path, '--data', 'xor')
    assert q.returncode == 0, f'the saved model does not evaluate: {q.stderr!r}'


@test('diverging linear network at lr 100 stops with an explanation, keeps finite weights')
def _():
    check_diverges('linear', ['--data', 'xor', '--layers', '2,1:linear', '--loss', 'mse',
                              '--lr', '100', '--epochs', '200', '--seed', '1'])


@test('diverging ReLU MLP with sum reduction at lr 100 stops the same way')
def _():
    check_diverges('relu', ['--data', 'xor', '--layers', '2,8:relu,1:linear', '--loss', 'mse',
                            '--reduction', 'sum', '--lr', '100', '--epochs', '500', '--seed', '3'])


@test('a sigmoid MLP at lr 100 ends (diverged or not) with finite weights and no crash')
def _():
    path = os.path.join(TMP, 'sigmoid.json')
    p = run('train', '--data', 'xor', '--layers', '2,3:sigmoid,1:sigmoid', '--lr', '100',
            '--epochs', '300', '--save', path)
    assert p.returncode in (0, 3), f'exit code {p.returncode}: {p.stderr!r}'
    assert all_finite(path)


def nan_model(value):
    return ('{"format": "perceptron-studio-model", "version": 1, "inputs": 2, "loss": "mse", '
            '"layers": [{"type": "dense", "units": 1, "activation": "sigmoid", '
            '"weights": [[0.5], [%s]], "bias": [0.1]}]}' % value)


@test('a model file with NaN/inf weights is refused by evaluate, predict and summary')
def _():
    for value in ('1e999', '-1e999', 'NaN', 'null'):
        path = os.path.join(TMP, 'nan.json')
        with open(path, 'w') as f:
            f.write(nan_model(value))
        for cmd in (['evaluate', path, '--data', 'xor'], ['predict', path, '--data', 'xor'],
                    ['summary', path]):
            p = run(*cmd)
            assert p.returncode not in (0, -6, -11), f'{cmd} {value}: exit code {p.returncode}'
            assert p.stderr.startswith('perceptron: ') and 'nan.json' in p.stderr, \
                f'{cmd} {value}: {p.stderr!r}'
            assert p.stdout == '', f'{cmd} {value}: printed {p.stdout!r}'


@test('--model with NaN weights is refused before training')
def _():
    path = os.path.join(TMP, 'nan.json')
    with open(path, 'w') as f:
        f.write(nan_model('1e999'))
    p = run('train', '--data', 'xor', '--layers', '2,1:sigmoid', '--model', path, '--epochs', '2')
    assert p.returncode not in (0, -6, -11), f'exit code {p.returncode}'
    assert p.stderr.startswith('perceptron: ') and 'nan.json' in p.stderr, p.stderr


def good_model(path):
    p = run('train', '--data', 'and', '--layers', '2,1:sigmoid', '--epochs', '3', '--quiet',
            '--save', path)
    assert p.returncode == 0, p.stderr
    with open(path, 'rb') as f:
        return f.read()


@test('--save to /dev/full fails with a message; /dev/full stays a device')
def _():
    link = os.path.join(TMP, 'full.json')
    os.symlink('/dev/full', link)
    p = run('train', '--data', 'and', '--layers', '2,1:sigmoid', '--epochs', '2', '--quiet',
            '--save', link)
    assert p.returncode not in (0, -6, -11), f'exit code {p.returncode}'
    assert p.stderr.startswith('perceptron: ') and 'full.json' in p.stderr, p.stderr
    assert stat.S_ISCHR(os.stat(link).st_mode), 'the device was replaced'
    assert stat.S_ISCHR(os.stat('/dev/full').st_mode)


@test('--plot to /dev/full fails with a message')
def _():
    link = os.path.join(TMP, 'full.png')
    os.symlink('/dev/full', link)
    p = run('train', '--data', 'xor', '--layers', '2,3:sigmoid,1:sigmoid', '--epochs', '2',
            '--quiet', '--plot', 'boundary=' + link)
    assert p.returncode not in (0, -6, -11), f'exit code {p.returncode}'
    assert p.stderr.startswith('perceptron: ') and 'full.png' in p.stderr, p.stderr
    assert stat.S_ISCHR(os.stat(link).st_mode), 'the device was replaced'


@test('--save into a missing folder fails with a message')
def _():
    p = run('train', '--data', 'and', '--layers', '2,1:sigmoid', '--epochs', '2', '--quiet',
            '--save', os.path.join(TMP, 'no', 'such', 'dir', 'm.json'))
    assert p.returncode not in (0, -6, -11), f'exit code {p.returncode}'
    assert p.stderr.startswith('perceptron: ') and 'm.json' in p.stderr, p.stderr


def run_readonly(d, argv):
    """Runs argv with folder d read-only: a read-only bind mount in a private
    mount namespace for root (who ignores modes), chmod 0555 otherwise."""
    cmd = [PERCEPTRON, *argv]
    if os.getuid() == 0:
        if shutil.which('unshare') is None:
            raise AssertionError('root without unshare(1): cannot make a read-only folder')
        script = ('mount --make-rprivate / && mount --bind "$1" "$1" && '
                  'mount -o remount,bind,ro "$1" && shift && exec "$@"')
        cmd = ['unshare', '-m', 'sh', '-c', script, 'sh', d, *cmd]
    else:
        os.chmod(d, 0o555)
    try:
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=120,
                           env=dict(os.environ, OPENBLAS_NUM_THREADS='1'))
    finally:
        os.chmod(d, 0o755)
    if cmd[0] == 'unshare' and p.returncode != 0 and 'perceptron:' not in p.stderr:
        raise AssertionError(f'could not set up the read-only folder: {p.stderr!r}')
    return p


@test('--save and plot -o into a read-only folder fail; the old files stay byte for byte')
def _():
    d = os.path.join(TMP, 'ro')
    os.mkdir(d)
    model = os.path.join(d, 'm.json')
    png = os.path.join(d, 'w.png')
    old = good_model(model)
    p = run('plot', model, '--data', 'and', '--kind', 'weights', '-o', png)
    assert p.returncode == 0, p.stderr
    with open(png, 'rb') as f:
        old_png = f.read()

    p = run_readonly(d, ['train', '--data', 'and', '--layers', '2,1:sigmoid', '--epochs', '5',
                         '--quiet', '--seed', '9', '--save', model])
    assert p.returncode not in (0, -6, -11), f'train: exit code {p.returncode}'
    assert p.stderr.startswith('perceptron: ') and 'm.json' in p.stderr, p.stderr

    p = run_readonly(d, ['plot', model, '--data', 'and', '--kind', 'boundary', '-o', png])
    assert p.returncode not in (0, -6, -11), f'plot: exit code {p.returncode}'
    assert p.stderr.startswith('perceptron: ') and 'w.png' in p.stderr, p.stderr

    with open(model, 'rb') as f:
        assert f.read() == old, 'the old model changed'
    with open(png, 'rb') as f:
        assert f.read() == old_png, 'the old plot changed'
    assert sorted(os.listdir(d)) == ['m.json', 'w.png'], os.listdir(d)


print('1..%d' % len(results))
for i, (ok, name, why) in enumerate(results, 1):
    print('%s %d - %s' % ('ok' if ok else 'not ok', i, name))
    if not ok:
        for line in why.splitlines():
            print('# ' + line)
shutil.rmtree(TMP, ignore_errors=True)
sys.exit(0 if all(ok for ok, _, _ in results) else 1)
