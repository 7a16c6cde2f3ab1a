/* ps-rng.h: explicit, seeded random number generator (xoshiro256**)
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Plain value type: copy it to fork a stream. Same seed, same sequence on
 * every machine. */
typedef struct
{
  guint64 s[4];
} PsRng;

void    ps_rng_seed       (PsRng   *rng,
                           guint64  seed);
guint64 ps_rng_next       (PsRng   *rng);
/* Uniform in [0, 1) with 53 bits. */
double  ps_rng_uniform    (PsRng   *rng);
/* Uniform in [lo, hi). */
double  ps_rng_range      (PsRng   *rng,
                           double   lo,
                           double   hi);
/* Standard normal (Box–Muller). */
double  ps_rng_normal     (PsRng   *rng);
/* Uniform integer in [0, n). */
guint32 ps_rng_below      (PsRng   *rng,
                           guint32  n);
/* Fisher–Yates shuffle of idx[0..n). */
void    ps_rng_shuffle    (PsRng   *rng,
                           guint32 *idx,
                           gsize    n);

G_END_DECLS
