/* ps-plot-hidden.c: the samples at a hidden layer's activations (issue 11 §2)
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What a hidden layer does to the data: each training sample drawn where
 * the layer puts it, coloured by class, with the next layer's decision
 * line (2 units) or plane (3 units) a·h + c = 0 in the same space. On XOR
 * the input plane has no such line; the hidden plane of [2,2,1] has one.
 * 2-D: a plane with axes, the class-1 side (a·h + c > 0) tinted. 3-D: an
 * orthographic projection of the box the points span, turned by yaw and
 * pitch, with its edges, axis names and end values; far points are drawn
 * before the plane, near ones after it.
 */
#include "config.h"

#include "ps-plot-private.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct
{
  double  top;
  PsRect  frame;              /* 2-D: the plot frame; 3-D: the square the cube fits */
  PsTicks xt, yt;
  double  lo[3], hi[3];       /* axis ranges */
  double  cx, cy, scale;      /* 3-D: screen centre, px per normalised unit */
  PsRect  legend;
  gboolean legend_outside;
  double  note_h;
} Layout;

static guint
dims_of (const PsHiddenData *d)
{
  return d->dims == 3 ? 3 : 2;
}

static const char *
axis_name (const PsHiddenData *d,
           guint               i)
{
  static const char *names[] = { "h₁", "h₂", "h₃" };

  if (d->axis_names != NULL && d->axis_names[i] != NULL)
    return d->axis_names[i];
  return names[i];
}

static void
class_label (const PsHiddenData *d,
             guint               k,
             char               *buf,
             gsize               len)
{
  if (d->class_names != NULL && k < d->n_classes && d->class_names[k] != NULL)
    g_strlcpy (buf, d->class_names[k], len);
  else
    g_snprintf (buf, len, "%u", k);
}

static guint
n_classes (const PsHiddenData *d)
{
  guint k = d->n_classes;

  for (gsize i = 0; i < d->n_points; i++)
    k = MAX (k, d->labels[i] + 1);
  return MIN (k, 20);
}

/* Ranges: the caller's, else the points' with a 10 % margin. */
static void
axis_ranges (const PsHiddenData *d,
             double             *lo,
             double             *hi)
{
  guint dims = dims_of (d);

  for (guint j = 0; j < dims; j++)
    {
      double a = INFINITY, b = -INFINITY, e;

      if (d->lo[j] < d->hi[j])
        {
          lo[j] = d->lo[j];
          hi[j] = d->hi[j];
          continue;
        }
      for (gsize i = 0; i < d->n_points; i++)
        {
          double v = d->points[i * d->dims + j];

          if (isfinite (v))
            {
              a = MIN (a, v);
              b = MAX (b, v);
            }
        }
      if (!isfinite (a))
        a = 0, b = 1;
      e = b - a > 0 ? b - a : 1;
      lo[j] = a - 0.1 * e;
      hi[j] = b + 0.1 * e;
    }
}

static void
legend_size (PsPlotCtx          *ctx,
             const PsHiddenData *d,
             double             *w,
             double             *h)
{
  char buf[128];
  double tw, lh = ctx->fs, maxw = 0;
  guint rows = 0;

  for (guint k = 0; k < n_classes (d); k++)
    {
      class_label (d, k, buf, sizeof buf);
      ps_plot_text_size (ctx, PS_FONT_SMALL, buf, &tw, &lh);
      maxw = MAX (maxw, tw);
      rows++;
    }
  if (d->has_plane)
    {
      ps_plot_text_size (ctx, PS_FONT_SMALL, dims_of (d) == 3 ? _("decision plane") : _("decision line"),
                         &tw, &lh);
      maxw = MAX (maxw, tw);
      rows++;
    }
  *w = ctx->fs * 1.6 + ctx->pad + maxw;
  *h = rows * (lh + ctx->pad * 0.5);
}

static void
compute_layout (PsPlotCtx          *ctx,
                const PsHiddenData *d,
                Layout             *l)
{
  double lw, lh, right, left = 0, bottom = 0;
  PsRect area;
  guint maxt;

  memset (l, 0, sizeof *l);
  l->top = ps_plot_title (ctx, d->title);
  axis_ranges (d, l->lo, l->hi);
  legend_size (ctx, d, &lw, &lh);
  l->legend_outside = lw + ctx->pad * 3 <= ctx->width * 0.3;
  right = l->legend_outside ? lw + ctx->pad * 3 : ctx->pad * 1.5;
  if (d->note != NULL)
    ps_plot_text_size (ctx, PS_FONT_SMALL, d->note, NULL, &l->note_h);

  if (dims_of (d) == 2)
    {
      maxt = CLAMP ((guint) ((ctx->height - l->top) / (ctx->fs * 3.5)), 3, 9);
      ps_ticks_compute (&l->yt, l->lo[1], l->hi[1], maxt, FALSE, FALSE);
      ps_plot_axes_margins (ctx, &l->yt, axis_name (d, 0), axis_name (d, 1), &left, &bottom);
    }
  area.x = ctx->pad + left;
  area.y = l->top + ctx->pad * 0.3;
  area.w = MAX (ctx->width - area.x - right, 10);
  area.h = MAX (ctx->height - area.y - bottom - l->note_h - ctx->pad, 10);
  l->frame = area;

  if (dims_of (d) == 2)
    {
      double xr = l->hi[0] - l->lo[0], yr = l->hi[1] - l->lo[1];

      /* equal scale when the ranges are comparable: the line's slope reads true */
      if (xr > 0 && yr > 0 && xr / yr < 3 && yr / xr < 3)
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
      maxt = CLAMP ((guint) (l->frame.w / (ctx->fs * 4.5)), 3, 10);
      ps_ticks_compute (&l->xt, l->lo[0], l->hi[0], maxt, FALSE, FALSE);
      l->xt.lo = l->lo[0];
      l->xt.hi = l->hi[0];
      maxt = CLAMP ((guint) (l->frame.h / (ctx->fs * 3.5)), 3, 9);
      ps_ticks_compute (&l->yt, l->lo[1], l->hi[1], maxt, FALSE, FALSE);
      l->yt.lo = l->lo[1];
      l->yt.hi = l->hi[1];
    }
  else
    {
      double side = MIN (area.w, area.h);

      l->frame.x = area.x + (area.w - side) / 2;
      l->frame.y = area.y + (area.h - side) / 2;
      l->frame.w = l->frame.h = side;
      l->cx = l->frame.x + side / 2;
      l->cy = l->frame.y + side / 2;
      /* a unit cube turned any way spans at most √3 in projection; its
       * labels need a little more */
      l->scale = side / 2 / 1.95;
    }

  l->legend.w = lw;
  l->legend.h = lh;
  if (l->legend_outside)
    {
      l->legend.x = l->frame.x + l->frame.w + ctx->pad * 2;
      l->legend.y = l->frame.y;
    }
  else
    {
      l->legend.x = l->frame.x + l->frame.w - lw - ctx->pad * 1.5;
      l->legend.y = l->frame.y + ctx->pad;
    }
}

/* ---- 3-D projection ----------------------------------------------------- */

/* A point of the normalised cube [−1, 1]³ (q[0] h₁ to the right, q[1] h₂
 * into the screen, q[2] h₃ up) on screen, and its depth (larger: nearer). */
static void
project (const PsHiddenData *d,
         const Layout       *l,
         const double       *q,
         double             *sx,
         double             *sy,
         double             *depth)
{
  double cy = cos (d->yaw), sy_ = sin (d->yaw), cp = cos (d->pitch), sp = sin (d->pitch);
  double x = q[0] * cy - q[1] * sy_;
  double y = q[0] * sy_ + q[1] * cy;
  double up = q[2] * cp + y * sp;

  *sx = l->cx + x * l->scale;
  *sy = l->cy - up * l->scale;
  if (depth != NULL)
    *depth = -y * cp + q[2] * sp;
}

static void
normalise (const Layout *l,
           const float  *p,
           double       *q)
{
  for (guint j = 0; j < 3; j++)
    q[j] = l->hi[j] > l->lo[j] ? 2 * (p[j] - l->lo[j]) / (l->hi[j] - l->lo[j]) - 1 : 0;
}

/* The plane a·h + c = 0 in normalised coordinates: A·q + C = 0. */
static void
plane_normalised (const PsHiddenData *d,
                  const Layout       *l,
                  double             *A,
                  double             *C)
{
  *C = d->plane[3];
  for (guint j = 0; j < 3; j++)
    {
      A[j] = d->plane[j] * (l->hi[j] - l->lo[j]) / 2;
      *C += d->plane[j] * (l->lo[j] + l->hi[j]) / 2;
    }
}

static const int cube_edges[12][2] = {
  { 0, 1 }, { 2, 3 }, { 4, 5 }, { 6, 7 },    /* along q0 */
  { 0, 2 }, { 1, 3 }, { 4, 6 }, { 5, 7 },    /* along q1 */
  { 0, 4 }, { 1, 5 }, { 2, 6 }, { 3, 7 },    /* along q2 */
};

static void
corner (int     i,
        double *q)
{
  q[0] = i & 1 ? 1 : -1;
  q[1] = i & 2 ? 1 : -1;
  q[2] = i & 4 ? 1 : -1;
}

typedef struct
{
  double ang;
  double q[3];
} PlanePoint;

static int
cmp_angle (const void *a,
           const void *b)
{
  double x = ((const PlanePoint *) a)->ang, y = ((const PlanePoint *) b)->ang;

  return (x > y) - (x < y);
}

/* The polygon where the plane cuts the cube: up to 6 points in order. */
static guint
plane_polygon (const double *A,
               double        C,
               PlanePoint   *pts)
{
  double c[3] = { 0, 0, 0 }, u[3], v[3], n2 = A[0] * A[0] + A[1] * A[1] + A[2] * A[2];
  guint n = 0;

  if (!(n2 > 0))
    return 0;
  for (guint e = 0; e < 12; e++)
    {
      double p0[3], p1[3], f0, f1, t;

      corner (cube_edges[e][0], p0);
      corner (cube_edges[e][1], p1);
      f0 = A[0] * p0[0] + A[1] * p0[1] + A[2] * p0[2] + C;
      f1 = A[0] * p1[0] + A[1] * p1[1] + A[2] * p1[2] + C;
      if ((f0 > 0) == (f1 > 0) || f0 == f1)
        continue;
      t = f0 / (f0 - f1);
      for (guint j = 0; j < 3; j++)
        pts[n].q[j] = p0[j] + t * (p1[j] - p0[j]);
      n++;
    }
  if (n < 3)
    return 0;
  for (guint i = 0; i < n; i++)
    for (guint j = 0; j < 3; j++)
      c[j] += pts[i].q[j] / n;
  /* a basis of the plane: u ⟂ A, v = A × u */
  if (fabs (A[0]) < fabs (A[1]) || fabs (A[0]) < fabs (A[2]))
    u[0] = 0, u[1] = A[2], u[2] = -A[1];
  else
    u[0] = A[1], u[1] = -A[0], u[2] = 0;
  v[0] = A[1] * u[2] - A[2] * u[1];
  v[1] = A[2] * u[0] - A[0] * u[2];
  v[2] = A[0] * u[1] - A[1] * u[0];
  for (guint i = 0; i < n; i++)
    {
      double du = 0, dv = 0;

      for (guint j = 0; j < 3; j++)
        {
          du += (pts[i].q[j] - c[j]) * u[j];
          dv += (pts[i].q[j] - c[j]) * v[j];
        }
      pts[i].ang = atan2 (dv, du);
    }
  qsort (pts, n, sizeof (PlanePoint), cmp_angle);
  return n;
}

/* ---- drawing ------------------------------------------------------------ */

static double
point_radius (PsPlotCtx          *ctx,
              const PsHiddenData *d)
{
  double r = ctx->fs * 0.5;

  /* many samples: smaller dots */
  if (d->n_points > 200)
    r *= 0.6;
  if (d->n_points > 2000)
    r *= 0.6;
  return MAX (r, 1.5);
}

static void
draw_point (cairo_t           *cr,
            double             x,
            double             y,
            double             r,
            const PsPlotColor *c)
{
  cairo_new_path (cr);
  cairo_arc (cr, x, y, r + 1, 0, 2 * G_PI);
  cairo_set_source_rgba (cr, 0.12, 0.13, 0.16, 0.9);
  cairo_fill (cr);
  cairo_arc (cr, x, y, r - 0.2, 0, 2 * G_PI);
  ps_plot_set_color (cr, c);
  cairo_fill (cr);
}

static void
draw_legend (PsPlotCtx          *ctx,
             const PsHiddenData *d,
             const Layout       *l)
{
  cairo_t *cr = ctx->cr;
  double y = l->legend.y, lh, sw = ctx->fs * 1.6;
  char buf[128];

  ps_plot_text_size (ctx, PS_FONT_SMALL, "Ag", NULL, &lh);
  if (!l->legend_outside)
    {
      cairo_rectangle (cr, l->legend.x - ctx->pad * 0.5, l->legend.y - ctx->pad * 0.5,
                       l->legend.w + ctx->pad, l->legend.h + ctx->pad * 0.5);
      cairo_set_source_rgba (cr, 1, 1, 1, 0.85);
      cairo_fill (cr);
    }
  for (guint k = 0; k < n_classes (d); k++)
    {
      PsPlotColor c;

      ps_plot_class_color (k, &c);
      draw_point (cr, l->legend.x + sw / 2, y + lh / 2, ctx->fs * 0.4, &c);
      class_label (d, k, buf, sizeof buf);
      ps_plot_text (ctx, PS_FONT_SMALL, buf, l->legend.x + sw + ctx->pad * 0.5, y + lh / 2, 0, 0.5, &ps_plot_ink);
      y += lh + ctx->pad * 0.5;
    }
  if (d->has_plane)
    {
      cairo_save (cr);
      cairo_set_line_width (cr, 2);
      ps_plot_set_color (cr, &ps_plot_ink);
      cairo_move_to (cr, l->legend.x, y + lh / 2);
      cairo_line_to (cr, l->legend.x + sw, y + lh / 2);
      cairo_stroke (cr);
      cairo_restore (cr);
      ps_plot_text (ctx, PS_FONT_SMALL, dims_of (d) == 3 ? _("decision plane") : _("decision line"),
                    l->legend.x + sw + ctx->pad * 0.5, y + lh / 2, 0, 0.5, &ps_plot_ink);
    }
}

/* Samples a hidden layer maps to one spot (XOR's (0, 1) and (1, 0) in a
 * trained [2,2,1]) would read as one: "×k" beside the first of each group
 * of k whose dots all but cover each other (for up to 400 samples;
 * beyond, it is a cloud). */
static void
draw_multiplicity (PsPlotCtx    *ctx,
                   const double *sx,
                   const double *sy,
                   gsize         n,
                   double        r)
{
  if (n > 400)
    return;
  for (gsize i = 0; i < n; i++)
    {
      guint k = 1;
      gboolean first = TRUE;
      char buf[32];

      if (!isfinite (sx[i]))
        continue;
      for (gsize j = 0; j < n && first; j++)
        if (j != i && hypot (sx[j] - sx[i], sy[j] - sy[i]) < r * 0.6)
          {
            if (j < i)
              first = FALSE;
            k++;
          }
      if (!first || k < 2)
        continue;
      g_snprintf (buf, sizeof buf, "×%u", k);
      ps_plot_text (ctx, PS_FONT_SMALL, buf, sx[i] + r + 3, sy[i] - r, 0, 0.5, &ps_plot_ink);
    }
}

/* Data (h₁, h₂) to the 2-D frame. */
static void
to_frame (const Layout *l,
          double        x,
          double        y,
          double       *px,
          double       *py)
{
  *px = ps_map (x, l->lo[0], l->hi[0], l->frame.x, l->frame.x + l->frame.w);
  *py = ps_map (y, l->lo[1], l->hi[1], l->frame.y + l->frame.h, l->frame.y);
}

/* 2-D: the class-1 side of the line tinted, the line drawn. The frame's
 * corners clipped to a·h + c ≥ 0 (one Sutherland–Hodgman pass). */
static void
draw_line_2d (PsPlotCtx          *ctx,
              const PsHiddenData *d,
              const Layout       *l)
{
  cairo_t *cr = ctx->cr;
  double cx[4] = { l->lo[0], l->hi[0], l->hi[0], l->lo[0] };
  double cy[4] = { l->lo[1], l->lo[1], l->hi[1], l->hi[1] };
  double a = d->plane[0], b = d->plane[1], c = d->plane[2];
  double poly[8][2], seg[2][2];
  guint n = 0, ns = 0;
  PsPlotColor col;

  if (!(a != 0 || b != 0))
    return;
  for (guint i = 0; i < 4; i++)
    {
      guint j = (i + 1) % 4;
      double fi = a * cx[i] + b * cy[i] + c, fj = a * cx[j] + b * cy[j] + c;

      if (fi >= 0)
        {
          poly[n][0] = cx[i];
          poly[n][1] = cy[i];
          n++;
        }
      if ((fi >= 0) != (fj >= 0) && fi != fj)
        {
          double t = fi / (fi - fj);

          poly[n][0] = cx[i] + t * (cx[j] - cx[i]);
          poly[n][1] = cy[i] + t * (cy[j] - cy[i]);
          if (ns < 2)
            {
              seg[ns][0] = poly[n][0];
              seg[ns][1] = poly[n][1];
              ns++;
            }
          n++;
        }
    }
  cairo_save (cr);
  cairo_rectangle (cr, l->frame.x, l->frame.y, l->frame.w, l->frame.h);
  cairo_clip (cr);
  if (n >= 3)
    {
      ps_plot_class_color (1, &col);
      ps_plot_set_color_alpha (cr, &col, 0.16);
      for (guint i = 0; i < n; i++)
        {
          double px, py;

          to_frame (l, poly[i][0], poly[i][1], &px, &py);
          if (i == 0)
            cairo_move_to (cr, px, py);
          else
            cairo_line_to (cr, px, py);
        }
      cairo_close_path (cr);
      cairo_fill (cr);
    }
  /* the other side in class 0's colour: both regions read as classes */
  ps_plot_class_color (0, &col);
  ps_plot_set_color_alpha (cr, &col, 0.16);
  cairo_rectangle (cr, l->frame.x, l->frame.y, l->frame.w, l->frame.h);
  for (guint i = 0; n >= 3 && i < n; i++)
    {
      double px, py;

      to_frame (l, poly[n - 1 - i][0], poly[n - 1 - i][1], &px, &py);
      if (i == 0)
        cairo_move_to (cr, px, py);
      else
        cairo_line_to (cr, px, py);
    }
  if (n >= 3)
    cairo_close_path (cr);
  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
  cairo_fill (cr);
  if (ns == 2)
    {
      double x0, y0, x1, y1;

      to_frame (l, seg[0][0], seg[0][1], &x0, &y0);
      to_frame (l, seg[1][0], seg[1][1], &x1, &y1);
      cairo_set_line_width (cr, MAX (2.0, ctx->fs * 0.18));
      ps_plot_set_color (cr, &ps_plot_ink);
      cairo_move_to (cr, x0, y0);
      cairo_line_to (cr, x1, y1);
      cairo_stroke (cr);
    }
  cairo_restore (cr);
}

static void
draw_2d (PsPlotCtx          *ctx,
         const PsHiddenData *d,
         const Layout       *l)
{
  cairo_t *cr = ctx->cr;
  double r = point_radius (ctx, d);

  ps_plot_set_color (cr, &ps_plot_panel);
  cairo_rectangle (cr, l->frame.x, l->frame.y, l->frame.w, l->frame.h);
  cairo_fill (cr);
  ps_plot_axes_draw (ctx, &l->frame, &l->xt, &l->yt, axis_name (d, 0), axis_name (d, 1), !d->has_plane);
  if (d->has_plane)
    draw_line_2d (ctx, d, l);
  cairo_save (cr);
  cairo_rectangle (cr, l->frame.x - r - 2, l->frame.y - r - 2, l->frame.w + 2 * r + 4, l->frame.h + 2 * r + 4);
  cairo_clip (cr);
  for (gsize i = 0; i < d->n_points; i++)
    {
      const float *p = d->points + i * d->dims;
      PsPlotColor c;
      double px, py;

      if (!isfinite (p[0]) || !isfinite (p[1]))
        continue;
      ps_plot_class_color (d->labels[i], &c);
      to_frame (l, p[0], p[1], &px, &py);
      draw_point (cr, px, py, r, &c);
    }
  cairo_restore (cr);
  if (d->n_points <= 400)
    {
      double sx[400], sy[400];

      for (gsize i = 0; i < d->n_points; i++)
        {
          const float *p = d->points + i * d->dims;

          if (isfinite (p[0]) && isfinite (p[1]))
            to_frame (l, p[0], p[1], &sx[i], &sy[i]);
          else
            sx[i] = sy[i] = NAN;
        }
      draw_multiplicity (ctx, sx, sy, d->n_points, r);
    }
}

typedef struct
{
  double sx, sy, depth;
  guint32 label;
} Proj;

static int
cmp_depth (const void *a,
           const void *b)
{
  double x = ((const Proj *) a)->depth, y = ((const Proj *) b)->depth;

  return (x > y) - (x < y);
}

static void
draw_points_3d (PsPlotCtx    *ctx,
                const Proj   *p,
                gsize         n,
                double        r)
{
  for (gsize i = 0; i < n; i++)
    {
      PsPlotColor c;

      ps_plot_class_color (p[i].label, &c);
      /* nearer points a little larger: depth reads without shading */
      draw_point (ctx->cr, p[i].sx, p[i].sy, r * (1 + 0.15 * p[i].depth), &c);
    }
}

static void
draw_3d (PsPlotCtx          *ctx,
         const PsHiddenData *d,
         const Layout       *l)
{
  cairo_t *cr = ctx->cr;
  g_autofree Proj *proj = g_new (Proj, MAX (d->n_points, 1));
  double r = point_radius (ctx, d);
  gsize n = 0, n_far;
  double A[3], C;
  PlanePoint poly[12];
  guint np = 0;

  /* the cube's edges, the back ones lighter */
  cairo_save (cr);
  cairo_set_line_width (cr, 1);
  for (guint e = 0; e < 12; e++)
    {
      double q0[3], q1[3], x0, y0, x1, y1, d0, d1;

      corner (cube_edges[e][0], q0);
      corner (cube_edges[e][1], q1);
      project (d, l, q0, &x0, &y0, &d0);
      project (d, l, q1, &x1, &y1, &d1);
      ps_plot_set_color_alpha (cr, &ps_plot_ink_soft, d0 + d1 < 0 ? 0.35 : 0.8);
      cairo_move_to (cr, x0, y0);
      cairo_line_to (cr, x1, y1);
      cairo_stroke (cr);
    }
  cairo_restore (cr);

  /* the axes: the three edges from the corner (lo, lo, lo), named beside
   * their middle (pushed away from the cube's centre), the largest value
   * past their far end, the smallest once at the corner when they agree */
  for (guint j = 0; j < 3; j++)
    {
      double q0[3] = { -1, -1, -1 }, q1[3] = { -1, -1, -1 }, x0, y0, x1, y1, mx, my, dx, dy, len;
      char hi[32];

      q1[j] = 1;
      project (d, l, q0, &x0, &y0, NULL);
      project (d, l, q1, &x1, &y1, NULL);
      cairo_save (cr);
      cairo_set_line_width (cr, 2);
      ps_plot_set_color (cr, &ps_plot_ink);
      cairo_move_to (cr, x0, y0);
      cairo_line_to (cr, x1, y1);
      cairo_stroke (cr);
      cairo_restore (cr);
      mx = (x0 + x1) / 2;
      my = (y0 + y1) / 2;
      dx = mx - l->cx;
      dy = my - l->cy;
      len = MAX (hypot (dx, dy), 1);
      ps_plot_text (ctx, PS_FONT_LABEL, axis_name (d, j),
                    mx + dx / len * ctx->fs * 1.3, my + dy / len * ctx->fs * 1.3, 0.5, 0.5, &ps_plot_ink);
      dx = x1 - x0;
      dy = y1 - y0;
      len = MAX (hypot (dx, dy), 1);
      ps_plot_format_number (l->hi[j], 3, 3, hi, sizeof hi);
      ps_plot_text (ctx, PS_FONT_TICK, hi, x1 + dx / len * ctx->fs * 0.9, y1 + dy / len * ctx->fs * 0.9,
                    0.5, 0.5, &ps_plot_ink_soft);
    }
  if (l->lo[0] == l->lo[1] && l->lo[1] == l->lo[2])
    {
      double q0[3] = { -1, -1, -1 }, x0, y0;
      char lo[32];

      project (d, l, q0, &x0, &y0, NULL);
      ps_plot_format_number (l->lo[0], 3, 3, lo, sizeof lo);
      ps_plot_text (ctx, PS_FONT_TICK, lo, x0 - ctx->fs * 0.4, y0 + ctx->fs * 0.2,
                    1, 0, &ps_plot_ink_soft);
    }

  for (gsize i = 0; i < d->n_points; i++)
    {
      const float *p = d->points + i * 3;
      double q[3];

      if (!isfinite (p[0]) || !isfinite (p[1]) || !isfinite (p[2]))
        continue;
      normalise (l, p, q);
      project (d, l, q, &proj[n].sx, &proj[n].sy, &proj[n].depth);
      proj[n].label = d->labels[i];
      n++;
    }
  qsort (proj, n, sizeof (Proj), cmp_depth);
  for (n_far = 0; n_far < n && proj[n_far].depth < 0; n_far++)
    ;

  if (d->has_plane)
    {
      plane_normalised (d, l, A, &C);
      np = plane_polygon (A, C, poly);
    }
  draw_points_3d (ctx, proj, n_far, r);
  if (np >= 3)
    {
      cairo_save (cr);
      for (guint i = 0; i < np; i++)
        {
          double sx, sy;

          project (d, l, poly[i].q, &sx, &sy, NULL);
          if (i == 0)
            cairo_move_to (cr, sx, sy);
          else
            cairo_line_to (cr, sx, sy);
        }
      cairo_close_path (cr);
      cairo_set_source_rgba (cr, 0.35, 0.37, 0.42, 0.22);
      cairo_fill_preserve (cr);
      cairo_set_line_width (cr, MAX (1.5, ctx->fs * 0.14));
      ps_plot_set_color_alpha (cr, &ps_plot_ink, 0.85);
      cairo_stroke (cr);
      cairo_restore (cr);
    }
  draw_points_3d (ctx, proj + n_far, n - n_far, r);
  if (n <= 400)
    {
      double sx[400], sy[400];

      for (gsize i = 0; i < n; i++)
        {
          sx[i] = proj[i].sx;
          sy[i] = proj[i].sy;
        }
      draw_multiplicity (ctx, sx, sy, n, r * 1.15);
    }
}

/**
 * ps_plot_hidden:
 * @data: the points at the layer's activations, their classes, the plane
 *
 * dims 2 draws a plane, dims 3 a turned cube; the caller picks which
 * units of a wider layer are shown.
 */
void
ps_plot_hidden (cairo_t            *cr,
                double              width,
                double              height,
                const PsHiddenData *d)
{
  PsPlotCtx ctx;
  Layout l;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (d != NULL);

  ps_plot_ctx_begin (&ctx, cr, width, height);
  if (d->n_points == 0 || d->points == NULL || d->labels == NULL || (d->dims != 2 && d->dims != 3))
    {
      ps_plot_no_data_page (&ctx, d->title, _("No hidden layer to show"));
      ps_plot_ctx_end (&ctx);
      return;
    }
  compute_layout (&ctx, d, &l);
  if (d->dims == 2)
    draw_2d (&ctx, d, &l);
  else
    draw_3d (&ctx, d, &l);
  draw_legend (&ctx, d, &l);
  if (d->note != NULL)
    ps_plot_text (&ctx, PS_FONT_SMALL, d->note, ctx.width / 2, ctx.height - ctx.pad * 0.5,
                  0.5, 1, &ps_plot_ink_soft);
  ps_plot_ctx_end (&ctx);
}

gboolean
ps_plot_hidden_point_position (double              width,
                               double              height,
                               const PsHiddenData *d,
                               gsize               i,
                               double             *x,
                               double             *y)
{
  PsPlotCtx ctx;
  Layout l;
  const float *p;

  g_return_val_if_fail (d != NULL && x != NULL && y != NULL, FALSE);

  if (i >= d->n_points || d->points == NULL || (d->dims != 2 && d->dims != 3))
    return FALSE;
  p = d->points + i * d->dims;
  ps_plot_measure_begin (&ctx, width, height);
  compute_layout (&ctx, d, &l);
  ps_plot_ctx_end (&ctx);
  if (d->dims == 2)
    to_frame (&l, p[0], p[1], x, y);
  else
    {
      double q[3];

      normalise (&l, p, q);
      project (d, &l, q, x, y, NULL);
    }
  return isfinite (*x) && isfinite (*y);
}
