/* ps-cli.c: `perceptron`, the training engine headless
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <unistd.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <glib/gstdio.h>

#include "ps-boundary.h"
#include "ps-cli-data.h"
#include "ps-cli-export.h"
#include "ps-dataset.h"
#include "ps-explain.h"
#include "ps-generators.h"
#include "ps-history.h"
#include "ps-file.h"
#include "ps-model-file.h"
#include "ps-names.h"
#include "ps-network.h"
#include "ps-optimizer.h"
#include "ps-plot.h"
#include "ps-separable.h"
#include "ps-surface.h"
#include "ps-sweep.h"
#include "ps-trainer.h"

#define CLI_ERROR (g_quark_from_static_string ("perceptron-cli-error"))

/* ---- options shared by the subcommands ---------------------------------- */

static char    *opt_data;
static char    *opt_layers;
static char    *opt_loss;
static char    *opt_reduction;
static char    *opt_optimizer;
static double   opt_lr;
static gboolean opt_lr_given;
static double   opt_momentum;
static gboolean opt_momentum_given;
static double   opt_l2;
static char    *opt_batch;
static int      opt_epochs = 10;
static double   opt_val_split;
static gboolean opt_shuffle;
static gboolean opt_no_shuffle;
static guint64  opt_seed = 1;
static char    *opt_init;
static char    *opt_scale;
static char    *opt_model;
static char    *opt_save;
static char    *opt_history;
static char   **opt_plots;
static int      opt_early_stopping;
static double   opt_target_accuracy;
static double   opt_target_loss;
static gboolean opt_quiet;
static int      opt_print_every = 1;
static int      opt_samples = PS_GENERATOR_DEFAULT_SAMPLES;
static double   opt_noise = PS_GENERATOR_DEFAULT_NOISE;
static char    *opt_label_column;
static double   opt_test_split;
static char    *opt_kind;
static char    *opt_output;
static int      opt_width = 800;
static int      opt_height = 600;
static int      opt_layer = 1;
static int      opt_threads;
static int      opt_sample;
static gboolean opt_sample_given;
static gboolean opt_json;
static char    *opt_weights;
static char   **opt_vary;
static int      opt_jobs;

/* ---- numeric options: one table, one parser ------------------------------ */

/* Every numeric option is parsed here (GOption's own parser takes "nan",
 * "inf" and out-of-range values without a word): a value that is not a
 * number, not finite or out of its range is refused at once, naming the
 * option. The ranges are shown by --help and listed in the README. */
typedef enum
{
  NUM_INT,       /* int */
  NUM_UINT64,    /* guint64 */
  NUM_DOUBLE,    /* double, finite */
} NumType;

typedef struct
{
  const char *name;          /* long name, without "--" */
  char        short_name;
  NumType     type;
  double      min, max;      /* NUM_INT and NUM_DOUBLE */
  gboolean    min_open;      /* NUM_DOUBLE: min itself excluded */
  gboolean    max_open;      /* NUM_DOUBLE: max itself excluded */
  const char *range;         /* as --help and the messages say it */
  gpointer    value;
  gboolean   *given;
} NumOption;

static const NumOption num_options[] = {
  { "samples", 0, NUM_INT, PS_GENERATOR_MIN_SAMPLES, PS_GENERATOR_MAX_SAMPLES, FALSE, FALSE,
    G_STRINGIFY (PS_GENERATOR_MIN_SAMPLES) " to " G_STRINGIFY (PS_GENERATOR_MAX_SAMPLES), &opt_samples, NULL },
  { "noise", 0, NUM_DOUBLE, 0, PS_GENERATOR_MAX_NOISE, FALSE, FALSE,
    "0 to " G_STRINGIFY (PS_GENERATOR_MAX_NOISE), &opt_noise, NULL },
  { "test-split", 0, NUM_DOUBLE, 0, 1, FALSE, TRUE, "0 <= F < 1", &opt_test_split, NULL },
  { "seed", 0, NUM_UINT64, 0, 0, FALSE, FALSE, "0 to 18446744073709551615", &opt_seed, NULL },
  { "lr", 0, NUM_DOUBLE, 0, 1000, TRUE, FALSE, "0 < A <= 1000", &opt_lr, &opt_lr_given },
  { "momentum", 0, NUM_DOUBLE, 0, 1, FALSE, TRUE, "0 <= M < 1", &opt_momentum, &opt_momentum_given },
  { "l2", 0, NUM_DOUBLE, 0, 10, FALSE, FALSE, "0 to 10", &opt_l2, NULL },
  { "epochs", 'e', NUM_INT, 1, 100000000, FALSE, FALSE, "1 to 100000000", &opt_epochs, NULL },
  { "val-split", 0, NUM_DOUBLE, 0, 1, FALSE, TRUE, "0 <= F < 1", &opt_val_split, NULL },
  { "early-stopping", 0, NUM_INT, 0, 1000000, FALSE, FALSE, "0 (off) to 1000000", &opt_early_stopping, NULL },
  { "target-accuracy", 0, NUM_DOUBLE, 0, 1, TRUE, FALSE, "0 < A <= 1", &opt_target_accuracy, NULL },
  { "target-loss", 0, NUM_DOUBLE, 0, G_MAXDOUBLE, FALSE, FALSE, "a finite L >= 0, 0: off", &opt_target_loss, NULL },
  { "print-every", 0, NUM_INT, 1, 100000000, FALSE, FALSE, "1 to 100000000", &opt_print_every, NULL },
  { "threads", 0, NUM_INT, 0, 256, FALSE, FALSE, "0 (automatic) to 256", &opt_threads, NULL },
  { "width", 0, NUM_INT, 16, 10000, FALSE, FALSE, "16 to 10000", &opt_width, NULL },
  { "height", 0, NUM_INT, 16, 10000, FALSE, FALSE, "16 to 10000", &opt_height, NULL },
  { "layer", 0, NUM_INT, 1, 10000, FALSE, FALSE, "1 to the number of layers", &opt_layer, NULL },
  { "sample", 0, NUM_INT, 0, G_MAXINT, FALSE, FALSE, "0 to the number of samples - 1", &opt_sample, &opt_sample_given },
  { "jobs", 'j', NUM_INT, 0, 256, FALSE, FALSE, "0 (one per core) to 256", &opt_jobs, NULL },
};

static const NumOption *
num_option_find (const char *option_name)
{
  for (gsize i = 0; i < G_N_ELEMENTS (num_options); i++)
    {
      const NumOption *o = &num_options[i];

      if (g_str_has_prefix (option_name, "--") ? g_str_equal (option_name + 2, o->name)
          : (option_name[0] == '-' && option_name[1] == o->short_name && o->short_name != 0))
        return o;
    }
  return NULL;
}

static gboolean
parse_number (const char  *option_name,
              const char  *value,
              gpointer     data,
              GError     **error)
{
  const NumOption *o = num_option_find (option_name);
  const char *name;

  g_return_val_if_fail (o != NULL, FALSE);
  name = o->name;

  if (o->type == NUM_DOUBLE)
    {
      char *end = NULL;
      double v;

      v = g_ascii_strtod (value, &end);
      if (end == value || *end != '\0')
        {
          g_set_error (error, CLI_ERROR, 0, "--%s: '%s' is not a number (range: %s)", name, value, o->range);
          return FALSE;
        }
      if (!isfinite (v))
        {
          g_set_error (error, CLI_ERROR, 0, "--%s: %s is not a finite number (range: %s)", name, value, o->range);
          return FALSE;
        }
      if (v < o->min || (o->min_open && v == o->min) || v > o->max || (o->max_open && v == o->max))
        {
          g_set_error (error, CLI_ERROR, 0, "--%s: %s is out of range (%s)", name, value, o->range);
          return FALSE;
        }
      *(double *) o->value = v;
    }
  else if (o->type == NUM_UINT64)
    {
      guint64 v;

      if (!g_ascii_string_to_unsigned (value, 10, 0, G_MAXUINT64, &v, NULL))
        {
          g_set_error (error, CLI_ERROR, 0, "--%s: '%s' is not a whole number in range (%s)", name, value, o->range);
          return FALSE;
        }
      *(guint64 *) o->value = v;
    }
  else
    {
      gint64 v;

      if (!g_ascii_string_to_signed (value, 10, G_MININT64, G_MAXINT64, &v, NULL))
        {
          g_set_error (error, CLI_ERROR, 0, "--%s: '%s' is not a whole number (range: %s)", name, value, o->range);
          return FALSE;
        }
      if (v < (gint64) o->min || v > (gint64) o->max)
        {
          g_set_error (error, CLI_ERROR, 0, "--%s: %s is out of range (%s)", name, value, o->range);
          return FALSE;
        }
      *(int *) o->value = (int) v;
    }
  if (o->given != NULL)
    *o->given = TRUE;
  return TRUE;
}

#define NUM_ARG G_OPTION_ARG_CALLBACK, (gpointer) parse_number

static GOptionEntry data_entries[] = {
  { "data", 'd', 0, G_OPTION_ARG_STRING, &opt_data,
    "and, or, xor, and3, or3, circle, xor2d, gauss, spiral, moons, mnist[:DIR], fashion-mnist[:DIR] or FILE.csv (gzipped too)", "SPEC" },
  { "samples", 0, 0, NUM_ARG, "Samples for generated 2-D data (default " G_STRINGIFY (PS_GENERATOR_DEFAULT_SAMPLES) ")", "N" },
  { "noise", 0, 0, NUM_ARG, "Noise for generated 2-D data (default " G_STRINGIFY (PS_GENERATOR_DEFAULT_NOISE) ")", "X" },
  { "label-column", 0, 0, G_OPTION_ARG_FILENAME, &opt_label_column, "CSV label column, by name or 0-based index (default: last)", "COL" },
  { "test-split", 0, 0, NUM_ARG, "Hold out this fraction as the test set (non-IDX data)", "F" },
  { "scale", 0, 0, G_OPTION_ARG_STRING, &opt_scale, "Input scaling: none, unit (min-max to [0, 1]) or standard (default unit, as the app)", "S" },
  { "seed", 0, 0, NUM_ARG, "Random seed for data, initialisation and shuffling (default 1)", "N" },
  { NULL }
};

static GOptionEntry train_entries[] = {
  { "layers", 'l', 0, G_OPTION_ARG_STRING, &opt_layers, "Units with optional activation, input first: 2,3:sigmoid,1:sigmoid", "SPEC" },
  { "loss", 0, 0, G_OPTION_ARG_STRING, &opt_loss, "mse, cross-entropy or binary-cross-entropy (default: cross-entropy for softmax, else mse)", "L" },
  { "reduction", 0, 0, G_OPTION_ARG_STRING, &opt_reduction, "mean (Keras, PyTorch) or sum (the notebook) (default mean)", "R" },
  { "optimizer", 0, 0, G_OPTION_ARG_STRING, &opt_optimizer, "delta, sgd, momentum, nesterov or adam (default sgd)", "O" },
  { "lr", 0, 0, NUM_ARG, "Learning rate (default 0.01; adam 0.001)", "A" },
  { "momentum", 0, 0, NUM_ARG, "Momentum for momentum/nesterov (default 0.9)", "M" },
  { "l2", 0, 0, NUM_ARG, "L2 weight decay (default 0)", "X" },
  { "batch-size", 'b', 0, G_OPTION_ARG_STRING, &opt_batch, "Samples per update: N or full (default 32)", "N" },
  { "epochs", 'e', 0, NUM_ARG, "Epochs (default 10)", "N" },
  { "val-split", 0, 0, NUM_ARG, "Last fraction of the data used for validation, as Keras", "F" },
  { "shuffle", 0, 0, G_OPTION_ARG_NONE, &opt_shuffle, "Shuffle every epoch (default)", NULL },
  { "no-shuffle", 0, 0, G_OPTION_ARG_NONE, &opt_no_shuffle, "Keep the data order", NULL },
  { "init", 0, 0, G_OPTION_ARG_STRING, &opt_init, "notebook (U(-0.5, 0.5)), glorot or he (default glorot)", "I" },
  { "model", 'm', 0, G_OPTION_ARG_FILENAME, &opt_model, "Start from the weights in this model file", "FILE" },
  { "save", 's', 0, G_OPTION_ARG_FILENAME, &opt_save, "Save the trained model (JSON)", "FILE" },
  { "history", 0, 0, G_OPTION_ARG_FILENAME, &opt_history, "Write the per-epoch metrics as CSV", "FILE.csv" },
  { "plot", 'p', 0, G_OPTION_ARG_STRING_ARRAY, &opt_plots, "Write a plot: curves, boundary, weights, tiles or confusion (repeatable)", "KIND=FILE" },
  { "early-stopping", 0, 0, NUM_ARG, "Stop when val_loss has not improved for N epochs", "N" },
  { "target-accuracy", 0, 0, NUM_ARG, "Stop once the training accuracy reaches A", "A" },
  { "target-loss", 0, 0, NUM_ARG, "Stop once the training loss falls to L", "L" },
  { "print-every", 0, 0, NUM_ARG, "Print one epoch line in N (default 1)", "N" },
  { "threads", 0, 0, NUM_ARG, "Worker threads (default: automatic)", "N" },
  { "width", 0, 0, NUM_ARG, "Plot width in pixels (default 800)", "W" },
  { "height", 0, 0, NUM_ARG, "Plot height in pixels (default 600)", "H" },
  { "quiet", 'q', 0, G_OPTION_ARG_NONE, &opt_quiet, "Print only the final results", NULL },
  { NULL }
};

/* sweep: train's options that apply to every variant, and its own */
static GOptionEntry sweep_entries[] = {
  { "vary", 'V', 0, G_OPTION_ARG_STRING_ARRAY, &opt_vary, "A setting and its values: lr=0.1,0.5,1, "
    "units=2..6 (every hidden layer's width), activation=sigmoid,tanh,relu (hidden layers), "
    "batch=1,32,full or seed=1..40 (initialisation and shuffling); once or twice", "KEY=VALUES" },
  { "jobs", 'j', 0, NUM_ARG, "Variants trained at once (default 0: one per core)", "N" },
  { "output", 'o', 0, G_OPTION_ARG_FILENAME, &opt_output, "Write the results as CSV", "FILE.csv" },
  { "layers", 'l', 0, G_OPTION_ARG_STRING, &opt_layers, "Units with optional activation, input first: 2,3:sigmoid,1:sigmoid", "SPEC" },
  { "loss", 0, 0, G_OPTION_ARG_STRING, &opt_loss, "mse, cross-entropy or binary-cross-entropy (default: cross-entropy for softmax, else mse)", "L" },
  { "reduction", 0, 0, G_OPTION_ARG_STRING, &opt_reduction, "mean (Keras, PyTorch) or sum (the notebook) (default mean)", "R" },
  { "optimizer", 0, 0, G_OPTION_ARG_STRING, &opt_optimizer, "delta, sgd, momentum, nesterov or adam (default sgd)", "O" },
  { "lr", 0, 0, NUM_ARG, "Learning rate (default 0.01; adam 0.001)", "A" },
  { "momentum", 0, 0, NUM_ARG, "Momentum for momentum/nesterov (default 0.9)", "M" },
  { "l2", 0, 0, NUM_ARG, "L2 weight decay (default 0)", "X" },
  { "batch-size", 'b', 0, G_OPTION_ARG_STRING, &opt_batch, "Samples per update: N or full (default 32)", "N" },
  { "epochs", 'e', 0, NUM_ARG, "Epochs (default 10)", "N" },
  { "val-split", 0, 0, NUM_ARG, "Last fraction of the data used for validation, as Keras", "F" },
  { "shuffle", 0, 0, G_OPTION_ARG_NONE, &opt_shuffle, "Shuffle every epoch (default)", NULL },
  { "no-shuffle", 0, 0, G_OPTION_ARG_NONE, &opt_no_shuffle, "Keep the data order", NULL },
  { "init", 0, 0, G_OPTION_ARG_STRING, &opt_init, "notebook (U(-0.5, 0.5)), glorot or he (default glorot)", "I" },
  { "early-stopping", 0, 0, NUM_ARG, "Stop when val_loss has not improved for N epochs", "N" },
  { "target-accuracy", 0, 0, NUM_ARG, "Stop a variant once its training accuracy reaches A; count those that did", "A" },
  { "target-loss", 0, 0, NUM_ARG, "Stop a variant once its training loss falls to L", "L" },
  { NULL }
};

static GOptionEntry no_entries[] = {
  { NULL }
};

static GOptionEntry plot_entries[] = {
  { "kind", 'k', 0, G_OPTION_ARG_STRING, &opt_kind, "boundary, weights, tiles, confusion, surface or separability", "KIND" },
  { "weights", 0, 0, G_OPTION_ARG_STRING, &opt_weights, "For --kind surface: the two parameters, L:I:J,L:I:J (layer L from 1, input I to unit J from 0; L:b:J for a bias)", "P,P" },
  { "output", 'o', 0, G_OPTION_ARG_FILENAME, &opt_output, "Output file: .png, .svg or .pdf", "FILE" },
  { "layer", 0, 0, NUM_ARG, "Layer for --kind weights, 1-based (default 1)", "N" },
  { "width", 0, 0, NUM_ARG, "Width in pixels (default 800)", "W" },
  { "height", 0, 0, NUM_ARG, "Height in pixels (default 600)", "H" },
  { NULL }
};

static GOptionEntry explain_entries[] = {
  { "sample", 0, 0, NUM_ARG, "The sample to explain: its 0-based index in --data (in its training part with --test-split)", "I" },
  { "lr", 0, 0, NUM_ARG, "Learning rate α (default 0.1 for delta, 0.01 for sgd, as train)", "A" },
  { "loss", 0, 0, G_OPTION_ARG_STRING, &opt_loss, "mse, cross-entropy or binary-cross-entropy (default: the model's)", "L" },
  { "reduction", 0, 0, G_OPTION_ARG_STRING, &opt_reduction, "mean or sum (default mean, as train; the delta rule always sums)", "R" },
  { "optimizer", 0, 0, G_OPTION_ARG_STRING, &opt_optimizer, "delta or sgd (default delta for a step perceptron, else sgd)", "O" },
  { "json", 0, 0, G_OPTION_ARG_NONE, &opt_json, "Print one JSON object with every value", NULL },
  { NULL }
};

/* ---- helpers ------------------------------------------------------------ */

/* "(a, b, c)" for an error message: the names the table accepts. */
static char *
choices_of (PsEnumKind kind)
{
  g_autofree char *joined = g_strjoinv (", ", (char **) ps_enum_names (kind));

  return g_strdup_printf ("(%s)", joined);
}

/* Parses an enum option through the one name table; NULL keeps *out. */
static gboolean
parse_choice (const char  *option,
              const char  *value,
              PsEnumKind   kind,
              int         *out,
              GError     **error)
{
  g_autofree char *choices = NULL;

  if (value == NULL || ps_enum_from_name (kind, value, out))
    return TRUE;
  choices = choices_of (kind);
  g_set_error (error, CLI_ERROR, 0, "%s: unknown '%s' %s", option, value, choices);
  return FALSE;
}

static gboolean
parse_scaling (PsScaling *out,
               GError   **error)
{
  int v = PS_DEFAULT_SCALING;   /* the app's default too */

  if (!parse_choice ("--scale", opt_scale, PS_ENUM_SCALING, &v, error))
    return FALSE;
  *out = (PsScaling) v;
  return TRUE;
}

static gboolean
load_data (PsDataset **train,
           PsDataset **test,
           GError    **error)
{
  PsCliDataOptions o = { 0 };

  if (opt_data == NULL)
    {
      g_set_error (error, CLI_ERROR, 0, "--data is required");
      return FALSE;
    }
  /* --samples, --noise and --test-split are in range (parse_number) */
  /* taken as bytes (GOption's conversion error names no option) */
  if (opt_label_column != NULL && !g_utf8_validate (opt_label_column, -1, NULL))
    {
      char *utf8 = g_locale_to_utf8 (opt_label_column, -1, NULL, NULL, NULL);

      if (utf8 == NULL)
        {
          g_set_error (error, CLI_ERROR, 0, "--label-column: the value is not valid text in this "
                       "locale's encoding (CSV column names are UTF-8)");
          return FALSE;
        }
      g_free (opt_label_column);
      opt_label_column = utf8;
    }
  if (!parse_scaling (&o.scaling, error))
    return FALSE;
  o.samples = opt_samples;
  o.noise = opt_noise;
  o.seed = opt_seed;
  o.label_column = opt_label_column;
  o.test_split = opt_test_split;
  return ps_cli_load_data (opt_data, &o, train, test, error);
}

/* The network must fit every dataset it is then run on: the test set too
 * (evaluate and predict use it, train reports on it), not only train. The
 * labels are first matched to the model's classes by name ("dog" is the
 * model's "dog", whatever its index in the file), right after loading. */
static gboolean
check_data (const PsNetwork  *net,
            PsDataset        *train,
            PsDataset        *test,
            GError          **error)
{
  guint n_names = net->classes != NULL ? g_strv_length (net->classes) : 0;

  /* names beyond the outputs cannot be predicted */
  n_names = MIN (n_names, MAX (ps_network_n_outputs (net), 2u));

  if (!ps_dataset_match_classes (train, (const char *const *) net->classes, n_names, error)
      || (test != NULL && test != train
          && !ps_dataset_match_classes (test, (const char *const *) net->classes, n_names, error)))
    return FALSE;
  return ps_network_check_dataset (net, train, error)
         && (test == NULL || test == train || ps_network_check_dataset (net, test, error));
}

/* Data for an existing model is scaled as the model was trained (its
 * recorded shift and scale, none when it records nothing), not refitted on
 * this data; an explicit --scale refits. */
static void
use_model_scaling (const PsNetwork *net,
                   PsDataset       *train,
                   PsDataset       *test)
{
  if (opt_scale != NULL)
    {
      if (net->scaling != PS_SCALING_NONE && !g_str_equal (opt_scale, ps_scaling_to_string (net->scaling)))
        g_printerr ("perceptron: warning: --scale %s replaces the model's own input scaling (%s)\n",
                    opt_scale, ps_scaling_to_string (net->scaling));
      return;
    }
  if (train != NULL && ps_dataset_get_n_features (train) == net->n_inputs)
    ps_network_scale_dataset (net, train);
  if (test != NULL && ps_dataset_get_n_features (test) == net->n_inputs)
    ps_network_scale_dataset (net, test);
}

static gboolean
print_epoch_line (const PsEpochMetrics *m,
                  guint                 total)
{
  GString *s = g_string_new (NULL);

  g_string_append_printf (s, "Epoch %u/%u - %.2fs - loss: %.4f - accuracy: %.4f - rmse: %.4f",
                          m->epoch, total, m->seconds, m->loss, m->accuracy, m->rmse);
  if (m->has_val)
    g_string_append_printf (s, " - val_loss: %.4f - val_accuracy: %.4f", m->val_loss, m->val_accuracy);
  g_print ("%s\n", s->str);
  g_string_free (s, TRUE);
  return TRUE;
}

typedef struct
{
  guint total;
} TrainProgress;

static void
on_progress (PsTrainer            *trainer,
             const PsEpochMetrics *m,
             gboolean              epoch_done,
             gpointer              user_data)
{
  TrainProgress *p = user_data;

  if (!epoch_done || opt_quiet)
    return;
  if (opt_print_every > 1 && m->epoch % opt_print_every != 0 && m->epoch != p->total && m->epoch != 1)
    return;
  print_epoch_line (m, p->total);
  fflush (stdout);
}

static gboolean
write_history (const char           *path,
               const PsEpochMetrics *h,
               guint                 n,
               GError              **error)
{
  g_autoptr(GError) local = NULL;

  if (!ps_history_write_csv (path, h, n, &local))
    {
      /* core names the file: "--history FILE: cannot save the history: why" */
      g_set_error (error, CLI_ERROR, 0, "--history %s", local->message);
      return FALSE;
    }
  return TRUE;
}

/* ---- plots ------------------------------------------------------------- */

typedef struct
{
  const PsNetwork      *net;
  const PsDataset      *train;
  const PsDataset      *test;
  const PsEpochMetrics *history;
  guint                 n_history;
  PsLoss                loss;
  guint                 layer;      /* 0-based */
  guint64              *confusion;
  const char           *title;
  gboolean              history_to_come;   /* train: checked before training */
  PsParamRef            surface[2];        /* --kind surface: the two parameters */
} PlotContext;

static void
draw_curves (cairo_t *cr, double w, double h, gpointer user_data)
{
  PlotContext *c = user_data;
  g_autofree double *loss = g_new (double, MAX (c->n_history, 1));
  g_autofree double *acc = g_new (double, MAX (c->n_history, 1));
  g_autofree double *vloss = g_new (double, MAX (c->n_history, 1));
  g_autofree double *vacc = g_new (double, MAX (c->n_history, 1));
  gboolean has_val = c->n_history > 0 && c->history[0].has_val;
  PsCurvesData d = { 0 };

  for (guint i = 0; i < c->n_history; i++)
    {
      loss[i] = c->history[i].loss;
      acc[i] = c->history[i].accuracy;
      vloss[i] = c->history[i].val_loss;
      vacc[i] = c->history[i].val_accuracy;
    }
  d.title = c->title;
  d.n_epochs = c->n_history;
  d.loss = loss;
  d.accuracy = acc;
  d.val_loss = has_val ? vloss : NULL;
  d.val_accuracy = has_val ? vacc : NULL;
  ps_plot_curves (cr, w, h, &d);
}

static void
draw_boundary (cairo_t *cr, double w, double h, gpointer user_data)
{
  PlotContext *c = user_data;
  const PsDataset *data = c->train;
  double x0, x1, y0, y1;
  g_autoptr(PsBoundaryGrid) grid = NULL;
  g_autofree float *pts = NULL, *tpts = NULL;
  PsBoundaryData d = { 0 };
  guint rows, cols;

  ps_boundary_grid_size (w, h, &rows, &cols);
  ps_dataset_bounds_2d (data, 0.1, &x0, &x1, &y0, &y1);
  grid = ps_boundary_grid_new (c->net, data, x0, x1, y0, y1, rows, cols);
  g_assert (grid != NULL);

  pts = g_new (float, ps_dataset_get_n_samples (data) * 2 + 2);
  ps_dataset_get_raw_columns (data, 2, pts);
  if (c->test != NULL)
    {
      tpts = g_new (float, ps_dataset_get_n_samples (c->test) * 2 + 2);
      ps_dataset_get_raw_columns (c->test, 2, tpts);
      d.n_test_points = ps_dataset_get_n_samples (c->test);
      d.test_points = tpts;
      d.test_labels = ps_dataset_get_labels (c->test);
      d.show_test = TRUE;
    }

  d.grid_rows = grid->rows;
  d.grid_cols = grid->cols;
  d.grid = grid->p1;
  d.class_grid = grid->p1 ? NULL : grid->classes;
  d.confidence = grid->p1 ? NULL : grid->confidence;
  d.n_classes = grid->n_classes;
  d.x_min = x0;
  d.x_max = x1;
  d.y_min = y0;
  d.y_max = y1;
  d.n_points = ps_dataset_get_n_samples (data);
  d.points = pts;
  d.labels = ps_dataset_get_labels (data);
  d.n_lines = grid->n_lines;
  d.lines = grid->lines;
  d.class_names = (const char **) ps_dataset_get_class_names (data);
  d.title = c->title;
  ps_plot_boundary (cr, w, h, &d);
}

static void
draw_weights (cairo_t *cr, double w, double h, gpointer user_data)
{
  PlotContext *c = user_data;
  const PsLayer *l = &c->net->layers[c->layer];
  g_autofree char *title = g_strdup_printf ("Layer %u weights (%u × %u)", c->layer + 1, l->inputs, l->units);

  ps_plot_weights (cr, w, h, c->net->params + l->w_offset, l->inputs, l->units, c->title ? c->title : title);
}

static void
draw_tiles (cairo_t *cr, double w, double h, gpointer user_data)
{
  PlotContext *c = user_data;
  const PsLayer *l = &c->net->layers[0];

  ps_plot_weight_tiles (cr, w, h, c->net->params + l->w_offset,
                        c->net->input_shape[1], c->net->input_shape[0], l->units,
                        c->title ? c->title : "First-layer weights");
}

static void
draw_confusion (cairo_t *cr, double w, double h, gpointer user_data)
{
  PlotContext *c = user_data;
  const PsDataset *data = c->test ? c->test : c->train;

  ps_plot_confusion (cr, w, h, c->confusion, ps_dataset_get_n_classes (data),
                     (const char **) ps_dataset_get_class_names (data), c->title ? c->title : "Confusion matrix");
}

/* The error surface over the two --weights, 101 × 101 points (the middle
 * one at the model's own values), the model's weights as the path's end. */
static void
draw_surface (cairo_t *cr, double w, double h, gpointer user_data)
{
  PlotContext *c = user_data;
  PsSurfaceGrid g;
  g_autofree float *grid = g_new (float, 101 * 101);
  g_autofree char *xl = ps_param_ref_to_string (&c->surface[0]);
  g_autofree char *yl = ps_param_ref_to_string (&c->surface[1]);
  g_autofree char *title = NULL;
  double here[2];
  const float *params = c->net->params;
  PsSurfaceData d = { 0 };

  ps_surface_grid_init (&g, c->net, &c->surface[0], &c->surface[1], 101, 101);
  if (!ps_surface_compute (c->net, c->train, c->loss, &g, grid, NULL, NULL))
    g_assert_not_reached ();   /* plot_check: the data fits the network */
  ps_surface_path (&g, &params, 1, here);
  title = g_strdup_printf ("Loss (%s) over %s and %s", ps_loss_to_string (c->loss), xl, yl);
  d.rows = g.rows;
  d.cols = g.cols;
  d.grid = grid;
  d.x_min = g.x_lo;
  d.x_max = g.x_hi;
  d.y_min = g.y_lo;
  d.y_max = g.y_hi;
  d.x_label = xl;
  d.y_label = yl;
  d.path = here;
  d.n_path = 1;
  d.title = c->title ? c->title : title;
  ps_plot_surface (cr, w, h, &d);
}

/* The training set's points (raw, as the boundary plot shows them): one
 * class against the rest (class 1 of two, else class 0), the line or the
 * hulls, the reason. */
static void
draw_separability (cairo_t *cr, double w, double h, gpointer user_data)
{
  PlotContext *c = user_data;
  const PsDataset *data = c->train;
  guint k = ps_dataset_get_n_classes (data);
  guint32 positive = k == 2 ? 1 : 0;
  g_autoptr(PsSeparability) r = ps_separability_check_dataset (data, positive, TRUE, NULL);
  g_autofree float *pts = g_new (float, ps_dataset_get_n_samples (data) * 2 + 2);
  const char *const *names = ps_dataset_get_class_names (data);
  g_autofree char *pos = NULL;
  g_autofree char *rest = NULL;
  g_autofree char *caption = NULL;
  gsize segs[6];
  PsSeparabilityData d = { 0 };

  g_assert (r != NULL);   /* plot_check ran it */
  ps_dataset_get_raw_columns (data, 2, pts);
  if (names != NULL && names[positive] != NULL)
    pos = g_strdup_printf ("class %s", names[positive]);
  if (k == 2 && names != NULL && names[1 - positive] != NULL)
    rest = g_strdup_printf ("class %s", names[1 - positive]);
  d.n_points = ps_dataset_get_n_samples (data);
  d.points = pts;
  d.labels = ps_dataset_get_labels (data);
  d.positive_class = positive;
  d.positive_name = pos;
  d.rest_name = rest;
  d.separable = r->separable;
  if (r->separable)
    {
      g_autofree char *wb = ps_separability_format_wb (r);

      d.w[0] = r->w[0];
      d.w[1] = r->w[1];
      d.b = r->b;
      caption = g_strdup_printf ("Linearly separable: %s (%s).", r->reason, wb);
    }
  else
    {
      guint n = r->n_witness_points;
      const gsize *p = r->witness_points;

      caption = g_strdup_printf ("Not linearly separable: %s.", r->reason);
      d.witness = p;
      d.n_witness = n;
      d.witness_segments = segs;
      if (r->witness == PS_SEPARABILITY_WITNESS_CROSSING)
        {
          segs[0] = p[0], segs[1] = p[1], segs[2] = p[2], segs[3] = p[3];
          d.n_witness_segments = 2;
        }
      else if (r->witness == PS_SEPARABILITY_WITNESS_ON_SEGMENT)
        {
          segs[0] = p[1], segs[1] = p[2];
          d.n_witness_segments = 1;
        }
      else if (r->witness == PS_SEPARABILITY_WITNESS_IN_TRIANGLE)
        {
          segs[0] = p[1], segs[1] = p[2], segs[2] = p[2], segs[3] = p[3], segs[4] = p[3], segs[5] = p[1];
          d.n_witness_segments = 3;
        }
    }
  for (int s = 0; s < 2; s++)
    {
      d.hull[s] = r->hull[s];
      d.n_hull[s] = r->n_hull[s];
    }
  d.caption = caption;
  d.title = c->title ? c->title : ps_dataset_get_name (data);
  ps_plot_separability (cr, w, h, &d);
}

/* --kind neurons: the diagram with every unit's map (as the Diagram view
 * draws it: ps_unit_maps_compute over the boundary's box, 40 x 40). */
static void
draw_neurons (cairo_t *cr, double w, double h, gpointer user_data)
{
  PlotContext *c = user_data;
  const PsNetwork *net = c->net;
  PsUnitMaps maps = { 0 };
  g_autofree guint *units = g_new (guint, net->n_layers + 1);
  g_autofree const float **weights = g_new (const float *, net->n_layers);
  g_autofree const float **biases = g_new (const float *, net->n_layers);
  g_autofree const char **acts = g_new (const char *, net->n_layers);
  g_autofree const float **map_ptrs = g_new0 (const float *, net->n_layers);
  PsNetworkData d = { 0 };
  double x0, x1, y0, y1;

  units[0] = net->n_inputs;
  for (guint l = 0; l < net->n_layers; l++)
    {
      units[l + 1] = net->layers[l].units;
      weights[l] = net->params + net->layers[l].w_offset;
      biases[l] = net->params + net->layers[l].b_offset;
      acts[l] = ps_activation_to_string (net->layers[l].activation);
    }
  d.n_sizes = net->n_layers + 1;
  d.units = units;
  d.weights = weights;
  d.biases = biases;
  d.activations = acts;
  d.title = c->title;
  ps_dataset_bounds_2d (c->train, 0.1, &x0, &x1, &y0, &y1);
  if (ps_unit_maps_compute (&maps, net, c->train, x0, x1, y0, y1, 40, 40))
    {
      for (guint l = 0; l < net->n_layers; l++)
        map_ptrs[l] = maps.maps[l];
      d.maps = map_ptrs;
      d.map_rows = maps.rows;
      d.map_cols = maps.cols;
      d.map_lo = maps.lo;
      d.map_hi = maps.hi;
    }
  ps_plot_network_full (cr, w, h, &d);
  ps_unit_maps_clear (&maps);
}

/* --kind hidden [--layer N]: the training samples at hidden layer N (1-based,
 * default 1), as the Hidden space view draws them (same core rule). */
static void
draw_hidden (cairo_t *cr, double w, double h, gpointer user_data)
{
  PlotContext *c = user_data;
  PsHiddenSpace hs = { 0 };
  PsHiddenData d = { 0 };

  g_assert (ps_hidden_space_compute (&hs, c->net, c->train, c->layer, PS_HIDDEN_SPACE_MAX_SAMPLES));
  d.n_points = hs.n;
  d.dims = hs.dims;
  d.points = hs.points;
  d.labels = hs.labels;
  d.n_classes = ps_dataset_get_n_classes (c->train);
  d.class_names = (const char **) ps_dataset_get_class_names (c->train);
  d.has_plane = hs.has_plane;
  memcpy (d.plane, hs.plane, sizeof d.plane);
  memcpy (d.lo, hs.lo, sizeof d.lo);
  memcpy (d.hi, hs.hi, sizeof d.hi);
  d.yaw = -0.6;     /* the view's first angle */
  d.pitch = 0.45;
  d.title = c->title;
  ps_plot_hidden (cr, w, h, &d);
  ps_hidden_space_clear (&hs);
}

static const char *const plot_kinds[] = {
  "curves", "history", "boundary", "weights", "tiles", "confusion", "surface", "separability",
  "neurons", "hidden", NULL
};

/* Whether a plot of this kind can be drawn from c (without drawing it). */
static gboolean
plot_check (const char        *kind,
            const PlotContext *c,
            PsPlotDrawFunc    *draw_out,
            GError           **error)
{
  PsPlotDrawFunc draw = NULL;

  if (g_str_equal (kind, "curves") || g_str_equal (kind, "history"))
    {
      if (c->history == NULL && !c->history_to_come)
        {
          g_set_error (error, CLI_ERROR, 0, "--kind curves needs a training history: use train --plot curves=FILE");
          return FALSE;
        }
      draw = draw_curves;
    }
  else if (g_str_equal (kind, "boundary"))
    {
      if (c->net->n_inputs != 2 || ps_dataset_get_n_features (c->train) != 2)
        {
          g_set_error (error, CLI_ERROR, 0, "boundary plots need 2-D data and a network with 2 inputs "
                       "(this one has %u)", c->net->n_inputs);
          return FALSE;
        }
      draw = draw_boundary;
    }
  else if (g_str_equal (kind, "weights"))
    {
      if (c->layer >= c->net->n_layers)
        {
          g_set_error (error, CLI_ERROR, 0, "--layer %u: the network has %u layers", c->layer + 1, c->net->n_layers);
          return FALSE;
        }
      draw = draw_weights;
    }
  else if (g_str_equal (kind, "tiles"))
    {
      if (c->net->input_shape[0] == 0)
        {
          g_set_error (error, CLI_ERROR, 0, "tiles need image inputs (a model trained on IDX images)");
          return FALSE;
        }
      draw = draw_tiles;
    }
  else if (g_str_equal (kind, "confusion"))
    {
      if (c->train == NULL)
        {
          g_set_error (error, CLI_ERROR, 0, "a confusion matrix needs --data");
          return FALSE;
        }
      draw = draw_confusion;
    }
  else if (g_str_equal (kind, "surface"))
    {
      if (c->train == NULL || c->net == NULL || opt_weights == NULL)
        {
          g_set_error (error, CLI_ERROR, 0, "an error surface needs a MODEL, --data and --weights: "
                       "perceptron plot MODEL --data SPEC --kind surface --weights L:I:J,L:I:J -o FILE");
          return FALSE;
        }
      draw = draw_surface;
    }
  else if (g_str_equal (kind, "neurons"))
    {
      if (c->net->n_inputs != 2 || ps_dataset_get_n_features (c->train) != 2)
        {
          g_set_error (error, CLI_ERROR, 0, "neuron maps need 2-D data and a network with 2 inputs "
                       "(this one has %u)", c->net->n_inputs);
          return FALSE;
        }
      draw = draw_neurons;
    }
  else if (g_str_equal (kind, "hidden"))
    {
      if (c->layer + 1 >= c->net->n_layers || c->net->layers[c->layer].units < 2)
        {
          g_set_error (error, CLI_ERROR, 0, "--kind hidden: --layer %u is not a hidden layer of 2 or "
                       "more units (the network has %u hidden layers)", c->layer + 1, c->net->n_layers - 1);
          return FALSE;
        }
      if (ps_dataset_get_n_features (c->train) != c->net->n_inputs)
        {
          g_set_error (error, CLI_ERROR, 0, "--kind hidden: the data has %zu features, the network %u inputs",
                       (gsize) ps_dataset_get_n_features (c->train), c->net->n_inputs);
          return FALSE;
        }
      draw = draw_hidden;
    }
  else if (g_str_equal (kind, "separability"))
    {
      g_autoptr(PsSeparability) r = NULL;

      if (c->train == NULL || ps_dataset_get_n_features (c->train) != 2)
        {
          g_set_error (error, CLI_ERROR, 0, "a separability plot needs 2-D --data (this has %"
                       G_GSIZE_FORMAT " features): use 'perceptron separable' for any number",
                       c->train ? ps_dataset_get_n_features (c->train) : 0);
          return FALSE;
        }
      r = ps_separability_check_dataset (c->train, ps_dataset_get_n_classes (c->train) == 2 ? 1 : 0,
                                         TRUE, error);
      if (r == NULL)
        return FALSE;
      draw = draw_separability;
    }
  else
    {
      g_set_error (error, CLI_ERROR, 0, "unknown plot kind '%s' (curves, boundary, weights, tiles, "
                   "confusion, surface, separability)", kind);
      return FALSE;
    }
  *draw_out = draw;
  return TRUE;
}

/* A confusion matrix is n² counts: at most 8 MB, and still readable. */
#define CONFUSION_MAX_CLASSES 1000u

static gboolean
write_plot (const char  *kind,
            const char  *path,
            PlotContext *c,
            GError     **error)
{
  PsPlotDrawFunc draw = NULL;
  g_autofree guint64 *confusion = NULL;

  if (!plot_check (kind, c, &draw, error))
    return FALSE;
  if (draw == draw_confusion)
    {
      const PsDataset *data = c->test ? c->test : c->train;
      guint n = ps_dataset_get_n_classes (data);

      if (n > CONFUSION_MAX_CLASSES)
        {
          g_set_error (error, CLI_ERROR, 0, "a confusion matrix of %u classes is too large to "
                       "draw (at most %u)", n, CONFUSION_MAX_CLASSES);
          return FALSE;
        }
      confusion = g_new0 (guint64, (gsize) n * n);
      ps_evaluate (c->net, data, c->loss, NULL, NULL, NULL, confusion);
      c->confusion = confusion;
    }
  return ps_plot_export (path, opt_width, opt_height, draw, c, error);
}

/* ---- outputs: all checked before any work, all written after ------------ */

typedef enum
{
  OUTPUT_MODEL,
  OUTPUT_HISTORY,
  OUTPUT_PLOT,
} OutputType;

typedef struct
{
  OutputType  type;
  char       *option;   /* "--save", "--history", "--plot", "-o" */
  char       *kind;     /* plots */
  char       *path;
} Output;

static void
output_free (gpointer p)
{
  Output *o = p;

  g_free (o->option);
  g_free (o->kind);
  g_free (o->path);
  g_free (o);
}

/* What ps_file_write() would refuse, and what would fail only at the end:
 * a folder, a write-protected file, a missing or unwritable folder. A
 * symlink is checked at its final target (ps_file_write writes through it);
 * a device or a pipe is written in place. */
/* "--save m.json", "--plot curves=c.png": the option as it was given */
static char *
output_label (const char *option,
              const char *path)
{
  return g_strdup_printf (g_str_has_suffix (option, "=") ? "%s%s" : "%s %s", option, path);
}

static gboolean
check_output_path (const char *option,
                   const char *path,
                   GError    **error)
{
  g_autofree char *target = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *label = output_label (option, path);
  char *resolved;
  GStatBuf st;

  if (*path == '\0')
    {
      g_set_error (error, CLI_ERROR, 0, "%s: the file name is empty", option);
      return FALSE;
    }
  resolved = realpath (path, NULL);
  target = g_strdup (resolved != NULL ? resolved : path);
  free (resolved);

  if (g_stat (target, &st) == 0)
    {
      if (S_ISDIR (st.st_mode))
        {
          g_set_error (error, CLI_ERROR, 0, "%s: is a folder, not a file", label);
          return FALSE;
        }
      if (!S_ISREG (st.st_mode))
        return TRUE;
      if ((st.st_mode & 0222) == 0)
        {
          g_set_error (error, CLI_ERROR, 0, "%s: the file is write-protected (mode %04o): not replaced",
                       label, (unsigned) (st.st_mode & 07777));
          return FALSE;
        }
    }
  else if (errno != ENOENT)
    {
      int e = errno;

      g_set_error (error, CLI_ERROR, 0, "%s: %s", label, g_strerror (e));
      return FALSE;
    }

  dir = g_path_get_dirname (target);
  if (g_stat (dir, &st) != 0)
    {
      int e = errno;

      g_set_error (error, CLI_ERROR, 0, "%s: no folder '%s' (%s)", label, dir, g_strerror (e));
      return FALSE;
    }
  if (!S_ISDIR (st.st_mode))
    {
      g_set_error (error, CLI_ERROR, 0, "%s: '%s' is not a folder", label, dir);
      return FALSE;
    }
  if (access (dir, W_OK | X_OK) != 0)
    {
      int e = errno;

      g_set_error (error, CLI_ERROR, 0, "%s: cannot write in the folder '%s': %s", label, dir, g_strerror (e));
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_image_path (const char *option,
                  const char *path,
                  GError    **error)
{
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *label = output_label (option, path);
  const char *dot = strrchr (base, '.');

  if (dot == NULL || (g_ascii_strcasecmp (dot, ".png") != 0 && g_ascii_strcasecmp (dot, ".svg") != 0
                      && g_ascii_strcasecmp (dot, ".pdf") != 0))
    {
      g_set_error (error, CLI_ERROR, 0, "%s: unknown image format: use a .png, .svg or .pdf extension",
                   label);
      return FALSE;
    }
  return check_output_path (option, path, error);
}

static gboolean
add_output (GPtrArray   *outputs,
            OutputType   type,
            const char  *option,
            const char  *kind,
            const char  *path,
            GError     **error)
{
  Output *o;
  g_autofree char *canon = NULL;

  if (type == OUTPUT_PLOT ? !check_image_path (option, path, error) : !check_output_path (option, path, error))
    return FALSE;
  canon = g_canonicalize_filename (path, NULL);
  for (guint i = 0; i < outputs->len; i++)
    {
      Output *other = g_ptr_array_index (outputs, i);
      g_autofree char *c2 = g_canonicalize_filename (other->path, NULL);

      if (g_str_equal (canon, c2))
        {
          g_autofree char *label = output_label (option, path);

          g_set_error (error, CLI_ERROR, 0, "%s: %s writes the same file", label, other->option);
          return FALSE;
        }
    }
  o = g_new0 (Output, 1);
  o->type = type;
  o->option = g_strdup (option);
  o->kind = g_strdup (kind);
  o->path = g_strdup (path);
  g_ptr_array_add (outputs, o);
  return TRUE;
}

/* --save, --history and every --plot KIND=FILE, checked (form, kind, image
 * format, path) before the data is even loaded. */
static GPtrArray *
collect_train_outputs (GError **error)
{
  g_autoptr(GPtrArray) outputs = g_ptr_array_new_with_free_func (output_free);

  if (opt_save != NULL && !add_output (outputs, OUTPUT_MODEL, "--save", NULL, opt_save, error))
    return NULL;
  if (opt_history != NULL && !add_output (outputs, OUTPUT_HISTORY, "--history", NULL, opt_history, error))
    return NULL;
  for (guint i = 0; opt_plots != NULL && opt_plots[i] != NULL; i++)
    {
      g_auto(GStrv) kv = g_strsplit (opt_plots[i], "=", 2);
      g_autofree char *option = NULL;

      if (kv[0] == NULL || kv[1] == NULL || *kv[1] == '\0')
        {
          g_set_error (error, CLI_ERROR, 0, "--plot '%s': expected KIND=FILE", opt_plots[i]);
          return NULL;
        }
      if (!g_strv_contains (plot_kinds, kv[0]))
        {
          g_set_error (error, CLI_ERROR, 0, "--plot %s: unknown plot kind '%s' (curves, boundary, weights, tiles, confusion)",
                       opt_plots[i], kv[0]);
          return NULL;
        }
      option = g_strdup_printf ("--plot %s=", kv[0]);
      if (!add_output (outputs, OUTPUT_PLOT, option, kv[0], kv[1], error))
        return NULL;
    }
  return g_steal_pointer (&outputs);
}

/* Writes them all, in order; one that fails does not stop the others (the
 * trained model is worth keeping), and the message says which were written
 * and which were not. */
static gboolean
write_train_outputs (GPtrArray            *outputs,
                     PsNetwork            *net,
                     PlotContext          *c,
                     GError              **error)
{
  g_autoptr(GString) written = g_string_new (NULL);
  g_autoptr(GString) failed = g_string_new (NULL);
  g_autoptr(GString) messages = g_string_new (NULL);

  for (guint i = 0; i < outputs->len; i++)
    {
      Output *o = g_ptr_array_index (outputs, i);
      g_autoptr(GError) local = NULL;
      gboolean ok;

      if (o->type == OUTPUT_MODEL)
        ok = ps_model_save (net, o->path, &local);
      else if (o->type == OUTPUT_HISTORY)
        ok = write_history (o->path, c->history, c->n_history, &local);
      else
        {
          ok = write_plot (o->kind, o->path, c, &local);
          if (!ok)
            g_prefix_error (&local, "%s%s: ", o->option, o->path);
        }
      if (ok)
        g_string_append_printf (written, "%s%s", written->len > 0 ? ", " : "", o->path);
      else
        {
          g_string_append_printf (failed, "%s%s", failed->len > 0 ? ", " : "", o->path);
          g_string_append_printf (messages, "%s%s", messages->len > 0 ? "; " : "", local->message);
        }
    }
  if (failed->len > 0)
    {
      g_set_error (error, CLI_ERROR, 0, "%s (written: %s; not written: %s)", messages->str,
                   written->len > 0 ? written->str : "none", failed->str);
      return FALSE;
    }
  return TRUE;
}

/* ---- subcommands ---------------------------------------------------------- */

static gboolean
parse_context (GOptionContext *ctx,
               int            *argc,
               char         ***argv,
               GError        **error)
{
  return g_option_context_parse (ctx, argc, argv, error);
}

/* Appends each numeric option's range to its --help line (once). */
static void
describe_ranges (GOptionEntry *entries)
{
  for (GOptionEntry *e = entries; e->long_name != NULL; e++)
    if (e->arg == G_OPTION_ARG_CALLBACK && e->arg_data == (gpointer) parse_number
        && strstr (e->description, "; range ") == NULL)
      {
        g_autofree char *name = g_strconcat ("--", e->long_name, NULL);
        const NumOption *o = num_option_find (name);

        if (o != NULL)
          e->description = g_strdup_printf ("%s; range %s", e->description, o->range);
      }
}

static GOptionContext *
new_context (const char         *params,
             const char         *summary,
             GOptionEntry       *entries,
             GOptionEntry       *entries2)
{
  GOptionContext *ctx = g_option_context_new (params);

  describe_ranges (entries);
  if (entries2 != NULL)
    describe_ranges (entries2);
  g_option_context_set_summary (ctx, summary);
  g_option_context_add_main_entries (ctx, entries, NULL);
  if (entries2 != NULL)
    {
      GOptionGroup *g = g_option_group_new ("data", "Data options:", "Show data options", NULL, NULL);

      g_option_group_add_entries (g, entries2);
      g_option_context_add_group (ctx, g);
    }
  return ctx;
}

static gboolean
check_no_extra (int      argc,
                char   **argv,
                int      expected,
                GError **error)
{
  if (argc > expected)
    {
      g_set_error (error, CLI_ERROR, 0, "unexpected argument '%s'", argv[expected]);
      return FALSE;
    }
  return TRUE;
}

static PsNetwork *
load_model_arg (int      argc,
                char   **argv,
                GError **error)
{
  if (argc < 3)
    {
      g_set_error (error, CLI_ERROR, 0, "missing MODEL file argument");
      return NULL;
    }
  return ps_model_load (argv[2], error);
}

/* The training options into config; the init scheme into *init. */
static gboolean
train_config_from_options (PsTrainConfig  *config,
                           PsInit         *init,
                           GError        **error)
{
  int kind = PS_OPTIMIZER_SGD;
  int init_v = PS_INIT_GLOROT;
  int reduction;

  ps_train_config_init (config);

  if (!parse_choice ("--optimizer", opt_optimizer, PS_ENUM_OPTIMIZER, &kind, error))
    return FALSE;
  ps_optimizer_config_init (&config->optimizer, (PsOptimizerKind) kind);
  /* Every number is in its range already (parse_number). */
  if (opt_lr_given)
    config->optimizer.lr = opt_lr;
  if (opt_momentum_given)
    config->optimizer.momentum = opt_momentum;
  if (opt_momentum_given && kind != PS_OPTIMIZER_MOMENTUM && kind != PS_OPTIMIZER_NESTEROV)
    g_printerr ("perceptron: warning: --momentum is ignored: only --optimizer momentum and nesterov use it\n");
  config->optimizer.l2 = opt_l2;
  if (!parse_choice ("--init", opt_init, PS_ENUM_INIT, &init_v, error))
    return FALSE;
  *init = (PsInit) init_v;
  reduction = config->reduction;
  if (!parse_choice ("--reduction", opt_reduction, PS_ENUM_REDUCTION, &reduction, error))
    return FALSE;
  config->reduction = (PsReduction) reduction;
  /* no --batch-size: ps_train_config_init()'s (32) */
  if (opt_batch != NULL && g_str_equal (opt_batch, "full"))
    config->batch_size = 0;
  else if (opt_batch != NULL)
    {
      guint64 v;

      if (!g_ascii_string_to_unsigned (opt_batch, 10, 1, G_MAXUINT32, &v, NULL))
        {
          g_set_error (error, CLI_ERROR, 0, "--batch-size: expected a positive number or 'full', not '%s'", opt_batch);
          return FALSE;
        }
      config->batch_size = v;
    }
  config->epochs = opt_epochs;
  config->val_split = opt_val_split;
  config->shuffle = !opt_no_shuffle;
  config->seed = opt_seed;
  config->target_accuracy = opt_target_accuracy;
  config->target_loss = opt_target_loss;
  config->early_stopping = opt_early_stopping;
  config->n_threads = opt_threads;
  return TRUE;
}

/* (transfer full): the --model network, or a new --layers one initialised
 * with init and --seed. */
static PsNetwork *
train_network_from_options (PsInit   init,
                            GError **error)
{
  PsNetwork *net;
  PsRng rng;

  if (opt_model != NULL)
    {
      net = ps_model_load (opt_model, error);
      if (net != NULL && opt_layers != NULL)
        {
          g_autofree char *spec = ps_network_to_spec (net);

          g_printerr ("perceptron: warning: --layers ignored, the network comes from %s (%s)\n", opt_model, spec);
        }
      return net;
    }
  if (opt_layers == NULL)
    {
      g_set_error (error, CLI_ERROR, 0, "--layers is required (or --model FILE)");
      return NULL;
    }
  net = ps_network_new_from_spec (opt_layers, error);
  if (net == NULL)
    return NULL;
  ps_rng_seed (&rng, opt_seed);
  ps_network_init (net, init, &rng);
  return net;
}

/* --loss, else the model file's, else what the output layer implies. */
static gboolean
train_loss_from_options (const PsNetwork  *net,
                         PsLoss           *loss,
                         GError          **error)
{
  int v;

  if (opt_loss != NULL)
    {
      if (!parse_choice ("--loss", opt_loss, PS_ENUM_LOSS, &v, error))
        return FALSE;
      *loss = (PsLoss) v;
    }
  else if (opt_model != NULL)
    *loss = net->loss;
  else
    *loss = net->layers[net->n_layers - 1].activation == PS_ACTIVATION_SOFTMAX
            ? PS_LOSS_CROSS_ENTROPY : PS_LOSS_MSE;
  return TRUE;
}

/* Each plot's kind fits this data and network (boundary: 2-D, ...). */
static gboolean
check_train_plots (GPtrArray  *outputs,
                   PsNetwork  *net,
                   PsDataset  *train,
                   PsDataset  *test,
                   PsLoss      loss,
                   GError    **error)
{
  for (guint i = 0; i < outputs->len; i++)
    {
      Output *o = g_ptr_array_index (outputs, i);
      PlotContext c = { net, train, test, NULL, 0, loss, 0, NULL, NULL, TRUE };
      PsPlotDrawFunc draw;

      if (o->type == OUTPUT_PLOT && !plot_check (o->kind, &c, &draw, error))
        {
          g_prefix_error (error, "%s%s: ", o->option, o->path);
          return FALSE;
        }
    }
  return TRUE;
}

/* The last epoch when quiet, then why training stopped early. */
static void
report_train_end (PsTrainStatus         status,
                  const PsEpochMetrics *history,
                  guint                 n_history,
                  const PsTrainConfig  *config,
                  const GError         *train_error)
{
  if (opt_quiet && n_history > 0)
    print_epoch_line (&history[n_history - 1], config->epochs);

  switch (status)
    {
    case PS_TRAIN_TARGET_REACHED:
      g_print ("Target reached after %u epochs\n", n_history);
      break;
    case PS_TRAIN_EARLY_STOPPED:
      g_print ("Early stopping after %u epochs: val_loss has not improved for %u epochs\n",
               n_history, config->early_stopping);
      break;
    case PS_TRAIN_DIVERGED:
      g_printerr ("perceptron: %s\n", train_error ? train_error->message : "training diverged");
      break;
    default:
      break;
    }
}

static int
cmd_train (int argc, char **argv, GError **error)
{
  g_autoptr(GOptionContext) ctx = NULL;
  g_autoptr(PsDataset) train = NULL;
  g_autoptr(PsDataset) test = NULL;
  PsNetwork *net = NULL;
  PsTrainer *trainer = NULL;
  PsTrainConfig config;
  PsTrainStatus status;
  PsInit init;
  TrainProgress progress = { 0 };
  const PsEpochMetrics *history;
  guint n_history;
  g_autoptr(GError) train_error = NULL;
  g_autoptr(GPtrArray) outputs = NULL;
  int rc = 1;

  ctx = new_context ("--data SPEC --layers SPEC", "Train a network, report each epoch, save it.",
                     train_entries, data_entries);
  if (!parse_context (ctx, &argc, &argv, error) || !check_no_extra (argc, argv, 2, error))
    return 1;
  /* Every output is checked before any work: a bad --plot or --save must not
   * cost a training run, nor leave some files written and others not. */
  outputs = collect_train_outputs (error);
  if (outputs == NULL)
    return 1;
  if (!train_config_from_options (&config, &init, error))
    return 1;
  if (!load_data (&train, &test, error))
    return 1;
  net = train_network_from_options (init, error);
  if (net == NULL)
    return 1;
  if (opt_model != NULL)
    use_model_scaling (net, train, test);
  ps_network_adopt_dataset (net, train);
  if (!train_loss_from_options (net, &config.loss, error))
    goto out;
  ps_network_set_loss (net, config.loss);

  if (!check_data (net, train, test, error)
      || !check_train_plots (outputs, net, train, test, config.loss, error))
    goto out;

  trainer = ps_trainer_new (net, train, NULL, &config, error);
  if (trainer == NULL)
    goto out;
  progress.total = config.epochs;
  ps_trainer_set_progress (trainer, on_progress, 0, &progress);

  status = ps_trainer_run (trainer, 0, &train_error);
  ps_network_take_scaling (net, train);   /* the saved model feeds data as trained */
  history = ps_trainer_get_history (trainer, &n_history);
  report_train_end (status, history, n_history, &config, train_error);

  if (test != NULL)
    {
      double l, a, r;

      ps_evaluate (net, test, config.loss, &l, &a, &r, NULL);
      g_print ("Test - loss: %.4f - accuracy: %.4f - rmse: %.4f (%" G_GSIZE_FORMAT " samples)\n",
               l, a, r, ps_dataset_get_n_samples (test));
    }

  {
    PlotContext c = { net, train, test, history, n_history, config.loss, 0, NULL, NULL, FALSE };

    if (!write_train_outputs (outputs, net, &c, error))
      goto out;
  }

  rc = status == PS_TRAIN_DIVERGED ? 3 : 0;

out:
  g_clear_pointer (&trainer, ps_trainer_free);
  g_clear_pointer (&net, ps_network_free);
  return rc;
}

/* ---- sweep ------------------------------------------------------------------ */

/* " - loss: 0.1234 - accuracy: 1.0000 ..." of one variant */
static void
print_variant_line (PsSweep *sweep,
                    guint    variant,
                    gpointer user_data)
{
  const PsSweepResult *r = ps_sweep_get_result (sweep, variant);
  g_autofree char *desc = ps_sweep_describe_variant (sweep, variant);
  guint n = ps_sweep_get_n_variants (sweep);
  GString *s = g_string_new (NULL);

  g_string_append_printf (s, "Variant %u/%u %s", variant + 1, n, desc);
  if (r->epochs > 0)
    g_string_append_printf (s, " - loss: %.4f - accuracy: %.4f", r->loss, r->accuracy);
  if (r->has_val)
    g_string_append_printf (s, " - val_loss: %.4f - val_accuracy: %.4f", r->val_loss, r->val_accuracy);
  if (r->has_test)
    g_string_append_printf (s, " - test_loss: %.4f - test_accuracy: %.4f", r->test_loss, r->test_accuracy);
  g_string_append_printf (s, " - epochs: %u - %.2fs", r->epochs, r->seconds);
  if (r->status == PS_TRAIN_TARGET_REACHED)
    g_string_append (s, " - target reached");
  else if (r->status == PS_TRAIN_EARLY_STOPPED)
    g_string_append (s, " - early stopped");
  else if (r->status == PS_TRAIN_DIVERGED)
    g_string_append_printf (s, " - diverged: %s", r->message ? r->message : "training diverged");
  g_print ("%s\n", s->str);
  g_string_free (s, TRUE);
  fflush (stdout);
}

/* The best variant, and who reached --target-accuracy. */
static void
print_sweep_summary (PsSweep             *sweep,
                     const PsTrainConfig *config)
{
  guint n = ps_sweep_get_n_variants (sweep);
  guint best = ps_sweep_get_best (sweep);
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (best != G_MAXUINT)
    {
      const PsSweepResult *r = ps_sweep_get_result (sweep, best);
      g_autofree char *desc = ps_sweep_describe_variant (sweep, best);
      const char *on = r->has_test ? "test" : r->has_val ? "validation" : "training";
      double acc = r->has_test ? r->test_accuracy : r->has_val ? r->val_accuracy : r->accuracy;
      double loss = r->has_test ? r->test_loss : r->has_val ? r->val_loss : r->loss;

      g_print ("Best: variant %u (%s) - %s accuracy: %.4f - %s loss: %.4f\n",
               best + 1, desc, on, acc, on, loss);
    }
  else
    g_print ("Best: none (every variant diverged)\n");

  if (config->target_accuracy > 0.0)
    {
      guint reached = ps_sweep_count_reached (sweep);
      GString *who = g_string_new (NULL);

      for (guint i = 0; i < n; i++)
        {
          const PsSweepResult *r = ps_sweep_get_result (sweep, i);

          if (r != NULL && r->reached_target)
            {
              g_autofree char *desc = ps_sweep_describe_variant (sweep, i);

              g_string_append_printf (who, "%s%s", who->len > 0 ? ", " : "", desc);
            }
        }
      g_print ("Reached --target-accuracy %s: %u of %u variants%s%s%s\n",
               g_ascii_formatd (buf, sizeof buf, "%g", config->target_accuracy), reached, n,
               reached > 0 ? " (" : "", who->str, reached > 0 ? ")" : "");
      g_string_free (who, TRUE);
    }
}

static int
cmd_sweep (int argc, char **argv, GError **error)
{
  g_autoptr(GOptionContext) ctx = NULL;
  g_autoptr(PsDataset) train = NULL;
  g_autoptr(PsDataset) test = NULL;
  g_autoptr(PsSweep) sweep = NULL;
  g_autoptr(GError) local = NULL;
  g_autofree char *csv = NULL;
  GArray *parsed[PS_SWEEP_MAX_AXES] = { NULL, };
  PsSweepKey keys[PS_SWEEP_MAX_AXES];
  PsNetwork *net = NULL;
  PsTrainConfig config;
  PsInit init;
  PsLoss loss;
  guint n_vary;
  int rc = 1;

  ctx = new_context ("--data SPEC --layers SPEC --vary KEY=VALUES [--vary KEY=VALUES]",
                     "Train variants of one training as a grid, one per core at a time: one line per "
                     "variant, then the best and how many reached --target-accuracy.",
                     sweep_entries, data_entries);
  if (!parse_context (ctx, &argc, &argv, error) || !check_no_extra (argc, argv, 2, error))
    return 1;
  n_vary = opt_vary != NULL ? g_strv_length (opt_vary) : 0;
  if (n_vary == 0)
    {
      g_set_error (error, CLI_ERROR, 0, "--vary KEY=VALUES is required (settings: %s), e.g. "
                   "--vary lr=0.1,0.5,1 --vary seed=1..40", ps_sweep_key_names ());
      return 1;
    }
  if (n_vary > PS_SWEEP_MAX_AXES)
    {
      g_set_error (error, CLI_ERROR, 0, "--vary %s: at most %u settings vary in one sweep",
                   opt_vary[PS_SWEEP_MAX_AXES], PS_SWEEP_MAX_AXES);
      return 1;
    }
  if (opt_layers == NULL)
    {
      g_set_error (error, CLI_ERROR, 0, "--layers is required");
      return 1;
    }
  /* the CSV's path is checked before any work, as train's outputs */
  if (opt_output != NULL && !check_output_path ("--output", opt_output, error))
    return 1;
  if (!train_config_from_options (&config, &init, error))
    return 1;
  /* the variants' --vary, before the data is loaded */
  for (guint a = 0; a < n_vary; a++)
    if (!ps_sweep_parse_vary (opt_vary[a], &keys[a], &parsed[a], &local))
      {
        g_set_error (error, CLI_ERROR, 0, "--vary %s", local->message);
        goto out;
      }

  if (!load_data (&train, &test, error))
    goto out;
  net = ps_network_new_from_spec (opt_layers, error);
  if (net == NULL)
    goto out;
  ps_network_adopt_dataset (net, train);
  if (!train_loss_from_options (net, &loss, error))
    goto out;
  config.loss = loss;
  ps_network_set_loss (net, loss);
  if (!check_data (net, train, test, error))
    goto out;

  sweep = ps_sweep_new (opt_layers, &config, init, train, test, error);
  if (sweep == NULL)
    goto out;
  for (guint a = 0; a < n_vary; a++)
    if (!ps_sweep_add_axis (sweep, keys[a], (const PsSweepValue *) parsed[a]->data, parsed[a]->len, &local))
      {
        g_set_error (error, CLI_ERROR, 0, "--vary %s", local->message);
        goto out;
      }
  ps_sweep_set_n_workers (sweep, opt_jobs);
  ps_sweep_set_keep (sweep, FALSE, FALSE);   /* numbers only: 10000 variants stay small */

  g_print ("Sweep of %u variants on %u worker%s: %s\n", ps_sweep_get_n_variants (sweep),
           ps_sweep_get_n_workers (sweep), ps_sweep_get_n_workers (sweep) == 1 ? "" : "s", opt_layers);
  fflush (stdout);
  if (!ps_sweep_run (sweep, NULL, print_variant_line, NULL, error))
    goto out;
  print_sweep_summary (sweep, &config);

  if (opt_output != NULL)
    {
      csv = ps_sweep_to_csv (sweep);
      if (!ps_file_write (opt_output, csv, strlen (csv), 0644, &local))
        {
          g_set_error (error, CLI_ERROR, 0, "--output %s: cannot write the results: %s", opt_output,
                       local->message);
          goto out;
        }
    }
  rc = 0;

out:
  for (guint a = 0; a < PS_SWEEP_MAX_AXES; a++)
    g_clear_pointer (&parsed[a], g_array_unref);
  g_clear_pointer (&net, ps_network_free);
  return rc;
}

static int
cmd_evaluate (int argc, char **argv, GError **error)
{
  g_autoptr(GOptionContext) ctx = new_context ("MODEL --data SPEC", "Loss, accuracy and confusion matrix of a model.",
                                               no_entries, data_entries);
  g_autoptr(PsDataset) train = NULL;
  g_autoptr(PsDataset) test = NULL;
  g_autofree guint64 *confusion = NULL;
  const PsDataset *data;
  const char *const *names;
  PsNetwork *net;
  double loss, acc, rmse;
  guint n;

  if (!parse_context (ctx, &argc, &argv, error) || !check_no_extra (argc, argv, 3, error))
    return 1;
  net = load_model_arg (argc, argv, error);
  if (net == NULL)
    return 1;
  if (!load_data (&train, &test, error) || !check_data (net, train, test, error))
    {
      ps_network_free (net);
      return 1;
    }
  use_model_scaling (net, train, test);
  data = test ? test : train;
  n = ps_dataset_get_n_classes (data);
  /* n <= the model's outputs (check_data); the matrix is bounded still */
  if (n <= CONFUSION_MAX_CLASSES)
    confusion = g_new0 (guint64, (gsize) n * n);
  ps_evaluate (net, data, net->loss, &loss, &acc, &rmse, confusion);

  g_print ("Evaluated on %s (%" G_GSIZE_FORMAT " samples)\n", test ? "the test set" : "the data", ps_dataset_get_n_samples (data));
  g_print ("loss: %.4f - accuracy: %.4f - rmse: %.4f\n", loss, acc, rmse);
  if (confusion == NULL)
    {
      g_print ("No confusion matrix: %u classes (at most %u are shown)\n", n, CONFUSION_MAX_CLASSES);
      ps_network_free (net);
      return 0;
    }
  names = ps_dataset_get_class_names (data);
  g_print ("Confusion matrix (rows: true class, columns: predicted)\n");
  g_print ("%10s", "");
  for (guint j = 0; j < n; j++)
    g_print (" %8.8s", names ? names[j] : "?");
  g_print ("\n");
  for (guint i = 0; i < n; i++)
    {
      g_print ("%10.10s", names ? names[i] : "?");
      for (guint j = 0; j < n; j++)
        g_print (" %8" G_GUINT64_FORMAT, confusion[(gsize) i * n + j]);
      g_print ("\n");
    }
  ps_network_free (net);
  return 0;
}

static int
cmd_predict (int argc, char **argv, GError **error)
{
  g_autoptr(GOptionContext) ctx = new_context ("MODEL --data SPEC", "One CSV line of outputs per sample.",
                                               no_entries, data_entries);
  g_autoptr(PsDataset) train = NULL;
  g_autoptr(PsDataset) test = NULL;
  g_autofree float *x = NULL, *out = NULL;
  const PsDataset *data;
  PsNetwork *net;
  guint n_out;
  const gsize chunk = 256;
  GString *line;

  if (!parse_context (ctx, &argc, &argv, error) || !check_no_extra (argc, argv, 3, error))
    return 1;
  net = load_model_arg (argc, argv, error);
  if (net == NULL)
    return 1;
  if (!load_data (&train, &test, error) || !check_data (net, train, test, error))
    {
      ps_network_free (net);
      return 1;
    }
  use_model_scaling (net, train, test);
  data = test ? test : train;
  n_out = ps_network_n_outputs (net);
  x = g_new (float, chunk * ps_dataset_get_n_features (data));
  out = g_new (float, chunk * n_out);
  line = g_string_new (NULL);
  for (gsize first = 0; first < ps_dataset_get_n_samples (data); first += chunk)
    {
      gsize n = MIN (chunk, ps_dataset_get_n_samples (data) - first);

      ps_dataset_gather (data, NULL, first, n, x, NULL);
      ps_network_predict (net, x, n, out);
      for (gsize i = 0; i < n; i++)
        {
          g_string_truncate (line, 0);
          for (guint j = 0; j < n_out; j++)
            {
              char buf[G_ASCII_DTOSTR_BUF_SIZE];

              if (j > 0)
                g_string_append_c (line, ',');
              g_string_append (line, g_ascii_formatd (buf, sizeof buf, "%.6g", out[i * n_out + j]));
            }
          g_print ("%s\n", line->str);
        }
    }
  g_string_free (line, TRUE);
  ps_network_free (net);
  return 0;
}

static int
cmd_summary (int argc, char **argv, GError **error)
{
  g_autoptr(GOptionContext) ctx = new_context ("MODEL", "A Keras-like table of the layers and their parameters.",
                                               no_entries, NULL);
  g_autofree char *summary = NULL;
  PsNetwork *net;

  if (!parse_context (ctx, &argc, &argv, error) || !check_no_extra (argc, argv, 3, error))
    return 1;
  if (argc >= 3 && !g_file_test (argv[2], G_FILE_TEST_EXISTS) && strchr (argv[2], ',') != NULL)
    net = ps_network_new_from_spec (argv[2], error);   /* a --layers spec works too */
  else
    net = load_model_arg (argc, argv, error);
  if (net == NULL)
    return 1;
  summary = ps_network_summary (net);
  g_print ("%s", summary);
  ps_network_free (net);
  return 0;
}

static int
cmd_plot (int argc, char **argv, GError **error)
{
  g_autoptr(GOptionContext) ctx = new_context ("[MODEL] --data SPEC --kind KIND -o FILE",
                                               "Draw a model's decision boundary, weights, confusion matrix "
                                               "or error surface (--weights), or the data's linear "
                                               "separability (no MODEL needed).",
                                               plot_entries, data_entries);
  g_autoptr(PsDataset) train = NULL;
  g_autoptr(PsDataset) test = NULL;
  PsNetwork *net = NULL;
  PlotContext c = { 0 };
  gboolean ok, separability;

  if (!parse_context (ctx, &argc, &argv, error) || !check_no_extra (argc, argv, 3, error))
    return 1;
  if (opt_kind == NULL || opt_output == NULL)
    {
      g_set_error (error, CLI_ERROR, 0, "--kind and -o FILE are required");
      return 1;
    }
  if (!g_strv_contains (plot_kinds, opt_kind))
    {
      g_set_error (error, CLI_ERROR, 0, "--kind: unknown plot kind '%s' (boundary, weights, tiles, "
                   "confusion, surface, separability, neurons, hidden)", opt_kind);
      return 1;
    }
  separability = g_str_equal (opt_kind, "separability");
  if (g_str_equal (opt_kind, "surface") && opt_weights == NULL)
    {
      g_set_error (error, CLI_ERROR, 0, "--kind surface needs --weights L:I:J,L:I:J (the two "
                   "parameters to vary)");
      return 1;
    }
  if (opt_weights != NULL && !g_str_equal (opt_kind, "surface"))
    {
      g_set_error (error, CLI_ERROR, 0, "--weights goes with --kind surface");
      return 1;
    }
  if (separability && opt_data == NULL)
    {
      g_set_error (error, CLI_ERROR, 0, "--kind separability needs --data");
      return 1;
    }
  if (!check_image_path ("-o", opt_output, error))
    return 1;
  if (!separability || argc >= 3)
    {
      net = load_model_arg (argc, argv, error);
      if (net == NULL)
        return 1;
    }
  c.net = net;
  c.loss = net ? net->loss : PS_LOSS_MSE;
  c.layer = opt_layer - 1;
  if (opt_weights != NULL)
    {
      g_autoptr(GError) local = NULL;

      if (!ps_param_ref_parse_pair (opt_weights, net, c.surface, &local))
        {
          g_set_error (error, CLI_ERROR, 0, "--weights %s", local->message);
          ps_network_free (net);
          return 1;
        }
    }
  if (opt_data == NULL && (g_str_equal (opt_kind, "weights") || g_str_equal (opt_kind, "tiles")))
    ok = write_plot (opt_kind, opt_output, &c, error);
  else
    {
      if (!load_data (&train, &test, error)
          || (net != NULL && !check_data (net, train, test, error)))
        {
          g_clear_pointer (&net, ps_network_free);
          return 1;
        }
      if (net != NULL)
        use_model_scaling (net, train, test);
      c.train = train;
      c.test = test;
      ok = write_plot (opt_kind, opt_output, &c, error);
    }
  g_clear_pointer (&net, ps_network_free);
  return ok ? 0 : 1;
}

/* --optimizer for explain: delta or sgd, the two whose one step depends on
 * nothing but this sample; by default the delta rule for a step
 * perceptron (one step layer), as the notebook trains it, else sgd. */
static gboolean
explain_optimizer_from_options (const PsNetwork  *net,
                                PsOptimizerKind  *kind,
                                GError          **error)
{
  int v;

  if (opt_optimizer == NULL)
    {
      *kind = net->n_layers == 1 && net->layers[0].activation == PS_ACTIVATION_STEP
              ? PS_OPTIMIZER_DELTA : PS_OPTIMIZER_SGD;
      return TRUE;
    }
  if (!ps_enum_from_name (PS_ENUM_OPTIMIZER, opt_optimizer, &v))
    {
      g_set_error (error, CLI_ERROR, 0, "--optimizer: unknown '%s' (delta, sgd)", opt_optimizer);
      return FALSE;
    }
  if (v != PS_OPTIMIZER_DELTA && v != PS_OPTIMIZER_SGD)
    {
      g_set_error (error, CLI_ERROR, 0, "--optimizer %s: explain shows one plain step, delta or sgd "
                   "(a step of %s depends on the run's history)", opt_optimizer, opt_optimizer);
      return FALSE;
    }
  *kind = (PsOptimizerKind) v;
  return TRUE;
}

static int
cmd_explain (int argc, char **argv, GError **error)
{
  g_autoptr(GOptionContext) ctx = new_context ("MODEL --data SPEC --sample I",
                                               "The numbers of one training update on one sample: x, t, "
                                               "z = x·W + b and a = f(z) per layer, the error and the loss, "
                                               "the deltas, ΔW = −α·∂L/∂W, Δb and the new weights.",
                                               explain_entries, data_entries);
  g_autoptr(PsDataset) train = NULL;
  g_autoptr(PsDataset) test = NULL;
  g_autoptr(PsExplain) explain = NULL;
  g_autoptr(GError) local = NULL;
  PsOptimizerConfig defaults;
  PsOptimizerKind kind;
  PsNetwork *net = NULL;
  int loss, reduction = PS_REDUCTION_MEAN;   /* train's default */
  double lr;
  int rc = 1;

  if (!parse_context (ctx, &argc, &argv, error) || !check_no_extra (argc, argv, 3, error))
    return 1;
  if (!opt_sample_given)
    {
      g_set_error (error, CLI_ERROR, 0, "--sample I is required: the 0-based index of the sample to explain");
      return 1;
    }
  if (!parse_choice ("--reduction", opt_reduction, PS_ENUM_REDUCTION, &reduction, error))
    return 1;
  net = load_model_arg (argc, argv, error);
  if (net == NULL)
    return 1;
  loss = net->loss;   /* --loss, else the model's */
  if (!parse_choice ("--loss", opt_loss, PS_ENUM_LOSS, &loss, error)
      || !explain_optimizer_from_options (net, &kind, error))
    goto out;
  if (kind == PS_OPTIMIZER_DELTA && opt_reduction != NULL && reduction != PS_REDUCTION_SUM)
    g_printerr ("perceptron: warning: --reduction %s is ignored: the delta rule sums, as train does\n",
                opt_reduction);
  ps_optimizer_config_init (&defaults, kind);
  lr = opt_lr_given ? opt_lr : defaults.lr;

  if (!load_data (&train, &test, error) || !check_data (net, train, test, error))
    goto out;
  use_model_scaling (net, train, test);

  explain = ps_explain_update_sample (net, train, (gsize) opt_sample, (PsLoss) loss,
                                      (PsReduction) reduction, kind, lr, &local);
  if (explain == NULL)
    {
      if (g_error_matches (local, PS_EXPLAIN_ERROR, PS_EXPLAIN_ERROR_RANGE))
        g_set_error (error, CLI_ERROR, 0, "--%s", local->message);   /* "--sample 9 is out of range (0 to 3: ...)" */
      else if (opt_loss == NULL && g_error_matches (local, PS_NETWORK_ERROR, PS_NETWORK_ERROR_SPEC))
        g_set_error (error, CLI_ERROR, 0, "the model's loss: %s", local->message);
      else if (opt_loss != NULL && g_error_matches (local, PS_NETWORK_ERROR, PS_NETWORK_ERROR_SPEC))
        g_set_error (error, CLI_ERROR, 0, "--loss %s: %s", opt_loss, local->message);
      else
        g_propagate_error (error, g_steal_pointer (&local));
      goto out;
    }

  if (opt_json)
    {
      g_autofree char *json = ps_explain_to_json (explain);

      g_print ("%s\n", json);
    }
  else
    {
      g_autofree char *text = ps_explain_to_text (explain, 10);
      g_autofree char *spec = ps_network_to_spec (net);
      const char *const *names = ps_dataset_get_class_names (train);
      char buf[G_ASCII_DTOSTR_BUF_SIZE];

      g_print ("One update of %s [%s] on sample %d of '%s'", argv[2], spec, opt_sample,
               ps_dataset_get_name (train));
      if (names != NULL && explain->target < ps_dataset_get_n_classes (train))
        g_print (" (class %s)", names[explain->target]);
      g_print ("\nloss %s, reduction %s, optimizer %s, α = %s\n\n",
               ps_loss_to_string (explain->loss), ps_reduction_to_string (explain->reduction),
               ps_optimizer_kind_to_string (explain->optimizer),
               g_ascii_formatd (buf, sizeof buf, "%g", explain->lr));
      g_print ("%s", text);
      if (strstr (text, "not shown") != NULL)
        g_print ("\n(Long vectors show their 10 largest terms: --json prints every value.)\n");
    }
  rc = 0;

out:
  ps_network_free (net);
  return rc;
}

/* Whether scaling changed any value: the answer is then about the scaled
 * inputs, and says so. */
static gboolean
data_is_rescaled (const PsDataset *data)
{
  gsize n = ps_dataset_get_n_samples (data), d = ps_dataset_get_n_features (data);

  if (ps_dataset_get_scaling (data) == PS_SCALING_NONE)
    return FALSE;
  for (gsize i = 0; i < n; i++)
    for (gsize j = 0; j < d; j++)
      if (ps_dataset_get (data, i, j) != ps_dataset_get_raw (data, i, j))
        return TRUE;
  return FALSE;
}

/* One class against the rest: the verdict line, then w, b or the reason,
 * then a truth table's inequalities. */
static gboolean
print_separability (const PsDataset *data,
                    guint32          positive,
                    const char      *prefix,
                    GError         **error)
{
  g_autoptr(PsSeparability) r = ps_separability_check_dataset (data, positive, FALSE, error);

  if (r == NULL)
    return FALSE;
  if (r->separable)
    {
      g_autofree char *wb = ps_separability_format_wb (r);

      g_print ("%slinearly separable\n%s\n", prefix, wb);
    }
  else
    g_print ("%snot linearly separable\n%s\n", prefix, r->reason);
  if (r->table_text != NULL)
    g_print ("\n%s", r->table_text);
  return TRUE;
}

static int
cmd_separable (int argc, char **argv, GError **error)
{
  g_autoptr(GOptionContext) ctx = new_context ("--data SPEC",
                                               "Whether the training set is linearly separable: an exact "
                                               "linear program (GLPK). Prints w and b that separate every "
                                               "sample, or why none do; with more than two classes, each "
                                               "class against the rest.",
                                               no_entries, data_entries);
  g_autoptr(PsDataset) train = NULL;
  g_autoptr(PsDataset) test = NULL;
  guint k;

  if (!parse_context (ctx, &argc, &argv, error) || !check_no_extra (argc, argv, 2, error))
    return 1;
  if (!load_data (&train, &test, error))
    return 1;
  k = ps_dataset_get_n_classes (train);
  if (k <= 2)
    {
      if (!print_separability (train, k == 2 ? 1 : 0, "", error))
        return 1;
    }
  else
    {
      const char *const *names = ps_dataset_get_class_names (train);

      g_print ("%u classes, each against the rest\n", k);
      for (guint c = 0; c < k; c++)
        {
          g_autofree char *prefix = NULL;

          if (names != NULL && names[c] != NULL)
            prefix = g_strdup_printf ("class %s: ", names[c]);
          else
            prefix = g_strdup_printf ("class %u: ", c);
          if (!print_separability (train, c, prefix, error))
            return 1;
        }
    }
  if (data_is_rescaled (train))
    g_print ("\n(on the inputs scaled as train feeds them, --scale %s; --scale none for the "
             "data's own values)\n", ps_scaling_to_string (ps_dataset_get_scaling (train)));
  return 0;
}

static void
usage (FILE *to)
{
  fprintf (to,
           "Usage: perceptron COMMAND [OPTIONS]\n\n"
           "Perceptron Studio's training engine on the command line.\n\n"
           "Commands:\n"
           "  train    --data SPEC --layers SPEC [options]   train, report, save\n"
           "  evaluate MODEL --data SPEC                     loss, accuracy, confusion matrix\n"
           "  predict  MODEL --data SPEC                     one CSV line of outputs per sample\n"
           "  summary  MODEL                                 Keras-like table with parameter counts\n"
           "  plot     MODEL --data SPEC --kind boundary|weights|tiles|confusion -o FILE\n"
           "  plot     MODEL --data SPEC --kind surface --weights L:I:J,L:I:J -o FILE\n"
           "  plot     --data SPEC --kind separability -o FILE\n"
           "  explain  MODEL --data SPEC --sample I [--lr A] [--loss L] [--reduction R]\n"
           "           [--optimizer delta|sgd] [--json]      the numbers of one update on one sample\n"
           "  separable --data SPEC                          is the set linearly separable, and why not\n"
           "  sweep    --data SPEC --layers SPEC --vary KEY=VALUES [--vary KEY=VALUES] [options]\n"
           "           [--output FILE.csv]                   variants as a grid, on every core\n"
           "  export   MODEL --format pytorch|keras|onnx -o FILE   the model as code or ONNX\n\n"
           "Run 'perceptron COMMAND --help' for a command's options.\n");
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  const char *cmd;
  int rc;

  setlocale (LC_ALL, "");

  if (argc < 2)
    {
      g_printerr ("perceptron: missing command\n");
      usage (stderr);
      return 2;
    }
  cmd = argv[1];
  if (g_str_equal (cmd, "--help") || g_str_equal (cmd, "-h") || g_str_equal (cmd, "help"))
    {
      usage (stdout);
      return 0;
    }
  if (g_str_equal (cmd, "--version"))
    {
      g_print ("perceptron %s\n", PACKAGE_VERSION);
      return 0;
    }

  if (g_str_equal (cmd, "train"))
    rc = cmd_train (argc, argv, &error);
  else if (g_str_equal (cmd, "evaluate"))
    rc = cmd_evaluate (argc, argv, &error);
  else if (g_str_equal (cmd, "predict"))
    rc = cmd_predict (argc, argv, &error);
  else if (g_str_equal (cmd, "summary"))
    rc = cmd_summary (argc, argv, &error);
  else if (g_str_equal (cmd, "plot"))
    rc = cmd_plot (argc, argv, &error);
  else if (g_str_equal (cmd, "explain"))
    rc = cmd_explain (argc, argv, &error);
  else if (g_str_equal (cmd, "separable"))
    rc = cmd_separable (argc, argv, &error);
  else if (g_str_equal (cmd, "sweep"))
    rc = cmd_sweep (argc, argv, &error);
  else if (g_str_equal (cmd, "export"))
    rc = ps_cli_export (argc, argv, &error);
  else
    {
      g_printerr ("perceptron: unknown command '%s'\n", cmd);
      usage (stderr);
      return 2;
    }

  if (error != NULL)
    {
      g_printerr ("perceptron: %s\n", error->message);
      return rc != 0 ? rc : 1;
    }
  return rc;
}
