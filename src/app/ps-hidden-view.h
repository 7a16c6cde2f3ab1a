/* ps-hidden-view.h: the training samples at a hidden layer's activations
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "ps-plot.h"
#include "ps-snapshot.h"

G_BEGIN_DECLS

#define PS_TYPE_HIDDEN_VIEW (ps_hidden_view_get_type ())

G_DECLARE_FINAL_TYPE (PsHiddenView, ps_hidden_view, PS, HIDDEN_VIEW, GtkWidget)

GtkWidget  *ps_hidden_view_new           (void);
void        ps_hidden_view_set_snapshot  (PsHiddenView *self,
                                          PsSnapshot   *snapshot);
/* (transfer none) (nullable) */
PsSnapshot *ps_hidden_view_get_snapshot  (PsHiddenView *self);
/* The hidden layer shown, 0-based (0: the first hidden layer); a layer
 * the network does not have is ignored. */
void        ps_hidden_view_set_layer     (PsHiddenView *self,
                                          guint         layer);
guint       ps_hidden_view_get_layer     (PsHiddenView *self);
/* The 3-D view's rotation in radians (what dragging changes). */
void        ps_hidden_view_set_rotation  (PsHiddenView *self,
                                          double        yaw,
                                          double        pitch);
/* (transfer none) (nullable): "Hidden space, layer 1, epoch 200", or NULL
 * with nothing to show */
const char *ps_hidden_view_get_title     (PsHiddenView *self);
/* (transfer none) (nullable): what is drawn (points, plane, title), valid
 * until the next snapshot or layer change; NULL with nothing to show */
const PsHiddenData *ps_hidden_view_get_data (PsHiddenView *self);
/* A PsPlotDrawFunc (user_data = the view). */
void        ps_hidden_view_render        (cairo_t      *cr,
                                          double        width,
                                          double        height,
                                          gpointer      self);
gboolean    ps_hidden_view_has_data      (PsHiddenView *self);

G_END_DECLS
