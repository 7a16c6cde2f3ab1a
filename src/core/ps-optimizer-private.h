/* ps-optimizer-private.h: a step applied by blocks, for the trainer's fast path
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Not installed, not part of the public contract.
 */
#pragma once

#include "ps-optimizer.h"

G_BEGIN_DECLS

/* ps_optimizer_begin_step() then ps_optimizer_apply_block() over disjoint
 * blocks covering the parameters = one ps_optimizer_step(), bit for bit. */
void ps_optimizer_begin_step  (PsOptimizer *self);
void ps_optimizer_apply_block (PsOptimizer *self,
                               float       *params,
                               const float *grad,
                               gsize        offset,
                               gsize        rows,
                               gsize        cols,
                               gsize        stride);

/* The current step's update of one parameter, for kernels that apply it
 * where the gradient is computed (no gradient buffer). kind SGD is
 * p ← p − lr · (g + wd · p) (DELTA too), ADAM is torch.optim.Adam with the
 * constants below; the kernels must do these float operations in this
 * order (ps-optimizer.c: step_sgd, step_adam). */
typedef enum
{
  PS_FUSED_NONE,     /* momentum, Nesterov: apply blocks instead */
  PS_FUSED_SGD,
  PS_FUSED_ADAM,
} PsFusedKind;

typedef struct
{
  PsFusedKind kind;
  float       lr;            /* SGD */
  float       wd;            /* both: weight decay (0: none) */
  float       b1, b2, one_b1, one_b2, step_size, bc2_sqrt, eps;   /* Adam */
  float      *m;             /* Adam's moments, n_params each */
  float      *v;
} PsFusedStep;

/* After ps_optimizer_begin_step(): the step as PsFusedStep. */
void ps_optimizer_get_fused   (PsOptimizer *self,
                               PsFusedStep *out);

G_END_DECLS
