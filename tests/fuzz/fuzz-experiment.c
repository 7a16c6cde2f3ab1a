/* fuzz-experiment.c: libFuzzer target for the experiment-file reader
 * (ps_experiment_load, which needs no GTK)
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Input: the text of an experiment file, written to a scratch file (the
 * reader takes a path: this also runs the bounded reader and the JSON guard).
 * A refusal is a PS_EXPERIMENT_ERROR with a valid UTF-8 message. An
 * experiment that loads must survive a save → load round trip unchanged:
 * the same network spec, dataset and training settings (every number the
 * same double) and the same weights.
 */
#include "config.h"

#include "fuzz-common.h"
#include "ps-experiment.h"
#include "ps-model-file.h"
#include "ps-network.h"

#include <string.h>

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) dataset = NULL, training = NULL, dataset2 = NULL, training2 = NULL;
  g_autofree char *spec = NULL, *spec2 = NULL;
  PsNetwork *model = NULL, *model2 = NULL;
  g_autofree char *path = fuzz_write_file ("input.json", data, size);
  g_autofree char *out = NULL;
  g_autofree char *dir = NULL;

  if (!ps_experiment_load (path, &dataset, &spec, &training, &model, &error))
    {
      fuzz_check (error != NULL);
      fuzz_verbose (error->message);
      fuzz_check (error->domain == PS_EXPERIMENT_ERROR);
      fuzz_check (error->message != NULL && error->message[0] != '\0');
      fuzz_check (g_utf8_validate (error->message, -1, NULL));
      return 0;
    }
  fuzz_check (error == NULL);
  fuzz_check (dataset != NULL && training != NULL && spec != NULL);
  (void) ps_experiment_sniff (path);

  /* Round trip through the writer (shortest numbers, the model embedded). */
  dir = g_path_get_dirname (path);
  out = g_build_filename (dir, "again.json", NULL);
  if (!ps_experiment_save (out, dataset, spec, training, model, &error))
    {
      fprintf (stderr, "save failed: %s\n", error->message);
      fuzz_check (FALSE);
    }
  if (!ps_experiment_load (out, &dataset2, &spec2, &training2, &model2, &error))
    {
      fprintf (stderr, "round trip failed: %s\n", error->message);
      fuzz_check (FALSE);
    }
  fuzz_check (strcmp (spec, spec2) == 0);
  fuzz_check (json_node_equal (dataset, dataset2));
  fuzz_check (json_node_equal (training, training2));
  fuzz_check ((model == NULL) == (model2 == NULL));
  if (model != NULL)
    {
      fuzz_check (model->n_params == model2->n_params);
      for (gsize k = 0; k < model->n_params; k++)
        fuzz_check (model->params[k] == model2->params[k]);
      ps_network_free (model);
      ps_network_free (model2);
    }
  g_unlink (out);
  return 0;
}
