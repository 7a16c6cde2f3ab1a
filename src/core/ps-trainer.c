/* ps-trainer.c: epochs, batches, metrics, stopping rules
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Written for a worker thread: ps_trainer_run() owns the network while it
 * runs; pause, cancel and the learning rate are set from any thread through
 * atomics and read between batches. Everything a batch needs is allocated in
 * ps_trainer_new(): batches are gathered from the dataset through a shuffled
 * index array into one preallocated buffer, never copied as a whole.
 */
#include "config.h"

#include "ps-trainer.h"

#include <cblas.h>
#include <math.h>
#include <string.h>

#include "ps-train-fast.h"
#include "ps-trainer-private.h"

/* Rows per forward/backward pass: a bigger batch (the full set of a large
 * dataset) is fed in chunks of this many rows and its gradient accumulated,
 * so memory does not grow with the batch. */
#define PS_TRAIN_CHUNK 2048
/* Rows per pass when evaluating. */
#define PS_EVAL_CHUNK 512

struct _PsTrainer
{
  PsNetwork      *net;          /* borrowed */
  PsDataset      *train;
  gsize           n_train;      /* rows [0, n_train) of train */
  PsDataset      *val;          /* NULL, train itself (split) or its own set */
  gsize           val_first;
  gsize           n_val;

  PsTrainConfig   config;
  PsReduction     reduction;    /* effective: the delta rule sums */
  PsOptimizer    *optimizer;
  PsWorkspace    *ws;
  PsTrainFast    *fast;         /* NULL: the plain path (ps_network_gradient_full) */
  gsize           batch;        /* effective batch size */
  gsize           chunk;        /* rows per pass, <= ws's max batch */
  guint           n_outputs;

  guint32        *idx;          /* n_train sample indices, shuffled per epoch */
  float          *xbuf;         /* chunk × n_features */
  guint32        *lbuf;         /* chunk */
  float          *grad;         /* n_params */
  float          *good;         /* n_params: the parameters at the epoch's start */
  PsRng           rng;

  GArray         *history;      /* PsEpochMetrics */
  gint            epoch;        /* finished epochs (atomic: read from any thread) */

  /* The epoch in progress, kept across a pause. */
  gboolean        in_epoch;
  gsize           pos;
  guint           batches_done;
  double          loss_sum;
  double          sq_sum;
  guint64         correct;
  gsize           seen;
  gint64          elapsed_us;

  double          best_val_loss;
  guint           wait;

  gint            pause_requested;
  gint            cancel_requested;
  gint            lr_pending;
  GMutex          lr_lock;
  double          new_lr;

  PsTrainProgressFunc progress;
  guint           batch_every;
  gpointer        progress_data;
};

void
ps_train_config_init (PsTrainConfig *config)
{
  g_return_if_fail (config != NULL);

  memset (config, 0, sizeof *config);
  config->loss = PS_LOSS_MSE;
  config->reduction = PS_REDUCTION_MEAN;
  ps_optimizer_config_init (&config->optimizer, PS_OPTIMIZER_SGD);
  config->batch_size = 32;
  config->epochs = 10;
  config->val_split = 0.0;
  config->shuffle = TRUE;
  config->seed = 0;
  config->target_accuracy = 0.0;
  config->target_loss = 0.0;
  config->early_stopping = 0;
  config->n_threads = 0;
}

/**
 * ps_trainer_new:
 * @net: borrowed; trained in place. Its loss is set to config->loss, and its
 *   class names and image shape are taken from @train when it has none.
 * @train: the training data (reffed)
 * @val: (nullable): validation data (reffed); NULL: config->val_split carves
 *   the last fraction of @train off, before any shuffling (Keras)
 * @error: PS_NETWORK_ERROR_MISMATCH/SPEC when the network, loss and data do
 *   not fit, or the options are out of range
 *
 * Returns: (transfer full) (nullable): free with ps_trainer_free()
 */
PsTrainer *
ps_trainer_new (PsNetwork            *net,
                PsDataset            *train,
                PsDataset            *val,
                const PsTrainConfig  *config,
                GError              **error)
{
  PsTrainer *self;
  gsize n_samples, n_train, n_val = 0, max_rows;
  guint n_features;

  g_return_val_if_fail (net != NULL, NULL);
  g_return_val_if_fail (train != NULL, NULL);
  g_return_val_if_fail (config != NULL, NULL);

  if (!ps_network_check_dataset (net, train, error))
    return NULL;
  if (val != NULL && !ps_network_check_dataset (net, val, error))
    return NULL;
  if (!ps_network_check_loss (net, config->loss, error))
    return NULL;
  if (!(config->optimizer.lr > 0.0) || !isfinite (config->optimizer.lr))
    {
      g_set_error (error, PS_NETWORK_ERROR, PS_NETWORK_ERROR_SPEC,
                   "the learning rate must be a positive number (got %g)",
                   config->optimizer.lr);
      return NULL;
    }
  n_samples = ps_dataset_get_n_samples (train);
  if (n_samples > G_MAXUINT32)
    {
      g_set_error (error, PS_NETWORK_ERROR, PS_NETWORK_ERROR_MISMATCH,
                   "'%s' has too many samples to train on", ps_dataset_get_name (train));
      return NULL;
    }

  n_train = n_samples;
  if (val == NULL && config->val_split != 0.0)
    {
      if (!(config->val_split > 0.0 && config->val_split < 1.0))
        {
          g_set_error (error, PS_NETWORK_ERROR, PS_NETWORK_ERROR_SPEC,
                       "the validation split must be between 0 and 1 (got %g)",
                       config->val_split);
          return NULL;
        }
      /* Keras: split_at = floor(n · (1 − validation_split)). */
      n_train = (gsize) floor ((double) n_samples * (1.0 - config->val_split));
      n_val = n_samples - n_train;
    }
  else if (val != NULL)
    n_val = ps_dataset_get_n_samples (val);

  if (n_train == 0)
    {
      g_set_error (error, PS_NETWORK_ERROR, PS_NETWORK_ERROR_MISMATCH,
                   "no training samples left in '%s' (%" G_GSIZE_FORMAT " samples, "
                   "validation split %g)", ps_dataset_get_name (train), n_samples, config->val_split);
      return NULL;
    }
  if (config->early_stopping > 0 && n_val == 0)
    {
      g_set_error (error, PS_NETWORK_ERROR, PS_NETWORK_ERROR_SPEC,
                   "early stopping watches the validation loss: give validation data "
                   "or a validation split");
      return NULL;
    }

  self = g_new0 (PsTrainer, 1);
  self->net = net;
  self->train = ps_dataset_ref (train);
  self->n_train = n_train;
  if (val != NULL)
    {
      self->val = ps_dataset_ref (val);
      self->val_first = 0;
      self->n_val = n_val;
    }
  else if (n_val > 0)
    {
      self->val = ps_dataset_ref (train);
      self->val_first = n_train;
      self->n_val = n_val;
    }

  self->config = *config;
  self->reduction = config->optimizer.kind == PS_OPTIMIZER_DELTA
                    ? PS_REDUCTION_SUM : config->reduction;
  self->batch = config->batch_size == 0 ? n_train : MIN ((gsize) config->batch_size, n_train);
  self->chunk = MIN (self->batch, PS_TRAIN_CHUNK);
  self->n_outputs = ps_network_n_outputs (net);
  n_features = net->n_inputs;

  max_rows = MAX (self->chunk, MIN (PS_EVAL_CHUNK, MAX (self->n_val, 1)));
  self->ws = ps_workspace_new (net, max_rows);
  self->xbuf = g_new (float, max_rows * n_features);
  self->lbuf = g_new (guint32, max_rows);
  self->grad = g_new0 (float, MAX (net->n_params, 1));
  self->good = g_new (float, MAX (net->n_params, 1));
  self->optimizer = ps_optimizer_new (&config->optimizer, net->n_params);
  self->idx = g_new (guint32, n_train);
  for (gsize i = 0; i < n_train; i++)
    self->idx[i] = (guint32) i;
  ps_rng_seed (&self->rng, config->seed);
  /* Room for the whole run (up to 2^17 epochs, 11 MiB) at once: growing
   * by doubling moves the array with mremap, which takes the process's
   * memory-map lock for writing and stalls the page faults of every other
   * trainer in the process (a sweep's workers). The cap keeps a run of
   * "100000000 epochs", stopped early, from holding (and, under
   * MALLOC_PERTURB_, filling) hundreds of megabytes. */
  self->history = g_array_sized_new (FALSE, TRUE, sizeof (PsEpochMetrics),
                                     MIN (config->epochs, 1u << 17));
  self->best_val_loss = INFINITY;
  g_mutex_init (&self->lr_lock);

  if (config->n_threads > 0)
    openblas_set_num_threads ((int) config->n_threads);

  /* Batches that fit one pass go through the fast path when it applies. */
  if (self->batch <= PS_TRAIN_CHUNK)
    self->fast = ps_train_fast_new (net, self->optimizer, self->grad, config->loss,
                                    self->reduction, self->batch, config->n_threads);

  return self;
}

void
ps_trainer_free (PsTrainer *self)
{
  if (self == NULL)
    return;
  ps_dataset_unref (self->train);
  if (self->val != NULL)
    ps_dataset_unref (self->val);
  ps_train_fast_free (self->fast);
  ps_optimizer_free (self->optimizer);
  ps_workspace_free (self->ws);
  g_free (self->idx);
  g_free (self->xbuf);
  g_free (self->lbuf);
  g_free (self->grad);
  g_free (self->good);
  g_array_unref (self->history);
  g_mutex_clear (&self->lr_lock);
  g_free (self);
}

/**
 * ps_trainer_set_progress:
 * @batch_every: also call @func every that many batches (0: per epoch only)
 */
void
ps_trainer_set_progress (PsTrainer           *self,
                         PsTrainProgressFunc  func,
                         guint                batch_every,
                         gpointer             user_data)
{
  g_return_if_fail (self != NULL);

  self->progress = func;
  self->batch_every = batch_every;
  self->progress_data = user_data;
}

void
ps_trainer_pause (PsTrainer *self)
{
  g_return_if_fail (self != NULL);
  g_atomic_int_set (&self->pause_requested, 1);
}

void
ps_trainer_cancel (PsTrainer *self)
{
  g_return_if_fail (self != NULL);
  g_atomic_int_set (&self->cancel_requested, 1);
}

void
ps_trainer_set_learning_rate (PsTrainer *self,
                              double     lr)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (lr > 0.0 && isfinite (lr));

  g_mutex_lock (&self->lr_lock);
  self->new_lr = lr;
  g_mutex_unlock (&self->lr_lock);
  g_atomic_int_set (&self->lr_pending, 1);
}

guint
ps_trainer_get_epoch (PsTrainer *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return (guint) g_atomic_int_get (&self->epoch);
}

const PsEpochMetrics *
ps_trainer_get_history (PsTrainer *self,
                        guint     *n_epochs)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (n_epochs != NULL)
    *n_epochs = self->history->len;
  return (const PsEpochMetrics *) (gpointer) self->history->data;
}

const PsNetwork *
ps_trainer_get_network (PsTrainer *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->net;
}

/* Loss (summed), correct count and squared error of net on rows
 * [first, first + n) of data, in chunks of at most max_rows. */
static double
evaluate_range (const PsNetwork *net,
                PsWorkspace     *ws,
                float           *xbuf,
                guint32         *lbuf,
                gsize            max_rows,
                const PsDataset *data,
                gsize            first,
                gsize            n,
                PsLoss           loss,
                guint64         *correct,
                double          *sq_error,
                guint64         *confusion)
{
  guint n_out = ps_network_n_outputs (net);
  guint n_classes = ps_dataset_get_n_classes (data);
  double total = 0.0, sq = 0.0;
  guint64 n_correct = 0;

  for (gsize done = 0; done < n; done += max_rows)
    {
      gsize m = MIN (max_rows, n - done);
      const float *y;
      double chunk_sq = 0.0;

      ps_dataset_gather (data, NULL, first + done, m, xbuf, lbuf);
      y = ps_network_forward (net, ws, xbuf, m);
      total += ps_loss_compute (loss, y, lbuf, m, n_out, &chunk_sq);
      sq += chunk_sq;
      for (gsize r = 0; r < m; r++)
        {
          guint32 predicted = ps_network_classify_row (net, y + r * n_out);

          if (predicted == lbuf[r])
            n_correct++;
          if (confusion != NULL && predicted < n_classes && lbuf[r] < n_classes)
            confusion[(gsize) lbuf[r] * n_classes + predicted]++;
        }
    }
  *correct = n_correct;
  *sq_error = sq;
  return total;
}

/**
 * ps_evaluate:
 * @loss_out: (out) (optional): mean loss per sample
 * @accuracy_out: (out) (optional)
 * @rmse_out: (out) (optional): √ mean over samples and outputs of (t − y)²
 * @confusion: (out) (optional): n_classes² counts, row = true class
 */
void
ps_evaluate (const PsNetwork *net,
             const PsDataset *data,
             PsLoss           loss,
             double          *loss_out,
             double          *accuracy_out,
             double          *rmse_out,
             guint64         *confusion)
{
  PsWorkspace *ws;
  g_autofree float *xbuf = NULL;
  g_autofree guint32 *lbuf = NULL;
  gsize rows, n;
  guint n_classes;
  guint64 correct = 0;
  double total, sq = 0.0;

  g_return_if_fail (net != NULL);
  g_return_if_fail (data != NULL);
  g_return_if_fail (ps_dataset_get_n_features (data) == net->n_inputs);

  n = ps_dataset_get_n_samples (data);
  n_classes = ps_dataset_get_n_classes (data);
  if (confusion != NULL)
    memset (confusion, 0, sizeof (guint64) * n_classes * n_classes);
  if (n == 0)
    {
      if (loss_out != NULL)
        *loss_out = NAN;
      if (accuracy_out != NULL)
        *accuracy_out = NAN;
      if (rmse_out != NULL)
        *rmse_out = NAN;
      return;
    }

  rows = MIN (n, PS_EVAL_CHUNK);
  ws = ps_workspace_new (net, rows);
  xbuf = g_new (float, rows * net->n_inputs);
  lbuf = g_new (guint32, rows);
  total = evaluate_range (net, ws, xbuf, lbuf, rows, data, 0, n, loss,
                          &correct, &sq, confusion);
  ps_workspace_free (ws);

  if (loss_out != NULL)
    *loss_out = total / (double) n;
  if (accuracy_out != NULL)
    *accuracy_out = (double) correct / (double) n;
  if (rmse_out != NULL)
    *rmse_out = sqrt (sq / ((double) n * ps_network_n_outputs (net)));
}

static void
running_metrics (PsTrainer      *self,
                 PsEpochMetrics *m)
{
  double seen = (double) MAX (self->seen, 1);

  memset (m, 0, sizeof *m);
  m->epoch = (guint) self->epoch + 1;
  m->seconds = self->elapsed_us / 1e6;
  m->loss = self->loss_sum / seen;
  m->accuracy = (double) self->correct / seen;
  m->rmse = sqrt (self->sq_sum / (seen * self->n_outputs));
  m->samples_per_second = m->seconds > 0.0 ? self->seen / m->seconds : 0.0;
}

static PsTrainStatus
diverged (PsTrainer  *self,
          GError    **error)
{
  guint epoch = (guint) self->epoch;

  memcpy (self->net->params, self->good, sizeof (float) * self->net->n_params);
  if (self->fast != NULL)
    ps_train_fast_invalidate (self->fast);
  /* The moments may hold NaN too: start them afresh. */
  ps_optimizer_reset (self->optimizer);
  self->in_epoch = FALSE;
  g_set_error (error, PS_NETWORK_ERROR, PS_NETWORK_ERROR_DIVERGED,
               "training diverged in epoch %u: the loss or the weights became "
               "infinite or NaN. The weights are back to %s. Try a lower learning "
               "rate (it is %g)%s.",
               epoch + 1,
               epoch == 0 ? "their initial values" : "those after the last good epoch",
               self->config.optimizer.lr,
               self->reduction == PS_REDUCTION_SUM
               ? ", or the mean reduction, which does not grow with the batch" : "");
  return PS_TRAIN_DIVERGED;
}

static void
apply_pending_lr (PsTrainer *self)
{
  if (!g_atomic_int_compare_and_exchange (&self->lr_pending, 1, 0))
    return;
  g_mutex_lock (&self->lr_lock);
  self->config.optimizer.lr = self->new_lr;
  g_mutex_unlock (&self->lr_lock);
  ps_optimizer_set_lr (self->optimizer, self->config.optimizer.lr);
}

/* One batch of b samples from idx[pos..): gradient (in chunks), one step.
 * Returns the batch's summed loss. *stepped tells whether the optimizer's
 * step was taken already (the fast path fuses it into the backward pass);
 * *aborted that a pause or cancel came in the middle of a chunked batch (no
 * step taken, nothing counted). */
static double
train_batch (PsTrainer *self,
             gsize      b,
             gboolean  *stepped,
             gboolean  *aborted)
{
  PsNetwork *net = self->net;
  double total = 0.0;
  double sq_before = self->sq_sum;
  guint correct = 0;

  *aborted = FALSE;

  if (self->fast != NULL && b <= ps_train_fast_max_batch (self->fast))
    {
      gsize next = self->pos + b;

      total = ps_train_fast_batch (self->fast, self->train, self->idx + self->pos, b,
                                   self->idx + next,
                                   next < self->n_train ? MIN (self->batch, self->n_train - next) : 0,
                                   &correct, &self->sq_sum);
      self->correct += correct;
      *stepped = TRUE;
      return total;
    }
  *stepped = FALSE;

  for (gsize done = 0; done < b; done += self->chunk)
    {
      gsize m = MIN (self->chunk, b - done);

      /* A big batch (the full set) takes a while: a pause or cancel drops the
       * partial gradient here, and the batch is computed afresh on resume. */
      if (done > 0 && (g_atomic_int_get (&self->cancel_requested)
                       || g_atomic_int_get (&self->pause_requested)))
        {
          self->sq_sum = sq_before;
          *aborted = TRUE;
          return 0.0;
        }
      ps_dataset_gather (self->train, self->idx + self->pos + done, 0, m,
                         self->xbuf, self->lbuf);
      total += ps_network_gradient_full (net, self->ws, self->xbuf, self->lbuf, m,
                                         self->config.loss, self->reduction, b,
                                         done > 0, self->grad, &correct, &self->sq_sum);
    }
  self->correct += correct;
  return total;
}

/* A new epoch: the weights to fall back to, the order, zeroed sums. */
static void
begin_epoch (PsTrainer *self)
{
  memcpy (self->good, self->net->params, sizeof (float) * self->net->n_params);
  if (self->config.shuffle)
    ps_rng_shuffle (&self->rng, self->idx, self->n_train);
  self->in_epoch = TRUE;
  self->pos = 0;
  self->batches_done = 0;
  self->loss_sum = 0.0;
  self->sq_sum = 0.0;
  self->correct = 0;
  self->seen = 0;
  self->elapsed_us = 0;
}

/* The current epoch's remaining batches, until it ends or a pause or cancel
 * is asked for (then self->pos < n_train). FALSE when the loss diverged. */
static gboolean
run_batches (PsTrainer *self)
{
  PsNetwork *net = self->net;
  gint64 t0 = g_get_monotonic_time ();

  while (self->pos < self->n_train)
    {
      gsize b = MIN (self->batch, self->n_train - self->pos);
      gboolean stepped = FALSE;
      gboolean aborted = FALSE;
      double loss;

      if (g_atomic_int_get (&self->cancel_requested)
          || g_atomic_int_get (&self->pause_requested))
        break;
      apply_pending_lr (self);

      loss = train_batch (self, b, &stepped, &aborted);
      if (aborted)
        break;
      if (!isfinite (loss))
        return FALSE;
      if (!stepped)
        {
          ps_optimizer_step (self->optimizer, net->params, self->grad);
          if (self->fast != NULL)
            ps_train_fast_invalidate (self->fast);
        }

      self->loss_sum += loss;
      self->pos += b;
      self->seen += b;
      self->batches_done++;

      if (self->progress != NULL && self->batch_every > 0
          && self->batches_done % self->batch_every == 0
          && self->pos < self->n_train)
        {
          PsEpochMetrics metrics;

          self->elapsed_us += g_get_monotonic_time () - t0;
          t0 = g_get_monotonic_time ();
          running_metrics (self, &metrics);
          self->progress (self, &metrics, FALSE, self->progress_data);
        }
    }
  self->elapsed_us += g_get_monotonic_time () - t0;
  return TRUE;
}

/* A finished epoch's metrics (validation included) into the history, and
 * to the progress callback. */
static void
end_epoch (PsTrainer      *self,
           PsEpochMetrics *metrics)
{
  running_metrics (self, metrics);
  if (self->n_val > 0)
    {
      guint64 correct = 0;
      double sq = 0.0, total;

      total = evaluate_range (self->net, self->ws, self->xbuf, self->lbuf,
                              ps_workspace_max_batch (self->ws),
                              self->val, self->val_first, self->n_val,
                              self->config.loss, &correct, &sq, NULL);
      metrics->has_val = TRUE;
      metrics->val_loss = total / self->n_val;
      metrics->val_accuracy = (double) correct / self->n_val;
      metrics->val_rmse = sqrt (sq / ((double) self->n_val * self->n_outputs));
    }

  g_array_append_val (self->history, *metrics);
  g_atomic_int_inc (&self->epoch);
  if (self->progress != NULL)
    self->progress (self, metrics, TRUE, self->progress_data);
}

/* TRUE, with *status, when a target or early stopping ends the run. */
static gboolean
stop_rule (PsTrainer            *self,
           const PsEpochMetrics *metrics,
           PsTrainStatus        *status)
{
  if ((self->config.target_accuracy > 0.0
       && metrics->accuracy >= self->config.target_accuracy)
      || (self->config.target_loss > 0.0 && metrics->loss <= self->config.target_loss))
    {
      *status = PS_TRAIN_TARGET_REACHED;
      return TRUE;
    }

  if (self->config.early_stopping > 0)
    {
      /* Keras's EarlyStopping(monitor="val_loss", patience), min_delta 0. */
      if (metrics->val_loss < self->best_val_loss)
        {
          self->best_val_loss = metrics->val_loss;
          self->wait = 0;
        }
      else if (++self->wait >= self->config.early_stopping)
        {
          *status = PS_TRAIN_EARLY_STOPPED;
          return TRUE;
        }
    }
  return FALSE;
}

/**
 * ps_trainer_run:
 * @n_epochs: 0: until config->epochs have run in total; else at most that
 *   many more (finishing a paused epoch counts as one)
 * @error: PS_NETWORK_ERROR_DIVERGED with PS_TRAIN_DIVERGED
 *
 * Returns: why it stopped. PS_TRAIN_PAUSED also when @n_epochs ran out before
 *   config->epochs did; after PAUSED or CANCELLED it may run again (a paused
 *   epoch resumes where it stopped, a cancelled one is dropped: its updates
 *   stay, it is not counted).
 */
PsTrainStatus
ps_trainer_run (PsTrainer  *self,
                guint       n_epochs,
                GError    **error)
{
  guint ran = 0;

  g_return_val_if_fail (self != NULL, PS_TRAIN_CANCELLED);
  g_return_val_if_fail (error == NULL || *error == NULL, PS_TRAIN_CANCELLED);

  /* Between two runs the weights are the caller's (it may have set them). */
  if (self->fast != NULL)
    ps_train_fast_invalidate (self->fast);
  for (;;)
    {
      PsEpochMetrics metrics;
      PsTrainStatus status;

      if (!self->in_epoch)
        {
          if ((guint) self->epoch >= self->config.epochs)
            return PS_TRAIN_FINISHED;
          if (n_epochs > 0 && ran >= n_epochs)
            return PS_TRAIN_PAUSED;
        }
      if (g_atomic_int_compare_and_exchange (&self->cancel_requested, 1, 0))
        {
          self->in_epoch = FALSE;
          g_atomic_int_set (&self->pause_requested, 0);
          return PS_TRAIN_CANCELLED;
        }
      if (g_atomic_int_compare_and_exchange (&self->pause_requested, 1, 0))
        return PS_TRAIN_PAUSED;

      if (!self->in_epoch)
        begin_epoch (self);
      if (!run_batches (self))
        return diverged (self, error);
      if (self->pos < self->n_train)
        continue;   /* paused or cancelled: handled at the top */

      /* The epoch is done. */
      self->in_epoch = FALSE;
      if (!ps_network_is_finite (self->net))
        return diverged (self, error);
      end_epoch (self, &metrics);
      ran++;
      if (stop_rule (self, &metrics, &status))
        return status;
    }
}

/* ---- private: tests ------------------------------------------------------ */

/**
 * ps_trainer_use_fast_path:
 * @enable: FALSE: train on the plain path; TRUE: the fast path with
 *   @n_threads threads (0: automatic) wherever it applies
 *
 * Returns: whether the fast path is in use now
 */
gboolean
ps_trainer_use_fast_path (PsTrainer *self,
                          gboolean   enable,
                          guint      n_threads)
{
  g_return_val_if_fail (self != NULL, FALSE);

  ps_train_fast_free (self->fast);
  self->fast = NULL;
  if (enable && self->batch <= PS_TRAIN_CHUNK)
    self->fast = ps_train_fast_new (self->net, self->optimizer, self->grad,
                                    self->config.loss, self->reduction, self->batch,
                                    n_threads);
  return self->fast != NULL;
}

/* Threads of the fast path; 0 on the plain path. */
guint
ps_trainer_fast_path_threads (PsTrainer *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->fast != NULL ? ps_train_fast_n_threads (self->fast) : 0;
}
