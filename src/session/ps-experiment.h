/* ps-experiment.h: experiment files (dataset choice + network + settings
 * + the run: weights, history, checkpoints)
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "ps-network.h"
#include "ps-trainer.h"

G_BEGIN_DECLS

#define PS_EXPERIMENT_ERROR (ps_experiment_error_quark ())

typedef enum
{
  PS_EXPERIMENT_ERROR_IO,
  PS_EXPERIMENT_ERROR_SYNTAX,
  PS_EXPERIMENT_ERROR_INVALID,
} PsExperimentError;

GQuark    ps_experiment_error_quark (void);

/* The file, one JSON object:
 *
 *   { "format": "perceptron-studio-experiment", "version": 1,
 *     "dataset": {...}, "network": "2,3:sigmoid,1:sigmoid", "training": {...},
 *     "model": { model JSON },            optional: the final weights, as
 *                                          ps_model_to_json() writes them
 *     "history": [ { "epoch": 1, "loss": .., "accuracy": .., "rmse": ..,
 *                    "val_loss": .., "val_accuracy": .., "val_rmse": ..,
 *                    "seconds": .., "samples_per_second": .. }, ... ],
 *                                          optional: one object per epoch,
 *                                          the history CSV's columns (the
 *                                          val_ keys only for epochs with a
 *                                          validation set; null: not finite)
 *     "checkpoints": [ { "epoch": 0, "params": "base64" }, ... ] }
 *                                          optional, with "model": the run's
 *                                          timeline, epochs ascending and
 *                                          within the history; params are the
 *                                          model's n_params float32 values,
 *                                          little-endian, in base64
 *     "runs": [ { "number": 1, "dataset": "xor",
 *                 "network": "2,3:sigmoid,1:sigmoid", "training": {...},
 *                 "diff": "lr 0.5 → 0.1", "shown": true,
 *                 "current": true,
 *                 "model": { model JSON }, "history": [ ... ] }, ... ] }
 *                                          optional: the session's runs,
 *                                          oldest first; each with its
 *                                          settings, final weights
 *                                          ("model", optional) and history
 *                                          (as above); the current run
 *                                          (one at most, "current": true)
 *                                          has neither: they are the
 *                                          file's own; never their
 *                                          timelines (the size: a run's
 *                                          checkpoints are the model times
 *                                          the epochs kept)
 *
 * Files written before the run was kept have neither "history" nor
 * "checkpoints" (nor, untrained, "model"), nor "runs": they load as before.
 *
 * Core and json-glib only (no PsTimeline): the fuzz and fault tests build
 * this file against the core alone. */

/* One checkpoint: the weights after @epoch (0: the initial ones). */
typedef struct
{
  guint        epoch;
  const float *params;            /* the model's n_params values */
} PsExperimentCheckpoint;

/* One of the session's runs (ps-run.h) as the file keeps it. */
typedef struct
{
  guint           number;
  char           *dataset;        /* (nullable): the dataset's id */
  char           *network_spec;   /* with the input width */
  JsonNode       *training;       /* the settings (a JSON object) */
  char           *diff;           /* (nullable) */
  gboolean        shown;
  gboolean        current;        /* the run of the file's model and history */
  PsNetwork      *model;          /* (nullable): the final weights */
  PsEpochMetrics *history;        /* (nullable): n_epochs entries */
  guint           n_epochs;
} PsExperimentRun;

/* (transfer full): every member NULL or 0 */
PsExperimentRun *ps_experiment_run_new  (void);
void             ps_experiment_run_free (PsExperimentRun *run);

typedef struct
{
  JsonNode       *dataset;        /* the dataset choice (a JSON object) */
  char           *network_spec;   /* with the input width: "2,3:sigmoid,1:sigmoid" */
  JsonNode       *training;       /* the training settings (a JSON object) */
  PsNetwork      *model;          /* (nullable): the final weights */
  PsEpochMetrics *history;        /* (nullable): n_epochs entries, epoch i + 1
                                   * at i; freed with g_free() */
  guint           n_epochs;
  /* (nullable): PsExperimentCheckpoint *, epochs ascending; the array's
   * free function frees what its filler allocated (a read one's params are
   * in the same block as the checkpoint) */
  GPtrArray      *checkpoints;
  /* (nullable): PsExperimentRun *, oldest first (a read one's array frees
   * them) */
  GPtrArray      *runs;
} PsExperiment;

/* (transfer full): an empty experiment, every member NULL or 0 */
PsExperiment *ps_experiment_new      (void);
void          ps_experiment_free     (PsExperiment        *self);
/* Writes @self atomically (the old file stays intact on failure). The
 * checkpoints written are those within the history; when they
 * would make the file larger than a load accepts (PS_FILE_MODEL_MAX), every
 * other one is left out (the first and the last stay) until it fits. Runs
 * are written while they take less than half of that limit (the newest
 * ones that do not fit are left out).
 * Checkpoints without a model are not written. */
gboolean      ps_experiment_write    (const PsExperiment  *self,
                                      const char          *path,
                                      GError             **error);
/* (transfer full) (nullable): the experiment in @path, or NULL + error
 * (PS_EXPERIMENT_ERROR). Reads at most PS_FILE_MODEL_MAX bytes of a regular
 * file; refuses JSON nested deeper than PS_JSON_MAX_DEPTH, trailing text,
 * out-of-range whole numbers, a history that is not epochs 1, 2, ... with
 * numbers, and checkpoints that are not base64 of the model's parameter
 * count, that do not ascend, that go past the history or that come without
 * a model, and runs that are not objects with a "number", a "network" and
 * a "training" object, or whose model or history is bad; the message names
 * the field ("checkpoints[3].params", "runs[1].history[4].loss"). */
PsExperiment *ps_experiment_read     (const char          *path,
                                      GError             **error);

/* The first parts only (no history, no checkpoints): ps_experiment_write()
 * of them. */
gboolean  ps_experiment_save        (const char       *path,
                                     JsonNode         *dataset,
                                     const char       *network_spec,
                                     JsonNode         *training,
                                     const PsNetwork  *model,
                                     GError          **error);
/* ps_experiment_read() handing out the first parts; model is NULL when the
 * file holds no weights. */
gboolean  ps_experiment_load        (const char       *path,
                                     JsonNode        **dataset,
                                     char            **network_spec,
                                     JsonNode        **training,
                                     PsNetwork       **model,
                                     GError          **error);
/* Whether path is a regular file that says it is an experiment in its first
 * 4 KiB; reads no more (never /dev/zero, never a FIFO). */
gboolean  ps_experiment_sniff       (const char           *path);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PsExperiment, ps_experiment_free)

G_END_DECLS
