/* ps-training-settings.c: everything the training panel sets, as a value
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ps-training-settings.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ps-names.h"

G_DEFINE_BOXED_TYPE (PsTrainingSettings, ps_training_settings,
                     ps_training_settings_copy, ps_training_settings_free)

/* The engine's choices have their one table in core (ps-names.h); the
 * batch mode is the app's own. */
static const struct
{
  PsBatchMode  value;
  const char  *name;
} batch_choices[] = {
  { PS_BATCH_ONLINE, "online" }, { PS_BATCH_MINI, "mini-batch" }, { PS_BATCH_FULL, "full" },
};

static gboolean
engine_kind (PsSettingChoice  choice,
             PsEnumKind      *kind)
{
  switch (choice)
    {
    case PS_SETTING_LOSS: *kind = PS_ENUM_LOSS; return TRUE;
    case PS_SETTING_REDUCTION: *kind = PS_ENUM_REDUCTION; return TRUE;
    case PS_SETTING_OPTIMIZER: *kind = PS_ENUM_OPTIMIZER; return TRUE;
    case PS_SETTING_INIT: *kind = PS_ENUM_INIT; return TRUE;
    case PS_SETTING_SCALING: *kind = PS_ENUM_SCALING; return TRUE;
    case PS_SETTING_BATCH:
    default:
      return FALSE;
    }
}

guint
ps_training_setting_n_values (PsSettingChoice choice)
{
  PsEnumKind kind;

  return engine_kind (choice, &kind) ? ps_enum_n_values (kind) : G_N_ELEMENTS (batch_choices);
}

int
ps_training_setting_value_at (PsSettingChoice choice,
                              guint           index)
{
  PsEnumKind kind;

  if (engine_kind (choice, &kind))
    return ps_enum_value_at (kind, index);
  return batch_choices[index < G_N_ELEMENTS (batch_choices) ? index : 0].value;
}

guint
ps_training_setting_index (PsSettingChoice choice,
                           int             value)
{
  PsEnumKind kind;

  if (engine_kind (choice, &kind))
    return ps_enum_index_of (kind, value);
  for (guint i = 0; i < G_N_ELEMENTS (batch_choices); i++)
    if ((int) batch_choices[i].value == value)
      return i;
  return 0;
}

/**
 * ps_training_setting_to_name:
 *
 * Returns: (transfer none): the stored name of @value; the first name for
 *   a value the choice does not have
 */
const char *
ps_training_setting_to_name (PsSettingChoice choice,
                             int             value)
{
  PsEnumKind kind;

  if (engine_kind (choice, &kind))
    {
      const char *name = ps_enum_to_name (kind, value);

      return name != NULL ? name : ps_enum_names (kind)[0];
    }
  return batch_choices[ps_training_setting_index (choice, value)].name;
}

gboolean
ps_training_setting_from_name (PsSettingChoice  choice,
                               const char      *name,
                               int             *out)
{
  PsEnumKind kind;

  if (engine_kind (choice, &kind))
    return ps_enum_from_name (kind, name, out);
  for (guint i = 0; i < G_N_ELEMENTS (batch_choices) && name != NULL; i++)
    if (g_str_equal (batch_choices[i].name, name))
      {
        *out = batch_choices[i].value;
        return TRUE;
      }
  return FALSE;
}

/**
 * ps_training_settings_init:
 * @settings: (out caller-allocates)
 */
void
ps_training_settings_init (PsTrainingSettings *settings)
{
  memset (settings, 0, sizeof *settings);
  ps_train_config_init (&settings->train);
  settings->train.loss = PS_LOSS_MSE;
  settings->train.reduction = PS_REDUCTION_SUM;
  ps_optimizer_config_init (&settings->train.optimizer, PS_OPTIMIZER_SGD);
  settings->train.optimizer.lr = 0.5;
  settings->train.batch_size = 0;
  settings->train.epochs = 1000;
  settings->train.val_split = 0;
  settings->train.seed = 6;   /* learns XOR with [2, 3, 1] in 1000 epochs (see ps-presets.c) */
  settings->batch_mode = PS_BATCH_FULL;
  settings->mini_batch = 32;
  settings->init = PS_INIT_NOTEBOOK;
  settings->scaling = PS_DEFAULT_SCALING;   /* shared with the CLI (ps-trainer.h) */
}

/**
 * ps_training_settings_copy:
 *
 * Returns: (transfer full): a copy
 */
PsTrainingSettings *
ps_training_settings_copy (const PsTrainingSettings *self)
{
  return g_memdup2 (self, sizeof *self);
}

void
ps_training_settings_free (PsTrainingSettings *self)
{
  g_free (self);
}

static gboolean
optimizer_equal (const PsOptimizerConfig *a,
                 const PsOptimizerConfig *b)
{
  return a->kind == b->kind && a->lr == b->lr && a->momentum == b->momentum &&
         a->beta1 == b->beta1 && a->beta2 == b->beta2 && a->epsilon == b->epsilon &&
         a->l2 == b->l2;
}

gboolean
ps_training_settings_equal (const PsTrainingSettings *a,
                            const PsTrainingSettings *b)
{
  const PsTrainConfig *x = &a->train, *y = &b->train;

  return x->loss == y->loss && x->reduction == y->reduction &&
         optimizer_equal (&x->optimizer, &y->optimizer) &&
         x->batch_size == y->batch_size && x->epochs == y->epochs &&
         x->val_split == y->val_split && x->shuffle == y->shuffle && x->seed == y->seed &&
         x->target_accuracy == y->target_accuracy && x->target_loss == y->target_loss &&
         x->early_stopping == y->early_stopping && x->n_threads == y->n_threads &&
         a->batch_mode == b->batch_mode && a->mini_batch == b->mini_batch &&
         a->init == b->init && a->scaling == b->scaling;
}

void
ps_training_settings_sync_batch (PsTrainingSettings *self)
{
  switch (self->batch_mode)
    {
    case PS_BATCH_ONLINE:
      self->train.batch_size = 1;
      break;
    case PS_BATCH_MINI:
      self->train.batch_size = self->mini_batch;
      break;
    case PS_BATCH_FULL:
    default:
      self->train.batch_size = 0;
      break;
    }
}

/**
 * ps_training_settings_to_json:
 *
 * Returns: (transfer full): the settings as a JSON object
 */
JsonNode *
ps_training_settings_to_json (const PsTrainingSettings *s)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "loss");
  json_builder_add_string_value (b, ps_training_setting_to_name (PS_SETTING_LOSS, s->train.loss));
  json_builder_set_member_name (b, "reduction");
  json_builder_add_string_value (b, ps_training_setting_to_name (PS_SETTING_REDUCTION, s->train.reduction));
  json_builder_set_member_name (b, "optimizer");
  json_builder_add_string_value (b, ps_training_setting_to_name (PS_SETTING_OPTIMIZER, s->train.optimizer.kind));
  json_builder_set_member_name (b, "learning_rate");
  json_builder_add_double_value (b, s->train.optimizer.lr);
  json_builder_set_member_name (b, "momentum");
  json_builder_add_double_value (b, s->train.optimizer.momentum);
  json_builder_set_member_name (b, "batch");
  json_builder_add_string_value (b, ps_training_setting_to_name (PS_SETTING_BATCH, s->batch_mode));
  json_builder_set_member_name (b, "batch_size");
  json_builder_add_int_value (b, s->mini_batch);
  json_builder_set_member_name (b, "epochs");
  json_builder_add_int_value (b, s->train.epochs);
  json_builder_set_member_name (b, "validation_split");
  json_builder_add_double_value (b, s->train.val_split);
  json_builder_set_member_name (b, "seed");
  json_builder_add_int_value (b, (gint64) s->train.seed);
  json_builder_set_member_name (b, "init");
  json_builder_add_string_value (b, ps_training_setting_to_name (PS_SETTING_INIT, s->init));
  json_builder_set_member_name (b, "scaling");
  json_builder_add_string_value (b, ps_training_setting_to_name (PS_SETTING_SCALING, s->scaling));
  json_builder_end_object (b);

  return json_builder_get_root (b);
}

static gboolean
lookup_choice (JsonObject       *obj,
               const char       *member,
               PsSettingChoice   choice,
               int              *out,
               GError          **error)
{
  const char *value;

  if (!json_object_has_member (obj, member))
    return TRUE;   /* keep the current value */
  value = json_object_get_string_member_with_default (obj, member, NULL);
  if (ps_training_setting_from_name (choice, value, out))
    return TRUE;
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
               _("Unknown value for “%s” in the training settings."), member);
  return FALSE;
}

/**
 * ps_training_settings_from_json:
 * @settings: (inout): the settings to change
 *
 * Applies the members of @node. Nothing changes when a member is invalid.
 */
gboolean
ps_training_settings_from_json (PsTrainingSettings  *settings,
                                JsonNode            *node,
                                GError             **error)
{
  JsonObject *obj;
  PsTrainingSettings s = *settings;
  int loss = s.train.loss, red = s.train.reduction, opt = s.train.optimizer.kind;
  int batch = s.batch_mode, init = s.init, scaling = s.scaling;
  double momentum;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The training settings are not a JSON object."));
      return FALSE;
    }
  obj = json_node_get_object (node);
  if (!lookup_choice (obj, "loss", PS_SETTING_LOSS, &loss, error) ||
      !lookup_choice (obj, "reduction", PS_SETTING_REDUCTION, &red, error) ||
      !lookup_choice (obj, "optimizer", PS_SETTING_OPTIMIZER, &opt, error) ||
      !lookup_choice (obj, "batch", PS_SETTING_BATCH, &batch, error) ||
      !lookup_choice (obj, "init", PS_SETTING_INIT, &init, error) ||
      !lookup_choice (obj, "scaling", PS_SETTING_SCALING, &scaling, error))
    return FALSE;

  s.train.loss = loss;
  s.train.reduction = red;
  momentum = json_object_get_double_member_with_default (obj, "momentum", s.train.optimizer.momentum);
  ps_optimizer_config_init (&s.train.optimizer, opt);
  s.train.optimizer.lr = json_object_get_double_member_with_default (obj, "learning_rate",
                                                                     settings->train.optimizer.lr);
  /* the other optimizers keep their default: momentum only means something
   * to these two (the panel shows it only for them) */
  if (opt == PS_OPTIMIZER_MOMENTUM || opt == PS_OPTIMIZER_NESTEROV)
    s.train.optimizer.momentum = momentum;
  s.batch_mode = batch;
  s.mini_batch = (guint) json_object_get_int_member_with_default (obj, "batch_size", s.mini_batch);
  s.train.epochs = (guint) json_object_get_int_member_with_default (obj, "epochs", s.train.epochs);
  s.train.val_split = json_object_get_double_member_with_default (obj, "validation_split", s.train.val_split);
  s.train.seed = (guint64) json_object_get_int_member_with_default (obj, "seed", (gint64) s.train.seed);
  s.init = init;
  s.scaling = scaling;
  ps_training_settings_sync_batch (&s);

  if (!(s.train.optimizer.lr > 0) || s.train.epochs == 0 ||
      s.train.val_split < 0 || s.train.val_split >= 1)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The training settings hold a value out of range."));
      return FALSE;
    }
  *settings = s;
  return TRUE;
}
