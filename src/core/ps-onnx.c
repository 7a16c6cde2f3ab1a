/* ps-onnx.c: ONNX export (opset 13) and import of dense networks
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The protobuf code is generated at build time by protoc-c from the official
 * onnx.proto (libonnx-dev); this file only fills and reads its structs.
 *
 * Export, the graph (see README, "ONNX"):
 *   input [N, inputs] float, raw features
 *   (Sub scale_shift, Mul scale_mul: the model's input scaling, if any)
 *   per layer l: Gemm (layerL.weight [inputs, units], layerL.bias [units])
 *     then Sigmoid | Tanh | Relu | Softmax (axis 1) | Identity (linear)
 *     | Greater (z, 0) + Cast to float (step: 1 if z > 0 else 0)
 *   output [N, outputs] float
 * plus metadata_props "perceptron_studio.*" (loss, classes, image shape,
 * scaling kind) so our own file reads back as the model it was.
 *
 * Import walks the nodes as one chain from the graph input to its output:
 * optional Flatten / Identity, optional Sub then Mul or Div by constants
 * (the input scaling), then per layer Gemm, or MatMul (+ Add), followed by
 * at most one activation (or Greater + Cast, the step).
 */
#include "config.h"

#include "ps-onnx.h"

#include "onnx.pb-c.h"

#include <json-glib/json-glib.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#define PS_ONNX_OPSET 13
#define PS_ONNX_IR_VERSION 7                /* the IR of opset 13 (ONNX 1.8) */
#define PS_ONNX_META_PREFIX "perceptron_studio."
#define PS_ONNX_MAX_DEPTH 32                /* nesting of messages in a file */
#define PS_ONNX_MAX_MESSAGES (1u << 20)     /* messages in a file */
#define PS_ONNX_MAX_MEMORY ((guint64) 1 << 30) /* what protobuf-c may allocate */
#define PS_ONNX_MAX_UNITS (1u << 20)
#define PS_ONNX_MAX_PARAMS ((gsize) 1 << 30)

/* ONNX's TensorProto.DataType values used here */
#define ONNX_FLOAT 1

G_DEFINE_QUARK (ps-onnx-error-quark, ps_onnx_error)

/* ---- writing ------------------------------------------------------------ */

/* Everything a model under construction points to, freed at once. */
typedef struct
{
  GPtrArray *blocks;
} Arena;

static gpointer
arena_alloc (Arena *a,
             gsize  size)
{
  gpointer p = g_malloc0 (size);

  g_ptr_array_add (a->blocks, p);
  return p;
}

static char *
arena_strdup (Arena      *a,
              const char *s)
{
  char *p = g_strdup (s);

  g_ptr_array_add (a->blocks, p);
  return p;
}

static char * G_GNUC_PRINTF (2, 3)
arena_printf (Arena      *a,
              const char *format,
              ...)
{
  va_list args;
  char *p;

  va_start (args, format);
  p = g_strdup_vprintf (format, args);
  va_end (args);
  g_ptr_array_add (a->blocks, p);
  return p;
}

static Onnx__TensorProto *
new_tensor (Arena       *a,
            const char  *name,
            const gint64 *dims,
            guint        n_dims,
            const float *data,
            gsize        n)
{
  Onnx__TensorProto *t = arena_alloc (a, sizeof *t);

  onnx__tensor_proto__init (t);
  t->name = arena_strdup (a, name);
  t->has_data_type = TRUE;
  t->data_type = ONNX_FLOAT;
  t->n_dims = n_dims;
  t->dims = arena_alloc (a, sizeof (int64_t) * MAX (n_dims, 1));
  for (guint k = 0; k < n_dims; k++)
    t->dims[k] = dims[k];
#if G_BYTE_ORDER == G_LITTLE_ENDIAN
  /* raw_data is little-endian IEEE floats: torch writes it, readers
   * prefer it. */
  t->has_raw_data = TRUE;
  t->raw_data.len = n * sizeof (float);
  t->raw_data.data = arena_alloc (a, MAX (n, 1) * sizeof (float));
  memcpy (t->raw_data.data, data, n * sizeof (float));
#else
  t->n_float_data = n;
  t->float_data = arena_alloc (a, MAX (n, 1) * sizeof (float));
  memcpy (t->float_data, data, n * sizeof (float));
#endif
  return t;
}

static Onnx__AttributeProto *
new_attr_int (Arena      *a,
              const char *name,
              gint64      v)
{
  Onnx__AttributeProto *attr = arena_alloc (a, sizeof *attr);

  onnx__attribute_proto__init (attr);
  attr->name = arena_strdup (a, name);
  attr->has_type = TRUE;
  attr->type = ONNX__ATTRIBUTE_PROTO__ATTRIBUTE_TYPE__INT;
  attr->has_i = TRUE;
  attr->i = v;
  return attr;
}

static Onnx__AttributeProto *
new_attr_float (Arena      *a,
                const char *name,
                float       v)
{
  Onnx__AttributeProto *attr = arena_alloc (a, sizeof *attr);

  onnx__attribute_proto__init (attr);
  attr->name = arena_strdup (a, name);
  attr->has_type = TRUE;
  attr->type = ONNX__ATTRIBUTE_PROTO__ATTRIBUTE_TYPE__FLOAT;
  attr->has_f = TRUE;
  attr->f = v;
  return attr;
}

/* A node with inputs (NULL-terminated) and one output; attributes added
 * by the caller. */
static Onnx__NodeProto *
new_node (Arena      *a,
          GPtrArray  *nodes,
          const char *op,
          const char *name,
          const char *output,
          ...)
{
  Onnx__NodeProto *node = arena_alloc (a, sizeof *node);
  g_autoptr (GPtrArray) inputs = g_ptr_array_new ();
  va_list args;
  const char *in;

  onnx__node_proto__init (node);
  node->op_type = arena_strdup (a, op);
  node->name = arena_strdup (a, name);
  va_start (args, output);
  while ((in = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (inputs, arena_strdup (a, in));
  va_end (args);
  node->n_input = inputs->len;
  node->input = arena_alloc (a, sizeof (char *) * MAX (inputs->len, 1));
  memcpy (node->input, inputs->pdata, sizeof (char *) * inputs->len);
  node->n_output = 1;
  node->output = arena_alloc (a, sizeof (char *));
  node->output[0] = arena_strdup (a, output);
  g_ptr_array_add (nodes, node);
  return node;
}

static void
node_add_attr (Arena                *a,
               Onnx__NodeProto      *node,
               Onnx__AttributeProto *attr)
{
  Onnx__AttributeProto **list = arena_alloc (a, sizeof *list * (node->n_attribute + 1));

  if (node->n_attribute > 0)
    memcpy (list, node->attribute, sizeof *list * node->n_attribute);
  list[node->n_attribute++] = attr;
  node->attribute = list;
}

/* "name": float [N, width], N a symbolic (dynamic) batch size. */
static Onnx__ValueInfoProto *
new_value_info (Arena      *a,
                const char *name,
                guint       width)
{
  Onnx__ValueInfoProto *vi = arena_alloc (a, sizeof *vi);
  Onnx__TypeProto *type = arena_alloc (a, sizeof *type);
  Onnx__TypeProto__Tensor *tt = arena_alloc (a, sizeof *tt);
  Onnx__TensorShapeProto *shape = arena_alloc (a, sizeof *shape);
  Onnx__TensorShapeProto__Dimension **dims = arena_alloc (a, 2 * sizeof *dims);

  onnx__value_info_proto__init (vi);
  onnx__type_proto__init (type);
  onnx__type_proto__tensor__init (tt);
  onnx__tensor_shape_proto__init (shape);
  for (guint k = 0; k < 2; k++)
    {
      dims[k] = arena_alloc (a, sizeof **dims);
      onnx__tensor_shape_proto__dimension__init (dims[k]);
    }
  dims[0]->value_case = ONNX__TENSOR_SHAPE_PROTO__DIMENSION__VALUE_DIM_PARAM;
  dims[0]->dim_param = arena_strdup (a, "N");
  dims[1]->value_case = ONNX__TENSOR_SHAPE_PROTO__DIMENSION__VALUE_DIM_VALUE;
  dims[1]->dim_value = width;
  shape->n_dim = 2;
  shape->dim = dims;
  tt->has_elem_type = TRUE;
  tt->elem_type = ONNX_FLOAT;
  tt->shape = shape;
  type->value_case = ONNX__TYPE_PROTO__VALUE_TENSOR_TYPE;
  type->tensor_type = tt;
  vi->name = arena_strdup (a, name);
  vi->type = type;
  return vi;
}

static void
add_meta (Arena      *a,
          GPtrArray  *props,
          const char *key,
          const char *value)
{
  Onnx__StringStringEntryProto *e = arena_alloc (a, sizeof *e);

  onnx__string_string_entry_proto__init (e);
  e->key = arena_printf (a, PS_ONNX_META_PREFIX "%s", key);
  e->value = arena_strdup (a, value);
  g_ptr_array_add (props, e);
}

static gboolean
all_finite (const float *v,
            gsize        n)
{
  for (gsize i = 0; i < n; i++)
    if (!isfinite (v[i]))
      return FALSE;
  return TRUE;
}

static const char *
activation_op (PsActivation act)
{
  switch (act)
    {
    case PS_ACTIVATION_LINEAR:
      return "Identity";
    case PS_ACTIVATION_SIGMOID:
      return "Sigmoid";
    case PS_ACTIVATION_TANH:
      return "Tanh";
    case PS_ACTIVATION_RELU:
      return "Relu";
    case PS_ACTIVATION_SOFTMAX:
      return "Softmax";
    case PS_ACTIVATION_STEP:
    default:
      return NULL;
    }
}

/**
 * ps_onnx_to_bytes:
 * @error: PS_ONNX_ERROR_INVALID for parameters or scaling that are not finite
 *
 * Returns: (transfer full) (nullable): the serialized ONNX ModelProto
 */
GBytes *
ps_onnx_to_bytes (const PsNetwork  *net,
                  GError          **error)
{
  Arena a = { g_ptr_array_new_with_free_func (g_free) };
  g_autoptr (GPtrArray) nodes = g_ptr_array_new ();
  g_autoptr (GPtrArray) inits = g_ptr_array_new ();
  g_autoptr (GPtrArray) props = g_ptr_array_new ();
  Onnx__ModelProto model = ONNX__MODEL_PROTO__INIT;
  Onnx__GraphProto graph = ONNX__GRAPH_PROTO__INIT;
  Onnx__OperatorSetIdProto opset = ONNX__OPERATOR_SET_ID_PROTO__INIT;
  Onnx__OperatorSetIdProto *opsets[1] = { &opset };
  Onnx__ValueInfoProto *inputs[1], *outputs[1];
  const char *x = "input";
  gboolean has_step = FALSE;
  gsize size;
  guint8 *buf;

  g_return_val_if_fail (net != NULL, NULL);

  if (!ps_network_is_finite (net)
      || (net->scale_shift != NULL
          && (!all_finite (net->scale_shift, net->n_inputs)
              || !all_finite (net->scale_mul, net->n_inputs))))
    {
      g_set_error_literal (error, PS_ONNX_ERROR, PS_ONNX_ERROR_INVALID,
                           "the weights are not finite numbers");
      g_ptr_array_unref (a.blocks);
      return NULL;
    }

  /* The input scaling first, so that the graph takes raw features as
   * `perceptron predict` does: x' = (x − shift) · mul. */
  if (net->scale_shift != NULL)
    {
      gint64 dim = net->n_inputs;

      g_ptr_array_add (inits, new_tensor (&a, "scale_shift", &dim, 1, net->scale_shift, net->n_inputs));
      g_ptr_array_add (inits, new_tensor (&a, "scale_mul", &dim, 1, net->scale_mul, net->n_inputs));
      new_node (&a, nodes, "Sub", "scale_sub", "input_shifted", x, "scale_shift", NULL);
      new_node (&a, nodes, "Mul", "scale_mul", "input_scaled", "input_shifted", "scale_mul", NULL);
      x = "input_scaled";
    }

  for (guint l = 0; l < net->n_layers; l++)
    {
      const PsLayer *layer = &net->layers[l];
      gboolean last = l + 1 == net->n_layers;
      gint64 wdims[2] = { layer->inputs, layer->units };
      gint64 bdim = layer->units;
      char *w = arena_printf (&a, "layer%u.weight", l);
      char *b = arena_printf (&a, "layer%u.bias", l);
      char *z = arena_printf (&a, "layer%u.z", l);
      char *y = last ? "output" : arena_printf (&a, "layer%u.y", l);
      Onnx__NodeProto *node;

      g_ptr_array_add (inits, new_tensor (&a, w, wdims, 2, net->params + layer->w_offset,
                                          (gsize) layer->inputs * layer->units));
      g_ptr_array_add (inits, new_tensor (&a, b, &bdim, 1, net->params + layer->b_offset,
                                          layer->units));
      /* Gemm: Y = alpha·A·B + beta·C with our W (inputs × units) as B. */
      node = new_node (&a, nodes, "Gemm", arena_printf (&a, "layer%u_gemm", l), z, x, w, b, NULL);
      node_add_attr (&a, node, new_attr_float (&a, "alpha", 1.0f));
      node_add_attr (&a, node, new_attr_float (&a, "beta", 1.0f));
      node_add_attr (&a, node, new_attr_int (&a, "transA", 0));
      node_add_attr (&a, node, new_attr_int (&a, "transB", 0));

      if (layer->activation == PS_ACTIVATION_STEP)
        {
          /* The notebook's step: 1 if z > 0 else 0 (0 at z = 0). */
          char *pos = arena_printf (&a, "layer%u.positive", l);

          has_step = TRUE;
          new_node (&a, nodes, "Greater", arena_printf (&a, "layer%u_step_greater", l),
                    pos, z, "step_zero", NULL);
          node = new_node (&a, nodes, "Cast", arena_printf (&a, "layer%u_step_cast", l),
                           y, pos, NULL);
          node_add_attr (&a, node, new_attr_int (&a, "to", ONNX_FLOAT));
        }
      else
        {
          const char *op = activation_op (layer->activation);
          g_autofree char *lower = g_ascii_strdown (op, -1);

          node = new_node (&a, nodes, op, arena_printf (&a, "layer%u_%s", l, lower), y, z, NULL);
          if (layer->activation == PS_ACTIVATION_SOFTMAX)
            node_add_attr (&a, node, new_attr_int (&a, "axis", 1));
        }
      x = y;
    }
  if (has_step)
    {
      static const float zero = 0.0f;

      g_ptr_array_add (inits, new_tensor (&a, "step_zero", NULL, 0, &zero, 1));
    }

  /* What ONNX has no place for, for our own reader. */
  add_meta (&a, props, "loss", ps_loss_to_string (net->loss));
  if (net->input_shape[0] > 0 && net->input_shape[1] > 0)
    add_meta (&a, props, "input_shape",
              arena_printf (&a, "%u,%u", net->input_shape[0], net->input_shape[1]));
  if (net->scale_shift != NULL)
    add_meta (&a, props, "scaling", ps_scaling_to_string (net->scaling));
  if (net->classes != NULL)
    {
      g_autoptr (GString) s = g_string_new ("[");

      for (guint c = 0; net->classes[c] != NULL; c++)
        {
          if (c > 0)
            g_string_append (s, ", ");
          ps_json_append_string (s, net->classes[c]);
        }
      g_string_append_c (s, ']');
      add_meta (&a, props, "classes", s->str);
    }

  inputs[0] = new_value_info (&a, "input", net->n_inputs);
  outputs[0] = new_value_info (&a, "output", ps_network_n_outputs (net));
  graph.name = "perceptron_studio";
  graph.n_node = nodes->len;
  graph.node = (Onnx__NodeProto **) nodes->pdata;
  graph.n_initializer = inits->len;
  graph.initializer = (Onnx__TensorProto **) inits->pdata;
  graph.n_input = 1;
  graph.input = inputs;
  graph.n_output = 1;
  graph.output = outputs;

  opset.domain = "";
  opset.has_version = TRUE;
  opset.version = PS_ONNX_OPSET;
  model.has_ir_version = TRUE;
  model.ir_version = PS_ONNX_IR_VERSION;
  model.n_opset_import = 1;
  model.opset_import = opsets;
  model.producer_name = "Perceptron Studio";
  model.producer_version = PACKAGE_VERSION;
  model.graph = &graph;
  model.n_metadata_props = props->len;
  model.metadata_props = (Onnx__StringStringEntryProto **) props->pdata;

  size = onnx__model_proto__get_packed_size (&model);
  buf = g_malloc (MAX (size, 1));
  onnx__model_proto__pack (&model, buf);
  g_ptr_array_unref (a.blocks);
  return g_bytes_new_take (buf, size);
}

/**
 * ps_onnx_save:
 * @error: PS_ONNX_ERROR_IO (the old file is left as it was), or
 *   PS_ONNX_ERROR_INVALID for weights that are not finite
 *
 * Writes @network as ONNX through ps_file_write() (atomic).
 */
gboolean
ps_onnx_save (const PsNetwork  *network,
              const char       *path,
              GError          **error)
{
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GError) local = NULL;
  g_autofree char *display = NULL;
  gsize len;
  const char *data;

  g_return_val_if_fail (network != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  display = g_filename_display_name (path);
  bytes = ps_onnx_to_bytes (network, &local);
  if (bytes == NULL)
    {
      g_set_error (error, PS_ONNX_ERROR, local->code, "%s: not saved: %s",
                   display, local->message);
      return FALSE;
    }
  data = g_bytes_get_data (bytes, &len);
  if (!ps_file_write (path, data, len, 0644, &local))
    {
      g_set_error (error, PS_ONNX_ERROR, PS_ONNX_ERROR_IO,
                   "%s: cannot save the model: %s", display, local->message);
      return FALSE;
    }
  return TRUE;
}

/* ---- reading: the wire format checked before protobuf-c unpacks ----- */

static gboolean
read_varint (const guint8 **p,
             const guint8  *end,
             guint64       *out)
{
  guint64 v = 0;

  for (guint shift = 0; shift < 64; shift += 7)
    {
      guint8 byte;

      if (*p >= end)
        return FALSE;
      byte = *(*p)++;
      v |= (guint64) (byte & 0x7f) << shift;
      if ((byte & 0x80) == 0)
        {
          *out = v;
          return TRUE;
        }
    }
  return FALSE;
}

static gboolean
packed_varints (const ProtobufCFieldDescriptor *field)
{
  if (field == NULL || field->label != PROTOBUF_C_LABEL_REPEATED)
    return FALSE;
  switch (field->type)
    {
    case PROTOBUF_C_TYPE_INT32:
    case PROTOBUF_C_TYPE_SINT32:
    case PROTOBUF_C_TYPE_UINT32:
    case PROTOBUF_C_TYPE_INT64:
    case PROTOBUF_C_TYPE_SINT64:
    case PROTOBUF_C_TYPE_UINT64:
    case PROTOBUF_C_TYPE_BOOL:
    case PROTOBUF_C_TYPE_ENUM:
      return TRUE;
    default:
      return FALSE;
    }
}

/* protobuf-c unpacks nested messages recursively and allocates a struct per
 * message, a block per string, 8 bytes per packed varint and a record per
 * unknown field: a hostile file could nest deep enough to overflow the
 * stack, or make gigabytes of allocations of a few hundred megabytes. One
 * iterative pass over the wire format, with the generated descriptors
 * telling what each field is, bounds the depth, the number of messages and
 * (from above) the memory before unpacking. */
static gboolean
check_wire (const guint8  *data,
            gsize          len,
            const char    *file,
            GError       **error)
{
  struct
  {
    const ProtobufCMessageDescriptor *desc;
    const guint8 *end;
  } stack[PS_ONNX_MAX_DEPTH];
  const guint8 *p = data;
  guint depth = 0;
  guint n_messages = 1;
  guint64 memory = onnx__model_proto__descriptor.sizeof_message;

  stack[0].desc = &onnx__model_proto__descriptor;
  stack[0].end = data + len;
  for (;;)
    {
      const ProtobufCFieldDescriptor *field;
      guint64 tag, v;

      if (p == stack[depth].end)
        {
          if (depth == 0)
            return TRUE;
          depth--;
          continue;
        }
      if (!read_varint (&p, stack[depth].end, &tag) || (tag >> 3) == 0 || (tag >> 3) > G_MAXUINT32)
        goto bad;
      field = protobuf_c_message_descriptor_get_field (stack[depth].desc, (unsigned) (tag >> 3));
      /* a value, an array slot or an unknown field's record (and malloc's
       * overhead) */
      memory += 64;
      switch (tag & 7)
        {
        case 0:
          if (!read_varint (&p, stack[depth].end, &v))
            goto bad;
          break;
        case 1:
          if (stack[depth].end - p < 8)
            goto bad;
          p += 8;
          break;
        case 5:
          if (stack[depth].end - p < 4)
            goto bad;
          p += 4;
          break;
        case 2:
          if (!read_varint (&p, stack[depth].end, &v) || v > (guint64) (stack[depth].end - p))
            goto bad;
          if (field != NULL && field->type == PROTOBUF_C_TYPE_MESSAGE)
            {
              if (depth + 1 >= PS_ONNX_MAX_DEPTH)
                {
                  g_set_error (error, PS_ONNX_ERROR, PS_ONNX_ERROR_INVALID,
                               "%s: messages nested deeper than %d levels", file,
                               PS_ONNX_MAX_DEPTH);
                  return FALSE;
                }
              if (++n_messages > PS_ONNX_MAX_MESSAGES)
                {
                  g_set_error (error, PS_ONNX_ERROR, PS_ONNX_ERROR_INVALID,
                               "%s: more than %u messages", file, PS_ONNX_MAX_MESSAGES);
                  return FALSE;
                }
              depth++;
              stack[depth].desc = field->descriptor;
              stack[depth].end = p + v;
              memory += stack[depth].desc->sizeof_message;
            }
          else
            {
              /* bytes, a string, or a packed array: fixed-size elements
               * take what they take on the wire, varints (1 byte or more)
               * at most 8 bytes each */
              memory += packed_varints (field) ? v * 8 : v;
              p += v;
            }
          break;
        default:
          goto bad;   /* groups (3, 4) are not in onnx.proto; 6, 7 do not exist */
        }
      if (memory > PS_ONNX_MAX_MEMORY)
        {
          g_set_error (error, PS_ONNX_ERROR, PS_ONNX_ERROR_INVALID,
                       "%s: reading it would take more than 1 GiB of memory", file);
          return FALSE;
        }
    }

bad:
  g_set_error (error, PS_ONNX_ERROR, PS_ONNX_ERROR_PARSE,
               "%s: not an ONNX model, or truncated (bad protobuf at byte %" G_GSIZE_FORMAT ")",
               file, (gsize) (p - data));
  return FALSE;
}

/* ---- reading: the graph ---------------------------------------------- */

typedef struct
{
  const char *file;
  GError    **error;
  GHashTable *consts;      /* name → Onnx__TensorProto (initializers, Constant nodes) */
} Reader;

typedef struct
{
  guint        inputs, units;
  const float *w;          /* borrowed from the reader's tensors ... */
  float       *w_own;      /* ... or owned when converted */
  gboolean     transposed; /* w is (units × inputs) */
  float       *b;          /* units, or NULL: no bias (0) */
  PsActivation act;
  gboolean     has_act;
} Layer;

static void
layer_clear (Layer *layer)
{
  g_free (layer->w_own);
  g_free (layer->b);
}

static const char *
str_or_empty (const char *s)
{
  return s != NULL ? s : "";
}

/* "node 'name' (op Op)", or "node #i (op Op)" for a node without a name,
 * valid UTF-8 (names come from the file). */
static char *
node_label (const Onnx__NodeProto *node,
            guint                  index)
{
  g_autofree char *raw = NULL;

  if (node->name != NULL && node->name[0] != '\0')
    raw = g_strdup_printf ("node '%s' (op %s)", node->name, str_or_empty (node->op_type));
  else
    raw = g_strdup_printf ("node #%u (op %s)", index, str_or_empty (node->op_type));
  return g_utf8_make_valid (raw, -1);
}

static gboolean G_GNUC_PRINTF (4, 5)
fail (Reader     *r,
      int         code,
      const char *where,
      const char *format,
      ...)
{
  va_list args;
  g_autofree char *what = NULL;
  g_autofree char *valid = NULL;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);
  valid = g_utf8_make_valid (what, -1);
  if (where != NULL)
    g_set_error (r->error, PS_ONNX_ERROR, code, "%s: %s: %s", r->file, where, valid);
  else
    g_set_error (r->error, PS_ONNX_ERROR, code, "%s: %s", r->file, valid);
  return FALSE;
}

static gboolean
unsupported (Reader                *r,
             const Onnx__NodeProto *node,
             guint                  index,
             const char            *why)
{
  g_autofree char *label = node_label (node, index);

  if (why != NULL)
    return fail (r, PS_ONNX_ERROR_UNSUPPORTED, NULL, "%s is not supported: %s", label, why);
  return fail (r, PS_ONNX_ERROR_UNSUPPORTED, NULL, "%s is not supported", label);
}

/* The tensor's float values: n elements (the product of its dims, checked
 * against the data it holds). Returns a pointer into the tensor. */
static gboolean
tensor_floats (Reader                  *r,
               const Onnx__TensorProto *t,
               const char              *where,
               const float            **values,
               gsize                   *n)
{
  gsize count = 1;

  if (t->has_data_location && t->data_location == ONNX__TENSOR_PROTO__DATA_LOCATION__EXTERNAL)
    return fail (r, PS_ONNX_ERROR_UNSUPPORTED, where, "tensor '%s' keeps its data in an external file",
                 str_or_empty (t->name));
  if (!t->has_data_type || t->data_type != ONNX_FLOAT)
    return fail (r, PS_ONNX_ERROR_UNSUPPORTED, where, "tensor '%s' is not of type float (type %d)",
                 str_or_empty (t->name), t->has_data_type ? t->data_type : 0);
  for (gsize k = 0; k < t->n_dims; k++)
    {
      if (t->dims[k] < 0 || (guint64) t->dims[k] > PS_ONNX_MAX_PARAMS)
        return fail (r, PS_ONNX_ERROR_INVALID, where, "tensor '%s': dimension %" G_GINT64_FORMAT
                     " is out of range", str_or_empty (t->name), (gint64) t->dims[k]);
      if (t->dims[k] != 0 && count > PS_ONNX_MAX_PARAMS / (gsize) t->dims[k])
        return fail (r, PS_ONNX_ERROR_INVALID, where, "tensor '%s' is too large",
                     str_or_empty (t->name));
      count *= (gsize) t->dims[k];
    }
  if (t->has_raw_data)
    {
      if (t->n_float_data > 0 || t->raw_data.len != count * sizeof (float))
        return fail (r, PS_ONNX_ERROR_INVALID, where, "tensor '%s': %" G_GSIZE_FORMAT
                     " bytes of data for %" G_GSIZE_FORMAT " floats", str_or_empty (t->name),
                     (gsize) t->raw_data.len, count);
#if G_BYTE_ORDER != G_LITTLE_ENDIAN
      /* raw_data is little-endian: swap in place (the tensor is ours). */
      for (gsize i = 0; i < count; i++)
        {
          guint32 *u = (guint32 *) (gpointer) (t->raw_data.data + 4 * i);
          *u = GUINT32_FROM_LE (*u);
        }
#endif
      /* protobuf-c copies bytes fields into malloc'd memory: aligned. */
      *values = (const float *) (gconstpointer) t->raw_data.data;
    }
  else
    {
      if (t->n_float_data != count)
        return fail (r, PS_ONNX_ERROR_INVALID, where, "tensor '%s': %" G_GSIZE_FORMAT
                     " floats of data for shape of %" G_GSIZE_FORMAT, str_or_empty (t->name),
                     (gsize) t->n_float_data, count);
      *values = t->float_data;
    }
  *n = count;
  return TRUE;
}

static const Onnx__TensorProto *
lookup_const (Reader     *r,
              const char *name)
{
  return name != NULL ? g_hash_table_lookup (r->consts, name) : NULL;
}

static const Onnx__AttributeProto *
find_attr (const Onnx__NodeProto *node,
           const char            *name)
{
  for (gsize k = 0; k < node->n_attribute; k++)
    if (g_strcmp0 (node->attribute[k]->name, name) == 0)
      return node->attribute[k];
  return NULL;
}

/* An integer attribute, def when absent; FALSE when present but not an int. */
static gboolean
attr_int (const Onnx__NodeProto *node,
          const char            *name,
          gint64                 def,
          gint64                *out)
{
  const Onnx__AttributeProto *attr = find_attr (node, name);

  *out = def;
  if (attr == NULL)
    return TRUE;
  if (!attr->has_i)
    return FALSE;
  *out = attr->i;
  return TRUE;
}

static gboolean
attr_float (const Onnx__NodeProto *node,
            const char            *name,
            float                  def,
            float                 *out)
{
  const Onnx__AttributeProto *attr = find_attr (node, name);

  *out = def;
  if (attr == NULL)
    return TRUE;
  if (!attr->has_f)
    return FALSE;
  *out = attr->f;
  return TRUE;
}

/* Only the attributes listed (NULL-terminated) may be present. */
static const char *
unknown_attr (const Onnx__NodeProto *node,
              ...)
{
  for (gsize k = 0; k < node->n_attribute; k++)
    {
      const char *name = str_or_empty (node->attribute[k]->name);
      gboolean known = FALSE;
      va_list args;
      const char *ok;

      va_start (args, node);
      while (!known && (ok = va_arg (args, const char *)) != NULL)
        known = strcmp (ok, name) == 0;
      va_end (args);
      if (!known)
        return name;
    }
  return NULL;
}

/* A 1-D constant of n floats, or a scalar broadcast to n (into out). */
static gboolean
vector_const (Reader                  *r,
              const Onnx__TensorProto *t,
              const char              *where,
              guint                    n,
              float                   *out)
{
  const float *v;
  gsize count;

  if (!tensor_floats (r, t, where, &v, &count))
    return FALSE;
  if (count == 1 && t->n_dims <= 1)
    {
      for (guint i = 0; i < n; i++)
        out[i] = v[0];
      return TRUE;
    }
  /* [n] or [1, n] (a row broadcast over the batch) */
  if (count != n || t->n_dims == 0 || t->n_dims > 2 || (t->n_dims == 2 && t->dims[0] != 1))
    return fail (r, PS_ONNX_ERROR_INVALID, where, "tensor '%s': expected %u values in one row",
                 str_or_empty (t->name), n);
  memcpy (out, v, sizeof (float) * n);
  return TRUE;
}

/* The data input of a node: the one that is not a constant, which must be
 * the chain's current value. *other gets the constant input (or NULL). */
static gboolean
chain_inputs (Reader                   *r,
              const Onnx__NodeProto    *node,
              guint                     index,
              const char               *current,
              guint                     n_inputs,
              const Onnx__TensorProto **other)
{
  gboolean seen = FALSE;

  *other = NULL;
  if (node->n_input != n_inputs || node->n_output != 1)
    return unsupported (r, node, index, n_inputs == 1 ? "expected one input and one output"
                                                      : "expected two inputs and one output");
  for (gsize k = 0; k < node->n_input; k++)
    {
      const char *in = str_or_empty (node->input[k]);

      if (!seen && strcmp (in, current) == 0)
        seen = TRUE;
      else if (lookup_const (r, in) != NULL && *other == NULL)
        *other = lookup_const (r, in);
      else
        return unsupported (r, node, index, "the graph is not a chain of layers");
    }
  if (!seen)
    return unsupported (r, node, index, "the graph is not a chain of layers");
  return TRUE;
}

static gboolean
activation_for_op (const char   *op,
                   PsActivation *act)
{
  static const struct { const char *op; PsActivation act; } table[] = {
    { "Sigmoid", PS_ACTIVATION_SIGMOID },
    { "Tanh", PS_ACTIVATION_TANH },
    { "Relu", PS_ACTIVATION_RELU },
    { "Softmax", PS_ACTIVATION_SOFTMAX },
  };

  for (guint k = 0; k < G_N_ELEMENTS (table); k++)
    if (strcmp (op, table[k].op) == 0)
      {
        *act = table[k].act;
        return TRUE;
      }
  return FALSE;
}

/* The graph input: one float tensor that is not an initializer; its width
 * (0 when not given) and, for an image [N, H, W] or [N, 1, H, W], its shape. */
static const char *
graph_input (Reader                  *r,
             const Onnx__GraphProto  *g,
             guint                   *rank,
             gint64                   dims[4])
{
  const Onnx__ValueInfoProto *found = NULL;

  for (gsize k = 0; k < g->n_input; k++)
    {
      const Onnx__ValueInfoProto *vi = g->input[k];

      if (lookup_const (r, vi->name) != NULL)
        continue;   /* IR < 4 lists initializers as inputs too */
      if (found != NULL)
        {
          fail (r, PS_ONNX_ERROR_UNSUPPORTED, NULL, "the graph has more than one input ('%s', '%s')",
                str_or_empty (found->name), str_or_empty (vi->name));
          return NULL;
        }
      found = vi;
    }
  if (found == NULL || found->name == NULL)
    {
      fail (r, PS_ONNX_ERROR_INVALID, NULL, "the graph has no input");
      return NULL;
    }
  *rank = 0;
  if (found->type != NULL && found->type->value_case == ONNX__TYPE_PROTO__VALUE_TENSOR_TYPE)
    {
      const Onnx__TypeProto__Tensor *tt = found->type->tensor_type;

      if (tt->has_elem_type && tt->elem_type != ONNX_FLOAT)
        {
          fail (r, PS_ONNX_ERROR_UNSUPPORTED, NULL, "input '%s' is not of type float",
                found->name);
          return NULL;
        }
      if (tt->shape != NULL)
        {
          if (tt->shape->n_dim < 2 || tt->shape->n_dim > 4)
            {
              fail (r, PS_ONNX_ERROR_UNSUPPORTED, NULL, "input '%s' has %u dimensions "
                    "(expected [batch, features])", found->name, (guint) tt->shape->n_dim);
              return NULL;
            }
          *rank = tt->shape->n_dim;
          for (guint k = 0; k < *rank; k++)
            {
              const Onnx__TensorShapeProto__Dimension *d = tt->shape->dim[k];

              dims[k] = d->value_case == ONNX__TENSOR_SHAPE_PROTO__DIMENSION__VALUE_DIM_VALUE
                        ? d->dim_value : 0;
              if (dims[k] < 0 || dims[k] > PS_ONNX_MAX_UNITS)
                {
                  fail (r, PS_ONNX_ERROR_INVALID, NULL, "input '%s': dimension %u is out of range",
                        found->name, k);
                  return NULL;
                }
            }
        }
    }
  return found->name;
}

/* Constant nodes (value = tensor) join the initializers. */
static gboolean
collect_consts (Reader                 *r,
                const Onnx__GraphProto *g)
{
  for (gsize k = 0; k < g->n_initializer; k++)
    if (g->initializer[k]->name != NULL)
      g_hash_table_insert (r->consts, g->initializer[k]->name, g->initializer[k]);
  for (gsize k = 0; k < g->n_node; k++)
    {
      const Onnx__NodeProto *node = g->node[k];
      const Onnx__AttributeProto *value;

      if (g_strcmp0 (node->op_type, "Constant") != 0)
        continue;
      value = find_attr (node, "value");
      if (value == NULL || value->t == NULL || node->n_output != 1 || node->n_input != 0)
        return unsupported (r, node, k, "only a Constant with a tensor 'value'");
      g_hash_table_insert (r->consts, node->output[0], value->t);
    }
  return TRUE;
}

typedef struct
{
  GArray   *layers;        /* Layer */
  gboolean  has_shift, has_mul;
  float    *shift, *mul;   /* width n_inputs, once known */
  guint     n_inputs;      /* 0 until the input or the first layer says */
  gboolean  pending_step;  /* a Greater waits for its Cast */
  gboolean  needs_flatten; /* the input is an image: Flatten comes first */
} Chain;

static Layer *
open_layer (Chain *c)
{
  if (c->layers->len == 0)
    return NULL;
  return &g_array_index (c->layers, Layer, c->layers->len - 1);
}

/* Scaling vectors (shift 0, mul 1 where not given) of the input width. */
static gboolean
ensure_scaling (Reader                *r,
                Chain                 *c,
                const Onnx__NodeProto *node,
                guint                  index,
                const Onnx__TensorProto *t)
{
  if (c->n_inputs == 0)
    {
      /* The width from the constant itself when the input does not say. */
      const float *v;
      gsize n;

      if (!tensor_floats (r, t, NULL, &v, &n))
        return FALSE;
      if (n <= 1 || n > PS_ONNX_MAX_UNITS)
        return unsupported (r, node, index, "the input width is not known");
      c->n_inputs = (guint) n;
    }
  if (c->shift == NULL)
    {
      c->shift = g_new0 (float, c->n_inputs);
      c->mul = g_new (float, c->n_inputs);
      for (guint i = 0; i < c->n_inputs; i++)
        c->mul[i] = 1.0f;
    }
  return TRUE;
}

static gboolean
read_node (Reader                *r,
           Chain                 *c,
           const Onnx__NodeProto *node,
           guint                  index,
           const char           **current)
{
  const char *op = str_or_empty (node->op_type);
  const Onnx__TensorProto *k = NULL;
  Layer *open = open_layer (c);
  g_autofree char *label = node_label (node, index);
  PsActivation act;

  if (node->domain != NULL && node->domain[0] != '\0' && strcmp (node->domain, "ai.onnx") != 0)
    return unsupported (r, node, index, "an operator of another domain");

  if (c->needs_flatten && strcmp (op, "Flatten") != 0 && strcmp (op, "Constant") != 0)
    return unsupported (r, node, index, "the input is an image [batch, 1, height, width]: "
                        "only Flatten may take it");
  if (c->pending_step)
    {
      gint64 to;

      if (strcmp (op, "Cast") != 0)
        return unsupported (r, node, index, "a Greater (step) must be followed by Cast to float");
      if (!chain_inputs (r, node, index, *current, 1, &k))
        return FALSE;
      if (!attr_int (node, "to", 0, &to) || to != ONNX_FLOAT)
        return unsupported (r, node, index, "a Greater (step) must be followed by Cast to float");
      c->pending_step = FALSE;
      open->act = PS_ACTIVATION_STEP;
      open->has_act = TRUE;
    }
  else if (strcmp (op, "Constant") == 0)
    return TRUE;    /* collected already */
  else if (strcmp (op, "Identity") == 0 || strcmp (op, "Dropout") == 0)
    {
      /* Identity is our linear activation; Dropout is one at inference. */
      if (!chain_inputs (r, node, index, *current, 1, &k))
        return FALSE;
      if (strcmp (op, "Identity") == 0 && open != NULL && !open->has_act)
        {
          open->act = PS_ACTIVATION_LINEAR;
          open->has_act = TRUE;
        }
    }
  else if (strcmp (op, "Flatten") == 0)
    {
      gint64 axis;

      if (!chain_inputs (r, node, index, *current, 1, &k))
        return FALSE;
      if (open != NULL || c->has_shift || c->has_mul)
        return unsupported (r, node, index, "Flatten only at the start of the graph");
      if (!attr_int (node, "axis", 1, &axis) || axis != 1)
        return unsupported (r, node, index, "only axis 1");
      c->needs_flatten = FALSE;
    }
  else if (strcmp (op, "Sub") == 0 || strcmp (op, "Mul") == 0 || strcmp (op, "Div") == 0)
    {
      gboolean sub = op[0] == 'S';
      g_autofree float *v = NULL;

      if (!chain_inputs (r, node, index, *current, 2, &k))
        return FALSE;
      /* The input scaling, x' = (x − shift) · mul, before the first layer:
       * one Sub (shift), then one Mul or Div (mul). */
      if (open != NULL || (sub && (c->has_shift || c->has_mul)) || (!sub && c->has_mul))
        return unsupported (r, node, index, "only as input scaling (Sub, then Mul or Div by "
                            "constants) before the first layer");
      if (sub && strcmp (str_or_empty (node->input[0]), *current) != 0)
        return unsupported (r, node, index, "only the input minus a constant");
      if (op[0] == 'D' && strcmp (str_or_empty (node->input[0]), *current) != 0)
        return unsupported (r, node, index, "only the input divided by a constant");
      if (!ensure_scaling (r, c, node, index, k))
        return FALSE;
      v = g_new (float, c->n_inputs);
      if (!vector_const (r, k, label, c->n_inputs, v))
        return FALSE;
      for (guint i = 0; i < c->n_inputs; i++)
        {
          if (sub)
            c->shift[i] = v[i];
          else if (op[0] == 'M')
            c->mul[i] = v[i];
          else if (v[i] == 0.0f)
            return fail (r, PS_ONNX_ERROR_INVALID, label, "division by zero");
          else
            c->mul[i] = 1.0f / v[i];
        }
      if (sub)
        c->has_shift = TRUE;
      else
        c->has_mul = TRUE;
    }
  else if (strcmp (op, "Gemm") == 0 || strcmp (op, "MatMul") == 0)
    {
      gboolean gemm = op[0] == 'G';
      gint64 trans_a = 0, trans_b = 0;
      float alpha = 1.0f, beta = 1.0f;
      const Onnx__TensorProto *wt, *bt = NULL;
      const float *w;
      gsize n;
      Layer layer = { 0 };
      const char *bad;

      if (gemm)
        {
          if ((bad = unknown_attr (node, "alpha", "beta", "transA", "transB", NULL)) != NULL)
            {
              g_autofree char *why = g_strdup_printf ("attribute '%s'", bad);
              return unsupported (r, node, index, why);
            }
          if (!attr_int (node, "transA", 0, &trans_a) || !attr_int (node, "transB", 0, &trans_b)
              || !attr_float (node, "alpha", 1.0f, &alpha) || !attr_float (node, "beta", 1.0f, &beta)
              || trans_a != 0 || (trans_b != 0 && trans_b != 1) || alpha != 1.0f || beta != 1.0f)
            return unsupported (r, node, index, "only alpha = beta = 1 and transA = 0");
          if (node->n_input < 2 || node->n_input > 3 || node->n_output != 1)
            return unsupported (r, node, index, "expected 2 or 3 inputs and one output");
        }
      else if (node->n_input != 2 || node->n_output != 1)
        return unsupported (r, node, index, "expected two inputs and one output");
      if (strcmp (str_or_empty (node->input[0]), *current) != 0)
        return unsupported (r, node, index, "the graph is not a chain of layers");
      if ((wt = lookup_const (r, node->input[1])) == NULL)
        return unsupported (r, node, index, "the weights are not a constant");
      if (node->n_input == 3 && (bt = lookup_const (r, node->input[2])) == NULL)
        return unsupported (r, node, index, "the bias is not a constant");
      if (!tensor_floats (r, wt, label, &w, &n))
        return FALSE;
      if (wt->n_dims != 2 || n == 0)
        return fail (r, PS_ONNX_ERROR_INVALID, label, "the weights '%s' are not a matrix",
                     str_or_empty (wt->name));
      layer.transposed = trans_b == 1;
      layer.inputs = (guint) MIN (wt->dims[trans_b ? 1 : 0], G_MAXUINT);
      layer.units = (guint) MIN (wt->dims[trans_b ? 0 : 1], G_MAXUINT);
      if (layer.inputs > PS_ONNX_MAX_UNITS || layer.units > PS_ONNX_MAX_UNITS)
        return fail (r, PS_ONNX_ERROR_INVALID, label, "the layer is too wide");
      if (open != NULL && !open->has_act)
        {
          open->act = PS_ACTIVATION_LINEAR;   /* a layer straight after a layer */
          open->has_act = TRUE;
        }
      if (open != NULL ? open->units != layer.inputs
                       : c->n_inputs != 0 && c->n_inputs != layer.inputs)
        return fail (r, PS_ONNX_ERROR_INVALID, label, "takes %u inputs, but gets %u",
                     layer.inputs, open != NULL ? open->units : c->n_inputs);
      if (c->n_inputs == 0)
        c->n_inputs = layer.inputs;
      layer.w = w;
      if (bt != NULL)
        {
          layer.b = g_new (float, layer.units);
          if (!vector_const (r, bt, label, layer.units, layer.b))
            {
              g_free (layer.b);
              return FALSE;
            }
        }
      g_array_append_val (c->layers, layer);
    }
  else if (strcmp (op, "Add") == 0)
    {
      if (!chain_inputs (r, node, index, *current, 2, &k))
        return FALSE;
      if (open == NULL || open->has_act || open->b != NULL)
        return unsupported (r, node, index, "only as the bias of a MatMul");
      open->b = g_new (float, open->units);
      if (!vector_const (r, k, label, open->units, open->b))
        return FALSE;
    }
  else if (strcmp (op, "Greater") == 0)
    {
      const float *v;
      gsize n;

      if (!chain_inputs (r, node, index, *current, 2, &k))
        return FALSE;
      if (open == NULL || open->has_act || strcmp (str_or_empty (node->input[0]), *current) != 0)
        return unsupported (r, node, index, "only as the step activation of a layer");
      if (!tensor_floats (r, k, label, &v, &n))
        return FALSE;
      if (n != 1 || v[0] != 0.0f)
        return unsupported (r, node, index, "only Greater than 0 (the step)");
      c->pending_step = TRUE;
    }
  else if (activation_for_op (op, &act))
    {
      if (!chain_inputs (r, node, index, *current, 1, &k))
        return FALSE;
      if (open == NULL || open->has_act)
        return unsupported (r, node, index, "an activation only after a Gemm or MatMul");
      if (act == PS_ACTIVATION_SOFTMAX)
        {
          gint64 axis;

          /* On [N, units], axis 1 and -1 are the same; opsets < 13 flatten
           * from axis 1 by default, which is the same on 2-D. */
          if (!attr_int (node, "axis", -1, &axis) || (axis != 1 && axis != -1))
            return unsupported (r, node, index, "only Softmax over axis 1");
        }
      open->act = act;
      open->has_act = TRUE;
    }
  else
    return unsupported (r, node, index, NULL);

  *current = node->output[0];
  return TRUE;
}

/* Our own metadata: loss, image shape, scaling kind, class names. */
static gboolean
read_metadata (Reader                 *r,
               const Onnx__ModelProto *model,
               PsNetwork              *net)
{
  for (gsize k = 0; k < model->n_metadata_props; k++)
    {
      const char *key = str_or_empty (model->metadata_props[k]->key);
      const char *value = str_or_empty (model->metadata_props[k]->value);

      if (!g_str_has_prefix (key, PS_ONNX_META_PREFIX))
        continue;
      key += strlen (PS_ONNX_META_PREFIX);
      if (strcmp (key, "loss") == 0)
        {
          PsLoss loss;

          if (!ps_loss_from_string (value, &loss) || !ps_network_check_loss (net, loss, NULL))
            return fail (r, PS_ONNX_ERROR_INVALID, "metadata " PS_ONNX_META_PREFIX "loss",
                         "unknown or unfit loss \"%s\"", value);
          net->loss = loss;
        }
      else if (strcmp (key, "input_shape") == 0)
        {
          guint h = 0, w = 0;
          char end;

          if (sscanf (value, "%u,%u%c", &h, &w, &end) != 2 || h == 0 || w == 0
              || (guint64) h * w != net->n_inputs)
            return fail (r, PS_ONNX_ERROR_INVALID, "metadata " PS_ONNX_META_PREFIX "input_shape",
                         "\"%s\" is not H,W of the %u inputs", value, net->n_inputs);
          ps_network_set_input_shape (net, h, w);
        }
      else if (strcmp (key, "scaling") == 0)
        {
          PsScaling kind;

          if (!ps_scaling_from_string (value, &kind) || kind == PS_SCALING_NONE)
            return fail (r, PS_ONNX_ERROR_INVALID, "metadata " PS_ONNX_META_PREFIX "scaling",
                         "unknown scaling \"%s\"", value);
          if (net->scale_shift != NULL)
            net->scaling = kind;
        }
      else if (strcmp (key, "classes") == 0)
        {
          g_autoptr (JsonParser) parser = json_parser_new_immutable ();
          JsonNode *root;
          JsonArray *array;
          g_auto (GStrv) classes = NULL;
          guint n;

          if (!ps_json_check (value, strlen (value), 2, "classes", NULL)
              || !json_parser_load_from_data (parser, value, -1, NULL)
              || (root = json_parser_get_root (parser)) == NULL
              || JSON_NODE_TYPE (root) != JSON_NODE_ARRAY)
            return fail (r, PS_ONNX_ERROR_INVALID, "metadata " PS_ONNX_META_PREFIX "classes",
                         "expected a JSON array of strings");
          array = json_node_get_array (root);
          n = json_array_get_length (array);
          classes = g_new0 (char *, n + 1);
          for (guint c = 0; c < n; c++)
            {
              JsonNode *item = json_array_get_element (array, c);

              if (JSON_NODE_TYPE (item) != JSON_NODE_VALUE
                  || json_node_get_value_type (item) != G_TYPE_STRING
                  || !g_utf8_validate (json_node_get_string (item), -1, NULL))
                return fail (r, PS_ONNX_ERROR_INVALID, "metadata " PS_ONNX_META_PREFIX "classes",
                             "item %u is not a string", c);
              classes[c] = g_strdup (json_node_get_string (item));
            }
          ps_network_set_classes (net, (const char *const *) classes);
        }
    }
  return TRUE;
}

static PsNetwork *
read_model (Reader                 *r,
            const Onnx__ModelProto *model)
{
  const Onnx__GraphProto *g = model->graph;
  g_autoptr (GArray) layers = g_array_new (FALSE, TRUE, sizeof (Layer));
  Chain c = { layers };
  const char *current;
  guint rank = 0;
  gint64 dims[4] = { 0 };
  guint shape[2] = { 0, 0 };
  g_autofree guint *units = NULL;
  g_autofree PsActivation *acts = NULL;
  PsNetwork *net = NULL;
  gsize n_params = 0;

  g_array_set_clear_func (layers, (GDestroyNotify) layer_clear);
  if (g == NULL)
    {
      fail (r, PS_ONNX_ERROR_INVALID, NULL, "no graph in the model");
      return NULL;
    }
  for (gsize k = 0; k < model->n_opset_import; k++)
    {
      const char *domain = str_or_empty (model->opset_import[k]->domain);

      if ((domain[0] == '\0' || strcmp (domain, "ai.onnx") == 0)
          && model->opset_import[k]->has_version && model->opset_import[k]->version < 6)
        {
          fail (r, PS_ONNX_ERROR_UNSUPPORTED, NULL, "opset %" G_GINT64_FORMAT " is too old (6 or later)",
                (gint64) model->opset_import[k]->version);
          return NULL;
        }
    }
  if (!collect_consts (r, g)
      || (current = graph_input (r, g, &rank, dims)) == NULL)
    goto out;
  if (rank == 2)
    c.n_inputs = (guint) dims[1];
  else if (rank > 2 && dims[rank - 1] > 0 && dims[rank - 2] > 0 && (rank == 3 || dims[1] == 1))
    {
      shape[0] = (guint) dims[rank - 2];
      shape[1] = (guint) dims[rank - 1];
      c.n_inputs = shape[0] * shape[1];
    }
  else if (rank > 2)
    {
      fail (r, PS_ONNX_ERROR_UNSUPPORTED, NULL, "input '%s': only [batch, features], "
            "[batch, height, width] or [batch, 1, height, width]", current);
      goto out;
    }
  c.needs_flatten = rank > 2;

  for (gsize k = 0; k < g->n_node; k++)
    if (!read_node (r, &c, g->node[k], k, &current))
      goto out;
  if (c.needs_flatten)
    {
      fail (r, PS_ONNX_ERROR_UNSUPPORTED, NULL, "the input is an image, and no Flatten takes it");
      goto out;
    }
  if (c.pending_step)
    {
      fail (r, PS_ONNX_ERROR_UNSUPPORTED, NULL, "the graph ends in a Greater without its Cast");
      goto out;
    }
  if (layers->len == 0)
    {
      fail (r, PS_ONNX_ERROR_UNSUPPORTED, NULL, "the graph has no Gemm or MatMul layer");
      goto out;
    }
  if (g->n_output != 1 || g_strcmp0 (g->output[0]->name, current) != 0)
    {
      fail (r, PS_ONNX_ERROR_UNSUPPORTED, NULL, "the graph's output is not the end of its chain "
            "of layers ('%s')", current);
      goto out;
    }

  units = g_new (guint, layers->len + 1);
  acts = g_new (PsActivation, layers->len);
  units[0] = c.n_inputs;
  for (guint l = 0; l < layers->len; l++)
    {
      const Layer *layer = &g_array_index (layers, Layer, l);

      units[l + 1] = layer->units;
      acts[l] = layer->has_act ? layer->act : PS_ACTIVATION_LINEAR;
      n_params += (gsize) layer->inputs * layer->units + layer->units;
      if (layer->units == 0 || n_params > PS_ONNX_MAX_PARAMS)
        {
          fail (r, PS_ONNX_ERROR_INVALID, NULL, "layer %u: %s", l,
                layer->units == 0 ? "no units" : "too many parameters");
          goto out;
        }
    }
  if (c.n_inputs == 0)
    {
      fail (r, PS_ONNX_ERROR_INVALID, NULL, "the graph has no inputs");
      goto out;
    }
  net = ps_network_new (units, acts, layers->len + 1);
  for (guint l = 0; l < layers->len; l++)
    {
      const Layer *layer = &g_array_index (layers, Layer, l);
      const PsLayer *pl = &net->layers[l];
      float *w = net->params + pl->w_offset;

      /* Ours is W (inputs × units), row-major; torch's Linear is (units ×
       * inputs), given as Gemm's B with transB = 1. */
      if (layer->transposed)
        for (guint i = 0; i < pl->inputs; i++)
          for (guint j = 0; j < pl->units; j++)
            w[(gsize) i * pl->units + j] = layer->w[(gsize) j * pl->inputs + i];
      else
        memcpy (w, layer->w, sizeof (float) * pl->inputs * pl->units);
      if (layer->b != NULL)
        memcpy (net->params + pl->b_offset, layer->b, sizeof (float) * pl->units);
    }
  if (!ps_network_is_finite (net))
    {
      fail (r, PS_ONNX_ERROR_INVALID, NULL, "the weights are not finite numbers");
      g_clear_pointer (&net, ps_network_free);
      goto out;
    }
  if (c.shift != NULL)
    {
      if (!all_finite (c.shift, c.n_inputs) || !all_finite (c.mul, c.n_inputs))
        {
          fail (r, PS_ONNX_ERROR_INVALID, NULL, "the input scaling is not finite");
          g_clear_pointer (&net, ps_network_free);
          goto out;
        }
      net->scaling = PS_SCALING_STANDARD;   /* a shift and a scale; the metadata may say which */
      net->scale_shift = g_steal_pointer (&c.shift);
      net->scale_mul = g_steal_pointer (&c.mul);
    }
  if (shape[0] > 0)
    ps_network_set_input_shape (net, shape[0], shape[1]);
  if (!read_metadata (r, model, net))
    g_clear_pointer (&net, ps_network_free);

out:
  g_free (c.shift);
  g_free (c.mul);
  return net;
}

/**
 * ps_onnx_sniff:
 *
 * Returns: TRUE when @data starts as an ONNX ModelProto does (field 1,
 *   ir_version, a varint: byte 0x08), never for JSON text
 */
gboolean
ps_onnx_sniff (const guint8 *data,
               gsize         len)
{
  return len >= 2 && data[0] == 0x08;
}

/**
 * ps_onnx_from_data:
 * @display_name: how messages name the source ("model.onnx")
 * @error: PS_ONNX_ERROR_PARSE, _UNSUPPORTED (naming the node and its op) or
 *   _INVALID, the message starting with @display_name
 *
 * Returns: (transfer full) (nullable): the network
 */
PsNetwork *
ps_onnx_from_data (const guint8  *data,
                   gsize          len,
                   const char    *display_name,
                   GError       **error)
{
  g_autoptr (GHashTable) consts = g_hash_table_new (g_str_hash, g_str_equal);
  Reader r = { display_name != NULL ? display_name : "model", error, consts };
  Onnx__ModelProto *model;
  PsNetwork *net;

  g_return_val_if_fail (data != NULL || len == 0, NULL);

  if (len == 0)
    {
      fail (&r, PS_ONNX_ERROR_PARSE, NULL, "empty file, expected an ONNX model");
      return NULL;
    }
  if (len > PS_ONNX_MAX)
    {
      fail (&r, PS_ONNX_ERROR_INVALID, NULL, "larger than the 256 MiB limit");
      return NULL;
    }
  if (!check_wire (data, len, r.file, error))
    return NULL;
  model = onnx__model_proto__unpack (NULL, len, data);
  if (model == NULL)
    {
      fail (&r, PS_ONNX_ERROR_PARSE, NULL, "not an ONNX model, or truncated");
      return NULL;
    }
  net = read_model (&r, model);
  onnx__model_proto__free_unpacked (model, NULL);
  return net;
}

/**
 * ps_onnx_load:
 * @error: PS_ONNX_ERROR_IO, _PARSE, _UNSUPPORTED or _INVALID, the message
 *   starting with the file name
 *
 * Reads a regular file of at most PS_ONNX_MAX bytes (never a device or a
 * FIFO).
 *
 * Returns: (transfer full) (nullable): the network
 */
PsNetwork *
ps_onnx_load (const char  *path,
              GError     **error)
{
  g_autofree char *data = NULL;
  g_autofree char *display = NULL;
  g_autoptr (GError) local = NULL;
  gsize len = 0;

  g_return_val_if_fail (path != NULL, NULL);

  display = g_filename_display_name (path);
  if (!ps_file_read_limited (path, PS_ONNX_MAX, &data, &len, &local))
    {
      g_set_error (error, PS_ONNX_ERROR, PS_ONNX_ERROR_IO,
                   "%s: cannot read the model: %s", display, local->message);
      return NULL;
    }
  return ps_onnx_from_data ((const guint8 *) data, len, display, error);
}
