/* ps-test-gzip.h: gzip in memory, for the tests' gzipped files
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* @data compressed as a .gz file (GIO's zlib compressor, level 6). */
GBytes *ps_test_gzip (const void *data,
                      gsize       len);

G_END_DECLS
