/* ps-session-edit.c: the student's own data (part of PsSession)
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Points added or removed, a truth table's output flipped (issue 11 §5).
 * An edit never changes a dataset in place (the bridge, the views and
 * the timeline share the old one): it builds an edited copy
 * (ps_dataset_copy_with_sample & co.) that replaces the training set,
 * the same way a load does ("train" notifies, "dataset-changed" follows),
 * and the model keeps its weights when they still fit, so the student can
 * go on training. Edits are refused while a run trains or a load runs.
 *
 * The edited copy is remembered (object data, so ps-session.c frees it
 * with the session): the training set is "edited" while it is that copy.
 * Experiment files store the edited samples in the dataset entry
 * ("edited": { "features", "classes", "x", "labels" }); reading one keeps
 * them until the entry's data has loaded, then puts them in its place.
 */
#include "config.h"

#include "ps-session-private.h"

#include <glib/gi18n.h>
#include <math.h>

#include "ps-file.h"

#define EDITED_KEY  "ps-session-edited"
#define PENDING_KEY "ps-session-pending-edit"

/* Edited data from an experiment, waiting for its source's data. */
struct _PsSessionEdit
{
  PsDatasetSource *source;   /* (nullable) until set_pending */
  gsize            n_samples;
  gsize            n_features;
  guint            n_classes;
  float           *x;        /* n_samples × n_features, raw */
  guint32         *labels;
  gulong           handler;
};

void
ps_session_edit_free (PsSessionEdit *edit)
{
  if (edit == NULL)
    return;
  g_clear_pointer (&edit->source, ps_dataset_source_free);
  g_free (edit->x);
  g_free (edit->labels);
  g_free (edit);
}

/* ---- edits ------------------------------------------------------------------ */

/* Whether the training set may be edited now; FALSE + error says why. */
static gboolean
can_edit (PsSession  *self,
          GError    **error)
{
  if (ps_training_bridge_is_running (self->bridge))
    {
      g_set_error_literal (error, PS_SESSION_ERROR, PS_SESSION_ERROR_BUSY,
                           _("Pause training to edit the data."));
      return FALSE;
    }
  if (ps_session_is_busy (self))
    {
      g_set_error_literal (error, PS_SESSION_ERROR, PS_SESSION_ERROR_NO_DATA,
                           _("Wait for the dataset to load before editing it."));
      return FALSE;
    }
  if (self->train == NULL)
    {
      g_set_error_literal (error, PS_SESSION_ERROR, PS_SESSION_ERROR_NO_DATA,
                           _("Choose a dataset first."));
      return FALSE;
    }
  return TRUE;
}

/* @train (transfer full) becomes the training set, and the test set when
 * the test set was the training set (a gate's table). The model keeps its
 * weights when they fit the new data (same width and classes), else it is
 * rebuilt; with !@keep_model the caller sees to the model (an experiment's
 * weights wait for it). */
static void
install (PsSession *self,
         PsDataset *train,
         gboolean   keep_model)
{
  PsNetwork *net = NULL;

  if (keep_model && ps_session_get_model (self) != NULL)
    net = ps_network_copy (ps_session_get_model (self));
  ps_session_stop_run (self);

  g_object_freeze_notify (G_OBJECT (self));
  if (self->test != NULL && self->test == self->train)
    {
      g_clear_pointer (&self->test, ps_dataset_unref);
      self->test = ps_dataset_ref (train);
      g_object_notify (G_OBJECT (self), "test");
    }
  g_clear_pointer (&self->train, ps_dataset_unref);
  self->train = train;
  g_object_set_data_full (G_OBJECT (self), EDITED_KEY, ps_dataset_ref (train),
                          (GDestroyNotify) ps_dataset_unref);
  g_object_notify (G_OBJECT (self), "train");
  g_object_thaw_notify (G_OBJECT (self));
  g_signal_emit_by_name (self, "dataset-changed");

  if (!keep_model)
    return;
  if (net != NULL && ps_session_check_model (self, net, NULL))
    ps_session_adopt (self, net);
  else
    ps_session_rebuild_or_report (self);
  g_clear_pointer (&net, ps_network_free);
}

/**
 * ps_session_add_sample:
 * @x: n_features raw values (before scaling), finite
 * @label: the class, < the training set's class count
 *
 * Appends a sample to the training set (an edited copy replaces it).
 */
gboolean
ps_session_add_sample (PsSession    *self,
                       const float  *x,
                       guint32       label,
                       GError      **error)
{
  g_return_val_if_fail (PS_IS_SESSION (self), FALSE);
  g_return_val_if_fail (x != NULL, FALSE);

  if (!can_edit (self, error))
    return FALSE;
  if (label >= ps_dataset_get_n_classes (self->train))
    {
      g_set_error (error, PS_SESSION_ERROR, PS_SESSION_ERROR_MISMATCH,
                   _("The dataset has no class %u."), label);
      return FALSE;
    }
  for (gsize j = 0; j < ps_dataset_get_n_features (self->train); j++)
    if (!isfinite (x[j]))
      {
        g_set_error_literal (error, PS_SESSION_ERROR, PS_SESSION_ERROR_MISMATCH,
                             _("A new point needs finite coordinates."));
        return FALSE;
      }
  install (self, ps_dataset_copy_with_sample (self->train, x, label), TRUE);
  return TRUE;
}

/**
 * ps_session_add_point:
 *
 * ps_session_add_sample() for 2-D data: a point at (@x, @y).
 */
gboolean
ps_session_add_point (PsSession  *self,
                      double      x,
                      double      y,
                      guint32     label,
                      GError    **error)
{
  float v[2] = { x, y };

  g_return_val_if_fail (PS_IS_SESSION (self), FALSE);

  if (self->train != NULL && ps_dataset_get_n_features (self->train) != 2)
    {
      g_set_error_literal (error, PS_SESSION_ERROR, PS_SESSION_ERROR_MISMATCH,
                           _("Points can only be added to data with two features."));
      return FALSE;
    }
  return ps_session_add_sample (self, v, label, error);
}

static gboolean
check_index (PsSession  *self,
             gsize       index,
             GError    **error)
{
  if (index >= ps_dataset_get_n_samples (self->train))
    {
      g_set_error (error, PS_SESSION_ERROR, PS_SESSION_ERROR_MISMATCH,
                   _("The training set has no sample %zu."), index + 1);
      return FALSE;
    }
  return TRUE;
}

/**
 * ps_session_remove_sample:
 * @index: a sample of the training set
 *
 * Removes it; the last sample cannot go (a training set is never empty).
 */
gboolean
ps_session_remove_sample (PsSession  *self,
                          gsize       index,
                          GError    **error)
{
  g_return_val_if_fail (PS_IS_SESSION (self), FALSE);

  if (!can_edit (self, error) || !check_index (self, index, error))
    return FALSE;
  if (ps_dataset_get_n_samples (self->train) == 1)
    {
      g_set_error_literal (error, PS_SESSION_ERROR, PS_SESSION_ERROR_NO_DATA,
                           _("The last sample cannot be removed: a training set needs one."));
      return FALSE;
    }
  install (self, ps_dataset_copy_without_sample (self->train, index), TRUE);
  return TRUE;
}

/**
 * ps_session_set_label:
 *
 * Sample @index of the training set gets class @label.
 */
gboolean
ps_session_set_label (PsSession  *self,
                      gsize       index,
                      guint32     label,
                      GError    **error)
{
  g_return_val_if_fail (PS_IS_SESSION (self), FALSE);

  if (!can_edit (self, error) || !check_index (self, index, error))
    return FALSE;
  if (label >= ps_dataset_get_n_classes (self->train))
    {
      g_set_error (error, PS_SESSION_ERROR, PS_SESSION_ERROR_MISMATCH,
                   _("The dataset has no class %u."), label);
      return FALSE;
    }
  if (ps_dataset_get_labels (self->train)[index] == label)
    return TRUE;
  install (self, ps_dataset_copy_with_label (self->train, index, label), TRUE);
  return TRUE;
}

/**
 * ps_session_flip_label:
 *
 * A truth table's output flipped: sample @index gets the next class (0 ↔ 1
 * for two classes).
 */
gboolean
ps_session_flip_label (PsSession  *self,
                       gsize       index,
                       GError    **error)
{
  guint n;

  g_return_val_if_fail (PS_IS_SESSION (self), FALSE);

  if (!can_edit (self, error) || !check_index (self, index, error))
    return FALSE;
  n = MAX (ps_dataset_get_n_classes (self->train), 1);
  return ps_session_set_label (self, index, (ps_dataset_get_labels (self->train)[index] + 1) % n, error);
}

gboolean
ps_session_is_data_edited (PsSession *self)
{
  g_return_val_if_fail (PS_IS_SESSION (self), FALSE);

  return self->train != NULL && g_object_get_data (G_OBJECT (self), EDITED_KEY) == self->train;
}

/**
 * ps_session_export_data:
 *
 * The training set as it is now (edited or not) as CSV
 * (ps_dataset_to_csv); the file is replaced atomically.
 */
gboolean
ps_session_export_data (PsSession   *self,
                        const char  *path,
                        GError     **error)
{
  g_autoptr(GError) local = NULL;
  g_autofree char *text = NULL;

  g_return_val_if_fail (PS_IS_SESSION (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (self->train == NULL)
    {
      g_set_error_literal (error, PS_SESSION_ERROR, PS_SESSION_ERROR_NO_DATA,
                           _("Choose a dataset first."));
      return FALSE;
    }
  text = ps_dataset_to_csv (self->train);
  if (!ps_file_write (path, text, strlen (text), 0644, &local))
    {
      g_autofree char *base = g_path_get_basename (path);

      g_set_error (error, PS_SESSION_ERROR, PS_SESSION_ERROR_FILE,
                   _("Could not save “%s”: %s"), base, local->message);
      return FALSE;
    }
  return TRUE;
}

/* ---- experiment files ------------------------------------------------------- */

/* Adds "edited" to the dataset entry @dataset when the training set is an
 * edited copy. */
void
ps_session_edit_to_json (PsSession *self,
                         JsonNode  *dataset)
{
  PsDataset *train = self->train;
  JsonObject *edited, *obj;
  JsonArray *x, *labels;
  gsize n, nf;

  if (!ps_session_is_data_edited (self) || !JSON_NODE_HOLDS_OBJECT (dataset))
    return;
  n = ps_dataset_get_n_samples (train);
  nf = ps_dataset_get_n_features (train);
  x = json_array_sized_new (n * nf);
  labels = json_array_sized_new (n);
  for (gsize i = 0; i < n; i++)
    {
      for (gsize j = 0; j < nf; j++)
        json_array_add_double_element (x, ps_dataset_get_raw (train, i, j));
      json_array_add_int_element (labels, ps_dataset_get_labels (train)[i]);
    }
  edited = json_object_new ();
  json_object_set_int_member (edited, "features", nf);
  json_object_set_int_member (edited, "classes", ps_dataset_get_n_classes (train));
  json_object_set_array_member (edited, "x", x);
  json_object_set_array_member (edited, "labels", labels);
  obj = json_node_get_object (dataset);
  json_object_set_object_member (obj, "edited", edited);
}

static gboolean
bad_edit (GError     **error,
          const char  *what)
{
  g_set_error (error, PS_SESSION_ERROR, PS_SESSION_ERROR_FILE,
               _("The edited data is malformed: %s."), what);
  return FALSE;
}

static gboolean
read_count (JsonObject  *obj,
            const char  *name,
            gint64       max,
            gsize       *out,
            GError     **error)
{
  JsonNode *node = json_object_get_member (obj, name);
  gint64 v;

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_INT64)
    return bad_edit (error, name);
  v = json_node_get_int (node);
  if (v < 1 || v > max)
    return bad_edit (error, name);
  *out = (gsize) v;
  return TRUE;
}

/**
 * ps_session_edit_from_json:
 * @dataset: an experiment's dataset entry
 * @out: (out) (transfer full): the edited data it holds, or NULL for none
 *
 * FALSE + PS_SESSION_ERROR_FILE for an "edited" member that is malformed.
 */
gboolean
ps_session_edit_from_json (JsonNode       *dataset,
                           PsSessionEdit **out,
                           GError        **error)
{
  PsSessionEdit *edit;
  JsonObject *obj;
  JsonArray *x, *labels;
  JsonNode *node;
  gsize n_classes;

  *out = NULL;
  if (dataset == NULL || !JSON_NODE_HOLDS_OBJECT (dataset))
    return TRUE;
  node = json_object_get_member (json_node_get_object (dataset), "edited");
  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return bad_edit (error, "edited");
  obj = json_node_get_object (node);
  node = json_object_get_member (obj, "x");
  x = node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
  node = json_object_get_member (obj, "labels");
  labels = node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
  if (x == NULL)
    return bad_edit (error, "x");
  if (labels == NULL || json_array_get_length (labels) == 0)
    return bad_edit (error, "labels");

  edit = g_new0 (PsSessionEdit, 1);
  edit->n_samples = json_array_get_length (labels);
  if (!read_count (obj, "features", 1 << 20, &edit->n_features, error) ||
      !read_count (obj, "classes", 1 << 20, &n_classes, error))
    goto fail;
  edit->n_classes = n_classes;
  if (json_array_get_length (x) != edit->n_samples * edit->n_features)
    {
      bad_edit (error, "x");
      goto fail;
    }
  edit->x = g_new (float, edit->n_samples * edit->n_features);
  edit->labels = g_new (guint32, edit->n_samples);
  for (gsize k = 0; k < edit->n_samples * edit->n_features; k++)
    {
      JsonNode *v = json_array_get_element (x, k);
      GType t = JSON_NODE_HOLDS_VALUE (v) ? json_node_get_value_type (v) : G_TYPE_INVALID;

      if (t != G_TYPE_DOUBLE && t != G_TYPE_INT64)
        {
          bad_edit (error, "x");
          goto fail;
        }
      edit->x[k] = json_node_get_double (v);
      if (!isfinite (edit->x[k]))
        {
          bad_edit (error, "x");
          goto fail;
        }
    }
  for (gsize i = 0; i < edit->n_samples; i++)
    {
      JsonNode *v = json_array_get_element (labels, i);

      if (!JSON_NODE_HOLDS_VALUE (v) || json_node_get_value_type (v) != G_TYPE_INT64
          || json_node_get_int (v) < 0 || json_node_get_int (v) >= (gint64) edit->n_classes)
        {
          bad_edit (error, "labels");
          goto fail;
        }
      edit->labels[i] = (guint32) json_node_get_int (v);
    }
  *out = edit;
  return TRUE;

fail:
  ps_session_edit_free (edit);
  return FALSE;
}

/* The data of the experiment's source is in (within its "dataset-changed",
 * before the experiment's weights are adopted): the edited samples replace
 * it when they fit it (same source, width and class count). */
static void
on_pending_dataset_changed (PsSession *self)
{
  PsSessionEdit *edit = g_object_steal_data (G_OBJECT (self), PENDING_KEY);
  PsDataset *loaded = self->train;
  PsDataset *data;

  if (edit == NULL)
    return;
  g_signal_handler_disconnect (self, edit->handler);
  if (loaded == NULL || self->source == NULL || edit->source == NULL
      || !ps_dataset_source_equal (self->source, edit->source)
      || ps_dataset_get_n_features (loaded) != edit->n_features
      || ps_dataset_get_n_classes (loaded) != edit->n_classes
      || ps_dataset_is_u8 (loaded))
    {
      ps_session_edit_free (edit);
      return;
    }
  data = ps_dataset_copy_with_samples (loaded, edit->x, edit->labels, edit->n_samples);
  ps_session_edit_free (edit);
  install (self, data, FALSE);
}

/**
 * ps_session_edit_set_pending:
 * @edit: (transfer full) (nullable): an experiment's edited data, or NULL
 * @source: what the experiment loads next
 *
 * The edited data waits for @source's data (replacing one still waiting).
 */
void
ps_session_edit_set_pending (PsSession             *self,
                             PsSessionEdit         *edit,
                             const PsDatasetSource *source)
{
  PsSessionEdit *old = g_object_steal_data (G_OBJECT (self), PENDING_KEY);

  if (old != NULL)
    {
      g_signal_handler_disconnect (self, old->handler);
      ps_session_edit_free (old);
    }
  if (edit == NULL)
    return;
  edit->source = ps_dataset_source_copy (source);
  edit->handler = g_signal_connect (self, "dataset-changed", G_CALLBACK (on_pending_dataset_changed), NULL);
  g_object_set_data_full (G_OBJECT (self), PENDING_KEY, edit, (GDestroyNotify) ps_session_edit_free);
}
