/* ps-window-private.h: what ps-window.c shares with ps-window-document.c
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ps-window.h"

#include "ps-dataset-panel.h"
#include "ps-network-editor.h"
#include "ps-session.h"
#include "ps-timeline-bar.h"
#include "ps-training-panel.h"
#include "ps-views.h"

G_BEGIN_DECLS

/* The window's pages: the first rows of ps_views_get_all(). */
enum {
  PS_VIEW_CURVES,
  PS_VIEW_BOUNDARY,
  PS_VIEW_WEIGHTS,
  PS_VIEW_NETWORK,
  PS_VIEW_SAMPLES,
  PS_VIEW_SEPARABILITY,
  PS_VIEW_SURFACE,
  PS_N_VIEWS
};

struct _PsWindow
{
  GtkApplicationWindow  parent_instance;

  /* template children */
  GtkInfoBar           *info_bar;
  GtkImage             *banner_icon;
  GtkLabel             *error_label;
  GtkStack             *sidebar_stack;
  PsDatasetPanel       *dataset_panel;
  PsNetworkEditor      *network_editor;
  PsTrainingPanel      *training_panel;
  GtkStack             *view_stack;
  GtkLabel             *dataset_label;
  GtkLabel             *status_label;
  PsTimelineBar        *timeline_bar;

  GSettings            *settings;
  PsSession            *session;          /* the document: the one copy of its state */
  PsSnapshot           *snapshot;         /* what the views show */
  const PsViewInfo     *view_info;        /* ps_views_get_all(), PS_N_VIEWS pages first */
  GtkWidget            *views[PS_N_VIEWS];
  gint64                last_progress_update;
  guint                 curves_epochs;    /* what the curves view shows */
  const PsEpochMetrics *curves_history;
  gboolean              curves_checkpoint;
  char                 *error_message;
  guint                 stepping : 1;     /* the run is a Step */
};

void ps_window_set_status          (PsWindow     *self,
                                    const char   *text);
void ps_window_show_gerror         (PsWindow     *self,
                                    const GError *error);
void ps_window_show_info           (PsWindow     *self,
                                    const char   *message);
void ps_window_clear_error         (PsWindow     *self);
/* "win.open", "win.load-model", the save and export actions, "win.preset"
 * (ps-window-document.c) */
void ps_window_document_class_init (GtkWidgetClass *widget_class);
/* The training panel's "Explain update" (ps-window-explain.c): opens the
 * explain dialog on the sample chosen last (or the first). */
void ps_window_on_explain          (PsWindow     *self);
/* Connects the views' sample picks (boundary point, sample grid image) to
 * the explain dialog (ps-window-explain.c). */
void ps_window_setup_explain       (PsWindow     *self);
/* The sidebar's Runs page and the views that follow the runs
 * (ps-window-runs.c). */
void ps_window_setup_runs          (PsWindow     *self);

G_END_DECLS
