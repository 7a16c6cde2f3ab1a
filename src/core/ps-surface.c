/* ps-surface.c: the loss over a grid of two parameters
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The layers before the first chosen parameter do not change over the
 * grid: their output is computed once, and each grid point runs only the
 * rest of the network (a "tail" network holding copies of those layers)
 * on it, in chunks, on a workspace (one per worker thread: the grid's rows
 * are shared among the cores). The loss is summed per chunk with
 * ps_loss_compute() and divided by the sample count, as ps_evaluate() does.
 */
#include "config.h"

#include "ps-surface.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

G_DEFINE_QUARK (ps-surface-error-quark, ps_surface_error)

/* rows per forward call: ps_evaluate's chunk */
#define SURFACE_CHUNK 512

gboolean
ps_param_ref_init (PsParamRef      *ref,
                   const PsNetwork *net,
                   guint            layer,
                   gboolean         bias,
                   guint            input,
                   guint            unit)
{
  const PsLayer *l;

  g_return_val_if_fail (ref != NULL && net != NULL, FALSE);

  if (layer >= net->n_layers)
    return FALSE;
  l = &net->layers[layer];
  if (unit >= l->units || (!bias && input >= l->inputs))
    return FALSE;
  ref->layer = layer;
  ref->bias = bias;
  ref->input = bias ? 0 : input;
  ref->unit = unit;
  ref->index = bias ? l->b_offset + unit : l->w_offset + (gsize) input * l->units + unit;
  return TRUE;
}

/* A whole number in 0..G_MAXUINT, spaces around it allowed. */
static gboolean
parse_field (const char *s,
             guint      *out)
{
  g_autofree char *t = g_strstrip (g_strdup (s));
  char *end = NULL;
  guint64 v;

  if (*t == '\0' || !g_ascii_isdigit (*t))
    return FALSE;
  errno = 0;
  v = g_ascii_strtoull (t, &end, 10);
  if (errno != 0 || *end != '\0' || v > G_MAXUINT)
    return FALSE;
  *out = (guint) v;
  return TRUE;
}

gboolean
ps_param_ref_parse (const char       *text,
                    const PsNetwork  *net,
                    PsParamRef       *out,
                    GError          **error)
{
  g_auto(GStrv) parts = NULL;
  g_autofree char *bias_field = NULL;
  guint layer, input = 0, unit;
  gboolean bias;
  const PsLayer *l;

  g_return_val_if_fail (text != NULL && net != NULL && out != NULL, FALSE);

  parts = g_strsplit (text, ":", -1);
  if (g_strv_length (parts) != 3)
    {
      g_set_error (error, PS_SURFACE_ERROR, PS_SURFACE_ERROR_PARSE,
                   "'%s' is not a parameter: write L:I:J for the weight of layer L (from 1) "
                   "from input I to unit J (from 0), or L:b:J for a bias", text);
      return FALSE;
    }
  bias_field = g_strstrip (g_strdup (parts[1]));
  bias = g_ascii_strcasecmp (bias_field, "b") == 0;
  if (!parse_field (parts[0], &layer) || !parse_field (parts[2], &unit)
      || (!bias && !parse_field (parts[1], &input)))
    {
      g_set_error (error, PS_SURFACE_ERROR, PS_SURFACE_ERROR_PARSE,
                   "'%s' is not a parameter: L, I and J are whole numbers (L:I:J), "
                   "or L:b:J for a bias", text);
      return FALSE;
    }
  if (layer < 1 || layer > net->n_layers)
    {
      g_set_error (error, PS_SURFACE_ERROR, PS_SURFACE_ERROR_RANGE,
                   "'%s': layer %u does not exist (the network has layers 1 to %u)",
                   text, layer, net->n_layers);
      return FALSE;
    }
  l = &net->layers[layer - 1];
  if (!bias && input >= l->inputs)
    {
      g_set_error (error, PS_SURFACE_ERROR, PS_SURFACE_ERROR_RANGE,
                   "'%s': layer %u has inputs 0 to %u", text, layer, l->inputs - 1);
      return FALSE;
    }
  if (unit >= l->units)
    {
      g_set_error (error, PS_SURFACE_ERROR, PS_SURFACE_ERROR_RANGE,
                   "'%s': layer %u has units 0 to %u", text, layer, l->units - 1);
      return FALSE;
    }
  return ps_param_ref_init (out, net, layer - 1, bias, input, unit);
}

gboolean
ps_param_ref_parse_pair (const char       *text,
                         const PsNetwork  *net,
                         PsParamRef        out[2],
                         GError          **error)
{
  g_auto(GStrv) parts = NULL;

  g_return_val_if_fail (text != NULL && net != NULL && out != NULL, FALSE);

  parts = g_strsplit (text, ",", -1);
  if (g_strv_length (parts) != 2)
    {
      g_set_error (error, PS_SURFACE_ERROR, PS_SURFACE_ERROR_PARSE,
                   "'%s': give two parameters, L:I:J,L:I:J", text);
      return FALSE;
    }
  if (!ps_param_ref_parse (parts[0], net, &out[0], error)
      || !ps_param_ref_parse (parts[1], net, &out[1], error))
    return FALSE;
  if (out[0].index == out[1].index)
    {
      g_set_error (error, PS_SURFACE_ERROR, PS_SURFACE_ERROR_SAME,
                   "'%s': the two parameters are the same one", text);
      return FALSE;
    }
  return TRUE;
}

char *
ps_param_ref_to_string (const PsParamRef *ref)
{
  g_return_val_if_fail (ref != NULL, NULL);

  if (ref->bias)
    return g_strdup_printf ("b[%u:%u]", ref->layer + 1, ref->unit);
  return g_strdup_printf ("w[%u:%u:%u]", ref->layer + 1, ref->input, ref->unit);
}

void
ps_surface_default_range (double  value,
                          double *lo,
                          double *hi)
{
  double span = isfinite (value) ? MAX (1.0, 3.0 * fabs (value)) : 1.0;

  if (!isfinite (value))
    value = 0;
  *lo = value - span;
  *hi = value + span;
}

double
ps_surface_axis_value (double lo,
                       double hi,
                       guint  n,
                       guint  i)
{
  if (n < 2)
    return (lo + hi) / 2;
  if (i + 1 == n)
    return hi;
  return lo + (hi - lo) * i / (n - 1);
}

void
ps_surface_grid_init (PsSurfaceGrid    *grid,
                      const PsNetwork  *net,
                      const PsParamRef *a,
                      const PsParamRef *b,
                      guint             cols,
                      guint             rows)
{
  g_return_if_fail (grid != NULL && net != NULL && a != NULL && b != NULL);

  grid->p[0] = *a;
  grid->p[1] = *b;
  ps_surface_default_range (net->params[a->index], &grid->x_lo, &grid->x_hi);
  ps_surface_default_range (net->params[b->index], &grid->y_lo, &grid->y_hi);
  grid->cols = cols;
  grid->rows = rows;
}

/* Layers [first, n_layers) of net as a network of their own, with copies
 * of their parameters. */
static PsNetwork *
network_tail (const PsNetwork *net,
              guint            first)
{
  guint n = net->n_layers - first;
  g_autofree guint *units = g_new (guint, n + 1);
  g_autofree PsActivation *acts = g_new (PsActivation, n);
  PsNetwork *tail;

  units[0] = net->layers[first].inputs;
  for (guint l = 0; l < n; l++)
    {
      units[l + 1] = net->layers[first + l].units;
      acts[l] = net->layers[first + l].activation;
    }
  tail = ps_network_new (units, acts, n + 1);
  for (guint l = 0; l < n; l++)
    {
      const PsLayer *src = &net->layers[first + l];
      const PsLayer *dst = &tail->layers[l];

      memcpy (tail->params + dst->w_offset, net->params + src->w_offset,
              sizeof (float) * src->inputs * src->units);
      memcpy (tail->params + dst->b_offset, net->params + src->b_offset,
              sizeof (float) * src->units);
    }
  return tail;
}

/* The index of a parameter of net (at or after layer first) in the tail. */
static gsize
tail_index (const PsNetwork  *net,
            const PsNetwork  *tail,
            guint             first,
            const PsParamRef *ref)
{
  const PsLayer *dst = &tail->layers[ref->layer - first];

  if (ref->bias)
    return dst->b_offset + ref->unit;
  return dst->w_offset + (gsize) ref->input * dst->units + ref->unit;
}

/* The input of layer `first` for every sample: the data, scaled, through
 * layers [0, first) (n × width floats). */
static float *
head_outputs (const PsNetwork *net,
              const PsDataset *data,
              guint            first,
              guint           *width)
{
  gsize n = ps_dataset_get_n_samples (data);
  guint d = net->n_inputs;
  float *x = g_new (float, n * d);

  ps_dataset_gather (data, NULL, 0, n, x, NULL);
  *width = d;
  if (first > 0)
    {
      g_autofree guint *units = g_new (guint, first + 1);
      g_autofree PsActivation *acts = g_new (PsActivation, first);
      PsNetwork *head;
      float *h;

      units[0] = d;
      for (guint l = 0; l < first; l++)
        {
          units[l + 1] = net->layers[l].units;
          acts[l] = net->layers[l].activation;
        }
      head = ps_network_new (units, acts, first + 1);
      /* the head's parameters are the first layers' ones, in the same order */
      memcpy (head->params, net->params, sizeof (float) * head->n_params);
      *width = units[first];
      h = g_new (float, n * *width);
      ps_network_predict (head, x, n, h);
      ps_network_free (head);
      g_free (x);
      x = h;
    }
  return x;
}

/* Samples per block of the column path: the block's activations are kept
 * unit-major (one row of BLOCK floats per unit), so that every loop runs
 * over samples with a fixed count. */
#define BLOCK 64

/* One worker's share of the grid: rows [row0, row1), on its own copy of
 * the tail network and its own workspace. */
typedef struct
{
  const PsNetwork     *tail;
  const float         *hx;
  const guint32       *labels;
  gsize                n;
  guint                width;
  PsLoss               loss;
  const PsSurfaceGrid *grid;
  gsize                ia, ib;
  float               *out;
  GCancellable        *cancellable;
  guint                row0, row1;
  gboolean             cancelled;
  /* The column path (see compute_columns): set when cols_fast. The
   * per-sample arrays are unit-major, npad (n rounded up to BLOCK) floats
   * a unit, zero past n. */
  gboolean             cols_fast;
  gsize                npad;      /* n rounded up to BLOCK */
  const float         *z0;        /* units × npad: layer `first`'s x·W + b */
  const float         *a0;        /* units × npad: f of it */
  const float         *xin;       /* 2 × npad: p[k]'s input (1 for a bias) when in layer `first` */
  const float         *z1;        /* units1 × npad: the next layer's x·W + b at a0, or NULL */
  const PsNetwork     *tail1;     /* the layers after `first` (tail1 layer 0 is first + 1), or NULL */
  guint                units;
  PsActivation         act;
  guint                col[2];    /* the unit of p[i] when it is in layer `first`, else G_MAXUINT */
  float                v0[2];     /* its value in the network */
  gsize                rest_index[2]; /* when it is in a later layer: its index in tail1 */
  guint                rest_layer[2]; /* and its layer there (0: first + 1) */
} Share;

/* The engine's activations (ps_network_bias_activation), one value. */
static inline float
activate (PsActivation act,
          float        z)
{
  switch (act)
    {
    case PS_ACTIVATION_STEP:
      return z > 0.0f ? 1.0f : 0.0f;
    case PS_ACTIVATION_SIGMOID:
      return 1.0f / (1.0f + expf (-z));
    case PS_ACTIVATION_TANH:
      return tanhf (z);
    case PS_ACTIVATION_RELU:
      return z > 0.0f ? z : 0.0f;
    case PS_ACTIVATION_LINEAR:
    default:
      return z;
    }
}

/* e^x in float, branch-free so that the block loops vectorise: Cody and
 * Waite's reduction and the Cephes polynomial (relative error about
 * 2e-7, against libm's 1 ulp; the surface is a picture of the loss and
 * its test holds it to 1e-6 of ps_evaluate()). libm's expf and tanhf are
 * calls the compiler cannot vectorise, and tanhf alone was half the time
 * of a 2-8-8-1 surface. */
static inline float
fast_expf (float x)
{
  float n, r, p;
  union { guint32 i; float f; } scale;

  x = x < -87.0f ? -87.0f : x;
  x = x > 88.0f ? 88.0f : x;
  n = x * 1.44269504088896341f;
  n = (float) (gint32) (n + (n >= 0.0f ? 0.5f : -0.5f));
  r = x - n * 0.693359375f;
  r = r + n * 2.12194440e-4f;
  p = 1.9875691500e-4f;
  p = p * r + 1.3981999507e-3f;
  p = p * r + 8.3334519073e-3f;
  p = p * r + 4.1665795894e-2f;
  p = p * r + 1.6666665459e-1f;
  p = p * r + 5.0000001201e-1f;
  p = p * r * r + r + 1.0f;
  scale.i = (guint32) ((gint32) n + 127) << 23;
  return p * scale.f;
}

/* A layer's activation over a block, z (units × BLOCK, unit-major) in
 * place; softmax across the units of each sample, as the engine does.
 * Sigmoid and tanh through fast_expf (tanh z = 2σ(2z) − 1). */
#ifdef __SSE2__
/* fast_expf on four lanes (SSE2 is x86-64's baseline): the same steps,
 * rounding to nearest by cvtps2dq. */
static inline __m128
fast_expf4 (__m128 x)
{
  __m128 n, r, p;
  __m128i k;

  x = _mm_min_ps (_mm_max_ps (x, _mm_set1_ps (-87.0f)), _mm_set1_ps (88.0f));
  k = _mm_cvtps_epi32 (_mm_mul_ps (x, _mm_set1_ps (1.44269504088896341f)));
  n = _mm_cvtepi32_ps (k);
  r = _mm_sub_ps (x, _mm_mul_ps (n, _mm_set1_ps (0.693359375f)));
  r = _mm_add_ps (r, _mm_mul_ps (n, _mm_set1_ps (2.12194440e-4f)));
  p = _mm_set1_ps (1.9875691500e-4f);
  p = _mm_add_ps (_mm_mul_ps (p, r), _mm_set1_ps (1.3981999507e-3f));
  p = _mm_add_ps (_mm_mul_ps (p, r), _mm_set1_ps (8.3334519073e-3f));
  p = _mm_add_ps (_mm_mul_ps (p, r), _mm_set1_ps (4.1665795894e-2f));
  p = _mm_add_ps (_mm_mul_ps (p, r), _mm_set1_ps (1.6666665459e-1f));
  p = _mm_add_ps (_mm_mul_ps (p, r), _mm_set1_ps (5.0000001201e-1f));
  p = _mm_add_ps (_mm_add_ps (_mm_mul_ps (_mm_mul_ps (p, r), r), r), _mm_set1_ps (1.0f));
  return _mm_mul_ps (p, _mm_castsi128_ps (_mm_slli_epi32 (_mm_add_epi32 (k, _mm_set1_epi32 (127)), 23)));
}
#endif

/* One unit's row of a block (BLOCK samples), in place. */
static void
activate_row (PsActivation     act,
              float *restrict  z)
{
  switch (act)
    {
    case PS_ACTIVATION_LINEAR:
      return;
    case PS_ACTIVATION_STEP:
      for (guint i = 0; i < BLOCK; i++)
        z[i] = z[i] > 0.0f ? 1.0f : 0.0f;
      return;
    case PS_ACTIVATION_RELU:
      for (guint i = 0; i < BLOCK; i++)
        z[i] = z[i] > 0.0f ? z[i] : 0.0f;
      return;
    case PS_ACTIVATION_SIGMOID:
#ifdef __SSE2__
      for (guint i = 0; i < BLOCK; i += 4)
        {
          __m128 e = fast_expf4 (_mm_sub_ps (_mm_setzero_ps (), _mm_loadu_ps (z + i)));

          _mm_storeu_ps (z + i, _mm_div_ps (_mm_set1_ps (1.0f), _mm_add_ps (_mm_set1_ps (1.0f), e)));
        }
#else
      for (guint i = 0; i < BLOCK; i++)
        z[i] = 1.0f / (1.0f + fast_expf (-z[i]));
#endif
      return;
    case PS_ACTIVATION_TANH:
#ifdef __SSE2__
      for (guint i = 0; i < BLOCK; i += 4)
        {
          __m128 e = fast_expf4 (_mm_mul_ps (_mm_set1_ps (-2.0f), _mm_loadu_ps (z + i)));
          __m128 t = _mm_div_ps (_mm_set1_ps (2.0f), _mm_add_ps (_mm_set1_ps (1.0f), e));

          _mm_storeu_ps (z + i, _mm_sub_ps (t, _mm_set1_ps (1.0f)));
        }
#else
      for (guint i = 0; i < BLOCK; i++)
        z[i] = 2.0f / (1.0f + fast_expf (-2.0f * z[i])) - 1.0f;
#endif
      return;
    case PS_ACTIVATION_SOFTMAX:
    default:
      g_assert_not_reached ();
    }
}

/* e^z over one row of a block, in place. */
static void
exp_row (float *restrict z)
{
#ifdef __SSE2__
  for (guint i = 0; i < BLOCK; i += 4)
    _mm_storeu_ps (z + i, fast_expf4 (_mm_loadu_ps (z + i)));
#else
  for (guint i = 0; i < BLOCK; i++)
    z[i] = fast_expf (z[i]);
#endif
}

static void
activate_block (PsActivation     act,
                float *restrict  z,
                guint            units)
{
  float max[BLOCK], sum[BLOCK];

  if (act != PS_ACTIVATION_SOFTMAX)
    {
      for (guint u = 0; u < units; u++)
        activate_row (act, z + (gsize) u * BLOCK);
      return;
    }
  /* softmax across the units of each sample, the engine's steps (shift
   * by the maximum, exponentiate, scale by 1 / sum), over the samples */
  for (guint i = 0; i < BLOCK; i++)
    {
      max[i] = -INFINITY;
      sum[i] = 0.0f;
    }
  for (guint u = 0; u < units; u++)
    for (guint i = 0; i < BLOCK; i++)
      max[i] = MAX (max[i], z[u * BLOCK + i]);
  for (guint u = 0; u < units; u++)
    {
      float *row = z + (gsize) u * BLOCK;

      for (guint i = 0; i < BLOCK; i++)
        row[i] -= max[i];
      exp_row (row);
      for (guint i = 0; i < BLOCK; i++)
        sum[i] += row[i];
    }
  for (guint i = 0; i < BLOCK; i++)
    sum[i] = 1.0f / sum[i];
  for (guint u = 0; u < units; u++)
    for (guint i = 0; i < BLOCK; i++)
      z[u * BLOCK + i] *= sum[i];
}

/* A parameter of layer `first` moves one unit's x·W + b only, by Δw·x_i
 * (or Δb): that unit is recomputed from the cached pre-activations. The
 * next layer's x·W + b moves only by W[j][u]·Δa_j for the moved units j
 * (and by its own parameter's Δ): it is updated from its cached value, not
 * recomputed; only the layers after that run in full. Everything runs a
 * block of samples at a time, unit-major, on plain loops: for the small
 * nets a surface is drawn for, a GEMM call per layer and block cost more
 * than the arithmetic. */
static gpointer
compute_columns (gpointer data)
{
  Share *s = data;
  const PsSurfaceGrid *g = s->grid;
  PsNetwork *tail1 = s->tail1 ? ps_network_copy (s->tail1) : NULL;
  guint widest = s->units, n_out;
  g_autofree float *cur = NULL;
  g_autofree float *nxt = NULL;
  g_autofree float *out_rm = NULL;
  float anew[2][BLOCK], delta[2][BLOCK];

  for (guint l = 0; tail1 != NULL && l < tail1->n_layers; l++)
    widest = MAX (widest, tail1->layers[l].units);
  n_out = tail1 ? ps_network_n_outputs (tail1) : s->units;
  cur = g_new (float, (gsize) widest * BLOCK);
  nxt = g_new (float, (gsize) widest * BLOCK);
  out_rm = g_new (float, (gsize) n_out * BLOCK);

  for (guint r = s->row0; r < s->row1; r++)
    {
      float v[2];

      v[1] = (float) ps_surface_axis_value (g->y_lo, g->y_hi, g->rows, g->rows - 1 - r);
      if (g_cancellable_is_cancelled (s->cancellable))
        {
          s->cancelled = TRUE;
          break;
        }
      for (guint c = 0; c < g->cols; c++)
        {
          double total = 0;
          float dv[2];
          guint moved[2], n_moved = 0;

          v[0] = (float) ps_surface_axis_value (g->x_lo, g->x_hi, g->cols, c);
          for (int k = 0; k < 2; k++)
            {
              dv[k] = v[k] - s->v0[k];
              if (s->col[k] == G_MAXUINT)
                tail1->params[s->rest_index[k]] = v[k];
              else if (n_moved == 0 || moved[0] != s->col[k])
                moved[n_moved++] = s->col[k];
            }
          for (gsize i0 = 0; i0 < s->n; i0 += BLOCK)
            {
              gsize m = MIN ((gsize) BLOCK, s->n - i0);
              const float *a;

              /* the moved units of layer `first` */
              for (guint q = 0; q < n_moved; q++)
                {
                  guint j = moved[q];
                  const float *z0 = s->z0 + (gsize) j * s->npad + i0;
                  const float *a0 = s->a0 + (gsize) j * s->npad + i0;

                  memcpy (anew[q], z0, sizeof (float) * BLOCK);
                  for (int k = 0; k < 2; k++)
                    if (s->col[k] == j)
                      {
                        const float *x = s->xin + (gsize) k * s->npad + i0;

                        for (guint i = 0; i < BLOCK; i++)
                          anew[q][i] += dv[k] * x[i];
                      }
                  activate_block (s->act, anew[q], 1);
                  for (guint i = 0; i < BLOCK; i++)
                    delta[q][i] = anew[q][i] - a0[i];
                }

              if (tail1 == NULL)
                {
                  /* layer `first` is the output */
                  for (guint u = 0; u < s->units; u++)
                    {
                      const float *src = s->a0 + (gsize) u * s->npad + i0;

                      for (guint q = 0; q < n_moved; q++)
                        if (moved[q] == u)
                          src = anew[q];
                      for (gsize i = 0; i < m; i++)
                        out_rm[i * n_out + u] = src[i];
                    }
                  total += ps_loss_compute (s->loss, out_rm, s->labels + i0, m, n_out, NULL);
                  continue;
                }

              /* layer first + 1, updated from its cached x·W + b */
              {
                const PsLayer *l1 = &tail1->layers[0];
                const float *w1 = s->tail1->params + l1->w_offset;  /* the unchanged weights */

                for (guint u = 0; u < l1->units; u++)
                  {
                    float *z = cur + (gsize) u * BLOCK;

                    memcpy (z, s->z1 + (gsize) u * s->npad + i0, sizeof (float) * BLOCK);
                    for (guint q = 0; q < n_moved; q++)
                      {
                        float w = w1[(gsize) moved[q] * l1->units + u];

                        for (guint i = 0; i < BLOCK; i++)
                          z[i] += w * delta[q][i];
                      }
                    for (int k = 0; k < 2; k++)
                      {
                        const PsParamRef *ref = &g->p[k];
                        const float *ak;

                        if (s->col[k] != G_MAXUINT || s->rest_layer[k] != 0 || ref->unit != u)
                          continue;
                        if (ref->bias)
                          {
                            for (guint i = 0; i < BLOCK; i++)
                              z[i] += dv[k];
                            continue;
                          }
                        ak = s->a0 + (gsize) ref->input * s->npad + i0;
                        for (guint q = 0; q < n_moved; q++)
                          if (moved[q] == ref->input)
                            ak = anew[q];
                        for (guint i = 0; i < BLOCK; i++)
                          z[i] += dv[k] * ak[i];
                      }
                  }
                activate_block (l1->activation, cur, l1->units);
              }

              /* the layers after it, in full */
              for (guint l = 1; l < tail1->n_layers; l++)
                {
                  const PsLayer *ly = &tail1->layers[l];
                  const float *w = tail1->params + ly->w_offset;
                  const float *b = tail1->params + ly->b_offset;
                  float *swap;

                  for (guint u = 0; u < ly->units; u++)
                    {
                      float *z = nxt + (gsize) u * BLOCK;

                      for (guint i = 0; i < BLOCK; i++)
                        z[i] = b[u];
                      for (guint k = 0; k < ly->inputs; k++)
                        {
                          float wk = w[(gsize) k * ly->units + u];
                          const float *x = cur + (gsize) k * BLOCK;

                          for (guint i = 0; i < BLOCK; i++)
                            z[i] += wk * x[i];
                        }
                    }
                  activate_block (ly->activation, nxt, ly->units);
                  swap = cur;
                  cur = nxt;
                  nxt = swap;
                }
              a = cur;
              for (guint u = 0; u < n_out; u++)
                for (gsize i = 0; i < m; i++)
                  out_rm[i * n_out + u] = a[(gsize) u * BLOCK + i];
              total += ps_loss_compute (s->loss, out_rm, s->labels + i0, m, n_out, NULL);
            }
          s->out[(gsize) r * g->cols + c] = (float) (total / (double) s->n);
        }
    }
  g_clear_pointer (&tail1, ps_network_free);
  return NULL;
}

static gpointer
compute_rows (gpointer data)
{
  Share *s = data;
  const PsSurfaceGrid *g = s->grid;
  PsNetwork *tail = ps_network_copy (s->tail);
  gsize chunk = MIN (s->n, SURFACE_CHUNK);
  PsWorkspace *ws = ps_workspace_new (tail, chunk);
  guint n_out = ps_network_n_outputs (tail);

  for (guint r = s->row0; r < s->row1; r++)
    {
      float vb = (float) ps_surface_axis_value (g->y_lo, g->y_hi, g->rows, g->rows - 1 - r);

      if (g_cancellable_is_cancelled (s->cancellable))
        {
          s->cancelled = TRUE;
          break;
        }
      for (guint c = 0; c < g->cols; c++)
        {
          double total = 0;

          tail->params[s->ia] = (float) ps_surface_axis_value (g->x_lo, g->x_hi, g->cols, c);
          tail->params[s->ib] = vb;
          for (gsize done = 0; done < s->n; done += chunk)
            {
              gsize m = MIN (chunk, s->n - done);
              const float *y = ps_network_forward (tail, ws, s->hx + done * s->width, m);

              total += ps_loss_compute (s->loss, y, s->labels + done, m, n_out, NULL);
            }
          s->out[(gsize) r * g->cols + c] = (float) (total / (double) s->n);
        }
    }
  ps_workspace_free (ws);
  ps_network_free (tail);
  return NULL;
}

/* x·W + b of @net's layer @l for the n rows of x (row-major, the layer's
 * inputs wide), unit-major: units × npad floats, zero past n.
 * Returns: (transfer full) */
static float *
linear_unit_major (const PsNetwork *net,
                   guint            l,
                   const float     *x,
                   gsize            n,
                   gsize            npad)
{
  const PsLayer *layer = &net->layers[l];
  PsActivation lin = PS_ACTIVATION_LINEAR;
  guint units[2] = { layer->inputs, layer->units };
  PsNetwork *one = ps_network_new (units, &lin, 2);
  g_autofree float *rm = g_new (float, n * layer->units);
  float *um = g_new0 (float, (gsize) layer->units * npad);

  memcpy (one->params, net->params + layer->w_offset,
          sizeof (float) * layer->inputs * layer->units);
  memcpy (one->params + one->layers[0].b_offset, net->params + layer->b_offset,
          sizeof (float) * layer->units);
  ps_network_predict (one, x, n, rm);
  ps_network_free (one);
  for (gsize i = 0; i < n; i++)
    for (guint u = 0; u < layer->units; u++)
      um[u * npad + i] = rm[i * layer->units + u];
  return um;
}

/* Workers for the grid: one per core (at most 8) when there is enough to
 * share; threads cost tens of microseconds, a 100 × 100 grid on XOR one
 * millisecond. */
static guint
n_workers (const PsSurfaceGrid *grid,
           gsize                n)
{
  double work = (double) grid->rows * grid->cols * n;

  if (work < 2e5)
    return 1;
  return CLAMP ((guint) g_get_num_processors (), 1, MIN (8u, grid->rows));
}

gboolean
ps_surface_compute (const PsNetwork     *net,
                    const PsDataset     *data,
                    PsLoss               loss,
                    const PsSurfaceGrid *grid,
                    float               *out,
                    GCancellable        *cancellable,
                    GError             **error)
{
  gsize n;
  guint first, width, workers;
  g_autofree float *hx = NULL;
  g_autofree Share *shares = NULL;
  g_autofree GThread **threads = NULL;
  g_autofree float *z0 = NULL;
  g_autofree float *a0 = NULL;
  g_autofree float *xin = NULL;
  g_autofree float *z1 = NULL;
  gsize npad = 0;
  const PsLayer *layer;
  PsNetwork *tail, *tail1 = NULL;
  gboolean cancelled = FALSE;

  g_return_val_if_fail (net != NULL && data != NULL && grid != NULL && out != NULL, FALSE);
  g_return_val_if_fail (grid->p[0].index < net->n_params && grid->p[1].index < net->n_params, FALSE);

  n = ps_dataset_get_n_samples (data);
  if (n == 0 || ps_dataset_get_n_features (data) != net->n_inputs)
    {
      if (n == 0)
        g_set_error (error, PS_SURFACE_ERROR, PS_SURFACE_ERROR_MISMATCH,
                     "no samples to compute the loss on");
      else
        g_set_error (error, PS_SURFACE_ERROR, PS_SURFACE_ERROR_MISMATCH,
                     "the data has %" G_GSIZE_FORMAT " features, the network %u inputs",
                     ps_dataset_get_n_features (data), net->n_inputs);
      return FALSE;
    }
  if (grid->cols < 2 || grid->rows < 2 || grid->cols > 100000 || grid->rows > 100000
      || !isfinite (grid->x_lo) || !isfinite (grid->x_hi) || !isfinite (grid->y_lo)
      || !isfinite (grid->y_hi))
    {
      g_set_error (error, PS_SURFACE_ERROR, PS_SURFACE_ERROR_GRID,
                   "a surface grid needs 2 to 100000 points a side and finite ranges "
                   "(%u × %u asked)", grid->cols, grid->rows);
      return FALSE;
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  first = MIN (grid->p[0].layer, grid->p[1].layer);
  hx = head_outputs (net, data, first, &width);
  tail = network_tail (net, first);
  layer = &net->layers[first];
  if (layer->activation != PS_ACTIVATION_SOFTMAX)
    {
      /* the column path: layer `first`'s x·W + b once, and the next
       * layer's at those activations, unit-major */
      npad = (n + BLOCK - 1) / BLOCK * BLOCK;
      z0 = linear_unit_major (tail, 0, hx, n, npad);
      a0 = g_new0 (float, (gsize) layer->units * npad);
      for (guint u = 0; u < layer->units; u++)
        for (gsize i = 0; i < n; i++)
          a0[u * npad + i] = activate (layer->activation, z0[u * npad + i]);
      xin = g_new0 (float, 2 * npad);
      for (int k = 0; k < 2; k++)
        for (gsize i = 0; i < n; i++)
          xin[k * npad + i] = grid->p[k].bias || grid->p[k].layer != first
                              ? 1.0f : hx[i * width + grid->p[k].input];
      if (first + 1 < net->n_layers)
        {
          g_autofree float *a_rm = g_new (float, n * layer->units);

          for (guint u = 0; u < layer->units; u++)
            for (gsize i = 0; i < n; i++)
              a_rm[i * layer->units + u] = a0[u * npad + i];
          tail1 = network_tail (net, first + 1);
          z1 = linear_unit_major (tail1, 0, a_rm, n, npad);
        }
    }
  workers = n_workers (grid, n);
  shares = g_new0 (Share, workers);
  threads = g_new0 (GThread *, workers);
  for (guint t = 0; t < workers; t++)
    {
      Share *s = &shares[t];

      s->tail = tail;
      s->hx = hx;
      s->labels = ps_dataset_get_labels (data);
      s->n = n;
      s->width = width;
      s->loss = loss;
      s->grid = grid;
      s->ia = tail_index (net, tail, first, &grid->p[0]);
      s->ib = tail_index (net, tail, first, &grid->p[1]);
      s->out = out;
      s->cancellable = cancellable;
      s->row0 = (guint) ((guint64) grid->rows * t / workers);
      s->row1 = (guint) ((guint64) grid->rows * (t + 1) / workers);
      s->cols_fast = z0 != NULL;
      s->npad = npad;
      s->z0 = z0;
      s->a0 = a0;
      s->xin = xin;
      s->z1 = z1;
      s->tail1 = tail1;
      s->units = layer->units;
      s->act = layer->activation;
      for (int k = 0; k < 2; k++)
        {
          const PsParamRef *ref = &grid->p[k];

          s->v0[k] = net->params[ref->index];
          s->col[k] = ref->layer == first ? ref->unit : G_MAXUINT;
          if (ref->layer != first && tail1 != NULL)
            {
              s->rest_index[k] = tail_index (net, tail1, first + 1, ref);
              s->rest_layer[k] = ref->layer - (first + 1);
            }
        }
      if (t > 0)
        threads[t] = g_thread_new ("ps-surface", s->cols_fast ? compute_columns : compute_rows, s);
    }
  if (shares[0].cols_fast)
    compute_columns (&shares[0]);
  else
    compute_rows (&shares[0]);
  for (guint t = 0; t < workers; t++)
    {
      if (t > 0)
        g_thread_join (threads[t]);
      cancelled |= shares[t].cancelled;
    }
  ps_network_free (tail);
  g_clear_pointer (&tail1, ps_network_free);
  if (cancelled)
    return !g_cancellable_set_error_if_cancelled (cancellable, error);
  return TRUE;
}

void
ps_surface_path (const PsSurfaceGrid *grid,
                 const float *const  *checkpoints,
                 guint                n_checkpoints,
                 double              *xy)
{
  g_return_if_fail (grid != NULL && (checkpoints != NULL || n_checkpoints == 0));
  g_return_if_fail (xy != NULL || n_checkpoints == 0);

  for (guint i = 0; i < n_checkpoints; i++)
    {
      xy[2 * i] = checkpoints[i][grid->p[0].index];
      xy[2 * i + 1] = checkpoints[i][grid->p[1].index];
    }
}
