/* ps-cli-data.h: the --data SPEC of the command line
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ps-dataset.h"

G_BEGIN_DECLS

typedef struct
{
  guint        samples;        /* generators */
  double       noise;
  guint64      seed;
  const char  *label_column;   /* CSV */
  double       test_split;     /* fraction held out as the test set, 0: none */
  PsScaling    scaling;
} PsCliDataOptions;

/* Loads SPEC: a gate name, a generator, mnist[:DIR], fashion-mnist[:DIR] or a
 * .csv path. *test is the t10k files for IDX data (refused when they do not
 * fit the train files: ps_dataset_check_test_set), the held-out split with
 * test_split, else NULL. Scaling is fitted on the train part and applied to both. */
gboolean ps_cli_load_data (const char              *spec,
                           const PsCliDataOptions  *options,
                           PsDataset              **train,
                           PsDataset              **test,
                           GError                 **error);

G_END_DECLS
