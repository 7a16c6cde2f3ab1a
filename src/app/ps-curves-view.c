/* ps-curves-view.c
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ps-curves-view.h"

#include <glib/gi18n.h>

#include "ps-plot.h"

struct _PsCurvesView
{
  GtkWidget       parent_instance;

  GtkDrawingArea *area;

  PsSnapshot     *snapshot;
  /* Per-epoch series, rebuilt on each snapshot; the arrays only grow, so a
   * long run does not allocate on every update. */
  GArray         *loss;
  GArray         *accuracy;
  GArray         *val_loss;
  GArray         *val_accuracy;
  gboolean        has_val;
};

G_DEFINE_FINAL_TYPE (PsCurvesView, ps_curves_view, GTK_TYPE_WIDGET)

GtkWidget *
ps_curves_view_new (void)
{
  return g_object_new (PS_TYPE_CURVES_VIEW, NULL);
}

static void
fill_series (PsCurvesView *self)
{
  const PsSnapshot *s = self->snapshot;
  guint n = s != NULL ? s->n_epochs : 0;

  g_array_set_size (self->loss, n);
  g_array_set_size (self->accuracy, n);
  g_array_set_size (self->val_loss, n);
  g_array_set_size (self->val_accuracy, n);
  self->has_val = n > 0;

  for (guint i = 0; i < n; i++)
    {
      const PsEpochMetrics *m = &s->history[i];

      g_array_index (self->loss, double, i) = m->loss;
      g_array_index (self->accuracy, double, i) = m->accuracy;
      g_array_index (self->val_loss, double, i) = m->val_loss;
      g_array_index (self->val_accuracy, double, i) = m->val_accuracy;
      self->has_val = self->has_val && m->has_val;
    }
}

/* A timeline checkpoint: the epoch it shows, of the run's n. */
static gboolean
get_cursor (PsCurvesView *self,
            guint        *epoch)
{
  if (self->snapshot == NULL || !self->snapshot->checkpoint)
    return FALSE;
  *epoch = MIN (self->snapshot->epoch, self->loss->len);
  return TRUE;
}

static void
update_description (PsCurvesView *self)
{
  g_autofree char *text = NULL;
  guint n = self->loss->len;
  guint e;

  if (get_cursor (self, &e) && e == 0)
    text = g_strdup_printf (_("Epoch 0 of %u: the initial weights, before training"), n);
  else if (get_cursor (self, &e) && self->has_val)
    text = g_strdup_printf (_("Epoch %u of %u: loss %.4g, accuracy %.4g, validation loss %.4g, validation accuracy %.4g"),
                            e, n,
                            g_array_index (self->loss, double, e - 1),
                            g_array_index (self->accuracy, double, e - 1),
                            g_array_index (self->val_loss, double, e - 1),
                            g_array_index (self->val_accuracy, double, e - 1));
  else if (get_cursor (self, &e))
    text = g_strdup_printf (_("Epoch %u of %u: loss %.4g, accuracy %.4g"),
                            e, n,
                            g_array_index (self->loss, double, e - 1),
                            g_array_index (self->accuracy, double, e - 1));
  else if (n == 0)
    text = g_strdup (_("No epochs yet"));
  else if (self->has_val)
    text = g_strdup_printf (_("Epoch %u: loss %.4g, accuracy %.4g, validation loss %.4g, validation accuracy %.4g"),
                            n,
                            g_array_index (self->loss, double, n - 1),
                            g_array_index (self->accuracy, double, n - 1),
                            g_array_index (self->val_loss, double, n - 1),
                            g_array_index (self->val_accuracy, double, n - 1));
  else
    text = g_strdup_printf (_("Epoch %u: loss %.4g, accuracy %.4g"),
                            n,
                            g_array_index (self->loss, double, n - 1),
                            g_array_index (self->accuracy, double, n - 1));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self->area),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text,
                                  -1);
}

void
ps_curves_view_render (cairo_t *cr,
                       double   width,
                       double   height,
                       gpointer user_data)
{
  PsCurvesView *self = user_data;
  PsCurvesData data = { 0 };
  guint cursor;

  g_return_if_fail (PS_IS_CURVES_VIEW (self));

  data.title = _("Loss and accuracy");
  data.n_epochs = self->loss->len;
  data.loss = (const double *) (gpointer) self->loss->data;
  data.accuracy = (const double *) (gpointer) self->accuracy->data;
  if (self->has_val)
    {
      data.val_loss = (const double *) (gpointer) self->val_loss->data;
      data.val_accuracy = (const double *) (gpointer) self->val_accuracy->data;
    }
  if (get_cursor (self, &cursor))
    {
      data.has_cursor = TRUE;
      data.cursor_epoch = cursor;
    }

  ps_plot_curves (cr, width, height, &data);
}

static void
draw_cb (GtkDrawingArea *area,
         cairo_t        *cr,
         int             width,
         int             height,
         gpointer        user_data)
{
  ps_curves_view_render (cr, width, height, user_data);
}

void
ps_curves_view_set_snapshot (PsCurvesView *self,
                             PsSnapshot   *snapshot)
{
  gboolean same_history;

  g_return_if_fail (PS_IS_CURVES_VIEW (self));

  if (snapshot == self->snapshot)
    return;

  /* Scrubbing the timeline brings a new snapshot per checkpoint over one
   * shared history: the series stay as they are. (Compared while the old
   * snapshot is alive, so an equal pointer is the same buffer.) */
  same_history = snapshot != NULL && self->snapshot != NULL &&
                 snapshot->history == self->snapshot->history &&
                 snapshot->n_epochs == self->snapshot->n_epochs;
  if (snapshot != NULL)
    ps_snapshot_ref (snapshot);
  g_clear_pointer (&self->snapshot, ps_snapshot_unref);
  self->snapshot = snapshot;

  if (!same_history)
    fill_series (self);
  update_description (self);
  gtk_widget_queue_draw (GTK_WIDGET (self->area));
}

PsSnapshot *
ps_curves_view_get_snapshot (PsCurvesView *self)
{
  g_return_val_if_fail (PS_IS_CURVES_VIEW (self), NULL);

  return self->snapshot;
}

gboolean
ps_curves_view_has_data (PsCurvesView *self)
{
  g_return_val_if_fail (PS_IS_CURVES_VIEW (self), FALSE);

  return self->loss->len > 0;
}

static void
ps_curves_view_dispose (GObject *object)
{
  PsCurvesView *self = PS_CURVES_VIEW (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), PS_TYPE_CURVES_VIEW);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_pointer (&self->snapshot, ps_snapshot_unref);

  G_OBJECT_CLASS (ps_curves_view_parent_class)->dispose (object);
}

static void
ps_curves_view_finalize (GObject *object)
{
  PsCurvesView *self = PS_CURVES_VIEW (object);

  g_array_unref (self->loss);
  g_array_unref (self->accuracy);
  g_array_unref (self->val_loss);
  g_array_unref (self->val_accuracy);

  G_OBJECT_CLASS (ps_curves_view_parent_class)->finalize (object);
}

static void
ps_curves_view_class_init (PsCurvesViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ps_curves_view_dispose;
  object_class->finalize = ps_curves_view_finalize;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               PS_RESOURCE_BASE "/ps-curves-view.ui");
  gtk_widget_class_bind_template_child (widget_class, PsCurvesView, area);
}

static void
ps_curves_view_init (PsCurvesView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->loss = g_array_new (FALSE, TRUE, sizeof (double));
  self->accuracy = g_array_new (FALSE, TRUE, sizeof (double));
  self->val_loss = g_array_new (FALSE, TRUE, sizeof (double));
  self->val_accuracy = g_array_new (FALSE, TRUE, sizeof (double));

  gtk_drawing_area_set_draw_func (self->area, draw_cb, self, NULL);
  update_description (self);
}
