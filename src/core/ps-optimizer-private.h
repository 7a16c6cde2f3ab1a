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

G_END_DECLS
