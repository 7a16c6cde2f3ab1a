/* ps-boundary-view.h: the decision boundary of a network over 2-D data
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "ps-boundary.h"
#include "ps-session.h"
#include "ps-snapshot.h"

G_BEGIN_DECLS

#define PS_TYPE_BOUNDARY_VIEW (ps_boundary_view_get_type ())

G_DECLARE_FINAL_TYPE (PsBoundaryView, ps_boundary_view, PS, BOUNDARY_VIEW, GtkWidget)

/* Signal "sample-activated" (guint index): a click within a few pixels of
 * a training point; index in the training set (the nearest one). */
GtkWidget  *ps_boundary_view_new             (void);
/* Takes a reference; NULL clears. A snapshot without a network (before
 * training) shows the points only: the dataset's picture. */
void        ps_boundary_view_set_snapshot    (PsBoundaryView *self,
                                              PsSnapshot     *snapshot);
/* The picture of a dataset before there is a network: its points (train
 * filled, test hollow). Replaces the snapshot; NULL clears. */
void        ps_boundary_view_set_dataset     (PsBoundaryView *self,
                                              PsDataset      *train,
                                              PsDataset      *test);
/* No check buttons, no title, a smaller size request: a picture of the
 * points (the dataset panel). */
void        ps_boundary_view_set_compact     (PsBoundaryView *self,
                                              gboolean        compact);
/* (transfer none) (nullable) */
PsSnapshot *ps_boundary_view_get_snapshot    (PsBoundaryView *self);
/* Test points (hollow markers) on or off; also a property, "show-test". */
void        ps_boundary_view_set_show_test   (PsBoundaryView *self,
                                              gboolean        show_test);
gboolean    ps_boundary_view_get_show_test   (PsBoundaryView *self);
/* Hard class colours instead of confidence shading; property "discretize". */
void        ps_boundary_view_set_discretize  (PsBoundaryView *self,
                                              gboolean        discretize);
gboolean    ps_boundary_view_get_discretize  (PsBoundaryView *self);
/* The grid the view evaluates for a plot of width × height pixels. */
void        ps_boundary_view_grid_size       (double          width,
                                              double          height,
                                              guint          *rows,
                                              guint          *cols);
/* The network's outputs over the grid for a plot of width × height (what
 * ps_boundary_grid_new() computes; cached, owned by the view), or NULL. */
const PsBoundaryGrid *ps_boundary_view_get_grid (PsBoundaryView *self,
                                                 double          width,
                                                 double          height);
/* A PsPlotDrawFunc (user_data = the view). */
void        ps_boundary_view_render          (cairo_t        *cr,
                                              double          width,
                                              double          height,
                                              gpointer        self);
/* Data coordinates under (px, py) of the plot (drawing area coordinates);
 * FALSE outside the frame or without data. */
gboolean    ps_boundary_view_to_data         (PsBoundaryView *self,
                                              double          px,
                                              double          py,
                                              double         *x,
                                              double         *y);
/* (nullable): edits of the session's 2-D training set by clicks (a click
 * adds a point of the class chosen beside the view, a right click removes
 * the nearest one); NULL: a picture only. Weak pointer. */
void        ps_boundary_view_set_session     (PsBoundaryView *self,
                                              PsSession      *session);
/* TRUE when the data is 2-D (there is a picture to draw). */
gboolean    ps_boundary_view_has_data        (PsBoundaryView *self);

/* A unit's map full size instead of the output (issue 11 §1: a click on a
 * map in the Diagram): @layer 1 for the first hidden layer, as the Diagram
 * counts; 0 shows the decision boundary again (so does the view's "Back to
 * Output" button). get_unit returns the layer shown (0: the output). */
void        ps_boundary_view_show_unit     (PsBoundaryView *self,
                                            guint           layer,
                                            guint           unit);
guint       ps_boundary_view_get_unit      (PsBoundaryView *self,
                                            guint          *unit);

G_END_DECLS
