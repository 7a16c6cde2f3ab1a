/* test-util.h: small helpers shared by the engine tests
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <math.h>
#include <string.h>

#include "ps-dataset.h"
#include "ps-network.h"
#include "ps-rng.h"

/* A float dataset from row-major x and labels. */
static inline PsDataset *
test_dataset_new (const char    *name,
                  const float   *x,
                  const guint32 *labels,
                  gsize          n,
                  gsize          n_features,
                  guint          n_classes)
{
  PsDataset *d = ps_dataset_new (name, n, n_features, n_classes);

  memcpy (ps_dataset_get_x_writable (d), x, sizeof (float) * n * n_features);
  memcpy (ps_dataset_get_labels_writable (d), labels, sizeof (guint32) * n);
  return d;
}

/* Random features in [-1, 1) and labels below n_classes. */
static inline PsDataset *
test_dataset_random (PsRng *rng,
                     gsize  n,
                     gsize  n_features,
                     guint  n_classes)
{
  PsDataset *d = ps_dataset_new ("random", n, n_features, n_classes);

  for (gsize i = 0; i < n * n_features; i++)
    ps_dataset_get_x_writable (d)[i] = (float) ps_rng_range (rng, -1.0, 1.0);
  for (gsize i = 0; i < n; i++)
    ps_dataset_get_labels_writable (d)[i] = ps_rng_below (rng, n_classes);
  return d;
}

static inline PsNetwork *
test_network_new (const char *spec)
{
  g_autoptr (GError) error = NULL;
  PsNetwork *net = ps_network_new_from_spec (spec, &error);

  g_assert_no_error (error);
  g_assert_nonnull (net);
  return net;
}
