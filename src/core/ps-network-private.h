/* ps-network-private.h: layer functions shared with the trainer's fast path
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Not installed, not part of the public contract: the pieces of
 * ps-network.c's forward/backward that ps-train-fast.c reuses so that both
 * paths do the same arithmetic.
 */
#pragma once

#include "ps-network.h"

G_BEGIN_DECLS

/* y (batch × units, row stride ldy) = f(y + b). Softmax needs whole rows. */
void   ps_network_bias_activation     (float           *y,
                                       gsize            ldy,
                                       const float     *b,
                                       PsActivation     act,
                                       gsize            batch,
                                       guint            units);
/* d (batch × units, contiguous): dL/dy in, dL/dz out, given outputs y. */
void   ps_network_activation_backward (float           *d,
                                       const float     *y,
                                       PsActivation     act,
                                       gsize            batch,
                                       guint            units);
/* dz (batch × K) = dL/dz of the output layer from its outputs y, the loss
 * fused; scale folds the reduction in. Returns the summed per-sample loss,
 * adds to *sq_error and (if not NULL) *correct. */
double ps_network_output_gradient     (float           *dz,
                                       const float     *y,
                                       const guint32   *labels,
                                       const PsNetwork *net,
                                       PsLoss           loss,
                                       float            scale,
                                       gsize            batch,
                                       guint            n_outputs,
                                       double          *sq_error,
                                       guint           *correct);
/* The output gradient's factor for a reduction over norm_batch samples. */
float  ps_network_loss_scale          (PsLoss           loss,
                                       PsReduction      reduction,
                                       gsize            norm_batch,
                                       guint            n_outputs);

G_END_DECLS
