/* test-gemm.c: ps_gemm (BLAS and small kernel) against the naive reference;
 * the RNG's contract
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "ps-gemm.h"
#include "ps-rng.h"

static void
fill (PsRng *rng,
      float *v,
      gsize  n)
{
  for (gsize i = 0; i < n; i++)
    v[i] = (float) ps_rng_range (rng, -1.0, 1.0);
}

/* op(A) m×k, op(B) k×n, with padded leading dimensions so strides matter. */
static void
check_case (PsRng    *rng,
            gboolean  ta,
            gboolean  tb,
            int       m,
            int       n,
            int       k,
            float     alpha,
            float     beta)
{
  int a_rows = ta ? k : m, a_cols = ta ? m : k;
  int b_rows = tb ? n : k, b_cols = tb ? k : n;
  int lda = a_cols + 3, ldb = b_cols + 1, ldc = n + 2;
  g_autofree float *a = g_new (float, (gsize) a_rows * lda);
  g_autofree float *b = g_new (float, (gsize) b_rows * ldb);
  g_autofree float *c0 = g_new (float, (gsize) m * ldc);
  g_autofree float *c1 = g_new (float, (gsize) m * ldc);
  g_autofree float *c2 = g_new (float, (gsize) m * ldc);

  fill (rng, a, (gsize) a_rows * lda);
  fill (rng, b, (gsize) b_rows * ldb);
  fill (rng, c0, (gsize) m * ldc);
  if (beta == 0.0f)
    for (gsize i = 0; i < (gsize) m * ldc; i += 7)
      c0[i] = NAN;   /* beta 0 must not read C */
  memcpy (c1, c0, sizeof (float) * m * ldc);
  memcpy (c2, c0, sizeof (float) * m * ldc);

  ps_gemm (ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, c1, ldc);
  ps_gemm_naive (ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, c2, ldc);

  for (int i = 0; i < m; i++)
    {
      for (int j = 0; j < n; j++)
        {
          float x = c1[i * ldc + j], y = c2[i * ldc + j];
          /* Each term is at most 1 in size: float error grows like k·ε. */
          float tol = 1e-6f * (k + 4) * (fabsf (alpha) + fabsf (beta) + 1.0f);

          if (!(fabsf (x - y) <= tol))
            g_error ("gemm %c%c %dx%dx%d alpha %g beta %g: C[%d,%d] = %.9g, naive %.9g",
                     ta ? 'T' : 'N', tb ? 'T' : 'N', m, n, k, alpha, beta, i, j, x, y);
        }
      /* The padding columns are never written. */
      for (int j = n; j < ldc; j++)
        g_assert_true (memcmp (&c1[i * ldc + j], &c0[i * ldc + j], sizeof (float)) == 0);
    }
}

static void
test_gemm_vs_naive (void)
{
  static const int sizes[][3] = {
    { 1, 1, 1 }, { 4, 3, 2 }, { 3, 1, 4 }, { 7, 5, 3 }, { 17, 13, 11 },
    { 33, 1, 65 }, { 1, 129, 31 }, { 64, 64, 64 }, { 31, 127, 257 }, { 100, 10, 784 },
    { 5, 3, 0 },
  };
  PsRng rng;

  ps_rng_seed (&rng, 42);
  for (gsize s = 0; s < G_N_ELEMENTS (sizes); s++)
    for (int ta = 0; ta < 2; ta++)
      for (int tb = 0; tb < 2; tb++)
        {
          check_case (&rng, ta, tb, sizes[s][0], sizes[s][1], sizes[s][2], 1.0f, 0.0f);
          check_case (&rng, ta, tb, sizes[s][0], sizes[s][1], sizes[s][2], -0.5f, 1.0f);
          check_case (&rng, ta, tb, sizes[s][0], sizes[s][1], sizes[s][2], 2.0f, 0.25f);
        }
}

static void
test_gemm_known (void)
{
  /* [1 2 3; 4 5 6] · [1 0; 0 1; 1 1] = [4 5; 10 11] */
  const float a[] = { 1, 2, 3, 4, 5, 6 };
  const float b[] = { 1, 0, 0, 1, 1, 1 };
  const float want[] = { 4, 5, 10, 11 };
  float c[4];

  ps_gemm (FALSE, FALSE, 2, 2, 3, 1.0f, a, 3, b, 2, 0.0f, c, 2);
  for (int i = 0; i < 4; i++)
    g_assert_cmpfloat (c[i], ==, want[i]);
  ps_gemm_naive (FALSE, FALSE, 2, 2, 3, 1.0f, a, 3, b, 2, 0.0f, c, 2);
  for (int i = 0; i < 4; i++)
    g_assert_cmpfloat (c[i], ==, want[i]);
}

static void
test_rng_reference (void)
{
  PsRng a, b;
  guint64 first[4];

  /* splitmix64(0) expanded state: the published first output of splitmix64
   * seeded with 0 is 0xe220a8397b1dcdaf. */
  ps_rng_seed (&a, 0);
  g_assert_cmphex (a.s[0], ==, G_GUINT64_CONSTANT (0xe220a8397b1dcdaf));

  /* Same seed, same stream; a copy forks it. */
  ps_rng_seed (&a, 1234);
  ps_rng_seed (&b, 1234);
  for (int i = 0; i < 4; i++)
    first[i] = ps_rng_next (&a);
  for (int i = 0; i < 4; i++)
    g_assert_cmphex (ps_rng_next (&b), ==, first[i]);
  b = a;
  g_assert_cmphex (ps_rng_next (&a), ==, ps_rng_next (&b));
  ps_rng_seed (&b, 1235);
  g_assert_cmphex (ps_rng_next (&b), !=, first[0]);
}

static void
test_rng_distributions (void)
{
  PsRng rng;
  const int n = 200000;
  double sum = 0, sum2 = 0, nsum = 0, nsum2 = 0;
  guint counts[7] = { 0 };

  ps_rng_seed (&rng, 7);
  for (int i = 0; i < n; i++)
    {
      double u = ps_rng_uniform (&rng);
      double r = ps_rng_range (&rng, -0.5, 0.5);
      double z = ps_rng_normal (&rng);
      guint32 k = ps_rng_below (&rng, 7);

      g_assert_cmpfloat (u, >=, 0.0);
      g_assert_cmpfloat (u, <, 1.0);
      g_assert_cmpfloat (r, >=, -0.5);
      g_assert_cmpfloat (r, <, 0.5);
      g_assert_cmpuint (k, <, 7);
      sum += u;
      sum2 += u * u;
      nsum += z;
      nsum2 += z * z;
      counts[k]++;
    }
  /* Mean/variance within many standard errors of U(0,1) and N(0,1). */
  g_assert_cmpfloat (fabs (sum / n - 0.5), <, 0.005);
  g_assert_cmpfloat (fabs (sum2 / n - sum / n * sum / n - 1.0 / 12), <, 0.003);
  g_assert_cmpfloat (fabs (nsum / n), <, 0.015);
  g_assert_cmpfloat (fabs (nsum2 / n - 1.0), <, 0.02);
  for (int k = 0; k < 7; k++)
    g_assert_cmpfloat (fabs (counts[k] / (double) n - 1.0 / 7), <, 0.005);
}

static void
test_rng_shuffle (void)
{
  PsRng rng;
  guint32 idx[10];
  guint seen_first[10] = { 0 };

  ps_rng_seed (&rng, 99);
  for (int trial = 0; trial < 5000; trial++)
    {
      guint mask = 0;

      for (int i = 0; i < 10; i++)
        idx[i] = i;
      ps_rng_shuffle (&rng, idx, 10);
      for (int i = 0; i < 10; i++)
        mask |= 1u << idx[i];
      g_assert_cmphex (mask, ==, 0x3ff);   /* a permutation */
      seen_first[idx[0]]++;
    }
  for (int i = 0; i < 10; i++)
    g_assert_cmpuint (seen_first[i], >, 380);   /* ~500 each */
  ps_rng_shuffle (&rng, idx, 0);
  ps_rng_shuffle (&rng, idx, 1);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/gemm/known", test_gemm_known);
  g_test_add_func ("/gemm/vs-naive", test_gemm_vs_naive);
  g_test_add_func ("/rng/reference", test_rng_reference);
  g_test_add_func ("/rng/distributions", test_rng_distributions);
  g_test_add_func ("/rng/shuffle", test_rng_shuffle);
  return g_test_run ();
}
