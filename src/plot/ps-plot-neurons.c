/* ps-plot-neurons.c: a unit's activation over the input plane (neuron maps)
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The network diagram draws each hidden and output unit of a 2-D model as
 * a small map of its activation (as TensorFlow Playground does); the maps
 * are computed by core's ps_unit_maps_compute() and drawn here.
 */
#include "config.h"

#include "ps-plot-private.h"

#include <math.h>

/**
 * ps_plot_unit_map:
 * @map: rows × cols values, row 0 at the top
 *
 * Each value is one pixel of an image scaled (bilinear) into the rectangle:
 * a 40 × 40 map costs a few microseconds, so every unit of a live diagram
 * can be redrawn at the snapshot rate.
 */
void
ps_plot_unit_map (cairo_t     *cr,
                  double       x,
                  double       y,
                  double       w,
                  double       h,
                  const float *map,
                  guint        rows,
                  guint        cols,
                  float        lo,
                  float        hi)
{
  const guint32 *lut = ps_plot_diverging_lut ();
  cairo_surface_t *img;
  cairo_pattern_t *pat;
  cairo_matrix_t m;
  guint32 *px;
  int stride;
  double scale;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (map != NULL && rows > 0 && cols > 0);

  img = ps_plot_image_new (cols, rows, &px, &stride);
  if (img == NULL || w <= 0 || h <= 0)
    {
      g_clear_pointer (&img, cairo_surface_destroy);
      return;
    }
  /* lo..hi onto the LUT's 0..256 (128 is the middle) */
  scale = hi > lo ? 256.0 / (hi - lo) : 0;
  for (guint r = 0; r < rows; r++)
    for (guint c = 0; c < cols; c++)
      {
        float v = map[(gsize) r * cols + c];
        double t = isfinite (v) ? (hi > lo ? (v - lo) * scale : 128) : 128;

        px[(gsize) r * stride + c] = lut[(int) CLAMP (t + 0.5, 0, 256)];
      }
  cairo_surface_mark_dirty (img);

  cairo_save (cr);
  cairo_rectangle (cr, x, y, w, h);
  cairo_clip (cr);
  pat = cairo_pattern_create_for_surface (img);
  cairo_matrix_init_scale (&m, cols / w, rows / h);
  cairo_matrix_translate (&m, -x, -y);
  cairo_pattern_set_matrix (pat, &m);
  cairo_pattern_set_filter (pat, CAIRO_FILTER_BILINEAR);
  cairo_pattern_set_extend (pat, CAIRO_EXTEND_PAD);
  cairo_set_source (cr, pat);
  cairo_paint (cr);
  cairo_pattern_destroy (pat);
  cairo_restore (cr);
  cairo_surface_destroy (img);
}
