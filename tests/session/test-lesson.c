/* test-lesson.c: lesson files without a display
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The shipped notebook lesson loads, and each of its steps sets a session
 * up exactly as the notebook preset of that experiment does (same data,
 * network and settings: the notebook's numbers); steps train to their wait
 * condition; invalid files are refused with the field named; conditions
 * parse and evaluate as documented.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "ps-lesson.h"
#include "ps-presets.h"
#include "ps-session.h"

/* The notebook's experiments, in the lesson's order. */
static const char *const notebook_presets[] = {
  "perceptron-and3", "perceptron-xor", "mlp-or3", "mlp-xor", "mlp-xor-deep",
  "mnist-3-2", "mnist-5-5",
};

static void
wait_idle (PsSession *session)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (ps_session_is_busy (session) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (ps_session_is_busy (session));
}

static PsLesson *
load_shipped (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (PS_SOURCE_DATADIR, "lessons", PS_LESSON_NOTEBOOK, NULL);
  PsLesson *lesson = ps_lesson_load (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (lesson);
  return lesson;
}

static void
test_shipped_found (void)
{
  g_autofree char *path = ps_lesson_find_shipped (PS_LESSON_NOTEBOOK);

  g_assert_nonnull (path);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_assert_null (ps_lesson_find_shipped ("../lessons/" PS_LESSON_NOTEBOOK));
  g_assert_null (ps_lesson_find_shipped ("no-such-lesson.json"));
}

static void
test_shipped_steps (void)
{
  g_autoptr(PsLesson) lesson = load_shipped ();
  g_autoptr(PsSession) session = ps_session_new ();
  g_autoptr(PsSession) reference = ps_session_new ();

  g_assert_cmpstr (ps_lesson_get_title (lesson, "es"), ==, "Perceptrón simple y perceptrón multicapa");
  /* the notebook's own name, in English too */
  g_assert_cmpstr (ps_lesson_get_title (lesson, "en"), ==, "Perceptrón simple y perceptrón multicapa");
  /* a language the lesson lacks falls back to English */
  g_assert_cmpstr (ps_lesson_step_get_text (ps_lesson_get_step (lesson, 0), "fr"), ==,
                   ps_lesson_step_get_text (ps_lesson_get_step (lesson, 0), "en"));
  g_assert_cmpuint (ps_lesson_get_n_steps (lesson), ==, G_N_ELEMENTS (notebook_presets));

  for (guint i = 0; i < ps_lesson_get_n_steps (lesson); i++)
    {
      const PsLessonStep *step = ps_lesson_get_step (lesson, i);
      const PsPreset *preset = ps_presets_lookup (notebook_presets[i]);
      g_autoptr(GError) error = NULL;
      PsTrainingSettings got, want;

      g_test_message ("step %u: %s", i + 1, notebook_presets[i]);
      g_assert_nonnull (ps_lesson_step_get_text (step, "es"));
      g_assert_nonnull (ps_lesson_step_get_text (step, "en"));
      g_assert_cmpstr (ps_lesson_step_get_text (step, "es"), !=, ps_lesson_step_get_text (step, "en"));
      /* a teacher leaves through the menu: no step hides the way out of
       * a step (Train) */
      g_assert_true (ps_lesson_step_hides (step, PS_LESSON_CONTROL_NOTEBOOK));

      g_assert_true (ps_lesson_step_apply (step, session, &error));
      g_assert_no_error (error);
      wait_idle (session);
      g_assert_true (ps_session_apply_preset (reference, notebook_presets[i], NULL, &error));
      g_assert_no_error (error);
      wait_idle (reference);

      g_assert_cmpstr (ps_session_get_dataset_source (session)->id, ==, preset->dataset);
      g_assert_cmpstr (ps_session_get_dataset_source (session)->id, ==,
                       ps_session_get_dataset_source (reference)->id);
      g_assert_cmpstr (ps_session_get_network_spec (session), ==, ps_session_get_network_spec (reference));
      ps_session_get_settings (session, &got);
      ps_session_get_settings (reference, &want);
      g_assert_true (ps_training_settings_equal (&got, &want));
      g_assert_cmpuint (got.train.epochs, ==, preset->epochs);
      g_assert_cmpfloat (got.train.optimizer.lr, ==, preset->lr);
      g_assert_cmpuint (got.train.seed, ==, preset->seed);
      /* fresh weights: the same ones the preset starts from */
      g_assert_nonnull (ps_session_get_model (session));
      g_assert_cmpuint (ps_session_get_model (session)->n_params, ==,
                        ps_session_get_model (reference)->n_params);
      g_assert_cmpmem (ps_session_get_model (session)->params,
                       ps_session_get_model (session)->n_params * sizeof (float),
                       ps_session_get_model (reference)->params,
                       ps_session_get_model (reference)->n_params * sizeof (float));
    }
  ps_session_shutdown (session);
  ps_session_shutdown (reference);
}

static void
on_finished (PsSession  *session,
             int         status,
             const char *message,
             gboolean   *done)
{
  *done = TRUE;
}

/* Trains the session's settings to the end at Max. */
static void
train_to_end (PsSession *session)
{
  g_autoptr(GError) error = NULL;
  gboolean done = FALSE;
  gulong id = g_signal_connect (session, "run-finished", G_CALLBACK (on_finished), &done);
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  ps_session_set_speed (session, PS_SESSION_SPEED_MAX);
  g_assert_true (ps_session_start (session, 0, &error));
  g_assert_no_error (error);
  while (!done && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (done);
  g_signal_handler_disconnect (session, id);
}

static void
test_shipped_train (void)
{
  g_autoptr(PsLesson) lesson = load_shipped ();
  g_autoptr(PsSession) session = ps_session_new ();
  g_autoptr(GError) error = NULL;
  const PsLessonStep *step;
  PsSnapshot *snap;

  /* step 1: the perceptron learns AND: accuracy >= 1 opens Next */
  step = ps_lesson_get_step (lesson, 0);
  g_assert_true (ps_lesson_step_apply (step, session, &error));
  snap = ps_session_get_snapshot (session);
  g_assert_false (ps_lesson_step_wait_holds_snapshot (step, snap));
  train_to_end (session);
  snap = ps_session_get_snapshot (session);
  g_assert_nonnull (snap);
  g_assert_cmpuint (snap->n_epochs, ==, 100);
  g_assert_cmpfloat (snap->history[99].accuracy, ==, 1.0);
  g_assert_true (ps_lesson_step_wait_holds_snapshot (step, snap));

  /* step 2: XOR is never learnt, Next waits for the 100 epochs */
  step = ps_lesson_get_step (lesson, 1);
  g_assert_true (ps_lesson_step_apply (step, session, &error));
  snap = ps_session_get_snapshot (session);
  g_assert_true (snap == NULL || snap->n_epochs == 0);
  g_assert_false (ps_lesson_step_wait_holds_snapshot (step, snap));
  train_to_end (session);
  snap = ps_session_get_snapshot (session);
  g_assert_cmpuint (snap->n_epochs, ==, 100);
  g_assert_cmpfloat (snap->history[99].accuracy, <, 1.0);
  g_assert_true (ps_lesson_step_wait_holds_snapshot (step, snap));

  /* step 4: [2, 3, 1] with seed 6 learns XOR in the notebook's 1000 epochs */
  step = ps_lesson_get_step (lesson, 3);
  g_assert_true (ps_lesson_step_apply (step, session, &error));
  train_to_end (session);
  snap = ps_session_get_snapshot (session);
  g_assert_cmpuint (snap->n_epochs, ==, 1000);
  g_assert_true (ps_lesson_step_wait_holds_snapshot (step, snap));
  ps_session_shutdown (session);
}

static void
test_conditions (void)
{
  PsEpochMetrics m = { 0 };
  PsLessonCondition c;
  g_autoptr(GError) error = NULL;

  m.epoch = 1000;
  m.accuracy = 0.75;
  m.loss = 0.02;
  m.rmse = 0.2;
  m.has_val = FALSE;
  m.val_accuracy = 0.9;   /* meaningless without has_val */

  g_assert_true (ps_lesson_condition_parse ("accuracy >= 0.75", &c, &error));
  g_assert_cmpint (c.metric, ==, PS_LESSON_METRIC_ACCURACY);
  g_assert_cmpint (c.cmp, ==, PS_LESSON_CMP_GE);
  g_assert_cmpfloat (c.value, ==, 0.75);
  g_assert_true (ps_lesson_condition_holds (&c, &m));
  g_assert_true (ps_lesson_condition_parse ("accuracy>1", &c, &error));
  g_assert_false (ps_lesson_condition_holds (&c, &m));
  g_assert_true (ps_lesson_condition_parse ("  epoch >= 1000 ", &c, &error));
  g_assert_true (ps_lesson_condition_holds (&c, &m));
  g_assert_false (ps_lesson_condition_holds (&c, NULL));
  g_assert_true (ps_lesson_condition_parse ("epoch == 1000", &c, &error));
  g_assert_true (ps_lesson_condition_holds (&c, &m));
  g_assert_true (ps_lesson_condition_parse ("epoch < 1000", &c, &error));
  g_assert_false (ps_lesson_condition_holds (&c, &m));
  g_assert_true (ps_lesson_condition_parse ("loss <= 0.05", &c, &error));
  g_assert_true (ps_lesson_condition_holds (&c, &m));
  g_assert_true (ps_lesson_condition_parse ("rmse ≤ 0.1", &c, &error));
  g_assert_false (ps_lesson_condition_holds (&c, &m));
  /* no validation set: a val_ condition never holds, whatever it says */
  g_assert_true (ps_lesson_condition_parse ("val_accuracy >= 0", &c, &error));
  g_assert_false (ps_lesson_condition_holds (&c, &m));
  m.has_val = TRUE;
  g_assert_true (ps_lesson_condition_holds (&c, &m));
  /* nothing trained: only epoch conditions can hold */
  g_assert_true (ps_lesson_condition_parse ("epoch >= 0", &c, &error));
  g_assert_true (ps_lesson_condition_holds (&c, NULL));
  g_assert_true (ps_lesson_condition_parse ("loss < 100", &c, &error));
  g_assert_false (ps_lesson_condition_holds (&c, NULL));
  /* a NaN loss (diverged) never holds */
  m.loss = NAN;
  g_assert_false (ps_lesson_condition_holds (&c, &m));
  g_assert_no_error (error);

  g_assert_false (ps_lesson_condition_parse ("accuracy", &c, &error));
  g_assert_error (error, PS_LESSON_ERROR, PS_LESSON_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (ps_lesson_condition_parse ("accuracy >= high", &c, &error));
  g_assert_error (error, PS_LESSON_ERROR, PS_LESSON_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (ps_lesson_condition_parse ("accuracy >= 1 2", &c, &error));
  g_clear_error (&error);
  g_assert_false (ps_lesson_condition_parse ("accuracy >= inf", &c, &error));
  g_clear_error (&error);
  g_assert_false (ps_lesson_condition_parse ("speed >= 1", &c, &error));
  g_assert_nonnull (strstr (error->message, "speed"));
  g_clear_error (&error);
}

/* A step with a wait object: its conditions all hold, a bare number is
 * "reached" (>= for accuracy and epoch, <= for loss). */
static void
test_wait_in_file (void)
{
  static const char text[] =
    "{\"format\": \"perceptron-studio-lesson\", \"title\": \"t\", \"steps\": ["
    " {\"text\": {\"en\": \"one\", \"es\": \"uno\"}, \"dataset\": {\"source\": \"xor\"},"
    "  \"network\": \"3:sigmoid,1:sigmoid\", \"wait\": {\"accuracy\": 1, \"loss\": 0.1, \"epoch\": \"> 10\"}},"
    " {\"text\": \"two\"}]}";
  g_autoptr(GError) error = NULL;
  g_autoptr(PsLesson) lesson = ps_lesson_new_from_data (text, strlen (text), "w.json", &error);
  const PsLessonStep *step;
  const PsLessonCondition *wait;
  PsEpochMetrics m = { .epoch = 11, .accuracy = 1.0, .loss = 0.05 };
  guint n = 0;

  g_assert_no_error (error);
  step = ps_lesson_get_step (lesson, 0);
  wait = ps_lesson_step_get_wait (step, &n);
  g_assert_cmpuint (n, ==, 3);
  g_assert_cmpint (wait[0].cmp, ==, PS_LESSON_CMP_GE);
  g_assert_cmpint (wait[1].cmp, ==, PS_LESSON_CMP_LE);
  g_assert_cmpint (wait[2].cmp, ==, PS_LESSON_CMP_GT);
  g_assert_true (ps_lesson_step_wait_holds (step, &m));
  m.loss = 0.2;
  g_assert_false (ps_lesson_step_wait_holds (step, &m));
  m.loss = 0.05;
  m.epoch = 10;
  g_assert_false (ps_lesson_step_wait_holds (step, &m));
  g_assert_cmpstr (ps_lesson_step_get_text (step, "es"), ==, "uno");

  /* the second step inherits the first's set-up and waits for nothing */
  step = ps_lesson_get_step (lesson, 1);
  g_assert_null (ps_lesson_step_get_wait (step, &n));
  g_assert_cmpuint (n, ==, 0);
  g_assert_true (ps_lesson_step_wait_holds (step, NULL));
  g_assert_cmpstr (ps_lesson_step_get_network (step), ==, "3:sigmoid,1:sigmoid");
  g_assert_cmpstr (ps_lesson_step_get_source (step)->id, ==, "xor");
  /* a plain string is English, and serves every language */
  g_assert_cmpstr (ps_lesson_step_get_text (step, "es"), ==, "two");
}

typedef struct
{
  const char *json;
  int         code;
  const char *message;   /* in the error's message */
} Invalid;

#define HEAD "{\"format\": \"perceptron-studio-lesson\", \"version\": 1, \"title\": {\"en\": \"L\", \"es\": \"L\"}, \"steps\": "
#define STEP0 "{\"text\": {\"en\": \"a\"}, \"dataset\": {\"source\": \"xor\"}, \"network\": \"3:sigmoid,1:sigmoid\"}"

static const Invalid invalid_files[] = {
  /* not a lesson */
  { "[1, 2]", PS_LESSON_ERROR_INVALID, "bad.json is not a lesson file" },
  { "{\"format\": \"perceptron-studio-experiment\"}", PS_LESSON_ERROR_INVALID, "not a lesson file" },
  { "{\"format\": \"perceptron-studio-lesson\", \"version\": 9, \"title\": \"x\", \"steps\": []}",
    PS_LESSON_ERROR_INVALID, "newer version" },
  { "{\"format\": ", PS_LESSON_ERROR_SYNTAX, "bad.json:" },
  { HEAD "[" STEP0 "]} {}", PS_LESSON_ERROR_SYNTAX, "bad.json:" },
  /* missing fields */
  { "{\"format\": \"perceptron-studio-lesson\", \"steps\": [" STEP0 "]}",
    PS_LESSON_ERROR_INVALID, "bad.json: title: missing" },
  { "{\"format\": \"perceptron-studio-lesson\", \"title\": \"x\"}",
    PS_LESSON_ERROR_INVALID, "bad.json: steps: missing" },
  { HEAD "[]}", PS_LESSON_ERROR_INVALID, "steps: a lesson has from 1 to" },
  { HEAD "[{\"dataset\": {\"source\": \"xor\"}, \"network\": \"1:step\"}]}",
    PS_LESSON_ERROR_INVALID, "steps[0].text: missing" },
  { HEAD "[{\"text\": \"a\", \"network\": \"1:step\"}]}",
    PS_LESSON_ERROR_INVALID, "steps[0].dataset: missing" },
  { HEAD "[{\"text\": \"a\", \"dataset\": {\"source\": \"xor\"}}]}",
    PS_LESSON_ERROR_INVALID, "steps[0].network: missing" },
  /* wrong types */
  { HEAD "{}}", PS_LESSON_ERROR_INVALID, "bad.json: steps: expected a list" },
  { HEAD "[" STEP0 ", 3]}", PS_LESSON_ERROR_INVALID, "steps[1]: expected an object" },
  { HEAD "[" STEP0 ", {\"text\": {\"en\": 5}}]}", PS_LESSON_ERROR_INVALID, "steps[1].text.en: expected a string" },
  { HEAD "[" STEP0 ", {\"text\": {}}]}", PS_LESSON_ERROR_INVALID, "steps[1].text: no text in any language" },
  { HEAD "[" STEP0 ", {\"text\": \"b\", \"training\": {\"learning_rate\": \"fast\"}}]}",
    PS_LESSON_ERROR_INVALID, "steps[1].training.learning_rate: expected a number" },
  { HEAD "[" STEP0 ", {\"text\": \"b\", \"training\": {\"epochs\": 1.5}}]}",
    PS_LESSON_ERROR_INVALID, "steps[1].training.epochs: expected a whole number" },
  { HEAD "[" STEP0 ", {\"text\": \"b\", \"training\": {\"epochs\": 0}}]}",
    PS_LESSON_ERROR_INVALID, "steps[1].training.epochs: 0 is out of range" },
  { HEAD "[" STEP0 ", {\"text\": \"b\", \"training\": {\"optimizer\": \"adamw\"}}]}",
    PS_LESSON_ERROR_INVALID, "steps[1].training.optimizer: unknown value “adamw”" },
  { HEAD "[" STEP0 ", {\"text\": \"b\", \"training\": {\"learning-rate\": 0.1}}]}",
    PS_LESSON_ERROR_INVALID, "steps[1].training.learning-rate: unknown member" },
  { HEAD "[" STEP0 ", {\"text\": \"b\", \"network\": 3}]}",
    PS_LESSON_ERROR_INVALID, "steps[1].network: expected a string" },
  { HEAD "[" STEP0 ", {\"text\": \"b\", \"network\": \"3:wobbly\"}]}",
    PS_LESSON_ERROR_INVALID, "steps[1].network: " },
  { HEAD "[" STEP0 ", {\"text\": \"b\", \"dataset\": {\"source\": \"iris\"}}]}",
    PS_LESSON_ERROR_INVALID, "steps[1].dataset: " },
  { HEAD "[" STEP0 ", {\"text\": \"b\", \"dataset\": \"xor\"}]}",
    PS_LESSON_ERROR_INVALID, "steps[1].dataset: expected an object" },
  { HEAD "[" STEP0 ", {\"text\": \"b\", \"preset\": \"mlp-iris\"}]}",
    PS_LESSON_ERROR_INVALID, "steps[1].preset: unknown preset “mlp-iris”" },
  { HEAD "[" STEP0 ", {\"text\": \"b\", \"speed\": -1}]}",
    PS_LESSON_ERROR_INVALID, "steps[1].speed: -1 is out of range" },
  { HEAD "[" STEP0 ", {\"text\": \"b\", \"sped\": 1}]}",
    PS_LESSON_ERROR_INVALID, "steps[1].sped: unknown member" },
  /* controls */
  { HEAD "[" STEP0 ", {\"text\": \"b\", \"hide\": [\"epochs\", \"optimiser\"]}]}",
    PS_LESSON_ERROR_INVALID, "steps[1].hide[1]: unknown control “optimiser”" },
  { HEAD "[" STEP0 ", {\"text\": \"b\", \"lock\": \"epochs\"}]}",
    PS_LESSON_ERROR_INVALID, "steps[1].lock: expected a list of control names" },
  { HEAD "[" STEP0 ", {\"text\": \"b\", \"lock\": [1]}]}",
    PS_LESSON_ERROR_INVALID, "steps[1].lock[0]: expected a string" },
  /* conditions */
  { HEAD "[" STEP0 ", {\"text\": \"b\", \"wait\": {\"accuracy\": true}}]}",
    PS_LESSON_ERROR_INVALID, "steps[1].wait.accuracy: expected a number" },
  { HEAD "[" STEP0 ", {\"text\": \"b\", \"wait\": {\"accuracy\": \"about 1\"}}]}",
    PS_LESSON_ERROR_INVALID, "steps[1].wait.accuracy: expected a comparison such as “>= 1.0”" },
  { HEAD "[" STEP0 ", {\"text\": \"b\", \"wait\": {\"accuracy\": \">= \"}}]}",
    PS_LESSON_ERROR_INVALID, "steps[1].wait.accuracy: expected a comparison" },
  { HEAD "[" STEP0 ", {\"text\": \"b\", \"wait\": {\"precision\": \">= 1\"}}]}",
    PS_LESSON_ERROR_INVALID, "steps[1].wait.precision: unknown metric" },
  { HEAD "[" STEP0 ", {\"text\": \"b\", \"wait\": [\"accuracy >= 1\"]}]}",
    PS_LESSON_ERROR_INVALID, "steps[1].wait: expected an object" },
};

static void
test_invalid (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (invalid_files); i++)
    {
      const Invalid *t = &invalid_files[i];
      g_autoptr(GError) error = NULL;
      g_autoptr(PsLesson) lesson = NULL;

      g_test_message ("%s", t->json);
      lesson = ps_lesson_new_from_data (t->json, strlen (t->json), "bad.json", &error);
      g_assert_null (lesson);
      g_assert_error (error, PS_LESSON_ERROR, t->code);
      if (strstr (error->message, t->message) == NULL)
        g_error ("“%s” lacks “%s”", error->message, t->message);
    }
}

static void
test_deep_and_huge (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) deep = g_string_new (HEAD "[" STEP0 ", {\"text\": \"b\", \"wait\": ");
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *big = NULL;
  PsLesson *lesson;

  /* 100 000 levels would overflow json-glib's stack: refused by a scan */
  for (guint i = 0; i < 100000; i++)
    g_string_append_c (deep, '[');
  lesson = ps_lesson_new_from_data (deep->str, deep->len, "deep.json", &error);
  g_assert_null (lesson);
  g_assert_error (error, PS_LESSON_ERROR, PS_LESSON_ERROR_SYNTAX);
  g_assert_nonnull (strstr (error->message, "deep.json:"));
  g_assert_nonnull (strstr (error->message, "nested deeper"));
  g_clear_error (&error);

  /* a file past the limit is not read at all; a folder is not a file */
  dir = g_dir_make_tmp ("ps-lesson-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "huge.json", NULL);
  big = g_malloc0 (PS_LESSON_FILE_MAX + 2);
  memset (big, ' ', PS_LESSON_FILE_MAX + 1);
  g_assert_true (g_file_set_contents (path, big, PS_LESSON_FILE_MAX + 1, &error));
  lesson = ps_lesson_load (path, &error);
  g_assert_null (lesson);
  g_assert_error (error, PS_LESSON_ERROR, PS_LESSON_ERROR_IO);
  g_clear_error (&error);
  lesson = ps_lesson_load (dir, &error);
  g_assert_null (lesson);
  g_assert_error (error, PS_LESSON_ERROR, PS_LESSON_ERROR_IO);
  g_clear_error (&error);
  g_unlink (path);
  g_rmdir (dir);
}

/* A step's speed holds after its data arrives, a file's too (a new
 * dataset sets its own default speed). */
static void
test_speed (void)
{
  static const char text[] =
    "{\"format\": \"perceptron-studio-lesson\", \"title\": \"t\", \"steps\": ["
    " {\"text\": \"gate\", \"dataset\": {\"source\": \"or\"}, \"network\": \"1:step\", \"speed\": 3},"
    " {\"text\": \"file\", \"preset\": \"mnist-3-2\", \"speed\": 7}]}";
  g_autoptr(GError) error = NULL;
  g_autoptr(PsLesson) lesson = ps_lesson_new_from_data (text, strlen (text), "s.json", &error);
  g_autoptr(PsSession) session = ps_session_new ();

  g_assert_no_error (error);
  g_assert_cmpfloat (ps_lesson_step_get_speed (ps_lesson_get_step (lesson, 0)), ==, 3);
  g_assert_true (ps_lesson_step_apply (ps_lesson_get_step (lesson, 0), session, &error));
  g_assert_cmpfloat (ps_session_get_speed (session), ==, 3);
  g_assert_true (ps_lesson_step_apply (ps_lesson_get_step (lesson, 1), session, &error));
  wait_idle (session);
  g_assert_cmpuint (ps_dataset_get_n_classes (ps_session_get_train (session)), ==, 10);
  g_assert_cmpfloat (ps_session_get_speed (session), ==, 7);
  ps_session_shutdown (session);
}

static void
test_control_names (void)
{
  for (guint i = 0; i < PS_LESSON_N_CONTROLS; i++)
    {
      const char *name = ps_lesson_control_to_name (i);
      PsLessonControl c;

      g_assert_nonnull (name);
      g_assert_true (ps_lesson_control_from_name (name, &c));
      g_assert_cmpint (c, ==, i);
    }
  g_assert_cmpstr (ps_lesson_control_to_name (PS_LESSON_CONTROL_LEARNING_RATE), ==, "learning-rate");
  g_assert_false (ps_lesson_control_from_name ("Learning rate", &(PsLessonControl) { 0 }));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/lesson/shipped/found", test_shipped_found);
  g_test_add_func ("/lesson/shipped/steps-are-the-presets", test_shipped_steps);
  g_test_add_func ("/lesson/shipped/train-to-condition", test_shipped_train);
  g_test_add_func ("/lesson/conditions", test_conditions);
  g_test_add_func ("/lesson/wait-in-file", test_wait_in_file);
  g_test_add_func ("/lesson/invalid", test_invalid);
  g_test_add_func ("/lesson/deep-and-huge", test_deep_and_huge);
  g_test_add_func ("/lesson/control-names", test_control_names);
  g_test_add_func ("/lesson/speed", test_speed);

  return g_test_run ();
}
