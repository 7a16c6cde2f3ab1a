/* ps-plot-network.c: network diagram (units per layer, links by weight)
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Layers are columns, inputs on the left. A layer with more than 12 units
 * shows its first 6 and last 4 with a "⋮" slot between them; only links
 * between shown units are drawn. Links are red for positive and blue for
 * negative weights (the heatmap's colours), wider and more opaque with |w|
 * relative to the largest |w| of their layer.
 */
#include "config.h"

#include "ps-plot-private.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define MAX_FULL   12          /* layers up to this size show every unit */
#define SHOW_HEAD  6
#define SHOW_TAIL  4
#define MAX_LAYERS 64
/* links drawn per unit shown between columns of which one is elided */
#define MAX_ELIDED_LINKS_PER_UNIT 1

typedef struct
{
  guint  n_slots;              /* shown units (+ 1 for the ellipsis) */
  gboolean ellipsis;
  double x;
  double y0, dy;               /* centre of slot 0 and spacing */
} Column;

typedef struct
{
  guint  n;
  Column col[MAX_LAYERS];
  double r;
  double caption_y;
  double max_abs[MAX_LAYERS];
} NetLayout;

static const PsPlotColor pos_color = { 0xc0 / 255.0, 0x2a / 255.0, 0x2a / 255.0, 1 };
static const PsPlotColor neg_color = { 0x21 / 255.0, 0x66 / 255.0, 0xac / 255.0, 1 };

/* Unit index shown in slot s, or -1 for the ellipsis slot. */
static gint64
slot_unit (const Column *c,
           guint         units,
           guint         s)
{
  if (!c->ellipsis)
    return s;
  if (s < SHOW_HEAD)
    return s;
  if (s == SHOW_HEAD)
    return -1;
  return (gint64) units - (c->n_slots - s);
}

static gint64
unit_slot (const Column *c,
           guint         units,
           guint         u)
{
  if (!c->ellipsis)
    return u;
  if (u < SHOW_HEAD)
    return u;
  if (u >= units - SHOW_TAIL)
    return c->n_slots - (units - u);
  return -1;
}

static void
layer_caption (const PsNetworkData *d,
               guint                l,
               char                *name,
               gsize                name_len,
               char                *sub,
               gsize                sub_len)
{
  if (l == 0)
    g_strlcpy (name, _("Input"), name_len);
  else if (l + 1 == d->n_sizes)
    g_strlcpy (name, _("Output"), name_len);
  else
    g_snprintf (name, name_len, _("Hidden %u"), l);
  if (l > 0 && d->activations && d->activations[l - 1])
    g_snprintf (sub, sub_len, "%u · %s", d->units[l], d->activations[l - 1]);
  else
    g_snprintf (sub, sub_len, "%u", d->units[l]);
}

static gboolean
has_maps (const PsNetworkData *d)
{
  return d->maps != NULL && d->map_rows > 0 && d->map_cols > 0
         && d->map_lo != NULL && d->map_hi != NULL;
}

/* The map of unit u of column i (i ≥ 1), or NULL. */
static const float *
unit_map (const PsNetworkData *d,
          guint                i,
          guint                u)
{
  if (i == 0 || !has_maps (d) || d->maps[i - 1] == NULL)
    return NULL;
  return d->maps[i - 1] + (gsize) u * d->map_rows * d->map_cols;
}

static void
net_layout (PsPlotCtx           *ctx,
            const PsNetworkData *d,
            NetLayout           *l)
{
  double top, capw = 0, caph, lh, sh, x0, x1, h, spacing, gap;
  guint max_slots = 1;

  l->n = MIN (d->n_sizes, MAX_LAYERS);
  top = ps_plot_title (ctx, d->title);
  for (guint i = 0; i < l->n; i++)
    {
      char name[64], sub[96];
      double w1, w2;

      layer_caption (d, i, name, sizeof name, sub, sizeof sub);
      ps_plot_text_size (ctx, PS_FONT_LABEL, name, &w1, &lh);
      ps_plot_text_size (ctx, PS_FONT_SMALL, sub, &w2, &sh);
      capw = MAX (capw, MAX (w1, w2));
      l->col[i].ellipsis = d->units[i] > MAX_FULL;
      l->col[i].n_slots = l->col[i].ellipsis ? SHOW_HEAD + 1 + SHOW_TAIL : d->units[i];
      max_slots = MAX (max_slots, l->col[i].n_slots);
    }
  caph = lh + sh + ctx->pad * 1.2;
  h = ctx->height - top - caph - ctx->pad * 2;
  spacing = h / max_slots;
  x0 = ctx->pad * 2 + MAX (capw / 2, ctx->fs * 2);
  x1 = ctx->width - ctx->pad * 2 - MAX (capw / 2, ctx->fs * 2);
  gap = l->n > 1 ? (x1 - x0) / (l->n - 1) : 0;
  if (has_maps (d))
    {
      /* map tiles (side 2r) are worth more room than circles: up to a
       * third of the slot spacing apart, and larger */
      l->r = CLAMP (MIN (spacing * 0.4, l->n > 1 ? gap * 0.16 : spacing), 3.0, ctx->fs * 3.2);
      spacing = MIN (spacing, l->r * 2.9);
    }
  else
    {
      l->r = CLAMP (MIN (spacing * 0.34, l->n > 1 ? gap * 0.1 : spacing), 3.0, ctx->fs * 1.8);
      spacing = MIN (spacing, l->r * 4.2);
    }
  {
    /* centre units + captions as one block */
    double block = (max_slots - 1) * spacing + 2 * l->r + ctx->pad * 1.2 + caph;
    double mid = top + (ctx->height - top - ctx->pad - block) / 2 + l->r + (max_slots - 1) * spacing / 2;

    for (guint i = 0; i < l->n; i++)
      {
        Column *c = &l->col[i];

        c->x = l->n > 1 ? x0 + i * gap : ctx->width / 2;
        c->dy = spacing;
        c->y0 = mid - (c->n_slots - 1) * spacing / 2;
      }
    l->caption_y = mid + (max_slots - 1) * spacing / 2 + l->r + ctx->pad * 1.2;
  }

  for (guint i = 0; i + 1 < l->n; i++)
    {
      const float *w = d->weights ? d->weights[i] : NULL;
      double m = 0;

      if (w)
        for (gsize k = 0; k < (gsize) d->units[i] * d->units[i + 1]; k++)
          if (isfinite (w[k]))
            m = MAX (m, fabs (w[k]));
      l->max_abs[i] = m > 0 ? m : 1;
    }
}

typedef struct
{
  double x0, y0, x1, y1, w, mag;
} Link;

static int
cmp_link (const void *a,
          const void *b)
{
  double x = ((const Link *) a)->mag, y = ((const Link *) b)->mag;

  return (x > y) - (x < y);
}

static void
link_style (const NetLayout *l,
            guint            layer,
            double           w,
            double          *width,
            double          *alpha)
{
  double m = isfinite (w) ? MIN (fabs (w) / l->max_abs[layer], 1.0) : 0;

  *width = 0.6 + MAX (l->r * 0.32, 2.0) * m;
  *alpha = 0.18 + 0.72 * m;
}

static void
subscript (char  *buf,
           gsize  len,
           const char *base,
           guint  index)
{
  static const char *digits[] = { "₀", "₁", "₂", "₃", "₄", "₅", "₆", "₇", "₈", "₉" };
  char num[16];
  GString *s = g_string_new (base);

  g_snprintf (num, sizeof num, "%u", index);
  for (char *p = num; *p; p++)
    g_string_append (s, digits[*p - '0']);
  g_strlcpy (buf, s->str, len);
  g_string_free (s, TRUE);
}

/* "— w > 0   — w < 0" between the first two layer captions. */
static void
draw_sign_legend (PsPlotCtx       *ctx,
                  const NetLayout *l)
{
  cairo_t *cr = ctx->cr;
  const char *pos = "w > 0", *neg = "w < 0";
  double sw = ctx->fs * 1.6, tw1, tw2, th, total, x, y;

  ps_plot_text_size (ctx, PS_FONT_SMALL, pos, &tw1, &th);
  ps_plot_text_size (ctx, PS_FONT_SMALL, neg, &tw2, NULL);
  total = 2 * sw + tw1 + tw2 + ctx->pad * 3.5;
  if (total > (l->col[1].x - l->col[0].x) - 2 * l->r - ctx->fs * 6)
    return;
  x = (l->col[0].x + l->col[1].x) / 2 - total / 2;
  y = l->caption_y + th / 2;
  cairo_save (cr);
  cairo_set_line_width (cr, 3);
  ps_plot_set_color_alpha (cr, &pos_color, 0.85);
  cairo_move_to (cr, x, y);
  cairo_line_to (cr, x + sw, y);
  cairo_stroke (cr);
  ps_plot_text (ctx, PS_FONT_SMALL, pos, x + sw + ctx->pad * 0.5, y, 0, 0.5, &ps_plot_ink_soft);
  x += sw + tw1 + ctx->pad * 2.5;
  ps_plot_set_color_alpha (cr, &neg_color, 0.85);
  cairo_move_to (cr, x, y);
  cairo_line_to (cr, x + sw, y);
  cairo_stroke (cr);
  ps_plot_text (ctx, PS_FONT_SMALL, neg, x + sw + ctx->pad * 0.5, y, 0, 0.5, &ps_plot_ink_soft);
  cairo_restore (cr);
}

/* The links between columns i and i + 1, weakest first so strong ones stay
 * on top. */
static void
draw_links (PsPlotCtx           *ctx,
            const PsNetworkData *d,
            const NetLayout     *l,
            guint                i)
{
  cairo_t *cr = ctx->cr;
  const Column *a = &l->col[i], *b = &l->col[i + 1];
  const float *w = d->weights ? d->weights[i] : NULL;
  g_autofree Link *links = NULL;
  guint nl = 0, first;

  links = g_new (Link, (gsize) a->n_slots * b->n_slots);
  for (guint sa = 0; sa < a->n_slots; sa++)
    {
      gint64 ua = slot_unit (a, d->units[i], sa);

      if (ua < 0)
        continue;
      for (guint sb = 0; sb < b->n_slots; sb++)
        {
          gint64 ub = slot_unit (b, d->units[i + 1], sb);
          Link *k;

          if (ub < 0)
            continue;
          k = &links[nl++];
          k->x0 = a->x + l->r;
          k->y0 = a->y0 + sa * a->dy;
          k->x1 = b->x - l->r;
          k->y1 = b->y0 + sb * b->dy;
          k->w = w ? w[ua * d->units[i + 1] + ub] : 0;
          k->mag = isfinite (k->w) ? fabs (k->w) : 0;
        }
    }
  qsort (links, nl, sizeof (Link), cmp_link);
  /* Between elided columns (a layer of hundreds of units, of which the
   * diagram shows ten) the links are a sample already, and a hundred
   * crossing lines read as a grey mesh: as many of the strongest as units shown
   * say more, and each long anti-aliased stroke costs cairo tens of µs
   * (the 784-128-10 diagram took 14–27 ms with all of them). */
  first = 0;
  if (w != NULL && (a->ellipsis || b->ellipsis))
    {
      guint cap = MAX_ELIDED_LINKS_PER_UNIT * (a->n_slots + b->n_slots);

      if (nl > cap)
        first = nl - cap;
    }
  cairo_save (cr);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  if (w == NULL)
    {
      /* no weights yet: the wiring only (one stroke per line, see below) */
      cairo_set_source_rgba (cr, 0.5, 0.5, 0.55, 0.4);
      cairo_set_line_width (cr, 1);
      for (guint k = 0; k < nl; k++)
        {
          cairo_move_to (cr, links[k].x0, links[k].y0);
          cairo_line_to (cr, links[k].x1, links[k].y1);
          cairo_stroke (cr);
        }
    }
  else
    {
      /* One stroke per link: cairo strokes a path of many crossing
       * lines far slower (its tessellator) than the lines one by one. */
      for (guint k = first; k < nl; k++)
        {
          double lw, alpha;

          link_style (l, i, links[k].w, &lw, &alpha);
          ps_plot_set_color_alpha (cr, links[k].w >= 0 ? &pos_color : &neg_color, alpha);
          cairo_set_line_width (cr, lw);
          cairo_move_to (cr, links[k].x0, links[k].y0);
          cairo_line_to (cr, links[k].x1, links[k].y1);
          cairo_stroke (cr);
        }
    }
  cairo_restore (cr);
}

/* "x₁" on an input, "ŷ" or "ŷ₁" on an output unit u of column i centred at
 * (x, y), in the label font or else the small one; none if neither fits. */
static void
draw_unit_label (PsPlotCtx           *ctx,
                 const PsNetworkData *d,
                 const NetLayout     *l,
                 guint                i,
                 guint                u,
                 double               x,
                 double               y,
                 const PsPlotColor   *fill)
{
  char lbl[32];
  double tw;

  if (i == 0)
    subscript (lbl, sizeof lbl, "x", u + 1);
  else if (d->units[i] == 1)
    g_strlcpy (lbl, "ŷ", sizeof lbl);
  else
    subscript (lbl, sizeof lbl, "ŷ", u + 1);
  ps_plot_text_size (ctx, PS_FONT_LABEL, lbl, &tw, NULL);
  if (tw < l->r * 1.6)
    ps_plot_text (ctx, PS_FONT_LABEL, lbl, x, y, 0.5, 0.5, ps_plot_text_color_on (fill));
  else
    {
      ps_plot_text_size (ctx, PS_FONT_SMALL, lbl, &tw, NULL);
      if (tw < l->r * 1.8)
        ps_plot_text (ctx, PS_FONT_SMALL, lbl, x, y, 0.5, 0.5, ps_plot_text_color_on (fill));
    }
}

/* Column i's units (filled by bias where given) and its caption below. */
static void
draw_units (PsPlotCtx           *ctx,
            const PsNetworkData *d,
            const NetLayout     *l,
            guint                i)
{
  cairo_t *cr = ctx->cr;
  const Column *c = &l->col[i];
  const float *bias = (i > 0 && d->biases) ? d->biases[i - 1] : NULL;
  double bmax = 0, lh;
  char name[64], sub[96];

  if (bias)
    for (guint u = 0; u < d->units[i]; u++)
      if (isfinite (bias[u]))
        bmax = MAX (bmax, fabs (bias[u]));
  for (guint s = 0; s < c->n_slots; s++)
    {
      gint64 u = slot_unit (c, d->units[i], s);
      double y = c->y0 + s * c->dy;
      PsPlotColor fill = { 1, 1, 1, 1 };

      if (u < 0)
        {
          ps_plot_text (ctx, PS_FONT_LABEL, "⋮", c->x, y, 0.5, 0.5, &ps_plot_ink_soft);
          continue;
        }
      if (unit_map (d, i, (guint) u) != NULL)
        {
          ps_plot_unit_map (cr, c->x - l->r, y - l->r, 2 * l->r, 2 * l->r,
                            unit_map (d, i, (guint) u), d->map_rows, d->map_cols,
                            d->map_lo[i - 1], d->map_hi[i - 1]);
          cairo_new_path (cr);
          cairo_rectangle (cr, c->x - l->r, y - l->r, 2 * l->r, 2 * l->r);
          ps_plot_set_color (cr, &ps_plot_ink);
          cairo_set_line_width (cr, 1);
          cairo_stroke (cr);
          continue;
        }
      cairo_new_path (cr);
      cairo_arc (cr, c->x, y, l->r, 0, 2 * G_PI);
      if (i == 0)
        fill = (PsPlotColor) { 0.93, 0.94, 0.96, 1 };
      else if (bias && bmax > 0)
        ps_plot_diverging_color (0.6 * bias[u] / bmax, &fill);
      ps_plot_set_color (cr, &fill);
      cairo_fill_preserve (cr);
      ps_plot_set_color (cr, &ps_plot_ink);
      cairo_set_line_width (cr, MAX (1.0, l->r * 0.12));
      cairo_stroke (cr);

      if (l->r >= ctx->fs * 0.9 && (i == 0 || i + 1 == l->n))
        draw_unit_label (ctx, d, l, i, (guint) u, c->x, y, &fill);
    }
  layer_caption (d, i, name, sizeof name, sub, sizeof sub);
  ps_plot_text_size (ctx, PS_FONT_LABEL, name, NULL, &lh);
  ps_plot_text (ctx, PS_FONT_LABEL, name, c->x, l->caption_y, 0.5, 0, &ps_plot_ink);
  ps_plot_text (ctx, PS_FONT_SMALL, sub, c->x, l->caption_y + lh, 0.5, 0, &ps_plot_ink_soft);
}

/* The enlarged map's square: four times the tile, beside the unit
 * (right of it, or left for the output column), kept inside the plot. */
static gboolean
hover_rect (PsPlotCtx           *ctx,
            const PsNetworkData *d,
            const NetLayout     *l,
            PsRect              *rect)
{
  const Column *c;
  gint64 slot;
  double side, cy, x;

  if (d->hover_layer == 0 || d->hover_layer >= l->n
      || d->hover_unit >= d->units[d->hover_layer]
      || unit_map (d, d->hover_layer, d->hover_unit) == NULL)
    return FALSE;
  c = &l->col[d->hover_layer];
  slot = unit_slot (c, d->units[d->hover_layer], d->hover_unit);
  if (slot < 0)
    return FALSE;
  side = MIN (MAX (l->r * 6, ctx->fs * 12), MIN (ctx->width, ctx->height) - 2 * ctx->pad);
  cy = c->y0 + slot * c->dy;
  x = d->hover_layer + 1 < l->n ? c->x + l->r + ctx->pad : c->x - l->r - ctx->pad - side;
  rect->w = rect->h = MAX (side, 1);
  rect->x = CLAMP (x, ctx->pad, MAX (ctx->pad, ctx->width - ctx->pad - rect->w));
  rect->y = CLAMP (cy - side / 2, ctx->pad, MAX (ctx->pad, ctx->height - ctx->pad - rect->h));
  return TRUE;
}

static void
draw_hover (PsPlotCtx           *ctx,
            const PsNetworkData *d,
            const NetLayout     *l)
{
  cairo_t *cr = ctx->cr;
  PsRect r;
  char name[64], lo[32], hi[32], text[128];
  guint i = d->hover_layer;
  double th;

  if (!hover_rect (ctx, d, l, &r))
    return;
  if (i + 1 == l->n)
    g_snprintf (name, sizeof name, _("Output, unit %u"), d->hover_unit + 1);
  else
    g_snprintf (name, sizeof name, _("Hidden %u, unit %u"), i, d->hover_unit + 1);
  ps_plot_format_number (d->map_lo[i - 1], 2, 3, lo, sizeof lo);
  ps_plot_format_number (d->map_hi[i - 1], 2, 3, hi, sizeof hi);
  /* blue … red: the range the colours span */
  g_snprintf (text, sizeof text, "%s  (%s … %s)", name, lo, hi);
  ps_plot_text_size (ctx, PS_FONT_SMALL, text, NULL, &th);

  cairo_save (cr);
  /* a white card with a shadow-like frame, the caption on it */
  cairo_rectangle (cr, r.x - 3, r.y - 3, r.w + 6, r.h + th + 8);
  cairo_set_source_rgba (cr, 1, 1, 1, 0.97);
  cairo_fill_preserve (cr);
  ps_plot_set_color (cr, &ps_plot_ink_soft);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);
  ps_plot_unit_map (cr, r.x, r.y, r.w, r.h, unit_map (d, i, d->hover_unit),
                    d->map_rows, d->map_cols, d->map_lo[i - 1], d->map_hi[i - 1]);
  cairo_rectangle (cr, r.x, r.y, r.w, r.h);
  ps_plot_set_color (cr, &ps_plot_ink);
  cairo_stroke (cr);
  cairo_restore (cr);
  ps_plot_text (ctx, PS_FONT_SMALL, text, r.x + r.w / 2, r.y + r.h + 2, 0.5, 0, &ps_plot_ink);
}

gboolean
ps_plot_network_hover_rect (double               width,
                            double               height,
                            const PsNetworkData *d,
                            double              *x,
                            double              *y,
                            double              *w,
                            double              *h)
{
  PsPlotCtx ctx;
  NetLayout l;
  PsRect r;
  gboolean ok;

  g_return_val_if_fail (d != NULL, FALSE);

  if (d->units == NULL || d->n_sizes == 0)
    return FALSE;
  ps_plot_measure_begin (&ctx, width, height);
  net_layout (&ctx, d, &l);
  ok = hover_rect (&ctx, d, &l, &r);
  ps_plot_ctx_end (&ctx);
  if (ok)
    {
      *x = r.x;
      *y = r.y;
      *w = r.w;
      *h = r.h;
    }
  return ok;
}

/**
 * ps_plot_network_full:
 * @data: layer sizes, weights and optional biases, activations and title
 *
 * Units with a bias are filled with its colour on the diverging map.
 */
void
ps_plot_network_full (cairo_t             *cr,
                      double               width,
                      double               height,
                      const PsNetworkData *d)
{
  PsPlotCtx ctx;
  NetLayout l;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (d != NULL);

  ps_plot_ctx_begin (&ctx, cr, width, height);
  if (d->units == NULL || d->n_sizes == 0)
    {
      ps_plot_no_data_page (&ctx, d->title, _("No network"));
      ps_plot_ctx_end (&ctx);
      return;
    }
  net_layout (&ctx, d, &l);
  for (guint i = 0; i + 1 < l.n; i++)
    draw_links (&ctx, d, &l, i);
  for (guint i = 0; i < l.n; i++)
    draw_units (&ctx, d, &l, i);
  if (l.n >= 2 && d->weights)
    draw_sign_legend (&ctx, &l);
  draw_hover (&ctx, d, &l);
  ps_plot_ctx_end (&ctx);
}

void
ps_plot_network (cairo_t      *cr,
                 double        width,
                 double        height,
                 const guint  *units,
                 guint         n_sizes,
                 const float **weights)
{
  PsNetworkData d = { 0 };

  d.units = units;
  d.n_sizes = n_sizes;
  d.weights = weights;
  ps_plot_network_full (cr, width, height, &d);
}

static double
segment_distance (double px,
                  double py,
                  double x0,
                  double y0,
                  double x1,
                  double y1)
{
  double dx = x1 - x0, dy = y1 - y0;
  double len2 = dx * dx + dy * dy;
  double t = len2 > 0 ? ((px - x0) * dx + (py - y0) * dy) / len2 : 0;

  t = CLAMP (t, 0.0, 1.0);
  return hypot (px - (x0 + t * dx), py - (y0 + t * dy));
}

/**
 * ps_plot_network_hit_full:
 * @x: @y: a position; the other arguments as given to ps_plot_network_full()
 * @hit: (out): what is there
 *
 * Units win over links; among links the nearest within a few pixels wins.
 *
 * Returns: %TRUE when something is there
 */
gboolean
ps_plot_network_hit_full (double               width,
                          double               height,
                          const PsNetworkData *d,
                          double               x,
                          double               y,
                          PsPlotNetworkHit    *hit)
{
  PsPlotCtx ctx;
  NetLayout l;
  double best = G_MAXDOUBLE;

  g_return_val_if_fail (d != NULL, FALSE);
  g_return_val_if_fail (hit != NULL, FALSE);

  memset (hit, 0, sizeof *hit);
  hit->kind = PS_PLOT_HIT_NONE;
  if (d->units == NULL || d->n_sizes == 0)
    return FALSE;
  ps_plot_measure_begin (&ctx, width, height);
  net_layout (&ctx, d, &l);
  ps_plot_ctx_end (&ctx);

  for (guint i = 0; i < l.n; i++)
    {
      const Column *c = &l.col[i];
      double fs;
      gint64 slot, u;

      if (fabs (x - c->x) > l.r + 2)
        continue;
      fs = (y - c->y0) / c->dy;
      slot = (gint64) floor (fs + 0.5);
      if (slot < 0 || slot >= c->n_slots)
        continue;
      u = slot_unit (c, d->units[i], (guint) slot);
      if (u < 0)
        continue;
      /* map tiles are squares */
      if (unit_map (d, i, (guint) u) != NULL
          ? fabs (y - (c->y0 + slot * c->dy)) > l.r + 2
          : hypot (x - c->x, y - (c->y0 + slot * c->dy)) > l.r + 2)
        continue;
      hit->kind = PS_PLOT_HIT_UNIT;
      hit->layer = i;
      hit->unit = (guint) u;
      if (i > 0 && d->biases && d->biases[i - 1])
        {
          hit->value = d->biases[i - 1][u];
          hit->has_value = TRUE;
        }
      return TRUE;
    }

  for (guint i = 0; i + 1 < l.n; i++)
    {
      const Column *a = &l.col[i], *b = &l.col[i + 1];
      const float *w = d->weights ? d->weights[i] : NULL;
      if (x < a->x || x > b->x)
        continue;
      for (guint ua = 0; ua < d->units[i]; ua++)
        {
          gint64 sa = unit_slot (a, d->units[i], ua);

          if (sa < 0)
            {
              ua = d->units[i] - SHOW_TAIL - 1;
              continue;
            }
          for (guint ub = 0; ub < d->units[i + 1]; ub++)
            {
              gint64 sb = unit_slot (b, d->units[i + 1], ub);
              double lw, alpha, dist, wv;

              if (sb < 0)
                {
                  ub = d->units[i + 1] - SHOW_TAIL - 1;
                  continue;
                }
              wv = w ? w[(gsize) ua * d->units[i + 1] + ub] : 0;
              link_style (&l, i, wv, &lw, &alpha);
              dist = segment_distance (x, y, a->x + l.r, a->y0 + sa * a->dy,
                                       b->x - l.r, b->y0 + sb * b->dy);
              if (dist <= MAX (4.0, lw / 2 + 2) && dist < best)
                {
                  best = dist;
                  hit->kind = PS_PLOT_HIT_LINK;
                  hit->layer = i;
                  hit->input = ua;
                  hit->unit = ub;
                  hit->value = wv;
                  hit->has_value = w != NULL;
                }
            }
        }
    }
  return hit->kind != PS_PLOT_HIT_NONE;
}

gboolean
ps_plot_network_hit (double            width,
                     double            height,
                     const guint      *units,
                     guint             n_sizes,
                     const float     **weights,
                     double            x,
                     double            y,
                     PsPlotNetworkHit *hit)
{
  PsNetworkData d = { 0 };

  d.units = units;
  d.n_sizes = n_sizes;
  d.weights = weights;
  return ps_plot_network_hit_full (width, height, &d, x, y, hit);
}
