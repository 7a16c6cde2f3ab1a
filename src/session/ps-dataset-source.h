/* ps-dataset-source.h: what to load, as a value (the session's "dataset-source")
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A plain description of a dataset choice: a gate table, a generator and its
 * options, an IDX folder or a CSV file and its label column. The dataset
 * panel builds one from its widgets, PsDatasetLoader turns one into data, and
 * experiment files store one (ps_dataset_source_to_json).
 */
#pragma once

#include <json-glib/json-glib.h>

#include "ps-dataset.h"

G_BEGIN_DECLS

typedef enum
{
  PS_DATASET_SOURCE_GATE,       /* "and" "or" "xor" "and3" "or3" */
  PS_DATASET_SOURCE_GENERATOR,  /* "circle" "xor-cloud" "gauss" "spiral" "moons" */
  PS_DATASET_SOURCE_IDX,        /* "mnist" "fashion-mnist" */
  PS_DATASET_SOURCE_CSV,        /* "csv" */
} PsDatasetSourceKind;

typedef struct
{
  char    *id;            /* one of ps_dataset_source_ids() */
  /* CSV: the file. IDX: the folder; NULL means the shipped MNIST subset
   * (ps_data_find_dataset_dir) or Debian's Fashion-MNIST. */
  char    *path;
  char    *label_column;  /* CSV: name or 0-based index; NULL: the reader's choice */
  guint    n_samples;     /* generators */
  double   noise;
  guint64  seed;
} PsDatasetSource;

#define PS_TYPE_DATASET_SOURCE (ps_dataset_source_get_type ())
GType                ps_dataset_source_get_type  (void) G_GNUC_CONST;

/* The ids in the dataset dropdown's order, NULL-terminated (static). */
const char *const   *ps_dataset_source_ids       (void);
/* Lookups on that table: @id's position (-1 unknown or NULL), the id at
 * @index (NULL past the end), whether @id (nullable) is of @kind. */
int                  ps_dataset_source_id_index  (const char            *id);
const char          *ps_dataset_source_id_at     (guint                  index);
gboolean             ps_dataset_source_id_has_kind (const char          *id,
                                                    PsDatasetSourceKind  kind);
/* (transfer full) (nullable): @id with default options (generators:
 * PS_GENERATOR_DEFAULT_SAMPLES, PS_GENERATOR_DEFAULT_NOISE, seed 1); NULL
 * for an unknown id. */
PsDatasetSource     *ps_dataset_source_new       (const char            *id);
/* (transfer full): "mnist" or "fashion-mnist" of @folder (nullable); the
 * shipped MNIST folder becomes no path (found wherever it is installed). */
PsDatasetSource     *ps_dataset_source_new_idx   (const char            *folder,
                                                  gboolean               fashion);
PsDatasetSource     *ps_dataset_source_copy      (const PsDatasetSource *self);
void                 ps_dataset_source_free      (PsDatasetSource       *self);
gboolean             ps_dataset_source_equal     (const PsDatasetSource *a,
                                                  const PsDatasetSource *b);
PsDatasetSourceKind  ps_dataset_source_get_kind  (const PsDatasetSource *self);
/* Whether loading needs a thread (files) or is instant (gates, generators). */
gboolean             ps_dataset_source_is_file   (const PsDatasetSource *self);
/* Experiment files: { "source": id, "samples", "noise", "seed" | "path",
 * "label_column" }. from_json names the bad member in a
 * PS_DATASET_ERROR_INVALID error. */
JsonNode            *ps_dataset_source_to_json   (const PsDatasetSource *self);
PsDatasetSource     *ps_dataset_source_from_json (JsonNode              *node,
                                                  GError               **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PsDatasetSource, ps_dataset_source_free)

G_END_DECLS
