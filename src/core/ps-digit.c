/* ps-digit.c: a drawn digit, prepared as MNIST's digits were, and its class
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ps-digit.h"

#include <math.h>
#include <string.h>

/* Length of [a0, a1) ∩ [b0, b1), 0 when they do not meet. */
static inline double
overlap (double a0,
         double a1,
         double b0,
         double b1)
{
  double lo = MAX (a0, b0), hi = MIN (a1, b1);

  return hi > lo ? hi - lo : 0.0;
}

/* How far the scaled box moves into the field along one axis: a whole
 * number of pixels (as MNIST's digits were translated) that brings its
 * centre of mass (@com, a pixel index from the box's start) nearest pixel
 * 14, but no further than keeps the whole box (@extent pixels) inside. */
static int
place (double com,
       int    extent)
{
  /* halves round up, whatever the rounding error in a symmetric shape's
   * centre (9.5 in a 20-pixel box) */
  int shift = (int) floor (PS_DIGIT_SIZE / 2.0 - com + 0.5 + 1e-6);

  return CLAMP (shift, 0, PS_DIGIT_SIZE - extent);
}

/**
 * ps_digit_preprocess:
 * @grey: (array): @height rows of @width bytes, @stride apart
 * @out: (out caller-allocates) (array fixed-size=784): the 28 × 28 grey levels
 *
 * See ps-digit.h. As MNIST: the box is scaled into a 20 × 20 image aligned
 * with the field's pixels (the grey levels come from that scaling alone),
 * then translated by whole pixels, which adds no blur.
 */
gboolean
ps_digit_preprocess (const guint8 *grey,
                     guint         width,
                     guint         height,
                     gsize         stride,
                     float        *out)
{
  float box[PS_DIGIT_BOX * PS_DIGIT_BOX] = { 0 };
  guint x0 = G_MAXUINT, x1 = 0, y0 = G_MAXUINT, y1 = 0;
  double mass = 0.0, mx = 0.0, my = 0.0, scale;
  int bw, bh, dx, dy;

  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (grey != NULL || width == 0 || height == 0, FALSE);
  g_return_val_if_fail (stride >= width, FALSE);

  memset (out, 0, sizeof (float) * PS_DIGIT_N_PIXELS);

  /* the ink's bounding box [x0, x1) × [y0, y1) */
  for (guint y = 0; y < height; y++)
    {
      const guint8 *row = grey + y * stride;

      for (guint x = 0; x < width; x++)
        if (row[x] > 0)
          {
            x0 = MIN (x0, x);
            x1 = MAX (x1, x + 1);
            y0 = MIN (y0, y);
            y1 = MAX (y1, y + 1);
          }
    }
  if (x1 == 0)
    return FALSE;

  /* source pixels per box pixel: the longer side becomes 20 pixels, the
   * shorter one as many as keep the aspect ratio (its last one partly
   * covered) */
  scale = MAX (x1 - x0, y1 - y0) / (double) PS_DIGIT_BOX;
  bw = MIN ((int) ceil ((x1 - x0) / scale - 1e-9), PS_DIGIT_BOX);
  bh = MIN ((int) ceil ((y1 - y0) / scale - 1e-9), PS_DIGIT_BOX);

  /* Box pixel (i, j) covers the source rectangle [x0 + i·scale,
   * x0 + (i + 1)·scale) × (the same in y); its grey level is the mean of
   * the ink over it (a box filter: area averaging). */
  for (int j = 0; j < bh; j++)
    {
      double sy0 = y0 + j * scale, sy1 = MIN (sy0 + scale, (double) y1);
      guint ya = (guint) floor (sy0), yb = (guint) MIN (ceil (sy1), (double) y1);

      for (int i = 0; i < bw; i++)
        {
          double sx0 = x0 + i * scale, sx1 = MIN (sx0 + scale, (double) x1);
          guint xa = (guint) floor (sx0), xb = (guint) MIN (ceil (sx1), (double) x1);
          double sum = 0.0, v;

          for (guint y = ya; y < yb; y++)
            {
              const guint8 *row = grey + y * stride;
              double line = 0.0;

              for (guint x = xa; x < xb; x++)
                if (row[x] > 0)
                  line += row[x] * overlap (sx0, sx1, x, x + 1.0);
              sum += line * overlap (sy0, sy1, y, y + 1.0);
            }
          v = MIN (sum / (scale * scale), 255.0);
          box[j * PS_DIGIT_BOX + i] = (float) v;
          mass += v;
          /* pixel indices, as MNIST's centre of mass (its digits' lies
           * between 13.5 and 14.5 in both) */
          mx += v * i;
          my += v * j;
        }
    }

  /* centred by its centre of mass */
  dx = place (mx / mass, bw);
  dy = place (my / mass, bh);
  for (int j = 0; j < bh; j++)
    memcpy (out + (j + dy) * PS_DIGIT_SIZE + dx, box + j * PS_DIGIT_BOX, sizeof (float) * bw);
  return TRUE;
}

gboolean
ps_digit_fits_network (const PsNetwork *net)
{
  g_return_val_if_fail (net != NULL, FALSE);

  return net->input_shape[0] == PS_DIGIT_SIZE && net->input_shape[1] == PS_DIGIT_SIZE
         && net->n_inputs == PS_DIGIT_N_PIXELS;
}

gboolean
ps_digit_has_probabilities (const PsNetwork *net)
{
  PsActivation act;

  g_return_val_if_fail (net != NULL && net->n_layers > 0, FALSE);

  act = net->layers[net->n_layers - 1].activation;
  return act == PS_ACTIVATION_SOFTMAX || act == PS_ACTIVATION_SIGMOID;
}

/**
 * ps_digit_classify:
 * @train: (nullable): the training set, for a model that records no scaling
 * @pixels: (array fixed-size=784): from ps_digit_preprocess
 * @outputs: (out caller-allocates) (nullable): ps_network_n_outputs() values
 *
 * The scaling goes through a one-sample dataset, so that the transform is
 * applied by the code that applies it to every dataset (ps_dataset_gather),
 * with the model's recorded values (ps_network_scale_dataset) as predict
 * does.
 */
guint32
ps_digit_classify (const PsNetwork *net,
                   const PsDataset *train,
                   const float     *pixels,
                   float           *outputs)
{
  g_autoptr(PsDataset) one = NULL;
  g_autofree float *out = NULL;
  float x[PS_DIGIT_N_PIXELS];
  guint n_out;

  g_return_val_if_fail (net != NULL && pixels != NULL, 0);
  g_return_val_if_fail (net->n_inputs == PS_DIGIT_N_PIXELS, 0);

  one = ps_dataset_new ("digit", 1, PS_DIGIT_N_PIXELS, MAX (ps_network_n_outputs (net), 2u));
  memcpy (ps_dataset_get_x_writable (one), pixels, sizeof x);
  if (net->scale_shift != NULL)
    ps_network_scale_dataset (net, one);
  else if (train != NULL && ps_dataset_get_n_features (train) == PS_DIGIT_N_PIXELS
           && ps_dataset_get_scale_shift (train) != NULL)
    ps_dataset_set_scaling_params (one, ps_dataset_get_scaling (train),
                                   ps_dataset_get_scale_shift (train), ps_dataset_get_scale_mul (train));
  ps_dataset_gather (one, NULL, 0, 1, x, NULL);

  n_out = ps_network_n_outputs (net);
  out = g_new (float, n_out);
  ps_network_predict (net, x, 1, out);
  if (outputs != NULL)
    memcpy (outputs, out, sizeof (float) * n_out);
  return ps_network_classify_row (net, out);
}
