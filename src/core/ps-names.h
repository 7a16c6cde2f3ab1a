/* ps-names.h: the one name table per engine enum
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each choice the CLI parses, the panels offer and the files store
 * (activation, loss, reduction, scaling, optimizer, init) has one table here:
 * its stored names ("sigmoid", "cross-entropy", "sum", ...) in a fixed
 * display order, and a translatable label per value ("Summed (notebook)").
 * The typed to_string/from_string functions in ps-network.h, ps-optimizer.h
 * and ps-dataset.h read these same tables.
 */
#pragma once

#include <glib.h>

#include "ps-dataset.h"
#include "ps-export.h"
#include "ps-network.h"
#include "ps-optimizer.h"

G_BEGIN_DECLS

typedef enum
{
  PS_ENUM_ACTIVATION,   /* PsActivation */
  PS_ENUM_LOSS,         /* PsLoss */
  PS_ENUM_REDUCTION,    /* PsReduction */
  PS_ENUM_SCALING,      /* PsScaling */
  PS_ENUM_OPTIMIZER,    /* PsOptimizerKind */
  PS_ENUM_INIT,         /* PsInit */
  PS_ENUM_EXPORT_FORMAT,/* PsExportFormat */
} PsEnumKind;

/* The stored names of @kind, NULL-terminated, in display order (the
 * training panel's dropdown order: index i of a dropdown is entry i).
 * Returns: (transfer none) */
const char *const *ps_enum_names      (PsEnumKind   kind);
/* How many values @kind has (the length of ps_enum_names). */
guint              ps_enum_n_values   (PsEnumKind   kind);
/* The value at display position @index; the first value for an index past
 * the end (a dropdown with nothing selected). */
int                ps_enum_value_at   (PsEnumKind   kind,
                                       guint        index);
/* The display position of @value, or 0 when @kind has no such value. */
guint              ps_enum_index_of   (PsEnumKind   kind,
                                       int          value);
/* The stored name of @value, or NULL when @kind has no such value.
 * Returns: (transfer none) */
const char        *ps_enum_to_name    (PsEnumKind   kind,
                                       int          value);
/* Parses a stored name, ASCII case-insensitively; loss also takes Keras'
 * and short aliases ("sparse_categorical_crossentropy", "ce", "bce").
 * FALSE for an unknown or NULL name (*out unchanged); @out may be NULL. */
gboolean           ps_enum_from_name  (PsEnumKind   kind,
                                       const char  *name,
                                       int         *out);
/* The translated display label of @value ("Summed (notebook)"), or "?".
 * Returns: (transfer none) */
const char        *ps_enum_label      (PsEnumKind   kind,
                                       int          value);

G_END_DECLS
