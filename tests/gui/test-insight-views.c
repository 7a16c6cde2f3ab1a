/* test-insight-views.c: the Separability and Error surface views, in-process
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each test shows a view in a real window under Xvfb, with a snapshot of a
 * gate table or a short seeded run, and reads back its words (labels and
 * accessible descriptions) and pixels. PNGs of the views go to
 * $GUI_TEST_OUTDIR: separability-*.png, surface-*.png.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <math.h>
#include <string.h>

#include "ps-generators.h"
#include "ps-plot.h"
#include "ps-rng.h"
#include "ps-separability-view.h"
#include "ps-session.h"
#include "ps-snapshot.h"
#include "ps-surface-view.h"
#include "ps-timeline.h"
#include "ps-trainer.h"
#include "gui-test-util.h"

/* ---- helpers -------------------------------------------------------------- */

static char *
out_path (const char *name)
{
  const char *dir = g_getenv ("GUI_TEST_OUTDIR");

  if (dir == NULL)
    dir = g_get_tmp_dir ();
  g_mkdir_with_parents (dir, 0755);
  return g_build_filename (dir, name, NULL);
}

static void
assert_description_contains (GtkWidget  *widget,
                             const char *needle)
{
  g_autofree char *differs = NULL;

  iterate ();
  /* an impossible expected value makes GTK hand back the actual one */
  differs = gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget),
                                                GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                                "\x01");
  g_assert_nonnull (differs);
  if (strstr (differs, needle) == NULL)
    g_error ("%s describes itself as \"%s\", without \"%s\"",
             G_OBJECT_TYPE_NAME (widget), differs, needle);
}

/* The mapped widget as its window draws it, written to NAME.png. */
static GdkTexture *
grab (GtkWidget  *w,
      const char *name)
{
  g_autofree char *base = g_strconcat (name, ".png", NULL);
  g_autofree char *path = out_path (base);
  int wd, ht;
  GdkPaintable *p;
  GtkSnapshot *s;
  GskRenderNode *node;
  GskRenderer *r;
  GdkTexture *t;

  iterate ();
  gtk_test_widget_wait_for_draw (GTK_WIDGET (gtk_widget_get_root (w)));
  wd = gtk_widget_get_width (w);
  ht = gtk_widget_get_height (w);
  p = gtk_widget_paintable_new (w);
  s = gtk_snapshot_new ();
  gdk_paintable_snapshot (p, s, wd, ht);
  node = gtk_snapshot_free_to_node (s);
  g_assert_nonnull (node);
  r = gtk_native_get_renderer (gtk_widget_get_native (w));
  t = gsk_renderer_render_texture (r, node, &GRAPHENE_RECT_INIT (0, 0, wd, ht));
  gsk_render_node_unref (node);
  g_object_unref (p);
  g_assert_true (gdk_texture_save_to_png (t, path));
  g_test_message ("wrote %s", path);

  return t;
}

/* Distinct colours among a texture's pixels (up to a cap): a blank picture
 * has one or two. */
static guint
count_colours (GdkTexture *t)
{
  int w = gdk_texture_get_width (t), h = gdk_texture_get_height (t);
  g_autofree guint32 *px = g_new (guint32, (gsize) w * h);
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);

  gdk_texture_download (t, (guchar *) px, (gsize) w * 4);
  for (gsize i = 0; i < (gsize) w * h && g_hash_table_size (seen) < 4096; i++)
    g_hash_table_add (seen, GUINT_TO_POINTER (px[i] | 1));
  return g_hash_table_size (seen);
}

static PsSnapshot *
gate_snapshot (const char *gate)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PsDataset) data = ps_dataset_new_gate (gate, &error);
  g_autofree char *spec = NULL;
  PsNetwork *net;
  PsSnapshot *snap;

  g_assert_no_error (error);
  spec = g_strdup_printf ("%" G_GSIZE_FORMAT ",1:step", ps_dataset_get_n_features (data));
  net = ps_network_new_from_spec (spec, &error);
  g_assert_no_error (error);
  snap = ps_snapshot_new (net, NULL, 0, data, NULL, PS_LOSS_MSE);
  ps_network_free (net);
  return snap;
}

/* ---- separability --------------------------------------------------------- */

/* XOR: the verdict, the inequalities and the contradiction under the plot,
 * the hulls drawn; the picture is separability-xor.png. */
static void
test_separability_xor (void)
{
  g_autoptr(PsSnapshot) snap = gate_snapshot ("xor");
  GtkWidget *view = ps_separability_view_new ();
  GtkWidget *win, *details;
  const char *text;
  g_autoptr(GdkTexture) shot = NULL;

  ps_separability_view_set_snapshot (PS_SEPARABILITY_VIEW (view), snap);
  win = show_in_window (view, 640, 720);
  g_assert_cmpstr (ps_separability_view_get_verdict (PS_SEPARABILITY_VIEW (view)), ==,
                   "The training set is not linearly separable.");
  g_assert_nonnull (find_label (view, "not linearly separable"));
  text = ps_separability_view_get_details (PS_SEPARABILITY_VIEW (view));
  g_assert_nonnull (text);
  g_assert_nonnull (strstr (text, "w₁ + w₂ + b ≤ 0"));
  g_assert_nonnull (strstr (text, "b ≤ 0"));
  g_assert_nonnull (strstr (text, "cannot be > 0 and ≤ 0 at once"));
  details = find_label (view, "Rows 2 and 3");
  g_assert_nonnull (details);
  g_assert_true (gtk_widget_has_css_class (details, "monospace"));
  g_assert_true (ps_separability_view_has_data (PS_SEPARABILITY_VIEW (view)));
  assert_description_contains (find_area (view), "not linearly separable");
  assert_description_contains (find_area (view), "crosses");

  shot = grab (view, "separability-xor");
  g_assert_cmpuint (count_colours (shot), >, 20);

  /* the export draws the same plot */
  {
    g_autofree char *path = out_path ("separability-xor-export.png");
    g_autoptr(GError) error = NULL;

    g_assert_true (ps_plot_export (path, 640, 480, ps_separability_view_render, view, &error));
    g_assert_no_error (error);
  }
  gtk_window_destroy (GTK_WINDOW (win));
}

/* AND: separable, the line's w and b in words, the rows' inequalities. */
static void
test_separability_and (void)
{
  g_autoptr(PsSnapshot) snap = gate_snapshot ("and");
  GtkWidget *view = ps_separability_view_new ();
  GtkWidget *win;
  const char *text;

  ps_separability_view_set_snapshot (PS_SEPARABILITY_VIEW (view), snap);
  win = show_in_window (view, 640, 640);
  g_assert_cmpstr (ps_separability_view_get_verdict (PS_SEPARABILITY_VIEW (view)), ==,
                   "The training set is linearly separable.");
  text = ps_separability_view_get_details (PS_SEPARABILITY_VIEW (view));
  g_assert_nonnull (strstr (text, "The line w·x + b = 0 with w = (2, 2) and b = -3"));
  g_assert_nonnull (strstr (text, "All hold for"));
  assert_description_contains (find_area (view), "Linearly separable");
  g_object_unref (grab (view, "separability-and"));
  gtk_window_destroy (GTK_WINDOW (win));
}

/* A 3-feature table: the verdict and the plane in words, the samples and
 * the plane drawn in their box (separability-or3.png); OR3 is separable. */
static void
test_separability_3d (void)
{
  g_autoptr(PsSnapshot) snap = gate_snapshot ("or3");
  GtkWidget *view = ps_separability_view_new ();
  GtkWidget *win;
  const char *text;

  ps_separability_view_set_snapshot (PS_SEPARABILITY_VIEW (view), snap);
  win = show_in_window (view, 640, 640);
  g_assert_cmpstr (ps_separability_view_get_verdict (PS_SEPARABILITY_VIEW (view)), ==,
                   "The training set is linearly separable.");
  text = ps_separability_view_get_details (PS_SEPARABILITY_VIEW (view));
  g_assert_nonnull (strstr (text, "The plane w·x + b = 0 with w = ("));
  g_assert_nonnull (strstr (text, "w₃"));
  g_assert_true (ps_separability_view_has_data (PS_SEPARABILITY_VIEW (view)));
  {
    g_autoptr(GdkTexture) shot = grab (view, "separability-or3");

    g_assert_cmpuint (count_colours (shot), >, 20);
  }
  gtk_window_destroy (GTK_WINDOW (win));
}

/* Data it does not apply to says so; no snapshot says so too. */
static void
test_separability_other_data (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PsDataset) three = ps_dataset_new ("three classes", 6, 2, 3);
  PsNetwork *net;
  g_autoptr(PsSnapshot) snap = NULL;
  GtkWidget *view = ps_separability_view_new ();
  GtkWidget *win = show_in_window (view, 480, 360);

  g_assert_no_error (error);
  g_assert_nonnull (find_label (view, "No training set yet"));
  net = ps_network_new_from_spec ("2,3:softmax", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 6; i++)
    ps_dataset_get_labels_writable (three)[i] = i % 3;
  snap = ps_snapshot_new (net, NULL, 0, three, NULL, PS_LOSS_CROSS_ENTROPY);
  ps_network_free (net);
  ps_separability_view_set_snapshot (PS_SEPARABILITY_VIEW (view), snap);
  iterate ();
  g_assert_null (ps_separability_view_get_verdict (PS_SEPARABILITY_VIEW (view)));
  g_assert_nonnull (find_label (view, "2 or 3 features and 2 classes"));
  g_assert_false (ps_separability_view_has_data (PS_SEPARABILITY_VIEW (view)));
  gtk_window_destroy (GTK_WINDOW (win));
}

/* ---- error surface -------------------------------------------------------- */

typedef struct
{
  PsTimeline *timeline;
  PsNetwork  *net;
} Recorder;

static void
record_epoch (PsTrainer            *trainer,
              const PsEpochMetrics *metrics,
              gboolean              epoch_done,
              gpointer              user_data)
{
  Recorder *r = user_data;

  if (epoch_done)
    ps_timeline_offer (r->timeline, metrics->epoch, r->net->params, FALSE);
}

/* The notebook's XOR on [2, 3, 1] (sigmoid, one sample a step), seeded,
 * @epochs epochs with every epoch on @timeline (epoch 0: the initial
 * weights). Returns the live snapshot. */
static PsSnapshot *
train_xor (guint        epochs,
           PsTimeline **timeline_out)
{
  const guint units[] = { 2, 3, 1 };
  const PsActivation acts[] = { PS_ACTIVATION_SIGMOID, PS_ACTIVATION_SIGMOID };
  g_autoptr(GError) error = NULL;
  g_autoptr(PsDataset) xor = ps_dataset_new_gate ("xor", &error);
  PsNetwork *net = ps_network_new (units, acts, 3);
  PsTimeline *timeline = ps_timeline_new (net->n_params, PS_TIMELINE_DEFAULT_BUDGET);
  Recorder recorder = { timeline, net };
  const PsEpochMetrics *history;
  PsTrainConfig config;
  PsTrainer *trainer;
  PsSnapshot *live;
  PsRng rng;
  guint n = 0;

  g_assert_no_error (error);
  ps_network_adopt_dataset (net, xor);
  ps_rng_seed (&rng, 42);
  ps_network_init (net, PS_INIT_NOTEBOOK, &rng);
  g_assert_true (ps_timeline_offer (timeline, 0, net->params, TRUE));
  ps_train_config_init (&config);
  config.epochs = epochs;
  config.batch_size = 1;
  config.optimizer.lr = 0.5;
  config.seed = 7;
  trainer = ps_trainer_new (net, xor, NULL, &config, &error);
  g_assert_no_error (error);
  ps_trainer_set_progress (trainer, record_epoch, 0, &recorder);
  g_assert_cmpint (ps_trainer_run (trainer, 0, &error), ==, PS_TRAIN_FINISHED);
  g_assert_no_error (error);
  history = ps_trainer_get_history (trainer, &n);
  g_assert_cmpuint (n, ==, epochs);
  live = ps_snapshot_new (net, history, n, xor, NULL, config.loss);
  ps_trainer_free (trainer);
  ps_network_free (net);
  *timeline_out = timeline;
  return live;
}

/* Runs the main loop until the view has no request left (the worker's
 * answer arrives there). */
static void
wait_computed (GtkWidget *view)
{
  gint64 end = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (ps_surface_view_is_computing (PS_SURFACE_VIEW (view)))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      g_main_context_iteration (NULL, TRUE);
    }
  iterate ();
}

static GtkDropDown *
find_dropdown (GtkWidget *widget,
               guint      nth)
{
  guint seen = 0;
  GtkWidget *w = widget;

  /* depth first, in the order the template lists them */
  while (w != NULL)
    {
      if (GTK_IS_DROP_DOWN (w) && seen++ == nth)
        return GTK_DROP_DOWN (w);
      if (gtk_widget_get_first_child (w) != NULL && !GTK_IS_DROP_DOWN (w))
        w = gtk_widget_get_first_child (w);
      else
        {
          while (w != NULL && w != widget && gtk_widget_get_next_sibling (w) == NULL)
            w = gtk_widget_get_parent (w);
          if (w == NULL || w == widget)
            return NULL;
          w = gtk_widget_get_next_sibling (w);
        }
    }
  return NULL;
}

static guint
index_of (GtkDropDown *dd,
          const char  *name)
{
  GListModel *model = gtk_drop_down_get_model (dd);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    if (g_str_equal (gtk_string_list_get_string (GTK_STRING_LIST (model), i), name))
      return i;
  g_error ("no %s in the dropdown", name);
  return 0;
}

/* Pixels that differ between two renderings of the view's plot. */
static gsize
count_render_diff (GtkWidget *a_view,
                   cairo_surface_t *b)
{
  int w = cairo_image_surface_get_width (b), h = cairo_image_surface_get_height (b);
  cairo_surface_t *a = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w, h);
  cairo_t *cr = cairo_create (a);
  gsize n = 0;

  ps_surface_view_render (cr, w, h, a_view);
  cairo_destroy (cr);
  cairo_surface_flush (a);
  cairo_surface_flush (b);
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      n += ((guint32 *) (cairo_image_surface_get_data (a) + y * cairo_image_surface_get_stride (a)))[x]
           != ((guint32 *) (cairo_image_surface_get_data (b) + y * cairo_image_surface_get_stride (b)))[x];
  cairo_surface_destroy (a);
  return n;
}

static cairo_surface_t *
render_surface (GtkWidget *view)
{
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 640, 480);
  cairo_t *cr = cairo_create (s);

  ps_surface_view_render (cr, 640, 480, view);
  cairo_destroy (cr);
  return s;
}

/* XOR on [2, 3, 1] after 1500 epochs: the grid is computed in the worker,
 * the path has every checkpoint (1501 points), the epoch is written, and
 * the picture (surface-xor.png) is far from blank; without the timeline
 * the path is one point and the picture differs. */
static void
test_surface_path (void)
{
  g_autoptr(PsTimeline) timeline = NULL;
  g_autoptr(PsSnapshot) live = train_xor (1500, &timeline);
  GtkWidget *view = ps_surface_view_new ();
  g_autofree char *weights = NULL;
  g_autoptr(GdkTexture) shot = NULL;
  cairo_surface_t *with_path;
  GtkWidget *win;

  ps_surface_view_set_timeline (PS_SURFACE_VIEW (view), timeline);
  ps_surface_view_set_snapshot (PS_SURFACE_VIEW (view), live);
  g_assert_true (ps_surface_view_is_computing (PS_SURFACE_VIEW (view)));
  win = show_in_window (view, 720, 600);
  wait_computed (view);
  g_assert_true (ps_surface_view_has_data (PS_SURFACE_VIEW (view)));
  g_assert_cmpuint (ps_surface_view_get_n_computed (PS_SURFACE_VIEW (view)), ==, 1);
  g_assert_cmpuint (ps_surface_view_get_n_path (PS_SURFACE_VIEW (view)), ==, 1501);
  weights = ps_surface_view_dup_weights (PS_SURFACE_VIEW (view));
  g_assert_cmpstr (weights, ==, "w[1:0:0], w[1:1:0]");
  assert_description_contains (find_area (view), "Error surface, epoch 1500");
  assert_description_contains (find_area (view), "over w[1:0:0] and w[1:1:0]");
  assert_description_contains (find_area (view), "path in 1501 points");
  shot = grab (view, "surface-xor");
  g_assert_cmpuint (count_colours (shot), >, 100);
  {
    g_autofree char *path = out_path ("surface-xor-export.png");
    g_autoptr(GError) error = NULL;

    g_assert_true (ps_plot_export (path, 720, 540, ps_surface_view_render, view, &error));
    g_assert_no_error (error);
  }

  with_path = render_surface (view);
  ps_surface_view_set_timeline (PS_SURFACE_VIEW (view), NULL);
  wait_computed (view);
  g_assert_cmpuint (ps_surface_view_get_n_path (PS_SURFACE_VIEW (view)), ==, 1);
  g_assert_cmpuint (count_render_diff (view, with_path), >, 500);
  cairo_surface_destroy (with_path);
  gtk_window_destroy (GTK_WINDOW (win));
}

/* The dropdowns are named, list every parameter, and a new choice
 * computes a new grid; a timeline checkpoint is written as its epoch and
 * its path stops there. */
static void
test_surface_dropdowns (void)
{
  g_autoptr(PsTimeline) timeline = NULL;
  g_autoptr(PsSnapshot) live = train_xor (200, &timeline);
  g_autoptr(PsCheckpoint) cp = ps_timeline_lookup_exact (timeline, 50);
  g_autoptr(PsSnapshot) at50 = ps_snapshot_new_checkpoint (live, cp);
  GtkWidget *view = ps_surface_view_new ();
  GtkDropDown *first, *second;
  GtkWidget *win;
  guint n;

  ps_surface_view_set_timeline (PS_SURFACE_VIEW (view), timeline);
  ps_surface_view_set_snapshot (PS_SURFACE_VIEW (view), live);
  win = show_in_window (view, 640, 480);
  wait_computed (view);
  first = find_dropdown (view, 0);
  second = find_dropdown (view, 1);
  g_assert_nonnull (first);
  g_assert_nonnull (second);
  gtk_test_accessible_assert_property (first, GTK_ACCESSIBLE_PROPERTY_LABEL, "First weight");
  gtk_test_accessible_assert_property (second, GTK_ACCESSIBLE_PROPERTY_LABEL, "Second weight");
  /* 2·3 + 3 + 3·1 + 1 parameters */
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (first)), ==, 13);
  g_assert_cmpuint (index_of (first, "w[2:2:0]"), ==, 11);
  g_assert_cmpuint (index_of (first, "b[1:2]"), ==, 8);

  n = ps_surface_view_get_n_computed (PS_SURFACE_VIEW (view));
  gtk_drop_down_set_selected (second, index_of (second, "b[2:0]"));
  g_assert_true (ps_surface_view_is_computing (PS_SURFACE_VIEW (view)));
  wait_computed (view);
  g_assert_cmpuint (ps_surface_view_get_n_computed (PS_SURFACE_VIEW (view)), ==, n + 1);
  assert_description_contains (find_area (view), "over w[1:0:0] and b[2:0]");

  /* the same weight twice is refused in words */
  gtk_drop_down_set_selected (first, index_of (first, "b[2:0]"));
  g_assert_false (ps_surface_view_has_data (PS_SURFACE_VIEW (view)));
  g_assert_nonnull (find_label (view, "Pick two different weights"));
  gtk_drop_down_set_selected (first, index_of (first, "w[2:1:0]"));
  wait_computed (view);

  ps_surface_view_set_snapshot (PS_SURFACE_VIEW (view), at50);
  wait_computed (view);
  assert_description_contains (find_area (view), "Error surface, epoch 50: the loss over w[2:1:0] and b[2:0]");
  g_assert_cmpuint (ps_surface_view_get_n_path (PS_SURFACE_VIEW (view)), ==, 51);
  g_object_unref (grab (view, "surface-xor-epoch50"));
  gtk_window_destroy (GTK_WINDOW (win));
}

/* A newer request cancels the older: two picks in a row compute one grid,
 * the second pair's; snapshots of a running run start at most one grid
 * per interval. */
static void
test_surface_cancel (void)
{
  g_autoptr(PsTimeline) timeline = NULL;
  g_autoptr(PsSnapshot) live = train_xor (100, &timeline);
  GtkWidget *view = ps_surface_view_new ();
  g_autofree char *weights = NULL;
  GtkWidget *win;
  guint n, c;

  ps_surface_view_set_timeline (PS_SURFACE_VIEW (view), timeline);
  ps_surface_view_set_snapshot (PS_SURFACE_VIEW (view), live);
  win = show_in_window (view, 480, 360);
  wait_computed (view);
  n = ps_surface_view_get_n_computed (PS_SURFACE_VIEW (view));
  c = ps_surface_view_get_n_cancelled (PS_SURFACE_VIEW (view));

  g_assert_true (ps_surface_view_set_weights (PS_SURFACE_VIEW (view), "w[1:0:1]", "w[1:1:1]"));
  g_assert_true (ps_surface_view_set_weights (PS_SURFACE_VIEW (view), "w[2:0:0]", "w[2:1:0]"));
  g_assert_false (ps_surface_view_set_weights (PS_SURFACE_VIEW (view), "w[2:0:0]", "w[2:0:0]"));
  g_assert_false (ps_surface_view_set_weights (PS_SURFACE_VIEW (view), "w[3:0:0]", "w[2:0:0]"));
  wait_computed (view);
  g_assert_cmpuint (ps_surface_view_get_n_computed (PS_SURFACE_VIEW (view)), ==, n + 1);
  g_assert_cmpuint (ps_surface_view_get_n_cancelled (PS_SURFACE_VIEW (view)), ==, c + 1);
  weights = ps_surface_view_dup_weights (PS_SURFACE_VIEW (view));
  g_assert_cmpstr (weights, ==, "w[2:0:0], w[2:1:0]");
  assert_description_contains (find_area (view), "over w[2:0:0] and w[2:1:0]");

  /* 20 snapshots of a running run in a burst: one grid now, one for the
   * latest after the interval, none for those between; a live snapshot
   * never cancels the grid being computed (a slow one would never land) */
  n = ps_surface_view_get_n_computed (PS_SURFACE_VIEW (view));
  c = ps_surface_view_get_n_cancelled (PS_SURFACE_VIEW (view));
  for (guint i = 0; i < 20; i++)
    {
      PsSnapshot *s = ps_snapshot_new (live->network, live->history, live->n_epochs,
                                       live->train, NULL, live->loss);

      s->running = TRUE;
      s->epoch = live->epoch;
      ps_surface_view_set_snapshot (PS_SURFACE_VIEW (view), s);
      ps_snapshot_unref (s);
    }
  wait_computed (view);
  g_assert_cmpuint (ps_surface_view_get_n_computed (PS_SURFACE_VIEW (view)), <=, n + 2);
  g_assert_cmpuint (ps_surface_view_get_n_computed (PS_SURFACE_VIEW (view)), >=, n + 1);
  g_assert_cmpuint (ps_surface_view_get_n_cancelled (PS_SURFACE_VIEW (view)), ==, c);
  gtk_window_destroy (GTK_WINDOW (win));
}

/* With a session (as the window sets it): a run trained by the session, its
 * timeline's checkpoints as the path, and the path of a scrubbed epoch
 * stops there. */
static void
test_surface_session (void)
{
  g_autoptr(PsSession) session = ps_session_new ();
  g_autoptr(PsDatasetSource) xor = ps_dataset_source_new ("xor");
  g_autoptr(GError) error = NULL;
  PsTrainingSettings settings;
  GtkWidget *view = ps_surface_view_new ();
  PsTimeline *timeline;
  GtkWidget *win;
  gint64 end;

  ps_session_load_dataset (session, xor);
  g_assert_true (ps_session_set_network_spec (session, "3:sigmoid,1:sigmoid", &error));
  g_assert_no_error (error);
  ps_session_get_settings (session, &settings);
  settings.train.epochs = 120;
  settings.train.seed = 5;
  ps_session_set_settings (session, &settings);
  ps_session_set_speed (session, PS_SESSION_SPEED_MAX);
  ps_session_rebuild (session);
  g_assert_true (ps_session_start (session, 0, &error));
  g_assert_no_error (error);
  end = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  while (ps_session_is_running (session))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      g_main_context_iteration (NULL, TRUE);
    }
  iterate ();
  timeline = ps_session_get_timeline (session);
  g_assert_cmpuint (ps_timeline_get_last_epoch (timeline), ==, 120);

  ps_surface_view_set_session (PS_SURFACE_VIEW (view), session);
  ps_surface_view_set_snapshot (PS_SURFACE_VIEW (view), ps_session_get_view_snapshot (session));
  win = show_in_window (view, 640, 480);
  wait_computed (view);
  g_assert_cmpuint (ps_surface_view_get_n_path (PS_SURFACE_VIEW (view)), ==, ps_timeline_get_n (timeline));
  assert_description_contains (find_area (view), "Error surface, epoch 120");

  ps_session_set_view_epoch (session, 40);
  ps_surface_view_set_snapshot (PS_SURFACE_VIEW (view), ps_session_get_view_snapshot (session));
  wait_computed (view);
  assert_description_contains (find_area (view), "Error surface, epoch 40");
  g_assert_cmpuint (ps_surface_view_get_n_path (PS_SURFACE_VIEW (view)), ==, 41);
  gtk_window_destroy (GTK_WINDOW (win));
}

int
main (int   argc,
      char *argv[])
{
  /* GTK's test accessibility backend: descriptions are read back */
  g_setenv ("GTK_A11Y", "test", TRUE);
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/insight/separability/xor", test_separability_xor);
  g_test_add_func ("/insight/separability/and", test_separability_and);
  g_test_add_func ("/insight/separability/three-features", test_separability_3d);
  g_test_add_func ("/insight/separability/other-data", test_separability_other_data);

  g_test_add_func ("/insight/surface/path", test_surface_path);
  g_test_add_func ("/insight/surface/dropdowns", test_surface_dropdowns);
  g_test_add_func ("/insight/surface/cancel", test_surface_cancel);
  g_test_add_func ("/insight/surface/session", test_surface_session);

  return g_test_run ();
}
