/* test-surface.c: the error surface (ps-surface.h): the grid point at the
 * model's own weights is ps_evaluate()'s loss, every grid point is the loss
 * of the model with those two values, a hand-computed linear case, the
 * parameter texts and their errors, the path; the speed of 100 × 100 grids
 * as a perf measurement (-m perf)
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <time.h>

#include "ps-generators.h"
#include "ps-surface.h"
#include "ps-trainer.h"
#include "test-util.h"

static PsNetwork *
xor_network (const char *spec,
             guint64     seed)
{
  PsNetwork *net = test_network_new (spec);
  PsRng rng;

  ps_rng_seed (&rng, seed);
  ps_network_init (net, PS_INIT_NOTEBOOK, &rng);
  return net;
}

static PsDataset *
gate (const char *name)
{
  g_autoptr(GError) error = NULL;
  PsDataset *d = ps_dataset_new_gate (name, &error);

  g_assert_no_error (error);
  return d;
}

static double
evaluate_at (const PsNetwork   *net,
             const PsDataset   *data,
             PsLoss             loss,
             const PsParamRef  *a,
             float              va,
             const PsParamRef  *b,
             float              vb)
{
  PsNetwork *copy = ps_network_copy (net);
  double l;

  copy->params[a->index] = va;
  copy->params[b->index] = vb;
  ps_evaluate (copy, data, loss, &l, NULL, NULL, NULL);
  ps_network_free (copy);
  return l;
}

static void
check_grid (const PsNetwork *net,
            const PsDataset *data,
            PsLoss           loss,
            const char      *pair)
{
  g_autoptr(GError) error = NULL;
  PsParamRef p[2];
  PsSurfaceGrid g;
  g_autofree float *out = NULL;
  double l0;
  guint mid_c, mid_r;

  g_assert_true (ps_param_ref_parse_pair (pair, net, p, &error));
  g_assert_no_error (error);
  ps_surface_grid_init (&g, net, &p[0], &p[1], 21, 15);
  out = g_new (float, 21 * 15);
  g_assert_true (ps_surface_compute (net, data, loss, &g, out, NULL, &error));
  g_assert_no_error (error);

  /* odd sizes: the middle point is the model's own weights */
  mid_c = 10;
  mid_r = 7;
  g_assert_cmpfloat ((float) ps_surface_axis_value (g.x_lo, g.x_hi, 21, mid_c), ==, net->params[p[0].index]);
  g_assert_cmpfloat ((float) ps_surface_axis_value (g.y_lo, g.y_hi, 15, 14 - mid_r), ==, net->params[p[1].index]);
  ps_evaluate (net, data, loss, &l0, NULL, NULL, NULL);
  g_assert_cmpfloat_with_epsilon (out[mid_r * 21 + mid_c], l0, 1e-6 * MAX (1, fabs (l0)));

  /* every point: the loss of the model with those two values */
  for (guint r = 0; r < 15; r += 2)
    for (guint c = 0; c < 21; c += 3)
      {
        float va = (float) ps_surface_axis_value (g.x_lo, g.x_hi, 21, c);
        float vb = (float) ps_surface_axis_value (g.y_lo, g.y_hi, 15, 14 - r);
        double l = evaluate_at (net, data, loss, &p[0], va, &p[1], vb);

        g_assert_cmpfloat_with_epsilon (out[r * 21 + c], l, 1e-6 * MAX (1, fabs (l)));
      }
}

static void
test_matches_evaluate (void)
{
  g_autoptr(PsDataset) xor = gate ("xor");
  g_autoptr(PsDataset) and3 = gate ("and3");
  PsNetwork *net = xor_network ("2,3:sigmoid,1:sigmoid", 7);
  PsNetwork *deep = xor_network ("3,4:tanh,3:relu,2:softmax", 9);

  check_grid (net, xor, PS_LOSS_MSE, "1:0:2,2:1:0");
  check_grid (net, xor, PS_LOSS_MSE, "2:b:0,2:2:0");      /* both in the last layer */
  check_grid (net, xor, PS_LOSS_BINARY_CROSS_ENTROPY, "1:b:1,1:1:1");
  check_grid (deep, and3, PS_LOSS_CROSS_ENTROPY, "2:3:2,3:b:1");
  check_grid (deep, and3, PS_LOSS_CROSS_ENTROPY, "3:0:0,1:2:3");
  check_grid (deep, and3, PS_LOSS_CROSS_ENTROPY, "3:0:0,3:b:1");     /* softmax: the whole layer */
  check_grid (deep, and3, PS_LOSS_CROSS_ENTROPY, "2:1:2,2:b:2");     /* one unit, twice */
  ps_network_free (net);
  ps_network_free (deep);
}

/* y = w·x + b, MSE on (x, t) = (0, 0), (1, 1), (2, 1): the mean of the
 * squared errors, by hand. */
static void
test_hand_made (void)
{
  static const float x[] = { 0, 1, 2 };
  static const guint32 t[] = { 0, 1, 1 };
  g_autoptr(PsDataset) data = test_dataset_new ("line", x, t, 3, 1, 2);
  PsNetwork *net = test_network_new ("1,1:linear");
  g_autoptr(GError) error = NULL;
  PsParamRef p[2];
  PsSurfaceGrid g = { 0 };
  float out[3 * 5];

  g_assert_true (ps_param_ref_parse_pair ("1:0:0,1:b:0", net, p, &error));
  g_assert_no_error (error);
  g.p[0] = p[0];
  g.p[1] = p[1];
  g.x_lo = -1;
  g.x_hi = 1;          /* w: −1, −0.5, 0, 0.5, 1 */
  g.y_lo = 0;
  g.y_hi = 1;          /* b: 1 (top row), 0.5, 0 */
  g.cols = 5;
  g.rows = 3;
  g_assert_true (ps_surface_compute (net, data, PS_LOSS_MSE, &g, out, NULL, &error));
  g_assert_no_error (error);
  for (guint r = 0; r < 3; r++)
    for (guint c = 0; c < 5; c++)
      {
        double w = -1 + 0.5 * c, b = 1 - 0.5 * r;
        double e0 = b - 0, e1 = w + b - 1, e2 = 2 * w + b - 1;
        double want = (e0 * e0 + e1 * e1 + e2 * e2) / 3;

        g_assert_cmpfloat_with_epsilon (out[r * 5 + c], want, 1e-6);
      }
  /* the minimum of the grid is at w = 0.5, b = 0.5: errors 0.5, 0, 0.5 */
  g_assert_cmpfloat_with_epsilon (out[1 * 5 + 3], 1.0 / 6.0, 1e-6);
  ps_network_free (net);
}

static void
test_parse (void)
{
  PsNetwork *net = test_network_new ("2,3:sigmoid,1:sigmoid");
  static const struct
  {
    const char *text;
    int         code;
    const char *mention;
  } bad[] = {
    { "1:0", PS_SURFACE_ERROR_PARSE, "L:I:J" },
    { "", PS_SURFACE_ERROR_PARSE, "L:I:J" },
    { "a:0:1", PS_SURFACE_ERROR_PARSE, "whole numbers" },
    { "1:-1:0", PS_SURFACE_ERROR_PARSE, "whole numbers" },
    { "1:0:1:2", PS_SURFACE_ERROR_PARSE, "L:I:J" },
    { "1:x:0", PS_SURFACE_ERROR_PARSE, "whole numbers" },
    { "0:0:0", PS_SURFACE_ERROR_RANGE, "layers 1 to 2" },
    { "3:0:0", PS_SURFACE_ERROR_RANGE, "layers 1 to 2" },
    { "1:2:0", PS_SURFACE_ERROR_RANGE, "inputs 0 to 1" },
    { "2:3:0", PS_SURFACE_ERROR_RANGE, "inputs 0 to 2" },
    { "1:0:3", PS_SURFACE_ERROR_RANGE, "units 0 to 2" },
    { "2:b:1", PS_SURFACE_ERROR_RANGE, "units 0 to 0" },
    { "99999999999:0:0", PS_SURFACE_ERROR_PARSE, "whole numbers" },
  };
  PsParamRef r, p[2];
  g_autofree char *s1 = NULL;
  g_autofree char *s2 = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (ps_param_ref_parse (bad[i].text, net, &r, &error));
      g_assert_error (error, PS_SURFACE_ERROR, bad[i].code);
      g_assert_nonnull (strstr (error->message, bad[i].mention));
    }
  {
    g_autoptr(GError) error = NULL;

    g_assert_true (ps_param_ref_parse (" 1 : 1 : 2 ", net, &r, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (r.layer, ==, 0);
    g_assert_cmpuint (r.input, ==, 1);
    g_assert_cmpuint (r.unit, ==, 2);
    g_assert_cmpuint (r.index, ==, net->layers[0].w_offset + 1 * 3 + 2);
    s1 = ps_param_ref_to_string (&r);
    g_assert_cmpstr (s1, ==, "w[1:1:2]");
    g_assert_true (ps_param_ref_parse ("2:B:0", net, &r, &error));
    g_assert_true (r.bias);
    g_assert_cmpuint (r.index, ==, net->layers[1].b_offset);
    s2 = ps_param_ref_to_string (&r);
    g_assert_cmpstr (s2, ==, "b[2:0]");
  }
  {
    g_autoptr(GError) error = NULL;

    g_assert_false (ps_param_ref_parse_pair ("1:0:0,1:0:0", net, p, &error));
    g_assert_error (error, PS_SURFACE_ERROR, PS_SURFACE_ERROR_SAME);
    g_clear_error (&error);
    g_assert_false (ps_param_ref_parse_pair ("1:0:0", net, p, &error));
    g_assert_error (error, PS_SURFACE_ERROR, PS_SURFACE_ERROR_PARSE);
    g_clear_error (&error);
    g_assert_false (ps_param_ref_parse_pair ("1:0:0,1:0:1,2:0:0", net, p, &error));
    g_assert_error (error, PS_SURFACE_ERROR, PS_SURFACE_ERROR_PARSE);
    g_clear_error (&error);
    g_assert_false (ps_param_ref_parse_pair ("1:0:0,4:0:0", net, p, &error));
    g_assert_error (error, PS_SURFACE_ERROR, PS_SURFACE_ERROR_RANGE);
  }
  ps_network_free (net);
}

static void
test_grid_errors (void)
{
  g_autoptr(PsDataset) xor = gate ("xor");
  g_autoptr(PsDataset) and3 = gate ("and3");
  PsNetwork *net = xor_network ("2,3:sigmoid,1:sigmoid", 1);
  PsParamRef p[2];
  PsSurfaceGrid g;
  float out[4 * 4];
  g_autoptr(GCancellable) cancel = g_cancellable_new ();

  g_assert_true (ps_param_ref_parse_pair ("1:0:0,1:1:0", net, p, NULL));
  ps_surface_grid_init (&g, net, &p[0], &p[1], 1, 4);
  {
    g_autoptr(GError) error = NULL;

    g_assert_false (ps_surface_compute (net, xor, PS_LOSS_MSE, &g, out, NULL, &error));
    g_assert_error (error, PS_SURFACE_ERROR, PS_SURFACE_ERROR_GRID);
  }
  ps_surface_grid_init (&g, net, &p[0], &p[1], 4, 4);
  g.y_hi = INFINITY;
  {
    g_autoptr(GError) error = NULL;

    g_assert_false (ps_surface_compute (net, xor, PS_LOSS_MSE, &g, out, NULL, &error));
    g_assert_error (error, PS_SURFACE_ERROR, PS_SURFACE_ERROR_GRID);
  }
  ps_surface_grid_init (&g, net, &p[0], &p[1], 4, 4);
  {
    g_autoptr(GError) error = NULL;

    g_assert_false (ps_surface_compute (net, and3, PS_LOSS_MSE, &g, out, NULL, &error));
    g_assert_error (error, PS_SURFACE_ERROR, PS_SURFACE_ERROR_MISMATCH);
  }
  g_cancellable_cancel (cancel);
  {
    g_autoptr(GError) error = NULL;

    g_assert_false (ps_surface_compute (net, xor, PS_LOSS_MSE, &g, out, cancel, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  }
  ps_network_free (net);
}

static void
test_range_and_path (void)
{
  double lo, hi;
  PsNetwork *net = xor_network ("2,3:sigmoid,1:sigmoid", 2);
  PsParamRef p[2];
  PsSurfaceGrid g;
  g_autofree float *c0 = g_memdup2 (net->params, sizeof (float) * net->n_params);
  g_autofree float *c1 = g_memdup2 (net->params, sizeof (float) * net->n_params);
  const float *cps[2] = { c0, c1 };
  double xy[4];

  ps_surface_default_range (0.2, &lo, &hi);
  g_assert_cmpfloat (lo, ==, -0.8);
  g_assert_cmpfloat (hi, ==, 1.2);
  ps_surface_default_range (-2, &lo, &hi);
  g_assert_cmpfloat (lo, ==, -8);
  g_assert_cmpfloat (hi, ==, 4);
  g_assert_cmpfloat (ps_surface_axis_value (-1, 3, 5, 0), ==, -1);
  g_assert_cmpfloat (ps_surface_axis_value (-1, 3, 5, 4), ==, 3);
  g_assert_cmpfloat (ps_surface_axis_value (-1, 3, 5, 2), ==, 1);

  g_assert_true (ps_param_ref_parse_pair ("2:1:0,1:b:2", net, p, NULL));
  ps_surface_grid_init (&g, net, &p[0], &p[1], 3, 3);
  c1[p[0].index] = 4.5f;
  c1[p[1].index] = -1.25f;
  ps_surface_path (&g, cps, 2, xy);
  g_assert_cmpfloat (xy[0], ==, net->params[p[0].index]);
  g_assert_cmpfloat (xy[1], ==, net->params[p[1].index]);
  g_assert_cmpfloat (xy[2], ==, 4.5);
  g_assert_cmpfloat (xy[3], ==, -1.25);
  ps_network_free (net);
}

/* 100 × 100 grid points on 2-D data: XOR on [2,3,1], and 200 moons on
 * [2,8,8,1] with the first layer's weights (the longest tail). Measured,
 * not asserted (DESIGN.md, Tests). */
static double
cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static void
time_surface (const char *what,
              PsNetwork  *net,
              PsDataset  *data,
              const char *pair)
{
  PsParamRef p[2];
  PsSurfaceGrid g;
  g_autofree float *out = g_new (float, 100 * 100);
  double best = G_MAXDOUBLE, best_cpu = G_MAXDOUBLE;

  g_assert_true (ps_param_ref_parse_pair (pair, net, p, NULL));
  ps_surface_grid_init (&g, net, &p[0], &p[1], 100, 100);
  for (int rep = 0; rep < 5; rep++)
    {
      gint64 t0 = g_get_monotonic_time ();
      double c0 = cpu_ms ();

      g_assert_true (ps_surface_compute (net, data, net->loss, &g, out, NULL, NULL));
      best = MIN (best, (g_get_monotonic_time () - t0) / 1000.0);
      best_cpu = MIN (best_cpu, cpu_ms () - c0);
    }
  /* The CPU time, summed over the workers, says what the grid costs on a
   * machine busy with other work, where the wall time says little. */
  g_test_minimized_result (best, "%s: 100 x 100 grid in %.2f ms (best of 5)", what, best);
  g_printerr ("# surface %s: 100 x 100 grid in %.2f ms wall, %.2f ms CPU on all workers "
              "(best of 5)\n", what, best, best_cpu);
}

static void
test_speed (void)
{
  g_autoptr(PsDataset) xor = gate ("xor");
  g_autoptr(GError) error = NULL;
  g_autoptr(PsDataset) moons = ps_dataset_new_generated (PS_GENERATOR_MOONS, 200, 0.1, 1, &error);
  PsNetwork *small = xor_network ("2,3:sigmoid,1:sigmoid", 3);
  PsNetwork *wide = xor_network ("2,8:tanh,8:tanh,1:sigmoid", 3);
  PsNetwork *one = xor_network ("2,8:sigmoid,1:sigmoid", 3);

  if (!g_test_perf ())
    {
      g_test_skip ("a measurement: run with -m perf (meson test --benchmark)");
      goto out;
    }
  g_assert_no_error (error);
  time_surface ("XOR [2,3,1], w[1:0:2] x w[2:1:0]", small, xor, "1:0:2,2:1:0");
  time_surface ("XOR [2,3,1], both in layer 2", small, xor, "2:0:0,2:b:0");
  time_surface ("moons 200 [2,8,1], layer 1", one, moons, "1:0:0,1:1:3");
  time_surface ("moons 200 [2,8,1], layer 2", one, moons, "2:0:0,2:b:0");
  time_surface ("moons 200 [2,8,8,1], layer 1", wide, moons, "1:0:0,1:1:3");
  time_surface ("moons 200 [2,8,8,1], layers 2 and 3", wide, moons, "2:0:0,3:4:0");
out:
  ps_network_free (small);
  ps_network_free (wide);
  ps_network_free (one);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/surface/matches-evaluate", test_matches_evaluate);
  g_test_add_func ("/surface/hand-made", test_hand_made);
  g_test_add_func ("/surface/parse", test_parse);
  g_test_add_func ("/surface/grid-errors", test_grid_errors);
  g_test_add_func ("/surface/range-and-path", test_range_and_path);
  g_test_add_func ("/surface/speed", test_speed);
  return g_test_run ();
}
