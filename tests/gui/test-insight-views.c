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
#include "ps-snapshot.h"
#include "ps-timeline.h"
#include "ps-trainer.h"

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
iterate (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static GtkWidget *
show_in_window (GtkWidget *child,
                int        width,
                int        height)
{
  GtkWidget *win = gtk_window_new ();

  gtk_window_set_default_size (GTK_WINDOW (win), width, height);
  gtk_window_set_child (GTK_WINDOW (win), child);
  gtk_window_present (GTK_WINDOW (win));
  gtk_test_widget_wait_for_draw (win);

  return win;
}

static GtkWidget *
find_area (GtkWidget *widget)
{
  if (GTK_IS_DRAWING_AREA (widget) && gtk_widget_get_mapped (widget))
    return widget;

  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_area (c);

      if (found)
        return found;
    }
  return NULL;
}

/* The first mapped label under widget whose text contains needle. */
static GtkWidget *
find_label (GtkWidget  *widget,
            const char *needle)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget)
      && strstr (gtk_label_get_text (GTK_LABEL (widget)), needle) != NULL)
    return widget;

  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_label (c, needle);

      if (found)
        return found;
    }
  return NULL;
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

/* A 3-feature table: the verdict and the plane in words, no drawing (and
 * nothing to export); OR3 is separable. */
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
  g_assert_false (ps_separability_view_has_data (PS_SEPARABILITY_VIEW (view)));
  g_assert_nonnull (find_label (view, "3 features"));
  g_object_unref (grab (view, "separability-or3"));
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

  return g_test_run ();
}
