/* ps-plot-boundary.c: 2-D decision boundary with data points
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The model's output grid is painted as one small image (a pixel per grid
 * cell) scaled onto the frame, so a 200×200 grid costs one image draw. The
 * shading goes from a class colour tint through white at P = 0.5 to the other
 * class tint; the P = 0.5 contour comes from marching squares on the grid.
 */
#include "config.h"

#include "ps-plot-private.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#define TINT_MAX 0.52          /* strongest class tint of the shading */
#define TINT_DISCRETE 0.40

typedef struct
{
  PsRect   frame;
  PsTicks  xt, yt;
  gboolean legend_outside;
  PsRect   legend;
  double   top;
} Layout;

static guint
n_classes_of (const PsBoundaryData *d)
{
  guint k = d->n_classes;

  if (d->grid != NULL || k < 2)
    k = MAX (k, 2);
  return k;
}

static const char *
class_name (const PsBoundaryData *d,
            guint                 k,
            char                 *buf,
            gsize                 len)
{
  if (d->class_names && d->class_names[k])
    return d->class_names[k];
  g_snprintf (buf, len, _("Class %u"), k);
  return buf;
}

/* s^0.7 (confidence → tint) by table: pow () per cell was a visible cost. */
static double
conf_curve (double s)
{
  static float lut[1025];
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      for (int i = 0; i <= 1024; i++)
        lut[i] = (float) pow (i / 1024.0, 0.7);
      g_once_init_leave (&done, 1);
    }
  return lut[(int) (CLAMP (s, 0.0, 1.0) * 1024 + 0.5)];
}

/* Colour of one grid cell; the tests probe exactly this. */
static PsPlotColor
cell_color (const PsBoundaryData *d,
            gsize                 i,
            guint                 k)
{
  static const PsPlotColor white = { 1, 1, 1, 1 };
  PsPlotColor base;
  double s, tint;
  guint cls;

  if (d->grid)
    {
      double p = d->grid[i];

      if (!isfinite (p))
        return white;
      p = CLAMP (p, 0.0, 1.0);
      cls = p >= 0.5 ? 1 : 0;
      s = fabs (2 * p - 1);
    }
  else
    {
      double conf = d->confidence ? d->confidence[i] : 1.0;

      cls = d->class_grid[i];
      if (!isfinite (conf))
        conf = 0;
      s = CLAMP ((conf - 1.0 / k) / (1.0 - 1.0 / k), 0.0, 1.0);
    }
  ps_plot_class_color (cls, &base);
  if (d->discretize)
    tint = TINT_DISCRETE;
  else if (d->grid)
    tint = TINT_MAX * conf_curve (s);
  else
    tint = 0.1 + (TINT_MAX - 0.1) * conf_curve (s);
  return ps_plot_color_mix (&white, &base, tint);
}

static void
legend_size (PsPlotCtx            *ctx,
             const PsBoundaryData *d,
             double               *w,
             double               *h)
{
  double lh, maxw = 0, tw;
  guint k = n_classes_of (d);
  guint rows = 0;
  char buf[64];

  for (guint c = 0; c < k; c++)
    {
      ps_plot_text_size (ctx, PS_FONT_SMALL, class_name (d, c, buf, sizeof buf), &tw, &lh);
      maxw = MAX (maxw, tw);
      rows++;
    }
  if (d->show_test && d->n_test_points > 0)
    {
      ps_plot_text_size (ctx, PS_FONT_SMALL, _("test (hollow)"), &tw, NULL);
      maxw = MAX (maxw, tw);
      rows++;
    }
  if (d->grid || d->class_grid)
    {
      ps_plot_text_size (ctx, PS_FONT_SMALL, d->grid ? _("P = 0.5") : _("boundary"), &tw, NULL);
      maxw = MAX (maxw, tw);
      rows++;
    }
  if (d->n_lines > 0)
    {
      ps_plot_text_size (ctx, PS_FONT_SMALL, _("w·x + b = 0"), &tw, NULL);
      maxw = MAX (maxw, tw);
      rows++;
    }
  *w = ctx->fs * 1.6 + ctx->pad + maxw;
  *h = rows * (lh + ctx->pad * 0.5);
}

static void
compute_layout (PsPlotCtx            *ctx,
                const PsBoundaryData *d,
                Layout               *l)
{
  double left, bottom, lw, lh, right, cbw = 0;
  double xr = d->x_max - d->x_min, yr = d->y_max - d->y_min;
  PsRect area;
  guint maxt;

  l->top = ps_plot_title (ctx, d->title);
  legend_size (ctx, d, &lw, &lh);
  if (d->grid && !d->discretize)
    cbw = ps_plot_colorbar_width (ctx, 0, 1, "P");
  l->legend_outside = MAX (lw, cbw) + ctx->pad * 3 <= ctx->width * 0.3;
  right = l->legend_outside ? MAX (lw, cbw) + ctx->pad * 3 : ctx->pad * 1.5;

  maxt = CLAMP ((guint) ((ctx->height - l->top) / (ctx->fs * 3.5)), 3, 9);
  ps_ticks_compute (&l->yt, d->y_min, d->y_max, maxt, FALSE, FALSE);
  l->yt.lo = d->y_min;
  l->yt.hi = d->y_max;
  ps_plot_axes_margins (ctx, &l->yt, "x₁", "x₂", &left, &bottom);

  area.x = ctx->pad + left;
  area.y = l->top + ctx->pad * 0.3;
  area.w = MAX (ctx->width - area.x - right, 10);
  area.h = MAX (ctx->height - area.y - bottom, 10);
  l->frame = area;

  /* Equal scale on both axes when the ranges are comparable (a circle looks
   * like a circle); otherwise fill the area. */
  if (xr > 0 && yr > 0 && xr / yr < 3 && yr / xr < 3)
    {
      double s = MIN (area.w / xr, area.h / yr);

      l->frame.w = xr * s;
      l->frame.h = yr * s;
      l->frame.x = area.x + (area.w - l->frame.w) / 2;
      l->frame.y = area.y + (area.h - l->frame.h) / 2;
    }
  /* Whole pixels: clips to the frame stay cheap and edges crisp. */
  l->frame.x = round (l->frame.x);
  l->frame.y = round (l->frame.y);
  l->frame.w = round (l->frame.w);
  l->frame.h = round (l->frame.h);
  maxt = CLAMP ((guint) (l->frame.w / (ctx->fs * 4.5)), 3, 10);
  ps_ticks_compute (&l->xt, d->x_min, d->x_max, maxt, FALSE, FALSE);
  l->xt.lo = d->x_min;
  l->xt.hi = d->x_max;
  maxt = CLAMP ((guint) (l->frame.h / (ctx->fs * 3.5)), 3, 9);
  ps_ticks_compute (&l->yt, d->y_min, d->y_max, maxt, FALSE, FALSE);
  l->yt.lo = d->y_min;
  l->yt.hi = d->y_max;

  l->legend.w = MAX (lw, cbw);
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
      l->legend.w = lw + ctx->pad;
    }
}

static void
draw_shading (PsPlotCtx            *ctx,
              const PsBoundaryData *d,
              const Layout         *l)
{
  cairo_surface_t *img;
  cairo_pattern_t *pat;
  cairo_matrix_t m;
  guint32 *px;
  int stride;
  guint k = n_classes_of (d);
  guint rows = d->grid_rows, cols = d->grid_cols;

  img = ps_plot_image_new (cols, rows, &px, &stride);
  if (img == NULL)
    return;
  for (guint r = 0; r < rows; r++)
    for (guint c = 0; c < cols; c++)
      {
        PsPlotColor col = cell_color (d, (gsize) r * cols + c, k);

        px[r * stride + c] = 0xff000000u
                             | (guint32) (col.r * 255 + 0.5) << 16
                             | (guint32) (col.g * 255 + 0.5) << 8
                             | (guint32) (col.b * 255 + 0.5);
      }
  cairo_surface_mark_dirty (img);

  pat = cairo_pattern_create_for_surface (img);
  cairo_matrix_init_scale (&m, cols / l->frame.w, rows / l->frame.h);
  cairo_matrix_translate (&m, -l->frame.x, -l->frame.y);
  cairo_pattern_set_matrix (pat, &m);
  cairo_pattern_set_extend (pat, CAIRO_EXTEND_PAD);
  cairo_pattern_set_filter (pat, (cols > l->frame.w || rows > l->frame.h)
                                 ? CAIRO_FILTER_GOOD : CAIRO_FILTER_BILINEAR);
  cairo_save (ctx->cr);
  cairo_rectangle (ctx->cr, l->frame.x, l->frame.y, l->frame.w, l->frame.h);
  cairo_set_source (ctx->cr, pat);
  cairo_fill (ctx->cr);
  cairo_restore (ctx->cr);
  cairo_pattern_destroy (pat);
  cairo_surface_destroy (img);
}

/* Marching squares for the level `iso` of a rows × cols field sampled at
 * cell centres. Segments are chained into polylines (each grid edge is
 * shared by at most two segments), so the contour strokes as a few long
 * paths with proper joins instead of thousands of capped pieces. */
typedef struct
{
  guint  a, b;                 /* grid edge ids of the two ends */
  double xa, ya, xb, yb;
} Segment;

static guint
edge_neighbour (const gint *first,
                const gint *second,
                guint       e,
                gint        not_seg)
{
  if (first[e] >= 0 && first[e] != not_seg)
    return (guint) first[e];
  if (second[e] >= 0 && second[e] != not_seg)
    return (guint) second[e];
  return G_MAXUINT;
}

/* One field to trace: values sampled at the cell centres of `frame`. */
typedef struct
{
  const float  *v;
  guint         rows, cols;
  const PsRect *frame;
  double        cw, ch;        /* cell size on screen */
  double        iso;
} Field;

/* The square between cell centres (r, c) and (r + 1, c + 1). Corners: 0
 * top-left, 1 top-right, 2 bottom-right, 3 bottom-left; edge e joins
 * corner e and corner (e + 1) % 4. */
typedef struct
{
  double   v[4];
  double   ex[4], ey[4];       /* where edge e crosses the level */
  guint    eid[4];             /* grid edge id of edge e */
  gboolean has[4];             /* edge e crosses the level */
  guint    nh;                 /* how many do */
} Square;

/* Marching squares: loads the square at (r, c) and its crossings; FALSE
 * when it has a value that is not finite or lies wholly on one side. */
static gboolean
square_load (const Field *f,
             guint        r,
             guint        c,
             Square      *sq)
{
  guint rows = f->rows, cols = f->cols;
  double iso = f->iso;
  double *v = sq->v;
  double x[4], y[4];
  guint idx = 0;

  v[0] = f->v[(gsize) r * cols + c];
  v[1] = f->v[(gsize) r * cols + c + 1];
  v[2] = f->v[(gsize) (r + 1) * cols + c + 1];
  v[3] = f->v[(gsize) (r + 1) * cols + c];
  if (!isfinite (v[0]) || !isfinite (v[1]) || !isfinite (v[2]) || !isfinite (v[3]))
    return FALSE;
  for (int i = 0; i < 4; i++)
    idx |= (guint) (v[i] >= iso) << i;
  if (idx == 0 || idx == 15)
    return FALSE;
  x[0] = x[3] = f->frame->x + (c + 0.5) * f->cw;
  x[1] = x[2] = x[0] + f->cw;
  y[0] = y[1] = f->frame->y + (r + 0.5) * f->ch;
  y[2] = y[3] = y[0] + f->ch;
  sq->eid[0] = r * cols + c;                          /* horizontal, top */
  sq->eid[2] = (r + 1) * cols + c;                    /* horizontal, bottom */
  sq->eid[3] = rows * cols + r * cols + c;            /* vertical, left */
  sq->eid[1] = rows * cols + r * cols + c + 1;        /* vertical, right */
  sq->nh = 0;
  for (int e = 0; e < 4; e++)
    {
      int a = e, b = (e + 1) % 4;

      sq->has[e] = (v[a] >= iso) != (v[b] >= iso);
      if (sq->has[e])
        {
          double t = (iso - v[a]) / (v[b] - v[a]);

          sq->ex[e] = x[a] + t * (x[b] - x[a]);
          sq->ey[e] = y[a] + t * (y[b] - y[a]);
          sq->nh++;
        }
    }
  return TRUE;
}

static void
append_segment (GArray       *segs,
                const Square *sq,
                int           e0,
                int           e1)
{
  Segment s = { sq->eid[e0], sq->eid[e1], sq->ex[e0], sq->ey[e0], sq->ex[e1], sq->ey[e1] };

  g_array_append_val (segs, s);
}

/* Appends the square's one segment, or two for a saddle. */
static void
square_segments (const Square *sq,
                 double        iso,
                 GArray       *segs)
{
  if (sq->nh == 4)
    {
      /* saddle: pair the edges by the centre value */
      double centre = (sq->v[0] + sq->v[1] + sq->v[2] + sq->v[3]) / 4;
      gboolean join30 = (centre >= iso) != (sq->v[0] >= iso);

      if (join30)
        {
          append_segment (segs, sq, 3, 0);
          append_segment (segs, sq, 1, 2);
        }
      else
        {
          append_segment (segs, sq, 0, 1);
          append_segment (segs, sq, 2, 3);
        }
    }
  else if (sq->nh == 2)
    {
      int e0 = -1, e1 = -1;

      for (int e = 0; e < 4; e++)
        if (sq->has[e])
          {
            if (e0 < 0)
              e0 = e;
            else
              e1 = e;
          }
      append_segment (segs, sq, e0, e1);
    }
}

/* For each grid edge, the (at most two) segments ending on it; -1 for none. */
static void
index_edges (const GArray *segs,
             gsize         n_edges,
             gint        **first,
             gint        **second)
{
  *first = g_new (gint, n_edges);
  *second = g_new (gint, n_edges);
  memset (*first, 0xff, n_edges * sizeof (gint));
  memset (*second, 0xff, n_edges * sizeof (gint));
  for (guint i = 0; i < segs->len; i++)
    {
      const Segment *s = &g_array_index (segs, Segment, i);
      guint ends[2] = { s->a, s->b };

      for (int k = 0; k < 2; k++)
        {
          if ((*first)[ends[k]] < 0)
            (*first)[ends[k]] = (gint) i;
          else
            (*second)[ends[k]] = (gint) i;
        }
    }
}

/* The chain through segment `start`, walked back to a free end (or once
 * around a loop): returns the segment to start from, its free end in *end. */
static guint
chain_start (const GArray *segs,
             const gint   *first,
             const gint   *second,
             const guint8 *done,
             guint         start,
             guint        *end)
{
  guint cur = start, e, steps = 0;

  e = g_array_index (segs, Segment, start).a;
  for (;;)
    {
      guint n = edge_neighbour (first, second, e, (gint) cur);
      const Segment *ns;

      if (n == G_MAXUINT || done[n] || n == start || ++steps > segs->len)
        break;
      ns = &g_array_index (segs, Segment, n);
      e = ns->a == e ? ns->b : ns->a;
      cur = n;
    }
  *end = e;
  return cur;
}

/* Adds the chain from segment `cur`'s end `e` forward to the path as one
 * polyline, marking its segments done. */
static void
chain_path (cairo_t      *cr,
            const GArray *segs,
            const gint   *first,
            const gint   *second,
            guint8       *done,
            guint         cur,
            guint         e)
{
  const Segment *s = &g_array_index (segs, Segment, cur);

  if (s->a == e)
    cairo_move_to (cr, s->xa, s->ya);
  else
    cairo_move_to (cr, s->xb, s->yb);
  for (;;)
    {
      guint n;

      s = &g_array_index (segs, Segment, cur);
      done[cur] = 1;
      if (s->a == e)
        {
          cairo_line_to (cr, s->xb, s->yb);
          e = s->b;
        }
      else
        {
          cairo_line_to (cr, s->xa, s->ya);
          e = s->a;
        }
      n = edge_neighbour (first, second, e, (gint) cur);
      if (n == G_MAXUINT || done[n])
        break;
      cur = n;
    }
}

/* Adds the level `iso` of a rows × cols field to the path of `cr`. */
static void
contour (cairo_t      *cr,
         const float  *v_all,
         guint         rows,
         guint         cols,
         const PsRect *frame,
         double        iso)
{
  Field f = { v_all, rows, cols, frame, frame->w / cols, frame->h / rows, iso };
  g_autoptr(GArray) segs = g_array_new (FALSE, FALSE, sizeof (Segment));
  g_autofree gint *first = NULL;
  g_autofree gint *second = NULL;
  g_autofree guint8 *done = NULL;

  for (guint r = 0; r + 1 < rows; r++)
    for (guint c = 0; c + 1 < cols; c++)
      {
        Square sq;

        if (square_load (&f, r, c, &sq))
          square_segments (&sq, iso, segs);
      }
  if (segs->len == 0)
    return;

  index_edges (segs, (gsize) 2 * rows * cols, &first, &second);
  done = g_new0 (guint8, segs->len);
  for (guint i = 0; i < segs->len; i++)
    {
      guint cur, e;

      if (done[i])
        continue;
      cur = chain_start (segs, first, second, done, i, &e);
      chain_path (cr, segs, first, second, done, cur, e);
    }
}

/* The indicator of class c (1 in its cells, 0 elsewhere) in ind, smoothed
 * by a separable 3×3 box blur clamped at the borders (tmp: scratch of the
 * same size). FALSE when no cell is of class c. */
static gboolean
smooth_indicator (const guint32 *class_grid,
                  guint          rows,
                  guint          cols,
                  guint          c,
                  float         *ind,
                  float         *tmp)
{
  gsize n = (gsize) rows * cols;
  gboolean any = FALSE;

  for (gsize i = 0; i < n; i++)
    {
      ind[i] = class_grid[i] == c;
      any |= ind[i] > 0;
    }
  if (!any)
    return FALSE;
  for (guint r = 0; r < rows; r++)
    for (guint cc = 0; cc < cols; cc++)
      {
        const float *row = ind + (gsize) r * cols;

        tmp[(gsize) r * cols + cc] = (row[cc ? cc - 1 : 0] + row[cc]
                                      + row[cc + 1 < cols ? cc + 1 : cc]) / 3;
      }
  for (guint r = 0; r < rows; r++)
    for (guint cc = 0; cc < cols; cc++)
      ind[(gsize) r * cols + cc] = (tmp[(gsize) (r ? r - 1 : 0) * cols + cc]
                                    + tmp[(gsize) r * cols + cc]
                                    + tmp[(gsize) (r + 1 < rows ? r + 1 : r) * cols + cc]) / 3;
  return TRUE;
}

static void
draw_contours (PsPlotCtx            *ctx,
               const PsBoundaryData *d,
               const Layout         *l)
{
  cairo_t *cr = ctx->cr;
  guint rows = d->grid_rows, cols = d->grid_cols;

  if (rows < 2 || cols < 2)
    return;
  cairo_save (cr);
  cairo_rectangle (cr, l->frame.x, l->frame.y, l->frame.w, l->frame.h);
  cairo_clip (cr);
  cairo_new_path (cr);
  if (d->grid)
    contour (cr, d->grid, rows, cols, &l->frame, 0.5);
  else
    {
      /* One contour per class of its smoothed indicator: class regions are
       * hard-edged, and smoothing turns stair steps into lines. Each
       * boundary is traced from both sides onto the same place. */
      guint k = n_classes_of (d);
      g_autofree float *ind = g_new (float, (gsize) rows * cols);
      g_autofree float *tmp = g_new (float, (gsize) rows * cols);

      for (guint c = 0; c < k; c++)
        if (smooth_indicator (d->class_grid, rows, cols, c, ind, tmp))
          contour (cr, ind, rows, cols, &l->frame, 0.5);
    }
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_width (cr, MAX (1.2, ctx->fs * 0.11));
  cairo_set_source_rgba (cr, 0.18, 0.2, 0.25, 0.75);
  cairo_stroke (cr);
  cairo_restore (cr);
}

/* Clips the line w0·x + w1·y + b = 0 to the data box; returns FALSE if it
 * misses it. Liang–Barsky on the parametric form p0 + t·dir. */
static gboolean
clip_line (const PsBoundaryData *d,
           const float          *line,
           double               *x0,
           double               *y0,
           double               *x1,
           double               *y1)
{
  double w0 = line[0], w1 = line[1], b = line[2];
  double n2 = w0 * w0 + w1 * w1;
  double px, py, dx, dy, t0 = -G_MAXDOUBLE, t1 = G_MAXDOUBLE;
  double p[4], q[4];

  if (!(n2 > 1e-20) || !isfinite (n2) || !isfinite (b))
    return FALSE;
  px = -b * w0 / n2;
  py = -b * w1 / n2;
  dx = -w1;
  dy = w0;
  p[0] = -dx; q[0] = px - d->x_min;
  p[1] = dx;  q[1] = d->x_max - px;
  p[2] = -dy; q[2] = py - d->y_min;
  p[3] = dy;  q[3] = d->y_max - py;
  for (int i = 0; i < 4; i++)
    {
      if (p[i] == 0)
        {
          if (q[i] < 0)
            return FALSE;
          continue;
        }
      if (p[i] < 0)
        t0 = MAX (t0, q[i] / p[i]);
      else
        t1 = MIN (t1, q[i] / p[i]);
    }
  if (t0 >= t1)
    return FALSE;
  *x0 = px + t0 * dx;
  *y0 = py + t0 * dy;
  *x1 = px + t1 * dx;
  *y1 = py + t1 * dy;
  return TRUE;
}

static void
draw_lines (PsPlotCtx            *ctx,
            const PsBoundaryData *d,
            const Layout         *l)
{
  cairo_t *cr = ctx->cr;
  double lw = MAX (1.6, ctx->fs * 0.16);
  double dash[] = { lw * 4, lw * 2 };

  cairo_save (cr);
  cairo_rectangle (cr, l->frame.x, l->frame.y, l->frame.w, l->frame.h);
  cairo_clip (cr);
  for (guint i = 0; i < d->n_lines; i++)
    {
      const float *ln = d->lines + 3 * i;
      double x0, y0, x1, y1, sx0, sy0, sx1, sy1, mx, my, nx, ny, nn, len;

      if (!clip_line (d, ln, &x0, &y0, &x1, &y1))
        {
          /* the perceptron's line always shows: off the view, an arrow at
           * the edge says where it is */
          ps_plot_line_outside_marker (ctx, &l->frame, d->x_min, d->x_max, d->y_min, d->y_max,
                                       ln[0], ln[1], ln[2]);
          continue;
        }
      sx0 = ps_map (x0, d->x_min, d->x_max, l->frame.x, l->frame.x + l->frame.w);
      sx1 = ps_map (x1, d->x_min, d->x_max, l->frame.x, l->frame.x + l->frame.w);
      sy0 = ps_map (y0, d->y_min, d->y_max, l->frame.y + l->frame.h, l->frame.y);
      sy1 = ps_map (y1, d->y_min, d->y_max, l->frame.y + l->frame.h, l->frame.y);
      cairo_set_source_rgb (cr, 0.1, 0.1, 0.12);
      cairo_set_line_width (cr, lw);
      cairo_set_dash (cr, dash, 2, 0);
      cairo_move_to (cr, sx0, sy0);
      cairo_line_to (cr, sx1, sy1);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);

      /* A short arrow from the middle towards the side where the unit fires
       * (w·x + b > 0), in screen space (y flipped). */
      len = hypot (sx1 - sx0, sy1 - sy0);
      if (len < ctx->fs * 3)
        continue;
      mx = (sx0 + sx1) / 2;
      my = (sy0 + sy1) / 2;
      nx = ln[0] * l->frame.w / (d->x_max - d->x_min);
      ny = -ln[1] * l->frame.h / (d->y_max - d->y_min);
      nn = hypot (nx, ny);
      if (!(nn > 0))
        continue;
      nx /= nn;
      ny /= nn;
      {
        double al = ctx->fs * 1.6, ah = ctx->fs * 0.45;
        double tx = mx + nx * al, ty = my + ny * al;

        cairo_move_to (cr, mx, my);
        cairo_line_to (cr, tx - nx * ah, ty - ny * ah);
        cairo_stroke (cr);
        cairo_move_to (cr, tx, ty);
        cairo_line_to (cr, tx - nx * ah * 1.6 - ny * ah, ty - ny * ah * 1.6 + nx * ah);
        cairo_line_to (cr, tx - nx * ah * 1.6 + ny * ah, ty - ny * ah * 1.6 - nx * ah);
        cairo_close_path (cr);
        cairo_fill (cr);
      }
      if (d->n_lines > 1)
        {
          char buf[16];
          static const PsPlotColor dark = { 0.1, 0.1, 0.12, 1 };

          g_snprintf (buf, sizeof buf, "%u", i + 1);
          /* label near the line's start, on the negative side */
          ps_plot_text (ctx, PS_FONT_SMALL, buf,
                        sx0 + (sx1 - sx0) * 0.1 - nx * ctx->fs * 0.8,
                        sy0 + (sy1 - sy0) * 0.1 - ny * ctx->fs * 0.8, 0.5, 0.5, &dark);
        }
    }
  cairo_restore (cr);
}

/* Smaller markers for many points and for small frames. */
static double
point_radius (PsPlotCtx    *ctx,
              const PsRect *frame,
              gsize         n)
{
  double by_n = CLAMP (pow (100.0 / MAX (n, 1), 0.2), 0.55, 1.5);
  double by_size = CLAMP (MIN (frame->w, frame->h) / 380.0, 0.55, 1.0);

  return MAX (2.0, ctx->fs * 0.42 * by_n * by_size);
}

/* Points are drawn as two fills (outline disc, then the colour disc):
 * filling circles is several times cheaper than stroking them in cairo. */
static double
outline_width (double r,
               gboolean hollow)
{
  return hollow ? MAX (1.8, r * 0.45) : MAX (1.0, r * 0.22);
}

static void
draw_point (cairo_t           *cr,
            double             x,
            double             y,
            double             r,
            const PsPlotColor *c,
            gboolean           hollow)
{
  double ow = outline_width (r, hollow);

  /* filled: dark rim + colour; hollow: dark rim + colour ring + white */
  cairo_new_path (cr);
  cairo_arc (cr, x, y, r + ow / 2 + (hollow ? 0.9 : 0), 0, 2 * G_PI);
  cairo_set_source_rgba (cr, 0.12, 0.13, 0.16, 0.9);
  cairo_fill (cr);
  if (hollow)
    {
      cairo_arc (cr, x, y, r + ow / 2, 0, 2 * G_PI);
      ps_plot_set_color (cr, c);
      cairo_fill (cr);
      cairo_arc (cr, x, y, r - ow / 2, 0, 2 * G_PI);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_fill (cr);
    }
  else
    {
      cairo_arc (cr, x, y, r - ow / 2, 0, 2 * G_PI);
      ps_plot_set_color (cr, c);
      cairo_fill (cr);
    }
}

static gboolean
is_vector_target (cairo_t *cr)
{
  switch (cairo_surface_get_type (cairo_get_target (cr)))
    {
    case CAIRO_SURFACE_TYPE_PDF:
    case CAIRO_SURFACE_TYPE_PS:
    case CAIRO_SURFACE_TYPE_SVG:
    case CAIRO_SURFACE_TYPE_SCRIPT:
      return TRUE;
    default:
      return FALSE;
    }
}

/* A pre-rendered marker at device resolution: painting 1000 small images
 * costs far less than filling 1000 circles (about 10× in cairo 1.16). */
static cairo_surface_t *
point_sprite (double             r,
              const PsPlotColor *c,
              gboolean           hollow,
              double             scale,
              double            *half)
{
  double ow = outline_width (r, hollow);
  int size = (int) ceil ((r + ow + 1) * 2 * scale) + 2;
  cairo_surface_t *sp = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, size, size);
  cairo_t *cr = cairo_create (sp);

  cairo_scale (cr, scale, scale);
  *half = size / (2 * scale);
  draw_point (cr, *half, *half, r, c, hollow);
  cairo_destroy (cr);
  cairo_surface_set_device_scale (sp, scale, scale);
  return sp;
}

static void
draw_points (PsPlotCtx            *ctx,
             const PsBoundaryData *d,
             const Layout         *l)
{
  cairo_t *cr = ctx->cr;
  gsize n_all = d->n_points + (d->show_test ? d->n_test_points : 0);
  double r = point_radius (ctx, &l->frame, n_all);
  double m = ceil (r * 2);
  gboolean vector = is_vector_target (cr);
  double sx = 1, sy = 0, scale;

  cairo_user_to_device_distance (cr, &sx, &sy);
  scale = CLAMP (hypot (sx, sy), 0.25, 8.0);

  cairo_save (cr);
  cairo_rectangle (cr, l->frame.x - m, l->frame.y - m, l->frame.w + 2 * m, l->frame.h + 2 * m);
  cairo_clip (cr);
  for (int pass = 0; pass < 2; pass++)
    {
      const float *pts = pass == 0 ? d->points : d->test_points;
      const guint32 *lab = pass == 0 ? d->labels : d->test_labels;
      gsize n = pass == 0 ? d->n_points : d->n_test_points;
      gboolean hollow = pass == 1;
      cairo_surface_t *sprites[10] = { NULL };

      if (pass == 1 && !d->show_test)
        break;
      if (pts == NULL || lab == NULL || n == 0)
        continue;
      for (gsize i = 0; i < n; i++)
        {
          double x = pts[2 * i], y = pts[2 * i + 1];
          PsPlotColor c;
          guint k = lab[i] % 10;  /* the palette repeats after 10 */

          if (!isfinite (x) || !isfinite (y))
            continue;
          x = ps_map (x, d->x_min, d->x_max, l->frame.x, l->frame.x + l->frame.w);
          y = ps_map (y, d->y_min, d->y_max, l->frame.y + l->frame.h, l->frame.y);
          ps_plot_class_color (lab[i], &c);
          if (vector)
            {
              draw_point (cr, x, y, r, &c, hollow);
              continue;
            }
          {
            double half;

            if (sprites[k] == NULL)
              sprites[k] = point_sprite (r, &c, hollow, scale, &half);
            half = cairo_image_surface_get_width (sprites[k]) / (2 * scale);
            /* whole device pixels: the fast path of pixman */
            cairo_user_to_device (cr, &x, &y);
            x = round (x - half * scale);
            y = round (y - half * scale);
            cairo_device_to_user (cr, &x, &y);
            cairo_set_source_surface (cr, sprites[k], x, y);
            cairo_paint (cr);
          }
        }
      for (guint k = 0; k < 10; k++)
        if (sprites[k])
          cairo_surface_destroy (sprites[k]);
    }
  cairo_restore (cr);
}

/* A legend row's marker is centred at sx, its text starts at tx; rows are
 * lh + pad / 2 apart from y on. */
typedef struct
{
  double sx, tx, y, lh, r;
} LegendPen;

static void
legend_text (PsPlotCtx  *ctx,
             LegendPen  *pen,
             const char *text)
{
  ps_plot_text (ctx, PS_FONT_SMALL, text, pen->tx, pen->y, 0, 0.5, &ps_plot_ink);
  pen->y += pen->lh + ctx->pad * 0.5;
}

/* A short horizontal stroke as the row's marker, in the current source. */
static void
legend_stroke (PsPlotCtx       *ctx,
               const LegendPen *pen)
{
  cairo_move_to (ctx->cr, pen->sx - ctx->fs * 0.6, pen->y);
  cairo_line_to (ctx->cr, pen->sx + ctx->fs * 0.6, pen->y);
  cairo_stroke (ctx->cr);
}

/* The rows legend_size measured: classes, hollow test points, the contour,
 * the separating lines. */
static void
legend_rows (PsPlotCtx            *ctx,
             const PsBoundaryData *d,
             LegendPen            *pen)
{
  cairo_t *cr = ctx->cr;
  guint k = n_classes_of (d);
  char buf[64];

  for (guint c = 0; c < k; c++)
    {
      PsPlotColor col;

      ps_plot_class_color (c, &col);
      draw_point (cr, pen->sx, pen->y, pen->r, &col, FALSE);
      legend_text (ctx, pen, class_name (d, c, buf, sizeof buf));
    }
  if (d->show_test && d->n_test_points > 0)
    {
      static const PsPlotColor grey = { 0.4, 0.42, 0.46, 1 };

      draw_point (cr, pen->sx, pen->y, pen->r, &grey, TRUE);
      legend_text (ctx, pen, _("test (hollow)"));
    }
  if (d->grid || d->class_grid)
    {
      cairo_set_source_rgba (cr, 0.18, 0.2, 0.25, 0.75);
      cairo_set_line_width (cr, MAX (1.2, ctx->fs * 0.11));
      legend_stroke (ctx, pen);
      legend_text (ctx, pen, d->grid ? _("P = 0.5") : _("boundary"));
    }
  if (d->n_lines > 0)
    {
      double lw = MAX (1.6, ctx->fs * 0.16);
      double dash[] = { lw * 2.5, lw * 1.5 };

      cairo_set_source_rgb (cr, 0.1, 0.1, 0.12);
      cairo_set_line_width (cr, lw);
      cairo_set_dash (cr, dash, 2, 0);
      legend_stroke (ctx, pen);
      cairo_set_dash (cr, NULL, 0, 0);
      legend_text (ctx, pen, _("w·x + b = 0"));
    }
}

/* Colour bar of the shading below the rows ending at y: P(class 1) from 0
 * to 1 through white, in the shading's own colours (cell_color), so not
 * ps_plot_colorbar's diverging or sequential map. Left out when it would
 * be shorter than 4 lines. */
static void
draw_probability_bar (PsPlotCtx            *ctx,
                      const PsBoundaryData *d,
                      const Layout         *l,
                      double                y,
                      double                lh)
{
  cairo_t *cr = ctx->cr;
  PsRect bar;
  cairo_pattern_t *grad;
  PsTicks t;
  double bw = ctx->fs * 1.1;
  char buf[64];
  char pname[96];

  bar.x = l->legend.x + ctx->fs * 0.15;
  bar.y = y + ctx->pad * 1.5 + lh * 1.5;
  bar.w = bw;
  bar.h = MIN (l->frame.y + l->frame.h - bar.y, ctx->fs * 12);
  if (bar.h < ctx->fs * 4)
    return;
  g_snprintf (pname, sizeof pname, "P(%s)", class_name (d, 1, buf, sizeof buf));
  ps_plot_text (ctx, PS_FONT_SMALL, pname, bar.x, bar.y - lh * 0.5 - ctx->pad * 0.3, 0, 1, &ps_plot_ink);
  grad = cairo_pattern_create_linear (0, bar.y + bar.h, 0, bar.y);
  for (int i = 0; i <= 20; i++)
    {
      PsBoundaryData one = { 0 };
      float p = i / 20.0f;
      PsPlotColor c;

      one.grid = &p;
      c = cell_color (&one, 0, 2);
      cairo_pattern_add_color_stop_rgb (grad, i / 20.0, c.r, c.g, c.b);
    }
  cairo_save (cr);
  cairo_rectangle (cr, bar.x, bar.y, bw, bar.h);
  cairo_set_source (cr, grad);
  cairo_fill_preserve (cr);
  cairo_pattern_destroy (grad);
  ps_plot_set_color_alpha (cr, &ps_plot_ink_soft, 0.8);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);
  /* ticks at 0, 0.5 and 1 only, one decimal */
  ps_ticks_compute (&t, 0, 1, 3, FALSE, FALSE);
  t.n = 0;
  t.v[t.n++] = 0;
  t.v[t.n++] = 0.5;
  t.v[t.n++] = 1;
  t.decimals = 1;
  for (guint i = 0; i < t.n; i++)
    {
      double ty = round (ps_map (t.v[i], 0, 1, bar.y + bar.h, bar.y)) + 0.5;
      char lbl[16];

      cairo_move_to (cr, bar.x + bw, ty);
      cairo_line_to (cr, bar.x + bw + ctx->pad * 0.5, ty);
      cairo_stroke (cr);
      ps_ticks_format (&t, t.v[i], lbl, sizeof lbl);
      ps_plot_text (ctx, PS_FONT_TICK, lbl, bar.x + bw + ctx->pad * 0.9, ty, 0, 0.5, &ps_plot_ink_soft);
    }
  cairo_restore (cr);
}

static void
draw_legend (PsPlotCtx            *ctx,
             const PsBoundaryData *d,
             const Layout         *l)
{
  cairo_t *cr = ctx->cr;
  LegendPen pen;

  pen.r = ctx->fs * 0.38;
  pen.sx = l->legend.x + ctx->fs * 0.7;
  pen.tx = l->legend.x + ctx->fs * 1.6 + ctx->pad * 0.2;
  ps_plot_text_size (ctx, PS_FONT_SMALL, "Ag", NULL, &pen.lh);
  if (!l->legend_outside)
    {
      /* inside the frame: a light backdrop so the rows read on the shading */
      cairo_save (cr);
      cairo_rectangle (cr, l->legend.x - ctx->pad * 0.5, l->legend.y - ctx->pad * 0.4,
                       l->legend.w + ctx->pad * 0.5, l->legend.h + ctx->pad * 0.5);
      cairo_set_source_rgba (cr, 1, 1, 1, 0.85);
      cairo_fill (cr);
      cairo_restore (cr);
    }
  pen.y = l->legend.y + pen.lh / 2;
  cairo_save (cr);
  legend_rows (ctx, d, &pen);
  cairo_restore (cr);

  if (l->legend_outside && d->grid && !d->discretize)
    draw_probability_bar (ctx, d, l, pen.y, pen.lh);
}

static gboolean
has_grid (const PsBoundaryData *d)
{
  return d->grid_rows > 0 && d->grid_cols > 0 && (d->grid != NULL || d->class_grid != NULL);
}

/**
 * ps_plot_boundary:
 * @cr: target
 * @width: @height: size of the area
 * @data: grid, points and lines (borrowed)
 *
 * Grid cells cover the data box uniformly: cell (row, col) spans
 * [x_min + col·dx, x_min + (col + 1)·dx] with dx = (x_max − x_min) / grid_cols,
 * row 0 at the top, so the model should be sampled at cell centres.
 */
void
ps_plot_boundary (cairo_t              *cr,
                  double                width,
                  double                height,
                  const PsBoundaryData *data)
{
  PsPlotCtx ctx;
  Layout l;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (data != NULL);

  ps_plot_ctx_begin (&ctx, cr, width, height);
  if (!(data->x_max > data->x_min) || !(data->y_max > data->y_min)
      || (!has_grid (data) && data->n_points == 0))
    {
      ps_plot_no_data_page (&ctx, data->title, _("No 2-D data to show"));
      ps_plot_ctx_end (&ctx);
      return;
    }

  compute_layout (&ctx, data, &l);
  ps_plot_set_color (cr, &ps_plot_panel);
  cairo_rectangle (cr, l.frame.x, l.frame.y, l.frame.w, l.frame.h);
  cairo_fill (cr);
  if (has_grid (data))
    draw_shading (&ctx, data, &l);
  ps_plot_axes_draw (&ctx, &l.frame, &l.xt, &l.yt, "x₁", "x₂", !has_grid (data));
  if (has_grid (data))
    draw_contours (&ctx, data, &l);
  draw_lines (&ctx, data, &l);
  draw_points (&ctx, data, &l);
  draw_legend (&ctx, data, &l);
  ps_plot_ctx_end (&ctx);
}

/**
 * ps_plot_boundary_to_data:
 * @width: @height: size the plot is drawn at
 * @data: the same data as drawn
 * @px: @py: a position in the drawing area
 * @x: @y: (out): the data coordinates there
 *
 * Returns: %TRUE when (px, py) is inside the plot frame
 */
gboolean
ps_plot_boundary_to_data (double                width,
                          double                height,
                          const PsBoundaryData *data,
                          double                px,
                          double                py,
                          double               *x,
                          double               *y)
{
  PsPlotCtx ctx;
  Layout l;

  g_return_val_if_fail (data != NULL, FALSE);
  if (!(data->x_max > data->x_min) || !(data->y_max > data->y_min))
    return FALSE;
  ps_plot_measure_begin (&ctx, width, height);
  compute_layout (&ctx, data, &l);
  ps_plot_ctx_end (&ctx);
  if (x)
    *x = ps_map (px, l.frame.x, l.frame.x + l.frame.w, data->x_min, data->x_max);
  if (y)
    *y = ps_map (py, l.frame.y + l.frame.h, l.frame.y, data->y_min, data->y_max);
  return px >= l.frame.x && px <= l.frame.x + l.frame.w
         && py >= l.frame.y && py <= l.frame.y + l.frame.h;
}
