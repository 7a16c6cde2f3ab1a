/* test-pace.c: the pace of a run, its timeline, Play and Train from here
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * No timing is asserted: a pace is shown by what a pause finds (one epoch
 * when the pace allows one), and a waiting worker that a pause or a new
 * speed did not wake would hang the test into its timeout.
 */
#include "config.h"

#include <string.h>

#include "ps-session.h"

typedef struct
{
  PsSession *session;
  GArray    *view_epochs;     /* "view-epoch" as notified */
  guint      n_checkpoint_snapshots;
  guint      last_snapshot_epoch;
} Fixture;

static void
on_view_epoch (PsSession  *session,
               GParamSpec *pspec,
               Fixture    *f)
{
  int epoch = ps_session_get_view_epoch (session);

  g_array_append_val (f->view_epochs, epoch);
}

static void
on_snapshot (PsSession  *session,
             PsSnapshot *snap,
             Fixture    *f)
{
  if (snap->checkpoint)
    f->n_checkpoint_snapshots++;
  f->last_snapshot_epoch = snap->epoch;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(PsDatasetSource) xor = ps_dataset_source_new ("xor");

  f->session = ps_session_new ();
  f->view_epochs = g_array_new (FALSE, FALSE, sizeof (int));
  g_signal_connect (f->session, "notify::view-epoch", G_CALLBACK (on_view_epoch), f);
  g_signal_connect (f->session, "snapshot", G_CALLBACK (on_snapshot), f);
  ps_session_load_dataset (f->session, xor);
  g_assert_nonnull (ps_session_get_model (f->session));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  ps_session_shutdown (f->session);
  g_clear_object (&f->session);
  g_array_unref (f->view_epochs);
}

static void
iterate_while_running (Fixture *f)
{
  while (ps_session_is_running (f->session) || ps_training_bridge_has_thread (ps_session_get_bridge (f->session)))
    g_main_context_iteration (NULL, TRUE);
}

static void
set_epochs (Fixture *f,
            guint    epochs)
{
  PsTrainingSettings s;

  ps_session_get_settings (f->session, &s);
  s.train.epochs = epochs;
  ps_session_set_settings (f->session, &s);
}

static void
train (Fixture *f,
       guint    epochs)
{
  g_autoptr(GError) error = NULL;

  set_epochs (f, epochs);
  g_assert_true (ps_session_start (f->session, 0, &error));
  g_assert_no_error (error);
  iterate_while_running (f);
}

static guint
epoch_now (Fixture *f)
{
  return ps_training_bridge_get_epoch (ps_session_get_bridge (f->session));
}

/* The notebook's XOR is small: it starts paced, 1000 epochs in ~10 s. */
static void
test_default_speed (Fixture       *f,
                    gconstpointer  data)
{
  /* the notebook's 1000 XOR epochs in about 10 s */
  g_assert_cmpfloat (ps_session_get_speed (f->session), ==, 100.0);
  g_assert_cmpfloat (ps_session_default_speed (999), ==, PS_SESSION_SMALL_DATA_SPEED);
  g_assert_cmpfloat (ps_session_default_speed (60000), ==, PS_SESSION_SPEED_MAX);
  g_assert_cmpfloat (ps_training_bridge_get_speed (ps_session_get_bridge (f->session)), ==,
                     PS_SESSION_SMALL_DATA_SPEED);
}

/* At one epoch in 1000 s the run does one epoch and waits; Pause wakes it
 * (else this test hangs). */
static void
test_pause_wakes_pace (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  ps_session_set_speed (f->session, 0.001);
  set_epochs (f, 100);
  g_assert_true (ps_session_start (f->session, 0, &error));
  while (ps_timeline_get_last_epoch (ps_session_get_timeline (f->session)) < 1)
    g_main_context_iteration (NULL, FALSE);
  ps_session_pause (f->session);
  iterate_while_running (f);
  g_assert_cmpuint (epoch_now (f), ==, 1);
}

/* A new speed wakes a waiting worker: Max runs the rest at once. */
static void
test_speed_change_live (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  ps_session_set_speed (f->session, 0.001);
  set_epochs (f, 40);
  g_assert_true (ps_session_start (f->session, 0, &error));
  while (ps_timeline_get_last_epoch (ps_session_get_timeline (f->session)) < 1)
    g_main_context_iteration (NULL, FALSE);
  ps_session_set_speed (f->session, PS_SESSION_SPEED_MAX);
  iterate_while_running (f);
  g_assert_cmpuint (epoch_now (f), ==, 40);
}

/* Every epoch is recorded, and the checkpoint at 20 of a 50-epoch run is
 * what a 20-epoch run from the same start ends with. */
static void
test_checkpoints_are_the_run (Fixture       *f,
                              gconstpointer  data)
{
  PsTimeline *tl;
  g_autofree guint *epochs = NULL;
  g_autoptr(PsCheckpoint) at20 = NULL;
  g_autoptr(PsCheckpoint) last = NULL;
  const PsNetwork *model;
  guint n;

  ps_session_set_speed (f->session, PS_SESSION_SPEED_MAX);
  train (f, 50);
  tl = ps_session_get_timeline (f->session);
  epochs = ps_timeline_dup_epochs (tl, &n);
  g_assert_cmpuint (n, ==, 51);
  for (guint i = 0; i < n; i++)
    g_assert_cmpuint (epochs[i], ==, i);
  model = ps_session_get_model (f->session);
  last = ps_timeline_lookup_exact (tl, 50);
  g_assert_cmpmem (last->params, last->n_params * sizeof (float), model->params, model->n_params * sizeof (float));
  at20 = ps_timeline_lookup_exact (tl, 20);

  /* the same start, 20 epochs */
  ps_session_rebuild (f->session);
  train (f, 20);
  model = ps_session_get_model (f->session);
  g_assert_cmpmem (at20->params, at20->n_params * sizeof (float), model->params, model->n_params * sizeof (float));
}

/* The views go to epoch 20 and back to live. */
static void
test_view_epoch (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(PsCheckpoint) at20 = NULL;
  PsSnapshot *shown;

  ps_session_set_speed (f->session, PS_SESSION_SPEED_MAX);
  train (f, 50);
  at20 = ps_timeline_lookup_exact (ps_session_get_timeline (f->session), 20);

  ps_session_set_view_epoch (f->session, 20);
  g_assert_cmpint (ps_session_get_view_epoch (f->session), ==, 20);
  g_assert_cmpuint (f->n_checkpoint_snapshots, ==, 1);
  g_assert_cmpuint (f->last_snapshot_epoch, ==, 20);
  shown = ps_session_get_view_snapshot (f->session);
  g_assert_true (shown->checkpoint);
  g_assert_cmpuint (shown->epoch, ==, 20);
  g_assert_cmpuint (shown->n_epochs, ==, 50);   /* the curves keep the whole run */
  g_assert_cmpmem (shown->network->params, shown->network->n_params * sizeof (float),
                   at20->params, at20->n_params * sizeof (float));
  /* the run itself is unchanged */
  g_assert_cmpuint (ps_session_get_snapshot (f->session)->epoch, ==, 50);
  g_assert_false (ps_session_get_snapshot (f->session)->checkpoint);

  /* the same epoch again: nothing */
  ps_session_set_view_epoch (f->session, 20);
  g_assert_cmpuint (f->n_checkpoint_snapshots, ==, 1);

  /* the end of the run is live */
  ps_session_set_view_epoch (f->session, 50);
  g_assert_cmpint (ps_session_get_view_epoch (f->session), ==, -1);
  g_assert_false (ps_session_get_view_snapshot (f->session)->checkpoint);
  g_assert_cmpuint (f->last_snapshot_epoch, ==, 50);

  /* a rebuild forgets the old run's epochs */
  ps_session_set_view_epoch (f->session, 10);
  ps_session_rebuild (f->session);
  g_assert_cmpint (ps_session_get_view_epoch (f->session), ==, -1);
  g_assert_cmpuint (ps_timeline_get_n (ps_session_get_timeline (f->session)), ==, 1);
}

/* Train from here: epochs after 20 are dropped, the run goes on from the
 * checkpoint's weights, and the first 20 checkpoints stay as they were. */
static void
test_train_from_here (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PsCheckpoint) old10 = NULL;
  g_autoptr(PsCheckpoint) new10 = NULL;
  g_autoptr(PsCheckpoint) old30 = NULL;
  g_autoptr(PsCheckpoint) new30 = NULL;
  PsTimeline *tl;
  PsSnapshot *live;

  ps_session_set_speed (f->session, PS_SESSION_SPEED_MAX);
  train (f, 50);
  tl = ps_session_get_timeline (f->session);
  old10 = ps_timeline_lookup_exact (tl, 10);
  old30 = ps_timeline_lookup_exact (tl, 30);

  /* live: nothing to train from */
  g_assert_false (ps_session_train_from_here (f->session, &error));
  g_assert_error (error, PS_SESSION_ERROR, PS_SESSION_ERROR_NO_DATA);
  g_clear_error (&error);

  ps_session_set_view_epoch (f->session, 20);
  set_epochs (f, 10);
  g_assert_true (ps_session_train_from_here (f->session, &error));
  g_assert_no_error (error);
  g_assert_cmpint (ps_session_get_view_epoch (f->session), ==, -1);
  iterate_while_running (f);

  live = ps_session_get_snapshot (f->session);
  g_assert_cmpuint (live->epoch, ==, 30);
  g_assert_cmpuint (live->n_epochs, ==, 30);
  for (guint i = 0; i < live->n_epochs; i++)
    g_assert_cmpuint (live->history[i].epoch, ==, i + 1);
  g_assert_cmpuint (ps_timeline_get_last_epoch (tl), ==, 30);
  new10 = ps_timeline_lookup_exact (tl, 10);
  g_assert_true (new10 == old10);
  new30 = ps_timeline_lookup_exact (tl, 30);
  g_assert_nonnull (new30);
  g_assert_true (new30 != old30);
}

/* Play walks the recorded epochs forward and ends live. */
static void
test_play (Fixture       *f,
           gconstpointer  data)
{
  ps_session_set_speed (f->session, PS_SESSION_SPEED_MAX);
  train (f, 30);
  ps_session_set_speed (f->session, 300);
  g_array_set_size (f->view_epochs, 0);

  ps_session_play (f->session);
  g_assert_true (ps_session_is_playing (f->session));
  while (ps_session_is_playing (f->session))
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpuint (f->view_epochs->len, >=, 2);
  g_assert_cmpint (g_array_index (f->view_epochs, int, 0), ==, 0);
  for (guint i = 1; i + 1 < f->view_epochs->len; i++)
    g_assert_cmpint (g_array_index (f->view_epochs, int, i), >, g_array_index (f->view_epochs, int, i - 1));
  g_assert_cmpint (g_array_index (f->view_epochs, int, f->view_epochs->len - 1), ==, -1);
  g_assert_cmpint (ps_session_get_view_epoch (f->session), ==, -1);
}

/* A small budget keeps the run's span, thinned. */
static void
test_budget (Fixture       *f,
             gconstpointer  data)
{
  gsize each = ps_session_get_model (f->session)->n_params * sizeof (float);
  PsTimeline *tl;
  g_autofree guint *epochs = NULL;
  guint n;

  g_assert_cmpuint (ps_session_get_timeline_budget (f->session), ==, PS_TIMELINE_DEFAULT_BUDGET);
  ps_session_set_timeline_budget (f->session, each * 8);
  ps_session_set_speed (f->session, PS_SESSION_SPEED_MAX);
  train (f, 100);
  tl = ps_session_get_timeline (f->session);
  epochs = ps_timeline_dup_epochs (tl, &n);
  g_assert_cmpuint (n, <=, 8);
  g_assert_cmpuint (epochs[0], ==, 0);
  g_assert_cmpuint (epochs[n - 1], ==, 100);
  g_assert_cmpuint (ps_timeline_get_bytes (tl), <=, each * 8);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/pace/default-speed", test_default_speed);
  ADD ("/pace/pause-wakes-pace", test_pause_wakes_pace);
  ADD ("/pace/speed-change-live", test_speed_change_live);
  ADD ("/timeline/checkpoints-are-the-run", test_checkpoints_are_the_run);
  ADD ("/timeline/view-epoch", test_view_epoch);
  ADD ("/timeline/train-from-here", test_train_from_here);
  ADD ("/timeline/play", test_play);
  ADD ("/timeline/budget", test_budget);
#undef ADD

  return g_test_run ();
}
