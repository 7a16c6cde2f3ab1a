/* ps-dataset-loader.h: turns a PsDatasetSource into a training and a test set
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Files load in a GTask thread; gates and generators build at once (the
 * async call still completes through the main loop). Progress is reported on
 * the main thread through one coalesced idle ("progress" property). A failed
 * or cancelled load returns an error and touches nothing else. No GTK.
 */
#pragma once

#include <gio/gio.h>

#include "ps-dataset-source.h"

G_BEGIN_DECLS

#define PS_TYPE_DATASET_LOADER (ps_dataset_loader_get_type ())

G_DECLARE_FINAL_TYPE (PsDatasetLoader, ps_dataset_loader, PS, DATASET_LOADER, GObject)

/* Properties (main thread):
 *   "busy"     (gboolean, read-only)  a load is running
 *   "progress" (double, read-only)    0..1 of the running load */

PsDatasetLoader *ps_dataset_loader_new          (void);
/* Starts loading @source (copied). A load already running is cancelled
 * first (its callback gets PS_DATASET_ERROR_CANCELLED). */
void             ps_dataset_loader_load_async   (PsDatasetLoader       *self,
                                                 const PsDatasetSource *source,
                                                 GCancellable          *cancellable,
                                                 GAsyncReadyCallback    callback,
                                                 gpointer               user_data);
/* On success @train gets a new reference to the training set and @test one
 * to the test set (the gate table itself for gates, a second generated set
 * for generators, t10k for IDX folders that have it, else NULL). The t10k
 * files are checked against the train files (ps_dataset_check_test_set). */
gboolean         ps_dataset_loader_load_finish  (PsDatasetLoader       *self,
                                                 GAsyncResult          *result,
                                                 PsDataset            **train,
                                                 PsDataset            **test,
                                                 GError               **error);
/* The same, blocking (tests, the CLI). */
gboolean         ps_dataset_loader_load_sync    (const PsDatasetSource *source,
                                                 GCancellable          *cancellable,
                                                 PsLoadProgressFunc     progress,
                                                 gpointer               user_data,
                                                 PsDataset            **train,
                                                 PsDataset            **test,
                                                 GError               **error);
void             ps_dataset_loader_cancel       (PsDatasetLoader       *self);
gboolean         ps_dataset_loader_is_busy      (PsDatasetLoader       *self);
double           ps_dataset_loader_get_progress (PsDatasetLoader       *self);
/* Loader threads still running, cancelled ones included (tests). */
guint            ps_dataset_loader_get_n_threads (PsDatasetLoader      *self);
/* Cancels and waits for every thread to end (closing the window). */
void             ps_dataset_loader_shutdown     (PsDatasetLoader       *self);

G_END_DECLS
