/* test-session-edit.c: the student's own data (issue 11 §5), no display
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Adding, removing and relabelling samples replaces the training set by an
 * edited copy (the old dataset is left as it was), keeps the model's
 * weights, is refused while a run trains; experiments bring the edited
 * data back; the CSV export reads back equal.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "ps-csv.h"
#include "ps-session.h"

static PsSession *
new_session (const char *id)
{
  PsSession *session = ps_session_new ();
  g_autoptr(PsDatasetSource) source = ps_dataset_source_new (id);

  /* gates and generators load at once */
  ps_session_load_dataset (session, source);
  g_assert_nonnull (ps_session_get_train (session));
  g_assert_nonnull (ps_session_get_model (session));
  return session;
}

static void
count_signal (gpointer  instance,
              guint    *count)
{
  (*count)++;
}

static void
assert_same_data (PsDataset *a,
                  PsDataset *b)
{
  gsize n = ps_dataset_get_n_samples (a);
  gsize nf = ps_dataset_get_n_features (a);

  g_assert_cmpuint (ps_dataset_get_n_samples (b), ==, n);
  g_assert_cmpuint (ps_dataset_get_n_features (b), ==, nf);
  g_assert_cmpuint (ps_dataset_get_n_classes (b), ==, ps_dataset_get_n_classes (a));
  g_assert_cmpmem (ps_dataset_get_labels (a), n * sizeof (guint32), ps_dataset_get_labels (b), n * sizeof (guint32));
  for (gsize i = 0; i < n; i++)
    for (gsize j = 0; j < nf; j++)
      g_assert_cmpfloat (ps_dataset_get_raw (a, i, j), ==, ps_dataset_get_raw (b, i, j));
}

static void
test_add_remove (void)
{
  g_autoptr(PsSession) session = new_session ("xor");
  g_autoptr(GError) error = NULL;
  g_autoptr(PsDataset) before = ps_dataset_ref (ps_session_get_train (session));
  g_autofree float *weights = NULL;
  PsDataset *train;
  guint changed = 0;
  const PsNetwork *model = ps_session_get_model (session);

  weights = g_memdup2 (model->params, model->n_params * sizeof (float));
  g_signal_connect (session, "dataset-changed", G_CALLBACK (count_signal), &changed);
  g_assert_false (ps_session_is_data_edited (session));

  g_assert_true (ps_session_add_point (session, 0.5, 0.25, 1, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changed, ==, 1);
  train = ps_session_get_train (session);
  g_assert_true (train != before);
  g_assert_true (ps_session_is_data_edited (session));
  /* a gate's table is its own test set: it follows */
  g_assert_true (ps_session_get_test (session) == train);
  /* the old dataset is as it was */
  g_assert_cmpuint (ps_dataset_get_n_samples (before), ==, 4);
  g_assert_cmpuint (ps_dataset_get_n_samples (train), ==, 5);
  g_assert_cmpfloat (ps_dataset_get_raw (train, 4, 0), ==, 0.5f);
  g_assert_cmpfloat (ps_dataset_get_raw (train, 4, 1), ==, 0.25f);
  g_assert_cmpuint (ps_dataset_get_labels (train)[4], ==, 1);
  g_assert_cmpstr (ps_dataset_get_class_names (train)[1], ==, ps_dataset_get_class_names (before)[1]);
  /* the weights stay: the student goes on from them */
  model = ps_session_get_model (session);
  g_assert_cmpmem (model->params, model->n_params * sizeof (float), weights, model->n_params * sizeof (float));

  /* remove sample 0 (0, 0 → 0): the others move up */
  g_assert_true (ps_session_remove_sample (session, 0, &error));
  g_assert_no_error (error);
  train = ps_session_get_train (session);
  g_assert_cmpuint (ps_dataset_get_n_samples (train), ==, 4);
  g_assert_cmpfloat (ps_dataset_get_raw (train, 0, 1), ==, 1.0f);   /* was sample 1: (0, 1) */
  g_assert_cmpfloat (ps_dataset_get_raw (train, 3, 0), ==, 0.5f);
  g_assert_cmpuint (changed, ==, 2);
  model = ps_session_get_model (session);
  g_assert_cmpmem (model->params, model->n_params * sizeof (float), weights, model->n_params * sizeof (float));

  /* bad edits change nothing */
  g_assert_false (ps_session_add_point (session, 0, 0, 2, &error));
  g_assert_error (error, PS_SESSION_ERROR, PS_SESSION_ERROR_MISMATCH);
  g_clear_error (&error);
  g_assert_false (ps_session_add_point (session, NAN, 0, 0, &error));
  g_assert_error (error, PS_SESSION_ERROR, PS_SESSION_ERROR_MISMATCH);
  g_clear_error (&error);
  g_assert_false (ps_session_remove_sample (session, 4, &error));
  g_assert_error (error, PS_SESSION_ERROR, PS_SESSION_ERROR_MISMATCH);
  g_clear_error (&error);
  g_assert_true (ps_session_get_train (session) == train);
  g_assert_cmpuint (changed, ==, 2);

  /* down to one sample, which stays */
  while (ps_dataset_get_n_samples (ps_session_get_train (session)) > 1)
    g_assert_true (ps_session_remove_sample (session, 0, NULL));
  g_assert_false (ps_session_remove_sample (session, 0, &error));
  g_assert_error (error, PS_SESSION_ERROR, PS_SESSION_ERROR_NO_DATA);
  g_clear_error (&error);

  /* a load replaces the edited data */
  {
    g_autoptr(PsDatasetSource) and = ps_dataset_source_new ("and");

    ps_session_load_dataset (session, and);
    g_assert_false (ps_session_is_data_edited (session));
  }
}

static void
test_flip_xnor (void)
{
  g_autoptr(PsSession) session = new_session ("xor");
  g_autoptr(GError) error = NULL;
  const guint32 xnor[4] = { 1, 0, 0, 1 };

  for (gsize i = 0; i < 4; i++)
    {
      g_assert_true (ps_session_flip_label (session, i, &error));
      g_assert_no_error (error);
    }
  g_assert_cmpmem (ps_dataset_get_labels (ps_session_get_train (session)), sizeof xnor, xnor, sizeof xnor);
  g_assert_true (ps_session_get_test (session) == ps_session_get_train (session));
  /* NAND from AND: flip every output */
  {
    g_autoptr(PsDatasetSource) and = ps_dataset_source_new ("and");
    const guint32 nand[4] = { 1, 1, 1, 0 };

    ps_session_load_dataset (session, and);
    for (gsize i = 0; i < 4; i++)
      g_assert_true (ps_session_flip_label (session, i, NULL));
    g_assert_cmpmem (ps_dataset_get_labels (ps_session_get_train (session)), sizeof nand, nand, sizeof nand);
  }
  /* the same label again is no edit */
  {
    PsDataset *train = ps_session_get_train (session);

    g_assert_true (ps_session_set_label (session, 0, 1, &error));
    g_assert_true (ps_session_get_train (session) == train);
  }
}

static gboolean
iterate_until_epoch (PsSession *session,
                     guint      epoch)
{
  gint64 end = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < end)
    {
      PsSnapshot *snap = ps_session_get_snapshot (session);

      if (snap != NULL && snap->epoch >= epoch)
        return TRUE;
      g_main_context_iteration (NULL, FALSE);
    }
  return FALSE;
}

static void
test_refused_while_training (void)
{
  g_autoptr(PsSession) session = new_session ("xor");
  g_autoptr(GError) error = NULL;
  PsDataset *train = ps_session_get_train (session);
  PsTrainingSettings s;

  ps_session_get_settings (session, &s);
  s.train.epochs = 10000000;
  ps_session_set_settings (session, &s);
  g_assert_true (ps_session_start (session, 0, &error));
  g_assert_true (iterate_until_epoch (session, 2));

  g_assert_false (ps_session_add_point (session, 0.5, 0.5, 0, &error));
  g_assert_error (error, PS_SESSION_ERROR, PS_SESSION_ERROR_BUSY);
  g_assert_cmpstr (error->message, ==, "Pause training to edit the data.");
  g_clear_error (&error);
  g_assert_false (ps_session_flip_label (session, 0, &error));
  g_assert_error (error, PS_SESSION_ERROR, PS_SESSION_ERROR_BUSY);
  g_clear_error (&error);
  g_assert_false (ps_session_remove_sample (session, 0, &error));
  g_assert_error (error, PS_SESSION_ERROR, PS_SESSION_ERROR_BUSY);
  g_clear_error (&error);
  g_assert_true (ps_session_get_train (session) == train);
  g_assert_true (ps_session_is_running (session));
  ps_session_stop (session);

  /* paused: the edit goes through */
  g_assert_true (ps_session_add_point (session, 0.5, 0.5, 0, &error));
  g_assert_no_error (error);
}

static void
test_scaling_kept (void)
{
  g_autoptr(PsSession) session = new_session ("moons");
  PsTrainingSettings s;
  PsDataset *train;
  float shift[2], mul[2];

  ps_session_get_settings (session, &s);
  s.scaling = PS_SCALING_STANDARD;
  ps_session_set_settings (session, &s);
  train = ps_session_get_train (session);
  g_assert_cmpint (ps_dataset_get_scaling (train), ==, PS_SCALING_STANDARD);
  memcpy (shift, ps_dataset_get_scale_shift (train), sizeof shift);
  memcpy (mul, ps_dataset_get_scale_mul (train), sizeof mul);

  /* the transform is the old one, not refitted: the weights mean the same */
  g_assert_true (ps_session_add_point (session, 5, 5, 0, NULL));
  train = ps_session_get_train (session);
  g_assert_cmpint (ps_dataset_get_scaling (train), ==, PS_SCALING_STANDARD);
  g_assert_cmpmem (ps_dataset_get_scale_shift (train), sizeof shift, shift, sizeof shift);
  g_assert_cmpmem (ps_dataset_get_scale_mul (train), sizeof mul, mul, sizeof mul);
  /* a generated test set stays as it was */
  g_assert_true (ps_session_get_test (session) != train);
}

static void
test_experiment_round_trip (void)
{
  g_autoptr(PsSession) session = new_session ("xor");
  g_autoptr(PsSession) other = ps_session_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("ps-edit-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "edited.psx", NULL);
  g_autofree char *plain = g_build_filename (dir, "plain.psx", NULL);
  const PsNetwork *model;
  g_autofree float *weights = NULL;

  g_assert_true (ps_session_add_point (session, 0.5, 0.5, 1, NULL));
  g_assert_true (ps_session_flip_label (session, 0, NULL));
  g_assert_true (ps_session_save_experiment (session, path, &error));
  g_assert_no_error (error);
  model = ps_session_get_model (session);
  weights = g_memdup2 (model->params, model->n_params * sizeof (float));

  g_assert_true (ps_session_load_experiment (other, path, &error));
  g_assert_no_error (error);
  g_assert_true (ps_session_is_data_edited (other));
  assert_same_data (ps_session_get_train (session), ps_session_get_train (other));
  g_assert_true (ps_session_get_test (other) == ps_session_get_train (other));
  /* the experiment's weights are adopted on the edited data */
  model = ps_session_get_model (other);
  g_assert_cmpmem (model->params, model->n_params * sizeof (float), weights, model->n_params * sizeof (float));

  /* an unedited experiment loads the plain table (no edit left waiting) */
  {
    g_autoptr(PsSession) fresh = new_session ("xor");

    g_assert_true (ps_session_save_experiment (fresh, plain, &error));
    g_assert_true (ps_session_load_experiment (other, plain, &error));
    g_assert_no_error (error);
    g_assert_false (ps_session_is_data_edited (other));
    g_assert_cmpuint (ps_dataset_get_n_samples (ps_session_get_train (other)), ==, 4);
  }

  /* malformed edits are an error, and nothing changes */
  {
    g_autofree char *text = NULL;
    g_autofree char *bad = g_build_filename (dir, "bad.psx", NULL);
    g_autoptr(GString) s = NULL;
    char *at;
    PsDataset *train = ps_session_get_train (other);

    g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
    s = g_string_new (text);
    /* one class fewer: label 1 is out of range */
    at = strstr (s->str, "\"classes\"");
    g_assert_nonnull (at);
    at = strchr (at, '2');
    g_assert_nonnull (at);
    *at = '1';
    g_assert_true (g_file_set_contents (bad, s->str, -1, NULL));
    g_assert_false (ps_session_load_experiment (other, bad, &error));
    g_assert_nonnull (error);
    g_assert_nonnull (strstr (error->message, "labels"));
    g_clear_error (&error);
    g_assert_true (ps_session_get_train (other) == train);
    g_unlink (bad);
  }
  g_unlink (path);
  g_unlink (plain);
  g_rmdir (dir);
}

static void
test_export_csv (void)
{
  g_autoptr(PsSession) session = new_session ("moons");
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("ps-edit-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "data.csv", NULL);
  g_autoptr(PsDataset) back = NULL;
  PsCsvOptions options = { "label", 0, -1 };

  g_assert_true (ps_session_add_point (session, 0.123456789, -2.5, 1, NULL));
  g_assert_true (ps_session_remove_sample (session, 3, NULL));
  g_assert_true (ps_session_export_data (session, path, &error));
  g_assert_no_error (error);
  back = ps_dataset_load_csv (path, &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  assert_same_data (ps_session_get_train (session), back);

  /* a gate table too; an unwritable path is a clear error */
  {
    g_autoptr(PsSession) xor = new_session ("xor");
    g_autofree char *nowhere = g_build_filename (dir, "no", "such", "x.csv", NULL);

    g_assert_true (ps_session_flip_label (xor, 0, NULL));
    g_assert_true (ps_session_export_data (xor, path, &error));
    g_clear_pointer (&back, ps_dataset_unref);
    back = ps_dataset_load_csv (path, &options, NULL, NULL, NULL, &error);
    g_assert_no_error (error);
    assert_same_data (ps_session_get_train (xor), back);
    g_assert_false (ps_session_export_data (xor, nowhere, &error));
    g_assert_error (error, PS_SESSION_ERROR, PS_SESSION_ERROR_FILE);
    g_assert_nonnull (strstr (error->message, "x.csv"));
  }
  g_unlink (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/session/edit/add-remove", test_add_remove);
  g_test_add_func ("/session/edit/flip-xnor", test_flip_xnor);
  g_test_add_func ("/session/edit/refused-while-training", test_refused_while_training);
  g_test_add_func ("/session/edit/scaling-kept", test_scaling_kept);
  g_test_add_func ("/session/edit/experiment", test_experiment_round_trip);
  g_test_add_func ("/session/edit/export-csv", test_export_csv);

  return g_test_run ();
}
