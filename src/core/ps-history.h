/* ps-history.h: the per-epoch metrics of a run as CSV
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The one history writer: `perceptron train --history` and the app's
 * "Export history" write the same file.
 */
#pragma once

#include <glib.h>

#include "ps-trainer.h"

G_BEGIN_DECLS

/* The header line, without its newline: Keras' history names, then time. */
#define PS_HISTORY_CSV_COLUMNS \
  "epoch,loss,accuracy,rmse,val_loss,val_accuracy,val_rmse,seconds,samples_per_second"

/* The CSV text: the header, then one row per epoch ("%.9g", C locale);
 * the validation cells are empty for epochs without validation.
 * Returns: (transfer full): free with g_free() */
char     *ps_history_to_csv     (const PsEpochMetrics  *history,
                                 guint                  n_epochs);
/* ps_history_to_csv() written atomically through ps_file_write(). Errors
 * are ps_file_write()'s (G_FILE_ERROR), their message prefixed with the
 * file's name. */
gboolean  ps_history_write_csv  (const char            *path,
                                 const PsEpochMetrics  *history,
                                 guint                  n_epochs,
                                 GError               **error);

G_END_DECLS
