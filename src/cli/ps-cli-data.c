/* ps-cli-data.c
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ps-cli-data.h"

#include <string.h>

#include "ps-datadir.h"
#include "ps-rng.h"
#include "ps-csv.h"
#include "ps-idx.h"
#include "ps-generators.h"

static gboolean
split_off_test (PsDataset **train,
                PsDataset **test,
                double      fraction,
                guint64     seed,
                GError    **error)
{
  gsize n = ps_dataset_get_n_samples (*train);
  gsize n_test = (gsize) (n * fraction + 0.5);
  g_autofree guint32 *idx = NULL;
  PsRng rng;
  PsDataset *a, *b;

  if (fraction <= 0 || fraction >= 1 || n_test == 0 || n_test >= n)
    {
      g_set_error (error, PS_DATASET_ERROR, PS_DATASET_ERROR_INVALID,
                   "--test-split %g leaves no samples on one side (%" G_GSIZE_FORMAT " samples)",
                   fraction, n);
      return FALSE;
    }

  /* A seeded permutation: files sorted by class must not lose a class. */
  idx = g_new (guint32, n);
  for (gsize i = 0; i < n; i++)
    idx[i] = i;
  ps_rng_seed (&rng, seed ^ G_GUINT64_CONSTANT (0x7e57));
  ps_rng_shuffle (&rng, idx, n);

  a = ps_dataset_pick (*train, idx + n_test, n - n_test);
  b = ps_dataset_pick (*train, idx, n_test);
  ps_dataset_unref (*train);
  *train = a;
  *test = b;
  return TRUE;
}

gboolean
ps_cli_load_data (const char              *spec,
                  const PsCliDataOptions  *options,
                  PsDataset              **train_out,
                  PsDataset              **test_out,
                  GError                 **error)
{
  g_autoptr(PsDataset) train = NULL;
  g_autoptr(PsDataset) test = NULL;
  PsGenerator gen;

  g_return_val_if_fail (spec != NULL, FALSE);

  if (g_str_has_prefix (spec, "mnist:") || g_str_has_prefix (spec, "fashion-mnist:")
      || g_str_equal (spec, "fashion-mnist") || g_str_equal (spec, "mnist"))
    {
      const char *dir = strchr (spec, ':') ? strchr (spec, ':') + 1
                        : g_str_equal (spec, "mnist") ? ps_data_find_dataset_dir ("mnist")
                        : ps_dataset_fashion_mnist_dir ();

      if (dir != NULL && *dir == '\0')
        {
          g_autofree char *name = g_strndup (spec, strchr (spec, ':') - spec);

          g_set_error (error, PS_DATASET_ERROR, PS_DATASET_ERROR_INVALID,
                       "--data %s needs a folder after '%s:' (or no ':' for the default)",
                       spec, name);
          return FALSE;
        }
      if (dir == NULL && g_str_equal (spec, "mnist"))
        {
          g_set_error (error, PS_DATASET_ERROR, PS_DATASET_ERROR_NOT_FOUND,
                       "the shipped MNIST subset is missing (not in %s/datasets/mnist nor "
                       "%s/datasets/mnist), give its folder: mnist:DIR",
                       PS_PKGDATADIR, PS_SOURCE_DATADIR);
          return FALSE;
        }
      if (dir == NULL)
        {
          g_set_error (error, PS_DATASET_ERROR, PS_DATASET_ERROR_NOT_FOUND,
                       "Fashion-MNIST is not installed (apt-get install dataset-fashion-mnist), "
                       "or give its folder: fashion-mnist:DIR");
          return FALSE;
        }
      train = ps_dataset_load_idx_dir (dir, FALSE, NULL, NULL, NULL, error);
      if (train == NULL)
        return FALSE;
      test = ps_dataset_load_idx_dir (dir, TRUE, NULL, NULL, NULL, error);
      if (test == NULL)
        return FALSE;
      /* the t10k files must fit the train files (a model trained on one is
       * evaluated on the other) */
      {
        g_autofree char *what = g_build_filename (dir, ps_dataset_get_name (test), NULL);
        g_autofree char *display = g_filename_display_name (what);

        if (!ps_dataset_check_test_set (train, test, display, error))
          return FALSE;
      }
    }
  else if (g_str_has_suffix (spec, ".csv") || g_str_has_suffix (spec, ".CSV")
           || g_str_has_suffix (spec, ".tsv") || g_str_has_suffix (spec, ".csv.gz")
           || g_file_test (spec, G_FILE_TEST_EXISTS))
    {
      PsCsvOptions csv = { options->label_column, 0, -1 };

      train = ps_dataset_load_csv (spec, &csv, NULL, NULL, NULL, error);
      if (train == NULL)
        return FALSE;
    }
  else if (g_strv_contains (ps_dataset_gate_names (), spec))
    {
      train = ps_dataset_new_gate (spec, error);
      if (train == NULL)
        return FALSE;
    }
  else if (!g_str_equal (spec, "xor") && ps_generator_from_string (spec, &gen))
    {
      train = ps_dataset_new_generated (gen, options->samples, options->noise, options->seed, error);
      if (train == NULL)
        return FALSE;
    }
  else
    {
      g_set_error (error, PS_DATASET_ERROR, PS_DATASET_ERROR_INVALID,
                   "unknown data '%s': expected and, or, xor, and3, or3, circle, xor2d, "
                   "gauss, spiral, moons, mnist[:DIR], fashion-mnist[:DIR] or a .csv file (or .csv.gz)",
                   spec);
      return FALSE;
    }

  if (test == NULL && options->test_split > 0)
    if (!split_off_test (&train, &test, options->test_split, options->seed, error))
      return FALSE;

  ps_dataset_set_scaling (train, options->scaling, NULL);
  if (test != NULL)
    ps_dataset_set_scaling (test, options->scaling, train);

  *train_out = g_steal_pointer (&train);
  *test_out = g_steal_pointer (&test);
  return TRUE;
}
