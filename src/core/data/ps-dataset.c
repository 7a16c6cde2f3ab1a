/* ps-dataset.c: the labelled dataset, its scaling, the notebook's gate tables
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ps-dataset.h"
#include "ps-generators.h"
#include "ps-dataset-private.h"

#include <float.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>
#include <unistd.h>

G_DEFINE_QUARK (ps-dataset-error-quark, ps_dataset_error)

/* Exact v / 255 for every byte value (a multiplication by 1/255 is off by one
 * ulp for some bytes; frameworks divide). */
static float unit_u8_table[256];

static const float *
unit_u8_lut (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      for (int v = 0; v < 256; v++)
        unit_u8_table[v] = (float) v / 255.0f;
      g_once_init_leave (&done, 1);
    }
  return unit_u8_table;
}

PsDataset *
ps_dataset_new_empty (const char *name)
{
  PsDataset *self = g_new0 (PsDataset, 1);

  self->ref_count = 1;
  self->name = g_strdup (name != NULL ? name : "dataset");
  self->scaling = PS_SCALING_NONE;
  return self;
}

char **
ps_dataset_numbered_names (guint n)
{
  char **names = g_new0 (char *, (gsize) n + 1);

  for (guint i = 0; i < n; i++)
    names[i] = g_strdup_printf ("%u", i);
  return names;
}

guint64
ps_dataset_memory_limit (void)
{
  guint64 limit = PS_DATASET_MAX_BYTES;
  long pages = sysconf (_SC_PHYS_PAGES);
  long page_size = sysconf (_SC_PAGESIZE);

  if (pages > 0 && page_size > 0)
    {
      guint64 phys = (guint64) pages * (guint64) page_size;
      if (phys < limit)
        limit = phys;
    }
  return limit;
}

/**
 * ps_dataset_new:
 * @name: a display name
 * @n_samples: rows
 * @n_features: columns
 * @n_classes: number of classes (class names "0".."n-1")
 *
 * Returns: (transfer full): a dataset whose float features and labels are
 * zero-filled, for the caller to fill in.
 */
PsDataset *
ps_dataset_new (const char *name,
                gsize       n_samples,
                gsize       n_features,
                guint       n_classes)
{
  PsDataset *self = ps_dataset_new_empty (name);

  self->n_samples = n_samples;
  self->n_features = n_features;
  self->n_classes = n_classes;
  self->x = g_new0 (float, n_samples * n_features);
  self->labels = g_new0 (guint32, n_samples);
  self->class_names = ps_dataset_numbered_names (n_classes);
  return self;
}

/**
 * ps_dataset_new_u8:
 *
 * Like ps_dataset_new() but the features are bytes (x_u8), x is NULL.
 *
 * Returns: (transfer full): a new dataset
 */
PsDataset *
ps_dataset_new_u8 (const char *name,
                   gsize       n_samples,
                   gsize       n_features,
                   guint       n_classes)
{
  PsDataset *self = ps_dataset_new_empty (name);

  self->n_samples = n_samples;
  self->n_features = n_features;
  self->n_classes = n_classes;
  self->x_u8 = g_new0 (guint8, n_samples * n_features);
  self->labels = g_new0 (guint32, n_samples);
  self->class_names = ps_dataset_numbered_names (n_classes);
  return self;
}

PsDataset *
ps_dataset_ref (PsDataset *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (g_atomic_int_get (&self->ref_count) > 0, NULL);

  g_atomic_int_inc (&self->ref_count);
  return self;
}

void
ps_dataset_unref (PsDataset *self)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (g_atomic_int_get (&self->ref_count) > 0);

  if (!g_atomic_int_dec_and_test (&self->ref_count))
    return;

  g_free (self->name);
  g_free (self->x);
  g_free (self->x_u8);
  g_free (self->shift);
  g_free (self->mul);
  g_free (self->labels);
  g_strfreev (self->class_names);
  g_strfreev (self->feature_names);
  g_free (self);
}

/* -- the notebook's gate tables -- */

typedef struct
{
  const char  *name;
  guint        n_inputs;
  guint        n_rows;
  const guint8 *table;   /* n_rows × (n_inputs + 1): inputs then output */
} GateTable;

/* Rows in the notebook's order (binary counting). */
static const guint8 gate_and[] = {
  0, 0, 0,
  0, 1, 0,
  1, 0, 0,
  1, 1, 1,
};
/* The notebook's OR (delta rule section). */
static const guint8 gate_or[] = {
  0, 0, 0,
  0, 1, 1,
  1, 0, 1,
  1, 1, 1,
};
/* The notebook's DATASET_XOR. */
static const guint8 gate_xor[] = {
  0, 0, 0,
  0, 1, 1,
  1, 0, 1,
  1, 1, 0,
};
/* The notebook's DATASET_AND of the perceptron section (3 inputs). */
static const guint8 gate_and3[] = {
  0, 0, 0, 0,
  0, 0, 1, 0,
  0, 1, 0, 0,
  0, 1, 1, 0,
  1, 0, 0, 0,
  1, 0, 1, 0,
  1, 1, 0, 0,
  1, 1, 1, 1,
};
/* The table the notebook's MLP section calls DATASET_AND, whose outputs are
 * those of a 3-input OR (its text says "puerta OR de tres entradas"). */
static const guint8 gate_or3[] = {
  0, 0, 0, 0,
  0, 0, 1, 1,
  0, 1, 0, 1,
  0, 1, 1, 1,
  1, 0, 0, 1,
  1, 0, 1, 1,
  1, 1, 0, 1,
  1, 1, 1, 1,
};

static const GateTable gates[] = {
  { "and", 2, 4, gate_and },
  { "or", 2, 4, gate_or },
  { "xor", 2, 4, gate_xor },
  { "and3", 3, 8, gate_and3 },
  { "or3", 3, 8, gate_or3 },
};

const char *const *
ps_dataset_gate_names (void)
{
  static const char *const names[] = { "and", "or", "xor", "and3", "or3", NULL };
  return names;
}

/**
 * ps_dataset_new_gate:
 * @name: "and", "or", "xor", "and3" or "or3" (case-insensitive)
 *
 * Returns: (transfer full): the notebook's table, features x1..xN as floats,
 * classes "0" and "1"; NULL with PS_DATASET_ERROR_INVALID for another name.
 */
PsDataset *
ps_dataset_new_gate (const char  *name,
                     GError     **error)
{
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  for (gsize g = 0; g < G_N_ELEMENTS (gates); g++)
    {
      const GateTable *t = &gates[g];
      PsDataset *self;
      guint cols = t->n_inputs + 1;

      if (g_ascii_strcasecmp (name, t->name) != 0)
        continue;

      self = ps_dataset_new (t->name, t->n_rows, t->n_inputs, 2);
      for (guint i = 0; i < t->n_rows; i++)
        {
          for (guint j = 0; j < t->n_inputs; j++)
            self->x[i * t->n_inputs + j] = t->table[i * cols + j];
          self->labels[i] = t->table[i * cols + t->n_inputs];
        }
      self->feature_names = g_new0 (char *, t->n_inputs + 1);
      for (guint j = 0; j < t->n_inputs; j++)
        self->feature_names[j] = g_strdup_printf ("x%u", j + 1);
      return self;
    }

  {
    g_autofree char *known = g_strjoinv (", ", (char **) ps_dataset_gate_names ());
    g_set_error (error, PS_DATASET_ERROR, PS_DATASET_ERROR_INVALID,
                 "Unknown gate “%s” (known: %s)", name, known);
  }
  return NULL;
}

/* ---- accessors ---------------------------------------------------------- */

#define GETTER(type, name, expr, fallback)                \
  type                                                    \
  ps_dataset_get_##name (const PsDataset *self)           \
  {                                                       \
    g_return_val_if_fail (self != NULL, fallback);        \
    return expr;                                          \
  }

GETTER (const char *, name, self->name, NULL)
GETTER (gsize, n_samples, self->n_samples, 0)
GETTER (gsize, n_features, self->n_features, 0)
GETTER (guint, n_classes, self->n_classes, 0)
GETTER (const char *const *, class_names, (const char *const *) self->class_names, NULL)
GETTER (const char *const *, feature_names, (const char *const *) self->feature_names, NULL)
GETTER (const guint32 *, labels, self->labels, NULL)
GETTER (guint, image_width, self->image_width, 0)
GETTER (guint, image_height, self->image_height, 0)
GETTER (PsScaling, scaling, self->scaling, PS_SCALING_NONE)
GETTER (const float *, scale_shift, self->shift, NULL)
GETTER (const float *, scale_mul, self->mul, NULL)
GETTER (const float *, x, self->x, NULL)
GETTER (const guint8 *, x_u8, self->x_u8, NULL)

/* The writable views: same arrays, for the code filling a new dataset in. */
#define WRITABLE(type, name, field)                       \
  type *                                                  \
  ps_dataset_get_##name##_writable (PsDataset *self)      \
  {                                                       \
    g_return_val_if_fail (self != NULL, NULL);            \
    return self->field;                                   \
  }

WRITABLE (float, x, x)
WRITABLE (guint8, x_u8, x_u8)
WRITABLE (guint32, labels, labels)

void
ps_dataset_set_image_shape (PsDataset *self,
                            guint      width,
                            guint      height)
{
  g_return_if_fail (self != NULL);

  self->image_width = width;
  self->image_height = height;
}

/**
 * ps_dataset_set_feature_names:
 * @names: (nullable): n_features names + NULL, copied; NULL for none
 */
void
ps_dataset_set_feature_names (PsDataset         *self,
                              const char *const *names)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (names == NULL || g_strv_length ((char **) names) == self->n_features);

  g_strfreev (self->feature_names);
  self->feature_names = g_strdupv ((char **) names);
}

/**
 * ps_dataset_set_name:
 * @self: a dataset not yet shared
 * @name: (nullable): the new display name (copied); NULL means "dataset",
 *   as in ps_dataset_new()
 */
void
ps_dataset_set_name (PsDataset  *self,
                     const char *name)
{
  g_return_if_fail (self != NULL);

  g_free (self->name);
  self->name = g_strdup (name != NULL ? name : "dataset");
}

gboolean
ps_dataset_is_u8 (const PsDataset *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->x_u8 != NULL;
}

/* -- scaling -- */

static inline double
raw_value (const PsDataset *d,
           gsize            i,
           gsize            j)
{
  gsize k = i * d->n_features + j;
  return d->x != NULL ? (double) d->x[k] : (double) d->x_u8[k];
}

void
ps_dataset_set_scaling_params (PsDataset   *self,
                               PsScaling    scaling,
                               const float *shift,
                               const float *mul)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail ((scaling == PS_SCALING_NONE) == (shift == NULL));
  g_return_if_fail ((shift == NULL) == (mul == NULL));

  g_clear_pointer (&self->shift, g_free);
  g_clear_pointer (&self->mul, g_free);
  self->scaling = scaling;
  if (scaling == PS_SCALING_NONE)
    return;
  self->shift = g_memdup2 (shift, sizeof (float) * self->n_features);
  self->mul = g_memdup2 (mul, sizeof (float) * self->n_features);
}

/**
 * ps_dataset_set_scaling:
 * @self: the dataset to scale
 * @scaling: the transform
 * @reference: (nullable): the dataset to fit the transform on (e.g. the
 *   training set when @self is the test set); NULL fits on @self
 *
 * UNIT: per-feature min-max of @reference to [0, 1] (a constant feature is
 * only shifted); byte features use the fixed v / 255 instead.
 * STANDARD: (v − mean) / std per feature, population std of @reference
 * (a constant feature is only centred). No feature data is copied.
 */
void
ps_dataset_set_scaling (PsDataset       *self,
                        PsScaling        scaling,
                        const PsDataset *reference)
{
  gsize nf;

  g_return_if_fail (self != NULL);
  if (reference == NULL)
    reference = self;
  g_return_if_fail (reference->n_features == self->n_features);

  nf = self->n_features;
  g_clear_pointer (&self->shift, g_free);
  g_clear_pointer (&self->mul, g_free);
  self->scaling = scaling;

  if (scaling == PS_SCALING_NONE)
    return;

  self->shift = g_new (float, nf);
  self->mul = g_new (float, nf);

  if (scaling == PS_SCALING_UNIT && reference->x_u8 != NULL)
    {
      for (gsize j = 0; j < nf; j++)
        {
          self->shift[j] = 0.0f;
          self->mul[j] = 1.0f / 255.0f;
        }
      return;
    }

  if (scaling == PS_SCALING_UNIT)
    {
      g_autofree double *lo = g_new (double, nf);
      g_autofree double *hi = g_new (double, nf);

      for (gsize j = 0; j < nf; j++)
        {
          lo[j] = INFINITY;
          hi[j] = -INFINITY;
        }
      for (gsize i = 0; i < reference->n_samples; i++)
        for (gsize j = 0; j < nf; j++)
          {
            double v = raw_value (reference, i, j);
            if (v < lo[j])
              lo[j] = v;
            if (v > hi[j])
              hi[j] = v;
          }
      for (gsize j = 0; j < nf; j++)
        {
          if (reference->n_samples == 0)
            {
              lo[j] = 0.0;
              hi[j] = 1.0;
            }
          self->shift[j] = (float) lo[j];
          /* A range so small that 1/range overflows a float (subnormal
           * values) is treated as constant, like a zero range. */
          self->mul[j] = hi[j] > lo[j] && 1.0 / (hi[j] - lo[j]) <= FLT_MAX
                         ? (float) (1.0 / (hi[j] - lo[j])) : 1.0f;
        }
      return;
    }

  /* STANDARD: two passes in double, for accuracy on large sets. */
  {
    g_autofree double *mean = g_new0 (double, nf);
    g_autofree double *var = g_new0 (double, nf);
    gsize n = reference->n_samples;

    for (gsize i = 0; i < n; i++)
      for (gsize j = 0; j < nf; j++)
        mean[j] += raw_value (reference, i, j);
    for (gsize j = 0; j < nf; j++)
      mean[j] = n > 0 ? mean[j] / (double) n : 0.0;
    for (gsize i = 0; i < n; i++)
      for (gsize j = 0; j < nf; j++)
        {
          double d = raw_value (reference, i, j) - mean[j];
          var[j] += d * d;
        }
    for (gsize j = 0; j < nf; j++)
      {
        double sd = n > 0 ? sqrt (var[j] / (double) n) : 0.0;
        self->shift[j] = (float) mean[j];
        self->mul[j] = sd > 0.0 && 1.0 / sd <= FLT_MAX ? (float) (1.0 / sd) : 1.0f;
      }
  }
}

static inline void
gather_row (const PsDataset *self,
            gsize            i,
            float           *out)
{
  gsize nf = self->n_features;

  if (self->x != NULL)
    {
      const float *row = self->x + i * nf;

      if (self->shift == NULL)
        memcpy (out, row, nf * sizeof (float));
      else
        /* In double: features near ±FLT_MAX would overflow v − shift in float. */
        for (gsize j = 0; j < nf; j++)
          out[j] = (float) (((double) row[j] - self->shift[j]) * self->mul[j]);
    }
  else
    {
      const guint8 *row = self->x_u8 + i * nf;

      if (self->shift == NULL)
        for (gsize j = 0; j < nf; j++)
          out[j] = row[j];
      else if (self->scaling == PS_SCALING_UNIT && self->shift[0] == 0.0f
               && self->mul[0] == 1.0f / 255.0f)
        {
          const float *lut = unit_u8_lut ();
          for (gsize j = 0; j < nf; j++)
            out[j] = lut[row[j]];
        }
      else
        for (gsize j = 0; j < nf; j++)
          out[j] = ((float) row[j] - self->shift[j]) * self->mul[j];
    }
}

void
ps_dataset_gather (const PsDataset *self,
                   const guint32   *idx,
                   gsize            first,
                   gsize            n,
                   float           *x_out,
                   guint32         *labels_out)
{
  gsize nf;

  g_return_if_fail (self != NULL);
  g_return_if_fail (n == 0 || x_out != NULL || labels_out != NULL);
  g_return_if_fail (idx != NULL || (first <= self->n_samples && n <= self->n_samples - first));

  nf = self->n_features;
  for (gsize r = 0; r < n; r++)
    {
      gsize i = idx != NULL ? idx[r] : first + r;

      g_assert (i < self->n_samples);
      if (x_out != NULL)
        gather_row (self, i, x_out + r * nf);
      if (labels_out != NULL)
        labels_out[r] = self->labels[i];
    }
}

float
ps_dataset_get_raw (const PsDataset *self,
                    gsize            sample,
                    gsize            feature)
{
  g_return_val_if_fail (self != NULL, 0.0f);
  g_return_val_if_fail (sample < self->n_samples && feature < self->n_features, 0.0f);

  return (float) raw_value (self, sample, feature);
}

void
ps_dataset_get_raw_columns (const PsDataset *self,
                            guint            n_cols,
                            float           *out)
{
  g_return_if_fail (self != NULL && out != NULL);
  g_return_if_fail (n_cols <= self->n_features);

  for (gsize i = 0; i < self->n_samples; i++)
    for (guint j = 0; j < n_cols; j++)
      out[i * n_cols + j] = (float) raw_value (self, i, j);
}

float
ps_dataset_get (const PsDataset *self,
                gsize            sample,
                gsize            feature)
{
  gsize k;

  g_return_val_if_fail (self != NULL, 0.0f);
  g_return_val_if_fail (sample < self->n_samples && feature < self->n_features, 0.0f);

  k = sample * self->n_features + feature;
  if (self->x != NULL)
    {
      float v = self->x[k];
      return self->shift != NULL
             ? (float) (((double) v - self->shift[feature]) * self->mul[feature]) : v;
    }
  else
    {
      guint8 v = self->x_u8[k];

      if (self->shift == NULL)
        return v;
      if (self->scaling == PS_SCALING_UNIT && self->shift[feature] == 0.0f
          && self->mul[feature] == 1.0f / 255.0f)
        return unit_u8_lut ()[v];
      return ((float) v - self->shift[feature]) * self->mul[feature];
    }
}

/* Like g_memdup2 but never NULL, so an empty slice keeps its storage kind. */
static gpointer
dup_bytes (gconstpointer src,
           gsize         size)
{
  gpointer p = g_malloc (MAX (size, 1));

  if (size > 0)
    memcpy (p, src, size);
  return p;
}

/* Rows idx[0..n) (or first..first+n when idx is NULL) into a new dataset
 * with the same classes, feature names and image shape; no scaling. */
static PsDataset *
copy_rows (const PsDataset *self,
           const guint32   *idx,
           gsize            first,
           gsize            n)
{
  gsize nf = self->n_features;
  PsDataset *s = ps_dataset_new_empty (self->name);

  s->n_samples = n;
  s->n_features = nf;
  s->n_classes = self->n_classes;
  if (idx == NULL)
    {
      if (self->x != NULL)
        s->x = dup_bytes (self->x + first * nf, n * nf * sizeof (float));
      if (self->x_u8 != NULL)
        s->x_u8 = dup_bytes (self->x_u8 + first * nf, n * nf);
      s->labels = dup_bytes (self->labels + first, n * sizeof (guint32));
    }
  else
    {
      if (self->x != NULL)
        s->x = g_new (float, MAX (n * nf, 1));
      if (self->x_u8 != NULL)
        s->x_u8 = g_new (guint8, MAX (n * nf, 1));
      s->labels = g_new (guint32, MAX (n, 1));
      for (gsize i = 0; i < n; i++)
        {
          g_assert (idx[i] < self->n_samples);
          if (self->x != NULL)
            memcpy (s->x + i * nf, self->x + (gsize) idx[i] * nf, nf * sizeof (float));
          if (self->x_u8 != NULL)
            memcpy (s->x_u8 + i * nf, self->x_u8 + (gsize) idx[i] * nf, nf);
          s->labels[i] = self->labels[idx[i]];
        }
    }
  s->class_names = g_strdupv (self->class_names);
  s->feature_names = g_strdupv (self->feature_names);
  s->image_width = self->image_width;
  s->image_height = self->image_height;
  return s;
}

/* @from's transform (not refitted) onto @to, of the same width. */
static void
copy_scaling (PsDataset       *to,
              const PsDataset *from)
{
  to->scaling = from->scaling;
  if (from->shift != NULL)
    {
      to->shift = g_memdup2 (from->shift, from->n_features * sizeof (float));
      to->mul = g_memdup2 (from->mul, from->n_features * sizeof (float));
    }
}

/**
 * ps_dataset_slice:
 *
 * Returns: (transfer full): rows [first, first + n) copied into a new dataset
 * with the same classes, feature names, image shape and scaling.
 */
PsDataset *
ps_dataset_slice (const PsDataset *self,
                  gsize            first,
                  gsize            n)
{
  PsDataset *s;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (first <= self->n_samples && n <= self->n_samples - first, NULL);

  s = copy_rows (self, NULL, first, n);
  copy_scaling (s, self);
  return s;
}

/**
 * ps_dataset_pick:
 * @idx: n sample indices (each < n_samples; repeats allowed)
 *
 * Returns: (transfer full): samples idx[0..n) copied, in that order, into a
 * new dataset with the same classes, feature names and image shape, and no
 * scaling (pick before scaling: a split is fitted on its own part).
 */
PsDataset *
ps_dataset_pick (const PsDataset *self,
                 const guint32   *idx,
                 gsize            n)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (idx != NULL || n == 0, NULL);

  return copy_rows (self, n > 0 ? idx : NULL, 0, n);
}

/* "1" and "1.0": the same class when both are numbers of equal value */
static gboolean
same_number (const char *a,
             const char *b)
{
  char *end_a, *end_b;
  double va, vb;

  va = g_ascii_strtod (a, &end_a);
  vb = g_ascii_strtod (b, &end_b);
  return end_a != a && *end_a == '\0' && end_b != b && *end_b == '\0'
         && isfinite (va) && va == vb;
}

/* "a, b, c" for at most 10 names, then "… (N more)" */
static void
append_names (GString           *s,
              const char *const *names,
              guint              n)
{
  for (guint i = 0; i < n && i < 10; i++)
    g_string_append_printf (s, "%s%s", i > 0 ? ", " : "", names[i]);
  if (n > 10)
    g_string_append_printf (s, ", … (%u more)", n - 10);
}

/**
 * ps_dataset_match_classes:
 * @data: a dataset just loaded, not yet shared (ref_count 1)
 * @model_classes: (nullable): the model's class names
 * @n_model_classes: their count
 * @error: PS_DATASET_ERROR_MISMATCH naming the labels the model lacks
 *
 * Matches the data's classes to a model's by name: a label "dog" is the
 * model's class "dog" whatever its index in either. On success the labels
 * are the model's class indices and class_names/n_classes are the model's.
 * Labels that no sample uses are ignored; numeric names of equal value
 * ("1" and "1.0") match. When the model or the data has no class names,
 * nothing changes (index matching: ps_network_check_dataset() checks the
 * indices fit the outputs).
 *
 * Returns: FALSE with @error when some sample's label is not among the
 * model's classes; @data is then unchanged.
 */
gboolean
ps_dataset_match_classes (PsDataset          *data,
                          const char *const  *model_classes,
                          guint               n_model_classes,
                          GError            **error)
{
  g_autoptr(GHashTable) index = NULL;
  g_autofree guint32 *map = NULL;
  g_autofree gboolean *used = NULL;
  g_autoptr(GPtrArray) unknown = NULL;
  gboolean identity;

  g_return_val_if_fail (data != NULL, FALSE);
  g_return_val_if_fail (data->ref_count == 1, FALSE);

  if (model_classes == NULL || n_model_classes == 0 || data->class_names == NULL
      || data->n_classes == 0)
    return TRUE;
  for (guint c = 0; c < data->n_classes; c++)
    g_return_val_if_fail (data->class_names[c] != NULL, FALSE);
  for (guint c = 0; c < n_model_classes; c++)
    g_return_val_if_fail (model_classes[c] != NULL, FALSE);

  used = g_new0 (gboolean, data->n_classes);
  for (gsize i = 0; i < data->n_samples; i++)
    if (data->labels[i] < data->n_classes)
      used[data->labels[i]] = TRUE;

  index = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint c = n_model_classes; c-- > 0;)     /* the first of duplicates wins */
    g_hash_table_insert (index, (gpointer) model_classes[c], GUINT_TO_POINTER (c + 1));

  map = g_new (guint32, data->n_classes);
  unknown = g_ptr_array_new ();
  identity = data->n_classes == n_model_classes;
  for (guint c = 0; c < data->n_classes; c++)
    {
      const char *name = data->class_names[c];
      guint m = GPOINTER_TO_UINT (g_hash_table_lookup (index, name));

      if (m == 0)
        for (guint k = 0; k < n_model_classes && m == 0; k++)
          if (same_number (name, model_classes[k]))
            m = k + 1;
      if (m == 0)
        {
          map[c] = G_MAXUINT32;
          if (used[c])
            g_ptr_array_add (unknown, (gpointer) name);
          identity = FALSE;
          continue;
        }
      map[c] = m - 1;
      if (map[c] != c)
        identity = FALSE;
    }

  if (unknown->len > 0)
    {
      GString *s = g_string_new (NULL);

      g_string_append_printf (s, "%s: labels not among the model's classes (", data->name);
      append_names (s, model_classes, n_model_classes);
      g_string_append (s, "): ");
      append_names (s, (const char *const *) unknown->pdata, unknown->len);
      g_set_error_literal (error, PS_DATASET_ERROR, PS_DATASET_ERROR_MISMATCH, s->str);
      g_string_free (s, TRUE);
      return FALSE;
    }

  if (!identity)
    for (gsize i = 0; i < data->n_samples; i++)
      if (data->labels[i] < data->n_classes)
        data->labels[i] = map[data->labels[i]];
  g_strfreev (data->class_names);
  data->class_names = g_new0 (char *, (gsize) n_model_classes + 1);
  for (guint c = 0; c < n_model_classes; c++)
    data->class_names[c] = g_strdup (model_classes[c]);
  data->n_classes = n_model_classes;
  return TRUE;
}

/**
 * ps_dataset_dup_summary:
 *
 * Returns: (transfer full): one line for a title bar,
 *   "xor · 4 samples · 2 features · 2 classes" (translated)
 */
char *
ps_dataset_dup_summary (const PsDataset *self)
{
  const char *name;

  g_return_val_if_fail (self != NULL, NULL);

  name = ps_dataset_get_name (self);
  return g_strdup_printf (_("%s · %zu samples · %zu features · %u classes"),
                          name != NULL ? name : "?", (size_t) ps_dataset_get_n_samples (self),
                          (size_t) ps_dataset_get_n_features (self), ps_dataset_get_n_classes (self));
}

/**
 * ps_dataset_dup_counts:
 * @test: (nullable): its test set; counted when it is another set
 *
 * Returns: (transfer full): "4 samples · 2 features · 2 classes", then
 *   " · 10000 test samples" with a test set (translated)
 */
char *
ps_dataset_dup_counts (const PsDataset *self,
                       const PsDataset *test)
{
  gsize n_samples, n_features;
  guint n_classes;

  g_return_val_if_fail (self != NULL, NULL);

  n_samples = ps_dataset_get_n_samples (self);
  n_features = ps_dataset_get_n_features (self);
  n_classes = ps_dataset_get_n_classes (self);
  if (test != NULL && test != self)
    return g_strdup_printf (_("%zu samples · %zu features · %u classes · %zu test samples"),
                            (size_t) n_samples, (size_t) n_features, n_classes,
                            (size_t) ps_dataset_get_n_samples (test));
  return g_strdup_printf (_("%zu samples · %zu features · %u classes"),
                          (size_t) n_samples, (size_t) n_features, n_classes);
}

/**
 * ps_dataset_dup_class_list:
 * @max_names: names shown at most; more end in ", …"
 *
 * Returns: (transfer full): "Classes: setosa, versicolor, virginica"
 *   (translated; "?" for a class without a name)
 */
char *
ps_dataset_dup_class_list (const PsDataset *self,
                           guint            max_names)
{
  const char *const *names;
  guint n_classes;
  GString *list;

  g_return_val_if_fail (self != NULL, NULL);

  names = ps_dataset_get_class_names (self);
  n_classes = ps_dataset_get_n_classes (self);
  list = g_string_new (_("Classes: "));
  for (guint i = 0; i < n_classes && i < max_names; i++)
    {
      if (i > 0)
        g_string_append (list, ", ");
      g_string_append (list, names != NULL && names[i] != NULL ? names[i] : "?");
    }
  if (n_classes > max_names)
    g_string_append (list, ", …");
  return g_string_free (list, FALSE);
}

/* ---- edited copies (issue 11 §5: the student's own data) ---------------------------- */

/* A shell of @n_samples with everything of @self but its samples: the
 * classes, names, image shape and scaling transform. */
static PsDataset *
new_like (const PsDataset *self,
          gsize            n_samples)
{
  PsDataset *s = ps_dataset_new_empty (self->name);

  s->n_samples = n_samples;
  s->n_features = self->n_features;
  s->n_classes = self->n_classes;
  s->class_names = g_strdupv (self->class_names);
  s->feature_names = g_strdupv (self->feature_names);
  s->image_width = self->image_width;
  s->image_height = self->image_height;
  copy_scaling (s, self);
  return s;
}

/* Every row but @skip (G_MAXSIZE: none), plus @extra empty rows at the
 * end, with the classes, names, image shape and scaling of @self. */
static PsDataset *
copy_edit (const PsDataset *self,
           gsize            skip,
           gsize            extra)
{
  gsize n = self->n_samples - (skip < self->n_samples ? 1 : 0);
  gsize nf = self->n_features;
  PsDataset *s = new_like (self, n + extra);
  gsize k = 0;

  if (self->x != NULL)
    s->x = g_new0 (float, MAX ((n + extra) * nf, 1));
  if (self->x_u8 != NULL)
    s->x_u8 = g_new0 (guint8, MAX ((n + extra) * nf, 1));
  s->labels = g_new0 (guint32, MAX (n + extra, 1));
  for (gsize i = 0; i < self->n_samples; i++)
    {
      if (i == skip)
        continue;
      if (self->x != NULL)
        memcpy (s->x + k * nf, self->x + i * nf, nf * sizeof (float));
      if (self->x_u8 != NULL)
        memcpy (s->x_u8 + k * nf, self->x_u8 + i * nf, nf);
      s->labels[k++] = self->labels[i];
    }
  return s;
}

/**
 * ps_dataset_copy_with_sample:
 * @x: n_features raw values (before scaling; byte features are rounded
 *   and clamped to 0..255)
 * @label: its class, < n_classes
 *
 * Returns: (transfer full): a copy of @self (classes, names, image shape
 * and the same scaling transform, not refitted) with one sample appended
 */
PsDataset *
ps_dataset_copy_with_sample (const PsDataset *self,
                             const float     *x,
                             guint32          label)
{
  PsDataset *s;
  gsize nf, last;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (x != NULL, NULL);
  g_return_val_if_fail (label < self->n_classes, NULL);

  nf = self->n_features;
  s = copy_edit (self, G_MAXSIZE, 1);
  last = s->n_samples - 1;
  for (gsize j = 0; j < nf; j++)
    {
      if (s->x != NULL)
        s->x[last * nf + j] = x[j];
      else
        s->x_u8[last * nf + j] = (guint8) CLAMP (lround (x[j]), 0, 255);
    }
  s->labels[last] = label;
  return s;
}

/**
 * ps_dataset_copy_with_samples:
 * @x: n × n_features raw floats
 * @labels: n classes, each < n_classes
 *
 * Returns: (transfer full): a dataset with @self's classes, names, image
 * shape and scaling transform, holding these samples instead of its own
 * (float features, also when @self's are bytes)
 */
PsDataset *
ps_dataset_copy_with_samples (const PsDataset *self,
                              const float     *x,
                              const guint32   *labels,
                              gsize            n)
{
  PsDataset *s;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (n == 0 || (x != NULL && labels != NULL), NULL);
  for (gsize i = 0; i < n; i++)
    g_return_val_if_fail (labels[i] < self->n_classes, NULL);

  s = new_like (self, n);
  s->x = dup_bytes (x, n * self->n_features * sizeof (float));
  s->labels = dup_bytes (labels, n * sizeof (guint32));
  return s;
}

/**
 * ps_dataset_copy_without_sample:
 * @index: < n_samples
 *
 * Returns: (transfer full): a copy of @self without sample @index (the
 * later ones move up by one); the classes stay, even one left empty
 */
PsDataset *
ps_dataset_copy_without_sample (const PsDataset *self,
                                gsize            index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->n_samples, NULL);

  return copy_edit (self, index, 0);
}

/**
 * ps_dataset_copy_with_label:
 * @index: < n_samples
 * @label: < n_classes
 *
 * Returns: (transfer full): a copy of @self where sample @index has @label
 */
PsDataset *
ps_dataset_copy_with_label (const PsDataset *self,
                            gsize            index,
                            guint32          label)
{
  PsDataset *s;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->n_samples, NULL);
  g_return_val_if_fail (label < self->n_classes, NULL);

  s = copy_edit (self, G_MAXSIZE, 0);
  s->labels[index] = label;
  return s;
}

/* A CSV field, quoted when it holds a separator, a quote or a line break. */
static void
append_csv_field (GString    *s,
                  const char *field)
{
  if (strpbrk (field, ",\"\r\n") == NULL)
    {
      g_string_append (s, field);
      return;
    }
  g_string_append_c (s, '"');
  for (const char *p = field; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (s, '"');
      g_string_append_c (s, *p);
    }
  g_string_append_c (s, '"');
}

/**
 * ps_dataset_to_csv:
 *
 * The raw features (before scaling, "%.9g": floats read back exactly) and
 * the class name of every sample, with a header: the feature names (or
 * x1, x2, …) and "label" ("class" when a feature is named "label"). What
 * ps_dataset_load_csv() reads back with that label column.
 *
 * Returns: (transfer full): the text
 */
char *
ps_dataset_to_csv (const PsDataset *self)
{
  GString *s;
  const char *label_name = "label";
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_return_val_if_fail (self != NULL, NULL);

  s = g_string_new (NULL);
  if (self->feature_names != NULL && g_strv_contains ((const char *const *) self->feature_names, "label"))
    label_name = "class";
  for (gsize j = 0; j < self->n_features; j++)
    {
      g_autofree char *name = self->feature_names != NULL && self->feature_names[j] != NULL
                              ? g_strdup (self->feature_names[j]) : g_strdup_printf ("x%zu", j + 1);

      append_csv_field (s, name);
      g_string_append_c (s, ',');
    }
  g_string_append_printf (s, "%s\n", label_name);
  for (gsize i = 0; i < self->n_samples; i++)
    {
      guint32 label = self->labels[i];

      for (gsize j = 0; j < self->n_features; j++)
        {
          g_string_append (s, g_ascii_formatd (buf, sizeof buf, "%.9g", ps_dataset_get_raw (self, i, j)));
          g_string_append_c (s, ',');
        }
      if (self->class_names != NULL && label < self->n_classes && self->class_names[label] != NULL)
        append_csv_field (s, self->class_names[label]);
      else
        g_string_append_printf (s, "%u", label);
      g_string_append_c (s, '\n');
    }
  return g_string_free (s, FALSE);
}
