/* test-optimizer.c: our learning rules against torch.optim (1.13), from the
 * numbers gen_torch_reference.py recorded in torch-reference.json
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <json-glib/json-glib.h>
#include <math.h>

#include "ps-optimizer.h"
#include "ps-trainer.h"
#include "test-util.h"

static JsonParser *reference;

static JsonArray *
ref_array (const char *member)
{
  JsonObject *root = json_node_get_object (json_parser_get_root (reference));
  return json_object_get_array_member (root, member);
}

static float *
floats_of (JsonArray *array,
           guint     *n)
{
  guint len = json_array_get_length (array);
  float *out = g_new (float, MAX (len, 1));

  for (guint i = 0; i < len; i++)
    out[i] = (float) json_array_get_double_element (array, i);
  if (n != NULL)
    *n = len;
  return out;
}

static PsOptimizerKind
kind_of (const char *name)
{
  PsOptimizerKind kind;

  g_assert_true (ps_optimizer_kind_from_string (name, &kind));
  return kind;
}

/* |a − b| within a few float roundings of b's size. */
static void
assert_close (const char *what,
              guint       step,
              guint       i,
              float       ours,
              float       theirs,
              double      rel,
              double     *worst)
{
  double diff = fabs ((double) ours - theirs);
  double scale = MAX (fabs (theirs), 1e-2);

  *worst = MAX (*worst, diff / scale);
  if (diff > rel * scale)
    g_error ("%s: step %u, param %u: ours %.9g, torch %.9g (relative %.3g)",
             what, step, i, ours, theirs, diff / scale);
}

static void
test_steps (void)
{
  JsonArray *cases = ref_array ("steps");
  double worst = 0;

  g_assert_cmpuint (json_array_get_length (cases), >=, 10);
  for (guint c = 0; c < json_array_get_length (cases); c++)
    {
      JsonObject *tc = json_array_get_object_element (cases, c);
      const char *name = json_object_get_string_member (tc, "name");
      PsOptimizerConfig config;
      PsOptimizer *opt;
      JsonArray *grads = json_object_get_array_member (tc, "grads");
      JsonArray *expected = json_object_get_array_member (tc, "expected");
      JsonArray *lrs = json_object_get_array_member (tc, "lr_schedule");
      g_autofree float *p = NULL;
      g_autofree float *p0 = NULL;
      guint n = 0;
      double moved = 0;

      ps_optimizer_config_init (&config, kind_of (json_object_get_string_member (tc, "kind")));
      config.lr = json_object_get_double_member (tc, "lr");
      config.momentum = json_object_get_double_member (tc, "momentum");
      config.l2 = json_object_get_double_member (tc, "l2");
      config.beta1 = json_object_get_double_member (tc, "beta1");
      config.beta2 = json_object_get_double_member (tc, "beta2");
      config.epsilon = json_object_get_double_member (tc, "epsilon");
      p = floats_of (json_object_get_array_member (tc, "initial"), &n);
      p0 = g_memdup2 (p, sizeof (float) * n);
      opt = ps_optimizer_new (&config, n);

      for (guint s = 0; s < json_array_get_length (grads); s++)
        {
          g_autofree float *g = floats_of (json_array_get_array_element (grads, s), NULL);
          g_autofree float *want = floats_of (json_array_get_array_element (expected, s), NULL);

          ps_optimizer_set_lr (opt, json_array_get_double_element (lrs, s));
          ps_optimizer_step (opt, p, g);
          g_assert_cmpuint (ps_optimizer_get_step (opt), ==, s + 1);
          for (guint i = 0; i < n; i++)
            assert_close (name, s, i, p[i], want[i], 1e-6, &worst);
        }
      for (guint i = 0; i < n; i++)
        moved += fabs (p[i] - p0[i]);
      g_assert_cmpfloat (moved, >, 1e-4);

      /* After a reset the first step is a first step again. */
      {
        g_autofree float *g = floats_of (json_array_get_array_element (grads, 0), NULL);
        g_autofree float *want = floats_of (json_array_get_array_element (expected, 0), NULL);

        ps_optimizer_reset (opt);
        ps_optimizer_set_lr (opt, json_array_get_double_element (lrs, 0));
        memcpy (p, p0, sizeof (float) * n);
        ps_optimizer_step (opt, p, g);
        for (guint i = 0; i < n; i++)
          assert_close (name, 0, i, p[i], want[i], 1e-6, &worst);
      }
      ps_optimizer_free (opt);
    }
  g_test_message ("optimizer steps: worst relative difference from torch %.3g", worst);
}

static void
test_training (void)
{
  JsonArray *cases = ref_array ("training");
  double worst = 0;

  g_assert_cmpuint (json_array_get_length (cases), >=, 5);
  for (guint c = 0; c < json_array_get_length (cases); c++)
    {
      JsonObject *tc = json_array_get_object_element (cases, c);
      const char *name = json_object_get_string_member (tc, "name");
      PsNetwork *net = test_network_new (json_object_get_string_member (tc, "spec"));
      JsonArray *labels_json = json_object_get_array_member (tc, "labels");
      guint n = json_array_get_length (labels_json), n_init = 0, n_want = 0;
      guint k = ps_network_n_outputs (net);
      g_autofree float *x = floats_of (json_object_get_array_member (tc, "x"), NULL);
      g_autofree float *init = floats_of (json_object_get_array_member (tc, "initial"), &n_init);
      g_autofree float *want = floats_of (json_object_get_array_member (tc, "expected"), &n_want);
      g_autofree guint32 *labels = g_new (guint32, n);
      g_autoptr (PsDataset) data = NULL;
      g_autoptr (GError) error = NULL;
      PsTrainConfig config;
      PsTrainer *trainer;
      double moved = 0;

      for (guint i = 0; i < n; i++)
        labels[i] = (guint32) json_array_get_int_element (labels_json, i);
      data = test_dataset_new (name, x, labels, n, net->n_inputs, MAX (k, 2));
      g_assert_cmpuint (n_init, ==, net->n_params);
      g_assert_cmpuint (n_want, ==, net->n_params);
      memcpy (net->params, init, sizeof (float) * n_init);

      ps_train_config_init (&config);
      g_assert_true (ps_loss_from_string (json_object_get_string_member (tc, "loss"), &config.loss));
      config.reduction = g_str_equal (json_object_get_string_member (tc, "reduction"), "sum")
                         ? PS_REDUCTION_SUM : PS_REDUCTION_MEAN;
      ps_optimizer_config_init (&config.optimizer,
                                kind_of (json_object_get_string_member (tc, "optimizer")));
      config.optimizer.lr = json_object_get_double_member (tc, "lr");
      config.optimizer.momentum = json_object_get_double_member (tc, "momentum");
      config.optimizer.l2 = json_object_get_double_member (tc, "l2");
      config.batch_size = (guint) json_object_get_int_member (tc, "batch");
      config.epochs = (guint) json_object_get_int_member (tc, "epochs");
      config.shuffle = FALSE;

      trainer = ps_trainer_new (net, data, NULL, &config, &error);
      g_assert_no_error (error);
      g_assert_cmpint (ps_trainer_run (trainer, 0, &error), ==, PS_TRAIN_FINISHED);
      g_assert_no_error (error);
      g_assert_cmpuint (ps_trainer_get_epoch (trainer), ==, config.epochs);

      for (guint i = 0; i < net->n_params; i++)
        {
          moved += fabs (want[i] - init[i]);
          /* Many steps of float arithmetic done in a different order. */
          assert_close (name, config.epochs, i, net->params[i], want[i], 2e-5, &worst);
        }
      g_assert_cmpfloat (moved, >, 1e-2);
      ps_trainer_free (trainer);
      ps_network_free (net);
    }
  g_test_message ("training runs: worst relative difference from torch %.3g", worst);
}

int
main (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;
  int ret;

  g_test_init (&argc, &argv, NULL);
  path = g_build_filename (ENGINE_TEST_DIR, "torch-reference.json", NULL);
  reference = json_parser_new ();
  if (!json_parser_load_from_file (reference, path, &error))
    g_error ("%s: %s", path, error->message);

  g_test_add_func ("/optimizer/torch-steps", test_steps);
  g_test_add_func ("/optimizer/torch-training", test_training);
  ret = g_test_run ();
  g_object_unref (reference);
  return ret;
}
