/* ps-boundary.c: a network's outputs over a 2-D grid, for decision boundaries
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ps-boundary.h"

#include <math.h>
#include <string.h>


void
ps_dataset_bounds_2d (const PsDataset *data,
                      double           margin,
                      double          *x_min,
                      double          *x_max,
                      double          *y_min,
                      double          *y_max)
{
  double lo[2] = { INFINITY, INFINITY }, hi[2] = { -INFINITY, -INFINITY };

  g_return_if_fail (data != NULL && ps_dataset_get_n_features (data) >= 2);

  for (gsize i = 0; i < ps_dataset_get_n_samples (data); i++)
    for (guint j = 0; j < 2; j++)
      {
        double v = ps_dataset_get_raw (data, i, j);
        lo[j] = MIN (lo[j], v);
        hi[j] = MAX (hi[j], v);
      }

  for (guint j = 0; j < 2; j++)
    {
      double extent;

      if (!isfinite (lo[j]))
        lo[j] = 0, hi[j] = 1;
      extent = hi[j] - lo[j];
      if (extent <= 0)
        extent = 1;
      lo[j] -= extent * margin;
      hi[j] += extent * margin;
    }

  *x_min = lo[0];
  *x_max = hi[0];
  *y_min = lo[1];
  *y_max = hi[1];
}

/* Grid cells are about this many pixels wide, within [MIN, MAX] cells. */
#define CELL_PIXELS 3
#define MIN_CELLS   50
#define MAX_CELLS   400

void
ps_boundary_grid_size (double  width,
                       double  height,
                       guint  *rows,
                       guint  *cols)
{
  g_return_if_fail (rows != NULL && cols != NULL);

  *cols = CLAMP ((guint) (MAX (width, 0) / CELL_PIXELS), MIN_CELLS, MAX_CELLS);
  *rows = CLAMP ((guint) (MAX (height, 0) / CELL_PIXELS), MIN_CELLS, MAX_CELLS);
}

static void
reserve (PsBoundaryGrid *grid,
         gsize           n,
         guint           n_lines)
{
  if (n > grid->capacity)
    {
      grid->capacity = n;
      grid->classes = g_renew (guint32, grid->classes, n);
      grid->confidence = g_renew (float, grid->confidence, n);
      grid->p1_store = g_renew (float, grid->p1_store, n);
    }
  if (n_lines > grid->lines_capacity)
    {
      grid->lines_capacity = n_lines;
      grid->lines = g_renew (float, grid->lines, (gsize) n_lines * 3);
    }
}

/* Cells [first, first + m) of the grid into x (m × 2), scaled as the network
 * saw its training inputs. */
static void
cell_centres (const PsBoundaryGrid *g,
              const PsDataset      *scaling,
              gsize                 first,
              gsize                 m,
              float                *x)
{
  const float *shift = scaling != NULL ? ps_dataset_get_scale_shift (scaling) : NULL;
  const float *mul = scaling != NULL ? ps_dataset_get_scale_mul (scaling) : NULL;
  gboolean scaled = shift != NULL && mul != NULL;

  for (gsize k = 0; k < m; k++)
    {
      guint r = (first + k) / g->cols, c = (first + k) % g->cols;
      double px = g->x_min + (c + 0.5) * (g->x_max - g->x_min) / g->cols;
      double py = g->y_max - (r + 0.5) * (g->y_max - g->y_min) / g->rows;
      float *cell = x + k * 2;

      cell[0] = px;
      cell[1] = py;
      if (scaled)
        for (guint j = 0; j < 2; j++)
          cell[j] = (cell[j] - shift[j]) * mul[j];
    }
}

/* A first step layer draws its units' lines w0·x + w1·y + b = 0. The network
 * sees scaled inputs x' = (x − s)·m, so in raw coordinates the line is
 * (w0 m0) x + (w1 m1) y + (b − w0 m0 s0 − w1 m1 s1) = 0. */
static void
step_lines (PsBoundaryGrid  *grid,
            const PsNetwork *net,
            const PsDataset *scaling)
{
  const float *shift = scaling != NULL ? ps_dataset_get_scale_shift (scaling) : NULL;
  const float *mul = scaling != NULL ? ps_dataset_get_scale_mul (scaling) : NULL;
  gboolean scaled = shift != NULL && mul != NULL;
  const PsLayer *l = &net->layers[0];
  const float *w = net->params + l->w_offset;
  const float *b = net->params + l->b_offset;

  grid->n_lines = l->units;
  for (guint u = 0; u < l->units; u++)
    {
      double w0 = w[0 * l->units + u], w1 = w[1 * l->units + u], bb = b[u];

      if (scaled)
        {
          bb -= w0 * mul[0] * shift[0]
                + w1 * mul[1] * shift[1];
          w0 *= mul[0];
          w1 *= mul[1];
        }
      grid->lines[u * 3 + 0] = w0;
      grid->lines[u * 3 + 1] = w1;
      grid->lines[u * 3 + 2] = bb;
    }
}

gboolean
ps_boundary_grid_compute (PsBoundaryGrid  *grid,
                          const PsNetwork *net,
                          PsWorkspace     *ws,
                          const PsDataset *scaling,
                          double           x_min,
                          double           x_max,
                          double           y_min,
                          double           y_max,
                          guint            rows,
                          guint            cols)
{
  float x[PS_BOUNDARY_CHUNK * 2];
  PsWorkspace *own_ws = NULL;
  gboolean has_lines;
  guint n_out;
  gsize n;

  g_return_val_if_fail (grid != NULL, FALSE);
  g_return_val_if_fail (net != NULL, FALSE);
  g_return_val_if_fail (rows > 0 && cols > 0, FALSE);
  g_return_val_if_fail (ws == NULL || ps_workspace_max_batch (ws) >= PS_BOUNDARY_CHUNK, FALSE);

  if (net->n_inputs != 2)
    return FALSE;

  n_out = ps_network_n_outputs (net);
  n = (gsize) rows * cols;
  has_lines = net->n_layers >= 1 && net->layers[0].activation == PS_ACTIVATION_STEP;
  reserve (grid, n, has_lines ? net->layers[0].units : 0);
  grid->rows = rows;
  grid->cols = cols;
  grid->x_min = x_min;
  grid->x_max = x_max;
  grid->y_min = y_min;
  grid->y_max = y_max;
  grid->n_classes = n_out == 1 ? 2 : n_out;
  grid->p1 = n_out == 1 ? grid->p1_store : NULL;
  if (ws == NULL)
    ws = own_ws = ps_workspace_new (net, PS_BOUNDARY_CHUNK);

  /* In blocks of cells: memory stays bounded whatever the model's output
   * count (a model file may have thousands of classes). */
  for (gsize first = 0; first < n; first += PS_BOUNDARY_CHUNK)
    {
      gsize m = MIN (PS_BOUNDARY_CHUNK, n - first);
      const float *out;

      cell_centres (grid, scaling, first, m, x);
      out = ps_network_forward (net, ws, x, m);
      for (gsize k = 0; k < m; k++)
        {
          const float *row = out + k * n_out;
          gsize i = first + k;

          grid->classes[i] = ps_network_classify_row (net, row);
          if (n_out == 1)
            {
              float p = CLAMP (row[0], 0.f, 1.f);

              grid->p1[i] = p;
              grid->confidence[i] = MAX (p, 1.f - p);
            }
          else
            grid->confidence[i] = row[grid->classes[i]];
        }
    }
  ps_workspace_free (own_ws);

  grid->n_lines = 0;
  if (has_lines)
    step_lines (grid, net, scaling);

  return TRUE;
}

/**
 * ps_boundary_grid_new:
 *
 * Returns: (transfer full) (nullable): free with ps_boundary_grid_free()
 */
PsBoundaryGrid *
ps_boundary_grid_new (const PsNetwork *net,
                      const PsDataset *scaling,
                      double           x_min,
                      double           x_max,
                      double           y_min,
                      double           y_max,
                      guint            rows,
                      guint            cols)
{
  PsBoundaryGrid *grid = g_new0 (PsBoundaryGrid, 1);

  if (!ps_boundary_grid_compute (grid, net, NULL, scaling, x_min, x_max, y_min, y_max, rows, cols))
    {
      g_free (grid);
      return NULL;
    }
  return grid;
}

void
ps_boundary_grid_clear (PsBoundaryGrid *grid)
{
  g_return_if_fail (grid != NULL);

  g_free (grid->p1_store);
  g_free (grid->classes);
  g_free (grid->confidence);
  g_free (grid->lines);
  memset (grid, 0, sizeof *grid);
}

void
ps_boundary_grid_free (PsBoundaryGrid *grid)
{
  if (grid == NULL)
    return;
  ps_boundary_grid_clear (grid);
  g_free (grid);
}

/* ---- per-unit maps ------------------------------------------------------ */

#define MAX_MAP_LAYERS 64

/* Layer l of net as a network of its own (sharing the parameters), so that
 * a forward pass through it yields that layer's activations: the engine's
 * workspace keeps only the output of the whole stack in reach. */
static void
single_layer (const PsNetwork *net,
              guint            l,
              PsNetwork       *one)
{
  memset (one, 0, sizeof *one);
  one->n_inputs = net->layers[l].inputs;
  one->n_layers = 1;
  one->layers = &net->layers[l];
  one->n_params = net->n_params;
  one->params = net->params;
  one->loss = net->loss;
}

/* The chain of single layers 0..last and a workspace for each, chunk rows. */
typedef struct
{
  guint        n;
  PsNetwork    one[MAX_MAP_LAYERS];
  PsWorkspace *ws[MAX_MAP_LAYERS];
} LayerChain;

static void
chain_init (LayerChain      *c,
            const PsNetwork *net,
            guint            last,
            gsize            chunk)
{
  c->n = last + 1;
  for (guint l = 0; l < c->n; l++)
    {
      single_layer (net, l, &c->one[l]);
      c->ws[l] = ps_workspace_new (&c->one[l], chunk);
    }
}

static void
chain_clear (LayerChain *c)
{
  for (guint l = 0; l < c->n; l++)
    ps_workspace_free (c->ws[l]);
  c->n = 0;
}

/**
 * ps_unit_maps_compute:
 *
 * One forward pass over the grid; each layer's outputs are kept as they go
 * by (the same arithmetic as ps_network_forward(), one layer at a time).
 *
 * Returns: %FALSE when @net does not take 2 inputs or has over 64 layers
 */
gboolean
ps_unit_maps_compute (PsUnitMaps      *maps,
                      const PsNetwork *net,
                      const PsDataset *scaling,
                      double           x_min,
                      double           x_max,
                      double           y_min,
                      double           y_max,
                      guint            rows,
                      guint            cols)
{
  float x[PS_BOUNDARY_CHUNK * 2];
  PsBoundaryGrid cells = { 0 };
  LayerChain chain;
  gsize n, total = 0;

  g_return_val_if_fail (maps != NULL, FALSE);
  g_return_val_if_fail (net != NULL, FALSE);
  g_return_val_if_fail (rows > 0 && cols > 0, FALSE);

  if (net->n_inputs != 2 || net->n_layers == 0 || net->n_layers > MAX_MAP_LAYERS)
    return FALSE;

  n = (gsize) rows * cols;
  for (guint l = 0; l < net->n_layers; l++)
    total += n * net->layers[l].units;
  if (total > maps->capacity)
    {
      maps->capacity = total;
      maps->store = g_renew (float, maps->store, total);
    }
  maps->rows = rows;
  maps->cols = cols;
  maps->x_min = x_min;
  maps->x_max = x_max;
  maps->y_min = y_min;
  maps->y_max = y_max;
  maps->n_layers = net->n_layers;
  total = 0;
  for (guint l = 0; l < net->n_layers; l++)
    {
      maps->units[l] = net->layers[l].units;
      maps->maps[l] = maps->store + total;
      maps->lo[l] = INFINITY;
      maps->hi[l] = -INFINITY;
      total += n * net->layers[l].units;
    }

  /* cell_centres() reads only the box and the grid's size */
  cells.rows = rows;
  cells.cols = cols;
  cells.x_min = x_min;
  cells.x_max = x_max;
  cells.y_min = y_min;
  cells.y_max = y_max;
  chain_init (&chain, net, net->n_layers - 1, PS_BOUNDARY_CHUNK);
  for (gsize first = 0; first < n; first += PS_BOUNDARY_CHUNK)
    {
      gsize m = MIN (PS_BOUNDARY_CHUNK, n - first);
      const float *in = x;

      cell_centres (&cells, scaling, first, m, x);
      for (guint l = 0; l < net->n_layers; l++)
        {
          guint units = net->layers[l].units;
          const float *out = ps_network_forward (&chain.one[l], chain.ws[l], in, m);
          float *dst = maps->maps[l];
          float lo = maps->lo[l], hi = maps->hi[l];

          /* batch × units in, unit-major images out */
          for (gsize k = 0; k < m; k++)
            for (guint u = 0; u < units; u++)
              {
                float v = out[k * units + u];

                dst[u * n + first + k] = v;
                if (isfinite (v))
                  {
                    lo = MIN (lo, v);
                    hi = MAX (hi, v);
                  }
              }
          maps->lo[l] = lo;
          maps->hi[l] = hi;
          in = out;
        }
    }
  chain_clear (&chain);
  /* Bounded activations are coloured over their whole range, so that a
   * unit near 0.5 everywhere looks undecided rather than stretched to
   * both ends of the colour map; relu from 0 up, linear over its values. */
  for (guint l = 0; l < net->n_layers; l++)
    {
      if (!(maps->lo[l] <= maps->hi[l]))
        maps->lo[l] = maps->hi[l] = 0;
      switch (net->layers[l].activation)
        {
        case PS_ACTIVATION_STEP:
        case PS_ACTIVATION_SIGMOID:
        case PS_ACTIVATION_SOFTMAX:
          maps->lo[l] = 0;
          maps->hi[l] = 1;
          break;
        case PS_ACTIVATION_TANH:
          maps->lo[l] = -1;
          maps->hi[l] = 1;
          break;
        case PS_ACTIVATION_RELU:
          maps->lo[l] = 0;
          maps->hi[l] = MAX (maps->hi[l], 1e-6f);
          break;
        case PS_ACTIVATION_LINEAR:
        default:
          break;
        }
    }

  return TRUE;
}

void
ps_unit_maps_clear (PsUnitMaps *maps)
{
  g_return_if_fail (maps != NULL);

  g_free (maps->store);
  memset (maps, 0, sizeof *maps);
}

void
ps_network_layer_outputs (const PsNetwork *net,
                          guint            layer,
                          const float     *x,
                          gsize            n,
                          float           *out)
{
  LayerChain chain;
  guint units;

  g_return_if_fail (net != NULL);
  g_return_if_fail (layer < net->n_layers && layer < MAX_MAP_LAYERS);
  g_return_if_fail (n == 0 || (x != NULL && out != NULL));

  units = net->layers[layer].units;
  chain_init (&chain, net, layer, PS_BOUNDARY_CHUNK);
  for (gsize first = 0; first < n; first += PS_BOUNDARY_CHUNK)
    {
      gsize m = MIN (PS_BOUNDARY_CHUNK, n - first);
      const float *in = x + first * net->n_inputs;

      for (guint l = 0; l <= layer; l++)
        in = ps_network_forward (&chain.one[l], chain.ws[l], in, m);
      memcpy (out + first * units, in, m * units * sizeof (float));
    }
  chain_clear (&chain);
}

gboolean
ps_network_decision_plane (const PsNetwork *net,
                           guint            layer,
                           double          *plane)
{
  const PsLayer *next;
  const float *w, *b;
  guint units;

  g_return_val_if_fail (net != NULL && plane != NULL, FALSE);
  g_return_val_if_fail (layer < net->n_layers, FALSE);

  if (layer + 2 != net->n_layers)
    return FALSE;
  next = &net->layers[layer + 1];
  w = net->params + next->w_offset;
  b = net->params + next->b_offset;
  units = net->layers[layer].units;
  if (next->units == 1)
    {
      double t;

      switch (next->activation)
        {
        case PS_ACTIVATION_STEP:
        case PS_ACTIVATION_SIGMOID:
          t = 0;
          break;
        case PS_ACTIVATION_TANH:
          t = atanh (0.5);
          break;
        case PS_ACTIVATION_LINEAR:
        case PS_ACTIVATION_RELU:
          t = 0.5;
          break;
        case PS_ACTIVATION_SOFTMAX:
        default:
          return FALSE;   /* a softmax of one unit is 1 everywhere */
        }
      for (guint i = 0; i < units; i++)
        plane[i] = w[i];
      plane[units] = b[0] - t;
      return TRUE;
    }
  if (next->units == 2)
    {
      /* every activation is monotone: the larger z wins */
      for (guint i = 0; i < units; i++)
        plane[i] = (double) w[i * 2 + 1] - w[i * 2];
      plane[units] = (double) b[1] - b[0];
      return TRUE;
    }
  return FALSE;
}

gboolean
ps_hidden_space_compute (PsHiddenSpace   *hs,
                         const PsNetwork *net,
                         const PsDataset *train,
                         guint            layer,
                         gsize            max_samples)
{
  gsize total, nf;
  guint units, dims;
  PsActivation act;

  g_return_val_if_fail (hs != NULL, FALSE);
  g_return_val_if_fail (net != NULL && train != NULL, FALSE);

  hs->n = 0;
  hs->has_plane = FALSE;
  if (layer + 1 >= net->n_layers || net->layers[layer].units < 2
      || ps_dataset_get_n_features (train) != net->n_inputs
      || ps_dataset_get_n_samples (train) == 0 || max_samples == 0)
    return FALSE;

  total = ps_dataset_get_n_samples (train);
  nf = ps_dataset_get_n_features (train);
  if (hs->x_from != train || hs->x_n_features != nf
      || hs->n_gathered != MIN (total, max_samples))
    {
      gsize n = MIN (total, max_samples);
      g_autofree guint32 *idx = g_new (guint32, n);

      for (gsize i = 0; i < n; i++)
        idx[i] = (guint32) (i * total / n);
      hs->x = g_renew (float, hs->x, n * nf);
      hs->labels = g_renew (guint32, hs->labels, n);
      ps_dataset_gather (train, idx, 0, n, hs->x, hs->labels);
      if (hs->x_from != train)
        {
          g_clear_pointer (&hs->x_from, ps_dataset_unref);
          /* immutable once shared: a reference is all it takes */
          hs->x_from = ps_dataset_ref ((PsDataset *) train);
        }
      hs->x_n_features = nf;
      hs->n_gathered = n;
    }

  units = net->layers[layer].units;
  dims = MIN (units, 3);
  hs->layer = layer;
  hs->units = units;
  hs->dims = dims;
  hs->n = hs->n_gathered;
  hs->acts = g_renew (float, hs->acts, hs->n * units);
  hs->points = g_renew (float, hs->points, hs->n * dims);
  ps_network_layer_outputs (net, layer, hs->x, hs->n, hs->acts);
  for (gsize i = 0; i < hs->n; i++)
    memcpy (hs->points + i * dims, hs->acts + i * units, dims * sizeof (float));
  hs->has_plane = units == dims && ps_network_decision_plane (net, layer, hs->plane);

  /* the activation's whole range: the axes stay put while training moves
   * the points */
  act = net->layers[layer].activation;
  for (guint j = 0; j < 3; j++)
    {
      hs->lo[j] = hs->hi[j] = 0;
      if (act == PS_ACTIVATION_SIGMOID || act == PS_ACTIVATION_STEP || act == PS_ACTIVATION_SOFTMAX)
        {
          hs->lo[j] = -0.05;
          hs->hi[j] = 1.05;
        }
      else if (act == PS_ACTIVATION_TANH)
        {
          hs->lo[j] = -1.05;
          hs->hi[j] = 1.05;
        }
    }
  return TRUE;
}

void
ps_hidden_space_clear (PsHiddenSpace *hs)
{
  g_return_if_fail (hs != NULL);

  g_clear_pointer (&hs->x_from, ps_dataset_unref);
  g_free (hs->x);
  g_free (hs->acts);
  g_free (hs->points);
  g_free (hs->labels);
  memset (hs, 0, sizeof *hs);
}
