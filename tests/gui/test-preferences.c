/* test-preferences.c: the Preferences dialog in-process, under Xvfb
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The "Timeline memory" spin sets the GSettings key, and every window's
 * session follows it in bytes; app.preferences (Ctrl+comma) opens the
 * dialog. The save dialog's check box ("Include the timeline") reads back.
 * An experiment saved from a window reopens in another with its run: the
 * epoch count and the curves' history, not an untrained model.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "ps-application.h"
#include "ps-file-chooser.h"
#include "ps-preferences-dialog.h"
#include "ps-window.h"
#include "gui-test-util.h"

static PsApplication *app;

static PsPreferencesDialog *
find_dialog (void)
{
  /* (transfer none) */
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) w = g_list_model_get_item (toplevels, i);

      if (PS_IS_PREFERENCES_DIALOG (w))
        return PS_PREFERENCES_DIALOG (w);
    }
  return NULL;
}

static gboolean
dialog_shown (gpointer data)
{
  return find_dialog () != NULL;
}

static void
test_timeline_memory (void)
{
  GSettings *settings = ps_application_get_settings (app);
  PsWindow *win;
  PsWindow *second;
  PsSession *session;
  PsPreferencesDialog *dialog;
  GtkSpinButton *spin;
  g_auto(GStrv) accels = NULL;

  g_assert_nonnull (settings);
  g_settings_reset (settings, "timeline-budget-mb");
  win = ps_window_new (app);
  gtk_window_present (GTK_WINDOW (win));
  session = ps_window_get_session (win);
  /* the default: 64 MB */
  g_assert_cmpuint (g_settings_get_uint (settings, "timeline-budget-mb"), ==, 64);
  g_assert_cmpuint (ps_session_get_timeline_budget (session), ==, (guint64) 64 << 20);

  /* the menu's action and its accelerator open the dialog */
  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "app.preferences");
  g_assert_nonnull (accels);
  g_assert_cmpstr (accels[0], ==, "<Control>comma");
  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  g_assert_true (iterate_until (dialog_shown, NULL, 5000));
  dialog = find_dialog ();
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==, "Preferences");
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (win));
  spin = ps_preferences_dialog_get_timeline_memory (dialog);
  g_assert_cmpfloat (gtk_spin_button_get_value (spin), ==, 64);
  g_assert_cmpfloat (gtk_adjustment_get_lower (gtk_spin_button_get_adjustment (spin)), ==, 1);
  g_assert_cmpfloat (gtk_adjustment_get_upper (gtk_spin_button_get_adjustment (spin)), ==, 16384);

  /* the spin: the key, the session, the run's timeline */
  gtk_spin_button_set_value (spin, 10);
  iterate_for (50);
  g_assert_cmpuint (g_settings_get_uint (settings, "timeline-budget-mb"), ==, 10);
  g_assert_cmpuint (ps_session_get_timeline_budget (session), ==, (guint64) 10 << 20);
  g_assert_cmpuint (ps_timeline_get_budget (ps_session_get_timeline (session)), ==, (gsize) 10 << 20);

  /* a window opened later starts with it; both follow the next change */
  second = ps_window_new (app);
  g_assert_cmpuint (ps_session_get_timeline_budget (ps_window_get_session (second)), ==, (guint64) 10 << 20);
  gtk_spin_button_set_value (spin, 16384);
  iterate_for (50);
  g_assert_cmpuint (ps_session_get_timeline_budget (session), ==, (guint64) 16384 << 20);
  g_assert_cmpuint (ps_session_get_timeline_budget (ps_window_get_session (second)), ==, (guint64) 16384 << 20);

  gui_test_screenshot (GTK_WIDGET (dialog), "preferences.png");

  /* Escape closes it */
  gtk_widget_activate_action (GTK_WIDGET (dialog), "window.close", NULL);
  iterate_for (50);
  g_assert_null (find_dialog ());

  g_settings_reset (settings, "timeline-budget-mb");
  iterate_for (50);
  g_assert_cmpuint (ps_session_get_timeline_budget (session), ==, (guint64) 64 << 20);
  gtk_window_destroy (GTK_WINDOW (second));
  gtk_window_destroy (GTK_WINDOW (win));
  iterate_for (50);
}

static void
test_save_toggle (void)
{
  PsWindow *win;
  GtkFileChooserNative *chooser;

  if (gui_test_skip_file_chooser_under_asan ())
    return;
  win = ps_window_new (app);
  chooser = ps_file_chooser_new (GTK_WIDGET (win), GTK_FILE_CHOOSER_ACTION_SAVE,
                                                       "Save Experiment", "_Save");

  ps_file_chooser_add_toggle (chooser, "timeline", "Include the timeline (all recorded epochs)", FALSE);
  g_assert_false (ps_file_chooser_get_toggle (chooser, "timeline"));
  gtk_file_chooser_set_choice (GTK_FILE_CHOOSER (chooser), "timeline", "true");
  g_assert_true (ps_file_chooser_get_toggle (chooser, "timeline"));
  g_object_unref (chooser);
  gtk_window_destroy (GTK_WINDOW (win));
  iterate_for (50);
}

static gboolean
session_idle (gpointer data)
{
  PsSession *session = data;

  return ps_session_get_train (session) != NULL && !ps_session_is_busy (session) &&
         !ps_session_is_running (session);
}

static gboolean
window_has_epochs (gpointer data)
{
  PsSnapshot *snap = ps_window_get_snapshot (data);

  return snap != NULL && snap->n_epochs == 20;
}

static void
test_reopen_run (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("ps-test-prefs-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "run.psx.json", NULL);
  PsWindow *win = ps_window_new (app);
  PsWindow *other;
  PsSession *session = ps_window_get_session (win);
  PsTrainingSettings s;

  gtk_window_present (GTK_WINDOW (win));
  g_assert_true (iterate_until (session_idle, session, 10000));
  ps_session_get_settings (session, &s);
  s.train.epochs = 20;
  ps_session_set_settings (session, &s);
  ps_session_set_speed (session, PS_SESSION_SPEED_MAX);
  g_assert_true (ps_session_start (session, 0, &error));
  g_assert_no_error (error);
  g_assert_true (iterate_until (window_has_epochs, win, 10000));
  g_assert_true (iterate_until (session_idle, session, 10000));
  g_assert_true (ps_window_save_experiment (win, path));

  other = ps_window_new (app);
  gtk_window_present (GTK_WINDOW (other));
  g_assert_true (iterate_until (session_idle, ps_window_get_session (other), 10000));
  ps_window_open_path (other, path);
  g_assert_true (iterate_until (window_has_epochs, other, 10000));
  g_assert_null (ps_window_get_error (other));
  g_assert_cmpuint (ps_window_get_snapshot (other)->epoch, ==, 20);
  g_assert_cmpmem (ps_window_get_snapshot (other)->network->params,
                   ps_window_get_snapshot (other)->network->n_params * sizeof (float),
                   ps_session_get_model (session)->params,
                   ps_session_get_model (session)->n_params * sizeof (float));

  gtk_window_destroy (GTK_WINDOW (other));
  gtk_window_destroy (GTK_WINDOW (win));
  iterate_for (50);
  g_unlink (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  gtk_test_init (&argc, &argv, NULL);
  app = ps_application_new ();
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));

  g_test_add_func ("/preferences/timeline-memory", test_timeline_memory);
  g_test_add_func ("/preferences/save-toggle", test_save_toggle);
  g_test_add_func ("/preferences/reopen-run", test_reopen_run);

  ret = g_test_run ();
  g_object_unref (app);
  return ret;
}
