/* ps-generators.c: 2-D toy datasets in the manner of TensorFlow Playground
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ps-dataset.h"
#include "ps-generators.h"
/* fills the new dataset's arrays in place */
#include "ps-dataset-private.h"

#include <math.h>

#include "ps-rng.h"

/* Every generator draws points within about [-6, 6]², labels 0/1, and
 * alternates the classes (sample i has class i % 2) so that a validation split
 * taken from the end of the set holds both classes. */
#define RADIUS 5.0

static const struct
{
  PsGenerator kind;
  const char *name;
} generator_names[] = {
  { PS_GENERATOR_CIRCLE, "circle" },
  { PS_GENERATOR_XOR, "xor" },
  { PS_GENERATOR_GAUSS, "gauss" },
  { PS_GENERATOR_SPIRAL, "spiral" },
  { PS_GENERATOR_MOONS, "moons" },
};

/**
 * ps_generator_from_string:
 * @name: "circle", "xor" (or "xor2d"), "gauss", "spiral", "moons"
 *
 * Returns: TRUE and sets @out when @name is known (case-insensitive).
 */
gboolean
ps_generator_from_string (const char  *name,
                          PsGenerator *out)
{
  g_return_val_if_fail (out != NULL, FALSE);

  if (name == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (name, "xor2d") == 0)
    {
      *out = PS_GENERATOR_XOR;
      return TRUE;
    }
  for (gsize i = 0; i < G_N_ELEMENTS (generator_names); i++)
    if (g_ascii_strcasecmp (name, generator_names[i].name) == 0)
      {
        *out = generator_names[i].kind;
        return TRUE;
      }
  return FALSE;
}

const char *
ps_generator_to_string (PsGenerator kind)
{
  for (gsize i = 0; i < G_N_ELEMENTS (generator_names); i++)
    if (generator_names[i].kind == kind)
      return generator_names[i].name;
  return NULL;
}

static void
gen_circle (PsRng  *rng,
            double  noise,
            guint   label,
            float  *p)
{
  /* Class 1 inside r ≤ R/2, class 0 in the ring [0.7 R, R], then each
   * coordinate jittered by U(−R, R) × noise (so noise mixes the classes). */
  double r = label == 1 ? ps_rng_range (rng, 0.0, RADIUS * 0.5)
                        : ps_rng_range (rng, RADIUS * 0.7, RADIUS);
  double angle = ps_rng_range (rng, 0.0, 2.0 * G_PI);
  double x = r * sin (angle);
  double y = r * cos (angle);

  x += ps_rng_range (rng, -RADIUS, RADIUS) * noise;
  y += ps_rng_range (rng, -RADIUS, RADIUS) * noise;
  p[0] = (float) x;
  p[1] = (float) y;
}

static void
gen_xor (PsRng  *rng,
         double  noise,
         guint   label,
         float  *p)
{
  /* A point in the quadrants of sign(x·y) matching the label, pushed 0.3 away
   * from the axes, then jittered. */
  const double padding = 0.3;
  double x = ps_rng_range (rng, 0.0, RADIUS - padding) + padding;
  double y = ps_rng_range (rng, 0.0, RADIUS - padding) + padding;
  gboolean flip = ps_rng_uniform (rng) < 0.5;

  if (flip)
    x = -x;
  if ((label == 1) != !flip)   /* class 1: same signs; class 0: opposite */
    y = -y;
  x += ps_rng_range (rng, -RADIUS, RADIUS) * noise;
  y += ps_rng_range (rng, -RADIUS, RADIUS) * noise;
  p[0] = (float) x;
  p[1] = (float) y;
}

static void
gen_gauss (PsRng  *rng,
           double  noise,
           guint   label,
           float  *p)
{
  /* Two blobs at ±(2, 2); the variance grows from 0.5 to 4 with noise 0 → 0.5. */
  double variance = 0.5 + 7.0 * noise;
  double sd = sqrt (variance);
  double c = label == 1 ? 2.0 : -2.0;

  p[0] = (float) (c + sd * ps_rng_normal (rng));
  p[1] = (float) (c + sd * ps_rng_normal (rng));
}

static void
gen_spiral (PsRng  *rng,
            double  noise,
            guint   label,
            gsize   k,
            gsize   n_class,
            float  *p)
{
  /* Two interleaved arms of 1.75 turns; arm 0 is arm 1 turned by π. */
  double t = n_class > 1 ? (double) k / (double) n_class : 0.0;
  double r = t * RADIUS;
  double angle = 1.75 * t * 2.0 * G_PI + (label == 1 ? 0.0 : G_PI);

  p[0] = (float) (r * sin (angle) + ps_rng_range (rng, -1.0, 1.0) * noise);
  p[1] = (float) (r * cos (angle) + ps_rng_range (rng, -1.0, 1.0) * noise);
}

static void
gen_moons (PsRng  *rng,
           double  noise,
           guint   label,
           float  *p)
{
  /* scikit-learn's make_moons (class 0: upper moon, class 1: lower one),
   * centred and scaled by 3 to about [-4.5, 4.5] × [-2.3, 2.3]; noise is the
   * standard deviation of the Gaussian jitter in the original units. */
  double t = ps_rng_range (rng, 0.0, G_PI);
  double x, y;

  if (label == 0)
    {
      x = cos (t);
      y = sin (t);
    }
  else
    {
      x = 1.0 - cos (t);
      y = 0.5 - sin (t);
    }
  x += noise * ps_rng_normal (rng);
  y += noise * ps_rng_normal (rng);
  p[0] = (float) ((x - 0.5) * 3.0);
  p[1] = (float) ((y - 0.25) * 3.0);
}

/**
 * ps_generator_check_options:
 * @n_samples: PS_GENERATOR_MIN_SAMPLES to PS_GENERATOR_MAX_SAMPLES
 * @noise: finite, 0 to PS_GENERATOR_MAX_NOISE
 *
 * Returns: TRUE when both are in range; else FALSE with a
 *   PS_DATASET_ERROR_INVALID naming the option ("samples", "noise").
 */
gboolean
ps_generator_check_options (gsize    n_samples,
                            double   noise,
                            GError **error)
{
  if (n_samples < PS_GENERATOR_MIN_SAMPLES || n_samples > PS_GENERATOR_MAX_SAMPLES)
    {
      g_set_error (error, PS_DATASET_ERROR, PS_DATASET_ERROR_INVALID,
                   "samples: %" G_GSIZE_FORMAT " is out of range (%d to %d: at least 2 per class)",
                   n_samples, PS_GENERATOR_MIN_SAMPLES, PS_GENERATOR_MAX_SAMPLES);
      return FALSE;
    }
  if (!isfinite (noise) || noise < 0.0 || noise > PS_GENERATOR_MAX_NOISE)
    {
      char buf[G_ASCII_DTOSTR_BUF_SIZE];

      g_set_error (error, PS_DATASET_ERROR, PS_DATASET_ERROR_INVALID,
                   "noise: %s is out of range (a finite number from 0 to %g)",
                   g_ascii_formatd (buf, sizeof buf, "%g", noise), PS_GENERATOR_MAX_NOISE);
      return FALSE;
    }
  return TRUE;
}

/**
 * ps_dataset_new_generated:
 * @kind: the shape
 * @n_samples: number of points, PS_GENERATOR_MIN_SAMPLES to
 *   PS_GENERATOR_MAX_SAMPLES; class i % 2 for point i
 * @noise: 0 for clean data, at most PS_GENERATOR_MAX_NOISE; Playground's
 *   useful range is 0–0.5
 * @seed: the RNG seed: same seed, same points
 * @error: PS_DATASET_ERROR_INVALID for an unknown kind or an option out of
 *   range (see ps_generator_check_options())
 *
 * Returns: (transfer full) (nullable): a dataset with features x1, x2 and
 *   classes "0", "1", or NULL with @error set
 */
PsDataset *
ps_dataset_new_generated (PsGenerator kind,
                          guint       n_samples,
                          double      noise,
                          guint64     seed,
                          GError    **error)
{
  PsDataset *self;
  PsRng rng;
  gsize n_class1 = n_samples / 2;
  gsize n_class0 = n_samples - n_class1;

  if (ps_generator_to_string (kind) == NULL)
    {
      g_set_error (error, PS_DATASET_ERROR, PS_DATASET_ERROR_INVALID,
                   "unknown generator %d", (int) kind);
      return NULL;
    }
  if (!ps_generator_check_options (n_samples, noise, error))
    return NULL;

  ps_rng_seed (&rng, seed);
  self = ps_dataset_new (ps_generator_to_string (kind), n_samples, 2, 2);
  self->feature_names = g_new0 (char *, 3);
  self->feature_names[0] = g_strdup ("x1");
  self->feature_names[1] = g_strdup ("x2");

  for (gsize i = 0; i < n_samples; i++)
    {
      guint label = i % 2;
      float *p = self->x + i * 2;

      self->labels[i] = label;
      switch (kind)
        {
        case PS_GENERATOR_CIRCLE:
          gen_circle (&rng, noise, label, p);
          break;
        case PS_GENERATOR_XOR:
          gen_xor (&rng, noise, label, p);
          break;
        case PS_GENERATOR_GAUSS:
          gen_gauss (&rng, noise, label, p);
          break;
        case PS_GENERATOR_SPIRAL:
          gen_spiral (&rng, noise, label, i / 2, label == 1 ? n_class1 : n_class0, p);
          break;
        case PS_GENERATOR_MOONS:
          gen_moons (&rng, noise, label, p);
          break;
        default:
          g_assert_not_reached ();
        }
    }
  return self;
}
