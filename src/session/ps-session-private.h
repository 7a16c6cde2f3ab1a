/* ps-session-private.h: what ps-session.c shares with its other parts
 * (ps-session-dataset.c, -files.c, -timeline.c, -explain.c)
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Private to src/session.
 */
#pragma once

#include "ps-dataset-loader.h"
#include "ps-experiment.h"
#include "ps-session.h"

G_BEGIN_DECLS

/* The editor offers up to 16 hidden layers; one more for the output. */
#define MAX_LAYERS 17

struct _PsSession
{
  GObject             parent_instance;

  PsDatasetLoader    *loader;
  PsDatasetSource    *source;
  PsDataset          *train;
  PsDataset          *test;

  /* the spec: hidden layers then the output layer */
  guint               n_layers;
  guint               units[MAX_LAYERS];
  PsActivation        acts[MAX_LAYERS];
  char               *spec;

  PsTrainingSettings  settings;
  PsScaling           scaling;        /* applied to train/test now */

  PsTrainingBridge   *bridge;
  PsTrainConfig       last_config;    /* what the bridge was last given */
  gboolean            have_config;
  gboolean            running;
  PsNetwork          *pending_model;  /* an experiment's weights, waiting for its data */

  /* pace and timeline (ps-session-timeline.c) */
  double              speed;          /* epochs a second, 0: Max */
  guint64             timeline_budget;
  PsSnapshot         *view_snapshot;  /* the checkpoint the views show; NULL: live */
  guint               play_id;
  double              play_pos;
  gint64              play_last;

  /* the runs (ps-session-runs.c) */
  struct _PsSessionRuns *runs;
};

/* Emits "error" with @message. */
void      ps_session_emit_error           (PsSession                *self,
                                           const char               *message);
/* Installs weights ps_session_check_model() accepted: stops the run, the
 * spec follows them, their recorded scaling is applied. */
void      ps_session_adopt                (PsSession                *self,
                                           const PsNetwork          *net);

/* ps-session-dataset.c */
/* FALSE + PS_SESSION_ERROR_MISMATCH when @net's classes (in order) or shape
 * are not the training set's; TRUE without data. */
gboolean  ps_session_check_model          (PsSession                *self,
                                           const PsNetwork          *net,
                                           GError                  **error);
/* The loader and its notifications ("busy", "progress"), from init. */
void      ps_session_dataset_init         (PsSession                *self);
/* Joins the loader's threads and disconnects it, from dispose. */
void      ps_session_dataset_dispose      (PsSession                *self);

/* Cancels and joins a run; "running" notifies. */
void      ps_session_stop_run             (PsSession                *self);
/* Sets and notifies "settings" only; nothing is rebuilt or pushed. */
void      ps_session_set_settings_quiet   (PsSession                *self,
                                           const PsTrainingSettings *settings);
/* The spec's layers from @net (a loaded model); notifies "network-spec". */
void      ps_session_take_layers_from     (PsSession                *self,
                                           const PsNetwork          *net);
/* After units/acts changed: the output width follows the classes and the
 * spec string is rewritten. TRUE when it changed (the caller notifies). */
gboolean  ps_session_update_spec          (PsSession                *self);
void      ps_session_notify_spec          (PsSession                *self);
/* The output layer and the loss follow the training set's class count. */
void      ps_session_follow_dataset       (PsSession                *self);
/* Fresh weights; a network that does not fit emits "error". */
void      ps_session_rebuild_or_report    (PsSession                *self);
/* The training set's width (1 without data). */
guint     ps_session_get_n_inputs         (PsSession                *self);
/* Emits "snapshot" with @snap and notifies "snapshot". */
void      ps_session_emit_snapshot        (PsSession                *self,
                                           PsSnapshot               *snap);
/* Notifies "model". */
void      ps_session_notify_model         (PsSession                *self);
/* A live snapshot arrived: what the views get (the checkpoint shown, with
 * the longer history, or @live). */
PsSnapshot *ps_session_timeline_follow    (PsSession                *self,
                                           PsSnapshot               *live);
/* Back to the live state, replay stopped (the model is replaced). */
void      ps_session_timeline_reset       (PsSession                *self);

/* ps-session-edit.c: an experiment's edited data */
typedef struct _PsSessionEdit PsSessionEdit;
void      ps_session_edit_free            (PsSessionEdit            *edit);
/* Adds "edited" to an experiment's dataset entry when the data is edited. */
void      ps_session_edit_to_json         (PsSession                *self,
                                           JsonNode                 *dataset);
/* @out: the entry's edited data or NULL; FALSE + error when malformed. */
gboolean  ps_session_edit_from_json       (JsonNode                 *dataset,
                                           PsSessionEdit           **out,
                                           GError                  **error);
/* @edit (transfer full, nullable) waits for @source's data to arrive. */
void      ps_session_edit_set_pending     (PsSession                *self,
                                           PsSessionEdit            *edit,
                                           const PsDatasetSource    *source);

/* ps-session-runs.c: the runs */
/* The "runs-changed" signal, from class_init. */
void      ps_session_runs_class_init      (GObjectClass             *object_class);
/* The run list and its hooks on the session's notifications, from init. */
void      ps_session_runs_init            (PsSession                *self);
void      ps_session_runs_dispose         (PsSession                *self);
/* (transfer container) (nullable): the runs for an experiment file
 * (PsExperimentRun *, oldest first; NULL when there are none) */
GPtrArray *ps_session_runs_to_experiment  (PsSession                *self);
/* The runs of an experiment (exp->runs), checked: FALSE + error naming
 * the field ("runs[2].training: ...") and nothing is stored. */
gboolean  ps_session_runs_check_experiment (const PsExperiment       *exp,
                                            GError                 **error);
/* Replaces the session's runs with @exp's (none without), checked before;
 * call it before the file's history is taken (the current run's is it). */
void      ps_session_runs_from_experiment (PsSession                *self,
                                           const PsExperiment       *exp);

G_END_DECLS
