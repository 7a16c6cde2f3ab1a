/* ps-gzip.h: a gzip decompressor that reads every member of a file
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define PS_TYPE_GZIP_DECOMPRESSOR (ps_gzip_decompressor_get_type ())
G_DECLARE_FINAL_TYPE (PsGzipDecompressor, ps_gzip_decompressor, PS, GZIP_DECOMPRESSOR, GObject)

/* A GConverter for gzip data of one member or several (cat a.gz b.gz, pigz,
 * bgzip): each member is decompressed in turn, as gzip -d does. Zero bytes
 * after a member (padding, as bgzip blocks or tar may leave) are skipped;
 * any other trailing bytes must start a valid member, or the conversion
 * fails with G_IO_ERROR_INVALID_DATA. A file cut short fails with
 * G_IO_ERROR_PARTIAL_INPUT, as GZlibDecompressor does. Use it wherever the
 * project reads gzip (CSV, IDX, the app's preview). */
PsGzipDecompressor *ps_gzip_decompressor_new (void);

/* The number of members finished so far (for tests and messages). */
guint ps_gzip_decompressor_get_members (PsGzipDecompressor *self);

G_END_DECLS
