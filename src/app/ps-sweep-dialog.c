/* ps-sweep-dialog.c: train variants of the session's settings as a grid
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The dialog builds a PsSweep from what the session holds now (copies of
 * its datasets: the session may rescale or replace its own while the
 * sweep trains) and runs it in the background; the workers never touch a
 * widget: "variant-finished" arrives on the main loop, and a timeout reads
 * the progress while it runs.
 */
#include "config.h"

#include "ps-sweep-dialog.h"

#include <glib/gi18n.h>
#include <math.h>

#include "ps-boundary.h"
#include "ps-plot.h"
#include "ps-run.h"
#include "ps-sweep.h"

/* The dropdowns' order (ui/ps-sweep-dialog.ui) is PsSweepKey's. */
static const char *const default_values[PS_SWEEP_N_KEYS] = {
  "0.1, 0.5, 1",          /* lr */
  "2, 3, 4",              /* units */
  "sigmoid, tanh, relu",  /* activation */
  "1, 4, full",           /* batch */
  "1..8",                 /* seed */
};

/* Boundary grids of the small multiples: cells per side. */
#define CELL_GRID 48

struct _PsSweepDialog
{
  GtkWindow       parent_instance;

  /* template children */
  GtkDropDown    *key1;
  GtkEntry       *values1;
  GtkCheckButton *second_check;
  GtkDropDown    *key2;
  GtkEntry       *values2;
  GtkButton      *run_button;
  GtkButton      *stop_button;
  GtkProgressBar *progress;
  GtkLabel       *status_label;
  GtkDrawingArea *grid_area;
  GtkListBox     *results;

  PsSession      *session;         /* borrowed: the window's, outlives us */
  PsSweep        *sweep;           /* the last Run's */
  GCancellable   *cancellable;
  guint           progress_id;
  gboolean        running;
  PsBoundaryGrid **grids;          /* per variant, 2-D data: computed once */
  float          *points;          /* the training set's raw points (2-D) */
  double          x0, x1, y0, y1;
  GPtrArray      *rows;            /* GtkListBoxRow per variant */
};

G_DEFINE_FINAL_TYPE (PsSweepDialog, ps_sweep_dialog, GTK_TYPE_WINDOW)

static void
set_status (PsSweepDialog *self,
            const char    *text,
            gboolean       error)
{
  gtk_label_set_text (self->status_label, text);
  if (error)
    gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "error");
}

static void
clear_sweep (PsSweepDialog *self)
{
  if (self->grids != NULL && self->sweep != NULL)
    for (guint i = 0; i < ps_sweep_get_n_variants (self->sweep); i++)
      g_clear_pointer (&self->grids[i], ps_boundary_grid_free);
  g_clear_pointer (&self->grids, g_free);
  g_clear_pointer (&self->points, g_free);
  g_clear_object (&self->sweep);
}

static gboolean
is_2d (PsSweepDialog *self)
{
  return self->sweep != NULL && ps_dataset_get_n_features (ps_sweep_get_train (self->sweep)) == 2;
}

/* ---- the table --------------------------------------------------------------- */

/* "0.1234", or a dash when the set is not there */
static char *
number (gboolean has,
        double   v)
{
  return has ? g_strdup_printf ("%.4f", v) : g_strdup ("—");
}

static GtkWidget *
cell (const char *text,
      int         chars,
      gboolean    start)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_width_chars (GTK_LABEL (label), chars);
  gtk_label_set_xalign (GTK_LABEL (label), start ? 0.0f : 1.0f);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  return label;
}

/* The row of variant @i: its settings, then "…" until it finished. */
static void
fill_row (PsSweepDialog *self,
          guint          i)
{
  GtkListBoxRow *row = g_ptr_array_index (self->rows, i);
  const PsSweepResult *r = ps_sweep_get_result (self->sweep, i);
  g_autofree char *desc = ps_sweep_describe_variant (self->sweep, i);
  g_autofree char *name = NULL;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  char *v[7] = { NULL, };

  if (r != NULL)
    {
      v[0] = number (r->epochs > 0, r->loss);
      v[1] = number (r->epochs > 0, r->accuracy);
      v[2] = number (r->has_val, r->val_loss);
      v[3] = number (r->has_val, r->val_accuracy);
      v[4] = number (r->has_test, r->test_loss);
      v[5] = number (r->has_test, r->test_accuracy);
      v[6] = r->status == PS_TRAIN_DIVERGED ? g_strdup (_("diverged"))
             : g_strdup_printf ("%u", r->epochs);
      /* the row's name: what a screen reader says for it */
      name = g_strdup_printf (_("%s: loss %s, accuracy %s, validation loss %s, validation accuracy %s, "
                                "test loss %s, test accuracy %s, %s epochs"),
                              desc, v[0], v[1], v[2], v[3], v[4], v[5], v[6]);
    }
  else
    name = g_strdup_printf (_("%s: training"), desc);

  gtk_box_append (GTK_BOX (box), cell (desc, 20, TRUE));
  for (guint c = 0; c < G_N_ELEMENTS (v); c++)
    gtk_box_append (GTK_BOX (box), cell (v[c] != NULL ? v[c] : "…", c == 6 ? 7 : 9, FALSE));
  gtk_list_box_row_set_child (row, box);
  gtk_list_box_row_set_activatable (row, r != NULL && r->model != NULL);
  gtk_widget_set_tooltip_text (GTK_WIDGET (row), r != NULL && r->model != NULL
                               ? _("Click to make this variant the current model") : NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  for (guint c = 0; c < G_N_ELEMENTS (v); c++)
    g_free (v[c]);
}

static void
build_rows (PsSweepDialog *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->results))) != NULL)
    gtk_list_box_remove (self->results, child);
  g_ptr_array_set_size (self->rows, 0);
  for (guint i = 0; i < ps_sweep_get_n_variants (self->sweep); i++)
    {
      GtkWidget *row = gtk_list_box_row_new ();

      g_ptr_array_add (self->rows, row);
      fill_row (self, i);
      gtk_list_box_append (self->results, row);
    }
}

/* ---- adopting a variant -------------------------------------------------------- */

static void
adopt_variant (PsSweepDialog *self,
               guint          i)
{
  const PsSweepResult *r = ps_sweep_get_result (self->sweep, i);
  const PsDatasetSource *source = ps_session_get_dataset_source (self->session);
  g_autoptr(GError) error = NULL;
  g_autofree char *layers = NULL;
  g_autofree char *desc = NULL;
  g_autofree char *text = NULL;
  g_autoptr(PsRun) run = NULL;
  PsTrainingSettings settings;
  PsTrainConfig config;

  if (r == NULL || r->model == NULL)
    return;
  ps_session_get_settings (self->session, &settings);
  ps_sweep_get_variant_config (self->sweep, i, &config, &layers);
  settings.train = config;
  settings.init = ps_sweep_get_init (self->sweep);
  for (guint a = 0; a < ps_sweep_get_n_axes (self->sweep); a++)
    if (ps_sweep_get_axis_key (self->sweep, a) == PS_SWEEP_BATCH)
      {
        settings.batch_mode = config.batch_size == 0 ? PS_BATCH_FULL : PS_BATCH_MINI;
        if (config.batch_size > 0)
          settings.mini_batch = config.batch_size;
        ps_training_settings_sync_batch (&settings);
      }

  run = ps_run_new (&settings, layers, source != NULL ? source->id : NULL);
  ps_run_set_result (run, r->history, r->n_history, r->model);
  ps_session_add_run (self->session, run);
  desc = ps_sweep_describe_variant (self->sweep, i);
  if (!ps_session_select_run (self->session, run, &error))
    {
      text = g_strdup_printf (_("Could not use %s: %s"), desc, error->message);
      set_status (self, text, TRUE);
      return;
    }
  text = g_strdup_printf (_("%s is the current model now."), desc);
  set_status (self, text, FALSE);
}

static void
on_row_activated (PsSweepDialog *self,
                  GtkListBoxRow *row)
{
  adopt_variant (self, (guint) gtk_list_box_row_get_index (row));
}

/* ---- the small multiples ----------------------------------------------------- */

static void
layout (PsSweepDialog *self,
        guint         *rows,
        guint         *cols)
{
  guint n = ps_sweep_get_n_variants (self->sweep);

  if (ps_sweep_get_n_axes (self->sweep) == 2)
    *cols = ps_sweep_get_axis_size (self->sweep, 1);
  else
    *cols = MAX (1, (guint) ceil (sqrt (n * 1.5)));
  *cols = MIN (*cols, n);
  *rows = (n + *cols - 1) / *cols;
}

static void
draw_cell (PsSweepDialog *self,
           cairo_t       *cr,
           guint          i,
           double         w,
           double         h)
{
  const PsSweepResult *r = ps_sweep_get_result (self->sweep, i);
  g_autofree char *title = ps_sweep_describe_variant (self->sweep, i);
  PsDataset *train = ps_sweep_get_train (self->sweep);

  if (r == NULL || r->model == NULL)
    {
      cairo_set_source_rgb (cr, 0.93, 0.93, 0.93);
      cairo_rectangle (cr, 2, 2, w - 4, h - 4);
      cairo_fill (cr);
      cairo_set_source_rgb (cr, 0.4, 0.4, 0.4);
      cairo_move_to (cr, 8, 18);
      cairo_show_text (cr, title);
      return;
    }
  if (is_2d (self))
    {
      PsBoundaryData d = { 0 };
      PsBoundaryGrid *g;

      if (self->grids[i] == NULL)
        self->grids[i] = ps_boundary_grid_new (r->model, train, self->x0, self->x1, self->y0, self->y1,
                                               CELL_GRID, CELL_GRID);
      g = self->grids[i];
      if (g == NULL)
        return;
      d.grid_rows = g->rows;
      d.grid_cols = g->cols;
      d.grid = g->p1;
      d.class_grid = g->p1 ? NULL : g->classes;
      d.confidence = g->p1 ? NULL : g->confidence;
      d.n_classes = g->n_classes;
      d.x_min = self->x0;
      d.x_max = self->x1;
      d.y_min = self->y0;
      d.y_max = self->y1;
      d.n_points = ps_dataset_get_n_samples (train);
      d.points = self->points;
      d.labels = ps_dataset_get_labels (train);
      d.n_lines = g->n_lines;
      d.lines = g->lines;
      d.class_names = (const char **) ps_dataset_get_class_names (train);
      d.title = title;
      ps_plot_boundary (cr, w, h, &d);
    }
  else
    {
      g_autofree double *loss = g_new (double, MAX (r->n_history, 1));
      g_autofree double *acc = g_new (double, MAX (r->n_history, 1));
      PsCurvesData d = { 0 };

      for (guint e = 0; e < r->n_history; e++)
        {
          loss[e] = r->history[e].loss;
          acc[e] = r->history[e].accuracy;
        }
      d.title = title;
      d.n_epochs = r->n_history;
      d.loss = loss;
      d.accuracy = acc;
      ps_plot_curves (cr, w, h, &d);
    }
}

static void
draw_grid (GtkDrawingArea *area,
           cairo_t        *cr,
           int             width,
           int             height,
           gpointer        user_data)
{
  PsSweepDialog *self = user_data;
  guint rows, cols;
  double cw, ch;

  if (self->sweep == NULL)
    return;
  layout (self, &rows, &cols);
  cw = (double) width / cols;
  ch = (double) height / rows;
  for (guint i = 0; i < ps_sweep_get_n_variants (self->sweep); i++)
    {
      cairo_save (cr);
      cairo_translate (cr, (i % cols) * cw, (i / cols) * ch);
      cairo_rectangle (cr, 0, 0, cw, ch);
      cairo_clip (cr);
      draw_cell (self, cr, i, cw, ch);
      cairo_restore (cr);
    }
}

static void
on_grid_pressed (GtkGestureClick *gesture,
                 int              n_press,
                 double           x,
                 double           y,
                 PsSweepDialog   *self)
{
  guint rows, cols, col, row;
  int width = gtk_widget_get_width (GTK_WIDGET (self->grid_area));
  int height = gtk_widget_get_height (GTK_WIDGET (self->grid_area));

  if (self->sweep == NULL || width <= 0 || height <= 0)
    return;
  layout (self, &rows, &cols);
  col = MIN ((guint) (x / width * cols), cols - 1);
  row = MIN ((guint) (y / height * rows), rows - 1);
  if (row * cols + col < ps_sweep_get_n_variants (self->sweep))
    {
      guint i = row * cols + col;

      gtk_list_box_select_row (self->results, g_ptr_array_index (self->rows, i));
      adopt_variant (self, i);
    }
}

/* Cells of about 170 × 150 pixels; the window scrolls beyond. */
static void
size_grid (PsSweepDialog *self)
{
  guint rows = 1, cols = 1;

  if (self->sweep != NULL)
    layout (self, &rows, &cols);
  gtk_widget_set_size_request (GTK_WIDGET (self->grid_area), MIN (cols, 5) * 170, rows * 150);
}

/* ---- running ----------------------------------------------------------------- */

static void
set_running (PsSweepDialog *self,
             gboolean       running)
{
  self->running = running;
  gtk_widget_set_sensitive (GTK_WIDGET (self->run_button), !running);
  gtk_widget_set_sensitive (GTK_WIDGET (self->stop_button), running);
  if (!running)
    g_clear_handle_id (&self->progress_id, g_source_remove);
}

static gboolean
update_progress (gpointer data)
{
  PsSweepDialog *self = data;

  if (self->sweep != NULL)
    gtk_progress_bar_set_fraction (self->progress, ps_sweep_get_progress (self->sweep));
  return G_SOURCE_CONTINUE;
}

static void
on_variant_finished (PsSweep       *sweep,
                     guint          variant,
                     PsSweepDialog *self)
{
  g_autofree char *text = NULL;

  if (sweep != self->sweep)
    return;
  fill_row (self, variant);
  gtk_widget_queue_draw (GTK_WIDGET (self->grid_area));
  text = g_strdup_printf (_("%u of %u variants trained"), ps_sweep_get_n_finished (sweep),
                          ps_sweep_get_n_variants (sweep));
  set_status (self, text, FALSE);
}

static void
on_sweep_done (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(PsSweepDialog) self = user_data;
  PsSweep *sweep = PS_SWEEP (source);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gboolean ok = ps_sweep_run_finish (sweep, result, &error);

  if (sweep != self->sweep)
    return;   /* a newer Run replaced it */
  set_running (self, FALSE);
  gtk_progress_bar_set_fraction (self->progress, ok ? 1.0 : ps_sweep_get_progress (sweep));
  if (!ok && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    text = g_strdup_printf (_("Stopped: %u of %u variants trained."), ps_sweep_get_n_finished (sweep),
                            ps_sweep_get_n_variants (sweep));
  else if (!ok)
    text = g_strdup (error->message);
  else
    {
      guint best = ps_sweep_get_best (sweep);
      g_autofree char *desc = best != G_MAXUINT ? ps_sweep_describe_variant (sweep, best) : NULL;

      text = desc != NULL
             ? g_strdup_printf (_("%u variants trained. Best: %s. Click a variant to make it the current model."),
                                ps_sweep_get_n_variants (sweep), desc)
             : g_strdup_printf (_("%u variants trained; every one diverged."), ps_sweep_get_n_variants (sweep));
      if (best != G_MAXUINT)
        gtk_list_box_select_row (self->results, g_ptr_array_index (self->rows, best));
    }
  set_status (self, text, !ok && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED));
}

/* (transfer full) (nullable): a copy of @data the session cannot change */
static PsDataset *
copy_dataset (PsDataset *data)
{
  return data != NULL ? ps_dataset_slice (data, 0, ps_dataset_get_n_samples (data)) : NULL;
}

static gboolean
add_axis (PsSweepDialog  *self,
          PsSweep        *sweep,
          GtkDropDown    *key_dropdown,
          GtkEntry       *entry,
          GError        **error)
{
  PsSweepKey key = (PsSweepKey) gtk_drop_down_get_selected (key_dropdown);
  g_autoptr(GArray) values = NULL;

  values = ps_sweep_parse_values (key, gtk_editable_get_text (GTK_EDITABLE (entry)), error);
  return values != NULL
         && ps_sweep_add_axis (sweep, key, (const PsSweepValue *) values->data, values->len, error);
}

static void
on_run_clicked (PsSweepDialog *self)
{
  PsDataset *train = ps_session_get_train (self->session);
  PsDataset *test = ps_session_get_test (self->session);
  g_autoptr(PsDataset) train_copy = NULL;
  g_autoptr(PsDataset) test_copy = NULL;
  g_autoptr(PsSweep) sweep = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *layers = NULL;
  PsTrainingSettings settings;

  if (self->running)
    return;
  if (train == NULL || ps_session_is_busy (self->session))
    {
      set_status (self, _("Load a dataset first."), TRUE);
      return;
    }
  train_copy = copy_dataset (train);
  test_copy = test == train ? ps_dataset_ref (train_copy) : copy_dataset (test);
  layers = g_strdup_printf ("%zu,%s", (gsize) ps_dataset_get_n_features (train),
                            ps_session_get_network_spec (self->session));
  ps_session_get_settings (self->session, &settings);
  sweep = ps_sweep_new (layers, &settings.train, settings.init, train_copy, test_copy, &error);
  if (sweep == NULL
      || !add_axis (self, sweep, self->key1, self->values1, &error)
      || (gtk_check_button_get_active (self->second_check)
          && !add_axis (self, sweep, self->key2, self->values2, &error)))
    {
      set_status (self, error->message, TRUE);
      return;
    }

  clear_sweep (self);
  self->sweep = g_steal_pointer (&sweep);
  self->grids = g_new0 (PsBoundaryGrid *, ps_sweep_get_n_variants (self->sweep));
  if (is_2d (self))
    {
      self->points = g_new (float, ps_dataset_get_n_samples (train_copy) * 2 + 2);
      ps_dataset_get_raw_columns (train_copy, 2, self->points);
      ps_dataset_bounds_2d (train_copy, 0.1, &self->x0, &self->x1, &self->y0, &self->y1);
    }
  build_rows (self);
  size_grid (self);
  gtk_widget_queue_draw (GTK_WIDGET (self->grid_area));
  gtk_progress_bar_set_fraction (self->progress, 0.0);
  {
    g_autofree char *text = g_strdup_printf (_("Training %u variants on %u cores…"),
                                             ps_sweep_get_n_variants (self->sweep),
                                             ps_sweep_get_n_workers (self->sweep));

    set_status (self, text, FALSE);
  }

  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_signal_connect_object (self->sweep, "variant-finished", G_CALLBACK (on_variant_finished), self, 0);
  set_running (self, TRUE);
  self->progress_id = g_timeout_add (100, update_progress, self);
  ps_sweep_run_async (self->sweep, self->cancellable, on_sweep_done, g_object_ref (self));
}

static void
on_stop_clicked (PsSweepDialog *self)
{
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}

static void
on_key_changed (GtkDropDown   *dropdown,
                GParamSpec    *pspec,
                PsSweepDialog *self)
{
  GtkEntry *entry = dropdown == self->key1 ? self->values1 : self->values2;
  guint k = gtk_drop_down_get_selected (dropdown);

  if (k < PS_SWEEP_N_KEYS)
    gtk_editable_set_text (GTK_EDITABLE (entry), default_values[k]);
}

static void
on_second_toggled (PsSweepDialog *self)
{
  gboolean on = gtk_check_button_get_active (self->second_check);

  gtk_widget_set_sensitive (GTK_WIDGET (self->key2), on);
  gtk_widget_set_sensitive (GTK_WIDGET (self->values2), on);
}

/* ---- the object -------------------------------------------------------------- */

static void
ps_sweep_dialog_dispose (GObject *object)
{
  PsSweepDialog *self = PS_SWEEP_DIALOG (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->progress_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), PS_TYPE_SWEEP_DIALOG);

  G_OBJECT_CLASS (ps_sweep_dialog_parent_class)->dispose (object);
}

static void
ps_sweep_dialog_finalize (GObject *object)
{
  PsSweepDialog *self = PS_SWEEP_DIALOG (object);

  clear_sweep (self);
  g_clear_object (&self->cancellable);
  g_ptr_array_unref (self->rows);

  G_OBJECT_CLASS (ps_sweep_dialog_parent_class)->finalize (object);
}

static void
ps_sweep_dialog_class_init (PsSweepDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ps_sweep_dialog_dispose;
  object_class->finalize = ps_sweep_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/perceptronstudio/PerceptronStudio/ps-sweep-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PsSweepDialog, key1);
  gtk_widget_class_bind_template_child (widget_class, PsSweepDialog, values1);
  gtk_widget_class_bind_template_child (widget_class, PsSweepDialog, second_check);
  gtk_widget_class_bind_template_child (widget_class, PsSweepDialog, key2);
  gtk_widget_class_bind_template_child (widget_class, PsSweepDialog, values2);
  gtk_widget_class_bind_template_child (widget_class, PsSweepDialog, run_button);
  gtk_widget_class_bind_template_child (widget_class, PsSweepDialog, stop_button);
  gtk_widget_class_bind_template_child (widget_class, PsSweepDialog, progress);
  gtk_widget_class_bind_template_child (widget_class, PsSweepDialog, status_label);
  gtk_widget_class_bind_template_child (widget_class, PsSweepDialog, grid_area);
  gtk_widget_class_bind_template_child (widget_class, PsSweepDialog, results);
  gtk_widget_class_bind_template_callback (widget_class, on_run_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_second_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);
}

static void
ps_sweep_dialog_init (PsSweepDialog *self)
{
  GtkGesture *click;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_ptr_array_new ();
  gtk_drop_down_set_selected (self->key2, PS_SWEEP_SEED);
  gtk_editable_set_text (GTK_EDITABLE (self->values1), default_values[PS_SWEEP_LR]);
  gtk_editable_set_text (GTK_EDITABLE (self->values2), default_values[PS_SWEEP_SEED]);
  g_signal_connect (self->key1, "notify::selected", G_CALLBACK (on_key_changed), self);
  g_signal_connect (self->key2, "notify::selected", G_CALLBACK (on_key_changed), self);
  on_second_toggled (self);
  gtk_drawing_area_set_draw_func (self->grid_area, draw_grid, self, NULL);
  click = gtk_gesture_click_new ();
  g_signal_connect (click, "pressed", G_CALLBACK (on_grid_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self->grid_area), GTK_EVENT_CONTROLLER (click));
  set_running (self, FALSE);
}

GtkWidget *
ps_sweep_dialog_new (PsSession *session,
                     GtkWindow *parent)
{
  PsSweepDialog *self;

  g_return_val_if_fail (PS_IS_SESSION (session), NULL);

  self = g_object_new (PS_TYPE_SWEEP_DIALOG, "transient-for", parent, NULL);
  self->session = session;
  return GTK_WIDGET (self);
}

gpointer
ps_sweep_dialog_get_sweep (PsSweepDialog *self)
{
  g_return_val_if_fail (PS_IS_SWEEP_DIALOG (self), NULL);
  return self->sweep;
}
