/* plot-gallery.c: renders every plot with realistic data into PNG files
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: plot-gallery [OUTDIR] [--time]
 * Not a test: a way to look at the plots (and time them) while working on
 * them. MNIST samples come from the shipped data/datasets/mnist.
 */
#include "config.h"

#include "ps-plot.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

typedef void (*Render) (cairo_t *cr, double w, double h, gpointer data);

static const char *outdir = ".";
static gboolean timing = FALSE;
static const char *only = NULL;

static guint32 rng_state = 12345;

static double
frand (void)
{
  rng_state ^= rng_state << 13;
  rng_state ^= rng_state >> 17;
  rng_state ^= rng_state << 5;
  return (rng_state & 0xffffff) / (double) 0x1000000;
}

static double
nrand (void)
{
  double u = frand () + 1e-12, v = frand ();

  return sqrt (-2 * log (u)) * cos (2 * G_PI * v);
}

/* CPU time: the machine is shared, wall time says little. */
static double
cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static double
sigmoid (double z)
{
  return 1 / (1 + exp (-z));
}

static void
emit (const char *name,
      int         w,
      int         h,
      Render      render,
      gpointer    data)
{
  g_autofree char *path = g_strdup_printf ("%s/%s.png", outdir, name);
  g_autoptr(GError) error = NULL;

  if (only && strcmp (only, name) != 0)
    return;
  if (!ps_plot_export (path, w, h, render, data, &error))
    {
      g_printerr ("%s: %s\n", name, error->message);
      return;
    }
  if (timing)
    {
      cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w, h);
      cairo_t *cr = cairo_create (s);
      double t0 = cpu_ms ();
      int reps = only ? 300 : 30;

      for (int i = 0; i < reps; i++)
        render (cr, w, h, data);
      g_print ("%-28s %4dx%-4d %7.2f ms\n", name, w, h,
               (cpu_ms () - t0) / reps);
      cairo_destroy (cr);
      cairo_surface_destroy (s);
    }
  else
    g_print ("%s\n", path);
}

/* ---- curves ---- */

static void
render_curves (cairo_t *cr, double w, double h, gpointer data)
{
  ps_plot_curves (cr, w, h, data);
}

/* The same drawn at twice the resolution (a HiDPI screen). */
static void
render_curves_2x (cairo_t *cr, double w, double h, gpointer data)
{
  cairo_scale (cr, 2, 2);
  ps_plot_curves (cr, w / 2, h / 2, data);
}

static PsCurvesData *
with_cursor (PsCurvesData *d, guint epoch)
{
  d->has_cursor = TRUE;
  d->cursor_epoch = epoch;
  return d;
}

static PsCurvesData *
make_curves (guint n, gboolean val, gboolean acc, const char *title)
{
  PsCurvesData *d = g_new0 (PsCurvesData, 1);
  double *loss = g_new (double, n), *vl = g_new (double, n);
  double *a = g_new (double, n), *va = g_new (double, n);

  for (guint i = 0; i < n; i++)
    {
      double t = (double) i / MAX (n - 1, 1);
      double noise = n > 200 ? 0.03 * nrand () : 0.01 * nrand ();

      loss[i] = 0.08 + 2.2 * exp (-6 * t) + noise * exp (-2 * t);
      vl[i] = 0.14 + 2.1 * exp (-5.5 * t) + 0.03 * t + noise * 1.5;
      a[i] = MIN (0.985, 0.12 + 0.86 * (1 - exp (-7 * t)) + noise * 0.3);
      va[i] = MIN (0.98, 0.10 + 0.83 * (1 - exp (-6 * t)) + noise * 0.4);
    }
  d->n_epochs = n;
  d->loss = loss;
  d->val_loss = val ? vl : NULL;
  d->accuracy = acc ? a : NULL;
  d->val_accuracy = val && acc ? va : NULL;
  d->title = title;
  return d;
}

/* ---- boundary ---- */

static void
render_boundary (cairo_t *cr, double w, double h, gpointer data)
{
  ps_plot_boundary (cr, w, h, data);
}

static PsBoundaryData *
make_xor_boundary (gboolean discretize)
{
  PsBoundaryData *d = g_new0 (PsBoundaryData, 1);
  guint n = 200;
  float *grid = g_new (float, n * n);
  static const float pts[] = { 0, 0, 0, 1, 1, 0, 1, 1 };
  static const guint32 labels[] = { 0, 1, 1, 0 };
  static const char *names[] = { "0", "1" };

  d->x_min = d->y_min = -0.5;
  d->x_max = d->y_max = 1.5;
  for (guint r = 0; r < n; r++)
    for (guint c = 0; c < n; c++)
      {
        double x = d->x_min + (c + 0.5) * (d->x_max - d->x_min) / n;
        double y = d->y_max - (r + 0.5) * (d->y_max - d->y_min) / n;
        /* a 2-3-1 sigmoid net's XOR: two bands */
        double h1 = sigmoid (9 * (x + y - 0.5));
        double h2 = sigmoid (9 * (x + y - 1.5));

        grid[r * n + c] = sigmoid (12 * (h1 - h2) - 6);
      }
  d->grid_rows = d->grid_cols = n;
  d->grid = grid;
  d->n_classes = 2;
  d->discretize = discretize;
  d->n_points = 4;
  d->points = pts;
  d->labels = labels;
  d->class_names = names;
  d->title = discretize ? "XOR, MLP 2-3-1 (discretised)" : "XOR, MLP 2-3-1 (sigmoid)";
  return d;
}

static PsBoundaryData *
make_perceptron_boundary (void)
{
  PsBoundaryData *d = g_new0 (PsBoundaryData, 1);
  guint n = 120;
  float *grid = g_new (float, n * n);
  static const float pts[] = { 0, 0, 0, 1, 1, 0, 1, 1 };
  static const guint32 labels[] = { 0, 0, 0, 1 };
  static const float line[] = { 0.42f, 0.31f, -0.55f };

  d->x_min = d->y_min = -0.5;
  d->x_max = d->y_max = 1.5;
  for (guint r = 0; r < n; r++)
    for (guint c = 0; c < n; c++)
      {
        double x = d->x_min + (c + 0.5) * 2.0 / n;
        double y = d->y_max - (r + 0.5) * 2.0 / n;

        grid[r * n + c] = line[0] * x + line[1] * y + line[2] > 0 ? 1 : 0;
      }
  d->grid_rows = d->grid_cols = n;
  d->grid = grid;
  d->n_classes = 2;
  d->n_points = 4;
  d->points = pts;
  d->labels = labels;
  d->n_lines = 1;
  d->lines = line;
  d->title = "AND, perceptron (step)";
  return d;
}

static PsBoundaryData *
make_moons_boundary (void)
{
  PsBoundaryData *d = g_new0 (PsBoundaryData, 1);
  guint n = 200, np = 240, nt = 60;
  float *grid = g_new (float, n * n);
  float *pts = g_new (float, 2 * np), *tpts = g_new (float, 2 * nt);
  guint32 *lab = g_new (guint32, np), *tlab = g_new (guint32, nt);

  d->x_min = -1.5;
  d->x_max = 2.5;
  d->y_min = -1.0;
  d->y_max = 1.5;
  for (guint r = 0; r < n; r++)
    for (guint c = 0; c < n; c++)
      {
        double x = d->x_min + (c + 0.5) * (d->x_max - d->x_min) / n;
        double y = d->y_max - (r + 0.5) * (d->y_max - d->y_min) / n;
        double f = (y - 0.25) - 0.9 * sin (2.2 * (x - 0.5)) * 0.5 - 0.2 * (x - 0.5);

        grid[r * n + c] = sigmoid (-6 * f);
      }
  for (guint i = 0; i < np + nt; i++)
    {
      guint k = i % 2;
      double t = frand () * G_PI;
      double x = k == 0 ? cos (t) : 1 - cos (t);
      double y = k == 0 ? sin (t) : 0.5 - sin (t);

      x += 0.12 * nrand ();
      y += 0.12 * nrand ();
      if (i < np)
        {
          pts[2 * i] = x;
          pts[2 * i + 1] = y;
          lab[i] = k;
        }
      else
        {
          tpts[2 * (i - np)] = x;
          tpts[2 * (i - np) + 1] = y;
          tlab[i - np] = k;
        }
    }
  d->grid_rows = d->grid_cols = n;
  d->grid = grid;
  d->n_classes = 2;
  d->n_points = np;
  d->points = pts;
  d->labels = lab;
  d->n_test_points = nt;
  d->test_points = tpts;
  d->test_labels = tlab;
  d->show_test = TRUE;
  d->title = "Moons, MLP 2-8-1, test points shown";
  return d;
}

static PsBoundaryData *
make_spiral_boundary (void)
{
  PsBoundaryData *d = g_new0 (PsBoundaryData, 1);
  guint n = 200, np = 300, k = 3;
  guint32 *cls = g_new (guint32, n * n);
  float *conf = g_new (float, n * n);
  float *pts = g_new (float, 2 * np);
  guint32 *lab = g_new (guint32, np);

  d->x_min = d->y_min = -1.2;
  d->x_max = d->y_max = 1.2;
  for (guint r = 0; r < n; r++)
    for (guint c = 0; c < n; c++)
      {
        double x = d->x_min + (c + 0.5) * 2.4 / n;
        double y = d->y_max - (r + 0.5) * 2.4 / n;
        double rad = hypot (x, y), ang = atan2 (y, x);
        double s = ang - 4 * rad;           /* spiral arms */
        double m = fmod (fmod (s, 2 * G_PI) + 2 * G_PI, 2 * G_PI) / (2 * G_PI) * k;
        guint kk = (guint) m % k;
        double frac = m - floor (m);

        cls[r * n + c] = kk;
        conf[r * n + c] = 1.0 / k + (1 - 1.0 / k) * sin (G_PI * frac) * MIN (1, rad * 3);
      }
  for (guint i = 0; i < np; i++)
    {
      guint kk = i % k;
      double rad = (i / k) / (double) (np / k) * 1.05 + 0.05;
      double ang = 4 * rad + (kk + 0.5) * 2 * G_PI / k + 0.15 * nrand ();

      pts[2 * i] = rad * cos (ang);
      pts[2 * i + 1] = rad * sin (ang);
      lab[i] = kk;
    }
  d->grid_rows = d->grid_cols = n;
  d->class_grid = cls;
  d->confidence = conf;
  d->n_classes = k;
  d->n_points = np;
  d->points = pts;
  d->labels = lab;
  d->title = "Spiral, 3 classes, softmax";
  return d;
}

/* ---- weights ---- */

typedef struct
{
  float *w;
  guint  rows, cols;
  const char *title;
} Weights;

static void
render_weights (cairo_t *cr, double w, double h, gpointer data)
{
  Weights *d = data;

  ps_plot_weights (cr, w, h, d->w, d->rows, d->cols, d->title);
}

static void
render_tiles (cairo_t *cr, double w, double h, gpointer data)
{
  Weights *d = data;

  ps_plot_weight_tiles (cr, w, h, d->w, 28, 28, d->cols, d->title);
}

static Weights *
make_weights (guint rows, guint cols, double scale, gboolean strokes, const char *title)
{
  Weights *d = g_new0 (Weights, 1);

  d->w = g_new (float, (gsize) rows * cols);
  d->rows = rows;
  d->cols = cols;
  d->title = title;
  for (guint j = 0; j < cols; j++)
    {
      /* for image inputs: a couple of blob-like stroke detectors per unit */
      double cx1 = 8 + frand () * 12, cy1 = 8 + frand () * 12;
      double cx2 = 8 + frand () * 12, cy2 = 8 + frand () * 12;
      double ang = frand () * G_PI;

      for (guint i = 0; i < rows; i++)
        {
          double v = scale * nrand () * 0.35;

          if (strokes && rows == 784)
            {
              double x = i % 28, y = i / 28.0;
              double u = (x - cx1) * cos (ang) + (y - cy1) * sin (ang);
              double vv = -(x - cx1) * sin (ang) + (y - cy1) * cos (ang);
              double g1 = exp (-(u * u / 30 + vv * vv / 4));
              double g2 = exp (-((x - cx2) * (x - cx2) + (y - cy2) * (y - cy2)) / 12);
              double border = (x < 3 || x > 24 || y < 3 || y > 24) ? 0.15 : 1;

              v = border * (v + scale * (1.6 * g1 - 1.3 * g2));
            }
          d->w[(gsize) i * cols + j] = v;
        }
    }
  return d;
}

/* ---- confusion ---- */

typedef struct
{
  guint64 *counts;
  guint n;
  const char **names;
  const char *title;
} Confusion;

static void
render_confusion (cairo_t *cr, double w, double h, gpointer data)
{
  Confusion *d = data;

  ps_plot_confusion (cr, w, h, d->counts, d->n, d->names, d->title);
}

static Confusion *
make_confusion (guint n, const char **names, double acc, const char *title)
{
  static const guint totals[] = { 980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009 };
  Confusion *d = g_new0 (Confusion, 1);

  d->counts = g_new0 (guint64, n * n);
  d->n = n;
  d->names = names;
  d->title = title;
  for (guint i = 0; i < n; i++)
    {
      guint total = n == 10 ? totals[i] : 500;
      double a = acc - 0.08 * frand ();
      guint right = (guint) (total * a);
      guint rest = total - right;

      d->counts[i * n + i] = right;
      while (rest > 0)
        {
          guint j = (guint) (frand () * n) % n;
          guint want = 1 + (guint) (frand () * 12);
          guint take = MIN (rest, want);   /* MIN evaluates twice: no frand () in it */

          if (j == i)
            j = (j + 1 + (guint) (frand () * 2)) % n;
          if (j == i)
            continue;
          d->counts[i * n + j] += take;
          rest -= take;
        }
    }
  return d;
}

/* ---- network ---- */

typedef struct
{
  PsNetworkData d;
} Net;

static void
render_network (cairo_t *cr, double w, double h, gpointer data)
{
  ps_plot_network_full (cr, w, h, data);
}

static PsNetworkData *
make_network (const guint *units, guint n_sizes, const char **acts, const char *title)
{
  PsNetworkData *d = g_new0 (PsNetworkData, 1);
  const float **ws = g_new0 (const float *, n_sizes);
  const float **bs = g_new0 (const float *, n_sizes);

  for (guint l = 0; l + 1 < n_sizes; l++)
    {
      gsize n = (gsize) units[l] * units[l + 1];
      float *w = g_new (float, n);
      float *b = g_new (float, units[l + 1]);

      for (gsize i = 0; i < n; i++)
        w[i] = nrand () * (units[l] > 100 ? 0.1 : 1.5);
      for (guint j = 0; j < units[l + 1]; j++)
        b[j] = nrand ();
      ws[l] = w;
      bs[l] = b;
    }
  d->units = units;
  d->n_sizes = n_sizes;
  d->weights = ws;
  d->biases = bs;
  d->activations = acts;
  d->title = title;
  return d;
}

/* ---- samples ---- */

static guint8 *
load_mnist (guint n, guint8 **labels_out)
{
  g_autofree char *dir = NULL;
  const char *files[] = { "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz" };
  guint8 *out[2] = { NULL, NULL };
  gsize skip[2] = { 16, 8 };
  gsize size[2] = { (gsize) n * 784, n };

  dir = g_build_filename (PS_SOURCE_DATADIR, "datasets", "mnist", NULL);   /* shipped */
  for (int f = 0; f < 2; f++)
    {
      g_autofree char *path = g_build_filename (dir, files[f], NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GFileInputStream) raw = g_file_read (file, NULL, NULL);
      g_autoptr(GZlibDecompressor) z = NULL;
      g_autoptr(GInputStream) in = NULL;
      g_autofree guint8 *head = g_malloc (skip[f]);
      gsize got = 0;

      if (raw == NULL)
        return NULL;
      z = g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP);
      in = g_converter_input_stream_new (G_INPUT_STREAM (raw), G_CONVERTER (z));
      out[f] = g_malloc (size[f]);
      if (!g_input_stream_read_all (in, head, skip[f], &got, NULL, NULL)
          || !g_input_stream_read_all (in, out[f], size[f], &got, NULL, NULL)
          || got != size[f])
        return NULL;
    }
  *labels_out = out[1];
  return out[0];
}

static void
render_samples (cairo_t *cr, double w, double h, gpointer data)
{
  ps_plot_samples_full (cr, w, h, data);
}

int
main (int argc, char **argv)
{
  static const char *digits[] = { "0", "1", "2", "3", "4", "5", "6", "7", "8", "9" };
  static const char *fashion[] = { "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                                   "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot" };
  static const guint net231[] = { 2, 3, 1 };
  static const char *acts231[] = { "sigmoid", "sigmoid" };
  static const guint net784[] = { 784, 128, 10 };
  static const char *acts784[] = { "sigmoid", "softmax" };
  static const guint net7855[] = { 784, 5, 5, 10 };
  static const char *acts7855[] = { "sigmoid", "sigmoid", "softmax" };
  static const guint net2221[] = { 2, 2, 2, 1 };
  guint8 *labels = NULL;
  guint8 *images;
  guint n_samples = 24;

  for (int i = 1; i < argc; i++)
    if (strcmp (argv[i], "--time") == 0)
      timing = TRUE;
    else if (strcmp (argv[i], "--only") == 0 && i + 1 < argc)
      only = argv[++i];
    else
      outdir = argv[i];
  g_mkdir_with_parents (outdir, 0755);

  emit ("curves-10", 800, 500, render_curves, make_curves (10, TRUE, TRUE, "MNIST 784-128-10, SGD"));
  emit ("curves-100-small", 420, 280, render_curves, make_curves (100, TRUE, TRUE, "Live view size"));
  emit ("curves-1", 800, 500, render_curves, make_curves (1, TRUE, TRUE, "After one epoch"));
  emit ("curves-10000", 800, 500, render_curves, make_curves (10000, FALSE, TRUE, "XOR, 10 000 epochs"));
  emit ("curves-loss-only", 800, 500, render_curves, make_curves (60, FALSE, FALSE, "Perceptron, loss only"));
  emit ("curves-tall", 420, 600, render_curves, make_curves (50, TRUE, TRUE, "Tall"));
  {
    PsCurvesData *empty = g_new0 (PsCurvesData, 1);

    empty->title = "Nothing yet";
    emit ("curves-empty", 800, 500, render_curves, empty);
  }

  emit ("boundary-xor", 800, 500, render_boundary, make_xor_boundary (FALSE));
  emit ("boundary-xor-discrete", 800, 500, render_boundary, make_xor_boundary (TRUE));
  emit ("boundary-xor-small", 400, 300, render_boundary, make_xor_boundary (FALSE));
  emit ("boundary-perceptron", 800, 500, render_boundary, make_perceptron_boundary ());
  emit ("boundary-moons", 800, 500, render_boundary, make_moons_boundary ());
  emit ("boundary-spiral", 800, 500, render_boundary, make_spiral_boundary ());
  emit ("boundary-spiral-narrow", 320, 320, render_boundary, make_spiral_boundary ());
  {
    PsBoundaryData *pts_only = make_moons_boundary ();

    pts_only->grid = NULL;
    pts_only->grid_rows = pts_only->grid_cols = 0;
    pts_only->title = "Moons: the data before training";
    emit ("boundary-points-only", 800, 500, render_boundary, pts_only);
  }
  {
    PsBoundaryData *two = make_xor_boundary (FALSE);
    static const float lines2[] = { 1.0f, 1.0f, -0.5f, 1.0f, 1.0f, -1.5f };
    static const char *names[] = { "false", "true" };

    two->n_lines = 2;
    two->lines = lines2;
    two->class_names = names;
    two->title = "XOR, hidden step units' lines";
    emit ("boundary-xor-lines", 800, 500, render_boundary, two);
  }

  emit ("weights-2x3", 800, 500, render_weights, make_weights (2, 3, 1.0, FALSE, "Hidden layer W (2 × 3)"));
  emit ("weights-784x128", 800, 500, render_weights, make_weights (784, 128, 0.1, TRUE, "First layer W (784 × 128)"));
  emit ("weights-128x10", 800, 500, render_weights, make_weights (128, 10, 0.4, FALSE, "Output layer W (128 × 10)"));
  emit ("weights-3x1", 800, 500, render_weights, make_weights (3, 1, 1.0, FALSE, "Output layer W (3 × 1)"));
  emit ("weights-784x5", 800, 500, render_weights, make_weights (784, 5, 0.1, TRUE, "784-5-5-10: first layer W"));
  emit ("weights-3x2-small", 400, 300, render_weights, make_weights (3, 2, 1.0, FALSE, "W (3 × 2)"));
  emit ("tiles-784x128", 800, 500, render_tiles, make_weights (784, 128, 0.1, TRUE, "First-layer units as 28 × 28 images"));
  emit ("tiles-784x128-small", 420, 300, render_tiles, make_weights (784, 128, 0.1, TRUE, "Live view size"));
  emit ("weights-784x128-small", 420, 300, render_weights, make_weights (784, 128, 0.1, TRUE, "Live view size"));
  emit ("tiles-784x5", 800, 500, render_tiles, make_weights (784, 5, 0.1, TRUE, "784-5-5-10: first layer"));

  emit ("confusion-mnist", 800, 500, render_confusion, make_confusion (10, digits, 0.97, "MNIST test set"));
  emit ("confusion-fashion", 800, 500, render_confusion, make_confusion (10, fashion, 0.85, "Fashion-MNIST test set"));
  emit ("confusion-2", 800, 500, render_confusion, make_confusion (2, NULL, 0.9, "Binary"));
  emit ("confusion-small", 400, 300, render_confusion, make_confusion (10, digits, 0.9, NULL));

  emit ("network-231", 800, 500, render_network, make_network (net231, 3, acts231, "MLP [2, 3, 1] for XOR"));
  emit ("network-2221", 800, 500, render_network, make_network (net2221, 4, NULL, "MLP [2, 2, 2, 1]"));
  emit ("network-784-128-10", 800, 500, render_network, make_network (net784, 3, acts784, "784-128-10"));
  emit ("network-784-5-5-10", 800, 500, render_network, make_network (net7855, 4, acts7855, "784-5-5-10"));
  emit ("network-small", 400, 300, render_network, make_network (net231, 3, acts231, NULL));

  images = load_mnist (n_samples, &labels);
  {
    PsSamplesData *d = g_new0 (PsSamplesData, 1);
    char **caps = g_new0 (char *, n_samples + 1);
    gboolean *wrong = g_new0 (gboolean, n_samples);

    if (images == NULL)
      {
        g_printerr ("MNIST not found, random blobs instead\n");
        images = g_new0 (guint8, n_samples * 784);
        labels = g_new0 (guint8, n_samples);
        for (guint i = 0; i < n_samples; i++)
          for (guint p = 0; p < 784; p++)
            {
              double x = p % 28 - 14, y = p / 28 - 14;

              images[i * 784 + p] = (guint8) (255 * exp (-(x * x + y * y) / (20 + i)));
            }
      }
    for (guint i = 0; i < n_samples; i++)
      {
        guint pred = labels[i];

        if (i % 7 == 3)
          {
            pred = (labels[i] + 3) % 10;
            wrong[i] = TRUE;
          }
        caps[i] = g_strdup_printf ("%u → %u (%.0f%%)", labels[i], pred, wrong[i] ? 61.0 : 90 + frand () * 9.9);
      }
    d->pixels_u8 = images;
    d->image_w = d->image_h = 28;
    d->n = n_samples;
    d->captions = (const char **) caps;
    d->wrong = wrong;
    d->title = "Test samples: true → predicted (confidence)";
    emit ("samples-mnist", 800, 500, render_samples, d);
    emit ("samples-mnist-small", 420, 300, render_samples, d);
  }

  {
    g_autoptr(GError) error = NULL;
    g_autofree char *svg = g_strdup_printf ("%s/boundary-xor.svg", outdir);
    g_autofree char *pdf = g_strdup_printf ("%s/curves-10.PDF", outdir);

    if (!ps_plot_export (svg, 800, 500, render_boundary, make_xor_boundary (FALSE), &error)
        || !ps_plot_export (pdf, 800, 500, render_curves, make_curves (10, TRUE, TRUE, "PDF"), &error))
      g_printerr ("%s\n", error->message);
  }

  /* The timeline's cursor (last: the ones above keep their random data). */
  emit ("curves-cursor-200", 800, 500, render_curves, with_cursor (make_curves (1000, FALSE, TRUE, "XOR, epoch 200 of 1000"), 200));
  emit ("curves-cursor-200-2x", 1600, 1000, render_curves_2x, with_cursor (make_curves (1000, FALSE, TRUE, "XOR, epoch 200 of 1000, 2×"), 200));
  emit ("curves-cursor-small", 420, 280, render_curves, with_cursor (make_curves (100, TRUE, TRUE, "Live view size, epoch 95"), 95));
  emit ("curves-cursor-0", 800, 500, render_curves, with_cursor (make_curves (12, TRUE, TRUE, "Initial weights (epoch 0)"), 0));
  emit ("curves-cursor-tall", 420, 600, render_curves, with_cursor (make_curves (50, TRUE, TRUE, "Tall, epoch 45"), 45));
  {
    PsCurvesData *empty = with_cursor (g_new0 (PsCurvesData, 1), 0);

    empty->title = "Nothing yet, epoch 0";
    emit ("curves-cursor-empty", 800, 500, render_curves, empty);
  }
  return 0;
}
