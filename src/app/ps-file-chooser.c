/* ps-file-chooser.c: the app's file choosers, one way
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window's and the dataset panel's choosers: GtkFileChooserNative (GTK
 * 4.8 has no GtkFileDialog), modal, with the same filters, the same
 * remembered folder ("last-file-folder") and the accessible names put right
 * (ps_a11y_fix_native_dialog: the GUI tests find them by name).
 */
#include "config.h"

#include "ps-file-chooser.h"

#include <glib/gi18n.h>

#include "ps-a11y.h"

#define REQUEST_KEY "ps-file-chooser-request"

/* What a shown chooser reports to, held by the chooser. */
typedef struct
{
  GtkWidget        *owner;       /* a reference */
  GSettings        *settings;    /* (nullable): remembers the folder */
  PsFileChosenFunc  func;
  gpointer          user_data;
} Request;

static void
request_free (gpointer data)
{
  Request *request = data;

  g_clear_object (&request->settings);
  g_object_unref (request->owner);
  g_free (request);
}

static Request *
get_request (GtkFileChooserNative *chooser)
{
  return g_object_get_data (G_OBJECT (chooser), REQUEST_KEY);
}

/**
 * ps_file_chooser_new:
 * @owner: the widget that asks; its window is the chooser's parent
 *
 * Returns: (transfer full): a modal chooser; ps_file_chooser_show()
 *   consumes it
 */
GtkFileChooserNative *
ps_file_chooser_new (GtkWidget            *owner,
                     GtkFileChooserAction  action,
                     const char           *title,
                     const char           *accept)
{
  GtkRoot *root;
  GtkFileChooserNative *chooser;
  Request *request;

  g_return_val_if_fail (GTK_IS_WIDGET (owner), NULL);

  root = gtk_widget_get_root (owner);
  chooser = gtk_file_chooser_native_new (title, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         action, accept, _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  request = g_new0 (Request, 1);
  request->owner = g_object_ref (owner);
  g_object_set_data_full (G_OBJECT (chooser), REQUEST_KEY, request, request_free);
  return chooser;
}

static void
add_filter (GtkFileChooser    *chooser,
            const char        *name,
            const char *const *patterns)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  for (guint i = 0; patterns[i] != NULL; i++)
    gtk_file_filter_add_pattern (filter, patterns[i]);
  gtk_file_chooser_add_filter (chooser, filter);
}

void
ps_file_chooser_add_filters (GtkFileChooserNative *chooser,
                             PsFileFilters         filters)
{
  static const char *const csv[] = { "*.csv", "*.CSV", "*.tsv", "*.txt", "*.csv.gz", "*.tsv.gz", NULL };
  static const char *const json[] = { "*.json", NULL };
  static const char *const all_open[] = { "*.csv", "*.CSV", "*.tsv", "*.txt", "*.csv.gz", "*.tsv.gz",
                                          "*.json", "*.onnx", NULL };
  static const char *const model[] = { "*.json", "*.onnx", NULL };
  static const char *const any[] = { "*", NULL };
  GtkFileChooser *fc = GTK_FILE_CHOOSER (chooser);

  g_return_if_fail (GTK_IS_FILE_CHOOSER_NATIVE (chooser));

  switch (filters)
    {
    case PS_FILE_FILTERS_OPEN:
      add_filter (fc, _("Datasets, models and experiments"), all_open);
      add_filter (fc, _("CSV files"), csv);
      add_filter (fc, _("Models and experiments (JSON)"), json);
      add_filter (fc, _("All files"), any);
      break;
    case PS_FILE_FILTERS_JSON:
      add_filter (fc, _("JSON files"), json);
      break;
    case PS_FILE_FILTERS_CSV:
      add_filter (fc, _("CSV files"), csv);
      break;
    case PS_FILE_FILTERS_CSV_OR_ALL:
      add_filter (fc, _("CSV files"), csv);
      add_filter (fc, _("All files"), any);
      break;
    case PS_FILE_FILTERS_MODEL:
      add_filter (fc, _("Models (JSON or ONNX)"), model);
      add_filter (fc, _("All files"), any);
      break;
    default:
      g_return_if_reached ();
    }
}

void
ps_file_chooser_set_folder (GtkFileChooserNative *chooser,
                            const char           *folder)
{
  g_return_if_fail (GTK_IS_FILE_CHOOSER_NATIVE (chooser));

  if (folder != NULL && folder[0] != '\0' && g_file_test (folder, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GFile) f = g_file_new_for_path (folder);

      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), f, NULL);
    }
}

void
ps_file_chooser_remember_folder (GtkFileChooserNative *chooser,
                                 GSettings            *settings)
{
  g_autofree char *folder = NULL;

  g_return_if_fail (GTK_IS_FILE_CHOOSER_NATIVE (chooser) && get_request (chooser) != NULL);

  if (settings == NULL)
    return;
  g_set_object (&get_request (chooser)->settings, settings);
  folder = g_settings_get_string (settings, "last-file-folder");
  ps_file_chooser_set_folder (chooser, folder);
}

void
ps_file_chooser_add_toggle (GtkFileChooserNative *chooser,
                            const char           *id,
                            const char           *label,
                            gboolean              active)
{
  g_return_if_fail (GTK_IS_FILE_CHOOSER_NATIVE (chooser));
  g_return_if_fail (id != NULL && label != NULL);

  /* no options: a check box */
  gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (chooser), id, label, NULL, NULL);
  gtk_file_chooser_set_choice (GTK_FILE_CHOOSER (chooser), id, active ? "true" : "false");
}

gboolean
ps_file_chooser_get_toggle (GtkFileChooserNative *chooser,
                            const char           *id)
{
  g_return_val_if_fail (GTK_IS_FILE_CHOOSER_NATIVE (chooser), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  return g_strcmp0 (gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (chooser), id), "true") == 0;
}

static void
on_response (GtkNativeDialog *dialog,
             int              response,
             gpointer         user_data)
{
  Request *request = get_request (GTK_FILE_CHOOSER_NATIVE (dialog));
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response != GTK_RESPONSE_ACCEPT)
    request->func (request->owner, NULL, NULL, request->user_data);
  else if ((file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog))) != NULL &&
           (path = g_file_get_path (file)) != NULL)
    {
      g_autoptr(GFile) parent = NULL;
      g_autofree char *dir = NULL;

      /* the next chooser starts where this one ended */
      if (request->settings != NULL && (parent = g_file_get_parent (file)) != NULL &&
          (dir = g_file_get_path (parent)) != NULL)
        g_settings_set_string (request->settings, "last-file-folder", dir);
      request->func (request->owner, path, NULL, request->user_data);
    }
  else
    {
      gboolean folder = gtk_file_chooser_get_action (GTK_FILE_CHOOSER (dialog)) ==
                        GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER;
      g_autoptr(GError) error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                                                     folder ? _("Only local folders are supported.")
                                                            : _("Only local files are supported."));

      request->func (request->owner, NULL, error, request->user_data);
    }
  /* the owner's reference goes with it */
  g_object_unref (dialog);
}

void
ps_file_chooser_show (GtkFileChooserNative *chooser,
                      PsFileChosenFunc      func,
                      gpointer              user_data)
{
  Request *request;

  g_return_if_fail (GTK_IS_FILE_CHOOSER_NATIVE (chooser) && get_request (chooser) != NULL);
  g_return_if_fail (func != NULL);

  request = get_request (chooser);
  request->func = func;
  request->user_data = user_data;
  g_signal_connect (chooser, "response", G_CALLBACK (on_response), NULL);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
  ps_a11y_fix_native_dialog (GTK_NATIVE_DIALOG (chooser));
}
