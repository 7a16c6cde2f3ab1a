/* ps-experiment.c: experiment files (dataset choice + network + settings)
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ps-experiment.h"

#include <glib/gi18n.h>

#include "ps-model-file.h"

#define EXPERIMENT_FORMAT "perceptron-studio-experiment"
#define EXPERIMENT_VERSION 1

G_DEFINE_QUARK (ps-experiment-error-quark, ps_experiment_error)

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
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (network_spec != NULL, FALSE);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "format");
  json_builder_add_string_value (b, EXPERIMENT_FORMAT);
  json_builder_set_member_name (b, "version");
  json_builder_add_int_value (b, EXPERIMENT_VERSION);
  json_builder_set_member_name (b, "dataset");
  json_builder_add_value (b, dataset != NULL ? json_node_copy (dataset) : json_node_new (JSON_NODE_NULL));
  json_builder_set_member_name (b, "network");
  json_builder_add_string_value (b, network_spec);
  json_builder_set_member_name (b, "training");
  json_builder_add_value (b, training != NULL ? json_node_copy (training) : json_node_new (JSON_NODE_NULL));
  if (model != NULL)
    {
      g_autofree char *model_json = ps_model_to_json (model);
      JsonNode *model_node = model_json != NULL ? json_from_string (model_json, NULL) : NULL;

      if (model_node != NULL)
        {
          json_builder_set_member_name (b, "model");
          json_builder_add_value (b, model_node);
        }
    }
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  json_generator_set_pretty (gen, TRUE);
  text = json_generator_to_data (gen, NULL);

  if (!g_file_set_contents_full (path, text, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0644, &local_error))
    {
      g_set_error (error, PS_EXPERIMENT_ERROR, PS_EXPERIMENT_ERROR_IO, "%s", local_error->message);
      return FALSE;
    }
  return TRUE;
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
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;
  g_autofree char *base = NULL;
  JsonObject *obj;
  JsonNode *root;
  const char *format, *spec;
  PsNetwork *net = NULL;

  g_return_val_if_fail (path != NULL, FALSE);

  base = g_path_get_basename (path);
  if (!json_parser_load_from_mapped_file (parser, path, &local_error))
    {
      if (local_error->domain == G_FILE_ERROR)
        g_set_error (error, PS_EXPERIMENT_ERROR, PS_EXPERIMENT_ERROR_IO, "%s", local_error->message);
      else
        g_set_error (error, PS_EXPERIMENT_ERROR, PS_EXPERIMENT_ERROR_SYNTAX,
                     _("%s is not valid JSON: %s"), base, local_error->message);
      return FALSE;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, PS_EXPERIMENT_ERROR, PS_EXPERIMENT_ERROR_INVALID,
                   _("%s is not an experiment file."), base);
      return FALSE;
    }
  obj = json_node_get_object (root);
  format = json_object_get_string_member_with_default (obj, "format", NULL);
  if (g_strcmp0 (format, EXPERIMENT_FORMAT) != 0)
    {
      g_set_error (error, PS_EXPERIMENT_ERROR, PS_EXPERIMENT_ERROR_INVALID,
                   _("%s is not an experiment file."), base);
      return FALSE;
    }
  if (json_object_get_int_member_with_default (obj, "version", 0) > EXPERIMENT_VERSION)
    {
      g_set_error (error, PS_EXPERIMENT_ERROR, PS_EXPERIMENT_ERROR_INVALID,
                   _("%s was written by a newer version of Perceptron Studio."), base);
      return FALSE;
    }
  spec = json_object_get_string_member_with_default (obj, "network", NULL);
  if (spec == NULL || !json_object_has_member (obj, "dataset") || !json_object_has_member (obj, "training"))
    {
      g_set_error (error, PS_EXPERIMENT_ERROR, PS_EXPERIMENT_ERROR_INVALID,
                   _("%s lacks its dataset, network or training settings."), base);
      return FALSE;
    }
  if (json_object_has_member (obj, "model"))
    {
      g_autofree char *text = json_to_string (json_object_get_member (obj, "model"), FALSE);

      net = ps_model_from_json (text, -1, base, &local_error);
      if (net == NULL)
        {
          g_set_error (error, PS_EXPERIMENT_ERROR, PS_EXPERIMENT_ERROR_INVALID,
                       _("The model in %s is invalid: %s"), base, local_error->message);
          return FALSE;
        }
    }

  *dataset = json_node_copy (json_object_get_member (obj, "dataset"));
  *training = json_node_copy (json_object_get_member (obj, "training"));
  *network_spec = g_strdup (spec);
  *model = net;
  return TRUE;
}

static void
append_value (GString *s,
              double   v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append_c (s, ',');
  g_string_append (s, g_ascii_formatd (buf, sizeof buf, "%.9g", v));
}

/**
 * ps_history_save_csv:
 *
 * One row per epoch, Keras' history names; validation columns are empty
 * for epochs without validation. Atomic.
 */
gboolean
ps_history_save_csv (const char            *path,
                     const PsEpochMetrics  *history,
                     guint                  n_epochs,
                     GError               **error)
{
  g_autoptr(GString) s = g_string_new ("epoch,loss,accuracy,rmse,val_loss,val_accuracy,val_rmse,seconds,samples_per_second\n");
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (history != NULL || n_epochs == 0, FALSE);

  for (guint i = 0; i < n_epochs; i++)
    {
      const PsEpochMetrics *m = &history[i];

      g_string_append_printf (s, "%u", m->epoch);
      append_value (s, m->loss);
      append_value (s, m->accuracy);
      append_value (s, m->rmse);
      if (m->has_val)
        {
          append_value (s, m->val_loss);
          append_value (s, m->val_accuracy);
          append_value (s, m->val_rmse);
        }
      else
        g_string_append (s, ",,,");
      append_value (s, m->seconds);
      append_value (s, m->samples_per_second);
      g_string_append_c (s, '\n');
    }

  if (!g_file_set_contents_full (path, s->str, s->len, G_FILE_SET_CONTENTS_CONSISTENT, 0644, &local_error))
    {
      g_set_error (error, PS_EXPERIMENT_ERROR, PS_EXPERIMENT_ERROR_IO, "%s", local_error->message);
      return FALSE;
    }
  return TRUE;
}
