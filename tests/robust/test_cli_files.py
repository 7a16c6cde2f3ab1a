#!/usr/bin/python3
# test_cli_files.py: the `perceptron` CLI facing hostile model files and
# unusual output paths (TAP)
#
# Copyright 2026 The Perceptron Studio authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: test_cli_files.py PERCEPTRON
#   model files nested 100 000 deep, two documents in one file, a whole number
#   beyond 64 bits, /dev/zero, a FIFO, a folder: refused at once with a
#   "perceptron:" message, exit 1, no crash and no hang (every run has a time
#   limit). --save and --plot write through a symlink to its target (the link
#   stays), refuse a write-protected file and leave it as it was, keep a
#   replaced file's mode, and refuse a FIFO with no reader instead of waiting.

import os
import stat
import tempfile

from clitest import assert_refused, finish, good_model, run, test

TMP = tempfile.mkdtemp(prefix='ps-cli-files-')


def write(name, text):
    path = os.path.join(TMP, name)
    with open(path, 'w') as f:
        f.write(text)
    return path


def every_reader(path):
    """The commands that read a model file."""
    return [['summary', path],
            ['evaluate', path, '--data', 'xor'],
            ['predict', path, '--data', 'xor'],
            ['train', '--data', 'xor', '--layers', '2,1:sigmoid', '--model', path,
             '--epochs', '1', '--quiet']]


@test('a model nested 100 000 deep is refused by summary, evaluate, predict and --model')
def _():
    path = write('deep.json', '[' * 100000 + ']' * 100000)
    for argv in every_reader(path):
        assert_refused(run(*argv), 'deep.json', 'nested deeper than 64 levels')
    path = write('deep-obj.json', '{"a":' * 100000)
    assert_refused(run('summary', path), 'deep-obj.json', 'nested deeper than 64 levels')


@test('"inputs": 99999999999999999999999 is reported with its real text')
def _():
    path = write('huge.json', '{"format": "perceptron-studio-model", "version": 1,\n'
                 ' "inputs": 99999999999999999999999}\n')
    assert_refused(run('summary', path), 'huge.json',
                   'inputs: 99999999999999999999999 is out of range')


@test('two concatenated models (or text after the model) are refused')
def _():
    one = good_model(os.path.join(TMP, 'one.json')).decode()
    for name, text in (('two.json', one + one), ('trailing.json', one + 'x'),
                       ('array.json', one + '[]')):
        path = write(name, text)
        assert_refused(run('summary', path), name, 'unexpected text after the end')


@test('/dev/zero, a FIFO and a folder as a model are refused at once')
def _():
    fifo = os.path.join(TMP, 'fifo.json')
    os.mkfifo(fifo)
    folder = os.path.join(TMP, 'folder.json')
    os.mkdir(folder)
    for path, what in (('/dev/zero', 'not a regular file'), (fifo, 'not a regular file'),
                       (folder, 'folder')):
        for argv in every_reader(path):
            assert_refused(run(*argv, timeout=30), os.path.basename(path), what)


@test('--save through a symlink writes its target; the link stays a link')
def _():
    d = os.path.join(TMP, 'link')
    os.mkdir(d)
    target = os.path.join(d, 'target.json')
    old = good_model(target, epochs='1')
    link = os.path.join(d, 'link.json')
    os.symlink('target.json', link)
    new = good_model(link, epochs='50')
    assert os.path.islink(link), 'the link was replaced'
    assert os.readlink(link) == 'target.json'
    with open(target, 'rb') as f:
        assert f.read() == new and new != old, 'the target was not updated'
    png = os.path.join(d, 'plot.png')
    with open(png, 'wb') as f:
        f.write(b'old')
    plink = os.path.join(d, 'plink.png')
    os.symlink('plot.png', plink)
    p = run('plot', link, '--data', 'and', '--kind', 'boundary', '-o', plink)
    assert p.returncode == 0, p.stderr
    assert os.path.islink(plink)
    with open(png, 'rb') as f:
        assert f.read(8) == b'\x89PNG\r\n\x1a\n', 'the plot did not reach the target'
    assert sorted(os.listdir(d)) == ['link.json', 'plink.png', 'plot.png', 'target.json'], \
        os.listdir(d)


@test('--save and -o refuse a write-protected (0444) file and leave it as it was')
def _():
    d = os.path.join(TMP, 'protected')
    os.mkdir(d)
    model = os.path.join(d, 'm.json')
    old = good_model(model)
    os.chmod(model, 0o444)
    p = run('train', '--data', 'and', '--layers', '2,1:sigmoid', '--epochs', '2', '--quiet',
            '--save', model)
    assert p.returncode not in (0, -6, -11), f'exit code {p.returncode}'
    assert p.stderr.startswith('perceptron: ') and 'm.json' in p.stderr \
        and 'write-protected' in p.stderr, p.stderr
    with open(model, 'rb') as f:
        assert f.read() == old, 'the model changed'
    assert stat.S_IMODE(os.stat(model).st_mode) == 0o444
    png = os.path.join(d, 'p.png')
    with open(png, 'wb') as f:
        f.write(b'old')
    os.chmod(png, 0o444)
    p = run('plot', model, '--data', 'and', '--kind', 'boundary', '-o', png)
    assert p.returncode not in (0, -6, -11), f'exit code {p.returncode}'
    assert 'write-protected' in p.stderr, p.stderr
    with open(png, 'rb') as f:
        assert f.read() == b'old'
    assert sorted(os.listdir(d)) == ['m.json', 'p.png'], os.listdir(d)


@test('--save keeps the mode of the file it replaces')
def _():
    model = os.path.join(TMP, 'mode.json')
    good_model(model)
    os.chmod(model, 0o600)
    good_model(model, epochs='4')
    assert stat.S_IMODE(os.stat(model).st_mode) == 0o600


@test('--save to a FIFO with no reader is refused at once')
def _():
    fifo = os.path.join(TMP, 'out-fifo.json')
    os.mkfifo(fifo)
    p = run('train', '--data', 'and', '--layers', '2,1:sigmoid', '--epochs', '2', '--quiet',
            '--save', fifo, timeout=30)
    assert p.returncode not in (0, -6, -11), f'exit code {p.returncode}'
    assert p.stderr.startswith('perceptron: ') and 'no reader' in p.stderr, p.stderr
    assert stat.S_ISFIFO(os.stat(fifo).st_mode), 'the FIFO was replaced'


finish(TMP)
