/* replay.c: runs fuzz inputs through a target without libFuzzer
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: fuzz-replay-TARGET PATH...   (files, or folders walked recursively)
 * Prints TAP, one line per input. A crash or a broken invariant aborts the
 * process, which fails the test; the last "# replaying" line names the input.
 * Folders that do not exist are skipped (another team member's corpus may not
 * be there yet), but at least one input must have been replayed.
 */
#include "config.h"

#include "fuzz-common.h"

#include <string.h>

/* g_ptr_array_sort passes pointers to the elements. */
static gint
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

static void
collect (const char *path,
         GPtrArray  *out)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
      const char *name;
      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        if (name[0] != '.' && strcmp (name, "README.md") != 0 && strcmp (name, "meson.build") != 0)
          g_ptr_array_add (names, g_strdup (name));
      g_ptr_array_sort (names, compare_names);
      for (guint i = 0; i < names->len; i++)
        {
          g_autofree char *child = g_build_filename (path, names->pdata[i], NULL);
          collect (child, out);
        }
    }
  else if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
    g_ptr_array_add (out, g_strdup (path));
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  for (int i = 1; i < argc; i++)
    {
      if (!g_file_test (argv[i], G_FILE_TEST_EXISTS))
        printf ("# %s: not there, skipped\n", argv[i]);
      collect (argv[i], files);
    }

  if (files->len == 0)
    {
      printf ("1..1\nnot ok 1 - no input found to replay\n");
      return 1;
    }
  printf ("1..%u\n", files->len);
  for (guint i = 0; i < files->len; i++)
    {
      const char *path = files->pdata[i];
      g_autofree char *contents = NULL;
      gsize len = 0;
      g_autoptr(GError) error = NULL;
      if (!g_file_get_contents (path, &contents, &len, &error))
        {
          printf ("not ok %u - %s: %s\n", i + 1, path, error->message);
          continue;
        }
      printf ("# replaying %s\n", path);
      fflush (stdout);
      /* A copy of exactly len bytes, so that ASan sees reads past the end;
       * never NULL, as with libFuzzer. */
      g_autofree guint8 *copy = g_malloc (MAX (len, 1));
      memcpy (copy, contents, len);
      LLVMFuzzerTestOneInput (copy, len);
      printf ("ok %u - %s\n", i + 1, path);
      fflush (stdout);
    }
  return 0;
}
