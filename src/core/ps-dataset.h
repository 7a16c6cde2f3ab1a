/* ps-dataset.h: a labelled classification dataset
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define PS_DATASET_ERROR (ps_dataset_error_quark ())

typedef enum
{
  PS_DATASET_ERROR_NOT_FOUND,     /* file or folder missing or unreadable */
  PS_DATASET_ERROR_EMPTY,         /* no samples */
  PS_DATASET_ERROR_PARSE,         /* malformed content: message names file, line, field */
  PS_DATASET_ERROR_TRUNCATED,     /* the file holds less than its header claims */
  PS_DATASET_ERROR_TOO_LARGE,     /* sizes overflow or exceed what we accept */
  PS_DATASET_ERROR_MISMATCH,      /* images vs labels count, unknown label column, ... */
  PS_DATASET_ERROR_INVALID,       /* bad argument from the user (generator name, ...) */
  PS_DATASET_ERROR_CANCELLED,
} PsDatasetError;

typedef enum
{
  PS_SCALING_NONE,
  PS_SCALING_UNIT,        /* min-max to [0, 1] (bytes: / 255) */
  PS_SCALING_STANDARD,    /* zero mean, unit variance per feature */
} PsScaling;

/* Reference counted, immutable once built (except the scaling, which is set
 * before training). Exactly one of x / x_u8 holds the features.
 *
 * A sample i, feature j, as the network sees it:
 *   v = (x[i*n_features + j] or x_u8[...]) ; v' = (v - shift[j]) * mul[j]
 * shift/mul are NULL for PS_SCALING_NONE. */
typedef struct
{
  gint       ref_count;
  char      *name;            /* "xor", "circle", "train-images-idx3-ubyte.gz", ... */
  gsize      n_samples;
  gsize      n_features;
  float     *x;               /* n_samples × n_features, row-major, or NULL */
  guint8    *x_u8;            /* same layout, raw bytes (IDX images), or NULL */
  float     *shift;           /* n_features, or NULL */
  float     *mul;             /* n_features, or NULL */
  PsScaling  scaling;
  guint32   *labels;          /* n_samples class indices in [0, n_classes) */
  guint      n_classes;
  char     **class_names;     /* n_classes strings + NULL; "0", "1" for gates */
  char     **feature_names;   /* n_features strings + NULL, or NULL */
  guint      image_width;     /* 28 × 28 for IDX images; 0 when not an image */
  guint      image_height;
} PsDataset;

typedef enum
{
  PS_GENERATOR_CIRCLE,
  PS_GENERATOR_XOR,
  PS_GENERATOR_GAUSS,
  PS_GENERATOR_SPIRAL,
  PS_GENERATOR_MOONS,
} PsGenerator;

/* The ranges of the generators' options (ps_dataset_new_generated() refuses
 * others with PS_DATASET_ERROR_INVALID): at least 2 points per class, at most
 * a million points (12 MB); noise finite, from 0 (clean) to 10 (Playground's
 * useful range is 0-0.5). The defaults are shared by the app and the CLI. */
#define PS_GENERATOR_MIN_SAMPLES     4
#define PS_GENERATOR_MAX_SAMPLES     1000000
#define PS_GENERATOR_MAX_NOISE       10.0
#define PS_GENERATOR_DEFAULT_SAMPLES 200
#define PS_GENERATOR_DEFAULT_NOISE   0.1

typedef struct
{
  const char *label_column;   /* column name, or decimal index; NULL: last column */
  char        separator;      /* 0: detect among , ; tab */
  int         has_header;     /* -1 detect, 0 no, 1 yes */
} PsCsvOptions;

/* Called from the loading thread with a fraction in [0, 1]. */
typedef void (*PsLoadProgressFunc) (double fraction, gpointer user_data);

GQuark     ps_dataset_error_quark      (void);

/* A dataset with zero-filled float features x and labels, class names
 * "0".."n_classes-1", no feature names: the caller fills it in. */
PsDataset *ps_dataset_new              (const char          *name,
                                        gsize                n_samples,
                                        gsize                n_features,
                                        guint                n_classes);
/* Same, with byte features (x_u8) instead of floats. */
PsDataset *ps_dataset_new_u8           (const char          *name,
                                        gsize                n_samples,
                                        gsize                n_features,
                                        guint                n_classes);
PsDataset *ps_dataset_ref              (PsDataset           *self);
void       ps_dataset_unref            (PsDataset           *self);

/* "and", "or", "xor" (2 inputs), "and3", "or3" (3 inputs): the notebook's tables. */
PsDataset *ps_dataset_new_gate         (const char          *name,
                                        GError             **error);
const char *const *ps_dataset_gate_names (void);
gboolean   ps_generator_from_string    (const char          *name,
                                        PsGenerator         *out);
const char *ps_generator_to_string     (PsGenerator          kind);
gboolean   ps_generator_check_options  (gsize                n_samples,
                                        double               noise,
                                        GError             **error);
PsDataset *ps_dataset_new_generated    (PsGenerator          kind,
                                        guint                n_samples,
                                        double               noise,
                                        guint64              seed,
                                        GError             **error);
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
/* labels_path may be NULL only for tests of the image reader (labels all 0).
 * Regular files only (a FIFO or a device is refused without blocking);
 * gzipped (one member or several) or raw; the header is checked against the
 * file before allocating, and a short read is an error. Pixels are kept as
 * bytes in x_u8. */
PsDataset *ps_dataset_load_idx         (const char          *images_path,
                                        const char          *labels_path,
                                        GCancellable        *cancellable,
                                        PsLoadProgressFunc   progress,
                                        gpointer             user_data,
                                        GError             **error);
/* Finds train-images-idx3-ubyte[.gz] etc. in dir; test selects t10k-*. */
PsDataset *ps_dataset_load_idx_dir     (const char          *dir,
                                        gboolean             test,
                                        GCancellable        *cancellable,
                                        PsLoadProgressFunc   progress,
                                        gpointer             user_data,
                                        GError             **error);
/* A test set must fit its training set: same features (same image size),
 * no label beyond the training classes; else PS_DATASET_ERROR_MISMATCH
 * naming what (NULL: test->name). Call it on every train/test pair loaded. */
gboolean   ps_dataset_check_test_set   (const PsDataset     *train,
                                        const PsDataset     *test,
                                        const char          *what,
                                        GError             **error);
/* Matches the data's labels to a model's classes by name (dog is the
 * model's "dog" whatever its index): the labels become the model's indices,
 * class_names and n_classes the model's. A label the model lacks is
 * PS_DATASET_ERROR_MISMATCH naming it ("labels not among the model's
 * classes (cat, dog): zebra"). Without names on either side nothing changes
 * (index matching). Call it right after loading, before the dataset is
 * shared (it changes labels in place; ref_count must be 1). */
gboolean   ps_dataset_match_classes    (PsDataset           *data,
                                        const char *const   *model_classes,
                                        guint                n_model_classes,
                                        GError             **error);
/* Where Debian's dataset-fashion-mnist puts its files, or NULL. */
const char *ps_dataset_fashion_mnist_dir (void);
/* "T-shirt/top", "Trouser", ... "Ankle boot" + NULL (static). */
const char *const *ps_dataset_fashion_mnist_class_names (void);

/* "none", "unit", "standard": the one name table, for the CLI, the app and
 * the files. from_string returns FALSE for an unknown name. */
const char *ps_scaling_to_string       (PsScaling            scaling);
gboolean   ps_scaling_from_string      (const char          *s,
                                        PsScaling           *out);
/* Sets a transform fitted elsewhere (a model file's): shift and mul hold
 * n_features values each, copied; both NULL for PS_SCALING_NONE. */
void       ps_dataset_set_scaling_params (PsDataset         *self,
                                        PsScaling            scaling,
                                        const float         *shift,
                                        const float         *mul);
/* Fits the transform on @reference (NULL: on self) and sets it on self. */
void       ps_dataset_set_scaling      (PsDataset           *self,
                                        PsScaling            scaling,
                                        const PsDataset     *reference);
/* Copies the scaled features of samples idx[0..n) into x_out (n × n_features)
 * and, when labels_out is not NULL, their labels. idx NULL means 0..n-1
 * starting at sample @first. */
void       ps_dataset_gather           (const PsDataset     *self,
                                        const guint32       *idx,
                                        gsize                first,
                                        gsize                n,
                                        float               *x_out,
                                        guint32             *labels_out);
/* One scaled feature value. */
float      ps_dataset_get              (const PsDataset     *self,
                                        gsize                sample,
                                        gsize                feature);
/* Rows [first, first+n) as a new dataset (copies; keeps classes and scaling). */
PsDataset *ps_dataset_slice            (const PsDataset     *self,
                                        gsize                first,
                                        gsize                n);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PsDataset, ps_dataset_unref)

G_END_DECLS
