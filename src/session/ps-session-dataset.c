/* ps-session-dataset.c: the session's dataset (part of PsSession)
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Loading through the PsDatasetLoader (gates and generators at once, files
 * in its thread), taking the new data in (the model follows it, or the
 * experiment's weights waiting for it are adopted), the load's errors, and
 * whether a model fits the data. Only the main thread runs this code.
 */
#include "config.h"

#include "ps-session-private.h"

#include <glib/gi18n.h>

#include "ps-dataset-loader.h"

static void
on_loader_notify (PsSession  *self,
                  GParamSpec *pspec)
{
  if (g_str_equal (pspec->name, "busy"))
    g_object_notify (G_OBJECT (self), "busy");
  else if (g_str_equal (pspec->name, "progress"))
    g_object_notify (G_OBJECT (self), "progress");
}

void
ps_session_dataset_init (PsSession *self)
{
  self->loader = ps_dataset_loader_new ();
  g_signal_connect_swapped (self->loader, "notify", G_CALLBACK (on_loader_notify), self);
}

/* Joins the loader's threads; the session lets go of it (ps_session_dispose
 * drops the reference). */
void
ps_session_dataset_dispose (PsSession *self)
{
  if (self->loader != NULL)
    {
      ps_dataset_loader_shutdown (self->loader);
      g_signal_handlers_disconnect_by_data (self->loader, self);
    }
}

/* Refuses a model whose classes are not the dataset's, in order: classes
 * are matched by index from here on, so a cat/dog model would be evaluated
 * against dog/zebra labels. */
gboolean
ps_session_check_model (PsSession        *self,
                        const PsNetwork  *net,
                        GError          **error)
{
  PsDataset *train = self->train;
  const char *const *classes;
  g_autoptr(GError) local = NULL;

  if (train == NULL)
    return TRUE;
  classes = ps_dataset_get_class_names (train);
  if (net->classes != NULL && classes != NULL)
    for (guint c = 0; net->classes[c] != NULL && c < ps_dataset_get_n_classes (train); c++)
      if (!g_str_equal (net->classes[c], classes[c]))
        {
          g_autofree char *mc = g_strjoinv (", ", net->classes);
          g_autofree char *dc = g_strjoinv (", ", (char **) classes);

          g_set_error (error, PS_SESSION_ERROR, PS_SESSION_ERROR_MISMATCH,
                       _("The model's classes (%s) are not the dataset's (%s)."), mc, dc);
          return FALSE;
        }
  if (!ps_network_check_dataset (net, train, &local))
    {
      g_set_error (error, PS_SESSION_ERROR, PS_SESSION_ERROR_MISMATCH, "%s %s",
                   _("The model does not fit the current dataset:"), local->message);
      return FALSE;
    }
  return TRUE;
}

/* The new data is in: views hear of it, the model follows. */
static void
take_dataset (PsSession             *self,
              const PsDatasetSource *source,
              PsDataset             *train,
              PsDataset             *test)
{
  PsNetwork *pending = g_steal_pointer (&self->pending_model);

  ps_session_stop_run (self);
  g_object_freeze_notify (G_OBJECT (self));
  if (self->source == NULL || !ps_dataset_source_equal (self->source, source))
    {
      g_clear_pointer (&self->source, ps_dataset_source_free);
      self->source = ps_dataset_source_copy (source);
      g_object_notify (G_OBJECT (self), "dataset-source");
    }
  g_clear_pointer (&self->train, ps_dataset_unref);
  self->train = ps_dataset_ref (train);
  g_clear_pointer (&self->test, ps_dataset_unref);
  self->test = test != NULL ? ps_dataset_ref (test) : NULL;
  g_object_notify (G_OBJECT (self), "train");
  g_object_notify (G_OBJECT (self), "test");
  /* a new dataset starts unscaled, and at its size's pace */
  self->scaling = PS_SCALING_NONE;
  ps_session_set_speed (self, ps_session_default_speed (ps_dataset_get_n_samples (train)));
  ps_session_follow_dataset (self);
  g_object_thaw_notify (G_OBJECT (self));
  g_signal_emit_by_name (self, "dataset-changed");

  if (pending != NULL && ps_session_check_model (self, pending, NULL))
    ps_session_adopt (self, pending);
  else
    ps_session_rebuild_or_report (self);
  g_clear_pointer (&pending, ps_network_free);
}

static void
report_load_error (PsSession             *self,
                   const PsDatasetSource *source,
                   const GError          *error)
{
  g_autofree char *msg = NULL;

  if (ps_dataset_source_is_file (source) && source->path != NULL)
    {
      g_autofree char *base = g_path_get_basename (source->path);

      msg = g_strdup_printf (_("Could not load “%s”: %s"), base, error->message);
    }
  else
    msg = g_strdup (error->message);
  ps_session_emit_error (self, msg);
  /* an experiment's weights were waiting for this data: its spec and
   * settings are in, so the model follows them on the current data */
  if (self->pending_model != NULL)
    {
      g_clear_pointer (&self->pending_model, ps_network_free);
      ps_session_rebuild_or_report (self);
    }
}

typedef struct
{
  PsSession       *self;
  PsDatasetSource *source;
} LoadData;

static void
on_load_done (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  LoadData *data = user_data;
  PsSession *self = data->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(PsDataset) train = NULL;
  g_autoptr(PsDataset) test = NULL;

  if (!ps_dataset_loader_load_finish (PS_DATASET_LOADER (object), result, &train, &test, &error))
    {
      if (!g_error_matches (error, PS_DATASET_ERROR, PS_DATASET_ERROR_CANCELLED) &&
          !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        report_load_error (self, data->source, error);
    }
  else
    take_dataset (self, data->source, train, test);
  ps_dataset_source_free (data->source);
  g_object_unref (data->self);
  g_free (data);
}

void
ps_session_load_dataset (PsSession             *self,
                         const PsDatasetSource *source)
{
  g_return_if_fail (PS_IS_SESSION (self));
  g_return_if_fail (source != NULL);

  /* a run goes on until the new data is in, then stops (take_dataset);
   * refusing to open files while training is the window's rule */
  ps_dataset_loader_cancel (self->loader);
  if (!ps_dataset_source_is_file (source))
    {
      /* instant: the data is there when this returns */
      g_autoptr(GError) error = NULL;
      g_autoptr(PsDataset) train = NULL;
      g_autoptr(PsDataset) test = NULL;

      if (!ps_dataset_loader_load_sync (source, NULL, NULL, NULL, &train, &test, &error))
        report_load_error (self, source, error);
      else
        take_dataset (self, source, train, test);
      return;
    }
  {
    LoadData *data = g_new0 (LoadData, 1);

    data->self = g_object_ref (self);
    data->source = ps_dataset_source_copy (source);
    ps_dataset_loader_load_async (self->loader, source, NULL, on_load_done, data);
  }
}

void
ps_session_cancel_load (PsSession *self)
{
  g_return_if_fail (PS_IS_SESSION (self));

  ps_dataset_loader_cancel (self->loader);
}

gboolean
ps_session_is_busy (PsSession *self)
{
  g_return_val_if_fail (PS_IS_SESSION (self), FALSE);

  return ps_dataset_loader_is_busy (self->loader);
}

double
ps_session_get_progress (PsSession *self)
{
  g_return_val_if_fail (PS_IS_SESSION (self), 0);

  return ps_dataset_loader_get_progress (self->loader);
}

guint
ps_session_get_n_loader_threads (PsSession *self)
{
  g_return_val_if_fail (PS_IS_SESSION (self), 0);

  return ps_dataset_loader_get_n_threads (self->loader);
}

const PsDatasetSource *
ps_session_get_dataset_source (PsSession *self)
{
  g_return_val_if_fail (PS_IS_SESSION (self), NULL);

  return self->source;
}

PsDataset *
ps_session_get_train (PsSession *self)
{
  g_return_val_if_fail (PS_IS_SESSION (self), NULL);

  return self->train;
}

PsDataset *
ps_session_get_test (PsSession *self)
{
  g_return_val_if_fail (PS_IS_SESSION (self), NULL);

  return self->test;
}
