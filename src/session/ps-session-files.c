/* ps-session-files.c: the session's files and presets
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Model files, experiment files, the history CSV and the notebook's presets,
 * read into (or written from) the session. A file that cannot be read
 * changes nothing.
 */
#include "config.h"

#include "ps-session-private.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ps-experiment.h"
#include "ps-export.h"
#include "ps-history.h"
#include "ps-model-file.h"
#include "ps-presets.h"

/* ---- files -------------------------------------------------------------------------- */

static void
prefix_error (GError     **error,
              GError      *local,
              const char  *what)
{
  g_set_error (error, PS_SESSION_ERROR, PS_SESSION_ERROR_FILE, "%s %s", what, local->message);
  g_error_free (local);
}

gboolean
ps_session_load_model (PsSession   *self,
                       const char  *path,
                       GError     **error)
{
  GError *local = NULL;
  PsNetwork *net;
  gboolean ok;

  g_return_val_if_fail (PS_IS_SESSION (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  net = ps_model_load (path, &local);
  if (net == NULL)
    {
      prefix_error (error, local, _("Cannot open the model:"));
      return FALSE;
    }
  ok = ps_session_adopt_model (self, net, error);
  ps_network_free (net);
  return ok;
}

/* A copy of the current model for a file: with the input scaling it was
 * trained with, so that the CLI (and a later Open) feed it data scaled the
 * same way. NULL, with @none_message, when there is no model yet. */
static PsNetwork *
dup_model_for_file (PsSession   *self,
                    const char  *none_message,
                    GError     **error)
{
  const PsNetwork *net = ps_training_bridge_get_network (self->bridge);
  PsNetwork *copy;

  if (net == NULL)
    {
      g_set_error_literal (error, PS_SESSION_ERROR, PS_SESSION_ERROR_NO_DATA, none_message);
      return NULL;
    }
  copy = ps_network_copy (net);
  if (self->train != NULL && ps_dataset_get_n_features (self->train) == copy->n_inputs)
    ps_network_take_scaling (copy, self->train);
  return copy;
}

gboolean
ps_session_save_model (PsSession   *self,
                       const char  *path,
                       GError     **error)
{
  GError *local = NULL;
  PsNetwork *copy;
  gboolean ok;

  g_return_val_if_fail (PS_IS_SESSION (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  copy = dup_model_for_file (self, _("There is no model to save yet."), error);
  if (copy == NULL)
    return FALSE;
  ok = ps_model_save (copy, path, &local);
  ps_network_free (copy);
  if (!ok)
    prefix_error (error, local, _("Cannot save the model:"));
  return ok;
}

/**
 * ps_session_export_model:
 * @format: PyTorch, Keras or ONNX
 *
 * Writes the current model as ps_session_save_model() would (with the
 * input scaling it was trained with) in another framework's form; Keras'
 * compile() gets the session's optimizer and learning rate.
 */
gboolean
ps_session_export_model (PsSession       *self,
                         PsExportFormat   format,
                         const char      *path,
                         GError         **error)
{
  GError *local = NULL;
  PsTrainingSettings settings;
  PsNetwork *copy;
  gboolean ok;

  g_return_val_if_fail (PS_IS_SESSION (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  copy = dup_model_for_file (self, _("There is no model to export yet."), error);
  if (copy == NULL)
    return FALSE;
  ps_session_get_settings (self, &settings);
  ok = ps_export_model_full (copy, format, &settings.train.optimizer, path, &local);
  ps_network_free (copy);
  if (!ok)
    prefix_error (error, local, _("Cannot export the model:"));
  return ok;
}

/**
 * ps_session_save_experiment_full:
 * @with_checkpoints: whether the run's timeline goes in too
 *
 * The dataset choice, the spec, the settings, the final weights and the
 * run's history; with @with_checkpoints also every checkpoint the timeline
 * kept (the file then grows by the model's size per checkpoint).
 */
gboolean
ps_session_save_experiment_full (PsSession   *self,
                                 const char  *path,
                                 gboolean     with_checkpoints,
                                 GError     **error)
{
  GError *local = NULL;
  g_autoptr(JsonNode) dataset = NULL;
  g_autoptr(JsonNode) training = NULL;
  g_autofree char *spec = NULL;
  /* PsExperimentCheckpoint pointing into the timeline's checkpoints, which
   * `held` keeps alive */
  g_autoptr(GPtrArray) checkpoints = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) held = g_ptr_array_new_with_free_func ((GDestroyNotify) ps_checkpoint_unref);
  g_autoptr(GPtrArray) runs = NULL;
  PsSnapshot *snap;
  PsExperiment exp = { 0 };

  g_return_val_if_fail (PS_IS_SESSION (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (self->source == NULL)
    {
      g_set_error_literal (error, PS_SESSION_ERROR, PS_SESSION_ERROR_NO_DATA,
                           _("Choose a dataset first."));
      return FALSE;
    }
  dataset = ps_dataset_source_to_json (self->source);
  ps_session_edit_to_json (self, dataset);
  training = ps_training_settings_to_json (&self->settings);
  /* files carry the input width, as ps_network_to_spec writes it */
  spec = g_strdup_printf ("%u,%s", ps_session_get_n_inputs (self), self->spec);

  /* borrowed: exp is not freed */
  exp.dataset = dataset;
  exp.network_spec = spec;
  exp.training = training;
  exp.model = (PsNetwork *) ps_training_bridge_get_network (self->bridge);
  snap = ps_training_bridge_get_snapshot (self->bridge);
  if (exp.model != NULL && snap != NULL)
    {
      exp.history = snap->history;
      exp.n_epochs = snap->n_epochs;
    }
  if (with_checkpoints && exp.model != NULL)
    {
      PsTimeline *timeline = ps_training_bridge_get_timeline (self->bridge);
      guint n = 0;
      g_autofree guint *epochs = ps_timeline_dup_epochs (timeline, &n);

      for (guint i = 0; i < n; i++)
        {
          PsCheckpoint *cp = ps_timeline_lookup_exact (timeline, epochs[i]);
          PsExperimentCheckpoint *ecp;

          if (cp == NULL)
            continue;
          g_ptr_array_add (held, cp);
          if (cp->n_params != exp.model->n_params)
            continue;
          ecp = g_new (PsExperimentCheckpoint, 1);
          ecp->epoch = cp->epoch;
          ecp->params = cp->params;
          g_ptr_array_add (checkpoints, ecp);
        }
      exp.checkpoints = checkpoints;
    }
  /* the runs: settings, history and final weights (ps-session-runs.c) */
  runs = ps_session_runs_to_experiment (self);
  exp.runs = runs;
  if (!ps_experiment_write (&exp, path, &local))
    {
      prefix_error (error, local, _("Cannot save the experiment:"));
      return FALSE;
    }
  return TRUE;
}

gboolean
ps_session_save_experiment (PsSession   *self,
                            const char  *path,
                            GError     **error)
{
  return ps_session_save_experiment_full (self, path, FALSE, error);
}

/* ---- an experiment's run, waiting for its weights to be adopted ---------------------- */

/* The weights of an experiment wait in self->pending_model for the dataset;
 * take_dataset() adopts them (or rebuilds, when they do not fit). The run's
 * history and checkpoints wait here, and follow the adoption: the first
 * "model" notification once nothing is pending any more is either that
 * adoption (the model holds exactly the stored weights) or something that
 * replaced them (a rebuild, Reset, another preset), and then the run goes
 * too. */
#define PENDING_RUN_KEY "ps-session-pending-run"

typedef struct
{
  gulong          handler;
  float          *params;       /* the stored weights, to know them again */
  gsize           n_params;
  PsEpochMetrics *history;
  guint           n_epochs;
  GPtrArray      *checkpoints;  /* (nullable) PsExperimentCheckpoint */
} PendingRun;

static void
pending_run_free (gpointer data)
{
  PendingRun *run = data;

  g_free (run->params);
  g_free (run->history);
  g_clear_pointer (&run->checkpoints, g_ptr_array_unref);
  g_free (run);
}

/* (transfer full) (nullable): the waiting run, no longer waiting */
static PendingRun *
steal_pending_run (PsSession *self)
{
  PendingRun *run = g_object_steal_data (G_OBJECT (self), PENDING_RUN_KEY);

  if (run != NULL)
    g_signal_handler_disconnect (self, run->handler);
  return run;
}

/* The history, then the checkpoints in epoch order, then the final weights
 * at the last epoch (what the bridge would have recorded at the end). */
static void
restore_run (PsSession  *self,
             PendingRun *run)
{
  const PsNetwork *net;
  PsTimeline *timeline;

  ps_training_bridge_set_history (self->bridge, run->history, run->n_epochs);
  if (run->checkpoints == NULL || run->checkpoints->len == 0)
    return;
  /* (set_history may have replaced the bridge's copy) */
  net = ps_training_bridge_get_network (self->bridge);
  timeline = ps_training_bridge_get_timeline (self->bridge);
  /* set_history recorded the final weights at the last epoch: they go after */
  ps_timeline_truncate (timeline, 0);
  for (guint i = 0; i < run->checkpoints->len; i++)
    {
      PsExperimentCheckpoint *cp = g_ptr_array_index (run->checkpoints, i);

      ps_timeline_offer (timeline, cp->epoch, cp->params, TRUE);
    }
  ps_timeline_offer (timeline, run->n_epochs, net->params, TRUE);
}

static void
on_pending_run_model (PsSession  *self,
                      GParamSpec *pspec,
                      gpointer    user_data)
{
  PendingRun *run;
  const PsNetwork *net;

  /* the data has not arrived yet (a rebuild on the old data) */
  if (self->pending_model != NULL)
    return;
  run = steal_pending_run (self);
  if (run == NULL)
    return;
  net = ps_training_bridge_get_network (self->bridge);
  if (net != NULL && net->n_params == run->n_params &&
      memcmp (net->params, run->params, run->n_params * sizeof (float)) == 0)
    restore_run (self, run);
  pending_run_free (run);
}

/* The run of @exp (whose weights now wait in pending_model) waits for them. */
static void
set_pending_run (PsSession    *self,
                 PsExperiment *exp)
{
  PendingRun *run = steal_pending_run (self);

  g_clear_pointer (&run, pending_run_free);
  if (exp->model == NULL || (exp->n_epochs == 0 && exp->checkpoints == NULL))
    return;
  run = g_new0 (PendingRun, 1);
  run->n_params = exp->model->n_params;
  run->params = g_memdup2 (exp->model->params, run->n_params * sizeof (float));
  run->history = g_steal_pointer (&exp->history);
  run->n_epochs = exp->n_epochs;
  run->checkpoints = g_steal_pointer (&exp->checkpoints);
  run->handler = g_signal_connect (self, "notify::model", G_CALLBACK (on_pending_run_model), NULL);
  g_object_set_data_full (G_OBJECT (self), PENDING_RUN_KEY, run, pending_run_free);
}

/**
 * ps_session_read_experiment:
 * @source: (out) (transfer full): the dataset the experiment was made on
 *
 * The first half of ps_session_load_experiment(): applies the spec and
 * the settings, keeps the weights (and the run: history, checkpoints) for
 * the dataset's arrival, and hands the dataset source to the caller to
 * load. Nothing changes on failure.
 */
gboolean
ps_session_read_experiment (PsSession        *self,
                            const char       *path,
                            PsDatasetSource **source_out,
                            GError          **error)
{
  GError *local = NULL;
  g_autoptr(PsExperiment) exp = NULL;
  g_autoptr(PsDatasetSource) source = NULL;
  PsSessionEdit *edit = NULL;
  PsTrainingSettings settings;
  PsNetwork *arch = NULL;

  g_return_val_if_fail (PS_IS_SESSION (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (source_out != NULL, FALSE);

  settings = self->settings;
  if (ps_training_bridge_is_running (self->bridge))
    {
      g_set_error_literal (error, PS_SESSION_ERROR, PS_SESSION_ERROR_BUSY,
                           _("Pause training before opening another file."));
      return FALSE;
    }
  exp = ps_experiment_read (path, &local);
  if (exp == NULL)
    {
      prefix_error (error, local, _("Cannot open the experiment:"));
      return FALSE;
    }
  arch = ps_network_new_from_spec (exp->network_spec, &local);
  if (arch == NULL || !ps_training_settings_from_json (&settings, exp->training, &local))
    {
      g_clear_pointer (&arch, ps_network_free);
      prefix_error (error, local, _("Cannot open the experiment:"));
      return FALSE;
    }
  source = ps_dataset_source_from_json (exp->dataset, &local);
  if (source == NULL || !ps_session_edit_from_json (exp->dataset, &edit, &local))
    {
      g_clear_pointer (&arch, ps_network_free);
      prefix_error (error, local, _("The experiment’s dataset could not be loaded:"));
      return FALSE;
    }
  if (!ps_session_runs_check_experiment (exp, &local))
    {
      g_clear_pointer (&arch, ps_network_free);
      g_clear_pointer (&edit, ps_session_edit_free);
      prefix_error (error, local, _("Cannot open the experiment:"));
      return FALSE;
    }

  ps_session_stop_run (self);
  ps_session_runs_from_experiment (self, exp);
  ps_session_set_settings_quiet (self, &settings);
  ps_session_take_layers_from (self, exp->model != NULL ? exp->model : arch);
  ps_network_free (arch);
  /* take_dataset() adopts the stored weights when the data arrives, and
   * the run follows them */
  g_clear_pointer (&self->pending_model, ps_network_free);
  set_pending_run (self, exp);
  self->pending_model = g_steal_pointer (&exp->model);
  /* the edited samples replace the source's data when it arrives */
  ps_session_edit_set_pending (self, g_steal_pointer (&edit), source);
  *source_out = g_steal_pointer (&source);
  return TRUE;
}

gboolean
ps_session_load_experiment (PsSession   *self,
                            const char  *path,
                            GError     **error)
{
  g_autoptr(PsDatasetSource) source = NULL;

  g_return_val_if_fail (PS_IS_SESSION (self), FALSE);

  if (!ps_session_read_experiment (self, path, &source, error))
    return FALSE;
  /* the dataset loads at once (gates, generators) or in the background */
  ps_session_load_dataset (self, source);
  return TRUE;
}

gboolean
ps_session_export_history (PsSession   *self,
                           const char  *path,
                           GError     **error)
{
  GError *local = NULL;
  PsSnapshot *snap;

  g_return_val_if_fail (PS_IS_SESSION (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  snap = ps_training_bridge_get_snapshot (self->bridge);
  if (snap == NULL || snap->n_epochs == 0)
    {
      g_set_error_literal (error, PS_SESSION_ERROR, PS_SESSION_ERROR_NO_DATA,
                           _("There is no training history yet: train first."));
      return FALSE;
    }
  if (!ps_history_write_csv (path, snap->history, snap->n_epochs, &local))
    {
      prefix_error (error, local, _("Cannot export the history:"));
      return FALSE;
    }
  return TRUE;
}

/* ---- presets ------------------------------------------------------------------------ */

gboolean
ps_session_configure_preset (PsSession   *self,
                             const char  *preset_id,
                             GError     **error)
{
  const PsPreset *p;
  PsTrainingSettings settings;

  g_return_val_if_fail (PS_IS_SESSION (self), FALSE);

  p = ps_presets_lookup (preset_id);
  if (p == NULL)
    {
      g_set_error (error, PS_SESSION_ERROR, PS_SESSION_ERROR_UNKNOWN,
                   _("Unknown experiment “%s”."), preset_id);
      return FALSE;
    }
  ps_session_stop_run (self);
  g_clear_pointer (&self->pending_model, ps_network_free);

  self->n_layers = p->n_hidden + 1;
  for (guint i = 0; i < p->n_hidden; i++)
    {
      self->units[i] = p->hidden[i];
      self->acts[i] = p->hidden_activation;
    }
  self->acts[p->n_hidden] = p->output_activation;
  if (ps_session_update_spec (self))
    ps_session_notify_spec (self);

  ps_training_settings_init (&settings);
  settings.train.loss = p->loss;
  settings.train.reduction = p->reduction;
  ps_optimizer_config_init (&settings.train.optimizer, p->optimizer);
  settings.train.optimizer.lr = p->lr;
  settings.batch_mode = p->batch_mode;
  settings.mini_batch = p->mini_batch;
  ps_training_settings_sync_batch (&settings);
  settings.train.epochs = p->epochs;
  settings.train.val_split = p->val_split;
  settings.init = p->init;
  settings.scaling = p->scaling;
  settings.train.seed = p->seed;
  ps_session_set_settings_quiet (self, &settings);
  /* on its own data the output layer follows now; other data follows when
   * it arrives (following the old data would undo the preset's output) */
  if (self->source != NULL && g_strcmp0 (self->source->id, p->dataset) == 0)
    ps_session_follow_dataset (self);
  return TRUE;
}

gboolean
ps_session_apply_preset (PsSession              *self,
                         const char             *preset_id,
                         const PsDatasetSource  *source,
                         GError                **error)
{
  g_autoptr(PsDatasetSource) own = NULL;
  const PsPreset *p;

  g_return_val_if_fail (PS_IS_SESSION (self), FALSE);

  if (!ps_session_configure_preset (self, preset_id, error))
    return FALSE;
  p = ps_presets_lookup (preset_id);
  /* the current data: rebuild now; else loading it rebuilds */
  if (self->source != NULL && g_strcmp0 (self->source->id, p->dataset) == 0 && self->train != NULL)
    {
      ps_session_cancel_load (self);
      ps_session_rebuild_or_report (self);
      return TRUE;
    }
  if (source == NULL)
    source = own = ps_dataset_source_new (p->dataset);
  ps_session_load_dataset (self, source);
  return TRUE;
}

/**
 * ps_session_apply_perceptron_rule:
 *
 * The notebook's perceptron training: MSE summed, the delta rule at 0.1,
 * the whole table per update, U(−0.5, 0.5), no validation split.
 */
void
ps_session_apply_perceptron_rule (PsSession *self)
{
  PsTrainingSettings settings;

  g_return_if_fail (PS_IS_SESSION (self));

  settings = self->settings;
  settings.train.loss = PS_LOSS_MSE;
  settings.train.reduction = PS_REDUCTION_SUM;
  ps_optimizer_config_init (&settings.train.optimizer, PS_OPTIMIZER_DELTA);
  settings.train.optimizer.lr = 0.1;
  settings.batch_mode = PS_BATCH_FULL;
  settings.train.batch_size = 0;
  settings.init = PS_INIT_NOTEBOOK;
  /* the notebook trains on the whole table: a split kept from an earlier
   * run would hold out one row of a 4-row truth table */
  settings.train.val_split = 0.0;
  ps_session_set_settings_quiet (self, &settings);
  ps_session_rebuild_or_report (self);
}

