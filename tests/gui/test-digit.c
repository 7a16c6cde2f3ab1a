/* test-digit.c: the Draw a Digit dialog in-process, under Xvfb (issue 11 §6)
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * win.draw-digit (Ctrl+D) opens it; on the gates it says why there is
 * nothing to draw for. After the MNIST preset has loaded and a small
 * network has trained two epochs, strokes dragged on the canvas (through
 * its GtkGestureDrag's signals, as a pointer drag emits them) fill the
 * model's 28 × 28 input and the bars follow every stroke; a step output
 * shows a class and no probability; Clear clears. A screenshot of a drawn
 * 7 with its bars: digit.png.
 */
#include "config.h"

#include <gtk/gtk.h>

#include "ps-application.h"
#include "ps-digit.h"
#include "ps-digit-dialog.h"
#include "ps-window.h"
#include "gui-test-util.h"

static PsApplication *app;

static PsDigitDialog *
find_dialog (void)
{
  /* (transfer none) */
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) w = g_list_model_get_item (toplevels, i);

      if (PS_IS_DIGIT_DIALOG (w) && gtk_widget_get_visible (GTK_WIDGET (w)))
        return PS_DIGIT_DIALOG (w);
    }
  return NULL;
}

static gboolean
dialog_shown (gpointer data)
{
  return find_dialog () != NULL;
}

static GtkGestureDrag *
canvas_drag (PsDigitDialog *dialog)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (ps_digit_dialog_get_canvas (dialog));

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) c = g_list_model_get_item (controllers, i);

      if (GTK_IS_GESTURE_DRAG (c))
        return GTK_GESTURE_DRAG (c);
    }
  g_assert_not_reached ();
}

/* A drag through @n points (x, y pairs, canvas coordinates), in steps of
 * a few pixels as a pointer moves. */
static void
drag_stroke (PsDigitDialog *dialog,
             const double  *pts,
             guint          n)
{
  GtkGestureDrag *drag = canvas_drag (dialog);
  double x0 = pts[0], y0 = pts[1];

  g_signal_emit_by_name (drag, "drag-begin", x0, y0);
  for (guint k = 1; k < n; k++)
    for (int s = 1; s <= 10; s++)
      {
        double x = pts[2 * (k - 1)] + (pts[2 * k] - pts[2 * (k - 1)]) * s / 10.0;
        double y = pts[2 * (k - 1) + 1] + (pts[2 * k + 1] - pts[2 * (k - 1) + 1]) * s / 10.0;

        g_signal_emit_by_name (drag, "drag-update", x - x0, y - y0);
      }
  g_signal_emit_by_name (drag, "drag-end", pts[2 * (n - 1)] - x0, pts[2 * (n - 1) + 1] - y0);
}

static char *description_wanted;

static gboolean
description_has (gpointer data)
{
  g_autofree char *d = ps_digit_dialog_dup_description (data);

  return d != NULL && strstr (d, description_wanted) != NULL;
}

static gboolean
has_prediction (gpointer data)
{
  return ps_digit_dialog_get_predicted (data) >= 0;
}

static gboolean
no_prediction (gpointer data)
{
  return ps_digit_dialog_get_predicted (data) < 0;
}

static gboolean
session_idle (gpointer data)
{
  PsSession *session = data;

  return ps_session_get_train (session) != NULL && !ps_session_is_busy (session) &&
         !ps_session_is_running (session);
}

static gboolean
mnist_loaded (gpointer data)
{
  PsSession *session = data;
  const PsDatasetSource *src = ps_session_get_dataset_source (session);

  return session_idle (session) && src != NULL && g_strcmp0 (src->id, "mnist") == 0
         && ps_session_get_model (session) != NULL && ps_digit_fits_network (ps_session_get_model (session));
}

static GtkWidget *
find_button (GtkWidget  *root,
             const char *label)
{
  if (GTK_IS_BUTTON (root) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (root)), label) == 0)
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_button (c, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Until the bars' description says @text. */
static void
wait_description (PsDigitDialog *dialog,
                  const char    *text)
{
  description_wanted = (char *) text;
  if (!iterate_until (description_has, dialog, 20000))
    {
      g_autofree char *d = ps_digit_dialog_dup_description (dialog);

      g_error ("the description is “%s”, without “%s”", d, text);
    }
}

static void
test_draw (void)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) accels = NULL;
  PsWindow *win = ps_window_new (app);
  PsSession *session = ps_window_get_session (win);
  PsDigitDialog *dialog;
  PsTrainingSettings s;
  /* a 7: the bar, then the stem */
  static const double bar[] = { 60, 55, 215, 50 };
  static const double stem[] = { 215, 50, 170, 130, 125, 235 };
  static const double dot[] = { 140, 140 };
  float before[10];
  const float *p;
  guint n;
  double sum = 0, diff = 0;
  g_autofree char *d = NULL;
  const float *pixels;

  gtk_window_present (GTK_WINDOW (win));
  g_assert_true (iterate_until (session_idle, session, 10000));

  /* the action and its accelerator */
  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "win.draw-digit");
  g_assert_nonnull (accels);
  g_assert_cmpstr (accels[0], ==, "<Control>d");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (win), "win.draw-digit", NULL));
  g_assert_true (iterate_until (dialog_shown, NULL, 5000));
  dialog = find_dialog ();
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==, "Draw a Digit");
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (win));

  /* the first dataset is not images: the dialog says why */
  wait_description (dialog, "The model takes ");
  d = ps_digit_dialog_dup_description (dialog);
  g_assert_true (g_str_has_prefix (d, "The model takes "));
  g_assert_nonnull (strstr (d, "not an image"));
  g_clear_pointer (&d, g_free);
  gui_test_screenshot (GTK_WIDGET (dialog), "digit-not-images.png");
  drag_stroke (dialog, dot, 1);
  iterate_for (100);
  g_assert_cmpint (ps_digit_dialog_get_predicted (dialog), ==, -1);
  ps_digit_dialog_clear (dialog);

  /* MNIST (the shipped subset), a network that learns in two epochs */
  ps_window_apply_preset (win, "mnist-3-2");
  g_assert_true (iterate_until (mnist_loaded, session, 60000));
  g_assert_true (ps_session_set_network_spec (session, "64:relu,10:softmax", &error));
  g_assert_no_error (error);
  ps_session_get_settings (session, &s);
  s.train.epochs = 2;
  ps_optimizer_config_init (&s.train.optimizer, PS_OPTIMIZER_ADAM);
  ps_session_set_settings (session, &s);
  ps_session_set_speed (session, PS_SESSION_SPEED_MAX);
  g_assert_true (ps_session_start (session, 0, &error));
  g_assert_no_error (error);
  g_assert_true (iterate_until (session_idle, session, 60000));
  g_assert_cmpuint (ps_session_get_snapshot (session)->epoch, ==, 2);
  wait_description (dialog, "Nothing drawn yet");
  g_assert_null (ps_digit_dialog_get_probabilities (dialog, &n));

  /* the bar of the 7: bars */
  drag_stroke (dialog, bar, 2);
  g_assert_true (iterate_until (has_prediction, dialog, 5000));
  p = ps_digit_dialog_get_probabilities (dialog, &n);
  g_assert_nonnull (p);
  g_assert_cmpuint (n, ==, 10);
  memcpy (before, p, sizeof before);

  /* its stem: the bars follow */
  drag_stroke (dialog, stem, 3);
  iterate_for (200);
  p = ps_digit_dialog_get_probabilities (dialog, &n);
  g_assert_cmpuint (n, ==, 10);
  for (guint k = 0; k < 10; k++)
    {
      sum += p[k];
      diff += fabs (p[k] - before[k]);
    }
  g_assert_cmpfloat_with_epsilon (sum, 1.0, 1e-4);
  g_assert_cmpfloat (diff, >, 1e-3);
  g_test_message ("a drawn 7 reads as %d (p = %.2f)", ps_digit_dialog_get_predicted (dialog),
                  p[ps_digit_dialog_get_predicted (dialog)]);
  d = ps_digit_dialog_dup_description (dialog);
  g_test_message ("%s", d);
  /* a trained network reads it (seeded: the same every run) */
  g_assert_cmpint (ps_digit_dialog_get_predicted (dialog), ==, 7);
  g_assert_true (g_str_has_prefix (d, "Predicted 7. 0: 0."));
  g_assert_nonnull (strstr (d, ", 7: "));
  g_assert_nonnull (strstr (d, ", 9: "));
  g_clear_pointer (&d, g_free);
  /* the 7 fills the 20-pixel box: the model's input is MNIST-sized */
  pixels = ps_digit_dialog_get_pixels (dialog);
  {
    guint rows = 0;

    for (guint j = 0; j < PS_DIGIT_SIZE; j++)
      for (guint i = 0; i < PS_DIGIT_SIZE; i++)
        if (pixels[j * PS_DIGIT_SIZE + i] > 0)
          {
            rows++;
            break;
          }
    g_assert_cmpuint (rows, ==, PS_DIGIT_BOX);
  }
  gui_test_screenshot (GTK_WIDGET (dialog), "digit.png");

  /* a step output: the class, no probability */
  g_assert_true (ps_session_set_network_spec (session, "16:relu,10:step", &error));
  g_assert_no_error (error);
  wait_description (dialog, "(no probability");
  d = ps_digit_dialog_dup_description (dialog);
  g_assert_true (g_str_has_prefix (d, "Predicted "));
  g_assert_null (ps_digit_dialog_get_probabilities (dialog, &n));
  g_assert_cmpuint (n, ==, 0);
  g_assert_cmpint (ps_digit_dialog_get_predicted (dialog), >=, 0);

  /* Clear (the button) */
  gtk_widget_activate (find_button (GTK_WIDGET (dialog), "_Clear"));
  g_assert_true (iterate_until (no_prediction, dialog, 5000));
  pixels = ps_digit_dialog_get_pixels (dialog);
  for (guint k = 0; k < PS_DIGIT_N_PIXELS; k++)
    g_assert_cmpfloat (pixels[k], ==, 0.0f);
  wait_description (dialog, "Nothing drawn yet");

  /* closing hides it; the action brings the same one back */
  gtk_window_close (GTK_WINDOW (dialog));
  iterate_for (50);
  g_assert_null (find_dialog ());
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (win), "win.draw-digit", NULL));
  g_assert_true (iterate_until (dialog_shown, NULL, 5000));
  g_assert_true (find_dialog () == dialog);

  gtk_window_destroy (GTK_WINDOW (win));
  iterate_for (100);
  g_assert_null (find_dialog ());
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  gtk_test_init (&argc, &argv, NULL);
  app = ps_application_new ();
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));

  g_test_add_func ("/digit/draw", test_draw);

  ret = g_test_run ();
  g_object_unref (app);
  return ret;
}
