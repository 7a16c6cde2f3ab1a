/* ps-lesson.h: lesson files, a teacher's sequence of set-up steps
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A lesson is a JSON file (the README's "Lessons" section has the format):
 * a title and steps; each step sets up the dataset, the network and the
 * training settings (as experiment files and presets describe them), shows
 * a short text in the learner's language, hides or locks named controls and
 * may wait for a condition ("accuracy >= 1") before Next is enabled.
 * Loading checks everything at once: an invalid file is refused with a
 * message naming the field ("steps[2].wait.accuracy: expected a number").
 * GLib/GIO + json-glib only: no GTK, tested without a display.
 */
#pragma once

#include <gio/gio.h>

#include "ps-dataset-source.h"
#include "ps-session.h"
#include "ps-trainer.h"
#include "ps-training-settings.h"

G_BEGIN_DECLS

#define PS_LESSON_ERROR (ps_lesson_error_quark ())

typedef enum
{
  PS_LESSON_ERROR_IO,           /* cannot read the file */
  PS_LESSON_ERROR_SYNTAX,       /* not JSON, or JSON too deep */
  PS_LESSON_ERROR_INVALID,      /* JSON, but a field is wrong: the message names it */
} PsLessonError;

GQuark ps_lesson_error_quark (void);

/* The most a lesson file may hold: lessons are text. */
#define PS_LESSON_FILE_MAX ((gsize) 4 << 20)
/* The deepest nesting a lesson needs is 4 (steps → step → text → ...). */
#define PS_LESSON_MAX_DEPTH 16
/* The most steps a lesson may have. */
#define PS_LESSON_MAX_STEPS 200

/* The controls a step can hide or lock, by their names in the file. The
 * window maps each to its widgets (src/app/ps-window-lesson.c). */
typedef enum
{
  PS_LESSON_CONTROL_DATASET,          /* "dataset": the dataset choice and its options */
  PS_LESSON_CONTROL_DATA_EDITING,     /* "data-editing": the truth table's outputs, clicks
                                       * on the points (locked only, on the Boundary page) */
  PS_LESSON_CONTROL_LAYERS,           /* "layers": the network editor's layers */
  PS_LESSON_CONTROL_LOSS,             /* "loss" */
  PS_LESSON_CONTROL_REDUCTION,        /* "reduction" */
  PS_LESSON_CONTROL_OPTIMIZER,        /* "optimizer": learning rule (and momentum) */
  PS_LESSON_CONTROL_LEARNING_RATE,    /* "learning-rate" */
  PS_LESSON_CONTROL_BATCH,            /* "batch": batch mode and size */
  PS_LESSON_CONTROL_EPOCHS,           /* "epochs" */
  PS_LESSON_CONTROL_VALIDATION_SPLIT, /* "validation-split" */
  PS_LESSON_CONTROL_SEED,             /* "seed" */
  PS_LESSON_CONTROL_INIT,             /* "init" */
  PS_LESSON_CONTROL_SCALING,          /* "scaling" */
  PS_LESSON_CONTROL_SPEED,            /* "speed" */
  PS_LESSON_CONTROL_STEP,             /* "step": the Step button */
  PS_LESSON_CONTROL_RESET,            /* "reset" */
  PS_LESSON_CONTROL_EXPLAIN,          /* "explain": Explain update */
  PS_LESSON_CONTROL_TIMELINE,         /* "timeline": the bar under the views */
  PS_LESSON_CONTROL_NOTEBOOK,         /* "notebook": the header bar's presets */
  PS_LESSON_CONTROL_OPEN,             /* "open": the header bar's Open */
  PS_LESSON_CONTROL_DATASET_TAB,      /* "dataset-tab": the sidebar's Dataset page */
  PS_LESSON_CONTROL_NETWORK_TAB,      /* "network-tab" */
  PS_LESSON_CONTROL_TRAINING_TAB,     /* "training-tab" */
  PS_LESSON_N_CONTROLS
} PsLessonControl;

/* The name in the file ("learning-rate"); static. */
const char *ps_lesson_control_to_name   (PsLessonControl  control);
/* FALSE for a name not in the set (*out unchanged). */
gboolean    ps_lesson_control_from_name (const char      *name,
                                         PsLessonControl *out);

/* A wait condition: METRIC OP VALUE, e.g. accuracy >= 1. */
typedef enum
{
  PS_LESSON_METRIC_EPOCH,         /* epochs trained in this step's run */
  PS_LESSON_METRIC_LOSS,
  PS_LESSON_METRIC_ACCURACY,
  PS_LESSON_METRIC_RMSE,
  PS_LESSON_METRIC_VAL_LOSS,
  PS_LESSON_METRIC_VAL_ACCURACY,
  PS_LESSON_METRIC_VAL_RMSE,
} PsLessonMetric;

typedef enum
{
  PS_LESSON_CMP_GE,
  PS_LESSON_CMP_GT,
  PS_LESSON_CMP_LE,
  PS_LESSON_CMP_LT,
  PS_LESSON_CMP_EQ,
} PsLessonComparison;

typedef struct
{
  PsLessonMetric     metric;
  PsLessonComparison cmp;
  double             value;
} PsLessonCondition;

/* The metric's name in the file ("val_accuracy") and the comparison's
 * symbol (">="); static. */
const char *ps_lesson_metric_to_name     (PsLessonMetric      metric);
const char *ps_lesson_comparison_to_name (PsLessonComparison  cmp);

/* Whether @cond holds for @metrics, the last epoch's record (nullable: no
 * epoch trained yet, when every metric but "epoch" (0) is unknown). An
 * unknown metric (NaN, a val_ metric without a validation set) never
 * holds. */
gboolean    ps_lesson_condition_holds    (const PsLessonCondition *cond,
                                          const PsEpochMetrics    *metrics);
/* Parses "METRIC OP NUMBER" ("accuracy >= 1.0"): the grammar of a wait
 * condition as one string (the file gives it as "metric": "OP NUMBER").
 * FALSE + PS_LESSON_ERROR_INVALID naming what is wrong. */
gboolean    ps_lesson_condition_parse    (const char              *text,
                                          PsLessonCondition       *out,
                                          GError                 **error);

typedef struct _PsLesson PsLesson;
typedef struct _PsLessonStep PsLessonStep;

/* (transfer full) (nullable): the lesson in @path, or NULL + error
 * (PS_LESSON_ERROR). Reads at most PS_LESSON_FILE_MAX bytes of a regular
 * file, refuses JSON nested deeper than PS_LESSON_MAX_DEPTH; every field is
 * checked and a wrong one named ("lesson.json: steps[2].hide[0]: unknown
 * control “optimiser”"). */
PsLesson   *ps_lesson_load               (const char   *path,
                                          GError      **error);
/* The same from text in memory; @display_name prefixes the messages. */
PsLesson   *ps_lesson_new_from_data      (const char   *text,
                                          gsize         length,
                                          const char   *display_name,
                                          GError      **error);
void        ps_lesson_free               (PsLesson     *self);

/* (transfer none): @lang's title (a language code such as "es"; NULL: the
 * first of g_get_language_names() the lesson has), else the English one,
 * else the first given. */
const char *ps_lesson_get_title          (PsLesson     *self,
                                          const char   *lang);
/* (transfer none) (nullable): the file it was loaded from */
const char *ps_lesson_get_path           (PsLesson     *self);
guint       ps_lesson_get_n_steps        (PsLesson     *self);
/* (transfer none): step @index (0-based, < n_steps) */
const PsLessonStep *ps_lesson_get_step   (PsLesson     *self,
                                          guint         index);

/* (transfer none): the step's text in @lang (as ps_lesson_get_title) */
const char *ps_lesson_step_get_text      (const PsLessonStep *step,
                                          const char         *lang);
/* (transfer none) (nullable): the step's short title, when it has one */
const char *ps_lesson_step_get_title     (const PsLessonStep *step,
                                          const char         *lang);
gboolean    ps_lesson_step_hides         (const PsLessonStep *step,
                                          PsLessonControl     control);
gboolean    ps_lesson_step_locks         (const PsLessonStep *step,
                                          PsLessonControl     control);
/* (transfer none) (nullable): the step's wait conditions (all must hold),
 * @n_conditions of them; NULL and 0 when Next is always enabled. */
const PsLessonCondition *ps_lesson_step_get_wait (const PsLessonStep *step,
                                                  guint              *n_conditions);
/* Whether every wait condition holds for @metrics (nullable, as in
 * ps_lesson_condition_holds); TRUE without conditions. */
gboolean    ps_lesson_step_wait_holds    (const PsLessonStep   *step,
                                          const PsEpochMetrics *metrics);
/* The same for the run @snapshot (nullable: nothing trained) shows: its
 * last epoch, whatever epoch the timeline points at. */
gboolean    ps_lesson_step_wait_holds_snapshot (const PsLessonStep *step,
                                                PsSnapshot         *snapshot);

/* What the step sets up, resolved (a step inherits what it does not say
 * from the step before it, the first from the preset it names or the
 * defaults). (transfer none) */
const PsDatasetSource    *ps_lesson_step_get_source   (const PsLessonStep *step);
const char               *ps_lesson_step_get_network  (const PsLessonStep *step);
const PsTrainingSettings *ps_lesson_step_get_settings (const PsLessonStep *step);
/* The step's speed in epochs a second (0: Max), or a negative number when
 * it leaves the session's. */
double      ps_lesson_step_get_speed     (const PsLessonStep *step);

/* Sets @session up for @step: stops a run, sets the network spec, the
 * settings and the speed, and loads the step's dataset (a file in the
 * background) or, when it is the one loaded, starts over from fresh
 * weights. FALSE + error (the session's) when the session refuses. */
gboolean    ps_lesson_step_apply         (const PsLessonStep *step,
                                          PsSession          *session,
                                          GError            **error);

/* Shipped lessons: (transfer full) (nullable) the path of data/lessons/@name
 * (a plain file name): from the source tree when run uninstalled, else from
 * the installed data folder; NULL when neither has it. */
char       *ps_lesson_find_shipped       (const char   *name);
/* The file name of the notebook's lesson. */
#define PS_LESSON_NOTEBOOK "perceptron-simple-y-multicapa.json"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PsLesson, ps_lesson_free)

G_END_DECLS
