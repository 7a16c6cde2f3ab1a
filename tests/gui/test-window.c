/* test-window.c: the main window in-process, driven through its actions and
 * panels, under Xvfb.
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Screenshots of the window (rendered by its own GskRenderer) go to
 * $GUI_TEST_OUTDIR/window-*.png.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <gtk/gtk.h>
#ifdef GDK_WINDOWING_X11
# include <gdk/x11/gdkx.h>
#endif
#include <math.h>
#include <string.h>
#include <sys/stat.h>

#include "ps-application.h"
#include "ps-datadir.h"
#include "ps-boundary-view.h"
#include "ps-dataset-panel.h"
#include "ps-experiment.h"
#include "ps-export-dialog.h"
#include "ps-model-file.h"
#include "ps-network-editor.h"
#include "ps-presets.h"
#include "ps-samples-view.h"
#include "ps-training-bridge.h"
#include "ps-training-panel.h"
#include "ps-window.h"
#include "gui-test-util.h"
#include "ps-idx.h"

static PsApplication *app;
static char *tmpdir;

typedef struct
{
  PsWindow         *win;
  PsDatasetPanel   *data;
  PsSession        *session;
  PsNetworkEditor  *editor;
  PsTrainingPanel  *panel;
  PsTrainingBridge *bridge;
  guint             n_finished;
  PsTrainStatus     last_status;
} Fixture;

/* ---- helpers ------------------------------------------------------------------ */

/* The id of the loaded dataset's source (NULL before one is in). */
static const char *
source_id (Fixture *f)
{
  const PsDatasetSource *s = ps_session_get_dataset_source (f->session);

  return s != NULL && ps_session_get_train (f->session) != NULL ? s->id : NULL;
}

static char *
out_path (const char *name)
{
  const char *dir = g_getenv ("GUI_TEST_OUTDIR");

  if (dir == NULL)
    dir = g_get_tmp_dir ();
  g_mkdir_with_parents (dir, 0755);
  return g_build_filename (dir, name, NULL);
}

static GdkTexture *
render_widget (GtkWidget *w)
{
  int wd = gtk_widget_get_width (w), ht = gtk_widget_get_height (w);
  GdkPaintable *p = gtk_widget_paintable_new (w);
  GtkSnapshot *s = gtk_snapshot_new ();
  GskRenderNode *node;
  GskRenderer *r;
  GdkTexture *t;

  gdk_paintable_snapshot (p, s, wd, ht);
  node = gtk_snapshot_free_to_node (s);
  g_assert_nonnull (node);
  r = gtk_native_get_renderer (gtk_widget_get_native (w));
  t = gsk_renderer_render_texture (r, node, &GRAPHENE_RECT_INIT (0, 0, wd, ht));
  gsk_render_node_unref (node);
  g_object_unref (p);
  return t;
}

/* The widget's pixels as 0xAARRGGBB (premultiplied; opaque here). */
static guint32 *
widget_pixels (GtkWidget *w,
               int       *width,
               int       *height)
{
  GdkTexture *t;
  guint32 *px;

  gtk_widget_queue_draw (w);
  gtk_test_widget_wait_for_draw (w);
  t = render_widget (w);
  *width = gdk_texture_get_width (t);
  *height = gdk_texture_get_height (t);
  px = g_new (guint32, (gsize) *width * *height);
  gdk_texture_download (t, (guchar *) px, (gsize) *width * 4);
  g_object_unref (t);
  return px;
}

/* Pixels within tol (per channel) of rgb. */
static guint
count_near (const guint32 *px,
            gsize          n,
            guint32        rgb,
            int            tol)
{
  guint count = 0;

  for (gsize i = 0; i < n; i++)
    {
      int dr = (int) (px[i] >> 16 & 0xff) - (int) (rgb >> 16 & 0xff);
      int dg = (int) (px[i] >> 8 & 0xff) - (int) (rgb >> 8 & 0xff);
      int db = (int) (px[i] & 0xff) - (int) (rgb & 0xff);

      if (ABS (dr) <= tol && ABS (dg) <= tol && ABS (db) <= tol)
        count++;
    }
  return count;
}

static void
screenshot (Fixture    *f,
            const char *name)
{
  g_autofree char *path = out_path (name);
  GdkTexture *t;

  gtk_widget_queue_draw (GTK_WIDGET (f->win));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->win));
  t = render_widget (GTK_WIDGET (f->win));
  g_assert_true (gdk_texture_save_to_png (t, path));
  g_test_message ("screenshot %s", path);
  g_object_unref (t);
}

static void
on_finished (PsTrainingBridge *bridge,
             int               status,
             const char       *message,
             Fixture          *f)
{
  f->n_finished++;
  f->last_status = status;
}

static gboolean
dataset_ready (gpointer data)
{
  Fixture *f = data;

  return !ps_session_is_busy (f->session) && ps_session_get_train (f->session) != NULL;
}

static gboolean
not_busy (gpointer data)
{
  Fixture *f = data;

  return !ps_session_is_busy (f->session);
}

static gboolean
not_running (gpointer data)
{
  Fixture *f = data;

  return !ps_training_bridge_is_running (f->bridge);
}

static gboolean
has_epoch (gpointer data)
{
  Fixture *f = data;
  PsSnapshot *s = ps_window_get_snapshot (f->win);

  return s != NULL && s->epoch >= 1;
}

/* Each test starts from the schema's defaults (settings persist in-process). */
static void
reset_settings (void)
{
  GSettings *settings = ps_application_get_settings (app);
  g_autoptr(GSettingsSchema) schema = NULL;
  g_auto(GStrv) keys = NULL;

  g_assert_nonnull (settings);
  g_object_get (settings, "settings-schema", &schema, NULL);
  keys = g_settings_schema_list_keys (schema);
  for (guint i = 0; keys[i] != NULL; i++)
    g_settings_reset (settings, keys[i]);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  unused)
{
  reset_settings ();
  f->win = ps_window_new (app);
  f->data = PS_DATASET_PANEL (ps_window_get_dataset_panel (f->win));
  f->session = ps_window_get_session (f->win);
  f->editor = PS_NETWORK_EDITOR (ps_window_get_network_editor (f->win));
  f->panel = PS_TRAINING_PANEL (ps_window_get_training_panel (f->win));
  f->bridge = ps_window_get_bridge (f->win);
  g_signal_connect (f->bridge, "finished", G_CALLBACK (on_finished), f);
  gtk_window_present (GTK_WINDOW (f->win));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->win));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  unused)
{
  g_signal_handlers_disconnect_by_data (f->bridge, f);
  gtk_window_destroy (GTK_WINDOW (f->win));
  iterate_for (10);
}

static void
activate (Fixture    *f,
          const char *action)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->win), action, NULL));
}

static char *
write_file (const char *name,
            const char *contents)
{
  char *path = g_build_filename (tmpdir, name, NULL);

  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
  return path;
}

/* ---- tests ---------------------------------------------------------------------------- */

/* The app opens ready on XOR with a [2, 3, 1] sigmoid MLP. */
static void
test_startup (Fixture       *f,
              gconstpointer  unused)
{
  PsDataset *train = ps_window_get_train (f->win);
  PsSnapshot *snap = ps_window_get_snapshot (f->win);
  g_autofree char *spec = ps_network_editor_dup_spec (f->editor);

  g_assert_nonnull (train);
  g_assert_cmpstr (source_id (f), ==, "xor");
  g_assert_cmpuint (ps_dataset_get_n_samples (train), ==, 4);
  g_assert_cmpstr (spec, ==, "2,3:sigmoid,1:sigmoid");
  g_assert_nonnull (snap);
  g_assert_cmpuint (snap->epoch, ==, 0);
  g_assert_cmpuint (snap->network->n_layers, ==, 2);
  g_assert_cmpint (snap->network->layers[0].activation, ==, PS_ACTIVATION_SIGMOID);
  g_assert_cmpint (snap->network->layers[1].activation, ==, PS_ACTIVATION_SIGMOID);
  g_assert_cmpuint (snap->network->layers[0].units, ==, 3);
  g_assert_cmpuint (snap->network->n_params, ==, 2 * 3 + 3 + 3 * 1 + 1);
  g_assert_null (ps_window_get_error (f->win));
  g_assert_cmpstr (ps_training_panel_get_epoch_text (f->panel), ==, "Epoch 0 / 1000");
  screenshot (f, "window-startup.png");
  ps_window_set_sidebar_page (f->win, "network");
  screenshot (f, "window-startup-network.png");
  ps_window_set_sidebar_page (f->win, "training");
  screenshot (f, "window-startup-training.png");
}

/* Train on XOR to the end: the epoch counter reaches the target and the
 * accuracy 1 (seeded, the notebook's settings). */
static void
test_train_xor (Fixture       *f,
                gconstpointer  unused)
{
  PsSnapshot *snap;
  const PsEpochMetrics *last;

  activate (f, "win.train");
  g_assert_true (ps_window_is_training (f->win));
  g_assert_true (iterate_until (not_running, f, 20000));
  g_assert_cmpuint (f->n_finished, ==, 1);
  g_assert_cmpint (f->last_status, ==, PS_TRAIN_FINISHED);

  snap = ps_window_get_snapshot (f->win);
  g_assert_cmpuint (snap->epoch, ==, 1000);
  g_assert_cmpuint (snap->n_epochs, ==, 1000);
  g_assert_false (snap->running);
  last = &snap->history[snap->n_epochs - 1];
  g_assert_cmpfloat (last->accuracy, ==, 1.0);
  g_assert_cmpfloat (last->loss, <, snap->history[0].loss);
  g_assert_cmpstr (ps_training_panel_get_epoch_text (f->panel), ==, "Epoch 1000 / 1000");
  /* coalesced: far fewer deliveries than epochs */
  g_assert_cmpuint (ps_training_bridge_get_n_published (f->bridge), <=, snap->n_epochs);
  g_assert_cmpuint (ps_training_bridge_get_n_published (f->bridge), >=, 1);
  g_test_message ("snapshots delivered for 1000 epochs: %u",
                  ps_training_bridge_get_n_published (f->bridge));

  /* Train again: another 1000 epochs continue from these weights. */
  activate (f, "win.train");
  g_assert_true (iterate_until (not_running, f, 20000));
  snap = ps_window_get_snapshot (f->win);
  g_assert_cmpuint (snap->epoch, ==, 2000);
  for (guint i = 0; i < snap->n_epochs; i++)
    g_assert_cmpuint (snap->history[i].epoch, ==, i + 1);

  /* Step: exactly one more. */
  activate (f, "win.step");
  g_assert_true (iterate_until (not_running, f, 20000));
  g_assert_cmpuint (ps_window_get_snapshot (f->win)->epoch, ==, 2001);

  /* Reset: fresh weights, empty history. */
  activate (f, "win.reset");
  g_assert_cmpuint (ps_window_get_snapshot (f->win)->epoch, ==, 0);
  screenshot (f, "window-after-reset.png");
}

/* The perceptron preset on 3-input AND learns it; on XOR it cannot. */
static void
test_presets (Fixture       *f,
              gconstpointer  unused)
{
  PsTrainingSettings s;
  PsSnapshot *snap;
  g_autofree char *spec = NULL;

  ps_window_apply_preset (f->win, "perceptron-and3");
  g_assert_cmpstr (source_id (f), ==, "and3");
  spec = ps_network_editor_dup_spec (f->editor);
  g_assert_cmpstr (spec, ==, "3,1:step");
  ps_training_panel_get_settings (f->panel, &s);
  g_assert_cmpint (s.train.optimizer.kind, ==, PS_OPTIMIZER_DELTA);
  g_assert_cmpfloat (s.train.optimizer.lr, ==, 0.1);
  g_assert_cmpuint (s.train.epochs, ==, 100);
  activate (f, "win.train");
  g_assert_true (iterate_until (not_running, f, 20000));
  snap = ps_window_get_snapshot (f->win);
  g_assert_cmpuint (snap->epoch, ==, 100);
  g_assert_cmpfloat (snap->history[snap->n_epochs - 1].accuracy, ==, 1.0);
  screenshot (f, "window-perceptron-and3.png");

  ps_window_apply_preset (f->win, "perceptron-xor");
  activate (f, "win.train");
  g_assert_true (iterate_until (not_running, f, 20000));
  snap = ps_window_get_snapshot (f->win);
  g_assert_cmpfloat (snap->history[snap->n_epochs - 1].accuracy, <, 1.0);

  /* MNIST with no folder chosen: the shipped subset (data/datasets/mnist)
   * loads by itself, no folder chooser */
  if (g_getenv ("PS_MNIST_DIR") == NULL)
    {
      ps_window_apply_preset (f->win, "mnist-3-2");
      g_assert_true (iterate_until (not_busy, f, 30000));
      g_assert_null (ps_window_get_error (f->win));
      g_assert_cmpstr (source_id (f), ==, "mnist");
      g_assert_cmpuint (ps_dataset_get_n_features (ps_window_get_train (f->win)), ==, 784);
      g_assert_cmpuint (ps_dataset_get_n_samples (ps_window_get_train (f->win)), ==, 10000);
      g_assert_cmpuint (ps_window_get_snapshot (f->win)->epoch, ==, 0);
      screenshot (f, "window-mnist-shipped.png");
    }

  g_clear_pointer (&spec, g_free);
  ps_window_apply_preset (f->win, "mlp-or3");
  spec = ps_network_editor_dup_spec (f->editor);
  g_assert_cmpstr (spec, ==, "3,2:sigmoid,1:sigmoid");

  g_clear_pointer (&spec, g_free);
  ps_window_apply_preset (f->win, "mlp-xor-deep");
  spec = ps_network_editor_dup_spec (f->editor);
  g_assert_cmpstr (spec, ==, "2,2:sigmoid,2:sigmoid,1:sigmoid");
  ps_training_panel_get_settings (f->panel, &s);
  g_assert_cmpuint (s.train.epochs, ==, 10000);
  g_assert_null (ps_window_get_error (f->win));
}

/* Editing the layer stack rebuilds the model and its summary. */
static void
test_network_editor (Fixture       *f,
                     gconstpointer  unused)
{
  g_autofree char *spec = NULL;
  guint units;
  PsActivation act;

  ps_network_editor_add_layer (f->editor, 5, PS_ACTIVATION_TANH);
  spec = ps_network_editor_dup_spec (f->editor);
  g_assert_cmpstr (spec, ==, "2,3:sigmoid,5:tanh,1:sigmoid");
  g_assert_cmpuint (ps_window_get_snapshot (f->win)->network->n_layers, ==, 3);

  ps_network_editor_move_layer (f->editor, 1, -1);
  ps_network_editor_get_hidden (f->editor, 0, &units, &act);
  g_assert_cmpuint (units, ==, 5);
  g_assert_cmpint (act, ==, PS_ACTIVATION_TANH);
  g_assert_cmpuint (ps_window_get_snapshot (f->win)->network->layers[0].units, ==, 5);

  ps_network_editor_remove_layer (f->editor, 0);
  g_clear_pointer (&spec, g_free);
  spec = ps_network_editor_dup_spec (f->editor);
  g_assert_cmpstr (spec, ==, "2,3:sigmoid,1:sigmoid");

  /* softmax on two classes: one unit per class, and the loss follows */
  ps_network_editor_set_output_activation (f->editor, PS_ACTIVATION_SOFTMAX);
  {
    PsTrainingSettings s;
    const PsNetwork *net = ps_window_get_snapshot (f->win)->network;

    g_assert_cmpuint (net->layers[net->n_layers - 1].units, ==, 2);
    ps_training_panel_get_settings (f->panel, &s);
    g_assert_cmpint (s.train.loss, ==, PS_LOSS_CROSS_ENTROPY);
    ps_network_editor_set_output_activation (f->editor, PS_ACTIVATION_SIGMOID);
    net = ps_window_get_snapshot (f->win)->network;
    g_assert_cmpuint (net->layers[net->n_layers - 1].units, ==, 1);
    ps_training_panel_get_settings (f->panel, &s);
    g_assert_cmpint (s.train.loss, ==, PS_LOSS_MSE);
  }

  ps_network_editor_set_perceptron (f->editor);
  g_assert_cmpuint (ps_window_get_snapshot (f->win)->network->n_layers, ==, 1);
  g_assert_cmpint (ps_window_get_snapshot (f->win)->network->layers[0].activation, ==, PS_ACTIVATION_STEP);
}

/* A model whose class names are not the dataset's, in order, is refused
 * (the app matches classes by index); one with the same names is adopted,
 * and its recorded input scaling replaces the one fitted on this data. */
static void
test_model_classes_and_scaling (Fixture       *f,
                                gconstpointer  unused)
{
  g_autofree char *pets = write_file ("pets.csv", "x,y,label\n0,0,dog\n10,0,zebra\n0,10,dog\n10,10,zebra\n");
  const char *model_fmt =
    "{\"format\": \"perceptron-studio-model\", \"version\": 1, \"inputs\": 2, \"loss\": \"mse\",\n"
    " \"scaling\": {\"kind\": \"unit\", \"shift\": [0, 0], \"scale\": [0.05, 0.05]},\n"
    " \"layers\": [{\"type\": \"dense\", \"units\": 1, \"activation\": \"sigmoid\",\n"
    "   \"weights\": [[1], [0]], \"bias\": [0]}], \"classes\": [%s]}\n";
  g_autofree char *cat_text = g_strdup_printf (model_fmt, "\"cat\", \"dog\"");
  g_autofree char *zoo_text = g_strdup_printf (model_fmt, "\"dog\", \"zebra\"");
  g_autofree char *cat = write_file ("catdog.json", cat_text);
  g_autofree char *zoo = write_file ("dogzebra.json", zoo_text);
  PsSnapshot *before;
  PsDataset *train;

  ps_window_open_path (f->win, pets);
  g_assert_true (iterate_until (not_busy, f, 10000));
  g_assert_null (ps_window_get_error (f->win));
  before = ps_window_get_snapshot (f->win);

  ps_window_open_path (f->win, cat);
  g_assert_true (iterate_until (not_busy, f, 10000));
  g_assert_nonnull (ps_window_get_error (f->win));
  g_test_message ("error shown: %s", ps_window_get_error (f->win));
  g_assert_nonnull (strstr (ps_window_get_error (f->win), "cat, dog"));
  g_assert_true (ps_window_get_snapshot (f->win) == before);

  ps_window_open_path (f->win, zoo);
  g_assert_true (iterate_until (not_busy, f, 10000));
  train = ps_window_get_train (f->win);
  g_assert_cmpint (ps_dataset_get_scaling (train), ==, PS_SCALING_UNIT);
  g_assert_nonnull (ps_dataset_get_scale_mul (train));
  /* the model's 0.05, not the 0.1 that min-max fits on [0, 10] */
  g_assert_cmpfloat_with_epsilon (ps_dataset_get_scale_mul (train)[0], 0.05f, 1e-7);
}

/* A good CSV loads; a bad one shows an error and changes nothing. */
static void
test_csv_good_and_bad (Fixture       *f,
                       gconstpointer  unused)
{
  g_autofree char *good = write_file ("points.csv",
                                      "x,y,label\n0.1,0.2,a\n0.9,0.8,b\n0.2,0.1,a\n0.8,0.9,b\n0.15,0.3,a\n0.7,0.95,b\n");
  g_autofree char *bad = write_file ("bad.csv", "x,y,label\n0.1,0.2,a\n0.9,oops,b\n0.2\n");
  g_autofree char *cols = write_file ("cols.csv", "a,b,kind\n0,0.5,0\n1,0.7,1\n2,0.1,0\n0,0.4,1\n1,0.9,0\n2,0.3,1\n");
  PsDataset *before;
  PsSnapshot *snap_before;
  PsSnapshot *snap;

  ps_window_open_path (f->win, good);
  g_assert_true (iterate_until (not_busy, f, 10000));
  g_assert_null (ps_window_get_error (f->win));
  g_assert_cmpstr (source_id (f), ==, "csv");
  before = ps_window_get_train (f->win);
  g_assert_cmpuint (ps_dataset_get_n_samples (before), ==, 6);
  g_assert_cmpuint (ps_dataset_get_n_features (before), ==, 2);
  g_assert_cmpuint (ps_dataset_get_n_classes (before), ==, 2);
  snap_before = ps_window_get_snapshot (f->win);
  screenshot (f, "window-csv.png");

  /* the label can be another column: "a" as the label gives 3 classes */
  ps_window_open_path (f->win, cols);
  g_assert_true (iterate_until (not_busy, f, 10000));
  g_assert_cmpuint (ps_dataset_get_n_classes (ps_window_get_train (f->win)), ==, 2);
  ps_dataset_panel_set_label_column (f->data, "a");
  g_assert_true (iterate_until (not_busy, f, 10000));
  g_assert_null (ps_window_get_error (f->win));
  g_assert_cmpuint (ps_dataset_get_n_features (ps_window_get_train (f->win)), ==, 2);
  g_assert_cmpuint (ps_dataset_get_n_classes (ps_window_get_train (f->win)), ==, 3);
  snap = ps_window_get_snapshot (f->win);
  g_assert_cmpuint (snap->network->layers[snap->network->n_layers - 1].units, ==, 3);
  g_assert_cmpint (snap->network->layers[snap->network->n_layers - 1].activation, ==, PS_ACTIVATION_SOFTMAX);
  ps_window_open_path (f->win, good);
  g_assert_true (iterate_until (not_busy, f, 10000));
  before = ps_window_get_train (f->win);
  snap_before = ps_window_get_snapshot (f->win);
  g_assert_cmpuint (ps_dataset_get_n_classes (before), ==, 2);
  g_assert_cmpint (snap_before->network->layers[snap_before->network->n_layers - 1].activation, ==, PS_ACTIVATION_SIGMOID);

  ps_window_open_path (f->win, bad);
  g_assert_true (iterate_until (not_busy, f, 10000));
  g_assert_nonnull (ps_window_get_error (f->win));
  g_test_message ("error shown: %s", ps_window_get_error (f->win));
  g_assert_true (strstr (ps_window_get_error (f->win), "bad.csv") != NULL);
  g_assert_true (ps_window_get_train (f->win) == before);
  g_assert_true (ps_window_get_snapshot (f->win) == snap_before);
  g_assert_cmpstr (source_id (f), ==, "csv");
  /* the preview still shows the file that is loaded */
  g_assert_cmpstr (g_object_get_data (G_OBJECT (f->data), "previewed-csv"), ==, good);
  screenshot (f, "window-bad-csv.png");

  /* a missing file too */
  ps_window_open_path (f->win, "/nonexistent/file.csv");
  g_assert_true (iterate_until (not_busy, f, 10000));
  g_assert_true (ps_window_get_train (f->win) == before);

  /* and a folder without IDX files */
  gtk_widget_activate_action (GTK_WIDGET (f->win), "win.reset", NULL);
  ps_window_load_idx_folder (f->win, tmpdir);
  g_assert_true (iterate_until (not_busy, f, 10000));
  g_assert_nonnull (ps_window_get_error (f->win));
  g_test_message ("error shown: %s", ps_window_get_error (f->win));
  g_assert_true (ps_window_get_train (f->win) == before);
  g_assert_cmpstr (source_id (f), ==, "csv");
}

/* Dropping a CSV file onto the window opens it. */
static void
test_drop_file (Fixture       *f,
                gconstpointer  unused)
{
  g_autofree char *path = write_file ("dropped.csv", "u,v,label\n0,0,0\n0,1,1\n1,0,1\n1,1,0\n0.5,0.5,1\n");
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (f->win));
  GtkDropTarget *drop = NULL;
  GValue value = G_VALUE_INIT;
  gboolean accepted = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) c = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (c))
        drop = GTK_DROP_TARGET (c);
    }
  g_assert_nonnull (drop);
  g_assert_true (g_type_is_a (gtk_drop_target_get_gtypes (drop, NULL)[0], G_TYPE_FILE));

  g_value_init (&value, G_TYPE_FILE);
  g_value_take_object (&value, g_file_new_for_path (path));
  g_signal_emit_by_name (drop, "drop", &value, 10.0, 10.0, &accepted);
  g_value_unset (&value);
  g_assert_true (accepted);
  g_assert_true (iterate_until (not_busy, f, 10000));
  g_assert_null (ps_window_get_error (f->win));
  g_assert_cmpstr (ps_dataset_get_name (ps_window_get_train (f->win)), ==, "dropped.csv");
  g_assert_cmpuint (ps_dataset_get_n_samples (ps_window_get_train (f->win)), ==, 5);
}

/* A long load shows progress and can be cancelled: nothing changes. */
static void
test_cancel_load (Fixture       *f,
                  gconstpointer  unused)
{
  const char *fashion = ps_dataset_fashion_mnist_dir ();
  PsDataset *before = ps_window_get_train (f->win);

  if (fashion == NULL)
    {
      g_test_skip ("optional: Fashion-MNIST is not installed (apt-get install dataset-fashion-mnist)");
      return;
    }
  ps_dataset_panel_load_idx_folder (f->data, fashion, TRUE);
  g_assert_true (ps_session_is_busy (f->session));
  iterate_for (50);
  ps_session_cancel_load (f->session);
  g_assert_false (ps_session_is_busy (f->session));
  iterate_for (200);
  g_assert_true (ps_window_get_train (f->win) == before);
  g_assert_cmpstr (source_id (f), ==, "xor");
  g_assert_null (ps_window_get_error (f->win));
}

/* About and the shortcuts window open. */
static gboolean
has_toplevel_of_type (gpointer type)
{
  g_autoptr(GListModel) list = NULL;

  list = gtk_window_get_toplevels ();
  g_object_ref (list);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(GObject) w = g_list_model_get_item (list, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (w, GPOINTER_TO_SIZE (type)) && gtk_widget_get_visible (GTK_WIDGET (w)))
        return TRUE;
    }
  return FALSE;
}

static void
test_about_and_shortcuts (Fixture       *f,
                          gconstpointer  unused)
{
  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  g_assert_true (iterate_until (has_toplevel_of_type, GSIZE_TO_POINTER (GTK_TYPE_ABOUT_DIALOG), 5000));
  activate (f, "win.show-help-overlay");
  g_assert_true (iterate_until (has_toplevel_of_type, GSIZE_TO_POINTER (GTK_TYPE_SHORTCUTS_WINDOW), 5000));
  g_assert_nonnull (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (f->win)));
}

/* A run that blows up says so in the window and keeps the last good weights. */
static void
test_diverging_run (Fixture       *f,
                    gconstpointer  unused)
{
  const guint units[] = { 8 };
  const PsActivation acts[] = { PS_ACTIVATION_LINEAR };
  PsTrainingSettings s;
  PsSnapshot *snap;

  ps_dataset_panel_select (f->data, "moons");
  g_assert_true (iterate_until (dataset_ready, f, 10000));
  ps_network_editor_set_hidden (f->editor, units, acts, 1);
  ps_network_editor_set_output_activation (f->editor, PS_ACTIVATION_LINEAR);
  ps_training_panel_get_settings (f->panel, &s);
  s.train.optimizer.lr = 10.0;
  s.train.epochs = 10000;
  s.scaling = PS_SCALING_NONE;
  ps_training_panel_set_settings (f->panel, &s);
  activate (f, "win.reset");

  activate (f, "win.train");
  g_assert_true (iterate_until (not_running, f, 20000));
  g_assert_cmpint (f->last_status, ==, PS_TRAIN_DIVERGED);
  g_assert_nonnull (ps_window_get_error (f->win));
  g_test_message ("error shown: %s", ps_window_get_error (f->win));
  g_assert_true (strstr (ps_window_get_error (f->win), "iverged") != NULL);
  snap = ps_window_get_snapshot (f->win);
  g_assert_true (ps_network_is_finite (snap->network));
  g_assert_cmpuint (snap->epoch, <, 10000);
  screenshot (f, "window-diverged.png");
}

/* ---- issue 8 -------------------------------------------------------------------- */

static GtkWidget *
views_pane (Fixture *f)
{
  GtkWidget *paned = gtk_widget_get_ancestor (GTK_WIDGET (f->panel), GTK_TYPE_PANED);

  g_assert_nonnull (paned);
  return gtk_paned_get_end_child (GTK_PANED (paned));
}

static GtkWidget *
sidebar_pane (Fixture *f)
{
  return gtk_paned_get_start_child (GTK_PANED (gtk_widget_get_ancestor (GTK_WIDGET (f->panel), GTK_TYPE_PANED)));
}

static GtkWidget *
find_button (GtkWidget  *w,
             const char *label)
{
  if (GTK_IS_BUTTON (w) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (w)), label) == 0)
    return w;
  for (GtkWidget *c = gtk_widget_get_first_child (w); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_button (c, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The longest run of digits in text (a 70-digit loss has 70). */
static guint
longest_digit_run (const char *text)
{
  guint best = 0, run = 0;

  for (const char *p = text; p != NULL && *p != '\0'; p++)
    {
      run = g_ascii_isdigit (*p) ? run + 1 : 0;
      best = MAX (best, run);
    }
  return best;
}

static const char *
window_status (Fixture *f)
{
  GtkWidget *views = views_pane (f);
  GtkWidget *statusbar = gtk_widget_get_last_child (views);
  GtkWidget *label = gtk_widget_get_first_child (statusbar);

  g_assert_true (GTK_IS_LABEL (label));
  return gtk_label_get_text (GTK_LABEL (label));
}

/* Issue 8, family 19: a loss of 1e+70 prints as 1e+70 in the panel and the
 * status bar, and the panes keep their widths through the run, Dismiss,
 * Reset and another dataset. */
static void
test_diverged_layout (Fixture       *f,
                      gconstpointer  unused)
{
  const guint units[] = { 8 };
  const PsActivation acts[] = { PS_ACTIVATION_LINEAR };
  PsTrainingSettings s;
  PsSnapshot *snap;
  int views_w, side_w;
  double worst = 0;

  ps_network_editor_set_hidden (f->editor, units, acts, 1);
  ps_network_editor_set_output_activation (f->editor, PS_ACTIVATION_LINEAR);
  ps_training_panel_get_settings (f->panel, &s);
  s.train.optimizer.lr = 1e6;
  s.train.epochs = 100000;
  s.scaling = PS_SCALING_NONE;
  ps_training_panel_set_settings (f->panel, &s);
  activate (f, "win.reset");
  ps_window_set_sidebar_page (f->win, "training");
  ps_window_set_view (f->win, "curves");
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->win));
  views_w = gtk_widget_get_width (views_pane (f));
  side_w = gtk_widget_get_width (sidebar_pane (f));
  g_test_message ("before: sidebar %d px, views %d px", side_w, views_w);
  screenshot (f, "window-diverged-before.png");

  activate (f, "win.train");
  g_assert_true (iterate_until (not_running, f, 20000));
  g_assert_cmpint (f->last_status, ==, PS_TRAIN_DIVERGED);
  snap = ps_window_get_snapshot (f->win);
  for (guint i = 0; i < snap->n_epochs; i++)
    if (isfinite (snap->history[i].loss))
      worst = MAX (worst, snap->history[i].loss);
  g_test_message ("largest finite loss %g; panel: %s; status bar: %s", worst,
                  ps_training_panel_get_status (f->panel), window_status (f));
  g_assert_cmpfloat (worst, >, 1e12);
  g_assert_cmpuint (longest_digit_run (ps_training_panel_get_status (f->panel)), <=, 6);
  g_assert_cmpuint (longest_digit_run (window_status (f)), <=, 6);
  g_assert_nonnull (strstr (ps_training_panel_get_status (f->panel), "e+"));
  iterate_for (50);
  gtk_widget_queue_resize (GTK_WIDGET (f->win));
  screenshot (f, "window-diverged-after.png");
  g_test_message ("after: sidebar %d px, views %d px",
                  gtk_widget_get_width (sidebar_pane (f)), gtk_widget_get_width (views_pane (f)));
  g_assert_cmpint (gtk_widget_get_width (views_pane (f)), ==, views_w);
  g_assert_cmpint (gtk_widget_get_width (sidebar_pane (f)), ==, side_w);

  /* whatever a label says, it wraps or ellipsizes: a 70-digit word in the
   * panel's status line does not widen the sidebar */
  {
    GString *digits = g_string_new ("loss ");

    for (guint i = 0; i < 70; i++)
      g_string_append_c (digits, '0' + i % 10);
    ps_training_panel_set_status (f->panel, digits->str);
    g_string_free (digits, TRUE);
    gtk_test_widget_wait_for_draw (GTK_WIDGET (f->win));
    screenshot (f, "window-diverged-70-digits.png");
    g_assert_cmpint (gtk_widget_get_width (views_pane (f)), ==, views_w);
    g_assert_cmpint (gtk_widget_get_width (sidebar_pane (f)), ==, side_w);
  }

  /* Dismiss, Reset, another dataset: still the same widths */
  {
    GtkWidget *dismiss = find_button (GTK_WIDGET (f->win), "Dismiss");

    g_assert_nonnull (ps_window_get_error (f->win));
    g_assert_nonnull (dismiss);
    g_signal_emit_by_name (dismiss, "clicked");
    g_assert_null (ps_window_get_error (f->win));
    gtk_test_widget_wait_for_draw (GTK_WIDGET (f->win));
    g_assert_cmpint (gtk_widget_get_width (views_pane (f)), ==, views_w);
  }
  ps_window_set_sidebar_page (f->win, "dataset");
  screenshot (f, "window-diverged-dataset.png");
  g_assert_cmpint (gtk_widget_get_width (views_pane (f)), ==, views_w);
  activate (f, "win.reset");
  ps_dataset_panel_select (f->data, "and");
  g_assert_true (iterate_until (dataset_ready, f, 10000));
  screenshot (f, "window-diverged-reset.png");
  g_assert_cmpint (gtk_widget_get_width (views_pane (f)), ==, views_w);
  g_assert_cmpint (gtk_widget_get_width (sidebar_pane (f)), ==, side_w);
}

/* Issue 8, family 11: a gzip CSV loads in the app as in the CLI (the preview
 * decompresses it). */
static void
test_csv_gz (Fixture       *f,
             gconstpointer  unused)
{
  const char *text = "x,y,label\n0.1,0.2,a\n0.9,0.8,b\n0.2,0.1,a\n0.8,0.9,b\n0.15,0.3,a\n";
  g_autofree char *path = g_build_filename (tmpdir, "points.csv.gz", NULL);
  g_autoptr(GZlibCompressor) gz = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, 6);
  guint8 out[4096];
  gsize read = 0, written = 0;

  g_assert_cmpint (g_converter_convert (G_CONVERTER (gz), text, strlen (text), out, sizeof out,
                                        G_CONVERTER_INPUT_AT_END, &read, &written, NULL),
                   ==, G_CONVERTER_FINISHED);
  g_assert_true (g_file_set_contents (path, (const char *) out, written, NULL));

  ps_window_open_path (f->win, path);
  g_assert_true (iterate_until (not_busy, f, 10000));
  if (ps_window_get_error (f->win) != NULL)
    g_test_message ("error shown: %s", ps_window_get_error (f->win));
  g_assert_null (ps_window_get_error (f->win));
  g_assert_cmpstr (source_id (f), ==, "csv");
  g_assert_cmpuint (ps_dataset_get_n_samples (ps_window_get_train (f->win)), ==, 5);
  g_assert_cmpuint (ps_dataset_get_n_classes (ps_window_get_train (f->win)), ==, 2);
  /* the preview shows the text, not the compressed bytes */
  g_assert_cmpstr (g_object_get_data (G_OBJECT (f->data), "previewed-csv"), ==, path);
}

/* Issue 8, family 20: a string label in the first column (iris) loads:
 * the label column is found, as the CLI's --label-column gives it. */
static void
test_csv_first_column_label (Fixture       *f,
                             gconstpointer  unused)
{
  g_autofree char *iris = write_file ("iris-first.csv",
                                      "species,sepal_length,sepal_width\n"
                                      "setosa,5.1,3.5\nversicolor,7.0,3.2\nvirginica,6.3,3.3\n"
                                      "setosa,4.9,3.0\nversicolor,6.4,3.2\nvirginica,5.8,2.7\n");
  g_autofree char *nohead = write_file ("nohead-first.csv",
                                        "a,1,2\nb,3,4\na,5,6\nb,7,8\n");
  PsDataset *train;

  ps_window_open_path (f->win, iris);
  g_assert_true (iterate_until (not_busy, f, 10000));
  if (ps_window_get_error (f->win) != NULL)
    g_test_message ("error shown: %s", ps_window_get_error (f->win));
  g_assert_null (ps_window_get_error (f->win));
  train = ps_window_get_train (f->win);
  g_assert_cmpuint (ps_dataset_get_n_samples (train), ==, 6);
  g_assert_cmpuint (ps_dataset_get_n_features (train), ==, 2);
  g_assert_cmpuint (ps_dataset_get_n_classes (train), ==, 3);
  g_assert_cmpstr (ps_dataset_get_class_names (train)[0], ==, "setosa");
  screenshot (f, "window-csv-first-column-label.png");

  ps_window_open_path (f->win, nohead);
  g_assert_true (iterate_until (not_busy, f, 10000));
  g_assert_null (ps_window_get_error (f->win));
  g_assert_cmpuint (ps_dataset_get_n_features (ps_window_get_train (f->win)), ==, 2);
  g_assert_cmpuint (ps_dataset_get_n_classes (ps_window_get_train (f->win)), ==, 2);

  /* the user can still choose another column */
  ps_dataset_panel_set_label_column (f->data, "sepal_width");
  g_assert_true (iterate_until (not_busy, f, 10000));
}

/* Issue 8, family 5: /dev/zero, a FIFO and a folder as the CSV (opened, or
 * named by an experiment) are refused at once; the window stays usable. */
static void
test_csv_not_regular (Fixture       *f,
                      gconstpointer  unused)
{
  g_autofree char *fifo = g_build_filename (tmpdir, "pipe.csv", NULL);
  g_autofree char *csv = write_file ("exp-zero.csv", "p,q,label\n0.1,0.2,0\n0.9,0.8,1\n0.2,0.1,0\n0.8,0.9,1\n");
  g_autofree char *exp = g_build_filename (tmpdir, "zero.psx.json", NULL);
  g_autofree char *json = NULL;
  g_autofree char *quoted = NULL;
  GString *edited;
  PsDataset *before;
  const char *const paths[] = { "/dev/zero", fifo, tmpdir };

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  before = ps_window_get_train (f->win);
  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      gint64 t0 = g_get_monotonic_time ();

      ps_window_open_path (f->win, paths[i]);
      g_assert_true (iterate_until (not_busy, f, 10000));
      g_assert_cmpint (g_get_monotonic_time () - t0, <, 5 * G_USEC_PER_SEC);
      g_assert_nonnull (ps_window_get_error (f->win));
      g_test_message ("%s: %s", paths[i], ps_window_get_error (f->win));
      g_assert_true (ps_window_get_train (f->win) == before);
    }

  /* an experiment whose CSV path is /dev/zero */
  ps_window_open_path (f->win, csv);
  g_assert_true (iterate_until (not_busy, f, 10000));
  g_assert_true (ps_window_save_experiment (f->win, exp));
  g_assert_true (g_file_get_contents (exp, &json, NULL, NULL));
  quoted = g_strdup_printf ("\"%s\"", csv);
  g_assert_nonnull (strstr (json, quoted));
  edited = g_string_new (json);
  g_string_replace (edited, quoted, "\"/dev/zero\"", 0);
  g_assert_true (g_file_set_contents (exp, edited->str, -1, NULL));
  g_string_free (edited, TRUE);
  ps_window_open_path (f->win, exp);
  g_assert_true (iterate_until (not_busy, f, 10000));
  g_assert_nonnull (ps_window_get_error (f->win));
  g_test_message ("experiment on /dev/zero: %s", ps_window_get_error (f->win));
  g_unlink (fifo);
}

/* The panels are views of the session: its values show in them, edits in
 * them set it, and showing its own values comes back as nothing (no echo,
 * no rebuild). */
static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

static void
count_signal (GObject *object,
              guint   *count)
{
  (*count)++;
}

static void
test_session_views (Fixture       *f,
                    gconstpointer  unused)
{
  PsSession *session = ps_window_get_session (f->win);
  g_autoptr(GError) error = NULL;
  g_autofree char *spec = NULL;
  PsTrainingSettings s;
  guint spec_notifies = 0, settings_notifies = 0, rebuilds = 0;
  const PsNetwork *model;

  g_assert_nonnull (session);
  g_assert_true (ps_window_get_train (f->win) == ps_session_get_train (session));
  g_signal_connect (session, "notify::network-spec", G_CALLBACK (count_notify), &spec_notifies);
  g_signal_connect (session, "notify::settings", G_CALLBACK (count_notify), &settings_notifies);
  g_signal_connect (session, "model-rebuilt", G_CALLBACK (count_signal), &rebuilds);

  /* the session's spec shows in the editor, once */
  g_assert_true (ps_session_set_network_spec (session, "5:tanh,1:sigmoid", &error));
  g_assert_no_error (error);
  spec = ps_network_editor_dup_spec (f->editor);
  g_assert_cmpstr (spec, ==, "2,5:tanh,1:sigmoid");
  g_assert_cmpuint (spec_notifies, ==, 1);
  g_assert_cmpuint (rebuilds, ==, 1);

  /* an edit in the editor sets the session */
  ps_network_editor_add_layer (f->editor, 2, PS_ACTIVATION_RELU);
  g_assert_cmpstr (ps_session_get_network_spec (session), ==, "5:tanh,2:relu,1:sigmoid");
  g_assert_cmpuint (spec_notifies, ==, 2);
  g_assert_cmpuint (rebuilds, ==, 2);
  model = ps_session_get_model (session);
  g_assert_cmpuint (model->n_layers, ==, 3);

  /* the session's settings show in the panel; no rebuild for a new epoch count */
  ps_session_get_settings (session, &s);
  s.train.epochs = 77;
  ps_session_set_settings (session, &s);
  ps_training_panel_get_settings (f->panel, &s);
  g_assert_cmpuint (s.train.epochs, ==, 77);
  g_assert_cmpuint (settings_notifies, ==, 1);
  g_assert_cmpuint (rebuilds, ==, 2);

  /* the same values again: nothing happens */
  ps_training_panel_set_settings (f->panel, &s);
  ps_session_set_settings (session, &s);
  g_assert_true (ps_session_set_network_spec (session, "5:tanh,2:relu,1:sigmoid", NULL));
  g_assert_cmpuint (settings_notifies, ==, 1);
  g_assert_cmpuint (spec_notifies, ==, 2);
  g_assert_cmpuint (rebuilds, ==, 2);
  g_assert_true (ps_session_get_model (session) == model);

  /* an edit in the panel sets the session */
  s.train.epochs = 78;
  ps_training_panel_set_settings (f->panel, &s);
  ps_session_get_settings (session, &s);
  g_assert_cmpuint (s.train.epochs, ==, 78);
  g_assert_cmpuint (settings_notifies, ==, 2);

  g_signal_handlers_disconnect_by_data (session, &spec_notifies);
  g_signal_handlers_disconnect_by_data (session, &settings_notifies);
  g_signal_handlers_disconnect_by_data (session, &rebuilds);
}

/* Issue 8, family 21: the Perceptron button trains on the whole table, even
 * after a run with a validation split. */
static void
test_perceptron_no_split (Fixture       *f,
                          gconstpointer  unused)
{
  PsTrainingSettings s;

  ps_training_panel_get_settings (f->panel, &s);
  s.train.val_split = 0.25;
  ps_training_panel_set_settings (f->panel, &s);
  g_signal_emit_by_name (f->editor, "perceptron");
  ps_training_panel_get_settings (f->panel, &s);
  g_assert_cmpfloat (s.train.val_split, ==, 0.0);
  g_assert_cmpint (s.train.optimizer.kind, ==, PS_OPTIMIZER_DELTA);
  activate (f, "win.step");
  g_assert_true (iterate_until (not_running, f, 10000));
  g_assert_false (ps_window_get_snapshot (f->win)->history[0].has_val);
}

/* Issue 8, family 21: a window size from settings that makes no sense
 * (negative, zero, huge) is not passed on to GTK (criticals are fatal here). */
static void
test_window_size_clamped (void)
{
  GSettings *settings = ps_application_get_settings (app);
  const int bad[][2] = { { -1, -1 }, { -7, 500 }, { 0, 0 }, { 900000, 900000 } };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      PsWindow *w;
      int width, height;

      reset_settings ();
      g_settings_set_int (settings, "window-width", bad[i][0]);
      g_settings_set_int (settings, "window-height", bad[i][1]);
      w = ps_window_new (app);
      gtk_window_get_default_size (GTK_WINDOW (w), &width, &height);
      g_test_message ("settings %d x %d: default size %d x %d", bad[i][0], bad[i][1], width, height);
      g_assert_cmpint (width, >=, 360);
      g_assert_cmpint (height, >=, 300);
      g_assert_cmpint (width, <=, 16384);
      g_assert_cmpint (height, <=, 16384);
      gtk_window_present (GTK_WINDOW (w));
      gtk_test_widget_wait_for_draw (GTK_WIDGET (w));
      gtk_window_destroy (GTK_WINDOW (w));
    }
  reset_settings ();
}

/* Issue 8, family 21: after Pause, Step keeps the run's target ("Epoch
 * 1235 / 100000", not "1235 / 1235"); during a run the epoch counter shows
 * the epoch of the snapshot the views show. */
typedef struct
{
  Fixture *f;
  guint    n_checked;
  guint    n_behind;
} CounterCheck;

static void
check_counter (PsTrainingBridge *bridge,
               PsSnapshot       *snap,
               CounterCheck     *c)
{
  g_autofree char *want = g_strdup_printf ("Epoch %u / ", snap->epoch);

  c->n_checked++;
  if (!g_str_has_prefix (ps_training_panel_get_epoch_text (c->f->panel), want))
    {
      if (c->n_behind++ == 0)
        g_test_message ("snapshot at epoch %u, counter says %s", snap->epoch,
                        ps_training_panel_get_epoch_text (c->f->panel));
    }
}

static void
test_step_after_pause (Fixture       *f,
                       gconstpointer  unused)
{
  PsTrainingSettings s;
  CounterCheck c = { f, 0, 0 };
  g_autofree char *want = NULL;
  guint paused_at;
  gulong id;

  ps_dataset_panel_select (f->data, "spiral");
  g_assert_true (iterate_until (dataset_ready, f, 10000));
  ps_training_panel_get_settings (f->panel, &s);
  s.batch_mode = PS_BATCH_ONLINE;
  s.train.batch_size = 1;
  s.train.epochs = 100000;
  ps_training_panel_set_settings (f->panel, &s);
  id = g_signal_connect_after (f->bridge, "snapshot", G_CALLBACK (check_counter), &c);
  activate (f, "win.train");
  g_assert_true (iterate_until (has_epoch, f, 10000));
  iterate_for (600);
  activate (f, "win.pause");
  g_assert_true (iterate_until (not_running, f, 10000));
  g_signal_handler_disconnect (f->bridge, id);
  g_test_message ("%u snapshots, counter behind on %u", c.n_checked, c.n_behind);
  g_assert_cmpuint (c.n_checked, >, 0);
  g_assert_cmpuint (c.n_behind, ==, 0);

  paused_at = ps_window_get_snapshot (f->win)->epoch;
  g_assert_cmpuint (paused_at, <, 100000);
  activate (f, "win.step");
  g_assert_true (iterate_until (not_running, f, 10000));
  g_assert_cmpuint (ps_window_get_snapshot (f->win)->epoch, ==, paused_at + 1);
  want = g_strdup_printf ("Epoch %u / 100000", paused_at + 1);
  g_assert_cmpstr (ps_training_panel_get_epoch_text (f->panel), ==, want);
}

/* Issue 8, family 21: Export View says in the status bar where it wrote. */
static void
test_export_status (Fixture       *f,
                    gconstpointer  unused)
{
  g_autofree char *png = g_build_filename (tmpdir, "view.png", NULL);
  g_autoptr(GError) error = NULL;
  GListModel *tops = gtk_window_get_toplevels ();   /* transfer none */
  PsExportDialog *dialog = NULL;

  activate (f, "win.step");
  g_assert_true (iterate_until (not_running, f, 10000));
  ps_window_set_view (f->win, "curves");
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->win));
  activate (f, "win.export");
  for (guint i = 0; i < g_list_model_get_n_items (tops); i++)
    {
      g_autoptr(GObject) w = g_list_model_get_item (tops, i);

      if (PS_IS_EXPORT_DIALOG (w))
        dialog = PS_EXPORT_DIALOG (w);
    }
  g_assert_nonnull (dialog);
  ps_export_dialog_set_path (dialog, png);
  ps_export_dialog_export (dialog, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_test (png, G_FILE_TEST_IS_REGULAR));
  g_test_message ("status: %s", window_status (f));
  g_assert_nonnull (strstr (window_status (f), "view.png"));
}

static GtkWidget *
find_label_prefix (GtkWidget  *w,
                   const char *prefix)
{
  if (GTK_IS_LABEL (w) && g_str_has_prefix (gtk_label_get_text (GTK_LABEL (w)), prefix))
    return w;
  for (GtkWidget *c = gtk_widget_get_first_child (w); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_label_prefix (c, prefix);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Issue 8, family 21: the model summary fits the Network page: its
 * Activation column is not cut off (MNIST's 784-3-2-10 too). */
static void
test_summary_fits (Fixture       *f,
                   gconstpointer  unused)
{
  const char *const presets[] = { NULL, "mnist-3-2" };

  for (guint i = 0; i < G_N_ELEMENTS (presets); i++)
    {
      GtkWidget *label, *scroller;
      int nat = 0;
      const char *text;

      if (presets[i] != NULL)
        {
          ps_window_apply_preset (f->win, presets[i]);
          g_assert_true (iterate_until (not_busy, f, 30000));
        }
      ps_window_set_sidebar_page (f->win, "network");
      gtk_test_widget_wait_for_draw (GTK_WIDGET (f->win));
      label = find_label_prefix (GTK_WIDGET (f->editor), "Model:");
      g_assert_nonnull (label);
      text = gtk_label_get_text (GTK_LABEL (label));
      g_test_message ("%s", text);
      g_assert_nonnull (strstr (text, "Activation"));
      g_assert_nonnull (strstr (text, "sigmoid"));
      g_assert_nonnull (strstr (text, "Total params: "));
      scroller = gtk_widget_get_ancestor (label, GTK_TYPE_SCROLLED_WINDOW);
      gtk_widget_measure (label, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &nat, NULL, NULL);
      g_test_message ("summary %d px wide in %d px", nat, gtk_widget_get_width (scroller));
      g_assert_cmpint (nat, <=, gtk_widget_get_width (scroller));
      screenshot (f, i == 0 ? "window-summary-xor.png" : "window-summary-mnist.png");
    }
}

/* Training settings are remembered (GSettings) for the next window. */
static void
test_settings_remembered (void)
{
  PsWindow *a;
  PsWindow *b;
  PsTrainingSettings s;

  reset_settings ();
  a = ps_window_new (app);
  ps_training_panel_get_settings (PS_TRAINING_PANEL (ps_window_get_training_panel (a)), &s);
  s.train.optimizer.lr = 0.125;
  s.train.epochs = 4321;
  s.batch_mode = PS_BATCH_MINI;
  s.mini_batch = 16;
  s.init = PS_INIT_HE;
  ps_training_panel_set_settings (PS_TRAINING_PANEL (ps_window_get_training_panel (a)), &s);
  g_assert_cmpfloat (g_settings_get_double (ps_application_get_settings (app), "learning-rate"), ==, 0.125);
  gtk_window_destroy (GTK_WINDOW (a));
  g_assert_cmpfloat (g_settings_get_double (ps_application_get_settings (app), "learning-rate"), ==, 0.125);

  b = ps_window_new (app);
  ps_training_panel_get_settings (PS_TRAINING_PANEL (ps_window_get_training_panel (b)), &s);
  g_assert_cmpfloat (s.train.optimizer.lr, ==, 0.125);
  g_assert_cmpuint (s.train.epochs, ==, 4321);
  g_assert_cmpint (s.batch_mode, ==, PS_BATCH_MINI);
  g_assert_cmpuint (s.train.batch_size, ==, 16);
  g_assert_cmpint (s.init, ==, PS_INIT_HE);
  /* the window size too, saved when the window closes */
  gtk_window_set_default_size (GTK_WINDOW (b), 870, 640);
  gtk_window_present (GTK_WINDOW (b));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (b));
  gtk_window_close (GTK_WINDOW (b));
  g_assert_cmpint (g_settings_get_int (ps_application_get_settings (app), "window-width"), ==, 870);
  b = ps_window_new (app);
  {
    int w, h;

    gtk_window_get_default_size (GTK_WINDOW (b), &w, &h);
    g_assert_cmpint (w, ==, 870);
    g_assert_cmpint (h, ==, 640);
  }
  gtk_window_destroy (GTK_WINDOW (b));

  reset_settings ();
}

/* The Dataset page shows a picture of what was loaded: the points of 2-D
 * data (in their class colours), a table for other small data; Regenerate
 * draws new points. */
static void
test_dataset_picture (Fixture       *f,
                      gconstpointer  unused)
{
  GtkWidget *picture;
  GtkWidget *regenerate;
  g_autofree guint32 *a = NULL;
  g_autofree guint32 *b = NULL;
  PsDataset *before;
  int w, h, w2, h2;
  guint differ = 0;

  ps_window_set_sidebar_page (f->win, "dataset");

  /* XOR at startup: four points, two of each class */
  picture = ps_dataset_panel_get_picture (f->data);
  g_assert_nonnull (picture);
  g_assert_true (PS_IS_BOUNDARY_VIEW (picture));
  g_assert_true (gtk_widget_is_drawable (picture));
  g_assert_true (ps_boundary_view_has_data (PS_BOUNDARY_VIEW (picture)));
  g_assert_null (ps_boundary_view_get_snapshot (PS_BOUNDARY_VIEW (picture))->network);
  a = widget_pixels (picture, &w, &h);
  g_test_message ("dataset picture %d x %d", w, h);
  /* sized sensibly: most of the sidebar's width, a square-ish plot */
  g_assert_cmpint (w, >=, 250);
  g_assert_cmpint (h, >=, 250);
  g_assert_cmpuint (count_near (a, (gsize) w * h, 0x0072b2, 12), >, 20);   /* class 0 */
  g_assert_cmpuint (count_near (a, (gsize) w * h, 0xe69f00, 12), >, 20);   /* class 1 */
  screenshot (f, "window-dataset-xor.png");
  g_clear_pointer (&a, g_free);

  /* a generator: many points; Regenerate changes them */
  ps_dataset_panel_select (f->data, "moons");
  g_assert_true (iterate_until (dataset_ready, f, 10000));
  picture = ps_dataset_panel_get_picture (f->data);
  g_assert_true (PS_IS_BOUNDARY_VIEW (picture));
  g_assert_true (ps_boundary_view_get_snapshot (PS_BOUNDARY_VIEW (picture))->train == ps_window_get_train (f->win));
  a = widget_pixels (picture, &w, &h);
  g_assert_cmpuint (count_near (a, (gsize) w * h, 0x0072b2, 12), >, 200);
  g_assert_cmpuint (count_near (a, (gsize) w * h, 0xe69f00, 12), >, 200);
  screenshot (f, "window-dataset-moons.png");

  before = ps_window_get_train (f->win);
  regenerate = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (f->data), PS_TYPE_DATASET_PANEL,
                                                         "regenerate_button"));
  g_assert_true (GTK_IS_BUTTON (regenerate));
  g_assert_true (gtk_widget_is_drawable (regenerate));
  g_signal_emit_by_name (regenerate, "clicked");
  g_assert_true (ps_window_get_train (f->win) != before);
  picture = ps_dataset_panel_get_picture (f->data);
  g_assert_true (ps_boundary_view_get_snapshot (PS_BOUNDARY_VIEW (picture))->train == ps_window_get_train (f->win));
  b = widget_pixels (picture, &w2, &h2);
  g_assert_cmpint (w2, ==, w);
  g_assert_cmpint (h2, ==, h);
  for (gsize i = 0; i < (gsize) w * h; i++)
    differ += a[i] != b[i];
  g_test_message ("pixels changed by Regenerate: %u", differ);
  g_assert_cmpuint (differ, >, 500);

  /* three features: no points to draw, the rows as a table */
  ps_dataset_panel_select (f->data, "and3");
  picture = ps_dataset_panel_get_picture (f->data);
  g_assert_true (PS_IS_SAMPLES_VIEW (picture));
  g_assert_true (gtk_widget_is_drawable (picture));
  g_assert_false (ps_samples_view_has_data (PS_SAMPLES_VIEW (picture)));
  screenshot (f, "window-dataset-and3.png");
}

/* A real key press through the X server (XTEST), to the window. FALSE when
 * that is not possible here (no xdotool, not X11). */
static gboolean
send_key (PsWindow   *win,
          const char *key)
{
#ifdef GDK_WINDOWING_X11
  g_autofree char *xdotool = g_find_program_in_path ("xdotool");
  g_autofree char *xid = NULL;
  g_autoptr(GError) error = NULL;
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (win));
  int status = -1;

  if (xdotool == NULL || !GDK_IS_X11_SURFACE (surface))
    return FALSE;
  xid = g_strdup_printf ("%lu", (gulong) gdk_x11_surface_get_xid (surface));
  {
    const char *argv[] = { xdotool, "windowfocus", "--sync", xid, "key", "--clearmodifiers", key, NULL };

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                                 NULL, NULL, &status, &error));
  }
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return TRUE;
#else
  return FALSE;
#endif
}

static gboolean
is_training (gpointer data)
{
  Fixture *f = data;

  return ps_training_bridge_is_running (f->bridge);
}

static GtkWidget *
panel_child (gpointer    panel,
             GType       type,
             const char *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (panel), type, name);

  g_assert_true (GTK_IS_WIDGET (child));
  return GTK_WIDGET (child);
}

static GtkEventController *
find_controller (GtkWidget  *widget,
                 const char *name)
{
  g_autoptr(GListModel) list = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(GtkEventController) c = g_list_model_get_item (list, i);

      if (g_strcmp0 (gtk_event_controller_get_name (c), name) == 0)
        return c;
    }
  return NULL;
}

static gboolean
has_visible_popover (GtkWidget *widget)
{
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    if ((GTK_IS_POPOVER (c) && gtk_widget_get_visible (c)) || has_visible_popover (c))
      return TRUE;
  return FALSE;
}

/* Space trains and pauses even when a dropdown or a button has the focus;
 * in a spin button it is left to the spin button. */
static void
test_space_train_pause (Fixture       *f,
                        gconstpointer  unused)
{
  GtkWidget *loss = panel_child (f->panel, PS_TYPE_TRAINING_PANEL, "loss_dropdown");
  GtkWidget *step = panel_child (f->panel, PS_TYPE_TRAINING_PANEL, "step_button");
  GtkWidget *lr = panel_child (f->panel, PS_TYPE_TRAINING_PANEL, "lr_spin");
  GtkEventController *keys = find_controller (GTK_WIDGET (f->win), "ps-space-train-pause");
  PsTrainingSettings s;
  gboolean handled = TRUE;
  guint paused_at;

  g_assert_nonnull (keys);
  g_assert_cmpint (gtk_event_controller_get_propagation_phase (keys), ==, GTK_PHASE_CAPTURE);
  ps_dataset_panel_select (f->data, "spiral");
  g_assert_true (iterate_until (dataset_ready, f, 10000));
  ps_training_panel_get_settings (f->panel, &s);
  s.batch_mode = PS_BATCH_ONLINE;
  s.train.batch_size = 1;
  s.train.epochs = 100000;
  ps_training_panel_set_settings (f->panel, &s);
  ps_window_set_sidebar_page (f->win, "training");
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->win));

  /* in a spin button, Space is not a shortcut */
  g_assert_true (gtk_widget_grab_focus (lr));
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (f->win)), lr));
  g_signal_emit_by_name (keys, "key-pressed", GDK_KEY_space, 0, (GdkModifierType) 0, &handled);
  g_assert_false (handled);
  g_assert_false (ps_window_is_training (f->win));
  /* with Ctrl it is not ours either */
  g_assert_true (gtk_widget_grab_focus (loss));
  g_signal_emit_by_name (keys, "key-pressed", GDK_KEY_space, 0, GDK_CONTROL_MASK, &handled);
  g_assert_false (handled);
  g_assert_false (ps_window_is_training (f->win));

  if (!send_key (f->win, "space"))
    {
      /* the handler alone, without the event path */
      g_signal_emit_by_name (keys, "key-pressed", GDK_KEY_space, 0, (GdkModifierType) 0, &handled);
      g_assert_true (handled);
      g_assert_true (ps_window_is_training (f->win));
      g_test_skip ("xdotool or X11 not available: key events not sent");
      return;
    }

  /* a dropdown has the focus: Space trains, the list does not open */
  g_assert_true (iterate_until (is_training, f, 10000));
  g_assert_false (has_visible_popover (loss));
  g_assert_true (iterate_until (has_epoch, f, 10000));
  /* Space again pauses */
  g_assert_true (send_key (f->win, "space"));
  g_assert_true (iterate_until (not_running, f, 10000));
  g_assert_cmpint (f->last_status, ==, PS_TRAIN_PAUSED);
  paused_at = ps_window_get_snapshot (f->win)->epoch;

  /* the Step button has the focus: Space trains (a run, not one step) */
  g_assert_true (gtk_widget_grab_focus (step));
  g_assert_true (send_key (f->win, "space"));
  g_assert_true (iterate_until (is_training, f, 10000));
  g_assert_cmpuint (ps_training_bridge_get_target_epoch (f->bridge), ==, 100000);
  g_assert_true (send_key (f->win, "space"));
  g_assert_true (iterate_until (not_running, f, 10000));
  g_assert_cmpint (f->last_status, ==, PS_TRAIN_PAUSED);
  g_assert_cmpuint (ps_window_get_snapshot (f->win)->epoch, >=, paused_at);
  g_assert_cmpuint (f->n_finished, ==, 2);
}

/* Pause stops a long run promptly; Train resumes where it stopped. */
static void
test_pause_resume (Fixture       *f,
                   gconstpointer  unused)
{
  PsTrainingSettings s;
  guint paused_at;
  gint64 latency;

  ps_dataset_panel_select (f->data, "spiral");
  g_assert_true (iterate_until (dataset_ready, f, 10000));
  ps_training_panel_get_settings (f->panel, &s);
  s.batch_mode = PS_BATCH_ONLINE;
  s.train.batch_size = 1;
  s.train.epochs = 100000;
  s.train.optimizer.lr = 0.05;
  ps_training_panel_set_settings (f->panel, &s);

  activate (f, "win.train");
  g_assert_true (iterate_until (has_epoch, f, 10000));
  activate (f, "win.pause");
  g_assert_true (iterate_until (not_running, f, 10000));
  g_assert_cmpint (f->last_status, ==, PS_TRAIN_PAUSED);
  latency = ps_training_bridge_get_pause_latency (f->bridge);
  g_test_message ("pause latency %.3f ms", latency / 1000.0);
  g_assert_cmpint (latency, >=, 0);
  paused_at = ps_window_get_snapshot (f->win)->epoch;
  g_assert_cmpuint (paused_at, >=, 1);
  g_assert_cmpuint (paused_at, <, 100000);

  /* the learning rate changes live, without a reset */
  activate (f, "win.train");
  g_assert_true (ps_window_is_training (f->win));
  ps_training_bridge_set_learning_rate (f->bridge, 0.01);
  iterate_for (50);
  activate (f, "win.pause");
  g_assert_true (iterate_until (not_running, f, 10000));
  g_assert_cmpuint (ps_window_get_snapshot (f->win)->epoch, >=, paused_at);
  screenshot (f, "window-paused.png");
}

/* Closing the window mid-run cancels and joins the worker. */
static void
test_close_while_training (void)
{
  PsWindow *win = (reset_settings (), ps_window_new (app));
  PsDatasetPanel *data = PS_DATASET_PANEL (ps_window_get_dataset_panel (win));
  PsTrainingPanel *panel = PS_TRAINING_PANEL (ps_window_get_training_panel (win));
  PsTrainingBridge *bridge = g_object_ref (ps_window_get_bridge (win));
  PsTrainingSettings s;
  Fixture f = { .win = win, .data = data, .session = ps_window_get_session (win), .bridge = bridge };

  gtk_window_present (GTK_WINDOW (win));
  ps_dataset_panel_select (data, "moons");
  g_assert_true (iterate_until (dataset_ready, &f, 10000));
  ps_training_panel_get_settings (panel, &s);
  s.train.epochs = 1000000;
  s.batch_mode = PS_BATCH_ONLINE;
  s.train.batch_size = 1;
  ps_training_panel_set_settings (panel, &s);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (win), "win.train", NULL));
  g_assert_true (iterate_until (has_epoch, &f, 10000));
  g_assert_true (ps_training_bridge_is_running (bridge));

  gtk_window_close (GTK_WINDOW (win));
  /* close-request stopped and joined the worker synchronously */
  g_assert_false (ps_training_bridge_is_running (bridge));
  iterate_for (20);
  g_object_unref (bridge);
}

/* Models and experiments round-trip; a failed save leaves the old file. */
static void
test_save_load (Fixture       *f,
                gconstpointer  unused)
{
  g_autofree char *model = g_build_filename (tmpdir, "model.json", NULL);
  g_autofree char *exp = g_build_filename (tmpdir, "exp.psx.json", NULL);
  g_autofree char *history = g_build_filename (tmpdir, "history.csv", NULL);
  g_autofree char *spec = NULL;
  g_autofree char *csv = NULL;
  g_autofree float *saved = NULL;
  const PsNetwork *net;
  PsTrainingSettings s;
  gsize n_params;

  activate (f, "win.step");
  g_assert_true (iterate_until (not_running, f, 10000));
  g_assert_true (ps_window_export_history (f->win, history));
  g_assert_true (g_file_get_contents (history, &csv, NULL, NULL));
  g_assert_true (g_str_has_prefix (csv, "epoch,loss,accuracy,rmse,val_loss,val_accuracy,val_rmse,seconds,samples_per_second\n1,"));

  net = ps_window_get_snapshot (f->win)->network;
  n_params = net->n_params;
  saved = g_memdup2 (net->params, sizeof (float) * n_params);
  g_assert_true (ps_window_save_model (f->win, model));
  g_assert_true (ps_window_save_experiment (f->win, exp));

  /* change everything, then load the model back */
  activate (f, "win.reset");
  g_assert_true (memcmp (ps_window_get_snapshot (f->win)->network->params, saved,
                         sizeof (float) * n_params) != 0 ||
                 n_params == 0);
  ps_window_open_path (f->win, model);
  g_assert_null (ps_window_get_error (f->win));
  net = ps_window_get_snapshot (f->win)->network;
  g_assert_cmpuint (net->n_params, ==, n_params);
  g_assert_cmpmem (net->params, sizeof (float) * n_params, saved, sizeof (float) * n_params);

  /* the experiment restores the settings and the architecture too */
  ps_training_panel_get_settings (f->panel, &s);
  s.train.epochs = 77;
  ps_training_panel_set_settings (f->panel, &s);
  ps_network_editor_add_layer (f->editor, 4, PS_ACTIVATION_RELU);
  ps_window_open_path (f->win, exp);
  g_assert_true (iterate_until (not_busy, f, 10000));
  g_assert_null (ps_window_get_error (f->win));
  spec = ps_network_editor_dup_spec (f->editor);
  g_assert_cmpstr (spec, ==, "2,3:sigmoid,1:sigmoid");
  ps_training_panel_get_settings (f->panel, &s);
  g_assert_cmpuint (s.train.epochs, ==, 1000);
  net = ps_window_get_snapshot (f->win)->network;
  g_assert_cmpmem (net->params, sizeof (float) * n_params, saved, sizeof (float) * n_params);

  /* a model that does not fit the dataset is refused, nothing changes */
  {
    g_autofree char *wrong = g_build_filename (tmpdir, "wrong.json", NULL);
    PsNetwork *other = ps_network_new_from_spec ("5,2:sigmoid,1:sigmoid", NULL);
    PsSnapshot *snap = ps_window_get_snapshot (f->win);

    g_assert_true (ps_model_save (other, wrong, NULL));
    ps_network_free (other);
    ps_window_open_path (f->win, wrong);
    g_assert_nonnull (ps_window_get_error (f->win));
    g_assert_true (ps_window_get_snapshot (f->win) == snap);
  }

  /* saving into a folder that does not exist fails in the banner */
  g_assert_false (ps_window_save_model (f->win, "/nonexistent-dir/model.json"));
  g_assert_nonnull (ps_window_get_error (f->win));
}

/* An experiment on a CSV file: the file loads in the background, then the
 * stored weights are adopted. */
static void
test_experiment_csv (Fixture       *f,
                     gconstpointer  unused)
{
  g_autofree char *csv = write_file ("exp-points.csv",
                                     "p,q,label\n0.1,0.2,0\n0.9,0.8,1\n0.2,0.1,0\n0.8,0.9,1\n");
  g_autofree char *exp = g_build_filename (tmpdir, "csv.psx.json", NULL);
  g_autofree float *saved = NULL;
  const PsNetwork *net;
  gsize n;

  ps_window_open_path (f->win, csv);
  g_assert_true (iterate_until (not_busy, f, 10000));
  activate (f, "win.step");
  g_assert_true (iterate_until (not_running, f, 10000));
  net = ps_window_get_snapshot (f->win)->network;
  n = net->n_params;
  saved = g_memdup2 (net->params, sizeof (float) * n);
  g_assert_true (ps_window_save_experiment (f->win, exp));

  ps_dataset_panel_select (f->data, "and");
  g_assert_cmpstr (source_id (f), ==, "and");
  ps_window_open_path (f->win, exp);
  g_assert_true (iterate_until (not_busy, f, 10000));
  g_assert_null (ps_window_get_error (f->win));
  g_assert_cmpstr (ps_dataset_get_name (ps_window_get_train (f->win)), ==, "exp-points.csv");
  net = ps_window_get_snapshot (f->win)->network;
  g_assert_cmpuint (net->n_params, ==, n);
  g_assert_cmpmem (net->params, sizeof (float) * n, saved, sizeof (float) * n);
}

/* MNIST shipped in data/datasets/mnist: load, then one epoch. */
static void
test_mnist_epoch (Fixture       *f,
                  gconstpointer  unused)
{
  const char *dir = ps_data_find_dataset_dir ("mnist");
  g_autofree char *source_dir = g_build_filename (PS_SOURCE_DATADIR, "datasets", "mnist", NULL);
  PsDataset *train;
  PsTrainingSettings s;
  PsSnapshot *snap;
  g_autofree float *initial = NULL;

  /* this test program runs from the build tree: the source tree's copy */
  g_assert_true (ps_datadir_is_uninstalled ());
  g_assert_cmpstr (dir, ==, source_dir);
  ps_window_load_idx_folder (f->win, dir);
  g_assert_true (iterate_until (not_busy, f, 30000));
  g_assert_null (ps_window_get_error (f->win));
  train = ps_window_get_train (f->win);
  g_assert_cmpuint (ps_dataset_get_n_features (train), ==, 784);
  g_assert_cmpuint (ps_dataset_get_n_classes (train), ==, 10);
  g_assert_nonnull (ps_window_get_test (f->win));

  /* the Dataset page shows a grid of digits */
  ps_window_set_sidebar_page (f->win, "dataset");
  {
    GtkWidget *picture = ps_dataset_panel_get_picture (f->data);
    g_autofree guint32 *px = NULL;
    int w, h;
    guint ink, paper;

    g_assert_true (PS_IS_SAMPLES_VIEW (picture));
    g_assert_true (gtk_widget_is_drawable (picture));
    g_assert_cmpuint (ps_samples_view_get_n_samples (PS_SAMPLES_VIEW (picture)), >=, 16);
    px = widget_pixels (picture, &w, &h);
    g_assert_cmpint (w, >=, 250);
    g_assert_cmpint (h, >=, 250);
    /* strokes are near-black ink (20, 20, 26) on white tiles */
    ink = count_near (px, (gsize) w * h, 0x14141a, 16);
    paper = count_near (px, (gsize) w * h, 0xffffff, 4);
    g_test_message ("MNIST picture %d x %d: %u ink, %u paper pixels", w, h, ink, paper);
    g_assert_cmpuint (ink, >, 300);
    g_assert_cmpuint (paper, >, ink);
    screenshot (f, "window-dataset-mnist.png");
  }

  ps_window_apply_preset (f->win, "mnist-5-5");
  g_assert_true (iterate_until (dataset_ready, f, 30000));
  ps_training_panel_get_settings (f->panel, &s);
  g_assert_cmpfloat (s.train.val_split, ==, 0.1);
  g_assert_cmpint (s.train.loss, ==, PS_LOSS_CROSS_ENTROPY);
  s.train.epochs = 1;
  ps_training_panel_set_settings (f->panel, &s);
  {
    g_autofree char *spec = ps_network_editor_dup_spec (f->editor);
    g_assert_cmpstr (spec, ==, "784,5:sigmoid,5:sigmoid,10:softmax");
  }
  snap = ps_window_get_snapshot (f->win);
  g_assert_cmpuint (snap->epoch, ==, 0);
  initial = g_memdup2 (snap->network->params, sizeof (float) * snap->network->n_params);
  activate (f, "win.train");
  g_assert_true (iterate_until (not_running, f, 60000));
  snap = ps_window_get_snapshot (f->win);
  g_assert_cmpuint (snap->epoch, ==, 1);
  g_assert_true (snap->history[0].has_val);
  g_assert_true (isfinite (snap->history[0].loss));
  g_assert_cmpfloat (snap->history[0].accuracy, >=, 0.0);
  g_assert_true (memcmp (initial, snap->network->params, sizeof (float) * snap->network->n_params) != 0);
  g_test_message ("MNIST epoch in the window: %.0f samples/s, accuracy %.3f",
                  snap->history[0].samples_per_second, snap->history[0].accuracy);
  screenshot (f, "window-mnist.png");
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  gtk_test_init (&argc, &argv, NULL);

  tmpdir = g_dir_make_tmp ("ps-test-window-XXXXXX", NULL);
  app = ps_application_new ();
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));

  g_test_add ("/window/startup", Fixture, NULL, fixture_setup, test_startup, fixture_teardown);
  g_test_add ("/window/train-xor", Fixture, NULL, fixture_setup, test_train_xor, fixture_teardown);
  g_test_add ("/window/presets", Fixture, NULL, fixture_setup, test_presets, fixture_teardown);
  g_test_add ("/window/network-editor", Fixture, NULL, fixture_setup, test_network_editor, fixture_teardown);
  g_test_add ("/window/model-classes-and-scaling", Fixture, NULL, fixture_setup, test_model_classes_and_scaling, fixture_teardown);
  g_test_add ("/window/csv-good-and-bad", Fixture, NULL, fixture_setup, test_csv_good_and_bad, fixture_teardown);
  g_test_add ("/window/dataset-picture", Fixture, NULL, fixture_setup, test_dataset_picture, fixture_teardown);
  g_test_add ("/window/space-train-pause", Fixture, NULL, fixture_setup, test_space_train_pause, fixture_teardown);
  g_test_add ("/window/pause-resume", Fixture, NULL, fixture_setup, test_pause_resume, fixture_teardown);
  g_test_add ("/window/save-load", Fixture, NULL, fixture_setup, test_save_load, fixture_teardown);
  g_test_add ("/window/experiment-csv", Fixture, NULL, fixture_setup, test_experiment_csv, fixture_teardown);
  g_test_add ("/window/mnist-epoch", Fixture, NULL, fixture_setup, test_mnist_epoch, fixture_teardown);
  g_test_add ("/window/drop-file", Fixture, NULL, fixture_setup, test_drop_file, fixture_teardown);
  g_test_add ("/window/cancel-load", Fixture, NULL, fixture_setup, test_cancel_load, fixture_teardown);
  g_test_add ("/window/about-and-shortcuts", Fixture, NULL, fixture_setup, test_about_and_shortcuts, fixture_teardown);
  g_test_add ("/window/diverging-run", Fixture, NULL, fixture_setup, test_diverging_run, fixture_teardown);
  g_test_add ("/window/diverged-layout", Fixture, NULL, fixture_setup, test_diverged_layout, fixture_teardown);
  g_test_add ("/window/csv-gz", Fixture, NULL, fixture_setup, test_csv_gz, fixture_teardown);
  g_test_add ("/window/csv-first-column-label", Fixture, NULL, fixture_setup, test_csv_first_column_label, fixture_teardown);
  g_test_add ("/window/csv-not-regular", Fixture, NULL, fixture_setup, test_csv_not_regular, fixture_teardown);
  g_test_add ("/window/perceptron-no-split", Fixture, NULL, fixture_setup, test_perceptron_no_split, fixture_teardown);
  g_test_add ("/window/session-views", Fixture, NULL, fixture_setup, test_session_views, fixture_teardown);
  g_test_add_func ("/window/window-size-clamped", test_window_size_clamped);
  g_test_add ("/window/step-after-pause", Fixture, NULL, fixture_setup, test_step_after_pause, fixture_teardown);
  g_test_add ("/window/export-status", Fixture, NULL, fixture_setup, test_export_status, fixture_teardown);
  g_test_add ("/window/summary-fits", Fixture, NULL, fixture_setup, test_summary_fits, fixture_teardown);
  g_test_add_func ("/window/close-while-training", test_close_while_training);
  g_test_add_func ("/window/settings-remembered", test_settings_remembered);

  ret = g_test_run ();

  g_object_unref (app);
  {
    g_autoptr(GDir) d = g_dir_open (tmpdir, 0, NULL);
    const char *name;

    while (d != NULL && (name = g_dir_read_name (d)) != NULL)
      {
        g_autofree char *p = g_build_filename (tmpdir, name, NULL);
        g_unlink (p);
      }
    g_rmdir (tmpdir);
  }
  g_free (tmpdir);
  return ret;
}
