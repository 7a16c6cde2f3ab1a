/* ps-weights-view.h: per-layer weight heatmaps, first-layer image tiles
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "ps-snapshot.h"

G_BEGIN_DECLS

#define PS_TYPE_WEIGHTS_VIEW (ps_weights_view_get_type ())

G_DECLARE_FINAL_TYPE (PsWeightsView, ps_weights_view, PS, WEIGHTS_VIEW, GtkWidget)

GtkWidget  *ps_weights_view_new          (void);
void        ps_weights_view_set_snapshot (PsWeightsView *self,
                                          PsSnapshot    *snapshot);
/* (transfer none) (nullable) */
PsSnapshot *ps_weights_view_get_snapshot (PsWeightsView *self);
/* Which layer (0-based) the heatmap shows; clamped to the network. */
void        ps_weights_view_set_layer    (PsWeightsView *self,
                                          guint          layer);
guint       ps_weights_view_get_layer    (PsWeightsView *self);
/* For image inputs, the first layer's units as image tiles (default TRUE). */
void        ps_weights_view_set_tiles    (PsWeightsView *self,
                                          gboolean       tiles);
gboolean    ps_weights_view_get_tiles    (PsWeightsView *self);
/* What hovering at (x, y) (drawing area coordinates) reads, or NULL.
 * (transfer full) */
char       *ps_weights_view_describe_at  (PsWeightsView *self,
                                          double         x,
                                          double         y);
/* A PsPlotDrawFunc (user_data = the view). */
void        ps_weights_view_render       (cairo_t       *cr,
                                          double         width,
                                          double         height,
                                          gpointer       self);
gboolean    ps_weights_view_has_data     (PsWeightsView *self);

G_END_DECLS
