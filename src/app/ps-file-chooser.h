/* ps-file-chooser.h: the app's file choosers, one way
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The filter sets the choosers offer, in the order they are listed. */
typedef enum
{
  PS_FILE_FILTERS_OPEN,         /* what Open reads, then CSV, JSON, all files */
  PS_FILE_FILTERS_JSON,         /* JSON files */
  PS_FILE_FILTERS_CSV,          /* CSV files */
  PS_FILE_FILTERS_CSV_OR_ALL,   /* CSV files, then all files */
  PS_FILE_FILTERS_MODEL,        /* models (JSON or ONNX), then all files */
} PsFileFilters;

/* Called once when the chooser closes. @path is the chosen local file or
 * folder; NULL when cancelled (@error NULL) or when the choice is not local
 * (@error says so, for the user). */
typedef void (*PsFileChosenFunc) (GtkWidget    *owner,
                                  const char   *path,
                                  const GError *error,
                                  gpointer      user_data);

/* (transfer full): a modal chooser over @owner's window, with "_Cancel" and
 * @accept; show it with ps_file_chooser_show(), which consumes it. */
GtkFileChooserNative *ps_file_chooser_new             (GtkWidget            *owner,
                                                       GtkFileChooserAction  action,
                                                       const char           *title,
                                                       const char           *accept);
void                  ps_file_chooser_add_filters     (GtkFileChooserNative *chooser,
                                                       PsFileFilters         filters);
/* Starts in @folder when it is an existing folder (NULL: nowhere). */
void                  ps_file_chooser_set_folder      (GtkFileChooserNative *chooser,
                                                       const char           *folder);
/* Starts in @settings' "last-file-folder", and on a choice stores the chosen
 * file's folder there (before the callback runs). NULL settings: neither. */
void                  ps_file_chooser_remember_folder (GtkFileChooserNative *chooser,
                                                       GSettings            *settings);
/* A check box on the chooser (a boolean GtkFileChooser choice, which the
 * portal shows too), on when @active. */
void                  ps_file_chooser_add_toggle      (GtkFileChooserNative *chooser,
                                                       const char           *id,
                                                       const char           *label,
                                                       gboolean              active);
/* Whether the check box @id is on. The chooser lives until the callback of
 * ps_file_chooser_show() returns: give it as user_data to read it there. */
gboolean              ps_file_chooser_get_toggle      (GtkFileChooserNative *chooser,
                                                       const char           *id);
/* Shows @chooser (taking it over) and calls @func when it closes; @owner
 * (given to ps_file_chooser_new()) is kept alive until then. */
void                  ps_file_chooser_show            (GtkFileChooserNative *chooser,
                                                       PsFileChosenFunc      func,
                                                       gpointer              user_data);

G_END_DECLS
