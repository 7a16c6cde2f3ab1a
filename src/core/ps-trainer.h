/* ps-trainer.h: epochs, batches, metrics, stopping rules
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "ps-dataset.h"
#include "ps-network.h"
#include "ps-optimizer.h"

G_BEGIN_DECLS

/* The defaults the app and the CLI share (defined once, here):
 * - input scaling: min-max to [0, 1] per feature, what makes MNIST-like
 *   pixel data (0-255) learn at the usual learning rates; the notebook's 0/1
 *   truth tables are left as they are by it, and its presets say "none";
 * - the rest of training: ps_train_config_init(). */
#define PS_DEFAULT_SCALING PS_SCALING_UNIT

typedef struct
{
  PsLoss            loss;
  PsReduction       reduction;
  PsOptimizerConfig optimizer;
  guint             batch_size;        /* 0: the full set */
  guint             epochs;
  double            val_split;         /* last fraction, taken before shuffling (Keras) */
  gboolean          shuffle;
  guint64           seed;              /* shuffling */
  double            target_accuracy;   /* stop when train accuracy >= this; <= 0: off */
  double            target_loss;       /* stop when train loss <= this; <= 0: off */
  guint             early_stopping;    /* patience on val_loss (epochs); 0: off */
  guint             n_threads;         /* 0: automatic */
} PsTrainConfig;

typedef struct
{
  guint  epoch;              /* 1-based */
  double seconds;            /* wall time of the epoch's training */
  double loss;               /* mean over samples (as Keras prints it) */
  double accuracy;
  double rmse;
  gboolean has_val;
  double val_loss;
  double val_accuracy;
  double val_rmse;
  double samples_per_second;
} PsEpochMetrics;

typedef enum
{
  PS_TRAIN_FINISHED,         /* ran all requested epochs */
  PS_TRAIN_TARGET_REACHED,
  PS_TRAIN_EARLY_STOPPED,
  PS_TRAIN_PAUSED,           /* ps_trainer_pause(): may run again */
  PS_TRAIN_CANCELLED,
  PS_TRAIN_DIVERGED,         /* error set; weights are the last good ones */
} PsTrainStatus;

typedef struct _PsTrainer PsTrainer;

/* Called on the training thread after every epoch (and, if batch_every > 0,
 * every that many batches with epoch_done FALSE). The network may be read
 * (not written) during the call: snapshot it there. */
typedef void (*PsTrainProgressFunc) (PsTrainer            *trainer,
                                     const PsEpochMetrics *metrics,
                                     gboolean              epoch_done,
                                     gpointer              user_data);

void           ps_train_config_init        (PsTrainConfig       *config);

/* The trainer borrows net and refs the datasets. Of the network it writes
 * only the parameters (net->params, trained in place; the caller keeps
 * ownership and must not write them while a run is going); it never changes
 * its shape or metadata: set the classes and input shape
 * (ps_network_adopt_dataset) and the loss (ps_network_set_loss) before.
 * val may be NULL: then config->val_split carves it off train. */
PsTrainer     *ps_trainer_new              (PsNetwork           *net,
                                            PsDataset           *train,
                                            PsDataset           *val,
                                            const PsTrainConfig *config,
                                            GError             **error);
void           ps_trainer_free             (PsTrainer           *self);
void           ps_trainer_set_progress     (PsTrainer           *self,
                                            PsTrainProgressFunc  func,
                                            guint                batch_every,
                                            gpointer             user_data);
/* Runs epochs until config->epochs in total have run or a stop rule fires.
 * n_epochs > 0 runs at most that many more (Step = 1); when those ran out
 * before config->epochs it returns PS_TRAIN_PAUSED. Thread-safe w.r.t. the
 * control calls below. After PAUSED it may run again and resumes the epoch
 * where it stopped; after CANCELLED the unfinished epoch is dropped (its
 * updates stay in the weights, it is not counted) and a new one starts.
 * With PS_OPTIMIZER_DELTA the gradient is always sum-reduced (the delta rule).
 * On DIVERGED the weights are those at the start of the failing epoch and the
 * optimizer's moments are reset. */
PsTrainStatus  ps_trainer_run              (PsTrainer           *self,
                                            guint                n_epochs,
                                            GError             **error);
/* Control from any thread; take effect between batches. */
void           ps_trainer_pause            (PsTrainer           *self);
void           ps_trainer_cancel           (PsTrainer           *self);
void           ps_trainer_set_learning_rate(PsTrainer           *self,
                                            double               lr);
guint          ps_trainer_get_epoch        (PsTrainer           *self);
/* The metrics of all finished epochs, in order (borrowed; valid until the
 * next run on the training thread). */
const PsEpochMetrics *ps_trainer_get_history (PsTrainer         *self,
                                              guint             *n_epochs);
const PsNetwork *ps_trainer_get_network    (PsTrainer           *self);

/* Loss (mean), accuracy, rmse of net on data, and optionally a confusion matrix
 * (n_classes × n_classes, row = true class, column = predicted; caller-owned,
 * zeroed here). */
void           ps_evaluate                 (const PsNetwork     *net,
                                            const PsDataset     *data,
                                            PsLoss               loss,
                                            double              *loss_out,
                                            double              *accuracy_out,
                                            double              *rmse_out,
                                            guint64             *confusion);

G_END_DECLS
