/* ps-network-view.c
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ps-network-view.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ps-boundary.h"
#include "ps-boundary-view.h"
#include "ps-hidden-view.h"
#include "ps-plot.h"

/* Cells a side of a neuron map: a tile is at most ~70 px (hover: ~280 px,
 * drawn bilinear), and 40 × 40 cells of a 2-8-8-1 network cost ~0.3 ms. */
#define MAP_CELLS 40

struct _PsNetworkView
{
  GtkWidget       parent_instance;

  GtkStack       *mode_stack;   /* the diagram or the hidden space */
  PsHiddenView   *hidden_view;
  GtkStack       *stack;
  GtkDrawingArea *area;
  GtkLabel       *placeholder;

  PsSnapshot     *snapshot;
  /* What ps_plot_network() takes, rebuilt per snapshot (reused arrays). */
  GArray         *units;       /* guint, n_layers + 1 */
  GPtrArray      *weights;     /* const float *, n_layers */
  GPtrArray      *biases;      /* const float *, n_layers */
  GPtrArray      *activations; /* const char *, n_layers */
  char           *title;       /* "Network, epoch 50"; NULL without a network */

  /* Neuron maps (2-D data), from the snapshot's network: the checkpoint's
   * when the timeline is scrubbed. */
  PsUnitMaps      maps;
  gboolean        has_maps;
  const float    *map_ptrs[64];
  guint           hover_layer;  /* 0: none */
  guint           hover_unit;
};

enum {
  SIGNAL_UNIT_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (PsNetworkView, ps_network_view, GTK_TYPE_WIDGET)

GtkWidget *
ps_network_view_new (void)
{
  return g_object_new (PS_TYPE_NETWORK_VIEW, NULL);
}

static const PsNetwork *
get_network (PsNetworkView *self)
{
  if (self->snapshot == NULL || self->snapshot->network == NULL
      || self->snapshot->network->n_layers == 0)
    return NULL;

  return self->snapshot->network;
}

static void
fill_data (PsNetworkView *self,
           PsNetworkData *data)
{
  memset (data, 0, sizeof *data);
  data->units = (const guint *) (gpointer) self->units->data;
  data->n_sizes = self->units->len;
  data->weights = (const float **) self->weights->pdata;
  data->biases = (const float **) self->biases->pdata;
  data->activations = (const char **) self->activations->pdata;
  data->title = self->title;
  if (self->has_maps)
    {
      data->maps = self->map_ptrs;
      data->map_rows = self->maps.rows;
      data->map_cols = self->maps.cols;
      data->map_lo = self->maps.lo;
      data->map_hi = self->maps.hi;
      data->hover_layer = self->hover_layer;
      data->hover_unit = self->hover_unit;
    }
}

static gboolean
is_2d (const PsDataset *data)
{
  return data != NULL && ps_dataset_get_n_features (data) == 2;
}

/* Every unit's map over the box the boundary view shows (the training
 * set's, with the test set's when there is one), so that a map and the
 * boundary read alike. */
static void
update_maps (PsNetworkView *self)
{
  const PsSnapshot *s = self->snapshot;
  double x0, x1, y0, y1;

  self->has_maps = FALSE;
  if (s == NULL || s->network == NULL || s->network->n_inputs != 2 || !is_2d (s->train))
    return;

  ps_dataset_bounds_2d (s->train, 0.1, &x0, &x1, &y0, &y1);
  if (is_2d (s->test) && s->test != s->train)
    {
      double a0, a1, b0, b1;

      ps_dataset_bounds_2d (s->test, 0.1, &a0, &a1, &b0, &b1);
      x0 = MIN (x0, a0);
      x1 = MAX (x1, a1);
      y0 = MIN (y0, b0);
      y1 = MAX (y1, b1);
    }
  if (!ps_unit_maps_compute (&self->maps, s->network, s->train, x0, x1, y0, y1,
                             MAP_CELLS, MAP_CELLS))
    return;
  for (guint l = 0; l < self->maps.n_layers; l++)
    self->map_ptrs[l] = self->maps.maps[l];
  self->has_maps = TRUE;
}

/* The unit with a map under (x, y): its layer (≥ 1, as the diagram counts)
 * and unit; FALSE elsewhere. */
static gboolean
map_at (PsNetworkView *self,
        double         x,
        double         y,
        guint         *layer,
        guint         *unit)
{
  PsNetworkData data;
  PsPlotNetworkHit hit;

  if (!self->has_maps || get_network (self) == NULL)
    return FALSE;
  fill_data (self, &data);
  if (!ps_plot_network_hit_full (gtk_widget_get_width (GTK_WIDGET (self->area)),
                                 gtk_widget_get_height (GTK_WIDGET (self->area)),
                                 &data, x, y, &hit)
      || hit.kind != PS_PLOT_HIT_UNIT || hit.layer == 0)
    return FALSE;
  *layer = hit.layer;
  *unit = hit.unit;
  return TRUE;
}

static void
set_hover (PsNetworkView *self,
           guint          layer,
           guint          unit)
{
  if (self->hover_layer == layer && (layer == 0 || self->hover_unit == unit))
    return;
  self->hover_layer = layer;
  self->hover_unit = unit;
  gtk_widget_queue_draw (GTK_WIDGET (self->area));
}

static void
on_motion (GtkEventControllerMotion *motion,
           double                    x,
           double                    y,
           PsNetworkView            *self)
{
  guint layer, unit;

  if (map_at (self, x, y, &layer, &unit))
    set_hover (self, layer, unit);
  else
    set_hover (self, 0, 0);
}

static void
on_leave (GtkEventControllerMotion *motion,
          PsNetworkView            *self)
{
  set_hover (self, 0, 0);
}

static void
on_click_released (GtkGestureClick *click,
                   int              n_press,
                   double           x,
                   double           y,
                   PsNetworkView   *self)
{
  guint layer, unit;

  if (map_at (self, x, y, &layer, &unit))
    g_signal_emit (self, signals[SIGNAL_UNIT_ACTIVATED], 0, layer, unit);
}

/* The default of unit-activated: in the window's view stack, the Boundary
 * page shows that unit's map (it has a way back to the output). */
static void
ps_network_view_unit_activated (PsNetworkView *self,
                                guint          layer,
                                guint          unit)
{
  GtkWidget *parent = gtk_widget_get_parent (GTK_WIDGET (self));
  GtkWidget *boundary;

  if (!GTK_IS_STACK (parent))
    return;
  boundary = gtk_stack_get_child_by_name (GTK_STACK (parent), "boundary");
  if (boundary == NULL || !PS_IS_BOUNDARY_VIEW (boundary))
    return;
  ps_boundary_view_show_unit (PS_BOUNDARY_VIEW (boundary), layer, unit);
  gtk_stack_set_visible_child (GTK_STACK (parent), boundary);
}

/**
 * ps_network_view_get_unit_map:
 * @layer: 1 for the first hidden layer, as the diagram counts
 * @rows: @cols: (out): the map's size
 * @lo: @hi: (out) (optional): its colour range
 * @x_min: @x_max: @y_min: @y_max: (out) (optional): the box it covers
 *
 * Returns: (transfer none) (nullable): the map of that unit (row 0 at the
 *   top), valid until the next snapshot; NULL without maps
 */
const float *
ps_network_view_get_unit_map (PsNetworkView *self,
                              guint          layer,
                              guint          unit,
                              guint         *rows,
                              guint         *cols,
                              float         *lo,
                              float         *hi,
                              double        *x_min,
                              double        *x_max,
                              double        *y_min,
                              double        *y_max)
{
  g_return_val_if_fail (PS_IS_NETWORK_VIEW (self), NULL);
  g_return_val_if_fail (rows != NULL && cols != NULL, NULL);

  if (!self->has_maps || layer == 0 || layer > self->maps.n_layers
      || unit >= self->maps.units[layer - 1])
    return NULL;
  *rows = self->maps.rows;
  *cols = self->maps.cols;
  if (lo != NULL)
    *lo = self->maps.lo[layer - 1];
  if (hi != NULL)
    *hi = self->maps.hi[layer - 1];
  if (x_min != NULL)
    *x_min = self->maps.x_min;
  if (x_max != NULL)
    *x_max = self->maps.x_max;
  if (y_min != NULL)
    *y_min = self->maps.y_min;
  if (y_max != NULL)
    *y_max = self->maps.y_max;
  return self->maps.maps[layer - 1] + (gsize) unit * self->maps.rows * self->maps.cols;
}

gboolean
ps_network_view_has_maps (PsNetworkView *self)
{
  g_return_val_if_fail (PS_IS_NETWORK_VIEW (self), FALSE);

  return self->has_maps;
}

void
ps_network_view_set_hover (PsNetworkView *self,
                           guint          layer,
                           guint          unit)
{
  g_return_if_fail (PS_IS_NETWORK_VIEW (self));

  set_hover (self, layer, unit);
}

void
ps_network_view_render (cairo_t *cr,
                        double   width,
                        double   height,
                        gpointer user_data)
{
  PsNetworkView *self = user_data;
  PsNetworkData data;

  g_return_if_fail (PS_IS_NETWORK_VIEW (self));

  if (get_network (self) == NULL)
    return;

  /* an export shows what the page shows */
  if (ps_network_view_shows_hidden_space (self))
    {
      ps_hidden_view_render (cr, width, height, self->hidden_view);
      return;
    }
  fill_data (self, &data);
  /* an export shows the diagram, not where the pointer was */
  data.hover_layer = 0;
  ps_plot_network_full (cr, width, height, &data);
}

static void
draw_cb (GtkDrawingArea *area,
         cairo_t        *cr,
         int             width,
         int             height,
         gpointer        user_data)
{
  PsNetworkView *self = user_data;
  PsNetworkData data;

  if (get_network (self) == NULL)
    return;

  fill_data (self, &data);
  ps_plot_network_full (cr, width, height, &data);
}

char *
ps_network_view_describe_at (PsNetworkView *self,
                             double         x,
                             double         y)
{
  const PsNetwork *net;
  PsNetworkData data;
  PsPlotNetworkHit hit;

  g_return_val_if_fail (PS_IS_NETWORK_VIEW (self), NULL);

  net = get_network (self);
  if (net == NULL)
    return NULL;

  fill_data (self, &data);
  if (!ps_plot_network_hit_full (gtk_widget_get_width (GTK_WIDGET (self->area)),
                                 gtk_widget_get_height (GTK_WIDGET (self->area)),
                                 &data, x, y, &hit))
    return NULL;

  if (hit.kind == PS_PLOT_HIT_UNIT && hit.layer == 0)
    return g_strdup_printf (_("Input %u"), hit.unit + 1);

  if (hit.kind == PS_PLOT_HIT_UNIT)
    {
      const PsLayer *l = &net->layers[hit.layer - 1];
      float bias = net->params[l->b_offset + hit.unit];

      return g_strdup_printf (_("Layer %u, unit %u (%s): bias %.4g"),
                              hit.layer, hit.unit + 1,
                              ps_activation_to_string (l->activation), bias);
    }

  if (hit.kind == PS_PLOT_HIT_LINK)
    {
      const PsLayer *l = &net->layers[hit.layer];
      float w = net->params[l->w_offset + (gsize) hit.input * l->units + hit.unit];

      if (hit.layer == 0)
        return g_strdup_printf (_("Weight from input %u to layer 1, unit %u: %.4g"),
                                hit.input + 1, hit.unit + 1, w);
      return g_strdup_printf (_("Weight from layer %u, unit %u to layer %u, unit %u: %.4g"),
                              hit.layer, hit.input + 1, hit.layer + 1, hit.unit + 1, w);
    }

  return NULL;
}

static gboolean
on_query_tooltip (GtkWidget  *area,
                  int         x,
                  int         y,
                  gboolean    keyboard_mode,
                  GtkTooltip *tooltip,
                  gpointer    user_data)
{
  g_autofree char *text = ps_network_view_describe_at (user_data, x, y);

  if (text == NULL)
    return FALSE;

  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static char *
describe_network (const PsNetwork *net)
{
  GString *s = g_string_new (NULL);

  g_string_append_printf (s, g_dngettext (GETTEXT_PACKAGE, "%u input", "%u inputs", net->n_inputs),
                          net->n_inputs);
  for (guint i = 0; i < net->n_layers; i++)
    {
      g_string_append (s, ", ");
      g_string_append_printf (s, g_dngettext (GETTEXT_PACKAGE, "%u %s unit", "%u %s units",
                                              net->layers[i].units),
                              net->layers[i].units,
                              ps_activation_to_string (net->layers[i].activation));
    }

  return g_string_free (s, FALSE);
}

/**
 * ps_network_view_shows_hidden_space:
 *
 * Returns: %TRUE when the page shows the hidden space instead of the
 *   diagram
 */
gboolean
ps_network_view_shows_hidden_space (PsNetworkView *self)
{
  g_return_val_if_fail (PS_IS_NETWORK_VIEW (self), FALSE);

  return gtk_stack_get_visible_child (self->mode_stack) == GTK_WIDGET (self->hidden_view);
}

/**
 * ps_network_view_show_hidden_space:
 * @hidden: the hidden space (%TRUE) or the diagram
 */
void
ps_network_view_show_hidden_space (PsNetworkView *self,
                                   gboolean       hidden)
{
  g_return_if_fail (PS_IS_NETWORK_VIEW (self));

  gtk_stack_set_visible_child_name (self->mode_stack, hidden ? "hidden" : "diagram");
}

/**
 * ps_network_view_get_hidden_view:
 *
 * Returns: (transfer none): the hidden space shown on this page
 */
PsHiddenView *
ps_network_view_get_hidden_view (PsNetworkView *self)
{
  g_return_val_if_fail (PS_IS_NETWORK_VIEW (self), NULL);

  return self->hidden_view;
}

/* Only the page shown follows the snapshots (as the window's views do):
 * the hidden space catches up when it is turned to. */
static void
on_mode_changed (PsNetworkView *self)
{
  if (ps_network_view_shows_hidden_space (self))
    ps_hidden_view_set_snapshot (self->hidden_view, self->snapshot);
}

void
ps_network_view_set_snapshot (PsNetworkView *self,
                              PsSnapshot    *snapshot)
{
  const PsNetwork *net;

  g_return_if_fail (PS_IS_NETWORK_VIEW (self));

  if (snapshot == self->snapshot)
    return;

  if (snapshot != NULL)
    ps_snapshot_ref (snapshot);
  g_clear_pointer (&self->snapshot, ps_snapshot_unref);
  self->snapshot = snapshot;

  g_array_set_size (self->units, 0);
  g_ptr_array_set_size (self->weights, 0);
  g_ptr_array_set_size (self->biases, 0);
  g_ptr_array_set_size (self->activations, 0);
  g_clear_pointer (&self->title, g_free);

  if (ps_network_view_shows_hidden_space (self))
    ps_hidden_view_set_snapshot (self->hidden_view, snapshot);
  net = get_network (self);
  update_maps (self);
  if (!self->has_maps)
    self->hover_layer = 0;
  if (net != NULL)
    {
      g_autofree char *description = describe_network (net);

      /* which epoch's weights, once training has begun and always for a
       * timeline checkpoint (epoch 0: the initial weights), as the
       * boundary view says it */
      if (snapshot->epoch > 0 || snapshot->checkpoint)
        {
          char *with_epoch;

          self->title = g_strdup_printf (_("Network, epoch %u"), snapshot->epoch);
          with_epoch = g_strdup_printf ("%s: %s", self->title, description);
          g_free (description);
          description = with_epoch;
        }
      else
        self->title = g_strdup (_("Network"));

      g_array_append_val (self->units, net->n_inputs);
      for (guint i = 0; i < net->n_layers; i++)
        {
          g_array_append_val (self->units, net->layers[i].units);
          g_ptr_array_add (self->weights, net->params + net->layers[i].w_offset);
          g_ptr_array_add (self->biases, net->params + net->layers[i].b_offset);
          g_ptr_array_add (self->activations,
                           (gpointer) ps_activation_to_string (net->layers[i].activation));
        }
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->area),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                      -1);
      gtk_stack_set_visible_child (self->stack, GTK_WIDGET (self->area));
    }
  else
    gtk_stack_set_visible_child (self->stack, GTK_WIDGET (self->placeholder));

  gtk_widget_queue_draw (GTK_WIDGET (self->area));
}

PsSnapshot *
ps_network_view_get_snapshot (PsNetworkView *self)
{
  g_return_val_if_fail (PS_IS_NETWORK_VIEW (self), NULL);

  return self->snapshot;
}

gboolean
ps_network_view_has_data (PsNetworkView *self)
{
  g_return_val_if_fail (PS_IS_NETWORK_VIEW (self), FALSE);

  return get_network (self) != NULL;
}

static void
ps_network_view_dispose (GObject *object)
{
  PsNetworkView *self = PS_NETWORK_VIEW (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), PS_TYPE_NETWORK_VIEW);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_pointer (&self->snapshot, ps_snapshot_unref);

  G_OBJECT_CLASS (ps_network_view_parent_class)->dispose (object);
}

static void
ps_network_view_finalize (GObject *object)
{
  PsNetworkView *self = PS_NETWORK_VIEW (object);

  g_array_unref (self->units);
  g_ptr_array_unref (self->weights);
  g_ptr_array_unref (self->biases);
  g_ptr_array_unref (self->activations);
  g_free (self->title);
  ps_unit_maps_clear (&self->maps);

  G_OBJECT_CLASS (ps_network_view_parent_class)->finalize (object);
}

static void
ps_network_view_class_init (PsNetworkViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ps_network_view_dispose;
  object_class->finalize = ps_network_view_finalize;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               PS_RESOURCE_BASE "/ps-network-view.ui");
  g_type_ensure (PS_TYPE_HIDDEN_VIEW);
  gtk_widget_class_bind_template_child (widget_class, PsNetworkView, mode_stack);
  gtk_widget_class_bind_template_child (widget_class, PsNetworkView, hidden_view);
  gtk_widget_class_bind_template_child (widget_class, PsNetworkView, stack);
  gtk_widget_class_bind_template_child (widget_class, PsNetworkView, area);
  gtk_widget_class_bind_template_child (widget_class, PsNetworkView, placeholder);
  gtk_widget_class_bind_template_callback (widget_class, on_query_tooltip);
  gtk_widget_class_bind_template_callback (widget_class, on_mode_changed);

  /**
   * PsNetworkView::unit-activated:
   * @layer: 1 for the first hidden layer, as the diagram counts
   * @unit: 0-based
   *
   * A click on a unit's map (2-D data). The default handler, when the
   * view is a page of a GtkStack with a "boundary" page (the window's),
   * shows that map full size there and turns to it.
   */
  signals[SIGNAL_UNIT_ACTIVATED] =
    g_signal_new_class_handler ("unit-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                G_CALLBACK (ps_network_view_unit_activated),
                                NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);
}

static void
ps_network_view_init (PsNetworkView *self)
{
  GtkEventController *motion;
  GtkGesture *click;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->units = g_array_new (FALSE, FALSE, sizeof (guint));
  self->weights = g_ptr_array_new ();
  self->biases = g_ptr_array_new ();
  self->activations = g_ptr_array_new ();

  gtk_drawing_area_set_draw_func (self->area, draw_cb, self, NULL);
  gtk_stack_set_visible_child (self->stack, GTK_WIDGET (self->placeholder));

  /* hover enlarges a map, a click opens it in the Boundary view */
  motion = gtk_event_controller_motion_new ();
  g_signal_connect (motion, "motion", G_CALLBACK (on_motion), self);
  g_signal_connect (motion, "leave", G_CALLBACK (on_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self->area), motion);
  click = gtk_gesture_click_new ();
  g_signal_connect (click, "released", G_CALLBACK (on_click_released), self);
  gtk_widget_add_controller (GTK_WIDGET (self->area), GTK_EVENT_CONTROLLER (click));
}
