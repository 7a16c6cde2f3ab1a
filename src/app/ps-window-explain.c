/* ps-window-explain.c: the window's way into the explain dialog
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Placeholder until the explain dialog lands: the hooks exist so the
 * window and the training panel are wired already.
 */
#include "config.h"

#include "ps-window-private.h"

void
ps_window_on_explain (PsWindow *self)
{
}

void
ps_window_setup_explain (PsWindow *self)
{
}
