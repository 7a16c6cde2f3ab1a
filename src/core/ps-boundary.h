/* ps-boundary.h: a network's outputs over a 2-D grid, for decision boundaries
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pure numerics shared by the CLI and the app, so both draw the same picture.
 */
#pragma once

#include <glib.h>

#include "ps-dataset.h"
#include "ps-network.h"

G_BEGIN_DECLS

typedef struct
{
  guint    rows;
  guint    cols;
  double   x_min, x_max, y_min, y_max;   /* raw (unscaled) feature coordinates */
  guint    n_classes;
  float   *p1;          /* rows × cols: P(class 1) for one-output nets, else NULL */
  guint32 *classes;     /* rows × cols: predicted class (always filled) */
  float   *confidence;  /* rows × cols: max class probability (always filled) */
  guint    n_lines;     /* separating lines of a first step layer (perceptron), else 0 */
  float   *lines;       /* n_lines × 3: w0, w1, b in raw coordinates */
  /* The buffers behind the arrays above, kept across computes. */
  float   *p1_store;
  gsize    capacity;        /* cells classes/confidence/p1_store hold */
  guint    lines_capacity;  /* lines lines holds */
} PsBoundaryGrid;

/* Rows per forward pass of ps_boundary_grid_compute: a workspace passed to it
 * must take at least this many rows. */
#define PS_BOUNDARY_CHUNK 256

/* The one grid-size rule: a grid cell is about 3 pixels, 50 to 400 cells a
 * side, for a plot of width × height pixels (the window's view and
 * `perceptron plot --kind boundary` draw the same picture). */
void            ps_boundary_grid_size    (double           width,
                                          double           height,
                                          guint           *rows,
                                          guint           *cols);

/* The data's bounding box with a margin (fraction of the extent). */
void            ps_dataset_bounds_2d     (const PsDataset *data,
                                          double           margin,
                                          double          *x_min,
                                          double          *x_max,
                                          double          *y_min,
                                          double          *y_max);
/* The one grid computation: the network's outputs at the centres of rows ×
 * cols cells over the box into @grid, a caller-owned struct (zero-filled
 * before first use) whose buffers grow as needed and are reused by the next
 * call; release them with ps_boundary_grid_clear(). Row 0 is y_max (top).
 * scaling (may be NULL) supplies the shift/mul that the network expects on
 * its inputs. ws: a workspace of net for PS_BOUNDARY_CHUNK rows, or NULL
 * (one is made for the call). FALSE, grid unchanged, when the net does not
 * take 2 inputs. */
gboolean        ps_boundary_grid_compute (PsBoundaryGrid  *grid,
                                          const PsNetwork *net,
                                          PsWorkspace     *ws,
                                          const PsDataset *scaling,
                                          double           x_min,
                                          double           x_max,
                                          double           y_min,
                                          double           y_max,
                                          guint            rows,
                                          guint            cols);
/* Frees the buffers of a caller-owned grid and zeroes it. */
void            ps_boundary_grid_clear   (PsBoundaryGrid  *grid);
/* ps_boundary_grid_compute() into a new grid (free with
 * ps_boundary_grid_free). NULL when the net does not take 2 inputs. */
PsBoundaryGrid *ps_boundary_grid_new     (const PsNetwork *net,
                                          const PsDataset *scaling,
                                          double           x_min,
                                          double           x_max,
                                          double           y_min,
                                          double           y_max,
                                          guint            rows,
                                          guint            cols);
void            ps_boundary_grid_free    (PsBoundaryGrid  *grid);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PsBoundaryGrid, ps_boundary_grid_free)

G_END_DECLS
