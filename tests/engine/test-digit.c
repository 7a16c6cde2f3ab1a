/* test-digit.c: a drawn digit prepared as MNIST's were (ps-digit.h), and a
 * real t10k digit through that path classified as `perceptron predict` does
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The preprocessing on shapes whose answer is known exactly (a square, a
 * 2:1 rectangle, an uneven shape whose centre of mass is not its box's
 * centre, nothing). Then issue 11 §6's check: a model trained by the CLI on
 * the shipped MNIST subset, `perceptron predict` on the t10k set, and the
 * first digits of that set drawn scaled up on a canvas and sent through
 * ps_digit_preprocess + ps_digit_classify: the same classes. The model's
 * input scaling is checked on its own too: the t10k digits as they are give
 * predict's very outputs.
 */
#include "config.h"

#include "ps-datadir.h"
#include "ps-digit.h"
#include "ps-idx.h"
#include "ps-model-file.h"
#include "test-util.h"

#include <glib/gstdio.h>

/* How many t10k digits the comparison with the CLI draws. */
#define N_DIGITS 200

typedef struct
{
  guint   width;
  guint   height;
  gsize   stride;
  guint8 *pixels;
} Canvas;

static Canvas *
canvas_new (guint width,
            guint height)
{
  Canvas *c = g_new0 (Canvas, 1);

  c->width = width;
  c->height = height;
  c->stride = width + 3;   /* rows wider than the image: the stride is honoured */
  c->pixels = g_new0 (guint8, c->stride * height);
  return c;
}

static void
canvas_free (Canvas *c)
{
  g_free (c->pixels);
  g_free (c);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Canvas, canvas_free)

static void
fill_rect (Canvas *c,
           guint   x,
           guint   y,
           guint   w,
           guint   h,
           guint8  value)
{
  g_assert_cmpuint (x + w, <=, c->width);
  g_assert_cmpuint (y + h, <=, c->height);
  for (guint j = y; j < y + h; j++)
    memset (c->pixels + j * c->stride + x, value, w);
}

static gboolean
preprocess (const Canvas *c,
            float        *out)
{
  return ps_digit_preprocess (c->pixels, c->width, c->height, c->stride, out);
}

/* The 28 × 28 image is 255 on [x0, x1) × [y0, y1) and 0 elsewhere. */
static void
assert_block (const float *out,
              guint        x0,
              guint        x1,
              guint        y0,
              guint        y1)
{
  for (guint j = 0; j < PS_DIGIT_SIZE; j++)
    for (guint i = 0; i < PS_DIGIT_SIZE; i++)
      {
        gboolean inside = i >= x0 && i < x1 && j >= y0 && j < y1;

        g_assert_cmpfloat_with_epsilon (out[j * PS_DIGIT_SIZE + i], inside ? 255.0 : 0.0, 1e-3);
      }
}

/* Centre of mass in pixel indices, as MNIST's (its digits' lies between
 * 13.5 and 14.5). */
static void
centre_of_mass (const float *out,
                double      *cx,
                double      *cy)
{
  double m = 0, mx = 0, my = 0;

  for (guint j = 0; j < PS_DIGIT_SIZE; j++)
    for (guint i = 0; i < PS_DIGIT_SIZE; i++)
      {
        double v = out[j * PS_DIGIT_SIZE + i];

        m += v;
        mx += v * i;
        my += v * j;
      }
  g_assert_cmpfloat (m, >, 0);
  *cx = mx / m;
  *cy = my / m;
}

static void
test_empty (void)
{
  g_autoptr(Canvas) c = canvas_new (280, 280);
  float out[PS_DIGIT_N_PIXELS];

  memset (out, 0x55, sizeof out);
  g_assert_false (preprocess (c, out));
  for (guint k = 0; k < PS_DIGIT_N_PIXELS; k++)
    g_assert_cmpfloat (out[k], ==, 0.0f);
  /* no pixels at all */
  memset (out, 0x55, sizeof out);
  g_assert_false (ps_digit_preprocess (NULL, 0, 0, 0, out));
  g_assert_cmpfloat (out[0], ==, 0.0f);
}

/* A square is scaled to 20 × 20 and centred, wherever it was drawn and
 * whatever its size: its centre of mass, 9.5 in the box, moves to 14.5
 * (whole pixels), columns and rows 5..24. */
static void
test_square_centred (void)
{
  static const guint where[][3] = { { 110, 110, 60 }, { 5, 200, 60 }, { 200, 3, 77 }, { 130, 140, 7 } };

  for (guint k = 0; k < G_N_ELEMENTS (where); k++)
    {
      g_autoptr(Canvas) c = canvas_new (280, 280);
      float out[PS_DIGIT_N_PIXELS];

      fill_rect (c, where[k][0], where[k][1], where[k][2], where[k][2], 255);
      g_assert_true (preprocess (c, out));
      assert_block (out, 5, 25, 5, 25);
    }
}

/* A 100 × 50 rectangle keeps its 2:1 aspect: 20 × 10 field pixels, centred
 * (columns 5..24, rows 10..19); a 30 × 90 one 20 tall and 6 + ⅔ wide:
 * columns 11 to 17, the last ⅔ covered. */
static void
test_aspect_kept (void)
{
  g_autoptr(Canvas) wide = canvas_new (280, 200);
  g_autoptr(Canvas) tall = canvas_new (150, 300);
  float out[PS_DIGIT_N_PIXELS];
  double m = 0, cx, cy;

  fill_rect (wide, 37, 91, 100, 50, 255);
  g_assert_true (preprocess (wide, out));
  assert_block (out, 5, 25, 10, 20);

  fill_rect (tall, 100, 20, 30, 90, 200);
  g_assert_true (preprocess (tall, out));
  for (guint j = 0; j < PS_DIGIT_SIZE; j++)
    for (guint i = 0; i < PS_DIGIT_SIZE; i++)
      {
        float v = out[j * PS_DIGIT_SIZE + i];

        m += v;
        if (j < 5 || j >= 25)
          g_assert_cmpfloat (v, ==, 0.0f);
        if (i < 11 || i > 17)
          g_assert_cmpfloat (v, ==, 0.0f);
        else if (j >= 5 && j < 25)
          g_assert_cmpfloat_with_epsilon (v, i < 17 ? 200.0 : 200.0 * 2 / 3, 1e-3);
      }
  g_assert_cmpfloat_with_epsilon (m, 20 * (20.0 / 3) * 200, 1e-1);
  centre_of_mass (out, &cx, &cy);
  g_assert_cmpfloat_with_epsilon (cx, (6 * 13.5 + 17.0 * 2 / 3) / (6 + 2.0 / 3), 1e-4);
  g_assert_cmpfloat_with_epsilon (cy, 14.5, 1e-4);
}

/* A heavy block with a light bar: the centre of mass, not the box's centre,
 * lands on (14, 14) (to the nearest whole pixel), and the result does not
 * depend on where it was drawn. */
static void
test_centred_by_mass (void)
{
  g_autoptr(Canvas) a = canvas_new (280, 280);
  g_autoptr(Canvas) b = canvas_new (400, 300);
  float out_a[PS_DIGIT_N_PIXELS], out_b[PS_DIGIT_N_PIXELS];
  guint bx0 = PS_DIGIT_SIZE, bx1 = 0;
  double cx, cy;

  /* block 60 × 60, bar 60 × 10 to its right: box 120 × 60, 6 source pixels
   * per field pixel, mass centre (38.57, 30) from the box's corner */
  fill_rect (a, 10, 150, 60, 60, 255);
  fill_rect (a, 70, 175, 60, 10, 255);
  fill_rect (b, 280, 20, 60, 60, 255);
  fill_rect (b, 340, 45, 60, 10, 255);
  g_assert_true (preprocess (a, out_a));
  g_assert_true (preprocess (b, out_b));
  for (guint k = 0; k < PS_DIGIT_N_PIXELS; k++)
    g_assert_cmpfloat_with_epsilon (out_a[k], out_b[k], 1e-3);

  centre_of_mass (out_a, &cx, &cy);
  g_assert_cmpfloat (fabs (cx - 14.0), <=, 0.5 + 1e-6);
  g_assert_cmpfloat (fabs (cy - 14.0), <=, 0.5 + 1e-6);
  /* the box, 20 field pixels wide, starts at round (14 − 5.93) = 8: its
   * middle is at 18, not 14 */
  for (guint j = 0; j < PS_DIGIT_SIZE; j++)
    for (guint i = 0; i < PS_DIGIT_SIZE; i++)
      if (out_a[j * PS_DIGIT_SIZE + i] > 0)
        {
          bx0 = MIN (bx0, i);
          bx1 = MAX (bx1, i + 1);
        }
  g_assert_cmpuint (bx0, ==, 8);
  g_assert_cmpuint (bx1, ==, 28);
}

/* A shape so uneven that centring its mass would push its box out of the
 * field is moved only to the edge: nothing is cut off. */
static void
test_kept_inside (void)
{
  g_autoptr(Canvas) c = canvas_new (280, 280);
  float out[PS_DIGIT_N_PIXELS];
  double m = 0;

  fill_rect (c, 0, 0, 40, 40, 255);
  fill_rect (c, 40, 18, 160, 4, 255);
  g_assert_true (preprocess (c, out));
  for (guint k = 0; k < PS_DIGIT_N_PIXELS; k++)
    m += out[k];
  /* all the ink: (1600 + 640) / 10² field pixels of 255 */
  g_assert_cmpfloat_with_epsilon (m, 2240 / 100.0 * 255, 1e-2);
  /* centring the mass would start the box at column 10; it starts at 8
   * and the bar (box rows 1.8 to 2.2, moved down 13) reaches the right edge */
  g_assert_cmpfloat (out[14 * PS_DIGIT_SIZE + 27] + out[15 * PS_DIGIT_SIZE + 27], >, 0);
  g_assert_cmpfloat (out[13 * PS_DIGIT_SIZE + 7], ==, 0.0f);
  g_assert_cmpfloat_with_epsilon (out[13 * PS_DIGIT_SIZE + 8], 255.0, 1e-3);
}

static void
test_fits_network (void)
{
  PsNetwork *net = test_network_new ("784,8:relu,10:softmax");

  /* 784 inputs are not enough: the shape says they are an image */
  g_assert_false (ps_digit_fits_network (net));
  ps_network_set_input_shape (net, 28, 28);
  g_assert_true (ps_digit_fits_network (net));
  g_assert_true (ps_digit_has_probabilities (net));
  ps_network_free (net);

  net = test_network_new ("784,8:relu,10:step");
  ps_network_set_input_shape (net, 28, 28);
  g_assert_true (ps_digit_fits_network (net));
  g_assert_false (ps_digit_has_probabilities (net));
  ps_network_free (net);

  net = test_network_new ("2,3:sigmoid,1:sigmoid");
  g_assert_false (ps_digit_fits_network (net));
  g_assert_true (ps_digit_has_probabilities (net));
  ps_network_free (net);
}

/* ---- a real t10k digit against `perceptron predict` ------------------------------ */

/* (transfer full): the CLI's stdout; fails the test on a non-zero exit */
static char *
run_cli (const char *const *args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  char *out = NULL;
  g_autofree char *err = NULL;
  int status = 0;

  g_ptr_array_add (argv, (gpointer) g_getenv ("PS_PERCEPTRON"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               &out, &err, &status, &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("perceptron %s failed: %s", args[0], err);
  return out;
}

/* t10k digit @k of @test drawn @zoom times its size (nearest neighbour) at
 * (@x, @y) on a canvas of @width × @height: a picture of the digit, as the
 * dialog's canvas holds one. */
static Canvas *
draw_digit (PsDataset *test,
            gsize      k,
            guint      zoom,
            guint      width,
            guint      height,
            guint      x,
            guint      y)
{
  Canvas *c = canvas_new (width, height);
  const guint8 *img = ps_dataset_get_x_u8 (test) + k * PS_DIGIT_N_PIXELS;

  for (guint j = 0; j < PS_DIGIT_SIZE; j++)
    for (guint i = 0; i < PS_DIGIT_SIZE; i++)
      fill_rect (c, x + i * zoom, y + j * zoom, zoom, zoom, img[j * PS_DIGIT_SIZE + i]);
  return c;
}

static guint
argmax (const double *v,
        guint         n)
{
  guint best = 0;

  for (guint j = 1; j < n; j++)
    if (v[j] > v[best])
      best = j;
  return best;
}

static void
compare_with_predict (gconstpointer data)
{
  const char *scale = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp = NULL, *model_path = NULL, *predicted = NULL;
  g_autofree char *train_out = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(PsDataset) test = NULL;
  const char *dir = ps_data_find_dataset_dir ("mnist");
  PsNetwork *net;
  guint same = 0, n_mnist_ok = 0;

  if (g_getenv ("PS_PERCEPTRON") == NULL || dir == NULL)
    {
      g_test_skip (dir == NULL ? "the shipped MNIST subset (data/datasets/mnist) is missing"
                               : "PS_PERCEPTRON (the CLI to compare with) is not set");
      return;
    }
  tmp = g_dir_make_tmp ("ps-test-digit-XXXXXX", &error);
  g_assert_no_error (error);
  model_path = g_build_filename (tmp, "model.json", NULL);

  /* a small model, two epochs on the 10,000 training digits */
  train_out = run_cli ((const char *const[]) { "train", "--data", "mnist", "--layers", "784,32:relu,10:softmax",
                                               "--optimizer", "adam", "--lr", "0.002", "--epochs", "2",
                                               "--scale", scale, "--seed", "3", "-q", "-s", model_path, NULL });
  predicted = run_cli ((const char *const[]) { "predict", model_path, "--data", "mnist", NULL });
  lines = g_strsplit (predicted, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), >=, 10000);

  net = ps_model_load (model_path, &error);
  g_assert_no_error (error);
  /* the file records the input scaling predict applies */
  g_assert_nonnull (net->scale_shift);
  g_assert_true (ps_digit_fits_network (net));
  test = ps_dataset_load_idx_dir (dir, TRUE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  for (gsize k = 0; k < N_DIGITS; k++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[k], ",", -1);
      double cli[10];
      float pixels[PS_DIGIT_N_PIXELS], outputs[10];
      const guint8 *img = ps_dataset_get_x_u8 (test) + k * PS_DIGIT_N_PIXELS;
      guint32 cls;

      g_assert_cmpuint (g_strv_length (fields), ==, 10);
      for (guint j = 0; j < 10; j++)
        cli[j] = g_ascii_strtod (fields[j], NULL);

      /* the digit itself through the model's scaling: predict's numbers
       * (printed to 6 significant digits) */
      for (guint i = 0; i < PS_DIGIT_N_PIXELS; i++)
        pixels[i] = img[i];
      cls = ps_digit_classify (net, NULL, pixels, outputs);
      g_assert_cmpuint (cls, ==, argmax (cli, 10));
      for (guint j = 0; j < 10; j++)
        g_assert_cmpfloat_with_epsilon (outputs[j], cli[j], 1e-5 + 1e-5 * cli[j]);
      if (k == 0)
        {
          /* a model the session trained records no scaling: the training
           * set's applies, the one Save Model would write in the file */
          g_autoptr(PsDataset) train = ps_dataset_new ("train", 1, PS_DIGIT_N_PIXELS, 10);
          PsNetwork *bare = ps_network_copy (net);
          float bare_out[10];

          ps_network_scale_dataset (net, train);
          g_clear_pointer (&bare->scale_shift, g_free);
          g_clear_pointer (&bare->scale_mul, g_free);
          bare->scaling = PS_SCALING_NONE;
          g_assert_cmpuint (ps_digit_classify (bare, train, pixels, bare_out), ==, cls);
          g_assert_cmpmem (bare_out, sizeof bare_out, outputs, sizeof bare_out);
          ps_network_free (bare);
        }

      /* drawn ten times its size on a canvas and back: MNIST's own
       * normalisation again, so the same digit and the same class */
      {
        g_autoptr(Canvas) c = k % 2 == 0 ? draw_digit (test, k, 10, 280, 280, 0, 0)
                                         : draw_digit (test, k, 9, 400, 300, 130, 20);
        double diff = 0, worst = 0;

        g_assert_true (preprocess (c, pixels));
        for (guint i = 0; i < PS_DIGIT_N_PIXELS; i++)
          {
            diff += fabs (pixels[i] - img[i]);
            worst = MAX (worst, fabs (pixels[i] - img[i]));
          }
        g_test_message ("t10k %zu: label %u, predict %u, drawn %u, mean |difference| %.1f of 255",
                        k, ps_dataset_get_labels (test)[k], argmax (cli, 10),
                        ps_digit_classify (net, NULL, pixels, NULL), diff / PS_DIGIT_N_PIXELS);
        /* MNIST's digits are normalised so already: redrawn, each comes
         * back as it was (to rounding), which says the preprocessing is
         * MNIST's own (the first 1000 all do; 200 are checked) */
        g_assert_cmpfloat (worst, <, 1e-3);
        if (ps_digit_classify (net, NULL, pixels, NULL) == argmax (cli, 10))
          same++;
        if (argmax (cli, 10) == ps_dataset_get_labels (test)[k])
          n_mnist_ok++;
      }
    }
  g_test_message ("%s scaling: %u of %d redrawn digits classified as predict does (%u correct)",
                  scale, same, N_DIGITS, n_mnist_ok);
  g_assert_cmpuint (same, ==, N_DIGITS);

  ps_network_free (net);
  g_unlink (model_path);
  g_rmdir (tmp);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/digit/empty", test_empty);
  g_test_add_func ("/digit/square-centred", test_square_centred);
  g_test_add_func ("/digit/aspect-kept", test_aspect_kept);
  g_test_add_func ("/digit/centred-by-mass", test_centred_by_mass);
  g_test_add_func ("/digit/kept-inside", test_kept_inside);
  g_test_add_func ("/digit/fits-network", test_fits_network);
  g_test_add_data_func ("/digit/t10k-predict/unit", "unit", compare_with_predict);
  g_test_add_data_func ("/digit/t10k-predict/standard", "standard", compare_with_predict);
  return g_test_run ();
}
