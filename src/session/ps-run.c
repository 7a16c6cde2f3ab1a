/* ps-run.c: one training of the session, from Reset to where it stopped
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ps-run.h"

#include <glib/gi18n.h>
#include <string.h>

struct _PsRun
{
  GObject             parent_instance;

  guint               number;
  PsTrainingSettings  settings;
  char               *network_spec;
  char               *dataset;
  char               *diff;
  gboolean            shown;

  /* stopped: the copies; training: the live snapshot wins */
  PsEpochMetrics     *history;
  guint               n_epochs;
  PsNetwork          *model;
  PsSnapshot         *live;
  PsTimeline         *timeline;
};

G_DEFINE_FINAL_TYPE (PsRun, ps_run, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NUMBER,
  PROP_DIFF,
  PROP_SHOWN,
  PROP_N_EPOCHS,
  N_PROPS
};

static GParamSpec *props[N_PROPS];

/**
 * ps_run_new:
 * @settings: what it trains with (copied)
 * @network_spec: the architecture with its input width
 * @dataset: (nullable): the dataset's id
 *
 * Returns: (transfer full): a run with no history and no weights yet
 */
PsRun *
ps_run_new (const PsTrainingSettings *settings,
            const char               *network_spec,
            const char               *dataset)
{
  PsRun *self;

  g_return_val_if_fail (settings != NULL, NULL);
  g_return_val_if_fail (network_spec != NULL, NULL);

  self = g_object_new (PS_TYPE_RUN, NULL);
  self->settings = *settings;
  self->network_spec = g_strdup (network_spec);
  self->dataset = g_strdup (dataset);
  return self;
}

guint
ps_run_get_number (PsRun *self)
{
  g_return_val_if_fail (PS_IS_RUN (self), 0);

  return self->number;
}

void
ps_run_set_number (PsRun *self,
                   guint  number)
{
  g_return_if_fail (PS_IS_RUN (self));

  if (self->number == number)
    return;
  self->number = number;
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_NUMBER]);
}

char *
ps_run_dup_title (PsRun *self)
{
  g_return_val_if_fail (PS_IS_RUN (self), NULL);

  return g_strdup_printf (_("Run %u"), self->number);
}

const PsTrainingSettings *
ps_run_get_settings (PsRun *self)
{
  g_return_val_if_fail (PS_IS_RUN (self), NULL);

  return &self->settings;
}

const char *
ps_run_get_network_spec (PsRun *self)
{
  g_return_val_if_fail (PS_IS_RUN (self), NULL);

  return self->network_spec;
}

const char *
ps_run_get_dataset (PsRun *self)
{
  g_return_val_if_fail (PS_IS_RUN (self), NULL);

  return self->dataset;
}

const PsEpochMetrics *
ps_run_get_history (PsRun *self,
                    guint *n_epochs)
{
  g_return_val_if_fail (PS_IS_RUN (self), NULL);

  if (self->live != NULL)
    {
      if (n_epochs != NULL)
        *n_epochs = self->live->n_epochs;
      return self->live->history;
    }
  if (n_epochs != NULL)
    *n_epochs = self->n_epochs;
  return self->history;
}

guint
ps_run_get_n_epochs (PsRun *self)
{
  guint n = 0;

  g_return_val_if_fail (PS_IS_RUN (self), 0);

  ps_run_get_history (self, &n);
  return n;
}

const PsNetwork *
ps_run_get_model (PsRun *self)
{
  g_return_val_if_fail (PS_IS_RUN (self), NULL);

  if (self->live != NULL)
    return self->live->network;
  return self->model;
}

/**
 * ps_run_set_result:
 * @history: (nullable): n_epochs entries (copied)
 * @model: (nullable): the final weights (copied)
 *
 * The run stopped there: its history and weights are these copies.
 */
void
ps_run_set_result (PsRun                *self,
                   const PsEpochMetrics *history,
                   guint                 n_epochs,
                   const PsNetwork      *model)
{
  g_return_if_fail (PS_IS_RUN (self));
  g_return_if_fail (history != NULL || n_epochs == 0);

  g_clear_pointer (&self->live, ps_snapshot_unref);
  g_free (self->history);
  self->history = n_epochs > 0 ? g_memdup2 (history, sizeof (PsEpochMetrics) * n_epochs) : NULL;
  self->n_epochs = n_epochs;
  g_clear_pointer (&self->model, ps_network_free);
  self->model = model != NULL ? ps_network_copy (model) : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_N_EPOCHS]);
}

/**
 * ps_run_set_live:
 * @snapshot: (nullable): the training model's latest snapshot (a ref is
 *   taken), or NULL to go back to the copies
 */
void
ps_run_set_live (PsRun      *self,
                 PsSnapshot *snapshot)
{
  g_return_if_fail (PS_IS_RUN (self));

  if (snapshot == self->live)
    return;
  if (snapshot != NULL)
    ps_snapshot_ref (snapshot);
  g_clear_pointer (&self->live, ps_snapshot_unref);
  self->live = snapshot;
}

PsTimeline *
ps_run_get_timeline (PsRun *self)
{
  g_return_val_if_fail (PS_IS_RUN (self), NULL);

  return self->timeline;
}

void
ps_run_set_timeline (PsRun      *self,
                     PsTimeline *timeline)
{
  g_return_if_fail (PS_IS_RUN (self));

  if (timeline == self->timeline)
    return;
  if (timeline != NULL)
    ps_timeline_ref (timeline);
  g_clear_pointer (&self->timeline, ps_timeline_unref);
  self->timeline = timeline;
}

const char *
ps_run_get_diff (PsRun *self)
{
  g_return_val_if_fail (PS_IS_RUN (self), NULL);

  return self->diff != NULL ? self->diff : "";
}

void
ps_run_set_diff (PsRun      *self,
                 const char *diff)
{
  g_return_if_fail (PS_IS_RUN (self));

  if (g_strcmp0 (self->diff, diff) == 0)
    return;
  g_free (self->diff);
  self->diff = g_strdup (diff);
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_DIFF]);
}

gboolean
ps_run_get_shown (PsRun *self)
{
  g_return_val_if_fail (PS_IS_RUN (self), FALSE);

  return self->shown;
}

void
ps_run_set_shown (PsRun    *self,
                  gboolean  shown)
{
  g_return_if_fail (PS_IS_RUN (self));

  if (self->shown == !!shown)
    return;
  self->shown = !!shown;
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_SHOWN]);
}

/* ---- what differs ------------------------------------------------------------ */

/* The settings a run is told apart by, in the order the text gives them.
 * The names are short on purpose: they go in a list row and a legend. */
enum {
  FACET_DATA,
  FACET_LAYERS,
  FACET_LR,
  FACET_OPTIMIZER,
  FACET_MOMENTUM,
  FACET_LOSS,
  FACET_REDUCTION,
  FACET_BATCH,
  FACET_EPOCHS,
  FACET_VALIDATION,
  FACET_SEED,
  FACET_INIT,
  FACET_SCALING,
  N_FACETS
};

static const char *const facet_names[N_FACETS] = {
  /* Translators: short names of training settings in the Runs list
   * ("lr 0.5 → 0.1, seed 3 → 4") and the curves' legend */
  N_("data"),
  N_("layers"),
  N_("lr"),
  N_("optimizer"),
  N_("momentum"),
  N_("loss"),
  N_("reduction"),
  N_("batch"),
  N_("epochs"),
  N_("validation"),
  N_("seed"),
  N_("init"),
  N_("scaling"),
};

/* (transfer full): the value of @facet in @run, as the text shows it */
static char *
facet_value (PsRun *run,
             guint  facet)
{
  const PsTrainingSettings *s = &run->settings;

  switch (facet)
    {
    case FACET_DATA:
      return g_strdup (run->dataset != NULL ? run->dataset : "—");
    case FACET_LAYERS:
      {
        /* the hidden and output layers: the input width follows the data */
        const char *comma = strchr (run->network_spec, ',');

        return g_strdup (comma != NULL ? comma + 1 : run->network_spec);
      }
    case FACET_LR:
      return g_strdup_printf ("%g", s->train.optimizer.lr);
    case FACET_OPTIMIZER:
      return g_strdup (ps_training_setting_to_name (PS_SETTING_OPTIMIZER, s->train.optimizer.kind));
    case FACET_MOMENTUM:
      return g_strdup_printf ("%g", s->train.optimizer.momentum);
    case FACET_LOSS:
      return g_strdup (ps_training_setting_to_name (PS_SETTING_LOSS, s->train.loss));
    case FACET_REDUCTION:
      return g_strdup (ps_training_setting_to_name (PS_SETTING_REDUCTION, s->train.reduction));
    case FACET_BATCH:
      if (s->batch_mode == PS_BATCH_MINI)
        return g_strdup_printf ("%u", s->mini_batch);
      return g_strdup (ps_training_setting_to_name (PS_SETTING_BATCH, s->batch_mode));
    case FACET_EPOCHS:
      return g_strdup_printf ("%u", s->train.epochs);
    case FACET_VALIDATION:
      return g_strdup_printf ("%g", s->train.val_split);
    case FACET_SEED:
      return g_strdup_printf ("%" G_GUINT64_FORMAT, s->train.seed);
    case FACET_INIT:
      return g_strdup (ps_training_setting_to_name (PS_SETTING_INIT, s->init));
    case FACET_SCALING:
      return g_strdup (ps_training_setting_to_name (PS_SETTING_SCALING, s->scaling));
    default:
      g_assert_not_reached ();
    }
}

/**
 * ps_run_describe_changes:
 * @previous: (nullable): the run before
 * @run: the run
 *
 * Returns: (transfer full): what @run changed from @previous, in words
 */
char *
ps_run_describe_changes (PsRun *previous,
                         PsRun *run)
{
  GString *text;

  g_return_val_if_fail (previous == NULL || PS_IS_RUN (previous), NULL);
  g_return_val_if_fail (PS_IS_RUN (run), NULL);

  if (previous == NULL)
    return g_strdup (_("first run"));
  text = g_string_new (NULL);
  for (guint f = 0; f < N_FACETS; f++)
    {
      g_autofree char *before = facet_value (previous, f);
      g_autofree char *after = facet_value (run, f);

      if (g_strcmp0 (before, after) == 0)
        continue;
      if (text->len > 0)
        /* Translators: between two changes, "lr 0.5 → 0.1, seed 3 → 4" */
        g_string_append (text, _(", "));
      /* Translators: one change: the setting's short name, its old value,
       * its new value ("lr 0.5 → 0.1") */
      g_string_append_printf (text, _("%s %s → %s"), _(facet_names[f]), before, after);
    }
  if (text->len == 0)
    {
      g_string_free (text, TRUE);
      return g_strdup_printf (_("same settings as run %u"), previous->number);
    }
  return g_string_free (text, FALSE);
}

/**
 * ps_run_dup_label_among:
 * @runs: (array length=n): the runs shown together (@run among them)
 *
 * Returns: (transfer full): "Run 2: lr 0.1", the values of @run that are
 *   not the same in every run of @runs (at most three), or "Run 2"
 */
char *
ps_run_dup_label_among (PsRun        *run,
                        PsRun * const *runs,
                        guint         n)
{
  g_autofree char *title = NULL;
  GString *values = g_string_new (NULL);
  guint n_values = 0;

  g_return_val_if_fail (PS_IS_RUN (run), NULL);
  g_return_val_if_fail (runs != NULL || n == 0, NULL);

  title = ps_run_dup_title (run);
  for (guint f = 0; f < N_FACETS && n_values < 3; f++)
    {
      g_autofree char *mine = facet_value (run, f);
      gboolean varies = FALSE;

      for (guint i = 0; i < n && !varies; i++)
        {
          g_autofree char *other = facet_value (runs[i], f);

          varies = g_strcmp0 (mine, other) != 0;
        }
      if (!varies)
        continue;
      if (values->len > 0)
        g_string_append (values, _(", "));
      /* Translators: a setting and its value in the legend ("lr 0.1") */
      g_string_append_printf (values, _("%s %s"), _(facet_names[f]), mine);
      n_values++;
    }
  if (values->len == 0)
    {
      g_string_free (values, TRUE);
      return g_steal_pointer (&title);
    }
  {
    /* Translators: a run in the curves' legend: "Run 2: lr 0.1" */
    char *label = g_strdup_printf (_("%s: %s"), title, values->str);

    g_string_free (values, TRUE);
    return label;
  }
}

/* ---- GObject ---------------------------------------------------------------- */

static void
ps_run_get_property (GObject    *object,
                     guint       prop_id,
                     GValue     *value,
                     GParamSpec *pspec)
{
  PsRun *self = PS_RUN (object);

  switch (prop_id)
    {
    case PROP_NUMBER:
      g_value_set_uint (value, self->number);
      break;
    case PROP_DIFF:
      g_value_set_string (value, ps_run_get_diff (self));
      break;
    case PROP_SHOWN:
      g_value_set_boolean (value, self->shown);
      break;
    case PROP_N_EPOCHS:
      g_value_set_uint (value, ps_run_get_n_epochs (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ps_run_set_property (GObject      *object,
                     guint         prop_id,
                     const GValue *value,
                     GParamSpec   *pspec)
{
  PsRun *self = PS_RUN (object);

  switch (prop_id)
    {
    case PROP_SHOWN:
      ps_run_set_shown (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ps_run_finalize (GObject *object)
{
  PsRun *self = PS_RUN (object);

  g_free (self->network_spec);
  g_free (self->dataset);
  g_free (self->diff);
  g_free (self->history);
  g_clear_pointer (&self->model, ps_network_free);
  g_clear_pointer (&self->live, ps_snapshot_unref);
  g_clear_pointer (&self->timeline, ps_timeline_unref);

  G_OBJECT_CLASS (ps_run_parent_class)->finalize (object);
}

static void
ps_run_class_init (PsRunClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->get_property = ps_run_get_property;
  object_class->set_property = ps_run_set_property;
  object_class->finalize = ps_run_finalize;

  props[PROP_NUMBER] = g_param_spec_uint ("number", NULL, NULL, 0, G_MAXUINT, 0, ro);
  props[PROP_DIFF] = g_param_spec_string ("diff", NULL, NULL, "", ro);
  props[PROP_SHOWN] = g_param_spec_boolean ("shown", NULL, NULL, FALSE,
                                            G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  props[PROP_N_EPOCHS] = g_param_spec_uint ("n-epochs", NULL, NULL, 0, G_MAXUINT, 0, ro);
  g_object_class_install_properties (object_class, N_PROPS, props);
}

static void
ps_run_init (PsRun *self)
{
  ps_training_settings_init (&self->settings);
}
