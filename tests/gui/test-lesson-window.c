/* test-lesson-window.c: lesson mode in-process, under Xvfb
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every control name a lesson may hide or lock maps to widgets of the
 * window (a panel's .ui id renamed would silently break lessons); a step
 * hides and locks exactly its controls and the next step or Leave Lesson
 * gives them back, also after a run greyed and ungreyed the training
 * panel; an invalid lesson file is refused naming its field and leaves
 * lesson mode as it was.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <string.h>

#include "ps-application.h"
#include "ps-window.h"
#include "ps-window-lesson.h"
#include "gui-test-util.h"

static PsApplication *app;

static char *
shipped_path (void)
{
  return g_build_filename (PS_SOURCE_DATADIR, "lessons", PS_LESSON_NOTEBOOK, NULL);
}

static void
test_every_control_has_widgets (void)
{
  PsWindow *win = ps_window_new (app);

  for (guint c = 0; c < PS_LESSON_N_CONTROLS; c++)
    {
      g_autoptr(GPtrArray) widgets = ps_window_dup_lesson_control_widgets (win, c);

      g_test_message ("%s: %u widgets", ps_lesson_control_to_name (c), widgets->len);
      g_assert_cmpuint (widgets->len, >, 0);
    }
  gtk_window_destroy (GTK_WINDOW (win));
}

static gboolean
all_visible (PsWindow        *win,
             PsLessonControl  control,
             gboolean         visible)
{
  g_autoptr(GPtrArray) widgets = ps_window_dup_lesson_control_widgets (win, control);

  for (guint i = 0; i < widgets->len; i++)
    if (gtk_widget_get_visible (g_ptr_array_index (widgets, i)) != visible)
      return FALSE;
  return TRUE;
}

static gboolean
all_sensitive (PsWindow        *win,
               PsLessonControl  control,
               gboolean         sensitive)
{
  g_autoptr(GPtrArray) widgets = ps_window_dup_lesson_control_widgets (win, control);

  for (guint i = 0; i < widgets->len; i++)
    if (gtk_widget_get_sensitive (g_ptr_array_index (widgets, i)) != sensitive)
      return FALSE;
  return TRUE;
}

static gboolean
run_done (gpointer data)
{
  PsSnapshot *snap = ps_session_get_snapshot (data);

  return !ps_session_is_running (data) && snap != NULL && snap->n_epochs > 0;
}

static void
test_hide_lock_restore (void)
{
  PsWindow *win = ps_window_new (app);
  PsSession *session = ps_window_get_session (win);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = shipped_path ();

  gtk_window_present (GTK_WINDOW (win));
  iterate_for (200);
  g_assert_true (all_visible (win, PS_LESSON_CONTROL_LOSS, TRUE));
  g_assert_true (all_sensitive (win, PS_LESSON_CONTROL_DATASET, TRUE));

  g_assert_true (ps_window_open_lesson (win, path, &error));
  g_assert_no_error (error);
  g_assert_nonnull (ps_window_get_lesson (win));
  g_assert_cmpuint (ps_window_get_lesson_step (win), ==, 0);
  /* step 1 hides the rows the perceptron does not use, locks the data */
  g_assert_true (all_visible (win, PS_LESSON_CONTROL_LOSS, FALSE));
  g_assert_true (all_visible (win, PS_LESSON_CONTROL_LAYERS, FALSE));
  g_assert_true (all_visible (win, PS_LESSON_CONTROL_NOTEBOOK, FALSE));
  g_assert_true (all_sensitive (win, PS_LESSON_CONTROL_DATASET, FALSE));
  g_assert_true (all_sensitive (win, PS_LESSON_CONTROL_DATA_EDITING, FALSE));
  g_assert_true (all_visible (win, PS_LESSON_CONTROL_DATA_EDITING, TRUE));
  g_assert_true (all_visible (win, PS_LESSON_CONTROL_EPOCHS, TRUE));
  g_assert_true (all_sensitive (win, PS_LESSON_CONTROL_EPOCHS, TRUE));
  g_assert_cmpstr (ps_session_get_network_spec (session), ==, "1:step");

  /* a run greys the training panel and gives it back: the lesson's
   * changes stay */
  ps_session_set_speed (session, PS_SESSION_SPEED_MAX);
  g_assert_true (ps_session_start (session, 0, &error));
  g_assert_true (iterate_until (run_done, session, 20000));
  iterate_for (100);
  g_assert_true (all_sensitive (win, PS_LESSON_CONTROL_EPOCHS, TRUE));
  g_assert_true (all_sensitive (win, PS_LESSON_CONTROL_DATASET, FALSE));
  g_assert_true (all_visible (win, PS_LESSON_CONTROL_LOSS, FALSE));
  gui_test_screenshot (GTK_WIDGET (win), "lesson-step1.png");

  /* an invalid file: refused, naming the field; the lesson goes on */
  {
    g_autofree char *dir = g_dir_make_tmp ("ps-lesson-gui-XXXXXX", NULL);
    g_autofree char *bad = g_build_filename (dir, "bad.json", NULL);
    static const char text[] =
      "{\"format\": \"perceptron-studio-lesson\", \"title\": \"x\", \"steps\": ["
      "{\"text\": \"a\", \"dataset\": {\"source\": \"xor\"}, \"network\": \"1:step\","
      " \"lock\": [\"optimiser\"]}]}";

    g_assert_true (g_file_set_contents (bad, text, -1, NULL));
    g_assert_false (ps_window_open_lesson (win, bad, &error));
    g_assert_error (error, PS_LESSON_ERROR, PS_LESSON_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "steps[0].lock[0]: unknown control “optimiser”"));
    g_clear_error (&error);
    g_unlink (bad);
    g_rmdir (dir);
  }
  g_assert_nonnull (ps_window_get_lesson (win));
  g_assert_true (all_visible (win, PS_LESSON_CONTROL_LOSS, FALSE));

  ps_window_leave_lesson (win);
  g_assert_null (ps_window_get_lesson (win));
  for (guint c = 0; c < PS_LESSON_N_CONTROLS; c++)
    {
      g_test_message ("%s back", ps_lesson_control_to_name (c));
      /* the dataset panel shows a gate no options: those boxes stay hidden */
      if (c != PS_LESSON_CONTROL_DATASET)
        g_assert_true (all_visible (win, c, TRUE));
      g_assert_true (all_sensitive (win, c, TRUE) || c == PS_LESSON_CONTROL_OPTIMIZER ||
                     c == PS_LESSON_CONTROL_BATCH);
    }
  g_assert_true (all_sensitive (win, PS_LESSON_CONTROL_DATASET, TRUE));
  gtk_window_destroy (GTK_WINDOW (win));
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  gtk_test_init (&argc, &argv, NULL);
  app = ps_application_new ();
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));

  g_test_add_func ("/lesson-window/every-control-has-widgets", test_every_control_has_widgets);
  g_test_add_func ("/lesson-window/hide-lock-restore", test_hide_lock_restore);

  ret = g_test_run ();
  g_object_unref (app);
  return ret;
}
