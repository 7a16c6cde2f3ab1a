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

#include "ps-experiment.h"
#include "ps-history.h"
#include "ps-file.h"
#include "ps-model-file.h"
#include "ps-network.h"
#include "ps-plot.h"
#include "robust-common.h"

#include <json-glib/json-glib.h>
#include <sys/wait.h>

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

/* ---- every writer: symlinks, write-protected files, modes, pipes ----------- */

/* What the product writes: a model, a plot, an experiment, a history CSV. */
typedef enum
{
  OUT_MODEL,
  OUT_PNG,
  OUT_EXPERIMENT,
  OUT_HISTORY,
  N_OUT,
} Output;

static const char *const out_name[] = { "model.json", "plot.png", "exp.json", "history.csv" };

static GError *
write_output (Output      out,
              const char *path,
              guint       seed)
{
  GError *error = NULL;

  switch (out)
    {
    case OUT_MODEL:
      return write_with (WRITER_MODEL, path, seed);
    case OUT_PNG:
      return write_with (WRITER_PNG, path, seed);
    case OUT_EXPERIMENT:
      {
        g_autoptr(JsonNode) dataset = json_from_string ("{\"kind\": \"xor\"}", NULL);
        g_autoptr(JsonNode) training = json_from_string ("{\"epochs\": 10}", NULL);
        g_autofree char *spec = g_strdup_printf ("2,%u:sigmoid,1:sigmoid", seed);

        ps_experiment_save (path, dataset, spec, training, NULL, &error);
        return error;
      }
    case OUT_HISTORY:
      {
        PsEpochMetrics m[3];

        memset (m, 0, sizeof m);
        for (guint i = 0; i < 3; i++)
          {
            m[i].epoch = i + 1;
            m[i].loss = seed + 1.0 / (i + 1);
          }
        ps_history_write_csv (path, m, 3, &error);
        return error;
      }
    default:
      g_assert_not_reached ();
    }
}

static guint
count_temps (const char *dir_path)
{
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *name;
  guint n = 0;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (strstr (name, ".ps-tmp-") != NULL)
      n++;
  return n;
}

/* --save link.json replaced the link with a regular file and left the
 * link's target with the old model: now the target is written (atomically)
 * and the link stays a link; through a chain of relative links and to a
 * dangling link's target too. */
static void
test_write_symlink (void)
{
  for (Output out = 0; out < N_OUT; out++)
    {
      g_autofree char *dir = case_dir ("symlink");
      g_autofree char *sub = g_build_filename (dir, "real", NULL);
      g_autofree char *target = g_build_filename (sub, out_name[out], NULL);
      /* (the same extension everywhere: the plot's format comes from it) */
      g_autofree char *name1 = g_strconcat ("link1-", out_name[out], NULL);
      g_autofree char *link1 = g_build_filename (dir, name1, NULL);
      g_autofree char *link2 = g_strconcat (dir, "/link2-", out_name[out], NULL);
      g_autofree char *dangling = g_strconcat (dir, "/dangling-", out_name[out], NULL);
      g_autofree char *new_name = g_strconcat ("new-", out_name[out], NULL);
      g_autofree char *new_rel = g_build_filename ("real", new_name, NULL);
      g_autofree char *new_target = g_build_filename (sub, new_name, NULL);
      g_autofree char *old = NULL, *now = NULL, *direct = NULL, *link_text = NULL;
      gsize old_len, now_len, direct_len;
      GError *error;
      GStatBuf st;

      g_assert_cmpint (g_mkdir (sub, 0755), ==, 0);
      g_assert_no_error (write_output (out, target, 3));
      old = read_all (target, &old_len);
      /* link2 → link1 → real/NAME, both relative */
      g_autofree char *rel = g_build_filename ("real", out_name[out], NULL);
      g_assert_cmpint (symlink (rel, link1), ==, 0);
      g_assert_cmpint (symlink (name1, link2), ==, 0);

      error = write_output (out, link2, 5);
      g_assert_no_error (error);
      g_assert_cmpint (g_lstat (link2, &st), ==, 0);
      g_assert_true (S_ISLNK (st.st_mode));
      g_assert_cmpint (g_lstat (link1, &st), ==, 0);
      g_assert_true (S_ISLNK (st.st_mode));
      link_text = g_file_read_link (link1, NULL);
      g_assert_cmpstr (link_text, ==, rel);
      now = read_all (target, &now_len);
      /* the target holds what a direct write would have written */
      g_assert_no_error (write_output (out, new_target, 5));
      direct = read_all (new_target, &direct_len);
      g_assert_cmpmem (now, now_len, direct, direct_len);
      g_assert_false (now_len == old_len && memcmp (now, old, old_len) == 0);
      g_assert_cmpuint (count_temps (dir), ==, 0);
      g_assert_cmpuint (count_temps (sub), ==, 0);

      /* a dangling link: its target is created, the link kept */
      g_unlink (new_target);
      g_assert_cmpint (symlink (new_rel, dangling), ==, 0);
      g_assert_no_error (write_output (out, dangling, 5));
      g_assert_cmpint (g_lstat (dangling, &st), ==, 0);
      g_assert_true (S_ISLNK (st.st_mode));
      g_assert_cmpint (g_lstat (new_target, &st), ==, 0);
      g_assert_true (S_ISREG (st.st_mode));
    }

  /* a loop of links is refused, not followed forever */
  {
    g_autofree char *dir = case_dir ("symlink-loop");
    g_autofree char *a = g_build_filename (dir, "a", NULL);
    g_autofree char *b = g_build_filename (dir, "b", NULL);
    GError *error;

    g_assert_cmpint (symlink ("b", a), ==, 0);
    g_assert_cmpint (symlink ("a", b), ==, 0);
    error = write_output (OUT_MODEL, a, 3);
    assert_failed_cleanly (WRITER_MODEL, error, "a loop of links");
    g_error_free (error);
  }
}

/* A model or history file of mode 0444 was silently replaced and got mode
 * 0644. Now: refused with a message, the file as it was (even as root, who
 * could write it). A replaced file keeps its mode. */
static void
test_write_protected (void)
{
  for (Output out = 0; out < N_OUT; out++)
    {
      g_autofree char *dir = case_dir ("protected");
      g_autofree char *path = g_build_filename (dir, out_name[out], NULL);
      g_autofree char *old = NULL, *now = NULL;
      gsize old_len, now_len;
      GError *error;
      GStatBuf st;

      g_assert_no_error (write_output (out, path, 3));
      old = read_all (path, &old_len);
      g_assert_cmpint (g_chmod (path, 0444), ==, 0);
      error = write_output (out, path, 5);
      g_assert_nonnull (error);
      g_test_message ("%s: %s", out_name[out], error->message);
      g_assert_nonnull (strstr (error->message, "write-protected"));
      g_assert_nonnull (strstr (error->message, out_name[out]));
      g_error_free (error);
      now = read_all (path, &now_len);
      g_assert_cmpmem (now, now_len, old, old_len);
      g_assert_cmpint (g_stat (path, &st), ==, 0);
      g_assert_cmpuint (st.st_mode & 07777, ==, 0444);
      g_assert_cmpuint (count_entries (dir), ==, 1);

      /* modes with a write bit are kept on replace */
      static const guint modes[] = { 0600, 0640, 0664, 0200 };
      for (guint k = 0; k < G_N_ELEMENTS (modes); k++)
        {
          g_assert_cmpint (g_chmod (path, modes[k]), ==, 0);
          g_assert_no_error (write_output (out, path, 6 + k));
          g_assert_cmpint (g_stat (path, &st), ==, 0);
          g_assert_cmpuint (st.st_mode & 07777, ==, modes[k]);
        }
      g_assert_cmpint (g_chmod (path, 0644), ==, 0);
    }
}

typedef struct
{
  char    *path;
  GString *got;
} Reader;

static gpointer
fifo_reader (gpointer data)
{
  Reader *r = data;
  char buf[65536];
  gssize n;
  int fd = g_open (r->path, O_RDONLY, 0);

  g_assert_cmpint (fd, >=, 0);
  while ((n = read (fd, buf, sizeof buf)) > 0)
    g_string_append_len (r->got, buf, n);
  close (fd);
  return NULL;
}

/* A FIFO is written in place, never replaced; with no reader it is refused
 * at once (this runs in a subprocess with a time limit: the old writer
 * blocked forever); a link to a FIFO likewise. */
static void
test_write_fifo (void)
{
  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 30 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
      return;
    }

  for (Output out = 0; out < N_OUT; out++)
    {
      g_autofree char *dir = case_dir ("fifo");
      g_autofree char *fifo = g_build_filename (dir, out_name[out], NULL);
      g_autofree char *link = g_strconcat (dir, "/link-", out_name[out], NULL);
      g_autofree char *direct_path = g_strconcat (dir, "/direct-", out_name[out], NULL);
      g_autofree char *direct = NULL;
      gsize direct_len;
      const char *targets[] = { fifo, link };
      GError *error;
      GStatBuf st;

      g_assert_cmpint (mkfifo (fifo, 0644), ==, 0);
      g_assert_cmpint (symlink (out_name[out], link), ==, 0);
      g_assert_no_error (write_output (out, direct_path, 4));
      direct = read_all (direct_path, &direct_len);

      for (guint t = 0; t < G_N_ELEMENTS (targets); t++)
        {
          Reader r = { fifo, g_string_new (NULL) };
          GThread *thread;

          error = write_output (out, targets[t], 4);
          g_assert_nonnull (error);
          g_test_message ("%s: %s", targets[t], error->message);
          g_assert_nonnull (strstr (error->message, "no reader"));
          g_error_free (error);

          thread = g_thread_new ("reader", fifo_reader, &r);
          /* the writer opens without waiting: retry until the reader is there */
          for (guint tries = 0; tries < 1000; tries++)
            {
              error = write_output (out, targets[t], 4);
              if (error == NULL || strstr (error->message, "no reader") == NULL)
                break;
              g_clear_error (&error);
              g_usleep (10000);
            }
          g_assert_no_error (error);
          g_thread_join (thread);
          g_assert_cmpmem (r.got->str, r.got->len, direct, direct_len);
          g_string_free (r.got, TRUE);
          g_assert_cmpint (g_lstat (fifo, &st), ==, 0);
          g_assert_true (S_ISFIFO (st.st_mode));
          g_assert_cmpint (g_lstat (link, &st), ==, 0);
          g_assert_true (S_ISLNK (st.st_mode));
        }
      g_assert_cmpuint (count_temps (dir), ==, 0);
    }
}

/* --history /dev/null as root turned /dev/null into a regular file. A
 * character device is written in place. The test makes its own copy of
 * /dev/null (root only), so a regression cannot damage the system's. */
static void
test_write_char_device (void)
{
  g_autofree char *dir = case_dir ("chardev");
  GStatBuf st;
  int fd;

  for (Output out = 0; out < N_OUT; out++)
    {
      /* named like the output: the plot's format comes from the name */
      g_autofree char *null_copy = g_build_filename (dir, out_name[out], NULL);
      GError *error;

      if (mknod (null_copy, S_IFCHR | 0666, makedev (1, 3)) != 0
          || (fd = g_open (null_copy, O_WRONLY, 0)) < 0)
        {
          g_test_skip ("cannot make a device node here (needs root and a mount without nodev)");
          return;
        }
      close (fd);
      error = write_output (out, null_copy, 3);
      g_assert_no_error (error);
      g_assert_cmpint (g_lstat (null_copy, &st), ==, 0);
      g_assert_true (S_ISCHR (st.st_mode));
      g_assert_cmpuint (major (st.st_rdev), ==, 1);
      g_assert_cmpuint (minor (st.st_rdev), ==, 3);
    }
  g_assert_cmpuint (count_entries (dir), ==, N_OUT);
}

/* The rename at the end fails (the target is a mount point: EBUSY) after
 * the whole temporary file was written: an error, the old file as it was,
 * and the temporary file removed. Needs a private mount namespace (root). */
static void rename_fails_child (void);

static void
test_write_rename_fails (void)
{
  int status;
  pid_t pid = fork ();

  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      rename_fails_child ();
      _exit (0);
    }
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFEXITED (status));
  if (WEXITSTATUS (status) == 77)
    {
      g_test_skip ("no private mount namespace (needs root)");
      return;
    }
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
}

static void
rename_fails_child (void)
{
  g_autofree char *dir = case_dir ("rename");
  g_autofree char *path = g_build_filename (dir, "m.json", NULL);
  g_autofree char *other = robust_path ("rename-other.json");
  g_autofree char *old = NULL, *now = NULL;
  gsize old_len, now_len;
  GError *error;

  g_assert_no_error (write_output (OUT_MODEL, path, 3));
  g_assert_no_error (write_output (OUT_MODEL, other, 4));
  if (!private_mounts () || mount (other, path, NULL, MS_BIND, NULL) != 0)
    _exit (77);
  old = read_all (path, &old_len);
  error = write_output (OUT_MODEL, path, 5);
  assert_failed_cleanly (WRITER_MODEL, error, "rename over a mount point");
  g_error_free (error);
  now = read_all (path, &now_len);
  g_assert_cmpmem (now, now_len, old, old_len);
  g_assert_cmpuint (count_temps (dir), ==, 0);
  g_assert_cmpuint (count_entries (dir), ==, 1);
}

/* A killed save left a full-size "X.json.FWPTZ3" behind. Temporary files
 * are now named ".X.json.ps-tmp-XXXXXX", and the next save of X.json removes
 * those left for it (only those). */
static void
test_write_stale_temps (void)
{
  g_autofree char *dir = case_dir ("stale");
  g_autofree char *path = g_build_filename (dir, "m.json", NULL);
  static const char *const stale[] = { ".m.json.ps-tmp-AbC123", ".m.json.ps-tmp-zzzzzz" };
  static const char *const kept[] = { ".other.json.ps-tmp-AbC123", ".m.json.ps-tmp-toolong",
                                      "m.json.bak" };

  for (guint i = 0; i < G_N_ELEMENTS (stale); i++)
    {
      g_autofree char *p = g_build_filename (dir, stale[i], NULL);
      g_autofree char *junk = g_strnfill (100000, 'x');

      g_assert_true (g_file_set_contents (p, junk, -1, NULL));
    }
  for (guint i = 0; i < G_N_ELEMENTS (kept); i++)
    {
      g_autofree char *p = g_build_filename (dir, kept[i], NULL);

      g_assert_true (g_file_set_contents (p, "keep", -1, NULL));
    }
  g_assert_no_error (write_output (OUT_MODEL, path, 3));
  for (guint i = 0; i < G_N_ELEMENTS (stale); i++)
    {
      g_autofree char *p = g_build_filename (dir, stale[i], NULL);

      g_assert_false (g_file_test (p, G_FILE_TEST_EXISTS));
    }
  for (guint i = 0; i < G_N_ELEMENTS (kept); i++)
    {
      g_autofree char *p = g_build_filename (dir, kept[i], NULL);

      g_assert_true (g_file_test (p, G_FILE_TEST_EXISTS));
    }
  g_assert_cmpuint (count_entries (dir), ==, 1 + G_N_ELEMENTS (kept));
}

/* SIGTERM or SIGINT in the middle of a save: the process still dies of the
 * signal, and no temporary file is left. A child saves a ~60 MB buffer over
 * and over; the signal is sent as soon as a temporary file shows up. */
static void
own_handler (int sig)
{
  ps_file_remove_temporaries ();
  _exit (7);
}

static void
test_write_signal_cleanup (void)
{
  static const int sigs[] = { SIGTERM, SIGINT, SIGTERM };

  /* the third time, the program has its own handler, which calls
   * ps_file_remove_temporaries() and exits with 7 */
  for (guint k = 0; k < G_N_ELEMENTS (sigs); k++)
    {
      g_autofree char *dir = case_dir ("signal");
      g_autofree char *path = g_build_filename (dir, "big.json", NULL);
      gboolean seen = FALSE;
      int status;
      pid_t pid;

      pid = fork ();
      g_assert_cmpint (pid, >=, 0);
      if (pid == 0)
        {
          gsize len = 60 << 20;
          char *big = g_malloc (len);

          memset (big, 'x', len);
          if (k == 2)
            signal (SIGTERM, own_handler);
          for (;;)
            if (!ps_file_write (path, big, len, 0644, NULL))
              _exit (3);
        }
      for (guint tries = 0; tries < 6000 && !seen; tries++)
        {
          seen = count_temps (dir) > 0;
          if (!seen)
            g_usleep (1000);
        }
      g_assert_true (seen);
      g_assert_cmpint (kill (pid, sigs[k]), ==, 0);
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      if (k == 2)
        {
          g_assert_true (WIFEXITED (status));
          g_assert_cmpint (WEXITSTATUS (status), ==, 7);
        }
      else
        {
          g_assert_true (WIFSIGNALED (status));
          g_assert_cmpint (WTERMSIG (status), ==, sigs[k]);
        }
      g_assert_cmpuint (count_temps (dir), ==, 0);
    }
}

/* ---- the readers: bounded, regular files only, JSON checked ----------------- */

static void
assert_model_refused (const char *path,
                      int         code,
                      const char *what)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *base = g_path_get_basename (path);

  g_assert_null (ps_model_load (path, &error));
  g_assert_nonnull (error);
  g_test_message ("model %s: %s", path, error->message);
  g_assert_error (error, PS_MODEL_ERROR, code);
  g_assert_nonnull (strstr (error->message, base));
  if (strstr (error->message, what) == NULL)
    g_error ("'%s' does not say '%s'", error->message, what);
}

static void
assert_experiment_refused (const char *path,
                           int         code,
                           const char *what)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *base = g_path_get_basename (path);
  g_autoptr(JsonNode) dataset = NULL;
  g_autoptr(JsonNode) training = NULL;
  g_autofree char *spec = NULL;
  PsNetwork *model = NULL;

  g_assert_false (ps_experiment_load (path, &dataset, &spec, &training, &model, &error));
  g_assert_nonnull (error);
  g_test_message ("experiment %s: %s", path, error->message);
  g_assert_error (error, PS_EXPERIMENT_ERROR, code);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  g_assert_nonnull (strstr (error->message, base));
  if (strstr (error->message, what) == NULL)
    g_error ("'%s' does not say '%s'", error->message, what);
}

/* `perceptron summary /dev/zero` grew past 5 GB; a FIFO blocked forever.
 * Refused at once (a subprocess with a time limit: the old readers hang). */
static void
test_read_not_regular (void)
{
  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 30 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
      return;
    }
  g_autofree char *dir = case_dir ("not-regular");
  g_autofree char *fifo = g_build_filename (dir, "fifo.json", NULL);
  g_autofree char *link = g_build_filename (dir, "zero.json", NULL);
  g_autofree char *folder = g_build_filename (dir, "folder.json", NULL);

  /* no memory to speak of: a reader that reads /dev/zero dies here */
  if (!ROBUST_SANITIZED)
    robust_limit_memory (256);
  g_assert_cmpint (mkfifo (fifo, 0644), ==, 0);
  g_assert_cmpint (symlink ("/dev/zero", link), ==, 0);
  g_assert_cmpint (g_mkdir (folder, 0755), ==, 0);

  assert_model_refused ("/dev/zero", PS_MODEL_ERROR_IO, "not a regular file (a device)");
  assert_model_refused (link, PS_MODEL_ERROR_IO, "not a regular file (a device)");
  assert_model_refused (fifo, PS_MODEL_ERROR_IO, "not a regular file (a pipe)");
  assert_model_refused (folder, PS_MODEL_ERROR_IO, "a folder");
  assert_experiment_refused ("/dev/zero", PS_EXPERIMENT_ERROR_IO, "not a regular file (a device)");
  assert_experiment_refused (link, PS_EXPERIMENT_ERROR_IO, "not a regular file (a device)");
  assert_experiment_refused (fifo, PS_EXPERIMENT_ERROR_IO, "not a regular file (a pipe)");
  assert_experiment_refused (folder, PS_EXPERIMENT_ERROR_IO, "a folder");
  /* what the window asks before it opens a JSON file */
  g_assert_false (ps_experiment_sniff ("/dev/zero"));
  g_assert_false (ps_experiment_sniff (fifo));
  g_assert_false (ps_experiment_sniff (folder));
}

/* No size cap: a (sparse) 257 MiB file is refused before it is read; the
 * cap itself is exact. */
static void
test_read_size_limit (void)
{
  g_autofree char *dir = case_dir ("size");
  g_autofree char *huge = g_build_filename (dir, "huge.json", NULL);
  g_autofree char *small = g_build_filename (dir, "small.json", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize len = 0;
  int fd;

  fd = g_open (huge, O_WRONLY | O_CREAT, 0644);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, (off_t) PS_FILE_MODEL_MAX + 1), ==, 0);
  close (fd);
  assert_model_refused (huge, PS_MODEL_ERROR_IO, "larger than the 256 MiB limit");
  assert_experiment_refused (huge, PS_EXPERIMENT_ERROR_IO, "larger than the 256 MiB limit");

  g_assert_true (g_file_set_contents (small, "0123456789", 10, NULL));
  g_assert_true (ps_file_read_limited (small, 10, &contents, &len, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (contents, ==, "0123456789");
  g_assert_cmpuint (len, ==, 10);
  g_clear_pointer (&contents, g_free);
  g_assert_false (ps_file_read_limited (small, 9, &contents, &len, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED);
  g_assert_null (contents);
}

/* The experiment reader has the model reader's JSON guard. */
static void
test_read_experiment_json (void)
{
  static const struct
  {
    const char *name;
    const char *text;
    const char *message;
  } cases[] = {
    { "huge.json", "{\"format\": \"perceptron-studio-experiment\", \"version\": 99999999999999999999999}",
      "huge.json:1:55: version: 99999999999999999999999 is out of range" },
    { "two.json", "{\"format\": \"perceptron-studio-experiment\", \"version\": 1, \"dataset\": {},"
      " \"network\": \"2,1\", \"training\": {}}\n{\"format\": 1}\n", "two.json:2:1: unexpected text after the end" },
    { "inf.json", "{\"format\": \"perceptron-studio-experiment\", \"training\": {\"learning_rate\": 1e999}}",
      "inf.json:1:74: learning_rate: 1e999 is out of range" },
    /* json-glib's message quotes the bad bytes: made valid UTF-8 */
    { "bom.json", "{\"format\": \"perceptron-studio-experiment\xef\xbb\xbf\"version\": 1}",
      "bom.json:1:44: Parse error" },
  };
  g_autofree char *dir = case_dir ("exp-json");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_build_filename (dir, cases[i].name, NULL);

      g_assert_true (g_file_set_contents (path, cases[i].text, -1, NULL));
      assert_experiment_refused (path, PS_EXPERIMENT_ERROR_SYNTAX, cases[i].message);
    }
  {
    g_autofree char *path = g_build_filename (dir, "deep.json", NULL);
    g_autofree char *open = g_strnfill (100000, '[');
    g_autofree char *text = g_strconcat ("{\"format\": \"perceptron-studio-experiment\", \"dataset\": ",
                                         open, NULL);

    g_assert_true (g_file_set_contents (path, text, -1, NULL));
    assert_experiment_refused (path, PS_EXPERIMENT_ERROR_SYNTAX,
                               "deep.json:1:118: nested deeper than 64 levels");
  }
}

/* Experiment files carried 0.90000000000000002: numbers are written with the
 * fewest digits that read back to the same double; the embedded model keeps
 * its exact floats. */
static void
test_experiment_numbers (void)
{
  g_autofree char *dir = case_dir ("exp-numbers");
  g_autofree char *path = g_build_filename (dir, "e.json", NULL);
  g_autofree char *text = NULL;
  const double values[] = { 0.9, 0.1 + 0.2, 1.0 / 3.0, 1e-7, 1e300, 5e-324, 0.0, -2.5, 100.0 };
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) training = NULL, dataset = NULL, dataset2 = NULL, training2 = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *spec = NULL;
  PsNetwork *net = make_net (4), *back = NULL;
  JsonArray *array;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "learning_rate");
  json_builder_add_double_value (b, 0.9);
  json_builder_set_member_name (b, "values");
  json_builder_begin_array (b);
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    json_builder_add_double_value (b, values[i]);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "epochs");
  json_builder_add_int_value (b, 1000000);
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, "tab\there \"quoted\" \\ é");
  json_builder_end_object (b);
  training = json_builder_get_root (b);
  dataset = json_from_string ("{\"kind\": \"csv\", \"path\": \"/tmp/a b.csv\", \"scale\": 0.1}", NULL);

  g_assert_true (ps_experiment_save (path, dataset, "784,4:relu,10:softmax", training, net, &error));
  g_assert_no_error (error);
  text = read_all (path, NULL);
  g_test_message ("%.*s", 300, text);
  g_assert_null (strstr (text, "0.90000000000000002"));
  g_assert_null (strstr (text, "0.10000000000000001"));
  g_assert_nonnull (strstr (text, "\"learning_rate\": 0.9,"));
  g_assert_nonnull (strstr (text, "\"scale\": 0.1"));
  g_assert_nonnull (strstr (text, "0.30000000000000004"));

  g_assert_true (ps_experiment_load (path, &dataset2, &spec, &training2, &back, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (spec, ==, "784,4:relu,10:softmax");
  g_assert_true (json_node_equal (dataset, dataset2));
  array = json_object_get_array_member (json_node_get_object (training2), "values");
  g_assert_cmpuint (json_array_get_length (array), ==, G_N_ELEMENTS (values));
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    g_assert_true (json_array_get_double_element (array, i) == values[i]);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (training2), "epochs"), ==, 1000000);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (training2), "name"), ==,
                   "tab\there \"quoted\" \\ é");
  g_assert_nonnull (back);
  g_assert_cmpuint (back->n_params, ==, net->n_params);
  g_assert_cmpmem (back->params, back->n_params * sizeof (float), net->params, net->n_params * sizeof (float));
  g_assert_true (ps_experiment_sniff (path));
  ps_network_free (back);
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
  g_test_add_func ("/faults/write/symlink", test_write_symlink);
  g_test_add_func ("/faults/write/write-protected", test_write_protected);
  g_test_add_func ("/faults/write/fifo", test_write_fifo);
  g_test_add_func ("/faults/write/char-device", test_write_char_device);
  g_test_add_func ("/faults/write/rename-fails", test_write_rename_fails);
  g_test_add_func ("/faults/write/stale-temps", test_write_stale_temps);
  g_test_add_func ("/faults/write/signal-cleanup", test_write_signal_cleanup);
  g_test_add_func ("/faults/read/not-regular", test_read_not_regular);
  g_test_add_func ("/faults/read/size-limit", test_read_size_limit);
  g_test_add_func ("/faults/read/experiment-json", test_read_experiment_json);
  g_test_add_func ("/faults/experiment/numbers", test_experiment_numbers);

  int ret = g_test_run ();
  robust_cleanup ();
  return ret;
}
