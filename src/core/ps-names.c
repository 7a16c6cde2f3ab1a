/* ps-names.c: the one name table per engine enum
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ps-names.h"

#include <glib/gi18n-lib.h>

/* The labels are marked with N_/NC_ (this file is in po/POTFILES.in) and
 * translated only when asked for, by ps_enum_label, in the domain the app
 * binds: the tables stay static data, and core needs no textdomain of its
 * own. */

typedef struct
{
  int         value;
  const char *name;      /* as the CLI, model/experiment files and GSettings spell it */
  const char *context;   /* msgctxt of the label, or NULL */
  const char *label;     /* display label, untranslated (N_/NC_ marked) */
} NameEntry;

/* Each table is in display order (the dropdowns' order) and ends with a
 * NULL name. The labels are the training panel's and the network editor's. */
static const NameEntry activation_table[] = {
  { PS_ACTIVATION_STEP, "step", "activation", NC_ ("activation", "Step") },
  { PS_ACTIVATION_LINEAR, "linear", NULL, N_ ("Linear") },
  { PS_ACTIVATION_SIGMOID, "sigmoid", NULL, N_ ("Sigmoid") },
  { PS_ACTIVATION_TANH, "tanh", NULL, N_ ("Tanh") },
  { PS_ACTIVATION_RELU, "relu", NULL, N_ ("ReLU") },
  { PS_ACTIVATION_SOFTMAX, "softmax", NULL, N_ ("Softmax") },
  { 0, NULL, NULL, NULL }
};

static const NameEntry loss_table[] = {
  { PS_LOSS_MSE, "mse", NULL, N_ ("Mean squared error") },
  { PS_LOSS_CROSS_ENTROPY, "cross-entropy", NULL, N_ ("Cross-entropy (softmax)") },
  { PS_LOSS_BINARY_CROSS_ENTROPY, "binary-cross-entropy", NULL, N_ ("Binary cross-entropy") },
  { 0, NULL, NULL, NULL }
};

/* The notebook's summed gradient first: it is the app's default. */
static const NameEntry reduction_table[] = {
  { PS_REDUCTION_SUM, "sum", NULL, N_ ("Summed (notebook)") },
  { PS_REDUCTION_MEAN, "mean", NULL, N_ ("Averaged (Keras)") },
  { 0, NULL, NULL, NULL }
};

static const NameEntry scaling_table[] = {
  { PS_SCALING_NONE, "none", NULL, N_ ("None") },
  { PS_SCALING_UNIT, "unit", NULL, N_ ("Min–max to [0, 1]") },
  { PS_SCALING_STANDARD, "standard", NULL, N_ ("Standardise") },
  { 0, NULL, NULL, NULL }
};

static const NameEntry optimizer_table[] = {
  { PS_OPTIMIZER_DELTA, "delta", NULL, N_ ("Delta rule (perceptron)") },
  { PS_OPTIMIZER_SGD, "sgd", NULL, N_ ("SGD (backpropagation)") },
  { PS_OPTIMIZER_MOMENTUM, "momentum", NULL, N_ ("SGD with momentum") },
  { PS_OPTIMIZER_NESTEROV, "nesterov", NULL, N_ ("Nesterov momentum") },
  { PS_OPTIMIZER_ADAM, "adam", NULL, N_ ("Adam") },
  { 0, NULL, NULL, NULL }
};

static const NameEntry init_table[] = {
  { PS_INIT_NOTEBOOK, "notebook", NULL, N_ ("Uniform ±0.5 (notebook)") },
  { PS_INIT_GLOROT, "glorot", NULL, N_ ("Glorot uniform (Keras)") },
  { PS_INIT_HE, "he", NULL, N_ ("He uniform") },
  { 0, NULL, NULL, NULL }
};

/* perceptron export --format, and the app's Export Model As… */
static const NameEntry export_format_table[] = {
  { PS_EXPORT_PYTORCH, "pytorch", NULL, N_ ("PyTorch (Python)") },
  { PS_EXPORT_KERAS, "keras", NULL, N_ ("Keras (Python)") },
  { PS_EXPORT_ONNX, "onnx", NULL, N_ ("ONNX") },
  { 0, NULL, NULL, NULL }
};

/* Other spellings accepted when parsing (Keras', short forms); never written. */
static const NameEntry loss_aliases[] = {
  { PS_LOSS_MSE, "mean-squared-error", NULL, NULL },
  { PS_LOSS_CROSS_ENTROPY, "ce", NULL, NULL },
  { PS_LOSS_CROSS_ENTROPY, "sparse-categorical-cross-entropy", NULL, NULL },
  { PS_LOSS_CROSS_ENTROPY, "sparse_categorical_crossentropy", NULL, NULL },
  { PS_LOSS_BINARY_CROSS_ENTROPY, "bce", NULL, NULL },
  { PS_LOSS_BINARY_CROSS_ENTROPY, "binary_crossentropy", NULL, NULL },
  { 0, NULL, NULL, NULL }
};

static const NameEntry *
table_of (PsEnumKind kind)
{
  switch (kind)
    {
    case PS_ENUM_ACTIVATION: return activation_table;
    case PS_ENUM_LOSS: return loss_table;
    case PS_ENUM_REDUCTION: return reduction_table;
    case PS_ENUM_SCALING: return scaling_table;
    case PS_ENUM_OPTIMIZER: return optimizer_table;
    case PS_ENUM_INIT: return init_table;
    case PS_ENUM_EXPORT_FORMAT: return export_format_table;
    default: g_return_val_if_reached (activation_table);
    }
}

static const NameEntry *
find_value (PsEnumKind kind,
            int        value)
{
  for (const NameEntry *e = table_of (kind); e->name != NULL; e++)
    if (e->value == value)
      return e;
  return NULL;
}

/**
 * ps_enum_names:
 *
 * Returns: (transfer none): the stored names of @kind in display order,
 *   NULL-terminated; built once, kept for the life of the process
 */
const char *const *
ps_enum_names (PsEnumKind kind)
{
  static gsize names[PS_ENUM_EXPORT_FORMAT + 1];   /* const char ** each */
  guint k = (guint) kind;

  g_return_val_if_fail (k <= PS_ENUM_EXPORT_FORMAT, NULL);

  if (g_once_init_enter (&names[k]))
    {
      guint n = ps_enum_n_values (kind);
      const char **v = g_new0 (const char *, n + 1);

      for (guint i = 0; i < n; i++)
        v[i] = table_of (kind)[i].name;
      g_once_init_leave (&names[k], (gsize) v);
    }
  return (const char *const *) names[k];
}

guint
ps_enum_n_values (PsEnumKind kind)
{
  guint n = 0;

  for (const NameEntry *e = table_of (kind); e->name != NULL; e++)
    n++;
  return n;
}

int
ps_enum_value_at (PsEnumKind kind,
                  guint      index)
{
  const NameEntry *t = table_of (kind);

  return index < ps_enum_n_values (kind) ? t[index].value : t[0].value;
}

guint
ps_enum_index_of (PsEnumKind kind,
                  int        value)
{
  const NameEntry *t = table_of (kind);

  for (guint i = 0; t[i].name != NULL; i++)
    if (t[i].value == value)
      return i;
  return 0;
}

const char *
ps_enum_to_name (PsEnumKind kind,
                 int        value)
{
  const NameEntry *e = find_value (kind, value);

  return e != NULL ? e->name : NULL;
}

static gboolean
lookup (const NameEntry *t,
        const char      *name,
        int             *out)
{
  for (; t->name != NULL; t++)
    if (g_ascii_strcasecmp (name, t->name) == 0)
      {
        if (out != NULL)
          *out = t->value;
        return TRUE;
      }
  return FALSE;
}

gboolean
ps_enum_from_name (PsEnumKind  kind,
                   const char *name,
                   int        *out)
{
  if (name == NULL)
    return FALSE;
  if (lookup (table_of (kind), name, out))
    return TRUE;
  return kind == PS_ENUM_LOSS && lookup (loss_aliases, name, out);
}

const char *
ps_enum_label (PsEnumKind kind,
               int        value)
{
  const NameEntry *e = find_value (kind, value);

  if (e == NULL)
    return "?";
  if (e->context != NULL)
    return g_dpgettext2 (GETTEXT_PACKAGE, e->context, e->label);
  return g_dgettext (GETTEXT_PACKAGE, e->label);
}

/* ---- the typed wrappers declared beside each enum ---------------------- */

#define TYPED_NAMES(prefix, Type, KIND)                                       \
  const char *                                                                \
  prefix##_to_string (Type value)                                             \
  {                                                                           \
    const char *name = ps_enum_to_name (KIND, (int) value);                   \
                                                                              \
    g_return_val_if_fail (name != NULL, NULL);                                \
    return name;                                                              \
  }                                                                           \
                                                                              \
  gboolean                                                                    \
  prefix##_from_string (const char *s,                                        \
                        Type       *out)                                      \
  {                                                                           \
    int v;                                                                    \
                                                                              \
    if (!ps_enum_from_name (KIND, s, &v))                                     \
      return FALSE;                                                           \
    if (out != NULL)                                                          \
      *out = (Type) v;                                                        \
    return TRUE;                                                              \
  }

TYPED_NAMES (ps_activation, PsActivation, PS_ENUM_ACTIVATION)
TYPED_NAMES (ps_loss, PsLoss, PS_ENUM_LOSS)
TYPED_NAMES (ps_reduction, PsReduction, PS_ENUM_REDUCTION)
TYPED_NAMES (ps_optimizer_kind, PsOptimizerKind, PS_ENUM_OPTIMIZER)
TYPED_NAMES (ps_init, PsInit, PS_ENUM_INIT)

/* Scaling falls back to "none": model files write whatever a dataset holds. */
const char *
ps_scaling_to_string (PsScaling scaling)
{
  const char *name = ps_enum_to_name (PS_ENUM_SCALING, (int) scaling);

  g_return_val_if_fail (name != NULL, "none");
  return name;
}

gboolean
ps_scaling_from_string (const char *s,
                        PsScaling  *out)
{
  int v;

  if (!ps_enum_from_name (PS_ENUM_SCALING, s, &v))
    return FALSE;
  *out = (PsScaling) v;
  return TRUE;
}
