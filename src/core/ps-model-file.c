/* ps-model-file.c: the JSON model format (see README)
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   {"format": "perceptron-studio-model", "version": 1, "inputs": N,
 *    "input_shape": [H, W] (optional), "loss": "mse",
 *    "layers": [{"type": "dense", "units": U, "activation": "sigmoid",
 *                "weights": [[...] × U] × inputs, "bias": [...] × U}, ...],
 *    "classes": ["0", "1"] (optional),
 *    "scaling": {"kind": "unit", "shift": [...], "scale": [...]} (optional:
 *      the inputs are fed as (v - shift[i]) * scale[i]; absent means none)}
 *
 * weights[i][j] is the weight from input i to unit j (the notebook's X·W).
 * Floats are written with the fewest digits that read back to the very same
 * float, so save → load is exact.
 */
#include "config.h"

#include "ps-model-file.h"

#include "ps-file.h"
#include "ps-onnx.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define PS_MODEL_FORMAT  "perceptron-studio-model"
#define PS_MODEL_VERSION 1
#define PS_MODEL_MAX_UNITS (1u << 20)
#define PS_MODEL_MAX_PARAMS ((gsize) 1 << 30)

G_DEFINE_QUARK (ps-model-error-quark, ps_model_error)

/* ---- writing ------------------------------------------------------------ */

/* Shortest "%.Ng" that reads back (through a double, as JSON parsers do) to
 * exactly v; shared with the Python exports (ps-export.c). */
void
ps_model_append_float (GString *s,
                       float    v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (!isfinite (v))
    {
      g_string_append (s, "null");
      return;
    }
  /* JSON readers take "-0" for the integer 0: keep the sign. */
  if (v == 0.0f && signbit (v))
    {
      g_string_append (s, "-0.0");
      return;
    }
  for (int digits = 6; digits <= 9; digits++)
    {
      char format[8];

      g_snprintf (format, sizeof format, "%%.%dg", digits);
      g_ascii_formatd (buf, sizeof buf, format, v);
      if ((float) g_ascii_strtod (buf, NULL) == v)
        break;
    }
  g_string_append (s, buf);
}

/**
 * ps_model_to_json:
 *
 * Returns: (transfer full): the model as JSON text, one weight row per line
 */
char *
ps_model_to_json (const PsNetwork *net)
{
  GString *s;

  g_return_val_if_fail (net != NULL, NULL);

  s = g_string_new ("{\n");
  g_string_append_printf (s, "  \"format\": \"%s\",\n", PS_MODEL_FORMAT);
  g_string_append_printf (s, "  \"version\": %d,\n", PS_MODEL_VERSION);
  g_string_append_printf (s, "  \"inputs\": %u,\n", net->n_inputs);
  if (net->input_shape[0] > 0 && net->input_shape[1] > 0)
    g_string_append_printf (s, "  \"input_shape\": [%u, %u],\n",
                            net->input_shape[0], net->input_shape[1]);
  g_string_append_printf (s, "  \"loss\": \"%s\",\n", ps_loss_to_string (net->loss));
  if (net->scale_shift != NULL)
    {
      const float *v[2] = { net->scale_shift, net->scale_mul };
      const char *key[2] = { "shift", "scale" };

      g_string_append_printf (s, "  \"scaling\": {\n    \"kind\": \"%s\"",
                              ps_scaling_to_string (net->scaling));
      for (guint k = 0; k < 2; k++)
        {
          g_string_append_printf (s, ",\n    \"%s\": [", key[k]);
          for (guint j = 0; j < net->n_inputs; j++)
            {
              if (j > 0)
                g_string_append (s, ", ");
              ps_model_append_float (s, v[k][j]);
            }
          g_string_append (s, "]");
        }
      g_string_append (s, "\n  },\n");
    }
  g_string_append (s, "  \"layers\": [\n");
  for (guint l = 0; l < net->n_layers; l++)
    {
      const PsLayer *layer = &net->layers[l];
      const float *w = net->params + layer->w_offset;
      const float *b = net->params + layer->b_offset;

      g_string_append (s, "    {\n      \"type\": \"dense\",\n");
      g_string_append_printf (s, "      \"units\": %u,\n", layer->units);
      g_string_append_printf (s, "      \"activation\": \"%s\",\n",
                              ps_activation_to_string (layer->activation));
      g_string_append (s, "      \"weights\": [\n");
      for (guint i = 0; i < layer->inputs; i++)
        {
          g_string_append (s, "        [");
          for (guint j = 0; j < layer->units; j++)
            {
              if (j > 0)
                g_string_append (s, ", ");
              ps_model_append_float (s, w[(gsize) i * layer->units + j]);
            }
          g_string_append (s, i + 1 < layer->inputs ? "],\n" : "]\n");
        }
      g_string_append (s, "      ],\n      \"bias\": [");
      for (guint j = 0; j < layer->units; j++)
        {
          if (j > 0)
            g_string_append (s, ", ");
          ps_model_append_float (s, b[j]);
        }
      g_string_append (s, "]\n");
      g_string_append (s, l + 1 < net->n_layers ? "    },\n" : "    }\n");
    }
  g_string_append (s, "  ]");
  if (net->classes != NULL)
    {
      g_string_append (s, ",\n  \"classes\": [");
      for (guint c = 0; net->classes[c] != NULL; c++)
        {
          if (c > 0)
            g_string_append (s, ", ");
          ps_json_append_string (s, net->classes[c]);
        }
      g_string_append (s, "]");
    }
  g_string_append (s, "\n}\n");
  return g_string_free (s, FALSE);
}

/**
 * ps_model_save:
 * @error: PS_MODEL_ERROR_IO (the old file is left as it was), or
 *   PS_MODEL_ERROR_INVALID for weights that are not finite
 *
 * Writes a temporary file beside @path, syncs it and renames it over @path.
 */

gboolean
ps_model_save (const PsNetwork  *net,
               const char       *path,
               GError          **error)
{
  g_autofree char *text = NULL;
  g_autofree char *display = NULL;
  g_autoptr (GError) local = NULL;

  g_return_val_if_fail (net != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  display = g_filename_display_name (path);
  if (!ps_network_is_finite (net))
    {
      g_set_error (error, PS_MODEL_ERROR, PS_MODEL_ERROR_INVALID,
                   "%s: not saved: the weights are not finite numbers", display);
      return FALSE;
    }
  text = ps_model_to_json (net);
  if (!ps_file_write (path, text, strlen (text), 0644, &local))
    {
      g_set_error (error, PS_MODEL_ERROR, PS_MODEL_ERROR_IO,
                   "%s: cannot save the model: %s", display, local->message);
      return FALSE;
    }
  return TRUE;
}

/* ---- reading ------------------------------------------------------------ */

typedef struct
{
  const char *file;
  GError    **error;
} Reader;

static gboolean G_GNUC_PRINTF (3, 4)
invalid (Reader     *r,
         const char *field,
         const char *format,
         ...)
{
  va_list args;
  g_autofree char *what = NULL;
  g_autofree char *valid = NULL;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);
  /* The message may quote the file's text, which may not be UTF-8. */
  valid = g_utf8_make_valid (what, -1);
  g_set_error (r->error, PS_MODEL_ERROR, PS_MODEL_ERROR_INVALID,
               "%s: %s: %s", r->file, field, valid);
  return FALSE;
}

static const char *
node_kind (JsonNode *node)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      return "an object";
    case JSON_NODE_ARRAY:
      return "an array";
    case JSON_NODE_NULL:
      return "null";
    case JSON_NODE_VALUE:
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_STRING:
          return "a string";
        case G_TYPE_BOOLEAN:
          return "a boolean";
        default:
          return "a number";
        }
    default:
      return "something else";
    }
}

static gboolean
is_number (JsonNode *node)
{
  GType t;

  if (JSON_NODE_TYPE (node) != JSON_NODE_VALUE)
    return FALSE;
  t = json_node_get_value_type (node);
  return t == G_TYPE_INT64 || t == G_TYPE_DOUBLE;
}

static JsonNode *
get_member (Reader     *r,
            JsonObject *object,
            const char *prefix,
            const char *name,
            gboolean    required)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL && required)
    {
      g_autofree char *field = g_strdup_printf ("%s%s", prefix, name);
      invalid (r, field, "missing");
    }
  return node;
}

static gboolean
read_uint (Reader     *r,
           JsonObject *object,
           const char *prefix,
           const char *name,
           guint       max,
           guint      *out)
{
  JsonNode *node = get_member (r, object, prefix, name, TRUE);
  g_autofree char *field = g_strdup_printf ("%s%s", prefix, name);
  gint64 v;

  if (node == NULL)
    return FALSE;
  if (!is_number (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return invalid (r, field, "expected a whole number, found %s", node_kind (node));
  v = json_node_get_int (node);
  if (v < 1 || v > max)
    return invalid (r, field, "%" G_GINT64_FORMAT " is out of range (1 to %u)", v, max);
  *out = (guint) v;
  return TRUE;
}

static const char *
read_string (Reader     *r,
             JsonObject *object,
             const char *prefix,
             const char *name)
{
  JsonNode *node = get_member (r, object, prefix, name, TRUE);

  if (node == NULL)
    return NULL;
  if (JSON_NODE_TYPE (node) != JSON_NODE_VALUE
      || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      g_autofree char *field = g_strdup_printf ("%s%s", prefix, name);
      invalid (r, field, "expected a string, found %s", node_kind (node));
      return NULL;
    }
  return json_node_get_string (node);
}

/* n finite float numbers from the array node into out. */
static gboolean
read_floats (Reader     *r,
             JsonNode   *node,
             const char *field,
             guint       n,
             float      *out)
{
  JsonArray *array;
  guint len;

  if (JSON_NODE_TYPE (node) != JSON_NODE_ARRAY)
    return invalid (r, field, "expected an array of %u numbers, found %s", n, node_kind (node));
  array = json_node_get_array (node);
  len = json_array_get_length (array);
  if (len != n)
    return invalid (r, field, "expected %u numbers, found %u", n, len);
  for (guint j = 0; j < n; j++)
    {
      JsonNode *item = json_array_get_element (array, j);
      double v;

      if (!is_number (item))
        return invalid (r, field, "item %u: expected a number, found %s", j, node_kind (item));
      v = json_node_get_double (item);
      if (!isfinite (v) || !isfinite ((float) v))
        return invalid (r, field, "item %u: %g is not a finite float", j, v);
      out[j] = (float) v;
    }
  return TRUE;
}

/* "format", "version" and "inputs": what this file is and its input count. */
static gboolean
read_header (Reader     *r,
             JsonObject *top,
             guint      *n_inputs)
{
  JsonNode *node;
  const char *s;

  if ((s = read_string (r, top, "", "format")) == NULL)
    return FALSE;
  if (strcmp (s, PS_MODEL_FORMAT) != 0)
    return invalid (r, "format", "expected \"%s\", found \"%s\"", PS_MODEL_FORMAT, s);
  if ((node = get_member (r, top, "", "version", TRUE)) == NULL)
    return FALSE;
  if (!is_number (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return invalid (r, "version", "expected a whole number, found %s", node_kind (node));
  if (json_node_get_int (node) != PS_MODEL_VERSION)
    return invalid (r, "version", "version %" G_GINT64_FORMAT " is not supported (this "
                    "program reads version %d)", json_node_get_int (node), PS_MODEL_VERSION);
  return read_uint (r, top, "", "inputs", PS_MODEL_MAX_UNITS, n_inputs);
}

/* The optional "input_shape" [height, width]; shape stays { 0, 0 } without it. */
static gboolean
read_input_shape (Reader     *r,
                  JsonObject *top,
                  guint       n_inputs,
                  guint       shape[2])
{
  JsonNode *node;
  JsonArray *array;

  if ((node = get_member (r, top, "", "input_shape", FALSE)) == NULL)
    return TRUE;          /* optional, absent */
  if (JSON_NODE_TYPE (node) != JSON_NODE_ARRAY
      || json_array_get_length (array = json_node_get_array (node)) != 2)
    return invalid (r, "input_shape", "expected [height, width]");
  for (guint k = 0; k < 2; k++)
    {
      JsonNode *item = json_array_get_element (array, k);
      gint64 v;

      if (!is_number (item) || json_node_get_value_type (item) != G_TYPE_INT64
          || (v = json_node_get_int (item)) < 1 || v > PS_MODEL_MAX_UNITS)
        return invalid (r, "input_shape", "item %u: expected a positive whole number", k);
      shape[k] = (guint) v;
    }
  if ((guint64) shape[0] * shape[1] != n_inputs)
    return invalid (r, "input_shape", "%u × %u does not make the %u inputs",
                    shape[0], shape[1], n_inputs);
  return TRUE;
}

/* First pass over "layers": the shapes (units[0] is n_inputs) and
 * activations, so the network can be built before its numbers are read. */
static JsonArray *
read_layer_shapes (Reader        *r,
                   JsonObject    *top,
                   guint          n_inputs,
                   guint        **units_out,
                   PsActivation **acts_out)
{
  JsonNode *node;
  JsonArray *layers;
  guint n_layers;
  g_autofree guint *units = NULL;
  g_autofree PsActivation *acts = NULL;
  gsize n_params = 0;
  const char *s;

  if ((node = get_member (r, top, "", "layers", TRUE)) == NULL)
    return NULL;
  if (JSON_NODE_TYPE (node) != JSON_NODE_ARRAY)
    {
      invalid (r, "layers", "expected an array, found %s", node_kind (node));
      return NULL;
    }
  layers = json_node_get_array (node);
  n_layers = json_array_get_length (layers);
  if (n_layers == 0)
    {
      invalid (r, "layers", "expected at least one layer");
      return NULL;
    }

  units = g_new0 (guint, n_layers + 1);
  acts = g_new0 (PsActivation, n_layers);
  units[0] = n_inputs;
  for (guint l = 0; l < n_layers; l++)
    {
      JsonNode *item = json_array_get_element (layers, l);
      g_autofree char *prefix = g_strdup_printf ("layers[%u].", l);
      JsonObject *layer;

      if (JSON_NODE_TYPE (item) != JSON_NODE_OBJECT)
        {
          g_autofree char *field = g_strdup_printf ("layers[%u]", l);
          invalid (r, field, "expected an object, found %s", node_kind (item));
          return NULL;
        }
      layer = json_node_get_object (item);
      if ((s = read_string (r, layer, prefix, "type")) == NULL)
        return NULL;
      if (strcmp (s, "dense") != 0)
        {
          g_autofree char *field = g_strdup_printf ("%stype", prefix);
          invalid (r, field, "unknown layer type \"%s\" (expected \"dense\")", s);
          return NULL;
        }
      if (!read_uint (r, layer, prefix, "units", PS_MODEL_MAX_UNITS, &units[l + 1]))
        return NULL;
      if ((s = read_string (r, layer, prefix, "activation")) == NULL)
        return NULL;
      if (!ps_activation_from_string (s, &acts[l]))
        {
          g_autofree char *field = g_strdup_printf ("%sactivation", prefix);
          invalid (r, field, "unknown activation \"%s\" (expected step, linear, "
                   "sigmoid, tanh, relu or softmax)", s);
          return NULL;
        }
      n_params += (gsize) units[l] * units[l + 1] + units[l + 1];
      if (n_params > PS_MODEL_MAX_PARAMS)
        {
          g_autofree char *field = g_strdup_printf ("layers[%u]", l);
          invalid (r, field, "too many parameters");
          return NULL;
        }
    }
  *units_out = g_steal_pointer (&units);
  *acts_out = g_steal_pointer (&acts);
  return layers;
}

/* The optional "classes" names; *classes stays NULL without them. */
static gboolean
read_classes (Reader     *r,
              JsonObject *top,
              GStrv      *classes_out)
{
  JsonNode *node;
  JsonArray *array;
  g_auto (GStrv) classes = NULL;
  guint n;

  if ((node = get_member (r, top, "", "classes", FALSE)) == NULL)
    return TRUE;          /* optional, absent */
  if (JSON_NODE_TYPE (node) != JSON_NODE_ARRAY)
    return invalid (r, "classes", "expected an array of strings, found %s", node_kind (node));
  array = json_node_get_array (node);
  n = json_array_get_length (array);
  classes = g_new0 (char *, n + 1);
  for (guint c = 0; c < n; c++)
    {
      JsonNode *item = json_array_get_element (array, c);

      if (JSON_NODE_TYPE (item) != JSON_NODE_VALUE
          || json_node_get_value_type (item) != G_TYPE_STRING)
        {
          g_autofree char *field = g_strdup_printf ("classes[%u]", c);
          return invalid (r, field, "expected a string, found %s", node_kind (item));
        }
      /* json-glib 1.6 takes non-JSON escapes such as "\222" (octal)
       * and hands back bytes that are not UTF-8; class names are shown
       * by GTK, which needs valid UTF-8. */
      if (!g_utf8_validate (json_node_get_string (item), -1, NULL))
        {
          g_autofree char *field = g_strdup_printf ("classes[%u]", c);
          return invalid (r, field, "not valid UTF-8 text");
        }
      classes[c] = g_strdup (json_node_get_string (item));
    }
  *classes_out = g_steal_pointer (&classes);
  return TRUE;
}

/* The optional "scaling": its kind, and for any but none the per-input
 * shift and scale (n_inputs each); none without it. */
static gboolean
read_scaling (Reader     *r,
              JsonObject *top,
              guint       n_inputs,
              PsScaling  *scaling,
              float     **shift_out,
              float     **mul_out)
{
  JsonNode *node;
  JsonObject *sc;
  const char *kind;
  g_autofree float *shift = NULL, *mul = NULL;

  if ((node = get_member (r, top, "", "scaling", FALSE)) == NULL)
    return TRUE;          /* optional, absent */
  if (JSON_NODE_TYPE (node) != JSON_NODE_OBJECT)
    return invalid (r, "scaling", "expected an object, found %s", node_kind (node));
  sc = json_node_get_object (node);
  if ((kind = read_string (r, sc, "scaling.", "kind")) == NULL)
    return FALSE;
  if (!ps_scaling_from_string (kind, scaling))
    return invalid (r, "scaling.kind", "unknown scaling \"%s\" (expected none, unit or standard)", kind);
  if (*scaling == PS_SCALING_NONE)
    return TRUE;
  shift = g_new (float, MAX (n_inputs, 1));
  mul = g_new (float, MAX (n_inputs, 1));
  if ((node = get_member (r, sc, "scaling.", "shift", TRUE)) == NULL
      || !read_floats (r, node, "scaling.shift", n_inputs, shift)
      || (node = get_member (r, sc, "scaling.", "scale", TRUE)) == NULL
      || !read_floats (r, node, "scaling.scale", n_inputs, mul))
    return FALSE;
  *shift_out = g_steal_pointer (&shift);
  *mul_out = g_steal_pointer (&mul);
  return TRUE;
}

/* Second pass over "layers": layer l's weights (one row per input) and
 * bias, straight into the network's parameter buffer. */
static gboolean
read_layer_params (Reader     *r,
                   JsonArray  *layers,
                   guint       l,
                   PsNetwork  *net)
{
  JsonObject *layer = json_array_get_object_element (layers, l);
  const PsLayer *pl = &net->layers[l];
  g_autofree char *prefix = g_strdup_printf ("layers[%u].", l);
  g_autofree char *wfield = g_strdup_printf ("layers[%u].weights", l);
  g_autofree char *bfield = g_strdup_printf ("layers[%u].bias", l);
  JsonNode *node;
  JsonArray *rows;
  guint n_rows;

  if ((node = get_member (r, layer, prefix, "weights", TRUE)) == NULL)
    return FALSE;
  if (JSON_NODE_TYPE (node) != JSON_NODE_ARRAY)
    return invalid (r, wfield, "expected an array of %u rows (one per input), found %s",
                    pl->inputs, node_kind (node));
  rows = json_node_get_array (node);
  n_rows = json_array_get_length (rows);
  if (n_rows != pl->inputs)
    return invalid (r, wfield, "expected %u rows (one per input), found %u",
                    pl->inputs, n_rows);
  for (guint i = 0; i < n_rows; i++)
    {
      g_autofree char *field = g_strdup_printf ("layers[%u].weights[%u]", l, i);

      if (!read_floats (r, json_array_get_element (rows, i), field, pl->units,
                        net->params + pl->w_offset + (gsize) i * pl->units))
        return FALSE;
    }
  if ((node = get_member (r, layer, prefix, "bias", TRUE)) == NULL)
    return FALSE;
  return read_floats (r, node, bfield, pl->units, net->params + pl->b_offset);
}

/* The checks run in file order (header, input_shape, loss, layers,
 * classes, scaling, numbers), so the first fault a reader names is the
 * first one a person would find. */
static PsNetwork *
read_model (Reader   *r,
            JsonNode *root)
{
  JsonObject *top;
  JsonArray *layers;
  const char *s;
  guint n_inputs = 0, n_layers, shape[2] = { 0, 0 };
  PsLoss loss;
  g_autofree guint *units = NULL;
  g_autofree PsActivation *acts = NULL;
  g_auto (GStrv) classes = NULL;
  PsScaling scaling = PS_SCALING_NONE;
  g_autofree float *shift = NULL, *mul = NULL;
  PsNetwork *net;

  if (JSON_NODE_TYPE (root) != JSON_NODE_OBJECT)
    {
      invalid (r, "top level", "expected an object, found %s", node_kind (root));
      return NULL;
    }
  top = json_node_get_object (root);

  if (!read_header (r, top, &n_inputs)
      || !read_input_shape (r, top, n_inputs, shape))
    return NULL;
  if ((s = read_string (r, top, "", "loss")) == NULL)
    return NULL;
  if (!ps_loss_from_string (s, &loss))
    {
      invalid (r, "loss", "unknown loss \"%s\" (expected mse, cross-entropy or "
               "binary-cross-entropy)", s);
      return NULL;
    }
  if ((layers = read_layer_shapes (r, top, n_inputs, &units, &acts)) == NULL
      || !read_classes (r, top, &classes)
      || !read_scaling (r, top, n_inputs, &scaling, &shift, &mul))
    return NULL;

  n_layers = json_array_get_length (layers);
  net = ps_network_new (units, acts, n_layers + 1);
  net->scaling = scaling;
  net->scale_shift = g_steal_pointer (&shift);
  net->scale_mul = g_steal_pointer (&mul);
  net->loss = loss;
  net->input_shape[0] = shape[0];
  net->input_shape[1] = shape[1];
  net->classes = g_steal_pointer (&classes);
  for (guint l = 0; l < n_layers; l++)
    if (!read_layer_params (r, layers, l, net))
      {
        ps_network_free (net);
        return NULL;
      }
  return net;
}

/**
 * ps_model_from_json:
 * @display_name: how messages name the source ("model.json")
 * @error: PS_MODEL_ERROR_SYNTAX (line:column) or PS_MODEL_ERROR_INVALID
 *   naming the field, e.g. "model.json: layers[1].weights[3]: expected 5
 *   numbers, found 4"
 *
 * Returns: (transfer full) (nullable): the network
 */
PsNetwork *
ps_model_from_json (const char  *text,
                    gssize       length,
                    const char  *display_name,
                    GError     **error)
{
  g_autoptr (JsonParser) parser = NULL;
  g_autoptr (GError) local = NULL;
  JsonNode *root;
  Reader r = { display_name != NULL ? display_name : "model", error };

  g_return_val_if_fail (text != NULL, NULL);

  /* json-glib recurses per nesting level, takes the first of two documents
   * and wraps whole numbers around: refuse those before it parses. */
  if (!ps_json_check (text, length < 0 ? strlen (text) : (gsize) length,
                      PS_JSON_MAX_DEPTH, r.file, &local))
    {
      g_set_error_literal (error, PS_MODEL_ERROR, PS_MODEL_ERROR_SYNTAX, local->message);
      return NULL;
    }
  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, text, length, &local))
    {
      const char *msg = local->message;

      /* json-glib says "<data>:LINE:COL: Parse error: ..." */
      if (g_str_has_prefix (msg, "<data>:"))
        msg += strlen ("<data>:");
      g_autofree char *valid = g_utf8_make_valid (msg, -1);

      g_set_error (error, PS_MODEL_ERROR, PS_MODEL_ERROR_SYNTAX,
                   "%s:%s", r.file, valid);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL)
    {
      g_set_error (error, PS_MODEL_ERROR, PS_MODEL_ERROR_SYNTAX,
                   "%s: empty file, expected a JSON model", r.file);
      return NULL;
    }
  return read_model (&r, root);
}

/**
 * ps_model_load:
 * @error: PS_MODEL_ERROR_IO, _SYNTAX or _INVALID, the message starting with
 *   the file name
 *
 * Reads our JSON model, or an ONNX model (a ".onnx" name or ONNX's first
 * byte; see ps_onnx_from_data()).
 *
 * Returns: (transfer full) (nullable): the network
 */
PsNetwork *
ps_model_load (const char  *path,
               GError     **error)
{
  g_autofree char *text = NULL;
  g_autofree char *display = NULL;
  g_autoptr (GError) local = NULL;
  gsize length = 0;

  g_return_val_if_fail (path != NULL, NULL);

  display = g_filename_display_name (path);
  if (!ps_file_read_limited (path, PS_FILE_MODEL_MAX, &text, &length, &local))
    {
      g_set_error (error, PS_MODEL_ERROR, PS_MODEL_ERROR_IO,
                   "%s: cannot read the model: %s", display, local->message);
      return NULL;
    }
  /* An ONNX file (by its first byte, which JSON never has, or by its name
   * unless it is JSON):
   * read by ps-onnx, its errors in this domain as for a JSON model. */
  if (ps_onnx_sniff ((const guint8 *) text, length)
      || ((g_str_has_suffix (path, ".onnx") || g_str_has_suffix (path, ".ONNX"))
          && text[0] != '{'))
    {
      PsNetwork *net = ps_onnx_from_data ((const guint8 *) text, length, display, &local);

      if (net == NULL)
        g_set_error_literal (error, PS_MODEL_ERROR,
                             local->code == PS_ONNX_ERROR_PARSE ? PS_MODEL_ERROR_SYNTAX
                                                                : PS_MODEL_ERROR_INVALID,
                             local->message);
      return net;
    }
  return ps_model_from_json (text, (gssize) length, display, error);
}
