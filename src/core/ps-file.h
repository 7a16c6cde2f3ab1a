/* ps-file.h: writing a user's file without losing the old one
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Writes data to path: atomically (temporary file + rename, the old file
 * intact on failure) for a regular file or a new path; in place for a device
 * or a pipe (/dev/null, /dev/full, a FIFO), which a rename would replace.
 * Errors are G_FILE_ERROR. */
gboolean ps_file_write (const char  *path,
                        const char  *data,
                        gsize        len,
                        int          mode,
                        GError     **error);

G_END_DECLS
