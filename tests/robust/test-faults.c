/* test-faults.c: saving when the disk says no
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Saving a model and exporting a plot to a read-only folder, to a full disk
 * and to the full device must fail with a message and leave the previous file
 * byte for byte as it was (and no temporary file behind). Each case runs in a
 * subprocess that makes the fault real:
 * - read-only folder: a read-only bind mount in a private mount namespace
 *   (works for root, who ignores permissions), else chmod 0555 (and, for
 *   root, setuid to nobody);
 * - full disk: a 1 MiB tmpfs filled up, in a private mount namespace, else
 *   RLIMIT_FSIZE (writes past it fail with EFBIG, as on a full disk);
 * - the full device: a symbolic link to /dev/full; the write must reach the
 *   device (and fail with ENOSPC), never replace the link by a regular file.
 * Model files with non-finite weights are refused on load and on save.
 */
#include "config.h"

#include "ps-model-file.h"
#include "ps-network.h"
#include "ps-plot.h"
#include "robust-common.h"

#include <fcntl.h>
#include <math.h>
#include <sched.h>
#include <signal.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

typedef enum
{
  WRITER_MODEL,
  WRITER_PNG,
  WRITER_SVG,
} Writer;

static const char *const writer_ext[] = { "json", "png", "svg" };

/* A model big enough (784-32-10, ~25k weights, ~250 KB of JSON) that it
 * cannot fit in what is left of the full disk. */
static PsNetwork *
make_net (guint hidden)
{
  guint units[] = { 784, hidden, 10 };
  PsActivation acts[] = { PS_ACTIVATION_RELU, PS_ACTIVATION_RELU, PS_ACTIVATION_SOFTMAX };
  PsNetwork *net = ps_network_new (units, acts, 3);
  g_autoptr(GRand) rand = g_rand_new_with_seed (1);
  for (gsize k = 0; k < net->n_params; k++)
    net->params[k] = (float) g_rand_double_range (rand, -1, 1);
  return net;
}

static void
draw_something (cairo_t *cr,
                double   width,
                double   height,
                gpointer user_data)
{
  /* Noise, so the PNG does not compress to nothing. */
  g_autoptr(GRand) rand = g_rand_new_with_seed (GPOINTER_TO_UINT (user_data));
  for (int y = 0; y < height; y += 10)
    for (int x = 0; x < width; x += 10)
      {
        cairo_set_source_rgb (cr, g_rand_double (rand), g_rand_double (rand), g_rand_double (rand));
        cairo_rectangle (cr, x, y, 10, 10);
        cairo_fill (cr);
      }
}

/* Writes with @writer; returns the error (or NULL on success). */
static GError *
write_with (Writer      writer,
            const char *path,
            guint       seed)
{
  GError *error = NULL;
  if (writer == WRITER_MODEL)
    {
      PsNetwork *net = make_net (seed);
      ps_model_save (net, path, &error);
      ps_network_free (net);
    }
  else
    ps_plot_export (path, 400, 300, draw_something, GUINT_TO_POINTER (seed), &error);
  return error;
}

static void
assert_failed_cleanly (Writer      writer,
                       GError     *error,
                       const char *what)
{
  g_assert_nonnull (error);
  g_test_message ("%s: %s", what, error->message);
  if (writer == WRITER_MODEL)
    g_assert_error (error, PS_MODEL_ERROR, PS_MODEL_ERROR_IO);
  else
    g_assert_error (error, PS_PLOT_ERROR, PS_PLOT_ERROR_IO);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  g_assert_cmpuint (strlen (error->message), >, 10);
}

static char *
read_all (const char *path,
          gsize      *len)
{
  char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_file_get_contents (path, &contents, len, &error);
  g_assert_no_error (error);
  return contents;
}

static guint
count_entries (const char *dir_path)
{
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  guint n = 0;
  g_assert_nonnull (dir);
  while (g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

/* A private mount namespace in which mounts do not leak to the system. */
static gboolean
private_mounts (void)
{
  /* PS_ROBUST_NO_NAMESPACES=1 tries the fallbacks (chmod, RLIMIT_FSIZE). */
  if (g_getenv ("PS_ROBUST_NO_NAMESPACES") != NULL)
    return FALSE;
  if (unshare (CLONE_NEWNS) != 0)
    return FALSE;
  if (mount (NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0)
    return FALSE;
  return TRUE;
}

static char *
case_dir (const char *name)
{
  g_autofree char *dir = robust_path (name);
  robust_rm_rf (dir);
  g_assert_cmpint (g_mkdir (dir, 0755), ==, 0);
  return g_steal_pointer (&dir);
}

/* ---- read-only folder ------------------------------------------------------ */

static void
read_only_child (Writer writer)
{
  g_autofree char *name = g_strdup_printf ("ro-%s", writer_ext[writer]);
  g_autofree char *dir = case_dir (name);
  g_autofree char *file = g_strdup_printf ("%s/previous.%s", dir, writer_ext[writer]);
  GError *first = write_with (writer, file, 8);
  g_assert_no_error (first);
  gsize old_len;
  g_autofree char *old = read_all (file, &old_len);

  if (private_mounts ()
      && mount (dir, dir, NULL, MS_BIND, NULL) == 0
      && mount (NULL, dir, NULL, MS_REMOUNT | MS_BIND | MS_RDONLY, NULL) == 0)
    g_test_message ("read-only bind mount");
  else
    {
      /* Permissions; root ignores them, so it becomes nobody first. */
      g_assert_cmpint (g_chmod (dir, 0555), ==, 0);
      if (getuid () == 0)
        {
          g_assert_cmpint (setgid (65534), ==, 0);
          g_assert_cmpint (setuid (65534), ==, 0);
        }
      g_test_message ("chmod 0555 as uid %u", (guint) getuid ());
    }
  /* The fault is real. */
  g_autofree char *probe = g_build_filename (dir, "probe", NULL);
  g_assert_cmpint (g_open (probe, O_WRONLY | O_CREAT, 0644), ==, -1);

  GError *error = write_with (writer, file, 16);
  assert_failed_cleanly (writer, error, "read-only folder");
  g_error_free (error);

  gsize new_len;
  g_autofree char *now = read_all (file, &new_len);
  g_assert_cmpmem (now, new_len, old, old_len);
  g_assert_cmpuint (count_entries (dir), ==, 1);
}

/* ---- full disk --------------------------------------------------------------- */

static void
full_disk_child (Writer writer)
{
  g_autofree char *name = g_strdup_printf ("full-%s", writer_ext[writer]);
  g_autofree char *dir = case_dir (name);
  g_autofree char *file = g_strdup_printf ("%s/previous.%s", dir, writer_ext[writer]);
  gboolean tmpfs = private_mounts ()
                   && mount ("tmpfs", dir, "tmpfs", 0, "size=1m,mode=0755") == 0;
  GError *first = write_with (writer, file, 8);
  g_assert_no_error (first);
  gsize old_len;
  g_autofree char *old = read_all (file, &old_len);

  if (tmpfs)
    {
      /* Fill what is left. */
      g_autofree char *filler = g_build_filename (dir, "filler", NULL);
      int fd = g_open (filler, O_WRONLY | O_CREAT, 0644);
      char block[512] = { 0 };
      g_assert_cmpint (fd, >=, 0);
      while (write (fd, block, sizeof block) > 0)
        ;
      g_assert_cmpint (errno, ==, ENOSPC);
      close (fd);
      g_test_message ("full 1 MiB tmpfs");
    }
  else
    {
      struct rlimit rl = { 2048, 2048 };
      signal (SIGXFSZ, SIG_IGN);
      g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &rl), ==, 0);
      g_test_message ("RLIMIT_FSIZE 2 KiB");
    }

  GError *error = write_with (writer, file, 32);
  assert_failed_cleanly (writer, error, "full disk");
  g_error_free (error);

  gsize new_len;
  g_autofree char *now = read_all (file, &new_len);
  g_assert_cmpmem (now, new_len, old, old_len);
  /* No temporary file left to hold the space. */
  g_assert_cmpuint (count_entries (dir), ==, tmpfs ? 2 : 1);
}

/* ---- the full device ---------------------------------------------------------- */

static void
full_device_child (Writer writer)
{
  /* A link to /dev/full named like the file the user asked for: a writer that
   * renames a temporary file over the path replaces the link in our scratch
   * folder, not the system's device. */
  g_autofree char *name = g_strdup_printf ("dev-%s", writer_ext[writer]);
  g_autofree char *dir = case_dir (name);
  g_autofree char *path = g_strdup_printf ("%s/full.%s", dir, writer_ext[writer]);
  g_assert_cmpint (symlink ("/dev/full", path), ==, 0);

  GError *error = write_with (writer, path, 8);
  GStatBuf st;
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  /* Still the device: not replaced by a regular file that took the data. */
  g_assert_true (S_ISCHR (st.st_mode));
  g_assert_cmpuint (major (st.st_rdev), ==, 1);
  g_assert_cmpuint (minor (st.st_rdev), ==, 7);
  assert_failed_cleanly (writer, error, "the full device");
  g_error_free (error);
  g_assert_cmpuint (count_entries (dir), ==, 1);
}

/* ---- driver ---------------------------------------------------------------- */

typedef void (*ChildFunc) (Writer writer);

typedef struct
{
  ChildFunc child;
  Writer    writer;
} Case;

static void
run_case (gconstpointer data)
{
  const Case *c = data;
  if (g_test_subprocess ())
    {
      c->child (c->writer);
      return;
    }
  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

/* ---- non-finite weights ------------------------------------------------------- */

static void
test_nan_model_refused (void)
{
  const char *texts[] = {
    "1e999", "-1e999", "NaN", "Infinity", "null", "\"nan\"",
  };
  for (guint k = 0; k < G_N_ELEMENTS (texts); k++)
    {
      g_autofree char *json = g_strdup_printf (
        "{\"format\": \"perceptron-studio-model\", \"version\": 1, \"inputs\": 2, \"loss\": \"mse\","
        " \"layers\": [{\"type\": \"dense\", \"units\": 1, \"activation\": \"sigmoid\","
        " \"weights\": [[0.5], [%s]], \"bias\": [0.1]}]}", texts[k]);
      g_autofree char *path = robust_write ("nan-model.json", json, strlen (json));
      g_autoptr(GError) error = NULL;
      PsNetwork *net = ps_model_load (path, &error);
      g_assert_null (net);
      g_assert_nonnull (error);
      g_test_message ("%s: %s", texts[k], error->message);
      g_assert_true (error->domain == PS_MODEL_ERROR);
      g_assert_true (error->code == PS_MODEL_ERROR_INVALID || error->code == PS_MODEL_ERROR_SYNTAX);
      if (error->code == PS_MODEL_ERROR_INVALID)
        g_assert_nonnull (strstr (error->message, "weights"));
    }

  /* A network that went NaN is not saved over a good file. */
  g_autofree char *path = robust_path ("good-model.json");
  PsNetwork *net = make_net (4);
  g_autoptr(GError) error = NULL;
  g_assert_true (ps_model_save (net, path, &error));
  g_assert_no_error (error);
  gsize old_len;
  g_autofree char *old = read_all (path, &old_len);
  net->params[3] = NAN;
  g_assert_false (ps_model_save (net, path, &error));
  g_assert_nonnull (error);
  g_assert_true (error->domain == PS_MODEL_ERROR);
  gsize new_len;
  g_autofree char *now = read_all (path, &new_len);
  g_assert_cmpmem (now, new_len, old, old_len);
  ps_network_free (net);
}

int
main (int    argc,
      char **argv)
{
  static const Case cases[] = {
    { read_only_child, WRITER_MODEL }, { read_only_child, WRITER_PNG }, { read_only_child, WRITER_SVG },
    { full_disk_child, WRITER_MODEL }, { full_disk_child, WRITER_PNG }, { full_disk_child, WRITER_SVG },
    { full_device_child, WRITER_MODEL }, { full_device_child, WRITER_PNG },
    { full_device_child, WRITER_SVG },
  };
  static const char *const names[] = { "read-only-folder", "full-disk", "full-device" };

  g_test_init (&argc, &argv, NULL);
  robust_tmpdir ();

  for (guint k = 0; k < G_N_ELEMENTS (cases); k++)
    {
      guint kind = cases[k].child == read_only_child ? 0 : cases[k].child == full_disk_child ? 1 : 2;
      g_autofree char *path = g_strdup_printf ("/faults/%s/%s", names[kind],
                                               cases[k].writer == WRITER_MODEL ? "model"
                                               : writer_ext[cases[k].writer]);
      g_test_add_data_func (path, &cases[k], run_case);
    }
  g_test_add_func ("/faults/nan-model-refused", test_nan_model_refused);

  int ret = g_test_run ();
  robust_cleanup ();
  return ret;
}
