/* test-notebook.c: the notebook's experiments reproduced as distributions
 * over seeds (U(−0.5, 0.5) init, full batch, sum reduction, sigmoid + MSE,
 * α as in the notebook)
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * PS_NOTEBOOK_SEEDS=N (default 100) sets the number of seeds; the measured
 * rates are printed as TAP comments. The expected rates are those of the
 * notebook's own numpy code over 1000 seeds (notebook_rates.py): [2,3,1] on
 * XOR 0.127 / 0.903 / 0.995 after 1000 / 3000 / 10000 epochs, [2,2,2,1]
 * 0.444 after 10000. Ours must lie within 4 binomial standard errors.
 * Measured with PS_NOTEBOOK_SEEDS=1000: 0.122 / 0.904 / 0.998 and 0.419; the
 * perceptron learnt and3 after 0..27 epochs (mean 12.4; numpy: 0..26, 12.7).
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>

#include "ps-trainer.h"
#include "test-util.h"
#include "ps-generators.h"

static guint n_seeds = 100;

typedef struct
{
  const PsDataset *data;
  const guint     *checkpoints;   /* epochs at which to evaluate, ascending */
  guint            n_checkpoints;
  gboolean        *learned;       /* n_checkpoints: accuracy 1 at that epoch */
  gboolean         ever_perfect;  /* any epoch's accuracy reached 1 */
} Watch;

static void
watch_progress (PsTrainer            *trainer,
                const PsEpochMetrics *m,
                gboolean              epoch_done,
                gpointer              user_data)
{
  Watch *w = user_data;

  if (m->accuracy >= 1.0)
    w->ever_perfect = TRUE;
  for (guint c = 0; c < w->n_checkpoints; c++)
    if (m->epoch == w->checkpoints[c])
      {
        double acc;

        ps_evaluate (ps_trainer_get_network (trainer), w->data, PS_LOSS_MSE,
                     NULL, &acc, NULL, NULL);
        w->learned[c] = acc >= 1.0;
        if (acc >= 1.0)
          w->ever_perfect = TRUE;
      }
}

/* Trains one seed as the notebook does; fills learned[] at the checkpoints
 * (the last is the number of epochs). Returns the number of epochs run. */
static guint
notebook_run (const char      *spec,
              const PsDataset *data,
              PsOptimizerKind  kind,
              double           alpha,
              const guint     *checkpoints,
              guint            n_checkpoints,
              guint64          seed,
              gboolean         stop_when_learned,
              gboolean        *learned,
              gboolean        *ever_perfect)
{
  PsNetwork *net = test_network_new (spec);
  PsTrainConfig config;
  PsTrainer *trainer;
  PsRng rng;
  Watch w = { data, checkpoints, n_checkpoints, learned, FALSE };
  g_autoptr (GError) error = NULL;
  guint epochs;

  ps_rng_seed (&rng, seed);
  ps_network_init (net, PS_INIT_NOTEBOOK, &rng);
  ps_train_config_init (&config);
  config.loss = PS_LOSS_MSE;
  config.reduction = PS_REDUCTION_SUM;
  ps_optimizer_config_init (&config.optimizer, kind);
  config.optimizer.lr = alpha;
  config.batch_size = 0;
  config.shuffle = FALSE;
  config.epochs = checkpoints[n_checkpoints - 1];
  config.target_accuracy = stop_when_learned ? 1.0 : 0.0;
  memset (learned, 0, sizeof (gboolean) * n_checkpoints);

  trainer = ps_trainer_new (net, (PsDataset *) data, NULL, &config, &error);
  g_assert_no_error (error);
  ps_trainer_set_progress (trainer, watch_progress, 0, &w);
  ps_trainer_run (trainer, 0, &error);
  g_assert_no_error (error);
  epochs = ps_trainer_get_epoch (trainer);
  if (stop_when_learned)
    {
      double acc;

      ps_evaluate (net, data, PS_LOSS_MSE, NULL, &acc, NULL, NULL);
      learned[n_checkpoints - 1] = acc >= 1.0;
    }
  if (ever_perfect != NULL)
    *ever_perfect = w.ever_perfect;
  ps_trainer_free (trainer);
  ps_network_free (net);
  return epochs;
}

/* |measured − expected| within z standard errors of a binomial with n seeds. */
static void
assert_rate (const char *what,
             guint       successes,
             guint       n,
             double      expected,
             double      z)
{
  double rate = (double) successes / n;
  double se = sqrt (MAX (expected * (1 - expected), 0.02) / n);

  g_test_message ("%s: %u/%u = %.3f (expected about %.3f)", what, successes, n, rate, expected);
  if (fabs (rate - expected) > z * se)
    g_error ("%s: %u of %u seeds (%.3f), the notebook's rate is about %.3f (±%.3f)",
             what, successes, n, rate, expected, z * se);
}

/* The perceptron (3,1:step, delta rule, α 0.1) learns the 3-input AND within
 * 100 epochs for every seed, typically in 8–22 epochs. */
static void
test_perceptron_and3 (void)
{
  g_autoptr (PsDataset) data = ps_dataset_new_gate ("and3", NULL);
  const guint checkpoints[] = { 100 };
  g_autofree guint *updates = g_new (guint, n_seeds);
  guint in_typical = 0;

  for (guint s = 0; s < n_seeds; s++)
    {
      gboolean learned;
      guint epochs = notebook_run ("3,1:step", data, PS_OPTIMIZER_DELTA, 0.1, checkpoints, 1,
                                   1000 + s, TRUE, &learned, NULL);

      if (!learned)
        g_error ("seed %u: the perceptron did not learn and3 in 100 epochs", 1000 + s);
      /* The last epoch saw a perfect score before its (null) update: the
       * weights were learnt after epochs − 1 updates. */
      updates[s] = epochs - 1;
      if (updates[s] >= 5 && updates[s] <= 30)
        in_typical++;
    }
  {
    guint lo = G_MAXUINT, hi = 0;
    double mean = 0;

    for (guint s = 0; s < n_seeds; s++)
      {
        lo = MIN (lo, updates[s]);
        hi = MAX (hi, updates[s]);
        mean += updates[s] / (double) n_seeds;
      }
    g_test_message ("perceptron and3: learnt after %u..%u epochs, mean %.1f", lo, hi, mean);
  }
  /* Most seeds in the notebook's "typically 8–22" neighbourhood. */
  g_assert_cmpuint (in_typical, >=, n_seeds * 3 / 4);
}

/* ...and never reaches accuracy 1 on XOR: it is not linearly separable. */
static void
test_perceptron_xor (void)
{
  g_autoptr (PsDataset) data = ps_dataset_new_gate ("xor", NULL);
  const guint checkpoints[] = { 100 };

  for (guint s = 0; s < n_seeds; s++)
    {
      gboolean learned, ever;

      notebook_run ("2,1:step", data, PS_OPTIMIZER_DELTA, 0.1, checkpoints, 1,
                    2000 + s, FALSE, &learned, &ever);
      g_assert_false (learned);
      g_assert_false (ever);
    }
}

/* The MLP [3, 2, 1] learns the 3-input OR at α 0.5 in 1000 epochs, always. */
static void
test_mlp_or3 (void)
{
  g_autoptr (PsDataset) data = ps_dataset_new_gate ("or3", NULL);
  const guint checkpoints[] = { 1000 };

  for (guint s = 0; s < n_seeds; s++)
    {
      gboolean learned;

      notebook_run ("3,2:sigmoid,1:sigmoid", data, PS_OPTIMIZER_SGD, 0.5, checkpoints, 1,
                    3000 + s, FALSE, &learned, NULL);
      if (!learned)
        g_error ("seed %u: [3, 2, 1] did not learn or3 in 1000 epochs", 3000 + s);
    }
}

/* [2, 3, 1] on XOR at α 0.5: about 1 in 8 after 1000 epochs, 9 in 10 after
 * 3000, nearly always after 10000 (rates of the notebook's code). */
static void
test_mlp_xor_231 (void)
{
  g_autoptr (PsDataset) data = ps_dataset_new_gate ("xor", NULL);
  const guint checkpoints[] = { 1000, 3000, 10000 };
  guint ok[3] = { 0, 0, 0 };

  for (guint s = 0; s < n_seeds; s++)
    {
      gboolean learned[3];

      notebook_run ("2,3:sigmoid,1:sigmoid", data, PS_OPTIMIZER_SGD, 0.5, checkpoints, 3,
                    4000 + s, FALSE, learned, NULL);
      for (int c = 0; c < 3; c++)
        ok[c] += learned[c];
    }
  assert_rate ("[2,3,1] xor after 1000 epochs", ok[0], n_seeds, 0.127, 4);
  assert_rate ("[2,3,1] xor after 3000 epochs", ok[1], n_seeds, 0.903, 4);
  assert_rate ("[2,3,1] xor after 10000 epochs", ok[2], n_seeds, 0.995, 4);
}

/* [2, 2, 2, 1] on XOR: about half after 10000 epochs. */
static void
test_mlp_xor_2221 (void)
{
  g_autoptr (PsDataset) data = ps_dataset_new_gate ("xor", NULL);
  const guint checkpoints[] = { 10000 };
  guint ok = 0;

  for (guint s = 0; s < n_seeds; s++)
    {
      gboolean learned;

      notebook_run ("2,2:sigmoid,2:sigmoid,1:sigmoid", data, PS_OPTIMIZER_SGD, 0.5,
                    checkpoints, 1, 5000 + s, FALSE, &learned, NULL);
      ok += learned;
    }
  assert_rate ("[2,2,2,1] xor after 10000 epochs", ok, n_seeds, 0.444, 4);
}

int
main (int argc, char **argv)
{
  const char *env = g_getenv ("PS_NOTEBOOK_SEEDS");

  g_test_init (&argc, &argv, NULL);
  if (env != NULL && atoi (env) > 0)
    n_seeds = (guint) atoi (env);

  g_test_add_func ("/notebook/perceptron-and3", test_perceptron_and3);
  g_test_add_func ("/notebook/perceptron-xor", test_perceptron_xor);
  g_test_add_func ("/notebook/mlp-or3", test_mlp_or3);
  g_test_add_func ("/notebook/mlp-xor-2-3-1", test_mlp_xor_231);
  g_test_add_func ("/notebook/mlp-xor-2-2-2-1", test_mlp_xor_2221);
  return g_test_run ();
}
