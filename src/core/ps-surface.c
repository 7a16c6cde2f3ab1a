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
  /* The column path (see compute_columns): set when cols_fast. */
  gboolean             cols_fast;
  const float         *z_base;    /* n × units: layer `first`'s x·W + b */
  const float         *a_base;    /* n × units: f of it */
  guint                units;
  PsActivation         act;
  const PsNetwork     *rest;      /* the layers after `first`, or NULL */
  guint                col[2];    /* the unit of p[i] when it is in layer `first`, else G_MAXUINT */
  gssize               in[2];     /* its input column in hx, −1 for a bias */
  float                v0[2];     /* its value in the network */
  gsize                rest_index[2]; /* when it is in a later layer: its index in rest */
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

/* A parameter of layer `first` moves one unit's x·W + b only, by
 * Δw·x_i (or Δb): that unit's column is recomputed from the cached
 * pre-activations, every other column of the layer is copied, and only
 * the layers after it run. The transcendental functions of the layer's
 * other units were most of the cost. */
static gpointer
compute_columns (gpointer data)
{
  Share *s = data;
  const PsSurfaceGrid *g = s->grid;
  PsNetwork *rest = s->rest ? ps_network_copy (s->rest) : NULL;
  gsize chunk = MIN (s->n, SURFACE_CHUNK);
  PsWorkspace *ws = rest ? ps_workspace_new (rest, chunk) : NULL;
  guint n_out = rest ? ps_network_n_outputs (rest) : s->units;
  g_autofree float *buf = g_new (float, chunk * s->units);

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

          v[0] = (float) ps_surface_axis_value (g->x_lo, g->x_hi, g->cols, c);
          for (int k = 0; k < 2; k++)
            {
              dv[k] = v[k] - s->v0[k];
              if (s->col[k] == G_MAXUINT)
                rest->params[s->rest_index[k]] = v[k];
            }
          for (gsize done = 0; done < s->n; done += chunk)
            {
              gsize m = MIN (chunk, s->n - done);
              const float *y = buf;

              memcpy (buf, s->a_base + done * s->units, sizeof (float) * m * s->units);
              for (int k = 0; k < 2; k++)
                {
                  guint j = s->col[k];

                  if (j == G_MAXUINT || (k == 1 && j == s->col[0]))
                    continue;   /* a later layer's, or done with p[0] */
                  for (gsize i = 0; i < m; i++)
                    {
                      gsize row = done + i;
                      float z = s->z_base[row * s->units + j];

                      for (int q = k; q < 2; q++)
                        if (s->col[q] == j)
                          z += dv[q] * (s->in[q] < 0 ? 1.0f : s->hx[row * s->width + s->in[q]]);
                      buf[i * s->units + j] = activate (s->act, z);
                    }
                }
              if (rest != NULL)
                y = ps_network_forward (rest, ws, buf, m);
              total += ps_loss_compute (s->loss, y, s->labels + done, m, n_out, NULL);
            }
          s->out[(gsize) r * g->cols + c] = (float) (total / (double) s->n);
        }
    }
  g_clear_pointer (&ws, ps_workspace_free);
  g_clear_pointer (&rest, ps_network_free);
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
  g_autofree float *z_base = NULL;
  g_autofree float *a_base = NULL;
  const PsLayer *layer;
  PsNetwork *tail, *rest = NULL;
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
      /* the column path: layer `first`'s x·W + b once, linear */
      PsActivation lin = PS_ACTIVATION_LINEAR;
      guint units[2] = { layer->inputs, layer->units };
      PsNetwork *one = ps_network_new (units, &lin, 2);
      gsize nz = n * layer->units;

      memcpy (one->params, tail->params, sizeof (float) * one->n_params);
      z_base = g_new (float, nz);
      a_base = g_new (float, nz);
      ps_network_predict (one, hx, n, z_base);
      ps_network_free (one);
      for (gsize i = 0; i < nz; i++)
        a_base[i] = activate (layer->activation, z_base[i]);
      if (first + 1 < net->n_layers)
        rest = network_tail (net, first + 1);
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
      s->cols_fast = z_base != NULL;
      s->z_base = z_base;
      s->a_base = a_base;
      s->units = layer->units;
      s->act = layer->activation;
      s->rest = rest;
      for (int k = 0; k < 2; k++)
        {
          const PsParamRef *ref = &grid->p[k];

          s->v0[k] = net->params[ref->index];
          s->col[k] = ref->layer == first ? ref->unit : G_MAXUINT;
          s->in[k] = ref->bias ? -1 : (gssize) ref->input;
          if (ref->layer != first && rest != NULL)
            s->rest_index[k] = tail_index (net, rest, first + 1, ref);
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
  g_clear_pointer (&rest, ps_network_free);
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
