/* ps-window-lesson.h: the window's lesson mode
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The "Lesson" menu in the header bar (Open…, the shipped lesson, Leave
 * Lesson), the lesson panel at the top of the sidebar, and the controls a
 * step hides or locks. Lesson mode ends only through Leave Lesson (or
 * another lesson).
 */
#pragma once

#include "ps-window.h"

#include "ps-lesson.h"

G_BEGIN_DECLS

/* Adds the Lesson menu and the (hidden) panel; from ps_window_init(). */
void             ps_window_setup_lesson   (PsWindow    *self);
/* Starts the lesson in @path at its first step. FALSE + error
 * (PS_LESSON_ERROR, naming the field) for a file that is not a valid
 * lesson; lesson mode is then as it was. */
gboolean         ps_window_open_lesson    (PsWindow    *self,
                                           const char  *path,
                                           GError     **error);
/* Ends lesson mode: every control hidden or locked by the lesson comes
 * back; the session stays as it is. */
void             ps_window_leave_lesson   (PsWindow    *self);
/* (transfer none) (nullable): the lesson running, NULL outside lesson mode */
PsLesson        *ps_window_get_lesson     (PsWindow    *self);
/* The step shown (0-based); meaningless outside lesson mode. */
guint            ps_window_get_lesson_step (PsWindow   *self);
/* The widgets @control names in this window, for tests (transfer
 * container): what a step hides or locks. */
GPtrArray       *ps_window_dup_lesson_control_widgets (PsWindow        *self,
                                                       PsLessonControl  control);

G_END_DECLS
