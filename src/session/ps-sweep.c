/* ps-sweep.c: variants of one training as a grid, on every core
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The workers share one counter of the next variant to train; each writes
 * only its variant's result slot and its own progress slot. A finished
 * variant's index is queued under the mutex and the thread that waits for
 * the run (the caller's for ps_sweep_run, a GTask thread for the async
 * form) hands it on: to the PsSweepFunc in variant order, or as
 * "variant-finished" on the caller's main context. The result slots are
 * written before the index is queued, so whoever is told may read them.
 */
#include "config.h"

#include "ps-sweep.h"

#include <cblas.h>
#include <math.h>
#include <string.h>

#include "ps-rng.h"

struct _PsSweep
{
  GObject        parent_instance;

  char          *layers;            /* the base spec, input width first */
  guint          n_sizes;           /* its widths, input first */
  guint         *units;
  PsActivation  *acts;              /* n_sizes - 1 layers */
  PsTrainConfig  config;
  PsInit         init;
  PsDataset     *train;
  PsDataset     *test;

  guint          n_axes;
  PsSweepKey     keys[PS_SWEEP_MAX_AXES];
  GArray        *values[PS_SWEEP_MAX_AXES];   /* PsSweepValue */
  guint          n_variants;

  guint          n_workers;         /* 0: the cores */
  gboolean       keep_models;
  gboolean       keep_history;
  gboolean       started;

  PsSweepResult *results;           /* n_variants */
  gboolean      *reported;          /* n_variants: handed to the caller */
  guint          n_finished;        /* main thread: reported so far */

  /* ---- shared with the workers (under mutex unless atomic) ---- */
  GMutex         mutex;
  GCond          cond;
  gint           next_variant;      /* atomic */
  GQueue         done_queue;        /* finished indices not yet handed on */
  guint          workers_left;
  PsTrainer    **active;            /* per worker: the trainer running, or NULL */
  gboolean       cancelled;
  guint64        epochs_total;      /* n_variants × config.epochs */
  guint64        epochs_closed;     /* finished variants count their full epochs */
  gint          *epochs_running;    /* per worker (atomic): the current variant's,
                                     * at [w * RUNNING_STRIDE] */

  GMainContext  *context;           /* async: where "variant-finished" goes */
};

/* Each worker's epoch counter on a cache line of its own: written every
 * epoch (a microsecond for XOR), shared lines would slow both workers. */
#define RUNNING_STRIDE (64 / sizeof (gint))

G_DEFINE_FINAL_TYPE (PsSweep, ps_sweep, G_TYPE_OBJECT)

enum
{
  VARIANT_FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_QUARK (ps-sweep-error-quark, ps_sweep_error)

/* ---- keys and values ----------------------------------------------------- */

static const char *const key_names[PS_SWEEP_N_KEYS] = {
  "lr", "units", "activation", "batch", "seed",
};

const char *
ps_sweep_key_to_name (PsSweepKey key)
{
  g_return_val_if_fail (key < PS_SWEEP_N_KEYS, NULL);

  return key_names[key];
}

gboolean
ps_sweep_key_from_name (const char *name,
                        PsSweepKey *out)
{
  g_return_val_if_fail (name != NULL, FALSE);

  for (guint k = 0; k < PS_SWEEP_N_KEYS; k++)
    if (g_str_equal (name, key_names[k]))
      {
        *out = (PsSweepKey) k;
        return TRUE;
      }
  return FALSE;
}

const char *
ps_sweep_key_names (void)
{
  return "lr, units, activation, batch, seed";
}

static gboolean
key_is_whole (PsSweepKey key)
{
  return key == PS_SWEEP_UNITS || key == PS_SWEEP_BATCH || key == PS_SWEEP_SEED;
}

/* The activations a hidden layer may take here (step has no gradient,
 * softmax belongs to the output). */
static gboolean
hidden_activation (PsActivation act)
{
  return act == PS_ACTIVATION_LINEAR || act == PS_ACTIVATION_SIGMOID
         || act == PS_ACTIVATION_TANH || act == PS_ACTIVATION_RELU;
}

static const char *
key_range (PsSweepKey key)
{
  switch (key)
    {
    case PS_SWEEP_LR:
      return "a learning rate, 0 < A <= 1000";
    case PS_SWEEP_UNITS:
      return "a whole number of units, 1 or more";
    case PS_SWEEP_ACTIVATION:
      return "linear, sigmoid, tanh or relu";
    case PS_SWEEP_BATCH:
      return "a whole number of samples, 1 to 4294967295, or full";
    case PS_SWEEP_SEED:
      return "a whole number, 0 to 18446744073709551615";
    case PS_SWEEP_N_KEYS:
    default:
      g_assert_not_reached ();
    }
}

static gboolean
value_in_range (PsSweepKey          key,
                const PsSweepValue *v)
{
  switch (key)
    {
    case PS_SWEEP_LR:
      return isfinite (v->lr) && v->lr > 0.0 && v->lr <= 1000.0;
    case PS_SWEEP_UNITS:
      return v->units >= 1;   /* the spec's own limit: ps_sweep_add_axis */
    case PS_SWEEP_ACTIVATION:
      return hidden_activation (v->activation);
    case PS_SWEEP_BATCH:
    case PS_SWEEP_SEED:
      return TRUE;
    case PS_SWEEP_N_KEYS:
    default:
      return FALSE;
    }
}

static gboolean
value_equal (PsSweepKey          key,
             const PsSweepValue *a,
             const PsSweepValue *b)
{
  switch (key)
    {
    case PS_SWEEP_LR:
      return a->lr == b->lr;
    case PS_SWEEP_UNITS:
      return a->units == b->units;
    case PS_SWEEP_ACTIVATION:
      return a->activation == b->activation;
    case PS_SWEEP_BATCH:
      return a->batch == b->batch;
    case PS_SWEEP_SEED:
      return a->seed == b->seed;
    case PS_SWEEP_N_KEYS:
    default:
      return FALSE;
    }
}

char *
ps_sweep_value_to_string (PsSweepKey          key,
                          const PsSweepValue *value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_return_val_if_fail (key < PS_SWEEP_N_KEYS && value != NULL, NULL);

  switch (key)
    {
    case PS_SWEEP_LR:
      return g_strdup (g_ascii_formatd (buf, sizeof buf, "%g", value->lr));
    case PS_SWEEP_UNITS:
      return g_strdup_printf ("%u", value->units);
    case PS_SWEEP_ACTIVATION:
      return g_strdup (ps_activation_to_string (value->activation));
    case PS_SWEEP_BATCH:
      return value->batch == 0 ? g_strdup ("full") : g_strdup_printf ("%u", value->batch);
    case PS_SWEEP_SEED:
      return g_strdup_printf ("%" G_GUINT64_FORMAT, value->seed);
    case PS_SWEEP_N_KEYS:
    default:
      g_assert_not_reached ();
    }
}

/* One whole number of @key's range (batch: 1 to 2^32 − 1; "full" is
 * handled by the caller). */
static gboolean
parse_whole (PsSweepKey  key,
             const char *s,
             guint64    *out)
{
  guint64 max = key == PS_SWEEP_SEED ? G_MAXUINT64 : G_MAXUINT32;

  return g_ascii_string_to_unsigned (s, 10, 1 - (key == PS_SWEEP_SEED), max, out, NULL);
}

static gboolean
append_value (GArray              *values,
              PsSweepKey           key,
              const PsSweepValue  *v,
              const char          *item,
              GError             **error)
{
  for (guint i = 0; i < values->len; i++)
    if (value_equal (key, &g_array_index (values, PsSweepValue, i), v))
      {
        g_set_error (error, PS_SWEEP_ERROR, PS_SWEEP_ERROR_VALUE,
                     "%s: '%s' is given twice", key_names[key], item);
        return FALSE;
      }
  if (values->len >= PS_SWEEP_MAX_VARIANTS)
    {
      g_set_error (error, PS_SWEEP_ERROR, PS_SWEEP_ERROR_TOO_MANY,
                   "%s: more than %u values", key_names[key], PS_SWEEP_MAX_VARIANTS);
      return FALSE;
    }
  g_array_append_val (values, *v);
  return TRUE;
}

/* "a..b" of whole numbers into values. */
static gboolean
parse_range (GArray      *values,
             PsSweepKey   key,
             const char  *item,
             const char  *dots,
             GError     **error)
{
  g_autofree char *lo_s = g_strstrip (g_strndup (item, dots - item));
  g_autofree char *hi_s = g_strstrip (g_strdup (dots + 2));
  guint64 lo, hi;

  if (!key_is_whole (key))
    {
      g_set_error (error, PS_SWEEP_ERROR, PS_SWEEP_ERROR_VALUE,
                   "%s: '%s': ranges a..b are for whole-number settings (units, batch, seed); "
                   "list the values", key_names[key], item);
      return FALSE;
    }
  if (!parse_whole (key, lo_s, &lo) || !parse_whole (key, hi_s, &hi))
    {
      g_set_error (error, PS_SWEEP_ERROR, PS_SWEEP_ERROR_VALUE,
                   "%s: '%s' is not a range a..b of %s", key_names[key], item, key_range (key));
      return FALSE;
    }
  if (lo > hi)
    {
      g_set_error (error, PS_SWEEP_ERROR, PS_SWEEP_ERROR_VALUE,
                   "%s: '%s' is an empty range (its start is above its end)", key_names[key], item);
      return FALSE;
    }
  /* checked before a single value is added: 1..10^18 must not loop */
  if (hi - lo >= PS_SWEEP_MAX_VARIANTS || values->len + (hi - lo) + 1 > PS_SWEEP_MAX_VARIANTS)
    {
      g_set_error (error, PS_SWEEP_ERROR, PS_SWEEP_ERROR_TOO_MANY,
                   "%s: '%s' makes more than %u values", key_names[key], item, PS_SWEEP_MAX_VARIANTS);
      return FALSE;
    }
  for (guint64 n = lo;; n++)
    {
      PsSweepValue v = { 0 };
      g_autofree char *one = g_strdup_printf ("%" G_GUINT64_FORMAT, n);

      if (key == PS_SWEEP_SEED)
        v.seed = n;
      else if (key == PS_SWEEP_UNITS)
        v.units = (guint) n;
      else
        v.batch = (guint) n;
      if (!append_value (values, key, &v, one, error))
        return FALSE;
      if (n == hi)
        break;
    }
  return TRUE;
}

static gboolean
parse_item (GArray      *values,
            PsSweepKey   key,
            const char  *item,
            GError     **error)
{
  PsSweepValue v = { 0 };
  const char *dots = strstr (item, "..");

  if (dots != NULL)
    return parse_range (values, key, item, dots, error);

  switch (key)
    {
    case PS_SWEEP_LR:
      {
        char *end = NULL;

        v.lr = g_ascii_strtod (item, &end);
        if (end == item || *end != '\0' || !value_in_range (key, &v))
          goto bad;
        break;
      }
    case PS_SWEEP_ACTIVATION:
      {
        PsActivation act;

        if (!ps_activation_from_string (item, &act) || !hidden_activation (act))
          goto bad;
        v.activation = act;
        break;
      }
    case PS_SWEEP_BATCH:
      {
        guint64 n;

        if (g_ascii_strcasecmp (item, "full") == 0)
          v.batch = 0;
        else if (parse_whole (key, item, &n))
          v.batch = (guint) n;
        else
          goto bad;
        break;
      }
    case PS_SWEEP_UNITS:
    case PS_SWEEP_SEED:
      {
        guint64 n;

        if (!parse_whole (key, item, &n))
          goto bad;
        if (key == PS_SWEEP_UNITS)
          v.units = (guint) n;
        else
          v.seed = n;
        break;
      }
    case PS_SWEEP_N_KEYS:
    default:
      g_assert_not_reached ();
    }
  return append_value (values, key, &v, item, error);

bad:
  g_set_error (error, PS_SWEEP_ERROR, PS_SWEEP_ERROR_VALUE,
               "%s: '%s' is not %s", key_names[key], item, key_range (key));
  return FALSE;
}

/**
 * ps_sweep_parse_values:
 * @text: "0.1, 0.5, 1", "1..40", "2,4,8..10", "full,32"
 *
 * Returns: (transfer full) (nullable): a GArray of PsSweepValue
 */
GArray *
ps_sweep_parse_values (PsSweepKey   key,
                       const char  *text,
                       GError     **error)
{
  g_autoptr(GArray) values = NULL;
  g_auto(GStrv) items = NULL;

  g_return_val_if_fail (key < PS_SWEEP_N_KEYS, NULL);
  g_return_val_if_fail (text != NULL, NULL);

  values = g_array_new (FALSE, TRUE, sizeof (PsSweepValue));
  items = g_strsplit (text, ",", -1);
  if (items[0] == NULL)
    {
      g_set_error (error, PS_SWEEP_ERROR, PS_SWEEP_ERROR_VALUE,
                   "%s: no values (expected %s, comma-separated)", key_names[key], key_range (key));
      return NULL;
    }
  for (guint i = 0; items[i] != NULL; i++)
    {
      char *item = g_strstrip (items[i]);

      if (*item == '\0')
        {
          g_set_error (error, PS_SWEEP_ERROR, PS_SWEEP_ERROR_VALUE,
                       items[1] == NULL ? "%s: no values (expected %s, comma-separated)"
                       : "%s: an empty item in the list (expected %s, comma-separated)",
                       key_names[key], key_range (key));
          return NULL;
        }
      if (!parse_item (values, key, item, error))
        return NULL;
    }
  return g_steal_pointer (&values);
}

/**
 * ps_sweep_parse_vary:
 * @text: "lr=0.1,0.5,1", "seed=1..40"
 * @values: (out) (transfer full): a GArray of PsSweepValue
 */
gboolean
ps_sweep_parse_vary (const char  *text,
                     PsSweepKey  *key,
                     GArray     **values,
                     GError     **error)
{
  const char *eq;
  g_autofree char *name = NULL;
  PsSweepKey k;
  GArray *v;

  g_return_val_if_fail (text != NULL && key != NULL && values != NULL, FALSE);

  eq = strchr (text, '=');
  if (eq == NULL)
    {
      g_set_error (error, PS_SWEEP_ERROR, PS_SWEEP_ERROR_KEY,
                   "'%s': expected SETTING=VALUES, e.g. lr=0.1,0.5,1 or seed=1..40 (settings: %s)",
                   text, ps_sweep_key_names ());
      return FALSE;
    }
  name = g_strstrip (g_strndup (text, eq - text));
  if (!ps_sweep_key_from_name (name, &k))
    {
      g_set_error (error, PS_SWEEP_ERROR, PS_SWEEP_ERROR_KEY,
                   "'%s': unknown setting '%s' (settings: %s)", text, name, ps_sweep_key_names ());
      return FALSE;
    }
  v = ps_sweep_parse_values (k, eq + 1, error);
  if (v == NULL)
    return FALSE;
  *key = k;
  *values = v;
  return TRUE;
}

/* ---- the object ---------------------------------------------------------- */

static void
result_clear (PsSweepResult *r)
{
  g_clear_pointer (&r->message, g_free);
  g_clear_pointer (&r->model, ps_network_free);
  g_clear_pointer (&r->history, g_free);
}

static void
ps_sweep_finalize (GObject *object)
{
  PsSweep *self = PS_SWEEP (object);

  if (self->results != NULL)
    for (guint i = 0; i < self->n_variants; i++)
      result_clear (&self->results[i]);
  g_free (self->results);
  g_free (self->reported);
  g_free (self->active);
  g_free (self->epochs_running);
  g_queue_clear (&self->done_queue);
  for (guint a = 0; a < self->n_axes; a++)
    g_array_unref (self->values[a]);
  g_free (self->layers);
  g_free (self->units);
  g_free (self->acts);
  g_clear_pointer (&self->train, ps_dataset_unref);
  g_clear_pointer (&self->test, ps_dataset_unref);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_mutex_clear (&self->mutex);
  g_cond_clear (&self->cond);

  G_OBJECT_CLASS (ps_sweep_parent_class)->finalize (object);
}

static void
ps_sweep_class_init (PsSweepClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ps_sweep_finalize;

  /**
   * PsSweep::variant-finished:
   * @variant: its index; its result is ready (ps_sweep_get_result)
   *
   * Emitted on the main context of ps_sweep_run_async(), in the order the
   * variants finish.
   */
  signals[VARIANT_FINISHED] =
    g_signal_new ("variant-finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
}

static void
ps_sweep_init (PsSweep *self)
{
  g_mutex_init (&self->mutex);
  g_cond_init (&self->cond);
  g_queue_init (&self->done_queue);
  self->keep_models = TRUE;
  self->keep_history = TRUE;
  self->n_variants = 1;
}

/**
 * ps_sweep_new:
 * @layers: the spec, input width first: "2,3:sigmoid,1:sigmoid"
 * @config: the base training (copied)
 * @init: the weights' initialisation
 * @train: (transfer none): reffed
 * @test: (transfer none) (nullable): reffed
 *
 * Returns: (transfer full) (nullable)
 */
PsSweep *
ps_sweep_new (const char          *layers,
              const PsTrainConfig *config,
              PsInit               init,
              PsDataset           *train,
              PsDataset           *test,
              GError             **error)
{
  g_autoptr(PsSweep) self = NULL;
  g_autoptr(GError) local = NULL;
  PsNetwork *net;

  g_return_val_if_fail (layers != NULL, NULL);
  g_return_val_if_fail (config != NULL, NULL);
  g_return_val_if_fail (train != NULL, NULL);

  net = ps_network_new_from_spec (layers, &local);
  if (net != NULL && (!ps_network_check_dataset (net, train, &local)
                      || (test != NULL && !ps_network_check_dataset (net, test, &local))))
    g_clear_pointer (&net, ps_network_free);
  if (net == NULL)
    {
      g_set_error (error, PS_SWEEP_ERROR, PS_SWEEP_ERROR_NETWORK, "%s", local->message);
      return NULL;
    }

  self = g_object_new (PS_TYPE_SWEEP, NULL);
  self->layers = g_strdup (layers);
  self->n_sizes = net->n_layers + 1;
  self->units = g_new (guint, self->n_sizes);
  self->acts = g_new (PsActivation, net->n_layers);
  self->units[0] = net->n_inputs;
  for (guint l = 0; l < net->n_layers; l++)
    {
      self->units[l + 1] = net->layers[l].units;
      self->acts[l] = net->layers[l].activation;
    }
  ps_network_free (net);
  self->config = *config;
  self->init = init;
  self->train = ps_dataset_ref (train);
  self->test = test != NULL ? ps_dataset_ref (test) : NULL;
  return g_steal_pointer (&self);
}

/* The spec with @units and @acts for every hidden layer (either may be
 * NULL: the base's). */
static char *
spec_with (PsSweep            *self,
           const guint        *units,
           const PsActivation *act)
{
  GString *s = g_string_new (NULL);
  guint n_layers = self->n_sizes - 1;

  g_string_append_printf (s, "%u", self->units[0]);
  for (guint l = 0; l < n_layers; l++)
    {
      gboolean hidden = l + 1 < n_layers;

      g_string_append_printf (s, ",%u:%s", hidden && units ? *units : self->units[l + 1],
                              ps_activation_to_string (hidden && act ? *act : self->acts[l]));
    }
  return g_string_free (s, FALSE);
}

gboolean
ps_sweep_add_axis (PsSweep            *self,
                   PsSweepKey          key,
                   const PsSweepValue *values,
                   guint               n_values,
                   GError            **error)
{
  g_autoptr(GArray) copy = NULL;

  g_return_val_if_fail (PS_IS_SWEEP (self), FALSE);
  g_return_val_if_fail (key < PS_SWEEP_N_KEYS, FALSE);
  g_return_val_if_fail (values != NULL || n_values == 0, FALSE);
  g_return_val_if_fail (!self->started, FALSE);

  for (guint a = 0; a < self->n_axes; a++)
    if (self->keys[a] == key)
      {
        g_set_error (error, PS_SWEEP_ERROR, PS_SWEEP_ERROR_KEY,
                     "%s is varied twice: give all its values in one list", key_names[key]);
        return FALSE;
      }
  if (self->n_axes >= PS_SWEEP_MAX_AXES)
    {
      g_set_error (error, PS_SWEEP_ERROR, PS_SWEEP_ERROR_KEY,
                   "%s: at most %u settings vary in one sweep (%s and %s already do)",
                   key_names[key], PS_SWEEP_MAX_AXES, key_names[self->keys[0]],
                   key_names[self->keys[1]]);
      return FALSE;
    }
  if (n_values == 0)
    {
      g_set_error (error, PS_SWEEP_ERROR, PS_SWEEP_ERROR_VALUE, "%s: no values", key_names[key]);
      return FALSE;
    }
  if ((key == PS_SWEEP_UNITS || key == PS_SWEEP_ACTIVATION) && self->n_sizes < 3)
    {
      g_set_error (error, PS_SWEEP_ERROR, PS_SWEEP_ERROR_NETWORK,
                   "%s: the network '%s' has no hidden layer to vary", key_names[key], self->layers);
      return FALSE;
    }
  if ((guint64) self->n_variants * n_values > PS_SWEEP_MAX_VARIANTS)
    {
      g_set_error (error, PS_SWEEP_ERROR, PS_SWEEP_ERROR_TOO_MANY,
                   "%s: %" G_GUINT64_FORMAT " variants in all, more than the %u a sweep may have",
                   key_names[key], (guint64) self->n_variants * n_values, PS_SWEEP_MAX_VARIANTS);
      return FALSE;
    }

  copy = g_array_sized_new (FALSE, TRUE, sizeof (PsSweepValue), n_values);
  for (guint i = 0; i < n_values; i++)
    {
      g_autofree char *text = NULL;

      if (!value_in_range (key, &values[i]))
        {
          g_set_error (error, PS_SWEEP_ERROR, PS_SWEEP_ERROR_VALUE,
                       "%s: a value out of range (expected %s)", key_names[key], key_range (key));
          return FALSE;
        }
      text = ps_sweep_value_to_string (key, &values[i]);
      if (!append_value (copy, key, &values[i], text, error))
        return FALSE;
      if (key == PS_SWEEP_UNITS)
        {
          /* the spec's own checks (the parameter limit) */
          g_autofree char *spec = spec_with (self, &values[i].units, NULL);
          g_autoptr(GError) local = NULL;
          PsNetwork *net = ps_network_new_from_spec (spec, &local);

          if (net == NULL)
            {
              g_set_error (error, PS_SWEEP_ERROR, PS_SWEEP_ERROR_NETWORK, "units=%u: %s",
                           values[i].units, local->message);
              return FALSE;
            }
          ps_network_free (net);
        }
    }

  self->keys[self->n_axes] = key;
  self->values[self->n_axes] = g_steal_pointer (&copy);
  self->n_axes++;
  self->n_variants *= n_values;
  return TRUE;
}

void
ps_sweep_set_n_workers (PsSweep *self,
                        guint    n_workers)
{
  g_return_if_fail (PS_IS_SWEEP (self));
  g_return_if_fail (!self->started);

  self->n_workers = n_workers;
}

guint
ps_sweep_get_n_workers (PsSweep *self)
{
  guint n;

  g_return_val_if_fail (PS_IS_SWEEP (self), 1);

  n = self->n_workers > 0 ? self->n_workers : (guint) g_get_num_processors ();
  return CLAMP (n, 1, self->n_variants);
}

void
ps_sweep_set_keep (PsSweep  *self,
                   gboolean  models,
                   gboolean  history)
{
  g_return_if_fail (PS_IS_SWEEP (self));
  g_return_if_fail (!self->started);

  self->keep_models = models;
  self->keep_history = history;
}

guint
ps_sweep_get_n_variants (PsSweep *self)
{
  g_return_val_if_fail (PS_IS_SWEEP (self), 0);
  return self->n_variants;
}

guint
ps_sweep_get_n_axes (PsSweep *self)
{
  g_return_val_if_fail (PS_IS_SWEEP (self), 0);
  return self->n_axes;
}

PsSweepKey
ps_sweep_get_axis_key (PsSweep *self,
                       guint    axis)
{
  g_return_val_if_fail (PS_IS_SWEEP (self) && axis < self->n_axes, PS_SWEEP_LR);
  return self->keys[axis];
}

guint
ps_sweep_get_axis_size (PsSweep *self,
                        guint    axis)
{
  g_return_val_if_fail (PS_IS_SWEEP (self) && axis < self->n_axes, 0);
  return self->values[axis]->len;
}

/* The first axis varies slowest. */
void
ps_sweep_get_value (PsSweep      *self,
                    guint         variant,
                    guint         axis,
                    PsSweepValue *out)
{
  guint stride = 1;

  g_return_if_fail (PS_IS_SWEEP (self) && axis < self->n_axes && variant < self->n_variants);

  for (guint a = axis + 1; a < self->n_axes; a++)
    stride *= self->values[a]->len;
  *out = g_array_index (self->values[axis], PsSweepValue, (variant / stride) % self->values[axis]->len);
}

char *
ps_sweep_describe_variant (PsSweep *self,
                           guint    variant)
{
  GString *s = g_string_new (NULL);

  g_return_val_if_fail (PS_IS_SWEEP (self) && variant < self->n_variants, NULL);

  for (guint a = 0; a < self->n_axes; a++)
    {
      PsSweepValue v;
      g_autofree char *text = NULL;

      ps_sweep_get_value (self, variant, a, &v);
      text = ps_sweep_value_to_string (self->keys[a], &v);
      g_string_append_printf (s, "%s%s=%s", a > 0 ? " " : "", key_names[self->keys[a]], text);
    }
  return g_string_free (s, FALSE);
}

void
ps_sweep_get_variant_config (PsSweep        *self,
                             guint           variant,
                             PsTrainConfig  *config,
                             char          **layers)
{
  const guint *units = NULL;
  const PsActivation *act = NULL;
  PsSweepValue v[PS_SWEEP_MAX_AXES];

  g_return_if_fail (PS_IS_SWEEP (self) && variant < self->n_variants && config != NULL);

  *config = self->config;
  for (guint a = 0; a < self->n_axes; a++)
    {
      ps_sweep_get_value (self, variant, a, &v[a]);
      switch (self->keys[a])
        {
        case PS_SWEEP_LR:
          config->optimizer.lr = v[a].lr;
          break;
        case PS_SWEEP_UNITS:
          units = &v[a].units;
          break;
        case PS_SWEEP_ACTIVATION:
          act = &v[a].activation;
          break;
        case PS_SWEEP_BATCH:
          config->batch_size = v[a].batch;
          break;
        case PS_SWEEP_SEED:
          config->seed = v[a].seed;
          break;
        case PS_SWEEP_N_KEYS:
        default:
          g_assert_not_reached ();
        }
    }
  if (layers != NULL)
    *layers = units != NULL || act != NULL ? spec_with (self, units, act) : g_strdup (self->layers);
}

PsInit
ps_sweep_get_init (PsSweep *self)
{
  g_return_val_if_fail (PS_IS_SWEEP (self), PS_INIT_NOTEBOOK);
  return self->init;
}

PsDataset *
ps_sweep_get_train (PsSweep *self)
{
  g_return_val_if_fail (PS_IS_SWEEP (self), NULL);
  return self->train;
}

PsDataset *
ps_sweep_get_test (PsSweep *self)
{
  g_return_val_if_fail (PS_IS_SWEEP (self), NULL);
  return self->test;
}

/* ---- the workers --------------------------------------------------------- */

typedef struct
{
  PsSweep *sweep;
  guint    worker;
} Worker;

static void
on_epoch (PsTrainer            *trainer,
          const PsEpochMetrics *metrics,
          gboolean              epoch_done,
          gpointer              user_data)
{
  Worker *w = user_data;

  if (epoch_done)
    g_atomic_int_set (&w->sweep->epochs_running[w->worker * RUNNING_STRIDE], (gint) MIN (metrics->epoch, G_MAXINT));
}

/* Trains variant @i as `perceptron train` does: the network from the spec,
 * the seeded initialisation, the loss, the dataset's metadata, the trainer. */
static void
train_variant (PsSweep *self,
               Worker  *w,
               guint    i)
{
  PsSweepResult *r = &self->results[i];
  g_autoptr(GError) error = NULL;
  g_autofree char *layers = NULL;
  PsTrainConfig config;
  PsNetwork *net;
  PsTrainer *trainer;
  PsRng rng;
  const PsEpochMetrics *history;
  guint n_history;
  gint64 t0;

  ps_sweep_get_variant_config (self, i, &config, &layers);
  /* one core each while several variants run: the workers are the threads */
  if (ps_sweep_get_n_workers (self) > 1)
    config.n_threads = 1;

  r->index = i;
  net = ps_network_new_from_spec (layers, &error);
  g_assert (net != NULL);   /* checked by ps_sweep_new and add_axis */
  ps_rng_seed (&rng, config.seed);
  ps_network_init (net, self->init, &rng);
  ps_network_adopt_dataset (net, self->train);
  ps_network_set_loss (net, config.loss);

  t0 = g_get_monotonic_time ();
  trainer = ps_trainer_new (net, self->train, NULL, &config, &error);
  if (trainer == NULL)
    {
      r->status = PS_TRAIN_DIVERGED;
      r->message = g_strdup (error->message);
      r->done = TRUE;
      ps_network_free (net);
      return;
    }
  ps_trainer_set_progress (trainer, on_epoch, 0, w);

  g_mutex_lock (&self->mutex);
  self->active[w->worker] = trainer;
  if (self->cancelled)
    ps_trainer_cancel (trainer);
  g_mutex_unlock (&self->mutex);

  r->status = ps_trainer_run (trainer, 0, &error);

  g_mutex_lock (&self->mutex);
  self->active[w->worker] = NULL;
  g_mutex_unlock (&self->mutex);

  r->seconds = (g_get_monotonic_time () - t0) / 1e6;
  history = ps_trainer_get_history (trainer, &n_history);
  r->epochs = n_history;
  r->done = r->status != PS_TRAIN_CANCELLED;
  if (error != NULL)
    r->message = g_strdup (error->message);
  if (n_history > 0)
    {
      const PsEpochMetrics *m = &history[n_history - 1];

      r->loss = m->loss;
      r->accuracy = m->accuracy;
      r->has_val = m->has_val;
      r->val_loss = m->val_loss;
      r->val_accuracy = m->val_accuracy;
      r->reached_target = config.target_accuracy > 0.0 && m->accuracy >= config.target_accuracy;
    }
  if (r->done && self->test != NULL)
    {
      ps_evaluate (net, self->test, config.loss, &r->test_loss, &r->test_accuracy, NULL, NULL);
      r->has_test = TRUE;
    }
  if (r->done && self->keep_history && n_history > 0)
    {
      r->history = g_memdup2 (history, sizeof (PsEpochMetrics) * n_history);
      r->n_history = n_history;
    }
  ps_trainer_free (trainer);
  if (r->done && self->keep_models)
    {
      ps_network_take_scaling (net, self->train);   /* a model feeds data as trained */
      r->model = net;
    }
  else
    ps_network_free (net);
}

static gpointer
worker_main (gpointer data)
{
  Worker *w = data;
  PsSweep *self = w->sweep;

  for (;;)
    {
      guint i = (guint) g_atomic_int_add (&self->next_variant, 1);
      gboolean stop;

      if (i >= self->n_variants)
        break;
      g_mutex_lock (&self->mutex);
      stop = self->cancelled;
      g_mutex_unlock (&self->mutex);
      if (stop)
        break;

      train_variant (self, w, i);

      g_mutex_lock (&self->mutex);
      self->epochs_closed += self->config.epochs;
      g_atomic_int_set (&self->epochs_running[w->worker * RUNNING_STRIDE], 0);
      if (self->results[i].done)
        g_queue_push_tail (&self->done_queue, GUINT_TO_POINTER (i));
      g_cond_broadcast (&self->cond);
      g_mutex_unlock (&self->mutex);
    }

  g_mutex_lock (&self->mutex);
  self->workers_left--;
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->mutex);
  return NULL;
}

static void
on_cancelled (GCancellable *cancellable,
              gpointer      user_data)
{
  PsSweep *self = user_data;
  guint n = ps_sweep_get_n_workers (self);

  g_mutex_lock (&self->mutex);
  self->cancelled = TRUE;
  for (guint w = 0; w < n; w++)
    if (self->active[w] != NULL)
      ps_trainer_cancel (self->active[w]);
  g_mutex_unlock (&self->mutex);
}

typedef void (*DoneFunc) (PsSweep *self,
                          guint    variant,
                          gpointer data);

/* Starts the workers, hands each finished variant to @done on this thread,
 * joins them. */
static gboolean
run_workers (PsSweep       *self,
             GCancellable  *cancellable,
             DoneFunc       done,
             gpointer       done_data,
             GError       **error)
{
  guint n = ps_sweep_get_n_workers (self);
  g_autofree Worker *workers = g_new0 (Worker, n);
  g_autofree GThread **threads = g_new0 (GThread *, n);
  gulong handler = 0;
  guint started = 0;
  int blas_threads = openblas_get_num_threads ();
  gboolean ok = TRUE;

  if (cancellable != NULL)
    handler = g_cancellable_connect (cancellable, G_CALLBACK (on_cancelled), self, NULL);

  g_mutex_lock (&self->mutex);
  self->workers_left = n;
  g_mutex_unlock (&self->mutex);
  for (guint w = 0; w < n; w++)
    {
      g_autofree char *name = g_strdup_printf ("ps-sweep-%u", w);

      workers[w].sweep = self;
      workers[w].worker = w;
      threads[w] = g_thread_try_new (name, worker_main, &workers[w], w == 0 ? error : NULL);
      if (threads[w] == NULL)
        {
          if (w == 0)
            ok = FALSE;
          g_mutex_lock (&self->mutex);
          self->workers_left -= n - w;
          g_mutex_unlock (&self->mutex);
          break;   /* the ones running take the variants */
        }
      started++;
    }

  g_mutex_lock (&self->mutex);
  for (;;)
    {
      while (!g_queue_is_empty (&self->done_queue))
        {
          guint i = GPOINTER_TO_UINT (g_queue_pop_head (&self->done_queue));

          g_mutex_unlock (&self->mutex);
          done (self, i, done_data);
          g_mutex_lock (&self->mutex);
        }
      if (self->workers_left == 0)
        break;
      g_cond_wait (&self->cond, &self->mutex);
    }
  g_mutex_unlock (&self->mutex);

  for (guint w = 0; w < started; w++)
    g_thread_join (threads[w]);
  if (handler != 0)
    g_cancellable_disconnect (cancellable, handler);
  /* a trainer of one thread set BLAS's count for the whole process */
  if (openblas_get_num_threads () != blas_threads)
    openblas_set_num_threads (blas_threads);

  if (ok && g_cancellable_set_error_if_cancelled (cancellable, error))
    ok = FALSE;
  return ok;
}

static gboolean
start (PsSweep *self)
{
  g_return_val_if_fail (!self->started, FALSE);

  /* on the caller's thread: ps_sweep_get_progress reads them from it */
  self->started = TRUE;
  self->results = g_new0 (PsSweepResult, self->n_variants);
  self->reported = g_new0 (gboolean, self->n_variants);
  self->active = g_new0 (PsTrainer *, ps_sweep_get_n_workers (self));
  self->epochs_running = g_new0 (gint, ps_sweep_get_n_workers (self) * RUNNING_STRIDE);
  self->epochs_total = (guint64) self->n_variants * self->config.epochs;
  return TRUE;
}

/* ---- synchronous --------------------------------------------------------- */

typedef struct
{
  PsSweepFunc func;
  gpointer    data;
  guint       next;   /* the next variant to hand on, in order */
} InOrder;

static void
report_in_order (PsSweep *self,
                 guint    variant,
                 gpointer data)
{
  InOrder *o = data;

  self->reported[variant] = TRUE;
  while (o->next < self->n_variants && self->reported[o->next])
    {
      self->n_finished++;
      if (o->func != NULL)
        o->func (self, o->next, o->data);
      o->next++;
    }
}

gboolean
ps_sweep_run (PsSweep       *self,
              GCancellable  *cancellable,
              PsSweepFunc    func,
              gpointer       user_data,
              GError       **error)
{
  InOrder o = { func, user_data, 0 };
  gboolean ok;

  g_return_val_if_fail (PS_IS_SWEEP (self), FALSE);
  g_return_val_if_fail (!self->started, FALSE);

  start (self);
  ok = run_workers (self, cancellable, report_in_order, &o, error);
  /* cancelled: the ones finished after a gap are still handed on */
  for (guint i = o.next; i < self->n_variants; i++)
    if (self->reported[i] && self->results[i].done)
      {
        self->n_finished++;
        if (func != NULL)
          func (self, i, user_data);
      }
  return ok;
}

/* ---- asynchronous -------------------------------------------------------- */

typedef struct
{
  PsSweep *sweep;
  guint    variant;
} Finished;

static gboolean
emit_finished (gpointer data)
{
  Finished *f = data;

  f->sweep->reported[f->variant] = TRUE;
  f->sweep->n_finished++;
  g_signal_emit (f->sweep, signals[VARIANT_FINISHED], 0, f->variant);
  return G_SOURCE_REMOVE;
}

static void
finished_free (gpointer data)
{
  Finished *f = data;

  g_object_unref (f->sweep);
  g_free (f);
}

static void
post_finished (PsSweep *self,
               guint    variant,
               gpointer data)
{
  Finished *f = g_new (Finished, 1);

  f->sweep = g_object_ref (self);
  f->variant = variant;
  g_main_context_invoke_full (self->context, G_PRIORITY_DEFAULT, emit_finished, f, finished_free);
}

static void
run_in_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  PsSweep *self = source;
  GError *error = NULL;

  if (run_workers (self, cancellable, post_finished, NULL, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
ps_sweep_run_async (PsSweep             *self,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (PS_IS_SWEEP (self));
  g_return_if_fail (!self->started);

  start (self);
  self->context = g_main_context_ref_thread_default ();
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ps_sweep_run_async);
  /* the variants' "variant-finished" go first (same priority, queued
   * earlier); the cancellable is the workers' to watch, not the task's */
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, run_in_thread);
}

gboolean
ps_sweep_run_finish (PsSweep       *self,
                     GAsyncResult  *result,
                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- results ------------------------------------------------------------- */

double
ps_sweep_get_progress (PsSweep *self)
{
  guint64 done;
  guint n;

  g_return_val_if_fail (PS_IS_SWEEP (self), 0.0);

  if (!self->started || self->epochs_running == NULL)
    return 0.0;
  n = ps_sweep_get_n_workers (self);
  g_mutex_lock (&self->mutex);
  done = self->epochs_closed;
  g_mutex_unlock (&self->mutex);
  for (guint w = 0; w < n; w++)
    done += (guint) g_atomic_int_get (&self->epochs_running[w * RUNNING_STRIDE]);
  return self->epochs_total > 0 ? MIN (1.0, (double) done / self->epochs_total) : 1.0;
}

guint
ps_sweep_get_n_finished (PsSweep *self)
{
  g_return_val_if_fail (PS_IS_SWEEP (self), 0);
  return self->n_finished;
}

const PsSweepResult *
ps_sweep_get_result (PsSweep *self,
                     guint    variant)
{
  g_return_val_if_fail (PS_IS_SWEEP (self), NULL);
  g_return_val_if_fail (variant < self->n_variants, NULL);

  if (self->results == NULL || !self->reported[variant] || !self->results[variant].done)
    return NULL;
  return &self->results[variant];
}

/* The held-out set's numbers, or the training set's. */
static void
score (const PsSweepResult *r,
       double              *accuracy,
       double              *loss)
{
  if (r->has_test)
    *accuracy = r->test_accuracy, *loss = r->test_loss;
  else if (r->has_val)
    *accuracy = r->val_accuracy, *loss = r->val_loss;
  else
    *accuracy = r->accuracy, *loss = r->loss;
}

guint
ps_sweep_get_best (PsSweep *self)
{
  guint best = G_MAXUINT;
  double best_acc = 0.0, best_loss = 0.0;

  g_return_val_if_fail (PS_IS_SWEEP (self), G_MAXUINT);

  for (guint i = 0; i < self->n_variants; i++)
    {
      const PsSweepResult *r = ps_sweep_get_result (self, i);
      double acc, loss;

      if (r == NULL || r->status == PS_TRAIN_DIVERGED)
        continue;
      score (r, &acc, &loss);
      if (best == G_MAXUINT || acc > best_acc || (acc == best_acc && loss < best_loss))
        {
          best = i;
          best_acc = acc;
          best_loss = loss;
        }
    }
  return best;
}

guint
ps_sweep_count_reached (PsSweep *self)
{
  guint n = 0;

  g_return_val_if_fail (PS_IS_SWEEP (self), 0);

  for (guint i = 0; i < self->n_variants; i++)
    {
      const PsSweepResult *r = ps_sweep_get_result (self, i);

      if (r != NULL && r->reached_target)
        n++;
    }
  return n;
}

static const char *
status_name (PsTrainStatus status)
{
  switch (status)
    {
    case PS_TRAIN_TARGET_REACHED:
      return "target";
    case PS_TRAIN_EARLY_STOPPED:
      return "early-stopped";
    case PS_TRAIN_DIVERGED:
      return "diverged";
    case PS_TRAIN_CANCELLED:
      return "cancelled";
    case PS_TRAIN_FINISHED:
    case PS_TRAIN_PAUSED:
    default:
      return "finished";
    }
}

static void
csv_number (GString *s,
            gboolean has,
            double   v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append_c (s, ',');
  if (has)
    g_string_append (s, g_ascii_formatd (buf, sizeof buf, "%.9g", v));
}

char *
ps_sweep_to_csv (PsSweep *self)
{
  GString *s = g_string_new ("variant");
  gboolean target;

  g_return_val_if_fail (PS_IS_SWEEP (self), NULL);

  target = self->config.target_accuracy > 0.0;
  for (guint a = 0; a < self->n_axes; a++)
    g_string_append_printf (s, ",%s", key_names[self->keys[a]]);
  g_string_append (s, ",loss,accuracy,val_loss,val_accuracy,test_loss,test_accuracy,"
                      "epochs,seconds,status,reached_target\n");
  for (guint i = 0; i < self->n_variants; i++)
    {
      const PsSweepResult *r = ps_sweep_get_result (self, i);
      char buf[G_ASCII_DTOSTR_BUF_SIZE];

      if (r == NULL)
        continue;
      g_string_append_printf (s, "%u", i);
      for (guint a = 0; a < self->n_axes; a++)
        {
          PsSweepValue v;
          g_autofree char *text = NULL;

          ps_sweep_get_value (self, i, a, &v);
          text = ps_sweep_value_to_string (self->keys[a], &v);
          g_string_append_printf (s, ",%s", text);
        }
      csv_number (s, r->epochs > 0, r->loss);
      csv_number (s, r->epochs > 0, r->accuracy);
      csv_number (s, r->has_val, r->val_loss);
      csv_number (s, r->has_val, r->val_accuracy);
      csv_number (s, r->has_test, r->test_loss);
      csv_number (s, r->has_test, r->test_accuracy);
      g_string_append_printf (s, ",%u,%s,%s,", r->epochs,
                              g_ascii_formatd (buf, sizeof buf, "%.3f", r->seconds),
                              status_name (r->status));
      if (target)
        g_string_append_c (s, r->reached_target ? '1' : '0');
      g_string_append_c (s, '\n');
    }
  return g_string_free (s, FALSE);
}
