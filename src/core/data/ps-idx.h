/* ps-idx.h: the IDX reader (MNIST, Fashion-MNIST) and the test-set check
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ps-dataset.h"

G_BEGIN_DECLS

/* labels_path may be NULL only for tests of the image reader (labels all 0).
 * Regular files only (a FIFO or a device is refused without blocking);
 * gzipped (one member or several) or raw; the header is checked against the
 * file before allocating, and a short read is an error. Pixels are kept as
 * bytes in x_u8. */
PsDataset *ps_dataset_load_idx         (const char          *images_path,
                                        const char          *labels_path,
                                        GCancellable        *cancellable,
                                        PsLoadProgressFunc   progress,
                                        gpointer             user_data,
                                        GError             **error);
/* Finds train-images-idx3-ubyte[.gz] etc. in dir; test selects t10k-*. */
PsDataset *ps_dataset_load_idx_dir     (const char          *dir,
                                        gboolean             test,
                                        GCancellable        *cancellable,
                                        PsLoadProgressFunc   progress,
                                        gpointer             user_data,
                                        GError             **error);
/* A test set must fit its training set: same features (same image size),
 * no label beyond the training classes; else PS_DATASET_ERROR_MISMATCH
 * naming what (NULL: test->name). Call it on every train/test pair loaded. */
gboolean   ps_dataset_check_test_set   (const PsDataset     *train,
                                        const PsDataset     *test,
                                        const char          *what,
                                        GError             **error);
/* Where Debian's dataset-fashion-mnist puts its files, or NULL. */
const char *ps_dataset_fashion_mnist_dir (void);
/* "T-shirt/top", "Trouser", ... "Ankle boot" + NULL (static). */
const char *const *ps_dataset_fashion_mnist_class_names (void);


G_END_DECLS
