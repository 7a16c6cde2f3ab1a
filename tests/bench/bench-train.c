/* bench-train.c: training speed on Fashion-MNIST (a benchmark, not a test)
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Trains the three configurations on the 60k Fashion-MNIST training
 * images (Glorot init, inputs scaled to [0, 1], cross-entropy, shuffled) and
 * prints, per configuration, the median seconds per epoch, samples/s,
 * achieved GFLOP/s and the peak resident memory of the process that trained
 * it. Each configuration runs in its own process, so its peak RSS is
 * its own (the dataset included).
 *
 * FLOPs follow the issue: 2·m·n·k for each GEMM a batch really runs, i.e.
 * forward and weight gradient of every layer, input gradient of all but the
 * first (784-128-10: 24.5 GFLOP per 60k epoch).
 *
 *   bench-train [--config a|b|c|all] [--epochs N] [--threads N] [--seed S]
 *
 * Exit 77 (skip) when Fashion-MNIST is not installed.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "ps-dataset.h"
#include "ps-idx.h"
#include "ps-network.h"
#include "ps-trainer.h"

typedef struct
{
  const char     *name;
  const char     *layers;
  PsOptimizerKind optimizer;
  double          lr;
  guint           batch;
  const char     *torch_args;   /* the same run for torch_mlp.py */
} BenchConfig;

static const BenchConfig configs[] = {
  { "a", "784,128:relu,10:softmax", PS_OPTIMIZER_SGD, 0.1, 32,
    "--arch 784-128-10 --act relu --opt sgd --lr 0.1 --batch 32" },
  { "b", "784,256:relu,128:relu,10:softmax", PS_OPTIMIZER_ADAM, 0.001, 128,
    "--arch 784-256-128-10 --act relu --opt adam --lr 0.001 --batch 128" },
  { "c", "784,5:sigmoid,5:sigmoid,10:softmax", PS_OPTIMIZER_SGD, 0.01, 32,
    "--arch 784-5-5-10 --act sigmoid --opt sgd --lr 0.01 --batch 32" },
};

static int
cmp_double (const void *a,
            const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* FLOPs of one sample through forward and backward, the way. */
static double
flops_per_sample (const PsNetwork *net)
{
  double f = 0.0;

  for (guint l = 0; l < net->n_layers; l++)
    {
      double w = (double) net->layers[l].inputs * net->layers[l].units;

      f += 2.0 * w * (l == 0 ? 2.0 : 3.0);
    }
  return f;
}

/* CPU time of the process (all threads), seconds. */
static double
cpu_seconds (void)
{
  struct rusage ru;

  getrusage (RUSAGE_SELF, &ru);
  return ru.ru_utime.tv_sec + ru.ru_stime.tv_sec
         + (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) * 1e-6;
}

static int
run_config (const BenchConfig *bc,
            guint              epochs,
            guint              threads,
            guint64            seed)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PsDataset) train = NULL;
  g_autoptr (PsDataset) test = NULL;
  PsNetwork *net;
  PsTrainer *trainer;
  PsTrainConfig config;
  PsRng rng;
  const PsEpochMetrics *hist;
  guint n_hist = 0;
  double *secs, *cpu, median, test_loss = 0.0, test_acc = 0.0;
  struct rusage ru;
  const char *dir = ps_dataset_fashion_mnist_dir ();

  train = ps_dataset_load_idx_dir (dir, FALSE, NULL, NULL, NULL, &error);
  if (train == NULL)
    {
      fprintf (stderr, "bench-train: %s\n", error->message);
      return 1;
    }
  test = ps_dataset_load_idx_dir (dir, TRUE, NULL, NULL, NULL, &error);
  if (test == NULL)
    {
      fprintf (stderr, "bench-train: %s\n", error->message);
      return 1;
    }
  ps_dataset_set_scaling (train, PS_SCALING_UNIT, NULL);
  ps_dataset_set_scaling (test, PS_SCALING_UNIT, train);

  net = ps_network_new_from_spec (bc->layers, &error);
  g_assert_no_error (error);
  ps_rng_seed (&rng, seed);
  ps_network_init (net, PS_INIT_GLOROT, &rng);

  ps_train_config_init (&config);
  config.loss = PS_LOSS_CROSS_ENTROPY;
  config.reduction = PS_REDUCTION_MEAN;
  ps_optimizer_config_init (&config.optimizer, bc->optimizer);
  config.optimizer.lr = bc->lr;
  config.batch_size = bc->batch;
  config.epochs = epochs;
  config.shuffle = TRUE;
  config.seed = seed;
  config.n_threads = threads;

  trainer = ps_trainer_new (net, train, NULL, &config, &error);
  if (trainer == NULL)
    {
      fprintf (stderr, "bench-train: %s\n", error->message);
      return 1;
    }
  printf ("# config %s: %s, %s lr %g, batch %u, %u epochs, threads %u (0: automatic)\n",
          bc->name, bc->layers, ps_optimizer_kind_to_string (bc->optimizer), bc->lr,
          bc->batch, epochs, threads);
  fflush (stdout);
  secs = g_new (double, epochs);
  cpu = g_new (double, epochs);
  for (guint e = 0; e < epochs; e++)
    {
      double c0 = cpu_seconds ();
      PsTrainStatus status = ps_trainer_run (trainer, 1, &error);

      cpu[e] = cpu_seconds () - c0;
      if (status != (e + 1 < epochs ? PS_TRAIN_PAUSED : PS_TRAIN_FINISHED))
        {
          fprintf (stderr, "bench-train: training stopped early: %s\n",
                   error != NULL ? error->message : "(no error)");
          return 1;
        }
      hist = ps_trainer_get_history (trainer, &n_hist);
      g_assert (n_hist == e + 1);
      secs[e] = hist[e].seconds;
      printf ("epoch %u: %.3f s  (%.0f samples/s, CPU %.3f s)  loss %.4f  accuracy %.4f\n",
              hist[e].epoch, hist[e].seconds, ps_dataset_get_n_samples (train) / hist[e].seconds, cpu[e],
              hist[e].loss, hist[e].accuracy);
    }
  qsort (secs, epochs, sizeof (double), cmp_double);
  qsort (cpu, epochs, sizeof (double), cmp_double);
  median = secs[epochs / 2];
  ps_evaluate (net, test, PS_LOSS_CROSS_ENTROPY, &test_loss, &test_acc, NULL, NULL);

  getrusage (RUSAGE_SELF, &ru);
  printf ("RESULT config=%s s_per_epoch=%.4f samples_per_s=%.0f gflops=%.1f "
          "peak_rss_mb=%.1f test_accuracy=%.4f cpu_s_per_epoch=%.4f threads=%u\n",
          bc->name, median, ps_dataset_get_n_samples (train) / median,
          flops_per_sample (net) * ps_dataset_get_n_samples (train) / median * 1e-9,
          ru.ru_maxrss / 1024.0, test_acc, cpu[epochs / 2], threads);
  printf ("TORCH config=%s %s\n", bc->name, bc->torch_args);
  fflush (stdout);

  g_free (secs);
  g_free (cpu);
  ps_trainer_free (trainer);
  ps_network_free (net);
  return 0;
}

int
main (int    argc,
      char **argv)
{
  const char *which = "all";
  guint epochs = 3, threads = 0;
  guint64 seed = 0;
  int status = 0;

  for (int i = 1; i < argc; i++)
    {
      if (strcmp (argv[i], "--config") == 0 && i + 1 < argc)
        which = argv[++i];
      else if (strcmp (argv[i], "--epochs") == 0 && i + 1 < argc)
        epochs = (guint) CLAMP (strtol (argv[i + 1], NULL, 10), 1, 100000), i++;
      else if (strcmp (argv[i], "--threads") == 0 && i + 1 < argc)
        threads = (guint) CLAMP (strtol (argv[i + 1], NULL, 10), 0, 1024), i++;
      else if (strcmp (argv[i], "--seed") == 0 && i + 1 < argc)
        seed = g_ascii_strtoull (argv[++i], NULL, 10);
      else
        {
          fprintf (stderr, "usage: %s [--config a|b|c|all] [--epochs N] [--threads N] [--seed S]\n",
                   argv[0]);
          return 2;
        }
    }

  if (ps_dataset_fashion_mnist_dir () == NULL)
    {
      printf ("# SKIP: Fashion-MNIST not found (apt-get install dataset-fashion-mnist)\n");
      return 77;
    }

  if (strcmp (which, "all") != 0)
    {
      for (guint c = 0; c < G_N_ELEMENTS (configs); c++)
        if (strcmp (which, configs[c].name) == 0)
          return run_config (&configs[c], epochs, threads, seed);
      fprintf (stderr, "bench-train: unknown config '%s' (a, b, c or all)\n", which);
      return 2;
    }

  for (guint c = 0; c < G_N_ELEMENTS (configs); c++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *n_epochs = g_strdup_printf ("%u", epochs);
      g_autofree char *n_threads = g_strdup_printf ("%u", threads);
      g_autofree char *n_seed = g_strdup_printf ("%" G_GUINT64_FORMAT, seed);
      const char *child_argv[] = { argv[0], "--config", configs[c].name, "--epochs", n_epochs,
                                   "--threads", n_threads, "--seed", n_seed, NULL };
      int wait_status = 0;

      /* A fresh process per configuration: its peak RSS is its own. */
      fflush (stdout);
      if (!g_spawn_sync (NULL, (char **) child_argv, NULL, G_SPAWN_CHILD_INHERITS_STDIN,
                         NULL, NULL, NULL, NULL, &wait_status, &error)
          || !g_spawn_check_wait_status (wait_status, &error))
        {
          fprintf (stderr, "bench-train: config %s failed: %s\n", configs[c].name,
                   error->message);
          status = 1;
        }
    }
  return status;
}
