/* test-plot-insight.c: pixel probes of the separability and error-surface
 * renderers (issue 11 §3, §4)
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each plot is drawn into an image and probed: the class colours where the
 * points and hulls are, the translucent mix where two hulls overlap, the
 * separating line's ink, the marker (and no line) when the line misses the
 * view, the heatmap's extremes, the path's colour. With PS_INSIGHT_SHOTS=DIR
 * the plots are also written there as PNG files to look at, among them the
 * error surface of XOR on [2,3,1] with the path of a real run.
 */
#include "config.h"

#include <math.h>

#include "ps-generators.h"
#include "ps-plot.h"
#include "ps-separable.h"
#include "ps-surface.h"
#include "ps-trainer.h"

#define W 640
#define H 480

typedef struct
{
  guint8 r, g, b;
} Rgb;

static cairo_surface_t *
render (void (*draw) (cairo_t *, double, double, gconstpointer),
        gconstpointer data,
        const char   *shot)
{
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_RGB24, W, H);
  cairo_t *cr = cairo_create (s);
  const char *dir = g_getenv ("PS_INSIGHT_SHOTS");

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  draw (cr, W, H, data);
  cairo_destroy (cr);
  cairo_surface_flush (s);
  if (dir != NULL && shot != NULL)
    {
      g_autofree char *fn = g_build_filename (dir, shot, NULL);

      g_assert_cmpint (cairo_surface_write_to_png (s, fn), ==, CAIRO_STATUS_SUCCESS);
    }
  return s;
}

static Rgb
pixel (cairo_surface_t *s,
       int              x,
       int              y)
{
  guint32 p = *(guint32 *) (cairo_image_surface_get_data (s) + y * cairo_image_surface_get_stride (s) + x * 4);
  Rgb c = { (p >> 16) & 255, (p >> 8) & 255, p & 255 };

  return c;
}

/* How many pixels (every one) lie within tol of rgb. */
static guint
count_near (cairo_surface_t *s,
            Rgb              rgb,
            int              tol)
{
  guint n = 0;

  for (int y = 0; y < H; y++)
    for (int x = 0; x < W; x++)
      {
        Rgb c = pixel (s, x, y);

        if (ABS (c.r - rgb.r) <= tol && ABS (c.g - rgb.g) <= tol && ABS (c.b - rgb.b) <= tol)
          n++;
      }
  return n;
}

static Rgb
class_rgb (guint k)
{
  PsPlotColor c;
  Rgb r;

  ps_plot_class_color (k, &c);
  r.r = (guint8) (c.r * 255 + 0.5);
  r.g = (guint8) (c.g * 255 + 0.5);
  r.b = (guint8) (c.b * 255 + 0.5);
  return r;
}

static void
draw_sep (cairo_t       *cr,
          double         w,
          double         h,
          gconstpointer  data)
{
  ps_plot_separability (cr, w, h, data);
}

static void
draw_surf (cairo_t       *cr,
           double         w,
           double         h,
           gconstpointer  data)
{
  ps_plot_surface (cr, w, h, data);
}

/* The plot data of a check by ps_separability_check on (x, labels). */
static void
separability_data (PsSeparabilityData   *d,
                   const PsSeparability *r,
                   const float          *x,
                   const guint32        *labels,
                   gsize                 n,
                   gsize                *segs)
{
  memset (d, 0, sizeof *d);
  d->n_points = n;
  d->points = x;
  d->labels = labels;
  d->positive_class = 1;
  d->separable = r->separable;
  d->w[0] = r->w[0];
  d->w[1] = r->w[1];
  d->b = r->b;
  for (int s = 0; s < 2; s++)
    {
      d->hull[s] = r->hull[s];
      d->n_hull[s] = r->n_hull[s];
    }
  d->witness = r->witness_points;
  d->n_witness = r->n_witness_points;
  if (r->witness == PS_SEPARABILITY_WITNESS_CROSSING)
    {
      memcpy (segs, r->witness_points, 4 * sizeof (gsize));
      d->witness_segments = segs;
      d->n_witness_segments = 2;
    }
  d->caption = r->reason;
  d->title = "separability";
}

static void
test_xor_hulls (void)
{
  static const float x[] = { 0, 0, 0, 1, 1, 0, 1, 1 };
  static const guint32 l[] = { 0, 1, 1, 0 };
  g_autoptr(PsSeparability) r = ps_separability_check (x, l, 4, 2, 1, NULL, NULL, NULL);
  PsSeparabilityData d;
  gsize segs[4];
  cairo_surface_t *s;

  g_assert_false (r->separable);
  separability_data (&d, r, x, l, 4, segs);
  s = render (draw_sep, &d, "separability-xor.png");
  /* both diagonals, thick, in the two sides' colours */
  g_assert_cmpuint (count_near (s, class_rgb (1), 40), >, 300);
  g_assert_cmpuint (count_near (s, class_rgb (0), 40), >, 300);
  cairo_surface_destroy (s);
}

static void
test_overlapping_hulls (void)
{
  /* two triangles that overlap in the middle */
  static const float x[] = { 0, 0, 4, 0, 2, 3, 1, 1.5f, 5, 1.5f, 3, 4.5f };
  static const guint32 l[] = { 0, 0, 0, 1, 1, 1 };
  g_autoptr(PsSeparability) r = ps_separability_check (x, l, 6, 2, 1, NULL, NULL, NULL);
  PsSeparabilityData d;
  gsize segs[4];
  cairo_surface_t *s;
  PsPlotColor panel = { 0xf6 / 255.0, 0xf7 / 255.0, 0xf9 / 255.0, 1 }, a, b;
  Rgb only0, only1, both;

  g_assert_false (r->separable);
  g_assert_cmpuint (r->n_hull[0], ==, 3);
  g_assert_cmpuint (r->n_hull[1], ==, 3);
  separability_data (&d, r, x, l, 6, segs);
  s = render (draw_sep, &d, "separability-overlap.png");
  /* the fills at alpha 0.28 over the panel: each alone, and both */
  ps_plot_class_color (0, &a);
  ps_plot_class_color (1, &b);
#define MIX(p, c) ((p) * 0.72 + (c) * 0.28)
  only0 = (Rgb) { MIX (panel.r, a.r) * 255, MIX (panel.g, a.g) * 255, MIX (panel.b, a.b) * 255 };
  only1 = (Rgb) { MIX (panel.r, b.r) * 255, MIX (panel.g, b.g) * 255, MIX (panel.b, b.b) * 255 };
  /* the class's hull (class 1) is filled first, the rest's over it */
  both = (Rgb) { MIX (MIX (panel.r, b.r), a.r) * 255, MIX (MIX (panel.g, b.g), a.g) * 255,
                 MIX (MIX (panel.b, b.b), a.b) * 255 };
#undef MIX
  g_assert_cmpuint (count_near (s, only0, 6), >, 2000);
  g_assert_cmpuint (count_near (s, only1, 6), >, 2000);
  g_assert_cmpuint (count_near (s, both, 6), >, 500);
  cairo_surface_destroy (s);
}

static void
test_and_line (void)
{
  static const float x[] = { 0, 0, 0, 1, 1, 0, 1, 1 };
  static const guint32 l[] = { 0, 0, 0, 1 };
  static const Rgb ink = { 26, 26, 31 };
  g_autoptr(PsSeparability) r = ps_separability_check (x, l, 4, 2, 1, NULL, NULL, NULL);
  PsSeparabilityData d;
  gsize segs[4];
  cairo_surface_t *s;
  guint with_line;

  g_assert_true (r->separable);
  separability_data (&d, r, x, l, 4, segs);
  s = render (draw_sep, &d, "separability-and.png");
  with_line = count_near (s, ink, 12);
  g_assert_cmpuint (with_line, >, 150);
  cairo_surface_destroy (s);

  /* the same line moved far outside the view: no line across, an arrow */
  d.b = -300;
  s = render (draw_sep, &d, "separability-outside.png");
  g_assert_cmpuint (count_near (s, ink, 12), <, with_line);
  g_assert_cmpuint (count_near (s, ink, 12), >, 30);
  cairo_surface_destroy (s);
}

static void
test_surface_bowl (void)
{
  /* a bowl with its minimum at (1, −1), a path into it */
  float grid[41 * 31];
  double path[] = { -2, 2, -1, 1, 0, 0, 0.8, -0.8 };
  PsSurfaceData d = { 0 };
  cairo_surface_t *s;
  static const Rgb orange = { 214, 94, 0 };
  static const Rgb white = { 247, 251, 255 };
  static const Rgb navy = { 8, 48, 107 };

  for (guint r = 0; r < 31; r++)
    for (guint c = 0; c < 41; c++)
      {
        double x = -3 + 6.0 * c / 40, y = 3 - 6.0 * r / 30;

        grid[r * 41 + c] = (float) ((x - 1) * (x - 1) + (y + 1) * (y + 1));
      }
  d.rows = 31;
  d.cols = 41;
  d.grid = grid;
  d.x_min = d.y_min = -3;
  d.x_max = d.y_max = 3;
  d.x_label = "w[1:0:0]";
  d.y_label = "b[1:0]";
  d.path = path;
  d.n_path = 4;
  d.title = "bowl";
  s = render (draw_surf, &d, "surface-bowl.png");
  g_assert_cmpuint (count_near (s, orange, 20), >, 200);    /* the path and its end */
  g_assert_cmpuint (count_near (s, white, 8), >, 100);      /* the minimum */
  g_assert_cmpuint (count_near (s, navy, 20), >, 300);      /* the far corner */
  cairo_surface_destroy (s);

  d.grid = NULL;
  s = render (draw_surf, &d, NULL);   /* no data: a page, no crash */
  cairo_surface_destroy (s);
}

/* XOR on [2,3,1], trained full-batch: the surface over two first-layer
 * weights at the final weights, with the run's path through it. */
static void
test_surface_xor_run (void)
{
  g_autoptr(PsDataset) data = ps_dataset_new_gate ("xor", NULL);
  g_autoptr(GError) error = NULL;
  PsNetwork *net = ps_network_new_from_spec ("2,3:sigmoid,1:sigmoid", NULL);
  PsTrainConfig config;
  PsTrainer *trainer;
  PsRng rng;
  GPtrArray *cps = g_ptr_array_new_with_free_func (g_free);
  PsParamRef p[2];
  PsSurfaceGrid g;
  g_autofree float *grid = g_new (float, 101 * 101);
  g_autofree double *xy = NULL;
  g_autofree char *xl = NULL;
  g_autofree char *yl = NULL;
  PsSurfaceData d = { 0 };
  cairo_surface_t *s;
  static const Rgb orange = { 214, 94, 0 };

  ps_rng_seed (&rng, 2);
  ps_network_init (net, PS_INIT_NOTEBOOK, &rng);
  ps_train_config_init (&config);
  config.batch_size = 0;
  config.epochs = 3000;
  config.shuffle = FALSE;
  config.optimizer.lr = 2.0;
  trainer = ps_trainer_new (net, data, NULL, &config, &error);
  g_assert_no_error (error);
  g_ptr_array_add (cps, g_memdup2 (net->params, sizeof (float) * net->n_params));
  for (int i = 0; i < 60; i++)
    {
      ps_trainer_run (trainer, 50, NULL);
      g_ptr_array_add (cps, g_memdup2 (ps_trainer_get_network (trainer)->params,
                                       sizeof (float) * net->n_params));
    }
  {
    const PsNetwork *trained = ps_trainer_get_network (trainer);

    g_assert_true (ps_param_ref_parse_pair ("1:0:0,1:1:0", trained, p, NULL));
    ps_surface_grid_init (&g, trained, &p[0], &p[1], 101, 101);
    /* the whole path in view */
    for (guint i = 0; i < cps->len; i++)
      {
        const float *c = g_ptr_array_index (cps, i);

        g.x_lo = MIN (g.x_lo, c[p[0].index] - 1);
        g.x_hi = MAX (g.x_hi, c[p[0].index] + 1);
        g.y_lo = MIN (g.y_lo, c[p[1].index] - 1);
        g.y_hi = MAX (g.y_hi, c[p[1].index] + 1);
      }
    g_assert_true (ps_surface_compute (trained, data, PS_LOSS_MSE, &g, grid, NULL, &error));
    g_assert_no_error (error);
  }
  xy = g_new (double, 2 * cps->len);
  ps_surface_path (&g, (const float *const *) cps->pdata, cps->len, xy);
  xl = ps_param_ref_to_string (&p[0]);
  yl = ps_param_ref_to_string (&p[1]);
  d.rows = g.rows;
  d.cols = g.cols;
  d.grid = grid;
  d.x_min = g.x_lo;
  d.x_max = g.x_hi;
  d.y_min = g.y_lo;
  d.y_max = g.y_hi;
  d.x_label = xl;
  d.y_label = yl;
  d.path = xy;
  d.n_path = cps->len;
  d.title = "XOR [2,3,1]: loss (mse) over w[1:0:0] and w[1:1:0]";
  s = render (draw_surf, &d, "surface-xor-231.png");
  g_assert_cmpuint (count_near (s, orange, 20), >, 150);
  cairo_surface_destroy (s);
  g_ptr_array_unref (cps);
  ps_trainer_free (trainer);
  ps_network_free (net);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/plot/separability/xor-hulls", test_xor_hulls);
  g_test_add_func ("/plot/separability/overlapping-hulls", test_overlapping_hulls);
  g_test_add_func ("/plot/separability/and-line", test_and_line);
  g_test_add_func ("/plot/surface/bowl", test_surface_bowl);
  g_test_add_func ("/plot/surface/xor-run", test_surface_xor_run);
  return g_test_run ();
}
