/* ps-plot-weights.c: weight heatmap of a layer, and first-layer image tiles
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * W is drawn as a matrix (inputs down, units across, as in the notebook's
 * X·W) through one image surface: a big matrix is first averaged down to at
 * most one value per device pixel, then scaled up with nearest-neighbour
 * sampling so cells stay crisp. Colours are symmetric about zero.
 */
#include "config.h"

#include "ps-plot-private.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

typedef struct
{
  PsRect  frame;               /* the matrix */
  PsRect  bar;                 /* the colour bar */
  PsTicks xt, yt;
  double  vmax;
} HeatLayout;

static double
max_abs (const float *w,
         gsize        n)
{
  double m = 0;

  for (gsize i = 0; i < n; i++)
    if (isfinite (w[i]) && fabs (w[i]) > m)
      m = fabs (w[i]);
  return m > 0 ? m : 1.0;
}

static guint32
lut_color (const guint32 *lut,
           double         v,
           double         vmax)
{
  double t;

  if (!isfinite (v))
    return 0xffb0b0b0u;        /* NaN/Inf: neutral grey */
  t = CLAMP (v / vmax, -1.0, 1.0);
  return lut[(int) lround (t * 128) + 128];
}

/* Integer ticks on 1..n; every index when there are few. */
static void
index_ticks (PsTicks *t,
             guint    n,
             double   pixels,
             double   fs)
{
  if (n <= 12 && pixels / n >= fs * 1.6)
    {
      memset (t, 0, sizeof *t);
      for (guint i = 1; i <= n; i++)
        t->v[t->n++] = i;
      t->decimals = 0;
    }
  else
    ps_ticks_compute (t, 1, n, CLAMP ((guint) (pixels / (fs * 4)), 2, 10), TRUE, FALSE);
  /* cell i (1-based) is centred at i; the frame spans 0.5 .. n + 0.5 */
  t->lo = 0.5;
  t->hi = n + 0.5;
}

static void
heat_layout (PsPlotCtx   *ctx,
             const float *w,
             guint        rows,
             guint        cols,
             const char  *title,
             HeatLayout  *l)
{
  double top, left, bottom, cbw, fw, fh;
  g_autofree char *xl = g_strdup_printf (_("unit (%u)"), cols);
  g_autofree char *yl = g_strdup_printf (_("input (%u)"), rows);
  PsTicks probe;

  l->vmax = max_abs (w, (gsize) rows * cols);
  top = ps_plot_title (ctx, title);
  cbw = ps_plot_colorbar_width (ctx, -l->vmax, l->vmax, _("weight"));

  /* y tick labels are at most as wide as the largest index */
  ps_ticks_compute (&probe, 1, rows, 8, TRUE, FALSE);
  probe.n = 1;
  probe.v[0] = rows;
  ps_plot_axes_margins (ctx, &probe, xl, yl, &left, &bottom);

  l->frame.x = ctx->pad + left;
  l->frame.y = top + ctx->pad * 0.3;
  fw = ctx->width - l->frame.x - cbw - ctx->pad * 3.5;
  fh = ctx->height - l->frame.y - bottom;
  fw = MAX (fw, 10);
  fh = MAX (fh, 10);
  /* Small matrices get square cells; big ones fill the area. */
  if (rows <= 40 && cols <= 40)
    {
      double cell = MIN (fw / cols, fh / rows);

      cell = floor (MIN (cell, ctx->fs * 10));
      l->frame.w = cell * cols;
      l->frame.h = cell * rows;
      l->frame.x = round (l->frame.x + (fw - l->frame.w) / 2);
      l->frame.y = round (l->frame.y + (fh - l->frame.h) / 2);
    }
  else
    {
      l->frame.w = fw;
      l->frame.h = fh;
    }
  index_ticks (&l->xt, cols, l->frame.w, ctx->fs);
  index_ticks (&l->yt, rows, l->frame.h, ctx->fs);

  l->bar.x = l->frame.x + l->frame.w + ctx->pad * 2;
  l->bar.y = l->frame.y;
  l->bar.w = cbw;
  /* the bar keeps a readable height even next to a 1-row matrix */
  l->bar.h = MAX (l->frame.h, MIN (ctx->fs * 10, fh));
  l->bar.y = MAX (top + ctx->pad * 0.3, l->frame.y + (l->frame.h - l->bar.h) / 2);
}

/* Image of the matrix with at most max_w × max_h pixels (block averages),
 * or NULL when cairo cannot make it. */
static cairo_surface_t *
matrix_image (const float *w,
              guint        rows,
              guint        cols,
              guint        max_w,
              guint        max_h,
              double       vmax)
{
  const guint32 *lut = ps_plot_diverging_lut ();
  guint iw = MIN (cols, MAX (max_w, 1));
  guint ih = MIN (rows, MAX (max_h, 1));
  guint32 *px;
  int stride;
  cairo_surface_t *img = ps_plot_image_new (iw, ih, &px, &stride);

  if (img == NULL)
    return NULL;
  if (iw == cols && ih == rows)
    {
      for (guint r = 0; r < rows; r++)
        for (guint c = 0; c < cols; c++)
          px[r * stride + c] = lut_color (lut, w[(gsize) r * cols + c], vmax);
    }
  else
    {
      for (guint y = 0; y < ih; y++)
        {
          guint r0 = (guint) ((guint64) y * rows / ih);
          guint r1 = MAX ((guint) ((guint64) (y + 1) * rows / ih), r0 + 1);

          for (guint x = 0; x < iw; x++)
            {
              guint c0 = (guint) ((guint64) x * cols / iw);
              guint c1 = MAX ((guint) ((guint64) (x + 1) * cols / iw), c0 + 1);
              double sum = 0;
              guint cnt = 0;

              for (guint r = r0; r < r1; r++)
                for (guint c = c0; c < c1; c++)
                  {
                    float v = w[(gsize) r * cols + c];

                    if (isfinite (v))
                      {
                        sum += v;
                        cnt++;
                      }
                  }
              px[y * stride + x] = cnt ? lut_color (lut, sum / cnt, vmax) : 0xffb0b0b0u;
            }
        }
    }
  cairo_surface_mark_dirty (img);
  return img;
}

static void
paint_image (cairo_t         *cr,
             cairo_surface_t *img,
             const PsRect    *dst)
{
  cairo_pattern_t *pat = cairo_pattern_create_for_surface (img);
  cairo_matrix_t m;
  int iw = cairo_image_surface_get_width (img);
  int ih = cairo_image_surface_get_height (img);

  cairo_matrix_init_scale (&m, iw / dst->w, ih / dst->h);
  cairo_matrix_translate (&m, -dst->x, -dst->y);
  cairo_pattern_set_matrix (pat, &m);
  cairo_pattern_set_extend (pat, CAIRO_EXTEND_PAD);
  cairo_pattern_set_filter (pat, CAIRO_FILTER_NEAREST);
  cairo_save (cr);
  cairo_rectangle (cr, dst->x, dst->y, dst->w, dst->h);
  cairo_set_source (cr, pat);
  cairo_fill (cr);
  cairo_restore (cr);
  cairo_pattern_destroy (pat);
}

/**
 * ps_plot_weights:
 * @cr: target
 * @width: @height: size of the area
 * @w: rows × cols weights, row-major (rows = inputs, cols = units)
 * @title: (nullable): title
 *
 * Diverging heatmap, blue negative, red positive, symmetric about 0 with
 * the scale ±max|w|; small matrices also print each value in its cell.
 */
void
ps_plot_weights (cairo_t     *cr,
                 double       width,
                 double       height,
                 const float *w,
                 guint        rows,
                 guint        cols,
                 const char  *title)
{
  g_autofree char *xl = NULL;
  g_autofree char *yl = NULL;
  cairo_surface_t *img;
  PsPlotCtx ctx;
  HeatLayout l;
  double dev_w, dev_h, ux = 1, uy = 1;

  g_return_if_fail (cr != NULL);

  ps_plot_ctx_begin (&ctx, cr, width, height);
  if (w == NULL || rows == 0 || cols == 0)
    {
      ps_plot_no_data_page (&ctx, title, _("No weights"));
      ps_plot_ctx_end (&ctx);
      return;
    }

  heat_layout (&ctx, w, rows, cols, title, &l);
  xl = g_strdup_printf (_("unit (%u)"), cols);
  yl = g_strdup_printf (_("input (%u)"), rows);

  /* Resolution of the target (a HiDPI widget or a scaled export). */
  cairo_user_to_device_distance (cr, &ux, &uy);
  dev_w = l.frame.w * fabs (ux);
  dev_h = l.frame.h * fabs (uy);
  img = matrix_image (w, rows, cols, (guint) ceil (dev_w), (guint) ceil (dev_h), l.vmax);
  if (img != NULL)
    {
      paint_image (cr, img, &l.frame);
      cairo_surface_destroy (img);
    }

  /* Cell separators and values for small matrices. */
  if (rows * cols <= 400)
    {
      double cw = l.frame.w / cols, ch = l.frame.h / rows;
      double tw, th;
      PsFont font = PS_FONT_LABEL;

      if (cw >= 6 && ch >= 6)
        {
          cairo_save (cr);
          cairo_set_source_rgba (cr, 1, 1, 1, 0.9);
          cairo_set_line_width (cr, 1);
          for (guint c = 1; c < cols; c++)
            {
              cairo_move_to (cr, l.frame.x + c * cw, l.frame.y);
              cairo_line_to (cr, l.frame.x + c * cw, l.frame.y + l.frame.h);
            }
          for (guint r = 1; r < rows; r++)
            {
              cairo_move_to (cr, l.frame.x, l.frame.y + r * ch);
              cairo_line_to (cr, l.frame.x + l.frame.w, l.frame.y + r * ch);
            }
          cairo_stroke (cr);
          cairo_restore (cr);
        }
      ps_plot_text_size (&ctx, font, "\u22120.00", &tw, &th);
      if (cw < tw * 1.6)
        {
          font = PS_FONT_SMALL;
          ps_plot_text_size (&ctx, font, "\u22120.00", &tw, &th);
        }
      if (cw >= tw + ctx.pad && ch >= th + ctx.pad * 0.5)
        for (guint r = 0; r < rows; r++)
          for (guint c = 0; c < cols; c++)
            {
              float v = w[(gsize) r * cols + c];
              PsPlotColor bg;
              char buf[32];
              PsTicks fmt = { .decimals = 2 };

              ps_plot_diverging_color (v / l.vmax, &bg);
              if (fabs (v) >= 99.5)
                fmt.decimals = 0;
              else if (fabs (v) >= 9.95)
                fmt.decimals = 1;
              ps_ticks_format (&fmt, v, buf, sizeof buf);
              ps_plot_text (&ctx, font, buf, l.frame.x + (c + 0.5) * cw,
                            l.frame.y + (r + 0.5) * ch, 0.5, 0.5, ps_plot_text_color_on (&bg));
            }
    }

  {
    /* The matrix frame: ticks, labels, no grid over the data. */
    PsTicks yt = l.yt;

    /* y grows downwards for a matrix: flip the tick range. */
    yt.lo = l.yt.hi;
    yt.hi = l.yt.lo;
    ps_plot_axes_draw (&ctx, &l.frame, &l.xt, &yt, xl, yl, FALSE);
  }
  ps_plot_colorbar (&ctx, &l.bar, -l.vmax, l.vmax, TRUE, _("weight"));
  ps_plot_ctx_end (&ctx);
}

/**
 * ps_plot_weights_hit:
 * @width: @height: @w: @rows: @cols: @title: as given to ps_plot_weights()
 * @x: @y: a position in the drawing area
 * @row: @col: (out) (optional): the cell there (0-based input, unit)
 *
 * Returns: %TRUE when (x, y) is over a cell
 */
gboolean
ps_plot_weights_hit (double       width,
                     double       height,
                     const float *w,
                     guint        rows,
                     guint        cols,
                     const char  *title,
                     double       x,
                     double       y,
                     guint       *row,
                     guint       *col)
{
  PsPlotCtx ctx;
  HeatLayout l;
  gboolean inside;

  if (w == NULL || rows == 0 || cols == 0)
    return FALSE;
  ps_plot_measure_begin (&ctx, width, height);
  heat_layout (&ctx, w, rows, cols, title, &l);
  ps_plot_ctx_end (&ctx);
  inside = x >= l.frame.x && x < l.frame.x + l.frame.w && y >= l.frame.y && y < l.frame.y + l.frame.h;
  if (inside)
    {
      if (col)
        *col = MIN ((guint) ((x - l.frame.x) / l.frame.w * cols), cols - 1);
      if (row)
        *row = MIN ((guint) ((y - l.frame.y) / l.frame.h * rows), rows - 1);
    }
  return inside;
}

/* ---- tiles ------------------------------------------------------------------ */

#define MAX_TILES 400

typedef struct
{
  guint  n_shown, rows, cols;
  double tile, gap, label_h;
  PsRect area;
  PsRect bar;
  double vmax;
  double top;
} TileLayout;

static void
tile_layout (PsPlotCtx   *ctx,
             const float *w,
             guint        image_w,
             guint        image_h,
             guint        n_units,
             const char  *title,
             TileLayout  *l)
{
  double cbw, aw, ah, lh, grid_w, grid_h;
  double aspect = (double) image_w / image_h;

  l->vmax = max_abs (w, (gsize) image_w * image_h * n_units);
  l->top = ps_plot_title (ctx, title);
  cbw = ps_plot_colorbar_width (ctx, -l->vmax, l->vmax, _("weight"));
  l->n_shown = MIN (n_units, MAX_TILES);
  aw = ctx->width - cbw - ctx->pad * 5;
  ah = ctx->height - l->top - ctx->pad * 1.5;
  ps_plot_text_size (ctx, PS_FONT_SMALL, "0", NULL, &lh);
  if (n_units > MAX_TILES)
    ah -= lh + ctx->pad;

  /* First try with unit numbers under the tiles; drop them if tiles get small. */
  l->gap = ctx->pad * 0.6;
  ps_plot_tile_layout (l->n_shown, aw, ah, aspect, l->gap, lh + 2, &l->rows, &l->cols, &l->tile);
  l->label_h = lh + 2;
  if (l->tile < ctx->fs * 3.5)
    {
      l->gap = MAX (2, ctx->pad * 0.3);
      ps_plot_tile_layout (l->n_shown, aw, ah, aspect, l->gap, 0, &l->rows, &l->cols, &l->tile);
      l->label_h = 0;
    }
  grid_w = l->cols * l->tile + (l->cols - 1) * l->gap;
  grid_h = l->rows * (l->tile / aspect + l->label_h) + (l->rows - 1) * l->gap;
  l->area.x = ctx->pad * 1.5 + (aw - grid_w) / 2;
  l->area.y = l->top + ctx->pad * 0.3 + MAX ((ah - grid_h) / 2, 0);
  l->area.w = grid_w;
  l->area.h = grid_h;
  l->bar.x = l->area.x + grid_w + ctx->pad * 2.5;
  l->bar.h = MIN (grid_h, MAX (ctx->fs * 10, grid_h * 0.8));
  l->bar.y = l->area.y + (grid_h - l->bar.h) / 2;
  l->bar.w = cbw;
}

/**
 * ps_plot_weight_tiles:
 * @w: (image_w·image_h) × n_units weights, row-major (inputs × units)
 *
 * One tile per unit (its incoming weights as an image), all with ONE shared
 * scale ±max|w| so tiles can be compared; at most 400 tiles are shown.
 */
void
ps_plot_weight_tiles (cairo_t     *cr,
                      double       width,
                      double       height,
                      const float *w,
                      guint        image_w,
                      guint        image_h,
                      guint        n_units,
                      const char  *title)
{
  const guint32 *lut = ps_plot_diverging_lut ();
  cairo_surface_t *atlas;
  guint32 *px;
  int stride;
  PsPlotCtx ctx;
  TileLayout l;
  gsize npix = (gsize) image_w * image_h;
  double th;

  g_return_if_fail (cr != NULL);

  ps_plot_ctx_begin (&ctx, cr, width, height);
  if (w == NULL || image_w == 0 || image_h == 0 || n_units == 0)
    {
      ps_plot_no_data_page (&ctx, title, _("No weights"));
      ps_plot_ctx_end (&ctx);
      return;
    }
  tile_layout (&ctx, w, image_w, image_h, n_units, title, &l);
  th = l.tile * image_h / image_w;

  /* All tiles in one atlas image, one tile per row band. */
  atlas = ps_plot_image_new (image_w, image_h * l.n_shown, &px, &stride);
  if (atlas == NULL)
    {
      ps_plot_ctx_end (&ctx);
      return;
    }
  for (guint u = 0; u < l.n_shown; u++)
    for (gsize p = 0; p < npix; p++)
      {
        gsize row = u * image_h + p / image_w;

        px[row * stride + p % image_w] = lut_color (lut, w[p * n_units + u], l.vmax);
      }
  cairo_surface_mark_dirty (atlas);

  {
    cairo_pattern_t *pat = cairo_pattern_create_for_surface (atlas);
    double ux = 1, uy = 1;

    cairo_user_to_device_distance (cr, &ux, &uy);
    cairo_pattern_set_filter (pat, l.tile * fabs (ux) >= image_w ? CAIRO_FILTER_NEAREST
                                                                 : CAIRO_FILTER_GOOD);
    cairo_pattern_set_extend (pat, CAIRO_EXTEND_PAD);
    for (guint u = 0; u < l.n_shown; u++)
      {
        guint r = u / l.cols, c = u % l.cols;
        double x = l.area.x + c * (l.tile + l.gap);
        double y = l.area.y + r * (th + l.label_h + l.gap);
        cairo_matrix_t m;

        cairo_matrix_init_scale (&m, image_w / l.tile, image_h / th);
        cairo_matrix_translate (&m, -x, -y + u * th);
        cairo_pattern_set_matrix (pat, &m);
        cairo_save (cr);
        cairo_rectangle (cr, x, y, l.tile, th);
        cairo_clip (cr);
        cairo_set_source (cr, pat);
        cairo_paint (cr);
        cairo_restore (cr);
        if (l.label_h > 0)
          {
            char buf[16];

            g_snprintf (buf, sizeof buf, "%u", u + 1);
            ps_plot_text (&ctx, PS_FONT_SMALL, buf, x + l.tile / 2, y + th + 1, 0.5, 0, &ps_plot_ink_soft);
          }
      }
    cairo_pattern_destroy (pat);
  }
  cairo_surface_destroy (atlas);

  if (n_units > l.n_shown)
    {
      g_autofree char *msg = g_strdup_printf (_("first %u of %u units"), l.n_shown, n_units);

      ps_plot_text (&ctx, PS_FONT_SMALL, msg, l.area.x, l.area.y + l.area.h + ctx.pad * 0.5,
                    0, 0, &ps_plot_ink_soft);
    }
  ps_plot_colorbar (&ctx, &l.bar, -l.vmax, l.vmax, TRUE, _("weight"));
  ps_plot_ctx_end (&ctx);
}

/**
 * ps_plot_weight_tiles_hit:
 * @x: @y: a position; the other arguments as given to ps_plot_weight_tiles()
 *
 * Returns: the 0-based unit whose tile is at (x, y), or −1
 */
gint
ps_plot_weight_tiles_hit (double       width,
                          double       height,
                          const float *w,
                          guint        image_w,
                          guint        image_h,
                          guint        n_units,
                          const char  *title,
                          double       x,
                          double       y)
{
  PsPlotCtx ctx;
  TileLayout l;
  double th, cx, cy;
  guint r, c, u;

  if (w == NULL || image_w == 0 || image_h == 0 || n_units == 0)
    return -1;
  ps_plot_measure_begin (&ctx, width, height);
  tile_layout (&ctx, w, image_w, image_h, n_units, title, &l);
  ps_plot_ctx_end (&ctx);

  th = l.tile * image_h / image_w;
  if (x < l.area.x || y < l.area.y)
    return -1;
  c = (guint) ((x - l.area.x) / (l.tile + l.gap));
  r = (guint) ((y - l.area.y) / (th + l.label_h + l.gap));
  cx = x - l.area.x - c * (l.tile + l.gap);
  cy = y - l.area.y - r * (th + l.label_h + l.gap);
  if (c >= l.cols || cx > l.tile || cy > th)
    return -1;
  u = r * l.cols + c;
  return u < l.n_shown ? (gint) u : -1;
}
