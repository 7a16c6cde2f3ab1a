/* test-sweep.c: PsSweep, variants of a training on every core
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The grid (values, order, refusals), that a variant trained by the sweep
 * on 2 workers is bit for bit the variant trained alone as `perceptron
 * train` trains it, the async form's signals and progress, and cancelling.
 */
#include "config.h"

#include <string.h>

#include "ps-generators.h"
#include "ps-rng.h"
#include "ps-sweep.h"

#define XOR_SPEC "2,3:sigmoid,1:sigmoid"

/* The notebook's MLP rule: MSE summed, SGD α = 0.5, full batch, in order. */
static void
notebook_config (PsTrainConfig *config,
                 guint          epochs)
{
  ps_train_config_init (config);
  config->loss = PS_LOSS_MSE;
  config->reduction = PS_REDUCTION_SUM;
  ps_optimizer_config_init (&config->optimizer, PS_OPTIMIZER_SGD);
  config->optimizer.lr = 0.5;
  config->batch_size = 0;
  config->shuffle = FALSE;
  config->epochs = epochs;
}

static GArray *
parse_ok (PsSweepKey  key,
          const char *text)
{
  g_autoptr(GError) error = NULL;
  GArray *v = ps_sweep_parse_values (key, text, &error);

  g_assert_no_error (error);
  g_assert_nonnull (v);
  return v;
}

static void
parse_fails (PsSweepKey   key,
             const char  *text,
             int          code,
             const char  *words)
{
  g_autoptr(GError) error = NULL;
  GArray *v = ps_sweep_parse_values (key, text, &error);

  if (v != NULL)
    g_error ("'%s' parsed", text);
  g_assert_error (error, PS_SWEEP_ERROR, code);
  if (strstr (error->message, words) == NULL)
    g_error ("'%s': expected '%s' in '%s'", text, words, error->message);
}

static void
test_parse (void)
{
  g_autoptr(GArray) lr = parse_ok (PS_SWEEP_LR, "0.1, 0.5,1");
  g_autoptr(GArray) seed = parse_ok (PS_SWEEP_SEED, "1..40");
  g_autoptr(GArray) batch = parse_ok (PS_SWEEP_BATCH, "1,32,full");
  g_autoptr(GArray) units = parse_ok (PS_SWEEP_UNITS, "2, 4..6");
  g_autoptr(GArray) act = parse_ok (PS_SWEEP_ACTIVATION, "sigmoid,tanh,relu");
  g_autoptr(GArray) big = parse_ok (PS_SWEEP_SEED, "18446744073709551615");
  g_autoptr(GArray) vary = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  PsSweepKey key;

  g_assert_cmpuint (lr->len, ==, 3);
  g_assert_cmpfloat (g_array_index (lr, PsSweepValue, 1).lr, ==, 0.5);
  g_assert_cmpuint (seed->len, ==, 40);
  g_assert_cmpuint (g_array_index (seed, PsSweepValue, 0).seed, ==, 1);
  g_assert_cmpuint (g_array_index (seed, PsSweepValue, 39).seed, ==, 40);
  g_assert_cmpuint (batch->len, ==, 3);
  g_assert_cmpuint (g_array_index (batch, PsSweepValue, 2).batch, ==, 0);
  g_assert_cmpuint (units->len, ==, 4);
  g_assert_cmpuint (g_array_index (units, PsSweepValue, 3).units, ==, 6);
  g_assert_cmpint (g_array_index (act, PsSweepValue, 1).activation, ==, PS_ACTIVATION_TANH);
  g_assert_cmpuint (g_array_index (big, PsSweepValue, 0).seed, ==, G_MAXUINT64);
  text = ps_sweep_value_to_string (PS_SWEEP_BATCH, &g_array_index (batch, PsSweepValue, 2));
  g_assert_cmpstr (text, ==, "full");

  g_assert_true (ps_sweep_parse_vary ("seed=3..5", &key, &vary, &error));
  g_assert_no_error (error);
  g_assert_cmpint (key, ==, PS_SWEEP_SEED);
  g_assert_cmpuint (vary->len, ==, 3);

  g_assert_false (ps_sweep_parse_vary ("momentum=0.5", &key, &vary, &error));
  g_assert_error (error, PS_SWEEP_ERROR, PS_SWEEP_ERROR_KEY);
  g_assert_nonnull (strstr (error->message, "unknown setting 'momentum'"));
  g_clear_error (&error);
  g_assert_false (ps_sweep_parse_vary ("lr", &key, &vary, &error));
  g_assert_error (error, PS_SWEEP_ERROR, PS_SWEEP_ERROR_KEY);
  g_clear_error (&error);

  parse_fails (PS_SWEEP_LR, "", PS_SWEEP_ERROR_VALUE, "no values");
  parse_fails (PS_SWEEP_LR, "0.1,,0.5", PS_SWEEP_ERROR_VALUE, "empty item");
  parse_fails (PS_SWEEP_LR, "0", PS_SWEEP_ERROR_VALUE, "'0'");
  parse_fails (PS_SWEEP_LR, "nan", PS_SWEEP_ERROR_VALUE, "'nan'");
  parse_fails (PS_SWEEP_LR, "1001", PS_SWEEP_ERROR_VALUE, "'1001'");
  parse_fails (PS_SWEEP_LR, "0.1..0.5", PS_SWEEP_ERROR_VALUE, "whole-number");
  parse_fails (PS_SWEEP_LR, "0.5,0.50", PS_SWEEP_ERROR_VALUE, "twice");
  parse_fails (PS_SWEEP_SEED, "5..3", PS_SWEEP_ERROR_VALUE, "empty range");
  parse_fails (PS_SWEEP_SEED, "-1", PS_SWEEP_ERROR_VALUE, "'-1'");
  parse_fails (PS_SWEEP_SEED, "1..1000000000000", PS_SWEEP_ERROR_TOO_MANY, "more than 10000");
  parse_fails (PS_SWEEP_UNITS, "0", PS_SWEEP_ERROR_VALUE, "'0'");
  parse_fails (PS_SWEEP_BATCH, "0", PS_SWEEP_ERROR_VALUE, "'0'");
  parse_fails (PS_SWEEP_BATCH, "half", PS_SWEEP_ERROR_VALUE, "'half'");
  parse_fails (PS_SWEEP_ACTIVATION, "softmax", PS_SWEEP_ERROR_VALUE, "'softmax'");
  parse_fails (PS_SWEEP_ACTIVATION, "step", PS_SWEEP_ERROR_VALUE, "'step'");
}

static PsSweep *
xor_sweep (guint epochs)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PsDataset) xor = ps_dataset_new_gate ("xor", &error);
  PsTrainConfig config;
  PsSweep *sweep;

  g_assert_no_error (error);
  notebook_config (&config, epochs);
  sweep = ps_sweep_new (XOR_SPEC, &config, PS_INIT_NOTEBOOK, xor, xor, &error);
  g_assert_no_error (error);
  return sweep;
}

static void
add_axis_ok (PsSweep    *sweep,
             PsSweepKey  key,
             const char *text)
{
  g_autoptr(GArray) v = parse_ok (key, text);
  g_autoptr(GError) error = NULL;

  g_assert_true (ps_sweep_add_axis (sweep, key, (PsSweepValue *) v->data, v->len, &error));
  g_assert_no_error (error);
}

static void
add_axis_fails (PsSweep      *sweep,
                PsSweepKey    key,
                const char   *text,
                int           code)
{
  g_autoptr(GArray) v = parse_ok (key, text);
  g_autoptr(GError) error = NULL;
  guint before = ps_sweep_get_n_variants (sweep);

  g_assert_false (ps_sweep_add_axis (sweep, key, (PsSweepValue *) v->data, v->len, &error));
  g_assert_error (error, PS_SWEEP_ERROR, code);
  g_assert_cmpuint (ps_sweep_get_n_variants (sweep), ==, before);
}

static void
test_grid (void)
{
  g_autoptr(PsSweep) sweep = xor_sweep (10);
  g_autoptr(PsSweep) big = xor_sweep (10);
  g_autoptr(GError) error = NULL;
  g_autoptr(PsDataset) xor = ps_dataset_new_gate ("xor", NULL);
  g_autoptr(PsSweep) flat = NULL;
  g_autofree char *desc = NULL;
  g_autofree char *layers = NULL;
  PsTrainConfig config, base;
  PsSweepValue v;

  g_assert_cmpuint (ps_sweep_get_n_variants (sweep), ==, 1);
  add_axis_ok (sweep, PS_SWEEP_LR, "0.1,0.5,1");
  add_axis_ok (sweep, PS_SWEEP_UNITS, "2..5");
  g_assert_cmpuint (ps_sweep_get_n_variants (sweep), ==, 12);
  g_assert_cmpuint (ps_sweep_get_n_axes (sweep), ==, 2);
  g_assert_cmpint (ps_sweep_get_axis_key (sweep, 1), ==, PS_SWEEP_UNITS);
  g_assert_cmpuint (ps_sweep_get_axis_size (sweep, 1), ==, 4);

  /* the first axis varies slowest */
  ps_sweep_get_value (sweep, 5, 0, &v);
  g_assert_cmpfloat (v.lr, ==, 0.5);
  ps_sweep_get_value (sweep, 5, 1, &v);
  g_assert_cmpuint (v.units, ==, 3);
  desc = ps_sweep_describe_variant (sweep, 11);
  g_assert_cmpstr (desc, ==, "lr=1 units=5");

  notebook_config (&base, 10);
  ps_sweep_get_variant_config (sweep, 5, &config, &layers);
  g_assert_cmpfloat (config.optimizer.lr, ==, 0.5);
  g_assert_cmpuint (config.epochs, ==, base.epochs);
  g_assert_cmpuint (config.seed, ==, base.seed);
  g_assert_cmpstr (layers, ==, "2,3:sigmoid,1:sigmoid");
  g_clear_pointer (&layers, g_free);
  ps_sweep_get_variant_config (sweep, 0, &config, &layers);
  g_assert_cmpstr (layers, ==, "2,2:sigmoid,1:sigmoid");

  /* refusals change nothing */
  add_axis_fails (sweep, PS_SWEEP_SEED, "1,2", PS_SWEEP_ERROR_KEY);     /* a third */
  {
    g_autoptr(GArray) s = parse_ok (PS_SWEEP_SEED, "1..100");

    g_assert_true (ps_sweep_add_axis (big, PS_SWEEP_SEED, (PsSweepValue *) s->data, s->len, NULL));
    add_axis_fails (big, PS_SWEEP_SEED, "3,4", PS_SWEEP_ERROR_KEY);     /* twice */
    add_axis_fails (big, PS_SWEEP_UNITS, "1..101", PS_SWEEP_ERROR_TOO_MANY);
    g_assert_false (ps_sweep_add_axis (big, PS_SWEEP_LR, NULL, 0, &error));
    g_assert_error (error, PS_SWEEP_ERROR, PS_SWEEP_ERROR_VALUE);
    g_clear_error (&error);
  }
  add_axis_fails (big, PS_SWEEP_UNITS, "2000000", PS_SWEEP_ERROR_NETWORK);

  /* no hidden layer: no units or activation to vary */
  notebook_config (&config, 10);
  flat = ps_sweep_new ("2,1:sigmoid", &config, PS_INIT_NOTEBOOK, xor, NULL, &error);
  g_assert_no_error (error);
  add_axis_fails (flat, PS_SWEEP_UNITS, "2,3", PS_SWEEP_ERROR_NETWORK);
  add_axis_fails (flat, PS_SWEEP_ACTIVATION, "tanh", PS_SWEEP_ERROR_NETWORK);

  /* a spec that does not fit the data */
  g_assert_null (ps_sweep_new ("3,2:sigmoid,1:sigmoid", &config, PS_INIT_NOTEBOOK, xor, NULL, &error));
  g_assert_error (error, PS_SWEEP_ERROR, PS_SWEEP_ERROR_NETWORK);
}

/* Trains one variant's settings alone, as `perceptron train` does. */
static PsNetwork *
train_alone (const char          *layers,
             const PsTrainConfig *config,
             PsInit               init,
             PsDataset           *train,
             PsEpochMetrics     **history,
             guint               *n_history)
{
  g_autoptr(GError) error = NULL;
  PsNetwork *net = ps_network_new_from_spec (layers, &error);
  const PsEpochMetrics *h;
  PsTrainer *trainer;
  PsRng rng;

  g_assert_no_error (error);
  ps_rng_seed (&rng, config->seed);
  ps_network_init (net, init, &rng);
  ps_network_adopt_dataset (net, train);
  ps_network_set_loss (net, config->loss);
  trainer = ps_trainer_new (net, train, NULL, config, &error);
  g_assert_no_error (error);
  ps_trainer_run (trainer, 0, &error);
  g_assert_no_error (error);
  h = ps_trainer_get_history (trainer, n_history);
  *history = g_memdup2 (h, sizeof *h * *n_history);
  ps_trainer_free (trainer);
  return net;
}

static void
assert_same_as_alone (PsSweep *sweep)
{
  for (guint i = 0; i < ps_sweep_get_n_variants (sweep); i++)
    {
      const PsSweepResult *r = ps_sweep_get_result (sweep, i);
      g_autofree char *layers = NULL;
      g_autofree PsEpochMetrics *h = NULL;
      PsTrainConfig config;
      PsNetwork *net;
      guint n;

      g_assert_nonnull (r);
      g_assert_true (r->done);
      g_assert_cmpuint (r->index, ==, i);
      ps_sweep_get_variant_config (sweep, i, &config, &layers);
      net = train_alone (layers, &config, ps_sweep_get_init (sweep), ps_sweep_get_train (sweep), &h, &n);
      g_assert_nonnull (r->model);
      g_assert_cmpuint (r->model->n_params, ==, net->n_params);
      /* bit for bit: the weights and every epoch's loss */
      g_assert_cmpmem (r->model->params, sizeof (float) * net->n_params,
                       net->params, sizeof (float) * net->n_params);
      g_assert_cmpuint (r->n_history, ==, n);
      g_assert_cmpuint (r->epochs, ==, n);
      for (guint e = 0; e < n; e++)
        {
          g_assert_cmpmem (&r->history[e].loss, sizeof (double), &h[e].loss, sizeof (double));
          g_assert_cmpmem (&r->history[e].val_loss, sizeof (double), &h[e].val_loss, sizeof (double));
        }
      g_assert_cmpmem (&r->loss, sizeof (double), &h[n - 1].loss, sizeof (double));
      g_assert_cmpfloat (r->accuracy, ==, h[n - 1].accuracy);
      if (ps_sweep_get_test (sweep) != NULL)
        {
          double l, a;

          g_assert_true (r->has_test);
          ps_evaluate (net, ps_sweep_get_test (sweep), config.loss, &l, &a, NULL, NULL);
          g_assert_cmpmem (&r->test_loss, sizeof (double), &l, sizeof (double));
          g_assert_cmpfloat (r->test_accuracy, ==, a);
        }
      ps_network_free (net);
    }
}

typedef struct
{
  guint  calls;
  guint  last;
  gboolean in_order;
} Seen;

static void
count_in_order (PsSweep *sweep,
                guint    variant,
                gpointer user_data)
{
  Seen *s = user_data;

  g_assert_nonnull (ps_sweep_get_result (sweep, variant));
  if (s->calls > 0 && variant != s->last + 1)
    s->in_order = FALSE;
  if (s->calls == 0 && variant != 0)
    s->in_order = FALSE;
  s->last = variant;
  s->calls++;
}

/* XOR's notebook recipe over seeds and two rates, on 2 workers. */
static void
test_parallel_xor (void)
{
  g_autoptr(PsSweep) sweep = xor_sweep (300);
  g_autoptr(GError) error = NULL;
  Seen seen = { 0, 0, TRUE };

  add_axis_ok (sweep, PS_SWEEP_SEED, "1..6");
  add_axis_ok (sweep, PS_SWEEP_LR, "0.5,2");
  ps_sweep_set_n_workers (sweep, 2);
  g_assert_cmpuint (ps_sweep_get_n_workers (sweep), ==, 2);
  g_assert_true (ps_sweep_run (sweep, NULL, count_in_order, &seen, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (seen.calls, ==, 12);
  g_assert_true (seen.in_order);
  g_assert_cmpuint (ps_sweep_get_n_finished (sweep), ==, 12);
  g_assert_cmpfloat (ps_sweep_get_progress (sweep), ==, 1.0);
  assert_same_as_alone (sweep);
  g_assert_cmpuint (ps_sweep_get_best (sweep), <, 12);
}

/* Shuffled mini-batches, a validation split, a test set, hidden widths and
 * activations on generated 2-D data: 3 workers over 2 cores, and 1. */
static void
test_parallel_moons (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PsDataset) train = ps_dataset_new_generated (PS_GENERATOR_MOONS, 120, 0.1, 7, &error);
  g_autoptr(PsDataset) test = ps_dataset_new_generated (PS_GENERATOR_MOONS, 60, 0.1, 8, &error);
  PsTrainConfig config;

  g_assert_no_error (error);
  ps_dataset_set_scaling (train, PS_SCALING_UNIT, NULL);
  ps_dataset_set_scaling (test, PS_SCALING_UNIT, train);
  ps_train_config_init (&config);
  config.epochs = 15;
  config.seed = 3;
  config.optimizer.lr = 0.3;
  config.batch_size = 8;
  config.val_split = 0.2;

  for (guint workers = 1; workers <= 3; workers += 2)
    {
      g_autoptr(PsSweep) sweep = ps_sweep_new ("2,4:tanh,4:tanh,1:sigmoid", &config, PS_INIT_GLOROT,
                                               train, test, &error);

      g_assert_no_error (error);
      add_axis_ok (sweep, PS_SWEEP_UNITS, "3,8");
      add_axis_ok (sweep, PS_SWEEP_ACTIVATION, "sigmoid,relu");
      ps_sweep_set_n_workers (sweep, workers);
      g_assert_true (ps_sweep_run (sweep, NULL, NULL, NULL, &error));
      g_assert_no_error (error);
      assert_same_as_alone (sweep);
      g_assert_true (ps_sweep_get_result (sweep, 0)->has_val);
    }

  /* batch sizes, the full set among them */
  {
    g_autoptr(PsSweep) sweep = ps_sweep_new ("2,5:sigmoid,1:sigmoid", &config, PS_INIT_GLOROT,
                                             train, NULL, &error);

    g_assert_no_error (error);
    add_axis_ok (sweep, PS_SWEEP_BATCH, "1,16,full");
    add_axis_ok (sweep, PS_SWEEP_SEED, "1,2");
    ps_sweep_set_n_workers (sweep, 2);
    g_assert_true (ps_sweep_run (sweep, NULL, NULL, NULL, &error));
    g_assert_no_error (error);
    assert_same_as_alone (sweep);
    g_assert_false (ps_sweep_get_result (sweep, 0)->has_test);
  }
}

static void
test_target_and_csv (void)
{
  g_autoptr(PsSweep) sweep = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PsDataset) xor = ps_dataset_new_gate ("xor", NULL);
  g_autofree char *csv = NULL;
  g_auto(GStrv) lines = NULL;
  PsTrainConfig config;
  guint reached = 0;

  notebook_config (&config, 1000);
  config.target_accuracy = 1.0;
  sweep = ps_sweep_new (XOR_SPEC, &config, PS_INIT_NOTEBOOK, xor, NULL, &error);
  g_assert_no_error (error);
  add_axis_ok (sweep, PS_SWEEP_SEED, "1..16");
  ps_sweep_set_keep (sweep, FALSE, FALSE);
  g_assert_true (ps_sweep_run (sweep, NULL, NULL, NULL, &error));
  for (guint i = 0; i < 16; i++)
    {
      const PsSweepResult *r = ps_sweep_get_result (sweep, i);

      g_assert_null (r->model);
      g_assert_null (r->history);
      g_assert_cmpint (r->reached_target, ==, r->status == PS_TRAIN_TARGET_REACHED);
      g_assert_cmpint (r->reached_target, ==, r->accuracy >= 1.0);
      if (r->reached_target)
        {
          reached++;
          g_assert_cmpuint (r->epochs, <, 1000);
        }
      else
        g_assert_cmpuint (r->epochs, ==, 1000);
    }
  g_assert_cmpuint (ps_sweep_count_reached (sweep), ==, reached);
  /* the notebook's [2,3,1] learns XOR in 1000 epochs for a few seeds only */
  g_assert_cmpuint (reached, <, 16);

  csv = ps_sweep_to_csv (sweep);
  lines = g_strsplit (csv, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 18);   /* header, 16, "" */
  g_assert_cmpstr (lines[0], ==, "variant,seed,loss,accuracy,val_loss,val_accuracy,test_loss,"
                                 "test_accuracy,epochs,seconds,status,reached_target");
  g_assert_true (g_str_has_prefix (lines[1], "0,1,"));
  g_assert_true (g_str_has_suffix (lines[1], ps_sweep_get_result (sweep, 0)->reached_target
                                   ? ",target,1" : ",finished,0"));
}

/* ---- async and cancel ---------------------------------------------------- */

typedef struct
{
  GMainLoop    *loop;
  GCancellable *cancellable;
  guint         signals;
  guint         cancel_after;
  gboolean      done;
  gboolean      ok;
  GError       *error;
  double        progress_seen;
} AsyncRun;

static void
on_variant_finished (PsSweep *sweep,
                     guint    variant,
                     gpointer user_data)
{
  AsyncRun *a = user_data;

  g_assert_nonnull (ps_sweep_get_result (sweep, variant));
  a->signals++;
  a->progress_seen = MAX (a->progress_seen, ps_sweep_get_progress (sweep));
  if (a->cancellable != NULL && a->signals == a->cancel_after)
    g_cancellable_cancel (a->cancellable);
}

static void
on_run_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  AsyncRun *a = user_data;

  a->ok = ps_sweep_run_finish (PS_SWEEP (source), result, &a->error);
  a->done = TRUE;
  g_main_loop_quit (a->loop);
}

static void
test_async (void)
{
  g_autoptr(PsSweep) sweep = xor_sweep (200);
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  AsyncRun a = { loop, NULL, 0, 0, FALSE, FALSE, NULL, 0.0 };

  add_axis_ok (sweep, PS_SWEEP_SEED, "1..10");
  ps_sweep_set_n_workers (sweep, 2);
  g_signal_connect (sweep, "variant-finished", G_CALLBACK (on_variant_finished), &a);
  ps_sweep_run_async (sweep, NULL, on_run_done, &a);
  g_main_loop_run (loop);
  g_assert_true (a.done);
  g_assert_true (a.ok);
  g_assert_no_error (a.error);
  /* every variant was signalled before the run's callback */
  g_assert_cmpuint (a.signals, ==, 10);
  g_assert_cmpuint (ps_sweep_get_n_finished (sweep), ==, 10);
  g_assert_cmpfloat (ps_sweep_get_progress (sweep), ==, 1.0);
  assert_same_as_alone (sweep);
}

static gboolean
cancel_soon (gpointer data)
{
  g_cancellable_cancel (data);
  return G_SOURCE_REMOVE;
}

static void
test_cancel (void)
{
  g_autoptr(PsSweep) sweep = xor_sweep (20000000);   /* each variant: minutes */
  g_autoptr(PsSweep) before = xor_sweep (50);
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GCancellable) cancelled = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  AsyncRun a = { loop, NULL, 0, 0, FALSE, FALSE, NULL, 0.0 };
  gint64 t0;

  {
    PsSweepValue seeds[3] = { { .seed = 1 }, { .seed = 2 }, { .seed = 3 } };

    g_assert_true (ps_sweep_add_axis (sweep, PS_SWEEP_SEED, seeds, 3, NULL));
  }
  ps_sweep_set_n_workers (sweep, 1);
  g_signal_connect (sweep, "variant-finished", G_CALLBACK (on_variant_finished), &a);
  /* no variant finishes in time: cancel while the first trains */
  g_timeout_add (300, cancel_soon, cancellable);
  t0 = g_get_monotonic_time ();
  ps_sweep_run_async (sweep, cancellable, on_run_done, &a);
  g_main_loop_run (loop);
  g_assert_cmpint (g_get_monotonic_time () - t0, <, 60 * G_USEC_PER_SEC);
  g_assert_true (a.done);
  g_assert_false (a.ok);
  g_assert_error (a.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&a.error);
  g_assert_cmpuint (a.signals, ==, 0);
  g_assert_null (ps_sweep_get_result (sweep, 0));
  g_assert_cmpfloat (ps_sweep_get_progress (sweep), <, 1.0);

  /* cancelled before it starts: nothing trains */
  g_cancellable_cancel (cancelled);
  add_axis_ok (before, PS_SWEEP_SEED, "1..4");
  g_assert_false (ps_sweep_run (before, cancelled, NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (ps_sweep_get_n_finished (before), ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sweep/parse", test_parse);
  g_test_add_func ("/sweep/grid", test_grid);
  g_test_add_func ("/sweep/parallel-xor", test_parallel_xor);
  g_test_add_func ("/sweep/parallel-moons", test_parallel_moons);
  g_test_add_func ("/sweep/target-csv", test_target_and_csv);
  g_test_add_func ("/sweep/async", test_async);
  g_test_add_func ("/sweep/cancel", test_cancel);

  return g_test_run ();
}
