/* main.c: perceptron-studio entry point
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "ps-application.h"
#include "ps-datadir.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(PsApplication) app = NULL;

  setlocale (LC_ALL, "");
  /* From the build tree, the build's catalogues (build/po), as installed. */
  bindtextdomain (GETTEXT_PACKAGE, ps_datadir_locale_dir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = ps_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
