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
  g_autoptr(GString) s = g_string_new ("{\n");
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (network_spec != NULL, FALSE);

  g_string_append_printf (s, "  \"format\": \"%s\",\n", EXPERIMENT_FORMAT);
  g_string_append_printf (s, "  \"version\": %d,\n", EXPERIMENT_VERSION);
  g_string_append (s, "  \"dataset\": ");
  append_json_node (s, dataset, 1);
  g_string_append (s, ",\n  \"network\": ");
  ps_json_append_string (s, network_spec);
  g_string_append (s, ",\n  \"training\": ");
  append_json_node (s, training, 1);
  if (model != NULL)
    {
      g_autofree char *model_json = ps_model_to_json (model);

      if (model_json != NULL)
        {
          g_string_append (s, ",\n  \"model\": ");
          append_indented_text (s, model_json, 1);
        }
    }
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
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) local_error = NULL;
  g_autofree char *base = NULL;
  g_autofree char *display = NULL;
  g_autofree char *text = NULL;
  gsize length = 0;
  JsonObject *obj;
  JsonNode *root;
  const char *format, *spec;
  PsNetwork *net = NULL;

  g_return_val_if_fail (path != NULL, FALSE);

  base = g_filename_display_basename (path);
  display = g_filename_display_name (path);
  /* bounded, and never a device or a FIFO */
  if (!ps_file_read_limited (path, PS_FILE_MODEL_MAX, &text, &length, &local_error))
    {
      g_set_error (error, PS_EXPERIMENT_ERROR, PS_EXPERIMENT_ERROR_IO,
                   _("%s: cannot read the experiment: %s"), display, local_error->message);
      return FALSE;
    }
  /* json-glib overflows its stack on deep nesting, takes the first of two
   * documents and wraps big whole numbers around */
  if (!ps_json_check (text, length, PS_JSON_MAX_DEPTH, base, &local_error))
    {
      g_set_error_literal (error, PS_EXPERIMENT_ERROR, PS_EXPERIMENT_ERROR_SYNTAX,
                           local_error->message);
      return FALSE;
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
      g_autofree char *model_text = json_to_string (json_object_get_member (obj, "model"), FALSE);

      net = ps_model_from_json (model_text, -1, base, &local_error);
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
