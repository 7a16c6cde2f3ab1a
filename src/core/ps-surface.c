/* ps-surface.c: the loss over a grid of two parameters
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The layers before the first chosen parameter do not change over the
 * grid: their output is computed once, and each grid point runs only the
 * rest of the network (a "tail" network holding copies of those layers)
 * on it, in chunks, on one workspace. The loss is summed per chunk with
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
  guint first, width, n_out;
  g_autofree float *hx = NULL;
  g_autofree guint32 *labels = NULL;
  PsNetwork *tail;
  PsWorkspace *ws;
  gsize ia, ib, chunk;
  gboolean ok = TRUE;

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

  first = MIN (grid->p[0].layer, grid->p[1].layer);
  hx = head_outputs (net, data, first, &width);
  labels = g_new (guint32, n);
  memcpy (labels, ps_dataset_get_labels (data), sizeof (guint32) * n);
  tail = network_tail (net, first);
  ia = tail_index (net, tail, first, &grid->p[0]);
  ib = tail_index (net, tail, first, &grid->p[1]);
  n_out = ps_network_n_outputs (tail);
  chunk = MIN (n, SURFACE_CHUNK);
  ws = ps_workspace_new (tail, chunk);

  for (guint r = 0; r < grid->rows && ok; r++)
    {
      float vb = (float) ps_surface_axis_value (grid->y_lo, grid->y_hi, grid->rows, grid->rows - 1 - r);

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          ok = FALSE;
          break;
        }
      for (guint c = 0; c < grid->cols; c++)
        {
          double total = 0;

          tail->params[ia] = (float) ps_surface_axis_value (grid->x_lo, grid->x_hi, grid->cols, c);
          tail->params[ib] = vb;
          for (gsize done = 0; done < n; done += chunk)
            {
              gsize m = MIN (chunk, n - done);
              const float *y = ps_network_forward (tail, ws, hx + done * width, m);

              total += ps_loss_compute (loss, y, labels + done, m, n_out, NULL);
            }
          out[(gsize) r * grid->cols + c] = (float) (total / (double) n);
        }
    }
  ps_workspace_free (ws);
  ps_network_free (tail);
  return ok;
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
