/* ps-session-runs.c: the session's runs
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each training from a fresh model is a run (PsRun). The session's own
 * notifications drive it, so the core of the session does not know about
 * runs: "running" going TRUE on a model that no run records yet adds one;
 * "snapshot" moves the recording run on; "running" going FALSE copies its
 * history and weights in.
 *
 * A model is told apart by the bridge's timeline: every new model (set_model,
 * a restored history) gets a new one, and Train from here keeps it. The
 * current run holds a reference on the timeline it records, so a new
 * timeline can never take the old one's address.
 */
#include "config.h"

#include "ps-session-private.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ps-experiment.h"

typedef struct _PsSessionRuns PsSessionRuns;

struct _PsSessionRuns
{
  GListStore *store;          /* PsRun, oldest first */
  PsRun      *current;        /* (nullable) the run of the session's model */
  PsTimeline *recording;      /* (nullable) the bridge's timeline current records */
  guint       last_number;
  /* the latest deletion, for undo */
  PsRun      *deleted;
  guint       deleted_position;
  gboolean    deleted_current;
  PsTimeline *deleted_recording;
  /* an experiment's current run, waiting for its model to be adopted */
  PsRun      *pending_current;
};

enum {
  RUNS_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

void
ps_session_runs_class_init (GObjectClass *object_class)
{
  signals[RUNS_CHANGED] = g_signal_new ("runs-changed", G_TYPE_FROM_CLASS (object_class),
                                        G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                        G_TYPE_NONE, 0);
}

static void
emit_changed (PsSession *self)
{
  g_signal_emit (self, signals[RUNS_CHANGED], 0);
}

/* Whether the session's model is the one the current run records. */
static gboolean
is_recording (PsSession *self)
{
  PsSessionRuns *runs = self->runs;

  return runs->current != NULL && runs->recording != NULL &&
         runs->recording == ps_session_get_timeline (self);
}

static void
set_current (PsSession  *self,
             PsRun      *run,
             PsTimeline *recording)
{
  PsSessionRuns *runs = self->runs;

  g_set_object (&runs->current, run);
  if (recording != NULL)
    ps_timeline_ref (recording);
  g_clear_pointer (&runs->recording, ps_timeline_unref);
  runs->recording = recording;
}

/* (transfer none) (nullable) */
static PsRun *
last_run (PsSessionRuns *runs)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (runs->store));
  g_autoptr(PsRun) run = NULL;

  if (n == 0)
    return NULL;
  run = g_list_model_get_item (G_LIST_MODEL (runs->store), n - 1);
  /* the store keeps it alive */
  return run;
}

/* Only the newest runs keep their checkpoints in memory. */
static void
trim_timelines (PsSessionRuns *runs)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (runs->store));

  for (guint i = 0; i + PS_SESSION_RUNS_TIMELINES < n; i++)
    {
      g_autoptr(PsRun) run = g_list_model_get_item (G_LIST_MODEL (runs->store), i);

      ps_run_set_timeline (run, NULL);
    }
}

/* Numbers @run, sets its diff against the last run and appends it. */
static void
append_run (PsSession *self,
            PsRun     *run)
{
  PsSessionRuns *runs = self->runs;

  if (ps_run_get_number (run) == 0)
    ps_run_set_number (run, ++runs->last_number);
  else
    runs->last_number = MAX (runs->last_number, ps_run_get_number (run));
  if (ps_run_get_diff (run)[0] == '\0')
    {
      g_autofree char *diff = ps_run_describe_changes (last_run (runs), run);

      ps_run_set_diff (run, diff);
    }
  g_list_store_append (runs->store, run);
  /* a tick changes what the curves overlay: one signal for the views */
  g_signal_connect_object (run, "notify::shown", G_CALLBACK (emit_changed), self, G_CONNECT_SWAPPED);
  trim_timelines (runs);
}

/* The recording run stopped: its history and weights are copied in. */
static void
freeze_current (PsSession *self)
{
  PsSessionRuns *runs = self->runs;
  PsSnapshot *snap;

  if (!is_recording (self))
    return;
  snap = ps_session_get_snapshot (self);
  if (snap == NULL)
    return;
  ps_run_set_result (runs->current, snap->history, snap->n_epochs, snap->network);
  emit_changed (self);
}

/* A new run when the model training is one no run records yet. */
static void
on_start (PsSession *self)
{
  g_autoptr(PsRun) run = NULL;
  g_autofree char *spec = NULL;
  PsTimeline *timeline = ps_session_get_timeline (self);

  if (is_recording (self))
    {
      ps_run_set_live (self->runs->current, ps_session_get_snapshot (self));
      return;
    }
  /* an experiment's run whose model never came (another was trained) */
  g_clear_object (&self->runs->pending_current);
  spec = g_strdup_printf ("%u,%s", ps_session_get_n_inputs (self), self->spec);
  run = ps_run_new (&self->settings, spec, self->source != NULL ? self->source->id : NULL);
  ps_run_set_timeline (run, timeline);
  ps_run_set_live (run, ps_session_get_snapshot (self));
  append_run (self, run);
  set_current (self, run, timeline);
  emit_changed (self);
}

/* An experiment's current run becomes current when the session's model is
 * its weights with its whole history (the file's run restored). */
static void
link_pending_current (PsSession  *self,
                      PsSnapshot *snap)
{
  PsSessionRuns *runs = self->runs;
  PsRun *run = runs->pending_current;
  const PsNetwork *mine = ps_run_get_model (run);
  const PsNetwork *model = ps_session_get_model (self);

  if (mine == NULL || model == NULL || mine->n_params != model->n_params ||
      snap->n_epochs != ps_run_get_n_epochs (run) ||
      memcmp (mine->params, model->params, sizeof (float) * mine->n_params) != 0)
    return;
  ps_run_set_timeline (run, ps_session_get_timeline (self));
  set_current (self, run, ps_session_get_timeline (self));
  g_clear_object (&runs->pending_current);
  emit_changed (self);
}

static void
on_running_changed (PsSession *self)
{
  if (ps_session_is_running (self))
    on_start (self);
  else
    freeze_current (self);
}

static void
on_snapshot_changed (PsSession *self)
{
  PsSnapshot *snap = ps_session_get_snapshot (self);

  if (snap == NULL)
    return;
  if (self->runs->pending_current != NULL && !is_recording (self))
    link_pending_current (self, snap);
  if (!is_recording (self))
    return;
  if (ps_session_is_running (self))
    ps_run_set_live (self->runs->current, snap);
  else if (snap->n_epochs != ps_run_get_n_epochs (self->runs->current))
    /* a snapshot that came after the run stopped, or Train from here's
     * shorter history */
    freeze_current (self);
}

void
ps_session_runs_init (PsSession *self)
{
  self->runs = g_new0 (PsSessionRuns, 1);
  self->runs->store = g_list_store_new (PS_TYPE_RUN);
  g_signal_connect (self, "notify::running", G_CALLBACK (on_running_changed), NULL);
  g_signal_connect (self, "notify::snapshot", G_CALLBACK (on_snapshot_changed), NULL);
}

void
ps_session_runs_dispose (PsSession *self)
{
  PsSessionRuns *runs = self->runs;

  if (runs == NULL)
    return;
  set_current (self, NULL, NULL);
  g_clear_object (&runs->pending_current);
  g_clear_object (&runs->deleted);
  g_clear_pointer (&runs->deleted_recording, ps_timeline_unref);
  g_clear_object (&runs->store);
  g_clear_pointer (&self->runs, g_free);
}

/* ---- public ------------------------------------------------------------------------ */

/**
 * ps_session_get_runs:
 *
 * Returns: (transfer none): the runs, a GListModel of PsRun, oldest first
 */
GListModel *
ps_session_get_runs (PsSession *self)
{
  g_return_val_if_fail (PS_IS_SESSION (self), NULL);

  return G_LIST_MODEL (self->runs->store);
}

/**
 * ps_session_get_current_run:
 *
 * Returns: (transfer none) (nullable): the run the model belongs to
 */
PsRun *
ps_session_get_current_run (PsSession *self)
{
  g_return_val_if_fail (PS_IS_SESSION (self), NULL);

  return self->runs->current;
}

/**
 * ps_session_add_run:
 * @run: a run made elsewhere (a sweep's variant); a ref is taken
 *
 * Appends @run, numbered and with its diff against the last run.
 */
void
ps_session_add_run (PsSession *self,
                    PsRun     *run)
{
  g_return_if_fail (PS_IS_SESSION (self));
  g_return_if_fail (PS_IS_RUN (run));

  append_run (self, run);
  emit_changed (self);
}

static gboolean
find_run (PsSession *self,
          PsRun     *run,
          guint     *position)
{
  return g_list_store_find (self->runs->store, run, position);
}

/**
 * ps_session_select_run:
 * @run: one of the session's runs
 *
 * Its settings, spec, weights and history become the session's.
 */
gboolean
ps_session_select_run (PsSession  *self,
                       PsRun      *run,
                       GError    **error)
{
  g_autoptr(PsRun) keep = NULL;
  const PsEpochMetrics *history;
  const PsNetwork *model;
  PsTrainingSettings before;
  guint n_epochs = 0;

  g_return_val_if_fail (PS_IS_SESSION (self), FALSE);
  g_return_val_if_fail (PS_IS_RUN (run), FALSE);
  g_return_val_if_fail (find_run (self, run, NULL), FALSE);

  if (run == self->runs->current && is_recording (self))
    return TRUE;
  if (ps_session_is_running (self))
    {
      g_set_error_literal (error, PS_SESSION_ERROR, PS_SESSION_ERROR_BUSY,
                           _("Pause the run first."));
      return FALSE;
    }
  model = ps_run_get_model (run);
  if (model == NULL)
    {
      g_set_error_literal (error, PS_SESSION_ERROR, PS_SESSION_ERROR_NO_DATA,
                           _("This run has no weights yet."));
      return FALSE;
    }
  if (!ps_session_check_model (self, model, error))
    return FALSE;

  keep = g_object_ref (run);
  before = self->settings;
  ps_session_set_settings_quiet (self, ps_run_get_settings (run));
  if (!ps_session_adopt_model (self, model, error))
    {
      ps_session_set_settings_quiet (self, &before);
      return FALSE;
    }
  history = ps_run_get_history (run, &n_epochs);
  /* the history as the run left it; a new timeline starts at its end */
  ps_training_bridge_set_history (self->bridge, history, n_epochs);
  ps_session_notify_model (self);
  set_current (self, run, ps_session_get_timeline (self));
  emit_changed (self);
  return TRUE;
}

/**
 * ps_session_delete_run:
 * @run: one of the session's runs
 *
 * Returns: TRUE when it was removed (ps_session_undo_delete_run() brings
 *   it back)
 */
gboolean
ps_session_delete_run (PsSession *self,
                       PsRun     *run)
{
  PsSessionRuns *runs;
  guint position;

  g_return_val_if_fail (PS_IS_SESSION (self), FALSE);
  g_return_val_if_fail (PS_IS_RUN (run), FALSE);

  runs = self->runs;
  if (!find_run (self, run, &position))
    return FALSE;
  g_set_object (&runs->deleted, run);
  runs->deleted_position = position;
  runs->deleted_current = run == runs->current;
  g_clear_pointer (&runs->deleted_recording, ps_timeline_unref);
  if (runs->deleted_current)
    {
      /* the run being recorded keeps its last state */
      freeze_current (self);
      runs->deleted_recording = runs->recording != NULL ? ps_timeline_ref (runs->recording) : NULL;
      set_current (self, NULL, NULL);
    }
  g_list_store_remove (runs->store, position);
  emit_changed (self);
  return TRUE;
}

/**
 * ps_session_undo_delete_run:
 *
 * Returns: (transfer none) (nullable): the run put back, or NULL
 */
PsRun *
ps_session_undo_delete_run (PsSession *self)
{
  PsSessionRuns *runs;
  g_autoptr(PsRun) run = NULL;
  guint n;

  g_return_val_if_fail (PS_IS_SESSION (self), NULL);

  runs = self->runs;
  if (runs->deleted == NULL)
    return NULL;
  run = g_steal_pointer (&runs->deleted);
  n = g_list_model_get_n_items (G_LIST_MODEL (runs->store));
  g_list_store_insert (runs->store, MIN (runs->deleted_position, n), run);
  /* current again only when no other run took the model meanwhile */
  if (runs->deleted_current && runs->current == NULL &&
      runs->deleted_recording == ps_session_get_timeline (self))
    set_current (self, run, runs->deleted_recording);
  g_clear_pointer (&runs->deleted_recording, ps_timeline_unref);
  emit_changed (self);
  return run;
}

void
ps_session_clear_runs (PsSession *self)
{
  PsSessionRuns *runs;

  g_return_if_fail (PS_IS_SESSION (self));

  runs = self->runs;
  set_current (self, NULL, NULL);
  g_clear_object (&runs->pending_current);
  g_clear_object (&runs->deleted);
  g_clear_pointer (&runs->deleted_recording, ps_timeline_unref);
  g_list_store_remove_all (runs->store);
  runs->last_number = 0;
  emit_changed (self);
}

/* ---- experiment files ---------------------------------------------------------------- */

GPtrArray *
ps_session_runs_to_experiment (PsSession *self)
{
  GListModel *model = G_LIST_MODEL (self->runs->store);
  guint n = g_list_model_get_n_items (model);
  GPtrArray *out;

  if (n == 0)
    return NULL;
  out = g_ptr_array_new_full (n, (GDestroyNotify) ps_experiment_run_free);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PsRun) run = g_list_model_get_item (model, i);
      PsExperimentRun *er = ps_experiment_run_new ();
      const PsEpochMetrics *history;
      const PsNetwork *net;

      er->number = ps_run_get_number (run);
      er->dataset = g_strdup (ps_run_get_dataset (run));
      er->network_spec = g_strdup (ps_run_get_network_spec (run));
      er->training = ps_training_settings_to_json (ps_run_get_settings (run));
      er->diff = g_strdup (ps_run_get_diff (run));
      er->shown = ps_run_get_shown (run);
      /* the model's run: its weights and history are the file's own */
      er->current = run == self->runs->current && is_recording (self);
      g_ptr_array_add (out, er);
      if (er->current)
        continue;
      net = ps_run_get_model (run);
      er->model = net != NULL ? ps_network_copy (net) : NULL;
      history = ps_run_get_history (run, &er->n_epochs);
      er->history = er->n_epochs > 0 ? g_memdup2 (history, sizeof (PsEpochMetrics) * er->n_epochs) : NULL;
    }
  return out;
}

/* (transfer full) (nullable): @er as a run, or NULL + error naming the
 * field of runs[@i] */
static PsRun *
run_from_experiment (const PsExperiment     *exp,
                     const PsExperimentRun  *er,
                     guint                   i,
                     GError                **error)
{
  g_autoptr(GError) local = NULL;
  PsNetwork *arch;
  PsTrainingSettings settings;
  PsRun *run;

  ps_training_settings_init (&settings);
  if (!ps_training_settings_from_json (&settings, er->training, &local))
    {
      g_set_error (error, PS_SESSION_ERROR, PS_SESSION_ERROR_FILE,
                   "runs[%u].training: %s", i, local->message);
      return NULL;
    }
  arch = ps_network_new_from_spec (er->network_spec, &local);
  if (arch == NULL)
    {
      g_set_error (error, PS_SESSION_ERROR, PS_SESSION_ERROR_FILE,
                   "runs[%u].network: %s", i, local->message);
      return NULL;
    }
  ps_network_free (arch);
  run = ps_run_new (&settings, er->network_spec, er->dataset);
  ps_run_set_number (run, er->number);
  ps_run_set_diff (run, er->diff);
  ps_run_set_shown (run, er->shown);
  if (er->current)
    ps_run_set_result (run, exp->history, exp->n_epochs, exp->model);
  else
    ps_run_set_result (run, er->history, er->n_epochs, er->model);
  return run;
}

gboolean
ps_session_runs_check_experiment (const PsExperiment  *exp,
                                  GError             **error)
{
  GPtrArray *runs = exp->runs;

  for (guint i = 0; runs != NULL && i < runs->len; i++)
    {
      g_autoptr(PsRun) run = run_from_experiment (exp, g_ptr_array_index (runs, i), i, error);

      if (run == NULL)
        return FALSE;
    }
  return TRUE;
}

void
ps_session_runs_from_experiment (PsSession          *self,
                                 const PsExperiment *exp)
{
  PsSessionRuns *state = self->runs;
  GPtrArray *runs = exp->runs;

  set_current (self, NULL, NULL);
  g_clear_object (&state->pending_current);
  g_clear_object (&state->deleted);
  g_clear_pointer (&state->deleted_recording, ps_timeline_unref);
  g_list_store_remove_all (state->store);
  state->last_number = 0;
  for (guint i = 0; runs != NULL && i < runs->len; i++)
    {
      PsExperimentRun *er = g_ptr_array_index (runs, i);
      g_autoptr(PsRun) run = run_from_experiment (exp, er, i, NULL);

      if (run == NULL)
        continue;
      append_run (self, run);
      /* current once the file's model and history are in */
      if (er->current)
        g_set_object (&state->pending_current, run);
    }
  emit_changed (self);
}
