/* ps-optimizer.h: learning rules over the flat parameter buffer
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  PS_OPTIMIZER_DELTA,       /* perceptron delta rule: W += α Xᵀ(y − ŷ) (plain step on the sum gradient) */
  PS_OPTIMIZER_SGD,
  PS_OPTIMIZER_MOMENTUM,
  PS_OPTIMIZER_NESTEROV,
  PS_OPTIMIZER_ADAM,
} PsOptimizerKind;

typedef struct
{
  PsOptimizerKind kind;
  double          lr;
  double          momentum;     /* momentum/nesterov: 0.9 by default */
  double          beta1;        /* adam: 0.9 */
  double          beta2;        /* adam: 0.999 */
  double          epsilon;      /* adam: 1e-8 */
  double          l2;           /* weight decay added to the gradient: g += l2 · w (PyTorch weight_decay) */
} PsOptimizerConfig;

typedef struct _PsOptimizer PsOptimizer;

const char  *ps_optimizer_kind_to_string   (PsOptimizerKind kind);
gboolean     ps_optimizer_kind_from_string (const char      *s,
                                            PsOptimizerKind *out);
void         ps_optimizer_config_init      (PsOptimizerConfig *config,
                                            PsOptimizerKind    kind);

PsOptimizer *ps_optimizer_new    (const PsOptimizerConfig *config,
                                  gsize                    n_params);
void         ps_optimizer_free   (PsOptimizer             *self);
void         ps_optimizer_reset  (PsOptimizer             *self);
/* Learning rate may change between steps (the UI's live slider). */
void         ps_optimizer_set_lr (PsOptimizer             *self,
                                  double                   lr);
/* Steps taken since creation or the last reset. */
guint64      ps_optimizer_get_step (PsOptimizer           *self);
/* One update of params from grad (both n_params); PyTorch's semantics. */
void         ps_optimizer_step   (PsOptimizer             *self,
                                  float                   *params,
                                  const float             *grad);

G_END_DECLS
