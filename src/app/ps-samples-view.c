/* ps-samples-view.c
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ps-samples-view.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ps-plot.h"

struct _PsSamplesView
{
  GtkWidget       parent_instance;

  GtkStack       *stack;
  GtkDrawingArea *area;
  GtkLabel       *placeholder;
  GtkWidget      *table_scroller;
  GtkLabel       *table_label;

  PsSnapshot     *snapshot;
  PsDataset      *data;
  /* The shown samples' pixels, gathered once per change (reused buffers). */
  GByteArray     *pixels_u8;
  GArray         *pixels_f;
  GPtrArray      *captions;
  GArray         *indices;      /* guint32: the dataset index of each tile */
  char           *title;        /* "Training samples, epoch N", or NULL */
  guint           n;
  guint           image_w;
  guint           image_h;
};

G_DEFINE_FINAL_TYPE (PsSamplesView, ps_samples_view, GTK_TYPE_WIDGET)

enum {
  SIGNAL_SAMPLE_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

GtkWidget *
ps_samples_view_new (void)
{
  return g_object_new (PS_TYPE_SAMPLES_VIEW, NULL);
}

static gboolean
is_image (const PsDataset *data)
{
  return data != NULL
         && ps_dataset_get_image_width (data) > 0 && ps_dataset_get_image_height (data) > 0
         && (gsize) ps_dataset_get_image_width (data) * ps_dataset_get_image_height (data) == ps_dataset_get_n_features (data);
}

static const char *
class_name (const PsDataset *data,
            guint32          label)
{
  if (ps_dataset_get_class_names (data) != NULL && label < g_strv_length ((char **) ps_dataset_get_class_names (data)))
    return ps_dataset_get_class_names (data)[label];

  return NULL;
}

/* What ps_plot_samples_full() draws (and ps_plot_samples_hit() measures). */
static void
fill_data (PsSamplesView *self,
           PsSamplesData *d)
{
  memset (d, 0, sizeof *d);
  d->pixels_u8 = self->pixels_u8->len > 0 ? self->pixels_u8->data : NULL;
  d->pixels_f = self->pixels_u8->len > 0 ? NULL : (const float *) (gpointer) self->pixels_f->data;
  d->image_w = self->image_w;
  d->image_h = self->image_h;
  d->n = self->n;
  d->captions = (const char **) self->captions->pdata;
  d->title = self->title;
}

void
ps_samples_view_render (cairo_t *cr,
                        double   width,
                        double   height,
                        gpointer user_data)
{
  PsSamplesView *self = user_data;

  g_return_if_fail (PS_IS_SAMPLES_VIEW (self));

  if (self->n == 0)
    return;

  {
    PsSamplesData d;

    fill_data (self, &d);
    ps_plot_samples_full (cr, width, height, &d);
  }
}

/* A click on a tile of the training set picks that sample. */
static void
on_click_released (GtkGestureClick *gesture,
                   int              n_press,
                   double           px,
                   double           py,
                   gpointer         user_data)
{
  PsSamplesView *self = user_data;
  PsSamplesData d;
  gint i;

  if (self->n == 0 || self->snapshot == NULL || self->data != self->snapshot->train)
    return;
  fill_data (self, &d);
  i = ps_plot_samples_hit (gtk_widget_get_width (GTK_WIDGET (self->area)),
                           gtk_widget_get_height (GTK_WIDGET (self->area)), &d, px, py);
  if (i >= 0 && (guint) i < self->indices->len)
    g_signal_emit (self, signals[SIGNAL_SAMPLE_ACTIVATED], 0,
                   (guint) g_array_index (self->indices, guint32, i));
}

static void
draw_cb (GtkDrawingArea *area,
         cairo_t        *cr,
         int             width,
         int             height,
         gpointer        user_data)
{
  ps_samples_view_render (cr, width, height, user_data);
}

/* Appends cell right-aligned in width characters, cut with "…" when longer. */
static void
append_cell (GString    *s,
             const char *cell,
             guint       width)
{
  glong len = g_utf8_strlen (cell, -1);

  g_string_append (s, "  ");
  if (len > (glong) width)
    {
      g_string_append_len (s, cell, g_utf8_offset_to_pointer (cell, width - 1) - cell);
      g_string_append (s, "…");
      return;
    }
  for (glong k = len; k < (glong) width; k++)
    g_string_append_c (s, ' ');
  g_string_append (s, cell);
}

#define TABLE_CELL_MAX 12   /* characters; longer names end in "…" */

/* Data that are not images: their first rows, as the notebook prints its
 * gate tables. Each column is as wide as its widest cell (at most
 * TABLE_CELL_MAX) and two spaces apart: the names of the header never run
 * together ("sepal_lesepal_wi"). */
static char *
format_table (const PsDataset *data)
{
  GString *s = g_string_new (NULL);
  gsize n = MIN (ps_dataset_get_n_samples (data), PS_SAMPLES_VIEW_MAX_SAMPLES);
  gsize cols = MIN (ps_dataset_get_n_features (data), 8);
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);   /* (n + 1) × cols */
  guint widths[8] = { 0 };

  for (gsize j = 0; j < cols; j++)
    g_ptr_array_add (cells, ps_dataset_get_feature_names (data) != NULL && ps_dataset_get_feature_names (data)[j] != NULL
                            ? g_strdup (ps_dataset_get_feature_names (data)[j])
                            : g_strdup_printf ("x%zu", j + 1));
  for (gsize i = 0; i < n; i++)
    for (gsize j = 0; j < cols; j++)
      {
        char buf[G_ASCII_DTOSTR_BUF_SIZE];
        double v = ps_dataset_get_raw (data, i, j);

        g_ptr_array_add (cells, g_strdup (g_ascii_formatd (buf, sizeof buf, "%.4g", v)));
      }
  for (guint k = 0; k < cells->len; k++)
    widths[k % cols] = MAX (widths[k % cols],
                            MIN (g_utf8_strlen (g_ptr_array_index (cells, k), -1), TABLE_CELL_MAX));

  for (gsize i = 0; i <= n; i++)
    {
      for (gsize j = 0; j < cols; j++)
        append_cell (s, g_ptr_array_index (cells, i * cols + j), widths[j]);
      if (ps_dataset_get_n_features (data) > cols)
        g_string_append (s, "  …");
      if (i == 0)
        g_string_append_printf (s, "   %s\n", _("class"));
      else
        {
          const char *name = class_name (data, ps_dataset_get_labels (data)[i - 1]);

          if (name != NULL)
            g_string_append_printf (s, "   %s\n", name);
          else
            g_string_append_printf (s, "   %u\n", ps_dataset_get_labels (data)[i - 1]);
        }
    }
  if (ps_dataset_get_n_samples (data) > n)
    g_string_append_printf (s, _("… and %zu more samples\n"), ps_dataset_get_n_samples (data) - n);

  return g_string_free (s, FALSE);
}

static void
update_state (PsSamplesView *self)
{
  g_autofree char *description = NULL;

  if (self->n > 0)
    {
      description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                  "%u sample image of %s",
                                                  "%u sample images of %s",
                                                  self->n),
                                     self->n, ps_dataset_get_name (self->data) ? ps_dataset_get_name (self->data) : "");
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->area),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                      -1);
      gtk_stack_set_visible_child (self->stack, GTK_WIDGET (self->area));
    }
  else
    {
      if (self->data != NULL && !is_image (self->data) && ps_dataset_get_n_samples (self->data) > 0)
        {
          g_autofree char *table = format_table (self->data);

          gtk_label_set_text (self->table_label, table);
          gtk_stack_set_visible_child (self->stack, self->table_scroller);
          gtk_widget_queue_draw (GTK_WIDGET (self->area));
          return;
        }
      gtk_label_set_text (self->placeholder,
                          self->data == NULL ? _("No data loaded") : _("No samples"));
      gtk_stack_set_visible_child (self->stack, GTK_WIDGET (self->placeholder));
    }

  gtk_widget_queue_draw (GTK_WIDGET (self->area));
}

void
ps_samples_view_set_samples (PsSamplesView     *self,
                             PsDataset         *data,
                             const guint32     *idx,
                             guint              n,
                             const char *const *captions)
{
  gsize size;

  g_return_if_fail (PS_IS_SAMPLES_VIEW (self));
  g_return_if_fail (n == 0 || idx != NULL);

  if (data != NULL)
    ps_dataset_ref (data);
  g_clear_pointer (&self->data, ps_dataset_unref);
  self->data = data;

  g_ptr_array_set_size (self->captions, 0);
  g_byte_array_set_size (self->pixels_u8, 0);
  g_array_set_size (self->pixels_f, 0);
  g_array_set_size (self->indices, 0);
  self->n = 0;

  if (!is_image (data))
    {
      g_ptr_array_add (self->captions, NULL);
      update_state (self);
      return;
    }

  self->image_w = ps_dataset_get_image_width (data);
  self->image_h = ps_dataset_get_image_height (data);
  size = ps_dataset_get_n_features (data);

  if (ps_dataset_is_u8 (data))
    {
      g_byte_array_set_size (self->pixels_u8, n * size);
      for (guint i = 0; i < n; i++)
        {
          g_return_if_fail (idx[i] < ps_dataset_get_n_samples (data));
          for (gsize j = 0; j < size; j++)
            self->pixels_u8->data[i * size + j] = (guint8) ps_dataset_get_raw (data, idx[i], j);
        }
    }
  else
    {
      float top = 1.f;

      /* Raw pixel values may be bytes stored as floats (a CSV of 0..255). */
      g_array_set_size (self->pixels_f, n * size);
      for (guint i = 0; i < n; i++)
        {
          g_return_if_fail (idx[i] < ps_dataset_get_n_samples (data));
          for (gsize j = 0; j < size; j++)
            top = MAX (top, ps_dataset_get_raw (data, idx[i], j));
        }
      for (guint i = 0; i < n; i++)
        for (gsize j = 0; j < size; j++)
          g_array_index (self->pixels_f, float, i * size + j) =
            CLAMP (ps_dataset_get_raw (data, idx[i], j) / top, 0.f, 1.f);
    }

  for (guint i = 0; i < n; i++)
    {
      const char *caption = captions != NULL ? captions[i] : class_name (data, ps_dataset_get_labels (data)[idx[i]]);

      g_ptr_array_add (self->captions, g_strdup (caption));
    }
  g_ptr_array_add (self->captions, NULL);
  g_array_append_vals (self->indices, idx, n);
  self->n = n;

  update_state (self);
}

void
ps_samples_view_set_dataset (PsSamplesView *self,
                             PsDataset     *data)
{
  guint32 idx[PS_SAMPLES_VIEW_MAX_SAMPLES];
  guint n;

  g_return_if_fail (PS_IS_SAMPLES_VIEW (self));

  n = data != NULL ? MIN (ps_dataset_get_n_samples (data), PS_SAMPLES_VIEW_MAX_SAMPLES) : 0;
  for (guint i = 0; i < n; i++)
    idx[i] = i;

  ps_samples_view_set_samples (self, data, idx, n, NULL);
}

void
ps_samples_view_set_snapshot (PsSamplesView *self,
                              PsSnapshot    *snapshot)
{
  g_return_if_fail (PS_IS_SAMPLES_VIEW (self));

  if (snapshot == self->snapshot)
    return;

  if (snapshot != NULL)
    ps_snapshot_ref (snapshot);
  g_clear_pointer (&self->snapshot, ps_snapshot_unref);
  self->snapshot = snapshot;

  /* The epoch of the network the other views show (a checkpoint writes
   * its epoch even when it is 0), as the boundary view writes it. */
  g_clear_pointer (&self->title, g_free);
  if (snapshot != NULL && snapshot->network != NULL && (snapshot->epoch > 0 || snapshot->checkpoint))
    self->title = g_strdup_printf (_("Training samples, epoch %u"), snapshot->epoch);
  gtk_widget_queue_draw (GTK_WIDGET (self->area));

  /* The samples do not change while a run trains: skip the copy. */
  if (snapshot != NULL && snapshot->train == self->data && self->n > 0)
    return;

  ps_samples_view_set_dataset (self, snapshot != NULL ? snapshot->train : NULL);
}

/**
 * ps_samples_view_set_compact:
 * @compact: TRUE for a small picture (the dataset panel)
 *
 * A compact view asks for less room.
 */
void
ps_samples_view_set_compact (PsSamplesView *self,
                             gboolean       compact)
{
  g_return_if_fail (PS_IS_SAMPLES_VIEW (self));

  gtk_drawing_area_set_content_width (self->area, compact ? 160 : 280);
  gtk_drawing_area_set_content_height (self->area, compact ? 160 : 280);
}

guint
ps_samples_view_get_n_samples (PsSamplesView *self)
{
  g_return_val_if_fail (PS_IS_SAMPLES_VIEW (self), 0);

  return self->n;
}

gboolean
ps_samples_view_has_data (PsSamplesView *self)
{
  g_return_val_if_fail (PS_IS_SAMPLES_VIEW (self), FALSE);

  return self->n > 0;
}

static void
ps_samples_view_dispose (GObject *object)
{
  PsSamplesView *self = PS_SAMPLES_VIEW (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), PS_TYPE_SAMPLES_VIEW);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_pointer (&self->snapshot, ps_snapshot_unref);
  g_clear_pointer (&self->data, ps_dataset_unref);

  G_OBJECT_CLASS (ps_samples_view_parent_class)->dispose (object);
}

static void
ps_samples_view_finalize (GObject *object)
{
  PsSamplesView *self = PS_SAMPLES_VIEW (object);

  g_byte_array_unref (self->pixels_u8);
  g_array_unref (self->pixels_f);
  g_ptr_array_unref (self->captions);
  g_array_unref (self->indices);
  g_free (self->title);

  G_OBJECT_CLASS (ps_samples_view_parent_class)->finalize (object);
}

static void
ps_samples_view_class_init (PsSamplesViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ps_samples_view_dispose;
  object_class->finalize = ps_samples_view_finalize;

  /**
   * PsSamplesView::sample-activated:
   * @index: the training-set index of the image clicked
   *
   * A click on an image, when the grid shows the training set.
   */
  signals[SIGNAL_SAMPLE_ACTIVATED] =
    g_signal_new ("sample-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               PS_RESOURCE_BASE "/ps-samples-view.ui");
  gtk_widget_class_bind_template_child (widget_class, PsSamplesView, stack);
  gtk_widget_class_bind_template_child (widget_class, PsSamplesView, area);
  gtk_widget_class_bind_template_child (widget_class, PsSamplesView, placeholder);
  gtk_widget_class_bind_template_child (widget_class, PsSamplesView, table_scroller);
  gtk_widget_class_bind_template_child (widget_class, PsSamplesView, table_label);
}

static void
ps_samples_view_init (PsSamplesView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->pixels_u8 = g_byte_array_new ();
  self->pixels_f = g_array_new (FALSE, FALSE, sizeof (float));
  self->captions = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->captions, NULL);
  self->indices = g_array_new (FALSE, FALSE, sizeof (guint32));

  gtk_drawing_area_set_draw_func (self->area, draw_cb, self, NULL);
  {
    GtkGesture *click = gtk_gesture_click_new ();

    gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
    g_signal_connect (click, "released", G_CALLBACK (on_click_released), self);
    gtk_widget_add_controller (GTK_WIDGET (self->area), GTK_EVENT_CONTROLLER (click));
  }
  update_state (self);
}
