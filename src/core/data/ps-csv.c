/* ps-csv.c: a streaming CSV reader for classification data
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What it accepts (and why):
 * - RFC 4180 records: "quoted" fields may hold separators, doubled quotes and
 *   line breaks; CRLF, LF or CR line ends; a UTF-8 BOM is skipped.
 * - The separator is `,`, `;` or tab, detected from the first lines (the one
 *   that splits them into the same number of fields; tab, then `;`, then `,`
 *   on a tie, since `;` files often use decimal commas). With a `;` or tab
 *   separator a decimal comma ("1,5") is read as 1.5.
 * - A header is detected when a column of the first record holds text where
 *   the second record holds a number (or the file has one record only).
 *   Missing header names become "column N"; duplicates are kept (the label
 *   column may then not be chosen by that name).
 * - Blank lines are skipped; a trailing separator at the end of a row (an
 *   extra, empty, unquoted last field) is tolerated on any row.
 * - Features must be finite numbers: empty, NaN, inf or text fields are errors
 *   naming file:line and the column.
 * - Labels: when every label is a non-negative integer and they are dense
 *   (max + 1 <= 1000 and <= 2 × the number of distinct labels), the value is
 *   the class index (so a train and a test file agree) and classes are named
 *   "0".."max". Otherwise (e.g. 0 and 99999) the distinct labels are names,
 *   sorted (numerically
 *   when all are numbers, else by their UTF-8 bytes) and numbered in that
 *   order, so the mapping does not depend on row order. Text that is not
 *   valid UTF-8 (e.g. a Latin-1 file from a spreadsheet) is converted from
 *   Windows-1252 for header names and class names. More than 10000
 *   distinct labels is an error (the label column is most likely wrong), so
 *   no class count from a file can size a confusion matrix or a plot.
 * - Memory: features are stored once, as floats, in an array sized from the
 *   file size and grown geometrically; a record or field of absurd size, or a
 *   total beyond the machine's memory, is refused with an error.
 * - A gzip-compressed file (data.csv.gz, recognised by its first two bytes,
 *   whatever its name) is read through PsGzipDecompressor, every member of
 *   it (cat a.gz b.gz, pigz, bgzip); a truncated or corrupt one is an error
 *   naming the file.
 * - Regular files only: a FIFO, a device (/dev/zero) or a socket is refused
 *   without blocking or reading (opened with O_NONBLOCK, then fstat). A row
 *   over 16 MiB is an error naming its line. A file cut short, grown or
 *   rewritten while it loads (size or time changed, or fewer bytes read than
 *   its size) is an error, never a dataset of part of the rows.
 */
#include "config.h"

#include "ps-dataset.h"
#include "ps-csv.h"
#include "ps-dataset-private.h"
#include "ps-gzip.h"

#include <errno.h>
#include <fcntl.h>
#include <gio/gunixinputstream.h>
#include <glib/gstdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define CHUNK_SIZE        (256 * 1024)
#define MAX_FIELD_BYTES   (1 << 20)
#define MAX_RECORD_BYTES  ((gsize) 16 << 20)
#define MAX_COLUMNS       (1 << 20)
/* Integer labels are class numbers only when dense: max + 1 at most this,
 * and at most twice the number of distinct labels (0 and 99999 are two
 * names, not 100000 classes). */
#define MAX_DIRECT_LABEL  1000
/* More distinct labels than this: the wrong column (an ID, a feature). */
#define MAX_CLASSES       10000
#define SNIFF_LINES       20

typedef struct
{
  const char    *display;       /* the path as shown in messages */
  GInputStream  *in;
  GCancellable  *cancellable;
  PsLoadProgressFunc progress;
  gpointer       progress_data;
  double         last_fraction;

  guint8        *buf;
  gsize          len;
  gsize          pos;
  gboolean       eof;
  guint64        file_size;     /* 0 when unknown */
  guint64        bytes_read;
  /* the file (read through `in`): its state when opened, to detect a
   * change or a truncation while it is read */
  int            fd;
  struct stat    st0;
  /* gzip: read through the decompressor; the file's size, for progress */
  gboolean       gzip;
  guint64        compressed_size;

  char           sep;
  guint64        line;          /* physical line of the next byte, from 1 */

  /* The current record: fields NUL-terminated one after the other. */
  GString       *rec;
  GArray        *starts;        /* guint32 offsets into rec */
  GArray        *quoted;        /* gboolean per field */
  guint64        rec_line;      /* line where the record starts */
} CsvReader;

static void
set_cancelled (CsvReader  *r,
               GError    **error)
{
  g_set_error (error, PS_DATASET_ERROR, PS_DATASET_ERROR_CANCELLED,
               "Loading %s was cancelled", r->display);
}

/* A read that failed: cancelled, or a gzip file cut short or corrupt, or
 * the system's message. */
static void
set_read_error (CsvReader  *r,
                GError     *local,
                GError    **error)
{
  if (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    set_cancelled (r, error);
  else if (r->gzip && g_error_matches (local, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT))
    g_set_error (error, PS_DATASET_ERROR, PS_DATASET_ERROR_TRUNCATED,
                 "%s: the gzip file is truncated (it ends inside the compressed data)",
                 r->display);
  else if (r->gzip && g_error_matches (local, G_IO_ERROR, G_IO_ERROR_INVALID_DATA))
    g_set_error (error, PS_DATASET_ERROR, PS_DATASET_ERROR_PARSE,
                 "%s: the gzip data is corrupt (%s)", r->display, local->message);
  else
    g_set_error (error, PS_DATASET_ERROR, PS_DATASET_ERROR_NOT_FOUND,
                 "%s: %s", r->display, local->message);
}

/* At the end: the whole file was read, and it did not change meanwhile
 * (a file cut short or rewritten while it loads must not train silently on
 * part of the data). */
static gboolean
check_whole (CsvReader  *r,
             GError    **error)
{
  struct stat st;
  off_t pos = lseek (r->fd, 0, SEEK_CUR);

  if (fstat (r->fd, &st) != 0 || st.st_size != r->st0.st_size
      || st.st_mtim.tv_sec != r->st0.st_mtim.tv_sec
      || st.st_mtim.tv_nsec != r->st0.st_mtim.tv_nsec)
    {
      g_set_error (error, PS_DATASET_ERROR, PS_DATASET_ERROR_TRUNCATED,
                   "%s: the file changed while it was read (%" G_GINT64_FORMAT " bytes, "
                   "now %" G_GINT64_FORMAT "); load it again once it is complete",
                   r->display, (gint64) r->st0.st_size, (gint64) st.st_size);
      return FALSE;
    }
  if (pos >= 0 && pos != r->st0.st_size)
    {
      g_set_error (error, PS_DATASET_ERROR, PS_DATASET_ERROR_TRUNCATED,
                   "%s: a short read: %" G_GINT64_FORMAT " of its %" G_GINT64_FORMAT
                   " bytes were read (was it cut short while it was read?)",
                   r->display, (gint64) pos, (gint64) r->st0.st_size);
      return FALSE;
    }
  return TRUE;
}

static gboolean
refill (CsvReader  *r,
        GError    **error)
{
  g_autoptr(GError) local = NULL;
  gssize n;

  if (r->eof)
    return TRUE;
  if (g_cancellable_is_cancelled (r->cancellable))
    {
      set_cancelled (r, error);
      return FALSE;
    }

  n = g_input_stream_read (r->in, r->buf, CHUNK_SIZE, r->cancellable, &local);
  if (n < 0)
    {
      set_read_error (r, local, error);
      return FALSE;
    }
  r->len = (gsize) n;
  r->pos = 0;
  r->bytes_read += (guint64) n;
  if (n == 0)
    {
      r->eof = TRUE;
      if (!check_whole (r, error))
        return FALSE;
    }

  if (r->progress != NULL && (r->file_size > 0 || r->compressed_size > 0))
    {
      double f = r->gzip
                 ? (double) lseek (r->fd, 0, SEEK_CUR) / (double) r->compressed_size
                 : (double) r->bytes_read / (double) r->file_size;

      f = MIN (1.0, f);
      if (f - r->last_fraction >= 0.005)
        {
          r->last_fraction = f;
          r->progress (f, r->progress_data);
        }
    }
  return TRUE;
}

/* The next byte, or -1 at end of file, or -2 on error. */
static inline int
next_byte (CsvReader  *r,
           GError    **error)
{
  if (G_UNLIKELY (r->pos == r->len))
    {
      if (!refill (r, error))
        return -2;
      if (r->eof)
        return -1;
    }
  return r->buf[r->pos++];
}

static inline int
peek_byte (CsvReader  *r,
           GError    **error)
{
  if (G_UNLIKELY (r->pos == r->len))
    {
      if (!refill (r, error))
        return -2;
      if (r->eof)
        return -1;
    }
  return r->buf[r->pos];
}

static guint64
reader_offset (CsvReader *r)
{
  return r->bytes_read - (r->len - r->pos);
}

/* A field excerpt safe to put in a message: valid UTF-8, at most ~40 chars. */
static char *
excerpt (const char *s)
{
  g_autofree char *valid = g_utf8_make_valid (s, -1);

  if (g_utf8_strlen (valid, -1) > 40)
    {
      char *end = g_utf8_offset_to_pointer (valid, 40);
      *end = '\0';
      return g_strconcat (valid, "…", NULL);
    }
  return g_steal_pointer (&valid);
}

/* Converts header/label text to UTF-8, reading invalid UTF-8 as Windows-1252
 * (then Latin-1, which always converts). */
static char *
text_to_utf8 (const char *s)
{
  char *out;

  if (g_utf8_validate (s, -1, NULL))
    return g_strdup (s);
  out = g_convert (s, -1, "UTF-8", "WINDOWS-1252", NULL, NULL, NULL);
  if (out == NULL)
    out = g_convert (s, -1, "UTF-8", "ISO-8859-1", NULL, NULL, NULL);
  if (out == NULL)
    out = g_utf8_make_valid (s, -1);
  return out;
}

static inline const char *
field (CsvReader *r,
       guint      k)
{
  return r->rec->str + g_array_index (r->starts, guint32, k);
}

static inline gboolean
field_quoted (CsvReader *r,
              guint      k)
{
  return g_array_index (r->quoted, gboolean, k);
}

static inline guint
n_fields (CsvReader *r)
{
  return r->starts->len;
}

static gboolean
end_field (CsvReader  *r,
           gboolean    quoted,
           gsize       field_start,
           GError    **error)
{
  guint32 start;

  if (r->rec->len - field_start > MAX_FIELD_BYTES)
    {
      g_set_error (error, PS_DATASET_ERROR, PS_DATASET_ERROR_TOO_LARGE,
                   "%s:%" G_GUINT64_FORMAT ": field %u is longer than %d bytes; "
                   "is this a CSV file?", r->display, r->rec_line,
                   n_fields (r) + 1, MAX_FIELD_BYTES);
      return FALSE;
    }
  if (n_fields (r) >= MAX_COLUMNS)
    {
      g_set_error (error, PS_DATASET_ERROR, PS_DATASET_ERROR_TOO_LARGE,
                   "%s:%" G_GUINT64_FORMAT ": more than %d fields in a row",
                   r->display, r->rec_line, MAX_COLUMNS);
      return FALSE;
    }
  start = (guint32) field_start;
  g_string_append_c (r->rec, '\0');
  g_array_append_val (r->starts, start);
  g_array_append_val (r->quoted, quoted);
  return TRUE;
}

static gboolean
is_blank_n (const char *s,
            gsize       n)
{
  for (gsize i = 0; i < n; i++)
    if (s[i] != ' ' && s[i] != '\t')
      return FALSE;
  return TRUE;
}

/* Reads one raw record (blank lines are returned as one empty field).
 * Returns 1 for a record, 0 at end of file, -1 on error. */
static int
read_raw_record (CsvReader  *r,
                 GError    **error)
{
  gsize field_start = 0;
  gboolean quoted = FALSE;
  gboolean any = FALSE;
  int c;

  g_string_truncate (r->rec, 0);
  g_array_set_size (r->starts, 0);
  g_array_set_size (r->quoted, 0);
  r->rec_line = r->line;

  for (;;)
    {
      /* Fast path: copy a run of ordinary bytes in one go. */
      if (r->pos < r->len && r->rec->len > field_start)
        {
          const guint8 *b = r->buf + r->pos;
          const guint8 *e = r->buf + r->len;
          const guint8 *q = b;
          guint8 sep = (guint8) r->sep;

          while (q < e && *q != sep && *q != '\n' && *q != '\r' && *q != '\0' && *q != '"')
            q++;
          if (q > b)
            {
              g_string_append_len (r->rec, (const char *) b, q - b);
              r->pos += q - b;
              if (G_UNLIKELY (r->rec->len - field_start > MAX_FIELD_BYTES))
                {
                  end_field (r, quoted, field_start, error);
                  return -1;
                }
              continue;
            }
        }

      c = next_byte (r, error);
      if (c == -2)
        return -1;
      if (c == -1)
        {
          if (!any)
            return 0;
          return end_field (r, quoted, field_start, error) ? 1 : -1;
        }
      any = TRUE;

      if (c == '\0')
        {
          g_set_error (error, PS_DATASET_ERROR, PS_DATASET_ERROR_PARSE,
                       "%s:%" G_GUINT64_FORMAT ": NUL byte: this is not a text file",
                       r->display, r->line);
          return -1;
        }

      /* A quote opens a quoted field at its start, blanks before it aside. */
      if (c == '"' && !quoted
          && (r->rec->len == field_start || is_blank_n (r->rec->str + field_start,
                                                        r->rec->len - field_start)))
        {
          g_string_truncate (r->rec, field_start);
          /* A quoted field: up to the lone closing quote. */
          guint64 open_line = r->line;

          quoted = TRUE;
          for (;;)
            {
              c = next_byte (r, error);
              if (c == -2)
                return -1;
              if (c == -1)
                {
                  g_set_error (error, PS_DATASET_ERROR, PS_DATASET_ERROR_PARSE,
                               "%s:%" G_GUINT64_FORMAT ": the quoted field %u opened "
                               "here is never closed", r->display, open_line,
                               n_fields (r) + 1);
                  return -1;
                }
              if (c == '\0')
                {
                  g_set_error (error, PS_DATASET_ERROR, PS_DATASET_ERROR_PARSE,
                               "%s:%" G_GUINT64_FORMAT ": NUL byte: this is not a text file",
                               r->display, r->line);
                  return -1;
                }
              if (c == '"')
                {
                  int d = peek_byte (r, error);
                  if (d == -2)
                    return -1;
                  if (d == '"')
                    {
                      r->pos++;
                      g_string_append_c (r->rec, '"');
                      continue;
                    }
                  break;
                }
              if (c == '\n' || (c == '\r' && peek_byte (r, NULL) != '\n'))
                r->line++;
              g_string_append_c (r->rec, (char) c);
              if (G_UNLIKELY (r->rec->len - field_start > MAX_FIELD_BYTES))
                {
                  end_field (r, quoted, field_start, error);
                  return -1;
                }
            }
          /* After the closing quote only blanks may precede the separator. */
          for (;;)
            {
              c = peek_byte (r, error);
              if (c == -2)
                return -1;
              if (c == ' ' || (c == '\t' && r->sep != '\t'))
                {
                  r->pos++;
                  continue;
                }
              if (c == -1 || c == r->sep || c == '\n' || c == '\r')
                break;
              g_set_error (error, PS_DATASET_ERROR, PS_DATASET_ERROR_PARSE,
                           "%s:%" G_GUINT64_FORMAT ": field %u: text after the closing "
                           "quote (a quote inside a quoted field is written \"\")",
                           r->display, r->line, n_fields (r) + 1);
              return -1;
            }
          continue;
        }

      if (c == r->sep)
        {
          if (!end_field (r, quoted, field_start, error))
            return -1;
          field_start = r->rec->len;
          quoted = FALSE;
          if (r->rec->len > MAX_RECORD_BYTES)
            {
              g_set_error (error, PS_DATASET_ERROR, PS_DATASET_ERROR_TOO_LARGE,
                           "%s:%" G_GUINT64_FORMAT ": the row is longer than %"
                           G_GSIZE_FORMAT " MB", r->display, r->rec_line,
                           MAX_RECORD_BYTES >> 20);
              return -1;
            }
          continue;
        }
      if (c == '\n' || c == '\r')
        {
          if (c == '\r')
            {
              int d = peek_byte (r, error);
              if (d == -2)
                return -1;
              if (d == '\n')
                r->pos++;
            }
          r->line++;
          return end_field (r, quoted, field_start, error) ? 1 : -1;
        }

      g_string_append_c (r->rec, (char) c);
      if (G_UNLIKELY (r->rec->len - field_start > MAX_FIELD_BYTES))
        {
          end_field (r, quoted, field_start, error);
          return -1;
        }
    }
}

static gboolean
is_blank (const char *s)
{
  for (; *s != '\0'; s++)
    if (*s != ' ' && *s != '\t')
      return FALSE;
  return TRUE;
}

/* Reads the next non-blank record. 1, 0 (EOF), -1 (error). */
static int
read_record (CsvReader  *r,
             GError    **error)
{
  for (;;)
    {
      int ret = read_raw_record (r, error);

      if (ret != 1)
        return ret;
      if (n_fields (r) == 1 && !field_quoted (r, 0) && is_blank (field (r, 0)))
        continue;
      return 1;
    }
}

/* Trims blanks in place; returns the start. */
static char *
trim (char *s)
{
  char *end;

  while (*s == ' ' || *s == '\t')
    s++;
  end = s + strlen (s);
  while (end > s && (end[-1] == ' ' || end[-1] == '\t'))
    *--end = '\0';
  return s;
}

typedef enum
{
  NUM_OK,
  NUM_EMPTY,
  NUM_TEXT,
  NUM_NOT_FINITE,
} NumStatus;

/* Parses a whole field as a number. @s is modified (trimmed, decimal comma). */
static NumStatus
parse_number (char   *s,
              char    sep,
              double *out)
{
  char *end;
  double v;

  s = trim (s);
  if (*s == '\0')
    return NUM_EMPTY;
  /* g_ascii_strtod accepts hexadecimal and C99 forms; a data file's number is
   * decimal, so only those characters are allowed. */
  for (char *p = s; *p != '\0'; p++)
    if (!((*p >= '0' && *p <= '9') || *p == '.' || *p == '-' || *p == '+' || *p == 'e'
          || *p == 'E' || *p == ','))
      {
        if (g_ascii_strcasecmp (s, "nan") == 0 || g_ascii_strcasecmp (s, "inf") == 0
            || g_ascii_strcasecmp (s, "+inf") == 0 || g_ascii_strcasecmp (s, "-inf") == 0
            || g_ascii_strcasecmp (s, "infinity") == 0 || g_ascii_strcasecmp (s, "-infinity") == 0
            || g_ascii_strcasecmp (s, "+infinity") == 0 || g_ascii_strcasecmp (s, "-nan") == 0)
          return NUM_NOT_FINITE;
        return NUM_TEXT;
      }
  /* Fast path (Clinger): up to 15 significant digits and no exponent give
   * an exact integer divided by an exact power of ten, which is correctly
   * rounded, i.e. exactly what strtod returns. */
  {
    const char *p = s;
    gboolean neg = FALSE;
    guint64 mant = 0;
    int digits = 0, frac = 0;
    gboolean dot = FALSE;

    if (*p == '-' || *p == '+')
      neg = *p++ == '-';
    for (; *p != '\0'; p++)
      {
        if (*p >= '0' && *p <= '9')
          {
            if (mant == 0 && *p == '0')
              {
                if (dot)
                  frac++;
                continue;
              }
            mant = mant * 10 + (guint64) (*p - '0');
            digits++;
            if (dot)
              frac++;
          }
        else if (*p == '.' && !dot)
          dot = TRUE;
        else
          break;
      }
    if (*p == '\0' && digits <= 15 && frac <= 22 && p > s + (neg || *s == '+')
        && !(dot && p == s + 1 + (s[0] == '-' || s[0] == '+')))
      {
        static const double pow10[] = {
          1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
          1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
        };
        v = (double) mant / pow10[frac];
        *out = neg ? -v : v;
        return NUM_OK;
      }
  }

  if (sep != ',')
    {
      char *comma = strchr (s, ',');
      if (comma != NULL && strchr (comma + 1, ',') == NULL && strchr (s, '.') == NULL)
        *comma = '.';
    }
  errno = 0;
  v = g_ascii_strtod (s, &end);
  if (end == s || *end != '\0')
    return NUM_TEXT;
  if (!isfinite (v) || (errno == ERANGE && fabs (v) > 1.0) || fabs (v) > G_MAXFLOAT)
    return NUM_NOT_FINITE;
  *out = v;
  return NUM_OK;
}

static gboolean
looks_numeric (const char *s,
               char        sep)
{
  g_autofree char *copy = g_strdup (s);
  double v;

  return parse_number (copy, sep, &v) == NUM_OK;
}

static gboolean
looks_text (const char *s,
            char        sep)
{
  g_autofree char *copy = g_strdup (s);
  double v;
  NumStatus st = parse_number (copy, sep, &v);

  return st == NUM_TEXT;
}

/* Picks the separator from the first lines of the first chunk. */
static char
sniff_separator (const guint8 *buf,
                 gsize         len,
                 gboolean      eof)
{
  static const char candidates[] = { '\t', ';', ',' };
  guint counts[SNIFF_LINES][3] = { { 0 } };
  guint n_lines = 0;
  gboolean in_quotes = FALSE;
  gboolean line_has_text = FALSE;
  guint cur[3] = { 0, 0, 0 };

  for (gsize i = 0; i < len && n_lines < SNIFF_LINES; i++)
    {
      guint8 c = buf[i];

      if (c == '"')
        in_quotes = !in_quotes;
      if (in_quotes)
        continue;
      if (c == '\n' || c == '\r')
        {
          if (line_has_text)
            memcpy (counts[n_lines++], cur, sizeof cur);
          memset (cur, 0, sizeof cur);
          line_has_text = FALSE;
          continue;
        }
      if (c != ' ')
        line_has_text = TRUE;
      for (int k = 0; k < 3; k++)
        if (c == (guint8) candidates[k])
          cur[k]++;
    }
  if (eof && line_has_text && n_lines < SNIFF_LINES)
    memcpy (counts[n_lines++], cur, sizeof cur);
  if (n_lines == 0)
    return ',';

  /* Consistent: the same non-zero count on every sampled line. A trailing
   * separator may add one on some lines. */
  for (int k = 0; k < 3; k++)
    {
      gboolean ok = counts[0][k] > 0;
      for (guint l = 1; ok && l < n_lines; l++)
        {
          guint a = counts[0][k], b = counts[l][k];
          if (b != a && b + 1 != a && b != a + 1)
            ok = FALSE;
        }
      if (ok)
        return candidates[k];
    }
  /* Otherwise the most frequent on the first line. */
  {
    int best = 2;
    for (int k = 0; k < 3; k++)
      if (counts[0][k] > counts[0][best])
        best = k;
    return candidates[best];
  }
}

/* A record kept aside while the next one is read. */
typedef struct
{
  GString *rec;
  GArray  *starts;
  GArray  *quoted;
  guint64  line;
} SavedRecord;

static void
record_save (CsvReader   *r,
             SavedRecord *s)
{
  s->rec = g_string_new_len (r->rec->str, r->rec->len);
  s->starts = g_array_copy (r->starts);
  s->quoted = g_array_copy (r->quoted);
  s->line = r->rec_line;
}

/* Swaps the reader's current record with the saved one. */
static void
record_swap (CsvReader   *r,
             SavedRecord *s)
{
  GString *rec = r->rec;
  GArray *starts = r->starts;
  GArray *quoted = r->quoted;
  guint64 line = r->rec_line;

  r->rec = s->rec;
  r->starts = s->starts;
  r->quoted = s->quoted;
  r->rec_line = s->line;
  s->rec = rec;
  s->starts = starts;
  s->quoted = quoted;
  s->line = line;
}

static void
record_clear (SavedRecord *s)
{
  if (s->rec != NULL)
    g_string_free (s->rec, TRUE);
  if (s->starts != NULL)
    g_array_unref (s->starts);
  if (s->quoted != NULL)
    g_array_unref (s->quoted);
  s->rec = NULL;
  s->starts = NULL;
  s->quoted = NULL;
}

static const char *
saved_field (SavedRecord *s,
             guint        k)
{
  return s->rec->str + g_array_index (s->starts, guint32, k);
}

typedef struct
{
  char   *utf8;     /* class name */
  double  value;
  gboolean numeric;
} LabelInfo;

static void
label_info_clear (gpointer p)
{
  LabelInfo *li = p;
  g_free (li->utf8);
}

static int
compare_label_numeric (gconstpointer a,
                       gconstpointer b,
                       gpointer      data)
{
  const LabelInfo *infos = data;
  double va = infos[*(const guint32 *) a].value;
  double vb = infos[*(const guint32 *) b].value;
  return va < vb ? -1 : va > vb ? 1 : 0;
}

static int
compare_label_text (gconstpointer a,
                    gconstpointer b,
                    gpointer      data)
{
  const LabelInfo *infos = data;
  return strcmp (infos[*(const guint32 *) a].utf8, infos[*(const guint32 *) b].utf8);
}

typedef struct
{
  CsvReader   r;
  guint       n_cols;
  guint       label_col;
  gsize       n_features;
  char      **col_names;     /* n_cols, UTF-8 */
  float      *x;
  guint32    *labels;
  gsize       n_rows;
  gsize       cap_rows;
  guint64     mem_limit;
  GHashTable *label_ids;     /* raw label text → first-seen id + 1 */
  GPtrArray  *label_raw;     /* id → raw text (owned by label_ids' keys) */
} CsvLoad;

static void
csv_load_clear (CsvLoad *L)
{
  if (L->r.in != NULL)
    g_object_unref (L->r.in);
  g_free (L->r.buf);
  if (L->r.rec != NULL)
    g_string_free (L->r.rec, TRUE);
  if (L->r.starts != NULL)
    g_array_unref (L->r.starts);
  if (L->r.quoted != NULL)
    g_array_unref (L->r.quoted);
  g_strfreev (L->col_names);
  g_free (L->x);
  g_free (L->labels);
  if (L->label_ids != NULL)
    g_hash_table_unref (L->label_ids);
  if (L->label_raw != NULL)
    g_ptr_array_unref (L->label_raw);
}

static gboolean
grow_rows (CsvLoad  *L,
           gsize     want,
           GError  **error)
{
  gsize cap = MAX (want, L->cap_rows + L->cap_rows / 2 + 16);
  guint64 bytes = (guint64) cap * ((guint64) L->n_features * sizeof (float) + sizeof (guint32));
  float *x;
  guint32 *labels;

  if (bytes > L->mem_limit || (gsize) bytes != bytes)
    {
      /* Retry with just what is needed before giving up. */
      cap = want;
      bytes = (guint64) cap * ((guint64) L->n_features * sizeof (float) + sizeof (guint32));
      if (bytes > L->mem_limit || (gsize) bytes != bytes)
        {
          g_set_error (error, PS_DATASET_ERROR, PS_DATASET_ERROR_TOO_LARGE,
                       "%s:%" G_GUINT64_FORMAT ": the data needs more than %"
                       G_GUINT64_FORMAT " MB of memory", L->r.display, L->r.rec_line,
                       L->mem_limit >> 20);
          return FALSE;
        }
    }
  x = g_try_realloc_n (L->x, MAX (cap * L->n_features, 1), sizeof (float));
  if (x == NULL)
    goto oom;
  L->x = x;
  labels = g_try_realloc_n (L->labels, MAX (cap, 1), sizeof (guint32));
  if (labels == NULL)
    goto oom;
  L->labels = labels;
  L->cap_rows = cap;
  return TRUE;

oom:
  g_set_error (error, PS_DATASET_ERROR, PS_DATASET_ERROR_TOO_LARGE,
               "%s:%" G_GUINT64_FORMAT ": out of memory for %" G_GSIZE_FORMAT " rows",
               L->r.display, L->r.rec_line, cap);
  return FALSE;
}

static const char *
col_name (CsvLoad *L,
          guint    k)
{
  return L->col_names[k];
}

/* Adds the current record as a data row. */
static gboolean
add_row (CsvLoad  *L,
         GError  **error)
{
  CsvReader *r = &L->r;
  guint nf = n_fields (r);
  float *row;
  gsize j = 0;
  const char *lab;
  gpointer id;

  /* A trailing separator gives one more, empty, unquoted field. */
  if (nf == L->n_cols + 1 && !field_quoted (r, nf - 1) && is_blank (field (r, nf - 1)))
    nf--;
  if (nf != L->n_cols)
    {
      g_set_error (error, PS_DATASET_ERROR, PS_DATASET_ERROR_PARSE,
                   "%s:%" G_GUINT64_FORMAT ": expected %u fields, found %u",
                   r->display, r->rec_line, L->n_cols, nf);
      return FALSE;
    }
  if (L->n_rows == L->cap_rows && !grow_rows (L, L->n_rows + 1, error))
    return FALSE;

  row = L->x + L->n_rows * L->n_features;
  for (guint k = 0; k < L->n_cols; k++)
    {
      char *s;
      double v = 0.0;
      NumStatus st;

      if (k == L->label_col)
        continue;
      s = (char *) field (r, k);
      st = parse_number (s, r->sep, &v);
      if (st != NUM_OK)
        {
          g_autofree char *ex = excerpt (trim (s));

          if (st == NUM_EMPTY)
            g_set_error (error, PS_DATASET_ERROR, PS_DATASET_ERROR_PARSE,
                         "%s:%" G_GUINT64_FORMAT ": column “%s” (field %u) is empty",
                         r->display, r->rec_line, col_name (L, k), k + 1);
          else if (st == NUM_NOT_FINITE)
            g_set_error (error, PS_DATASET_ERROR, PS_DATASET_ERROR_PARSE,
                         "%s:%" G_GUINT64_FORMAT ": column “%s” (field %u): “%s” is not "
                         "a finite number", r->display, r->rec_line, col_name (L, k),
                         k + 1, ex);
          else
            g_set_error (error, PS_DATASET_ERROR, PS_DATASET_ERROR_PARSE,
                         "%s:%" G_GUINT64_FORMAT ": column “%s” (field %u): “%s” is not "
                         "a number", r->display, r->rec_line, col_name (L, k), k + 1, ex);
          return FALSE;
        }
      row[j++] = (float) v;
    }

  lab = field (r, L->label_col);
  if (!field_quoted (r, L->label_col))
    lab = trim ((char *) lab);
  if (*lab == '\0')
    {
      g_set_error (error, PS_DATASET_ERROR, PS_DATASET_ERROR_PARSE,
                   "%s:%" G_GUINT64_FORMAT ": the label (column “%s”, field %u) is empty",
                   r->display, r->rec_line, col_name (L, L->label_col), L->label_col + 1);
      return FALSE;
    }
  id = g_hash_table_lookup (L->label_ids, lab);
  if (id == NULL)
    {
      char *key;

      if (L->label_raw->len >= MAX_CLASSES)
        {
          g_set_error (error, PS_DATASET_ERROR, PS_DATASET_ERROR_TOO_LARGE,
                       "%s:%" G_GUINT64_FORMAT ": the label column “%s” has more than %d "
                       "distinct values: is it the right column? (choose the label "
                       "column, e.g. with --label-column)",
                       r->display, r->rec_line, col_name (L, L->label_col), MAX_CLASSES);
          return FALSE;
        }
      key = g_strdup (lab);

      g_ptr_array_add (L->label_raw, key);
      id = GUINT_TO_POINTER (L->label_raw->len);
      g_hash_table_insert (L->label_ids, key, id);
    }
  L->labels[L->n_rows] = GPOINTER_TO_UINT (id) - 1;
  L->n_rows++;
  return TRUE;
}

static gboolean
is_decimal_index (const char *s,
                  gint64     *out)
{
  const char *p = s;

  if (*p == '-' || *p == '+')
    p++;
  if (*p == '\0')
    return FALSE;
  for (const char *q = p; *q != '\0'; q++)
    if (!g_ascii_isdigit (*q))
      return FALSE;
  return g_ascii_string_to_signed (s, 10, G_MININT32, G_MAXINT32, out, NULL);
}

static gboolean
choose_label_column (CsvLoad     *L,
                     const char  *spec,
                     gboolean     has_header,
                     GError     **error)
{
  gint64 index;

  if (spec == NULL || *spec == '\0')
    {
      L->label_col = L->n_cols - 1;
      return TRUE;
    }

  if (has_header)
    {
      int found = -1;
      int second = -1;

      for (guint k = 0; k < L->n_cols; k++)
        if (strcmp (L->col_names[k], spec) == 0)
          {
            if (found < 0)
              found = k;
            else if (second < 0)
              second = k;
          }
      if (found < 0)
        for (guint k = 0; k < L->n_cols; k++)
          if (g_utf8_validate (spec, -1, NULL)
              && g_ascii_strcasecmp (L->col_names[k], spec) == 0)
            {
              if (found < 0)
                found = k;
              else if (second < 0)
                second = k;
            }
      if (second >= 0)
        {
          g_set_error (error, PS_DATASET_ERROR, PS_DATASET_ERROR_MISMATCH,
                       "%s: the label column name “%s” is used by fields %d and %d; "
                       "give the column's index instead", L->r.display, spec,
                       found + 1, second + 1);
          return FALSE;
        }
      if (found >= 0)
        {
          L->label_col = found;
          return TRUE;
        }
    }

  if (is_decimal_index (spec, &index))
    {
      gint64 k = index < 0 ? (gint64) L->n_cols + index : index;

      if (k < 0 || k >= (gint64) L->n_cols)
        {
          g_set_error (error, PS_DATASET_ERROR, PS_DATASET_ERROR_MISMATCH,
                       "%s: label column %" G_GINT64_FORMAT " is out of range: the file "
                       "has %u columns (0–%u)", L->r.display, index, L->n_cols,
                       L->n_cols - 1);
          return FALSE;
        }
      L->label_col = (guint) k;
      return TRUE;
    }

  {
    g_autoptr(GString) list = g_string_new (NULL);
    g_autofree char *ex = excerpt (spec);

    for (guint k = 0; k < L->n_cols && k < 12; k++)
      g_string_append_printf (list, "%s“%s”", k > 0 ? ", " : "", L->col_names[k]);
    if (L->n_cols > 12)
      g_string_append (list, ", …");
    if (has_header)
      g_set_error (error, PS_DATASET_ERROR, PS_DATASET_ERROR_MISMATCH,
                   "%s: no column named “%s” (columns: %s)", L->r.display, ex, list->str);
    else
      g_set_error (error, PS_DATASET_ERROR, PS_DATASET_ERROR_MISMATCH,
                   "%s: no column named “%s”: the file has no header; give the label "
                   "column's index (0–%u)", L->r.display, ex, L->n_cols - 1);
    return FALSE;
  }
}

/* Turns first-seen label ids into class indices (see the top comment). */
static gboolean
finish_labels (CsvLoad    *L,
               PsDataset  *ds,
               GError    **error)
{
  guint n_raw = L->label_raw->len;
  g_autofree LabelInfo *infos = g_new0 (LabelInfo, n_raw);
  g_autofree guint32 *remap = g_new (guint32, n_raw);
  gboolean all_numeric = TRUE;
  gboolean all_direct = TRUE;
  double max_value = 0.0;
  guint distinct = 0;
  guint n_classes;

  for (guint i = 0; i < n_raw; i++)
    {
      g_autofree char *copy = g_strdup (g_ptr_array_index (L->label_raw, i));
      double v;

      infos[i].utf8 = text_to_utf8 (g_ptr_array_index (L->label_raw, i));
      infos[i].numeric = parse_number (copy, L->r.sep, &v) == NUM_OK;
      infos[i].value = infos[i].numeric ? v : 0.0;
      if (!infos[i].numeric)
        all_numeric = FALSE;
      if (!infos[i].numeric || v < 0.0 || v != floor (v) || v >= MAX_DIRECT_LABEL)
        all_direct = FALSE;
      else if (v > max_value)
        max_value = v;
    }

  /* dense integers only (see the top comment): max_value < 1000 here */
  if (all_direct)
    {
      gboolean used[MAX_DIRECT_LABEL] = { FALSE };

      for (guint i = 0; i < n_raw; i++)
        {
          guint v = (guint) infos[i].value;

          if (!used[v])
            distinct++;
          used[v] = TRUE;
        }
      if (max_value + 1.0 > 2.0 * distinct)
        all_direct = FALSE;
    }
  if (all_direct)
    {
      n_classes = (guint) max_value + 1;
      for (guint i = 0; i < n_raw; i++)
        remap[i] = (guint32) infos[i].value;
      if (distinct < 2)
        goto one_class;
      ds->class_names = ps_dataset_numbered_names (n_classes);
    }
  else
    {
      g_autofree guint32 *order = g_new (guint32, n_raw);
      GPtrArray *names = g_ptr_array_new ();

      for (guint i = 0; i < n_raw; i++)
        order[i] = i;
      g_qsort_with_data (order, n_raw, sizeof (guint32),
                         all_numeric ? compare_label_numeric : compare_label_text, infos);
      /* Equal values ("1" and "1.0") or equal names (UTF-8 and Latin-1
       * spellings) become one class. */
      n_classes = 0;
      for (guint i = 0; i < n_raw; i++)
        {
          guint32 id = order[i];
          gboolean same = FALSE;

          if (i > 0)
            {
              const LabelInfo *prev = &infos[order[i - 1]];
              same = all_numeric ? prev->value == infos[id].value
                                 : strcmp (prev->utf8, infos[id].utf8) == 0;
            }
          if (!same)
            {
              g_ptr_array_add (names, g_strdup (infos[id].utf8));
              n_classes++;
            }
          remap[id] = n_classes - 1;
        }
      g_ptr_array_add (names, NULL);
      ds->class_names = (char **) g_ptr_array_free (names, FALSE);
      if (n_classes < 2)
        goto one_class;
    }

  for (gsize i = 0; i < L->n_rows; i++)
    L->labels[i] = remap[L->labels[i]];
  ds->n_classes = n_classes;
  for (guint i = 0; i < n_raw; i++)
    label_info_clear (&infos[i]);
  return TRUE;

one_class:
  {
    g_autofree char *ex = excerpt (infos[0].utf8);
    g_set_error (error, PS_DATASET_ERROR, PS_DATASET_ERROR_MISMATCH,
                 "%s: the label column “%s” has only one class (“%s”); a classifier "
                 "needs at least two", L->r.display, col_name (L, L->label_col), ex);
  }
  for (guint i = 0; i < n_raw; i++)
    label_info_clear (&infos[i]);
  return FALSE;
}

/* Opens path without blocking (O_NONBLOCK: a FIFO is never waited for) and
 * refuses what is not a regular file: a FIFO would block, /dev/zero is one
 * endless line. Its size and time are kept to detect a change while it is
 * read (see check_whole()). */
static gboolean
open_input (CsvLoad     *L,
            const char  *path,
            GError     **error)
{
  struct stat st;
  guint8 head[2] = { 0, 0 };
  gssize got;
  int fd, flags;

  if (g_cancellable_is_cancelled (L->r.cancellable))
    {
      set_cancelled (&L->r, error);
      return FALSE;
    }
  fd = g_open (path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY, 0);
  if (fd < 0)
    {
      int saved = errno;

      if (saved == ENOENT)
        g_set_error (error, PS_DATASET_ERROR, PS_DATASET_ERROR_NOT_FOUND,
                     "%s: no such file", L->r.display);
      else if (saved == EACCES || saved == EPERM)
        g_set_error (error, PS_DATASET_ERROR, PS_DATASET_ERROR_NOT_FOUND,
                     "%s: permission denied", L->r.display);
      else
        g_set_error (error, PS_DATASET_ERROR, PS_DATASET_ERROR_NOT_FOUND,
                     "%s: %s", L->r.display, g_strerror (saved));
      return FALSE;
    }
  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      if (S_ISDIR (st.st_mode))
        g_set_error (error, PS_DATASET_ERROR, PS_DATASET_ERROR_NOT_FOUND,
                     "%s is a folder, not a CSV file", L->r.display);
      else
        g_set_error (error, PS_DATASET_ERROR, PS_DATASET_ERROR_NOT_FOUND,
                     "%s is not a regular file (a device, a pipe or a socket); "
                     "give a CSV file", L->r.display);
      close (fd);
      return FALSE;
    }
  /* a regular file: reads may block as usual */
  flags = fcntl (fd, F_GETFL);
  if (flags != -1)
    fcntl (fd, F_SETFL, flags & ~O_NONBLOCK);
  L->r.fd = fd;
  L->r.st0 = st;
  L->r.file_size = (guint64) st.st_size;
  L->r.in = g_unix_input_stream_new (fd, TRUE);

  /* gzip (1f 8b): read through the decompressor, every member of it */
  do
    got = pread (fd, head, 2, 0);
  while (got < 0 && errno == EINTR);
  if (got < 0)
    {
      int saved = errno;

      g_set_error (error, PS_DATASET_ERROR, PS_DATASET_ERROR_NOT_FOUND,
                   "%s: %s", L->r.display, g_strerror (saved));
      return FALSE;
    }
  if (got == 2 && head[0] == 0x1f && head[1] == 0x8b)
    {
      g_autoptr(PsGzipDecompressor) z = ps_gzip_decompressor_new ();
      GInputStream *base = L->r.in;

      L->r.gzip = TRUE;
      L->r.compressed_size = L->r.file_size;
      L->r.file_size = 0;   /* the data's size is not known */
      L->r.in = g_converter_input_stream_new (base, G_CONVERTER (z));
      g_object_unref (base);
    }
  return TRUE;
}

/* The first lines decide the layout: the header, the number of columns,
 * their names. */
typedef struct
{
  SavedRecord first;
  gboolean    have_second;   /* the reader holds the second record */
  gboolean    has_header;
  guint64     first_line;
  guint64     after_first;   /* offset just after the first record */
} CsvHead;

static void
csv_load_init (CsvLoad            *L,
               const char         *display,
               GCancellable       *cancellable,
               PsLoadProgressFunc  progress,
               gpointer            user_data)
{
  L->r.display = display;
  L->r.cancellable = cancellable;
  L->r.progress = progress;
  L->r.progress_data = user_data;
  L->r.line = 1;
  L->r.buf = g_malloc (CHUNK_SIZE);
  L->r.rec = g_string_sized_new (1024);
  L->r.starts = g_array_new (FALSE, FALSE, sizeof (guint32));
  L->r.quoted = g_array_new (FALSE, FALSE, sizeof (gboolean));
  L->mem_limit = ps_dataset_memory_limit ();
  L->label_ids = g_hash_table_new (g_str_hash, g_str_equal);
  L->label_raw = g_ptr_array_new_with_free_func (g_free);
}

/* Opens the file and reads its first chunk: the BOM, then the separator. */
static gboolean
csv_begin (CsvLoad             *L,
           const char          *path,
           const PsCsvOptions  *options,
           GError             **error)
{
  if (options->separator != 0 && options->separator != ',' && options->separator != ';'
      && options->separator != '\t')
    {
      g_set_error (error, PS_DATASET_ERROR, PS_DATASET_ERROR_INVALID,
                   "%s: unsupported separator “%c” (use , ; or tab)", L->r.display,
                   options->separator);
      return FALSE;
    }

  if (!open_input (L, path, error))
    return FALSE;
  if (!refill (&L->r, error))
    return FALSE;
  if (L->r.len >= 2 && ((L->r.buf[0] == 0xFF && L->r.buf[1] == 0xFE)
                        || (L->r.buf[0] == 0xFE && L->r.buf[1] == 0xFF)))
    {
      g_set_error (error, PS_DATASET_ERROR, PS_DATASET_ERROR_PARSE,
                   "%s:1: the file is UTF-16 text; save it as UTF-8 CSV", L->r.display);
      return FALSE;
    }
  if (L->r.len >= 3 && L->r.buf[0] == 0xEF && L->r.buf[1] == 0xBB && L->r.buf[2] == 0xBF)
    L->r.pos = 3;
  /* A short first read (pipes) could starve the sniffer: top it up. */
  if (L->r.len < CHUNK_SIZE && !L->r.eof)
    {
      g_autoptr(GError) local = NULL;
      gsize got = 0;

      if (!g_input_stream_read_all (L->r.in, L->r.buf + L->r.len, CHUNK_SIZE - L->r.len, &got,
                                    L->r.cancellable, &local))
        {
          set_read_error (&L->r, local, error);
          return FALSE;
        }
      L->r.len += got;
      L->r.bytes_read += got;
    }
  L->r.sep = options->separator != 0
             ? options->separator
             : sniff_separator (L->r.buf + L->r.pos, L->r.len - L->r.pos,
                                L->r.len < CHUNK_SIZE);
  return TRUE;
}

/* A header is a first record with text where the second holds a number (or
 * the only record, with text), or one naming the label column. */
static gboolean
detect_header (CsvLoad            *L,
               CsvHead            *h,
               const PsCsvOptions *options)
{
  if (options->has_header >= 0)
    return options->has_header != 0;
  if (options->label_column != NULL)
    {
      gint64 dummy;

      if (!is_decimal_index (options->label_column, &dummy))
        for (guint k = 0; k < L->n_cols; k++)
          if (g_ascii_strcasecmp (trim ((char *) saved_field (&h->first, k)),
                                  options->label_column) == 0)
            return TRUE;
    }
  for (guint k = 0; k < L->n_cols; k++)
    {
      const char *f1 = saved_field (&h->first, k);

      if (!looks_text (f1, L->r.sep))
        continue;
      if (!h->have_second || (k < n_fields (&L->r) && looks_numeric (field (&L->r, k), L->r.sep)))
        return TRUE;
    }
  return FALSE;
}

/* Reads the first two records: the number of columns, the header, the
 * column names. The second record stays current in the reader. */
static gboolean
csv_read_head (CsvLoad             *L,
               const PsCsvOptions  *options,
               CsvHead             *h,
               GError             **error)
{
  guint first_nf, n_cols;
  int ret;

  ret = read_record (&L->r, error);
  if (ret < 0)
    return FALSE;
  if (ret == 0)
    {
      g_set_error (error, PS_DATASET_ERROR, PS_DATASET_ERROR_EMPTY,
                   "%s is empty", L->r.display);
      return FALSE;
    }
  record_save (&L->r, &h->first);
  h->first_line = L->r.rec_line;
  h->after_first = reader_offset (&L->r);
  first_nf = h->first.starts->len;

  ret = read_record (&L->r, error);
  if (ret < 0)
    return FALSE;
  h->have_second = ret == 1;

  /* Trailing separator on the first record: drop the empty last field,
   * unless the second record fills that column. */
  n_cols = first_nf;
  if (n_cols > 1 && is_blank (saved_field (&h->first, n_cols - 1))
      && !g_array_index (h->first.quoted, gboolean, n_cols - 1))
    {
      gboolean fills = h->have_second && n_fields (&L->r) == n_cols
                       && !is_blank (field (&L->r, n_cols - 1));
      if (!fills)
        n_cols--;
    }
  L->n_cols = n_cols;
  h->has_header = detect_header (L, h, options);

  if (n_cols < 2)
    {
      g_set_error (error, PS_DATASET_ERROR, PS_DATASET_ERROR_PARSE,
                   "%s:%" G_GUINT64_FORMAT ": found one column; a dataset needs at "
                   "least one feature column and a label column, separated by , ; "
                   "or tab", L->r.display, h->first_line);
      return FALSE;
    }

  L->col_names = g_new0 (char *, n_cols + 1);
  for (guint k = 0; k < n_cols; k++)
    {
      char *name = h->has_header ? trim ((char *) saved_field (&h->first, k)) : NULL;

      if (name != NULL && *name != '\0')
        L->col_names[k] = text_to_utf8 (name);
      else
        L->col_names[k] = g_strdup_printf (h->has_header ? "column %u" : "x%u", k + 1);
    }
  return TRUE;
}

/* The first half of loading and of sniffing: open, sniff, read the head. */
static gboolean
csv_start (CsvLoad             *L,
           CsvHead             *h,
           const char          *path,
           const PsCsvOptions  *options,
           GError             **error)
{
  return csv_begin (L, path, options, error) && csv_read_head (L, options, h, error);
}

/* Sizes the arrays from the file size and the length of a data record. */
static gboolean
csv_reserve_rows (CsvLoad  *L,
                  CsvHead  *h,
                  GError  **error)
{
  guint64 rec_bytes, rest, est, max_rows;

  if (L->r.file_size == 0 || !h->have_second)
    return TRUE;
  rec_bytes = MAX (reader_offset (&L->r) - h->after_first, 2 * L->n_cols);
  rest = L->r.file_size > h->after_first ? L->r.file_size - h->after_first : 0;
  est = rest / rec_bytes + rest / rec_bytes / 8 + 16;
  max_rows = rest / (2 * L->n_cols) + 2;
  est = MIN (est, max_rows);
  if (est * (L->n_features * sizeof (float) + sizeof (guint32)) > L->mem_limit)
    est = 16;  /* grow_rows reports the real limit when it is reached */
  return grow_rows (L, (gsize) est, error);
}

/* Every data row after the head: the first record when it is data, the
 * second, then the rest of the file. */
static gboolean
csv_read_rows (CsvLoad  *L,
               CsvHead  *h,
               GError  **error)
{
  if (!csv_reserve_rows (L, h, error))
    return FALSE;
  if (!h->has_header)
    {
      gboolean added;

      record_swap (&L->r, &h->first);
      added = add_row (L, error);
      record_swap (&L->r, &h->first);
      if (!added)
        return FALSE;
    }
  if (!h->have_second)
    return TRUE;
  if (!add_row (L, error))
    return FALSE;
  for (;;)
    {
      int ret = read_record (&L->r, error);

      if (ret < 0)
        return FALSE;
      if (ret == 0)
        return TRUE;
      if (!add_row (L, error))
        return FALSE;
    }
}

/* (transfer full): the rows read, as a dataset */
static PsDataset *
csv_build_dataset (CsvLoad     *L,
                   const char  *name,
                   GError     **error)
{
  g_autoptr(PsDataset) ds = NULL;

  if (L->n_rows == 0)
    {
      g_set_error (error, PS_DATASET_ERROR, PS_DATASET_ERROR_EMPTY,
                   "%s has a header but no data rows", L->r.display);
      return NULL;
    }

  ds = ps_dataset_new_empty (name);
  ds->n_samples = L->n_rows;
  ds->n_features = L->n_features;
  if (!finish_labels (L, ds, error))
    return NULL;

  /* Give back the slack of the estimate. */
  ds->x = g_realloc_n (g_steal_pointer (&L->x), MAX (L->n_rows * L->n_features, 1), sizeof (float));
  ds->labels = g_realloc_n (g_steal_pointer (&L->labels), L->n_rows, sizeof (guint32));
  ds->feature_names = g_new0 (char *, L->n_features + 1);
  for (guint k = 0, j = 0; k < L->n_cols; k++)
    if (k != L->label_col)
      ds->feature_names[j++] = g_strdup (L->col_names[k]);
  return g_steal_pointer (&ds);
}

static const PsCsvOptions default_options = { NULL, 0, -1 };

/**
 * ps_dataset_load_csv:
 * @path: the file
 * @options: (nullable): label column, separator, header; NULL for defaults
 * @cancellable: (nullable): checked every chunk read
 * @progress: (nullable): called with the fraction of bytes read
 *
 * Reads a CSV file of numeric features and one label column (see the comment
 * at the top of ps-csv.c for the rules).
 *
 * Returns: (transfer full): the dataset, or NULL with an error in
 * PS_DATASET_ERROR naming the file, line and column.
 */
PsDataset *
ps_dataset_load_csv (const char          *path,
                     const PsCsvOptions  *options,
                     GCancellable        *cancellable,
                     PsLoadProgressFunc   progress,
                     gpointer             user_data,
                     GError             **error)
{
  CsvLoad L = { { 0 } };
  CsvHead head = { { NULL, NULL, NULL, 0 } };
  g_autofree char *display = NULL;
  g_autofree char *basename = NULL;
  PsDataset *ds = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (options == NULL)
    options = &default_options;
  display = g_filename_display_name (path);
  basename = g_path_get_basename (display);
  csv_load_init (&L, display, cancellable, progress, user_data);

  if (csv_start (&L, &head, path, options, error) &&
      choose_label_column (&L, options->label_column, head.has_header, error))
    {
      L.n_features = L.n_cols - 1;
      if (csv_read_rows (&L, &head, error))
        ds = csv_build_dataset (&L, basename, error);
    }
  if (ds != NULL && progress != NULL)
    progress (1.0, user_data);

  record_clear (&head.first);
  csv_load_clear (&L);
  return ds;
}

/* ---- the sniffer: what the reader sees in the first lines ---------------------- */

/* The current record's fields, trimmed, as a row of the preview. */
static char **
record_strv (CsvReader *r)
{
  guint nf = n_fields (r);
  char **row = g_new0 (char *, nf + 1);

  for (guint k = 0; k < nf; k++)
    row[k] = text_to_utf8 (trim ((char *) field (r, k)));
  return row;
}

/* The label when none is named: the last column, unless it holds numbers
 * only and another holds text (iris with "setosa" first): then the first
 * such column. */
static guint
suggest_label_column (const PsCsvPreview *p)
{
  g_autofree gboolean *text = g_new0 (gboolean, p->n_columns);

  for (guint r = 0; r < p->n_rows; r++)
    for (guint c = 0; c < p->n_columns && p->rows[r][c] != NULL; c++)
      if (*p->rows[r][c] != '\0' && looks_text (p->rows[r][c], p->separator))
        text[c] = TRUE;
  if (!text[p->n_columns - 1])
    for (guint c = 0; c + 1 < p->n_columns; c++)
      if (text[c])
        return c;
  return p->n_columns - 1;
}

/**
 * ps_csv_sniff:
 * @path: the file
 * @options: (nullable): as for ps_dataset_load_csv()
 * @max_rows: data rows to keep for a preview
 *
 * Reads the first records with the reader's own rules (separator, quotes,
 * header, gzip, regular files only) and stops: what a preview shows is what
 * ps_dataset_load_csv() reads.
 *
 * Returns: (transfer full): the preview, or NULL with a PS_DATASET_ERROR
 */
PsCsvPreview *
ps_csv_sniff (const char          *path,
              const PsCsvOptions  *options,
              guint                max_rows,
              GError             **error)
{
  CsvLoad L = { { 0 } };
  CsvHead head = { { NULL, NULL, NULL, 0 } };
  g_autofree char *display = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  PsCsvPreview *p = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (options == NULL)
    options = &default_options;
  display = g_filename_display_name (path);
  csv_load_init (&L, display, NULL, NULL, NULL);
  if (!csv_start (&L, &head, path, options, error))
    goto out;
  if (options->label_column != NULL &&
      !choose_label_column (&L, options->label_column, head.has_header, error))
    goto out;

  if (!head.has_header && rows->len < max_rows)
    {
      record_swap (&L.r, &head.first);
      g_ptr_array_add (rows, record_strv (&L.r));
      record_swap (&L.r, &head.first);
    }
  for (int ret = head.have_second ? 1 : 0; ret == 1 && rows->len < max_rows;
       ret = read_record (&L.r, NULL))
    g_ptr_array_add (rows, record_strv (&L.r));

  p = g_new0 (PsCsvPreview, 1);
  p->separator = L.r.sep;
  p->has_header = head.has_header;
  p->n_columns = L.n_cols;
  p->column_names = g_steal_pointer (&L.col_names);
  p->n_rows = rows->len;
  g_ptr_array_add (rows, NULL);
  p->rows = (char ***) g_ptr_array_free (g_steal_pointer (&rows), FALSE);
  p->label_column = options->label_column != NULL ? L.label_col : suggest_label_column (p);

out:
  record_clear (&head.first);
  csv_load_clear (&L);
  return p;
}

void
ps_csv_preview_free (PsCsvPreview *self)
{
  if (self == NULL)
    return;
  g_strfreev (self->column_names);
  for (guint r = 0; r < self->n_rows; r++)
    g_strfreev (self->rows[r]);
  g_free (self->rows);
  g_free (self);
}

/**
 * ps_csv_preview_column_spec:
 * @k: a column, below n_columns
 *
 * Returns: (transfer full): how a PsCsvOptions.label_column names column
 *   @k: the header's name, or its 0-based index when the file has no header
 *   (the reader's rule)
 */
char *
ps_csv_preview_column_spec (const PsCsvPreview *self,
                            guint               k)
{
  g_return_val_if_fail (self != NULL && k < self->n_columns, NULL);

  return self->has_header ? g_strdup (self->column_names[k]) : g_strdup_printf ("%u", k);
}

/* The header line, then the data rows. */
static char **
preview_line (const PsCsvPreview *p,
              guint               l)
{
  return p->has_header ? (l == 0 ? p->column_names : p->rows[l - 1]) : p->rows[l];
}

/**
 * ps_csv_preview_to_text:
 * @max_cell_chars: wider cells are cut to this many characters, "…" last
 *
 * Returns: (transfer full): the header and rows as a fixed-width table
 *   (columns two spaces apart, lines joined by '\n', the first 64 columns)
 */
char *
ps_csv_preview_to_text (const PsCsvPreview *self,
                        guint               max_cell_chars)
{
  guint widths[64] = { 0 };
  GString *text = g_string_new (NULL);
  guint n_lines;

  g_return_val_if_fail (self != NULL && max_cell_chars > 0, NULL);

  n_lines = self->n_rows + (self->has_header ? 1 : 0);
  for (guint l = 0; l < n_lines; l++)
    {
      char **cells = preview_line (self, l);

      for (guint c = 0; cells[c] != NULL && c < G_N_ELEMENTS (widths); c++)
        widths[c] = MAX (widths[c], MIN (g_utf8_strlen (cells[c], -1), (glong) max_cell_chars));
    }
  for (guint l = 0; l < n_lines; l++)
    {
      char **cells = preview_line (self, l);

      for (guint c = 0; cells[c] != NULL && c < G_N_ELEMENTS (widths); c++)
        {
          const char *cell = cells[c];
          glong len = g_utf8_strlen (cell, -1);

          if (c > 0)
            g_string_append (text, "  ");
          if (len > (glong) max_cell_chars)
            {
              g_string_append_len (text, cell, g_utf8_offset_to_pointer (cell, max_cell_chars - 1) - cell);
              g_string_append (text, "…");
            }
          else
            {
              g_string_append (text, cell);
              for (glong k = len; k < (glong) widths[c]; k++)
                g_string_append_c (text, ' ');
            }
        }
      if (l + 1 < n_lines)
        g_string_append_c (text, '\n');
    }
  return g_string_free (text, FALSE);
}
