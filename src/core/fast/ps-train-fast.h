/* ps-train-fast.h: the trainer's fast path for one batch (private)
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Gather, forward, backward and the optimizer's update of one batch in one
 * pass, on the small-GEMM kernels (ps-kernels.h) and, for big enough layers,
 * on several threads. Same arithmetic as ps_network_gradient_full() +
 * ps_optimizer_step() except the dot products' summation order, and the
 * result does not depend on the number of threads.
 */
#pragma once

#include "ps-dataset.h"
#include "ps-network.h"
#include "ps-optimizer.h"

G_BEGIN_DECLS

typedef struct _PsTrainFast PsTrainFast;

/* NULL when the fast path does not apply (no AVX2/FMA, or a network too small
 * to gain from it). n_threads 0: automatic. The network, optimizer and grad
 * (n_params floats) are borrowed. */
PsTrainFast *ps_train_fast_new       (PsNetwork     *net,
                                      PsOptimizer   *optimizer,
                                      float         *grad,
                                      PsLoss         loss,
                                      PsReduction    reduction,
                                      gsize          max_batch,
                                      guint          n_threads);
void         ps_train_fast_free      (PsTrainFast   *self);
/* Call whenever the network's weights change outside
 * ps_train_fast_batch() (restored, loaded, stepped on the plain path): the
 * fast path keeps a copy of them in its own layout. */
void         ps_train_fast_invalidate (PsTrainFast  *self);
guint        ps_train_fast_n_threads (PsTrainFast   *self);
gsize        ps_train_fast_max_batch (PsTrainFast   *self);
/* Samples idx[0..b) of data: one optimizer step from their gradient (mean
 * reduction over b). Returns the batch's summed loss; adds to *correct and
 * *sq_error. next_idx[0..next_b) (may be NULL) are the next batch's samples:
 * their rows are prefetched. */
double       ps_train_fast_batch     (PsTrainFast     *self,
                                      const PsDataset *data,
                                      const guint32   *idx,
                                      gsize            b,
                                      const guint32   *next_idx,
                                      gsize            next_b,
                                      guint           *correct,
                                      double          *sq_error);

G_END_DECLS
