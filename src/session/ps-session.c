/* ps-session.c: the document under the window
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the window did between its panels, without a widget: the model
 * follows the dataset and the spec, the settings go to the bridge (the
 * learning rate live), models and experiments are adopted or refused whole.
 * Loading the dataset is in ps-session-dataset.c.
 */
#include "config.h"

#include "ps-session-private.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ps-dataset-loader.h"
#include "ps-rng.h"

G_DEFINE_FINAL_TYPE (PsSession, ps_session, G_TYPE_OBJECT)

G_DEFINE_QUARK (ps-session-error-quark, ps_session_error)

enum {
  PROP_0,
  PROP_DATASET_SOURCE,
  PROP_TRAIN,
  PROP_TEST,
  PROP_BUSY,
  PROP_PROGRESS,
  PROP_NETWORK_SPEC,
  PROP_SETTINGS,
  PROP_MODEL,
  PROP_RUNNING,
  PROP_SNAPSHOT,
  PROP_SPEED,
  PROP_TIMELINE_BUDGET,
  PROP_VIEW_EPOCH,
  PROP_PLAYING,
  N_PROPS
};

static GParamSpec *props[N_PROPS];

enum {
  ERROR,
  DATASET_CHANGED,
  MODEL_REBUILT,
  SNAPSHOT,
  RUN_FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/**
 * ps_session_new:
 *
 * Returns: (transfer full): a session with no dataset, a "3:sigmoid,1:sigmoid"
 *   spec and the default settings
 */
PsSession *
ps_session_new (void)
{
  return g_object_new (PS_TYPE_SESSION, NULL);
}

void
ps_session_emit_error (PsSession  *self,
                       const char *message)
{
  g_signal_emit (self, signals[ERROR], 0, message);
}

static void
set_running (PsSession *self,
             gboolean   running)
{
  if (self->running == !!running)
    return;
  self->running = !!running;
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_RUNNING]);
}

/* ---- spec ------------------------------------------------------------------ */

/* One unit for two classes, except softmax: one per class, as Keras. */
static guint
output_units (PsSession    *self,
              PsActivation  act)
{
  guint n_classes = self->train != NULL ? ps_dataset_get_n_classes (self->train) : 0;

  if (n_classes > 2 || (act == PS_ACTIVATION_SOFTMAX && n_classes == 2))
    return n_classes;
  return 1;
}

guint
ps_session_get_n_inputs (PsSession *self)
{
  return self->train != NULL ? MAX (ps_dataset_get_n_features (self->train), 1) : 1;
}

/* Recomputes the output width and the spec string; TRUE when the string
 * changed (the caller notifies). */
gboolean
ps_session_update_spec (PsSession *self)
{
  GString *s = g_string_new (NULL);
  gboolean changed;

  self->units[self->n_layers - 1] = output_units (self, self->acts[self->n_layers - 1]);
  for (guint i = 0; i < self->n_layers; i++)
    g_string_append_printf (s, "%s%u:%s", i > 0 ? "," : "", self->units[i],
                            ps_activation_to_string (self->acts[i]));
  changed = g_strcmp0 (s->str, self->spec) != 0;
  g_free (self->spec);
  self->spec = g_string_free (s, FALSE);
  return changed;
}

/* Parses "3:sigmoid,1:sigmoid" (no input width) into units/acts. */
static gboolean
parse_spec (const char    *spec,
            guint         *units,
            PsActivation  *acts,
            guint         *n_layers,
            GError       **error)
{
  g_autofree char *full = g_strdup_printf ("1,%s", spec);
  PsNetwork *net = ps_network_new_from_spec (full, error);

  if (net == NULL)
    return FALSE;
  if (net->n_layers > MAX_LAYERS)
    {
      g_set_error (error, PS_NETWORK_ERROR, PS_NETWORK_ERROR_SPEC,
                   _("A network has at most %u hidden layers here."), MAX_LAYERS - 1);
      ps_network_free (net);
      return FALSE;
    }
  for (guint l = 0; l < net->n_layers; l++)
    {
      units[l] = net->layers[l].units;
      acts[l] = net->layers[l].activation;
    }
  *n_layers = net->n_layers;
  ps_network_free (net);
  return TRUE;
}

/* The spec's layers from a network (a loaded model). */
void
ps_session_take_layers_from (PsSession       *self,
                   const PsNetwork *net)
{
  self->n_layers = MIN (net->n_layers, MAX_LAYERS);
  for (guint l = 0; l < self->n_layers; l++)
    {
      self->units[l] = net->layers[l].units;
      self->acts[l] = net->layers[l].activation;
    }
  if (ps_session_update_spec (self))
    g_object_notify_by_pspec (G_OBJECT (self), props[PROP_NETWORK_SPEC]);
}

void
ps_session_notify_spec (PsSession *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_NETWORK_SPEC]);
}

/* ---- settings and config ------------------------------------------------------ */

void
ps_session_set_settings_quiet (PsSession                *self,
                    const PsTrainingSettings *settings)
{
  if (ps_training_settings_equal (&self->settings, settings))
    return;
  self->settings = *settings;
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_SETTINGS]);
}

/* The learning rate changes live and never makes a new trainer. */
static gboolean
config_equal_but_lr (const PsTrainConfig *a,
                     const PsTrainConfig *b)
{
  return a->loss == b->loss &&
         a->reduction == b->reduction &&
         a->optimizer.kind == b->optimizer.kind &&
         a->optimizer.momentum == b->optimizer.momentum &&
         a->optimizer.beta1 == b->optimizer.beta1 &&
         a->optimizer.beta2 == b->optimizer.beta2 &&
         a->optimizer.epsilon == b->optimizer.epsilon &&
         a->optimizer.l2 == b->optimizer.l2 &&
         a->batch_size == b->batch_size &&
         a->epochs == b->epochs &&
         a->val_split == b->val_split &&
         a->shuffle == b->shuffle &&
         a->seed == b->seed &&
         a->target_accuracy == b->target_accuracy &&
         a->target_loss == b->target_loss &&
         a->early_stopping == b->early_stopping &&
         a->n_threads == b->n_threads;
}

static void
push_config (PsSession *self,
             gboolean   force)
{
  const PsTrainConfig *config = &self->settings.train;

  if (!force && self->have_config && config_equal_but_lr (config, &self->last_config))
    {
      if (self->last_config.optimizer.lr != config->optimizer.lr)
        ps_training_bridge_set_learning_rate (self->bridge, config->optimizer.lr);
      self->last_config.optimizer.lr = config->optimizer.lr;
      return;
    }
  self->last_config = *config;
  self->have_config = TRUE;
  ps_training_bridge_set_config (self->bridge, config);
}

static void
apply_scaling (PsSession *self,
               PsScaling  scaling)
{
  if (self->train == NULL)
    return;
  /* Fit on the training set; the test set reuses its transform. */
  ps_dataset_set_scaling (self->train, scaling, NULL);
  if (self->test != NULL && self->test != self->train)
    ps_dataset_set_scaling (self->test, scaling, self->train);
  self->scaling = scaling;
}

/* ---- model ------------------------------------------------------------------- */

void
ps_session_stop_run (PsSession *self)
{
  ps_training_bridge_stop (self->bridge);
  set_running (self, FALSE);
}

static void
set_model (PsSession       *self,
           const PsNetwork *net)
{
  /* before the bridge's first snapshot of the new model */
  ps_session_timeline_reset (self);
  ps_training_bridge_set_model (self->bridge, net, self->train, NULL, self->test);
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_MODEL]);
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_SNAPSHOT]);
}

/* (transfer full): an initialised network of the spec for the training set */
static PsNetwork *
build_network (PsSession  *self,
               GError    **error)
{
  guint units[MAX_LAYERS + 1];
  PsNetwork *net;
  PsRng rng;

  units[0] = ps_session_get_n_inputs (self);
  for (guint l = 0; l < self->n_layers; l++)
    units[l + 1] = self->units[l];
  net = ps_network_new (units, self->acts, self->n_layers + 1);
  ps_network_adopt_dataset (net, self->train);
  ps_network_set_loss (net, self->settings.train.loss);
  ps_rng_seed (&rng, self->settings.train.seed);
  ps_network_init (net, self->settings.init, &rng);

  if (!ps_network_check_dataset (net, self->train, error))
    {
      ps_network_free (net);
      return NULL;
    }
  return net;
}

/* A fresh network of the spec for the current dataset; the bridge forgets
 * its trainer and history. */
static gboolean
rebuild (PsSession  *self,
         GError    **error)
{
  g_autoptr(GError) local = NULL;
  PsNetwork *net;

  if (self->train == NULL)
    return TRUE;

  ps_session_stop_run (self);
  if (self->settings.scaling != self->scaling)
    apply_scaling (self, self->settings.scaling);
  net = build_network (self, &local);
  if (net == NULL)
    {
      g_set_error (error, PS_SESSION_ERROR, PS_SESSION_ERROR_MISMATCH,
                   "%s %s", _("The network does not fit the dataset:"), local->message);
      return FALSE;
    }
  push_config (self, TRUE);
  set_model (self, net);
  ps_network_free (net);
  g_signal_emit (self, signals[MODEL_REBUILT], 0);
  return TRUE;
}

void
ps_session_rebuild_or_report (PsSession *self)
{
  g_autoptr(GError) error = NULL;

  if (!rebuild (self, &error))
    ps_session_emit_error (self, error->message);
}

/**
 * ps_session_rebuild:
 *
 * Fresh weights (Reset). Emits "error" and keeps the old model when the
 * network does not fit the data.
 */
void
ps_session_rebuild (PsSession *self)
{
  g_return_if_fail (PS_IS_SESSION (self));

  /* fresh weights win over an experiment's still waiting for its data */
  g_clear_pointer (&self->pending_model, ps_network_free);
  ps_session_rebuild_or_report (self);
}

/* Output layer and loss follow the number of classes. */
void
ps_session_follow_dataset (PsSession *self)
{
  PsTrainingSettings settings = self->settings;
  PsActivation *out;
  gboolean multi;

  if (self->train == NULL)
    return;
  multi = ps_dataset_get_n_classes (self->train) > 2;
  out = &self->acts[self->n_layers - 1];
  if (multi && *out != PS_ACTIVATION_SOFTMAX)
    {
      *out = PS_ACTIVATION_SOFTMAX;
      settings.train.loss = PS_LOSS_CROSS_ENTROPY;
    }
  else if (!multi && *out == PS_ACTIVATION_SOFTMAX)
    {
      *out = PS_ACTIVATION_SIGMOID;
      if (settings.train.loss == PS_LOSS_CROSS_ENTROPY)
        settings.train.loss = PS_LOSS_MSE;
    }
  if (ps_session_update_spec (self))
    g_object_notify_by_pspec (G_OBJECT (self), props[PROP_NETWORK_SPEC]);
  ps_session_set_settings_quiet (self, &settings);
}

/* Installs checked weights: the spec follows them; a model that records a
 * scaling brings its own transform, not one refitted on this data. */
void
ps_session_adopt (PsSession       *self,
                  const PsNetwork *net)
{
  ps_session_stop_run (self);
  ps_session_take_layers_from (self, net);
  if (net->scaling != PS_SCALING_NONE && self->train != NULL)
    {
      PsTrainingSettings settings = self->settings;

      settings.scaling = net->scaling;
      ps_session_set_settings_quiet (self, &settings);
      ps_network_scale_dataset (net, self->train);
      if (self->test != NULL && self->test != self->train && ps_dataset_get_n_features (self->test) == net->n_inputs)
        ps_network_scale_dataset (net, self->test);
      self->scaling = net->scaling;
    }
  else if (self->settings.scaling != self->scaling)
    apply_scaling (self, self->settings.scaling);
  push_config (self, TRUE);
  set_model (self, net);
}

gboolean
ps_session_adopt_model (PsSession        *self,
                        const PsNetwork  *net,
                        GError          **error)
{
  g_return_val_if_fail (PS_IS_SESSION (self), FALSE);
  g_return_val_if_fail (net != NULL && net->n_layers > 0, FALSE);

  if (!ps_session_check_model (self, net, error))
    return FALSE;
  ps_session_adopt (self, net);
  return TRUE;
}

/* ---- network and settings ----------------------------------------------------- */

const char *
ps_session_get_network_spec (PsSession *self)
{
  g_return_val_if_fail (PS_IS_SESSION (self), NULL);

  return self->spec;
}

gboolean
ps_session_set_network_spec (PsSession   *self,
                             const char  *spec,
                             GError     **error)
{
  guint units[MAX_LAYERS];
  PsActivation acts[MAX_LAYERS];
  guint n = 0;
  PsTrainingSettings settings;
  gboolean softmax;

  g_return_val_if_fail (PS_IS_SESSION (self), FALSE);
  g_return_val_if_fail (spec != NULL, FALSE);

  if (g_strcmp0 (spec, self->spec) == 0)
    return TRUE;
  if (!parse_spec (spec, units, acts, &n, error))
    return FALSE;
  memcpy (self->units, units, n * sizeof units[0]);
  memcpy (self->acts, acts, n * sizeof acts[0]);
  self->n_layers = n;
  if (!ps_session_update_spec (self))
    return TRUE;   /* the same architecture written otherwise */
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_NETWORK_SPEC]);

  /* cross-entropy here is the one fused with softmax: keep them together */
  settings = self->settings;
  softmax = acts[n - 1] == PS_ACTIVATION_SOFTMAX;
  if (softmax != (settings.train.loss == PS_LOSS_CROSS_ENTROPY))
    {
      settings.train.loss = softmax ? PS_LOSS_CROSS_ENTROPY : PS_LOSS_MSE;
      ps_session_set_settings_quiet (self, &settings);
    }
  ps_session_rebuild_or_report (self);
  return TRUE;
}

void
ps_session_get_settings (PsSession          *self,
                         PsTrainingSettings *out)
{
  g_return_if_fail (PS_IS_SESSION (self));
  g_return_if_fail (out != NULL);

  *out = self->settings;
}

void
ps_session_set_settings (PsSession                *self,
                         const PsTrainingSettings *settings)
{
  g_return_if_fail (PS_IS_SESSION (self));
  g_return_if_fail (settings != NULL);

  if (ps_training_settings_equal (&self->settings, settings))
    return;
  ps_session_set_settings_quiet (self, settings);
  if (ps_training_bridge_is_running (self->bridge))
    {
      /* only the learning rate applies to a run; the rest waits for the next */
      if (self->last_config.optimizer.lr != settings->train.optimizer.lr)
        ps_training_bridge_set_learning_rate (self->bridge, settings->train.optimizer.lr);
      self->last_config.optimizer.lr = settings->train.optimizer.lr;
      return;
    }
  /* Scaling changes what the network sees: start over. Everything else
   * applies to the next run from the current weights. */
  if (settings->scaling != self->scaling && self->train != NULL)
    ps_session_rebuild_or_report (self);
  else
    push_config (self, FALSE);
}

PsScaling
ps_session_get_scaling (PsSession *self)
{
  g_return_val_if_fail (PS_IS_SESSION (self), PS_SCALING_NONE);

  return self->scaling;
}

const PsNetwork *
ps_session_get_model (PsSession *self)
{
  g_return_val_if_fail (PS_IS_SESSION (self), NULL);

  return ps_training_bridge_get_network (self->bridge);
}

/* ---- run ------------------------------------------------------------------------- */

void
ps_session_emit_snapshot (PsSession  *self,
                          PsSnapshot *snap)
{
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_SNAPSHOT]);
  g_signal_emit (self, signals[SNAPSHOT], 0, snap);
}

void
ps_session_notify_model (PsSession *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_MODEL]);
}

static void
on_bridge_snapshot (PsSession  *self,
                    PsSnapshot *snapshot)
{
  ps_session_emit_snapshot (self, ps_session_timeline_follow (self, snapshot));
}

static void
on_bridge_finished (PsSession     *self,
                    PsTrainStatus  status,
                    const char    *message)
{
  set_running (self, FALSE);
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_MODEL]);
  g_signal_emit (self, signals[RUN_FINISHED], 0, status, message);
}

gboolean
ps_session_start (PsSession  *self,
                  guint       n_epochs,
                  GError    **error)
{
  g_autoptr(GError) local = NULL;

  g_return_val_if_fail (PS_IS_SESSION (self), FALSE);

  if (ps_training_bridge_is_running (self->bridge))
    return TRUE;
  if (self->train == NULL)
    {
      g_set_error_literal (error, PS_SESSION_ERROR, PS_SESSION_ERROR_NO_DATA,
                           _("Choose a dataset first."));
      return FALSE;
    }
  if (ps_session_is_busy (self))
    {
      g_set_error_literal (error, PS_SESSION_ERROR, PS_SESSION_ERROR_NO_DATA,
                           _("Wait until the dataset has loaded."));
      return FALSE;
    }
  push_config (self, FALSE);
  if (!ps_training_bridge_start (self->bridge, n_epochs, &local))
    {
      g_set_error (error, local->domain, local->code, "%s %s", _("Cannot train:"), local->message);
      return FALSE;
    }
  set_running (self, TRUE);
  return TRUE;
}

void
ps_session_pause (PsSession *self)
{
  g_return_if_fail (PS_IS_SESSION (self));

  ps_training_bridge_pause (self->bridge);
}

void
ps_session_stop (PsSession *self)
{
  g_return_if_fail (PS_IS_SESSION (self));

  ps_session_stop_run (self);
}

gboolean
ps_session_is_running (PsSession *self)
{
  g_return_val_if_fail (PS_IS_SESSION (self), FALSE);

  return ps_training_bridge_is_running (self->bridge);
}

PsSnapshot *
ps_session_get_snapshot (PsSession *self)
{
  g_return_val_if_fail (PS_IS_SESSION (self), NULL);

  return ps_training_bridge_get_snapshot (self->bridge);
}

PsTrainingBridge *
ps_session_get_bridge (PsSession *self)
{
  g_return_val_if_fail (PS_IS_SESSION (self), NULL);

  return self->bridge;
}

guint
ps_session_get_target_epoch (PsSession *self)
{
  g_return_val_if_fail (PS_IS_SESSION (self), 0);

  return ps_training_bridge_get_target_epoch (self->bridge);
}

/* ---- lifecycle ------------------------------------------------------------------------ */

void
ps_session_shutdown (PsSession *self)
{
  g_return_if_fail (PS_IS_SESSION (self));

  ps_session_stop_run (self);
  ps_dataset_loader_shutdown (self->loader);
}

static void
ps_session_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  PsSession *self = PS_SESSION (object);

  switch (prop_id)
    {
    case PROP_DATASET_SOURCE:
      g_value_set_boxed (value, self->source);
      break;
    case PROP_TRAIN:
      g_value_set_pointer (value, self->train);
      break;
    case PROP_TEST:
      g_value_set_pointer (value, self->test);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, ps_session_is_busy (self));
      break;
    case PROP_PROGRESS:
      g_value_set_double (value, ps_session_get_progress (self));
      break;
    case PROP_NETWORK_SPEC:
      g_value_set_string (value, self->spec);
      break;
    case PROP_SETTINGS:
      g_value_set_boxed (value, &self->settings);
      break;
    case PROP_MODEL:
      g_value_set_pointer (value, (gpointer) ps_session_get_model (self));
      break;
    case PROP_RUNNING:
      g_value_set_boolean (value, self->running);
      break;
    case PROP_SNAPSHOT:
      g_value_set_pointer (value, ps_session_get_snapshot (self));
      break;
    case PROP_SPEED:
      g_value_set_double (value, self->speed);
      break;
    case PROP_TIMELINE_BUDGET:
      g_value_set_uint64 (value, self->timeline_budget);
      break;
    case PROP_VIEW_EPOCH:
      g_value_set_int (value, ps_session_get_view_epoch (self));
      break;
    case PROP_PLAYING:
      g_value_set_boolean (value, ps_session_is_playing (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ps_session_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  PsSession *self = PS_SESSION (object);

  switch (prop_id)
    {
    case PROP_NETWORK_SPEC:
      {
        g_autoptr(GError) error = NULL;

        if (!ps_session_set_network_spec (self, g_value_get_string (value), &error))
          ps_session_emit_error (self, error->message);
      }
      break;
    case PROP_SETTINGS:
      if (g_value_get_boxed (value) != NULL)
        ps_session_set_settings (self, g_value_get_boxed (value));
      break;
    case PROP_SPEED:
      ps_session_set_speed (self, g_value_get_double (value));
      break;
    case PROP_TIMELINE_BUDGET:
      ps_session_set_timeline_budget (self, g_value_get_uint64 (value));
      break;
    case PROP_VIEW_EPOCH:
      ps_session_set_view_epoch (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ps_session_dispose (GObject *object)
{
  PsSession *self = PS_SESSION (object);

  ps_session_stop_playing (self);
  g_clear_pointer (&self->view_snapshot, ps_snapshot_unref);
  if (self->bridge != NULL)
    {
      ps_training_bridge_stop (self->bridge);
      g_signal_handlers_disconnect_by_data (self->bridge, self);
    }
  ps_session_dataset_dispose (self);
  ps_session_runs_dispose (self);
  g_clear_object (&self->bridge);
  g_clear_object (&self->loader);

  G_OBJECT_CLASS (ps_session_parent_class)->dispose (object);
}

static void
ps_session_finalize (GObject *object)
{
  PsSession *self = PS_SESSION (object);

  g_clear_pointer (&self->source, ps_dataset_source_free);
  g_clear_pointer (&self->train, ps_dataset_unref);
  g_clear_pointer (&self->test, ps_dataset_unref);
  g_clear_pointer (&self->pending_model, ps_network_free);
  g_free (self->spec);

  G_OBJECT_CLASS (ps_session_parent_class)->finalize (object);
}

static void
ps_session_class_init (PsSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->get_property = ps_session_get_property;
  object_class->set_property = ps_session_set_property;
  object_class->dispose = ps_session_dispose;
  object_class->finalize = ps_session_finalize;

  props[PROP_DATASET_SOURCE] = g_param_spec_boxed ("dataset-source", NULL, NULL, PS_TYPE_DATASET_SOURCE, ro);
  props[PROP_TRAIN] = g_param_spec_pointer ("train", NULL, NULL, ro);
  props[PROP_TEST] = g_param_spec_pointer ("test", NULL, NULL, ro);
  props[PROP_BUSY] = g_param_spec_boolean ("busy", NULL, NULL, FALSE, ro);
  props[PROP_PROGRESS] = g_param_spec_double ("progress", NULL, NULL, 0, 1, 0, ro);
  props[PROP_NETWORK_SPEC] = g_param_spec_string ("network-spec", NULL, NULL, NULL, rw);
  props[PROP_SETTINGS] = g_param_spec_boxed ("settings", NULL, NULL, PS_TYPE_TRAINING_SETTINGS, rw);
  props[PROP_MODEL] = g_param_spec_pointer ("model", NULL, NULL, ro);
  props[PROP_RUNNING] = g_param_spec_boolean ("running", NULL, NULL, FALSE, ro);
  props[PROP_SNAPSHOT] = g_param_spec_pointer ("snapshot", NULL, NULL, ro);
  props[PROP_SPEED] = g_param_spec_double ("speed", NULL, NULL, 0, G_MAXDOUBLE, PS_SESSION_SPEED_MAX,
                                           G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  props[PROP_TIMELINE_BUDGET] = g_param_spec_uint64 ("timeline-budget", NULL, NULL, 0, G_MAXUINT64,
                                                     PS_TIMELINE_DEFAULT_BUDGET,
                                                     G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  props[PROP_VIEW_EPOCH] = g_param_spec_int ("view-epoch", NULL, NULL, -1, G_MAXINT, -1,
                                             G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  props[PROP_PLAYING] = g_param_spec_boolean ("playing", NULL, NULL, FALSE, ro);
  g_object_class_install_properties (object_class, N_PROPS, props);

  signals[ERROR] = g_signal_new ("error", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[DATASET_CHANGED] = g_signal_new ("dataset-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                           0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[MODEL_REBUILT] = g_signal_new ("model-rebuilt", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SNAPSHOT] = g_signal_new ("snapshot", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);
  signals[RUN_FINISHED] = g_signal_new ("run-finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT, G_TYPE_STRING);
  /* "runs-changed" (ps-session-runs.c) */
  ps_session_runs_class_init (object_class);
}

static void
ps_session_init (PsSession *self)
{
  ps_session_dataset_init (self);
  self->bridge = ps_training_bridge_new ();
  g_signal_connect_swapped (self->bridge, "snapshot", G_CALLBACK (on_bridge_snapshot), self);
  g_signal_connect_swapped (self->bridge, "finished", G_CALLBACK (on_bridge_finished), self);
  self->scaling = PS_SCALING_NONE;
  self->timeline_budget = PS_TIMELINE_DEFAULT_BUDGET;
  ps_training_settings_init (&self->settings);
  /* the notebook's [2, 3, 1] sigmoid MLP (on XOR once the window loads it) */
  self->n_layers = 2;
  self->units[0] = 3;
  self->acts[0] = PS_ACTIVATION_SIGMOID;
  self->units[1] = 1;
  self->acts[1] = PS_ACTIVATION_SIGMOID;
  ps_session_update_spec (self);
  /* the runs follow the session's own notifications */
  ps_session_runs_init (self);
}
