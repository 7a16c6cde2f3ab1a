/* test-network.c: dense layers: spec, summary, init, known answers, gradient
 * checks, the notebook's update rules
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <float.h>
#include <math.h>

#include "ps-gemm.h"
#include "ps-network.h"
#include "ps-optimizer.h"
#include "ps-trainer.h"
#include "test-util.h"
#include "ps-generators.h"

/* ---- spec, names, summary --------------------------------------------- */

static void
test_spec_valid (void)
{
  PsNetwork *net = test_network_new ("2,3:sigmoid,1:sigmoid");
  g_autofree char *spec = NULL;

  g_assert_cmpuint (net->n_inputs, ==, 2);
  g_assert_cmpuint (net->n_layers, ==, 2);
  g_assert_cmpuint (net->layers[0].inputs, ==, 2);
  g_assert_cmpuint (net->layers[0].units, ==, 3);
  g_assert_cmpuint (net->layers[1].inputs, ==, 3);
  g_assert_cmpuint (net->layers[1].units, ==, 1);
  g_assert_cmpuint (net->layers[0].w_offset, ==, 0);
  g_assert_cmpuint (net->layers[0].b_offset, ==, 6);
  g_assert_cmpuint (net->layers[1].w_offset, ==, 9);
  g_assert_cmpuint (net->layers[1].b_offset, ==, 12);
  g_assert_cmpuint (net->n_params, ==, 13);
  g_assert_cmpint (net->loss, ==, PS_LOSS_MSE);
  spec = ps_network_to_spec (net);
  g_assert_cmpstr (spec, ==, "2,3:sigmoid,1:sigmoid");
  ps_network_free (net);

  /* Defaults: sigmoid hidden, sigmoid for one output, softmax for several;
   * spaces and case tolerated. */
  net = test_network_new (" 784 , 128:ReLU , 10 ");
  g_assert_cmpint (net->layers[0].activation, ==, PS_ACTIVATION_RELU);
  g_assert_cmpint (net->layers[1].activation, ==, PS_ACTIVATION_SOFTMAX);
  g_assert_cmpint (net->loss, ==, PS_LOSS_CROSS_ENTROPY);
  ps_network_free (net);
  net = test_network_new ("3,2,1");
  g_assert_cmpint (net->layers[0].activation, ==, PS_ACTIVATION_SIGMOID);
  g_assert_cmpint (net->layers[1].activation, ==, PS_ACTIVATION_SIGMOID);
  ps_network_free (net);
  net = test_network_new ("3,1:step");
  g_assert_cmpint (net->layers[0].activation, ==, PS_ACTIVATION_STEP);
  g_assert_cmpuint (ps_network_max_width (net), ==, 3);
  ps_network_free (net);
}

static void
test_spec_invalid (void)
{
  static const struct { const char *spec; const char *names; } cases[] = {
    { "", "" },
    { "2", "input width" },
    { "2,3:sigmod,1", "'sigmod'" },
    { "2,x,1", "'x'" },
    { "2,0,1", "'0'" },
    { "2,-3,1", "'-3'" },
    { "2:relu,3", "'2:relu'" },
    { "2,,1", "item 2 is empty" },
    { "2,3.5,1", "'3.5'" },
    { "2,3:,1", "''" },
    { "2,99999999999,1", "'99999999999'" },
    { "100000,100000,100000", "too many parameters" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      PsNetwork *net = ps_network_new_from_spec (cases[i].spec, &error);

      g_assert_null (net);
      g_assert_error (error, PS_NETWORK_ERROR, PS_NETWORK_ERROR_SPEC);
      if (strstr (error->message, cases[i].names) == NULL)
        g_error ("spec '%s': message '%s' does not name '%s'", cases[i].spec,
                 error->message, cases[i].names);
    }
}

static void
test_names (void)
{
  PsActivation act;
  PsLoss loss;
  PsInit init;

  for (int a = PS_ACTIVATION_STEP; a <= PS_ACTIVATION_SOFTMAX; a++)
    {
      g_assert_true (ps_activation_from_string (ps_activation_to_string (a), &act));
      g_assert_cmpint (act, ==, a);
    }
  for (int l = PS_LOSS_MSE; l <= PS_LOSS_BINARY_CROSS_ENTROPY; l++)
    {
      g_assert_true (ps_loss_from_string (ps_loss_to_string (l), &loss));
      g_assert_cmpint (loss, ==, l);
    }
  for (int i = PS_INIT_NOTEBOOK; i <= PS_INIT_HE; i++)
    {
      g_assert_true (ps_init_from_string (ps_init_to_string (i), &init));
      g_assert_cmpint (init, ==, i);
    }
  g_assert_cmpstr (ps_loss_to_string (PS_LOSS_CROSS_ENTROPY), ==, "cross-entropy");
  g_assert_cmpstr (ps_loss_to_string (PS_LOSS_BINARY_CROSS_ENTROPY), ==, "binary-cross-entropy");
  g_assert_false (ps_activation_from_string ("sigmod", &act));
  g_assert_false (ps_loss_from_string ("hinge", &loss));
  g_assert_false (ps_init_from_string ("xavier2", &init));
}

/* Classes and image shape come from the data only where the network has
 * none, the shape only when it fits the inputs. */
static void
test_adopt_dataset (void)
{
  PsNetwork *net = test_network_new ("6,3:softmax");
  g_autoptr(PsDataset) data = ps_dataset_new ("img", 4, 6, 3);
  const char *mine[] = { "a", "b", "c", NULL };

  ps_dataset_set_image_shape (data, 3, 2);
  ps_network_adopt_dataset (net, data);
  g_assert_cmpstr (net->classes[2], ==, "2");
  g_assert_cmpuint (net->input_shape[0], ==, 2);
  g_assert_cmpuint (net->input_shape[1], ==, 3);

  ps_network_set_classes (net, mine);
  ps_network_set_input_shape (net, 0, 0);
  ps_dataset_set_image_shape (data, 5, 2);   /* 2 × 5 ≠ 6 inputs */
  ps_network_adopt_dataset (net, data);
  g_assert_cmpstr (net->classes[0], ==, "a");
  g_assert_cmpuint (net->input_shape[0], ==, 0);
  ps_network_free (net);
}

static void
test_summary (void)
{
  PsNetwork *net = test_network_new ("784,3:sigmoid,2:sigmoid,10:softmax");
  g_autofree char *summary = ps_network_summary (net);

  g_assert_cmpuint (net->n_params, ==, 2393);
  g_assert_nonnull (strstr (summary, "Total params: 2,393"));
  g_assert_nonnull (strstr (summary, "Trainable params: 2,393"));
  g_assert_nonnull (strstr (summary, "(None, 3)"));
  g_assert_nonnull (strstr (summary, "2,355"));
  g_assert_nonnull (strstr (summary, "(None, 10)"));
  g_assert_null (strstr (summary, "Flatten"));
  ps_network_set_input_shape (net, 28, 28);
  g_free (summary);
  summary = ps_network_summary (net);
  g_assert_nonnull (strstr (summary, "flatten (Flatten)"));
  ps_network_free (net);
}

/* ---- initialisation --------------------------------------------------- */

static void
test_init (void)
{
  PsNetwork *a = test_network_new ("50,40:relu,30:relu,10");
  PsNetwork *b = test_network_new ("50,40:relu,30:relu,10");
  PsRng rng;

  /* Notebook: U(−0.5, 0.5) for W and b, bias not zero. */
  ps_rng_seed (&rng, 5);
  ps_network_init (a, PS_INIT_NOTEBOOK, &rng);
  for (gsize i = 0; i < a->n_params; i++)
    {
      g_assert_cmpfloat (a->params[i], >=, -0.5f);
      g_assert_cmpfloat (a->params[i], <, 0.5f);
    }
  g_assert_cmpfloat (a->params[a->layers[0].b_offset], !=, 0.0f);
  ps_rng_seed (&rng, 5);
  ps_network_init (b, PS_INIT_NOTEBOOK, &rng);
  g_assert_cmpmem (a->params, a->n_params * 4, b->params, b->n_params * 4);

  for (int init = PS_INIT_GLOROT; init <= PS_INIT_HE; init++)
    {
      ps_rng_seed (&rng, 6);
      ps_network_init (a, init, &rng);
      for (guint l = 0; l < a->n_layers; l++)
        {
          const PsLayer *layer = &a->layers[l];
          double limit = init == PS_INIT_GLOROT
                         ? sqrt (6.0 / (layer->inputs + layer->units))
                         : sqrt (6.0 / layer->inputs);
          double sum2 = 0;
          gsize n = (gsize) layer->inputs * layer->units;

          for (gsize i = 0; i < n; i++)
            {
              float w = a->params[layer->w_offset + i];
              g_assert_cmpfloat (fabsf (w), <=, limit);
              sum2 += (double) w * w;
            }
          /* U(−l, l) has variance l²/3. */
          g_assert_cmpfloat (fabs (sum2 / n / (limit * limit / 3) - 1.0), <, 0.2);
          for (guint j = 0; j < layer->units; j++)
            g_assert_cmpfloat (a->params[layer->b_offset + j], ==, 0.0f);
        }
    }
  ps_network_free (a);
  ps_network_free (b);
}

/* ---- known answers ---------------------------------------------------- */

/* The textbook XOR: h1 = OR, h2 = AND, out = h1 ∧ ¬h2, with step units. */
static void
test_known_xor_step (void)
{
  PsNetwork *net = test_network_new ("2,2:step,1:step");
  const float params[] = {
    1, 1,      /* W1 row x1: → h1, → h2 */
    1, 1,      /* W1 row x2 */
    -0.5, -1.5,/* b1 */
    1, -1,     /* W2 */
    -0.5,      /* b2 */
  };
  const float x[] = { 0, 0, 0, 1, 1, 0, 1, 1 };
  const float want[] = { 0, 1, 1, 0 };
  float out[4];
  PsWorkspace *ws = ps_workspace_new (net, 4);
  const float *y;

  g_assert_cmpuint (net->n_params, ==, G_N_ELEMENTS (params));
  memcpy (net->params, params, sizeof params);
  ps_network_predict (net, x, 4, out);
  y = ps_network_forward (net, ws, x, 4);
  for (int i = 0; i < 4; i++)
    {
      g_assert_cmpfloat (out[i], ==, want[i]);
      g_assert_cmpfloat (y[i], ==, want[i]);
      g_assert_cmpuint (ps_network_classify_row (net, &out[i]), ==, (guint) want[i]);
    }
  /* Exactly 0 is "not > 0": the notebook's piecewise. */
  net->params[8] = -1.0f;
  ps_network_predict (net, x + 2, 1, out);   /* h1 = 1, h2 = 0 → z = 0 */
  g_assert_cmpfloat (out[0], ==, 0.0f);
  ps_workspace_free (ws);
  ps_network_free (net);
}

static void
test_known_activations (void)
{
  static const struct { PsActivation act; float z[3]; float y[3]; } cases[] = {
    { PS_ACTIVATION_LINEAR, { -2, 0.5, 3 }, { -2, 0.5, 3 } },
    { PS_ACTIVATION_SIGMOID, { -1, 0, 2 }, { 0.26894142f, 0.5f, 0.88079708f } },
    { PS_ACTIVATION_TANH, { -1, 0, 0.5 }, { -0.76159416f, 0.0f, 0.46211716f } },
    { PS_ACTIVATION_RELU, { -1, 0, 2.5 }, { 0, 0, 2.5 } },
    { PS_ACTIVATION_STEP, { -1, 0, 1e-6f }, { 0, 0, 1 } },
    { PS_ACTIVATION_SOFTMAX, { 1, 2, 3 }, { 0.09003057f, 0.24472847f, 0.66524096f } },
    /* Large logits must not overflow. */
    { PS_ACTIVATION_SOFTMAX, { 1000, 1000, 0 }, { 0.5f, 0.5f, 0.0f } },
  };

  for (gsize c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      guint units[] = { 1, 3 };
      PsActivation acts[] = { cases[c].act };
      PsNetwork *net = ps_network_new (units, acts, 2);
      float x = 1.0f, out[3];

      /* W = 0, b = z: the output is f(z). */
      for (int j = 0; j < 3; j++)
        net->params[net->layers[0].b_offset + j] = cases[c].z[j];
      ps_network_predict (net, &x, 1, out);
      for (int j = 0; j < 3; j++)
        g_assert_cmpfloat_with_epsilon (out[j], cases[c].y[j], 2e-7);
      ps_network_free (net);
    }
}

/* y = σ(x·W + b) with W = [[1], [2]], b = −1 by hand. */
static void
test_known_dense (void)
{
  PsNetwork *net = test_network_new ("2,1:sigmoid");
  const float x[] = { 1, 1, 0.5f, -1 };
  float out[2];

  net->params[0] = 1.0f;
  net->params[1] = 2.0f;
  net->params[2] = -1.0f;
  ps_network_predict (net, x, 2, out);
  g_assert_cmpfloat_with_epsilon (out[0], 1.0 / (1.0 + exp (-2.0)), 1e-7);
  g_assert_cmpfloat_with_epsilon (out[1], 1.0 / (1.0 + exp (2.5)), 1e-7);
  g_assert_cmpuint (ps_network_classify_row (net, &out[0]), ==, 1);
  g_assert_cmpuint (ps_network_classify_row (net, &out[1]), ==, 0);
  ps_network_free (net);
}

static void
test_classify (void)
{
  PsNetwork *one = test_network_new ("2,1");
  PsNetwork *three = test_network_new ("2,3");
  const float half = 0.5f, above = 0.5000001f;
  const float row[] = { 0.1f, 0.7f, 0.2f };
  const float tie[] = { 0.4f, 0.2f, 0.4f };

  g_assert_cmpuint (ps_network_classify_row (one, &half), ==, 0);
  g_assert_cmpuint (ps_network_classify_row (one, &above), ==, 1);
  g_assert_cmpuint (ps_network_classify_row (three, row), ==, 1);
  g_assert_cmpuint (ps_network_classify_row (three, tie), ==, 0);
  ps_network_free (one);
  ps_network_free (three);
}

static void
test_checks (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PsDataset) xor = ps_dataset_new_gate ("xor", NULL);
  g_autoptr (PsDataset) three = ps_dataset_new ("three", 4, 2, 3);
  PsNetwork *n31 = test_network_new ("3,1");
  PsNetwork *n21 = test_network_new ("2,1:sigmoid");
  PsNetwork *n22 = test_network_new ("2,2:softmax");
  PsNetwork *n2lin = test_network_new ("2,1:linear");

  g_assert_nonnull (xor);
  g_assert_true (ps_network_check_dataset (n21, xor, &error));
  g_assert_no_error (error);
  g_assert_false (ps_network_check_dataset (n31, xor, &error));
  g_assert_error (error, PS_NETWORK_ERROR, PS_NETWORK_ERROR_MISMATCH);
  g_assert_nonnull (strstr (error->message, "3 inputs"));
  g_clear_error (&error);
  ps_dataset_get_labels_writable (three)[3] = 2;
  g_assert_false (ps_network_check_dataset (n21, three, &error));
  g_assert_error (error, PS_NETWORK_ERROR, PS_NETWORK_ERROR_MISMATCH);
  g_clear_error (&error);
  g_assert_false (ps_network_check_dataset (n22, three, &error));
  g_assert_error (error, PS_NETWORK_ERROR, PS_NETWORK_ERROR_MISMATCH);
  g_clear_error (&error);

  g_assert_true (ps_network_check_loss (n22, PS_LOSS_CROSS_ENTROPY, NULL));
  g_assert_true (ps_network_check_loss (n21, PS_LOSS_BINARY_CROSS_ENTROPY, NULL));
  g_assert_true (ps_network_check_loss (n2lin, PS_LOSS_MSE, NULL));
  g_assert_false (ps_network_check_loss (n21, PS_LOSS_CROSS_ENTROPY, &error));
  g_assert_error (error, PS_NETWORK_ERROR, PS_NETWORK_ERROR_SPEC);
  g_assert_nonnull (strstr (error->message, "softmax"));
  g_clear_error (&error);
  g_assert_false (ps_network_check_loss (n2lin, PS_LOSS_BINARY_CROSS_ENTROPY, &error));
  g_assert_error (error, PS_NETWORK_ERROR, PS_NETWORK_ERROR_SPEC);

  g_assert_true (ps_network_is_finite (n21));
  n21->params[1] = NAN;
  g_assert_false (ps_network_is_finite (n21));
  n21->params[1] = -INFINITY;
  g_assert_false (ps_network_is_finite (n21));

  ps_network_free (n31);
  ps_network_free (n21);
  ps_network_free (n22);
  ps_network_free (n2lin);
}

/* ---- finite-difference gradient checks -------------------------------- */

/* The objective whose gradient ps_network_gradient() returns, computed here
 * independently (in double) from the network's outputs. */
static double
objective (const PsNetwork *net,
           PsWorkspace     *ws,
           const float     *x,
           const guint32   *labels,
           gsize            batch,
           PsLoss           loss,
           PsReduction      reduction)
{
  guint k = ps_network_n_outputs (net);
  const float *y = ps_network_forward (net, ws, x, batch);
  double total = 0;

  for (gsize r = 0; r < batch; r++)
    for (guint j = 0; j < k; j++)
      {
        double t = k == 1 ? labels[r] : (labels[r] == j);
        double v = y[r * k + j];

        switch (loss)
          {
          case PS_LOSS_MSE:
            total += reduction == PS_REDUCTION_SUM ? 0.5 * (v - t) * (v - t) : (v - t) * (v - t);
            break;
          case PS_LOSS_CROSS_ENTROPY:
            if (t == 1.0)
              total -= log (v);
            break;
          case PS_LOSS_BINARY_CROSS_ENTROPY:
            total -= t * log (v) + (1 - t) * log (1 - v);
            break;
          }
      }
  if (reduction == PS_REDUCTION_MEAN)
    total /= loss == PS_LOSS_CROSS_ENTROPY ? batch : batch * k;
  return total;
}

typedef struct
{
  const char  *spec;
  PsLoss       loss;
} GradCase;

static void
check_gradient (const char  *spec,
                PsLoss       loss,
                PsReduction  reduction,
                guint64      seed)
{
  PsNetwork *net = test_network_new (spec);
  guint k = ps_network_n_outputs (net);
  const gsize batch = 6;
  g_autoptr (PsDataset) data = NULL;
  PsWorkspace *ws = ps_workspace_new (net, batch);
  g_autofree float *grad = g_new (float, net->n_params);
  g_autofree float *grad2 = g_new (float, net->n_params);
  PsRng rng;
  double loss_sum, expect_sum = 0, max_abs = 0;
  guint correct = 0, skipped = 0;
  const float h = 2e-3f;

  g_assert_true (ps_network_check_loss (net, loss, NULL));
  ps_rng_seed (&rng, seed);
  ps_network_init (net, PS_INIT_NOTEBOOK, &rng);
  /* Larger weights than the notebook's make every unit matter. */
  for (gsize i = 0; i < net->n_params; i++)
    net->params[i] *= 3.0f;
  data = test_dataset_random (&rng, batch, net->n_inputs, MAX (k, 2));

  loss_sum = ps_network_gradient (net, ws, ps_dataset_get_x (data), ps_dataset_get_labels (data), batch, loss,
                                  reduction, grad, &correct);
  {
    const float *y = ps_network_forward (net, ws, ps_dataset_get_x (data), batch);
    expect_sum = ps_loss_compute (loss, y, ps_dataset_get_labels (data), batch, k, NULL);
  }
  g_assert_cmpfloat_with_epsilon (loss_sum, expect_sum, 1e-9 * (1 + fabs (expect_sum)));
  g_assert_cmpuint (correct, <=, batch);

  for (gsize i = 0; i < net->n_params; i++)
    max_abs = MAX (max_abs, fabs (grad[i]));

  for (gsize i = 0; i < net->n_params; i++)
    {
      float p = net->params[i];
      double f0, fp, fm, central, fwd, bwd, tol;

      f0 = objective (net, ws, ps_dataset_get_x (data), ps_dataset_get_labels (data), batch, loss, reduction);
      net->params[i] = p + h;
      fp = objective (net, ws, ps_dataset_get_x (data), ps_dataset_get_labels (data), batch, loss, reduction);
      net->params[i] = p - h;
      fm = objective (net, ws, ps_dataset_get_x (data), ps_dataset_get_labels (data), batch, loss, reduction);
      net->params[i] = p;

      /* The step actually taken in float. */
      central = (fp - fm) / ((double) (p + h) - (double) (p - h));
      fwd = (fp - f0) / ((double) (p + h) - p);
      bwd = (f0 - fm) / (p - (double) (p - h));
      tol = 2e-3 * MAX (max_abs, 1e-3) + 2e-2 * fabs (central);

      /* A ReLU kink within ±h: one-sided slopes disagree; skip that one. */
      if (fabs (fwd - bwd) > 4 * tol)
        {
          skipped++;
          continue;
        }
      if (fabs (central - grad[i]) > tol)
        g_error ("%s %s %s: d/dparam[%" G_GSIZE_FORMAT "] = %.7g, finite difference %.7g",
                 spec, ps_loss_to_string (loss),
                 reduction == PS_REDUCTION_SUM ? "sum" : "mean", i, grad[i], central);
    }
  g_assert_cmpuint (skipped, <=, net->n_params / 10);
  g_assert_cmpfloat (max_abs, >, 0.0);

  /* Accumulation in two chunks gives the same gradient as one pass. */
  ps_network_gradient_full (net, ws, ps_dataset_get_x (data), ps_dataset_get_labels (data),
                            2, loss, reduction, batch, FALSE, grad2, NULL, NULL);
  ps_network_gradient_full (net, ws, ps_dataset_get_x (data) + 2 * net->n_inputs,
                            ps_dataset_get_labels (data) + 2,
                            batch - 2, loss, reduction, batch, TRUE, grad2, NULL, NULL);
  for (gsize i = 0; i < net->n_params; i++)
    g_assert_cmpfloat (fabsf (grad[i] - grad2[i]), <=, 1e-5f * (1.0f + fabsf (grad[i])));

  ps_workspace_free (ws);
  ps_network_free (net);
}

static void
test_gradients (void)
{
  static const GradCase cases[] = {
    /* MSE with every output activation that is differentiable. */
    { "3,4:sigmoid,2:sigmoid", PS_LOSS_MSE },
    { "3,4:tanh,2:tanh", PS_LOSS_MSE },
    { "3,4:relu,2:relu", PS_LOSS_MSE },
    { "3,4:linear,2:linear", PS_LOSS_MSE },
    { "3,4:sigmoid,3:softmax", PS_LOSS_MSE },
    { "3,4:tanh,1:sigmoid", PS_LOSS_MSE },
    { "3,1:sigmoid", PS_LOSS_MSE },
    { "3,1:linear", PS_LOSS_MSE },
    /* Cross-entropy, fused with softmax, behind every hidden activation. */
    { "3,4:sigmoid,3:softmax", PS_LOSS_CROSS_ENTROPY },
    { "3,4:tanh,3:softmax", PS_LOSS_CROSS_ENTROPY },
    { "3,5:relu,4:relu,3:softmax", PS_LOSS_CROSS_ENTROPY },
    { "3,4:linear,2:softmax", PS_LOSS_CROSS_ENTROPY },
    { "3,4:softmax,3:softmax", PS_LOSS_CROSS_ENTROPY },
    { "3,3:softmax", PS_LOSS_CROSS_ENTROPY },
    /* Binary cross-entropy: fused with sigmoid, generic through softmax. */
    { "3,4:tanh,1:sigmoid", PS_LOSS_BINARY_CROSS_ENTROPY },
    { "3,4:relu,3:sigmoid", PS_LOSS_BINARY_CROSS_ENTROPY },
    { "3,4:sigmoid,3:softmax", PS_LOSS_BINARY_CROSS_ENTROPY },
    { "3,1:sigmoid", PS_LOSS_BINARY_CROSS_ENTROPY },
  };

  for (gsize c = 0; c < G_N_ELEMENTS (cases); c++)
    for (guint64 seed = 1; seed <= 3; seed++)
      {
        check_gradient (cases[c].spec, cases[c].loss, PS_REDUCTION_SUM, seed * 31 + c);
        check_gradient (cases[c].spec, cases[c].loss, PS_REDUCTION_MEAN, seed * 37 + c);
      }
}

/* ---- the notebook's update -------------------------------------------- */

static double
sigmoid (double z)
{
  return 1.0 / (1.0 + exp (-z));
}

/* The notebook's MultilayerPerceptron.learn in double, for sigmoid layers:
 *   S[0] = X ; S[i] = σ(S[i−1] W[i] + b[i])
 *   δ = (y − ŷ) ⊙ S(1 − S) ; ΔW = α S[L−1]ᵀ δ ; Δb = α 1ᵀ δ
 *   δ = δ W[i+1]ᵀ ⊙ S[i](1 − S[i]) ...   then W += ΔW, b += Δb. */
static void
notebook_learn (double          *params,
                const PsNetwork *net,
                const float     *x,
                const guint32   *y,
                guint            n,
                double           alpha)
{
  guint L = net->n_layers;
  g_autofree double **S = g_new0 (double *, L + 1);
  g_autofree double **delta = g_new0 (double *, L + 1);
  g_autofree double *update = g_new0 (double, net->n_params);

  S[0] = g_new (double, n * net->n_inputs);
  for (guint i = 0; i < n * net->n_inputs; i++)
    S[0][i] = x[i];
  for (guint l = 1; l <= L; l++)
    {
      const PsLayer *layer = &net->layers[l - 1];

      S[l] = g_new0 (double, n * layer->units);
      for (guint r = 0; r < n; r++)
        for (guint j = 0; j < layer->units; j++)
          {
            double z = params[layer->b_offset + j];
            for (guint i = 0; i < layer->inputs; i++)
              z += S[l - 1][r * layer->inputs + i] * params[layer->w_offset + i * layer->units + j];
            S[l][r * layer->units + j] = sigmoid (z);
          }
    }
  for (guint l = L; l >= 1; l--)
    {
      const PsLayer *layer = &net->layers[l - 1];

      delta[l] = g_new0 (double, n * layer->units);
      for (guint r = 0; r < n; r++)
        for (guint j = 0; j < layer->units; j++)
          {
            double s = S[l][r * layer->units + j], d;

            if (l == L)
              d = (double) y[r] - s;   /* one output unit */
            else
              {
                const PsLayer *next = &net->layers[l];
                d = 0;
                for (guint k = 0; k < next->units; k++)
                  d += delta[l + 1][r * next->units + k]
                       * params[next->w_offset + j * next->units + k];
              }
            delta[l][r * layer->units + j] = d * s * (1 - s);
          }
      for (guint i = 0; i < layer->inputs; i++)
        for (guint j = 0; j < layer->units; j++)
          for (guint r = 0; r < n; r++)
            update[layer->w_offset + i * layer->units + j] +=
              alpha * S[l - 1][r * layer->inputs + i] * delta[l][r * layer->units + j];
      for (guint j = 0; j < layer->units; j++)
        for (guint r = 0; r < n; r++)
          update[layer->b_offset + j] += alpha * delta[l][r * layer->units + j];
    }
  for (gsize p = 0; p < net->n_params; p++)
    params[p] += update[p];
  for (guint l = 0; l <= L; l++)
    {
      g_free (S[l]);
      g_free (delta[l]);
    }
}

static void
check_notebook_step (const char *spec,
                     const char *gate,
                     guint       steps,
                     guint64     seed)
{
  g_autoptr (PsDataset) data = ps_dataset_new_gate (gate, NULL);
  const float *x = ps_dataset_get_x (data);
  const guint32 *labels = ps_dataset_get_labels (data);
  gsize n = ps_dataset_get_n_samples (data);
  PsNetwork *net = test_network_new (spec);
  PsNetwork *via_trainer;
  PsWorkspace *ws = ps_workspace_new (net, n);
  g_autofree float *grad = g_new (float, net->n_params);
  g_autofree double *ref = g_new (double, net->n_params);
  PsOptimizerConfig oc;
  PsOptimizer *opt;
  PsTrainConfig tc;
  PsTrainer *trainer;
  PsRng rng;
  g_autoptr (GError) error = NULL;

  ps_rng_seed (&rng, seed);
  ps_network_init (net, PS_INIT_NOTEBOOK, &rng);
  via_trainer = ps_network_copy (net);
  for (gsize p = 0; p < net->n_params; p++)
    ref[p] = net->params[p];

  ps_optimizer_config_init (&oc, PS_OPTIMIZER_SGD);
  oc.lr = 0.5;
  opt = ps_optimizer_new (&oc, net->n_params);
  for (guint s = 0; s < steps; s++)
    {
      ps_network_gradient (net, ws, x, labels, n, PS_LOSS_MSE, PS_REDUCTION_SUM, grad, NULL);
      ps_optimizer_step (opt, net->params, grad);
      notebook_learn (ref, net, x, labels, n, 0.5);
    }

  /* The same through the trainer: full batch, no shuffle, SGD, MSE, sum. */
  ps_train_config_init (&tc);
  tc.loss = PS_LOSS_MSE;
  tc.reduction = PS_REDUCTION_SUM;
  tc.optimizer = oc;
  tc.batch_size = 0;
  tc.epochs = steps;
  tc.shuffle = FALSE;
  trainer = ps_trainer_new (via_trainer, data, NULL, &tc, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ps_trainer_run (trainer, 0, &error), ==, PS_TRAIN_FINISHED);
  g_assert_no_error (error);

  for (gsize p = 0; p < net->n_params; p++)
    {
      /* Float against double: a few float ulps per step. */
      double tol = 2e-6 * steps * (1 + fabs (ref[p]));

      if (fabs (net->params[p] - ref[p]) > tol || fabs (via_trainer->params[p] - ref[p]) > tol)
        g_error ("%s on %s, %u steps: param %" G_GSIZE_FORMAT ": ours %.9g, trainer %.9g, "
                 "notebook %.9g", spec, gate, steps, p, net->params[p],
                 via_trainer->params[p], ref[p]);
    }
  /* The step really moved the weights (the test can fail). */
  {
    PsNetwork *init = test_network_new (spec);
    double moved = 0;

    ps_rng_seed (&rng, seed);
    ps_network_init (init, PS_INIT_NOTEBOOK, &rng);
    for (gsize p = 0; p < net->n_params; p++)
      moved += fabs (net->params[p] - init->params[p]);
    g_assert_cmpfloat (moved, >, 1e-3);
    ps_network_free (init);
  }

  ps_trainer_free (trainer);
  ps_optimizer_free (opt);
  ps_workspace_free (ws);
  ps_network_free (via_trainer);
  ps_network_free (net);
}

static void
test_notebook_update (void)
{
  for (guint64 seed = 1; seed <= 5; seed++)
    {
      check_notebook_step ("2,3:sigmoid,1:sigmoid", "xor", 1, seed);
      check_notebook_step ("3,2:sigmoid,1:sigmoid", "or3", 1, seed);
      check_notebook_step ("2,2:sigmoid,2:sigmoid,1:sigmoid", "xor", 1, seed);
    }
  check_notebook_step ("2,3:sigmoid,1:sigmoid", "xor", 20, 9);
}

/* The perceptron: ΔW = α Xᵀ(y − ŷ), Δb = α Σ (y − ŷ), by hand. */
static void
test_delta_rule (void)
{
  g_autoptr (PsDataset) data = ps_dataset_new_gate ("and3", NULL);
  g_autoptr (GError) error = NULL;
  PsNetwork *net = test_network_new ("3,1:step");
  float before[4], yhat[8];
  PsTrainConfig tc;
  PsTrainer *trainer;
  const double alpha = 0.1;
  gboolean any_error = FALSE;

  /* Weights that misclassify several rows. */
  net->params[0] = 0.3f;
  net->params[1] = -0.2f;
  net->params[2] = 0.1f;
  net->params[3] = -0.05f;
  memcpy (before, net->params, sizeof before);
  ps_network_predict (net, ps_dataset_get_x (data), 8, yhat);

  ps_train_config_init (&tc);
  ps_optimizer_config_init (&tc.optimizer, PS_OPTIMIZER_DELTA);
  tc.optimizer.lr = alpha;
  tc.reduction = PS_REDUCTION_MEAN;   /* the delta rule sums regardless */
  tc.batch_size = 0;
  tc.epochs = 1;
  tc.shuffle = FALSE;
  trainer = ps_trainer_new (net, data, NULL, &tc, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ps_trainer_run (trainer, 0, &error), ==, PS_TRAIN_FINISHED);

  for (int i = 0; i < 3; i++)
    {
      double dw = 0;
      for (int r = 0; r < 8; r++)
        dw += alpha * ps_dataset_get_x (data)[r * 3 + i] * ((double) ps_dataset_get_labels (data)[r] - yhat[r]);
      g_assert_cmpfloat_with_epsilon (net->params[i], before[i] + dw, 1e-7);
    }
  {
    double db = 0;
    for (int r = 0; r < 8; r++)
      {
        db += alpha * ((double) ps_dataset_get_labels (data)[r] - yhat[r]);
        any_error |= (ps_dataset_get_labels (data)[r] != yhat[r]);
      }
    g_assert_cmpfloat_with_epsilon (net->params[3], before[3] + db, 1e-7);
  }
  g_assert_true (any_error);
  ps_trainer_free (trainer);

  /* Several step outputs: one-hot targets, the same rule per unit. */
  {
    g_autoptr (PsDataset) three = NULL;
    const float x[] = { 1, 0, 0, 1, 1, 1 };
    const guint32 labels[] = { 0, 1, 2 };
    PsNetwork *net3 = test_network_new ("2,3:step");
    g_autofree float *grad = g_new (float, net3->n_params);
    PsWorkspace *ws = ps_workspace_new (net3, 3);
    float y[9];

    three = test_dataset_new ("three", x, labels, 3, 2, 3);
    for (gsize p = 0; p < net3->n_params; p++)
      net3->params[p] = 0.1f * (float) ((p * 7) % 5) - 0.2f;
    ps_network_predict (net3, x, 3, y);
    ps_network_gradient (net3, ws, x, labels, 3, PS_LOSS_MSE, PS_REDUCTION_SUM, grad, NULL);
    for (int i = 0; i < 2; i++)
      for (int j = 0; j < 3; j++)
        {
          double g = 0;
          for (int r = 0; r < 3; r++)
            g -= x[r * 2 + i] * ((labels[r] == (guint) j) - y[r * 3 + j]);
          g_assert_cmpfloat_with_epsilon (grad[i * 3 + j], g, 1e-7);
        }
    ps_workspace_free (ws);
    ps_network_free (net3);
  }
  ps_network_free (net);
}

/* Mean reduction is the sum one divided by B (CE), B·K (MSE ×2: no ½). */
static void
test_reductions (void)
{
  PsNetwork *net = test_network_new ("3,4:tanh,2:sigmoid");
  PsWorkspace *ws = ps_workspace_new (net, 5);
  g_autofree float *gs = g_new (float, net->n_params);
  g_autofree float *gm = g_new (float, net->n_params);
  g_autoptr (PsDataset) data = NULL;
  PsRng rng;

  ps_rng_seed (&rng, 3);
  ps_network_init (net, PS_INIT_GLOROT, &rng);
  data = test_dataset_random (&rng, 5, 3, 2);
  ps_network_gradient (net, ws, ps_dataset_get_x (data), ps_dataset_get_labels (data), 5,
                       PS_LOSS_MSE, PS_REDUCTION_SUM, gs, NULL);
  ps_network_gradient (net, ws, ps_dataset_get_x (data), ps_dataset_get_labels (data), 5,
                       PS_LOSS_MSE, PS_REDUCTION_MEAN, gm, NULL);
  for (gsize p = 0; p < net->n_params; p++)
    g_assert_cmpfloat_with_epsilon (gm[p], gs[p] * 2.0f / (5 * 2), 1e-6);
  ps_workspace_free (ws);
  ps_network_free (net);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/network/spec/valid", test_spec_valid);
  g_test_add_func ("/network/spec/invalid", test_spec_invalid);
  g_test_add_func ("/network/names", test_names);
  g_test_add_func ("/network/adopt-dataset", test_adopt_dataset);
  g_test_add_func ("/network/summary", test_summary);
  g_test_add_func ("/network/init", test_init);
  g_test_add_func ("/network/known/xor-step", test_known_xor_step);
  g_test_add_func ("/network/known/activations", test_known_activations);
  g_test_add_func ("/network/known/dense", test_known_dense);
  g_test_add_func ("/network/classify", test_classify);
  g_test_add_func ("/network/checks", test_checks);
  g_test_add_func ("/network/gradients", test_gradients);
  g_test_add_func ("/network/reductions", test_reductions);
  g_test_add_func ("/network/notebook-update", test_notebook_update);
  g_test_add_func ("/network/delta-rule", test_delta_rule);
  return g_test_run ();
}
