/* ps-plot-private.h: shared drawing helpers of the plot renderers
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Not installed, not part of the contract: the layout and text helpers every
 * renderer uses so that all plots share one look.
 */
#pragma once

#include <pango/pangocairo.h>

#include "ps-plot.h"

G_BEGIN_DECLS

typedef struct
{
  double x, y, w, h;
} PsRect;

#define PS_TICKS_MAX 32

typedef struct
{
  double lo, hi;               /* axis range (data units) */
  guint  n;
  double v[PS_TICKS_MAX];
  int    decimals;
  gboolean compact;            /* labels 10k, 250k, 1.5M from 10 000 on */
} PsTicks;

/* Per-draw context: one PangoLayout reused for every label. */
typedef struct
{
  cairo_t     *cr;
  PangoLayout *layout;
  double       width, height;
  double       fs;             /* base font size in px */
  double       pad;            /* base spacing in px */
} PsPlotCtx;

typedef enum
{
  PS_FONT_TICK,
  PS_FONT_LABEL,
  PS_FONT_TITLE,
  PS_FONT_SMALL,
} PsFont;

/* Palette of the whole plot module. */
extern const PsPlotColor ps_plot_ink;        /* text */
extern const PsPlotColor ps_plot_ink_soft;   /* tick labels, frames */
extern const PsPlotColor ps_plot_panel;      /* plot area background */
extern const PsPlotColor ps_plot_grid;       /* grid lines */

void     ps_plot_ctx_begin        (PsPlotCtx         *ctx,
                                   cairo_t           *cr,
                                   double             width,
                                   double             height);
/* Layout-only context for hit tests (draws nowhere visible); end it with
 * ps_plot_ctx_end() too. */
void     ps_plot_measure_begin    (PsPlotCtx         *ctx,
                                   double             width,
                                   double             height);
void     ps_plot_ctx_end          (PsPlotCtx         *ctx);
double   ps_plot_font_size        (double             width,
                                   double             height);

void     ps_plot_set_font         (PsPlotCtx         *ctx,
                                   PsFont             font);
void     ps_plot_text_size        (PsPlotCtx         *ctx,
                                   PsFont             font,
                                   const char        *text,
                                   double            *w,
                                   double            *h);
/* Draws text anchored at (x, y): ax/ay 0 = left/top, 0.5 = centre, 1 = right/bottom. */
void     ps_plot_text             (PsPlotCtx         *ctx,
                                   PsFont             font,
                                   const char        *text,
                                   double             x,
                                   double             y,
                                   double             ax,
                                   double             ay,
                                   const PsPlotColor *color);
/* Same, rotated 90° counter-clockwise (for y-axis labels); anchors refer to
 * the rotated box as seen on screen. */
void     ps_plot_text_vertical    (PsPlotCtx         *ctx,
                                   PsFont             font,
                                   const char        *text,
                                   double             x,
                                   double             y,
                                   double             ax,
                                   double             ay,
                                   const PsPlotColor *color);
/* Draws the title centred at the top and returns the y below it. */
double   ps_plot_title            (PsPlotCtx         *ctx,
                                   const char        *title);
void     ps_plot_no_data          (PsPlotCtx         *ctx,
                                   const PsRect      *area,
                                   const char        *message);
/* Title, then the message on a panel filling the rest of the plot. */
void     ps_plot_no_data_page     (PsPlotCtx         *ctx,
                                   const char        *title,
                                   const char        *message);

void     ps_plot_set_color        (cairo_t           *cr,
                                   const PsPlotColor *c);
void     ps_plot_set_color_alpha  (cairo_t           *cr,
                                   const PsPlotColor *c,
                                   double             alpha);
PsPlotColor ps_plot_color_mix     (const PsPlotColor *a,
                                   const PsPlotColor *b,
                                   double             t);
/* Black or white, whichever reads better on background c. */
const PsPlotColor *ps_plot_text_color_on (const PsPlotColor *c);

void     ps_ticks_compute         (PsTicks           *t,
                                   double             lo,
                                   double             hi,
                                   guint              max_ticks,
                                   gboolean           integer,
                                   gboolean           expand);
void     ps_ticks_format          (const PsTicks     *t,
                                   double             v,
                                   char              *buf,
                                   gsize              len);
double   ps_ticks_max_label_width (PsPlotCtx         *ctx,
                                   const PsTicks     *t);

/* Frame of an x/y plot with grid lines, ticks, tick labels and axis labels
 * around `frame` (which the caller computed with ps_plot_axes_margins). */
void     ps_plot_axes_margins     (PsPlotCtx         *ctx,
                                   const PsTicks     *yt,
                                   const char        *xlabel,
                                   const char        *ylabel,
                                   double            *left,
                                   double            *bottom);
void     ps_plot_axes_draw        (PsPlotCtx         *ctx,
                                   const PsRect      *frame,
                                   const PsTicks     *xt,
                                   const PsTicks     *yt,
                                   const char        *xlabel,
                                   const char        *ylabel,
                                   gboolean           grid);
static inline double
ps_map (double v, double lo, double hi, double p0, double p1)
{
  return hi == lo ? (p0 + p1) / 2 : p0 + (v - lo) / (hi - lo) * (p1 - p0);
}

/* Vertical colour bar for a diverging (symmetric ±vmax) or sequential (0..vmax) map. */
/* For a line w0·x + w1·y + b = 0 that misses the data box [x_min, x_max] ×
 * [y_min, y_max] drawn in @frame: an arrow at the frame's edge pointing
 * towards where the line lies, and the note "w·x + b = 0 lies outside the
 * view". Nothing for a degenerate line. */
void     ps_plot_line_outside_marker (PsPlotCtx     *ctx,
                                      const PsRect  *frame,
                                      double         x_min,
                                      double         x_max,
                                      double         y_min,
                                      double         y_max,
                                      double         w0,
                                      double         w1,
                                      double         b);
void     ps_plot_colorbar         (PsPlotCtx         *ctx,
                                   const PsRect      *bar,
                                   double             vmin,
                                   double             vmax,
                                   gboolean           diverging,
                                   const char        *label);
double   ps_plot_colorbar_width   (PsPlotCtx         *ctx,
                                   double             vmin,
                                   double             vmax,
                                   const char        *label);

/* Diverging map as a 257-entry premultiplied ARGB32 lookup (index 128 = 0). */
const guint32 *ps_plot_diverging_lut (void);

/* An RGB24 image to write pixel by pixel (*px, *stride in pixels), or NULL
 * when cairo cannot make it. */
cairo_surface_t *ps_plot_image_new (int                width,
                                    int                height,
                                    guint32          **px,
                                    int               *stride);

/* Grid layout helper: best rows × cols for n tiles of aspect `aspect` (w/h)
 * in a w × h area where each tile needs `extra_h` px below it. */
void     ps_plot_tile_layout      (guint              n,
                                   double             area_w,
                                   double             area_h,
                                   double             aspect,
                                   double             gap,
                                   double             extra_h,
                                   guint             *rows,
                                   guint             *cols,
                                   double            *tile_w);

G_END_DECLS
