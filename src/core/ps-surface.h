/* ps-surface.h: the loss over a grid of two parameters (the error surface)
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The landscape gradient descent walks on, seen through two of the
 * network's parameters: every other parameter stays as it is, the two
 * chosen ones sweep a grid, and each grid point gets the loss the model
 * reports (ps_evaluate(): the mean over the samples of the model's loss).
 */
#pragma once

#include <gio/gio.h>

#include "ps-dataset.h"
#include "ps-network.h"

G_BEGIN_DECLS

#define PS_SURFACE_ERROR (ps_surface_error_quark ())

typedef enum
{
  PS_SURFACE_ERROR_PARSE,      /* not L:I:J or L:b:J */
  PS_SURFACE_ERROR_RANGE,      /* a layer, input or unit the network does not have */
  PS_SURFACE_ERROR_SAME,       /* the two parameters are one */
  PS_SURFACE_ERROR_MISMATCH,   /* the data does not fit the network, or no samples */
  PS_SURFACE_ERROR_GRID,       /* a grid of fewer than 2 × 2 points, or a range that is not finite */
  PS_SURFACE_ERROR_CANCELLED,
} PsSurfaceError;

/* One parameter of a network: a weight W[input][unit] of layer `layer`
 * (0-based here; the text is 1-based), or the layer's bias b[unit]. */
typedef struct
{
  guint    layer;      /* 0-based */
  gboolean bias;
  guint    input;      /* weights only */
  guint    unit;
  gsize    index;      /* into PsNetwork.params */
} PsParamRef;

GQuark    ps_surface_error_quark  (void);

/* Parses "L:I:J" (layer L from 1, input I and unit J from 0; spaces
 * around the numbers allowed) or "L:b:J" (the bias of unit J) against
 * @net. @error: PS_SURFACE_ERROR_PARSE or _RANGE, naming the text and
 * the valid range. */
gboolean  ps_param_ref_parse      (const char       *text,
                                   const PsNetwork  *net,
                                   PsParamRef       *out,
                                   GError          **error);
/* Parses "L:I:J,L:I:J": two different parameters (PS_SURFACE_ERROR_SAME). */
gboolean  ps_param_ref_parse_pair (const char       *text,
                                   const PsNetwork  *net,
                                   PsParamRef        out[2],
                                   GError          **error);
/* The same reference for @net's layer @layer (0-based), input, unit;
 * FALSE when the network has no such parameter. */
gboolean  ps_param_ref_init       (PsParamRef       *ref,
                                   const PsNetwork  *net,
                                   guint             layer,
                                   gboolean          bias,
                                   guint             input,
                                   guint             unit);
/* An axis name: "w[1:0:2]" for a weight, "b[1:2]" for a bias (1-based
 * layer, as the text). Returns: (transfer full) */
char     *ps_param_ref_to_string  (const PsParamRef *ref);

/* The default range of a parameter whose value is @value: centred on it,
 * ± max (1, 3·|value|). */
void      ps_surface_default_range (double           value,
                                    double          *lo,
                                    double          *hi);
/* The value of grid column (or row) i of n over [lo, hi]: lo + (hi − lo)·i / (n − 1),
 * the ends included. */
double    ps_surface_axis_value    (double           lo,
                                    double           hi,
                                    guint            n,
                                    guint            i);

/* The grid: parameter p[0] along x (columns, x_lo at the left), p[1] along
 * y (rows, y_hi in row 0 at the top, as the plots draw). */
typedef struct
{
  PsParamRef p[2];
  double     x_lo, x_hi;
  double     y_lo, y_hi;
  guint      cols, rows;     /* ≥ 2 each */
} PsSurfaceGrid;

/* Fills @grid with @net's two current values and their default ranges,
 * cols × rows points. */
void      ps_surface_grid_init     (PsSurfaceGrid    *grid,
                                    const PsNetwork  *net,
                                    const PsParamRef *a,
                                    const PsParamRef *b,
                                    guint             cols,
                                    guint             rows);

/* The loss of @net on @data (its features scaled as the network is fed)
 * at every grid point, into @out (caller-owned, rows × cols floats,
 * out[r * cols + c] at x value c and y value rows − 1 − r), the two
 * parameters set to each point's values (as floats, the engine's type)
 * and every other parameter as in @net, which is not modified.
 * @loss: the model's loss (net->loss for a trained model).
 * @cancellable: checked between grid rows (NULL: none).
 * The forward pass runs once for the layers before the first chosen
 * parameter's layer; the rest runs per grid point on a workspace, over the
 * data in chunks.
 * Returns: FALSE with @error set (PS_SURFACE_ERROR_MISMATCH, _GRID,
 * _CANCELLED); @out is then undefined. */
gboolean  ps_surface_compute       (const PsNetwork     *net,
                                    const PsDataset     *data,
                                    PsLoss               loss,
                                    const PsSurfaceGrid *grid,
                                    float               *out,
                                    GCancellable        *cancellable,
                                    GError             **error);

/* The path of the two parameters through a run: for each of the
 * @n_checkpoints parameter vectors (each net->n_params floats, e.g. the
 * timeline's checkpoints, oldest first), its values of grid->p[0] and
 * p[1] into xy[2 i], xy[2 i + 1] (caller-owned, 2 × n_checkpoints). */
void      ps_surface_path          (const PsSurfaceGrid *grid,
                                    const float *const  *checkpoints,
                                    guint                n_checkpoints,
                                    double              *xy);

G_END_DECLS
