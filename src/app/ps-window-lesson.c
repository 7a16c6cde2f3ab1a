/* ps-window-lesson.c: the window's lesson mode
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A lesson (ps-lesson.h) runs step by step: each step sets the session up,
 * the panel at the top of the sidebar shows its text in the window's
 * language, and the controls the step names are hidden or locked. Next is
 * enabled once the step's wait condition has held for the session's live
 * run (and stays so: a student who reached 100 % and trained on is done).
 *
 * The panels own their widgets' visibility and sensitivity (they grey
 * their controls while a run trains, show a generator's options, ...):
 * what the lesson changed is recorded, applied again after each of the
 * session's notifications (after the panels' own handlers), and given back
 * when the step ends.
 */
#include "config.h"

#include "ps-window-lesson.h"

#include "ps-window-private.h"

#include <glib/gi18n.h>

#include "ps-file-chooser.h"
#include "ps-lesson-panel.h"

#define LESSON_MODE_KEY "ps-window-lesson-mode"

/* Where a control's widgets are. */
typedef enum
{
  IN_DATASET,       /* the dataset panel */
  IN_NETWORK,       /* the network editor */
  IN_TRAINING,      /* the training panel */
  IN_WINDOW,        /* the window's own template (header bar) */
  IN_TIMELINE,      /* the timeline bar itself */
  IN_SIDEBAR,       /* a page of the sidebar's stack, by name */
  IN_BOUNDARY,      /* the Boundary page's view */
} Where;

/* How much around the named widget goes with it. */
typedef enum
{
  EXTENT_SELF,
  EXTENT_ROW,       /* its GtkGrid row: the label beside it too */
  EXTENT_PARENT,    /* its parent box (a label + the control) */
  EXTENT_LOCK_ONLY, /* locked, never hidden (a whole view) */
} Extent;

typedef struct
{
  PsLessonControl control;
  Where           where;
  const char     *id;      /* the .ui id, or the sidebar page's name */
  Extent          extent;
} Target;

/* The fixed set of names (ps-lesson.h) mapped to the widgets. */
static const Target targets[] = {
  { PS_LESSON_CONTROL_DATASET, IN_DATASET, "source_dropdown", EXTENT_SELF },
  { PS_LESSON_CONTROL_DATASET, IN_DATASET, "generator_box", EXTENT_SELF },
  { PS_LESSON_CONTROL_DATASET, IN_DATASET, "idx_box", EXTENT_SELF },
  { PS_LESSON_CONTROL_DATASET, IN_DATASET, "csv_box", EXTENT_SELF },
  { PS_LESSON_CONTROL_DATA_EDITING, IN_DATASET, "truth_grid", EXTENT_SELF },
  { PS_LESSON_CONTROL_DATA_EDITING, IN_DATASET, "points_view", EXTENT_SELF },
  { PS_LESSON_CONTROL_DATA_EDITING, IN_BOUNDARY, NULL, EXTENT_LOCK_ONLY },
  { PS_LESSON_CONTROL_LAYERS, IN_NETWORK, "add_button", EXTENT_SELF },
  { PS_LESSON_CONTROL_LAYERS, IN_NETWORK, "perceptron_button", EXTENT_SELF },
  { PS_LESSON_CONTROL_LAYERS, IN_NETWORK, "layer_list", EXTENT_SELF },
  { PS_LESSON_CONTROL_LOSS, IN_TRAINING, "loss_dropdown", EXTENT_ROW },
  { PS_LESSON_CONTROL_REDUCTION, IN_TRAINING, "reduction_dropdown", EXTENT_ROW },
  { PS_LESSON_CONTROL_OPTIMIZER, IN_TRAINING, "optimizer_dropdown", EXTENT_ROW },
  { PS_LESSON_CONTROL_OPTIMIZER, IN_TRAINING, "momentum_spin", EXTENT_ROW },
  { PS_LESSON_CONTROL_LEARNING_RATE, IN_TRAINING, "lr_spin", EXTENT_ROW },
  { PS_LESSON_CONTROL_BATCH, IN_TRAINING, "batch_dropdown", EXTENT_ROW },
  { PS_LESSON_CONTROL_BATCH, IN_TRAINING, "batch_size_spin", EXTENT_ROW },
  { PS_LESSON_CONTROL_EPOCHS, IN_TRAINING, "epochs_spin", EXTENT_ROW },
  { PS_LESSON_CONTROL_VALIDATION_SPLIT, IN_TRAINING, "val_split_spin", EXTENT_ROW },
  { PS_LESSON_CONTROL_SEED, IN_TRAINING, "seed_spin", EXTENT_ROW },
  { PS_LESSON_CONTROL_INIT, IN_TRAINING, "init_dropdown", EXTENT_ROW },
  { PS_LESSON_CONTROL_SCALING, IN_TRAINING, "scaling_dropdown", EXTENT_ROW },
  { PS_LESSON_CONTROL_SPEED, IN_TRAINING, "speed_scale", EXTENT_PARENT },
  { PS_LESSON_CONTROL_STEP, IN_TRAINING, "step_button", EXTENT_SELF },
  { PS_LESSON_CONTROL_RESET, IN_TRAINING, "reset_button", EXTENT_SELF },
  { PS_LESSON_CONTROL_EXPLAIN, IN_TRAINING, "explain_button", EXTENT_SELF },
  { PS_LESSON_CONTROL_TIMELINE, IN_TIMELINE, NULL, EXTENT_SELF },
  { PS_LESSON_CONTROL_NOTEBOOK, IN_WINDOW, "presets_button", EXTENT_SELF },
  { PS_LESSON_CONTROL_OPEN, IN_WINDOW, "open_button", EXTENT_SELF },
  { PS_LESSON_CONTROL_DATASET_TAB, IN_SIDEBAR, "dataset", EXTENT_SELF },
  { PS_LESSON_CONTROL_NETWORK_TAB, IN_SIDEBAR, "network", EXTENT_SELF },
  { PS_LESSON_CONTROL_TRAINING_TAB, IN_SIDEBAR, "training", EXTENT_SELF },
};

/* A widget (or sidebar page) the step changed, and how it was. */
typedef struct
{
  GtkWidget    *widget;     /* (owned) */
  GtkStackPage *page;       /* (owned) (nullable): a sidebar page */
  gboolean      hide;
  gboolean      lock;
  gboolean      was_visible;
  gboolean      was_sensitive;
} Touched;

typedef struct
{
  PsLesson   *lesson;       /* (nullable): outside lesson mode */
  guint       index;
  gboolean    reached;      /* the wait condition held in this step */
  gboolean    armed;        /* the session shows this step's run */
  gboolean    applying;
  GtkWidget  *panel;        /* (unowned): in the sidebar */
  GSimpleActionGroup *actions;
  GPtrArray  *touched;      /* Touched * */
  char       *shipped;      /* (nullable): the notebook lesson's path */
} LessonMode;

static void
touched_free (gpointer data)
{
  Touched *t = data;

  g_clear_object (&t->widget);
  g_clear_object (&t->page);
  g_free (t);
}

static void
lesson_mode_free (gpointer data)
{
  LessonMode *mode = data;

  g_clear_pointer (&mode->lesson, ps_lesson_free);
  g_clear_object (&mode->actions);
  g_clear_pointer (&mode->touched, g_ptr_array_unref);
  g_free (mode->shipped);
  g_free (mode);
}

static LessonMode *
get_mode (PsWindow *self)
{
  return g_object_get_data (G_OBJECT (self), LESSON_MODE_KEY);
}

/* The language of the window's texts: the catalogue in use says it. */
static const char *
ui_language (void)
{
  /* Translators: the language code of this translation ("es"): a lesson
   * shows its texts in this language when it has them */
  return C_("lesson language", "en");
}

/* ---- the controls ------------------------------------------------------------ */

/* The descendant of @root built from the .ui id @id. */
static GtkWidget *
find_by_id (GtkWidget  *root,
            const char *id)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (g_strcmp0 (gtk_buildable_get_buildable_id (GTK_BUILDABLE (child)), id) == 0)
        return child;
      found = find_by_id (child, id);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
add_row (GPtrArray *out,
         GtkWidget *widget)
{
  GtkWidget *parent = gtk_widget_get_parent (widget);
  int column, row, width, height;

  if (!GTK_IS_GRID (parent))
    {
      g_ptr_array_add (out, widget);
      return;
    }
  gtk_grid_query_child (GTK_GRID (parent), widget, &column, &row, &width, &height);
  for (GtkWidget *child = gtk_widget_get_first_child (parent);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int c, r, w, h;

      gtk_grid_query_child (GTK_GRID (parent), child, &c, &r, &w, &h);
      if (r == row)
        g_ptr_array_add (out, child);
    }
}

GPtrArray *
ps_window_dup_lesson_control_widgets (PsWindow        *self,
                                      PsLessonControl  control)
{
  GPtrArray *out = g_ptr_array_new ();

  g_return_val_if_fail (PS_IS_WINDOW (self), out);

  for (guint i = 0; i < G_N_ELEMENTS (targets); i++)
    {
      const Target *t = &targets[i];
      GtkWidget *root = NULL, *w = NULL;

      if (t->control != control)
        continue;
      switch (t->where)
        {
        case IN_DATASET:
          root = GTK_WIDGET (self->dataset_panel);
          break;
        case IN_NETWORK:
          root = GTK_WIDGET (self->network_editor);
          break;
        case IN_TRAINING:
          root = GTK_WIDGET (self->training_panel);
          break;
        case IN_WINDOW:
          root = gtk_window_get_titlebar (GTK_WINDOW (self));
          break;
        case IN_TIMELINE:
          w = GTK_WIDGET (self->timeline_bar);
          break;
        case IN_SIDEBAR:
          w = gtk_stack_get_child_by_name (self->sidebar_stack, t->id);
          break;
        case IN_BOUNDARY:
          w = self->views[PS_VIEW_BOUNDARY];
          break;
        default:
          g_assert_not_reached ();
        }
      if (w == NULL && root != NULL)
        w = find_by_id (root, t->id);
      if (w == NULL)
        {
          g_warning ("lesson control “%s”: no widget “%s”", ps_lesson_control_to_name (control), t->id);
          continue;
        }
      if (t->extent == EXTENT_ROW)
        add_row (out, w);
      else if (t->extent == EXTENT_PARENT && gtk_widget_get_parent (w) != NULL)
        g_ptr_array_add (out, gtk_widget_get_parent (w));
      else
        g_ptr_array_add (out, w);
    }
  return out;
}

static Touched *
touch (LessonMode *mode,
       PsWindow   *self,
       GtkWidget  *widget)
{
  Touched *t;

  for (guint i = 0; i < mode->touched->len; i++)
    {
      t = g_ptr_array_index (mode->touched, i);
      if (t->widget == widget)
        return t;
    }
  t = g_new0 (Touched, 1);
  t->widget = g_object_ref (widget);
  /* a sidebar page is hidden as a page (its tab goes too) */
  if (gtk_widget_get_parent (widget) == GTK_WIDGET (self->sidebar_stack))
    t->page = g_object_ref (gtk_stack_get_page (self->sidebar_stack, widget));
  t->was_visible = t->page != NULL ? gtk_stack_page_get_visible (t->page) : gtk_widget_get_visible (widget);
  t->was_sensitive = gtk_widget_get_sensitive (widget);
  g_ptr_array_add (mode->touched, t);
  return t;
}

/* The lesson's changes again, over whatever a panel just set. */
static void
reapply_controls (PsWindow *self)
{
  LessonMode *mode = get_mode (self);

  if (mode == NULL || mode->touched == NULL)
    return;
  for (guint i = 0; i < mode->touched->len; i++)
    {
      Touched *t = g_ptr_array_index (mode->touched, i);

      if (t->hide && t->page != NULL)
        gtk_stack_page_set_visible (t->page, FALSE);
      else if (t->hide)
        gtk_widget_set_visible (t->widget, FALSE);
      if (t->lock)
        gtk_widget_set_sensitive (t->widget, FALSE);
    }
}

/* The dataset panel shows a source's options by its kind: a box hidden
 * during a step comes back as the data loaded since says. */
static gboolean
natural_visibility (PsWindow  *self,
                    Touched   *t)
{
  const PsDatasetSource *source = ps_session_get_dataset_source (self->session);
  const char *id = gtk_buildable_get_buildable_id (GTK_BUILDABLE (t->widget));
  const char *source_id = source != NULL ? source->id : NULL;

  if (g_strcmp0 (id, "generator_box") == 0)
    return ps_dataset_source_id_has_kind (source_id, PS_DATASET_SOURCE_GENERATOR);
  if (g_strcmp0 (id, "idx_box") == 0)
    return ps_dataset_source_id_has_kind (source_id, PS_DATASET_SOURCE_IDX);
  if (g_strcmp0 (id, "csv_box") == 0)
    return ps_dataset_source_id_has_kind (source_id, PS_DATASET_SOURCE_CSV);
  return t->was_visible;
}

static void
restore_controls (PsWindow *self)
{
  LessonMode *mode = get_mode (self);

  for (guint i = 0; i < mode->touched->len; i++)
    {
      Touched *t = g_ptr_array_index (mode->touched, i);

      if (t->hide && t->page != NULL)
        gtk_stack_page_set_visible (t->page, t->was_visible);
      else if (t->hide)
        gtk_widget_set_visible (t->widget, natural_visibility (self, t));
      if (t->lock)
        gtk_widget_set_sensitive (t->widget, t->was_sensitive);
    }
  g_ptr_array_set_size (mode->touched, 0);
}

static void
hide_and_lock (PsWindow           *self,
               const PsLessonStep *step)
{
  LessonMode *mode = get_mode (self);

  for (guint c = 0; c < PS_LESSON_N_CONTROLS; c++)
    {
      gboolean hide = ps_lesson_step_hides (step, c);
      gboolean lock = ps_lesson_step_locks (step, c);
      g_autoptr(GPtrArray) widgets = NULL;

      if (!hide && !lock)
        continue;
      widgets = ps_window_dup_lesson_control_widgets (self, c);
      for (guint i = 0; i < widgets->len; i++)
        {
          GtkWidget *w = g_ptr_array_index (widgets, i);
          Touched *t = touch (mode, self, w);

          /* a whole view is locked, never hidden */
          t->hide |= hide && w != self->views[PS_VIEW_BOUNDARY];
          t->lock |= lock;
        }
    }
  reapply_controls (self);
}

/* ---- Next ------------------------------------------------------------------- */

static const char *
metric_label (PsLessonMetric metric)
{
  switch (metric)
    {
    case PS_LESSON_METRIC_EPOCH:
      return _("epoch");
    case PS_LESSON_METRIC_LOSS:
      return _("loss");
    case PS_LESSON_METRIC_ACCURACY:
      return _("accuracy");
    case PS_LESSON_METRIC_RMSE:
      return _("RMSE");
    case PS_LESSON_METRIC_VAL_LOSS:
      return _("validation loss");
    case PS_LESSON_METRIC_VAL_ACCURACY:
      return _("validation accuracy");
    case PS_LESSON_METRIC_VAL_RMSE:
      return _("validation RMSE");
    default:
      return "?";
    }
}

static const char *
comparison_symbol (PsLessonComparison cmp)
{
  switch (cmp)
    {
    case PS_LESSON_CMP_GE:
      return "≥";
    case PS_LESSON_CMP_LE:
      return "≤";
    default:
      return ps_lesson_comparison_to_name (cmp);
    }
}

/* "accuracy ≥ 1, epoch ≥ 1000" */
static char *
describe_wait (const PsLessonStep *step)
{
  guint n = 0;
  const PsLessonCondition *wait = ps_lesson_step_get_wait (step, &n);
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    g_string_append_printf (s, "%s%s %s %g", i > 0 ? ", " : "", metric_label (wait[i].metric),
                            comparison_symbol (wait[i].cmp), wait[i].value);
  return g_string_free (s, FALSE);
}

static void
update_next (PsWindow *self)
{
  LessonMode *mode = get_mode (self);
  const PsLessonStep *step;
  PsLessonPanel *panel;
  gboolean last;
  guint n_wait = 0;

  if (mode == NULL || mode->lesson == NULL || mode->applying)
    return;
  step = ps_lesson_get_step (mode->lesson, mode->index);
  panel = PS_LESSON_PANEL (mode->panel);
  last = mode->index + 1 >= ps_lesson_get_n_steps (mode->lesson);
  ps_lesson_step_get_wait (step, &n_wait);
  if (mode->armed && !mode->reached &&
      ps_lesson_step_wait_holds_snapshot (step, ps_session_get_snapshot (self->session)))
    mode->reached = TRUE;

  ps_lesson_panel_set_has_next (panel, !last);
  ps_lesson_panel_set_can_next (panel, mode->reached && !last);
  if (last)
    ps_lesson_panel_set_status (panel, _("Last step. Lesson → Leave Lesson ends the lesson."));
  else if (n_wait == 0 || mode->reached)
    ps_lesson_panel_set_status (panel, mode->reached ? _("Done: press Next.") : NULL);
  else
    {
      g_autofree char *what = describe_wait (step);
      /* Translators: %s is a condition, e.g. "accuracy ≥ 1" */
      g_autofree char *status = g_strdup_printf (_("Next when %s."), what);

      ps_lesson_panel_set_status (panel, status);
    }
}

static void
show_step (PsWindow *self,
           guint     index)
{
  LessonMode *mode = get_mode (self);
  const char *lang = ui_language ();
  const PsLessonStep *step = ps_lesson_get_step (mode->lesson, index);
  g_autoptr(GError) error = NULL;

  restore_controls (self);
  mode->index = index;
  mode->reached = FALSE;
  mode->applying = TRUE;
  ps_window_clear_error (self);
  if (!ps_lesson_step_apply (step, self->session, &error))
    ps_window_show_gerror (self, error);
  mode->applying = FALSE;
  /* a file still loading: the run shown is the last step's until it lands */
  mode->armed = !ps_session_is_busy (self->session);

  ps_lesson_panel_set_step (PS_LESSON_PANEL (mode->panel), ps_lesson_get_title (mode->lesson, lang),
                            index, ps_lesson_get_n_steps (mode->lesson),
                            ps_lesson_step_get_title (step, lang), ps_lesson_step_get_text (step, lang));
  hide_and_lock (self, step);
  update_next (self);
}

static void
on_next (PsWindow *self)
{
  LessonMode *mode = get_mode (self);

  if (mode->lesson == NULL || mode->index + 1 >= ps_lesson_get_n_steps (mode->lesson))
    return;
  show_step (self, mode->index + 1);
}

/* ---- the session ------------------------------------------------------------- */

static void
on_session_snapshot (PsWindow *self)
{
  update_next (self);
}

static void
on_session_ready (PsWindow *self)
{
  LessonMode *mode = get_mode (self);

  if (mode == NULL || mode->lesson == NULL || mode->applying)
    return;
  mode->armed = TRUE;
  update_next (self);
  reapply_controls (self);
}

static void
on_session_notify (PsWindow *self)
{
  LessonMode *mode = get_mode (self);

  if (mode != NULL && mode->lesson != NULL)
    reapply_controls (self);
}

/* ---- starting and leaving ----------------------------------------------------- */

static void
sync_lesson_actions (PsWindow *self)
{
  LessonMode *mode = get_mode (self);
  GAction *leave = g_action_map_lookup_action (G_ACTION_MAP (mode->actions), "leave");

  g_simple_action_set_enabled (G_SIMPLE_ACTION (leave), mode->lesson != NULL);
}

gboolean
ps_window_open_lesson (PsWindow    *self,
                       const char  *path,
                       GError     **error)
{
  LessonMode *mode;
  PsLesson *lesson;

  g_return_val_if_fail (PS_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  mode = get_mode (self);
  lesson = ps_lesson_load (path, error);
  if (lesson == NULL)
    return FALSE;
  if (mode->lesson != NULL)
    restore_controls (self);
  g_clear_pointer (&mode->lesson, ps_lesson_free);
  mode->lesson = lesson;
  gtk_widget_set_visible (mode->panel, TRUE);
  sync_lesson_actions (self);
  show_step (self, 0);
  return TRUE;
}

void
ps_window_leave_lesson (PsWindow *self)
{
  LessonMode *mode;

  g_return_if_fail (PS_IS_WINDOW (self));

  mode = get_mode (self);
  if (mode->lesson == NULL)
    return;
  restore_controls (self);
  g_clear_pointer (&mode->lesson, ps_lesson_free);
  gtk_widget_set_visible (mode->panel, FALSE);
  sync_lesson_actions (self);
}

PsLesson *
ps_window_get_lesson (PsWindow *self)
{
  g_return_val_if_fail (PS_IS_WINDOW (self), NULL);

  return get_mode (self)->lesson;
}

guint
ps_window_get_lesson_step (PsWindow *self)
{
  g_return_val_if_fail (PS_IS_WINDOW (self), 0);

  return get_mode (self)->index;
}

static void
open_or_report (PsWindow   *self,
                const char *path)
{
  g_autoptr(GError) error = NULL;

  if (!ps_window_open_lesson (self, path, &error))
    ps_window_show_gerror (self, error);
}

static void
on_lesson_chosen (GtkWidget    *owner,
                  const char   *path,
                  const GError *error,
                  gpointer      user_data)
{
  PsWindow *self = PS_WINDOW (owner);

  if (error != NULL)
    ps_window_show_gerror (self, error);
  else if (path != NULL)
    open_or_report (self, path);
}

static void
open_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  PsWindow *self = PS_WINDOW (user_data);
  LessonMode *mode = get_mode (self);
  GtkFileChooserNative *chooser;

  chooser = ps_file_chooser_new (GTK_WIDGET (self), GTK_FILE_CHOOSER_ACTION_OPEN,
                                 _("Open Lesson"), _("_Open"));
  ps_file_chooser_add_filters (chooser, PS_FILE_FILTERS_JSON);
  /* the shipped lessons are where a teacher's own may sit beside */
  if (mode->shipped != NULL)
    {
      g_autofree char *folder = g_path_get_dirname (mode->shipped);

      ps_file_chooser_set_folder (chooser, folder);
    }
  ps_file_chooser_show (chooser, on_lesson_chosen, NULL);
}

static void
notebook_activated (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  PsWindow *self = PS_WINDOW (user_data);
  LessonMode *mode = get_mode (self);

  if (mode->shipped != NULL)
    open_or_report (self, mode->shipped);
}

static void
leave_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  ps_window_leave_lesson (PS_WINDOW (user_data));
}

/* ---- set-up ------------------------------------------------------------------ */

static GtkWidget *
make_menu_button (LessonMode *mode)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) lessons = g_menu_new ();
  g_autoptr(GMenu) leave = g_menu_new ();
  GtkWidget *button;

  g_menu_append (lessons, _("_Open…"), "lesson.open");
  if (mode->shipped != NULL)
    {
      g_autoptr(PsLesson) notebook = ps_lesson_load (mode->shipped, NULL);

      if (notebook != NULL)
        g_menu_append (lessons, ps_lesson_get_title (notebook, ui_language ()), "lesson.notebook");
    }
  g_menu_append_section (menu, NULL, G_MENU_MODEL (lessons));
  g_menu_append (leave, _("_Leave Lesson"), "lesson.leave");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (leave));

  button = gtk_menu_button_new ();
  gtk_menu_button_set_label (GTK_MENU_BUTTON (button), _("Lesson"));
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (button), G_MENU_MODEL (menu));
  gtk_widget_set_tooltip_text (button, _("Follow a lesson step by step, or leave it"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Lesson"),
                                  -1);
  return button;
}

void
ps_window_setup_lesson (PsWindow *self)
{
  static const GActionEntry entries[] = {
    { "open", open_activated, NULL, NULL, NULL, { 0 } },
    { "notebook", notebook_activated, NULL, NULL, NULL, { 0 } },
    { "leave", leave_activated, NULL, NULL, NULL, { 0 } },
  };
  LessonMode *mode = g_new0 (LessonMode, 1);
  GtkWidget *titlebar = gtk_window_get_titlebar (GTK_WINDOW (self));
  GtkWidget *sidebar = gtk_widget_get_parent (GTK_WIDGET (self->sidebar_stack));
  GtkWidget *button;

  g_return_if_fail (PS_IS_WINDOW (self));

  mode->touched = g_ptr_array_new_with_free_func (touched_free);
  mode->shipped = ps_lesson_find_shipped (PS_LESSON_NOTEBOOK);
  g_object_set_data_full (G_OBJECT (self), LESSON_MODE_KEY, mode, lesson_mode_free);

  mode->actions = g_simple_action_group_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (mode->actions), entries, G_N_ELEMENTS (entries), self);
  gtk_widget_insert_action_group (GTK_WIDGET (self), "lesson", G_ACTION_GROUP (mode->actions));
  sync_lesson_actions (self);

  /* beside the Notebook menu: lessons are the notebook, step by step */
  button = make_menu_button (mode);
  if (GTK_IS_HEADER_BAR (titlebar))
    gtk_header_bar_pack_start (GTK_HEADER_BAR (titlebar), button);

  /* the panel heads the sidebar, above its pages */
  mode->panel = ps_lesson_panel_new ();
  gtk_widget_set_visible (mode->panel, FALSE);
  gtk_box_prepend (GTK_BOX (sidebar), mode->panel);
  g_signal_connect_swapped (mode->panel, "next", G_CALLBACK (on_next), self);

  /* after the panels' own handlers: the lesson has the last word */
  g_signal_connect_data (self->session, "snapshot", G_CALLBACK (on_session_snapshot), self,
                         NULL, G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  g_signal_connect_data (self->session, "model-rebuilt", G_CALLBACK (on_session_ready), self,
                         NULL, G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  g_signal_connect_data (self->session, "dataset-changed", G_CALLBACK (on_session_ready), self,
                         NULL, G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  g_signal_connect_data (self->session, "notify", G_CALLBACK (on_session_notify), self,
                         NULL, G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  g_signal_connect_data (self->session, "run-finished", G_CALLBACK (on_session_notify), self,
                         NULL, G_CONNECT_SWAPPED | G_CONNECT_AFTER);
}
