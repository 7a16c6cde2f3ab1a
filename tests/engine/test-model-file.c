/* test-model-file.c: JSON model files: exact round trip, atomic save, every
 * kind of invalid file refused with a message naming the field
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <float.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <unistd.h>

#include "ps-file.h"
#include "ps-model-file.h"
#include "test-util.h"

static void
assert_same_network (const PsNetwork *a,
                     const PsNetwork *b)
{
  g_assert_cmpuint (a->n_inputs, ==, b->n_inputs);
  g_assert_cmpuint (a->n_layers, ==, b->n_layers);
  g_assert_cmpuint (a->n_params, ==, b->n_params);
  for (guint l = 0; l < a->n_layers; l++)
    {
      g_assert_cmpuint (a->layers[l].inputs, ==, b->layers[l].inputs);
      g_assert_cmpuint (a->layers[l].units, ==, b->layers[l].units);
      g_assert_cmpint (a->layers[l].activation, ==, b->layers[l].activation);
      g_assert_cmpuint (a->layers[l].w_offset, ==, b->layers[l].w_offset);
      g_assert_cmpuint (a->layers[l].b_offset, ==, b->layers[l].b_offset);
    }
  /* Bit for bit: -0.0 and denormals included. */
  g_assert_cmpmem (a->params, a->n_params * sizeof (float), b->params, b->n_params * sizeof (float));
  g_assert_cmpint (a->loss, ==, b->loss);
  g_assert_cmpuint (a->input_shape[0], ==, b->input_shape[0]);
  g_assert_cmpuint (a->input_shape[1], ==, b->input_shape[1]);
  if (a->classes == NULL)
    g_assert_null (b->classes);
  else
    g_assert_true (g_strv_equal ((const char *const *) a->classes, (const char *const *) b->classes));
}

static void
test_round_trip (void)
{
  PsNetwork *net = test_network_new ("6,5:relu,4:tanh,3:softmax");
  const float special[] = {
    0.0f, -0.0f, 0.1f, 1.0f / 3.0f, -2.5f, FLT_MAX, -FLT_MAX, FLT_MIN, 1e-45f,
    1.17549421e-38f /* largest denormal */, 16777217.0f, 123456.789f, 3.4028233e38f,
  };
  const char *classes[] = { "setosa", "ver\"si\\color", "vírgínica\n", NULL };
  PsRng rng;

  ps_rng_seed (&rng, 77);
  ps_network_init (net, PS_INIT_GLOROT, &rng);
  for (gsize i = 0; i < net->n_params; i++)
    net->params[i] = (float) ps_rng_normal (&rng) * (float) exp (ps_rng_range (&rng, -30, 30));
  memcpy (net->params, special, sizeof special);
  ps_network_set_input_shape (net, 2, 3);
  ps_network_set_classes (net, classes);

  for (int pass = 0; pass < 2; pass++)
    {
      g_autofree char *json = ps_model_to_json (net);
      g_autoptr (GError) error = NULL;
      PsNetwork *back = ps_model_from_json (json, -1, "mem.json", &error);

      g_assert_no_error (error);
      g_assert_nonnull (back);
      assert_same_network (net, back);
      ps_network_free (back);
      /* Then without the optional fields. */
      ps_network_set_classes (net, NULL);
      ps_network_set_input_shape (net, 0, 0);
      ps_network_set_loss (net, PS_LOSS_MSE);
    }
  ps_network_free (net);
}

static void
test_format (void)
{
  PsNetwork *net = test_network_new ("2,1:step");
  g_autofree char *json = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonObject *root, *layer;
  JsonArray *weights;

  net->params[0] = 0.5f;   /* input 0 → unit 0 */
  net->params[1] = -1.0f;  /* input 1 → unit 0 */
  net->params[2] = 0.25f;
  json = ps_model_to_json (net);
  g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "format"), ==, "perceptron-studio-model");
  g_assert_cmpint (json_object_get_int_member (root, "version"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (root, "inputs"), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (root, "loss"), ==, "mse");
  g_assert_false (json_object_has_member (root, "input_shape"));
  g_assert_false (json_object_has_member (root, "classes"));
  layer = json_array_get_object_element (json_object_get_array_member (root, "layers"), 0);
  g_assert_cmpstr (json_object_get_string_member (layer, "type"), ==, "dense");
  g_assert_cmpint (json_object_get_int_member (layer, "units"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (layer, "activation"), ==, "step");
  weights = json_object_get_array_member (layer, "weights");
  g_assert_cmpuint (json_array_get_length (weights), ==, 2);   /* one row per input */
  g_assert_cmpfloat (json_array_get_double_element (json_array_get_array_element (weights, 0), 0), ==, 0.5);
  g_assert_cmpfloat (json_array_get_double_element (json_array_get_array_element (weights, 1), 0), ==, -1.0);
  g_assert_cmpfloat (json_array_get_double_element (json_object_get_array_member (layer, "bias"), 0), ==, 0.25);
  /* Short numbers where they are exact. */
  g_assert_nonnull (strstr (json, "[0.5]"));
  ps_network_free (net);
}

static void
test_save_load (void)
{
  g_autofree char *dir = g_dir_make_tmp ("ps-model-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "model.json", NULL);
  g_autofree char *missing = g_build_filename (dir, "nope", "model.json", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr (GError) error = NULL;
  PsNetwork *net = test_network_new ("4,3:sigmoid,2:softmax");
  PsNetwork *back;
  PsRng rng;

  ps_rng_seed (&rng, 1);
  ps_network_init (net, PS_INIT_NOTEBOOK, &rng);
  g_assert_true (ps_model_save (net, path, &error));
  g_assert_no_error (error);
  back = ps_model_load (path, &error);
  g_assert_no_error (error);
  assert_same_network (net, back);
  ps_network_free (back);

  /* A failing save leaves the old file as it was. */
  g_assert_true (g_file_get_contents (path, &before, NULL, NULL));
  net->params[3] = NAN;
  g_assert_false (ps_model_save (net, path, &error));
  g_assert_error (error, PS_MODEL_ERROR, PS_MODEL_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (g_file_get_contents (path, &after, NULL, NULL));
  g_assert_cmpstr (before, ==, after);
  g_clear_pointer (&after, g_free);

  net->params[3] = 1.0f;
  g_assert_false (ps_model_save (net, missing, &error));
  g_assert_error (error, PS_MODEL_ERROR, PS_MODEL_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "model.json"));
  g_clear_error (&error);

  if (geteuid () != 0)
    {
      /* Unwritable folder: the rename cannot happen, the old file stays. */
      g_assert_cmpint (g_chmod (dir, 0555), ==, 0);
      g_assert_false (ps_model_save (net, path, &error));
      g_assert_error (error, PS_MODEL_ERROR, PS_MODEL_ERROR_IO);
      g_clear_error (&error);
      g_assert_cmpint (g_chmod (dir, 0755), ==, 0);
      g_assert_true (g_file_get_contents (path, &after, NULL, NULL));
      g_assert_cmpstr (before, ==, after);
    }

  /* No temporary files left behind. */
  {
    g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;
    guint count = 0;

    while ((name = g_dir_read_name (d)) != NULL)
      count++;
    g_assert_cmpuint (count, ==, 1);
  }

  back = ps_model_load (missing, &error);
  g_assert_null (back);
  g_assert_error (error, PS_MODEL_ERROR, PS_MODEL_ERROR_IO);
  g_clear_error (&error);

  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
  ps_network_free (net);
}

/* A valid 3-input model with layers 3 → 4 (relu) → 5 (softmax). */
static const char *valid_model =
  "{\"format\": \"perceptron-studio-model\", \"version\": 1, \"inputs\": 3,\n"
  " \"loss\": \"cross-entropy\",\n"
  " \"layers\": [\n"
  "  {\"type\": \"dense\", \"units\": 4, \"activation\": \"relu\",\n"
  "   \"weights\": [[1, 2, 3, 4], [5, 6, 7, 8], [9, 10, 11, 12]],\n"
  "   \"bias\": [0.5, 0.25, 0, -1]},\n"
  "  {\"type\": \"dense\", \"units\": 5, \"activation\": \"softmax\",\n"
  "   \"weights\": [[1, 2, 3, 4, 5], [1, 2, 3, 4, 5], [1, 2, 3, 4, 5], [1, 2, 3, 4, 5]],\n"
  "   \"bias\": [0, 0, 0, 0, 0]}\n"
  " ],\n"
  " \"classes\": [\"a\", \"b\", \"c\", \"d\", \"e\"]\n"
  "}\n";

static char *
replace (const char *text,
         const char *from,
         const char *to)
{
  g_autoptr (GString) s = g_string_new (text);

  g_assert_nonnull (strstr (text, from));
  g_string_replace (s, from, to, 1);
  return g_strdup (s->str);
}

static void
test_valid_reference (void)
{
  g_autoptr (GError) error = NULL;
  PsNetwork *net = ps_model_from_json (valid_model, -1, "model.json", &error);

  g_assert_no_error (error);
  g_assert_cmpuint (net->n_params, ==, 3 * 4 + 4 + 4 * 5 + 5);
  g_assert_cmpfloat (net->params[net->layers[0].w_offset + 1 * 4 + 2], ==, 7.0f);  /* input 1 → unit 2 */
  g_assert_cmpfloat (net->params[net->layers[0].b_offset + 1], ==, 0.25f);
  g_assert_cmpint (net->layers[1].activation, ==, PS_ACTIVATION_SOFTMAX);
  g_assert_cmpint (net->loss, ==, PS_LOSS_CROSS_ENTROPY);
  g_assert_cmpstr (net->classes[4], ==, "e");
  ps_network_free (net);
}

static void
test_invalid (void)
{
  static const struct
  {
    const char *from;
    const char *to;
    int         code;
    const char *message;
  } cases[] = {
    { "{\"format\"", "{{\"format\"", PS_MODEL_ERROR_SYNTAX, "model.json:1:" },
    { "\"e\"]\n}", "\"e\"]\n", PS_MODEL_ERROR_SYNTAX, "model.json:" },
    { "perceptron-studio-model", "keras-model", PS_MODEL_ERROR_INVALID, "model.json: format: expected \"perceptron-studio-model\"" },
    { "\"format\": \"perceptron-studio-model\", ", "", PS_MODEL_ERROR_INVALID, "model.json: format: missing" },
    { "\"version\": 1", "\"version\": 2", PS_MODEL_ERROR_INVALID, "model.json: version: version 2 is not supported" },
    { "\"version\": 1", "\"version\": \"1\"", PS_MODEL_ERROR_INVALID, "model.json: version: expected a whole number, found a string" },
    { "\"inputs\": 3,", "", PS_MODEL_ERROR_INVALID, "model.json: inputs: missing" },
    { "\"inputs\": 3", "\"inputs\": 0", PS_MODEL_ERROR_INVALID, "model.json: inputs: 0 is out of range" },
    { "\"inputs\": 3", "\"inputs\": 3.5", PS_MODEL_ERROR_INVALID, "model.json: inputs: expected a whole number" },
    { "\"inputs\": 3", "\"inputs\": 2", PS_MODEL_ERROR_INVALID, "model.json: layers[0].weights: expected 2 rows (one per input), found 3" },
    { "\"loss\": \"cross-entropy\"", "\"loss\": \"hinge\"", PS_MODEL_ERROR_INVALID, "model.json: loss: unknown loss \"hinge\"" },
    { "\"loss\": \"cross-entropy\",", "", PS_MODEL_ERROR_INVALID, "model.json: loss: missing" },
    { "\"inputs\": 3,", "\"inputs\": 3, \"input_shape\": [2, 2],", PS_MODEL_ERROR_INVALID, "model.json: input_shape: 2 × 2 does not make the 3 inputs" },
    { "\"inputs\": 3,", "\"inputs\": 3, \"input_shape\": [3],", PS_MODEL_ERROR_INVALID, "model.json: input_shape: expected [height, width]" },
    { "\"layers\": [", "\"layerz\": [", PS_MODEL_ERROR_INVALID, "model.json: layers: missing" },
    { "\"layers\": [", "\"layers\": {\"a\": 1}, \"x\": [", PS_MODEL_ERROR_INVALID, "model.json: layers: expected an array, found an object" },
    { "\"type\": \"dense\", \"units\": 4", "\"type\": \"conv2d\", \"units\": 4", PS_MODEL_ERROR_INVALID, "model.json: layers[0].type: unknown layer type \"conv2d\"" },
    { "\"type\": \"dense\", \"units\": 5", "\"units\": 5", PS_MODEL_ERROR_INVALID, "model.json: layers[1].type: missing" },
    { "\"units\": 4", "\"units\": 0", PS_MODEL_ERROR_INVALID, "model.json: layers[0].units: 0 is out of range" },
    { "\"units\": 4", "\"units\": -4", PS_MODEL_ERROR_INVALID, "model.json: layers[0].units" },
    { "\"units\": 4", "\"units\": 3", PS_MODEL_ERROR_INVALID, "model.json: layers[0].weights[0]: expected 3 numbers, found 4" },
    { "\"activation\": \"softmax\"", "\"activation\": \"softmaxx\"", PS_MODEL_ERROR_INVALID, "model.json: layers[1].activation: unknown activation \"softmaxx\"" },
    { "\"activation\": \"relu\",", "", PS_MODEL_ERROR_INVALID, "model.json: layers[0].activation: missing" },
    { "[1, 2, 3, 4, 5], [1, 2, 3, 4, 5]]", "[1, 2, 3, 4, 5], [1, 2, 3, 4]]", PS_MODEL_ERROR_INVALID, "model.json: layers[1].weights[3]: expected 5 numbers, found 4" },
    { "[5, 6, 7, 8]", "[5, \"6\", 7, 8]", PS_MODEL_ERROR_INVALID, "model.json: layers[0].weights[1]: item 1: expected a number, found a string" },
    { "[5, 6, 7, 8]", "[5, null, 7, 8]", PS_MODEL_ERROR_INVALID, "model.json: layers[0].weights[1]: item 1: expected a number, found null" },
    { "[5, 6, 7, 8]", "[5, 6, 7, 1e300]", PS_MODEL_ERROR_INVALID, "model.json: layers[0].weights[1]: item 3: 1e+300 is not a finite float" },
    { "[5, 6, 7, 8]", "5", PS_MODEL_ERROR_INVALID, "model.json: layers[0].weights[1]: expected an array of 4 numbers, found a number" },
    { "\"weights\": [[1, 2, 3, 4], [5, 6, 7, 8], [9, 10, 11, 12]]", "\"weights\": [[1, 2, 3, 4], [5, 6, 7, 8]]", PS_MODEL_ERROR_INVALID, "model.json: layers[0].weights: expected 3 rows (one per input), found 2" },
    { "\"weights\": [[1, 2, 3, 4], [5, 6, 7, 8], [9, 10, 11, 12]],", "", PS_MODEL_ERROR_INVALID, "model.json: layers[0].weights: missing" },
    { "\"bias\": [0.5, 0.25, 0, -1]", "\"bias\": [0.5, 0.25, 0]", PS_MODEL_ERROR_INVALID, "model.json: layers[0].bias: expected 4 numbers, found 3" },
    { "\"bias\": [0, 0, 0, 0, 0]", "\"bias\": [0, 0, 0, 0, true]", PS_MODEL_ERROR_INVALID, "model.json: layers[1].bias: item 4: expected a number, found a boolean" },
    { ",\n   \"bias\": [0, 0, 0, 0, 0]", "", PS_MODEL_ERROR_INVALID, "model.json: layers[1].bias: missing" },
    { "[\"a\", \"b\"", "[\"a\", 2", PS_MODEL_ERROR_INVALID, "model.json: classes[1]: expected a string, found a number" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = replace (valid_model, cases[i].from, cases[i].to);
      g_autoptr (GError) error = NULL;
      PsNetwork *net = ps_model_from_json (text, -1, "model.json", &error);

      if (net != NULL)
        g_error ("case %" G_GSIZE_FORMAT " (%s → %s) was accepted", i, cases[i].from, cases[i].to);
      g_assert_error (error, PS_MODEL_ERROR, cases[i].code);
      if (!g_str_has_prefix (error->message, cases[i].message))
        g_error ("case %" G_GSIZE_FORMAT ": message '%s', expected it to start with '%s'",
                 i, error->message, cases[i].message);
    }

  /* Not a JSON object at all. */
  {
    static const char *const texts[] = { "", "   ", "[1, 2]", "42", "\"model\"", "null" };

    for (gsize i = 0; i < G_N_ELEMENTS (texts); i++)
      {
        g_autoptr (GError) error = NULL;

        g_assert_null (ps_model_from_json (texts[i], -1, "model.json", &error));
        g_assert_nonnull (error);
        g_assert_true (error->domain == PS_MODEL_ERROR);
        g_assert_true (error->code == PS_MODEL_ERROR_SYNTAX || error->code == PS_MODEL_ERROR_INVALID);
        g_assert_true (g_str_has_prefix (error->message, "model.json:"));
      }
  }
}

/* Nesting ~80 000 deep overflowed json-glib's stack; two documents in one
 * file read as the first; whole numbers beyond 64 bits wrapped around (to -1).
 * All refused before json-glib parses, with the place and the real text. */
static void
test_json_guard (void)
{
  static const struct
  {
    const char *from;
    const char *to;
    const char *message;
  } cases[] = {
    { "\"inputs\": 3", "\"inputs\": 99999999999999999999999",
      "model.json:1:63: inputs: 99999999999999999999999 is out of range" },
    { "\"inputs\": 3", "\"inputs\": 9223372036854775808", "model.json:1:63: inputs: 9223372036854775808 is out of range" },
    { "\"inputs\": 3", "\"inputs\": -9223372036854775809", "model.json:1:63: inputs: -9223372036854775809 is out of range" },
    { "[5, 6, 7, 8]", "[5, 18446744073709551615, 7, 8]", "model.json:5:34: 18446744073709551615 is out of range" },
    /* two documents, or trailing text */
    { "\n}\n", "\n}\n{\"format\": \"perceptron-studio-model\"}\n", "model.json:13:1: unexpected text after the end" },
    { "\n}\n", "\n}\n[]", "model.json:13:1: unexpected text after the end" },
    { "\n}\n", "\n} 1", "model.json:12:3: unexpected text after the end" },
    /* deep nesting in a field the reader would ignore */
    { "\"loss\"", "\"deep\": [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]], \"loss\"",
      "model.json:2:73: nested deeper than 64 levels" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = replace (valid_model, cases[i].from, cases[i].to);
      g_autoptr (GError) error = NULL;
      PsNetwork *net = ps_model_from_json (text, -1, "model.json", &error);

      if (net != NULL)
        g_error ("case %" G_GSIZE_FORMAT " (%s) was accepted", i, cases[i].to);
      g_assert_error (error, PS_MODEL_ERROR, PS_MODEL_ERROR_SYNTAX);
      if (!g_str_has_prefix (error->message, cases[i].message))
        g_error ("case %" G_GSIZE_FORMAT ": message '%s', expected it to start with '%s'",
                 i, error->message, cases[i].message);
    }

  /* 100 000 levels: refused at the 65th, no stack overflow */
  {
    gsize n = 100000;
    g_autofree char *deep = g_malloc (2 * n + 1);
    g_autoptr (GError) error = NULL;

    memset (deep, '[', n);
    memset (deep + n, ']', n);
    deep[2 * n] = '\0';
    g_assert_null (ps_model_from_json (deep, -1, "deep.json", &error));
    g_assert_error (error, PS_MODEL_ERROR, PS_MODEL_ERROR_SYNTAX);
    g_assert_cmpstr (error->message, ==, "deep.json:1:65: nested deeper than 64 levels of arrays and objects");
    g_clear_error (&error);
    /* objects too, and a deep file that is cut short */
    g_free (deep);
    deep = g_strnfill (n, '{');
    for (gsize k = 0; k < n; k += 2)
      deep[k] = '[';
    g_assert_null (ps_model_from_json (deep, -1, "deep.json", &error));
    g_assert_true (strstr (error->message, "nested deeper than 64 levels") != NULL);
  }

  /* Brackets, quotes and big digits inside strings are text, not structure:
   * the same model with such class names and 64 levels in an unknown field
   * still loads. */
  {
    g_autofree char *brackets = g_strnfill (300, '[');
    g_autofree char *names = g_strdup_printf ("[\"%s\", \"\\\"[{\", \"99999999999999999999999\", "
                                              "\"}]\\\\\", \"\\\\\\\"\\\\\"]", brackets);
    g_autofree char *text = replace (valid_model, "[\"a\", \"b\", \"c\", \"d\", \"e\"]", names);
    g_autofree char *open63 = g_strnfill (63, '[');
    g_autofree char *close63 = g_strnfill (63, ']');
    g_autofree char *field = g_strdup_printf ("\"deep\": %s%s, \"loss\"", open63, close63);
    g_autofree char *text2 = replace (text, "\"loss\"", field);
    g_autoptr (GError) error = NULL;
    PsNetwork *net = ps_model_from_json (text2, -1, "model.json", &error);

    g_assert_no_error (error);
    g_assert_nonnull (net);
    g_assert_cmpstr (net->classes[0], ==, brackets);
    g_assert_cmpstr (net->classes[1], ==, "\"[{");
    g_assert_cmpstr (net->classes[2], ==, "99999999999999999999999");
    g_assert_cmpstr (net->classes[3], ==, "}]\\");
    g_assert_cmpstr (net->classes[4], ==, "\\\"\\");
    ps_network_free (net);
  }

  /* trailing white space is fine; the largest whole numbers are too */
  {
    g_autofree char *text = g_strconcat (valid_model, " \r\n\t\n", NULL);
    g_autoptr (GError) error = NULL;
    PsNetwork *net = ps_model_from_json (text, -1, "model.json", &error);

    g_assert_no_error (error);
    ps_network_free (net);
    g_assert_true (ps_json_check ("[9223372036854775807, -9223372036854775808, 1e-400, 0.5]", 56,
                                  PS_JSON_MAX_DEPTH, "x", &error));
    g_assert_no_error (error);
    /* json-glib reads a number beyond the double range as infinity */
    g_assert_false (ps_json_check ("{\"lr\": -1.8e308}", 17, PS_JSON_MAX_DEPTH, "x", &error));
    g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL);
    g_assert_cmpstr (error->message, ==, "x:1:8: lr: -1.8e308 is out of range (numbers are at most 1.8e308)");
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/model-file/round-trip", test_round_trip);
  g_test_add_func ("/model-file/format", test_format);
  g_test_add_func ("/model-file/save-load", test_save_load);
  g_test_add_func ("/model-file/valid", test_valid_reference);
  g_test_add_func ("/model-file/invalid", test_invalid);
  g_test_add_func ("/model-file/json-guard", test_json_guard);
  return g_test_run ();
}
