/* ps-export.c: a model to PyTorch, Keras or ONNX
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The two Python exports are generated text: the layers, our weights inline
 * (written with the fewest digits that read back to the very same float32,
 * as model files are), the input scaling and, for Keras, compile(). ONNX is
 * ps-onnx.c's.
 */
#include "config.h"

#include "ps-export.h"

#include "ps-file.h"
#include "ps-model-file.h"
#include "ps-names.h"
#include "ps-onnx.h"

#include <gio/gio.h>
#include <math.h>
#include <string.h>

G_DEFINE_QUARK (ps-export-error-quark, ps_export_error)

const char *
ps_export_format_to_string (PsExportFormat format)
{
  return ps_enum_to_name (PS_ENUM_EXPORT_FORMAT, format);
}

gboolean
ps_export_format_from_string (const char     *s,
                              PsExportFormat *out)
{
  int v;

  if (!ps_enum_from_name (PS_ENUM_EXPORT_FORMAT, s, &v))
    return FALSE;
  if (out != NULL)
    *out = (PsExportFormat) v;
  return TRUE;
}

const char *
ps_export_format_extension (PsExportFormat format)
{
  return format == PS_EXPORT_ONNX ? ".onnx" : ".py";
}

/* ---- Python text ------------------------------------------------------ */


/* "[a, b, c]" */
static void
append_list (GString     *s,
             const float *v,
             gsize        n)
{
  g_string_append_c (s, '[');
  for (gsize i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append (s, ", ");
      ps_model_append_float (s, v[i]);
    }
  g_string_append_c (s, ']');
}

/* W as rows (one per input), each on its own line after @indent. */
static void
append_matrix (GString     *s,
               const float *w,
               guint        rows,
               guint        cols,
               const char  *indent)
{
  g_string_append_c (s, '[');
  for (guint i = 0; i < rows; i++)
    {
      if (i > 0)
        g_string_append_printf (s, ",\n%s ", indent);
      append_list (s, w + (gsize) i * cols, cols);
    }
  g_string_append_c (s, ']');
}

/* A Python string literal (the class names: any UTF-8). */
static void
append_py_string (GString    *s,
                  const char *str)
{
  g_string_append_c (s, '"');
  for (const char *p = str; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      if (c == '"' || c == '\\')
        g_string_append_printf (s, "\\%c", c);
      else if (c < 0x20 || c == 0x7f)
        g_string_append_printf (s, "\\x%02x", c);
      else
        g_string_append_c (s, (char) c);
    }
  g_string_append_c (s, '"');
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

/* Python has no literal for NaN or infinity, and such a model predicts
 * nothing: refused, as ps_model_save() refuses it. */
static gboolean
check_finite (const PsNetwork *net,
              GError         **error)
{
  if (!all_finite (net->params, net->n_params))
    {
      g_set_error (error, PS_EXPORT_ERROR, PS_EXPORT_ERROR_INVALID,
                   "the model has weights that are not finite numbers (a diverged run)");
      return FALSE;
    }
  if (net->scale_shift != NULL
      && (!all_finite (net->scale_shift, net->n_inputs) || !all_finite (net->scale_mul, net->n_inputs)))
    {
      g_set_error (error, PS_EXPORT_ERROR, PS_EXPORT_ERROR_INVALID,
                   "the model's input scaling has values that are not finite numbers");
      return FALSE;
    }
  return TRUE;
}

/* The docstring's first line and the facts both exports share. */
static void
append_header (GString         *s,
               const PsNetwork *net,
               const char      *what)
{
  g_autofree char *spec = ps_network_to_spec (net);

  g_string_append_printf (s, "#!/usr/bin/env python3\n"
                          "\"\"\"A Perceptron Studio model as %s: %s (loss %s).\n\n",
                          what, spec, ps_loss_to_string (net->loss));
}

/* INPUTS, INPUT_SHAPE, CLASSES, SHIFT and SCALE (lists, or None). */
static void
append_constants (GString         *s,
                  const PsNetwork *net)
{
  g_string_append_printf (s, "INPUTS = %u\n", net->n_inputs);
  if (net->input_shape[0] > 0 && net->input_shape[1] > 0)
    g_string_append_printf (s, "INPUT_SHAPE = (%u, %u)   # an image, fed as its %u pixels in a row\n",
                            net->input_shape[0], net->input_shape[1], net->n_inputs);
  else
    g_string_append (s, "INPUT_SHAPE = None\n");
  g_string_append_printf (s, "OUTPUTS = %u\n", ps_network_n_outputs (net));
  g_string_append (s, "CLASSES = ");
  if (net->classes != NULL)
    {
      g_string_append_c (s, '[');
      for (guint c = 0; net->classes[c] != NULL; c++)
        {
          if (c > 0)
            g_string_append (s, ", ");
          append_py_string (s, net->classes[c]);
        }
      g_string_append (s, "]\n");
    }
  else
    g_string_append (s, "None\n");

  if (net->scale_shift != NULL)
    {
      g_string_append_printf (s, "# The input scaling the model was trained with (\"%s\"): each raw\n"
                              "# feature is fed as (x - SHIFT[i]) * SCALE[i].\n",
                              ps_scaling_to_string (net->scaling));
      g_string_append (s, "SHIFT = ");
      append_list (s, net->scale_shift, net->n_inputs);
      g_string_append (s, "\nSCALE = ");
      append_list (s, net->scale_mul, net->n_inputs);
      g_string_append_c (s, '\n');
    }
  else
    g_string_append (s, "# The model was trained on its raw features: no input scaling.\n"
                        "SHIFT = None\nSCALE = None\n");
}

/* ---- PyTorch ---------------------------------------------------------- */

static const char *
torch_module (PsActivation act)
{
  switch (act)
    {
    case PS_ACTIVATION_STEP: return "Step()";
    case PS_ACTIVATION_LINEAR: return NULL;
    case PS_ACTIVATION_SIGMOID: return "nn.Sigmoid()";
    case PS_ACTIVATION_TANH: return "nn.Tanh()";
    case PS_ACTIVATION_RELU: return "nn.ReLU()";
    case PS_ACTIVATION_SOFTMAX: return "nn.Softmax(dim=-1)";
    default: g_return_val_if_reached (NULL);
    }
}

static gboolean
has_activation (const PsNetwork *net,
                PsActivation     act)
{
  for (guint l = 0; l < net->n_layers; l++)
    if (net->layers[l].activation == act)
      return TRUE;
  return FALSE;
}

/**
 * ps_export_pytorch_source:
 *
 * Returns: (transfer full) (nullable): the Python file's text
 */
char *
ps_export_pytorch_source (const PsNetwork *net,
                          GError         **error)
{
  g_autoptr(GString) s = NULL;

  g_return_val_if_fail (net != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_finite (net, error))
    return NULL;

  s = g_string_new (NULL);
  append_header (s, net, "PyTorch");
  g_string_append (s,
    "Written by `perceptron export --format pytorch`. `model` is a\n"
    "torch.nn.Sequential of Linear layers and their activations with the\n"
    "model's weights (float32). predict(x) takes raw features, applies the\n"
    "input scaling the model was trained with and returns the outputs that\n"
    "`perceptron predict` prints. As a script, it reads a CSV file of raw\n"
    "features (the first INPUTS columns of each line; a header line is\n"
    "skipped) and prints one line of outputs per sample, as `perceptron\n"
    "predict` does.\n"
    "\"\"\"\n\n"
    "import csv\n"
    "import sys\n\n"
    "import torch\n"
    "from torch import nn\n\n");
  append_constants (s, net);

  if (has_activation (net, PS_ACTIVATION_STEP))
    g_string_append (s,
      "\n\n"
      "class Step(nn.Module):\n"
      "    \"\"\"The perceptron's step: 1 where z > 0, else 0 (0 at z = 0 too).\n\n"
      "    Its gradient is 0: Perceptron Studio trains it with the delta rule\n"
      "    (taking the step's derivative as 1), which autograd does not do.\n"
      "    \"\"\"\n\n"
      "    def forward(self, z):\n"
      "        return (z > 0).to(z.dtype)\n");

  g_string_append (s, "\n\nmodel = nn.Sequential(\n");
  for (guint l = 0; l < net->n_layers; l++)
    {
      const PsLayer *layer = &net->layers[l];
      const char *module = torch_module (layer->activation);

      g_string_append_printf (s, "    nn.Linear(%u, %u),\n", layer->inputs, layer->units);
      if (module != NULL)
        g_string_append_printf (s, "    %s,\n", module);
    }
  g_string_append (s, ")\n\n");

  g_string_append (s,
    "# Each Linear's (W, b) as Perceptron Studio stores them: W is (inputs,\n"
    "# units), a layer computes f(x @ W + b). torch's Linear.weight is (units,\n"
    "# inputs), so W is loaded transposed.\n"
    "WEIGHTS = [\n");
  for (guint l = 0; l < net->n_layers; l++)
    {
      const PsLayer *layer = &net->layers[l];

      g_string_append_printf (s, "    # layer %u: W (%u x %u), b (%u)\n    (",
                              l + 1, layer->inputs, layer->units, layer->units);
      append_matrix (s, net->params + layer->w_offset, layer->inputs, layer->units, "     ");
      g_string_append (s, ",\n     ");
      append_list (s, net->params + layer->b_offset, layer->units);
      g_string_append (s, "),\n");
    }
  g_string_append (s, "]\n\n");

  g_string_append (s,
    "with torch.no_grad():\n"
    "    linears = [m for m in model if isinstance(m, nn.Linear)]\n"
    "    for linear, (w, b) in zip(linears, WEIGHTS):\n"
    "        linear.weight.copy_(torch.tensor(w, dtype=torch.float32).T)\n"
    "        linear.bias.copy_(torch.tensor(b, dtype=torch.float32))\n"
    "model.eval()\n\n\n"
    "def scale(x):\n"
    "    \"\"\"Raw features (n x INPUTS) as the model is fed them (float32).\"\"\"\n"
    "    # Features are float32, as Perceptron Studio reads them; the scaling is\n"
    "    # done in double and rounded to float32, as there.\n"
    "    x = torch.as_tensor(x, dtype=torch.float32).reshape(-1, INPUTS)\n"
    "    if SHIFT is None:\n"
    "        return x\n"
    "    shift = torch.tensor(SHIFT, dtype=torch.float32).double()\n"
    "    mul = torch.tensor(SCALE, dtype=torch.float32).double()\n"
    "    return ((x.double() - shift) * mul).float()\n\n\n"
    "def predict(x):\n"
    "    \"\"\"The outputs (a float32 tensor, n x OUTPUTS) for raw features x.\"\"\"\n"
    "    with torch.no_grad():\n"
    "        return model(scale(x))\n\n\n"
    "def read_features(path):\n"
    "    \"\"\"The first INPUTS columns of each line of a CSV file; a first line\n"
    "    that is not numbers (a header) is skipped.\"\"\"\n"
    "    rows = []\n"
    "    with open(path, newline='') as f:\n"
    "        for i, record in enumerate(csv.reader(f)):\n"
    "            if not record or not ''.join(record).strip():\n"
    "                continue\n"
    "            try:\n"
    "                row = [float(v) for v in record[:INPUTS]]\n"
    "            except ValueError:\n"
    "                if i == 0:\n"
    "                    continue\n"
    "                raise\n"
    "            if len(row) != INPUTS:\n"
    "                raise ValueError('line %d has %d columns, the model takes %d'\n"
    "                                 % (i + 1, len(row), INPUTS))\n"
    "            rows.append(row)\n"
    "    return rows\n\n\n"
    "if __name__ == '__main__':\n"
    "    if len(sys.argv) != 2:\n"
    "        sys.exit('usage: %s FEATURES.csv' % sys.argv[0])\n"
    "    for out in predict(read_features(sys.argv[1])).tolist():\n"
    "        print(','.join('%.6g' % v for v in out))\n");
  return g_string_free (g_steal_pointer (&s), FALSE);
}

/* ---- Keras ------------------------------------------------------------ */

static const char *
keras_activation (PsActivation act)
{
  switch (act)
    {
    case PS_ACTIVATION_STEP: return "step";          /* our function, below */
    case PS_ACTIVATION_LINEAR: return "'linear'";
    case PS_ACTIVATION_SIGMOID: return "'sigmoid'";
    case PS_ACTIVATION_TANH: return "'tanh'";
    case PS_ACTIVATION_RELU: return "'relu'";
    case PS_ACTIVATION_SOFTMAX: return "'softmax'";
    default: g_return_val_if_reached ("'linear'");
    }
}

/* compile()'s loss and metric for our loss. */
static void
append_keras_loss (GString         *s,
                   const PsNetwork *net)
{
  switch (net->loss)
    {
    case PS_LOSS_CROSS_ENTROPY:
      g_string_append (s,
        "        loss=tf.keras.losses.SparseCategoricalCrossentropy(),\n");
      break;
    case PS_LOSS_BINARY_CROSS_ENTROPY:
      g_string_append (s,
        "        loss=tf.keras.losses.BinaryCrossentropy(),\n");
      break;
    case PS_LOSS_MSE:
    default:
      g_string_append (s,
        "        loss=tf.keras.losses.MeanSquaredError(),\n");
      break;
    }
}

static void
append_keras_metric (GString         *s,
                     const PsNetwork *net)
{
  if (ps_network_n_outputs (net) > 1)
    g_string_append (s, net->loss == PS_LOSS_MSE
                        /* one-hot targets against the outputs */
                        ? "        metrics=[tf.keras.metrics.CategoricalAccuracy()],\n"
                        : "        metrics=[tf.keras.metrics.SparseCategoricalAccuracy()],\n");
  else
    g_string_append (s, "        metrics=[tf.keras.metrics.BinaryAccuracy()],\n");
}

static void
append_keras_optimizer (GString                 *s,
                        const PsOptimizerConfig *opt)
{
  char lr[G_ASCII_DTOSTR_BUF_SIZE], a[G_ASCII_DTOSTR_BUF_SIZE];
  char b[G_ASCII_DTOSTR_BUF_SIZE], c[G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_formatd (lr, sizeof lr, "%.9g", opt->lr);
  switch (opt->kind)
    {
    case PS_OPTIMIZER_MOMENTUM:
    case PS_OPTIMIZER_NESTEROV:
      g_ascii_formatd (a, sizeof a, "%.9g", opt->momentum);
      g_string_append_printf (s, "        optimizer=tf.keras.optimizers.SGD(learning_rate=%s, momentum=%s%s),\n",
                              lr, a, opt->kind == PS_OPTIMIZER_NESTEROV ? ", nesterov=True" : "");
      break;
    case PS_OPTIMIZER_ADAM:
      g_ascii_formatd (a, sizeof a, "%.9g", opt->beta1);
      g_ascii_formatd (b, sizeof b, "%.9g", opt->beta2);
      g_ascii_formatd (c, sizeof c, "%.9g", opt->epsilon);
      g_string_append_printf (s, "        optimizer=tf.keras.optimizers.Adam(learning_rate=%s, beta_1=%s, "
                              "beta_2=%s, epsilon=%s),\n", lr, a, b, c);
      break;
    case PS_OPTIMIZER_DELTA:
    case PS_OPTIMIZER_SGD:
    default:
      g_string_append_printf (s, "        optimizer=tf.keras.optimizers.SGD(learning_rate=%s),\n", lr);
      break;
    }
}

/* The one comment above compile() that says where its settings come from. */
static void
append_keras_settings_note (GString                 *s,
                            const PsNetwork         *net,
                            const PsOptimizerConfig *training)
{
  g_string_append_printf (s, "    # The loss is the model's (%s).", ps_loss_to_string (net->loss));
  if (training == NULL)
    g_string_append (s, " A model file stores no optimizer: SGD with\n"
                        "    # learning rate 0.01 is what `perceptron train` and the app use by\n"
                        "    # default.\n");
  else if (training->kind == PS_OPTIMIZER_DELTA)
    g_string_append (s, " The model was trained with the delta\n"
                        "    # rule, which is plain SGD on the summed squared error with the step's\n"
                        "    # derivative taken as 1; Keras has no such rule: SGD with its rate.\n");
  else
    g_string_append_printf (s, " Optimizer and learning rate are the\n"
                            "    # training settings it was exported with (%s).\n",
                            ps_optimizer_kind_to_string (training->kind));
  if (training != NULL && training->l2 > 0.0)
    g_string_append (s, "    # (Weight decay was on: add it as a kernel_regularizer if wanted.)\n");
  if (net->loss != PS_LOSS_CROSS_ENTROPY && ps_network_n_outputs (net) > 1)
    g_string_append (s, "    # Several outputs with this loss: fit() takes one-hot targets.\n");
}

/**
 * ps_export_keras_source:
 *
 * Returns: (transfer full) (nullable): the Python file's text
 */
char *
ps_export_keras_source (const PsNetwork         *net,
                        const PsOptimizerConfig *training,
                        GError                 **error)
{
  g_autoptr(GString) s = NULL;
  gboolean image;
  PsOptimizerConfig defaults;

  g_return_val_if_fail (net != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_finite (net, error))
    return NULL;

  image = net->input_shape[0] > 0 && net->input_shape[1] > 0;
  ps_optimizer_config_init (&defaults, PS_OPTIMIZER_SGD);

  s = g_string_new (NULL);
  append_header (s, net, "Keras");
  g_string_append (s,
    "Written by `perceptron export --format keras`. It builds the model in\n"
    "the notebook's two forms, the Sequential API (`model`) and the\n"
    "functional API with Input and Dense (`functional_model`); each gets the\n"
    "model's weights through set_weights() and is compiled with the loss,\n"
    "optimizer and learning rate below. predict(m, x) takes raw features and\n"
    "applies the input scaling the model was trained with.\n"
    "\"\"\"\n\n"
    "import numpy as np\n"
    "import tensorflow as tf\n\n");
  append_constants (s, net);

  g_string_append (s,
    "\n# set_weights() takes kernel, bias for each Dense layer in turn. Keras'\n"
    "# kernel is (inputs, units), as Perceptron Studio's W: no transposing.\n"
    "WEIGHTS = [\n");
  for (guint l = 0; l < net->n_layers; l++)
    {
      const PsLayer *layer = &net->layers[l];

      g_string_append_printf (s, "    # layer %u: kernel (%u x %u), bias (%u)\n    np.array(",
                              l + 1, layer->inputs, layer->units, layer->units);
      append_matrix (s, net->params + layer->w_offset, layer->inputs, layer->units, "             ");
      g_string_append (s, ", dtype=np.float32),\n    np.array(");
      append_list (s, net->params + layer->b_offset, layer->units);
      g_string_append (s, ", dtype=np.float32),\n");
    }
  g_string_append (s, "]\n");

  if (has_activation (net, PS_ACTIVATION_STEP))
    g_string_append (s,
      "\n\n"
      "def step(z):\n"
      "    \"\"\"The perceptron's step: 1 where z > 0, else 0 (0 at z = 0 too).\n\n"
      "    Keras has no step activation. Its gradient is 0, so fit() does not\n"
      "    change the layers before it: Perceptron Studio trains it with the\n"
      "    delta rule, which takes the step's derivative as 1.\n"
      "    \"\"\"\n"
      "    return tf.cast(z > 0, z.dtype)\n");

  g_string_append (s, "\n\ndef compile_model(m):\n");
  append_keras_settings_note (s, net, training);
  g_string_append (s, "    m.compile(\n");
  append_keras_loss (s, net);
  append_keras_optimizer (s, training != NULL ? training : &defaults);
  append_keras_metric (s, net);
  g_string_append (s, "    )\n\n\n");

  /* 1. Sequential, as the notebook writes it */
  g_string_append (s, "# 1. The Sequential API\n"
                      "model = tf.keras.models.Sequential([\n");
  if (image)
    g_string_append_printf (s, "    tf.keras.layers.Flatten(input_shape=(%u, %u)),\n",
                            net->input_shape[0], net->input_shape[1]);
  for (guint l = 0; l < net->n_layers; l++)
    {
      const PsLayer *layer = &net->layers[l];

      g_string_append_printf (s, "    tf.keras.layers.Dense(%u, activation=%s", layer->units,
                              keras_activation (layer->activation));
      if (l == 0 && !image)
        g_string_append_printf (s, ", input_shape=[%u,]", net->n_inputs);
      g_string_append (s, "),\n");
    }
  g_string_append (s, "])\n"
                      "model.set_weights(WEIGHTS)\n"
                      "compile_model(model)\n\n");

  /* 2. the functional API */
  g_string_append (s, "# 2. The functional API\n");
  if (image)
    g_string_append_printf (s, "input_layer = tf.keras.layers.Input(shape=(%u, %u))\n"
                            "flatten = tf.keras.layers.Flatten()(input_layer)\n",
                            net->input_shape[0], net->input_shape[1]);
  else
    g_string_append_printf (s, "input_layer = tf.keras.layers.Input(shape=(%u,))\n", net->n_inputs);
  for (guint l = 0; l < net->n_layers; l++)
    {
      const PsLayer *layer = &net->layers[l];
      g_autofree char *from = NULL;
      g_autofree char *name = NULL;

      if (l == 0)
        from = g_strdup (image ? "flatten" : "input_layer");
      else
        from = g_strdup_printf ("hidden_%u", l);
      name = l + 1 == net->n_layers ? g_strdup ("output_layer") : g_strdup_printf ("hidden_%u", l + 1);
      g_string_append_printf (s, "%s = tf.keras.layers.Dense(%u, activation=%s)(%s)\n",
                              name, layer->units, keras_activation (layer->activation), from);
    }
  g_string_append (s,
    "functional_model = tf.keras.models.Model(inputs=input_layer, outputs=output_layer)\n"
    "functional_model.set_weights(WEIGHTS)\n"
    "compile_model(functional_model)\n\n\n"
    "def scale(x):\n"
    "    \"\"\"Raw features (n x INPUTS) as the model is fed them (float32).\"\"\"\n"
    "    x = np.asarray(x, dtype=np.float32).reshape(-1, INPUTS)\n"
    "    if SHIFT is not None:\n"
    "        # In double, rounded to float32, as Perceptron Studio scales them.\n"
    "        shift = np.asarray(SHIFT, dtype=np.float32).astype(np.float64)\n"
    "        mul = np.asarray(SCALE, dtype=np.float32).astype(np.float64)\n"
    "        x = ((x.astype(np.float64) - shift) * mul).astype(np.float32)\n"
    "    if INPUT_SHAPE is not None:\n"
    "        x = x.reshape((-1,) + INPUT_SHAPE)\n"
    "    return x\n\n\n"
    "def predict(m, x):\n"
    "    \"\"\"The outputs of m (n x OUTPUTS) for raw features x.\"\"\"\n"
    "    return m.predict(scale(x), verbose=0)\n\n\n"
    "if __name__ == '__main__':\n"
    "    model.summary()\n"
    "    functional_model.summary()\n");
  return g_string_free (g_steal_pointer (&s), FALSE);
}

/* ---- writing ---------------------------------------------------------- */

/**
 * ps_export_model_full:
 * @net: the model (not modified)
 * @format: what to write
 * @training: (nullable): the optimizer settings for Keras' compile()
 * @path: the file to write (through symlinks; a device is written in place)
 * @error: PS_EXPORT_ERROR_INVALID for weights that are not finite,
 *   PS_EXPORT_ERROR_IO when the file cannot be written, or PS_ONNX_ERROR;
 *   the message starts with the file's name
 *
 * Returns: TRUE when the file is written; on failure an existing file at
 *   @path is left as it was
 */
gboolean
ps_export_model_full (const PsNetwork         *net,
                      PsExportFormat           format,
                      const PsOptimizerConfig *training,
                      const char              *path,
                      GError                 **error)
{
  g_autofree char *text = NULL;
  g_autofree char *display = NULL;
  g_autoptr(GError) local = NULL;

  g_return_val_if_fail (net != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  switch (format)
    {
    case PS_EXPORT_PYTORCH:
      text = ps_export_pytorch_source (net, &local);
      break;
    case PS_EXPORT_KERAS:
      text = ps_export_keras_source (net, training, &local);
      break;
    case PS_EXPORT_ONNX:
      return ps_onnx_save (net, path, error);   /* its messages name the file */
    default:
      g_return_val_if_reached (FALSE);
    }

  display = g_filename_display_name (path);
  if (text == NULL)
    {
      g_set_error (error, PS_EXPORT_ERROR, local->code, "%s: not exported: %s",
                   display, local->message);
      return FALSE;
    }
  if (!ps_file_write (path, text, strlen (text), 0644, &local))
    {
      g_set_error (error, PS_EXPORT_ERROR, PS_EXPORT_ERROR_IO,
                   "%s: cannot export the model: %s", display, local->message);
      return FALSE;
    }
  return TRUE;
}

/**
 * ps_export_model:
 *
 * ps_export_model_full() with no training settings (Keras' compile() gets
 * the defaults the CLI trains with).
 */
gboolean
ps_export_model (const PsNetwork *net,
                 PsExportFormat   format,
                 const char      *path,
                 GError         **error)
{
  return ps_export_model_full (net, format, NULL, path, error);
}
