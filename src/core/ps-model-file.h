/* ps-model-file.h: the JSON model format (see README)
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "ps-network.h"

G_BEGIN_DECLS

#define PS_MODEL_ERROR (ps_model_error_quark ())

typedef enum
{
  PS_MODEL_ERROR_IO,        /* cannot read/write; old file untouched */
  PS_MODEL_ERROR_SYNTAX,    /* not JSON: message carries line:column */
  PS_MODEL_ERROR_INVALID,   /* JSON, but a field is missing or wrong: message names it */
} PsModelError;

GQuark     ps_model_error_quark (void);

/* Through ps_file_write(): atomic (temporary file + rename), through
 * symlinks, never over a write-protected file or a device. */
gboolean   ps_model_save        (const PsNetwork *net,
                                 const char      *path,
                                 GError         **error);
char      *ps_model_to_json     (const PsNetwork *net);
/* Reads a regular file of at most PS_FILE_MODEL_MAX (256 MiB); never a
 * device or a FIFO. Both readers refuse JSON nested deeper than
 * PS_JSON_MAX_DEPTH, text after the model and out-of-range numbers (see
 * ps_json_check() in ps-file.h). An ONNX file (ONNX's first byte, or a
 * ".onnx" name on anything but JSON) is read by ps_onnx_from_data(), its
 * errors given as PS_MODEL_ERROR_SYNTAX (not ONNX, truncated) or _INVALID
 * (an unsupported node, named with its op; a bad shape). */
PsNetwork *ps_model_load        (const char      *path,
                                 GError         **error);
PsNetwork *ps_model_from_json   (const char      *text,
                                 gssize           length,
                                 const char      *display_name,
                                 GError         **error);
/* Appends @v as the shortest "%.Ng" (6 to 9 digits) that reads back to
 * exactly @v through a double (as JSON parsers and Python read it); −0 as
 * "-0.0"; a value that is not finite as "null" (JSON's). */
void       ps_model_append_float (GString       *s,
                                  float          v);

G_END_DECLS
