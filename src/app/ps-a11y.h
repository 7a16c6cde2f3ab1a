/* ps-a11y.h: accessible names that GTK 4.8 gets wrong, put right
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Walks root and its descendants: a button or check button with a mnemonic
 * ("_Open") gets the name "Open" (GTK 4.8 says "_Open Open"); the inner
 * toggle of a dropdown or menu button takes the outer widget's name (GTK
 * 4.8 says "GtkToggleButton"). */
void   ps_a11y_fix_names         (GtkWidget       *root);
/* Also names GTK's own unnamed buttons (from a tooltip, an inner label or
 * the icon); for windows GTK builds (file chooser, shortcuts window). */
void   ps_a11y_fix_foreign_names (GtkWidget       *root);
/* The same for the dialog GTK shows for a GtkFileChooserNative when there
 * is no portal; call it after gtk_native_dialog_show(). */
void   ps_a11y_fix_native_dialog (GtkNativeDialog *native);
/* "_Open" -> "Open", "a__b" -> "a_b" (newly allocated). */
char  *ps_a11y_strip_mnemonic    (const char      *label);

G_END_DECLS
