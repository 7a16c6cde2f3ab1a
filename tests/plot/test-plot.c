/* test-plot.c: pixel probes on rendered plots, hit tests, file export
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ps-plot.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <math.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#define W 800
#define H 500

typedef struct
{
  double r, g, b;
} Rgb;

static cairo_surface_t *
surface_new (void)
{
  return cairo_image_surface_create (CAIRO_FORMAT_ARGB32, W, H);
}

static Rgb
pixel (cairo_surface_t *s,
       int              x,
       int              y)
{
  const guint8 *data;
  guint32 p;
  Rgb c;

  cairo_surface_flush (s);
  g_assert_cmpint (x, >=, 0);
  g_assert_cmpint (y, >=, 0);
  g_assert_cmpint (x, <, cairo_image_surface_get_width (s));
  g_assert_cmpint (y, <, cairo_image_surface_get_height (s));
  data = cairo_image_surface_get_data (s);
  p = *(const guint32 *) (data + y * cairo_image_surface_get_stride (s) + x * 4);
  c.r = (p >> 16 & 0xff) / 255.0;
  c.g = (p >> 8 & 0xff) / 255.0;
  c.b = (p & 0xff) / 255.0;
  return c;
}

static double
dist (Rgb               a,
      const PsPlotColor *b)
{
  return sqrt ((a.r - b->r) * (a.r - b->r) + (a.g - b->g) * (a.g - b->g) + (a.b - b->b) * (a.b - b->b));
}

static double
lum (Rgb c)
{
  return 0.2126 * c.r + 0.7152 * c.g + 0.0722 * c.b;
}

/* The diverging map's ends are dark red (#67001f) and dark blue (#053061). */
static gboolean
reddish (Rgb c)
{
  return c.r > c.b + 0.2 && c.r > c.g + 0.2;
}

static gboolean
bluish (Rgb c)
{
  return c.b > c.r + 0.2 && c.b > c.g + 0.1;
}

/* Tint of a class colour towards white, as the boundary shading does. */
static PsPlotColor
tint (guint  k,
      double t)
{
  PsPlotColor c;

  ps_plot_class_color (k, &c);
  c.r = 1 + (c.r - 1) * t;
  c.g = 1 + (c.g - 1) * t;
  c.b = 1 + (c.b - 1) * t;
  return c;
}

/* ---- ticks and colours ------------------------------------------------------ */

static void
test_ticks (void)
{
  double t[32], step;
  guint n;

  n = ps_plot_nice_ticks (0, 1, 5, t, 32, &step);
  g_assert_cmpuint (n, ==, 6);
  g_assert_cmpfloat_with_epsilon (step, 0.2, 1e-12);
  g_assert_cmpfloat_with_epsilon (t[0], 0, 1e-12);
  g_assert_cmpfloat_with_epsilon (t[5], 1, 1e-12);

  n = ps_plot_nice_ticks (0, 2.3, 5, t, 32, &step);
  g_assert_cmpfloat_with_epsilon (step, 0.5, 1e-12);
  g_assert_cmpuint (n, ==, 5);
  g_assert_cmpfloat_with_epsilon (t[4], 2.0, 1e-12);

  n = ps_plot_nice_ticks (-0.26, 0.26, 6, t, 32, &step);
  g_assert_cmpfloat_with_epsilon (step, 0.1, 1e-12);
  g_assert_cmpuint (n, ==, 5);
  g_assert_cmpfloat (t[2], ==, 0.0);   /* exactly zero, not −1e-17 */

  n = ps_plot_nice_ticks (1, 10000, 8, t, 32, &step);
  g_assert_cmpfloat_with_epsilon (step, 2000, 1e-9);
  g_assert_cmpuint (n, ==, 5);

  /* degenerate ranges still give a usable axis */
  n = ps_plot_nice_ticks (3, 3, 5, t, 32, &step);
  g_assert_cmpuint (n, >=, 2);
  g_assert_cmpfloat (step, >, 0);
  n = ps_plot_nice_ticks (NAN, INFINITY, 5, t, 32, &step);
  g_assert_cmpuint (n, >=, 2);
}

/* Issue 8, family 19: one short format for labels and ticks. */
static void
test_format_number (void)
{
  static const struct { double v; int decimals, digits; const char *want; } cases[] = {
    { 0.25, 4, 3, "0.2500" },
    { 0.0123, 4, 3, "0.0123" },
    { 3.4e-5, 4, 3, "3.4e-05" },
    { 0, 4, 3, "0.0000" },
    { 12.3456, 4, 3, "12.346" },
    { 123456.7, 4, 3, "123457" },
    { 5.7e19, 4, 3, "5.7e+19" },
    { 5.73e69, 4, 3, "5.73e+69" },
    { -5.7e19, 3, 3, "-5.7e+19" },
    { 1e6, 0, 4, "1e+06" },
    { 0.5, 3, 3, "0.500" },
    { NAN, 4, 3, "NaN" },
    { INFINITY, 4, 3, "\u221e" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      char buf[32];

      ps_plot_format_number (cases[i].v, cases[i].decimals, cases[i].digits, buf, sizeof buf);
      g_assert_cmpstr (buf, ==, cases[i].want);
    }
  /* never wider than 10 characters, whatever the double */
  for (int e = -320; e <= 308; e++)
    {
      char buf[32];

      ps_plot_format_number (-9.87654321 * pow (10, e), 4, 3, buf, sizeof buf);
      g_assert_cmpuint (g_utf8_strlen (buf, -1), <=, 10);
    }
}

/* A diverged loss (up to 5.7e69) keeps the curves' plot area wide: the tick
 * labels read 1e+69, not 70 digits that take the whole width. */
static void
test_curves_diverged (void)
{
  double loss[40];
  PsCurvesData d = { 0 };
  cairo_surface_t *s = surface_new ();
  cairo_t *cr = cairo_create (s);
  const PsPlotColor panel = { 0xf6 / 255.0, 0xf7 / 255.0, 0xf9 / 255.0, 1 };
  int wide = 0;

  for (guint i = 0; i < G_N_ELEMENTS (loss); i++)
    loss[i] = 0.25 * pow (10, i * 70.0 / 39);
  d.n_epochs = G_N_ELEMENTS (loss);
  d.loss = loss;
  ps_plot_curves (cr, W, H, &d);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  for (int x = 0; x < W; x++)
    if (dist (pixel (s, x, H / 2), &panel) < 0.02)
      wide++;
  g_test_message ("plot area background on %d of %d pixels of the middle row", wide, W);
  if (wide < W / 2)
    cairo_surface_write_to_png (s, "curves-diverged.png");
  g_assert_cmpint (wide, >, W / 2);
  cairo_surface_destroy (s);
}

static void
test_colors (void)
{
  PsPlotColor c, d;

  ps_plot_diverging_color (0, &c);
  g_assert_cmpfloat (c.r, >, 0.9);
  g_assert_cmpfloat (c.g, >, 0.9);
  g_assert_cmpfloat (c.b, >, 0.9);
  ps_plot_diverging_color (1, &c);
  g_assert_true (reddish ((Rgb) { c.r, c.g, c.b }));
  ps_plot_diverging_color (0.5, &c);
  g_assert_true (reddish ((Rgb) { c.r, c.g, c.b }));
  ps_plot_diverging_color (-1, &c);
  g_assert_true (bluish ((Rgb) { c.r, c.g, c.b }));
  ps_plot_diverging_color (-0.5, &c);
  g_assert_true (bluish ((Rgb) { c.r, c.g, c.b }));
  ps_plot_diverging_color (NAN, &c);   /* NaN: the neutral colour */
  g_assert_cmpfloat (c.g, >, 0.9);

  ps_plot_sequential_color (0, &c);
  ps_plot_sequential_color (1, &d);
  g_assert_cmpfloat (c.r + c.g + c.b, >, d.r + d.g + d.b + 1.5);

  for (guint i = 0; i < 10; i++)
    for (guint j = i + 1; j < 10; j++)
      {
        ps_plot_class_color (i, &c);
        ps_plot_class_color (j, &d);
        g_assert_cmpfloat (fabs (c.r - d.r) + fabs (c.g - d.g) + fabs (c.b - d.b), >, 0.15);
      }
}

/* ---- boundary ------------------------------------------------------------------ */

typedef struct
{
  PsBoundaryData d;
  float grid[90 * 90];
  guint32 cls[90 * 90];
  float conf[90 * 90];
} Boundary;

/* Three vertical bands over [−1, 1]²: x < −1/3, middle, x > 1/3. */
static void
boundary_bands (Boundary *b,
                double    p_left,
                double    p_mid,
                double    p_right)
{
  memset (b, 0, sizeof *b);
  for (guint r = 0; r < 90; r++)
    for (guint c = 0; c < 90; c++)
      b->grid[r * 90 + c] = c < 30 ? p_left : c < 60 ? p_mid : p_right;
  b->d.grid_rows = b->d.grid_cols = 90;
  b->d.grid = b->grid;
  b->d.n_classes = 2;
  b->d.x_min = b->d.y_min = -1;
  b->d.x_max = b->d.y_max = 1;
}

/* Pixel position of data point (x, y), through the public mapping (which
 * is affine: two probes give it). */
static gboolean
data_to_pixel (const PsBoundaryData *d,
               double                x,
               double                y,
               int                  *px,
               int                  *py)
{
  double x0, y0, x1, y1, fx, fy, cx, cy;

  ps_plot_boundary_to_data (W, H, d, 0, 0, &x0, &y0);
  ps_plot_boundary_to_data (W, H, d, 1000, 1000, &x1, &y1);
  fx = (x - x0) / (x1 - x0) * 1000;
  fy = (y - y0) / (y1 - y0) * 1000;
  *px = (int) floor (fx);
  *py = (int) floor (fy);
  if (!ps_plot_boundary_to_data (W, H, d, *px + 0.5, *py + 0.5, &cx, &cy))
    return FALSE;
  return fabs (cx - x) < 0.02 && fabs (cy - y) < 0.02;
}

static cairo_surface_t *
draw_boundary (const PsBoundaryData *d)
{
  cairo_surface_t *s = surface_new ();
  cairo_t *cr = cairo_create (s);

  ps_plot_boundary (cr, W, H, d);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  return s;
}

static void
test_boundary_shading (void)
{
  Boundary b;
  cairo_surface_t *s;
  int lx, ly, mx, my, rx, ry;
  Rgb left, mid, right;
  PsPlotColor c0, c1;

  boundary_bands (&b, 0, 0.5, 1);
  g_assert_true (data_to_pixel (&b.d, -0.66, -0.3, &lx, &ly));
  g_assert_true (data_to_pixel (&b.d, 0.0, -0.3, &mx, &my));
  g_assert_true (data_to_pixel (&b.d, 0.66, -0.3, &rx, &ry));
  g_assert_cmpint (lx, <, mx);
  g_assert_cmpint (mx, <, rx);

  s = draw_boundary (&b.d);
  left = pixel (s, lx, ly);
  mid = pixel (s, mx, my);
  right = pixel (s, rx, ry);
  ps_plot_class_color (0, &c0);
  ps_plot_class_color (1, &c1);

  /* P = 0 cells are a class-0 tint, P = 1 a class-1 tint, P = 0.5 white */
  g_assert_cmpfloat (dist (left, &c0), <, dist (left, &c1));
  g_assert_cmpfloat (dist (right, &c1), <, dist (right, &c0));
  g_assert_cmpfloat (lum (left), <, 0.85);
  g_assert_cmpfloat (lum (right), <, 0.9);
  g_assert_cmpfloat (mid.r, >, 0.95);
  g_assert_cmpfloat (mid.g, >, 0.95);
  g_assert_cmpfloat (mid.b, >, 0.95);
  {
    PsPlotColor t0 = tint (0, 0.52), t1 = tint (1, 0.52);

    g_assert_cmpfloat (dist (left, &t0), <, 0.03);
    g_assert_cmpfloat (dist (right, &t1), <, 0.03);
  }
  cairo_surface_destroy (s);

  /* discretised: P = 0.3 is plainly class 0, P = 0.7 plainly class 1 */
  boundary_bands (&b, 0.3, 0.3, 0.7);
  b.d.discretize = TRUE;
  s = draw_boundary (&b.d);
  left = pixel (s, lx, ly);
  right = pixel (s, rx, ry);
  g_assert_cmpfloat (dist (left, &c0), <, dist (left, &c1));
  g_assert_cmpfloat (dist (right, &c1), <, dist (right, &c0));
  g_assert_cmpfloat (lum (left), <, 0.85);
  cairo_surface_destroy (s);
}

static void
test_boundary_points (void)
{
  Boundary b;
  static const float pts[] = { 0.5f, 0.5f };
  static const guint32 lab[] = { 0 };
  static const float tpts[] = { -0.6f, 0.5f };
  static const guint32 tlab[] = { 1 };
  cairo_surface_t *s;
  int px, py, tx, ty;
  PsPlotColor c0;
  Rgb p, t;

  boundary_bands (&b, 1, 1, 1);
  b.d.n_points = 1;
  b.d.points = pts;
  b.d.labels = lab;
  b.d.n_test_points = 1;
  b.d.test_points = tpts;
  b.d.test_labels = tlab;
  b.d.show_test = TRUE;
  g_assert_true (data_to_pixel (&b.d, 0.5, 0.5, &px, &py));
  g_assert_true (data_to_pixel (&b.d, -0.6, 0.5, &tx, &ty));
  s = draw_boundary (&b.d);
  ps_plot_class_color (0, &c0);
  /* a class-0 point on a class-1 background has the full class-0 colour */
  p = pixel (s, px, py);
  g_assert_cmpfloat (dist (p, &c0), <, 0.08);
  /* a test point is hollow: white inside */
  t = pixel (s, tx, ty);
  g_assert_cmpfloat (lum (t), >, 0.95);
  cairo_surface_destroy (s);

  /* hidden test points leave the background there */
  b.d.show_test = FALSE;
  s = draw_boundary (&b.d);
  t = pixel (s, tx, ty);
  g_assert_cmpfloat (lum (t), <, 0.9);
  cairo_surface_destroy (s);
}

static void
test_boundary_multiclass (void)
{
  Boundary b;
  cairo_surface_t *s;
  int x[3], y[3];
  static const double xs[3] = { -0.66, 0, 0.66 };

  boundary_bands (&b, 0, 0, 0);
  b.d.grid = NULL;
  for (guint r = 0; r < 90; r++)
    for (guint c = 0; c < 90; c++)
      {
        b.cls[r * 90 + c] = c / 30;
        b.conf[r * 90 + c] = 0.95f;
      }
  b.d.class_grid = b.cls;
  b.d.confidence = b.conf;
  b.d.n_classes = 3;
  for (int k = 0; k < 3; k++)
    g_assert_true (data_to_pixel (&b.d, xs[k], -0.2, &x[k], &y[k]));
  s = draw_boundary (&b.d);
  for (guint k = 0; k < 3; k++)
    {
      Rgb p = pixel (s, x[k], y[k]);
      PsPlotColor want;

      ps_plot_class_color (k, &want);
      for (guint j = 0; j < 3; j++)
        {
          PsPlotColor other;

          if (j == k)
            continue;
          ps_plot_class_color (j, &other);
          g_assert_cmpfloat (dist (p, &want), <, dist (p, &other));
        }
    }
  cairo_surface_destroy (s);
}

static void
test_boundary_line (void)
{
  Boundary b;
  static const float line[] = { 1.0f, 0.0f, -0.5f };   /* x = 0.5 */
  static const float far[] = { 1.0f, 1.0f, 10.0f };    /* misses the box */
  cairo_surface_t *s;
  int px, py, qx, qy;
  Rgb p;

  boundary_bands (&b, 0.5, 0.5, 0.5);                /* white background */
  b.d.n_lines = 1;
  b.d.lines = line;
  g_assert_true (data_to_pixel (&b.d, 0.5, -0.8, &px, &py));
  g_assert_true (data_to_pixel (&b.d, 0.2, -0.8, &qx, &qy));
  s = draw_boundary (&b.d);
  /* the dash pattern may leave a gap exactly there: look a few px along */
  {
    double darkest = 1;

    for (int dy = -8; dy <= 8; dy++)
      darkest = MIN (darkest, lum (pixel (s, px, py + dy)));
    g_assert_cmpfloat (darkest, <, 0.3);
  }
  p = pixel (s, qx, qy);
  g_assert_cmpfloat (lum (p), >, 0.9);
  cairo_surface_destroy (s);

  b.d.lines = far;
  s = draw_boundary (&b.d);
  p = pixel (s, px, py);
  g_assert_cmpfloat (lum (p), >, 0.9);
  /* a line that misses the view is not lost: an arrow at the edge towards
   * it (x + y = -10 lies down-left of the box): more dark pixels near that
   * corner than without any line */
  {
    cairo_surface_t *none;
    int cx, cy, ex, ey, dark_marker = 0, dark_none = 0;

    g_assert_true (data_to_pixel (&b.d, 0.5 * (b.d.x_min + b.d.x_max), 0.5 * (b.d.y_min + b.d.y_max), &cx, &cy));
    g_assert_true (data_to_pixel (&b.d, b.d.x_min + 0.15 * (b.d.x_max - b.d.x_min),
                                  b.d.y_min + 0.15 * (b.d.y_max - b.d.y_min), &ex, &ey));
    b.d.n_lines = 0;
    none = draw_boundary (&b.d);
    b.d.n_lines = 1;
    for (int dy = -40; dy <= 40; dy++)
      for (int dx = -40; dx <= 40; dx++)
        {
          int x = CLAMP (ex + dx, 0, W - 1), y = CLAMP (ey + dy, 0, H - 1);

          dark_marker += lum (pixel (s, x, y)) < 0.3;
          dark_none += lum (pixel (none, x, y)) < 0.3;
        }
    g_assert_cmpint (dark_marker, >, dark_none + 20);
    cairo_surface_destroy (none);
    /* and nothing at the centre */
    g_assert_cmpfloat (lum (pixel (s, cx, cy)), >, 0.9);
  }
  cairo_surface_destroy (s);
}

static void
test_boundary_to_data (void)
{
  Boundary b;
  double x, y;

  boundary_bands (&b, 0, 0, 0);
  g_assert_false (ps_plot_boundary_to_data (W, H, &b.d, 1, 1, &x, &y));
  g_assert_false (ps_plot_boundary_to_data (W, H, &b.d, W - 1, H / 2.0, &x, &y));
  g_assert_true (ps_plot_boundary_to_data (W, H, &b.d, W / 2.0, H / 2.0, &x, &y));
  /* equal ranges: the frame is square and centred on the plot area */
  g_assert_cmpfloat (fabs (y), <, 0.2);
}

/* ---- weights ------------------------------------------------------------------- */

typedef struct
{
  int x0, y0, x1, y1;
} Box;

typedef gboolean (*CellHit) (gpointer user_data,
                             double   x,
                             double   y,
                             guint   *row,
                             guint   *col);

/* Bounding boxes of the cells of a rows × cols grid, from a hit test: find
 * one cell coarsely, then scan one column and one row through it. */
static void
grid_boxes (CellHit   hit,
            gpointer  user_data,
            guint     rows,
            guint     cols,
            Box      *boxes)
{
  int ax = -1, ay = -1;
  guint r, c;
  g_autofree int *rx0 = g_new (int, rows);
  g_autofree int *rx1 = g_new (int, rows);
  g_autofree int *cx0 = g_new (int, cols);
  g_autofree int *cx1 = g_new (int, cols);

  for (int y = 0; y < H && ax < 0; y += 16)
    for (int x = 0; x < W && ax < 0; x += 16)
      if (hit (user_data, x + 0.5, y + 0.5, &r, &c))
        {
          ax = x;
          ay = y;
        }
  g_assert_cmpint (ax, >=, 0);
  for (guint i = 0; i < rows; i++)
    {
      rx0[i] = G_MAXINT;
      rx1[i] = -1;
    }
  for (guint j = 0; j < cols; j++)
    {
      cx0[j] = G_MAXINT;
      cx1[j] = -1;
    }
  for (int y = 0; y < H; y++)
    if (hit (user_data, ax + 0.5, y + 0.5, &r, &c))
      {
        g_assert_cmpuint (r, <, rows);
        rx0[r] = MIN (rx0[r], y);
        rx1[r] = MAX (rx1[r], y);
      }
  for (int x = 0; x < W; x++)
    if (hit (user_data, x + 0.5, ay + 0.5, &r, &c))
      {
        g_assert_cmpuint (c, <, cols);
        cx0[c] = MIN (cx0[c], x);
        cx1[c] = MAX (cx1[c], x);
      }
  for (guint i = 0; i < rows; i++)
    for (guint j = 0; j < cols; j++)
      {
        Box *bx = &boxes[i * cols + j];

        g_assert_cmpint (rx1[i], >, rx0[i]);
        g_assert_cmpint (cx1[j], >, cx0[j]);
        *bx = (Box) { cx0[j], rx0[i], cx1[j], rx1[i] };
        /* the box really is that cell */
        g_assert_true (hit (user_data, (bx->x0 + bx->x1) / 2.0, (bx->y0 + bx->y1) / 2.0, &r, &c));
        g_assert_cmpuint (r, ==, i);
        g_assert_cmpuint (c, ==, j);
      }
}

typedef struct
{
  const float *w;
  guint rows, cols;
} WeightsArgs;

static gboolean
weights_cell_hit (gpointer user_data,
                  double   x,
                  double   y,
                  guint   *row,
                  guint   *col)
{
  WeightsArgs *a = user_data;

  return ps_plot_weights_hit (W, H, a->w, a->rows, a->cols, "t", x, y, row, col);
}

static void
weight_boxes (const float *w,
              guint        rows,
              guint        cols,
              Box         *boxes)
{
  WeightsArgs a = { w, rows, cols };

  grid_boxes (weights_cell_hit, &a, rows, cols, boxes);
}

/* A point a quarter inside the cell, away from the printed value. */
static Rgb
cell_probe (cairo_surface_t *s,
            const Box       *b)
{
  return pixel (s, b->x0 + (b->x1 - b->x0) / 4, b->y0 + (b->y1 - b->y0) / 4);
}

static void
test_weights_small (void)
{
  /* 2 inputs × 3 units */
  static const float w[] = { 1.0f, -1.0f, 0.0f,
                             0.5f, -0.5f, 0.0f };
  cairo_surface_t *s = surface_new ();
  cairo_t *cr = cairo_create (s);
  Box box[6];
  Rgb p, strong;

  ps_plot_weights (cr, W, H, w, 2, 3, "t");
  cairo_destroy (cr);
  weight_boxes (w, 2, 3, box);

  p = cell_probe (s, &box[0]);
  g_assert_true (reddish (p));                     /* +1: red */
  p = cell_probe (s, &box[1]);
  g_assert_true (bluish (p));                      /* −1: blue */
  p = cell_probe (s, &box[5]);
  g_assert_cmpfloat (lum (p), >, 0.9);             /* 0: near white */
  g_assert_cmpfloat (fabs (p.r - p.b), <, 0.05);
  /* +0.5 is lighter than +1, and still red */
  strong = cell_probe (s, &box[0]);
  p = cell_probe (s, &box[3]);
  g_assert_cmpfloat (lum (p), >, lum (strong) + 0.1);
  g_assert_cmpfloat (p.r, >, p.b + 0.1);
  /* rows go down (input 0 above input 1), columns right */
  g_assert_cmpint (box[0].y1, <, box[3].y0);
  g_assert_cmpint (box[0].x1, <, box[1].x0);
  /* the value is printed inside the cell: text pixels of another colour */
  {
    gboolean text = FALSE;

    for (int y = box[0].y0; y <= box[0].y1 && !text; y++)
      for (int x = box[0].x0; x <= box[0].x1 && !text; x++)
        text = lum (pixel (s, x, y)) > lum (strong) + 0.4;
    g_assert_true (text);
  }
  cairo_surface_destroy (s);
}

static void
test_weights_big (void)
{
  /* 784 × 128: columns 0..63 positive, 64..127 negative */
  g_autofree float *w = g_new (float, 784 * 128);
  cairo_surface_t *s = surface_new ();
  cairo_t *cr = cairo_create (s);
  guint hits = 0;

  for (guint i = 0; i < 784; i++)
    for (guint j = 0; j < 128; j++)
      w[i * 128 + j] = (j < 64 ? 1.0f : -1.0f) * (0.5f + (i % 7) / 14.0f);
  w[5] = NAN;                      /* must not break anything */
  ps_plot_weights (cr, W, H, w, 784, 128, "t");
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  for (int y = 40; y < H; y += 17)
    for (int x = 0; x < W; x += 13)
      {
        guint r, c;
        Rgb p;

        if (!ps_plot_weights_hit (W, H, w, 784, 128, "t", x + 0.5, y + 0.5, &r, &c))
          continue;
        g_assert_cmpuint (r, <, 784);
        g_assert_cmpuint (c, <, 128);
        if (c == 0 || c == 63 || c == 64 || c == 127 || (r == 0 && c == 5))
          continue;                /* frame lines and the NaN cell */
        p = pixel (s, x, y);
        if (c < 64)
          g_assert_true (reddish (p));
        else
          g_assert_true (bluish (p));
        hits++;
      }
  g_assert_cmpuint (hits, >, 500);
  cairo_surface_destroy (s);
}

static void
test_weight_tiles (void)
{
  /* 784 inputs × 4 units: unit 0 all +, unit 1 all −, unit 2 zero, unit 3 ramp */
  g_autofree float *w = g_new (float, 784 * 4);
  cairo_surface_t *s = surface_new ();
  cairo_t *cr = cairo_create (s);
  gboolean seen[4] = { FALSE };

  for (guint i = 0; i < 784; i++)
    {
      w[i * 4 + 0] = 0.8f;
      w[i * 4 + 1] = -0.8f;
      w[i * 4 + 2] = 0;
      w[i * 4 + 3] = (i % 28) / 28.0f - 0.5f;
    }
  ps_plot_weight_tiles (cr, W, H, w, 28, 28, 4, "tiles");
  cairo_destroy (cr);
  for (int y = 0; y < H; y += 10)
    for (int x = 0; x < W; x += 10)
      {
        gint u = ps_plot_weight_tiles_hit (W, H, w, 28, 28, 4, "tiles", x + 0.5, y + 0.5);
        Rgb p;

        if (u < 0)
          continue;
        g_assert_cmpint (u, <, 4);
        /* stay off the tile edges */
        if (ps_plot_weight_tiles_hit (W, H, w, 28, 28, 4, "tiles", x - 4.5, y + 0.5) != u
            || ps_plot_weight_tiles_hit (W, H, w, 28, 28, 4, "tiles", x + 5.5, y + 0.5) != u
            || ps_plot_weight_tiles_hit (W, H, w, 28, 28, 4, "tiles", x + 0.5, y - 4.5) != u
            || ps_plot_weight_tiles_hit (W, H, w, 28, 28, 4, "tiles", x + 0.5, y + 5.5) != u)
          continue;
        p = pixel (s, x, y);
        if (u == 0)
          g_assert_true (reddish (p));
        else if (u == 1)
          g_assert_true (bluish (p));
        else if (u == 2)
          g_assert_cmpfloat (lum (p), >, 0.9);
        seen[u] = TRUE;
      }
  for (int u = 0; u < 4; u++)
    g_assert_true (seen[u]);
  g_assert_cmpint (ps_plot_weight_tiles_hit (W, H, w, 28, 28, 4, "tiles", 1, 1), ==, -1);
  cairo_surface_destroy (s);
}

/* ---- confusion ----------------------------------------------------------------- */

typedef struct
{
  const guint64 *counts;
  guint n;
  const char **names;
  const char *title;
} ConfArgs;

static gboolean
confusion_cell_hit (gpointer user_data,
                    double   x,
                    double   y,
                    guint   *row,
                    guint   *col)
{
  ConfArgs *a = user_data;

  return ps_plot_confusion_hit (W, H, a->counts, a->n, a->names, a->title, x, y, row, col);
}

static void
test_confusion (void)
{
  guint64 counts[16];
  static const char *names[] = { "zero", "one", "two", "three" };
  cairo_surface_t *s = surface_new ();
  cairo_t *cr = cairo_create (s);
  Box box[16];
  double diag_lum = 0, off_lum = 0;

  for (guint i = 0; i < 4; i++)
    for (guint j = 0; j < 4; j++)
      counts[i * 4 + j] = i == j ? 90 : 3;
  ps_plot_confusion (cr, W, H, counts, 4, names, "Confusion");
  cairo_destroy (cr);

  {
    ConfArgs a = { counts, 4, names, "Confusion" };

    grid_boxes (confusion_cell_hit, &a, 4, 4, box);
  }
  /* the first row is at the top, the first column at the left */
  g_assert_cmpint (box[0].y1, <, box[4].y0);
  g_assert_cmpint (box[0].x1, <, box[1].x0);
  for (guint i = 0; i < 4; i++)
    for (guint j = 0; j < 4; j++)
      {
        const Box *b = &box[i * 4 + j];
        Rgb bg = cell_probe (s, b);
        gboolean light_text = FALSE, dark_text = FALSE;

        g_assert_cmpint (b->x1, >, b->x0 + 20);
        for (int y = b->y0; y <= b->y1; y++)
          for (int x = b->x0; x <= b->x1; x++)
            {
              double l = lum (pixel (s, x, y));

              light_text |= l > lum (bg) + 0.4;
              dark_text |= l < lum (bg) - 0.4;
            }
        if (i == j)
          {
            diag_lum += lum (bg);
            g_assert_true (light_text);   /* readable on the dark cell */
          }
        else
          {
            off_lum += lum (bg);
            g_assert_true (dark_text);
          }
      }
  /* diagonal (90 % of each row) much darker than the rest (3 %) */
  g_assert_cmpfloat (diag_lum / 4, <, off_lum / 12 - 0.3);
  g_assert_false (ps_plot_confusion_hit (W, H, counts, 4, names, "Confusion", 0, 0, NULL, NULL));
  cairo_surface_destroy (s);
}

/* Issue 8, family 21: the selected cell is outlined (orange ring), only it. */
static void
test_confusion_selected (void)
{
  guint64 counts[9];
  cairo_surface_t *with = surface_new ();
  cairo_surface_t *without = surface_new ();
  cairo_t *cr;
  Box box[9];
  const PsPlotColor ring = { 0xe6 / 255.0, 0x6c / 255.0, 0, 1 };
  ConfArgs a = { counts, 3, NULL, "Confusion" };

  for (guint i = 0; i < 9; i++)
    counts[i] = i % 4 == 0 ? 50 : 2;
  cr = cairo_create (with);
  ps_plot_confusion_selected (cr, W, H, counts, 3, NULL, "Confusion", 2, 1);
  cairo_destroy (cr);
  cr = cairo_create (without);
  ps_plot_confusion (cr, W, H, counts, 3, NULL, "Confusion");
  cairo_destroy (cr);
  grid_boxes (confusion_cell_hit, &a, 3, 3, box);
  for (guint k = 0; k < 9; k++)
    {
      guint ring_with = 0, ring_without = 0;

      for (int y = box[k].y0; y <= box[k].y1; y++)
        for (int x = box[k].x0; x <= box[k].x1; x++)
          {
            ring_with += dist (pixel (with, x, y), &ring) < 0.1;
            ring_without += dist (pixel (without, x, y), &ring) < 0.1;
          }
      g_assert_cmpuint (ring_without, ==, 0);
      if (k == 2 * 3 + 1)
        g_assert_cmpuint (ring_with, >, 40);
      else
        g_assert_cmpuint (ring_with, ==, 0);
    }
  cairo_surface_destroy (with);
  cairo_surface_destroy (without);
}

static void
test_confusion_hit_order (void)
{
  guint64 counts[9] = { 1, 2, 3, 4, 5, 6, 7, 8, 9 };
  guint t0 = 9, p0 = 9, t1 = 9, p1 = 9;
  gboolean found_tl = FALSE, found_br = FALSE;

  /* the top-left cell is (true 0, predicted 0), bottom-right (2, 2) */
  for (int y = 0; y < H && !found_tl; y += 5)
    for (int x = 0; x < W && !found_tl; x += 5)
      found_tl = ps_plot_confusion_hit (W, H, counts, 3, NULL, NULL, x, y, &t0, &p0);
  for (int y = H - 1; y >= 0 && !found_br; y -= 5)
    for (int x = W - 1; x >= 0 && !found_br; x -= 5)
      found_br = ps_plot_confusion_hit (W, H, counts, 3, NULL, NULL, x, y, &t1, &p1);
  g_assert_true (found_tl && found_br);
  g_assert_cmpuint (t0, ==, 0);
  g_assert_cmpuint (p0, ==, 0);
  g_assert_cmpuint (t1, ==, 2);
  g_assert_cmpuint (p1, ==, 2);
}

/* ---- curves ---------------------------------------------------------------------- */

typedef struct
{
  guint n;          /* pixels near the colour */
  double sx, sy;    /* sums of their coordinates */
  double left_y, right_y;
  guint n_left, n_right;
} ColorStats;

static ColorStats
color_stats (cairo_surface_t   *s,
             const PsPlotColor *c,
             int                x_from,
             int                x_to)
{
  ColorStats st = { 0 };
  int mid = (x_from + x_to) / 2;

  for (int y = 0; y < H; y++)
    for (int x = x_from; x < x_to; x++)
      if (dist (pixel (s, x, y), c) < 0.12)
        {
          st.n++;
          if (x < mid)
            {
              st.left_y += y;
              st.n_left++;
            }
          else
            {
              st.right_y += y;
              st.n_right++;
            }
        }
  if (st.n_left)
    st.left_y /= st.n_left;
  if (st.n_right)
    st.right_y /= st.n_right;
  return st;
}

static void
test_curves (void)
{
  double loss[10], acc[10], vloss[10], vacc[10];
  PsCurvesData d = { 0 };
  PsPlotColor train, val;
  cairo_surface_t *s;
  cairo_t *cr;
  ColorStats lt, at, lv;

  for (int i = 0; i < 10; i++)
    {
      loss[i] = 1.0 / (i + 1);
      vloss[i] = 1.1 / (i + 1);
      acc[i] = 0.5 + 0.05 * i;
      vacc[i] = 0.45 + 0.05 * i;
    }
  d.n_epochs = 10;
  d.loss = loss;
  d.accuracy = acc;
  d.title = "History";
  ps_plot_class_color (0, &train);
  ps_plot_class_color (1, &val);

  s = surface_new ();
  cr = cairo_create (s);
  ps_plot_curves (cr, W, H, &d);
  cairo_destroy (cr);
  /* loss on the left half falls: its line is higher (smaller y) on the left */
  lt = color_stats (s, &train, 0, W / 2);
  g_assert_cmpuint (lt.n, >, 100);
  g_assert_cmpfloat (lt.left_y, <, lt.right_y - 50);
  /* accuracy on the right half rises */
  at = color_stats (s, &train, W / 2, W);
  g_assert_cmpuint (at.n, >, 100);
  g_assert_cmpfloat (at.left_y, >, at.right_y + 50);
  /* no validation given: no validation colour */
  lv = color_stats (s, &val, 0, W);
  g_assert_cmpuint (lv.n, <, 5);
  cairo_surface_destroy (s);

  d.val_loss = vloss;
  d.val_accuracy = vacc;
  s = surface_new ();
  cr = cairo_create (s);
  ps_plot_curves (cr, W, H, &d);
  cairo_destroy (cr);
  lv = color_stats (s, &val, 0, W / 2);
  g_assert_cmpuint (lv.n, >, 50);
  cairo_surface_destroy (s);
}

static void
test_curves_hit (void)
{
  double loss[20], acc[20];
  PsCurvesData d = { 0 };
  guint epoch = 99, panel = 9, first = 99, last = 0;
  gboolean seen[2] = { FALSE, FALSE };

  for (int i = 0; i < 20; i++)
    {
      loss[i] = 1.0 / (i + 1);
      acc[i] = 0.5 + 0.02 * i;
    }
  d.n_epochs = 20;
  d.loss = loss;
  d.accuracy = acc;
  g_assert_false (ps_plot_curves_hit (W, H, &d, 0, 0, &epoch, &panel));
  /* along a horizontal line: epochs grow left to right within each panel */
  for (int x = 0; x < W; x++)
    if (ps_plot_curves_hit (W, H, &d, x, H / 2.0, &epoch, &panel))
      {
        g_assert_cmpuint (epoch, <, 20);
        g_assert_cmpuint (panel, <, 2);
        seen[panel] = TRUE;
        if (panel == 0)
          {
            g_assert_cmpuint (epoch, >=, last);
            first = MIN (first, epoch);
            last = epoch;
          }
      }
  g_assert_true (seen[0] && seen[1]);
  g_assert_cmpuint (first, ==, 0);
  g_assert_cmpuint (last, ==, 19);
  /* loss only: one panel */
  d.accuracy = NULL;
  seen[1] = FALSE;
  for (int x = 0; x < W; x += 3)
    if (ps_plot_curves_hit (W, H, &d, x, H / 2.0, &epoch, &panel))
      seen[panel] = TRUE;
  g_assert_false (seen[1]);
  d.n_epochs = 0;
  g_assert_false (ps_plot_curves_hit (W, H, &d, W / 2.0, H / 2.0, &epoch, &panel));
}

/* d drawn at scale (1, or 2 for a HiDPI screen) on a new surface. */
static cairo_surface_t *
render_curves_scaled (const PsCurvesData *d,
                      int                 scale)
{
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, W * scale, H * scale);
  cairo_t *cr = cairo_create (s);

  cairo_scale (cr, scale, scale);
  ps_plot_curves (cr, W, H, d);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (s);
  return s;
}

static gboolean
surfaces_equal (cairo_surface_t *a,
                cairo_surface_t *b)
{
  int h = cairo_image_surface_get_height (a);
  int stride = cairo_image_surface_get_stride (a);

  g_assert_cmpint (stride, ==, cairo_image_surface_get_stride (b));
  g_assert_cmpint (h, ==, cairo_image_surface_get_height (b));
  return memcmp (cairo_image_surface_get_data (a), cairo_image_surface_get_data (b),
                 (gsize) stride * h) == 0;
}

/* The columns of a and b in which more than half the pixels differ (a
 * line from the top of a panel to its bottom): their number, and the
 * epoch (0-based, by the hit test) under each in *epochs (up to 8). */
static guint
line_columns (cairo_surface_t    *a,
              cairo_surface_t    *b,
              int                 scale,
              const PsCurvesData *d,
              guint              *epochs)
{
  int w = cairo_image_surface_get_width (a), h = cairo_image_surface_get_height (a);
  int stride = cairo_image_surface_get_stride (a);
  const guint8 *pa = cairo_image_surface_get_data (a), *pb = cairo_image_surface_get_data (b);
  guint n = 0;

  for (int x = 0; x < w; x++)
    {
      int differ = 0;

      for (int y = 0; y < h; y++)
        differ += memcmp (pa + y * stride + x * 4, pb + y * stride + x * 4, 4) != 0;
      if (differ > h / 2)
        {
          guint epoch = G_MAXUINT, panel;

          g_assert_true (ps_plot_curves_hit (W, H, d, (x + 0.5) / scale, H / 2.0, &epoch, &panel));
          if (n < 8)
            epochs[n] = epoch;
          n++;
        }
    }
  return n;
}

/* Issue 10: the timeline's cursor. A line across both panels at the epoch
 * shown (one pixel wide at 1×, two at 2×), only when has_cursor: without
 * it the picture is what it was; epoch 0 is at the left edge, an epoch past
 * the history at the last one. */
static void
test_curves_cursor (void)
{
  const guint n = 1000;
  g_autofree double *loss = g_new (double, n);
  g_autofree double *acc = g_new (double, n);
  PsCurvesData d = { 0 };
  /* epochs per pixel: a panel is over 300 px wide for 1000+ epochs */
  const guint slack = 4;

  for (guint i = 0; i < n; i++)
    {
      loss[i] = 0.25 * exp (-(double) i / 200) + 0.01;
      acc[i] = MIN (1.0, 0.5 + i / 800.0);
    }
  d.n_epochs = n;
  d.loss = loss;
  d.accuracy = acc;

  for (int scale = 1; scale <= 2; scale++)
    {
      cairo_surface_t *plain = render_curves_scaled (&d, scale);
      cairo_surface_t *same, *at;
      guint epochs[8];
      guint cols;

      /* cursor_epoch alone draws nothing */
      d.cursor_epoch = 200;
      same = render_curves_scaled (&d, scale);
      g_assert_true (surfaces_equal (plain, same));

      d.has_cursor = TRUE;
      at = render_curves_scaled (&d, scale);
      g_assert_false (surfaces_equal (plain, at));
      cols = line_columns (plain, at, scale, &d, epochs);
      if (cols != 2 * (guint) scale)
        cairo_surface_write_to_png (at, "curves-cursor.png");
      /* one crisp line per panel */
      g_assert_cmpuint (cols, ==, 2 * scale);
      for (guint i = 0; i < cols; i++)
        {
          /* history index 199 is epoch 200 */
          g_assert_cmpuint (epochs[i] + slack, >=, 199);
          g_assert_cmpuint (epochs[i], <=, 199 + slack);
        }
      cairo_surface_destroy (at);

      /* epoch 0, the initial weights: by the left edge */
      d.cursor_epoch = 0;
      at = render_curves_scaled (&d, scale);
      cols = line_columns (plain, at, scale, &d, epochs);
      g_assert_cmpuint (cols, ==, 2 * scale);
      for (guint i = 0; i < cols; i++)
        g_assert_cmpuint (epochs[i], <=, slack);
      cairo_surface_destroy (at);

      /* past the history: at its last epoch */
      d.cursor_epoch = 5 * n;
      at = render_curves_scaled (&d, scale);
      cols = line_columns (plain, at, scale, &d, epochs);
      g_assert_cmpuint (cols, ==, 2 * scale);
      for (guint i = 0; i < cols; i++)
        g_assert_cmpuint (epochs[i] + slack, >=, n - 1);
      cairo_surface_destroy (at);

      d.has_cursor = FALSE;
      cairo_surface_destroy (same);
      cairo_surface_destroy (plain);
    }

  /* a short run: epoch 0 falls left of the frame and is drawn inside it */
  d.n_epochs = 5;
  d.has_cursor = FALSE;
  {
    cairo_surface_t *plain = render_curves_scaled (&d, 1);
    cairo_surface_t *at;
    guint epochs[8];

    d.has_cursor = TRUE;
    d.cursor_epoch = 0;
    at = render_curves_scaled (&d, 1);
    g_assert_cmpuint (line_columns (plain, at, 1, &d, epochs), ==, 2);
    g_assert_cmpuint (epochs[0], ==, 0);
    cairo_surface_destroy (at);
    cairo_surface_destroy (plain);
  }

  /* no history yet: the cursor still draws, and nothing fails */
  d.n_epochs = 0;
  {
    cairo_surface_t *at = render_curves_scaled (&d, 1);

    cairo_surface_destroy (at);
  }
}

static void
test_curves_extremes (void)
{
  g_autofree double *loss = g_new (double, 10000);
  PsCurvesData d = { 0 };
  PsPlotColor train;
  cairo_surface_t *s;
  cairo_t *cr;
  ColorStats st;
  double one = 0.7;

  ps_plot_class_color (0, &train);
  /* one epoch: a marker still shows */
  d.n_epochs = 1;
  d.loss = &one;
  s = surface_new ();
  cr = cairo_create (s);
  ps_plot_curves (cr, W, H, &d);
  cairo_destroy (cr);
  st = color_stats (s, &train, 0, W);
  g_assert_cmpuint (st.n, >, 10);
  cairo_surface_destroy (s);

  /* 10 000 epochs with NaN and Inf holes: decimated, drawn, no error */
  for (guint i = 0; i < 10000; i++)
    loss[i] = 2.0 * exp (-(double) i / 2000.0) + 0.05 * sin (i);
  loss[17] = NAN;
  loss[5000] = INFINITY;
  loss[9999] = NAN;
  d.n_epochs = 10000;
  d.loss = loss;
  s = surface_new ();
  cr = cairo_create (s);
  ps_plot_curves (cr, W, H, &d);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  st = color_stats (s, &train, 0, W);
  g_assert_cmpuint (st.n, >, 300);
  g_assert_cmpfloat (st.left_y, <, st.right_y - 50);
  cairo_surface_destroy (s);

  /* all NaN: axes only */
  for (guint i = 0; i < 10; i++)
    loss[i] = NAN;
  d.n_epochs = 10;
  s = surface_new ();
  cr = cairo_create (s);
  ps_plot_curves (cr, W, H, &d);
  cairo_destroy (cr);
  st = color_stats (s, &train, 0, W);
  g_assert_cmpuint (st.n, <, 5);
  cairo_surface_destroy (s);
}

/* Long runs (a million epochs): every tick label stays inside the width
 * the plot was given. Drawn on a wider transparent surface, nothing may
 * land right of that width. */
static void
test_curves_long_run_labels (void)
{
  static const guint runs[] = { 999, 10000, 123457, 1000000, 2500000 };
  static const int widths[] = { 240, 360, 520, 800 };
  const guint max_n = 2500000;
  g_autofree double *loss = g_new (double, max_n);
  g_autofree double *acc = g_new (double, max_n);

  for (guint i = 0; i < max_n; i++)
    {
      loss[i] = 1.0 / (1.0 + i * 1e-4);
      acc[i] = 1.0 - loss[i] / 2;
    }
  for (guint r = 0; r < G_N_ELEMENTS (runs); r++)
    for (guint k = 0; k < G_N_ELEMENTS (widths); k++)
      {
        PsCurvesData d = { 0 };
        int w = widths[k], h = 300, extra = 120;
        cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w + extra, h);
        cairo_t *cr = cairo_create (s);
        const guint8 *data;
        int stride, outside = 0;

        d.n_epochs = runs[r];
        d.loss = loss;
        d.accuracy = acc;
        d.val_loss = loss;
        ps_plot_curves (cr, w, h, &d);
        g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
        cairo_destroy (cr);
        cairo_surface_flush (s);
        data = cairo_image_surface_get_data (s);
        stride = cairo_image_surface_get_stride (s);
        for (int y = 0; y < h; y++)
          for (int x = w; x < w + extra; x++)
            if ((*(const guint32 *) (data + y * stride + x * 4)) >> 24 != 0)
              outside++;
        if (outside > 0)
          {
            g_autofree char *name = g_strdup_printf ("curves-%u-epochs-%d.png", runs[r], w);
            g_autofree char *path = g_build_filename (g_get_tmp_dir (), name, NULL);

            cairo_surface_write_to_png (s, path);
            g_test_message ("%u epochs at width %d: %d pixels right of the plot (%s)",
                            runs[r], w, outside, path);
          }
        g_assert_cmpint (outside, ==, 0);
        cairo_surface_destroy (s);
      }
}

/* ---- network --------------------------------------------------------------------- */

static void
test_network_hit (void)
{
  static const guint units[] = { 2, 3, 1 };
  static const float w0[] = { 0.5f, -1.0f, 0.25f,
                              -0.75f, 1.0f, 0.1f };
  static const float w1[] = { 2.0f, -2.0f, 0.5f };
  const float *ws[] = { w0, w1 };
  gboolean unit_seen[3][3] = { { FALSE } };
  gboolean link_seen[2][3][3] = { { { FALSE } } };
  PsPlotNetworkHit hit;
  cairo_surface_t *s = surface_new ();
  cairo_t *cr = cairo_create (s);
  gboolean probed_pos = FALSE, probed_neg = FALSE;

  ps_plot_network (cr, W, H, units, 3, ws);
  cairo_destroy (cr);
  for (int y = 0; y < H; y += 5)
    for (int x = 0; x < W; x += 5)
      {
        if (!ps_plot_network_hit (W, H, units, 3, ws, x + 0.5, y + 0.5, &hit))
          {
            g_assert_cmpint (hit.kind, ==, PS_PLOT_HIT_NONE);
            continue;
          }
        if (hit.kind == PS_PLOT_HIT_UNIT)
          {
            g_assert_cmpuint (hit.layer, <, 3);
            g_assert_cmpuint (hit.unit, <, units[hit.layer]);
            unit_seen[hit.layer][hit.unit] = TRUE;
          }
        else
          {
            const float *w;

            g_assert_cmpint (hit.kind, ==, PS_PLOT_HIT_LINK);
            g_assert_cmpuint (hit.layer, <, 2);
            g_assert_cmpuint (hit.input, <, units[hit.layer]);
            g_assert_cmpuint (hit.unit, <, units[hit.layer + 1]);
            w = ws[hit.layer];
            g_assert_true (hit.has_value);
            g_assert_cmpfloat (hit.value, ==, w[hit.input * units[hit.layer + 1] + hit.unit]);
            link_seen[hit.layer][hit.input][hit.unit] = TRUE;
            /* the link's colour under the cursor follows its sign (strong
             * links only: weak ones are faint by design) */
            if (fabs (hit.value) >= 1.0)
              {
                Rgb p = pixel (s, x, y);

                if (hit.value > 0 && p.r > p.b + 0.2)
                  probed_pos = TRUE;
                if (hit.value < 0 && p.b > p.r + 0.2)
                  probed_neg = TRUE;
              }
          }
      }
  for (guint l = 0; l < 3; l++)
    for (guint u = 0; u < units[l]; u++)
      g_assert_true (unit_seen[l][u]);
  for (guint i = 0; i < 2; i++)
    for (guint j = 0; j < 3; j++)
      g_assert_true (link_seen[0][i][j]);
  for (guint i = 0; i < 3; i++)
    g_assert_true (link_seen[1][i][0]);
  g_assert_true (probed_pos);
  g_assert_true (probed_neg);
  g_assert_false (ps_plot_network_hit (W, H, units, 3, ws, 0, 0, &hit));
  cairo_surface_destroy (s);
}

static void
test_network_big (void)
{
  static const guint units[] = { 784, 128, 10 };
  g_autofree float *w0 = g_new0 (float, 784 * 128);
  g_autofree float *w1 = g_new0 (float, 128 * 10);
  const float *ws[] = { w0, w1 };
  gboolean last_input = FALSE, middle_input = FALSE;
  PsPlotNetworkHit hit;
  cairo_surface_t *s = surface_new ();
  cairo_t *cr = cairo_create (s);

  for (gsize i = 0; i < 784 * 128; i++)
    w0[i] = (i % 3) - 1.0f;
  ps_plot_network (cr, W, H, units, 3, ws);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_destroy (s);
  for (int y = 0; y < H; y += 4)
    for (int x = 0; x < W / 4; x += 4)
      if (ps_plot_network_hit (W, H, units, 3, ws, x, y, &hit) && hit.kind == PS_PLOT_HIT_UNIT
          && hit.layer == 0)
        {
          last_input |= hit.unit == 783;
          middle_input |= hit.unit > 20 && hit.unit < 700;
        }
  /* the last input is shown, the middle ones are behind the ellipsis */
  g_assert_true (last_input);
  g_assert_false (middle_input);
}

/* ---- samples --------------------------------------------------------------------- */

static void
test_samples (void)
{
  guint8 px[4 * 16];
  const char *caps[] = { "ink", "paper", "a", "b" };
  PsSamplesData d = { 0 };
  cairo_surface_t *s = surface_new ();
  cairo_t *cr = cairo_create (s);
  gboolean dark = FALSE, light = FALSE;

  memset (px, 255, 16);        /* sample 0: all ink */
  memset (px + 16, 0, 48);     /* the others: empty */
  ps_plot_samples (cr, W, H, px, NULL, 4, 4, 4, caps);
  cairo_destroy (cr);
  d.pixels_u8 = px;
  d.image_w = d.image_h = 4;
  d.n = 4;
  d.captions = caps;
  for (int y = 0; y < H; y += 7)
    for (int x = 0; x < W; x += 7)
      {
        gint i = ps_plot_samples_hit (W, H, &d, x, y);

        if (i < 0 || i != ps_plot_samples_hit (W, H, &d, x - 6, y - 6)
            || i != ps_plot_samples_hit (W, H, &d, x + 6, y + 6))
          continue;
        g_assert_cmpint (i, <, 4);
        if (i == 0 && lum (pixel (s, x, y)) < 0.2)
          dark = TRUE;
        if (i == 1 && lum (pixel (s, x, y)) > 0.95)
          light = TRUE;
      }
  g_assert_true (dark);
  g_assert_true (light);
  g_assert_cmpint (ps_plot_samples_hit (W, H, &d, 0, 0), ==, -1);
  cairo_surface_destroy (s);
}

/* ---- degenerate input and tiny sizes ----------------------------------------------- */

static void
test_degenerate (void)
{
  static const double sizes[][2] = { { W, H }, { 12, 9 }, { 1, 1 } };
  static const float one = 0.3f;
  static const guint units1[] = { 4 };
  static const guint units2[] = { 3, 2 };
  const float *ws[] = { NULL };
  guint64 c1 = 5;

  for (guint k = 0; k < G_N_ELEMENTS (sizes); k++)
    {
      double w = sizes[k][0], h = sizes[k][1];
      cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) w, (int) h);
      cairo_t *cr = cairo_create (s);
      PsCurvesData cd = { 0 };
      PsBoundaryData bd = { 0 };
      float grid1 = 0.5f;

      ps_plot_curves (cr, w, h, &cd);
      ps_plot_boundary (cr, w, h, &bd);                    /* empty box */
      bd.x_min = bd.y_min = 0;
      bd.x_max = bd.y_max = 1;
      bd.grid_rows = bd.grid_cols = 1;
      bd.grid = &grid1;
      ps_plot_boundary (cr, w, h, &bd);                    /* 1×1 grid */
      ps_plot_weights (cr, w, h, NULL, 0, 0, NULL);
      ps_plot_weights (cr, w, h, &one, 1, 1, NULL);
      ps_plot_weight_tiles (cr, w, h, NULL, 28, 28, 0, NULL);
      ps_plot_confusion (cr, w, h, NULL, 0, NULL, NULL);
      ps_plot_confusion (cr, w, h, &c1, 1, NULL, NULL);
      ps_plot_network (cr, w, h, NULL, 0, NULL);
      ps_plot_network (cr, w, h, units1, 1, NULL);
      ps_plot_network (cr, w, h, units2, 2, ws);           /* no weights yet */
      ps_plot_samples (cr, w, h, NULL, NULL, 28, 28, 0, NULL);
      g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
      cairo_destroy (cr);
      cairo_surface_destroy (s);
    }
}

/* ---- export ------------------------------------------------------------------------ */

static void
draw_for_export (cairo_t  *cr,
                 double    width,
                 double    height,
                 gpointer  user_data)
{
  static const float w[] = { 1, -1, 0.5f, -0.5f, 0, 0.25f };

  ps_plot_weights (cr, width, height, w, 2, 3, user_data);
}

static char *
make_tmpdir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("ps-plot-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static void
remove_tree (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  g_chmod (dir, 0755);
  while (d && (name = g_dir_read_name (d)))
    {
      g_autofree char *p = g_build_filename (dir, name, NULL);

      if (g_file_test (p, G_FILE_TEST_IS_DIR))
        remove_tree (p);
      else
        g_unlink (p);
    }
  g_rmdir (dir);
}

static guint
count_entries (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (d && g_dir_read_name (d))
    n++;
  return n;
}

static void
test_export_formats (void)
{
  g_autofree char *dir = make_tmpdir ();
  g_autofree char *png = g_build_filename (dir, "plot.png", NULL);
  g_autofree char *png_upper = g_build_filename (dir, "PLOT2.PNG", NULL);
  g_autofree char *svg = g_build_filename (dir, "plot.svg", NULL);
  g_autofree char *pdf = g_build_filename (dir, "plot.Pdf", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  gsize len;
  const guint8 *u;

  g_assert_true (ps_plot_export (png, 640, 360, draw_for_export, "png", &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (png, &data, &len, NULL));
  u = (const guint8 *) data;
  g_assert_cmpuint (len, >, 1000);
  g_assert_cmpmem (data, 8, "\x89PNG\r\n\x1a\n", 8);
  g_assert_cmpmem (data + 12, 4, "IHDR", 4);
  g_assert_cmpuint ((guint) u[16] << 24 | u[17] << 16 | u[18] << 8 | u[19], ==, 640);
  g_assert_cmpuint ((guint) u[20] << 24 | u[21] << 16 | u[22] << 8 | u[23], ==, 360);
  g_clear_pointer (&data, g_free);

  /* the PNG decodes to the same pixels as a direct render */
  {
    cairo_surface_t *file = cairo_image_surface_create_from_png (png);
    cairo_surface_t *direct = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 640, 360);
    cairo_t *cr = cairo_create (direct);
    Rgb a, b;

    g_assert_cmpint (cairo_surface_status (file), ==, CAIRO_STATUS_SUCCESS);
    g_assert_cmpint (cairo_image_surface_get_width (file), ==, 640);
    draw_for_export (cr, 640, 360, "png");
    cairo_destroy (cr);
    for (int y = 10; y < 360; y += 37)
      for (int x = 10; x < 640; x += 41)
        {
          a = pixel (file, x, y);
          b = pixel (direct, x, y);
          g_assert_cmpfloat (fabs (a.r - b.r) + fabs (a.g - b.g) + fabs (a.b - b.b), <, 0.02);
        }
    cairo_surface_destroy (file);
    cairo_surface_destroy (direct);
  }

  g_assert_true (ps_plot_export (png_upper, 100, 80, draw_for_export, NULL, &error));
  g_assert_true (g_file_get_contents (png_upper, &data, &len, NULL));
  g_assert_cmpmem (data, 4, "\x89PNG", 4);
  g_clear_pointer (&data, g_free);

  g_assert_true (ps_plot_export (svg, 640, 360, draw_for_export, "svg", &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (svg, &data, &len, NULL));
  g_assert_true (g_str_has_prefix (data, "<?xml"));
  g_assert_nonnull (strstr (data, "<svg"));
  g_assert_nonnull (strstr (data, "width=\"640"));
  g_clear_pointer (&data, g_free);

  g_assert_true (ps_plot_export (pdf, 640, 360, draw_for_export, "pdf", &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (pdf, &data, &len, NULL));
  g_assert_cmpmem (data, 5, "%PDF-", 5);
  g_assert_nonnull (memmem (data, len, "%%EOF", 5));
  g_clear_pointer (&data, g_free);

  /* only the four files: no temporary leftovers */
  g_assert_cmpuint (count_entries (dir), ==, 4);
  remove_tree (dir);
}

static void
test_export_unknown (void)
{
  g_autofree char *dir = make_tmpdir ();
  g_autofree char *bmp = g_build_filename (dir, "plot.bmp", NULL);
  g_autofree char *none = g_build_filename (dir, "plot", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_false (ps_plot_export (bmp, 100, 100, draw_for_export, NULL, &error));
  g_assert_error (error, PS_PLOT_ERROR, PS_PLOT_ERROR_FORMAT);
  g_assert_nonnull (strstr (error->message, ".bmp"));
  g_clear_error (&error);
  g_assert_false (ps_plot_export (none, 100, 100, draw_for_export, NULL, &error));
  g_assert_error (error, PS_PLOT_ERROR, PS_PLOT_ERROR_FORMAT);
  g_clear_error (&error);
  g_assert_cmpuint (count_entries (dir), ==, 0);
  remove_tree (dir);
}

static void
test_export_no_folder (void)
{
  g_autofree char *dir = make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "missing", "plot.png", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_false (ps_plot_export (path, 100, 100, draw_for_export, NULL, &error));
  g_assert_error (error, PS_PLOT_ERROR, PS_PLOT_ERROR_IO);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  remove_tree (dir);
}

static void
assert_old_content (const char *path)
{
  g_autofree char *data = NULL;

  g_assert_true (g_file_get_contents (path, &data, NULL, NULL));
  g_assert_cmpstr (data, ==, "old plot");
}

static void
test_export_keeps_old_file (void)
{
  g_autofree char *dir = make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "plot.png", NULL);
  g_autofree char *blocker = g_build_filename (dir, "dir.png", NULL);
  g_autofree char *inside = g_build_filename (blocker, "keep", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, "old plot", -1, NULL));

  /* 1. The write itself fails (file size limit, which binds root too). */
  {
    struct rlimit old, lim;
    void (*prev) (int) = signal (SIGXFSZ, SIG_IGN);

    g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &old), ==, 0);
    lim = old;
    lim.rlim_cur = 512;
    g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &lim), ==, 0);
    g_assert_false (ps_plot_export (path, 800, 500, draw_for_export, "big", &error));
    g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &old), ==, 0);
    signal (SIGXFSZ, prev);
    g_assert_error (error, PS_PLOT_ERROR, PS_PLOT_ERROR_IO);
    g_assert_nonnull (strstr (error->message, path));
    g_clear_error (&error);
    assert_old_content (path);
    g_assert_cmpuint (count_entries (dir), ==, 1);
  }

  /* 2. A read-only folder (only meaningful when we are not root). */
  g_assert_cmpint (g_chmod (dir, 0555), ==, 0);
  if (access (dir, W_OK) != 0)
    {
      g_assert_false (ps_plot_export (path, 100, 100, draw_for_export, NULL, &error));
      g_assert_error (error, PS_PLOT_ERROR, PS_PLOT_ERROR_IO);
      g_assert_nonnull (strstr (error->message, path));
      g_clear_error (&error);
      assert_old_content (path);
    }
  else
    g_test_message ("running as root: read-only folder case not checkable");
  g_assert_cmpint (g_chmod (dir, 0755), ==, 0);

  /* 3. The rename fails (the target is a non-empty folder): it stays. */
  g_assert_cmpint (g_mkdir (blocker, 0755), ==, 0);
  g_assert_true (g_file_set_contents (inside, "x", -1, NULL));
  g_assert_false (ps_plot_export (blocker, 100, 100, draw_for_export, NULL, &error));
  g_assert_error (error, PS_PLOT_ERROR, PS_PLOT_ERROR_IO);
  g_assert_nonnull (strstr (error->message, blocker));
  g_clear_error (&error);
  g_assert_true (g_file_test (inside, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpuint (count_entries (dir), ==, 2);
  assert_old_content (path);

  /* and a good export still replaces the old file */
  g_assert_true (ps_plot_export (path, 100, 100, draw_for_export, NULL, &error));
  g_assert_no_error (error);
  {
    g_autofree char *data = NULL;

    g_assert_true (g_file_get_contents (path, &data, NULL, NULL));
    g_assert_cmpmem (data, 4, "\x89PNG", 4);
  }
  remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/plot/ticks", test_ticks);
  g_test_add_func ("/plot/format-number", test_format_number);
  g_test_add_func ("/plot/curves/diverged", test_curves_diverged);
  g_test_add_func ("/plot/confusion/selected", test_confusion_selected);
  g_test_add_func ("/plot/colors", test_colors);
  g_test_add_func ("/plot/boundary/shading", test_boundary_shading);
  g_test_add_func ("/plot/boundary/points", test_boundary_points);
  g_test_add_func ("/plot/boundary/multiclass", test_boundary_multiclass);
  g_test_add_func ("/plot/boundary/line", test_boundary_line);
  g_test_add_func ("/plot/boundary/to-data", test_boundary_to_data);
  g_test_add_func ("/plot/weights/small", test_weights_small);
  g_test_add_func ("/plot/weights/big", test_weights_big);
  g_test_add_func ("/plot/weights/tiles", test_weight_tiles);
  g_test_add_func ("/plot/confusion/colors", test_confusion);
  g_test_add_func ("/plot/confusion/hit", test_confusion_hit_order);
  g_test_add_func ("/plot/curves/lines", test_curves);
  g_test_add_func ("/plot/curves/extremes", test_curves_extremes);
  g_test_add_func ("/plot/curves/hit", test_curves_hit);
  g_test_add_func ("/plot/curves/cursor", test_curves_cursor);
  g_test_add_func ("/plot/curves/long-run-labels", test_curves_long_run_labels);
  g_test_add_func ("/plot/network/hit", test_network_hit);
  g_test_add_func ("/plot/network/big", test_network_big);
  g_test_add_func ("/plot/samples", test_samples);
  g_test_add_func ("/plot/degenerate", test_degenerate);
  g_test_add_func ("/plot/export/formats", test_export_formats);
  g_test_add_func ("/plot/export/unknown-extension", test_export_unknown);
  g_test_add_func ("/plot/export/no-folder", test_export_no_folder);
  g_test_add_func ("/plot/export/keeps-old-file", test_export_keeps_old_file);

  return g_test_run ();
}
