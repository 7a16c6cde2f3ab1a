/* ps-export.h: a model to PyTorch, Keras or ONNX (see README, "perceptron export")
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "ps-network.h"
#include "ps-optimizer.h"

G_BEGIN_DECLS

#define PS_EXPORT_ERROR (ps_export_error_quark ())

typedef enum
{
  PS_EXPORT_ERROR_IO,           /* cannot write; an old file is left as it was */
  PS_EXPORT_ERROR_INVALID,      /* the model cannot be written (a weight not finite) */
} PsExportError;

/* The names are in ps-names.c (PS_ENUM_EXPORT_FORMAT): "pytorch", "keras",
 * "onnx". */
typedef enum
{
  PS_EXPORT_PYTORCH,   /* a Python file: torch.nn.Sequential + our weights + predict() */
  PS_EXPORT_KERAS,     /* a Python file: Sequential and functional forms, set_weights, compile */
  PS_EXPORT_ONNX,      /* an ONNX model, opset 13 (ps-onnx.h) */
} PsExportFormat;

GQuark       ps_export_error_quark       (void);

const char  *ps_export_format_to_string  (PsExportFormat  format);
/* Case-insensitive; FALSE for an unknown or NULL name (*out unchanged). */
gboolean     ps_export_format_from_string (const char     *s,
                                           PsExportFormat *out);
/* The file name extension of @format, with its dot: ".py" or ".onnx". */
const char  *ps_export_format_extension  (PsExportFormat  format);

/* The Python source of the PyTorch export, (transfer full), or NULL with
 * PS_EXPORT_ERROR_INVALID for a weight or a scaling value that is not
 * finite. */
char        *ps_export_pytorch_source    (const PsNetwork *net,
                                          GError         **error);
/* The Python source of the Keras export, (transfer full). @training (may be
 * NULL) gives the optimizer and learning rate of compile(); a model file
 * stores no optimizer, so NULL means the defaults the CLI and the app
 * train with (SGD, lr 0.01), and the file says so. */
char        *ps_export_keras_source      (const PsNetwork         *net,
                                          const PsOptimizerConfig *training,
                                          GError                 **error);

/* Writes @net in @format to @path through ps_file_write() (atomic; the old
 * file is left as it was on failure). Errors: PS_EXPORT_ERROR (_IO, _INVALID),
 * or ps_onnx_save()'s PS_ONNX_ERROR; as ps_model_save()'s, the message
 * starts with the file's name ("m.py: cannot export the model: ..."). */
gboolean     ps_export_model             (const PsNetwork *net,
                                          PsExportFormat   format,
                                          const char      *path,
                                          GError         **error);
/* ps_export_model() with the training settings for Keras' compile() (may be
 * NULL; ignored by the other formats). */
gboolean     ps_export_model_full        (const PsNetwork         *net,
                                          PsExportFormat           format,
                                          const PsOptimizerConfig *training,
                                          const char              *path,
                                          GError                 **error);

G_END_DECLS
