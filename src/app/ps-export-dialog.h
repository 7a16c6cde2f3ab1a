/* ps-export-dialog.h: export a view to PNG, SVG or PDF at a chosen size
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "ps-plot.h"

G_BEGIN_DECLS

#define PS_TYPE_EXPORT_DIALOG (ps_export_dialog_get_type ())

G_DECLARE_FINAL_TYPE (PsExportDialog, ps_export_dialog, PS, EXPORT_DIALOG, GtkWindow)

/* Environment variable: when set, "Choose…" takes this path instead of
 * opening the native file chooser (tests cannot drive native choosers). */
#define PS_EXPORT_PATH_ENV "PS_EXPORT_PATH"

/* Finds the renderer of a view (PsCurvesView, PsBoundaryView, PsWeightsView,
 * PsNetworkView, PsSamplesView). Returns FALSE for other widgets. basename
 * (nullable) gets a suggested file name without extension, e.g. "boundary". */
gboolean        ps_export_view_get_renderer   (GtkWidget       *view,
                                               PsPlotDrawFunc  *draw,
                                               const char     **basename);
/* Draws view at width × height into path (.png, .svg or .pdf) with the same
 * renderer the view uses on screen. */
gboolean        ps_export_view                (GtkWidget       *view,
                                               const char      *path,
                                               int              width,
                                               int              height,
                                               GError         **error);

/* parent may be NULL. The default size is the view's current size. */
PsExportDialog *ps_export_dialog_new          (GtkWindow       *parent,
                                               GtkWidget       *view);
void            ps_export_dialog_set_path     (PsExportDialog  *self,
                                               const char      *path);
/* (transfer none) */
const char     *ps_export_dialog_get_path     (PsExportDialog  *self);
void            ps_export_dialog_set_size     (PsExportDialog  *self,
                                               int              width,
                                               int              height);
/* What the Export button does; on failure the error is also shown in the
 * dialog in plain words. On success emits "exported" and closes. */
gboolean        ps_export_dialog_export       (PsExportDialog  *self,
                                               GError         **error);
/* (transfer none) The message shown in the dialog, "" when none. */
const char     *ps_export_dialog_get_message  (PsExportDialog  *self);

G_END_DECLS
