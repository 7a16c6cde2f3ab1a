/* ps-training-bridge.c: the training thread and its hand-over to the UI
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Threads: the worker only runs ps_trainer_run() and the progress callback.
 * The callback copies the parameters into a new PsSnapshot (no GTK, no shared
 * writes except the pending slot under the mutex) and schedules one idle on
 * the main context if none is pending; a newer snapshot replaces an unseen
 * one, so a fast run cannot flood the main loop. Everything else, including
 * the trainer's lifetime, belongs to the main thread, and the worker is
 * joined before the trainer is touched again.
 */
#include "config.h"

#include "ps-training-bridge.h"

#include <glib/gi18n.h>
#include <string.h>

/* At most ~30 snapshots a second reach the UI. */
#define PUBLISH_INTERVAL_US (G_USEC_PER_SEC / 30)

/* An append-only array of epoch metrics shared by the snapshots (atomic
 * rc box): entries below len never change; growing makes a new buffer and
 * the old one lives on in the snapshots that point into it. */
typedef struct
{
  PsEpochMetrics *data;
  guint           len;
  guint           cap;
} HistoryBuf;

static void
history_buf_clear (gpointer data)
{
  HistoryBuf *buf = data;

  g_free (buf->data);
}

static void
history_buf_release (gpointer data)
{
  g_atomic_rc_box_release_full (data, history_buf_clear);
}

static HistoryBuf *
history_buf_new (guint cap)
{
  HistoryBuf *buf = g_atomic_rc_box_new0 (HistoryBuf);

  buf->cap = MAX (cap, 64);
  buf->data = g_new (PsEpochMetrics, buf->cap);
  return buf;
}

struct _PsTrainingBridge
{
  GObject         parent_instance;

  /* main thread */
  PsNetwork      *net;             /* weights while no trainer exists */
  PsDataset      *train;
  PsDataset      *val;
  PsDataset      *test;
  PsTrainConfig   config;
  PsTrainer      *trainer;         /* borrowed by the worker while running */
  PsNetwork      *trainer_net;     /* the worker's private copy */
  GArray         *base_history;    /* epochs of retired trainers (PsEpochMetrics) */
  GThread        *thread;
  gboolean        running;
  guint           target_epoch;
  PsSnapshot     *snapshot;        /* latest delivered */
  guint           n_published;
  gint64          pause_requested_at;
  gint64          pause_latency;

  /* worker while running, else main thread */
  HistoryBuf     *hist;            /* all epochs so far, shared with the snapshots */
  gint64          last_publish;     /* 0: publish the first progress at once */
  gint64          rate_since;       /* the samples/s window starts here */
  guint           last_publish_epochs;
  guint           run_epochs;
  gint64          run_started;
  guint           run_start_epochs;
  double          samples_per_epoch;

  /* shared, under mutex */
  GMutex          mutex;
  PsSnapshot     *pending;
  guint           idle_id;
  gboolean        done;
  PsTrainStatus   status;
  char           *error_message;
  gint64          stopped_at;
  /* the pace, under mutex too (pace_cond wakes a waiting worker) */
  GCond           pace_cond;
  double          speed;           /* epochs a second; 0: Max */
  gint            paced;           /* atomic: speed > 0, read per epoch without the lock */
  gboolean        pace_reset;      /* the speed changed: count from now */
  gboolean        pace_interrupt;  /* pause or stop asked: stop waiting */
  gint64          pace_origin;     /* worker: the pace counts from here... */
  guint           pace_origin_epoch; /* ...and this epoch */

  /* the run's checkpoints (thread-safe itself); replaced on the main
   * thread only while no worker runs */
  PsTimeline     *timeline;
  gsize           timeline_budget;
};

G_DEFINE_FINAL_TYPE (PsTrainingBridge, ps_training_bridge, G_TYPE_OBJECT)

enum {
  SNAPSHOT,
  FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/**
 * ps_training_bridge_new:
 *
 * Returns: (transfer full): a bridge with no model yet
 */
PsTrainingBridge *
ps_training_bridge_new (void)
{
  return g_object_new (PS_TYPE_TRAINING_BRIDGE, NULL);
}

/* ---- worker side ------------------------------------------------------------ */

/* Appends the epochs not yet in self->hist. Worker, or main thread when no
 * worker runs. */
static void
sync_history (PsTrainingBridge *self)
{
  const PsEpochMetrics *hist = NULL;
  guint n_base = self->base_history->len;
  guint n_hist = 0;
  guint want;

  if (self->trainer != NULL)
    hist = ps_trainer_get_history (self->trainer, &n_hist);
  want = n_base + n_hist;
  g_assert (self->hist->len >= n_base && self->hist->len <= want);

  if (want > self->hist->cap)
    {
      HistoryBuf *bigger = history_buf_new (MAX (want, self->hist->cap * 2));

      memcpy (bigger->data, self->hist->data, sizeof (PsEpochMetrics) * self->hist->len);
      bigger->len = self->hist->len;
      history_buf_release (self->hist);
      self->hist = bigger;
    }
  for (guint i = self->hist->len - n_base; i < n_hist; i++)
    {
      PsEpochMetrics *m = &self->hist->data[n_base + i];

      *m = hist[i];
      m->epoch = n_base + i + 1;
    }
  self->hist->len = want;
}

/* Called on the worker (or on the main thread when no worker runs). */
static PsSnapshot *
make_snapshot (PsTrainingBridge     *self,
               const PsEpochMetrics *partial)
{
  const PsNetwork *net = self->trainer != NULL ? self->trainer_net : self->net;
  PsSnapshot *snap;

  sync_history (self);
  snap = ps_snapshot_new_shared (net, self->hist->data, self->hist->len,
                                 g_atomic_rc_box_acquire (self->hist), history_buf_release,
                                 self->train, self->test, self->config.loss);
  if (partial != NULL && partial->samples_per_second > 0)
    snap->samples_per_second = partial->samples_per_second;
  return snap;
}

/* Samples per second of wall time since the last snapshot, when whole epochs
 * finished in between (tiny datasets run many epochs per snapshot; their
 * per-epoch timings are too short to mean much). Worker. */
static void
set_rate (PsTrainingBridge *self,
          PsSnapshot       *snap,
          gint64            now,
          guint             since_epochs,
          gint64            since_time)
{
  guint epochs = snap->n_epochs - since_epochs;

  if (epochs >= 2 && now > since_time && self->samples_per_epoch > 0)
    snap->samples_per_second = epochs * self->samples_per_epoch * G_USEC_PER_SEC / (double) (now - since_time);
}

static gboolean deliver_idle (gpointer data);

/* Worker: hands snap (transfer full) to the main thread. */
static void
publish (PsTrainingBridge *self,
         PsSnapshot       *snap,
         gboolean          done,
         PsTrainStatus     status,
         const GError     *error)
{
  g_mutex_lock (&self->mutex);
  g_clear_pointer (&self->pending, ps_snapshot_unref);
  self->pending = snap;
  if (done)
    {
      self->done = TRUE;
      self->status = status;
      g_free (self->error_message);
      self->error_message = error != NULL ? g_strdup (error->message) : NULL;
    }
  if (self->idle_id == 0)
    self->idle_id = g_idle_add_full (G_PRIORITY_DEFAULT, deliver_idle,
                                     g_object_ref (self), g_object_unref);
  g_mutex_unlock (&self->mutex);
}

/* Worker, after @epoch (all trainers counted): waits until the pace allows
 * it. A pause, a stop or a new speed wakes it. An epoch that came late
 * (a slow machine, a big set) restarts the count instead of rushing the
 * next ones to catch up. */
static void
pace (PsTrainingBridge *self,
      guint             epoch)
{
  g_mutex_lock (&self->mutex);
  for (;;)
    {
      gint64 now = g_get_monotonic_time ();
      gint64 due;

      if (self->pace_interrupt || self->speed <= 0)
        break;
      if (self->pace_reset || self->pace_origin == 0)
        {
          self->pace_origin = now;
          self->pace_origin_epoch = epoch - 1;
          self->pace_reset = FALSE;
        }
      due = self->pace_origin +
            (gint64) ((epoch - self->pace_origin_epoch) * (double) G_USEC_PER_SEC / self->speed);
      if (now >= due)
        {
          if (now - due > G_USEC_PER_SEC / 4)
            {
              self->pace_origin = now;
              self->pace_origin_epoch = epoch;
            }
          break;
        }
      g_cond_wait_until (&self->pace_cond, &self->mutex, due);
    }
  g_mutex_unlock (&self->mutex);
}

/* Main thread: wakes a worker waiting for its pace. */
static void
interrupt_pace (PsTrainingBridge *self)
{
  g_mutex_lock (&self->mutex);
  self->pace_interrupt = TRUE;
  g_cond_broadcast (&self->pace_cond);
  g_mutex_unlock (&self->mutex);
}

static void
on_progress (PsTrainer            *trainer,
             const PsEpochMetrics *metrics,
             gboolean              epoch_done,
             gpointer              user_data)
{
  PsTrainingBridge *self = user_data;
  gint64 now;
  PsSnapshot *snap;

  if (epoch_done)
    {
      guint epoch = self->base_history->len + metrics->epoch;

      if (self->timeline_budget > 0)
        ps_timeline_offer (self->timeline, epoch, self->trainer_net->params, FALSE);
      if (g_atomic_int_get (&self->paced))
        pace (self, epoch);
    }

  now = g_get_monotonic_time ();
  if (now - self->last_publish < PUBLISH_INTERVAL_US)
    return;

  snap = make_snapshot (self, epoch_done ? NULL : metrics);
  snap->running = TRUE;
  set_rate (self, snap, now, self->last_publish_epochs, self->rate_since);
  self->last_publish = now;
  self->rate_since = now;
  self->last_publish_epochs = snap->n_epochs;
  publish (self, snap, FALSE, 0, NULL);
}

static gpointer
worker_main (gpointer data)
{
  PsTrainingBridge *self = data;
  g_autoptr(GError) error = NULL;
  PsTrainStatus status;
  PsSnapshot *snap;
  gint64 stopped;

  status = ps_trainer_run (self->trainer, self->run_epochs, &error);
  stopped = g_get_monotonic_time ();

  /* The end of a run is always on the timeline (off the stride if need
   * be); a pause or a stop may fall within an epoch, whose weights are no
   * epoch's. */
  if (status != PS_TRAIN_PAUSED && status != PS_TRAIN_CANCELLED)
    ps_timeline_offer (self->timeline, self->base_history->len + ps_trainer_get_epoch (self->trainer),
                       self->trainer_net->params, TRUE);

  snap = make_snapshot (self, NULL);
  snap->running = FALSE;
  set_rate (self, snap, stopped, self->run_start_epochs, self->run_started);
  g_mutex_lock (&self->mutex);
  self->stopped_at = stopped;
  g_mutex_unlock (&self->mutex);
  publish (self, snap, TRUE, status, error);

  return NULL;
}

/* ---- main thread -------------------------------------------------------------- */

static void
set_snapshot (PsTrainingBridge *self,
              PsSnapshot       *snap)
{
  g_clear_pointer (&self->snapshot, ps_snapshot_unref);
  self->snapshot = snap;
}

/* Folds a finished (not running) trainer into base_history and net. */
static void
retire_trainer (PsTrainingBridge *self)
{
  const PsEpochMetrics *hist;
  guint n = 0;

  g_assert (!self->running);

  if (self->trainer == NULL)
    return;

  sync_history (self);
  hist = ps_trainer_get_history (self->trainer, &n);
  for (guint i = 0; i < n; i++)
    {
      PsEpochMetrics m = hist[i];

      m.epoch = self->base_history->len + 1;
      g_array_append_val (self->base_history, m);
    }
  if (self->net != NULL && self->net->n_params == self->trainer_net->n_params)
    memcpy (self->net->params, self->trainer_net->params, sizeof (float) * self->net->n_params);

  g_clear_pointer (&self->trainer, ps_trainer_free);
  g_clear_pointer (&self->trainer_net, ps_network_free);
}

static void
join_worker (PsTrainingBridge *self)
{
  if (self->thread != NULL)
    {
      g_thread_join (self->thread);
      self->thread = NULL;
    }
  self->running = FALSE;
}

static gboolean
deliver_idle (gpointer data)
{
  PsTrainingBridge *self = data;
  PsSnapshot *snap;
  gboolean done;
  PsTrainStatus status;
  g_autofree char *message = NULL;
  gint64 stopped_at;

  g_mutex_lock (&self->mutex);
  snap = g_steal_pointer (&self->pending);
  done = self->done;
  self->done = FALSE;
  status = self->status;
  message = g_steal_pointer (&self->error_message);
  stopped_at = self->stopped_at;
  self->idle_id = 0;
  g_mutex_unlock (&self->mutex);

  if (done)
    {
      join_worker (self);
      if (self->pause_requested_at > 0)
        {
          self->pause_latency = stopped_at - self->pause_requested_at;
          self->pause_requested_at = 0;
        }
    }

  if (snap != NULL)
    {
      set_snapshot (self, snap);
      self->n_published++;
      g_signal_emit (self, signals[SNAPSHOT], 0, self->snapshot);
    }

  if (done)
    g_signal_emit (self, signals[FINISHED], 0, status, message);

  return G_SOURCE_REMOVE;
}

/**
 * ps_training_bridge_stop:
 *
 * Cancels the worker and waits for it (it stops between two batches). The
 * weights and history so far are kept; no signal is emitted.
 */
void
ps_training_bridge_stop (PsTrainingBridge *self)
{
  g_return_if_fail (PS_IS_TRAINING_BRIDGE (self));

  if (self->running && self->trainer != NULL)
    {
      ps_trainer_cancel (self->trainer);
      interrupt_pace (self);
    }
  join_worker (self);

  g_mutex_lock (&self->mutex);
  if (self->idle_id != 0)
    {
      g_source_remove (self->idle_id);
      self->idle_id = 0;
    }
  if (self->pending != NULL)
    set_snapshot (self, g_steal_pointer (&self->pending));
  self->done = FALSE;
  g_clear_pointer (&self->error_message, g_free);
  g_mutex_unlock (&self->mutex);

  self->pause_requested_at = 0;
  /* a cancelled trainer is not resumed: keep what it learnt */
  retire_trainer (self);
}

/* A new run's timeline, starting with the current weights at the current
 * epoch. No worker runs. */
static void
new_timeline (PsTrainingBridge *self)
{
  g_clear_pointer (&self->timeline, ps_timeline_unref);
  self->timeline = ps_timeline_new (self->net->n_params, self->timeline_budget);
  ps_timeline_offer (self->timeline, self->base_history->len, self->net->params, TRUE);
}

/**
 * ps_training_bridge_set_model:
 * @net: the network to train (copied)
 * @train: the training set
 * @val: (nullable): a validation set, or NULL to use the config's split
 * @test: (nullable): the test set, for the views
 *
 * Stops any run, forgets the trainer and the history, and delivers a
 * snapshot of @net at epoch 0 synchronously.
 */
void
ps_training_bridge_set_model (PsTrainingBridge *self,
                              const PsNetwork  *net,
                              PsDataset        *train,
                              PsDataset        *val,
                              PsDataset        *test)
{
  g_return_if_fail (PS_IS_TRAINING_BRIDGE (self));
  g_return_if_fail (net != NULL);
  g_return_if_fail (train != NULL);

  ps_training_bridge_stop (self);
  g_clear_pointer (&self->trainer, ps_trainer_free);
  g_clear_pointer (&self->trainer_net, ps_network_free);
  g_array_set_size (self->base_history, 0);
  history_buf_release (self->hist);
  self->hist = history_buf_new (0);

  g_clear_pointer (&self->net, ps_network_free);
  self->net = ps_network_copy (net);
  g_clear_pointer (&self->train, ps_dataset_unref);
  g_clear_pointer (&self->val, ps_dataset_unref);
  g_clear_pointer (&self->test, ps_dataset_unref);
  self->train = ps_dataset_ref (train);
  self->val = val != NULL ? ps_dataset_ref (val) : NULL;
  self->test = test != NULL ? ps_dataset_ref (test) : NULL;
  self->target_epoch = self->config.epochs;
  new_timeline (self);

  set_snapshot (self, make_snapshot (self, NULL));
  g_signal_emit (self, signals[SNAPSHOT], 0, self->snapshot);
}

/**
 * ps_training_bridge_set_config:
 *
 * Settings for the next run. A running worker is not affected; a paused
 * trainer is retired (its weights and history are kept) and the next run
 * continues from the current weights with a fresh optimizer.
 */
void
ps_training_bridge_set_config (PsTrainingBridge    *self,
                               const PsTrainConfig *config)
{
  g_return_if_fail (PS_IS_TRAINING_BRIDGE (self));
  g_return_if_fail (config != NULL);

  if (self->running)
    return;
  retire_trainer (self);
  self->config = *config;
}

static guint
done_epochs (PsTrainingBridge *self)
{
  return self->base_history->len +
         (self->trainer != NULL ? ps_trainer_get_epoch (self->trainer) : 0);
}

/**
 * ps_training_bridge_start:
 * @n_epochs: 0 to run to the configured number of epochs (another such run
 *   once it was reached), or that many epochs (1 = Step)
 *
 * Returns: FALSE with @error set when the trainer cannot be made (the model
 *   does not fit the data, bad settings)
 */
gboolean
ps_training_bridge_start (PsTrainingBridge  *self,
                          guint              n_epochs,
                          GError           **error)
{
  guint trainer_epoch;

  g_return_val_if_fail (PS_IS_TRAINING_BRIDGE (self), FALSE);
  g_return_val_if_fail (self->net != NULL, FALSE);

  if (self->running)
    return TRUE;

  /* That run is complete (the trainer never goes past config.epochs): the
   * next one continues from its weights with a new trainer. */
  if (self->trainer != NULL && ps_trainer_get_epoch (self->trainer) >= self->config.epochs)
    retire_trainer (self);

  if (self->trainer == NULL)
    {
      PsNetwork *copy = ps_network_copy (self->net);
      PsTrainer *trainer;

      /* the trainer writes only the parameters: the metadata first (a
       * model from a file may lack class names or its image shape) */
      ps_network_set_loss (copy, self->config.loss);
      ps_network_adopt_dataset (copy, self->train);
      trainer = ps_trainer_new (copy, self->train, self->val, &self->config, error);
      if (trainer == NULL)
        {
          ps_network_free (copy);
          return FALSE;
        }
      self->trainer = trainer;
      self->trainer_net = copy;
      {
        guint batch = self->config.batch_size > 0 ? self->config.batch_size : 4096;
        ps_trainer_set_progress (trainer, on_progress, MAX (1, 4096 / batch), self);
      }
    }

  trainer_epoch = ps_trainer_get_epoch (self->trainer);
  self->run_epochs = n_epochs;
  /* A Step (n_epochs 1) within a run keeps the run's target: after a
   * pause at 75834 of 1000000 it reads "Epoch 75835 / 1000000". */
  if (n_epochs == 0)
    self->target_epoch = self->base_history->len + self->config.epochs;
  else
    self->target_epoch = self->base_history->len + MAX (self->config.epochs, trainer_epoch + n_epochs);

  self->last_publish = 0;
  self->last_publish_epochs = self->hist->len;
  self->run_started = g_get_monotonic_time ();
  self->rate_since = self->run_started;
  self->run_start_epochs = self->hist->len;
  {
    double n = ps_dataset_get_n_samples (self->train);

    self->samples_per_epoch = self->val != NULL ? n : n - (gsize) (n * self->config.val_split);
  }
  self->pause_requested_at = 0;
  g_mutex_lock (&self->mutex);
  self->pace_origin = 0;
  self->pace_interrupt = FALSE;
  g_mutex_unlock (&self->mutex);
  self->running = TRUE;
  self->thread = g_thread_try_new ("ps-trainer", worker_main, self, error);
  if (self->thread == NULL)
    {
      self->running = FALSE;
      return FALSE;
    }

  return TRUE;
}

/**
 * ps_training_bridge_pause:
 *
 * Asks the worker to stop after the current batch; "finished" follows with
 * PS_TRAIN_PAUSED. Train then resumes where it stopped.
 */
void
ps_training_bridge_pause (PsTrainingBridge *self)
{
  g_return_if_fail (PS_IS_TRAINING_BRIDGE (self));

  if (!self->running || self->trainer == NULL)
    return;
  if (self->pause_requested_at == 0)
    self->pause_requested_at = g_get_monotonic_time ();
  ps_trainer_pause (self->trainer);
  interrupt_pace (self);
}

/**
 * ps_training_bridge_set_learning_rate:
 *
 * Takes effect at the next batch of a running worker, and for later runs.
 */
void
ps_training_bridge_set_learning_rate (PsTrainingBridge *self,
                                      double            lr)
{
  g_return_if_fail (PS_IS_TRAINING_BRIDGE (self));
  g_return_if_fail (lr > 0);

  self->config.optimizer.lr = lr;
  if (self->trainer != NULL)
    ps_trainer_set_learning_rate (self->trainer, lr);
}

void
ps_training_bridge_set_speed (PsTrainingBridge *self,
                              double            epochs_per_second)
{
  g_return_if_fail (PS_IS_TRAINING_BRIDGE (self));
  g_return_if_fail (epochs_per_second >= 0);

  g_mutex_lock (&self->mutex);
  self->speed = epochs_per_second;
  self->pace_reset = TRUE;
  g_atomic_int_set (&self->paced, epochs_per_second > 0);
  g_cond_broadcast (&self->pace_cond);
  g_mutex_unlock (&self->mutex);
}

double
ps_training_bridge_get_speed (PsTrainingBridge *self)
{
  double speed;

  g_return_val_if_fail (PS_IS_TRAINING_BRIDGE (self), 0);

  g_mutex_lock (&self->mutex);
  speed = self->speed;
  g_mutex_unlock (&self->mutex);
  return speed;
}

/**
 * ps_training_bridge_get_timeline:
 *
 * Returns: (transfer none): the run's checkpoints
 */
PsTimeline *
ps_training_bridge_get_timeline (PsTrainingBridge *self)
{
  g_return_val_if_fail (PS_IS_TRAINING_BRIDGE (self), NULL);

  return self->timeline;
}

void
ps_training_bridge_set_timeline_budget (PsTrainingBridge *self,
                                        gsize             bytes)
{
  g_return_if_fail (PS_IS_TRAINING_BRIDGE (self));

  self->timeline_budget = bytes;
  ps_timeline_set_budget (self->timeline, bytes);
}

/* The history becomes its first @n_epochs entries (no trainer). */
static void
set_base_history (PsTrainingBridge     *self,
                  const PsEpochMetrics *history,
                  guint                 n_epochs)
{
  HistoryBuf *buf = history_buf_new (n_epochs);

  if (history != (const PsEpochMetrics *) self->base_history->data)
    {
      g_array_set_size (self->base_history, 0);
      g_array_append_vals (self->base_history, history, n_epochs);
    }
  g_array_set_size (self->base_history, n_epochs);
  for (guint i = 0; i < n_epochs; i++)
    g_array_index (self->base_history, PsEpochMetrics, i).epoch = i + 1;
  memcpy (buf->data, self->base_history->data, sizeof (PsEpochMetrics) * n_epochs);
  buf->len = n_epochs;
  /* snapshots already out keep the old buffer */
  history_buf_release (self->hist);
  self->hist = buf;
}

gboolean
ps_training_bridge_rewind (PsTrainingBridge  *self,
                           guint              epoch,
                           GError           **error)
{
  g_autoptr(PsCheckpoint) cp = NULL;

  g_return_val_if_fail (PS_IS_TRAINING_BRIDGE (self), FALSE);
  g_return_val_if_fail (!self->running, FALSE);
  g_return_val_if_fail (self->net != NULL, FALSE);

  cp = ps_timeline_lookup_exact (self->timeline, epoch);
  if (cp == NULL || cp->n_params != self->net->n_params)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("No checkpoint was recorded at epoch %u."), epoch);
      return FALSE;
    }

  retire_trainer (self);
  set_base_history (self, (const PsEpochMetrics *) self->base_history->data,
                    MIN (epoch, self->base_history->len));
  memcpy (self->net->params, cp->params, sizeof (float) * cp->n_params);
  ps_timeline_truncate (self->timeline, epoch);
  self->target_epoch = self->base_history->len + self->config.epochs;

  set_snapshot (self, make_snapshot (self, NULL));
  g_signal_emit (self, signals[SNAPSHOT], 0, self->snapshot);
  return TRUE;
}

void
ps_training_bridge_set_params (PsTrainingBridge *self,
                               const float      *params)
{
  g_return_if_fail (PS_IS_TRAINING_BRIDGE (self));
  g_return_if_fail (!self->running);
  g_return_if_fail (self->net != NULL && params != NULL);

  /* the weights change under the trainer's optimizer: a fresh one next */
  retire_trainer (self);
  memcpy (self->net->params, params, sizeof (float) * self->net->n_params);
  set_snapshot (self, make_snapshot (self, NULL));
  g_signal_emit (self, signals[SNAPSHOT], 0, self->snapshot);
}

void
ps_training_bridge_set_history (PsTrainingBridge     *self,
                                const PsEpochMetrics *history,
                                guint                 n_epochs)
{
  g_return_if_fail (PS_IS_TRAINING_BRIDGE (self));
  g_return_if_fail (history != NULL || n_epochs == 0);
  g_return_if_fail (self->net != NULL);

  ps_training_bridge_stop (self);
  retire_trainer (self);
  set_base_history (self, history, n_epochs);
  new_timeline (self);
  self->target_epoch = n_epochs + self->config.epochs;

  set_snapshot (self, make_snapshot (self, NULL));
  g_signal_emit (self, signals[SNAPSHOT], 0, self->snapshot);
}

/**
 * ps_training_bridge_has_thread:
 *
 * Returns: TRUE while a worker thread exists (running, or finished but not
 *   joined yet)
 */
gboolean
ps_training_bridge_has_thread (PsTrainingBridge *self)
{
  g_return_val_if_fail (PS_IS_TRAINING_BRIDGE (self), FALSE);

  return self->thread != NULL;
}

gboolean
ps_training_bridge_is_running (PsTrainingBridge *self)
{
  g_return_val_if_fail (PS_IS_TRAINING_BRIDGE (self), FALSE);

  return self->running;
}

guint
ps_training_bridge_get_epoch (PsTrainingBridge *self)
{
  g_return_val_if_fail (PS_IS_TRAINING_BRIDGE (self), 0);

  if (self->running)
    return self->snapshot != NULL ? self->snapshot->epoch : 0;
  return done_epochs (self);
}

guint
ps_training_bridge_get_target_epoch (PsTrainingBridge *self)
{
  g_return_val_if_fail (PS_IS_TRAINING_BRIDGE (self), 0);

  return self->target_epoch;
}

/**
 * ps_training_bridge_get_snapshot:
 *
 * Returns: (transfer none) (nullable): the latest delivered snapshot
 */
PsSnapshot *
ps_training_bridge_get_snapshot (PsTrainingBridge *self)
{
  g_return_val_if_fail (PS_IS_TRAINING_BRIDGE (self), NULL);

  return self->snapshot;
}

/**
 * ps_training_bridge_get_network:
 *
 * Returns: (transfer none) (nullable): the weights as the main thread knows
 *   them (the latest snapshot's copy)
 */
const PsNetwork *
ps_training_bridge_get_network (PsTrainingBridge *self)
{
  g_return_val_if_fail (PS_IS_TRAINING_BRIDGE (self), NULL);

  if (self->snapshot != NULL)
    return self->snapshot->network;
  return self->net;
}

guint
ps_training_bridge_get_n_published (PsTrainingBridge *self)
{
  g_return_val_if_fail (PS_IS_TRAINING_BRIDGE (self), 0);

  return self->n_published;
}

gint64
ps_training_bridge_get_pause_latency (PsTrainingBridge *self)
{
  g_return_val_if_fail (PS_IS_TRAINING_BRIDGE (self), -1);

  return self->pause_latency;
}

static void
ps_training_bridge_dispose (GObject *object)
{
  PsTrainingBridge *self = PS_TRAINING_BRIDGE (object);

  ps_training_bridge_stop (self);

  G_OBJECT_CLASS (ps_training_bridge_parent_class)->dispose (object);
}

static void
ps_training_bridge_finalize (GObject *object)
{
  PsTrainingBridge *self = PS_TRAINING_BRIDGE (object);

  g_clear_pointer (&self->trainer, ps_trainer_free);
  g_clear_pointer (&self->trainer_net, ps_network_free);
  g_clear_pointer (&self->net, ps_network_free);
  g_clear_pointer (&self->train, ps_dataset_unref);
  g_clear_pointer (&self->val, ps_dataset_unref);
  g_clear_pointer (&self->test, ps_dataset_unref);
  g_clear_pointer (&self->snapshot, ps_snapshot_unref);
  g_clear_pointer (&self->pending, ps_snapshot_unref);
  g_clear_pointer (&self->base_history, g_array_unref);
  g_clear_pointer (&self->hist, history_buf_release);
  g_clear_pointer (&self->error_message, g_free);
  g_clear_pointer (&self->timeline, ps_timeline_unref);
  g_cond_clear (&self->pace_cond);
  g_mutex_clear (&self->mutex);

  G_OBJECT_CLASS (ps_training_bridge_parent_class)->finalize (object);
}

static void
ps_training_bridge_class_init (PsTrainingBridgeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ps_training_bridge_dispose;
  object_class->finalize = ps_training_bridge_finalize;

  /**
   * PsTrainingBridge::snapshot:
   * @snapshot: (transfer none): the newest state, a PsSnapshot
   */
  signals[SNAPSHOT] =
    g_signal_new ("snapshot", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);

  /**
   * PsTrainingBridge::finished:
   * @status: a PsTrainStatus
   * @message: (nullable): the error message (diverged)
   */
  signals[FINISHED] =
    g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT, G_TYPE_STRING);
}

static void
ps_training_bridge_init (PsTrainingBridge *self)
{
  g_mutex_init (&self->mutex);
  g_cond_init (&self->pace_cond);
  self->timeline_budget = PS_TIMELINE_DEFAULT_BUDGET;
  self->timeline = ps_timeline_new (0, self->timeline_budget);
  self->base_history = g_array_new (FALSE, FALSE, sizeof (PsEpochMetrics));
  self->hist = history_buf_new (0);
  ps_train_config_init (&self->config);
}
