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
