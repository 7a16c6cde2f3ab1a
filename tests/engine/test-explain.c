/* test-explain.c: the numbers of one update (ps-explain.h) against finite
 * differences, a hand-computed notebook example, the delta rule and the
 * trainer itself
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The reference here is independent of the engine: a forward pass in double
 * written out below, the objective each reduction differentiates spelled
 * out (ps-network.h: sum is ½ Σ (y − t)² for MSE and the sum of the
 * per-output losses otherwise; mean divides by K for MSE (with the 2 of
 * the square) and BCE), and central differences of it.
 */
#include "config.h"

#include <json-glib/json-glib.h>
#include <math.h>

#include "ps-explain.h"
#include "ps-trainer.h"
#include "test-util.h"

/* ---- the reference: forward and objective in double ------------------- */

static double
act_d (PsActivation act,
       double       z)
{
  switch (act)
    {
    case PS_ACTIVATION_STEP:
      return z > 0.0 ? 1.0 : 0.0;
    case PS_ACTIVATION_LINEAR:
      return z;
    case PS_ACTIVATION_SIGMOID:
      return 1.0 / (1.0 + exp (-z));
    case PS_ACTIVATION_TANH:
      return tanh (z);
    case PS_ACTIVATION_RELU:
      return z > 0.0 ? z : 0.0;
    default:
      g_assert_not_reached ();
    }
}

/* Forward pass of net with parameters p (double) on x: fills z and a of
 * every layer (n_layers arrays of its units, caller-freed with
 * free_layers) and returns the output (a of the last layer, borrowed). */
static double *
ref_forward (const PsNetwork *net,
             const double    *p,
             const float     *x,
             double         **z,
             double         **a)
{
  g_autofree double *in = g_new (double, net->n_inputs);

  for (guint i = 0; i < net->n_inputs; i++)
    in[i] = x[i];
  for (guint l = 0; l < net->n_layers; l++)
    {
      const PsLayer *layer = &net->layers[l];
      const double *prev = l == 0 ? in : a[l - 1];

      z[l] = g_new (double, layer->units);
      a[l] = g_new (double, layer->units);
      for (guint j = 0; j < layer->units; j++)
        {
          double sum = p[layer->b_offset + j];

          for (guint i = 0; i < layer->inputs; i++)
            sum += prev[i] * p[layer->w_offset + (gsize) i * layer->units + j];
          z[l][j] = sum;
        }
      if (layer->activation == PS_ACTIVATION_SOFTMAX)
        {
          double max = -INFINITY, total = 0.0;

          for (guint j = 0; j < layer->units; j++)
            max = MAX (max, z[l][j]);
          for (guint j = 0; j < layer->units; j++)
            total += a[l][j] = exp (z[l][j] - max);
          for (guint j = 0; j < layer->units; j++)
            a[l][j] /= total;
        }
      else
        for (guint j = 0; j < layer->units; j++)
          a[l][j] = act_d (layer->activation, z[l][j]);
    }
  return a[net->n_layers - 1];
}

static void
free_layers (double **v,
             guint    n)
{
  for (guint l = 0; l < n; l++)
    g_free (v[l]);
  g_free (v);
}

static double
target_d (guint32 label,
          guint   j,
          guint   k)
{
  return k == 1 ? (double) label : (label == j ? 1.0 : 0.0);
}

/* The loss of one sample: @objective TRUE gives what the gradient is of
 * under @reduction, FALSE the loss as training reports it (MSE and BCE
 * averaged over the outputs, Keras). */
static double
ref_loss (const PsNetwork *net,
          const double    *p,
          const float     *x,
          guint32          label,
          PsLoss           loss,
          PsReduction      reduction,
          gboolean         objective)
{
  guint L = net->n_layers, K = ps_network_n_outputs (net);
  double **z = g_new0 (double *, L), **a = g_new0 (double *, L);
  double *y = ref_forward (net, p, x, z, a);
  double sq = 0.0, bce = 0.0, v = 0.0;

  for (guint j = 0; j < K; j++)
    {
      double t = target_d (label, j, K);

      sq += (y[j] - t) * (y[j] - t);
      bce -= t * log (y[j]) + (1.0 - t) * log (1.0 - y[j]);
    }
  switch (loss)
    {
    case PS_LOSS_MSE:
      v = !objective ? sq / K : reduction == PS_REDUCTION_SUM ? 0.5 * sq : sq / K;
      break;
    case PS_LOSS_CROSS_ENTROPY:
      v = -log (y[K == 1 ? 0 : label]);
      break;
    case PS_LOSS_BINARY_CROSS_ENTROPY:
      v = !objective ? bce / K : reduction == PS_REDUCTION_SUM ? bce : bce / K;
      break;
    default:
      g_assert_not_reached ();
    }
  free_layers (z, L);
  free_layers (a, L);
  return v;
}

static double *
params_d (const float *p,
          gsize        n)
{
  double *d = g_new (double, n);

  for (gsize i = 0; i < n; i++)
    d[i] = p[i];
  return d;
}

static void
fill_random (PsNetwork *net,
             guint64    seed,
             double     range)
{
  PsRng rng;

  ps_rng_seed (&rng, seed);
  for (gsize i = 0; i < net->n_params; i++)
    net->params[i] = (float) ps_rng_range (&rng, -range, range);
}

#define assert_close(a, b, abs_tol, rel_tol) \
  G_STMT_START { \
    double a_ = (a), b_ = (b); \
    if (!(fabs (a_ - b_) <= (abs_tol) + (rel_tol) * fabs (b_))) \
      g_error ("%s = %.9g but %s = %.9g (%s:%d)", #a, a_, #b, b_, __FILE__, __LINE__); \
  } G_STMT_END

/* ---- checks every explained update must pass --------------------------- */

/* z, a, δ against the double reference; dW = −α·xᵀδ and db = −α·δ exactly
 * (the engine's gradient of a batch of one is that single product); the
 * new parameters are the old plus the change; the loss after is the
 * reference's with the new parameters. */
static void
check_consistent (const PsNetwork *net,
                  const PsExplain *e,
                  const float     *x)
{
  guint L = net->n_layers;
  double **z = g_new0 (double *, L), **a = g_new0 (double *, L);
  g_autofree double *p = params_d (net->params, net->n_params);
  g_autofree double *p_after = params_d (e->params_after, e->n_params);
  float lr = (float) e->lr;

  ref_forward (net, p, x, z, a);
  g_assert_cmpuint (e->n_layers, ==, L);
  for (guint l = 0; l < L; l++)
    {
      const PsExplainLayer *layer = &e->layers[l];
      const float *in = l == 0 ? e->input : e->layers[l - 1].a;

      g_assert_cmpuint (layer->units, ==, net->layers[l].units);
      g_assert_cmpuint (layer->inputs, ==, net->layers[l].inputs);
      for (guint j = 0; j < layer->units; j++)
        {
          assert_close (layer->z[j], z[l][j], 1e-5, 1e-5);
          assert_close (layer->a[j], a[l][j], 1e-6, 1e-5);
          /* db = −α δ, bit for bit */
          g_assert_cmpfloat (layer->db[j], ==, -(lr * layer->delta[j]));
          for (guint i = 0; i < layer->inputs; i++)
            {
              gsize w = (gsize) i * layer->units + j;

              /* dW = −α xᵀδ: the recomputed δ gives the engine's gradient */
              g_assert_cmpfloat (layer->dW[w], ==, -(lr * (in[i] * layer->delta[j])));
              assert_close (e->params_after[layer->w_offset + w],
                            (double) e->params_before[layer->w_offset + w] + layer->dW[w], 1e-7, 1e-6);
            }
          assert_close (e->params_after[layer->b_offset + j],
                        (double) e->params_before[layer->b_offset + j] + layer->db[j], 1e-7, 1e-6);
        }
    }
  g_assert_cmpmem (e->params_before, sizeof (float) * e->n_params, net->params, sizeof (float) * net->n_params);
  assert_close (e->loss_before, ref_loss (net, p, x, e->target, e->loss, e->reduction, FALSE), 1e-6, 1e-5);
  assert_close (e->loss_after, ref_loss (net, p_after, x, e->target, e->loss, e->reduction, FALSE), 1e-6, 1e-5);
  free_layers (z, L);
  free_layers (a, L);
}

/* −dW/α against central differences of the objective, every parameter. */
static void
check_finite_differences (const char  *spec,
                          PsLoss       loss,
                          PsReduction  reduction,
                          guint64      seed)
{
  g_autoptr(GError) error = NULL;
  PsNetwork *net = test_network_new (spec);
  g_autoptr(PsExplain) e = NULL;
  g_autofree float *x = g_new (float, net->n_inputs);
  g_autofree double *p = NULL;
  guint K = ps_network_n_outputs (net);
  guint32 label = (guint32) (seed % MAX (K, 2u));
  const double lr = 0.25, h = 1e-5;
  PsRng rng;

  fill_random (net, seed, 1.0);
  ps_rng_seed (&rng, seed + 1000);
  for (guint i = 0; i < net->n_inputs; i++)
    x[i] = (float) ps_rng_range (&rng, -1.0, 1.0);
  e = ps_explain_update (net, x, label, loss, reduction, PS_OPTIMIZER_SGD, lr, &error);
  g_assert_no_error (error);
  g_assert_nonnull (e);
  check_consistent (net, e, x);

  p = params_d (net->params, net->n_params);
  for (guint l = 0; l < net->n_layers; l++)
    {
      const PsExplainLayer *layer = &e->layers[l];
      gsize n_w = (gsize) layer->inputs * layer->units;

      for (gsize k = 0; k < n_w + layer->units; k++)
        {
          gsize at = k < n_w ? layer->w_offset + k : layer->b_offset + (k - n_w);
          double saved = p[at], up, down, fd, engine;

          p[at] = saved + h;
          up = ref_loss (net, p, x, label, loss, reduction, TRUE);
          p[at] = saved - h;
          down = ref_loss (net, p, x, label, loss, reduction, TRUE);
          p[at] = saved;
          fd = (up - down) / (2 * h);
          engine = -(k < n_w ? layer->dW[k] : layer->db[k - n_w]) / lr;
          if (!(fabs (engine - fd) <= 2e-5 + 2e-3 * fabs (fd)))
            g_error ("%s %s/%s: layer %u parameter %" G_GSIZE_FORMAT ": −dW/α = %.9g, "
                     "finite difference %.9g", spec, ps_loss_to_string (loss),
                     ps_reduction_to_string (reduction), l + 1, k, engine, fd);
        }
    }
  ps_network_free (net);
}

static void
test_finite_differences (void)
{
  static const struct
  {
    const char *spec;
    PsLoss      loss;
  } cases[] = {
    { "2,3:sigmoid,1:sigmoid", PS_LOSS_MSE },                   /* the notebook's */
    { "2,4:sigmoid,3:softmax", PS_LOSS_CROSS_ENTROPY },         /* Keras' */
    { "3,4:tanh,1:sigmoid", PS_LOSS_BINARY_CROSS_ENTROPY },     /* fused sigmoid + BCE */
    { "3,5:relu,2:linear", PS_LOSS_MSE },
    { "2,3:linear,4:tanh,2:sigmoid", PS_LOSS_MSE },
    { "3,4:tanh,3:softmax", PS_LOSS_BINARY_CROSS_ENTROPY },     /* BCE through softmax' Jacobian */
    { "2,3:relu,3:softmax", PS_LOSS_MSE },                      /* MSE through softmax */
    { "4,3:sigmoid,2:sigmoid", PS_LOSS_BINARY_CROSS_ENTROPY },  /* multi-output BCE */
  };

  for (gsize c = 0; c < G_N_ELEMENTS (cases); c++)
    for (guint64 seed = 1; seed <= 3; seed++)
      {
        check_finite_differences (cases[c].spec, cases[c].loss, PS_REDUCTION_MEAN, seed);
        check_finite_differences (cases[c].spec, cases[c].loss, PS_REDUCTION_SUM, seed);
      }
}

/* ---- the notebook's [2,3,1] by hand ------------------------------------- */

static double
sigmoid (double z)
{
  return 1.0 / (1.0 + exp (-z));
}

/* The notebook's MultilayerPerceptron.learn on one sample, x = (1, 1) of
 * XOR (t = 0), α = 0.5, weights set by hand. The notebook writes
 * δ = (y − ŷ) ⊙ f′ and W ← W + α Sᵀδ; the engine's δ is ∂L/∂z of ½ (y − ŷ)²
 * (sum reduction), the same numbers with the opposite sign. */
static void
test_notebook_by_hand (void)
{
  static const float W1[2][3] = { { 0.1f, -0.2f, 0.3f }, { 0.4f, 0.5f, -0.6f } };
  static const float b1[3] = { 0.1f, 0.2f, -0.1f };
  static const float W2[3] = { 0.7f, -0.8f, 0.9f };
  static const float b2 = 0.05f;
  static const float x[2] = { 1.0f, 1.0f };
  const double t = 0.0, alpha = 0.5;
  g_autoptr(GError) error = NULL;
  g_autoptr(PsExplain) e = NULL;
  PsNetwork *net = test_network_new ("2,3:sigmoid,1:sigmoid");
  double z1[3], a1[3], z2, a2, d2, d1[3];

  for (guint i = 0; i < 2; i++)
    for (guint j = 0; j < 3; j++)
      net->params[net->layers[0].w_offset + i * 3 + j] = W1[i][j];
  memcpy (net->params + net->layers[0].b_offset, b1, sizeof b1);
  memcpy (net->params + net->layers[1].w_offset, W2, sizeof W2);
  net->params[net->layers[1].b_offset] = b2;

  /* Forward, by hand: z¹ = x·W¹ + b¹ = (0.1 + 0.4 + 0.1, −0.2 + 0.5 + 0.2,
   * 0.3 − 0.6 − 0.1) = (0.6, 0.5, −0.4); a¹ = σ(z¹). */
  z1[0] = 0.1 + 0.4 + 0.1;
  z1[1] = -0.2 + 0.5 + 0.2;
  z1[2] = 0.3 - 0.6 - 0.1;
  for (guint j = 0; j < 3; j++)
    a1[j] = sigmoid (z1[j]);
  /* σ(0.6) = 0.645656306, σ(0.5) = 0.622459331, σ(−0.4) = 0.401312340 */
  assert_close (a1[0], 0.645656306, 1e-9, 0);
  assert_close (a1[1], 0.622459331, 1e-9, 0);
  assert_close (a1[2], 0.401312340, 1e-9, 0);
  /* z² = 0.7 a¹₀ − 0.8 a¹₁ + 0.9 a¹₂ + 0.05 = 0.365173055, a² = σ(z²) = 0.590292106 */
  z2 = 0.7 * a1[0] - 0.8 * a1[1] + 0.9 * a1[2] + 0.05;
  a2 = sigmoid (z2);
  assert_close (z2, 0.365173055, 1e-9, 0);
  assert_close (a2, 0.590292106, 1e-9, 0);
  /* The notebook's deltas: d2 = (y − ŷ) ŷ (1 − ŷ), d1 = d2 W²ᵀ ⊙ a¹ (1 − a¹) */
  d2 = (t - a2) * a2 * (1.0 - a2);
  for (guint j = 0; j < 3; j++)
    d1[j] = d2 * W2[j] * a1[j] * (1.0 - a1[j]);
  assert_close (d2, -0.142760573, 1e-9, 0);

  e = ps_explain_update (net, x, 0, PS_LOSS_MSE, PS_REDUCTION_SUM, PS_OPTIMIZER_SGD, alpha, &error);
  g_assert_no_error (error);
  check_consistent (net, e, x);

  g_assert_cmpint (e->target, ==, 0);
  g_assert_cmpfloat (e->target_vector[0], ==, 0.0f);
  for (guint j = 0; j < 3; j++)
    {
      assert_close (e->layers[0].z[j], z1[j], 1e-6, 0);
      assert_close (e->layers[0].a[j], a1[j], 1e-6, 0);
      /* engine δ = ∂L/∂z = −(notebook δ) */
      assert_close (e->layers[0].delta[j], -d1[j], 1e-7, 1e-5);
      /* the notebook's dW1 = α xᵀ d1, dW2 = α S1ᵀ d2, db = α d */
      for (guint i = 0; i < 2; i++)
        assert_close (e->layers[0].dW[i * 3 + j], alpha * x[i] * d1[j], 1e-7, 1e-5);
      assert_close (e->layers[0].db[j], alpha * d1[j], 1e-7, 1e-5);
      assert_close (e->layers[1].dW[j], alpha * a1[j] * d2, 1e-7, 1e-5);
      assert_close (e->params_after[e->layers[1].w_offset + j], W2[j] + alpha * a1[j] * d2, 1e-7, 1e-6);
    }
  assert_close (e->layers[1].z[0], z2, 1e-6, 0);
  assert_close (e->layers[1].a[0], a2, 1e-6, 0);
  assert_close (e->layers[1].delta[0], -d2, 1e-7, 1e-5);
  assert_close (e->layers[1].db[0], alpha * d2, 1e-7, 1e-5);
  /* the numbers themselves: ΔW² = (−0.0460871, −0.0444313, −0.0286458),
   * Δb² = −0.0713803, ΔW¹ row = (−0.0114315, 0.0134197, −0.0154349) */
  assert_close (e->layers[1].dW[0], -0.0460871321, 1e-8, 0);
  assert_close (e->layers[1].dW[1], -0.0444313254, 1e-8, 0);
  assert_close (e->layers[1].dW[2], -0.0286457898, 1e-8, 0);
  assert_close (e->layers[1].db[0], -0.0713802865, 1e-8, 0);
  assert_close (e->layers[0].dW[0], -0.0114314792, 1e-8, 0);
  assert_close (e->layers[0].dW[4], 0.0134197058, 1e-8, 0);
  assert_close (e->layers[0].dW[5], -0.0154348928, 1e-8, 0);
  /* loss as training reports it: (t − y)² = 0.590292106² = 0.348444770 */
  assert_close (e->loss_before, 0.348444770, 1e-7, 0);
  g_assert_cmpfloat (e->loss_after, <, e->loss_before);
  g_assert_false (e->delta_rule);
  ps_network_free (net);
}

/* ---- the step perceptron: the delta rule on AND ------------------------- */

static const float and_x[4][2] = { { 0, 0 }, { 0, 1 }, { 1, 0 }, { 1, 1 } };
static const guint32 and_t[4] = { 0, 0, 0, 1 };

static void
test_delta_rule_and (void)
{
  g_autoptr(GError) error = NULL;
  PsNetwork *net = test_network_new ("2,1:step");
  PsNetwork *trained;
  g_autoptr(PsDataset) data = NULL;
  PsTrainConfig config;
  PsTrainer *trainer;
  const double alpha = 0.1;
  /* w = (0.3, −0.2), b = 0.1: wrong on (0, 0) and (1, 0) and (1, 1) */
  float w[2] = { 0.3f, -0.2f }, b = 0.1f;

  net->params[0] = w[0];
  net->params[1] = w[1];
  net->params[2] = b;
  trained = ps_network_copy (net);

  for (guint s = 0; s < 4; s++)
    {
      g_autoptr(PsExplain) e = NULL;
      float y = (float) (w[0] * and_x[s][0] + w[1] * and_x[s][1] + b > 0.0f ? 1 : 0);
      float t = (float) and_t[s];
      g_autofree char *text = NULL;

      e = ps_explain_update (net, and_x[s], and_t[s], PS_LOSS_MSE, PS_REDUCTION_MEAN,
                             PS_OPTIMIZER_DELTA, alpha, &error);
      g_assert_no_error (error);
      check_consistent (net, e, and_x[s]);
      g_assert_true (e->delta_rule);
      /* the delta rule sums whatever the reduction asked for */
      g_assert_cmpint (e->reduction, ==, PS_REDUCTION_SUM);
      g_assert_cmpfloat (e->loss_scale, ==, 1.0f);
      g_assert_cmpfloat (e->layers[0].a[0], ==, y);
      /* w ← w + α (t − y) x, b ← b + α (t − y) */
      for (guint i = 0; i < 2; i++)
        {
          g_assert_cmpfloat (e->layers[0].dW[i], ==, (float) alpha * (t - y) * and_x[s][i]);
          g_assert_cmpfloat (e->params_after[i], ==, w[i] + (float) alpha * (t - y) * and_x[s][i]);
        }
      g_assert_cmpfloat (e->layers[0].db[0], ==, (float) alpha * (t - y));
      g_assert_cmpfloat (e->params_after[2], ==, b + (float) alpha * (t - y));
      g_assert_cmpfloat (e->loss_before, ==, (t - y) * (t - y));

      text = ps_explain_to_text (e, 10);
      g_assert_nonnull (strstr (text, "w ← w + α (t − y) x"));

      /* apply, and go on with the next sample: one online epoch */
      g_assert_true (ps_explain_apply (e, net));
      w[0] = net->params[0];
      w[1] = net->params[1];
      b = net->params[2];
    }
  /* by hand: (0,0): y = 1, t = 0 → b = 0.1 − 0.1 = 0; (0,1): z = −0.2, y = 0,
   * no change; (1,0): z = 0.3, y = 1 → w₀ = 0.2, b = −0.1; (1,1): z = 0.2 − 0.2
   * − 0.1 < 0, y = 0, t = 1 → w = (0.3, −0.1), b = 0 */
  assert_close (w[0], 0.3, 1e-6, 0);
  assert_close (w[1], -0.1, 1e-6, 0);
  assert_close (b, 0.0, 1e-6, 0);

  /* the trainer's one online epoch over AND, in order: the same weights */
  data = test_dataset_new ("and", &and_x[0][0], and_t, 4, 2, 2);
  ps_train_config_init (&config);
  ps_optimizer_config_init (&config.optimizer, PS_OPTIMIZER_DELTA);
  config.optimizer.lr = alpha;
  config.loss = PS_LOSS_MSE;
  config.batch_size = 1;
  config.epochs = 1;
  config.shuffle = FALSE;
  config.n_threads = 1;
  trainer = ps_trainer_new (trained, data, NULL, &config, &error);
  g_assert_no_error (error);
  ps_trainer_run (trainer, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (trained->params, sizeof (float) * 3, net->params, sizeof (float) * 3);
  ps_trainer_free (trainer);
  ps_network_free (trained);
  ps_network_free (net);
}

/* ---- params_after is one online step of the trainer --------------------- */

static void
check_against_trainer (const char      *spec,
                       PsLoss           loss,
                       PsReduction      reduction,
                       PsOptimizerKind  kind,
                       double           lr,
                       guint64          seed,
                       double           tolerance)
{
  g_autoptr(GError) error = NULL;
  PsNetwork *net = test_network_new (spec);
  PsNetwork *trained;
  g_autoptr(PsExplain) e = NULL;
  g_autoptr(PsDataset) data = NULL;
  g_autofree float *x = g_new (float, net->n_inputs);
  guint K = ps_network_n_outputs (net);
  guint32 label = (guint32) (seed % MAX (K, 2u));
  PsTrainConfig config;
  PsTrainer *trainer;
  PsRng rng;

  fill_random (net, seed, 0.5);
  ps_rng_seed (&rng, seed + 7);
  for (guint i = 0; i < net->n_inputs; i++)
    x[i] = (float) ps_rng_range (&rng, 0.0, 1.0);
  trained = ps_network_copy (net);

  e = ps_explain_update (net, x, label, loss, reduction, kind, lr, &error);
  g_assert_no_error (error);

  data = test_dataset_new ("one", x, &label, 1, net->n_inputs, MAX (K, 2u));
  ps_train_config_init (&config);
  ps_optimizer_config_init (&config.optimizer, kind);
  config.optimizer.lr = lr;
  config.loss = loss;
  config.reduction = reduction;
  config.batch_size = 1;
  config.epochs = 1;
  config.shuffle = FALSE;
  config.n_threads = 1;
  trainer = ps_trainer_new (trained, data, NULL, &config, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ps_trainer_run (trainer, 0, &error), ==, PS_TRAIN_FINISHED);
  g_assert_no_error (error);

  if (tolerance == 0.0)
    g_assert_cmpmem (e->params_after, sizeof (float) * e->n_params,
                     trained->params, sizeof (float) * trained->n_params);
  else
    for (gsize i = 0; i < e->n_params; i++)
      assert_close (e->params_after[i], trained->params[i], tolerance, 0);

  /* ps_explain_apply performs exactly that step */
  g_assert_true (ps_explain_apply (e, net));
  g_assert_cmpmem (net->params, sizeof (float) * net->n_params,
                   e->params_after, sizeof (float) * e->n_params);

  ps_trainer_free (trainer);
  ps_network_free (trained);
  ps_network_free (net);
}

static void
test_matches_trainer (void)
{
  /* plain path: bit for bit */
  check_against_trainer ("2,3:sigmoid,1:sigmoid", PS_LOSS_MSE, PS_REDUCTION_SUM, PS_OPTIMIZER_SGD, 0.5, 1, 0);
  check_against_trainer ("2,3:sigmoid,1:sigmoid", PS_LOSS_MSE, PS_REDUCTION_MEAN, PS_OPTIMIZER_SGD, 0.5, 2, 0);
  check_against_trainer ("2,3:sigmoid,1:sigmoid", PS_LOSS_MSE, PS_REDUCTION_MEAN, PS_OPTIMIZER_DELTA, 0.5, 3, 0);
  check_against_trainer ("4,5:tanh,3:softmax", PS_LOSS_CROSS_ENTROPY, PS_REDUCTION_MEAN, PS_OPTIMIZER_SGD, 0.1, 4, 0);
  check_against_trainer ("4,5:relu,3:softmax", PS_LOSS_CROSS_ENTROPY, PS_REDUCTION_SUM, PS_OPTIMIZER_SGD, 0.1, 5, 0);
  check_against_trainer ("3,4:linear,1:sigmoid", PS_LOSS_BINARY_CROSS_ENTROPY, PS_REDUCTION_MEAN, PS_OPTIMIZER_SGD, 0.3, 6, 0);
  check_against_trainer ("3,2:step", PS_LOSS_MSE, PS_REDUCTION_SUM, PS_OPTIMIZER_DELTA, 0.1, 7, 0);
  check_against_trainer ("784,10:softmax", PS_LOSS_CROSS_ENTROPY, PS_REDUCTION_MEAN, PS_OPTIMIZER_SGD, 0.1, 8, 0);
  /* big enough for the trainer's fast path (when the CPU has it): the same
   * step up to its summation order */
  check_against_trainer ("784,32:sigmoid,10:softmax", PS_LOSS_CROSS_ENTROPY, PS_REDUCTION_MEAN,
                         PS_OPTIMIZER_SGD, 0.1, 9, 1e-6);
}

/* Momentum, Nesterov and Adam: the gradient is the engine's, the step a
 * fresh optimizer's first one on it, params_before + dW is params_after
 * exactly, and the trainer's one online epoch agrees. */
static void
check_optimizer (PsOptimizerKind kind,
                 const char     *rule_text)
{
  g_autoptr(GError) error = NULL;
  PsNetwork *net = test_network_new ("2,3:sigmoid,1:sigmoid");
  static const float x[2] = { 1, 0 };
  guint32 label = 1;
  g_autoptr(PsExplain) e = NULL;
  g_autoptr(PsExplain) sgd = NULL;
  g_autofree float *grad = g_new0 (float, net->n_params);
  g_autofree float *expect = NULL;
  g_autofree char *text = NULL, *json = NULL;
  PsOptimizerConfig config;
  PsOptimizer *optimizer;
  PsWorkspace *ws;

  fill_random (net, 11, 0.5);
  ps_optimizer_config_init (&config, kind);
  config.lr = 0.05;
  config.momentum = 0.8;   /* not the default: the config's constants are used */
  config.beta1 = 0.85;
  e = ps_explain_update_config (net, x, label, PS_LOSS_MSE, PS_REDUCTION_MEAN, &config, &error);
  g_assert_no_error (error);
  g_assert_cmpint (e->optimizer, ==, kind);

  ws = ps_workspace_new (net, 1);
  ps_network_gradient (net, ws, x, &label, 1, PS_LOSS_MSE, PS_REDUCTION_MEAN, grad, NULL);
  ps_workspace_free (ws);
  expect = g_memdup2 (net->params, sizeof (float) * net->n_params);
  optimizer = ps_optimizer_new (&config, net->n_params);
  ps_optimizer_step (optimizer, expect, grad);
  ps_optimizer_free (optimizer);
  g_assert_cmpmem (e->params_after, sizeof (float) * e->n_params, expect, sizeof (float) * net->n_params);

  for (guint l = 0; l < e->n_layers; l++)
    {
      const PsExplainLayer *layer = &e->layers[l];

      for (gsize i = 0; i < (gsize) layer->inputs * layer->units; i++)
        {
          g_assert_cmpfloat (layer->gW[i], ==, grad[layer->w_offset + i]);
          g_assert_cmpfloat (e->params_before[layer->w_offset + i] + layer->dW[i], ==,
                             e->params_after[layer->w_offset + i]);
        }
      for (guint j = 0; j < layer->units; j++)
        {
          g_assert_cmpfloat (layer->gb[j], ==, grad[layer->b_offset + j]);
          g_assert_cmpfloat (e->params_before[layer->b_offset + j] + layer->db[j], ==,
                             e->params_after[layer->b_offset + j]);
        }
    }

  /* the deltas and the forward pass do not depend on the rule */
  sgd = ps_explain_update (net, x, label, PS_LOSS_MSE, PS_REDUCTION_MEAN, PS_OPTIMIZER_SGD, 0.05, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (sgd->layers[0].delta, 3 * sizeof (float), e->layers[0].delta, 3 * sizeof (float));
  g_assert_cmpfloat (sgd->loss_before, ==, e->loss_before);

  text = ps_explain_to_text (e, 10);
  g_assert_nonnull (strstr (text, "first step of a fresh"));
  g_assert_nonnull (strstr (text, "∂L/∂W = xᵀδ"));
  g_assert_nonnull (strstr (text, rule_text));
  json = ps_explain_to_json (e);
  g_assert_nonnull (strstr (json, "\"grad_W\""));
  g_assert_nonnull (strstr (json, kind == PS_OPTIMIZER_ADAM ? "\"beta1\"" : "\"momentum\""));
  ps_network_free (net);
}

static void
test_optimizers (void)
{
  check_optimizer (PS_OPTIMIZER_MOMENTUM, "v ← μ·v + g");
  check_optimizer (PS_OPTIMIZER_NESTEROV, "(1 + μ)");
  check_optimizer (PS_OPTIMIZER_ADAM, "sign(g)");
  /* the trainer's one online epoch is a fresh optimizer's first step too */
  check_against_trainer ("2,3:sigmoid,1:sigmoid", PS_LOSS_MSE, PS_REDUCTION_SUM, PS_OPTIMIZER_MOMENTUM, 0.5, 21, 0);
  check_against_trainer ("2,3:sigmoid,1:sigmoid", PS_LOSS_MSE, PS_REDUCTION_MEAN, PS_OPTIMIZER_NESTEROV, 0.5, 22, 0);
  check_against_trainer ("4,5:tanh,3:softmax", PS_LOSS_CROSS_ENTROPY, PS_REDUCTION_MEAN, PS_OPTIMIZER_ADAM, 0.01, 23, 0);
}

/* ---- errors, JSON, the readable text -------------------------------------- */

static void
test_errors (void)
{
  g_autoptr(GError) error = NULL;
  PsNetwork *net = test_network_new ("2,3:sigmoid,1:sigmoid");
  static const float x[2] = { 1, 0 };
  static const guint32 labels[4] = { 0, 1, 1, 0 };
  g_autoptr(PsDataset) data = test_dataset_new ("xor", &and_x[0][0], labels, 4, 2, 2);
  PsExplain *e;

  e = ps_explain_update (net, x, 1, PS_LOSS_MSE, PS_REDUCTION_SUM, (PsOptimizerKind) 99, 0.1, &error);
  g_assert_error (error, PS_EXPLAIN_ERROR, PS_EXPLAIN_ERROR_OPTIMIZER);
  g_assert_null (e);
  g_clear_error (&error);

  e = ps_explain_update (net, x, 2, PS_LOSS_MSE, PS_REDUCTION_SUM, PS_OPTIMIZER_SGD, 0.1, &error);
  g_assert_error (error, PS_EXPLAIN_ERROR, PS_EXPLAIN_ERROR_RANGE);
  g_assert_null (e);
  g_clear_error (&error);

  e = ps_explain_update (net, x, 1, PS_LOSS_MSE, PS_REDUCTION_SUM, PS_OPTIMIZER_SGD, 0.0, &error);
  g_assert_error (error, PS_EXPLAIN_ERROR, PS_EXPLAIN_ERROR_OPTIMIZER);
  g_clear_error (&error);

  /* cross-entropy needs softmax */
  e = ps_explain_update (net, x, 1, PS_LOSS_CROSS_ENTROPY, PS_REDUCTION_SUM, PS_OPTIMIZER_SGD, 0.1, &error);
  g_assert_error (error, PS_NETWORK_ERROR, PS_NETWORK_ERROR_SPEC);
  g_clear_error (&error);

  e = ps_explain_update_sample (net, data, 4, PS_LOSS_MSE, PS_REDUCTION_SUM, PS_OPTIMIZER_SGD, 0.1, &error);
  g_assert_error (error, PS_EXPLAIN_ERROR, PS_EXPLAIN_ERROR_RANGE);
  g_assert_nonnull (strstr (error->message, "0 to 3"));
  g_clear_error (&error);

  e = ps_explain_update_sample (net, data, 2, PS_LOSS_MSE, PS_REDUCTION_SUM, PS_OPTIMIZER_SGD, 0.1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (e->sample, ==, 2);
  g_assert_cmpfloat (e->input[0], ==, 1.0f);
  g_assert_cmpfloat (e->input[1], ==, 0.0f);
  g_assert_cmpuint (e->target, ==, 1);
  ps_explain_free (e);
  ps_network_free (net);
}

static void
test_json (void)
{
  g_autoptr(GError) error = NULL;
  PsNetwork *net = test_network_new ("4,3:sigmoid,3:softmax");
  static const float x[4] = { 0.5f, -1.0f, 0.25f, 2.0f };
  g_autoptr(PsExplain) e = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *json = NULL;
  JsonObject *root;
  JsonArray *layers;
  static const char *const keys[] = { "sample", "input", "target", "layers", "loss_before", "loss_after" };
  static const char *const layer_keys[] = { "units", "activation", "z", "a", "delta", "dW", "db" };

  fill_random (net, 11, 0.5);
  e = ps_explain_update (net, x, 2, PS_LOSS_CROSS_ENTROPY, PS_REDUCTION_MEAN, PS_OPTIMIZER_SGD, 0.1, &error);
  g_assert_no_error (error);
  json = ps_explain_to_json (e);
  g_assert_true (json_parser_load_from_data (parser, json, -1, &error));
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  for (gsize k = 0; k < G_N_ELEMENTS (keys); k++)
    g_assert_true (json_object_has_member (root, keys[k]));
  g_assert_true (json_node_is_null (json_object_get_member (root, "sample")));
  g_assert_cmpint (json_object_get_int_member (root, "target"), ==, 2);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "input")), ==, 4);
  g_assert_cmpfloat (json_object_get_double_member (root, "loss_before"), ==, e->loss_before);
  layers = json_object_get_array_member (root, "layers");
  g_assert_cmpuint (json_array_get_length (layers), ==, 2);
  for (guint l = 0; l < 2; l++)
    {
      JsonObject *layer = json_array_get_object_element (layers, l);
      JsonArray *dW;

      for (gsize k = 0; k < G_N_ELEMENTS (layer_keys); k++)
        g_assert_true (json_object_has_member (layer, layer_keys[k]));
      g_assert_cmpint (json_object_get_int_member (layer, "units"), ==, 3);
      dW = json_object_get_array_member (layer, "dW");
      g_assert_cmpuint (json_array_get_length (dW), ==, e->layers[l].inputs);
      for (guint i = 0; i < e->layers[l].inputs; i++)
        {
          JsonArray *row = json_array_get_array_element (dW, i);

          g_assert_cmpuint (json_array_get_length (row), ==, 3);
          for (guint j = 0; j < 3; j++)
            /* every float exactly */
            g_assert_cmpfloat ((float) json_array_get_double_element (row, j), ==,
                               e->layers[l].dW[i * 3 + j]);
        }
    }
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (layers, 1), "activation"),
                   ==, "softmax");
  ps_network_free (net);
}

static void
test_text_long_vectors (void)
{
  g_autoptr(GError) error = NULL;
  PsNetwork *net = test_network_new ("784,10:softmax");
  g_autofree float *x = g_new0 (float, 784);
  g_autoptr(PsExplain) e = NULL;
  g_autofree char *text = NULL, *full = NULL;

  fill_random (net, 3, 0.1);
  for (guint i = 0; i < 784; i++)
    x[i] = (float) (i % 17) / 16.0f;
  e = ps_explain_update (net, x, 3, PS_LOSS_CROSS_ENTROPY, PS_REDUCTION_MEAN, PS_OPTIMIZER_SGD, 0.1, &error);
  g_assert_no_error (error);
  text = ps_explain_to_text (e, 10);
  g_assert_nonnull (strstr (text, "784 values; the 10 largest"));
  g_assert_nonnull (strstr (text, "774 not shown"));
  g_assert_nonnull (strstr (text, "7830 not shown"));   /* 784 × 10 − 10 */
  g_assert_null (strstr (text, "w ← w"));
  full = ps_explain_to_text (e, 0);
  g_assert_null (strstr (full, "not shown"));
  g_assert_cmpuint (strlen (full), >, strlen (text));
  ps_network_free (net);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/explain/finite-differences", test_finite_differences);
  g_test_add_func ("/explain/notebook-by-hand", test_notebook_by_hand);
  g_test_add_func ("/explain/delta-rule-and", test_delta_rule_and);
  g_test_add_func ("/explain/matches-trainer", test_matches_trainer);
  g_test_add_func ("/explain/optimizers", test_optimizers);
  g_test_add_func ("/explain/errors", test_errors);
  g_test_add_func ("/explain/json", test_json);
  g_test_add_func ("/explain/text-long-vectors", test_text_long_vectors);
  return g_test_run ();
}
