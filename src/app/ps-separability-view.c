/* ps-separability-view.c
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ps-separability-view.h"

#include <glib/gi18n.h>
#include <math.h>

#include "ps-plot.h"
#include "ps-separable.h"

struct _PsSeparabilityView
{
  GtkWidget       parent_instance;

  GtkLabel       *verdict;
  GtkStack       *stack;
  GtkDrawingArea *area;
  GtkLabel       *placeholder;
  GtkLabel       *details;

  PsSnapshot     *snapshot;
  PsDataset      *checked;      /* the training set `result` is about (a ref) */
  PsSeparability *result;       /* NULL: the view does not apply, or it failed */
  float          *points;       /* the raw coordinates, n × features (2 or 3) */
  char           *verdict_text;
  char           *details_text;
  char           *caption;
  char           *positive_name;
  char           *rest_name;
};

G_DEFINE_FINAL_TYPE (PsSeparabilityView, ps_separability_view, GTK_TYPE_WIDGET)

GtkWidget *
ps_separability_view_new (void)
{
  return g_object_new (PS_TYPE_SEPARABILITY_VIEW, NULL);
}

static gboolean
applies (const PsDataset *data)
{
  gsize f;

  if (data == NULL)
    return FALSE;
  f = ps_dataset_get_n_features (data);
  return (f == 2 || f == 3) && ps_dataset_get_n_classes (data) == 2
         && ps_dataset_get_n_samples (data) > 0;
}

static void
clear_result (PsSeparabilityView *self)
{
  g_clear_pointer (&self->checked, ps_dataset_unref);
  g_clear_pointer (&self->result, ps_separability_free);
  g_clear_pointer (&self->points, g_free);
  g_clear_pointer (&self->verdict_text, g_free);
  g_clear_pointer (&self->details_text, g_free);
  g_clear_pointer (&self->caption, g_free);
  g_clear_pointer (&self->positive_name, g_free);
  g_clear_pointer (&self->rest_name, g_free);
}

/* "(2, 2, 2)", 4 significant digits: enough for a student (the exact
 * digits are in `perceptron separable`). */
static char *
format_vector (const double *v,
               guint         n)
{
  GString *s = g_string_new ("(");

  for (guint i = 0; i < n; i++)
    {
      char buf[G_ASCII_DTOSTR_BUF_SIZE];

      /* 0 for round-off: the core prints 1e-14 beside 7 as 0 too */
      g_string_append (s, g_ascii_formatd (buf, sizeof buf, "%.4g", fabs (v[i]) < 1e-9 ? 0 : v[i]));
      if (i + 1 < n)
        g_string_append (s, ", ");
    }
  g_string_append_c (s, ')');
  return g_string_free (s, FALSE);
}

/* Checks the training set (raw coordinates, as the plots show them: an
 * affine scaling of each feature keeps the answer) and writes the words. */
static void
check (PsSeparabilityView *self,
       PsDataset          *data)
{
  const char *const *names = ps_dataset_get_class_names (data);
  g_autoptr(GError) error = NULL;
  GString *details = g_string_new (NULL);
  PsSeparability *r;
  guint f = ps_dataset_get_n_features (data);

  self->checked = ps_dataset_ref (data);
  /* class 1 against class 0, as a perceptron's one output unit reads them */
  r = self->result = ps_separability_check_dataset (data, 1, TRUE, &error);
  if (r == NULL)
    {
      self->verdict_text = g_strdup_printf (_("Could not decide whether the training set is "
                                              "linearly separable: %s"), error->message);
      g_string_free (details, TRUE);
      return;
    }

  if (names != NULL && names[1] != NULL && names[0] != NULL)
    {
      self->positive_name = g_strdup_printf (_("class %s"), names[1]);
      self->rest_name = g_strdup_printf (_("class %s"), names[0]);
    }

  if (r->separable)
    self->verdict_text = g_strdup (_("The training set is linearly separable."));
  else
    self->verdict_text = g_strdup (_("The training set is not linearly separable."));

  if (r->separable)
    {
      g_autofree char *w = format_vector (r->w, f);
      char b[G_ASCII_DTOSTR_BUF_SIZE];

      g_ascii_formatd (b, sizeof b, "%.4g", fabs (r->b) < 1e-9 ? 0 : r->b);
      if (f == 2)
        g_string_append_printf (details, _("The line w·x + b = 0 with w = %s and b = %s separates them: %s."),
                                w, b, r->reason);
      else
        g_string_append_printf (details, _("The plane w·x + b = 0 with w = %s and b = %s separates them: %s."),
                                w, b, r->reason);
      self->caption = g_strdup_printf (_("Linearly separable: %s (w = %s, b = %s)."), r->reason, w, b);
    }
  else
    {
      if (f == 3 || r->table_text == NULL)
        g_string_append_printf (details, _("No line or plane puts every sample on its class's side: %s."),
                                r->reason);
      self->caption = g_strdup_printf (_("Not linearly separable: %s."), r->reason);
    }
  if (r->table_text != NULL)
    {
      if (details->len > 0)
        g_string_append (details, "\n\n");
      g_string_append (details, r->table_text);
      while (details->len > 0 && details->str[details->len - 1] == '\n')
        g_string_truncate (details, details->len - 1);
    }
  self->details_text = g_string_free (details, FALSE);

  self->points = g_new (float, (gsize) f * ps_dataset_get_n_samples (data));
  ps_dataset_get_raw_columns (data, f, self->points);
}

static void
update_state (PsSeparabilityView *self)
{
  PsDataset *data = self->snapshot != NULL ? self->snapshot->train : NULL;
  g_autofree char *description = NULL;

  if (data != self->checked)
    {
      clear_result (self);
      if (applies (data))
        check (self, data);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->verdict), self->verdict_text != NULL);
  gtk_label_set_text (self->verdict, self->verdict_text ? self->verdict_text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->details), self->details_text != NULL && self->details_text[0] != '\0');
  gtk_label_set_text (self->details, self->details_text ? self->details_text : "");

  if (ps_separability_view_has_data (self))
    gtk_stack_set_visible_child (self->stack, GTK_WIDGET (self->area));
  else
    {
      if (data == NULL)
        gtk_label_set_text (self->placeholder, _("No training set yet"));
      else if (!applies (data))
        {
          g_autofree char *text =
            g_strdup_printf (_("Linear separability is shown for training sets with 2 or 3 features "
                               "and 2 classes; this one has %u features and %u classes."),
                             (guint) ps_dataset_get_n_features (data), ps_dataset_get_n_classes (data));

          gtk_label_set_text (self->placeholder, text);
        }
      else
        gtk_label_set_text (self->placeholder, "");
      gtk_stack_set_visible_child (self->stack, GTK_WIDGET (self->placeholder));
    }

  if (self->verdict_text != NULL)
    description = g_strdup_printf ("%s %s", self->verdict_text,
                                   self->caption != NULL ? self->caption : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->area),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  description != NULL ? description : "",
                                  -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->verdict),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  self->caption != NULL ? self->caption : "",
                                  -1);
}

/* 3 features: the samples in their box, seen at a fixed angle, with the
 * separating plane cut to the box (the hidden-space renderer draws exactly
 * that); no hulls in 3-D, the words say why. */
static void
render_3d (PsSeparabilityView *self,
           cairo_t            *cr,
           double              width,
           double              height)
{
  const PsSeparability *r = self->result;
  const char *const *names = ps_dataset_get_class_names (self->checked);
  const char *axes[] = { "x₁", "x₂", "x₃" };
  PsHiddenData d = { 0 };

  d.n_points = ps_dataset_get_n_samples (self->checked);
  d.dims = 3;
  d.points = self->points;
  d.labels = ps_dataset_get_labels (self->checked);
  d.n_classes = 2;
  d.class_names = (const char **) names;
  d.axis_names = axes;
  d.has_plane = r->separable;
  if (r->separable)
    {
      d.plane[0] = r->w[0];
      d.plane[1] = r->w[1];
      d.plane[2] = r->w[2];
      d.plane[3] = r->b;
    }
  d.yaw = -0.6;
  d.pitch = 0.45;
  d.title = ps_dataset_get_name (self->checked);
  d.note = self->caption;
  ps_plot_hidden (cr, width, height, &d);
}

void
ps_separability_view_render (cairo_t *cr,
                             double   width,
                             double   height,
                             gpointer user_data)
{
  PsSeparabilityView *self = user_data;
  const PsSeparability *r;
  PsSeparabilityData d = { 0 };
  gsize segs[6];

  g_return_if_fail (PS_IS_SEPARABILITY_VIEW (self));

  if (!ps_separability_view_has_data (self))
    return;

  r = self->result;
  if (r->n_features == 3)
    {
      render_3d (self, cr, width, height);
      return;
    }
  d.n_points = ps_dataset_get_n_samples (self->checked);
  d.points = self->points;
  d.labels = ps_dataset_get_labels (self->checked);
  d.positive_class = r->positive_class;
  d.positive_name = self->positive_name;
  d.rest_name = self->rest_name;
  d.separable = r->separable;
  if (r->separable)
    {
      d.w[0] = r->w[0];
      d.w[1] = r->w[1];
      d.b = r->b;
    }
  else
    {
      const gsize *p = r->witness_points;

      d.witness = p;
      d.n_witness = r->n_witness_points;
      d.witness_segments = segs;
      /* the segments the reason names, dashed */
      if (r->witness == PS_SEPARABILITY_WITNESS_CROSSING)
        {
          segs[0] = p[0], segs[1] = p[1], segs[2] = p[2], segs[3] = p[3];
          d.n_witness_segments = 2;
        }
      else if (r->witness == PS_SEPARABILITY_WITNESS_ON_SEGMENT)
        {
          segs[0] = p[1], segs[1] = p[2];
          d.n_witness_segments = 1;
        }
      else if (r->witness == PS_SEPARABILITY_WITNESS_IN_TRIANGLE)
        {
          segs[0] = p[1], segs[1] = p[2], segs[2] = p[2], segs[3] = p[3], segs[4] = p[3], segs[5] = p[1];
          d.n_witness_segments = 3;
        }
    }
  for (int s = 0; s < 2; s++)
    {
      d.hull[s] = r->hull[s];
      d.n_hull[s] = r->n_hull[s];
    }
  d.caption = self->caption;
  d.title = ps_dataset_get_name (self->checked);
  ps_plot_separability (cr, width, height, &d);
}

static void
draw_cb (GtkDrawingArea *area,
         cairo_t        *cr,
         int             width,
         int             height,
         gpointer        user_data)
{
  ps_separability_view_render (cr, width, height, user_data);
}

void
ps_separability_view_set_snapshot (PsSeparabilityView *self,
                                   PsSnapshot         *snapshot)
{
  g_return_if_fail (PS_IS_SEPARABILITY_VIEW (self));

  if (snapshot == self->snapshot)
    return;

  if (snapshot != NULL)
    ps_snapshot_ref (snapshot);
  g_clear_pointer (&self->snapshot, ps_snapshot_unref);
  self->snapshot = snapshot;

  /* the answer is about the data, not the weights: the snapshots of a run
   * share one training set and cost nothing here */
  if ((snapshot != NULL ? snapshot->train : NULL) == self->checked && self->checked != NULL)
    return;
  update_state (self);
  gtk_widget_queue_draw (GTK_WIDGET (self->area));
}

PsSnapshot *
ps_separability_view_get_snapshot (PsSeparabilityView *self)
{
  g_return_val_if_fail (PS_IS_SEPARABILITY_VIEW (self), NULL);

  return self->snapshot;
}

const char *
ps_separability_view_get_verdict (PsSeparabilityView *self)
{
  g_return_val_if_fail (PS_IS_SEPARABILITY_VIEW (self), NULL);

  return self->verdict_text;
}

const char *
ps_separability_view_get_details (PsSeparabilityView *self)
{
  g_return_val_if_fail (PS_IS_SEPARABILITY_VIEW (self), NULL);

  return self->details_text;
}

gboolean
ps_separability_view_has_data (PsSeparabilityView *self)
{
  g_return_val_if_fail (PS_IS_SEPARABILITY_VIEW (self), FALSE);

  return self->result != NULL && self->points != NULL;
}

static void
ps_separability_view_dispose (GObject *object)
{
  PsSeparabilityView *self = PS_SEPARABILITY_VIEW (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), PS_TYPE_SEPARABILITY_VIEW);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_pointer (&self->snapshot, ps_snapshot_unref);
  clear_result (self);

  G_OBJECT_CLASS (ps_separability_view_parent_class)->dispose (object);
}

static void
ps_separability_view_class_init (PsSeparabilityViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ps_separability_view_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               PS_RESOURCE_BASE "/ps-separability-view.ui");
  gtk_widget_class_bind_template_child (widget_class, PsSeparabilityView, verdict);
  gtk_widget_class_bind_template_child (widget_class, PsSeparabilityView, stack);
  gtk_widget_class_bind_template_child (widget_class, PsSeparabilityView, area);
  gtk_widget_class_bind_template_child (widget_class, PsSeparabilityView, placeholder);
  gtk_widget_class_bind_template_child (widget_class, PsSeparabilityView, details);
}

static void
ps_separability_view_init (PsSeparabilityView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_drawing_area_set_draw_func (self->area, draw_cb, self, NULL);
  update_state (self);
}
