/* test-limits.c: files that lie about their size, and files that are huge
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Lies (an IDX header claiming more than the file holds, sizes that overflow,
 * claims beyond the machine) must be refused with a message *before* anything
 * big is allocated: the loads run in a subprocess whose address space is
 * capped a few tens of MB above what it already uses, so a reader that
 * allocates what the header says fails the test.
 *
 * Huge but honest CSV files (a million rows, thousands of columns) must load
 * with memory bounded by a small multiple of the data, report progress and
 * stop when cancelled: peak RSS is measured in a subprocess.
 */
#include "config.h"

#include "ps-dataset.h"
#include "ps-idx.h"
#include "ps-csv.h"
#include "ps-test-gzip.h"
#include "robust-common.h"

#include <stdint.h>

/* ---- IDX files ------------------------------------------------------------ */

static GByteArray *
idx_header (guint8        type,
            guint         n_dims,
            const guint32 *dims)
{
  GByteArray *b = g_byte_array_new ();
  guint8 head[4] = { 0, 0, type, (guint8) n_dims };
  g_byte_array_append (b, head, 4);
  for (guint k = 0; k < n_dims; k++)
    {
      guint8 be[4] = { dims[k] >> 24, dims[k] >> 16, dims[k] >> 8, dims[k] };
      g_byte_array_append (b, be, 4);
    }
  return b;
}

/* An images file: header for dims, then @payload bytes of pattern. */
static char *
write_images (const char    *name,
              const guint32 *dims,
              gsize          payload,
              gboolean       gz,
              gboolean       random_payload)
{
  g_autoptr(GByteArray) b = idx_header (0x08, 3, dims);
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  for (gsize i = 0; i < payload; i++)
    {
      guint8 v = random_payload ? (guint8) g_rand_int (rand) : (guint8) (i * 31);
      g_byte_array_append (b, &v, 1);
    }
  if (!gz)
    return robust_write (name, b->data, b->len);
  g_autoptr(GBytes) z = ps_test_gzip (b->data, b->len);
  gsize zlen;
  const guint8 *zdata = g_bytes_get_data (z, &zlen);
  return robust_write (name, zdata, zlen);
}

static char *
write_labels (const char *name,
              guint32     claim,
              gsize       payload)
{
  g_autoptr(GByteArray) b = idx_header (0x08, 1, &claim);
  for (gsize i = 0; i < payload; i++)
    {
      guint8 v = i % 10;
      g_byte_array_append (b, &v, 1);
    }
  return robust_write (name, b->data, b->len);
}

static void
expect_refused (const char *images,
                const char *labels,
                gint        code,
                gint        other_code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PsDataset) ds = ps_dataset_load_idx (images, labels, NULL, NULL, NULL, &error);
  g_assert_null (ds);
  g_assert_nonnull (error);
  g_test_message ("%s: %s", images, error->message);
  g_assert_true (error->domain == PS_DATASET_ERROR);
  if (error->code != code && error->code != other_code)
    g_error ("%s: error code %d, expected %d: %s", images, error->code, code, error->message);
  /* The message names the file it is about. */
  g_autofree char *base = g_path_get_basename (labels != NULL && strstr (error->message, "label") ? labels : images);
  g_assert_nonnull (strstr (error->message, base));
}

static void
idx_lies_child (void)
{
  const guint32 big[3] = { 60000, 100, 100 };              /* 600 MB */
  const guint32 overflow[3] = { 0xffffffffu, 0xffffffffu, 0xffffffffu };
  const guint32 absurd[3] = { 0x7fffffffu, 16384, 16384 };  /* 576 PB */
  const guint32 absurd28[3] = { 0xffffffffu, 28, 28 };      /* 3.4 TB */
  const guint32 small[3] = { 3, 2, 2 };

  /* Files first: writing them needs memory of its own. */
  g_autofree char *raw = write_images ("big-raw-idx3-ubyte", big, 1000, FALSE, FALSE);
  g_autofree char *gz = write_images ("big-idx3-ubyte.gz", big, 1000, TRUE, FALSE);
  /* ~600 KB of incompressible bytes: enough compressed data to pass a
   * deflate-ratio check, so only reading can tell. */
  g_autofree char *gz_incompressible = write_images ("big-random-idx3-ubyte.gz", big, 600 * 1024,
                                                    TRUE, TRUE);
  /* The same small gz with a forged trailer (ISIZE) claiming the full size. */
  g_autofree char *gz_forged = write_images ("big-forged-idx3-ubyte.gz", big, 1000, TRUE, FALSE);
  {
    g_autofree char *contents = NULL;
    gsize len;
    g_assert_true (g_file_get_contents (gz_forged, &contents, &len, NULL));
    guint32 isize = 16 + 60000u * 100 * 100;
    for (int k = 0; k < 4; k++)
      contents[len - 4 + k] = (char) (isize >> (8 * k));
    g_free (robust_write ("big-forged-idx3-ubyte.gz", contents, len));
  }
  g_autofree char *over = write_images ("overflow-idx3-ubyte", overflow, 64, FALSE, FALSE);
  g_autofree char *abs1 = write_images ("absurd-idx3-ubyte", absurd, 64, FALSE, FALSE);
  g_autofree char *abs2 = write_images ("absurd28-idx3-ubyte.gz", absurd28, 4096, TRUE, FALSE);
  g_autofree char *ok_images = write_images ("small-idx3-ubyte", small, 12, FALSE, FALSE);
  g_autofree char *labels = write_labels ("small-idx1-ubyte", 3, 3);
  g_autofree char *labels_short = write_labels ("short-idx1-ubyte", 3, 1);
  g_autofree char *labels_huge = write_labels ("huge-idx1-ubyte", 0xfffffff0u, 3);

  if (!ROBUST_SANITIZED)
    {
      robust_limit_memory (64);
      /* The trap is armed: 200 MB cannot be had any more. */
      void *p = g_try_malloc (200 << 20);
      g_assert_null (p);
    }

  /* The control: a small honest file loads under the same cap. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(PsDataset) ds = ps_dataset_load_idx (ok_images, labels, NULL, NULL, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (ps_dataset_get_n_samples (ds), ==, 3);
    g_assert_cmpuint (ps_dataset_get_n_features (ds), ==, 4);
  }

  expect_refused (raw, labels, PS_DATASET_ERROR_TRUNCATED, -1);
  expect_refused (gz, labels, PS_DATASET_ERROR_TRUNCATED, -1);
  /* (no labels: they would mismatch first. The trailer is only a hint now, a
   * multi-member file holds more than its last member's ISIZE: the buffer
   * grows with the data read, under the cap, until the data runs out.) */
  expect_refused (gz_incompressible, NULL, PS_DATASET_ERROR_TRUNCATED, -1);
  expect_refused (gz_forged, labels, PS_DATASET_ERROR_TRUNCATED, -1);
  expect_refused (over, labels, PS_DATASET_ERROR_TOO_LARGE, -1);
  /* Claims beyond the machine: too large, or (the file being small) truncated. */
  expect_refused (abs1, labels, PS_DATASET_ERROR_TOO_LARGE, PS_DATASET_ERROR_TRUNCATED);
  expect_refused (abs2, labels, PS_DATASET_ERROR_TOO_LARGE, PS_DATASET_ERROR_TRUNCATED);
  expect_refused (abs2, NULL, PS_DATASET_ERROR_TOO_LARGE, PS_DATASET_ERROR_TRUNCATED);
  /* Lying label files. */
  expect_refused (ok_images, labels_short, PS_DATASET_ERROR_TRUNCATED, -1);
  expect_refused (ok_images, labels_huge, PS_DATASET_ERROR_MISMATCH, PS_DATASET_ERROR_TRUNCATED);
}

static void
test_idx_lies (void)
{
  if (g_test_subprocess ())
    {
      idx_lies_child ();
      return;
    }
  g_test_trap_subprocess (NULL, 120 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

/* ---- CSV: absurd records --------------------------------------------------- */

static void
csv_absurd_child (void)
{
  /* One field of 4 MB of digits, and one record of 1.2 million fields. */
  GString *s = g_string_new ("x,label\n1,0\n");
  for (int i = 0; i < 4 << 20; i++)
    g_string_append_c (s, '1');
  g_string_append (s, ",1\n");
  g_autofree char *field = robust_write ("huge-field.csv", s->str, s->len);
  g_string_assign (s, "0");
  for (int i = 0; i < 1200000; i++)
    g_string_append (s, ",0");
  g_string_append_c (s, '\n');
  g_autofree char *wide = robust_write ("too-wide.csv", s->str, s->len);
  g_string_free (s, TRUE);

  if (!ROBUST_SANITIZED)
    robust_limit_memory (96);

  const char *paths[] = { field, wide };
  const guint lines[] = { 3, 1 };
  for (guint k = 0; k < G_N_ELEMENTS (paths); k++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PsDataset) ds = ps_dataset_load_csv (paths[k], NULL, NULL, NULL, NULL, &error);
      g_assert_null (ds);
      g_assert_nonnull (error);
      g_test_message ("%s", error->message);
      g_assert_true (error->domain == PS_DATASET_ERROR);
      g_assert_true (error->code == PS_DATASET_ERROR_TOO_LARGE || error->code == PS_DATASET_ERROR_PARSE);
      /* Names the line. */
      g_autofree char *where = g_strdup_printf (":%u", lines[k]);
      g_assert_nonnull (strstr (error->message, where));
    }
}

static void
test_csv_absurd (void)
{
  if (g_test_subprocess ())
    {
      csv_absurd_child ();
      return;
    }
  g_test_trap_subprocess (NULL, 120 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

/* ---- CSV: huge and honest ------------------------------------------------- */

typedef struct
{
  GCancellable *cancel;
  double        cancel_at;
  guint         calls;
  guint         calls_after_cancel;
  double        last;
  gboolean      monotone;
} Progress;

static void
on_progress (double   fraction,
             gpointer user_data)
{
  Progress *p = user_data;
  if (p->cancel != NULL && g_cancellable_is_cancelled (p->cancel))
    p->calls_after_cancel++;
  if (fraction < p->last || fraction < 0.0 || fraction > 1.0)
    p->monotone = FALSE;
  p->last = fraction;
  p->calls++;
  if (p->cancel != NULL && fraction >= p->cancel_at)
    g_cancellable_cancel (p->cancel);
}

/* rows x cols features (value (i*7 + j) % 1000 / 8, exact in float), last column
 * the label i % 3. Written with stdio: the parent's memory stays small. */
static char *
write_big_csv (const char *name,
               guint       rows,
               guint       cols)
{
  char *path = robust_path (name);
  FILE *f = fopen (path, "w");
  g_assert_nonnull (f);
  for (guint j = 0; j < cols; j++)
    fprintf (f, "f%u,", j);
  fputs ("label\n", f);
  for (guint i = 0; i < rows; i++)
    {
      for (guint j = 0; j < cols; j++)
        fprintf (f, "%g,", ((i * 7u + j) % 1000) / 8.0);
      fprintf (f, "%u\n", i % 3);
    }
  g_assert_cmpint (fclose (f), ==, 0);
  return path;
}

static void
big_csv_child (const char *path,
               guint       rows,
               guint       cols)
{
  GStatBuf st;
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  guint64 before = robust_peak_rss_kb ();

  Progress p = { NULL, 0, 0, 0, 0.0, TRUE };
  g_autoptr(GError) error = NULL;
  g_autoptr(PsDataset) ds = ps_dataset_load_csv (path, NULL, NULL, on_progress, &p, &error);
  g_assert_no_error (error);
  guint64 after = robust_peak_rss_kb ();

  g_assert_cmpuint (ps_dataset_get_n_samples (ds), ==, rows);
  g_assert_cmpuint (ps_dataset_get_n_features (ds), ==, cols);
  g_assert_cmpuint (ps_dataset_get_n_classes (ds), ==, 3);
  for (guint i = 0; i < rows; i += rows / 7 + 1)
    {
      g_assert_cmpuint (ps_dataset_get_labels (ds)[i], ==, i % 3);
      for (guint j = 0; j < cols; j += cols / 5 + 1)
        g_assert_cmpfloat (ps_dataset_get (ds, i, j), ==, (float) (((i * 7u + j) % 1000) / 8.0));
    }
  g_assert_cmpfloat (ps_dataset_get (ds, rows - 1, cols - 1), ==,
                     (float) ((((rows - 1) * 7u + cols - 1) % 1000) / 8.0));

  /* Progress: several calls, in order, ending at 1. */
  g_assert_true (p.monotone);
  g_assert_cmpuint (p.calls, >=, 5);
  g_assert_cmpfloat (p.last, ==, 1.0);

  /* Memory: the dataset itself (floats + labels) is the data; the reader may
   * use a small multiple of it, never a copy per field or the whole text. */
  guint64 data_kb = ((guint64) rows * cols * sizeof (float) + (guint64) rows * sizeof (guint32)) / 1024;
  guint64 grew_kb = after - before;
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *figures = g_strdup_printf ("%s: %u rows x %u columns, file %.1f MB, data %.1f MB, "
                                              "peak RSS grew by %.1f MB (%.2fx the data), %u progress calls",
                                              base, rows, cols,
                                              st.st_size / 1048576.0, data_kb / 1024.0,
                                              grew_kb / 1024.0, (double) grew_kb / data_kb, p.calls);
  g_test_message ("%s", figures);
  g_autofree char *report = g_strconcat (path, ".figures", NULL);
  g_file_set_contents (report, figures, -1, NULL);
  if (!ROBUST_SANITIZED)
    g_assert_cmpuint (grew_kb, <=, 3 * data_kb + 16 * 1024);
  g_clear_pointer (&ds, ps_dataset_unref);

  /* Cancelled from the progress callback: stops, says so, calls no more. */
  {
    g_autoptr(GCancellable) cancel = g_cancellable_new ();
    Progress pc = { cancel, 0.3, 0, 0, 0.0, TRUE };
    g_autoptr(GError) cerror = NULL;
    g_autoptr(PsDataset) none = ps_dataset_load_csv (path, NULL, cancel, on_progress, &pc, &cerror);
    g_assert_null (none);
    g_assert_error (cerror, PS_DATASET_ERROR, PS_DATASET_ERROR_CANCELLED);
    g_assert_cmpfloat (pc.last, <, 1.0);
    g_assert_cmpfloat (pc.last, >=, 0.3);
    g_assert_cmpuint (pc.calls_after_cancel, ==, 0);
  }
}

static void
run_big_csv (const char *name,
             guint       rows,
             guint       cols)
{
  g_autofree char *path = robust_path (name);
  if (g_test_subprocess ())
    {
      big_csv_child (path, rows, cols);
      return;
    }
  g_free (write_big_csv (name, rows, cols));
  g_test_trap_subprocess (NULL, 300 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
  g_autofree char *report = g_strconcat (path, ".figures", NULL);
  g_autofree char *figures = NULL;
  if (g_file_get_contents (report, &figures, NULL, NULL))
    g_test_message ("%s", figures);
  g_unlink (path);
}

static void
test_csv_million_rows (void)
{
  run_big_csv ("million-rows.csv", 1000000, 4);
}

static void
test_csv_thousands_of_columns (void)
{
  run_big_csv ("wide.csv", 1500, 4000);
}

/* ---- IDX: real data, bounded memory ----------------------------------------- */

static void
test_idx_memory (void)
{
  g_autofree char *images = g_build_filename (PS_SOURCE_DATADIR, "datasets", "mnist", "t10k-images-idx3-ubyte.gz", NULL);
  g_autofree char *labels = g_build_filename (PS_SOURCE_DATADIR, "datasets", "mnist", "t10k-labels-idx1-ubyte.gz", NULL);
  if (!g_file_test (images, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("no data/datasets/mnist: it ships with the source tree");
      return;
    }
  if (g_test_subprocess ())
    {
      guint64 before = robust_peak_rss_kb ();
      g_autoptr(GError) error = NULL;
      g_autoptr(PsDataset) ds = ps_dataset_load_idx (images, labels, NULL, NULL, NULL, &error);
      g_assert_no_error (error);
      guint64 grew_kb = robust_peak_rss_kb () - before;
      guint64 data_kb = ps_dataset_get_n_samples (ds)
                        * (ps_dataset_get_n_features (ds) + sizeof (guint32)) / 1024;
      g_assert_cmpuint (ps_dataset_get_n_samples (ds), ==, 10000);
      g_assert_nonnull (ps_dataset_get_x_u8 (ds));   /* pixels stay bytes: 4x less than floats */
      g_test_message ("MNIST t10k: data %.1f MB, peak RSS grew by %.1f MB",
                      data_kb / 1024.0, grew_kb / 1024.0);
      if (!ROBUST_SANITIZED)
        g_assert_cmpuint (grew_kb, <=, 2 * data_kb + 16 * 1024);
      return;
    }
  g_test_trap_subprocess (NULL, 120 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  robust_tmpdir ();

  g_test_add_func ("/limits/idx-lies", test_idx_lies);
  g_test_add_func ("/limits/csv-absurd-records", test_csv_absurd);
  g_test_add_func ("/limits/csv-million-rows", test_csv_million_rows);
  g_test_add_func ("/limits/csv-thousands-of-columns", test_csv_thousands_of_columns);
  g_test_add_func ("/limits/idx-memory", test_idx_memory);

  int ret = g_test_run ();
  robust_cleanup ();
  return ret;
}
