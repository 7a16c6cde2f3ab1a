/* ps-explain.h: the numbers of one training update on one sample
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the notebook teaches, for one sample: the forward pass (z = x·W + b,
 * a = f(z) per layer), the error and the loss, the deltas δ = ∂L/∂z of
 * backpropagation, the changes ΔW = −α·∂L/∂W = −α·xᵀδ and Δb = −α·δ, and
 * the new weights. For the step perceptron that change is the delta rule,
 * w ← w + α (t − y) x. The numbers are the engine's own: the gradient is
 * ps_network_gradient() on a batch of one, the step ps_optimizer_step(),
 * so the new weights are those one online step of training gives.
 */
#pragma once

#include <glib.h>

#include "ps-dataset.h"
#include "ps-network.h"
#include "ps-optimizer.h"

G_BEGIN_DECLS

#define PS_EXPLAIN_ERROR (ps_explain_error_quark ())

typedef enum
{
  PS_EXPLAIN_ERROR_RANGE,       /* sample index or label out of range */
  PS_EXPLAIN_ERROR_OPTIMIZER,   /* an unknown rule, or a learning rate that is not positive */
  PS_EXPLAIN_ERROR_MISMATCH,    /* the data does not fit the network */
} PsExplainError;

/* One layer of the update. Arrays are owned by the PsExplain. */
typedef struct
{
  guint         inputs;
  guint         units;
  PsActivation  activation;
  gsize         w_offset;   /* W in params_before/params_after: inputs × units */
  gsize         b_offset;   /* b: units */
  float        *z;          /* units: x·W + b, x the layer's input */
  float        *a;          /* units: f(z), the layer's output */
  float        *delta;      /* units: ∂L/∂z */
  float        *dW;         /* inputs × units, laid out as W: the change the
                             * step makes (−α·∂L/∂W for delta and sgd) */
  float        *db;         /* units: the change of b (−α·∂L/∂b) */
  float        *gW;         /* inputs × units: ∂L/∂W, the engine's gradient */
  float        *gb;         /* units: ∂L/∂b */
} PsExplainLayer;

typedef struct
{
  gint64           sample;          /* index in its dataset; −1 when unknown */
  guint            n_inputs;
  float           *input;           /* n_inputs: x as the network sees it (scaled) */
  guint32          target;          /* the label: class index (0/1 for one output unit) */
  guint            n_outputs;
  float           *target_vector;   /* n_outputs: t as the loss sees the label:
                                     * the label itself for one unit, one-hot else */
  PsLoss           loss;
  PsReduction      reduction;       /* effective: the delta rule always sums */
  PsOptimizerKind  optimizer;       /* the learning rule */
  double           lr;              /* α */
  double           momentum;        /* μ (momentum, nesterov) */
  double           beta1;           /* Adam's β₁, β₂, ε */
  double           beta2;
  double           epsilon;
  float            loss_scale;      /* the reduction's factor in the output δ
                                     * (1 for sum; 2/K for mean MSE, ...) */
  gboolean         delta_rule;      /* one step layer: the perceptron's delta rule */
  double           loss_before;     /* this sample's loss, as training reports it */
  double           loss_after;      /* the same with params_after */
  guint32          predicted_before;
  guint32          predicted_after;
  float           *output_after;    /* n_outputs: the outputs with params_after */
  guint            n_layers;
  PsExplainLayer  *layers;
  gsize            n_params;
  float           *params_before;   /* n_params: the network's, copied */
  float           *params_after;    /* n_params: after the step */
} PsExplain;

GQuark      ps_explain_error_quark   (void);

/* One update of @net on the sample (@x, @label), computed, not applied.
 * @x: n_inputs values, scaled as the network is fed (ps_network_scale_dataset).
 * @label: the class index, below MAX (n_outputs, 2).
 * @kind: PS_OPTIMIZER_DELTA (the gradient summed whatever @reduction, as
 *   the trainer does), PS_OPTIMIZER_SGD, or momentum, nesterov and adam
 *   with ps_optimizer_config_init()'s constants (see
 *   ps_explain_update_config()).
 * @lr: α, positive and finite.
 * @error: PS_EXPLAIN_ERROR_*, or PS_NETWORK_ERROR_SPEC when @loss does not
 *   fit the output layer (ps_network_check_loss).
 *
 * params_after equals the weights after ps_trainer_run() runs one epoch on
 * this one sample (batch 1, no shuffle, the same loss, reduction, optimizer
 * and lr, no weight decay); exactly so for networks the trainer runs on its
 * plain path (under 16384 weights), up to the fast path's summation order
 * (a few float ulps) for larger ones.
 *
 * Returns: (transfer full) (nullable): free with ps_explain_free()
 */
PsExplain  *ps_explain_update        (const PsNetwork  *net,
                                      const float      *x,
                                      guint32           label,
                                      PsLoss            loss,
                                      PsReduction       reduction,
                                      PsOptimizerKind   kind,
                                      double            lr,
                                      GError          **error);
/* ps_explain_update() with the rule, α and constants of @config (its
 * weight decay is not applied: l2 is taken as 0). With momentum, nesterov
 * or adam the step is the first step of a fresh optimizer of that kind (the
 * moments of a run are not kept): dW, db are that step, gW, gb the
 * gradient, and params_before + dW equals params_after exactly.
 * Returns: (transfer full) (nullable) */
PsExplain  *ps_explain_update_config (const PsNetwork         *net,
                                      const float             *x,
                                      guint32                  label,
                                      PsLoss                   loss,
                                      PsReduction              reduction,
                                      const PsOptimizerConfig *config,
                                      GError                 **error);
/* ps_explain_update() on sample @sample of @data (its scaled features and
 * its label); sets ->sample. @error: PS_EXPLAIN_ERROR_RANGE naming the
 * valid range, PS_EXPLAIN_ERROR_MISMATCH when the features do not fit.
 * Returns: (transfer full) (nullable) */
PsExplain  *ps_explain_update_sample (const PsNetwork  *net,
                                      const PsDataset  *data,
                                      gsize             sample,
                                      PsLoss            loss,
                                      PsReduction       reduction,
                                      PsOptimizerKind   kind,
                                      double            lr,
                                      GError          **error);
/* ps_explain_update_sample() with ps_explain_update_config()'s @config.
 * Returns: (transfer full) (nullable) */
PsExplain  *ps_explain_update_sample_config (const PsNetwork         *net,
                                             const PsDataset         *data,
                                             gsize                    sample,
                                             PsLoss                   loss,
                                             PsReduction              reduction,
                                             const PsOptimizerConfig *config,
                                             GError                 **error);
/* Performs that update: copies params_after into @net, which must have the
 * shape the update was computed on (FALSE, a critical, and @net unchanged
 * otherwise). The "step one sample" of the app. */
gboolean    ps_explain_apply         (const PsExplain  *self,
                                      PsNetwork        *net);
void        ps_explain_free          (PsExplain        *self);

/* One JSON object: "sample" (null when unknown), "input", "target",
 * "target_vector", "layers": [{"units", "inputs", "activation", "z", "a",
 * "delta", "dW" (inputs arrays of units), "db", "grad_W", "grad_b", "W",
 * "b", "W_new", "b_new"}], "output", "error" (t − output), "loss_before", "loss_after",
 * "output_after", "predicted_before", "predicted_after", "loss",
 * "reduction", "optimizer", "lr", "delta_rule"; "momentum" for momentum
 * and nesterov, "beta1", "beta2", "epsilon" for adam. Every value, none elided;
 * each float exactly (its value as a double); non-finite numbers are null.
 * Returns: (transfer full): the text, free with g_free() */
char       *ps_explain_to_json       (const PsExplain  *self);
/* The readable account in the notebook's notation (x, t, z = x·W + b,
 * a = f(z), error, loss before/after, δ, ΔW = −α·∂L/∂W, Δb, new weights;
 * for the step perceptron the delta rule w ← w + α (t − y) x with each
 * term's value), aligned for a monospace font. A vector or matrix of more
 * than 3 × @max_terms values (784 inputs) shows its @max_terms largest
 * |values| with their indices and says how many it leaves out; 0 shows
 * everything.
 * Returns: (transfer full): the text, free with g_free() */
char       *ps_explain_to_text       (const PsExplain  *self,
                                      guint             max_terms);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PsExplain, ps_explain_free)

G_END_DECLS
