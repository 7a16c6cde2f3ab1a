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

/* ---- colours and ticks (shared by the renderers; the app may use them) --- */
typedef struct
{
  double r, g, b, a;
} PsPlotColor;

/* Colour-blind-safe class colour (Okabe–Ito first, then Tableau); wraps after 10. */
void  ps_plot_class_color      (guint        index,
                                PsPlotColor *color);
/* Diverging blue–white–red map (ColorBrewer RdBu): t = −1 blue, 0 white-ish, +1 red. */
void  ps_plot_diverging_color  (double       t,
                                PsPlotColor *color);
/* Sequential white → dark blue map (ColorBrewer Blues), t in [0, 1]. */
void  ps_plot_sequential_color (double       t,
                                PsPlotColor *color);
/* "Nice" tick values (1, 2, 5 × 10^k steps) inside [lo, hi], at most about
 * max_ticks of them; writes up to n_out values and returns how many. */
guint ps_plot_nice_ticks       (double       lo,
                                double       hi,
                                guint        max_ticks,
                                double      *out,
                                guint        n_out,
                                double      *step);

/* A number for a label or an axis tick, never wider than about 10
 * characters (a diverged loss of 5.7e+69 must not widen a panel):
 * "%.*f" with `decimals` places, one place fewer per digit left of the
 * point (0.2500, 12.345, 123457), while |v| < 10^6; compact scientific
 * notation with at most `digits` significant digits and no trailing zeros
 * (5.7e+19, 1e+06, 3.4e-05) for |v| ≥ 10^6 and for non-zero |v| below
 * 10^(1−decimals), which "%.*f" would show with one significant digit or
 * none. NaN and infinities read "NaN", "∞", "−∞". Writes at most len bytes
 * (32 is always enough) and returns buf. */
char *ps_plot_format_number    (double       v,
                                int          decimals,
                                int          digits,
                                char        *buf,
                                gsize        len);

/* ---- loss / accuracy curves ------------------------------------------- */

/* One run of several drawn together (the Runs overlay). */
typedef struct
{
  const char   *label;           /* the legend's text, "Run 2: lr 0.1" */
  guint         color_index;     /* ps_plot_class_color(): keep a run's colour */
  guint         n_epochs;
  const double *loss;            /* n_epochs values */
  const double *accuracy;        /* n_epochs values or NULL */
  const double *val_loss;        /* NULL when no validation */
  const double *val_accuracy;    /* NULL when no validation */
} PsCurvesSeries;

typedef struct
{
  const char   *title;           /* NULL: none */
  guint         n_epochs;
  const double *loss;            /* n_epochs values */
  const double *accuracy;        /* n_epochs values or NULL */
  const double *val_loss;        /* NULL when no validation */
  const double *val_accuracy;    /* NULL when no validation */
  /* A timeline checkpoint shown: a vertical line across the panels at
   * cursor_epoch, the epochs done (0: the initial weights, at the left
   * edge; history index i is epoch i + 1), labelled "epoch N". */
  gboolean      has_cursor;
  guint         cursor_epoch;    /* 0 .. n_epochs (clamped) */
  /* Several runs instead of the one above (n_series > 0; the fields from
   * n_epochs to cursor_epoch are then ignored): each run in its colour,
   * its validation dashed, the epochs axis as long as the longest, and a
   * legend of the labels with each run's last value. */
  const PsCurvesSeries *series;
  guint         n_series;
} PsCurvesData;

void ps_plot_curves   (cairo_t            *cr,
                       double              width,
                       double              height,
                       const PsCurvesData *data);
/* For a hover readout: the epoch (0-based index into the arrays) and panel
 * (0 loss, 1 accuracy) under (x, y); FALSE outside the panels. */
gboolean ps_plot_curves_hit (double              width,
                             double              height,
                             const PsCurvesData *data,
                             double              x,
                             double              y,
                             guint              *epoch,
                             guint              *panel);

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
/* Grid cells cover the data box uniformly (cell centres are the sample
 * points). Maps a position in a plot drawn at width × height to data
 * coordinates; returns FALSE when it is outside the frame. */
gboolean ps_plot_boundary_to_data (double                width,
                                   double                height,
                                   const PsBoundaryData *data,
                                   double                px,
                                   double                py,
                                   double               *x,
                                   double               *y);

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
/* Hit tests with the same arguments as the draw calls: the cell (0-based
 * input row, unit column) or the tile (0-based unit, −1 for none) at (x, y). */
gboolean ps_plot_weights_hit      (double       width,
                                   double       height,
                                   const float *w,
                                   guint        rows,
                                   guint        cols,
                                   const char  *title,
                                   double       x,
                                   double       y,
                                   guint       *row,
                                   guint       *col);
gint     ps_plot_weight_tiles_hit (double       width,
                                   double       height,
                                   const float *w,
                                   guint        image_w,
                                   guint        image_h,
                                   guint        n_units,
                                   const char  *title,
                                   double       x,
                                   double       y);

/* ---- confusion matrix --------------------------------------------------- */
void ps_plot_confusion (cairo_t       *cr,
                        double         width,
                        double         height,
                        const guint64 *counts,      /* n × n, row = true class */
                        guint          n_classes,
                        const char   **class_names, /* or NULL */
                        const char    *title);
/* Same, with the cell (sel_true, sel_pred) outlined as selected; a negative
 * or out-of-range index: no selection. */
void ps_plot_confusion_selected (cairo_t       *cr,
                                 double         width,
                                 double         height,
                                 const guint64 *counts,
                                 guint          n_classes,
                                 const char   **class_names,
                                 const char    *title,
                                 int            sel_true,
                                 int            sel_pred);
/* The cell (row = true class, column = predicted) at (x, y), same arguments
 * as ps_plot_confusion; FALSE outside the matrix. */
gboolean ps_plot_confusion_hit (double         width,
                                double         height,
                                const guint64 *counts,
                                guint          n_classes,
                                const char   **class_names,
                                const char    *title,
                                double         x,
                                double         y,
                                guint         *true_class,
                                guint         *predicted);

/* ---- network diagram ---------------------------------------------------- */
/* units[0..n_sizes) per layer (inputs first); weights per layer as in the
 * engine (inputs × units). Links coloured by sign, width by |w|. */
void ps_plot_network  (cairo_t      *cr,
                       double        width,
                       double        height,
                       const guint  *units,
                       guint         n_sizes,
                       const float **weights);

typedef struct
{
  guint         n_sizes;
  const guint  *units;           /* n_sizes layer sizes, inputs first */
  const float **weights;         /* n_sizes − 1 matrices (inputs × units), or NULL */
  const float **biases;          /* n_sizes − 1 vectors, or NULL: fills units by bias */
  const char  **activations;     /* n_sizes − 1 names shown under layers, or NULL */
  const char   *title;
  /* Neuron maps (2-D data, issue 11 §1), or maps NULL for plain circles:
   * maps[l] holds the maps of layer l + 1 (units[l + 1] of them), each
   * map_rows × map_cols values over the input plane, unit-major, row 0 at
   * the top; coloured on the diverging map from map_lo[l] (blue) to
   * map_hi[l] (red). Units with a map are drawn as square tiles. */
  const float **maps;
  guint         map_rows;
  guint         map_cols;
  const float  *map_lo;          /* n_sizes − 1 */
  const float  *map_hi;          /* n_sizes − 1 */
  /* The hovered unit (hover_layer ≥ 1, an index into units[]; 0: none):
   * its map is drawn enlarged over the diagram. */
  guint         hover_layer;
  guint         hover_unit;
} PsNetworkData;

void ps_plot_network_full (cairo_t             *cr,
                           double               width,
                           double               height,
                           const PsNetworkData *data);

typedef enum
{
  PS_PLOT_HIT_NONE,
  PS_PLOT_HIT_UNIT,
  PS_PLOT_HIT_LINK,
} PsPlotHitKind;

typedef struct
{
  PsPlotHitKind kind;
  guint         layer;           /* UNIT: index into units[] (0 = inputs);
                                    LINK: index into weights[] */
  guint         unit;            /* UNIT: the unit; LINK: destination unit (column) */
  guint         input;           /* LINK: source unit (row) */
  gboolean      has_value;
  double        value;           /* LINK: the weight; UNIT: its bias if given */
} PsPlotNetworkHit;

/* What is under (x, y) in a diagram drawn at width × height with the same
 * data (units win over links; the nearest link within a few px). */
gboolean ps_plot_network_hit      (double               width,
                                   double               height,
                                   const guint         *units,
                                   guint                n_sizes,
                                   const float        **weights,
                                   double               x,
                                   double               y,
                                   PsPlotNetworkHit    *hit);
gboolean ps_plot_network_hit_full (double               width,
                                   double               height,
                                   const PsNetworkData *data,
                                   double               x,
                                   double               y,
                                   PsPlotNetworkHit    *hit);

/* ---- neuron maps and hidden space (issue 11 §1, §2) --------------------- */
/* One unit's map (rows × cols values, row 0 at the top) scaled into the
 * rectangle (x, y, w, h), coloured on the diverging map from lo (blue)
 * through the middle (white) to hi (red). */
void ps_plot_unit_map (cairo_t     *cr,
                       double       x,
                       double       y,
                       double       w,
                       double       h,
                       const float *map,
                       guint        rows,
                       guint        cols,
                       float        lo,
                       float        hi);
/* One unit's map full size: over the input plane with axes x₁, x₂, the
 * training points on it in their class colours, a colour bar lo..hi. */
typedef struct
{
  guint          rows;
  guint          cols;
  const float   *map;            /* rows × cols, row 0 at y_max */
  float          lo, hi;         /* the colour range */
  double         x_min, x_max, y_min, y_max;
  gsize          n_points;
  const float   *points;         /* n_points × 2 (raw coordinates), or NULL */
  const guint32 *labels;         /* n_points */
  const char    *title;          /* "Hidden 1, unit 2, epoch 50" */
  const char    *bar_label;      /* "activation", or NULL */
} PsUnitMapData;

void ps_plot_unit_map_full (cairo_t             *cr,
                            double               width,
                            double               height,
                            const PsUnitMapData *data);

/* Where the enlarged map of a hovered unit goes in a diagram drawn at
 * width × height with data (FALSE when data->hover_layer is 0 or there
 * are no maps): the view redraws when the pointer leaves it. */
gboolean ps_plot_network_hover_rect (double               width,
                                     double               height,
                                     const PsNetworkData *data,
                                     double              *x,
                                     double              *y,
                                     double              *w,
                                     double              *h);

typedef struct
{
  /* n_points samples at a hidden layer's activations: dims (2 or 3)
   * values each, and their classes. */
  gsize          n_points;
  guint          dims;
  const float   *points;         /* n_points × dims */
  const guint32 *labels;         /* n_points */
  guint          n_classes;
  const char   **class_names;    /* n_classes, or NULL */
  const char   **axis_names;     /* dims names ("h₁"), or NULL */
  /* The next layer's decision boundary a·h + c = 0 (a line in 2-D, a plane
   * in 3-D), in the same coordinates; has_plane FALSE: none. */
  gboolean       has_plane;
  double         plane[4];       /* a₀, a₁, (a₂,) c: dims + 1 values */
  /* Axis ranges; lo == hi: from the points. */
  double         lo[3], hi[3];
  /* 3-D: the view's rotation (radians): yaw about the vertical axis, then
   * pitch about the horizontal one. */
  double         yaw, pitch;
  const char    *title;
  const char    *note;           /* a line under the plot ("units 1–3 of 8"), or NULL */
} PsHiddenData;

void ps_plot_hidden (cairo_t            *cr,
                     double              width,
                     double              height,
                     const PsHiddenData *data);
/* Where point i lands in a plot drawn at width × height (FALSE when it
 * is not drawn): for tests and picking. */
gboolean ps_plot_hidden_point_position (double              width,
                                        double              height,
                                        const PsHiddenData *data,
                                        gsize               i,
                                        double             *x,
                                        double             *y);

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

typedef struct
{
  const guint8   *pixels_u8;     /* n × image_w × image_h, or NULL */
  const float    *pixels_f;      /* the same in [0, 1], or NULL */
  guint           image_w;
  guint           image_h;
  guint           n;
  const char    **captions;      /* n captions ("7 → 7 (98%)"), or NULL */
  const gboolean *wrong;         /* n flags: misclassified samples are marked, or NULL */
  const char     *title;
} PsSamplesData;

void ps_plot_samples_full (cairo_t             *cr,
                           double               width,
                           double               height,
                           const PsSamplesData *data);
/* Index of the sample at (x, y) or −1. */
gint ps_plot_samples_hit  (double               width,
                           double               height,
                           const PsSamplesData *data,
                           double               x,
                           double               y);

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

/* ---- linear separability (2-D) and the error surface (issue 11) -------- */
typedef struct
{
  gsize          n_points;
  const float   *points;         /* n_points × 2 */
  const guint32 *labels;         /* n_points */
  guint32        positive_class; /* the class; every other label is "the rest" */
  const char    *positive_name;  /* legend, or NULL: "Class N" */
  const char    *rest_name;      /* legend, or NULL: "the rest" */
  gboolean       separable;
  double         w[2], b;        /* separable: the line w·x + b = 0 */
  /* Not separable: each side's convex hull, indices into points ([0] the
   * class's), drawn filled and overlapping; 2 indices draw a segment. */
  const gsize   *hull[2];
  guint          n_hull[2];
  const gsize   *witness;        /* points ringed (the ones the caption names), or NULL */
  guint          n_witness;
  const gsize   *witness_segments; /* pairs of indices drawn dashed, or NULL */
  guint          n_witness_segments;
  const char    *caption;        /* the reason, wrapped under the plot, or NULL */
  const char    *title;
  /* The view; x_max <= x_min: the points' box with a 10 % margin. */
  double         x_min, x_max, y_min, y_max;
} PsSeparabilityData;

/* The points by side; the separating line when separable (clipped to the
 * frame; an arrow at the edge when it lies outside the view), else both
 * hulls and the witness; the caption under it. */
void ps_plot_separability (cairo_t                  *cr,
                           double                    width,
                           double                    height,
                           const PsSeparabilityData *data);

typedef struct
{
  /* The loss at rows × cols grid points, grid[r * cols + c]: column 0 at
   * x_min, column cols − 1 at x_max, row 0 at y_max (top), as
   * ps_surface_compute() fills it. */
  guint          rows, cols;     /* ≥ 2 each */
  const float   *grid;
  double         x_min, x_max, y_min, y_max;
  const char    *x_label;        /* "w[1:0:2]" */
  const char    *y_label;
  const char    *value_label;    /* colour bar, NULL: "loss" */
  /* The run's path, (x, y) pairs oldest first, drawn as a polyline with a
   * dot at its end (the current weights); NULL or 0: none. */
  const double  *path;
  guint          n_path;
  const char    *title;
} PsSurfaceData;

/* Heatmap (white → blue as the loss grows) with contour lines at the
 * colour bar's ticks, the path, a colour bar. */
void ps_plot_surface (cairo_t             *cr,
                      double               width,
                      double               height,
                      const PsSurfaceData *data);

G_END_DECLS
