/* ps-trainer-private.h: switches for tests of the trainer's fast path
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Not installed, not part of the public contract.
 */
#pragma once

#include "ps-trainer.h"

G_BEGIN_DECLS

/* FALSE: the plain path; TRUE: the fast path with n_threads (0: automatic)
 * where it applies. Returns whether the fast path is in use. Call before
 * ps_trainer_run(). */
gboolean ps_trainer_use_fast_path     (PsTrainer *self,
                                       gboolean   enable,
                                       guint      n_threads);
/* Threads of the fast path; 0 on the plain path. */
guint    ps_trainer_fast_path_threads (PsTrainer *self);

G_END_DECLS
