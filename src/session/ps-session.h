/* ps-session.h: the document under the window
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * PsSession holds what the user is working on: the dataset source and the
 * loaded training/test sets, the network spec, the training settings (with
 * the input scaling), the current model and the current run (a
 * PsTrainingBridge it owns). Panels set its properties and redraw on its
 * notifications; the session is the one copy of that state. Setting a value
 * equal to the current one does nothing and notifies nothing.
 *
 * An error never destroys state: a failed load, rebuild, adopt or file read
 * emits "error" (or returns FALSE + GError) and leaves every property as it
 * was. GLib/GIO only: no GTK, tested without a display. Main thread only.
 */
#pragma once

#include <gio/gio.h>

#include "ps-dataset-source.h"
#include "ps-dataset.h"
#include "ps-explain.h"
#include "ps-export.h"
#include "ps-network.h"
#include "ps-run.h"
#include "ps-snapshot.h"
#include "ps-timeline.h"
#include "ps-trainer.h"
#include "ps-training-bridge.h"
#include "ps-training-settings.h"

G_BEGIN_DECLS

#define PS_TYPE_SESSION (ps_session_get_type ())

G_DECLARE_FINAL_TYPE (PsSession, ps_session, PS, SESSION, GObject)

#define PS_SESSION_ERROR (ps_session_error_quark ())

/* Error messages are whole sentences, ready for the window's banner. */
typedef enum
{
  PS_SESSION_ERROR_NO_DATA,     /* no dataset yet, or one is loading */
  PS_SESSION_ERROR_BUSY,        /* a run is training */
  PS_SESSION_ERROR_MISMATCH,    /* a model that does not fit the dataset */
  PS_SESSION_ERROR_FILE,        /* a file that cannot be read or written */
  PS_SESSION_ERROR_UNKNOWN,     /* an unknown preset */
} PsSessionError;

GQuark              ps_session_error_quark         (void);

/* Properties (all notify only on a real change):
 *   "dataset-source" (PsDatasetSource, boxed, read-only)  what train/test were
 *                    loaded from; changes when a load succeeds
 *   "train"          (pointer PsDataset *, read-only)     (nullable)
 *   "test"           (pointer PsDataset *, read-only)     (nullable) t10k, a
 *                    generated test set, the gate table itself, or NULL
 *   "busy"           (gboolean, read-only)  a dataset load is running
 *   "progress"       (double, read-only)    0..1 of the running load
 *   "network-spec"   (string, read-write)   hidden and output layers, no
 *                    input: "3:sigmoid,1:sigmoid" (see below)
 *   "settings"       (PsTrainingSettings, boxed, read-write)
 *   "model"          (pointer const PsNetwork *, read-only) the current
 *                    weights (as of the last snapshot while a run trains)
 *   "running"        (gboolean, read-only)  a run is training
 *   "snapshot"       (pointer PsSnapshot *, read-only) the latest published
 *   "speed"          (double, read-write)   epochs a second, 0 is Max; a new
 *                    dataset sets ps_session_default_speed() of its size
 *   "timeline-budget" (guint64, read-write) bytes a run's checkpoints may take
 *   "view-epoch"     (int, read-write)      the epoch the views show, -1: live
 *   "playing"        (gboolean, read-only)  a replay runs
 *
 * "network-spec" is "units:activation" per layer, comma-separated, hidden
 * layers first and the output layer last (ps_network_to_spec without its
 * leading input width). The input width always follows the training set;
 * the output layer's units follow its classes (1 for two classes, one per
 * class with softmax or more than two), so setting "4:tanh,7:sigmoid" on a
 * two-class set reads back as "4:tanh,1:sigmoid".
 *
 * Signals:
 *   "error"          (const char *message)  a sentence for the banner; the
 *                    state is unchanged
 *   "dataset-changed" ()  train/test/source were replaced (after their
 *                    notifies; the spec and settings have followed the class
 *                    count; the model is rebuilt or adopted right after)
 *   "model-rebuilt"  ()   fresh weights of the spec (Reset, a new spec or
 *                    dataset, new scaling); not emitted for adopt/load
 *   "snapshot"       (PsSnapshot *snapshot)   borrowed for the call: what
 *                    the views show (the live state, or the checkpoint
 *                    "view-epoch" points at: snapshot->checkpoint TRUE)
 *   "run-finished"   (PsTrainStatus status, const char *message or NULL)
 *   "runs-changed"   ()   a run was added, deleted, restored or made
 *                    current, one stopped (its history and weights are
 *                    in) or was ticked ("shown")
 */

PsSession          *ps_session_new                 (void);

/* ---- dataset ---- */

/* Loads @source (copied); a load already running is cancelled (quietly: no
 * "error"). Gates and generators load at once, before this returns; files
 * load in a thread ("busy", "progress"). On success train/test/dataset-source change, the output layer
 * and loss follow the class count, and the model is rebuilt (or a model
 * waiting from ps_session_load_experiment() is adopted). On failure
 * "error" is emitted ("Could not load “name”: reason") and nothing else
 * changes. A run that trains is stopped when the new data is in. */
void                ps_session_load_dataset        (PsSession             *self,
                                                    const PsDatasetSource *source);
/* Cancels a running load (no "error" follows). */
void                ps_session_cancel_load         (PsSession             *self);
gboolean            ps_session_is_busy             (PsSession             *self);
double              ps_session_get_progress        (PsSession             *self);
/* (transfer none) (nullable) */
const PsDatasetSource *ps_session_get_dataset_source (PsSession           *self);
/* (transfer none) (nullable) */
PsDataset          *ps_session_get_train           (PsSession             *self);
/* (transfer none) (nullable) */
PsDataset          *ps_session_get_test            (PsSession             *self);
/* Loader threads still running, cancelled ones included (tests). */
guint               ps_session_get_n_loader_threads (PsSession            *self);

/* ---- network and settings ---- */

/* (transfer none): see "network-spec" above. */
const char         *ps_session_get_network_spec    (PsSession             *self);
/* Sets the hidden and output layers and rebuilds the model. FALSE + error
 * (PS_NETWORK_ERROR) for a spec that does not parse; nothing changes. The
 * loss follows the output: softmax goes with cross-entropy, anything else
 * leaves cross-entropy for MSE. */
gboolean            ps_session_set_network_spec    (PsSession             *self,
                                                    const char            *spec,
                                                    GError               **error);
/* (out caller-allocates) */
void                ps_session_get_settings        (PsSession             *self,
                                                    PsTrainingSettings    *out);
/* New settings: a new scaling starts over (rebuild); anything else applies
 * to the next run from the current weights; a new learning rate alone
 * applies at once, while a run trains too. Other changes while running are
 * kept for the next run. */
void                ps_session_set_settings        (PsSession                *self,
                                                    const PsTrainingSettings *settings);
/* The scaling applied to train/test now (settings.scaling once applied). */
PsScaling           ps_session_get_scaling         (PsSession             *self);

/* ---- model ---- */

/* (transfer none) (nullable): the current weights */
const PsNetwork    *ps_session_get_model           (PsSession             *self);
/* Fresh weights of the spec for the current dataset (Reset). Emits "error"
 * and keeps the old model when the network does not fit the data. */
void                ps_session_rebuild             (PsSession             *self);
/* Trained weights (copied) instead of fresh ones: the spec follows @net.
 * FALSE + error when @net does not fit the training set or its class names
 * are not the dataset's, in order; nothing changes then. A model that
 * records a scaling brings its own transform (settings.scaling follows). */
gboolean            ps_session_adopt_model         (PsSession             *self,
                                                    const PsNetwork       *net,
                                                    GError               **error);

/* ---- run ---- */

/* Starts the worker: @n_epochs 0 trains until settings.train.epochs are
 * done, 1 is Step. FALSE + error when there is no data, a load is running,
 * or the model does not fit. */
gboolean            ps_session_start               (PsSession             *self,
                                                    guint                  n_epochs,
                                                    GError               **error);
/* Asks the run to stop between batches; "run-finished" (PAUSED) follows. */
void                ps_session_pause               (PsSession             *self);
/* Cancels and joins the run; no "run-finished" ("running" notifies). */
void                ps_session_stop                (PsSession             *self);
gboolean            ps_session_is_running          (PsSession             *self);
/* (transfer none) (nullable) */
PsSnapshot         *ps_session_get_snapshot        (PsSession             *self);
/* (transfer none): the run (tests, latency probes) */
PsTrainingBridge   *ps_session_get_bridge          (PsSession             *self);
/* The epoch the current (or next) run stops at. */
guint               ps_session_get_target_epoch    (PsSession             *self);

/* ---- pace and timeline (ps-session-timeline.c) ---- */

#define PS_SESSION_SPEED_MAX         0.0
/* Under this many samples a dataset starts paced ... */
#define PS_SESSION_SMALL_DATA        1000
/* ... at this many epochs a second: the notebook's 1000 XOR epochs in 10 s */
#define PS_SESSION_SMALL_DATA_SPEED  100.0

double              ps_session_default_speed       (gsize                  n_samples);
double              ps_session_get_speed           (PsSession             *self);
void                ps_session_set_speed           (PsSession             *self,
                                                    double                 epochs_per_second);
guint64             ps_session_get_timeline_budget (PsSession             *self);
void                ps_session_set_timeline_budget (PsSession             *self,
                                                    guint64                bytes);
/* (transfer none) */
PsTimeline         *ps_session_get_timeline        (PsSession             *self);
int                 ps_session_get_view_epoch      (PsSession             *self);
void                ps_session_set_view_epoch      (PsSession             *self,
                                                    int                    epoch);
/* (transfer none) (nullable): the checkpoint shown, or the live snapshot */
PsSnapshot         *ps_session_get_view_snapshot   (PsSession             *self);
void                ps_session_play                (PsSession             *self);
void                ps_session_stop_playing        (PsSession             *self);
gboolean            ps_session_is_playing          (PsSession             *self);
gboolean            ps_session_train_from_here     (PsSession             *self,
                                                    GError               **error);

/* ---- explain one update (ps-session-explain.c) ---- */

/* The update one training step on sample @index of the training set would
 * make to the model the views show, with the session's loss, reduction,
 * learning rate and learning rule. FALSE-ish: NULL + error (no data, index
 * out of range, ...).
 * Returns: (transfer full) (nullable) */
PsExplain          *ps_session_explain             (PsSession             *self,
                                                    gsize                  index,
                                                    GError               **error);
/* Performs @update on the live model (Apply): its weights become
 * update->params_after. FALSE + error while a run trains, while the views
 * show a past epoch, or when the model is not the one explained. */
gboolean            ps_session_apply_update        (PsSession             *self,
                                                    const PsExplain       *update,
                                                    GError               **error);

/* ---- the student's own data (ps-session-edit.c) ---- */

/* Edits of the training set (issue 11 §5). Each replaces it with an edited
 * copy (a new PsDataset; the old one is never changed): "train" notifies
 * (and "test" when the test set was the training set, a gate's table),
 * "dataset-changed" follows, and the model keeps its weights when they
 * still fit (its run's history and timeline start over), else it is
 * rebuilt. Refused, FALSE + error, while a run trains
 * (PS_SESSION_ERROR_BUSY: "Pause training to edit the data.") or a
 * dataset loads, without data, or for a bad index, class or point
 * (PS_SESSION_ERROR_MISMATCH); nothing changes then. */
gboolean            ps_session_add_sample          (PsSession             *self,
                                                    const float           *x,
                                                    guint32                label,
                                                    GError               **error);
/* add_sample for 2-D data: a point of class @label at (@x, @y). */
gboolean            ps_session_add_point           (PsSession             *self,
                                                    double                 x,
                                                    double                 y,
                                                    guint32                label,
                                                    GError               **error);
/* The last sample is never removed (PS_SESSION_ERROR_NO_DATA). */
gboolean            ps_session_remove_sample       (PsSession             *self,
                                                    gsize                  index,
                                                    GError               **error);
gboolean            ps_session_set_label           (PsSession             *self,
                                                    gsize                  index,
                                                    guint32                label,
                                                    GError               **error);
/* A truth table's output flipped: the next class (0 ↔ 1). */
gboolean            ps_session_flip_label          (PsSession             *self,
                                                    gsize                  index,
                                                    GError               **error);
/* TRUE while the training set is an edited copy (a load replaces it).
 * Experiments save the edited samples and bring them back. */
gboolean            ps_session_is_data_edited      (PsSession             *self);
/* The training set as it is now, as CSV (ps_dataset_to_csv). */
gboolean            ps_session_export_data         (PsSession             *self,
                                                    const char            *path,
                                                    GError               **error);

/* ---- files ---- */

/* Model files (ps_model_load/save). Saving records the training set's
 * scaling in the file. Load: the model is adopted (ps_session_adopt_model).
 * FALSE + error on failure; nothing changes. */
gboolean            ps_session_load_model          (PsSession             *self,
                                                    const char            *path,
                                                    GError               **error);
gboolean            ps_session_save_model          (PsSession             *self,
                                                    const char            *path,
                                                    GError               **error);
gboolean            ps_session_export_model        (PsSession             *self,
                                                    PsExportFormat         format,
                                                    const char            *path,
                                                    GError               **error);
/* Experiment files: dataset source, network spec, settings and weights
 * (with the run's history, and its checkpoints when saved with them).
 * Load applies spec and settings at once, then loads the dataset
 * (asynchronously for files) and adopts the stored weights when it arrives;
 * a dataset that fails to load emits "error" and the model is rebuilt on the
 * current data. FALSE + error when the file cannot be read; nothing changes
 * then. */
gboolean            ps_session_load_experiment     (PsSession             *self,
                                                    const char            *path,
                                                    GError               **error);
/* The first half of load_experiment for a caller that loads the dataset
 * itself: spec, settings and the waiting weights are in; @source (transfer
 * full) is what to load next. */
gboolean            ps_session_read_experiment     (PsSession             *self,
                                                    const char            *path,
                                                    PsDatasetSource      **source,
                                                    GError               **error);
gboolean            ps_session_save_experiment     (PsSession             *self,
                                                    const char            *path,
                                                    GError               **error);
/* Saves the run with it: the final weights and the history always (loading
 * restores both: the curves and the epoch count come back), and, when
 * @with_checkpoints, the timeline's checkpoints (they come back into the
 * run's timeline). ps_session_save_experiment() is this without them. */
gboolean            ps_session_save_experiment_full (PsSession            *self,
                                                    const char            *path,
                                                    gboolean               with_checkpoints,
                                                    GError               **error);
/* The metrics of the current run as CSV. */
gboolean            ps_session_export_history      (PsSession             *self,
                                                    const char            *path,
                                                    GError               **error);

/* ---- presets ---- */

/* Sets the layers and settings of a notebook preset (ps_presets_lookup)
 * and loads its dataset: @source when given (MNIST: the remembered folder),
 * else the preset's id with default options. FALSE + error for an unknown
 * id. */
gboolean            ps_session_apply_preset        (PsSession             *self,
                                                    const char            *preset_id,
                                                    const PsDatasetSource *source,
                                                    GError               **error);

/* The first half of apply_preset: the layers and settings only (the output
 * follows the current data when it is the preset's); the caller loads the dataset, or rebuilds
 * when it is the current one. */
gboolean            ps_session_configure_preset    (PsSession             *self,
                                                    const char            *preset_id,
                                                    GError               **error);
/* The notebook's perceptron rule (MSE summed, delta rule α = 0.1, full
 * batch, U(−0.5, 0.5), no validation split) and a rebuild: the network
 * editor's Perceptron button, after it set a single step layer. */
void                ps_session_apply_perceptron_rule (PsSession           *self);

/* ---- runs (ps-session-runs.c) ---- */

/* Each training from a fresh model (Reset, a new spec or dataset, an
 * adopted model) is a run: the first start after it adds a PsRun with the
 * settings, the spec and the dataset, and what differs from the run before
 * ("diff"); it follows the live snapshot while it trains and keeps the
 * history and final weights when it stops (Pause, the end, Reset). Going
 * on after a pause is the same run. The runs are saved in experiment files
 * (without their timelines); a run keeps its timeline in memory (the
 * newest PS_SESSION_RUNS_TIMELINES runs only). */
#define PS_SESSION_RUNS_TIMELINES 8

/* (transfer none): a GListModel of PsRun, oldest first */
GListModel         *ps_session_get_runs            (PsSession             *self);
/* (transfer none) (nullable): the run the model belongs to, if any */
PsRun              *ps_session_get_current_run     (PsSession             *self);
/* Appends @run (a ref is taken), e.g. a sweep's variant with its result:
 * it is numbered (when its number is 0) and its diff is set against the
 * last run. "runs-changed" follows. */
void                ps_session_add_run             (PsSession             *self,
                                                    PsRun                 *run);
/* Makes @run (one of the runs) the current one: its settings, its spec and
 * its final weights (adopted) and its history become the session's; going
 * on training continues it. FALSE + error when it has no weights or they
 * do not fit the dataset; nothing changes then. */
gboolean            ps_session_select_run          (PsSession             *self,
                                                    PsRun                 *run,
                                                    GError               **error);
/* Removes @run from the list (no confirmation: undo brings it back). The
 * model stays; deleting the current run leaves none current. Only the
 * latest deletion can be undone. FALSE when @run is not in the list. */
gboolean            ps_session_delete_run          (PsSession             *self,
                                                    PsRun                 *run);
/* Puts the run deleted last back where it was (current again if it was
 * and its model is still the session's).
 * Returns: (transfer none) (nullable): the run, or NULL with nothing to undo */
PsRun              *ps_session_undo_delete_run     (PsSession             *self);
/* Forgets every run (and the undo). */
void                ps_session_clear_runs          (PsSession             *self);

/* Cancels and joins the run and any loader (closing the window). */
void                ps_session_shutdown            (PsSession             *self);

G_END_DECLS
