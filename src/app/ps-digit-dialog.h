/* ps-digit-dialog.h: draw a digit and see what the network thinks
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "ps-session.h"

G_BEGIN_DECLS

#define PS_TYPE_DIGIT_DIALOG (ps_digit_dialog_get_type ())

G_DECLARE_FINAL_TYPE (PsDigitDialog, ps_digit_dialog, PS, DIGIT_DIALOG, GtkWindow)

/* A window transient for @parent (not modal, hidden on close: reuse it)
 * with a canvas to draw on with the mouse and the class probabilities of
 * the drawing under @session's shown model (issue 11 §6), prepared as
 * MNIST's digits were (ps_digit_preprocess). The bars follow the drawing
 * and the session's snapshots, at most once a frame. A model that does not
 * take 28 × 28 images gets a sentence saying so instead of bars.
 * Returns: (transfer none): a floating toplevel, owned by GTK */
GtkWidget   *ps_digit_dialog_new              (PsSession     *session,
                                               GtkWindow     *parent);
/* Erases the drawing (the Clear button). */
void         ps_digit_dialog_clear            (PsDigitDialog *self);

/* For tests. (transfer none) the canvas (a GtkDrawingArea with a
 * GtkGestureDrag) */
GtkWidget   *ps_digit_dialog_get_canvas       (PsDigitDialog *self);
/* The class shown as predicted, -1 when none (nothing drawn, no model that
 * fits). Up to date once the frame after a change has been drawn. */
int          ps_digit_dialog_get_predicted    (PsDigitDialog *self);
/* (transfer none) (nullable): the probabilities shown, @n_classes of them;
 * NULL when there are none (no drawing, no model that fits, a step
 * output) */
const float *ps_digit_dialog_get_probabilities (PsDigitDialog *self,
                                               guint         *n_classes);
/* (transfer none): the 28 × 28 grey levels the model was given */
const float *ps_digit_dialog_get_pixels       (PsDigitDialog *self);
/* (transfer full): the bars' accessible description ("Predicted 7. 0: 0.00,
 * …"), or the sentence shown instead of them */
char        *ps_digit_dialog_dup_description  (PsDigitDialog *self);

G_END_DECLS
