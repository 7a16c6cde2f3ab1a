/* test-fast-path.c: the small-GEMM kernels and the trainer's fast path
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The kernels against the naive GEMM (every epilogue, every edge width, k
 * slices); the byte gather against the dataset's own; training on the fast
 * path against the plain path (same arithmetic but the dot products' order:
 * close), and on 1, 2 and 3 threads (the same bits).
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "ps-gemm.h"
#include "ps-kernels.h"
#include "ps-network-private.h"
#include "ps-optimizer-private.h"
#include "ps-trainer-private.h"

static float *
random_floats (PsRng *rng,
               gsize  n,
               double zero_fraction)
{
  float *p = g_new (float, MAX (n, 1));

  for (gsize i = 0; i < n; i++)
    p[i] = ps_rng_uniform (rng) < zero_fraction ? 0.0f : (float) ps_rng_range (rng, -1.0, 1.0);
  return p;
}

/* The epilogue as the scalar code of ps-network.c computes it. */
static float
reference_epilogue (const PsEpilogue *e,
                    float             acc,
                    float             y,
                    int               j)
{
  float z;

  switch (e->kind)
    {
    case PS_EPILOGUE_BIAS_ACT:
      ps_network_bias_activation (&acc, 1, e->bias + j, e->act, 1, 1);
      return acc;
    case PS_EPILOGUE_DERIV:
      z = acc;
      ps_network_activation_backward (&z, &y, e->act, 1, 1);
      return z;
    default:
      return acc;
    }
}

static void
check_gemm (PsRng            *rng,
            gboolean          a_trans,
            int               m,
            int               n,
            int               n0,
            int               n1,
            int               k,
            PsEpilogueKind    kind,
            PsActivation      act)
{
  g_autofree float *a = random_floats (rng, (gsize) m * k, 0.3);
  g_autofree float *b = random_floats (rng, (gsize) k * n, 0.0);
  g_autofree float *bias = random_floats (rng, n, 0.0);
  g_autofree float *y = random_floats (rng, (gsize) m * n, 0.2);
  g_autofree float *c = g_new (float, (gsize) m * n);
  g_autofree float *ref = g_new (float, (gsize) m * n);
  PsEpilogue e = { kind, act, bias, y, n };
  int lda = a_trans ? m : k;

  /* Sigmoid/tanh derivatives are taken from outputs in their range. */
  for (int i = 0; i < m * n; i++)
    y[i] = act == PS_ACTIVATION_SIGMOID ? 0.5f + 0.5f * y[i] : y[i];
  for (int i = 0; i < m * n; i++)
    c[i] = ref[i] = 1234.5f;   /* columns outside [n0, n1) stay as they are */

  ps_gemm_naive (a_trans, FALSE, m, n, k, 1.0f, a, lda, b, n, 0.0f, ref, n);
  ps_kernel_gemm (a_trans, m, n0, n1, k, a, lda, b, n, c, n, &e);

  for (int i = 0; i < m; i++)
    for (int j = 0; j < n; j++)
      {
        float got = c[i * n + j];

        if (j < n0 || j >= n1)
          {
            g_assert_cmpfloat (got, ==, 1234.5f);
            continue;
          }
        {
          float acc = ref[i * n + j];
          float want = reference_epilogue (&e, acc, y[i * n + j], j);
          double tol = 1e-5 * (1.0 + sqrt ((double) k));

          /* A threshold right at the sum's rounding may go either way. */
          if ((act == PS_ACTIVATION_STEP || act == PS_ACTIVATION_RELU)
              && kind == PS_EPILOGUE_BIAS_ACT && fabsf (acc + bias[j]) < 1e-4f)
            continue;
          if (fabs ((double) got - want) > tol)
            g_error ("%c m %d n %d [%d, %d) k %d epilogue %d act %s: c[%d, %d] = %.9g, want %.9g",
                     a_trans ? 'T' : 'N', m, n, n0, n1, k, kind,
                     ps_activation_to_string (act), i, j, got, want);
        }
      }
}

static void
test_kernels (void)
{
  static const struct { PsEpilogueKind kind; PsActivation act; } epilogues[] = {
    { PS_EPILOGUE_STORE, PS_ACTIVATION_LINEAR },
    { PS_EPILOGUE_BIAS_ACT, PS_ACTIVATION_LINEAR },
    { PS_EPILOGUE_BIAS_ACT, PS_ACTIVATION_RELU },
    { PS_EPILOGUE_BIAS_ACT, PS_ACTIVATION_STEP },
    { PS_EPILOGUE_DERIV, PS_ACTIVATION_LINEAR },
    { PS_EPILOGUE_DERIV, PS_ACTIVATION_STEP },
    { PS_EPILOGUE_DERIV, PS_ACTIVATION_RELU },
    { PS_EPILOGUE_DERIV, PS_ACTIVATION_SIGMOID },
    { PS_EPILOGUE_DERIV, PS_ACTIVATION_TANH },
  };
  static const int ks[] = { 0, 1, 7, 256, 300, 784 };
  PsRng rng;

  if (!ps_kernels_available ())
    {
      g_test_skip ("no AVX2/FMA on this CPU: the fast path is off");
      return;
    }
  ps_rng_seed (&rng, 42);
  for (int trans = 0; trans < 2; trans++)
    for (guint e = 0; e < G_N_ELEMENTS (epilogues); e++)
      for (int n = 1; n <= 40; n += (n < 18 ? 1 : 7))
        {
          int m = 1 + (int) ps_rng_below (&rng, 20);
          int k = ks[ps_rng_below (&rng, G_N_ELEMENTS (ks))];

          check_gemm (&rng, trans, m, n, 0, n, k, epilogues[e].kind, epilogues[e].act);
          /* A column range inside, starting on a 16-column boundary (as the
           * threads' ranges do) or anywhere. */
          if (n > 17)
            {
              check_gemm (&rng, trans, m, n, 16, n - 1, k, epilogues[e].kind, epilogues[e].act);
              check_gemm (&rng, trans, m, n, 3, n, k, epilogues[e].kind, epilogues[e].act);
            }
        }
  /* The shapes of a 784-128-10 step at batch 32. */
  check_gemm (&rng, FALSE, 32, 128, 64, 128, 784, PS_EPILOGUE_BIAS_ACT, PS_ACTIVATION_RELU);
  check_gemm (&rng, TRUE, 784, 128, 0, 64, 32, PS_EPILOGUE_STORE, PS_ACTIVATION_LINEAR);
  check_gemm (&rng, FALSE, 32, 128, 0, 128, 10, PS_EPILOGUE_DERIV, PS_ACTIVATION_RELU);
  /* Batch 128: the weight gradient packs A (several groups of columns). */
  check_gemm (&rng, TRUE, 200, 100, 16, 100, 128, PS_EPILOGUE_STORE, PS_ACTIVATION_LINEAR);
  check_gemm (&rng, FALSE, 128, 100, 0, 100, 300, PS_EPILOGUE_BIAS_ACT, PS_ACTIVATION_RELU);
}

/* The optimizer applied in the weight gradient's epilogue against
 * ps_optimizer_step() on the stored gradient: the same operations, so the
 * same bits (GCC, which does not contract a·b + c; clang may, in the scalar
 * code: then 2 ulp). */
static void
test_fused_optimizer (void)
{
  static const struct { PsOptimizerKind kind; double lr, l2; } rules[] = {
    { PS_OPTIMIZER_SGD, 0.1, 0.0 },
    { PS_OPTIMIZER_SGD, 0.05, 0.01 },
    { PS_OPTIMIZER_DELTA, 0.1, 0.0 },
    { PS_OPTIMIZER_ADAM, 0.001, 0.0 },
    { PS_OPTIMIZER_ADAM, 0.01, 0.1 },
  };
  PsRng rng;

  if (!ps_kernels_available ())
    {
      g_test_skip ("no AVX2/FMA on this CPU: the fast path is off");
      return;
    }
  ps_rng_seed (&rng, 17);
  for (guint r = 0; r < G_N_ELEMENTS (rules); r++)
    {
      /* Parameters: a 37 × 29 matrix after 5 others (offset ≠ 0). */
      int K = 37, N = 29, B = 19;
      gsize off = 5, n = off + (gsize) K * N;
      g_autofree float *x = random_floats (&rng, (gsize) B * K, 0.3);
      g_autofree float *dz = random_floats (&rng, (gsize) B * N, 0.0);
      g_autofree float *p1 = random_floats (&rng, n, 0.0);
      g_autofree float *p2 = g_memdup2 (p1, sizeof (float) * n);
      g_autofree float *grad = g_new0 (float, n);
      PsOptimizerConfig config;
      PsOptimizer *o1, *o2;
      PsFusedStep fused;

      ps_optimizer_config_init (&config, rules[r].kind);
      config.lr = rules[r].lr;
      config.l2 = rules[r].l2;
      o1 = ps_optimizer_new (&config, n);
      o2 = ps_optimizer_new (&config, n);
      for (int step = 0; step < 3; step++)
        {
          PsEpilogue e = { PS_EPILOGUE_OPTIMIZER, PS_ACTIVATION_LINEAR, NULL, NULL, 0,
                           &fused, off };

          for (int i = 0; i < B * N; i++)
            dz[i] = (float) ps_rng_range (&rng, -1.0, 1.0);
          /* Reference: the gradient stored, then one step. */
          ps_kernel_gemm (TRUE, K, 0, N, B, x, K, dz, N, grad + off, N, NULL);
          ps_optimizer_step (o1, p1, grad);
          /* Fused, in two column ranges as two threads would. */
          ps_optimizer_begin_step (o2);
          ps_optimizer_get_fused (o2, &fused);
          g_assert_cmpint (fused.kind, !=, PS_FUSED_NONE);
          ps_kernel_gemm (TRUE, K, 0, 16, B, x, K, dz, N, p2 + off, N, &e);
          ps_kernel_gemm (TRUE, K, 16, N, B, x, K, dz, N, p2 + off, N, &e);
          /* (Weight decay moves the 5 before C in the reference only.) */
          for (gsize i = off; i < n; i++)
            {
#if defined(__GNUC__) && !defined(__clang__)
              g_assert_cmpfloat (p1[i], ==, p2[i]);
#else
              g_assert_cmpfloat (fabsf (p1[i] - p2[i]), <=, 2.5e-7f * MAX (1.0f, fabsf (p1[i])));
#endif
            }
        }
      ps_optimizer_free (o1);
      ps_optimizer_free (o2);
    }
}

static void
test_transpose_gather (void)
{
  PsRng rng;
  g_autoptr (PsDataset) d = NULL;
  g_autofree float *src = NULL, *dst = NULL, *x1 = NULL, *x2 = NULL;
  guint32 idx[37];

  ps_rng_seed (&rng, 7);
  src = random_floats (&rng, 13 * 21, 0.0);
  dst = g_new0 (float, 21 * 13);
  ps_kernel_transpose (dst, 13, src, 21, 13, 21);
  for (int i = 0; i < 13; i++)
    for (int j = 0; j < 21; j++)
      g_assert_cmpfloat (dst[j * 13 + i], ==, src[i * 21 + j]);

  /* Every byte value, odd widths: the same floats as the dataset's gather. */
  d = ps_dataset_new_u8 ("bytes", 50, 29, 2);
  for (gsize i = 0; i < 50 * 29; i++)
    ps_dataset_get_x_u8_writable (d)[i] = (guint8) (i < 256 ? i : ps_rng_below (&rng, 256));
  ps_dataset_set_scaling (d, PS_SCALING_UNIT, NULL);
  for (guint r = 0; r < G_N_ELEMENTS (idx); r++)
    idx[r] = r < 10 ? r : ps_rng_below (&rng, 50);
  x1 = g_new (float, G_N_ELEMENTS (idx) * 29);
  x2 = g_new (float, G_N_ELEMENTS (idx) * 29);
  ps_dataset_gather (d, idx, 0, G_N_ELEMENTS (idx), x1, NULL);
  ps_kernel_gather_u8_unit (x2, ps_dataset_get_x_u8 (d), 29, idx, G_N_ELEMENTS (idx));
  g_assert_cmpmem (x1, G_N_ELEMENTS (idx) * 29 * sizeof (float),
                   x2, G_N_ELEMENTS (idx) * 29 * sizeof (float));

  /* Every byte value through the vector loop (a row of 256: no tail). */
  {
    g_autoptr (PsDataset) d256 = ps_dataset_new_u8 ("bytes", 1, 256, 2);
    float y1[256], y2[256];
    guint32 zero = 0;

    for (guint i = 0; i < 256; i++)
      ps_dataset_get_x_u8_writable (d256)[i] = (guint8) i;
    ps_dataset_set_scaling (d256, PS_SCALING_UNIT, NULL);
    ps_dataset_gather (d256, &zero, 0, 1, y1, NULL);
    ps_kernel_gather_u8_unit (y2, ps_dataset_get_x_u8 (d256), 256, &zero, 1);
    for (guint i = 0; i < 256; i++)
      {
        g_assert_cmpfloat (y1[i], ==, (float) i / 255.0f);
        g_assert_cmpfloat (y2[i], ==, y1[i]);
      }
  }
}

/* Column sums (bias gradients): the scalar loop's sums, bit for bit, for
 * column ranges that start and end off the vector boundaries. */
static void
test_column_sums (void)
{
  PsRng rng;
  g_autofree float *m = NULL;
  const int rows = 37, ld = 53;

  ps_rng_seed (&rng, 11);
  m = random_floats (&rng, rows * ld, 0.0);
  for (int c0 = 0; c0 < 12; c0 += 3)
    for (int c1 = c0 + 1; c1 <= 50; c1 += 7)
      {
        float got[64], want[64];

        for (int j = c0; j < c1; j++)
          {
            want[j - c0] = 0.0f;
            for (int r = 0; r < rows; r++)
              want[j - c0] += m[r * ld + j];
          }
        memset (got, 0xff, sizeof got);
        ps_kernel_column_sums (got, m, ld, rows, c0, c1);
        g_assert_cmpmem (got, (c1 - c0) * sizeof (float), want, (c1 - c0) * sizeof (float));
        /* Nothing written past c1 − c0. */
        g_assert_cmpuint (((guint32 *) got)[c1 - c0], ==, 0xffffffffu);
      }
}

/* ---- training: fast path vs plain path, threads ---------------------------- */

static PsNetwork *
test_net (const char *spec,
          PsRng      *rng)
{
  g_autoptr (GError) error = NULL;
  PsNetwork *net = ps_network_new_from_spec (spec, &error);

  g_assert_no_error (error);
  ps_network_init (net, PS_INIT_GLOROT, rng);
  return net;
}

typedef struct
{
  const char      *spec;
  PsLoss           loss;
  PsReduction      reduction;
  PsOptimizerKind  optimizer;
  double           lr;
  double           l2;
  guint            batch;
  gboolean         bytes;      /* u8 features scaled to [0, 1], with zeros */
  guint            n_features;
} Case;

static PsDataset *
case_dataset (const Case *c,
              PsRng      *rng,
              gsize       n)
{
  guint n_out = 0;
  PsDataset *d;
  const char *last = strrchr (c->spec, ',');

  n_out = (guint) g_ascii_strtoull (last + 1, NULL, 10);
  n_out = MAX (n_out, 2u);
  if (c->bytes)
    {
      d = ps_dataset_new_u8 ("bytes", n, c->n_features, n_out);
      for (gsize i = 0; i < n * c->n_features; i++)
        ps_dataset_get_x_u8_writable (d)[i] = ps_rng_uniform (rng) < 0.5 ? 0 : (guint8) ps_rng_below (rng, 256);
      ps_dataset_set_scaling (d, PS_SCALING_UNIT, NULL);
    }
  else
    {
      d = ps_dataset_new ("floats", n, c->n_features, n_out);
      for (gsize i = 0; i < n * c->n_features; i++)
        ps_dataset_get_x_writable (d)[i] = (float) ps_rng_range (rng, -1.0, 1.0);
    }
  /* Labels that depend on the features, so that training has something to
   * learn (and the gradients do not vanish). */
  for (gsize i = 0; i < n; i++)
    {
      double s = 0.0;

      for (guint j = 0; j < 8 && j < c->n_features; j++)
        s += ps_dataset_get (d, i, j) * (j % 2 ? 1.0 : -1.0);
      ps_dataset_get_labels_writable (d)[i] = (guint32) (fabs (s * 3.0)) % n_out;
    }
  return d;
}

/* Trains a copy of net on data; threads 0: the plain path. Returns the
 * trained copy; *loss gets the last epoch's loss. */
static PsNetwork *
train_copy (const PsNetwork *net,
            PsDataset       *data,
            const Case      *c,
            guint            threads,
            double          *loss)
{
  g_autoptr (GError) error = NULL;
  PsNetwork *copy = ps_network_copy (net);
  PsTrainConfig config;
  PsTrainer *trainer;
  const PsEpochMetrics *history;
  guint n_epochs = 0;

  ps_train_config_init (&config);
  config.loss = c->loss;
  config.reduction = c->reduction;
  ps_optimizer_config_init (&config.optimizer, c->optimizer);
  config.optimizer.lr = c->lr;
  config.optimizer.l2 = c->l2;
  config.batch_size = c->batch;
  config.epochs = 2;
  config.seed = 5;
  trainer = ps_trainer_new (copy, data, NULL, &config, &error);
  g_assert_no_error (error);
  if (threads == 0)
    g_assert_false (ps_trainer_use_fast_path (trainer, FALSE, 0));
  else
    {
      g_assert_true (ps_trainer_use_fast_path (trainer, TRUE, threads));
      g_assert_cmpuint (ps_trainer_fast_path_threads (trainer), ==, threads);
    }
  g_assert_cmpint (ps_trainer_run (trainer, 0, &error), ==, PS_TRAIN_FINISHED);
  g_assert_no_error (error);
  history = ps_trainer_get_history (trainer, &n_epochs);
  g_assert_cmpuint (n_epochs, ==, 2);
  *loss = history[1].loss;
  ps_trainer_free (trainer);
  return copy;
}

static void
test_training (gconstpointer user_data)
{
  const Case *c = user_data;
  PsRng rng;
  g_autoptr (PsDataset) data = NULL;
  PsNetwork *net, *plain, *fast[3], *stolen;
  double plain_loss, fast_loss[3], stolen_loss, max_diff = 0.0, max_param = 0.0;

  if (!ps_kernels_available ())
    {
      g_test_skip ("no AVX2/FMA on this CPU: the fast path is off");
      return;
    }
  ps_rng_seed (&rng, 99);
  /* 7 full batches and a short one. */
  data = case_dataset (c, &rng, 7 * c->batch + c->batch / 3);
  net = test_net (c->spec, &rng);

  plain = train_copy (net, data, c, 0, &plain_loss);
  for (guint t = 0; t < 3; t++)
    fast[t] = train_copy (net, data, c, t + 1, &fast_loss[t]);

  /* Any number of threads: the same bits. */
  for (guint t = 1; t < 3; t++)
    {
      g_assert_cmpmem (fast[0]->params, fast[0]->n_params * sizeof (float),
                       fast[t]->params, fast[t]->n_params * sizeof (float));
      g_assert_cmpfloat (fast_loss[0], ==, fast_loss[t]);
    }
  /* And whoever computes a chunk: with thread 0 owning all of them, the
   * other two steal theirs on every batch. */
  g_setenv ("PS_TRAIN_FAST_DEBUG", "lopsided", TRUE);
  stolen = train_copy (net, data, c, 3, &stolen_loss);
  g_unsetenv ("PS_TRAIN_FAST_DEBUG");
  g_assert_cmpmem (fast[0]->params, fast[0]->n_params * sizeof (float),
                   stolen->params, stolen->n_params * sizeof (float));
  g_assert_cmpfloat (fast_loss[0], ==, stolen_loss);
  ps_network_free (stolen);

  /* Against the plain path: only the sums' rounding differs, and 16 steps
   * do not amplify it much. */
  for (gsize i = 0; i < net->n_params; i++)
    {
      max_diff = MAX (max_diff, fabs ((double) fast[0]->params[i] - plain->params[i]));
      max_param = MAX (max_param, fabs ((double) plain->params[i]));
    }
  g_test_message ("%s: max |fast − plain| %.3g (max |param| %.3g), loss %.6f vs %.6f",
                  c->spec, max_diff, max_param, fast_loss[0], plain_loss);
  g_assert_cmpfloat (max_diff, <=, 1e-4 * MAX (max_param, 1.0));
  g_assert_cmpfloat (fabs (fast_loss[0] - plain_loss), <=, 1e-4 * MAX (fabs (plain_loss), 1.0));
  /* And training did move the weights. */
  g_assert_true (memcmp (net->params, plain->params, net->n_params * sizeof (float)) != 0);

  ps_network_free (plain);
  for (guint t = 0; t < 3; t++)
    ps_network_free (fast[t]);
  ps_network_free (net);
}

/* The fast path keeps its own copy of the weights for the forward pass: a
 * change made between two runs (here: every weight halved) must be what the
 * next run trains from. SGD without momentum and without shuffling, so that
 * "one more epoch" and "a fresh trainer's first epoch" are the same steps. */
static PsNetwork *
train_epochs (PsNetwork *net,
              PsDataset *data,
              guint      epochs,
              gboolean   halve_between)
{
  g_autoptr (GError) error = NULL;
  PsTrainConfig config;
  PsTrainer *trainer;

  ps_train_config_init (&config);
  config.loss = PS_LOSS_CROSS_ENTROPY;
  config.reduction = PS_REDUCTION_MEAN;
  ps_optimizer_config_init (&config.optimizer, PS_OPTIMIZER_SGD);
  config.optimizer.lr = 0.1;
  config.batch_size = 32;
  config.epochs = epochs;
  config.shuffle = FALSE;
  trainer = ps_trainer_new (net, data, NULL, &config, &error);
  g_assert_no_error (error);
  g_assert_true (ps_trainer_use_fast_path (trainer, TRUE, 2));
  for (guint e = 0; e < epochs; e++)
    {
      PsTrainStatus status = ps_trainer_run (trainer, 1, &error);

      g_assert_no_error (error);
      g_assert_cmpint (status, ==, e + 1 < epochs ? PS_TRAIN_PAUSED : PS_TRAIN_FINISHED);
      if (halve_between && e + 1 < epochs)
        for (gsize i = 0; i < net->n_params; i++)
          net->params[i] *= 0.5f;
    }
  ps_trainer_free (trainer);
  return net;
}

static void
test_weights_changed_between_runs (void)
{
  static const Case c = { "60,96:relu,10:softmax", PS_LOSS_CROSS_ENTROPY, PS_REDUCTION_MEAN,
                          PS_OPTIMIZER_SGD, 0.1, 0.0, 32, TRUE, 60 };
  PsRng rng;
  g_autoptr (PsDataset) data = NULL;
  PsNetwork *net, *continued, *fresh;

  if (!ps_kernels_available ())
    {
      g_test_skip ("no AVX2/FMA on this CPU: the fast path is off");
      return;
    }
  ps_rng_seed (&rng, 3);
  data = case_dataset (&c, &rng, 5 * 32);
  net = test_net (c.spec, &rng);

  /* Epoch 1, every weight halved, epoch 2 (the same trainer)... */
  continued = train_epochs (ps_network_copy (net), data, 2, TRUE);
  /* ... against epoch 1, halved, then a new trainer's epoch 1. */
  fresh = train_epochs (ps_network_copy (net), data, 1, FALSE);
  for (gsize i = 0; i < fresh->n_params; i++)
    fresh->params[i] *= 0.5f;
  fresh = train_epochs (fresh, data, 1, FALSE);

  g_assert_cmpmem (continued->params, continued->n_params * sizeof (float),
                   fresh->params, fresh->n_params * sizeof (float));
  ps_network_free (continued);
  ps_network_free (fresh);
  ps_network_free (net);
}

static const Case cases[] = {
  /* Wide hidden layers: split by units. */
  { "60,96:relu,64:sigmoid,10:softmax", PS_LOSS_CROSS_ENTROPY, PS_REDUCTION_MEAN,
    PS_OPTIMIZER_SGD, 0.1, 0.0, 32, TRUE, 60 },
  { "40,80:tanh,70:linear,3:softmax", PS_LOSS_CROSS_ENTROPY, PS_REDUCTION_MEAN,
    PS_OPTIMIZER_ADAM, 0.01, 0.001, 20, FALSE, 40 },
  /* Narrow layers on many inputs: split by rows. */
  { "400,6:sigmoid,5:tanh,4:softmax", PS_LOSS_CROSS_ENTROPY, PS_REDUCTION_MEAN,
    PS_OPTIMIZER_SGD, 0.5, 0.0, 32, TRUE, 400 },
  /* MSE and binary cross-entropy, one output, momentum. */
  { "30,64:relu,1:sigmoid", PS_LOSS_MSE, PS_REDUCTION_MEAN,
    PS_OPTIMIZER_NESTEROV, 0.05, 0.0, 25, FALSE, 30 },
  { "30,66:relu,1:sigmoid", PS_LOSS_BINARY_CROSS_ENTROPY, PS_REDUCTION_SUM,
    PS_OPTIMIZER_MOMENTUM, 0.01, 0.01, 16, FALSE, 30 },
  /* A softmax hidden layer (whole rows, one thread) below a split one. */
  { "50,70:softmax,80:relu,3:softmax", PS_LOSS_CROSS_ENTROPY, PS_REDUCTION_MEAN,
    PS_OPTIMIZER_SGD, 0.5, 0.0, 24, FALSE, 50 },
  /* The perceptron: step units, the delta rule (sum reduction). */
  { "300,3:step", PS_LOSS_MSE, PS_REDUCTION_SUM,
    PS_OPTIMIZER_DELTA, 0.01, 0.0, 40, TRUE, 300 },
};

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/fast-path/kernels", test_kernels);
  g_test_add_func ("/fast-path/fused-optimizer", test_fused_optimizer);
  g_test_add_func ("/fast-path/transpose-gather", test_transpose_gather);
  g_test_add_func ("/fast-path/column-sums", test_column_sums);
  g_test_add_func ("/fast-path/weights-changed-between-runs", test_weights_changed_between_runs);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/fast-path/training/%u", i);

      g_test_add_data_func (path, &cases[i], test_training);
    }
  return g_test_run ();
}
