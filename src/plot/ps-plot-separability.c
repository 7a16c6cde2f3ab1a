/* ps-plot-separability.c: why a 2-D set is (not) linearly separable
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The points of the class and of the rest, then either the separating line
 * w·x + b = 0 (clipped to the frame; when it misses the view, an arrow at
 * the edge nearest to it says where it is) or both sides' convex hulls,
 * filled translucent so that where they overlap reads as a third tone, with
 * the witness (the crossing segments, or the point and the triangle around
 * it) drawn over them and the reason as a caption under the plot.
 */
#include "config.h"

#include "ps-plot-private.h"

#include <glib/gi18n-lib.h>
#include <math.h>

typedef struct
{
  double   x_min, x_max, y_min, y_max;
  PsRect   frame;
  PsTicks  xt, yt;
  PsRect   legend;
  gboolean legend_outside;
  double   caption_y, caption_h;
} Layout;

/* The two sides' colours: the class's own class colour, and for the rest
 * the first class colour that is not it. */
static void
side_color (const PsSeparabilityData *d,
            int                       side,
            PsPlotColor              *c)
{
  guint k = side == 0 ? d->positive_class : (d->positive_class == 0 ? 1 : 0);

  ps_plot_class_color (k, c);
}

static const char *
side_label (const PsSeparabilityData *d,
            int                       side,
            char                     *buf,
            gsize                     len)
{
  const char *name = side == 0 ? d->positive_name : d->rest_name;

  if (name != NULL)
    return name;
  if (side == 0)
    g_snprintf (buf, len, _("Class %u"), d->positive_class);
  else
    g_snprintf (buf, len, "%s", _("the rest"));
  return buf;
}

/* The data box: the caller's, or the points' with a 10 % margin. */
static void
view_box (const PsSeparabilityData *d,
          Layout                   *l)
{
  double x0 = G_MAXDOUBLE, x1 = -G_MAXDOUBLE, y0 = G_MAXDOUBLE, y1 = -G_MAXDOUBLE;
  double mx, my;

  if (d->x_max > d->x_min && d->y_max > d->y_min)
    {
      l->x_min = d->x_min;
      l->x_max = d->x_max;
      l->y_min = d->y_min;
      l->y_max = d->y_max;
      return;
    }
  for (gsize i = 0; i < d->n_points; i++)
    {
      double x = d->points[2 * i], y = d->points[2 * i + 1];

      if (!isfinite (x) || !isfinite (y))
        continue;
      x0 = MIN (x0, x);
      x1 = MAX (x1, x);
      y0 = MIN (y0, y);
      y1 = MAX (y1, y);
    }
  if (x0 > x1)
    x0 = y0 = 0, x1 = y1 = 1;
  /* a single place or a line of points still gets a square around it */
  mx = x1 > x0 ? (x1 - x0) * 0.1 : MAX (fabs (x0) * 0.1, 0.5);
  my = y1 > y0 ? (y1 - y0) * 0.1 : MAX (fabs (y0) * 0.1, 0.5);
  l->x_min = x0 - mx;
  l->x_max = x1 + mx;
  l->y_min = y0 - my;
  l->y_max = y1 + my;
}

static double
legend_rows (const PsSeparabilityData *d)
{
  return 3;   /* the class, the rest, the line or the hulls */
}

static const char *
legend_last (const PsSeparabilityData *d)
{
  return d->separable ? _("w·x + b = 0") : _("convex hulls");
}

static void
legend_size (PsPlotCtx                *ctx,
             const PsSeparabilityData *d,
             double                   *w,
             double                   *h)
{
  char buf[64];
  double tw, lh = 0, maxw = 0;

  for (int s = 0; s < 2; s++)
    {
      ps_plot_text_size (ctx, PS_FONT_SMALL, side_label (d, s, buf, sizeof buf), &tw, &lh);
      maxw = MAX (maxw, tw);
    }
  ps_plot_text_size (ctx, PS_FONT_SMALL, legend_last (d), &tw, NULL);
  maxw = MAX (maxw, tw);
  *w = ctx->fs * 1.8 + ctx->pad + maxw;
  *h = legend_rows (d) * (lh + ctx->pad * 0.5);
}

/* Height of the caption wrapped to width w (0 when there is none). */
static double
caption_height (PsPlotCtx  *ctx,
                const char *caption,
                double      w)
{
  int pw, ph;

  if (caption == NULL || *caption == '\0')
    return 0;
  ps_plot_set_font (ctx, PS_FONT_SMALL);
  pango_layout_set_width (ctx->layout, (int) (w * PANGO_SCALE));
  pango_layout_set_wrap (ctx->layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text (ctx->layout, caption, -1);
  pango_layout_get_size (ctx->layout, &pw, &ph);
  pango_layout_set_width (ctx->layout, -1);
  return (double) ph / PANGO_SCALE;
}

static void
compute_layout (PsPlotCtx                *ctx,
                const PsSeparabilityData *d,
                Layout                   *l)
{
  double top, left, bottom, lw, lh, right, xr, yr;
  PsRect area;
  guint maxt;

  view_box (d, l);
  xr = l->x_max - l->x_min;
  yr = l->y_max - l->y_min;
  top = ps_plot_title (ctx, d->title);
  legend_size (ctx, d, &lw, &lh);
  l->legend_outside = lw + ctx->pad * 3 <= ctx->width * 0.3;
  right = l->legend_outside ? lw + ctx->pad * 3 : ctx->pad * 1.5;
  l->caption_h = caption_height (ctx, d->caption, ctx->width - 2 * ctx->pad);
  if (l->caption_h > ctx->height * 0.3)
    l->caption_h = ctx->height * 0.3;

  maxt = CLAMP ((guint) ((ctx->height - top) / (ctx->fs * 3.5)), 3, 9);
  ps_ticks_compute (&l->yt, l->y_min, l->y_max, maxt, FALSE, FALSE);
  ps_plot_axes_margins (ctx, &l->yt, "x₁", "x₂", &left, &bottom);
  area.x = ctx->pad + left;
  area.y = top + ctx->pad * 0.3;
  area.w = MAX (ctx->width - area.x - right, 10);
  area.h = MAX (ctx->height - area.y - bottom - l->caption_h - (l->caption_h > 0 ? ctx->pad : 0), 10);
  l->frame = area;
  /* equal scale on both axes when the ranges are comparable */
  if (xr / yr < 3 && yr / xr < 3)
    {
      double s = MIN (area.w / xr, area.h / yr);

      l->frame.w = xr * s;
      l->frame.h = yr * s;
      l->frame.x = area.x + (area.w - l->frame.w) / 2;
      l->frame.y = area.y + (area.h - l->frame.h) / 2;
    }
  l->frame.x = round (l->frame.x);
  l->frame.y = round (l->frame.y);
  l->frame.w = round (l->frame.w);
  l->frame.h = round (l->frame.h);
  /* right under the x axis's label, however the equal scale shrank the frame */
  l->caption_y = l->frame.y + l->frame.h + bottom + ctx->pad * 0.3;
  maxt = CLAMP ((guint) (l->frame.w / (ctx->fs * 4.5)), 3, 10);
  ps_ticks_compute (&l->xt, l->x_min, l->x_max, maxt, FALSE, FALSE);
  l->xt.lo = l->x_min;
  l->xt.hi = l->x_max;
  maxt = CLAMP ((guint) (l->frame.h / (ctx->fs * 3.5)), 3, 9);
  ps_ticks_compute (&l->yt, l->y_min, l->y_max, maxt, FALSE, FALSE);
  l->yt.lo = l->y_min;
  l->yt.hi = l->y_max;
  l->legend.w = lw;
  l->legend.h = lh;
  if (l->legend_outside)
    {
      l->legend.x = l->frame.x + l->frame.w + ctx->pad * 2;
      l->legend.y = l->frame.y;
    }
  else
    {
      l->legend.x = l->frame.x + l->frame.w - lw - ctx->pad;
      l->legend.y = l->frame.y + ctx->pad;
    }
}

static double
sx (const Layout *l,
    double        x)
{
  return ps_map (x, l->x_min, l->x_max, l->frame.x, l->frame.x + l->frame.w);
}

static double
sy (const Layout *l,
    double        y)
{
  return ps_map (y, l->y_min, l->y_max, l->frame.y + l->frame.h, l->frame.y);
}

static void
hull_path (cairo_t                  *cr,
           const PsSeparabilityData *d,
           const Layout             *l,
           int                       s)
{
  for (guint i = 0; i < d->n_hull[s]; i++)
    {
      gsize k = d->hull[s][i];
      double x = sx (l, d->points[2 * k]), y = sy (l, d->points[2 * k + 1]);

      if (i == 0)
        cairo_move_to (cr, x, y);
      else
        cairo_line_to (cr, x, y);
    }
  if (d->n_hull[s] > 2)
    cairo_close_path (cr);
}

/* Both hulls: translucent fills (the overlap shows as the mix), then
 * their outlines; a hull of two points is a thick segment. */
static void
draw_hulls (PsPlotCtx                *ctx,
            const PsSeparabilityData *d,
            const Layout             *l)
{
  cairo_t *cr = ctx->cr;
  double lw = MAX (1.5, ctx->fs * 0.14);

  cairo_save (cr);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  for (int s = 0; s < 2; s++)
    {
      PsPlotColor c;

      if (d->hull[s] == NULL || d->n_hull[s] < 2)
        continue;
      side_color (d, s, &c);
      cairo_new_path (cr);
      hull_path (cr, d, l, s);
      if (d->n_hull[s] > 2)
        {
          ps_plot_set_color_alpha (cr, &c, 0.28);
          cairo_fill_preserve (cr);
        }
      ps_plot_set_color_alpha (cr, &c, 0.9);
      cairo_set_line_width (cr, d->n_hull[s] > 2 ? lw : lw * 2.2);
      cairo_stroke (cr);
    }
  cairo_restore (cr);
}

/* The witness: its segments dashed in ink, its points ringed. */
static void
draw_witness (PsPlotCtx                *ctx,
              const PsSeparabilityData *d,
              const Layout             *l,
              double                    r)
{
  cairo_t *cr = ctx->cr;
  double lw = MAX (1.2, ctx->fs * 0.1);
  double dash[] = { lw * 3, lw * 2 };

  cairo_save (cr);
  ps_plot_set_color (cr, &ps_plot_ink);
  cairo_set_line_width (cr, lw);
  cairo_set_dash (cr, dash, 2, 0);
  for (guint i = 0; d->witness_segments != NULL && i < d->n_witness_segments; i++)
    {
      gsize a = d->witness_segments[2 * i], b = d->witness_segments[2 * i + 1];

      cairo_move_to (cr, sx (l, d->points[2 * a]), sy (l, d->points[2 * a + 1]));
      cairo_line_to (cr, sx (l, d->points[2 * b]), sy (l, d->points[2 * b + 1]));
    }
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);
  for (guint i = 0; d->witness != NULL && i < d->n_witness; i++)
    {
      gsize k = d->witness[i];

      cairo_new_sub_path (cr);
      cairo_arc (cr, sx (l, d->points[2 * k]), sy (l, d->points[2 * k + 1]), r * 1.9, 0, 2 * G_PI);
    }
  cairo_stroke (cr);
  cairo_restore (cr);
}

/* w·x + b = 0 across the frame (cairo clips it), or, when it misses the
 * view, an arrow at the nearest edge pointing to it, with a note. */
static void
draw_line (PsPlotCtx                *ctx,
           const PsSeparabilityData *d,
           const Layout             *l)
{
  cairo_t *cr = ctx->cr;
  double w0 = d->w[0], w1 = d->w[1], b = d->b;
  double n2 = w0 * w0 + w1 * w1;
  double cx = (l->x_min + l->x_max) / 2, cy = (l->y_min + l->y_max) / 2;
  double corner_lo = G_MAXDOUBLE, corner_hi = -G_MAXDOUBLE;
  double px, py, t, lw = MAX (1.8, ctx->fs * 0.17);
  double big = 4 * hypot (l->x_max - l->x_min, l->y_max - l->y_min);

  if (!(n2 > 0) || !isfinite (n2) || !isfinite (b))
    return;
  /* the point of the line nearest to the view's centre */
  t = (w0 * cx + w1 * cy + b) / n2;
  px = cx - t * w0;
  py = cy - t * w1;
  for (int i = 0; i < 4; i++)
    {
      double v = w0 * (i & 1 ? l->x_max : l->x_min) + w1 * (i & 2 ? l->y_max : l->y_min) + b;

      corner_lo = MIN (corner_lo, v);
      corner_hi = MAX (corner_hi, v);
    }
  cairo_save (cr);
  cairo_set_source_rgb (cr, 0.1, 0.1, 0.12);
  cairo_set_line_width (cr, lw);
  if (corner_lo <= 0 && corner_hi >= 0)
    {
      double dx = -w1 / sqrt (n2), dy = w0 / sqrt (n2);

      cairo_rectangle (cr, l->frame.x, l->frame.y, l->frame.w, l->frame.h);
      cairo_clip (cr);
      cairo_move_to (cr, sx (l, px - big * dx), sy (l, py - big * dy));
      cairo_line_to (cr, sx (l, px + big * dx), sy (l, py + big * dy));
      cairo_stroke (cr);
    }
  else
    ps_plot_line_outside_marker (ctx, &l->frame, l->x_min, l->x_max, l->y_min, l->y_max, w0, w1, b);
  cairo_restore (cr);
}

static void
draw_disc (cairo_t           *cr,
           double             x,
           double             y,
           double             r,
           const PsPlotColor *c)
{
  cairo_new_path (cr);
  cairo_arc (cr, x, y, r + MAX (1.0, r * 0.22) / 2, 0, 2 * G_PI);
  cairo_set_source_rgba (cr, 0.12, 0.13, 0.16, 0.9);
  cairo_fill (cr);
  cairo_arc (cr, x, y, r - MAX (1.0, r * 0.22) / 2, 0, 2 * G_PI);
  ps_plot_set_color (cr, c);
  cairo_fill (cr);
}

static double
point_radius (PsPlotCtx    *ctx,
              const Layout *l,
              gsize         n)
{
  double by_n = CLAMP (pow (100.0 / MAX (n, 1), 0.2), 0.55, 1.5);
  double by_size = CLAMP (MIN (l->frame.w, l->frame.h) / 380.0, 0.55, 1.0);

  return MAX (2.0, ctx->fs * 0.42 * by_n * by_size);
}

static void
draw_points (PsPlotCtx                *ctx,
             const PsSeparabilityData *d,
             const Layout             *l,
             double                    r)
{
  cairo_t *cr = ctx->cr;
  PsPlotColor c[2];

  side_color (d, 0, &c[0]);
  side_color (d, 1, &c[1]);
  cairo_save (cr);
  cairo_rectangle (cr, l->frame.x - 2 * r, l->frame.y - 2 * r, l->frame.w + 4 * r, l->frame.h + 4 * r);
  cairo_clip (cr);
  for (gsize i = 0; i < d->n_points; i++)
    {
      double x = d->points[2 * i], y = d->points[2 * i + 1];

      if (!isfinite (x) || !isfinite (y))
        continue;
      draw_disc (cr, sx (l, x), sy (l, y), r, &c[d->labels[i] == d->positive_class ? 0 : 1]);
    }
  cairo_restore (cr);
}

static void
draw_legend (PsPlotCtx                *ctx,
             const PsSeparabilityData *d,
             const Layout             *l)
{
  cairo_t *cr = ctx->cr;
  double lh, y, mx = l->legend.x + ctx->fs * 0.8, tx = l->legend.x + ctx->fs * 1.8;
  char buf[64];

  ps_plot_text_size (ctx, PS_FONT_SMALL, "Ag", NULL, &lh);
  cairo_save (cr);
  if (!l->legend_outside)
    {
      cairo_rectangle (cr, l->legend.x - ctx->pad * 0.5, l->legend.y - ctx->pad * 0.4,
                       l->legend.w + ctx->pad, l->legend.h + ctx->pad * 0.5);
      cairo_set_source_rgba (cr, 1, 1, 1, 0.85);
      cairo_fill (cr);
    }
  y = l->legend.y + lh / 2;
  for (int s = 0; s < 2; s++)
    {
      PsPlotColor c;

      side_color (d, s, &c);
      draw_disc (cr, mx, y, ctx->fs * 0.38, &c);
      ps_plot_text (ctx, PS_FONT_SMALL, side_label (d, s, buf, sizeof buf), tx, y, 0, 0.5, &ps_plot_ink);
      y += lh + ctx->pad * 0.5;
    }
  if (d->separable)
    {
      cairo_set_source_rgb (cr, 0.1, 0.1, 0.12);
      cairo_set_line_width (cr, MAX (1.8, ctx->fs * 0.17));
      cairo_move_to (cr, mx - ctx->fs * 0.7, y);
      cairo_line_to (cr, mx + ctx->fs * 0.7, y);
      cairo_stroke (cr);
    }
  else
    {
      for (int s = 0; s < 2; s++)
        {
          PsPlotColor c;

          side_color (d, s, &c);
          cairo_rectangle (cr, mx - ctx->fs * 0.7 + s * ctx->fs * 0.45, y - ctx->fs * 0.4 + s * ctx->fs * 0.25,
                           ctx->fs * 0.9, ctx->fs * 0.55);
          ps_plot_set_color_alpha (cr, &c, 0.4);
          cairo_fill (cr);
        }
    }
  ps_plot_text (ctx, PS_FONT_SMALL, legend_last (d), tx, y, 0, 0.5, &ps_plot_ink);
  cairo_restore (cr);
}

static void
draw_caption (PsPlotCtx                *ctx,
              const PsSeparabilityData *d,
              const Layout             *l)
{
  cairo_t *cr = ctx->cr;

  if (l->caption_h <= 0)
    return;
  cairo_save (cr);
  cairo_rectangle (cr, 0, l->caption_y, ctx->width, l->caption_h);
  cairo_clip (cr);
  ps_plot_set_font (ctx, PS_FONT_SMALL);
  pango_layout_set_width (ctx->layout, (int) ((ctx->width - 2 * ctx->pad) * PANGO_SCALE));
  pango_layout_set_wrap (ctx->layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text (ctx->layout, d->caption, -1);
  ps_plot_set_color (cr, &ps_plot_ink);
  cairo_move_to (cr, ctx->pad, l->caption_y);
  pango_cairo_show_layout (cr, ctx->layout);
  pango_layout_set_width (ctx->layout, -1);
  cairo_restore (cr);
}

/**
 * ps_plot_separability:
 * @cr: target
 * @width: @height: size of the area
 * @data: points, the line or the hulls, the caption (borrowed)
 */
void
ps_plot_separability (cairo_t                  *cr,
                      double                    width,
                      double                    height,
                      const PsSeparabilityData *data)
{
  PsPlotCtx ctx;
  Layout l;
  double r;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (data != NULL);

  ps_plot_ctx_begin (&ctx, cr, width, height);
  if (data->n_points == 0 || data->points == NULL || data->labels == NULL)
    {
      ps_plot_no_data_page (&ctx, data->title, _("No 2-D data to show"));
      ps_plot_ctx_end (&ctx);
      return;
    }
  compute_layout (&ctx, data, &l);
  ps_plot_set_color (cr, &ps_plot_panel);
  cairo_rectangle (cr, l.frame.x, l.frame.y, l.frame.w, l.frame.h);
  cairo_fill (cr);
  ps_plot_axes_draw (&ctx, &l.frame, &l.xt, &l.yt, "x₁", "x₂", TRUE);
  r = point_radius (&ctx, &l, data->n_points);
  cairo_save (cr);
  cairo_rectangle (cr, l.frame.x, l.frame.y, l.frame.w, l.frame.h);
  cairo_clip (cr);
  if (!data->separable)
    draw_hulls (&ctx, data, &l);
  cairo_restore (cr);
  if (data->separable)
    draw_line (&ctx, data, &l);
  draw_points (&ctx, data, &l, r);
  if (!data->separable)
    draw_witness (&ctx, data, &l, r);
  draw_legend (&ctx, data, &l);
  draw_caption (&ctx, data, &l);
  ps_plot_ctx_end (&ctx);
}
