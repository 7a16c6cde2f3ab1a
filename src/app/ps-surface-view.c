/* ps-surface-view.c
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ps-surface-view.h"

#include <glib/gi18n.h>
#include <math.h>

#include "ps-plot.h"
#include "ps-surface.h"

/* While a run trains, a new grid starts at most this often (ms): a few a
 * second is enough to watch, and leaves the cores to the training. */
#define LIVE_INTERVAL_MS 250
/* ... and this often while the view is not on screen (an export still
 * finds a recent picture). */
#define HIDDEN_INTERVAL_MS 2000

struct _PsSurfaceView
{
  GtkWidget       parent_instance;

  GtkDropDown    *first_dropdown;
  GtkDropDown    *second_dropdown;
  GtkSpinner     *spinner;
  GtkStack       *stack;
  GtkDrawingArea *area;
  GtkLabel       *placeholder;

  GtkStringList  *names;         /* one entry per parameter, as refs */
  GArray         *refs;          /* PsParamRef, in the dropdowns' order */
  char           *arch;          /* the architecture the lists were built for */
  guint           first, second; /* indices into refs */
  gboolean        updating;      /* the dropdowns are being set by the view */

  PsSnapshot     *snapshot;
  PsSession      *session;
  PsTimeline     *timeline;

  /* requests */
  GCancellable   *cancellable;   /* the running request's, or NULL */
  guint           generation;    /* of the latest request */
  guint           throttle_id;
  gboolean        pending;       /* a live snapshot came while a grid was computed */
  gint64          last_start;    /* monotonic µs */
  guint           n_computed;
  guint           n_cancelled;

  /* the grid shown */
  float          *grid;
  PsSurfaceGrid   shown;
  double         *path;
  guint           n_path;
  char           *title;
  char           *x_label;
  char           *y_label;
  char           *value_label;
};

G_DEFINE_FINAL_TYPE (PsSurfaceView, ps_surface_view, GTK_TYPE_WIDGET)

typedef struct
{
  PsSnapshot    *snapshot;       /* the network and data (immutable) */
  PsSurfaceGrid  grid;
  float         *out;
  double        *path;
  guint          n_path;
  guint          generation;
} Job;

static void
job_free (Job *job)
{
  ps_snapshot_unref (job->snapshot);
  g_free (job->out);
  g_free (job->path);
  g_free (job);
}

GtkWidget *
ps_surface_view_new (void)
{
  return g_object_new (PS_TYPE_SURFACE_VIEW, NULL);
}

static const PsNetwork *
get_network (PsSurfaceView *self)
{
  if (self->snapshot == NULL || self->snapshot->network == NULL
      || self->snapshot->network->n_layers == 0)
    return NULL;
  return self->snapshot->network;
}

static gboolean
data_fits (PsSurfaceView *self)
{
  const PsNetwork *net = get_network (self);
  const PsDataset *train = self->snapshot != NULL ? self->snapshot->train : NULL;

  return net != NULL && train != NULL && ps_dataset_get_n_samples (train) > 0
         && ps_dataset_get_n_features (train) == net->n_inputs;
}

static char *
describe_architecture (const PsNetwork *net)
{
  GString *s = g_string_new (NULL);

  g_string_append_printf (s, "%u", net->n_inputs);
  for (guint i = 0; i < net->n_layers; i++)
    g_string_append_printf (s, ",%u", net->layers[i].units);
  return g_string_free (s, FALSE);
}

static void
clear_shown (PsSurfaceView *self)
{
  g_clear_pointer (&self->grid, g_free);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->x_label, g_free);
  g_clear_pointer (&self->y_label, g_free);
  g_clear_pointer (&self->value_label, g_free);
  self->n_path = 0;
}

static void
cancel_request (PsSurfaceView *self)
{
  self->pending = FALSE;
  g_clear_handle_id (&self->throttle_id, g_source_remove);
  if (self->cancellable != NULL)
    {
      g_cancellable_cancel (self->cancellable);
      g_clear_object (&self->cancellable);
    }
  gtk_spinner_set_spinning (self->spinner, FALSE);
}

/* Rebuilds the parameter lists when the architecture changes (so the
 * dropdowns keep their choice across the snapshots of a run). The order
 * is the parameters' own: each layer's W row by row, then its b. The
 * default pair is the first unit's first two weights (the perceptron's w₁
 * and w₂). */
static void
update_lists (PsSurfaceView *self)
{
  const PsNetwork *net = get_network (self);
  g_autofree char *arch = net != NULL ? describe_architecture (net) : NULL;
  g_autoptr(GPtrArray) names = NULL;

  if (g_strcmp0 (arch, self->arch) == 0)
    return;

  g_free (self->arch);
  self->arch = g_steal_pointer (&arch);
  g_array_set_size (self->refs, 0);
  clear_shown (self);
  cancel_request (self);

  names = g_ptr_array_new_with_free_func (g_free);
  for (guint l = 0; net != NULL && l < net->n_layers; l++)
    {
      const PsLayer *layer = &net->layers[l];
      PsParamRef ref;

      for (guint i = 0; i < layer->inputs; i++)
        for (guint j = 0; j < layer->units; j++)
          if (ps_param_ref_init (&ref, net, l, FALSE, i, j))
            g_array_append_val (self->refs, ref);
      for (guint j = 0; j < layer->units; j++)
        if (ps_param_ref_init (&ref, net, l, TRUE, 0, j))
          g_array_append_val (self->refs, ref);
    }
  for (guint k = 0; k < self->refs->len; k++)
    g_ptr_array_add (names, ps_param_ref_to_string (&g_array_index (self->refs, PsParamRef, k)));
  g_ptr_array_add (names, NULL);

  self->first = 0;
  if (net != NULL && net->layers[0].inputs >= 2)
    self->second = net->layers[0].units;   /* w[1:1:0] */
  else
    self->second = 1;

  self->updating = TRUE;
  gtk_string_list_splice (self->names, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->names)),
                          (const char *const *) names->pdata);
  if (self->refs->len >= 2)
    {
      gtk_drop_down_set_selected (self->first_dropdown, self->first);
      gtk_drop_down_set_selected (self->second_dropdown, self->second);
    }
  else
    {
      gtk_drop_down_set_selected (self->first_dropdown, GTK_INVALID_LIST_POSITION);
      gtk_drop_down_set_selected (self->second_dropdown, GTK_INVALID_LIST_POSITION);
    }
  self->updating = FALSE;
}

static PsTimeline *
get_timeline (PsSurfaceView *self)
{
  if (self->session != NULL)
    return ps_session_get_timeline (self->session);
  return self->timeline;
}

/* The path: every checkpoint up to the epoch shown, then the snapshot's own
 * weights when they are newer than the last checkpoint (a live run). */
static void
compute_path (PsSurfaceView       *self,
              const PsSurfaceGrid *grid,
              double             **path_out,
              guint               *n_out)
{
  const PsNetwork *net = get_network (self);
  PsTimeline *timeline = get_timeline (self);
  g_autoptr(GPtrArray) cps = g_ptr_array_new_with_free_func ((GDestroyNotify) ps_checkpoint_unref);
  g_autofree const float **params = NULL;
  guint last = G_MAXUINT;
  guint n = 0;

  if (timeline != NULL && ps_timeline_get_n_params (timeline) == net->n_params)
    {
      g_autofree guint *epochs = ps_timeline_dup_epochs (timeline, &n);

      for (guint i = 0; i < n && epochs[i] <= self->snapshot->epoch; i++)
        {
          PsCheckpoint *cp = ps_timeline_lookup_exact (timeline, epochs[i]);

          if (cp == NULL)   /* thinned meanwhile */
            continue;
          g_ptr_array_add (cps, cp);
          last = cp->epoch;
        }
    }
  params = g_new (const float *, cps->len + 1);
  for (guint i = 0; i < cps->len; i++)
    params[i] = ((PsCheckpoint *) cps->pdata[i])->params;
  n = cps->len;
  if (last != self->snapshot->epoch)
    params[n++] = net->params;

  *path_out = g_new (double, 2 * n);
  *n_out = n;
  ps_surface_path (grid, params, n, *path_out);
}

static void
show_message (PsSurfaceView *self,
              const char    *text)
{
  gtk_label_set_text (self->placeholder, text);
  gtk_stack_set_visible_child (self->stack, GTK_WIDGET (self->placeholder));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->area),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text,
                                  -1);
}

static void
show_grid (PsSurfaceView *self)
{
  float lo = G_MAXFLOAT, hi = -G_MAXFLOAT;
  g_autofree char *description = NULL;
  char a[32], b[32];

  for (gsize i = 0; i < (gsize) self->shown.rows * self->shown.cols; i++)
    if (isfinite (self->grid[i]))
      {
        lo = MIN (lo, self->grid[i]);
        hi = MAX (hi, self->grid[i]);
      }
  description = g_strdup_printf (_("%s: the loss over %s and %s, from %s to %s; the run's path in %u points"),
                                 self->title, self->x_label, self->y_label,
                                 ps_plot_format_number (lo, 4, 4, a, sizeof a),
                                 ps_plot_format_number (hi, 4, 4, b, sizeof b), self->n_path);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->area),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
  gtk_stack_set_visible_child (self->stack, GTK_WIDGET (self->area));
  gtk_widget_queue_draw (GTK_WIDGET (self->area));
}

static void request (PsSurfaceView *self,
                     gboolean       now);

static void
compute_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Job *job = task_data;
  GError *error = NULL;

  if (ps_surface_compute (job->snapshot->network, job->snapshot->train, job->snapshot->loss,
                          &job->grid, job->out, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
compute_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  PsSurfaceView *self = PS_SURFACE_VIEW (source);
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  /* a cancelled task reports G_IO_ERROR_CANCELLED, even when its grid was
   * done: a newer request replaced it */
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
          || g_error_matches (error, PS_SURFACE_ERROR, PS_SURFACE_ERROR_CANCELLED)
          || job->generation != self->generation)
        {
          self->n_cancelled++;
          return;
        }
      gtk_spinner_set_spinning (self->spinner, FALSE);
      g_clear_object (&self->cancellable);
      clear_shown (self);
      show_message (self, error->message);
      if (self->pending)
        request (self, FALSE);
      return;
    }
  if (job->generation != self->generation)
    {
      self->n_cancelled++;
      return;
    }

  g_clear_object (&self->cancellable);
  gtk_spinner_set_spinning (self->spinner, FALSE);
  clear_shown (self);
  self->grid = g_steal_pointer (&job->out);
  self->shown = job->grid;
  self->path = g_steal_pointer (&job->path);
  self->n_path = job->n_path;
  self->title = g_strdup_printf (_("Error surface, epoch %u"), job->snapshot->epoch);
  self->x_label = ps_param_ref_to_string (&job->grid.p[0]);
  self->y_label = ps_param_ref_to_string (&job->grid.p[1]);
  self->value_label = g_strdup_printf (_("loss (%s)"), ps_loss_to_string (job->snapshot->loss));
  self->n_computed++;
  show_grid (self);
  if (self->pending)
    request (self, FALSE);
}

/* Widens the grid's range to take in the whole path (5 % beyond it), so
 * the run's walk stays in the picture. */
static void
fit_path (PsSurfaceGrid *grid,
          const double  *path,
          guint          n)
{
  double x0 = grid->x_lo, x1 = grid->x_hi, y0 = grid->y_lo, y1 = grid->y_hi;
  gboolean wider = FALSE;

  for (guint i = 0; i < n; i++)
    {
      if (!isfinite (path[2 * i]) || !isfinite (path[2 * i + 1]))
        continue;
      if (path[2 * i] < x0 || path[2 * i] > x1 || path[2 * i + 1] < y0 || path[2 * i + 1] > y1)
        wider = TRUE;
      x0 = MIN (x0, path[2 * i]);
      x1 = MAX (x1, path[2 * i]);
      y0 = MIN (y0, path[2 * i + 1]);
      y1 = MAX (y1, path[2 * i + 1]);
    }
  if (!wider)
    return;
  grid->x_lo = x0 - (x1 - x0) * 0.05;
  grid->x_hi = x1 + (x1 - x0) * 0.05;
  grid->y_lo = y0 - (y1 - y0) * 0.05;
  grid->y_hi = y1 + (y1 - y0) * 0.05;
}

static void
start (PsSurfaceView *self)
{
  const PsNetwork *net = get_network (self);
  g_autoptr(GTask) task = NULL;
  Job *job;

  self->pending = FALSE;
  g_clear_handle_id (&self->throttle_id, g_source_remove);
  if (self->cancellable != NULL)
    {
      g_cancellable_cancel (self->cancellable);
      g_clear_object (&self->cancellable);
    }

  job = g_new0 (Job, 1);
  job->snapshot = ps_snapshot_ref (self->snapshot);
  job->generation = ++self->generation;
  ps_surface_grid_init (&job->grid, net,
                        &g_array_index (self->refs, PsParamRef, self->first),
                        &g_array_index (self->refs, PsParamRef, self->second),
                        PS_SURFACE_VIEW_GRID, PS_SURFACE_VIEW_GRID);
  compute_path (self, &job->grid, &job->path, &job->n_path);
  fit_path (&job->grid, job->path, job->n_path);
  job->out = g_new (float, (gsize) job->grid.rows * job->grid.cols);

  self->cancellable = g_cancellable_new ();
  self->last_start = g_get_monotonic_time ();
  gtk_spinner_set_spinning (self->spinner, TRUE);
  if (self->grid == NULL)
    show_message (self, _("Computing the error surface…"));

  task = g_task_new (self, self->cancellable, compute_done, NULL);
  g_task_set_source_tag (task, start);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, compute_thread);
}

static gboolean
throttle_cb (gpointer user_data)
{
  PsSurfaceView *self = user_data;

  self->throttle_id = 0;
  if (self->cancellable != NULL)
    self->pending = TRUE;
  else if (data_fits (self) && self->refs->len >= 2)
    start (self);
  return G_SOURCE_REMOVE;
}

/* A new grid for the current snapshot and pair: at once when @now (the
 * user asked) or when no run trains, cancelling the one being computed.
 * While a run trains, at most every LIVE_INTERVAL_MS (a pending timeout
 * picks up the latest snapshot), and never cancelling the grid being
 * computed: a grid slower than the interval would otherwise never land;
 * the latest snapshot follows when it does. */
static void
request (PsSurfaceView *self,
         gboolean       now)
{
  const PsNetwork *net;
  gint64 interval, elapsed;

  update_lists (self);
  net = get_network (self);
  if (net == NULL)
    {
      cancel_request (self);
      clear_shown (self);
      show_message (self, _("No network yet"));
      return;
    }
  if (!data_fits (self))
    {
      cancel_request (self);
      clear_shown (self);
      show_message (self, _("The error surface needs the training set the network was made for."));
      return;
    }
  if (self->refs->len < 2)
    {
      cancel_request (self);
      clear_shown (self);
      show_message (self, _("The network has only one parameter."));
      return;
    }
  if (self->first == self->second)
    {
      cancel_request (self);
      clear_shown (self);
      show_message (self, _("Pick two different weights."));
      return;
    }

  if (now || !self->snapshot->running)
    {
      start (self);
      return;
    }
  if (self->cancellable != NULL)
    {
      self->pending = TRUE;
      return;
    }
  if (self->throttle_id != 0)
    return;
  interval = (gtk_widget_get_mapped (GTK_WIDGET (self)) ? LIVE_INTERVAL_MS : HIDDEN_INTERVAL_MS) * 1000;
  elapsed = g_get_monotonic_time () - self->last_start;
  if (elapsed >= interval)
    start (self);
  else
    self->throttle_id = g_timeout_add ((guint) ((interval - elapsed) / 1000) + 1, throttle_cb, self);
}

void
ps_surface_view_render (cairo_t *cr,
                        double   width,
                        double   height,
                        gpointer user_data)
{
  PsSurfaceView *self = user_data;
  PsSurfaceData d = { 0 };

  g_return_if_fail (PS_IS_SURFACE_VIEW (self));

  if (self->grid == NULL)
    return;

  d.rows = self->shown.rows;
  d.cols = self->shown.cols;
  d.grid = self->grid;
  d.x_min = self->shown.x_lo;
  d.x_max = self->shown.x_hi;
  d.y_min = self->shown.y_lo;
  d.y_max = self->shown.y_hi;
  d.x_label = self->x_label;
  d.y_label = self->y_label;
  d.value_label = self->value_label;
  d.path = self->path;
  d.n_path = self->n_path;
  d.title = self->title;
  ps_plot_surface (cr, width, height, &d);
}

static void
draw_cb (GtkDrawingArea *area,
         cairo_t        *cr,
         int             width,
         int             height,
         gpointer        user_data)
{
  ps_surface_view_render (cr, width, height, user_data);
}

void
ps_surface_view_set_snapshot (PsSurfaceView *self,
                              PsSnapshot    *snapshot)
{
  g_return_if_fail (PS_IS_SURFACE_VIEW (self));

  if (snapshot == self->snapshot)
    return;

  if (snapshot != NULL)
    ps_snapshot_ref (snapshot);
  g_clear_pointer (&self->snapshot, ps_snapshot_unref);
  self->snapshot = snapshot;

  request (self, FALSE);
}

PsSnapshot *
ps_surface_view_get_snapshot (PsSurfaceView *self)
{
  g_return_val_if_fail (PS_IS_SURFACE_VIEW (self), NULL);

  return self->snapshot;
}

void
ps_surface_view_set_session (PsSurfaceView *self,
                             PsSession     *session)
{
  g_return_if_fail (PS_IS_SURFACE_VIEW (self));
  g_return_if_fail (session == NULL || PS_IS_SESSION (session));

  g_set_object (&self->session, session);
}

void
ps_surface_view_set_timeline (PsSurfaceView *self,
                              PsTimeline    *timeline)
{
  g_return_if_fail (PS_IS_SURFACE_VIEW (self));

  if (timeline != NULL)
    ps_timeline_ref (timeline);
  g_clear_pointer (&self->timeline, ps_timeline_unref);
  self->timeline = timeline;
  if (self->snapshot != NULL)
    request (self, TRUE);
}

static gboolean
find_name (PsSurfaceView *self,
           const char    *name,
           guint         *index)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->names));

  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (gtk_string_list_get_string (self->names, i), name) == 0)
      {
        *index = i;
        return TRUE;
      }
  return FALSE;
}

gboolean
ps_surface_view_set_weights (PsSurfaceView *self,
                             const char    *first,
                             const char    *second)
{
  guint a, b;

  g_return_val_if_fail (PS_IS_SURFACE_VIEW (self), FALSE);
  g_return_val_if_fail (first != NULL && second != NULL, FALSE);

  if (!find_name (self, first, &a) || !find_name (self, second, &b) || a == b)
    return FALSE;

  self->updating = TRUE;
  gtk_drop_down_set_selected (self->first_dropdown, a);
  gtk_drop_down_set_selected (self->second_dropdown, b);
  self->updating = FALSE;
  self->first = a;
  self->second = b;
  request (self, TRUE);
  return TRUE;
}

char *
ps_surface_view_dup_weights (PsSurfaceView *self)
{
  g_return_val_if_fail (PS_IS_SURFACE_VIEW (self), NULL);

  if (self->refs->len < 2)
    return NULL;
  return g_strdup_printf ("%s, %s", gtk_string_list_get_string (self->names, self->first),
                          gtk_string_list_get_string (self->names, self->second));
}

gboolean
ps_surface_view_is_computing (PsSurfaceView *self)
{
  g_return_val_if_fail (PS_IS_SURFACE_VIEW (self), FALSE);

  return self->cancellable != NULL || self->throttle_id != 0;
}

guint
ps_surface_view_get_n_computed (PsSurfaceView *self)
{
  g_return_val_if_fail (PS_IS_SURFACE_VIEW (self), 0);

  return self->n_computed;
}

guint
ps_surface_view_get_n_cancelled (PsSurfaceView *self)
{
  g_return_val_if_fail (PS_IS_SURFACE_VIEW (self), 0);

  return self->n_cancelled;
}

guint
ps_surface_view_get_n_path (PsSurfaceView *self)
{
  g_return_val_if_fail (PS_IS_SURFACE_VIEW (self), 0);

  return self->grid != NULL ? self->n_path : 0;
}

gboolean
ps_surface_view_has_data (PsSurfaceView *self)
{
  g_return_val_if_fail (PS_IS_SURFACE_VIEW (self), FALSE);

  return self->grid != NULL;
}

static void
on_selected_changed (PsSurfaceView *self)
{
  guint a = gtk_drop_down_get_selected (self->first_dropdown);
  guint b = gtk_drop_down_get_selected (self->second_dropdown);

  if (self->updating || a == GTK_INVALID_LIST_POSITION || b == GTK_INVALID_LIST_POSITION)
    return;
  if (a == self->first && b == self->second)
    return;
  self->first = a;
  self->second = b;
  request (self, TRUE);
}

static void
ps_surface_view_map (GtkWidget *widget)
{
  PsSurfaceView *self = PS_SURFACE_VIEW (widget);

  GTK_WIDGET_CLASS (ps_surface_view_parent_class)->map (widget);

  /* hidden, it refreshed only every HIDDEN_INTERVAL_MS: catch up */
  if (self->throttle_id != 0)
    {
      g_clear_handle_id (&self->throttle_id, g_source_remove);
      request (self, FALSE);
    }
}

static void
ps_surface_view_dispose (GObject *object)
{
  PsSurfaceView *self = PS_SURFACE_VIEW (object);
  GtkWidget *child;

  cancel_request (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), PS_TYPE_SURFACE_VIEW);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_pointer (&self->snapshot, ps_snapshot_unref);
  g_clear_pointer (&self->timeline, ps_timeline_unref);
  g_clear_object (&self->session);
  g_clear_object (&self->names);

  G_OBJECT_CLASS (ps_surface_view_parent_class)->dispose (object);
}

static void
ps_surface_view_finalize (GObject *object)
{
  PsSurfaceView *self = PS_SURFACE_VIEW (object);

  clear_shown (self);
  g_array_unref (self->refs);
  g_free (self->arch);

  G_OBJECT_CLASS (ps_surface_view_parent_class)->finalize (object);
}

static void
ps_surface_view_class_init (PsSurfaceViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ps_surface_view_dispose;
  object_class->finalize = ps_surface_view_finalize;
  widget_class->map = ps_surface_view_map;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               PS_RESOURCE_BASE "/ps-surface-view.ui");
  gtk_widget_class_bind_template_child (widget_class, PsSurfaceView, first_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PsSurfaceView, second_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PsSurfaceView, spinner);
  gtk_widget_class_bind_template_child (widget_class, PsSurfaceView, stack);
  gtk_widget_class_bind_template_child (widget_class, PsSurfaceView, area);
  gtk_widget_class_bind_template_child (widget_class, PsSurfaceView, placeholder);
  gtk_widget_class_bind_template_callback (widget_class, on_selected_changed);
}

static void
ps_surface_view_init (PsSurfaceView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->refs = g_array_new (FALSE, FALSE, sizeof (PsParamRef));
  self->names = gtk_string_list_new (NULL);
  self->updating = TRUE;
  gtk_drop_down_set_model (self->first_dropdown, G_LIST_MODEL (self->names));
  gtk_drop_down_set_model (self->second_dropdown, G_LIST_MODEL (self->names));
  self->updating = FALSE;

  gtk_drawing_area_set_draw_func (self->area, draw_cb, self, NULL);
  show_message (self, _("No network yet"));
}
