/* ps-session-timeline.c: the pace of a run and its timeline
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The session's part of watching learning happen: how fast a run goes
 * ("speed", passed to the bridge, live), which recorded epoch the views
 * show ("view-epoch": a checkpoint of the bridge's timeline, or -1 for the
 * live state), replaying the recorded run (Play) and going on from a
 * checkpoint (Train from here).
 */
#include "config.h"

#include "ps-session-private.h"

#include <glib/gi18n.h>

/* A replay at Max takes about this long, whatever the run's length. */
#define PLAY_MAX_SECONDS 5.0
#define PLAY_INTERVAL_MS 33

/**
 * ps_session_default_speed:
 * @n_samples: the training set's size
 *
 * Returns: the pace a new dataset starts at: PS_SESSION_SMALL_DATA_SPEED
 *   epochs a second under PS_SESSION_SMALL_DATA samples (the notebook's
 *   1000 XOR epochs in about 10 s), else Max (0)
 */
double
ps_session_default_speed (gsize n_samples)
{
  return n_samples < PS_SESSION_SMALL_DATA ? PS_SESSION_SMALL_DATA_SPEED : PS_SESSION_SPEED_MAX;
}

double
ps_session_get_speed (PsSession *self)
{
  g_return_val_if_fail (PS_IS_SESSION (self), 0);

  return self->speed;
}

/**
 * ps_session_set_speed:
 * @epochs_per_second: the pace; 0 (PS_SESSION_SPEED_MAX) is as fast as the
 *   machine goes
 *
 * Takes effect at once, also while a run trains.
 */
void
ps_session_set_speed (PsSession *self,
                      double     epochs_per_second)
{
  g_return_if_fail (PS_IS_SESSION (self));
  g_return_if_fail (epochs_per_second >= 0);

  if (self->speed == epochs_per_second)
    return;
  self->speed = epochs_per_second;
  ps_training_bridge_set_speed (self->bridge, epochs_per_second);
  g_object_notify (G_OBJECT (self), "speed");
}

guint64
ps_session_get_timeline_budget (PsSession *self)
{
  g_return_val_if_fail (PS_IS_SESSION (self), 0);

  return self->timeline_budget;
}

/**
 * ps_session_set_timeline_budget:
 * @bytes: memory the checkpoints of a run may take
 *
 * A smaller budget thins the current run's checkpoints at once.
 */
void
ps_session_set_timeline_budget (PsSession *self,
                                guint64    bytes)
{
  g_return_if_fail (PS_IS_SESSION (self));

  if (self->timeline_budget == bytes)
    return;
  self->timeline_budget = bytes;
  ps_training_bridge_set_timeline_budget (self->bridge, (gsize) MIN (bytes, G_MAXSIZE));
  g_object_notify (G_OBJECT (self), "timeline-budget");
}

/**
 * ps_session_get_timeline:
 *
 * Returns: (transfer none): the current run's checkpoints
 */
PsTimeline *
ps_session_get_timeline (PsSession *self)
{
  g_return_val_if_fail (PS_IS_SESSION (self), NULL);

  return ps_training_bridge_get_timeline (self->bridge);
}

/* ---- the epoch the views show ----------------------------------------------- */

int
ps_session_get_view_epoch (PsSession *self)
{
  g_return_val_if_fail (PS_IS_SESSION (self), -1);

  return self->view_snapshot != NULL ? (int) self->view_snapshot->epoch : -1;
}

/**
 * ps_session_get_view_snapshot:
 *
 * Returns: (transfer none) (nullable): what the views show: the checkpoint
 *   the timeline points at, or the latest snapshot when it is live
 */
PsSnapshot *
ps_session_get_view_snapshot (PsSession *self)
{
  g_return_val_if_fail (PS_IS_SESSION (self), NULL);

  if (self->view_snapshot != NULL)
    return self->view_snapshot;
  return ps_training_bridge_get_snapshot (self->bridge);
}

/* Makes the checkpoint at or before @epoch the views' picture, on top of
 * the live snapshot's history. FALSE when there is none to show. */
static gboolean
show_checkpoint (PsSession *self,
                 guint      epoch)
{
  PsSnapshot *live = ps_training_bridge_get_snapshot (self->bridge);
  g_autoptr(PsCheckpoint) cp = NULL;

  if (live == NULL)
    return FALSE;
  cp = ps_timeline_lookup (ps_training_bridge_get_timeline (self->bridge), epoch);
  if (cp == NULL || cp->n_params != live->network->n_params)
    return FALSE;
  g_clear_pointer (&self->view_snapshot, ps_snapshot_unref);
  self->view_snapshot = ps_snapshot_new_checkpoint (live, cp);
  return TRUE;
}

static void
emit_view (PsSession *self)
{
  PsSnapshot *snap = ps_session_get_view_snapshot (self);

  g_object_notify (G_OBJECT (self), "view-epoch");
  if (snap != NULL)
    ps_session_emit_snapshot (self, snap);
}

/**
 * ps_session_set_view_epoch:
 * @epoch: an epoch of the run, or -1 for the live state
 *
 * The views show the checkpoint recorded at or before @epoch ("snapshot" is
 * emitted with it: checkpoint TRUE, its epoch, the whole history). An epoch
 * at or past the newest one is the live state again.
 */
void
ps_session_set_view_epoch (PsSession *self,
                           int        epoch)
{
  PsSnapshot *live;
  int before;

  g_return_if_fail (PS_IS_SESSION (self));

  before = ps_session_get_view_epoch (self);
  live = ps_training_bridge_get_snapshot (self->bridge);
  if (epoch < 0 || live == NULL || (guint) epoch >= live->epoch)
    {
      if (self->view_snapshot == NULL)
        return;
      g_clear_pointer (&self->view_snapshot, ps_snapshot_unref);
    }
  else
    {
      if (self->view_snapshot != NULL && self->view_snapshot->epoch == (guint) epoch)
        return;
      if (!show_checkpoint (self, (guint) epoch))
        return;
      if (ps_session_get_view_epoch (self) == before)
        return;
    }
  emit_view (self);
}

/* A newer live snapshot arrived: a checkpoint being shown keeps its epoch
 * and takes the longer history. Returns what the views should get. */
PsSnapshot *
ps_session_timeline_follow (PsSession  *self,
                            PsSnapshot *live)
{
  if (self->view_snapshot == NULL)
    return live;
  if (!show_checkpoint (self, self->view_snapshot->epoch))
    {
      /* a new model (rebuild, dataset): the old run's epochs are gone */
      g_clear_pointer (&self->view_snapshot, ps_snapshot_unref);
      ps_session_stop_playing (self);
      g_object_notify (G_OBJECT (self), "view-epoch");
      return live;
    }
  return self->view_snapshot;
}

/* The model was replaced (rebuild, adopt, new data): back to live. */
void
ps_session_timeline_reset (PsSession *self)
{
  ps_session_stop_playing (self);
  if (self->view_snapshot != NULL)
    {
      g_clear_pointer (&self->view_snapshot, ps_snapshot_unref);
      g_object_notify (G_OBJECT (self), "view-epoch");
    }
}

/* ---- Play ----------------------------------------------------------------------- */

gboolean
ps_session_is_playing (PsSession *self)
{
  g_return_val_if_fail (PS_IS_SESSION (self), FALSE);

  return self->play_id != 0;
}

static gboolean
play_tick (gpointer data)
{
  PsSession *self = data;
  PsSnapshot *live = ps_training_bridge_get_snapshot (self->bridge);
  gint64 now = g_get_monotonic_time ();
  double dt = (now - self->play_last) / (double) G_USEC_PER_SEC;
  double rate;

  if (live == NULL)
    {
      ps_session_stop_playing (self);
      return G_SOURCE_REMOVE;
    }
  rate = self->speed > 0 ? self->speed : MAX (1.0, live->epoch / PLAY_MAX_SECONDS);
  self->play_last = now;
  self->play_pos += rate * dt;
  if (self->play_pos >= live->epoch)
    {
      self->play_id = 0;
      ps_session_set_view_epoch (self, -1);
      g_object_notify (G_OBJECT (self), "playing");
      return G_SOURCE_REMOVE;
    }
  ps_session_set_view_epoch (self, (int) self->play_pos);
  return G_SOURCE_CONTINUE;
}

/**
 * ps_session_play:
 *
 * Replays the recorded run at "speed" (at Max, in about five seconds) from
 * the epoch shown, or from the start when the views are live; the views go
 * live again at the end. Nothing happens while a run trains.
 */
void
ps_session_play (PsSession *self)
{
  PsSnapshot *live;

  g_return_if_fail (PS_IS_SESSION (self));

  live = ps_training_bridge_get_snapshot (self->bridge);
  if (self->play_id != 0 || self->running || live == NULL || live->epoch == 0)
    return;
  self->play_pos = self->view_snapshot != NULL ? self->view_snapshot->epoch : 0;
  self->play_last = g_get_monotonic_time ();
  ps_session_set_view_epoch (self, (int) self->play_pos);
  self->play_id = g_timeout_add (PLAY_INTERVAL_MS, play_tick, self);
  g_object_notify (G_OBJECT (self), "playing");
}

/**
 * ps_session_stop_playing:
 *
 * Stops a replay where it is (the views keep that epoch).
 */
void
ps_session_stop_playing (PsSession *self)
{
  g_return_if_fail (PS_IS_SESSION (self));

  if (self->play_id == 0)
    return;
  g_clear_handle_id (&self->play_id, g_source_remove);
  g_object_notify (G_OBJECT (self), "playing");
}

/* ---- Train from here ---------------------------------------------------------- */

/**
 * ps_session_train_from_here:
 *
 * The checkpoint the views show becomes the weights, the later epochs and
 * checkpoints are dropped, and training goes on from there (a fresh
 * optimizer: momentum and Adam's moments are not recorded). FALSE + error
 * when the views are live or a run trains.
 */
gboolean
ps_session_train_from_here (PsSession  *self,
                            GError    **error)
{
  guint epoch;

  g_return_val_if_fail (PS_IS_SESSION (self), FALSE);

  if (self->running)
    {
      g_set_error_literal (error, PS_SESSION_ERROR, PS_SESSION_ERROR_BUSY,
                           _("Pause the run first."));
      return FALSE;
    }
  if (self->view_snapshot == NULL)
    {
      g_set_error_literal (error, PS_SESSION_ERROR, PS_SESSION_ERROR_NO_DATA,
                           _("Choose an epoch on the timeline first."));
      return FALSE;
    }
  ps_session_stop_playing (self);
  epoch = self->view_snapshot->epoch;
  if (!ps_training_bridge_rewind (self->bridge, epoch, error))
    return FALSE;
  g_clear_pointer (&self->view_snapshot, ps_snapshot_unref);
  g_object_notify (G_OBJECT (self), "view-epoch");
  ps_session_notify_model (self);
  return ps_session_start (self, 0, error);
}
