/* ps-samples-view.h: a grid of sample images (MNIST pictures, confusion cells)
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "ps-snapshot.h"

G_BEGIN_DECLS

#define PS_TYPE_SAMPLES_VIEW (ps_samples_view_get_type ())

G_DECLARE_FINAL_TYPE (PsSamplesView, ps_samples_view, PS, SAMPLES_VIEW, GtkWidget)

/* How many samples the dataset picture shows. */
#define PS_SAMPLES_VIEW_MAX_SAMPLES 64

/* Signal "sample-activated" (guint index): a click on an image while the
 * grid shows the training set (a snapshot's); index in the training set.
 * With a network, the title writes the epoch the views show. */
GtkWidget  *ps_samples_view_new           (void);
/* Shows the first samples of snapshot->train, captioned with their class;
 * with a network, with its prediction ("7 → 3 64%", wrong ones marked;
 * no probability for a step output) and the check button "Only
 * misclassified" (the first misclassified samples then). */
void        ps_samples_view_set_snapshot  (PsSamplesView      *self,
                                           PsSnapshot         *snapshot);
/* Same for a dataset alone (the picture of what was loaded); NULL clears. */
void        ps_samples_view_set_dataset   (PsSamplesView      *self,
                                           PsDataset          *data);
/* Shows samples idx[0..n) of data with one caption each (captions may be
 * NULL: the class names). Copies what it needs. */
void        ps_samples_view_set_samples   (PsSamplesView      *self,
                                           PsDataset          *data,
                                           const guint32      *idx,
                                           guint               n,
                                           const char *const  *captions);
/* A smaller size request (the dataset panel's picture). */
void        ps_samples_view_set_compact   (PsSamplesView      *self,
                                           gboolean            compact);
guint       ps_samples_view_get_n_samples (PsSamplesView      *self);
/* A PsPlotDrawFunc (user_data = the view). */
void        ps_samples_view_render        (cairo_t            *cr,
                                           double              width,
                                           double              height,
                                           gpointer            self);
/* Bars of each shown sample's class probabilities (n × n_probs, copied;
 * NULL: none) under its caption, the true class outlined (truth
 * nullable): the evaluate gallery. Call after set_samples. */
void        ps_samples_view_set_bars      (PsSamplesView      *self,
                                           const float        *probs,
                                           guint               n_probs,
                                           const guint32      *truth);
/* Whether @net's outputs are class probabilities (sigmoid or softmax out);
 * a step output's are not, and no probability is shown for it. */
gboolean    ps_samples_view_output_is_probability (const PsNetwork *net);
/* One output row as n_classes probabilities (1 − y, y for one unit). */
void        ps_samples_view_class_probs   (const PsNetwork    *net,
                                           const float        *out,
                                           guint               n_classes,
                                           float              *probs);
/* TRUE when the data are images and there is at least one sample. */
gboolean    ps_samples_view_has_data      (PsSamplesView      *self);

G_END_DECLS
