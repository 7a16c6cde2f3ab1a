/* ps-file.c
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ps-file.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <sys/stat.h>
#include <unistd.h>

/* g_file_set_contents_full() writes a temporary file and renames it over the
 * path: right for a regular file, but a device or a pipe (/dev/null,
 * /dev/full, a FIFO) would be silently replaced by a regular file when the
 * folder is writable (as root in /dev). Those are written in place, as cp
 * does, so /dev/full says "No space left on device". */
gboolean
ps_file_write (const char  *path,
               const char  *data,
               gsize        len,
               int          mode,
               GError     **error)
{
  GStatBuf st;
  int fd, saved;

  if (g_stat (path, &st) != 0 || S_ISREG (st.st_mode) || S_ISDIR (st.st_mode))
    return g_file_set_contents_full (path, data, (gssize) len,
                                     G_FILE_SET_CONTENTS_CONSISTENT, mode, error);

  fd = g_open (path, O_WRONLY | O_CLOEXEC, 0);
  if (fd < 0)
    goto fail;
  while (len > 0)
    {
      gssize n = write (fd, data, len);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          saved = n < 0 ? errno : ENOSPC;
          close (fd);
          errno = saved;
          goto fail;
        }
      data += n;
      len -= (gsize) n;
    }
  if (close (fd) == 0)
    return TRUE;
fail:
  saved = errno;
  g_set_error_literal (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                       g_strerror (saved));
  return FALSE;
}
