/* fuzz-model.c: libFuzzer target for the model-file loader (ps_model_from_json)
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Input: the text of a model file. A model that loads must be internally
 * consistent (layer shapes chain, parameters finite), usable (predict runs on
 * it) and must survive a save → load round trip unchanged.
 */
#include "config.h"

#include "fuzz-common.h"
#include "ps-model-file.h"
#include "ps-network.h"

#include <string.h>

static void
check_network (const PsNetwork *net)
{
  fuzz_check (net->n_inputs >= 1);
  fuzz_check (net->n_layers >= 1);
  fuzz_check (net->layers != NULL);
  fuzz_check (net->params != NULL);
  gsize expected = 0;
  guint in = net->n_inputs;
  for (guint l = 0; l < net->n_layers; l++)
    {
      const PsLayer *layer = &net->layers[l];
      fuzz_check (layer->inputs == in);
      fuzz_check (layer->units >= 1);
      fuzz_check (layer->w_offset + (gsize) layer->inputs * layer->units <= net->n_params);
      fuzz_check (layer->b_offset + layer->units <= net->n_params);
      expected += (gsize) layer->inputs * layer->units + layer->units;
      in = layer->units;
    }
  fuzz_check (expected == net->n_params);
  fuzz_check (ps_network_is_finite (net));
  for (gsize k = 0; k < net->n_params; k++)
    fuzz_check (isfinite (net->params[k]));
  if (net->input_shape[0] != 0 || net->input_shape[1] != 0)
    fuzz_check ((gsize) net->input_shape[0] * net->input_shape[1] == net->n_inputs);
  if (net->classes != NULL)
    for (guint k = 0; net->classes[k] != NULL; k++)
      fuzz_check (g_utf8_validate (net->classes[k], -1, NULL));
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  PsNetwork *net = ps_model_from_json ((const char *) data, size, "fuzz.json", &error);
  if (net == NULL)
    {
      fuzz_check (error != NULL);
      fuzz_verbose (error->message);
      fuzz_check (error->domain == PS_MODEL_ERROR);
      fuzz_check (error->code == PS_MODEL_ERROR_SYNTAX || error->code == PS_MODEL_ERROR_INVALID);
      fuzz_check (error->message != NULL && error->message[0] != '\0');
      fuzz_check (g_utf8_validate (error->message, -1, NULL));
      return 0;
    }
  fuzz_check (error == NULL);
  check_network (net);

  /* Usable: one prediction on zeros (bounded: the file lists every weight). */
  guint n_out = ps_network_n_outputs (net);
  g_autofree float *x = g_new0 (float, net->n_inputs);
  g_autofree float *y = g_new0 (float, n_out);
  ps_network_predict (net, x, 1, y);
  (void) ps_network_classify_row (net, y);
  g_free (ps_network_summary (net));
  g_free (ps_network_to_spec (net));

  /* Round trip: what we write we can read, identically. */
  g_autofree char *json = ps_model_to_json (net);
  fuzz_check (json != NULL);
  g_autoptr(GError) error2 = NULL;
  PsNetwork *again = ps_model_from_json (json, -1, "round-trip.json", &error2);
  if (again == NULL)
    fprintf (stderr, "round trip failed: %s\n", error2->message);
  fuzz_check (again != NULL);
  fuzz_check (again->n_inputs == net->n_inputs);
  fuzz_check (again->n_layers == net->n_layers);
  fuzz_check (again->n_params == net->n_params);
  fuzz_check (again->loss == net->loss);
  for (guint l = 0; l < net->n_layers; l++)
    {
      fuzz_check (again->layers[l].units == net->layers[l].units);
      fuzz_check (again->layers[l].activation == net->layers[l].activation);
    }
  /* Equal as numbers (-0 may come back as 0, which computes the same). */
  for (gsize k = 0; k < net->n_params; k++)
    fuzz_check (again->params[k] == net->params[k]);
  fuzz_check (again->input_shape[0] == net->input_shape[0]
              && again->input_shape[1] == net->input_shape[1]);
  fuzz_check ((again->classes == NULL) == (net->classes == NULL));
  if (net->classes != NULL)
    {
      fuzz_check (g_strv_length (again->classes) == g_strv_length (net->classes));
      for (guint k = 0; net->classes[k] != NULL; k++)
        fuzz_check (strcmp (again->classes[k], net->classes[k]) == 0);
    }
  ps_network_free (again);
  ps_network_free (net);
  return 0;
}
