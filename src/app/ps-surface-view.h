/* ps-surface-view.h: the loss over two of the network's parameters
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two dropdowns ("First weight", "Second weight") list every parameter as
 * w[L:I:J] or b[L:J]; the view shows the loss over a 100 × 100 grid of
 * those two, every other parameter as in the snapshot shown (the
 * checkpoint when the timeline is scrubbed), as a heatmap with contours
 * (ps_plot_surface), and the run's path from the timeline's checkpoints up
 * to the epoch shown. The grid is computed in a worker thread; a newer
 * request (a pick, a timeline step) cancels the older; while a run trains
 * at most four a second start, each after the previous one landed.
 */
#pragma once

#include <gtk/gtk.h>

#include "ps-session.h"
#include "ps-snapshot.h"
#include "ps-timeline.h"

G_BEGIN_DECLS

#define PS_TYPE_SURFACE_VIEW (ps_surface_view_get_type ())

G_DECLARE_FINAL_TYPE (PsSurfaceView, ps_surface_view, PS, SURFACE_VIEW, GtkWidget)

/* Points along each axis of the grid. */
#define PS_SURFACE_VIEW_GRID 100

GtkWidget  *ps_surface_view_new          (void);
void        ps_surface_view_set_snapshot (PsSurfaceView *self,
                                          PsSnapshot    *snapshot);
/* (transfer none) (nullable) */
PsSnapshot *ps_surface_view_get_snapshot (PsSurfaceView *self);
/* The session whose timeline (ps_session_get_timeline(), the current run's)
 * draws the path. Kept with a reference; NULL: none. */
void        ps_surface_view_set_session  (PsSurfaceView *self,
                                          PsSession     *session);
/* Without a session: the timeline whose checkpoints draw the path (a
 * reference is kept; NULL: the path is the snapshot's own point). */
void        ps_surface_view_set_timeline (PsSurfaceView *self,
                                          PsTimeline    *timeline);
/* Picks the two parameters by name ("w[1:0:2]", "b[2:0]", as the
 * dropdowns list them); FALSE when the network has no such parameter or
 * they are the same. For a click on two links in the Diagram. */
gboolean    ps_surface_view_set_weights  (PsSurfaceView *self,
                                          const char    *first,
                                          const char    *second);
/* The names of the two parameters picked, or NULL without a network.
 * (transfer full) */
char       *ps_surface_view_dup_weights  (PsSurfaceView *self);
/* A grid is being computed. */
gboolean    ps_surface_view_is_computing (PsSurfaceView *self);
/* Grids computed and shown, and requests dropped for a newer one, since
 * the view was made (for tests and benchmarks). */
guint       ps_surface_view_get_n_computed  (PsSurfaceView *self);
guint       ps_surface_view_get_n_cancelled (PsSurfaceView *self);
/* Points on the path of the grid shown (0: no grid). */
guint       ps_surface_view_get_n_path   (PsSurfaceView *self);
/* A PsPlotDrawFunc (user_data = the view): the last grid computed. */
void        ps_surface_view_render       (cairo_t       *cr,
                                          double         width,
                                          double         height,
                                          gpointer       self);
gboolean    ps_surface_view_has_data     (PsSurfaceView *self);

G_END_DECLS
