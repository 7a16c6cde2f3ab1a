# clitest.py: what the CLI test scripts of this folder share
#
# Copyright 2026 The Perceptron Studio authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The scripts run as `python3 tests/robust/test_*.py PERCEPTRON`, so Python
# finds this module beside them. It holds the TAP bookkeeping (@test, finish),
# the one way to run the CLI (one thread of BLAS, a time limit that fails
# the test instead of hanging it) and the checks and fixtures more than one
# script uses.

import os
import shutil
import subprocess
import sys

PERCEPTRON = sys.argv[1]
results = []


def run(*args, timeout=60, prefix=()):
    """perceptron ARGS (after the command words in prefix, e.g. setpriv);
    its output as text, undecodable bytes replaced."""
    try:
        return subprocess.run([*prefix, PERCEPTRON, *args], capture_output=True, text=True,
                              errors='replace', timeout=timeout,
                              env=dict(os.environ, OPENBLAS_NUM_THREADS='1'))
    except subprocess.TimeoutExpired:
        raise AssertionError(f'perceptron {" ".join(args)} did not finish in {timeout} s')


def test(name):
    """Runs the function at once; an AssertionError fails the named test."""
    def wrap(fn):
        try:
            fn()
            results.append((True, name, ''))
        except AssertionError as e:
            results.append((False, name, str(e)))
        return fn
    return wrap


def assert_refused(p, *words):
    """Exit 1 with one "perceptron:" message naming every word, no GLib critical."""
    assert p.returncode == 1, f'exit code {p.returncode}, expected 1; stderr: {p.stderr!r}'
    assert p.stderr.startswith('perceptron: '), f'stderr: {p.stderr!r}'
    assert 'CRITICAL' not in p.stderr, p.stderr
    for w in words:
        assert w in p.stderr, f'{w!r} not in {p.stderr!r}'


def good_model(path, epochs='3'):
    """A small AND model saved to path (seed 1); returns the file's bytes."""
    p = run('train', '--data', 'and', '--layers', '2,1:sigmoid', '--epochs', epochs, '--quiet',
            '--seed', '1', '--save', path)
    assert p.returncode == 0, p.stderr
    with open(path, 'rb') as f:
        return f.read()


def finish(tmp):
    """Prints the TAP report, removes tmp and exits 0 when every test passed."""
    print('1..%d' % len(results))
    for i, (ok, name, why) in enumerate(results, 1):
        print('%s %d - %s' % ('ok' if ok else 'not ok', i, name))
        if not ok:
            for line in why.splitlines():
                print('# ' + line)
    shutil.rmtree(tmp, ignore_errors=True)
    sys.exit(0 if all(ok for ok, _, _ in results) else 1)
