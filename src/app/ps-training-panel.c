/* ps-training-panel.c: training settings and controls
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ps-training-panel.h"
#include "ps-names.h"
#include "ps-plot.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

struct _PsTrainingPanel
{
  GtkWidget       parent_instance;

  GtkWidget      *box;
  GtkWidget      *train_button;
  GtkWidget      *pause_button;
  GtkWidget      *step_button;
  GtkWidget      *reset_button;
  GtkLabel       *epoch_label;
  GtkProgressBar *progress_bar;
  GtkLabel       *status_label;
  GtkWidget      *grid;
  GtkDropDown    *loss_dropdown;
  GtkDropDown    *reduction_dropdown;
  GtkDropDown    *optimizer_dropdown;
  GtkSpinButton  *lr_spin;
  GtkWidget      *momentum_label;
  GtkSpinButton  *momentum_spin;
  GtkDropDown    *batch_dropdown;
  GtkWidget      *batch_size_label;
  GtkSpinButton  *batch_size_spin;
  GtkSpinButton  *epochs_spin;
  GtkSpinButton  *val_split_spin;
  GtkSpinButton  *seed_spin;
  GtkDropDown    *init_dropdown;
  GtkDropDown    *scaling_dropdown;
  GtkAdjustment  *speed_adjustment;
  GtkLabel       *speed_label;

  GSettings      *settings;
  PsSession      *session;        /* (nullable) what the panel shows and edits */
  char           *status;
  char           *epoch_text;
  gboolean        running;
};

G_DEFINE_FINAL_TYPE (PsTrainingPanel, ps_training_panel, GTK_TYPE_WIDGET)

enum {
  TRAIN,
  PAUSE,
  STEP,
  RESET,
  EXPLAIN,
  LEARNING_RATE_CHANGED,
  SETTINGS_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Dropdown positions ↔ values: the order of PsTrainingSettings' tables,
 * which are core's ps-names.h ones for the engine's enums (their dropdowns
 * are filled from those tables, fill_enum_dropdown) and the session's for
 * the batch mode (listed in the .ui). */
#define SELECTED(dd, choice) ps_training_setting_value_at ((choice), gtk_drop_down_get_selected (dd))
#define INDEX_OF(choice, value) ps_training_setting_index ((choice), (int) (value))

/**
 * ps_training_panel_new:
 *
 * Returns: (transfer floating): a new panel
 */
GtkWidget *
ps_training_panel_new (void)
{
  return g_object_new (PS_TYPE_TRAINING_PANEL, NULL);
}

/**
 * ps_training_panel_settings_init:
 *
 * The defaults (ps_training_settings_init).
 */
void
ps_training_panel_settings_init (PsTrainingSettings *settings)
{
  ps_training_settings_init (settings);
}

/**
 * ps_training_panel_get_settings:
 * @out: (out caller-allocates): filled from the widgets
 */
void
ps_training_panel_get_settings (PsTrainingPanel    *self,
                                PsTrainingSettings *out)
{
  PsOptimizerKind kind;

  g_return_if_fail (PS_IS_TRAINING_PANEL (self));
  g_return_if_fail (out != NULL);

  memset (out, 0, sizeof *out);
  ps_train_config_init (&out->train);
  out->train.loss = SELECTED (self->loss_dropdown, PS_SETTING_LOSS);
  out->train.reduction = SELECTED (self->reduction_dropdown, PS_SETTING_REDUCTION);
  kind = SELECTED (self->optimizer_dropdown, PS_SETTING_OPTIMIZER);
  ps_optimizer_config_init (&out->train.optimizer, kind);
  out->train.optimizer.lr = gtk_spin_button_get_value (self->lr_spin);
  if (kind == PS_OPTIMIZER_MOMENTUM || kind == PS_OPTIMIZER_NESTEROV)
    out->train.optimizer.momentum = gtk_spin_button_get_value (self->momentum_spin);
  out->batch_mode = SELECTED (self->batch_dropdown, PS_SETTING_BATCH);
  out->mini_batch = (guint) gtk_spin_button_get_value_as_int (self->batch_size_spin);
  switch (out->batch_mode)
    {
    case PS_BATCH_ONLINE:
      out->train.batch_size = 1;
      break;
    case PS_BATCH_MINI:
      out->train.batch_size = out->mini_batch;
      break;
    case PS_BATCH_FULL:
    default:
      out->train.batch_size = 0;
      break;
    }
  out->train.epochs = (guint) gtk_spin_button_get_value_as_int (self->epochs_spin);
  out->train.val_split = gtk_spin_button_get_value (self->val_split_spin);
  out->train.seed = (guint64) gtk_spin_button_get_value (self->seed_spin);
  out->init = SELECTED (self->init_dropdown, PS_SETTING_INIT);
  out->scaling = SELECTED (self->scaling_dropdown, PS_SETTING_SCALING);
}

static void
sync_sensitivity (PsTrainingPanel *self)
{
  PsOptimizerKind kind = SELECTED (self->optimizer_dropdown, PS_SETTING_OPTIMIZER);
  PsBatchMode mode = SELECTED (self->batch_dropdown, PS_SETTING_BATCH);
  gboolean momentum = kind == PS_OPTIMIZER_MOMENTUM || kind == PS_OPTIMIZER_NESTEROV;
  gboolean idle = !self->running;

  gtk_widget_set_sensitive (self->momentum_label, momentum && idle);
  gtk_widget_set_sensitive (GTK_WIDGET (self->momentum_spin), momentum && idle);
  gtk_widget_set_sensitive (self->batch_size_label, mode == PS_BATCH_MINI && idle);
  gtk_widget_set_sensitive (GTK_WIDGET (self->batch_size_spin), mode == PS_BATCH_MINI && idle);

  gtk_widget_set_sensitive (GTK_WIDGET (self->loss_dropdown), idle);
  gtk_widget_set_sensitive (GTK_WIDGET (self->reduction_dropdown), idle);
  gtk_widget_set_sensitive (GTK_WIDGET (self->optimizer_dropdown), idle);
  gtk_widget_set_sensitive (GTK_WIDGET (self->batch_dropdown), idle);
  gtk_widget_set_sensitive (GTK_WIDGET (self->epochs_spin), idle);
  gtk_widget_set_sensitive (GTK_WIDGET (self->val_split_spin), idle);
  gtk_widget_set_sensitive (GTK_WIDGET (self->seed_spin), idle);
  gtk_widget_set_sensitive (GTK_WIDGET (self->init_dropdown), idle);
  gtk_widget_set_sensitive (GTK_WIDGET (self->scaling_dropdown), idle);

  gtk_widget_set_sensitive (self->train_button, idle);
  gtk_widget_set_sensitive (self->step_button, idle);
  gtk_widget_set_sensitive (self->pause_button, self->running);
}

/* What the panel shows is the user's intent: the session takes it (and
 * ignores values it already has). */
static void
report_settings (PsTrainingPanel *self)
{
  if (self->session != NULL)
    {
      PsTrainingSettings s;

      ps_training_panel_get_settings (self, &s);
      ps_session_set_settings (self->session, &s);
    }
  g_signal_emit (self, signals[SETTINGS_CHANGED], 0);
}

static void
on_setting_changed (PsTrainingPanel *self)
{
  sync_sensitivity (self);
  report_settings (self);
}

static void
on_lr_changed (PsTrainingPanel *self)
{
  if (self->session != NULL)
    {
      PsTrainingSettings s;

      ps_training_panel_get_settings (self, &s);
      ps_session_set_settings (self->session, &s);
    }
  g_signal_emit (self, signals[LEARNING_RATE_CHANGED], 0, gtk_spin_button_get_value (self->lr_spin));
}

/* "0.5", "0.001", "1e-05" rather than "0.50000". */
static gboolean
on_lr_output (GtkSpinButton *spin,
              gpointer       user_data)
{
  char buf[32];

  g_snprintf (buf, sizeof buf, "%g", gtk_spin_button_get_value (spin));
  if (g_strcmp0 (buf, gtk_editable_get_text (GTK_EDITABLE (spin))) != 0)
    gtk_editable_set_text (GTK_EDITABLE (spin), buf);
  return TRUE;
}

/* Values set from code (the session's, the remembered ones) are shown, not
 * reported back: the widgets' handlers are blocked while they change. */
static void
block_handlers (PsTrainingPanel *self,
                gboolean         block)
{
  GObject *widgets[] = {
    G_OBJECT (self->loss_dropdown), G_OBJECT (self->reduction_dropdown),
    G_OBJECT (self->optimizer_dropdown), G_OBJECT (self->batch_dropdown),
    G_OBJECT (self->init_dropdown), G_OBJECT (self->scaling_dropdown),
    G_OBJECT (self->momentum_spin), G_OBJECT (self->batch_size_spin),
    G_OBJECT (self->epochs_spin), G_OBJECT (self->val_split_spin),
    G_OBJECT (self->seed_spin),
  };

  for (guint i = 0; i < G_N_ELEMENTS (widgets); i++)
    if (block)
      g_signal_handlers_block_by_func (widgets[i], on_setting_changed, self);
    else
      g_signal_handlers_unblock_by_func (widgets[i], on_setting_changed, self);
  if (block)
    g_signal_handlers_block_by_func (self->lr_spin, on_lr_changed, self);
  else
    g_signal_handlers_unblock_by_func (self->lr_spin, on_lr_changed, self);
}

/**
 * ps_training_panel_set_settings:
 *
 * Shows @settings. "settings-changed" is emitted once, after all of them,
 * when what the panel shows changed: the window hands that to the session,
 * which ignores values it already has (so showing the session's own
 * settings comes back as nothing).
 */
void
ps_training_panel_set_settings (PsTrainingPanel          *self,
                                const PsTrainingSettings *s)
{
  PsTrainingSettings before, after;

  g_return_if_fail (PS_IS_TRAINING_PANEL (self));
  g_return_if_fail (s != NULL);

  ps_training_panel_get_settings (self, &before);
  block_handlers (self, TRUE);
  gtk_drop_down_set_selected (self->loss_dropdown, INDEX_OF (PS_SETTING_LOSS, s->train.loss));
  gtk_drop_down_set_selected (self->reduction_dropdown, INDEX_OF (PS_SETTING_REDUCTION, s->train.reduction));
  gtk_drop_down_set_selected (self->optimizer_dropdown, INDEX_OF (PS_SETTING_OPTIMIZER, s->train.optimizer.kind));
  gtk_spin_button_set_value (self->lr_spin, s->train.optimizer.lr);
  if (s->train.optimizer.kind == PS_OPTIMIZER_MOMENTUM || s->train.optimizer.kind == PS_OPTIMIZER_NESTEROV)
    gtk_spin_button_set_value (self->momentum_spin, s->train.optimizer.momentum);
  gtk_drop_down_set_selected (self->batch_dropdown, INDEX_OF (PS_SETTING_BATCH, s->batch_mode));
  if (s->mini_batch > 0)
    gtk_spin_button_set_value (self->batch_size_spin, s->mini_batch);
  gtk_spin_button_set_value (self->epochs_spin, s->train.epochs);
  gtk_spin_button_set_value (self->val_split_spin, s->train.val_split);
  gtk_spin_button_set_value (self->seed_spin, (double) s->train.seed);
  gtk_drop_down_set_selected (self->init_dropdown, INDEX_OF (PS_SETTING_INIT, s->init));
  gtk_drop_down_set_selected (self->scaling_dropdown, INDEX_OF (PS_SETTING_SCALING, s->scaling));
  block_handlers (self, FALSE);
  sync_sensitivity (self);
  ps_training_panel_get_settings (self, &after);
  if (!ps_training_settings_equal (&before, &after))
    report_settings (self);
}

/* GSettings: each widget is bound to its key (g_settings_bind); the
 * dropdowns through the names in PsTrainingSettings' tables. */
typedef struct
{
  const char      *key;
  PsSettingChoice  choice;
} ChoiceKey;

static const ChoiceKey choice_keys[] = {
  { "loss", PS_SETTING_LOSS },
  { "reduction", PS_SETTING_REDUCTION },
  { "optimizer", PS_SETTING_OPTIMIZER },
  { "batch-mode", PS_SETTING_BATCH },
  { "init", PS_SETTING_INIT },
  { "scaling", PS_SETTING_SCALING },
};

static gboolean
choice_get_mapping (GValue   *value,
                    GVariant *variant,
                    gpointer  user_data)
{
  const ChoiceKey *k = user_data;
  int v;

  /* an unknown name keeps what the dropdown shows */
  if (!ps_training_setting_from_name (k->choice, g_variant_get_string (variant, NULL), &v))
    return FALSE;
  g_value_set_uint (value, ps_training_setting_index (k->choice, v));
  return TRUE;
}

static GVariant *
choice_set_mapping (const GValue       *value,
                    const GVariantType *expected_type,
                    gpointer            user_data)
{
  const ChoiceKey *k = user_data;
  guint i = g_value_get_uint (value);

  if (i >= ps_training_setting_n_values (k->choice))
    return NULL;
  return g_variant_new_string (ps_training_setting_to_name (k->choice, ps_training_setting_value_at (k->choice, i)));
}

/* Spin buttons hold doubles; some keys are whole numbers. */
static gboolean
uint_get_mapping (GValue   *value,
                  GVariant *variant,
                  gpointer  user_data)
{
  g_value_set_double (value, g_variant_get_uint32 (variant));
  return TRUE;
}

static GVariant *
uint_set_mapping (const GValue       *value,
                  const GVariantType *expected_type,
                  gpointer            user_data)
{
  return g_variant_new_uint32 ((guint32) CLAMP (g_value_get_double (value), 0, G_MAXUINT32));
}

/**
 * ps_training_panel_bind_settings:
 *
 * Shows the remembered settings and remembers every later change (each
 * widget bound to its key). Emits "settings-changed" once when what the
 * panel shows changed.
 */
void
ps_training_panel_bind_settings (PsTrainingPanel *self,
                                 GSettings       *settings)
{
  PsTrainingSettings before, after;
  GtkDropDown *dropdowns[G_N_ELEMENTS (choice_keys)];
  struct { const char *key; GtkSpinButton *spin; gboolean whole; } spins[] = {
    { "learning-rate", self->lr_spin, FALSE },
    { "momentum", self->momentum_spin, FALSE },
    { "batch-size", self->batch_size_spin, TRUE },
    { "epochs", self->epochs_spin, TRUE },
    { "validation-split", self->val_split_spin, FALSE },
    { "seed", self->seed_spin, TRUE },
  };

  g_return_if_fail (PS_IS_TRAINING_PANEL (self));
  g_return_if_fail (G_IS_SETTINGS (settings));

  g_set_object (&self->settings, settings);
  dropdowns[0] = self->loss_dropdown;
  dropdowns[1] = self->reduction_dropdown;
  dropdowns[2] = self->optimizer_dropdown;
  dropdowns[3] = self->batch_dropdown;
  dropdowns[4] = self->init_dropdown;
  dropdowns[5] = self->scaling_dropdown;

  ps_training_panel_get_settings (self, &before);
  /* one report for all the values the bindings load */
  block_handlers (self, TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (choice_keys); i++)
    g_settings_bind_with_mapping (settings, choice_keys[i].key, dropdowns[i], "selected",
                                  G_SETTINGS_BIND_DEFAULT, choice_get_mapping, choice_set_mapping,
                                  (gpointer) &choice_keys[i], NULL);
  for (guint i = 0; i < G_N_ELEMENTS (spins); i++)
    if (spins[i].whole)
      g_settings_bind_with_mapping (settings, spins[i].key, spins[i].spin, "value",
                                    G_SETTINGS_BIND_DEFAULT, uint_get_mapping, uint_set_mapping,
                                    NULL, NULL);
    else
      g_settings_bind (settings, spins[i].key, spins[i].spin, "value", G_SETTINGS_BIND_DEFAULT);
  block_handlers (self, FALSE);
  sync_sensitivity (self);
  ps_training_panel_get_settings (self, &after);
  if (!ps_training_settings_equal (&before, &after))
    report_settings (self);
}

/**
 * ps_training_panel_set_running:
 *
 * While running only Pause and the learning rate stay active.
 */
void
ps_training_panel_set_running (PsTrainingPanel *self,
                               gboolean         running)
{
  g_return_if_fail (PS_IS_TRAINING_PANEL (self));

  self->running = !!running;
  sync_sensitivity (self);
}

static char *
format_rate (double samples_per_second)
{
  if (samples_per_second >= 1e6)
    return g_strdup_printf (_("%.2f M samples/s"), samples_per_second / 1e6);
  if (samples_per_second >= 1e4)
    return g_strdup_printf (_("%.0f k samples/s"), samples_per_second / 1e3);
  return g_strdup_printf (_("%.0f samples/s"), samples_per_second);
}

/* 0.2500, 0.0123, 3.4e-05, and 5.7e+69 for a diverged loss (never 70
 * digits that widen the panel): the plots' shared number format */
static char *
format_loss (double loss)
{
  char buf[32];

  return g_strdup (ps_plot_format_number (loss, 4, 3, buf, sizeof buf));
}

/**
 * ps_training_panel_set_epoch:
 *
 * The epoch counter and the progress bar only ("Epoch 12 / 1000").
 */
void
ps_training_panel_set_epoch (PsTrainingPanel *self,
                             guint            epoch,
                             guint            total_epochs)
{
  g_autofree char *text = NULL;

  g_return_if_fail (PS_IS_TRAINING_PANEL (self));

  if (total_epochs > 0)
    text = g_strdup_printf (_("Epoch %u / %u"), epoch, total_epochs);
  else
    text = g_strdup_printf (_("Epoch %u"), epoch);
  if (g_strcmp0 (text, self->epoch_text) != 0)
    {
      g_free (self->epoch_text);
      self->epoch_text = g_steal_pointer (&text);
      gtk_label_set_text (self->epoch_label, self->epoch_text);
    }
  gtk_progress_bar_set_fraction (self->progress_bar,
                                 total_epochs > 0 ? MIN (1.0, (double) epoch / total_epochs) : 0.0);
}

/**
 * ps_training_panel_set_progress:
 * @metrics: (nullable): the last finished epoch's metrics
 */
void
ps_training_panel_set_progress (PsTrainingPanel      *self,
                                guint                 epoch,
                                guint                 total_epochs,
                                const PsEpochMetrics *metrics)
{
  GString *status;

  g_return_if_fail (PS_IS_TRAINING_PANEL (self));

  ps_training_panel_set_epoch (self, epoch, total_epochs);

  if (metrics == NULL)
    {
      ps_training_panel_set_status (self, _("Not trained yet"));
      return;
    }

  status = g_string_new (NULL);
  {
    g_autofree char *loss = format_loss (metrics->loss);

    g_string_append_printf (status, _("loss %s · accuracy %.1f %%"), loss, 100.0 * metrics->accuracy);
  }
  if (metrics->has_val)
    {
      g_autofree char *loss = format_loss (metrics->val_loss);

      g_string_append_printf (status, _(" · val. loss %s · val. accuracy %.1f %%"),
                              loss, 100.0 * metrics->val_accuracy);
    }
  if (metrics->samples_per_second > 0)
    {
      g_autofree char *rate = format_rate (metrics->samples_per_second);
      g_string_append_printf (status, " · %s", rate);
    }
  ps_training_panel_set_status (self, status->str);
  g_string_free (status, TRUE);
}

void
ps_training_panel_set_status (PsTrainingPanel *self,
                              const char      *text)
{
  g_return_if_fail (PS_IS_TRAINING_PANEL (self));

  if (g_strcmp0 (self->status, text) == 0)
    return;
  g_free (self->status);
  self->status = g_strdup (text);
  gtk_label_set_text (self->status_label, text != NULL ? text : "");
}

const char *
ps_training_panel_get_status (PsTrainingPanel *self)
{
  g_return_val_if_fail (PS_IS_TRAINING_PANEL (self), NULL);

  return self->status;
}

const char *
ps_training_panel_get_epoch_text (PsTrainingPanel *self)
{
  g_return_val_if_fail (PS_IS_TRAINING_PANEL (self), NULL);

  return gtk_label_get_text (self->epoch_label);
}

/* ---- buttons ---------------------------------------------------------------------- */

static void
on_train_clicked (PsTrainingPanel *self)
{
  g_signal_emit (self, signals[TRAIN], 0);
}

static void
on_pause_clicked (PsTrainingPanel *self)
{
  g_signal_emit (self, signals[PAUSE], 0);
}

static void
on_step_clicked (PsTrainingPanel *self)
{
  g_signal_emit (self, signals[STEP], 0);
}

static void
on_explain_clicked (PsTrainingPanel *self)
{
  g_signal_emit (self, signals[EXPLAIN], 0);
}

static void
on_reset_clicked (PsTrainingPanel *self)
{
  g_signal_emit (self, signals[RESET], 0);
}

/* ---- the session ---------------------------------------------------------------- */

static void
on_session_settings (PsTrainingPanel *self)
{
  PsTrainingSettings s;

  ps_session_get_settings (self->session, &s);
  ps_training_panel_set_settings (self, &s);
}

/* The Speed scale is log10 of epochs a second, 1 to 10⁴; its right end
 * (PS_SPEED_SCALE_MAX) is Max. */
#define PS_SPEED_SCALE_MAX 4.0

static double
speed_from_position (double position)
{
  return position >= PS_SPEED_SCALE_MAX - 1e-9 ? PS_SESSION_SPEED_MAX : pow (10.0, position);
}

static double
position_from_speed (double speed)
{
  return speed <= 0 ? PS_SPEED_SCALE_MAX : CLAMP (log10 (speed), 0, PS_SPEED_SCALE_MAX - 0.05);
}

static void
show_speed (PsTrainingPanel *self,
            double           speed)
{
  g_autofree char *text = NULL;

  if (speed <= 0)
    text = g_strdup (C_("speed", "Max"));
  else
    /* TRANSLATORS: the training pace */
    text = g_strdup_printf (_("%.3g epochs/s"), speed);
  gtk_label_set_text (self->speed_label, text);
}

static void
on_speed_changed (PsTrainingPanel *self)
{
  double speed = speed_from_position (gtk_adjustment_get_value (self->speed_adjustment));

  show_speed (self, speed);
  if (self->session != NULL)
    ps_session_set_speed (self->session, speed);
}

/* The session's pace (a new dataset sets its own): the scale follows,
 * unless it already shows that pace (its position rounds). */
static void
on_session_speed (PsTrainingPanel *self)
{
  double speed = ps_session_get_speed (self->session);
  double position = position_from_speed (speed);

  if (fabs (gtk_adjustment_get_value (self->speed_adjustment) - position) > 1e-6 &&
      fabs (speed_from_position (gtk_adjustment_get_value (self->speed_adjustment)) - speed) > 1e-6 * speed)
    gtk_adjustment_set_value (self->speed_adjustment, position);
  show_speed (self, speed);
}

static void
on_session_running (PsTrainingPanel *self)
{
  ps_training_panel_set_running (self, ps_session_is_running (self->session));
}

/**
 * ps_training_panel_set_session:
 *
 * Makes the panel a view of @session: it shows the session's settings and
 * run state, and sets the settings when they are edited. The panel's own
 * settings (remembered ones, say) go to the session at once.
 */
void
ps_training_panel_set_session (PsTrainingPanel *self,
                               PsSession       *session)
{
  PsTrainingSettings s;

  g_return_if_fail (PS_IS_TRAINING_PANEL (self));
  g_return_if_fail (PS_IS_SESSION (session));

  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_set_object (&self->session, session);
  g_signal_connect_object (session, "notify::settings", G_CALLBACK (on_session_settings), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "notify::running", G_CALLBACK (on_session_running), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "notify::speed", G_CALLBACK (on_session_speed), self, G_CONNECT_SWAPPED);
  on_session_speed (self);
  ps_training_panel_get_settings (self, &s);
  ps_session_set_settings (session, &s);
  on_session_settings (self);
  on_session_running (self);
}

static void
ps_training_panel_dispose (GObject *object)
{
  PsTrainingPanel *self = PS_TRAINING_PANEL (object);

  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_clear_object (&self->session);

  g_clear_object (&self->settings);
  gtk_widget_dispose_template (GTK_WIDGET (self), PS_TYPE_TRAINING_PANEL);

  G_OBJECT_CLASS (ps_training_panel_parent_class)->dispose (object);
}

static void
ps_training_panel_finalize (GObject *object)
{
  PsTrainingPanel *self = PS_TRAINING_PANEL (object);

  g_free (self->status);
  g_free (self->epoch_text);

  G_OBJECT_CLASS (ps_training_panel_parent_class)->finalize (object);
}

static void
ps_training_panel_class_init (PsTrainingPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ps_training_panel_dispose;
  object_class->finalize = ps_training_panel_finalize;

  signals[TRAIN] = g_signal_new ("train", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[PAUSE] = g_signal_new ("pause", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[STEP] = g_signal_new ("step", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[RESET] = g_signal_new ("reset", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[EXPLAIN] = g_signal_new ("explain", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[LEARNING_RATE_CHANGED] =
    g_signal_new ("learning-rate-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_DOUBLE);
  signals[SETTINGS_CHANGED] =
    g_signal_new ("settings-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               PS_RESOURCE_BASE "/ps-training-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, PsTrainingPanel, box);
  gtk_widget_class_bind_template_child (widget_class, PsTrainingPanel, train_button);
  gtk_widget_class_bind_template_child (widget_class, PsTrainingPanel, pause_button);
  gtk_widget_class_bind_template_child (widget_class, PsTrainingPanel, step_button);
  gtk_widget_class_bind_template_child (widget_class, PsTrainingPanel, reset_button);
  gtk_widget_class_bind_template_child (widget_class, PsTrainingPanel, epoch_label);
  gtk_widget_class_bind_template_child (widget_class, PsTrainingPanel, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, PsTrainingPanel, status_label);
  gtk_widget_class_bind_template_child (widget_class, PsTrainingPanel, grid);
  gtk_widget_class_bind_template_child (widget_class, PsTrainingPanel, loss_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PsTrainingPanel, reduction_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PsTrainingPanel, optimizer_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PsTrainingPanel, lr_spin);
  gtk_widget_class_bind_template_child (widget_class, PsTrainingPanel, momentum_label);
  gtk_widget_class_bind_template_child (widget_class, PsTrainingPanel, momentum_spin);
  gtk_widget_class_bind_template_child (widget_class, PsTrainingPanel, batch_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PsTrainingPanel, batch_size_label);
  gtk_widget_class_bind_template_child (widget_class, PsTrainingPanel, batch_size_spin);
  gtk_widget_class_bind_template_child (widget_class, PsTrainingPanel, epochs_spin);
  gtk_widget_class_bind_template_child (widget_class, PsTrainingPanel, val_split_spin);
  gtk_widget_class_bind_template_child (widget_class, PsTrainingPanel, seed_spin);
  gtk_widget_class_bind_template_child (widget_class, PsTrainingPanel, init_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PsTrainingPanel, scaling_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PsTrainingPanel, speed_adjustment);
  gtk_widget_class_bind_template_child (widget_class, PsTrainingPanel, speed_label);
  gtk_widget_class_bind_template_callback (widget_class, on_speed_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_explain_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_train_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_pause_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_step_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_reset_clicked);
}

/* The engine's choices, labels and order alike, come from core's one table
 * per enum: the CLI, the files and this panel cannot disagree. */
static void
fill_enum_dropdown (GtkDropDown *dropdown,
                    PsEnumKind   kind)
{
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);
  guint n = ps_enum_n_values (kind);

  for (guint i = 0; i < n; i++)
    gtk_string_list_append (model, ps_enum_label (kind, ps_enum_value_at (kind, i)));
  gtk_drop_down_set_model (dropdown, G_LIST_MODEL (model));
}

static void
ps_training_panel_init (PsTrainingPanel *self)
{
  PsTrainingSettings defaults;
  GtkDropDown *dropdowns[6];
  GtkSpinButton *spins[6];

  gtk_widget_init_template (GTK_WIDGET (self));
  fill_enum_dropdown (self->loss_dropdown, PS_ENUM_LOSS);
  fill_enum_dropdown (self->reduction_dropdown, PS_ENUM_REDUCTION);
  fill_enum_dropdown (self->optimizer_dropdown, PS_ENUM_OPTIMIZER);
  fill_enum_dropdown (self->init_dropdown, PS_ENUM_INIT);
  fill_enum_dropdown (self->scaling_dropdown, PS_ENUM_SCALING);

  ps_training_panel_settings_init (&defaults);
  ps_training_panel_set_settings (self, &defaults);

  dropdowns[0] = self->loss_dropdown;
  dropdowns[1] = self->reduction_dropdown;
  dropdowns[2] = self->optimizer_dropdown;
  dropdowns[3] = self->batch_dropdown;
  dropdowns[4] = self->init_dropdown;
  dropdowns[5] = self->scaling_dropdown;
  for (guint i = 0; i < G_N_ELEMENTS (dropdowns); i++)
    g_signal_connect_swapped (dropdowns[i], "notify::selected", G_CALLBACK (on_setting_changed), self);

  spins[0] = self->momentum_spin;
  spins[1] = self->batch_size_spin;
  spins[2] = self->epochs_spin;
  spins[3] = self->val_split_spin;
  spins[4] = self->seed_spin;
  spins[5] = NULL;
  for (guint i = 0; spins[i] != NULL; i++)
    g_signal_connect_swapped (spins[i], "value-changed", G_CALLBACK (on_setting_changed), self);

  g_signal_connect_swapped (self->lr_spin, "value-changed", G_CALLBACK (on_lr_changed), self);
  g_signal_connect (self->lr_spin, "output", G_CALLBACK (on_lr_output), NULL);
  on_lr_output (self->lr_spin, NULL);

  ps_training_panel_set_progress (self, 0, 0, NULL);
  sync_sensitivity (self);
}
