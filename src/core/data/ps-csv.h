/* ps-csv.h: the CSV reader: numeric features and one label column
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ps-dataset.h"

G_BEGIN_DECLS

typedef struct
{
  const char *label_column;   /* column name, or decimal index; NULL: last column */
  char        separator;      /* 0: detect among , ; tab */
  int         has_header;     /* -1 detect, 0 no, 1 yes */
} PsCsvOptions;

/* Numeric features + one label column (name, 0-based index or negative index
 * from the end; a header name wins over an index). Labels that are all
 * non-negative integers and dense (max + 1 <= 1000 and <= 2 × the number of
 * distinct labels) are used as class indices ("0".."max"); other labels
 * (0 and 99999, text) are names, sorted (numerically if all numbers, else by
 * UTF-8 bytes) and numbered in that order; more than 10000 distinct labels
 * is an error. Regular files only (a FIFO or a device is refused without
 * blocking); a file that changes while it loads is an error. Errors name
 * file:line and column. Details at the top of ps-csv.c. */
PsDataset *ps_dataset_load_csv         (const char          *path,
                                        const PsCsvOptions  *options,
                                        GCancellable        *cancellable,
                                        PsLoadProgressFunc   progress,
                                        gpointer             user_data,
                                        GError             **error);

/* What the reader sees in a file's first records (ps_csv_sniff). */
typedef struct
{
  char      separator;      /* ',' ';' or '\t', as the reader detects it */
  gboolean  has_header;
  guint     n_columns;
  char    **column_names;   /* n_columns + NULL: the header's, or "x1".. */
  char   ***rows;           /* n_rows data rows of trimmed fields (UTF-8) */
  guint     n_rows;
  /* The label: options->label_column as the reader resolves it; when none
   * is named, the last column unless it holds numbers only and another
   * holds text (iris with "setosa" first): then the first such column. */
  guint     label_column;
} PsCsvPreview;

/* The reader's own sniffer: separator, header, columns and the first
 * @max_rows data rows, read with the rules of ps_dataset_load_csv() (a
 * preview shows what loading reads). NULL + PS_DATASET_ERROR as the reader
 * would fail on those first lines. */
PsCsvPreview *ps_csv_sniff             (const char          *path,
                                        const PsCsvOptions  *options,
                                        guint                max_rows,
                                        GError             **error);
void          ps_csv_preview_free      (PsCsvPreview        *self);
/* (transfer full): column @k as PsCsvOptions.label_column names it: the
 * header's name, or "k" (0-based) without a header. */
char         *ps_csv_preview_column_spec (const PsCsvPreview *self,
                                          guint               k);
/* (transfer full): the header and rows as a fixed-width table for a
 * preview; cells wider than @max_cell_chars end in "…". */
char         *ps_csv_preview_to_text   (const PsCsvPreview  *self,
                                        guint                max_cell_chars);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PsCsvPreview, ps_csv_preview_free)

G_END_DECLS
