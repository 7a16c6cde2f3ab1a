/* test-export-model.c: File → Export Model As… (issue 12 §1)
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window's export writes what `perceptron export` writes for the model
 * Save Model saves (PyTorch: the very same text), Keras' compile() carries
 * the session's optimizer and learning rate, ONNX reads back to the same
 * weights, and a failure shows in the banner naming the file.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <string.h>

#include "ps-application.h"
#include "ps-export.h"
#include "ps-model-file.h"
#include "ps-names.h"
#include "ps-window.h"
#include "gui-test-util.h"

static PsApplication *app;
static char *tmpdir;

typedef struct
{
  PsWindow         *win;
  PsTrainingBridge *bridge;
} Fixture;

static gboolean
not_running (gpointer data)
{
  Fixture *f = data;

  return !ps_training_bridge_is_running (f->bridge);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  unused)
{
  f->win = ps_window_new (app);
  f->bridge = ps_window_get_bridge (f->win);
  gtk_window_present (GTK_WINDOW (f->win));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->win));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  unused)
{
  gtk_window_destroy (GTK_WINDOW (f->win));
  iterate_for (10);
}

static char *
read_text (const char *path)
{
  char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  return text;
}

/* One epoch of the startup XOR net, then every format. */
static void
test_export_formats (Fixture       *f,
                     gconstpointer  unused)
{
  g_autofree char *json = g_build_filename (tmpdir, "model.json", NULL);
  g_autofree char *py = g_build_filename (tmpdir, "model_torch.py", NULL);
  g_autofree char *keras = g_build_filename (tmpdir, "model_keras.py", NULL);
  g_autofree char *onnx = g_build_filename (tmpdir, "model.onnx", NULL);
  g_autofree char *py_text = NULL;
  g_autofree char *want = NULL;
  g_autofree char *keras_text = NULL;
  g_autoptr(GError) error = NULL;
  PsTrainingSettings settings;
  PsNetwork *saved, *back;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->win), "win.step", NULL));
  g_assert_true (iterate_until (not_running, f, 10000));

  g_assert_true (ps_window_save_model (f->win, json));
  saved = ps_model_load (json, &error);
  g_assert_no_error (error);

  /* PyTorch: what the CLI writes for the saved model, byte for byte */
  g_assert_true (ps_window_export_model (f->win, PS_EXPORT_PYTORCH, py));
  g_assert_null (ps_window_get_error (f->win));
  py_text = read_text (py);
  want = ps_export_pytorch_source (saved, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (py_text, ==, want);
  g_assert_nonnull (strstr (py_text, "nn.Linear(2, 3),\n    nn.Sigmoid(),"));

  /* Keras: the session's optimizer and learning rate (the notebook's SGD, 0.5) */
  ps_session_get_settings (ps_window_get_session (f->win), &settings);
  g_assert_cmpint (settings.train.optimizer.kind, ==, PS_OPTIMIZER_SGD);
  g_assert_true (ps_window_export_model (f->win, PS_EXPORT_KERAS, keras));
  keras_text = read_text (keras);
  g_assert_nonnull (strstr (keras_text, "optimizer=tf.keras.optimizers.SGD(learning_rate=0.5)"));
  g_assert_nonnull (strstr (keras_text, "tf.keras.models.Sequential(["));
  g_assert_nonnull (strstr (keras_text, "tf.keras.layers.Input(shape=(2,))"));
  g_assert_null (strstr (keras_text, "stores no optimizer"));

  /* ONNX: reads back to the saved weights, bit for bit */
  g_assert_true (ps_window_export_model (f->win, PS_EXPORT_ONNX, onnx));
  back = ps_model_load (onnx, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (back->n_params, ==, saved->n_params);
  g_assert_cmpmem (back->params, sizeof (float) * back->n_params,
                   saved->params, sizeof (float) * saved->n_params);
  ps_network_free (back);
  ps_network_free (saved);
}

/* A folder that does not exist: FALSE, the banner names the file, and the
 * next export that works clears it. */
static void
test_export_error (Fixture       *f,
                   gconstpointer  unused)
{
  g_autofree char *ok = g_build_filename (tmpdir, "fine.py", NULL);
  const char *message;

  g_assert_false (ps_window_export_model (f->win, PS_EXPORT_KERAS, "/nonexistent-dir/lost.py"));
  message = ps_window_get_error (f->win);
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, "lost.py"));
  g_assert_false (g_file_test ("/nonexistent-dir/lost.py", G_FILE_TEST_EXISTS));

  g_assert_true (ps_window_export_model (f->win, PS_EXPORT_PYTORCH, ok));
  g_assert_null (ps_window_get_error (f->win));
}

static GtkWidget *
find_chooser_dialog (void)
{
  GListModel *tops = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (tops); i++)
    {
      g_autoptr(GtkWidget) w = g_list_model_get_item (tops, i);

      if (GTK_IS_FILE_CHOOSER_DIALOG (w) && gtk_widget_get_visible (w))
        return w;
    }
  return NULL;
}

/* The chooser's Format dropdown: the one whose first item is PyTorch's label. */
static GtkDropDown *
find_format_dropdown (GtkWidget *w)
{
  if (GTK_IS_DROP_DOWN (w))
    {
      GListModel *model = gtk_drop_down_get_model (GTK_DROP_DOWN (w));

      if (GTK_IS_STRING_LIST (model) && g_list_model_get_n_items (model) == 3
          && g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (model), 0), "PyTorch (Python)") == 0)
        return GTK_DROP_DOWN (w);
    }
  for (GtkWidget *c = gtk_widget_get_first_child (w); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkDropDown *found = find_format_dropdown (c);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
chooser_shown (gpointer data)
{
  return find_chooser_dialog () != NULL;
}

static gboolean
file_exists (gpointer data)
{
  return g_file_test (data, G_FILE_TEST_EXISTS);
}

/* The menu's chooser: Keras picked in its Format choice, a name without an
 * extension gets .py, and the file is the Keras export. */
static void
test_export_chooser (Fixture       *f,
                     gconstpointer  unused)
{
  g_autofree char *want = g_build_filename (tmpdir, "from-chooser.py", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GFile) folder = g_file_new_for_path (tmpdir);
  GtkWidget *dialog;
  GtkDropDown *format;

  if (gui_test_skip_file_chooser_under_asan ())
    return;

  /* where the chooser starts: the folder last chosen from (the app's setting) */
  g_settings_set_string (ps_application_get_settings (app), "last-file-folder", tmpdir);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->win), "win.export-model", NULL));
  g_assert_true (iterate_until (chooser_shown, NULL, 5000));
  dialog = find_chooser_dialog ();
  g_assert_cmpstr (gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (dialog), "format"), ==, "pytorch");
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), "from-chooser");
  /* pick Keras in the Format dropdown, as a click does */
  format = find_format_dropdown (dialog);
  g_assert_nonnull (format);
  gtk_drop_down_set_selected (format, ps_enum_index_of (PS_ENUM_EXPORT_FORMAT, PS_EXPORT_KERAS));
  iterate_for (100);
  g_assert_cmpstr (gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (dialog), "format"), ==, "keras");
  gui_test_screenshot (dialog, "export-model-chooser.png");
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT);
  g_assert_true (iterate_until (file_exists, want, 5000));
  g_assert_null (ps_window_get_error (f->win));
  text = read_text (want);
  g_assert_nonnull (strstr (text, "tf.keras.models.Sequential(["));
}

/* The menu's action exists and is enabled. */
static void
test_export_action (Fixture       *f,
                    gconstpointer  unused)
{
  gboolean found = FALSE;
  GType owner;
  const GVariantType *ptype;
  const char *name, *pname;

  for (guint i = 0; gtk_widget_class_query_action (GTK_WIDGET_GET_CLASS (f->win), i, &owner,
                                                   &name, &ptype, &pname); i++)
    if (g_str_equal (name, "win.export-model"))
      found = TRUE;
  g_assert_true (found);
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (f->win)));
}

int
main (int    argc,
      char **argv)
{
  int rc;

  gtk_test_init (&argc, &argv, NULL);
  tmpdir = g_dir_make_tmp ("ps-export-model-XXXXXX", NULL);
  g_assert_nonnull (tmpdir);

  app = ps_application_new ();
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));

  g_test_add ("/export-model/formats", Fixture, NULL, fixture_setup, test_export_formats, fixture_teardown);
  g_test_add ("/export-model/error", Fixture, NULL, fixture_setup, test_export_error, fixture_teardown);
  g_test_add ("/export-model/chooser", Fixture, NULL, fixture_setup, test_export_chooser, fixture_teardown);
  g_test_add ("/export-model/action", Fixture, NULL, fixture_setup, test_export_action, fixture_teardown);

  rc = g_test_run ();
  g_object_unref (app);
  {
    g_autoptr(GDir) dir = g_dir_open (tmpdir, 0, NULL);
    const char *name;

    while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *p = g_build_filename (tmpdir, name, NULL);
        g_unlink (p);
      }
    g_rmdir (tmpdir);
  }
  g_free (tmpdir);
  return rc;
}
