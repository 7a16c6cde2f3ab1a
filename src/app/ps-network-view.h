/* ps-network-view.h: the network diagram, links coloured by sign and sized by |w|
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "ps-hidden-view.h"
#include "ps-snapshot.h"

G_BEGIN_DECLS

#define PS_TYPE_NETWORK_VIEW (ps_network_view_get_type ())

G_DECLARE_FINAL_TYPE (PsNetworkView, ps_network_view, PS, NETWORK_VIEW, GtkWidget)

GtkWidget  *ps_network_view_new           (void);
void        ps_network_view_set_snapshot  (PsNetworkView *self,
                                           PsSnapshot    *snapshot);
/* (transfer none) (nullable) */
PsSnapshot *ps_network_view_get_snapshot  (PsNetworkView *self);
/* What hovering at (x, y) (widget coordinates) reads: "Weight from input 1 to
 * unit 2 of layer 1: 0.53", or NULL over empty space. (transfer full) */
char       *ps_network_view_describe_at   (PsNetworkView *self,
                                           double         x,
                                           double         y);
/* A PsPlotDrawFunc (user_data = the view). */
void        ps_network_view_render        (cairo_t       *cr,
                                           double         width,
                                           double         height,
                                           gpointer       self);
gboolean    ps_network_view_has_data      (PsNetworkView *self);
/* Neuron maps (2-D data, issue 11 §1): whether the diagram has them; the
 * map of a unit (@layer 1 for the first hidden layer), for the Boundary
 * view's full-size map; the enlarged (hovered) map, 0 for none. */
gboolean    ps_network_view_has_maps      (PsNetworkView *self);
const float *ps_network_view_get_unit_map (PsNetworkView *self,
                                           guint          layer,
                                           guint          unit,
                                           guint         *rows,
                                           guint         *cols,
                                           float         *lo,
                                           float         *hi,
                                           double        *x_min,
                                           double        *x_max,
                                           double        *y_min,
                                           double        *y_max);
void        ps_network_view_set_hover     (PsNetworkView *self,
                                           guint          layer,
                                           guint          unit);
/* The page's other side, the Hidden space (issue 11 §2), behind a
 * "Network | Hidden space" switcher; it follows the snapshots while shown
 * and an export draws whichever side is shown. */
gboolean    ps_network_view_shows_hidden_space (PsNetworkView *self);
void        ps_network_view_show_hidden_space  (PsNetworkView *self,
                                                gboolean       hidden);
PsHiddenView *ps_network_view_get_hidden_view  (PsNetworkView *self);

G_END_DECLS
