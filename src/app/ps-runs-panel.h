/* ps-runs-panel.h: the session's runs, to tick, compare and delete
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "ps-session.h"

G_BEGIN_DECLS

#define PS_TYPE_RUNS_PANEL (ps_runs_panel_get_type ())

G_DECLARE_FINAL_TYPE (PsRunsPanel, ps_runs_panel, PS, RUNS_PANEL, GtkWidget)

/* Signals:
 *   "error" (const char *message)  a run could not be made current */

GtkWidget *ps_runs_panel_new         (void);
/* @session: (transfer none): the document; the panel holds a reference.
 * Once. */
void       ps_runs_panel_set_session (PsRunsPanel *self,
                                      PsSession   *session);

G_END_DECLS
