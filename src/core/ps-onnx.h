/* ps-onnx.h: ONNX export (opset 13) and import of dense networks
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "ps-file.h"
#include "ps-network.h"

G_BEGIN_DECLS

#define PS_ONNX_ERROR (ps_onnx_error_quark ())

typedef enum
{
  PS_ONNX_ERROR_IO,           /* cannot read/write; old file untouched */
  PS_ONNX_ERROR_PARSE,        /* not an ONNX protobuf, or truncated */
  PS_ONNX_ERROR_UNSUPPORTED,  /* a valid graph this program cannot run: names the node and op */
  PS_ONNX_ERROR_INVALID,      /* inconsistent shapes, sizes or numbers */
} PsOnnxError;

/* The most an ONNX file may hold: as for JSON models. */
#define PS_ONNX_MAX PS_FILE_MODEL_MAX

GQuark     ps_onnx_error_quark (void);

/* Writes @network as an ONNX model (opset 13) through ps_file_write()
 * (atomic). The graph takes raw features "input" [N, inputs] (the model's
 * input scaling is in the graph) and gives "output" [N, outputs]; see the
 * README for its layout. */
gboolean   ps_onnx_save        (const PsNetwork *network,
                                const char      *path,
                                GError         **error);
/* The serialized model, (transfer full), for tests and in-memory use. */
GBytes    *ps_onnx_to_bytes    (const PsNetwork *network,
                                GError         **error);

/* Reads a dense network from an ONNX file: our own exports, and the MLPs
 * torch.onnx.export writes for nn.Sequential of Linear and ReLU, Sigmoid,
 * Tanh, Softmax. Anything else is PS_ONNX_ERROR_UNSUPPORTED naming the node
 * and its op. (transfer full) (nullable) */
PsNetwork *ps_onnx_load        (const char      *path,
                                GError         **error);
PsNetwork *ps_onnx_from_data   (const guint8    *data,
                                gsize            len,
                                const char      *display_name,
                                GError         **error);

/* TRUE when the first bytes look like an ONNX protobuf rather than JSON
 * (for a loader that takes either). */
gboolean   ps_onnx_sniff       (const guint8    *data,
                                gsize            len);

G_END_DECLS
