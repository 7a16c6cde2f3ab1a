/* ps-plot-samples.h: sample grids with each sample's class probabilities
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * ps_plot_samples_full() (ps-plot.h) with a row of bars under each
 * caption: the probability the network gave each class (issue 11 §7).
 */
#pragma once

#include "ps-plot.h"

G_BEGIN_DECLS

typedef struct
{
  const float   *probs;     /* n × n_probs in [0, 1]; a row starting with NaN
                             * has no bars (no probability); NULL: no bars */
  guint          n_probs;   /* classes */
  const guint32 *truth;     /* n true classes (NULL: unknown) */
} PsSamplesBars;

/* The bars' colours: the predicted (largest) class when it is the true
 * one, when it is not, and every other class. */
extern const PsPlotColor ps_plot_bar_right;
extern const PsPlotColor ps_plot_bar_wrong;
extern const PsPlotColor ps_plot_bar_other;

/* @bars (nullable): NULL draws what ps_plot_samples_full() draws. */
void ps_plot_samples_bars     (cairo_t             *cr,
                               double               width,
                               double               height,
                               const PsSamplesData *data,
                               const PsSamplesBars *bars);
/* The index of the sample at (x, y) of that drawing, or −1. */
gint ps_plot_samples_bars_hit (double               width,
                               double               height,
                               const PsSamplesData *data,
                               const PsSamplesBars *bars,
                               double               x,
                               double               y);
/* Where the bars of sample @i are drawn (FALSE: none): the band's
 * rectangle, class k's bar centred at x + (k + 0.5) · w / n_probs. */
gboolean ps_plot_samples_bars_rect (double               width,
                                    double               height,
                                    const PsSamplesData *data,
                                    const PsSamplesBars *bars,
                                    guint                i,
                                    double              *x,
                                    double              *y,
                                    double              *w,
                                    double              *h);

G_END_DECLS
