/* ps-dataset-panel.c: choose and load a dataset
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Gates and generators build at once on the main thread (they are tiny).
 * Files load in a GTask thread; the loader's progress goes to the progress
 * bar through one coalesced idle. A failed or cancelled load changes nothing:
 * the previous datasets stay, and the dropdown goes back to their source.
 */
#include "config.h"

#include "ps-dataset-panel.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ps-a11y.h"
#include "ps-datadir.h"
#include "ps-gzip.h"

#include "ps-boundary-view.h"
#include "ps-samples-view.h"
#include "ps-csv.h"
#include "ps-idx.h"
#include "ps-generators.h"

typedef enum
{
  KIND_GATE,
  KIND_GENERATOR,
  KIND_IDX,
  KIND_CSV,
} SourceKind;

typedef struct
{
  const char *id;
  SourceKind  kind;
  const char *arg;     /* gate name / generator name */
} SourceInfo;

/* Same order as the dropdown in the .ui. */
static const SourceInfo sources[] = {
  { "and", KIND_GATE, "and" },
  { "or", KIND_GATE, "or" },
  { "xor", KIND_GATE, "xor" },
  { "and3", KIND_GATE, "and3" },
  { "or3", KIND_GATE, "or3" },
  { "circle", KIND_GENERATOR, "circle" },
  { "xor-cloud", KIND_GENERATOR, "xor" },
  { "gauss", KIND_GENERATOR, "gauss" },
  { "spiral", KIND_GENERATOR, "spiral" },
  { "moons", KIND_GENERATOR, "moons" },
  { "mnist", KIND_IDX, NULL },
  { "fashion-mnist", KIND_IDX, NULL },
  { "csv", KIND_CSV, NULL },
};

#define PREVIEW_ROWS 6
#define PREVIEW_MAX_BYTES (64 * 1024)   /* read for the preview, at most */

struct _PsDatasetPanel
{
  GtkWidget       parent_instance;

  GtkWidget      *box;
  GtkDropDown    *source_dropdown;
  GtkWidget      *generator_box;
  GtkSpinButton  *samples_spin;
  GtkSpinButton  *noise_spin;
  GtkSpinButton  *gen_seed_spin;
  GtkWidget      *regenerate_button;
  GtkWidget      *idx_box;
  GtkLabel       *idx_folder_label;
  GtkWidget      *csv_box;
  GtkLabel       *csv_file_label;
  GtkWidget      *label_column_box;
  GtkDropDown    *label_column_dropdown;
  GtkWidget      *csv_preview_scroller;
  GtkLabel       *csv_preview_label;
  GtkWidget      *loading_box;
  GtkProgressBar *load_progress;
  GtkLabel       *name_label;
  GtkLabel       *info_label;
  GtkLabel       *classes_label;
  GtkStack       *picture_stack;
  PsBoundaryView *points_view;
  PsSamplesView  *samples_view;

  GSettings      *settings;
  PsDataset      *train;
  PsDataset      *test;
  guint           source;          /* index into sources[] of the loaded data */
  char           *csv_path;        /* of the loaded CSV */
  char           *csv_label_column;
  char          **csv_columns;     /* header names (or "1", "2", ...) of the previewed file */
  char           *csv_label_guess; /* the previewed file's label column when not the last */
  char           *idx_folder;      /* of the loaded IDX data */

  GCancellable   *cancellable;     /* the running load, or NULL */
  guint           updating;

  /* progress from the loader thread */
  gint            progress_ppm;    /* atomic */
  gint            progress_idle;   /* atomic: an idle is pending */

  /* loader threads still running (a cancelled one ends at its next read) */
  GMutex          loader_mutex;
  GCond           loader_cond;
  guint           n_loaders;
};

G_DEFINE_FINAL_TYPE (PsDatasetPanel, ps_dataset_panel, GTK_TYPE_WIDGET)

enum {
  DATASET_CHANGED,
  ERROR,
  BUSY_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/**
 * ps_dataset_panel_new:
 *
 * Returns: (transfer floating): a new panel
 */
GtkWidget *
ps_dataset_panel_new (void)
{
  return g_object_new (PS_TYPE_DATASET_PANEL, NULL);
}

static int
source_index (const char *id)
{
  for (guint i = 0; i < G_N_ELEMENTS (sources); i++)
    if (g_strcmp0 (sources[i].id, id) == 0)
      return (int) i;
  return -1;
}

static void
emit_error (PsDatasetPanel *self,
            const char     *message)
{
  g_signal_emit (self, signals[ERROR], 0, message);
}

/* ---- showing what is loaded ----------------------------------------------------- */

static void
show_source_widgets (PsDatasetPanel *self,
                     guint           index)
{
  SourceKind kind = sources[index].kind;

  gtk_widget_set_visible (self->generator_box, kind == KIND_GENERATOR);
  gtk_widget_set_visible (self->idx_box, kind == KIND_IDX);
  gtk_widget_set_visible (self->csv_box, kind == KIND_CSV);

  if (kind == KIND_IDX)
    {
      const char *folder = NULL;
      g_autofree char *text = NULL;

      if (g_str_equal (sources[index].id, "fashion-mnist"))
        folder = ps_dataset_fashion_mnist_dir ();
      else
        folder = ps_dataset_panel_get_idx_folder (self);
      if (folder != NULL)
        text = g_strdup_printf (_("Folder: %s"), folder);
      else
        text = g_strdup (_("Choose the folder that holds the IDX files (train-images-idx3-ubyte.gz, …)."));
      gtk_label_set_text (self->idx_folder_label, text);
    }
}

static void
set_dropdown (PsDatasetPanel *self,
              guint           index)
{
  self->updating++;
  gtk_drop_down_set_selected (self->source_dropdown, index);
  self->updating--;
  show_source_widgets (self, index);
}

static void
update_info (PsDatasetPanel *self)
{
  PsDataset *d = self->train;
  g_autofree char *info = NULL;
  GString *classes;

  if (d == NULL)
    {
      gtk_label_set_text (self->name_label, _("No dataset"));
      gtk_label_set_text (self->info_label, "");
      gtk_label_set_text (self->classes_label, "");
      return;
    }

  gtk_label_set_text (self->name_label, d->name != NULL ? d->name : "");
  if (self->test != NULL && self->test != self->train)
    info = g_strdup_printf (_("%zu samples · %zu features · %u classes · %zu test samples"),
                            (size_t) d->n_samples, (size_t) d->n_features, d->n_classes,
                            (size_t) self->test->n_samples);
  else
    info = g_strdup_printf (_("%zu samples · %zu features · %u classes"),
                            (size_t) d->n_samples, (size_t) d->n_features, d->n_classes);
  gtk_label_set_text (self->info_label, info);

  classes = g_string_new (_("Classes: "));
  for (guint i = 0; i < d->n_classes && i < 12; i++)
    {
      if (i > 0)
        g_string_append (classes, ", ");
      g_string_append (classes, d->class_names != NULL && d->class_names[i] != NULL
                                ? d->class_names[i] : "?");
    }
  if (d->n_classes > 12)
    g_string_append (classes, ", …");
  gtk_label_set_text (self->classes_label, classes->str);
  g_string_free (classes, TRUE);
}

/* The picture of what was loaded: the points of 2-D data (test points
 * hollow), a grid of images, or the first rows as a table. */
static void
update_picture (PsDatasetPanel *self)
{
  PsDataset *d = self->train;

  if (d == NULL || d->n_samples == 0)
    {
      ps_boundary_view_set_dataset (self->points_view, NULL, NULL);
      ps_samples_view_set_dataset (self->samples_view, NULL);
      gtk_widget_set_visible (GTK_WIDGET (self->picture_stack), FALSE);
      return;
    }
  if (d->n_features == 2)
    {
      ps_boundary_view_set_dataset (self->points_view, d, self->test);
      ps_samples_view_set_dataset (self->samples_view, NULL);
      gtk_stack_set_visible_child (self->picture_stack, GTK_WIDGET (self->points_view));
    }
  else
    {
      ps_samples_view_set_dataset (self->samples_view, d);
      ps_boundary_view_set_dataset (self->points_view, NULL, NULL);
      gtk_stack_set_visible_child (self->picture_stack, GTK_WIDGET (self->samples_view));
    }
  gtk_widget_set_visible (GTK_WIDGET (self->picture_stack), TRUE);
}

/**
 * ps_dataset_panel_get_picture:
 *
 * Returns: (transfer none) (nullable): the view that shows the loaded data
 *   (a PsBoundaryView for 2-D data, a PsSamplesView otherwise), or NULL
 *   when nothing is loaded
 */
GtkWidget *
ps_dataset_panel_get_picture (PsDatasetPanel *self)
{
  g_return_val_if_fail (PS_IS_DATASET_PANEL (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->picture_stack)))
    return NULL;
  return gtk_stack_get_visible_child (self->picture_stack);
}

/* Takes ownership of train and test (test may be NULL or == train). */
static void
replace_datasets (PsDatasetPanel *self,
                  guint           index,
                  PsDataset      *train,
                  PsDataset      *test)
{
  g_clear_pointer (&self->train, ps_dataset_unref);
  g_clear_pointer (&self->test, ps_dataset_unref);
  self->train = train;
  self->test = test;
  self->source = index;
  set_dropdown (self, index);
  update_info (self);
  update_picture (self);
  g_signal_emit (self, signals[DATASET_CHANGED], 0);
}

/* ---- gates and generators ---------------------------------------------------------- */

static gboolean
load_gate (PsDatasetPanel *self,
           guint           index)
{
  g_autoptr(GError) error = NULL;
  PsDataset *d;

  d = ps_dataset_new_gate (sources[index].arg, &error);
  if (d == NULL)
    {
      emit_error (self, error->message);
      return FALSE;
    }
  /* The notebook evaluates the gates on their own truth table. */
  replace_datasets (self, index, d, ps_dataset_ref (d));
  return TRUE;
}

static gboolean
load_generator (PsDatasetPanel *self,
                guint           index)
{
  PsGenerator kind;
  guint n = (guint) gtk_spin_button_get_value_as_int (self->samples_spin);
  double noise = gtk_spin_button_get_value (self->noise_spin);
  guint64 seed = (guint64) gtk_spin_button_get_value (self->gen_seed_spin);
  PsDataset *train, *test;
  g_autoptr(GError) error = NULL;

  if (!ps_generator_from_string (sources[index].arg, &kind))
    {
      emit_error (self, _("This generator is not available."));
      return FALSE;
    }
  /* The core checks the options' ranges (PS_GENERATOR_MIN_SAMPLES...). */
  train = ps_dataset_new_generated (kind, n, noise, seed, &error);
  /* An independent test set from the same distribution. */
  test = train != NULL ? ps_dataset_new_generated (kind, MAX (n / 4, 20), noise, seed + 1000003, &error)
                       : NULL;
  if (train == NULL || test == NULL)
    {
      g_clear_pointer (&train, ps_dataset_unref);
      emit_error (self, error->message);
      return FALSE;
    }
  replace_datasets (self, index, train, test);
  return TRUE;
}

static void
on_regenerate_clicked (PsDatasetPanel *self)
{
  guint index = gtk_drop_down_get_selected (self->source_dropdown);

  if (index >= G_N_ELEMENTS (sources) || sources[index].kind != KIND_GENERATOR)
    return;
  self->updating++;
  gtk_spin_button_set_value (self->gen_seed_spin, gtk_spin_button_get_value (self->gen_seed_spin) + 1);
  self->updating--;
  load_generator (self, index);
}

static void
on_generator_param_changed (PsDatasetPanel *self)
{
  guint index = gtk_drop_down_get_selected (self->source_dropdown);

  if (self->updating > 0 || index >= G_N_ELEMENTS (sources) || sources[index].kind != KIND_GENERATOR)
    return;
  load_generator (self, index);
}

/* ---- background loading --------------------------------------------------------------- */

typedef struct
{
  SourceKind  kind;
  guint       index;
  char       *path;           /* CSV file or IDX folder */
  char       *label_column;
  PsDataset  *train;
  PsDataset  *test;
  PsDatasetPanel *panel;      /* only for the progress atomics; ref held by the task */
} LoadJob;

static void
load_job_free (LoadJob *job)
{
  g_free (job->path);
  g_free (job->label_column);
  g_clear_pointer (&job->train, ps_dataset_unref);
  g_clear_pointer (&job->test, ps_dataset_unref);
  g_free (job);
}

static gboolean
progress_idle (gpointer data)
{
  PsDatasetPanel *self = data;
  double fraction;

  g_atomic_int_set (&self->progress_idle, 0);
  fraction = g_atomic_int_get (&self->progress_ppm) / 1e6;
  if (self->cancellable != NULL)
    gtk_progress_bar_set_fraction (self->load_progress, fraction);
  return G_SOURCE_REMOVE;
}

/* Loader thread. */
static void
report_progress (PsDatasetPanel *self,
                 double          fraction)
{
  g_atomic_int_set (&self->progress_ppm, (gint) (CLAMP (fraction, 0, 1) * 1e6));
  if (g_atomic_int_compare_and_exchange (&self->progress_idle, 0, 1))
    g_idle_add_full (G_PRIORITY_DEFAULT, progress_idle, g_object_ref (self), g_object_unref);
}

static void
train_progress (double   fraction,
                gpointer user_data)
{
  LoadJob *job = user_data;

  /* the training file is most of the work; t10k follows */
  report_progress (job->panel, job->kind == KIND_IDX ? 0.85 * fraction : fraction);
}

static void
test_progress (double   fraction,
               gpointer user_data)
{
  LoadJob *job = user_data;

  report_progress (job->panel, 0.85 + 0.15 * fraction);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadJob *job = task_data;
  GError *error = NULL;

  if (job->kind == KIND_CSV)
    {
      PsCsvOptions opts = { job->label_column, 0, -1 };

      job->train = ps_dataset_load_csv (job->path, &opts, cancellable, train_progress, job, &error);
    }
  else
    {
      job->train = ps_dataset_load_idx_dir (job->path, FALSE, cancellable, train_progress, job, &error);
      if (job->train != NULL)
        {
          g_autoptr(GError) test_error = NULL;

          job->test = ps_dataset_load_idx_dir (job->path, TRUE, cancellable, test_progress, job, &test_error);
          /* a folder without t10k files is fine: evaluate on a split then */
          if (job->test == NULL && g_error_matches (test_error, PS_DATASET_ERROR, PS_DATASET_ERROR_CANCELLED))
            {
              g_propagate_error (&error, g_steal_pointer (&test_error));
              g_clear_pointer (&job->train, ps_dataset_unref);
            }
          /* t10k files that do not fit the train files are refused, as the
           * CLI does (the same check) */
          if (job->test != NULL)
            {
              g_autofree char *what = g_build_filename (job->path, job->test->name, NULL);
              g_autofree char *display = g_filename_display_name (what);

              if (!ps_dataset_check_test_set (job->train, job->test, display, &error))
                {
                  g_clear_pointer (&job->train, ps_dataset_unref);
                  g_clear_pointer (&job->test, ps_dataset_unref);
                }
            }
        }
    }

  if (job->train == NULL)
    {
      if (error == NULL)
        error = g_error_new (PS_DATASET_ERROR, PS_DATASET_ERROR_EMPTY, _("No data was loaded."));
      g_task_return_error (task, error);
    }
  else
    g_task_return_boolean (task, TRUE);

  /* the task holds the panel until its callback has run on the main thread */
  g_mutex_lock (&job->panel->loader_mutex);
  job->panel->n_loaders--;
  g_cond_broadcast (&job->panel->loader_cond);
  g_mutex_unlock (&job->panel->loader_mutex);
}

static void
set_busy (PsDatasetPanel *self,
          GCancellable   *cancellable)
{
  g_set_object (&self->cancellable, cancellable);
  gtk_widget_set_visible (self->loading_box, cancellable != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->source_dropdown), cancellable == NULL);
  gtk_widget_set_sensitive (self->generator_box, cancellable == NULL);
  gtk_widget_set_sensitive (self->csv_box, cancellable == NULL);
  gtk_widget_set_sensitive (self->idx_box, cancellable == NULL);
  if (cancellable != NULL)
    {
      g_atomic_int_set (&self->progress_ppm, 0);
      gtk_progress_bar_set_fraction (self->load_progress, 0);
    }
  g_signal_emit (self, signals[BUSY_CHANGED], 0);
}

static gboolean preview_csv (PsDatasetPanel  *self,
                             const char      *path,
                             GError         **error);

/* After a failed load the preview shows the file that is loaded, if any. */
static void
restore_csv_preview (PsDatasetPanel *self)
{
  if (self->csv_path != NULL && preview_csv (self, self->csv_path, NULL))
    {
      g_autofree char *base = g_path_get_basename (self->csv_path);

      g_object_set_data_full (G_OBJECT (self), "previewed-csv", g_strdup (self->csv_path), g_free);
      gtk_label_set_text (self->csv_file_label, base);
      if (self->csv_label_column != NULL)
        {
          self->updating++;
          for (guint i = 0; self->csv_columns != NULL && self->csv_columns[i] != NULL; i++)
            if (g_str_equal (self->csv_columns[i], self->csv_label_column))
              gtk_drop_down_set_selected (self->label_column_dropdown, i + 1);
          self->updating--;
        }
    }
  else
    {
      g_object_set_data (G_OBJECT (self), "previewed-csv", NULL);
      gtk_label_set_text (self->csv_file_label, "");
      gtk_widget_set_visible (self->csv_preview_scroller, FALSE);
      gtk_widget_set_visible (self->label_column_box, FALSE);
    }
}

static void
load_done (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  PsDatasetPanel *self = PS_DATASET_PANEL (object);
  GTask *task = G_TASK (result);
  LoadJob *job = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  /* a newer load (or cancel) replaced this one */
  if (g_task_get_cancellable (task) != self->cancellable)
    return;

  set_busy (self, NULL);

  if (!g_task_propagate_boolean (task, &error))
    {
      restore_csv_preview (self);
      set_dropdown (self, self->source);
      if (!g_error_matches (error, PS_DATASET_ERROR, PS_DATASET_ERROR_CANCELLED) &&
          !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autofree char *base = g_path_get_basename (job->path);
          g_autofree char *msg = g_strdup_printf (_("Could not load “%s”: %s"), base, error->message);

          emit_error (self, msg);
        }
      return;
    }

  if (job->kind == KIND_CSV)
    {
      g_free (self->csv_path);
      self->csv_path = g_strdup (job->path);
      g_free (self->csv_label_column);
      self->csv_label_column = g_strdup (job->label_column);
      {
        g_autofree char *base = g_path_get_basename (job->path);
        gtk_label_set_text (self->csv_file_label, base);
      }
    }
  else
    {
      /* the reader knows Fashion-MNIST by its labels, wherever the folder is */
      gboolean fashion = g_str_equal (sources[job->index].id, "fashion-mnist") ||
                         (job->train->class_names != NULL &&
                          g_strcmp0 (job->train->class_names[0], "T-shirt/top") == 0);

      if (fashion)
        job->index = source_index ("fashion-mnist");

      /* "MNIST" says more than "train-images-idx3-ubyte.gz"; nobody else
       * holds these datasets yet */
      g_free (job->train->name);
      job->train->name = g_strdup (fashion ? "Fashion-MNIST" : "MNIST");
      if (job->test != NULL)
        {
          g_free (job->test->name);
          job->test->name = g_strdup (fashion ? "Fashion-MNIST test" : "MNIST test");
        }
      if (!fashion)
        {
          g_free (self->idx_folder);
          self->idx_folder = g_strdup (job->path);
          if (self->settings != NULL)
            g_settings_set_string (self->settings, "last-dataset-folder", job->path);
        }
    }

  replace_datasets (self, job->index, g_steal_pointer (&job->train), g_steal_pointer (&job->test));
}

static void
start_load (PsDatasetPanel *self,
            SourceKind      kind,
            guint           index,
            const char     *path,
            const char     *label_column)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GTask) task = NULL;
  LoadJob *job;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);

  job = g_new0 (LoadJob, 1);
  job->kind = kind;
  job->index = index;
  job->path = g_strdup (path);
  job->label_column = g_strdup (label_column);
  job->panel = self;

  set_busy (self, cancellable);
  set_dropdown (self, index);

  task = g_task_new (self, cancellable, load_done, NULL);
  g_task_set_source_tag (task, start_load);
  g_task_set_task_data (task, job, (GDestroyNotify) load_job_free);
  g_mutex_lock (&self->loader_mutex);
  self->n_loaders++;
  g_mutex_unlock (&self->loader_mutex);
  g_task_run_in_thread (task, load_thread);
}

static void
on_cancel_clicked (PsDatasetPanel *self)
{
  ps_dataset_panel_cancel (self);
}

/**
 * ps_dataset_panel_cancel:
 *
 * Cancels a running load; the previous dataset stays.
 */
void
ps_dataset_panel_cancel (PsDatasetPanel *self)
{
  g_return_if_fail (PS_IS_DATASET_PANEL (self));

  if (self->cancellable == NULL)
    return;
  g_cancellable_cancel (self->cancellable);
  set_busy (self, NULL);
  set_dropdown (self, self->source);
}

/**
 * ps_dataset_panel_shutdown:
 *
 * Cancels a running load and waits until its thread has stopped reading
 * (it checks at every read, so this is short). For closing the window.
 */
void
ps_dataset_panel_shutdown (PsDatasetPanel *self)
{
  g_return_if_fail (PS_IS_DATASET_PANEL (self));

  ps_dataset_panel_cancel (self);
  g_mutex_lock (&self->loader_mutex);
  while (self->n_loaders > 0)
    g_cond_wait (&self->loader_cond, &self->loader_mutex);
  g_mutex_unlock (&self->loader_mutex);
}

/**
 * ps_dataset_panel_get_n_loader_threads:
 *
 * Returns: how many loader threads are still running (cancelled ones
 *   included)
 */
guint
ps_dataset_panel_get_n_loader_threads (PsDatasetPanel *self)
{
  guint n;

  g_return_val_if_fail (PS_IS_DATASET_PANEL (self), 0);

  g_mutex_lock (&self->loader_mutex);
  n = self->n_loaders;
  g_mutex_unlock (&self->loader_mutex);
  return n;
}

gboolean
ps_dataset_panel_is_busy (PsDatasetPanel *self)
{
  g_return_val_if_fail (PS_IS_DATASET_PANEL (self), FALSE);

  return self->cancellable != NULL;
}

/* ---- CSV -------------------------------------------------------------------------- */

static gboolean
is_number (const char *s)
{
  char *end = NULL;

  while (g_ascii_isspace (*s))
    s++;
  if (*s == '\0')
    return FALSE;
  g_ascii_strtod (s, &end);
  while (end != NULL && g_ascii_isspace (*end))
    end++;
  return end != NULL && *end == '\0';
}

static char
detect_separator (const char *line)
{
  guint commas = 0, semis = 0, tabs = 0;

  for (const char *p = line; *p != '\0'; p++)
    {
      if (*p == ',')
        commas++;
      else if (*p == ';')
        semis++;
      else if (*p == '\t')
        tabs++;
    }
  if (tabs > commas && tabs > semis)
    return '\t';
  if (semis > commas)
    return ';';
  return ',';
}

/* The first bytes of path as text for the preview: at most
 * PREVIEW_MAX_BYTES read, and as many decompressed when the file is gzip
 * (.csv.gz: the core reader takes it too). What is not a regular file is
 * refused before a byte is read: /dev/zero would give one endless line, a
 * FIFO would block the window. The file is opened with O_NONBLOCK, so a FIFO
 * swapped in after a check cannot block either. */
static GBytes *
read_preview_bytes (const char  *path,
                    GError     **error)
{
  g_autofree guint8 *raw = g_malloc (PREVIEW_MAX_BYTES);
  gsize n = 0;
  struct stat st = { 0 };
  int fd;

  fd = g_open (path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY, 0);
  if (fd < 0)
    {
      int saved = errno;

      g_set_error_literal (error, G_IO_ERROR, g_io_error_from_errno (saved), g_strerror (saved));
      return NULL;
    }
  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                           S_ISDIR (st.st_mode) ? _("It is a folder, not a file.")
                                                : _("It is not a regular file (a device or a pipe)."));
      close (fd);
      return NULL;
    }
  while (n < PREVIEW_MAX_BYTES)
    {
      gssize got = read (fd, raw + n, PREVIEW_MAX_BYTES - n);

      if (got < 0 && errno == EINTR)
        continue;
      if (got < 0)
        {
          int saved = errno;

          g_set_error_literal (error, G_IO_ERROR, g_io_error_from_errno (saved), g_strerror (saved));
          close (fd);
          return NULL;
        }
      if (got == 0)
        break;
      n += got;
    }
  close (fd);

  if (n >= 2 && raw[0] == 0x1f && raw[1] == 0x8b)
    {
      g_autoptr(PsGzipDecompressor) gz = ps_gzip_decompressor_new ();
      g_autofree guint8 *text = g_malloc (PREVIEW_MAX_BYTES);
      gsize in_pos = 0, out_pos = 0;

      /* as much text as fits; the rest of the file is the loader's */
      while (in_pos < n && out_pos < PREVIEW_MAX_BYTES)
        {
          g_autoptr(GError) zerror = NULL;
          gsize got_in = 0, got_out = 0;
          GConverterResult res;

          res = g_converter_convert (G_CONVERTER (gz), raw + in_pos, n - in_pos,
                                     text + out_pos, PREVIEW_MAX_BYTES - out_pos,
                                     G_CONVERTER_NO_FLAGS, &got_in, &got_out, &zerror);
          if (res == G_CONVERTER_ERROR)
            {
              if (out_pos > 0 && (g_error_matches (zerror, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT) ||
                                  g_error_matches (zerror, G_IO_ERROR, G_IO_ERROR_NO_SPACE)))
                break;
              g_propagate_prefixed_error (error, g_steal_pointer (&zerror), "%s", _("Not a valid gzip file: "));
              return NULL;
            }
          in_pos += got_in;
          out_pos += got_out;
          /* every member (cat a.gz b.gz): the core's decompressor goes on */
          if (res == G_CONVERTER_FINISHED)
            break;
          if (got_in == 0 && got_out == 0)
            break;
        }
      return g_bytes_new (text, out_pos);
    }
  return g_bytes_new_take (g_steal_pointer (&raw), n);
}

/* Reads the first lines for the preview (bounded: see read_preview_bytes())
 * and fills the label-column dropdown. Returns FALSE when the file cannot be
 * read. */
static gboolean
preview_csv (PsDatasetPanel *self,
             const char     *path,
             GError        **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GtkStringList) columns_model = NULL;
  g_auto(GStrv) first = NULL;
  GString *text;
  char sep[2] = { ',', 0 };
  gboolean header;
  guint n_cols, widths[64] = { 0 };
  const char *p, *end;
  gsize size;
  int label_guess = -1;

  bytes = read_preview_bytes (path, error);
  if (bytes == NULL)
    return FALSE;
  p = g_bytes_get_data (bytes, &size);
  end = p + size;
  while (p != NULL && p < end && lines->len < PREVIEW_ROWS + 1)
    {
      const char *nl = memchr (p, '\n', end - p);
      char *line;

      /* a last line cut by the byte limit is not shown (unless it is all) */
      if (nl == NULL && size >= PREVIEW_MAX_BYTES && lines->len > 0)
        break;
      line = g_utf8_make_valid (p, MIN ((nl != NULL ? nl : end) - p, 4096));
      p = nl != NULL ? nl + 1 : end;
      g_strchomp (line);
      if (*line == '\0')
        {
          g_free (line);
          continue;
        }
      g_ptr_array_add (lines, line);
    }
  if (lines->len == 0)
    {
      g_set_error (error, PS_DATASET_ERROR, PS_DATASET_ERROR_EMPTY, _("The file is empty."));
      return FALSE;
    }

  sep[0] = detect_separator (g_ptr_array_index (lines, 0));
  first = g_strsplit (g_ptr_array_index (lines, 0), sep, 0);
  n_cols = g_strv_length (first);
  header = FALSE;
  for (guint i = 0; i < n_cols; i++)
    if (!is_number (first[i]))
      header = TRUE;

  /* label column choices: "Last column", then each column */
  g_strfreev (self->csv_columns);
  self->csv_columns = g_new0 (char *, n_cols + 1);
  columns_model = gtk_string_list_new (NULL);
  gtk_string_list_append (columns_model, _("Last column"));
  for (guint i = 0; i < n_cols; i++)
    {
      g_autofree char *title = NULL;

      self->csv_columns[i] = header ? g_strdup (g_strstrip (first[i])) : g_strdup_printf ("%u", i);
      title = header ? g_strdup (self->csv_columns[i]) : g_strdup_printf (_("Column %u"), i + 1);
      gtk_string_list_append (columns_model, title);
    }
  /* The label is the last column, unless that one is all numbers and
   * another holds words (iris with "setosa" first): then the first such
   * column is the label, as --label-column would give it in the CLI. */
  {
    gboolean text_col[64] = { FALSE };

    for (guint r = header ? 1 : 0; r < lines->len; r++)
      {
        g_auto(GStrv) cells = g_strsplit (g_ptr_array_index (lines, r), sep, 0);

        for (guint c = 0; cells[c] != NULL && c < MIN (n_cols, G_N_ELEMENTS (text_col)); c++)
          {
            const char *cell = g_strstrip (cells[c]);

            if (*cell != '\0' && !is_number (cell))
              text_col[c] = TRUE;
          }
      }
    if (n_cols > 1 && n_cols <= G_N_ELEMENTS (text_col) && !text_col[n_cols - 1])
      for (guint c = 0; c + 1 < n_cols && label_guess < 0; c++)
        if (text_col[c])
          label_guess = c;
  }
  g_clear_pointer (&self->csv_label_guess, g_free);
  if (label_guess >= 0)
    self->csv_label_guess = g_strdup (self->csv_columns[label_guess]);
  self->updating++;
  gtk_drop_down_set_model (self->label_column_dropdown, G_LIST_MODEL (columns_model));
  gtk_drop_down_set_selected (self->label_column_dropdown, label_guess + 1);
  self->updating--;
  gtk_widget_set_visible (self->label_column_box, n_cols > 1);

  /* a fixed-width table of the first rows */
  for (guint r = 0; r < lines->len; r++)
    {
      g_auto(GStrv) cells = g_strsplit (g_ptr_array_index (lines, r), sep, 0);

      for (guint c = 0; cells[c] != NULL && c < G_N_ELEMENTS (widths); c++)
        widths[c] = MAX (widths[c], MIN (g_utf8_strlen (g_strstrip (cells[c]), -1), 12));
    }
  text = g_string_new (NULL);
  for (guint r = 0; r < lines->len; r++)
    {
      g_auto(GStrv) cells = g_strsplit (g_ptr_array_index (lines, r), sep, 0);

      for (guint c = 0; cells[c] != NULL && c < G_N_ELEMENTS (widths); c++)
        {
          const char *cell = g_strstrip (cells[c]);
          glong len = g_utf8_strlen (cell, -1);

          if (c > 0)
            g_string_append (text, "  ");
          if (len > 12)
            {
              g_string_append_len (text, cell, g_utf8_offset_to_pointer (cell, 11) - cell);
              g_string_append (text, "…");
            }
          else
            {
              g_string_append (text, cell);
              for (glong k = len; k < (glong) widths[c]; k++)
                g_string_append_c (text, ' ');
            }
        }
      if (r + 1 < lines->len)
        g_string_append_c (text, '\n');
    }
  gtk_label_set_text (self->csv_preview_label, text->str);
  g_string_free (text, TRUE);
  gtk_widget_set_visible (self->csv_preview_scroller, TRUE);
  return TRUE;
}

/**
 * ps_dataset_panel_load_csv:
 * @path: a CSV file; the label is the last column unless chosen otherwise
 *
 * Shows a preview of the first rows and loads the file in the background.
 * On failure "error" is emitted and the previous dataset stays.
 */
void
ps_dataset_panel_load_csv (PsDatasetPanel *self,
                           const char     *path)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (PS_IS_DATASET_PANEL (self));
  g_return_if_fail (path != NULL);

  if (!preview_csv (self, path, &error))
    {
      g_autofree char *base = g_path_get_basename (path);
      g_autofree char *msg = g_strdup_printf (_("Could not load “%s”: %s"), base, error->message);

      restore_csv_preview (self);
      set_dropdown (self, self->source);
      emit_error (self, msg);
      return;
    }
  {
    g_autofree char *base = g_path_get_basename (path);
    gtk_label_set_text (self->csv_file_label, base);
  }
  g_object_set_data_full (G_OBJECT (self), "previewed-csv", g_strdup (path), g_free);
  start_load (self, KIND_CSV, source_index ("csv"), path, self->csv_label_guess);
}

static void
on_label_column_changed (PsDatasetPanel *self)
{
  const char *path = g_object_get_data (G_OBJECT (self), "previewed-csv");
  guint sel = gtk_drop_down_get_selected (self->label_column_dropdown);
  const char *column = NULL;

  if (self->updating > 0 || path == NULL || sel == GTK_INVALID_LIST_POSITION)
    return;
  if (sel > 0 && self->csv_columns != NULL && sel - 1 < g_strv_length (self->csv_columns))
    column = self->csv_columns[sel - 1];
  start_load (self, KIND_CSV, source_index ("csv"), path, column);
}

void
ps_dataset_panel_set_label_column (PsDatasetPanel *self,
                                   const char     *column)
{
  guint sel = 0;

  g_return_if_fail (PS_IS_DATASET_PANEL (self));

  for (guint i = 0; column != NULL && self->csv_columns != NULL && self->csv_columns[i] != NULL; i++)
    if (g_str_equal (self->csv_columns[i], column))
      sel = i + 1;
  if (sel == 0 && column != NULL)
    {
      g_autofree char *msg = g_strdup_printf (_("The CSV file has no column “%s”."), column);
      emit_error (self, msg);
      return;
    }
  /* the dropdown's handler reloads */
  gtk_drop_down_set_selected (self->label_column_dropdown, sel);
}

static void
on_csv_chosen (GtkNativeDialog *dialog,
               int              response,
               gpointer         user_data)
{
  PsDatasetPanel *self = PS_DATASET_PANEL (user_data);

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

      if (path != NULL)
        {
          g_autoptr(GFile) parent = g_file_get_parent (file);
          g_autofree char *dir = parent != NULL ? g_file_get_path (parent) : NULL;

          if (self->settings != NULL && dir != NULL)
            g_settings_set_string (self->settings, "last-file-folder", dir);
          ps_dataset_panel_load_csv (self, path);
        }
      else
        emit_error (self, _("Only local files are supported."));
    }
  g_object_unref (dialog);
  g_object_unref (self);
}

static GtkWindow *
parent_window (PsDatasetPanel *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
on_open_csv_clicked (PsDatasetPanel *self)
{
  GtkFileChooserNative *native;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  native = gtk_file_chooser_native_new (_("Open CSV"), parent_window (self),
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  gtk_file_filter_set_name (filter, _("CSV files"));
  gtk_file_filter_add_pattern (filter, "*.csv");
  gtk_file_filter_add_pattern (filter, "*.CSV");
  gtk_file_filter_add_pattern (filter, "*.tsv");
  gtk_file_filter_add_pattern (filter, "*.txt");
  gtk_file_filter_add_pattern (filter, "*.csv.gz");
  gtk_file_filter_add_pattern (filter, "*.tsv.gz");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), all);
  if (self->settings != NULL)
    {
      g_autofree char *folder = g_settings_get_string (self->settings, "last-file-folder");

      if (folder[0] != '\0' && g_file_test (folder, G_FILE_TEST_IS_DIR))
        {
          g_autoptr(GFile) f = g_file_new_for_path (folder);
          gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (native), f, NULL);
        }
    }
  g_signal_connect (native, "response", G_CALLBACK (on_csv_chosen), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
  ps_a11y_fix_native_dialog (GTK_NATIVE_DIALOG (native));
}

/* ---- IDX folders ------------------------------------------------------------------------- */

/**
 * ps_dataset_panel_load_idx_folder:
 * @folder: holds train-images-idx3-ubyte[.gz] etc. (and optionally t10k-*)
 * @fashion: TRUE to label it Fashion-MNIST
 */
void
ps_dataset_panel_load_idx_folder (PsDatasetPanel *self,
                                  const char     *folder,
                                  gboolean        fashion)
{
  g_return_if_fail (PS_IS_DATASET_PANEL (self));
  g_return_if_fail (folder != NULL);

  if (!g_file_test (folder, G_FILE_TEST_IS_DIR))
    {
      g_autofree char *msg = g_strdup_printf (_("The folder “%s” does not exist or cannot be read."), folder);

      set_dropdown (self, self->source);
      emit_error (self, msg);
      return;
    }
  start_load (self, KIND_IDX, source_index (fashion ? "fashion-mnist" : "mnist"), folder, NULL);
}

/**
 * ps_dataset_panel_get_idx_folder:
 *
 * Returns: (nullable): the folder of the loaded MNIST data, else the
 *   remembered one (when it still exists), else $PS_MNIST_DIR, else the
 *   MNIST subset shipped in data/datasets/mnist
 */
const char *
ps_dataset_panel_get_idx_folder (PsDatasetPanel *self)
{
  const char *env;

  g_return_val_if_fail (PS_IS_DATASET_PANEL (self), NULL);

  if (self->idx_folder != NULL)
    return self->idx_folder;
  if (self->settings != NULL)
    {
      g_autofree char *folder = g_settings_get_string (self->settings, "last-dataset-folder");

      if (folder[0] != '\0' && g_file_test (folder, G_FILE_TEST_IS_DIR))
        {
          self->idx_folder = g_steal_pointer (&folder);
          return self->idx_folder;
        }
    }
  env = g_getenv ("PS_MNIST_DIR");
  if (env != NULL && *env != '\0')
    return env;
  return ps_data_find_dataset_dir ("mnist");
}

static void
on_folder_chosen (GtkNativeDialog *dialog,
                  int              response,
                  gpointer         user_data)
{
  PsDatasetPanel *self = PS_DATASET_PANEL (user_data);
  gboolean fashion = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "fashion"));

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

      if (path != NULL)
        ps_dataset_panel_load_idx_folder (self, path, fashion);
      else
        emit_error (self, _("Only local folders are supported."));
    }
  else
    set_dropdown (self, self->source);
  g_object_unref (dialog);
  g_object_unref (self);
}

static void
on_choose_folder_clicked (PsDatasetPanel *self)
{
  GtkFileChooserNative *native;
  guint index = gtk_drop_down_get_selected (self->source_dropdown);
  gboolean fashion = index < G_N_ELEMENTS (sources) && g_str_equal (sources[index].id, "fashion-mnist");
  const char *current = fashion ? ps_dataset_fashion_mnist_dir () : ps_dataset_panel_get_idx_folder (self);

  native = gtk_file_chooser_native_new (_("Choose the IDX Folder"), parent_window (self),
                                        GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                        _("_Select"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  if (current != NULL && g_file_test (current, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GFile) f = g_file_new_for_path (current);
      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (native), f, NULL);
    }
  g_object_set_data (G_OBJECT (native), "fashion", GINT_TO_POINTER (fashion));
  g_signal_connect (native, "response", G_CALLBACK (on_folder_chosen), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
  ps_a11y_fix_native_dialog (GTK_NATIVE_DIALOG (native));
}

/* ---- selecting a source ---------------------------------------------------------------------- */

static void
select_index (PsDatasetPanel *self,
              guint           index)
{
  const SourceInfo *src = &sources[index];

  show_source_widgets (self, index);
  switch (src->kind)
    {
    case KIND_GATE:
      load_gate (self, index);
      break;
    case KIND_GENERATOR:
      load_generator (self, index);
      break;
    case KIND_IDX:
      {
        gboolean fashion = g_str_equal (src->id, "fashion-mnist");
        const char *folder = fashion ? ps_dataset_fashion_mnist_dir () : ps_dataset_panel_get_idx_folder (self);

        if (folder != NULL && g_file_test (folder, G_FILE_TEST_IS_DIR))
          ps_dataset_panel_load_idx_folder (self, folder, fashion);
        else if (fashion)
          emit_error (self, _("Fashion-MNIST was not found. Install the dataset-fashion-mnist package, "
                              "or choose the folder that holds its files."));
        /* else: wait for "Choose Folder…" */
      }
      break;
    case KIND_CSV:
      {
        const char *path = g_object_get_data (G_OBJECT (self), "previewed-csv");

        if (path != NULL && g_strcmp0 (path, self->csv_path) == 0 && self->source != index)
          start_load (self, KIND_CSV, index, path, self->csv_label_column);
        /* else: wait for "Open CSV…" */
      }
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
on_source_selected (PsDatasetPanel *self)
{
  guint index = gtk_drop_down_get_selected (self->source_dropdown);

  if (self->updating > 0 || index >= G_N_ELEMENTS (sources))
    return;
  select_index (self, index);
}

/**
 * ps_dataset_panel_select:
 * @source_id: see the header
 */
void
ps_dataset_panel_select (PsDatasetPanel *self,
                         const char     *source_id)
{
  int index;

  g_return_if_fail (PS_IS_DATASET_PANEL (self));

  index = source_index (source_id);
  if (index < 0)
    {
      g_autofree char *msg = g_strdup_printf (_("Unknown dataset “%s”."), source_id);
      emit_error (self, msg);
      return;
    }
  self->updating++;
  gtk_drop_down_set_selected (self->source_dropdown, index);
  self->updating--;
  select_index (self, index);
}

/**
 * ps_dataset_panel_get_source:
 *
 * Returns: the id of the loaded dataset's source
 */
const char *
ps_dataset_panel_get_source (PsDatasetPanel *self)
{
  g_return_val_if_fail (PS_IS_DATASET_PANEL (self), NULL);

  return self->train != NULL ? sources[self->source].id : NULL;
}

PsDataset *
ps_dataset_panel_get_train (PsDatasetPanel *self)
{
  g_return_val_if_fail (PS_IS_DATASET_PANEL (self), NULL);

  return self->train;
}

PsDataset *
ps_dataset_panel_get_test (PsDatasetPanel *self)
{
  g_return_val_if_fail (PS_IS_DATASET_PANEL (self), NULL);

  return self->test;
}

/**
 * ps_dataset_panel_dup_summary:
 *
 * Returns: (transfer full) (nullable): "xor · 4 samples · 2 features · 2 classes"
 */
char *
ps_dataset_panel_dup_summary (PsDatasetPanel *self)
{
  PsDataset *d;

  g_return_val_if_fail (PS_IS_DATASET_PANEL (self), NULL);

  d = self->train;
  if (d == NULL)
    return NULL;
  return g_strdup_printf (_("%s · %zu samples · %zu features · %u classes"),
                          d->name != NULL ? d->name : "?", (size_t) d->n_samples,
                          (size_t) d->n_features, d->n_classes);
}

void
ps_dataset_panel_set_settings (PsDatasetPanel *self,
                               GSettings      *settings)
{
  g_return_if_fail (PS_IS_DATASET_PANEL (self));

  g_set_object (&self->settings, settings);
}

/* ---- experiment files ---------------------------------------------------------------------------- */

/**
 * ps_dataset_panel_to_json:
 *
 * Returns: (transfer full): the dataset choice
 */
JsonNode *
ps_dataset_panel_to_json (PsDatasetPanel *self)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  const SourceInfo *src;

  g_return_val_if_fail (PS_IS_DATASET_PANEL (self), NULL);

  src = &sources[self->source];
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "source");
  json_builder_add_string_value (b, src->id);
  if (src->kind == KIND_GENERATOR)
    {
      json_builder_set_member_name (b, "samples");
      json_builder_add_int_value (b, gtk_spin_button_get_value_as_int (self->samples_spin));
      json_builder_set_member_name (b, "noise");
      json_builder_add_double_value (b, gtk_spin_button_get_value (self->noise_spin));
      json_builder_set_member_name (b, "seed");
      json_builder_add_int_value (b, (gint64) gtk_spin_button_get_value (self->gen_seed_spin));
    }
  else if (src->kind == KIND_CSV && self->csv_path != NULL)
    {
      json_builder_set_member_name (b, "path");
      json_builder_add_string_value (b, self->csv_path);
      if (self->csv_label_column != NULL)
        {
          json_builder_set_member_name (b, "label_column");
          json_builder_add_string_value (b, self->csv_label_column);
        }
    }
  /* the shipped MNIST needs no path: it is found wherever it is installed */
  else if (src->kind == KIND_IDX && g_str_equal (src->id, "mnist") && self->idx_folder != NULL
           && g_strcmp0 (self->idx_folder, ps_data_find_dataset_dir ("mnist")) != 0)
    {
      json_builder_set_member_name (b, "path");
      json_builder_add_string_value (b, self->idx_folder);
    }
  json_builder_end_object (b);

  return json_builder_get_root (b);
}

/**
 * ps_dataset_panel_from_json:
 *
 * Selects the dataset described by @node (files load asynchronously).
 *
 * Returns: FALSE when @node does not describe a dataset
 */
gboolean
ps_dataset_panel_from_json (PsDatasetPanel  *self,
                            JsonNode        *node,
                            GError         **error)
{
  JsonObject *obj;
  const char *id, *path;
  int index;

  g_return_val_if_fail (PS_IS_DATASET_PANEL (self), FALSE);

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, PS_DATASET_ERROR, PS_DATASET_ERROR_INVALID,
                   _("The dataset entry is not a JSON object."));
      return FALSE;
    }
  obj = json_node_get_object (node);
  id = json_object_get_string_member_with_default (obj, "source", NULL);
  index = source_index (id);
  if (index < 0)
    {
      g_set_error (error, PS_DATASET_ERROR, PS_DATASET_ERROR_INVALID,
                   _("Unknown dataset “%s”."), id != NULL ? id : "");
      return FALSE;
    }
  path = json_object_get_string_member_with_default (obj, "path", NULL);

  switch (sources[index].kind)
    {
    case KIND_GENERATOR:
      self->updating++;
      gtk_spin_button_set_value (self->samples_spin,
                                 json_object_get_int_member_with_default (obj, "samples",
                                                                          gtk_spin_button_get_value_as_int (self->samples_spin)));
      gtk_spin_button_set_value (self->noise_spin,
                                 json_object_get_double_member_with_default (obj, "noise",
                                                                             gtk_spin_button_get_value (self->noise_spin)));
      gtk_spin_button_set_value (self->gen_seed_spin,
                                 (double) json_object_get_int_member_with_default (obj, "seed",
                                                                                   (gint64) gtk_spin_button_get_value (self->gen_seed_spin)));
      self->updating--;
      ps_dataset_panel_select (self, id);
      break;
    case KIND_CSV:
      if (path == NULL)
        {
          g_set_error (error, PS_DATASET_ERROR, PS_DATASET_ERROR_INVALID,
                       _("The experiment names a CSV dataset but no file."));
          return FALSE;
        }
      if (!preview_csv (self, path, error))
        return FALSE;
      g_object_set_data_full (G_OBJECT (self), "previewed-csv", g_strdup (path), g_free);
      /* no label column saved: the one the preview found (iris: "species") */
      start_load (self, KIND_CSV, index, path,
                  json_object_get_string_member_with_default (obj, "label_column", self->csv_label_guess));
      break;
    case KIND_IDX:
      if (path != NULL && g_str_equal (id, "mnist"))
        ps_dataset_panel_load_idx_folder (self, path, FALSE);
      else
        ps_dataset_panel_select (self, id);
      break;
    case KIND_GATE:
    default:
      ps_dataset_panel_select (self, id);
      break;
    }
  return TRUE;
}

/* ---- GObject ---------------------------------------------------------------------------------------- */

static void
ps_dataset_panel_dispose (GObject *object)
{
  PsDatasetPanel *self = PS_DATASET_PANEL (object);

  /* no loader may outlive the window (it reports to this panel) */
  ps_dataset_panel_shutdown (self);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->settings);
  gtk_widget_dispose_template (GTK_WIDGET (self), PS_TYPE_DATASET_PANEL);

  G_OBJECT_CLASS (ps_dataset_panel_parent_class)->dispose (object);
}

static void
ps_dataset_panel_finalize (GObject *object)
{
  PsDatasetPanel *self = PS_DATASET_PANEL (object);

  g_clear_pointer (&self->train, ps_dataset_unref);
  g_clear_pointer (&self->test, ps_dataset_unref);
  g_free (self->csv_path);
  g_free (self->csv_label_column);
  g_free (self->csv_label_guess);
  g_strfreev (self->csv_columns);
  g_free (self->idx_folder);
  g_mutex_clear (&self->loader_mutex);
  g_cond_clear (&self->loader_cond);

  G_OBJECT_CLASS (ps_dataset_panel_parent_class)->finalize (object);
}

static void
ps_dataset_panel_class_init (PsDatasetPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ps_dataset_panel_dispose;
  object_class->finalize = ps_dataset_panel_finalize;

  signals[DATASET_CHANGED] = g_signal_new ("dataset-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                           0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[ERROR] = g_signal_new ("error", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[BUSY_CHANGED] = g_signal_new ("busy-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (PS_TYPE_BOUNDARY_VIEW);
  g_type_ensure (PS_TYPE_SAMPLES_VIEW);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/perceptronstudio/PerceptronStudio/ps-dataset-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, PsDatasetPanel, box);
  gtk_widget_class_bind_template_child (widget_class, PsDatasetPanel, source_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PsDatasetPanel, generator_box);
  gtk_widget_class_bind_template_child (widget_class, PsDatasetPanel, samples_spin);
  gtk_widget_class_bind_template_child (widget_class, PsDatasetPanel, noise_spin);
  gtk_widget_class_bind_template_child (widget_class, PsDatasetPanel, gen_seed_spin);
  gtk_widget_class_bind_template_child (widget_class, PsDatasetPanel, regenerate_button);
  gtk_widget_class_bind_template_child (widget_class, PsDatasetPanel, idx_box);
  gtk_widget_class_bind_template_child (widget_class, PsDatasetPanel, idx_folder_label);
  gtk_widget_class_bind_template_child (widget_class, PsDatasetPanel, csv_box);
  gtk_widget_class_bind_template_child (widget_class, PsDatasetPanel, csv_file_label);
  gtk_widget_class_bind_template_child (widget_class, PsDatasetPanel, label_column_box);
  gtk_widget_class_bind_template_child (widget_class, PsDatasetPanel, label_column_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PsDatasetPanel, csv_preview_scroller);
  gtk_widget_class_bind_template_child (widget_class, PsDatasetPanel, csv_preview_label);
  gtk_widget_class_bind_template_child (widget_class, PsDatasetPanel, loading_box);
  gtk_widget_class_bind_template_child (widget_class, PsDatasetPanel, load_progress);
  gtk_widget_class_bind_template_child (widget_class, PsDatasetPanel, name_label);
  gtk_widget_class_bind_template_child (widget_class, PsDatasetPanel, info_label);
  gtk_widget_class_bind_template_child (widget_class, PsDatasetPanel, classes_label);
  gtk_widget_class_bind_template_child (widget_class, PsDatasetPanel, picture_stack);
  gtk_widget_class_bind_template_child (widget_class, PsDatasetPanel, points_view);
  gtk_widget_class_bind_template_child (widget_class, PsDatasetPanel, samples_view);
  gtk_widget_class_bind_template_callback (widget_class, on_regenerate_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_choose_folder_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_open_csv_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_clicked);
}

static void
ps_dataset_panel_init (PsDatasetPanel *self)
{
  g_mutex_init (&self->loader_mutex);
  g_cond_init (&self->loader_cond);
  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect_swapped (self->source_dropdown, "notify::selected",
                            G_CALLBACK (on_source_selected), self);
  g_signal_connect_swapped (self->samples_spin, "value-changed",
                            G_CALLBACK (on_generator_param_changed), self);
  g_signal_connect_swapped (self->noise_spin, "value-changed",
                            G_CALLBACK (on_generator_param_changed), self);
  g_signal_connect_swapped (self->gen_seed_spin, "value-changed",
                            G_CALLBACK (on_generator_param_changed), self);
  g_signal_connect_swapped (self->label_column_dropdown, "notify::selected",
                            G_CALLBACK (on_label_column_changed), self);
  ps_boundary_view_set_compact (self->points_view, TRUE);
  ps_samples_view_set_compact (self->samples_view, TRUE);
  update_info (self);
}
