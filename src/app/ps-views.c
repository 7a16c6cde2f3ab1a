/* ps-views.c: the table of views, shared by the window and the export dialog
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ps-views.h"

#include <glib/gi18n.h>

#include "ps-boundary-view.h"
#include "ps-curves-view.h"
#include "ps-evaluate-dialog.h"
#include "ps-hidden-view.h"
#include "ps-network-view.h"
#include "ps-samples-view.h"
#include "ps-separability-view.h"
#include "ps-surface-view.h"
#include "ps-weights-view.h"

/* Each view's functions take their own type; the table holds them as
 * functions of a GtkWidget (the same pointer). */
#define SETTER(fn) ((void (*) (GtkWidget *, PsSnapshot *)) (void (*) (void)) (fn))
#define HAS_DATA(fn) ((gboolean (*) (GtkWidget *)) (void (*) (void)) (fn))

static const PsViewInfo views[] = {
  { "curves", N_("Curves"), "curves", ps_curves_view_get_type,
    SETTER (ps_curves_view_set_snapshot), ps_curves_view_render, HAS_DATA (ps_curves_view_has_data) },
  { "boundary", N_("Boundary"), "boundary", ps_boundary_view_get_type,
    SETTER (ps_boundary_view_set_snapshot), ps_boundary_view_render, HAS_DATA (ps_boundary_view_has_data) },
  { "weights", N_("Weights"), "weights", ps_weights_view_get_type,
    SETTER (ps_weights_view_set_snapshot), ps_weights_view_render, HAS_DATA (ps_weights_view_has_data) },
  { "network", N_("Diagram"), "network", ps_network_view_get_type,
    SETTER (ps_network_view_set_snapshot), ps_network_view_render, HAS_DATA (ps_network_view_has_data) },
  { "samples", N_("Samples"), "samples", ps_samples_view_get_type,
    SETTER (ps_samples_view_set_snapshot), ps_samples_view_render, HAS_DATA (ps_samples_view_has_data) },
  { "separability", N_("Separability"), "separability", ps_separability_view_get_type,
    SETTER (ps_separability_view_set_snapshot), ps_separability_view_render, HAS_DATA (ps_separability_view_has_data) },
  { "surface", N_("Error surface"), "error-surface", ps_surface_view_get_type,
    SETTER (ps_surface_view_set_snapshot), ps_surface_view_render, HAS_DATA (ps_surface_view_has_data) },
  /* not a page of its own: the Diagram page shows it (a sixth tab would
   * widen the window past its remembered minimum) */
  { NULL, N_("Hidden space"), "hidden-space", ps_hidden_view_get_type,
    SETTER (ps_hidden_view_set_snapshot), ps_hidden_view_render, HAS_DATA (ps_hidden_view_has_data) },
  { NULL, N_("Confusion matrix"), "confusion", ps_evaluate_dialog_get_type,
    NULL, ps_evaluate_dialog_render, HAS_DATA (ps_evaluate_dialog_is_ready) },
};

const PsViewInfo *
ps_views_get_all (guint *n_views)
{
  if (n_views != NULL)
    *n_views = G_N_ELEMENTS (views);
  return views;
}

const PsViewInfo *
ps_views_lookup_widget (GtkWidget *view)
{
  g_return_val_if_fail (GTK_IS_WIDGET (view), NULL);

  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    if (G_TYPE_CHECK_INSTANCE_TYPE (view, views[i].get_type ()))
      return &views[i];
  return NULL;
}
