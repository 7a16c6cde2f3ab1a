/* test-runs.c: the session's runs, without a display
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * XOR trained through the session (at Max): each training from Reset adds
 * one run, going on after a pause does not; a run keeps its settings, its
 * history, its final weights and its timeline; its diff names what changed
 * ("lr 0.5 → 0.1"). Deleting and undoing, a run added from elsewhere and
 * made current, the legend's labels, and experiment files: the runs come
 * back, old files load without them, bad runs are refused naming the field
 * and leave the session as it was.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "ps-experiment.h"
#include "ps-session.h"

typedef struct
{
  PsSession *session;
  char      *tmpdir;
  guint      n_changed;
} Fixture;

static void
iterate_until_idle (PsSession *session)
{
  gint64 end = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (ps_session_is_running (session) || ps_session_is_busy (session))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (500);
    }
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
train (PsSession *session,
       guint      epochs)
{
  g_autoptr(GError) error = NULL;

  /* @epochs more (the settings' epoch count stays: it is part of a run) */
  ps_session_set_speed (session, PS_SESSION_SPEED_MAX);
  g_assert_true (ps_session_start (session, epochs, &error));
  g_assert_no_error (error);
  iterate_until_idle (session);
}

/* New settings, then Reset. */
static void
reset_with (PsSession *session,
            double     lr,
            guint64    seed)
{
  PsTrainingSettings s;

  ps_session_get_settings (session, &s);
  s.train.optimizer.lr = lr;
  s.train.seed = seed;
  ps_session_set_settings (session, &s);
  ps_session_rebuild (session);
}

static PsRun *
run_at (PsSession *session,
        guint      i)
{
  g_autoptr(PsRun) run = g_list_model_get_item (ps_session_get_runs (session), i);

  /* the list keeps it */
  return run;
}

static guint
n_runs (PsSession *session)
{
  return g_list_model_get_n_items (ps_session_get_runs (session));
}

static void
on_runs_changed (PsSession *session,
                 Fixture   *f)
{
  f->n_changed++;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PsDatasetSource) xor = ps_dataset_source_new ("xor");

  f->tmpdir = g_dir_make_tmp ("ps-runs-XXXXXX", &error);
  g_assert_no_error (error);
  f->session = ps_session_new ();
  g_signal_connect (f->session, "runs-changed", G_CALLBACK (on_runs_changed), f);
  ps_session_load_dataset (f->session, xor);
  iterate_until_idle (f->session);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GDir) d = g_dir_open (f->tmpdir, 0, NULL);
  const char *name;

  ps_session_shutdown (f->session);
  g_clear_object (&f->session);
  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->tmpdir, name, NULL);

      g_remove (path);
    }
  g_rmdir (f->tmpdir);
  g_free (f->tmpdir);
}

static void
assert_same_params (const PsNetwork *a,
                    const PsNetwork *b)
{
  g_assert_nonnull (a);
  g_assert_nonnull (b);
  g_assert_cmpuint (a->n_params, ==, b->n_params);
  g_assert_cmpmem (a->params, a->n_params * sizeof (float), b->params, b->n_params * sizeof (float));
}

static void
assert_same_history (PsRun *a,
                     PsRun *b)
{
  guint na = 0, nb = 0;
  const PsEpochMetrics *ha = ps_run_get_history (a, &na);
  const PsEpochMetrics *hb = ps_run_get_history (b, &nb);

  g_assert_cmpuint (na, ==, nb);
  for (guint i = 0; i < na; i++)
    {
      g_assert_cmpuint (ha[i].epoch, ==, hb[i].epoch);
      g_assert_cmpfloat (ha[i].loss, ==, hb[i].loss);
      g_assert_cmpfloat (ha[i].accuracy, ==, hb[i].accuracy);
    }
}

/* Three runs: lr 0.5 seed 6 (30 + 10 epochs), lr 0.1 (20), seed 7 (20). */
static void
make_three_runs (Fixture *f)
{
  train (f->session, 30);
  train (f->session, 10);       /* goes on: the same run */
  reset_with (f->session, 0.1, 6);
  train (f->session, 20);
  reset_with (f->session, 0.1, 7);
  train (f->session, 20);
  g_assert_cmpuint (n_runs (f->session), ==, 3);
}

/* ---- runs are made per Reset + train -------------------------------------------- */

static void
test_per_reset (Fixture       *f,
                gconstpointer  data)
{
  PsRun *run;
  PsSnapshot *snap;

  g_assert_cmpuint (n_runs (f->session), ==, 0);
  g_assert_null (ps_session_get_current_run (f->session));

  train (f->session, 30);
  g_assert_cmpuint (n_runs (f->session), ==, 1);
  run = run_at (f->session, 0);
  g_assert_true (run == ps_session_get_current_run (f->session));
  g_assert_cmpuint (ps_run_get_number (run), ==, 1);
  g_assert_cmpstr (ps_run_get_diff (run), ==, "first run");
  g_assert_cmpstr (ps_run_get_dataset (run), ==, "xor");
  g_assert_cmpstr (ps_run_get_network_spec (run), ==, "2,3:sigmoid,1:sigmoid");
  g_assert_cmpuint (ps_run_get_n_epochs (run), ==, 30);
  assert_same_params (ps_run_get_model (run), ps_session_get_model (f->session));
  g_assert_true (ps_run_get_timeline (run) == ps_session_get_timeline (f->session));
  g_assert_cmpuint (f->n_changed, >=, 2);   /* added, stopped */

  /* going on after a pause is the same run */
  train (f->session, 10);
  g_assert_cmpuint (n_runs (f->session), ==, 1);
  g_assert_cmpuint (ps_run_get_n_epochs (run), ==, 40);
  snap = ps_session_get_snapshot (f->session);
  g_assert_cmpmem (ps_run_get_history (run, NULL), 40 * sizeof (PsEpochMetrics),
                   snap->history, 40 * sizeof (PsEpochMetrics));
  assert_same_params (ps_run_get_model (run), ps_session_get_model (f->session));

  /* a Reset alone makes no run; training after it does */
  reset_with (f->session, 0.1, 6);
  g_assert_cmpuint (n_runs (f->session), ==, 1);
  /* the stopped run kept its weights and history */
  g_assert_cmpuint (ps_run_get_n_epochs (run), ==, 40);
  g_assert_cmpfloat (ps_run_get_settings (run)->train.optimizer.lr, ==, 0.5);
  train (f->session, 20);
  g_assert_cmpuint (n_runs (f->session), ==, 2);
  run = run_at (f->session, 1);
  g_assert_cmpuint (ps_run_get_number (run), ==, 2);
  g_assert_cmpstr (ps_run_get_diff (run), ==, "lr 0.5 → 0.1");
  g_assert_cmpuint (ps_run_get_n_epochs (run), ==, 20);
  g_assert_cmpfloat (ps_run_get_settings (run)->train.optimizer.lr, ==, 0.1);

  reset_with (f->session, 0.5, 7);
  train (f->session, 20);
  g_assert_cmpstr (ps_run_get_diff (run_at (f->session, 2)), ==, "lr 0.1 → 0.5, seed 6 → 7");

  /* the same settings again */
  ps_session_rebuild (f->session);
  train (f->session, 5);
  g_assert_cmpuint (n_runs (f->session), ==, 4);
  g_assert_cmpstr (ps_run_get_diff (run_at (f->session, 3)), ==, "same settings as run 3");
  /* seed 7, lr 0.5 from Reset: the same weights as run 3 at epoch 5 */
  {
    guint n = 0;
    const PsEpochMetrics *h3 = ps_run_get_history (run_at (f->session, 2), &n);
    const PsEpochMetrics *h4 = ps_run_get_history (run_at (f->session, 3), NULL);

    g_assert_cmpfloat (h3[4].loss, ==, h4[4].loss);
  }

  /* a new spec is a difference too */
  {
    g_autoptr(GError) error = NULL;

    g_assert_true (ps_session_set_network_spec (f->session, "4:tanh,1:sigmoid", &error));
    g_assert_no_error (error);
  }
  train (f->session, 5);
  g_assert_cmpstr (ps_run_get_diff (run_at (f->session, 4)), ==,
                   "layers 3:sigmoid,1:sigmoid → 4:tanh,1:sigmoid");
}

/* ---- delete and undo ---------------------------------------------------------------- */

static void
test_delete_undo (Fixture       *f,
                  gconstpointer  data)
{
  PsRun *second, *third;

  make_three_runs (f);
  second = run_at (f->session, 1);
  third = run_at (f->session, 2);
  g_assert_true (ps_session_get_current_run (f->session) == third);

  g_assert_true (ps_session_delete_run (f->session, second));
  g_assert_cmpuint (n_runs (f->session), ==, 2);
  g_assert_false (ps_session_delete_run (f->session, second));
  g_assert_true (ps_session_undo_delete_run (f->session) == second);
  g_assert_cmpuint (n_runs (f->session), ==, 3);
  g_assert_true (run_at (f->session, 1) == second);
  g_assert_null (ps_session_undo_delete_run (f->session));

  /* the current run: none is current, undo makes it current again */
  g_assert_true (ps_session_delete_run (f->session, third));
  g_assert_null (ps_session_get_current_run (f->session));
  g_assert_true (ps_session_undo_delete_run (f->session) == third);
  g_assert_true (ps_session_get_current_run (f->session) == third);
  g_assert_true (run_at (f->session, 2) == third);
  /* and it goes on recording */
  train (f->session, 5);
  g_assert_cmpuint (n_runs (f->session), ==, 3);
  g_assert_cmpuint (ps_run_get_n_epochs (third), ==, 25);

  /* numbers are not reused after a delete */
  g_assert_true (ps_session_delete_run (f->session, third));
  reset_with (f->session, 0.5, 6);
  train (f->session, 5);
  g_assert_cmpuint (ps_run_get_number (run_at (f->session, 2)), ==, 4);
  /* the undo then puts run 3 back in its place, not current */
  g_assert_true (ps_session_undo_delete_run (f->session) == third);
  g_assert_true (run_at (f->session, 2) == third);
  g_assert_true (ps_session_get_current_run (f->session) == run_at (f->session, 3));

  ps_session_clear_runs (f->session);
  g_assert_cmpuint (n_runs (f->session), ==, 0);
  g_assert_null (ps_session_get_current_run (f->session));
}

/* ---- a run from elsewhere (a sweep's variant) made current ---------------------------- */

static void
test_add_select (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PsRun) variant = NULL;
  PsNetwork *model;
  PsRun *first;
  guint n = 0;
  const PsEpochMetrics *history;

  make_three_runs (f);
  first = run_at (f->session, 0);
  model = ps_network_copy (ps_run_get_model (first));
  history = ps_run_get_history (first, &n);

  variant = ps_run_new (ps_run_get_settings (first), ps_run_get_network_spec (first), "xor");
  ps_run_set_result (variant, history, n, model);
  ps_session_add_run (f->session, variant);
  g_assert_cmpuint (n_runs (f->session), ==, 4);
  g_assert_cmpuint (ps_run_get_number (variant), ==, 4);
  g_assert_cmpstr (ps_run_get_diff (variant), ==, "lr 0.1 → 0.5, seed 7 → 6");

  g_assert_true (ps_session_select_run (f->session, first, &error));
  g_assert_no_error (error);
  g_assert_true (ps_session_get_current_run (f->session) == first);
  assert_same_params (ps_session_get_model (f->session), model);
  g_assert_cmpuint (ps_session_get_snapshot (f->session)->n_epochs, ==, 40);
  {
    PsTrainingSettings s;

    ps_session_get_settings (f->session, &s);
    g_assert_cmpfloat (s.train.optimizer.lr, ==, 0.5);
    g_assert_cmpuint (s.train.seed, ==, 6);
  }
  /* going on continues it */
  train (f->session, 10);
  g_assert_cmpuint (n_runs (f->session), ==, 4);
  g_assert_cmpuint (ps_run_get_n_epochs (first), ==, 50);

  /* a run without weights cannot be made current */
  {
    PsTrainingSettings s;
    g_autoptr(PsRun) empty = NULL;

    ps_training_settings_init (&s);
    empty = ps_run_new (&s, "2,3:sigmoid,1:sigmoid", "xor");
    ps_session_add_run (f->session, empty);
    g_assert_false (ps_session_select_run (f->session, empty, &error));
    g_assert_error (error, PS_SESSION_ERROR, PS_SESSION_ERROR_NO_DATA);
    g_assert_true (ps_session_get_current_run (f->session) == first);
  }
  ps_network_free (model);
}

/* ---- the legend ------------------------------------------------------------------------ */

static void
test_labels (Fixture       *f,
             gconstpointer  data)
{
  PsRun *runs[3];
  g_autofree char *alone = NULL;
  g_autofree char *l0 = NULL;
  g_autofree char *l2 = NULL;

  make_three_runs (f);
  for (guint i = 0; i < 3; i++)
    runs[i] = run_at (f->session, i);
  l0 = ps_run_dup_label_among (runs[0], runs, 3);
  l2 = ps_run_dup_label_among (runs[2], runs, 3);
  g_assert_cmpstr (l0, ==, "Run 1: lr 0.5, seed 6");
  g_assert_cmpstr (l2, ==, "Run 3: lr 0.1, seed 7");
  alone = ps_run_dup_label_among (runs[1], runs + 1, 1);
  g_assert_cmpstr (alone, ==, "Run 2");
}

/* ---- experiment files ------------------------------------------------------------------- */

static PsSession *
load_fresh (const char *path)
{
  g_autoptr(GError) error = NULL;
  PsSession *session = ps_session_new ();

  ps_session_load_experiment (session, path, &error);
  g_assert_no_error (error);
  iterate_until_idle (session);
  return session;
}

static void
test_round_trip (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->tmpdir, "runs.json", NULL);
  g_autoptr(PsSession) loaded = NULL;
  g_autoptr(PsExperiment) exp = NULL;

  make_three_runs (f);
  ps_run_set_shown (run_at (f->session, 0), TRUE);
  ps_run_set_shown (run_at (f->session, 2), TRUE);
  g_assert_true (ps_session_delete_run (f->session, run_at (f->session, 1)));
  g_assert_true (ps_session_save_experiment (f->session, path, &error));
  g_assert_no_error (error);

  /* the file: runs with settings, weights and history; no checkpoints; the
   * current run's weights and history are the file's own, not repeated */
  exp = ps_experiment_read (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (exp->runs);
  g_assert_cmpuint (exp->runs->len, ==, 2);
  g_assert_null (exp->checkpoints);
  g_assert_false (((PsExperimentRun *) g_ptr_array_index (exp->runs, 0))->current);
  g_assert_nonnull (((PsExperimentRun *) g_ptr_array_index (exp->runs, 0))->model);
  g_assert_cmpuint (((PsExperimentRun *) g_ptr_array_index (exp->runs, 0))->n_epochs, ==, 40);
  g_assert_true (((PsExperimentRun *) g_ptr_array_index (exp->runs, 1))->current);
  g_assert_null (((PsExperimentRun *) g_ptr_array_index (exp->runs, 1))->model);

  loaded = load_fresh (path);
  g_assert_cmpuint (n_runs (loaded), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      PsRun *a = run_at (f->session, i);
      PsRun *b = run_at (loaded, i);

      g_assert_cmpuint (ps_run_get_number (a), ==, ps_run_get_number (b));
      g_assert_cmpstr (ps_run_get_diff (a), ==, ps_run_get_diff (b));
      g_assert_cmpstr (ps_run_get_network_spec (a), ==, ps_run_get_network_spec (b));
      g_assert_cmpstr (ps_run_get_dataset (a), ==, ps_run_get_dataset (b));
      g_assert_cmpint (ps_run_get_shown (a), ==, ps_run_get_shown (b));
      g_assert_true (ps_training_settings_equal (ps_run_get_settings (a), ps_run_get_settings (b)));
      assert_same_history (a, b);
      assert_same_params (ps_run_get_model (a), ps_run_get_model (b));
    }
  g_assert_cmpuint (ps_run_get_number (run_at (loaded, 1)), ==, 3);
  g_assert_true (ps_run_get_shown (run_at (loaded, 1)));
  /* run 1 comes back without its timeline; run 3, the model's run, is
   * current again, with the restored run's timeline, and goes on */
  g_assert_null (ps_run_get_timeline (run_at (loaded, 0)));
  g_assert_true (ps_session_get_current_run (loaded) == run_at (loaded, 1));
  g_assert_true (ps_run_get_timeline (run_at (loaded, 1)) == ps_session_get_timeline (loaded));
  assert_same_params (ps_run_get_model (run_at (loaded, 1)), ps_session_get_model (loaded));
  train (loaded, 5);
  g_assert_cmpuint (n_runs (loaded), ==, 2);
  g_assert_cmpuint (ps_run_get_n_epochs (run_at (loaded, 1)), ==, 25);
  /* the next run goes on numbering after the file's */
  reset_with (loaded, 0.5, 6);
  train (loaded, 5);
  g_assert_cmpuint (n_runs (loaded), ==, 3);
  g_assert_cmpuint (ps_run_get_number (run_at (loaded, 2)), ==, 4);
  g_assert_cmpstr (ps_run_get_diff (run_at (loaded, 2)), ==, "lr 0.1 → 0.5, seed 7 → 6");
  ps_session_shutdown (loaded);
}

/* A file without "runs" (written before them) loads with none. */
static void
test_old_file (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->tmpdir, "old.json", NULL);
  g_autoptr(PsSession) loaded = NULL;
  g_autofree char *text = NULL;

  train (f->session, 10);
  ps_session_clear_runs (f->session);
  g_assert_true (ps_session_save_experiment (f->session, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  g_assert_null (strstr (text, "\"runs\""));

  loaded = load_fresh (path);
  g_assert_cmpuint (n_runs (loaded), ==, 0);
  g_assert_cmpuint (ps_session_get_snapshot (loaded)->n_epochs, ==, 10);
  ps_session_shutdown (loaded);
}

/* The saved file with the first run's @member replaced by @json. */
static char *
write_with_bad_run (Fixture    *f,
                    const char *good_path,
                    const char *from,
                    const char *to,
                    const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *path = g_build_filename (f->tmpdir, name, NULL);
  g_autoptr(GString) s = NULL;
  char *at;

  g_assert_true (g_file_get_contents (good_path, &text, NULL, &error));
  g_assert_no_error (error);
  at = strstr (text, "\"runs\"");
  g_assert_nonnull (at);
  at = strstr (at, from);
  g_assert_nonnull (at);
  s = g_string_new_len (text, at - text);
  g_string_append (s, to);
  g_string_append (s, at + strlen (from));
  g_assert_true (g_file_set_contents (path, s->str, s->len, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&path);
}

static void
test_bad_runs (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *good = g_build_filename (f->tmpdir, "good.json", NULL);
  static const struct
  {
    const char *from;
    const char *to;
    const char *field;
  } cases[] = {
    { "\"runs\": [", "\"runs\": 3, \"x\": [", "“runs” is not a list" },
    { "\"number\": 1", "\"number\": \"one\"", "runs[0].number" },
    { "\"number\": 1", "\"number\": 0", "runs[0].number" },
    { "\"network\": \"2,3:sigmoid,1:sigmoid\"", "\"network\": 23", "runs[0].network" },
    { "\"network\": \"2,3:sigmoid,1:sigmoid\"", "\"network\": \"2,3:nonsense\"", "runs[0].network" },
    { "\"training\": {", "\"training\": 5, \"t\": {", "runs[0].training" },
    { "\"learning_rate\": 0.5", "\"learning_rate\": \"fast\"", "runs[0].training" },
    { "\"shown\": false", "\"shown\": 1", "runs[0].shown" },
    { "{\"epoch\": 2, \"loss\": ", "{\"epoch\": 2, \"loss\": \"x\", \"l\": ", "runs[0].history[1].loss" },
    { "{\"epoch\": 2,", "{\"epoch\": 7,", "runs[0].history[1].epoch" },
    { "\"model\": {", "\"model\": 5, \"m\": {", "runs[0].model" },
    { "\"shown\": false", "\"shown\": false, \"current\": true", "runs[2].current" },
    { "\"shown\": false", "\"shown\": false, \"current\": 2", "runs[0].current" },
  };
  PsRun *before;

  make_three_runs (f);
  g_assert_true (ps_session_save_experiment (f->session, good, &error));
  g_assert_no_error (error);
  before = run_at (f->session, 0);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("bad-%u.json", i);
      g_autofree char *path = write_with_bad_run (f, good, cases[i].from, cases[i].to, name);

      g_test_message ("case %u: %s", i, cases[i].field);
      g_assert_false (ps_session_load_experiment (f->session, path, &error));
      g_assert_nonnull (error);
      g_test_message ("  %s", error->message);
      g_assert_nonnull (strstr (error->message, cases[i].field));
      g_clear_error (&error);
      /* nothing changed */
      g_assert_cmpuint (n_runs (f->session), ==, 3);
      g_assert_true (run_at (f->session, 0) == before);
      g_assert_nonnull (ps_session_get_current_run (f->session));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/runs/per-reset", test_per_reset);
  ADD ("/runs/delete-undo", test_delete_undo);
  ADD ("/runs/add-select", test_add_select);
  ADD ("/runs/labels", test_labels);
  ADD ("/runs/experiment/round-trip", test_round_trip);
  ADD ("/runs/experiment/old-file", test_old_file);
  ADD ("/runs/experiment/bad", test_bad_runs);
#undef ADD

  return g_test_run ();
}
