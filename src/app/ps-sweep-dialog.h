/* ps-sweep-dialog.h: train variants of the session's settings as a grid
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "ps-session.h"

G_BEGIN_DECLS

#define PS_TYPE_SWEEP_DIALOG (ps_sweep_dialog_get_type ())

G_DECLARE_FINAL_TYPE (PsSweepDialog, ps_sweep_dialog, PS, SWEEP_DIALOG, GtkWindow)

/* A window transient for @parent (not modal, hidden on close: reuse it):
 * one or two of the session's settings (learning rate, hidden units,
 * hidden activation, batch size, seed) with their values; Run trains every
 * variant from the session's current dataset, spec and settings on every
 * core (PsSweep), with a progress bar, small multiples of the variants'
 * decision boundaries (2-D data) or loss curves, and a table of their final
 * loss and accuracy (train, validation, test). Activating a row makes that
 * variant a run of the session and its current one (ps_session_add_run +
 * ps_session_select_run).
 * Returns: (transfer none): a floating toplevel, owned by GTK */
GtkWidget   *ps_sweep_dialog_new             (PsSession     *session,
                                              GtkWindow     *parent);

/* For tests. (transfer none) (nullable): the sweep shown (the last Run) */
gpointer     ps_sweep_dialog_get_sweep       (PsSweepDialog *self);

G_END_DECLS
