/* ps-kernels.h: small-matrix GEMM kernels with fused epilogues (private)
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Register-blocked AVX2/FMA micro-kernels for the shapes an MLP's training
 * step has (a batch of 32–256 rows against layers of a few to a few hundred
 * units), where a BLAS call spends more time packing and dispatching than
 * multiplying. Chosen at run time: ps_kernels_available() is FALSE on a CPU
 * without AVX2 and FMA, and callers then use ps_gemm().
 *
 * Every output element is one dot product accumulated in the same order
 * (k = 0, 1, …) whatever the column range or the row blocking, so splitting
 * a product across threads by columns or rows never changes its value.
 */
#pragma once

#include <glib.h>

#include "ps-network.h"
#include "ps-optimizer-private.h"

G_BEGIN_DECLS

typedef enum
{
  PS_EPILOGUE_STORE,      /* c = acc */
  PS_EPILOGUE_BIAS_ACT,   /* c = f(acc + bias[j]), f linear, relu or step */
  PS_EPILOGUE_DERIV,      /* c = acc · f'(y[i, j]) from the layer's outputs y */
  PS_EPILOGUE_OPTIMIZER,  /* c holds parameters: the optimizer's update with
                           * gradient acc (opt; k ≤ PS_KERNEL_FUSED_MAX_K) */
} PsEpilogueKind;

/* The optimizer epilogue needs the whole sum at once: no slices of k. */
#define PS_KERNEL_FUSED_MAX_K 256

typedef struct
{
  PsEpilogueKind kind;
  PsActivation   act;
  const float   *bias;    /* BIAS_ACT: indexed by the absolute column */
  const float   *y;       /* DERIV: y[i * ldy + j] */
  int            ldy;
  const PsFusedStep *opt; /* OPTIMIZER: the step; its m, v at offset */
  gsize          offset;  /* OPTIMIZER: C's index in the parameter buffer */
  /* OPTIMIZER, optional: the updated parameters are also stored in panel
   * layout: C[i, j] at panel[(j / 16) · panel_stride + i · 16 + j % 16]
   * (column blocks of C start at multiples of 16). */
  float         *panel;
  gsize          panel_stride;
} PsEpilogue;

gboolean ps_kernels_available (void);

/* C[i, j] = epilogue (Σ_p op(A)[i, p] · B[p, j]) for i in [0, m), j in
 * [n0, n1), row-major with row strides lda, ldb, ldc.
 * a_trans FALSE: op(A)[i, p] = a[i·lda + p]  (A is m × k)
 * a_trans TRUE:  op(A)[i, p] = a[p·lda + i]  (A is k × m)
 * k may be 0 (acc = 0). epilogue NULL: STORE. */
void     ps_kernel_gemm       (gboolean          a_trans,
                               int               m,
                               int               n0,
                               int               n1,
                               int               k,
                               const float      *a,
                               int               lda,
                               const float      *b,
                               int               ldb,
                               float            *c,
                               int               ldc,
                               const PsEpilogue *epilogue);

/* out[j − c0] = Σ_r m[r·ld + j] for j in [c0, c1), summed from 0 in row
 * order (r = 0, 1, …), as the scalar loop would: a bias gradient. */
void     ps_kernel_column_sums (float           *out,
                                const float     *m,
                                int              ld,
                                int              rows,
                                int              c0,
                                int              c1);

/* dst (cols × rows, row stride ldd) = srcᵀ for src rows × cols (stride lds). */
void     ps_kernel_transpose  (float            *dst,
                               int               ldd,
                               const float      *src,
                               int               lds,
                               int               rows,
                               int               cols);

/* out (n × nf) = bytes / 255 (exactly (float) v / 255.0f, the dataset's unit
 * scaling), rows idx[0..n) of x_u8 (n_samples × nf). */
void     ps_kernel_gather_u8_unit (float         *out,
                                   const guint8  *x_u8,
                                   gsize          nf,
                                   const guint32 *idx,
                                   gsize          n);

G_END_DECLS
