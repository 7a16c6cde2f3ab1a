/* ps-onnx.c: ONNX export (opset 13) and import of dense networks
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ps-onnx.h"

#include "onnx.pb-c.h"

G_DEFINE_QUARK (ps-onnx-error-quark, ps_onnx_error)

GBytes *
ps_onnx_to_bytes (const PsNetwork  *network,
                  GError          **error)
{
  g_return_val_if_fail (network != NULL, NULL);

  g_set_error_literal (error, PS_ONNX_ERROR, PS_ONNX_ERROR_UNSUPPORTED,
                       "ONNX export is not written yet");
  return NULL;
}

gboolean
ps_onnx_save (const PsNetwork  *network,
              const char       *path,
              GError          **error)
{
  g_autoptr (GBytes) bytes = NULL;

  g_return_val_if_fail (network != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  bytes = ps_onnx_to_bytes (network, error);
  return bytes != NULL;
}

gboolean
ps_onnx_sniff (const guint8 *data,
               gsize         len)
{
  return FALSE;
}

PsNetwork *
ps_onnx_from_data (const guint8  *data,
                   gsize          len,
                   const char    *display_name,
                   GError       **error)
{
  g_set_error_literal (error, PS_ONNX_ERROR, PS_ONNX_ERROR_UNSUPPORTED,
                       "ONNX import is not written yet");
  return NULL;
}

PsNetwork *
ps_onnx_load (const char  *path,
              GError     **error)
{
  g_return_val_if_fail (path != NULL, NULL);

  return ps_onnx_from_data (NULL, 0, path, error);
}
