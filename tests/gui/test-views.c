/* test-views.c: the live views, the evaluate and export dialogs, in-process
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each test builds a synthetic snapshot (a hand-set network, a tiny dataset),
 * shows a view in a real window under Xvfb and checks its pixels through the
 * window's own renderer. PNGs of every view go to $GUI_TEST_OUTDIR.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <math.h>
#include <string.h>

#include "ps-boundary-view.h"
#include "ps-curves-view.h"
#include "ps-evaluate-dialog.h"
#include "ps-export-dialog.h"
#include "ps-hidden-view.h"
#include "ps-network-view.h"
#include "ps-plot.h"
#include "ps-samples-view.h"
#include "ps-snapshot.h"
#include "ps-timeline.h"
#include "ps-rng.h"
#include "ps-weights-view.h"
#include "ps-generators.h"
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

/* Renders a mapped widget with its window's renderer. */
static GdkTexture *
render_widget (GtkWidget *w)
{
  int wd, ht;
  GdkPaintable *p;
  GtkSnapshot *s;
  GskRenderNode *node;
  GskRenderer *r;
  GdkTexture *t;

  /* A child the stack just showed is laid out on the next frame. */
  iterate ();
  gtk_test_widget_wait_for_draw (GTK_WIDGET (gtk_widget_get_root (w)));
  wd = gtk_widget_get_width (w);
  ht = gtk_widget_get_height (w);
  p = gtk_widget_paintable_new (w);
  s = gtk_snapshot_new ();
  gdk_paintable_snapshot (p, s, wd, ht);
  node = gtk_snapshot_free_to_node (s);
  if (node == NULL)
    g_test_message ("no node for %s %dx%d mapped %d", G_OBJECT_TYPE_NAME (w), wd, ht, gtk_widget_get_mapped (w));
  g_assert_nonnull (node);
  r = gtk_native_get_renderer (gtk_widget_get_native (w));
  t = gsk_renderer_render_texture (r, node, &GRAPHENE_RECT_INIT (0, 0, wd, ht));
  gsk_render_node_unref (node);
  g_object_unref (p);

  return t;
}

typedef struct
{
  int      width, height;
  guint32 *px;            /* 0xAARRGGBB, premultiplied */
} Pixels;

static void
pixels_clear (Pixels *p)
{
  g_free (p->px);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Pixels, pixels_clear)

static void
pixels_from_texture (Pixels     *p,
                     GdkTexture *t)
{
  p->width = gdk_texture_get_width (t);
  p->height = gdk_texture_get_height (t);
  p->px = g_new (guint32, (gsize) p->width * p->height);
  gdk_texture_download (t, (guchar *) p->px, p->width * 4);
}

/* Renders the view's plot, saves it as name.png in the output dir. */
static void
grab (GtkWidget  *view,
      const char *name,
      Pixels     *p)
{
  GtkWidget *area = find_area (view);
  g_autoptr(GdkTexture) t = NULL;
  g_autofree char *file = g_strconcat (name, ".png", NULL);
  g_autofree char *path = out_path (file);

  g_assert_nonnull (area);
  t = render_widget (area);
  gdk_texture_save_to_png (t, path);
  pixels_from_texture (p, t);
}

static guint32
pixel (const Pixels *p,
       int           x,
       int           y)
{
  g_assert_cmpint (x, >=, 0);
  g_assert_cmpint (y, >=, 0);
  g_assert_cmpint (x, <, p->width);
  g_assert_cmpint (y, <, p->height);
  return p->px[(gsize) y * p->width + x];
}

static double
distance_to (guint32            argb,
             const PsPlotColor *c)
{
  double r = ((argb >> 16) & 0xff) / 255.0;
  double g = ((argb >> 8) & 0xff) / 255.0;
  double b = (argb & 0xff) / 255.0;

  return sqrt ((r - c->r) * (r - c->r) + (g - c->g) * (g - c->g) + (b - c->b) * (b - c->b));
}

/* How many pixels differ between two same-size renders. */
static gsize
count_different (const Pixels *a,
                 const Pixels *b)
{
  gsize n = 0;

  g_assert_cmpint (a->width, ==, b->width);
  g_assert_cmpint (a->height, ==, b->height);
  for (gsize i = 0; i < (gsize) a->width * a->height; i++)
    n += a->px[i] != b->px[i];
  return n;
}

/* Two clusters: class 0 on the left (x < 0), class 1 on the right. */
static PsDataset *
make_blobs (const char *name)
{
  static const float xy[] = {
    -1.0f, -1.0f,   -1.0f, 1.0f,   -0.8f, 0.1f,   -0.9f, 0.5f,
     1.0f,  1.0f,    1.0f, -1.0f,   0.8f, -0.1f,   0.9f, -0.5f,
  };
  PsDataset *d = ps_dataset_new (name, 8, 2, 2);

  memcpy (ps_dataset_get_x_writable (d), xy, sizeof xy);
  for (guint i = 0; i < 8; i++)
    ps_dataset_get_labels_writable (d)[i] = i >= 4;
  return d;
}

/* 2 → 1 sigmoid with P(class 1) = σ(sign · 10 x). */
static PsNetwork *
make_linear_net (float sign)
{
  const guint units[] = { 2, 1 };
  const PsActivation acts[] = { PS_ACTIVATION_SIGMOID };
  PsNetwork *net = ps_network_new (units, acts, 2);

  net->params[net->layers[0].w_offset + 0] = 10.f * sign;
  net->params[net->layers[0].w_offset + 1] = 0.f;
  net->params[net->layers[0].b_offset] = 0.f;
  return net;
}

static PsSnapshot *
make_snapshot (PsNetwork *net,
               PsDataset *train,
               PsDataset *test,
               guint      n_epochs)
{
  g_autofree PsEpochMetrics *history = g_new0 (PsEpochMetrics, MAX (n_epochs, 1));

  for (guint i = 0; i < n_epochs; i++)
    {
      history[i].epoch = i + 1;
      history[i].loss = 0.7 / (1 + i);
      history[i].accuracy = 0.5 + 0.5 * i / MAX (n_epochs - 1, 1);
      history[i].has_val = TRUE;
      history[i].val_loss = 0.8 / (1 + i);
      history[i].val_accuracy = 0.45 + 0.5 * i / MAX (n_epochs - 1, 1);
    }
  return ps_snapshot_new (net, history, n_epochs, train, test, PS_LOSS_MSE);
}

/* ---- boundary ------------------------------------------------------------- */

/* Counts probes (away from the points and from x = 0) whose colour is nearer
 * the class colour of the side the network puts them on. */
static void
check_sides (PsBoundaryView *view,
             const Pixels   *p,
             float           sign,
             guint          *right,
             guint          *wrong)
{
  PsPlotColor c0, c1;

  ps_plot_class_color (0, &c0);
  ps_plot_class_color (1, &c1);
  *right = *wrong = 0;

  for (int py = 0; py < p->height; py += 11)
    for (int px = 0; px < p->width; px += 11)
      {
        double x, y, d0, d1;
        gboolean class1;
        guint32 argb;

        if (!ps_boundary_view_to_data (view, px + 0.5, py + 0.5, &x, &y))
          continue;
        /* Away from the boundary and the points (markers, contour labels). */
        if (fabs (x) < 0.35 || fabs (fabs (x) - 0.9) < 0.25)
          continue;
        argb = pixel (p, px, py);
        d0 = distance_to (argb, &c0);
        d1 = distance_to (argb, &c1);
        class1 = sign * x > 0;
        if ((class1 && d1 < d0) || (!class1 && d0 < d1))
          (*right)++;
        else
          (*wrong)++;
      }
}

static void
test_boundary_colours (void)
{
  g_autoptr(PsDataset) train = make_blobs ("blobs");
  PsNetwork *net = make_linear_net (1);
  g_autoptr(PsSnapshot) snap = make_snapshot (net, train, NULL, 3);
  GtkWidget *view = ps_boundary_view_new ();
  GtkWidget *win;
  g_auto(Pixels) shaded = { 0 };
  g_auto(Pixels) hard = { 0 };
  g_auto(Pixels) flipped = { 0 };
  g_autoptr(PsSnapshot) snap2 = NULL;
  guint right, wrong;
  double x, y;

  ps_network_free (net);
  win = show_in_window (view, 520, 460);
  g_assert_false (ps_boundary_view_has_data (PS_BOUNDARY_VIEW (view)));

  ps_boundary_view_set_snapshot (PS_BOUNDARY_VIEW (view), snap);
  g_assert_true (ps_boundary_view_has_data (PS_BOUNDARY_VIEW (view)));
  grab (view, "boundary-shaded", &shaded);

  /* The plot maps its centre into the data box. */
  g_assert_true (ps_boundary_view_to_data (PS_BOUNDARY_VIEW (view),
                                           shaded.width / 2.0, shaded.height / 2.0, &x, &y));
  g_assert_cmpfloat (x, >, -1.2);
  g_assert_cmpfloat (x, <, 1.2);

  check_sides (PS_BOUNDARY_VIEW (view), &shaded, 1, &right, &wrong);
  g_assert_cmpuint (right, >, 80);
  g_assert_cmpuint (wrong, <, right / 50);

  ps_boundary_view_set_discretize (PS_BOUNDARY_VIEW (view), TRUE);
  grab (view, "boundary-discrete", &hard);
  g_assert_cmpuint (count_different (&shaded, &hard), >, 1000);
  check_sides (PS_BOUNDARY_VIEW (view), &hard, 1, &right, &wrong);
  g_assert_cmpuint (right, >, 80);
  g_assert_cmpuint (wrong, <, right / 50);

  /* The opposite network paints the opposite sides. */
  net = make_linear_net (-1);
  snap2 = make_snapshot (net, train, NULL, 4);
  ps_network_free (net);
  ps_boundary_view_set_snapshot (PS_BOUNDARY_VIEW (view), snap2);
  grab (view, "boundary-flipped", &flipped);
  check_sides (PS_BOUNDARY_VIEW (view), &flipped, -1, &right, &wrong);
  g_assert_cmpuint (right, >, 80);
  g_assert_cmpuint (wrong, <, right / 50);

  gtk_window_destroy (GTK_WINDOW (win));
}

static void
check_same_grid (const PsBoundaryGrid *a,
                 const PsBoundaryGrid *b)
{
  gsize n;

  g_assert_nonnull (a);
  g_assert_nonnull (b);
  g_assert_cmpuint (a->rows, ==, b->rows);
  g_assert_cmpuint (a->cols, ==, b->cols);
  g_assert_cmpuint (a->n_classes, ==, b->n_classes);
  g_assert_cmpuint (a->n_lines, ==, b->n_lines);
  g_assert_true ((a->p1 == NULL) == (b->p1 == NULL));
  n = (gsize) a->rows * a->cols;
  g_assert_cmpmem (a->classes, n * sizeof (guint32), b->classes, n * sizeof (guint32));
  g_assert_cmpmem (a->confidence, n * sizeof (float), b->confidence, n * sizeof (float));
  if (a->p1 != NULL)
    g_assert_cmpmem (a->p1, n * sizeof (float), b->p1, n * sizeof (float));
  if (a->n_lines > 0)
    g_assert_cmpmem (a->lines, a->n_lines * 3 * sizeof (float), b->lines, b->n_lines * 3 * sizeof (float));
}

/* The view evaluates its grid in reused buffers; it must be exactly what the
 * core (and so `perceptron plot boundary`) computes. */
static void
test_boundary_grid_matches_core (void)
{
  g_autoptr(PsDataset) train = ps_dataset_new_generated (PS_GENERATOR_MOONS, 60, 0.1, 3, NULL);
  const guint units[] = { 2, 5, 3 };
  const PsActivation acts[] = { PS_ACTIVATION_TANH, PS_ACTIVATION_SOFTMAX };
  const guint step_units[] = { 2, 2, 1 };
  const PsActivation step_acts[] = { PS_ACTIVATION_STEP, PS_ACTIVATION_SIGMOID };
  PsBoundaryView *view = PS_BOUNDARY_VIEW (ps_boundary_view_new ());
  PsRng rng;
  PsNetwork *nets[2] = { ps_network_new (units, acts, 3), ps_network_new (step_units, step_acts, 3) };
  const guint32 *first_buffer = NULL;

  g_object_ref_sink (view);
  ps_rng_seed (&rng, 11);
  ps_dataset_set_scaling (train, PS_SCALING_STANDARD, NULL);

  for (guint round = 0; round < 2; round++)
    for (guint k = 0; k < G_N_ELEMENTS (nets); k++)
      {
        g_autoptr(PsSnapshot) snap = NULL;
        g_autoptr(PsBoundaryGrid) core = NULL;
        const PsBoundaryGrid *mine;
        double x0, x1, y0, y1;
        guint rows, cols;

        ps_network_init (nets[k], PS_INIT_GLOROT, &rng);
        snap = make_snapshot (nets[k], train, NULL, 1);
        ps_boundary_view_set_snapshot (view, snap);
        mine = ps_boundary_view_get_grid (view, 333, 250);
        ps_boundary_view_grid_size (333, 250, &rows, &cols);
        ps_dataset_bounds_2d (train, 0.1, &x0, &x1, &y0, &y1);
        core = ps_boundary_grid_new (snap->network, train, x0, x1, y0, y1, rows, cols);
        check_same_grid (mine, core);
        if (k == 1)
          g_assert_cmpuint (mine->n_lines, ==, 2);

        /* The second round of snapshots reuses the buffers of the first. */
        if (first_buffer == NULL)
          first_buffer = mine->classes;
        else
          g_assert_true (mine->classes == first_buffer);
      }

  ps_network_free (nets[0]);
  ps_network_free (nets[1]);
  g_object_unref (view);
}

/* Three classes from a softmax layer: the class-grid path of the plot. */
static void
test_boundary_multiclass (void)
{
  static const float xy[] = {
    -1.0f, -1.0f,  -0.8f, -0.2f,  -0.6f, -0.7f,
     1.0f, -1.0f,   0.8f, -0.2f,   0.6f, -0.7f,
    -0.5f,  1.0f,   0.0f,  0.9f,   0.5f,  1.0f,
  };
  g_autoptr(PsDataset) train = ps_dataset_new ("three", 9, 2, 3);
  const guint units[] = { 2, 3 };
  const PsActivation acts[] = { PS_ACTIVATION_SOFTMAX };
  PsNetwork *net = ps_network_new (units, acts, 2);
  g_autoptr(PsSnapshot) snap = NULL;
  GtkWidget *view = ps_boundary_view_new ();
  GtkWidget *win;
  PsPlotColor colors[3];
  guint right = 0, wrong = 0;
  float *w = net->params + net->layers[0].w_offset;
  float *b = net->params + net->layers[0].b_offset;

  memcpy (ps_dataset_get_x_writable (train), xy, sizeof xy);
  for (guint i = 0; i < 9; i++)
    ps_dataset_get_labels_writable (train)[i] = i / 3;
  /* z0 = −5x, z1 = 5x, z2 = 10y − 3: the top is class 2, then x's sign. */
  w[0 * 3 + 0] = -5; w[0 * 3 + 1] = 5;
  w[1 * 3 + 2] = 10; b[2] = -3;
  snap = make_snapshot (net, train, NULL, 1);
  ps_network_free (net);
  for (guint k = 0; k < 3; k++)
    ps_plot_class_color (k, &colors[k]);

  win = show_in_window (view, 520, 460);
  ps_boundary_view_set_snapshot (PS_BOUNDARY_VIEW (view), snap);
  for (guint pass = 0; pass < 2; pass++)
    {
      g_auto(Pixels) p = { 0 };

      ps_boundary_view_set_discretize (PS_BOUNDARY_VIEW (view), pass == 1);
      grab (view, pass == 0 ? "boundary-3-classes" : "boundary-3-classes-discrete", &p);
      for (int py = 0; py < p.height; py += 11)
        for (int px = 0; px < p.width; px += 11)
          {
            double x, y, z[3], d_best = G_MAXDOUBLE;
            guint expected = 0, nearest = 0;

            if (!ps_boundary_view_to_data (PS_BOUNDARY_VIEW (view), px + 0.5, py + 0.5, &x, &y))
              continue;
            z[0] = -5 * x; z[1] = 5 * x; z[2] = 10 * y - 3;
            for (guint k = 1; k < 3; k++)
              if (z[k] > z[expected])
                expected = k;
            /* Clear of the boundaries (and so of white shading) and of the points. */
            if (fabs (x) < 0.3 || fabs (10 * y - 3 - 5 * fabs (x)) < 3)
              continue;
            for (guint i = 0; i < 9; i++)
              if (hypot (x - xy[i * 2], y - xy[i * 2 + 1]) < 0.2)
                expected = G_MAXUINT;
            if (expected == G_MAXUINT)
              continue;
            for (guint k = 0; k < 3; k++)
              if (distance_to (pixel (&p, px, py), &colors[k]) < d_best)
                {
                  d_best = distance_to (pixel (&p, px, py), &colors[k]);
                  nearest = k;
                }
            if (nearest == expected)
              right++;
            else
              wrong++;
          }
    }
  g_assert_cmpuint (right, >, 80);
  g_assert_cmpuint (wrong, <, right / 50);

  gtk_window_destroy (GTK_WINDOW (win));
}

static void
test_boundary_test_points (void)
{
  g_autoptr(PsDataset) train = make_blobs ("blobs");
  g_autoptr(PsDataset) test = make_blobs ("blobs-test");
  PsNetwork *net = make_linear_net (1);
  g_autoptr(PsSnapshot) snap = NULL;
  GtkWidget *view = ps_boundary_view_new ();
  GtkWidget *win;
  g_auto(Pixels) with = { 0 };
  g_auto(Pixels) without = { 0 };

  /* Test points where there are no training points. */
  for (guint i = 0; i < ps_dataset_get_n_samples (test); i++)
    ps_dataset_get_x_writable (test)[i * 2 + 1] *= -0.5f;
  snap = make_snapshot (net, train, test, 1);
  ps_network_free (net);

  win = show_in_window (view, 480, 420);
  ps_boundary_view_set_snapshot (PS_BOUNDARY_VIEW (view), snap);
  g_assert_true (ps_boundary_view_get_show_test (PS_BOUNDARY_VIEW (view)));
  grab (view, "boundary-test-on", &with);
  ps_boundary_view_set_show_test (PS_BOUNDARY_VIEW (view), FALSE);
  grab (view, "boundary-test-off", &without);
  g_assert_cmpuint (count_different (&with, &without), >, 50);

  gtk_window_destroy (GTK_WINDOW (win));
}

static void
test_boundary_perceptron_lines (void)
{
  g_autoptr(PsDataset) train = make_blobs ("blobs");
  const guint units[] = { 2, 1 };
  const PsActivation acts[] = { PS_ACTIVATION_STEP };
  PsNetwork *net = ps_network_new (units, acts, 2);
  g_autoptr(PsSnapshot) snap = NULL;
  GtkWidget *view = ps_boundary_view_new ();
  GtkWidget *win;
  g_auto(Pixels) p = { 0 };
  guint dark = 0;

  /* The line x = 0: w = (1, 0), b = 0. */
  net->params[0] = 1;
  snap = make_snapshot (net, train, NULL, 1);
  ps_network_free (net);

  win = show_in_window (view, 480, 420);
  ps_boundary_view_set_snapshot (PS_BOUNDARY_VIEW (view), snap);
  ps_boundary_view_set_discretize (PS_BOUNDARY_VIEW (view), TRUE);
  grab (view, "boundary-perceptron", &p);

  /* Find the column of data x = 0 (x grows with the column), then look for
   * the dark line there along the middle rows. */
  {
    int lo = 0, hi = p.width - 1, col;
    double x, y;

    while (hi - lo > 1)
      {
        int mid = (lo + hi) / 2;

        if (ps_boundary_view_to_data (PS_BOUNDARY_VIEW (view), mid + 0.5, p.height / 2.0, &x, &y)
            && x < 0)
          lo = mid;
        else if (!ps_boundary_view_to_data (PS_BOUNDARY_VIEW (view), mid + 0.5, p.height / 2.0, &x, &y)
                 && mid < p.width / 2)
          lo = mid;
        else
          hi = mid;
      }
    col = hi;
    g_assert_true (ps_boundary_view_to_data (PS_BOUNDARY_VIEW (view), col + 0.5, p.height / 2.0, &x, &y));
    g_assert_cmpfloat (fabs (x), <, 0.05);

    for (int py = p.height / 3; py < 2 * p.height / 3; py += 5)
      {
        gboolean found = FALSE;

        for (int px = MAX (col - 2, 0); px <= MIN (col + 2, p.width - 1); px++)
          {
            guint32 argb = pixel (&p, px, py);
            int lum = ((argb >> 16) & 0xff) + ((argb >> 8) & 0xff) + (argb & 0xff);

            found = found || lum < 3 * 110;
          }
        dark += found;
      }
  }
  g_assert_cmpuint (dark, >, 5);

  gtk_window_destroy (GTK_WINDOW (win));
}

static void
test_boundary_dataset_only (void)
{
  g_autoptr(PsDataset) train = make_blobs ("blobs");
  g_autoptr(PsDataset) wide = ps_dataset_new ("three", 4, 3, 2);
  GtkWidget *view = ps_boundary_view_new ();
  GtkWidget *win = show_in_window (view, 400, 360);
  g_auto(Pixels) p = { 0 };

  ps_boundary_view_set_dataset (PS_BOUNDARY_VIEW (view), train, NULL);
  g_assert_true (ps_boundary_view_has_data (PS_BOUNDARY_VIEW (view)));
  grab (view, "boundary-dataset", &p);

  /* Not 2-D: nothing to draw, a placeholder says why. */
  ps_boundary_view_set_dataset (PS_BOUNDARY_VIEW (view), wide, NULL);
  g_assert_false (ps_boundary_view_has_data (PS_BOUNDARY_VIEW (view)));
  iterate ();
  g_assert_null (find_area (view));

  gtk_window_destroy (GTK_WINDOW (win));
}

static GtkWidget *
find_check (GtkWidget *w)
{
  if (GTK_IS_CHECK_BUTTON (w))
    return w;
  for (GtkWidget *c = gtk_widget_get_first_child (w); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_check (c);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Issue 8, family 21: data with more than two features (MNIST) gets no
 * boundary, and no check buttons for one. */
static void
test_boundary_controls (void)
{
  g_autoptr(PsDataset) train = make_blobs ("blobs");
  g_autoptr(PsDataset) wide = ps_dataset_new ("784", 4, 784, 10);
  GtkWidget *view = ps_boundary_view_new ();
  GtkWidget *win = show_in_window (view, 400, 360);
  GtkWidget *check = find_check (view);

  g_assert_nonnull (check);
  ps_boundary_view_set_dataset (PS_BOUNDARY_VIEW (view), train, NULL);
  iterate ();
  g_assert_true (gtk_widget_is_visible (check));
  ps_boundary_view_set_dataset (PS_BOUNDARY_VIEW (view), wide, NULL);
  iterate ();
  g_assert_false (gtk_widget_is_visible (check));
  ps_boundary_view_set_dataset (PS_BOUNDARY_VIEW (view), train, NULL);
  iterate ();
  g_assert_true (gtk_widget_is_visible (check));
  gtk_window_destroy (GTK_WINDOW (win));
}

/* ---- curves --------------------------------------------------------------- */

static void
test_curves (void)
{
  g_autoptr(PsDataset) train = make_blobs ("blobs");
  PsNetwork *net = make_linear_net (1);
  g_autoptr(PsSnapshot) one = make_snapshot (net, train, NULL, 1);
  g_autoptr(PsSnapshot) many = make_snapshot (net, train, NULL, 30);
  GtkWidget *view = ps_curves_view_new ();
  GtkWidget *win;
  g_auto(Pixels) a = { 0 };
  g_auto(Pixels) b = { 0 };

  ps_network_free (net);
  win = show_in_window (view, 520, 340);
  g_assert_false (ps_curves_view_has_data (PS_CURVES_VIEW (view)));

  ps_curves_view_set_snapshot (PS_CURVES_VIEW (view), one);
  g_assert_true (ps_curves_view_has_data (PS_CURVES_VIEW (view)));
  grab (view, "curves-1", &a);
  ps_curves_view_set_snapshot (PS_CURVES_VIEW (view), many);
  g_assert_true (ps_curves_view_get_snapshot (PS_CURVES_VIEW (view)) == many);
  grab (view, "curves-30", &b);
  g_assert_cmpuint (count_different (&a, &b), >, 500);

  gtk_window_destroy (GTK_WINDOW (win));
}

/* ---- weights -------------------------------------------------------------- */

static void
test_weights_heatmap (void)
{
  const guint units[] = { 2, 2, 1 };
  const PsActivation acts[] = { PS_ACTIVATION_SIGMOID, PS_ACTIVATION_SIGMOID };
  PsNetwork *net = ps_network_new (units, acts, 3);
  g_autoptr(PsDataset) train = make_blobs ("blobs");
  g_autoptr(PsSnapshot) snap = NULL;
  GtkWidget *view = ps_weights_view_new ();
  GtkWidget *win;
  g_auto(Pixels) p = { 0 };
  g_auto(Pixels) p2 = { 0 };
  PsPlotColor pos, neg;
  guint n_pos = 0, n_neg = 0, n_cells = 0;
  float *w = net->params + net->layers[0].w_offset;

  /* Unit 1 gets +1 from both inputs, unit 2 gets −1. */
  w[0] = 1; w[1] = -1; w[2] = 1; w[3] = -1;
  snap = make_snapshot (net, train, NULL, 1);
  ps_network_free (net);

  win = show_in_window (view, 480, 380);
  ps_weights_view_set_snapshot (PS_WEIGHTS_VIEW (view), snap);
  g_assert_cmpuint (ps_weights_view_get_layer (PS_WEIGHTS_VIEW (view)), ==, 0);
  grab (view, "weights-layer1", &p);

  ps_plot_diverging_color (1, &pos);
  ps_plot_diverging_color (-1, &neg);
  for (int py = 0; py < p.height; py += 6)
    for (int px = 0; px < p.width; px += 6)
      {
        g_autofree char *text = ps_weights_view_describe_at (PS_WEIGHTS_VIEW (view), px + 0.5, py + 0.5);
        guint32 argb;

        if (text == NULL)
          continue;
        n_cells++;
        argb = pixel (&p, px, py);
        if (strstr (text, "to unit 1:") != NULL && distance_to (argb, &pos) < distance_to (argb, &neg))
          n_pos++;
        if (strstr (text, "to unit 2:") != NULL && distance_to (argb, &neg) < distance_to (argb, &pos))
          n_neg++;
      }
  g_assert_cmpuint (n_cells, >, 25);
  /* Cell borders and value labels aside, the cells take their sign's colour. */
  g_assert_cmpuint (n_pos + n_neg, >, n_cells * 8 / 10);
  g_assert_cmpuint (n_pos, >, 0);
  g_assert_cmpuint (n_neg, >, 0);

  ps_weights_view_set_layer (PS_WEIGHTS_VIEW (view), 1);
  g_assert_cmpuint (ps_weights_view_get_layer (PS_WEIGHTS_VIEW (view)), ==, 1);
  grab (view, "weights-layer2", &p2);
  g_assert_cmpuint (count_different (&p, &p2), >, 500);
  /* Clamped to the network. */
  ps_weights_view_set_layer (PS_WEIGHTS_VIEW (view), 7);
  g_assert_cmpuint (ps_weights_view_get_layer (PS_WEIGHTS_VIEW (view)), ==, 1);

  gtk_window_destroy (GTK_WINDOW (win));
}

static void
test_weights_tiles (void)
{
  const guint units[] = { 784, 6, 10 };
  const PsActivation acts[] = { PS_ACTIVATION_SIGMOID, PS_ACTIVATION_SOFTMAX };
  PsNetwork *net = ps_network_new (units, acts, 3);
  g_autoptr(PsDataset) train = ps_dataset_new_u8 ("digits", 2, 784, 10);
  g_autoptr(PsSnapshot) snap = NULL;
  GtkWidget *view = ps_weights_view_new ();
  GtkWidget *win;
  g_auto(Pixels) tiles = { 0 };
  g_auto(Pixels) heat = { 0 };
  g_autofree char *text = NULL;

  ps_dataset_set_image_shape (train, 28, 28);
  /* Unit u weighs the rows below 4u positively: a different stripe per tile. */
  for (guint i = 0; i < 784; i++)
    for (guint u = 0; u < 6; u++)
      net->params[net->layers[0].w_offset + i * 6 + u] = (i / 28 > 4 * u) ? 0.5f : -0.5f;
  snap = make_snapshot (net, train, NULL, 1);
  ps_network_free (net);

  win = show_in_window (view, 520, 400);
  ps_weights_view_set_snapshot (PS_WEIGHTS_VIEW (view), snap);
  g_assert_true (ps_weights_view_get_tiles (PS_WEIGHTS_VIEW (view)));
  grab (view, "weights-tiles", &tiles);
  ps_weights_view_set_tiles (PS_WEIGHTS_VIEW (view), FALSE);
  grab (view, "weights-tiles-off", &heat);
  g_assert_cmpuint (count_different (&tiles, &heat), >, 1000);

  /* Hovering a tile names its unit. */
  ps_weights_view_set_tiles (PS_WEIGHTS_VIEW (view), TRUE);
  iterate ();
  for (int py = 0; py < tiles.height && text == NULL; py += 4)
    for (int px = 0; px < tiles.width && text == NULL; px += 4)
      text = ps_weights_view_describe_at (PS_WEIGHTS_VIEW (view), px, py);
  g_assert_nonnull (text);
  g_assert_true (strstr (text, "unit 1") != NULL);

  gtk_window_destroy (GTK_WINDOW (win));
}

/* ---- network -------------------------------------------------------------- */

static void
test_network_hover (void)
{
  const guint units[] = { 2, 1 };
  const PsActivation acts[] = { PS_ACTIVATION_SIGMOID };
  PsNetwork *net = ps_network_new (units, acts, 2);
  g_autoptr(PsDataset) train = make_blobs ("blobs");
  g_autoptr(PsSnapshot) snap = NULL;
  GtkWidget *view = ps_network_view_new ();
  GtkWidget *win;
  g_auto(Pixels) p = { 0 };
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  net->params[0] = 0.75f;
  net->params[1] = -0.25f;
  net->params[2] = 0.5f;
  snap = make_snapshot (net, train, NULL, 1);
  ps_network_free (net);

  win = show_in_window (view, 480, 320);
  g_assert_false (ps_network_view_has_data (PS_NETWORK_VIEW (view)));
  ps_network_view_set_snapshot (PS_NETWORK_VIEW (view), snap);
  g_assert_true (ps_network_view_has_data (PS_NETWORK_VIEW (view)));
  grab (view, "network", &p);

  for (int py = 0; py < p.height; py += 3)
    for (int px = 0; px < p.width; px += 3)
      {
        char *text = ps_network_view_describe_at (PS_NETWORK_VIEW (view), px, py);

        if (text != NULL)
          g_hash_table_add (seen, text);
      }

  g_assert_true (g_hash_table_contains (seen, "Input 1"));
  g_assert_true (g_hash_table_contains (seen, "Input 2"));
  g_assert_true (g_hash_table_contains (seen, "Weight from input 1 to layer 1, unit 1: 0.75"));
  g_assert_true (g_hash_table_contains (seen, "Weight from input 2 to layer 1, unit 1: -0.25"));
  g_assert_true (g_hash_table_contains (seen, "Layer 1, unit 1 (sigmoid): bias 0.5"));
  g_assert_cmpuint (g_hash_table_size (seen), ==, 5);

  gtk_window_destroy (GTK_WINDOW (win));
}

/* ---- a timeline checkpoint ------------------------------------------------ */

typedef struct
{
  PsTimeline      *timeline;
  const PsNetwork *net;
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

static void
assert_description (GtkWidget  *view,
                    const char *expected)
{
  g_autofree char *differs = NULL;

  iterate ();
  differs = gtk_test_accessible_check_property (GTK_ACCESSIBLE (find_area (view)),
                                                GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                                expected);
  if (differs != NULL)
    g_error ("%s describes itself as \"%s\", not \"%s\"",
             G_OBJECT_TYPE_NAME (view), differs, expected);
}

/* Columns where more than half of the pixels differ: a vertical line. */
static guint
count_line_columns (const Pixels *a,
                    const Pixels *b)
{
  guint n = 0;

  g_assert_cmpint (a->width, ==, b->width);
  g_assert_cmpint (a->height, ==, b->height);
  for (int x = 0; x < a->width; x++)
    {
      int differ = 0;

      for (int y = 0; y < a->height; y++)
        differ += pixel (a, x, y) != pixel (b, x, y);
      n += differ > a->height / 2;
    }
  return n;
}

/* Issue 10: the notebook's XOR [2, 3, 1] trained 1000 epochs with its
 * checkpoints on a timeline; epoch 200 shown as the session shows it
 * (ps_snapshot_new_checkpoint: that epoch's weights, the whole history).
 * The curves draw a cursor there and describe that epoch; the weights and
 * network views write it in their titles, and export them with it; epoch
 * 0 (the initial weights) is written too. PNGs: timeline-*.png. */
static void
test_timeline_checkpoint (void)
{
  const guint units[] = { 2, 3, 1 };
  const PsActivation acts[] = { PS_ACTIVATION_SIGMOID, PS_ACTIVATION_SIGMOID };
  g_autoptr(GError) error = NULL;
  g_autoptr(PsDataset) xor = ps_dataset_new_gate ("xor", &error);
  PsNetwork *net = ps_network_new (units, acts, 3);
  g_autoptr(PsTimeline) timeline = ps_timeline_new (net->n_params, PS_TIMELINE_DEFAULT_BUDGET);
  g_autoptr(PsCheckpoint) cp200 = NULL;
  g_autoptr(PsCheckpoint) cp0 = NULL;
  g_autoptr(PsSnapshot) live = NULL;
  g_autoptr(PsSnapshot) at200 = NULL;
  g_autoptr(PsSnapshot) at0 = NULL;
  g_autofree char *expected = NULL;
  Recorder recorder = { timeline, net };
  const PsEpochMetrics *history;
  PsTrainConfig config;
  PsTrainer *trainer;
  PsRng rng;
  guint n = 0;
  GtkWidget *curves = ps_curves_view_new ();
  GtkWidget *weights = ps_weights_view_new ();
  GtkWidget *network = ps_network_view_new ();
  GtkWidget *views[] = { curves, weights, network };
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *win;
  g_auto(Pixels) curves_live = { 0 };
  g_auto(Pixels) curves_200 = { 0 };
  g_auto(Pixels) weights_live = { 0 };
  g_auto(Pixels) weights_200 = { 0 };

  g_assert_no_error (error);
  ps_network_adopt_dataset (net, xor);
  ps_rng_seed (&rng, 42);
  ps_network_init (net, PS_INIT_NOTEBOOK, &rng);
  g_assert_true (ps_timeline_offer (timeline, 0, net->params, TRUE));
  ps_train_config_init (&config);
  config.epochs = 1000;
  config.batch_size = 1;
  config.optimizer.lr = 0.5;
  config.seed = 7;
  trainer = ps_trainer_new (net, xor, NULL, &config, &error);
  g_assert_no_error (error);
  ps_trainer_set_progress (trainer, record_epoch, 0, &recorder);
  g_assert_cmpint (ps_trainer_run (trainer, 0, &error), ==, PS_TRAIN_FINISHED);
  g_assert_no_error (error);
  history = ps_trainer_get_history (trainer, &n);
  g_assert_cmpuint (n, ==, 1000);
  live = ps_snapshot_new (net, history, n, xor, NULL, config.loss);
  ps_trainer_free (trainer);
  ps_network_free (net);
  history = live->history;

  cp200 = ps_timeline_lookup_exact (timeline, 200);
  cp0 = ps_timeline_lookup_exact (timeline, 0);
  g_assert_nonnull (cp200);
  g_assert_nonnull (cp0);
  at200 = ps_snapshot_new_checkpoint (live, cp200);
  at0 = ps_snapshot_new_checkpoint (live, cp0);
  g_assert_true (at200->checkpoint);
  g_assert_cmpuint (at200->epoch, ==, 200);

  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    {
      gtk_widget_set_vexpand (views[i], TRUE);
      gtk_box_append (GTK_BOX (box), views[i]);
    }
  ps_curves_view_set_snapshot (PS_CURVES_VIEW (curves), live);
  ps_weights_view_set_snapshot (PS_WEIGHTS_VIEW (weights), live);
  ps_network_view_set_snapshot (PS_NETWORK_VIEW (network), live);
  win = show_in_window (box, 640, 1100);
  grab (curves, "timeline-curves-live", &curves_live);
  grab (weights, "timeline-weights-live", &weights_live);
  expected = g_strdup_printf ("Epoch 1000: loss %.4g, accuracy %.4g", history[999].loss, history[999].accuracy);
  assert_description (curves, expected);
  /* a live run's epoch is written too, as the boundary view writes it */
  assert_description (weights, "Layer 1 weights (2 inputs × 3 units), epoch 1000");

  /* epoch 200 */
  ps_curves_view_set_snapshot (PS_CURVES_VIEW (curves), at200);
  ps_weights_view_set_snapshot (PS_WEIGHTS_VIEW (weights), at200);
  ps_network_view_set_snapshot (PS_NETWORK_VIEW (network), at200);
  g_free (expected);
  expected = g_strdup_printf ("Epoch 200 of 1000: loss %.4g, accuracy %.4g",
                              history[199].loss, history[199].accuracy);
  assert_description (curves, expected);
  assert_description (weights, "Layer 1 weights (2 inputs × 3 units), epoch 200");
  assert_description (network, "Network, epoch 200: 2 inputs, 3 sigmoid units, 1 sigmoid unit");
  grab (curves, "timeline-curves-200", &curves_200);
  grab (weights, "timeline-weights-200", &weights_200);
  {
    g_auto(Pixels) network_200 = { 0 };

    grab (network, "timeline-network-200", &network_200);
  }
  /* the cursor: one line in each panel, the same history around it */
  g_assert_cmpuint (count_line_columns (&curves_live, &curves_200), >=, 2);
  g_assert_cmpuint (count_different (&curves_live, &curves_200), <, (gsize) curves_200.width * curves_200.height / 10);
  g_assert_cmpuint (count_different (&weights_live, &weights_200), >, 0);
  ps_weights_view_set_layer (PS_WEIGHTS_VIEW (weights), 1);
  assert_description (weights, "Layer 2 weights (3 inputs × 1 units), epoch 200");
  ps_weights_view_set_layer (PS_WEIGHTS_VIEW (weights), 0);

  /* exports carry the same title: pixel for pixel what is shown */
  for (guint i = 1; i < G_N_ELEMENTS (views); i++)
    {
      GtkWidget *area = find_area (views[i]);
      int w = gtk_widget_get_width (area), h = gtk_widget_get_height (area);
      g_autofree char *path = out_path (i == 1 ? "timeline-weights-200-export.png" : "timeline-network-200-export.png");
      g_autoptr(GdkTexture) exported = NULL;
      g_auto(Pixels) shown = { 0 };
      g_auto(Pixels) saved = { 0 };

      grab (views[i], i == 1 ? "timeline-weights-200-shown" : "timeline-network-200-shown", &shown);
      g_unlink (path);
      g_assert_true (ps_export_view (views[i], path, w, h, &error));
      g_assert_no_error (error);
      exported = gdk_texture_new_from_filename (path, &error);
      g_assert_no_error (error);
      pixels_from_texture (&saved, exported);
      g_assert_cmpuint (count_different (&shown, &saved), ==, 0);
    }

  /* epoch 0: the initial weights, before any metrics */
  ps_curves_view_set_snapshot (PS_CURVES_VIEW (curves), at0);
  ps_weights_view_set_snapshot (PS_WEIGHTS_VIEW (weights), at0);
  ps_network_view_set_snapshot (PS_NETWORK_VIEW (network), at0);
  assert_description (curves, "Epoch 0 of 1000: the initial weights, before training");
  assert_description (weights, "Layer 1 weights (2 inputs × 3 units), epoch 0");
  assert_description (network, "Network, epoch 0: 2 inputs, 3 sigmoid units, 1 sigmoid unit");
  {
    g_auto(Pixels) curves_0 = { 0 };

    grab (curves, "timeline-curves-0", &curves_0);
    g_assert_cmpuint (count_line_columns (&curves_live, &curves_0), >=, 1);
  }

  gtk_window_destroy (GTK_WINDOW (win));
}

/* ---- samples -------------------------------------------------------------- */

static PsDataset *
make_images (void)
{
  PsDataset *d = ps_dataset_new_u8 ("squares", 3, 64, 2);

  ps_dataset_set_image_shape (d, 8, 8);
  /* 0: white, 1: black, 2: a bright square in the middle */
  memset (ps_dataset_get_x_u8_writable (d), 255, 64);
  for (guint y = 2; y < 6; y++)
    for (guint x = 2; x < 6; x++)
      ps_dataset_get_x_u8_writable (d)[128 + y * 8 + x] = 255;
  ps_dataset_get_labels_writable (d)[0] = 1;
  return d;
}

static void
test_samples (void)
{
  g_autoptr(PsDataset) images = make_images ();
  g_autoptr(PsDataset) blobs = make_blobs ("blobs");
  GtkWidget *view = ps_samples_view_new ();
  GtkWidget *win = show_in_window (view, 300, 300);
  const guint32 white[] = { 0 }, black[] = { 1 };
  const char *caption[] = { "p = 0.50", NULL };
  g_auto(Pixels) a = { 0 };
  g_auto(Pixels) b = { 0 };
  g_auto(Pixels) all = { 0 };

  ps_samples_view_set_dataset (PS_SAMPLES_VIEW (view), images);
  g_assert_cmpuint (ps_samples_view_get_n_samples (PS_SAMPLES_VIEW (view)), ==, 3);
  g_assert_true (ps_samples_view_has_data (PS_SAMPLES_VIEW (view)));
  grab (view, "samples", &all);

  ps_samples_view_set_samples (PS_SAMPLES_VIEW (view), images, white, 1, caption);
  grab (view, "samples-white", &a);
  ps_samples_view_set_samples (PS_SAMPLES_VIEW (view), images, black, 1, caption);
  grab (view, "samples-black", &b);
  /* The same layout; only the image differs: a whole tile of pixels. */
  g_assert_cmpuint (count_different (&a, &b), >, 1000);

  /* Not images: the first rows as a table, one line per sample. */
  ps_samples_view_set_dataset (PS_SAMPLES_VIEW (view), blobs);
  g_assert_false (ps_samples_view_has_data (PS_SAMPLES_VIEW (view)));
  gtk_test_widget_wait_for_draw (win);
  {
    GtkWidget *table = find_label (view, "class");
    g_auto(GStrv) lines = NULL;

    g_assert_nonnull (table);
    lines = g_strsplit (gtk_label_get_text (GTK_LABEL (table)), "\n", -1);
    g_assert_cmpuint (g_strv_length (lines), ==, 1 + 8 + 1);
    g_assert_nonnull (strstr (lines[0], "x1"));
    g_assert_nonnull (strstr (lines[1], "-1"));
    g_assert_true (g_str_has_suffix (lines[8], " 1"));
  }

  /* Issue 8, family 21: long column names stay apart in the header */
  {
    g_autoptr(PsDataset) iris = ps_dataset_new ("iris", 2, 3, 2);
    const char *names[] = { "sepal_length", "sepal_width", "petal_length_in_cm", NULL };
    GtkWidget *table;
    g_auto(GStrv) lines = NULL;
    g_auto(GStrv) header = NULL;

    ps_dataset_set_feature_names (iris, names);
    ps_dataset_get_x_writable (iris)[0] = -12345.678f;
    ps_dataset_get_labels_writable (iris)[1] = 1;
    ps_samples_view_set_dataset (PS_SAMPLES_VIEW (view), iris);
    gtk_test_widget_wait_for_draw (win);
    table = find_label (view, "class");
    g_assert_nonnull (table);
    g_test_message ("%s", gtk_label_get_text (GTK_LABEL (table)));
    lines = g_strsplit (gtk_label_get_text (GTK_LABEL (table)), "\n", -1);
    header = g_strsplit_set (g_strstrip (lines[0]), " ", -1);
    {
      g_autoptr(GPtrArray) words = g_ptr_array_new ();

      for (guint i = 0; header[i] != NULL; i++)
        if (*header[i] != '\0')
          g_ptr_array_add (words, header[i]);
      g_assert_cmpuint (words->len, ==, 4);
      g_assert_cmpstr (g_ptr_array_index (words, 0), ==, "sepal_length");
      g_assert_cmpstr (g_ptr_array_index (words, 1), ==, "sepal_width");
      g_assert_cmpstr (g_ptr_array_index (words, 2), ==, "petal_lengt…");
      g_assert_cmpstr (g_ptr_array_index (words, 3), ==, "class");
    }
    /* the numbers keep their columns: the same width as the header line */
    g_assert_cmpuint (g_utf8_strlen (lines[1], -1), ==, g_utf8_strlen (lines[2], -1));
    g_assert_cmpuint (g_utf8_strlen (lines[1], -1) - strlen ("   0"), ==,
                      2 + g_utf8_strlen (lines[0], -1) - strlen ("   class"));   /* lines[0] lost its 2 leading spaces */
    g_assert_nonnull (strstr (lines[1], "-1.235e+04"));
  }

  gtk_window_destroy (GTK_WINDOW (win));
}

/* ---- export --------------------------------------------------------------- */

static void
test_export_matches_view (void)
{
  g_autoptr(PsDataset) train = make_blobs ("blobs");
  PsNetwork *net = make_linear_net (1);
  g_autoptr(PsSnapshot) snap = make_snapshot (net, train, NULL, 12);
  GtkWidget *views[] = { ps_boundary_view_new (), ps_curves_view_new (), ps_network_view_new () };
  const char *names[] = { "export-boundary", "export-curves", "export-network" };
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *win;

  ps_network_free (net);
  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    {
      gtk_widget_set_vexpand (views[i], TRUE);
      gtk_box_append (GTK_BOX (box), views[i]);
    }
  ps_boundary_view_set_snapshot (PS_BOUNDARY_VIEW (views[0]), snap);
  ps_curves_view_set_snapshot (PS_CURVES_VIEW (views[1]), snap);
  ps_network_view_set_snapshot (PS_NETWORK_VIEW (views[2]), snap);
  win = show_in_window (box, 500, 900);

  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    {
      GtkWidget *area = find_area (views[i]);
      int w = gtk_widget_get_width (area), h = gtk_widget_get_height (area);
      g_autofree char *file = g_strconcat (names[i], ".png", NULL);
      g_autofree char *path = out_path (file);
      g_autoptr(GError) error = NULL;
      g_autoptr(GdkTexture) exported = NULL;
      g_auto(Pixels) shown = { 0 };
      g_auto(Pixels) saved = { 0 };
      gsize differ;

      g_assert_cmpint (w, >, 100);
      g_assert_cmpint (h, >, 100);
      grab (views[i], names[i] + strlen ("export-"), &shown);
      g_unlink (path);
      g_assert_true (ps_export_view (views[i], path, w, h, &error));
      g_assert_no_error (error);
      exported = gdk_texture_new_from_filename (path, &error);
      g_assert_no_error (error);
      pixels_from_texture (&saved, exported);
      g_assert_cmpint (saved.width, ==, w);
      g_assert_cmpint (saved.height, ==, h);
      differ = count_different (&shown, &saved);
      if (differ > 0)
        g_test_message ("%s: %zu of %d pixels differ", names[i], differ, w * h);
      g_assert_cmpuint (differ, ==, 0);
    }

  gtk_window_destroy (GTK_WINDOW (win));
}

static void
on_exported (PsExportDialog *dialog,
             const char     *path,
             char          **out)
{
  g_free (*out);
  *out = g_strdup (path);
}

static void
test_export_dialog (void)
{
  g_autoptr(PsDataset) train = make_blobs ("blobs");
  PsNetwork *net = make_linear_net (1);
  g_autoptr(PsSnapshot) snap = make_snapshot (net, train, NULL, 2);
  GtkWidget *view = ps_boundary_view_new ();
  GtkWidget *win;
  PsExportDialog *dialog;
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) t = NULL;
  g_autofree char *png = out_path ("export-dialog.png");
  g_autofree char *svg = out_path ("export-dialog.svg");
  g_autofree char *pdf = out_path ("export-dialog.pdf");
  g_autofree char *bmp = out_path ("export-dialog.bmp");
  g_autofree char *contents = NULL;
  g_autofree char *exported_path = NULL;
  gsize len;

  ps_network_free (net);
  win = show_in_window (view, 400, 380);

  /* Nothing to export yet: the dialog says so. */
  dialog = g_object_ref (ps_export_dialog_new (GTK_WINDOW (win), view));
  g_assert_cmpstr (ps_export_dialog_get_message (dialog), ==, "This view has nothing to export yet.");
  g_assert_false (ps_export_dialog_export (dialog, &error));
  g_assert_error (error, PS_PLOT_ERROR, PS_PLOT_ERROR_NO_DATA);
  g_clear_error (&error);
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_object_unref (dialog);

  ps_boundary_view_set_snapshot (PS_BOUNDARY_VIEW (view), snap);
  iterate ();

  /* The path comes from the environment (native choosers cannot be driven). */
  g_setenv (PS_EXPORT_PATH_ENV, png, TRUE);
  dialog = g_object_ref (ps_export_dialog_new (GTK_WINDOW (win), view));
  g_unsetenv (PS_EXPORT_PATH_ENV);
  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_cmpstr (ps_export_dialog_get_path (dialog), ==, png);
  g_assert_cmpstr (ps_export_dialog_get_message (dialog), ==, "");
  g_signal_connect (dialog, "exported", G_CALLBACK (on_exported), &exported_path);

  /* A format we do not write: plain words, no file, the dialog stays. */
  ps_export_dialog_set_path (dialog, bmp);
  g_assert_false (ps_export_dialog_export (dialog, &error));
  g_assert_error (error, PS_PLOT_ERROR, PS_PLOT_ERROR_FORMAT);
  g_clear_error (&error);
  g_assert_true (strstr (ps_export_dialog_get_message (dialog), ".png, .svg or .pdf") != NULL);
  g_assert_false (g_file_test (bmp, G_FILE_TEST_EXISTS));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));

  /* A folder that does not exist. */
  ps_export_dialog_set_path (dialog, "/nonexistent-folder/plot.png");
  g_assert_false (ps_export_dialog_export (dialog, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_true (g_str_has_prefix (ps_export_dialog_get_message (dialog), "Could not save"));

  /* The size the user picks, typed into the spin buttons. */
  ps_export_dialog_set_path (dialog, png);
  ps_export_dialog_set_size (dialog, 321, 123);
  g_unlink (png);
  g_assert_true (ps_export_dialog_export (dialog, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (exported_path, ==, png);
  t = gdk_texture_new_from_filename (png, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_texture_get_width (t), ==, 321);
  g_assert_cmpint (gdk_texture_get_height (t), ==, 123);
  g_object_unref (dialog);

  /* SVG and PDF by extension. */
  g_assert_true (ps_export_view (view, svg, 300, 200, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (svg, &contents, &len, NULL));
  g_assert_nonnull (g_strstr_len (contents, len, "<svg"));
  g_clear_pointer (&contents, g_free);
  g_assert_true (ps_export_view (view, pdf, 300, 200, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (pdf, &contents, &len, NULL));
  g_assert_true (len > 4 && memcmp (contents, "%PDF", 4) == 0);

  gtk_window_destroy (GTK_WINDOW (win));
}

/* ---- evaluate ------------------------------------------------------------- */

static PsEvaluateDialog *
evaluate_and_wait (PsSnapshot *snap)
{
  PsEvaluateDialog *dialog = ps_evaluate_dialog_new (NULL, snap);
  gint64 end = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  g_object_ref (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  while (!ps_evaluate_dialog_is_ready (dialog) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (ps_evaluate_dialog_is_ready (dialog));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (dialog));

  return dialog;
}

static void
test_evaluate_points (void)
{
  g_autoptr(PsDataset) train = make_blobs ("blobs");
  g_autoptr(PsDataset) test = make_blobs ("blobs-test");
  PsNetwork *net = make_linear_net (1);
  g_autoptr(PsSnapshot) snap = NULL;
  PsEvaluateDialog *dialog;
  const guint64 *confusion;
  guint n;
  g_autofree char *path = out_path ("evaluate-points.png");
  g_autoptr(GdkTexture) t = NULL;

  /* Sample 1 (x = −1) is labelled 1: the network calls it 0. */
  ps_dataset_get_labels_writable (test)[1] = 1;
  snap = make_snapshot (net, train, test, 1);
  ps_network_free (net);

  dialog = evaluate_and_wait (snap);
  g_assert_cmpfloat_with_epsilon (ps_evaluate_dialog_get_accuracy (dialog), 7.0 / 8.0, 1e-9);
  g_assert_cmpstr (ps_evaluate_dialog_get_summary (dialog), ==,
                   "Test set, 8 samples: loss 0.1250, accuracy 87.50 %");
  confusion = ps_evaluate_dialog_get_confusion (dialog, &n);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpuint (confusion[0 * 2 + 0], ==, 3);
  g_assert_cmpuint (confusion[0 * 2 + 1], ==, 0);
  g_assert_cmpuint (confusion[1 * 2 + 0], ==, 1);
  g_assert_cmpuint (confusion[1 * 2 + 1], ==, 4);

  g_assert_cmpuint (ps_evaluate_dialog_select_cell (dialog, 1, 0), ==, 1);
  g_assert_cmpuint (ps_evaluate_dialog_select_cell (dialog, 1, 1), ==, 4);
  g_assert_cmpuint (ps_evaluate_dialog_select_cell (dialog, 0, 1), ==, 0);
  ps_evaluate_dialog_select_cell (dialog, 1, 0);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (dialog));
  t = render_widget (GTK_WIDGET (dialog));
  gdk_texture_save_to_png (t, path);

  /* The confusion matrix exports exactly as the dialog shows it. */
  {
    g_autofree char *png = out_path ("evaluate-confusion.png");
    g_autoptr(GError) error = NULL;
    g_autoptr(GdkTexture) saved_t = NULL;
    g_auto(Pixels) shown = { 0 };
    g_auto(Pixels) saved = { 0 };

    grab (GTK_WIDGET (dialog), "evaluate-matrix", &shown);
    g_assert_true (ps_export_view (GTK_WIDGET (dialog), png, shown.width, shown.height, &error));
    g_assert_no_error (error);
    saved_t = gdk_texture_new_from_filename (png, &error);
    g_assert_no_error (error);
    pixels_from_texture (&saved, saved_t);
    g_assert_cmpuint (count_different (&shown, &saved), ==, 0);
  }

  gtk_window_destroy (GTK_WINDOW (dialog));
  g_object_unref (dialog);
}

static void
test_evaluate_images (void)
{
  g_autoptr(PsDataset) images = make_images ();
  const guint units[] = { 64, 2 };
  const PsActivation acts[] = { PS_ACTIVATION_SOFTMAX };
  PsNetwork *net = ps_network_new (units, acts, 2);
  g_autoptr(PsSnapshot) snap = NULL;
  PsEvaluateDialog *dialog;
  g_autofree char *path = out_path ("evaluate-images.png");
  g_autoptr(GdkTexture) t = NULL;
  g_autoptr(PsDataset) scaled = NULL;

  /* Unit 1 sums the pixels: the white image is class 1, the others class 0. */
  for (guint i = 0; i < 64; i++)
    net->params[net->layers[0].w_offset + i * 2 + 1] = 0.05f;
  net->params[net->layers[0].b_offset + 1] = -1.5f;
  ps_dataset_set_scaling (images, PS_SCALING_UNIT, NULL);
  snap = ps_snapshot_new (net, NULL, 0, images, images, PS_LOSS_CROSS_ENTROPY);
  ps_network_free (net);

  dialog = evaluate_and_wait (snap);
  g_assert_cmpfloat_with_epsilon (ps_evaluate_dialog_get_accuracy (dialog), 1.0, 1e-9);
  g_assert_cmpuint (ps_evaluate_dialog_select_cell (dialog, 0, 0), ==, 2);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (dialog));
  t = render_widget (GTK_WIDGET (dialog));
  gdk_texture_save_to_png (t, path);

  gtk_window_destroy (GTK_WINDOW (dialog));
  g_object_unref (dialog);
}

static void
test_evaluate_mismatch (void)
{
  g_autoptr(PsDataset) train = make_blobs ("blobs");
  g_autoptr(PsDataset) wide = ps_dataset_new ("wide", 4, 3, 2);
  PsNetwork *net = make_linear_net (1);
  g_autoptr(PsSnapshot) snap = make_snapshot (net, train, wide, 1);
  PsEvaluateDialog *dialog;

  ps_network_free (net);
  dialog = g_object_ref (ps_evaluate_dialog_new (NULL, snap));
  iterate ();
  g_assert_false (ps_evaluate_dialog_is_ready (dialog));
  g_assert_null (ps_evaluate_dialog_get_confusion (dialog, NULL));
  g_assert_true (g_str_has_prefix (ps_evaluate_dialog_get_summary (dialog), "Cannot evaluate: "));
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_object_unref (dialog);
}

/* The app icons are in the resources, where GtkApplication's icon theme path
 * finds them, and they load as images. */
/* Issue 8, family 21: the dialog draws its selected cell (an orange ring);
 * a gate, whose test set is its training table, says "training set". */
static void
test_evaluate_selected_cell (void)
{
  g_autoptr(PsDataset) train = make_blobs ("blobs");
  PsNetwork *net = make_linear_net (1);
  g_autoptr(PsSnapshot) snap = NULL;
  const PsPlotColor ring = { 0xe6 / 255.0, 0x6c / 255.0, 0, 1 };
  PsEvaluateDialog *dialog;
  guint n_ring = 0;
  g_auto(Pixels) shown = { 0 };

  ps_dataset_get_labels_writable (train)[1] = 1;
  snap = make_snapshot (net, train, train, 1);
  ps_network_free (net);
  dialog = evaluate_and_wait (snap);
  g_test_message ("summary: %s", ps_evaluate_dialog_get_summary (dialog));
  g_assert_true (g_str_has_prefix (ps_evaluate_dialog_get_summary (dialog), "There is no test set"));
  g_assert_true (strstr (ps_evaluate_dialog_get_summary (dialog), "Test set") == NULL);

  ps_evaluate_dialog_select_cell (dialog, 1, 0);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (dialog));
  grab (GTK_WIDGET (dialog), "evaluate-selected-cell", &shown);
  {
    g_autofree char *path = out_path ("evaluate-selected-dialog.png");
    g_autoptr(GdkTexture) t = render_widget (GTK_WIDGET (dialog));

    gdk_texture_save_to_png (t, path);
  }
  for (int y = 0; y < shown.height; y++)
    for (int x = 0; x < shown.width; x++)
      n_ring += distance_to (pixel (&shown, x, y), &ring) < 0.1;
  g_test_message ("selected-cell ring: %u pixels", n_ring);
  g_assert_cmpuint (n_ring, >, 40);

  gtk_window_destroy (GTK_WINDOW (dialog));
  g_object_unref (dialog);
}

/* Issue 8, family 4: a dataset with 100 000 classes (labels 0 and 99999)
 * is refused with a message, not a 80 GB confusion matrix. */
static void
test_evaluate_huge_class_count (void)
{
  g_autoptr(PsDataset) data = ps_dataset_new ("huge", 4, 2, 100000);
  PsNetwork *net = make_linear_net (1);
  g_autoptr(PsSnapshot) snap = NULL;
  PsEvaluateDialog *dialog;
  guint n = 1;

  ps_dataset_get_labels_writable (data)[3] = 99999;
  snap = make_snapshot (net, data, NULL, 1);
  ps_network_free (net);
  dialog = ps_evaluate_dialog_new (NULL, snap);
  g_object_ref (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (dialog));
  g_test_message ("summary: %s", ps_evaluate_dialog_get_summary (dialog));
  g_assert_false (ps_evaluate_dialog_is_ready (dialog));
  g_assert_nonnull (strstr (ps_evaluate_dialog_get_summary (dialog), "100000 classes"));
  g_assert_null (ps_evaluate_dialog_get_confusion (dialog, &n));
  g_assert_cmpuint (n, ==, 0);
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_object_unref (dialog);
}

static void
test_app_icon (void)
{
  GtkIconTheme *theme = gtk_icon_theme_get_for_display (gdk_display_get_default ());
  g_autoptr(GdkTexture) t = NULL;
  g_autoptr(GdkTexture) sym = NULL;
  g_auto(Pixels) p = { 0 };
  gsize opaque = 0;

  gtk_icon_theme_add_resource_path (theme, "/io/github/perceptronstudio/PerceptronStudio/icons");
  g_assert_true (gtk_icon_theme_has_icon (theme, APP_ID));
  g_assert_true (gtk_icon_theme_has_icon (theme, APP_ID "-symbolic"));

  t = gdk_texture_new_from_resource ("/io/github/perceptronstudio/PerceptronStudio/icons/scalable/apps/" APP_ID ".svg");
  sym = gdk_texture_new_from_resource ("/io/github/perceptronstudio/PerceptronStudio/icons/symbolic/apps/" APP_ID "-symbolic.svg");
  g_assert_cmpint (gdk_texture_get_width (t), ==, 128);
  g_assert_cmpint (gdk_texture_get_width (sym), ==, 16);
  /* A tile with a transparent margin, not an empty or a full square. */
  pixels_from_texture (&p, t);
  for (gsize i = 0; i < (gsize) p.width * p.height; i++)
    opaque += (p.px[i] >> 24) == 0xff;
  g_assert_cmpuint (opaque, >, (gsize) p.width * p.height / 2);
  g_assert_cmpuint (opaque, <, (gsize) p.width * p.height);
  g_assert_cmpuint (pixel (&p, 0, 0) >> 24, ==, 0);
}

/* ---- hidden space (issue 11 §2) ------------------------------------------------ */

/* XOR's [2,2,1] of hand-set sigmoid weights: h₁ = OR, h₂ = NAND, ŷ = AND. */
static PsNetwork *
hidden_xor_network (float sign)
{
  g_autoptr(GError) error = NULL;
  PsNetwork *net = ps_network_new_from_spec ("2,2:sigmoid,1:sigmoid", &error);
  const float w0[] = { 20 * sign, -20 * sign, 20 * sign, -20 * sign };
  const float b0[] = { -10 * sign, 30 * sign };
  const float w1[] = { 20, 20 };
  const float b1[] = { -30 };

  g_assert_no_error (error);
  memcpy (net->params + net->layers[0].w_offset, w0, sizeof w0);
  memcpy (net->params + net->layers[0].b_offset, b0, sizeof b0);
  memcpy (net->params + net->layers[1].w_offset, w1, sizeof w1);
  memcpy (net->params + net->layers[1].b_offset, b1, sizeof b1);
  return net;
}

/* The view follows its snapshot: the samples at the first hidden layer's
 * activations, the output's line, the epoch in the title; a new snapshot
 * moves the points; a checkpoint writes its epoch; three units turn. */
static void
test_hidden_follows_snapshot (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PsDataset) xor = ps_dataset_new_gate ("xor", &error);
  PsNetwork *net = hidden_xor_network (1);
  GtkWidget *view = ps_hidden_view_new ();
  PsHiddenView *hv = PS_HIDDEN_VIEW (view);
  const PsHiddenData *d;
  PsSnapshot *snap;
  GtkWidget *win, *area;
  g_auto(Pixels) p = { 0 };
  PsPlotColor c0, c1;
  double x, y;
  float first_h1;

  g_assert_no_error (error);
  ps_network_adopt_dataset (net, xor);
  snap = make_snapshot (net, xor, NULL, 5);
  win = show_in_window (view, 560, 420);
  g_assert_false (ps_hidden_view_has_data (hv));
  ps_hidden_view_set_snapshot (hv, snap);
  ps_snapshot_unref (snap);
  g_assert_true (ps_hidden_view_has_data (hv));
  g_assert_cmpstr (ps_hidden_view_get_title (hv), ==, "Hidden space, layer 1, epoch 5");

  /* (0, 0) at (OR, NAND) = (0, 1), (1, 1) at (1, 0), the others at (1, 1) */
  d = ps_hidden_view_get_data (hv);
  g_assert_nonnull (d);
  g_assert_cmpuint (d->n_points, ==, 4);
  g_assert_cmpuint (d->dims, ==, 2);
  g_assert_cmpfloat (fabs (d->points[0] - 0), <, 1e-3);
  g_assert_cmpfloat (fabs (d->points[1] - 1), <, 1e-3);
  g_assert_cmpfloat (fabs (d->points[6] - 1), <, 1e-3);
  g_assert_cmpfloat (fabs (d->points[7] - 0), <, 1e-3);
  g_assert_true (d->has_plane);
  g_assert_cmpfloat (d->plane[0], ==, 20);
  g_assert_cmpfloat (d->plane[2], ==, -30);

  /* on screen: each sample's dot in its class's colour */
  gtk_test_widget_wait_for_draw (win);
  grab (view, "hidden-space", &p);
  area = find_area (view);
  ps_plot_class_color (0, &c0);
  ps_plot_class_color (1, &c1);
  for (guint i = 0; i < 4; i++)
    {
      g_assert_true (ps_plot_hidden_point_position (gtk_widget_get_width (area),
                                                    gtk_widget_get_height (area),
                                                    d, i, &x, &y));
      g_assert_cmpfloat (distance_to (pixel (&p, (int) x, (int) y), d->labels[i] ? &c1 : &c0), <, 0.15);
    }

  /* a new snapshot (hidden units' signs flipped): the points move */
  first_h1 = d->points[0];
  net->params[net->layers[0].w_offset] = -20;
  net->params[net->layers[0].w_offset + 2] = -20;
  net->params[net->layers[0].b_offset] = 10;
  snap = make_snapshot (net, xor, NULL, 9);
  ps_hidden_view_set_snapshot (hv, snap);
  ps_snapshot_unref (snap);
  d = ps_hidden_view_get_data (hv);
  g_assert_cmpstr (ps_hidden_view_get_title (hv), ==, "Hidden space, layer 1, epoch 9");
  g_assert_cmpfloat (fabs (d->points[0] - first_h1), >, 0.9);

  /* a timeline checkpoint: its epoch, epoch 0 too */
  {
    PsSnapshot *live = make_snapshot (net, xor, NULL, 9);
    PsCheckpoint cp = { 0 };
    g_autofree float *params = g_memdup2 (net->params, net->n_params * sizeof (float));

    cp.epoch = 0;
    cp.params = params;
    cp.n_params = net->n_params;
    snap = ps_snapshot_new_checkpoint (live, &cp);
    ps_snapshot_unref (live);
    ps_hidden_view_set_snapshot (hv, snap);
    ps_snapshot_unref (snap);
    g_assert_cmpstr (ps_hidden_view_get_title (hv), ==, "Hidden space, layer 1, epoch 0");
  }
  ps_network_free (net);

  /* [2,3,1]: a cube; dragging turns it (the rotation reaches the data) */
  net = ps_network_new_from_spec ("2,3:sigmoid,1:sigmoid", &error);
  g_assert_no_error (error);
  snap = make_snapshot (net, xor, NULL, 0);
  ps_hidden_view_set_snapshot (hv, snap);
  ps_snapshot_unref (snap);
  d = ps_hidden_view_get_data (hv);
  g_assert_cmpuint (d->dims, ==, 3);
  g_assert_true (d->has_plane);
  g_assert_cmpstr (ps_hidden_view_get_title (hv), ==, "Hidden space, layer 1");
  ps_hidden_view_set_rotation (hv, 0.3, 0.2);
  g_assert_cmpfloat (ps_hidden_view_get_data (hv)->yaw, ==, 0.3);
  ps_network_free (net);

  /* the perceptron has no hidden layer */
  net = ps_network_new_from_spec ("2,1:step", &error);
  g_assert_no_error (error);
  snap = make_snapshot (net, xor, NULL, 1);
  ps_hidden_view_set_snapshot (hv, snap);
  ps_snapshot_unref (snap);
  g_assert_false (ps_hidden_view_has_data (hv));
  g_assert_null (ps_hidden_view_get_data (hv));
  ps_network_free (net);

  gtk_window_destroy (GTK_WINDOW (win));
}

/* A click on a map in the Diagram (unit-activated) turns the window's stack
 * to the Boundary view, which shows that unit's map full size (NAND: high
 * at the bottom left, low at the top right) and leads back to the output. */
static void
test_network_map_click (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PsDataset) xor = ps_dataset_new_gate ("xor", &error);
  PsNetwork *net = hidden_xor_network (1);
  GtkWidget *stack = gtk_stack_new ();
  GtkWidget *network = ps_network_view_new ();
  GtkWidget *boundary = ps_boundary_view_new ();
  PsSnapshot *snap;
  GtkWidget *win;
  g_auto(Pixels) p = { 0 };
  guint rows, cols, unit = 99;
  float lo, hi;
  const float *map;
  guint32 bl, tr;

  g_assert_no_error (error);
  ps_network_adopt_dataset (net, xor);
  snap = make_snapshot (net, xor, NULL, 3);
  ps_network_free (net);
  gtk_stack_add_named (GTK_STACK (stack), network, "network");
  gtk_stack_add_named (GTK_STACK (stack), boundary, "boundary");
  win = show_in_window (stack, 520, 420);
  ps_network_view_set_snapshot (PS_NETWORK_VIEW (network), snap);
  ps_boundary_view_set_snapshot (PS_BOUNDARY_VIEW (boundary), snap);
  ps_snapshot_unref (snap);

  /* the diagram has a map per unit: NAND's is high where both inputs are 0 */
  g_assert_true (ps_network_view_has_maps (PS_NETWORK_VIEW (network)));
  map = ps_network_view_get_unit_map (PS_NETWORK_VIEW (network), 1, 1, &rows, &cols, &lo, &hi,
                                      NULL, NULL, NULL, NULL);
  g_assert_nonnull (map);
  g_assert_cmpfloat (map[(gsize) (rows - 1) * cols], >, 0.99);   /* bottom left */
  g_assert_cmpfloat (map[cols - 1], <, 0.01);                    /* top right */
  g_assert_null (ps_network_view_get_unit_map (PS_NETWORK_VIEW (network), 3, 0, &rows, &cols,
                                               NULL, NULL, NULL, NULL, NULL, NULL));

  g_signal_emit_by_name (network, "unit-activated", 1u, 1u);
  g_assert_true (gtk_stack_get_visible_child (GTK_STACK (stack)) == boundary);
  g_assert_cmpuint (ps_boundary_view_get_unit (PS_BOUNDARY_VIEW (boundary), &unit), ==, 1);
  g_assert_cmpuint (unit, ==, 1);
  gtk_test_widget_wait_for_draw (win);
  grab (boundary, "boundary-unit-map", &p);
  /* the map's corners, inside the frame: red bottom left, blue top right */
  bl = pixel (&p, p.width / 4, p.height * 3 / 4);
  tr = pixel (&p, p.width * 72 / 100, p.height * 15 / 100);
  g_assert_cmpint ((int) (bl >> 16 & 0xff), >, (int) (bl & 0xff) + 60);
  g_assert_cmpint ((int) (tr & 0xff), >, (int) (tr >> 16 & 0xff) + 60);

  /* back to the output */
  ps_boundary_view_show_unit (PS_BOUNDARY_VIEW (boundary), 0, 0);
  g_assert_cmpuint (ps_boundary_view_get_unit (PS_BOUNDARY_VIEW (boundary), NULL), ==, 0);
  gtk_window_destroy (GTK_WINDOW (win));
}

/* The Diagram page's other side is the Hidden space: it follows the
 * snapshot once shown (not before), and an export draws the side shown. */
static void
test_network_hidden_side (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PsDataset) xor = ps_dataset_new_gate ("xor", &error);
  PsNetwork *net = hidden_xor_network (1);
  GtkWidget *view = ps_network_view_new ();
  PsNetworkView *nv = PS_NETWORK_VIEW (view);
  PsHiddenView *hv = ps_network_view_get_hidden_view (nv);
  PsSnapshot *snap;
  GtkWidget *win;
  cairo_surface_t *a, *b;
  cairo_t *cr;

  g_assert_no_error (error);
  ps_network_adopt_dataset (net, xor);
  snap = make_snapshot (net, xor, NULL, 7);
  ps_network_free (net);
  win = show_in_window (view, 560, 420);
  ps_network_view_set_snapshot (nv, snap);
  g_assert_false (ps_network_view_shows_hidden_space (nv));
  g_assert_null (ps_hidden_view_get_snapshot (hv));

  ps_network_view_show_hidden_space (nv, TRUE);
  g_assert_true (ps_network_view_shows_hidden_space (nv));
  g_assert_true (ps_hidden_view_get_snapshot (hv) == snap);
  g_assert_cmpstr (ps_hidden_view_get_title (hv), ==, "Hidden space, layer 1, epoch 7");

  /* the export is the hidden space, pixel for pixel */
  a = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 400, 300);
  cr = cairo_create (a);
  ps_network_view_render (cr, 400, 300, nv);
  cairo_destroy (cr);
  b = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 400, 300);
  cr = cairo_create (b);
  ps_hidden_view_render (cr, 400, 300, hv);
  cairo_destroy (cr);
  cairo_surface_flush (a);
  cairo_surface_flush (b);
  g_assert_cmpmem (cairo_image_surface_get_data (a), 400 * 300 * 4, cairo_image_surface_get_data (b), 400 * 300 * 4);
  cairo_surface_destroy (a);
  cairo_surface_destroy (b);

  ps_network_view_show_hidden_space (nv, FALSE);
  g_assert_false (ps_network_view_shows_hidden_space (nv));
  ps_snapshot_unref (snap);
  gtk_window_destroy (GTK_WINDOW (win));
}

int
main (int   argc,
      char *argv[])
{
  /* GTK's test accessibility backend (no AT-SPI bus): the tests read the
   * views' accessible descriptions back (gtk_test_accessible_*). */
  g_setenv ("GTK_A11Y", "test", TRUE);
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/views/boundary/class-colours", test_boundary_colours);
  g_test_add_func ("/views/boundary/grid-matches-core", test_boundary_grid_matches_core);
  g_test_add_func ("/views/boundary/three-classes", test_boundary_multiclass);
  g_test_add_func ("/views/boundary/test-points", test_boundary_test_points);
  g_test_add_func ("/views/boundary/perceptron-lines", test_boundary_perceptron_lines);
  g_test_add_func ("/views/boundary/dataset-only", test_boundary_dataset_only);
  g_test_add_func ("/views/boundary/controls-only-in-2d", test_boundary_controls);
  g_test_add_func ("/views/curves/history", test_curves);
  g_test_add_func ("/views/weights/heatmap-signs", test_weights_heatmap);
  g_test_add_func ("/views/weights/image-tiles", test_weights_tiles);
  g_test_add_func ("/views/network/hover", test_network_hover);
  g_test_add_func ("/views/timeline/checkpoint", test_timeline_checkpoint);
  g_test_add_func ("/views/samples/images", test_samples);
  g_test_add_func ("/views/export/matches-view", test_export_matches_view);
  g_test_add_func ("/views/export/dialog", test_export_dialog);
  g_test_add_func ("/views/evaluate/points", test_evaluate_points);
  g_test_add_func ("/views/evaluate/images", test_evaluate_images);
  g_test_add_func ("/views/evaluate/mismatch", test_evaluate_mismatch);
  g_test_add_func ("/views/evaluate/selected-cell", test_evaluate_selected_cell);
  g_test_add_func ("/views/evaluate/huge-class-count", test_evaluate_huge_class_count);
  g_test_add_func ("/views/icons/app-icon", test_app_icon);
  g_test_add_func ("/views/hidden/follows-snapshot", test_hidden_follows_snapshot);
  g_test_add_func ("/views/network/map-click", test_network_map_click);
  g_test_add_func ("/views/network/hidden-side", test_network_hidden_side);

  return g_test_run ();
}
