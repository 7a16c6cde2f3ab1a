/* ps-cli-export.h: `perceptron export`, a model to PyTorch, Keras or ONNX
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Runs `perceptron export MODEL --format pytorch|keras|onnx -o FILE`; argv[1]
 * is "export". Returns the exit status; sets @error for the caller to print. */
int ps_cli_export (int      argc,
                   char   **argv,
                   GError **error);

G_END_DECLS
