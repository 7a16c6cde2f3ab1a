/* ps-export-dialog.c
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ps-export-dialog.h"

#include <glib/gi18n.h>

#include "ps-a11y.h"
#include "ps-views.h"

#define MAX_SIDE 8192

struct _PsExportDialog
{
  GtkWindow       parent_instance;

  GtkEntry       *path_entry;
  GtkButton      *choose_button;
  GtkSpinButton  *width_spin;
  GtkSpinButton  *height_spin;
  GtkLabel       *message_label;
  GtkButton      *export_button;

  GtkWidget      *view;
  GtkNativeDialog *chooser;
};

G_DEFINE_FINAL_TYPE (PsExportDialog, ps_export_dialog, GTK_TYPE_WINDOW)

enum {
  EXPORTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

gboolean
ps_export_view_get_renderer (GtkWidget       *view,
                             PsPlotDrawFunc  *draw,
                             const char     **basename)
{
  const PsViewInfo *r;

  g_return_val_if_fail (GTK_IS_WIDGET (view), FALSE);

  r = ps_views_lookup_widget (view);
  if (r == NULL)
    return FALSE;

  if (draw != NULL)
    *draw = r->render;
  if (basename != NULL)
    *basename = r->basename;

  return TRUE;
}

gboolean
ps_export_view (GtkWidget   *view,
                const char  *path,
                int          width,
                int          height,
                GError     **error)
{
  const PsViewInfo *r;
  g_autofree char *display = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (GTK_IS_WIDGET (view), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  display = g_filename_display_name (path);
  r = ps_views_lookup_widget (view);
  if (r == NULL || !r->has_data (view))
    {
      g_set_error (error, PS_PLOT_ERROR, PS_PLOT_ERROR_NO_DATA,
                   _("This view has nothing to export yet."));
      return FALSE;
    }

  if (width < 1 || height < 1 || width > MAX_SIDE || height > MAX_SIDE)
    {
      g_set_error (error, PS_PLOT_ERROR, PS_PLOT_ERROR_IO,
                   _("The size must be between 1 and %d pixels on each side."), MAX_SIDE);
      return FALSE;
    }

  if (ps_plot_export (path, width, height, r->render, view, &local_error))
    return TRUE;

  /* Say it in plain words; the plot module's message has the details. */
  if (g_error_matches (local_error, PS_PLOT_ERROR, PS_PLOT_ERROR_FORMAT))
    g_set_error (error, PS_PLOT_ERROR, PS_PLOT_ERROR_FORMAT,
                 _("Cannot save “%s”: the name must end in .png, .svg or .pdf."), display);
  else
    g_set_error (error, local_error->domain, local_error->code,
                 _("Could not save “%s”: %s"), display, local_error->message);

  return FALSE;
}

/* The plot part of a view: its drawing area. */
static GtkWidget *
find_drawing_area (GtkWidget *widget)
{
  if (GTK_IS_DRAWING_AREA (widget) && gtk_widget_get_mapped (widget))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_drawing_area (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
show_message (PsExportDialog *self,
              const char     *message)
{
  gtk_label_set_text (self->message_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL && *message);
}

void
ps_export_dialog_set_path (PsExportDialog *self,
                           const char     *path)
{
  g_return_if_fail (PS_IS_EXPORT_DIALOG (self));

  gtk_editable_set_text (GTK_EDITABLE (self->path_entry), path != NULL ? path : "");
}

const char *
ps_export_dialog_get_path (PsExportDialog *self)
{
  g_return_val_if_fail (PS_IS_EXPORT_DIALOG (self), NULL);

  return gtk_editable_get_text (GTK_EDITABLE (self->path_entry));
}

void
ps_export_dialog_set_size (PsExportDialog *self,
                           int             width,
                           int             height)
{
  g_return_if_fail (PS_IS_EXPORT_DIALOG (self));

  gtk_spin_button_set_value (self->width_spin, width);
  gtk_spin_button_set_value (self->height_spin, height);
}

const char *
ps_export_dialog_get_message (PsExportDialog *self)
{
  g_return_val_if_fail (PS_IS_EXPORT_DIALOG (self), NULL);

  return gtk_label_get_text (self->message_label);
}

gboolean
ps_export_dialog_export (PsExportDialog  *self,
                         GError         **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *path = NULL;
  int width, height;

  g_return_val_if_fail (PS_IS_EXPORT_DIALOG (self), FALSE);

  /* Commit what was typed into the spin buttons. */
  gtk_spin_button_update (self->width_spin);
  gtk_spin_button_update (self->height_spin);
  width = gtk_spin_button_get_value_as_int (self->width_spin);
  height = gtk_spin_button_get_value_as_int (self->height_spin);
  path = g_strstrip (g_strdup (ps_export_dialog_get_path (self)));

  if (*path == '\0')
    g_set_error (&local_error, PS_PLOT_ERROR, PS_PLOT_ERROR_IO,
                 _("Choose a file name first."));
  else
    ps_export_view (self->view, path, width, height, &local_error);

  if (local_error != NULL)
    {
      show_message (self, local_error->message);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  show_message (self, NULL);
  g_signal_emit (self, signals[EXPORTED], 0, path);
  gtk_window_destroy (GTK_WINDOW (self));

  return TRUE;
}

static void
on_export_clicked (PsExportDialog *self)
{
  ps_export_dialog_export (self, NULL);
}

static void
on_cancel_clicked (PsExportDialog *self)
{
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
on_chooser_response (GtkNativeDialog *chooser,
                     int              response,
                     PsExportDialog  *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

      if (path != NULL)
        {
          ps_export_dialog_set_path (self, path);
          show_message (self, NULL);
        }
      else
        show_message (self, _("That location cannot be written to; pick a local folder."));
    }

  g_clear_object (&self->chooser);
}

static void
on_choose_clicked (PsExportDialog *self)
{
  const char *env = g_getenv (PS_EXPORT_PATH_ENV);
  g_autofree char *current = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GFile) folder = NULL;
  GtkFileChooserNative *chooser;

  if (env != NULL && *env != '\0')
    {
      ps_export_dialog_set_path (self, env);
      return;
    }

  if (self->chooser != NULL)
    return;

  current = g_strdup (ps_export_dialog_get_path (self));
  chooser = gtk_file_chooser_native_new (_("Export View"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);

  if (*current != '\0')
    {
      dir = g_path_get_dirname (current);
      name = g_path_get_basename (current);
      folder = g_file_new_for_path (dir);
      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
    }

  self->chooser = GTK_NATIVE_DIALOG (chooser);
  g_signal_connect (chooser, "response", G_CALLBACK (on_chooser_response), self);
  gtk_native_dialog_show (self->chooser);
  ps_a11y_fix_native_dialog (self->chooser);
}

static void
on_path_changed (PsExportDialog *self)
{
  show_message (self, NULL);
}

PsExportDialog *
ps_export_dialog_new (GtkWindow *parent,
                      GtkWidget *view)
{
  PsExportDialog *self;
  const PsViewInfo *r;
  const char *basename = "plot";
  const char *env;
  GtkWidget *area;
  int width = 800, height = 600;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (GTK_IS_WIDGET (view), NULL);

  self = g_object_new (PS_TYPE_EXPORT_DIALOG,
                       "transient-for", parent,
                       "modal", parent != NULL,
                       NULL);
  self->view = g_object_ref (view);
  ps_export_view_get_renderer (view, NULL, &basename);

  area = find_drawing_area (view);
  if (area != NULL && gtk_widget_get_width (area) > 0 && gtk_widget_get_height (area) > 0)
    {
      width = gtk_widget_get_width (area);
      height = gtk_widget_get_height (area);
    }
  ps_export_dialog_set_size (self, width, height);

  env = g_getenv (PS_EXPORT_PATH_ENV);
  if (env != NULL && *env != '\0')
    ps_export_dialog_set_path (self, env);
  else
    {
      const char *pictures = g_get_user_special_dir (G_USER_DIRECTORY_PICTURES);
      g_autofree char *file = g_strconcat (basename, ".png", NULL);
      g_autofree char *path = g_build_filename (pictures != NULL ? pictures : g_get_home_dir (),
                                                file, NULL);

      ps_export_dialog_set_path (self, path);
    }

  r = ps_views_lookup_widget (view);
  if (r == NULL || !r->has_data (view))
    {
      show_message (self, _("This view has nothing to export yet."));
      gtk_widget_set_sensitive (GTK_WIDGET (self->export_button), FALSE);
    }

  return self;
}

static void
ps_export_dialog_dispose (GObject *object)
{
  PsExportDialog *self = PS_EXPORT_DIALOG (object);

  if (self->chooser != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->chooser, self);
      gtk_native_dialog_destroy (self->chooser);
      g_clear_object (&self->chooser);
    }
  g_clear_object (&self->view);
  gtk_widget_dispose_template (GTK_WIDGET (self), PS_TYPE_EXPORT_DIALOG);

  G_OBJECT_CLASS (ps_export_dialog_parent_class)->dispose (object);
}

static void
ps_export_dialog_class_init (PsExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ps_export_dialog_dispose;

  /**
   * PsExportDialog::exported:
   * @path: the file that was written
   */
  signals[EXPORTED] = g_signal_new ("exported", G_TYPE_FROM_CLASS (klass),
                                    G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                    G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               PS_RESOURCE_BASE "/ps-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PsExportDialog, path_entry);
  gtk_widget_class_bind_template_child (widget_class, PsExportDialog, choose_button);
  gtk_widget_class_bind_template_child (widget_class, PsExportDialog, width_spin);
  gtk_widget_class_bind_template_child (widget_class, PsExportDialog, height_spin);
  gtk_widget_class_bind_template_child (widget_class, PsExportDialog, message_label);
  gtk_widget_class_bind_template_child (widget_class, PsExportDialog, export_button);
  gtk_widget_class_bind_template_callback (widget_class, on_export_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_choose_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_path_changed);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
ps_export_dialog_init (PsExportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->export_button));
  ps_a11y_fix_names (GTK_WIDGET (self));
}
