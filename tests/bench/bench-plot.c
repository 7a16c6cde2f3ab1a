/* bench-plot.c: what the network diagram costs to redraw (issue 11 §1)
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The two figures the issue asks for, each the median (and the best) of
 * many redraws on one core (OPENBLAS_NUM_THREADS=1 in the benchmark's
 * environment; cairo draws on the calling thread):
 *
 *   maps:    a 2-8-8-1 tanh/sigmoid network's 17 neuron maps, computed
 *            (ps_unit_maps_compute over the map grid the app uses) and
 *            drawn in the diagram, as the Diagram view does per snapshot;
 *   diagram: the 784-128-10 diagram (no maps: not 2-D data).
 *
 *   bench-plot [--repeat N] [--width W] [--height H]
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ps-boundary.h"
#include "ps-plot.h"

/* The Diagram view's map grid (src/app/ps-network-view.c: MAP_CELLS). */
#define MAP_CELLS 40

/* CPU time of this thread in ms: the cost on one core, whatever else the
 * machine is running (wall time is printed beside it). */
static double
thread_ms (void)
{
  struct timespec t;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &t);
  return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static int
cmp_double (const void *a,
            const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

typedef struct
{
  PsNetwork     *net;
  PsUnitMaps     maps;
  gboolean       with_maps;
  guint          units[8];
  const float   *weights[8];
  const float   *biases[8];
  const float   *map_ptrs[8];
} Case;

static void
case_init (Case       *c,
           const char *spec,
           gboolean    with_maps)
{
  g_autoptr(GError) error = NULL;
  PsRng rng;

  memset (c, 0, sizeof *c);
  c->net = ps_network_new_from_spec (spec, &error);
  g_assert_no_error (error);
  ps_rng_seed (&rng, 7);
  ps_network_init (c->net, PS_INIT_GLOROT, &rng);
  /* non-zero biases, as after training */
  for (guint l = 0; l < c->net->n_layers; l++)
    for (guint u = 0; u < c->net->layers[l].units; u++)
      c->net->params[c->net->layers[l].b_offset + u] = ps_rng_uniform (&rng) - 0.5f;
  c->with_maps = with_maps;
  c->units[0] = c->net->n_inputs;
  for (guint l = 0; l < c->net->n_layers; l++)
    {
      c->units[l + 1] = c->net->layers[l].units;
      c->weights[l] = c->net->params + c->net->layers[l].w_offset;
      c->biases[l] = c->net->params + c->net->layers[l].b_offset;
    }
}

/* One redraw as the view does it: the maps from the snapshot's weights,
 * then the diagram. */
static void
redraw (Case    *c,
        cairo_t *cr,
        double   w,
        double   h)
{
  PsNetworkData d = { 0 };

  d.n_sizes = c->net->n_layers + 1;
  d.units = c->units;
  d.weights = c->weights;
  d.biases = c->biases;
  d.title = "Network, epoch 100";
  if (c->with_maps)
    {
      ps_unit_maps_compute (&c->maps, c->net, NULL, -1.5, 1.5, -1.5, 1.5, MAP_CELLS, MAP_CELLS);
      for (guint l = 0; l < c->net->n_layers; l++)
        c->map_ptrs[l] = c->maps.maps[l];
      d.maps = c->map_ptrs;
      d.map_rows = c->maps.rows;
      d.map_cols = c->maps.cols;
      d.map_lo = c->maps.lo;
      d.map_hi = c->maps.hi;
    }
  ps_plot_network_full (cr, w, h, &d);
}

static void
run (const char *name,
     const char *spec,
     gboolean    with_maps,
     guint       repeat,
     int         width,
     int         height,
     double      target_ms)
{
  Case c;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cairo_t *cr = cairo_create (surface);
  g_autofree double *ms = g_new (double, repeat);
  g_autofree double *wall = g_new (double, repeat);

  case_init (&c, spec, with_maps);
  for (guint i = 0; i < 3; i++)       /* fonts and caches warm */
    redraw (&c, cr, width, height);
  for (guint i = 0; i < repeat; i++)
    {
      gint64 t0 = g_get_monotonic_time ();
      double c0 = thread_ms ();

      cairo_save (cr);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_paint (cr);
      cairo_restore (cr);
      redraw (&c, cr, width, height);
      cairo_surface_flush (surface);
      ms[i] = thread_ms () - c0;
      wall[i] = (g_get_monotonic_time () - t0) / 1000.0;
    }
  qsort (ms, repeat, sizeof (double), cmp_double);
  qsort (wall, repeat, sizeof (double), cmp_double);
  printf ("%-8s %-26s %4dx%-4d  CPU median %6.2f ms, best %6.2f ms;  wall median %6.2f ms  (target < %.0f ms, %u redraws)\n",
          name, spec, width, height, ms[repeat / 2], ms[0], wall[repeat / 2], target_ms, repeat);

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  ps_unit_maps_clear (&c.maps);
  ps_network_free (c.net);
}

int
main (int    argc,
      char **argv)
{
  int repeat = 200, width = 960, height = 640;
  GOptionEntry entries[] = {
    { "repeat", 0, 0, G_OPTION_ARG_INT, &repeat, "Redraws per figure (200)", "N" },
    { "width", 0, 0, G_OPTION_ARG_INT, &width, "Plot width in px (960)", "W" },
    { "height", 0, 0, G_OPTION_ARG_INT, &height, "Plot height in px (640)", "H" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("- network diagram redraw times");
  g_autoptr(GError) error = NULL;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || repeat < 1
      || width < 16 || height < 16)
    {
      fprintf (stderr, "bench-plot: %s\n", error ? error->message : "bad option");
      return 2;
    }

  run ("maps", "2,8:tanh,8:tanh,1:sigmoid", TRUE, repeat, width, height, 16);
  run ("diagram", "784,128:relu,10:softmax", FALSE, repeat, width, height, 8);
  return 0;
}
