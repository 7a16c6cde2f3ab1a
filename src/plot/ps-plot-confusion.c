/* ps-plot-confusion.c: confusion matrix with counts and row-normalised colour
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ps-plot-private.h"

#include <glib/gi18n-lib.h>
#include <math.h>

typedef struct
{
  PsRect   frame;
  PsRect   bar;
  double   cell;
  gboolean vertical_x;         /* class names under the columns read upwards */
  double   top;
  double   summary_y;
  double   name_w, name_h;
} ConfLayout;

static const char *
name_of (const char **names,
         guint        k,
         char        *buf,
         gsize        len)
{
  if (names && names[k])
    return names[k];
  g_snprintf (buf, len, "%u", k);
  return buf;
}

static char *
summary_text (const guint64 *counts,
              guint          n)
{
  guint64 total = 0, right = 0;

  for (guint i = 0; i < n; i++)
    for (guint j = 0; j < n; j++)
      {
        total += counts[i * n + j];
        if (i == j)
          right += counts[i * n + j];
      }
  if (total == 0)
    return NULL;
  /* a plain format: xgettext cannot read G_GUINT64_FORMAT */
  return g_strdup_printf (_("accuracy %.1f %% on %llu samples"),
                          100.0 * right / total, (unsigned long long) total);
}

static void
conf_layout (PsPlotCtx     *ctx,
             const guint64 *counts,
             guint          n,
             const char   **names,
             const char    *title,
             ConfLayout    *l)
{
  double lh, left, bottom, cbw, aw, ah, cell;
  g_autofree char *summary = summary_text (counts, n);
  char buf[32];

  l->top = ps_plot_title (ctx, title);
  l->summary_y = title && *title ? l->top - ctx->pad * 0.6 : ctx->pad;
  if (summary)
    {
      double sh;

      ps_plot_text_size (ctx, PS_FONT_SMALL, summary, NULL, &sh);
      l->top += sh + ctx->pad * 0.2;
    }
  l->name_w = 0;
  for (guint k = 0; k < n; k++)
    {
      double w, h;

      ps_plot_text_size (ctx, PS_FONT_TICK, name_of (names, k, buf, sizeof buf), &w, &h);
      l->name_w = MAX (l->name_w, w);
      l->name_h = h;
    }
  ps_plot_text_size (ctx, PS_FONT_LABEL, "Ag", NULL, &lh);
  cbw = ps_plot_colorbar_width (ctx, 0, 1, _("fraction of true class"));

  left = ctx->pad * 1.5 + lh + ctx->pad + l->name_w + ctx->pad * 0.8;
  aw = ctx->width - left - cbw - ctx->pad * 4;
  /* Try horizontal column names first. */
  bottom = l->name_h + ctx->pad * 1.2 + lh + ctx->pad;
  ah = ctx->height - l->top - bottom - ctx->pad * 0.3;
  cell = MIN (aw / n, ah / n);
  l->vertical_x = l->name_w > cell - ctx->pad * 0.4;
  if (l->vertical_x)
    {
      bottom = l->name_w + ctx->pad * 1.2 + lh + ctx->pad;
      ah = ctx->height - l->top - bottom - ctx->pad * 0.3;
      cell = MIN (aw / n, ah / n);
    }
  cell = MAX (cell, 1);
  l->cell = cell;
  l->frame.w = l->frame.h = cell * n;
  l->frame.x = left + MAX ((aw - l->frame.w) / 2, 0);
  l->frame.y = l->top + ctx->pad * 0.3;
  l->bar.x = l->frame.x + l->frame.w + ctx->pad * 2;
  l->bar.y = l->frame.y;
  l->bar.w = cbw;
  l->bar.h = l->frame.h;
}

/* The cells, coloured by their share of the row, with their counts where
 * they fit. */
static void
draw_cells (PsPlotCtx        *ctx,
            const ConfLayout *l,
            const guint64    *counts,
            guint             n)
{
  cairo_t *cr = ctx->cr;
  PsFont font = l->cell >= ctx->fs * 3.5 ? PS_FONT_LABEL : PS_FONT_TICK;
  char buf[64];

  for (guint i = 0; i < n; i++)
    {
      guint64 row = 0;

      for (guint j = 0; j < n; j++)
        row += counts[i * n + j];
      for (guint j = 0; j < n; j++)
        {
          guint64 v = counts[i * n + j];
          double frac = row ? (double) v / row : 0;
          double x = l->frame.x + j * l->cell, y = l->frame.y + i * l->cell;
          PsPlotColor bg;
          const PsPlotColor *fg;
          double tw;

          ps_plot_sequential_color (frac, &bg);
          ps_plot_set_color (cr, &bg);
          cairo_rectangle (cr, x, y, l->cell, l->cell);
          cairo_fill (cr);
          fg = ps_plot_text_color_on (&bg);

          g_snprintf (buf, sizeof buf, "%" G_GUINT64_FORMAT, v);
          ps_plot_text_size (ctx, font, buf, &tw, NULL);
          if (tw > l->cell - 2)
            continue;          /* cell too small for its number: colour only */
          if (v == 0)
            {
              static const PsPlotColor faint = { 0.6, 0.63, 0.68, 1 };

              ps_plot_text (ctx, font, buf, x + l->cell / 2, y + l->cell / 2, 0.5, 0.5, &faint);
            }
          else
            ps_plot_text (ctx, font, buf, x + l->cell / 2, y + l->cell / 2, 0.5, 0.5, fg);
        }
    }
}

/* Thin white separators, the frame, and the selected cell (if any) as an
 * orange ring inside a white halo. */
static void
draw_grid (PsPlotCtx        *ctx,
           const ConfLayout *l,
           guint             n,
           int               sel_true,
           int               sel_pred)
{
  cairo_t *cr = ctx->cr;

  cairo_save (cr);
  if (l->cell >= 8)
    {
      cairo_set_source_rgba (cr, 1, 1, 1, 0.7);
      cairo_set_line_width (cr, 1);
      for (guint k = 1; k < n; k++)
        {
          cairo_move_to (cr, l->frame.x + k * l->cell, l->frame.y);
          cairo_line_to (cr, l->frame.x + k * l->cell, l->frame.y + l->frame.h);
          cairo_move_to (cr, l->frame.x, l->frame.y + k * l->cell);
          cairo_line_to (cr, l->frame.x + l->frame.w, l->frame.y + k * l->cell);
        }
      cairo_stroke (cr);
    }
  ps_plot_set_color_alpha (cr, &ps_plot_ink_soft, 0.8);
  cairo_rectangle (cr, round (l->frame.x) + 0.5, round (l->frame.y) + 0.5,
                   round (l->frame.w) - 1, round (l->frame.h) - 1);
  cairo_stroke (cr);

  if (sel_true >= 0 && sel_pred >= 0 && (guint) sel_true < n && (guint) sel_pred < n)
    {
      double lw = CLAMP (l->cell * 0.08, 1.5, 4);
      double x = l->frame.x + sel_pred * l->cell, y = l->frame.y + sel_true * l->cell;
      double inset = MIN (lw * 1.5, l->cell / 4);

      cairo_set_line_width (cr, lw * 2);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_rectangle (cr, x + inset, y + inset, MAX (l->cell - 2 * inset, 1), MAX (l->cell - 2 * inset, 1));
      cairo_stroke (cr);
      cairo_set_line_width (cr, lw);
      cairo_set_source_rgb (cr, 0xe6 / 255.0, 0x6c / 255.0, 0x00 / 255.0);
      cairo_rectangle (cr, x + inset, y + inset, MAX (l->cell - 2 * inset, 1), MAX (l->cell - 2 * inset, 1));
      cairo_stroke (cr);
    }
  cairo_restore (cr);
}

/* Class names: rows (true) on the left, columns (predicted) below, thinned
 * out when cells are smaller than the text; then the two axis labels. */
static void
draw_names (PsPlotCtx        *ctx,
            const ConfLayout *l,
            guint             n,
            const char      **class_names)
{
  guint every = 1;
  double lh;
  char buf[64];

  while (l->cell * every < l->name_h * 1.05)
    every++;
  for (guint k = 0; k < n; k += every)
    {
      const char *name = name_of (class_names, k, buf, sizeof buf);

      ps_plot_text (ctx, PS_FONT_TICK, name, l->frame.x - ctx->pad * 0.8,
                    l->frame.y + (k + 0.5) * l->cell, 1, 0.5, &ps_plot_ink);
      if (l->vertical_x)
        ps_plot_text_vertical (ctx, PS_FONT_TICK, name, l->frame.x + (k + 0.5) * l->cell,
                               l->frame.y + l->frame.h + ctx->pad * 0.8, 0.5, 0, &ps_plot_ink);
      else
        ps_plot_text (ctx, PS_FONT_TICK, name, l->frame.x + (k + 0.5) * l->cell,
                      l->frame.y + l->frame.h + ctx->pad * 0.8, 0.5, 0, &ps_plot_ink);
    }
  ps_plot_text_size (ctx, PS_FONT_LABEL, "Ag", NULL, &lh);
  ps_plot_text (ctx, PS_FONT_LABEL, _("Predicted"), l->frame.x + l->frame.w / 2,
                l->frame.y + l->frame.h + ctx->pad * 1.2 + (l->vertical_x ? l->name_w : l->name_h),
                0.5, 0, &ps_plot_ink);
  ps_plot_text_vertical (ctx, PS_FONT_LABEL, _("True"),
                         l->frame.x - ctx->pad * 1.6 - l->name_w, l->frame.y + l->frame.h / 2,
                         1, 0.5, &ps_plot_ink);
}

/**
 * ps_plot_confusion:
 * @counts: n × n, row = true class, column = predicted class
 * @class_names: (nullable): n names, or NULL for 0 … n−1
 *
 * Cells show counts and are coloured by the row-normalised value (the share
 * of each true class), so a small class reads as clearly as a big one.
 */
void
ps_plot_confusion (cairo_t       *cr,
                   double         width,
                   double         height,
                   const guint64 *counts,
                   guint          n_classes,
                   const char   **class_names,
                   const char    *title)
{
  ps_plot_confusion_selected (cr, width, height, counts, n_classes, class_names, title, -1, -1);
}

/**
 * ps_plot_confusion_selected:
 * @sel_true: @sel_pred: the selected cell, or -1
 *
 * ps_plot_confusion() with the selected cell outlined in a dark ring with
 * a white halo, readable on the lightest and the darkest cell.
 */
void
ps_plot_confusion_selected (cairo_t       *cr,
                            double         width,
                            double         height,
                            const guint64 *counts,
                            guint          n_classes,
                            const char   **class_names,
                            const char    *title,
                            int            sel_true,
                            int            sel_pred)
{
  g_autofree char *summary = NULL;
  PsPlotCtx ctx;
  ConfLayout l;

  g_return_if_fail (cr != NULL);

  ps_plot_ctx_begin (&ctx, cr, width, height);
  if (counts == NULL || n_classes == 0)
    {
      ps_plot_no_data_page (&ctx, title, _("No evaluation yet"));
      ps_plot_ctx_end (&ctx);
      return;
    }
  conf_layout (&ctx, counts, n_classes, class_names, title, &l);

  summary = summary_text (counts, n_classes);
  if (summary)
    ps_plot_text (&ctx, PS_FONT_SMALL, summary, width / 2, l.summary_y, 0.5, 0, &ps_plot_ink_soft);
  draw_cells (&ctx, &l, counts, n_classes);
  draw_grid (&ctx, &l, n_classes, sel_true, sel_pred);
  draw_names (&ctx, &l, n_classes, class_names);
  ps_plot_colorbar (&ctx, &l.bar, 0, 1, FALSE, _("fraction of true class"));
  ps_plot_ctx_end (&ctx);
}

/**
 * ps_plot_confusion_hit:
 * @x: @y: a position; the other arguments as given to ps_plot_confusion()
 * @true_class: @predicted: (out) (optional): the cell there
 *
 * Returns: %TRUE when (x, y) is over a cell
 */
gboolean
ps_plot_confusion_hit (double         width,
                       double         height,
                       const guint64 *counts,
                       guint          n_classes,
                       const char   **class_names,
                       const char    *title,
                       double         x,
                       double         y,
                       guint         *true_class,
                       guint         *predicted)
{
  PsPlotCtx ctx;
  ConfLayout l;

  if (counts == NULL || n_classes == 0)
    return FALSE;
  ps_plot_measure_begin (&ctx, width, height);
  conf_layout (&ctx, counts, n_classes, class_names, title, &l);
  ps_plot_ctx_end (&ctx);
  if (x < l.frame.x || y < l.frame.y || x >= l.frame.x + l.frame.w || y >= l.frame.y + l.frame.h)
    return FALSE;
  if (predicted)
    *predicted = MIN ((guint) ((x - l.frame.x) / l.cell), n_classes - 1);
  if (true_class)
    *true_class = MIN ((guint) ((y - l.frame.y) / l.cell), n_classes - 1);
  return TRUE;
}
