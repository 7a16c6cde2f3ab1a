/* ps-plot-curves.c: loss and accuracy per epoch, train and validation
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two panels side by side (loss left, accuracy right; stacked when the area
 * is tall), epochs on x.  Long histories are decimated to a min/max envelope
 * per pixel column, so 10 000 epochs draw as fast as 100 and spikes survive.
 */
#include "config.h"

#include "ps-plot-private.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

typedef struct
{
  const double *train;
  const double *val;
  const char   *ylabel;
  gboolean      accuracy;
} Panel;

/* The epochs the x axis spans: the run's, or the longest of several. */
static guint
curves_n_epochs (const PsCurvesData *data)
{
  guint n = 0;

  if (data->n_series == 0)
    return data->n_epochs;
  for (guint i = 0; i < data->n_series; i++)
    n = MAX (n, data->series[i].n_epochs);
  return n;
}

/* A run's series in a panel: its loss or its accuracy, train and val. */
static void
series_arrays (const PsCurvesSeries *r,
               const Panel          *p,
               const double        **train,
               const double        **val)
{
  *train = p->accuracy ? r->accuracy : r->loss;
  *val = p->accuracy ? r->val_accuracy : r->val_loss;
}

static gboolean
series_range (const double *v,
              guint         n,
              double       *lo,
              double       *hi)
{
  gboolean any = FALSE;

  if (v == NULL)
    return FALSE;
  for (guint i = 0; i < n; i++)
    if (isfinite (v[i]))
      {
        *lo = any ? MIN (*lo, v[i]) : v[i];
        *hi = any ? MAX (*hi, v[i]) : v[i];
        any = TRUE;
      }
  return any;
}

static gboolean
last_finite (const double *v,
             guint         n,
             double       *out)
{
  if (v == NULL)
    return FALSE;
  for (guint i = n; i > 0; i--)
    if (isfinite (v[i - 1]))
      {
        *out = v[i - 1];
        return TRUE;
      }
  return FALSE;
}

/* A series' legend entry: with_value (one %s) filled with its last finite
 * value, or the bare name when it has none. */
static char *
legend_label (const double *v,
              guint         n,
              const char   *with_value,
              const char   *bare)
{
  double last;
  char num[32];

  if (!last_finite (v, n, &last))
    return g_strdup (bare);
  /* a diverged loss stays short: 5.7e+69 */
  return g_strdup_printf (with_value, ps_plot_format_number (last, 3, 3, num, sizeof num));
}

/* The current path's circles in the series' colour, ringed in white so
 * they stand out where lines cross. */
static void
fill_markers (cairo_t           *cr,
              const PsPlotColor *color,
              double             ring)
{
  ps_plot_set_color (cr, color);
  cairo_fill_preserve (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_set_line_width (cr, ring);
  cairo_stroke (cr);
}

static void
draw_series (PsPlotCtx     *ctx,
             const PsRect  *f,
             const PsTicks *xt,
             const PsTicks *yt,
             const double  *v,
             guint          n,
             const PsPlotColor *color,
             gboolean       dashed)
{
  cairo_t *cr = ctx->cr;
  double lw = MAX (1.5, ctx->fs * 0.15);
  gboolean pen = FALSE;
  guint cols = MAX ((guint) f->w, 1);

#define PX(i) ps_map ((double) (i) + 1, xt->lo, xt->hi, f->x, f->x + f->w)
#define PY(val) ps_map ((val), yt->lo, yt->hi, f->y + f->h, f->y)

  cairo_save (cr);
  cairo_rectangle (cr, f->x, f->y - lw, f->w, f->h + 2 * lw);
  cairo_clip (cr);
  ps_plot_set_color (cr, color);
  cairo_set_line_width (cr, lw);
  if (dashed)
    {
      double d[] = { lw * 3, lw * 1.8 };

      cairo_set_dash (cr, d, 2, 0);
    }

  if (n <= 2 * cols)
    {
      for (guint i = 0; i < n; i++)
        {
          if (!isfinite (v[i]))
            {
              pen = FALSE;
              continue;
            }
          if (pen)
            cairo_line_to (cr, PX (i), PY (v[i]));
          else
            cairo_move_to (cr, PX (i), PY (v[i]));
          pen = TRUE;
        }
    }
  else
    {
      /* Min/max envelope per pixel column, in the order they occurred. */
      guint i = 0;

      for (guint c = 0; c < cols && i < n; c++)
        {
          guint end = (guint) (((guint64) (c + 1) * n) / cols);
          guint imin = G_MAXUINT, imax = G_MAXUINT;

          for (; i < end; i++)
            {
              if (!isfinite (v[i]))
                continue;
              if (imin == G_MAXUINT || v[i] < v[imin])
                imin = i;
              if (imax == G_MAXUINT || v[i] > v[imax])
                imax = i;
            }
          if (imin == G_MAXUINT)
            {
              pen = FALSE;
              continue;
            }
          for (int k = 0; k < 2; k++)
            {
              guint j = (k == 0) == (imin < imax) ? imin : imax;

              if (pen)
                cairo_line_to (cr, PX (j), PY (v[j]));
              else
                cairo_move_to (cr, PX (j), PY (v[j]));
              pen = TRUE;
            }
        }
    }
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);

  /* Markers while the points are few enough to be told apart. */
  if (n <= 40 && f->w / MAX (n, 1) > lw * 4)
    {
      for (guint i = 0; i < n; i++)
        {
          if (!isfinite (v[i]))
            continue;
          cairo_new_sub_path (cr);
          cairo_arc (cr, PX (i), PY (v[i]), lw * 1.7, 0, 2 * G_PI);
        }
      fill_markers (cr, color, MAX (1, lw * 0.5));
    }
  cairo_restore (cr);
#undef PX
#undef PY
}

/* Draws the legend box in a corner of f; *box is where it went (zero
 * size when it did not fit). */
static void
draw_legend (PsPlotCtx         *ctx,
             const PsRect      *f,
             gboolean           bottom,
             const char       **labels,
             const PsPlotColor **colors,
             const gboolean    *dashed,
             guint              n,
             PsRect            *box)
{
  cairo_t *cr = ctx->cr;
  double lh, maxw = 0, sw = ctx->fs * 2.2;
  double bw, bh, bx, by;
  double lw = MAX (1.5, ctx->fs * 0.15);

  memset (box, 0, sizeof *box);
  for (guint i = 0; i < n; i++)
    {
      double w;

      ps_plot_text_size (ctx, PS_FONT_SMALL, labels[i], &w, &lh);
      maxw = MAX (maxw, w);
    }
  bw = sw + ctx->pad * 0.8 + maxw + ctx->pad * 1.6;
  bh = n * lh + (n - 1) * ctx->pad * 0.3 + ctx->pad * 1.2;
  if (bw > f->w - 2 * ctx->pad || bh > f->h - 2 * ctx->pad)
    return;
  bx = f->x + f->w - bw - ctx->pad;
  by = bottom ? f->y + f->h - bh - ctx->pad : f->y + ctx->pad;
  *box = (PsRect) { bx, by, bw, bh };

  cairo_save (cr);
  cairo_rectangle (cr, bx, by, bw, bh);
  cairo_set_source_rgba (cr, 1, 1, 1, 0.88);
  cairo_fill_preserve (cr);
  ps_plot_set_color (cr, &ps_plot_grid);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);
  for (guint i = 0; i < n; i++)
    {
      double y = by + ctx->pad * 0.6 + i * (lh + ctx->pad * 0.3) + lh / 2;

      ps_plot_set_color (cr, colors[i]);
      cairo_set_line_width (cr, lw);
      if (dashed[i])
        {
          double d[] = { lw * 3, lw * 1.8 };

          cairo_set_dash (cr, d, 2, 0);
        }
      cairo_move_to (cr, bx + ctx->pad * 0.8, y);
      cairo_line_to (cr, bx + ctx->pad * 0.8 + sw, y);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
      ps_plot_text (ctx, PS_FONT_SMALL, labels[i], bx + ctx->pad * 1.6 + sw, y, 0, 0.5, &ps_plot_ink);
    }
  cairo_restore (cr);
}

typedef struct
{
  PsRect   frame;
  PsTicks  xt, yt;
  gboolean any;                /* some finite value to draw */
} PanelLayout;

/* ---- the timeline's cursor ------------------------------------------------ */

/* Dark and half transparent: it reads on the panel and over the curves
 * without taking a series' colour. */
#define CURSOR_ALPHA 0.7

/* The cursor's x in a panel: epoch e is drawn where history index e − 1
 * is; epoch 0 (the initial weights) may fall left of the frame, and goes
 * just inside its left edge (on the frame line it would not show). On a
 * whole pixel, as the grid: crisp at 1× and 2×. */
static double
cursor_x (const PanelLayout  *pl,
          const PsCurvesData *data)
{
  const PsRect *f = &pl->frame;
  guint e = MIN (data->cursor_epoch, data->n_epochs);
  double x = ps_map (e, pl->xt.lo, pl->xt.hi, f->x, f->x + f->w);

  return floor (CLAMP (x, f->x + 1, f->x + f->w - 2)) + 0.5;
}

static void
draw_cursor_line (PsPlotCtx    *ctx,
                  const PsRect *f,
                  double        x)
{
  cairo_t *cr = ctx->cr;

  cairo_save (cr);
  ps_plot_set_color_alpha (cr, &ps_plot_ink, CURSOR_ALPHA);
  cairo_set_line_width (cr, 1.0);
  cairo_move_to (cr, x, f->y);
  cairo_line_to (cr, x, f->y + f->h);
  cairo_stroke (cr);
  cairo_restore (cr);
}

/* A dot where the cursor crosses a series, so its value there is seen. */
static void
draw_cursor_dot (PsPlotCtx         *ctx,
                 const PanelLayout *pl,
                 double             x,
                 const double      *v,
                 guint              epoch,
                 const PsPlotColor *color)
{
  cairo_t *cr = ctx->cr;
  const PsRect *f = &pl->frame;
  double lw = MAX (1.5, ctx->fs * 0.15);
  double y;

  if (v == NULL || epoch == 0 || !isfinite (v[epoch - 1]))
    return;
  y = ps_map (v[epoch - 1], pl->yt.lo, pl->yt.hi, f->y + f->h, f->y);
  cairo_save (cr);
  cairo_rectangle (cr, f->x, f->y, f->w, f->h);
  cairo_clip (cr);
  cairo_arc (cr, x, y, lw * 2, 0, 2 * G_PI);
  fill_markers (cr, color, MAX (1, lw * 0.6));
  cairo_restore (cr);
}

static gboolean
rects_overlap (const PsRect *a,
               const PsRect *b)
{
  return a->w > 0 && b->w > 0 &&
         a->x < b->x + b->w && b->x < a->x + a->w &&
         a->y < b->y + b->h && b->y < a->y + a->h;
}

/* "epoch N" in a small box by the top of the line, on its right (left
 * near the right edge), below the legend when they would meet. */
static void
draw_cursor_label (PsPlotCtx    *ctx,
                   const PsRect *f,
                   double        x,
                   guint         epoch,
                   const PsRect *legend)
{
  cairo_t *cr = ctx->cr;
  g_autofree char *text = g_strdup_printf (_("epoch %u"), epoch);
  double gap = ctx->pad * 0.5;
  double tw, th;
  PsRect box;

  ps_plot_text_size (ctx, PS_FONT_SMALL, text, &tw, &th);
  box.w = ceil (tw + ctx->pad * 1.2);
  box.h = ceil (th + ctx->pad * 0.5);
  box.x = round (x + gap);
  if (box.x + box.w > f->x + f->w - 2)
    box.x = round (x - gap - box.w);
  box.x = MAX (box.x, f->x + 2);
  box.y = round (f->y + gap);
  if (rects_overlap (&box, legend))
    box.y = round (legend->y + legend->h + gap);
  if (box.w > f->w - 4 || box.y + box.h > f->y + f->h - 2)
    return;

  cairo_save (cr);
  cairo_rectangle (cr, box.x + 0.5, box.y + 0.5, box.w - 1, box.h - 1);
  cairo_set_source_rgba (cr, 1, 1, 1, 0.92);
  cairo_fill_preserve (cr);
  ps_plot_set_color_alpha (cr, &ps_plot_ink, CURSOR_ALPHA);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);
  cairo_restore (cr);
  ps_plot_text (ctx, PS_FONT_SMALL, text, box.x + box.w / 2, box.y + box.h / 2,
                0.5, 0.5, &ps_plot_ink);
}

static void
panel_layout (PsPlotCtx          *ctx,
              const PsRect       *area,
              const PsCurvesData *data,
              const Panel        *p,
              PanelLayout        *pl)
{
  PsTicks *xt = &pl->xt, *yt = &pl->yt;
  PsRect *f = &pl->frame;
  double lo = 0, hi = 1, lo2, hi2, left, bottom, xpad;
  guint n = curves_n_epochs (data);
  guint max_yt;

  if (data->n_series == 0)
    {
      pl->any = series_range (p->train, n, &lo, &hi);
      if (series_range (p->val, n, &lo2, &hi2))
        {
          lo = pl->any ? MIN (lo, lo2) : lo2;
          hi = pl->any ? MAX (hi, hi2) : hi2;
          pl->any = TRUE;
        }
    }
  else
    {
      /* every run's values, train and validation */
      pl->any = FALSE;
      for (guint i = 0; i < 2 * data->n_series; i++)
        {
          const PsCurvesSeries *r = &data->series[i / 2];
          const double *train, *val;

          series_arrays (r, p, &train, &val);
          if (series_range (i % 2 == 0 ? train : val, r->n_epochs, &lo2, &hi2))
            {
              lo = pl->any ? MIN (lo, lo2) : lo2;
              hi = pl->any ? MAX (hi, hi2) : hi2;
              pl->any = TRUE;
            }
        }
    }
  if (!pl->any)
    {
      lo = 0;
      hi = 1;
    }
  else if (p->accuracy)
    {
      /* Keep 1.0 in view; zoom in only when all values are high. */
      hi = MAX (hi, 1.0);
      lo = lo < 0.5 ? MIN (lo, 0.0) : floor (lo * 10 - 1e-9) / 10;
    }
  else
    {
      /* losses are ≥ 0: a zero baseline shows how far training got */
      if (lo >= 0)
        lo = 0;
      else
        {
          double m = (hi - lo) * 0.05;

          lo -= m;
          hi += m;
        }
    }

  max_yt = CLAMP ((guint) (area->h / (ctx->fs * 3.2)), 2, 8);
  ps_ticks_compute (yt, lo, hi, max_yt, FALSE, TRUE);
  ps_plot_axes_margins (ctx, yt, _("Epoch"), p->ylabel, &left, &bottom);
  /* whole pixels: the clip of the lines stays cheap */
  f->x = round (area->x + left);
  f->y = round (area->y);
  f->w = round (MAX (area->w - left, 10));
  f->h = round (MAX (area->h - bottom, 10));

  if (n >= 2)
    {
      xpad = (n - 1) * 0.02;
      ps_ticks_compute (xt, 1, n, CLAMP ((guint) (f->w / (ctx->fs * 3.5)), 2, 10), TRUE, FALSE);
      xt->lo = 1 - xpad;
      xt->hi = n + xpad;
    }
  else if (n == 1)
    {
      ps_ticks_compute (xt, 1, 1, 3, TRUE, FALSE);
      xt->lo = 0.5;
      xt->hi = 1.5;
      xt->n = 1;
      xt->v[0] = 1;
    }
  else
    {
      /* an empty history: the axes of the first 10 epochs */
      ps_ticks_compute (xt, 1, 10, CLAMP ((guint) (f->w / (ctx->fs * 3.5)), 2, 10), TRUE, FALSE);
      xt->lo = 1 - 9 * 0.02;
      xt->hi = 10 + 9 * 0.02;
    }

  /* Epoch labels of long runs: 250k, 1M. The last label is centred on its
   * tick near the right edge: narrow the frame until it fits the area. */
  xt->compact = TRUE;
  if (xt->n > 0 && xt->hi > xt->lo)
    {
      char buf[64];
      double lw = 0;
      double frac = (xt->v[xt->n - 1] - xt->lo) / (xt->hi - xt->lo);
      double right = area->x + area->w;

      ps_ticks_format (xt, xt->v[xt->n - 1], buf, sizeof buf);
      ps_plot_text_size (ctx, PS_FONT_TICK, buf, &lw, NULL);
      if (frac > 0 && f->x + frac * f->w + lw / 2 > right)
        f->w = floor (MAX ((right - lw / 2 - f->x) / frac, 10));
    }
}

/* Several runs: each in its colour (validation dashed), the first run on
 * top; the legend names them with their last value, and says which line
 * is validation when a run has one. */
static void
draw_runs (PsPlotCtx          *ctx,
           const PanelLayout  *pl,
           const PsCurvesData *data,
           const Panel        *p)
{
  guint n_runs = data->n_series;
  g_autofree const char **labels = g_new0 (const char *, n_runs + 1);
  g_autofree const PsPlotColor **colors = g_new0 (const PsPlotColor *, n_runs + 1);
  g_autofree gboolean *dashed = g_new0 (gboolean, n_runs + 1);
  g_autofree PsPlotColor *palette = g_new0 (PsPlotColor, n_runs);
  g_autoptr(GPtrArray) owned = g_ptr_array_new_with_free_func (g_free);
  gboolean any_val = FALSE;
  guint k = 0;
  PsRect legend;

  for (guint i = 0; i < n_runs; i++)
    ps_plot_class_color (data->series[i].color_index, &palette[i]);
  /* validation under training, the later runs under the earlier */
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = n_runs; i > 0; i--)
      {
        const PsCurvesSeries *r = &data->series[i - 1];
        const double *train, *val;

        series_arrays (r, p, &train, &val);
        if (pass == 0 && val != NULL)
          {
            draw_series (ctx, &pl->frame, &pl->xt, &pl->yt, val, r->n_epochs, &palette[i - 1], TRUE);
            any_val = TRUE;
          }
        if (pass == 1 && train != NULL)
          draw_series (ctx, &pl->frame, &pl->xt, &pl->yt, train, r->n_epochs, &palette[i - 1], FALSE);
      }

  for (guint i = 0; i < n_runs; i++)
    {
      const PsCurvesSeries *r = &data->series[i];
      const double *train, *val;
      double last;
      char num[32];
      char *label;

      series_arrays (r, p, &train, &val);
      if (last_finite (train, r->n_epochs, &last))
        label = g_strdup_printf ("%s  %s", r->label != NULL ? r->label : "",
                                 ps_plot_format_number (last, 3, 3, num, sizeof num));
      else
        label = g_strdup (r->label != NULL ? r->label : "");
      g_ptr_array_add (owned, label);
      labels[k] = label;
      colors[k] = &palette[i];
      dashed[k++] = FALSE;
    }
  if (any_val)
    {
      labels[k] = _("Validation");
      colors[k] = &ps_plot_ink_soft;
      dashed[k++] = TRUE;
    }
  draw_legend (ctx, &pl->frame, p->accuracy, labels, colors, dashed, k, &legend);
  if (legend.w == 0)
    {
      /* too narrow for the values: the labels alone */
      for (guint i = 0; i < n_runs; i++)
        labels[i] = data->series[i].label != NULL ? data->series[i].label : "";
      draw_legend (ctx, &pl->frame, p->accuracy, labels, colors, dashed, k, &legend);
    }
}

static void
draw_panel (PsPlotCtx          *ctx,
            const PanelLayout  *pl,
            const PsCurvesData *data,
            const Panel        *p)
{
  PsPlotColor c_train, c_val;
  const PsRect *f = &pl->frame;
  guint n = curves_n_epochs (data);
  guint cursor = MIN (data->cursor_epoch, n);
  double cx = data->has_cursor && data->n_series == 0 ? cursor_x (pl, data) : 0;
  PsRect legend = { 0 };

  ps_plot_class_color (0, &c_train);
  ps_plot_class_color (1, &c_val);

  cairo_save (ctx->cr);
  ps_plot_set_color (ctx->cr, &ps_plot_panel);
  cairo_rectangle (ctx->cr, f->x, f->y, f->w, f->h);
  cairo_fill (ctx->cr);
  cairo_restore (ctx->cr);
  ps_plot_axes_draw (ctx, f, &pl->xt, &pl->yt, _("Epoch"), p->ylabel, TRUE);

  if (n == 0 || !pl->any)
    {
      ps_plot_text (ctx, PS_FONT_LABEL, _("No epochs yet"), f->x + f->w / 2, f->y + f->h / 2,
                    0.5, 0.5, &ps_plot_ink_soft);
      if (data->has_cursor && data->n_series == 0)
        {
          draw_cursor_line (ctx, f, cx);
          draw_cursor_label (ctx, f, cx, cursor, &legend);
        }
      return;
    }

  if (data->n_series > 0)
    {
      draw_runs (ctx, pl, data, p);
      return;
    }

  /* under the curves: the data stays on top */
  if (data->has_cursor)
    draw_cursor_line (ctx, f, cx);
  if (p->train)
    draw_series (ctx, f, &pl->xt, &pl->yt, p->train, n, &c_train, FALSE);
  if (p->val)
    draw_series (ctx, f, &pl->xt, &pl->yt, p->val, n, &c_val, TRUE);
  if (data->has_cursor)
    {
      draw_cursor_dot (ctx, pl, cx, p->val, cursor, &c_val);
      draw_cursor_dot (ctx, pl, cx, p->train, cursor, &c_train);
    }

  {
    const char *labels[2];
    const PsPlotColor *colors[2];
    gboolean dashed[2];
    g_autofree char *l0 = NULL;
    g_autofree char *l1 = NULL;
    guint k = 0;

    if (p->train)
      {
        l0 = legend_label (p->train, n, _("Training  %s"), _("Training"));
        labels[k] = l0;
        colors[k] = &c_train;
        dashed[k++] = FALSE;
      }
    if (p->val)
      {
        l1 = legend_label (p->val, n, _("Validation  %s"), _("Validation"));
        labels[k] = l1;
        colors[k] = &c_val;
        dashed[k++] = TRUE;
      }
    if (k > 0)
      draw_legend (ctx, f, p->accuracy, labels, colors, dashed, k, &legend);
  }
  if (data->has_cursor)
    draw_cursor_label (ctx, f, cx, cursor, &legend);
}

/* Both panels' layouts; returns how many panels (1 or 2). */
static guint
curves_layout (PsPlotCtx          *ctx,
               const PsCurvesData *data,
               Panel              *panels,
               PanelLayout        *layouts)
{
  PsRect area, a, b;
  double top = ps_plot_title (ctx, data->title);
  gboolean two;

  memset (panels, 0, 2 * sizeof (Panel));
  panels[0].train = data->loss;
  panels[0].val = data->val_loss;
  panels[0].ylabel = _("Loss");
  panels[1].train = data->accuracy;
  panels[1].val = data->val_accuracy;
  panels[1].ylabel = _("Accuracy");
  panels[1].accuracy = TRUE;
  if (data->n_series == 0)
    two = data->accuracy != NULL || data->val_accuracy != NULL;
  else
    {
      two = FALSE;
      for (guint i = 0; i < data->n_series; i++)
        two = two || data->series[i].accuracy != NULL || data->series[i].val_accuracy != NULL;
    }

  area.x = ctx->pad;
  area.y = top + ctx->pad * 0.5;
  area.w = ctx->width - ctx->pad * 2.5;
  area.h = ctx->height - area.y - ctx->pad * 0.5;
  a = b = area;
  if (!two)
    {
      panel_layout (ctx, &area, data, &panels[0], &layouts[0]);
      return 1;
    }
  if (ctx->width >= ctx->height * 1.15)
    {
      double gap = ctx->fs * 1.5;

      a.w = (area.w - gap) / 2;
      b.x = area.x + a.w + gap;
      b.w = a.w;
    }
  else
    {
      double gap = ctx->fs * 0.8;

      a.h = (area.h - gap) / 2;
      b.y = area.y + a.h + gap;
      b.h = a.h;
    }
  panel_layout (ctx, &a, data, &panels[0], &layouts[0]);
  panel_layout (ctx, &b, data, &panels[1], &layouts[1]);
  return 2;
}

/**
 * ps_plot_curves:
 * @cr: target
 * @width: @height: size of the area in user units
 * @data: the history (borrowed)
 *
 * Loss (left) and accuracy (right, when given) per epoch, stacked when the
 * area is tall; validation dashed. Non-finite values leave a gap. With
 * has_cursor, a line at cursor_epoch crosses the panels, with a dot on each
 * series there and an "epoch N" label at its top.
 */
void
ps_plot_curves (cairo_t            *cr,
                double              width,
                double              height,
                const PsCurvesData *data)
{
  PsPlotCtx ctx;
  Panel panels[2];
  PanelLayout layouts[2];
  guint n;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (data != NULL);

  ps_plot_ctx_begin (&ctx, cr, width, height);
  n = curves_layout (&ctx, data, panels, layouts);
  for (guint i = 0; i < n; i++)
    draw_panel (&ctx, &layouts[i], data, &panels[i]);
  ps_plot_ctx_end (&ctx);
}

/**
 * ps_plot_curves_hit:
 * @x: @y: a position; the other arguments as given to ps_plot_curves()
 * @epoch: (out) (optional): the nearest epoch there, 0-based index into
 *   the arrays (clamped to the history)
 * @panel: (out) (optional): 0 for the loss panel, 1 for accuracy
 *
 * Returns: %TRUE when (x, y) is inside a panel and the history is not empty
 */
gboolean
ps_plot_curves_hit (double              width,
                    double              height,
                    const PsCurvesData *data,
                    double              x,
                    double              y,
                    guint              *epoch,
                    guint              *panel)
{
  PsPlotCtx ctx;
  Panel panels[2];
  PanelLayout layouts[2];
  guint n;

  g_return_val_if_fail (data != NULL, FALSE);
  if (curves_n_epochs (data) == 0)
    return FALSE;
  ps_plot_measure_begin (&ctx, width, height);
  n = curves_layout (&ctx, data, panels, layouts);
  ps_plot_ctx_end (&ctx);
  for (guint i = 0; i < n; i++)
    {
      const PsRect *f = &layouts[i].frame;
      double e;

      if (x < f->x || x > f->x + f->w || y < f->y || y > f->y + f->h)
        continue;
      e = ps_map (x, f->x, f->x + f->w, layouts[i].xt.lo, layouts[i].xt.hi);
      if (epoch)
        *epoch = (guint) CLAMP (floor (e + 0.5) - 1, 0.0, curves_n_epochs (data) - 1.0);
      if (panel)
        *panel = i;
      return TRUE;
    }
  return FALSE;
}
