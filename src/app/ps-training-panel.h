/* ps-training-panel.h: training settings and controls
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>
#include <json-glib/json-glib.h>

#include "ps-dataset.h"
#include "ps-network.h"
#include "ps-session.h"
#include "ps-trainer.h"
#include "ps-training-settings.h"

G_BEGIN_DECLS

#define PS_TYPE_TRAINING_PANEL (ps_training_panel_get_type ())

G_DECLARE_FINAL_TYPE (PsTrainingPanel, ps_training_panel, PS, TRAINING_PANEL, GtkWidget)


/* Signals:
 *   "train" () "pause" () "step" () "reset" () "explain" ()   the buttons
 *   "learning-rate-changed" (double)             live, while running too
 *   "settings-changed" ()                        anything else changed */

GtkWidget *ps_training_panel_new           (void);
/* The panel becomes a view of @session (settings, run state) and edits its
 * "settings"; the panel's current values are handed to it first. */
void       ps_training_panel_set_session   (PsTrainingPanel          *self,
                                            PsSession                *session);
void       ps_training_panel_get_settings  (PsTrainingPanel          *self,
                                            PsTrainingSettings       *out);
void       ps_training_panel_set_settings  (PsTrainingPanel          *self,
                                            const PsTrainingSettings *settings);
void       ps_training_panel_settings_init (PsTrainingSettings       *settings);
/* running: Train off, Pause on, settings that cannot change live greyed out. */
void       ps_training_panel_set_running   (PsTrainingPanel          *self,
                                            gboolean                  running);
/* Epoch counter and status line. metrics NULL: not trained yet. */
void       ps_training_panel_set_epoch     (PsTrainingPanel          *self,
                                            guint                     epoch,
                                            guint                     total_epochs);
void       ps_training_panel_set_progress  (PsTrainingPanel          *self,
                                            guint                     epoch,
                                            guint                     total_epochs,
                                            const PsEpochMetrics     *metrics);
void       ps_training_panel_set_status    (PsTrainingPanel          *self,
                                            const char               *text);
const char *ps_training_panel_get_status   (PsTrainingPanel          *self);
const char *ps_training_panel_get_epoch_text (PsTrainingPanel        *self);
void       ps_training_panel_bind_settings (PsTrainingPanel          *self,
                                            GSettings                *settings);
G_END_DECLS
