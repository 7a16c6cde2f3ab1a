/* ps-runs-panel.c: the session's runs, to tick, compare and delete
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A list bound to ps_session_get_runs(): each row is a check button "Run
 * N" bound to the run's "shown" (the Curves view overlays the ticked
 * runs), what differs from the run before, the run's epochs and last
 * metrics, and a delete button. Deleting asks nothing: a banner "Run N
 * deleted" with Undo stays a while. Activating a row makes its run the
 * current one.
 */
#include "config.h"

#include "ps-runs-panel.h"

#include <glib/gi18n.h>

/* How long the Undo banner stays. */
#define UNDO_SECONDS 10

struct _PsRunsPanel
{
  GtkWidget    parent_instance;

  GtkWidget   *box;
  GtkListBox  *list;
  GtkRevealer *undo_revealer;
  GtkLabel    *undo_label;

  PsSession   *session;
  guint        undo_timeout;
};

G_DEFINE_FINAL_TYPE (PsRunsPanel, ps_runs_panel, GTK_TYPE_WIDGET)

enum {
  ERROR,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

#define ROW_RUN_KEY "ps-run"

GtkWidget *
ps_runs_panel_new (void)
{
  return g_object_new (PS_TYPE_RUNS_PANEL, NULL);
}

/* "40 epochs · loss 0.0123 · accuracy 1", or "not trained yet" */
static void
update_summary (GtkLabel *label,
                PsRun    *run)
{
  guint n = 0;
  const PsEpochMetrics *history = ps_run_get_history (run, &n);
  g_autofree char *text = NULL;

  if (n == 0)
    text = g_strdup (_("not trained yet"));
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u epoch · loss %.4g · accuracy %.3g",
                                         "%u epochs · loss %.4g · accuracy %.3g", n),
                            n, history[n - 1].loss, history[n - 1].accuracy);
  gtk_label_set_text (label, text);
}

static void
on_run_n_epochs (PsRun      *run,
                 GParamSpec *pspec,
                 GtkLabel   *label)
{
  update_summary (label, run);
}

static void
hide_undo (PsRunsPanel *self)
{
  g_clear_handle_id (&self->undo_timeout, g_source_remove);
  gtk_revealer_set_reveal_child (self->undo_revealer, FALSE);
}

static gboolean
undo_timeout_cb (gpointer data)
{
  PsRunsPanel *self = data;

  self->undo_timeout = 0;
  gtk_revealer_set_reveal_child (self->undo_revealer, FALSE);
  return G_SOURCE_REMOVE;
}

static void
on_delete_clicked (GtkButton   *button,
                   PsRunsPanel *self)
{
  PsRun *run = g_object_get_data (G_OBJECT (button), ROW_RUN_KEY);
  g_autofree char *text = NULL;
  guint number;

  if (self->session == NULL || run == NULL)
    return;
  number = ps_run_get_number (run);
  if (!ps_session_delete_run (self->session, run))
    return;
  /* no question asked: the banner offers Undo instead */
  text = g_strdup_printf (_("Run %u deleted"), number);
  gtk_label_set_text (self->undo_label, text);
  gtk_revealer_set_reveal_child (self->undo_revealer, TRUE);
  g_clear_handle_id (&self->undo_timeout, g_source_remove);
  self->undo_timeout = g_timeout_add_seconds (UNDO_SECONDS, undo_timeout_cb, self);
}

static void
on_undo_clicked (PsRunsPanel *self)
{
  if (self->session != NULL)
    ps_session_undo_delete_run (self->session);
  hide_undo (self);
}

static void
on_row_activated (PsRunsPanel   *self,
                  GtkListBoxRow *row)
{
  PsRun *run = g_object_get_data (G_OBJECT (row), ROW_RUN_KEY);
  g_autoptr(GError) error = NULL;

  if (self->session == NULL || run == NULL)
    return;
  if (!ps_session_select_run (self->session, run, &error))
    g_signal_emit (self, signals[ERROR], 0, error->message);
}

/* The current run (the one the model belongs to) says so in its title. */
static void
mark_current (PsRunsPanel *self)
{
  PsRun *current = self->session != NULL ? ps_session_get_current_run (self->session) : NULL;

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->list));
       row != NULL; row = gtk_widget_get_next_sibling (row))
    {
      PsRun *run = g_object_get_data (G_OBJECT (row), ROW_RUN_KEY);

      if (GTK_IS_LIST_BOX_ROW (row) && run != NULL)
        {
          GtkWidget *check = g_object_get_data (G_OBJECT (row), "ps-check");
          g_autofree char *title = ps_run_dup_title (run);
          g_autofree char *markup = NULL;

          /* Translators: the current run in the Runs list */
          markup = run == current ? g_strdup_printf (_("%s (current)"), title) : g_strdup (title);
          /* a tick emits "runs-changed" too: leave the label alone then */
          if (g_strcmp0 (gtk_check_button_get_label (GTK_CHECK_BUTTON (check)), markup) != 0)
            gtk_check_button_set_label (GTK_CHECK_BUTTON (check), markup);
        }
    }
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  PsRunsPanel *self = user_data;
  PsRun *run = item;
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *grid = gtk_grid_new ();
  g_autofree char *title = ps_run_dup_title (run);
  g_autofree char *delete_name = g_strdup_printf (_("Delete run %u"), ps_run_get_number (run));
  GtkWidget *check = gtk_check_button_new_with_label (title);
  GtkWidget *diff = gtk_label_new (ps_run_get_diff (run));
  GtkWidget *summary = gtk_label_new (NULL);
  GtkWidget *delete = gtk_button_new_from_icon_name ("user-trash-symbolic");

  g_object_set_data_full (G_OBJECT (row), ROW_RUN_KEY, g_object_ref (run), g_object_unref);
  g_object_set_data (G_OBJECT (row), "ps-check", check);
  g_object_set_data (G_OBJECT (delete), ROW_RUN_KEY, run);

  g_object_bind_property (run, "shown", check, "active", G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  gtk_widget_set_tooltip_text (check, _("Overlay this run’s curves"));
  /* the delete buttons line up at the right whatever the title */
  gtk_widget_set_hexpand (check, TRUE);

  gtk_label_set_xalign (GTK_LABEL (diff), 0);
  gtk_label_set_wrap (GTK_LABEL (diff), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (diff), PANGO_WRAP_WORD_CHAR);
  gtk_widget_set_hexpand (diff, TRUE);
  gtk_widget_set_margin_start (diff, 28);

  gtk_label_set_xalign (GTK_LABEL (summary), 0);
  gtk_label_set_wrap (GTK_LABEL (summary), TRUE);
  gtk_widget_set_margin_start (summary, 28);
  gtk_widget_add_css_class (summary, "dim-label");
  gtk_widget_add_css_class (summary, "caption");
  update_summary (GTK_LABEL (summary), run);
  g_signal_connect_object (run, "notify::n-epochs", G_CALLBACK (on_run_n_epochs), summary, 0);

  gtk_widget_add_css_class (delete, "flat");
  gtk_widget_set_valign (delete, GTK_ALIGN_START);
  gtk_widget_set_tooltip_text (delete, _("Delete this run (Undo brings it back)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (delete),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, delete_name, -1);
  g_signal_connect (delete, "clicked", G_CALLBACK (on_delete_clicked), self);

  gtk_grid_set_column_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 2);
  gtk_widget_set_margin_start (grid, 6);
  gtk_widget_set_margin_end (grid, 6);
  gtk_widget_set_margin_top (grid, 6);
  gtk_widget_set_margin_bottom (grid, 6);
  gtk_grid_attach (GTK_GRID (grid), check, 0, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), delete, 1, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), diff, 0, 1, 2, 1);
  gtk_grid_attach (GTK_GRID (grid), summary, 0, 2, 2, 1);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), grid);
  gtk_widget_set_tooltip_text (row, _("Activate to make this run the current one"));
  return row;
}

/**
 * ps_runs_panel_set_session:
 * @session: (transfer none): the document; the panel holds a reference
 */
void
ps_runs_panel_set_session (PsRunsPanel *self,
                           PsSession   *session)
{
  GtkWidget *placeholder;

  g_return_if_fail (PS_IS_RUNS_PANEL (self));
  g_return_if_fail (PS_IS_SESSION (session));
  g_return_if_fail (self->session == NULL);

  self->session = g_object_ref (session);
  gtk_list_box_bind_model (self->list, ps_session_get_runs (session), create_row, self, NULL);
  placeholder = gtk_label_new (_("No runs yet: train a network."));
  gtk_widget_set_margin_top (placeholder, 12);
  gtk_widget_set_margin_bottom (placeholder, 12);
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_list_box_set_placeholder (self->list, placeholder);
  g_signal_connect_object (session, "runs-changed", G_CALLBACK (mark_current), self, G_CONNECT_SWAPPED);
  mark_current (self);
}

static void
ps_runs_panel_dispose (GObject *object)
{
  PsRunsPanel *self = PS_RUNS_PANEL (object);

  g_clear_handle_id (&self->undo_timeout, g_source_remove);
  if (self->list != NULL)
    gtk_list_box_bind_model (self->list, NULL, NULL, NULL, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), PS_TYPE_RUNS_PANEL);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (ps_runs_panel_parent_class)->dispose (object);
}

static void
ps_runs_panel_class_init (PsRunsPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ps_runs_panel_dispose;

  signals[ERROR] = g_signal_new ("error", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, PS_RESOURCE_BASE "/ps-runs-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, PsRunsPanel, box);
  gtk_widget_class_bind_template_child (widget_class, PsRunsPanel, list);
  gtk_widget_class_bind_template_child (widget_class, PsRunsPanel, undo_revealer);
  gtk_widget_class_bind_template_child (widget_class, PsRunsPanel, undo_label);
  gtk_widget_class_bind_template_callback (widget_class, on_undo_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);
}

static void
ps_runs_panel_init (PsRunsPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
