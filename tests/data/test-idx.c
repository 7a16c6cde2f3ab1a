/* test-idx.c: the IDX reader on real MNIST and on broken files
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ps-dataset.h"
/* white-box: the readers' results are checked field by field */
#include "ps-dataset-private.h"
#include "ps-idx.h"
#include "ps-test-gzip.h"

/* Reference values for data/datasets/mnist (shipped) computed independently with
 * Python (gzip + struct + hashlib) over the decompressed files: md5 of the
 * pixel bytes after the header and of the label bytes, first labels, pixel
 * sums of images 0, 1, 2 and the last one, and per-class counts. */
typedef struct
{
  const char *prefix;
  const char *md5_pixels;
  const char *md5_labels;
  guint       first_labels[10];
  guint       sums[3];
  guint       last_sum;
  guint64     total;
  guint       counts[10];
} MnistRef;

static const MnistRef mnist_refs[] = {
  { "train", "a84cca42eddfe5d573964e70d091e58e", "ec88ed6eeba259bf6ba9c76fd948b418",
    { 3, 8, 1, 0, 4, 0, 9, 3, 4, 9 }, { 15849, 33517, 16703 }, 47696, 262146600,
    { 1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978 } },
  { "t10k", "240610fa99e73bfa49df8e7fc24d3206", "073c3904dfbd3e141ff8aa01cfde6b15",
    { 7, 2, 1, 0, 4, 1, 4, 9, 5, 9 }, { 18454, 28850, 9871 }, 41833, 264923200,
    { 980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009 } },
};

static char *
mnist_dir (void)
{
  char *dir = g_build_filename (PS_SOURCE_DATADIR, "datasets", "mnist", NULL);

  if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      g_free (dir);
      return NULL;
    }
  return dir;
}

static void
assert_mnist (const PsDataset *ds,
              const MnistRef  *ref)
{
  g_autofree char *md5_px = NULL;
  g_autoptr(GChecksum) ck = g_checksum_new (G_CHECKSUM_MD5);
  guint counts[10] = { 0 };
  guint64 total = 0;

  g_assert_nonnull (ds);
  g_assert_cmpuint (ds->n_samples, ==, 10000);
  g_assert_cmpuint (ds->n_features, ==, 784);
  g_assert_cmpuint (ds->image_width, ==, 28);
  g_assert_cmpuint (ds->image_height, ==, 28);
  g_assert_cmpuint (ds->n_classes, ==, 10);
  g_assert_null (ds->x);
  g_assert_nonnull (ds->x_u8);

  g_checksum_update (ck, ds->x_u8, 10000 * 784);
  g_assert_cmpstr (g_checksum_get_string (ck), ==, ref->md5_pixels);
  {
    g_autoptr(GChecksum) cl = g_checksum_new (G_CHECKSUM_MD5);
    for (gsize i = 0; i < 10000; i++)
      {
        guint8 b = (guint8) ds->labels[i];
        g_assert_cmpuint (ds->labels[i], <, 10);
        g_checksum_update (cl, &b, 1);
        counts[ds->labels[i]]++;
      }
    g_assert_cmpstr (g_checksum_get_string (cl), ==, ref->md5_labels);
  }
  for (int k = 0; k < 10; k++)
    {
      g_assert_cmpuint (ds->labels[k], ==, ref->first_labels[k]);
      g_assert_cmpuint (counts[k], ==, ref->counts[k]);
    }
  for (int s = 0; s < 3; s++)
    {
      guint sum = 0;
      for (int j = 0; j < 784; j++)
        sum += ds->x_u8[s * 784 + j];
      g_assert_cmpuint (sum, ==, ref->sums[s]);
    }
  {
    guint sum = 0;
    for (int j = 0; j < 784; j++)
      sum += ds->x_u8[9999 * 784 + j];
    g_assert_cmpuint (sum, ==, ref->last_sum);
  }
  for (gsize i = 0; i < 10000 * 784; i++)
    total += ds->x_u8[i];
  g_assert_cmpuint (total, ==, ref->total);
}

/* The .gz files are the official ones (md5 as in data/mnist/README.md). */
static void
test_mnist_files_are_official (void)
{
  g_autofree char *dir = mnist_dir ();
  g_autofree char *readme_path = NULL;
  g_autofree char *readme = NULL;
  const char *files[] = { "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz" };

  if (dir == NULL)
    {
      g_test_skip ("no data/datasets/mnist: it ships with the source tree");
      return;
    }
  readme_path = g_build_filename (dir, "README.md", NULL);
  g_assert_true (g_file_get_contents (readme_path, &readme, NULL, NULL));
  for (gsize f = 0; f < G_N_ELEMENTS (files); f++)
    {
      g_autofree char *path = g_build_filename (dir, files[f], NULL);
      g_autofree char *data = NULL;
      g_autofree char *md5 = NULL;
      gsize len;

      g_assert_true (g_file_get_contents (path, &data, &len, NULL));
      md5 = g_compute_checksum_for_data (G_CHECKSUM_MD5, (guchar *) data, len);
      g_assert_nonnull (strstr (readme, md5));
    }
}

static void
test_mnist_dir (void)
{
  g_autofree char *dir = mnist_dir ();

  if (dir == NULL)
    {
      g_test_skip ("no data/datasets/mnist: it ships with the source tree");
      return;
    }
  for (int t = 0; t < 2; t++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PsDataset) ds = ps_dataset_load_idx_dir (dir, t == 1, NULL, NULL, NULL, &error);

      g_assert_no_error (error);
      assert_mnist (ds, &mnist_refs[t]);
      g_assert_cmpstr (ds->class_names[0], ==, "0");
      g_assert_cmpstr (ds->class_names[9], ==, "9");
      g_assert_null (ds->class_names[10]);
    }
}

static GBytes *
gunzip_file (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) in = g_file_read (file, NULL, NULL);
  g_autoptr(GZlibDecompressor) z = g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP);
  g_autoptr(GInputStream) conv = g_converter_input_stream_new (G_INPUT_STREAM (in), G_CONVERTER (z));
  g_autoptr(GOutputStream) mem = g_memory_output_stream_new_resizable ();

  g_assert_cmpint (g_output_stream_splice (mem, conv, G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET,
                                           NULL, NULL), >, 0);
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (mem));
}

static char *tmpdir;

static char *
write_tmp (const char *name,
           const void *data,
           gsize       len)
{
  char *path = g_build_filename (tmpdir, name, NULL);
  g_assert_true (g_file_set_contents (path, data, (gssize) len, NULL));
  return path;
}

/* Raw (ungzipped) copies with the dotted names some downloads use. */
static void
test_mnist_raw_dotted (void)
{
  g_autofree char *dir = mnist_dir ();
  g_autofree char *sub = NULL;
  const char *pairs[][2] = {
    { "t10k-images-idx3-ubyte.gz", "t10k-images.idx3-ubyte" },
    { "t10k-labels-idx1-ubyte.gz", "t10k-labels.idx1-ubyte" },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(PsDataset) ds = NULL;

  if (dir == NULL)
    {
      g_test_skip ("no data/datasets/mnist: it ships with the source tree");
      return;
    }
  sub = g_build_filename (tmpdir, "dotted", NULL);
  g_assert_cmpint (g_mkdir_with_parents (sub, 0755), ==, 0);
  for (gsize k = 0; k < 2; k++)
    {
      g_autofree char *src = g_build_filename (dir, pairs[k][0], NULL);
      g_autofree char *dst = g_build_filename (sub, pairs[k][1], NULL);
      g_autoptr(GBytes) raw = gunzip_file (src);
      g_assert_true (g_file_set_contents (dst, g_bytes_get_data (raw, NULL),
                                          g_bytes_get_size (raw), NULL));
    }
  ds = ps_dataset_load_idx_dir (sub, TRUE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  assert_mnist (ds, &mnist_refs[1]);

  /* no train files there */
  {
    g_autoptr(GError) e2 = NULL;
    g_assert_null (ps_dataset_load_idx_dir (sub, FALSE, NULL, NULL, NULL, &e2));
    g_assert_error (e2, PS_DATASET_ERROR, PS_DATASET_ERROR_NOT_FOUND);
    g_assert_nonnull (strstr (e2->message, "train-images"));
  }
}

static void
test_fashion (void)
{
  const char *dir = ps_dataset_fashion_mnist_dir ();
  g_autoptr(GError) error = NULL;
  g_autoptr(PsDataset) ds = NULL;

  if (dir == NULL)
    {
      g_test_skip ("dataset-fashion-mnist not installed");
      return;
    }
  g_assert_cmpstr (dir, ==, "/usr/share/datasets/fashion-mnist");
  ds = ps_dataset_load_idx_dir (dir, TRUE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ds->n_samples, ==, 10000);
  g_assert_cmpuint (ds->image_width, ==, 28);
  g_assert_cmpstr (ds->class_names[0], ==, "T-shirt/top");
  g_assert_cmpstr (ds->class_names[9], ==, "Ankle boot");
  /* Fashion-MNIST's test set is balanced: 1000 per class. */
  {
    guint counts[10] = { 0 };
    for (gsize i = 0; i < ds->n_samples; i++)
      counts[ds->labels[i]]++;
    for (int k = 0; k < 10; k++)
      g_assert_cmpuint (counts[k], ==, 1000);
  }
}

/* -- small hand-made files -- */

static void
put_be32 (guint8  *p,
          guint32  v)
{
  p[0] = v >> 24;
  p[1] = v >> 16;
  p[2] = v >> 8;
  p[3] = v;
}

/* An images file: header claiming @n_claim images of r × c, holding @n_have. */
static GByteArray *
make_images (guint32 magic,
             guint32 n_claim,
             guint32 r,
             guint32 c,
             guint32 n_have)
{
  GByteArray *a = g_byte_array_new ();
  guint8 head[16];

  put_be32 (head, magic);
  put_be32 (head + 4, n_claim);
  put_be32 (head + 8, r);
  put_be32 (head + 12, c);
  g_byte_array_append (a, head, 16);
  for (guint64 i = 0; i < (guint64) n_have * r * c; i++)
    {
      guint8 v = (guint8) (i * 7 + 3);
      g_byte_array_append (a, &v, 1);
    }
  return a;
}

static GByteArray *
make_labels (guint32 n_claim,
             guint32 n_have,
             guint8  max_label)
{
  GByteArray *a = g_byte_array_new ();
  guint8 head[8];

  put_be32 (head, 0x00000801);
  put_be32 (head + 4, n_claim);
  g_byte_array_append (a, head, 8);
  for (guint32 i = 0; i < n_have; i++)
    {
      guint8 v = (guint8) (i % (max_label + 1));
      g_byte_array_append (a, &v, 1);
    }
  return a;
}

/* Writes @a raw and gzipped; returns both paths. */
static void
write_both (const char  *stem,
            GByteArray  *a,
            char       **raw,
            char       **gz)
{
  g_autofree char *gzname = g_strconcat (stem, ".gz", NULL);
  g_autoptr(GBytes) z = ps_test_gzip (a->data, a->len);

  *raw = write_tmp (stem, a->data, a->len);
  *gz = write_tmp (gzname, g_bytes_get_data (z, NULL), g_bytes_get_size (z));
}

static void
expect_error (const char *images,
              const char *labels,
              int         code,
              const char *must_contain)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PsDataset) ds = ps_dataset_load_idx (images, labels, NULL, NULL, NULL, &error);

  g_assert_null (ds);
  g_assert_error (error, PS_DATASET_ERROR, code);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  g_test_message ("%s", error->message);
  if (must_contain != NULL && strstr (error->message, must_contain) == NULL)
    g_error ("message “%s” lacks “%s”", error->message, must_contain);
}

static void
test_small_valid (void)
{
  g_autoptr(GByteArray) img = make_images (0x803, 5, 3, 4, 5);
  g_autoptr(GByteArray) lab = make_labels (5, 5, 9);
  g_autofree char *raw = NULL, *gz = NULL, *lraw = NULL, *lgz = NULL;

  write_both ("small-images", img, &raw, &gz);
  write_both ("small-labels", lab, &lraw, &lgz);
  for (int k = 0; k < 4; k++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PsDataset) ds = ps_dataset_load_idx (k & 1 ? gz : raw, k & 2 ? lgz : lraw,
                                                     NULL, NULL, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (ds->n_samples, ==, 5);
      g_assert_cmpuint (ds->n_features, ==, 12);
      g_assert_cmpuint (ds->image_height, ==, 3);
      g_assert_cmpuint (ds->image_width, ==, 4);
      g_assert_cmpmem (ds->x_u8, 60, img->data + 16, 60);
      for (int i = 0; i < 5; i++)
        g_assert_cmpuint (ds->labels[i], ==, (guint) i);
    }
  {
    /* no labels file: every label 0 */
    g_autoptr(PsDataset) ds = ps_dataset_load_idx (gz, NULL, NULL, NULL, NULL, NULL);
    g_assert_nonnull (ds);
    g_assert_cmpuint (ds->labels[4], ==, 0);
  }
}

static void
test_broken (void)
{
  g_autoptr(GByteArray) good_lab = make_labels (10, 10, 9);
  g_autofree char *lraw = NULL, *lgz = NULL;

  write_both ("good-labels", good_lab, &lraw, &lgz);

  /* truncated: header says 10 images, 6 present */
  {
    g_autoptr(GByteArray) a = make_images (0x803, 10, 28, 28, 6);
    g_autofree char *raw = NULL, *gz = NULL;
    write_both ("trunc-images", a, &raw, &gz);
    expect_error (raw, lraw, PS_DATASET_ERROR_TRUNCATED, "trunc-images");
    expect_error (raw, lraw, PS_DATASET_ERROR_TRUNCATED, "10 images of 28 × 28");
    expect_error (gz, lgz, PS_DATASET_ERROR_TRUNCATED, "10 images of 28 × 28");
    /* (found while reading: the trailer is no reason to refuse, see multi-member) */
    expect_error (gz, lgz, PS_DATASET_ERROR_TRUNCATED, "ends after 4704 of the 7840 bytes");
  }
  /* lying header: 60000 images claimed, 2 present */
  {
    g_autoptr(GByteArray) a = make_images (0x803, 60000, 28, 28, 2);
    g_autofree char *raw = NULL, *gz = NULL;
    write_both ("lying-images", a, &raw, &gz);
    expect_error (raw, NULL, PS_DATASET_ERROR_TRUNCATED, "60000 images");
    /* 47 MB from a ~100-byte gzip is beyond deflate's ratio */
    expect_error (gz, NULL, PS_DATASET_ERROR_TRUNCATED, "60000 images");
  }
  /* a gzip whose trailer lies too: caught while reading */
  {
    g_autoptr(GByteArray) a = make_images (0x803, 10, 28, 28, 6);
    g_autoptr(GBytes) z = ps_test_gzip (a->data, a->len);
    g_autofree guint8 *bytes = g_memdup2 (g_bytes_get_data (z, NULL), g_bytes_get_size (z));
    gsize n = g_bytes_get_size (z);
    guint32 fake = 16 + 10 * 784;
    g_autofree char *path = NULL;

    bytes[n - 4] = fake;
    bytes[n - 3] = fake >> 8;
    bytes[n - 2] = fake >> 16;
    bytes[n - 1] = fake >> 24;
    path = write_tmp ("trailer-lies.gz", bytes, n);
    /* zlib checks the trailer against the data: corrupt */
    expect_error (path, NULL, PS_DATASET_ERROR_PARSE, "corrupt gzip data");
  }
  /* a gzip cut in the middle */
  {
    g_autoptr(GByteArray) a = make_images (0x803, 50, 28, 28, 50);
    g_autoptr(GBytes) z = ps_test_gzip (a->data, a->len);
    g_autofree char *path = write_tmp ("cut.gz", g_bytes_get_data (z, NULL),
                                       g_bytes_get_size (z) / 2);
    expect_error (path, NULL, PS_DATASET_ERROR_TRUNCATED, "cut.gz");
  }
  /* corrupt compressed bytes (header and trailer intact) */
  {
    g_autoptr(GByteArray) a = make_images (0x803, 50, 28, 28, 50);
    g_autoptr(GBytes) z = ps_test_gzip (a->data, a->len);
    gsize n = g_bytes_get_size (z);
    g_autofree guint8 *bytes = g_memdup2 (g_bytes_get_data (z, NULL), n);
    g_autofree char *path = NULL;
    g_autoptr(GError) error = NULL;

    for (gsize i = 12; i < n - 8; i++)
      bytes[i] ^= 0x5a;
    path = write_tmp ("corrupt.gz", bytes, n);
    g_assert_null (ps_dataset_load_idx (path, NULL, NULL, NULL, NULL, &error));
    g_assert_true (g_error_matches (error, PS_DATASET_ERROR, PS_DATASET_ERROR_PARSE)
                   || g_error_matches (error, PS_DATASET_ERROR, PS_DATASET_ERROR_TRUNCATED));
    g_assert_nonnull (strstr (error->message, "corrupt.gz"));
  }
  /* overflowing / absurd dimensions */
  {
    g_autoptr(GByteArray) a = make_images (0x803, 0xffffffffu, 16384, 16384, 0);
    g_autoptr(GByteArray) b = make_images (0x803, 10, 0xffffffffu, 0xffffffffu, 0);
    g_autoptr(GByteArray) c = make_images (0x803, 10, 0, 28, 0);
    g_autofree char *araw = NULL, *agz = NULL, *braw = NULL, *bgz = NULL, *craw = NULL, *cgz = NULL;
    write_both ("huge-images", a, &araw, &agz);
    write_both ("wide-images", b, &braw, &bgz);
    write_both ("zero-side", c, &craw, &cgz);
    expect_error (araw, NULL, PS_DATASET_ERROR_TOO_LARGE, "huge-images");
    expect_error (agz, NULL, PS_DATASET_ERROR_TOO_LARGE, "4294967295 images");
    expect_error (braw, NULL, PS_DATASET_ERROR_TOO_LARGE, "4294967295 × 4294967295");
    expect_error (bgz, NULL, PS_DATASET_ERROR_TOO_LARGE, "wide-images");
    expect_error (craw, NULL, PS_DATASET_ERROR_TOO_LARGE, "0 × 28");
  }
  /* zero images */
  {
    g_autoptr(GByteArray) a = make_images (0x803, 0, 28, 28, 0);
    g_autofree char *raw = NULL, *gz = NULL;
    write_both ("zero-images", a, &raw, &gz);
    expect_error (raw, NULL, PS_DATASET_ERROR_EMPTY, "zero-images");
    expect_error (gz, NULL, PS_DATASET_ERROR_EMPTY, "no images");
  }
  /* bad magic, a label file given as images, a float IDX, a short header */
  {
    g_autoptr(GByteArray) a = make_images (0x12345678, 2, 28, 28, 2);
    g_autoptr(GByteArray) f = make_images (0x00000d03, 2, 28, 28, 2);
    g_autofree char *raw = NULL, *gz = NULL, *fraw = NULL, *fgz = NULL;
    g_autofree char *shortp = write_tmp ("short-header", "\0\0\x08\x03\0\0", 6);
    write_both ("bad-magic", a, &raw, &gz);
    write_both ("float-idx", f, &fraw, &fgz);
    expect_error (raw, NULL, PS_DATASET_ERROR_PARSE, "0x12345678");
    expect_error (gz, NULL, PS_DATASET_ERROR_PARSE, "bad-magic.gz");
    expect_error (lraw, NULL, PS_DATASET_ERROR_PARSE, "label file");
    expect_error (fraw, NULL, PS_DATASET_ERROR_PARSE, "data type 0x0d");
    expect_error (shortp, NULL, PS_DATASET_ERROR_TRUNCATED, "header");
    /* images given as labels */
    {
      g_autoptr(GByteArray) ok = make_images (0x803, 10, 2, 2, 10);
      g_autofree char *okp = write_tmp ("ok-images", ok->data, ok->len);
      expect_error (okp, okp, PS_DATASET_ERROR_PARSE, "image file");
    }
  }
  /* labels: count mismatch, value ≥ 10, truncated labels */
  {
    g_autoptr(GByteArray) img = make_images (0x803, 10, 2, 2, 10);
    g_autoptr(GByteArray) l9 = make_labels (9, 9, 9);
    g_autoptr(GByteArray) l12 = make_labels (10, 10, 9);
    g_autoptr(GByteArray) lt = make_labels (10, 4, 9);
    g_autofree char *ip = write_tmp ("img10", img->data, img->len);
    g_autofree char *r9 = NULL, *z9 = NULL, *r12 = NULL, *z12 = NULL, *rt = NULL, *zt = NULL;
    write_both ("labels9", l9, &r9, &z9);
    l12->data[8 + 7] = 12;
    write_both ("labels12", l12, &r12, &z12);
    write_both ("labels-trunc", lt, &rt, &zt);
    expect_error (ip, r9, PS_DATASET_ERROR_MISMATCH, "9 labels");
    expect_error (ip, z9, PS_DATASET_ERROR_MISMATCH, "10 images");
    expect_error (ip, r12, PS_DATASET_ERROR_PARSE, "label 12 of sample 7");
    expect_error (ip, z12, PS_DATASET_ERROR_PARSE, "labels12.gz");
    expect_error (ip, rt, PS_DATASET_ERROR_TRUNCATED, "10 labels");
    expect_error (ip, zt, PS_DATASET_ERROR_TRUNCATED, "labels-trunc.gz");
  }
  /* more data than the header announces: two files joined, a wrong count */
  {
    g_autoptr(GByteArray) a = make_images (0x803, 10, 2, 2, 10);
    g_autoptr(GByteArray) l = make_labels (10, 10, 9);
    g_autofree char *raw = NULL, *gz = NULL, *lr = NULL, *lz = NULL;
    g_autofree char *ok = write_tmp ("img-ok", a->data, a->len);

    {
      g_autofree guint8 *copy = g_memdup2 (a->data, a->len);
      g_byte_array_append (a, copy, a->len);
    }
    g_byte_array_append (l, (const guint8 *) "\1", 1);
    write_both ("joined-images", a, &raw, &gz);
    write_both ("long-labels", l, &lr, &lz);
    expect_error (raw, NULL, PS_DATASET_ERROR_PARSE, "joined-images: the file goes on after "
                  "the 10 images of 2 × 2 its header announces");
    expect_error (gz, NULL, PS_DATASET_ERROR_PARSE, "the decompressed data goes on");
    expect_error (ok, lr, PS_DATASET_ERROR_PARSE, "long-labels: the file goes on after the 10 labels");
    expect_error (ok, lz, PS_DATASET_ERROR_PARSE, "long-labels.gz");
  }
  /* missing files and folders */
  {
    g_autofree char *nowhere = g_build_filename (tmpdir, "nowhere", NULL);
    g_autoptr(GError) error = NULL;
    expect_error (nowhere, NULL, PS_DATASET_ERROR_NOT_FOUND, "nowhere");
    expect_error (tmpdir, NULL, PS_DATASET_ERROR_NOT_FOUND, "folder");
    g_assert_null (ps_dataset_load_idx_dir (nowhere, FALSE, NULL, NULL, NULL, &error));
    g_assert_error (error, PS_DATASET_ERROR, PS_DATASET_ERROR_NOT_FOUND);
  }
}

/* @a gzipped as @n_members members (cat a.gz b.gz ...), split at uneven
 * offsets; the last member is the smallest, so its ISIZE says little. */
static GBytes *
gzip_members (GByteArray *a,
              guint       n_members)
{
  g_autoptr(GByteArray) out = g_byte_array_new ();
  gsize pos = 0;

  for (guint m = 0; m < n_members; m++)
    {
      gsize len = m + 1 == n_members ? a->len - pos : (a->len - pos) * 2 / 3;
      g_autoptr(GBytes) z = ps_test_gzip (a->data + pos, len);

      g_byte_array_append (out, g_bytes_get_data (z, NULL), g_bytes_get_size (z));
      pos += len;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

/* Pixels that do not compress (a gzip file about as big as the raw one). */
static GByteArray *
make_noisy_images (guint32 n,
                   guint32 r,
                   guint32 c)
{
  GByteArray *a = make_images (0x803, n, r, c, 0);
  guint32 x = 12345;

  for (guint64 i = 0; i < (guint64) n * r * c; i++)
    {
      guint8 v;

      x = x * 1103515245u + 12345u;
      v = (guint8) (x >> 23);
      g_byte_array_append (a, &v, 1);
    }
  return a;
}

/* Issue 8, family 11: a valid multi-member gzip (cat a.gz b.gz, pigz, bgzip)
 * loads exactly as the one-member file; the last member's ISIZE is no reason
 * to refuse it; a cut in a later member is still an error. */
static void
test_multi_member (void)
{
  /* 2000 noisy 28 × 28 images: 1.5 MB, more than one read chunk, so the
   * growing buffer (the ISIZE hint is ~0.5 MB) is exercised too */
  g_autoptr(GByteArray) img = make_noisy_images (2000, 28, 28);
  g_autoptr(GByteArray) lab = make_labels (2000, 2000, 9);
  g_autoptr(GBytes) z1 = ps_test_gzip (img->data, img->len);
  g_autoptr(GBytes) lz1 = ps_test_gzip (lab->data, lab->len);
  g_autofree char *one = write_tmp ("one-member.gz", g_bytes_get_data (z1, NULL),
                                    g_bytes_get_size (z1));
  g_autofree char *lone = write_tmp ("one-member-labels.gz", g_bytes_get_data (lz1, NULL),
                                     g_bytes_get_size (lz1));
  g_autoptr(GError) error = NULL;
  g_autoptr(PsDataset) ref = ps_dataset_load_idx (one, lone, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpmem (ref->x_u8, 2000 * 784, img->data + 16, 2000 * 784);

  for (guint members = 2; members <= 4; members++)
    {
      g_autoptr(GBytes) z = gzip_members (img, members);
      g_autoptr(GBytes) lz = gzip_members (lab, members);
      g_autofree char *name = g_strdup_printf ("members-%u.gz", members);
      g_autofree char *lname = g_strdup_printf ("members-%u-labels.gz", members);
      g_autofree char *path = write_tmp (name, g_bytes_get_data (z, NULL), g_bytes_get_size (z));
      g_autofree char *lpath = write_tmp (lname, g_bytes_get_data (lz, NULL), g_bytes_get_size (lz));
      g_autoptr(GError) err = NULL;
      g_autoptr(PsDataset) ds = ps_dataset_load_idx (path, lpath, NULL, NULL, NULL, &err);

      g_assert_no_error (err);
      g_assert_cmpuint (ds->n_samples, ==, ref->n_samples);
      g_assert_cmpuint (ds->n_features, ==, ref->n_features);
      g_assert_cmpuint (ds->image_width, ==, 28);
      g_assert_cmpmem (ds->x_u8, 2000 * 784, ref->x_u8, 2000 * 784);
      g_assert_cmpmem (ds->labels, 2000 * sizeof (guint32), ref->labels, 2000 * sizeof (guint32));

      /* the last member cut short: truncated, naming the file */
      {
        g_autofree char *cname = g_strdup_printf ("members-%u-cut.gz", members);
        g_autofree char *cut = write_tmp (cname, g_bytes_get_data (z, NULL),
                                          g_bytes_get_size (z) - 40);
        expect_error (cut, NULL, PS_DATASET_ERROR_TRUNCATED, cname);
      }
    }
  /* the data of the header's claim spread over members, one image short */
  {
    g_autoptr(GByteArray) shrt = make_images (0x803, 10, 28, 28, 9);
    g_autoptr(GBytes) z = gzip_members (shrt, 3);
    g_autofree char *path = write_tmp ("members-short.gz", g_bytes_get_data (z, NULL),
                                       g_bytes_get_size (z));
    expect_error (path, NULL, PS_DATASET_ERROR_TRUNCATED, "ends after 7056 of the 7840 bytes");
  }
}

typedef struct
{
  const char *path;
  gsize       keep;
  gboolean    done;
} ShrinkData;

static void
shrink_on_progress (double   fraction,
                    gpointer user_data)
{
  ShrinkData *sd = user_data;

  if (!sd->done && fraction > 0 && fraction < 1)
    {
      g_assert_cmpint (truncate (sd->path, (off_t) sd->keep), ==, 0);
      sd->done = TRUE;
    }
}

/* Issue 8, family 14: a file that shrinks while it loads (cut by another
 * program after its size was checked) is an error naming it, never a
 * dataset of the part that was read. The progress callback, called between
 * reads, cuts the file. */
static void
test_shrinks_while_loading (void)
{
  g_autoptr(GByteArray) img = make_noisy_images (4000, 28, 28);
  g_autoptr(GBytes) z = ps_test_gzip (img->data, img->len);

  for (int gz = 0; gz < 2; gz++)
    {
      const char *name = gz ? "shrinking.gz" : "shrinking";
      g_autofree char *path = gz ? write_tmp (name, g_bytes_get_data (z, NULL), g_bytes_get_size (z))
                                 : write_tmp (name, img->data, img->len);
      ShrinkData sd = { path, (gz ? g_bytes_get_size (z) : img->len) * 2 / 3, FALSE };
      g_autoptr(GError) error = NULL;
      g_autoptr(PsDataset) ds = ps_dataset_load_idx (path, NULL, NULL, shrink_on_progress, &sd,
                                                     &error);
      g_assert_true (sd.done);
      g_assert_null (ds);
      g_assert_error (error, PS_DATASET_ERROR, PS_DATASET_ERROR_TRUNCATED);
      g_test_message ("%s", error->message);
      g_assert_nonnull (strstr (error->message, name));
      g_assert_nonnull (strstr (error->message, "4000 images of 28 × 28"));
    }
}

/* Issue 8, family 5: a FIFO, a device or a dangling link as an IDX file is
 * refused at once (a FIFO with no writer would block a plain open forever,
 * /dev/zero never ends), by file and by folder. A hang here is the test's
 * timeout. */
static void
test_not_regular (void)
{
  g_autofree char *dir = g_build_filename (tmpdir, "special", NULL);
  g_autofree char *fifo = g_build_filename (dir, "train-images-idx3-ubyte", NULL);
  g_autofree char *zero = g_build_filename (dir, "train-labels-idx1-ubyte.gz", NULL);
  g_autofree char *dangling = g_build_filename (dir, "t10k-images-idx3-ubyte", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  g_assert_cmpint (mkfifo (fifo, 0644), ==, 0);
  g_assert_cmpint (symlink ("/dev/zero", zero), ==, 0);
  g_assert_cmpint (symlink ("no-such-target", dangling), ==, 0);

  expect_error (fifo, NULL, PS_DATASET_ERROR_NOT_FOUND, "is a pipe (FIFO), not a regular file");
  expect_error (zero, NULL, PS_DATASET_ERROR_NOT_FOUND, "is a device, not a regular file");
  expect_error ("/dev/zero", NULL, PS_DATASET_ERROR_NOT_FOUND, "not a regular file");
  expect_error (dangling, NULL, PS_DATASET_ERROR_NOT_FOUND, "no such file");
  /* the folder's train-images is the FIFO: named, not "no train-images file" */
  g_assert_null (ps_dataset_load_idx_dir (dir, FALSE, NULL, NULL, NULL, &error));
  g_assert_error (error, PS_DATASET_ERROR, PS_DATASET_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "train-images-idx3-ubyte is a pipe (FIFO)"));
  g_clear_error (&error);
  /* a good images file: the labels are /dev/zero behind a link */
  {
    g_autoptr(GByteArray) a = make_images (0x803, 10, 2, 2, 10);

    g_assert_cmpint (g_unlink (fifo), ==, 0);
    g_assert_true (g_file_set_contents (fifo, (char *) a->data, a->len, NULL));
    g_assert_null (ps_dataset_load_idx_dir (dir, FALSE, NULL, NULL, NULL, &error));
    g_assert_nonnull (strstr (error->message, "train-labels-idx1-ubyte.gz is a device"));
    g_clear_error (&error);
  }
  /* a regular spelling beside a broken one is the one read */
  {
    g_autoptr(GByteArray) a = make_images (0x803, 10, 2, 2, 10);
    g_autoptr(GByteArray) l = make_labels (10, 10, 9);
    g_autofree char *lp = g_build_filename (dir, "train-labels.idx1-ubyte", NULL);
    g_autoptr(PsDataset) ds = NULL;

    g_assert_true (g_file_set_contents (fifo, (char *) a->data, a->len, NULL));
    g_assert_true (g_file_set_contents (lp, (char *) l->data, l->len, NULL));
    ds = ps_dataset_load_idx_dir (dir, FALSE, NULL, NULL, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (ds->n_samples, ==, 10);
  }
  /* t10k: the dangling link is named */
  {
    g_autoptr(GByteArray) l = make_labels (10, 10, 9);
    g_autofree char *lp = g_build_filename (dir, "t10k-labels-idx1-ubyte", NULL);

    g_assert_true (g_file_set_contents (lp, (char *) l->data, l->len, NULL));
  }
  g_assert_null (ps_dataset_load_idx_dir (dir, TRUE, NULL, NULL, NULL, &error));
  g_assert_nonnull (strstr (error->message, "t10k-images-idx3-ubyte: no such file"));
}

/* Issue 8, family 15: what is wrong with a folder is said, naming it: not a
 * folder, permission denied (when not root: root may read anything; the CLI
 * test runs this as nobody), no files. */
static void
test_folder_messages (void)
{
  g_autofree char *file = write_tmp ("plain-file", "x", 1);
  g_autofree char *under_file = g_build_filename (file, "mnist", NULL);
  g_autofree char *empty = g_build_filename (tmpdir, "empty-folder", NULL);
  g_autofree char *locked = g_build_filename (tmpdir, "locked-folder", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_null (ps_dataset_load_idx_dir (file, FALSE, NULL, NULL, NULL, &error));
  g_assert_nonnull (strstr (error->message, "plain-file: not a folder"));
  g_clear_error (&error);
  g_assert_null (ps_dataset_load_idx_dir (under_file, FALSE, NULL, NULL, NULL, &error));
  g_assert_nonnull (strstr (error->message, "plain-file/mnist: not a folder"));
  g_clear_error (&error);
  g_assert_cmpint (g_mkdir_with_parents (empty, 0755), ==, 0);
  g_assert_null (ps_dataset_load_idx_dir (empty, FALSE, NULL, NULL, NULL, &error));
  g_assert_nonnull (strstr (error->message, "no train-images-idx3-ubyte[.gz] file"));
  g_clear_error (&error);

  g_assert_cmpint (g_mkdir_with_parents (locked, 0755), ==, 0);
  {
    g_autoptr(GByteArray) a = make_images (0x803, 10, 2, 2, 10);
    g_autofree char *img = g_build_filename (locked, "train-images-idx3-ubyte", NULL);

    g_assert_true (g_file_set_contents (img, (char *) a->data, a->len, NULL));
  }
  g_assert_cmpint (g_chmod (locked, 0), ==, 0);
  if (geteuid () == 0)
    g_test_message ("running as root, which may read a mode-000 folder: the permission "
                    "case is tested by tests/robust/test_cli_idx.py as nobody");
  else
    {
      g_assert_null (ps_dataset_load_idx_dir (locked, FALSE, NULL, NULL, NULL, &error));
      g_assert_nonnull (strstr (error->message, "locked-folder: permission denied"));
      g_clear_error (&error);
    }
  g_assert_cmpint (g_chmod (locked, 0755), ==, 0);
}

static PsDataset *
image_set (guint n, guint h, guint w, guint32 max_label)
{
  PsDataset *d = ps_dataset_new_u8 ("t10k-images-idx3-ubyte", n, (gsize) h * w, 10);

  d->image_height = h;
  d->image_width = w;
  for (guint i = 0; i < n; i++)
    d->labels[i] = i % (max_label + 1);
  return d;
}

/* Issue 8, family 3: a test set that does not fit its training set. */
static void
test_check_test_set (void)
{
  g_autoptr(PsDataset) train = image_set (5, 28, 28, 9);
  g_autoptr(PsDataset) same = image_set (3, 28, 28, 9);
  g_autoptr(PsDataset) other = image_set (3, 20, 20, 9);
  g_autoptr(PsDataset) transposed = image_set (3, 14, 56, 9);
  g_autoptr(PsDataset) flat = ps_dataset_new ("flat", 3, 784, 10);
  g_autoptr(PsDataset) small = ps_dataset_new ("small", 3, 4, 2);
  g_autoptr(PsDataset) small_test = ps_dataset_new ("small-test", 3, 4, 3);
  g_autoptr(PsDataset) small_wide = ps_dataset_new ("small-wide", 3, 5, 2);
  g_autoptr(GError) error = NULL;

  g_assert_true (ps_dataset_check_test_set (train, same, "x", &error));
  g_assert_no_error (error);

  g_assert_false (ps_dataset_check_test_set (train, other, "/d/t10k-images-idx3-ubyte.gz", &error));
  g_assert_error (error, PS_DATASET_ERROR, PS_DATASET_ERROR_MISMATCH);
  g_assert_cmpstr (error->message, ==, "/d/t10k-images-idx3-ubyte.gz: test images of 20 × 20 "
                   "pixels, but the training images are 28 × 28");
  g_clear_error (&error);
  /* the same pixel count in another shape is another image */
  g_assert_false (ps_dataset_check_test_set (train, transposed, NULL, &error));
  g_assert_nonnull (strstr (error->message, "t10k-images-idx3-ubyte: test images of 14 × 56"));
  g_clear_error (&error);
  g_assert_false (ps_dataset_check_test_set (train, flat, NULL, &error));
  g_assert_nonnull (strstr (error->message, "flat: the test set is not images"));
  g_clear_error (&error);
  g_assert_false (ps_dataset_check_test_set (small, small_wide, NULL, &error));
  g_assert_nonnull (strstr (error->message, "5 features, but the training set has 4"));
  g_clear_error (&error);
  /* labels beyond the training classes */
  small_test->labels[2] = 2;
  g_assert_false (ps_dataset_check_test_set (small, small_test, NULL, &error));
  g_assert_error (error, PS_DATASET_ERROR, PS_DATASET_ERROR_MISMATCH);
  g_assert_nonnull (strstr (error->message, "sample 3 of the test set has class 2"));
  g_clear_error (&error);
  small_test->labels[2] = 1;
  g_assert_true (ps_dataset_check_test_set (small, small_test, NULL, NULL));
}

typedef struct
{
  GCancellable *cancellable;
  double        last;
  guint         calls;
  double        cancel_at;
} ProgressData;

static void
on_progress (double   fraction,
             gpointer user_data)
{
  ProgressData *pd = user_data;

  g_assert_cmpfloat (fraction, >=, pd->last);
  g_assert_cmpfloat (fraction, <=, 1.0);
  pd->last = fraction;
  pd->calls++;
  if (pd->cancellable != NULL && fraction >= pd->cancel_at)
    g_cancellable_cancel (pd->cancellable);
}

static void
test_progress_cancel (void)
{
  g_autofree char *dir = mnist_dir ();

  if (dir == NULL)
    {
      g_test_skip ("no data/datasets/mnist: it ships with the source tree");
      return;
    }
  {
    ProgressData pd = { NULL, 0.0, 0, 0.0 };
    g_autoptr(PsDataset) ds = ps_dataset_load_idx_dir (dir, TRUE, NULL, on_progress, &pd, NULL);
    g_assert_nonnull (ds);
    g_assert_cmpuint (pd.calls, >, 3);
    g_assert_cmpfloat (pd.last, ==, 1.0);
  }
  {
    g_autoptr(GCancellable) c = g_cancellable_new ();
    ProgressData pd = { c, 0.0, 0, 0.3 };
    g_autoptr(GError) error = NULL;
    g_autoptr(PsDataset) ds = ps_dataset_load_idx_dir (dir, TRUE, c, on_progress, &pd, &error);
    g_assert_null (ds);
    g_assert_error (error, PS_DATASET_ERROR, PS_DATASET_ERROR_CANCELLED);
    g_assert_cmpfloat (pd.last, <, 1.0);
  }
  {
    g_autoptr(GCancellable) c = g_cancellable_new ();
    g_autoptr(GError) error = NULL;
    g_cancellable_cancel (c);
    g_assert_null (ps_dataset_load_idx_dir (dir, FALSE, c, NULL, NULL, &error));
    g_assert_error (error, PS_DATASET_ERROR, PS_DATASET_ERROR_CANCELLED);
  }
}

/* Scaled rows of real digits: unit is exactly v / 255. */
static void
test_mnist_scaling (void)
{
  g_autofree char *dir = mnist_dir ();
  g_autoptr(PsDataset) train = NULL;
  g_autoptr(PsDataset) test = NULL;
  float row[784];
  const guint32 idx[] = { 9999 };

  if (dir == NULL)
    {
      g_test_skip ("no data/datasets/mnist: it ships with the source tree");
      return;
    }
  train = ps_dataset_load_idx_dir (dir, FALSE, NULL, NULL, NULL, NULL);
  test = ps_dataset_load_idx_dir (dir, TRUE, NULL, NULL, NULL, NULL);
  ps_dataset_set_scaling (test, PS_SCALING_UNIT, train);
  ps_dataset_gather (test, idx, 0, 1, row, NULL);
  for (int j = 0; j < 784; j++)
    g_assert_cmpfloat (row[j], ==, test->x_u8[9999 * 784 + j] / 255.0f);

  ps_dataset_set_scaling (train, PS_SCALING_STANDARD, NULL);
  {
    /* a feature's mean over the training set is then ~0 */
    double m = 0.0;
    for (gsize i = 0; i < train->n_samples; i++)
      m += ps_dataset_get (train, i, 14 * 28 + 14);
    g_assert_cmpfloat (fabs (m / train->n_samples), <, 1e-4);
  }
}

int
main (int argc, char **argv)
{
  int ret;

  g_test_init (&argc, &argv, NULL);
  tmpdir = g_dir_make_tmp ("ps-test-idx-XXXXXX", NULL);
  g_assert_nonnull (tmpdir);

  g_test_add_func ("/idx/mnist-files-are-official", test_mnist_files_are_official);
  g_test_add_func ("/idx/mnist-dir", test_mnist_dir);
  g_test_add_func ("/idx/mnist-raw-dotted", test_mnist_raw_dotted);
  g_test_add_func ("/idx/mnist-scaling", test_mnist_scaling);
  g_test_add_func ("/idx/fashion", test_fashion);
  g_test_add_func ("/idx/small-valid", test_small_valid);
  g_test_add_func ("/idx/broken", test_broken);
  g_test_add_func ("/idx/progress-cancel", test_progress_cancel);
  g_test_add_func ("/idx/multi-member", test_multi_member);
  g_test_add_func ("/idx/shrinks-while-loading", test_shrinks_while_loading);
  g_test_add_func ("/idx/not-regular", test_not_regular);
  g_test_add_func ("/idx/folder-messages", test_folder_messages);
  g_test_add_func ("/idx/check-test-set", test_check_test_set);
  ret = g_test_run ();

  {
    /* remove the scratch files */
    GDir *d = g_dir_open (tmpdir, 0, NULL);
    const char *name;
    while (d != NULL && (name = g_dir_read_name (d)) != NULL)
      {
        g_autofree char *p = g_build_filename (tmpdir, name, NULL);
        if (g_file_test (p, G_FILE_TEST_IS_DIR))
          {
            GDir *sd = g_dir_open (p, 0, NULL);
            const char *sn;
            while (sd != NULL && (sn = g_dir_read_name (sd)) != NULL)
              {
                g_autofree char *sp = g_build_filename (p, sn, NULL);
                g_unlink (sp);
              }
            if (sd != NULL)
              g_dir_close (sd);
            g_rmdir (p);
          }
        else
          g_unlink (p);
      }
    if (d != NULL)
      g_dir_close (d);
    g_rmdir (tmpdir);
  }
  g_free (tmpdir);
  return ret;
}
