/* test-dataset-loader.c: PsDatasetLoader without a display
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Gates, generators (the same data as ps_dataset_new_generated), a CSV file
 * and the shipped MNIST subset through the async call on a main loop;
 * errors, cancelling, progress and the shutdown wait.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "ps-datadir.h"
#include "ps-dataset-loader.h"
#include "ps-generators.h"

typedef struct
{
  gboolean   done;
  gboolean   ok;
  PsDataset *train;
  PsDataset *test;
  GError    *error;
  gboolean   busy_in_callback;
  guint      n_busy_notifies;
  double     last_progress;
  gboolean   progress_on_main;
} Result;

static void
result_clear (Result *r)
{
  g_clear_pointer (&r->train, ps_dataset_unref);
  g_clear_pointer (&r->test, ps_dataset_unref);
  g_clear_error (&r->error);
}

static void
on_loaded (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Result *r = user_data;

  r->ok = ps_dataset_loader_load_finish (PS_DATASET_LOADER (object), result, &r->train, &r->test, &r->error);
  r->busy_in_callback = ps_dataset_loader_is_busy (PS_DATASET_LOADER (object));
  r->done = TRUE;
}

static void
on_notify (PsDatasetLoader *loader,
           GParamSpec      *pspec,
           Result          *r)
{
  if (g_str_equal (pspec->name, "busy"))
    r->n_busy_notifies++;
  else
    {
      r->last_progress = ps_dataset_loader_get_progress (loader);
      r->progress_on_main = g_main_context_is_owner (g_main_context_default ());
    }
}

static void
wait_for (Result *r)
{
  while (!r->done)
    g_main_context_iteration (NULL, TRUE);
}

static void
load (PsDatasetLoader       *loader,
      const PsDatasetSource *source,
      Result                *r)
{
  ps_dataset_loader_load_async (loader, source, NULL, on_loaded, r);
  wait_for (r);
}

static void
assert_same_data (const PsDataset *a,
                  const PsDataset *b)
{
  gsize n = ps_dataset_get_n_samples (a);

  g_assert_cmpuint (n, ==, ps_dataset_get_n_samples (b));
  g_assert_cmpuint (ps_dataset_get_n_features (a), ==, ps_dataset_get_n_features (b));
  g_assert_cmpuint (ps_dataset_get_n_classes (a), ==, ps_dataset_get_n_classes (b));
  g_assert_nonnull (ps_dataset_get_x (a));
  g_assert_cmpmem (ps_dataset_get_x (a), n * ps_dataset_get_n_features (a) * sizeof (float),
                   ps_dataset_get_x (b), n * ps_dataset_get_n_features (b) * sizeof (float));
  g_assert_cmpmem (ps_dataset_get_labels (a), n * sizeof (guint32),
                   ps_dataset_get_labels (b), n * sizeof (guint32));
}

static void
test_gate (void)
{
  g_autoptr(PsDatasetLoader) loader = ps_dataset_loader_new ();
  g_autoptr(PsDatasetSource) source = ps_dataset_source_new ("xor");
  Result r = { 0 };

  ps_dataset_loader_load_async (loader, source, NULL, on_loaded, &r);
  /* built at once, but the callback comes from the main loop */
  g_assert_false (r.done);
  g_assert_false (ps_dataset_loader_is_busy (loader));
  wait_for (&r);
  g_assert_no_error (r.error);
  g_assert_true (r.ok);
  g_assert_cmpuint (ps_dataset_get_n_samples (r.train), ==, 4);
  g_assert_cmpuint (ps_dataset_get_n_classes (r.train), ==, 2);
  /* the notebook evaluates a gate on its own table */
  g_assert_true (r.test == r.train);
  result_clear (&r);
}

static void
test_generator (void)
{
  g_autoptr(PsDatasetLoader) loader = ps_dataset_loader_new ();
  g_autoptr(PsDatasetSource) source = ps_dataset_source_new ("xor-cloud");
  g_autoptr(PsDataset) train = NULL;
  g_autoptr(PsDataset) test = NULL;
  Result r = { 0 };

  source->n_samples = 120;
  source->noise = 0.2;
  source->seed = 7;
  load (loader, source, &r);
  g_assert_no_error (r.error);

  train = ps_dataset_new_generated (PS_GENERATOR_XOR, 120, 0.2, 7, NULL);
  test = ps_dataset_new_generated (PS_GENERATOR_XOR, 30, 0.2, 7 + 1000003, NULL);
  assert_same_data (r.train, train);
  assert_same_data (r.test, test);
  result_clear (&r);

  /* a small set still gets 20 test samples; bad options are the core's error */
  source->n_samples = PS_GENERATOR_MIN_SAMPLES;
  r = (Result) { 0 };
  load (loader, source, &r);
  g_assert_no_error (r.error);
  g_assert_cmpuint (ps_dataset_get_n_samples (r.test), ==, MAX (PS_GENERATOR_MIN_SAMPLES / 4, 20));
  result_clear (&r);

  source->n_samples = 0;
  r = (Result) { 0 };
  load (loader, source, &r);
  g_assert_false (r.ok);
  g_assert_error (r.error, PS_DATASET_ERROR, PS_DATASET_ERROR_INVALID);
  g_assert_null (r.train);
  result_clear (&r);
}

static void
test_csv (void)
{
  g_autoptr(PsDatasetLoader) loader = ps_dataset_loader_new ();
  g_autoptr(PsDatasetSource) source = ps_dataset_source_new ("csv");
  g_autoptr(GString) text = g_string_new ("a;b;kind\n");
  g_autofree char *dir = g_dir_make_tmp ("ps-loader-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "data.csv", NULL);
  Result r = { 0 };

  for (guint i = 0; i < 5000; i++)
    g_string_append_printf (text, "%u;%u.5;%u\n", i, i % 7, i % 3 == 0 ? 0 : 1);
  g_assert_true (g_file_set_contents (path, text->str, -1, NULL));

  source->path = g_strdup (path);
  g_signal_connect (loader, "notify", G_CALLBACK (on_notify), &r);
  ps_dataset_loader_load_async (loader, source, NULL, on_loaded, &r);
  g_assert_true (ps_dataset_loader_is_busy (loader));
  g_assert_cmpfloat (ps_dataset_loader_get_progress (loader), ==, 0);
  wait_for (&r);
  g_assert_no_error (r.error);
  g_assert_false (r.busy_in_callback);
  g_assert_cmpuint (r.n_busy_notifies, ==, 2);
  g_assert_cmpfloat (r.last_progress, ==, 1.0);
  g_assert_true (r.progress_on_main);
  g_assert_cmpuint (ps_dataset_get_n_samples (r.train), ==, 5000);
  g_assert_cmpuint (ps_dataset_get_n_features (r.train), ==, 2);
  g_assert_cmpuint (ps_dataset_get_n_classes (r.train), ==, 2);
  g_assert_null (r.test);
  result_clear (&r);

  /* the label column is the source's */
  source->label_column = g_strdup ("b");
  r = (Result) { 0 };
  load (loader, source, &r);
  g_assert_no_error (r.error);
  g_assert_cmpuint (ps_dataset_get_n_features (r.train), ==, 2);
  g_assert_cmpuint (ps_dataset_get_n_classes (r.train), ==, 7);
  g_assert_cmpstr (ps_dataset_get_feature_names (r.train)[1], ==, "kind");
  result_clear (&r);
  g_signal_handlers_disconnect_by_data (loader, &r);

  g_unlink (path);
  g_rmdir (dir);
}

static void
test_idx (void)
{
  g_autoptr(PsDatasetLoader) loader = ps_dataset_loader_new ();
  g_autoptr(PsDatasetSource) source = ps_dataset_source_new ("mnist");
  Result r = { 0 };

  if (ps_data_find_dataset_dir ("mnist") == NULL)
    {
      g_test_skip ("data/datasets/mnist is missing");
      return;
    }
  /* no folder: the subset shipped in data/datasets/mnist */
  g_assert_null (source->path);
  load (loader, source, &r);
  g_assert_no_error (r.error);
  g_assert_cmpstr (ps_dataset_get_name (r.train), ==, "MNIST");
  g_assert_cmpuint (ps_dataset_get_n_features (r.train), ==, 28 * 28);
  g_assert_cmpuint (ps_dataset_get_n_classes (r.train), ==, 10);
  g_assert_nonnull (ps_dataset_get_x_u8 (r.train));
  /* its t10k files come along, checked against the train files */
  g_assert_nonnull (r.test);
  g_assert_cmpstr (ps_dataset_get_name (r.test), ==, "MNIST test");
  g_assert_cmpuint (ps_dataset_get_n_features (r.test), ==, 28 * 28);
  g_assert_cmpfloat (ps_dataset_loader_get_progress (loader), ==, 1.0);
  result_clear (&r);

  /* the same folder named */
  source->path = g_strdup (ps_data_find_dataset_dir ("mnist"));
  r = (Result) { 0 };
  load (loader, source, &r);
  g_assert_no_error (r.error);
  g_assert_nonnull (r.test);
  result_clear (&r);
}

static void
test_missing (void)
{
  g_autoptr(PsDatasetLoader) loader = ps_dataset_loader_new ();
  g_autoptr(PsDatasetSource) csv = ps_dataset_source_new ("csv");
  g_autoptr(PsDatasetSource) idx = ps_dataset_source_new ("mnist");
  Result r = { 0 };

  csv->path = g_strdup ("/nonexistent/ps-loader/none.csv");
  load (loader, csv, &r);
  g_assert_false (r.ok);
  g_assert_error (r.error, PS_DATASET_ERROR, PS_DATASET_ERROR_NOT_FOUND);
  g_assert_null (r.train);
  g_assert_null (r.test);
  g_assert_false (ps_dataset_loader_is_busy (loader));
  result_clear (&r);

  idx->path = g_strdup ("/nonexistent/ps-loader");
  r = (Result) { 0 };
  load (loader, idx, &r);
  g_assert_error (r.error, PS_DATASET_ERROR, PS_DATASET_ERROR_NOT_FOUND);
  result_clear (&r);

  /* the blocking call says the same */
  {
    g_autoptr(GError) error = NULL;
    PsDataset *train = NULL, *test = NULL;

    g_assert_false (ps_dataset_loader_load_sync (csv, NULL, NULL, NULL, &train, &test, &error));
    g_assert_error (error, PS_DATASET_ERROR, PS_DATASET_ERROR_NOT_FOUND);
    g_assert_null (train);
  }
}

static void
test_cancel (void)
{
  g_autoptr(PsDatasetLoader) loader = ps_dataset_loader_new ();
  g_autoptr(PsDatasetSource) mnist = ps_dataset_source_new ("mnist");
  g_autoptr(PsDatasetSource) gate = ps_dataset_source_new ("and");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Result first = { 0 }, second = { 0 }, third = { 0 };

  if (ps_data_find_dataset_dir ("mnist") == NULL)
    {
      g_test_skip ("data/datasets/mnist is missing");
      return;
    }
  /* cancel () */
  ps_dataset_loader_load_async (loader, mnist, NULL, on_loaded, &first);
  g_assert_true (ps_dataset_loader_is_busy (loader));
  ps_dataset_loader_cancel (loader);
  g_assert_false (ps_dataset_loader_is_busy (loader));
  wait_for (&first);
  g_assert_error (first.error, PS_DATASET_ERROR, PS_DATASET_ERROR_CANCELLED);
  g_assert_null (first.train);
  result_clear (&first);

  /* a new load cancels the running one */
  first = (Result) { 0 };
  ps_dataset_loader_load_async (loader, mnist, NULL, on_loaded, &first);
  ps_dataset_loader_load_async (loader, gate, NULL, on_loaded, &second);
  wait_for (&first);
  wait_for (&second);
  g_assert_error (first.error, PS_DATASET_ERROR, PS_DATASET_ERROR_CANCELLED);
  g_assert_no_error (second.error);
  g_assert_cmpuint (ps_dataset_get_n_samples (second.train), ==, 4);
  result_clear (&first);
  result_clear (&second);

  /* the caller's cancellable */
  ps_dataset_loader_load_async (loader, mnist, cancellable, on_loaded, &third);
  g_cancellable_cancel (cancellable);
  wait_for (&third);
  g_assert_error (third.error, PS_DATASET_ERROR, PS_DATASET_ERROR_CANCELLED);
  result_clear (&third);
  ps_dataset_loader_shutdown (loader);
}

static void
test_shutdown (void)
{
  PsDatasetLoader *loader = ps_dataset_loader_new ();
  g_autoptr(PsDatasetSource) mnist = ps_dataset_source_new ("mnist");
  Result r = { 0 };

  if (ps_data_find_dataset_dir ("mnist") == NULL)
    {
      g_test_skip ("data/datasets/mnist is missing");
      g_object_unref (loader);
      return;
    }
  ps_dataset_loader_load_async (loader, mnist, NULL, on_loaded, &r);
  g_assert_cmpuint (ps_dataset_loader_get_n_threads (loader), ==, 1);
  ps_dataset_loader_shutdown (loader);
  /* the thread has ended; its result still arrives through the main loop */
  g_assert_cmpuint (ps_dataset_loader_get_n_threads (loader), ==, 0);
  g_assert_false (ps_dataset_loader_is_busy (loader));
  wait_for (&r);
  g_assert_error (r.error, PS_DATASET_ERROR, PS_DATASET_ERROR_CANCELLED);
  result_clear (&r);
  g_object_unref (loader);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/dataset-loader/gate", test_gate);
  g_test_add_func ("/dataset-loader/generator", test_generator);
  g_test_add_func ("/dataset-loader/csv", test_csv);
  g_test_add_func ("/dataset-loader/idx", test_idx);
  g_test_add_func ("/dataset-loader/missing", test_missing);
  g_test_add_func ("/dataset-loader/cancel", test_cancel);
  g_test_add_func ("/dataset-loader/shutdown", test_shutdown);

  return g_test_run ();
}
