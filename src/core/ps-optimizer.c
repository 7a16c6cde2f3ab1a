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

#include <math.h>
#include <string.h>

struct _PsOptimizer
{
  PsOptimizerConfig config;
  gsize             n_params;
  guint64           step;       /* steps taken since creation/reset */
  float            *m;          /* momentum buffer / Adam's first moment */
  float            *v;          /* Adam's second moment */
};

static const char *const kind_names[] = {
  [PS_OPTIMIZER_DELTA] = "delta",
  [PS_OPTIMIZER_SGD] = "sgd",
  [PS_OPTIMIZER_MOMENTUM] = "momentum",
  [PS_OPTIMIZER_NESTEROV] = "nesterov",
  [PS_OPTIMIZER_ADAM] = "adam",
};

const char *
ps_optimizer_kind_to_string (PsOptimizerKind kind)
{
  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (kind_names), NULL);
  return kind_names[kind];
}

gboolean
ps_optimizer_kind_from_string (const char      *s,
                               PsOptimizerKind *out)
{
  g_return_val_if_fail (s != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (kind_names); i++)
    if (g_ascii_strcasecmp (s, kind_names[i]) == 0)
      {
        if (out != NULL)
          *out = (PsOptimizerKind) i;
        return TRUE;
      }
  return FALSE;
}

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
  g_return_val_if_fail ((guint) config->kind < G_N_ELEMENTS (kind_names), NULL);

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
    for (gsize i = 0; i < n; i++)
      p[i] = p[i] - lr * (g[i] + wd * p[i]);
  else
    for (gsize i = 0; i < n; i++)
      p[i] = p[i] - lr * g[i];
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
  for (gsize i = 0; i < n; i++)
    {
      float d = wd != 0.0f ? g[i] + wd * p[i] : g[i];
      float b = first ? d : mu * buf[i] + d;

      buf[i] = b;
      p[i] = p[i] - lr * (nesterov ? d + mu * b : b);
    }
}

/* torch.optim.Adam (1.13, single tensor):
 *   d = g + wd·p ; m = β₁ m + (1 − β₁) d ; v = β₂ v + (1 − β₂) d² ;
 *   p ← p − ((lr / (1 − β₁ᵗ)) · m) / (√v / √(1 − β₂ᵗ) + ε)
 * The bias corrections are computed in double, as Python does. */
static void
step_adam (float       *restrict p,
           float       *restrict m,
           float       *restrict v,
           const float *restrict g,
           double       lr,
           double       beta1,
           double       beta2,
           double       eps,
           float        wd,
           guint64      t,
           gsize        n)
{
  float b1 = (float) beta1, b2 = (float) beta2;
  float one_b1 = (float) (1.0 - beta1), one_b2 = (float) (1.0 - beta2);
  double bc1 = 1.0 - pow (beta1, (double) t);
  double bc2 = 1.0 - pow (beta2, (double) t);
  float step_size = (float) (lr / bc1);
  float bc2_sqrt = (float) sqrt (bc2);
  float epsf = (float) eps;

  for (gsize i = 0; i < n; i++)
    {
      float d = wd != 0.0f ? g[i] + wd * p[i] : g[i];
      float mi = m[i] * b1 + one_b1 * d;
      float vi = v[i] * b2 + one_b2 * d * d;
      float denom = sqrtf (vi) / bc2_sqrt + epsf;

      m[i] = mi;
      v[i] = vi;
      /* addcdiv_: p + (value · m) / denom, in that order. */
      p[i] = p[i] - (step_size * mi) / denom;
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

  switch (c->kind)
    {
    case PS_OPTIMIZER_DELTA:
    case PS_OPTIMIZER_SGD:
      step_sgd (params, grad, (float) c->lr, (float) c->l2, n);
      break;

    case PS_OPTIMIZER_MOMENTUM:
    case PS_OPTIMIZER_NESTEROV:
      step_momentum (params, self->m, grad, (float) c->lr, (float) c->momentum,
                     (float) c->l2, c->kind == PS_OPTIMIZER_NESTEROV,
                     self->step == 1, n);
      break;

    case PS_OPTIMIZER_ADAM:
      step_adam (params, self->m, self->v, grad, c->lr, c->beta1, c->beta2,
                 c->epsilon, (float) c->l2, self->step, n);
      break;

    default:
      g_return_if_reached ();
    }
}
