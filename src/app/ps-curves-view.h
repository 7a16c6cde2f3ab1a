/* ps-curves-view.h: live loss and accuracy curves (train and validation)
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "ps-session.h"
#include "ps-snapshot.h"

G_BEGIN_DECLS

#define PS_TYPE_CURVES_VIEW (ps_curves_view_get_type ())

G_DECLARE_FINAL_TYPE (PsCurvesView, ps_curves_view, PS, CURVES_VIEW, GtkWidget)

GtkWidget  *ps_curves_view_new          (void);
/* Takes a reference; NULL clears the view. Redraws only when it changes. */
void        ps_curves_view_set_snapshot (PsCurvesView *self,
                                         PsSnapshot   *snapshot);
/* (transfer none) (nullable) */
PsSnapshot *ps_curves_view_get_snapshot (PsCurvesView *self);
/* The view's picture at any size: a PsPlotDrawFunc (user_data = the view). */
void        ps_curves_view_render       (cairo_t      *cr,
                                         double        width,
                                         double        height,
                                         gpointer      self);
/* The Runs overlay: while runs of @session are ticked ("shown"), the view
 * draws them (each in its colour, with a legend) instead of the
 * snapshot's history. Once; the view holds a reference. */
void        ps_curves_view_set_session  (PsCurvesView *self,
                                         PsSession    *session);
/* TRUE when there is something to draw (at least one epoch, or a ticked
 * run). */
gboolean    ps_curves_view_has_data     (PsCurvesView *self);

G_END_DECLS
