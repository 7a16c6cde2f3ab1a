/* gui-test-util.c: main-loop helpers for the GUI test programs
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "gui-test-util.h"

#include <string.h>

/* Between two polls: short, so that timings (bench-window) stay fine. */
#define POLL_US 200

gboolean
iterate_until (gboolean (*cond) (gpointer),
               gpointer   data,
               int        timeout_ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  while (!cond (data))
    {
      if (g_get_monotonic_time () > end)
        return FALSE;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (POLL_US);
    }
  return TRUE;
}

void
iterate_for (int ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) ms * 1000;

  while (g_get_monotonic_time () < end)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (POLL_US);
    }
}

/* $GUI_TEST_OUTDIR/@name: @w as its renderer draws it. */
void
gui_test_screenshot (GtkWidget  *w,
                     const char *name)
{
  const char *dir = g_getenv ("GUI_TEST_OUTDIR");
  g_autofree char *path = NULL;
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  GskRenderNode *node;
  int width, height;

  gtk_test_widget_wait_for_draw (w);
  width = gtk_widget_get_width (w);
  height = gtk_widget_get_height (w);
  paintable = gtk_widget_paintable_new (w);
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (w)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  gsk_render_node_unref (node);
  g_mkdir_with_parents (dir != NULL ? dir : g_get_tmp_dir (), 0755);
  path = g_build_filename (dir != NULL ? dir : g_get_tmp_dir (), name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot %s", path);
}

gboolean
gui_test_skip_file_chooser_under_asan (void)
{
#ifdef __SANITIZE_ADDRESS__
  g_test_skip ("the file chooser's libcloudproviders leak (library internals) under ASan");
  return TRUE;
#else
  return FALSE;
#endif
}

GtkWidget *
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

GtkWidget *
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
GtkWidget *
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

void
iterate (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}
