/* ps-datadir.h: where the shipped data, schema and catalogue are, installed or
 * straight from the build tree
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* TRUE when the running executable lives in this build's build directory
 * (PS_BUILD_ROOT in config.h): run from the build tree, not installed. */
gboolean    ps_datadir_is_uninstalled   (void);

/* The folder of a dataset shipped in data/datasets/ (e.g. "mnist"): from the
 * source tree when run uninstalled, else from PS_PKGDATADIR/datasets; the
 * other one when the first does not exist. NULL when neither exists or name
 * is not a plain folder name. The string lives as long as the process. */
const char *ps_data_find_dataset_dir    (const char *name);

/* Uninstalled: the build tree's compiled message catalogues (build/po, as
 * LOCALEDIR/<lang>/LC_MESSAGES/<domain>.mo). Installed: LOCALEDIR. */
const char *ps_datadir_locale_dir       (void);

/* Uninstalled: the build tree's folder with gschemas.compiled, else NULL
 * (installed, the schema is in the system's schema folders). */
const char *ps_datadir_build_schema_dir (void);

G_END_DECLS
