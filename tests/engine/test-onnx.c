/* test-onnx.c: ONNX export → import is exact (weights bit for bit, every
 * activation, scaling, classes, loss, image shape); the file on disk; bad
 * and hostile files refused with PS_ONNX_ERROR
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <float.h>
#include <glib/gstdio.h>
#include <math.h>

#include "ps-model-file.h"
#include "ps-onnx.h"
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
  if (a->scale_shift == NULL)
    g_assert_null (b->scale_shift);
  else
    {
      g_assert_nonnull (b->scale_shift);
      g_assert_cmpint (a->scaling, ==, b->scaling);
      g_assert_cmpmem (a->scale_shift, a->n_inputs * sizeof (float), b->scale_shift, b->n_inputs * sizeof (float));
      g_assert_cmpmem (a->scale_mul, a->n_inputs * sizeof (float), b->scale_mul, b->n_inputs * sizeof (float));
    }
}

static PsNetwork *
round_trip (const PsNetwork *net)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = ps_onnx_to_bytes (net, &error);
  PsNetwork *back;
  gsize len;
  const guint8 *data;

  g_assert_no_error (error);
  g_assert_nonnull (bytes);
  data = g_bytes_get_data (bytes, &len);
  g_assert_true (ps_onnx_sniff (data, len));
  back = ps_onnx_from_data (data, len, "mem.onnx", &error);
  g_assert_no_error (error);
  g_assert_nonnull (back);
  return back;
}

static PsNetwork *
random_network (const char *spec,
                guint64     seed)
{
  PsNetwork *net = test_network_new (spec);
  PsRng rng;

  ps_rng_seed (&rng, seed);
  ps_network_init (net, PS_INIT_GLOROT, &rng);
  for (gsize i = 0; i < net->n_params; i++)
    net->params[i] = (float) ps_rng_normal (&rng);
  return net;
}

static void
test_round_trip (void)
{
  const char *specs[] = {
    "2,3:sigmoid,1:sigmoid",
    "6,5:relu,4:tanh,3:softmax",
    "3,1:step",
    "4,7:linear,2:step",
    "5,3:tanh,2:linear",
  };

  for (guint k = 0; k < G_N_ELEMENTS (specs); k++)
    {
      PsNetwork *net = random_network (specs[k], 11 + k);
      PsNetwork *back;

      if (k == 1)
        {
          const char *classes[] = { "setosa", "ver\"si\\color", "vírgínica\n", NULL };
          const float special[] = { 0.0f, -0.0f, FLT_MAX, -FLT_MAX, FLT_MIN, 1e-45f, 16777217.0f };

          memcpy (net->params, special, sizeof special);
          ps_network_set_classes (net, classes);
          net->scaling = PS_SCALING_STANDARD;
          net->scale_shift = g_new (float, net->n_inputs);
          net->scale_mul = g_new (float, net->n_inputs);
          for (guint i = 0; i < net->n_inputs; i++)
            {
              net->scale_shift[i] = 0.25f * (float) i - 1.0f;
              net->scale_mul[i] = 1.0f / (1.0f + (float) i);
            }
        }
      if (k == 4)
        ps_network_set_loss (net, PS_LOSS_MSE);
      back = round_trip (net);
      assert_same_network (net, back);
      ps_network_free (back);
      ps_network_free (net);
    }
}

/* An image model: the shape and unit scaling come back; outputs equal. */
static void
test_image_and_outputs (void)
{
  PsNetwork *net = random_network ("12,4:relu,3:softmax", 5);
  PsNetwork *back;
  float x[2 * 12], y1[2 * 3], y2[2 * 3];

  ps_network_set_input_shape (net, 3, 4);
  net->scaling = PS_SCALING_UNIT;
  net->scale_shift = g_new0 (float, 12);
  net->scale_mul = g_new (float, 12);
  for (guint i = 0; i < 12; i++)
    net->scale_mul[i] = 1.0f / 255.0f;
  back = round_trip (net);
  assert_same_network (net, back);
  for (guint i = 0; i < G_N_ELEMENTS (x); i++)
    x[i] = (float) (i * 7 % 13) / 13.0f;
  ps_network_predict (net, x, 2, y1);
  ps_network_predict (back, x, 2, y2);
  g_assert_cmpmem (y1, sizeof y1, y2, sizeof y2);
  ps_network_free (back);
  ps_network_free (net);
}

/* Through a file, and through ps_model_load (by extension and by content). */
static void
test_file (void)
{
  PsNetwork *net = random_network ("2,3:sigmoid,1:sigmoid", 3);
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("ps-onnx-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "xor.onnx", NULL);
  g_autofree char *other = g_build_filename (dir, "xor.model", NULL);
  g_autofree char *data = NULL;
  gsize len;
  PsNetwork *back;

  g_assert_true (ps_onnx_save (net, path, &error));
  g_assert_no_error (error);
  back = ps_onnx_load (path, &error);
  g_assert_no_error (error);
  assert_same_network (net, back);
  ps_network_free (back);

  back = ps_model_load (path, &error);
  g_assert_no_error (error);
  assert_same_network (net, back);
  ps_network_free (back);

  g_assert_true (g_file_get_contents (path, &data, &len, NULL));
  g_assert_true (g_file_set_contents (other, data, (gssize) len, NULL));
  back = ps_model_load (other, &error);
  g_assert_no_error (error);
  assert_same_network (net, back);
  ps_network_free (back);

  g_assert_false (ps_onnx_load (dir, &error) != NULL);
  g_assert_error (error, PS_ONNX_ERROR, PS_ONNX_ERROR_IO);
  g_clear_error (&error);

  g_unlink (path);
  g_unlink (other);
  g_rmdir (dir);
  ps_network_free (net);
}

static void
test_bad_data (void)
{
  PsNetwork *net = random_network ("6,5:relu,4:tanh,3:softmax", 9);
  g_autoptr (GBytes) bytes = ps_onnx_to_bytes (net, NULL);
  gsize len;
  const guint8 *data = g_bytes_get_data (bytes, &len);
  g_autoptr (GError) error = NULL;
  static const guint8 garbage[] = "\x08\x07\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff garbage";
  g_autofree guint8 *deep = NULL;
  gsize n_deep = 0;

  /* Every truncation: an error, never a crash or a network. */
  for (gsize cut = 0; cut < len; cut += 1 + cut / 16)
    {
      PsNetwork *back = ps_onnx_from_data (data, cut, "cut.onnx", &error);

      g_assert_null (back);
      g_assert_nonnull (error);
      g_assert_true (error->domain == PS_ONNX_ERROR);
      g_assert_true (g_str_has_prefix (error->message, "cut.onnx: "));
      g_clear_error (&error);
    }
  g_assert_null (ps_onnx_from_data (garbage, sizeof garbage - 1, "garbage.onnx", &error));
  g_assert_error (error, PS_ONNX_ERROR, PS_ONNX_ERROR_PARSE);
  g_clear_error (&error);

  /* Graphs nested in attributes, 100 000 deep: refused before protobuf-c
   * recurses. Model.graph (7) → Graph.node (1) → Node.attribute (5) →
   * Attribute.g (6) → Graph.node → ... as length-delimited fields, built
   * from the inside out. */
  {
    GByteArray *buf = g_byte_array_new ();
    const guint8 tags[] = { 0x0a /* Graph.node */, 0x32 /* Attribute.g */, 0x2a /* Node.attribute */ };

    for (guint level = 0; level < 100000; level++)
      {
        guint8 head[11];
        gsize n = 0, inner = buf->len;

        head[n++] = tags[level % 3];
        do
          {
            head[n++] = (guint8) ((inner & 0x7f) | (inner > 0x7f ? 0x80 : 0));
            inner >>= 7;
          }
        while (inner > 0);
        g_byte_array_prepend (buf, head, (guint) n);
      }
    {
      guint8 head[12] = { 0x08, 0x07, 0x3a };
      gsize n = 3, inner = buf->len;

      do
        {
          head[n++] = (guint8) ((inner & 0x7f) | (inner > 0x7f ? 0x80 : 0));
          inner >>= 7;
        }
      while (inner > 0);
      g_byte_array_prepend (buf, head, (guint) n);
    }
    n_deep = buf->len;
    deep = g_byte_array_free (buf, FALSE);
  }
  g_assert_null (ps_onnx_from_data (deep, n_deep, "deep.onnx", &error));
  g_assert_error (error, PS_ONNX_ERROR, PS_ONNX_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "nested deeper"));
  g_clear_error (&error);

  /* 20 million two-byte fields: protobuf-c would allocate far more than
   * the 40 MiB they take; refused before it does. */
  {
    gsize n_many = (gsize) 40 << 20;
    g_autofree guint8 *many = g_malloc (n_many);

    for (gsize i = 0; i < n_many; i += 2)
      {
        many[i] = 0x08;     /* ir_version, again and again */
        many[i + 1] = 0x07;
      }
    g_assert_null (ps_onnx_from_data (many, n_many, "many.onnx", &error));
    g_assert_error (error, PS_ONNX_ERROR, PS_ONNX_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "memory"));
    g_clear_error (&error);
  }

  /* Non-finite weights are not exported. */
  net->params[0] = NAN;
  g_assert_null (ps_onnx_to_bytes (net, &error));
  g_assert_error (error, PS_ONNX_ERROR, PS_ONNX_ERROR_INVALID);
  ps_network_free (net);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/onnx/round-trip", test_round_trip);
  g_test_add_func ("/onnx/image-and-outputs", test_image_and_outputs);
  g_test_add_func ("/onnx/file", test_file);
  g_test_add_func ("/onnx/bad-data", test_bad_data);
  return g_test_run ();
}
