/* ps-hidden-view.c: the training samples at a hidden layer's activations
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Issue 11 §2: where a hidden layer puts each training sample, coloured by
 * class, with the next layer's decision line (2 units) or plane (3 units).
 * A layer of more than 3 units shows its first 3 (not a PCA projection:
 * the axes stay units the Diagram names, and the plane stays exact only
 * when every unit is shown, so it is drawn only then). A 3-D space turns
 * when dragged. The points come from the snapshot's network, the
 * checkpoint's when the timeline is scrubbed.
 */
#include "config.h"

#include "ps-hidden-view.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "ps-boundary.h"

struct _PsHiddenView
{
  GtkWidget       parent_instance;

  GtkDropDown    *layer_dropdown;
  GtkLabel       *hint;
  GtkStack       *stack;
  GtkDrawingArea *area;
  GtkLabel       *placeholder;
  GtkStringList  *layers;        /* one entry per hidden layer */

  PsSnapshot     *snapshot;
  guint           layer;         /* 0-based hidden layer */
  guint           n_hidden;      /* what the dropdown lists */
  gboolean        updating;      /* filling the dropdown */

  /* what is drawn: the points (core's one rule, as the CLI draws them) */
  PsHiddenSpace   space;
  gboolean        has_data;
  PsHiddenData    data;
  char           *title;
  char           *note;
  double          yaw, pitch;
  double          drag_yaw, drag_pitch;
};

G_DEFINE_FINAL_TYPE (PsHiddenView, ps_hidden_view, GTK_TYPE_WIDGET)

GtkWidget *
ps_hidden_view_new (void)
{
  return g_object_new (PS_TYPE_HIDDEN_VIEW, NULL);
}

static const PsNetwork *
get_network (PsHiddenView *self)
{
  if (self->snapshot == NULL || self->snapshot->network == NULL
      || self->snapshot->network->n_layers == 0 || self->snapshot->train == NULL)
    return NULL;
  return self->snapshot->network;
}

static void
set_placeholder (PsHiddenView *self,
                 const char   *text)
{
  gtk_label_set_text (self->placeholder, text);
  gtk_stack_set_visible_child (self->stack, GTK_WIDGET (self->placeholder));
  gtk_widget_set_visible (GTK_WIDGET (self->hint), FALSE);
}

/* The dropdown lists the hidden layers: "Layer 1 · 3 units". */
static void
update_layers (PsHiddenView    *self,
               const PsNetwork *net)
{
  guint n_hidden = net != NULL ? net->n_layers - 1 : 0;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  for (guint l = 0; l < n_hidden; l++)
    g_ptr_array_add (names, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Layer %u · %u unit",
                                                          "Layer %u · %u units", net->layers[l].units),
                                             l + 1, net->layers[l].units));
  g_ptr_array_add (names, NULL);
  self->updating = TRUE;
  gtk_string_list_splice (self->layers, 0, g_list_model_get_n_items (G_LIST_MODEL (self->layers)),
                          (const char *const *) names->pdata);
  self->n_hidden = n_hidden;
  if (self->layer >= n_hidden)
    self->layer = n_hidden > 0 ? n_hidden - 1 : 0;
  gtk_drop_down_set_selected (self->layer_dropdown, n_hidden > 0 ? self->layer : GTK_INVALID_LIST_POSITION);
  gtk_widget_set_sensitive (GTK_WIDGET (self->layer_dropdown), n_hidden > 1);
  self->updating = FALSE;
}

static gboolean
same_layers (PsHiddenView    *self,
             const PsNetwork *net)
{
  guint n_hidden = net != NULL ? net->n_layers - 1 : 0;

  if (n_hidden != self->n_hidden)
    return FALSE;
  for (guint l = 0; l < n_hidden; l++)
    {
      g_autofree char *want = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Layer %u · %u unit",
                                                            "Layer %u · %u units", net->layers[l].units),
                                               l + 1, net->layers[l].units);
      const char *have = gtk_string_list_get_string (self->layers, l);

      if (g_strcmp0 (want, have) != 0)
        return FALSE;
    }
  return TRUE;
}

/* The samples at the chosen layer, its plane, the title: what is drawn. */
static void
update_points (PsHiddenView *self)
{
  const PsNetwork *net = get_network (self);
  const PsSnapshot *s = self->snapshot;
  guint units;
  gsize total;
  g_autofree char *description = NULL;

  self->has_data = FALSE;
  memset (&self->data, 0, sizeof self->data);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->note, g_free);

  if (net == NULL)
    {
      set_placeholder (self, _("No network yet"));
      goto out;
    }
  if (net->n_layers < 2)
    {
      set_placeholder (self, _("This network has no hidden layer: its inputs go straight to the output. "
                               "Add one (for example 2,2,1) to see the space it makes."));
      goto out;
    }
  if (ps_dataset_get_n_features (s->train) != net->n_inputs || ps_dataset_get_n_samples (s->train) == 0)
    {
      set_placeholder (self, _("The training set does not fit this network"));
      goto out;
    }
  units = net->layers[self->layer].units;
  if (units < 2)
    {
      set_placeholder (self, _("This layer has one unit: the hidden space needs two or more"));
      goto out;
    }

  if (!ps_hidden_space_compute (&self->space, net, s->train, self->layer, PS_HIDDEN_SPACE_MAX_SAMPLES))
    {
      set_placeholder (self, _("The training set does not fit this network"));
      goto out;
    }
  total = ps_dataset_get_n_samples (s->train);

  /* which epoch's weights, as the other views write it */
  if (s->epoch > 0 || s->checkpoint)
    self->title = g_strdup_printf (_("Hidden space, layer %u, epoch %u"), self->layer + 1, s->epoch);
  else
    self->title = g_strdup_printf (_("Hidden space, layer %u"), self->layer + 1);
  if (units > 3)
    self->note = g_strdup_printf (_("Units 1–3 of %u shown; the decision plane needs them all"), units);
  else if (self->space.n < total)
    self->note = g_strdup_printf (_("%zu of %zu training samples"), self->space.n, total);

  self->data.n_points = self->space.n;
  self->data.dims = self->space.dims;
  self->data.points = self->space.points;
  self->data.labels = self->space.labels;
  self->data.n_classes = ps_dataset_get_n_classes (s->train);
  self->data.class_names = (const char **) ps_dataset_get_class_names (s->train);
  self->data.has_plane = self->space.has_plane;
  memcpy (self->data.plane, self->space.plane, sizeof self->data.plane);
  memcpy (self->data.lo, self->space.lo, sizeof self->data.lo);
  memcpy (self->data.hi, self->space.hi, sizeof self->data.hi);
  self->data.yaw = self->yaw;
  self->data.pitch = self->pitch;
  self->data.title = self->title;
  self->data.note = self->note;
  self->has_data = TRUE;

  description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "%s: %zu sample at %u units%s",
                                              "%s: %zu samples at %u units%s", self->space.n),
                                 self->title, self->space.n, self->space.dims,
                                 self->data.has_plane ? _(", with the next layer's decision boundary") : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->area),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
  gtk_stack_set_visible_child (self->stack, GTK_WIDGET (self->area));
  gtk_widget_set_visible (GTK_WIDGET (self->hint), self->space.dims == 3);

out:
  gtk_widget_queue_draw (GTK_WIDGET (self->area));
}

void
ps_hidden_view_render (cairo_t *cr,
                       double   width,
                       double   height,
                       gpointer user_data)
{
  PsHiddenView *self = user_data;

  g_return_if_fail (PS_IS_HIDDEN_VIEW (self));

  if (!self->has_data)
    return;
  self->data.yaw = self->yaw;
  self->data.pitch = self->pitch;
  ps_plot_hidden (cr, width, height, &self->data);
}

static void
draw_cb (GtkDrawingArea *area,
         cairo_t        *cr,
         int             width,
         int             height,
         gpointer        user_data)
{
  ps_hidden_view_render (cr, width, height, user_data);
}

void
ps_hidden_view_set_snapshot (PsHiddenView *self,
                             PsSnapshot   *snapshot)
{
  const PsNetwork *net;

  g_return_if_fail (PS_IS_HIDDEN_VIEW (self));

  if (snapshot == self->snapshot)
    return;
  if (snapshot != NULL)
    ps_snapshot_ref (snapshot);
  g_clear_pointer (&self->snapshot, ps_snapshot_unref);
  self->snapshot = snapshot;

  net = get_network (self);
  if (!same_layers (self, net))
    update_layers (self, net);
  update_points (self);
}

PsSnapshot *
ps_hidden_view_get_snapshot (PsHiddenView *self)
{
  g_return_val_if_fail (PS_IS_HIDDEN_VIEW (self), NULL);

  return self->snapshot;
}

void
ps_hidden_view_set_layer (PsHiddenView *self,
                          guint         layer)
{
  g_return_if_fail (PS_IS_HIDDEN_VIEW (self));

  if (layer >= self->n_hidden || layer == self->layer)
    return;
  self->layer = layer;
  self->updating = TRUE;
  gtk_drop_down_set_selected (self->layer_dropdown, layer);
  self->updating = FALSE;
  update_points (self);
}

guint
ps_hidden_view_get_layer (PsHiddenView *self)
{
  g_return_val_if_fail (PS_IS_HIDDEN_VIEW (self), 0);

  return self->layer;
}

void
ps_hidden_view_set_rotation (PsHiddenView *self,
                             double        yaw,
                             double        pitch)
{
  g_return_if_fail (PS_IS_HIDDEN_VIEW (self));

  self->yaw = yaw;
  /* past ±85° the vertical axis flips over */
  self->pitch = CLAMP (pitch, -1.48, 1.48);
  self->data.yaw = self->yaw;
  self->data.pitch = self->pitch;
  gtk_widget_queue_draw (GTK_WIDGET (self->area));
}

const char *
ps_hidden_view_get_title (PsHiddenView *self)
{
  g_return_val_if_fail (PS_IS_HIDDEN_VIEW (self), NULL);

  return self->has_data ? self->title : NULL;
}

const PsHiddenData *
ps_hidden_view_get_data (PsHiddenView *self)
{
  g_return_val_if_fail (PS_IS_HIDDEN_VIEW (self), NULL);

  return self->has_data ? &self->data : NULL;
}

gboolean
ps_hidden_view_has_data (PsHiddenView *self)
{
  g_return_val_if_fail (PS_IS_HIDDEN_VIEW (self), FALSE);

  return self->has_data;
}

static void
on_selected_changed (PsHiddenView *self)
{
  guint selected = gtk_drop_down_get_selected (self->layer_dropdown);

  if (self->updating || selected == GTK_INVALID_LIST_POSITION || selected == self->layer)
    return;
  self->layer = selected;
  update_points (self);
}

static void
on_drag_begin (GtkGestureDrag *drag,
               double          x,
               double          y,
               PsHiddenView   *self)
{
  self->drag_yaw = self->yaw;
  self->drag_pitch = self->pitch;
}

/* A drag across the view's width turns the cube about 1.5 turns. */
static void
on_drag_update (GtkGestureDrag *drag,
                double          dx,
                double          dy,
                PsHiddenView   *self)
{
  double w = MAX (gtk_widget_get_width (GTK_WIDGET (self->area)), 100);

  if (!self->has_data || self->data.dims != 3)
    return;
  ps_hidden_view_set_rotation (self, self->drag_yaw + dx / w * 3 * G_PI,
                               self->drag_pitch + dy / w * 3 * G_PI);
}

static void
ps_hidden_view_dispose (GObject *object)
{
  PsHiddenView *self = PS_HIDDEN_VIEW (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), PS_TYPE_HIDDEN_VIEW);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_pointer (&self->snapshot, ps_snapshot_unref);
  ps_hidden_space_clear (&self->space);
  g_clear_object (&self->layers);

  G_OBJECT_CLASS (ps_hidden_view_parent_class)->dispose (object);
}

static void
ps_hidden_view_finalize (GObject *object)
{
  PsHiddenView *self = PS_HIDDEN_VIEW (object);

  g_free (self->title);
  g_free (self->note);

  G_OBJECT_CLASS (ps_hidden_view_parent_class)->finalize (object);
}

static void
ps_hidden_view_class_init (PsHiddenViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ps_hidden_view_dispose;
  object_class->finalize = ps_hidden_view_finalize;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               PS_RESOURCE_BASE "/ps-hidden-view.ui");
  gtk_widget_class_bind_template_child (widget_class, PsHiddenView, layer_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PsHiddenView, hint);
  gtk_widget_class_bind_template_child (widget_class, PsHiddenView, stack);
  gtk_widget_class_bind_template_child (widget_class, PsHiddenView, area);
  gtk_widget_class_bind_template_child (widget_class, PsHiddenView, placeholder);
  gtk_widget_class_bind_template_callback (widget_class, on_selected_changed);
}

static void
ps_hidden_view_init (PsHiddenView *self)
{
  GtkGesture *drag;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->layers = gtk_string_list_new (NULL);
  gtk_drop_down_set_model (self->layer_dropdown, G_LIST_MODEL (self->layers));
  /* the 3-D view's first angle: all three axes and the plane read */
  self->yaw = -0.6;
  self->pitch = 0.45;

  gtk_drawing_area_set_draw_func (self->area, draw_cb, self, NULL);
  drag = gtk_gesture_drag_new ();
  g_signal_connect (drag, "drag-begin", G_CALLBACK (on_drag_begin), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (on_drag_update), self);
  gtk_widget_add_controller (GTK_WIDGET (self->area), GTK_EVENT_CONTROLLER (drag));
  set_placeholder (self, _("No network yet"));
}
