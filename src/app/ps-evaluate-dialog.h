/* ps-evaluate-dialog.h: loss, accuracy and confusion matrix on the test set
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "ps-snapshot.h"

G_BEGIN_DECLS

#define PS_TYPE_EVALUATE_DIALOG (ps_evaluate_dialog_get_type ())

G_DECLARE_FINAL_TYPE (PsEvaluateDialog, ps_evaluate_dialog, PS, EVALUATE_DIALOG, GtkWindow)

/* Evaluates snapshot->network on snapshot->test (or, when there is none, on
 * snapshot->train, and says so) in a worker thread; "ready" is emitted on the
 * main thread when the results are shown. parent may be NULL. */
PsEvaluateDialog *ps_evaluate_dialog_new           (GtkWindow        *parent,
                                                    PsSnapshot       *snapshot);
gboolean          ps_evaluate_dialog_is_ready      (PsEvaluateDialog *self);
/* (transfer none) The summary line: "Test set, 10000 samples: loss …", or
 * why there is nothing to evaluate. */
const char       *ps_evaluate_dialog_get_summary   (PsEvaluateDialog *self);
double            ps_evaluate_dialog_get_loss      (PsEvaluateDialog *self);
double            ps_evaluate_dialog_get_accuracy  (PsEvaluateDialog *self);
/* (transfer none) n_classes × n_classes, row = true class; NULL until ready. */
const guint64    *ps_evaluate_dialog_get_confusion (PsEvaluateDialog *self,
                                                    guint            *n_classes);
/* What a click on a cell does: lists the samples of that true/predicted class
 * pair. Returns how many there are. */
guint             ps_evaluate_dialog_select_cell   (PsEvaluateDialog *self,
                                                    guint             true_class,
                                                    guint             predicted);
/* The confusion matrix picture, as exported (user_data = the dialog). */
void              ps_evaluate_dialog_render        (cairo_t          *cr,
                                                    double            width,
                                                    double            height,
                                                    gpointer          self);

G_END_DECLS
