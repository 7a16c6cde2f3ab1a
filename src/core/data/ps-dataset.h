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

/* Reference counted, immutable once shared (except the scaling, which is
 * set before training). Opaque: read it through the accessors below; core's
 * readers and the training hot path see the fields in
 * ps-dataset-private.h. */
typedef struct _PsDataset PsDataset;

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

/* Read access. Arrays and strings are borrowed from the dataset. */
const char         *ps_dataset_get_name          (const PsDataset *self);
gsize               ps_dataset_get_n_samples     (const PsDataset *self);
gsize               ps_dataset_get_n_features    (const PsDataset *self);
guint               ps_dataset_get_n_classes     (const PsDataset *self);
/* n_classes names + NULL */
const char *const  *ps_dataset_get_class_names   (const PsDataset *self);
/* n_features names + NULL, or NULL */
const char *const  *ps_dataset_get_feature_names (const PsDataset *self);
/* n_samples class indices in [0, n_classes) */
const guint32      *ps_dataset_get_labels        (const PsDataset *self);
/* (transfer full): "xor · 4 samples · 2 features · 2 classes" (translated) */
char               *ps_dataset_dup_summary       (const PsDataset *self);
/* (transfer full): "4 samples · 2 features · 2 classes", with
 * " · N test samples" when @test (nullable) is another set (translated) */
char               *ps_dataset_dup_counts        (const PsDataset *self,
                                                  const PsDataset *test);
/* (transfer full): "Classes: a, b, c", the first @max_names and ", …" */
char               *ps_dataset_dup_class_list    (const PsDataset *self,
                                                  guint            max_names);
/* 0 × 0 when the samples are not images */
guint               ps_dataset_get_image_width   (const PsDataset *self);
guint               ps_dataset_get_image_height  (const PsDataset *self);
/* TRUE when the features are raw bytes (IDX images), FALSE for floats. */
gboolean            ps_dataset_is_u8             (const PsDataset *self);
PsScaling           ps_dataset_get_scaling       (const PsDataset *self);
/* The transform v' = (v − shift[j]) · mul[j], n_features each; NULL for
 * PS_SCALING_NONE. */
const float        *ps_dataset_get_scale_shift   (const PsDataset *self);
const float        *ps_dataset_get_scale_mul     (const PsDataset *self);

/* The raw features (before scaling), n_samples × n_features, row-major,
 * borrowed: the floats (NULL when ps_dataset_is_u8()) or the bytes (NULL
 * otherwise). */
const float        *ps_dataset_get_x             (const PsDataset *self);
const guint8       *ps_dataset_get_x_u8          (const PsDataset *self);

/* For code that builds a dataset (ps_dataset_new's "the caller fills it
 * in"): writable views of the same arrays, borrowed. Only while the
 * dataset is not yet shared: once shared it is immutable. */
float              *ps_dataset_get_x_writable      (PsDataset *self);
guint8             *ps_dataset_get_x_u8_writable   (PsDataset *self);
guint32            *ps_dataset_get_labels_writable (PsDataset *self);
/* Marks the samples as width × height images, or not images (0 × 0).
 * Not checked against n_features: readers of the shape
 * (ps_network_adopt_dataset) ignore one that does not fit. */
void                ps_dataset_set_image_shape   (PsDataset         *self,
                                                  guint              width,
                                                  guint              height);
/* n_features names + NULL (copied), or NULL for none. */
void                ps_dataset_set_feature_names (PsDataset         *self,
                                                  const char *const *names);

/* Renames the dataset (the name is a copy of @name): a loader naming what
 * it read ("MNIST" rather than the file's name). Call it before the dataset
 * is shared: the old name, borrowed by get_name callers, is freed. */
void                ps_dataset_set_name          (PsDataset       *self,
                                                  const char      *name);

/* Matches the data's labels to a model's classes by name (dog is the
 * model's "dog" whatever its index): the labels become the model's indices,
 * class_names and n_classes the model's. A label the model lacks is
 * PS_DATASET_ERROR_MISMATCH naming it ("labels not among the model's
 * classes (cat, dog): zebra"). Without names on either side nothing changes
 * (index matching). Call it right after loading, before the dataset is
 * shared (it changes labels in place). */
gboolean   ps_dataset_match_classes    (PsDataset           *data,
                                        const char *const   *model_classes,
                                        guint                n_model_classes,
                                        GError             **error);
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
/* One raw feature value, before scaling: from x or x_u8, whichever holds
 * the features (the one place that knows there are two). */
float      ps_dataset_get_raw          (const PsDataset     *self,
                                        gsize                sample,
                                        gsize                feature);
/* The raw values of features 0..n_cols-1 of every sample into out
 * (n_samples × n_cols, row-major; n_cols <= n_features): the points a
 * scatter or boundary plot draws. */
void       ps_dataset_get_raw_columns  (const PsDataset     *self,
                                        guint                n_cols,
                                        float               *out);
/* One scaled feature value. */
float      ps_dataset_get              (const PsDataset     *self,
                                        gsize                sample,
                                        gsize                feature);
/* Rows [first, first+n) as a new dataset (copies; keeps classes and scaling). */
PsDataset *ps_dataset_slice            (const PsDataset     *self,
                                        gsize                first,
                                        gsize                n);

/* Samples idx[0..n) as a new dataset (copies, in that order; keeps classes,
 * not the scaling). */
PsDataset *ps_dataset_pick             (const PsDataset     *self,
                                        const guint32       *idx,
                                        gsize                n);

/* Edited copies, for the student's own data (the original stays as it
 * is: it may be shared). Each keeps the classes, names, image shape and
 * scaling transform (not refitted). (transfer full) */
PsDataset *ps_dataset_copy_with_sample (const PsDataset   *self,
                                        const float       *x,
                                        guint32            label);
/* @self's classes, names, image shape and scaling with n other samples
 * (x: n × n_features raw floats; labels < n_classes). */
PsDataset *ps_dataset_copy_with_samples (const PsDataset  *self,
                                        const float       *x,
                                        const guint32     *labels,
                                        gsize              n);
PsDataset *ps_dataset_copy_without_sample (const PsDataset *self,
                                        gsize              index);
PsDataset *ps_dataset_copy_with_label  (const PsDataset     *self,
                                        gsize                index,
                                        guint32              label);
/* (transfer full): the raw features and class names as CSV, a header line
 * first (feature names or x1…, then "label"); ps_dataset_load_csv() reads
 * it back with that label column. */
char      *ps_dataset_to_csv           (const PsDataset     *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PsDataset, ps_dataset_unref)

G_END_DECLS
