/* ps-dataset-loader.c: turns a PsDatasetSource into a training and a test set
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One load at a time per loader: a new one cancels the running one. Files
 * load in a GTask thread (the inner task); its result is handed to the
 * caller's task on the main thread after "busy" has dropped, so a callback
 * sees the loader idle. Progress from the thread goes through two atomics
 * and at most one pending idle. A cancelled load ends at its reader's next
 * check; shutdown waits for every thread, cancelled ones included.
 */
#include "config.h"

#include "ps-dataset-loader.h"

#include <glib/gi18n.h>

#include "ps-csv.h"
#include "ps-datadir.h"
#include "ps-generators.h"
#include "ps-idx.h"

struct _PsDatasetLoader
{
  GObject       parent_instance;

  GCancellable *cancellable;    /* the current load's, or NULL */
  gboolean      busy;
  double        progress;

  /* progress from the loader thread */
  gint          progress_ppm;   /* atomic */
  gint          progress_idle;  /* atomic: an idle is pending */

  /* loader threads still running (a cancelled one ends at its next read) */
  GMutex        mutex;
  GCond         cond;
  guint         n_threads;
};

G_DEFINE_FINAL_TYPE (PsDatasetLoader, ps_dataset_loader, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_BUSY,
  PROP_PROGRESS,
  N_PROPS
};

static GParamSpec *props[N_PROPS];

typedef struct
{
  PsDatasetSource *source;
  GCancellable    *cancellable;     /* the loader's own, cancelled by cancel () */
  GCancellable    *user_cancellable;
  gulong           user_handler;
  PsLoadProgressFunc progress;      /* load_sync's caller */
  gpointer         progress_data;
  PsDataset       *train;
  PsDataset       *test;
} LoadJob;

static void
load_job_free (LoadJob *job)
{
  if (job->user_handler != 0)
    g_cancellable_disconnect (job->user_cancellable, job->user_handler);
  g_clear_object (&job->user_cancellable);
  g_clear_object (&job->cancellable);
  g_clear_pointer (&job->source, ps_dataset_source_free);
  g_clear_pointer (&job->train, ps_dataset_unref);
  g_clear_pointer (&job->test, ps_dataset_unref);
  g_free (job);
}

/* ---- loading, in any thread ----------------------------------------------------- */

static void
report (LoadJob *job,
        double   fraction)
{
  if (job->progress != NULL)
    job->progress (fraction, job->progress_data);
}

static void
train_progress (double   fraction,
                gpointer user_data)
{
  LoadJob *job = user_data;

  /* the training file is most of the work; t10k follows */
  report (job, ps_dataset_source_get_kind (job->source) == PS_DATASET_SOURCE_IDX ? 0.85 * fraction : fraction);
}

static void
test_progress (double   fraction,
               gpointer user_data)
{
  report (user_data, 0.85 + 0.15 * fraction);
}

static gboolean
load_gate (LoadJob  *job,
           GError  **error)
{
  job->train = ps_dataset_new_gate (job->source->id, error);
  if (job->train == NULL)
    return FALSE;
  /* the notebook evaluates the gates on their own truth table */
  job->test = ps_dataset_ref (job->train);
  return TRUE;
}

static gboolean
load_generator (LoadJob  *job,
                GError  **error)
{
  const PsDatasetSource *s = job->source;
  /* the dropdown's "xor-cloud" is the generator "xor" */
  const char *name = g_str_equal (s->id, "xor-cloud") ? "xor" : s->id;
  PsGenerator kind;

  if (!ps_generator_from_string (name, &kind))
    {
      g_set_error (error, PS_DATASET_ERROR, PS_DATASET_ERROR_INVALID, _("This generator is not available."));
      return FALSE;
    }
  /* the core checks the options' ranges (PS_GENERATOR_MIN_SAMPLES...) */
  job->train = ps_dataset_new_generated (kind, s->n_samples, s->noise, s->seed, error);
  if (job->train == NULL)
    return FALSE;
  /* an independent test set from the same distribution */
  job->test = ps_dataset_new_generated (kind, MAX (s->n_samples / 4, 20), s->noise, s->seed + 1000003, error);
  return job->test != NULL;
}

static gboolean
load_csv (LoadJob       *job,
          GCancellable  *cancellable,
          GError       **error)
{
  PsCsvOptions opts = { job->source->label_column, 0, -1 };

  if (job->source->path == NULL)
    {
      g_set_error (error, PS_DATASET_ERROR, PS_DATASET_ERROR_INVALID, _("No data was loaded."));
      return FALSE;
    }
  job->train = ps_dataset_load_csv (job->source->path, &opts, cancellable, train_progress, job, error);
  return job->train != NULL;
}

/* (transfer none) (nullable): the folder of an IDX source; NULL + error
 * when there is none */
static const char *
idx_folder (const PsDatasetSource  *source,
            GError                **error)
{
  gboolean fashion = g_str_equal (source->id, "fashion-mnist");
  const char *folder = source->path;

  if (folder == NULL)
    folder = fashion ? ps_dataset_fashion_mnist_dir () : ps_data_find_dataset_dir ("mnist");
  if (folder == NULL && fashion)
    g_set_error (error, PS_DATASET_ERROR, PS_DATASET_ERROR_NOT_FOUND,
                 _("Fashion-MNIST was not found. Install the dataset-fashion-mnist package, "
                   "or choose the folder that holds its files."));
  else if (folder == NULL)
    g_set_error (error, PS_DATASET_ERROR, PS_DATASET_ERROR_NOT_FOUND,
                 _("Choose the folder that holds the IDX files (train-images-idx3-ubyte.gz, …)."));
  else if (!g_file_test (folder, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, PS_DATASET_ERROR, PS_DATASET_ERROR_NOT_FOUND,
                   _("The folder “%s” does not exist or cannot be read."), folder);
      folder = NULL;
    }
  return folder;
}

/* "MNIST" says more than "train-images-idx3-ubyte.gz"; the reader knows
 * Fashion-MNIST by its labels, wherever the folder is. */
static void
name_idx_sets (LoadJob *job)
{
  const char *const *classes = ps_dataset_get_class_names (job->train);
  gboolean fashion = g_str_equal (job->source->id, "fashion-mnist") ||
                     (classes != NULL && g_strcmp0 (classes[0], "T-shirt/top") == 0);

  ps_dataset_set_name (job->train, fashion ? "Fashion-MNIST" : "MNIST");
  if (job->test != NULL)
    ps_dataset_set_name (job->test, fashion ? "Fashion-MNIST test" : "MNIST test");
}

static gboolean
load_idx (LoadJob       *job,
          GCancellable  *cancellable,
          GError       **error)
{
  const char *folder = idx_folder (job->source, error);
  g_autoptr(GError) test_error = NULL;

  if (folder == NULL)
    return FALSE;
  job->train = ps_dataset_load_idx_dir (folder, FALSE, cancellable, train_progress, job, error);
  if (job->train == NULL)
    return FALSE;
  job->test = ps_dataset_load_idx_dir (folder, TRUE, cancellable, test_progress, job, &test_error);
  /* a folder without t10k files is fine: evaluate on a split then */
  if (job->test == NULL && g_error_matches (test_error, PS_DATASET_ERROR, PS_DATASET_ERROR_CANCELLED))
    {
      g_propagate_error (error, g_steal_pointer (&test_error));
      return FALSE;
    }
  /* t10k files that do not fit the train files are refused, as the CLI
   * does (the same check) */
  if (job->test != NULL)
    {
      g_autofree char *what = g_build_filename (folder, ps_dataset_get_name (job->test), NULL);
      g_autofree char *display = g_filename_display_name (what);

      if (!ps_dataset_check_test_set (job->train, job->test, display, error))
        return FALSE;
    }
  name_idx_sets (job);
  return TRUE;
}

/* Fills job->train/test, or clears them and sets @error. */
static gboolean
load_job_run (LoadJob       *job,
              GCancellable  *cancellable,
              GError       **error)
{
  gboolean ok = FALSE;

  switch (ps_dataset_source_get_kind (job->source))
    {
    case PS_DATASET_SOURCE_GATE:
      ok = load_gate (job, error);
      break;
    case PS_DATASET_SOURCE_GENERATOR:
      ok = load_generator (job, error);
      break;
    case PS_DATASET_SOURCE_CSV:
      ok = load_csv (job, cancellable, error);
      break;
    case PS_DATASET_SOURCE_IDX:
      ok = load_idx (job, cancellable, error);
      break;
    default:
      g_assert_not_reached ();
    }
  /* a load cancelled after its last read is cancelled all the same; the
   * message is untranslated like the readers': callers drop cancellations */
  if (ok && g_cancellable_is_cancelled (cancellable))
    {
      g_set_error (error, PS_DATASET_ERROR, PS_DATASET_ERROR_CANCELLED, "Loading was cancelled");
      ok = FALSE;
    }
  if (!ok)
    {
      g_clear_pointer (&job->train, ps_dataset_unref);
      g_clear_pointer (&job->test, ps_dataset_unref);
    }
  if (ok)
    report (job, 1.0);
  return ok;
}

/* ---- progress, thread to main loop ---------------------------------------------- */

static void
set_progress (PsDatasetLoader *self,
              double           fraction)
{
  if (self->progress == fraction)
    return;
  self->progress = fraction;
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_PROGRESS]);
}

static gboolean
progress_idle (gpointer data)
{
  PsDatasetLoader *self = data;

  g_atomic_int_set (&self->progress_idle, 0);
  if (self->busy)
    set_progress (self, g_atomic_int_get (&self->progress_ppm) / 1e6);
  return G_SOURCE_REMOVE;
}

/* Loader thread. */
static void
thread_progress (double   fraction,
                 gpointer user_data)
{
  PsDatasetLoader *self = user_data;

  g_atomic_int_set (&self->progress_ppm, (gint) (CLAMP (fraction, 0, 1) * 1e6));
  if (g_atomic_int_compare_and_exchange (&self->progress_idle, 0, 1))
    g_idle_add_full (G_PRIORITY_DEFAULT, progress_idle, g_object_ref (self), g_object_unref);
}

static void
set_busy (PsDatasetLoader *self,
          GCancellable    *cancellable)
{
  gboolean busy = cancellable != NULL;

  g_set_object (&self->cancellable, cancellable);
  g_object_freeze_notify (G_OBJECT (self));
  if (busy)
    {
      g_atomic_int_set (&self->progress_ppm, 0);
      set_progress (self, 0);
    }
  if (self->busy != busy)
    {
      self->busy = busy;
      g_object_notify_by_pspec (G_OBJECT (self), props[PROP_BUSY]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

/* ---- the async load ------------------------------------------------------------- */

static void
load_thread (GTask        *inner,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  PsDatasetLoader *self = source_object;
  LoadJob *job = task_data;
  GError *error = NULL;

  if (load_job_run (job, cancellable, &error))
    g_task_return_boolean (inner, TRUE);
  else
    g_task_return_error (inner, error);

  /* the task holds the loader until its callback has run on the main thread */
  g_mutex_lock (&self->mutex);
  self->n_threads--;
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->mutex);
}

/* Main thread: the thread is done; drop "busy" (if this is still the
 * current load), then complete the caller's task. */
static void
on_thread_done (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  PsDatasetLoader *self = PS_DATASET_LOADER (object);
  g_autoptr(GTask) outer = user_data;
  LoadJob *job = g_task_get_task_data (outer);
  GError *error = NULL;
  gboolean ok = g_task_propagate_boolean (G_TASK (result), &error);

  if (self->cancellable == job->cancellable)
    {
      if (ok)
        set_progress (self, 1.0);
      set_busy (self, NULL);
    }
  if (ok)
    g_task_return_boolean (outer, TRUE);
  else
    g_task_return_error (outer, error);
}

static void
on_user_cancelled (GCancellable *user_cancellable,
                   gpointer      data)
{
  g_cancellable_cancel (data);
}

/**
 * ps_dataset_loader_load_async:
 * @source: what to load (copied)
 * @cancellable: (nullable): cancels this load as ps_dataset_loader_cancel() does
 *
 * Gates and generators are built before this returns and complete through
 * the main loop; files load in a thread ("busy", "progress"). A load already
 * running is cancelled first.
 */
void
ps_dataset_loader_load_async (PsDatasetLoader       *self,
                              const PsDatasetSource *source,
                              GCancellable          *cancellable,
                              GAsyncReadyCallback    callback,
                              gpointer               user_data)
{
  g_autoptr(GTask) outer = NULL;
  LoadJob *job;

  g_return_if_fail (PS_IS_DATASET_LOADER (self));
  g_return_if_fail (source != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  ps_dataset_loader_cancel (self);

  job = g_new0 (LoadJob, 1);
  job->source = ps_dataset_source_copy (source);
  job->cancellable = g_cancellable_new ();
  if (cancellable != NULL)
    {
      job->user_cancellable = g_object_ref (cancellable);
      job->user_handler = g_cancellable_connect (cancellable, G_CALLBACK (on_user_cancelled),
                                                 g_object_ref (job->cancellable), g_object_unref);
    }

  outer = g_task_new (self, job->cancellable, callback, user_data);
  g_task_set_source_tag (outer, ps_dataset_loader_load_async);
  g_task_set_task_data (outer, job, (GDestroyNotify) load_job_free);

  if (!ps_dataset_source_is_file (source))
    {
      GError *error = NULL;

      /* instant; GTask still calls back from the main loop */
      if (load_job_run (job, NULL, &error))
        g_task_return_boolean (outer, TRUE);
      else
        g_task_return_error (outer, error);
      /* ps_dataset_loader_cancel() before the callback still cancels it */
      g_set_object (&self->cancellable, job->cancellable);
      return;
    }

  {
    g_autoptr(GTask) inner = g_task_new (self, job->cancellable, on_thread_done, g_object_ref (outer));

    job->progress = thread_progress;
    job->progress_data = self;
    g_task_set_task_data (inner, job, NULL);   /* outer owns it and outlives inner */
    set_busy (self, job->cancellable);
    g_mutex_lock (&self->mutex);
    self->n_threads++;
    g_mutex_unlock (&self->mutex);
    g_task_run_in_thread (inner, load_thread);
  }
}

/**
 * ps_dataset_loader_load_finish:
 * @train: (out) (transfer full): the training set
 * @test: (out) (transfer full) (nullable): the test set, or NULL
 *
 * Returns: TRUE on success; FALSE + @error otherwise, and
 *   PS_DATASET_ERROR_CANCELLED for a load cancelled before its callback ran
 *   (even when its thread had finished)
 */
gboolean
ps_dataset_loader_load_finish (PsDatasetLoader  *self,
                               GAsyncResult     *result,
                               PsDataset       **train,
                               PsDataset       **test,
                               GError          **error)
{
  LoadJob *job;

  g_return_val_if_fail (PS_IS_DATASET_LOADER (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (train != NULL && test != NULL, FALSE);

  *train = NULL;
  *test = NULL;
  job = g_task_get_task_data (G_TASK (result));
  if (self->cancellable == job->cancellable)
    g_clear_object (&self->cancellable);
  if (g_cancellable_is_cancelled (job->cancellable))
    {
      g_set_error (error, PS_DATASET_ERROR, PS_DATASET_ERROR_CANCELLED, "Loading was cancelled");
      return FALSE;
    }
  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;
  *train = g_steal_pointer (&job->train);
  *test = g_steal_pointer (&job->test);
  return TRUE;
}

/**
 * ps_dataset_loader_load_sync:
 * @progress: (nullable) (scope call): called from this thread
 * @train: (out) (transfer full)
 * @test: (out) (transfer full) (nullable)
 *
 * Loads @source in the calling thread.
 */
gboolean
ps_dataset_loader_load_sync (const PsDatasetSource  *source,
                             GCancellable           *cancellable,
                             PsLoadProgressFunc      progress,
                             gpointer                user_data,
                             PsDataset             **train,
                             PsDataset             **test,
                             GError                **error)
{
  LoadJob job = { 0 };

  g_return_val_if_fail (source != NULL, FALSE);
  g_return_val_if_fail (train != NULL && test != NULL, FALSE);

  job.source = (PsDatasetSource *) source;
  job.progress = progress;
  job.progress_data = user_data;
  *train = NULL;
  *test = NULL;
  if (!load_job_run (&job, cancellable, error))
    return FALSE;
  *train = job.train;
  *test = job.test;
  return TRUE;
}

/**
 * ps_dataset_loader_cancel:
 *
 * Cancels the running load; its callback gets PS_DATASET_ERROR_CANCELLED.
 */
void
ps_dataset_loader_cancel (PsDatasetLoader *self)
{
  g_return_if_fail (PS_IS_DATASET_LOADER (self));

  if (self->cancellable == NULL)
    return;
  g_cancellable_cancel (self->cancellable);
  set_busy (self, NULL);
}

gboolean
ps_dataset_loader_is_busy (PsDatasetLoader *self)
{
  g_return_val_if_fail (PS_IS_DATASET_LOADER (self), FALSE);

  return self->busy;
}

double
ps_dataset_loader_get_progress (PsDatasetLoader *self)
{
  g_return_val_if_fail (PS_IS_DATASET_LOADER (self), 0);

  return self->progress;
}

guint
ps_dataset_loader_get_n_threads (PsDatasetLoader *self)
{
  guint n;

  g_return_val_if_fail (PS_IS_DATASET_LOADER (self), 0);

  g_mutex_lock (&self->mutex);
  n = self->n_threads;
  g_mutex_unlock (&self->mutex);
  return n;
}

/**
 * ps_dataset_loader_shutdown:
 *
 * Cancels a running load and waits until every loader thread has stopped
 * reading (they check at every read, so this is short).
 */
void
ps_dataset_loader_shutdown (PsDatasetLoader *self)
{
  g_return_if_fail (PS_IS_DATASET_LOADER (self));

  ps_dataset_loader_cancel (self);
  g_mutex_lock (&self->mutex);
  while (self->n_threads > 0)
    g_cond_wait (&self->cond, &self->mutex);
  g_mutex_unlock (&self->mutex);
}

/* ---- GObject -------------------------------------------------------------------- */

PsDatasetLoader *
ps_dataset_loader_new (void)
{
  return g_object_new (PS_TYPE_DATASET_LOADER, NULL);
}

static void
ps_dataset_loader_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  PsDatasetLoader *self = PS_DATASET_LOADER (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    case PROP_PROGRESS:
      g_value_set_double (value, self->progress);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ps_dataset_loader_finalize (GObject *object)
{
  PsDatasetLoader *self = PS_DATASET_LOADER (object);

  /* every task (and its thread) holds a ref: none is left here */
  g_clear_object (&self->cancellable);
  g_mutex_clear (&self->mutex);
  g_cond_clear (&self->cond);
  G_OBJECT_CLASS (ps_dataset_loader_parent_class)->finalize (object);
}

static void
ps_dataset_loader_class_init (PsDatasetLoaderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = ps_dataset_loader_get_property;
  object_class->finalize = ps_dataset_loader_finalize;

  props[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  props[PROP_PROGRESS] =
    g_param_spec_double ("progress", NULL, NULL, 0, 1, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, props);
}

static void
ps_dataset_loader_init (PsDatasetLoader *self)
{
  g_mutex_init (&self->mutex);
  g_cond_init (&self->cond);
}
