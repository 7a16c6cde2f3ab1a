/* ps-dataset-panel.h: choose and load a dataset
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "ps-dataset.h"
#include "ps-session.h"

G_BEGIN_DECLS

#define PS_TYPE_DATASET_PANEL (ps_dataset_panel_get_type ())

G_DECLARE_FINAL_TYPE (PsDatasetPanel, ps_dataset_panel, PS, DATASET_PANEL, GtkWidget)

/* A view of a PsSession: the user's choice becomes a PsDatasetSource the
 * session loads; the panel shows what the session holds. The getters below
 * read the session (NULL / 0 / FALSE before ps_dataset_panel_set_session).
 *
 * Signals:
 *   "error"           (const char*) a choice the panel refused (an unknown id,
 *                     a file the preview cannot read, a missing folder); the
 *                     session's own errors are the session's "error" */

GtkWidget  *ps_dataset_panel_new             (void);
/* Makes the panel a view of @session (the window's). */
void        ps_dataset_panel_set_session     (PsDatasetPanel *self,
                                              PsSession      *session);
/* Short human description: "XOR · 4 samples · 2 features · 2 classes". */
/* (transfer none) (nullable): the picture of the loaded data (a
 * PsBoundaryView for 2-D data, else a PsSamplesView) */
GtkWidget  *ps_dataset_panel_get_picture     (PsDatasetPanel *self);

/* source ids: "and" "or" "xor" "and3" "or3" "circle" "xor-cloud" "gauss"
 * "spiral" "moons" "mnist" "fashion-mnist" "csv". Gates and generators load
 * at once; "mnist" loads the remembered folder if there is one. */
void        ps_dataset_panel_select          (PsDatasetPanel *self,
                                              const char     *source_id);
/* Previews @path and has the session load it (in the background); the
 * session's "dataset-changed" or "error" follows, or the panel's "error"
 * when the preview cannot read it. */
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

G_END_DECLS
