/* ps-network.c: a stack of dense layers over one flat parameter buffer
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every layer computes Y = f(X·W + b): X (batch × inputs), W (inputs × units),
 * b (units), Y (batch × units), all row-major floats. The forward and backward
 * passes are the plain functions below (outputs first, inputs const, sizes
 * last); the GEMMs go through ps_gemm(), bias and activation are fused into
 * one pass after it, the loss gradient into one pass over the outputs.
 */
#include "config.h"

#include "ps-network.h"

#include <float.h>
#include <math.h>
#include <string.h>

#include "ps-gemm.h"
#include "ps-network-private.h"

G_DEFINE_QUARK (ps-network-error-quark, ps_network_error)

/* Sizes the engine accepts: GEMM dimensions are ints, and nobody trains a
 * layer wider than this on a desktop. */
#define PS_MAX_UNITS    (1u << 20)
#define PS_MAX_PARAMS   ((gsize) 1 << 30)
/* Rows per pass when predicting/evaluating: bounds scratch memory. */
#define PS_PREDICT_CHUNK 256

struct _PsWorkspace
{
  gsize   max_batch;
  guint   n_layers;
  guint   max_width;
  float **act;       /* n_layers: max_batch × units of each layer */
  float  *delta[2];  /* ping-pong: max_batch × max_width */
  float  *block;     /* the one allocation behind all of the above */
};

/* ---- construction ----------------------------------------------------- */

/**
 * ps_network_new:
 * @units: n_sizes widths; units[0] is the input width
 * @activations: n_sizes − 1 activations, one per layer
 * @n_sizes: at least 2
 *
 * Parameters are zero: call ps_network_init(). The loss defaults to
 * cross-entropy for a softmax output, MSE otherwise.
 *
 * Returns: (transfer full): a new network, free with ps_network_free()
 */
PsNetwork *
ps_network_new (const guint        *units,
                const PsActivation *activations,
                guint               n_sizes)
{
  PsNetwork *self;
  gsize offset = 0;

  g_return_val_if_fail (units != NULL, NULL);
  g_return_val_if_fail (activations != NULL, NULL);
  g_return_val_if_fail (n_sizes >= 2, NULL);

  self = g_new0 (PsNetwork, 1);
  self->n_inputs = units[0];
  self->n_layers = n_sizes - 1;
  self->layers = g_new0 (PsLayer, self->n_layers);
  for (guint l = 0; l < self->n_layers; l++)
    {
      PsLayer *layer = &self->layers[l];

      g_return_val_if_fail (units[l] > 0 && units[l + 1] > 0, NULL);
      layer->inputs = units[l];
      layer->units = units[l + 1];
      layer->activation = activations[l];
      layer->w_offset = offset;
      offset += (gsize) layer->inputs * layer->units;
      layer->b_offset = offset;
      offset += layer->units;
    }
  self->n_params = offset;
  self->params = g_new0 (float, offset);
  self->loss = activations[n_sizes - 2] == PS_ACTIVATION_SOFTMAX
               ? PS_LOSS_CROSS_ENTROPY : PS_LOSS_MSE;
  return self;
}

static gboolean
parse_uint (const char *s,
            guint64    *out)
{
  char *end = NULL;

  if (*s == '\0' || !g_ascii_isdigit (*s))
    return FALSE;
  *out = g_ascii_strtoull (s, &end, 10);
  return end != NULL && *end == '\0';
}

/**
 * ps_network_new_from_spec:
 * @spec: "2,3:sigmoid,1:sigmoid": the input width, then each layer's units
 *   with an optional activation
 * @error: PS_NETWORK_ERROR_SPEC naming the bad token
 *
 * Returns: (transfer full) (nullable): a network with zero parameters
 */
PsNetwork *
ps_network_new_from_spec (const char  *spec,
                          GError     **error)
{
  g_auto (GStrv) tokens = NULL;
  g_autofree guint *units = NULL;
  g_autofree PsActivation *acts = NULL;
  g_autofree gboolean *explicit_act = NULL;
  guint n = 0;
  gsize n_params = 0;

  g_return_val_if_fail (spec != NULL, NULL);

  tokens = g_strsplit (spec, ",", -1);
  n = g_strv_length (tokens);
  if (n < 2)
    {
      g_set_error (error, PS_NETWORK_ERROR, PS_NETWORK_ERROR_SPEC,
                   "layers '%s': expected the input width and at least one layer, "
                   "e.g. '2,3:sigmoid,1:sigmoid'", spec);
      return NULL;
    }

  units = g_new0 (guint, n);
  acts = g_new0 (PsActivation, n);
  explicit_act = g_new0 (gboolean, n);
  for (guint i = 0; i < n; i++)
    {
      char *token = g_strstrip (tokens[i]);
      char *colon = strchr (token, ':');
      guint64 value = 0;

      if (*token == '\0')
        {
          g_set_error (error, PS_NETWORK_ERROR, PS_NETWORK_ERROR_SPEC,
                       "layers '%s': item %u is empty", spec, i + 1);
          return NULL;
        }
      if (colon != NULL)
        {
          char *name = g_strstrip (colon + 1);

          *colon = '\0';
          g_strstrip (token);
          if (i == 0)
            {
              g_set_error (error, PS_NETWORK_ERROR, PS_NETWORK_ERROR_SPEC,
                           "layers '%s': the first item '%s:%s' is the input width "
                           "and takes no activation", spec, token, name);
              return NULL;
            }
          if (!ps_activation_from_string (name, &acts[i]))
            {
              g_set_error (error, PS_NETWORK_ERROR, PS_NETWORK_ERROR_SPEC,
                           "layers '%s': unknown activation '%s' in '%s:%s' "
                           "(expected step, linear, sigmoid, tanh, relu or softmax)",
                           spec, name, token, name);
              return NULL;
            }
          explicit_act[i] = TRUE;
        }
      if (!parse_uint (token, &value) || value == 0 || value > PS_MAX_UNITS)
        {
          g_set_error (error, PS_NETWORK_ERROR, PS_NETWORK_ERROR_SPEC,
                       "layers '%s': '%s' is not a number of units "
                       "(a whole number from 1 to %u)", spec, token, PS_MAX_UNITS);
          return NULL;
        }
      units[i] = (guint) value;
      if (i > 0)
        {
          n_params += (gsize) units[i - 1] * units[i] + units[i];
          if (n_params > PS_MAX_PARAMS)
            {
              g_set_error (error, PS_NETWORK_ERROR, PS_NETWORK_ERROR_SPEC,
                           "layers '%s': too many parameters (more than %" G_GSIZE_FORMAT ")",
                           spec, PS_MAX_PARAMS);
              return NULL;
            }
        }
    }

  for (guint i = 1; i < n; i++)
    if (!explicit_act[i])
      acts[i] = (i == n - 1 && units[i] > 1) ? PS_ACTIVATION_SOFTMAX : PS_ACTIVATION_SIGMOID;

  return ps_network_new (units, acts + 1, n);
}

/**
 * ps_network_copy:
 *
 * Returns: (transfer full): a deep copy (parameters, classes, shape)
 */
PsNetwork *
ps_network_copy (const PsNetwork *self)
{
  PsNetwork *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_new0 (PsNetwork, 1);
  *copy = *self;
  copy->layers = g_memdup2 (self->layers, sizeof (PsLayer) * self->n_layers);
  copy->params = g_memdup2 (self->params, sizeof (float) * self->n_params);
  copy->classes = g_strdupv (self->classes);
  if (self->scale_shift != NULL)
    {
      copy->scale_shift = g_memdup2 (self->scale_shift, sizeof (float) * self->n_inputs);
      copy->scale_mul = g_memdup2 (self->scale_mul, sizeof (float) * self->n_inputs);
    }
  return copy;
}

void
ps_network_take_scaling (PsNetwork       *self,
                         const PsDataset *data)
{
  const float *shift;

  g_return_if_fail (self != NULL && data != NULL);
  g_return_if_fail (ps_dataset_get_n_features (data) == self->n_inputs);

  g_clear_pointer (&self->scale_shift, g_free);
  g_clear_pointer (&self->scale_mul, g_free);
  shift = ps_dataset_get_scale_shift (data);
  self->scaling = shift != NULL ? ps_dataset_get_scaling (data) : PS_SCALING_NONE;
  if (shift == NULL)
    return;
  self->scale_shift = g_memdup2 (shift, sizeof (float) * self->n_inputs);
  self->scale_mul = g_memdup2 (ps_dataset_get_scale_mul (data), sizeof (float) * self->n_inputs);
}

void
ps_network_scale_dataset (const PsNetwork *self,
                          PsDataset       *data)
{
  g_return_if_fail (self != NULL && data != NULL);
  g_return_if_fail (ps_dataset_get_n_features (data) == self->n_inputs);

  ps_dataset_set_scaling_params (data, self->scale_shift != NULL ? self->scaling : PS_SCALING_NONE,
                                 self->scale_shift, self->scale_mul);
}

void
ps_network_free (PsNetwork *self)
{
  if (self == NULL)
    return;
  g_free (self->layers);
  g_free (self->params);
  g_strfreev (self->classes);
  g_free (self->scale_shift);
  g_free (self->scale_mul);
  g_free (self);
}

/**
 * ps_network_to_spec:
 *
 * Returns: (transfer full): "784,128:relu,10:softmax", activations explicit
 */
char *
ps_network_to_spec (const PsNetwork *self)
{
  GString *s;

  g_return_val_if_fail (self != NULL, NULL);

  s = g_string_new (NULL);
  g_string_append_printf (s, "%u", self->n_inputs);
  for (guint l = 0; l < self->n_layers; l++)
    g_string_append_printf (s, ",%u:%s", self->layers[l].units,
                            ps_activation_to_string (self->layers[l].activation));
  return g_string_free (s, FALSE);
}

/**
 * ps_network_set_classes:
 * @classes: (nullable): class names + NULL; copied
 */
void
ps_network_set_classes (PsNetwork         *self,
                        const char *const *classes)
{
  g_return_if_fail (self != NULL);

  g_strfreev (self->classes);
  self->classes = g_strdupv ((char **) classes);
}

void
ps_network_set_loss (PsNetwork *self,
                     PsLoss     loss)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail ((guint) loss <= PS_LOSS_BINARY_CROSS_ENTROPY);

  self->loss = loss;
}

void
ps_network_set_input_shape (PsNetwork *self,
                            guint      height,
                            guint      width)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail ((height == 0 && width == 0) || (gsize) height * width == self->n_inputs);

  self->input_shape[0] = height;
  self->input_shape[1] = width;
}

void
ps_network_adopt_dataset (PsNetwork       *self,
                          const PsDataset *data)
{
  guint width, height;

  g_return_if_fail (self != NULL);
  g_return_if_fail (data != NULL);

  width = ps_dataset_get_image_width (data);
  height = ps_dataset_get_image_height (data);
  if (self->classes == NULL && ps_dataset_get_class_names (data) != NULL)
    ps_network_set_classes (self, ps_dataset_get_class_names (data));
  if (self->input_shape[0] == 0 && width > 0
      && (gsize) width * height == self->n_inputs)
    ps_network_set_input_shape (self, height, width);
}

/**
 * ps_network_init:
 * @init: notebook U(−0.5, 0.5) for W and b; Glorot or He uniform with zero b
 * @rng: the stream to draw from; layers in order, W row-major then b
 */
void
ps_network_init (PsNetwork *self,
                 PsInit     init,
                 PsRng     *rng)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (rng != NULL);

  for (guint l = 0; l < self->n_layers; l++)
    {
      const PsLayer *layer = &self->layers[l];
      float *w = self->params + layer->w_offset;
      float *b = self->params + layer->b_offset;
      gsize n_w = (gsize) layer->inputs * layer->units;
      double limit;

      switch (init)
        {
        case PS_INIT_NOTEBOOK:
          for (gsize i = 0; i < n_w; i++)
            w[i] = (float) ps_rng_range (rng, -0.5, 0.5);
          for (guint j = 0; j < layer->units; j++)
            b[j] = (float) ps_rng_range (rng, -0.5, 0.5);
          break;

        case PS_INIT_GLOROT:
        case PS_INIT_HE:
          limit = init == PS_INIT_GLOROT
                  ? sqrt (6.0 / ((double) layer->inputs + layer->units))
                  : sqrt (6.0 / (double) layer->inputs);
          for (gsize i = 0; i < n_w; i++)
            w[i] = (float) ps_rng_range (rng, -limit, limit);
          memset (b, 0, sizeof (float) * layer->units);
          break;

        default:
          g_return_if_reached ();
        }
    }
}

guint
ps_network_n_outputs (const PsNetwork *self)
{
  g_return_val_if_fail (self != NULL && self->n_layers > 0, 0);
  return self->layers[self->n_layers - 1].units;
}

guint
ps_network_max_width (const PsNetwork *self)
{
  guint width;

  g_return_val_if_fail (self != NULL, 0);

  width = self->n_inputs;
  for (guint l = 0; l < self->n_layers; l++)
    width = MAX (width, self->layers[l].units);
  return width;
}

/**
 * ps_network_check_dataset:
 * @error: PS_NETWORK_ERROR_MISMATCH saying what does not fit
 *
 * The inputs must match the features; one output unit takes labels 0/1, several
 * take class indices below their count.
 */
gboolean
ps_network_check_dataset (const PsNetwork  *self,
                          const PsDataset  *data,
                          GError          **error)
{
  const char *name;
  const guint32 *labels;
  gsize n_samples;
  guint n_out, n_classes;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (data != NULL, FALSE);

  n_out = ps_network_n_outputs (self);
  name = ps_dataset_get_name (data);
  labels = ps_dataset_get_labels (data);
  n_samples = ps_dataset_get_n_samples (data);
  n_classes = ps_dataset_get_n_classes (data);
  if (ps_dataset_get_n_features (data) != self->n_inputs)
    {
      g_set_error (error, PS_NETWORK_ERROR, PS_NETWORK_ERROR_MISMATCH,
                   "the network takes %u inputs but the dataset '%s' has %" G_GSIZE_FORMAT
                   " features", self->n_inputs, name, ps_dataset_get_n_features (data));
      return FALSE;
    }
  if (n_out == 1 && n_classes > 2)
    {
      g_set_error (error, PS_NETWORK_ERROR, PS_NETWORK_ERROR_MISMATCH,
                   "the network has 1 output unit (two classes, 0 and 1) but the dataset "
                   "'%s' has %u classes: use %u output units", name, n_classes,
                   n_classes);
      return FALSE;
    }
  if (n_out > 1 && n_classes > n_out)
    {
      g_set_error (error, PS_NETWORK_ERROR, PS_NETWORK_ERROR_MISMATCH,
                   "the network has %u output units but the dataset '%s' has %u classes",
                   n_out, name, n_classes);
      return FALSE;
    }
  for (gsize i = 0; i < n_samples; i++)
    if (labels[i] >= MAX (n_out, 2u))
      {
        g_set_error (error, PS_NETWORK_ERROR, PS_NETWORK_ERROR_MISMATCH,
                     "sample %" G_GSIZE_FORMAT " of '%s' has label %u, which %u output "
                     "unit(s) cannot represent", i + 1, name, labels[i], n_out);
        return FALSE;
      }
  return TRUE;
}

/**
 * ps_network_check_loss:
 * @error: PS_NETWORK_ERROR_SPEC explaining the mismatch
 *
 * Cross-entropy needs a softmax output of at least 2 units; binary
 * cross-entropy needs outputs in (0, 1): sigmoid or softmax. MSE fits all.
 */
gboolean
ps_network_check_loss (const PsNetwork  *self,
                       PsLoss            loss,
                       GError          **error)
{
  const PsLayer *last;

  g_return_val_if_fail (self != NULL, FALSE);

  last = &self->layers[self->n_layers - 1];
  switch (loss)
    {
    case PS_LOSS_MSE:
      return TRUE;

    case PS_LOSS_CROSS_ENTROPY:
      if (last->activation == PS_ACTIVATION_SOFTMAX && last->units >= 2)
        return TRUE;
      g_set_error (error, PS_NETWORK_ERROR, PS_NETWORK_ERROR_SPEC,
                   "cross-entropy needs a softmax output layer of 2 or more units, "
                   "but the last layer is %u:%s (use binary-cross-entropy or mse)",
                   last->units, ps_activation_to_string (last->activation));
      return FALSE;

    case PS_LOSS_BINARY_CROSS_ENTROPY:
      if (last->activation == PS_ACTIVATION_SIGMOID
          || last->activation == PS_ACTIVATION_SOFTMAX)
        return TRUE;
      g_set_error (error, PS_NETWORK_ERROR, PS_NETWORK_ERROR_SPEC,
                   "binary-cross-entropy needs sigmoid (or softmax) outputs, "
                   "but the last layer is %u:%s",
                   last->units, ps_activation_to_string (last->activation));
      return FALSE;

    default:
      g_return_val_if_reached (FALSE);
    }
}

gboolean
ps_network_is_finite (const PsNetwork *self)
{
  const float *p;
  float acc = 0.0f;

  g_return_val_if_fail (self != NULL, FALSE);

  /* Any NaN or Inf makes 0·x NaN: one branch-free pass. */
  p = self->params;
  for (gsize i = 0; i < self->n_params; i++)
    acc += 0.0f * p[i];
  return acc == 0.0f;
}

/* ---- the layer functions ---------------------------------------------- */

/* y (batch × units, row stride ldy) = f(y + b): bias and activation in one
 * pass over the GEMM's result. Softmax needs whole rows (units = the layer's
 * width); the others may run on any range of columns. */
void
ps_network_bias_activation (float        *y,
                            gsize         ldy,
                            const float  *b,
                            PsActivation  act,
                            gsize         batch,
                            guint         units)
{
  for (gsize r = 0; r < batch; r++)
    {
      float *row = y + r * ldy;

      switch (act)
        {
        case PS_ACTIVATION_STEP:
          for (guint j = 0; j < units; j++)
            row[j] = row[j] + b[j] > 0.0f ? 1.0f : 0.0f;
          break;

        case PS_ACTIVATION_LINEAR:
          for (guint j = 0; j < units; j++)
            row[j] += b[j];
          break;

        case PS_ACTIVATION_SIGMOID:
          for (guint j = 0; j < units; j++)
            row[j] = 1.0f / (1.0f + expf (-(row[j] + b[j])));
          break;

        case PS_ACTIVATION_TANH:
          for (guint j = 0; j < units; j++)
            row[j] = tanhf (row[j] + b[j]);
          break;

        case PS_ACTIVATION_RELU:
          for (guint j = 0; j < units; j++)
            {
              float z = row[j] + b[j];
              row[j] = z > 0.0f ? z : 0.0f;
            }
          break;

        case PS_ACTIVATION_SOFTMAX:
          {
            float max = -INFINITY, sum = 0.0f, inv;

            for (guint j = 0; j < units; j++)
              {
                row[j] += b[j];
                max = MAX (max, row[j]);
              }
            for (guint j = 0; j < units; j++)
              {
                row[j] = expf (row[j] - max);
                sum += row[j];
              }
            inv = 1.0f / sum;
            for (guint j = 0; j < units; j++)
              row[j] *= inv;
          }
          break;

        default:
          g_assert_not_reached ();
        }
    }
}

/* Forward of one dense layer.
 * y (batch × units) = f(x (batch × inputs) · w (inputs × units) + b (units)) */
static void
dense_forward (float        *y,
               const float  *x,
               const float  *w,
               const float  *b,
               PsActivation  act,
               gsize         batch,
               guint         inputs,
               guint         units)
{
  ps_gemm (FALSE, FALSE, (int) batch, (int) units, (int) inputs,
           1.0f, x, (int) inputs, w, (int) units, 0.0f, y, (int) units);
  ps_network_bias_activation (y, units, b, act, batch, units);
}

/* d (batch × units): dL/dy in, dL/dz out, given the layer's outputs y.
 * Derivatives are taken from y: σ' = y(1 − y), tanh' = 1 − y², relu' = [y > 0];
 * step's is 1 (the perceptron's delta rule). */
void
ps_network_activation_backward (float        *d,
                     const float  *y,
                     PsActivation  act,
                     gsize         batch,
                     guint         units)
{
  gsize n = batch * units;

  switch (act)
    {
    case PS_ACTIVATION_STEP:
    case PS_ACTIVATION_LINEAR:
      break;

    case PS_ACTIVATION_SIGMOID:
      for (gsize i = 0; i < n; i++)
        d[i] *= y[i] * (1.0f - y[i]);
      break;

    case PS_ACTIVATION_TANH:
      for (gsize i = 0; i < n; i++)
        d[i] *= 1.0f - y[i] * y[i];
      break;

    case PS_ACTIVATION_RELU:
      for (gsize i = 0; i < n; i++)
        d[i] = y[i] > 0.0f ? d[i] : 0.0f;
      break;

    case PS_ACTIVATION_SOFTMAX:
      /* dz_j = y_j (d_j − Σ_k d_k y_k) */
      for (gsize r = 0; r < batch; r++)
        {
          float *dr = d + r * units;
          const float *yr = y + r * units;
          float dot = 0.0f;

          for (guint j = 0; j < units; j++)
            dot += dr[j] * yr[j];
          for (guint j = 0; j < units; j++)
            dr[j] = yr[j] * (dr[j] - dot);
        }
      break;

    default:
      g_assert_not_reached ();
    }
}

/* Backward of one dense layer: parameter gradients from dz, and (when dx is
 * not NULL) dL/dx for the layer below.
 * gw (inputs × units) (+)= xᵀ · dz ; gb (units) (+)= Σ_rows dz ;
 * dx (batch × inputs) = dz (batch × units) · wᵀ */
static void
dense_backward (float       *gw,
                float       *gb,
                float       *dx,
                const float *dz,
                const float *x,
                const float *w,
                gboolean     accumulate,
                gsize        batch,
                guint        inputs,
                guint        units)
{
  ps_gemm (TRUE, FALSE, (int) inputs, (int) units, (int) batch,
           1.0f, x, (int) inputs, dz, (int) units,
           accumulate ? 1.0f : 0.0f, gw, (int) units);
  if (!accumulate)
    memset (gb, 0, sizeof (float) * units);
  for (gsize r = 0; r < batch; r++)
    {
      const float *row = dz + r * units;

      for (guint j = 0; j < units; j++)
        gb[j] += row[j];
    }
  if (dx != NULL)
    ps_gemm (FALSE, TRUE, (int) batch, (int) inputs, (int) units,
             1.0f, dz, (int) units, w, (int) units, 0.0f, dx, (int) inputs);
}

/* ---- losses ----------------------------------------------------------- */

static inline float
target_of (guint32 label,
           guint   j,
           guint   n_outputs)
{
  if (n_outputs == 1)
    return (float) label;
  return label == j ? 1.0f : 0.0f;
}

/* PyTorch's BCELoss clamps log() at −100 so a saturated output stays finite. */
static inline double
clamped_log (double v)
{
  return v > 0.0 ? MAX (log (v), -100.0) : -100.0;
}

/* One sample's loss, as Keras reports it: MSE and BCE averaged over the
 * outputs, cross-entropy −log p(label). Adds Σ (t − y)² to *sq_error. */
static inline double
row_loss (PsLoss       loss,
          const float *y,
          guint32      label,
          guint        n_outputs,
          double      *sq_error)
{
  double l = 0.0, sq = 0.0;

  for (guint j = 0; j < n_outputs; j++)
    {
      double t = target_of (label, j, n_outputs);
      double e = (double) y[j] - t;

      sq += e * e;
      if (loss == PS_LOSS_BINARY_CROSS_ENTROPY)
        l -= t * clamped_log (y[j]) + (1.0 - t) * clamped_log (1.0 - (double) y[j]);
    }
  *sq_error += sq;

  switch (loss)
    {
    case PS_LOSS_MSE:
      return sq / n_outputs;
    case PS_LOSS_BINARY_CROSS_ENTROPY:
      return l / n_outputs;
    case PS_LOSS_CROSS_ENTROPY:
      {
        guint k = n_outputs == 1 ? 0 : label;
        return -log (MAX ((double) y[k], (double) FLT_MIN));
      }
    default:
      g_assert_not_reached ();
    }
  return 0.0;
}

/**
 * ps_loss_compute:
 * @sq_error: (out) (optional): Σ (target − output)² over samples and outputs
 *
 * Returns: the loss summed over the batch's samples (each sample's loss as
 * Keras reports it: averaged over outputs for MSE and binary cross-entropy).
 */
double
ps_loss_compute (PsLoss         loss,
                 const float   *out,
                 const guint32 *labels,
                 gsize          batch,
                 guint          n_outputs,
                 double        *sq_error)
{
  double total = 0.0, sq = 0.0;

  for (gsize r = 0; r < batch; r++)
    total += row_loss (loss, out + r * n_outputs, labels[r], n_outputs, &sq);
  if (sq_error != NULL)
    *sq_error = sq;
  return total;
}

guint32
ps_network_classify_row (const PsNetwork *self,
                         const float     *out_row)
{
  guint n_out = ps_network_n_outputs (self);
  guint32 best = 0;

  if (n_out == 1)
    return out_row[0] > 0.5f ? 1 : 0;
  for (guint j = 1; j < n_out; j++)
    if (out_row[j] > out_row[best])
      best = j;
  return best;
}

/* dz (batch × K) = dL/dz of the output layer, given its outputs y, fused with
 * the loss: softmax + cross-entropy and sigmoid + binary cross-entropy give
 * scale · (y − t); MSE gives scale · (y − t) ⊙ f′. scale folds the reduction
 * in. Returns the summed per-sample loss; adds to *sq_error and *correct. */
double
ps_network_output_gradient (float          *dz,
                 const float    *y,
                 const guint32  *labels,
                 const PsNetwork *net,
                 PsLoss          loss,
                 float           scale,
                 gsize           batch,
                 guint           n_outputs,
                 double         *sq_error,
                 guint          *correct)
{
  PsActivation act = net->layers[net->n_layers - 1].activation;
  double total = 0.0;
  guint n_correct = 0;
  /* Softmax + cross-entropy and sigmoid + binary cross-entropy: dL/dz is
   * (y − t) directly. Otherwise dL/dy is computed here and goes through the
   * activation's derivative below; for MSE it is (y − t) as well. */
  gboolean fused = (loss == PS_LOSS_CROSS_ENTROPY && act == PS_ACTIVATION_SOFTMAX)
                   || (loss == PS_LOSS_BINARY_CROSS_ENTROPY && act == PS_ACTIVATION_SIGMOID);

  for (gsize r = 0; r < batch; r++)
    {
      const float *yr = y + r * n_outputs;
      float *dr = dz + r * n_outputs;
      guint32 label = labels[r];

      total += row_loss (loss, yr, label, n_outputs, sq_error);
      if (ps_network_classify_row (net, yr) == label)
        n_correct++;

      if (fused || loss == PS_LOSS_MSE)
        {
          for (guint j = 0; j < n_outputs; j++)
            dr[j] = scale * (yr[j] - target_of (label, j, n_outputs));
        }
      else if (loss == PS_LOSS_BINARY_CROSS_ENTROPY)
        {
          /* dL/dy = (y − t) / (y (1 − y)), clamped as PyTorch does. */
          for (guint j = 0; j < n_outputs; j++)
            {
              float t = target_of (label, j, n_outputs);
              float den = MAX (yr[j] * (1.0f - yr[j]), 1e-12f);
              dr[j] = scale * (yr[j] - t) / den;
            }
        }
      else
        {
          /* Cross-entropy on a non-softmax output: dL/dy_label = −1 / y_label. */
          guint k = n_outputs == 1 ? 0 : label;
          for (guint j = 0; j < n_outputs; j++)
            dr[j] = 0.0f;
          dr[k] = -scale / MAX (yr[k], FLT_MIN);
        }
    }

  if (!fused)
    ps_network_activation_backward (dz, y, act, batch, n_outputs);

  if (correct != NULL)
    *correct += n_correct;
  return total;
}

/* ---- workspace, forward, backward -------------------------------------- */

/**
 * ps_workspace_new:
 * @max_batch: the largest batch forward/gradient will be called with
 *
 * All the scratch a batch needs, allocated once.
 *
 * Returns: (transfer full): free with ps_workspace_free()
 */
PsWorkspace *
ps_workspace_new (const PsNetwork *net,
                  gsize            max_batch)
{
  PsWorkspace *ws;
  gsize total = 0, offset = 0;

  g_return_val_if_fail (net != NULL, NULL);
  g_return_val_if_fail (max_batch > 0, NULL);

  ws = g_new0 (PsWorkspace, 1);
  ws->max_batch = max_batch;
  ws->n_layers = net->n_layers;
  ws->max_width = ps_network_max_width (net);
  ws->act = g_new0 (float *, net->n_layers);

  for (guint l = 0; l < net->n_layers; l++)
    total += max_batch * net->layers[l].units;
  total += 2 * max_batch * ws->max_width;
  ws->block = g_new (float, total);

  for (guint l = 0; l < net->n_layers; l++)
    {
      ws->act[l] = ws->block + offset;
      offset += max_batch * net->layers[l].units;
    }
  ws->delta[0] = ws->block + offset;
  offset += max_batch * ws->max_width;
  ws->delta[1] = ws->block + offset;
  return ws;
}

void
ps_workspace_free (PsWorkspace *ws)
{
  if (ws == NULL)
    return;
  g_free (ws->act);
  g_free (ws->block);
  g_free (ws);
}

gsize
ps_workspace_max_batch (const PsWorkspace *ws)
{
  g_return_val_if_fail (ws != NULL, 0);
  return ws->max_batch;
}

/**
 * ps_network_forward:
 * @x: batch × n_inputs
 *
 * Returns: (transfer none): batch × n_outputs, valid until the next call on @ws
 */
const float *
ps_network_forward (const PsNetwork *self,
                    PsWorkspace     *ws,
                    const float     *x,
                    gsize            batch)
{
  const float *in = x;

  g_return_val_if_fail (self != NULL && ws != NULL, NULL);
  g_return_val_if_fail (ws->n_layers == self->n_layers, NULL);
  g_return_val_if_fail (batch <= ws->max_batch, NULL);

  for (guint l = 0; l < self->n_layers; l++)
    {
      const PsLayer *layer = &self->layers[l];

      dense_forward (ws->act[l], in,
                     self->params + layer->w_offset, self->params + layer->b_offset,
                     layer->activation, batch, layer->inputs, layer->units);
      in = ws->act[l];
    }
  return in;
}

/* The factor the output gradient is multiplied by for a reduction.
 * Sum: the gradient of ½ Σ (y − ŷ)² for MSE (the notebook), of Σ of the
 * per-sample losses otherwise. Mean: Keras/PyTorch, MSE averaged over the
 * outputs too, hence its 2 / (B K). */
float
ps_network_loss_scale (PsLoss      loss,
                       PsReduction reduction,
                       gsize       norm_batch,
                       guint       n_outputs)
{
  if (reduction != PS_REDUCTION_MEAN)
    return 1.0f;
  switch (loss)
    {
    case PS_LOSS_MSE:
      return (float) (2.0 / ((double) norm_batch * n_outputs));
    case PS_LOSS_BINARY_CROSS_ENTROPY:
      return (float) (1.0 / ((double) norm_batch * n_outputs));
    case PS_LOSS_CROSS_ENTROPY:
      return (float) (1.0 / (double) norm_batch);
    default:
      g_return_val_if_reached (NAN);
    }
}

double
ps_network_gradient (const PsNetwork *self,
                     PsWorkspace     *ws,
                     const float     *x,
                     const guint32   *labels,
                     gsize            batch,
                     PsLoss           loss,
                     PsReduction      reduction,
                     float           *grad,
                     guint           *correct)
{
  return ps_network_gradient_full (self, ws, x, labels, batch, loss, reduction,
                                   batch, FALSE, grad, correct, NULL);
}

/**
 * ps_network_gradient_full:
 * @norm_batch: the batch size the mean reduction divides by (a big batch can
 *   be fed in chunks, each with the whole batch's size here)
 * @accumulate: add to @grad instead of overwriting it
 * @sq_error: (out) (optional): adds Σ (t − y)² for RMSE
 *
 * ps_network_gradient() with the knobs the trainer needs.
 *
 * Returns: the chunk's loss summed over its samples
 */
double
ps_network_gradient_full (const PsNetwork *self,
                          PsWorkspace     *ws,
                          const float     *x,
                          const guint32   *labels,
                          gsize            batch,
                          PsLoss           loss,
                          PsReduction      reduction,
                          gsize            norm_batch,
                          gboolean         accumulate,
                          float           *grad,
                          guint           *correct,
                          double          *sq_error)
{
  guint n_out, cur = 0;
  const float *y;
  float scale;
  double total, sq = 0.0;

  g_return_val_if_fail (self != NULL && ws != NULL && grad != NULL, NAN);
  g_return_val_if_fail (batch > 0 && batch <= ws->max_batch, NAN);
  g_return_val_if_fail (norm_batch >= batch, NAN);

  n_out = ps_network_n_outputs (self);
  y = ps_network_forward (self, ws, x, batch);

  scale = ps_network_loss_scale (loss, reduction, norm_batch, n_out);

  total = ps_network_output_gradient (ws->delta[cur], y, labels, self, loss, scale,
                           batch, n_out, &sq, correct);
  if (sq_error != NULL)
    *sq_error += sq;

  for (guint l = self->n_layers; l-- > 0;)
    {
      const PsLayer *layer = &self->layers[l];
      const float *in = l > 0 ? ws->act[l - 1] : x;
      float *dx = l > 0 ? ws->delta[1 - cur] : NULL;

      dense_backward (grad + layer->w_offset, grad + layer->b_offset, dx,
                      ws->delta[cur], in, self->params + layer->w_offset,
                      accumulate, batch, layer->inputs, layer->units);
      if (l > 0)
        {
          ps_network_activation_backward (dx, ws->act[l - 1], self->layers[l - 1].activation,
                               batch, layer->inputs);
          cur = 1 - cur;
        }
    }
  return total;
}

/**
 * ps_network_predict:
 * @x: n × n_inputs
 * @out: n × n_outputs
 */
void
ps_network_predict (const PsNetwork *self,
                    const float     *x,
                    gsize            n,
                    float           *out)
{
  PsWorkspace *ws;
  guint n_in, n_out;

  g_return_if_fail (self != NULL);
  if (n == 0)
    return;

  n_in = self->n_inputs;
  n_out = ps_network_n_outputs (self);
  ws = ps_workspace_new (self, MIN (n, PS_PREDICT_CHUNK));
  for (gsize first = 0; first < n; first += PS_PREDICT_CHUNK)
    {
      gsize m = MIN (PS_PREDICT_CHUNK, n - first);
      const float *y = ps_network_forward (self, ws, x + first * n_in, m);

      memcpy (out + first * n_out, y, sizeof (float) * m * n_out);
    }
  ps_workspace_free (ws);
}

/* ---- summary ------------------------------------------------------------ */

static char *
thousands (guint64 v)
{
  g_autofree char *digits = g_strdup_printf ("%" G_GUINT64_FORMAT, v);
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

/**
 * ps_network_summary:
 *
 * Returns: (transfer full): Keras's model.summary() table (plus each layer's
 *   activation), "Total params: 2,393" style totals
 */
char *
ps_network_summary (const PsNetwork *self)
{
  GString *s;
  g_autofree char *spec = NULL;
  g_autofree char *total = NULL;
  const char *rule = "_________________________________________________________________________\n";
  const char *dbl  = "=========================================================================\n";

  g_return_val_if_fail (self != NULL, NULL);

  spec = ps_network_to_spec (self);
  total = thousands (self->n_params);
  s = g_string_new (NULL);
  g_string_append_printf (s, "Model: \"%s\"\n", spec);
  g_string_append (s, rule);
  g_string_append_printf (s, " %-27s %-25s %-10s %s\n",
                          "Layer (type)", "Output Shape", "Param #", "Activation");
  g_string_append (s, dbl);
  if (self->input_shape[0] > 0 && self->input_shape[1] > 0)
    {
      g_autofree char *shape = g_strdup_printf ("(None, %u)", self->n_inputs);
      g_string_append_printf (s, " %-27s %-25s %-10s\n", "flatten (Flatten)", shape, "0");
      g_string_append (s, "\n");
    }
  for (guint l = 0; l < self->n_layers; l++)
    {
      const PsLayer *layer = &self->layers[l];
      g_autofree char *name = l == 0 ? g_strdup ("dense (Dense)")
                                     : g_strdup_printf ("dense_%u (Dense)", l);
      g_autofree char *shape = g_strdup_printf ("(None, %u)", layer->units);
      g_autofree char *count = thousands ((guint64) layer->inputs * layer->units + layer->units);

      g_string_append_printf (s, " %-27s %-25s %-10s %s\n", name, shape, count,
                              ps_activation_to_string (layer->activation));
      if (l + 1 < self->n_layers)
        g_string_append (s, "\n");
    }
  g_string_append (s, dbl);
  g_string_append_printf (s, "Total params: %s\n", total);
  g_string_append_printf (s, "Trainable params: %s\n", total);
  g_string_append (s, "Non-trainable params: 0\n");
  g_string_append (s, rule);
  return g_string_free (s, FALSE);
}
