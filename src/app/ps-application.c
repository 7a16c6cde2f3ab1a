/* ps-application.c: the GtkApplication
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ps-application.h"

#include <glib/gi18n.h>

#include "ps-datadir.h"
#include "ps-preferences-dialog.h"
#include "ps-presets.h"
#include "ps-window.h"

struct _PsApplication
{
  GtkApplication  parent_instance;

  GSettings      *settings;
  char           *idx_folder;     /* --mnist DIR */
  char           *preset;         /* --preset ID */
};

G_DEFINE_FINAL_TYPE (PsApplication, ps_application, GTK_TYPE_APPLICATION)

static const GOptionEntry option_entries[] = {
  { "version", 'v', 0, G_OPTION_ARG_NONE, NULL,
    N_("Print the version and exit"), NULL },
  { "mnist", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Load MNIST-style IDX files from FOLDER at startup"), N_("FOLDER") },
  { "preset", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Set up a notebook experiment (see --list-presets)"), N_("ID") },
  { "list-presets", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("List the notebook experiments and exit"), NULL },
  { NULL }
};

/**
 * ps_application_new:
 *
 * Returns: (transfer full): the application
 */
PsApplication *
ps_application_new (void)
{
  return g_object_new (PS_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_NON_UNIQUE | G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", PS_RESOURCE_BASE,
                       NULL);
}

/**
 * ps_application_get_settings:
 *
 * Returns: (transfer none) (nullable): the settings, NULL when the schema is
 *   not installed (the app then runs with defaults and remembers nothing)
 */
GSettings *
ps_application_get_settings (PsApplication *self)
{
  g_return_val_if_fail (PS_IS_APPLICATION (self), NULL);

  return self->settings;
}

static int
ps_application_handle_local_options (GApplication *application,
                                     GVariantDict *options)
{
  PsApplication *self = PS_APPLICATION (application);
  const char *str = NULL;
  const char *folder = NULL;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("perceptron-studio %s\n", PACKAGE_VERSION);
      return 0;
    }
  if (g_variant_dict_contains (options, "list-presets"))
    {
      for (const PsPreset *p = ps_presets_get_all (); p->id != NULL; p++)
        g_print ("%-22s %s\n", p->id, _(p->title));
      return 0;
    }
  if (g_variant_dict_lookup (options, "preset", "&s", &str))
    {
      if (ps_presets_lookup (str) == NULL)
        {
          g_printerr (_("Unknown preset “%s”; --list-presets shows them\n"), str);
          return 1;
        }
      g_free (self->preset);
      self->preset = g_strdup (str);
    }
  if (g_variant_dict_lookup (options, "mnist", "^&ay", &folder))
    {
      g_free (self->idx_folder);
      self->idx_folder = g_strdup (folder);
    }

  return -1;
}

static void
apply_startup_options (PsApplication *self,
                       PsWindow      *window)
{
  if (self->preset != NULL)
    ps_window_apply_preset (window, self->preset);
  if (self->idx_folder != NULL)
    ps_window_load_idx_folder (window, self->idx_folder);
}

static void
ps_application_activate (GApplication *application)
{
  PsApplication *self = PS_APPLICATION (application);
  PsWindow *window;

  window = ps_window_new (self);
  apply_startup_options (self, window);
  gtk_window_present (GTK_WINDOW (window));
}

static void
ps_application_open (GApplication  *application,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  PsApplication *self = PS_APPLICATION (application);
  PsWindow *window;

  window = ps_window_new (self);
  apply_startup_options (self, window);
  for (int i = 0; i < n_files; i++)
    {
      g_autofree char *path = g_file_get_path (files[i]);

      if (path != NULL)
        ps_window_open_path (window, path);
      else
        {
          g_autofree char *uri = g_file_get_uri (files[i]);
          g_autofree char *msg = g_strdup_printf (_("Cannot open “%s”: only local files are supported."), uri);

          ps_window_show_error (window, msg);
        }
    }
  gtk_window_present (GTK_WINDOW (window));
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  GtkWindow *parent = gtk_application_get_active_window (app);
  static const char *authors[] = { "The Perceptron Studio authors", NULL };

  gtk_show_about_dialog (parent,
                         "program-name", _("Perceptron Studio"),
                         "logo-icon-name", APP_ID,
                         "version", PACKAGE_VERSION,
                         "comments", _("Build, train and watch perceptrons and multilayer perceptrons"),
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "authors", authors,
                         "translator-credits", _("translator-credits"),
                         "copyright", "© 2026 The Perceptron Studio authors",
                         "website", "https://github.com/perceptronstudio",
                         NULL);
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  PsApplication *self = PS_APPLICATION (user_data);
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));

  gtk_window_present (GTK_WINDOW (ps_preferences_dialog_new (parent, self->settings)));
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  GApplication *app = G_APPLICATION (user_data);

  GList *copy = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (app)));

  /* Closing each window cancels and joins its training thread. */
  for (GList *l = copy; l != NULL; l = l->next)
    gtk_window_destroy (GTK_WINDOW (l->data));
  g_list_free (copy);
}

static const GActionEntry app_actions[] = {
  { "about", about_action },
  { "preferences", preferences_action },
  { "quit", quit_action },
};

static void
ps_application_startup (GApplication *application)
{
  PsApplication *self = PS_APPLICATION (application);
  GSettingsSchemaSource *source;
  g_autoptr(GSettingsSchemaSource) build_source = NULL;
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GtkCssProvider) css = NULL;
  static const struct {
    const char *action;
    const char *accels[3];
  } accels[] = {
    { "app.quit", { "<Primary>q", NULL } },
    { "win.open", { "<Primary>o", NULL } },
    { "win.save-model", { "<Primary>s", NULL } },
    { "win.load-model", { "<Primary><Shift>o", NULL } },
    { "win.save-experiment", { "<Primary><Shift>s", NULL } },
    { "win.export", { "<Primary>e", NULL } },
    { "win.export-history", { "<Primary><Shift>e", NULL } },
    { "win.reset", { "<Primary>r", NULL } },
    { "win.step", { "<Primary>period", NULL } },
    { "win.evaluate", { "<Primary>Return", NULL } },
    { "win.draw-digit", { "<Primary>d", NULL } },
    { "win.close", { "<Primary>w", NULL } },
    { "win.show-help-overlay", { "F1", "<Primary>question", NULL } },
    { "app.preferences", { "<Primary>comma", NULL } },
  };

  G_APPLICATION_CLASS (ps_application_parent_class)->startup (application);

  g_set_application_name (_("Perceptron Studio"));
  gtk_window_set_default_icon_name (APP_ID);

  /* Straight from the build tree, the build's compiled schema comes first (an
   * installed one may be older). Without any schema, run without remembering
   * anything rather than abort, and say so once. */
  source = g_settings_schema_source_get_default ();
  if (ps_datadir_build_schema_dir () != NULL)
    build_source = g_settings_schema_source_new_from_directory (ps_datadir_build_schema_dir (),
                                                                source, FALSE, NULL);
  if (build_source != NULL)
    schema = g_settings_schema_source_lookup (build_source, APP_ID, TRUE);
  else if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema != NULL)
    self->settings = g_settings_new_full (schema, NULL, NULL);
  else
    g_printerr ("perceptron-studio: the settings schema %s was not found; settings will not be "
                "remembered (install the program, or set GSETTINGS_SCHEMA_DIR)\n", APP_ID);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self),
                                           accels[i].action, accels[i].accels);

  css = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (css, PS_RESOURCE_BASE "/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

/* Every window's session follows the preferences (the timeline's memory). */
static void
ps_application_window_added (GtkApplication *application,
                             GtkWindow      *window)
{
  PsApplication *self = PS_APPLICATION (application);

  GTK_APPLICATION_CLASS (ps_application_parent_class)->window_added (application, window);
  if (PS_IS_WINDOW (window) && self->settings != NULL)
    ps_preferences_bind_session (self->settings, ps_window_get_session (PS_WINDOW (window)));
}

static void
ps_application_finalize (GObject *object)
{
  PsApplication *self = PS_APPLICATION (object);

  g_clear_object (&self->settings);
  g_clear_pointer (&self->idx_folder, g_free);
  g_clear_pointer (&self->preset, g_free);

  G_OBJECT_CLASS (ps_application_parent_class)->finalize (object);
}

static void
ps_application_class_init (PsApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);
  GtkApplicationClass *gtk_app_class = GTK_APPLICATION_CLASS (klass);

  object_class->finalize = ps_application_finalize;
  app_class->handle_local_options = ps_application_handle_local_options;
  app_class->startup = ps_application_startup;
  app_class->activate = ps_application_activate;
  app_class->open = ps_application_open;
  gtk_app_class->window_added = ps_application_window_added;
}

static void
ps_application_init (PsApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_application_set_option_context_parameter_string (G_APPLICATION (self),
                                                     _("[FILE…]"));
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Open a CSV dataset, a folder of IDX files, a model or an experiment."));
}
