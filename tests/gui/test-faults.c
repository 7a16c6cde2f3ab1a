/* test-faults.c: the window under faults a student causes: closing or
 * quitting during training and during a dataset load, Reset and a dataset
 * change while a run trains.
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each case ends with the worker (training) or loader thread joined, checked
 * through the bridge's and the session's own accounting. The time a
 * close takes is measured and reported (TAP comments), never asserted: the
 * timeouts below only catch a hang.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <string.h>

#include "ps-application.h"
#include "ps-boundary-view.h"
#include "ps-dataset-panel.h"
#include "ps-datadir.h"
#include "ps-network-editor.h"
#include "ps-training-bridge.h"
#include "ps-training-panel.h"
#include "ps-window.h"
#include "gui-test-util.h"
#include "ps-idx.h"

#define HANG_MS 60000   /* a test fails only if something hangs */

static PsApplication *app;

typedef struct
{
  PsWindow         *win;
  PsDatasetPanel   *data;
  PsSession        *session;
  PsTrainingPanel  *panel;
  PsTrainingBridge *bridge;
} Fixture;

/* The id of the loaded dataset's source (NULL before one is in). */
static const char *
source_id (Fixture *f)
{
  const PsDatasetSource *s = ps_session_get_dataset_source (f->session);

  return s != NULL && ps_session_get_train (f->session) != NULL ? s->id : NULL;
}

static gboolean
not_busy (gpointer data)
{
  Fixture *f = data;

  return !ps_session_is_busy (f->session);
}

static gboolean
has_epoch (gpointer data)
{
  Fixture *f = data;
  PsSnapshot *s = ps_window_get_snapshot (f->win);

  return s != NULL && s->running && s->epoch >= 1;
}

static gboolean
has_progress (gpointer data)
{
  Fixture *f = data;
  GtkWidget *bar = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (f->data), PS_TYPE_DATASET_PANEL,
                                                              "load_progress"));

  return gtk_progress_bar_get_fraction (GTK_PROGRESS_BAR (bar)) > 0;
}

static void
reset_settings (void)
{
  GSettings *settings = ps_application_get_settings (app);
  g_autoptr(GSettingsSchema) schema = NULL;
  g_auto(GStrv) keys = NULL;

  g_object_get (settings, "settings-schema", &schema, NULL);
  keys = g_settings_schema_list_keys (schema);
  for (guint i = 0; keys[i] != NULL; i++)
    g_settings_reset (settings, keys[i]);
}

/* A window of its own; the bridge, the session and the panel are kept
 * alive past the window so that their threads can be checked after it is
 * gone. */
static void
open_window (Fixture *f)
{
  reset_settings ();
  f->win = ps_window_new (app);
  f->data = g_object_ref (PS_DATASET_PANEL (ps_window_get_dataset_panel (f->win)));
  f->session = g_object_ref (ps_window_get_session (f->win));
  f->panel = PS_TRAINING_PANEL (ps_window_get_training_panel (f->win));
  f->bridge = g_object_ref (ps_window_get_bridge (f->win));
  gtk_window_present (GTK_WINDOW (f->win));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->win));
}

static void
release (Fixture *f)
{
  iterate_for (20);
  g_clear_object (&f->data);
  g_clear_object (&f->session);
  g_clear_object (&f->bridge);
}

static const char *
mnist_dir (void)
{
  return ps_data_find_dataset_dir ("mnist");   /* shipped in data/datasets/mnist */
}

/* The biggest IDX data here: Fashion-MNIST (60 000) if installed, else the
 * shipped MNIST (10 000). */
static const char *
big_idx_dir (gboolean *fashion)
{
  const char *dir = ps_dataset_fashion_mnist_dir ();

  *fashion = dir != NULL;
  return dir != NULL ? dir : mnist_dir ();
}

/* IDX data loaded (dir) and a long run training; batch is the batch size
 * (0: full). */
static gboolean
start_idx_run (Fixture    *f,
               const char *dir,
               guint       hidden,
               guint       batch)
{
  const guint units[] = { hidden };
  const PsActivation acts[] = { PS_ACTIVATION_SIGMOID };
  PsTrainingSettings s;

  if (dir == NULL)
    return FALSE;
  ps_window_load_idx_folder (f->win, dir);
  g_assert_true (iterate_until (not_busy, f, HANG_MS));
  g_assert_null (ps_window_get_error (f->win));
  ps_network_editor_set_hidden (PS_NETWORK_EDITOR (ps_window_get_network_editor (f->win)), units, acts, 1);
  ps_training_panel_get_settings (f->panel, &s);
  s.train.epochs = 100000;
  s.batch_mode = batch == 0 ? PS_BATCH_FULL : PS_BATCH_MINI;
  s.mini_batch = MAX (batch, 1);
  s.train.batch_size = batch;
  ps_training_panel_set_settings (f->panel, &s);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->win), "win.reset", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->win), "win.train", NULL));
  g_assert_true (ps_training_bridge_is_running (f->bridge));
  g_assert_true (iterate_until (has_epoch, f, HANG_MS));
  return TRUE;
}

/* ---- closing and quitting during training -------------------------------------- */

static void
on_unmap (GtkWidget *widget,
          gint64    *when)
{
  if (*when == 0)
    *when = g_get_monotonic_time ();
}

static void
close_during_training (gboolean quit,
                       gboolean big,
                       guint    batch)
{
  Fixture f = { 0 };
  gboolean fashion = FALSE;
  const char *dir = big ? big_idx_dir (&fashion) : mnist_dir ();
  gint64 t0, t1, unmapped_at = 0;

  open_window (&f);
  if (!start_idx_run (&f, dir, 64, batch))
    {
      gtk_window_destroy (GTK_WINDOW (f.win));
      release (&f);
      g_test_skip ("no IDX data");
      return;
    }
  g_assert_true (ps_training_bridge_has_thread (f.bridge));

  g_signal_connect (f.win, "unmap", G_CALLBACK (on_unmap), &unmapped_at);
  t0 = g_get_monotonic_time ();
  if (quit)
    g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  else
    gtk_window_close (GTK_WINDOW (f.win));
  t1 = g_get_monotonic_time ();
  g_assert_cmpint (unmapped_at, >=, t0);
  g_test_message ("window unmapped after %.1f ms", (unmapped_at - t0) / 1000.0);
  /* the close joined the worker before it returned */
  g_assert_false (ps_training_bridge_has_thread (f.bridge));
  g_assert_false (ps_training_bridge_is_running (f.bridge));
  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (app)));
  g_test_message ("%s during %s training (784-64-10, batch %s): %.1f ms",
                  quit ? "quit" : "close", fashion ? "Fashion-MNIST" : "MNIST",
                  batch == 0 ? "full" : "32", (t1 - t0) / 1000.0);
  release (&f);
}

static void
test_close_training_minibatch (void)
{
  close_during_training (FALSE, FALSE, 32);
}

/* The longest step between two checks: a full batch of Fashion-MNIST. */
static void
test_close_training_full_batch (void)
{
  close_during_training (FALSE, TRUE, 0);
}

static void
test_quit_training (void)
{
  close_during_training (TRUE, FALSE, 32);
}

/* ---- closing and quitting during a load --------------------------------------------- */

static void
close_during_load (gboolean quit)
{
  Fixture f = { 0 };
  gboolean fashion;
  const char *dir = big_idx_dir (&fashion);
  PsDataset *before;
  gint64 t0, t1;

  if (dir == NULL)
    {
      g_test_skip ("no IDX data");
      return;
    }
  open_window (&f);
  before = ps_window_get_train (f.win);
  ps_dataset_panel_load_idx_folder (f.data, dir, fashion);
  g_assert_true (ps_session_is_busy (f.session));
  g_assert_cmpuint (ps_session_get_n_loader_threads (f.session), ==, 1);
  /* in the middle of reading */
  g_assert_true (iterate_until (has_progress, &f, HANG_MS));
  g_assert_true (ps_session_is_busy (f.session));
  g_assert_true (ps_window_get_train (f.win) == before);

  t0 = g_get_monotonic_time ();
  if (quit)
    g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  else
    gtk_window_close (GTK_WINDOW (f.win));
  t1 = g_get_monotonic_time ();
  g_assert_cmpuint (ps_session_get_n_loader_threads (f.session), ==, 0);
  g_assert_false (ps_session_is_busy (f.session));
  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (app)));
  g_test_message ("%s during the %s load: %.1f ms", quit ? "quit" : "close",
                  fashion ? "Fashion-MNIST" : "MNIST", (t1 - t0) / 1000.0);
  /* the cancelled task's callback finds nothing to do */
  iterate_for (100);
  release (&f);
}

static void
test_close_load (void)
{
  close_during_load (FALSE);
}

static void
test_quit_load (void)
{
  close_during_load (TRUE);
}

/* Cancel (the button), then close at once: the cancelled thread may still
 * be reading; the close waits for it. */
static void
test_cancel_then_close (void)
{
  Fixture f = { 0 };
  gboolean fashion;
  const char *dir = big_idx_dir (&fashion);

  if (dir == NULL)
    {
      g_test_skip ("no IDX data");
      return;
    }
  open_window (&f);
  ps_dataset_panel_load_idx_folder (f.data, dir, fashion);
  g_assert_true (iterate_until (has_progress, &f, HANG_MS));
  ps_session_cancel_load (f.session);
  g_assert_false (ps_session_is_busy (f.session));
  gtk_window_destroy (GTK_WINDOW (f.win));
  g_assert_cmpuint (ps_session_get_n_loader_threads (f.session), ==, 0);
  release (&f);
}

/* ---- Reset and dataset changes while a run trains ------------------------------------- */

static GtkWidget *
panel_child (gpointer    panel,
             GType       type,
             const char *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (panel), type, name);

  g_assert_true (GTK_IS_WIDGET (child));
  return GTK_WIDGET (child);
}

/* What the window shows agrees with a stopped, fresh model on train. */
static void
assert_stopped_and_consistent (Fixture   *f,
                               PsDataset *train)
{
  PsSnapshot *snap = ps_window_get_snapshot (f->win);
  GtkWidget *boundary = ps_window_get_view (f->win, "boundary");

  g_assert_false (ps_training_bridge_has_thread (f->bridge));
  g_assert_false (ps_window_is_training (f->win));
  g_assert_nonnull (snap);
  g_assert_false (snap->running);
  g_assert_cmpuint (snap->epoch, ==, 0);
  g_assert_true (snap->train == train);
  g_assert_true (ps_window_get_train (f->win) == train);
  /* the controls are back: the data and the layers can change, Train works */
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (f->data)));
  g_assert_true (gtk_widget_get_sensitive (ps_window_get_network_editor (f->win)));
  g_assert_true (gtk_widget_get_sensitive (panel_child (f->panel, PS_TYPE_TRAINING_PANEL, "train_button")));
  g_assert_false (gtk_widget_get_sensitive (panel_child (f->panel, PS_TYPE_TRAINING_PANEL, "pause_button")));
  /* the views follow the new model */
  ps_window_set_view (f->win, "boundary");
  g_assert_true (ps_boundary_view_get_snapshot (PS_BOUNDARY_VIEW (boundary)) == snap);
}

static gboolean
running (gpointer data)
{
  Fixture *f = data;

  return ps_training_bridge_is_running (f->bridge);
}

static void
start_long_moons_run (Fixture *f)
{
  PsTrainingSettings s;

  ps_dataset_panel_select (f->data, "moons");
  ps_training_panel_get_settings (f->panel, &s);
  s.train.epochs = 1000000;
  s.batch_mode = PS_BATCH_ONLINE;
  s.train.batch_size = 1;
  ps_training_panel_set_settings (f->panel, &s);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->win), "win.train", NULL));
  g_assert_true (iterate_until (has_epoch, f, HANG_MS));
  g_assert_true (ps_training_bridge_has_thread (f->bridge));
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (f->data)));
}

static void
test_reset_during_training (void)
{
  Fixture f = { 0 };
  PsDataset *train;

  open_window (&f);
  start_long_moons_run (&f);
  train = ps_window_get_train (f.win);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.win), "win.reset", NULL));
  /* Reset stopped (and joined) the run and started over */
  assert_stopped_and_consistent (&f, train);
  iterate_for (50);
  g_assert_cmpuint (ps_window_get_snapshot (f.win)->epoch, ==, 0);

  /* and training works again */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.win), "win.train", NULL));
  g_assert_true (iterate_until (has_epoch, &f, HANG_MS));
  gtk_window_destroy (GTK_WINDOW (f.win));
  g_assert_false (ps_training_bridge_has_thread (f.bridge));
  release (&f);
}

static void
test_dataset_change_during_training (void)
{
  Fixture f = { 0 };
  g_autofree char *csv = NULL;
  g_autofree char *tmp = g_dir_make_tmp ("ps-test-faults-XXXXXX", NULL);
  PsDataset *train;
  guint epoch;

  open_window (&f);
  start_long_moons_run (&f);
  train = ps_window_get_train (f.win);

  /* opening a file is refused with a message; the run goes on */
  csv = g_build_filename (tmp, "other.csv", NULL);
  g_assert_true (g_file_set_contents (csv, "a,b,label\n0,0,0\n1,1,1\n0,1,1\n", -1, NULL));
  ps_window_open_path (f.win, csv);
  g_assert_nonnull (ps_window_get_error (f.win));
  g_test_message ("open during training: %s", ps_window_get_error (f.win));
  g_assert_false (ps_session_is_busy (f.session));
  g_assert_true (ps_window_get_train (f.win) == train);
  if (mnist_dir () != NULL)
    {
      ps_window_load_idx_folder (f.win, mnist_dir ());
      g_assert_false (ps_session_is_busy (f.session));
    }
  /* so are the presets from the menu (their action is off while training) */
  gtk_widget_activate_action (GTK_WIDGET (f.win), "win.preset", "s", "perceptron-and3");
  g_assert_cmpstr (source_id (&f), ==, "moons");
  epoch = ps_window_get_snapshot (f.win)->epoch;
  g_assert_true (iterate_until (running, &f, HANG_MS));
  iterate_for (50);
  g_assert_true (ps_window_is_training (f.win));
  g_assert_cmpuint (ps_window_get_snapshot (f.win)->epoch, >=, epoch);
  g_assert_true (ps_window_get_train (f.win) == train);

  /* the panel itself switching the data (its dropdown is greyed out while
   * training, but the switch may come from code) stops the run first */
  ps_dataset_panel_select (f.data, "xor");
  g_assert_cmpstr (source_id (&f), ==, "xor");
  assert_stopped_and_consistent (&f, ps_window_get_train (f.win));
  g_assert_true (ps_window_get_train (f.win) != train);
  g_assert_cmpuint (ps_dataset_get_n_samples (ps_window_get_train (f.win)), ==, 4);

  /* a preset while training (called directly) stops the run too */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.win), "win.train", NULL));
  g_assert_true (ps_window_is_training (f.win));
  ps_window_apply_preset (f.win, "perceptron-and3");
  assert_stopped_and_consistent (&f, ps_window_get_train (f.win));
  g_assert_cmpstr (source_id (&f), ==, "and3");

  gtk_window_destroy (GTK_WINDOW (f.win));
  release (&f);
  g_unlink (csv);
  g_rmdir (tmp);
}

/* A load running when Train is pressed: refused with a message. */
static void
test_train_during_load (void)
{
  Fixture f = { 0 };
  gboolean fashion;
  const char *dir = big_idx_dir (&fashion);

  if (dir == NULL)
    {
      g_test_skip ("no IDX data");
      return;
    }
  open_window (&f);
  ps_dataset_panel_load_idx_folder (f.data, dir, fashion);
  g_assert_true (ps_session_is_busy (f.session));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.win), "win.train", NULL));
  g_assert_false (ps_window_is_training (f.win));
  g_assert_false (ps_training_bridge_has_thread (f.bridge));
  g_assert_nonnull (ps_window_get_error (f.win));
  g_test_message ("train during a load: %s", ps_window_get_error (f.win));
  gtk_window_destroy (GTK_WINDOW (f.win));
  g_assert_cmpuint (ps_session_get_n_loader_threads (f.session), ==, 0);
  release (&f);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  gtk_test_init (&argc, &argv, NULL);

  app = ps_application_new ();
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));

  g_test_add_func ("/faults/close-during-training", test_close_training_minibatch);
  g_test_add_func ("/faults/close-during-full-batch-training", test_close_training_full_batch);
  g_test_add_func ("/faults/quit-during-training", test_quit_training);
  g_test_add_func ("/faults/close-during-load", test_close_load);
  g_test_add_func ("/faults/quit-during-load", test_quit_load);
  g_test_add_func ("/faults/cancel-then-close", test_cancel_then_close);
  g_test_add_func ("/faults/reset-during-training", test_reset_during_training);
  g_test_add_func ("/faults/dataset-change-during-training", test_dataset_change_during_training);
  g_test_add_func ("/faults/train-during-load", test_train_during_load);

  ret = g_test_run ();
  g_object_unref (app);
  return ret;
}
