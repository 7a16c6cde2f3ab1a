/* ps-weights-view.c
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ps-weights-view.h"

#include <glib/gi18n.h>

#include "ps-plot.h"

struct _PsWeightsView
{
  GtkWidget       parent_instance;

  GtkDropDown    *layer_dropdown;
  GtkCheckButton *tiles_check;
  GtkStack       *stack;
  GtkDrawingArea *area;
  GtkLabel       *placeholder;

  GtkStringList  *layers;       /* one entry per network layer */
  char           *arch;         /* the architecture the list was built for */
  PsSnapshot     *snapshot;
  char           *title;
  guint           layer;

  guint           tiles : 1;
};

G_DEFINE_FINAL_TYPE (PsWeightsView, ps_weights_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_LAYER,
  PROP_TILES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

GtkWidget *
ps_weights_view_new (void)
{
  return g_object_new (PS_TYPE_WEIGHTS_VIEW, NULL);
}

static const PsNetwork *
get_network (PsWeightsView *self)
{
  if (self->snapshot == NULL || self->snapshot->network == NULL
      || self->snapshot->network->n_layers == 0)
    return NULL;

  return self->snapshot->network;
}

/* Image size of the network's inputs, or FALSE when they are not an image. */
static gboolean
image_size (PsWeightsView *self,
            guint         *w,
            guint         *h)
{
  const PsNetwork *net = get_network (self);
  const PsDataset *train = self->snapshot != NULL ? self->snapshot->train : NULL;

  if (net == NULL)
    return FALSE;

  if (net->input_shape[0] > 0 && net->input_shape[1] > 0)
    {
      *w = net->input_shape[0];
      *h = net->input_shape[1];
    }
  else if (train != NULL && ps_dataset_get_image_width (train) > 0 && ps_dataset_get_image_height (train) > 0)
    {
      *w = ps_dataset_get_image_width (train);
      *h = ps_dataset_get_image_height (train);
    }
  else
    return FALSE;

  return (gsize) *w * *h == net->n_inputs;
}

static gboolean
showing_tiles (PsWeightsView *self)
{
  guint w, h;

  return self->tiles && self->layer == 0 && image_size (self, &w, &h);
}

/* The title says which epoch's weights these are once training has begun,
 * and always for a timeline checkpoint (epoch 0: the initial weights), as
 * the boundary view does. */
static void
update_title (PsWeightsView *self)
{
  const PsNetwork *net = get_network (self);
  const PsLayer *l;
  gboolean epoch;
  guint w, h;

  g_clear_pointer (&self->title, g_free);
  if (net == NULL)
    return;

  l = &net->layers[self->layer];
  epoch = self->snapshot->epoch > 0 || self->snapshot->checkpoint;
  if (showing_tiles (self) && image_size (self, &w, &h) && epoch)
    self->title = g_strdup_printf (_("Layer 1: each unit's weights as a %u×%u image, epoch %u"),
                                   w, h, self->snapshot->epoch);
  else if (showing_tiles (self) && image_size (self, &w, &h))
    self->title = g_strdup_printf (_("Layer 1: each unit's weights as a %u×%u image"), w, h);
  else if (epoch)
    self->title = g_strdup_printf (_("Layer %u weights (%u inputs × %u units), epoch %u"),
                                   self->layer + 1, l->inputs, l->units, self->snapshot->epoch);
  else
    self->title = g_strdup_printf (_("Layer %u weights (%u inputs × %u units)"),
                                   self->layer + 1, l->inputs, l->units);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self->area),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, self->title,
                                  -1);
}

void
ps_weights_view_render (cairo_t *cr,
                        double   width,
                        double   height,
                        gpointer user_data)
{
  PsWeightsView *self = user_data;
  const PsNetwork *net;
  const PsLayer *layer;
  guint w, h;

  g_return_if_fail (PS_IS_WEIGHTS_VIEW (self));

  net = get_network (self);
  if (net == NULL)
    return;

  layer = &net->layers[self->layer];
  if (showing_tiles (self) && image_size (self, &w, &h))
    ps_plot_weight_tiles (cr, width, height, net->params + layer->w_offset,
                          w, h, layer->units, self->title);
  else
    ps_plot_weights (cr, width, height, net->params + layer->w_offset,
                     layer->inputs, layer->units, self->title);
}

char *
ps_weights_view_describe_at (PsWeightsView *self,
                             double         x,
                             double         y)
{
  const PsNetwork *net;
  const PsLayer *layer;
  const float *w;
  double width, height;
  guint iw, ih, row, col;

  g_return_val_if_fail (PS_IS_WEIGHTS_VIEW (self), NULL);

  net = get_network (self);
  if (net == NULL)
    return NULL;

  layer = &net->layers[self->layer];
  w = net->params + layer->w_offset;
  width = gtk_widget_get_width (GTK_WIDGET (self->area));
  height = gtk_widget_get_height (GTK_WIDGET (self->area));

  if (showing_tiles (self) && image_size (self, &iw, &ih))
    {
      gint unit = ps_plot_weight_tiles_hit (width, height, w, iw, ih, layer->units,
                                            self->title, x, y);
      const float *b = net->params + layer->b_offset;

      if (unit < 0)
        return NULL;
      return g_strdup_printf (_("Layer 1, unit %d: bias %.4g"), unit + 1, b[unit]);
    }

  if (!ps_plot_weights_hit (width, height, w, layer->inputs, layer->units, self->title,
                            x, y, &row, &col))
    return NULL;

  if (self->layer == 0)
    return g_strdup_printf (_("Weight from input %u to unit %u: %.4g"),
                            row + 1, col + 1, w[(gsize) row * layer->units + col]);
  return g_strdup_printf (_("Weight from unit %u of layer %u to unit %u: %.4g"),
                          row + 1, self->layer, col + 1, w[(gsize) row * layer->units + col]);
}

static gboolean
on_query_tooltip (GtkWidget  *area,
                  int         x,
                  int         y,
                  gboolean    keyboard_mode,
                  GtkTooltip *tooltip,
                  gpointer    user_data)
{
  g_autofree char *text = ps_weights_view_describe_at (user_data, x, y);

  if (text == NULL)
    return FALSE;

  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
draw_cb (GtkDrawingArea *area,
         cairo_t        *cr,
         int             width,
         int             height,
         gpointer        user_data)
{
  ps_weights_view_render (cr, width, height, user_data);
}

static char *
describe_architecture (const PsNetwork *net)
{
  GString *s = g_string_new (NULL);

  g_string_append_printf (s, "%u", net->n_inputs);
  for (guint i = 0; i < net->n_layers; i++)
    g_string_append_printf (s, ",%u:%d", net->layers[i].units, net->layers[i].activation);

  return g_string_free (s, FALSE);
}

/* Rebuilds the layer list only when the architecture changes, so the
 * dropdown keeps its selection across the snapshots of one run. */
static void
update_layers (PsWeightsView *self)
{
  const PsNetwork *net = get_network (self);
  g_autofree char *arch = net != NULL ? describe_architecture (net) : NULL;
  g_autoptr(GPtrArray) names = NULL;

  if (g_strcmp0 (arch, self->arch) == 0)
    return;

  g_free (self->arch);
  self->arch = g_steal_pointer (&arch);

  names = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; net != NULL && i < net->n_layers; i++)
    g_ptr_array_add (names,
                     g_strdup_printf (_("Layer %u: %u → %u, %s"), i + 1,
                                      net->layers[i].inputs, net->layers[i].units,
                                      ps_activation_to_string (net->layers[i].activation)));
  g_ptr_array_add (names, NULL);

  gtk_string_list_splice (self->layers, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->layers)),
                          (const char *const *) names->pdata);
  if (net != NULL && self->layer >= net->n_layers)
    self->layer = 0;
  gtk_drop_down_set_selected (self->layer_dropdown, net != NULL ? self->layer : GTK_INVALID_LIST_POSITION);
}

static void
update_state (PsWeightsView *self)
{
  const PsNetwork *net = get_network (self);
  guint w, h;

  update_layers (self);
  update_title (self);

  gtk_widget_set_sensitive (GTK_WIDGET (self->layer_dropdown), net != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->tiles_check), image_size (self, &w, &h));
  gtk_widget_set_sensitive (GTK_WIDGET (self->tiles_check), self->layer == 0);

  if (net == NULL)
    {
      gtk_label_set_text (self->placeholder, _("No network yet"));
      gtk_stack_set_visible_child (self->stack, GTK_WIDGET (self->placeholder));
    }
  else
    gtk_stack_set_visible_child (self->stack, GTK_WIDGET (self->area));
}

void
ps_weights_view_set_snapshot (PsWeightsView *self,
                              PsSnapshot    *snapshot)
{
  g_return_if_fail (PS_IS_WEIGHTS_VIEW (self));

  if (snapshot == self->snapshot)
    return;

  if (snapshot != NULL)
    ps_snapshot_ref (snapshot);
  g_clear_pointer (&self->snapshot, ps_snapshot_unref);
  self->snapshot = snapshot;

  update_state (self);
  gtk_widget_queue_draw (GTK_WIDGET (self->area));
}

PsSnapshot *
ps_weights_view_get_snapshot (PsWeightsView *self)
{
  g_return_val_if_fail (PS_IS_WEIGHTS_VIEW (self), NULL);

  return self->snapshot;
}

gboolean
ps_weights_view_has_data (PsWeightsView *self)
{
  g_return_val_if_fail (PS_IS_WEIGHTS_VIEW (self), FALSE);

  return get_network (self) != NULL;
}

void
ps_weights_view_set_layer (PsWeightsView *self,
                           guint          layer)
{
  const PsNetwork *net;

  g_return_if_fail (PS_IS_WEIGHTS_VIEW (self));

  net = get_network (self);
  if (net != NULL && layer >= net->n_layers)
    layer = net->n_layers - 1;
  if (layer == self->layer)
    return;

  self->layer = layer;
  if (net != NULL)
    gtk_drop_down_set_selected (self->layer_dropdown, layer);
  update_state (self);
  gtk_widget_queue_draw (GTK_WIDGET (self->area));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAYER]);
}

guint
ps_weights_view_get_layer (PsWeightsView *self)
{
  g_return_val_if_fail (PS_IS_WEIGHTS_VIEW (self), 0);

  return self->layer;
}

void
ps_weights_view_set_tiles (PsWeightsView *self,
                           gboolean       tiles)
{
  g_return_if_fail (PS_IS_WEIGHTS_VIEW (self));

  tiles = !!tiles;
  if (self->tiles == (guint) tiles)
    return;

  self->tiles = tiles;
  update_title (self);
  gtk_widget_queue_draw (GTK_WIDGET (self->area));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TILES]);
}

gboolean
ps_weights_view_get_tiles (PsWeightsView *self)
{
  g_return_val_if_fail (PS_IS_WEIGHTS_VIEW (self), FALSE);

  return self->tiles;
}

static void
on_selected_changed (PsWeightsView *self)
{
  guint selected = gtk_drop_down_get_selected (self->layer_dropdown);

  if (selected != GTK_INVALID_LIST_POSITION)
    ps_weights_view_set_layer (self, selected);
}

static void
ps_weights_view_dispose (GObject *object)
{
  PsWeightsView *self = PS_WEIGHTS_VIEW (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), PS_TYPE_WEIGHTS_VIEW);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_pointer (&self->snapshot, ps_snapshot_unref);
  g_clear_object (&self->layers);

  G_OBJECT_CLASS (ps_weights_view_parent_class)->dispose (object);
}

static void
ps_weights_view_finalize (GObject *object)
{
  PsWeightsView *self = PS_WEIGHTS_VIEW (object);

  g_free (self->arch);
  g_free (self->title);

  G_OBJECT_CLASS (ps_weights_view_parent_class)->finalize (object);
}

static void
ps_weights_view_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  PsWeightsView *self = PS_WEIGHTS_VIEW (object);

  switch (prop_id)
    {
    case PROP_LAYER:
      g_value_set_uint (value, self->layer);
      break;
    case PROP_TILES:
      g_value_set_boolean (value, self->tiles);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ps_weights_view_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  PsWeightsView *self = PS_WEIGHTS_VIEW (object);

  switch (prop_id)
    {
    case PROP_LAYER:
      ps_weights_view_set_layer (self, g_value_get_uint (value));
      break;
    case PROP_TILES:
      ps_weights_view_set_tiles (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ps_weights_view_class_init (PsWeightsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ps_weights_view_dispose;
  object_class->finalize = ps_weights_view_finalize;
  object_class->get_property = ps_weights_view_get_property;
  object_class->set_property = ps_weights_view_set_property;

  properties[PROP_LAYER] =
    g_param_spec_uint ("layer", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TILES] =
    g_param_spec_boolean ("tiles", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               PS_RESOURCE_BASE "/ps-weights-view.ui");
  gtk_widget_class_bind_template_child (widget_class, PsWeightsView, layer_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PsWeightsView, tiles_check);
  gtk_widget_class_bind_template_child (widget_class, PsWeightsView, stack);
  gtk_widget_class_bind_template_child (widget_class, PsWeightsView, area);
  gtk_widget_class_bind_template_child (widget_class, PsWeightsView, placeholder);
  gtk_widget_class_bind_template_callback (widget_class, on_selected_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_query_tooltip);
}

static void
ps_weights_view_init (PsWeightsView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->tiles = TRUE;
  self->layers = gtk_string_list_new (NULL);
  gtk_drop_down_set_model (self->layer_dropdown, G_LIST_MODEL (self->layers));

  g_object_bind_property (self, "tiles", self->tiles_check, "active",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);

  gtk_drawing_area_set_draw_func (self->area, draw_cb, self, NULL);
  update_state (self);
}
