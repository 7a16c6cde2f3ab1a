/* ps-window-runs.c: the window's Runs page
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The sidebar's "Runs" page (PsRunsPanel on the session's runs), and the
 * views that follow the runs: the Curves view overlays the ticked runs,
 * the Boundary view compares two side by side.
 */
#include "config.h"

#include "ps-window-private.h"

#include <glib/gi18n.h>

#include "ps-boundary-view.h"
#include "ps-curves-view.h"
#include "ps-runs-panel.h"

static void
on_runs_error (PsWindow   *self,
               const char *message)
{
  ps_window_show_error (self, message);
}

/**
 * ps_window_setup_runs:
 *
 * Adds the "Runs" page to the sidebar and hands the session to the views
 * that follow its runs. From init, after the views exist.
 */
void
ps_window_setup_runs (PsWindow *self)
{
  GtkWidget *panel = ps_runs_panel_new ();

  ps_runs_panel_set_session (PS_RUNS_PANEL (panel), self->session);
  g_signal_connect_swapped (panel, "error", G_CALLBACK (on_runs_error), self);
  gtk_stack_add_titled (self->sidebar_stack, panel, "runs", _("Runs"));
  ps_curves_view_set_session (PS_CURVES_VIEW (self->views[PS_VIEW_CURVES]), self->session);
}
