/* ps-boundary.c
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ps-boundary.h"

#include <math.h>

#define BOUNDARY_CHUNK_FLOATS ((gsize) 4 << 20)

void
ps_dataset_bounds_2d (const PsDataset *data,
                      double           margin,
                      double          *x_min,
                      double          *x_max,
                      double          *y_min,
                      double          *y_max)
{
  double lo[2] = { INFINITY, INFINITY }, hi[2] = { -INFINITY, -INFINITY };

  g_return_if_fail (data != NULL && data->n_features >= 2);

  for (gsize i = 0; i < data->n_samples; i++)
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
  g_autofree float *x = NULL;
  g_autofree float *out = NULL;
  PsBoundaryGrid *grid;
  guint n_out;
  gsize n, chunk;

  g_return_val_if_fail (net != NULL, NULL);
  g_return_val_if_fail (rows > 0 && cols > 0, NULL);

  if (net->n_inputs != 2)
    return NULL;

  n_out = ps_network_n_outputs (net);
  n = (gsize) rows * cols;
  grid = g_new0 (PsBoundaryGrid, 1);
  grid->rows = rows;
  grid->cols = cols;
  grid->x_min = x_min;
  grid->x_max = x_max;
  grid->y_min = y_min;
  grid->y_max = y_max;
  grid->n_classes = n_out == 1 ? 2 : n_out;
  grid->classes = g_new (guint32, n);
  grid->confidence = g_new (float, n);
  if (n_out == 1)
    grid->p1 = g_new (float, n);

  /* Cell centres, scaled as the network saw its training inputs. */
  x = g_new (float, n * 2);
  for (guint r = 0; r < rows; r++)
    for (guint c = 0; c < cols; c++)
      {
        double px = x_min + (c + 0.5) * (x_max - x_min) / cols;
        double py = y_max - (r + 0.5) * (y_max - y_min) / rows;
        float *cell = x + ((gsize) r * cols + c) * 2;

        cell[0] = px;
        cell[1] = py;
        if (scaling != NULL && scaling->shift != NULL && scaling->mul != NULL)
          for (guint j = 0; j < 2; j++)
            cell[j] = (cell[j] - scaling->shift[j]) * scaling->mul[j];
      }

  /* The outputs in blocks of cells: memory stays bounded (~16 MB) whatever
   * the model's output count (a model file may have thousands of classes). */
  chunk = MAX ((gsize) 1, BOUNDARY_CHUNK_FLOATS / n_out);
  out = g_new (float, MIN (chunk, n) * n_out);
  for (gsize i = 0; i < n; i++)
    {
      const float *row;

      if (i % chunk == 0)
        ps_network_predict (net, x + i * 2, MIN (chunk, n - i), out);
      row = out + (i % chunk) * n_out;

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

  /* A first step layer draws its units' lines w0·x + w1·y + b = 0. The network
   * sees scaled inputs x' = (x − s)·m, so in raw coordinates the line is
   * (w0 m0) x + (w1 m1) y + (b − w0 m0 s0 − w1 m1 s1) = 0. */
  if (net->n_layers >= 1 && net->layers[0].activation == PS_ACTIVATION_STEP)
    {
      const PsLayer *l = &net->layers[0];
      const float *w = net->params + l->w_offset;
      const float *b = net->params + l->b_offset;

      grid->n_lines = l->units;
      grid->lines = g_new (float, l->units * 3);
      for (guint u = 0; u < l->units; u++)
        {
          double w0 = w[0 * l->units + u], w1 = w[1 * l->units + u], bb = b[u];

          if (scaling != NULL && scaling->shift != NULL && scaling->mul != NULL)
            {
              bb -= w0 * scaling->mul[0] * scaling->shift[0]
                    + w1 * scaling->mul[1] * scaling->shift[1];
              w0 *= scaling->mul[0];
              w1 *= scaling->mul[1];
            }
          grid->lines[u * 3 + 0] = w0;
          grid->lines[u * 3 + 1] = w1;
          grid->lines[u * 3 + 2] = bb;
        }
    }

  return grid;
}

void
ps_boundary_grid_free (PsBoundaryGrid *grid)
{
  if (grid == NULL)
    return;
  g_free (grid->p1);
  g_free (grid->classes);
  g_free (grid->confidence);
  g_free (grid->lines);
  g_free (grid);
}
