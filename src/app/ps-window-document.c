/* ps-window-document.c: the window's document actions and file choosers
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Open, Save Model, Save Experiment (its checkpoints on request), Export
 * History, Export view, Evaluate, Draw a Digit, the notebook's presets: the
 * choosers and messages live here, the reading and writing in PsSession
 * (models, experiments, history, presets) or the export dialog (views).
 */
#include "config.h"

#include "ps-window-private.h"

#include <glib/gi18n.h>

#include "ps-digit-dialog.h"
#include "ps-evaluate-dialog.h"
#include "ps-experiment.h"
#include "ps-export-dialog.h"
#include "ps-export.h"
#include "ps-file-chooser.h"
#include "ps-names.h"
#include "ps-presets.h"

#include <string.h>

/* ---- opening ------------------------------------------------------------------ */

static gboolean
looks_like_json (const char *path)
{
  return g_str_has_suffix (path, ".json") || g_str_has_suffix (path, ".JSON");
}

static void
load_model_file (PsWindow   *self,
                 const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *base = NULL;
  g_autofree char *msg = NULL;

  if (!ps_session_load_model (self->session, path, &error))
    {
      ps_window_show_gerror (self, error);
      return;
    }
  ps_window_clear_error (self);
  base = g_path_get_basename (path);
  msg = g_strdup_printf (_("Loaded model %s"), base);
  ps_window_set_status (self, msg);
}

static void
load_experiment_file (PsWindow   *self,
                      const char *path)
{
  g_autoptr(GError) error = NULL;

  /* cleared first: a dataset that fails to load says so after this */
  ps_window_clear_error (self);
  /* the session loads the dataset (at once, or in the background) and then
   * adopts the stored weights; the dataset panel follows it */
  if (!ps_session_load_experiment (self->session, path, &error))
    ps_window_show_gerror (self, error);
}

/**
 * ps_window_open_path:
 * @path: a CSV file, a folder of IDX files, a model or an experiment (.json),
 *   or an ONNX model (.onnx)
 *
 * Opens @path by what it looks like. Failures show in the banner and leave
 * the current dataset and model alone.
 */
void
ps_window_open_path (PsWindow   *self,
                     const char *path)
{
  g_return_if_fail (PS_IS_WINDOW (self));
  g_return_if_fail (path != NULL);

  /* the data and the model cannot change under a run */
  if (ps_session_is_running (self->session))
    {
      ps_window_show_error (self, _("Pause training before opening another file."));
      return;
    }
  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    ps_window_load_idx_folder (self, path);
  else if (g_str_has_suffix (path, ".onnx") || g_str_has_suffix (path, ".ONNX"))
    load_model_file (self, path);     /* an ONNX model (ps_model_load reads it) */
  else if (looks_like_json (path))
    {
      /* experiments say so in their first bytes; everything else is a model
       * (whose reader refuses devices, FIFOs and oversize files) */
      if (ps_experiment_sniff (path))
        load_experiment_file (self, path);
      else
        load_model_file (self, path);
    }
  else
    {
      gtk_stack_set_visible_child_name (self->sidebar_stack, "dataset");
      ps_dataset_panel_load_csv (self->dataset_panel, path);
    }
}

/**
 * ps_window_load_idx_folder:
 * @folder: a folder holding train-images-idx3-ubyte[.gz] and friends
 */
void
ps_window_load_idx_folder (PsWindow   *self,
                           const char *folder)
{
  g_return_if_fail (PS_IS_WINDOW (self));
  g_return_if_fail (folder != NULL);

  if (ps_session_is_running (self->session))
    {
      ps_window_show_error (self, _("Pause training before opening another file."));
      return;
    }
  gtk_stack_set_visible_child_name (self->sidebar_stack, "dataset");
  ps_dataset_panel_load_idx_folder (self->dataset_panel, folder, FALSE);
}

/* ---- choosers ------------------------------------------------------------------ */

typedef void (*PsChosenFunc) (PsWindow   *self,
                              const char *path);

static void
on_chosen (GtkWidget    *owner,
           const char   *path,
           const GError *error,
           gpointer      user_data)
{
  PsChosenFunc func = (PsChosenFunc) user_data;

  if (error != NULL)
    ps_window_show_error (PS_WINDOW (owner), error->message);
  else if (path != NULL)
    func (PS_WINDOW (owner), path);
}

/* Starts in the folder last chosen from and remembers the new one. */
static void
run_chooser (PsWindow             *self,
             GtkFileChooserAction  action,
             const char           *title,
             const char           *accept,
             const char           *suggested_name,
             PsChosenFunc          func,
             PsFileFilters         filters)
{
  GtkFileChooserNative *chooser = ps_file_chooser_new (GTK_WIDGET (self), action, title, accept);

  ps_file_chooser_remember_folder (chooser, self->settings);
  if (suggested_name != NULL)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), suggested_name);
  ps_file_chooser_add_filters (chooser, filters);
  ps_file_chooser_show (chooser, on_chosen, (gpointer) func);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  run_chooser (PS_WINDOW (widget), GTK_FILE_CHOOSER_ACTION_OPEN, _("Open"),
               _("_Open"), NULL, ps_window_open_path, PS_FILE_FILTERS_OPEN);
}

static void
load_model_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  run_chooser (PS_WINDOW (widget), GTK_FILE_CHOOSER_ACTION_OPEN, _("Open Model"),
               _("_Open"), NULL, load_model_file, PS_FILE_FILTERS_MODEL);
}

/* ---- saving ---------------------------------------------------------------------- */

typedef gboolean (*PsSaveFunc) (PsSession   *session,
                                const char  *path,
                                GError     **error);

/* @format says what went where ("Saved model to %s"). */
static gboolean
save_with (PsWindow   *self,
           PsSaveFunc  save,
           const char *path,
           const char *format)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *base = NULL;
  g_autofree char *msg = NULL;

  if (!save (self->session, path, &error))
    {
      ps_window_show_gerror (self, error);
      return FALSE;
    }
  base = g_path_get_basename (path);
  msg = g_strdup_printf (format, base);
  ps_window_set_status (self, msg);
  return TRUE;
}

/**
 * ps_window_save_model:
 *
 * Saves the current weights (atomically). Errors show in the banner.
 *
 * Returns: TRUE on success
 */
gboolean
ps_window_save_model (PsWindow   *self,
                      const char *path)
{
  g_return_val_if_fail (PS_IS_WINDOW (self), FALSE);

  return save_with (self, ps_session_save_model, path, _("Saved model to %s"));
}

/* The history and the final weights always; the checkpoints on request. */
static gboolean
save_experiment (PsWindow    *self,
                 const char  *path,
                 gboolean     with_checkpoints)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *base = NULL;
  g_autofree char *msg = NULL;

  if (!ps_session_save_experiment_full (self->session, path, with_checkpoints, &error))
    {
      ps_window_show_gerror (self, error);
      return FALSE;
    }
  base = g_path_get_basename (path);
  msg = g_strdup_printf (_("Saved experiment to %s"), base);
  ps_window_set_status (self, msg);
  return TRUE;
}

/**
 * ps_window_save_experiment:
 *
 * Saves the dataset choice, the architecture, the settings, the weights
 * and the run's history (not its checkpoints: the save dialog asks).
 *
 * Returns: TRUE on success (errors show in the banner)
 */
gboolean
ps_window_save_experiment (PsWindow   *self,
                           const char *path)
{
  g_return_val_if_fail (PS_IS_WINDOW (self), FALSE);

  return save_experiment (self, path, FALSE);
}

/**
 * ps_window_export_history:
 *
 * Returns: TRUE on success (errors show in the banner)
 */
gboolean
ps_window_export_history (PsWindow   *self,
                          const char *path)
{
  g_return_val_if_fail (PS_IS_WINDOW (self), FALSE);

  return save_with (self, ps_session_export_history, path, _("Exported history to %s"));
}

static void
save_model_chosen (PsWindow   *self,
                   const char *path)
{
  ps_window_save_model (self, path);
}

#define TIMELINE_CHOICE "timeline"

/* @user_data: the chooser, alive while this runs */
static void
on_experiment_chosen (GtkWidget    *owner,
                      const char   *path,
                      const GError *error,
                      gpointer      user_data)
{
  PsWindow *self = PS_WINDOW (owner);

  if (error != NULL)
    ps_window_show_error (self, error->message);
  else if (path != NULL)
    save_experiment (self, path, ps_file_chooser_get_toggle (user_data, TIMELINE_CHOICE));
}

static void
export_history_chosen (PsWindow   *self,
                       const char *path)
{
  ps_window_export_history (self, path);
}

static void
save_model_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  run_chooser (PS_WINDOW (widget), GTK_FILE_CHOOSER_ACTION_SAVE, _("Save Model"),
               _("_Save"), "model.json", save_model_chosen, PS_FILE_FILTERS_JSON);
}

static void
save_experiment_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  PsWindow *self = PS_WINDOW (widget);
  GtkFileChooserNative *chooser = ps_file_chooser_new (widget, GTK_FILE_CHOOSER_ACTION_SAVE,
                                                       _("Save Experiment"), _("_Save"));

  ps_file_chooser_remember_folder (chooser, self->settings);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), "experiment.psx.json");
  ps_file_chooser_add_filters (chooser, PS_FILE_FILTERS_JSON);
  /* the checkpoints can make the file large (the model's size each): off
   * unless asked for */
  ps_file_chooser_add_toggle (chooser, TIMELINE_CHOICE, _("Include the timeline (all recorded epochs)"), FALSE);
  ps_file_chooser_show (chooser, on_experiment_chosen, chooser);
}

static void
export_history_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  run_chooser (PS_WINDOW (widget), GTK_FILE_CHOOSER_ACTION_SAVE, _("Export History"),
               _("_Export"), "history.csv", export_history_chosen, PS_FILE_FILTERS_CSV);
}

/* ---- export model ----------------------------------------------------------------- */

#define FORMAT_CHOICE "format"

/**
 * ps_window_export_model:
 *
 * The current weights with the input scaling they were trained with, as
 * Save Model writes them, in @format; Keras' compile() gets the session's
 * optimizer and learning rate. Errors show in the banner.
 *
 * Returns: TRUE on success
 */
gboolean
ps_window_export_model (PsWindow       *self,
                        PsExportFormat  format,
                        const char     *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *base = NULL;
  g_autofree char *msg = NULL;

  g_return_val_if_fail (PS_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!ps_session_export_model (self->session, format, path, &error))
    {
      ps_window_show_gerror (self, error);
      return FALSE;
    }
  ps_window_clear_error (self);
  base = g_path_get_basename (path);
  msg = g_strdup_printf (_("Exported model to %s"), base);
  ps_window_set_status (self, msg);
  return TRUE;
}

/* @user_data: the chooser, alive while this runs. The format is the
 * chooser's choice; a name without an extension gets the format's. */
static void
on_export_model_chosen (GtkWidget    *owner,
                        const char   *path,
                        const GError *error,
                        gpointer      user_data)
{
  PsWindow *self = PS_WINDOW (owner);
  g_autofree char *base = NULL;
  g_autofree char *with_ext = NULL;
  const char *choice;
  PsExportFormat format = PS_EXPORT_PYTORCH;

  if (error != NULL)
    {
      ps_window_show_error (self, error->message);
      return;
    }
  if (path == NULL)
    return;
  choice = gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (user_data), FORMAT_CHOICE);
  if (choice != NULL && !ps_export_format_from_string (choice, &format))
    format = PS_EXPORT_PYTORCH;
  base = g_path_get_basename (path);
  if (strchr (base, '.') == NULL)
    with_ext = g_strconcat (path, ps_export_format_extension (format), NULL);
  ps_window_export_model (self, format, with_ext != NULL ? with_ext : path);
}

static void
export_model_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  PsWindow *self = PS_WINDOW (widget);
  const char *const *names = ps_enum_names (PS_ENUM_EXPORT_FORMAT);
  guint n = ps_enum_n_values (PS_ENUM_EXPORT_FORMAT);
  g_autofree const char **labels = g_new0 (const char *, n + 1);
  GtkFileChooserNative *chooser;

  if (ps_session_get_model (self->session) == NULL)
    {
      ps_window_show_error (self, _("There is no model to export yet."));
      return;
    }
  chooser = ps_file_chooser_new (widget, GTK_FILE_CHOOSER_ACTION_SAVE,
                                 _("Export Model"), _("_Export"));
  ps_file_chooser_remember_folder (chooser, self->settings);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), "model.py");
  {
    GtkFileFilter *exports = gtk_file_filter_new ();
    GtkFileFilter *any = gtk_file_filter_new ();

    gtk_file_filter_set_name (exports, _("Python files and ONNX models"));
    gtk_file_filter_add_suffix (exports, "py");
    gtk_file_filter_add_suffix (exports, "onnx");
    gtk_file_filter_set_name (any, _("All files"));
    gtk_file_filter_add_pattern (any, "*");
    gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), exports);
    gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), any);
    g_object_unref (exports);
    g_object_unref (any);
  }
  for (guint i = 0; i < n; i++)
    labels[i] = ps_enum_label (PS_ENUM_EXPORT_FORMAT, ps_enum_value_at (PS_ENUM_EXPORT_FORMAT, i));
  /* PyTorch and Keras write Python (.py), ONNX a .onnx model: the choice
   * decides, the name is the user's */
  gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (chooser), FORMAT_CHOICE, _("Format:"),
                               (const char **) names, labels);
  gtk_file_chooser_set_choice (GTK_FILE_CHOOSER (chooser), FORMAT_CHOICE, names[0]);
  ps_file_chooser_show (chooser, on_export_model_chosen, chooser);
}

/* ---- export and evaluate ------------------------------------------------------------ */

static void
on_view_exported (PsWindow   *self,
                  const char *path)
{
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *msg = g_strdup_printf (_("Exported the view to %s"), base);

  ps_window_set_status (self, msg);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PsWindow *self = PS_WINDOW (widget);
  GtkWidget *view = gtk_stack_get_visible_child (self->view_stack);
  PsExportDialog *dialog;

  if (view == NULL || !ps_export_view_get_renderer (view, NULL, NULL))
    {
      ps_window_show_error (self, _("This view cannot be exported."));
      return;
    }
  dialog = ps_export_dialog_new (GTK_WINDOW (self), view);
  /* the dialog closes on success: the status bar says where it went */
  g_signal_connect_object (dialog, "exported", G_CALLBACK (on_view_exported), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
evaluate_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  PsWindow *self = PS_WINDOW (widget);

  if (ps_session_get_model (self->session) == NULL || ps_session_get_train (self->session) == NULL ||
      self->snapshot == NULL)
    {
      ps_window_show_error (self, _("There is no model to evaluate yet."));
      return;
    }
  gtk_window_present (GTK_WINDOW (ps_evaluate_dialog_new (GTK_WINDOW (self), self->snapshot)));
}

/* ---- draw a digit ------------------------------------------------------------ */

#define DIGIT_DIALOG_KEY "ps-digit-dialog"

static void
on_digit_dialog_destroy (GtkWidget *dialog,
                         PsWindow  *self)
{
  g_object_set_data (G_OBJECT (self), DIGIT_DIALOG_KEY, NULL);
}

/* One dialog per window, made on first use and kept (it hides on close,
 * keeping the drawing). It follows the session: a model that does not take
 * 28 × 28 images gets a sentence saying why instead of the bars, so the
 * action is always there to try. */
static void
draw_digit_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  PsWindow *self = PS_WINDOW (widget);
  GtkWidget *dialog = g_object_get_data (G_OBJECT (self), DIGIT_DIALOG_KEY);

  if (dialog == NULL)
    {
      dialog = ps_digit_dialog_new (self->session, GTK_WINDOW (self));
      g_object_set_data (G_OBJECT (self), DIGIT_DIALOG_KEY, dialog);
      g_signal_connect_object (dialog, "destroy", G_CALLBACK (on_digit_dialog_destroy), self, 0);
    }
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- presets --------------------------------------------------------------- */

/**
 * ps_window_apply_preset:
 * @preset_id: an id from ps_presets_get_all()
 *
 * Sets up the dataset, the layers and the training settings of a notebook
 * experiment. For MNIST the remembered IDX folder is loaded (asynchronously),
 * else the shipped subset; when there is none, the dataset page asks for one.
 */
void
ps_window_apply_preset (PsWindow   *self,
                        const char *preset_id)
{
  g_autoptr(GError) error = NULL;
  const PsDatasetSource *current;
  const PsPreset *p;

  g_return_if_fail (PS_IS_WINDOW (self));

  ps_window_clear_error (self);
  if (!ps_session_configure_preset (self->session, preset_id, &error))
    {
      ps_window_show_gerror (self, error);
      return;
    }
  p = ps_presets_lookup (preset_id);

  /* Selecting the dataset loads it (at once, or in the background), which
   * rebuilds the model; if it is already the current one, rebuild now. */
  current = ps_session_get_dataset_source (self->session);
  if (current != NULL && g_strcmp0 (current->id, p->dataset) == 0)
    ps_session_rebuild (self->session);
  else
    ps_dataset_panel_select (self->dataset_panel, p->dataset);

  current = ps_session_get_train (self->session) != NULL ? ps_session_get_dataset_source (self->session) : NULL;
  if (!ps_session_is_busy (self->session) &&
      (current == NULL || g_strcmp0 (current->id, p->dataset) != 0))
    {
      /* MNIST with no folder known yet: the rest waits for it; meanwhile the
       * model matches what the editor shows */
      ps_session_rebuild (self->session);
      ps_window_show_info (self, _("Choose the folder that holds the MNIST files (Choose Folder… below) "
                                   "to finish setting up this experiment."));
      gtk_stack_set_visible_child_name (self->sidebar_stack, "dataset");
      return;
    }

  gtk_stack_set_visible_child_name (self->sidebar_stack, "training");
  {
    g_autofree char *msg = g_strdup_printf (_("%s: press Train"), _(p->title));
    ps_window_set_status (self, msg);
  }
}

static void
preset_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ps_window_apply_preset (PS_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

void
ps_window_document_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.preset", "s", preset_action);
  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.load-model", NULL, load_model_action);
  gtk_widget_class_install_action (widget_class, "win.save-model", NULL, save_model_action);
  gtk_widget_class_install_action (widget_class, "win.save-experiment", NULL, save_experiment_action);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "win.export-history", NULL, export_history_action);
  gtk_widget_class_install_action (widget_class, "win.export-model", NULL, export_model_action);
  gtk_widget_class_install_action (widget_class, "win.evaluate", NULL, evaluate_action);
  gtk_widget_class_install_action (widget_class, "win.draw-digit", NULL, draw_digit_action);
}
