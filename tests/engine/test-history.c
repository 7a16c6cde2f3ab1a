/* test-history.c: the one history CSV writer
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ps-history.h"

#include <glib/gstdio.h>

static void
test_csv (void)
{
  PsEpochMetrics m[2] = { 0 };
  g_autofree char *text = NULL;

  m[0].epoch = 1, m[0].loss = 0.5, m[0].accuracy = 0.75, m[0].rmse = 0.25;
  m[0].seconds = 0.125, m[0].samples_per_second = 1000;
  m[1] = m[0];
  m[1].epoch = 2, m[1].has_val = TRUE, m[1].val_loss = 1.0 / 3.0;
  m[1].val_accuracy = 1, m[1].val_rmse = 0.5;

  text = ps_history_to_csv (m, 2);
  g_assert_cmpstr (text, ==,
                   "epoch,loss,accuracy,rmse,val_loss,val_accuracy,val_rmse,seconds,samples_per_second\n"
                   "1,0.5,0.75,0.25,,,,0.125,1000\n"
                   "2,0.5,0.75,0.25,0.333333333,1,0.5,0.125,1000\n");
}

static void
test_write (void)
{
  g_autofree char *dir = g_dir_make_tmp ("ps-history-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "h.csv", NULL);
  g_autofree char *bad = g_build_filename (dir, "no", "such", "h.csv", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  PsEpochMetrics m = { .epoch = 1, .loss = 2 };

  g_assert_true (ps_history_write_csv (path, &m, 1, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  g_assert_true (g_str_has_prefix (text, PS_HISTORY_CSV_COLUMNS "\n1,2,"));
  g_assert_false (ps_history_write_csv (bad, &m, 1, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_unlink (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/history/csv", test_csv);
  g_test_add_func ("/history/write", test_write);
  return g_test_run ();
}
