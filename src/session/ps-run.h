/* ps-run.h: one training of the session, from Reset to where it stopped
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A PsRun records what a run was trained with (the settings, the network
 * spec with its input width, the dataset's id), what it gave (the history
 * and the final weights) and, while it is in memory, its timeline. Its
 * "diff" says what changed from the run before it ("lr 0.5 → 0.1, seed 3 →
 * 4"). The session keeps its runs in a GListModel (ps_session_get_runs());
 * "shown" ticks a run for the Curves view's overlay.
 *
 * While its model trains, a run follows the live snapshot (its history is
 * the snapshot's, shared, immutable); when the run stops, the session
 * copies the history and the weights in (ps_run_set_result()).
 * GLib only; main thread only.
 */
#pragma once

#include <glib-object.h>

#include "ps-network.h"
#include "ps-snapshot.h"
#include "ps-timeline.h"
#include "ps-trainer.h"
#include "ps-training-settings.h"

G_BEGIN_DECLS

#define PS_TYPE_RUN (ps_run_get_type ())

G_DECLARE_FINAL_TYPE (PsRun, ps_run, PS, RUN, GObject)

/* Properties:
 *   "number"  (guint, read-only)     1, 2, ... in the session; 0 until added
 *   "diff"    (string, read-only)    what differs from the previous run
 *   "shown"   (gboolean, read-write) ticked for the curves' overlay
 *   "n-epochs" (guint, read-only)    epochs in the history (notifies when
 *                                    the run stops, not per live epoch)
 */

/* (transfer full): a run of @settings (copied) on a network of
 * @network_spec ("2,3:sigmoid,1:sigmoid", with its input width) and the
 * dataset @dataset (an id, "xor"; nullable). No history, no weights yet. */
PsRun                    *ps_run_new               (const PsTrainingSettings *settings,
                                                    const char               *network_spec,
                                                    const char               *dataset);

guint                     ps_run_get_number        (PsRun                    *self);
void                      ps_run_set_number        (PsRun                    *self,
                                                    guint                     number);
/* (transfer full): "Run 3" (translated) */
char                     *ps_run_dup_title         (PsRun                    *self);
/* (transfer none) */
const PsTrainingSettings *ps_run_get_settings      (PsRun                    *self);
/* (transfer none): with the input width */
const char               *ps_run_get_network_spec  (PsRun                    *self);
/* (transfer none) (nullable): the dataset's id */
const char               *ps_run_get_dataset       (PsRun                    *self);

/* (transfer none) (nullable): the epochs so far (the live snapshot's while
 * the run trains); *n_epochs their number. Valid until the run changes. */
const PsEpochMetrics     *ps_run_get_history       (PsRun                    *self,
                                                    guint                    *n_epochs);
guint                     ps_run_get_n_epochs      (PsRun                    *self);
/* (transfer none) (nullable): the final weights (the live snapshot's while
 * it trains); NULL before the first epoch was recorded. */
const PsNetwork          *ps_run_get_model         (PsRun                    *self);
/* The run stopped: @history (n_epochs entries) and @model are copied in;
 * the live snapshot is dropped. "n-epochs" notifies. */
void                      ps_run_set_result        (PsRun                    *self,
                                                    const PsEpochMetrics     *history,
                                                    guint                     n_epochs,
                                                    const PsNetwork          *model);
/* While it trains: @snapshot (a ref is taken; nullable) is the run's state. */
void                      ps_run_set_live          (PsRun                    *self,
                                                    PsSnapshot               *snapshot);

/* (transfer none) (nullable): the checkpoints it recorded, while kept in
 * memory (never saved in experiment files) */
PsTimeline               *ps_run_get_timeline      (PsRun                    *self);
/* @timeline: (nullable): a ref is taken */
void                      ps_run_set_timeline      (PsRun                    *self,
                                                    PsTimeline               *timeline);

/* (transfer none): "" until set */
const char               *ps_run_get_diff          (PsRun                    *self);
void                      ps_run_set_diff          (PsRun                    *self,
                                                    const char               *diff);

gboolean                  ps_run_get_shown         (PsRun                    *self);
void                      ps_run_set_shown         (PsRun                    *self,
                                                    gboolean                  shown);

/* The one place a run's difference from another is put into words.
 * (transfer full): "lr 0.5 → 0.1, seed 3 → 4": each setting of @run that
 * is not @previous's, old → new, in a fixed order (data, layers, lr,
 * optimizer, momentum, loss, reduction, batch, epochs, validation, seed,
 * init, scaling); "first run" without @previous; "same settings as run N"
 * when nothing differs. Translated. */
char                     *ps_run_describe_changes  (PsRun                    *previous,
                                                    PsRun                    *run);
/* (transfer full): a legend label for @run among @runs (n of them): "Run 2"
 * followed by the values of the settings that differ among @runs ("Run 2:
 * lr 0.1"), at most three of them. */
char                     *ps_run_dup_label_among   (PsRun                    *run,
                                                    PsRun * const            *runs,
                                                    guint                     n);

G_END_DECLS
