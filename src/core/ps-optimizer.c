/* ps-optimizer.c: learning rules over the flat parameter buffer
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each rule follows torch.optim (1.13) operation by operation, in float, so
 * that the same gradients give the same weights to float rounding.
 */
#include "config.h"

#include "ps-optimizer.h"
#include "ps-optimizer-private.h"

#include <math.h>
#include <string.h>

typedef struct
{
  float b1, b2, one_b1, one_b2, step_size, bc2_sqrt, eps;
} AdamStep;

struct _PsOptimizer
{
  PsOptimizerConfig config;
  gsize             n_params;
  guint64           step;       /* steps taken since creation/reset */
  float            *m;          /* momentum buffer / Adam's first moment */
  float            *v;          /* Adam's second moment */
  AdamStep          adam;       /* Adam's constants for the current step */
};

/**
 * ps_optimizer_config_init:
 *
 * Defaults: lr 0.01 (Keras SGD; 0.001 for Adam, 0.1 for the delta rule),
 * momentum 0.9, Adam's β₁ 0.9, β₂ 0.999, ε 1e-8, no weight decay.
 */
void
ps_optimizer_config_init (PsOptimizerConfig *config,
                          PsOptimizerKind    kind)
{
  g_return_if_fail (config != NULL);

  memset (config, 0, sizeof *config);
  config->kind = kind;
  switch (kind)
    {
    case PS_OPTIMIZER_DELTA:
      config->lr = 0.1;
      break;
    case PS_OPTIMIZER_ADAM:
      config->lr = 0.001;
      break;
    default:
      config->lr = 0.01;
      break;
    }
  config->momentum = 0.9;
  config->beta1 = 0.9;
  config->beta2 = 0.999;
  config->epsilon = 1e-8;
  config->l2 = 0.0;
}

/**
 * ps_optimizer_new:
 *
 * Returns: (transfer full): free with ps_optimizer_free()
 */
PsOptimizer *
ps_optimizer_new (const PsOptimizerConfig *config,
                  gsize                    n_params)
{
  PsOptimizer *self;

  g_return_val_if_fail (config != NULL, NULL);
  g_return_val_if_fail ((guint) config->kind <= PS_OPTIMIZER_ADAM, NULL);

  self = g_new0 (PsOptimizer, 1);
  self->config = *config;
  self->n_params = n_params;
  if (config->kind == PS_OPTIMIZER_MOMENTUM || config->kind == PS_OPTIMIZER_NESTEROV
      || config->kind == PS_OPTIMIZER_ADAM)
    self->m = g_new0 (float, MAX (n_params, 1));
  if (config->kind == PS_OPTIMIZER_ADAM)
    self->v = g_new0 (float, MAX (n_params, 1));
  return self;
}

void
ps_optimizer_free (PsOptimizer *self)
{
  if (self == NULL)
    return;
  g_free (self->m);
  g_free (self->v);
  g_free (self);
}

/* Forgets the moments: the next step is a first step again. */
void
ps_optimizer_reset (PsOptimizer *self)
{
  g_return_if_fail (self != NULL);

  self->step = 0;
  if (self->m != NULL)
    memset (self->m, 0, sizeof (float) * self->n_params);
  if (self->v != NULL)
    memset (self->v, 0, sizeof (float) * self->n_params);
}

void
ps_optimizer_set_lr (PsOptimizer *self,
                     double       lr)
{
  g_return_if_fail (self != NULL);
  self->config.lr = lr;
}

guint64
ps_optimizer_get_step (PsOptimizer *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->step;
}

/* Runs BODY for i in [0, n): in blocks of 8 first, which GCC vectorises even
 * at -O2 (its cheapest cost model leaves loops that need a scalar epilogue
 * alone), then the rest. Each element's arithmetic is the same either way. */
#define FOR_EACH(i, n, BODY) \
  G_STMT_START { \
    gsize i##_blk = 0; \
    for (; i##_blk + 8 <= (n); i##_blk += 8) \
      for (guint i##_k = 0; i##_k < 8; i##_k++) \
        { \
          gsize i = i##_blk + i##_k; \
          BODY \
        } \
    for (gsize i = i##_blk; i < (n); i++) \
      { \
        BODY \
      } \
  } G_STMT_END

/* p ← p − lr · (g + wd · p): SGD and the delta rule (the gradient is already
 * that of the sum, so this is W + α Xᵀ(y − ŷ)). */
static void
step_sgd (float       *restrict p,
          const float *restrict g,
          float        lr,
          float        wd,
          gsize        n)
{
  if (wd != 0.0f)
    FOR_EACH (i, n, p[i] = p[i] - lr * (g[i] + wd * p[i]););
  else
    FOR_EACH (i, n, p[i] = p[i] - lr * g[i];);
}

/* torch.optim.SGD with momentum μ, no dampening:
 *   d = g + wd·p ; b = d on the first step, else μ·b + d ;
 *   p ← p − lr · (nesterov ? d + μ·b : b) */
static void
step_momentum (float       *restrict p,
               float       *restrict buf,
               const float *restrict g,
               float        lr,
               float        mu,
               float        wd,
               gboolean     nesterov,
               gboolean     first,
               gsize        n)
{
  FOR_EACH (i, n,
    {
      float d = wd != 0.0f ? g[i] + wd * p[i] : g[i];
      float b = first ? d : mu * buf[i] + d;

      buf[i] = b;
      p[i] = p[i] - lr * (nesterov ? d + mu * b : b);
    });
}

/* Adam's per-step constants. The bias corrections are computed in double,
 * as Python does, once per step. */
static void
adam_step_init (AdamStep *k,
                double    lr,
                double    beta1,
                double    beta2,
                double    eps,
                guint64   t)
{
  double bc1 = 1.0 - pow (beta1, (double) t);
  double bc2 = 1.0 - pow (beta2, (double) t);

  k->b1 = (float) beta1;
  k->b2 = (float) beta2;
  k->one_b1 = (float) (1.0 - beta1);
  k->one_b2 = (float) (1.0 - beta2);
  k->step_size = (float) (lr / bc1);
  k->bc2_sqrt = (float) sqrt (bc2);
  k->eps = (float) eps;
}

/* torch.optim.Adam (1.13, single tensor):
 *   d = g + wd·p ; m = β₁ m + (1 − β₁) d ; v = β₂ v + (1 − β₂) d² ;
 *   p ← p − ((lr / (1 − β₁ᵗ)) · m) / (√v / √(1 − β₂ᵗ) + ε) */
static void
step_adam (float          *restrict p,
           float          *restrict m,
           float          *restrict v,
           const float    *restrict g,
           const AdamStep *k,
           float           wd,
           gsize           n)
{
  float b1 = k->b1, b2 = k->b2, one_b1 = k->one_b1, one_b2 = k->one_b2;
  float step_size = k->step_size, bc2_sqrt = k->bc2_sqrt, epsf = k->eps;

  /* Two loops rather than a test per element: GCC vectorises neither a loop
   * with a branch nor (at -O2) an unswitched one. */
#define ADAM_ELEMENT(D) \
    { \
      float d = (D); \
      float mi = m[i] * b1 + one_b1 * d; \
      float vi = v[i] * b2 + one_b2 * d * d; \
      float denom = sqrtf (vi) / bc2_sqrt + epsf; \
 \
      m[i] = mi; \
      v[i] = vi; \
      /* addcdiv_: p + (value · m) / denom, in that order. */ \
      p[i] = p[i] - (step_size * mi) / denom; \
    }
  if (wd != 0.0f)
    FOR_EACH (i, n, ADAM_ELEMENT (g[i] + wd * p[i]));
  else
    FOR_EACH (i, n, ADAM_ELEMENT (g[i]));
#undef ADAM_ELEMENT
}

/* One update of n parameters at offset off (params, grad and the moments
 * share the layout), for the step self->step. */
static void
step_range (PsOptimizer    *self,
            const AdamStep *adam,
            float          *params,
            const float    *grad,
            gsize           off,
            gsize           n)
{
  const PsOptimizerConfig *c = &self->config;

  switch (c->kind)
    {
    case PS_OPTIMIZER_DELTA:
    case PS_OPTIMIZER_SGD:
      step_sgd (params + off, grad + off, (float) c->lr, (float) c->l2, n);
      break;

    case PS_OPTIMIZER_MOMENTUM:
    case PS_OPTIMIZER_NESTEROV:
      step_momentum (params + off, self->m + off, grad + off, (float) c->lr,
                     (float) c->momentum, (float) c->l2,
                     c->kind == PS_OPTIMIZER_NESTEROV, self->step == 1, n);
      break;

    case PS_OPTIMIZER_ADAM:
      step_adam (params + off, self->m + off, self->v + off, grad + off, adam,
                 (float) c->l2, n);
      break;

    default:
      g_return_if_reached ();
    }
}

/**
 * ps_optimizer_step:
 * @params: (inout): n_params weights, updated in place
 * @grad: n_params gradients of the loss (descent direction is −grad)
 */
void
ps_optimizer_step (PsOptimizer *self,
                   float       *params,
                   const float *grad)
{
  const PsOptimizerConfig *c;
  gsize n;

  g_return_if_fail (self != NULL);
  g_return_if_fail (params != NULL || self->n_params == 0);
  g_return_if_fail (grad != NULL || self->n_params == 0);

  c = &self->config;
  n = self->n_params;
  self->step++;
  if (c->kind == PS_OPTIMIZER_ADAM)
    adam_step_init (&self->adam, c->lr, c->beta1, c->beta2, c->epsilon, self->step);
  step_range (self, &self->adam, params, grad, 0, n);
}

/**
 * ps_optimizer_begin_step:
 *
 * Starts a step to be applied by parts with ps_optimizer_apply_block():
 * together they do exactly what ps_optimizer_step() does.
 */
void
ps_optimizer_begin_step (PsOptimizer *self)
{
  const PsOptimizerConfig *c;

  g_return_if_fail (self != NULL);

  c = &self->config;
  self->step++;
  if (c->kind == PS_OPTIMIZER_ADAM)
    adam_step_init (&self->adam, c->lr, c->beta1, c->beta2, c->epsilon, self->step);
}

/**
 * ps_optimizer_apply_block:
 * @offset: index of the block's first parameter
 * @stride: distance between the block's rows
 *
 * The current step's update of params[offset + r·stride + j] for r < rows,
 * j < cols. Blocks that do not overlap may be applied from different threads
 * at once.
 */
void
ps_optimizer_apply_block (PsOptimizer *self,
                          float       *params,
                          const float *grad,
                          gsize        offset,
                          gsize        rows,
                          gsize        cols,
                          gsize        stride)
{
  g_return_if_fail (self != NULL && self->step > 0);
  g_return_if_fail (rows == 0 || cols == 0
                    || offset + (rows - 1) * stride + cols <= self->n_params);

  if (stride == cols)
    step_range (self, &self->adam, params, grad, offset, rows * cols);
  else
    for (gsize r = 0; r < rows; r++)
      step_range (self, &self->adam, params, grad, offset + r * stride, cols);
}

/**
 * ps_optimizer_get_fused:
 *
 * The current step (after ps_optimizer_begin_step()) for kernels that apply
 * it themselves; kind PS_FUSED_NONE when they cannot.
 */
void
ps_optimizer_get_fused (PsOptimizer *self,
                        PsFusedStep *out)
{
  const PsOptimizerConfig *c;

  g_return_if_fail (self != NULL && out != NULL);

  c = &self->config;
  memset (out, 0, sizeof *out);
  out->wd = (float) c->l2;
  switch (c->kind)
    {
    case PS_OPTIMIZER_DELTA:
    case PS_OPTIMIZER_SGD:
      out->kind = PS_FUSED_SGD;
      out->lr = (float) c->lr;
      break;

    case PS_OPTIMIZER_ADAM:
      out->kind = PS_FUSED_ADAM;
      out->b1 = self->adam.b1;
      out->b2 = self->adam.b2;
      out->one_b1 = self->adam.one_b1;
      out->one_b2 = self->adam.one_b2;
      out->step_size = self->adam.step_size;
      out->bc2_sqrt = self->adam.bc2_sqrt;
      out->eps = self->adam.eps;
      out->m = self->m;
      out->v = self->v;
      break;

    default:
      out->kind = PS_FUSED_NONE;
      break;
    }
}
