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

static MutexFunc     real_lock, real_unlock;
static TryFunc       real_trylock;
static WaitFunc      real_wait;
static WaitUntilFunc real_wait_until;

/* GLib's own definitions, found before any thread starts. */
__attribute__((constructor)) static void
find_real (void)
{
  real_lock = (MutexFunc) dlsym (RTLD_NEXT, "g_mutex_lock");
  real_unlock = (MutexFunc) dlsym (RTLD_NEXT, "g_mutex_unlock");
  real_trylock = (TryFunc) dlsym (RTLD_NEXT, "g_mutex_trylock");
  real_wait = (WaitFunc) dlsym (RTLD_NEXT, "g_cond_wait");
  real_wait_until = (WaitUntilFunc) dlsym (RTLD_NEXT, "g_cond_wait_until");
  g_assert (real_lock && real_unlock && real_trylock && real_wait && real_wait_until);
}

void
g_mutex_lock (GMutex *mutex)
{
  real_lock (mutex);
  __tsan_acquire (mutex);
}

void
g_mutex_unlock (GMutex *mutex)
{
  __tsan_release (mutex);
  real_unlock (mutex);
}

gboolean
g_mutex_trylock (GMutex *mutex)
{
  gboolean locked = real_trylock (mutex);
  if (locked)
    __tsan_acquire (mutex);
  return locked;
}

void
g_cond_wait (GCond  *cond,
             GMutex *mutex)
{
  __tsan_release (mutex);
  real_wait (cond, mutex);
  __tsan_acquire (mutex);
}

gboolean
g_cond_wait_until (GCond  *cond,
                   GMutex *mutex,
                   gint64  end_time)
{
  __tsan_release (mutex);
  gboolean signalled = real_wait_until (cond, mutex, end_time);
  __tsan_acquire (mutex);
  return signalled;
}
#endif
