/* ps-lesson.c: lesson files, a teacher's sequence of set-up steps
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A lesson is read and checked whole when it is opened, so that a teacher
 * learns of a typo in step 6 before the class, not when it is reached. Each
 * step is resolved then too (what it does not say it inherits from the step
 * before it), so applying one later cannot fail on the file.
 */
#include "config.h"

#include "ps-lesson.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "ps-datadir.h"
#include "ps-file.h"
#include "ps-network.h"
#include "ps-names.h"
#include "ps-optimizer.h"
#include "ps-presets.h"

#define LESSON_FORMAT "perceptron-studio-lesson"
#define LESSON_VERSION 1

G_DEFINE_QUARK (ps-lesson-error-quark, ps_lesson_error)

/* ---- names ---------------------------------------------------------------- */

static const char *const control_names[PS_LESSON_N_CONTROLS] = {
  [PS_LESSON_CONTROL_DATASET] = "dataset",
  [PS_LESSON_CONTROL_DATA_EDITING] = "data-editing",
  [PS_LESSON_CONTROL_LAYERS] = "layers",
  [PS_LESSON_CONTROL_LOSS] = "loss",
  [PS_LESSON_CONTROL_REDUCTION] = "reduction",
  [PS_LESSON_CONTROL_OPTIMIZER] = "optimizer",
  [PS_LESSON_CONTROL_LEARNING_RATE] = "learning-rate",
  [PS_LESSON_CONTROL_BATCH] = "batch",
  [PS_LESSON_CONTROL_EPOCHS] = "epochs",
  [PS_LESSON_CONTROL_VALIDATION_SPLIT] = "validation-split",
  [PS_LESSON_CONTROL_SEED] = "seed",
  [PS_LESSON_CONTROL_INIT] = "init",
  [PS_LESSON_CONTROL_SCALING] = "scaling",
  [PS_LESSON_CONTROL_SPEED] = "speed",
  [PS_LESSON_CONTROL_STEP] = "step",
  [PS_LESSON_CONTROL_RESET] = "reset",
  [PS_LESSON_CONTROL_EXPLAIN] = "explain",
  [PS_LESSON_CONTROL_TIMELINE] = "timeline",
  [PS_LESSON_CONTROL_NOTEBOOK] = "notebook",
  [PS_LESSON_CONTROL_OPEN] = "open",
  [PS_LESSON_CONTROL_DATASET_TAB] = "dataset-tab",
  [PS_LESSON_CONTROL_NETWORK_TAB] = "network-tab",
  [PS_LESSON_CONTROL_TRAINING_TAB] = "training-tab",
};

static const char *const metric_names[] = {
  [PS_LESSON_METRIC_EPOCH] = "epoch",
  [PS_LESSON_METRIC_LOSS] = "loss",
  [PS_LESSON_METRIC_ACCURACY] = "accuracy",
  [PS_LESSON_METRIC_RMSE] = "rmse",
  [PS_LESSON_METRIC_VAL_LOSS] = "val_loss",
  [PS_LESSON_METRIC_VAL_ACCURACY] = "val_accuracy",
  [PS_LESSON_METRIC_VAL_RMSE] = "val_rmse",
};

/* longest first: ">=" before ">" */
static const struct
{
  const char         *symbol;
  PsLessonComparison  cmp;
} comparisons[] = {
  { ">=", PS_LESSON_CMP_GE }, { "≥", PS_LESSON_CMP_GE },
  { "<=", PS_LESSON_CMP_LE }, { "≤", PS_LESSON_CMP_LE },
  { "==", PS_LESSON_CMP_EQ },
  { ">", PS_LESSON_CMP_GT }, { "<", PS_LESSON_CMP_LT },
  { "=", PS_LESSON_CMP_EQ },
};

const char *
ps_lesson_control_to_name (PsLessonControl control)
{
  g_return_val_if_fail (control < PS_LESSON_N_CONTROLS, NULL);

  return control_names[control];
}

gboolean
ps_lesson_control_from_name (const char      *name,
                             PsLessonControl *out)
{
  if (name == NULL)
    return FALSE;
  for (guint i = 0; i < PS_LESSON_N_CONTROLS; i++)
    if (g_str_equal (control_names[i], name))
      {
        *out = i;
        return TRUE;
      }
  return FALSE;
}

const char *
ps_lesson_metric_to_name (PsLessonMetric metric)
{
  g_return_val_if_fail (metric < G_N_ELEMENTS (metric_names), NULL);

  return metric_names[metric];
}

const char *
ps_lesson_comparison_to_name (PsLessonComparison cmp)
{
  for (guint i = 0; i < G_N_ELEMENTS (comparisons); i++)
    if (comparisons[i].cmp == cmp)
      return comparisons[i].symbol;
  g_return_val_if_reached (NULL);
}

static gboolean
metric_from_name (const char     *name,
                  PsLessonMetric *out)
{
  for (guint i = 0; i < G_N_ELEMENTS (metric_names); i++)
    if (g_str_equal (metric_names[i], name))
      {
        *out = i;
        return TRUE;
      }
  return FALSE;
}

/* ---- conditions -------------------------------------------------------------- */

gboolean
ps_lesson_condition_holds (const PsLessonCondition *cond,
                           const PsEpochMetrics    *m)
{
  double v;

  g_return_val_if_fail (cond != NULL, FALSE);

  switch (cond->metric)
    {
    case PS_LESSON_METRIC_EPOCH:
      v = m != NULL ? m->epoch : 0;
      break;
    case PS_LESSON_METRIC_LOSS:
      v = m != NULL ? m->loss : NAN;
      break;
    case PS_LESSON_METRIC_ACCURACY:
      v = m != NULL ? m->accuracy : NAN;
      break;
    case PS_LESSON_METRIC_RMSE:
      v = m != NULL ? m->rmse : NAN;
      break;
    case PS_LESSON_METRIC_VAL_LOSS:
      v = m != NULL && m->has_val ? m->val_loss : NAN;
      break;
    case PS_LESSON_METRIC_VAL_ACCURACY:
      v = m != NULL && m->has_val ? m->val_accuracy : NAN;
      break;
    case PS_LESSON_METRIC_VAL_RMSE:
      v = m != NULL && m->has_val ? m->val_rmse : NAN;
      break;
    default:
      g_return_val_if_reached (FALSE);
    }
  /* NaN compares false whatever the operator */
  switch (cond->cmp)
    {
    case PS_LESSON_CMP_GE:
      return v >= cond->value;
    case PS_LESSON_CMP_GT:
      return v > cond->value;
    case PS_LESSON_CMP_LE:
      return v <= cond->value;
    case PS_LESSON_CMP_LT:
      return v < cond->value;
    case PS_LESSON_CMP_EQ:
      return v == cond->value;
    default:
      g_return_val_if_reached (FALSE);
    }
}

/* "OP NUMBER", white space around either. */
static gboolean
parse_comparison (const char         *text,
                  PsLessonComparison *cmp,
                  double             *value)
{
  const char *p = text;
  char *end = NULL;
  gboolean found = FALSE;

  while (g_ascii_isspace (*p))
    p++;
  for (guint i = 0; i < G_N_ELEMENTS (comparisons) && !found; i++)
    if (g_str_has_prefix (p, comparisons[i].symbol))
      {
        *cmp = comparisons[i].cmp;
        p += strlen (comparisons[i].symbol);
        found = TRUE;
      }
  if (!found)
    return FALSE;
  while (g_ascii_isspace (*p))
    p++;
  if (*p == '\0')
    return FALSE;
  *value = g_ascii_strtod (p, &end);
  if (end == p || !isfinite (*value))
    return FALSE;
  while (g_ascii_isspace (*end))
    end++;
  return *end == '\0';
}

gboolean
ps_lesson_condition_parse (const char         *text,
                           PsLessonCondition  *out,
                           GError            **error)
{
  g_autofree char *metric = NULL;
  const char *p;
  gsize n = 0;
  PsLessonCondition c;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  p = text;
  while (g_ascii_isspace (*p))
    p++;
  while (g_ascii_isalpha (p[n]) || p[n] == '_')
    n++;
  metric = g_strndup (p, n);
  if (!metric_from_name (metric, &c.metric))
    {
      g_set_error (error, PS_LESSON_ERROR, PS_LESSON_ERROR_INVALID,
                   _("Unknown metric “%s” (one of epoch, loss, accuracy, rmse, val_loss, val_accuracy, val_rmse)."),
                   metric);
      return FALSE;
    }
  if (!parse_comparison (p + n, &c.cmp, &c.value))
    {
      g_set_error (error, PS_LESSON_ERROR, PS_LESSON_ERROR_INVALID,
                   _("Expected a comparison such as “>= 1.0” after “%s”."), metric);
      return FALSE;
    }
  *out = c;
  return TRUE;
}

/* ---- the lesson ------------------------------------------------------------- */

/* Text in several languages: "en", "es", ... in the file's order. */
typedef struct
{
  GPtrArray *langs;    /* char * */
  GPtrArray *texts;    /* char * */
} Text;

struct _PsLessonStep
{
  Text               title;          /* may be empty */
  Text               text;
  PsDatasetSource   *source;
  char              *network;
  PsTrainingSettings settings;
  double             speed;          /* < 0: the session's */
  gboolean           hide[PS_LESSON_N_CONTROLS];
  gboolean           lock[PS_LESSON_N_CONTROLS];
  PsLessonCondition *wait;
  guint              n_wait;
};

struct _PsLesson
{
  char         *path;
  Text          title;
  PsLessonStep *steps;
  guint         n_steps;
};

static void
text_clear (Text *t)
{
  g_clear_pointer (&t->langs, g_ptr_array_unref);
  g_clear_pointer (&t->texts, g_ptr_array_unref);
}

static const char *
text_get (const Text *t,
          const char *lang)
{
  const char *const *names;

  if (t->langs == NULL || t->langs->len == 0)
    return NULL;
  if (lang != NULL)
    {
      for (guint i = 0; i < t->langs->len; i++)
        if (g_str_equal (g_ptr_array_index (t->langs, i), lang))
          return g_ptr_array_index (t->texts, i);
    }
  else
    {
      /* "es_ES.UTF-8", "es_ES", "es", ..., "C": the most specific first */
      names = g_get_language_names ();
      for (guint k = 0; names[k] != NULL; k++)
        for (guint i = 0; i < t->langs->len; i++)
          if (g_str_equal (g_ptr_array_index (t->langs, i), names[k]))
            return g_ptr_array_index (t->texts, i);
    }
  for (guint i = 0; i < t->langs->len; i++)
    if (g_str_equal (g_ptr_array_index (t->langs, i), "en"))
      return g_ptr_array_index (t->texts, i);
  return g_ptr_array_index (t->texts, 0);
}

void
ps_lesson_free (PsLesson *self)
{
  if (self == NULL)
    return;
  for (guint i = 0; i < self->n_steps; i++)
    {
      PsLessonStep *step = &self->steps[i];

      text_clear (&step->title);
      text_clear (&step->text);
      g_clear_pointer (&step->source, ps_dataset_source_free);
      g_free (step->network);
      g_free (step->wait);
    }
  g_free (self->steps);
  text_clear (&self->title);
  g_free (self->path);
  g_free (self);
}

/* ---- reading ------------------------------------------------------------------ */

/* Sets a PS_LESSON_ERROR_INVALID "BASE: FIELD: what" error; FALSE. */
static gboolean G_GNUC_PRINTF (4, 5)
invalid (GError     **error,
         const char  *base,
         const char  *field,
         const char  *format,
         ...)
{
  g_autofree char *msg = NULL;
  va_list args;

  va_start (args, format);
  msg = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, PS_LESSON_ERROR, PS_LESSON_ERROR_INVALID, "%s: %s: %s", base, field, msg);
  return FALSE;
}

static gboolean
is_value_of (JsonNode *node,
             GType     type)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == type;
}

static gboolean
is_number (JsonNode *node)
{
  return is_value_of (node, G_TYPE_DOUBLE) || is_value_of (node, G_TYPE_INT64);
}

/* Refuses members not in @known (a typo would otherwise be ignored). */
static gboolean
check_members (JsonObject        *obj,
               const char *const *known,
               const char        *base,
               const char        *field,
               GError           **error)
{
  g_autoptr(GList) members = json_object_get_members (obj);

  for (GList *l = members; l != NULL; l = l->next)
    if (!g_strv_contains (known, l->data))
      {
        g_autofree char *path = g_strdup_printf ("%s.%s", field, (const char *) l->data);

        return invalid (error, base, path, _("unknown member"));
      }
  return TRUE;
}

/* A title or text: { "en": "...", "es": "..." } (or a plain string, taken
 * as English). */
static gboolean
read_text (JsonNode    *node,
           const char  *base,
           const char  *field,
           Text        *out,
           GError     **error)
{
  out->langs = g_ptr_array_new_with_free_func (g_free);
  out->texts = g_ptr_array_new_with_free_func (g_free);
  if (is_value_of (node, G_TYPE_STRING))
    {
      g_ptr_array_add (out->langs, g_strdup ("en"));
      g_ptr_array_add (out->texts, g_strdup (json_node_get_string (node)));
      return TRUE;
    }
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return invalid (error, base, field, _("expected an object of texts by language, such as {\"en\": \"…\", \"es\": \"…\"}"));
  {
    JsonObject *obj = json_node_get_object (node);
    g_autoptr(GList) members = json_object_get_members (obj);

    for (GList *l = members; l != NULL; l = l->next)
      {
        JsonNode *t = json_object_get_member (obj, l->data);
        g_autofree char *path = g_strdup_printf ("%s.%s", field, (const char *) l->data);

        if (!is_value_of (t, G_TYPE_STRING))
          return invalid (error, base, path, _("expected a string"));
        g_ptr_array_add (out->langs, g_strdup (l->data));
        g_ptr_array_add (out->texts, g_strdup (json_node_get_string (t)));
      }
  }
  if (out->langs->len == 0)
    return invalid (error, base, field, _("no text in any language"));
  return TRUE;
}

static gboolean
read_controls (JsonNode    *node,
               const char  *base,
               const char  *field,
               gboolean    *out,
               GError     **error)
{
  JsonArray *array;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    return invalid (error, base, field, _("expected a list of control names"));
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *e = json_array_get_element (array, i);
      g_autofree char *path = g_strdup_printf ("%s[%u]", field, i);
      PsLessonControl c;

      if (!is_value_of (e, G_TYPE_STRING))
        return invalid (error, base, path, _("expected a string"));
      if (!ps_lesson_control_from_name (json_node_get_string (e), &c))
        return invalid (error, base, path, _("unknown control “%s”"), json_node_get_string (e));
      out[c] = TRUE;
    }
  return TRUE;
}

/* A bare number: the metric reached (at least that epoch or accuracy, at
 * most that loss). */
static PsLessonComparison
default_comparison (PsLessonMetric metric)
{
  switch (metric)
    {
    case PS_LESSON_METRIC_LOSS:
    case PS_LESSON_METRIC_RMSE:
    case PS_LESSON_METRIC_VAL_LOSS:
    case PS_LESSON_METRIC_VAL_RMSE:
      return PS_LESSON_CMP_LE;
    default:
      return PS_LESSON_CMP_GE;
    }
}

static gboolean
read_wait (JsonNode     *node,
           const char   *base,
           const char   *field,
           PsLessonStep *step,
           GError      **error)
{
  JsonObject *obj;
  g_autoptr(GList) members = NULL;
  g_autoptr(GArray) conds = g_array_new (FALSE, FALSE, sizeof (PsLessonCondition));

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return invalid (error, base, field, _("expected an object such as {\"accuracy\": \">= 1.0\"}"));
  obj = json_node_get_object (node);
  members = json_object_get_members (obj);
  for (GList *l = members; l != NULL; l = l->next)
    {
      JsonNode *v = json_object_get_member (obj, l->data);
      g_autofree char *path = g_strdup_printf ("%s.%s", field, (const char *) l->data);
      PsLessonCondition c;

      if (!metric_from_name (l->data, &c.metric))
        return invalid (error, base, path,
                        _("unknown metric (one of epoch, loss, accuracy, rmse, val_loss, val_accuracy, val_rmse)"));
      if (is_number (v))
        {
          c.cmp = default_comparison (c.metric);
          c.value = json_node_get_double (v);
        }
      else if (is_value_of (v, G_TYPE_STRING))
        {
          if (!parse_comparison (json_node_get_string (v), &c.cmp, &c.value))
            return invalid (error, base, path, _("expected a comparison such as “>= 1.0”, not “%s”"),
                            json_node_get_string (v));
        }
      else
        return invalid (error, base, path, _("expected a number, or a comparison such as “>= 1.0”"));
      g_array_append_val (conds, c);
    }
  step->n_wait = conds->len;
  step->wait = step->n_wait > 0 ? (PsLessonCondition *) g_array_steal (conds, NULL) : NULL;
  return TRUE;
}

/* The training object: experiment files' "training" members, each checked
 * for its type and range here so that the message names it. */
static gboolean
read_training (JsonNode           *node,
               const char         *base,
               const char         *field,
               PsTrainingSettings *settings,
               GError            **error)
{
  static const char *const choices[] = { "loss", "reduction", "optimizer", "batch", "init", "scaling" };
  static const PsSettingChoice choice_kinds[] = {
    PS_SETTING_LOSS, PS_SETTING_REDUCTION, PS_SETTING_OPTIMIZER, PS_SETTING_BATCH,
    PS_SETTING_INIT, PS_SETTING_SCALING,
  };
  static const struct
  {
    const char *name;
    gboolean    whole;
    double      min, max;      /* inclusive */
    gboolean    max_open;      /* max itself is out */
    gboolean    min_open;
  } numbers[] = {
    { "learning_rate", FALSE, 0, 1000, FALSE, TRUE },
    { "momentum", FALSE, 0, 1, TRUE, FALSE },
    { "validation_split", FALSE, 0, 1, TRUE, FALSE },
    { "batch_size", TRUE, 1, 100000000, FALSE, FALSE },
    { "epochs", TRUE, 1, 100000000, FALSE, FALSE },
    { "seed", TRUE, 0, 9007199254740992.0, FALSE, FALSE },
  };
  static const char *const known[] = {
    "loss", "reduction", "optimizer", "batch", "init", "scaling",
    "learning_rate", "momentum", "validation_split", "batch_size", "epochs", "seed", NULL
  };
  g_autoptr(GError) local = NULL;
  JsonObject *obj;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return invalid (error, base, field, _("expected an object"));
  obj = json_node_get_object (node);
  if (!check_members (obj, known, base, field, error))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (choices); i++)
    {
      JsonNode *v = json_object_get_member (obj, choices[i]);
      g_autofree char *path = g_strdup_printf ("%s.%s", field, choices[i]);
      int value;

      if (v == NULL)
        continue;
      if (!is_value_of (v, G_TYPE_STRING))
        return invalid (error, base, path, _("expected a string"));
      if (!ps_training_setting_from_name (choice_kinds[i], json_node_get_string (v), &value))
        return invalid (error, base, path, _("unknown value “%s”"), json_node_get_string (v));
    }
  for (guint i = 0; i < G_N_ELEMENTS (numbers); i++)
    {
      JsonNode *v = json_object_get_member (obj, numbers[i].name);
      g_autofree char *path = g_strdup_printf ("%s.%s", field, numbers[i].name);
      double x;

      if (v == NULL)
        continue;
      if (numbers[i].whole ? !is_value_of (v, G_TYPE_INT64) : !is_number (v))
        return invalid (error, base, path, numbers[i].whole ? _("expected a whole number") : _("expected a number"));
      x = json_node_get_double (v);
      if (!isfinite (x) || x < numbers[i].min || x > numbers[i].max ||
          (numbers[i].min_open && x == numbers[i].min) || (numbers[i].max_open && x == numbers[i].max))
        return invalid (error, base, path, _("%g is out of range"), x);
    }
  /* the settings' own reader, now that nothing in it can be wrong */
  if (!ps_training_settings_from_json (settings, node, &local))
    return invalid (error, base, field, "%s", local->message);
  return TRUE;
}

/* "3:sigmoid,1:sigmoid", hidden layers and output (the input follows the
 * data), as the session's "network-spec". */
static gboolean
check_network (const char  *spec,
               const char  *base,
               const char  *field,
               GError     **error)
{
  g_autofree char *full = g_strdup_printf ("1,%s", spec);
  g_autoptr(GError) local = NULL;
  PsNetwork *net = ps_network_new_from_spec (full, &local);

  if (net == NULL)
    return invalid (error, base, field, "%s", local->message);
  ps_network_free (net);
  return TRUE;
}

/* A preset's network as the session's spec. */
static char *
preset_network (const PsPreset *p)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < p->n_hidden; i++)
    g_string_append_printf (s, "%u:%s,", p->hidden[i],
                            ps_enum_to_name (PS_ENUM_ACTIVATION, p->hidden_activation));
  /* the output's units follow the data's classes */
  g_string_append_printf (s, "%u:%s", p->output_activation == PS_ACTIVATION_SOFTMAX ? 10 : 1,
                          ps_enum_to_name (PS_ENUM_ACTIVATION, p->output_activation));
  return g_string_free (s, FALSE);
}

/* As ps_session_configure_preset() sets them. */
static void
preset_settings (const PsPreset     *p,
                 PsTrainingSettings *settings)
{
  ps_training_settings_init (settings);
  settings->train.loss = p->loss;
  settings->train.reduction = p->reduction;
  ps_optimizer_config_init (&settings->train.optimizer, p->optimizer);
  settings->train.optimizer.lr = p->lr;
  settings->batch_mode = p->batch_mode;
  settings->mini_batch = p->mini_batch;
  ps_training_settings_sync_batch (settings);
  settings->train.epochs = p->epochs;
  settings->train.val_split = p->val_split;
  settings->init = p->init;
  settings->scaling = p->scaling;
  settings->train.seed = p->seed;
}

static gboolean
read_step (JsonNode           *node,
           guint               index,
           const PsLessonStep *prev,
           const char         *base,
           PsLessonStep       *step,
           GError            **error)
{
  static const char *const known[] = {
    "title", "text", "preset", "dataset", "network", "training", "speed", "hide", "lock", "wait", NULL
  };
  g_autofree char *field = g_strdup_printf ("steps[%u]", index);
  g_autofree char *path = NULL;
  JsonObject *obj;
  JsonNode *v;

  step->speed = -1;
  if (prev != NULL)
    {
      step->source = ps_dataset_source_copy (prev->source);
      step->network = g_strdup (prev->network);
      step->settings = prev->settings;
    }
  else
    ps_training_settings_init (&step->settings);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return invalid (error, base, field, _("expected an object"));
  obj = json_node_get_object (node);
  if (!check_members (obj, known, base, field, error))
    return FALSE;

  path = g_strdup_printf ("%s.text", field);
  if (!json_object_has_member (obj, "text"))
    return invalid (error, base, path, _("missing"));
  if (!read_text (json_object_get_member (obj, "text"), base, path, &step->text, error))
    return FALSE;
  g_free (path);
  path = g_strdup_printf ("%s.title", field);
  if (json_object_has_member (obj, "title") &&
      !read_text (json_object_get_member (obj, "title"), base, path, &step->title, error))
    return FALSE;

  if ((v = json_object_get_member (obj, "preset")) != NULL)
    {
      const PsPreset *p;

      g_free (path);
      path = g_strdup_printf ("%s.preset", field);
      if (!is_value_of (v, G_TYPE_STRING))
        return invalid (error, base, path, _("expected a string"));
      p = ps_presets_lookup (json_node_get_string (v));
      if (p == NULL)
        return invalid (error, base, path, _("unknown preset “%s”"), json_node_get_string (v));
      g_clear_pointer (&step->source, ps_dataset_source_free);
      step->source = ps_dataset_source_new (p->dataset);
      g_free (step->network);
      step->network = preset_network (p);
      preset_settings (p, &step->settings);
    }
  if ((v = json_object_get_member (obj, "dataset")) != NULL)
    {
      g_autoptr(GError) local = NULL;
      PsDatasetSource *source;

      g_free (path);
      path = g_strdup_printf ("%s.dataset", field);
      if (!JSON_NODE_HOLDS_OBJECT (v))
        return invalid (error, base, path, _("expected an object"));
      source = ps_dataset_source_from_json (v, &local);
      if (source == NULL)
        return invalid (error, base, path, "%s", local->message);
      g_clear_pointer (&step->source, ps_dataset_source_free);
      step->source = source;
    }
  if ((v = json_object_get_member (obj, "network")) != NULL)
    {
      g_free (path);
      path = g_strdup_printf ("%s.network", field);
      if (!is_value_of (v, G_TYPE_STRING))
        return invalid (error, base, path, _("expected a string"));
      if (!check_network (json_node_get_string (v), base, path, error))
        return FALSE;
      g_free (step->network);
      step->network = g_strdup (json_node_get_string (v));
    }
  if ((v = json_object_get_member (obj, "training")) != NULL)
    {
      g_free (path);
      path = g_strdup_printf ("%s.training", field);
      if (!read_training (v, base, path, &step->settings, error))
        return FALSE;
    }
  if ((v = json_object_get_member (obj, "speed")) != NULL)
    {
      g_free (path);
      path = g_strdup_printf ("%s.speed", field);
      if (!is_number (v))
        return invalid (error, base, path, _("expected a number"));
      step->speed = json_node_get_double (v);
      if (!(step->speed >= 0 && step->speed <= 1e6))
        return invalid (error, base, path, _("%g is out of range"), step->speed);
    }
  if ((v = json_object_get_member (obj, "hide")) != NULL)
    {
      g_free (path);
      path = g_strdup_printf ("%s.hide", field);
      if (!read_controls (v, base, path, step->hide, error))
        return FALSE;
    }
  if ((v = json_object_get_member (obj, "lock")) != NULL)
    {
      g_free (path);
      path = g_strdup_printf ("%s.lock", field);
      if (!read_controls (v, base, path, step->lock, error))
        return FALSE;
    }
  if ((v = json_object_get_member (obj, "wait")) != NULL)
    {
      g_free (path);
      path = g_strdup_printf ("%s.wait", field);
      if (!read_wait (v, base, path, step, error))
        return FALSE;
    }

  /* the first step sets everything up; later ones inherit */
  if (step->source == NULL)
    {
      g_free (path);
      path = g_strdup_printf ("%s.dataset", field);
      return invalid (error, base, path, _("missing (the first step needs a dataset or a preset)"));
    }
  if (step->network == NULL)
    {
      g_free (path);
      path = g_strdup_printf ("%s.network", field);
      return invalid (error, base, path, _("missing (the first step needs a network or a preset)"));
    }
  return TRUE;
}

static PsLesson *
read_lesson (JsonNode    *root,
             const char  *base,
             GError     **error)
{
  static const char *const known[] = { "format", "version", "title", "steps", NULL };
  g_autoptr(PsLesson) self = g_new0 (PsLesson, 1);
  JsonObject *obj;
  JsonNode *v;
  JsonArray *steps;
  guint n;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root) ||
      g_strcmp0 (json_object_get_string_member_with_default (json_node_get_object (root), "format", NULL),
                 LESSON_FORMAT) != 0)
    {
      g_set_error (error, PS_LESSON_ERROR, PS_LESSON_ERROR_INVALID,
                   _("%s is not a lesson file (its “format” is not “%s”)."), base, LESSON_FORMAT);
      return NULL;
    }
  obj = json_node_get_object (root);
  v = json_object_get_member (obj, "version");
  if (v != NULL && !is_value_of (v, G_TYPE_INT64))
    {
      invalid (error, base, "version", _("expected a whole number"));
      return NULL;
    }
  if (v != NULL && json_node_get_int (v) > LESSON_VERSION)
    {
      g_set_error (error, PS_LESSON_ERROR, PS_LESSON_ERROR_INVALID,
                   _("%s was written by a newer version of Perceptron Studio."), base);
      return NULL;
    }
  if (!check_members (obj, known, base, "lesson", error))
    return NULL;
  if (!json_object_has_member (obj, "title"))
    {
      invalid (error, base, "title", _("missing"));
      return NULL;
    }
  if (!read_text (json_object_get_member (obj, "title"), base, "title", &self->title, error))
    return NULL;
  v = json_object_get_member (obj, "steps");
  if (v == NULL)
    {
      invalid (error, base, "steps", _("missing"));
      return NULL;
    }
  if (!JSON_NODE_HOLDS_ARRAY (v))
    {
      invalid (error, base, "steps", _("expected a list"));
      return NULL;
    }
  steps = json_node_get_array (v);
  n = json_array_get_length (steps);
  if (n == 0 || n > PS_LESSON_MAX_STEPS)
    {
      invalid (error, base, "steps", _("a lesson has from 1 to %u steps"), PS_LESSON_MAX_STEPS);
      return NULL;
    }
  self->steps = g_new0 (PsLessonStep, n);
  for (guint i = 0; i < n; i++)
    {
      /* counted first: a half-read step is freed with the lesson */
      self->n_steps = i + 1;
      if (!read_step (json_array_get_element (steps, i), i, i > 0 ? &self->steps[i - 1] : NULL,
                      base, &self->steps[i], error))
        return NULL;
    }
  return g_steal_pointer (&self);
}

/**
 * ps_lesson_new_from_data:
 * @display_name: the name messages start with ("lesson.json")
 *
 * Returns: (transfer full) (nullable): the lesson, or NULL + error
 */
PsLesson *
ps_lesson_new_from_data (const char  *text,
                         gsize        length,
                         const char  *display_name,
                         GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) local = NULL;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (display_name != NULL, NULL);

  /* json-glib overflows its stack on deep nesting and takes the first of
   * two documents */
  if (!ps_json_check (text, length, PS_LESSON_MAX_DEPTH, display_name, &local))
    {
      g_set_error_literal (error, PS_LESSON_ERROR, PS_LESSON_ERROR_SYNTAX, local->message);
      return NULL;
    }
  if (!json_parser_load_from_data (parser, text, (gssize) length, &local))
    {
      g_autofree char *valid = g_utf8_make_valid (local->message, -1);

      if (g_str_has_prefix (valid, "<data>:"))
        g_set_error (error, PS_LESSON_ERROR, PS_LESSON_ERROR_SYNTAX,
                     "%s:%s", display_name, valid + strlen ("<data>:"));
      else
        g_set_error (error, PS_LESSON_ERROR, PS_LESSON_ERROR_SYNTAX,
                     _("%s is not valid JSON: %s"), display_name, valid);
      return NULL;
    }
  return read_lesson (json_parser_get_root (parser), display_name, error);
}

/**
 * ps_lesson_load:
 *
 * Returns: (transfer full) (nullable): the lesson in @path, or NULL + error
 */
PsLesson *
ps_lesson_load (const char  *path,
                GError     **error)
{
  g_autoptr(GError) local = NULL;
  g_autofree char *base = NULL;
  g_autofree char *text = NULL;
  gsize length = 0;
  PsLesson *self;

  g_return_val_if_fail (path != NULL, NULL);

  base = g_filename_display_basename (path);
  /* bounded, and never a device or a FIFO */
  if (!ps_file_read_limited (path, PS_LESSON_FILE_MAX, &text, &length, &local))
    {
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, PS_LESSON_ERROR, PS_LESSON_ERROR_IO,
                   _("%s: cannot read the lesson: %s"), display, local->message);
      return NULL;
    }
  self = ps_lesson_new_from_data (text, length, base, error);
  if (self != NULL)
    self->path = g_strdup (path);
  return self;
}

/* ---- access ------------------------------------------------------------------- */

const char *
ps_lesson_get_title (PsLesson   *self,
                     const char *lang)
{
  g_return_val_if_fail (self != NULL, NULL);

  return text_get (&self->title, lang);
}

const char *
ps_lesson_get_path (PsLesson *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->path;
}

guint
ps_lesson_get_n_steps (PsLesson *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_steps;
}

const PsLessonStep *
ps_lesson_get_step (PsLesson *self,
                    guint     index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->n_steps, NULL);

  return &self->steps[index];
}

const char *
ps_lesson_step_get_text (const PsLessonStep *step,
                         const char         *lang)
{
  g_return_val_if_fail (step != NULL, NULL);

  return text_get (&step->text, lang);
}

const char *
ps_lesson_step_get_title (const PsLessonStep *step,
                          const char         *lang)
{
  g_return_val_if_fail (step != NULL, NULL);

  return text_get (&step->title, lang);
}

gboolean
ps_lesson_step_hides (const PsLessonStep *step,
                      PsLessonControl     control)
{
  g_return_val_if_fail (step != NULL, FALSE);
  g_return_val_if_fail (control < PS_LESSON_N_CONTROLS, FALSE);

  return step->hide[control];
}

gboolean
ps_lesson_step_locks (const PsLessonStep *step,
                      PsLessonControl     control)
{
  g_return_val_if_fail (step != NULL, FALSE);
  g_return_val_if_fail (control < PS_LESSON_N_CONTROLS, FALSE);

  return step->lock[control];
}

const PsLessonCondition *
ps_lesson_step_get_wait (const PsLessonStep *step,
                         guint              *n_conditions)
{
  g_return_val_if_fail (step != NULL, NULL);

  if (n_conditions != NULL)
    *n_conditions = step->n_wait;
  return step->wait;
}

gboolean
ps_lesson_step_wait_holds (const PsLessonStep   *step,
                           const PsEpochMetrics *metrics)
{
  g_return_val_if_fail (step != NULL, FALSE);

  for (guint i = 0; i < step->n_wait; i++)
    if (!ps_lesson_condition_holds (&step->wait[i], metrics))
      return FALSE;
  return TRUE;
}

gboolean
ps_lesson_step_wait_holds_snapshot (const PsLessonStep *step,
                                    PsSnapshot         *snapshot)
{
  const PsEpochMetrics *last = NULL;

  g_return_val_if_fail (step != NULL, FALSE);

  /* the run's last epoch: a scrubbed timeline shows an earlier one, but
   * the student has reached the last */
  if (snapshot != NULL && snapshot->n_epochs > 0)
    last = &snapshot->history[snapshot->n_epochs - 1];
  return ps_lesson_step_wait_holds (step, last);
}

const PsDatasetSource *
ps_lesson_step_get_source (const PsLessonStep *step)
{
  g_return_val_if_fail (step != NULL, NULL);

  return step->source;
}

const char *
ps_lesson_step_get_network (const PsLessonStep *step)
{
  g_return_val_if_fail (step != NULL, NULL);

  return step->network;
}

const PsTrainingSettings *
ps_lesson_step_get_settings (const PsLessonStep *step)
{
  g_return_val_if_fail (step != NULL, NULL);

  return &step->settings;
}

double
ps_lesson_step_get_speed (const PsLessonStep *step)
{
  g_return_val_if_fail (step != NULL, -1);

  return step->speed;
}

/* ---- applying ------------------------------------------------------------------ */

/* A step's speed, waiting for the dataset it loads. */
typedef struct
{
  double speed;
  gulong handler;
} SpeedLater;

static void
speed_later_free (gpointer  data,
                  GClosure *closure)
{
  g_free (data);
}

static void
set_speed_later (PsSession  *session,
                 SpeedLater *later)
{
  double speed = later->speed;

  /* once: frees @later */
  g_signal_handler_disconnect (session, later->handler);
  ps_session_set_speed (session, speed);
}

/**
 * ps_lesson_step_apply:
 *
 * The network first (it may change the loss), then the settings the step
 * names in full, then fresh weights of them: a reload of the dataset, or a
 * rebuild when it is loaded and unedited.
 */
gboolean
ps_lesson_step_apply (const PsLessonStep  *step,
                      PsSession           *session,
                      GError             **error)
{
  const PsDatasetSource *current;
  gboolean same_data;

  g_return_val_if_fail (step != NULL, FALSE);
  g_return_val_if_fail (PS_IS_SESSION (session), FALSE);

  ps_session_stop_playing (session);
  if (ps_session_is_running (session))
    ps_session_stop (session);
  ps_session_set_view_epoch (session, -1);
  if (!ps_session_set_network_spec (session, step->network, error))
    return FALSE;
  ps_session_set_settings (session, &step->settings);

  current = ps_session_get_dataset_source (session);
  same_data = current != NULL && ps_dataset_source_equal (current, step->source) &&
              ps_session_get_train (session) != NULL && !ps_session_is_busy (session) &&
              !ps_session_is_data_edited (session);
  if (same_data)
    ps_session_rebuild (session);
  else
    ps_session_load_dataset (session, step->source);
  /* after the load: a new dataset sets its own default speed; a file's
   * arrives later, and the step's speed follows it */
  if (step->speed >= 0)
    {
      ps_session_set_speed (session, step->speed);
      if (ps_session_is_busy (session))
        {
          SpeedLater *later = g_new0 (SpeedLater, 1);

          later->speed = step->speed;
          later->handler = g_signal_connect_data (session, "dataset-changed", G_CALLBACK (set_speed_later),
                                                  later, speed_later_free, G_CONNECT_AFTER);
        }
    }
  return TRUE;
}

/* ---- shipped lessons ---------------------------------------------------------- */

char *
ps_lesson_find_shipped (const char *name)
{
  const char *roots[2];

  g_return_val_if_fail (name != NULL, NULL);

  if (*name == '\0' || strchr (name, '/') != NULL || name[0] == '.')
    return NULL;
  /* as ps_data_find_dataset_dir(): the build tree's own files first */
  if (ps_datadir_is_uninstalled ())
    {
      roots[0] = PS_SOURCE_DATADIR;
      roots[1] = PS_PKGDATADIR;
    }
  else
    {
      roots[0] = PS_PKGDATADIR;
      roots[1] = PS_SOURCE_DATADIR;
    }
  for (guint i = 0; i < G_N_ELEMENTS (roots); i++)
    {
      g_autofree char *path = g_build_filename (roots[i], "lessons", name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
        return g_steal_pointer (&path);
    }
  return NULL;
}
