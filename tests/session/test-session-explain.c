/* test-session-explain.c: ps_session_explain and ps_session_apply_update
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The session's explain is the update of the model the views show, with
 * the session's settings; Apply makes the live model's weights exactly
 * params_after, and refuses while a run trains, while the views show a
 * past epoch, or when the model is no longer the one explained. No display.
 */
#include "config.h"

#include <string.h>

#include "ps-session.h"

static PsSession *
new_xor_session (void)
{
  PsSession *session = ps_session_new ();
  g_autoptr(PsDatasetSource) xor = ps_dataset_source_new ("xor");

  /* gates load at once */
  ps_session_load_dataset (session, xor);
  g_assert_nonnull (ps_session_get_train (session));
  g_assert_nonnull (ps_session_get_model (session));
  return session;
}

static void
assert_model_is (PsSession       *session,
                 const PsExplain *e)
{
  const PsNetwork *model = ps_session_get_model (session);

  g_assert_cmpuint (model->n_params, ==, e->n_params);
  g_assert_cmpmem (model->params, sizeof (float) * model->n_params,
                   e->params_after, sizeof (float) * e->n_params);
}

static void
test_explain_apply (void)
{
  g_autoptr(PsSession) session = new_xor_session ();
  g_autoptr(GError) error = NULL;
  g_autoptr(PsExplain) e = NULL;
  g_autoptr(PsExplain) next = NULL;
  PsTrainingSettings s;

  ps_session_get_settings (session, &s);
  e = ps_session_explain (session, 2, &error);
  g_assert_no_error (error);
  g_assert_nonnull (e);
  g_assert_cmpint (e->sample, ==, 2);
  g_assert_cmpuint (e->target, ==, 1);                 /* XOR: 1 0 → 1 */
  g_assert_cmpfloat (e->input[0], ==, 1.0f);
  g_assert_cmpfloat (e->input[1], ==, 0.0f);
  g_assert_cmpfloat (e->lr, ==, s.train.optimizer.lr);
  g_assert_cmpint (e->loss, ==, s.train.loss);
  g_assert_cmpint (e->optimizer, ==, s.train.optimizer.kind);
  g_assert_cmpmem (e->params_before, sizeof (float) * e->n_params,
                   ps_session_get_model (session)->params, sizeof (float) * e->n_params);

  g_assert_true (ps_session_apply_update (session, e, &error));
  g_assert_no_error (error);
  assert_model_is (session, e);
  /* the views follow: the next explain starts from the new weights */
  next = ps_session_explain (session, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (next->params_before, sizeof (float) * next->n_params,
                   e->params_after, sizeof (float) * e->n_params);

  /* the same update again: the model is not the one explained any more */
  g_assert_false (ps_session_apply_update (session, e, &error));
  g_assert_error (error, PS_SESSION_ERROR, PS_SESSION_ERROR_MISMATCH);
  g_clear_error (&error);
  assert_model_is (session, e);

  /* an index past the training set */
  g_assert_null (ps_session_explain (session, 4, &error));
  g_assert_error (error, PS_EXPLAIN_ERROR, PS_EXPLAIN_ERROR_RANGE);
}

/* Momentum: the session's rule and constants, a fresh optimizer's step. */
static void
test_explain_momentum (void)
{
  g_autoptr(PsSession) session = new_xor_session ();
  g_autoptr(GError) error = NULL;
  g_autoptr(PsExplain) e = NULL;
  PsTrainingSettings s;

  ps_session_get_settings (session, &s);
  s.train.optimizer.kind = PS_OPTIMIZER_NESTEROV;
  s.train.optimizer.momentum = 0.5;
  ps_session_set_settings (session, &s);
  e = ps_session_explain (session, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (e->optimizer, ==, PS_OPTIMIZER_NESTEROV);
  g_assert_cmpfloat (e->momentum, ==, 0.5);
  g_assert_true (ps_session_apply_update (session, e, &error));
  g_assert_no_error (error);
  assert_model_is (session, e);
}

static gboolean
iterate_until_epoch (PsSession *session,
                     guint      epoch)
{
  gint64 end = g_get_monotonic_time () + 30 * G_TIME_SPAN_SECOND;

  while (g_get_monotonic_time () < end)
    {
      PsSnapshot *snap = ps_session_get_snapshot (session);

      if (snap != NULL && snap->epoch >= epoch)
        return TRUE;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  return FALSE;
}

static void
test_apply_refused (void)
{
  g_autoptr(PsSession) session = new_xor_session ();
  g_autoptr(GError) error = NULL;
  g_autoptr(PsExplain) e = NULL;
  g_autoptr(PsExplain) past = NULL;
  g_autoptr(PsExplain) live = NULL;
  g_autofree float *before = NULL;
  const PsNetwork *model;
  PsTrainingSettings s;

  ps_session_get_settings (session, &s);
  s.train.epochs = 10000000;
  ps_session_set_settings (session, &s);

  /* while a run trains */
  g_assert_true (ps_session_start (session, 0, &error));
  g_assert_no_error (error);
  g_assert_true (iterate_until_epoch (session, 3));
  e = ps_session_explain (session, 0, &error);
  g_assert_no_error (error);
  g_assert_false (ps_session_apply_update (session, e, &error));
  g_assert_error (error, PS_SESSION_ERROR, PS_SESSION_ERROR_BUSY);
  g_clear_error (&error);
  ps_session_stop (session);
  g_assert_false (ps_session_is_running (session));

  /* the model changed since (the run went on after e was explained) */
  model = ps_session_get_model (session);
  before = g_memdup2 (model->params, sizeof (float) * model->n_params);
  if (memcmp (before, e->params_before, sizeof (float) * e->n_params) != 0)
    {
      g_assert_false (ps_session_apply_update (session, e, &error));
      g_assert_error (error, PS_SESSION_ERROR, PS_SESSION_ERROR_MISMATCH);
      g_clear_error (&error);
      g_assert_cmpmem (ps_session_get_model (session)->params, sizeof (float) * e->n_params,
                       before, sizeof (float) * e->n_params);
    }

  /* while the views show a past epoch: explained on that checkpoint, not applied */
  ps_session_set_view_epoch (session, 0);
  g_assert_cmpint (ps_session_get_view_epoch (session), ==, 0);
  past = ps_session_explain (session, 3, &error);
  g_assert_no_error (error);
  g_assert_false (ps_session_apply_update (session, past, &error));
  g_assert_error (error, PS_SESSION_ERROR, PS_SESSION_ERROR_BUSY);
  g_clear_error (&error);
  g_assert_cmpmem (ps_session_get_model (session)->params, sizeof (float) * e->n_params,
                   before, sizeof (float) * e->n_params);

  /* back at the end of the timeline: explained and applied on the live model */
  ps_session_set_view_epoch (session, -1);
  live = ps_session_explain (session, 3, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (live->params_before, sizeof (float) * live->n_params,
                   before, sizeof (float) * live->n_params);
  g_assert_true (ps_session_apply_update (session, live, &error));
  g_assert_no_error (error);
  assert_model_is (session, live);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/session/explain/apply", test_explain_apply);
  g_test_add_func ("/session/explain/momentum", test_explain_momentum);
  g_test_add_func ("/session/explain/refused", test_apply_refused);
  return g_test_run ();
}
