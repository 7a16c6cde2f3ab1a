/* ps-window.c: the main window
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window shows a PsSession: the sidebar panels set its properties and
 * redraw on its notifications, the views follow its snapshots. What stays
 * here is the window's own: the banner, the status line, the views, the
 * actions and keys. Files, choosers and presets are in
 * ps-window-document.c.
 */
#include "config.h"

#include "ps-window-private.h"

#include "ps-boundary-view.h"
#include "ps-surface-view.h"
#include "ps-sweep-dialog.h"
#include "ps-window-lesson.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ps-a11y.h"

G_DEFINE_FINAL_TYPE (PsWindow, ps_window, GTK_TYPE_APPLICATION_WINDOW)

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

/* ---- banner and status line ---------------------------------------------------- */

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

void
ps_window_show_gerror (PsWindow     *self,
                       const GError *error)
{
  ps_window_show_error (self, error->message);
}

/* The same banner for something to do rather than something that failed;
 * not an error (ps_window_get_error() stays NULL). */
void
ps_window_show_info (PsWindow   *self,
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

void
ps_window_clear_error (PsWindow *self)
{
  g_clear_pointer (&self->error_message, g_free);
  gtk_info_bar_set_revealed (self->info_bar, FALSE);
  /* a screen reader must not find a stale message in the hidden banner */
  gtk_label_set_text (self->error_label, "");
}

static void
on_dismiss_clicked (PsWindow *self)
{
  ps_window_clear_error (self);
}

void
ps_window_set_status (PsWindow   *self,
                      const char *text)
{
  gtk_label_set_text (self->status_label, text != NULL ? text : "");
}

/* ---- views --------------------------------------------------------------- */

static void
setup_views (PsWindow *self)
{
  guint n;

  self->view_info = ps_views_get_all (&n);
  g_assert (n >= PS_N_VIEWS);
  for (guint i = 0; i < PS_N_VIEWS; i++)
    {
      const PsViewInfo *info = &self->view_info[i];

      g_assert (info->name != NULL && info->set_snapshot != NULL);
      self->views[i] = g_object_new (info->get_type (), NULL);
      gtk_widget_set_hexpand (self->views[i], TRUE);
      gtk_widget_set_vexpand (self->views[i], TRUE);
      gtk_stack_add_titled (self->view_stack, self->views[i], info->name, _(info->title));
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

  for (guint i = 0; i < PS_N_VIEWS; i++)
    {
      if (self->views[i] != visible)
        continue;
      /* The curves only change when an epoch ends; a snapshot from within
       * an epoch (same history) would redraw the same picture. Drawing is
       * what the UI spends its time on, and on two cores that time is
       * taken from the trainer. */
      if (!force && i == PS_VIEW_CURVES && self->snapshot != NULL &&
          self->snapshot->n_epochs > 0 &&
          self->snapshot->n_epochs == self->curves_epochs &&
          self->snapshot->history == self->curves_history &&
          !self->snapshot->checkpoint && !self->curves_checkpoint)
        continue;
      self->view_info[i].set_snapshot (self->views[i], self->snapshot);
      if (i == PS_VIEW_CURVES)
        {
          self->curves_epochs = self->snapshot != NULL ? self->snapshot->n_epochs : 0;
          self->curves_history = self->snapshot != NULL ? self->snapshot->history : NULL;
          /* a checkpoint's cursor moves while the history stays */
          self->curves_checkpoint = self->snapshot != NULL && self->snapshot->checkpoint;
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
 * @name: "curves", "boundary", "weights", "network", "samples", "separability" or "surface"
 *
 * Returns: (transfer none) (nullable): the view widget
 */
GtkWidget *
ps_window_get_view (PsWindow   *self,
                    const char *name)
{
  g_return_val_if_fail (PS_IS_WINDOW (self), NULL);

  for (guint i = 0; i < PS_N_VIEWS; i++)
    if (g_strcmp0 (self->view_info[i].name, name) == 0)
      return self->views[i];
  return NULL;
}

/* ---- the session's run ----------------------------------------------------- */

static void
update_progress (PsWindow *self)
{
  /* the run's own state, not the checkpoint the views may show */
  PsSnapshot *snap = ps_session_get_snapshot (self->session);
  PsEpochMetrics last;
  guint target;

  if (snap == NULL)
    return;
  target = ps_session_get_target_epoch (self->session);
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
  ps_window_set_status (self, ps_training_panel_get_status (self->training_panel));
}

static void
on_session_snapshot (PsWindow   *self,
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

/* The controls follow the run: while it trains the data and the
 * architecture cannot change under the worker. */
static void
on_running_changed (PsWindow *self)
{
  gboolean running = ps_session_is_running (self->session);

  gtk_widget_set_sensitive (GTK_WIDGET (self->dataset_panel), !running);
  gtk_widget_set_sensitive (GTK_WIDGET (self->network_editor), !running);
  sync_actions (self);
}

static void
on_run_finished (PsWindow      *self,
                 PsTrainStatus  status,
                 const char    *message)
{
  const char *what = NULL;
  gboolean was_step = self->stepping;
  g_autofree char *text = NULL;
  const char *line;

  self->stepping = FALSE;
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
        g_autofree char *reason = g_strdup (message != NULL ? message : _("training diverged."));
        g_autofree char *msg = NULL;

        if (g_ascii_islower (reason[0]))
          reason[0] = g_ascii_toupper (reason[0]);
        msg = g_strdup_printf (_("%s Reset starts again from new weights."), reason);
        ps_window_show_error (self, msg);
        what = _("Diverged");
      }
      break;
    }
  if (status != PS_TRAIN_DIVERGED && message != NULL)
    ps_window_show_error (self, message);

  line = ps_training_panel_get_status (self->training_panel);
  text = line != NULL && *line != '\0' ? g_strdup_printf ("%s · %s", what, line) : g_strdup (what);
  ps_window_set_status (self, text);
}

static void
start_training (PsWindow *self,
                guint     n_epochs)
{
  g_autoptr(GError) error = NULL;

  if (ps_session_is_running (self->session))
    return;
  self->stepping = n_epochs == 1;
  if (!ps_session_start (self->session, n_epochs, &error))
    {
      self->stepping = FALSE;
      ps_window_show_gerror (self, error);
      return;
    }
  ps_window_clear_error (self);
  ps_window_set_status (self, _("Training…"));
}

static void
on_train (PsWindow *self)
{
  start_training (self, 0);
}

static void
on_pause (PsWindow *self)
{
  ps_session_pause (self->session);
}

static void
on_step (PsWindow *self)
{
  start_training (self, 1);
}

static void
on_reset (PsWindow *self)
{
  ps_window_clear_error (self);
  ps_session_rebuild (self->session);
}

/* ---- the session's document -------------------------------------------------- */

static void
on_session_error (PsWindow   *self,
                  const char *message)
{
  ps_window_show_error (self, message);
}

static void
on_dataset_changed (PsWindow *self)
{
  PsDataset *train = ps_session_get_train (self->session);
  g_autofree char *summary = train != NULL ? ps_dataset_dup_summary (train) : NULL;

  gtk_label_set_text (self->dataset_label, summary != NULL ? summary : "");
  ps_window_clear_error (self);
}

static void
on_model_rebuilt (PsWindow *self)
{
  ps_window_set_status (self, _("Ready: press Train"));
}

/* ---- actions ------------------------------------------------------------------ */

static void
train_pause_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  PsWindow *self = PS_WINDOW (widget);

  if (ps_session_is_running (self->session))
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

  if (!ps_session_is_running (self->session))
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
  gboolean running = self->session != NULL && ps_session_is_running (self->session);

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
  if (ps_session_is_running (self->session))
    {
      ps_window_show_error (self, _("Pause training before opening another file."));
      return FALSE;
    }
  ps_window_open_path (self, path);
  return TRUE;
}

/* ---- accessors ------------------------------------------------------------------- */

/**
 * ps_window_get_session:
 *
 * Returns: (transfer none): the document the window shows
 */
PsSession *
ps_window_get_session (PsWindow *self)
{
  g_return_val_if_fail (PS_IS_WINDOW (self), NULL);

  return self->session;
}

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

  return ps_session_get_train (self->session);
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

  return ps_session_get_test (self->session);
}

gboolean
ps_window_is_training (PsWindow *self)
{
  g_return_val_if_fail (PS_IS_WINDOW (self), FALSE);

  return ps_session_is_running (self->session);
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

  return ps_session_get_bridge (self->session);
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
  if (!ps_session_is_running (self->session) && !ps_session_is_busy (self->session))
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
  ps_session_shutdown (self->session);

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
        width = 1100;
      if (height < PS_WINDOW_MIN_HEIGHT || height > PS_WINDOW_MAX_SIZE)
        height = 700;
      gtk_window_set_default_size (GTK_WINDOW (self), width, height);
      if (g_settings_get_boolean (self->settings, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));
      ps_training_panel_bind_settings (self->training_panel, self->settings);
      ps_dataset_panel_set_settings (self->dataset_panel, self->settings);
    }

  /* Ready on the notebook's XOR with a [2, 3, 1] sigmoid MLP (the
   * session's default spec). */
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

  if (self->session != NULL)
    {
      if (self->dataset_panel != NULL)
        hide_now (self);
      ps_session_shutdown (self->session);
      g_signal_handlers_disconnect_by_data (self->session, self);
    }
  g_clear_pointer (&self->snapshot, ps_snapshot_unref);
  g_clear_object (&self->settings);
  gtk_widget_dispose_template (GTK_WIDGET (self), PS_TYPE_WINDOW);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (ps_window_parent_class)->dispose (object);
}

static void
ps_window_finalize (GObject *object)
{
  PsWindow *self = PS_WINDOW (object);

  g_free (self->error_message);

  G_OBJECT_CLASS (ps_window_parent_class)->finalize (object);
}

#define SWEEP_DIALOG_KEY "ps-sweep-dialog"

static void
on_sweep_dialog_destroy (GtkWidget *dialog,
                         PsWindow  *self)
{
  g_object_set_data (G_OBJECT (self), SWEEP_DIALOG_KEY, NULL);
}

/* Sweep…: one dialog per window, kept (hidden on close) with its results. */
static void
sweep_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  PsWindow *self = PS_WINDOW (widget);
  GtkWidget *dialog = g_object_get_data (G_OBJECT (self), SWEEP_DIALOG_KEY);

  if (dialog == NULL)
    {
      dialog = ps_sweep_dialog_new (self->session, GTK_WINDOW (self));
      g_object_set_data (G_OBJECT (self), SWEEP_DIALOG_KEY, dialog);
      g_signal_connect_object (dialog, "destroy", G_CALLBACK (on_sweep_dialog_destroy), self, 0);
    }
  gtk_window_present (GTK_WINDOW (dialog));
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
  g_type_ensure (PS_TYPE_TIMELINE_BAR);

  gtk_widget_class_set_template_from_resource (widget_class, PS_RESOURCE_BASE "/ps-window.ui");
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
  gtk_widget_class_bind_template_child (widget_class, PsWindow, timeline_bar);
  gtk_widget_class_bind_template_callback (widget_class, on_dismiss_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_train);
  gtk_widget_class_bind_template_callback (widget_class, on_pause);
  gtk_widget_class_bind_template_callback (widget_class, on_step);
  gtk_widget_class_bind_template_callback (widget_class, on_reset);
  gtk_widget_class_bind_template_callback (widget_class, ps_window_on_explain);

  ps_window_document_class_init (widget_class);
  gtk_widget_class_install_action (widget_class, "win.train-pause", NULL, train_pause_action);
  gtk_widget_class_install_action (widget_class, "win.train", NULL, train_action);
  gtk_widget_class_install_action (widget_class, "win.pause", NULL, pause_action);
  gtk_widget_class_install_action (widget_class, "win.step", NULL, step_action);
  gtk_widget_class_install_action (widget_class, "win.reset", NULL, reset_action);
  gtk_widget_class_install_action (widget_class, "win.close", NULL, close_action);
  gtk_widget_class_install_action (widget_class, "win.sweep", NULL, sweep_action);
}

static void
ps_window_init (PsWindow *self)
{
  GtkDropTarget *drop;
  GtkEventController *keys;

  self->session = ps_session_new ();
  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect_swapped (self->session, "error", G_CALLBACK (on_session_error), self);
  g_signal_connect_swapped (self->session, "dataset-changed", G_CALLBACK (on_dataset_changed), self);
  g_signal_connect_swapped (self->session, "model-rebuilt", G_CALLBACK (on_model_rebuilt), self);
  g_signal_connect_swapped (self->session, "notify::running", G_CALLBACK (on_running_changed), self);
  g_signal_connect_swapped (self->session, "snapshot", G_CALLBACK (on_session_snapshot), self);
  g_signal_connect_swapped (self->session, "run-finished", G_CALLBACK (on_run_finished), self);
  /* the sidebar's panels are views of the session; the dataset panel also
   * says when it refuses a choice before the session sees it */
  ps_dataset_panel_set_session (self->dataset_panel, self->session);
  g_signal_connect_swapped (self->dataset_panel, "error", G_CALLBACK (on_session_error), self);
  ps_network_editor_set_session (self->network_editor, self->session);
  ps_training_panel_set_session (self->training_panel, self->session);
  ps_timeline_bar_set_session (self->timeline_bar, self->session);
  g_signal_connect_swapped (self->timeline_bar, "error", G_CALLBACK (on_session_error), self);

  setup_views (self);
  ps_surface_view_set_session (PS_SURFACE_VIEW (self->views[PS_VIEW_SURFACE]), self->session);
  /* the Boundary page edits the training set too (a click adds a point) */
  ps_boundary_view_set_session (PS_BOUNDARY_VIEW (self->views[PS_VIEW_BOUNDARY]), self->session);
  ps_window_setup_explain (self);
  /* the Runs page; the curves overlay the ticked runs (ps-window-runs.c) */
  ps_window_setup_runs (self);
  /* the Lesson menu and panel (ps-window-lesson.c) */
  ps_window_setup_lesson (self);
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
