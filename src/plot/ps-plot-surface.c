/* ps-plot-surface.c: the loss over two weights, with the run's path
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The grid is one small image (a pixel per grid point, the sequential
 * white → blue map, bilinear between the points) scaled onto the frame so
 * that pixel centres sit on the grid points; contour lines at the colour
 * bar's ticks come from marching squares over the same points. The path
 * is drawn last, in a colour the map does not use, with a white casing.
 */
#include "config.h"

#include "ps-plot-private.h"

#include <glib/gi18n-lib.h>
#include <math.h>

typedef struct
{
  PsRect  frame;
  PsTicks xt, yt;
  PsRect  bar;
  double  vmin, vmax;
} Layout;

/* the path: vermilion, which the white → blue map never shows */
static const PsPlotColor path_color = { 0.84, 0.37, 0.0, 1 };

static void
value_range (const PsSurfaceData *d,
             double              *vmin,
             double              *vmax)
{
  gsize n = (gsize) d->rows * d->cols;

  *vmin = G_MAXDOUBLE;
  *vmax = -G_MAXDOUBLE;
  for (gsize i = 0; i < n; i++)
    if (isfinite (d->grid[i]))
      {
        *vmin = MIN (*vmin, d->grid[i]);
        *vmax = MAX (*vmax, d->grid[i]);
      }
  if (*vmin > *vmax)
    *vmin = 0, *vmax = 1;
  if (!(*vmax > *vmin))
    *vmax = *vmin + MAX (fabs (*vmin) * 1e-3, 1e-6);
}

static const char *
value_label (const PsSurfaceData *d)
{
  return d->value_label ? d->value_label : _("loss");
}

static void
compute_layout (PsPlotCtx           *ctx,
                const PsSurfaceData *d,
                Layout              *l)
{
  double top, left, bottom, cbw, right;
  guint maxt;

  value_range (d, &l->vmin, &l->vmax);
  top = ps_plot_title (ctx, d->title);
  cbw = ps_plot_colorbar_width (ctx, l->vmin, l->vmax, value_label (d));
  right = cbw + ctx->pad * 3;
  maxt = CLAMP ((guint) ((ctx->height - top) / (ctx->fs * 3.5)), 3, 9);
  ps_ticks_compute (&l->yt, d->y_min, d->y_max, maxt, FALSE, FALSE);
  ps_plot_axes_margins (ctx, &l->yt, d->x_label, d->y_label, &left, &bottom);
  l->frame.x = round (ctx->pad + left);
  l->frame.y = round (top + ctx->pad * 0.3);
  l->frame.w = round (MAX (ctx->width - l->frame.x - right, 10));
  l->frame.h = round (MAX (ctx->height - l->frame.y - bottom, 10));
  maxt = CLAMP ((guint) (l->frame.w / (ctx->fs * 4.5)), 3, 10);
  ps_ticks_compute (&l->xt, d->x_min, d->x_max, maxt, FALSE, FALSE);
  l->xt.lo = d->x_min;
  l->xt.hi = d->x_max;
  maxt = CLAMP ((guint) (l->frame.h / (ctx->fs * 3.5)), 3, 9);
  ps_ticks_compute (&l->yt, d->y_min, d->y_max, maxt, FALSE, FALSE);
  l->yt.lo = d->y_min;
  l->yt.hi = d->y_max;
  l->bar.x = l->frame.x + l->frame.w + ctx->pad * 2;
  l->bar.y = l->frame.y;
  l->bar.w = ctx->fs * 1.1;
  l->bar.h = l->frame.h;
}

static void
draw_heatmap (PsPlotCtx           *ctx,
              const PsSurfaceData *d,
              const Layout        *l)
{
  cairo_surface_t *img;
  cairo_pattern_t *pat;
  cairo_matrix_t m;
  guint32 *px;
  int stride;

  img = ps_plot_image_new ((int) d->cols, (int) d->rows, &px, &stride);
  if (img == NULL)
    return;
  for (guint r = 0; r < d->rows; r++)
    for (guint c = 0; c < d->cols; c++)
      {
        double v = d->grid[(gsize) r * d->cols + c];
        PsPlotColor col = { 1, 1, 1, 1 };

        if (isfinite (v))
          ps_plot_sequential_color ((v - l->vmin) / (l->vmax - l->vmin), &col);
        px[r * stride + c] = 0xff000000u
                             | (guint32) (col.r * 255 + 0.5) << 16
                             | (guint32) (col.g * 255 + 0.5) << 8
                             | (guint32) (col.b * 255 + 0.5);
      }
  cairo_surface_mark_dirty (img);
  pat = cairo_pattern_create_for_surface (img);
  /* pixel centres (c + 0.5) on the grid points: frame.x + c · w / (cols − 1) */
  cairo_matrix_init_translate (&m, 0.5, 0.5);
  cairo_matrix_scale (&m, (d->cols - 1) / l->frame.w, (d->rows - 1) / l->frame.h);
  cairo_matrix_translate (&m, -l->frame.x, -l->frame.y);
  cairo_pattern_set_matrix (pat, &m);
  cairo_pattern_set_extend (pat, CAIRO_EXTEND_PAD);
  cairo_pattern_set_filter (pat, CAIRO_FILTER_BILINEAR);
  cairo_save (ctx->cr);
  cairo_rectangle (ctx->cr, l->frame.x, l->frame.y, l->frame.w, l->frame.h);
  cairo_set_source (ctx->cr, pat);
  cairo_fill (ctx->cr);
  cairo_restore (ctx->cr);
  cairo_pattern_destroy (pat);
  cairo_surface_destroy (img);
}

/* Grid point (r, c) on screen. */
static void
grid_xy (const PsSurfaceData *d,
         const Layout        *l,
         double               r,
         double               c,
         double              *x,
         double              *y)
{
  *x = l->frame.x + c * l->frame.w / (d->cols - 1);
  *y = l->frame.y + r * l->frame.h / (d->rows - 1);
}

/* Where the level crosses the edge from grid point a to b. */
static void
crossing (const PsSurfaceData *d,
          const Layout        *l,
          double               level,
          guint                ra,
          guint                ca,
          guint                rb,
          guint                cb,
          double              *x,
          double              *y)
{
  double va = d->grid[(gsize) ra * d->cols + ca], vb = d->grid[(gsize) rb * d->cols + cb];
  double t = (level - va) / (vb - va);

  grid_xy (d, l, ra + t * ((double) rb - ra), ca + t * ((double) cb - ca), x, y);
}

/* Marching squares, one segment (two for a saddle) per cell, added to the
 * current path: the cells of a 100 × 100 grid are small enough on screen
 * that the pieces read as lines. */
static void
contour_level (cairo_t             *cr,
               const PsSurfaceData *d,
               const Layout        *l,
               double               level)
{
  /* corners 0 (r, c), 1 (r, c+1), 2 (r+1, c+1), 3 (r+1, c); edge e joins
   * corner e and e + 1 */
  static const int dr[4] = { 0, 0, 1, 1 }, dc[4] = { 0, 1, 1, 0 };

  for (guint r = 0; r + 1 < d->rows; r++)
    for (guint c = 0; c + 1 < d->cols; c++)
      {
        double v[4], ex[4], ey[4];
        int nh = 0;
        gboolean ok = TRUE;

        for (int k = 0; k < 4; k++)
          {
            v[k] = d->grid[(gsize) (r + dr[k]) * d->cols + c + dc[k]];
            ok = ok && isfinite (v[k]);
          }
        if (!ok)
          continue;
        for (int e = 0; e < 4; e++)
          {
            int f = (e + 1) % 4;

            if ((v[e] >= level) != (v[f] >= level))
              {
                crossing (d, l, level, r + dr[e], c + dc[e], r + dr[f], c + dc[f], &ex[nh], &ey[nh]);
                nh++;
              }
          }
        if (nh == 2)
          {
            cairo_move_to (cr, ex[0], ey[0]);
            cairo_line_to (cr, ex[1], ey[1]);
          }
        else if (nh == 4)
          {
            /* a saddle: pair the crossings by the centre's side */
            double centre = (v[0] + v[1] + v[2] + v[3]) / 4;
            gboolean first_with_last = (centre >= level) != (v[0] >= level);

            if (first_with_last)
              {
                cairo_move_to (cr, ex[3], ey[3]);
                cairo_line_to (cr, ex[0], ey[0]);
                cairo_move_to (cr, ex[1], ey[1]);
                cairo_line_to (cr, ex[2], ey[2]);
              }
            else
              {
                cairo_move_to (cr, ex[0], ey[0]);
                cairo_line_to (cr, ex[1], ey[1]);
                cairo_move_to (cr, ex[2], ey[2]);
                cairo_line_to (cr, ex[3], ey[3]);
              }
          }
      }
}

static void
draw_contours (PsPlotCtx           *ctx,
               const PsSurfaceData *d,
               const Layout        *l)
{
  cairo_t *cr = ctx->cr;
  PsTicks t;

  ps_ticks_compute (&t, l->vmin, l->vmax, CLAMP ((guint) (l->bar.h / (ctx->fs * 4)), 2, 8), FALSE, FALSE);
  cairo_save (cr);
  cairo_rectangle (cr, l->frame.x, l->frame.y, l->frame.w, l->frame.h);
  cairo_clip (cr);
  cairo_new_path (cr);
  for (guint i = 0; i < t.n; i++)
    if (t.v[i] > l->vmin && t.v[i] < l->vmax)
      contour_level (cr, d, l, t.v[i]);
  cairo_set_line_width (cr, MAX (1.0, ctx->fs * 0.08));
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_source_rgba (cr, 0.1, 0.12, 0.2, 0.55);
  cairo_stroke (cr);
  cairo_restore (cr);
}

static void
draw_path (PsPlotCtx           *ctx,
           const PsSurfaceData *d,
           const Layout        *l)
{
  cairo_t *cr = ctx->cr;
  double lw = MAX (1.8, ctx->fs * 0.17), ex = 0, ey = 0;
  guint drawn = 0;

  if (d->path == NULL || d->n_path == 0)
    return;
  cairo_save (cr);
  cairo_rectangle (cr, l->frame.x, l->frame.y, l->frame.w, l->frame.h);
  cairo_clip (cr);
  cairo_new_path (cr);
  for (guint i = 0; i < d->n_path; i++)
    {
      double x = d->path[2 * i], y = d->path[2 * i + 1];

      if (!isfinite (x) || !isfinite (y))
        continue;
      ex = ps_map (x, d->x_min, d->x_max, l->frame.x, l->frame.x + l->frame.w);
      ey = ps_map (y, d->y_min, d->y_max, l->frame.y + l->frame.h, l->frame.y);
      if (drawn++ == 0)
        cairo_move_to (cr, ex, ey);
      else
        cairo_line_to (cr, ex, ey);
    }
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_set_line_width (cr, lw * 2.2);
  cairo_stroke_preserve (cr);
  ps_plot_set_color (cr, &path_color);
  cairo_set_line_width (cr, lw);
  cairo_stroke (cr);
  if (drawn > 0)
    {
      cairo_arc (cr, ex, ey, ctx->fs * 0.42 + 1.5, 0, 2 * G_PI);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_fill (cr);
      cairo_arc (cr, ex, ey, ctx->fs * 0.42, 0, 2 * G_PI);
      ps_plot_set_color (cr, &path_color);
      cairo_fill (cr);
    }
  cairo_restore (cr);
}

/**
 * ps_plot_surface:
 * @cr: target
 * @width: @height: size of the area
 * @data: the grid, the axes' names, the path (borrowed)
 */
void
ps_plot_surface (cairo_t             *cr,
                 double               width,
                 double               height,
                 const PsSurfaceData *data)
{
  PsPlotCtx ctx;
  Layout l;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (data != NULL);

  ps_plot_ctx_begin (&ctx, cr, width, height);
  if (data->grid == NULL || data->rows < 2 || data->cols < 2
      || !(data->x_max > data->x_min) || !(data->y_max > data->y_min))
    {
      ps_plot_no_data_page (&ctx, data->title, _("No error surface to show"));
      ps_plot_ctx_end (&ctx);
      return;
    }
  compute_layout (&ctx, data, &l);
  draw_heatmap (&ctx, data, &l);
  ps_plot_axes_draw (&ctx, &l.frame, &l.xt, &l.yt, data->x_label, data->y_label, FALSE);
  draw_contours (&ctx, data, &l);
  draw_path (&ctx, data, &l);
  ps_plot_colorbar (&ctx, &l.bar, l.vmin, l.vmax, FALSE, value_label (data));
  ps_plot_ctx_end (&ctx);
}
