/* ps-preferences-dialog.h: the application's preferences
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "ps-session.h"

G_BEGIN_DECLS

#define PS_TYPE_PREFERENCES_DIALOG (ps_preferences_dialog_get_type ())

G_DECLARE_FINAL_TYPE (PsPreferencesDialog, ps_preferences_dialog, PS, PREFERENCES_DIALOG, GtkWindow)

/* A dialog over @parent (nullable) whose controls are bound to @settings'
 * keys, so a change applies at once and is remembered. Without settings
 * (no schema installed) the controls show the defaults, insensitive.
 * Returns: (transfer none): the window, destroyed when closed */
PsPreferencesDialog *ps_preferences_dialog_new                 (GtkWindow           *parent,
                                                                GSettings           *settings);
/* (transfer none): the "Timeline memory" spin button, in MB (tests) */
GtkSpinButton       *ps_preferences_dialog_get_timeline_memory (PsPreferencesDialog *self);

/* Makes @session's "timeline-budget" (bytes) follow @settings'
 * "timeline-budget-mb" from now on, starting with its current value. */
void                 ps_preferences_bind_session               (GSettings           *settings,
                                                                PsSession           *session);

G_END_DECLS
