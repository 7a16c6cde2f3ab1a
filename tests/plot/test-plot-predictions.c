/* test-plot-predictions.c: pixel probes of the sample grid's prediction
 * captions and probability bars (issue 11 §7)
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Three 4 × 4 images: one predicted right (its largest bar blue), one
 * wrong (its largest bar and its frame vermillion), one without
 * probability (a step output: no bars at all). PS_PREDICTION_SHOTS=DIR
 * writes the picture there to look at.
 */
#include "config.h"

#include <math.h>

#include "ps-plot-samples.h"

#define W 360
#define H 220

static guint32
pixel (cairo_surface_t *s,
       double           x,
       double           y)
{
  const guint8 *data = cairo_image_surface_get_data (s);
  int stride = cairo_image_surface_get_stride (s);

  return *(const guint32 *) (gconstpointer) (data + (int) y * stride + (int) x * 4) & 0xffffff;
}

static guint32
rgb (const PsPlotColor *c)
{
  return (guint32) lround (c->r * 255) << 16 | (guint32) lround (c->g * 255) << 8 | (guint32) lround (c->b * 255);
}

static void
test_bars (void)
{
  guint8 pixels[3 * 16];
  const char *captions[] = { "1 → 1 90%", "0 → 1 50%", "1 → 0", NULL };
  const gboolean wrong[] = { FALSE, TRUE, FALSE };
  /* 3 classes: sample 0 says class 1 (right), sample 1 class 1 (wrong,
   * truly 0), sample 2 has no probability */
  const float probs[] = { 0.05f, 0.9f, 0.05f,
                          0.45f, 0.5f, 0.05f,
                          NAN, NAN, NAN };
  const guint32 truth[] = { 1, 0, 1 };
  PsSamplesData d = { 0 };
  PsSamplesBars b = { probs, 3, truth };
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_RGB24, W, H);
  cairo_t *cr = cairo_create (s);
  double x, y, w, h;

  for (guint i = 0; i < G_N_ELEMENTS (pixels); i++)
    pixels[i] = i % 3 == 0 ? 255 : 0;
  d.pixels_u8 = pixels;
  d.image_w = 4;
  d.image_h = 4;
  d.n = 3;
  d.captions = captions;
  d.wrong = wrong;
  ps_plot_samples_bars (cr, W, H, &d, &b);
  cairo_destroy (cr);
  cairo_surface_flush (s);
  if (g_getenv ("PS_PREDICTION_SHOTS") != NULL)
    {
      g_autofree char *path = g_build_filename (g_getenv ("PS_PREDICTION_SHOTS"), "prediction-bars.png", NULL);

      cairo_surface_write_to_png (s, path);
    }

  /* sample 0: class 1's bar (90 %) blue near its base, class 0's (5 %)
   * grey only at the very bottom */
  g_assert_true (ps_plot_samples_bars_rect (W, H, &d, &b, 0, &x, &y, &w, &h));
  g_assert_cmpfloat (h, >, 6);
  g_assert_cmphex (pixel (s, x + 1.5 * w / 3, y + h * 0.6), ==, rgb (&ps_plot_bar_right));
  g_assert_cmphex (pixel (s, x + 1.5 * w / 3, y + h * 0.3), ==, rgb (&ps_plot_bar_right));
  g_assert_cmphex (pixel (s, x + 0.5 * w / 3, y + h * 0.3), !=, rgb (&ps_plot_bar_other));
  /* sample 1: the same bar vermillion (the true class is 0) */
  g_assert_true (ps_plot_samples_bars_rect (W, H, &d, &b, 1, &x, &y, &w, &h));
  g_assert_cmphex (pixel (s, x + 1.5 * w / 3, y + h * 0.6), ==, rgb (&ps_plot_bar_wrong));
  /* class 0 of sample 1 (45 %): grey near the base */
  g_assert_cmphex (pixel (s, x + 0.5 * w / 3, y + h * 0.75), ==, rgb (&ps_plot_bar_other));
  /* sample 2: no probability, no bars */
  g_assert_true (ps_plot_samples_bars_rect (W, H, &d, &b, 2, &x, &y, &w, &h));
  for (guint k = 0; k < 3; k++)
    {
      guint32 p = pixel (s, x + (k + 0.5) * w / 3, y + h * 0.6);

      g_assert_cmphex (p, !=, rgb (&ps_plot_bar_right));
      g_assert_cmphex (p, !=, rgb (&ps_plot_bar_other));
      g_assert_cmphex (p, !=, rgb (&ps_plot_bar_wrong));
    }
  /* a click on the bars picks their sample */
  g_assert_true (ps_plot_samples_bars_rect (W, H, &d, &b, 1, &x, &y, &w, &h));
  g_assert_cmpint (ps_plot_samples_bars_hit (W, H, &d, &b, x + w / 2, y + h / 2), ==, 1);
  /* without bars, no band */
  g_assert_false (ps_plot_samples_bars_rect (W, H, &d, NULL, 0, &x, &y, &w, &h));
  cairo_surface_destroy (s);
}

/* The wrong sample's caption is vermillion; the right one's is not. */
static void
test_captions (void)
{
  guint8 pixels[2 * 16] = { 0 };
  const char *captions[] = { "7 → 7 98%", "3 → 8 61%", NULL };
  const gboolean wrong[] = { FALSE, TRUE };
  PsSamplesData d = { 0 };
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 200, 140);
  cairo_t *cr = cairo_create (s);
  guint n_wrong[2] = { 0, 0 };
  int cols = 200, mid = -1;

  d.pixels_u8 = pixels;
  d.image_w = 4;
  d.image_h = 4;
  d.n = 2;
  d.captions = captions;
  d.wrong = wrong;
  ps_plot_samples_full (cr, 200, 140, &d);
  cairo_destroy (cr);
  cairo_surface_flush (s);
  /* the column between the two tiles */
  for (int y = 0; y < 140 && mid < 0; y++)
    for (int x = 0; x < cols; x++)
      if (ps_plot_samples_hit (200, 140, &d, x, y) == 1)
        {
          int x0 = x;

          while (x0 > 0 && ps_plot_samples_hit (200, 140, &d, x0, y) != 0)
            x0--;
          mid = (x0 + x) / 2;
          break;
        }
  g_assert_cmpint (mid, >, 0);
  /* vermillion pixels: the wrong tile's frame and caption, on its side only */
  for (int y = 0; y < 140; y++)
    for (int x = 0; x < cols; x++)
      {
        guint32 p = pixel (s, x, y);
        int r = p >> 16, g = (p >> 8) & 0xff, bl = p & 0xff;

        if (r > 150 && g < 140 && bl < 80 && r - g > 60)
          n_wrong[x > mid ? 1 : 0]++;
      }
  g_assert_cmpuint (n_wrong[1], >, 20);
  g_assert_cmpuint (n_wrong[0], <, 3);
  cairo_surface_destroy (s);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/plot/predictions/bars", test_bars);
  g_test_add_func ("/plot/predictions/captions", test_captions);

  return g_test_run ();
}
