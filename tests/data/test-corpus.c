/* test-corpus.c: replays the readers' seed corpus and regression inputs
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "ps-dataset.h"
/* white-box: the readers' results are checked field by field */
#include "ps-dataset-private.h"
#include "ps-idx.h"
#include "ps-csv.h"

static void
check_result (const char *path,
              const char *name,
              PsDataset  *ds,
              GError     *error)
{
  g_autofree char *display = g_filename_display_name (name);

  g_assert_true ((ds == NULL) != (error == NULL));
  if (error != NULL)
    {
      g_assert_true (error->domain == PS_DATASET_ERROR);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      g_assert_nonnull (strstr (error->message, display));
      g_test_message ("%s: %s", name, error->message);
    }
  else
    {
      g_assert_cmpuint (ds->n_samples, >, 0);
      g_assert_cmpuint (ds->n_features, >, 0);
      for (gsize i = 0; i < ds->n_samples; i++)
        g_assert_cmpuint (ds->labels[i], <, ds->n_classes);
      g_assert_cmpuint (g_strv_length (ds->class_names), ==, ds->n_classes);
    }
  if (g_str_has_prefix (name, "ok-") && error != NULL)
    g_error ("%s should load: %s", path, error->message);
  if (g_str_has_prefix (name, "bad-") && ds != NULL)
    g_error ("%s should be refused", path);
}

static void
replay (gconstpointer data)
{
  const char *kind = data;
  g_autofree char *dir = g_build_filename (PS_CORPUS_DIR, kind, NULL);
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(PsDataset) ds = NULL;

      if (g_str_equal (kind, "csv"))
        ds = ps_dataset_load_csv (path, NULL, NULL, NULL, NULL, &error);
      else if (strstr (name, "labels") != NULL && g_str_has_prefix (name, "ok-"))
        {
          g_autofree char *iname = NULL;
          g_autofree char *ipath = NULL;
          char *p;

          iname = g_strdup (name);
          p = strstr (iname, "labels-idx1");
          g_assert_nonnull (p);
          memcpy (p, "images-idx3", 11);
          ipath = g_build_filename (dir, iname, NULL);
          ds = ps_dataset_load_idx (ipath, path, NULL, NULL, NULL, &error);
          g_assert_no_error (error);
          g_assert_cmpuint (ds->labels[0], ==, 7);   /* MNIST test digit 0 is a 7 */
          n++;
          continue;
        }
      else
        ds = ps_dataset_load_idx (path, NULL, NULL, NULL, NULL, &error);
      check_result (path, name, ds, error);
      n++;
    }
  g_assert_cmpuint (n, >=, 10);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_data_func ("/corpus/csv", "csv", replay);
  g_test_add_data_func ("/corpus/idx", "idx", replay);
  return g_test_run ();
}
