/* ps-kernels.c: small-matrix GEMM kernels with fused epilogues
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A tile of up to 6 rows × 16 columns lives in 12 ymm accumulators; per step
 * of k it takes 2 loads of B, one broadcast of A per row and 12 FMAs, which
 * keeps both FMA pipes busy without packing (the operands of an MLP step
 * fit in L1/L2 already). The epilogue (bias + activation, or the activation's
 * derivative) runs on the registers before the one store.
 *
 * The epilogues do the same float operations, in the same order, as the
 * scalar code of ps-network.c (bias_activation, activation_backward), so only
 * the dot products' rounding differs from the BLAS path.
 */
#include "config.h"

#include "ps-kernels.h"

#include <string.h>

#if defined(__x86_64__) && defined(__GNUC__)
#define PS_HAVE_X86_KERNELS 1
#include <immintrin.h>
#endif

static void
column_sums_scalar (float       *out,
                    const float *m,
                    int          ld,
                    int          rows,
                    int          c0,
                    int          c1)
{
  for (int j = c0; j < c1; j++)
    out[j - c0] = 0.0f;
  for (int r = 0; r < rows; r++)
    for (int j = c0; j < c1; j++)
      out[j - c0] += m[(gsize) r * ld + j];
}

#ifdef PS_HAVE_X86_KERNELS

#define TARGET __attribute__ ((target ("avx2,fma")))
#define INLINE static inline __attribute__ ((always_inline, target ("avx2,fma")))

gboolean
ps_kernels_available (void)
{
  static gsize done = 0;
  static gboolean ok = FALSE;

  if (g_once_init_enter (&done))
    {
      __builtin_cpu_init ();
      ok = __builtin_cpu_supports ("avx2") && __builtin_cpu_supports ("fma");
      g_once_init_leave (&done, 1);
    }
  return ok;
}

static const PsEpilogue store_epilogue = { PS_EPILOGUE_STORE, PS_ACTIVATION_LINEAR, NULL, NULL, 0 };

/* Lanes [0, n) of a vector, n in [1, 8]. */
INLINE __m256i
lane_mask (int n)
{
  static const gint32 ramp[16] = { -1, -1, -1, -1, -1, -1, -1, -1, 0, 0, 0, 0, 0, 0, 0, 0 };

  return _mm256_loadu_si256 ((const __m256i *) (ramp + 8 - n));
}

INLINE __m256
load_n (const float *p,
        int          n,
        __m256i      mask)
{
  return n == 8 ? _mm256_loadu_ps (p) : _mm256_maskload_ps (p, mask);
}

INLINE void
store_n (float   *p,
         __m256   v,
         int      n,
         __m256i  mask)
{
  if (n == 8)
    _mm256_storeu_ps (p, v);
  else
    _mm256_maskstore_ps (p, mask, v);
}

/* The epilogue of one vector: acc of row i, columns [j, j + n). */
INLINE __m256
epilogue_apply (__m256            acc,
                const PsEpilogue *e,
                int               i,
                int               j,
                int               n,
                __m256i           mask)
{
  const __m256 zero = _mm256_setzero_ps ();
  const __m256 one = _mm256_set1_ps (1.0f);

  switch (e->kind)
    {
    case PS_EPILOGUE_STORE:
      return acc;

    case PS_EPILOGUE_BIAS_ACT:
      {
        __m256 z = _mm256_add_ps (acc, load_n (e->bias + j, n, mask));

        switch (e->act)
          {
          case PS_ACTIVATION_RELU:
            /* z > 0 ? z : 0, NaN and −0 included: maxps returns its second
             * operand unless the first is greater. */
            return _mm256_max_ps (z, zero);
          case PS_ACTIVATION_STEP:
            return _mm256_and_ps (_mm256_cmp_ps (z, zero, _CMP_GT_OQ), one);
          default:
            return z;
          }
      }

    case PS_EPILOGUE_DERIV:
      {
        __m256 y = load_n (e->y + (gsize) i * e->ldy + j, n, mask);

        switch (e->act)
          {
          case PS_ACTIVATION_RELU:
            return _mm256_and_ps (_mm256_cmp_ps (y, zero, _CMP_GT_OQ), acc);
          case PS_ACTIVATION_SIGMOID:
            return _mm256_mul_ps (acc, _mm256_mul_ps (y, _mm256_sub_ps (one, y)));
          case PS_ACTIVATION_TANH:
            return _mm256_mul_ps (acc, _mm256_sub_ps (one, _mm256_mul_ps (y, y)));
          default:
            return acc;
          }
      }

    default:
      return acc;
    }
}

/* The optimizer's step, its constants in registers: read once per tile, not
 * after every store to the parameters (which might alias them). */
typedef struct
{
  gboolean adam, decay;
  __m256   lr, wd, b1, b2, one_b1, one_b2, step_size, bc2_sqrt, eps;
  float   *m, *v;
} OptRegs;

INLINE void
opt_regs_init (OptRegs           *r,
               const PsFusedStep *o)
{
  r->adam = o->kind == PS_FUSED_ADAM;
  r->decay = o->wd != 0.0f;
  r->lr = _mm256_set1_ps (o->lr);
  r->wd = _mm256_set1_ps (o->wd);
  r->b1 = _mm256_set1_ps (o->b1);
  r->b2 = _mm256_set1_ps (o->b2);
  r->one_b1 = _mm256_set1_ps (o->one_b1);
  r->one_b2 = _mm256_set1_ps (o->one_b2);
  r->step_size = _mm256_set1_ps (o->step_size);
  r->bc2_sqrt = _mm256_set1_ps (o->bc2_sqrt);
  r->eps = _mm256_set1_ps (o->eps);
  r->m = o->m;
  r->v = o->v;
}

/* The optimizer's step on parameters pp[0..n) with gradient g; idx is pp's
 * index in the parameter buffer (for Adam's moments). The same float
 * operations in the same order as step_sgd / step_adam of ps-optimizer.c. */
INLINE __m256
optimizer_store (float         *pp,
                 __m256         g,
                 const OptRegs *o,
                 gsize          idx,
                 int            n,
                 __m256i        mask)
{
  __m256 p = load_n (pp, n, mask);

  if (!o->adam)
    {
      if (o->decay)
        p = _mm256_sub_ps (p, _mm256_mul_ps (o->lr, _mm256_add_ps (g, _mm256_mul_ps (o->wd, p))));
      else
        p = _mm256_sub_ps (p, _mm256_mul_ps (o->lr, g));
    }
  else
    {
      float *mp = o->m + idx, *vp = o->v + idx;
      __m256 d = o->decay ? _mm256_add_ps (g, _mm256_mul_ps (o->wd, p)) : g;
      __m256 mi = _mm256_add_ps (_mm256_mul_ps (load_n (mp, n, mask), o->b1),
                                 _mm256_mul_ps (o->one_b1, d));
      __m256 vi = _mm256_add_ps (_mm256_mul_ps (load_n (vp, n, mask), o->b2),
                                 _mm256_mul_ps (_mm256_mul_ps (o->one_b2, d), d));
      __m256 denom = _mm256_add_ps (_mm256_div_ps (_mm256_sqrt_ps (vi), o->bc2_sqrt), o->eps);

      store_n (mp, mi, n, mask);
      store_n (vp, vi, n, mask);
      p = _mm256_sub_ps (p, _mm256_div_ps (_mm256_mul_ps (o->step_size, mi), denom));
    }
  store_n (pp, p, n, mask);
  return p;
}

/* The epilogue of a tile (not the optimizer's: that one runs in the tile):
 * sums acc (mr × width ≤ 6 × 16, row stride 16) of rows [i0, i0 + mr) and
 * columns [j0, j0 + width) of C, written to C. */
static TARGET void
epilogue_block (const float      *acc,
                float            *c,
                int               ldc,
                int               mr,
                int               width,
                int               i0,
                int               j0,
                const PsEpilogue *e)
{
  int n0 = MIN (8, width), n1 = width - n0;
  __m256i m0 = lane_mask (n0), m1 = lane_mask (MAX (n1, 1));

  for (int r = 0; r < mr; r++)
    {
      const float *ar = acc + r * 16;
      float *cr = c + (gsize) r * ldc;

      store_n (cr, epilogue_apply (load_n (ar, n0, m0), e, i0 + r, j0, n0, m0), n0, m0);
      if (n1 > 0)
        store_n (cr + 8, epilogue_apply (load_n (ar + 8, n1, m1), e, i0 + r, j0 + 8, n1, m1),
                 n1, m1);
    }
}

/* One tile: MR rows (≤ 6) × NV vectors (1 or 2) of 8 columns; when MASKED
 * the last vector has only nlast valid lanes. Sums over kc steps of k, from
 * init (NULL: 0; else partial sums, row stride ldi) into out (row stride
 * ldo). Accumulators are named variables, not an array, so that they stay
 * in registers. Each variant is compiled once (tile_* below). With OPT, out
 * holds parameters (index idx in the buffer) and the optimizer's step is
 * applied from the registers (the weight gradient, every tile); the other
 * epilogues run on stored sums, in epilogue_block() (once per tile of a
 * layer's outputs). */
INLINE void
tile (const int          MR,
      const int          NV,
      const gboolean     MASKED,
      const gboolean     a_trans,
      const gboolean     OPT,
      const PsEpilogue  *e,
      gsize              idx,
      int                nlast,
      int                kc,
      const float       *a,
      int                lda,
      const float       *b,
      int                ldb,
      const float       *init,
      int                ldi,
      float             *out,
      int                ldo,
      float             *pan)
{
  const __m256i mask = lane_mask (MASKED ? nlast : 8);
  const gsize a_rs = a_trans ? 1 : (gsize) lda;   /* step between rows of op(A) */
  const gsize a_ks = a_trans ? (gsize) lda : 1;   /* step along k */
  __m256 c00 = _mm256_setzero_ps (), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00;
  __m256 c30 = c00, c31 = c00, c40 = c00, c41 = c00, c50 = c00, c51 = c00;
  const float *bp = b;

  if (init != NULL)
    {
      /* A later slice of k: go on from the partial sums. */
#define LOAD(r) \
      if (MR > r) \
        { \
          const float *cr = init + (gsize) r * ldi; \
          if (NV == 1) \
            c##r##0 = MASKED ? _mm256_maskload_ps (cr, mask) : _mm256_loadu_ps (cr); \
          else \
            { \
              c##r##0 = _mm256_loadu_ps (cr); \
              c##r##1 = MASKED ? _mm256_maskload_ps (cr + 8, mask) : _mm256_loadu_ps (cr + 8); \
            } \
        }
      LOAD (0) LOAD (1) LOAD (2) LOAD (3) LOAD (4) LOAD (5)
#undef LOAD
    }

  /* Not unrolled: unrolling makes GCC spill accumulators. Rows of A are
   * addressed from two pointers (even and odd rows) and one index register
   * (two rows' stride, scaled by 1 and 2): with a pointer per row, GCC runs
   * out of general registers and reloads them from the stack every step. */
  const float *a_even = a, *a_odd = a + a_rs;
  const gsize s2 = 2 * a_rs;

#pragma GCC unroll 1
  for (int p = 0; p < kc; p++, a_even += a_ks, a_odd += a_ks, bp += ldb)
    {
      __m256 b0, b1 = _mm256_setzero_ps (), av;

      if (NV == 1)
        b0 = MASKED ? _mm256_maskload_ps (bp, mask) : _mm256_loadu_ps (bp);
      else
        {
          b0 = _mm256_loadu_ps (bp);
          b1 = MASKED ? _mm256_maskload_ps (bp + 8, mask) : _mm256_loadu_ps (bp + 8);
        }
#define ROW(r) \
      if (MR > r) \
        { \
          av = _mm256_broadcast_ss ((r & 1 ? a_odd : a_even) + (r >> 1) * s2); \
          c##r##0 = _mm256_fmadd_ps (av, b0, c##r##0); \
          if (NV == 2) \
            c##r##1 = _mm256_fmadd_ps (av, b1, c##r##1); \
        }
      ROW (0) ROW (1) ROW (2) ROW (3) ROW (4) ROW (5)
#undef ROW
    }

  if (OPT)
    {
      OptRegs o;

      opt_regs_init (&o, e->opt);
#define OPT_OUT(r) \
      if (MR > r) \
        { \
          float *cr = out + (gsize) r * ldo; \
          gsize ir = idx + (gsize) r * ldo; \
          if (NV == 1) \
            { \
              __m256 p0 = optimizer_store (cr, c##r##0, &o, ir, MASKED ? nlast : 8, mask); \
              if (pan != NULL) \
                store_n (pan + r * 16, p0, MASKED ? nlast : 8, mask); \
            } \
          else \
            { \
              __m256 p0 = optimizer_store (cr, c##r##0, &o, ir, 8, mask); \
              __m256 p1 = optimizer_store (cr + 8, c##r##1, &o, ir + 8, MASKED ? nlast : 8, mask); \
              if (pan != NULL) \
                { \
                  _mm256_store_ps (pan + r * 16, p0); \
                  store_n (pan + r * 16 + 8, p1, MASKED ? nlast : 8, mask); \
                } \
            } \
        }
      OPT_OUT (0) OPT_OUT (1) OPT_OUT (2) OPT_OUT (3) OPT_OUT (4) OPT_OUT (5)
#undef OPT_OUT
      return;
    }
#define OUT(r) \
  if (MR > r) \
    { \
      float *cr = out + (gsize) r * ldo; \
      if (NV == 1) \
        store_n (cr, c##r##0, MASKED ? nlast : 8, mask); \
      else \
        { \
          _mm256_storeu_ps (cr, c##r##0); \
          store_n (cr + 8, c##r##1, MASKED ? nlast : 8, mask); \
        } \
    }
  OUT (0) OUT (1) OUT (2) OUT (3) OUT (4) OUT (5)
#undef OUT
}

typedef void (*TileFunc) (const PsEpilogue *e, gsize idx, int nlast, int kc, const float *a,
                          int lda, const float *b, int ldb, const float *init, int ldi,
                          float *out, int ldo, float *pan);

#define DEFINE_TILE(MR, NV, M, T, O) \
  static TARGET void \
  tile_##MR##_##NV##_##M##_##T##_##O (const PsEpilogue *e, gsize idx, int nlast, int kc, \
                                      const float *a, int lda, const float *b, int ldb, \
                                      const float *init, int ldi, float *out, int ldo, \
                                      float *pan) \
  { \
    tile (MR, NV, M, T, O, e, idx, nlast, kc, a, lda, b, ldb, init, ldi, out, ldo, pan); \
  }
#define DEFINE_TILES(NV, M, T, O) \
  DEFINE_TILE (1, NV, M, T, O) DEFINE_TILE (2, NV, M, T, O) DEFINE_TILE (3, NV, M, T, O) \
  DEFINE_TILE (4, NV, M, T, O) DEFINE_TILE (5, NV, M, T, O) DEFINE_TILE (6, NV, M, T, O)
DEFINE_TILES (1, 0, 0, 0) DEFINE_TILES (1, 1, 0, 0) DEFINE_TILES (2, 0, 0, 0) DEFINE_TILES (2, 1, 0, 0)
DEFINE_TILES (1, 0, 1, 0) DEFINE_TILES (1, 1, 1, 0) DEFINE_TILES (2, 0, 1, 0) DEFINE_TILES (2, 1, 1, 0)
DEFINE_TILES (1, 0, 1, 1) DEFINE_TILES (1, 1, 1, 1) DEFINE_TILES (2, 0, 1, 1) DEFINE_TILES (2, 1, 1, 1)
#undef DEFINE_TILES
#undef DEFINE_TILE

/* [variant][nv − 1][masked][mr − 1]; variant 0: A, 1: Aᵀ, 2: Aᵀ with the
 * optimizer (weight gradients only). */
#define TILES(NV, M, T, O) \
  { tile_1_##NV##_##M##_##T##_##O, tile_2_##NV##_##M##_##T##_##O, tile_3_##NV##_##M##_##T##_##O, \
    tile_4_##NV##_##M##_##T##_##O, tile_5_##NV##_##M##_##T##_##O, tile_6_##NV##_##M##_##T##_##O }
static const TileFunc tiles[3][2][2][6] = {
  { { TILES (1, 0, 0, 0), TILES (1, 1, 0, 0) }, { TILES (2, 0, 0, 0), TILES (2, 1, 0, 0) } },
  { { TILES (1, 0, 1, 0), TILES (1, 1, 1, 0) }, { TILES (2, 0, 1, 0), TILES (2, 1, 1, 0) } },
  { { TILES (1, 0, 1, 1), TILES (1, 1, 1, 1) }, { TILES (2, 0, 1, 1), TILES (2, 1, 1, 1) } },
};
#undef TILES

/* Longest slice of k: partial sums of longer products go through C. */
#define KC 256

/* One tile of rows [i, i + mr) × columns [j, j + width), mr ≤ 6, width ≤ 16,
 * over kc steps of k from a (op(A)'s row i, step p0 already applied) and b
 * (B's row p0, column j); c points at C[i, j]. */
static inline void
any_tile (gboolean          a_trans,
          int               mr,
          int               width,
          int               kc,
          const float      *a,
          int               lda,
          const float      *b,
          int               ldb,
          float            *c,
          int               ldc,
          int               i,
          int               j,
          gboolean          first,
          gboolean          last,
          const PsEpilogue *e)
{
  int nv = width > 8 ? 2 : 1;
  int nlast = width - (nv - 1) * 8;
  gboolean opt = last && e->kind == PS_EPILOGUE_OPTIMIZER;
  TileFunc f = tiles[opt ? 2 : a_trans ? 1 : 0][nv - 1][nlast != 8][mr - 1];

  if (opt)
    {
      float *pan = NULL;

      g_assert (a_trans && first);
      if (e->panel != NULL)
        {
          g_assert (j % 16 == 0);
          pan = e->panel + (gsize) (j / 16) * e->panel_stride + (gsize) i * 16;
        }
      f (e, e->offset + (gsize) i * ldc + j, nlast, kc, a, lda, b, ldb, NULL, ldc, c, ldc, pan);
    }
  else if (last && e->kind != PS_EPILOGUE_STORE)
    {
      float acc[6 * 16];

      f (e, 0, nlast, kc, a, lda, b, ldb, first ? NULL : c, ldc, acc, 16, NULL);
      epilogue_block (acc, c, ldc, mr, width, i, j, e);
    }
  else
    f (e, 0, nlast, kc, a, lda, b, ldb, first ? NULL : c, ldc, c, ldc, NULL);
}

/* Rows in blocks of at most 6, spread evenly: 32 rows are 6+6+5+5+5+5, not
 * 6+6+6+6+6+2. Block blk of n_blocks starting at row *i. */
static inline int
block_rows (int m,
            int i,
            int blk,
            int n_blocks)
{
  return (m - i) / (n_blocks - blk) + ((m - i) % (n_blocks - blk) != 0);
}

/* Slices of k of even length, at most max_kc: 784 is 4 × 196 (or 7 × 112),
 * not 3 × 256 + 16. */
static inline int
n_slices_of (int k,
             int max_kc)
{
  return MAX ((k + max_kc - 1) / max_kc, 1);
}

/* Scratch for packing A, per thread, freed with the thread. */
static GPrivate pack_key = G_PRIVATE_INIT (g_free);
static GPrivate pack_size_key;

static float *
pack_buffer (gsize n)
{
  float *buf = g_private_get (&pack_key);
  gsize size = GPOINTER_TO_SIZE (g_private_get (&pack_size_key));

  if (buf == NULL || size < n)
    {
      buf = g_new (float, n);
      g_private_replace (&pack_key, buf);
      g_private_set (&pack_size_key, GSIZE_TO_POINTER (n));
    }
  return buf;
}

/* C = A · B, A m × k row-major. Loops: slice of k, column block of 16, row
 * block of 6. A slice of A (m × kc) stays in L1 while every column block's
 * panel of B (kc × 16) streams through once. With many rows (m ≥ 64) and
 * columns, A's slice is too big for L1 and is packed instead: as
 * [row block][k][row], the 6 broadcasts of a step of k come from one cache
 * line, read in sequence (the tiles then read A as the transposed case). */
static TARGET void
gemm_nn (int m, int n0, int n1, int k, const float *a, int lda, const float *b, int ldb,
         float *c, int ldc, const PsEpilogue *e)
{
  gboolean pack = m >= 64 && n1 - n0 >= 64 && k > 0;
  /* B's rows 256·n bytes apart all fall in a few sets of L1 (a layer's
   * weights, 128 or 256 units wide): then each panel of B is copied to
   * consecutive lines first, if enough row blocks read it. */
  gboolean pack_b = ldb % 64 == 0 && m >= 12;
  float bbuf[KC * 16] __attribute__ ((aligned (64)));
  /* Unpacked: m × kc floats of A in 16 KiB of L1, for the column blocks
   * after the first to find them there. With one column block (a thread's
   * chunk), A is read once anyway: the longest slices, the fewest passes of
   * partial sums through C (784-256 at batch 128: 7 % faster). Slicing k
   * does not change the result: the partial sums are stored as they are. */
  int max_kc = pack || n1 - n0 <= 16 ? KC : CLAMP (4096 / MAX (m, 1), 64, KC);
  int n_slices = n_slices_of (k, max_kc);
  int n_blocks = (m + 5) / 6;
  float *buf = pack ? pack_buffer ((gsize) m * MIN (k, max_kc)) : NULL;
  int p0 = 0;

  for (int s = 0; s < n_slices; s++)
    {
      int kc = (k - p0) / (n_slices - s);
      gboolean first = s == 0, last = s == n_slices - 1;

      if (pack)
        {
          float *dst = buf;

          for (int blk = 0, i = 0; blk < n_blocks; blk++)
            {
              int mr = block_rows (m, i, blk, n_blocks);

              for (int p = 0; p < kc; p++)
                for (int r = 0; r < mr; r++)
                  *dst++ = a[(gsize) (i + r) * lda + p0 + p];
              i += mr;
            }
        }

      for (int j = n0; j < n1; j += 16)
        {
          const float *ap = buf;
          const float *bp = b + (gsize) p0 * ldb + j;
          int width = MIN (16, n1 - j), ldbp = ldb;

          if (pack_b)
            {
              if (width == 16)
                for (int p = 0; p < kc; p++)
                  {
                    const float *src = bp + (gsize) p * ldb;

                    _mm256_store_ps (bbuf + p * 16, _mm256_loadu_ps (src));
                    _mm256_store_ps (bbuf + p * 16 + 8, _mm256_loadu_ps (src + 8));
                  }
              else
                for (int p = 0; p < kc; p++)
                  for (int q = 0; q < width; q++)
                    bbuf[p * 16 + q] = bp[(gsize) p * ldb + q];
              bp = bbuf;
              ldbp = 16;
            }
          for (int blk = 0, i = 0; blk < n_blocks; blk++)
            {
              int mr = block_rows (m, i, blk, n_blocks);

              if (pack)
                any_tile (TRUE, mr, width, kc, ap, mr, bp, ldbp, c + (gsize) i * ldc + j, ldc,
                          i, j, first, last, e);
              else
                any_tile (FALSE, mr, width, kc, a + (gsize) i * lda + p0, lda, bp, ldbp,
                          c + (gsize) i * ldc + j, ldc, i, j, first, last, e);
              ap += (gsize) mr * kc;
              i += mr;
            }
        }
      p0 += kc;
    }
}

/* C = Aᵀ · B, A k × m row-major (the weight gradient: A the layer's inputs,
 * k the batch). Loops: slice of k (one, for batches up to 256), group of
 * columns, row block, column block. A group's panel of B (kc × group, 16 KiB)
 * stays in L1 while the row blocks go through; a row block's columns of A
 * stay in L1 across the group's column blocks. With several groups (batches
 * above 32), A is packed once as [row block][k][row]: each group then reads
 * it in sequence instead of 6 floats from each of kc rows far apart. */
static TARGET void
gemm_tn (int m, int n0, int n1, int k, const float *a, int lda, const float *b, int ldb,
         float *c, int ldc, const PsEpilogue *e)
{
  int n_slices = n_slices_of (k, KC);
  int n_blocks = (m + 5) / 6;
  int p0 = 0;

  for (int s = 0; s < n_slices; s++)
    {
      int kc = (k - p0) / (n_slices - s);
      int group = MAX (16, 4096 / MAX (kc, 1) / 16 * 16);
      gboolean first = s == 0, last = s == n_slices - 1;
      gboolean pack = n1 - n0 > group && m >= 12 && kc > 0;
      float *buf = pack ? pack_buffer ((gsize) m * kc) : NULL;

      if (pack)
        for (int blk = 0, i = 0; blk < n_blocks; blk++)
          {
            int mr = block_rows (m, i, blk, n_blocks);
            float *dst = buf + (gsize) i * kc;

            for (int p = 0; p < kc; p++)
              for (int r = 0; r < mr; r++)
                *dst++ = a[(gsize) (p0 + p) * lda + i + r];
            i += mr;
          }

      for (int g = n0; g < n1; g += group)
        {
          int g1 = MIN (g + group, n1);

          for (int blk = 0, i = 0; blk < n_blocks; blk++)
            {
              int mr = block_rows (m, i, blk, n_blocks);

              /* The optimizer's epilogue reads and writes the parameters
               * (and Adam's two moments) of the next row block: ask for
               * them now, they arrive during this block's products. */
              if (last && e->kind == PS_EPILOGUE_OPTIMIZER && blk + 1 < n_blocks)
                for (int r = i + mr; r < i + mr + block_rows (m, i + mr, blk + 1, n_blocks); r++)
                  for (int j = g; j < g1; j += 16)
                    {
                      gsize at = (gsize) r * ldc + j;

                      _mm_prefetch ((const char *) (c + at), _MM_HINT_T0);
                      if (e->opt->kind == PS_FUSED_ADAM)
                        {
                          _mm_prefetch ((const char *) (e->opt->m + e->offset + at), _MM_HINT_T0);
                          _mm_prefetch ((const char *) (e->opt->v + e->offset + at), _MM_HINT_T0);
                        }
                    }

              for (int j = g; j < g1; j += 16)
                {
                  if (pack)
                    any_tile (TRUE, mr, MIN (16, g1 - j), kc, buf + (gsize) i * kc, mr,
                              b + (gsize) p0 * ldb + j, ldb, c + (gsize) i * ldc + j, ldc,
                              i, j, first, last, e);
                  else
                    any_tile (TRUE, mr, MIN (16, g1 - j), kc, a + (gsize) p0 * lda + i, lda,
                              b + (gsize) p0 * ldb + j, ldb, c + (gsize) i * ldc + j, ldc,
                              i, j, first, last, e);
                }
              i += mr;
            }
        }
      p0 += kc;
    }
}

void
ps_kernel_gemm (gboolean          a_trans,
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
                const PsEpilogue *epilogue)
{
  g_assert (ps_kernels_available ());
  if (m <= 0 || n1 <= n0)
    return;
  if (epilogue == NULL)
    epilogue = &store_epilogue;
  /* Partial sums of k slices go through C: C must not be parameters then. */
  g_assert (epilogue->kind != PS_EPILOGUE_OPTIMIZER || k <= PS_KERNEL_FUSED_MAX_K);
  g_assert (epilogue->kind != PS_EPILOGUE_OPTIMIZER || epilogue->opt->kind != PS_FUSED_NONE);
  if (a_trans)
    gemm_tn (m, n0, n1, k, a, lda, b, ldb, c, ldc, epilogue);
  else
    gemm_nn (m, n0, n1, k, a, lda, b, ldb, c, ldc, epilogue);
}

static TARGET void
gather_u8_unit (float         *out,
                const guint8  *x_u8,
                gsize          nf,
                const guint32 *idx,
                gsize          n)
{
  const __m256 c255 = _mm256_set1_ps (255.0f);
  const __m256 r255 = _mm256_set1_ps (1.0f / 255.0f);

  for (gsize r = 0; r < n; r++)
    {
      const guint8 *row = x_u8 + (gsize) idx[r] * nf;
      float *o = out + r * nf;
      gsize j = 0;

      /* Two rows ahead into L1 (the trainer asked for this batch's rows
       * into L2 a batch ago; what did not arrive is fetched meanwhile). */
      if (r + 2 < n)
        {
          const guint8 *ahead = x_u8 + (gsize) idx[r + 2] * nf;

          for (gsize off = 0; off < nf; off += 64)
            _mm_prefetch ((const char *) ahead + off, _MM_HINT_T0);
        }
      for (; j + 8 <= nf; j += 8)
        {
          __m128i bytes = _mm_loadl_epi64 ((const __m128i *) (row + j));
          __m256 v = _mm256_cvtepi32_ps (_mm256_cvtepu8_epi32 (bytes));
          /* (float) v / 255.0f, correctly rounded, as the scalar code does,
           * without a division: q = v · (1/255), then one correction step
           * from the exact remainder v − 255·q (Markstein). For each of the
           * 256 byte values it gives the same float (test-fast-path checks
           * all of them). */
          __m256 q = _mm256_mul_ps (v, r255);
          __m256 rem = _mm256_fnmadd_ps (q, c255, v);

          _mm256_storeu_ps (o + j, _mm256_fmadd_ps (rem, r255, q));
        }
      for (; j < nf; j++)
        o[j] = (float) row[j] / 255.0f;
    }
}

void
ps_kernel_gather_u8_unit (float         *out,
                          const guint8  *x_u8,
                          gsize          nf,
                          const guint32 *idx,
                          gsize          n)
{
  if (ps_kernels_available ())
    gather_u8_unit (out, x_u8, nf, idx, n);
  else
    for (gsize r = 0; r < n; r++)
      for (gsize j = 0; j < nf; j++)
        out[r * nf + j] = (float) x_u8[(gsize) idx[r] * nf + j] / 255.0f;
}

static TARGET void
column_sums (float       *out,
             const float *m,
             int          ld,
             int          rows,
             int          c0,
             int          c1)
{
  for (int j = c0; j < c1; j += 8)
    {
      int n = MIN (8, c1 - j);
      __m256i mask = lane_mask (n);
      __m256 acc = _mm256_setzero_ps ();

      for (int r = 0; r < rows; r++)
        acc = _mm256_add_ps (acc, load_n (m + (gsize) r * ld + j, n, mask));
      store_n (out + (j - c0), acc, n, mask);
    }
}

#else /* !PS_HAVE_X86_KERNELS */

gboolean
ps_kernels_available (void)
{
  return FALSE;
}

void
ps_kernel_gemm (gboolean          a_trans,
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
                const PsEpilogue *epilogue)
{
  g_assert_not_reached ();
}

void
ps_kernel_gather_u8_unit (float         *out,
                          const guint8  *x_u8,
                          gsize          nf,
                          const guint32 *idx,
                          gsize          n)
{
  for (gsize r = 0; r < n; r++)
    for (gsize j = 0; j < nf; j++)
      out[r * nf + j] = (float) x_u8[(gsize) idx[r] * nf + j] / 255.0f;
}

#endif

void
ps_kernel_column_sums (float       *out,
                       const float *m,
                       int          ld,
                       int          rows,
                       int          c0,
                       int          c1)
{
#ifdef PS_HAVE_X86_KERNELS
  if (ps_kernels_available ())
    {
      column_sums (out, m, ld, rows, c0, c1);
      return;
    }
#endif
  column_sums_scalar (out, m, ld, rows, c0, c1);
}

void
ps_kernel_transpose (float       *dst,
                     int          ldd,
                     const float *src,
                     int          lds,
                     int          rows,
                     int          cols)
{
  /* Blocks of 8 × 8 keep both sides within a few cache lines. */
  for (int i0 = 0; i0 < rows; i0 += 8)
    for (int j0 = 0; j0 < cols; j0 += 8)
      {
        int i1 = MIN (i0 + 8, rows), j1 = MIN (j0 + 8, cols);

        for (int j = j0; j < j1; j++)
          for (int i = i0; i < i1; i++)
            dst[(gsize) j * ldd + i] = src[(gsize) i * lds + j];
      }
}
