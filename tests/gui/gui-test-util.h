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
/* TRUE, with the test marked skipped and why, in an AddressSanitizer
 * build: GTK's file chooser sidebar starts libcloudproviders' D-Bus set-up
 * and leaves it half made at exit; LeakSanitizer's fast stacks stop at
 * g_malloc, so no suppression can name the library. The plain suite runs
 * the test. A test that opens a GTK file chooser returns at once on TRUE. */
gboolean gui_test_skip_file_chooser_under_asan (void);
void     gui_test_screenshot (GtkWidget  *w,
                              const char *name);

/* Runs the default main context until it has nothing left to do. */
void       iterate        (void);
/* A new window of width × height holding @child, presented and drawn.
 * Returns: (transfer none) the window; destroy it when done. */
GtkWidget *show_in_window (GtkWidget  *child,
                           int         width,
                           int         height);
/* The first mapped GtkDrawingArea under @widget, or NULL. */
GtkWidget *find_area      (GtkWidget  *widget);
/* The first mapped label under @widget whose text contains @needle, or NULL. */
GtkWidget *find_label     (GtkWidget  *widget,
                           const char *needle);

G_END_DECLS
