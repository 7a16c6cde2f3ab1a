/* ps-gemm.c: the one GEMM entry point of the engine
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ps-gemm.h"

#include <cblas.h>

#include "ps-kernels.h"

/* Below this many multiply-adds a BLAS call costs more than the work (the
 * notebook's gate networks are a few dozen): a plain loop does it. */
#define PS_GEMM_SMALL 4096
/* Up to this many, an MLP step's products: our AVX2 kernels (one thread, no
 * packing, no dispatch) beat OpenBLAS's, whose threads then also stay out of
 * the way of the trainer's. Bigger ones (evaluating 512 rows at once) go to
 * OpenBLAS and its threads. */
#define PS_GEMM_KERNEL_MAX (1 << 23)

#define A_AT(i, p) (trans_a ? a[(gsize) (p) * lda + (i)] : a[(gsize) (i) * lda + (p)])
#define B_AT(p, j) (trans_b ? b[(gsize) (j) * ldb + (p)] : b[(gsize) (p) * ldb + (j)])

static void
gemm_small (gboolean     trans_a,
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
            int          ldc)
{
  for (int i = 0; i < m; i++)
    {
      float *crow = c + (gsize) i * ldc;

      for (int j = 0; j < n; j++)
        {
          float acc = 0.0f;

          for (int p = 0; p < k; p++)
            acc += A_AT (i, p) * B_AT (p, j);
          /* beta == 0 must not read C (BLAS semantics: C may hold NaN). */
          crow[j] = beta == 0.0f ? alpha * acc : alpha * acc + beta * crow[j];
        }
    }
}

/**
 * ps_gemm:
 *
 * C (m × n) = alpha · op(A) · op(B) + beta · C, row-major. With beta 0, C is
 * only written. Tiny products run a plain loop, small ones (C = op(A)·B) the
 * AVX2 kernels of ps-kernels.c where the CPU has them, the rest CBLAS sgemm.
 */
void
ps_gemm (gboolean     trans_a,
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
         int          ldc)
{
  if (m <= 0 || n <= 0)
    return;
  if (k <= 0)
    {
      for (int i = 0; i < m; i++)
        for (int j = 0; j < n; j++)
          c[(gsize) i * ldc + j] = beta == 0.0f ? 0.0f : beta * c[(gsize) i * ldc + j];
      return;
    }
  if ((gint64) m * n * k <= PS_GEMM_SMALL)
    {
      gemm_small (trans_a, trans_b, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
      return;
    }
  if (!trans_b && alpha == 1.0f && beta == 0.0f
      && (gint64) m * n * k <= PS_GEMM_KERNEL_MAX && ps_kernels_available ())
    {
      ps_kernel_gemm (trans_a, m, 0, n, k, a, lda, b, ldb, c, ldc, NULL);
      return;
    }
  cblas_sgemm (CblasRowMajor,
               trans_a ? CblasTrans : CblasNoTrans,
               trans_b ? CblasTrans : CblasNoTrans,
               m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
}

void
ps_gemm_naive (gboolean     trans_a,
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
               int          ldc)
{
  for (int i = 0; i < m; i++)
    for (int j = 0; j < n; j++)
      {
        double acc = 0.0;
        float *cij = c + (gsize) i * ldc + j;

        for (int p = 0; p < k; p++)
          acc += (double) A_AT (i, p) * (double) B_AT (p, j);
        *cij = (float) (beta == 0.0f ? alpha * acc : alpha * acc + (double) beta * *cij);
      }
}
