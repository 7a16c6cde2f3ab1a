#!/usr/bin/python3
# test_plot_kinds.py: `perceptron plot --kind surface|separability|neurons|hidden`, end to end (TAP)
#
# Copyright 2026 The Perceptron Studio authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# usage: test_plot_kinds.py PERCEPTRON
# Each kind writes PNG, SVG and PDF files that are what they claim to be
# (signature, size), the PNG not blank; --weights is parsed and its errors
# name the option; separability needs 2-D data and no model; neurons needs
# 2-D data, hidden a hidden layer of 2 or more units.

import os
import struct
import sys
import tempfile
import zlib

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'robust'))
from clitest import assert_refused, finish, run, test  # noqa: E402

TMP = tempfile.mkdtemp(prefix='ps-plot-kinds-')


def path(name):
    return os.path.join(TMP, name)


def png_pixels(fn):
    """(width, height, rows of RGB(A) bytes) of an 8-bit non-interlaced PNG."""
    with open(fn, 'rb') as f:
        data = f.read()
    assert data[:8] == b'\x89PNG\r\n\x1a\n', 'not a PNG'
    pos, idat, w = 8, b'', 0
    while pos < len(data):
        n, kind = struct.unpack('>I4s', data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b'IHDR':
            w, h, depth, ctype = struct.unpack('>IIBB', body[:10])
            assert depth == 8 and ctype in (2, 6), (depth, ctype)
            bpp = 3 if ctype == 2 else 4
        elif kind == b'IDAT':
            idat += body
        pos += 12 + n
    raw = zlib.decompress(idat)
    stride = w * bpp
    rows, prev = [], bytearray(stride)
    for y in range(h):
        f, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b, c = prev[i], prev[i - bpp] if i >= bpp else 0
            if f == 1:
                line[i] = (line[i] + a) & 255
            elif f == 2:
                line[i] = (line[i] + b) & 255
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line))
        prev = line
    return w, h, bpp, rows


def colours(fn):
    w, h, bpp, rows = png_pixels(fn)
    seen = set()
    for r in rows[::3]:
        for x in range(0, w * bpp, bpp * 3):
            seen.add(tuple(r[x:x + 3]))
    return w, h, seen


def near(seen, rgb, tol=24):
    return any(all(abs(a - b) <= tol for a, b in zip(c, rgb)) for c in seen)


def xor_model():
    fn = path('xor231.json')
    if not os.path.exists(fn):
        p = run('train', '--data', 'xor', '--layers', '2,3:sigmoid,1:sigmoid', '--epochs', '2000',
                '--lr', '2', '--batch-size', 'full', '--quiet', '--seed', '2', '--save', fn)
        assert p.returncode == 0, p.stderr
    return fn


def assert_file(fn, ext):
    with open(fn, 'rb') as f:
        head = f.read(8)
    if ext == 'png':
        assert head[:8] == b'\x89PNG\r\n\x1a\n', head
    elif ext == 'svg':
        with open(fn, encoding='utf-8') as f:
            assert '<svg' in f.read(2000)
    else:
        assert head[:5] == b'%PDF-', head


@test('surface: PNG, SVG and PDF; the PNG shows the map\'s blues, the path colour and the colour bar')
def _():
    model = xor_model()
    for ext in ('png', 'svg', 'pdf'):
        fn = path('surface.' + ext)
        p = run('plot', model, '--data', 'xor', '--kind', 'surface', '--weights', '1:0:0,1:1:0', '-o', fn)
        assert p.returncode == 0, p.stderr
        assert_file(fn, ext)
    w, h, seen = colours(path('surface.png'))
    assert (w, h) == (800, 600), (w, h)
    assert near(seen, (8, 48, 107), 40), 'no dark blue (high loss)'
    assert near(seen, (247, 251, 255), 12), 'no white (low loss)'
    p = run('plot', model, '--data', 'xor', '--kind', 'surface', '--weights', '2:b:0, 1:1:2',
            '--width', '400', '--height', '300', '-o', path('bias.png'))
    assert p.returncode == 0, p.stderr
    w, h, seen = colours(path('bias.png'))
    assert (w, h) == (400, 300)


@test('surface: --weights is required, parsed and checked against the model')
def _():
    model = xor_model()
    out = path('x.png')
    assert_refused(run('plot', model, '--data', 'xor', '--kind', 'surface', '-o', out), '--weights')
    assert_refused(run('plot', model, '--data', 'xor', '--kind', 'surface', '--weights', '1:0', '-o', out),
                   '--weights', 'L:I:J')
    assert_refused(run('plot', model, '--data', 'xor', '--kind', 'surface', '--weights', '3:0:0,1:0:0',
                       '-o', out), '--weights', 'layers 1 to 2')
    assert_refused(run('plot', model, '--data', 'xor', '--kind', 'surface', '--weights', '1:0:0,1:0:0',
                       '-o', out), '--weights', 'same')
    assert_refused(run('plot', model, '--data', 'xor', '--kind', 'boundary', '--weights', '1:0:0,1:1:0',
                       '-o', out), '--weights')
    assert_refused(run('plot', '--data', 'xor', '--kind', 'surface', '--weights', '1:0:0,1:1:0', '-o', out),
                   'MODEL')
    assert not os.path.exists(out)


@test('separability: XOR and AND drawn (both classes\' colours), with or without a MODEL; PNG, SVG and PDF')
def _():
    for ext in ('png', 'svg', 'pdf'):
        fn = path('xor-sep.' + ext)
        p = run('plot', '--data', 'xor', '--kind', 'separability', '-o', fn)
        assert p.returncode == 0, p.stderr
        assert_file(fn, ext)
    w, h, seen = colours(path('xor-sep.png'))
    assert near(seen, (230, 159, 0)) and near(seen, (0, 114, 178)), 'class colours missing'
    p = run('plot', '--data', 'and', '--kind', 'separability', '-o', path('and-sep.png'))
    assert p.returncode == 0, p.stderr
    p = run('plot', xor_model(), '--data', 'xor', '--kind', 'separability', '-o', path('with-model.png'))
    assert p.returncode == 0, p.stderr


@test('separability: 2-D only; --data required')
def _():
    out = path('y.png')
    assert_refused(run('plot', '--data', 'and3', '--kind', 'separability', '-o', out), '2-D', 'separable')
    assert_refused(run('plot', '--kind', 'separability', '-o', out), '--data')
    assert not os.path.exists(out)


@test('neurons and hidden: the Diagram\'s maps and the Hidden space view, PNG/SVG/PDF')
def _():
    for kind in ('neurons', 'hidden'):
        for ext in ('png', 'svg', 'pdf'):
            fn = path('xor-%s.%s' % (kind, ext))
            p = run('plot', xor_model(), '--data', 'xor', '--kind', kind, '-o', fn)
            assert p.returncode == 0, p.stderr
            assert_file(fn, ext)
        w, h, seen = colours(path('xor-%s.png' % kind))
        assert len(seen) > 20, (kind, len(seen))
    # the hidden space draws the samples in the class colours
    w, h, seen = colours(path('xor-hidden.png'))
    assert near(seen, (230, 159, 0)) and near(seen, (0, 114, 178)), 'class colours missing'


@test('neurons needs 2-D data; hidden a hidden layer of 2+ units')
def _():
    out = path('z.png')
    p = run('train', '--data', 'and3', '--layers', '3,2:sigmoid,1:sigmoid', '--epochs', '5', '--quiet',
            '--save', path('and3.json'))
    assert p.returncode == 0, p.stderr
    assert_refused(run('plot', path('and3.json'), '--data', 'and3', '--kind', 'neurons', '-o', out), '2-D')
    assert_refused(run('plot', xor_model(), '--data', 'xor', '--kind', 'hidden', '--layer', '2', '-o', out),
                   'hidden layer')
    assert_refused(run('plot', '--data', 'xor', '--kind', 'neurons', '-o', out), 'MODEL')
    assert not os.path.exists(out)


finish(TMP)
