/* ps-training-bridge.h: the training thread and its hand-over to the UI
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Owns a worker GThread that runs ps_trainer_run() on a private copy of the
 * network. The worker never calls GTK: after an epoch (or some batches) it
 * copies the parameters into a PsSnapshot and publishes it to the main loop
 * through at most one pending idle (newer snapshots replace unseen ones), at
 * most ~30 times a second. All functions here are for the main thread.
 */
#pragma once

#include <glib-object.h>

#include "ps-dataset.h"
#include "ps-network.h"
#include "ps-snapshot.h"
#include "ps-timeline.h"
#include "ps-trainer.h"

G_BEGIN_DECLS

#define PS_TYPE_TRAINING_BRIDGE (ps_training_bridge_get_type ())

G_DECLARE_FINAL_TYPE (PsTrainingBridge, ps_training_bridge, PS, TRAINING_BRIDGE, GObject)

/* Signals (main thread):
 *   "snapshot" (PsSnapshot *snapshot)  a newer state; borrowed for the call
 *   "finished" (PsTrainStatus status, const char *error_message or NULL) */

PsTrainingBridge *ps_training_bridge_new        (void);
/* Sets the model and data for the next run and forgets the trainer (history
 * restarts). net and the datasets are copied/ref'ed. val may be NULL. */
void        ps_training_bridge_set_model        (PsTrainingBridge    *self,
                                                 const PsNetwork     *net,
                                                 PsDataset           *train,
                                                 PsDataset           *val,
                                                 PsDataset           *test);
/* New settings for the next run; the weights and history are kept (a new
 * trainer continues from the current weights). */
void        ps_training_bridge_set_config       (PsTrainingBridge    *self,
                                                 const PsTrainConfig *config);
/* Starts the worker: n_epochs 0 runs until config.epochs epochs are done in
 * this trainer, 1 is Step. FALSE + error when the model does not fit. */
gboolean    ps_training_bridge_start            (PsTrainingBridge    *self,
                                                 guint                n_epochs,
                                                 GError             **error);
/* Asks the worker to stop between batches; "finished" follows. */
void        ps_training_bridge_pause            (PsTrainingBridge    *self);
/* Cancels and joins the worker (blocks until it is gone; no signal). */
void        ps_training_bridge_stop             (PsTrainingBridge    *self);
void        ps_training_bridge_set_learning_rate (PsTrainingBridge   *self,
                                                 double               lr);
gboolean    ps_training_bridge_is_running       (PsTrainingBridge    *self);
/* TRUE while a worker thread exists (not joined yet). */
gboolean    ps_training_bridge_has_thread       (PsTrainingBridge    *self);
/* Epochs done (all trainers since set_model), as of the last snapshot. */
guint       ps_training_bridge_get_epoch        (PsTrainingBridge    *self);
/* The epoch the current (or next) run stops at. */
guint       ps_training_bridge_get_target_epoch (PsTrainingBridge    *self);
/* (transfer none) (nullable): the latest published snapshot */
PsSnapshot *ps_training_bridge_get_snapshot     (PsTrainingBridge    *self);
/* (transfer none): the current weights (main thread copy; while running, as
 * of the last snapshot) */
const PsNetwork *ps_training_bridge_get_network (PsTrainingBridge    *self);
/* The pace: at most @epochs_per_second epochs a second (the worker waits
 * after an epoch that came too early); 0 is Max, as fast as the machine
 * goes. Takes effect at once, while a run trains too. */
void        ps_training_bridge_set_speed        (PsTrainingBridge    *self,
                                                 double               epochs_per_second);
double      ps_training_bridge_get_speed        (PsTrainingBridge    *self);
/* (transfer none): the checkpoints of the run since set_model (epoch 0:
 * the initial weights); the worker records every epoch it is allowed to. */
PsTimeline *ps_training_bridge_get_timeline     (PsTrainingBridge    *self);
/* Memory the timeline may take; applies to the current one at once. 0
 * records nothing but the start and the end of runs (benchmarks). */
void        ps_training_bridge_set_timeline_budget (PsTrainingBridge *self,
                                                 gsize                bytes);
/* Train from here: the weights become the checkpoint at @epoch (recorded
 * exactly), the epochs after it leave the history and the timeline, and
 * the next run starts there with a fresh optimizer. Not while running.
 * FALSE + error when no checkpoint was recorded at @epoch. */
gboolean    ps_training_bridge_rewind           (PsTrainingBridge    *self,
                                                 guint                epoch,
                                                 GError             **error);
/* New weights for the model (Apply of an explained update): @params has
 * the network's n_params values. Not while running. The epoch count and
 * the history stay; a snapshot follows. */
void        ps_training_bridge_set_params       (PsTrainingBridge    *self,
                                                 const float         *params);
/* A history restored from a file (an experiment): the run's epochs so far,
 * before any training. The weights stay what set_model gave. */
void        ps_training_bridge_set_history      (PsTrainingBridge    *self,
                                                 const PsEpochMetrics *history,
                                                 guint                n_epochs);
/* Number of snapshots delivered to the main thread so far (tests). */
guint       ps_training_bridge_get_n_published  (PsTrainingBridge    *self);
/* Time between the last pause() call and the worker stopping, in µs. */
gint64      ps_training_bridge_get_pause_latency (PsTrainingBridge   *self);

G_END_DECLS
