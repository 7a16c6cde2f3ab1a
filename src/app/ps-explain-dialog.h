/* ps-explain-dialog.h: the numbers of one update, and Apply
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "ps-session.h"

G_BEGIN_DECLS

#define PS_TYPE_EXPLAIN_DIALOG (ps_explain_dialog_get_type ())

G_DECLARE_FINAL_TYPE (PsExplainDialog, ps_explain_dialog, PS, EXPLAIN_DIALOG, GtkWindow)

/* A window transient for @parent (not modal, hidden on close: reuse it)
 * that explains one training step of @session's shown model on a sample
 * of its training set (ps_session_explain) and applies it
 * (ps_session_apply_update). It follows the session: a new snapshot, new
 * settings or another epoch on the timeline recompute it (at most ~4
 * times a second while a run trains).
 * Returns: (transfer none): a floating toplevel, owned by GTK */
GtkWidget  *ps_explain_dialog_new        (PsSession       *session,
                                          GtkWindow       *parent);
/* Shows the update on training sample @index (clamped to the set). */
void        ps_explain_dialog_set_sample (PsExplainDialog *self,
                                          guint            index);
guint       ps_explain_dialog_get_sample (PsExplainDialog *self);
/* (transfer full): the text shown (tests) */
char       *ps_explain_dialog_dup_text   (PsExplainDialog *self);

G_END_DECLS
