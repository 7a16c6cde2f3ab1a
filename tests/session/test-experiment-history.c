/* test-experiment-history.c: experiments keep the run, without a display
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * XOR trained 30 epochs through the session (at Max), saved with and
 * without its checkpoints and loaded into a fresh session: the history
 * (length and every metric), the weights, the epoch count and, when saved,
 * the timeline come back. A file in the old format (no history) still
 * loads; each kind of corrupt run is refused, naming its field, and leaves
 * the session as it was. A CSV dataset (loaded in a thread) gets its run
 * back too, once the data and the weights are in.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "ps-experiment.h"
#include "ps-session.h"

#define N_EPOCHS 30

typedef struct
{
  PsSession *session;     /* trained: N_EPOCHS of XOR */
  char      *tmpdir;
  guint      n_errors;
} Fixture;

/* ---- helpers ----------------------------------------------------------------------- */

static void
on_error (PsSession  *session,
          const char *message,
          Fixture    *f)
{
  g_test_message ("session error: %s", message);
  f->n_errors++;
}

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
  /* the last snapshot's idle */
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
train (PsSession *session,
       guint      epochs)
{
  g_autoptr(GError) error = NULL;
  PsSnapshot *snap = ps_session_get_snapshot (session);
  guint before = snap != NULL ? snap->n_epochs : 0;
  PsTrainingSettings s;

  ps_session_get_settings (session, &s);
  s.train.epochs = epochs;
  ps_session_set_settings (session, &s);
  ps_session_set_speed (session, PS_SESSION_SPEED_MAX);
  g_assert_true (ps_session_start (session, 0, &error));
  g_assert_no_error (error);
  iterate_until_idle (session);
  g_assert_cmpuint (ps_session_get_snapshot (session)->n_epochs, ==, before + epochs);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PsDatasetSource) xor = ps_dataset_source_new ("xor");

  f->tmpdir = g_dir_make_tmp ("ps-experiment-history-XXXXXX", &error);
  g_assert_no_error (error);
  f->session = ps_session_new ();
  g_signal_connect (f->session, "error", G_CALLBACK (on_error), f);
  ps_session_load_dataset (f->session, xor);
  iterate_until_idle (f->session);
  train (f->session, N_EPOCHS);
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
  g_clear_object (&f->session);
  remove_tree (f->tmpdir);
  g_free (f->tmpdir);
}

static char *
tmp_path (Fixture    *f,
          const char *name)
{
  return g_build_filename (f->tmpdir, name, NULL);
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
assert_same_double (double a,
                    double b)
{
  if (isnan (a))
    g_assert_true (isnan (b));
  else
    g_assert_cmpfloat (a, ==, b);
}

static void
assert_same_history (PsSession *a,
                     PsSession *b)
{
  PsSnapshot *sa = ps_session_get_snapshot (a);
  PsSnapshot *sb = ps_session_get_snapshot (b);

  g_assert_cmpuint (sa->n_epochs, ==, sb->n_epochs);
  g_assert_cmpuint (sa->epoch, ==, sb->epoch);
  for (guint i = 0; i < sa->n_epochs; i++)
    {
      const PsEpochMetrics *x = &sa->history[i];
      const PsEpochMetrics *y = &sb->history[i];

      g_assert_cmpuint (x->epoch, ==, y->epoch);
      assert_same_double (x->loss, y->loss);
      assert_same_double (x->accuracy, y->accuracy);
      assert_same_double (x->rmse, y->rmse);
      g_assert_cmpint (x->has_val, ==, y->has_val);
      if (x->has_val)
        {
          assert_same_double (x->val_loss, y->val_loss);
          assert_same_double (x->val_accuracy, y->val_accuracy);
          assert_same_double (x->val_rmse, y->val_rmse);
        }
      assert_same_double (x->seconds, y->seconds);
      assert_same_double (x->samples_per_second, y->samples_per_second);
    }
}

static guint *
dup_epochs (PsSession *session,
            guint     *n)
{
  return ps_timeline_dup_epochs (ps_session_get_timeline (session), n);
}

/* A fresh session with @path loaded (its dataset too). */
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

/* ---- the run comes back ---------------------------------------------------------------- */

static void
test_history (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = tmp_path (f, "run.psx.json");
  g_autoptr(PsExperiment) exp = NULL;
  g_autoptr(PsSession) other = NULL;
  g_autofree guint *epochs = NULL;
  guint n = 0;

  g_assert_cmpuint (ps_timeline_get_n (ps_session_get_timeline (f->session)), >, 2);
  g_assert_true (ps_session_save_experiment (f->session, path, &error));
  g_assert_no_error (error);

  /* the file: a history with the CSV's keys, no checkpoints */
  exp = ps_experiment_read (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (exp->n_epochs, ==, N_EPOCHS);
  g_assert_null (exp->checkpoints);
  g_assert_nonnull (exp->model);

  other = load_fresh (path);
  assert_same_params (ps_session_get_model (f->session), ps_session_get_model (other));
  assert_same_history (f->session, other);
  g_assert_cmpuint (ps_training_bridge_get_epoch (ps_session_get_bridge (other)), ==, N_EPOCHS);
  g_assert_cmpuint (ps_session_get_snapshot (other)->epoch, ==, N_EPOCHS);
  /* without checkpoints the timeline holds the final weights only */
  epochs = dup_epochs (other, &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpuint (epochs[0], ==, N_EPOCHS);

  /* training goes on from there */
  train (other, 5);
  g_assert_cmpuint (ps_session_get_snapshot (other)->n_epochs, ==, N_EPOCHS + 5);
  g_assert_cmpuint (ps_session_get_snapshot (other)->history[N_EPOCHS + 4].epoch, ==, N_EPOCHS + 5);
  ps_session_shutdown (other);
}

static void
test_checkpoints (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = tmp_path (f, "timeline.psx.json");
  g_autoptr(PsSession) other = NULL;
  g_autofree guint *epochs = NULL;
  g_autofree guint *back = NULL;
  guint n = 0, n_back = 0;

  g_assert_true (ps_session_save_experiment_full (f->session, path, TRUE, &error));
  g_assert_no_error (error);
  other = load_fresh (path);

  assert_same_params (ps_session_get_model (f->session), ps_session_get_model (other));
  assert_same_history (f->session, other);
  epochs = dup_epochs (f->session, &n);
  back = dup_epochs (other, &n_back);
  g_assert_cmpuint (n, ==, N_EPOCHS + 1);
  g_assert_cmpmem (epochs, n * sizeof (guint), back, n_back * sizeof (guint));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PsCheckpoint) a = ps_timeline_lookup_exact (ps_session_get_timeline (f->session), epochs[i]);
      g_autoptr(PsCheckpoint) b = ps_timeline_lookup_exact (ps_session_get_timeline (other), epochs[i]);

      g_assert_cmpmem (a->params, a->n_params * sizeof (float), b->params, b->n_params * sizeof (float));
    }

  /* the views can show epoch 10 of the reopened run */
  ps_session_set_view_epoch (other, 10);
  g_assert_cmpint (ps_session_get_view_epoch (other), ==, 10);
  ps_session_set_view_epoch (other, -1);
  ps_session_shutdown (other);
}

/* The run also waits for a dataset that loads in a thread. */
static void
test_csv_dataset (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PsDatasetSource) source = ps_dataset_source_new ("csv");
  g_autofree char *path = tmp_path (f, "blobs.psx.json");
  g_autoptr(PsSession) other = NULL;
  g_autofree guint *epochs = NULL;
  g_autofree guint *back = NULL;
  guint n = 0, n_back = 0;

  g_free (source->path);
  source->path = g_build_filename (SESSION_TEST_DIR, "three-blobs.csv", NULL);
  ps_session_load_dataset (f->session, source);
  iterate_until_idle (f->session);
  g_assert_nonnull (ps_session_get_train (f->session));
  train (f->session, 12);
  g_assert_true (ps_session_save_experiment_full (f->session, path, TRUE, &error));
  g_assert_no_error (error);

  /* a session on XOR first: the model notifies before the CSV is in */
  {
    g_autoptr(PsDatasetSource) xor = ps_dataset_source_new ("xor");

    other = ps_session_new ();
    ps_session_load_dataset (other, xor);
    g_assert_true (ps_session_load_experiment (other, path, &error));
    g_assert_no_error (error);
    g_assert_true (ps_session_is_busy (other));
    iterate_until_idle (other);
  }
  assert_same_params (ps_session_get_model (f->session), ps_session_get_model (other));
  assert_same_history (f->session, other);
  epochs = dup_epochs (f->session, &n);
  back = dup_epochs (other, &n_back);
  g_assert_cmpmem (epochs, n * sizeof (guint), back, n_back * sizeof (guint));
  ps_session_shutdown (other);
}

/* ---- the old format ------------------------------------------------------------------------ */

static void
test_old_format (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = tmp_path (f, "old.psx.json");
  g_autofree char *bare = tmp_path (f, "bare.psx.json");
  g_autoptr(PsSession) other = NULL;
  g_autoptr(PsSession) third = NULL;
  static const char old_untrained[] =
    "{\n"
    "  \"format\": \"perceptron-studio-experiment\",\n"
    "  \"version\": 1,\n"
    "  \"dataset\": {\"source\": \"xor\"},\n"
    "  \"network\": \"2,4:tanh,1:sigmoid\",\n"
    "  \"training\": {}\n"
    "}\n";

  /* what the old writer wrote: the weights, no history */
  {
    g_autoptr(PsExperiment) exp = NULL;

    g_assert_true (ps_session_save_experiment (f->session, path, &error));
    exp = ps_experiment_read (path, &error);
    g_assert_no_error (error);
    g_clear_pointer (&exp->history, g_free);
    exp->n_epochs = 0;
    g_assert_true (ps_experiment_write (exp, path, &error));
    g_assert_no_error (error);
  }
  {
    g_autofree char *text = NULL;

    g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
    g_assert_null (strstr (text, "\"history\""));
    g_assert_null (strstr (text, "\"checkpoints\""));
  }
  other = load_fresh (path);
  assert_same_params (ps_session_get_model (f->session), ps_session_get_model (other));
  g_assert_cmpuint (ps_session_get_snapshot (other)->n_epochs, ==, 0);
  g_assert_cmpuint (ps_training_bridge_get_epoch (ps_session_get_bridge (other)), ==, 0);
  ps_session_shutdown (other);

  /* no weights either: a fresh network of the spec */
  g_assert_true (g_file_set_contents (bare, old_untrained, -1, NULL));
  third = load_fresh (bare);
  g_assert_cmpstr (ps_session_get_network_spec (third), ==, "4:tanh,1:sigmoid");
  g_assert_cmpuint (ps_session_get_snapshot (third)->n_epochs, ==, 0);
  ps_session_shutdown (third);
}

/* ---- corrupt runs --------------------------------------------------------------------------- */

typedef void (*Corrupt) (JsonObject *root);

static JsonObject *
checkpoint (JsonObject *root,
            guint       i)
{
  return json_array_get_object_element (json_object_get_array_member (root, "checkpoints"), i);
}

static void
short_params (JsonObject *root)
{
  /* 12 bytes: three floats where the model has 13 */
  json_object_set_string_member (checkpoint (root, 2), "params", "AAAAAAAAAAAAAAAA");
}

static void
long_params (JsonObject *root)
{
  /* well-formed base64 of 14 floats where the model has 13 */
  static const guchar zeros[14 * sizeof (float)] = { 0 };
  g_autofree char *b64 = g_base64_encode (zeros, sizeof zeros);

  json_object_set_string_member (checkpoint (root, 2), "params", b64);
}

static void
bad_base64 (JsonObject *root)
{
  g_autofree char *b64 = g_strdup (json_object_get_string_member (checkpoint (root, 2), "params"));

  b64[5] = '*';
  json_object_set_string_member (checkpoint (root, 2), "params", b64);
}

static void
not_ascending (JsonObject *root)
{
  json_object_set_int_member (checkpoint (root, 2), "epoch", 1);
}

static void
past_history (JsonObject *root)
{
  JsonArray *cps = json_object_get_array_member (root, "checkpoints");

  json_object_set_int_member (checkpoint (root, json_array_get_length (cps) - 1), "epoch", N_EPOCHS + 1);
}

static void
negative_epoch (JsonObject *root)
{
  json_object_set_int_member (checkpoint (root, 2), "epoch", -3);
}

static void
params_not_text (JsonObject *root)
{
  json_object_set_int_member (checkpoint (root, 2), "params", 7);
}

static void
checkpoints_without_model (JsonObject *root)
{
  json_object_remove_member (root, "model");
}

static void
checkpoints_not_list (JsonObject *root)
{
  json_object_set_string_member (root, "checkpoints", "all of them");
}

static void
history_epoch_skipped (JsonObject *root)
{
  JsonArray *history = json_object_get_array_member (root, "history");

  json_object_set_int_member (json_array_get_object_element (history, 4), "epoch", 7);
}

static void
history_loss_text (JsonObject *root)
{
  JsonArray *history = json_object_get_array_member (root, "history");

  json_object_set_string_member (json_array_get_object_element (history, 3), "loss", "low");
}

static const struct
{
  const char *name;
  Corrupt     corrupt;
  const char *field;
} corrupt_cases[] = {
  { "short-params", short_params, "checkpoints[2].params" },
  { "long-params", long_params, "checkpoints[2].params" },
  { "bad-base64", bad_base64, "checkpoints[2].params" },
  { "not-ascending", not_ascending, "checkpoints[2].epoch" },
  { "past-history", past_history, "checkpoints[30].epoch" },
  { "negative-epoch", negative_epoch, "checkpoints[2].epoch" },
  { "params-not-text", params_not_text, "checkpoints[2].params" },
  { "without-model", checkpoints_without_model, "“checkpoints”" },
  { "not-a-list", checkpoints_not_list, "“checkpoints”" },
  { "history-epoch", history_epoch_skipped, "history[4].epoch" },
  { "history-loss", history_loss_text, "history[3].loss" },
};

static void
test_corrupt (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *good = tmp_path (f, "good.psx.json");
  g_autoptr(PsSession) other = NULL;
  PsNetwork *model_before = NULL;
  g_autofree guint *epochs_before = NULL;
  g_autofree char *spec_before = NULL;
  guint n_before = 0, n_epochs_before;

  g_assert_true (ps_session_save_experiment_full (f->session, good, TRUE, &error));
  g_assert_no_error (error);

  /* the session a bad file must leave alone: the good run, loaded */
  other = load_fresh (good);
  model_before = ps_network_copy (ps_session_get_model (other));
  spec_before = g_strdup (ps_session_get_network_spec (other));
  epochs_before = dup_epochs (other, &n_before);
  n_epochs_before = ps_session_get_snapshot (other)->n_epochs;
  g_assert_cmpuint (n_epochs_before, ==, N_EPOCHS);

  for (guint c = 0; c < G_N_ELEMENTS (corrupt_cases); c++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(JsonGenerator) gen = json_generator_new ();
      g_autofree char *bad = NULL;
      g_autofree guint *epochs = NULL;
      guint n = 0;

      g_test_message ("corrupt: %s", corrupt_cases[c].name);
      bad = g_strdup_printf ("%s/%s.psx.json", f->tmpdir, corrupt_cases[c].name);
      g_assert_true (json_parser_load_from_file (parser, good, NULL));
      corrupt_cases[c].corrupt (json_node_get_object (json_parser_get_root (parser)));
      json_generator_set_root (gen, json_parser_get_root (parser));
      g_assert_true (json_generator_to_file (gen, bad, NULL));

      g_assert_false (ps_session_load_experiment (other, bad, &error));
      g_assert_error (error, PS_SESSION_ERROR, PS_SESSION_ERROR_FILE);
      g_test_message ("  %s", error->message);
      g_assert_nonnull (strstr (error->message, corrupt_cases[c].field));
      g_clear_error (&error);

      /* the reader refuses it the same way */
      g_assert_null (ps_experiment_read (bad, &error));
      g_assert_error (error, PS_EXPERIMENT_ERROR, PS_EXPERIMENT_ERROR_INVALID);
      g_clear_error (&error);

      iterate_until_idle (other);
      assert_same_params (model_before, ps_session_get_model (other));
      g_assert_cmpstr (ps_session_get_network_spec (other), ==, spec_before);
      g_assert_cmpuint (ps_session_get_snapshot (other)->n_epochs, ==, n_epochs_before);
      epochs = dup_epochs (other, &n);
      g_assert_cmpmem (epochs, n * sizeof (guint), epochs_before, n_before * sizeof (guint));
      g_assert_false (ps_session_is_busy (other));
    }
  ps_network_free (model_before);
  ps_session_shutdown (other);
}

/* ---- the writer leaves out what is past the history ------------------------------------ */

static void
test_write_bounds (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = tmp_path (f, "bounds.psx.json");
  g_autoptr(PsExperiment) exp = ps_experiment_new ();
  g_autoptr(PsExperiment) back = NULL;
  g_autoptr(GPtrArray) cps = g_ptr_array_new_with_free_func (g_free);
  const PsNetwork *net = ps_session_get_model (f->session);
  PsSnapshot *snap = ps_session_get_snapshot (f->session);
  static const guint epochs[] = { 0, 3, 10, 31 };

  exp->dataset = json_from_string ("{\"source\": \"xor\"}", NULL);
  exp->training = json_from_string ("{}", NULL);
  exp->network_spec = g_strdup ("2,3:sigmoid,1:sigmoid");
  exp->model = ps_network_copy (net);
  exp->history = g_memdup2 (snap->history, sizeof (PsEpochMetrics) * snap->n_epochs);
  exp->n_epochs = snap->n_epochs;
  for (guint i = 0; i < G_N_ELEMENTS (epochs); i++)
    {
      PsExperimentCheckpoint *cp = g_new (PsExperimentCheckpoint, 1);

      cp->epoch = epochs[i];
      cp->params = net->params;
      g_ptr_array_add (cps, cp);
    }
  exp->checkpoints = g_ptr_array_ref (cps);
  g_assert_true (ps_experiment_write (exp, path, &error));
  g_assert_no_error (error);

  back = ps_experiment_read (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (back->checkpoints);
  /* epoch 31 is past the 30 epochs of history: not written */
  g_assert_cmpuint (back->checkpoints->len, ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      PsExperimentCheckpoint *cp = g_ptr_array_index (back->checkpoints, i);

      g_assert_cmpuint (cp->epoch, ==, epochs[i]);
      g_assert_cmpmem (cp->params, net->n_params * sizeof (float), net->params, net->n_params * sizeof (float));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/experiment-history/history", test_history);
  ADD ("/experiment-history/checkpoints", test_checkpoints);
  ADD ("/experiment-history/csv-dataset", test_csv_dataset);
  ADD ("/experiment-history/old-format", test_old_format);
  ADD ("/experiment-history/corrupt", test_corrupt);
  ADD ("/experiment-history/write-bounds", test_write_bounds);
#undef ADD

  return g_test_run ();
}
