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
/* Number of snapshots delivered to the main thread so far (tests). */
guint       ps_training_bridge_get_n_published  (PsTrainingBridge    *self);
/* Time between the last pause() call and the worker stopping, in µs. */
gint64      ps_training_bridge_get_pause_latency (PsTrainingBridge   *self);

G_END_DECLS
