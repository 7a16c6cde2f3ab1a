/* ps-presets.c: the notebook's experiments, ready to press Train
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ps-presets.h"

#include <glib/gi18n.h>

/* The from-scratch parts of the notebook train on the whole table at once
 * with the summed gradient and α = 0.1 (perceptron) or 0.5 (MLP), weights
 * from U(−0.5, 0.5); the Keras part uses SGD's defaults (lr 0.01, batch 32),
 * softmax + sparse categorical cross-entropy, pixels scaled to [0, 1].
 * Every preset names its scaling: the notebook's tables say "none" (the
 * notebook feeds them as they are), whatever the shared default
 * (PS_DEFAULT_SCALING, ps-trainer.h) is. */
/* XOR has local minima: with the notebook's settings [2, 3, 1] learns it in
 * 1000 epochs for about one seed in eight (tests/engine/test-notebook.c).
 * Seed 6 is one of them, and also learns [2, 2, 2, 1] in 10 000 epochs. */
#define PRESET_SEED 6

static const PsPreset presets[] = {
  { "perceptron-and3", N_("Perceptron on 3-input AND"), "and3",
    0, { 0 }, PS_ACTIVATION_STEP, PS_ACTIVATION_STEP,
    PS_LOSS_MSE, PS_REDUCTION_SUM, PS_OPTIMIZER_DELTA, 0.1,
    PS_BATCH_FULL, 32, 100, 0.0, PS_INIT_NOTEBOOK, PS_SCALING_NONE, PRESET_SEED },
  { "perceptron-xor", N_("Perceptron on XOR (it cannot learn it)"), "xor",
    0, { 0 }, PS_ACTIVATION_STEP, PS_ACTIVATION_STEP,
    PS_LOSS_MSE, PS_REDUCTION_SUM, PS_OPTIMIZER_DELTA, 0.1,
    PS_BATCH_FULL, 32, 100, 0.0, PS_INIT_NOTEBOOK, PS_SCALING_NONE, PRESET_SEED },
  { "mlp-or3", N_("MLP [3, 2, 1] on 3-input OR"), "or3",
    1, { 2 }, PS_ACTIVATION_SIGMOID, PS_ACTIVATION_SIGMOID,
    PS_LOSS_MSE, PS_REDUCTION_SUM, PS_OPTIMIZER_SGD, 0.5,
    PS_BATCH_FULL, 32, 1000, 0.0, PS_INIT_NOTEBOOK, PS_SCALING_NONE, PRESET_SEED },
  { "mlp-xor", N_("MLP [2, 3, 1] on XOR"), "xor",
    1, { 3 }, PS_ACTIVATION_SIGMOID, PS_ACTIVATION_SIGMOID,
    PS_LOSS_MSE, PS_REDUCTION_SUM, PS_OPTIMIZER_SGD, 0.5,
    PS_BATCH_FULL, 32, 1000, 0.0, PS_INIT_NOTEBOOK, PS_SCALING_NONE, PRESET_SEED },
  { "mlp-xor-deep", N_("MLP [2, 2, 2, 1] on XOR"), "xor",
    2, { 2, 2 }, PS_ACTIVATION_SIGMOID, PS_ACTIVATION_SIGMOID,
    PS_LOSS_MSE, PS_REDUCTION_SUM, PS_OPTIMIZER_SGD, 0.5,
    PS_BATCH_FULL, 32, 10000, 0.0, PS_INIT_NOTEBOOK, PS_SCALING_NONE, PRESET_SEED },
  { "mnist-3-2", N_("MNIST: 784-3-2-10 sigmoid, SGD, validation 0.1"), "mnist",
    2, { 3, 2 }, PS_ACTIVATION_SIGMOID, PS_ACTIVATION_SOFTMAX,
    PS_LOSS_CROSS_ENTROPY, PS_REDUCTION_MEAN, PS_OPTIMIZER_SGD, 0.01,
    PS_BATCH_MINI, 32, 10, 0.1, PS_INIT_GLOROT, PS_SCALING_UNIT, PRESET_SEED },
  { "mnist-5-5", N_("MNIST: 784-5-5-10 sigmoid, SGD, validation 0.1"), "mnist",
    2, { 5, 5 }, PS_ACTIVATION_SIGMOID, PS_ACTIVATION_SOFTMAX,
    PS_LOSS_CROSS_ENTROPY, PS_REDUCTION_MEAN, PS_OPTIMIZER_SGD, 0.01,
    PS_BATCH_MINI, 32, 100, 0.1, PS_INIT_GLOROT, PS_SCALING_UNIT, PRESET_SEED },
  { NULL }
};

/**
 * ps_presets_get_all:
 *
 * Returns: (transfer none): the presets, the last one with a NULL id
 */
const PsPreset *
ps_presets_get_all (void)
{
  return presets;
}

/**
 * ps_presets_lookup:
 *
 * Returns: (transfer none) (nullable): the preset called id
 */
const PsPreset *
ps_presets_lookup (const char *id)
{
  g_return_val_if_fail (id != NULL, NULL);

  for (const PsPreset *p = presets; p->id != NULL; p++)
    if (g_str_equal (p->id, id))
      return p;

  return NULL;
}
