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
} PsBoundaryGrid;

/* The data's bounding box with a margin (fraction of the extent). */
void            ps_dataset_bounds_2d     (const PsDataset *data,
                                          double           margin,
                                          double          *x_min,
                                          double          *x_max,
                                          double          *y_min,
                                          double          *y_max);
/* Row 0 is y_max (top). scaling (may be NULL) supplies the shift/mul that the
 * network expects on its inputs. Returns NULL when the net does not take 2 inputs. */
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
