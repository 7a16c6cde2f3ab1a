/* ps-views.h: the table of views, shared by the window and the export dialog
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One row per picture the app can show and export: its widget type, how it
 * takes a snapshot, how it draws for export, and what it is called.
 */
#pragma once

#include <gtk/gtk.h>

#include "ps-plot.h"
#include "ps-snapshot.h"

G_BEGIN_DECLS

typedef struct
{
  const char      *name;          /* the window's stack page; NULL: not a page */
  const char      *title;         /* translatable (N_) */
  const char      *basename;      /* suggested export file name, no extension */
  GType          (*get_type)      (void);
  /* NULL for widgets that do not follow snapshots (the evaluate dialog) */
  void           (*set_snapshot)  (GtkWidget  *view,
                                   PsSnapshot *snapshot);
  PsPlotDrawFunc   render;        /* user_data: the widget */
  gboolean       (*has_data)      (GtkWidget  *view);
} PsViewInfo;

/* (transfer none): the table; @n_views gets its length. The window's pages
 * come first, in tab order. */
const PsViewInfo *ps_views_get_all         (guint     *n_views);
/* (transfer none) (nullable): the row of @view's type */
const PsViewInfo *ps_views_lookup_widget   (GtkWidget *view);

G_END_DECLS
