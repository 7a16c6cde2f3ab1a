/* ps-cli-export.c: `perceptron export`
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ps-cli-export.h"

#include <gio/gio.h>

int
ps_cli_export (int      argc,
               char   **argv,
               GError **error)
{
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                       "export: not built yet");
  return 1;
}
