#!/usr/bin/python3
# test_cli_idx.py: the `perceptron` CLI facing hostile IDX folders (TAP)
#
# Copyright 2026 The Perceptron Studio authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: test_cli_idx.py PERCEPTRON
#   Issue 8: t10k files that do not fit the train files (family 3) are refused
#   by train, evaluate, predict and plot with a "perceptron:" message naming
#   the t10k file, exit 1, no crash; a multi-member .gz loads as the
#   one-member file does (family 11); a FIFO or /dev/zero in the folder is
#   refused at once (family 5); a folder that cannot be read says "permission
#   denied", a path through a file says "not a folder" (family 15). Every run
#   has a time limit.

import gzip
import os
import re
import shutil
import struct
import subprocess
import tempfile

from clitest import PERCEPTRON, assert_refused, finish, run, test

TMP = tempfile.mkdtemp(prefix='ps-cli-idx-')
LAYERS = ('--layers', '16,10:softmax')


def images(n, h, w, seed=1):
    data = bytes((i * 7 + seed * 13 + (i // (h * w)) * 29) % 256 for i in range(n * h * w))
    return struct.pack('>IIII', 0x803, n, h, w) + data


def labels(n):
    return struct.pack('>II', 0x801, n) + bytes(i % 10 for i in range(n))


def put(folder, name, data, members=0):
    """members 0: raw; 1: one gzip member; more: that many (cat a.gz b.gz)."""
    os.makedirs(folder, exist_ok=True)
    if members == 0:
        path = os.path.join(folder, name)
        blob = data
    else:
        path = os.path.join(folder, name + '.gz')
        cuts = [len(data) * k // members for k in range(members + 1)]
        blob = b''.join(gzip.compress(data[cuts[k]:cuts[k + 1]]) for k in range(members))
    with open(path, 'wb') as f:
        f.write(blob)
    return path


def folder(name, train=(60, 4, 4), test=(20, 4, 4), test_labels=None, members=0):
    d = os.path.join(TMP, name)
    put(d, 'train-images-idx3-ubyte', images(*train), members)
    put(d, 'train-labels-idx1-ubyte', labels(train[0]), members)
    put(d, 't10k-images-idx3-ubyte', images(*test, seed=2), members)
    put(d, 't10k-labels-idx1-ubyte', labels(test[0] if test_labels is None else test_labels),
        members)
    return d


GOOD = folder('mnist-good')
MODEL = os.path.join(TMP, 'model.json')


def every_command(d):
    """The commands that load a folder's train and t10k files."""
    spec = 'mnist:' + d
    return [['train', '--data', spec, *LAYERS, '--epochs', '1', '--quiet'],
            ['evaluate', MODEL, '--data', spec],
            ['predict', MODEL, '--data', spec],
            ['plot', MODEL, '--data', spec, '--kind', 'confusion',
             '-o', os.path.join(TMP, 'c.png')]]


@test('a good folder trains, and its model evaluates and predicts')
def _():
    p = run('train', '--data', 'mnist:' + GOOD, *LAYERS, '--epochs', '2', '--seed', '1',
            '--save', MODEL)
    assert p.returncode == 0, p.stderr
    assert 'Test - ' in p.stdout, p.stdout
    for argv in every_command(GOOD)[1:]:
        p = run(*argv)
        assert p.returncode == 0, (argv, p.stderr)


@test('t10k images of other dimensions are refused by train, evaluate, predict and plot')
def _():
    for name, shape in (('mnist-wider', (20, 5, 5)), ('mnist-transposed', (20, 2, 8)),
                        ('mnist-smaller', (20, 3, 3))):
        d = folder(name, test=shape)
        for argv in every_command(d):
            assert_refused(run(*argv), os.path.join(d, 't10k-images-idx3-ubyte'),
                           'training images are 4')


@test('t10k labels that do not match the t10k images are refused, naming the file')
def _():
    d = folder('mnist-labels', test_labels=19)
    for argv in every_command(d):
        assert_refused(run(*argv), 't10k-labels-idx1-ubyte', '19 labels', '20 images')


@test('a model whose inputs do not fit the t10k set is refused, not read out of bounds')
def _():
    # the model takes 16 inputs; both files of this folder have 25 features
    d = folder('mnist-25', train=(60, 5, 5), test=(20, 5, 5))
    for argv in every_command(d)[1:]:
        assert_refused(run(*argv), '16 inputs', '25 features')


@test('multi-member .gz IDX files (cat a.gz b.gz) load as the one-member files do')
def _():
    one = folder('mnist-gz1', members=1)
    args = (*LAYERS, '--epochs', '2', '--seed', '1')
    ref = run('train', '--data', 'mnist:' + one, *args)
    assert ref.returncode == 0, ref.stderr
    strip_time = lambda out: [re.sub(r' - \d+\.\d+s - ', ' - ', l) for l in out.splitlines()]
    for members in (2, 3):
        d = folder(f'mnist-gz{members}', members=members)
        p = run('train', '--data', 'mnist:' + d, *args)
        assert p.returncode == 0, p.stderr
        assert strip_time(p.stdout) == strip_time(ref.stdout), (p.stdout, ref.stdout)
        p = run('evaluate', MODEL, '--data', 'mnist:' + d)
        q = run('evaluate', MODEL, '--data', 'mnist:' + GOOD)
        assert p.returncode == 0 and p.stdout == q.stdout, (p.stdout, q.stdout, p.stderr)


@test('a FIFO, /dev/zero or a dangling link as an IDX file is refused at once')
def _():
    for kind in ('fifo', 'zero', 'dangling'):
        d = folder('mnist-' + kind)
        target = os.path.join(d, 'train-images-idx3-ubyte')
        os.remove(target)
        if kind == 'fifo':
            os.mkfifo(target)
            words = ('train-images-idx3-ubyte is a pipe (FIFO), not a regular file',)
        elif kind == 'zero':
            os.symlink('/dev/zero', target)
            words = ('train-images-idx3-ubyte is a device, not a regular file',)
        else:
            os.symlink('nowhere', target)
            words = ('train-images-idx3-ubyte: no such file',)
        assert_refused(run('train', '--data', 'mnist:' + d, *LAYERS, '--epochs', '1',
                           timeout=30), *words)
        assert_refused(run('evaluate', MODEL, '--data', 'mnist:' + d, timeout=30), *words)


@test('a folder path through a file says "not a folder"; an empty folder names the file it lacks')
def _():
    plain = os.path.join(TMP, 'plain')
    with open(plain, 'w') as f:
        f.write('x')
    assert_refused(run('train', '--data', 'mnist:' + plain, *LAYERS), 'plain: not a folder')
    assert_refused(run('train', '--data', 'mnist:' + os.path.join(plain, 'sub'), *LAYERS),
                   'plain/sub: not a folder')
    empty = os.path.join(TMP, 'empty')
    os.mkdir(empty)
    assert_refused(run('train', '--data', 'mnist:' + empty, *LAYERS),
                   'no train-images-idx3-ubyte[.gz] file')


def unprivileged():
    """A command prefix that runs as nobody, () when not root, None when impossible."""
    if os.geteuid() != 0:
        return ()
    setpriv = shutil.which('setpriv')
    if setpriv is None:
        return None
    prefix = (setpriv, '--reuid=65534', '--regid=65534', '--clear-groups')
    try:
        ok = subprocess.run([*prefix, PERCEPTRON, '--help'], capture_output=True,
                            timeout=30).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        ok = False
    return prefix if ok else None


@test('an unreadable folder or file says "permission denied" naming it')
def _():
    prefix = unprivileged()
    if prefix is None:
        print('# skipped: running as root without a working setpriv, which may read anything')
        return
    os.chmod(TMP, 0o755)
    d = folder('mnist-locked')
    os.chmod(MODEL, 0o644)
    try:
        os.chmod(d, 0)
        assert_refused(run('train', '--data', 'mnist:' + d, *LAYERS, prefix=prefix),
                       'mnist-locked: permission denied')
        assert_refused(run('evaluate', MODEL, '--data', 'mnist:' + d, prefix=prefix),
                       'mnist-locked: permission denied')
        os.chmod(d, 0o755)
        f = os.path.join(d, 't10k-images-idx3-ubyte')
        os.chmod(f, 0)
        assert_refused(run('evaluate', MODEL, '--data', 'mnist:' + d, prefix=prefix),
                       't10k-images-idx3-ubyte: permission denied')
    finally:
        os.chmod(d, 0o755)


finish(TMP)
