/* ps-training-settings.h: everything the training panel sets, as a value
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The session's "settings" property: the PsTrainConfig handed to the trainer
 * plus what the app keeps beside it (batch mode, the mini-batch size used in
 * that mode, the weight initialisation and the input scaling). Experiment
 * files store it as the "training" object (ps_training_settings_to_json).
 */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

#include "ps-dataset.h"
#include "ps-network.h"
#include "ps-trainer.h"

G_BEGIN_DECLS

typedef enum
{
  PS_BATCH_ONLINE,       /* 1 sample per update */
  PS_BATCH_MINI,         /* batch_size samples */
  PS_BATCH_FULL,         /* the whole set */
} PsBatchMode;

typedef struct
{
  PsTrainConfig train;        /* loss, reduction, optimizer, batch, epochs, val_split, seed */
  PsBatchMode   batch_mode;
  guint         mini_batch;   /* the size used in PS_BATCH_MINI */
  PsInit        init;
  PsScaling     scaling;
} PsTrainingSettings;

#define PS_TYPE_TRAINING_SETTINGS (ps_training_settings_get_type ())
GType               ps_training_settings_get_type  (void) G_GNUC_CONST;

/* The notebook's MLP defaults: MSE, summed gradient, SGD α = 0.5, full
 * batch, 1000 epochs, no validation, seed 6, U(−0.5, 0.5), the CLI's
 * default scaling. */
void                ps_training_settings_init      (PsTrainingSettings       *settings);
PsTrainingSettings *ps_training_settings_copy      (const PsTrainingSettings *self);
void                ps_training_settings_free      (PsTrainingSettings       *self);
/* Field by field (the struct has padding: never memcmp). */
gboolean            ps_training_settings_equal     (const PsTrainingSettings *a,
                                                    const PsTrainingSettings *b);
/* train.batch_size from batch_mode and mini_batch. */
void                ps_training_settings_sync_batch (PsTrainingSettings      *self);

/* Experiment files: { "loss", "reduction", "optimizer", "learning_rate",
 * "momentum", "batch", "batch_size", "epochs", "validation_split", "seed",
 * "init", "scaling" }. from_json starts from @settings (missing members keep
 * their value) and changes nothing when a member is invalid (G_IO_ERROR
 * G_IO_ERROR_INVALID_DATA). */
JsonNode           *ps_training_settings_to_json   (const PsTrainingSettings *self);
gboolean            ps_training_settings_from_json (PsTrainingSettings       *settings,
                                                    JsonNode                 *node,
                                                    GError                  **error);

/* Choice names as stored in experiment files and GSettings ("mse",
 * "online", "notebook", ...): the engine's enums through core's one table
 * per enum (ps-names.h), the batch mode here. to_name returns a static
 * string; from_name FALSE for an unknown name (*out unchanged). */
typedef enum
{
  PS_SETTING_LOSS,
  PS_SETTING_REDUCTION,
  PS_SETTING_OPTIMIZER,
  PS_SETTING_BATCH,
  PS_SETTING_INIT,
  PS_SETTING_SCALING,
} PsSettingChoice;

const char         *ps_training_setting_to_name    (PsSettingChoice  choice,
                                                    int              value);
/* The choices in the training panel's dropdown order (the engine's from
 * ps-names.h): how many, the value at a position, the position of a value
 * (0 for one the choice does not have). */
guint               ps_training_setting_n_values   (PsSettingChoice  choice);
int                 ps_training_setting_value_at   (PsSettingChoice  choice,
                                                    guint            index);
guint               ps_training_setting_index      (PsSettingChoice  choice,
                                                    int              value);
gboolean            ps_training_setting_from_name  (PsSettingChoice  choice,
                                                    const char      *name,
                                                    int             *out);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PsTrainingSettings, ps_training_settings_free)

G_END_DECLS
