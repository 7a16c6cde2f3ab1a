/* ps-datadir.c: where the shipped data, schema and catalogue are, installed or
 * straight from the build tree
 *
 * The README's first command runs ./build/src/app/perceptron-studio, and the
 * tests run the build tree's programs: they must find the same things an
 * installed copy finds (the MNIST subset, the translations, the settings
 * schema). Whether we run uninstalled is decided by where the executable is:
 * inside PS_BUILD_ROOT, the build directory meson configured.
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ps-datadir.h"

#include <stdlib.h>
#include <string.h>

static char *
real_path (const char *path)
{
  char *resolved = realpath (path, NULL);
  char *copy;

  if (resolved == NULL)
    return NULL;
  copy = g_strdup (resolved);
  free (resolved);
  return copy;
}

static gboolean
path_is_under (const char *path,
               const char *dir)
{
  gsize n = strlen (dir);

  return strncmp (path, dir, n) == 0 && (path[n] == '/' || path[n] == '\0');
}

gboolean
ps_datadir_is_uninstalled (void)
{
  static gsize once = 0;
  static gboolean uninstalled = FALSE;

  if (g_once_init_enter (&once))
    {
      g_autofree char *exe = real_path ("/proc/self/exe");
      g_autofree char *root = real_path (PS_BUILD_ROOT);

      uninstalled = exe != NULL && root != NULL && path_is_under (exe, root);
      g_once_init_leave (&once, 1);
    }
  return uninstalled;
}

const char *
ps_data_find_dataset_dir (const char *name)
{
  const char *roots[2];

  g_return_val_if_fail (name != NULL, NULL);

  if (*name == '\0' || strchr (name, '/') != NULL || g_str_equal (name, ".")
      || g_str_equal (name, ".."))
    return NULL;

  if (ps_datadir_is_uninstalled ())
    {
      roots[0] = PS_SOURCE_DATADIR;
      roots[1] = PS_PKGDATADIR;
    }
  else
    {
      roots[0] = PS_PKGDATADIR;
      roots[1] = PS_SOURCE_DATADIR;
    }
  for (guint i = 0; i < G_N_ELEMENTS (roots); i++)
    {
      g_autofree char *dir = g_build_filename (roots[i], "datasets", name, NULL);

      if (g_file_test (dir, G_FILE_TEST_IS_DIR))
        return g_intern_string (dir);
    }
  return NULL;
}

const char *
ps_datadir_locale_dir (void)
{
  return ps_datadir_is_uninstalled () ? PS_BUILD_LOCALEDIR : LOCALEDIR;
}

const char *
ps_datadir_build_schema_dir (void)
{
  return ps_datadir_is_uninstalled () ? PS_BUILD_SCHEMADIR : NULL;
}
