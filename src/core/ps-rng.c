/* ps-rng.c: xoshiro256** seeded through splitmix64
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ps-rng.h"

#include <math.h>

static inline guint64
rotl (guint64 x,
      int     k)
{
  return (x << k) | (x >> (64 - k));
}

static guint64
splitmix64 (guint64 *state)
{
  guint64 z = (*state += G_GUINT64_CONSTANT (0x9e3779b97f4a7c15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94d049bb133111eb);
  return z ^ (z >> 31);
}

/**
 * ps_rng_seed:
 * @rng: the generator
 * @seed: any value, 0 included
 *
 * Expands @seed into the 256-bit state with splitmix64, as the xoshiro
 * authors recommend; the state is never all zero.
 */
void
ps_rng_seed (PsRng   *rng,
             guint64  seed)
{
  guint64 sm = seed;

  g_return_if_fail (rng != NULL);

  for (int i = 0; i < 4; i++)
    rng->s[i] = splitmix64 (&sm);
}

guint64
ps_rng_next (PsRng *rng)
{
  guint64 *s = rng->s;
  guint64 result = rotl (s[1] * 5, 7) * 9;
  guint64 t = s[1] << 17;

  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = rotl (s[3], 45);

  return result;
}

double
ps_rng_uniform (PsRng *rng)
{
  return (double) (ps_rng_next (rng) >> 11) * 0x1.0p-53;
}

double
ps_rng_range (PsRng  *rng,
              double  lo,
              double  hi)
{
  return lo + (hi - lo) * ps_rng_uniform (rng);
}

double
ps_rng_normal (PsRng *rng)
{
  /* 1 - u is in (0, 1]: log() stays finite. The second variate is dropped so
   * the state stays a plain value. */
  double u1 = 1.0 - ps_rng_uniform (rng);
  double u2 = ps_rng_uniform (rng);

  return sqrt (-2.0 * log (u1)) * cos (2.0 * G_PI * u2);
}

guint32
ps_rng_below (PsRng   *rng,
              guint32  n)
{
  guint64 m;
  guint32 low;

  g_return_val_if_fail (n > 0, 0);

  /* Lemire's multiply-and-reject: unbiased, rarely loops. */
  m = (ps_rng_next (rng) >> 32) * (guint64) n;
  low = (guint32) m;
  if (low < n)
    {
      guint32 threshold = (guint32) (-n) % n;

      while (low < threshold)
        {
          m = (ps_rng_next (rng) >> 32) * (guint64) n;
          low = (guint32) m;
        }
    }
  return (guint32) (m >> 32);
}

void
ps_rng_shuffle (PsRng   *rng,
                guint32 *idx,
                gsize    n)
{
  g_return_if_fail (n <= G_MAXUINT32);

  for (gsize i = n; i > 1; i--)
    {
      guint32 j = ps_rng_below (rng, (guint32) i);
      guint32 tmp = idx[i - 1];

      idx[i - 1] = idx[j];
      idx[j] = tmp;
    }
}
