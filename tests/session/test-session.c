/* test-session.c: PsSession without a display
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Loading (gates, generators, a CSV file in a thread), rebuilding,
 * adopting a model, an experiment round trip, a run paused, resumed and
 * cancelled through the bridge on a GMainLoop, and a failed load that
 * leaves everything as it was.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "ps-experiment.h"
#include "ps-datadir.h"
#include "ps-session.h"

typedef struct
{
  PsSession *session;
  char      *tmpdir;
  guint      n_errors;
  char      *last_error;
  guint      n_finished;
  int        last_status;
  guint      n_dataset_changed;
  guint      n_spec_notifies;
} Fixture;

static void
on_error (PsSession  *session,
          const char *message,
          Fixture    *f)
{
  f->n_errors++;
  g_free (f->last_error);
  f->last_error = g_strdup (message);
}

static void
on_finished (PsSession  *session,
             int         status,
             const char *message,
             Fixture    *f)
{
  f->n_finished++;
  f->last_status = status;
}

static void
on_dataset_changed (PsSession *session,
                    Fixture   *f)
{
  f->n_dataset_changed++;
}

static void
on_spec_notify (PsSession  *session,
                GParamSpec *pspec,
                Fixture    *f)
{
  f->n_spec_notifies++;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->session = ps_session_new ();
  f->tmpdir = g_dir_make_tmp ("ps-session-XXXXXX", &error);
  g_assert_no_error (error);
  g_signal_connect (f->session, "error", G_CALLBACK (on_error), f);
  g_signal_connect (f->session, "run-finished", G_CALLBACK (on_finished), f);
  g_signal_connect (f->session, "dataset-changed", G_CALLBACK (on_dataset_changed), f);
  g_signal_connect (f->session, "notify::network-spec", G_CALLBACK (on_spec_notify), f);
}

static void
remove_tree (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_remove (path);
    }
  g_rmdir (dir);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  ps_session_shutdown (f->session);
  g_assert_false (ps_training_bridge_has_thread (ps_session_get_bridge (f->session)));
  g_clear_object (&f->session);
  remove_tree (f->tmpdir);
  g_free (f->tmpdir);
  g_free (f->last_error);
}

/* Runs the default main context until @done or @timeout_ms pass. */
typedef gboolean (*DoneFunc) (Fixture *f);

static gboolean
iterate_until (Fixture  *f,
               DoneFunc  done,
               guint     timeout_ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  while (!done (f))
    {
      if (g_get_monotonic_time () > end)
        return FALSE;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (500);
    }
  return TRUE;
}

static gboolean
not_busy (Fixture *f)
{
  return !ps_session_is_busy (f->session);
}

static gboolean
not_running (Fixture *f)
{
  return !ps_session_is_running (f->session);
}

static void
load_id (Fixture    *f,
         const char *id)
{
  g_autoptr(PsDatasetSource) source = ps_dataset_source_new (id);

  g_assert_nonnull (source);
  ps_session_load_dataset (f->session, source);
  g_assert_true (iterate_until (f, not_busy, 30000));
}

static char *
blobs_path (void)
{
  return g_build_filename (SESSION_TEST_DIR, "three-blobs.csv", NULL);
}

static void
assert_same_params (const PsNetwork *a,
                    const PsNetwork *b)
{
  g_assert_cmpuint (a->n_params, ==, b->n_params);
  g_assert_cmpmem (a->params, a->n_params * sizeof (float), b->params, b->n_params * sizeof (float));
}

/* ---- load ---------------------------------------------------------------- */

static void
test_load_gate (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(PsDatasetSource) xor = ps_dataset_source_new ("xor");
  const PsNetwork *model;

  g_assert_null (ps_session_get_train (f->session));
  g_assert_null (ps_session_get_model (f->session));
  g_assert_cmpstr (ps_session_get_network_spec (f->session), ==, "3:sigmoid,1:sigmoid");

  /* gates load at once: the data is there when the call returns */
  ps_session_load_dataset (f->session, xor);
  g_assert_false (ps_session_is_busy (f->session));
  g_assert_nonnull (ps_session_get_train (f->session));
  g_assert_cmpuint (ps_dataset_get_n_samples (ps_session_get_train (f->session)), ==, 4);
  g_assert_cmpuint (ps_dataset_get_n_features (ps_session_get_train (f->session)), ==, 2);
  g_assert_true (ps_dataset_source_equal (ps_session_get_dataset_source (f->session), xor));
  g_assert_cmpuint (f->n_dataset_changed, ==, 1);
  g_assert_cmpuint (f->n_errors, ==, 0);

  model = ps_session_get_model (f->session);
  g_assert_nonnull (model);
  g_assert_cmpuint (model->n_inputs, ==, 2);
  g_assert_cmpuint (model->n_layers, ==, 2);
  g_assert_cmpuint (model->layers[0].units, ==, 3);
  g_assert_cmpuint (model->layers[1].units, ==, 1);
  g_assert_nonnull (ps_session_get_snapshot (f->session));
  g_assert_cmpuint (ps_session_get_snapshot (f->session)->epoch, ==, 0);
}

static void
test_load_generator (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(PsDatasetSource) source = ps_dataset_source_new ("moons");
  PsTrainingSettings s;

  source->n_samples = 60;
  source->seed = 3;
  ps_session_load_dataset (f->session, source);
  g_assert_nonnull (ps_session_get_train (f->session));
  g_assert_cmpuint (ps_dataset_get_n_samples (ps_session_get_train (f->session)), >, 0);
  g_assert_true (ps_dataset_source_equal (ps_session_get_dataset_source (f->session), source));
  /* a generator has its own test set */
  g_assert_nonnull (ps_session_get_test (f->session));
  g_assert_true (ps_session_get_test (f->session) != ps_session_get_train (f->session));
  ps_session_get_settings (f->session, &s);
  g_assert_cmpint (s.train.loss, ==, PS_LOSS_MSE);
}

/* A CSV file loads in a thread; three classes: softmax and cross-entropy
 * follow, the output layer gets one unit per class. */
static void
test_load_csv (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(PsDatasetSource) source = ps_dataset_source_new ("csv");
  g_autofree char *path = blobs_path ();
  PsTrainingSettings s;

  g_free (source->path);
  source->path = g_strdup (path);
  ps_session_load_dataset (f->session, source);
  g_assert_true (iterate_until (f, not_busy, 30000));
  g_assert_cmpuint (f->n_errors, ==, 0);
  g_assert_nonnull (ps_session_get_train (f->session));
  g_assert_cmpuint (ps_dataset_get_n_classes (ps_session_get_train (f->session)), ==, 3);
  g_assert_cmpuint (ps_dataset_get_n_samples (ps_session_get_train (f->session)), ==, 9);
  g_assert_cmpstr (ps_session_get_network_spec (f->session), ==, "3:sigmoid,3:softmax");
  ps_session_get_settings (f->session, &s);
  g_assert_cmpint (s.train.loss, ==, PS_LOSS_CROSS_ENTROPY);
  g_assert_cmpuint (ps_session_get_model (f->session)->layers[1].units, ==, 3);
  g_assert_cmpstr (ps_session_get_model (f->session)->classes[2], ==, "c");

  /* back to two classes: sigmoid and MSE */
  load_id (f, "or");
  g_assert_cmpstr (ps_session_get_network_spec (f->session), ==, "3:sigmoid,1:sigmoid");
  ps_session_get_settings (f->session, &s);
  g_assert_cmpint (s.train.loss, ==, PS_LOSS_MSE);
}

/* ---- rebuild ---------------------------------------------------------------- */

static void
test_rebuild (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  PsNetwork *first;
  PsTrainingSettings s;
  guint notifies;

  load_id (f, "xor");
  first = ps_network_copy (ps_session_get_model (f->session));

  /* same seed, same weights */
  ps_session_rebuild (f->session);
  assert_same_params (first, ps_session_get_model (f->session));

  /* a new spec rebuilds; the output width follows the classes */
  g_assert_true (ps_session_set_network_spec (f->session, "4:tanh,7:sigmoid", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (ps_session_get_network_spec (f->session), ==, "4:tanh,1:sigmoid");
  g_assert_cmpuint (ps_session_get_model (f->session)->layers[0].units, ==, 4);
  g_assert_cmpint (ps_session_get_model (f->session)->layers[0].activation, ==, PS_ACTIVATION_TANH);

  /* setting the same value is a no-op that notifies nothing */
  notifies = f->n_spec_notifies;
  g_assert_true (ps_session_set_network_spec (f->session, "4:tanh,1:sigmoid", &error));
  g_assert_cmpuint (f->n_spec_notifies, ==, notifies);

  /* a bad spec changes nothing */
  g_assert_false (ps_session_set_network_spec (f->session, "4:nope,1:sigmoid", &error));
  g_assert_error (error, PS_NETWORK_ERROR, PS_NETWORK_ERROR_SPEC);
  g_clear_error (&error);
  g_assert_cmpstr (ps_session_get_network_spec (f->session), ==, "4:tanh,1:sigmoid");

  /* softmax brings cross-entropy with it, and back */
  g_assert_true (ps_session_set_network_spec (f->session, "4:tanh,2:softmax", &error));
  ps_session_get_settings (f->session, &s);
  g_assert_cmpint (s.train.loss, ==, PS_LOSS_CROSS_ENTROPY);
  g_assert_cmpuint (ps_session_get_model (f->session)->layers[1].units, ==, 2);
  g_assert_true (ps_session_set_network_spec (f->session, "3:sigmoid,1:sigmoid", &error));
  ps_session_get_settings (f->session, &s);
  g_assert_cmpint (s.train.loss, ==, PS_LOSS_MSE);
  assert_same_params (first, ps_session_get_model (f->session));

  /* a new seed gives new weights; a new scaling is applied */
  s.train.seed = 7;
  s.scaling = PS_SCALING_STANDARD;
  ps_session_set_settings (f->session, &s);
  ps_session_rebuild (f->session);
  g_assert_cmpint (ps_session_get_scaling (f->session), ==, PS_SCALING_STANDARD);
  g_assert_true (memcmp (first->params, ps_session_get_model (f->session)->params,
                         first->n_params * sizeof (float)) != 0);
  g_assert_cmpuint (f->n_errors, ==, 0);
  ps_network_free (first);
}

/* ---- adopt ---------------------------------------------------------------- */

static void
test_adopt (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) spec_error = NULL;
  PsNetwork *net, *wrong, *before;

  load_id (f, "xor");
  net = ps_network_new_from_spec ("2,5:tanh,1:sigmoid", &spec_error);
  g_assert_no_error (spec_error);
  for (gsize i = 0; i < net->n_params; i++)
    net->params[i] = 0.01f * (float) i;
  g_assert_true (ps_session_adopt_model (f->session, net, &error));
  g_assert_no_error (error);
  assert_same_params (net, ps_session_get_model (f->session));
  /* the spec follows the model */
  g_assert_cmpstr (ps_session_get_network_spec (f->session), ==, "5:tanh,1:sigmoid");

  /* three inputs on XOR: refused, nothing changes */
  before = ps_network_copy (ps_session_get_model (f->session));
  wrong = ps_network_new_from_spec ("3,2:sigmoid,1:sigmoid", NULL);
  g_assert_false (ps_session_adopt_model (f->session, wrong, &error));
  g_assert_error (error, PS_SESSION_ERROR, PS_SESSION_ERROR_MISMATCH);
  g_clear_error (&error);
  assert_same_params (before, ps_session_get_model (f->session));
  g_assert_cmpstr (ps_session_get_network_spec (f->session), ==, "5:tanh,1:sigmoid");

  /* classes by name, in order: another model's classes are refused */
  {
    const char *const classes[] = { "cat", "dog", NULL };

    ps_network_set_classes (net, classes);
    g_assert_false (ps_session_adopt_model (f->session, net, &error));
    g_assert_error (error, PS_SESSION_ERROR, PS_SESSION_ERROR_MISMATCH);
    g_assert_nonnull (strstr (error->message, "cat, dog"));
    assert_same_params (before, ps_session_get_model (f->session));
  }
  ps_network_free (before);
  ps_network_free (wrong);
  ps_network_free (net);
}

/* ---- run ---------------------------------------------------------------- */

static gboolean
some_epochs (Fixture *f)
{
  PsSnapshot *snap = ps_session_get_snapshot (f->session);

  return snap != NULL && snap->epoch >= 5;
}

static gboolean
finished_once (Fixture *f)
{
  return f->n_finished > 0;
}

static void
test_run (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  PsTrainingSettings s;
  guint paused_at;
  PsTrainingBridge *bridge;

  load_id (f, "xor");
  bridge = ps_session_get_bridge (f->session);
  ps_session_get_settings (f->session, &s);
  s.train.epochs = 10000000;
  ps_session_set_settings (f->session, &s);

  g_assert_true (ps_session_start (f->session, 0, &error));
  g_assert_no_error (error);
  g_assert_true (ps_session_is_running (f->session));
  g_assert_true (iterate_until (f, some_epochs, 30000));

  /* pause: the run ends as PAUSED and stays where it stopped */
  ps_session_pause (f->session);
  g_assert_true (iterate_until (f, finished_once, 30000));
  g_assert_cmpint (f->last_status, ==, PS_TRAIN_PAUSED);
  g_assert_false (ps_session_is_running (f->session));
  paused_at = ps_session_get_snapshot (f->session)->epoch;
  g_assert_cmpuint (paused_at, >=, 5);
  for (guint i = 0; i < 50; i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpuint (ps_session_get_snapshot (f->session)->epoch, ==, paused_at);

  /* resume: the history continues from there */
  g_assert_true (ps_session_start (f->session, 0, &error));
  while (ps_session_get_snapshot (f->session)->epoch < paused_at + 5)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (ps_session_get_snapshot (f->session)->n_epochs, >=, paused_at + 5);

  /* cancel: the thread is gone, no "run-finished" */
  ps_session_stop (f->session);
  g_assert_false (ps_session_is_running (f->session));
  g_assert_false (ps_training_bridge_has_thread (bridge));
  g_assert_cmpuint (f->n_finished, ==, 1);

  /* Step trains one epoch */
  paused_at = ps_session_get_snapshot (f->session)->epoch;
  g_assert_true (ps_session_start (f->session, 1, &error));
  g_assert_true (iterate_until (f, not_running, 30000));
  g_assert_cmpuint (ps_session_get_snapshot (f->session)->epoch, ==, paused_at + 1);

  /* a live learning rate: no new trainer, the history is kept */
  s.train.optimizer.lr = 0.25;
  ps_session_set_settings (f->session, &s);
  g_assert_cmpuint (ps_session_get_snapshot (f->session)->epoch, ==, paused_at + 1);
}

/* ---- experiment round trip ------------------------------------------------------ */

static void
test_experiment (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PsSession) other = ps_session_new ();
  g_autoptr(PsDatasetSource) source = ps_dataset_source_new ("circle");
  g_autofree char *path = g_build_filename (f->tmpdir, "run.psx.json", NULL);
  PsTrainingSettings s, t;

  source->n_samples = 80;
  source->noise = 0.05;
  source->seed = 11;
  ps_session_load_dataset (f->session, source);
  g_assert_true (ps_session_set_network_spec (f->session, "6:relu,1:sigmoid", &error));
  ps_session_get_settings (f->session, &s);
  s.train.epochs = 20;
  s.train.optimizer.lr = 0.125;
  s.train.seed = 42;
  s.batch_mode = PS_BATCH_MINI;
  s.mini_batch = 16;
  ps_training_settings_sync_batch (&s);
  s.init = PS_INIT_GLOROT;
  ps_session_set_settings (f->session, &s);
  ps_session_rebuild (f->session);
  g_assert_true (ps_session_start (f->session, 0, &error));
  g_assert_true (iterate_until (f, not_running, 30000));
  g_assert_cmpuint (ps_session_get_snapshot (f->session)->epoch, ==, 20);

  g_assert_true (ps_session_save_experiment (f->session, path, &error));
  g_assert_no_error (error);
  g_assert_true (ps_experiment_sniff (path));

  /* a fresh session: same source, spec, settings and weights */
  g_assert_true (ps_session_load_experiment (other, path, &error));
  g_assert_no_error (error);
  while (ps_session_is_busy (other))
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (ps_dataset_source_equal (ps_session_get_dataset_source (other), source));
  g_assert_cmpstr (ps_session_get_network_spec (other), ==, "6:relu,1:sigmoid");
  ps_session_get_settings (other, &t);
  ps_session_get_settings (f->session, &s);
  g_assert_true (ps_training_settings_equal (&s, &t));
  assert_same_params (ps_session_get_model (f->session), ps_session_get_model (other));

  /* a file that is not an experiment changes nothing */
  {
    g_autofree char *bad = g_build_filename (f->tmpdir, "bad.json", NULL);
    const PsNetwork *before = ps_session_get_model (other);

    g_assert_true (g_file_set_contents (bad, "{\"format\": 3", -1, NULL));
    g_assert_false (ps_session_load_experiment (other, bad, &error));
    g_assert_error (error, PS_SESSION_ERROR, PS_SESSION_ERROR_FILE);
    g_assert_true (ps_session_get_model (other) == before);
    g_assert_cmpstr (ps_session_get_network_spec (other), ==, "6:relu,1:sigmoid");
  }
  ps_session_shutdown (other);
}

/* ---- a failed load ---------------------------------------------------------------- */

static void
test_failed_load (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(PsDatasetSource) missing = ps_dataset_source_new ("csv");
  g_autoptr(PsDatasetSource) before_source = NULL;
  g_autofree char *before_spec = NULL;
  PsDataset *before_train, *before_test;
  PsNetwork *before_model;
  PsTrainingSettings before_settings, after_settings;
  guint changed;

  load_id (f, "and");
  g_assert_true (ps_session_set_network_spec (f->session, "2:tanh,1:sigmoid", NULL));
  before_source = ps_dataset_source_copy (ps_session_get_dataset_source (f->session));
  before_train = ps_session_get_train (f->session);
  before_test = ps_session_get_test (f->session);
  before_model = ps_network_copy (ps_session_get_model (f->session));
  before_spec = g_strdup (ps_session_get_network_spec (f->session));
  ps_session_get_settings (f->session, &before_settings);
  changed = f->n_dataset_changed;

  g_free (missing->path);
  missing->path = g_build_filename (f->tmpdir, "no-such-file.csv", NULL);
  ps_session_load_dataset (f->session, missing);
  g_assert_true (iterate_until (f, not_busy, 30000));

  g_assert_cmpuint (f->n_errors, ==, 1);
  g_assert_nonnull (strstr (f->last_error, "no-such-file.csv"));
  g_assert_cmpuint (f->n_dataset_changed, ==, changed);
  g_assert_true (ps_dataset_source_equal (ps_session_get_dataset_source (f->session), before_source));
  g_assert_true (ps_session_get_train (f->session) == before_train);
  g_assert_true (ps_session_get_test (f->session) == before_test);
  g_assert_cmpstr (ps_session_get_network_spec (f->session), ==, before_spec);
  ps_session_get_settings (f->session, &after_settings);
  g_assert_true (ps_training_settings_equal (&before_settings, &after_settings));
  assert_same_params (before_model, ps_session_get_model (f->session));
  ps_network_free (before_model);
}

/* ---- presets and model files ---------------------------------------------------- */

static void
test_preset (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  PsTrainingSettings s;

  load_id (f, "xor");
  g_assert_true (ps_session_apply_preset (f->session, "perceptron-and3", NULL, &error));
  g_assert_no_error (error);
  g_assert_true (iterate_until (f, not_busy, 30000));
  g_assert_cmpstr (ps_session_get_dataset_source (f->session)->id, ==, "and3");
  g_assert_cmpstr (ps_session_get_network_spec (f->session), ==, "1:step");
  ps_session_get_settings (f->session, &s);
  g_assert_cmpint (s.train.optimizer.kind, ==, PS_OPTIMIZER_DELTA);
  g_assert_cmpuint (s.train.epochs, ==, 100);
  g_assert_cmpuint (ps_session_get_model (f->session)->n_inputs, ==, 3);

  /* the notebook's perceptron learns AND on three inputs */
  g_assert_true (ps_session_start (f->session, 0, &error));
  g_assert_true (iterate_until (f, not_running, 30000));
  {
    PsSnapshot *snap = ps_session_get_snapshot (f->session);

    g_assert_cmpfloat (snap->history[snap->n_epochs - 1].accuracy, ==, 1.0);
  }

  g_assert_false (ps_session_apply_preset (f->session, "no-such-preset", NULL, &error));
  g_assert_error (error, PS_SESSION_ERROR, PS_SESSION_ERROR_UNKNOWN);
  g_assert_cmpstr (ps_session_get_network_spec (f->session), ==, "1:step");
}

static void
test_model_file (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PsSession) other = ps_session_new ();
  g_autofree char *path = g_build_filename (f->tmpdir, "model.json", NULL);
  PsTrainingSettings s;

  /* nothing to save yet */
  g_assert_false (ps_session_save_model (f->session, path, &error));
  g_assert_error (error, PS_SESSION_ERROR, PS_SESSION_ERROR_NO_DATA);
  g_clear_error (&error);

  load_id (f, "moons");
  ps_session_get_settings (f->session, &s);
  s.scaling = PS_SCALING_STANDARD;
  ps_session_set_settings (f->session, &s);
  g_assert_true (ps_session_save_model (f->session, path, &error));
  g_assert_no_error (error);

  /* a fresh session on the same data takes the model and its scaling */
  {
    g_autoptr(PsDatasetSource) moons = ps_dataset_source_new ("moons");

    ps_session_load_dataset (other, moons);
  }
  g_assert_true (ps_session_load_model (other, path, &error));
  g_assert_no_error (error);
  assert_same_params (ps_session_get_model (f->session), ps_session_get_model (other));
  g_assert_cmpint (ps_session_get_scaling (other), ==, PS_SCALING_STANDARD);
  ps_session_get_settings (other, &s);
  g_assert_cmpint (s.scaling, ==, PS_SCALING_STANDARD);

  /* a missing file changes nothing */
  {
    g_autofree char *missing = g_build_filename (f->tmpdir, "none.json", NULL);
    const PsNetwork *before = ps_session_get_model (other);

    g_assert_false (ps_session_load_model (other, missing, &error));
    g_assert_error (error, PS_SESSION_ERROR, PS_SESSION_ERROR_FILE);
    g_assert_true (ps_session_get_model (other) == before);
  }
  ps_session_shutdown (other);
}

/* The id table's lookups, in the dropdown's order. */
static void
test_source_ids (void)
{
  const char *const *ids = ps_dataset_source_ids ();

  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_autoptr(PsDatasetSource) s = ps_dataset_source_new (ids[i]);

      g_assert_cmpint (ps_dataset_source_id_index (ids[i]), ==, (int) i);
      g_assert_cmpstr (ps_dataset_source_id_at (i), ==, ids[i]);
      g_assert_true (ps_dataset_source_id_has_kind (ids[i], ps_dataset_source_get_kind (s)));
    }
  g_assert_null (ps_dataset_source_id_at (g_strv_length ((char **) ids)));
  g_assert_cmpint (ps_dataset_source_id_index ("iris"), ==, -1);
  g_assert_cmpint (ps_dataset_source_id_index (NULL), ==, -1);
  g_assert_true (ps_dataset_source_id_has_kind ("moons", PS_DATASET_SOURCE_GENERATOR));
  g_assert_false (ps_dataset_source_id_has_kind ("xor", PS_DATASET_SOURCE_GENERATOR));
  g_assert_false (ps_dataset_source_id_has_kind (NULL, PS_DATASET_SOURCE_GATE));

  /* an IDX folder: the shipped MNIST is stored as no path */
  {
    g_autoptr(PsDatasetSource) shipped = ps_dataset_source_new_idx (ps_data_find_dataset_dir ("mnist"), FALSE);
    g_autoptr(PsDatasetSource) other = ps_dataset_source_new_idx ("/data/fmnist", TRUE);

    g_assert_cmpstr (shipped->id, ==, "mnist");
    g_assert_null (shipped->path);
    g_assert_cmpstr (other->id, ==, "fashion-mnist");
    g_assert_cmpstr (other->path, ==, "/data/fmnist");
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/session/load/gate", test_load_gate);
  ADD ("/session/load/generator", test_load_generator);
  ADD ("/session/load/csv", test_load_csv);
  ADD ("/session/rebuild", test_rebuild);
  ADD ("/session/adopt", test_adopt);
  ADD ("/session/run/pause-resume-cancel", test_run);
  ADD ("/session/experiment/round-trip", test_experiment);
  ADD ("/session/load/failed", test_failed_load);
  ADD ("/session/preset", test_preset);
  ADD ("/session/model-file", test_model_file);
#undef ADD
  g_test_add_func ("/session/source-ids", test_source_ids);

  return g_test_run ();
}
