/* ps-lesson-panel.h: the lesson's step, its text and Next
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shows what the window's lesson mode (ps-window-lesson.c) gives it: the
 * lesson's title, "Step n of N", the step's title and text, what Next waits
 * for, and the Next button ("Next"), enabled only when told. Knows nothing
 * of sessions or lesson files.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define PS_TYPE_LESSON_PANEL (ps_lesson_panel_get_type ())

G_DECLARE_FINAL_TYPE (PsLessonPanel, ps_lesson_panel, PS, LESSON_PANEL, GtkWidget)

/* Signals:
 *   "next" ()   Next was clicked (only ever while it is enabled) */

GtkWidget *ps_lesson_panel_new        (void);
/* Shows step @index (0-based) of @n_steps. @step_title is nullable. */
void       ps_lesson_panel_set_step   (PsLessonPanel *self,
                                       const char    *lesson_title,
                                       guint          index,
                                       guint          n_steps,
                                       const char    *step_title,
                                       const char    *text);
/* The line beside Next: what it waits for, or that it may be pressed
 * (nullable: none). */
void       ps_lesson_panel_set_status (PsLessonPanel *self,
                                       const char    *status);
void       ps_lesson_panel_set_can_next (PsLessonPanel *self,
                                         gboolean       can_next);
gboolean   ps_lesson_panel_get_can_next (PsLessonPanel *self);
/* Next is shown on every step but the last. */
void       ps_lesson_panel_set_has_next (PsLessonPanel *self,
                                         gboolean       has_next);

G_END_DECLS
