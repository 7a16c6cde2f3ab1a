/* ps-timeline.h: the checkpoints of one run, within a memory budget
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A run records a copy of all parameters after every epoch (epoch 0 is the
 * initial weights) while the budget allows. When the next checkpoint would
 * go over it, the timeline thins itself: the recording stride doubles and
 * the checkpoints off the new stride are dropped, so what is kept still
 * spans the whole run, evenly. The newest checkpoint may be off the stride
 * (the last epoch of a run); the next offer replaces it.
 *
 * Thread-safe: the training thread offers checkpoints while the main thread
 * looks them up. A checkpoint is immutable and reference counted, so a view
 * may keep one while the timeline thins.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* 64 MB, the default of the preferences' "timeline-budget-mb". */
#define PS_TIMELINE_DEFAULT_BUDGET ((gsize) 64 << 20)

/* At most this many checkpoints whatever the budget: a timeline scale has
 * no use for more, and tiny models would otherwise keep millions. */
#define PS_TIMELINE_MAX_CHECKPOINTS 65536

typedef struct
{
  guint        epoch;      /* epochs done when recorded; 0: the initial weights */
  gsize        n_params;
  const float *params;     /* n_params, the network's flat buffer layout */
} PsCheckpoint;

typedef struct _PsTimeline PsTimeline;

/* A timeline for a model of @n_params parameters. @budget_bytes is the
 * memory the parameter copies may take (at least two checkpoints are always
 * kept, whatever the budget). */
PsTimeline   *ps_timeline_new          (gsize        n_params,
                                        gsize        budget_bytes);
PsTimeline   *ps_timeline_ref          (PsTimeline  *self);
void          ps_timeline_unref        (PsTimeline  *self);

/* Records @params (copied) as the checkpoint after @epoch when the stride
 * allows it, or always when @force (the end of a run). Epochs must not go
 * backwards (ps_timeline_truncate() first). Cheap when the stride says no:
 * one atomic read. Any thread. Returns TRUE when recorded. */
gboolean      ps_timeline_offer        (PsTimeline  *self,
                                        guint        epoch,
                                        const float *params,
                                        gboolean     force);
/* Drops the checkpoints after @epoch (Train from here). */
void          ps_timeline_truncate     (PsTimeline  *self,
                                        guint        epoch);
/* (transfer full) (nullable): the checkpoint of the largest recorded epoch
 * <= @epoch; NULL when there is none. */
PsCheckpoint *ps_timeline_lookup       (PsTimeline  *self,
                                        guint        epoch);
/* (transfer full) (nullable): the checkpoint recorded at @epoch exactly. */
PsCheckpoint *ps_timeline_lookup_exact (PsTimeline  *self,
                                        guint        epoch);
PsCheckpoint *ps_checkpoint_ref        (PsCheckpoint *self);
void          ps_checkpoint_unref      (PsCheckpoint *self);

/* (transfer full): the recorded epochs, ascending; *n_out their number. */
guint        *ps_timeline_dup_epochs   (PsTimeline  *self,
                                        guint       *n_out);
guint         ps_timeline_get_n        (PsTimeline  *self);
/* The newest recorded epoch (0 when only the initial weights are in). */
guint         ps_timeline_get_last_epoch (PsTimeline *self);
gsize         ps_timeline_get_n_params (PsTimeline  *self);
/* Bytes the parameter copies take now. */
gsize         ps_timeline_get_bytes    (PsTimeline  *self);
gsize         ps_timeline_get_budget   (PsTimeline  *self);
/* A smaller budget thins at once. */
void          ps_timeline_set_budget   (PsTimeline  *self,
                                        gsize        budget_bytes);
/* Only epochs that are multiples of this are recorded (1 until thinned). */
guint         ps_timeline_get_stride   (PsTimeline  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PsTimeline, ps_timeline_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PsCheckpoint, ps_checkpoint_unref)

G_END_DECLS
