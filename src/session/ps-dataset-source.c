/* ps-dataset-source.c: what to load, as a value
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ps-dataset-source.h"

#include <glib/gi18n.h>
#include <math.h>

#include "ps-datadir.h"
#include "ps-generators.h"

typedef struct
{
  const char          *id;
  PsDatasetSourceKind  kind;
} SourceInfo;

/* The dataset dropdown's order. */
static const SourceInfo sources[] = {
  { "and", PS_DATASET_SOURCE_GATE },
  { "or", PS_DATASET_SOURCE_GATE },
  { "xor", PS_DATASET_SOURCE_GATE },
  { "and3", PS_DATASET_SOURCE_GATE },
  { "or3", PS_DATASET_SOURCE_GATE },
  { "circle", PS_DATASET_SOURCE_GENERATOR },
  { "xor-cloud", PS_DATASET_SOURCE_GENERATOR },
  { "gauss", PS_DATASET_SOURCE_GENERATOR },
  { "spiral", PS_DATASET_SOURCE_GENERATOR },
  { "moons", PS_DATASET_SOURCE_GENERATOR },
  { "mnist", PS_DATASET_SOURCE_IDX },
  { "fashion-mnist", PS_DATASET_SOURCE_IDX },
  { "csv", PS_DATASET_SOURCE_CSV },
};

static const char *const source_ids[] = {
  "and", "or", "xor", "and3", "or3", "circle", "xor-cloud", "gauss", "spiral",
  "moons", "mnist", "fashion-mnist", "csv", NULL
};

G_DEFINE_BOXED_TYPE (PsDatasetSource, ps_dataset_source, ps_dataset_source_copy, ps_dataset_source_free)

static const SourceInfo *
lookup (const char *id)
{
  for (guint i = 0; id != NULL && i < G_N_ELEMENTS (sources); i++)
    if (g_str_equal (sources[i].id, id))
      return &sources[i];
  return NULL;
}

const char *const *
ps_dataset_source_ids (void)
{
  G_STATIC_ASSERT (G_N_ELEMENTS (source_ids) == G_N_ELEMENTS (sources) + 1);
  return source_ids;
}

/**
 * ps_dataset_source_id_index:
 * @id: (nullable): a dataset id
 *
 * Returns: @id's position in ps_dataset_source_ids(), or -1 for an unknown
 *   id or NULL
 */
int
ps_dataset_source_id_index (const char *id)
{
  const SourceInfo *info = lookup (id);

  return info != NULL ? (int) (info - sources) : -1;
}

/**
 * ps_dataset_source_id_at:
 *
 * Returns: (nullable): the id at @index of ps_dataset_source_ids(), or NULL
 *   past the end
 */
const char *
ps_dataset_source_id_at (guint index)
{
  return index < G_N_ELEMENTS (sources) ? source_ids[index] : NULL;
}

/**
 * ps_dataset_source_id_has_kind:
 * @id: (nullable): a dataset id
 *
 * Returns: whether @id names a source of @kind (FALSE for an unknown id)
 */
gboolean
ps_dataset_source_id_has_kind (const char          *id,
                               PsDatasetSourceKind  kind)
{
  const SourceInfo *info = lookup (id);

  return info != NULL && info->kind == kind;
}

/**
 * ps_dataset_source_new:
 * @id: a dataset id
 *
 * Returns: (transfer full) (nullable): @id with default options, or NULL
 *   for an unknown id
 */
PsDatasetSource *
ps_dataset_source_new (const char *id)
{
  const SourceInfo *info = lookup (id);
  PsDatasetSource *self;

  if (info == NULL)
    return NULL;
  self = g_new0 (PsDatasetSource, 1);
  self->id = g_strdup (info->id);
  self->n_samples = PS_GENERATOR_DEFAULT_SAMPLES;
  self->noise = PS_GENERATOR_DEFAULT_NOISE;
  self->seed = 1;
  return self;
}

/**
 * ps_dataset_source_new_idx:
 * @folder: (nullable): the folder of the IDX files
 * @fashion: TRUE for "fashion-mnist", else "mnist"
 *
 * Returns: (transfer full): the source; the shipped MNIST folder is stored
 *   as no path (it is found wherever it is installed)
 */
PsDatasetSource *
ps_dataset_source_new_idx (const char *folder,
                           gboolean    fashion)
{
  PsDatasetSource *s = ps_dataset_source_new (fashion ? "fashion-mnist" : "mnist");

  if (folder != NULL && g_strcmp0 (folder, ps_data_find_dataset_dir ("mnist")) != 0)
    s->path = g_strdup (folder);
  return s;
}

PsDatasetSource *
ps_dataset_source_copy (const PsDatasetSource *self)
{
  PsDatasetSource *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  copy->id = g_strdup (self->id);
  copy->path = g_strdup (self->path);
  copy->label_column = g_strdup (self->label_column);
  return copy;
}

void
ps_dataset_source_free (PsDatasetSource *self)
{
  if (self == NULL)
    return;
  g_free (self->id);
  g_free (self->path);
  g_free (self->label_column);
  g_free (self);
}

gboolean
ps_dataset_source_equal (const PsDatasetSource *a,
                         const PsDatasetSource *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  if (g_strcmp0 (a->id, b->id) != 0)
    return FALSE;
  switch (ps_dataset_source_get_kind (a))
    {
    case PS_DATASET_SOURCE_GENERATOR:
      return a->n_samples == b->n_samples && a->noise == b->noise && a->seed == b->seed;
    case PS_DATASET_SOURCE_CSV:
      return g_strcmp0 (a->path, b->path) == 0 && g_strcmp0 (a->label_column, b->label_column) == 0;
    case PS_DATASET_SOURCE_IDX:
      return g_strcmp0 (a->path, b->path) == 0;
    case PS_DATASET_SOURCE_GATE:
    default:
      return TRUE;
    }
}

PsDatasetSourceKind
ps_dataset_source_get_kind (const PsDatasetSource *self)
{
  const SourceInfo *info;

  g_return_val_if_fail (self != NULL, PS_DATASET_SOURCE_GATE);

  info = lookup (self->id);
  g_return_val_if_fail (info != NULL, PS_DATASET_SOURCE_GATE);
  return info->kind;
}

gboolean
ps_dataset_source_is_file (const PsDatasetSource *self)
{
  PsDatasetSourceKind kind = ps_dataset_source_get_kind (self);

  return kind == PS_DATASET_SOURCE_IDX || kind == PS_DATASET_SOURCE_CSV;
}

/**
 * ps_dataset_source_to_json:
 *
 * Returns: (transfer full): the choice as an experiment file stores it
 */
JsonNode *
ps_dataset_source_to_json (const PsDatasetSource *self)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  g_return_val_if_fail (self != NULL, NULL);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "source");
  json_builder_add_string_value (b, self->id);
  switch (ps_dataset_source_get_kind (self))
    {
    case PS_DATASET_SOURCE_GENERATOR:
      json_builder_set_member_name (b, "samples");
      json_builder_add_int_value (b, self->n_samples);
      json_builder_set_member_name (b, "noise");
      json_builder_add_double_value (b, self->noise);
      json_builder_set_member_name (b, "seed");
      json_builder_add_int_value (b, (gint64) self->seed);
      break;
    case PS_DATASET_SOURCE_CSV:
    case PS_DATASET_SOURCE_IDX:
      /* the shipped MNIST has no path: it is found wherever it is installed */
      if (self->path != NULL)
        {
          json_builder_set_member_name (b, "path");
          json_builder_add_string_value (b, self->path);
        }
      if (self->label_column != NULL)
        {
          json_builder_set_member_name (b, "label_column");
          json_builder_add_string_value (b, self->label_column);
        }
      break;
    case PS_DATASET_SOURCE_GATE:
    default:
      break;
    }
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static gboolean
get_string (JsonObject  *obj,
            const char  *member,
            char       **out,
            GError     **error)
{
  JsonNode *node = json_object_get_member (obj, member);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      g_set_error (error, PS_DATASET_ERROR, PS_DATASET_ERROR_INVALID,
                   _("The dataset's “%s” must be a string."), member);
      return FALSE;
    }
  g_free (*out);
  *out = g_strdup (json_node_get_string (node));
  return TRUE;
}

static gboolean
get_number (JsonObject  *obj,
            const char  *member,
            double       min,
            double       max,
            double      *out,
            GError     **error)
{
  JsonNode *node = json_object_get_member (obj, member);
  double v;

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) ||
      (json_node_get_value_type (node) != G_TYPE_INT64 && json_node_get_value_type (node) != G_TYPE_DOUBLE))
    {
      g_set_error (error, PS_DATASET_ERROR, PS_DATASET_ERROR_INVALID,
                   _("The dataset's “%s” must be a number."), member);
      return FALSE;
    }
  v = json_node_get_double (node);
  if (!isfinite (v) || v < min || v > max)
    {
      g_set_error (error, PS_DATASET_ERROR, PS_DATASET_ERROR_INVALID,
                   _("The dataset's “%s” is %g; it must be from %g to %g."), member, v, min, max);
      return FALSE;
    }
  *out = v;
  return TRUE;
}

/**
 * ps_dataset_source_from_json:
 *
 * Returns: (transfer full) (nullable): the choice @node describes, or NULL
 *   with PS_DATASET_ERROR_INVALID naming what is wrong
 */
PsDatasetSource *
ps_dataset_source_from_json (JsonNode  *node,
                             GError   **error)
{
  g_autoptr(PsDatasetSource) self = NULL;
  g_autofree char *id = NULL;
  JsonObject *obj;
  double samples, noise, seed;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, PS_DATASET_ERROR, PS_DATASET_ERROR_INVALID,
                   _("The dataset entry is not a JSON object."));
      return NULL;
    }
  obj = json_node_get_object (node);
  if (!get_string (obj, "source", &id, error))
    return NULL;
  self = ps_dataset_source_new (id);
  if (self == NULL)
    {
      g_set_error (error, PS_DATASET_ERROR, PS_DATASET_ERROR_INVALID,
                   _("Unknown dataset “%s”."), id != NULL ? id : "");
      return NULL;
    }
  samples = self->n_samples;
  noise = self->noise;
  seed = (double) self->seed;
  if (!get_string (obj, "path", &self->path, error) ||
      !get_string (obj, "label_column", &self->label_column, error) ||
      !get_number (obj, "samples", PS_GENERATOR_MIN_SAMPLES, PS_GENERATOR_MAX_SAMPLES, &samples, error) ||
      !get_number (obj, "noise", 0, PS_GENERATOR_MAX_NOISE, &noise, error) ||
      !get_number (obj, "seed", 0, 9007199254740992.0, &seed, error))
    return NULL;
  self->n_samples = (guint) samples;
  self->noise = noise;
  self->seed = (guint64) seed;
  if (ps_dataset_source_get_kind (self) == PS_DATASET_SOURCE_CSV && self->path == NULL)
    {
      g_set_error (error, PS_DATASET_ERROR, PS_DATASET_ERROR_INVALID,
                   _("The experiment names a CSV dataset but no file."));
      return NULL;
    }
  return g_steal_pointer (&self);
}
