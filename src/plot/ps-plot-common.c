/* ps-plot-common.c: palette, text, ticks and axes shared by every plot
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ps-plot-private.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

G_DEFINE_QUARK (ps-plot-error-quark, ps_plot_error)

#define RGB(hex) { ((hex) >> 16 & 0xff) / 255.0, ((hex) >> 8 & 0xff) / 255.0, ((hex) & 0xff) / 255.0, 1.0 }

const PsPlotColor ps_plot_ink = RGB (0x2e3440);
const PsPlotColor ps_plot_ink_soft = RGB (0x5b6270);
const PsPlotColor ps_plot_panel = RGB (0xf6f7f9);
const PsPlotColor ps_plot_grid = RGB (0xdfe2e7);

static const PsPlotColor figure_bg = RGB (0xffffff);

/* Okabe–Ito (blue, orange, bluish green, vermillion, reddish purple, sky
 * blue, yellow) then three distinct extras for 10-class data (MNIST). */
static const PsPlotColor class_colors[] = {
  RGB (0x0072b2), RGB (0xe69f00), RGB (0x009e73), RGB (0xd55e00),
  RGB (0xcc79a7), RGB (0x56b4e9), RGB (0xf0e442), RGB (0x8c613c),
  RGB (0x6b6b6b), RGB (0x332288),
};

/* ColorBrewer RdBu, reversed so that negative is blue. */
static const guint32 rdbu[] = {
  0x053061, 0x2166ac, 0x4393c3, 0x92c5de, 0xd1e5f0, 0xf7f7f7,
  0xfddbc7, 0xf4a582, 0xd6604d, 0xb2182b, 0x67001f,
};

/* ColorBrewer Blues. */
static const guint32 blues[] = {
  0xf7fbff, 0xdeebf7, 0xc6dbef, 0x9ecae1, 0x6baed6, 0x4292c6,
  0x2171b5, 0x08519c, 0x08306b,
};

static void
ramp (const guint32 *stops,
      guint          n,
      double         t,
      PsPlotColor   *c)
{
  double pos;
  guint i;
  double f;
  guint32 a, b;

  if (!(t >= 0))              /* also NaN */
    t = 0;
  if (t > 1)
    t = 1;
  pos = t * (n - 1);
  i = (guint) pos;
  if (i >= n - 1)
    i = n - 2;
  f = pos - i;
  a = stops[i];
  b = stops[i + 1];
  c->r = ((1 - f) * (a >> 16 & 0xff) + f * (b >> 16 & 0xff)) / 255.0;
  c->g = ((1 - f) * (a >> 8 & 0xff) + f * (b >> 8 & 0xff)) / 255.0;
  c->b = ((1 - f) * (a & 0xff) + f * (b & 0xff)) / 255.0;
  c->a = 1.0;
}

void
ps_plot_class_color (guint        index,
                     PsPlotColor *color)
{
  g_return_if_fail (color != NULL);
  *color = class_colors[index % G_N_ELEMENTS (class_colors)];
}

void
ps_plot_diverging_color (double       t,
                         PsPlotColor *color)
{
  g_return_if_fail (color != NULL);
  if (isnan (t))
    t = 0;
  ramp (rdbu, G_N_ELEMENTS (rdbu), (CLAMP (t, -1.0, 1.0) + 1) / 2, color);
}

void
ps_plot_sequential_color (double       t,
                          PsPlotColor *color)
{
  g_return_if_fail (color != NULL);
  ramp (blues, G_N_ELEMENTS (blues), t, color);
}

const guint32 *
ps_plot_diverging_lut (void)
{
  static guint32 lut[257];
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      for (guint i = 0; i < 257; i++)
        {
          PsPlotColor c;

          ps_plot_diverging_color ((i - 128.0) / 128.0, &c);
          lut[i] = 0xff000000u
                   | (guint32) lround (c.r * 255) << 16
                   | (guint32) lround (c.g * 255) << 8
                   | (guint32) lround (c.b * 255);
        }
      g_once_init_leave (&done, 1);
    }
  return lut;
}

/* ---- colours ------------------------------------------------------------ */

void
ps_plot_set_color (cairo_t           *cr,
                   const PsPlotColor *c)
{
  cairo_set_source_rgba (cr, c->r, c->g, c->b, c->a);
}

void
ps_plot_set_color_alpha (cairo_t           *cr,
                         const PsPlotColor *c,
                         double             alpha)
{
  cairo_set_source_rgba (cr, c->r, c->g, c->b, c->a * alpha);
}

PsPlotColor
ps_plot_color_mix (const PsPlotColor *a,
                   const PsPlotColor *b,
                   double             t)
{
  PsPlotColor c;

  c.r = a->r + (b->r - a->r) * t;
  c.g = a->g + (b->g - a->g) * t;
  c.b = a->b + (b->b - a->b) * t;
  c.a = a->a + (b->a - a->a) * t;
  return c;
}

const PsPlotColor *
ps_plot_text_color_on (const PsPlotColor *c)
{
  static const PsPlotColor white = RGB (0xffffff);
  double lum = 0.2126 * c->r + 0.7152 * c->g + 0.0722 * c->b;

  return lum < 0.55 ? &white : &ps_plot_ink;
}

/* ---- context and text --------------------------------------------------- */

double
ps_plot_font_size (double width,
                   double height)
{
  /* ~13 px at 800×500; never below 10.5 px (live widgets) nor huge. */
  return CLAMP (sqrt (MAX (width, 1) * MAX (height, 1)) / 48.0, 10.5, 28.0);
}

static void
setup_layout (PangoLayout *layout)
{
  cairo_font_options_t *fo = cairo_font_options_create ();

  /* Unhinted metrics: the PNG, SVG and PDF of a plot get the same layout,
   * and hit tests (measured on a scratch surface) match the drawing. */
  cairo_font_options_set_hint_metrics (fo, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (fo, CAIRO_HINT_STYLE_SLIGHT);
  pango_cairo_context_set_font_options (pango_layout_get_context (layout), fo);
  cairo_font_options_destroy (fo);
  pango_layout_context_changed (layout);
}

static void
ctx_init (PsPlotCtx *ctx,
          cairo_t   *cr,
          double     width,
          double     height)
{
  memset (ctx, 0, sizeof *ctx);
  ctx->cr = cr;
  ctx->width = width;
  ctx->height = height;
  ctx->fs = ps_plot_font_size (width, height);
  ctx->pad = ctx->fs * 0.5;
}

void
ps_plot_ctx_begin (PsPlotCtx *ctx,
                   cairo_t   *cr,
                   double     width,
                   double     height)
{
  ctx_init (ctx, cr, width, height);
  ctx->layout = pango_cairo_create_layout (cr);
  setup_layout (ctx->layout);

  cairo_save (cr);
  ps_plot_set_color (cr, &figure_bg);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_fill (cr);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
}

typedef struct
{
  cairo_surface_t *surface;
  cairo_t         *cr;
  PangoLayout     *layout;
} Scratch;

static void
scratch_free (gpointer data)
{
  Scratch *sc = data;

  g_clear_object (&sc->layout);
  cairo_destroy (sc->cr);
  cairo_surface_destroy (sc->surface);
  g_free (sc);
}

static GPrivate scratch_key = G_PRIVATE_INIT (scratch_free);

/* For hit tests: the layout code runs on a per-thread 1×1 scratch surface
 * with a cached layout, so a tooltip query costs no surface or context. */
void
ps_plot_measure_begin (PsPlotCtx *ctx,
                       double     width,
                       double     height)
{
  Scratch *sc = g_private_get (&scratch_key);

  if (sc == NULL)
    {
      sc = g_new0 (Scratch, 1);
      sc->surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
      sc->cr = cairo_create (sc->surface);
      sc->layout = pango_cairo_create_layout (sc->cr);
      setup_layout (sc->layout);
      g_private_set (&scratch_key, sc);
    }
  ctx_init (ctx, sc->cr, width, height);
  ctx->layout = g_object_ref (sc->layout);
  cairo_save (sc->cr);
}

void
ps_plot_ctx_end (PsPlotCtx *ctx)
{
  cairo_restore (ctx->cr);
  g_clear_object (&ctx->layout);
}

void
ps_plot_set_font (PsPlotCtx *ctx,
                  PsFont     font)
{
  static PangoFontDescription *base = NULL;
  static gsize done = 0;
  PangoFontDescription *fd;
  double size = ctx->fs;

  if (g_once_init_enter (&done))
    {
      base = pango_font_description_from_string ("DejaVu Sans, Sans");
      g_once_init_leave (&done, 1);
    }
  fd = pango_font_description_copy_static (base);

  switch (font)
    {
    case PS_FONT_TICK:
      size = ctx->fs * 0.88;
      break;
    case PS_FONT_SMALL:
      size = ctx->fs * 0.82;
      break;
    case PS_FONT_TITLE:
      size = ctx->fs * 1.15;
      pango_font_description_set_weight (fd, PANGO_WEIGHT_BOLD);
      break;
    case PS_FONT_LABEL:
    default:
      break;
    }
  pango_font_description_set_absolute_size (fd, size * PANGO_SCALE);
  pango_layout_set_font_description (ctx->layout, fd);
  pango_font_description_free (fd);
}

void
ps_plot_text_size (PsPlotCtx  *ctx,
                   PsFont      font,
                   const char *text,
                   double     *w,
                   double     *h)
{
  PangoRectangle logical;

  ps_plot_set_font (ctx, font);
  pango_layout_set_text (ctx->layout, text, -1);
  pango_layout_get_extents (ctx->layout, NULL, &logical);
  if (w)
    *w = (double) logical.width / PANGO_SCALE;
  if (h)
    *h = (double) logical.height / PANGO_SCALE;
}

/* Lays out text in font, measures it (w × h) and sets its colour inside a
 * cairo_save; FALSE, with nothing saved, when there is no text. */
static gboolean
text_begin (PsPlotCtx         *ctx,
            PsFont             font,
            const char        *text,
            const PsPlotColor *color,
            double            *w,
            double            *h)
{
  if (text == NULL || *text == '\0')
    return FALSE;
  ps_plot_text_size (ctx, font, text, w, h);
  cairo_save (ctx->cr);
  ps_plot_set_color (ctx->cr, color ? color : &ps_plot_ink);
  return TRUE;
}

void
ps_plot_text (PsPlotCtx         *ctx,
              PsFont             font,
              const char        *text,
              double             x,
              double             y,
              double             ax,
              double             ay,
              const PsPlotColor *color)
{
  double w, h;

  if (!text_begin (ctx, font, text, color, &w, &h))
    return;
  cairo_move_to (ctx->cr, x - ax * w, y - ay * h);
  pango_cairo_show_layout (ctx->cr, ctx->layout);
  cairo_restore (ctx->cr);
}

void
ps_plot_text_vertical (PsPlotCtx         *ctx,
                       PsFont             font,
                       const char        *text,
                       double             x,
                       double             y,
                       double             ax,
                       double             ay,
                       const PsPlotColor *color)
{
  double w, h;

  if (!text_begin (ctx, font, text, color, &w, &h))
    return;
  /* On screen the rotated box is h wide and w tall; its top-left is at
   * (x - ax·h, y - ay·w) and the text baseline runs bottom to top. */
  cairo_translate (ctx->cr, x - ax * h, y - ay * w + w);
  cairo_rotate (ctx->cr, -G_PI / 2);
  pango_cairo_update_layout (ctx->cr, ctx->layout);
  cairo_move_to (ctx->cr, 0, 0);
  pango_cairo_show_layout (ctx->cr, ctx->layout);
  cairo_restore (ctx->cr);
  pango_cairo_update_layout (ctx->cr, ctx->layout);
}

double
ps_plot_title (PsPlotCtx  *ctx,
               const char *title)
{
  double h;

  if (title == NULL || *title == '\0')
    return ctx->pad * 1.5;
  ps_plot_text_size (ctx, PS_FONT_TITLE, title, NULL, &h);
  ps_plot_text (ctx, PS_FONT_TITLE, title, ctx->width / 2, ctx->pad * 1.2, 0.5, 0, &ps_plot_ink);
  return ctx->pad * 1.2 + h + ctx->pad;
}

void
ps_plot_no_data (PsPlotCtx    *ctx,
                 const PsRect *area,
                 const char   *message)
{
  cairo_t *cr = ctx->cr;

  ps_plot_set_color (cr, &ps_plot_panel);
  cairo_rectangle (cr, area->x, area->y, MAX (area->w, 0), MAX (area->h, 0));
  cairo_fill (cr);
  ps_plot_text (ctx, PS_FONT_LABEL, message, area->x + area->w / 2,
                area->y + area->h / 2, 0.5, 0.5, &ps_plot_ink_soft);
}

/**
 * ps_plot_image_new:
 * @px: (out): the first pixel, to write directly
 * @stride: (out): pixels from one row to the next
 *
 * An RGB24 image of width × height pixels, flushed for writing into @px;
 * mark it dirty when done.
 *
 * Returns: (transfer full) (nullable): the image, or NULL when cairo cannot
 *   make one (nothing to free)
 */
cairo_surface_t *
ps_plot_image_new (int       width,
                   int       height,
                   guint32 **px,
                   int      *stride)
{
  cairo_surface_t *img = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);

  if (cairo_surface_status (img) != CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (img);
      return NULL;
    }
  cairo_surface_flush (img);
  *px = (guint32 *) cairo_image_surface_get_data (img);
  *stride = cairo_image_surface_get_stride (img) / 4;
  return img;
}

/* The whole plot when there is nothing to draw: the title, and the message
 * on an empty panel below it. */
void
ps_plot_no_data_page (PsPlotCtx  *ctx,
                      const char *title,
                      const char *message)
{
  PsRect area = { ctx->pad, ps_plot_title (ctx, title), ctx->width - 2 * ctx->pad, 0 };

  area.h = ctx->height - area.y - ctx->pad;
  ps_plot_no_data (ctx, &area, message);
}

/* ---- ticks ---------------------------------------------------------------- */

static double
nice_step (double range,
           guint  max_ticks)
{
  double raw = range / MAX (max_ticks, 1);
  double mag = pow (10, floor (log10 (raw)));
  double r = raw / mag;

  if (r <= 1.0 + 1e-9)
    return mag;
  if (r <= 2.0 + 1e-9)
    return 2 * mag;
  if (r <= 5.0 + 1e-9)
    return 5 * mag;
  return 10 * mag;
}

void
ps_ticks_compute (PsTicks  *t,
                  double    lo,
                  double    hi,
                  guint     max_ticks,
                  gboolean  integer,
                  gboolean  expand)
{
  double step, first;

  memset (t, 0, sizeof *t);
  if (!isfinite (lo) || !isfinite (hi))
    {
      lo = 0;
      hi = 1;
    }
  if (hi < lo)
    {
      double tmp = lo;

      lo = hi;
      hi = tmp;
    }
  if (hi - lo < 1e-12 * MAX (fabs (lo), 1))
    {
      double d = integer ? 1 : MAX (fabs (lo) * 0.1, 0.5);

      lo -= d;
      hi += d;
    }
  max_ticks = CLAMP (max_ticks, 2, PS_TICKS_MAX - 2);
  step = nice_step (hi - lo, max_ticks);
  if (integer && step < 1)
    step = 1;
  if (expand)
    {
      lo = floor (lo / step + 1e-9) * step;
      hi = ceil (hi / step - 1e-9) * step;
    }
  t->lo = lo;
  t->hi = hi;
  first = ceil (lo / step - 1e-9) * step;
  for (double v = first; v <= hi + step * 1e-9 && t->n < PS_TICKS_MAX; v += step)
    t->v[t->n++] = fabs (v) < step * 1e-9 ? 0.0 : v;
  t->decimals = step >= 1 ? 0 : (int) ceil (-log10 (step) - 1e-9);
  /* 2.5-style steps never happen (1, 2, 5 only), so this is exact. */
}

/* The shortest mantissa that reads as the rounding to `digits` significant
 * digits: 5.7e+19, 1e+06. */
static void
format_scientific (double  v,
                   int     digits,
                   char   *buf,
                   gsize   len)
{
  char ref[32];
  double want;

  g_snprintf (ref, sizeof ref, "%.*e", digits - 1, v);
  want = g_ascii_strtod (ref, NULL);
  for (int places = 0; places < digits; places++)
    {
      char tmp[32];

      g_snprintf (tmp, sizeof tmp, "%.*e", places, v);
      if (g_ascii_strtod (tmp, NULL) == want)
        {
          g_strlcpy (buf, tmp, len);
          return;
        }
    }
  g_strlcpy (buf, ref, len);
}

char *
ps_plot_format_number (double  v,
                       int     decimals,
                       int     digits,
                       char   *buf,
                       gsize   len)
{
  double a = fabs (v);

  g_return_val_if_fail (buf != NULL && len > 0, buf);

  decimals = CLAMP (decimals, 0, 9);
  digits = CLAMP (digits, 1, 9);
  if (isnan (v))
    g_strlcpy (buf, "NaN", len);
  else if (isinf (v))
    g_strlcpy (buf, v > 0 ? "\u221e" : "\u2212\u221e", len);
  else if (a >= 1e6 || (a > 0 && a < pow (10, 1 - decimals)))
    format_scientific (v, digits, buf, len);
  else
    {
      int places = decimals;

      for (double p = 10; p <= a && places > 0; p *= 10)
        places--;
      g_snprintf (buf, len, "%.*f", places, v);
    }
  return buf;
}

void
ps_ticks_format (const PsTicks *t,
                 double         v,
                 char          *buf,
                 gsize          len)
{
  char tmp[64];
  double top = 0;

  for (guint i = 0; i < t->n; i++)
    top = MAX (top, fabs (t->v[i]));
  if (v != 0 && (top >= (t->compact ? 1e9 : 1e6) || t->decimals > 5))
    {
      /* a diverged loss: 5.7e+69 is as wide as "0.25", not 70 digits;
       * four digits tell 1, 2, 5 × 10^k ticks apart */
      if (isfinite (v))
        format_scientific (v, 4, tmp, sizeof tmp);
      else
        ps_plot_format_number (v, 0, 4, tmp, sizeof tmp);
    }
  else if (t->compact && t->decimals == 0 && fabs (v) >= 1e4)
    {
      /* "1000000" is wider than the space between ticks: 1M, 250k, 2.5M */
      double scaled = fabs (v) >= 1e6 ? v / 1e6 : v / 1e3;
      const char *unit = fabs (v) >= 1e6 ? "M" : "k";
      int places = 0;

      while (places < 3 && fabs (scaled * pow (10, places) - round (scaled * pow (10, places))) > 1e-6)
        places++;
      g_snprintf (tmp, sizeof tmp, "%.*f%s", places, scaled, unit);
    }
  else
    g_snprintf (tmp, sizeof tmp, "%.*f", t->decimals, v);
  if (tmp[0] == '-')
    {
      gboolean zero = strspn (tmp + 1, "0.") == strlen (tmp + 1);

      if (zero)
        g_strlcpy (buf, tmp + 1, len);
      else
        g_snprintf (buf, len, "\u2212%s", tmp + 1);   /* typographic minus */
    }
  else
    g_strlcpy (buf, tmp, len);
}

double
ps_ticks_max_label_width (PsPlotCtx     *ctx,
                          const PsTicks *t)
{
  double max = 0;

  for (guint i = 0; i < t->n; i++)
    {
      char buf[64];
      double w;

      ps_ticks_format (t, t->v[i], buf, sizeof buf);
      ps_plot_text_size (ctx, PS_FONT_TICK, buf, &w, NULL);
      max = MAX (max, w);
    }
  return max;
}

guint
ps_plot_nice_ticks (double  lo,
                    double  hi,
                    guint   max_ticks,
                    double *out,
                    guint   n_out,
                    double *step)
{
  PsTicks t;
  guint n;

  ps_ticks_compute (&t, lo, hi, max_ticks, FALSE, FALSE);
  n = MIN (t.n, n_out);
  if (out)
    memcpy (out, t.v, n * sizeof (double));
  if (step)
    *step = t.n >= 2 ? t.v[1] - t.v[0] : 0;
  return n;
}

/* ---- axes ------------------------------------------------------------------ */

void
ps_plot_axes_margins (PsPlotCtx     *ctx,
                      const PsTicks *yt,
                      const char    *xlabel,
                      const char    *ylabel,
                      double        *left,
                      double        *bottom)
{
  double th, lh;

  ps_plot_text_size (ctx, PS_FONT_TICK, "0", NULL, &th);
  ps_plot_text_size (ctx, PS_FONT_LABEL, "Ag", NULL, &lh);
  if (left)
    *left = ps_ticks_max_label_width (ctx, yt) + ctx->pad * 1.2
            + (ylabel ? lh + ctx->pad : 0) + ctx->pad;
  if (bottom)
    *bottom = th + ctx->pad * 1.2 + (xlabel ? lh + ctx->pad * 0.6 : 0) + ctx->pad * 0.6;
}

void
ps_plot_axes_draw (PsPlotCtx     *ctx,
                   const PsRect  *f,
                   const PsTicks *xt,
                   const PsTicks *yt,
                   const char    *xlabel,
                   const char    *ylabel,
                   gboolean       grid)
{
  cairo_t *cr = ctx->cr;
  double tick = ctx->pad * 0.6;
  double th, maxw;

  cairo_save (cr);
  if (grid)
    {
      ps_plot_set_color (cr, &ps_plot_grid);
      cairo_set_line_width (cr, 1.0);
      for (guint i = 0; i < xt->n; i++)
        {
          double x = round (ps_map (xt->v[i], xt->lo, xt->hi, f->x, f->x + f->w)) + 0.5;

          cairo_move_to (cr, x, f->y);
          cairo_line_to (cr, x, f->y + f->h);
        }
      for (guint i = 0; i < yt->n; i++)
        {
          double y = round (ps_map (yt->v[i], yt->lo, yt->hi, f->y + f->h, f->y)) + 0.5;

          cairo_move_to (cr, f->x, y);
          cairo_line_to (cr, f->x + f->w, y);
        }
      cairo_stroke (cr);
    }

  /* Frame and tick marks. */
  ps_plot_set_color_alpha (cr, &ps_plot_ink_soft, 0.8);
  cairo_set_line_width (cr, 1.0);
  cairo_rectangle (cr, round (f->x) + 0.5, round (f->y) + 0.5, round (f->w) - 1, round (f->h) - 1);
  cairo_stroke (cr);
  for (guint i = 0; i < xt->n; i++)
    {
      double x = round (ps_map (xt->v[i], xt->lo, xt->hi, f->x, f->x + f->w)) + 0.5;

      cairo_move_to (cr, x, f->y + f->h);
      cairo_line_to (cr, x, f->y + f->h + tick);
    }
  for (guint i = 0; i < yt->n; i++)
    {
      double y = round (ps_map (yt->v[i], yt->lo, yt->hi, f->y + f->h, f->y)) + 0.5;

      cairo_move_to (cr, f->x - tick, y);
      cairo_line_to (cr, f->x, y);
    }
  cairo_stroke (cr);
  cairo_restore (cr);

  ps_plot_text_size (ctx, PS_FONT_TICK, "0", NULL, &th);
  for (guint i = 0; i < xt->n; i++)
    {
      char buf[64];
      double x = ps_map (xt->v[i], xt->lo, xt->hi, f->x, f->x + f->w);

      ps_ticks_format (xt, xt->v[i], buf, sizeof buf);
      ps_plot_text (ctx, PS_FONT_TICK, buf, x, f->y + f->h + tick + ctx->pad * 0.4,
                    0.5, 0, &ps_plot_ink_soft);
    }
  for (guint i = 0; i < yt->n; i++)
    {
      char buf[64];
      double y = ps_map (yt->v[i], yt->lo, yt->hi, f->y + f->h, f->y);

      ps_ticks_format (yt, yt->v[i], buf, sizeof buf);
      ps_plot_text (ctx, PS_FONT_TICK, buf, f->x - tick - ctx->pad * 0.4, y,
                    1, 0.5, &ps_plot_ink_soft);
    }
  maxw = ps_ticks_max_label_width (ctx, yt);
  if (xlabel)
    ps_plot_text (ctx, PS_FONT_LABEL, xlabel, f->x + f->w / 2,
                  f->y + f->h + tick + ctx->pad * 0.4 + th + ctx->pad * 0.6, 0.5, 0, &ps_plot_ink);
  if (ylabel)
    ps_plot_text_vertical (ctx, PS_FONT_LABEL, ylabel,
                           f->x - tick - ctx->pad * 0.4 - maxw - ctx->pad,
                           f->y + f->h / 2, 1, 0.5, &ps_plot_ink);
}

/* ---- colour bar ------------------------------------------------------------ */

void
ps_plot_line_outside_marker (PsPlotCtx    *ctx,
                             const PsRect *frame,
                             double        x_min,
                             double        x_max,
                             double        y_min,
                             double        y_max,
                             double        w0,
                             double        w1,
                             double        b)
{
  static const PsPlotColor dark = { 0.1, 0.1, 0.12, 1 };
  cairo_t *cr = ctx->cr;
  double n2 = w0 * w0 + w1 * w1;
  double cx = (x_min + x_max) / 2, cy = (y_min + y_max) / 2;
  double t, px, py, ex, ey, ux, uy, un, tx, ty;
  double al = ctx->fs * 2.2, ah = ctx->fs * 0.55;

#define MAP_X(v) ps_map ((v), x_min, x_max, frame->x, frame->x + frame->w)
#define MAP_Y(v) ps_map ((v), y_min, y_max, frame->y + frame->h, frame->y)
  if (!(n2 > 0) || !isfinite (n2) || !isfinite (b))
    return;
  /* the point of the line nearest to the view's centre; the arrow goes
   * from inside towards it, ending at the edge */
  t = (w0 * cx + w1 * cy + b) / n2;
  px = cx - t * w0;
  py = cy - t * w1;
  ex = MAP_X (CLAMP (px, x_min, x_max));
  ey = MAP_Y (CLAMP (py, y_min, y_max));
  ux = MAP_X (px) - MAP_X (cx);
  uy = MAP_Y (py) - MAP_Y (cy);
#undef MAP_X
#undef MAP_Y
  un = hypot (ux, uy);
  if (!(un > 0) || !isfinite (un))
    return;
  ux /= un;
  uy /= un;
  ex -= ux * ctx->pad * 0.6;
  ey -= uy * ctx->pad * 0.6;

  cairo_save (cr);
  cairo_set_source_rgb (cr, dark.r, dark.g, dark.b);
  cairo_set_line_width (cr, MAX (1.8, ctx->fs * 0.17));
  cairo_set_dash (cr, NULL, 0, 0);
  cairo_move_to (cr, ex - ux * al, ey - uy * al);
  cairo_line_to (cr, ex - ux * ah, ey - uy * ah);
  cairo_stroke (cr);
  cairo_move_to (cr, ex, ey);
  cairo_line_to (cr, ex - ux * ah * 1.6 - uy * ah, ey - uy * ah * 1.6 + ux * ah);
  cairo_line_to (cr, ex - ux * ah * 1.6 + uy * ah, ey - uy * ah * 1.6 - ux * ah);
  cairo_close_path (cr);
  cairo_fill (cr);
  tx = ex - ux * (al + ctx->pad * 0.6);
  ty = ey - uy * (al + ctx->pad * 0.6);
  ps_plot_text (ctx, PS_FONT_SMALL, _("w·x + b = 0 lies outside the view"),
                CLAMP (tx, frame->x + ctx->fs * 7, frame->x + frame->w - ctx->fs * 7),
                CLAMP (ty, frame->y + ctx->fs, frame->y + frame->h - ctx->fs),
                0.5, 0.5, &dark);
  cairo_restore (cr);
}

double
ps_plot_colorbar_width (PsPlotCtx  *ctx,
                        double      vmin,
                        double      vmax,
                        const char *label)
{
  PsTicks t;
  double lh = 0;

  ps_ticks_compute (&t, vmin, vmax, 6, FALSE, FALSE);
  if (label)
    ps_plot_text_size (ctx, PS_FONT_SMALL, label, NULL, &lh);
  return ctx->fs * 1.1 + ctx->pad * 0.9 + ps_ticks_max_label_width (ctx, &t)
         + (label ? lh + ctx->pad * 0.8 : 0);
}

void
ps_plot_colorbar (PsPlotCtx    *ctx,
                  const PsRect *bar,
                  double        vmin,
                  double        vmax,
                  gboolean      diverging,
                  const char   *label)
{
  cairo_t *cr = ctx->cr;
  cairo_pattern_t *grad;
  PsTicks t;
  double bw = ctx->fs * 1.1;
  double tick = ctx->pad * 0.5;
  double maxw;

  if (!(vmax > vmin))
    vmax = vmin + 1;
  grad = cairo_pattern_create_linear (0, bar->y + bar->h, 0, bar->y);
  for (int i = 0; i <= 16; i++)
    {
      PsPlotColor c;
      double s = i / 16.0;

      if (diverging)
        ps_plot_diverging_color (2 * s - 1, &c);
      else
        ps_plot_sequential_color (s, &c);
      cairo_pattern_add_color_stop_rgb (grad, s, c.r, c.g, c.b);
    }
  cairo_save (cr);
  cairo_rectangle (cr, bar->x, bar->y, bw, bar->h);
  cairo_set_source (cr, grad);
  cairo_fill_preserve (cr);
  cairo_pattern_destroy (grad);
  ps_plot_set_color_alpha (cr, &ps_plot_ink_soft, 0.8);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);

  ps_ticks_compute (&t, vmin, vmax, CLAMP ((guint) (bar->h / (ctx->fs * 4)), 2, 8), FALSE, FALSE);
  for (guint i = 0; i < t.n; i++)
    {
      double y = round (ps_map (t.v[i], vmin, vmax, bar->y + bar->h, bar->y)) + 0.5;

      cairo_move_to (cr, bar->x + bw, y);
      cairo_line_to (cr, bar->x + bw + tick, y);
    }
  cairo_stroke (cr);
  cairo_restore (cr);
  for (guint i = 0; i < t.n; i++)
    {
      char buf[64];
      double y = ps_map (t.v[i], vmin, vmax, bar->y + bar->h, bar->y);

      ps_ticks_format (&t, t.v[i], buf, sizeof buf);
      ps_plot_text (ctx, PS_FONT_TICK, buf, bar->x + bw + tick + ctx->pad * 0.4, y,
                    0, 0.5, &ps_plot_ink_soft);
    }
  maxw = ps_ticks_max_label_width (ctx, &t);
  if (label)
    ps_plot_text_vertical (ctx, PS_FONT_SMALL, label,
                           bar->x + bw + tick + ctx->pad * 0.8 + maxw + ctx->pad * 0.2,
                           bar->y + bar->h / 2, 0, 0.5, &ps_plot_ink_soft);
}

/* ---- tile grids ------------------------------------------------------------- */

void
ps_plot_tile_layout (guint   n,
                     double  area_w,
                     double  area_h,
                     double  aspect,
                     double  gap,
                     double  extra_h,
                     guint  *rows,
                     guint  *cols,
                     double *tile_w)
{
  double best = -1;
  guint best_c = 1;

  n = MAX (n, 1);
  for (guint c = 1; c <= n; c++)
    {
      guint r = (n + c - 1) / c;
      double tw = (area_w - (c - 1) * gap) / c;
      double th = (area_h - r * extra_h - (r - 1) * gap) / r;
      double w = MIN (tw, th * aspect);

      if (w > best + 1e-9)
        {
          best = w;
          best_c = c;
        }
    }
  *cols = best_c;
  *rows = (n + best_c - 1) / best_c;
  *tile_w = MAX (best, 0);
}
