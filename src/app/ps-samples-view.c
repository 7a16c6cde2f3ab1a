/* ps-samples-view.c
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ps-samples-view.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ps-plot.h"
#include "ps-plot-samples.h"

/* "Only misclassified" looks this far into the training set at most: a
 * well-trained MNIST model errs on a few in a hundred, so this finds a
 * page of them and keeps each snapshot's scan short. */
#define MAX_SCAN   20000
#define SCAN_CHUNK 256

struct _PsSamplesView
{
  GtkWidget       parent_instance;

  GtkStack       *stack;
  GtkDrawingArea *area;
  GtkLabel       *placeholder;
  GtkWidget      *table_scroller;
  GtkLabel       *table_label;
  GtkWidget      *controls;
  GtkCheckButton *wrong_check;
  GtkLabel       *predictions_label;

  PsSnapshot     *snapshot;
  PsDataset      *data;
  /* The shown samples' pixels, gathered once per change (reused buffers). */
  GByteArray     *pixels_u8;
  GArray         *pixels_f;
  GPtrArray      *captions;
  GArray         *indices;      /* guint32: the dataset index of each tile */
  char           *title;        /* "Training samples, epoch N", or NULL */
  /* Predictions (issue 11 §7): a flag per tile (the frame and caption
   * marked), the evaluate gallery's bars (n × bar_n probabilities), the
   * table of data that are not images. */
  GArray         *wrong;        /* gboolean per tile, or empty */
  GArray         *bar_probs;    /* float */
  GArray         *bar_truth;    /* guint32 */
  guint           bar_n;
  char           *pred_table;   /* (nullable): the table with predictions */
  char           *pred_note;    /* (nullable): ", 3 misclassified" for the description */
  gboolean        predictions_stale; /* to redo when the view is mapped */
  guint           n;
  guint           image_w;
  guint           image_h;
};

G_DEFINE_FINAL_TYPE (PsSamplesView, ps_samples_view, GTK_TYPE_WIDGET)

enum {
  SIGNAL_SAMPLE_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

GtkWidget *
ps_samples_view_new (void)
{
  return g_object_new (PS_TYPE_SAMPLES_VIEW, NULL);
}

static gboolean
is_image (const PsDataset *data)
{
  return data != NULL
         && ps_dataset_get_image_width (data) > 0 && ps_dataset_get_image_height (data) > 0
         && (gsize) ps_dataset_get_image_width (data) * ps_dataset_get_image_height (data) == ps_dataset_get_n_features (data);
}

static const char *
class_name (const PsDataset *data,
            guint32          label)
{
  if (ps_dataset_get_class_names (data) != NULL && label < g_strv_length ((char **) ps_dataset_get_class_names (data)))
    return ps_dataset_get_class_names (data)[label];

  return NULL;
}

/* What ps_plot_samples_full() draws (and ps_plot_samples_hit() measures). */
static void
fill_data (PsSamplesView *self,
           PsSamplesData *d)
{
  memset (d, 0, sizeof *d);
  d->pixels_u8 = self->pixels_u8->len > 0 ? self->pixels_u8->data : NULL;
  d->pixels_f = self->pixels_u8->len > 0 ? NULL : (const float *) (gpointer) self->pixels_f->data;
  d->image_w = self->image_w;
  d->image_h = self->image_h;
  d->n = self->n;
  d->captions = (const char **) self->captions->pdata;
  d->wrong = self->wrong->len == self->n && self->n > 0 ? (const gboolean *) (gpointer) self->wrong->data : NULL;
  d->title = self->title;
}

static const PsSamplesBars *
fill_bars (PsSamplesView *self,
           PsSamplesBars *b)
{
  if (self->bar_n == 0 || self->bar_probs->len != self->n * self->bar_n)
    return NULL;
  b->probs = (const float *) (gpointer) self->bar_probs->data;
  b->n_probs = self->bar_n;
  b->truth = self->bar_truth->len == self->n ? (const guint32 *) (gpointer) self->bar_truth->data : NULL;
  return b;
}

void
ps_samples_view_render (cairo_t *cr,
                        double   width,
                        double   height,
                        gpointer user_data)
{
  PsSamplesView *self = user_data;

  g_return_if_fail (PS_IS_SAMPLES_VIEW (self));

  if (self->n == 0)
    return;

  {
    PsSamplesData d;
    PsSamplesBars b;

    fill_data (self, &d);
    ps_plot_samples_bars (cr, width, height, &d, fill_bars (self, &b));
  }
}

/* A click on a tile of the training set picks that sample. */
static void
on_click_released (GtkGestureClick *gesture,
                   int              n_press,
                   double           px,
                   double           py,
                   gpointer         user_data)
{
  PsSamplesView *self = user_data;
  PsSamplesData d;
  PsSamplesBars b;
  gint i;

  if (self->n == 0 || self->snapshot == NULL || self->data != self->snapshot->train)
    return;
  fill_data (self, &d);
  i = ps_plot_samples_bars_hit (gtk_widget_get_width (GTK_WIDGET (self->area)),
                                gtk_widget_get_height (GTK_WIDGET (self->area)), &d,
                                fill_bars (self, &b), px, py);
  if (i >= 0 && (guint) i < self->indices->len)
    g_signal_emit (self, signals[SIGNAL_SAMPLE_ACTIVATED], 0,
                   (guint) g_array_index (self->indices, guint32, i));
}

static void
draw_cb (GtkDrawingArea *area,
         cairo_t        *cr,
         int             width,
         int             height,
         gpointer        user_data)
{
  ps_samples_view_render (cr, width, height, user_data);
}

/* Appends cell right-aligned in width characters, cut with "…" when longer. */
static void
append_cell (GString    *s,
             const char *cell,
             guint       width)
{
  glong len = g_utf8_strlen (cell, -1);

  g_string_append (s, "  ");
  if (len > (glong) width)
    {
      g_string_append_len (s, cell, g_utf8_offset_to_pointer (cell, width - 1) - cell);
      g_string_append (s, "…");
      return;
    }
  for (glong k = len; k < (glong) width; k++)
    g_string_append_c (s, ' ');
  g_string_append (s, cell);
}

#define TABLE_CELL_MAX 12   /* characters; longer names end in "…" */

/* Data that are not images: their first rows, as the notebook prints its
 * gate tables. Each column is as wide as its widest cell (at most
 * TABLE_CELL_MAX) and two spaces apart: the names of the header never run
 * together ("sepal_lesepal_wi"). */
static char *
format_table (const PsDataset *data)
{
  GString *s = g_string_new (NULL);
  gsize n = MIN (ps_dataset_get_n_samples (data), PS_SAMPLES_VIEW_MAX_SAMPLES);
  gsize cols = MIN (ps_dataset_get_n_features (data), 8);
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);   /* (n + 1) × cols */
  guint widths[8] = { 0 };

  for (gsize j = 0; j < cols; j++)
    g_ptr_array_add (cells, ps_dataset_get_feature_names (data) != NULL && ps_dataset_get_feature_names (data)[j] != NULL
                            ? g_strdup (ps_dataset_get_feature_names (data)[j])
                            : g_strdup_printf ("x%zu", j + 1));
  for (gsize i = 0; i < n; i++)
    for (gsize j = 0; j < cols; j++)
      {
        char buf[G_ASCII_DTOSTR_BUF_SIZE];
        double v = ps_dataset_get_raw (data, i, j);

        g_ptr_array_add (cells, g_strdup (g_ascii_formatd (buf, sizeof buf, "%.4g", v)));
      }
  for (guint k = 0; k < cells->len; k++)
    widths[k % cols] = MAX (widths[k % cols],
                            MIN (g_utf8_strlen (g_ptr_array_index (cells, k), -1), TABLE_CELL_MAX));

  for (gsize i = 0; i <= n; i++)
    {
      for (gsize j = 0; j < cols; j++)
        append_cell (s, g_ptr_array_index (cells, i * cols + j), widths[j]);
      if (ps_dataset_get_n_features (data) > cols)
        g_string_append (s, "  …");
      if (i == 0)
        g_string_append_printf (s, "   %s\n", _("class"));
      else
        {
          const char *name = class_name (data, ps_dataset_get_labels (data)[i - 1]);

          if (name != NULL)
            g_string_append_printf (s, "   %s\n", name);
          else
            g_string_append_printf (s, "   %u\n", ps_dataset_get_labels (data)[i - 1]);
        }
    }
  if (ps_dataset_get_n_samples (data) > n)
    g_string_append_printf (s, _("… and %zu more samples\n"), ps_dataset_get_n_samples (data) - n);

  return g_string_free (s, FALSE);
}

static void
update_state (PsSamplesView *self)
{
  g_autofree char *description = NULL;

  if (self->n > 0)
    {
      description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                  "%u sample image of %s",
                                                  "%u sample images of %s",
                                                  self->n),
                                     self->n, ps_dataset_get_name (self->data) ? ps_dataset_get_name (self->data) : "");
      if (self->pred_note != NULL)
        {
          char *more = g_strconcat (description, self->pred_note, NULL);

          g_free (description);
          description = more;
        }
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->area),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                      -1);
      gtk_stack_set_visible_child (self->stack, GTK_WIDGET (self->area));
    }
  else
    {
      if (self->data != NULL && !is_image (self->data) && ps_dataset_get_n_samples (self->data) > 0)
        {
          g_autofree char *table = self->pred_table != NULL ? g_strdup (self->pred_table) : format_table (self->data);

          gtk_label_set_text (self->table_label, table);
          gtk_stack_set_visible_child (self->stack, self->table_scroller);
          gtk_widget_queue_draw (GTK_WIDGET (self->area));
          return;
        }
      gtk_label_set_text (self->placeholder,
                          self->data == NULL ? _("No data loaded") : _("No samples"));
      gtk_stack_set_visible_child (self->stack, GTK_WIDGET (self->placeholder));
    }

  gtk_widget_queue_draw (GTK_WIDGET (self->area));
}

void
ps_samples_view_set_samples (PsSamplesView     *self,
                             PsDataset         *data,
                             const guint32     *idx,
                             guint              n,
                             const char *const *captions)
{
  gsize size;

  g_return_if_fail (PS_IS_SAMPLES_VIEW (self));
  g_return_if_fail (n == 0 || idx != NULL);

  if (data != NULL)
    ps_dataset_ref (data);
  g_clear_pointer (&self->data, ps_dataset_unref);
  self->data = data;

  g_ptr_array_set_size (self->captions, 0);
  g_byte_array_set_size (self->pixels_u8, 0);
  g_array_set_size (self->pixels_f, 0);
  g_array_set_size (self->indices, 0);
  g_array_set_size (self->wrong, 0);
  g_array_set_size (self->bar_probs, 0);
  g_array_set_size (self->bar_truth, 0);
  self->bar_n = 0;
  g_clear_pointer (&self->pred_table, g_free);
  g_clear_pointer (&self->pred_note, g_free);
  self->n = 0;

  if (!is_image (data))
    {
      g_ptr_array_add (self->captions, NULL);
      update_state (self);
      return;
    }

  self->image_w = ps_dataset_get_image_width (data);
  self->image_h = ps_dataset_get_image_height (data);
  size = ps_dataset_get_n_features (data);

  if (ps_dataset_is_u8 (data))
    {
      g_byte_array_set_size (self->pixels_u8, n * size);
      for (guint i = 0; i < n; i++)
        {
          g_return_if_fail (idx[i] < ps_dataset_get_n_samples (data));
          for (gsize j = 0; j < size; j++)
            self->pixels_u8->data[i * size + j] = (guint8) ps_dataset_get_raw (data, idx[i], j);
        }
    }
  else
    {
      float top = 1.f;

      /* Raw pixel values may be bytes stored as floats (a CSV of 0..255). */
      g_array_set_size (self->pixels_f, n * size);
      for (guint i = 0; i < n; i++)
        {
          g_return_if_fail (idx[i] < ps_dataset_get_n_samples (data));
          for (gsize j = 0; j < size; j++)
            top = MAX (top, ps_dataset_get_raw (data, idx[i], j));
        }
      for (guint i = 0; i < n; i++)
        for (gsize j = 0; j < size; j++)
          g_array_index (self->pixels_f, float, i * size + j) =
            CLAMP (ps_dataset_get_raw (data, idx[i], j) / top, 0.f, 1.f);
    }

  for (guint i = 0; i < n; i++)
    {
      const char *caption = captions != NULL ? captions[i] : class_name (data, ps_dataset_get_labels (data)[idx[i]]);

      g_ptr_array_add (self->captions, g_strdup (caption));
    }
  g_ptr_array_add (self->captions, NULL);
  g_array_append_vals (self->indices, idx, n);
  self->n = n;

  update_state (self);
}

void
ps_samples_view_set_dataset (PsSamplesView *self,
                             PsDataset     *data)
{
  guint32 idx[PS_SAMPLES_VIEW_MAX_SAMPLES];
  guint n;

  g_return_if_fail (PS_IS_SAMPLES_VIEW (self));

  n = data != NULL ? MIN (ps_dataset_get_n_samples (data), PS_SAMPLES_VIEW_MAX_SAMPLES) : 0;
  for (guint i = 0; i < n; i++)
    idx[i] = i;

  ps_samples_view_set_samples (self, data, idx, n, NULL);
}

/**
 * ps_samples_view_output_is_probability:
 *
 * Whether @net's outputs are class probabilities (a sigmoid or softmax
 * output layer). A step output's 0 and 1 are not: no probability is shown
 * for it, rather than a fake one.
 */
gboolean
ps_samples_view_output_is_probability (const PsNetwork *net)
{
  PsActivation a;

  g_return_val_if_fail (net != NULL && net->n_layers > 0, FALSE);

  a = net->layers[net->n_layers - 1].activation;
  return a == PS_ACTIVATION_SIGMOID || a == PS_ACTIVATION_SOFTMAX;
}

/**
 * ps_samples_view_class_probs:
 * @out: one sample's output row
 * @probs: (out caller-allocates): @n_classes values
 *
 * The probability of each class: 1 − y and y for one output unit, the
 * outputs themselves otherwise.
 */
void
ps_samples_view_class_probs (const PsNetwork *net,
                             const float     *out,
                             guint            n_classes,
                             float           *probs)
{
  guint n_out = ps_network_n_outputs (net);

  for (guint k = 0; k < n_classes; k++)
    probs[k] = n_out == 1 ? (k == 1 ? out[0] : k == 0 ? 1.f - out[0] : 0.f)
                          : (k < n_out ? out[k] : 0.f);
}

/* "7", or the index when the class has no name */
static char *
dup_class_name (const PsDataset *data,
                guint32          k)
{
  const char *name = class_name (data, k);

  return name != NULL ? g_strdup (name) : g_strdup_printf ("%u", k);
}

/* The rows idx[0..n) of data that are not images, with the predicted
 * class, its probability (or none) and a mark on the wrong ones. */
static char *
format_prediction_table (const PsDataset *data,
                         const guint32   *idx,
                         guint            n,
                         const guint32   *pred,
                         const float     *p,
                         const gboolean  *wrong)
{
  GString *s = g_string_new (NULL);
  gsize cols = MIN (ps_dataset_get_n_features (data), 6);
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append_printf (s, "%6s", "#");
  for (gsize j = 0; j < cols; j++)
    {
      g_autofree char *name = ps_dataset_get_feature_names (data) != NULL && ps_dataset_get_feature_names (data)[j] != NULL
                              ? g_strdup (ps_dataset_get_feature_names (data)[j]) : g_strdup_printf ("x%zu", j + 1);

      append_cell (s, name, 8);
    }
  if (ps_dataset_get_n_features (data) > cols)
    g_string_append (s, "  …");
  append_cell (s, _("class"), 8);
  append_cell (s, _("predicted"), 10);
  append_cell (s, "p", p != NULL ? 6 : 14);
  g_string_append_c (s, '\n');
  for (guint r = 0; r < n; r++)
    {
      g_autofree char *truth = dup_class_name (data, ps_dataset_get_labels (data)[idx[r]]);
      g_autofree char *predicted = dup_class_name (data, pred[r]);

      g_string_append_printf (s, "%6u", idx[r] + 1);
      for (gsize j = 0; j < cols; j++)
        append_cell (s, g_ascii_formatd (buf, sizeof buf, "%.4g", ps_dataset_get_raw (data, idx[r], j)), 8);
      if (ps_dataset_get_n_features (data) > cols)
        g_string_append (s, "  …");
      append_cell (s, truth, 8);
      append_cell (s, predicted, 10);
      if (p != NULL)
        append_cell (s, g_ascii_formatd (buf, sizeof buf, "%.3f", p[r]), 6);
      else
        append_cell (s, _("no probability"), 14);
      g_string_append (s, wrong[r] ? _("  ✗ wrong") : "");
      g_string_append_c (s, '\n');
    }
  return g_string_free (s, FALSE);
}

/* The training set's first samples (or first misclassified ones) with
 * what the snapshot's network predicts for them: "7 → 3 64%" under each
 * image, wrong ones marked; a table for data that are not images. */
static void
show_predictions (PsSamplesView *self)
{
  PsSnapshot *snap = self->snapshot;
  PsDataset *data = snap->train;
  const PsNetwork *net = snap->network;
  gboolean only_wrong = gtk_check_button_get_active (self->wrong_check);
  gboolean is_prob = ps_samples_view_output_is_probability (net);
  gsize n_samples = ps_dataset_get_n_samples (data);
  gsize nf = ps_dataset_get_n_features (data);
  guint n_classes = MAX (ps_dataset_get_n_classes (data), 2);
  guint n_out = ps_network_n_outputs (net);
  gsize chunk = MAX (MIN (SCAN_CHUNK, n_samples), 1);
  g_autofree float *x = g_new (float, chunk * nf);
  g_autofree float *out = g_new (float, chunk * n_out);
  g_autofree float *probs = g_new (float, n_classes);
  g_autoptr(GPtrArray) captions = g_ptr_array_new_with_free_func (g_free);
  guint32 idx[PS_SAMPLES_VIEW_MAX_SAMPLES], pred[PS_SAMPLES_VIEW_MAX_SAMPLES];
  float pmax[PS_SAMPLES_VIEW_MAX_SAMPLES];
  gboolean wrong[PS_SAMPLES_VIEW_MAX_SAMPLES];
  guint n = 0, n_wrong = 0;
  gsize scanned = 0;
  g_autofree char *summary = NULL;
  g_autofree char *note = NULL;

  self->predictions_stale = FALSE;
  for (gsize first = 0; first < n_samples && first < MAX_SCAN && n < PS_SAMPLES_VIEW_MAX_SAMPLES; first += chunk)
    {
      gsize m = MIN (chunk, n_samples - first);

      ps_dataset_gather (data, NULL, first, m, x, NULL);
      ps_network_predict (net, x, m, out);
      for (gsize i = 0; i < m && n < PS_SAMPLES_VIEW_MAX_SAMPLES; i++)
        {
          guint32 label = ps_dataset_get_labels (data)[first + i];
          guint32 k = ps_network_classify_row (net, out + i * n_out);
          g_autofree char *t = NULL;
          g_autofree char *c = NULL;

          scanned = first + i + 1;
          if (only_wrong && k == label)
            continue;
          ps_samples_view_class_probs (net, out + i * n_out, n_classes, probs);
          idx[n] = first + i;
          pred[n] = k;
          pmax[n] = k < n_classes ? probs[k] : 0;
          wrong[n] = k != label;
          n_wrong += wrong[n];
          t = dup_class_name (data, label);
          c = dup_class_name (data, k);
          if (is_prob)
            g_ptr_array_add (captions, g_strdup_printf ("%s → %s %.0f%%", t, c, 100.0 * pmax[n]));
          else
            g_ptr_array_add (captions, g_strdup_printf ("%s → %s", t, c));
          n++;
        }
    }
  g_ptr_array_add (captions, NULL);

  ps_samples_view_set_samples (self, data, idx, n, (const char *const *) captions->pdata);
  g_array_append_vals (self->wrong, wrong, n);
  if (!is_image (data))
    self->pred_table = format_prediction_table (data, idx, n, pred, is_prob ? pmax : NULL, wrong);

  if (only_wrong)
    summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "%u misclassified in the first %zu samples",
                                            "%u misclassified in the first %zu samples",
                                            n_wrong),
                               n_wrong, scanned);
  else
    summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "%u of these %u samples misclassified",
                                            "%u of these %u samples misclassified",
                                            n),
                               n_wrong, n);
  if (!is_prob)
    {
      char *more = g_strdup_printf (net->layers[net->n_layers - 1].activation == PS_ACTIVATION_STEP
                                    ? _("%s · no probability (step output)")
                                    : _("%s · no probability (the output is not a sigmoid or softmax)"),
                                    summary);

      g_free (summary);
      summary = more;
    }
  gtk_label_set_text (self->predictions_label, summary);
  note = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, ", %u misclassified", ", %u misclassified", n_wrong), n_wrong);
  self->pred_note = g_steal_pointer (&note);
  update_state (self);
}

/* The samples of the snapshot's training set: with its network's
 * predictions when there is one, else the first samples as they are. */
static void
refresh (PsSamplesView *self)
{
  PsSnapshot *snap = self->snapshot;
  gboolean predict = snap != NULL && snap->network != NULL && snap->train != NULL
                     && ps_dataset_get_n_samples (snap->train) > 0
                     && snap->network->n_inputs == ps_dataset_get_n_features (snap->train);

  gtk_widget_set_visible (self->controls, predict);
  g_clear_pointer (&self->title, g_free);
  /* The epoch of the network the other views show (a checkpoint writes
   * its epoch even when it is 0), as the boundary view writes it. */
  if (predict && (snap->epoch > 0 || snap->checkpoint))
    self->title = g_strdup_printf (gtk_check_button_get_active (self->wrong_check)
                                   ? _("Misclassified training samples, epoch %u")
                                   : _("Training samples, epoch %u"), snap->epoch);
  else if (predict && gtk_check_button_get_active (self->wrong_check))
    self->title = g_strdup (_("Misclassified training samples"));
  gtk_widget_queue_draw (GTK_WIDGET (self->area));

  if (!predict)
    {
      /* The samples do not change while a run trains: skip the copy. */
      if (snap != NULL && snap->train == self->data && self->n > 0 && self->wrong->len == 0)
        return;
      ps_samples_view_set_dataset (self, snap != NULL ? snap->train : NULL);
      return;
    }
  /* predicting costs a forward pass: a hidden page waits until it shows */
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)) && self->data == snap->train && self->n > 0)
    {
      self->predictions_stale = TRUE;
      return;
    }
  show_predictions (self);
}

static void
on_map (PsSamplesView *self)
{
  if (self->predictions_stale)
    refresh (self);
}

void
ps_samples_view_set_snapshot (PsSamplesView *self,
                              PsSnapshot    *snapshot)
{
  g_return_if_fail (PS_IS_SAMPLES_VIEW (self));

  if (snapshot == self->snapshot)
    return;

  if (snapshot != NULL)
    ps_snapshot_ref (snapshot);
  g_clear_pointer (&self->snapshot, ps_snapshot_unref);
  self->snapshot = snapshot;
  refresh (self);
}

/**
 * ps_samples_view_set_bars:
 * @probs: (nullable): n × @n_probs class probabilities of the samples
 *   shown (copied), in [0, 1]; NULL: no bars
 * @truth: (nullable): their true classes
 *
 * Bars under each caption (the evaluate gallery), after
 * ps_samples_view_set_samples().
 */
void
ps_samples_view_set_bars (PsSamplesView *self,
                          const float   *probs,
                          guint          n_probs,
                          const guint32 *truth)
{
  g_return_if_fail (PS_IS_SAMPLES_VIEW (self));

  g_array_set_size (self->bar_probs, 0);
  g_array_set_size (self->bar_truth, 0);
  self->bar_n = probs != NULL ? n_probs : 0;
  if (probs != NULL && self->n > 0)
    g_array_append_vals (self->bar_probs, probs, self->n * n_probs);
  if (truth != NULL && self->n > 0)
    g_array_append_vals (self->bar_truth, truth, self->n);
  gtk_widget_queue_draw (GTK_WIDGET (self->area));
}

/**
 * ps_samples_view_set_compact:
 * @compact: TRUE for a small picture (the dataset panel)
 *
 * A compact view asks for less room.
 */
void
ps_samples_view_set_compact (PsSamplesView *self,
                             gboolean       compact)
{
  g_return_if_fail (PS_IS_SAMPLES_VIEW (self));

  gtk_drawing_area_set_content_width (self->area, compact ? 160 : 280);
  gtk_drawing_area_set_content_height (self->area, compact ? 160 : 280);
}

guint
ps_samples_view_get_n_samples (PsSamplesView *self)
{
  g_return_val_if_fail (PS_IS_SAMPLES_VIEW (self), 0);

  return self->n;
}

gboolean
ps_samples_view_has_data (PsSamplesView *self)
{
  g_return_val_if_fail (PS_IS_SAMPLES_VIEW (self), FALSE);

  return self->n > 0;
}

static void
ps_samples_view_dispose (GObject *object)
{
  PsSamplesView *self = PS_SAMPLES_VIEW (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), PS_TYPE_SAMPLES_VIEW);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_pointer (&self->snapshot, ps_snapshot_unref);
  g_clear_pointer (&self->data, ps_dataset_unref);

  G_OBJECT_CLASS (ps_samples_view_parent_class)->dispose (object);
}

static void
ps_samples_view_finalize (GObject *object)
{
  PsSamplesView *self = PS_SAMPLES_VIEW (object);

  g_byte_array_unref (self->pixels_u8);
  g_array_unref (self->pixels_f);
  g_ptr_array_unref (self->captions);
  g_array_unref (self->indices);
  g_array_unref (self->wrong);
  g_array_unref (self->bar_probs);
  g_array_unref (self->bar_truth);
  g_free (self->pred_table);
  g_free (self->pred_note);
  g_free (self->title);

  G_OBJECT_CLASS (ps_samples_view_parent_class)->finalize (object);
}

static void
ps_samples_view_class_init (PsSamplesViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ps_samples_view_dispose;
  object_class->finalize = ps_samples_view_finalize;

  /**
   * PsSamplesView::sample-activated:
   * @index: the training-set index of the image clicked
   *
   * A click on an image, when the grid shows the training set.
   */
  signals[SIGNAL_SAMPLE_ACTIVATED] =
    g_signal_new ("sample-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               PS_RESOURCE_BASE "/ps-samples-view.ui");
  gtk_widget_class_bind_template_child (widget_class, PsSamplesView, stack);
  gtk_widget_class_bind_template_child (widget_class, PsSamplesView, area);
  gtk_widget_class_bind_template_child (widget_class, PsSamplesView, placeholder);
  gtk_widget_class_bind_template_child (widget_class, PsSamplesView, table_scroller);
  gtk_widget_class_bind_template_child (widget_class, PsSamplesView, table_label);
  gtk_widget_class_bind_template_child (widget_class, PsSamplesView, controls);
  gtk_widget_class_bind_template_child (widget_class, PsSamplesView, wrong_check);
  gtk_widget_class_bind_template_child (widget_class, PsSamplesView, predictions_label);
}

static void
ps_samples_view_init (PsSamplesView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->pixels_u8 = g_byte_array_new ();
  self->pixels_f = g_array_new (FALSE, FALSE, sizeof (float));
  self->captions = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->captions, NULL);
  self->indices = g_array_new (FALSE, FALSE, sizeof (guint32));
  self->wrong = g_array_new (FALSE, FALSE, sizeof (gboolean));
  self->bar_probs = g_array_new (FALSE, FALSE, sizeof (float));
  self->bar_truth = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_signal_connect_swapped (self->wrong_check, "toggled", G_CALLBACK (refresh), self);
  g_signal_connect (self, "map", G_CALLBACK (on_map), NULL);

  gtk_drawing_area_set_draw_func (self->area, draw_cb, self, NULL);
  {
    GtkGesture *click = gtk_gesture_click_new ();

    gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
    g_signal_connect (click, "released", G_CALLBACK (on_click_released), self);
    gtk_widget_add_controller (GTK_WIDGET (self->area), GTK_EVENT_CONTROLLER (click));
  }
  update_state (self);
}
