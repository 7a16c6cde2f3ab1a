/* ps-network-editor.c: the graphical layer stack
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Rows, top to bottom: the input (follows the dataset), the hidden layers
 * (editable: units, activation, move, remove), the output layer (units follow
 * the classes, activation editable). The list is rebuilt on every structural
 * change; it never holds more than a handful of rows.
 */
#include "config.h"

#include "ps-network-editor.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ps-a11y.h"
#include "ps-names.h"

#define MAX_HIDDEN 16
#define MAX_UNITS  4096

typedef struct
{
  guint        units;
  PsActivation activation;
} LayerSpec;

struct _PsNetworkEditor
{
  GtkWidget     parent_instance;

  GtkWidget    *box;
  GtkWidget    *add_button;
  GtkWidget    *perceptron_button;
  GtkListBox   *layer_list;
  GtkLabel     *summary_label;

  GArray       *hidden;           /* LayerSpec */
  PsActivation  output_activation;
  guint         n_inputs;
  guint         n_classes;
  guint         input_w;
  guint         input_h;

  PsSession    *session;          /* (nullable) what the editor shows and edits */
};

G_DEFINE_FINAL_TYPE (PsNetworkEditor, ps_network_editor, GTK_TYPE_WIDGET)

enum {
  CHANGED,
  PERCEPTRON,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Dropdown order for hidden layers and for the output layer (the likely
 * choice first; softmax only on the output). The labels are core's one
 * table's (ps_enum_label). */
static const PsActivation hidden_acts[] = {
  PS_ACTIVATION_SIGMOID, PS_ACTIVATION_TANH, PS_ACTIVATION_RELU, PS_ACTIVATION_LINEAR, PS_ACTIVATION_STEP
};
static const PsActivation output_acts[] = {
  PS_ACTIVATION_SIGMOID, PS_ACTIVATION_SOFTMAX, PS_ACTIVATION_STEP, PS_ACTIVATION_LINEAR,
  PS_ACTIVATION_TANH, PS_ACTIVATION_RELU
};

static void rebuild_rows (PsNetworkEditor *self);

/**
 * ps_network_editor_new:
 *
 * Returns: (transfer floating): a new editor
 */
GtkWidget *
ps_network_editor_new (void)
{
  return g_object_new (PS_TYPE_NETWORK_EDITOR, NULL);
}

/* Rows are built with their values before their handlers are connected,
 * so rebuilding never emits; only the user's edits and the public setters
 * below do. */
static void
emit_changed (PsNetworkEditor *self)
{
  if (self->session != NULL)
    {
      g_autofree char *layers = ps_network_editor_dup_layers (self);
      g_autoptr(GError) error = NULL;

      /* the editor only builds specs the session takes */
      if (!ps_session_set_network_spec (self->session, layers, &error))
        g_warning ("%s", error->message);
    }
  g_signal_emit (self, signals[CHANGED], 0);
}

guint
ps_network_editor_get_n_outputs (PsNetworkEditor *self)
{
  g_return_val_if_fail (PS_IS_NETWORK_EDITOR (self), 1);

  /* one unit for two classes, except softmax: one per class, as Keras */
  if (self->n_classes > 2 || (self->output_activation == PS_ACTIVATION_SOFTMAX && self->n_classes == 2))
    return self->n_classes;
  return 1;
}

guint
ps_network_editor_get_n_inputs (PsNetworkEditor *self)
{
  g_return_val_if_fail (PS_IS_NETWORK_EDITOR (self), 0);

  return self->n_inputs;
}

/* ---- rows ------------------------------------------------------------------ */

static GtkWidget *
make_activation_dropdown (const PsActivation *acts,
                          guint               n,
                          PsActivation        current,
                          const char         *accessible_label)
{
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);
  GtkWidget *dd;
  guint selected = 0;

  for (guint i = 0; i < n; i++)
    {
      gtk_string_list_append (model, ps_enum_label (PS_ENUM_ACTIVATION, acts[i]));
      if (acts[i] == current)
        selected = i;
    }
  dd = gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&model)), NULL);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dd), selected);
  gtk_widget_set_valign (dd, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (dd), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible_label, -1);
  return dd;
}

static void
on_units_changed (GtkSpinButton   *spin,
                  PsNetworkEditor *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (spin), "layer-index"));

  if (index >= self->hidden->len)
    return;
  g_array_index (self->hidden, LayerSpec, index).units = (guint) gtk_spin_button_get_value_as_int (spin);
  emit_changed (self);
}

static void
on_hidden_activation_changed (GtkDropDown     *dd,
                              GParamSpec      *pspec,
                              PsNetworkEditor *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (dd), "layer-index"));
  guint sel = gtk_drop_down_get_selected (dd);

  if (index >= self->hidden->len || sel >= G_N_ELEMENTS (hidden_acts))
    return;
  g_array_index (self->hidden, LayerSpec, index).activation = hidden_acts[sel];
  emit_changed (self);
}

static gboolean
rebuild_rows_idle (gpointer data)
{
  PsNetworkEditor *self = data;

  rebuild_rows (self);
  return G_SOURCE_REMOVE;
}

static void
on_output_activation_changed (GtkDropDown     *dd,
                              GParamSpec      *pspec,
                              PsNetworkEditor *self)
{
  guint sel = gtk_drop_down_get_selected (dd);

  if (sel >= G_N_ELEMENTS (output_acts) || self->output_activation == output_acts[sel])
    return;
  self->output_activation = output_acts[sel];
  emit_changed (self);
  /* the output row's unit count may change; not from inside its own handler */
  g_idle_add_full (G_PRIORITY_DEFAULT, rebuild_rows_idle, g_object_ref (self), g_object_unref);
}

/* Buttons carry "layer-index" and "delta" (0 = remove). Deferred to idle:
 * the button's own row is destroyed by the rebuild. */
typedef struct
{
  PsNetworkEditor *self;
  guint            index;
  int              delta;
} RowOp;

static gboolean
row_op_idle (gpointer data)
{
  RowOp *op = data;

  if (op->delta == 0)
    ps_network_editor_remove_layer (op->self, op->index);
  else
    ps_network_editor_move_layer (op->self, op->index, op->delta);
  g_object_unref (op->self);
  g_free (op);
  return G_SOURCE_REMOVE;
}

static void
on_row_button_clicked (GtkButton       *button,
                       PsNetworkEditor *self)
{
  RowOp *op = g_new0 (RowOp, 1);

  op->self = g_object_ref (self);
  op->index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "layer-index"));
  op->delta = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "delta"));
  g_idle_add (row_op_idle, op);
}

static GtkWidget *
make_icon_button (PsNetworkEditor *self,
                  const char      *icon,
                  const char      *accessible_label,
                  guint            index,
                  int              delta,
                  gboolean         sensitive)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, accessible_label);
  gtk_widget_set_sensitive (button, sensitive);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible_label, -1);
  g_object_set_data (G_OBJECT (button), "layer-index", GUINT_TO_POINTER (index));
  g_object_set_data (G_OBJECT (button), "delta", GINT_TO_POINTER (delta));
  g_signal_connect (button, "clicked", G_CALLBACK (on_row_button_clicked), self);
  return button;
}

static GtkWidget *
make_row_box (const char *title,
              const char *subtitle)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *labels = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *l;

  gtk_widget_add_css_class (box, "layer-row");
  gtk_widget_set_hexpand (labels, TRUE);
  gtk_widget_set_valign (labels, GTK_ALIGN_CENTER);
  l = gtk_label_new (title);
  gtk_label_set_xalign (GTK_LABEL (l), 0);
  gtk_box_append (GTK_BOX (labels), l);
  if (subtitle != NULL)
    {
      l = gtk_label_new (subtitle);
      gtk_label_set_xalign (GTK_LABEL (l), 0);
      gtk_widget_add_css_class (l, "dim-label");
      gtk_widget_add_css_class (l, "caption");
      gtk_box_append (GTK_BOX (labels), l);
    }
  gtk_box_append (GTK_BOX (box), labels);
  return box;
}

static void
append_row (PsNetworkEditor *self,
            GtkWidget       *box)
{
  GtkWidget *row = gtk_list_box_row_new ();

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_list_box_append (self->layer_list, row);
}

static void
rebuild_rows (PsNetworkEditor *self)
{
  GtkWidget *child;
  GtkWidget *box;
  g_autofree char *input_sub = NULL;
  g_autofree char *output_sub = NULL;
  guint n_out = ps_network_editor_get_n_outputs (self);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->layer_list))) != NULL)
    gtk_list_box_remove (self->layer_list, child);

  /* input */
  if (self->input_w > 0 && self->input_h > 0)
    input_sub = g_strdup_printf (_("%u values (%u × %u image, flattened)"),
                                 self->n_inputs, self->input_w, self->input_h);
  else
    input_sub = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u feature, from the dataset",
                                              "%u features, from the dataset", self->n_inputs),
                                 self->n_inputs);
  append_row (self, make_row_box (_("Input"), input_sub));

  /* hidden */
  for (guint i = 0; i < self->hidden->len; i++)
    {
      LayerSpec *spec = &g_array_index (self->hidden, LayerSpec, i);
      g_autofree char *title = g_strdup_printf (_("Hidden %u"), i + 1);
      g_autofree char *a11y_units = g_strdup_printf (_("Units in hidden layer %u"), i + 1);
      g_autofree char *a11y_act = g_strdup_printf (_("Activation of hidden layer %u"), i + 1);
      g_autofree char *a11y_up = g_strdup_printf (_("Move hidden layer %u up"), i + 1);
      g_autofree char *a11y_down = g_strdup_printf (_("Move hidden layer %u down"), i + 1);
      g_autofree char *a11y_rm = g_strdup_printf (_("Remove hidden layer %u"), i + 1);
      GtkWidget *spin, *dd;

      box = make_row_box (title, NULL);
      spin = gtk_spin_button_new_with_range (1, MAX_UNITS, 1);
      gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), spec->units);
      gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (spin, _("Units"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      a11y_units, -1);
      g_object_set_data (G_OBJECT (spin), "layer-index", GUINT_TO_POINTER (i));
      g_signal_connect (spin, "value-changed", G_CALLBACK (on_units_changed), self);
      gtk_box_append (GTK_BOX (box), spin);

      dd = make_activation_dropdown (hidden_acts, G_N_ELEMENTS (hidden_acts), spec->activation, a11y_act);
      g_object_set_data (G_OBJECT (dd), "layer-index", GUINT_TO_POINTER (i));
      g_signal_connect (dd, "notify::selected", G_CALLBACK (on_hidden_activation_changed), self);
      gtk_box_append (GTK_BOX (box), dd);

      gtk_box_append (GTK_BOX (box), make_icon_button (self, "go-up-symbolic", a11y_up, i, -1, i > 0));
      gtk_box_append (GTK_BOX (box), make_icon_button (self, "go-down-symbolic", a11y_down, i, +1,
                                                       i + 1 < self->hidden->len));
      gtk_box_append (GTK_BOX (box), make_icon_button (self, "list-remove-symbolic", a11y_rm, i, 0, TRUE));
      append_row (self, box);
    }

  /* output */
  output_sub = g_strdup_printf (self->n_classes > 2
                                ? g_dngettext (GETTEXT_PACKAGE, "%u unit, one per class", "%u units, one per class", n_out)
                                : g_dngettext (GETTEXT_PACKAGE, "%u unit, two classes", "%u units, two classes", n_out),
                                n_out);
  box = make_row_box (_("Output"), output_sub);
  {
    GtkWidget *dd = make_activation_dropdown (output_acts, G_N_ELEMENTS (output_acts),
                                              self->output_activation, _("Output activation"));
    g_signal_connect (dd, "notify::selected", G_CALLBACK (on_output_activation_changed), self);
    gtk_box_append (GTK_BOX (box), dd);
  }
  append_row (self, box);

  gtk_widget_set_sensitive (self->add_button, self->hidden->len < MAX_HIDDEN);
  ps_a11y_fix_names (GTK_WIDGET (self->layer_list));
}

/* ---- public ------------------------------------------------------------------ */

/**
 * ps_network_editor_set_io:
 *
 * The input row follows the dataset; the output layer gets one unit for a
 * two-class problem, else one per class. Does not emit "changed".
 */
void
ps_network_editor_set_io (PsNetworkEditor *self,
                          guint            n_inputs,
                          guint            n_classes,
                          guint            input_w,
                          guint            input_h)
{
  g_return_if_fail (PS_IS_NETWORK_EDITOR (self));

  self->n_inputs = n_inputs;
  self->n_classes = n_classes;
  self->input_w = input_w;
  self->input_h = input_h;
  rebuild_rows (self);
}

void
ps_network_editor_set_hidden (PsNetworkEditor    *self,
                              const guint        *units,
                              const PsActivation *activations,
                              guint               n_hidden)
{
  g_return_if_fail (PS_IS_NETWORK_EDITOR (self));
  g_return_if_fail (n_hidden <= MAX_HIDDEN);

  g_array_set_size (self->hidden, 0);
  for (guint i = 0; i < n_hidden; i++)
    {
      LayerSpec spec = { CLAMP (units[i], 1, MAX_UNITS), activations[i] };
      g_array_append_val (self->hidden, spec);
    }
  rebuild_rows (self);
  emit_changed (self);
}

guint
ps_network_editor_get_n_hidden (PsNetworkEditor *self)
{
  g_return_val_if_fail (PS_IS_NETWORK_EDITOR (self), 0);

  return self->hidden->len;
}

void
ps_network_editor_get_hidden (PsNetworkEditor *self,
                              guint            index,
                              guint           *units,
                              PsActivation    *activation)
{
  LayerSpec *spec;

  g_return_if_fail (PS_IS_NETWORK_EDITOR (self));
  g_return_if_fail (index < self->hidden->len);

  spec = &g_array_index (self->hidden, LayerSpec, index);
  if (units != NULL)
    *units = spec->units;
  if (activation != NULL)
    *activation = spec->activation;
}

void
ps_network_editor_add_layer (PsNetworkEditor *self,
                             guint            units,
                             PsActivation     activation)
{
  LayerSpec spec = { CLAMP (units, 1, MAX_UNITS), activation };

  g_return_if_fail (PS_IS_NETWORK_EDITOR (self));

  if (self->hidden->len >= MAX_HIDDEN)
    return;
  g_array_append_val (self->hidden, spec);
  rebuild_rows (self);
  emit_changed (self);
}

void
ps_network_editor_remove_layer (PsNetworkEditor *self,
                                guint            index)
{
  g_return_if_fail (PS_IS_NETWORK_EDITOR (self));

  if (index >= self->hidden->len)
    return;
  g_array_remove_index (self->hidden, index);
  rebuild_rows (self);
  emit_changed (self);
}

void
ps_network_editor_move_layer (PsNetworkEditor *self,
                              guint            index,
                              int              delta)
{
  LayerSpec tmp;
  int other = (int) index + (delta < 0 ? -1 : 1);

  g_return_if_fail (PS_IS_NETWORK_EDITOR (self));

  if (index >= self->hidden->len || other < 0 || (guint) other >= self->hidden->len)
    return;
  tmp = g_array_index (self->hidden, LayerSpec, index);
  g_array_index (self->hidden, LayerSpec, index) = g_array_index (self->hidden, LayerSpec, other);
  g_array_index (self->hidden, LayerSpec, other) = tmp;
  rebuild_rows (self);
  emit_changed (self);
}

void
ps_network_editor_set_output_activation (PsNetworkEditor *self,
                                         PsActivation     activation)
{
  g_return_if_fail (PS_IS_NETWORK_EDITOR (self));

  if (self->output_activation == activation)
    return;
  self->output_activation = activation;
  rebuild_rows (self);
  emit_changed (self);
}

PsActivation
ps_network_editor_get_output_activation (PsNetworkEditor *self)
{
  g_return_val_if_fail (PS_IS_NETWORK_EDITOR (self), PS_ACTIVATION_SIGMOID);

  return self->output_activation;
}

/**
 * ps_network_editor_set_perceptron:
 *
 * No hidden layer and a step output: Rosenblatt's perceptron.
 */
void
ps_network_editor_set_perceptron (PsNetworkEditor *self)
{
  g_return_if_fail (PS_IS_NETWORK_EDITOR (self));

  g_array_set_size (self->hidden, 0);
  self->output_activation = PS_ACTIVATION_STEP;
  rebuild_rows (self);
  emit_changed (self);
}

/**
 * ps_network_editor_set_from_network:
 *
 * Mirrors the hidden layers and output activation of @net. Emits "changed".
 */
void
ps_network_editor_set_from_network (PsNetworkEditor *self,
                                    const PsNetwork *net)
{
  g_return_if_fail (PS_IS_NETWORK_EDITOR (self));
  g_return_if_fail (net != NULL && net->n_layers > 0);

  g_array_set_size (self->hidden, 0);
  for (guint i = 0; i + 1 < net->n_layers && i < MAX_HIDDEN; i++)
    {
      LayerSpec spec = { net->layers[i].units, net->layers[i].activation };
      g_array_append_val (self->hidden, spec);
    }
  self->output_activation = net->layers[net->n_layers - 1].activation;
  rebuild_rows (self);
  emit_changed (self);
}

/**
 * ps_network_editor_build:
 *
 * Returns: (transfer full): a network of the current architecture (weights
 *   not initialised)
 */
PsNetwork *
ps_network_editor_build (PsNetworkEditor *self)
{
  guint units[MAX_HIDDEN + 2];
  PsActivation acts[MAX_HIDDEN + 2];
  guint n = 0;

  g_return_val_if_fail (PS_IS_NETWORK_EDITOR (self), NULL);

  /* units: input first; acts[l]: layer l (the input has none) */
  units[n++] = MAX (self->n_inputs, 1);
  for (guint i = 0; i < self->hidden->len; i++)
    {
      LayerSpec *spec = &g_array_index (self->hidden, LayerSpec, i);

      acts[n - 1] = spec->activation;
      units[n++] = spec->units;
    }
  acts[n - 1] = self->output_activation;
  units[n++] = ps_network_editor_get_n_outputs (self);

  return ps_network_new (units, acts, n);
}

/**
 * ps_network_editor_dup_spec:
 *
 * Returns: (transfer full): the architecture as "2,3:sigmoid,1:sigmoid"
 */
char *
ps_network_editor_dup_spec (PsNetworkEditor *self)
{
  GString *s;

  g_return_val_if_fail (PS_IS_NETWORK_EDITOR (self), NULL);

  s = g_string_new (NULL);
  g_string_append_printf (s, "%u", MAX (self->n_inputs, 1));
  for (guint i = 0; i < self->hidden->len; i++)
    {
      LayerSpec *spec = &g_array_index (self->hidden, LayerSpec, i);
      g_string_append_printf (s, ",%u:%s", spec->units, ps_activation_to_string (spec->activation));
    }
  g_string_append_printf (s, ",%u:%s", ps_network_editor_get_n_outputs (self),
                          ps_activation_to_string (self->output_activation));
  return g_string_free (s, FALSE);
}

/**
 * ps_network_editor_dup_layers:
 *
 * Returns: (transfer full): the hidden and output layers without the input
 *   width, "3:sigmoid,1:sigmoid" (the session's "network-spec")
 */
char *
ps_network_editor_dup_layers (PsNetworkEditor *self)
{
  g_autofree char *spec = NULL;

  g_return_val_if_fail (PS_IS_NETWORK_EDITOR (self), NULL);

  spec = ps_network_editor_dup_spec (self);
  return g_strdup (strchr (spec, ',') + 1);
}

/**
 * ps_network_editor_set_layers:
 * @layers: "3:sigmoid,1:sigmoid" (hidden layers, then the output layer)
 *
 * Shows @layers (the session's spec) without emitting "changed"; the
 * output units still follow ps_network_editor_set_io(). Rows are rebuilt
 * only when something differs.
 */
void
ps_network_editor_set_layers (PsNetworkEditor *self,
                              const char      *layers)
{
  g_autofree char *full = NULL;
  g_autofree char *current = NULL;
  PsNetwork *net;

  g_return_if_fail (PS_IS_NETWORK_EDITOR (self));
  g_return_if_fail (layers != NULL);

  current = ps_network_editor_dup_layers (self);
  if (g_str_equal (current, layers))
    return;
  full = g_strdup_printf ("1,%s", layers);
  net = ps_network_new_from_spec (full, NULL);
  g_return_if_fail (net != NULL);
  g_array_set_size (self->hidden, 0);
  for (guint i = 0; i + 1 < net->n_layers && i < MAX_HIDDEN; i++)
    {
      LayerSpec spec = { net->layers[i].units, net->layers[i].activation };
      g_array_append_val (self->hidden, spec);
    }
  self->output_activation = net->layers[net->n_layers - 1].activation;
  ps_network_free (net);
  rebuild_rows (self);
}

/* 12345 → "12,345", as the CLI's summary writes it */
static char *
group_thousands (guint64 n)
{
  g_autofree char *digits = g_strdup_printf ("%" G_GUINT64_FORMAT, n);
  GString *s = g_string_new (NULL);
  gsize len = strlen (digits);

  for (gsize i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append_c (s, ',');
      g_string_append_c (s, digits[i]);
    }
  return g_string_free (s, FALSE);
}

/* The CLI's summary (ps_network_summary) is 75 characters wide: in the
 * sidebar its Param # and Activation columns were cut off. The same facts in
 * 36 columns: every column fits the panel. */
static char *
summary_text (const PsNetwork *net)
{
  GString *s = g_string_new (NULL);
  g_autofree char *spec = ps_network_to_spec (net);
  g_autofree char *total = group_thousands (net->n_params);
  const char *rule = "────────────────────────────────────\n";

  g_string_append_printf (s, "Model: \"%s\"\n", spec);
  g_string_append (s, rule);
  g_string_append_printf (s, " %-9s %7s %8s  %s\n", "Layer", "Units", "Params", "Activation");
  g_string_append (s, rule);
  if (net->input_shape[0] > 0 && net->input_shape[1] > 0)
    g_string_append_printf (s, " %-9s %7u %8s\n", "flatten", net->n_inputs, "0");
  for (guint l = 0; l < net->n_layers; l++)
    {
      const PsLayer *layer = &net->layers[l];
      g_autofree char *name = l == 0 ? g_strdup ("dense") : g_strdup_printf ("dense_%u", l);
      g_autofree char *count = group_thousands ((guint64) layer->inputs * layer->units + layer->units);

      g_string_append_printf (s, " %-9s %7u %8s  %s\n", name, layer->units, count,
                              ps_activation_to_string (layer->activation));
    }
  g_string_append (s, rule);
  g_string_append_printf (s, "Total params: %s\n", total);
  g_string_append_printf (s, "Trainable params: %s\n", total);
  g_string_append (s, "Non-trainable params: 0");
  return g_string_free (s, FALSE);
}

/**
 * ps_network_editor_set_summary_network:
 * @net: (nullable): the network to summarise, or NULL for the architecture
 */
void
ps_network_editor_set_summary_network (PsNetworkEditor *self,
                                       const PsNetwork *net)
{
  g_autofree char *text = NULL;
  PsNetwork *tmp = NULL;

  g_return_if_fail (PS_IS_NETWORK_EDITOR (self));

  if (net == NULL)
    net = tmp = ps_network_editor_build (self);
  text = summary_text (net);
  gtk_label_set_text (self->summary_label, text);
  g_clear_pointer (&tmp, ps_network_free);
}

/* ---- buttons ------------------------------------------------------------------ */

static void
on_add_clicked (PsNetworkEditor *self)
{
  guint units = 3;

  if (self->hidden->len > 0)
    units = g_array_index (self->hidden, LayerSpec, self->hidden->len - 1).units;
  ps_network_editor_add_layer (self, units, PS_ACTIVATION_SIGMOID);
}

static void
on_perceptron_clicked (PsNetworkEditor *self)
{
  ps_network_editor_set_perceptron (self);
  /* the window sets the delta rule, then rebuilds the model once */
  g_signal_emit (self, signals[PERCEPTRON], 0);
}

/* ---- the session ------------------------------------------------------------ */

static void
on_session_spec (PsNetworkEditor *self)
{
  ps_network_editor_set_layers (self, ps_session_get_network_spec (self->session));
}

static void
on_session_train (PsNetworkEditor *self)
{
  PsDataset *train = ps_session_get_train (self->session);

  if (train != NULL)
    ps_network_editor_set_io (self, (guint) ps_dataset_get_n_features (train),
                              ps_dataset_get_n_classes (train),
                              ps_dataset_get_image_width (train),
                              ps_dataset_get_image_height (train));
}

static void
on_session_model (PsNetworkEditor *self)
{
  const PsNetwork *net = ps_session_get_model (self->session);

  if (net != NULL)
    ps_network_editor_set_summary_network (self, net);
}

/**
 * ps_network_editor_set_session:
 *
 * Makes the editor a view of @session: it shows the session's spec, input
 * and model summary, and sets the spec when the layers are edited.
 */
void
ps_network_editor_set_session (PsNetworkEditor *self,
                               PsSession       *session)
{
  g_return_if_fail (PS_IS_NETWORK_EDITOR (self));
  g_return_if_fail (PS_IS_SESSION (session));

  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_set_object (&self->session, session);
  g_signal_connect_object (session, "notify::network-spec", G_CALLBACK (on_session_spec), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "notify::train", G_CALLBACK (on_session_train), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "notify::model", G_CALLBACK (on_session_model), self, G_CONNECT_SWAPPED);
  on_session_train (self);
  on_session_spec (self);
  on_session_model (self);
}

/* "perceptron"'s default handler: the notebook's rule goes with the layer */
static void
ps_network_editor_real_perceptron (PsNetworkEditor *self)
{
  if (self->session != NULL)
    ps_session_apply_perceptron_rule (self->session);
}

static void
ps_network_editor_dispose (GObject *object)
{
  PsNetworkEditor *self = PS_NETWORK_EDITOR (object);

  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_clear_object (&self->session);
  gtk_widget_dispose_template (GTK_WIDGET (object), PS_TYPE_NETWORK_EDITOR);

  G_OBJECT_CLASS (ps_network_editor_parent_class)->dispose (object);
}

static void
ps_network_editor_finalize (GObject *object)
{
  PsNetworkEditor *self = PS_NETWORK_EDITOR (object);

  g_clear_pointer (&self->hidden, g_array_unref);

  G_OBJECT_CLASS (ps_network_editor_parent_class)->finalize (object);
}

static void
ps_network_editor_class_init (PsNetworkEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ps_network_editor_dispose;
  object_class->finalize = ps_network_editor_finalize;

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[PERCEPTRON] = g_signal_new_class_handler ("perceptron", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                                  G_CALLBACK (ps_network_editor_real_perceptron),
                                                  NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               PS_RESOURCE_BASE "/ps-network-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, PsNetworkEditor, box);
  gtk_widget_class_bind_template_child (widget_class, PsNetworkEditor, add_button);
  gtk_widget_class_bind_template_child (widget_class, PsNetworkEditor, perceptron_button);
  gtk_widget_class_bind_template_child (widget_class, PsNetworkEditor, layer_list);
  gtk_widget_class_bind_template_child (widget_class, PsNetworkEditor, summary_label);
  gtk_widget_class_bind_template_callback (widget_class, on_add_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_perceptron_clicked);
}

static void
ps_network_editor_init (PsNetworkEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->hidden = g_array_new (FALSE, FALSE, sizeof (LayerSpec));
  self->output_activation = PS_ACTIVATION_SIGMOID;
  self->n_inputs = 2;
  self->n_classes = 2;
  rebuild_rows (self);
}
