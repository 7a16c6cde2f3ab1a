/* ps-dataset-panel.h: choose and load a dataset
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>
#include <json-glib/json-glib.h>

#include "ps-dataset.h"
#include "ps-session.h"

G_BEGIN_DECLS

#define PS_TYPE_DATASET_PANEL (ps_dataset_panel_get_type ())

G_DECLARE_FINAL_TYPE (PsDatasetPanel, ps_dataset_panel, PS, DATASET_PANEL, GtkWidget)

/* A view of a PsSession: the user's choice becomes a PsDatasetSource the
 * session loads; the panel shows what the session holds. Until
 * ps_dataset_panel_set_session() it works on a session of its own.
 *
 * Signals:
 *   "dataset-changed" ()            the session's training/test sets were replaced
 *   "error"           (const char*) a choice the panel refused (an unknown id,
 *                     a file the preview cannot read, ...); with its own
 *                     session, the session's errors too
 *   "busy-changed"    ()            a load started or ended */

GtkWidget  *ps_dataset_panel_new             (void);
/* Makes the panel a view of @session (the window's). */
void        ps_dataset_panel_set_session     (PsDatasetPanel *self,
                                              PsSession      *session);
/* (transfer none) (nullable) */
PsDataset  *ps_dataset_panel_get_train       (PsDatasetPanel *self);
/* (transfer none) (nullable): t10k, a generated test set, the gate table, or NULL */
PsDataset  *ps_dataset_panel_get_test        (PsDatasetPanel *self);
/* Short human description: "XOR · 4 samples · 2 features · 2 classes". */
char       *ps_dataset_panel_dup_summary     (PsDatasetPanel *self);
/* (transfer none) (nullable): the picture of the loaded data (a
 * PsBoundaryView for 2-D data, else a PsSamplesView) */
GtkWidget  *ps_dataset_panel_get_picture     (PsDatasetPanel *self);
/* ps_session_shutdown() of the panel's session (closing the window). */
void        ps_dataset_panel_shutdown        (PsDatasetPanel *self);
/* Loader threads still running, cancelled ones included (tests). */
guint       ps_dataset_panel_get_n_loader_threads (PsDatasetPanel *self);
gboolean    ps_dataset_panel_is_busy         (PsDatasetPanel *self);
void        ps_dataset_panel_cancel          (PsDatasetPanel *self);

/* source ids: "and" "or" "xor" "and3" "or3" "circle" "xor-cloud" "gauss"
 * "spiral" "moons" "mnist" "fashion-mnist" "csv". Gates and generators load
 * at once; "mnist" loads the remembered folder if there is one. */
void        ps_dataset_panel_select          (PsDatasetPanel *self,
                                              const char     *source_id);
const char *ps_dataset_panel_get_source      (PsDatasetPanel *self);
/* Asynchronous; "dataset-changed" or "error" follows. */
void        ps_dataset_panel_load_csv        (PsDatasetPanel *self,
                                              const char     *path);
/* Reloads the previewed CSV with this label column (name or 0-based index;
 * NULL: the last column). */
void        ps_dataset_panel_set_label_column (PsDatasetPanel *self,
                                               const char     *column);
void        ps_dataset_panel_load_idx_folder (PsDatasetPanel *self,
                                              const char     *folder,
                                              gboolean        fashion);
/* (nullable): the folder last used for IDX files */
const char *ps_dataset_panel_get_idx_folder  (PsDatasetPanel *self);
void        ps_dataset_panel_set_settings    (PsDatasetPanel *self,
                                              GSettings      *settings);

/* Transitional, for the window until the session loads experiments' data
 * itself: the session's source as JSON (ps_dataset_source_to_json), and a
 * source from JSON loaded into the session. */
JsonNode   *ps_dataset_panel_to_json         (PsDatasetPanel *self);
gboolean    ps_dataset_panel_from_json       (PsDatasetPanel *self,
                                              JsonNode       *node,
                                              GError        **error);

G_END_DECLS
