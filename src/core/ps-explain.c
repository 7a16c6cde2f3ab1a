/* ps-explain.c: the numbers of one training update on one sample
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The workspace of ps-network.c keeps neither z nor each layer's δ (it
 * ping-pongs two delta buffers and fuses the bias into the activation), so
 * the per-layer values are recomputed here for the one sample with the
 * engine's own layer functions (ps_gemm, ps_network_bias_activation,
 * ps_network_output_gradient, ps_network_activation_backward), in the order
 * ps_network_gradient_full() calls them: they are bit for bit the engine's.
 * The changes dW, db come from the engine's gradient itself
 * (ps_network_gradient on a batch of one) and the new weights from
 * ps_optimizer_step(), the trainer's own step; test-explain.c checks that
 * −α·xᵀδ of the recomputed δ equals that dW.
 */
#include "config.h"

#include "ps-explain.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ps-gemm.h"
#include "ps-network-private.h"

G_DEFINE_QUARK (ps-explain-error-quark, ps_explain_error)

/* ---- computing the update ---------------------------------------------- */

static PsExplain *
explain_alloc (const PsNetwork *net)
{
  PsExplain *self = g_new0 (PsExplain, 1);

  self->sample = -1;
  self->n_inputs = net->n_inputs;
  self->n_outputs = ps_network_n_outputs (net);
  self->input = g_new0 (float, self->n_inputs);
  self->target_vector = g_new0 (float, self->n_outputs);
  self->output_after = g_new0 (float, self->n_outputs);
  self->n_layers = net->n_layers;
  self->layers = g_new0 (PsExplainLayer, net->n_layers);
  for (guint l = 0; l < net->n_layers; l++)
    {
      const PsLayer *src = &net->layers[l];
      PsExplainLayer *layer = &self->layers[l];

      layer->inputs = src->inputs;
      layer->units = src->units;
      layer->activation = src->activation;
      layer->w_offset = src->w_offset;
      layer->b_offset = src->b_offset;
      layer->z = g_new0 (float, src->units);
      layer->a = g_new0 (float, src->units);
      layer->delta = g_new0 (float, src->units);
      layer->dW = g_new0 (float, (gsize) src->inputs * src->units);
      layer->db = g_new0 (float, src->units);
      layer->gW = g_new0 (float, (gsize) src->inputs * src->units);
      layer->gb = g_new0 (float, src->units);
    }
  self->n_params = net->n_params;
  self->params_before = g_memdup2 (net->params, sizeof (float) * MAX (net->n_params, 1));
  self->params_after = g_memdup2 (net->params, sizeof (float) * MAX (net->n_params, 1));
  return self;
}

void
ps_explain_free (PsExplain *self)
{
  if (self == NULL)
    return;
  for (guint l = 0; l < self->n_layers; l++)
    {
      PsExplainLayer *layer = &self->layers[l];

      g_free (layer->z);
      g_free (layer->a);
      g_free (layer->delta);
      g_free (layer->dW);
      g_free (layer->db);
      g_free (layer->gW);
      g_free (layer->gb);
    }
  g_free (self->layers);
  g_free (self->input);
  g_free (self->target_vector);
  g_free (self->output_after);
  g_free (self->params_before);
  g_free (self->params_after);
  g_free (self);
}

/* z = x·W + b and a = f(z) of every layer: ps_network_forward()'s
 * arithmetic (the GEMM, then the bias added in float inside the activation
 * pass), with the sum before the activation kept as z. */
static void
explain_forward (PsExplain       *self,
                 const PsNetwork *net)
{
  const float *in = self->input;

  for (guint l = 0; l < self->n_layers; l++)
    {
      PsExplainLayer *layer = &self->layers[l];
      const float *w = net->params + layer->w_offset;
      const float *b = net->params + layer->b_offset;

      ps_gemm (FALSE, FALSE, 1, (int) layer->units, (int) layer->inputs,
               1.0f, in, (int) layer->inputs, w, (int) layer->units,
               0.0f, layer->a, (int) layer->units);
      for (guint j = 0; j < layer->units; j++)
        layer->z[j] = layer->a[j] + b[j];
      ps_network_bias_activation (layer->a, layer->units, b, layer->activation, 1, layer->units);
      in = layer->a;
    }
}

/* δ = ∂L/∂z of every layer, output first: ps_network_gradient_full()'s
 * backward pass for a batch of one. Returns the sample's loss. */
static double
explain_backward (PsExplain       *self,
                  const PsNetwork *net)
{
  PsExplainLayer *last = &self->layers[self->n_layers - 1];
  double sq = 0.0, loss;

  loss = ps_network_output_gradient (last->delta, last->a, &self->target, net, self->loss,
                                     self->loss_scale, 1, self->n_outputs, &sq, NULL);
  for (guint l = self->n_layers - 1; l > 0; l--)
    {
      PsExplainLayer *layer = &self->layers[l];
      PsExplainLayer *below = &self->layers[l - 1];

      /* δ⁽ˡ⁻¹⁾ = (δ⁽ˡ⁾ · W⁽ˡ⁾ᵀ) ⊙ f′(z⁽ˡ⁻¹⁾) */
      ps_gemm (FALSE, TRUE, 1, (int) layer->inputs, (int) layer->units,
               1.0f, layer->delta, (int) layer->units,
               net->params + layer->w_offset, (int) layer->units,
               0.0f, below->delta, (int) layer->inputs);
      ps_network_activation_backward (below->delta, below->a, below->activation, 1, layer->inputs);
    }
  return loss;
}

/* The rule's default constants with learning rate @lr; FALSE for an
 * unknown rule. */
static gboolean
rule_config (PsOptimizerKind     kind,
             double              lr,
             PsOptimizerConfig  *config,
             GError            **error)
{
  if ((guint) kind > PS_OPTIMIZER_ADAM)
    {
      g_set_error (error, PS_EXPLAIN_ERROR, PS_EXPLAIN_ERROR_OPTIMIZER,
                   _("unknown learning rule %d"), (int) kind);
      return FALSE;
    }
  ps_optimizer_config_init (config, kind);
  config->lr = lr;
  return TRUE;
}

PsExplain *
ps_explain_update (const PsNetwork  *net,
                   const float      *x,
                   guint32           label,
                   PsLoss            loss,
                   PsReduction       reduction,
                   PsOptimizerKind   kind,
                   double            lr,
                   GError          **error)
{
  PsOptimizerConfig config;

  if (!rule_config (kind, lr, &config, error))
    return NULL;
  return ps_explain_update_config (net, x, label, loss, reduction, &config, error);
}

PsExplain *
ps_explain_update_config (const PsNetwork         *net,
                          const float             *x,
                          guint32                  label,
                          PsLoss                   loss,
                          PsReduction              reduction,
                          const PsOptimizerConfig *opt,
                          GError                 **error)
{
  g_autoptr(PsExplain) self = NULL;
  g_autofree float *grad = NULL;
  PsWorkspace *ws;
  PsOptimizer *optimizer;
  PsOptimizerConfig config;
  PsOptimizerKind kind;
  PsNetwork *after;
  const float *y;
  double lr;
  guint n_out;

  g_return_val_if_fail (net != NULL && net->n_layers > 0, NULL);
  g_return_val_if_fail (x != NULL, NULL);
  g_return_val_if_fail (opt != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  kind = opt->kind;
  lr = opt->lr;
  n_out = ps_network_n_outputs (net);
  if ((guint) kind > PS_OPTIMIZER_ADAM)
    {
      g_set_error (error, PS_EXPLAIN_ERROR, PS_EXPLAIN_ERROR_OPTIMIZER,
                   _("unknown learning rule %d"), (int) kind);
      return NULL;
    }
  if (!(lr > 0.0) || !isfinite (lr))
    {
      g_set_error (error, PS_EXPLAIN_ERROR, PS_EXPLAIN_ERROR_OPTIMIZER,
                   _("the learning rate must be a positive number (got %g)"), lr);
      return NULL;
    }
  if (label >= MAX (n_out, 2u))
    {
      g_set_error (error, PS_EXPLAIN_ERROR, PS_EXPLAIN_ERROR_RANGE,
                   /* Translators: the label, the network's output units, the largest label */
                   _("label %u is out of range: %u output unit(s) take labels 0 to %u"),
                   label, n_out, MAX (n_out, 2u) - 1);
      return NULL;
    }
  if (!ps_network_check_loss (net, loss, error))
    return NULL;

  self = explain_alloc (net);
  memcpy (self->input, x, sizeof (float) * net->n_inputs);
  self->target = label;
  for (guint j = 0; j < n_out; j++)
    /* as the loss reads a label (ps-network.c's target_of) */
    self->target_vector[j] = n_out == 1 ? (float) label : (label == j ? 1.0f : 0.0f);
  self->loss = loss;
  /* the trainer's rule: the delta rule is the plain step on the summed gradient */
  self->reduction = kind == PS_OPTIMIZER_DELTA ? PS_REDUCTION_SUM : reduction;
  self->optimizer = kind;
  self->lr = lr;
  self->momentum = opt->momentum;
  self->beta1 = opt->beta1;
  self->beta2 = opt->beta2;
  self->epsilon = opt->epsilon;
  self->loss_scale = ps_network_loss_scale (loss, self->reduction, 1, n_out);
  self->delta_rule = net->n_layers == 1 && net->layers[0].activation == PS_ACTIVATION_STEP;

  explain_forward (self, net);
  self->loss_before = explain_backward (self, net);
  self->predicted_before = ps_network_classify_row (net, self->layers[net->n_layers - 1].a);

  /* The engine's gradient and the trainer's step. */
  grad = g_new0 (float, MAX (net->n_params, 1));
  ws = ps_workspace_new (net, 1);
  ps_network_gradient (net, ws, x, &label, 1, loss, self->reduction, grad, NULL);
  config = *opt;
  config.l2 = 0.0;
  if (kind == PS_OPTIMIZER_DELTA || kind == PS_OPTIMIZER_SGD)
    for (guint l = 0; l < self->n_layers; l++)
      {
        PsExplainLayer *layer = &self->layers[l];
        gsize n_w = (gsize) layer->inputs * layer->units;

        for (gsize i = 0; i < n_w; i++)
          layer->dW[i] = -((float) lr * grad[layer->w_offset + i]);
        for (guint j = 0; j < layer->units; j++)
          layer->db[j] = -((float) lr * grad[layer->b_offset + j]);
      }
  else
    {
      /* The step itself: a fresh optimizer's first step from zero weights.
       * Without weight decay each rule computes p − s(g) with s not
       * depending on p, so 0 − s = −s exactly and p + dW is the step's
       * p − s bit for bit. */
      g_autofree float *step = g_new0 (float, MAX (net->n_params, 1));

      optimizer = ps_optimizer_new (&config, net->n_params);
      ps_optimizer_step (optimizer, step, grad);
      ps_optimizer_free (optimizer);
      for (guint l = 0; l < self->n_layers; l++)
        {
          PsExplainLayer *layer = &self->layers[l];
          gsize n_w = (gsize) layer->inputs * layer->units;

          memcpy (layer->dW, step + layer->w_offset, sizeof (float) * n_w);
          memcpy (layer->db, step + layer->b_offset, sizeof (float) * layer->units);
        }
    }
  for (guint l = 0; l < self->n_layers; l++)
    {
      PsExplainLayer *layer = &self->layers[l];

      memcpy (layer->gW, grad + layer->w_offset, sizeof (float) * layer->inputs * layer->units);
      memcpy (layer->gb, grad + layer->b_offset, sizeof (float) * layer->units);
    }
  optimizer = ps_optimizer_new (&config, net->n_params);
  ps_optimizer_step (optimizer, self->params_after, grad);
  ps_optimizer_free (optimizer);

  /* The loss with the new weights. */
  after = ps_network_copy (net);
  memcpy (after->params, self->params_after, sizeof (float) * net->n_params);
  y = ps_network_forward (after, ws, x, 1);
  memcpy (self->output_after, y, sizeof (float) * n_out);
  self->loss_after = ps_loss_compute (loss, y, &label, 1, n_out, NULL);
  self->predicted_after = ps_network_classify_row (after, y);
  ps_network_free (after);
  ps_workspace_free (ws);

  return g_steal_pointer (&self);
}

PsExplain *
ps_explain_update_sample (const PsNetwork  *net,
                          const PsDataset  *data,
                          gsize             sample,
                          PsLoss            loss,
                          PsReduction       reduction,
                          PsOptimizerKind   kind,
                          double            lr,
                          GError          **error)
{
  PsOptimizerConfig config;

  if (!rule_config (kind, lr, &config, error))
    return NULL;
  return ps_explain_update_sample_config (net, data, sample, loss, reduction, &config, error);
}

PsExplain *
ps_explain_update_sample_config (const PsNetwork         *net,
                                 const PsDataset         *data,
                                 gsize                    sample,
                                 PsLoss                   loss,
                                 PsReduction              reduction,
                                 const PsOptimizerConfig *config,
                                 GError                 **error)
{
  g_autofree float *x = NULL;
  gsize n;
  guint32 label = 0;
  PsExplain *self;

  g_return_val_if_fail (net != NULL, NULL);
  g_return_val_if_fail (data != NULL, NULL);

  n = ps_dataset_get_n_samples (data);
  if (sample >= n)
    {
      if (n == 0)
        g_set_error (error, PS_EXPLAIN_ERROR, PS_EXPLAIN_ERROR_RANGE,
                     /* Translators: the sample index, the dataset's name */
                     _("sample %zu is out of range: '%s' has no samples"),
                     sample, ps_dataset_get_name (data));
      else
        g_set_error (error, PS_EXPLAIN_ERROR, PS_EXPLAIN_ERROR_RANGE,
                     /* Translators: the sample index, the last index, the dataset's
                      * name, its number of samples */
                     _("sample %zu is out of range (0 to %zu: '%s' has %zu samples)"),
                     sample, n - 1, ps_dataset_get_name (data), n);
      return NULL;
    }
  if (ps_dataset_get_n_features (data) != net->n_inputs)
    {
      g_set_error (error, PS_EXPLAIN_ERROR, PS_EXPLAIN_ERROR_MISMATCH,
                   _("the network takes %u inputs but the dataset '%s' has %zu features"),
                   net->n_inputs, ps_dataset_get_name (data),
                   ps_dataset_get_n_features (data));
      return NULL;
    }
  x = g_new (float, net->n_inputs);
  ps_dataset_gather (data, NULL, sample, 1, x, &label);
  self = ps_explain_update_config (net, x, label, loss, reduction, config, error);
  if (self != NULL)
    self->sample = (gint64) sample;
  return self;
}

gboolean
ps_explain_apply (const PsExplain *self,
                  PsNetwork       *net)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (net != NULL, FALSE);
  g_return_val_if_fail (net->n_params == self->n_params && net->n_inputs == self->n_inputs
                        && net->n_layers == self->n_layers, FALSE);
  for (guint l = 0; l < self->n_layers; l++)
    g_return_val_if_fail (net->layers[l].units == self->layers[l].units
                          && net->layers[l].activation == self->layers[l].activation, FALSE);

  memcpy (net->params, self->params_after, sizeof (float) * self->n_params);
  return TRUE;
}

/* ---- JSON ---------------------------------------------------------------- */

static void
json_add_number (JsonBuilder *b,
                 double       v)
{
  if (isfinite (v))
    json_builder_add_double_value (b, v == 0.0 ? 0.0 : v);   /* not -0.0 */
  else
    json_builder_add_null_value (b);
}

static void
json_add_vector (JsonBuilder *b,
                 const char  *name,
                 const float *v,
                 gsize        n)
{
  json_builder_set_member_name (b, name);
  json_builder_begin_array (b);
  for (gsize i = 0; i < n; i++)
    json_add_number (b, v[i]);
  json_builder_end_array (b);
}

/* rows × cols, row-major: an array of rows */
static void
json_add_matrix (JsonBuilder *b,
                 const char  *name,
                 const float *m,
                 gsize        rows,
                 gsize        cols)
{
  json_builder_set_member_name (b, name);
  json_builder_begin_array (b);
  for (gsize r = 0; r < rows; r++)
    {
      json_builder_begin_array (b);
      for (gsize c = 0; c < cols; c++)
        json_add_number (b, m[r * cols + c]);
      json_builder_end_array (b);
    }
  json_builder_end_array (b);
}

char *
ps_explain_to_json (const PsExplain *self)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  const PsExplainLayer *last;
  g_autofree float *error = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  last = &self->layers[self->n_layers - 1];
  error = g_new (float, self->n_outputs);
  for (guint j = 0; j < self->n_outputs; j++)
    error[j] = self->target_vector[j] - last->a[j];

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "sample");
  if (self->sample >= 0)
    json_builder_add_int_value (b, self->sample);
  else
    json_builder_add_null_value (b);
  json_add_vector (b, "input", self->input, self->n_inputs);
  json_builder_set_member_name (b, "target");
  json_builder_add_int_value (b, self->target);
  json_add_vector (b, "target_vector", self->target_vector, self->n_outputs);

  json_builder_set_member_name (b, "layers");
  json_builder_begin_array (b);
  for (guint l = 0; l < self->n_layers; l++)
    {
      const PsExplainLayer *layer = &self->layers[l];

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "units");
      json_builder_add_int_value (b, layer->units);
      json_builder_set_member_name (b, "inputs");
      json_builder_add_int_value (b, layer->inputs);
      json_builder_set_member_name (b, "activation");
      json_builder_add_string_value (b, ps_activation_to_string (layer->activation));
      json_add_vector (b, "z", layer->z, layer->units);
      json_add_vector (b, "a", layer->a, layer->units);
      json_add_vector (b, "delta", layer->delta, layer->units);
      json_add_matrix (b, "dW", layer->dW, layer->inputs, layer->units);
      json_add_vector (b, "db", layer->db, layer->units);
      json_add_matrix (b, "grad_W", layer->gW, layer->inputs, layer->units);
      json_add_vector (b, "grad_b", layer->gb, layer->units);
      json_add_matrix (b, "W", self->params_before + layer->w_offset, layer->inputs, layer->units);
      json_add_vector (b, "b", self->params_before + layer->b_offset, layer->units);
      json_add_matrix (b, "W_new", self->params_after + layer->w_offset, layer->inputs, layer->units);
      json_add_vector (b, "b_new", self->params_after + layer->b_offset, layer->units);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_add_vector (b, "output", last->a, self->n_outputs);
  json_add_vector (b, "error", error, self->n_outputs);
  json_builder_set_member_name (b, "loss_before");
  json_add_number (b, self->loss_before);
  json_builder_set_member_name (b, "loss_after");
  json_add_number (b, self->loss_after);
  json_add_vector (b, "output_after", self->output_after, self->n_outputs);
  json_builder_set_member_name (b, "predicted_before");
  json_builder_add_int_value (b, self->predicted_before);
  json_builder_set_member_name (b, "predicted_after");
  json_builder_add_int_value (b, self->predicted_after);
  json_builder_set_member_name (b, "loss");
  json_builder_add_string_value (b, ps_loss_to_string (self->loss));
  json_builder_set_member_name (b, "reduction");
  json_builder_add_string_value (b, ps_reduction_to_string (self->reduction));
  json_builder_set_member_name (b, "optimizer");
  json_builder_add_string_value (b, ps_optimizer_kind_to_string (self->optimizer));
  json_builder_set_member_name (b, "lr");
  json_add_number (b, self->lr);
  json_builder_set_member_name (b, "delta_rule");
  json_builder_add_boolean_value (b, self->delta_rule);
  if (self->optimizer == PS_OPTIMIZER_MOMENTUM || self->optimizer == PS_OPTIMIZER_NESTEROV)
    {
      json_builder_set_member_name (b, "momentum");
      json_add_number (b, self->momentum);
    }
  if (self->optimizer == PS_OPTIMIZER_ADAM)
    {
      json_builder_set_member_name (b, "beta1");
      json_add_number (b, self->beta1);
      json_builder_set_member_name (b, "beta2");
      json_add_number (b, self->beta2);
      json_builder_set_member_name (b, "epsilon");
      json_add_number (b, self->epsilon);
    }
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  return json_generator_to_data (gen, NULL);
}

/* ---- the readable account ---------------------------------------------- */

/* One number as the account shows it: 6 significant digits, C locale. */
static char *
num (double v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (v == 0.0)
    return g_strdup ("0");   /* not "-0" */
  return g_strdup (g_ascii_formatd (buf, sizeof buf, "%.6g", v));
}

/* Whether n values are shown in full. */
static gboolean
shown_in_full (gsize n,
               guint max_terms)
{
  return max_terms == 0 || n <= 3 * (gsize) max_terms;
}

typedef struct
{
  float magnitude;
  gsize index;
} Term;

static int
by_magnitude (const void *pa,
              const void *pb)
{
  const Term *a = pa, *b = pb;

  /* largest first; ties (and NaN) by index, so the order is stable */
  if (a->magnitude > b->magnitude)
    return -1;
  if (a->magnitude < b->magnitude)
    return 1;
  return a->index < b->index ? -1 : 1;
}

static int
by_index (const void *pa,
          const void *pb)
{
  gsize a = *(const gsize *) pa, b = *(const gsize *) pb;

  return a < b ? -1 : a > b;
}

/* The indices of the k largest |v[i]|, in index order (the terms read in
 * the vector's order). */
static gsize *
largest (const float *v,
         gsize        n,
         guint        k)
{
  g_autofree Term *terms = g_new (Term, n);
  gsize *idx;

  k = MIN ((gsize) k, n);
  for (gsize i = 0; i < n; i++)
    {
      terms[i].magnitude = fabsf (v[i]);
      terms[i].index = i;
    }
  qsort (terms, n, sizeof (Term), by_magnitude);
  idx = g_new (gsize, MAX (k, 1));
  for (gsize i = 0; i < k; i++)
    idx[i] = terms[i].index;
  qsort (idx, k, sizeof (gsize), by_index);
  return idx;
}

/* "[a, b, c]" (full) or, for a long vector, its largest terms
 * "name[i] = v" five to a line under it. */
static void
append_vector (GString     *s,
               const char  *indent,
               const char  *lhs,
               const char  *name,
               const float *v,
               gsize        n,
               guint        max_terms)
{
  if (shown_in_full (n, max_terms))
    {
      g_string_append_printf (s, "%s%s = [", indent, lhs);
      for (gsize i = 0; i < n; i++)
        {
          g_autofree char *t = num (v[i]);

          g_string_append_printf (s, "%s%s", i > 0 ? ", " : "", t);
        }
      g_string_append (s, "]\n");
      return;
    }

  {
    g_autofree gsize *idx = largest (v, n, max_terms);
    g_autofree char **cells = g_new0 (char *, max_terms);
    int width = 0;

    g_string_append_printf (s, "%s%s = ", indent, lhs);
    /* Translators: a long vector shown by its largest terms: its length,
     * how many are shown, the vector's name (“x”, “δ”), how many are not */
    g_string_append_printf (s, _("(%zu values; the %u largest |%s[i]|, %zu not shown)"),
                            n, max_terms, name, n - max_terms);
    g_string_append_c (s, '\n');
    for (guint k = 0; k < max_terms; k++)
      {
        g_autofree char *t = num (v[idx[k]]);

        cells[k] = g_strdup_printf ("%s[%" G_GSIZE_FORMAT "] = %s", name, idx[k], t);
        width = MAX (width, (int) g_utf8_strlen (cells[k], -1));
      }
    for (guint k = 0; k < max_terms; k++)
      {
        int pad = width - (int) g_utf8_strlen (cells[k], -1);

        if (k % 5 == 0)
          g_string_append_printf (s, "%s    ", indent);
        g_string_append (s, cells[k]);
        if (k % 5 == 4 || k + 1 == max_terms)
          g_string_append_c (s, '\n');
        else
          g_string_append_printf (s, "%*s   ", pad, "");
        g_free (cells[k]);
      }
  }
}

/* A matrix (rows × cols) under a heading line: its rows, columns right-
 * aligned; or, when large, the entries "name[i,j] = v" where |rank| is
 * largest (rank NULL: m itself; the new weights are shown where ΔW is). */
static void
append_matrix (GString     *s,
               const char  *indent,
               const char  *heading,
               const char  *name,
               const float *m,
               gsize        rows,
               gsize        cols,
               const float *rank,
               guint        max_terms)
{
  gsize n = rows * cols;

  if (shown_in_full (n, max_terms))
    {
      g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
      int width = 0;

      for (gsize i = 0; i < n; i++)
        {
          char *t = num (m[i]);

          width = MAX (width, (int) strlen (t));
          g_ptr_array_add (cells, t);
        }
      g_string_append_printf (s, "%s%s (%" G_GSIZE_FORMAT " × %" G_GSIZE_FORMAT ") =\n",
                              indent, heading, rows, cols);
      for (gsize r = 0; r < rows; r++)
        {
          g_string_append_printf (s, "%s    [", indent);
          for (gsize c = 0; c < cols; c++)
            g_string_append_printf (s, "%s%*s", c > 0 ? "  " : "", width,
                                    (const char *) g_ptr_array_index (cells, r * cols + c));
          g_string_append (s, "]\n");
        }
      return;
    }

  {
    g_autofree gsize *idx = largest (rank != NULL ? rank : m, n, max_terms);
    g_autofree char **cells = g_new0 (char *, max_terms);
    int width = 0;

    g_string_append_printf (s, "%s%s ", indent, heading);
    /* Translators: a large matrix shown by some entries: its rows × columns,
     * how many entries are shown, how many are not */
    g_string_append_printf (s, _("(%zu × %zu; %u entries, where |ΔW| is largest, %zu not shown)"),
                            rows, cols, max_terms, n - max_terms);
    g_string_append (s, " =\n");
    for (guint k = 0; k < max_terms; k++)
      {
        g_autofree char *t = num (m[idx[k]]);

        cells[k] = g_strdup_printf ("%s[%" G_GSIZE_FORMAT ",%" G_GSIZE_FORMAT "] = %s",
                                    name, idx[k] / cols, idx[k] % cols, t);
        width = MAX (width, (int) g_utf8_strlen (cells[k], -1));
      }
    for (guint k = 0; k < max_terms; k++)
      {
        int pad = width - (int) g_utf8_strlen (cells[k], -1);

        if (k % 4 == 0)
          g_string_append_printf (s, "%s    ", indent);
        g_string_append (s, cells[k]);
        if (k % 4 == 3 || k + 1 == max_terms)
          g_string_append_c (s, '\n');
        else
          g_string_append_printf (s, "%*s   ", pad, "");
        g_free (cells[k]);
      }
  }
}

/* n in superscript digits: the notebook's δ⁽ᵏ⁾, W⁽ᵏ⁾ */
static char *
sup (guint n)
{
  static const char *const digits[] = { "⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹" };
  g_autofree char *dec = g_strdup_printf ("%u", n);
  GString *s = g_string_new ("⁽");

  for (const char *p = dec; *p != '\0'; p++)
    g_string_append (s, digits[*p - '0']);
  g_string_append (s, "⁾");
  return g_string_free (s, FALSE);
}

/* The output layer's δ as a formula: which terms make it. */
static char *
output_delta_formula (const PsExplain      *self,
                      const PsExplainLayer *last)
{
  g_autofree char *c = num (self->loss_scale);
  const char *factor = self->loss_scale == 1.0f ? "" : "c·";
  g_autofree char *note = NULL;
  g_autofree char *why = NULL;

  if (self->loss_scale == 1.0f)
    note = g_strdup ("");
  else
    {
      /* Translators: the factor of the mean reduction in the output δ */
      g_autofree char *c_is = g_strdup_printf (_("c = %s (the mean reduction)"), c);

      note = g_strconcat (",  ", c_is, NULL);
    }

  if ((self->loss == PS_LOSS_CROSS_ENTROPY && last->activation == PS_ACTIVATION_SOFTMAX)
      || (self->loss == PS_LOSS_BINARY_CROSS_ENTROPY && last->activation == PS_ACTIVATION_SIGMOID))
    {
      /* Translators: after the output δ = (y − t): the activation and the
       * loss (names as typed, e.g. “softmax with cross-entropy”) */
      why = g_strdup_printf (_("(%s with %s: f′ cancels)"),
                             ps_activation_to_string (last->activation), ps_loss_to_string (self->loss));
      return g_strdup_printf ("δ = %s(y − t)%s  %s", factor, note, why);
    }
  if (self->loss == PS_LOSS_MSE && last->activation == PS_ACTIVATION_STEP)
    return g_strdup_printf ("δ = %s(y − t)%s  %s", factor, note,
                            _("(the step's f′ is taken as 1: the delta rule)"));
  if (self->loss == PS_LOSS_MSE && last->activation == PS_ACTIVATION_LINEAR)
    return g_strdup_printf ("δ = %s(y − t)%s  %s", factor, note, _("(linear: f′ = 1)"));
  if (self->loss == PS_LOSS_MSE)
    return g_strdup_printf ("δ = %s(y − t) ⊙ f′(z)%s", factor, note);
  return g_strdup_printf ("δ = %s∂L/∂y ⊙ f′(z), ∂L/∂y = (y − t) / (y (1 − y))%s", factor, note);
}

static const char *
derivative_of (PsActivation act)
{
  switch (act)
    {
    case PS_ACTIVATION_SIGMOID:
      return "f′(z) = a (1 − a)";
    case PS_ACTIVATION_TANH:
      return "f′(z) = 1 − a²";
    case PS_ACTIVATION_RELU:
      return _("f′(z) = 1 if a > 0 else 0");
    case PS_ACTIVATION_STEP:
      /* Translators: the step function's derivative, which the delta rule
       * takes as 1 */
      return _("f′ taken as 1");
    case PS_ACTIVATION_LINEAR:
      return "f′ = 1";
    case PS_ACTIVATION_SOFTMAX:
      return "softmax: δ_j = a_j (g_j − Σ_k g_k a_k)";
    default:
      return "";
    }
}

/* The step perceptron: w ← w + α (t − y) x, each term's value. */
static void
append_delta_rule (GString         *s,
                   const PsExplain *self,
                   guint            max_terms)
{
  const PsExplainLayer *layer = &self->layers[0];
  g_autofree char *alpha = num (self->lr);
  g_autofree char *c = num (self->loss_scale);
  gboolean scaled = self->loss_scale != 1.0f;

  /* Translators: %s is the rule as formulas, “w ← w + α (t − y) x,  b ← …” */
  g_string_append_printf (s, _("Delta rule (the step perceptron):  %s"),
                          "w ← w + α (t − y) x,  b ← b + α (t − y)");
  g_string_append_c (s, '\n');
  if (scaled)
    {
      g_string_append (s, "  ");
      /* Translators: the factor's value, then the rule with it as a formula */
      g_string_append_printf (s, _("with the mean reduction's factor c = %s:  %s"), c,
                              "w ← w + α·c (t − y) x");
      g_string_append_c (s, '\n');
    }
  g_string_append_printf (s, "  α = %s\n", alpha);

  for (guint j = 0; j < layer->units; j++)
    {
      float t = self->target_vector[j], y = layer->a[j];
      g_autofree char *ts = num (t), *ys = num (y), *es = num (t - y);
      g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
      g_autofree gsize *idx = NULL;
      gsize n_shown = layer->inputs;
      int width[6] = { 0 };

      g_string_append (s, "  ");
      /* Translators: an output unit's number, target t, output y and error */
      g_string_append_printf (s, _("unit %u:  t = %s,  y = %s,  t − y = %s"), j, ts, ys, es);
      if (t == y)
        g_string_append_printf (s, "  %s", _("(no error: nothing changes)"));
      g_string_append_c (s, '\n');
      if (!shown_in_full (layer->inputs, max_terms))
        {
          /* the inputs whose weights change most: |ΔW| of this unit's column */
          g_autofree float *col = g_new (float, layer->inputs);

          for (guint i = 0; i < layer->inputs; i++)
            col[i] = layer->dW[(gsize) i * layer->units + j];
          idx = largest (col, layer->inputs, max_terms);
          n_shown = max_terms;
        }
      /* name, new, old, α, (t − y) [· c], x */
      for (gsize k = 0; k < n_shown; k++)
        {
          gsize i = idx != NULL ? idx[k] : k;
          gsize w = (gsize) i * layer->units + j;
          char **row = g_new0 (char *, 7);

          row[0] = g_strdup_printf ("w[%" G_GSIZE_FORMAT ",%u]", i, j);
          row[1] = num (self->params_after[layer->w_offset + w]);
          row[2] = num (self->params_before[layer->w_offset + w]);
          row[3] = g_strdup (alpha);
          row[4] = scaled ? g_strdup_printf ("%s · %s", c, es) : g_strdup (es);
          row[5] = num (self->input[i]);
          g_ptr_array_add (rows, row);
        }
      {
        char **row = g_new0 (char *, 7);

        row[0] = g_strdup_printf ("b[%u]", j);
        row[1] = num (self->params_after[layer->b_offset + j]);
        row[2] = num (self->params_before[layer->b_offset + j]);
        row[3] = g_strdup (alpha);
        row[4] = scaled ? g_strdup_printf ("%s · %s", c, es) : g_strdup (es);
        row[5] = g_strdup ("1");
        g_ptr_array_add (rows, row);
      }
      for (guint r = 0; r < rows->len; r++)
        for (int k = 0; k < 6; k++)
          width[k] = MAX (width[k], (int) g_utf8_strlen (((char **) g_ptr_array_index (rows, r))[k], -1));
      for (guint r = 0; r < rows->len; r++)
        {
          char **row = g_ptr_array_index (rows, r);
          int pad[6];

          for (int k = 0; k < 6; k++)
            pad[k] = width[k] - (int) g_utf8_strlen (row[k], -1);
          g_string_append_printf (s, "    %s%*s ← %*s%s + %*s%s · (%s)%*s · %*s%s  = %s\n",
                                  row[0], pad[0], "",
                                  pad[2], "", row[2],
                                  pad[3], "", row[3],
                                  row[4], pad[4], "",
                                  pad[5], "", row[5],
                                  row[1]);
        }
      if (idx != NULL)
        {
          g_string_append (s, "    ");
          g_string_append_printf (s, _("(%zu more weights of unit %u not shown)"),
                                  (gsize) layer->inputs - n_shown, j);
          g_string_append_c (s, '\n');
        }
    }
}

/* The heading of the update for momentum, Nesterov and Adam: the rule,
 * its first step (what dW shows), and why it is the first. */
static void
append_optimizer_rule (GString         *s,
                       const PsExplain *self,
                       const char      *alpha)
{
  const char *name = ps_optimizer_kind_to_string (self->optimizer);
  g_autofree char *mu = num (self->momentum);
  g_autofree char *b1 = num (self->beta1), *b2 = num (self->beta2), *eps = num (self->epsilon);

  g_string_append_c (s, '\n');
  /* Translators: the rule's name, the learning rate, the rule's name again
   * (“Update (adam, α = 0.001): the first step of a fresh adam optimizer”) */
  g_string_append_printf (s, _("Update (%s, α = %s): the first step of a fresh %s optimizer"),
                          name, alpha, name);
  g_string_append (s, "\n  ");
  g_string_append (s, _("(the moments of a run are not kept: from the second step on, a run's "
                        "steps also depend on the earlier gradients)"));
  g_string_append_c (s, '\n');
  switch (self->optimizer)
    {
    case PS_OPTIMIZER_MOMENTUM:
    case PS_OPTIMIZER_NESTEROV:
      {
        gboolean nesterov = self->optimizer == PS_OPTIMIZER_NESTEROV;
        /* Translators: μ's value; on the first step the velocity v is the
         * gradient g */
        g_autofree char *first = g_strdup_printf (_("μ = %s; first step: v = g"), mu);

        g_string_append_printf (s, "  %s   (%s)\n  ",
                                nesterov ? "v ← μ·v + g,  W ← W − α·(g + μ·v)" : "v ← μ·v + g,  W ← W − α·v",
                                first);
        /* Translators: %s is the step that follows, as formulas:
         * “so ΔW = −α·∂L/∂W,  Δb = −α·∂L/∂b” */
        g_string_append_printf (s, _("so %s"),
                                nesterov ? "ΔW = −α·(1 + μ)·∂L/∂W,  Δb = −α·(1 + μ)·∂L/∂b"
                                : "ΔW = −α·∂L/∂W,  Δb = −α·∂L/∂b");
        g_string_append_c (s, '\n');
      }
      break;
    case PS_OPTIMIZER_ADAM:
      g_string_append_printf (s, "  m ← β₁·m + (1 − β₁)·g,  v ← β₂·v + (1 − β₂)·g²,\n"
                              "  W ← W − α·m̂ / (√v̂ + ε),  m̂ = m / (1 − β₁ᵗ),  v̂ = v / (1 − β₂ᵗ)"
                              "   (β₁ = %s, β₂ = %s, ε = %s)\n  ", b1, b2, eps);
      /* Translators: Adam's first step: the two %s are formulas,
       * “m̂ = g, v̂ = g²” and “ΔW = −α·g / (|g| + ε) ≈ −α·sign(g)” */
      g_string_append_printf (s, _("first step (t = 1): %s, so %s"), "m̂ = g, v̂ = g²",
                              "ΔW = −α·g / (|g| + ε) ≈ −α·sign(g)");
      g_string_append_c (s, '\n');
      break;
    default:
      break;
    }
  g_string_append (s, "  ");
  g_string_append (s, _("g = ∂L/∂W (for one sample xᵀδ) and ∂L/∂b = δ: the gradient; "
                        "ΔW, Δb: the step"));
  g_string_append_c (s, '\n');
}

char *
ps_explain_to_text (const PsExplain *self,
                    guint            max_terms)
{
  GString *s;
  const PsExplainLayer *last;
  g_autofree float *error = NULL;
  g_autofree char *alpha = NULL, *before = NULL, *after = NULL, *change = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  s = g_string_new (NULL);
  last = &self->layers[self->n_layers - 1];
  alpha = num (self->lr);

  /* the sample */
  append_vector (s, "", "x", "x", self->input, self->n_inputs, max_terms);
  if (self->n_outputs == 1)
    g_string_append_printf (s, "t = %u\n", self->target);
  else
    {
      /* Translators: the target of a sample with several output units: its
       * class, then the one-hot vector t that follows */
      g_autofree char *lhs = g_strdup_printf (_("t = class %u, one-hot t"), self->target);

      append_vector (s, "", lhs, "t", self->target_vector, self->n_outputs, max_terms);
    }

  /* forward */
  g_string_append_c (s, '\n');
  /* Translators: the forward pass's heading; %s is its formulas,
   * “z = x·W + b,  a = f(z)” */
  g_string_append_printf (s, _("Forward:  %s  (x of layer l is the a of layer l − 1)"),
                          "z = x·W + b,  a = f(z)");
  g_string_append_c (s, '\n');
  for (guint l = 0; l < self->n_layers; l++)
    {
      const PsExplainLayer *layer = &self->layers[l];

      g_autofree char *k = sup (l + 1);
      g_autofree char *w = g_strdup_printf ("W%s", k), *b = g_strdup_printf ("b%s", k);

      g_string_append (s, "  ");
      /* Translators: a layer's number, its inputs → units, its activation */
      g_string_append_printf (s, _("layer %u (%u → %u, %s)"), l + 1, layer->inputs, layer->units,
                              ps_activation_to_string (layer->activation));
      g_string_append_c (s, '\n');
      append_matrix (s, "    ", w, "W", self->params_before + layer->w_offset,
                     layer->inputs, layer->units, layer->dW, max_terms);
      append_vector (s, "    ", b, "b", self->params_before + layer->b_offset, layer->units, max_terms);
      append_vector (s, "    ", "z = x·W + b", "z", layer->z, layer->units, max_terms);
      append_vector (s, "    ", "a = f(z)   ", "a", layer->a, layer->units, max_terms);
    }

  /* error and loss */
  error = g_new (float, self->n_outputs);
  for (guint j = 0; j < self->n_outputs; j++)
    error[j] = self->target_vector[j] - last->a[j];
  /* the two labels padded to one width, so that their "=" align */
  {
    /* Translators: the network's output y; the “=” after this label and
     * the next one are aligned */
    const char *y_label = _("y = a of the last layer");
    /* Translators: the output's error, under “y = a of the last layer” */
    const char *e_label = _("error t − y");
    int width = (int) MAX (g_utf8_strlen (y_label, -1), g_utf8_strlen (e_label, -1));
    g_autofree char *y_lhs = g_strdup_printf ("%s%*s", y_label, width - (int) g_utf8_strlen (y_label, -1), "");
    g_autofree char *e_lhs = g_strdup_printf ("%s%*s", e_label, width - (int) g_utf8_strlen (e_label, -1), "");

    g_string_append (s, "\n");
    append_vector (s, "", y_lhs, "y", last->a, self->n_outputs, max_terms);
    append_vector (s, "", e_lhs, "e", error, self->n_outputs, max_terms);
  }
  before = num (self->loss_before);
  after = num (self->loss_after);
  change = num (self->loss_after - self->loss_before);
  /* Translators: the loss's name (as typed, “mse”), its value before and
   * after the step, and the change */
  g_string_append_printf (s, _("Loss (%s, as training reports it)  before: %s   after the step: %s   "
                               "(change %s)"), ps_loss_to_string (self->loss), before, after, change);
  g_string_append_c (s, '\n');
  g_string_append_printf (s, _("Predicted class  before: %u   after: %u"),
                          self->predicted_before, self->predicted_after);
  g_string_append_c (s, '\n');

  /* the step perceptron's rule first: it is what the notebook teaches, and
   * the general account below is the same step */
  if (self->delta_rule)
    {
      g_string_append (s, "\n");
      append_delta_rule (s, self, max_terms);
    }

  /* backward */
  g_string_append_c (s, '\n');
  /* Translators: the backward pass's heading: its formula “δ = ∂L/∂z”, the
   * reduction's name (as typed, “mean” or “sum”) */
  g_string_append_printf (s, _("Backward:  %s  (reduction %s; the notebook's δ is −∂L/∂z: same update)"),
                          "δ = ∂L/∂z", ps_reduction_to_string (self->reduction));
  g_string_append_c (s, '\n');
  for (guint l = self->n_layers; l-- > 0;)
    {
      const PsExplainLayer *layer = &self->layers[l];
      g_autofree char *formula = NULL;
      g_autofree char *lhs = NULL;
      g_autofree char *k = sup (l + 1), *k1 = sup (l + 2);

      if (l == self->n_layers - 1)
        formula = output_delta_formula (self, layer);
      else
        formula = g_strdup_printf ("δ%s = (δ%s · W%sᵀ) ⊙ f′(z),  %s", k, k1, k1,
                                   derivative_of (layer->activation));
      g_string_append (s, "  ");
      /* Translators: a layer's number and its δ as a formula */
      g_string_append_printf (s, _("layer %u: %s"), l + 1, formula);
      g_string_append_c (s, '\n');
      lhs = g_strdup_printf ("δ%s", k);
      append_vector (s, "    ", lhs, "δ", layer->delta, layer->units, max_terms);
    }

  /* the update */
  if (self->optimizer == PS_OPTIMIZER_DELTA || self->optimizer == PS_OPTIMIZER_SGD)
    {
      g_string_append_c (s, '\n');
      /* Translators: the rule's name (as typed, “sgd”), the learning rate,
       * the update as formulas */
      g_string_append_printf (s, _("Update (%s, α = %s):  %s"),
                              ps_optimizer_kind_to_string (self->optimizer), alpha,
                              "ΔW = −α·∂L/∂W = −α·xᵀδ,  Δb = −α·δ");
      g_string_append_c (s, '\n');
    }
  else
    append_optimizer_rule (s, self, alpha);
  for (guint l = 0; l < self->n_layers; l++)
    {
      const PsExplainLayer *layer = &self->layers[l];

      g_string_append (s, "  ");
      /* Translators: a layer's number, heading its update */
      g_string_append_printf (s, _("layer %u"), l + 1);
      g_string_append_c (s, '\n');
      if (self->optimizer != PS_OPTIMIZER_DELTA && self->optimizer != PS_OPTIMIZER_SGD)
        {
          append_matrix (s, "    ", "∂L/∂W = xᵀδ", "g", layer->gW, layer->inputs, layer->units,
                         layer->dW, max_terms);
          append_vector (s, "    ", "∂L/∂b = δ", "g", layer->gb, layer->units, max_terms);
        }
      append_matrix (s, "    ", "ΔW", "ΔW", layer->dW, layer->inputs, layer->units, NULL, max_terms);
      append_vector (s, "    ", "Δb", "Δb", layer->db, layer->units, max_terms);
      append_matrix (s, "    ", "W ← W + ΔW", "W", self->params_after + layer->w_offset,
                     layer->inputs, layer->units, layer->dW, max_terms);
      append_vector (s, "    ", "b ← b + Δb", "b", self->params_after + layer->b_offset,
                     layer->units, max_terms);
    }

  return g_string_free (s, FALSE);
}
