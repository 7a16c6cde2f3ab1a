/* ps-a11y.c: accessible names that GTK 4.8 gets wrong, put right
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GTK 4.8 gives a button made with a mnemonic both its raw label and the
 * label it is labelled by ("_Export Export"), and the toggle inside a
 * GtkDropDown or GtkMenuButton no name but its type ("GtkToggleButton").
 * A screen reader reads those out. An explicit label without the
 * underscore, and no labelled-by relation, gives the name a user sees.
 */
#include "config.h"

#include "ps-a11y.h"

#include <glib/gi18n.h>
#include <string.h>

char *
ps_a11y_strip_mnemonic (const char *label)
{
  GString *s;

  if (label == NULL)
    return NULL;
  s = g_string_sized_new (strlen (label));
  for (const char *p = label; *p != '\0'; p++)
    {
      if (*p == '_')
        {
          if (p[1] == '_')
            {
              g_string_append_c (s, '_');
              p++;
            }
          continue;
        }
      g_string_append_c (s, *p);
    }
  return g_string_free (s, FALSE);
}

static void
set_label (GtkWidget  *widget,
           const char *mnemonic_label)
{
  g_autofree char *plain = ps_a11y_strip_mnemonic (mnemonic_label);

  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, plain, -1);
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
}

/* The first label or icon name below widget. */
static const char *
find_label_text (GtkWidget *widget)
{
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      const char *text = GTK_IS_LABEL (c) ? gtk_label_get_text (GTK_LABEL (c)) : find_label_text (c);

      if (text != NULL && *text != '\0')
        return text;
    }
  return NULL;
}

static const char *
find_icon_name (GtkWidget *widget)
{
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      const char *icon = NULL;

      if (GTK_IS_IMAGE (c) && gtk_image_get_storage_type (GTK_IMAGE (c)) == GTK_IMAGE_ICON_NAME)
        icon = gtk_image_get_icon_name (GTK_IMAGE (c));
      else
        icon = find_icon_name (c);
      if (icon != NULL)
        return icon;
    }
  return NULL;
}

/* Icon-only buttons inside GTK's own dialogs (file chooser, shortcuts
 * window) that GTK 4.8 leaves without a name. */
static const char *
icon_meaning (const char *icon)
{
  static const struct { const char *icon; const char *name; } known[] = {
    { "edit-find-symbolic", N_("Search") },
    { "window-close-symbolic", N_("Close") },
    { "pan-start-symbolic", N_("Back") },
    { "pan-end-symbolic", N_("Forward") },
    { "pan-down-symbolic", N_("More") },
    { "folder-new-symbolic", N_("Create Folder") },
  };

  for (guint i = 0; icon != NULL && i < G_N_ELEMENTS (known); i++)
    if (g_str_equal (icon, known[i].icon))
      return _(known[i].name);
  return NULL;
}

/* A name for a button of GTK's own that has none: its tooltip, the label
 * inside it, or what its icon means. */
static void
name_unnamed (GtkWidget *widget)
{
  const char *name = gtk_widget_get_tooltip_text (widget);

  if (name == NULL)
    name = find_label_text (widget);
  if (name == NULL)
    name = icon_meaning (find_icon_name (widget));
  if (name != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
}

static void
fix_widget (GtkWidget *widget,
            gboolean   foreign)
{
  if (GTK_IS_BUTTON (widget))
    {
      const char *label = gtk_button_get_label (GTK_BUTTON (widget));

      if (label != NULL && gtk_button_get_use_underline (GTK_BUTTON (widget)) && strchr (label, '_') != NULL)
        set_label (widget, label);
      else if (label == NULL && foreign && !GTK_IS_MENU_BUTTON (gtk_widget_get_parent (widget)) &&
               !GTK_IS_DROP_DOWN (gtk_widget_get_parent (widget)))
        name_unnamed (widget);
    }
  else if (GTK_IS_CHECK_BUTTON (widget))
    {
      const char *label = gtk_check_button_get_label (GTK_CHECK_BUTTON (widget));

      if (label != NULL && gtk_check_button_get_use_underline (GTK_CHECK_BUTTON (widget)) && strchr (label, '_') != NULL)
        set_label (widget, label);
    }
  else if (foreign && (GTK_IS_MENU_BUTTON (widget) || GTK_IS_DROP_DOWN (widget)))
    name_unnamed (widget);

  /* the toggle inside is named by the dropdown or menu button */
  if (GTK_IS_DROP_DOWN (widget) || GTK_IS_MENU_BUTTON (widget))
    for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
      if (GTK_IS_TOGGLE_BUTTON (c))
        gtk_accessible_update_relation (GTK_ACCESSIBLE (c), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                        widget, NULL, -1);
}

static void
fix_tree (GtkWidget *root,
          gboolean   foreign)
{
  fix_widget (root, foreign);
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    fix_tree (c, foreign);
}

/**
 * ps_a11y_fix_names:
 * @root: a window or any widget of ours
 */
void
ps_a11y_fix_names (GtkWidget *root)
{
  g_return_if_fail (GTK_IS_WIDGET (root));

  fix_tree (root, FALSE);
}

/**
 * ps_a11y_fix_foreign_names:
 * @root: a window built by GTK (file chooser, shortcuts window)
 *
 * As ps_a11y_fix_names(), and buttons without a name get one from their
 * tooltip, the label inside them or their icon.
 */
void
ps_a11y_fix_foreign_names (GtkWidget *root)
{
  g_return_if_fail (GTK_IS_WIDGET (root));

  fix_tree (root, TRUE);
}

/* The file chooser fills itself in later (the path bar's folder buttons
 * come when the folder has been read): name what is new while it shows. */
static gboolean
refix_chooser (gpointer data)
{
  GWeakRef *ref = data;
  g_autoptr(GtkWidget) dialog = g_weak_ref_get (ref);

  if (dialog == NULL || !gtk_widget_get_visible (dialog))
    return G_SOURCE_REMOVE;
  ps_a11y_fix_foreign_names (dialog);
  return G_SOURCE_CONTINUE;
}

static void
free_weak_ref (gpointer data)
{
  g_weak_ref_clear (data);
  g_free (data);
}

/**
 * ps_a11y_fix_native_dialog:
 * @native: a shown GtkFileChooserNative
 */
void
ps_a11y_fix_native_dialog (GtkNativeDialog *native)
{
  GtkWindow *parent;
  const char *title;
  GListModel *toplevels;

  g_return_if_fail (GTK_IS_NATIVE_DIALOG (native));

  parent = gtk_native_dialog_get_transient_for (native);
  title = gtk_native_dialog_get_title (native);
  toplevels = gtk_window_get_toplevels ();
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);
      GWeakRef *ref;

      /* without a portal the native dialog is a GtkFileChooserDialog */
      if (!GTK_IS_FILE_CHOOSER_DIALOG (w) || gtk_window_get_transient_for (w) != parent ||
          g_strcmp0 (gtk_window_get_title (w), title) != 0 ||
          g_object_get_data (G_OBJECT (w), "ps-a11y-fixed") != NULL)
        continue;
      ps_a11y_fix_foreign_names (GTK_WIDGET (w));
      ref = g_new0 (GWeakRef, 1);
      g_weak_ref_init (ref, w);
      g_object_set_data (G_OBJECT (w), "ps-a11y-fixed", GINT_TO_POINTER (1));
      g_timeout_add_full (G_PRIORITY_LOW, 250, refix_chooser, ref, free_weak_ref);
    }
}
