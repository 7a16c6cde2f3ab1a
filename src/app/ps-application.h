/* ps-application.h: the GtkApplication
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define PS_TYPE_APPLICATION (ps_application_get_type ())

G_DECLARE_FINAL_TYPE (PsApplication, ps_application, PS, APPLICATION, GtkApplication)

PsApplication *ps_application_new          (void);
/* (nullable) (transfer none): NULL when the schema is not installed. */
GSettings     *ps_application_get_settings (PsApplication *self);

G_END_DECLS
