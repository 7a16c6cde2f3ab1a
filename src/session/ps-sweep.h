/* ps-sweep.h: variants of one training as a grid, on every core
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A sweep is a base training (network spec, PsTrainConfig, weight
 * initialisation, datasets) and one or two varied settings ("axes"): the
 * learning rate, the hidden units, the hidden activation, the batch size or
 * the seed. Their product is the grid of variants, the first axis varying
 * slowest: --vary lr=0.1,0.5 --vary seed=1..3 gives (0.1, 1), (0.1, 2),
 * (0.1, 3), (0.5, 1), ...
 *
 * Each variant trains its own network with its own trainer, exactly as
 * `perceptron train` would train it alone (same network built from the
 * spec, same seeded initialisation, same trainer): the results do not depend
 * on how many workers ran them or in what order. N workers (default: one per
 * core) take the variants in turn; while more than one works, each variant's
 * trainer uses one thread (the fast path's result does not depend on its
 * thread count).
 *
 * What each axis sets:
 *   lr          the optimizer's learning rate (0 < A <= 1000)
 *   units       the width of every hidden layer (1 up to the network's
 *               limits); needs at least one hidden layer
 *   activation  every hidden layer's activation: linear, sigmoid, tanh or
 *               relu; needs at least one hidden layer
 *   batch       samples per update, 1 to 2^32 − 1, or 0 for the full set
 *               ("full" in text)
 *   seed        the seed of the initialisation and the shuffling (the data
 *               itself is the caller's: loaded once, the same for every
 *               variant)
 *
 * GLib/GIO only. The object is used from one thread (the caller's); the
 * workers never touch it except through what the functions below say.
 */
#pragma once

#include <gio/gio.h>

#include "ps-dataset.h"
#include "ps-network.h"
#include "ps-trainer.h"

G_BEGIN_DECLS

#define PS_SWEEP_MAX_AXES      2
#define PS_SWEEP_MAX_VARIANTS  10000

#define PS_SWEEP_ERROR (ps_sweep_error_quark ())

typedef enum
{
  PS_SWEEP_ERROR_KEY,        /* an unknown setting, one given twice, a third one */
  PS_SWEEP_ERROR_VALUE,      /* a value that does not parse or is out of range */
  PS_SWEEP_ERROR_TOO_MANY,   /* more than PS_SWEEP_MAX_VARIANTS variants */
  PS_SWEEP_ERROR_NETWORK,    /* a spec that does not parse or fit the data */
} PsSweepError;

typedef enum
{
  PS_SWEEP_LR,
  PS_SWEEP_UNITS,
  PS_SWEEP_ACTIVATION,
  PS_SWEEP_BATCH,
  PS_SWEEP_SEED,
  PS_SWEEP_N_KEYS
} PsSweepKey;

/* One value of an axis: the member its key names. */
typedef union
{
  double       lr;
  guint        units;
  PsActivation activation;
  guint        batch;        /* 0: the full set */
  guint64      seed;
} PsSweepValue;

typedef struct
{
  guint           index;
  gboolean        done;            /* FALSE: cancelled before it finished */
  PsTrainStatus   status;
  char           *message;         /* (nullable): why it diverged */
  guint           epochs;          /* epochs run */
  double          seconds;         /* wall time of its training */
  /* The last epoch's metrics, as `perceptron train` prints them (0 epochs:
   * all zero). */
  double          loss;
  double          accuracy;
  gboolean        has_val;
  double          val_loss;
  double          val_accuracy;
  /* The final model on the test set (when the sweep has one). */
  gboolean        has_test;
  double          test_loss;
  double          test_accuracy;
  /* accuracy >= the config's target_accuracy (FALSE when it has none) */
  gboolean        reached_target;
  PsNetwork      *model;           /* (nullable): the final weights (keep_models) */
  PsEpochMetrics *history;         /* (nullable): every epoch (keep_history) */
  guint           n_history;
} PsSweepResult;

GQuark        ps_sweep_error_quark        (void);

/* "lr", "units", "activation", "batch", "seed"; from_name FALSE for an
 * unknown name (*out unchanged). */
const char   *ps_sweep_key_to_name        (PsSweepKey          key);
gboolean      ps_sweep_key_from_name      (const char         *name,
                                           PsSweepKey         *out);
/* The names joined by ", " (for messages; static). */
const char   *ps_sweep_key_names          (void);

/* Parses a list of values for @key: comma-separated, blanks ignored;
 * whole-number keys (units, batch, seed) also take ranges "a..b" (a <= b).
 * Refuses (PS_SWEEP_ERROR_VALUE, the message naming the key and the value)
 * an empty list or item, a value out of range, one given twice, and more
 * than PS_SWEEP_MAX_VARIANTS values (PS_SWEEP_ERROR_TOO_MANY).
 * Returns: (transfer full) (nullable): a GArray of PsSweepValue */
GArray       *ps_sweep_parse_values       (PsSweepKey          key,
                                           const char         *text,
                                           GError            **error);
/* "KEY=VALUES" (the CLI's --vary): the key and its values. */
gboolean      ps_sweep_parse_vary         (const char         *text,
                                           PsSweepKey         *key,
                                           GArray            **values,
                                           GError            **error);
/* "0.5", "4", "tanh", "full", "17" (transfer full) */
char         *ps_sweep_value_to_string    (PsSweepKey          key,
                                           const PsSweepValue *value);

#define PS_TYPE_SWEEP (ps_sweep_get_type ())
G_DECLARE_FINAL_TYPE (PsSweep, ps_sweep, PS, SWEEP, GObject)

/* @layers: the network spec with its input width ("2,3:sigmoid,1:sigmoid");
 * @train (reffed): the training set, scaled as it is to be trained on (the
 * trainer's val_split carves validation off it, as in train); @test
 * (reffed, nullable): evaluated after training. Neither may change while
 * the sweep lives (pass copies of data that may). @config's loss must be
 * the network's. NULL + PS_SWEEP_ERROR_NETWORK when the spec does not
 * parse or does not fit the data.
 * Returns: (transfer full) (nullable) */
PsSweep      *ps_sweep_new                (const char          *layers,
                                           const PsTrainConfig *config,
                                           PsInit               init,
                                           PsDataset           *train,
                                           PsDataset           *test,
                                           GError             **error);
/* Adds a varied setting (values copied). FALSE + error, nothing changed: a
 * third axis or a key already varied (PS_SWEEP_ERROR_KEY), no values, a
 * value repeated or out of range (PS_SWEEP_ERROR_VALUE), more than
 * PS_SWEEP_MAX_VARIANTS variants in all (PS_SWEEP_ERROR_TOO_MANY), units or
 * activation without a hidden layer or a units value the network cannot
 * have (PS_SWEEP_ERROR_NETWORK). Before a run only. */
gboolean      ps_sweep_add_axis           (PsSweep            *self,
                                           PsSweepKey          key,
                                           const PsSweepValue *values,
                                           guint               n_values,
                                           GError            **error);
/* Workers: 0 (default) is g_get_num_processors(); never more than the
 * variants. Before a run only. */
void          ps_sweep_set_n_workers      (PsSweep            *self,
                                           guint               n_workers);
/* The workers a run uses. */
guint         ps_sweep_get_n_workers      (PsSweep            *self);
/* What results keep besides the numbers: the final network (default TRUE)
 * and the per-epoch history (default TRUE). Before a run only. */
void          ps_sweep_set_keep           (PsSweep            *self,
                                           gboolean            models,
                                           gboolean            history);

guint         ps_sweep_get_n_variants     (PsSweep            *self);
guint         ps_sweep_get_n_axes         (PsSweep            *self);
PsSweepKey    ps_sweep_get_axis_key       (PsSweep            *self,
                                           guint               axis);
guint         ps_sweep_get_axis_size      (PsSweep            *self,
                                           guint               axis);
/* Variant @variant's value on @axis. */
void          ps_sweep_get_value          (PsSweep            *self,
                                           guint               variant,
                                           guint               axis,
                                           PsSweepValue       *out);
/* "lr=0.5 seed=3" (transfer full) */
char         *ps_sweep_describe_variant   (PsSweep            *self,
                                           guint               variant);
/* What variant @variant trains with: its config (out caller-allocates)
 * and its spec (transfer full; nullable out). The initialisation is the
 * sweep's (ps_sweep_get_init). */
void          ps_sweep_get_variant_config (PsSweep            *self,
                                           guint               variant,
                                           PsTrainConfig      *config,
                                           char              **layers);
PsInit        ps_sweep_get_init           (PsSweep            *self);
/* (transfer none) */
PsDataset    *ps_sweep_get_train          (PsSweep            *self);
/* (transfer none) (nullable) */
PsDataset    *ps_sweep_get_test           (PsSweep            *self);

/* Called on the caller's thread after each variant, in variant order. */
typedef void (*PsSweepFunc) (PsSweep *sweep,
                             guint    variant,
                             gpointer user_data);

/* Runs every variant and returns when all are done. FALSE + error: cancelled
 * (G_IO_ERROR_CANCELLED; the variants that finished keep their results),
 * or a thread could not start. A diverged variant is a result
 * (PS_TRAIN_DIVERGED), not an error. Once per sweep. */
gboolean      ps_sweep_run                (PsSweep            *self,
                                           GCancellable       *cancellable,
                                           PsSweepFunc         func,
                                           gpointer            user_data,
                                           GError            **error);
/* The same in the background: "variant-finished" (guint variant) is emitted
 * on the thread-default main context of this call as each variant finishes
 * (in the order they finish), then @callback. Once per sweep. */
void          ps_sweep_run_async          (PsSweep            *self,
                                           GCancellable       *cancellable,
                                           GAsyncReadyCallback callback,
                                           gpointer            user_data);
gboolean      ps_sweep_run_finish         (PsSweep            *self,
                                           GAsyncResult       *result,
                                           GError            **error);
/* 0..1: the share of all variants' epochs run so far (from any thread). */
double        ps_sweep_get_progress       (PsSweep            *self);
/* Variants finished so far (main thread, as signalled). */
guint         ps_sweep_get_n_finished     (PsSweep            *self);

/* (transfer none) (nullable): variant @variant's result once it finished
 * (after its "variant-finished" or PsSweepFunc), else NULL. */
const PsSweepResult *ps_sweep_get_result  (PsSweep            *self,
                                           guint               variant);
/* The best finished variant: the highest accuracy on the test set when
 * there is one, else on the validation split when there is one, else on
 * the training set; ties go to the lower loss on that set, then to the
 * earlier variant. G_MAXUINT when none finished. */
guint         ps_sweep_get_best           (PsSweep            *self);
/* The finished variants that reached the config's target accuracy. */
guint         ps_sweep_count_reached      (PsSweep            *self);
/* The results as CSV, a header line then one line per finished variant:
 * variant, each axis by its key, loss, accuracy, val_loss, val_accuracy,
 * test_loss, test_accuracy (empty when there is none), epochs, seconds,
 * status (finished, target, early-stopped, diverged), reached_target
 * (0/1, empty without a target). (transfer full) */
char         *ps_sweep_to_csv             (PsSweep            *self);

G_END_DECLS
