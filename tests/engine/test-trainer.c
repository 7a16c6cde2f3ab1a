/* test-trainer.c: epochs, batches, metrics, stop rules, pause/cancel from
 * another thread, the divergence guard, ps_evaluate
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "ps-trainer.h"
#include "test-util.h"
#include "ps-generators.h"

static PsTrainer *
trainer_new (PsNetwork           *net,
             PsDataset           *train,
             PsDataset           *val,
             const PsTrainConfig *config)
{
  g_autoptr (GError) error = NULL;
  PsTrainer *trainer = ps_trainer_new (net, train, val, config, &error);

  g_assert_no_error (error);
  g_assert_nonnull (trainer);
  return trainer;
}

static PsNetwork *
seeded_network (const char *spec,
                PsInit      init,
                guint64     seed)
{
  PsNetwork *net = test_network_new (spec);
  PsRng rng;

  ps_rng_seed (&rng, seed);
  ps_network_init (net, init, &rng);
  return net;
}

static void
classification_config (PsTrainConfig *config)
{
  ps_train_config_init (config);
  config->loss = PS_LOSS_CROSS_ENTROPY;
  config->optimizer.lr = 0.1;
  config->batch_size = 4;
  config->epochs = 5;
  config->seed = 11;
}

/* ---- determinism, split, batches ---------------------------------------- */

static void
test_determinism (void)
{
  PsRng rng;
  g_autoptr (PsDataset) data = NULL;
  PsTrainConfig config;
  PsNetwork *nets[3];

  ps_rng_seed (&rng, 1);
  data = test_dataset_random (&rng, 50, 5, 3);
  classification_config (&config);
  config.batch_size = 3;
  config.epochs = 8;
  for (int i = 0; i < 3; i++)
    {
      PsTrainer *trainer;

      nets[i] = seeded_network ("5,7:tanh,3:softmax", PS_INIT_GLOROT, 3);
      config.seed = i < 2 ? 1234 : 1235;
      trainer = trainer_new (nets[i], data, NULL, &config);
      g_assert_cmpint (ps_trainer_run (trainer, 0, NULL), ==, PS_TRAIN_FINISHED);
      ps_trainer_free (trainer);
    }
  g_assert_cmpmem (nets[0]->params, nets[0]->n_params * 4, nets[1]->params, nets[1]->n_params * 4);
  g_assert_true (memcmp (nets[0]->params, nets[2]->params, nets[0]->n_params * 4) != 0);
  for (int i = 0; i < 3; i++)
    ps_network_free (nets[i]);
}

typedef struct
{
  PsDataset *tail;
  guint      checked;
} SplitCheck;

static void
check_val_metrics (PsTrainer            *trainer,
                   const PsEpochMetrics *m,
                   gboolean              epoch_done,
                   gpointer              user_data)
{
  SplitCheck *check = user_data;
  double loss, acc, rmse;

  g_assert_true (epoch_done);
  g_assert_true (m->has_val);
  ps_evaluate (ps_trainer_get_network (trainer), check->tail, PS_LOSS_CROSS_ENTROPY,
               &loss, &acc, &rmse, NULL);
  g_assert_cmpfloat_with_epsilon (m->val_loss, loss, 1e-9);
  g_assert_cmpfloat_with_epsilon (m->val_accuracy, acc, 1e-12);
  g_assert_cmpfloat_with_epsilon (m->val_rmse, rmse, 1e-9);
  check->checked++;
}

/* validation_split 0.25 of 10 samples: Keras trains on the first
 * floor(7.5) = 7 and validates on the last 3, before any shuffling. */
static void
test_validation_split (void)
{
  PsRng rng;
  g_autoptr (PsDataset) data = NULL;
  g_autoptr (PsDataset) head = NULL;
  SplitCheck check = { NULL, 0 };
  PsTrainConfig config;
  PsNetwork *a = seeded_network ("4,6:relu,3:softmax", PS_INIT_HE, 8);
  PsNetwork *b = ps_network_copy (a);
  PsTrainer *trainer;
  guint n = 0;
  const PsEpochMetrics *history;

  ps_rng_seed (&rng, 2);
  data = test_dataset_random (&rng, 10, 4, 3);
  head = ps_dataset_slice (data, 0, 7);
  check.tail = ps_dataset_slice (data, 7, 3);
  classification_config (&config);
  config.batch_size = 2;
  config.val_split = 0.25;

  trainer = trainer_new (a, data, NULL, &config);
  ps_trainer_set_progress (trainer, check_val_metrics, 0, &check);
  g_assert_cmpint (ps_trainer_run (trainer, 0, NULL), ==, PS_TRAIN_FINISHED);
  history = ps_trainer_get_history (trainer, &n);
  g_assert_cmpuint (n, ==, config.epochs);
  g_assert_cmpuint (check.checked, ==, config.epochs);
  g_assert_true (history[n - 1].has_val);
  ps_trainer_free (trainer);

  /* Training on the first 7 alone, same seed: the very same weights. */
  config.val_split = 0;
  trainer = trainer_new (b, head, NULL, &config);
  g_assert_cmpint (ps_trainer_run (trainer, 0, NULL), ==, PS_TRAIN_FINISHED);
  history = ps_trainer_get_history (trainer, &n);
  g_assert_false (history[0].has_val);
  ps_trainer_free (trainer);
  g_assert_cmpmem (a->params, a->n_params * 4, b->params, b->n_params * 4);

  ps_dataset_unref (check.tail);
  ps_network_free (a);
  ps_network_free (b);
}

/* A full batch larger than the trainer's chunk is accumulated in pieces: the
 * same step as one pass over everything. */
static void
test_full_batch_chunks (void)
{
  PsRng rng;
  g_autoptr (PsDataset) data = NULL;
  PsNetwork *a = seeded_network ("6,5:sigmoid,3:softmax", PS_INIT_GLOROT, 4);
  PsNetwork *b = ps_network_copy (a);
  PsWorkspace *ws;
  g_autofree float *grad = g_new (float, a->n_params);
  PsTrainConfig config;
  PsTrainer *trainer;
  const PsEpochMetrics *history;
  double loss, acc, rmse;
  guint correct = 0;

  ps_rng_seed (&rng, 3);
  data = test_dataset_random (&rng, 5000, 6, 3);
  classification_config (&config);
  config.batch_size = 0;
  config.epochs = 1;
  config.optimizer.lr = 1.0;
  ps_evaluate (a, data, PS_LOSS_CROSS_ENTROPY, &loss, &acc, &rmse, NULL);
  trainer = trainer_new (a, data, NULL, &config);
  g_assert_cmpint (ps_trainer_run (trainer, 0, NULL), ==, PS_TRAIN_FINISHED);

  /* Full batch: the epoch's metrics are those of the weights before it. */
  history = ps_trainer_get_history (trainer, NULL);
  g_assert_cmpfloat_with_epsilon (history[0].loss, loss, 1e-6);
  g_assert_cmpfloat_with_epsilon (history[0].accuracy, acc, 1e-12);
  g_assert_cmpfloat_with_epsilon (history[0].rmse, rmse, 1e-6);
  ps_trainer_free (trainer);

  ws = ps_workspace_new (b, 5000);
  ps_network_gradient (b, ws, ps_dataset_get_x (data), ps_dataset_get_labels (data), 5000,
                       PS_LOSS_CROSS_ENTROPY, PS_REDUCTION_MEAN, grad, &correct);
  g_assert_cmpfloat_with_epsilon (correct / 5000.0, acc, 1e-12);
  for (gsize i = 0; i < b->n_params; i++)
    b->params[i] -= 1.0f * grad[i];
  for (gsize i = 0; i < a->n_params; i++)
    g_assert_cmpfloat_with_epsilon (a->params[i], b->params[i], 1e-5);
  ps_workspace_free (ws);
  ps_network_free (a);
  ps_network_free (b);
}

/* A pause that lands inside a chunked full batch drops the partial gradient;
 * resumed, the run is the one never paused. The pauses come from another
 * thread at whatever point they land: the result must not depend on it. */
typedef struct
{
  PsTrainer *trainer;
  gint       stop;
} Pauser;

static gpointer
pauser_thread (gpointer data)
{
  Pauser *p = data;

  for (guint i = 0; i < 40 && !g_atomic_int_get (&p->stop); i++)
    {
      ps_trainer_pause (p->trainer);
      g_usleep (300);
    }
  return NULL;
}

static void
test_pause_in_full_batch (void)
{
  PsRng rng;
  g_autoptr (PsDataset) data = NULL;
  PsNetwork *a = seeded_network ("6,5:sigmoid,3:softmax", PS_INIT_GLOROT, 4);
  PsNetwork *b = ps_network_copy (a);
  PsTrainConfig config;
  PsTrainer *ta, *tb;
  Pauser pauser = { 0 };
  GThread *thread;
  guint paused = 0;

  ps_rng_seed (&rng, 5);
  data = test_dataset_random (&rng, 9000, 6, 3);   /* 5 chunks per batch */
  classification_config (&config);
  config.batch_size = 0;
  config.epochs = 6;
  config.optimizer.lr = 0.5;

  ta = trainer_new (a, data, NULL, &config);
  g_assert_cmpint (ps_trainer_run (ta, 0, NULL), ==, PS_TRAIN_FINISHED);

  tb = trainer_new (b, data, NULL, &config);
  pauser.trainer = tb;
  thread = g_thread_new ("pauser", pauser_thread, &pauser);
  for (;;)
    {
      PsTrainStatus status = ps_trainer_run (tb, 0, NULL);

      if (status == PS_TRAIN_FINISHED)
        break;
      g_assert_cmpint (status, ==, PS_TRAIN_PAUSED);
      paused++;
    }
  g_atomic_int_set (&pauser.stop, 1);
  g_thread_join (thread);
  g_test_message ("paused %u times", paused);

  g_assert_cmpuint (ps_trainer_get_epoch (tb), ==, 6);
  g_assert_cmpmem (a->params, a->n_params * sizeof (float), b->params, b->n_params * sizeof (float));
  ps_trainer_free (ta);
  ps_trainer_free (tb);
  ps_network_free (a);
  ps_network_free (b);
}

typedef struct
{
  guint batch_calls;
  guint epoch_calls;
} Counts;

static void
count_progress (PsTrainer            *trainer,
                const PsEpochMetrics *m,
                gboolean              epoch_done,
                gpointer              user_data)
{
  Counts *counts = user_data;

  if (epoch_done)
    {
      counts->epoch_calls++;
      g_assert_cmpuint (m->epoch, ==, ps_trainer_get_epoch (trainer));
    }
  else
    {
      counts->batch_calls++;
      g_assert_cmpuint (m->epoch, ==, ps_trainer_get_epoch (trainer) + 1);
      g_assert_cmpfloat (m->accuracy, >=, 0.0);
      g_assert_cmpfloat (m->accuracy, <=, 1.0);
    }
}

static void
test_progress_and_steps (void)
{
  PsRng rng;
  g_autoptr (PsDataset) data = NULL;
  PsNetwork *net = seeded_network ("3,4:relu,2:softmax", PS_INIT_HE, 5);
  PsTrainConfig config;
  PsTrainer *trainer;
  Counts counts = { 0, 0 };

  ps_rng_seed (&rng, 4);
  data = test_dataset_random (&rng, 20, 3, 2);
  classification_config (&config);
  config.batch_size = 3;   /* 7 batches per epoch, the last of 2 */
  config.epochs = 4;
  trainer = trainer_new (net, data, NULL, &config);
  ps_trainer_set_progress (trainer, count_progress, 2, &counts);

  /* Step by step: one epoch at a time, PAUSED until the last. */
  g_assert_cmpint (ps_trainer_run (trainer, 1, NULL), ==, PS_TRAIN_PAUSED);
  g_assert_cmpuint (ps_trainer_get_epoch (trainer), ==, 1);
  g_assert_cmpint (ps_trainer_run (trainer, 2, NULL), ==, PS_TRAIN_PAUSED);
  g_assert_cmpuint (ps_trainer_get_epoch (trainer), ==, 3);
  g_assert_cmpint (ps_trainer_run (trainer, 5, NULL), ==, PS_TRAIN_FINISHED);
  g_assert_cmpuint (ps_trainer_get_epoch (trainer), ==, 4);
  g_assert_cmpint (ps_trainer_run (trainer, 0, NULL), ==, PS_TRAIN_FINISHED);
  g_assert_cmpuint (ps_trainer_get_epoch (trainer), ==, 4);
  g_assert_cmpuint (counts.epoch_calls, ==, 4);
  g_assert_cmpuint (counts.batch_calls, ==, 4 * 3);   /* after batches 2, 4, 6 */
  ps_trainer_free (trainer);
  ps_network_free (net);
}

/* ---- stop rules --------------------------------------------------------- */

static void
test_target_accuracy (void)
{
  g_autoptr (PsDataset) data = ps_dataset_new_gate ("or3", NULL);
  PsNetwork *net = seeded_network ("3,2:sigmoid,1:sigmoid", PS_INIT_NOTEBOOK, 6);
  PsTrainConfig config;
  PsTrainer *trainer;
  const PsEpochMetrics *history;
  guint n = 0;
  double acc;

  ps_train_config_init (&config);
  config.reduction = PS_REDUCTION_SUM;
  config.optimizer.lr = 0.5;
  config.batch_size = 0;
  config.shuffle = FALSE;
  config.epochs = 5000;
  config.target_accuracy = 1.0;
  trainer = trainer_new (net, data, NULL, &config);
  g_assert_cmpint (ps_trainer_run (trainer, 0, NULL), ==, PS_TRAIN_TARGET_REACHED);
  history = ps_trainer_get_history (trainer, &n);
  g_assert_cmpuint (n, <, config.epochs);
  g_assert_cmpfloat (history[n - 1].accuracy, ==, 1.0);
  for (guint e = 0; e + 1 < n; e++)
    g_assert_cmpfloat (history[e].accuracy, <, 1.0);
  ps_evaluate (net, data, PS_LOSS_MSE, NULL, &acc, NULL, NULL);
  g_assert_cmpfloat (acc, ==, 1.0);
  ps_trainer_free (trainer);

  /* Target loss. */
  config.target_accuracy = 0;
  config.target_loss = 0.05;
  trainer = trainer_new (net, data, NULL, &config);
  g_assert_cmpint (ps_trainer_run (trainer, 0, NULL), ==, PS_TRAIN_TARGET_REACHED);
  history = ps_trainer_get_history (trainer, &n);
  g_assert_cmpfloat (history[n - 1].loss, <=, 0.05);
  if (n > 1)
    g_assert_cmpfloat (history[n - 2].loss, >, 0.05);
  ps_trainer_free (trainer);
  ps_network_free (net);
}

/* Validation labels contradict the training labels: the better the fit, the
 * worse val_loss. */
static void
test_early_stopping (void)
{
  PsRng rng;
  g_autoptr (PsDataset) train = NULL;
  g_autoptr (PsDataset) val = NULL;
  PsNetwork *net = seeded_network ("4,8:tanh,2:softmax", PS_INIT_GLOROT, 9);
  PsTrainConfig config;
  PsTrainer *trainer;
  const PsEpochMetrics *history;
  guint n = 0, best = 0;

  ps_rng_seed (&rng, 5);
  train = test_dataset_random (&rng, 40, 4, 2);
  val = ps_dataset_slice (train, 0, 40);
  for (gsize i = 0; i < 40; i++)
    ps_dataset_get_labels_writable (val)[i] = 1 - ps_dataset_get_labels (train)[i];
  classification_config (&config);
  config.epochs = 500;
  config.early_stopping = 3;
  trainer = trainer_new (net, train, val, &config);
  g_assert_cmpint (ps_trainer_run (trainer, 0, NULL), ==, PS_TRAIN_EARLY_STOPPED);
  history = ps_trainer_get_history (trainer, &n);
  g_assert_cmpuint (n, <, 500);
  for (guint e = 1; e < n; e++)
    if (history[e].val_loss < history[best].val_loss)
      best = e;
  /* Keras: stop once val_loss has not improved for `patience` epochs. */
  g_assert_cmpuint (n, ==, best + 1 + config.early_stopping);
  ps_trainer_free (trainer);
  ps_network_free (net);
}

static void
test_config_errors (void)
{
  g_autoptr (PsDataset) xor = ps_dataset_new_gate ("xor", NULL);
  PsNetwork *net = test_network_new ("2,3:sigmoid,1:sigmoid");
  PsNetwork *wide = test_network_new ("3,1");
  PsTrainConfig config;
  GError *error = NULL;

  ps_train_config_init (&config);
  g_assert_null (ps_trainer_new (wide, xor, NULL, &config, &error));
  g_assert_error (error, PS_NETWORK_ERROR, PS_NETWORK_ERROR_MISMATCH);
  g_clear_error (&error);
  config.loss = PS_LOSS_CROSS_ENTROPY;
  g_assert_null (ps_trainer_new (net, xor, NULL, &config, &error));
  g_assert_error (error, PS_NETWORK_ERROR, PS_NETWORK_ERROR_SPEC);
  g_clear_error (&error);
  config.loss = PS_LOSS_MSE;
  config.optimizer.lr = -1;
  g_assert_null (ps_trainer_new (net, xor, NULL, &config, &error));
  g_assert_error (error, PS_NETWORK_ERROR, PS_NETWORK_ERROR_SPEC);
  g_assert_nonnull (strstr (error->message, "learning rate"));
  g_clear_error (&error);
  config.optimizer.lr = 0.1;
  config.val_split = 1.0;
  g_assert_null (ps_trainer_new (net, xor, NULL, &config, &error));
  g_assert_error (error, PS_NETWORK_ERROR, PS_NETWORK_ERROR_SPEC);
  g_clear_error (&error);
  config.val_split = 0;
  config.early_stopping = 2;
  g_assert_null (ps_trainer_new (net, xor, NULL, &config, &error));
  g_assert_error (error, PS_NETWORK_ERROR, PS_NETWORK_ERROR_SPEC);
  g_assert_nonnull (strstr (error->message, "validation"));
  g_clear_error (&error);
  ps_network_free (net);
  ps_network_free (wide);
}

/* ---- pause and cancel from another thread ----------------------------- */

typedef struct
{
  PsTrainer    *trainer;
  GMutex        lock;
  GCond         cond;
  gboolean      reached;   /* the worker is inside the progress callback */
  gboolean      go_on;     /* the main thread has acted */
  guint         calls;
  guint         block_at;  /* block in this batch callback (1-based), 0: never */
  PsTrainStatus status;
} Remote;

static void
remote_progress (PsTrainer            *trainer,
                 const PsEpochMetrics *m,
                 gboolean              epoch_done,
                 gpointer              user_data)
{
  Remote *r = user_data;

  if (epoch_done)
    return;
  r->calls++;
  if (r->calls != r->block_at)
    return;
  g_mutex_lock (&r->lock);
  r->reached = TRUE;
  g_cond_broadcast (&r->cond);
  while (!r->go_on)
    g_cond_wait (&r->cond, &r->lock);
  g_mutex_unlock (&r->lock);
}

static gpointer
remote_run (gpointer data)
{
  Remote *r = data;

  r->status = ps_trainer_run (r->trainer, 0, NULL);
  return NULL;
}

/* Runs the trainer on a thread; when it reaches batch callback @block_at the
 * main thread calls @control, then lets it go on. */
static PsTrainStatus
run_remote (Remote    *r,
            guint      block_at,
            void     (*control) (PsTrainer *))
{
  GThread *thread;

  r->reached = FALSE;
  r->go_on = FALSE;
  r->calls = 0;
  r->block_at = block_at;
  thread = g_thread_new ("trainer", remote_run, r);
  g_mutex_lock (&r->lock);
  while (!r->reached)
    g_cond_wait (&r->cond, &r->lock);
  control (r->trainer);
  r->go_on = TRUE;
  g_cond_broadcast (&r->cond);
  g_mutex_unlock (&r->lock);
  g_thread_join (thread);
  return r->status;
}

static void
test_pause_cancel (void)
{
  PsRng rng;
  g_autoptr (PsDataset) data = NULL;
  PsNetwork *net = seeded_network ("8,16:relu,4:softmax", PS_INIT_HE, 10);
  PsNetwork *reference = ps_network_copy (net);
  PsTrainConfig config;
  PsTrainer *trainer;
  Remote r = { 0 };

  ps_rng_seed (&rng, 6);
  data = test_dataset_random (&rng, 600, 8, 4);
  classification_config (&config);
  config.batch_size = 4;   /* 150 batches per epoch */
  config.epochs = 3;

  g_mutex_init (&r.lock);
  g_cond_init (&r.cond);
  r.trainer = trainer = trainer_new (net, data, NULL, &config);
  ps_trainer_set_progress (trainer, remote_progress, 10, &r);

  /* Pause in the middle of epoch 1: it stops before the next batch. */
  g_assert_cmpint (run_remote (&r, 3, ps_trainer_pause), ==, PS_TRAIN_PAUSED);
  g_assert_cmpuint (r.calls, ==, 3);
  g_assert_cmpuint (ps_trainer_get_epoch (trainer), ==, 0);
  /* Resume; pause again in epoch 2 (11 more callbacks finish epoch 1). */
  g_assert_cmpint (run_remote (&r, 19, ps_trainer_pause), ==, PS_TRAIN_PAUSED);
  g_assert_cmpuint (r.calls, ==, 19);
  g_assert_cmpuint (ps_trainer_get_epoch (trainer), ==, 1);
  /* A pause asked for before the run returns at once. */
  ps_trainer_pause (trainer);
  g_assert_cmpint (ps_trainer_run (trainer, 0, NULL), ==, PS_TRAIN_PAUSED);
  g_assert_cmpuint (ps_trainer_get_epoch (trainer), ==, 1);
  g_assert_cmpint (ps_trainer_run (trainer, 0, NULL), ==, PS_TRAIN_FINISHED);
  g_assert_cmpuint (ps_trainer_get_epoch (trainer), ==, 3);
  ps_trainer_free (trainer);

  /* Paused and resumed, the run is the one never paused. */
  trainer = trainer_new (reference, data, NULL, &config);
  g_assert_cmpint (ps_trainer_run (trainer, 0, NULL), ==, PS_TRAIN_FINISHED);
  ps_trainer_free (trainer);
  g_assert_cmpmem (net->params, net->n_params * 4, reference->params, reference->n_params * 4);

  /* Cancel: stops, the unfinished epoch is not counted, it can run again. */
  config.epochs = 2;
  r.trainer = trainer = trainer_new (net, data, NULL, &config);
  ps_trainer_set_progress (trainer, remote_progress, 10, &r);
  g_assert_cmpint (run_remote (&r, 5, ps_trainer_cancel), ==, PS_TRAIN_CANCELLED);
  g_assert_cmpuint (r.calls, ==, 5);
  g_assert_cmpuint (ps_trainer_get_epoch (trainer), ==, 0);
  g_assert_cmpint (run_remote (&r, 2, ps_trainer_pause), ==, PS_TRAIN_PAUSED);
  g_assert_cmpuint (ps_trainer_get_epoch (trainer), ==, 0);
  g_assert_cmpint (ps_trainer_run (trainer, 0, NULL), ==, PS_TRAIN_FINISHED);
  g_assert_cmpuint (ps_trainer_get_epoch (trainer), ==, 2);
  ps_trainer_free (trainer);

  g_mutex_clear (&r.lock);
  g_cond_clear (&r.cond);
  ps_network_free (net);
  ps_network_free (reference);
}

/* ---- divergence --------------------------------------------------------- */

typedef struct
{
  float *last;       /* parameters after the last finished epoch */
  gsize  n;
  guint  epochs;
} Snapshot;

static void
snapshot_progress (PsTrainer            *trainer,
                   const PsEpochMetrics *m,
                   gboolean              epoch_done,
                   gpointer              user_data)
{
  Snapshot *s = user_data;
  const PsNetwork *net = ps_trainer_get_network (trainer);

  if (!epoch_done)
    return;
  g_assert_true (isfinite (m->loss));
  memcpy (s->last, net->params, sizeof (float) * s->n);
  s->epochs = m->epoch;
  /* Live learning-rate change: after 3 calm epochs, a rate that explodes. */
  if (m->epoch == 3)
    ps_trainer_set_learning_rate (trainer, 100.0);
}

static void
test_divergence (void)
{
  PsRng rng;
  g_autoptr (PsDataset) data = NULL;
  g_autoptr (GError) error = NULL;
  PsNetwork *net = seeded_network ("3,8:linear,2:linear", PS_INIT_GLOROT, 12);
  PsTrainConfig config;
  PsTrainer *trainer;
  Snapshot snap;
  guint n = 0;

  ps_rng_seed (&rng, 7);
  data = test_dataset_random (&rng, 32, 3, 2);
  for (gsize i = 0; i < ps_dataset_get_n_samples (data) * 3; i++)
    ps_dataset_get_x_writable (data)[i] *= 10.0f;
  ps_train_config_init (&config);
  config.loss = PS_LOSS_MSE;
  config.optimizer.lr = 1e-4;
  config.batch_size = 4;
  config.epochs = 200;
  snap.n = net->n_params;
  snap.last = g_new (float, net->n_params);
  snap.epochs = 0;

  trainer = trainer_new (net, data, NULL, &config);
  ps_trainer_set_progress (trainer, snapshot_progress, 0, &snap);
  g_assert_cmpint (ps_trainer_run (trainer, 0, &error), ==, PS_TRAIN_DIVERGED);
  g_assert_error (error, PS_NETWORK_ERROR, PS_NETWORK_ERROR_DIVERGED);
  g_assert_nonnull (strstr (error->message, "epoch"));
  g_assert_nonnull (strstr (error->message, "lower learning rate"));
  g_assert_cmpuint (snap.epochs, >=, 3);
  g_assert_cmpuint (ps_trainer_get_epoch (trainer), ==, snap.epochs);
  ps_trainer_get_history (trainer, &n);
  g_assert_cmpuint (n, ==, snap.epochs);
  g_assert_true (ps_network_is_finite (net));
  g_assert_cmpmem (net->params, net->n_params * 4, snap.last, net->n_params * 4);
  g_clear_error (&error);

  /* Back to a sane rate, it trains on from the good weights. */
  ps_trainer_set_learning_rate (trainer, 1e-4);
  g_assert_cmpint (ps_trainer_run (trainer, 2, &error), ==, PS_TRAIN_PAUSED);
  g_assert_no_error (error);
  g_assert_true (ps_network_is_finite (net));
  ps_trainer_free (trainer);
  g_free (snap.last);
  ps_network_free (net);
}

/* ---- evaluate ----------------------------------------------------------- */

static void
test_evaluate_confusion (void)
{
  /* Identity-like net: the predicted class is the argmax of the input. */
  PsNetwork *net = test_network_new ("3,3:softmax");
  const float x[] = {
    5, 0, 0,   0, 5, 0,   0, 0, 5,   0, 5, 0,   5, 0, 0,
  };
  const guint32 labels[] = { 0, 1, 2, 2, 1 };
  g_autoptr (PsDataset) data = test_dataset_new ("c", x, labels, 5, 3, 3);
  guint64 confusion[9];
  const guint64 want[9] = {
    1, 0, 0,
    1, 1, 0,
    0, 1, 1,
  };
  double loss, acc, rmse, p_right, p_wrong, expect_loss, expect_sq;

  for (int i = 0; i < 3; i++)
    net->params[i * 3 + i] = 1.0f;
  ps_evaluate (net, data, PS_LOSS_CROSS_ENTROPY, &loss, &acc, &rmse, confusion);
  for (int i = 0; i < 9; i++)
    g_assert_cmpuint (confusion[i], ==, want[i]);
  g_assert_cmpfloat (acc, ==, 3.0 / 5.0);
  p_right = exp (5.0) / (exp (5.0) + 2);
  p_wrong = 1 / (exp (5.0) + 2);
  expect_loss = (3 * -log (p_right) + 2 * -log (p_wrong)) / 5;
  g_assert_cmpfloat_with_epsilon (loss, expect_loss, 1e-5);
  /* Right rows: (1 − p)² + 2 p_w²; wrong rows: p_r² + (1 − p_w)² + p_w². */
  expect_sq = 3 * ((1 - p_right) * (1 - p_right) + 2 * p_wrong * p_wrong)
              + 2 * (p_right * p_right + (1 - p_wrong) * (1 - p_wrong) + p_wrong * p_wrong);
  g_assert_cmpfloat_with_epsilon (rmse, sqrt (expect_sq / 15), 1e-6);
  ps_network_free (net);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/trainer/determinism", test_determinism);
  g_test_add_func ("/trainer/validation-split", test_validation_split);
  g_test_add_func ("/trainer/full-batch-chunks", test_full_batch_chunks);
  g_test_add_func ("/trainer/pause-in-full-batch", test_pause_in_full_batch);
  g_test_add_func ("/trainer/progress-and-steps", test_progress_and_steps);
  g_test_add_func ("/trainer/target", test_target_accuracy);
  g_test_add_func ("/trainer/early-stopping", test_early_stopping);
  g_test_add_func ("/trainer/config-errors", test_config_errors);
  g_test_add_func ("/trainer/pause-cancel", test_pause_cancel);
  g_test_add_func ("/trainer/divergence", test_divergence);
  g_test_add_func ("/trainer/evaluate-confusion", test_evaluate_confusion);
  return g_test_run ();
}
