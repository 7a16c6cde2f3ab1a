/* ps-window.h: the main window
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "ps-application.h"
#include "ps-dataset.h"
#include "ps-export.h"
#include "ps-network.h"
#include "ps-session.h"
#include "ps-snapshot.h"
#include "ps-training-bridge.h"

G_BEGIN_DECLS

#define PS_TYPE_WINDOW (ps_window_get_type ())

G_DECLARE_FINAL_TYPE (PsWindow, ps_window, PS, WINDOW, GtkApplicationWindow)

PsWindow         *ps_window_new              (PsApplication *application);
/* Opens a CSV, an IDX folder, a model (.json) or an experiment (.psx.json)
 * by what the path looks like. */
void              ps_window_open_path        (PsWindow      *self,
                                              const char    *path);
void              ps_window_load_idx_folder  (PsWindow      *self,
                                              const char    *folder);
/* Shows message in the window's error banner. */
void              ps_window_show_error       (PsWindow      *self,
                                              const char    *message);
/* (nullable): the message shown in the banner, or NULL when hidden. */
const char       *ps_window_get_error        (PsWindow      *self);
void              ps_window_apply_preset     (PsWindow      *self,
                                              const char    *preset_id);

/* (transfer none) (nullable): the model as last published */
PsSnapshot       *ps_window_get_snapshot     (PsWindow      *self);
/* (transfer none) (nullable) */
PsDataset        *ps_window_get_train        (PsWindow      *self);
PsDataset        *ps_window_get_test         (PsWindow      *self);
gboolean          ps_window_is_training      (PsWindow      *self);

/* These show failures in the banner and return FALSE. */
gboolean          ps_window_save_model       (PsWindow      *self,
                                              const char    *path);
gboolean          ps_window_save_experiment  (PsWindow      *self,
                                              const char    *path);
gboolean          ps_window_export_history   (PsWindow      *self,
                                              const char    *path);
/* File → Export Model As… without the chooser: the current weights as
 * Save Model writes them, in @format (Keras' compile() with the session's
 * optimizer and learning rate). */
gboolean          ps_window_export_model     (PsWindow      *self,
                                              PsExportFormat format,
                                              const char    *path);

/* "dataset", "network" or "training" */
void              ps_window_set_sidebar_page (PsWindow      *self,
                                              const char    *name);
/* "curves", "boundary", "weights", "network" or "samples" */
void              ps_window_set_view         (PsWindow      *self,
                                              const char    *name);

/* Direct access for tests and the views. (transfer none) */
GtkWidget        *ps_window_get_view           (PsWindow    *self,
                                                const char  *name);
PsTrainingBridge *ps_window_get_bridge         (PsWindow    *self);
/* the document the window shows */
PsSession        *ps_window_get_session        (PsWindow    *self);
GtkWidget        *ps_window_get_dataset_panel  (PsWindow    *self);
GtkWidget        *ps_window_get_network_editor (PsWindow    *self);
GtkWidget        *ps_window_get_training_panel (PsWindow    *self);

G_END_DECLS
