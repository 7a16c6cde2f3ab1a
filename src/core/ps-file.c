/* ps-file.c: reading and writing a user's file safely
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ps-file.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <math.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define TEMP_INFIX "ps-tmp-"

static gboolean
set_errno_error (GError **error,
                 int      saved,
                 const char *what)
{
  if (what != NULL)
    g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                 "%s: %s", what, g_strerror (saved));
  else
    g_set_error_literal (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                         g_strerror (saved));
  return FALSE;
}

static const char *
kind_of (mode_t m)
{
  if (S_ISFIFO (m))
    return "a pipe";
  if (S_ISCHR (m) || S_ISBLK (m))
    return "a device";
  if (S_ISSOCK (m))
    return "a socket";
  if (S_ISDIR (m))
    return "a folder";
  return "not a plain file";
}

/* ---- cleaning up temporary files on SIGINT/SIGTERM/SIGHUP --------------- */

/* The temporary files being written right now, for the signal handler: a
 * slot is 0 (free), 1 (being filled or emptied) or 2 (holds a live path).
 * g_atomic_int_* are lock-free, so async-signal-safe. */
#define N_SLOTS 8
#define SLOT_PATH_MAX 4096
static char temp_paths[N_SLOTS][SLOT_PATH_MAX];
static gint temp_state[N_SLOTS];
static const int cleanup_signals[] = { SIGINT, SIGTERM, SIGHUP };

void
ps_file_remove_temporaries (void)
{
  int saved = errno;

  for (guint i = 0; i < N_SLOTS; i++)
    if (g_atomic_int_get (&temp_state[i]) == 2)
      unlink (temp_paths[i]);
  errno = saved;
}

static void
on_fatal_signal (int sig)
{
  int saved = errno;
  struct sigaction dfl;

  ps_file_remove_temporaries ();
  /* Die of the signal, as without this handler: it is blocked until the
   * handler returns, then delivered with the default action. */
  memset (&dfl, 0, sizeof dfl);
  dfl.sa_handler = SIG_DFL;
  sigemptyset (&dfl.sa_mask);
  sigaction (sig, &dfl, NULL);
  raise (sig);
  errno = saved;
}

/* Installs the handler for each signal the program leaves at its default
 * (a program with its own handler, or ignoring the signal, keeps it). */
static gpointer
install_cleanup_handlers (gpointer data)
{
  for (guint i = 0; i < G_N_ELEMENTS (cleanup_signals); i++)
    {
      struct sigaction old, sa;

      if (sigaction (cleanup_signals[i], NULL, &old) != 0
          || (old.sa_flags & SA_SIGINFO) != 0 || old.sa_handler != SIG_DFL)
        continue;
      memset (&sa, 0, sizeof sa);
      sa.sa_handler = on_fatal_signal;
      sigemptyset (&sa.sa_mask);
      sa.sa_flags = SA_RESTART;
      sigaction (cleanup_signals[i], &sa, NULL);
    }
  return NULL;
}

static int
claim_slot (const char *tmp_path)
{
  static GOnce once = G_ONCE_INIT;

  g_once (&once, install_cleanup_handlers, NULL);
  if (strlen (tmp_path) >= SLOT_PATH_MAX)
    return -1;
  for (int i = 0; i < N_SLOTS; i++)
    if (g_atomic_int_compare_and_exchange (&temp_state[i], 0, 1))
      {
        strcpy (temp_paths[i], tmp_path);
        g_atomic_int_set (&temp_state[i], 2);
        return i;
      }
  return -1;
}

static void
release_slot (int slot)
{
  if (slot >= 0)
    {
      g_atomic_int_set (&temp_state[slot], 1);
      temp_paths[slot][0] = '\0';
      g_atomic_int_set (&temp_state[slot], 0);
    }
}

/* ---- writing ------------------------------------------------------------ */

/* Follows path while it is a symlink; returns the final target (which may
 * not exist: a dangling link creates its target, as editors do). */
static char *
resolve_links (const char  *path,
               GError     **error)
{
  g_autofree char *cur = g_strdup (path);

  for (guint i = 0; i < 40; i++)
    {
      GStatBuf st;
      g_autofree char *target = NULL;
      g_autoptr (GError) local = NULL;

      if (g_lstat (cur, &st) != 0 || !S_ISLNK (st.st_mode))
        return g_steal_pointer (&cur);
      target = g_file_read_link (cur, &local);
      if (target == NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return NULL;
        }
      if (!g_path_is_absolute (target))
        {
          g_autofree char *dir = g_path_get_dirname (cur);

          g_free (cur);
          cur = g_build_filename (dir, target, NULL);
        }
      else
        {
          g_free (cur);
          cur = g_steal_pointer (&target);
        }
    }
  set_errno_error (error, ELOOP, NULL);
  return NULL;
}

static gboolean
write_all (int          fd,
           const char  *data,
           gsize        len)
{
  while (len > 0)
    {
      gssize n = write (fd, data, MIN (len, (gsize) 1 << 30));

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          if (n == 0)
            errno = ENOSPC;
          return FALSE;
        }
      data += n;
      len -= (gsize) n;
    }
  return TRUE;
}

/* A device or a pipe: written in place, as cp does, so /dev/full says "No
 * space left on device" and /dev/null stays a device. SIGPIPE (a reader that
 * goes away) becomes an EPIPE error, not the death of the program. */
static gboolean
write_in_place (const char  *path,
                mode_t       kind,
                const char  *data,
                gsize        len,
                GError     **error)
{
  sigset_t pipe_set, old_set;
  gboolean ok, pipe_was_pending;
  int fd, saved = 0, flags;

  fd = g_open (path, O_WRONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY, 0);
  if (fd < 0)
    {
      saved = errno;
      if (saved == ENXIO && S_ISFIFO (kind))
        {
          g_set_error_literal (error, G_FILE_ERROR, G_FILE_ERROR_NXIO,
                               "it is a pipe (FIFO) with no reader; not waiting for one");
          return FALSE;
        }
      return set_errno_error (error, saved, NULL);
    }
  /* Opened without waiting; the writes themselves may wait for the reader. */
  flags = fcntl (fd, F_GETFL);
  if (flags >= 0)
    fcntl (fd, F_SETFL, flags & ~O_NONBLOCK);

  sigemptyset (&pipe_set);
  sigaddset (&pipe_set, SIGPIPE);
  {
    sigset_t pending;

    sigpending (&pending);
    pipe_was_pending = sigismember (&pending, SIGPIPE);
  }
  pthread_sigmask (SIG_BLOCK, &pipe_set, &old_set);
  ok = write_all (fd, data, len);
  if (!ok)
    saved = errno;
  if (close (fd) != 0 && ok)
    {
      ok = FALSE;
      saved = errno;
    }
  if (!ok && saved == EPIPE && !pipe_was_pending)
    {
      struct timespec zero = { 0, 0 };

      sigtimedwait (&pipe_set, NULL, &zero);
    }
  pthread_sigmask (SIG_SETMASK, &old_set, NULL);
  if (!ok)
    return set_errno_error (error, saved, NULL);
  return TRUE;
}

/* Removes ".BASE.ps-tmp-XXXXXX" files a killed save left beside target. */
static void
remove_stale_temps (const char *dir,
                    const char *base)
{
  g_autofree char *prefix = g_strconcat (".", base, "." TEMP_INFIX, NULL);
  gsize prefix_len = strlen (prefix);
  GDir *d = g_dir_open (dir, 0, NULL);
  const char *name;

  if (d == NULL)
    return;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *full = NULL;
      GStatBuf st;

      if (strncmp (name, prefix, prefix_len) != 0 || strlen (name + prefix_len) != 6)
        continue;
      full = g_build_filename (dir, name, NULL);
      if (g_lstat (full, &st) == 0 && S_ISREG (st.st_mode))
        g_unlink (full);
    }
  g_dir_close (d);
}

/* Like g_mkstemp_full(), but the name is in a cleanup slot before the file
 * exists: a signal at any time after it is created removes it. */
static int
create_temp (char *tmpl,
             int   mode,
             int  *slot)
{
  static const char letters[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  gsize n = strlen (tmpl);
  int saved = EEXIST;

  g_assert (n >= 6);
  for (guint tries = 0; tries < 100; tries++)
    {
      int fd;

      for (gsize i = n - 6; i < n; i++)
        tmpl[i] = letters[g_random_int_range (0, sizeof letters - 1)];
      *slot = claim_slot (tmpl);
      fd = g_open (tmpl, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, mode);
      if (fd >= 0)
        return fd;
      saved = errno;
      release_slot (*slot);
      *slot = -1;
      if (saved != EEXIST)
        break;
    }
  errno = saved;
  return -1;
}

gboolean
ps_file_write (const char  *path,
               const char  *data,
               gsize        len,
               int          mode,
               GError     **error)
{
  g_autofree char *target = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *tmp = NULL;
  GStatBuf st;
  gboolean exists;
  int fd, slot = -1, saved;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (data != NULL || len == 0, FALSE);

  target = resolve_links (path, error);
  if (target == NULL)
    return FALSE;
  exists = g_stat (target, &st) == 0;
  if (exists && S_ISDIR (st.st_mode))
    {
      g_set_error_literal (error, G_FILE_ERROR, G_FILE_ERROR_ISDIR,
                           "it is a folder, not a file");
      return FALSE;
    }
  if (exists && !S_ISREG (st.st_mode))
    return write_in_place (target, st.st_mode, data, len, error);
  if (exists && (st.st_mode & 0222) == 0)
    {
      /* Root may write anything: the mode bits are what the user meant. */
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_PERM,
                   "the file is write-protected (mode %04o); not replacing it",
                   (guint) (st.st_mode & 07777));
      return FALSE;
    }
  if (exists && access (target, W_OK) != 0)
    return set_errno_error (error, errno, "cannot replace the file");

  dir = g_path_get_dirname (target);
  base = g_path_get_basename (target);
  remove_stale_temps (dir, base);
  {
    g_autofree char *name = g_strconcat (".", base, "." TEMP_INFIX "XXXXXX", NULL);

    tmp = g_build_filename (dir, name, NULL);
  }
  fd = create_temp (tmp, exists ? 0600 : mode, &slot);
  if (fd < 0)
    {
      saved = errno;
      g_autofree char *dir_display = g_filename_display_name (dir);
      g_autofree char *what = g_strdup_printf ("cannot create a temporary file in %s", dir_display);

      return set_errno_error (error, saved, what);
    }
  if (exists)
    {
      if (fchmod (fd, st.st_mode & 0777) != 0)
        goto fail;
      /* As root, someone else's file stays theirs (best effort). */
      if (geteuid () == 0 && (st.st_uid != 0 || st.st_gid != getegid ()))
        {
          if (fchown (fd, st.st_uid, st.st_gid) != 0)
            {
              /* not fatal */
            }
        }
    }
  if (!write_all (fd, data, len) || fsync (fd) != 0)
    goto fail;
  if (close (fd) != 0)
    {
      fd = -1;
      goto fail;
    }
  fd = -1;
  if (g_rename (tmp, target) != 0)
    goto fail;
  release_slot (slot);
  return TRUE;

fail:
  saved = errno;
  if (fd >= 0)
    close (fd);
  g_unlink (tmp);
  release_slot (slot);
  return set_errno_error (error, saved, NULL);
}

/* ---- reading ------------------------------------------------------------ */

static gboolean
refuse_kind (mode_t    m,
             GError  **error)
{
  if (S_ISDIR (m))
    g_set_error_literal (error, G_FILE_ERROR, G_FILE_ERROR_ISDIR,
                         "it is a folder, not a file");
  else
    g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                 "not a regular file (%s)", kind_of (m));
  return FALSE;
}

static gboolean
refuse_size (gsize     max,
             GError  **error)
{
  g_autofree char *limit = NULL;

  /* (g_format_size() puts a no-break space in, which messages do not want) */
  if (max % (1 << 20) == 0)
    limit = g_strdup_printf ("%" G_GSIZE_FORMAT " MiB", max >> 20);
  else if (max % 1024 == 0)
    limit = g_strdup_printf ("%" G_GSIZE_FORMAT " KiB", max >> 10);
  else
    limit = g_strdup_printf ("%" G_GSIZE_FORMAT "-byte", max);

  g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED,
               "the file is larger than the %s limit", limit);
  return FALSE;
}

gboolean
ps_file_read_limited (const char  *path,
                      gsize        max,
                      char       **contents,
                      gsize       *length,
                      GError     **error)
{
  GStatBuf st;
  g_autofree char *buf = NULL;
  gsize size, used = 0;
  int fd;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (contents != NULL, FALSE);

  *contents = NULL;
  max = MIN (max, G_MAXSIZE / 2);
  /* stat first, so a device is never even opened; then open without
   * blocking (a FIFO swapped in meanwhile) and check again. */
  if (g_stat (path, &st) != 0)
    return set_errno_error (error, errno, NULL);
  if (!S_ISREG (st.st_mode))
    return refuse_kind (st.st_mode, error);
  fd = g_open (path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY, 0);
  if (fd < 0)
    return set_errno_error (error, errno, NULL);
  if (fstat (fd, &st) != 0)
    {
      int saved = errno;

      close (fd);
      return set_errno_error (error, saved, NULL);
    }
  if (!S_ISREG (st.st_mode))
    {
      close (fd);
      return refuse_kind (st.st_mode, error);
    }
  if (st.st_size < 0 || (guint64) st.st_size > max)
    {
      close (fd);
      return refuse_size (max, error);
    }

  /* The file may grow while it is read: never past max + 1 bytes. */
  size = (gsize) st.st_size + 1;
  buf = g_malloc (size + 1);
  for (;;)
    {
      gssize n;

      if (used == size)
        {
          if (size > max)
            {
              close (fd);
              return refuse_size (max, error);
            }
          size = MIN (MAX (size * 2, (gsize) 4096), max + 1);
          buf = g_realloc (buf, size + 1);
        }
      n = read (fd, buf + used, size - used);
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved = errno;

          close (fd);
          return set_errno_error (error, saved, NULL);
        }
      if (n == 0)
        break;
      used += (gsize) n;
    }
  close (fd);
  if (used > max)
    return refuse_size (max, error);
  buf[used] = '\0';
  if (length != NULL)
    *length = used;
  *contents = g_steal_pointer (&buf);
  return TRUE;
}

/* ---- the JSON guard ----------------------------------------------------- */

/* At most 40 bytes of s, with "…" when cut. */
static char *
quote_part (const char *s,
            gsize       len)
{
  if (len <= 40)
    return g_strndup (s, len);
  return g_strdup_printf ("%.*s… (%" G_GSIZE_FORMAT " characters)", 40, s, len);
}

static gboolean
is_token_end (char c)
{
  switch (c)
    {
    case ' ': case '\t': case '\r': case '\n':
    case '{': case '}': case '[': case ']': case ':': case ',': case '"':
      return TRUE;
    default:
      return FALSE;
    }
}

/* Whether the token is a whole number outside the gint64 range. */
static gboolean
whole_number_overflows (const char *t,
                        gsize       len)
{
  gboolean neg = FALSE;
  gsize i = 0, n;

  if (len > 0 && t[0] == '-')
    {
      neg = TRUE;
      i = 1;
    }
  if (i == len)
    return FALSE;
  for (gsize k = i; k < len; k++)
    if (!g_ascii_isdigit (t[k]))
      return FALSE;
  while (i + 1 < len && t[i] == '0')
    i++;
  n = len - i;
  if (n != 19)
    return n > 19;
  return strncmp (t + i, neg ? "9223372036854775808" : "9223372036854775807", 19) > 0;
}

/* Whether the token is a number too large for a double (json-glib makes
 * it infinity). */
static gboolean
number_overflows (const char *t,
                  gsize       len)
{
  g_autofree char *copy = NULL;
  double v;

  if (len == 0 || !(t[0] == '-' || g_ascii_isdigit (t[0])))
    return FALSE;
  for (gsize k = 0; k < len; k++)
    if (!g_ascii_isdigit (t[k]) && strchr ("+-.eE", t[k]) == NULL)
      return FALSE;
  copy = g_strndup (t, len);
  v = g_ascii_strtod (copy, NULL);
  return isinf (v);
}

gboolean
ps_json_check (const char  *text,
               gsize        len,
               guint        max_depth,
               const char  *display_name,
               GError     **error)
{
  const char *p = text, *end = text + len, *line_start = text;
  const char *last_str = NULL, *key = NULL;
  gsize last_str_len = 0, key_len = 0;
  gboolean done = FALSE, after_colon = FALSE;
  guint depth = 0, line = 1;

#define REFUSE(at, ...) \
  G_STMT_START { \
    g_autofree char *what_ = g_strdup_printf (__VA_ARGS__); \
    g_autofree char *valid_ = g_utf8_make_valid (what_, -1); \
    g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL, "%s:%u:%u: %s", \
                 display_name != NULL ? display_name : "<data>", line, \
                 (guint) ((at) - line_start) + 1, valid_); \
    return FALSE; \
  } G_STMT_END

  g_return_val_if_fail (text != NULL || len == 0, FALSE);

  if (len >= 3 && memcmp (p, "\xEF\xBB\xBF", 3) == 0)
    p += 3;
  while (p < end)
    {
      char c = *p;

      if (c == '\n')
        {
          line++;
          line_start = ++p;
          continue;
        }
      if (c == ' ' || c == '\t' || c == '\r')
        {
          p++;
          continue;
        }
      if (done)
        REFUSE (p, "unexpected text after the end of the JSON document "
                "(two documents in one file?)");
      switch (c)
        {
        case '"':
          {
            const char *s = ++p;

            while (p < end && *p != '"')
              {
                /* JSON's escapes only: json-glib also takes "\222" (octal)
                 * and makes bytes that are not UTF-8 of it */
                if (*p == '\\' && p + 1 < end)
                  {
                    p++;
                    if (strchr ("\"\\/bfnrtu", *p) == NULL || *p == '\0')
                      REFUSE (p - 1, "invalid escape in a string (JSON has \\\" \\\\ \\/ "
                              "\\b \\f \\n \\r \\t \\uXXXX)");
                    if (*p == 'u')
                      {
                        if (end - p < 5 || !g_ascii_isxdigit (p[1]) || !g_ascii_isxdigit (p[2])
                            || !g_ascii_isxdigit (p[3]) || !g_ascii_isxdigit (p[4]))
                          REFUSE (p - 1, "invalid escape in a string (\\u needs 4 hex digits)");
                        p += 4;
                      }
                  }
                if (*p == '\n')
                  {
                    line++;
                    line_start = p + 1;
                  }
                p++;
              }
            if (p >= end)
              return TRUE; /* unterminated: json-glib says where */
            last_str = s;
            last_str_len = (gsize) (p - s);
            p++;
            after_colon = FALSE;
            if (depth == 0)
              done = TRUE;
            continue;
          }
        case '{':
        case '[':
          if (depth >= max_depth)
            REFUSE (p, "nested deeper than %u levels of arrays and objects", max_depth);
          depth++;
          after_colon = FALSE;
          p++;
          continue;
        case '}':
        case ']':
          if (depth == 0)
            return TRUE; /* a stray bracket: json-glib says where */
          if (--depth == 0)
            done = TRUE;
          after_colon = FALSE;
          p++;
          continue;
        case ':':
          key = last_str;
          key_len = last_str_len;
          after_colon = TRUE;
          p++;
          continue;
        case ',':
          after_colon = FALSE;
          p++;
          continue;
        default:
          {
            const char *t = p;

            while (p < end && !is_token_end (*p))
              p++;
            if (whole_number_overflows (t, (gsize) (p - t)))
              {
                g_autofree char *num = quote_part (t, (gsize) (p - t));

                if (after_colon && key != NULL)
                  {
                    g_autofree char *name = quote_part (key, key_len);

                    REFUSE (t, "%s: %s is out of range (whole numbers are at most "
                            "19 digits long)", name, num);
                  }
                REFUSE (t, "%s is out of range (whole numbers are at most 19 digits long)", num);
              }
            if (number_overflows (t, (gsize) (p - t)))
              {
                g_autofree char *num = quote_part (t, (gsize) (p - t));

                if (after_colon && key != NULL)
                  {
                    g_autofree char *name = quote_part (key, key_len);

                    REFUSE (t, "%s: %s is out of range (numbers are at most 1.8e308)", name, num);
                  }
                REFUSE (t, "%s is out of range (numbers are at most 1.8e308)", num);
              }
            after_colon = FALSE;
            if (depth == 0)
              done = TRUE;
            continue;
          }
        }
    }
  return TRUE;
#undef REFUSE
}

void
ps_json_append_string (GString    *s,
                       const char *str)
{
  g_string_append_c (s, '"');
  for (const char *p = str; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      switch (c)
        {
        case '"':
          g_string_append (s, "\\\"");
          break;
        case '\\':
          g_string_append (s, "\\\\");
          break;
        case '\n':
          g_string_append (s, "\\n");
          break;
        case '\r':
          g_string_append (s, "\\r");
          break;
        case '\t':
          g_string_append (s, "\\t");
          break;
        default:
          if (c < 0x20 || c == 0x7f)
            g_string_append_printf (s, "\\u%04x", c);
          else
            g_string_append_c (s, (char) c);
        }
    }
  g_string_append_c (s, '"');
}
