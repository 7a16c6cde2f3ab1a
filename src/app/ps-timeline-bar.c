/* ps-timeline-bar.c: the run's timeline under the views
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The scale's range is 0 to the newest epoch of the run; at its right end
 * the views are live. Moving it sets the session's "view-epoch", which
 * snaps to the checkpoint recorded at or before that epoch and comes back
 * as a notification: the scale shows what the views show. Setting the value
 * the session already has does nothing, so no echo guard is needed.
 */
#include "config.h"

#include "ps-timeline-bar.h"

#include <glib/gi18n.h>

struct _PsTimelineBar
{
  GtkWidget      parent_instance;

  GtkWidget     *box;
  GtkButton     *play_button;
  GtkScale      *scale;
  GtkAdjustment *adjustment;
  GtkLabel      *epoch_label;
  GtkButton     *from_here_button;

  PsSession     *session;
};

G_DEFINE_FINAL_TYPE (PsTimelineBar, ps_timeline_bar, GTK_TYPE_WIDGET)

enum {
  ERROR,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

GtkWidget *
ps_timeline_bar_new (void)
{
  return g_object_new (PS_TYPE_TIMELINE_BAR, NULL);
}

/* The newest epoch of the run (the live state's). */
static guint
live_epoch (PsTimelineBar *self)
{
  PsSnapshot *live = ps_session_get_snapshot (self->session);

  return live != NULL ? live->epoch : 0;
}

static void
sync_controls (PsTimelineBar *self)
{
  gboolean running = ps_session_is_running (self->session);
  gboolean playing = ps_session_is_playing (self->session);
  int view = ps_session_get_view_epoch (self->session);
  guint last = live_epoch (self);
  g_autofree char *text = NULL;

  gtk_adjustment_configure (self->adjustment,
                            view >= 0 ? (double) view : (double) last,
                            0, last, 1, MAX (1, last / 20), 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->scale), last > 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->play_button), !running && last > 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->from_here_button), !running && view >= 0);
  gtk_button_set_icon_name (self->play_button,
                            playing ? "media-playback-pause-symbolic" : "media-playback-start-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->play_button),
                               playing ? _("Stop the replay here") : _("Replay the recorded run at the chosen speed"));

  if (view >= 0)
    /* TRANSLATORS: the epoch the views show, of the run's epochs */
    text = g_strdup_printf (_("Epoch %d of %u"), view, last);
  else
    text = g_strdup_printf (_("Epoch %u"), last);
  gtk_label_set_text (self->epoch_label, text);
}

static void
on_scale_changed (PsTimelineBar *self)
{
  double value;

  if (self->session == NULL)
    return;
  value = gtk_adjustment_get_value (self->adjustment);
  ps_session_set_view_epoch (self->session, value >= live_epoch (self) ? -1 : (int) (value + 0.5));
}

static void
on_play_clicked (PsTimelineBar *self)
{
  if (self->session == NULL)
    return;
  if (ps_session_is_playing (self->session))
    ps_session_stop_playing (self->session);
  else
    ps_session_play (self->session);
}

static void
on_from_here_clicked (PsTimelineBar *self)
{
  g_autoptr(GError) error = NULL;

  if (self->session == NULL)
    return;
  if (!ps_session_train_from_here (self->session, &error))
    g_signal_emit (self, signals[ERROR], 0, error->message);
}

/**
 * ps_timeline_bar_set_session:
 * @session: (transfer none): the document; the bar holds a reference
 */
void
ps_timeline_bar_set_session (PsTimelineBar *self,
                             PsSession     *session)
{
  g_return_if_fail (PS_IS_TIMELINE_BAR (self));
  g_return_if_fail (PS_IS_SESSION (session));
  g_return_if_fail (self->session == NULL);

  self->session = g_object_ref (session);
  g_signal_connect_object (session, "snapshot", G_CALLBACK (sync_controls), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "notify::view-epoch", G_CALLBACK (sync_controls), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "notify::playing", G_CALLBACK (sync_controls), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "notify::running", G_CALLBACK (sync_controls), self, G_CONNECT_SWAPPED);
  sync_controls (self);
}

static void
ps_timeline_bar_dispose (GObject *object)
{
  PsTimelineBar *self = PS_TIMELINE_BAR (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), PS_TYPE_TIMELINE_BAR);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (ps_timeline_bar_parent_class)->dispose (object);
}

static void
ps_timeline_bar_class_init (PsTimelineBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ps_timeline_bar_dispose;

  /**
   * PsTimelineBar::error:
   * @message: a sentence for the banner
   */
  signals[ERROR] =
    g_signal_new ("error", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, PS_RESOURCE_BASE "/ps-timeline-bar.ui");
  gtk_widget_class_bind_template_child (widget_class, PsTimelineBar, box);
  gtk_widget_class_bind_template_child (widget_class, PsTimelineBar, play_button);
  gtk_widget_class_bind_template_child (widget_class, PsTimelineBar, scale);
  gtk_widget_class_bind_template_child (widget_class, PsTimelineBar, adjustment);
  gtk_widget_class_bind_template_child (widget_class, PsTimelineBar, epoch_label);
  gtk_widget_class_bind_template_child (widget_class, PsTimelineBar, from_here_button);
  gtk_widget_class_bind_template_callback (widget_class, on_scale_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_play_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_from_here_clicked);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
ps_timeline_bar_init (PsTimelineBar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
