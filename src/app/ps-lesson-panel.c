/* ps-lesson-panel.c: the lesson's step, its text and Next
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ps-lesson-panel.h"

#include <glib/gi18n.h>

struct _PsLessonPanel
{
  GtkWidget  parent_instance;

  GtkWidget *box;
  GtkLabel  *lesson_label;
  GtkLabel  *count_label;
  GtkLabel  *title_label;
  GtkLabel  *text_label;
  GtkLabel  *wait_label;
  GtkWidget *next_button;
};

G_DEFINE_FINAL_TYPE (PsLessonPanel, ps_lesson_panel, GTK_TYPE_WIDGET)

enum {
  NEXT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/**
 * ps_lesson_panel_new:
 *
 * Returns: (transfer floating): an empty panel
 */
GtkWidget *
ps_lesson_panel_new (void)
{
  return g_object_new (PS_TYPE_LESSON_PANEL, NULL);
}

void
ps_lesson_panel_set_step (PsLessonPanel *self,
                          const char    *lesson_title,
                          guint          index,
                          guint          n_steps,
                          const char    *step_title,
                          const char    *text)
{
  g_autofree char *count = NULL;

  g_return_if_fail (PS_IS_LESSON_PANEL (self));
  g_return_if_fail (index < n_steps);

  gtk_label_set_text (self->lesson_label, lesson_title != NULL ? lesson_title : "");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->lesson_label), lesson_title);
  /* Translators: the lesson's step counter, e.g. "Step 2 of 7" */
  count = g_strdup_printf (_("Step %u of %u"), index + 1, n_steps);
  gtk_label_set_text (self->count_label, count);
  gtk_label_set_text (self->title_label, step_title != NULL ? step_title : "");
  gtk_widget_set_visible (GTK_WIDGET (self->title_label), step_title != NULL && *step_title != '\0');
  gtk_label_set_text (self->text_label, text != NULL ? text : "");
}

void
ps_lesson_panel_set_status (PsLessonPanel *self,
                            const char    *status)
{
  g_return_if_fail (PS_IS_LESSON_PANEL (self));

  gtk_label_set_text (self->wait_label, status != NULL ? status : "");
}

void
ps_lesson_panel_set_can_next (PsLessonPanel *self,
                              gboolean       can_next)
{
  g_return_if_fail (PS_IS_LESSON_PANEL (self));

  gtk_widget_set_sensitive (self->next_button, can_next);
}

gboolean
ps_lesson_panel_get_can_next (PsLessonPanel *self)
{
  g_return_val_if_fail (PS_IS_LESSON_PANEL (self), FALSE);

  return gtk_widget_get_sensitive (self->next_button) && gtk_widget_get_visible (self->next_button);
}

void
ps_lesson_panel_set_has_next (PsLessonPanel *self,
                              gboolean       has_next)
{
  g_return_if_fail (PS_IS_LESSON_PANEL (self));

  gtk_widget_set_visible (self->next_button, has_next);
}

static void
on_next_clicked (PsLessonPanel *self)
{
  /* a click that raced the button's disabling does nothing */
  if (!ps_lesson_panel_get_can_next (self))
    return;
  g_signal_emit (self, signals[NEXT], 0);
}

static void
ps_lesson_panel_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), PS_TYPE_LESSON_PANEL);

  G_OBJECT_CLASS (ps_lesson_panel_parent_class)->dispose (object);
}

static void
ps_lesson_panel_class_init (PsLessonPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ps_lesson_panel_dispose;

  /**
   * PsLessonPanel::next:
   *
   * Next was clicked while enabled.
   */
  signals[NEXT] =
    g_signal_new ("next", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, PS_RESOURCE_BASE "/ps-lesson-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, PsLessonPanel, box);
  gtk_widget_class_bind_template_child (widget_class, PsLessonPanel, lesson_label);
  gtk_widget_class_bind_template_child (widget_class, PsLessonPanel, count_label);
  gtk_widget_class_bind_template_child (widget_class, PsLessonPanel, title_label);
  gtk_widget_class_bind_template_child (widget_class, PsLessonPanel, text_label);
  gtk_widget_class_bind_template_child (widget_class, PsLessonPanel, wait_label);
  gtk_widget_class_bind_template_child (widget_class, PsLessonPanel, next_button);
  gtk_widget_class_bind_template_callback (widget_class, on_next_clicked);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
ps_lesson_panel_init (PsLessonPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Lesson step"),
                                  -1);
}
