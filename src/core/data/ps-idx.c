/* ps-idx.c: IDX files (MNIST, Fashion-MNIST), gzipped or raw
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The header is checked against what the file can hold before anything big is
 * allocated: a raw file's size must cover header + data; a gzipped file's
 * claim may not exceed what deflate can expand the compressed bytes to
 * (~1032:1). The gzip trailer's ISIZE (the uncompressed size mod 2^32 of the
 * LAST member only: a multi-member file, cat a.gz b.gz, pigz, bgzip, holds
 * more) is a hint for the first allocation, never a reason to refuse: the
 * buffers then grow with the data actually decompressed, up to the header's
 * claim. Reading checks every byte count, so a file that lies, is truncated
 * or shrinks while it loads ends in PS_DATASET_ERROR_TRUNCATED naming the
 * file and the counts, never in a crash or in training on partial data.
 * Only regular files are read: a FIFO, a device (/dev/zero) or a socket is
 * refused at once (opened with O_NONBLOCK and checked with fstat first).
 * Pixels stay bytes (x_u8); scaling is applied on the fly by the dataset.
 */
#include "config.h"

#include "ps-dataset.h"
#include "ps-idx.h"
#include "ps-dataset-private.h"
#include "ps-gzip.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define IDX_MAGIC_IMAGES 0x00000803u
#define IDX_MAGIC_LABELS 0x00000801u
#define IDX_MAX_SIDE     16384u
#define IDX_MAX_COUNT    ((guint64) G_MAXINT32)
#define DEFLATE_MAX_RATIO 1032u
#define READ_CHUNK       (1 << 20)

static const char *const fashion_names[] = {
  "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
  "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot", NULL,
};

typedef struct
{
  char          *display;
  GInputStream  *stream;       /* raw file or decompressing stream */
  guint64        file_size;    /* on disk */
  gboolean       gz;
  guint32        isize;        /* gzip trailer: uncompressed size mod 2^32 */
} IdxFile;

typedef struct
{
  GCancellable       *cancellable;
  PsLoadProgressFunc  progress;
  gpointer            user_data;
  guint64             total;      /* bytes to read over both files */
  guint64             done;
  double              last;
} IdxProgress;

static void
idx_file_clear (IdxFile *f)
{
  g_clear_object (&f->stream);
  g_clear_pointer (&f->display, g_free);
}

static void
set_cancelled (const char  *display,
               GError     **error)
{
  g_set_error (error, PS_DATASET_ERROR, PS_DATASET_ERROR_CANCELLED,
               "Loading %s was cancelled", display);
}

/* Maps a GIO read error to ours. */
static void
set_read_error (IdxFile  *f,
                GError   *local,
                GError  **error)
{
  if (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    set_cancelled (f->display, error);
  else if (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT))
    g_set_error (error, PS_DATASET_ERROR, PS_DATASET_ERROR_TRUNCATED,
                 "%s: the compressed data ends early (truncated file)", f->display);
  else if (f->gz)
    g_set_error (error, PS_DATASET_ERROR, PS_DATASET_ERROR_PARSE,
                 "%s: corrupt gzip data: %s", f->display, local->message);
  else
    g_set_error (error, PS_DATASET_ERROR, PS_DATASET_ERROR_NOT_FOUND,
                 "%s: %s", f->display, local->message);
}

static const char *
kind_of (mode_t m)
{
  if (S_ISFIFO (m))
    return "a pipe (FIFO)";
  if (S_ISCHR (m) || S_ISBLK (m))
    return "a device";
  if (S_ISSOCK (m))
    return "a socket";
  return "not a plain file";
}

/* Maps an errno from opening or checking @f to our error. */
static void
set_errno_error (IdxFile  *f,
                 int       saved,
                 GError  **error)
{
  if (saved == ENOENT)
    g_set_error (error, PS_DATASET_ERROR, PS_DATASET_ERROR_NOT_FOUND,
                 "%s: no such file", f->display);
  else if (saved == EACCES || saved == EPERM)
    g_set_error (error, PS_DATASET_ERROR, PS_DATASET_ERROR_NOT_FOUND,
                 "%s: permission denied", f->display);
  else if (saved == ENOTDIR)
    g_set_error (error, PS_DATASET_ERROR, PS_DATASET_ERROR_NOT_FOUND,
                 "%s: a part of the path is a file, not a folder", f->display);
  else
    g_set_error (error, PS_DATASET_ERROR, PS_DATASET_ERROR_NOT_FOUND,
                 "%s: %s", f->display, g_strerror (saved));
}

/* Refuses anything but a regular file without ever blocking: a FIFO with no
 * writer would block a plain open() forever, /dev/zero never ends. The path
 * is opened with O_NONBLOCK and checked with fstat; the stream GIO opens next
 * must then be the same file (same device and inode). */
static gboolean
idx_check_regular (IdxFile      *f,
                   const char   *path,
                   GStatBuf     *st,
                   GError      **error)
{
  int fd, saved;

  fd = g_open (path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY, 0);
  if (fd < 0)
    {
      saved = errno;
      if (saved == EISDIR)
        g_set_error (error, PS_DATASET_ERROR, PS_DATASET_ERROR_NOT_FOUND,
                     "%s is a folder, not an IDX file", f->display);
      else
        set_errno_error (f, saved, error);
      return FALSE;
    }
  if (fstat (fd, st) != 0)
    {
      saved = errno;
      close (fd);
      set_errno_error (f, saved, error);
      return FALSE;
    }
  close (fd);
  if (S_ISDIR (st->st_mode))
    {
      g_set_error (error, PS_DATASET_ERROR, PS_DATASET_ERROR_NOT_FOUND,
                   "%s is a folder, not an IDX file", f->display);
      return FALSE;
    }
  if (!S_ISREG (st->st_mode))
    {
      g_set_error (error, PS_DATASET_ERROR, PS_DATASET_ERROR_NOT_FOUND,
                   "%s is %s, not a regular file: IDX data is read from files only",
                   f->display, kind_of (st->st_mode));
      return FALSE;
    }
  return TRUE;
}

static gboolean
idx_open (IdxFile      *f,
          const char   *path,
          GCancellable *cancellable,
          GError      **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) in = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local = NULL;
  guint8 head[2] = { 0, 0 };
  gsize got = 0;
  GStatBuf st;

  f->display = g_filename_display_name (path);

  if (!idx_check_regular (f, path, &st, error))
    return FALSE;

  in = g_file_read (file, cancellable, &local);
  if (in == NULL)
    {
      if (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        set_cancelled (f->display, error);
      else if (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY))
        g_set_error (error, PS_DATASET_ERROR, PS_DATASET_ERROR_NOT_FOUND,
                     "%s is a folder, not an IDX file", f->display);
      else if (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        g_set_error (error, PS_DATASET_ERROR, PS_DATASET_ERROR_NOT_FOUND,
                     "%s: no such file", f->display);
      else if (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED))
        g_set_error (error, PS_DATASET_ERROR, PS_DATASET_ERROR_NOT_FOUND,
                     "%s: permission denied", f->display);
      else
        g_set_error (error, PS_DATASET_ERROR, PS_DATASET_ERROR_NOT_FOUND,
                     "%s: %s", f->display, local->message);
      return FALSE;
    }
  info = g_file_input_stream_query_info (in, G_FILE_ATTRIBUTE_STANDARD_SIZE ","
                                         G_FILE_ATTRIBUTE_STANDARD_TYPE ","
                                         G_FILE_ATTRIBUTE_UNIX_DEVICE ","
                                         G_FILE_ATTRIBUTE_UNIX_INODE, cancellable, &local);
  if (info == NULL)
    {
      set_read_error (f, local, error);
      return FALSE;
    }
  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR
      || (g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_UNIX_INODE)
          && (g_file_info_get_attribute_uint64 (info, G_FILE_ATTRIBUTE_UNIX_INODE)
              != (guint64) st.st_ino
              || g_file_info_get_attribute_uint32 (info, G_FILE_ATTRIBUTE_UNIX_DEVICE)
              != (guint32) st.st_dev)))
    {
      g_set_error (error, PS_DATASET_ERROR, PS_DATASET_ERROR_NOT_FOUND,
                   "%s was replaced while it was being opened", f->display);
      return FALSE;
    }
  f->file_size = (guint64) g_file_info_get_size (info);

  if (!g_input_stream_read_all (G_INPUT_STREAM (in), head, 2, &got, cancellable, &local))
    {
      set_read_error (f, local, error);
      return FALSE;
    }
  f->gz = got == 2 && head[0] == 0x1f && head[1] == 0x8b;

  if (f->gz)
    {
      guint8 trailer[4];

      /* gzip header (10) + trailer (8) at least */
      if (f->file_size < 18
          || !g_seekable_seek (G_SEEKABLE (in), (goffset) f->file_size - 4, G_SEEK_SET,
                               cancellable, &local)
          || !g_input_stream_read_all (G_INPUT_STREAM (in), trailer, 4, &got, cancellable, &local)
          || got != 4)
        {
          if (local != NULL)
            set_read_error (f, local, error);
          else
            g_set_error (error, PS_DATASET_ERROR, PS_DATASET_ERROR_TRUNCATED,
                         "%s: the gzip file is truncated (%" G_GUINT64_FORMAT " bytes)",
                         f->display, f->file_size);
          return FALSE;
        }
      f->isize = (guint32) trailer[0] | ((guint32) trailer[1] << 8)
                 | ((guint32) trailer[2] << 16) | ((guint32) trailer[3] << 24);
    }
  if (!g_seekable_seek (G_SEEKABLE (in), 0, G_SEEK_SET, cancellable, &local))
    {
      set_read_error (f, local, error);
      return FALSE;
    }

  if (f->gz)
    {
      /* every member: cat a.gz b.gz, pigz and bgzip write several */
      g_autoptr(PsGzipDecompressor) z = ps_gzip_decompressor_new ();
      f->stream = g_converter_input_stream_new (G_INPUT_STREAM (in), G_CONVERTER (z));
    }
  else
    f->stream = G_INPUT_STREAM (g_steal_pointer (&in));
  return TRUE;
}

/* Reads exactly @size bytes into *@buf, which holds *@cap bytes and grows
 * (doubling, never past @size) as data actually arrives: a small file whose
 * header claims much gets no big buffer. FALSE with TRUNCATED naming the file
 * and @claim when the data ends first: a short read is always an error. */
static gboolean
idx_read (IdxFile      *f,
          guint8      **buf,
          gsize        *cap,
          gsize         size,
          IdxProgress  *p,
          const char   *claim,
          GError      **error)
{
  gsize pos = 0;

  while (pos < size)
    {
      g_autoptr(GError) local = NULL;
      gsize want = MIN (size - pos, READ_CHUNK);
      gsize got = 0;

      if (g_cancellable_is_cancelled (p->cancellable))
        {
          set_cancelled (f->display, error);
          return FALSE;
        }
      if (pos + want > *cap)
        {
          gsize grown = MIN (size, MAX (pos + want, *cap < size / 2 ? *cap * 2 : size));
          guint8 *b = g_try_realloc (*buf, grown);

          if (b == NULL)
            {
              g_set_error (error, PS_DATASET_ERROR, PS_DATASET_ERROR_TOO_LARGE,
                           "%s: out of memory for %s", f->display, claim);
              return FALSE;
            }
          *buf = b;
          *cap = grown;
        }
      if (!g_input_stream_read_all (f->stream, *buf + pos, want, &got, p->cancellable, &local))
        {
          if (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT))
            g_set_error (error, PS_DATASET_ERROR, PS_DATASET_ERROR_TRUNCATED,
                         "%s: the compressed data ends after %" G_GSIZE_FORMAT " of the %"
                         G_GSIZE_FORMAT " bytes its header announces for %s (truncated file)",
                         f->display, pos + got, size, claim);
          else
            set_read_error (f, local, error);
          return FALSE;
        }
      pos += got;
      p->done += got;
      if (p->progress != NULL && p->total > 0)
        {
          double fr = MIN (1.0, (double) p->done / (double) p->total);
          if (fr - p->last >= 0.005)
            {
              p->last = fr;
              p->progress (fr, p->user_data);
            }
        }
      if (got < want)
        {
          g_set_error (error, PS_DATASET_ERROR, PS_DATASET_ERROR_TRUNCATED,
                       "%s: the %s ends after %" G_GSIZE_FORMAT " of the %" G_GSIZE_FORMAT
                       " bytes its header announces for %s (truncated file, or it shrank "
                       "while it was read)", f->display,
                       f->gz ? "decompressed data" : "file", pos, size, claim);
          return FALSE;
        }
    }
  return TRUE;
}

/* After the data the header announces, the file must end: more data means
 * the header does not describe the file (two IDX files concatenated, a
 * wrong count), or the file grew while it was read. */
static gboolean
idx_expect_end (IdxFile      *f,
                IdxProgress  *p,
                const char   *claim,
                GError      **error)
{
  g_autoptr(GError) local = NULL;
  guint8 extra;
  gssize got = g_input_stream_read (f->stream, &extra, 1, p->cancellable, &local);

  if (got < 0)
    {
      set_read_error (f, local, error);
      return FALSE;
    }
  if (got > 0)
    {
      g_set_error (error, PS_DATASET_ERROR, PS_DATASET_ERROR_PARSE,
                   "%s: the %s goes on after the %s its header announces (a wrong "
                   "header, or files joined together)", f->display,
                   f->gz ? "decompressed data" : "file", claim);
      return FALSE;
    }
  return TRUE;
}

/* The first allocation for @size bytes of data: all of it for a raw file
 * (its size was checked against the header); for a gzipped one what the last
 * member's ISIZE hints at, at least 1 MiB and at most 64 MiB (a forged ISIZE
 * gets no big buffer; a multi-member file holds more than its last ISIZE):
 * the buffer then grows with the data actually decompressed (idx_read). */
static gsize
idx_initial_size (IdxFile *f,
                  guint64  header_len,
                  gsize    size)
{
  guint64 hint;

  if (!f->gz)
    return size;
  hint = f->isize > header_len ? f->isize - header_len : 0;
  hint = CLAMP (hint, (guint64) READ_CHUNK, (guint64) 64 * READ_CHUNK);
  return (gsize) MIN ((guint64) size, hint);
}

static guint32
be32 (const guint8 *b)
{
  return ((guint32) b[0] << 24) | ((guint32) b[1] << 16) | ((guint32) b[2] << 8) | b[3];
}

/* Reads and checks the magic and the dimensions. */
static gboolean
idx_header (IdxFile      *f,
            guint32       magic,
            guint32      *dims,
            guint         n_dims,
            IdxProgress  *p,
            GError      **error)
{
  guint8 head[4 + 4 * 3];
  guint32 m;
  gsize len = 4 + 4 * n_dims;
  g_autoptr(GError) local = NULL;
  gsize got = 0;

  if (!g_input_stream_read_all (f->stream, head, len, &got, p->cancellable, &local))
    {
      set_read_error (f, local, error);
      return FALSE;
    }
  if (got >= 4)
    {
      m = be32 (head);
      if (m != magic)
        {
          const char *kind = magic == IDX_MAGIC_IMAGES ? "image" : "label";

          if (m == IDX_MAGIC_IMAGES || m == IDX_MAGIC_LABELS)
            g_set_error (error, PS_DATASET_ERROR, PS_DATASET_ERROR_PARSE,
                         "%s is an IDX %s file where an IDX %s file was expected",
                         f->display, m == IDX_MAGIC_IMAGES ? "image" : "label", kind);
          else if ((m >> 16) == 0 && (m & 0xff) >= 1 && (m & 0xff) <= 4)
            g_set_error (error, PS_DATASET_ERROR, PS_DATASET_ERROR_PARSE,
                         "%s: unsupported IDX data type 0x%02x with %u dimensions "
                         "(expected unsigned bytes, magic 0x%08x)", f->display,
                         (m >> 8) & 0xff, m & 0xff, magic);
          else
            g_set_error (error, PS_DATASET_ERROR, PS_DATASET_ERROR_PARSE,
                         "%s is not an IDX %s file (magic number 0x%08x, expected 0x%08x)",
                         f->display, kind, m, magic);
          return FALSE;
        }
    }
  if (got < len)
    {
      g_set_error (error, PS_DATASET_ERROR, PS_DATASET_ERROR_TRUNCATED,
                   "%s: the file ends inside its %" G_GSIZE_FORMAT "-byte IDX header "
                   "(%" G_GSIZE_FORMAT " bytes)", f->display, len, got);
      return FALSE;
    }
  for (guint k = 0; k < n_dims; k++)
    dims[k] = be32 (head + 4 + 4 * k);
  return TRUE;
}

/* Checks that the file can hold header_len + data bytes. */
static gboolean
idx_check_holds (IdxFile     *f,
                 guint64      header_len,
                 guint64      data,
                 const char  *claim,
                 GError     **error)
{
  guint64 need = header_len + data;

  if (!f->gz)
    {
      if (need > f->file_size)
        {
          g_set_error (error, PS_DATASET_ERROR, PS_DATASET_ERROR_TRUNCATED,
                       "%s: the header announces %s (%" G_GUINT64_FORMAT " bytes) but the "
                       "file holds %" G_GUINT64_FORMAT " bytes (truncated file or lying "
                       "header)", f->display, claim, need, f->file_size);
          return FALSE;
        }
      return TRUE;
    }

  if (need / DEFLATE_MAX_RATIO > f->file_size)
    {
      g_set_error (error, PS_DATASET_ERROR, PS_DATASET_ERROR_TRUNCATED,
                   "%s: the header announces %s (%" G_GUINT64_FORMAT " bytes), more than "
                   "%" G_GUINT64_FORMAT " compressed bytes can hold (lying header)",
                   f->display, claim, need, f->file_size);
      return FALSE;
    }
  /* (the gzip trailer's ISIZE is only the last member's size: a hint for the
   * first allocation, see idx_initial_size, never a reason to refuse) */
  return TRUE;
}

static gboolean
check_memory (const char  *display,
              guint64      bytes,
              const char  *claim,
              GError     **error)
{
  guint64 limit = ps_dataset_memory_limit ();

  if (bytes > limit)
    {
      g_set_error (error, PS_DATASET_ERROR, PS_DATASET_ERROR_TOO_LARGE,
                   "%s: %s need %" G_GUINT64_FORMAT " MB, more than this machine can "
                   "give (%" G_GUINT64_FORMAT " MB)", display, claim, bytes >> 20,
                   limit >> 20);
      return FALSE;
    }
  return TRUE;
}

/* The image count and sizes of an images header (dims: n, rows, cols) are
 * ones we take and that the file and memory can hold; *claim describes them
 * for messages ("60000 images of 28 × 28"). */
static gboolean
check_image_sizes (IdxFile        *img,
                   const guint32  *dims,
                   guint64        *pixels,
                   guint64        *bytes,
                   char          **claim,
                   GError        **error)
{
  guint64 n = dims[0];

  if (dims[1] == 0 || dims[2] == 0 || dims[1] > IDX_MAX_SIDE || dims[2] > IDX_MAX_SIDE)
    {
      g_set_error (error, PS_DATASET_ERROR, PS_DATASET_ERROR_TOO_LARGE,
                   "%s: images of %u × %u pixels are not supported (1–%u per side)",
                   img->display, dims[1], dims[2], IDX_MAX_SIDE);
      return FALSE;
    }
  if (n == 0)
    {
      g_set_error (error, PS_DATASET_ERROR, PS_DATASET_ERROR_EMPTY,
                   "%s holds no images", img->display);
      return FALSE;
    }
  *pixels = (guint64) dims[1] * dims[2];
  /* n < 2^32 and pixels ≤ 2^28: the product fits in 64 bits. */
  *bytes = n * *pixels;
  *claim = g_strdup_printf ("%" G_GUINT64_FORMAT " images of %u × %u", n, dims[1], dims[2]);
  if (!check_memory (img->display, *bytes + n * (sizeof (guint32) + 1), *claim, error)
      || !idx_check_holds (img, 16, *bytes, *claim, error))
    return FALSE;
  if ((gsize) *bytes != *bytes)
    {
      g_set_error (error, PS_DATASET_ERROR, PS_DATASET_ERROR_TOO_LARGE,
                   "%s: %s do not fit in memory", img->display, *claim);
      return FALSE;
    }
  return TRUE;
}

/* (transfer full): the n labels after the header, each a class 0–9, or
 * NULL with error set. */
static guint8 *
read_labels (IdxFile      *lab,
             gsize         n,
             IdxProgress  *p,
             const char   *lclaim,
             GError      **error)
{
  g_autofree guint8 *raw_labels = NULL;
  gsize cap = idx_initial_size (lab, 8, n);

  raw_labels = g_try_malloc (cap);
  if (raw_labels == NULL)
    {
      g_set_error (error, PS_DATASET_ERROR, PS_DATASET_ERROR_TOO_LARGE,
                   "%s: out of memory for %s", lab->display, lclaim);
      return NULL;
    }
  if (!idx_read (lab, &raw_labels, &cap, n, p, lclaim, error)
      || !idx_expect_end (lab, p, lclaim, error))
    return NULL;
  for (gsize i = 0; i < n; i++)
    if (raw_labels[i] >= 10)
      {
        g_set_error (error, PS_DATASET_ERROR, PS_DATASET_ERROR_PARSE,
                     "%s: label %u of sample %" G_GSIZE_FORMAT " is not a class "
                     "0–9", lab->display, raw_labels[i], i);
        return NULL;
      }
  return g_steal_pointer (&raw_labels);
}

/**
 * ps_dataset_load_idx:
 * @images_path: an IDX3 unsigned-byte image file, gzipped or raw
 * @labels_path: (nullable): the matching IDX1 label file (labels 0–9)
 *
 * Returns: (transfer full): n × (rows·cols) byte features with the image
 * shape set, classes "0".."9"; or NULL with a PS_DATASET_ERROR naming the file.
 * Without @labels_path every label is 0.
 */
PsDataset *
ps_dataset_load_idx (const char          *images_path,
                     const char          *labels_path,
                     GCancellable        *cancellable,
                     PsLoadProgressFunc   progress,
                     gpointer             user_data,
                     GError             **error)
{
  IdxFile img = { 0 }, lab = { 0 };
  IdxProgress p = { cancellable, progress, user_data, 0, 0, 0.0 };
  g_autoptr(PsDataset) ds = NULL;
  g_autofree guint8 *raw_labels = NULL;
  g_autofree guint8 *x_u8 = NULL;
  g_autofree char *claim = NULL;
  g_autofree char *lclaim = NULL;
  gsize cap;
  g_autofree char *basename = NULL;
  guint32 dims[3], ldims[1] = { 0 };
  guint64 n, pixels, bytes;
  gboolean ok = FALSE;

  g_return_val_if_fail (images_path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!idx_open (&img, images_path, cancellable, error)
      || !idx_header (&img, IDX_MAGIC_IMAGES, dims, 3, &p, error))
    goto out;

  n = dims[0];
  if (!check_image_sizes (&img, dims, &pixels, &bytes, &claim, error))
    goto out;

  if (labels_path != NULL)
    {
      if (!idx_open (&lab, labels_path, cancellable, error)
          || !idx_header (&lab, IDX_MAGIC_LABELS, ldims, 1, &p, error))
        goto out;
      if (ldims[0] != n)
        {
          g_set_error (error, PS_DATASET_ERROR, PS_DATASET_ERROR_MISMATCH,
                       "%s holds %u labels but %s holds %" G_GUINT64_FORMAT " images",
                       lab.display, ldims[0], img.display, n);
          goto out;
        }
      lclaim = g_strdup_printf ("%u labels", ldims[0]);
      if (!idx_check_holds (&lab, 8, n, lclaim, error))
        goto out;
    }

  /* Nothing is sized by the header before its data has actually arrived:
   * the buffers grow as they fill (see idx_read). */
  p.total = bytes + (labels_path != NULL ? n : 0);
  cap = idx_initial_size (&img, 16, (gsize) bytes);
  x_u8 = g_try_malloc (cap);
  if (x_u8 == NULL)
    {
      g_set_error (error, PS_DATASET_ERROR, PS_DATASET_ERROR_TOO_LARGE,
                   "%s: out of memory for %s", img.display, claim);
      goto out;
    }
  if (!idx_read (&img, &x_u8, &cap, (gsize) bytes, &p, claim, error)
      || !idx_expect_end (&img, &p, claim, error))
    goto out;

  if (labels_path != NULL)
    {
      raw_labels = read_labels (&lab, (gsize) n, &p, lclaim, error);
      if (raw_labels == NULL)
        goto out;
    }

  basename = g_path_get_basename (img.display);
  ds = ps_dataset_new_empty (basename);
  ds->n_samples = (gsize) n;
  ds->n_features = (gsize) pixels;
  ds->image_height = dims[1];
  ds->image_width = dims[2];
  ds->n_classes = 10;
  ds->class_names = ps_dataset_numbered_names (10);
  ds->x_u8 = g_steal_pointer (&x_u8);
  ds->labels = g_try_new0 (guint32, (gsize) n);
  if (ds->labels == NULL)
    {
      g_set_error (error, PS_DATASET_ERROR, PS_DATASET_ERROR_TOO_LARGE,
                   "%s: out of memory for %s", img.display, claim);
      goto out;
    }
  if (raw_labels != NULL)
    for (gsize i = 0; i < n; i++)
      ds->labels[i] = raw_labels[i];

  if (progress != NULL)
    progress (1.0, user_data);
  ok = TRUE;

out:
  idx_file_clear (&img);
  idx_file_clear (&lab);
  return ok ? g_steal_pointer (&ds) : NULL;
}

/* The first IDX spelling of @prefix-@kind in @dir that is a regular file;
 * else the first that exists as anything (a FIFO, a device, a dangling link,
 * a file behind a folder we may not search), so that the loader says what is
 * wrong with it instead of "no such file". NULL when none. */
static char *
find_idx_file (const char *dir,
               const char *prefix,
               const char *kind)
{
  /* "train-images-idx3-ubyte" and the dotted "train-images.idx3-ubyte". */
  const char *seps[] = { "-", "." };
  const char *exts[] = { "", ".gz" };
  const char *idx = g_str_equal (kind, "images") ? "idx3-ubyte" : "idx1-ubyte";

  for (int pass = 0; pass < 2; pass++)
    for (gsize s = 0; s < G_N_ELEMENTS (seps); s++)
      for (gsize e = 0; e < G_N_ELEMENTS (exts); e++)
        {
          g_autofree char *name = g_strdup_printf ("%s-%s%s%s%s", prefix, kind, seps[s],
                                                   idx, exts[e]);
          g_autofree char *path = g_build_filename (dir, name, NULL);
          GStatBuf st;

          if (pass == 0 && g_file_test (path, G_FILE_TEST_IS_REGULAR))
            return g_steal_pointer (&path);
          /* (lstat: a dangling symlink is there too, and says so when opened) */
          if (pass == 1 && (g_lstat (path, &st) == 0 || errno != ENOENT))
            return g_steal_pointer (&path);
        }
  return NULL;
}

/* @dir must be a folder we may look into: "permission denied" or "not a
 * folder" naming it, rather than "no train-images file" later. */
static gboolean
check_idx_folder (const char  *dir,
                  const char  *display,
                  GError     **error)
{
  GStatBuf st;
  int saved;

  if (g_stat (dir, &st) != 0)
    {
      saved = errno;
      if (saved == ENOENT)
        g_set_error (error, PS_DATASET_ERROR, PS_DATASET_ERROR_NOT_FOUND,
                     "%s: no such folder", display);
      else if (saved == ENOTDIR)
        g_set_error (error, PS_DATASET_ERROR, PS_DATASET_ERROR_NOT_FOUND,
                     "%s: not a folder (a part of the path is a file)", display);
      else if (saved == EACCES || saved == EPERM)
        g_set_error (error, PS_DATASET_ERROR, PS_DATASET_ERROR_NOT_FOUND,
                     "%s: permission denied", display);
      else
        g_set_error (error, PS_DATASET_ERROR, PS_DATASET_ERROR_NOT_FOUND,
                     "%s: %s", display, g_strerror (saved));
      return FALSE;
    }
  if (!S_ISDIR (st.st_mode))
    {
      g_set_error (error, PS_DATASET_ERROR, PS_DATASET_ERROR_NOT_FOUND,
                   "%s: not a folder", display);
      return FALSE;
    }
  if (g_access (dir, R_OK | X_OK) != 0)
    {
      saved = errno;
      g_set_error (error, PS_DATASET_ERROR, PS_DATASET_ERROR_NOT_FOUND,
                   "%s: %s (the folder cannot be read)", display,
                   saved == EACCES || saved == EPERM ? "permission denied" : g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

/**
 * ps_dataset_load_idx_dir:
 * @dir: a folder with MNIST-style IDX files
 * @test: TRUE for the t10k-* files, FALSE for train-*
 *
 * Accepts train-images-idx3-ubyte, train-images.idx3-ubyte, each raw or .gz.
 * When @dir is Debian's Fashion-MNIST folder or its path contains "fashion",
 * the classes get Fashion-MNIST's names.
 *
 * Returns: (transfer full): the dataset or NULL with an error
 */
PsDataset *
ps_dataset_load_idx_dir (const char          *dir,
                         gboolean             test,
                         GCancellable        *cancellable,
                         PsLoadProgressFunc   progress,
                         gpointer             user_data,
                         GError             **error)
{
  const char *prefix = test ? "t10k" : "train";
  g_autofree char *display = NULL;
  g_autofree char *images = NULL;
  g_autofree char *labels = NULL;
  g_autofree char *lower = NULL;
  g_autofree char *canonical = NULL;
  const char *fashion = ps_dataset_fashion_mnist_dir ();
  PsDataset *ds;

  g_return_val_if_fail (dir != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  display = g_filename_display_name (dir);
  if (!check_idx_folder (dir, display, error))
    return NULL;
  images = find_idx_file (dir, prefix, "images");
  labels = find_idx_file (dir, prefix, "labels");
  if (images == NULL || labels == NULL)
    {
      g_set_error (error, PS_DATASET_ERROR, PS_DATASET_ERROR_NOT_FOUND,
                   "%s: no %s-%s-idx%c-ubyte[.gz] file in this folder", display, prefix,
                   images == NULL ? "images" : "labels", images == NULL ? '3' : '1');
      return NULL;
    }

  ds = ps_dataset_load_idx (images, labels, cancellable, progress, user_data, error);
  if (ds == NULL)
    return NULL;

  lower = g_utf8_strdown (display, -1);
  canonical = g_canonicalize_filename (dir, NULL);
  if (strstr (lower, "fashion") != NULL
      || (fashion != NULL && g_str_equal (canonical, fashion)))
    {
      g_strfreev (ds->class_names);
      ds->class_names = g_strdupv ((char **) fashion_names);
    }
  return ds;
}

/**
 * ps_dataset_check_test_set:
 * @train: the training set a model is trained on
 * @test: the test set loaded beside it (the t10k files of an IDX folder)
 * @what: (nullable): names @test in the message, e.g. its file; NULL: its name
 * @error: PS_DATASET_ERROR_MISMATCH saying what does not fit
 *
 * A test set must have the training set's shape: as many features (the same
 * image size for images) and no label beyond the training classes. Every
 * loader of a train/test pair calls this (the CLI and the app), so that a
 * t10k file of other dimensions is refused, never read out of bounds.
 *
 * Returns: TRUE when @test fits @train
 */
gboolean
ps_dataset_check_test_set (const PsDataset  *train,
                           const PsDataset  *test,
                           const char       *what,
                           GError          **error)
{
  g_return_val_if_fail (train != NULL, FALSE);
  g_return_val_if_fail (test != NULL, FALSE);

  if (what == NULL)
    what = test->name;
  if (test->image_width != train->image_width || test->image_height != train->image_height)
    {
      if (train->image_width > 0 && test->image_width > 0)
        g_set_error (error, PS_DATASET_ERROR, PS_DATASET_ERROR_MISMATCH,
                     "%s: test images of %u × %u pixels, but the training images "
                     "are %u × %u", what, test->image_height, test->image_width,
                     train->image_height, train->image_width);
      else
        g_set_error (error, PS_DATASET_ERROR, PS_DATASET_ERROR_MISMATCH,
                     "%s: the test set is %s, the training set is %s", what,
                     test->image_width > 0 ? "images" : "not images",
                     train->image_width > 0 ? "images" : "not images");
      return FALSE;
    }
  if (test->n_features != train->n_features)
    {
      g_set_error (error, PS_DATASET_ERROR, PS_DATASET_ERROR_MISMATCH,
                   "%s: the test set has %" G_GSIZE_FORMAT " features, but the training "
                   "set has %" G_GSIZE_FORMAT, what, test->n_features, train->n_features);
      return FALSE;
    }
  for (gsize i = 0; i < test->n_samples; i++)
    if (test->labels[i] >= train->n_classes)
      {
        g_set_error (error, PS_DATASET_ERROR, PS_DATASET_ERROR_MISMATCH,
                     "%s: sample %" G_GSIZE_FORMAT " of the test set has class %u, but the "
                     "training set has %u classes", what, i + 1, test->labels[i],
                     train->n_classes);
        return FALSE;
      }
  return TRUE;
}

/**
 * ps_dataset_fashion_mnist_dir:
 *
 * Returns: (nullable): "/usr/share/datasets/fashion-mnist" (Debian's
 * dataset-fashion-mnist) when that folder exists, else NULL
 */
const char *
ps_dataset_fashion_mnist_dir (void)
{
  static const char dir[] = "/usr/share/datasets/fashion-mnist";

  return g_file_test (dir, G_FILE_TEST_IS_DIR) ? dir : NULL;
}

/**
 * ps_dataset_fashion_mnist_class_names:
 *
 * Returns: (transfer none): the ten Fashion-MNIST class names + NULL
 */
const char *const *
ps_dataset_fashion_mnist_class_names (void)
{
  return fashion_names;
}
