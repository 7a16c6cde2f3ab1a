/* ps-pool.h: a persistent pool of worker threads with a barrier (private)
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Built for the trainer's batches: a job is far shorter (~100 µs) than a
 * thread start or a condition-variable wake-up, so waiting threads spin for a
 * while before they sleep (futex on Linux).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _PsPool PsPool;

/* thread is in [0, n_threads); thread 0 is the caller of ps_pool_run(). */
typedef void (*PsPoolFunc) (gpointer data,
                            guint    thread);

/* n_threads counts the caller: n_threads − 1 workers are started. */
PsPool  *ps_pool_new       (guint       n_threads);
void     ps_pool_free      (PsPool     *pool);
guint    ps_pool_n_threads (PsPool     *pool);
/* Runs func (data, t) on every thread t and returns when all are done. */
void     ps_pool_run       (PsPool     *pool,
                            PsPoolFunc  func,
                            gpointer    data);
/* Inside a job: returns once every thread of the pool has reached it. */
void     ps_pool_barrier   (PsPool     *pool);

G_END_DECLS
