/* ps-explain-dialog.c: the numbers of one update, and Apply
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A view of the session like the others: it reads the model the views show
 * through ps_session_explain() and writes nothing but Apply's update. It
 * recomputes on the session's "snapshot" and settings; while a run trains
 * the snapshots come far faster than anyone reads numbers, so those
 * recomputations are throttled (REFRESH_INTERVAL).
 */
#include "config.h"

#include "ps-explain-dialog.h"

#include <glib/gi18n.h>

/* µs between recomputations while a run trains: ~4 a second */
#define REFRESH_INTERVAL (250 * G_TIME_SPAN_MILLISECOND)

/* Datasets with at most this many samples get the truth-table dropdown. */
#define MAX_TABLE_ROWS 16

struct _PsExplainDialog
{
  GtkWindow       parent_instance;

  GtkSpinButton  *sample_spin;
  GtkAdjustment  *sample_adjustment;
  GtkDropDown    *row_dropdown;
  GtkToggleButton *full_toggle;
  GtkButton      *apply_button;
  GtkLabel       *status_label;
  GtkTextView    *text_view;

  PsSession      *session;        /* (owned) */
  PsExplain      *explain;        /* what the text shows, or NULL */
  PsDataset      *rows_of;        /* (unowned, compared only) the set the rows list */
  gint64          last_refresh;   /* monotonic µs */
  guint           refresh_id;     /* a throttled recomputation pending */
  guint           syncing : 1;    /* spin and dropdown being set from each other */
};

G_DEFINE_FINAL_TYPE (PsExplainDialog, ps_explain_dialog, GTK_TYPE_WINDOW)

static void
set_status (PsExplainDialog *self,
            const char      *text,
            gboolean         is_error)
{
  gtk_label_set_text (self->status_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), text != NULL && *text != '\0');
  if (is_error)
    gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "error");
}

static void
update_sensitivity (PsExplainDialog *self)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->apply_button),
                            self->explain != NULL && !ps_session_is_running (self->session));
}

/* "0 1 → 1": the raw inputs and the label of sample i. */
static char *
row_text (const PsDataset *data,
          gsize            i)
{
  GString *s = g_string_new (NULL);
  const char *const *names = (const char *const *) ps_dataset_get_class_names (data);
  guint32 label = ps_dataset_get_labels (data)[i];

  for (gsize j = 0; j < ps_dataset_get_n_features (data); j++)
    {
      char buf[G_ASCII_DTOSTR_BUF_SIZE];

      g_string_append_printf (s, "%s%s", j > 0 ? " " : "",
                              g_ascii_formatd (buf, sizeof buf, "%g", ps_dataset_get_raw (data, i, j)));
    }
  /* the gates' classes are named "0", "1": the notebook's t */
  if (names != NULL && label < g_strv_length ((char **) names))
    g_string_append_printf (s, " → %s", names[label]);
  else
    g_string_append_printf (s, " → %u", label);
  return g_string_free (s, FALSE);
}

/* The spin's range and the dropdown's rows follow the training set. */
static void
update_dataset (PsExplainDialog *self)
{
  PsDataset *train = ps_session_get_train (self->session);
  gsize n = train != NULL ? ps_dataset_get_n_samples (train) : 0;
  g_autoptr(GtkStringList) rows = NULL;

  if (train == self->rows_of && self->rows_of != NULL)
    return;
  self->rows_of = train;

  self->syncing = TRUE;
  gtk_adjustment_set_upper (self->sample_adjustment, n > 0 ? (double) (n - 1) : 0.0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->sample_spin), n > 0);
  if (n > 0 && n <= MAX_TABLE_ROWS)
    {
      rows = gtk_string_list_new (NULL);
      for (gsize i = 0; i < n; i++)
        {
          g_autofree char *text = row_text (train, i);

          gtk_string_list_append (rows, text);
        }
    }
  gtk_drop_down_set_model (self->row_dropdown, G_LIST_MODEL (rows));
  gtk_widget_set_visible (GTK_WIDGET (self->row_dropdown), rows != NULL);
  if (rows != NULL)
    gtk_drop_down_set_selected (self->row_dropdown,
                                (guint) gtk_spin_button_get_value_as_int (self->sample_spin));
  self->syncing = FALSE;
}

/* Recomputes the update and shows it. */
static void
refresh (PsExplainDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  guint index;

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  self->last_refresh = g_get_monotonic_time ();
  update_dataset (self);

  index = (guint) gtk_spin_button_get_value_as_int (self->sample_spin);
  g_clear_pointer (&self->explain, ps_explain_free);
  self->explain = ps_session_explain (self->session, index, &error);
  if (self->explain == NULL)
    {
      set_status (self, error->message, TRUE);
      text = g_strdup ("");
    }
  else
    {
      if (gtk_widget_has_css_class (GTK_WIDGET (self->status_label), "error"))
        set_status (self, NULL, FALSE);
      text = ps_explain_to_text (self->explain,
                                 gtk_toggle_button_get_active (self->full_toggle) ? 0 : 10);
    }
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->text_view), text, -1);
  update_sensitivity (self);
}

static gboolean
refresh_timeout (gpointer user_data)
{
  PsExplainDialog *self = user_data;

  self->refresh_id = 0;
  refresh (self);
  return G_SOURCE_REMOVE;
}

/* A recomputation the session asked for: at once, unless a run trains and
 * the last one is recent; then once, when the interval is over. Hidden, the
 * dialog waits until it is shown. */
static void
queue_refresh (PsExplainDialog *self)
{
  gint64 wait;

  if (!gtk_widget_get_visible (GTK_WIDGET (self)))
    return;
  wait = self->last_refresh + REFRESH_INTERVAL - g_get_monotonic_time ();
  if (!ps_session_is_running (self->session) || wait <= 0)
    {
      refresh (self);
      return;
    }
  if (self->refresh_id == 0)
    self->refresh_id = g_timeout_add ((guint) (wait / 1000) + 1, refresh_timeout, self);
}

static void
on_session_snapshot (PsSession  *session,
                     PsSnapshot *snapshot,
                     gpointer    user_data)
{
  queue_refresh (user_data);
}

static void
on_session_changed (GObject    *session,
                    GParamSpec *pspec,
                    gpointer    user_data)
{
  queue_refresh (user_data);
}

static void
on_running_changed (GObject    *session,
                    GParamSpec *pspec,
                    gpointer    user_data)
{
  PsExplainDialog *self = user_data;

  update_sensitivity (self);
  /* a run that stopped: its last weights, exactly */
  if (!ps_session_is_running (self->session))
    queue_refresh (self);
}

static void
on_sample_changed (PsExplainDialog *self)
{
  if (self->syncing)
    return;
  self->syncing = TRUE;
  if (gtk_widget_get_visible (GTK_WIDGET (self->row_dropdown)))
    gtk_drop_down_set_selected (self->row_dropdown,
                                (guint) gtk_spin_button_get_value_as_int (self->sample_spin));
  self->syncing = FALSE;
  set_status (self, NULL, FALSE);
  refresh (self);
}

static void
on_row_selected (PsExplainDialog *self)
{
  guint row = gtk_drop_down_get_selected (self->row_dropdown);

  if (self->syncing || row == GTK_INVALID_LIST_POSITION)
    return;
  /* value-changed follows, and recomputes */
  gtk_spin_button_set_value (self->sample_spin, row);
}

static void
on_full_toggled (PsExplainDialog *self)
{
  refresh (self);
}

static void
on_apply_clicked (PsExplainDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL, *after = NULL, *message = NULL;
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (self->explain == NULL)
    return;
  if (!ps_session_apply_update (self->session, self->explain, &error))
    {
      set_status (self, error->message, TRUE);
      return;
    }
  before = g_strdup (g_ascii_formatd (buf, sizeof buf, "%.6g", self->explain->loss_before));
  after = g_strdup (g_ascii_formatd (buf, sizeof buf, "%.6g", self->explain->loss_after));
  /* what changed, before the text moves on to the next update */
  message = g_strdup_printf (_("Applied the update of sample %u: the weights are now the new weights "
                               "shown before; its loss went from %s to %s. Below: the next update "
                               "from the new weights."),
                             (guint) self->explain->sample, before, after);
  refresh (self);
  set_status (self, message, FALSE);
}

static void
ps_explain_dialog_show (GtkWidget *widget)
{
  PsExplainDialog *self = PS_EXPLAIN_DIALOG (widget);

  GTK_WIDGET_CLASS (ps_explain_dialog_parent_class)->show (widget);
  /* hidden, it did not follow the session */
  refresh (self);
}

static void
ps_explain_dialog_dispose (GObject *object)
{
  PsExplainDialog *self = PS_EXPLAIN_DIALOG (object);

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_clear_object (&self->session);
  g_clear_pointer (&self->explain, ps_explain_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), PS_TYPE_EXPLAIN_DIALOG);
  G_OBJECT_CLASS (ps_explain_dialog_parent_class)->dispose (object);
}

static void
ps_explain_dialog_class_init (PsExplainDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ps_explain_dialog_dispose;
  widget_class->show = ps_explain_dialog_show;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               PS_RESOURCE_BASE "/ps-explain-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PsExplainDialog, sample_spin);
  gtk_widget_class_bind_template_child (widget_class, PsExplainDialog, sample_adjustment);
  gtk_widget_class_bind_template_child (widget_class, PsExplainDialog, row_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PsExplainDialog, full_toggle);
  gtk_widget_class_bind_template_child (widget_class, PsExplainDialog, apply_button);
  gtk_widget_class_bind_template_child (widget_class, PsExplainDialog, status_label);
  gtk_widget_class_bind_template_child (widget_class, PsExplainDialog, text_view);
  gtk_widget_class_bind_template_callback (widget_class, on_sample_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_row_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_full_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_apply_clicked);
}

static void
ps_explain_dialog_init (PsExplainDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
ps_explain_dialog_new (PsSession *session,
                       GtkWindow *parent)
{
  PsExplainDialog *self;

  g_return_val_if_fail (PS_IS_SESSION (session), NULL);
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  self = g_object_new (PS_TYPE_EXPLAIN_DIALOG, "transient-for", parent, NULL);
  if (parent != NULL && gtk_window_get_application (parent) != NULL)
    gtk_window_set_application (GTK_WINDOW (self), gtk_window_get_application (parent));
  self->session = g_object_ref (session);
  g_signal_connect (session, "snapshot", G_CALLBACK (on_session_snapshot), self);
  g_signal_connect (session, "notify::settings", G_CALLBACK (on_session_changed), self);
  g_signal_connect (session, "notify::view-epoch", G_CALLBACK (on_session_changed), self);
  g_signal_connect (session, "notify::model", G_CALLBACK (on_session_changed), self);
  g_signal_connect (session, "notify::train", G_CALLBACK (on_session_changed), self);
  g_signal_connect (session, "notify::running", G_CALLBACK (on_running_changed), self);
  update_dataset (self);
  return GTK_WIDGET (self);
}

void
ps_explain_dialog_set_sample (PsExplainDialog *self,
                              guint            index)
{
  g_return_if_fail (PS_IS_EXPLAIN_DIALOG (self));

  update_dataset (self);
  if ((guint) gtk_spin_button_get_value_as_int (self->sample_spin) == index)
    refresh (self);
  else
    gtk_spin_button_set_value (self->sample_spin, index);   /* recomputes */
}

guint
ps_explain_dialog_get_sample (PsExplainDialog *self)
{
  g_return_val_if_fail (PS_IS_EXPLAIN_DIALOG (self), 0);

  return (guint) gtk_spin_button_get_value_as_int (self->sample_spin);
}

char *
ps_explain_dialog_dup_text (PsExplainDialog *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  g_return_val_if_fail (PS_IS_EXPLAIN_DIALOG (self), NULL);

  buffer = gtk_text_view_get_buffer (self->text_view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}
