/* ps-digit.h: a drawn digit, prepared as MNIST's digits were, and its class
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Draw a Digit dialog's numbers, without GTK: a grey image of any size
 * (the canvas) becomes 28 × 28 grey levels the way LeCun, Cortes and Burges
 * normalised MNIST (the ink's bounding box scaled to fit 20 × 20 keeping its
 * aspect ratio, anti-aliased by area averaging, placed so that its centre of
 * mass is the field's centre), then goes through the model as `perceptron
 * predict` feeds it data: the model's own input scaling, then a forward pass.
 */
#pragma once

#include <glib.h>

#include "ps-dataset.h"
#include "ps-network.h"

G_BEGIN_DECLS

/* The field MNIST's digits live in, and the box their ink is scaled into. */
#define PS_DIGIT_SIZE     28
#define PS_DIGIT_BOX      20
#define PS_DIGIT_N_PIXELS (PS_DIGIT_SIZE * PS_DIGIT_SIZE)

/* Writes PS_DIGIT_N_PIXELS grey levels (0 background .. 255 ink, as MNIST's
 * IDX bytes, row-major) into @out from @grey, a @width × @height image of
 * bytes (0 background, 255 ink; rows @stride bytes apart). Every pixel above
 * 0 is ink. The ink's bounding box is scaled by one factor so that its
 * longer side is PS_DIGIT_BOX pixels; each output pixel is the mean of the
 * source area it covers (a box filter: anti-aliased grey levels); the result
 * is moved by whole pixels so that its centre of mass is nearest pixel
 * (14, 14), as MNIST's were, only as far as keeps the whole box inside the
 * field.
 * Returns: FALSE for an image without ink (@out is then all zeros) */
gboolean    ps_digit_preprocess         (const guint8    *grey,
                                         guint            width,
                                         guint            height,
                                         gsize            stride,
                                         float           *out);

/* TRUE when @net takes 28 × 28 images (its input_shape, 784 inputs). */
gboolean    ps_digit_fits_network       (const PsNetwork *net);

/* TRUE when the outputs of @net read as class probabilities (softmax, or
 * sigmoid: one unit is P(class 1)); FALSE for step, linear, tanh and ReLU
 * outputs, which have no probability to show. */
gboolean    ps_digit_has_probabilities  (const PsNetwork *net);

/* Runs @pixels (PS_DIGIT_N_PIXELS values from ps_digit_preprocess) through
 * @net (which must pass ps_digit_fits_network) as `perceptron predict`
 * runs a saved model: scaled by the transform the model records, or, for a
 * model that records none (one the session trained), by @train's (nullable)
 * when it has n_inputs features: the one Save Model would record. Writes
 * ps_network_n_outputs() values into @outputs (nullable).
 * Returns: the predicted class (ps_network_classify_row) */
guint32     ps_digit_classify           (const PsNetwork *net,
                                         const PsDataset *train,
                                         const float     *pixels,
                                         float           *outputs);

G_END_DECLS
