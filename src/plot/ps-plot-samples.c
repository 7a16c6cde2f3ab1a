/* ps-plot-samples.c: grid of sample images with captions
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Images are drawn dark ink on white (value 1 = black, as a printed page),
 * all packed in one atlas surface and painted tile by tile.
 */
#include "config.h"

#include "ps-plot-private.h"
#include "ps-plot-samples.h"

#include <glib/gi18n-lib.h>
#include <math.h>

typedef struct
{
  guint  rows, cols;
  double tile, th, gap, cap_h;
  double text_h, bar_h;   /* within cap_h: the caption's line, the bars */
  PsRect area;
} SampleLayout;

const PsPlotColor ps_plot_bar_right = { 0x00 / 255.0, 0x72 / 255.0, 0xb2 / 255.0, 1 };
const PsPlotColor ps_plot_bar_wrong = { 0xd5 / 255.0, 0x5e / 255.0, 0, 1 };
const PsPlotColor ps_plot_bar_other = { 0.62, 0.62, 0.62, 1 };

static gboolean
has_bars (const PsSamplesBars *bars)
{
  return bars != NULL && bars->probs != NULL && bars->n_probs > 0;
}

static void
samples_layout (PsPlotCtx           *ctx,
                const PsSamplesData *d,
                const PsSamplesBars *bars,
                SampleLayout        *l)
{
  double top = ps_plot_title (ctx, d->title);
  double aw = ctx->width - ctx->pad * 3;
  double ah = ctx->height - top - ctx->pad * 2;
  double aspect = (double) d->image_w / d->image_h;
  double grid_w, grid_h, ch = 0;

  if (d->captions)
    ps_plot_text_size (ctx, PS_FONT_SMALL, "Ag", NULL, &ch);
  l->text_h = d->captions ? ch + ctx->pad * 0.3 : 0;
  /* bars as tall as two caption lines: the probabilities read at a glance */
  l->bar_h = has_bars (bars) ? MAX (ch, 6) * 2.2 + ctx->pad * 0.3 : 0;
  l->cap_h = l->text_h + l->bar_h;
  l->gap = ctx->pad * (d->captions || l->bar_h > 0 ? 1.2 : 0.5);
  ps_plot_tile_layout (d->n, aw, ah, aspect, l->gap, l->cap_h, &l->rows, &l->cols, &l->tile);
  /* Images beyond 6× their size only look blurry; keep them moderate. */
  l->tile = MIN (l->tile, d->image_w * 6.0);
  l->th = l->tile / aspect;
  grid_w = l->cols * l->tile + (l->cols - 1) * l->gap;
  grid_h = l->rows * (l->th + l->cap_h) + (l->rows - 1) * l->gap;
  l->area.x = (ctx->width - grid_w) / 2;
  l->area.y = top + MAX ((ah - grid_h) / 2, 0);
  l->area.w = grid_w;
  l->area.h = grid_h;
}

/* text, cut with "…" until it is at most max_w wide (newly allocated):
 * long class names ("Ankle boot") under small tiles would run into their
 * neighbours. */
static char *
fit_caption (PsPlotCtx  *ctx,
             const char *text,
             double      max_w)
{
  double w = 0;
  glong n;

  ps_plot_text_size (ctx, PS_FONT_SMALL, text, &w, NULL);
  if (w <= max_w)
    return g_strdup (text);
  n = g_utf8_strlen (text, -1);
  for (glong k = n - 1; k > 0; k--)
    {
      g_autofree char *head = g_utf8_substring (text, 0, k);
      char *cut = g_strconcat (head, "…", NULL);

      ps_plot_text_size (ctx, PS_FONT_SMALL, cut, &w, NULL);
      if (w <= max_w)
        return cut;
      g_free (cut);
    }
  return g_strdup ("…");
}

/* Sample @i's bars, at the bottom of its caption band: one per class, the
 * predicted class blue (vermillion when wrong), the others grey, on a
 * baseline; the true class's bar is outlined. */
static void
draw_bars (PsPlotCtx           *ctx,
           const SampleLayout  *l,
           const PsSamplesBars *bars,
           guint                i,
           double               x,
           double               y)
{
  cairo_t *cr = ctx->cr;
  const float *p = bars->probs + (gsize) i * bars->n_probs;
  double bw = l->tile / bars->n_probs;
  double base = y + l->bar_h - ctx->pad * 0.15;
  double top = l->bar_h - ctx->pad * 0.3;
  guint best = 0;

  if (isnan (p[0]))
    return;
  for (guint k = 1; k < bars->n_probs; k++)
    if (p[k] > p[best])
      best = k;
  for (guint k = 0; k < bars->n_probs; k++)
    {
      double v = isfinite (p[k]) ? CLAMP (p[k], 0.0, 1.0) : 0;
      double bh = MAX (v * top, 0.5);
      const PsPlotColor *c = k != best ? &ps_plot_bar_other
                             : bars->truth == NULL || bars->truth[i] == best ? &ps_plot_bar_right
                             : &ps_plot_bar_wrong;

      /* a track of the full height: 13 % reads as 13 % of something */
      cairo_rectangle (cr, x + k * bw + bw * 0.12, base - top, bw * 0.76, top);
      ps_plot_set_color (cr, &ps_plot_panel);
      cairo_fill (cr);
      cairo_rectangle (cr, x + k * bw + bw * 0.12, base - bh, bw * 0.76, bh);
      ps_plot_set_color (cr, c);
      cairo_fill (cr);
      if (bars->truth != NULL && bars->truth[i] == k)
        {
          cairo_rectangle (cr, x + k * bw + bw * 0.12 - 0.5, base - top - 0.5, bw * 0.76 + 1, top + 1);
          ps_plot_set_color (cr, &ps_plot_ink_soft);
          cairo_set_line_width (cr, 1);
          cairo_stroke (cr);
        }
    }
  cairo_move_to (cr, x, base + 0.5);
  cairo_line_to (cr, x + l->tile, base + 0.5);
  ps_plot_set_color (cr, &ps_plot_ink_soft);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);
}

/**
 * ps_plot_samples_full:
 * @data: images, captions, marks (borrowed)
 *
 * Samples marked wrong get a vermillion frame and caption.
 */
void
ps_plot_samples_full (cairo_t             *cr,
                      double               width,
                      double               height,
                      const PsSamplesData *d)
{
  ps_plot_samples_bars (cr, width, height, d, NULL);
}

/**
 * ps_plot_samples_bars:
 * @bars: (nullable): each sample's class probabilities (borrowed)
 *
 * ps_plot_samples_full() with the probabilities as bars under each
 * caption (issue 11 §7).
 */
void
ps_plot_samples_bars (cairo_t             *cr,
                      double               width,
                      double               height,
                      const PsSamplesData *d,
                      const PsSamplesBars *bars)
{
  static const PsPlotColor wrong_color = { 0xd5 / 255.0, 0x5e / 255.0, 0, 1 };
  cairo_surface_t *atlas;
  cairo_pattern_t *pat;
  SampleLayout l;
  PsPlotCtx ctx;
  guint32 *px;
  int stride;
  gsize npix;
  double ux = 1, uy = 1;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (d != NULL);

  ps_plot_ctx_begin (&ctx, cr, width, height);
  if (d->n == 0 || d->image_w == 0 || d->image_h == 0
      || (d->pixels_u8 == NULL && d->pixels_f == NULL))
    {
      ps_plot_no_data_page (&ctx, d->title, _("No samples"));
      ps_plot_ctx_end (&ctx);
      return;
    }
  samples_layout (&ctx, d, bars, &l);
  npix = (gsize) d->image_w * d->image_h;

  atlas = ps_plot_image_new (d->image_w, d->image_h * d->n, &px, &stride);
  if (atlas == NULL)
    {
      ps_plot_ctx_end (&ctx);
      return;
    }
  for (guint i = 0; i < d->n; i++)
    for (gsize p = 0; p < npix; p++)
      {
        double v = d->pixels_u8 ? d->pixels_u8[i * npix + p] / 255.0 : d->pixels_f[i * npix + p];
        guint32 g;

        if (!isfinite (v))
          v = 0;
        /* ink on paper, with a slightly warm black */
        g = (guint32) lround (255 * (1 - CLAMP (v, 0.0, 1.0) * 0.92));
        px[(i * d->image_h + p / d->image_w) * stride + p % d->image_w] =
          0xff000000u | g << 16 | g << 8 | (guint32) MIN (255, g + 6);
      }
  cairo_surface_mark_dirty (atlas);

  pat = cairo_pattern_create_for_surface (atlas);
  cairo_user_to_device_distance (cr, &ux, &uy);
  cairo_pattern_set_filter (pat, l.tile * fabs (ux) >= d->image_w ? CAIRO_FILTER_NEAREST : CAIRO_FILTER_GOOD);
  cairo_pattern_set_extend (pat, CAIRO_EXTEND_PAD);
  for (guint i = 0; i < d->n; i++)
    {
      guint r = i / l.cols, c = i % l.cols;
      double x = l.area.x + c * (l.tile + l.gap);
      double y = l.area.y + r * (l.th + l.cap_h + l.gap);
      gboolean wrong = d->wrong && d->wrong[i];
      cairo_matrix_t m;

      cairo_matrix_init_scale (&m, d->image_w / l.tile, d->image_h / l.th);
      cairo_matrix_translate (&m, -x, -y + i * l.th);
      cairo_pattern_set_matrix (pat, &m);
      cairo_save (cr);
      cairo_rectangle (cr, x, y, l.tile, l.th);
      cairo_set_source (cr, pat);
      cairo_fill (cr);
      cairo_rectangle (cr, x - 0.5, y - 0.5, l.tile + 1, l.th + 1);
      if (wrong)
        {
          ps_plot_set_color (cr, &wrong_color);
          cairo_set_line_width (cr, 2);
        }
      else
        {
          ps_plot_set_color (cr, &ps_plot_grid);
          cairo_set_line_width (cr, 1);
        }
      cairo_stroke (cr);
      cairo_restore (cr);
      if (d->captions && d->captions[i])
        {
          g_autofree char *caption = fit_caption (&ctx, d->captions[i], l.tile + l.gap * 0.8);

          ps_plot_text (&ctx, PS_FONT_SMALL, caption, x + l.tile / 2, y + l.th + ctx.pad * 0.3,
                        0.5, 0, wrong ? &wrong_color : &ps_plot_ink);
        }
      if (has_bars (bars))
        draw_bars (&ctx, &l, bars, i, x, y + l.th + l.text_h);
    }
  cairo_pattern_destroy (pat);
  cairo_surface_destroy (atlas);
  ps_plot_ctx_end (&ctx);
}

void
ps_plot_samples (cairo_t       *cr,
                 double         width,
                 double         height,
                 const guint8  *pixels_u8,
                 const float   *pixels_f,
                 guint          image_w,
                 guint          image_h,
                 guint          n,
                 const char   **captions)
{
  PsSamplesData d = { 0 };

  d.pixels_u8 = pixels_u8;
  d.pixels_f = pixels_f;
  d.image_w = image_w;
  d.image_h = image_h;
  d.n = n;
  d.captions = captions;
  ps_plot_samples_full (cr, width, height, &d);
}

/**
 * ps_plot_samples_hit:
 * @x: @y: a position; the other arguments as given to ps_plot_samples_full()
 *
 * Returns: the index of the sample whose image or caption is at (x, y), or −1
 */
gint
ps_plot_samples_hit (double               width,
                     double               height,
                     const PsSamplesData *d,
                     double               x,
                     double               y)
{
  return ps_plot_samples_bars_hit (width, height, d, NULL, x, y);
}

gboolean
ps_plot_samples_bars_rect (double               width,
                           double               height,
                           const PsSamplesData *d,
                           const PsSamplesBars *bars,
                           guint                i,
                           double              *x,
                           double              *y,
                           double              *w,
                           double              *h)
{
  PsPlotCtx ctx;
  SampleLayout l;

  g_return_val_if_fail (d != NULL, FALSE);
  if (!has_bars (bars) || i >= d->n || d->image_w == 0 || d->image_h == 0)
    return FALSE;
  ps_plot_measure_begin (&ctx, width, height);
  samples_layout (&ctx, d, bars, &l);
  ps_plot_ctx_end (&ctx);
  *x = l.area.x + (i % l.cols) * (l.tile + l.gap);
  *y = l.area.y + (i / l.cols) * (l.th + l.cap_h + l.gap) + l.th + l.text_h;
  *w = l.tile;
  *h = l.bar_h;
  return TRUE;
}

gint
ps_plot_samples_bars_hit (double               width,
                          double               height,
                          const PsSamplesData *d,
                          const PsSamplesBars *bars,
                          double               x,
                          double               y)
{
  PsPlotCtx ctx;
  SampleLayout l;
  guint r, c, i;

  g_return_val_if_fail (d != NULL, -1);
  if (d->n == 0 || d->image_w == 0 || d->image_h == 0)
    return -1;
  ps_plot_measure_begin (&ctx, width, height);
  samples_layout (&ctx, d, bars, &l);
  ps_plot_ctx_end (&ctx);
  if (x < l.area.x || y < l.area.y)
    return -1;
  c = (guint) ((x - l.area.x) / (l.tile + l.gap));
  r = (guint) ((y - l.area.y) / (l.th + l.cap_h + l.gap));
  if (c >= l.cols || x - l.area.x - c * (l.tile + l.gap) > l.tile
      || y - l.area.y - r * (l.th + l.cap_h + l.gap) > l.th + l.cap_h)
    return -1;
  i = r * l.cols + c;
  return i < d->n ? (gint) i : -1;
}
