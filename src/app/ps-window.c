/* ps-window.c: the main window
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window owns the model as the main thread sees it (the last snapshot)
 * and wires the three sidebar panels, the training bridge and the views.
 */
#include "config.h"

#include "ps-window.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ps-a11y.h"

#include "ps-dataset-panel.h"
#include "ps-experiment.h"
#include "ps-model-file.h"
#include "ps-network-editor.h"
#include "ps-plot.h"
#include "ps-presets.h"
#include "ps-rng.h"
#include "ps-training-bridge.h"
#include "ps-training-panel.h"

#ifdef PS_HAVE_PS_CURVES_VIEW
# include "ps-curves-view.h"
#endif
#ifdef PS_HAVE_PS_BOUNDARY_VIEW
# include "ps-boundary-view.h"
#endif
#ifdef PS_HAVE_PS_WEIGHTS_VIEW
# include "ps-weights-view.h"
#endif
#ifdef PS_HAVE_PS_NETWORK_VIEW
# include "ps-network-view.h"
#endif
#ifdef PS_HAVE_PS_SAMPLES_VIEW
# include "ps-samples-view.h"
#endif
#ifdef PS_HAVE_PS_EVALUATE_DIALOG
# include "ps-evaluate-dialog.h"
#endif
#ifdef PS_HAVE_PS_EXPORT_DIALOG
# include "ps-export-dialog.h"
#endif

typedef void (*PsSetSnapshotFunc) (GtkWidget  *view,
                                   PsSnapshot *snapshot);

typedef struct
{
  const char        *name;
  const char        *title;
  GtkWidget         *widget;
  PsSetSnapshotFunc  set_snapshot;   /* NULL for placeholders */
} PsViewSlot;

enum {
  VIEW_CURVES,
  VIEW_BOUNDARY,
  VIEW_WEIGHTS,
  VIEW_NETWORK,
  VIEW_SAMPLES,
  N_VIEWS
};

struct _PsWindow
{
  GtkApplicationWindow  parent_instance;

  /* template children */
  GtkInfoBar           *info_bar;
  GtkImage             *banner_icon;
  GtkLabel             *error_label;
  GtkStack             *sidebar_stack;
  PsDatasetPanel       *dataset_panel;
  PsNetworkEditor      *network_editor;
  PsTrainingPanel      *training_panel;
  GtkStack             *view_stack;
  GtkLabel             *dataset_label;
  GtkLabel             *status_label;

  GSettings            *settings;
  PsTrainingBridge     *bridge;
  PsSnapshot           *snapshot;
  PsViewSlot            views[N_VIEWS];
  gint64                last_progress_update;
  guint                 curves_epochs;    /* what the curves view shows */
  const PsEpochMetrics *curves_history;

  PsTrainConfig         last_config;      /* what the bridge was last given */
  gboolean              have_config;
  PsScaling             scaling;          /* applied to the current datasets */
  char                 *error_message;
  guint                 updating : 1;     /* programmatic panel changes: no resets */
  guint                 stepping : 1;     /* the run is a Step */
};

G_DEFINE_FINAL_TYPE (PsWindow, ps_window, GTK_TYPE_APPLICATION_WINDOW)

static void rebuild_model          (PsWindow *self);
static void ps_window_setup        (PsWindow *self);
static void sync_actions           (PsWindow *self);

/**
 * ps_window_new:
 *
 * Returns: (transfer full): a new window, ready on the default example
 */
PsWindow *
ps_window_new (PsApplication *application)
{
  PsWindow *self = g_object_new (PS_TYPE_WINDOW, "application", application, NULL);

  /* not in constructed(): GObject sets "application" after it */
  ps_window_setup (self);
  return self;
}

/* ---- errors -------------------------------------------------------------- */

/**
 * ps_window_show_error:
 * @message: a sentence in plain words
 *
 * Shows @message in the banner at the top of the window. Nothing else changes.
 */
void
ps_window_show_error (PsWindow   *self,
                      const char *message)
{
  g_return_if_fail (PS_IS_WINDOW (self));
  g_return_if_fail (message != NULL);

  g_free (self->error_message);
  self->error_message = g_strdup (message);
  gtk_info_bar_set_message_type (self->info_bar, GTK_MESSAGE_ERROR);
  gtk_image_set_from_icon_name (self->banner_icon, "dialog-error-symbolic");
  gtk_label_set_text (self->error_label, message);
  gtk_info_bar_set_revealed (self->info_bar, TRUE);
}

/* The same banner for something to do rather than something that failed;
 * not an error (ps_window_get_error() stays NULL). */
static void
show_info (PsWindow   *self,
           const char *message)
{
  g_clear_pointer (&self->error_message, g_free);
  gtk_info_bar_set_message_type (self->info_bar, GTK_MESSAGE_INFO);
  gtk_image_set_from_icon_name (self->banner_icon, "dialog-information-symbolic");
  gtk_label_set_text (self->error_label, message);
  gtk_info_bar_set_revealed (self->info_bar, TRUE);
}

/**
 * ps_window_get_error:
 *
 * Returns: (nullable): the message in the banner, NULL when none is shown
 */
const char *
ps_window_get_error (PsWindow *self)
{
  g_return_val_if_fail (PS_IS_WINDOW (self), NULL);

  return self->error_message;
}

static void
clear_error (PsWindow *self)
{
  g_clear_pointer (&self->error_message, g_free);
  gtk_info_bar_set_revealed (self->info_bar, FALSE);
  /* a screen reader must not find a stale message in the hidden banner */
  gtk_label_set_text (self->error_label, "");
}

static void
on_dismiss_clicked (PsWindow *self)
{
  clear_error (self);
}

static void
show_gerror (PsWindow     *self,
             const char   *what,
             const GError *error)
{
  g_autofree char *msg = NULL;

  if (what != NULL)
    msg = g_strdup_printf ("%s %s", what, error->message);
  else
    msg = g_strdup (error->message);
  ps_window_show_error (self, msg);
}

static void
set_status (PsWindow   *self,
            const char *text)
{
  gtk_label_set_text (self->status_label, text != NULL ? text : "");
}

/* The controls as they are while no run trains. */
static void
show_stopped (PsWindow *self)
{
  self->stepping = FALSE;
  ps_training_panel_set_running (self->training_panel, FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->dataset_panel), TRUE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->network_editor), TRUE);
  sync_actions (self);
}

/* Stops (cancels and joins) a running worker; no "finished" follows, so
 * the controls are put back here. */
static void
stop_training (PsWindow *self)
{
  gboolean was_running = ps_training_bridge_is_running (self->bridge);

  ps_training_bridge_stop (self->bridge);
  if (was_running)
    show_stopped (self);
}

/* ---- views --------------------------------------------------------------- */

#define VIEW_SETTER(fn) ((PsSetSnapshotFunc) (void (*) (void)) (fn))

static GtkWidget *
placeholder_new (const char *title)
{
  GtkWidget *label;
  g_autofree char *text = g_strdup_printf (_("The %s view is not available in this build."), title);

  label = gtk_label_new (text);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "placeholder-view");
  return label;
}

static void
setup_views (PsWindow *self)
{
  PsViewSlot *v = self->views;

  v[VIEW_CURVES] = (PsViewSlot) { "curves", N_("Curves"), NULL, NULL };
  v[VIEW_BOUNDARY] = (PsViewSlot) { "boundary", N_("Boundary"), NULL, NULL };
  v[VIEW_WEIGHTS] = (PsViewSlot) { "weights", N_("Weights"), NULL, NULL };
  v[VIEW_NETWORK] = (PsViewSlot) { "network", N_("Diagram"), NULL, NULL };
  v[VIEW_SAMPLES] = (PsViewSlot) { "samples", N_("Samples"), NULL, NULL };

#ifdef PS_HAVE_PS_CURVES_VIEW
  v[VIEW_CURVES].widget = g_object_new (PS_TYPE_CURVES_VIEW, NULL);
  v[VIEW_CURVES].set_snapshot = VIEW_SETTER (ps_curves_view_set_snapshot);
#endif
#ifdef PS_HAVE_PS_BOUNDARY_VIEW
  v[VIEW_BOUNDARY].widget = g_object_new (PS_TYPE_BOUNDARY_VIEW, NULL);
  v[VIEW_BOUNDARY].set_snapshot = VIEW_SETTER (ps_boundary_view_set_snapshot);
#endif
#ifdef PS_HAVE_PS_WEIGHTS_VIEW
  v[VIEW_WEIGHTS].widget = g_object_new (PS_TYPE_WEIGHTS_VIEW, NULL);
  v[VIEW_WEIGHTS].set_snapshot = VIEW_SETTER (ps_weights_view_set_snapshot);
#endif
#ifdef PS_HAVE_PS_NETWORK_VIEW
  v[VIEW_NETWORK].widget = g_object_new (PS_TYPE_NETWORK_VIEW, NULL);
  v[VIEW_NETWORK].set_snapshot = VIEW_SETTER (ps_network_view_set_snapshot);
#endif
#ifdef PS_HAVE_PS_SAMPLES_VIEW
  v[VIEW_SAMPLES].widget = g_object_new (PS_TYPE_SAMPLES_VIEW, NULL);
  v[VIEW_SAMPLES].set_snapshot = VIEW_SETTER (ps_samples_view_set_snapshot);
#endif

  for (guint i = 0; i < N_VIEWS; i++)
    {
      GtkStackPage *page;

      if (v[i].widget == NULL)
        v[i].widget = placeholder_new (_(v[i].title));
      gtk_widget_set_hexpand (v[i].widget, TRUE);
      gtk_widget_set_vexpand (v[i].widget, TRUE);
      page = gtk_stack_add_titled (self->view_stack, v[i].widget, v[i].name, _(v[i].title));
      (void) page;
    }
}

/* Only the visible view follows the snapshots (hidden ones would spend the
 * main thread, and on two cores the trainer's time, on pictures nobody
 * sees); a view catches up when it is shown. */
static void
push_snapshot_to_views (PsWindow *self,
                        gboolean  force)
{
  GtkWidget *visible = gtk_stack_get_visible_child (self->view_stack);

  for (guint i = 0; i < N_VIEWS; i++)
    {
      PsViewSlot *v = &self->views[i];

      if (v->set_snapshot == NULL || v->widget != visible)
        continue;
      /* The curves only change when an epoch ends; a snapshot from within
       * an epoch (same history) would redraw the same picture. Drawing is
       * what the UI spends its time on, and on two cores that time is
       * taken from the trainer. */
      if (!force && i == VIEW_CURVES && self->snapshot != NULL &&
          self->snapshot->n_epochs > 0 &&
          self->snapshot->n_epochs == self->curves_epochs &&
          self->snapshot->history == self->curves_history)
        continue;
      v->set_snapshot (v->widget, self->snapshot);
      if (i == VIEW_CURVES)
        {
          self->curves_epochs = self->snapshot != NULL ? self->snapshot->n_epochs : 0;
          self->curves_history = self->snapshot != NULL ? self->snapshot->history : NULL;
        }
    }
}

static void
on_visible_view_changed (PsWindow *self)
{
  push_snapshot_to_views (self, TRUE);
}

/**
 * ps_window_get_view:
 * @name: "curves", "boundary", "weights", "network" or "samples"
 *
 * Returns: (transfer none) (nullable): the view widget
 */
GtkWidget *
ps_window_get_view (PsWindow   *self,
                    const char *name)
{
  g_return_val_if_fail (PS_IS_WINDOW (self), NULL);

  for (guint i = 0; i < N_VIEWS; i++)
    if (g_strcmp0 (self->views[i].name, name) == 0)
      return self->views[i].widget;
  return NULL;
}

/* ---- model and training --------------------------------------------------- */

static void
update_progress (PsWindow *self)
{
  PsSnapshot *snap = self->snapshot;
  PsEpochMetrics last;
  guint target;

  if (snap == NULL)
    return;
  target = ps_training_bridge_get_target_epoch (self->bridge);
  /* The metrics' text changes relayout the window: ~8 a second is plenty
   * to read. The epoch counter follows every snapshot, as the views do
   * (it lagged them by hundreds of epochs). */
  if (snap->running)
    {
      gint64 now = g_get_monotonic_time ();

      if (now - self->last_progress_update < G_USEC_PER_SEC / 8)
        {
          ps_training_panel_set_epoch (self->training_panel, snap->epoch, MAX (target, snap->epoch));
          return;
        }
      self->last_progress_update = now;
    }
  else
    self->last_progress_update = 0;
  if (snap->n_epochs > 0)
    {
      /* the bridge's rate is measured over many epochs: steadier */
      last = snap->history[snap->n_epochs - 1];
      if (snap->samples_per_second > 0)
        last.samples_per_second = snap->samples_per_second;
    }
  ps_training_panel_set_progress (self->training_panel, snap->epoch,
                                  MAX (target, snap->epoch),
                                  snap->n_epochs > 0 ? &last : NULL);
  set_status (self, ps_training_panel_get_status (self->training_panel));
}

static void
on_bridge_snapshot (PsWindow   *self,
                    PsSnapshot *snapshot)
{
  if (self->snapshot != snapshot)
    {
      g_clear_pointer (&self->snapshot, ps_snapshot_unref);
      self->snapshot = ps_snapshot_ref (snapshot);
    }
  update_progress (self);
  /* the last snapshot of a run is always shown in full */
  push_snapshot_to_views (self, !snapshot->running);
}

static void
on_bridge_finished (PsWindow      *self,
                    PsTrainStatus  status,
                    const char    *message)
{
  const char *what = NULL;
  gboolean was_step = self->stepping;

  show_stopped (self);
  update_progress (self);

  switch (status)
    {
    case PS_TRAIN_FINISHED:
      what = _("Finished");
      break;
    case PS_TRAIN_TARGET_REACHED:
      what = _("Target reached");
      break;
    case PS_TRAIN_EARLY_STOPPED:
      what = _("Stopped early: the validation loss stopped improving");
      break;
    case PS_TRAIN_PAUSED:
      /* Step ends as a pause after its epoch */
      what = was_step ? _("One epoch done") : _("Paused");
      break;
    case PS_TRAIN_CANCELLED:
      what = _("Stopped");
      break;
    case PS_TRAIN_DIVERGED:
    default:
      {
        /* the engine says what happened and what to try */
        g_autofree char *text = g_strdup (message != NULL ? message : _("training diverged."));
        g_autofree char *msg = NULL;

        if (g_ascii_islower (text[0]))
          text[0] = g_ascii_toupper (text[0]);
        msg = g_strdup_printf (_("%s Reset starts again from new weights."), text);
        ps_window_show_error (self, msg);
        what = _("Diverged");
      }
      break;
    }
  if (status != PS_TRAIN_DIVERGED && message != NULL)
    ps_window_show_error (self, message);

  {
    g_autofree char *text = NULL;
    const char *line = ps_training_panel_get_status (self->training_panel);

    text = line != NULL && *line != '\0' ? g_strdup_printf ("%s · %s", what, line) : g_strdup (what);
    set_status (self, text);
  }
}

static PsDataset *
current_train (PsWindow *self)
{
  return ps_dataset_panel_get_train (self->dataset_panel);
}

static void
apply_scaling (PsWindow  *self,
               PsScaling  scaling)
{
  PsDataset *train = current_train (self);
  PsDataset *test = ps_dataset_panel_get_test (self->dataset_panel);

  if (train == NULL)
    return;
  /* Fit on the training set; the test set reuses its transform. */
  ps_dataset_set_scaling (train, scaling, NULL);
  if (test != NULL && test != train)
    ps_dataset_set_scaling (test, scaling, train);
  self->scaling = scaling;
}

/* Takes the training panel's settings into a PsTrainConfig for the bridge. */
static void
read_settings (PsWindow           *self,
               PsTrainingSettings *settings)
{
  ps_training_panel_get_settings (self->training_panel, settings);
}

/* The learning rate changes live and never makes a new trainer. */
static gboolean
config_equal_but_lr (const PsTrainConfig *a,
                     const PsTrainConfig *b)
{
  return a->loss == b->loss &&
         a->reduction == b->reduction &&
         a->optimizer.kind == b->optimizer.kind &&
         a->optimizer.momentum == b->optimizer.momentum &&
         a->optimizer.beta1 == b->optimizer.beta1 &&
         a->optimizer.beta2 == b->optimizer.beta2 &&
         a->optimizer.epsilon == b->optimizer.epsilon &&
         a->optimizer.l2 == b->optimizer.l2 &&
         a->batch_size == b->batch_size &&
         a->epochs == b->epochs &&
         a->val_split == b->val_split &&
         a->shuffle == b->shuffle &&
         a->seed == b->seed &&
         a->target_accuracy == b->target_accuracy &&
         a->target_loss == b->target_loss &&
         a->early_stopping == b->early_stopping &&
         a->n_threads == b->n_threads;
}

static void
push_config (PsWindow *self,
             gboolean  force)
{
  PsTrainingSettings settings;
  PsTrainConfig a, b;

  read_settings (self, &settings);
  a = settings.train;
  b = self->last_config;
  if (!force && self->have_config && config_equal_but_lr (&a, &b))
    {
      if (self->last_config.optimizer.lr != settings.train.optimizer.lr)
        ps_training_bridge_set_learning_rate (self->bridge, settings.train.optimizer.lr);
      self->last_config.optimizer.lr = settings.train.optimizer.lr;
      return;
    }
  self->last_config = settings.train;
  self->have_config = TRUE;
  ps_training_bridge_set_config (self->bridge, &settings.train);
}

/* A fresh, initialised network of the editor's architecture for the current
 * dataset; the bridge forgets its trainer and history. */
static void
rebuild_model (PsWindow *self)
{
  g_autoptr(GError) error = NULL;
  PsTrainingSettings settings;
  PsDataset *train = current_train (self);
  PsNetwork *net;
  PsRng rng;

  if (train == NULL)
    return;

  stop_training (self);
  read_settings (self, &settings);
  if (settings.scaling != self->scaling)
    apply_scaling (self, settings.scaling);

  net = ps_network_editor_build (self->network_editor);
  ps_network_set_classes (net, (const char *const *) train->class_names);
  if (train->image_width > 0)
    {
      net->input_shape[0] = train->image_height;
      net->input_shape[1] = train->image_width;
    }
  net->loss = settings.train.loss;
  ps_rng_seed (&rng, settings.train.seed);
  ps_network_init (net, settings.init, &rng);

  if (!ps_network_check_dataset (net, train, &error))
    {
      show_gerror (self, _("The network does not fit the dataset:"), error);
      ps_network_free (net);
      return;
    }

  push_config (self, TRUE);
  ps_training_bridge_set_model (self->bridge, net, train, NULL,
                                ps_dataset_panel_get_test (self->dataset_panel));
  ps_network_editor_set_summary_network (self->network_editor, net);
  ps_network_free (net);
  ps_training_panel_set_running (self->training_panel, FALSE);
  set_status (self, _("Ready: press Train"));
  sync_actions (self);
}

/* Output layer and loss follow the number of classes. */
static void
follow_dataset (PsWindow *self)
{
  PsDataset *train = current_train (self);
  PsTrainingSettings settings;
  gboolean multi;
  PsActivation out;

  if (train == NULL)
    return;

  multi = train->n_classes > 2;
  out = ps_network_editor_get_output_activation (self->network_editor);
  read_settings (self, &settings);
  if (multi && out != PS_ACTIVATION_SOFTMAX)
    {
      ps_network_editor_set_output_activation (self->network_editor, PS_ACTIVATION_SOFTMAX);
      settings.train.loss = PS_LOSS_CROSS_ENTROPY;
      ps_training_panel_set_settings (self->training_panel, &settings);
    }
  else if (!multi && out == PS_ACTIVATION_SOFTMAX)
    {
      ps_network_editor_set_output_activation (self->network_editor, PS_ACTIVATION_SIGMOID);
      if (settings.train.loss == PS_LOSS_CROSS_ENTROPY)
        {
          settings.train.loss = PS_LOSS_MSE;
          ps_training_panel_set_settings (self->training_panel, &settings);
        }
    }
  ps_network_editor_set_io (self->network_editor, train->n_features, train->n_classes,
                            train->image_width, train->image_height);
}

/* Trained weights (from an experiment file) instead of fresh ones. */
static void
adopt_model (PsWindow  *self,
             PsNetwork *net)
{
  PsTrainingSettings settings;
  PsDataset *train = current_train (self);

  stop_training (self);
  read_settings (self, &settings);
  if (settings.scaling != self->scaling)
    apply_scaling (self, settings.scaling);
  push_config (self, TRUE);
  ps_training_bridge_set_model (self->bridge, net, train, NULL,
                                ps_dataset_panel_get_test (self->dataset_panel));
  ps_network_editor_set_summary_network (self->network_editor, net);
  ps_training_panel_set_running (self->training_panel, FALSE);
  sync_actions (self);
}

static void
on_dataset_changed (PsWindow *self)
{
  g_autofree char *summary = ps_dataset_panel_dup_summary (self->dataset_panel);
  PsNetwork *pending = g_object_steal_data (G_OBJECT (self), "pending-model");

  gtk_label_set_text (self->dataset_label, summary != NULL ? summary : "");
  clear_error (self);
  /* a new dataset starts unscaled */
  self->scaling = PS_SCALING_NONE;
  self->updating = TRUE;
  follow_dataset (self);
  self->updating = FALSE;
  if (pending != NULL && ps_network_check_dataset (pending, current_train (self), NULL))
    adopt_model (self, pending);
  else
    rebuild_model (self);
  g_clear_pointer (&pending, ps_network_free);
}

static void
on_panel_error (PsWindow   *self,
                const char *message)
{
  ps_window_show_error (self, message);
}

static void
on_network_changed (PsWindow *self)
{
  PsTrainingSettings settings;
  gboolean softmax;

  if (self->updating)
    return;
  /* cross-entropy here is the one fused with softmax: keep them together */
  softmax = ps_network_editor_get_output_activation (self->network_editor) == PS_ACTIVATION_SOFTMAX;
  read_settings (self, &settings);
  if (softmax != (settings.train.loss == PS_LOSS_CROSS_ENTROPY))
    {
      settings.train.loss = softmax ? PS_LOSS_CROSS_ENTROPY : PS_LOSS_MSE;
      self->updating = TRUE;
      ps_training_panel_set_settings (self->training_panel, &settings);
      self->updating = FALSE;
    }
  rebuild_model (self);
}

static void
on_perceptron_preset (PsWindow *self)
{
  PsTrainingSettings settings;

  read_settings (self, &settings);
  settings.train.loss = PS_LOSS_MSE;
  settings.train.reduction = PS_REDUCTION_SUM;
  ps_optimizer_config_init (&settings.train.optimizer, PS_OPTIMIZER_DELTA);
  settings.train.optimizer.lr = 0.1;
  settings.batch_mode = PS_BATCH_FULL;
  settings.train.batch_size = 0;
  settings.init = PS_INIT_NOTEBOOK;
  /* the notebook trains on the whole table: a split kept from an earlier
   * run would hold out one row of a 4-row truth table */
  settings.train.val_split = 0.0;
  self->updating = TRUE;
  ps_training_panel_set_settings (self->training_panel, &settings);
  self->updating = FALSE;
  rebuild_model (self);
}

static void
start_training (PsWindow *self,
                guint     n_epochs)
{
  g_autoptr(GError) error = NULL;

  if (ps_training_bridge_is_running (self->bridge))
    return;
  if (current_train (self) == NULL)
    {
      ps_window_show_error (self, _("Choose a dataset first."));
      return;
    }
  if (ps_dataset_panel_is_busy (self->dataset_panel))
    {
      ps_window_show_error (self, _("Wait until the dataset has loaded."));
      return;
    }
  push_config (self, FALSE);
  if (!ps_training_bridge_start (self->bridge, n_epochs, &error))
    {
      show_gerror (self, _("Cannot train:"), error);
      return;
    }
  clear_error (self);
  self->stepping = n_epochs == 1;
  ps_training_panel_set_running (self->training_panel, TRUE);
  /* The data and the architecture cannot change under the worker. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->dataset_panel), FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->network_editor), FALSE);
  set_status (self, _("Training…"));
  sync_actions (self);
}

static void
on_train (PsWindow *self)
{
  start_training (self, 0);
}

static void
on_pause (PsWindow *self)
{
  ps_training_bridge_pause (self->bridge);
}

static void
on_step (PsWindow *self)
{
  start_training (self, 1);
}

static void
on_reset (PsWindow *self)
{
  clear_error (self);
  rebuild_model (self);
}

static void
on_learning_rate_changed (PsWindow *self,
                          double    lr)
{
  ps_training_bridge_set_learning_rate (self->bridge, lr);
  self->last_config.optimizer.lr = lr;
}

static void
on_settings_changed (PsWindow *self)
{
  PsTrainingSettings settings;

  if (self->updating || ps_training_bridge_is_running (self->bridge))
    return;
  read_settings (self, &settings);
  /* Scaling changes what the network sees: start over. Everything else
   * applies to the next run from the current weights. */
  if (settings.scaling != self->scaling)
    rebuild_model (self);
  else
    push_config (self, FALSE);
}

/* ---- presets --------------------------------------------------------------- */

/**
 * ps_window_apply_preset:
 * @preset_id: an id from ps_presets_get_all()
 *
 * Sets up the dataset, the layers and the training settings of a notebook
 * experiment. For MNIST the remembered IDX folder is loaded (asynchronously);
 * when there is none, the dataset page asks for one.
 */
void
ps_window_apply_preset (PsWindow   *self,
                        const char *preset_id)
{
  const PsPreset *p;
  PsTrainingSettings settings;
  PsActivation acts[4];

  g_return_if_fail (PS_IS_WINDOW (self));

  p = ps_presets_lookup (preset_id);
  if (p == NULL)
    {
      g_autofree char *msg = g_strdup_printf (_("Unknown experiment “%s”."), preset_id);
      ps_window_show_error (self, msg);
      return;
    }

  stop_training (self);
  clear_error (self);

  self->updating = TRUE;
  for (guint i = 0; i < p->n_hidden; i++)
    acts[i] = p->hidden_activation;
  ps_network_editor_set_hidden (self->network_editor, p->hidden, acts, p->n_hidden);
  ps_network_editor_set_output_activation (self->network_editor, p->output_activation);

  ps_training_panel_settings_init (&settings);
  settings.train.loss = p->loss;
  settings.train.reduction = p->reduction;
  ps_optimizer_config_init (&settings.train.optimizer, p->optimizer);
  settings.train.optimizer.lr = p->lr;
  settings.batch_mode = p->batch_mode;
  settings.mini_batch = p->mini_batch;
  settings.train.batch_size = p->batch_mode == PS_BATCH_ONLINE ? 1
                            : p->batch_mode == PS_BATCH_MINI ? p->mini_batch : 0;
  settings.train.epochs = p->epochs;
  settings.train.val_split = p->val_split;
  settings.init = p->init;
  settings.scaling = p->scaling;
  settings.train.seed = p->seed;
  ps_training_panel_set_settings (self->training_panel, &settings);
  self->updating = FALSE;

  /* Selecting the dataset emits dataset-changed (at once, or after loading),
   * which rebuilds the model; if it is already the current one, rebuild now. */
  if (g_strcmp0 (ps_dataset_panel_get_source (self->dataset_panel), p->dataset) == 0 &&
      current_train (self) != NULL)
    {
      self->updating = TRUE;
      follow_dataset (self);
      self->updating = FALSE;
      rebuild_model (self);
    }
  else
    ps_dataset_panel_select (self->dataset_panel, p->dataset);

  if (!ps_dataset_panel_is_busy (self->dataset_panel) &&
      g_strcmp0 (ps_dataset_panel_get_source (self->dataset_panel), p->dataset) != 0)
    {
      /* MNIST with no folder known yet: the rest waits for it; meanwhile the
       * model matches what the editor shows */
      rebuild_model (self);
      show_info (self, _("Choose the folder that holds the MNIST files (Choose Folder… below) "
                         "to finish setting up this experiment."));
      gtk_stack_set_visible_child_name (self->sidebar_stack, "dataset");
      return;
    }

  gtk_stack_set_visible_child_name (self->sidebar_stack, "training");
  {
    g_autofree char *msg = g_strdup_printf (_("%s: press Train"), _(p->title));
    set_status (self, msg);
  }
}

static void
preset_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ps_window_apply_preset (PS_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

/* ---- files ------------------------------------------------------------------ */

static gboolean
looks_like_json (const char *path)
{
  return g_str_has_suffix (path, ".json") || g_str_has_suffix (path, ".JSON");
}

static void
load_model_file (PsWindow   *self,
                 const char *path)
{
  g_autoptr(GError) error = NULL;
  PsDataset *train = current_train (self);
  PsNetwork *net;

  net = ps_model_load (path, &error);
  if (net == NULL)
    {
      show_gerror (self, _("Cannot open the model:"), error);
      return;
    }
  if (train != NULL && net->classes != NULL && train->class_names != NULL)
    {
      /* Classes are matched by index from here on: a model whose names are
       * not the dataset's, in order, would be evaluated against the wrong
       * labels (a cat/dog model on dog/zebra data). */
      for (guint c = 0; net->classes[c] != NULL && c < train->n_classes; c++)
        if (!g_str_equal (net->classes[c], train->class_names[c]))
          {
            g_autofree char *mc = g_strjoinv (", ", net->classes);
            g_autofree char *dc = g_strjoinv (", ", train->class_names);
            g_autofree char *msg = g_strdup_printf (_("The model's classes (%s) are not the dataset's (%s)."), mc, dc);

            ps_window_show_error (self, msg);
            ps_network_free (net);
            return;
          }
    }
  if (train != NULL && !ps_network_check_dataset (net, train, &error))
    {
      show_gerror (self, _("The model does not fit the current dataset:"), error);
      ps_network_free (net);
      return;
    }

  stop_training (self);
  clear_error (self);
  self->updating = TRUE;
  ps_network_editor_set_from_network (self->network_editor, net);
  if (net->scaling != PS_SCALING_NONE && train != NULL)
    {
      PsTrainingSettings settings;

      ps_training_panel_get_settings (self->training_panel, &settings);
      settings.scaling = net->scaling;
      ps_training_panel_set_settings (self->training_panel, &settings);
    }
  self->updating = FALSE;
  push_config (self, TRUE);
  if (net->scaling != PS_SCALING_NONE && train != NULL)
    {
      /* the model's own transform, not one refitted on this data */
      PsDataset *test = ps_dataset_panel_get_test (self->dataset_panel);

      ps_network_scale_dataset (net, train);
      if (test != NULL && test != train && test->n_features == net->n_inputs)
        ps_network_scale_dataset (net, test);
      self->scaling = net->scaling;
    }
  ps_training_bridge_set_model (self->bridge, net, train, NULL,
                                ps_dataset_panel_get_test (self->dataset_panel));
  ps_network_editor_set_summary_network (self->network_editor, net);
  ps_network_free (net);
  {
    g_autofree char *base = g_path_get_basename (path);
    g_autofree char *msg = g_strdup_printf (_("Loaded model %s"), base);
    set_status (self, msg);
  }
  sync_actions (self);
}

static void
load_experiment_file (PsWindow   *self,
                      const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) dataset = NULL;
  g_autoptr(JsonNode) training = NULL;
  g_autofree char *spec = NULL;
  PsNetwork *model = NULL;
  PsNetwork *arch = NULL;

  if (!ps_experiment_load (path, &dataset, &spec, &training, &model, &error))
    {
      show_gerror (self, _("Cannot open the experiment:"), error);
      return;
    }
  arch = ps_network_new_from_spec (spec, &error);
  if (arch == NULL)
    {
      show_gerror (self, _("Cannot open the experiment:"), error);
      g_clear_pointer (&model, ps_network_free);
      return;
    }

  stop_training (self);
  self->updating = TRUE;
  if (!ps_training_panel_from_json (self->training_panel, training, &error))
    {
      self->updating = FALSE;
      show_gerror (self, _("Cannot open the experiment:"), error);
      g_clear_pointer (&model, ps_network_free);
      ps_network_free (arch);
      return;
    }
  ps_network_editor_set_from_network (self->network_editor, model != NULL ? model : arch);
  self->updating = FALSE;
  ps_network_free (arch);

  clear_error (self);
  /* the dataset loads at once (gates, generators) or in the background
   * (files); on_dataset_changed() then adopts the stored weights */
  if (model != NULL)
    g_object_set_data_full (G_OBJECT (self), "pending-model", model,
                            (GDestroyNotify) ps_network_free);
  else
    g_object_set_data (G_OBJECT (self), "pending-model", NULL);

  if (!ps_dataset_panel_from_json (self->dataset_panel, dataset, &error))
    {
      g_object_set_data (G_OBJECT (self), "pending-model", NULL);
      show_gerror (self, _("The experiment’s dataset could not be loaded:"), error);
      rebuild_model (self);
    }
}

/**
 * ps_window_open_path:
 * @path: a CSV file, a folder of IDX files, a model or an experiment (.json)
 *
 * Opens @path by what it looks like. Failures show in the banner and leave
 * the current dataset and model alone.
 */
void
ps_window_open_path (PsWindow   *self,
                     const char *path)
{
  g_return_if_fail (PS_IS_WINDOW (self));
  g_return_if_fail (path != NULL);

  /* the data and the model cannot change under a run */
  if (ps_training_bridge_is_running (self->bridge))
    {
      ps_window_show_error (self, _("Pause training before opening another file."));
      return;
    }
  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    ps_window_load_idx_folder (self, path);
  else if (looks_like_json (path))
    {
      /* experiments say so in their first bytes; everything else is a model
       * (whose reader refuses devices, FIFOs and oversize files) */
      if (ps_experiment_sniff (path))
        load_experiment_file (self, path);
      else
        load_model_file (self, path);
    }
  else
    {
      gtk_stack_set_visible_child_name (self->sidebar_stack, "dataset");
      ps_dataset_panel_load_csv (self->dataset_panel, path);
    }
}

/**
 * ps_window_load_idx_folder:
 * @folder: a folder holding train-images-idx3-ubyte[.gz] and friends
 */
void
ps_window_load_idx_folder (PsWindow   *self,
                           const char *folder)
{
  g_return_if_fail (PS_IS_WINDOW (self));
  g_return_if_fail (folder != NULL);

  if (ps_training_bridge_is_running (self->bridge))
    {
      ps_window_show_error (self, _("Pause training before opening another file."));
      return;
    }
  gtk_stack_set_visible_child_name (self->sidebar_stack, "dataset");
  ps_dataset_panel_load_idx_folder (self->dataset_panel, folder, FALSE);
}

static void
remember_folder (PsWindow *self,
                 GFile    *file)
{
  g_autoptr(GFile) parent = NULL;
  g_autofree char *path = NULL;

  if (self->settings == NULL || file == NULL)
    return;
  parent = g_file_get_parent (file);
  if (parent != NULL && (path = g_file_get_path (parent)) != NULL)
    g_settings_set_string (self->settings, "last-file-folder", path);
}

static void
set_chooser_folder (PsWindow       *self,
                    GtkFileChooser *chooser)
{
  g_autofree char *folder = NULL;

  if (self->settings == NULL)
    return;
  folder = g_settings_get_string (self->settings, "last-file-folder");
  if (folder[0] != '\0' && g_file_test (folder, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GFile) f = g_file_new_for_path (folder);
      gtk_file_chooser_set_current_folder (chooser, f, NULL);
    }
}

typedef void (*PsChosenFunc) (PsWindow   *self,
                              const char *path);

static void
on_chooser_response (GtkNativeDialog *dialog,
                     int              response,
                     gpointer         user_data)
{
  PsWindow *self = PS_WINDOW (user_data);
  PsChosenFunc func = g_object_get_data (G_OBJECT (dialog), "ps-func");

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

      if (path != NULL)
        {
          remember_folder (self, file);
          func (self, path);
        }
      else
        ps_window_show_error (self, _("Only local files are supported."));
    }
  g_object_unref (dialog);
  g_object_unref (self);
}

static void
add_filter (GtkFileChooser *chooser,
            const char     *name,
            const char     *const *patterns)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  for (guint i = 0; patterns[i] != NULL; i++)
    gtk_file_filter_add_pattern (filter, patterns[i]);
  gtk_file_chooser_add_filter (chooser, filter);
}

static void
run_chooser (PsWindow             *self,
             GtkFileChooserAction  action,
             const char           *title,
             const char           *accept,
             const char           *suggested_name,
             PsChosenFunc          func,
             const char           *filter_kind)
{
  GtkFileChooserNative *native;
  static const char *const csv[] = { "*.csv", "*.CSV", "*.tsv", "*.txt", "*.csv.gz", "*.tsv.gz", NULL };
  static const char *const json[] = { "*.json", NULL };
  static const char *const all_open[] = { "*.csv", "*.CSV", "*.tsv", "*.txt", "*.csv.gz", "*.tsv.gz",
                                          "*.json", NULL };
  static const char *const any[] = { "*", NULL };

  native = gtk_file_chooser_native_new (title, GTK_WINDOW (self), action, accept, _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  set_chooser_folder (self, GTK_FILE_CHOOSER (native));
  if (suggested_name != NULL)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), suggested_name);

  if (g_strcmp0 (filter_kind, "open") == 0)
    {
      add_filter (GTK_FILE_CHOOSER (native), _("Datasets, models and experiments"), all_open);
      add_filter (GTK_FILE_CHOOSER (native), _("CSV files"), csv);
      add_filter (GTK_FILE_CHOOSER (native), _("Models and experiments (JSON)"), json);
      add_filter (GTK_FILE_CHOOSER (native), _("All files"), any);
    }
  else if (g_strcmp0 (filter_kind, "json") == 0)
    add_filter (GTK_FILE_CHOOSER (native), _("JSON files"), json);
  else if (g_strcmp0 (filter_kind, "csv") == 0)
    add_filter (GTK_FILE_CHOOSER (native), _("CSV files"), csv);

  g_object_set_data (G_OBJECT (native), "ps-func", func);
  g_signal_connect (native, "response", G_CALLBACK (on_chooser_response), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
  ps_a11y_fix_native_dialog (GTK_NATIVE_DIALOG (native));
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  run_chooser (PS_WINDOW (widget), GTK_FILE_CHOOSER_ACTION_OPEN, _("Open"),
               _("_Open"), NULL, ps_window_open_path, "open");
}

static void
load_model_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  run_chooser (PS_WINDOW (widget), GTK_FILE_CHOOSER_ACTION_OPEN, _("Open Model"),
               _("_Open"), NULL, load_model_file, "json");
}

/**
 * ps_window_save_model:
 *
 * Saves the current weights (atomically). Errors show in the banner.
 *
 * Returns: TRUE on success
 */
gboolean
ps_window_save_model (PsWindow   *self,
                      const char *path)
{
  g_autoptr(GError) error = NULL;
  const PsNetwork *net;

  g_return_val_if_fail (PS_IS_WINDOW (self), FALSE);

  net = ps_training_bridge_get_network (self->bridge);
  if (net == NULL)
    {
      ps_window_show_error (self, _("There is no model to save yet."));
      return FALSE;
    }
  {
    /* The file records the input scaling it was trained with, so that the
     * CLI (and a later Open) feed it data scaled the same way. */
    PsNetwork *copy = ps_network_copy (net);
    PsDataset *train = current_train (self);
    gboolean ok;

    if (train != NULL && train->n_features == copy->n_inputs)
      ps_network_take_scaling (copy, train);
    ok = ps_model_save (copy, path, &error);
    ps_network_free (copy);
    if (!ok)
      {
        show_gerror (self, _("Cannot save the model:"), error);
        return FALSE;
      }
  }
  {
    g_autofree char *base = g_path_get_basename (path);
    g_autofree char *msg = g_strdup_printf (_("Saved model to %s"), base);
    set_status (self, msg);
  }
  return TRUE;
}

static void
save_model_chosen (PsWindow   *self,
                   const char *path)
{
  ps_window_save_model (self, path);
}

static void
save_model_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  run_chooser (PS_WINDOW (widget), GTK_FILE_CHOOSER_ACTION_SAVE, _("Save Model"),
               _("_Save"), "model.json", save_model_chosen, "json");
}

/**
 * ps_window_save_experiment:
 *
 * Saves the dataset choice, the architecture, the settings and the weights.
 *
 * Returns: TRUE on success (errors show in the banner)
 */
gboolean
ps_window_save_experiment (PsWindow   *self,
                           const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) dataset = NULL;
  g_autoptr(JsonNode) training = NULL;
  g_autofree char *spec = NULL;

  g_return_val_if_fail (PS_IS_WINDOW (self), FALSE);

  dataset = ps_dataset_panel_to_json (self->dataset_panel);
  training = ps_training_panel_to_json (self->training_panel);
  spec = ps_network_editor_dup_spec (self->network_editor);
  if (!ps_experiment_save (path, dataset, spec, training,
                           ps_training_bridge_get_network (self->bridge), &error))
    {
      show_gerror (self, _("Cannot save the experiment:"), error);
      return FALSE;
    }
  {
    g_autofree char *base = g_path_get_basename (path);
    g_autofree char *msg = g_strdup_printf (_("Saved experiment to %s"), base);
    set_status (self, msg);
  }
  return TRUE;
}

static void
save_experiment_chosen (PsWindow   *self,
                        const char *path)
{
  ps_window_save_experiment (self, path);
}

static void
save_experiment_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  run_chooser (PS_WINDOW (widget), GTK_FILE_CHOOSER_ACTION_SAVE, _("Save Experiment"),
               _("_Save"), "experiment.psx.json", save_experiment_chosen, "json");
}

/**
 * ps_window_export_history:
 *
 * Returns: TRUE on success (errors show in the banner)
 */
gboolean
ps_window_export_history (PsWindow   *self,
                          const char *path)
{
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (PS_IS_WINDOW (self), FALSE);

  if (self->snapshot == NULL || self->snapshot->n_epochs == 0)
    {
      ps_window_show_error (self, _("There is no training history yet: train first."));
      return FALSE;
    }
  if (!ps_history_save_csv (path, self->snapshot->history, self->snapshot->n_epochs, &error))
    {
      show_gerror (self, _("Cannot export the history:"), error);
      return FALSE;
    }
  {
    g_autofree char *base = g_path_get_basename (path);
    g_autofree char *msg = g_strdup_printf (_("Exported history to %s"), base);
    set_status (self, msg);
  }
  return TRUE;
}

static void
export_history_chosen (PsWindow   *self,
                       const char *path)
{
  ps_window_export_history (self, path);
}

static void
export_history_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  run_chooser (PS_WINDOW (widget), GTK_FILE_CHOOSER_ACTION_SAVE, _("Export History"),
               _("_Export"), "history.csv", export_history_chosen, "csv");
}

#ifdef PS_HAVE_PS_EXPORT_DIALOG
static void
on_view_exported (PsWindow   *self,
                  const char *path)
{
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *msg = g_strdup_printf (_("Exported the view to %s"), base);

  set_status (self, msg);
}
#endif

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PsWindow *self = PS_WINDOW (widget);

#ifdef PS_HAVE_PS_EXPORT_DIALOG
  {
    GtkWidget *view = gtk_stack_get_visible_child (self->view_stack);
    PsExportDialog *dialog;

    if (view == NULL || !ps_export_view_get_renderer (view, NULL, NULL))
      {
        ps_window_show_error (self, _("This view cannot be exported."));
        return;
      }
    dialog = ps_export_dialog_new (GTK_WINDOW (self), view);
    /* the dialog closes on success: the status bar says where it went */
    g_signal_connect_object (dialog, "exported", G_CALLBACK (on_view_exported), self, G_CONNECT_SWAPPED);
    gtk_window_present (GTK_WINDOW (dialog));
  }
#else
  ps_window_show_error (self, _("Exporting views is not available in this build."));
#endif
}

static void
evaluate_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  PsWindow *self = PS_WINDOW (widget);
  PsDataset *test = ps_dataset_panel_get_test (self->dataset_panel);
  const PsNetwork *net = ps_training_bridge_get_network (self->bridge);

  if (net == NULL || current_train (self) == NULL)
    {
      ps_window_show_error (self, _("There is no model to evaluate yet."));
      return;
    }
  if (test == NULL)
    test = current_train (self);

#ifdef PS_HAVE_PS_EVALUATE_DIALOG
  if (self->snapshot == NULL)
    {
      ps_window_show_error (self, _("There is no model to evaluate yet."));
      return;
    }
  gtk_window_present (GTK_WINDOW (ps_evaluate_dialog_new (GTK_WINDOW (self), self->snapshot)));
#else
  {
    double loss = 0, accuracy = 0, rmse = 0;
    g_autofree char *msg = NULL;

    ps_evaluate (net, test, self->last_config.loss, &loss, &accuracy, &rmse, NULL);
    {
      char num[32];

      msg = g_strdup_printf (_("Test set: loss %s · accuracy %.1f %%"),
                             ps_plot_format_number (loss, 4, 3, num, sizeof num), 100 * accuracy);
    }
    set_status (self, msg);
  }
#endif
}

/* ---- actions ------------------------------------------------------------------ */

static void
train_pause_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  PsWindow *self = PS_WINDOW (widget);

  if (ps_training_bridge_is_running (self->bridge))
    on_pause (self);
  else
    on_train (self);
}

static void
train_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  on_train (PS_WINDOW (widget));
}

static void
pause_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  on_pause (PS_WINDOW (widget));
}

static void
step_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PsWindow *self = PS_WINDOW (widget);

  if (!ps_training_bridge_is_running (self->bridge))
    on_step (self);
}

static void
reset_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  on_reset (PS_WINDOW (widget));
}

static void
close_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  gtk_window_close (GTK_WINDOW (widget));
}

static void
sync_actions (PsWindow *self)
{
  gboolean running = ps_training_bridge_is_running (self->bridge);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.train", !running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.step", !running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.pause", running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.load-model", !running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.open", !running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.preset", !running);
}

/* ---- Space: train / pause ----------------------------------------------------------- */

/* TRUE when Space belongs to the focused widget: typing in an entry or a
 * spin button, or choosing in an open popover (a dropdown's list). */
static gboolean
focus_wants_space (GtkWidget *focus)
{
  for (GtkWidget *w = focus; w != NULL; w = gtk_widget_get_parent (w))
    if (GTK_IS_EDITABLE (w) || GTK_IS_TEXT_VIEW (w) || GTK_IS_POPOVER (w))
      return TRUE;
  return FALSE;
}

/* Capture phase: runs before the focused button or dropdown would take the
 * key for itself (they still answer Return). */
static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                PsWindow              *self)
{
  if (keyval != GDK_KEY_space && keyval != GDK_KEY_KP_Space)
    return FALSE;
  if ((state & gtk_accelerator_get_default_mod_mask ()) != 0)
    return FALSE;
  if (focus_wants_space (gtk_root_get_focus (GTK_ROOT (self))))
    return FALSE;
  return gtk_widget_activate_action (GTK_WIDGET (self), "win.train-pause", NULL);
}

/* ---- drag and drop -------------------------------------------------------------- */

static gboolean
on_drop (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         PsWindow      *self)
{
  GFile *file;
  g_autofree char *path = NULL;

  if (!G_VALUE_HOLDS (value, G_TYPE_FILE))
    return FALSE;
  file = g_value_get_object (value);
  path = g_file_get_path (file);
  if (path == NULL)
    {
      ps_window_show_error (self, _("Only local files can be dropped here."));
      return FALSE;
    }
  if (ps_training_bridge_is_running (self->bridge))
    {
      ps_window_show_error (self, _("Pause training before opening another file."));
      return FALSE;
    }
  ps_window_open_path (self, path);
  return TRUE;
}

/* ---- accessors ------------------------------------------------------------------- */

/**
 * ps_window_get_snapshot:
 *
 * Returns: (transfer none) (nullable): the latest snapshot
 */
PsSnapshot *
ps_window_get_snapshot (PsWindow *self)
{
  g_return_val_if_fail (PS_IS_WINDOW (self), NULL);

  return self->snapshot;
}

/**
 * ps_window_get_train:
 *
 * Returns: (transfer none) (nullable): the training set
 */
PsDataset *
ps_window_get_train (PsWindow *self)
{
  g_return_val_if_fail (PS_IS_WINDOW (self), NULL);

  return current_train (self);
}

/**
 * ps_window_get_test:
 *
 * Returns: (transfer none) (nullable): the test set
 */
PsDataset *
ps_window_get_test (PsWindow *self)
{
  g_return_val_if_fail (PS_IS_WINDOW (self), NULL);

  return ps_dataset_panel_get_test (self->dataset_panel);
}

gboolean
ps_window_is_training (PsWindow *self)
{
  g_return_val_if_fail (PS_IS_WINDOW (self), FALSE);

  return ps_training_bridge_is_running (self->bridge);
}

/**
 * ps_window_get_bridge:
 *
 * Returns: (transfer none): the training bridge
 */
PsTrainingBridge *
ps_window_get_bridge (PsWindow *self)
{
  g_return_val_if_fail (PS_IS_WINDOW (self), NULL);

  return self->bridge;
}

GtkWidget *
ps_window_get_dataset_panel (PsWindow *self)
{
  g_return_val_if_fail (PS_IS_WINDOW (self), NULL);

  return GTK_WIDGET (self->dataset_panel);
}

GtkWidget *
ps_window_get_network_editor (PsWindow *self)
{
  g_return_val_if_fail (PS_IS_WINDOW (self), NULL);

  return GTK_WIDGET (self->network_editor);
}

GtkWidget *
ps_window_get_training_panel (PsWindow *self)
{
  g_return_val_if_fail (PS_IS_WINDOW (self), NULL);

  return GTK_WIDGET (self->training_panel);
}

void
ps_window_set_sidebar_page (PsWindow   *self,
                            const char *name)
{
  g_return_if_fail (PS_IS_WINDOW (self));

  gtk_stack_set_visible_child_name (self->sidebar_stack, name);
}

void
ps_window_set_view (PsWindow   *self,
                    const char *name)
{
  g_return_if_fail (PS_IS_WINDOW (self));

  gtk_stack_set_visible_child_name (self->view_stack, name);
}

/* ---- lifecycle ------------------------------------------------------------------- */

/* Joining a worker waits for its batch to end (a full batch of
 * Fashion-MNIST takes about a second): the window goes away first. */
static void
hide_now (PsWindow *self)
{
  if (!ps_training_bridge_is_running (self->bridge) && !ps_dataset_panel_is_busy (self->dataset_panel))
    return;
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
  gdk_display_flush (gtk_widget_get_display (GTK_WIDGET (self)));
}

static gboolean
ps_window_close_request (GtkWindow *window)
{
  PsWindow *self = PS_WINDOW (window);

  hide_now (self);

  /* Stop the worker and any loader before anything they use goes away:
   * both are joined here, so closing leaves no thread behind. */
  ps_training_bridge_stop (self->bridge);
  ps_dataset_panel_shutdown (self->dataset_panel);

  if (self->settings != NULL)
    {
      int width, height;

      gtk_window_get_default_size (window, &width, &height);
      g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
      if (!gtk_window_is_maximized (window) && width > 0 && height > 0)
        {
          g_settings_set_int (self->settings, "window-width", width);
          g_settings_set_int (self->settings, "window-height", height);
        }
    }

  return GTK_WINDOW_CLASS (ps_window_parent_class)->close_request (window);
}

#define PS_WINDOW_MIN_WIDTH  360
#define PS_WINDOW_MIN_HEIGHT 300
#define PS_WINDOW_MAX_SIZE   16384

/* Settings from the application, then the default example. */
static void
ps_window_setup (PsWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  if (PS_IS_APPLICATION (app))
    self->settings = ps_application_get_settings (PS_APPLICATION (app));
  if (self->settings != NULL)
    {
      int width = g_settings_get_int (self->settings, "window-width");
      int height = g_settings_get_int (self->settings, "window-height");

      g_object_ref (self->settings);
      /* a size from settings that makes no sense (negative: a GTK critical;
       * 0; a million pixels) gives the schema's default instead */
      if (width < PS_WINDOW_MIN_WIDTH || width > PS_WINDOW_MAX_SIZE)
        width = 1000;
      if (height < PS_WINDOW_MIN_HEIGHT || height > PS_WINDOW_MAX_SIZE)
        height = 700;
      gtk_window_set_default_size (GTK_WINDOW (self), width, height);
      if (g_settings_get_boolean (self->settings, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));
      ps_training_panel_bind_settings (self->training_panel, self->settings);
      ps_dataset_panel_set_settings (self->dataset_panel, self->settings);
    }

  /* Ready on the notebook's XOR with a [2, 3, 1] sigmoid MLP. */
  self->updating = TRUE;
  {
    const guint hidden[] = { 3 };
    const PsActivation acts[] = { PS_ACTIVATION_SIGMOID };

    ps_network_editor_set_hidden (self->network_editor, hidden, acts, 1);
    ps_network_editor_set_output_activation (self->network_editor, PS_ACTIVATION_SIGMOID);
  }
  self->updating = FALSE;
  ps_dataset_panel_select (self->dataset_panel, "xor");

  ps_a11y_fix_names (GTK_WIDGET (self));
  /* GtkApplication gave the window its help overlay when it was added */
  if (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (self)) != NULL)
    ps_a11y_fix_foreign_names (GTK_WIDGET (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (self))));
}

static void
ps_window_dispose (GObject *object)
{
  PsWindow *self = PS_WINDOW (object);

  if (self->bridge != NULL && self->dataset_panel != NULL)
    hide_now (self);
  if (self->bridge != NULL)
    {
      ps_training_bridge_stop (self->bridge);
      g_signal_handlers_disconnect_by_data (self->bridge, self);
    }
  if (self->dataset_panel != NULL)
    ps_dataset_panel_shutdown (self->dataset_panel);
  g_clear_object (&self->bridge);
  g_clear_pointer (&self->snapshot, ps_snapshot_unref);
  g_clear_object (&self->settings);
  gtk_widget_dispose_template (GTK_WIDGET (self), PS_TYPE_WINDOW);

  G_OBJECT_CLASS (ps_window_parent_class)->dispose (object);
}

static void
ps_window_finalize (GObject *object)
{
  PsWindow *self = PS_WINDOW (object);

  g_free (self->error_message);

  G_OBJECT_CLASS (ps_window_parent_class)->finalize (object);
}

static void
ps_window_class_init (PsWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = ps_window_dispose;
  object_class->finalize = ps_window_finalize;
  window_class->close_request = ps_window_close_request;

  g_type_ensure (PS_TYPE_DATASET_PANEL);
  g_type_ensure (PS_TYPE_NETWORK_EDITOR);
  g_type_ensure (PS_TYPE_TRAINING_PANEL);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/perceptronstudio/PerceptronStudio/ps-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PsWindow, info_bar);
  gtk_widget_class_bind_template_child (widget_class, PsWindow, banner_icon);
  gtk_widget_class_bind_template_child (widget_class, PsWindow, error_label);
  gtk_widget_class_bind_template_child (widget_class, PsWindow, sidebar_stack);
  gtk_widget_class_bind_template_child (widget_class, PsWindow, dataset_panel);
  gtk_widget_class_bind_template_child (widget_class, PsWindow, network_editor);
  gtk_widget_class_bind_template_child (widget_class, PsWindow, training_panel);
  gtk_widget_class_bind_template_child (widget_class, PsWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, PsWindow, dataset_label);
  gtk_widget_class_bind_template_child (widget_class, PsWindow, status_label);
  gtk_widget_class_bind_template_callback (widget_class, on_dismiss_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_dataset_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_panel_error);
  gtk_widget_class_bind_template_callback (widget_class, on_network_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_perceptron_preset);
  gtk_widget_class_bind_template_callback (widget_class, on_train);
  gtk_widget_class_bind_template_callback (widget_class, on_pause);
  gtk_widget_class_bind_template_callback (widget_class, on_step);
  gtk_widget_class_bind_template_callback (widget_class, on_reset);
  gtk_widget_class_bind_template_callback (widget_class, on_learning_rate_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_settings_changed);

  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.load-model", NULL, load_model_action);
  gtk_widget_class_install_action (widget_class, "win.save-model", NULL, save_model_action);
  gtk_widget_class_install_action (widget_class, "win.save-experiment", NULL, save_experiment_action);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "win.export-history", NULL, export_history_action);
  gtk_widget_class_install_action (widget_class, "win.evaluate", NULL, evaluate_action);
  gtk_widget_class_install_action (widget_class, "win.train-pause", NULL, train_pause_action);
  gtk_widget_class_install_action (widget_class, "win.train", NULL, train_action);
  gtk_widget_class_install_action (widget_class, "win.pause", NULL, pause_action);
  gtk_widget_class_install_action (widget_class, "win.step", NULL, step_action);
  gtk_widget_class_install_action (widget_class, "win.reset", NULL, reset_action);
  gtk_widget_class_install_action (widget_class, "win.close", NULL, close_action);
  gtk_widget_class_install_action (widget_class, "win.preset", "s", preset_action);
}

static void
ps_window_init (PsWindow *self)
{
  GtkDropTarget *drop;
  GtkEventController *keys;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->bridge = ps_training_bridge_new ();
  g_signal_connect_swapped (self->bridge, "snapshot", G_CALLBACK (on_bridge_snapshot), self);
  g_signal_connect_swapped (self->bridge, "finished", G_CALLBACK (on_bridge_finished), self);
  self->scaling = PS_SCALING_NONE;

  setup_views (self);
  g_signal_connect_swapped (self->view_stack, "notify::visible-child",
                            G_CALLBACK (on_visible_view_changed), self);

  drop = gtk_drop_target_new (G_TYPE_FILE, GDK_ACTION_COPY);
  g_signal_connect (drop, "drop", G_CALLBACK (on_drop), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));

  /* Space trains/pauses wherever the focus is, unless it is typing (see
   * on_key_pressed()). */
  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_name (keys, "ps-space-train-pause");
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);

  sync_actions (self);
}
