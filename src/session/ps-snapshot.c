/* ps-snapshot.c: what the training thread hands the UI
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ps-snapshot.h"

#include <string.h>

/**
 * ps_snapshot_new:
 * @network: the network to copy (its parameters are copied once)
 * @history: (array length=n_epochs) (nullable): metrics of the finished epochs
 * @n_epochs: number of entries in @history
 * @train: (nullable): training dataset (a reference is taken)
 * @test: (nullable): test dataset (a reference is taken)
 * @loss: the loss being trained
 *
 * Safe to call on the training thread: touches no GTK and no shared state.
 *
 * Returns: (transfer full): a new snapshot with ref count 1
 */
PsSnapshot *
ps_snapshot_new (const PsNetwork      *network,
                 const PsEpochMetrics *history,
                 guint                 n_epochs,
                 PsDataset            *train,
                 PsDataset            *test,
                 PsLoss                loss)
{
  PsSnapshot *self;

  g_return_val_if_fail (network != NULL, NULL);
  g_return_val_if_fail (history != NULL || n_epochs == 0, NULL);

  self = g_new0 (PsSnapshot, 1);
  self->ref_count = 1;
  self->network = ps_network_copy (network);
  self->n_epochs = n_epochs;
  self->epoch = n_epochs;
  if (n_epochs > 0)
    self->history = g_memdup2 (history, sizeof (PsEpochMetrics) * n_epochs);
  if (n_epochs > 0)
    self->samples_per_second = history[n_epochs - 1].samples_per_second;
  self->train = train != NULL ? ps_dataset_ref (train) : NULL;
  self->test = test != NULL ? ps_dataset_ref (test) : NULL;
  self->loss = loss;

  return self;
}

/**
 * ps_snapshot_new_shared:
 * @history: (array length=n_epochs): entries that never change again
 * @history_owner: (transfer full): keeps @history alive
 * @release: drops @history_owner
 *
 * Returns: (transfer full): a new snapshot sharing @history
 */
PsSnapshot *
ps_snapshot_new_shared (const PsNetwork      *network,
                        const PsEpochMetrics *history,
                        guint                 n_epochs,
                        gpointer              history_owner,
                        GDestroyNotify        release,
                        PsDataset            *train,
                        PsDataset            *test,
                        PsLoss                loss)
{
  PsSnapshot *self;

  g_return_val_if_fail (network != NULL, NULL);
  g_return_val_if_fail (history != NULL || n_epochs == 0, NULL);
  g_return_val_if_fail (history_owner != NULL && release != NULL, NULL);

  self = ps_snapshot_new (network, NULL, 0, train, test, loss);
  /* the public field is not const: the views only read it */
  self->history = (PsEpochMetrics *) history;
  self->n_epochs = n_epochs;
  self->epoch = n_epochs;
  if (n_epochs > 0)
    self->samples_per_second = history[n_epochs - 1].samples_per_second;
  self->history_owner = history_owner;
  self->history_owner_release = release;

  return self;
}

/**
 * ps_snapshot_ref:
 *
 * Returns: (transfer full): @self
 */
/**
 * ps_snapshot_new_checkpoint:
 * @live: the run's latest snapshot
 * @cp: a checkpoint of that run (its parameter count)
 *
 * Returns: (transfer full): the views' picture of the run at @cp
 */
PsSnapshot *
ps_snapshot_new_checkpoint (PsSnapshot         *live,
                            const PsCheckpoint *cp)
{
  PsSnapshot *self;

  g_return_val_if_fail (live != NULL, NULL);
  g_return_val_if_fail (cp != NULL, NULL);
  g_return_val_if_fail (cp->n_params == live->network->n_params, NULL);

  if (live->n_epochs > 0)
    self = ps_snapshot_new_shared (live->network, live->history, live->n_epochs,
                                   ps_snapshot_ref (live), (GDestroyNotify) ps_snapshot_unref,
                                   live->train, live->test, live->loss);
  else
    self = ps_snapshot_new (live->network, NULL, 0, live->train, live->test, live->loss);
  memcpy (self->network->params, cp->params, sizeof (float) * cp->n_params);
  self->epoch = cp->epoch;
  self->running = live->running;
  self->samples_per_second = live->samples_per_second;
  self->checkpoint = TRUE;
  return self;
}

PsSnapshot *
ps_snapshot_ref (PsSnapshot *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (g_atomic_int_get (&self->ref_count) > 0, NULL);

  g_atomic_int_inc (&self->ref_count);
  return self;
}

void
ps_snapshot_unref (PsSnapshot *self)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (g_atomic_int_get (&self->ref_count) > 0);

  if (!g_atomic_int_dec_and_test (&self->ref_count))
    return;

  g_clear_pointer (&self->network, ps_network_free);
  if (self->history_owner != NULL)
    self->history_owner_release (self->history_owner);
  else
    g_free (self->history);
  self->history = NULL;
  g_clear_pointer (&self->train, ps_dataset_unref);
  g_clear_pointer (&self->test, ps_dataset_unref);
  g_free (self);
}
