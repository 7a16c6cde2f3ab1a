/* test-threads.c: the trainer on a worker thread, driven from another
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The way the app uses it (DESIGN.md): ps_trainer_run() on a worker thread,
 * parameter snapshots copied in the progress callback, and the UI thread
 * pausing, resuming, cancelling and changing the learning rate whenever it
 * likes. Built normally it checks the behaviour; built with
 * -Db_sanitize=thread (.ci/sanitize.sh) ThreadSanitizer checks every access.
 *
 * No timing assertion: the main thread waits for events (snapshots, the
 * worker's return) with a generous deadline that only catches hangs.
 */
#include "config.h"

#include "ps-dataset.h"
#include "ps-generators.h"
#include "ps-network.h"
#include "ps-rng.h"
#include "ps-trainer.h"
#include "ps-trainer-private.h"
#include "robust-common.h"

#include <math.h>

#define DEADLINE_S 120

typedef struct
{
  GMutex     lock;
  GCond      cond;
  guint      n_snapshots;     /* progress callbacks so far */
  guint      n_epoch_ends;
  float     *params;          /* the latest snapshot */
  gsize      n_params;
  gboolean   finite;
  guint      last_epoch;
  gboolean   epochs_in_order;
} Shared;

typedef struct
{
  PsTrainer     *trainer;
  guint          n_epochs;
  PsTrainStatus  status;
  GError        *error;
} Run;

static void
on_progress (PsTrainer            *trainer,
             const PsEpochMetrics *metrics,
             gboolean              epoch_done,
             gpointer              user_data)
{
  Shared *s = user_data;
  const PsNetwork *net = ps_trainer_get_network (trainer);

  /* The worker side of a snapshot: one copy under the lock. */
  g_mutex_lock (&s->lock);
  memcpy (s->params, net->params, s->n_params * sizeof (float));
  s->n_snapshots++;
  if (epoch_done)
    {
      s->n_epoch_ends++;
      if (metrics->epoch != s->last_epoch + 1)
        s->epochs_in_order = FALSE;
      s->last_epoch = metrics->epoch;
    }
  g_cond_broadcast (&s->cond);
  g_mutex_unlock (&s->lock);
}

static gpointer
run_thread (gpointer data)
{
  Run *r = data;
  r->status = ps_trainer_run (r->trainer, r->n_epochs, &r->error);
  return NULL;
}

/* Waits until n_snapshots >= target; copies that snapshot into out. */
static void
wait_snapshot (Shared *s,
               guint   target,
               float  *out)
{
  gint64 deadline = g_get_monotonic_time () + DEADLINE_S * G_TIME_SPAN_SECOND;
  g_mutex_lock (&s->lock);
  while (s->n_snapshots < target)
    if (!g_cond_wait_until (&s->cond, &s->lock, deadline))
      {
        g_mutex_unlock (&s->lock);
        g_error ("no progress from the training thread (hang?)");
      }
  if (out != NULL)
    memcpy (out, s->params, s->n_params * sizeof (float));
  for (gsize k = 0; k < s->n_params; k++)
    if (!isfinite (s->params[k]))
      s->finite = FALSE;
  g_mutex_unlock (&s->lock);
}

static guint
snapshots (Shared *s)
{
  g_mutex_lock (&s->lock);
  guint n = s->n_snapshots;
  g_mutex_unlock (&s->lock);
  return n;
}

static double
max_abs_diff (const float *a,
              const float *b,
              gsize        n)
{
  double m = 0.0;
  for (gsize k = 0; k < n; k++)
    m = MAX (m, fabs ((double) a[k] - b[k]));
  return m;
}

static PsNetwork *
make_net (const char *spec)
{
  g_autoptr(GError) error = NULL;
  PsNetwork *net = ps_network_new_from_spec (spec, &error);
  g_assert_no_error (error);
  PsRng rng;
  ps_rng_seed (&rng, 5);
  ps_network_init (net, PS_INIT_NOTEBOOK, &rng);
  return net;
}

static void
make_config (PsTrainConfig *config,
             guint          batch,
             guint          n_threads)
{
  ps_train_config_init (config);
  config->loss = PS_LOSS_CROSS_ENTROPY;
  config->optimizer.lr = 0.5;
  config->batch_size = batch;
  config->epochs = 100000;     /* stopped by the test, never by the count */
  config->shuffle = TRUE;
  config->seed = 3;
  config->n_threads = n_threads;
}

static void
drive_trainer (const char *spec,
               guint       batch,
               guint       n_threads)
{
  g_autoptr(PsDataset) data = ps_dataset_new_generated (PS_GENERATOR_SPIRAL, 600, 0.1, 11, NULL);
  PsNetwork *net = make_net (spec);
  PsTrainConfig config;
  make_config (&config, batch, n_threads);
  g_autoptr(GError) error = NULL;
  PsTrainer *trainer = ps_trainer_new (net, data, NULL, &config, &error);
  g_assert_no_error (error);

  Shared s = { 0 };
  g_mutex_init (&s.lock);
  g_cond_init (&s.cond);
  s.n_params = net->n_params;
  s.params = g_new0 (float, net->n_params);
  s.finite = TRUE;
  s.epochs_in_order = TRUE;
  ps_trainer_set_progress (trainer, on_progress, 5, &s);
  g_test_message ("%s, batch %u: fast path on %u threads", spec, batch,
                  ps_trainer_fast_path_threads (trainer));
  g_autofree float *a = g_new (float, net->n_params);
  g_autofree float *b = g_new (float, net->n_params);

  /* 1. Run; read snapshots and the epoch counter meanwhile. */
  Run r = { trainer, 0, PS_TRAIN_FINISHED, NULL };
  GThread *worker = g_thread_new ("trainer", run_thread, &r);
  wait_snapshot (&s, 10, a);
  guint e1 = ps_trainer_get_epoch (trainer);
  wait_snapshot (&s, snapshots (&s) + 4, b);
  guint e2 = ps_trainer_get_epoch (trainer);
  g_assert_cmpuint (e2, >=, e1);
  /* Training moves the weights at lr 0.5. */
  g_assert_cmpfloat (max_abs_diff (a, b, s.n_params), >, 1e-5);

  /* 2. A learning rate change takes effect between batches: at 1e-30 the
   * weights stop moving (the first snapshots after the call may still hold
   * a batch run at the old rate). */
  ps_trainer_set_learning_rate (trainer, 1e-30);
  guint c0 = snapshots (&s);
  wait_snapshot (&s, c0 + 3, a);
  wait_snapshot (&s, c0 + 8, b);
  g_assert_cmpfloat (max_abs_diff (a, b, s.n_params), <=, 1e-6);
  ps_trainer_set_learning_rate (trainer, 0.3);
  /* Many changes in a row, racing the batches. */
  for (int k = 0; k < 200; k++)
    ps_trainer_set_learning_rate (trainer, 0.05 + 0.001 * k);

  /* 3. Pause: the run returns PAUSED; nothing runs until resumed. */
  ps_trainer_pause (trainer);
  g_thread_join (worker);
  g_assert_no_error (r.error);
  g_assert_cmpint (r.status, ==, PS_TRAIN_PAUSED);
  guint paused_epoch = ps_trainer_get_epoch (trainer);
  guint paused_snapshots = snapshots (&s);
  memcpy (a, net->params, s.n_params * sizeof (float));

  /* 4. Resume on a new thread (as the app does), then cancel. */
  Run r2 = { trainer, 0, PS_TRAIN_FINISHED, NULL };
  worker = g_thread_new ("trainer", run_thread, &r2);
  wait_snapshot (&s, paused_snapshots + 6, NULL);
  ps_trainer_set_learning_rate (trainer, 0.01);
  ps_trainer_cancel (trainer);
  g_thread_join (worker);
  g_assert_no_error (r2.error);
  g_assert_cmpint (r2.status, ==, PS_TRAIN_CANCELLED);
  g_assert_cmpuint (ps_trainer_get_epoch (trainer), >=, paused_epoch);
  g_assert_true (ps_network_is_finite (net));
  g_assert_cmpfloat (max_abs_diff (a, net->params, s.n_params), >, 0.0);

  /* 5. After a cancel the trainer still works: one more epoch, here. */
  guint before = ps_trainer_get_epoch (trainer);
  PsTrainStatus st = ps_trainer_run (trainer, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (st, ==, PS_TRAIN_PAUSED);
  g_assert_cmpuint (ps_trainer_get_epoch (trainer), ==, before + 1);
  guint n_history = 0;
  const PsEpochMetrics *history = ps_trainer_get_history (trainer, &n_history);
  g_assert_cmpuint (n_history, ==, before + 1);
  for (guint k = 0; k < n_history; k++)
    {
      g_assert_cmpuint (history[k].epoch, ==, k + 1);
      g_assert_true (isfinite (history[k].loss));
    }

  g_assert_true (s.finite);
  g_assert_true (s.epochs_in_order);
  g_test_message ("%u snapshots, %u epochs", s.n_snapshots, n_history);

  ps_trainer_free (trainer);
  ps_network_free (net);
  g_free (s.params);
  g_mutex_clear (&s.lock);
  g_cond_clear (&s.cond);
}

static void
test_drive_one_thread (void)
{
  drive_trainer ("2,24:tanh,24:tanh,3:softmax", 8, 1);
}

static void
test_drive_two_threads (void)
{
  /* Wide enough for the fast path to split batches over its worker pool. */
  drive_trainer ("2,256:relu,256:relu,3:softmax", 64, 2);
}

/* Control calls racing the start and the end of runs: every run ends, with a
 * status that fits what was asked, and the trainer stays consistent. */
static void
test_racing_controls (void)
{
  g_autoptr(PsDataset) data = ps_dataset_new_generated (PS_GENERATOR_XOR, 64, 0.1, 2, NULL);
  g_autoptr(GError) error = NULL;
  PsNetwork *net = ps_network_new_from_spec ("2,4:sigmoid,1:sigmoid", &error);
  g_assert_no_error (error);
  PsRng rng;
  ps_rng_seed (&rng, 1);
  ps_network_init (net, PS_INIT_NOTEBOOK, &rng);
  PsTrainConfig config;
  ps_train_config_init (&config);
  config.batch_size = 4;
  config.epochs = 1000000;
  config.n_threads = 1;
  PsTrainer *trainer = ps_trainer_new (net, data, NULL, &config, &error);
  g_assert_no_error (error);

  guint counts[PS_TRAIN_DIVERGED + 1] = { 0 };
  for (int k = 0; k < 200; k++)
    {
      Run r = { trainer, (k % 3) + 1, PS_TRAIN_FINISHED, NULL };
      GThread *worker = g_thread_new ("trainer", run_thread, &r);
      switch (k % 4)
        {
        case 0: ps_trainer_pause (trainer); break;
        case 1: ps_trainer_cancel (trainer); break;
        case 2: ps_trainer_set_learning_rate (trainer, 0.1 + k * 0.001); break;
        default: ps_trainer_pause (trainer); ps_trainer_cancel (trainer); break;
        }
      (void) ps_trainer_get_epoch (trainer);
      g_thread_join (worker);
      g_assert_no_error (r.error);
      g_assert_true (r.status == PS_TRAIN_PAUSED || r.status == PS_TRAIN_CANCELLED);
      counts[r.status]++;
    }
  g_test_message ("paused %u, cancelled %u", counts[PS_TRAIN_PAUSED], counts[PS_TRAIN_CANCELLED]);
  /* A pending cancel or pause is not left behind for the next run once that
   * run has consumed it: a clean run of one epoch ends by its count. */
  guint before = ps_trainer_get_epoch (trainer);
  PsTrainStatus st = ps_trainer_run (trainer, 1, &error);
  g_assert_no_error (error);
  if (st != PS_TRAIN_PAUSED || ps_trainer_get_epoch (trainer) != before + 1)
    {
      /* One stale request may remain from the last iteration; the next run is clean. */
      st = ps_trainer_run (trainer, 1, &error);
      g_assert_no_error (error);
    }
  g_assert_cmpint (st, ==, PS_TRAIN_PAUSED);
  g_assert_true (ps_network_is_finite (net));

  ps_trainer_free (trainer);
  ps_network_free (net);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/threads/drive-trainer-1-thread", test_drive_one_thread);
  g_test_add_func ("/threads/drive-trainer-2-threads", test_drive_two_threads);
  g_test_add_func ("/threads/racing-controls", test_racing_controls);

  return g_test_run ();
}
