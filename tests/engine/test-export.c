/* test-export.c: ps-export, the PyTorch and Keras exports
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Python files themselves are run by tests/cli/test_export.py; here:
 * the format names, exact weights in the text, refusals that a model file
 * cannot carry (NaN), the training settings in compile(), and a failed
 * write that leaves the old file.
 */
#include "config.h"

#include "ps-export.h"
#include "ps-names.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

static PsNetwork *
hand_net (void)
{
  PsNetwork *net = ps_network_new_from_spec ("2,2:step,1:sigmoid", NULL);

  g_assert_nonnull (net);
  for (gsize i = 0; i < net->n_params; i++)
    net->params[i] = 0.1f * (float) (i + 1) - 0.35f;
  net->params[0] = 0.1f;              /* 0.1f is not 0.1: its shortest digits */
  net->params[1] = -0.0f;             /* the sign survives */
  net->params[2] = 1e-30f;
  return net;
}

static void
test_names (void)
{
  PsExportFormat f = PS_EXPORT_ONNX;

  g_assert_cmpstr (ps_export_format_to_string (PS_EXPORT_PYTORCH), ==, "pytorch");
  g_assert_cmpstr (ps_export_format_to_string (PS_EXPORT_KERAS), ==, "keras");
  g_assert_cmpstr (ps_export_format_to_string (PS_EXPORT_ONNX), ==, "onnx");
  g_assert_true (ps_export_format_from_string ("Keras", &f));
  g_assert_cmpint (f, ==, PS_EXPORT_KERAS);
  g_assert_false (ps_export_format_from_string ("tensorflow", &f));
  g_assert_false (ps_export_format_from_string (NULL, &f));
  g_assert_cmpint (f, ==, PS_EXPORT_KERAS);
  g_assert_cmpuint (ps_enum_n_values (PS_ENUM_EXPORT_FORMAT), ==, 3);
  g_assert_cmpstr (ps_enum_label (PS_ENUM_EXPORT_FORMAT, PS_EXPORT_PYTORCH), ==, "PyTorch (Python)");
  g_assert_cmpstr (ps_export_format_extension (PS_EXPORT_KERAS), ==, ".py");
  g_assert_cmpstr (ps_export_format_extension (PS_EXPORT_ONNX), ==, ".onnx");
}

static void
test_pytorch_text (void)
{
  PsNetwork *net = hand_net ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = ps_export_pytorch_source (net, &error);

  g_assert_no_error (error);
  g_assert_nonnull (strstr (text, "nn.Linear(2, 2),\n    Step(),\n    nn.Linear(2, 1),\n    nn.Sigmoid(),\n)"));
  g_assert_nonnull (strstr (text, "return (z > 0).to(z.dtype)"));
  /* W row 0 is [0.1, -0.0]; row 1 starts with 1e-30 */
  g_assert_nonnull (strstr (text, "([[0.1, -0.0],\n      [1e-30, "));
  g_assert_nonnull (strstr (text, "SHIFT = None\nSCALE = None\n"));
  g_assert_nonnull (strstr (text, "CLASSES = None\n"));
  ps_network_free (net);
}

static void
test_keras_settings (void)
{
  PsNetwork *net = hand_net ();
  PsOptimizerConfig adam;
  g_autofree char *plain = NULL;
  g_autofree char *with = NULL;
  const char *const classes[] = { "no \"quote\"", "sí", NULL };

  ps_network_set_classes (net, classes);
  ps_network_set_loss (net, PS_LOSS_BINARY_CROSS_ENTROPY);
  plain = ps_export_keras_source (net, NULL, NULL);
  g_assert_nonnull (strstr (plain, "loss=tf.keras.losses.BinaryCrossentropy()"));
  g_assert_nonnull (strstr (plain, "optimizer=tf.keras.optimizers.SGD(learning_rate=0.01)"));
  g_assert_nonnull (strstr (plain, "stores no optimizer"));
  g_assert_nonnull (strstr (plain, "CLASSES = [\"no \\\"quote\\\"\", \"sí\"]"));
  g_assert_nonnull (strstr (plain, "tf.keras.layers.Dense(2, activation=step, input_shape=[2,]),"));

  ps_optimizer_config_init (&adam, PS_OPTIMIZER_ADAM);
  adam.lr = 0.003;
  with = ps_export_keras_source (net, &adam, NULL);
  g_assert_nonnull (strstr (with, "optimizer=tf.keras.optimizers.Adam(learning_rate=0.003, beta_1=0.9, "
                                  "beta_2=0.999, epsilon=1e-08)"));
  g_assert_null (strstr (with, "stores no optimizer"));
  ps_network_free (net);
}

/* NaN has no Python literal and predicts nothing: refused, the file kept. */
static void
test_not_finite (void)
{
  PsNetwork *net = hand_net ();
  g_autofree char *dir = g_dir_make_tmp ("ps-export-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "m.py", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, "old\n", -1, NULL));
  net->params[3] = NAN;
  g_assert_null (ps_export_pytorch_source (net, &error));
  g_assert_error (error, PS_EXPORT_ERROR, PS_EXPORT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (ps_export_model (net, PS_EXPORT_KERAS, path, &error));
  g_assert_error (error, PS_EXPORT_ERROR, PS_EXPORT_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, path));
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  g_assert_cmpstr (text, ==, "old\n");
  g_clear_error (&error);

  net->params[3] = 0.5f;
  g_assert_false (ps_export_model (net, PS_EXPORT_PYTORCH, dir, &error));   /* a folder */
  g_assert_error (error, PS_EXPORT_ERROR, PS_EXPORT_ERROR_IO);
  g_clear_error (&error);
  g_assert_true (ps_export_model (net, PS_EXPORT_PYTORCH, path, &error));
  g_assert_no_error (error);

  g_unlink (path);
  g_rmdir (dir);
  ps_network_free (net);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/export/names", test_names);
  g_test_add_func ("/export/pytorch-text", test_pytorch_text);
  g_test_add_func ("/export/keras-settings", test_keras_settings);
  g_test_add_func ("/export/not-finite", test_not_finite);
  return g_test_run ();
}
