/* ps-generators.h: the notebook's gate tables and the 2-D toy generators
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ps-dataset.h"

G_BEGIN_DECLS

typedef enum
{
  PS_GENERATOR_CIRCLE,
  PS_GENERATOR_XOR,
  PS_GENERATOR_GAUSS,
  PS_GENERATOR_SPIRAL,
  PS_GENERATOR_MOONS,
} PsGenerator;

/* The ranges of the generators' options (ps_dataset_new_generated() refuses
 * others with PS_DATASET_ERROR_INVALID): at least 2 points per class, at most
 * a million points (12 MB); noise finite, from 0 (clean) to 10 (Playground's
 * useful range is 0-0.5). The defaults are shared by the app and the CLI. */
#define PS_GENERATOR_MIN_SAMPLES     4
#define PS_GENERATOR_MAX_SAMPLES     1000000
#define PS_GENERATOR_MAX_NOISE       10.0
#define PS_GENERATOR_DEFAULT_SAMPLES 200
#define PS_GENERATOR_DEFAULT_NOISE   0.1

/* "and", "or", "xor" (2 inputs), "and3", "or3" (3 inputs): the notebook's tables. */
PsDataset *ps_dataset_new_gate         (const char          *name,
                                        GError             **error);
const char *const *ps_dataset_gate_names (void);
gboolean   ps_generator_from_string    (const char          *name,
                                        PsGenerator         *out);
const char *ps_generator_to_string     (PsGenerator          kind);
gboolean   ps_generator_check_options  (gsize                n_samples,
                                        double               noise,
                                        GError             **error);
PsDataset *ps_dataset_new_generated    (PsGenerator          kind,
                                        guint                n_samples,
                                        double               noise,
                                        guint64              seed,
                                        GError             **error);

G_END_DECLS
