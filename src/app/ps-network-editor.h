/* ps-network-editor.h: the graphical layer stack
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "ps-network.h"
#include "ps-session.h"

G_BEGIN_DECLS

#define PS_TYPE_NETWORK_EDITOR (ps_network_editor_get_type ())

G_DECLARE_FINAL_TYPE (PsNetworkEditor, ps_network_editor, PS, NETWORK_EDITOR, GtkWidget)

/* Signals:
 *   "changed" ()     the architecture changed (layers, units, activations);
 *                    the session's spec is already set
 *   "perceptron" ()  the Perceptron preset was pressed (the session's
 *                    settings already follow the notebook's perceptron) */

GtkWidget  *ps_network_editor_new            (void);
/* The editor becomes a view of @session (spec, input, model summary) and
 * edits its "network-spec". */
void        ps_network_editor_set_session    (PsNetworkEditor    *self,
                                              PsSession          *session);
/* The input width follows the dataset; the output width follows its classes
 * (1 unit for two classes). input_w/h are 28×28 for images, else 0. */
void        ps_network_editor_set_io         (PsNetworkEditor    *self,
                                              guint               n_inputs,
                                              guint               n_classes,
                                              guint               input_w,
                                              guint               input_h);
guint       ps_network_editor_get_n_inputs   (PsNetworkEditor    *self);
guint       ps_network_editor_get_n_outputs  (PsNetworkEditor    *self);
/* Hidden layers only (the output layer is separate). */
void        ps_network_editor_set_hidden     (PsNetworkEditor    *self,
                                              const guint        *units,
                                              const PsActivation *activations,
                                              guint               n_hidden);
guint       ps_network_editor_get_n_hidden   (PsNetworkEditor    *self);
void        ps_network_editor_get_hidden     (PsNetworkEditor    *self,
                                              guint               index,
                                              guint              *units,
                                              PsActivation       *activation);
void        ps_network_editor_add_layer      (PsNetworkEditor    *self,
                                              guint               units,
                                              PsActivation        activation);
void        ps_network_editor_remove_layer   (PsNetworkEditor    *self,
                                              guint               index);
/* Swaps layer index with index + delta (delta = ±1). */
void        ps_network_editor_move_layer     (PsNetworkEditor    *self,
                                              guint               index,
                                              int                 delta);
void        ps_network_editor_set_output_activation (PsNetworkEditor *self,
                                                     PsActivation     activation);
PsActivation ps_network_editor_get_output_activation (PsNetworkEditor *self);
/* The notebook's perceptron: no hidden layer, step output. Emits "changed". */
void        ps_network_editor_set_perceptron (PsNetworkEditor    *self);
/* Mirrors net's layers (hidden + output). */
void        ps_network_editor_set_from_network (PsNetworkEditor  *self,
                                                const PsNetwork  *net);
/* (transfer full): an uninitialised network of the current architecture */
PsNetwork  *ps_network_editor_build          (PsNetworkEditor    *self);
/* "2,3:sigmoid,1:sigmoid" */
char       *ps_network_editor_dup_spec       (PsNetworkEditor    *self);
/* "3:sigmoid,1:sigmoid": the layers without the input (PsSession's
 * "network-spec"); set_layers shows one without emitting "changed". */
char       *ps_network_editor_dup_layers     (PsNetworkEditor    *self);
void        ps_network_editor_set_layers     (PsNetworkEditor    *self,
                                              const char         *layers);
/* Shows a Keras-like summary of net (or of the architecture when NULL). */
void        ps_network_editor_set_summary_network (PsNetworkEditor *self,
                                                   const PsNetwork *net);

G_END_DECLS
