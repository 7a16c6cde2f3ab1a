/* ps-separability-view.h: is the training set linearly separable, and why not
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For a training set of 2 or 3 features and 2 classes: the verdict in
 * words, the separating line or the overlapping hulls (2-D, through
 * ps_plot_separability), the plane in a box (3-D, through ps_plot_hidden),
 * w and b in words, and for the gate tables
 * the inequalities each row asks for and their contradiction.
 */
#pragma once

#include <gtk/gtk.h>

#include "ps-snapshot.h"

G_BEGIN_DECLS

#define PS_TYPE_SEPARABILITY_VIEW (ps_separability_view_get_type ())

G_DECLARE_FINAL_TYPE (PsSeparabilityView, ps_separability_view, PS, SEPARABILITY_VIEW, GtkWidget)

GtkWidget  *ps_separability_view_new          (void);
/* Follows @snapshot's training set (checked again only when it is a
 * different dataset: edited data is a new one). */
void        ps_separability_view_set_snapshot (PsSeparabilityView *self,
                                               PsSnapshot         *snapshot);
/* (transfer none) (nullable) */
PsSnapshot *ps_separability_view_get_snapshot (PsSeparabilityView *self);
/* The verdict shown ("The training set is not linearly separable."), or
 * NULL when the view does not apply. (transfer none) (nullable) */
const char *ps_separability_view_get_verdict  (PsSeparabilityView *self);
/* The text under the plot (inequalities, w and b), or NULL. (transfer none) */
const char *ps_separability_view_get_details  (PsSeparabilityView *self);
/* A PsPlotDrawFunc (user_data = the view): 2 features: the points with
 * the line or the hulls; 3 features: the points in their box at a fixed
 * angle with the separating plane. */
void        ps_separability_view_render       (cairo_t            *cr,
                                               double              width,
                                               double              height,
                                               gpointer            self);
/* TRUE when there is a picture to draw or export (the view applies and
 * the check succeeded). */
gboolean    ps_separability_view_has_data     (PsSeparabilityView *self);

G_END_DECLS
