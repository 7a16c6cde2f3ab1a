/* gui-test-util.h: main-loop and screenshot helpers for the GUI test programs
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Runs the default main context until cond (data) holds; FALSE after
 * timeout_ms without it. */
gboolean iterate_until (gboolean (*cond) (gpointer),
                        gpointer   data,
                        int        timeout_ms);

/* Runs the default main context for ms milliseconds. */
void     iterate_for   (int        ms);

/* Saves @w as its renderer draws it to $GUI_TEST_OUTDIR/@name (PNG; the
 * temporary folder without GUI_TEST_OUTDIR). */
void     gui_test_screenshot (GtkWidget  *w,
                              const char *name);

G_END_DECLS
