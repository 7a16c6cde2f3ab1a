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
import tempfile

from clitest import PERCEPTRON, finish, good_model, run as run_cli, test

TMP = tempfile.mkdtemp(prefix='ps-cli-faults-')


def run(*args):
    return run_cli(*args, timeout=120)


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


# ---- issue 8, family 13 (and 2): every numeric option has a range -----------

# (option, bad values): each must be refused before any work, naming the option.
BAD_NUMBERS = [
    ('--lr', ['nan', 'inf', '-inf', '-0.001', '0', '1e6', 'abc']),
    ('--momentum', ['nan', 'inf', '-1', '1', '1.5']),
    ('--l2', ['nan', 'inf', '-1', '1e300']),
    ('--epochs', ['-1', '0', '2147483648', '1e3', 'nan']),
    ('--val-split', ['nan', '-0.1', '1', 'inf']),
    ('--early-stopping', ['-1', '2147483648', 'nan']),
    ('--target-accuracy', ['nan', '0', '1.5', '-1', 'inf']),
    ('--target-loss', ['nan', 'inf', '-1', '-inf']),
    ('--print-every', ['0', '-1', 'nan']),
    ('--threads', ['-1', '100000', 'nan']),
    ('--width', ['-1', '0', '1000000000', 'nan']),
    ('--height', ['-5', '15', '99999999999', 'inf']),
    # data options (generated data: family 2)
    ('--samples', ['nan', '-1', '0', '1', '3', '2147483648', '1e6']),
    ('--noise', ['nan', 'inf', '-inf', '-0.1', '1e300', '11']),
    ('--test-split', ['nan', '-0.1', '1', 'inf']),
    ('--seed', ['-1', 'nan', '18446744073709551616', '1.5']),
]


def check_refused(p, option, value, outdir):
    assert p.returncode == 1, f'{option} {value}: exit code {p.returncode}; stderr {p.stderr!r}'
    assert p.stderr.startswith('perceptron: '), f'{option} {value}: {p.stderr!r}'
    assert option in p.stderr, f'{option} {value}: the option is not named: {p.stderr!r}'
    assert 'Epoch' not in p.stdout, f'{option} {value}: it trained: {p.stdout!r}'
    assert 'CRITICAL' not in p.stderr and 'WARNING' not in p.stderr, p.stderr
    assert os.listdir(outdir) == [], f'{option} {value}: wrote {os.listdir(outdir)}'


@test('train: NaN, infinite, negative and too-large numbers are refused up front, naming the option')
def _():
    outdir = os.path.join(TMP, 'numbers')
    os.mkdir(outdir)
    for option, values in BAD_NUMBERS:
        for value in values:
            p = run('train', '--data', 'circle', '--layers', '2,3:tanh,1:sigmoid', '--epochs', '2',
                    '--optimizer', 'momentum',
                    '--save', os.path.join(outdir, 'm.json'), '--history', os.path.join(outdir, 'h.csv'),
                    '--plot', 'curves=' + os.path.join(outdir, 'c.png'), option, value)
            check_refused(p, option, value, outdir)
            # the --opt=VALUE form too
            p = run('train', '--data', 'circle', '--layers', '2,1:sigmoid', '--epochs', '2',
                    '--save', os.path.join(outdir, 'm.json'), f'{option}={value}')
            check_refused(p, option, value, outdir)


@test('evaluate, predict and plot refuse bad data and plot numbers too (--layer -1 says -1)')
def _():
    model = os.path.join(TMP, 'num-model.json')
    p = run('train', '--data', 'circle', '--layers', '2,3:tanh,1:sigmoid', '--epochs', '1', '--quiet',
            '--save', model)
    assert p.returncode == 0, p.stderr
    outdir = os.path.join(TMP, 'numbers-plot')
    os.mkdir(outdir)
    png = os.path.join(outdir, 'p.png')
    for option, values in BAD_NUMBERS:
        if option not in ('--samples', '--noise', '--test-split', '--seed'):
            continue
        for value in values:
            for cmd in (['evaluate', model], ['predict', model],
                        ['plot', model, '--kind', 'boundary', '-o', png]):
                p = run(*cmd, '--data', 'circle', option, value)
                check_refused(p, option, value, outdir)
    for option, value in [('--layer', '-1'), ('--layer', '0'), ('--layer', '4294967296'),
                          ('--layer', 'nan'), ('--width', 'nan'), ('--height', '-1')]:
        p = run('plot', model, '--kind', 'weights', '-o', png, option, value)
        check_refused(p, option, value, outdir)
        assert value in p.stderr, p.stderr
        assert '4294967295' not in p.stderr, p.stderr
    p = run('plot', model, '--kind', 'weights', '-o', png, '--layer', '3')
    assert p.returncode == 1 and '--layer 3' in p.stderr and '2 layers' in p.stderr, p.stderr


@test('in-range values at the ends of the ranges are accepted')
def _():
    p = run('train', '--data', 'moons', '--samples', '4', '--noise', '0', '--layers', '2,1:sigmoid',
            '--epochs', '1', '--lr', '1000', '--momentum', '0', '--l2', '10', '--val-split', '0',
            '--target-accuracy', '1', '--target-loss', '0', '--print-every', '1', '--threads', '0',
            '--seed', '18446744073709551615', '--quiet')
    assert p.returncode in (0, 3), p.stderr
    p = run('train', '--data', 'gauss', '--samples', '5', '--noise', '10', '--layers', '2,1:sigmoid',
            '--epochs', '1', '--seed', '0', '--quiet')
    assert p.returncode == 0, p.stderr
    # a value the chosen optimizer does not use is not dropped silently
    p = run('train', '--data', 'xor', '--layers', '2,1:sigmoid', '--epochs', '1', '--quiet', '--momentum', '0.5')
    assert p.returncode == 0 and 'warning: --momentum is ignored' in p.stderr, p.stderr


@test('every numeric option shows its range in --help')
def _():
    p = run('train', '--help-all')
    assert p.returncode == 0, p.stderr
    for option, _values in BAD_NUMBERS:
        lines = [l for l in p.stdout.splitlines() if l.strip().startswith(option + '=')
                 or (', ' + option + '=') in l]
        assert lines and '; range ' in lines[0], f'{option}: {lines}'
    p = run('plot', '--help')
    assert any(l.strip().startswith('--layer=') and '; range ' in l for l in p.stdout.splitlines()), p.stdout


# ---- issue 8, family 9: outputs checked before training ---------------------

def keep_file(name, text='{"keep": true}\n'):
    path = os.path.join(TMP, name)
    with open(path, 'w') as f:
        f.write(text)
    return path


@test('--save keep.json with a bad --plot: refused before training, keep.json byte-identical')
def _():
    d = os.path.join(TMP, 'plots')
    os.mkdir(d)
    os.mkdir(os.path.join(d, 'folder.png'))
    keep = keep_file('keep.json')
    with open(keep, 'rb') as f:
        before = f.read()
    cases = [
        ('bogus=' + os.path.join(d, 'x.png'), 'bogus'),
        ('curves', 'curves'),
        ('curves=', 'curves'),
        ('curves=' + os.path.join(d, 'c.txt'), 'c.txt'),
        ('curves=' + os.path.join(d, 'folder.png'), 'folder.png'),
        ('curves=' + os.path.join(d, 'no', 'such', 'c.png'), 'c.png'),
        ('boundary=' + os.path.join(d, 'b.png'), 'boundary'),   # and3 has 3 inputs
        ('tiles=' + os.path.join(d, 't.png'), 'tiles'),          # no image inputs
        ('curves=' + keep, 'keep.json'),                         # the same file twice
    ]
    for spec, mention in cases:
        p = run('train', '--data', 'and3', '--layers', '3,1:sigmoid', '--epochs', '3',
                '--save', keep, '--plot', 'curves=' + os.path.join(d, 'ok.png'), '--plot', spec)
        assert p.returncode == 1, f'{spec}: exit code {p.returncode}; {p.stderr!r}'
        assert p.stderr.startswith('perceptron: ') and mention in p.stderr, f'{spec}: {p.stderr!r}'
        assert 'Epoch' not in p.stdout, f'{spec}: trained first: {p.stdout!r}'
        with open(keep, 'rb') as f:
            assert f.read() == before, f'{spec}: keep.json changed'
        assert sorted(os.listdir(d)) == ['folder.png'], f'{spec}: wrote {os.listdir(d)}'


@test('--save into a missing folder fails before the first epoch')
def _():
    for args in (['--save', '/nonexistent-ps-dir/m.json'],
                 ['--history', '/nonexistent-ps-dir/h.csv'],
                 ['--save', os.path.join(TMP, 'no-dir', 'm.json')],
                 ['--save', TMP]):
        p = run('train', '--data', 'xor', '--layers', '2,1:sigmoid', '--epochs', '5', *args)
        assert p.returncode == 1, f'{args}: exit code {p.returncode}'
        assert p.stderr.startswith('perceptron: ' + args[0]), p.stderr
        assert 'Epoch' not in p.stdout, f'{args}: trained first: {p.stdout!r}'


@test('--history and --save to a write-protected (0444) file: refused before training, file kept')
def _():
    for option, name in (('--history', 'ro-history.csv'), ('--save', 'ro-model.json')):
        path = keep_file(name, 'old contents\n')
        os.chmod(path, 0o444)
        p = run('train', '--data', 'xor', '--layers', '2,1:sigmoid', '--epochs', '2', option, path)
        assert p.returncode == 1, f'{option}: exit code {p.returncode}'
        assert p.stderr.startswith('perceptron: ' + option) and 'write-protected' in p.stderr, p.stderr
        assert 'Epoch' not in p.stdout, p.stdout
        with open(path) as f:
            assert f.read() == 'old contents\n'
        assert stat.S_IMODE(os.stat(path).st_mode) == 0o444


@test('--history goes through ps_file_write: a symlink stays a link, its target is written')
def _():
    target = keep_file('hist-target.csv', 'old\n')
    link = os.path.join(TMP, 'hist-link.csv')
    os.symlink(target, link)
    p = run('train', '--data', 'xor', '--layers', '2,1:sigmoid', '--epochs', '2', '--quiet', '--history', link)
    assert p.returncode == 0, p.stderr
    assert os.path.islink(link), '--history replaced the symlink with a file'
    with open(target) as f:
        assert f.read().startswith('epoch,'), 'the target was not written'


@test('an output failing after training: the others are written, the message lists both')
def _():
    # A FIFO with no reader (refused by ps_file_write at once, after the checks
    # before training let it through), in TMP: never a device, which a faulty
    # build run as root would replace with a regular file.
    fifo = os.path.join(TMP, 'midway.fifo')
    os.mkfifo(fifo)
    model = os.path.join(TMP, 'midway.json')
    curves = os.path.join(TMP, 'midway.png')
    p = run('train', '--data', 'xor', '--layers', '2,1:sigmoid', '--epochs', '2', '--quiet',
            '--save', model, '--history', fifo, '--plot', 'curves=' + curves)
    assert p.returncode == 1, p.returncode
    assert p.stderr.startswith('perceptron: --history ' + fifo), p.stderr
    assert 'written: ' + model + ', ' + curves in p.stderr and 'not written: ' + fifo in p.stderr, p.stderr
    assert os.path.exists(model) and os.path.exists(curves)
    assert stat.S_ISFIFO(os.stat(fifo).st_mode), 'the FIFO was replaced'


# ---- issue 8, family 15: messages -------------------------------------------

@test('messages: mnist: with no folder, a non-UTF-8 --label-column, bare perceptron')
def _():
    for spec in ('mnist:', 'fashion-mnist:'):
        p = run('train', '--data', spec, '--layers', '784,10:softmax')
        assert p.returncode == 1, p.returncode
        assert p.stderr.startswith(f'perceptron: --data {spec} needs a folder'), p.stderr
    csv = keep_file('lc.csv', 'a,b,y\n1,2,0\n3,4,1\n5,6,0\n7,8,1\n')
    p = subprocess.run([PERCEPTRON, 'train', '--data', csv, '--layers', '2,1:sigmoid',
                        b'--label-column', b'\xff\xfe'], capture_output=True, timeout=60)
    err = p.stderr.decode('utf-8', 'replace')
    assert p.returncode == 1 and err.startswith('perceptron: --label-column'), err
    p = run()
    assert p.returncode == 2, p.returncode
    lines = p.stderr.splitlines()
    assert lines and lines[0] == 'perceptron: missing command', p.stderr
    assert any(l.startswith('Usage: perceptron') for l in lines), p.stderr


# ---- issue 8, families 4 and 12: class counts and class names (CSV) ------------

def run_limited(*args, mem=2 << 30):
    """run() under an address-space limit: a runaway allocation fails fast"""
    import resource

    env = dict(os.environ, OPENBLAS_NUM_THREADS='1')
    if 'ASAN_OPTIONS' in env:
        # ASan reserves terabytes of shadow memory, which an address-space
        # limit forbids: its own cap on one allocation does the same job
        # (a larger request aborts, and the test sees the crash).
        env['ASAN_OPTIONS'] += ':max_allocation_size_mb=%d' % (mem >> 20)
        return subprocess.run([PERCEPTRON, *args], capture_output=True, text=True, timeout=120, env=env)

    def limit():
        resource.setrlimit(resource.RLIMIT_AS, (mem, mem))
    return subprocess.run([PERCEPTRON, *args], capture_output=True, text=True, timeout=60,
                          env=env, preexec_fn=limit)


def hand_model(name, classes, weights, bias=(0.0, 0.0)):
    """a 2-input softmax model with hand-set weights (README "Model files")"""
    m = {'format': 'perceptron-studio-model', 'version': 1, 'inputs': 2,
         'loss': 'cross-entropy',
         'layers': [{'type': 'dense', 'units': len(bias), 'activation': 'softmax',
                     'weights': weights, 'bias': list(bias)}]}
    if classes is not None:
        m['classes'] = classes
    path = os.path.join(TMP, name)
    with open(path, 'w') as f:
        json.dump(m, f)
    return path


@test('sparse integer labels (0 and 99999) are 2 classes: evaluate, plot confusion, train bounded')
def _():
    csv = keep_file('sparse.csv', 'a,b,y\n1,0,0\n0,1,99999\n2,0,0\n0,2,99999\n')
    model = hand_model('two.json', None, [[1.0, -1.0], [-1.0, 1.0]])
    p = run_limited('evaluate', model, '--data', csv)
    assert p.returncode == 0, p.stderr
    assert 'accuracy: 1.0000' in p.stdout, p.stdout
    assert '99999' in p.stdout, p.stdout
    png = os.path.join(TMP, 'sparse-confusion.png')
    p = run_limited('plot', model, '--data', csv, '--kind', 'confusion', '-o', png)
    assert p.returncode == 0, p.stderr
    assert os.path.getsize(png) > 0
    png = os.path.join(TMP, 'sparse-boundary.png')
    p = run_limited('train', '--data', csv, '--layers', '2,2:softmax', '--epochs', '2', '--quiet',
                    '--plot', 'boundary=' + png)
    assert p.returncode == 0, p.stderr
    assert os.path.getsize(png) > 0
    # an ID column as labels: refused with the column named, not 20000 classes
    rows = ''.join(f'{i},{i % 7},{i * 13}\n' for i in range(20000))
    ids = keep_file('ids.csv', 'a,b,id\n' + rows)
    p = run_limited('train', '--data', ids, '--layers', '2,2:softmax', '--epochs', '1')
    assert p.returncode == 1, (p.returncode, p.stderr)
    assert "“id”" in p.stderr and '--label-column' in p.stderr, p.stderr


@test('evaluate, predict and plot match classes by name: zebra refused, swapped order remapped')
def _():
    # unit 0 ("dog") wins when b > a, unit 1 ("cat") when a > b
    model = hand_model('dogcat.json', ['dog', 'cat'], [[-1.0, 1.0], [1.0, -1.0]])
    zebra = keep_file('zebra.csv', 'a,b,y\n0,1,dog\n0,2,zebra\n0,3,dog\n')
    for cmd in (['evaluate'], ['predict'], ['plot', '--kind', 'confusion', '-o',
                                            os.path.join(TMP, 'zebra.png')]):
        p = run(cmd[0], model, '--data', zebra, *cmd[1:])
        assert p.returncode == 1, (cmd, p.returncode, p.stdout, p.stderr)
        assert 'zebra' in p.stderr and 'dog' in p.stderr, p.stderr
        assert "model's classes" in p.stderr, p.stderr
    # the file's classes sort as (cat, dog): index 0 is cat there, dog in the model
    pets = keep_file('pets.csv', 'a,b,y\n1,0,cat\n0,1,dog\n2,0,cat\n0,2,dog\n3,1,cat\n')
    p = run('evaluate', model, '--data', pets)
    assert p.returncode == 0, p.stderr
    assert 'accuracy: 1.0000' in p.stdout, p.stdout
    # train --model goes on from the model's classes, not the file's order
    out = os.path.join(TMP, 'dogcat-more.json')
    p = run('train', '--model', model, '--data', pets, '--epochs', '1', '--lr', '0.0001',
            '--quiet', '--save', out)
    assert p.returncode == 0, p.stderr
    with open(out) as f:
        assert json.load(f).get('classes') == ['dog', 'cat']
    p = run('evaluate', out, '--data', pets)
    assert p.returncode == 0 and 'accuracy: 1.0000' in p.stdout, (p.stdout, p.stderr)


# ---- issue 8, families 5 and 14: what --data CSV may be ----------------------

@test('--data: a FIFO or /dev/zero as CSV is refused at once, never waited for or read')
def _():
    fifo = os.path.join(TMP, 'data-fifo.csv')
    os.mkfifo(fifo)
    for spec in (fifo, '/dev/zero'):
        for cmd in (['train', '--data', spec, '--layers', '2,1:sigmoid', '--epochs', '1'],
                    ['evaluate', hand_model('fifo-model.json', None, [[1.0, -1.0], [-1.0, 1.0]]),
                     '--data', spec]):
            try:
                p = run_limited(*cmd, mem=1 << 30)
            except subprocess.TimeoutExpired:
                raise AssertionError(f'{cmd} blocked')
            assert p.returncode == 1, (cmd, p.returncode, p.stderr)
            assert 'not a regular file' in p.stderr and spec in p.stderr, p.stderr
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


finish(TMP)
