/* ps-history.c: the per-epoch metrics of a run as CSV
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ps-history.h"

#include <string.h>

#include "ps-file.h"

static void
append_value (GString *s,
              double   v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append_c (s, ',');
  g_string_append (s, g_ascii_formatd (buf, sizeof buf, "%.9g", v));
}

char *
ps_history_to_csv (const PsEpochMetrics *history,
                   guint                 n_epochs)
{
  GString *s;

  g_return_val_if_fail (history != NULL || n_epochs == 0, NULL);

  s = g_string_new (PS_HISTORY_CSV_COLUMNS "\n");
  for (guint i = 0; i < n_epochs; i++)
    {
      const PsEpochMetrics *m = &history[i];

      g_string_append_printf (s, "%u", m->epoch);
      append_value (s, m->loss);
      append_value (s, m->accuracy);
      append_value (s, m->rmse);
      if (m->has_val)
        {
          append_value (s, m->val_loss);
          append_value (s, m->val_accuracy);
          append_value (s, m->val_rmse);
        }
      else
        g_string_append (s, ",,,");
      append_value (s, m->seconds);
      append_value (s, m->samples_per_second);
      g_string_append_c (s, '\n');
    }
  return g_string_free (s, FALSE);
}

gboolean
ps_history_write_csv (const char            *path,
                      const PsEpochMetrics  *history,
                      guint                  n_epochs,
                      GError               **error)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (history != NULL || n_epochs == 0, FALSE);

  text = ps_history_to_csv (history, n_epochs);
  if (!ps_file_write (path, text, strlen (text), 0644, error))
    {
      g_autofree char *display = g_filename_display_name (path);

      /* the error names the file, as ps_model_save()'s does */
      g_prefix_error (error, "%s: cannot save the history: ", display);
      return FALSE;
    }
  return TRUE;
}
