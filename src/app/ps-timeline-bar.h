/* ps-timeline-bar.h: the run's timeline under the views
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Play, a scale over the recorded epochs ("Timeline") and Train from here:
 * a view of the session's "view-epoch", "playing" and "running".
 */
#pragma once

#include <gtk/gtk.h>

#include "ps-session.h"

G_BEGIN_DECLS

#define PS_TYPE_TIMELINE_BAR (ps_timeline_bar_get_type ())

G_DECLARE_FINAL_TYPE (PsTimelineBar, ps_timeline_bar, PS, TIMELINE_BAR, GtkWidget)

/* Signals:
 *   "error" (const char *message)   Train from here was refused */

GtkWidget *ps_timeline_bar_new         (void);
/* The bar follows @session's run and sets its "view-epoch". */
void       ps_timeline_bar_set_session (PsTimelineBar *self,
                                        PsSession     *session);

G_END_DECLS
