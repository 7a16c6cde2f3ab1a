/* ps-experiment.c: experiment files (dataset choice + network + settings)
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ps-experiment.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <math.h>
#include <stdarg.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ps-file.h"
#include "ps-history.h"
#include "ps-model-file.h"

#define EXPERIMENT_FORMAT "perceptron-studio-experiment"
#define EXPERIMENT_VERSION 1

G_DEFINE_QUARK (ps-experiment-error-quark, ps_experiment_error)

/* ---- writing JSON ------------------------------------------------------- */

/* json-glib writes every double with "%.17g" (0.9 becomes
 * 0.90000000000000002): this writer gives each number the fewest digits that
 * read back to the very same double, and embeds the model as
 * ps_model_to_json() wrote it (its floats already shortest). */

static void
append_indent (GString *s,
               guint    depth)
{
  for (guint i = 0; i < depth; i++)
    g_string_append (s, "  ");
}

/* The shortest of "%.15g", "%.16g", "%.17g" that reads back to v exactly,
 * with ".0" when it would read back as a whole number. */
static void
append_json_double (GString *s,
                    double   v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  static const char *const formats[] = { "%.15g", "%.16g", "%.17g" };

  if (!isfinite (v))
    {
      g_string_append (s, "null");
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_ascii_formatd (buf, sizeof buf, formats[i], v);
      if (g_ascii_strtod (buf, NULL) == v)
        break;
    }
  g_string_append (s, buf);
  if (strpbrk (buf, ".eE") == NULL)
    g_string_append (s, ".0");
}

static void
append_json_node (GString  *s,
                  JsonNode *node,
                  guint     depth)
{
  if (node == NULL)
    {
      g_string_append (s, "null");
      return;
    }
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObject *obj = json_node_get_object (node);
        /* in insertion order */
        g_autoptr(GList) members = json_object_get_members (obj);

        if (members == NULL)
          {
            g_string_append (s, "{}");
            break;
          }
        g_string_append (s, "{\n");
        for (GList *l = members; l != NULL; l = l->next)
          {
            append_indent (s, depth + 1);
            ps_json_append_string (s, l->data);
            g_string_append (s, ": ");
            append_json_node (s, json_object_get_member (obj, l->data), depth + 1);
            g_string_append (s, l->next != NULL ? ",\n" : "\n");
          }
        append_indent (s, depth);
        g_string_append_c (s, '}');
      }
      break;
    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        guint n = json_array_get_length (array);

        if (n == 0)
          {
            g_string_append (s, "[]");
            break;
          }
        g_string_append (s, "[\n");
        for (guint i = 0; i < n; i++)
          {
            append_indent (s, depth + 1);
            append_json_node (s, json_array_get_element (array, i), depth + 1);
            g_string_append (s, i + 1 < n ? ",\n" : "\n");
          }
        append_indent (s, depth);
        g_string_append_c (s, ']');
      }
      break;
    case JSON_NODE_VALUE:
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_INT64:
          g_string_append_printf (s, "%" G_GINT64_FORMAT, json_node_get_int (node));
          break;
        case G_TYPE_DOUBLE:
          append_json_double (s, json_node_get_double (node));
          break;
        case G_TYPE_BOOLEAN:
          g_string_append (s, json_node_get_boolean (node) ? "true" : "false");
          break;
        case G_TYPE_STRING:
          ps_json_append_string (s, json_node_get_string (node));
          break;
        default:
          g_string_append (s, "null");
        }
      break;
    case JSON_NODE_NULL:
    default:
      g_string_append (s, "null");
    }
}

/* Text made of JSON lines, each but the first indented by depth levels. */
static void
append_indented_text (GString    *s,
                      const char *text,
                      guint       depth)
{
  gsize len = strlen (text);

  while (len > 0 && g_ascii_isspace (text[len - 1]))
    len--;
  for (gsize i = 0; i < len; i++)
    {
      g_string_append_c (s, text[i]);
      if (text[i] == '\n')
        append_indent (s, depth);
    }
}

/* ---- the run ------------------------------------------------------------------ */

PsExperiment *
ps_experiment_new (void)
{
  return g_new0 (PsExperiment, 1);
}

void
ps_experiment_free (PsExperiment *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->dataset, json_node_unref);
  g_clear_pointer (&self->training, json_node_unref);
  g_free (self->network_spec);
  g_clear_pointer (&self->model, ps_network_free);
  g_free (self->history);
  g_clear_pointer (&self->checkpoints, g_ptr_array_unref);
  g_clear_pointer (&self->runs, g_ptr_array_unref);
  g_free (self);
}

static void
append_member_double (GString    *s,
                      const char *key,
                      double      v)
{
  g_string_append (s, ", ");
  ps_json_append_string (s, key);
  g_string_append (s, ": ");
  append_json_double (s, v);
}

/* One object per epoch on one line, keyed as the history CSV's columns;
 * the "history" member at @depth (1: the file's top level). */
static void
append_history (GString              *s,
                const PsEpochMetrics *history,
                guint                 n_epochs,
                guint                 depth)
{
  g_string_append (s, ",\n");
  append_indent (s, depth);
  g_string_append (s, "\"history\": [");
  for (guint i = 0; i < n_epochs; i++)
    {
      const PsEpochMetrics *m = &history[i];

      g_string_append (s, i > 0 ? ",\n" : "\n");
      append_indent (s, depth + 1);
      g_string_append_printf (s, "{\"epoch\": %u", i + 1);
      append_member_double (s, "loss", m->loss);
      append_member_double (s, "accuracy", m->accuracy);
      append_member_double (s, "rmse", m->rmse);
      if (m->has_val)
        {
          append_member_double (s, "val_loss", m->val_loss);
          append_member_double (s, "val_accuracy", m->val_accuracy);
          append_member_double (s, "val_rmse", m->val_rmse);
        }
      append_member_double (s, "seconds", m->seconds);
      append_member_double (s, "samples_per_second", m->samples_per_second);
      g_string_append_c (s, '}');
    }
  if (n_epochs > 0)
    {
      g_string_append_c (s, '\n');
      append_indent (s, depth);
    }
  g_string_append_c (s, ']');
}

/* The bytes of @n floats, little-endian whatever the machine. */
static char *
params_to_base64 (const float *params,
                  gsize        n)
{
#if G_BYTE_ORDER == G_LITTLE_ENDIAN
  return g_base64_encode ((const guchar *) params, n * sizeof (float));
#else
  g_autofree guint32 *le = g_new (guint32, n);
  guint32 u;

  for (gsize i = 0; i < n; i++)
    {
      memcpy (&u, &params[i], sizeof u);
      le[i] = GUINT32_TO_LE (u);
    }
  return g_base64_encode ((const guchar *) le, n * sizeof (float));
#endif
}

/* Characters of one checkpoint in the file: its base64 and its frame. */
static gsize
checkpoint_text_size (gsize n_params)
{
  return (n_params * sizeof (float) + 2) / 3 * 4 + 64;
}

/* The checkpoints within the history, thinned (every other one, the first
 * and the last kept) until @room characters hold them. (transfer container) */
static GPtrArray *
checkpoints_to_write (const PsExperiment *self,
                      gsize               room)
{
  GPtrArray *kept = g_ptr_array_new ();
  gsize each = checkpoint_text_size (self->model->n_params);

  for (guint i = 0; i < self->checkpoints->len; i++)
    {
      PsExperimentCheckpoint *cp = g_ptr_array_index (self->checkpoints, i);

      if (cp->epoch <= self->n_epochs)
        g_ptr_array_add (kept, cp);
    }
  while (kept->len > 0 && kept->len * each > room)
    {
      GPtrArray *thinner = g_ptr_array_new ();

      if (kept->len <= 2)
        {
          g_ptr_array_set_size (kept, 0);
          break;
        }
      for (guint i = 0; i < kept->len; i += 2)
        g_ptr_array_add (thinner, g_ptr_array_index (kept, i));
      if ((kept->len - 1) % 2 != 0)
        g_ptr_array_add (thinner, g_ptr_array_index (kept, kept->len - 1));
      g_ptr_array_unref (kept);
      kept = thinner;
    }
  return kept;
}

static void
append_checkpoints (GString            *s,
                    const PsExperiment *self)
{
  g_autoptr(GPtrArray) kept = NULL;
  gsize room = PS_FILE_MODEL_MAX > s->len + 1024 ? PS_FILE_MODEL_MAX - s->len - 1024 : 0;

  kept = checkpoints_to_write (self, room);
  if (kept->len == 0)
    return;
  g_string_append (s, ",\n  \"checkpoints\": [");
  for (guint i = 0; i < kept->len; i++)
    {
      PsExperimentCheckpoint *cp = g_ptr_array_index (kept, i);
      g_autofree char *b64 = params_to_base64 (cp->params, self->model->n_params);

      g_string_append_printf (s, "%s\n    {\"epoch\": %u, \"params\": \"%s\"}",
                              i > 0 ? "," : "", cp->epoch, b64);
    }
  g_string_append (s, "\n  ]");
}

/* ---- the session's runs ---------------------------------------------------------- */

PsExperimentRun *
ps_experiment_run_new (void)
{
  return g_new0 (PsExperimentRun, 1);
}

void
ps_experiment_run_free (PsExperimentRun *run)
{
  if (run == NULL)
    return;
  g_free (run->dataset);
  g_free (run->network_spec);
  g_clear_pointer (&run->training, json_node_unref);
  g_free (run->diff);
  g_clear_pointer (&run->model, ps_network_free);
  g_free (run->history);
  g_free (run);
}

/* One run as an object at depth 2 (an element of "runs"). */
static void
append_run (GString               *s,
            const PsExperimentRun *run)
{
  append_indent (s, 2);
  g_string_append_printf (s, "{\n      \"number\": %u", run->number);
  if (run->dataset != NULL)
    {
      g_string_append (s, ",\n      \"dataset\": ");
      ps_json_append_string (s, run->dataset);
    }
  g_string_append (s, ",\n      \"network\": ");
  ps_json_append_string (s, run->network_spec);
  g_string_append (s, ",\n      \"training\": ");
  append_json_node (s, run->training, 3);
  if (run->diff != NULL)
    {
      g_string_append (s, ",\n      \"diff\": ");
      ps_json_append_string (s, run->diff);
    }
  g_string_append_printf (s, ",\n      \"shown\": %s", run->shown ? "true" : "false");
  if (run->current)
    g_string_append (s, ",\n      \"current\": true");
  if (run->model != NULL)
    {
      g_autofree char *model_json = ps_model_to_json (run->model);

      if (model_json != NULL)
        {
          g_string_append (s, ",\n      \"model\": ");
          append_indented_text (s, model_json, 3);
        }
    }
  if (run->n_epochs > 0)
    append_history (s, run->history, run->n_epochs, 3);
  g_string_append (s, "\n    }");
}

/* The runs, oldest first, while the file stays under half the limit a
 * load accepts (the rest is for the checkpoints). */
static void
append_runs (GString         *s,
             const GPtrArray *runs)
{
  g_autoptr(GString) text = g_string_new (NULL);
  guint n = 0;

  for (guint i = 0; i < runs->len; i++)
    {
      gsize before = text->len;

      if (n > 0)
        g_string_append (text, ",\n");
      append_run (text, g_ptr_array_index (runs, i));
      if (s->len + text->len > PS_FILE_MODEL_MAX / 2)
        {
          g_string_truncate (text, before);
          break;
        }
      n++;
    }
  if (n == 0)
    return;
  g_string_append (s, ",\n  \"runs\": [\n");
  g_string_append_len (s, text->str, text->len);
  g_string_append (s, "\n  ]");
}

/**
 * ps_experiment_write:
 * @self: the experiment; dataset, network_spec and training are required
 *
 * Writes atomically: the old file stays intact on failure.
 */
gboolean
ps_experiment_write (const PsExperiment  *self,
                     const char          *path,
                     GError             **error)
{
  g_autoptr(GString) s = g_string_new ("{\n");
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (self->network_spec != NULL, FALSE);
  g_return_val_if_fail (self->history != NULL || self->n_epochs == 0, FALSE);

  g_string_append_printf (s, "  \"format\": \"%s\",\n", EXPERIMENT_FORMAT);
  g_string_append_printf (s, "  \"version\": %d,\n", EXPERIMENT_VERSION);
  g_string_append (s, "  \"dataset\": ");
  append_json_node (s, self->dataset, 1);
  g_string_append (s, ",\n  \"network\": ");
  ps_json_append_string (s, self->network_spec);
  g_string_append (s, ",\n  \"training\": ");
  append_json_node (s, self->training, 1);
  if (self->model != NULL)
    {
      g_autofree char *model_json = ps_model_to_json (self->model);

      if (model_json != NULL)
        {
          g_string_append (s, ",\n  \"model\": ");
          append_indented_text (s, model_json, 1);
        }
    }
  if (self->n_epochs > 0)
    append_history (s, self->history, self->n_epochs, 1);
  /* before the checkpoints: those thin themselves to the room left */
  if (self->runs != NULL && self->runs->len > 0)
    append_runs (s, self->runs);
  /* the checkpoints are the model's parameters: without it they mean nothing */
  if (self->model != NULL && self->checkpoints != NULL && self->checkpoints->len > 0)
    append_checkpoints (s, self);
  g_string_append (s, "\n}\n");

  if (!ps_file_write (path, s->str, s->len, 0644, &local_error))
    {
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, PS_EXPERIMENT_ERROR, PS_EXPERIMENT_ERROR_IO,
                   _("%s: cannot save the experiment: %s"), display, local_error->message);
      return FALSE;
    }
  return TRUE;
}

/**
 * ps_experiment_save:
 * @dataset: the dataset choice (a JSON object)
 * @network_spec: the architecture, "2,3:sigmoid,1:sigmoid"
 * @training: the training settings (a JSON object)
 * @model: (nullable): weights to store with it
 *
 * Writes atomically: the old file stays intact on failure.
 */
gboolean
ps_experiment_save (const char       *path,
                    JsonNode         *dataset,
                    const char       *network_spec,
                    JsonNode         *training,
                    const PsNetwork  *model,
                    GError          **error)
{
  PsExperiment exp = { 0 };

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (network_spec != NULL, FALSE);

  /* borrowed, never freed */
  exp.dataset = dataset;
  exp.network_spec = (char *) network_spec;
  exp.training = training;
  exp.model = (PsNetwork *) model;
  return ps_experiment_write (&exp, path, error);
}

/* ---- reading the run ----------------------------------------------------------- */

static gboolean G_GNUC_PRINTF (3, 4)
invalid (GError    **error,
         const char *base,
         const char *format,
         ...)
{
  g_autofree char *msg = NULL;
  va_list args;

  va_start (args, format);
  msg = g_strdup_vprintf (format, args);
  va_end (args);
  /* without a base: a part of a message another call completes */
  if (base == NULL)
    g_set_error_literal (error, PS_EXPERIMENT_ERROR, PS_EXPERIMENT_ERROR_INVALID, msg);
  else
    g_set_error (error, PS_EXPERIMENT_ERROR, PS_EXPERIMENT_ERROR_INVALID, "%s: %s", base, msg);
  return FALSE;
}

/* A number, or null (what the writer makes of a value that is not finite). */
static gboolean
get_number (JsonObject *obj,
            const char *key,
            double     *out)
{
  JsonNode *node = json_object_get_member (obj, key);

  if (node == NULL)
    return FALSE;
  if (JSON_NODE_HOLDS_NULL (node))
    {
      *out = NAN;
      return TRUE;
    }
  if (!JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_DOUBLE:
      *out = json_node_get_double (node);
      return TRUE;
    case G_TYPE_INT64:
      *out = (double) json_node_get_int (node);
      return TRUE;
    default:
      return FALSE;
    }
}

/* A whole number in [0, G_MAXUINT]. */
static gboolean
get_uint (JsonObject *obj,
          const char *key,
          guint      *out)
{
  JsonNode *node = json_object_get_member (obj, key);
  gint64 v;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return FALSE;
  v = json_node_get_int (node);
  if (v < 0 || v > G_MAXUINT)
    return FALSE;
  *out = (guint) v;
  return TRUE;
}

static gboolean
read_history (JsonArray       *array,
              const char      *base,
              PsEpochMetrics **history_out,
              guint           *n_out,
              GError         **error)
{
  guint n = json_array_get_length (array);
  g_autofree PsEpochMetrics *history = g_new0 (PsEpochMetrics, MAX (n, 1));
  static const char *const required[] = { "loss", "accuracy" };
  static const char *const optional[] = { "rmse", "seconds", "samples_per_second" };
  static const char *const val_keys[] = { "val_loss", "val_accuracy", "val_rmse" };

  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      PsEpochMetrics *m = &history[i];
      double *required_out[] = { &m->loss, &m->accuracy };
      double *optional_out[] = { &m->rmse, &m->seconds, &m->samples_per_second };
      double *val_out[] = { &m->val_loss, &m->val_accuracy, &m->val_rmse };
      JsonObject *obj;
      guint epoch;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return invalid (error, base, _("history[%u] is not an object."), i);
      obj = json_node_get_object (node);
      if (!get_uint (obj, "epoch", &epoch) || epoch != i + 1)
        return invalid (error, base, _("history[%u].epoch should be %u."), i, i + 1);
      m->epoch = epoch;
      for (guint k = 0; k < G_N_ELEMENTS (required); k++)
        if (!get_number (obj, required[k], required_out[k]))
          return invalid (error, base, _("history[%u].%s is missing or not a number."), i, required[k]);
      for (guint k = 0; k < G_N_ELEMENTS (optional); k++)
        if (json_object_has_member (obj, optional[k]) && !get_number (obj, optional[k], optional_out[k]))
          return invalid (error, base, _("history[%u].%s is missing or not a number."), i, optional[k]);
      m->has_val = json_object_has_member (obj, "val_loss");
      for (guint k = 0; m->has_val && k < G_N_ELEMENTS (val_keys); k++)
        {
          *val_out[k] = NAN;
          if (json_object_has_member (obj, val_keys[k]) && !get_number (obj, val_keys[k], val_out[k]))
            return invalid (error, base, _("history[%u].%s is missing or not a number."), i, val_keys[k]);
        }
    }
  *history_out = g_steal_pointer (&history);
  *n_out = n;
  return TRUE;
}

/* Strict base64: the alphabet, whole quads, '=' only as the last one or two. */
static gboolean
is_base64 (const char *text,
           gsize       len)
{
  gsize pad = 0;

  if (len % 4 != 0)
    return FALSE;
  while (pad < 2 && pad < len && text[len - 1 - pad] == '=')
    pad++;
  for (gsize i = 0; i < len - pad; i++)
    if (!g_ascii_isalnum (text[i]) && text[i] != '+' && text[i] != '/')
      return FALSE;
  return TRUE;
}

static gboolean
read_checkpoints (JsonArray    *array,
                  const char   *base,
                  PsExperiment *exp,
                  GError      **error)
{
  guint n = json_array_get_length (array);
  gsize n_params = exp->model->n_params;
  g_autoptr(GPtrArray) checkpoints = g_ptr_array_new_full (n, g_free);

  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      PsExperimentCheckpoint *cp;
      g_autofree guchar *bytes = NULL;
      const char *b64;
      gsize n_bytes = 0;
      JsonObject *obj;
      float *params;
      guint epoch;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return invalid (error, base, _("checkpoints[%u] is not an object."), i);
      obj = json_node_get_object (node);
      if (!get_uint (obj, "epoch", &epoch))
        return invalid (error, base, _("checkpoints[%u].epoch is missing or not a whole number."), i);
      if (checkpoints->len > 0 &&
          epoch <= ((PsExperimentCheckpoint *) g_ptr_array_index (checkpoints, checkpoints->len - 1))->epoch)
        return invalid (error, base, _("checkpoints[%u].epoch (%u) does not come after the checkpoint before it."),
                        i, epoch);
      if (epoch > exp->n_epochs)
        return invalid (error, base, _("checkpoints[%u].epoch (%u) is past the history’s last epoch (%u)."),
                        i, epoch, exp->n_epochs);
      b64 = json_object_get_string_member_with_default (obj, "params", NULL);
      if (b64 == NULL || !is_base64 (b64, strlen (b64)))
        return invalid (error, base, _("checkpoints[%u].params is not base64 text."), i);
      if (strlen (b64) / 4 * 3 > n_params * sizeof (float) + 2)
        return invalid (error, base, _("checkpoints[%u].params does not hold the model’s %lu values."),
                        i, (unsigned long) n_params);
      bytes = g_base64_decode (b64, &n_bytes);
      if (n_bytes != n_params * sizeof (float))
        return invalid (error, base, _("checkpoints[%u].params does not hold the model’s %lu values."),
                        i, (unsigned long) n_params);

      /* the checkpoint and its values in one block */
      cp = g_malloc (sizeof (PsExperimentCheckpoint) + n_bytes);
      params = (float *) (cp + 1);
      for (gsize k = 0; k < n_params; k++)
        {
          guint32 u;

          memcpy (&u, bytes + k * sizeof u, sizeof u);
          u = GUINT32_FROM_LE (u);
          memcpy (&params[k], &u, sizeof u);
        }
      cp->epoch = epoch;
      cp->params = params;
      g_ptr_array_add (checkpoints, cp);
    }
  exp->checkpoints = g_steal_pointer (&checkpoints);
  return TRUE;
}

/* runs[@i]: an object with a number, a network and its training settings;
 * the model and the history as the file's own. */
static gboolean
read_run (JsonNode         *node,
          guint             i,
          const char       *base,
          PsExperimentRun **out,
          GError          **error)
{
  PsExperimentRun *run;
  g_autoptr(GError) local = NULL;
  JsonObject *obj;
  JsonNode *member;
  guint number;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return invalid (error, base, _("runs[%u] is not an object."), i);
  obj = json_node_get_object (node);
  if (!get_uint (obj, "number", &number) || number == 0)
    return invalid (error, base, _("runs[%u].number is missing or not a whole number above 0."), i);
  member = json_object_get_member (obj, "network");
  if (member == NULL || !JSON_NODE_HOLDS_VALUE (member) || json_node_get_value_type (member) != G_TYPE_STRING)
    return invalid (error, base, _("runs[%u].network is missing or not text."), i);
  member = json_object_get_member (obj, "training");
  if (member == NULL || !JSON_NODE_HOLDS_OBJECT (member))
    return invalid (error, base, _("runs[%u].training is missing or not an object."), i);
  for (guint k = 0; k < 2; k++)
    {
      const char *key = k == 0 ? "dataset" : "diff";

      member = json_object_get_member (obj, key);
      if (member != NULL && (!JSON_NODE_HOLDS_VALUE (member) || json_node_get_value_type (member) != G_TYPE_STRING))
        return invalid (error, base, _("runs[%u].%s is not text."), i, key);
    }
  for (guint k = 0; k < 2; k++)
    {
      const char *key = k == 0 ? "shown" : "current";

      member = json_object_get_member (obj, key);
      if (member != NULL && (!JSON_NODE_HOLDS_VALUE (member) || json_node_get_value_type (member) != G_TYPE_BOOLEAN))
        return invalid (error, base, _("runs[%u].%s is not true or false."), i, key);
    }
  member = json_object_get_member (obj, "history");
  if (member != NULL && !JSON_NODE_HOLDS_ARRAY (member))
    return invalid (error, base, _("runs[%u].history is not a list."), i);

  run = ps_experiment_run_new ();
  run->number = number;
  run->network_spec = g_strdup (json_object_get_string_member (obj, "network"));
  run->training = json_node_copy (json_object_get_member (obj, "training"));
  run->dataset = g_strdup (json_object_get_string_member_with_default (obj, "dataset", NULL));
  run->diff = g_strdup (json_object_get_string_member_with_default (obj, "diff", NULL));
  run->shown = json_object_get_boolean_member_with_default (obj, "shown", FALSE);
  run->current = json_object_get_boolean_member_with_default (obj, "current", FALSE);
  if (member != NULL &&
      !read_history (json_node_get_array (member), NULL, &run->history, &run->n_epochs, &local))
    {
      ps_experiment_run_free (run);
      return invalid (error, base, "runs[%u].%s", i, local->message);
    }
  if (json_object_has_member (obj, "model"))
    {
      g_autofree char *model_text = json_to_string (json_object_get_member (obj, "model"), FALSE);
      g_autofree char *where = g_strdup_printf ("runs[%u].model", i);

      run->model = ps_model_from_json (model_text, -1, where, &local);
      if (run->model == NULL)
        {
          ps_experiment_run_free (run);
          /* the model reader's message starts with where: "runs[0].model: ..." */
          return invalid (error, base, "%s", local->message);
        }
    }
  *out = run;
  return TRUE;
}

static gboolean
read_runs (JsonArray    *array,
           const char   *base,
           PsExperiment *exp,
           GError      **error)
{
  guint n = json_array_get_length (array);
  g_autoptr(GPtrArray) runs = g_ptr_array_new_full (n, (GDestroyNotify) ps_experiment_run_free);

  gboolean current = FALSE;

  for (guint i = 0; i < n; i++)
    {
      PsExperimentRun *run = NULL;

      if (!read_run (json_array_get_element (array, i), i, base, &run, error))
        return FALSE;
      g_ptr_array_add (runs, run);
      if (run->current && current)
        return invalid (error, base, _("runs[%u].current: only one run can be the current one."), i);
      current = current || run->current;
    }
  exp->runs = g_steal_pointer (&runs);
  return TRUE;
}

/**
 * ps_experiment_read:
 *
 * Returns: (transfer full) (nullable): the experiment, or NULL + error
 */
PsExperiment *
ps_experiment_read (const char  *path,
                    GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) local_error = NULL;
  g_autoptr(PsExperiment) exp = NULL;
  g_autofree char *base = NULL;
  g_autofree char *display = NULL;
  g_autofree char *text = NULL;
  gsize length = 0;
  JsonObject *obj;
  JsonNode *root, *node;
  const char *format, *spec;

  g_return_val_if_fail (path != NULL, NULL);

  base = g_filename_display_basename (path);
  display = g_filename_display_name (path);
  /* bounded, and never a device or a FIFO */
  if (!ps_file_read_limited (path, PS_FILE_MODEL_MAX, &text, &length, &local_error))
    {
      g_set_error (error, PS_EXPERIMENT_ERROR, PS_EXPERIMENT_ERROR_IO,
                   _("%s: cannot read the experiment: %s"), display, local_error->message);
      return NULL;
    }
  /* json-glib overflows its stack on deep nesting, takes the first of two
   * documents and wraps big whole numbers around */
  if (!ps_json_check (text, length, PS_JSON_MAX_DEPTH, base, &local_error))
    {
      g_set_error_literal (error, PS_EXPERIMENT_ERROR, PS_EXPERIMENT_ERROR_SYNTAX,
                           local_error->message);
      return NULL;
    }
  if (!json_parser_load_from_data (parser, text, (gssize) length, &local_error))
    {
      /* json-glib quotes the text, which may not be UTF-8 */
      g_autofree char *valid = g_utf8_make_valid (local_error->message, -1);

      /* "<data>:LINE:COL: Parse error: ..." becomes "exp.json:LINE:COL: ..." */
      if (g_str_has_prefix (valid, "<data>:"))
        g_set_error (error, PS_EXPERIMENT_ERROR, PS_EXPERIMENT_ERROR_SYNTAX,
                     "%s:%s", base, valid + strlen ("<data>:"));
      else
        g_set_error (error, PS_EXPERIMENT_ERROR, PS_EXPERIMENT_ERROR_SYNTAX,
                     _("%s is not valid JSON: %s"), base, valid);
      return NULL;
    }
  /* the text is parsed: its copy goes before the run's arrays are built */
  g_clear_pointer (&text, g_free);
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, PS_EXPERIMENT_ERROR, PS_EXPERIMENT_ERROR_INVALID,
                   _("%s is not an experiment file."), base);
      return NULL;
    }
  obj = json_node_get_object (root);
  format = json_object_get_string_member_with_default (obj, "format", NULL);
  if (g_strcmp0 (format, EXPERIMENT_FORMAT) != 0)
    {
      g_set_error (error, PS_EXPERIMENT_ERROR, PS_EXPERIMENT_ERROR_INVALID,
                   _("%s is not an experiment file."), base);
      return NULL;
    }
  if (json_object_get_int_member_with_default (obj, "version", 0) > EXPERIMENT_VERSION)
    {
      g_set_error (error, PS_EXPERIMENT_ERROR, PS_EXPERIMENT_ERROR_INVALID,
                   _("%s was written by a newer version of Perceptron Studio."), base);
      return NULL;
    }
  spec = json_object_get_string_member_with_default (obj, "network", NULL);
  if (spec == NULL || !json_object_has_member (obj, "dataset") || !json_object_has_member (obj, "training"))
    {
      g_set_error (error, PS_EXPERIMENT_ERROR, PS_EXPERIMENT_ERROR_INVALID,
                   _("%s lacks its dataset, network or training settings."), base);
      return NULL;
    }
  exp = ps_experiment_new ();
  if (json_object_has_member (obj, "model"))
    {
      g_autofree char *model_text = json_to_string (json_object_get_member (obj, "model"), FALSE);

      exp->model = ps_model_from_json (model_text, -1, base, &local_error);
      if (exp->model == NULL)
        {
          g_set_error (error, PS_EXPERIMENT_ERROR, PS_EXPERIMENT_ERROR_INVALID,
                       _("The model in %s is invalid: %s"), base, local_error->message);
          return NULL;
        }
    }
  node = json_object_get_member (obj, "history");
  if (node != NULL && !JSON_NODE_HOLDS_ARRAY (node))
    {
      invalid (error, base, _("“%s” is not a list."), "history");
      return NULL;
    }
  if (node != NULL && !read_history (json_node_get_array (node), base, &exp->history, &exp->n_epochs, error))
    return NULL;
  node = json_object_get_member (obj, "checkpoints");
  if (node != NULL && !JSON_NODE_HOLDS_ARRAY (node))
    {
      invalid (error, base, _("“%s” is not a list."), "checkpoints");
      return NULL;
    }
  if (node != NULL && exp->model == NULL)
    {
      invalid (error, base, _("“checkpoints” need the model’s weights (“model”)."));
      return NULL;
    }
  if (node != NULL && !read_checkpoints (json_node_get_array (node), base, exp, error))
    return NULL;
  node = json_object_get_member (obj, "runs");
  if (node != NULL && !JSON_NODE_HOLDS_ARRAY (node))
    {
      invalid (error, base, _("“%s” is not a list."), "runs");
      return NULL;
    }
  if (node != NULL && !read_runs (json_node_get_array (node), base, exp, error))
    return NULL;

  exp->dataset = json_node_copy (json_object_get_member (obj, "dataset"));
  exp->training = json_node_copy (json_object_get_member (obj, "training"));
  exp->network_spec = g_strdup (spec);
  return g_steal_pointer (&exp);
}

/**
 * ps_experiment_load:
 * @dataset: (out) (transfer full): the dataset choice
 * @network_spec: (out) (transfer full): the architecture
 * @training: (out) (transfer full): the settings
 * @model: (out) (transfer full) (nullable): the weights, or NULL
 */
gboolean
ps_experiment_load (const char  *path,
                    JsonNode   **dataset,
                    char       **network_spec,
                    JsonNode   **training,
                    PsNetwork  **model,
                    GError     **error)
{
  g_autoptr(PsExperiment) exp = NULL;

  g_return_val_if_fail (path != NULL, FALSE);

  exp = ps_experiment_read (path, error);
  if (exp == NULL)
    return FALSE;
  *dataset = g_steal_pointer (&exp->dataset);
  *training = g_steal_pointer (&exp->training);
  *network_spec = g_steal_pointer (&exp->network_spec);
  *model = g_steal_pointer (&exp->model);
  return TRUE;
}

/**
 * ps_experiment_sniff:
 *
 * Whether path is a regular file whose first 4 KiB name the experiment
 * format (experiments say so first; other JSON is a model). Reads no more,
 * and never opens a device or blocks on a FIFO.
 */
gboolean
ps_experiment_sniff (const char *path)
{
  char buf[4097];
  GStatBuf st;
  gssize n;
  int fd;

  g_return_val_if_fail (path != NULL, FALSE);

  if (g_stat (path, &st) != 0 || !S_ISREG (st.st_mode))
    return FALSE;
  fd = g_open (path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY, 0);
  if (fd < 0)
    return FALSE;
  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      close (fd);
      return FALSE;
    }
  do
    n = read (fd, buf, sizeof buf - 1);
  while (n < 0 && errno == EINTR);
  close (fd);
  if (n <= 0)
    return FALSE;
  buf[n] = '\0';
  /* the text may hold NUL bytes: search the whole buffer */
  for (gssize i = 0; i < n; i += (gssize) strlen (buf + i) + 1)
    if (strstr (buf + i, EXPERIMENT_FORMAT) != NULL)
      return TRUE;
  return FALSE;
}
