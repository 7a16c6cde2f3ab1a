/* ps-boundary-view.c
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ps-boundary-view.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ps-boundary.h"
#include "ps-plot.h"
#include "ps-session.h"

/* At most this fraction of the time goes to live grid evaluations. */
#define THROTTLE    4

struct _PsBoundaryView
{
  GtkWidget        parent_instance;

  GtkWidget       *controls;
  GtkCheckButton  *test_check;
  GtkCheckButton  *discretize_check;
  GtkStack        *stack;
  GtkDrawingArea  *area;
  GtkLabel        *placeholder;
  GtkWidget       *edit_box;
  GtkDropDown     *class_dropdown;
  GtkLabel        *edit_message;

  /* (nullable) (weak): edits go to its training set (issue 11 §5) */
  PsSession       *session;

  PsSnapshot      *snapshot;
  /* Cached per snapshot: evaluating the network is the expensive part, so a
   * redraw for a toggle or a repaint reuses the grid. grid points at
   * grid_buf when valid; the buffers and the workspace are reused across
   * snapshots (they only grow), so live training does not allocate. */
  PsBoundaryGrid  *grid;
  PsBoundaryGrid   grid_buf;
  PsWorkspace     *ws;
  GArray          *ws_arch;       /* n_inputs, then units of each layer */
  /* While a run trains, a grid that costs a lot to evaluate is refreshed at
   * most every THROTTLE × its cost, so a wide network cannot eat the main
   * loop; the picture of a stopped run is always exact. */
  gboolean         grid_stale;
  gint64           grid_cost;      /* µs of the last evaluation */
  gint64           grid_done;      /* monotonic µs when it finished */
  guint            refresh_id;
  double           x_min, x_max, y_min, y_max;
  /* Raw 2-D coordinates, only filled when the dataset has no float copy. */
  GArray          *points;
  GArray          *test_points;
  char            *title;

  /* A unit's map shown full size instead of the output (a click on a map
   * in the Diagram, issue 11 §1): unit_layer ≥ 1 as the diagram counts
   * layers, 0 for the output's decision boundary. Computed per snapshot,
   * so it follows training and the timeline. */
  guint            unit_layer;
  guint            unit_index;
  PsUnitMaps       unit_maps;
  gboolean         unit_maps_valid;
  GArray          *unit_points;
  char            *unit_title;
  GtkWidget       *back_button;

  /* Compare (issue 12 §2): two runs' boundaries side by side */
  GtkToggleButton *compare_button;
  gulong           runs_handler;

  guint            show_test : 1;
  guint            discretize : 1;
  guint            compact : 1;
};

G_DEFINE_FINAL_TYPE (PsBoundaryView, ps_boundary_view, GTK_TYPE_WIDGET)

enum {
  SIGNAL_SAMPLE_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

enum {
  PROP_0,
  PROP_SHOW_TEST,
  PROP_DISCRETIZE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

GtkWidget *
ps_boundary_view_new (void)
{
  return g_object_new (PS_TYPE_BOUNDARY_VIEW, NULL);
}

static gboolean
is_2d (const PsDataset *data)
{
  return data != NULL && ps_dataset_get_n_features (data) == 2 && ps_dataset_get_n_samples (data) > 0;
}

void
ps_boundary_view_grid_size (double  width,
                            double  height,
                            guint  *rows,
                            guint  *cols)
{
  ps_boundary_grid_size (width, height, rows, cols);
}

/* A test set worth drawing: 2-D and not the training set itself (the gates
 * are evaluated on their own table). */
static gboolean
has_test (const PsSnapshot *s)
{
  return s != NULL && s->test != s->train && is_2d (s->test);
}

/* The raw (x, y) of every sample, in @buffer (kept between draws). */
static const float *
raw_points (const PsDataset *data,
            GArray          *buffer)
{
  g_array_set_size (buffer, ps_dataset_get_n_samples (data) * 2);
  ps_dataset_get_raw_columns (data, 2, (float *) (gpointer) buffer->data);

  return (const float *) (gpointer) buffer->data;
}

static void
update_bounds (PsBoundaryView *self)
{
  const PsSnapshot *s = self->snapshot;

  if (s == NULL || !is_2d (s->train))
    return;

  ps_dataset_bounds_2d (s->train, 0.1, &self->x_min, &self->x_max, &self->y_min, &self->y_max);
  if (has_test (s))
    {
      double x0, x1, y0, y1;

      ps_dataset_bounds_2d (s->test, 0.1, &x0, &x1, &y0, &y1);
      self->x_min = MIN (self->x_min, x0);
      self->x_max = MAX (self->x_max, x1);
      self->y_min = MIN (self->y_min, y0);
      self->y_max = MAX (self->y_max, y1);
    }
}

/* A workspace for net, kept while the architecture stays the same. */
static PsWorkspace *
get_workspace (PsBoundaryView  *self,
               const PsNetwork *net)
{
  gboolean same = self->ws != NULL && self->ws_arch->len == net->n_layers + 1
                  && g_array_index (self->ws_arch, guint, 0) == net->n_inputs;

  for (guint l = 0; same && l < net->n_layers; l++)
    same = g_array_index (self->ws_arch, guint, l + 1) == net->layers[l].units;
  if (same)
    return self->ws;

  g_clear_pointer (&self->ws, ps_workspace_free);
  g_array_set_size (self->ws_arch, 0);
  g_array_append_val (self->ws_arch, net->n_inputs);
  for (guint l = 0; l < net->n_layers; l++)
    g_array_append_val (self->ws_arch, net->layers[l].units);
  self->ws = ps_workspace_new (net, PS_BOUNDARY_CHUNK);

  return self->ws;
}

/* The one grid computation (ps-boundary.c) into the view's own buffers and
 * workspace, reused from one snapshot to the next. */
static PsBoundaryGrid *
compute_grid (PsBoundaryView  *self,
              const PsNetwork *net,
              const PsDataset *scaling,
              guint            rows,
              guint            cols)
{
  if (!ps_boundary_grid_compute (&self->grid_buf, net, get_workspace (self, net), scaling,
                                 self->x_min, self->x_max, self->y_min, self->y_max, rows, cols))
    return NULL;
  return &self->grid_buf;
}

static gboolean
refresh_cb (gpointer user_data)
{
  PsBoundaryView *self = user_data;

  self->refresh_id = 0;
  gtk_widget_queue_draw (GTK_WIDGET (self->area));
  return G_SOURCE_REMOVE;
}

/* The grid for a plot of width × height, from the cache when it fits.
 * allow_stale: the on-screen drawing of a running training may keep the
 * previous snapshot's grid for a moment (see THROTTLE). */
static const PsBoundaryGrid *
get_grid (PsBoundaryView *self,
          double          width,
          double          height,
          gboolean        allow_stale)
{
  const PsSnapshot *s = self->snapshot;
  guint rows, cols;
  gint64 start;

  if (s == NULL || s->network == NULL || s->network->n_inputs != 2)
    return NULL;

  ps_boundary_view_grid_size (width, height, &rows, &cols);
  if (self->grid != NULL && self->grid->rows == rows && self->grid->cols == cols)
    {
      gint64 next = self->grid_done + THROTTLE * self->grid_cost;

      if (!self->grid_stale)
        return self->grid;
      if (allow_stale && s->running && g_get_monotonic_time () < next)
        {
          if (self->refresh_id == 0)
            self->refresh_id = g_timeout_add (MAX ((next - g_get_monotonic_time ()) / 1000, 1),
                                              refresh_cb, self);
          return self->grid;
        }
    }

  start = g_get_monotonic_time ();
  self->grid = compute_grid (self, s->network, s->train, rows, cols);
  self->grid_done = g_get_monotonic_time ();
  self->grid_cost = self->grid_done - start;
  self->grid_stale = FALSE;

  return self->grid;
}

const PsBoundaryGrid *
ps_boundary_view_get_grid (PsBoundaryView *self,
                           double          width,
                           double          height)
{
  g_return_val_if_fail (PS_IS_BOUNDARY_VIEW (self), NULL);

  return get_grid (self, width, height, FALSE);
}

/* Everything ps_plot_boundary() takes for a plot of width × height. FALSE
 * when there is nothing to draw. */
static gboolean
fill_data (PsBoundaryView *self,
           double          width,
           double          height,
           gboolean        allow_stale,
           PsBoundaryData *data)
{
  const PsSnapshot *s = self->snapshot;
  const PsBoundaryGrid *grid;

  memset (data, 0, sizeof *data);
  if (s == NULL || !is_2d (s->train))
    return FALSE;

  grid = get_grid (self, width, height, allow_stale);

  data->n_classes = ps_dataset_get_n_classes (s->train);
  data->x_min = self->x_min;
  data->x_max = self->x_max;
  data->y_min = self->y_min;
  data->y_max = self->y_max;
  data->discretize = self->discretize;
  if (grid != NULL)
    {
      data->grid_rows = grid->rows;
      data->grid_cols = grid->cols;
      data->n_classes = MAX (data->n_classes, grid->n_classes);
      if (grid->p1 != NULL)
        data->grid = grid->p1;
      else
        {
          data->class_grid = grid->classes;
          data->confidence = grid->confidence;
        }
      data->n_lines = grid->n_lines;
      data->lines = grid->lines;
    }

  data->n_points = ps_dataset_get_n_samples (s->train);
  data->points = raw_points (s->train, self->points);
  data->labels = ps_dataset_get_labels (s->train);
  if (has_test (s))
    {
      data->n_test_points = ps_dataset_get_n_samples (s->test);
      data->test_points = raw_points (s->test, self->test_points);
      data->test_labels = ps_dataset_get_labels (s->test);
    }
  data->show_test = self->show_test && data->n_test_points > 0;
  if (ps_dataset_get_class_names (s->train) != NULL
      && g_strv_length ((char **) ps_dataset_get_class_names (s->train)) >= data->n_classes)
    data->class_names = (const char **) ps_dataset_get_class_names (s->train);
  data->title = self->title;

  return TRUE;
}

/* The cells a side of a full-size unit map. */
#define UNIT_MAP_CELLS 120

/* The shown unit's map (unit_layer ≥ 1), drawn instead of the decision
 * boundary; FALSE when there is none (no such unit, not 2-D). */
static gboolean
draw_unit_map (PsBoundaryView *self,
               cairo_t        *cr,
               double          width,
               double          height)
{
  const PsSnapshot *s = self->snapshot;
  const PsNetwork *net = s != NULL ? s->network : NULL;
  PsUnitMapData d = { 0 };
  guint l = self->unit_layer;

  if (l == 0 || net == NULL || net->n_inputs != 2 || s->train == NULL
      || ps_dataset_get_n_features (s->train) != 2
      || l > net->n_layers || self->unit_index >= net->layers[l - 1].units)
    return FALSE;
  if (!self->unit_maps_valid)
    {
      if (!ps_unit_maps_compute (&self->unit_maps, net, s->train, self->x_min, self->x_max,
                                 self->y_min, self->y_max, UNIT_MAP_CELLS, UNIT_MAP_CELLS))
        return FALSE;
      g_array_set_size (self->unit_points, ps_dataset_get_n_samples (s->train) * 2);
      ps_dataset_get_raw_columns (s->train, 2, (float *) (gpointer) self->unit_points->data);
      g_free (self->unit_title);
      if (l == net->n_layers)
        self->unit_title = (s->epoch > 0 || s->checkpoint)
                           ? g_strdup_printf (_("Output, unit %u, epoch %u"), self->unit_index + 1, s->epoch)
                           : g_strdup_printf (_("Output, unit %u"), self->unit_index + 1);
      else
        self->unit_title = (s->epoch > 0 || s->checkpoint)
                           ? g_strdup_printf (_("Hidden %u, unit %u, epoch %u"), l, self->unit_index + 1, s->epoch)
                           : g_strdup_printf (_("Hidden %u, unit %u"), l, self->unit_index + 1);
      self->unit_maps_valid = TRUE;
    }
  d.rows = self->unit_maps.rows;
  d.cols = self->unit_maps.cols;
  d.map = self->unit_maps.maps[l - 1] + (gsize) self->unit_index * d.rows * d.cols;
  d.lo = self->unit_maps.lo[l - 1];
  d.hi = self->unit_maps.hi[l - 1];
  d.x_min = self->unit_maps.x_min;
  d.x_max = self->unit_maps.x_max;
  d.y_min = self->unit_maps.y_min;
  d.y_max = self->unit_maps.y_max;
  d.n_points = self->unit_points->len / 2;
  d.points = (const float *) (gpointer) self->unit_points->data;
  d.labels = ps_dataset_get_labels (s->train);
  d.title = self->unit_title;
  d.bar_label = _("activation");
  ps_plot_unit_map_full (cr, width, height, &d);
  return TRUE;
}

/**
 * ps_boundary_view_show_unit:
 * @layer: 1 for the first hidden layer (as the Diagram counts); 0 for the
 *   output's decision boundary again
 * @unit: 0-based
 *
 * Shows that unit's activation over the input plane full size, with a
 * "Back to Output" button; it follows the snapshots like the boundary.
 */
void
ps_boundary_view_show_unit (PsBoundaryView *self,
                            guint           layer,
                            guint           unit)
{
  g_return_if_fail (PS_IS_BOUNDARY_VIEW (self));

  self->unit_layer = layer;
  self->unit_index = unit;
  self->unit_maps_valid = FALSE;
  gtk_widget_set_visible (self->back_button, layer > 0);
  gtk_widget_queue_draw (GTK_WIDGET (self->area));
}

guint
ps_boundary_view_get_unit (PsBoundaryView *self,
                           guint          *unit)
{
  g_return_val_if_fail (PS_IS_BOUNDARY_VIEW (self), 0);

  if (unit != NULL)
    *unit = self->unit_index;
  return self->unit_layer;
}

static void
on_back_clicked (PsBoundaryView *self)
{
  ps_boundary_view_show_unit (self, 0, 0);
}

/* ---- Compare: two runs side by side ---------------------------------------------- */

static void update_state (PsBoundaryView *self);

/* A run whose weights draw on this data: 2 inputs. */
static gboolean
run_fits (PsBoundaryView *self,
          PsRun          *run)
{
  const PsNetwork *net = ps_run_get_model (run);

  return net != NULL && net->n_inputs == 2 && self->snapshot != NULL && is_2d (self->snapshot->train);
}

/* The two runs to compare, in the list's order: the first two ticked, or
 * the one ticked and the current run. Returns how many (0 to 2); refs in
 * @pair. */
static guint
compare_pair (PsBoundaryView *self,
              PsRun         **pair)
{
  PsRun *current;
  GListModel *runs;
  guint n, k = 0;

  if (self->session == NULL)
    return 0;
  runs = ps_session_get_runs (self->session);
  n = g_list_model_get_n_items (runs);
  current = ps_session_get_current_run (self->session);
  for (guint i = 0; i < n && k < 2; i++)
    {
      g_autoptr(PsRun) run = g_list_model_get_item (runs, i);

      if (ps_run_get_shown (run) && run_fits (self, run))
        pair[k++] = g_steal_pointer (&run);
    }
  if (k == 1 && current != NULL && current != pair[0] && run_fits (self, current))
    {
      guint at;

      /* the current run takes its place in the list's order */
      if (g_list_store_find (G_LIST_STORE (runs), current, &at) &&
          g_list_store_find (G_LIST_STORE (runs), pair[0], &n) && at < n)
        {
          pair[1] = pair[0];
          pair[0] = g_object_ref (current);
        }
      else
        pair[1] = g_object_ref (current);
      k = 2;
    }
  return k;
}

/* Both runs' boundaries, each on half of the area, with their names as
 * titles; FALSE (nothing drawn) when Compare is off or there is no pair. */
static gboolean
draw_compare (PsBoundaryView *self,
              cairo_t        *cr,
              double          width,
              double          height)
{
  PsRun *pair[2] = { NULL, NULL };
  PsBoundaryData base;
  guint n;
  double half = floor (width / 2);
  gboolean drawn = FALSE;

  if (!gtk_toggle_button_get_active (self->compare_button))
    return FALSE;
  n = compare_pair (self, pair);
  if (n == 2 && fill_data (self, half, height, FALSE, &base))
    {
      for (guint i = 0; i < 2; i++)
        {
          PsBoundaryData data = base;
          g_autoptr(PsBoundaryGrid) grid = NULL;
          g_autofree char *title = ps_run_dup_label_among (pair[i], pair, 2);
          guint rows, cols;

          ps_boundary_view_grid_size (half, height, &rows, &cols);
          grid = ps_boundary_grid_new (ps_run_get_model (pair[i]), self->snapshot->train,
                                       self->x_min, self->x_max, self->y_min, self->y_max, rows, cols);
          data.title = title;
          data.grid = NULL;
          data.class_grid = NULL;
          data.confidence = NULL;
          data.n_lines = 0;
          data.lines = NULL;
          if (grid != NULL)
            {
              data.grid_rows = grid->rows;
              data.grid_cols = grid->cols;
              data.n_classes = MAX (data.n_classes, grid->n_classes);
              if (grid->p1 != NULL)
                data.grid = grid->p1;
              else
                {
                  data.class_grid = grid->classes;
                  data.confidence = grid->confidence;
                }
              data.n_lines = grid->n_lines;
              data.lines = grid->lines;
            }
          cairo_save (cr);
          cairo_translate (cr, i * (width - half), 0);
          cairo_rectangle (cr, 0, 0, half, height);
          cairo_clip (cr);
          ps_plot_boundary (cr, half, height, &data);
          cairo_restore (cr);
        }
      drawn = TRUE;
    }
  g_clear_object (&pair[0]);
  g_clear_object (&pair[1]);
  return drawn;
}

/* The description says which runs are compared, or how to get a pair. */
static void
update_compare (PsBoundaryView *self)
{
  PsRun *pair[2] = { NULL, NULL };
  g_autofree char *text = NULL;

  if (!gtk_toggle_button_get_active (self->compare_button))
    {
      /* the single picture's own description comes back with update_state */
      update_state (self);
      gtk_widget_queue_draw (GTK_WIDGET (self->area));
      return;
    }
  if (compare_pair (self, pair) == 2)
    {
      g_autofree char *left = ps_run_dup_label_among (pair[0], pair, 2);
      g_autofree char *right = ps_run_dup_label_among (pair[1], pair, 2);

      /* Translators: the Boundary view's description while comparing */
      text = g_strdup_printf (_("Comparing %s (left) and %s (right)"), left, right);
    }
  else
    text = g_strdup (_("Tick two runs in the Runs list to compare their boundaries"));
  g_clear_object (&pair[0]);
  g_clear_object (&pair[1]);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->area),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text, -1);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->compare_button), text);
  gtk_widget_queue_draw (GTK_WIDGET (self->area));
}

void
ps_boundary_view_render (cairo_t *cr,
                         double   width,
                         double   height,
                         gpointer user_data)
{
  PsBoundaryView *self = user_data;
  PsBoundaryData data;

  g_return_if_fail (PS_IS_BOUNDARY_VIEW (self));

  if (draw_unit_map (self, cr, width, height))
    return;
  if (draw_compare (self, cr, width, height))
    return;
  if (fill_data (self, width, height, FALSE, &data))
    ps_plot_boundary (cr, width, height, &data);
}

static void
draw_cb (GtkDrawingArea *area,
         cairo_t        *cr,
         int             width,
         int             height,
         gpointer        user_data)
{
  PsBoundaryView *self = user_data;
  PsBoundaryData data;

  if (draw_unit_map (self, cr, width, height))
    return;
  if (draw_compare (self, cr, width, height))
    return;
  if (fill_data (self, width, height, TRUE, &data))
    ps_plot_boundary (cr, width, height, &data);
}

gboolean
ps_boundary_view_to_data (PsBoundaryView *self,
                          double          px,
                          double          py,
                          double         *x,
                          double         *y)
{
  PsBoundaryData data;
  double width, height;

  g_return_val_if_fail (PS_IS_BOUNDARY_VIEW (self), FALSE);

  width = gtk_widget_get_width (GTK_WIDGET (self->area));
  height = gtk_widget_get_height (GTK_WIDGET (self->area));
  if (!fill_data (self, width, height, TRUE, &data))
    return FALSE;

  return ps_plot_boundary_to_data (width, height, &data, px, py, x, y);
}

/* How close (pixels) a click must be to a training point to pick it. */
#define PICK_RADIUS 8.0

/* The training point nearest to (px, py) within @radius pixels, or −1.
 * Distances are measured in pixels through the plot's own transform
 * (ps_boundary_view_to_data): a pixel's size in data units comes from the
 * point PICK_RADIUS pixels away. */
static gint64
pick_point (PsBoundaryView *self,
            double          px,
            double          py,
            double          radius)
{
  const PsSnapshot *s = self->snapshot;
  const float *pts;
  double x, y, x1, y1, sx, sy, best = radius * radius;
  gint64 found = -1;
  gsize n;

  if (s == NULL || !is_2d (s->train)
      || !ps_boundary_view_to_data (self, px, py, &x, &y))
    return -1;
  /* the neighbour may fall outside the frame near its edge: try both sides */
  if (!ps_boundary_view_to_data (self, px + PICK_RADIUS, py + PICK_RADIUS, &x1, &y1)
      && !ps_boundary_view_to_data (self, px - PICK_RADIUS, py - PICK_RADIUS, &x1, &y1))
    return -1;
  sx = fabs (x1 - x) / PICK_RADIUS;
  sy = fabs (y1 - y) / PICK_RADIUS;
  if (!(sx > 0.0) || !(sy > 0.0))
    return -1;

  n = ps_dataset_get_n_samples (s->train);
  pts = raw_points (s->train, self->points);
  for (gsize i = 0; i < n; i++)
    {
      double dx = (pts[2 * i] - x) / sx, dy = (pts[2 * i + 1] - y) / sy;
      double d = dx * dx + dy * dy;

      if (d <= best)
        {
          best = d;
          found = (gint64) i;
        }
    }
  return found;
}

/* Whether a click edits the session's training set: the view shows it. */
static gboolean
is_editable (PsBoundaryView *self)
{
  /* two pictures side by side: a click has no one place in the data */
  if (gtk_toggle_button_get_active (self->compare_button))
    return FALSE;
  return self->session != NULL && self->snapshot != NULL && is_2d (self->snapshot->train)
         && self->snapshot->train == ps_session_get_train (self->session);
}

/* An edit's error in the edit row (cleared by the next edit that works). */
static void
show_edit_result (PsBoundaryView *self,
                  const GError   *error)
{
  gtk_label_set_text (self->edit_message, error != NULL ? error->message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->edit_message), error != NULL);
  if (error != NULL)
    gtk_widget_error_bell (GTK_WIDGET (self));
}

/* A click on a point activates it (Explain, when someone listens); a click
 * elsewhere adds a point of the chosen class where it landed. */
static void
on_click_released (GtkGestureClick *gesture,
                   int              n_press,
                   double           px,
                   double           py,
                   gpointer         user_data)
{
  PsBoundaryView *self = user_data;
  gint64 i = pick_point (self, px, py, PICK_RADIUS);
  g_autoptr(GError) error = NULL;
  double x, y;
  guint klass;

  if (gtk_toggle_button_get_active (self->compare_button))
    return;
  if (i >= 0 && (!is_editable (self)
                 || g_signal_has_handler_pending (self, signals[SIGNAL_SAMPLE_ACTIVATED], 0, FALSE)))
    {
      g_signal_emit (self, signals[SIGNAL_SAMPLE_ACTIVATED], 0, (guint) i);
      return;
    }
  if (!is_editable (self) || !ps_boundary_view_to_data (self, px, py, &x, &y))
    return;
  klass = gtk_drop_down_get_selected (self->class_dropdown);
  if (klass == GTK_INVALID_LIST_POSITION)
    klass = 0;
  ps_session_add_point (self->session, x, y, klass, &error);
  show_edit_result (self, error);
}

/* A right click removes the point nearest to it. */
static void
on_right_click_released (GtkGestureClick *gesture,
                         int              n_press,
                         double           px,
                         double           py,
                         gpointer         user_data)
{
  PsBoundaryView *self = user_data;
  g_autoptr(GError) error = NULL;
  gint64 i;

  if (!is_editable (self))
    return;
  i = pick_point (self, px, py, INFINITY);
  if (i < 0)
    return;
  ps_session_remove_sample (self->session, i, &error);
  show_edit_result (self, error);
}

/* The class chooser lists the training set's classes (kept when they are
 * the same ones). */
static void
update_edit_box (PsBoundaryView *self)
{
  gboolean editable = is_editable (self);
  GListModel *model = gtk_drop_down_get_model (self->class_dropdown);
  const PsDataset *train;
  guint n, selected;
  gboolean same;

  gtk_widget_set_visible (self->edit_box, editable);
  if (!editable)
    return;
  train = self->snapshot->train;
  n = ps_dataset_get_n_classes (train);
  same = model != NULL && g_list_model_get_n_items (model) == n;
  for (guint k = 0; same && k < n; k++)
    {
      const char *name = gtk_string_list_get_string (GTK_STRING_LIST (model), k);
      g_autofree char *fallback = g_strdup_printf ("%u", k);
      const char *want = ps_dataset_get_class_names (train) != NULL ? ps_dataset_get_class_names (train)[k] : fallback;

      same = g_strcmp0 (name, want) == 0;
    }
  if (same)
    return;
  selected = gtk_drop_down_get_selected (self->class_dropdown);
  {
    g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);

    for (guint k = 0; k < n; k++)
      {
        g_autofree char *fallback = g_strdup_printf ("%u", k);

        gtk_string_list_append (list, ps_dataset_get_class_names (train) != NULL
                                      ? ps_dataset_get_class_names (train)[k] : fallback);
      }
    gtk_drop_down_set_model (self->class_dropdown, G_LIST_MODEL (list));
  }
  gtk_drop_down_set_selected (self->class_dropdown, selected != GTK_INVALID_LIST_POSITION && selected < n ? selected : 0);
}

/**
 * ps_boundary_view_set_session:
 * @session: (nullable): the session whose training set the view shows
 *
 * Makes the view an editor of 2-D training sets (issue 11 §5): while it
 * shows the session's training set, a class chooser ("Class of new
 * points") appears, a click away from the points adds a point of that
 * class, a right click removes the nearest point (ps_session_add_point,
 * ps_session_remove_sample); a refused edit says why under the view. A
 * click on a point still emits "sample-activated" when it has a handler.
 * The view keeps a weak pointer.
 */
void
ps_boundary_view_set_session (PsBoundaryView *self,
                              PsSession      *session)
{
  g_return_if_fail (PS_IS_BOUNDARY_VIEW (self));
  g_return_if_fail (session == NULL || PS_IS_SESSION (session));

  if (self->session != NULL && self->runs_handler != 0)
    g_signal_handler_disconnect (self->session, self->runs_handler);
  self->runs_handler = 0;
  g_set_weak_pointer (&self->session, session);
  /* Compare draws the session's runs: follow them */
  if (session != NULL)
    self->runs_handler = g_signal_connect_object (session, "runs-changed", G_CALLBACK (update_compare),
                                                  self, G_CONNECT_SWAPPED);
  gtk_widget_set_visible (GTK_WIDGET (self->compare_button), session != NULL);
  show_edit_result (self, NULL);
  update_edit_box (self);
}

static gboolean
on_query_tooltip (GtkWidget  *area,
                  int         px,
                  int         py,
                  gboolean    keyboard_mode,
                  GtkTooltip *tooltip,
                  gpointer    user_data)
{
  PsBoundaryView *self = user_data;
  const PsBoundaryGrid *grid = self->grid;
  g_autofree char *text = NULL;
  double x, y;

  if (!ps_boundary_view_to_data (self, px, py, &x, &y))
    return FALSE;

  if (grid != NULL && grid->x_max > grid->x_min && grid->y_max > grid->y_min)
    {
      guint c = CLAMP ((x - grid->x_min) / (grid->x_max - grid->x_min) * grid->cols, 0, grid->cols - 1);
      guint r = CLAMP ((grid->y_max - y) / (grid->y_max - grid->y_min) * grid->rows, 0, grid->rows - 1);
      gsize i = (gsize) r * grid->cols + c;
      const PsDataset *train = self->snapshot->train;
      guint k = grid->classes[i];
      const char *name = ps_dataset_get_class_names (train) != NULL && k < g_strv_length ((char **) ps_dataset_get_class_names (train))
                         ? ps_dataset_get_class_names (train)[k] : NULL;
      g_autofree char *fallback = g_strdup_printf ("%u", k);

      const PsNetwork *net = self->snapshot->network;
      PsActivation out = net != NULL && net->n_layers > 0 ? net->layers[net->n_layers - 1].activation : PS_ACTIVATION_SIGMOID;

      /* a step output's 0 or 1 is no probability: none is shown for it */
      if (out != PS_ACTIVATION_SIGMOID && out != PS_ACTIVATION_SOFTMAX)
        text = g_strdup_printf (_("x = %.3g, y = %.3g\nclass %s (no probability)"), x, y,
                                name != NULL ? name : fallback);
      else if (grid->p1 != NULL)
        text = g_strdup_printf (_("x = %.3g, y = %.3g\nP(class 1) = %.3f"), x, y, grid->p1[i]);
      else
        text = g_strdup_printf (_("x = %.3g, y = %.3g\nclass %s, p = %.3f"), x, y,
                                name != NULL ? name : fallback, grid->confidence[i]);
    }
  else
    text = g_strdup_printf (_("x = %.3g, y = %.3g"), x, y);

  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}


static void
update_state (PsBoundaryView *self)
{
  const PsSnapshot *s = self->snapshot;
  gboolean with_test = has_test (s);
  g_autofree char *description = NULL;

  g_clear_pointer (&self->title, g_free);

  if (s == NULL)
    {
      gtk_label_set_text (self->placeholder, _("No data loaded"));
      gtk_stack_set_visible_child (self->stack, GTK_WIDGET (self->placeholder));
    }
  else if (!is_2d (s->train))
    {
      gtk_label_set_text (self->placeholder,
                          _("The decision boundary is drawn for data with two features"));
      gtk_stack_set_visible_child (self->stack, GTK_WIDGET (self->placeholder));
    }
  else
    {
      /* a checkpoint writes its epoch even when it is 0 (the timeline's start) */
      if (s->network != NULL && (s->epoch > 0 || s->checkpoint))
        self->title = g_strdup_printf (_("Decision boundary, epoch %u"), s->epoch);
      else if (s->network != NULL)
        self->title = g_strdup (_("Decision boundary"));
      else if (!self->compact)
        self->title = g_strdup (ps_dataset_get_name (s->train));

      description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                  "%zu training point in %u classes",
                                                  "%zu training points in %u classes",
                                                  ps_dataset_get_n_samples (s->train)),
                                     ps_dataset_get_n_samples (s->train), ps_dataset_get_n_classes (s->train));
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->area),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                      -1);
      gtk_stack_set_visible_child (self->stack, GTK_WIDGET (self->area));
    }

  gtk_widget_set_sensitive (GTK_WIDGET (self->test_check), with_test);
  gtk_widget_set_sensitive (GTK_WIDGET (self->discretize_check),
                            s != NULL && s->network != NULL);
  /* no boundary drawn (MNIST, no data): no check buttons for it either */
  gtk_widget_set_visible (self->controls, !self->compact && s != NULL && is_2d (s->train));
  update_edit_box (self);
}

void
ps_boundary_view_set_snapshot (PsBoundaryView *self,
                               PsSnapshot     *snapshot)
{
  g_return_if_fail (PS_IS_BOUNDARY_VIEW (self));

  if (snapshot == self->snapshot)
    return;

  /* The next snapshot of the same run: the grid stays as a stand-in until
   * it is evaluated again; anything else starts afresh. */
  if (self->grid != NULL && snapshot != NULL && self->snapshot != NULL
      && snapshot->network != NULL && self->snapshot->network != NULL
      && snapshot->train == self->snapshot->train
      && snapshot->test == self->snapshot->test
      && snapshot->network->n_layers == self->snapshot->network->n_layers
      && snapshot->network->n_params == self->snapshot->network->n_params)
    self->grid_stale = TRUE;
  else
    self->grid = NULL;

  if (snapshot != NULL)
    ps_snapshot_ref (snapshot);
  g_clear_pointer (&self->snapshot, ps_snapshot_unref);
  self->snapshot = snapshot;

  update_bounds (self);
  update_state (self);
  self->unit_maps_valid = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self->area));
}

void
ps_boundary_view_set_dataset (PsBoundaryView *self,
                              PsDataset      *train,
                              PsDataset      *test)
{
  g_autoptr(PsSnapshot) snapshot = NULL;

  g_return_if_fail (PS_IS_BOUNDARY_VIEW (self));

  /* A snapshot without a network: ps_snapshot_unref() frees it the same way. */
  if (train != NULL)
    {
      snapshot = g_new0 (PsSnapshot, 1);
      snapshot->ref_count = 1;
      snapshot->train = ps_dataset_ref (train);
      snapshot->test = test != NULL ? ps_dataset_ref (test) : NULL;
    }

  ps_boundary_view_set_snapshot (self, snapshot);
}

/**
 * ps_boundary_view_set_compact:
 * @compact: TRUE for a small picture of the points
 *
 * A compact view (the dataset panel's picture) has no check buttons and no
 * title, and asks for less room.
 */
void
ps_boundary_view_set_compact (PsBoundaryView *self,
                              gboolean        compact)
{
  g_return_if_fail (PS_IS_BOUNDARY_VIEW (self));

  self->compact = !!compact;
  gtk_widget_set_visible (self->controls, !compact);
  gtk_drawing_area_set_content_width (self->area, compact ? 160 : 320);
  gtk_drawing_area_set_content_height (self->area, compact ? 160 : 320);
  update_state (self);
  gtk_widget_queue_draw (GTK_WIDGET (self->area));
}

PsSnapshot *
ps_boundary_view_get_snapshot (PsBoundaryView *self)
{
  g_return_val_if_fail (PS_IS_BOUNDARY_VIEW (self), NULL);

  return self->snapshot;
}

gboolean
ps_boundary_view_has_data (PsBoundaryView *self)
{
  g_return_val_if_fail (PS_IS_BOUNDARY_VIEW (self), FALSE);

  return self->snapshot != NULL && is_2d (self->snapshot->train);
}

void
ps_boundary_view_set_show_test (PsBoundaryView *self,
                                gboolean        show_test)
{
  g_return_if_fail (PS_IS_BOUNDARY_VIEW (self));

  show_test = !!show_test;
  if (self->show_test == (guint) show_test)
    return;

  self->show_test = show_test;
  gtk_widget_queue_draw (GTK_WIDGET (self->area));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_TEST]);
}

gboolean
ps_boundary_view_get_show_test (PsBoundaryView *self)
{
  g_return_val_if_fail (PS_IS_BOUNDARY_VIEW (self), FALSE);

  return self->show_test;
}

void
ps_boundary_view_set_discretize (PsBoundaryView *self,
                                 gboolean        discretize)
{
  g_return_if_fail (PS_IS_BOUNDARY_VIEW (self));

  discretize = !!discretize;
  if (self->discretize == (guint) discretize)
    return;

  self->discretize = discretize;
  gtk_widget_queue_draw (GTK_WIDGET (self->area));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DISCRETIZE]);
}

gboolean
ps_boundary_view_get_discretize (PsBoundaryView *self)
{
  g_return_val_if_fail (PS_IS_BOUNDARY_VIEW (self), FALSE);

  return self->discretize;
}

static void
ps_boundary_view_dispose (GObject *object)
{
  PsBoundaryView *self = PS_BOUNDARY_VIEW (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), PS_TYPE_BOUNDARY_VIEW);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_pointer (&self->snapshot, ps_snapshot_unref);
  if (self->session != NULL && self->runs_handler != 0)
    g_signal_handler_disconnect (self->session, self->runs_handler);
  self->runs_handler = 0;
  g_clear_weak_pointer (&self->session);
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  self->grid = NULL;

  G_OBJECT_CLASS (ps_boundary_view_parent_class)->dispose (object);
}

static void
ps_boundary_view_finalize (GObject *object)
{
  PsBoundaryView *self = PS_BOUNDARY_VIEW (object);

  g_array_unref (self->points);
  g_array_unref (self->test_points);
  ps_boundary_grid_clear (&self->grid_buf);
  g_clear_pointer (&self->ws, ps_workspace_free);
  g_array_unref (self->ws_arch);
  g_free (self->title);
  g_free (self->unit_title);
  ps_unit_maps_clear (&self->unit_maps);
  g_array_unref (self->unit_points);

  G_OBJECT_CLASS (ps_boundary_view_parent_class)->finalize (object);
}

static void
ps_boundary_view_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  PsBoundaryView *self = PS_BOUNDARY_VIEW (object);

  switch (prop_id)
    {
    case PROP_SHOW_TEST:
      g_value_set_boolean (value, self->show_test);
      break;
    case PROP_DISCRETIZE:
      g_value_set_boolean (value, self->discretize);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ps_boundary_view_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  PsBoundaryView *self = PS_BOUNDARY_VIEW (object);

  switch (prop_id)
    {
    case PROP_SHOW_TEST:
      ps_boundary_view_set_show_test (self, g_value_get_boolean (value));
      break;
    case PROP_DISCRETIZE:
      ps_boundary_view_set_discretize (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ps_boundary_view_class_init (PsBoundaryViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ps_boundary_view_dispose;
  object_class->finalize = ps_boundary_view_finalize;
  object_class->get_property = ps_boundary_view_get_property;
  object_class->set_property = ps_boundary_view_set_property;

  properties[PROP_SHOW_TEST] =
    g_param_spec_boolean ("show-test", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DISCRETIZE] =
    g_param_spec_boolean ("discretize", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * PsBoundaryView::sample-activated:
   * @index: the training-set index of the point clicked
   *
   * A click on (within a few pixels of) a training point.
   */
  signals[SIGNAL_SAMPLE_ACTIVATED] =
    g_signal_new ("sample-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               PS_RESOURCE_BASE "/ps-boundary-view.ui");
  gtk_widget_class_bind_template_child (widget_class, PsBoundaryView, controls);
  gtk_widget_class_bind_template_child (widget_class, PsBoundaryView, test_check);
  gtk_widget_class_bind_template_child (widget_class, PsBoundaryView, discretize_check);
  gtk_widget_class_bind_template_child (widget_class, PsBoundaryView, stack);
  gtk_widget_class_bind_template_child (widget_class, PsBoundaryView, area);
  gtk_widget_class_bind_template_child (widget_class, PsBoundaryView, placeholder);
  gtk_widget_class_bind_template_child (widget_class, PsBoundaryView, edit_box);
  gtk_widget_class_bind_template_child (widget_class, PsBoundaryView, class_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PsBoundaryView, edit_message);
  gtk_widget_class_bind_template_callback (widget_class, on_query_tooltip);
}

static void
ps_boundary_view_init (PsBoundaryView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->show_test = TRUE;
  self->points = g_array_new (FALSE, FALSE, sizeof (float));
  self->test_points = g_array_new (FALSE, FALSE, sizeof (float));
  self->ws_arch = g_array_new (FALSE, FALSE, sizeof (guint));

  g_object_bind_property (self, "show-test", self->test_check, "active",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_object_bind_property (self, "discretize", self->discretize_check, "active",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);

  gtk_drawing_area_set_draw_func (self->area, draw_cb, self, NULL);
  /* a unit's map (ps_boundary_view_show_unit) leads back to the output */
  self->unit_points = g_array_new (FALSE, FALSE, sizeof (float));
  self->back_button = gtk_button_new_with_label (_("Back to Output"));
  gtk_widget_set_tooltip_text (self->back_button, _("Show the network's decision boundary again"));
  gtk_widget_set_visible (self->back_button, FALSE);
  g_signal_connect_swapped (self->back_button, "clicked", G_CALLBACK (on_back_clicked), self);
  gtk_box_append (GTK_BOX (self->controls), self->back_button);
  /* Compare two runs (issue 12 §2): shown once the view has a session */
  self->compare_button = GTK_TOGGLE_BUTTON (gtk_toggle_button_new_with_label (_("Compare")));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->compare_button),
                               _("Tick two runs in the Runs list to compare their boundaries"));
  gtk_widget_set_visible (GTK_WIDGET (self->compare_button), FALSE);
  g_signal_connect_swapped (self->compare_button, "toggled", G_CALLBACK (update_compare), self);
  gtk_box_append (GTK_BOX (self->controls), GTK_WIDGET (self->compare_button));
  {
    GtkGesture *click = gtk_gesture_click_new ();

    gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
    g_signal_connect (click, "released", G_CALLBACK (on_click_released), self);
    gtk_widget_add_controller (GTK_WIDGET (self->area), GTK_EVENT_CONTROLLER (click));
    click = gtk_gesture_click_new ();
    gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
    g_signal_connect (click, "released", G_CALLBACK (on_right_click_released), self);
    gtk_widget_add_controller (GTK_WIDGET (self->area), GTK_EVENT_CONTROLLER (click));
  }
  update_state (self);
}
