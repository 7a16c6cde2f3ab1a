/* ps-experiment.h: experiment files (dataset choice + network + settings)
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "ps-network.h"
#include "ps-trainer.h"

G_BEGIN_DECLS

#define PS_EXPERIMENT_ERROR (ps_experiment_error_quark ())

typedef enum
{
  PS_EXPERIMENT_ERROR_IO,
  PS_EXPERIMENT_ERROR_SYNTAX,
  PS_EXPERIMENT_ERROR_INVALID,
} PsExperimentError;

GQuark    ps_experiment_error_quark (void);

/* { "format": "perceptron-studio-experiment", "version": 1,
 *   "dataset": {...}, "network": "spec", "training": {...},
 *   "model": { model JSON } (optional: the trained weights) } */
gboolean  ps_experiment_save        (const char       *path,
                                     JsonNode         *dataset,
                                     const char       *network_spec,
                                     JsonNode         *training,
                                     const PsNetwork  *model,
                                     GError          **error);
/* Returns the parts; model is NULL when the file holds no weights. Reads at
 * most PS_FILE_MODEL_MAX bytes of a regular file; refuses JSON nested deeper
 * than PS_JSON_MAX_DEPTH, trailing text and out-of-range whole numbers. */
gboolean  ps_experiment_load        (const char       *path,
                                     JsonNode        **dataset,
                                     char            **network_spec,
                                     JsonNode        **training,
                                     PsNetwork       **model,
                                     GError          **error);
/* Whether path is a regular file that says it is an experiment in its first
 * 4 KiB; reads no more (never /dev/zero, never a FIFO). */
gboolean  ps_experiment_sniff       (const char           *path);

G_END_DECLS
