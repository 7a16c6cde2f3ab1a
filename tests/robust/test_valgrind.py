#!/usr/bin/python3
# test_valgrind.py: the CLI under valgrind memcheck (TAP)
#
# Copyright 2026 The Perceptron Studio authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: test_valgrind.py VALGRIND PERCEPTRON SUPPRESSIONS
# Runs train (with --save, --history and two plots), evaluate, predict and
# plot on xor under memcheck: no invalid access, no uninitialised value used,
# no definite leak. The suppressions cover only fontconfig's own allocations
# kept by pango (see valgrind.supp).

import os
import shutil
import subprocess
import sys
import tempfile

VALGRIND, PERCEPTRON, SUPP = sys.argv[1:4]
TMP = tempfile.mkdtemp(prefix='ps-valgrind-')
ERROR_RC = 97

ENV = dict(os.environ,
           OPENBLAS_NUM_THREADS='1',     # valgrind runs threads one at a time anyway
           G_SLICE='always-malloc',      # GLib 2.74 still has the slice allocator
           G_DEBUG='gc-friendly')

MODEL = os.path.join(TMP, 'xor.json')
RUNS = [
    ('train with --save, --history and plots',
     ['train', '--data', 'xor', '--layers', '2,3:sigmoid,1:sigmoid', '--lr', '0.5',
      '--reduction', 'sum', '--epochs', '300', '--seed', '2', '--quiet', '--save', MODEL,
      '--history', os.path.join(TMP, 'h.csv'),
      '--plot', 'boundary=' + os.path.join(TMP, 'b.png'),
      '--plot', 'curves=' + os.path.join(TMP, 'c.svg'),
      '--plot', 'confusion=' + os.path.join(TMP, 'm.png')],
     [MODEL, 'h.csv', 'b.png', 'c.svg', 'm.png']),
    ('evaluate', ['evaluate', MODEL, '--data', 'xor'], []),
    ('predict', ['predict', MODEL, '--data', 'xor'], []),
    ('plot weights',
     ['plot', MODEL, '--data', 'xor', '--kind', 'weights', '-o', os.path.join(TMP, 'w.pdf')],
     ['w.pdf']),
]

print('1..%d' % len(RUNS))
failed = 0
for i, (name, args, outputs) in enumerate(RUNS, 1):
    cmd = [VALGRIND, '-q', '--leak-check=full', '--errors-for-leak-kinds=definite',
           '--show-leak-kinds=definite', '--error-exitcode=%d' % ERROR_RC,
           '--suppressions=' + SUPP, '--num-callers=30', PERCEPTRON, *args]
    p = subprocess.run(cmd, capture_output=True, text=True, env=ENV, timeout=600)
    problems = []
    if p.returncode == ERROR_RC:
        problems.append('valgrind found errors or definite leaks')
    elif p.returncode != 0:
        problems.append('exit code %d' % p.returncode)
    for out in outputs:
        path = out if os.path.isabs(out) else os.path.join(TMP, out)
        if not os.path.exists(path) or os.path.getsize(path) == 0:
            problems.append('%s not written' % out)
    if problems:
        failed += 1
        print('not ok %d - %s: %s' % (i, name, '; '.join(problems)))
        for line in p.stderr.splitlines()[-80:]:
            print('# ' + line)
    else:
        print('ok %d - %s' % (i, name))
    sys.stdout.flush()

shutil.rmtree(TMP, ignore_errors=True)
sys.exit(1 if failed else 0)
