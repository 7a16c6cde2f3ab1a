/* ps-presets.h: the notebook's experiments, ready to press Train
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "ps-network.h"
#include "ps-optimizer.h"
#include "ps-training-settings.h"

G_BEGIN_DECLS

typedef struct
{
  const char   *id;              /* "perceptron-and3", ... */
  const char   *title;           /* translatable (N_) */
  const char   *dataset;         /* dataset panel source id */
  guint         n_hidden;
  guint         hidden[4];
  PsActivation  hidden_activation;
  PsActivation  output_activation;
  PsLoss        loss;
  PsReduction   reduction;
  PsOptimizerKind optimizer;
  double        lr;
  PsBatchMode   batch_mode;
  guint         mini_batch;
  guint         epochs;
  double        val_split;
  PsInit        init;
  PsScaling     scaling;
  guint64       seed;
} PsPreset;

/* (array zero-terminated=1): all presets, ending with an entry whose id is NULL. */
const PsPreset *ps_presets_get_all (void);
const PsPreset *ps_presets_lookup  (const char *id);

G_END_DECLS
