/* ps-network.h: a stack of dense layers over one flat parameter buffer
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "ps-dataset.h"
#include "ps-rng.h"

G_BEGIN_DECLS

#define PS_NETWORK_ERROR (ps_network_error_quark ())

typedef enum
{
  PS_NETWORK_ERROR_SPEC,        /* bad --layers text / layer settings */
  PS_NETWORK_ERROR_MISMATCH,    /* network does not fit the dataset */
  PS_NETWORK_ERROR_DIVERGED,    /* NaN/Inf in loss or weights */
} PsNetworkError;

typedef enum
{
  PS_ACTIVATION_STEP,       /* the notebook's: 1 if z > 0 else 0; f' taken as 1 (delta rule) */
  PS_ACTIVATION_LINEAR,
  PS_ACTIVATION_SIGMOID,
  PS_ACTIVATION_TANH,
  PS_ACTIVATION_RELU,
  PS_ACTIVATION_SOFTMAX,
} PsActivation;

typedef enum
{
  PS_LOSS_MSE,
  PS_LOSS_CROSS_ENTROPY,          /* sparse categorical, fused with softmax */
  PS_LOSS_BINARY_CROSS_ENTROPY,
} PsLoss;

typedef enum
{
  PS_REDUCTION_MEAN,   /* Keras/PyTorch: / batch (and / outputs for MSE) */
  PS_REDUCTION_SUM,    /* the notebook: gradient of ½ Σ (y − ŷ)², no division */
} PsReduction;

typedef enum
{
  PS_INIT_NOTEBOOK,    /* U(−0.5, 0.5) for weights and biases */
  PS_INIT_GLOROT,      /* Glorot uniform, zero bias (Keras default) */
  PS_INIT_HE,          /* He uniform, zero bias */
} PsInit;

typedef struct
{
  guint        inputs;
  guint        units;
  PsActivation activation;
  gsize        w_offset;   /* W: inputs × units, row-major, W[i*units + j] = input i → unit j */
  gsize        b_offset;   /* b: units */
} PsLayer;

typedef struct
{
  guint     n_inputs;
  guint     n_layers;
  PsLayer  *layers;
  gsize     n_params;
  float    *params;        /* all W and b, one buffer */
  PsLoss    loss;          /* the loss the model was built/trained for */
  guint     input_shape[2];/* {28, 28} for images; {0, 0} otherwise */
  char    **classes;       /* class names + NULL, or NULL */
  /* The input scaling the model was trained with (a dataset's shift/mul,
   * n_inputs each; NULL for PS_SCALING_NONE), so that evaluate and predict
   * feed it data scaled as in training, not refitted on other data. */
  PsScaling scaling;
  float    *scale_shift;
  float    *scale_mul;
} PsNetwork;

GQuark       ps_network_error_quark      (void);

/* Names as the CLI, the panels and the files spell them: the tables are in
 * ps-names.c (ps-names.h for dropdown order and labels). to_string returns
 * NULL for a value out of range; from_string is case-insensitive and FALSE
 * for an unknown name. */
const char  *ps_activation_to_string     (PsActivation   act);
gboolean     ps_activation_from_string   (const char    *s,
                                          PsActivation  *out);
const char  *ps_loss_to_string           (PsLoss         loss);
gboolean     ps_loss_from_string         (const char    *s,
                                          PsLoss        *out);
const char  *ps_init_to_string           (PsInit         init);
gboolean     ps_init_from_string         (const char    *s,
                                          PsInit        *out);
const char  *ps_reduction_to_string      (PsReduction    reduction);
gboolean     ps_reduction_from_string    (const char    *s,
                                          PsReduction   *out);

/* units[0] is the input width; layers get units[1..n_sizes). */
PsNetwork   *ps_network_new              (const guint        *units,
                                          const PsActivation *activations,
                                          guint               n_sizes);
/* "2,3:sigmoid,1:sigmoid"; default activation when omitted: sigmoid for hidden,
 * and for the last layer sigmoid (1 unit) or softmax (several). */
PsNetwork   *ps_network_new_from_spec    (const char    *spec,
                                          GError       **error);
PsNetwork   *ps_network_copy             (const PsNetwork *self);
void         ps_network_free             (PsNetwork     *self);
char        *ps_network_to_spec          (const PsNetwork *self);
void         ps_network_set_classes      (PsNetwork     *self,
                                          const char *const *classes);
/* The loss the model is built/trained for (stored in model files). */
void         ps_network_set_loss         (PsNetwork     *self,
                                          PsLoss         loss);
/* {height, width} of image inputs; {0, 0} when the inputs are not an image.
 * height × width must equal n_inputs. */
void         ps_network_set_input_shape  (PsNetwork     *self,
                                          guint          height,
                                          guint          width);
/* The one place a network takes a dataset's metadata: its class names and
 * image shape, each only where the network has none yet (a model loaded
 * from a file keeps its own), the shape only when it fits n_inputs. The
 * loss is not the data's: set it with ps_network_set_loss. */
void         ps_network_adopt_dataset    (PsNetwork       *self,
                                          const PsDataset *data);

/* Records the dataset's input scaling in the network (copied). */
void         ps_network_take_scaling     (PsNetwork       *self,
                                          const PsDataset *data);
/* Gives the dataset the network's recorded input scaling (n_features must
 * equal n_inputs: check with ps_network_check_dataset first). */
void         ps_network_scale_dataset    (const PsNetwork *self,
                                          PsDataset       *data);

void         ps_network_init             (PsNetwork     *self,
                                          PsInit         init,
                                          PsRng         *rng);
guint        ps_network_n_outputs        (const PsNetwork *self);
/* Largest layer width (inputs included): sizes scratch buffers. */
guint        ps_network_max_width        (const PsNetwork *self);
gboolean     ps_network_check_dataset    (const PsNetwork *self,
                                          const PsDataset *data,
                                          GError       **error);
/* The loss fits the output layer: cross-entropy needs softmax (≥ 2 units),
 * binary cross-entropy sigmoid or softmax outputs. PS_NETWORK_ERROR_SPEC. */
gboolean     ps_network_check_loss       (const PsNetwork *self,
                                          PsLoss         loss,
                                          GError       **error);
/* TRUE when every parameter is finite. */
gboolean     ps_network_is_finite        (const PsNetwork *self);

/* Outputs for n samples of x (n × n_inputs) into out (n × n_outputs).
 * Allocates its own scratch; for hot loops use PsWorkspace. */
void         ps_network_predict          (const PsNetwork *self,
                                          const float   *x,
                                          gsize          n,
                                          float         *out);
/* Predicted class of each output row: argmax, or > 0.5 for one unit. */
guint32      ps_network_classify_row     (const PsNetwork *self,
                                          const float   *out_row);

/* Keras-like table: Layer, Output Shape, Param #; totals. */
char        *ps_network_summary          (const PsNetwork *self);

/* ---- training workspace: forward/backward on a batch ------------------ */

typedef struct _PsWorkspace PsWorkspace;

PsWorkspace *ps_workspace_new            (const PsNetwork *net,
                                          gsize          max_batch);
void         ps_workspace_free           (PsWorkspace   *ws);
gsize        ps_workspace_max_batch      (const PsWorkspace *ws);
/* Forward pass; returns the output activations (batch × n_outputs), owned by ws. */
const float *ps_network_forward          (const PsNetwork *self,
                                          PsWorkspace   *ws,
                                          const float   *x,
                                          gsize          batch);
/* Forward + backward: gradients of the loss w.r.t. params into grad
 * (n_params floats, overwritten). Returns the batch's loss summed over samples
 * (whatever the reduction: the caller averages for display). When correct is
 * not NULL, adds the number of correctly classified samples. */
double       ps_network_gradient         (const PsNetwork *self,
                                          PsWorkspace   *ws,
                                          const float   *x,
                                          const guint32 *labels,
                                          gsize          batch,
                                          PsLoss         loss,
                                          PsReduction    reduction,
                                          float         *grad,
                                          guint         *correct);
/* ps_network_gradient() for the trainer: the mean reduction divides by
 * norm_batch (>= batch), so a large batch can be fed in chunks; accumulate adds
 * to grad instead of overwriting it; sq_error (may be NULL) gets Σ (t − y)²
 * added. Sum reduction is the gradient of ½ Σ (y − ŷ)² for MSE and of the sum
 * of per-sample losses otherwise; mean divides by B (CE), B·K (MSE, BCE). */
double       ps_network_gradient_full    (const PsNetwork *self,
                                          PsWorkspace   *ws,
                                          const float   *x,
                                          const guint32 *labels,
                                          gsize          batch,
                                          PsLoss         loss,
                                          PsReduction    reduction,
                                          gsize          norm_batch,
                                          gboolean       accumulate,
                                          float         *grad,
                                          guint         *correct,
                                          double        *sq_error);
/* Loss of one batch given outputs (same convention as above), and the squared
 * error sum for RMSE. */
double       ps_loss_compute             (PsLoss         loss,
                                          const float   *out,
                                          const guint32 *labels,
                                          gsize          batch,
                                          guint          n_outputs,
                                          double        *sq_error);

G_END_DECLS
