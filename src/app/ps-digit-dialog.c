/* ps-digit-dialog.c: draw a digit and see what the network thinks
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The drawing is an A8 cairo image (ink in its alpha) the size of the
 * canvas; strokes are thick round lines, as a pen. It goes through
 * ps_digit_preprocess and ps_digit_classify (core), the same path the
 * tests check against `perceptron predict`. A stroke changes the drawing at
 * the pointer's rate and a training run publishes snapshots at up to 60 a
 * second: both only mark the prediction stale, and a tick callback
 * recomputes it once per frame.
 */
#include "config.h"

#include "ps-digit-dialog.h"

#include <glib/gi18n.h>

#include "ps-digit.h"

/* The drawing's size in pixels (the canvas shows it 1:1), and the pen's
 * width: MNIST's strokes are 2–3 pixels of a 20-pixel digit, and a digit
 * drawn to fill the canvas is ~200 pixels tall. */
#define CANVAS_SIZE 280
#define PEN_WIDTH   22.0

/* The bars: one row per class. */
#define BAR_ROW     24
#define BAR_GAP     8

/* "What the model sees": the 28 × 28 image, 4 screen pixels a pixel. */
#define PREVIEW_ZOOM 4

struct _PsDigitDialog
{
  GtkWindow        parent_instance;

  GtkDrawingArea  *canvas;
  GtkDrawingArea  *preview;
  GtkWidget       *preview_title;
  GtkWidget       *preview_frame;
  GtkDrawingArea  *bars;
  GtkLabel        *prediction_label;
  GtkLabel        *message_label;

  PsSession       *session;          /* (owned) */
  cairo_surface_t *ink;              /* A8, CANVAS_SIZE², the drawing */
  gboolean         has_ink;
  gboolean         ink_changed;      /* pixels are not the drawing's yet */
  double           last_x;           /* the stroke's last point */
  double           last_y;
  double           start_x;          /* where the drag began */
  double           start_y;

  float            pixels[PS_DIGIT_N_PIXELS];   /* what the model was given */
  float           *probabilities;    /* n_classes, or NULL */
  guint            n_classes;
  int              predicted;        /* -1: none */
  char           **class_names;      /* n_classes names */
  char            *description;      /* the bars' accessible description */

  guint            tick_id;          /* a recomputation waits for the next frame */
};

G_DEFINE_FINAL_TYPE (PsDigitDialog, ps_digit_dialog, GTK_TYPE_WINDOW)

/* (transfer none) (nullable): the model the views show and the training
 * set its scaling comes from when the model records none */
static const PsNetwork *
shown_model (PsDigitDialog  *self,
             PsDataset     **train)
{
  PsSnapshot *snap = ps_session_get_view_snapshot (self->session);

  *train = snap != NULL && snap->train != NULL ? snap->train : ps_session_get_train (self->session);
  if (snap != NULL && snap->network != NULL)
    return snap->network;
  return ps_session_get_model (self->session);
}

/* Why there are no bars: a sentence, or NULL when the model takes digits. */
static char *
why_not (const PsNetwork *net)
{
  if (net == NULL)
    return g_strdup (_("There is no model yet. Choose the MNIST dataset or a preset of “Keras on MNIST”, "
                       "or open a model trained on MNIST, then draw a digit."));
  if (ps_digit_fits_network (net))
    return NULL;
  if (net->input_shape[0] != 0)
    return g_strdup_printf (_("The model takes %u × %u images; a drawn digit needs a model trained on "
                              "28 × 28 images such as MNIST."),
                            net->input_shape[1], net->input_shape[0]);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "The model takes %u input, not an image; a drawn digit needs a "
                                       "model trained on 28 × 28 images such as MNIST.",
                                       "The model takes %u inputs, not an image; a drawn digit needs a "
                                       "model trained on 28 × 28 images such as MNIST.",
                                       net->n_inputs),
                          net->n_inputs);
}

/* The model's name of class k: its own, or the number. */
static void
set_class_names (PsDigitDialog   *self,
                 const PsNetwork *net,
                 guint            n)
{
  guint n_names = net->classes != NULL ? g_strv_length (net->classes) : 0;

  g_strfreev (self->class_names);
  self->class_names = g_new0 (char *, n + 1);
  for (guint k = 0; k < n; k++)
    self->class_names[k] = k < n_names ? g_strdup (net->classes[k]) : g_strdup_printf ("%u", k);
}

static void
set_description (PsDigitDialog *self,
                 char          *text)
{
  g_free (self->description);
  self->description = text;
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->bars),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text, -1);
}

/* The bars and the model's input, or the sentence saying why there are
 * none. */
static void
show_bars (PsDigitDialog *self,
           gboolean       bars)
{
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), !bars);
  gtk_widget_set_visible (GTK_WIDGET (self->prediction_label), bars);
  gtk_widget_set_visible (GTK_WIDGET (self->bars), bars);
  gtk_widget_set_visible (self->preview_title, bars);
  gtk_widget_set_visible (self->preview_frame, bars);
}

/* The drawing through the model: the bars, the label, the description. */
static void
recompute (PsDigitDialog *self)
{
  g_autofree char *reason = NULL;
  const PsNetwork *net;
  PsDataset *train;
  GString *text;
  guint32 cls;
  guint n_out;

  /* a new snapshot alone leaves the drawing as it was */
  if (self->ink_changed)
    {
      cairo_surface_flush (self->ink);
      self->has_ink = ps_digit_preprocess (cairo_image_surface_get_data (self->ink), CANVAS_SIZE, CANVAS_SIZE,
                                           cairo_image_surface_get_stride (self->ink), self->pixels);
      self->ink_changed = FALSE;
      gtk_widget_queue_draw (GTK_WIDGET (self->preview));
    }
  g_clear_pointer (&self->probabilities, g_free);
  self->n_classes = 0;
  self->predicted = -1;

  net = shown_model (self, &train);
  reason = why_not (net);
  if (reason != NULL)
    {
      gtk_label_set_text (self->message_label, reason);
      show_bars (self, FALSE);
      set_description (self, g_steal_pointer (&reason));
      gtk_widget_queue_draw (GTK_WIDGET (self->bars));
      return;
    }
  show_bars (self, TRUE);

  /* one sigmoid unit is P(class 1): two bars */
  n_out = ps_network_n_outputs (net);
  self->n_classes = MAX (n_out, 2u);
  set_class_names (self, net, self->n_classes);
  gtk_drawing_area_set_content_height (self->bars, (int) self->n_classes * BAR_ROW);
  if (!self->has_ink)
    {
      gtk_label_set_text (self->prediction_label, _("Draw a digit in the box"));
      set_description (self, g_strdup (_("Nothing drawn yet")));
      gtk_widget_queue_draw (GTK_WIDGET (self->bars));
      return;
    }

  {
    g_autofree float *outputs = g_new (float, n_out);

    cls = ps_digit_classify (net, train, self->pixels, outputs);
    self->predicted = (int) cls;
    if (ps_digit_has_probabilities (net))
      {
        self->probabilities = g_new (float, self->n_classes);
        if (n_out == 1)
          {
            self->probabilities[0] = 1.0f - outputs[0];
            self->probabilities[1] = outputs[0];
          }
        else
          memcpy (self->probabilities, outputs, sizeof (float) * n_out);
      }
  }

  text = g_string_new (NULL);
  if (self->probabilities != NULL)
    {
      char buf[G_ASCII_DTOSTR_BUF_SIZE];
      g_autofree char *label = g_strdup_printf (_("Prediction: %s (p = %s)"), self->class_names[cls],
                                                g_ascii_formatd (buf, sizeof buf, "%.2f",
                                                                 self->probabilities[cls]));

      gtk_label_set_text (self->prediction_label, label);
      g_string_append_printf (text, _("Predicted %s."), self->class_names[cls]);
      for (guint k = 0; k < self->n_classes; k++)
        g_string_append_printf (text, "%s%s: %s", k > 0 ? ", " : " ", self->class_names[k],
                                g_ascii_formatd (buf, sizeof buf, "%.2f", self->probabilities[k]));
    }
  else
    {
      /* a step (or linear) output says which class, not how sure */
      g_autofree char *label = g_strdup_printf (_("Prediction: %s (no probability)"), self->class_names[cls]);

      gtk_label_set_text (self->prediction_label, label);
      g_string_append_printf (text, _("Predicted %s (no probability: the output layer gives no "
                                      "probabilities)."), self->class_names[cls]);
    }
  set_description (self, g_string_free (text, FALSE));
  gtk_widget_queue_draw (GTK_WIDGET (self->bars));
}

static gboolean
on_tick (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       user_data)
{
  PsDigitDialog *self = PS_DIGIT_DIALOG (widget);

  self->tick_id = 0;
  recompute (self);
  return G_SOURCE_REMOVE;
}

/* The prediction is stale: recompute it before the next frame (once,
 * however many strokes and snapshots come before it). Hidden, the dialog
 * recomputes when it is shown. */
static void
queue_recompute (PsDigitDialog *self)
{
  if (self->tick_id != 0 || !gtk_widget_get_visible (GTK_WIDGET (self)))
    return;
  self->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), on_tick, NULL, NULL);
}

/* ---- drawing ------------------------------------------------------------------ */

/* The canvas's coordinates in the drawing's (they are 1:1 unless the
 * canvas is given another size). */
static void
to_drawing (PsDigitDialog *self,
            double        *x,
            double        *y)
{
  int w = gtk_widget_get_width (GTK_WIDGET (self->canvas));
  int h = gtk_widget_get_height (GTK_WIDGET (self->canvas));

  if (w > 0 && h > 0)
    {
      *x *= (double) CANVAS_SIZE / w;
      *y *= (double) CANVAS_SIZE / h;
    }
}

/* Ink along the segment from the last point to (x, y): a round pen. */
static void
stroke_to (PsDigitDialog *self,
           double         x,
           double         y)
{
  cairo_t *cr = cairo_create (self->ink);

  cairo_set_line_width (cr, PEN_WIDTH);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_move_to (cr, self->last_x, self->last_y);
  cairo_line_to (cr, x, y);
  cairo_stroke (cr);
  cairo_destroy (cr);
  self->last_x = x;
  self->last_y = y;
  self->ink_changed = TRUE;
  gtk_widget_queue_draw (GTK_WIDGET (self->canvas));
  queue_recompute (self);
}

static void
on_drag_begin (GtkGestureDrag *gesture,
               double          x,
               double          y,
               PsDigitDialog  *self)
{
  self->start_x = x;
  self->start_y = y;
  to_drawing (self, &x, &y);
  self->last_x = x;
  self->last_y = y;
  /* a click alone leaves a dot */
  stroke_to (self, x, y);
}

static void
on_drag_update (GtkGestureDrag *gesture,
                double          offset_x,
                double          offset_y,
                PsDigitDialog  *self)
{
  double x = self->start_x + offset_x, y = self->start_y + offset_y;

  to_drawing (self, &x, &y);
  stroke_to (self, x, y);
}

static void
draw_canvas (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        user_data)
{
  PsDigitDialog *self = user_data;

  /* paper, and the ink in the text colour's darkness */
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_save (cr);
  cairo_scale (cr, (double) width / CANVAS_SIZE, (double) height / CANVAS_SIZE);
  cairo_set_source_rgb (cr, 0.1, 0.1, 0.12);
  cairo_mask_surface (cr, self->ink, 0, 0);
  cairo_restore (cr);

  /* the 20 × 20 box MNIST's digits fill, as a hint of the size to draw */
  cairo_set_source_rgba (cr, 0.2, 0.4, 0.8, 0.4);
  cairo_set_line_width (cr, 1);
  cairo_set_dash (cr, (double[]) { 4, 4 }, 2, 0);
  cairo_rectangle (cr, width * 4.0 / 28 + 0.5, height * 4.0 / 28 + 0.5, width * 20.0 / 28 - 1,
                   height * 20.0 / 28 - 1);
  cairo_stroke (cr);
}

static void
draw_preview (GtkDrawingArea *area,
              cairo_t        *cr,
              int             width,
              int             height,
              gpointer        user_data)
{
  PsDigitDialog *self = user_data;
  cairo_surface_t *img = cairo_image_surface_create (CAIRO_FORMAT_A8, PS_DIGIT_SIZE, PS_DIGIT_SIZE);
  guint8 *data = cairo_image_surface_get_data (img);
  int stride = cairo_image_surface_get_stride (img);

  for (guint j = 0; j < PS_DIGIT_SIZE; j++)
    for (guint i = 0; i < PS_DIGIT_SIZE; i++)
      data[j * stride + i] = (guint8) CLAMP (self->pixels[j * PS_DIGIT_SIZE + i] + 0.5f, 0.0f, 255.0f);
  cairo_surface_mark_dirty (img);

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, (double) width / PS_DIGIT_SIZE, (double) height / PS_DIGIT_SIZE);
  cairo_set_source_rgb (cr, 0.1, 0.1, 0.12);
  {
    cairo_pattern_t *mask = cairo_pattern_create_for_surface (img);

    /* the pixels as pixels: this is all the model sees */
    cairo_pattern_set_filter (mask, CAIRO_FILTER_NEAREST);
    cairo_mask (cr, mask);
    cairo_pattern_destroy (mask);
  }
  cairo_surface_destroy (img);
}

/* ---- the bars -------------------------------------------------------------------- */

static void
draw_bars (GtkDrawingArea *area,
           cairo_t        *cr,
           int             width,
           int             height,
           gpointer        user_data)
{
  PsDigitDialog *self = user_data;
  GtkWidget *widget = GTK_WIDGET (area);
  PangoLayout *layout = gtk_widget_create_pango_layout (widget, NULL);
  GdkRGBA fg;
  int name_w = 0, value_w, text_h, w;
  double track_x, track_w;

  if (self->n_classes == 0)
    {
      g_object_unref (layout);
      return;
    }
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  G_GNUC_END_IGNORE_DEPRECATIONS

  /* columns: the names, right-aligned; the bar; the value */
  for (guint k = 0; k < self->n_classes; k++)
    {
      pango_layout_set_text (layout, self->class_names[k], -1);
      pango_layout_get_pixel_size (layout, &w, NULL);
      name_w = MAX (name_w, w);
    }
  {
    /* the widest value: the predicted one, in bold */
    PangoAttrList *bold = pango_attr_list_new ();

    pango_attr_list_insert (bold, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
    pango_layout_set_attributes (layout, bold);
    pango_attr_list_unref (bold);
    pango_layout_set_text (layout, "0.00", -1);
    pango_layout_get_pixel_size (layout, &value_w, &text_h);
    pango_layout_set_text (layout, "8", -1);
    pango_layout_get_pixel_size (layout, &w, NULL);
    name_w = MAX (name_w, w);
  }
  track_x = name_w + BAR_GAP;
  track_w = MAX (width - track_x - BAR_GAP - value_w - 2, 20);

  for (guint k = 0; k < self->n_classes; k++)
    {
      double y = k * BAR_ROW, p = self->probabilities != NULL ? self->probabilities[k] : 0.0;
      gboolean best = (int) k == self->predicted;
      PangoAttrList *attrs = pango_attr_list_new ();

      if (best)
        pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
      pango_layout_set_attributes (layout, attrs);
      pango_attr_list_unref (attrs);

      /* the name */
      gdk_cairo_set_source_rgba (cr, &fg);
      pango_layout_set_text (layout, self->class_names[k], -1);
      pango_layout_get_pixel_size (layout, &w, NULL);
      cairo_move_to (cr, name_w - w, y + (BAR_ROW - text_h) / 2.0);
      pango_cairo_show_layout (cr, layout);

      /* the track, then the bar: the predicted class in a strong blue,
       * the others light; without probabilities only the predicted row
       * is marked, the full width */
      cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.08);
      cairo_rectangle (cr, track_x, y + 4, track_w, BAR_ROW - 8);
      cairo_fill (cr);
      if (self->probabilities == NULL)
        p = best ? 1.0 : 0.0;
      if (best)
        cairo_set_source_rgb (cr, 0.11, 0.44, 0.85);
      else
        cairo_set_source_rgb (cr, 0.60, 0.76, 0.95);
      cairo_rectangle (cr, track_x, y + 4, track_w * CLAMP (p, 0.0, 1.0), BAR_ROW - 8);
      cairo_fill (cr);

      /* the value */
      if (self->probabilities != NULL)
        {
          char buf[G_ASCII_DTOSTR_BUF_SIZE];

          gdk_cairo_set_source_rgba (cr, &fg);
          pango_layout_set_text (layout, g_ascii_formatd (buf, sizeof buf, "%.2f", p), -1);
          cairo_move_to (cr, track_x + track_w + BAR_GAP, y + (BAR_ROW - text_h) / 2.0);
          pango_cairo_show_layout (cr, layout);
        }
    }
  g_object_unref (layout);
}

/* ---- the session ----------------------------------------------------------------- */

static void
on_session_snapshot (PsSession  *session,
                     PsSnapshot *snapshot,
                     gpointer    user_data)
{
  queue_recompute (user_data);
}

static void
on_session_changed (GObject    *session,
                    GParamSpec *pspec,
                    gpointer    user_data)
{
  queue_recompute (user_data);
}

static void
on_clear_clicked (PsDigitDialog *self)
{
  ps_digit_dialog_clear (self);
}

static void
ps_digit_dialog_show (GtkWidget *widget)
{
  PsDigitDialog *self = PS_DIGIT_DIALOG (widget);

  GTK_WIDGET_CLASS (ps_digit_dialog_parent_class)->show (widget);
  /* hidden, it did not follow the session */
  recompute (self);
}

static void
ps_digit_dialog_dispose (GObject *object)
{
  PsDigitDialog *self = PS_DIGIT_DIALOG (object);

  if (self->tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
      self->tick_id = 0;
    }
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_clear_object (&self->session);
  gtk_widget_dispose_template (GTK_WIDGET (self), PS_TYPE_DIGIT_DIALOG);
  G_OBJECT_CLASS (ps_digit_dialog_parent_class)->dispose (object);
}

static void
ps_digit_dialog_finalize (GObject *object)
{
  PsDigitDialog *self = PS_DIGIT_DIALOG (object);

  g_clear_pointer (&self->ink, cairo_surface_destroy);
  g_free (self->probabilities);
  g_strfreev (self->class_names);
  g_free (self->description);
  G_OBJECT_CLASS (ps_digit_dialog_parent_class)->finalize (object);
}

static void
ps_digit_dialog_class_init (PsDigitDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ps_digit_dialog_dispose;
  object_class->finalize = ps_digit_dialog_finalize;
  widget_class->show = ps_digit_dialog_show;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               PS_RESOURCE_BASE "/ps-digit-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PsDigitDialog, canvas);
  gtk_widget_class_bind_template_child (widget_class, PsDigitDialog, preview);
  gtk_widget_class_bind_template_child (widget_class, PsDigitDialog, preview_title);
  gtk_widget_class_bind_template_child (widget_class, PsDigitDialog, preview_frame);
  gtk_widget_class_bind_template_child (widget_class, PsDigitDialog, bars);
  gtk_widget_class_bind_template_child (widget_class, PsDigitDialog, prediction_label);
  gtk_widget_class_bind_template_child (widget_class, PsDigitDialog, message_label);
  gtk_widget_class_bind_template_callback (widget_class, on_clear_clicked);
}

static void
ps_digit_dialog_init (PsDigitDialog *self)
{
  GtkGesture *drag;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->ink = cairo_image_surface_create (CAIRO_FORMAT_A8, CANVAS_SIZE, CANVAS_SIZE);
  self->predicted = -1;

  gtk_drawing_area_set_content_width (self->canvas, CANVAS_SIZE);
  gtk_drawing_area_set_content_height (self->canvas, CANVAS_SIZE);
  gtk_drawing_area_set_draw_func (self->canvas, draw_canvas, self, NULL);
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self->canvas), "crosshair");
  gtk_drawing_area_set_content_width (self->preview, PS_DIGIT_SIZE * PREVIEW_ZOOM);
  gtk_drawing_area_set_content_height (self->preview, PS_DIGIT_SIZE * PREVIEW_ZOOM);
  gtk_drawing_area_set_draw_func (self->preview, draw_preview, self, NULL);
  gtk_drawing_area_set_content_height (self->bars, 10 * BAR_ROW);
  gtk_drawing_area_set_draw_func (self->bars, draw_bars, self, NULL);

  drag = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), GDK_BUTTON_PRIMARY);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (on_drag_begin), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (on_drag_update), self);
  gtk_widget_add_controller (GTK_WIDGET (self->canvas), GTK_EVENT_CONTROLLER (drag));
}

GtkWidget *
ps_digit_dialog_new (PsSession *session,
                     GtkWindow *parent)
{
  PsDigitDialog *self;

  g_return_val_if_fail (PS_IS_SESSION (session), NULL);
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  self = g_object_new (PS_TYPE_DIGIT_DIALOG, "transient-for", parent, NULL);
  if (parent != NULL && gtk_window_get_application (parent) != NULL)
    gtk_window_set_application (GTK_WINDOW (self), gtk_window_get_application (parent));
  self->session = g_object_ref (session);
  g_signal_connect (session, "snapshot", G_CALLBACK (on_session_snapshot), self);
  g_signal_connect (session, "notify::model", G_CALLBACK (on_session_changed), self);
  g_signal_connect (session, "notify::view-epoch", G_CALLBACK (on_session_changed), self);
  g_signal_connect (session, "notify::train", G_CALLBACK (on_session_changed), self);
  g_signal_connect (session, "notify::settings", G_CALLBACK (on_session_changed), self);
  return GTK_WIDGET (self);
}

void
ps_digit_dialog_clear (PsDigitDialog *self)
{
  cairo_t *cr;

  g_return_if_fail (PS_IS_DIGIT_DIALOG (self));

  cr = cairo_create (self->ink);
  cairo_set_operator (cr, CAIRO_OPERATOR_CLEAR);
  cairo_paint (cr);
  cairo_destroy (cr);
  self->ink_changed = TRUE;
  gtk_widget_queue_draw (GTK_WIDGET (self->canvas));
  queue_recompute (self);
}

GtkWidget *
ps_digit_dialog_get_canvas (PsDigitDialog *self)
{
  g_return_val_if_fail (PS_IS_DIGIT_DIALOG (self), NULL);

  return GTK_WIDGET (self->canvas);
}

int
ps_digit_dialog_get_predicted (PsDigitDialog *self)
{
  g_return_val_if_fail (PS_IS_DIGIT_DIALOG (self), -1);

  return self->predicted;
}

const float *
ps_digit_dialog_get_probabilities (PsDigitDialog *self,
                                   guint         *n_classes)
{
  g_return_val_if_fail (PS_IS_DIGIT_DIALOG (self), NULL);

  if (n_classes != NULL)
    *n_classes = self->probabilities != NULL ? self->n_classes : 0;
  return self->probabilities;
}

const float *
ps_digit_dialog_get_pixels (PsDigitDialog *self)
{
  g_return_val_if_fail (PS_IS_DIGIT_DIALOG (self), NULL);

  return self->pixels;
}

char *
ps_digit_dialog_dup_description (PsDigitDialog *self)
{
  g_return_val_if_fail (PS_IS_DIGIT_DIALOG (self), NULL);

  return g_strdup (self->description);
}
