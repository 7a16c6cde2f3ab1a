/* ps-timeline.c: the checkpoints of one run, within a memory budget
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ps-timeline.h"

#include <string.h>

struct _PsTimeline
{
  gint       ref_count;
  GMutex     mutex;
  gsize      n_params;
  gsize      budget;
  gint       stride;       /* atomic: read without the lock by offer() */
  GPtrArray *checkpoints;  /* PsCheckpoint *, ascending epochs */
};

/* A checkpoint and its reference count: the count uses GLib's inline
 * atomics (visible to ThreadSanitizer), the parameters follow the struct. */
typedef struct
{
  gint         ref_count;
  PsCheckpoint pub;
} CheckpointBox;

#define BOX_OF(cp) ((CheckpointBox *) ((char *) (cp) - G_STRUCT_OFFSET (CheckpointBox, pub)))

static PsCheckpoint *
checkpoint_new (guint        epoch,
                gsize        n_params,
                const float *params)
{
  CheckpointBox *box = g_malloc (sizeof (CheckpointBox) + sizeof (float) * n_params);
  float *copy = (float *) (box + 1);

  memcpy (copy, params, sizeof (float) * n_params);
  box->ref_count = 1;
  box->pub.epoch = epoch;
  box->pub.n_params = n_params;
  box->pub.params = copy;
  return &box->pub;
}

PsCheckpoint *
ps_checkpoint_ref (PsCheckpoint *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_int_inc (&BOX_OF (self)->ref_count);
  return self;
}

void
ps_checkpoint_unref (PsCheckpoint *self)
{
  g_return_if_fail (self != NULL);

  if (g_atomic_int_dec_and_test (&BOX_OF (self)->ref_count))
    g_free (BOX_OF (self));
}

/**
 * ps_timeline_new:
 * @n_params: parameters per checkpoint
 * @budget_bytes: memory the copies may take
 *
 * Returns: (transfer full): an empty timeline with stride 1
 */
PsTimeline *
ps_timeline_new (gsize n_params,
                 gsize budget_bytes)
{
  PsTimeline *self = g_new0 (PsTimeline, 1);

  self->ref_count = 1;
  g_mutex_init (&self->mutex);
  self->n_params = n_params;
  self->budget = budget_bytes;
  self->stride = 1;
  self->checkpoints = g_ptr_array_new_with_free_func ((GDestroyNotify) ps_checkpoint_unref);
  return self;
}

PsTimeline *
ps_timeline_ref (PsTimeline *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_int_inc (&self->ref_count);
  return self;
}

void
ps_timeline_unref (PsTimeline *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_int_dec_and_test (&self->ref_count))
    return;
  g_ptr_array_unref (self->checkpoints);
  g_mutex_clear (&self->mutex);
  g_free (self);
}

/* How many checkpoints the budget holds: at least 2 (the start and the
 * newest), at most PS_TIMELINE_MAX_CHECKPOINTS. */
static guint
capacity (PsTimeline *self)
{
  gsize each = MAX (1, sizeof (float) * self->n_params);
  gsize n = self->budget / each;

  return (guint) CLAMP (n, 2, PS_TIMELINE_MAX_CHECKPOINTS);
}

static PsCheckpoint *
at (PsTimeline *self,
    guint       i)
{
  return g_ptr_array_index (self->checkpoints, i);
}

/* Doubles the stride and drops what is off it, until the budget holds the
 * rest; the newest checkpoint always stays. Called with the lock held. */
static void
thin (PsTimeline *self)
{
  guint cap = capacity (self);

  while (self->checkpoints->len > cap)
    {
      guint stride = (guint) self->stride * 2;
      guint last = self->checkpoints->len - 1;
      guint kept = 0;

      for (guint i = 0; i < self->checkpoints->len; i++)
        {
          PsCheckpoint *cp = at (self, i);

          if (cp->epoch % stride == 0 || i == last)
            self->checkpoints->pdata[kept++] = cp;
          else
            ps_checkpoint_unref (cp);
        }
      self->checkpoints->len = kept;
      g_atomic_int_set (&self->stride, (gint) stride);
    }
}

/**
 * ps_timeline_offer:
 * @epoch: epochs done
 * @params: (array): n_params values, copied
 * @force: record even off the stride (the last epoch of a run)
 *
 * Returns: TRUE when the checkpoint was recorded
 */
gboolean
ps_timeline_offer (PsTimeline  *self,
                   guint        epoch,
                   const float *params,
                   gboolean     force)
{
  PsCheckpoint *cp;
  guint stride;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (params != NULL || self->n_params == 0, FALSE);

  stride = (guint) g_atomic_int_get (&self->stride);
  if (!force && epoch % stride != 0)
    return FALSE;

  /* copy outside the lock: the main thread may be looking up */
  cp = checkpoint_new (epoch, self->n_params, params);

  g_mutex_lock (&self->mutex);
  if (self->checkpoints->len > 0)
    {
      PsCheckpoint *last = at (self, self->checkpoints->len - 1);

      /* a newer state of the same epoch, or one that supersedes an
       * off-stride newest checkpoint */
      if (last->epoch >= epoch || last->epoch % (guint) self->stride != 0)
        {
          g_warn_if_fail (last->epoch <= epoch);
          g_ptr_array_remove_index (self->checkpoints, self->checkpoints->len - 1);
        }
    }
  g_ptr_array_add (self->checkpoints, cp);
  thin (self);
  g_mutex_unlock (&self->mutex);

  return TRUE;
}

/**
 * ps_timeline_truncate:
 * @epoch: the last epoch to keep
 */
void
ps_timeline_truncate (PsTimeline *self,
                      guint       epoch)
{
  g_return_if_fail (self != NULL);

  g_mutex_lock (&self->mutex);
  while (self->checkpoints->len > 0 && at (self, self->checkpoints->len - 1)->epoch > epoch)
    g_ptr_array_remove_index (self->checkpoints, self->checkpoints->len - 1);
  g_mutex_unlock (&self->mutex);
}

/* Index of the largest epoch <= @epoch, or -1. Lock held. */
static int
find (PsTimeline *self,
      guint       epoch)
{
  int lo = 0;
  int hi = (int) self->checkpoints->len - 1;
  int found = -1;

  while (lo <= hi)
    {
      int mid = lo + (hi - lo) / 2;

      if (at (self, mid)->epoch <= epoch)
        {
          found = mid;
          lo = mid + 1;
        }
      else
        hi = mid - 1;
    }
  return found;
}

/**
 * ps_timeline_lookup:
 *
 * Returns: (transfer full) (nullable): the checkpoint at or before @epoch
 */
PsCheckpoint *
ps_timeline_lookup (PsTimeline *self,
                    guint       epoch)
{
  PsCheckpoint *cp = NULL;
  int i;

  g_return_val_if_fail (self != NULL, NULL);

  g_mutex_lock (&self->mutex);
  i = find (self, epoch);
  if (i >= 0)
    cp = ps_checkpoint_ref (at (self, i));
  g_mutex_unlock (&self->mutex);
  return cp;
}

/**
 * ps_timeline_lookup_exact:
 *
 * Returns: (transfer full) (nullable): the checkpoint of @epoch itself
 */
PsCheckpoint *
ps_timeline_lookup_exact (PsTimeline *self,
                          guint       epoch)
{
  PsCheckpoint *cp = ps_timeline_lookup (self, epoch);

  if (cp != NULL && cp->epoch != epoch)
    g_clear_pointer (&cp, ps_checkpoint_unref);
  return cp;
}

/**
 * ps_timeline_dup_epochs:
 * @n_out: (out): how many
 *
 * Returns: (transfer full) (array length=n_out): the recorded epochs
 */
guint *
ps_timeline_dup_epochs (PsTimeline *self,
                        guint      *n_out)
{
  guint *epochs;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (n_out != NULL, NULL);

  g_mutex_lock (&self->mutex);
  *n_out = self->checkpoints->len;
  epochs = g_new (guint, MAX (1, self->checkpoints->len));
  for (guint i = 0; i < self->checkpoints->len; i++)
    epochs[i] = at (self, i)->epoch;
  g_mutex_unlock (&self->mutex);
  return epochs;
}

guint
ps_timeline_get_n (PsTimeline *self)
{
  guint n;

  g_return_val_if_fail (self != NULL, 0);

  g_mutex_lock (&self->mutex);
  n = self->checkpoints->len;
  g_mutex_unlock (&self->mutex);
  return n;
}

guint
ps_timeline_get_last_epoch (PsTimeline *self)
{
  guint epoch = 0;

  g_return_val_if_fail (self != NULL, 0);

  g_mutex_lock (&self->mutex);
  if (self->checkpoints->len > 0)
    epoch = at (self, self->checkpoints->len - 1)->epoch;
  g_mutex_unlock (&self->mutex);
  return epoch;
}

gsize
ps_timeline_get_n_params (PsTimeline *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_params;
}

gsize
ps_timeline_get_bytes (PsTimeline *self)
{
  return sizeof (float) * self->n_params * ps_timeline_get_n (self);
}

gsize
ps_timeline_get_budget (PsTimeline *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->budget;
}

void
ps_timeline_set_budget (PsTimeline *self,
                        gsize       budget_bytes)
{
  g_return_if_fail (self != NULL);

  g_mutex_lock (&self->mutex);
  self->budget = budget_bytes;
  thin (self);
  g_mutex_unlock (&self->mutex);
}

guint
ps_timeline_get_stride (PsTimeline *self)
{
  g_return_val_if_fail (self != NULL, 1);

  return (guint) g_atomic_int_get (&self->stride);
}
