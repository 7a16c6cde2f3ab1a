/* tsan-glib.c: teaches ThreadSanitizer about GLib's mutexes and conditions
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * On Linux, GLib 2.74 implements GMutex and GCond with raw futex calls in a
 * library that is not instrumented, so TSan sees no happens-before edge
 * through them and reports every GMutex-protected access as a race. Linked
 * into a test built with -fsanitize=thread, these definitions interpose
 * g_mutex_lock/unlock/trylock and g_cond_wait/wait_until for the calls from
 * our code (the core is a static library in the same executable): they call
 * GLib's own and add the acquire/release annotations the real lock provides.
 * They hide nothing else: a race on data not protected by the lock is still
 * reported. In builds without TSan this file is empty.
 */
#include "config.h"

#include <glib.h>

#if defined(__SANITIZE_THREAD__)
# define PS_TSAN 1
#elif defined(__has_feature)
# if __has_feature(thread_sanitizer)
#  define PS_TSAN 1
# endif
#endif

#ifdef PS_TSAN
#include <dlfcn.h>
#include <sanitizer/tsan_interface.h>

typedef void     (*MutexFunc)    (GMutex *);
typedef gboolean (*TryFunc)      (GMutex *);
typedef void     (*WaitFunc)     (GCond *, GMutex *);
typedef gboolean (*WaitUntilFunc) (GCond *, GMutex *, gint64);

static gpointer real_lock, real_unlock, real_trylock, real_wait, real_wait_until;

/* GLib's own definition of name. Resolved on first use (a library
 * constructor may lock a mutex before ours would have run), atomically. */
static gpointer
resolve (gpointer   *slot,
         const char *name)
{
  gpointer f = g_atomic_pointer_get (slot);
  if (G_UNLIKELY (f == NULL))
    {
      f = dlsym (RTLD_NEXT, name);
      g_assert (f != NULL);
      g_atomic_pointer_set (slot, f);
    }
  return f;
}

#define REAL(slot, type, name) ((type) resolve (&slot, name))

void
g_mutex_lock (GMutex *mutex)
{
  REAL (real_lock, MutexFunc, "g_mutex_lock") (mutex);
  __tsan_acquire (mutex);
}

void
g_mutex_unlock (GMutex *mutex)
{
  __tsan_release (mutex);
  REAL (real_unlock, MutexFunc, "g_mutex_unlock") (mutex);
}

gboolean
g_mutex_trylock (GMutex *mutex)
{
  gboolean locked = REAL (real_trylock, TryFunc, "g_mutex_trylock") (mutex);
  if (locked)
    __tsan_acquire (mutex);
  return locked;
}

void
g_cond_wait (GCond  *cond,
             GMutex *mutex)
{
  __tsan_release (mutex);
  REAL (real_wait, WaitFunc, "g_cond_wait") (cond, mutex);
  __tsan_acquire (mutex);
}

gboolean
g_cond_wait_until (GCond  *cond,
                   GMutex *mutex,
                   gint64  end_time)
{
  __tsan_release (mutex);
  gboolean signalled = REAL (real_wait_until, WaitUntilFunc, "g_cond_wait_until") (cond, mutex, end_time);
  __tsan_acquire (mutex);
  return signalled;
}
#endif
