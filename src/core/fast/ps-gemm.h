/* ps-gemm.h: the one GEMM entry point of the engine
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* C (m × n) = alpha · op(A) · op(B) + beta · C, row-major, op = transpose when
 * trans_x is TRUE. lda/ldb/ldc are the row strides of the stored matrices.
 * Goes to CBLAS sgemm (or a small-matrix kernel where that is faster). */
void ps_gemm       (gboolean     trans_a,
                    gboolean     trans_b,
                    int          m,
                    int          n,
                    int          k,
                    float        alpha,
                    const float *a,
                    int          lda,
                    const float *b,
                    int          ldb,
                    float        beta,
                    float       *c,
                    int          ldc);
/* Same contract, triple loop in double accumulators: the reference for tests. */
void ps_gemm_naive (gboolean     trans_a,
                    gboolean     trans_b,
                    int          m,
                    int          n,
                    int          k,
                    float        alpha,
                    const float *a,
                    int          lda,
                    const float *b,
                    int          ldb,
                    float        beta,
                    float       *c,
                    int          ldc);

G_END_DECLS
