/* test-dataset.c: gate tables, generators, scaling, gather, slice
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "ps-dataset.h"
/* white-box: the readers' results are checked field by field */
#include "ps-dataset-private.h"
#include "ps-generators.h"
#include "ps-csv.h"

/* Expected tables, written out from the notebook by hand: inputs then output. */
static const float nb_and[] = { 0,0,0, 0,1,0, 1,0,0, 1,1,1 };
static const float nb_or[] = { 0,0,0, 0,1,1, 1,0,1, 1,1,1 };
static const float nb_xor[] = { 0,0,0, 0,1,1, 1,0,1, 1,1,0 };
static const float nb_and3[] = { 0,0,0,0, 0,0,1,0, 0,1,0,0, 0,1,1,0,
                                 1,0,0,0, 1,0,1,0, 1,1,0,0, 1,1,1,1 };
static const float nb_or3[] = { 0,0,0,0, 0,0,1,1, 0,1,0,1, 0,1,1,1,
                                1,0,0,1, 1,0,1,1, 1,1,0,1, 1,1,1,1 };

static void
assert_table (const PsDataset *ds,
              const float     *table,
              guint            n_rows,
              guint            n_inputs)
{
  g_assert_cmpuint (ds->n_samples, ==, n_rows);
  g_assert_cmpuint (ds->n_features, ==, n_inputs);
  for (guint i = 0; i < n_rows; i++)
    {
      for (guint j = 0; j < n_inputs; j++)
        g_assert_cmpfloat (ps_dataset_get (ds, i, j), ==, table[i * (n_inputs + 1) + j]);
      g_assert_cmpuint (ds->labels[i], ==, (guint) table[i * (n_inputs + 1) + n_inputs]);
    }
}

static void
test_gates (void)
{
  struct { const char *name; const float *t; guint rows, inputs; } cases[] = {
    { "and", nb_and, 4, 2 }, { "or", nb_or, 4, 2 }, { "xor", nb_xor, 4, 2 },
    { "and3", nb_and3, 8, 3 }, { "or3", nb_or3, 8, 3 },
  };
  const char *const *names = ps_dataset_gate_names ();

  g_assert_cmpuint (g_strv_length ((char **) names), ==, 5);
  for (gsize c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PsDataset) ds = ps_dataset_new_gate (cases[c].name, &error);

      g_assert_no_error (error);
      g_assert_nonnull (ds);
      assert_table (ds, cases[c].t, cases[c].rows, cases[c].inputs);
      g_assert_cmpuint (ds->n_classes, ==, 2);
      g_assert_cmpstr (ds->class_names[0], ==, "0");
      g_assert_cmpstr (ds->class_names[1], ==, "1");
      g_assert_null (ds->class_names[2]);
      g_assert_nonnull (ds->x);
      g_assert_null (ds->x_u8);
      g_assert_cmpstr (ds->feature_names[0], ==, "x1");
      g_assert_cmpuint (g_strv_length (ds->feature_names), ==, cases[c].inputs);
    }

  {
    g_autoptr(GError) error = NULL;
    g_assert_null (ps_dataset_new_gate ("nand", &error));
    g_assert_error (error, PS_DATASET_ERROR, PS_DATASET_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "nand"));
  }
}

/* Reads the `NAME = np.array([ [..], .. ])` tables (or the X/y pair of the
 * OR example) straight from the notebook, in order of appearance. */
static GPtrArray *
notebook_tables (const char *text,
                 const char *marker)
{
  GPtrArray *tables = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  const char *p = text;

  while ((p = strstr (p, marker)) != NULL)
    {
      GArray *vals = g_array_new (FALSE, FALSE, sizeof (float));
      const char *end = strstr (p, "])");

      g_assert_nonnull (end);
      for (const char *q = p + strlen (marker); q < end; q++)
        if (*q == '0' || *q == '1')
          {
            float v = *q - '0';
            g_array_append_val (vals, v);
          }
      g_ptr_array_add (tables, vals);
      p = end;
    }
  return tables;
}

static void
test_gates_match_notebook (void)
{
  const char *shared = g_getenv ("PS_SHARED_DIR");
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) ands = NULL;
  g_autoptr(GPtrArray) xors = NULL;
  g_autoptr(GPtrArray) xs = NULL;
  g_autoptr(GPtrArray) ys = NULL;
  g_autoptr(PsDataset) and3 = ps_dataset_new_gate ("and3", NULL);
  g_autoptr(PsDataset) or3 = ps_dataset_new_gate ("or3", NULL);
  g_autoptr(PsDataset) xor = ps_dataset_new_gate ("xor", NULL);
  g_autoptr(PsDataset) or = ps_dataset_new_gate ("or", NULL);
  GArray *t, *tx, *ty;

  if (shared == NULL)
    {
      g_test_skip ("optional: set PS_SHARED_DIR to a folder with the course's notebook.md");
      return;
    }
  path = g_build_filename (shared, "notebook.md", NULL);
  if (!g_file_get_contents (path, &text, NULL, NULL))
    {
      g_test_skip ("optional: the course's notebook.md is not in PS_SHARED_DIR (../shared)");
      return;
    }

  /* The perceptron section's DATASET_AND is and3; the MLP section's
   * DATASET_AND is the 3-input OR. Both DATASET_XOR are the same table. */
  ands = notebook_tables (text, "DATASET_AND = np.array([");
  g_assert_cmpuint (ands->len, ==, 2);
  t = g_ptr_array_index (ands, 0);
  g_assert_cmpuint (t->len, ==, 32);
  assert_table (and3, (float *) t->data, 8, 3);
  t = g_ptr_array_index (ands, 1);
  g_assert_cmpuint (t->len, ==, 32);
  assert_table (or3, (float *) t->data, 8, 3);

  xors = notebook_tables (text, "DATASET_XOR = np.array([");
  g_assert_cmpuint (xors->len, >=, 1);
  for (guint k = 0; k < xors->len; k++)
    {
      t = g_ptr_array_index (xors, k);
      g_assert_cmpuint (t->len, ==, 12);
      assert_table (xor, (float *) t->data, 4, 2);
    }

  /* The OR gate: X and y written separately. */
  xs = notebook_tables (text, "# Entradas para la puera OR\nX = np.array([");
  ys = notebook_tables (text, "# Salidas esperadas para cada una de las entradas\ny = np.array([");
  g_assert_cmpuint (xs->len, ==, 1);
  g_assert_cmpuint (ys->len, ==, 1);
  tx = g_ptr_array_index (xs, 0);
  ty = g_ptr_array_index (ys, 0);
  g_assert_cmpuint (tx->len, ==, 8);
  g_assert_cmpuint (ty->len, ==, 4);
  for (guint i = 0; i < 4; i++)
    {
      g_assert_cmpfloat (ps_dataset_get (or, i, 0), ==, g_array_index (tx, float, 2 * i));
      g_assert_cmpfloat (ps_dataset_get (or, i, 1), ==, g_array_index (tx, float, 2 * i + 1));
      g_assert_cmpuint (or->labels[i], ==, (guint) g_array_index (ty, float, i));
    }
}

static void
assert_same_data (const PsDataset *a,
                  const PsDataset *b)
{
  g_assert_cmpuint (a->n_samples, ==, b->n_samples);
  g_assert_cmpuint (a->n_features, ==, b->n_features);
  g_assert_cmpuint (a->n_classes, ==, b->n_classes);
  for (gsize i = 0; i < a->n_samples; i++)
    {
      for (gsize j = 0; j < a->n_features; j++)
        g_assert_cmpfloat (ps_dataset_get (a, i, j), ==, ps_dataset_get (b, i, j));
      g_assert_cmpuint (a->labels[i], ==, b->labels[i]);
    }
  for (guint c = 0; c < a->n_classes; c++)
    g_assert_cmpstr (a->class_names[c], ==, b->class_names[c]);
  for (gsize j = 0; j < a->n_features; j++)
    g_assert_cmpstr (a->feature_names[j], ==, b->feature_names[j]);
}

static void
test_gate_csv_files (void)
{
  const char *const *names = ps_dataset_gate_names ();

  for (gsize g = 0; names[g] != NULL; g++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *file = g_strdup_printf ("%s.csv", names[g]);
      g_autofree char *path = g_build_filename (PS_SOURCE_DATADIR, "datasets", file, NULL);
      g_autoptr(PsDataset) builtin = ps_dataset_new_gate (names[g], &error);
      g_autoptr(PsDataset) loaded = ps_dataset_load_csv (path, NULL, NULL, NULL, NULL, &error);

      g_assert_no_error (error);
      assert_same_data (builtin, loaded);
    }
}

static void
test_generators (void)
{
  for (PsGenerator kind = PS_GENERATOR_CIRCLE; kind <= PS_GENERATOR_MOONS; kind++)
    {
      const char *name = ps_generator_to_string (kind);
      PsGenerator back;
      g_autoptr(PsDataset) a = ps_dataset_new_generated (kind, 301, 0.1, 42, NULL);
      g_autoptr(PsDataset) b = ps_dataset_new_generated (kind, 301, 0.1, 42, NULL);
      g_autoptr(PsDataset) c = ps_dataset_new_generated (kind, 301, 0.1, 43, NULL);
      g_autoptr(PsDataset) clean = ps_dataset_new_generated (kind, 301, 0.0, 42, NULL);
      g_autoptr(PsDataset) noisy = ps_dataset_new_generated (kind, 301, 0.4, 42, NULL);
      guint count[2] = { 0, 0 };
      gboolean seed_differs = FALSE;
      double moved = 0.0;

      g_assert_nonnull (name);
      g_assert_true (ps_generator_from_string (name, &back));
      g_assert_cmpint (back, ==, kind);

      g_assert_cmpuint (a->n_samples, ==, 301);
      g_assert_cmpuint (a->n_features, ==, 2);
      g_assert_cmpuint (a->n_classes, ==, 2);
      g_assert_cmpstr (a->feature_names[0], ==, "x1");
      g_assert_cmpstr (a->feature_names[1], ==, "x2");
      g_assert_cmpmem (a->x, 301 * 2 * sizeof (float), b->x, 301 * 2 * sizeof (float));
      g_assert_cmpmem (a->labels, 301 * sizeof (guint32), b->labels, 301 * sizeof (guint32));
      for (gsize i = 0; i < a->n_samples; i++)
        {
          g_assert_cmpuint (a->labels[i], <, 2);
          count[a->labels[i]]++;
          for (int j = 0; j < 2; j++)
            {
              g_assert_true (isfinite (a->x[i * 2 + j]));
              g_assert_cmpfloat (fabsf (clean->x[i * 2 + j]), <=, 6.0f);
            }
          if (a->x[i * 2] != c->x[i * 2])
            seed_differs = TRUE;
          moved += fabs (noisy->x[i * 2] - clean->x[i * 2])
                   + fabs (noisy->x[i * 2 + 1] - clean->x[i * 2 + 1]);
        }
      g_assert_cmpuint (count[0], ==, 151);
      g_assert_cmpuint (count[1], ==, 150);
      g_assert_true (seed_differs);
      /* Noise moves the points (on average by a good fraction of a unit). */
      g_assert_cmpfloat (moved / 301, >, 0.1);
    }
  {
    PsGenerator g;
    g_assert_true (ps_generator_from_string ("xor2d", &g));
    g_assert_cmpint (g, ==, PS_GENERATOR_XOR);
    g_assert_false (ps_generator_from_string ("square", &g));
  }
}

/* With zero noise every generator's classes sit where its geometry says. */
/* issue 8, family 2: the generators' options have ranges, refused with a
 * GError (no CRITICAL, no NULL dataset crashing later, no 25 GB allocation). */
static void
test_generator_options (void)
{
  static const struct
  {
    guint       n_samples;
    double      noise;
    const char *mentions;
  } bad[] = {
    { 0, 0.1, "samples" },
    { 1, 0.1, "samples" },
    { 3, 0.1, "samples" },
    { PS_GENERATOR_MAX_SAMPLES + 1, 0.1, "samples" },
    { G_MAXINT32 + 1u, 0.1, "samples" },
    { G_MAXUINT, 0.1, "samples" },
    { 200, NAN, "noise" },
    { 200, INFINITY, "noise" },
    { 200, -INFINITY, "noise" },
    { 200, -0.001, "noise" },
    { 200, PS_GENERATOR_MAX_NOISE * 1.001, "noise" },
    { 200, 1e300, "noise" },
  };

  for (PsGenerator kind = PS_GENERATOR_CIRCLE; kind <= PS_GENERATOR_MOONS; kind++)
    {
      for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(PsDataset) d = ps_dataset_new_generated (kind, bad[i].n_samples, bad[i].noise, 1, &error);

          g_assert_null (d);
          g_assert_error (error, PS_DATASET_ERROR, PS_DATASET_ERROR_INVALID);
          g_assert_nonnull (strstr (error->message, bad[i].mentions));
        }

      /* the ends of the ranges: every class has at least 2 points, all finite */
      for (guint n = PS_GENERATOR_MIN_SAMPLES; n <= PS_GENERATOR_MIN_SAMPLES + 1; n++)
        for (guint k = 0; k < 2; k++)
          {
            double noise = k == 0 ? 0.0 : PS_GENERATOR_MAX_NOISE;
            g_autoptr(GError) error = NULL;
            g_autoptr(PsDataset) d = ps_dataset_new_generated (kind, n, noise, 1, &error);
            guint count[2] = { 0, 0 };

            g_assert_no_error (error);
            g_assert_nonnull (d);
            g_assert_cmpuint (d->n_samples, ==, n);
            for (gsize i = 0; i < d->n_samples; i++)
              {
                count[d->labels[i]]++;
                g_assert_true (isfinite (d->x[i * 2]) && isfinite (d->x[i * 2 + 1]));
              }
            g_assert_cmpuint (count[0], >=, 2);
            g_assert_cmpuint (count[1], >=, 2);
          }
    }

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(PsDataset) d = ps_dataset_new_generated ((PsGenerator) 99, 200, 0.1, 1, &error);

    g_assert_null (d);
    g_assert_error (error, PS_DATASET_ERROR, PS_DATASET_ERROR_INVALID);
  }
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(PsDataset) d = ps_dataset_new_generated (PS_GENERATOR_SPIRAL, PS_GENERATOR_MAX_SAMPLES, 0.1, 1, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (d->n_samples, ==, PS_GENERATOR_MAX_SAMPLES);
  }
  g_assert_true (ps_generator_check_options (PS_GENERATOR_DEFAULT_SAMPLES, PS_GENERATOR_DEFAULT_NOISE, NULL));
}

static void
test_generator_geometry (void)
{
  g_autoptr(PsDataset) circle = ps_dataset_new_generated (PS_GENERATOR_CIRCLE, 200, 0.0, 7, NULL);
  g_autoptr(PsDataset) xor = ps_dataset_new_generated (PS_GENERATOR_XOR, 200, 0.0, 7, NULL);
  g_autoptr(PsDataset) gauss = ps_dataset_new_generated (PS_GENERATOR_GAUSS, 2000, 0.0, 7, NULL);
  double mean[2][2] = { { 0 } };

  for (gsize i = 0; i < 200; i++)
    {
      float *p = circle->x + 2 * i;
      double r = hypot (p[0], p[1]);
      if (circle->labels[i] == 1)
        g_assert_cmpfloat (r, <=, 2.5 + 1e-5);
      else
        g_assert_cmpfloat (r, >=, 3.5 - 1e-5);

      p = xor->x + 2 * i;
      g_assert_cmpuint (xor->labels[i], ==, (p[0] * p[1] > 0) ? 1 : 0);
    }
  for (gsize i = 0; i < 2000; i++)
    for (int j = 0; j < 2; j++)
      mean[gauss->labels[i]][j] += gauss->x[2 * i + j] / 1000.0;
  g_assert_cmpfloat (fabs (mean[1][0] - 2.0), <, 0.15);
  g_assert_cmpfloat (fabs (mean[0][1] + 2.0), <, 0.15);
}

static void
test_scaling (void)
{
  g_autoptr(PsDataset) train = ps_dataset_new ("t", 4, 2, 2);
  g_autoptr(PsDataset) test = ps_dataset_new ("u", 2, 2, 2);
  const float tr[] = { 1, 10, 2, 10, 3, 10, 6, 10 };
  const float te[] = { 0, 5, 11, 10 };
  float out[4];

  memcpy (train->x, tr, sizeof tr);
  memcpy (test->x, te, sizeof te);

  /* unit: min 1, max 6 on feature 0; feature 1 is constant (only shifted). */
  ps_dataset_set_scaling (train, PS_SCALING_UNIT, NULL);
  g_assert_cmpfloat_with_epsilon (ps_dataset_get (train, 0, 0), 0.0, 1e-7);
  g_assert_cmpfloat_with_epsilon (ps_dataset_get (train, 3, 0), 1.0, 1e-7);
  g_assert_cmpfloat_with_epsilon (ps_dataset_get (train, 1, 0), 0.2, 1e-7);
  g_assert_cmpfloat (ps_dataset_get (train, 2, 1), ==, 0.0f);
  g_assert_nonnull (train->shift);
  /* raw data untouched */
  g_assert_cmpfloat (train->x[6], ==, 6.0f);

  /* fitted on train, applied to test */
  ps_dataset_set_scaling (test, PS_SCALING_UNIT, train);
  g_assert_cmpfloat_with_epsilon (ps_dataset_get (test, 0, 0), -0.2, 1e-6);
  g_assert_cmpfloat_with_epsilon (ps_dataset_get (test, 1, 0), 2.0, 1e-6);
  g_assert_cmpfloat_with_epsilon (ps_dataset_get (test, 0, 1), -5.0, 1e-6);

  /* standard: mean 3, population std sqrt(3.5) */
  ps_dataset_set_scaling (train, PS_SCALING_STANDARD, NULL);
  ps_dataset_set_scaling (test, PS_SCALING_STANDARD, train);
  g_assert_cmpfloat_with_epsilon (ps_dataset_get (train, 3, 0), 3.0 / sqrt (3.5), 1e-6);
  g_assert_cmpfloat_with_epsilon (ps_dataset_get (test, 1, 0), 8.0 / sqrt (3.5), 1e-5);
  {
    double m = 0, v = 0;
    for (gsize i = 0; i < 4; i++)
      m += ps_dataset_get (train, i, 0) / 4.0;
    for (gsize i = 0; i < 4; i++)
      v += pow (ps_dataset_get (train, i, 0) - m, 2) / 4.0;
    g_assert_cmpfloat_with_epsilon (m, 0.0, 1e-6);
    g_assert_cmpfloat_with_epsilon (v, 1.0, 1e-5);
  }
  ps_dataset_gather (test, NULL, 0, 2, out, NULL);
  g_assert_cmpfloat_with_epsilon (out[0], -3.0 / sqrt (3.5), 1e-6);
  g_assert_cmpfloat_with_epsilon (out[3], 0.0, 1e-6);

  ps_dataset_set_scaling (train, PS_SCALING_NONE, NULL);
  g_assert_null (train->shift);
  g_assert_cmpfloat (ps_dataset_get (train, 3, 0), ==, 6.0f);
}

static void
test_scaling_u8 (void)
{
  g_autoptr(PsDataset) ds = ps_dataset_new_u8 ("img", 256, 1, 2);
  float out[256];

  g_assert_null (ds->x);
  for (int v = 0; v < 256; v++)
    ds->x_u8[v] = (guint8) v;
  ps_dataset_set_scaling (ds, PS_SCALING_UNIT, NULL);
  ps_dataset_gather (ds, NULL, 0, 256, out, NULL);
  for (int v = 0; v < 256; v++)
    {
      /* exactly what float division gives (as torchvision/Keras compute it) */
      g_assert_cmpfloat (out[v], ==, (float) v / 255.0f);
      g_assert_cmpfloat (ps_dataset_get (ds, v, 0), ==, (float) v / 255.0f);
    }
  ps_dataset_set_scaling (ds, PS_SCALING_STANDARD, NULL);
  g_assert_cmpfloat_with_epsilon (ps_dataset_get (ds, 0, 0), -127.5 / sqrt ((256.0 * 256.0 - 1) / 12.0), 1e-5);
  ps_dataset_set_scaling (ds, PS_SCALING_NONE, NULL);
  ps_dataset_gather (ds, NULL, 200, 1, out, NULL);
  g_assert_cmpfloat (out[0], ==, 200.0f);
}

static void
test_gather_slice (void)
{
  g_autoptr(PsDataset) ds = ps_dataset_new ("g", 5, 3, 3);
  g_autoptr(PsDataset) sl = NULL;
  const guint32 idx[] = { 4, 0, 2, 2 };
  float out[12];
  guint32 lab[4];

  for (gsize i = 0; i < 5; i++)
    {
      for (gsize j = 0; j < 3; j++)
        ds->x[i * 3 + j] = (float) (10 * i + j);
      ds->labels[i] = (guint32) (i % 3);
    }
  ds->feature_names = g_strsplit ("a,b,c", ",", -1);

  ps_dataset_gather (ds, idx, 0, 4, out, lab);
  g_assert_cmpfloat (out[0], ==, 40.0f);
  g_assert_cmpfloat (out[2], ==, 42.0f);
  g_assert_cmpfloat (out[3], ==, 0.0f);
  g_assert_cmpfloat (out[7], ==, 21.0f);
  g_assert_cmpfloat (out[11], ==, 22.0f);
  g_assert_cmpuint (lab[0], ==, 1);
  g_assert_cmpuint (lab[1], ==, 0);
  g_assert_cmpuint (lab[3], ==, 2);

  ps_dataset_gather (ds, NULL, 3, 2, out, lab);
  g_assert_cmpfloat (out[0], ==, 30.0f);
  g_assert_cmpfloat (out[5], ==, 42.0f);
  g_assert_cmpuint (lab[1], ==, 1);

  /* labels only */
  ps_dataset_gather (ds, idx, 0, 2, NULL, lab);
  g_assert_cmpuint (lab[0], ==, 1);

  ps_dataset_set_scaling (ds, PS_SCALING_UNIT, NULL);
  sl = ps_dataset_slice (ds, 1, 3);
  g_assert_cmpuint (sl->n_samples, ==, 3);
  g_assert_cmpuint (sl->n_classes, ==, 3);
  g_assert_cmpstr (sl->feature_names[2], ==, "c");
  g_assert_cmpint (sl->scaling, ==, PS_SCALING_UNIT);
  /* the slice keeps the parent's transform (min 0, max 40 on feature 0) */
  g_assert_cmpfloat_with_epsilon (ps_dataset_get (sl, 0, 0), 0.25, 1e-6);
  g_assert_cmpuint (sl->labels[2], ==, 0);

  {
    g_autoptr(PsDataset) empty = ps_dataset_slice (ds, 5, 0);
    g_assert_cmpuint (empty->n_samples, ==, 0);
    g_assert_nonnull (empty->x);
  }
  {
    PsDataset *r = ps_dataset_ref (sl);
    g_assert_true (r == sl);
    g_assert_cmpint (sl->ref_count, ==, 2);
    ps_dataset_unref (r);
    g_assert_cmpint (sl->ref_count, ==, 1);
  }
}

/* A small dataset with the given class names and labels. */
static PsDataset *
named_dataset (const char *const *names,
               const guint32     *labels,
               gsize              n)
{
  PsDataset *ds = ps_dataset_new ("pets.csv", n, 1, g_strv_length ((char **) names));

  g_strfreev (ds->class_names);
  ds->class_names = g_strdupv ((char **) names);
  memcpy (ds->labels, labels, n * sizeof (guint32));
  return ds;
}

/* Labels are matched to a model's classes by name, not by index. */
static void
test_match_classes (void)
{
  const char *model[] = { "cat", "dog", NULL };

  {
    /* {dog, zebra} against (cat, dog): refused naming zebra, unchanged */
    const char *names[] = { "dog", "zebra", NULL };
    const guint32 labels[] = { 0, 1, 0 };
    g_autoptr(PsDataset) ds = named_dataset (names, labels, 3);
    g_autoptr(GError) error = NULL;

    g_assert_false (ps_dataset_match_classes (ds, model, 2, &error));
    g_assert_error (error, PS_DATASET_ERROR, PS_DATASET_ERROR_MISMATCH);
    g_test_message ("%s", error->message);
    g_assert_nonnull (strstr (error->message, "pets.csv"));
    g_assert_nonnull (strstr (error->message, "(cat, dog): zebra"));
    g_assert_cmpuint (ds->labels[0], ==, 0);
    g_assert_cmpuint (ds->labels[1], ==, 1);
    g_assert_cmpstr (ds->class_names[1], ==, "zebra");
  }
  {
    /* {cat, dog} against (dog, cat): remapped */
    const char *names[] = { "cat", "dog", NULL };
    const char *swapped[] = { "dog", "cat", NULL };
    const guint32 labels[] = { 1, 0, 1 };
    g_autoptr(PsDataset) ds = named_dataset (names, labels, 3);
    g_autoptr(GError) error = NULL;

    g_assert_true (ps_dataset_match_classes (ds, swapped, 2, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (ds->labels[0], ==, 0);
    g_assert_cmpuint (ds->labels[1], ==, 1);
    g_assert_cmpuint (ds->labels[2], ==, 0);
    g_assert_cmpstr (ds->class_names[0], ==, "dog");
    g_assert_cmpuint (ds->n_classes, ==, 2);
  }
  {
    /* a subset of the model's classes: {5, 6} of 0..9 are 5 and 6; "1.0"
     * is the model's "1" */
    const char *names[] = { "1.0", "5", "6", NULL };
    const char *digits[] = { "0", "1", "2", "3", "4", "5", "6", "7", "8", "9", NULL };
    const guint32 labels[] = { 2, 1, 0 };
    g_autoptr(PsDataset) ds = named_dataset (names, labels, 3);
    g_autoptr(GError) error = NULL;

    g_assert_true (ps_dataset_match_classes (ds, digits, 10, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (ds->n_classes, ==, 10);
    g_assert_cmpuint (ds->labels[0], ==, 6);
    g_assert_cmpuint (ds->labels[1], ==, 5);
    g_assert_cmpuint (ds->labels[2], ==, 1);
    g_assert_cmpstr (ds->class_names[9], ==, "9");
    g_assert_null (ds->class_names[10]);
  }
  {
    /* a class no sample uses may be missing from the model */
    const char *names[] = { "0", "1", "2", NULL };
    const char *two[] = { "2", "0", NULL };
    const guint32 labels[] = { 0, 2 };
    g_autoptr(PsDataset) ds = named_dataset (names, labels, 2);
    g_autoptr(GError) error = NULL;

    g_assert_true (ps_dataset_match_classes (ds, two, 2, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (ds->labels[0], ==, 1);
    g_assert_cmpuint (ds->labels[1], ==, 0);
    g_assert_cmpuint (ds->n_classes, ==, 2);
  }
  {
    /* no names on the model: index matching, nothing changes */
    const char *names[] = { "dog", "zebra", NULL };
    const guint32 labels[] = { 1, 0 };
    g_autoptr(PsDataset) ds = named_dataset (names, labels, 2);

    g_assert_true (ps_dataset_match_classes (ds, NULL, 0, NULL));
    g_assert_cmpuint (ds->labels[0], ==, 1);
    g_assert_cmpstr (ds->class_names[0], ==, "dog");
  }
}

/* The title bar's line: name, samples, features, classes. */
static void
test_summary (void)
{
  g_autoptr(PsDataset) ds = ps_dataset_new_gate ("xor", NULL);
  g_autoptr(PsDataset) bare = ps_dataset_new ("x", 3, 5, 7);
  g_autofree char *line = ps_dataset_dup_summary (ds);
  g_autofree char *other = ps_dataset_dup_summary (bare);

  g_assert_cmpstr (line, ==, "xor \xC2\xB7 4 samples \xC2\xB7 2 features \xC2\xB7 2 classes");
  g_assert_cmpstr (other, ==, "x \xC2\xB7 3 samples \xC2\xB7 5 features \xC2\xB7 7 classes");

  /* the dataset panel's lines */
  {
    g_autoptr(PsDataset) test = ps_dataset_new ("t", 2, 5, 7);
    g_autofree char *counts = ps_dataset_dup_counts (ds, ds);
    g_autofree char *with_test = ps_dataset_dup_counts (bare, test);
    g_autofree char *classes = ps_dataset_dup_class_list (ds, 12);
    g_autofree char *cut = ps_dataset_dup_class_list (bare, 3);

    g_assert_cmpstr (counts, ==, "4 samples \xC2\xB7 2 features \xC2\xB7 2 classes");
    g_assert_cmpstr (with_test, ==,
                     "3 samples \xC2\xB7 5 features \xC2\xB7 7 classes \xC2\xB7 2 test samples");
    g_assert_cmpstr (classes, ==, "Classes: 0, 1");
    g_assert_cmpstr (cut, ==, "Classes: 0, 1, 2, \xE2\x80\xA6");
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/dataset/gates", test_gates);
  g_test_add_func ("/dataset/gates-match-notebook", test_gates_match_notebook);
  g_test_add_func ("/dataset/gate-csv-files", test_gate_csv_files);
  g_test_add_func ("/dataset/generators", test_generators);
  g_test_add_func ("/dataset/generator-options", test_generator_options);
  g_test_add_func ("/dataset/generator-geometry", test_generator_geometry);
  g_test_add_func ("/dataset/scaling", test_scaling);
  g_test_add_func ("/dataset/scaling-u8", test_scaling_u8);
  g_test_add_func ("/dataset/gather-slice", test_gather_slice);
  g_test_add_func ("/dataset/match-classes", test_match_classes);
  g_test_add_func ("/dataset/summary", test_summary);
  return g_test_run ();
}
