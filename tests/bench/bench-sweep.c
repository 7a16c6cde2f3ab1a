/* bench-sweep.c: a sweep's throughput on 1 worker and on 2
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The same sweep of 8 variants with 1 worker and with 2, interleaved and
 * repeated (median and fastest wall times); the ratio is the parallel
 * speed-up of variants that each train on one thread (issue 12 asks for
 * at least 1.7x on 2 cores).
 *
 *   bench-sweep [--config xor|moons|all] [--repeat N]
 *
 * xor:   the notebook's [2,3,1] sigmoid on XOR (full batch, summed, lr 0.5),
 *        seeds 1..8, 100000 epochs each;
 * moons: 2-8-8-1 tanh on 200 generated moons, SGD lr 0.1, batch 16,
 *        shuffled, seeds 1..8, 1000 epochs each.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "ps-generators.h"
#include "ps-sweep.h"

static int
cmp_double (const void *a,
            const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* user + system CPU seconds of the process so far */
static double
cpu_seconds (void)
{
  struct rusage u;

  getrusage (RUSAGE_SELF, &u);
  return u.ru_utime.tv_sec + u.ru_stime.tv_sec + (u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

/* Wall seconds of one sweep; *cpu: its CPU seconds. */
static double
run_once (const char          *layers,
          const PsTrainConfig *config,
          PsInit               init,
          PsDataset           *train,
          guint                workers,
          double              *cpu)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PsSweep) sweep = ps_sweep_new (layers, config, init, train, NULL, &error);
  g_autoptr(GArray) seeds = NULL;
  gint64 t0;

  g_assert_no_error (error);
  seeds = ps_sweep_parse_values (PS_SWEEP_SEED, "1..8", &error);
  g_assert_no_error (error);
  g_assert_true (ps_sweep_add_axis (sweep, PS_SWEEP_SEED, (PsSweepValue *) seeds->data, seeds->len, &error));
  ps_sweep_set_n_workers (sweep, workers);
  ps_sweep_set_keep (sweep, FALSE, FALSE);
  *cpu = cpu_seconds ();
  t0 = g_get_monotonic_time ();
  g_assert_true (ps_sweep_run (sweep, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  *cpu = cpu_seconds () - *cpu;
  return (g_get_monotonic_time () - t0) / (double) G_USEC_PER_SEC;
}

static void
bench (const char          *name,
       const char          *layers,
       const PsTrainConfig *config,
       PsInit               init,
       PsDataset           *train,
       guint                repeat)
{
  g_autofree double *one = g_new (double, repeat);
  g_autofree double *two = g_new (double, repeat);
  g_autofree double *cpu1 = g_new (double, repeat);
  g_autofree double *cpu2 = g_new (double, repeat);
  double epochs = 8.0 * config->epochs;

  printf ("# %s: 8 variants (seeds 1..8) of %s, %u epochs of %zu samples each, %u runs per way, "
          "%u processors\n", name, layers, config->epochs, ps_dataset_get_n_samples (train), repeat,
          g_get_num_processors ());
  fflush (stdout);
  /* interleaved, so that a busy moment of the machine falls on both ways */
  for (guint r = 0; r < repeat; r++)
    {
      one[r] = run_once (layers, config, init, train, 1, &cpu1[r]);
      two[r] = run_once (layers, config, init, train, 2, &cpu2[r]);
    }
  qsort (one, repeat, sizeof (double), cmp_double);
  qsort (two, repeat, sizeof (double), cmp_double);
  qsort (cpu1, repeat, sizeof (double), cmp_double);
  qsort (cpu2, repeat, sizeof (double), cmp_double);
  printf ("1 worker:  %8.4f s median (min %.4f, max %.4f)  %10.0f epochs/s\n",
          one[repeat / 2], one[0], one[repeat - 1], epochs / one[repeat / 2]);
  printf ("2 workers: %8.4f s median (min %.4f, max %.4f)  %10.0f epochs/s\n",
          two[repeat / 2], two[0], two[repeat - 1], epochs / two[repeat / 2]);
  printf ("%s: 2 workers vs 1: %.2fx throughput (medians), %.2fx (fastest runs)\n", name,
          one[repeat / 2] / two[repeat / 2], one[0] / two[0]);
  /* on a machine others load, the wall ratio says little: the CPU time
   * says what running in parallel costs (2.00x if nothing) */
  printf ("%s: CPU seconds, 1 worker %.4f, 2 workers %.4f (medians): 2 free cores would give %.2fx\n\n",
          name, cpu1[repeat / 2], cpu2[repeat / 2], 2.0 * cpu1[repeat / 2] / cpu2[repeat / 2]);
  fflush (stdout);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  const char *which = "all";
  guint repeat = 5;
  PsTrainConfig config;

  for (int i = 1; i + 1 < argc; i += 2)
    {
      if (g_str_equal (argv[i], "--config"))
        which = argv[i + 1];
      else if (g_str_equal (argv[i], "--repeat"))
        repeat = MAX (1, atoi (argv[i + 1]));
    }

  if (g_str_equal (which, "xor") || g_str_equal (which, "all"))
    {
      g_autoptr(PsDataset) xor = ps_dataset_new_gate ("xor", &error);

      g_assert_no_error (error);
      ps_train_config_init (&config);
      config.loss = PS_LOSS_MSE;
      config.reduction = PS_REDUCTION_SUM;
      config.optimizer.lr = 0.5;
      config.batch_size = 0;
      config.shuffle = FALSE;
      config.epochs = 100000;
      bench ("xor", "2,3:sigmoid,1:sigmoid", &config, PS_INIT_NOTEBOOK, xor, repeat);
    }
  if (g_str_equal (which, "moons") || g_str_equal (which, "all"))
    {
      g_autoptr(PsDataset) moons = ps_dataset_new_generated (PS_GENERATOR_MOONS, 200, 0.1, 1, &error);

      g_assert_no_error (error);
      ps_dataset_set_scaling (moons, PS_SCALING_UNIT, NULL);
      ps_train_config_init (&config);
      config.optimizer.lr = 0.1;
      config.batch_size = 16;
      config.epochs = 1000;
      bench ("moons", "2,8:tanh,8:tanh,1:sigmoid", &config, PS_INIT_GLOROT, moons, repeat);
    }
  return 0;
}
