/* ps-session-explain.c: one update's numbers, and applying it
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ps-session-private.h"

#include <glib/gi18n.h>
#include <string.h>

PsExplain *
ps_session_explain (PsSession  *self,
                    gsize       index,
                    GError    **error)
{
  PsSnapshot *shown;
  PsTrainingSettings s;

  g_return_val_if_fail (PS_IS_SESSION (self), NULL);

  shown = ps_session_get_view_snapshot (self);
  if (self->train == NULL || shown == NULL)
    {
      g_set_error_literal (error, PS_SESSION_ERROR, PS_SESSION_ERROR_NO_DATA,
                           _("Load a dataset first."));
      return NULL;
    }
  ps_session_get_settings (self, &s);
  /* the run's rule with its constants (μ, β₁, β₂, ε); momentum, Nesterov
   * and Adam take a fresh optimizer's first step (ps-explain.h) */
  return ps_explain_update_sample_config (shown->network, self->train, index,
                                          s.train.loss, s.train.reduction,
                                          &s.train.optimizer, error);
}

gboolean
ps_session_apply_update (PsSession        *self,
                         const PsExplain  *update,
                         GError          **error)
{
  const PsNetwork *model;

  g_return_val_if_fail (PS_IS_SESSION (self), FALSE);
  g_return_val_if_fail (update != NULL, FALSE);

  model = ps_session_get_model (self);
  if (self->running)
    {
      g_set_error_literal (error, PS_SESSION_ERROR, PS_SESSION_ERROR_BUSY,
                           _("Pause the run first."));
      return FALSE;
    }
  if (self->view_snapshot != NULL)
    {
      g_set_error_literal (error, PS_SESSION_ERROR, PS_SESSION_ERROR_BUSY,
                           _("The views show a past epoch: go back to the end of the timeline, or train from here, to apply an update."));
      return FALSE;
    }
  if (model == NULL || model->n_params != update->n_params ||
      memcmp (model->params, update->params_before, sizeof (float) * model->n_params) != 0)
    {
      g_set_error_literal (error, PS_SESSION_ERROR, PS_SESSION_ERROR_MISMATCH,
                           _("The model changed since this update was explained; explain it again."));
      return FALSE;
    }
  ps_training_bridge_set_params (self->bridge, update->params_after);
  ps_session_notify_model (self);
  return TRUE;
}
