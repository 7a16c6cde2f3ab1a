/* ps-preferences-dialog.c: the application's preferences
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What applies to every window and is remembered: for now the memory a
 * run's timeline may take. The controls are bound to GSettings keys; each
 * window's session follows the keys (ps_preferences_bind_session), so
 * nothing here knows the windows.
 */
#include "config.h"

#include "ps-preferences-dialog.h"


#define TIMELINE_BUDGET_KEY "timeline-budget-mb"

struct _PsPreferencesDialog
{
  GtkWindow      parent_instance;

  GtkSpinButton *timeline_memory;
};

G_DEFINE_FINAL_TYPE (PsPreferencesDialog, ps_preferences_dialog, GTK_TYPE_WINDOW)

/**
 * ps_preferences_dialog_new:
 * @parent: (nullable): the window it belongs to
 * @settings: (nullable): the application's settings
 *
 * Returns: (transfer none): the dialog; it is destroyed when closed
 */
PsPreferencesDialog *
ps_preferences_dialog_new (GtkWindow *parent,
                           GSettings *settings)
{
  PsPreferencesDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);

  self = g_object_new (PS_TYPE_PREFERENCES_DIALOG,
                       "transient-for", parent,
                       NULL);
  if (settings != NULL)
    g_settings_bind (settings, TIMELINE_BUDGET_KEY, self->timeline_memory, "value", G_SETTINGS_BIND_DEFAULT);
  else
    gtk_widget_set_sensitive (GTK_WIDGET (self->timeline_memory), FALSE);
  return self;
}

GtkSpinButton *
ps_preferences_dialog_get_timeline_memory (PsPreferencesDialog *self)
{
  g_return_val_if_fail (PS_IS_PREFERENCES_DIALOG (self), NULL);

  return self->timeline_memory;
}

/* MB in the settings, bytes in the session. */
static gboolean
budget_from_mb (GValue   *value,
                GVariant *variant,
                gpointer  user_data)
{
  g_value_set_uint64 (value, (guint64) g_variant_get_uint32 (variant) << 20);
  return TRUE;
}

/**
 * ps_preferences_bind_session:
 *
 * The session's "timeline-budget" follows "timeline-budget-mb" (read only:
 * the session never writes the preference).
 */
void
ps_preferences_bind_session (GSettings *settings,
                             PsSession *session)
{
  g_return_if_fail (G_IS_SETTINGS (settings));
  g_return_if_fail (PS_IS_SESSION (session));

  g_settings_bind_with_mapping (settings, TIMELINE_BUDGET_KEY, session, "timeline-budget",
                                G_SETTINGS_BIND_GET, budget_from_mb, NULL, NULL, NULL);
}

static void
ps_preferences_dialog_class_init (PsPreferencesDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class, PS_RESOURCE_BASE "/ps-preferences-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PsPreferencesDialog, timeline_memory);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
ps_preferences_dialog_init (PsPreferencesDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
