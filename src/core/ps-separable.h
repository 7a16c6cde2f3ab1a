/* ps-separable.h: is a training set linearly separable, and if not, why
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One class against the rest: is there a w and b with w·x + b > 0 for every
 * sample of the class and < 0 for every other? The answer is exact, for any
 * number of features: a linear program y_i (w·x_i + b) ≥ 1 solved by GLPK
 * (its simplex in double, confirmed by its exact rational simplex when it
 * finds no solution or when its solution does not pass the check below),
 * and every w, b returned is checked in double to separate every sample
 * strictly. When the set is not separable, 2-D data gets a reason that
 * names the points (the classes' convex hulls meet: two segments cross, or
 * a point lies inside or on the other class's hull), and the truth tables
 * of 2 or 3 binary inputs (the notebook's gates) get their inequalities
 * and the contradiction they lead to.
 */
#pragma once

#include <glib.h>

#include "ps-dataset.h"

G_BEGIN_DECLS

#define PS_SEPARABILITY_ERROR (ps_separability_error_quark ())

typedef enum
{
  PS_SEPARABILITY_ERROR_INPUT,    /* no samples, no features, a value that is not finite */
  PS_SEPARABILITY_ERROR_SOLVER,   /* the linear program could not be solved */
} PsSeparabilityError;

/* Why a 2-D set is not separable: the points named in witness[]. */
typedef enum
{
  PS_SEPARABILITY_WITNESS_NONE,       /* separable, or not 2-D */
  PS_SEPARABILITY_WITNESS_COINCIDE,   /* witness[0] (class) and witness[1] (rest) at one place */
  PS_SEPARABILITY_WITNESS_ON_SEGMENT, /* witness[0] on the segment witness[1]–witness[2] of the other side */
  PS_SEPARABILITY_WITNESS_IN_TRIANGLE,/* witness[0] inside the triangle witness[1..3] of the other side */
  PS_SEPARABILITY_WITNESS_CROSSING,   /* segment witness[0]–witness[1] (class) crosses
                                       * witness[2]–witness[3] (rest) */
  PS_SEPARABILITY_WITNESS_HULLS,      /* the hulls meet, no simpler witness found
                                       * (rounding at the limits of double precision) */
} PsSeparabilityWitness;

typedef struct
{
  guint32                positive_class;
  guint                  n_features;
  gsize                  n_samples;
  gsize                  n_positive;      /* samples of positive_class */
  gboolean               separable;
  /* separable: w·x + b > 0 for the class, < 0 for the rest, checked in
   * double over every sample; margin is min over samples of
   * y (w·x + b) / |w| (y = ±1), the distance of the nearest sample to the
   * line when |w| > 0. */
  double                *w;               /* n_features, owned */
  double                 b;
  double                 margin;
  gboolean               exact;           /* the exact rational simplex decided */
  /* 2-D only: the witness, and each side's convex hull (sample indices,
   * counter-clockwise, duplicates and collinear points dropped: 1 index
   * for a single place, 2 for a segment). hull[0] is the class's, hull[1]
   * the rest's. */
  PsSeparabilityWitness  witness;
  gsize                  witness_points[4];
  guint                  n_witness_points;
  gsize                 *hull[2];         /* owned */
  guint                  n_hull[2];
  /* side[i] for the witness points: TRUE for the class, FALSE for the rest */
  gboolean               witness_positive[4];
  /* One line, no final period: "the segment from sample 1 (0, 1) to …"; for
   * a separable set "w·x + b > 0 for every sample of class 1 and < 0 for
   * every sample of the rest". Owned. */
  char                  *reason;
  /* For a truth table (every row a distinct corner of {0,1}^n, n = 2 or 3,
   * all 2^n present): one inequality per row and, when not separable, the
   * contradiction, over several lines (ending with '\n'). NULL for other
   * data. Owned. */
  char                  *table_text;
} PsSeparability;

GQuark          ps_separability_error_quark (void);

/* Checks samples x (n × n_features, row-major, as the perceptron is fed)
 * with labels: positive_class against every other label.
 * @positive_name, @rest_name: how the text names the two sides (NULL:
 *   "class N" and "the rest").
 * @error: PS_SEPARABILITY_ERROR_INPUT for n or n_features 0 or a value that
 *   is not finite; PS_SEPARABILITY_ERROR_SOLVER when GLPK fails.
 * A side with no sample is separable (w = 0, b = ±1).
 * Returns: (transfer full) (nullable): free with ps_separability_free() */
PsSeparability *ps_separability_check        (const float    *x,
                                              const guint32  *labels,
                                              gsize           n,
                                              guint           n_features,
                                              guint32         positive_class,
                                              const char     *positive_name,
                                              const char     *rest_name,
                                              GError        **error);
/* ps_separability_check() on a dataset's features: scaled as the network
 * is fed (ps_dataset_gather), or raw (as plots draw them) when @raw. The
 * sides are named by the dataset's class names: "class NAME" and, with two
 * classes, the other class, else "the rest".
 * Returns: (transfer full) (nullable) */
PsSeparability *ps_separability_check_dataset (const PsDataset *data,
                                               guint32          positive_class,
                                               gboolean         raw,
                                               GError         **error);
/* "w: 2 2 b: -3": w and b as the CLI prints them, each the shortest
 * decimal that reads back to the same double. Returns: (transfer full) */
char           *ps_separability_format_wb    (const PsSeparability *self);
void            ps_separability_free         (PsSeparability *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PsSeparability, ps_separability_free)

G_END_DECLS
