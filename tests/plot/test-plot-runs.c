/* test-plot-runs.c: several runs' curves overlaid, with a legend
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pixel probes on ps_plot_curves() given three runs (the Runs overlay):
 * each run's colour draws a line in both panels, falling in the loss panel
 * where its run's loss falls; the longest run sets the epochs axis; the
 * legend is a white box holding a swatch of each colour; the colour follows
 * color_index, not the position; a run with validation adds a dashed line
 * and a "Validation" entry; one run in the list draws as a run, not as the
 * single history. PS_RUNS_SHOTS=DIR writes the pictures there.
 */
#include "config.h"

#include <math.h>

#include "ps-plot.h"

#define W 900
#define H 420
#define N 3

typedef struct
{
  double loss[300], acc[300], vloss[300], vacc[300];
} Run;

static Run runs[N];
static const guint lengths[N] = { 300, 200, 100 };

static void
fill_runs (void)
{
  for (guint r = 0; r < N; r++)
    for (guint i = 0; i < 300; i++)
      {
        /* the faster a run learns, the lower its loss */
        double rate = (r + 1) * 0.01;

        runs[r].loss[i] = 0.25 * exp (-rate * i) + 0.01;
        runs[r].acc[i] = 1.0 - 0.5 * exp (-rate * i);
        runs[r].vloss[i] = runs[r].loss[i] + 0.03;
        runs[r].vacc[i] = runs[r].acc[i] - 0.05;
      }
}

static cairo_surface_t *
render (const PsCurvesData *d,
        const char         *name)
{
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_RGB24, W, H);
  cairo_t *cr = cairo_create (s);
  const char *dir = g_getenv ("PS_RUNS_SHOTS");

  ps_plot_curves (cr, W, H, d);
  cairo_destroy (cr);
  cairo_surface_flush (s);
  if (dir != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      cairo_surface_write_to_png (s, path);
    }
  return s;
}

static void
pixel (cairo_surface_t *s,
       int              x,
       int              y,
       double          *r,
       double          *g,
       double          *b)
{
  guint32 v = *(guint32 *) (cairo_image_surface_get_data (s) + y * cairo_image_surface_get_stride (s) + x * 4);

  *r = ((v >> 16) & 0xff) / 255.0;
  *g = ((v >> 8) & 0xff) / 255.0;
  *b = (v & 0xff) / 255.0;
}

static gboolean
near_color (cairo_surface_t   *s,
            int                x,
            int                y,
            const PsPlotColor *c)
{
  double r, g, b;

  pixel (s, x, y, &r, &g, &b);
  return fabs (r - c->r) + fabs (g - c->g) + fabs (b - c->b) < 0.15;
}

/* Pixels of @c in the box; *mean_y their mean row, *max_x their rightmost
 * column. */
static guint
count_color (cairo_surface_t   *s,
             const PsPlotColor *c,
             int                x0,
             int                y0,
             int                x1,
             int                y1,
             double            *mean_y,
             int               *max_x)
{
  guint n = 0;
  double sy = 0;

  if (max_x != NULL)
    *max_x = -1;
  for (int y = y0; y < y1; y++)
    for (int x = x0; x < x1; x++)
      if (near_color (s, x, y, c))
        {
          n++;
          sy += y;
          if (max_x != NULL)
            *max_x = MAX (*max_x, x);
        }
  if (mean_y != NULL)
    *mean_y = n > 0 ? sy / n : 0;
  return n;
}

/* The legend: the largest box of white (the panels are grey) in the top
 * part of the loss panel; returns FALSE when there is none. */
static gboolean
find_legend (cairo_surface_t *s,
             int              x0,
             int              x1,
             int             *lx0,
             int             *ly0,
             int             *lx1,
             int             *ly1)
{
  PsPlotColor white = { 1, 1, 1, 1 };
  int best = 0;

  *lx0 = *ly0 = *lx1 = *ly1 = 0;
  /* rows of white runs at least 60 px long: the legend's background */
  for (int y = 40; y < H / 2; y++)
    {
      int run = 0;

      for (int x = x0; x < x1; x++)
        {
          run = near_color (s, x, y, &white) ? run + 1 : 0;
          if (run > 60 && run > best / 4)
            {
              if (*ly0 == 0)
                *ly0 = y;
              *ly1 = y;
              *lx1 = MAX (*lx1, x);
              *lx0 = *lx0 == 0 ? x - run + 1 : MIN (*lx0, x - run + 1);
              best = MAX (best, run);
            }
        }
    }
  return best > 60 && *ly1 - *ly0 > 20;
}

static void
set_series (PsCurvesSeries *series,
            gboolean        with_val)
{
  static const char *const labels[N] = { "Run 1: lr 0.5", "Run 2: lr 0.1", "Run 3: lr 1" };

  for (guint r = 0; r < N; r++)
    {
      series[r] = (PsCurvesSeries) {
        .label = labels[r],
        .color_index = r,
        .n_epochs = lengths[r],
        .loss = runs[r].loss,
        .accuracy = runs[r].acc,
        .val_loss = with_val ? runs[r].vloss : NULL,
        .val_accuracy = with_val ? runs[r].vacc : NULL,
      };
    }
}

static void
test_overlay (void)
{
  PsCurvesSeries series[N];
  PsCurvesData d = { 0 };
  PsPlotColor colors[N];
  cairo_surface_t *s;
  int lx0, ly0, lx1, ly1;
  double mean[N];
  int right[N];

  fill_runs ();
  set_series (series, FALSE);
  d.title = "Loss and accuracy";
  d.series = series;
  d.n_series = N;
  /* the single-run fields are ignored */
  d.n_epochs = 5;
  d.loss = runs[0].vloss;
  s = render (&d, "runs-overlay-plot.png");

  for (guint r = 0; r < N; r++)
    {
      ps_plot_class_color (r, &colors[r]);
      /* a line in each panel (below the loss panel's legend, at its top) */
      g_assert_cmpuint (count_color (s, &colors[r], 0, 150, W / 2, H, &mean[r], &right[r]), >, 100);
      g_assert_cmpuint (count_color (s, &colors[r], W / 2, 40, W, H, NULL, NULL), >, 150);
    }
  /* the longest run spans the axis: run 1 (300 epochs) reaches further
   * right than run 3 (100) by about two thirds of the panel */
  g_assert_cmpint (right[0], >, right[2] + 150);
  /* the fastest learner's loss is lowest: around epoch 70 its line sits
   * lowest, the slowest's highest */
  for (guint r = 0; r < N; r++)
    g_assert_cmpuint (count_color (s, &colors[r], 160, 150, 175, H, &mean[r], NULL), >, 3);
  g_assert_cmpfloat (mean[2], >, mean[1] + 10);
  g_assert_cmpfloat (mean[1], >, mean[0] + 10);

  /* a legend with a swatch of each colour */
  g_assert_true (find_legend (s, 0, W / 2, &lx0, &ly0, &lx1, &ly1));
  g_test_message ("legend %d,%d – %d,%d", lx0, ly0, lx1, ly1);
  for (guint r = 0; r < N; r++)
    g_assert_cmpuint (count_color (s, &colors[r], lx0, ly0, lx1 + 1, ly1 + 1, NULL, NULL), >, 20);
  /* and its text: dark pixels right of the swatches */
  {
    PsPlotColor ink = { 0x2e / 255.0, 0x34 / 255.0, 0x40 / 255.0, 1 };

    g_assert_cmpuint (count_color (s, &ink, lx0 + 40, ly0, lx1 + 1, ly1 + 1, NULL, NULL), >, 100);
  }
  cairo_surface_destroy (s);

  /* the colour is the run's, not its place: run 3 alone keeps colour 2 */
  d.series = &series[2];
  d.n_series = 1;
  s = render (&d, "runs-one.png");
  g_assert_cmpuint (count_color (s, &colors[2], 0, 40, W, H, NULL, NULL), >, 150);
  g_assert_cmpuint (count_color (s, &colors[0], 0, 40, W, H, NULL, NULL), <, 5);
  cairo_surface_destroy (s);
}

static void
test_overlay_validation (void)
{
  PsCurvesSeries series[N];
  PsCurvesData d = { 0 };
  PsCurvesSeries plain[N];
  PsPlotColor c0;
  cairo_surface_t *with, *without;
  guint n_with, n_without;

  fill_runs ();
  set_series (series, TRUE);
  set_series (plain, FALSE);
  d.series = series;
  d.n_series = N;
  with = render (&d, "runs-validation.png");
  d.series = plain;
  without = render (&d, "runs-plain.png");
  ps_plot_class_color (0, &c0);
  /* the dashed validation line adds pixels of the run's colour */
  n_with = count_color (with, &c0, 0, 40, W / 2, H, NULL, NULL);
  n_without = count_color (without, &c0, 0, 40, W / 2, H, NULL, NULL);
  g_test_message ("run 1's pixels: %u with validation, %u without", n_with, n_without);
  g_assert_cmpuint (n_with, >, n_without + 100);
  cairo_surface_destroy (with);
  cairo_surface_destroy (without);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/plot/runs/overlay", test_overlay);
  g_test_add_func ("/plot/runs/validation", test_overlay_validation);

  return g_test_run ();
}
