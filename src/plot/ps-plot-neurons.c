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

#include <glib/gi18n-lib.h>
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

/**
 * ps_plot_unit_map_full:
 * @data: the map, its box and range, the points
 *
 * What the Boundary view shows when a map in the Diagram is clicked: the
 * same frame as the decision boundary (equal scale when the box is about
 * square), so the two read alike.
 */
void
ps_plot_unit_map_full (cairo_t             *cr,
                       double               width,
                       double               height,
                       const PsUnitMapData *d)
{
  PsPlotCtx ctx;
  PsTicks xt, yt;
  PsRect area, frame, bar;
  double top, left, bottom, cbw, xr, yr, r;
  guint maxt;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (d != NULL);

  ps_plot_ctx_begin (&ctx, cr, width, height);
  if (d->map == NULL || d->rows == 0 || d->cols == 0)
    {
      ps_plot_no_data_page (&ctx, d->title, _("No map to show"));
      ps_plot_ctx_end (&ctx);
      return;
    }
  top = ps_plot_title (&ctx, d->title);
  cbw = ps_plot_colorbar_width (&ctx, d->lo, d->hi, d->bar_label);
  maxt = CLAMP ((guint) ((ctx.height - top) / (ctx.fs * 3.5)), 3, 9);
  ps_ticks_compute (&yt, d->y_min, d->y_max, maxt, FALSE, FALSE);
  ps_plot_axes_margins (&ctx, &yt, "x₁", "x₂", &left, &bottom);
  area.x = ctx.pad + left;
  area.y = top + ctx.pad * 0.3;
  area.w = MAX (ctx.width - area.x - cbw - ctx.pad * 4, 10);
  area.h = MAX (ctx.height - area.y - bottom, 10);
  frame = area;
  xr = d->x_max - d->x_min;
  yr = d->y_max - d->y_min;
  if (xr > 0 && yr > 0 && xr / yr < 3 && yr / xr < 3)
    {
      double s = MIN (area.w / xr, area.h / yr);

      frame.w = xr * s;
      frame.h = yr * s;
      frame.x = area.x + (area.w - frame.w) / 2;
      frame.y = area.y + (area.h - frame.h) / 2;
    }
  frame.x = round (frame.x);
  frame.y = round (frame.y);
  frame.w = round (frame.w);
  frame.h = round (frame.h);
  maxt = CLAMP ((guint) (frame.w / (ctx.fs * 4.5)), 3, 10);
  ps_ticks_compute (&xt, d->x_min, d->x_max, maxt, FALSE, FALSE);
  xt.lo = d->x_min;
  xt.hi = d->x_max;
  maxt = CLAMP ((guint) (frame.h / (ctx.fs * 3.5)), 3, 9);
  ps_ticks_compute (&yt, d->y_min, d->y_max, maxt, FALSE, FALSE);
  yt.lo = d->y_min;
  yt.hi = d->y_max;

  ps_plot_unit_map (cr, frame.x, frame.y, frame.w, frame.h, d->map, d->rows, d->cols, d->lo, d->hi);
  ps_plot_axes_draw (&ctx, &frame, &xt, &yt, "x₁", "x₂", FALSE);

  /* the samples: class colour on a dark rim, readable on red and blue */
  r = MAX (2.5, ctx.fs * 0.42);
  cairo_save (cr);
  cairo_rectangle (cr, frame.x, frame.y, frame.w, frame.h);
  cairo_clip (cr);
  for (gsize i = 0; d->points != NULL && d->labels != NULL && i < d->n_points; i++)
    {
      PsPlotColor c;
      double px = ps_map (d->points[i * 2], d->x_min, d->x_max, frame.x, frame.x + frame.w);
      double py = ps_map (d->points[i * 2 + 1], d->y_min, d->y_max, frame.y + frame.h, frame.y);

      if (!isfinite (px) || !isfinite (py))
        continue;
      ps_plot_class_color (d->labels[i], &c);
      cairo_new_path (cr);
      cairo_arc (cr, px, py, r + 1.2, 0, 2 * G_PI);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_fill (cr);
      cairo_arc (cr, px, py, r, 0, 2 * G_PI);
      ps_plot_set_color (cr, &c);
      cairo_fill_preserve (cr);
      cairo_set_source_rgba (cr, 0.12, 0.13, 0.16, 0.9);
      cairo_set_line_width (cr, 1);
      cairo_stroke (cr);
    }
  cairo_restore (cr);

  bar.x = frame.x + frame.w + ctx.pad * 2;
  bar.y = frame.y;
  bar.w = cbw;
  bar.h = frame.h;
  ps_plot_colorbar (&ctx, &bar, d->lo, d->hi, TRUE, d->bar_label);
  ps_plot_ctx_end (&ctx);
}
