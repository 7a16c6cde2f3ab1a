/* ps-dataset-panel.c: choose a dataset; a view of the session's
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The user's choice becomes a PsDatasetSource handed to the session
 * (ps_session_load_dataset); the panel redraws when the session says what
 * is loaded ("dataset-changed", "busy", "progress", "error"). It never loads
 * by itself and keeps no copy of the data. Values set from the session block
 * the widgets' handlers by function, and a handler that finds the session
 * already holding what the widgets say does nothing, so nothing echoes.
 *
 * The CSV preview is the reader's own sniffer (ps_csv_sniff): the columns
 * shown are the ones loading reads.
 */
#include "config.h"

#include "ps-dataset-panel.h"

#include <glib/gi18n.h>

#include "ps-boundary-view.h"
#include "ps-csv.h"
#include "ps-datadir.h"
#include "ps-file-chooser.h"
#include "ps-idx.h"
#include "ps-samples-view.h"

#define PREVIEW_ROWS 6
#define PREVIEW_CELL_CHARS 12

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
  GtkWidget      *truth_box;
  GtkGrid        *truth_grid;
  GtkWidget      *export_data_button;

  GSettings      *settings;
  PsSession      *session;      /* (nullable) until set_session */
  PsCsvPreview   *preview;      /* of the file in "previewed-csv" */
  char           *idx_folder;   /* the MNIST folder last loaded or remembered */
};

G_DEFINE_FINAL_TYPE (PsDatasetPanel, ps_dataset_panel, GTK_TYPE_WIDGET)

enum {
  ERROR,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void on_source_selected          (PsDatasetPanel *self);
static void on_generator_param_changed  (PsDatasetPanel *self);
static void on_label_column_changed     (PsDatasetPanel *self);

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

/* (nullable): the id the dropdown shows */
static const char *
selected_id (PsDatasetPanel *self)
{
  return ps_dataset_source_id_at (gtk_drop_down_get_selected (self->source_dropdown));
}

static void
emit_error (PsDatasetPanel *self,
            const char     *message)
{
  g_signal_emit (self, signals[ERROR], 0, message);
}

/* (nullable): the session's training and test sets */
static PsDataset *
session_train (PsDatasetPanel *self)
{
  return self->session != NULL ? ps_session_get_train (self->session) : NULL;
}

static PsDataset *
session_test (PsDatasetPanel *self)
{
  return self->session != NULL ? ps_session_get_test (self->session) : NULL;
}

static const char *
previewed_path (PsDatasetPanel *self)
{
  return g_object_get_data (G_OBJECT (self), "previewed-csv");
}

/* The widgets' handlers, blocked while the panel shows the session's values
 * (what the session already holds is no user choice). */
static void
block_handlers (PsDatasetPanel *self,
                gboolean        block)
{
  struct { gpointer instance; gpointer func; } handlers[] = {
    { self->source_dropdown, on_source_selected },
    { self->samples_spin, on_generator_param_changed },
    { self->noise_spin, on_generator_param_changed },
    { self->gen_seed_spin, on_generator_param_changed },
    { self->label_column_dropdown, on_label_column_changed },
  };

  for (guint i = 0; i < G_N_ELEMENTS (handlers); i++)
    if (block)
      g_signal_handlers_block_by_func (handlers[i].instance, handlers[i].func, self);
    else
      g_signal_handlers_unblock_by_func (handlers[i].instance, handlers[i].func, self);
}

/* ---- showing what is loaded ----------------------------------------------------- */

static void
show_source_widgets (PsDatasetPanel *self,
                     const char     *id)
{
  gboolean idx = ps_dataset_source_id_has_kind (id, PS_DATASET_SOURCE_IDX);

  gtk_widget_set_visible (self->generator_box, ps_dataset_source_id_has_kind (id, PS_DATASET_SOURCE_GENERATOR));
  gtk_widget_set_visible (self->idx_box, idx);
  gtk_widget_set_visible (self->csv_box, ps_dataset_source_id_has_kind (id, PS_DATASET_SOURCE_CSV));

  if (idx)
    {
      const char *folder = g_str_equal (id, "fashion-mnist") ? ps_dataset_fashion_mnist_dir ()
                                                              : ps_dataset_panel_get_idx_folder (self);
      g_autofree char *text = NULL;

      if (folder != NULL)
        text = g_strdup_printf (_("Folder: %s"), folder);
      else
        text = g_strdup (_("Choose the folder that holds the IDX files (train-images-idx3-ubyte.gz, …)."));
      gtk_label_set_text (self->idx_folder_label, text);
    }
}

static void
update_info (PsDatasetPanel *self)
{
  PsDataset *d = session_train (self);
  g_autofree char *info = NULL;
  g_autofree char *classes = NULL;
  const char *name;

  if (d == NULL)
    {
      gtk_label_set_text (self->name_label, _("No dataset"));
      gtk_label_set_text (self->info_label, "");
      gtk_label_set_text (self->classes_label, "");
      gtk_widget_set_sensitive (self->export_data_button, FALSE);
      return;
    }

  name = ps_dataset_get_name (d);
  gtk_label_set_text (self->name_label, name != NULL ? name : "");
  info = ps_dataset_dup_counts (d, session_test (self));
  if (self->session != NULL && ps_session_is_data_edited (self->session))
    {
      /* the student's own data: a load of the source would undo it */
      g_autofree char *edited = g_strdup_printf (_("%s · edited"), info);

      g_free (info);
      info = g_steal_pointer (&edited);
    }
  gtk_label_set_text (self->info_label, info);
  gtk_widget_set_sensitive (self->export_data_button, TRUE);
  classes = ps_dataset_dup_class_list (d, 12);
  gtk_label_set_text (self->classes_label, classes);
}

/* ---- a gate's truth table: click an output to flip it (issue 11 §5) ---- */

static void
on_truth_output_clicked (GtkButton      *button,
                         PsDatasetPanel *self)
{
  gsize row = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "ps-row"));
  g_autoptr(GError) error = NULL;

  if (self->session != NULL && !ps_session_flip_label (self->session, row, &error))
    emit_error (self, error->message);
}

/* The table of a gate (its inputs and output per row), the outputs as
 * buttons; hidden for anything but a gate. */
static void
update_truth_table (PsDatasetPanel *self)
{
  const PsDatasetSource *source = self->session != NULL ? ps_session_get_dataset_source (self->session) : NULL;
  PsDataset *d = session_train (self);
  GtkWidget *child;
  gsize n, nf;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->truth_grid))) != NULL)
    gtk_grid_remove (self->truth_grid, child);
  if (d == NULL || source == NULL || ps_dataset_source_get_kind (source) != PS_DATASET_SOURCE_GATE
      || ps_dataset_get_n_samples (d) > 64)
    {
      gtk_widget_set_visible (self->truth_box, FALSE);
      return;
    }
  n = ps_dataset_get_n_samples (d);
  nf = ps_dataset_get_n_features (d);
  for (gsize j = 0; j <= nf; j++)
    {
      g_autofree char *name = j == nf ? g_strdup (_("output"))
                              : ps_dataset_get_feature_names (d) != NULL && ps_dataset_get_feature_names (d)[j] != NULL
                              ? g_strdup (ps_dataset_get_feature_names (d)[j]) : g_strdup_printf ("x%zu", j + 1);
      GtkWidget *label = gtk_label_new (name);

      gtk_widget_add_css_class (label, "dim-label");
      gtk_grid_attach (self->truth_grid, label, j, 0, 1, 1);
    }
  for (gsize i = 0; i < n; i++)
    {
      g_autoptr(GString) inputs = g_string_new (NULL);
      guint32 label = ps_dataset_get_labels (d)[i];
      const char *const *classes = ps_dataset_get_class_names (d);
      g_autofree char *fallback = g_strdup_printf ("%u", label);
      const char *out = classes != NULL && label < ps_dataset_get_n_classes (d) ? classes[label] : fallback;
      g_autofree char *a11y = NULL;
      GtkWidget *button;

      for (gsize j = 0; j < nf; j++)
        {
          char buf[G_ASCII_DTOSTR_BUF_SIZE];
          const char *v = g_ascii_formatd (buf, sizeof buf, "%g", ps_dataset_get_raw (d, i, j));

          gtk_grid_attach (self->truth_grid, gtk_label_new (v), j, i + 1, 1, 1);
          g_string_append_printf (inputs, "%s%s", j > 0 ? ", " : "", v);
        }
      button = gtk_button_new_with_label (out);
      gtk_widget_set_tooltip_text (button, _("Click to flip this output"));
      /* the row, its inputs and its output, read by screen readers and tests */
      a11y = g_strdup_printf (_("Output of row %zu (%s): %s"), i + 1, inputs->str, out);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, a11y, -1);
      g_object_set_data (G_OBJECT (button), "ps-row", GSIZE_TO_POINTER (i));
      g_signal_connect (button, "clicked", G_CALLBACK (on_truth_output_clicked), self);
      gtk_grid_attach (self->truth_grid, button, nf, i + 1, 1, 1);
    }
  gtk_widget_set_visible (self->truth_box, TRUE);
}

/* The picture of what was loaded: the points of 2-D data (test points
 * hollow), a grid of images, or the first rows as a table. */
static void
update_picture (PsDatasetPanel *self)
{
  PsDataset *d = session_train (self);

  if (d == NULL || ps_dataset_get_n_samples (d) == 0)
    {
      ps_boundary_view_set_dataset (self->points_view, NULL, NULL);
      ps_samples_view_set_dataset (self->samples_view, NULL);
      gtk_widget_set_visible (GTK_WIDGET (self->picture_stack), FALSE);
      return;
    }
  if (ps_dataset_get_n_features (d) == 2)
    {
      ps_boundary_view_set_dataset (self->points_view, d, session_test (self));
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

/* ---- the CSV preview ------------------------------------------------------------ */

/* The label column chosen in the dropdown (NULL: "Last column"). */
static char *
selected_label_column (PsDatasetPanel *self)
{
  guint sel = gtk_drop_down_get_selected (self->label_column_dropdown);

  if (self->preview == NULL || sel == 0 || sel == GTK_INVALID_LIST_POSITION || sel > self->preview->n_columns)
    return NULL;
  return ps_csv_preview_column_spec (self->preview, sel - 1);
}

static void
select_label_column (PsDatasetPanel *self,
                     const char     *column)
{
  guint sel = 0;

  for (guint k = 0; column != NULL && self->preview != NULL && k < self->preview->n_columns; k++)
    {
      g_autofree char *spec = ps_csv_preview_column_spec (self->preview, k);

      if (g_str_equal (spec, column))
        sel = k + 1;
    }
  gtk_drop_down_set_selected (self->label_column_dropdown, sel);
}

/* Shows @path's first rows as the reader sees them and offers its columns
 * as the label. FALSE + error when the reader refuses its first lines. */
static gboolean
preview_csv (PsDatasetPanel  *self,
             const char      *path,
             GError         **error)
{
  g_autoptr(PsCsvPreview) p = ps_csv_sniff (path, NULL, PREVIEW_ROWS, error);
  g_autoptr(GtkStringList) columns = NULL;
  g_autofree char *text = NULL;
  g_autofree char *base = NULL;

  if (p == NULL)
    return FALSE;

  columns = gtk_string_list_new (NULL);
  gtk_string_list_append (columns, _("Last column"));
  for (guint k = 0; k < p->n_columns; k++)
    {
      g_autofree char *title = p->has_header ? g_strdup (p->column_names[k])
                                             : g_strdup_printf (_("Column %u"), k + 1);

      gtk_string_list_append (columns, title);
    }
  ps_csv_preview_free (self->preview);
  self->preview = g_steal_pointer (&p);
  g_object_set_data_full (G_OBJECT (self), "previewed-csv", g_strdup (path), g_free);

  block_handlers (self, TRUE);
  gtk_drop_down_set_model (self->label_column_dropdown, G_LIST_MODEL (columns));
  /* the label the reader suggests (iris: "species" first) */
  gtk_drop_down_set_selected (self->label_column_dropdown,
                              self->preview->label_column + 1 < self->preview->n_columns
                              ? self->preview->label_column + 1 : 0);
  block_handlers (self, FALSE);
  gtk_widget_set_visible (self->label_column_box, self->preview->n_columns > 1);

  text = ps_csv_preview_to_text (self->preview, PREVIEW_CELL_CHARS);
  gtk_label_set_text (self->csv_preview_label, text);
  gtk_widget_set_visible (self->csv_preview_scroller, TRUE);
  base = g_path_get_basename (path);
  gtk_label_set_text (self->csv_file_label, base);
  return TRUE;
}

static void
clear_preview (PsDatasetPanel *self)
{
  g_clear_pointer (&self->preview, ps_csv_preview_free);
  g_object_set_data (G_OBJECT (self), "previewed-csv", NULL);
  gtk_label_set_text (self->csv_file_label, "");
  gtk_widget_set_visible (self->csv_preview_scroller, FALSE);
  gtk_widget_set_visible (self->label_column_box, FALSE);
}

/* ---- the session's state in the widgets ---------------------------------------- */

/* Shows the session's source: the dropdown, the generator's options, the
 * CSV file and its label column. Handlers are blocked: this is no choice. */
static void
show_session_source (PsDatasetPanel *self)
{
  const PsDatasetSource *s = self->session != NULL ? ps_session_get_dataset_source (self->session) : NULL;
  PsDataset *train;
  const char *id;

  if (s == NULL)
    return;
  /* the reader knows Fashion-MNIST by its labels, whatever folder the
   * user took it from */
  train = ps_session_get_train (self->session);
  id = g_str_equal (s->id, "mnist") && train != NULL && g_strcmp0 (ps_dataset_get_name (train), "Fashion-MNIST") == 0
       ? "fashion-mnist" : s->id;
  block_handlers (self, TRUE);
  gtk_drop_down_set_selected (self->source_dropdown, ps_dataset_source_id_index (id));
  switch (ps_dataset_source_get_kind (s))
    {
    case PS_DATASET_SOURCE_GENERATOR:
      gtk_spin_button_set_value (self->samples_spin, s->n_samples);
      gtk_spin_button_set_value (self->noise_spin, s->noise);
      gtk_spin_button_set_value (self->gen_seed_spin, (double) s->seed);
      break;
    case PS_DATASET_SOURCE_CSV:
      /* the preview shows the file that is loaded */
      if (g_strcmp0 (previewed_path (self), s->path) != 0 && !preview_csv (self, s->path, NULL))
        clear_preview (self);
      select_label_column (self, s->label_column);
      break;
    case PS_DATASET_SOURCE_IDX:
    case PS_DATASET_SOURCE_GATE:
    default:
      break;
    }
  block_handlers (self, FALSE);
  show_source_widgets (self, id);
}

static void
on_session_dataset_changed (PsDatasetPanel *self)
{
  const PsDatasetSource *s = ps_session_get_dataset_source (self->session);
  PsDataset *train = ps_session_get_train (self->session);

  /* an MNIST folder that loaded is remembered (not Fashion-MNIST's, which
   * the reader knows by its labels wherever it is) */
  if (s != NULL && g_str_equal (s->id, "mnist") && train != NULL && g_strcmp0 (ps_dataset_get_name (train), "MNIST") == 0)
    {
      const char *folder = s->path != NULL ? s->path : ps_data_find_dataset_dir ("mnist");

      if (folder != NULL && g_strcmp0 (folder, self->idx_folder) != 0)
        {
          g_free (self->idx_folder);
          self->idx_folder = g_strdup (folder);
          if (self->settings != NULL && s->path != NULL)
            g_settings_set_string (self->settings, "last-dataset-folder", s->path);
        }
    }
  show_session_source (self);
  update_info (self);
  update_picture (self);
  update_truth_table (self);
}

static void
on_session_busy (PsDatasetPanel *self)
{
  gboolean busy = ps_session_is_busy (self->session);

  gtk_widget_set_visible (self->loading_box, busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->source_dropdown), !busy);
  gtk_widget_set_sensitive (self->generator_box, !busy);
  gtk_widget_set_sensitive (self->csv_box, !busy);
  gtk_widget_set_sensitive (self->idx_box, !busy);
  gtk_progress_bar_set_fraction (self->load_progress, busy ? ps_session_get_progress (self->session) : 0);
}

static void
on_session_progress (PsDatasetPanel *self)
{
  if (ps_session_is_busy (self->session))
    gtk_progress_bar_set_fraction (self->load_progress, ps_session_get_progress (self->session));
}

/* After a failed or cancelled load the widgets show what is loaded again,
 * the preview included. */
static void
restore_from_session (PsDatasetPanel *self)
{
  const PsDatasetSource *s = self->session != NULL ? ps_session_get_dataset_source (self->session) : NULL;

  if (s == NULL || ps_dataset_source_get_kind (s) != PS_DATASET_SOURCE_CSV)
    clear_preview (self);
  show_session_source (self);
}

/* The message is the window's (it listens to the session). */
static void
on_session_error (PsDatasetPanel *self,
                  const char     *message)
{
  restore_from_session (self);
}

static void
disconnect_session (PsDatasetPanel *self)
{
  if (self->session == NULL)
    return;
  g_signal_handlers_disconnect_by_data (self->session, self);
  g_clear_object (&self->session);
}

/**
 * ps_dataset_panel_set_session:
 * @session: the window's session
 *
 * Makes the panel a view of @session: choices load into it, and the panel
 * shows what it holds.
 */
void
ps_dataset_panel_set_session (PsDatasetPanel *self,
                              PsSession      *session)
{
  g_return_if_fail (PS_IS_DATASET_PANEL (self));
  g_return_if_fail (PS_IS_SESSION (session));

  if (self->session == session)
    return;
  disconnect_session (self);
  self->session = g_object_ref (session);
  g_signal_connect_swapped (session, "dataset-changed", G_CALLBACK (on_session_dataset_changed), self);
  g_signal_connect_swapped (session, "notify::busy", G_CALLBACK (on_session_busy), self);
  g_signal_connect_swapped (session, "notify::progress", G_CALLBACK (on_session_progress), self);
  g_signal_connect_swapped (session, "error", G_CALLBACK (on_session_error), self);
  ps_boundary_view_set_session (self->points_view, session);
  on_session_busy (self);
  show_session_source (self);
  update_info (self);
  update_picture (self);
  update_truth_table (self);
}

/* ---- the user's choice ----------------------------------------------------------- */

/* Loads @source unless the session holds it already (a widget set to the
 * value it has is no new choice). The panel is insensitive while a run
 * trains; a choice made from code then stops the run first, as the data
 * cannot change under it. */
static void
load (PsDatasetPanel        *self,
      const PsDatasetSource *source)
{
  if (self->session == NULL)
    return;
  if (ps_dataset_source_equal (source, ps_session_get_dataset_source (self->session)) &&
      !ps_session_is_busy (self->session))
    return;
  if (ps_session_is_running (self->session))
    ps_session_stop (self->session);
  ps_session_load_dataset (self->session, source);
}

/* (transfer full): a generator with the panel's options */
static PsDatasetSource *
generator_source (PsDatasetPanel *self,
                  const char     *id)
{
  PsDatasetSource *s = ps_dataset_source_new (id);

  s->n_samples = (guint) gtk_spin_button_get_value_as_int (self->samples_spin);
  s->noise = gtk_spin_button_get_value (self->noise_spin);
  s->seed = (guint64) gtk_spin_button_get_value (self->gen_seed_spin);
  return s;
}

static void
load_previewed_csv (PsDatasetPanel *self,
                    char           *label_column)
{
  g_autoptr(PsDatasetSource) s = ps_dataset_source_new ("csv");

  s->path = g_strdup (previewed_path (self));
  s->label_column = label_column;
  load (self, s);
}

static void
select_id (PsDatasetPanel *self,
           const char     *id)
{
  g_autoptr(PsDatasetSource) s = ps_dataset_source_new (id);

  show_source_widgets (self, id);
  switch (ps_dataset_source_get_kind (s))
    {
    case PS_DATASET_SOURCE_GATE:
      load (self, s);
      break;
    case PS_DATASET_SOURCE_GENERATOR:
      {
        g_autoptr(PsDatasetSource) g = generator_source (self, id);

        load (self, g);
      }
      break;
    case PS_DATASET_SOURCE_IDX:
      if (g_str_equal (id, "fashion-mnist") && ps_dataset_fashion_mnist_dir () == NULL)
        /* the dropdown stays on it: "Choose Folder…" is the way on */
        emit_error (self, _("Fashion-MNIST was not found. Install the dataset-fashion-mnist package, "
                            "or choose the folder that holds its files."));
      else if (g_str_equal (id, "fashion-mnist"))
        ps_dataset_panel_load_idx_folder (self, ps_dataset_fashion_mnist_dir (), TRUE);
      else
        ps_dataset_panel_load_idx_folder (self, ps_dataset_panel_get_idx_folder (self), FALSE);
      break;
    case PS_DATASET_SOURCE_CSV:
      /* the file previewed; else wait for "Open CSV…" */
      if (previewed_path (self) != NULL)
        load_previewed_csv (self, selected_label_column (self));
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
on_source_selected (PsDatasetPanel *self)
{
  const char *id = selected_id (self);

  if (id != NULL)
    select_id (self, id);
}

static void
on_generator_param_changed (PsDatasetPanel *self)
{
  const char *id = selected_id (self);
  g_autoptr(PsDatasetSource) s = NULL;

  if (!ps_dataset_source_id_has_kind (id, PS_DATASET_SOURCE_GENERATOR))
    return;
  s = generator_source (self, id);
  load (self, s);
}

static void
on_regenerate_clicked (PsDatasetPanel *self)
{
  /* a new seed: the spin's handler loads */
  gtk_spin_button_set_value (self->gen_seed_spin, gtk_spin_button_get_value (self->gen_seed_spin) + 1);
}

static void
on_label_column_changed (PsDatasetPanel *self)
{
  if (previewed_path (self) != NULL)
    load_previewed_csv (self, selected_label_column (self));
}

/* The previous dataset stays; the widgets show it again. */
static void
on_cancel_clicked (PsDatasetPanel *self)
{
  if (self->session == NULL || !ps_session_is_busy (self->session))
    return;
  ps_session_cancel_load (self->session);
  restore_from_session (self);
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

  index = ps_dataset_source_id_index (source_id);
  if (index < 0)
    {
      g_autofree char *msg = g_strdup_printf (_("Unknown dataset “%s”."), source_id);
      emit_error (self, msg);
      return;
    }
  /* the dropdown's handler loads; already showing it, load it here */
  if (gtk_drop_down_get_selected (self->source_dropdown) != (guint) index)
    gtk_drop_down_set_selected (self->source_dropdown, index);
  else
    select_id (self, source_id);
}

/**
 * ps_dataset_panel_load_csv:
 * @path: a CSV file; the label is the reader's suggestion (the last
 *   column, or the text column of iris-like files)
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

      restore_from_session (self);
      emit_error (self, msg);
      return;
    }
  load_previewed_csv (self, selected_label_column (self));
}

void
ps_dataset_panel_set_label_column (PsDatasetPanel *self,
                                   const char     *column)
{
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  g_return_if_fail (PS_IS_DATASET_PANEL (self));

  before = selected_label_column (self);
  select_label_column (self, column);
  after = selected_label_column (self);
  if (column != NULL && g_strcmp0 (after, column) != 0)
    {
      g_autofree char *msg = g_strdup_printf (_("The CSV file has no column “%s”."), column);

      g_signal_handlers_block_by_func (self->label_column_dropdown, on_label_column_changed, self);
      select_label_column (self, before);
      g_signal_handlers_unblock_by_func (self->label_column_dropdown, on_label_column_changed, self);
      emit_error (self, msg);
    }
}

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
  g_autoptr(PsDatasetSource) s = NULL;

  g_return_if_fail (PS_IS_DATASET_PANEL (self));

  if (folder == NULL || !g_file_test (folder, G_FILE_TEST_IS_DIR))
    {
      g_autofree char *msg = g_strdup_printf (_("The folder “%s” does not exist or cannot be read."),
                                              folder != NULL ? folder : "");

      show_session_source (self);
      emit_error (self, msg);
      return;
    }
  s = ps_dataset_source_new_idx (folder, fashion);
  load (self, s);
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

/* ---- file choosers ------------------------------------------------------------------ */

/* What a chooser was opened for (its user data). */
enum { CHOOSE_CSV, CHOOSE_MNIST_FOLDER, CHOOSE_FASHION_FOLDER };

static void
on_chosen (GtkWidget    *owner,
           const char   *path,
           const GError *error,
           gpointer      user_data)
{
  PsDatasetPanel *self = PS_DATASET_PANEL (owner);
  int what = GPOINTER_TO_INT (user_data);

  if (error != NULL)
    emit_error (self, error->message);
  else if (path == NULL && what != CHOOSE_CSV)
    /* a cancelled folder choice puts the dropdown back on what is loaded */
    show_session_source (self);
  else if (path != NULL && what == CHOOSE_CSV)
    ps_dataset_panel_load_csv (self, path);
  else if (path != NULL)
    ps_dataset_panel_load_idx_folder (self, path, what == CHOOSE_FASHION_FOLDER);
}

static void
on_open_csv_clicked (PsDatasetPanel *self)
{
  GtkFileChooserNative *chooser = ps_file_chooser_new (GTK_WIDGET (self), GTK_FILE_CHOOSER_ACTION_OPEN,
                                                       _("Open CSV"), _("_Open"));

  ps_file_chooser_add_filters (chooser, PS_FILE_FILTERS_CSV_OR_ALL);
  ps_file_chooser_remember_folder (chooser, self->settings);
  ps_file_chooser_show (chooser, on_chosen, GINT_TO_POINTER (CHOOSE_CSV));
}

static void
on_export_chosen (GtkWidget    *owner,
                  const char   *path,
                  const GError *error,
                  gpointer      user_data)
{
  PsDatasetPanel *self = PS_DATASET_PANEL (owner);
  g_autoptr(GError) local = NULL;

  if (error != NULL)
    emit_error (self, error->message);
  else if (path != NULL && self->session != NULL && !ps_session_export_data (self->session, path, &local))
    emit_error (self, local->message);
}

/* Export Data as CSV…: the training set as it is now, edits and all. */
static void
on_export_data_clicked (PsDatasetPanel *self)
{
  GtkFileChooserNative *chooser = ps_file_chooser_new (GTK_WIDGET (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                                       _("Export Data as CSV"), _("_Export"));
  PsDataset *d = session_train (self);
  g_autofree char *name = g_strdup_printf ("%s.csv", d != NULL && ps_dataset_get_name (d) != NULL
                                                      ? ps_dataset_get_name (d) : "data");

  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  ps_file_chooser_add_filters (chooser, PS_FILE_FILTERS_CSV);
  ps_file_chooser_remember_folder (chooser, self->settings);
  ps_file_chooser_show (chooser, on_export_chosen, NULL);
}

/* Starts in the folder the choice would load (not the remembered file
 * folder: IDX folders are remembered apart). */
static void
on_choose_folder_clicked (PsDatasetPanel *self)
{
  gboolean fashion = g_strcmp0 (selected_id (self), "fashion-mnist") == 0;
  GtkFileChooserNative *chooser = ps_file_chooser_new (GTK_WIDGET (self), GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                                       _("Choose the IDX Folder"), _("_Select"));

  ps_file_chooser_set_folder (chooser, fashion ? ps_dataset_fashion_mnist_dir ()
                                               : ps_dataset_panel_get_idx_folder (self));
  ps_file_chooser_show (chooser, on_chosen,
                        GINT_TO_POINTER (fashion ? CHOOSE_FASHION_FOLDER : CHOOSE_MNIST_FOLDER));
}

/* ---- the session's state, for the window ------------------------------------------- */

void
ps_dataset_panel_set_settings (PsDatasetPanel *self,
                               GSettings      *settings)
{
  g_return_if_fail (PS_IS_DATASET_PANEL (self));

  g_set_object (&self->settings, settings);
}

/* ---- GObject ------------------------------------------------------------------------ */

static void
ps_dataset_panel_dispose (GObject *object)
{
  PsDatasetPanel *self = PS_DATASET_PANEL (object);

  disconnect_session (self);
  g_clear_object (&self->settings);
  gtk_widget_dispose_template (GTK_WIDGET (self), PS_TYPE_DATASET_PANEL);

  G_OBJECT_CLASS (ps_dataset_panel_parent_class)->dispose (object);
}

static void
ps_dataset_panel_finalize (GObject *object)
{
  PsDatasetPanel *self = PS_DATASET_PANEL (object);

  g_clear_pointer (&self->preview, ps_csv_preview_free);
  g_free (self->idx_folder);

  G_OBJECT_CLASS (ps_dataset_panel_parent_class)->finalize (object);
}

static void
ps_dataset_panel_class_init (PsDatasetPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ps_dataset_panel_dispose;
  object_class->finalize = ps_dataset_panel_finalize;

  signals[ERROR] = g_signal_new ("error", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  g_type_ensure (PS_TYPE_BOUNDARY_VIEW);
  g_type_ensure (PS_TYPE_SAMPLES_VIEW);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, PS_RESOURCE_BASE "/ps-dataset-panel.ui");
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
  gtk_widget_class_bind_template_child (widget_class, PsDatasetPanel, truth_box);
  gtk_widget_class_bind_template_child (widget_class, PsDatasetPanel, truth_grid);
  gtk_widget_class_bind_template_child (widget_class, PsDatasetPanel, export_data_button);
  gtk_widget_class_bind_template_callback (widget_class, on_export_data_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_regenerate_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_choose_folder_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_open_csv_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_clicked);
}

static void
ps_dataset_panel_init (PsDatasetPanel *self)
{
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
