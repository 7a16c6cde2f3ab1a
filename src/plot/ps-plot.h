/* ps-plot.h: cairo + pango renderers from plain data, and file export
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Knows no GTK type and no engine type beyond plain arrays: the app and the
 * CLI both draw through these, so an exported plot is what the window shows.
 */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

G_BEGIN_DECLS

#define PS_PLOT_ERROR (ps_plot_error_quark ())

typedef enum
{
  PS_PLOT_ERROR_FORMAT,   /* unknown file extension */
  PS_PLOT_ERROR_IO,       /* cannot write the file */
  PS_PLOT_ERROR_NO_DATA,  /* nothing to draw (e.g. boundary for non-2-D data) */
} PsPlotError;

GQuark ps_plot_error_quark (void);

/* ---- loss / accuracy curves ------------------------------------------- */
typedef struct
{
  const char   *title;           /* NULL: none */
  guint         n_epochs;
  const double *loss;            /* n_epochs values */
  const double *accuracy;        /* n_epochs values or NULL */
  const double *val_loss;        /* NULL when no validation */
  const double *val_accuracy;    /* NULL when no validation */
} PsCurvesData;

void ps_plot_curves   (cairo_t            *cr,
                       double              width,
                       double              height,
                       const PsCurvesData *data);

/* ---- 2-D decision boundary --------------------------------------------- */
typedef struct
{
  /* Grid of model outputs over [x_min, x_max] × [y_min, y_max]:
   * grid[row * grid_cols + col], row 0 at y_max (top). For one output unit the
   * value is P(class 1) in [0, 1]; for several, pass class_grid + confidence. */
  guint          grid_rows;
  guint          grid_cols;
  const float   *grid;           /* P(class 1), or NULL when class_grid is given */
  const guint32 *class_grid;     /* predicted class per cell (multi-class), or NULL */
  const float   *confidence;     /* max probability per cell (multi-class), or NULL */
  guint          n_classes;
  double         x_min, x_max, y_min, y_max;
  gboolean       discretize;     /* hard class colours instead of shading */
  /* Points: train (filled) and test (hollow, drawn only when show_test). */
  gsize          n_points;
  const float   *points;         /* n_points × 2 */
  const guint32 *labels;         /* n_points */
  gsize          n_test_points;
  const float   *test_points;
  const guint32 *test_labels;
  gboolean       show_test;
  /* Separating lines w0·x + w1·y + b = 0 of step units (perceptron), or 0. */
  guint          n_lines;
  const float   *lines;          /* n_lines × 3: w0, w1, b */
  const char   **class_names;    /* n_classes, or NULL */
  const char    *title;
} PsBoundaryData;

void ps_plot_boundary (cairo_t              *cr,
                       double                width,
                       double                height,
                       const PsBoundaryData *data);

/* ---- weights ----------------------------------------------------------- */
/* Heatmap of W (rows × cols, row-major; rows = inputs, cols = units) with a
 * diverging colour map symmetric around 0 and a colour bar. */
void ps_plot_weights  (cairo_t     *cr,
                       double       width,
                       double       height,
                       const float *w,
                       guint        rows,
                       guint        cols,
                       const char  *title);
/* Each of the n_units columns of W (image_w·image_h × n_units) as an image tile. */
void ps_plot_weight_tiles (cairo_t     *cr,
                           double       width,
                           double       height,
                           const float *w,
                           guint        image_w,
                           guint        image_h,
                           guint        n_units,
                           const char  *title);

/* ---- confusion matrix --------------------------------------------------- */
void ps_plot_confusion (cairo_t       *cr,
                        double         width,
                        double         height,
                        const guint64 *counts,      /* n × n, row = true class */
                        guint          n_classes,
                        const char   **class_names, /* or NULL */
                        const char    *title);

/* ---- network diagram ---------------------------------------------------- */
/* units[0..n_sizes) per layer (inputs first); weights per layer as in the
 * engine (inputs × units). Links coloured by sign, width by |w|. */
void ps_plot_network  (cairo_t      *cr,
                       double        width,
                       double        height,
                       const guint  *units,
                       guint         n_sizes,
                       const float **weights);

/* ---- sample grid (images) ------------------------------------------------ */
/* n samples of image_w × image_h bytes or floats in [0, 1] (exactly one given),
 * with an optional caption per tile. */
void ps_plot_samples  (cairo_t       *cr,
                       double         width,
                       double         height,
                       const guint8  *pixels_u8,
                       const float   *pixels_f,
                       guint          image_w,
                       guint          image_h,
                       guint          n,
                       const char   **captions);

/* ---- export ---------------------------------------------------------------- */
typedef void (*PsPlotDrawFunc) (cairo_t *cr,
                                double   width,
                                double   height,
                                gpointer user_data);

/* Draws to path, format by extension: .png, .svg, .pdf. Atomic for PNG/SVG/PDF
 * (temporary file + rename). */
gboolean ps_plot_export (const char     *path,
                         int             width,
                         int             height,
                         PsPlotDrawFunc  draw,
                         gpointer        user_data,
                         GError        **error);

G_END_DECLS
