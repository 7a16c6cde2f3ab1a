/* ps-dataset-private.h: helpers shared by the dataset readers (not public)
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ps-dataset.h"

G_BEGIN_DECLS

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
