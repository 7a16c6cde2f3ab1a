/* ps-curves-view.c
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ps-curves-view.h"

#include <glib/gi18n.h>

#include "ps-plot.h"
#include "ps-session.h"

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

  /* (nullable): the runs ticked in the session are drawn instead (the
   * Runs overlay) */
  PsSession      *session;
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

/* (transfer container): the session's ticked runs, oldest first */
static GPtrArray *
dup_shown_runs (PsCurvesView *self)
{
  GPtrArray *shown = g_ptr_array_new_with_free_func (g_object_unref);
  GListModel *runs;
  guint n;

  if (self->session == NULL)
    return shown;
  runs = ps_session_get_runs (self->session);
  n = g_list_model_get_n_items (runs);
  for (guint i = 0; i < n; i++)
    {
      PsRun *run = g_list_model_get_item (runs, i);

      if (ps_run_get_shown (run))
        g_ptr_array_add (shown, run);
      else
        g_object_unref (run);
    }
  return shown;
}

/* "Runs overlaid: Run 1: lr 0.5, epoch 1000, loss 0.012; ..." */
static char *
describe_runs (GPtrArray *shown)
{
  GString *text = g_string_new (_("Runs overlaid:"));

  for (guint i = 0; i < shown->len; i++)
    {
      PsRun *run = g_ptr_array_index (shown, i);
      g_autofree char *label = ps_run_dup_label_among (run, (PsRun **) shown->pdata, shown->len);
      guint n = 0;
      const PsEpochMetrics *h = ps_run_get_history (run, &n);

      g_string_append_c (text, ' ');
      if (n > 0)
        /* Translators: one run in the curves' description */
        g_string_append_printf (text, _("%s, epoch %u, loss %.4g, accuracy %.4g;"),
                                label, n, h[n - 1].loss, h[n - 1].accuracy);
      else
        g_string_append_printf (text, _("%s, no epochs yet;"), label);
    }
  return g_string_free (text, FALSE);
}

static void
update_description (PsCurvesView *self)
{
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) shown = dup_shown_runs (self);
  guint n = self->loss->len;
  guint e;

  if (shown->len > 0)
    text = describe_runs (shown);
  else if (get_cursor (self, &e) && e == 0)
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

/* One run's metrics as the renderer's arrays, kept in @arrays. */
static void
fill_run_series (PsRun          *run,
                 PsCurvesSeries *series,
                 GPtrArray      *arrays)
{
  guint n = 0;
  const PsEpochMetrics *h = ps_run_get_history (run, &n);
  double *loss = g_new (double, MAX (n, 1));
  double *accuracy = g_new (double, MAX (n, 1));
  double *val_loss = g_new (double, MAX (n, 1));
  double *val_accuracy = g_new (double, MAX (n, 1));
  gboolean has_val = n > 0;

  for (guint i = 0; i < n; i++)
    {
      loss[i] = h[i].loss;
      accuracy[i] = h[i].accuracy;
      val_loss[i] = h[i].val_loss;
      val_accuracy[i] = h[i].val_accuracy;
      has_val = has_val && h[i].has_val;
    }
  g_ptr_array_add (arrays, loss);
  g_ptr_array_add (arrays, accuracy);
  g_ptr_array_add (arrays, val_loss);
  g_ptr_array_add (arrays, val_accuracy);
  series->n_epochs = n;
  series->loss = loss;
  series->accuracy = accuracy;
  series->val_loss = has_val ? val_loss : NULL;
  series->val_accuracy = has_val ? val_accuracy : NULL;
  /* a run keeps its colour whichever others are ticked */
  series->color_index = ps_run_get_number (run) > 0 ? ps_run_get_number (run) - 1 : 0;
}

/* The ticked runs, overlaid; FALSE when none is ticked. */
static gboolean
render_runs (PsCurvesView *self,
             cairo_t      *cr,
             double        width,
             double        height)
{
  g_autoptr(GPtrArray) shown = dup_shown_runs (self);
  g_autoptr(GPtrArray) arrays = g_ptr_array_new_with_free_func (g_free);
  g_autofree PsCurvesSeries *series = NULL;
  PsCurvesData data = { 0 };

  if (shown->len == 0)
    return FALSE;
  series = g_new0 (PsCurvesSeries, shown->len);
  for (guint i = 0; i < shown->len; i++)
    {
      PsRun *run = g_ptr_array_index (shown, i);
      char *label = ps_run_dup_label_among (run, (PsRun **) shown->pdata, shown->len);

      g_ptr_array_add (arrays, label);
      series[i].label = label;
      fill_run_series (run, &series[i], arrays);
    }
  data.title = _("Loss and accuracy of the ticked runs");
  data.series = series;
  data.n_series = shown->len;
  ps_plot_curves (cr, width, height, &data);
  return TRUE;
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

  if (render_runs (self, cr, width, height))
    return;

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
  g_autoptr(GPtrArray) shown = NULL;

  g_return_val_if_fail (PS_IS_CURVES_VIEW (self), FALSE);

  shown = dup_shown_runs (self);
  return self->loss->len > 0 || shown->len > 0;
}

static void
on_runs_changed (PsCurvesView *self)
{
  update_description (self);
  gtk_widget_queue_draw (GTK_WIDGET (self->area));
}

/**
 * ps_curves_view_set_session:
 * @session: (transfer none): the document; the view holds a reference
 *
 * The view then draws the session's ticked runs (the Runs list's check
 * buttons) instead of the snapshot's history while any is ticked. Once.
 */
void
ps_curves_view_set_session (PsCurvesView *self,
                            PsSession    *session)
{
  g_return_if_fail (PS_IS_CURVES_VIEW (self));
  g_return_if_fail (PS_IS_SESSION (session));
  g_return_if_fail (self->session == NULL);

  self->session = g_object_ref (session);
  g_signal_connect_object (session, "runs-changed", G_CALLBACK (on_runs_changed), self, G_CONNECT_SWAPPED);
  on_runs_changed (self);
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
  g_clear_object (&self->session);

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
