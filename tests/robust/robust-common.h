/* robust-common.h: helpers for the robustness tests
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <glib/gstdio.h>
#include <gio/gio.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>

/* Under AddressSanitizer the process reserves terabytes of address space and
 * keeps freed memory in quarantine: RLIMIT_AS and peak-RSS bounds mean
 * nothing there, so those assertions are skipped (the behaviour is still
 * checked). */
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
# define ROBUST_SANITIZED 1
#elif defined(__has_feature)
# if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
#  define ROBUST_SANITIZED 1
# endif
#endif
#ifndef ROBUST_SANITIZED
# define ROBUST_SANITIZED 0
#endif

/* A scratch folder for the whole test program; removed by robust_cleanup(). */
static char *robust_dir;

static void
robust_rm_rf (const char *path)
{
  GStatBuf st;
  if (g_lstat (path, &st) != 0)
    return;
  if (S_ISDIR (st.st_mode))
    {
      g_chmod (path, 0755);
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;
      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          robust_rm_rf (child);
        }
      g_rmdir (path);
    }
  else
    g_unlink (path);
}

static inline const char *
robust_tmpdir (void)
{
  if (robust_dir == NULL)
    {
      /* The subprocesses of g_test_trap_subprocess() share the parent's. */
      const char *inherited = g_getenv ("PS_ROBUST_TMPDIR");
      if (inherited != NULL && g_test_subprocess ())
        robust_dir = g_strdup (inherited);
      else
        {
          g_autoptr(GError) error = NULL;
          robust_dir = g_dir_make_tmp ("ps-robust-XXXXXX", &error);
          g_assert_no_error (error);
          g_chmod (robust_dir, 0755);
          g_setenv ("PS_ROBUST_TMPDIR", robust_dir, TRUE);
        }
    }
  return robust_dir;
}

static inline void
robust_cleanup (void)
{
  if (robust_dir != NULL && !g_test_subprocess ())
    robust_rm_rf (robust_dir);
  g_clear_pointer (&robust_dir, g_free);
}

static inline char *
robust_path (const char *name)
{
  return g_build_filename (robust_tmpdir (), name, NULL);
}

static inline char *
robust_write (const char *name,
              const void *data,
              gsize       len)
{
  g_autoptr(GError) error = NULL;
  char *path = robust_path (name);
  g_file_set_contents (path, data, (gssize) len, &error);
  g_assert_no_error (error);
  return path;
}

/* Kilobytes of address space in use (VmSize). */
static inline guint64
robust_vm_kb (void)
{
  g_autofree char *status = NULL;
  g_assert_true (g_file_get_contents ("/proc/self/status", &status, NULL, NULL));
  const char *line = strstr (status, "VmSize:");
  g_assert_nonnull (line);
  return g_ascii_strtoull (line + strlen ("VmSize:"), NULL, 10);
}

/* Peak resident set so far, in kilobytes. */
static inline guint64
robust_peak_rss_kb (void)
{
  struct rusage ru;
  g_assert_cmpint (getrusage (RUSAGE_SELF, &ru), ==, 0);
  return (guint64) ru.ru_maxrss;
}

/* Caps this process's address space at what it uses now plus @extra_mb: an
 * allocation of more than that fails (g_try_malloc returns NULL, g_malloc
 * aborts). Only in a subprocess, and not under sanitizers. */
static inline void
robust_limit_memory (guint64 extra_mb)
{
  g_assert_true (g_test_subprocess ());
  struct rlimit rl;
  rl.rlim_cur = rl.rlim_max = (robust_vm_kb () + extra_mb * 1024) * 1024;
  g_assert_cmpint (setrlimit (RLIMIT_AS, &rl), ==, 0);
}
