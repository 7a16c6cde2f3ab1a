/* ps-snapshot.h: what the training thread hands the UI
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Immutable once published; reference counted; safe to read from the main
 * thread while the worker keeps training its own network.
 */
#pragma once

#include <glib.h>

#include "ps-dataset.h"
#include "ps-network.h"
#include "ps-timeline.h"
#include "ps-trainer.h"

G_BEGIN_DECLS

typedef struct
{
  gint             ref_count;
  PsNetwork       *network;     /* a private copy of the parameters (one memcpy) */
  PsEpochMetrics  *history;     /* n_epochs entries */
  guint            n_epochs;
  guint            epoch;       /* epochs done; a checkpoint's: the epoch shown */
  gboolean         running;
  /* TRUE when network is a timeline checkpoint (the state after `epoch`)
   * while the history runs on past it: the views write that epoch and the
   * curves draw a cursor at it. */
  gboolean         checkpoint;
  double           samples_per_second;
  PsDataset       *train;       /* borrowed refs: the datasets (immutable) */
  PsDataset       *test;        /* or NULL */
  PsLoss           loss;
  /* private: who owns history when it is shared (see ps_snapshot_new_shared) */
  gpointer         history_owner;
  GDestroyNotify   history_owner_release;
} PsSnapshot;

PsSnapshot *ps_snapshot_new   (const PsNetwork      *network,
                               const PsEpochMetrics *history,
                               guint                 n_epochs,
                               PsDataset            *train,
                               PsDataset            *test,
                               PsLoss                loss);
/* Like ps_snapshot_new, but history is not copied: it points into an
 * append-only buffer kept alive by history_owner (released with release when
 * the snapshot dies). Entries [0, n_epochs) must never change afterwards.
 * This keeps publishing O(1) in the length of a long run. */
PsSnapshot *ps_snapshot_new_shared (const PsNetwork      *network,
                                    const PsEpochMetrics *history,
                                    guint                 n_epochs,
                                    gpointer              history_owner,
                                    GDestroyNotify        release,
                                    PsDataset            *train,
                                    PsDataset            *test,
                                    PsLoss                loss);
/* The network of @live with @cp's parameters, and @live's whole history
 * (shared: @live is kept alive by the new snapshot); checkpoint TRUE and
 * epoch cp->epoch. */
PsSnapshot *ps_snapshot_new_checkpoint (PsSnapshot         *live,
                                        const PsCheckpoint *cp);
PsSnapshot *ps_snapshot_ref   (PsSnapshot *self);
void        ps_snapshot_unref (PsSnapshot *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PsSnapshot, ps_snapshot_unref)

G_END_DECLS
