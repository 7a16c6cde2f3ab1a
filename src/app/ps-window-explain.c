/* ps-window-explain.c: the window's way into the explain dialog
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One PsExplainDialog per window, made on first use and reused (it hides
 * on close); the training panel's "Explain update", a point of the
 * boundary view and an image of the sample grid open it.
 */
#include "config.h"

#include "ps-window-private.h"

#include "ps-explain-dialog.h"

#define DIALOG_KEY "ps-explain-dialog"

static void
on_dialog_destroy (GtkWidget *dialog,
                   PsWindow  *self)
{
  g_object_set_data (G_OBJECT (self), DIALOG_KEY, NULL);
}

/* (transfer none): the window's dialog, made on first use */
static PsExplainDialog *
get_dialog (PsWindow *self)
{
  GtkWidget *dialog = g_object_get_data (G_OBJECT (self), DIALOG_KEY);

  if (dialog == NULL)
    {
      dialog = ps_explain_dialog_new (self->session, GTK_WINDOW (self));
      g_object_set_data (G_OBJECT (self), DIALOG_KEY, dialog);
      g_signal_connect_object (dialog, "destroy", G_CALLBACK (on_dialog_destroy), self, 0);
    }
  return PS_EXPLAIN_DIALOG (dialog);
}

void
ps_window_on_explain (PsWindow *self)
{
  g_return_if_fail (PS_IS_WINDOW (self));

  /* the sample chosen last (the spin keeps it), or the first */
  gtk_window_present (GTK_WINDOW (get_dialog (self)));
}

static void
on_sample_activated (GtkWidget *view,
                     guint      index,
                     PsWindow  *self)
{
  PsExplainDialog *dialog = get_dialog (self);

  gtk_window_present (GTK_WINDOW (dialog));
  ps_explain_dialog_set_sample (dialog, index);
}

void
ps_window_setup_explain (PsWindow *self)
{
  g_return_if_fail (PS_IS_WINDOW (self));

  g_signal_connect_object (self->views[PS_VIEW_BOUNDARY], "sample-activated",
                           G_CALLBACK (on_sample_activated), self, 0);
  g_signal_connect_object (self->views[PS_VIEW_SAMPLES], "sample-activated",
                           G_CALLBACK (on_sample_activated), self, 0);
}
