/* ps-evaluate-dialog.c
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ps-evaluate-dialog.h"

#include <glib/gi18n.h>

#include "ps-a11y.h"

#include "ps-export-dialog.h"
#include "ps-plot.h"
#include "ps-samples-view.h"

/* Samples listed for one confusion cell: few enough that each image and
 * its bars of every class stay readable beside the matrix. */
#define MAX_CELL_SAMPLES 24
#define MAX_CELL_ROWS    200
#define CHUNK            256

struct _PsEvaluateDialog
{
  GtkWindow        parent_instance;

  GtkButton       *export_button;
  GtkLabel        *summary_label;
  GtkSpinner      *spinner;
  GtkDrawingArea  *matrix_area;
  GtkLabel        *cell_label;
  GtkStack        *cell_stack;
  PsSamplesView   *samples_view;
  GtkLabel        *points_label;

  PsSnapshot      *snapshot;
  PsDataset       *data;        /* the evaluated set (borrowed from the snapshot) */
  gboolean         on_train;    /* no test set: evaluated on the training set */
  GCancellable    *cancellable;

  gboolean         ready;
  double           loss;
  double           accuracy;
  guint            n_classes;
  guint            n_outputs;
  guint64         *confusion;   /* n_classes² */
  guint32         *predicted;   /* n_samples */
  float           *outputs;     /* n_samples × n_outputs */
  char           **class_names; /* n_classes + NULL */
  char            *title;

  int              sel_true;    /* -1: no cell selected */
  int              sel_pred;
};

/* 1000² cells of 8 bytes: 8 MB, and far more than anyone can read */
#define PS_EVALUATE_MAX_CLASSES 1000

G_DEFINE_FINAL_TYPE (PsEvaluateDialog, ps_evaluate_dialog, GTK_TYPE_WINDOW)

enum {
  READY,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---- the worker ---------------------------------------------------------- */

typedef struct
{
  PsSnapshot *snapshot;
  PsDataset  *data;
  guint       n_classes;
  guint       n_outputs;
  double      loss;
  double      accuracy;
  guint64    *confusion;
  guint32    *predicted;
  float      *outputs;
} Job;

static void
job_free (Job *job)
{
  ps_snapshot_unref (job->snapshot);
  g_free (job->confusion);
  g_free (job->predicted);
  g_free (job->outputs);
  g_free (job);
}

static void
evaluate_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  Job *job = task_data;
  const PsNetwork *net = job->snapshot->network;
  const PsDataset *data = job->data;
  g_autofree float *x = g_new (float, (gsize) CHUNK * ps_dataset_get_n_features (data));
  double rmse;

  ps_evaluate (net, data, job->snapshot->loss, &job->loss, &job->accuracy, &rmse, job->confusion);

  /* Each sample's outputs, for the cells' sample lists. */
  for (gsize first = 0; first < ps_dataset_get_n_samples (data); first += CHUNK)
    {
      gsize n = MIN (CHUNK, ps_dataset_get_n_samples (data) - first);
      float *out = job->outputs + first * job->n_outputs;

      if (g_cancellable_is_cancelled (cancellable))
        break;

      ps_dataset_gather (data, NULL, first, n, x, NULL);
      ps_network_predict (net, x, n, out);
      for (gsize i = 0; i < n; i++)
        job->predicted[first + i] = ps_network_classify_row (net, out + i * job->n_outputs);
    }

  g_task_return_boolean (task, !g_cancellable_is_cancelled (cancellable));
}

/* ---- drawing and cells --------------------------------------------------- */

void
ps_evaluate_dialog_render (cairo_t *cr,
                           double   width,
                           double   height,
                           gpointer user_data)
{
  PsEvaluateDialog *self = user_data;

  g_return_if_fail (PS_IS_EVALUATE_DIALOG (self));

  if (!self->ready)
    return;

  ps_plot_confusion_selected (cr, width, height, self->confusion, self->n_classes,
                              (const char **) self->class_names, self->title,
                              self->sel_true, self->sel_pred);
}

static void
draw_cb (GtkDrawingArea *area,
         cairo_t        *cr,
         int             width,
         int             height,
         gpointer        user_data)
{
  PsEvaluateDialog *self = user_data;

  ps_evaluate_dialog_render (cr, width, height, self);
}

static gboolean
cell_at (PsEvaluateDialog *self,
         double            width,
         double            height,
         double            x,
         double            y,
         guint            *true_class,
         guint            *predicted)
{
  return ps_plot_confusion_hit (width, height, self->confusion, self->n_classes,
                                (const char **) self->class_names, self->title,
                                x, y, true_class, predicted);
}

/* Probability the network gave to class k for sample i. */
static double
probability (PsEvaluateDialog *self,
             gsize             i,
             guint             k)
{
  const float *out = self->outputs + i * self->n_outputs;

  if (self->n_outputs == 1)
    return k == 1 ? out[0] : 1.0 - out[0];

  return k < self->n_outputs ? out[k] : 0.0;
}

static const char *
class_label (PsEvaluateDialog *self,
             guint             k)
{
  return self->class_names[k];
}

static gboolean
is_image (const PsDataset *data)
{
  return ps_dataset_get_image_width (data) > 0 && ps_dataset_get_image_height (data) > 0
         && (gsize) ps_dataset_get_image_width (data) * ps_dataset_get_image_height (data) == ps_dataset_get_n_features (data);
}

guint
ps_evaluate_dialog_select_cell (PsEvaluateDialog *self,
                                guint             true_class,
                                guint             predicted)
{
  const PsDataset *data;
  g_autoptr(GArray) idx = NULL;
  g_autoptr(GPtrArray) captions = NULL;
  g_autoptr(GString) text = NULL;
  g_autofree char *header = NULL;
  g_autoptr(GArray) bars = NULL;
  g_autoptr(GArray) truth = NULL;
  gboolean is_prob;
  guint count = 0;

  g_return_val_if_fail (PS_IS_EVALUATE_DIALOG (self), 0);
  g_return_val_if_fail (self->ready, 0);
  g_return_val_if_fail (true_class < self->n_classes && predicted < self->n_classes, 0);

  data = self->data;
  /* a step output's 0 and 1 are no probabilities: none is shown */
  is_prob = ps_samples_view_output_is_probability (self->snapshot->network);
  bars = g_array_new (FALSE, FALSE, sizeof (float));
  truth = g_array_new (FALSE, FALSE, sizeof (guint32));
  idx = g_array_new (FALSE, FALSE, sizeof (guint32));
  captions = g_ptr_array_new_with_free_func (g_free);
  text = g_string_new (NULL);

  if (!is_image (data))
    {
      g_string_append_printf (text, "%-7s", _("Sample"));
      for (gsize j = 0; j < MIN (ps_dataset_get_n_features (data), 4); j++)
        {
          g_autofree char *name = ps_dataset_get_feature_names (data) != NULL && ps_dataset_get_feature_names (data)[j] != NULL
                                  ? g_strdup (ps_dataset_get_feature_names (data)[j])
                                  : g_strdup_printf ("x%zu", j + 1);

          g_string_append_printf (text, " %9.9s", name);
        }
      if (ps_dataset_get_n_features (data) > 4)
        g_string_append (text, "  ");
      if (is_prob)
        g_string_append_printf (text, "   p(%s)\n", class_label (self, predicted));
      else
        g_string_append_printf (text, "   %s\n", _("no probability"));
    }

  for (gsize i = 0; i < ps_dataset_get_n_samples (data); i++)
    {
      double p;

      if (ps_dataset_get_labels (data)[i] != true_class || self->predicted[i] != predicted)
        continue;

      count++;
      p = probability (self, i, predicted);
      if (idx->len < MAX_CELL_SAMPLES)
        {
          guint32 v = i;

          g_array_append_val (idx, v);
          g_array_append_val (truth, true_class);
          g_array_set_size (bars, bars->len + self->n_classes);
          ps_samples_view_class_probs (self->snapshot->network, self->outputs + i * self->n_outputs, self->n_classes,
                                       &g_array_index (bars, float, bars->len - self->n_classes));
          /* the bars show every class; the caption names the prediction */
          if (is_prob)
            g_ptr_array_add (captions, g_strdup_printf ("%s %.0f%%", class_label (self, predicted), 100 * p));
          else
            g_ptr_array_add (captions, g_strdup (_("no probability")));
        }
      if (!is_image (data) && count <= MAX_CELL_ROWS)
        {
          g_string_append_printf (text, "#%-6zu", i + 1);
          for (gsize j = 0; j < MIN (ps_dataset_get_n_features (data), 4); j++)
            g_string_append_printf (text, " %9.4g", (double) ps_dataset_get_raw (data, i, j));
          if (ps_dataset_get_n_features (data) > 4)
            g_string_append (text, " …");
          if (is_prob)
            g_string_append_printf (text, "   %.3f\n", p);
          else
            g_string_append_printf (text, "   —\n");
        }
    }
  g_ptr_array_add (captions, NULL);

  self->sel_true = true_class;
  self->sel_pred = predicted;
  gtk_widget_queue_draw (GTK_WIDGET (self->matrix_area));

  header = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "True class %s, predicted %s: %u sample",
                                         "True class %s, predicted %s: %u samples",
                                         count),
                            class_label (self, true_class), class_label (self, predicted), count);
  if (count > MAX_CELL_SAMPLES && is_image (data))
    {
      g_autofree char *more = g_strdup_printf (_("%s (showing the first %u)"), header, MAX_CELL_SAMPLES);

      g_free (header);
      header = g_steal_pointer (&more);
    }
  else if (count > MAX_CELL_ROWS && !is_image (data))
    g_string_append_printf (text, _("… and %u more\n"), count - MAX_CELL_ROWS);
  gtk_label_set_text (self->cell_label, header);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->matrix_area),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, header,
                                  -1);

  if (is_image (data))
    {
      ps_samples_view_set_samples (self->samples_view, self->data,
                                   (const guint32 *) (gpointer) idx->data, idx->len,
                                   (const char *const *) captions->pdata);
      ps_samples_view_set_bars (self->samples_view, is_prob ? (const float *) (gpointer) bars->data : NULL,
                                self->n_classes, (const guint32 *) (gpointer) truth->data);
      gtk_stack_set_visible_child (self->cell_stack, GTK_WIDGET (self->samples_view));
    }
  else
    {
      if (count == 0)
        g_string_append (text, _("No samples in this cell."));
      gtk_label_set_text (self->points_label, text->str);
      gtk_stack_set_visible_child_name (self->cell_stack, "points");
    }

  return count;
}

static void
on_matrix_pressed (GtkGestureClick  *gesture,
                   int               n_press,
                   double            x,
                   double            y,
                   PsEvaluateDialog *self)
{
  guint t, p;

  if (!self->ready)
    return;

  gtk_widget_grab_focus (GTK_WIDGET (self->matrix_area));
  if (cell_at (self,
               gtk_widget_get_width (GTK_WIDGET (self->matrix_area)),
               gtk_widget_get_height (GTK_WIDGET (self->matrix_area)),
               x, y, &t, &p))
    ps_evaluate_dialog_select_cell (self, t, p);
}

/* Arrow keys move the selected cell: the matrix works without a pointer. */
static gboolean
on_matrix_key (GtkEventControllerKey *controller,
               guint                  keyval,
               guint                  keycode,
               GdkModifierType        state,
               PsEvaluateDialog      *self)
{
  int t = MAX (self->sel_true, 0), p = MAX (self->sel_pred, 0);
  int n;

  if (!self->ready)
    return FALSE;

  n = self->n_classes;
  switch (keyval)
    {
    case GDK_KEY_Up: case GDK_KEY_KP_Up: t--; break;
    case GDK_KEY_Down: case GDK_KEY_KP_Down: t++; break;
    case GDK_KEY_Left: case GDK_KEY_KP_Left: p--; break;
    case GDK_KEY_Right: case GDK_KEY_KP_Right: p++; break;
    case GDK_KEY_space: case GDK_KEY_Return: case GDK_KEY_KP_Enter: break;
    default: return FALSE;
    }

  ps_evaluate_dialog_select_cell (self, CLAMP (t, 0, n - 1), CLAMP (p, 0, n - 1));
  return TRUE;
}

static void
on_export_clicked (PsEvaluateDialog *self)
{
  PsExportDialog *dialog = ps_export_dialog_new (GTK_WINDOW (self), GTK_WIDGET (self));

  gtk_window_present (GTK_WINDOW (dialog));
}

/* The most frequent mistake, or the first cell when there is none. */
static void
select_most_confused (PsEvaluateDialog *self)
{
  guint best_t = 0, best_p = 0;
  guint64 best = 0;

  for (guint t = 0; t < self->n_classes; t++)
    for (guint p = 0; p < self->n_classes; p++)
      if (t != p && self->confusion[t * self->n_classes + p] > best)
        {
          best = self->confusion[t * self->n_classes + p];
          best_t = t;
          best_p = p;
        }

  ps_evaluate_dialog_select_cell (self, best_t, best_p);
}

/* ---- results ------------------------------------------------------------- */

static void
evaluate_done (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  PsEvaluateDialog *self = PS_EVALUATE_DIALOG (source);
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autofree char *summary = NULL;
  g_autofree char *acc = NULL;
  char loss[32];

  if (!g_task_propagate_boolean (G_TASK (result), NULL))
    return;

  self->loss = job->loss;
  self->accuracy = job->accuracy;
  self->confusion = g_steal_pointer (&job->confusion);
  self->predicted = g_steal_pointer (&job->predicted);
  self->outputs = g_steal_pointer (&job->outputs);
  self->ready = TRUE;

  acc = g_strdup_printf ("%.2f %%", 100.0 * self->accuracy);
  /* a diverged model's loss reads 5.7e+69, not 70 digits */
  ps_plot_format_number (self->loss, 4, 3, loss, sizeof loss);
  if (self->on_train)
    summary = g_strdup_printf (_("There is no test set, so this is the training set (%zu samples): loss %s, accuracy %s"),
                               ps_dataset_get_n_samples (self->data), loss, acc);
  else
    summary = g_strdup_printf (_("Test set, %zu samples: loss %s, accuracy %s"),
                               ps_dataset_get_n_samples (self->data), loss, acc);
  gtk_label_set_text (self->summary_label, summary);
  gtk_spinner_stop (self->spinner);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->export_button), TRUE);
  gtk_widget_queue_draw (GTK_WIDGET (self->matrix_area));
  select_most_confused (self);

  g_signal_emit (self, signals[READY], 0);
}

PsEvaluateDialog *
ps_evaluate_dialog_new (GtkWindow  *parent,
                        PsSnapshot *snapshot)
{
  PsEvaluateDialog *self;
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  const PsNetwork *net;
  Job *job;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (snapshot != NULL, NULL);
  g_return_val_if_fail (snapshot->network != NULL, NULL);
  g_return_val_if_fail (snapshot->train != NULL || snapshot->test != NULL, NULL);

  self = g_object_new (PS_TYPE_EVALUATE_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->snapshot = ps_snapshot_ref (snapshot);
  /* a gate's test set is its training table itself */
  self->on_train = snapshot->test == NULL || snapshot->test == snapshot->train;
  self->data = self->on_train ? snapshot->train : snapshot->test;

  net = snapshot->network;
  self->n_outputs = ps_network_n_outputs (net);
  self->n_classes = MAX (ps_dataset_get_n_classes (self->data), self->n_outputs == 1 ? 2 : self->n_outputs);
  self->title = g_strdup (self->on_train ? _("Confusion matrix, training set")
                                         : _("Confusion matrix, test set"));

  /* The matrix has n_classes² cells and a name per class: a class count
   * from a file (labels 0 and 99999) must not size an allocation. */
  if (self->n_classes > PS_EVALUATE_MAX_CLASSES)
    {
      g_autofree char *message = g_strdup_printf (_("Cannot evaluate: %u classes are more than a confusion matrix can show (at most %u)."),
                                                  self->n_classes, (guint) PS_EVALUATE_MAX_CLASSES);

      self->n_classes = 0;
      gtk_label_set_text (self->summary_label, message);
      gtk_spinner_stop (self->spinner);
      gtk_widget_set_visible (GTK_WIDGET (self->spinner), FALSE);
      return self;
    }
  self->class_names = g_new0 (char *, self->n_classes + 1);
  for (guint k = 0; k < self->n_classes; k++)
    {
      const char *name = NULL;

      if (ps_dataset_get_class_names (self->data) != NULL && k < g_strv_length ((char **) ps_dataset_get_class_names (self->data)))
        name = ps_dataset_get_class_names (self->data)[k];
      else if (net->classes != NULL && k < g_strv_length (net->classes))
        name = net->classes[k];
      self->class_names[k] = name != NULL ? g_strdup (name) : g_strdup_printf ("%u", k);
    }
  /* A test set that does not fit the network (another dataset was loaded
   * since): say so and evaluate nothing. */
  if (!ps_network_check_dataset (net, self->data, &error))
    {
      g_autofree char *message = g_strdup_printf (_("Cannot evaluate: %s."), error->message);

      gtk_label_set_text (self->summary_label, message);
      gtk_spinner_stop (self->spinner);
      gtk_widget_set_visible (GTK_WIDGET (self->spinner), FALSE);
      return self;
    }

  job = g_new0 (Job, 1);
  job->snapshot = ps_snapshot_ref (snapshot);
  job->data = self->data;
  job->n_classes = self->n_classes;
  job->n_outputs = self->n_outputs;
  job->confusion = g_new0 (guint64, (gsize) self->n_classes * self->n_classes);
  job->predicted = g_new (guint32, ps_dataset_get_n_samples (self->data));
  job->outputs = g_new (float, ps_dataset_get_n_samples (self->data) * self->n_outputs);

  task = g_task_new (self, self->cancellable, evaluate_done, NULL);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, evaluate_thread);

  return self;
}

gboolean
ps_evaluate_dialog_is_ready (PsEvaluateDialog *self)
{
  g_return_val_if_fail (PS_IS_EVALUATE_DIALOG (self), FALSE);

  return self->ready;
}

const char *
ps_evaluate_dialog_get_summary (PsEvaluateDialog *self)
{
  g_return_val_if_fail (PS_IS_EVALUATE_DIALOG (self), NULL);

  return gtk_label_get_text (self->summary_label);
}

double
ps_evaluate_dialog_get_loss (PsEvaluateDialog *self)
{
  g_return_val_if_fail (PS_IS_EVALUATE_DIALOG (self), 0);

  return self->loss;
}

double
ps_evaluate_dialog_get_accuracy (PsEvaluateDialog *self)
{
  g_return_val_if_fail (PS_IS_EVALUATE_DIALOG (self), 0);

  return self->accuracy;
}

const guint64 *
ps_evaluate_dialog_get_confusion (PsEvaluateDialog *self,
                                  guint            *n_classes)
{
  g_return_val_if_fail (PS_IS_EVALUATE_DIALOG (self), NULL);

  if (n_classes != NULL)
    *n_classes = self->ready ? self->n_classes : 0;

  return self->ready ? self->confusion : NULL;
}

static void
ps_evaluate_dialog_dispose (GObject *object)
{
  PsEvaluateDialog *self = PS_EVALUATE_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), PS_TYPE_EVALUATE_DIALOG);

  G_OBJECT_CLASS (ps_evaluate_dialog_parent_class)->dispose (object);
}

static void
ps_evaluate_dialog_finalize (GObject *object)
{
  PsEvaluateDialog *self = PS_EVALUATE_DIALOG (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->snapshot, ps_snapshot_unref);
  g_free (self->confusion);
  g_free (self->predicted);
  g_free (self->outputs);
  g_strfreev (self->class_names);
  g_free (self->title);

  G_OBJECT_CLASS (ps_evaluate_dialog_parent_class)->finalize (object);
}

static void
ps_evaluate_dialog_class_init (PsEvaluateDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ps_evaluate_dialog_dispose;
  object_class->finalize = ps_evaluate_dialog_finalize;

  /**
   * PsEvaluateDialog::ready:
   *
   * The evaluation finished and its results are shown.
   */
  signals[READY] = g_signal_new ("ready", G_TYPE_FROM_CLASS (klass),
                                 G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                 G_TYPE_NONE, 0);

  g_type_ensure (PS_TYPE_SAMPLES_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               PS_RESOURCE_BASE "/ps-evaluate-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PsEvaluateDialog, export_button);
  gtk_widget_class_bind_template_child (widget_class, PsEvaluateDialog, summary_label);
  gtk_widget_class_bind_template_child (widget_class, PsEvaluateDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, PsEvaluateDialog, matrix_area);
  gtk_widget_class_bind_template_child (widget_class, PsEvaluateDialog, cell_label);
  gtk_widget_class_bind_template_child (widget_class, PsEvaluateDialog, cell_stack);
  gtk_widget_class_bind_template_child (widget_class, PsEvaluateDialog, samples_view);
  gtk_widget_class_bind_template_child (widget_class, PsEvaluateDialog, points_label);
  gtk_widget_class_bind_template_callback (widget_class, on_matrix_pressed);
  gtk_widget_class_bind_template_callback (widget_class, on_matrix_key);
  gtk_widget_class_bind_template_callback (widget_class, on_export_clicked);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
ps_evaluate_dialog_init (PsEvaluateDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->sel_true = -1;
  self->sel_pred = -1;
  gtk_drawing_area_set_draw_func (self->matrix_area, draw_cb, self, NULL);
  gtk_stack_set_visible_child_name (self->cell_stack, "points");
  ps_a11y_fix_names (GTK_WIDGET (self));
}
