/* bench-bridge.c: what pacing at Max and recording the timeline cost
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The same training run three ways, interleaved and repeated (median of
 * the wall times): the trainer alone (ps_trainer_run, no callback), the
 * app's training bridge at Max with the timeline off (budget 0), and the
 * bridge at Max recording the timeline (the default 64 MB budget). The
 * bridge's cost at Max (pacing, snapshots) is the second against the
 * first; recording's is the third against the second.
 *
 *   bench-bridge [--config fashion|xor|all] [--repeat N]
 *
 * fashion: Fashion-MNIST 784-128-10 relu, SGD lr 0.1, batch 32, 2 epochs
 *          (exit 77, skip, when it is not installed);
 * xor:     the notebook's [2,3,1] sigmoid on XOR, lr 0.5, 200000 epochs.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ps-generators.h"
#include "ps-idx.h"
#include "ps-training-bridge.h"

typedef enum
{
  MODE_TRAINER,
  MODE_BRIDGE,
  MODE_BRIDGE_RECORDING,
  N_MODES
} Mode;

static const char *mode_names[N_MODES] = {
  "trainer alone",
  "bridge at Max, no timeline",
  "bridge at Max, timeline 64 MB",
};

static int
cmp_double (const void *a,
            const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* Wall seconds of one run of @config on @train from @net's weights. */
static double
run_once (Mode                 mode,
          const PsNetwork     *net,
          PsDataset           *train,
          const PsTrainConfig *config,
          guint               *n_checkpoints)
{
  g_autoptr(GError) error = NULL;
  gint64 t0;
  double secs;

  *n_checkpoints = 0;
  if (mode == MODE_TRAINER)
    {
      PsNetwork *copy = ps_network_copy (net);
      PsTrainer *trainer = ps_trainer_new (copy, train, NULL, config, &error);

      g_assert_no_error (error);
      t0 = g_get_monotonic_time ();
      ps_trainer_run (trainer, 0, &error);
      secs = (g_get_monotonic_time () - t0) / (double) G_USEC_PER_SEC;
      g_assert_no_error (error);
      ps_trainer_free (trainer);
      ps_network_free (copy);
    }
  else
    {
      PsTrainingBridge *bridge = ps_training_bridge_new ();

      ps_training_bridge_set_speed (bridge, 0);
      ps_training_bridge_set_timeline_budget (bridge, mode == MODE_BRIDGE ? 0 : PS_TIMELINE_DEFAULT_BUDGET);
      ps_training_bridge_set_config (bridge, config);
      ps_training_bridge_set_model (bridge, net, train, NULL, NULL);
      t0 = g_get_monotonic_time ();
      g_assert_true (ps_training_bridge_start (bridge, 0, &error));
      while (ps_training_bridge_is_running (bridge) || ps_training_bridge_has_thread (bridge))
        g_main_context_iteration (NULL, TRUE);
      secs = (g_get_monotonic_time () - t0) / (double) G_USEC_PER_SEC;
      g_assert_cmpuint (ps_training_bridge_get_epoch (bridge), ==, config->epochs);
      *n_checkpoints = ps_timeline_get_n (ps_training_bridge_get_timeline (bridge));
      g_object_unref (bridge);
    }
  return secs;
}

static void
bench (const char          *name,
       const PsNetwork     *net,
       PsDataset           *train,
       const PsTrainConfig *config,
       guint                repeat)
{
  double *secs[N_MODES];
  guint checkpoints[N_MODES] = { 0 };
  double median[N_MODES];
  double best[N_MODES];

  printf ("# %s: %u epochs of %zu samples, %zu parameters, %u runs per way\n", name,
          config->epochs, ps_dataset_get_n_samples (train), net->n_params, repeat);
  fflush (stdout);
  for (guint m = 0; m < N_MODES; m++)
    secs[m] = g_new (double, repeat);
  /* interleaved, so that a busy moment of the machine falls on every way */
  for (guint r = 0; r < repeat; r++)
    for (guint m = 0; m < N_MODES; m++)
      secs[m][r] = run_once (m, net, train, config, &checkpoints[m]);
  for (guint m = 0; m < N_MODES; m++)
    {
      qsort (secs[m], repeat, sizeof (double), cmp_double);
      median[m] = secs[m][repeat / 2];
      best[m] = secs[m][0];
      printf ("%-32s %9.4f s  (min %.4f, max %.4f)  %u checkpoints\n", mode_names[m],
              median[m], secs[m][0], secs[m][repeat - 1], checkpoints[m]);
      g_free (secs[m]);
    }
  /* the fastest run of each way is the least disturbed by the rest of a
   * shared machine: both ratios are printed */
  printf ("%s: bridge at Max vs trainer alone: %+.2f %% (medians), %+.2f %% (fastest runs)\n", name,
          100.0 * (median[MODE_BRIDGE] / median[MODE_TRAINER] - 1),
          100.0 * (best[MODE_BRIDGE] / best[MODE_TRAINER] - 1));
  printf ("%s: recording the timeline: %+.2f %% (medians), %+.2f %% (fastest runs)\n\n", name,
          100.0 * (median[MODE_BRIDGE_RECORDING] / median[MODE_BRIDGE] - 1),
          100.0 * (best[MODE_BRIDGE_RECORDING] / best[MODE_BRIDGE] - 1));
  fflush (stdout);
}

static int
bench_fashion (guint repeat)
{
  g_autoptr(GError) error = NULL;
  PsDataset *train;
  PsNetwork *net;
  PsTrainConfig config;
  PsRng rng;

  train = ps_dataset_load_idx_dir (ps_dataset_fashion_mnist_dir (), FALSE, NULL, NULL, NULL, &error);
  if (train == NULL)
    {
      printf ("# fashion: skipped: %s\n", error->message);
      return 77;
    }
  ps_dataset_set_scaling (train, PS_SCALING_UNIT, NULL);
  net = ps_network_new_from_spec ("784,128:relu,10:softmax", &error);
  g_assert_no_error (error);
  ps_rng_seed (&rng, 1);
  ps_network_init (net, PS_INIT_GLOROT, &rng);
  ps_network_set_loss (net, PS_LOSS_CROSS_ENTROPY);
  ps_network_adopt_dataset (net, train);

  ps_train_config_init (&config);
  config.loss = PS_LOSS_CROSS_ENTROPY;
  config.reduction = PS_REDUCTION_MEAN;
  ps_optimizer_config_init (&config.optimizer, PS_OPTIMIZER_SGD);
  config.optimizer.lr = 0.1;
  config.batch_size = 32;
  config.epochs = 2;
  config.shuffle = TRUE;
  config.seed = 1;

  bench ("fashion 784-128-10 sgd batch 32", net, train, &config, repeat);
  ps_network_free (net);
  ps_dataset_unref (train);
  return 0;
}

static int
bench_xor (guint repeat)
{
  g_autoptr(GError) error = NULL;
  PsDataset *train = ps_dataset_new_gate ("xor", &error);
  PsNetwork *net;
  PsTrainConfig config;
  PsRng rng;

  g_assert_no_error (error);
  net = ps_network_new_from_spec ("2,3:sigmoid,1:sigmoid", &error);
  g_assert_no_error (error);
  ps_rng_seed (&rng, 1);
  ps_network_init (net, PS_INIT_NOTEBOOK, &rng);
  ps_network_set_loss (net, PS_LOSS_MSE);
  ps_network_adopt_dataset (net, train);

  ps_train_config_init (&config);
  config.loss = PS_LOSS_MSE;
  config.reduction = PS_REDUCTION_SUM;
  ps_optimizer_config_init (&config.optimizer, PS_OPTIMIZER_SGD);
  config.optimizer.lr = 0.5;
  config.batch_size = 1;
  config.epochs = 200000;
  config.shuffle = FALSE;

  bench ("xor [2,3,1] online", net, train, &config, repeat);
  ps_network_free (net);
  ps_dataset_unref (train);
  return 0;
}

int
main (int   argc,
      char *argv[])
{
  const char *which = "all";
  guint repeat = 5;
  int rc = 0;

  for (int i = 1; i + 1 < argc; i += 2)
    {
      if (strcmp (argv[i], "--config") == 0)
        which = argv[i + 1];
      else if (strcmp (argv[i], "--repeat") == 0)
        repeat = MAX (1, atoi (argv[i + 1]));
    }
  if (strcmp (which, "xor") == 0 || strcmp (which, "all") == 0)
    rc = bench_xor (repeat);
  if (strcmp (which, "fashion") == 0 || strcmp (which, "all") == 0)
    {
      int r = bench_fashion (repeat);

      if (strcmp (which, "fashion") == 0)
        rc = r;
    }
  return rc;
}
