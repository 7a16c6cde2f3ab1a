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

/* ---- per-unit maps and hidden activations ------------------------------ */

/* Every layer's activation of every unit over a rows × cols grid of the
 * input plane (the neuron maps of the network diagram), from one forward
 * pass over the grid's cells: a caller-owned struct (zero-filled before
 * first use) whose buffers are reused by the next compute. */
typedef struct
{
  guint    rows;
  guint    cols;
  double   x_min, x_max, y_min, y_max;   /* raw (unscaled) feature coordinates */
  guint    n_layers;
  guint    units[64];   /* units of each layer (n_layers ≤ 64) */
  /* maps[l]: layer l's units × rows × cols values, unit-major, row 0 at
   * y_max (top), points into store */
  float   *maps[64];
  /* lo[l], hi[l]: the colour range of layer l's maps: the activation's
   * range (step, sigmoid, softmax 0..1; tanh −1..1; relu 0..largest), a
   * linear layer's smallest and largest value */
  float    lo[64], hi[64];
  float   *store;
  gsize    capacity;     /* floats store holds */
} PsUnitMaps;

/* The maps of every unit of @net (which must take 2 inputs: FALSE, @maps
 * unchanged, otherwise, or for more than 64 layers) over the box, at the
 * centres of rows × cols cells as ps_boundary_grid_compute() places them;
 * scaling as there. Release with ps_unit_maps_clear(). */
gboolean        ps_unit_maps_compute     (PsUnitMaps      *maps,
                                          const PsNetwork *net,
                                          const PsDataset *scaling,
                                          double           x_min,
                                          double           x_max,
                                          double           y_min,
                                          double           y_max,
                                          guint            rows,
                                          guint            cols);
/* Frees the buffers of caller-owned maps and zeroes them. */
void            ps_unit_maps_clear       (PsUnitMaps      *maps);

/* The activations of @net's layer @layer (0-based: 0 is the first hidden
 * layer) for the n rows of x (n × n_inputs, scaled as the network's
 * inputs) into out (n × that layer's units), computed a block of rows at a
 * time through each layer in turn. */
void            ps_network_layer_outputs (const PsNetwork *net,
                                          guint            layer,
                                          const float     *x,
                                          gsize            n,
                                          float           *out);
/* The decision boundary of the layer after @layer (0-based) in @layer's
 * activation space, when that is the output layer and draws one: a·h + c
 * = 0 into plane (@layer's units values of a, then c), with a·h + c > 0
 * where the network says class 1. One output unit: its 0.5 threshold taken
 * back through the activation (z > 0 for step and sigmoid, z > atanh ½
 * for tanh, z > ½ for linear and relu); two output units: z₁ > z₀. FALSE
 * (plane untouched) otherwise: a hidden layer follows, a softmax of one
 * unit, more than two outputs. */
gboolean        ps_network_decision_plane (const PsNetwork *net,
                                           guint            layer,
                                           double          *plane);

/* What the Hidden space view and `perceptron plot --kind hidden` draw (one
 * rule for both): at most max_samples training samples (evenly spaced) at
 * hidden layer @layer's activations, its first dims = min (units, 3) units
 * (not a PCA projection: the axes stay units the Diagram names), the
 * output's decision plane when every unit is shown, the axis ranges of the
 * activation (sigmoid and step −0.05..1.05, tanh −1.05..1.05; lo == hi:
 * from the points). A caller-owned struct, zero-filled before first use;
 * the gathered inputs are kept while the dataset stays the same. */
typedef struct
{
  guint      layer;
  guint      units;       /* the layer's */
  guint      dims;        /* 2 or 3 */
  gsize      n;
  float     *points;      /* n × dims */
  guint32   *labels;      /* n */
  gboolean   has_plane;
  double     plane[4];    /* dims + 1: a, then c (a·h + c > 0: class 1) */
  double     lo[3], hi[3];
  /* private */
  PsDataset *x_from;      /* a reference: its address keys the cache */
  gsize      x_n_features;
  gsize      n_gathered;
  float     *x;
  float     *acts;
} PsHiddenSpace;

#define PS_HIDDEN_SPACE_MAX_SAMPLES 1000

/* FALSE (hs->n 0) when @layer is not a hidden layer of @net, has fewer
 * than 2 units, or @train does not fit @net. @train is referenced until
 * the next compute on another dataset or ps_hidden_space_clear(). */
gboolean        ps_hidden_space_compute  (PsHiddenSpace   *hs,
                                          const PsNetwork *net,
                                          const PsDataset *train,
                                          guint            layer,
                                          gsize            max_samples);
void            ps_hidden_space_clear    (PsHiddenSpace   *hs);

G_END_DECLS
