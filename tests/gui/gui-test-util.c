/* gui-test-util.c: main-loop helpers for the GUI test programs
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "gui-test-util.h"

/* Between two polls: short, so that timings (bench-window) stay fine. */
#define POLL_US 200

gboolean
iterate_until (gboolean (*cond) (gpointer),
               gpointer   data,
               int        timeout_ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  while (!cond (data))
    {
      if (g_get_monotonic_time () > end)
        return FALSE;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (POLL_US);
    }
  return TRUE;
}

void
iterate_for (int ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) ms * 1000;

  while (g_get_monotonic_time () < end)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (POLL_US);
    }
}
