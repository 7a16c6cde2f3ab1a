/* test-timeline.c: checkpoints within a budget
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ps-timeline.h"

#define N_PARAMS 10

/* The parameters "after epoch e": every value says which epoch it is. */
static void
fill (float *p,
      guint  epoch)
{
  for (guint i = 0; i < N_PARAMS; i++)
    p[i] = epoch * 100.0f + i;
}

static void
assert_is_epoch (const PsCheckpoint *cp,
                 guint               epoch)
{
  g_assert_nonnull (cp);
  g_assert_cmpuint (cp->epoch, ==, epoch);
  g_assert_cmpuint (cp->n_params, ==, N_PARAMS);
  for (guint i = 0; i < N_PARAMS; i++)
    g_assert_cmpfloat (cp->params[i], ==, epoch * 100.0f + i);
}

static void
offer_range (PsTimeline *tl,
             guint       first,
             guint       last)
{
  float p[N_PARAMS];

  for (guint e = first; e <= last; e++)
    {
      fill (p, e);
      ps_timeline_offer (tl, e, p, FALSE);
    }
}

static void
test_every_epoch (void)
{
  g_autoptr(PsTimeline) tl = ps_timeline_new (N_PARAMS, sizeof (float) * N_PARAMS * 100);

  offer_range (tl, 0, 50);
  g_assert_cmpuint (ps_timeline_get_n (tl), ==, 51);
  g_assert_cmpuint (ps_timeline_get_stride (tl), ==, 1);
  for (guint e = 0; e <= 50; e++)
    {
      g_autoptr(PsCheckpoint) cp = ps_timeline_lookup_exact (tl, e);

      assert_is_epoch (cp, e);
    }
  g_assert_cmpuint (ps_timeline_get_bytes (tl), ==, sizeof (float) * N_PARAMS * 51);
}

/* Over budget the kept checkpoints still span the run, evenly. */
static void
test_thinning_spans_run (void)
{
  gsize budget = sizeof (float) * N_PARAMS * 100;
  g_autoptr(PsTimeline) tl = ps_timeline_new (N_PARAMS, budget);
  g_autofree guint *epochs = NULL;
  guint n, stride;

  offer_range (tl, 0, 1000);
  epochs = ps_timeline_dup_epochs (tl, &n);
  stride = ps_timeline_get_stride (tl);

  g_assert_cmpuint (n, <=, 100);
  g_assert_cmpuint (n, >, 50);
  g_assert_cmpuint (ps_timeline_get_bytes (tl), <=, budget);
  g_assert_cmpuint (stride, >, 1);
  g_assert_cmpuint (stride & (stride - 1), ==, 0);
  g_assert_cmpuint (epochs[0], ==, 0);
  g_assert_cmpuint (epochs[n - 1], ==, 1000 - 1000 % stride);
  for (guint i = 1; i < n; i++)
    g_assert_cmpuint (epochs[i] - epochs[i - 1], ==, stride);

  /* lookup gives the checkpoint at or before */
  {
    g_autoptr(PsCheckpoint) cp = ps_timeline_lookup (tl, stride * 3 + 1);

    assert_is_epoch (cp, stride * 3);
    g_assert_null (ps_timeline_lookup_exact (tl, stride * 3 + 1));
  }
}

/* The end of a run is kept off the stride, and the next offer supersedes it. */
static void
test_forced_tail (void)
{
  g_autoptr(PsTimeline) tl = ps_timeline_new (N_PARAMS, sizeof (float) * N_PARAMS * 8);
  float p[N_PARAMS];
  guint stride;

  offer_range (tl, 0, 20);
  stride = ps_timeline_get_stride (tl);
  g_assert_cmpuint (stride, >, 1);

  fill (p, 21);
  g_assert_false (ps_timeline_offer (tl, 21, p, FALSE));  /* 21 is odd: off any stride > 1 */
  g_assert_true (ps_timeline_offer (tl, 21, p, TRUE));
  g_assert_cmpuint (ps_timeline_get_last_epoch (tl), ==, 21);
  {
    g_autoptr(PsCheckpoint) cp = ps_timeline_lookup (tl, 10000);

    assert_is_epoch (cp, 21);
  }

  /* training goes on: the next recorded epoch replaces the tail */
  offer_range (tl, 22, 2 * stride * 8);
  {
    g_autoptr(PsCheckpoint) cp = ps_timeline_lookup_exact (tl, 21);

    g_assert_null (cp);
  }
  g_assert_cmpuint (ps_timeline_get_n (tl), <=, 8);
}

/* Train from here: later epochs go, new ones follow from there. */
static void
test_truncate (void)
{
  g_autoptr(PsTimeline) tl = ps_timeline_new (N_PARAMS, G_MAXSIZE);

  offer_range (tl, 0, 30);
  ps_timeline_truncate (tl, 12);
  g_assert_cmpuint (ps_timeline_get_last_epoch (tl), ==, 12);
  g_assert_cmpuint (ps_timeline_get_n (tl), ==, 13);

  /* the new branch: epoch 13 onwards again, other values */
  {
    float p[N_PARAMS] = { 0 };

    g_assert_true (ps_timeline_offer (tl, 13, p, FALSE));
    {
      g_autoptr(PsCheckpoint) cp = ps_timeline_lookup_exact (tl, 13);

      g_assert_cmpfloat (cp->params[5], ==, 0);
    }
  }
}

/* A view keeps its checkpoint while the timeline thins under it. */
static void
test_checkpoint_outlives_thinning (void)
{
  g_autoptr(PsTimeline) tl = ps_timeline_new (N_PARAMS, sizeof (float) * N_PARAMS * 4);
  g_autoptr(PsCheckpoint) held = NULL;

  offer_range (tl, 0, 3);
  held = ps_timeline_lookup_exact (tl, 3);
  offer_range (tl, 4, 100);
  g_assert_null (ps_timeline_lookup_exact (tl, 3));
  assert_is_epoch (held, 3);

  ps_timeline_set_budget (tl, sizeof (float) * N_PARAMS * 2);
  g_assert_cmpuint (ps_timeline_get_n (tl), <=, 2);
  {
    g_autoptr(PsCheckpoint) first = ps_timeline_lookup (tl, 0);

    assert_is_epoch (first, 0);
  }
}

typedef struct
{
  PsTimeline *tl;
  guint       last;
} Writer;

static gpointer
writer_main (gpointer data)
{
  Writer *w = data;

  float p[N_PARAMS];

  offer_range (w->tl, 0, w->last - 1);
  fill (p, w->last);
  ps_timeline_offer (w->tl, w->last, p, TRUE);
  return NULL;
}

/* The worker offers while the main thread looks up: every lookup is a whole
 * checkpoint of one epoch. */
static void
test_threads (void)
{
  g_autoptr(PsTimeline) tl = ps_timeline_new (N_PARAMS, sizeof (float) * N_PARAMS * 64);
  Writer w = { tl, 20000 };
  GThread *thread = g_thread_new ("writer", writer_main, &w);
  guint looked = 0;

  /* at least one lookup after the writer's first offer, however the
   * threads are scheduled */
  do
    {
      g_autoptr(PsCheckpoint) cp = ps_timeline_lookup (tl, g_random_int_range (0, w.last + 1));

      if (cp != NULL)
        {
          assert_is_epoch (cp, cp->epoch);
          looked++;
        }
    }
  while (ps_timeline_get_last_epoch (tl) < w.last || looked == 0);
  g_thread_join (thread);
  g_assert_cmpuint (looked, >, 0);
  g_assert_cmpuint (ps_timeline_get_n (tl), <=, 64);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/timeline/every-epoch", test_every_epoch);
  g_test_add_func ("/timeline/thinning-spans-run", test_thinning_spans_run);
  g_test_add_func ("/timeline/forced-tail", test_forced_tail);
  g_test_add_func ("/timeline/truncate", test_truncate);
  g_test_add_func ("/timeline/checkpoint-outlives-thinning", test_checkpoint_outlives_thinning);
  g_test_add_func ("/timeline/threads", test_threads);

  return g_test_run ();
}
