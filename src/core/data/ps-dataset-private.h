/* ps-dataset-private.h: the dataset's fields and the readers' helpers (not public)
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ps-dataset.h"

G_BEGIN_DECLS

/* The dataset's fields, for core's readers, the training hot path and
 * white-box tests; everyone else uses the accessors of ps-dataset.h.
 * Exactly one of x / x_u8 holds the features.
 *
 * A sample i, feature j, as the network sees it:
 *   v = (x[i*n_features + j] or x_u8[...]) ; v' = (v - shift[j]) * mul[j]
 * shift/mul are NULL for PS_SCALING_NONE. */
struct _PsDataset
{
  gint       ref_count;
  char      *name;            /* "xor", "circle", "train-images-idx3-ubyte.gz", ... */
  gsize      n_samples;
  gsize      n_features;
  float     *x;               /* n_samples × n_features, row-major, or NULL */
  guint8    *x_u8;            /* same layout, raw bytes (IDX images), or NULL */
  float     *shift;           /* n_features, or NULL */
  float     *mul;             /* n_features, or NULL */
  PsScaling  scaling;
  guint32   *labels;          /* n_samples class indices in [0, n_classes) */
  guint      n_classes;
  char     **class_names;     /* n_classes strings + NULL; "0", "1" for gates */
  char     **feature_names;   /* n_features strings + NULL, or NULL */
  guint      image_width;     /* 28 × 28 for IDX images; 0 when not an image */
  guint      image_height;
};

/* A dataset shell: name set, nothing allocated, ref_count 1. */
PsDataset *ps_dataset_new_empty        (const char *name);

/* "0", "1", ... "n-1" + NULL. */
char     **ps_dataset_numbered_names   (guint       n);

/* Bytes of a reader's result may not exceed this (features + labels); a file
 * asking for more is refused with PS_DATASET_ERROR_TOO_LARGE before allocating. */
#define PS_DATASET_MAX_BYTES ((guint64) 16 << 30)

/* min (PS_DATASET_MAX_BYTES, physical memory). */
guint64    ps_dataset_memory_limit     (void);

G_END_DECLS
