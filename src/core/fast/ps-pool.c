/* ps-pool.c: a persistent pool of worker threads with a barrier
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every wait is on an int "word" changing from a known value: spin (with the
 * CPU's pause hint) for up to PS_POOL_SPIN_US, then sleep in the kernel
 * (futex) until a waker changes the word. Wakers only make the system call
 * when someone sleeps. All atomics are sequentially consistent (GLib's), which
 * the sleeper count / word pair needs: a waiter increments the sleeper count
 * and then re-checks the word in the kernel, a waker changes the word and
 * then reads the count, so one of them always sees the other.
 */
#include "config.h"

#include "ps-pool.h"

#ifdef __linux__
#include <linux/futex.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

/* How long a thread spins before it sleeps. Between two batches the trainer
 * thread does little, so a worker waiting for the next job should not sleep;
 * once training pauses it does, after this long. A barrier's partner is
 * either a few microseconds away or preempted (a loaded machine): then
 * spinning only steals its CPU, so barriers give up sooner. */
#define PS_POOL_JOB_SPIN_US 300
#define PS_POOL_BARRIER_SPIN_US 50

struct _PsPool
{
  guint       n_threads;
  GThread   **threads;

  PsPoolFunc  func;
  gpointer    data;
  gint        job;          /* word: bumped for each job (and to quit) */
  gint        quit;
  gint        n_done;       /* word: workers done with the current job */

  gint        bar_count;
  gint        bar_gen;      /* word: bumped when a barrier opens */

  gint        sleepers;     /* threads in futex_wait (any word) */
};

typedef struct
{
  PsPool *pool;
  guint   thread;
} Worker;

static inline void
cpu_relax (void)
{
#if defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_pause ();
#endif
}

static void
word_sleep (PsPool *pool,
            gint   *word,
            gint    old)
{
  g_atomic_int_inc (&pool->sleepers);
#ifdef __linux__
  if (g_atomic_int_get (word) == old)
    syscall (SYS_futex, word, FUTEX_WAIT_PRIVATE, old, NULL, NULL, 0);
#else
  if (g_atomic_int_get (word) == old)
    g_usleep (50);
#endif
  g_atomic_int_dec_and_test (&pool->sleepers);
}

static void
word_wake (PsPool *pool,
           gint   *word)
{
#ifdef __linux__
  if (g_atomic_int_get (&pool->sleepers) > 0)
    syscall (SYS_futex, word, FUTEX_WAKE_PRIVATE, G_MAXINT, NULL, NULL, 0);
#endif
}

/* Waits until *word != old; returns the new value. */
static gint
word_wait (PsPool *pool,
           gint   *word,
           gint    old,
           gint64  spin_us)
{
  gint64 deadline = 0;
  gint v;

  for (guint spins = 0;; spins++)
    {
      v = g_atomic_int_get (word);
      if (v != old)
        return v;
      cpu_relax ();
      if ((spins & 255) == 255)
        {
          gint64 now = g_get_monotonic_time ();

          if (deadline == 0)
            deadline = now + spin_us;
          else if (now > deadline)
            break;
        }
    }
  while ((v = g_atomic_int_get (word)) == old)
    word_sleep (pool, word, old);
  return v;
}

static gpointer
worker_main (gpointer user_data)
{
  Worker *w = user_data;
  PsPool *pool = w->pool;
  gint job = 0;

  for (;;)
    {
      job = word_wait (pool, &pool->job, job, PS_POOL_JOB_SPIN_US);
      if (g_atomic_int_get (&pool->quit))
        break;
      pool->func (pool->data, w->thread);
      g_atomic_int_inc (&pool->n_done);
      word_wake (pool, &pool->n_done);
    }
  g_free (w);
  return NULL;
}

/**
 * ps_pool_new:
 * @n_threads: threads in all, the caller of ps_pool_run() included (≥ 1)
 *
 * Returns: (transfer full): free with ps_pool_free()
 */
PsPool *
ps_pool_new (guint n_threads)
{
  PsPool *pool;

  g_return_val_if_fail (n_threads >= 1, NULL);

  pool = g_new0 (PsPool, 1);
  pool->n_threads = n_threads;
  pool->threads = g_new0 (GThread *, n_threads);
  for (guint t = 1; t < n_threads; t++)
    {
      Worker *w = g_new0 (Worker, 1);
      g_autofree char *name = g_strdup_printf ("ps-train-%u", t);

      w->pool = pool;
      w->thread = t;
      pool->threads[t] = g_thread_new (name, worker_main, w);
    }
  return pool;
}

void
ps_pool_free (PsPool *pool)
{
  if (pool == NULL)
    return;
  g_atomic_int_set (&pool->quit, 1);
  g_atomic_int_inc (&pool->job);
  word_wake (pool, &pool->job);
  for (guint t = 1; t < pool->n_threads; t++)
    g_thread_join (pool->threads[t]);
  g_free (pool->threads);
  g_free (pool);
}

guint
ps_pool_n_threads (PsPool *pool)
{
  g_return_val_if_fail (pool != NULL, 1);
  return pool->n_threads;
}

void
ps_pool_run (PsPool     *pool,
             PsPoolFunc  func,
             gpointer    data)
{
  gint done;

  g_return_if_fail (pool != NULL && func != NULL);

  if (pool->n_threads == 1)
    {
      func (data, 0);
      return;
    }
  pool->func = func;
  pool->data = data;
  g_atomic_int_set (&pool->n_done, 0);
  g_atomic_int_inc (&pool->job);
  word_wake (pool, &pool->job);

  func (data, 0);

  done = g_atomic_int_get (&pool->n_done);
  while (done < (gint) pool->n_threads - 1)
    done = word_wait (pool, &pool->n_done, done, PS_POOL_BARRIER_SPIN_US);
}

void
ps_pool_barrier (PsPool *pool)
{
  gint gen;

  if (pool->n_threads == 1)
    return;
  gen = g_atomic_int_get (&pool->bar_gen);
  if (g_atomic_int_add (&pool->bar_count, 1) == (gint) pool->n_threads - 1)
    {
      g_atomic_int_set (&pool->bar_count, 0);
      g_atomic_int_inc (&pool->bar_gen);
      word_wake (pool, &pool->bar_gen);
    }
  else
    word_wait (pool, &pool->bar_gen, gen, PS_POOL_BARRIER_SPIN_US);
}
