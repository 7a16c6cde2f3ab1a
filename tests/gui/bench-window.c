/* bench-window.c: training speed in the window versus the CLI, and how long
 * Pause takes, on Fashion-MNIST (60 000 images) when it is installed.
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A meson benchmark (`meson test --benchmark --suite gui`): it prints figures
 * and asserts nothing about speed. The same run (784-5-5-10 sigmoid, SGD
 * 0.01, batch 32, validation 0.1, seed 6) goes through the window (views
 * live, snapshots at ~30 Hz) and through `perceptron train`, back to back.
 */
#include "config.h"

#include <gtk/gtk.h>
#include <stdlib.h>
#include <time.h>
#include <string.h>
#include <glib/gstdio.h>

#include "ps-application.h"
#include "ps-dataset-panel.h"
#include "ps-network-editor.h"
#include "ps-training-bridge.h"
#include "ps-training-panel.h"
#include "ps-window.h"
#include "gui-test-util.h"
#include "ps-idx.h"

#define EPOCHS 10
#define MAX_ROUNDS 9

static int
compare_double (const void *a,
                const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static gboolean
loaded (gpointer data)
{
  PsWindow *win = data;

  return !ps_session_is_busy (ps_window_get_session (win)) && ps_window_get_train (win) != NULL &&
         ps_dataset_get_n_features (ps_window_get_train (win)) == 784;
}

static void
setup_run (PsWindow *win,
           guint     epochs)
{
  PsNetworkEditor *editor = PS_NETWORK_EDITOR (ps_window_get_network_editor (win));
  PsTrainingPanel *panel = PS_TRAINING_PANEL (ps_window_get_training_panel (win));
  const guint units[] = { 5, 5 };
  const PsActivation acts[] = { PS_ACTIVATION_SIGMOID, PS_ACTIVATION_SIGMOID };
  PsTrainingSettings s;

  ps_training_panel_settings_init (&s);
  s.train.loss = PS_LOSS_CROSS_ENTROPY;
  s.train.reduction = PS_REDUCTION_MEAN;
  ps_optimizer_config_init (&s.train.optimizer, PS_OPTIMIZER_SGD);
  s.train.optimizer.lr = 0.01;
  s.batch_mode = PS_BATCH_MINI;
  s.mini_batch = 32;
  s.train.batch_size = 32;
  s.train.epochs = epochs;
  s.train.val_split = 0.1;
  s.train.seed = 6;
  s.init = PS_INIT_GLOROT;
  s.scaling = PS_SCALING_UNIT;
  ps_training_panel_set_settings (panel, &s);
  ps_network_editor_set_output_activation (editor, PS_ACTIVATION_SOFTMAX);
  ps_network_editor_set_hidden (editor, units, acts, 2);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (win), "win.reset", NULL));
}

/* Epoch times from the CLI's --history CSV (full precision). */
static double
cli_epoch_seconds (const char *cli,
                   double     *per_epoch)
{
  g_autofree char *dir = g_dir_make_tmp ("ps-bench-XXXXXX", NULL);
  g_autofree char *csv = g_build_filename (dir, "history.csv", NULL);
  g_autofree char *text = NULL;
  g_autofree char *epochs_arg = g_strdup_printf ("%d", EPOCHS);
  const char *argv[] = {
    cli, "train", "--data", "fashion-mnist", "--layers", "784,5:sigmoid,5:sigmoid,10:softmax",
    "--loss", "cross-entropy", "--reduction", "mean", "--optimizer", "sgd", "--lr", "0.01",
    "-b", "32", "-e", epochs_arg, "--val-split", "0.1", "--init", "glorot", "--scale", "unit",
    "--seed", "6", "-q", "--history", csv, NULL
  };
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) header = NULL;
  int col = -1;
  double total = 0;
  int status;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, NULL, &status, &error))
    g_error ("cannot run %s: %s", cli, error->message);
  g_assert_true (g_file_get_contents (csv, &text, NULL, NULL));
  lines = g_strsplit (text, "\n", -1);
  header = g_strsplit (lines[0], ",", -1);
  for (int c = 0; header[c] != NULL; c++)
    if (g_str_equal (header[c], "seconds"))
      col = c;
  g_assert_cmpint (col, >=, 0);
  for (int e = 1; e <= EPOCHS; e++)
    {
      g_auto(GStrv) cells = g_strsplit (lines[e], ",", -1);

      per_epoch[e - 1] = g_ascii_strtod (cells[col], NULL);
      total += per_epoch[e - 1];
    }
  g_unlink (csv);
  g_rmdir (dir);
  return total;
}

/* CPU time (s) this thread has used. */
static double
thread_cpu_seconds (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

static double main_cpu_share;

static double
window_epoch_seconds (PsWindow *win,
                      double   *per_epoch,
                      gint64   *wall)
{
  PsSnapshot *snap;
  double total = 0;
  double cpu0;
  gint64 t0;

  setup_run (win, EPOCHS);
  t0 = g_get_monotonic_time ();
  cpu0 = thread_cpu_seconds ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (win), "win.train", NULL));
  /* block in the main loop as the app does (no polling: it would steal the
   * trainer's CPU on a two-core machine) */
  while (ps_window_is_training (win))
    g_main_context_iteration (NULL, TRUE);
  *wall = g_get_monotonic_time () - t0;
  main_cpu_share = (thread_cpu_seconds () - cpu0) / (*wall / 1e6);
  snap = ps_window_get_snapshot (win);
  g_assert_cmpuint (snap->n_epochs, ==, EPOCHS);
  for (guint i = 0; i < EPOCHS; i++)
    {
      per_epoch[i] = snap->history[i].seconds;
      total += per_epoch[i];
    }
  return total;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(PsApplication) app = NULL;
  const char *fashion = NULL;
  const char *cli = g_getenv ("PS_CLI");
  PsWindow *win;
  gint64 t0, wall;
  double n_train;
  double ratios[MAX_ROUNDS];
  guint rounds = g_getenv ("PS_BENCH_ROUNDS") != NULL ? CLAMP (atoi (g_getenv ("PS_BENCH_ROUNDS")), 1, MAX_ROUNDS) : 3;
  gint64 latencies[5];

  gtk_init ();
  fashion = ps_dataset_fashion_mnist_dir ();
  if (fashion == NULL || cli == NULL)
    {
      g_print ("SKIP: Fashion-MNIST or PS_CLI not available\n");
      return 77;
    }

  app = ps_application_new ();
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));
  win = ps_window_new (app);
  gtk_window_present (GTK_WINDOW (win));
  ps_window_set_view (win, "curves");

  ps_dataset_panel_load_idx_folder (PS_DATASET_PANEL (ps_window_get_dataset_panel (win)), fashion, TRUE);
  g_assert_true (iterate_until (loaded, win, 120000));
  n_train = ps_dataset_get_n_samples (ps_window_get_train (win)) * 0.9;

  /* PS_BENCH_HIDDEN=1: the same with the window unmapped (no drawing), to
   * tell the cost of drawing from the cost of the hand-over */
  if (g_getenv ("PS_BENCH_HIDDEN") != NULL)
    gtk_widget_set_visible (GTK_WIDGET (win), FALSE);

  /* the window (views live) and the CLI, alternating */
  for (guint r = 0; r < rounds; r++)
    {
      double win_epochs[EPOCHS], cli_epochs[EPOCHS], win_total, cli_total;
      gint64 wall;

      /* alternate who goes first: the machine's state drifts */
      if (r % 2 == 0)
        {
          win_total = window_epoch_seconds (win, win_epochs, &wall);
          cli_total = cli_epoch_seconds (cli, cli_epochs);
        }
      else
        {
          cli_total = cli_epoch_seconds (cli, cli_epochs);
          win_total = window_epoch_seconds (win, win_epochs, &wall);
        }
      g_print ("round %u (%d epochs of %.0f samples): window %.3f s = %.0f samples/s, "
               "CLI %.3f s = %.0f samples/s: window/CLI = %.1f %%; window wall clock %.3f s, "
               "UI thread busy %.1f %% of it\n",
               r + 1, EPOCHS, n_train, win_total, EPOCHS * n_train / win_total,
               cli_total, EPOCHS * n_train / cli_total, 100.0 * cli_total / win_total, wall / 1e6,
               100.0 * main_cpu_share);
      ratios[r] = cli_total / win_total;
    }
  qsort (ratios, rounds, sizeof (double), compare_double);
  g_print ("median window/CLI speed over %u rounds: %.1f %%\n", rounds, 100.0 * ratios[rounds / 2]);

  /* Pause: how long from the request to the worker stopping */
  for (guint mode = 0; mode < 2; mode++)
    {
      PsTrainingPanel *panel = PS_TRAINING_PANEL (ps_window_get_training_panel (win));

      setup_run (win, 1000);
      if (mode == 1)
        {
          /* full batch: one update per epoch over 54 000 images */
          PsTrainingSettings st;

          ps_training_panel_get_settings (panel, &st);
          st.batch_mode = PS_BATCH_FULL;
          st.train.batch_size = 0;
          ps_training_panel_set_settings (panel, &st);
        }
      g_print ("Pause, %s:\n", mode == 0 ? "batch 32" : "full batch");
      for (guint i = 0; i < G_N_ELEMENTS (latencies); i++)
        {
          PsTrainingBridge *bridge = ps_window_get_bridge (win);
          guint before = ps_training_bridge_get_n_published (bridge);

          g_assert_true (gtk_widget_activate_action (GTK_WIDGET (win), "win.train", NULL));
          while (ps_training_bridge_get_n_published (bridge) < before + 3)
            g_main_context_iteration (NULL, TRUE);
          t0 = g_get_monotonic_time ();
          g_assert_true (gtk_widget_activate_action (GTK_WIDGET (win), "win.pause", NULL));
          while (ps_window_is_training (win))
            g_main_context_iteration (NULL, TRUE);
          wall = g_get_monotonic_time () - t0;
          latencies[i] = ps_training_bridge_get_pause_latency (bridge);
          g_print ("  pause %u: worker stopped %.3f ms after the request; UI idle again after %.3f ms\n",
                   i + 1, latencies[i] / 1000.0, wall / 1000.0);
        }
    }

  gtk_window_destroy (GTK_WINDOW (win));
  return 0;
}
