/* ps-file.h: reading and writing a user's file safely
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The most a model or an experiment file may hold (an experiment carries a
 * model): 256 MiB, ~20 million weights written as text. */
#define PS_FILE_MODEL_MAX ((gsize) 256 << 20)

/* The deepest nesting of arrays and objects a JSON file may have. Our own
 * files need 6 (experiment → model → layers → layer → weights → row); json-glib
 * recurses once per level, and ~80 000 levels overflow the stack. */
#define PS_JSON_MAX_DEPTH 64

/* Writes data to path, the only way the product writes a user's file:
 * - a regular file or a new path: atomically (".NAME.ps-tmp-XXXXXX" beside
 *   it, fsync, rename; the old file intact on failure); a replaced file keeps
 *   its mode (and, as root, its owner); mode is for new files (umask applies);
 * - a symlink: resolved, and its final target written as above; the link
 *   stays a link;
 * - a write-protected file (no write bit in its mode, even as root): refused,
 *   the file untouched;
 * - a device or a pipe (/dev/null, /dev/full, a FIFO): written in place, never
 *   replaced; a FIFO with no reader is refused at once, never waited for;
 * - a folder: refused.
 * Stale temporary files a killed save left for the same target are removed;
 * SIGINT, SIGTERM and SIGHUP during the write remove the temporary file (when
 * the program has no handler of its own for them).
 * Errors are G_FILE_ERROR; the message does not name the file (the caller
 * does), e.g. "the file is write-protected (mode 0444)". */
gboolean ps_file_write         (const char  *path,
                                const char  *data,
                                gsize        len,
                                int          mode,
                                GError     **error);

/* Removes the temporary files of the writes in progress. Async-signal-safe:
 * for a program with its own SIGINT/SIGTERM handler (ps_file_write installs
 * one only where the program has none), to call from that handler. */
void     ps_file_remove_temporaries (void);

/* Reads a whole regular file of at most max bytes into a NUL-terminated
 * buffer. Refuses at once, without reading or blocking: a folder, a device
 * (/dev/zero), a FIFO, a socket; and a file larger than max.
 * Errors are G_FILE_ERROR; the message does not name the file (the caller
 * does), e.g. "not a regular file (a pipe)" or "larger than the 256 MiB
 * limit". */
gboolean ps_file_read_limited  (const char  *path,
                                gsize        max,
                                char       **contents,
                                gsize       *length,
                                GError     **error);

/* A cheap byte scan of JSON text, to run before json-glib parses it: refuses
 * - nesting deeper than max_depth (json-glib's recursion overflows the stack);
 * - anything but white space after the top-level value (json-glib would
 *   silently take the first of two concatenated documents);
 * - a whole number outside the 64-bit range (json-glib wraps it around:
 *   99999999999999999999999 reads as -1), and a number too large for a
 *   double (1e999 would read as infinity);
 * - an escape JSON does not have (json-glib takes "\222", octal, and makes
 *   bytes that are not UTF-8 of it).
 * Strings and their escapes are skipped properly. Errors are G_FILE_ERROR_INVAL
 * with "DISPLAY_NAME:LINE:COLUMN: what", e.g. "deep.json:1:65: nested deeper
 * than 64 levels of arrays and objects". */
gboolean ps_json_check         (const char  *text,
                                gsize        len,
                                guint        max_depth,
                                const char  *display_name,
                                GError     **error);
/* Appends str as a quoted JSON string: quote, backslash and control bytes
 * escaped (\n \r \t, the rest as \u00XX, DEL too); UTF-8 passed as is. */
void     ps_json_append_string (GString     *s,
                                const char  *str);

G_END_DECLS
