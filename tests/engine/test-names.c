/* test-names.c: the one name table per engine enum
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ps-names.h"

#include <locale.h>
#include <libintl.h>

static const PsEnumKind kinds[] = {
  PS_ENUM_ACTIVATION, PS_ENUM_LOSS, PS_ENUM_REDUCTION,
  PS_ENUM_SCALING, PS_ENUM_OPTIMIZER, PS_ENUM_INIT, PS_ENUM_EXPORT_FORMAT,
};

/* Every name parses back to the value at its position, and every value's
 * position and name agree: the dropdowns, the CLI and the files meet. */
static void
test_round_trip (void)
{
  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      const char *const *names = ps_enum_names (kinds[k]);
      guint n = ps_enum_n_values (kinds[k]);

      g_assert_cmpuint (g_strv_length ((char **) names), ==, n);
      for (guint i = 0; i < n; i++)
        {
          int v = -1;

          g_assert_true (ps_enum_from_name (kinds[k], names[i], &v));
          g_assert_cmpint (v, ==, ps_enum_value_at (kinds[k], i));
          g_assert_cmpuint (ps_enum_index_of (kinds[k], v), ==, i);
          g_assert_cmpstr (ps_enum_to_name (kinds[k], v), ==, names[i]);
          g_assert_cmpstr (ps_enum_label (kinds[k], v), !=, "?");
        }
      g_assert_false (ps_enum_from_name (kinds[k], "no-such-name", NULL));
      g_assert_false (ps_enum_from_name (kinds[k], NULL, NULL));
      g_assert_null (ps_enum_to_name (kinds[k], 99));
    }
}

/* The fixed orders the training panel's dropdowns rely on. */
static void
test_display_order (void)
{
  const char *reductions[] = { "sum", "mean", NULL };
  const char *optimizers[] = { "delta", "sgd", "momentum", "nesterov", "adam", NULL };
  const char *scalings[] = { "none", "unit", "standard", NULL };

  g_assert_true (g_strv_equal (ps_enum_names (PS_ENUM_REDUCTION), reductions));
  g_assert_true (g_strv_equal (ps_enum_names (PS_ENUM_OPTIMIZER), optimizers));
  g_assert_true (g_strv_equal (ps_enum_names (PS_ENUM_SCALING), scalings));
  g_assert_cmpint (ps_enum_value_at (PS_ENUM_REDUCTION, 0), ==, PS_REDUCTION_SUM);
  g_assert_cmpint (ps_enum_value_at (PS_ENUM_REDUCTION, 7), ==, PS_REDUCTION_SUM);
  g_assert_cmpstr (ps_enum_label (PS_ENUM_REDUCTION, PS_REDUCTION_MEAN), ==, "Averaged (Keras)");
}

static void
test_typed (void)
{
  PsReduction r = PS_REDUCTION_SUM;
  PsLoss loss = PS_LOSS_MSE;
  PsScaling sc = PS_SCALING_NONE;

  g_assert_true (ps_reduction_from_string ("MEAN", &r));
  g_assert_cmpint (r, ==, PS_REDUCTION_MEAN);
  g_assert_cmpstr (ps_reduction_to_string (PS_REDUCTION_SUM), ==, "sum");
  g_assert_true (ps_loss_from_string ("sparse_categorical_crossentropy", &loss));
  g_assert_cmpint (loss, ==, PS_LOSS_CROSS_ENTROPY);
  g_assert_cmpstr (ps_loss_to_string (loss), ==, "cross-entropy");
  g_assert_true (ps_scaling_from_string ("standard", &sc));
  g_assert_cmpint (sc, ==, PS_SCALING_STANDARD);
  g_assert_cmpstr (ps_optimizer_kind_to_string (PS_OPTIMIZER_NESTEROV), ==, "nesterov");
}

/* The labels are the catalogue's: with the build tree's Spanish one bound,
 * as the app binds it, they read as the panels show them. */
static void
test_label_translated (void)
{
  g_autofree char *mo = g_build_filename (PS_BUILD_LOCALEDIR, "es", "LC_MESSAGES",
                                          GETTEXT_PACKAGE ".mo", NULL);

  if (!g_file_test (mo, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("no compiled Spanish catalogue in the build tree");
      return;
    }
  if (setlocale (LC_ALL, "C.UTF-8") == NULL)
    {
      g_test_skip ("no C.UTF-8 locale");
      return;
    }
  g_setenv ("LANGUAGE", "es", TRUE);
  bindtextdomain (GETTEXT_PACKAGE, PS_BUILD_LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");

  /* msgctxt "activation": not the training panel's Step (an epoch) */
  g_assert_cmpstr (ps_enum_label (PS_ENUM_ACTIVATION, PS_ACTIVATION_STEP), ==, "Escalón");
  g_assert_cmpstr (ps_enum_label (PS_ENUM_ACTIVATION, PS_ACTIVATION_SIGMOID), ==, "Sigmoide");
  g_assert_cmpstr (ps_enum_label (PS_ENUM_LOSS, PS_LOSS_MSE), ==, "Error cuadrático medio");
  g_assert_cmpstr (ps_enum_label (PS_ENUM_REDUCTION, PS_REDUCTION_SUM), ==, "Sumado (cuaderno)");
  /* the stored names never change with the language */
  g_assert_cmpstr (ps_enum_to_name (PS_ENUM_LOSS, PS_LOSS_MSE), ==, "mse");

  g_unsetenv ("LANGUAGE");
  setlocale (LC_ALL, "C");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/names/round-trip", test_round_trip);
  g_test_add_func ("/names/display-order", test_display_order);
  g_test_add_func ("/names/typed", test_typed);
  g_test_add_func ("/names/label-translated", test_label_translated);
  return g_test_run ();
}
