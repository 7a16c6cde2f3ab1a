/* test-plot-neurons.c: pixel probes on the neuron maps and the hidden space
 * (issue 11 §1, §2), and the core numbers behind them
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The network is the textbook XOR of hand-set sigmoid weights: h₁ = OR
 * (σ(20x + 20y − 10)), h₂ = NAND (σ(−20x − 20y + 30)), ŷ = AND of the two
 * (σ(20h₁ + 20h₂ − 30)), so every map and every hidden point is known.
 */
#include "config.h"

#include "ps-boundary.h"
#include "ps-generators.h"
#include "ps-plot.h"
#include "ps-trainer.h"

#include <math.h>
#include <string.h>

#define W 800
#define H 500

typedef struct
{
  double r, g, b;
} Rgb;

static Rgb
pixel (cairo_surface_t *s,
       int              x,
       int              y)
{
  const guint8 *data;
  guint32 p;
  Rgb c;

  cairo_surface_flush (s);
  g_assert_cmpint (x, >=, 0);
  g_assert_cmpint (y, >=, 0);
  g_assert_cmpint (x, <, cairo_image_surface_get_width (s));
  g_assert_cmpint (y, <, cairo_image_surface_get_height (s));
  data = cairo_image_surface_get_data (s);
  p = *(const guint32 *) (data + y * cairo_image_surface_get_stride (s) + x * 4);
  c.r = (p >> 16 & 0xff) / 255.0;
  c.g = (p >> 8 & 0xff) / 255.0;
  c.b = (p & 0xff) / 255.0;
  return c;
}

/* The diverging map's ends are dark red and dark blue. */
static gboolean
reddish (Rgb c)
{
  return c.r > c.b + 0.2 && c.r > c.g + 0.2;
}

static gboolean
bluish (Rgb c)
{
  return c.b > c.r + 0.2 && c.b > c.g + 0.1;
}

static gboolean
near_white (Rgb c)
{
  return c.r > 0.95 && c.g > 0.95 && c.b > 0.95;
}

/* XOR [2,2,1] from the header, its parameters hand-set. */
static PsNetwork *
xor_network (void)
{
  static const guint units[] = { 2, 2, 1 };
  static const PsActivation acts[] = { PS_ACTIVATION_SIGMOID, PS_ACTIVATION_SIGMOID };
  static const float w0[] = { 20, -20,
                              20, -20 };
  static const float b0[] = { -10, 30 };
  static const float w1[] = { 20, 20 };
  static const float b1[] = { -30 };
  PsNetwork *net = ps_network_new (units, acts, 3);

  memcpy (net->params + net->layers[0].w_offset, w0, sizeof w0);
  memcpy (net->params + net->layers[0].b_offset, b0, sizeof b0);
  memcpy (net->params + net->layers[1].w_offset, w1, sizeof w1);
  memcpy (net->params + net->layers[1].b_offset, b1, sizeof b1);
  return net;
}

static double
sigmoid (double z)
{
  return 1 / (1 + exp (-z));
}

/* ---- core: the maps and the hidden activations ---------------------------- */

static void
test_unit_maps_values (void)
{
  g_autoptr(GError) error = NULL;
  PsNetwork *net = xor_network ();
  PsUnitMaps maps = { 0 };
  /* 4 × 4 cells over [−0.5, 1.5]²: centres −0.25, 0.25, 0.75, 1.25 */
  guint rows = 4, cols = 4;

  g_assert_true (ps_unit_maps_compute (&maps, net, NULL, -0.5, 1.5, -0.5, 1.5, rows, cols));
  g_assert_cmpuint (maps.n_layers, ==, 2);
  g_assert_cmpuint (maps.units[0], ==, 2);
  g_assert_cmpuint (maps.units[1], ==, 1);
  for (guint r = 0; r < rows; r++)
    for (guint c = 0; c < cols; c++)
      {
        double x = -0.5 + (c + 0.5) * 0.5, y = 1.5 - (r + 0.5) * 0.5;
        double h1 = sigmoid (20 * x + 20 * y - 10), h2 = sigmoid (-20 * x - 20 * y + 30);
        double o = sigmoid (20 * h1 + 20 * h2 - 30);
        float in[2] = { x, y }, out;

        g_assert_cmpfloat_with_epsilon (maps.maps[0][0 * rows * cols + r * cols + c], h1, 1e-5);
        g_assert_cmpfloat_with_epsilon (maps.maps[0][1 * rows * cols + r * cols + c], h2, 1e-5);
        g_assert_cmpfloat_with_epsilon (maps.maps[1][r * cols + c], o, 1e-5);
        /* the output map is what the network predicts there */
        ps_network_predict (net, in, 1, &out);
        g_assert_cmpfloat (maps.maps[1][r * cols + c], ==, out);
      }
  /* sigmoid units are coloured over their whole range */
  g_assert_cmpfloat (maps.lo[0], ==, 0);
  g_assert_cmpfloat (maps.hi[0], ==, 1);

  /* reused buffers, another size; a 3-input net has no maps */
  g_assert_true (ps_unit_maps_compute (&maps, net, NULL, 0, 1, 0, 1, 50, 60));
  g_assert_cmpuint (maps.rows * maps.cols, ==, 3000);
  ps_network_free (net);
  net = ps_network_new_from_spec ("3,2,1", &error);
  g_assert_no_error (error);
  g_assert_false (ps_unit_maps_compute (&maps, net, NULL, 0, 1, 0, 1, 4, 4));
  g_assert_cmpuint (maps.rows * maps.cols, ==, 3000);
  ps_unit_maps_clear (&maps);
  g_assert_null (maps.store);
  ps_network_free (net);
}

static void
test_layer_outputs (void)
{
  static const float x[] = { 0, 0, 0, 1, 1, 0, 1, 1 };
  /* OR and NAND of each row */
  static const int h1[] = { 0, 1, 1, 1 }, h2[] = { 1, 1, 1, 0 };
  PsNetwork *net = xor_network ();
  float h[8], o[4], p[4];

  ps_network_layer_outputs (net, 0, x, 4, h);
  for (guint i = 0; i < 4; i++)
    {
      g_assert_cmpfloat (fabs (h[i * 2] - h1[i]), <, 1e-4);
      g_assert_cmpfloat (fabs (h[i * 2 + 1] - h2[i]), <, 1e-4);
    }
  /* the last layer is the network's output */
  ps_network_layer_outputs (net, 1, x, 4, o);
  ps_network_predict (net, x, 4, p);
  for (guint i = 0; i < 4; i++)
    g_assert_cmpfloat (o[i], ==, p[i]);
  ps_network_free (net);
}

/* ---- the diagram's maps ---------------------------------------------------- */

typedef struct
{
  PsNetwork  *net;
  PsUnitMaps  maps;
  guint       units[3];
  const float *weights[2];
  const float *biases[2];
  const float *map_ptrs[2];
  PsNetworkData d;
} Diagram;

static void
diagram_init (Diagram *g)
{
  memset (g, 0, sizeof *g);
  g->net = xor_network ();
  g_assert_true (ps_unit_maps_compute (&g->maps, g->net, NULL, -0.5, 1.5, -0.5, 1.5, 40, 40));
  g->units[0] = 2;
  for (guint l = 0; l < 2; l++)
    {
      g->units[l + 1] = g->net->layers[l].units;
      g->weights[l] = g->net->params + g->net->layers[l].w_offset;
      g->biases[l] = g->net->params + g->net->layers[l].b_offset;
      g->map_ptrs[l] = g->maps.maps[l];
    }
  g->d.n_sizes = 3;
  g->d.units = g->units;
  g->d.weights = g->weights;
  g->d.biases = g->biases;
  g->d.title = "Network";
  g->d.maps = g->map_ptrs;
  g->d.map_rows = g->maps.rows;
  g->d.map_cols = g->maps.cols;
  g->d.map_lo = g->maps.lo;
  g->d.map_hi = g->maps.hi;
}

static void
diagram_clear (Diagram *g)
{
  ps_unit_maps_clear (&g->maps);
  ps_network_free (g->net);
}

static cairo_surface_t *
render_diagram (const PsNetworkData *d)
{
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, W, H);
  cairo_t *cr = cairo_create (s);

  ps_plot_network_full (cr, W, H, d);
  cairo_destroy (cr);
  return s;
}

/* The box of unit u of diagram layer l, found with the hit test: a
 * coarse scan for one of its pixels, then each edge to the pixel. */
static void
unit_box (const PsNetworkData *d,
          guint                l,
          guint                u,
          int                 *x0,
          int                 *y0,
          int                 *x1,
          int                 *y1)
{
  PsPlotNetworkHit hit;
  int cx = -1, cy = -1;

#define IS_UNIT(px, py) (ps_plot_network_hit_full (W, H, d, (px) + 0.5, (py) + 0.5, &hit) \
                         && hit.kind == PS_PLOT_HIT_UNIT && hit.layer == l && hit.unit == u)
  for (int y = 0; y < H && cx < 0; y += 6)
    for (int x = 0; x < W && cx < 0; x += 6)
      if (IS_UNIT (x, y))
        {
          cx = x;
          cy = y;
        }
  g_assert_cmpint (cx, >=, 0);
  for (*x0 = cx; *x0 > 0 && IS_UNIT (*x0 - 1, cy); (*x0)--)
    ;
  for (*x1 = cx; *x1 < W - 1 && IS_UNIT (*x1 + 1, cy); (*x1)++)
    ;
  cx = (*x0 + *x1) / 2;
  for (*y0 = cy; *y0 > 0 && IS_UNIT (cx, *y0 - 1); (*y0)--)
    ;
  for (*y1 = cy; *y1 < H - 1 && IS_UNIT (cx, *y1 + 1); (*y1)++)
    ;
#undef IS_UNIT
  g_assert_cmpint (*x1, >, *x0 + 10);
  g_assert_cmpint (*y1, >, *y0 + 10);
}

static void
test_network_maps (void)
{
  Diagram g;
  cairo_surface_t *s;
  int x0, y0, x1, y1, inset;
  Rgb h1_tr, h1_bl, h2_tr, h2_bl, o_tl, o_tr, o_c;

  diagram_init (&g);
  s = render_diagram (&g.d);

  /* h₁ (OR) is high top right (x = y = 1.5) and low bottom left; h₂
   * (NAND) the other way round: the per-unit maps differ, as they must */
  unit_box (&g.d, 1, 0, &x0, &y0, &x1, &y1);
  inset = (x1 - x0) / 8 + 2;
  h1_tr = pixel (s, x1 - inset, y0 + inset);
  h1_bl = pixel (s, x0 + inset, y1 - inset);
  g_assert_true (reddish (h1_tr));
  g_assert_true (bluish (h1_bl));
  unit_box (&g.d, 1, 1, &x0, &y0, &x1, &y1);
  h2_tr = pixel (s, x1 - inset, y0 + inset);
  h2_bl = pixel (s, x0 + inset, y1 - inset);
  g_assert_true (bluish (h2_tr));
  g_assert_true (reddish (h2_bl));

  /* ŷ is XOR: high where one input is 1 (top left), low at both ends, and
   * not a blank tile */
  unit_box (&g.d, 2, 0, &x0, &y0, &x1, &y1);
  o_tl = pixel (s, x0 + inset, y0 + inset);
  o_tr = pixel (s, x1 - inset, y0 + inset);
  o_c = pixel (s, (x0 + x1) / 2, (y0 + y1) / 2);
  g_assert_true (reddish (o_tl));
  g_assert_true (bluish (o_tr));
  g_assert_false (near_white (o_c) && near_white (o_tl));
  cairo_surface_destroy (s);
  diagram_clear (&g);
}

static void
test_network_maps_hover (void)
{
  Diagram g;
  cairo_surface_t *plain, *hover;
  double hx, hy, hw, hh;
  int x0, y0, x1, y1;
  Rgb tr, bl;

  diagram_init (&g);
  g_assert_false (ps_plot_network_hover_rect (W, H, &g.d, &hx, &hy, &hw, &hh));
  plain = render_diagram (&g.d);
  g.d.hover_layer = 1;
  g.d.hover_unit = 0;
  g_assert_true (ps_plot_network_hover_rect (W, H, &g.d, &hx, &hy, &hw, &hh));
  hover = render_diagram (&g.d);

  /* larger than the tile, inside the plot, h₁'s map again (OR) */
  unit_box (&g.d, 1, 0, &x0, &y0, &x1, &y1);
  g_assert_cmpfloat (hw, >=, 2.5 * (x1 - x0));
  g_assert_cmpfloat (hx, >=, 0);
  g_assert_cmpfloat (hy, >=, 0);
  g_assert_cmpfloat (hx + hw, <=, W);
  g_assert_cmpfloat (hy + hh, <=, H);
  tr = pixel (hover, hx + hw - 6, hy + 6);
  bl = pixel (hover, hx + 6, hy + hh - 6);
  g_assert_true (reddish (tr));
  g_assert_true (bluish (bl));
  /* the same place without hover is something else (links, white) */
  g_assert_false (reddish (pixel (plain, hx + hw - 6, hy + 6)) && bluish (pixel (plain, hx + 6, hy + hh - 6)));
  cairo_surface_destroy (plain);
  cairo_surface_destroy (hover);
  diagram_clear (&g);
}


/* ---- hidden space ------------------------------------------------------------ */

static const float xor_x[] = { 0, 0, 0, 1, 1, 0, 1, 1 };
static const guint32 xor_y[] = { 0, 1, 1, 0 };

static cairo_surface_t *
render_hidden (const PsHiddenData *d)
{
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, W, H);
  cairo_t *cr = cairo_create (s);

  ps_plot_hidden (cr, W, H, d);
  cairo_destroy (cr);
  return s;
}

static double
color_dist (Rgb                a,
            const PsPlotColor *b)
{
  return sqrt ((a.r - b->r) * (a.r - b->r) + (a.g - b->g) * (a.g - b->g) + (a.b - b->b) * (a.b - b->b));
}

static double
lum (Rgb c)
{
  return 0.2126 * c.r + 0.7152 * c.g + 0.0722 * c.b;
}

static void
test_decision_plane (void)
{
  g_autoptr(GError) error = NULL;
  PsNetwork *net = xor_network ();
  double plane[4];

  g_assert_true (ps_network_decision_plane (net, 0, plane));
  g_assert_cmpfloat (plane[0], ==, 20);
  g_assert_cmpfloat (plane[1], ==, 20);
  g_assert_cmpfloat (plane[2], ==, -30);
  ps_network_free (net);

  /* a hidden layer follows: no single boundary; a tanh output's threshold */
  net = ps_network_new_from_spec ("2,3:tanh,2:tanh,1:tanh", &error);
  g_assert_no_error (error);
  g_assert_false (ps_network_decision_plane (net, 0, plane));
  net->params[net->layers[2].b_offset] = 1;
  g_assert_true (ps_network_decision_plane (net, 1, plane));
  g_assert_cmpfloat_with_epsilon (plane[2], 1 - atanh (0.5), 1e-12);
  ps_network_free (net);

  /* two softmax outputs: z₁ − z₀ */
  net = ps_network_new_from_spec ("2,2,2:softmax", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 4; i++)
    net->params[net->layers[1].w_offset + i] = i + 1;   /* W = [[1 2] [3 4]] */
  net->params[net->layers[1].b_offset] = 0.5f;
  net->params[net->layers[1].b_offset + 1] = 2;
  g_assert_true (ps_network_decision_plane (net, 0, plane));
  g_assert_cmpfloat (plane[0], ==, 1);
  g_assert_cmpfloat (plane[1], ==, 1);
  g_assert_cmpfloat (plane[2], ==, 1.5);
  ps_network_free (net);
}

/* The one rule the Hidden space view and the CLI share. */
static void
test_hidden_space_compute (void)
{
  g_autoptr(GError) error = NULL;
  PsDataset *data = ps_dataset_new_gate ("xor", &error);
  PsNetwork *net = xor_network ();
  PsHiddenSpace hs = { 0 };
  float h[8];

  g_assert_no_error (error);
  g_assert_true (ps_hidden_space_compute (&hs, net, data, 0, PS_HIDDEN_SPACE_MAX_SAMPLES));
  ps_network_layer_outputs (net, 0, xor_x, 4, h);
  g_assert_cmpuint (hs.n, ==, 4);
  g_assert_cmpuint (hs.dims, ==, 2);
  g_assert_cmpmem (hs.points, sizeof h, h, sizeof h);
  g_assert_cmpmem (hs.labels, 4 * sizeof (guint32), xor_y, sizeof xor_y);
  g_assert_true (hs.has_plane);
  g_assert_cmpfloat (hs.plane[2], ==, -30);
  g_assert_cmpfloat (hs.lo[0], ==, -0.05);
  g_assert_cmpfloat (hs.hi[1], ==, 1.05);
  /* evenly spaced when capped: samples 0 and 2 */
  g_assert_true (ps_hidden_space_compute (&hs, net, data, 0, 2));
  g_assert_cmpuint (hs.n, ==, 2);
  g_assert_cmpuint (hs.labels[1], ==, xor_y[2]);
  /* the output layer is no hidden layer */
  g_assert_false (ps_hidden_space_compute (&hs, net, data, 1, 10));
  g_assert_cmpuint (hs.n, ==, 0);
  ps_hidden_space_clear (&hs);
  ps_hidden_space_clear (&hs);
  ps_network_free (net);
  ps_dataset_unref (data);
}

/* XOR's four samples in the hidden plane of the hand-set [2,2,1]: (0, 0)
 * goes to (0, 1), (1, 1) to (1, 0), and both (0, 1) and (1, 0) to (1, 1),
 * where the line h₁ + h₂ = 1.5 cuts them off: separable. */
static void
test_hidden_2d (void)
{
  PsNetwork *net = xor_network ();
  float h[8];
  double plane[3];
  PsHiddenData d = { 0 };
  cairo_surface_t *s, *bare;
  double px[4], py[4], lx, ly;
  PsPlotColor c0, c1;

  ps_network_layer_outputs (net, 0, xor_x, 4, h);
  g_assert_true (ps_network_decision_plane (net, 0, plane));
  d.n_points = 4;
  d.dims = 2;
  d.points = h;
  d.labels = xor_y;
  d.n_classes = 2;
  d.has_plane = TRUE;
  memcpy (d.plane, plane, sizeof plane);
  d.lo[0] = d.lo[1] = -0.1;
  d.hi[0] = d.hi[1] = 1.1;
  d.title = "Hidden space, layer 1, epoch 0";
  s = render_hidden (&d);

  for (guint i = 0; i < 4; i++)
    g_assert_true (ps_plot_hidden_point_position (W, H, &d, i, &px[i], &py[i]));
  g_assert_false (ps_plot_hidden_point_position (W, H, &d, 4, &lx, &ly));
  /* (0, 1) left of and above (1, 0); the two class-1 samples on one spot */
  g_assert_cmpfloat (px[0] + 100, <, px[3]);
  g_assert_cmpfloat (py[0] + 100, <, py[3]);
  g_assert_cmpfloat (fabs (px[1] - px[2]), <, 0.5);
  g_assert_cmpfloat (fabs (py[1] - py[2]), <, 0.5);
  /* at the expected pixels: (1, 1) is x of (1, 0) and y of (0, 1) */
  g_assert_cmpfloat (fabs (px[1] - px[3]), <, 1);
  g_assert_cmpfloat (fabs (py[1] - py[0]), <, 1);
  /* each drawn in its class's colour */
  ps_plot_class_color (0, &c0);
  ps_plot_class_color (1, &c1);
  g_assert_cmpfloat (color_dist (pixel (s, px[0], py[0]), &c0), <, 0.1);
  g_assert_cmpfloat (color_dist (pixel (s, px[3], py[3]), &c0), <, 0.1);
  g_assert_cmpfloat (color_dist (pixel (s, px[1], py[1]), &c1), <, 0.1);

  /* the line through (0.75, 0.75), dark; absent without the plane */
  lx = px[0] + 0.75 * (px[3] - px[0]);
  ly = py[3] + 0.75 * (py[0] - py[3]);
  g_assert_cmpfloat (lum (pixel (s, lx, ly)), <, 0.35);
  d.has_plane = FALSE;
  bare = render_hidden (&d);
  g_assert_cmpfloat (lum (pixel (bare, lx, ly)), >, 0.6);
  /* the two sides tinted by class: near (0.2, 0.2) class 0's, near
   * (1.05, 1.05) class 1's (a·h + c > 0) */
  {
    Rgb lo = pixel (s, px[0] + 0.2 * (px[3] - px[0]), py[3] + 0.2 * (py[0] - py[3]));
    Rgb hi = pixel (s, px[0] + 1.05 * (px[3] - px[0]), py[3] + 1.05 * (py[0] - py[3]));

    g_assert_cmpfloat (color_dist (lo, &c0), <, color_dist (lo, &c1));
    g_assert_cmpfloat (color_dist (hi, &c1), <, color_dist (hi, &c0));
  }
  cairo_surface_destroy (s);
  cairo_surface_destroy (bare);
  ps_network_free (net);
}

static guint
count_differing (cairo_surface_t *a,
                 cairo_surface_t *b)
{
  guint n = 0;

  for (int y = 0; y < H; y += 2)
    for (int x = 0; x < W; x += 2)
      {
        Rgb p = pixel (a, x, y), q = pixel (b, x, y);

        if (fabs (p.r - q.r) + fabs (p.g - q.g) + fabs (p.b - q.b) > 0.05)
          n++;
      }
  return n;
}

/* [2,3,1]: a third hidden unit, the samples in a turned cube with the
 * output's plane. */
static void
test_hidden_3d (void)
{
  static const float pts[] = { 0, 1, 0.2f,   1, 1, 0.9f,   1, 1, 0.8f,   1, 0, 0.1f };
  PsHiddenData d = { 0 };
  cairo_surface_t *s, *bare, *turned;
  double x[4], y[4], tx, ty;
  PsPlotColor c;

  d.n_points = 4;
  d.dims = 3;
  d.points = pts;
  d.labels = xor_y;
  d.n_classes = 2;
  d.lo[0] = d.lo[1] = d.lo[2] = 0;
  d.hi[0] = d.hi[1] = d.hi[2] = 1;
  d.has_plane = TRUE;
  d.plane[0] = 1;
  d.plane[1] = 1;
  d.plane[2] = 1;
  d.plane[3] = -1.8;
  d.yaw = -0.6;
  d.pitch = 0.45;
  s = render_hidden (&d);
  for (guint i = 0; i < 4; i++)
    {
      g_assert_true (ps_plot_hidden_point_position (W, H, &d, i, &x[i], &y[i]));
      g_assert_cmpfloat (x[i], >, 0);
      g_assert_cmpfloat (x[i], <, W);
      g_assert_cmpfloat (y[i], >, 0);
      g_assert_cmpfloat (y[i], <, H);
      ps_plot_class_color (xor_y[i], &c);
      /* the plane's translucent fill may lie over a far point */
      g_assert_cmpfloat (color_dist (pixel (s, x[i], y[i]), &c), <, 0.3);
    }
  /* h₃ is up: the higher point is higher on screen */
  g_assert_cmpfloat (y[1], <, y[3]);

  d.has_plane = FALSE;
  bare = render_hidden (&d);
  g_assert_cmpuint (count_differing (s, bare), >, 1500);
  /* dragging turns it: the points move */
  d.yaw += 0.8;
  turned = render_hidden (&d);
  g_assert_true (ps_plot_hidden_point_position (W, H, &d, 0, &tx, &ty));
  g_assert_cmpfloat (fabs (tx - x[0]) + fabs (ty - y[0]), >, 10);
  cairo_surface_destroy (s);
  cairo_surface_destroy (bare);
  cairo_surface_destroy (turned);
}

static void
test_hidden_empty (void)
{
  PsHiddenData d = { 0 };
  cairo_surface_t *s;

  d.title = "Hidden space";
  s = render_hidden (&d);    /* "No hidden layer to show", no crash */
  g_assert_true (near_white (pixel (s, W / 2, H - 5)));
  cairo_surface_destroy (s);
}

/* ---- pictures of trained networks -------------------------------------------- */

/* @spec trained on XOR until every sample is right (seeded: the same
 * weights on every machine). */
static PsNetwork *
train_xor (const char *spec,
           guint64     seed,
           PsDataset **data_out)
{
  g_autoptr(GError) error = NULL;
  PsDataset *data = ps_dataset_new_gate ("xor", &error);
  PsNetwork *net;
  PsTrainConfig config;
  PsTrainer *trainer;
  PsRng rng;
  float out[4];

  g_assert_no_error (error);
  net = ps_network_new_from_spec (spec, &error);
  g_assert_no_error (error);
  ps_network_adopt_dataset (net, data);
  ps_rng_seed (&rng, seed);
  ps_network_init (net, PS_INIT_GLOROT, &rng);
  ps_train_config_init (&config);
  ps_optimizer_config_init (&config.optimizer, PS_OPTIMIZER_ADAM);
  config.optimizer.lr = 0.05;
  config.loss = PS_LOSS_MSE;
  config.batch_size = 4;
  config.epochs = 3000;
  config.seed = seed;
  config.n_threads = 1;
  trainer = ps_trainer_new (net, data, NULL, &config, &error);
  g_assert_no_error (error);
  ps_trainer_run (trainer, 0, &error);
  g_assert_no_error (error);
  ps_trainer_free (trainer);
  ps_network_predict (net, ps_dataset_get_x (data), 4, out);
  for (guint i = 0; i < 4; i++)
    g_assert_cmpuint (out[i] > 0.5f, ==, xor_y[i]);
  *data_out = data;
  return net;
}

static void
write_png (const char     *name,
           int             w,
           int             h,
           PsPlotDrawFunc  draw,
           gpointer        user_data)
{
  g_autoptr(GError) error = NULL;
  /* beside the test under meson; run by hand, never into the source tree */
  const char *dir = g_getenv ("G_TEST_BUILDDIR") ? g_getenv ("G_TEST_BUILDDIR") : g_get_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, name, NULL);

  g_assert_true (ps_plot_export (path, w, h, draw, user_data, &error));
  g_assert_no_error (error);
  g_test_message ("wrote %s", path);
}

static void
draw_network_cb (cairo_t *cr,
                 double   w,
                 double   h,
                 gpointer user_data)
{
  ps_plot_network_full (cr, w, h, user_data);
}

static void
draw_hidden_cb (cairo_t *cr,
                double   w,
                double   h,
                gpointer user_data)
{
  ps_plot_hidden (cr, w, h, user_data);
}

/* The pictures the issue asks to look at, written beside the test:
 * neurons-xor-231.png (the diagram's maps of a trained [2,3,1]),
 * neurons-xor-231-hover.png (one enlarged), hidden-xor-221.png (the hidden
 * plane of a trained [2,2,1], XOR cut by a line) and hidden-xor-231.png
 * (the [2,3,1]'s cube). */
static void
test_pictures_xor (void)
{
  PsDataset *data;
  PsNetwork *net = train_xor ("2,3:sigmoid,1:sigmoid", 3, &data);
  PsUnitMaps maps = { 0 };
  guint units[3] = { 2, 3, 1 };
  const float *weights[2], *biases[2], *map_ptrs[2];
  const char *acts[2] = { "sigmoid", "sigmoid" };
  PsNetworkData d = { 0 };
  PsHiddenData hd = { 0 };
  float h[12];
  double x0, x1, y0, y1;

  ps_dataset_bounds_2d (data, 0.1, &x0, &x1, &y0, &y1);
  g_assert_true (ps_unit_maps_compute (&maps, net, data, x0, x1, y0, y1, 40, 40));
  for (guint l = 0; l < 2; l++)
    {
      weights[l] = net->params + net->layers[l].w_offset;
      biases[l] = net->params + net->layers[l].b_offset;
      map_ptrs[l] = maps.maps[l];
    }
  d.n_sizes = 3;
  d.units = units;
  d.weights = weights;
  d.biases = biases;
  d.activations = acts;
  d.title = "Network, epoch 3000";
  d.maps = map_ptrs;
  d.map_rows = maps.rows;
  d.map_cols = maps.cols;
  d.map_lo = maps.lo;
  d.map_hi = maps.hi;
  write_png ("neurons-xor-231.png", 900, 560, draw_network_cb, &d);
  d.hover_layer = 1;
  d.hover_unit = 1;
  write_png ("neurons-xor-231-hover.png", 900, 560, draw_network_cb, &d);

  /* its hidden space: three units, a cube */
  ps_network_layer_outputs (net, 0, ps_dataset_get_x (data), 4, h);
  hd.n_points = 4;
  hd.dims = 3;
  hd.points = h;
  hd.labels = ps_dataset_get_labels (data);
  hd.n_classes = 2;
  hd.has_plane = ps_network_decision_plane (net, 0, hd.plane);
  g_assert_true (hd.has_plane);
  for (guint j = 0; j < 3; j++)
    {
      hd.lo[j] = -0.05;
      hd.hi[j] = 1.05;
    }
  hd.yaw = -0.6;
  hd.pitch = 0.45;
  hd.title = "Hidden space, layer 1, epoch 3000";
  write_png ("hidden-xor-231.png", 800, 600, draw_hidden_cb, &hd);
  ps_unit_maps_clear (&maps);
  ps_network_free (net);
  ps_dataset_unref (data);

  /* [2,2,1]: the plane, XOR's classes on two sides of a line */
  net = train_xor ("2,2:sigmoid,1:sigmoid", 1, &data);
  ps_network_layer_outputs (net, 0, ps_dataset_get_x (data), 4, h);
  memset (&hd, 0, sizeof hd);
  hd.n_points = 4;
  hd.dims = 2;
  hd.points = h;
  hd.labels = ps_dataset_get_labels (data);
  hd.n_classes = 2;
  hd.has_plane = ps_network_decision_plane (net, 0, hd.plane);
  g_assert_true (hd.has_plane);
  hd.lo[0] = hd.lo[1] = -0.05;
  hd.hi[0] = hd.hi[1] = 1.05;
  hd.title = "Hidden space, layer 1, epoch 3000";
  /* separable there: every sample on its class's side of the line */
  for (guint i = 0; i < 4; i++)
    g_assert_cmpuint (hd.plane[0] * h[i * 2] + hd.plane[1] * h[i * 2 + 1] + hd.plane[2] > 0, ==, xor_y[i]);
  write_png ("hidden-xor-221.png", 800, 600, draw_hidden_cb, &hd);
  ps_network_free (net);
  ps_dataset_unref (data);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/neurons/maps/values", test_unit_maps_values);
  g_test_add_func ("/neurons/layer-outputs", test_layer_outputs);
  g_test_add_func ("/neurons/diagram/maps", test_network_maps);
  g_test_add_func ("/neurons/diagram/hover", test_network_maps_hover);
  g_test_add_func ("/hidden/decision-plane", test_decision_plane);
  g_test_add_func ("/hidden/space", test_hidden_space_compute);
  g_test_add_func ("/hidden/2d", test_hidden_2d);
  g_test_add_func ("/hidden/3d", test_hidden_3d);
  g_test_add_func ("/hidden/empty", test_hidden_empty);
  g_test_add_func ("/pictures/xor", test_pictures_xor);

  return g_test_run ();
}
