/* ps-train-fast.c: the trainer's fast path for one batch
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One batch is one job of a persistent thread pool. Each layer's work is
 * split one of three ways:
 *
 *  - by units (COLS): the layer's units, i.e. the columns of W, b, the
 *    outputs and dL/dz, are cut into chunks of 16; thread t owns a
 *    range of chunks. It computes them in the forward pass (GEMM, bias and
 *    activation fused), their weight gradient, and applies the optimizer to
 *    them; a wide layer's weights thus stay in the cache of the core that
 *    updates them. A thread done with its own chunks of a step takes the
 *    others' from the back of their ranges (work stealing): the cores of a
 *    shared machine do not run at the same speed from one millisecond to the
 *    next, and a static split waits for the slowest. Used for wide hidden
 *    layers.
 *  - by rows (ROWS): the batch's rows in the forward pass, the rows of W
 *    (inputs) in the weight gradient. For narrow layers with many inputs
 *    (784-5), and always for the output layer, whose rows then go on to
 *    their loss on the same thread.
 *  - not at all (NONE): thread 0 does it (small hidden layers, softmax
 *    hidden layers).
 *
 * Per batch, on every thread:
 *   gather the whole batch into its own copy of the inputs, forward layer
 *   by layer | … | output layer and loss gradient of its rows |
 *   for l = L−1 … 1: dL/dz of l−1 (its chunks) | weight gradient of l and
 *   the optimizer's update of it | weight gradient and update of layer 0.
 * ("|" is a barrier.) Layer l's weights are updated only after every thread
 * has read them for dL/dz of l−1. The update of plain SGD and Adam runs in
 * the weight gradient's GEMM epilogue, on the registers (no gradient
 * buffer); momentum goes through the gradient buffer, panel by panel. The
 * epilogue also keeps a copy of wide layers' W as panels of 16 columns,
 * which the forward pass reads (see wp below).
 *
 * Every output element is computed by one thread in a fixed order (a chunk
 * is one GEMM call, whoever runs it), so the result does not depend on the
 * number of threads nor on who stole what. That lets the number of
 * threads follow the machine: on a shared, loaded machine a barrier can wait
 * for a preempted partner for milliseconds, and one thread is faster. Each
 * batch is timed; the faster of "all threads" and "one thread" is used, and
 * the other one is tried again now and then.
 */
#include "config.h"

#include "ps-train-fast.h"

#include <math.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#ifdef __linux__
#include <sys/mman.h>
#endif

/* the batch gather reads the features and labels directly (hot path) */
#include "ps-dataset-private.h"
#include "ps-kernels.h"
#include "ps-network-private.h"
#include "ps-optimizer-private.h"
#include "ps-pool.h"

#define PS_FAST_MAX_THREADS 8
/* Multiply-adds per batch (forward) below which the fast path does not pay:
 * the notebook's gate networks stay on the plain path. */
#define PS_FAST_MIN_WORK 16384
/* ... and below which threads cost more than they bring. */
#define PS_FAST_THREAD_MIN_WORK 200000
/* Thread-count choice: PS_FAST_PROBE batches run the other way (the first
 * one, which may wake a sleeping worker, not measured) after 64 batches, then
 * after twice as many each time the probe confirms the choice, up to 1024. */
#define PS_FAST_PROBE 4
#define PS_FAST_PROBE_FIRST 64
#define PS_FAST_PROBE_MAX 1024
/* Rows of W₀ per optimizer call in the fused weight gradient: the panel is
 * still in L1 when the optimizer reads it. */
#define PS_FAST_PANEL 24
/* Layers at least this wide keep their weights in panels too. */
#define PS_FAST_PANEL_MIN_UNITS 32
/* Rows per partial sum of the batch's loss. */
#define PS_FAST_LOSS_BLOCK 8

typedef enum
{
  SPLIT_NONE,
  SPLIT_COLS,
  SPLIT_ROWS,
} Split;

typedef struct
{
  Split split;
  guint chunk;                     /* COLS: units per chunk */
  guint h0[PS_FAST_MAX_THREADS];   /* COLS: chunks [h0, h1) of thread t */
  guint h1[PS_FAST_MAX_THREADS];
  guint i0[PS_FAST_MAX_THREADS];   /* ROWS: rows of W [i0, i1) of thread t */
  guint i1[PS_FAST_MAX_THREADS];
} LayerPlan;

/* The steps of a batch that COLS layers cut into chunks. */
typedef enum
{
  STEP_FORWARD,
  STEP_INPUT_GRADIENT,   /* dL/dz of this layer, from the layer above */
  STEP_WEIGHT_GRADIENT,
  N_STEPS
} Step;

/* The chunks of one step of one layer not yet taken from thread t's range:
 * [lo, hi) of batch number seq (16 bits), as seq << 48 | lo << 24 | hi.
 * The owner takes from the front, thieves from the back, each with a
 * compare-and-swap; a range still stamped with the previous batch (its
 * owner has not started this one) has nothing to take. One cache line
 * each. */
typedef struct
{
  _Atomic guint64 range;
  char            pad[64 - sizeof (guint64)];
} ChunkRange;

struct _PsTrainFast
{
  PsNetwork      *net;
  PsOptimizer    *optimizer;
  float          *grad;
  PsLoss          loss;
  PsReduction     reduction;
  gsize           max_batch;
  guint           n_threads;
  PsPool         *pool;
  LayerPlan      *plans[2];   /* [0]: one thread; [1]: n_threads */

  /* Thread-count choice: mean µs per sample (moving average) of each way. */
  double          us_per_sample[2];
  gboolean        adaptive;
  int             best;          /* the way that runs */
  int             way;           /* the way of the batch in progress */
  guint           probe_left;    /* batches left in the current probe */
  guint           until_probe;   /* batches before the next probe */
  guint           interval;
  gboolean        measured[2];
  gboolean        warm;

  float          *x[PS_FAST_MAX_THREADS];   /* per thread: max_batch × n_inputs */
  guint32        *labels;     /* max_batch */
  float         **act;        /* per layer: max_batch × units */
  float         **dz;         /* per layer: max_batch × units, dL/dz */
  float         **wt;         /* per layer ≥ 1: Wᵀ, units × inputs (row stride ldwt) */
  /* Per layer: W again, as panels of 16 columns (panel c: rows 0..K, 16
   * floats each, at wp[l] + c · K · 16): what the forward pass reads, in
   * sequence, instead of a 16-float piece of every 512-byte row of W (the
   * piece was copied to a panel for each call; 20 % of a forward chunk). A
   * mirror of the network's weights, kept by the weight gradient's epilogue,
   * rebuilt when the weights changed elsewhere. NULL for layers narrower
   * than PS_FAST_PANEL_MIN_UNITS: their rows are short and contiguous
   * already, and a panel 16 floats wide would be mostly padding. */
  float         **wp;
  gboolean        wp_valid;
  guint          *ld;         /* row stride of act[l] and dz[l] */
  guint          *ldwt;
  float          *block;
  ChunkRange     *ranges;     /* [layer][step][thread] */
  guint           seq;        /* batches run */
  gpointer        ranges_mem;

  /* The batch in progress. */
  const LayerPlan *plan;
  PsPool         *active_pool;  /* NULL: thread 0 alone */
  PsFusedStep     fused;
  const PsDataset *data;
  const guint32  *idx;
  gsize           b;
  const guint32  *next_idx;   /* the next batch's samples, to prefetch */
  gsize           next_b;
  double         *block_loss;   /* per block of PS_FAST_LOSS_BLOCK rows */
  double         *block_sq;
  guint          *block_correct;
};

static gboolean
elementwise (PsActivation act)
{
  return act != PS_ACTIVATION_SOFTMAX;
}

static gboolean
fusable (PsActivation act)
{
  return act == PS_ACTIVATION_RELU || act == PS_ACTIVATION_LINEAR
         || act == PS_ACTIVATION_STEP;
}

/* PS_TRAIN_FAST_DEBUG=lopsided (tests): thread 0 owns every chunk, the
 * others only steal, so that stealing happens on every batch. */
static gboolean
lopsided (void)
{
  const char *debug = g_getenv ("PS_TRAIN_FAST_DEBUG");

  return debug != NULL && strstr (debug, "lopsided") != NULL;
}

static void
plan_layer (LayerPlan     *lp,
            const PsLayer *layer,
            gboolean       output,
            guint          n_threads)
{
  memset (lp, 0, sizeof *lp);
  if (n_threads > 1 && elementwise (layer->activation) && layer->units >= 32 * n_threads)
    {
      /* Whole 16-column blocks, so that threads never share a cache line.
       * One block per chunk: the finest sharing. Against chunks of 32 (fewer
       * passes over the inputs), in-process alternating A/B on two threads:
       * config b 0.91-0.98x the time, config a 0.88-1.10x. */
      guint chunk = 16;
      guint n_chunks = (layer->units + chunk - 1) / chunk;

      lp->split = SPLIT_COLS;
      lp->chunk = chunk;
      for (guint t = 0; t < n_threads; t++)
        {
          lp->h0[t] = n_chunks * t / n_threads;
          lp->h1[t] = n_chunks * (t + 1) / n_threads;
          if (lopsided ())
            {
              lp->h0[t] = t == 0 ? 0 : n_chunks;
              lp->h1[t] = n_chunks;
            }
        }
    }
  else if (n_threads > 1 && (output || ((gsize) layer->inputs * layer->units >= 2048
                                         && layer->inputs >= 16 * n_threads)))
    {
      /* The output layer is always split by rows, however small: its forward
       * pass and the loss's gradient are then no longer thread 0's alone
       * while the others wait. */
      lp->split = SPLIT_ROWS;
      for (guint t = 0; t < n_threads; t++)
        {
          lp->i0[t] = layer->inputs * t / n_threads;
          lp->i1[t] = layer->inputs * (t + 1) / n_threads;
        }
    }
  else
    lp->split = SPLIT_NONE;
}

/* The buffers' block, zeroed. From 256 KiB on, in 2 MiB pages where the
 * kernel gives them (transparent huge pages, "madvise" mode on Debian): the
 * weight gradient reads a column of the batch's inputs, one 4 KiB page per
 * sample (a 784-float row is 3 KiB), and with a batch of 128 those are more
 * pages than the first-level TLB holds (8-10 % slower products). */
#define PS_FAST_HUGE_MIN (256 * 1024)
#define PS_FAST_HUGE_PAGE (2 * 1024 * 1024)

static float *
block_alloc (gsize n_floats)
{
  gsize bytes = n_floats * sizeof (float);
  gpointer mem = NULL;

#ifdef __linux__
  if (bytes >= PS_FAST_HUGE_MIN)
    {
      gsize rounded = (bytes + PS_FAST_HUGE_PAGE - 1) / PS_FAST_HUGE_PAGE * PS_FAST_HUGE_PAGE;

      if (posix_memalign (&mem, PS_FAST_HUGE_PAGE, rounded) == 0)
        {
          /* Only a hint: without huge pages, 4 KiB ones. */
          (void) madvise (mem, rounded, MADV_HUGEPAGE);
          memset (mem, 0, rounded);
          return mem;
        }
      mem = NULL;
    }
#endif
  if (posix_memalign (&mem, 64, MAX (bytes, 1)) != 0)
    g_error ("%s: failed to allocate %" G_GSIZE_FORMAT " bytes", G_STRLOC, bytes);
  memset (mem, 0, MAX (bytes, 1));
  return mem;
}

/* Columns of W's panels: whole panels of 16. */
static gsize
panel_cols (guint units)
{
  return (units + 15) / 16 * (gsize) 16;
}

/* Rows [i0, i1) and columns [c0, c1) of layer l's W into its panels. */
static void
panel_store (PsTrainFast *self,
             guint        l,
             guint        i0,
             guint        i1,
             guint        c0,
             guint        c1)
{
  const PsLayer *layer = &self->net->layers[l];
  const float *w = self->net->params + layer->w_offset;
  gsize K = layer->inputs, N = layer->units;

  if (self->wp[l] == NULL)
    return;
  for (guint c = c0 / 16; c * 16 < c1; c++)
    {
      guint j0 = MAX (c0, c * 16), j1 = MIN (c1, c * 16 + 16);
      float *panel = self->wp[l] + c * K * 16;

      for (gsize i = i0; i < i1; i++)
        memcpy (panel + i * 16 + (j0 - c * 16), w + i * N + j0, sizeof (float) * (j1 - j0));
    }
}

/* Row strides of our buffers: whole cache lines, and never a multiple of
 * 256 bytes, whose rows all fall in a few sets of the 8-way L1 (a 784-128
 * layer's 512-byte rows use 8 of its 64 sets: 15–20 % slower products). */
static guint
padded_stride (guint n)
{
  guint ld = (n + 15) / 16 * 16;

  return ld % 64 == 0 ? ld + 16 : ld;
}

/**
 * ps_train_fast_new:
 * @n_threads: 0: automatic, and the number of threads in use follows the
 *   measured speed; else exactly that many
 */
PsTrainFast *
ps_train_fast_new (PsNetwork   *net,
                   PsOptimizer *optimizer,
                   float       *grad,
                   PsLoss       loss,
                   PsReduction  reduction,
                   gsize        max_batch,
                   guint        n_threads)
{
  PsTrainFast *self;
  gsize work = 0, total, offset = 0;
  guint L;

  g_return_val_if_fail (net != NULL && optimizer != NULL && grad != NULL, NULL);

  if (!ps_kernels_available () || max_batch == 0 || max_batch > G_MAXINT / 2)
    return NULL;
  L = net->n_layers;
  for (guint l = 0; l < L; l++)
    {
      const PsLayer *layer = &net->layers[l];

      /* The kernels index with ints. */
      if ((gsize) layer->inputs * layer->units > G_MAXINT / 2
          || max_batch * MAX (layer->inputs, layer->units) > G_MAXINT / 2)
        return NULL;
      work += max_batch * layer->inputs * layer->units;
    }
  if (work < PS_FAST_MIN_WORK)
    return NULL;

  self = g_new0 (PsTrainFast, 1);
  if (n_threads == 0)
    {
      guint widest = 0, inputs = 0;

      for (guint l = 0; l < L; l++)
        {
          widest = MAX (widest, net->layers[l].units);
          inputs = MAX (inputs, net->layers[l].inputs);
        }
      /* As many threads as the cores, and as the widest layer has blocks of
       * 64 units to share (or, for narrow layers, the inputs rows of 64). */
      n_threads = work >= PS_FAST_THREAD_MIN_WORK ? g_get_num_processors () : 1;
      n_threads = MIN (n_threads, MAX (MAX (widest / 64, inputs / 256), 1u));
      self->adaptive = TRUE;
      /* Start by trying both ways: the second, alone, as a probe. */
      self->best = 1;
      self->until_probe = PS_FAST_PROBE + 1;
      self->interval = PS_FAST_PROBE_FIRST;
    }
  n_threads = CLAMP (n_threads, 1, PS_FAST_MAX_THREADS);

  self->net = net;
  self->optimizer = optimizer;
  self->grad = grad;
  self->loss = loss;
  self->reduction = reduction;
  self->max_batch = max_batch;
  self->n_threads = n_threads;
  self->plans[0] = g_new0 (LayerPlan, L);
  self->plans[1] = g_new0 (LayerPlan, L);
  for (guint l = 0; l < L; l++)
    {
      plan_layer (&self->plans[0][l], &net->layers[l], l + 1 == L, 1);
      plan_layer (&self->plans[1][l], &net->layers[l], l + 1 == L, n_threads);
    }

  self->ld = g_new0 (guint, L);
  self->ldwt = g_new0 (guint, L);
  for (guint l = 0; l < L; l++)
    {
      /* The output layer's and softmax layers' rows are contiguous (the
       * loss and softmax code want them so); hidden layers' are padded. */
      if (l + 1 == L || net->layers[l].activation == PS_ACTIVATION_SOFTMAX)
        self->ld[l] = net->layers[l].units;
      else
        self->ld[l] = padded_stride (net->layers[l].units);
      self->ldwt[l] = padded_stride (net->layers[l].inputs);
    }

  /* Each thread gathers the whole batch into its own copy of the inputs:
   * 4 bytes per pixel to fetch from another core's cache (up to 200 ns a
   * line when the hypervisor puts our two vCPUs on different dies) cost more
   * than 1 byte per pixel to fetch from memory and convert again. */
  total = max_batch * net->n_inputs * n_threads;
  for (guint l = 0; l < L; l++)
    {
      total += 2 * max_batch * self->ld[l];
      if (l > 0)
        total += (gsize) self->ldwt[l] * net->layers[l].units;
      if (net->layers[l].units >= PS_FAST_PANEL_MIN_UNITS)
        total += (gsize) net->layers[l].inputs * panel_cols (net->layers[l].units);
    }
  /* 16 floats of slack per buffer: each starts on a cache line. */
  total += 16 * (4 * L + n_threads);
  self->block = block_alloc (total);
  self->act = g_new0 (float *, L);
  self->dz = g_new0 (float *, L);
  self->wt = g_new0 (float *, L);
  self->wp = g_new0 (float *, L);
  self->labels = g_new0 (guint32, max_batch);
  self->block_loss = g_new0 (double, max_batch / PS_FAST_LOSS_BLOCK + 1);
  self->block_sq = g_new0 (double, max_batch / PS_FAST_LOSS_BLOCK + 1);
  self->block_correct = g_new0 (guint, max_batch / PS_FAST_LOSS_BLOCK + 1);

#define CARVE(n) (offset = (offset + 15) & ~(gsize) 15, offset += (n), self->block + offset - (n))
  for (guint t = 0; t < n_threads; t++)
    self->x[t] = CARVE (max_batch * net->n_inputs);
  for (guint l = 0; l < L; l++)
    {
      self->act[l] = CARVE (max_batch * self->ld[l]);
      self->dz[l] = CARVE (max_batch * self->ld[l]);
      if (l > 0)
        self->wt[l] = CARVE ((gsize) self->ldwt[l] * net->layers[l].units);
      if (net->layers[l].units >= PS_FAST_PANEL_MIN_UNITS)
        self->wp[l] = CARVE ((gsize) net->layers[l].inputs * panel_cols (net->layers[l].units));
    }
#undef CARVE
  g_assert (offset <= total);

  if (n_threads > 1)
    {
      gsize n_ranges = (gsize) L * N_STEPS * n_threads;

      self->ranges_mem = g_malloc0 ((n_ranges + 1) * sizeof (ChunkRange));
      self->ranges = (ChunkRange *) (((guintptr) self->ranges_mem + 63) & ~(guintptr) 63);
      self->pool = ps_pool_new (n_threads);
    }
  return self;
}

void
ps_train_fast_free (PsTrainFast *self)
{
  if (self == NULL)
    return;
  ps_pool_free (self->pool);
  g_free (self->plans[0]);
  g_free (self->plans[1]);
  g_free (self->act);
  g_free (self->dz);
  g_free (self->wt);
  g_free (self->wp);
  g_free (self->ld);
  g_free (self->ldwt);
  g_free (self->labels);
  g_free (self->block_loss);
  g_free (self->block_sq);
  g_free (self->block_correct);
  free (self->block);
  g_free (self->ranges_mem);
  g_free (self);
}

/**
 * ps_train_fast_invalidate:
 *
 * The network's weights were changed by someone else than
 * ps_train_fast_batch(): its copy of them is rebuilt before the next batch.
 */
void
ps_train_fast_invalidate (PsTrainFast *self)
{
  g_return_if_fail (self != NULL);
  self->wp_valid = FALSE;
}

guint
ps_train_fast_n_threads (PsTrainFast *self)
{
  g_return_val_if_fail (self != NULL, 1);
  return self->n_threads;
}

gsize
ps_train_fast_max_batch (PsTrainFast *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->max_batch;
}

/* Thread t's share [r0, r1) of the batch's rows: whole blocks of
 * PS_FAST_LOSS_BLOCK rows. */
static void
batch_rows (PsTrainFast *self,
            guint        t,
            gsize       *r0,
            gsize       *r1)
{
  guint n = self->active_pool != NULL ? self->n_threads : 1;
  gsize blocks = (self->b + PS_FAST_LOSS_BLOCK - 1) / PS_FAST_LOSS_BLOCK;

  *r0 = MIN (PS_FAST_LOSS_BLOCK * (blocks * t / n), self->b);
  *r1 = MIN (PS_FAST_LOSS_BLOCK * (blocks * (t + 1) / n), self->b);
}

/* The batch's inputs into thread t's copy of them (if it reads them: layer
 * 0 is split), its labels (thread 0). */
static void
gather (PsTrainFast *self,
        guint        t)
{
  const PsDataset *data = self->data;
  gsize nf = data->n_features, b = self->b, r0 = 0, r1 = b;
  float *x = self->x[t];

  /* The labels of the rows this thread computes the loss of. */
  if (self->plan[self->net->n_layers - 1].split == SPLIT_ROWS)
    batch_rows (self, t, &r0, &r1);
  else if (t != 0)
    r0 = r1 = 0;
  for (gsize r = r0; r < r1; r++)
    self->labels[r] = data->labels[self->idx[r]];

  if (t != 0 && self->plan[0].split == SPLIT_NONE)
    return;
  /* Bytes scaled to [0, 1] (MNIST): the dataset's own arithmetic, vectorised. */
  if (data->x_u8 != NULL && data->scaling == PS_SCALING_UNIT && data->shift != NULL
      && data->shift[0] == 0.0f && data->mul[0] == 1.0f / 255.0f)
    ps_kernel_gather_u8_unit (x, data->x_u8, nf, self->idx, b);
  else
    ps_dataset_gather (data, self->idx, 0, b, x, NULL);

  /* The next batch's rows are scattered over the whole dataset (47 MB for
   * Fashion-MNIST): ask for them now, they arrive in this core's caches
   * while this batch runs. */
  if (self->next_idx != NULL)
    {
      gsize n0 = 0, n1 = self->next_b;
      gsize row_bytes = nf * (data->x_u8 != NULL ? 1 : sizeof (float));
      const char *base = data->x_u8 != NULL ? (const char *) data->x_u8 : (const char *) data->x;

      for (gsize r = n0; r < n1; r++)
        {
          const char *row = base + (gsize) self->next_idx[r] * row_bytes;

          for (gsize off = 0; off < row_bytes; off += 64)
            __builtin_prefetch (row + off, 0, 2);
        }
    }
}

/* Layer l's outputs of rows [m0, m1) and units [c0, c1). */
static void
forward_part (PsTrainFast *self,
              guint        t,
              guint        l,
              gsize        m0,
              gsize        m1,
              guint        c0,
              guint        c1)
{
  const PsLayer *layer = &self->net->layers[l];
  guint K = layer->inputs;
  guint ldi = l > 0 ? self->ld[l - 1] : K, ldo = self->ld[l];
  const float *in = l > 0 ? self->act[l - 1] : self->x[t];
  const float *bias = self->net->params + layer->b_offset;
  float *out = self->act[l];
  PsEpilogue e = { PS_EPILOGUE_BIAS_ACT, layer->activation, bias, NULL, 0 };

  if (c1 <= c0 || m1 <= m0)
    return;

  if (!fusable (layer->activation))
    e.kind = PS_EPILOGUE_STORE;
  if (self->wp[l] == NULL)
    ps_kernel_gemm (FALSE, (int) (m1 - m0), (int) c0, (int) c1, (int) K, in + m0 * ldi, (int) ldi,
                    self->net->params + layer->w_offset, (int) layer->units,
                    out + m0 * ldo, (int) ldo, &e);
  else
    /* Panel by panel: B is panel c shifted so that its column j is at j. */
    for (guint c = c0 / 16; c * 16 < c1; c++)
      ps_kernel_gemm (FALSE, (int) (m1 - m0), (int) MAX (c0, c * 16), (int) MIN (c1, c * 16 + 16),
                      (int) K, in + m0 * ldi, (int) ldi, self->wp[l] + (gsize) c * K * 16 - c * 16,
                      16, out + m0 * ldo, (int) ldo, &e);
  if (!fusable (layer->activation))
    ps_network_bias_activation (out + m0 * ldo + c0, ldo, bias + c0, layer->activation,
                                m1 - m0, c1 - c0);
}

/* dL/dz of the output layer for thread t's rows (all of them when the
 * layer is not split), block by block of PS_FAST_LOSS_BLOCK rows; each
 * block's loss, squared error and count go to its own slot, summed in block
 * order once the batch is done: the same sums on any number of threads. */
static void
output_gradient (PsTrainFast *self,
                 guint        t)
{
  const PsNetwork *net = self->net;
  guint L = net->n_layers, n_out = net->layers[L - 1].units;
  float scale = ps_network_loss_scale (self->loss, self->reduction, self->b, n_out);
  gsize r0 = 0, r1 = self->b;

  if (self->plan[L - 1].split == SPLIT_ROWS)
    batch_rows (self, t, &r0, &r1);
  else if (t != 0)
    return;
  for (gsize r = r0; r < r1; r += PS_FAST_LOSS_BLOCK)
    {
      gsize k = r / PS_FAST_LOSS_BLOCK, n = MIN (PS_FAST_LOSS_BLOCK, r1 - r);

      self->block_sq[k] = 0.0;
      self->block_correct[k] = 0;
      self->block_loss[k] = ps_network_output_gradient (self->dz[L - 1] + r * n_out,
                                                        self->act[L - 1] + r * n_out,
                                                        self->labels + r, net, self->loss,
                                                        scale, n, n_out, &self->block_sq[k],
                                                        &self->block_correct[k]);
    }
}

/* Weight and bias gradient of rows [i0, i1) and columns [c0, c1) of layer
 * l's W, and of b[bc0, bc1), and the optimizer's update of them: in the
 * GEMM's epilogue when the optimizer allows (SGD, Adam), else panel by panel
 * through the gradient buffer. */
static void
weight_gradient_part (PsTrainFast *self,
                      guint        t,
                      guint        l,
                      guint        i0,
                      guint        i1,
                      guint        c0,
                      guint        c1,
                      guint        bc0,
                      guint        bc1)
{
  const PsLayer *layer = &self->net->layers[l];
  guint K = layer->inputs, N = layer->units;
  guint ldi = l > 0 ? self->ld[l - 1] : K, ldz = self->ld[l];
  const float *in = l > 0 ? self->act[l - 1] : self->x[t];
  const float *dz = self->dz[l];
  float *gw = self->grad + layer->w_offset;
  float *gb = self->grad + layer->b_offset;
  float *params = self->net->params;
  gsize b = self->b;

  if (c1 > c0 && i1 > i0 && self->fused.kind != PS_FUSED_NONE && b <= PS_KERNEL_FUSED_MAX_K)
    {
      /* W (K × N) updated from inᵀ (K × b) · dz (b × N), no gradient stored. */
      PsEpilogue e = { PS_EPILOGUE_OPTIMIZER, PS_ACTIVATION_LINEAR, NULL, NULL, 0,
                       &self->fused, layer->w_offset + (gsize) i0 * N,
                       self->wp[l] != NULL ? self->wp[l] + (gsize) i0 * 16 : NULL, (gsize) K * 16 };

      ps_kernel_gemm (TRUE, (int) (i1 - i0), (int) c0, (int) c1, (int) b,
                      in + i0, (int) ldi, dz, (int) ldz,
                      params + layer->w_offset + (gsize) i0 * N, (int) N, &e);
    }
  else if (c1 > c0)
    for (guint p0 = i0; p0 < i1; p0 += PS_FAST_PANEL)
      {
        guint p1 = MIN (p0 + PS_FAST_PANEL, i1);

        /* gw (K × N) = inᵀ (K × b) · dz (b × N) */
        ps_kernel_gemm (TRUE, (int) (p1 - p0), (int) c0, (int) c1, (int) b,
                        in + p0, (int) ldi, dz, (int) ldz, gw + (gsize) p0 * N, (int) N, NULL);
        ps_optimizer_apply_block (self->optimizer, params, self->grad,
                                  layer->w_offset + (gsize) p0 * N + c0,
                                  p1 - p0, c1 - c0, N);
        panel_store (self, l, p0, p1, c0, c1);
      }

  if (bc1 > bc0)
    {
      /* gb = Σ_rows dz, in row order as dense_backward sums it. */
      ps_kernel_column_sums (gb + bc0, dz, (int) ldz, (int) b, (int) bc0, (int) bc1);
      ps_optimizer_apply_block (self->optimizer, params, self->grad,
                                layer->b_offset + bc0, 1, bc1 - bc0, N);
    }
}

/* Units [c0, c1) of dL/dz of layer l − 1 from dL/dz of layer l:
 * dz[l−1] = (dz[l] · Wₗᵀ) ⊙ f′(act[l−1]). */
static void
input_gradient_part (PsTrainFast *self,
                     guint        l,
                     guint        c0,
                     guint        c1)
{
  const PsLayer *layer = &self->net->layers[l];
  PsActivation act = self->net->layers[l - 1].activation;
  guint K = layer->inputs, N = layer->units;
  guint ldk = self->ld[l - 1], ldz = self->ld[l], ldwt = self->ldwt[l];
  const float *w = self->net->params + layer->w_offset;
  float *wt = self->wt[l];
  PsEpilogue e = { PS_EPILOGUE_DERIV, act, NULL, self->act[l - 1], (int) ldk };

  if (c1 <= c0)
    return;

  /* Wᵀ[:, c0:c1] from W's rows c0..c1: the rows this step reads. */
  ps_kernel_transpose (wt + c0, (int) ldwt, w + (gsize) c0 * N, (int) N, (int) (c1 - c0),
                       (int) N);
  if (act == PS_ACTIVATION_SOFTMAX)
    e.kind = PS_EPILOGUE_STORE;
  ps_kernel_gemm (FALSE, (int) self->b, (int) c0, (int) c1, (int) N,
                  self->dz[l], (int) ldz, wt, (int) ldwt, self->dz[l - 1], (int) ldk, &e);
  if (act == PS_ACTIVATION_SOFTMAX)
    {
      g_assert (c0 == 0 && c1 == K);
      ps_network_activation_backward (self->dz[l - 1], self->act[l - 1], act, self->b, K);
    }
}

static inline ChunkRange *
chunk_range (PsTrainFast *self,
             guint        l,
             Step         step,
             guint        t)
{
  return &self->ranges[((gsize) l * N_STEPS + step) * self->n_threads + t];
}

/* Takes a chunk from the front (the owner) or the back (a thief) of a range;
 * FALSE when none is left. */
static inline guint64
range_word (guint seq,
            guint lo,
            guint hi)
{
  return (guint64) (seq & 0xffffu) << 48 | (guint64) lo << 24 | hi;
}

static inline gboolean
take_chunk (ChunkRange *r,
            guint       seq,
            gboolean    front,
            guint      *chunk)
{
  guint64 old = atomic_load_explicit (&r->range, memory_order_relaxed);

  for (;;)
    {
      guint lo = (guint) (old >> 24) & 0xffffffu, hi = (guint) old & 0xffffffu;
      guint64 next;

      if ((guint) (old >> 48) != (seq & 0xffffu) || lo >= hi)
        return FALSE;
      next = front ? range_word (seq, lo + 1, hi) : range_word (seq, lo, hi - 1);
      if (atomic_compare_exchange_weak_explicit (&r->range, &old, next,
                                                 memory_order_relaxed, memory_order_relaxed))
        {
          *chunk = front ? lo : hi - 1;
          return TRUE;
        }
    }
}

static void
run_chunk (PsTrainFast *self,
           guint        t,
           guint        l,
           Step         step,
           guint        chunk)
{
  const LayerPlan *lp = &self->plan[l];
  guint N = self->net->layers[l].units;
  guint c0 = MIN (chunk * lp->chunk, N), c1 = MIN (c0 + lp->chunk, N);

  switch (step)
    {
    case STEP_FORWARD:
      forward_part (self, t, l, 0, self->b, c0, c1);
      break;
    case STEP_INPUT_GRADIENT:
      input_gradient_part (self, l + 1, c0, c1);
      break;
    case STEP_WEIGHT_GRADIENT:
      weight_gradient_part (self, t, l, 0, self->net->layers[l].inputs, c0, c1, c0, c1);
      break;
    case N_STEPS:
    default:
      g_assert_not_reached ();
    }
}

/* One step of a COLS layer on thread t: its own chunks, then the others'. */
static void
run_chunks (PsTrainFast *self,
            guint        l,
            Step         step,
            guint        t)
{
  guint n = self->n_threads, chunk;

  while (take_chunk (chunk_range (self, l, step, t), self->seq, TRUE, &chunk))
    run_chunk (self, t, l, step, chunk);
  for (guint k = 1; k < n; k++)
    {
      ChunkRange *other = chunk_range (self, l, step, (t + k) % n);

      while (take_chunk (other, self->seq, FALSE, &chunk))
        run_chunk (self, t, l, step, chunk);
    }
}

/* Thread t's chunk ranges of every step, whole again and stamped with this
 * batch's number, before thread t takes any. */
static void
reset_chunks (PsTrainFast *self,
              guint        t)
{
  for (guint l = 0; l < self->net->n_layers; l++)
    {
      const LayerPlan *lp = &self->plan[l];

      if (lp->split != SPLIT_COLS)
        continue;
      for (Step step = 0; step < N_STEPS; step++)
        atomic_store_explicit (&chunk_range (self, l, step, t)->range,
                               range_word (self->seq, lp->h0[t], lp->h1[t]),
                               memory_order_relaxed);
    }
}

static void
forward (PsTrainFast *self,
         guint        l,
         guint        t)
{
  const LayerPlan *lp = &self->plan[l];
  gsize m0, m1;

  switch (lp->split)
    {
    case SPLIT_NONE:
      if (t == 0)
        forward_part (self, t, l, 0, self->b, 0, self->net->layers[l].units);
      break;
    case SPLIT_COLS:
      run_chunks (self, l, STEP_FORWARD, t);
      break;
    case SPLIT_ROWS:
      batch_rows (self, t, &m0, &m1);
      forward_part (self, t, l, m0, m1, 0, self->net->layers[l].units);
      break;
    }
}

/* Weight and bias gradient of layer l (thread t's part), and its update. */
static void
weight_gradient (PsTrainFast *self,
                 guint        l,
                 guint        t)
{
  const PsLayer *layer = &self->net->layers[l];
  const LayerPlan *lp = &self->plan[l];

  switch (lp->split)
    {
    case SPLIT_NONE:
      if (t == 0)
        weight_gradient_part (self, t, l, 0, layer->inputs, 0, layer->units, 0, layer->units);
      break;
    case SPLIT_COLS:
      run_chunks (self, l, STEP_WEIGHT_GRADIENT, t);
      break;
    case SPLIT_ROWS:
      /* Thread 0 does the bias. */
      weight_gradient_part (self, t, l, lp->i0[t], lp->i1[t], 0, layer->units,
                            0, t == 0 ? layer->units : 0);
      break;
    }
}

/* dL/dz of layer l − 1 (thread t's part) from dL/dz of layer l. */
static void
input_gradient (PsTrainFast *self,
                guint        l,
                guint        t)
{
  if (self->plan[l - 1].split == SPLIT_COLS)
    run_chunks (self, l - 1, STEP_INPUT_GRADIENT, t);
  else if (t == 0)
    input_gradient_part (self, l, 0, self->net->layers[l].inputs);
}

static void
batch_job (gpointer data,
           guint    t)
{
  PsTrainFast *self = data;
  PsPool *pool = self->active_pool;
  guint L = self->net->n_layers;

  /* No barrier after the gather: each thread reads only its own copy of
   * the inputs, and the labels of the rows whose loss it computes. */
  if (pool != NULL)
    reset_chunks (self, t);
  gather (self, t);

  for (guint l = 0; l < L; l++)
    {
      forward (self, l, t);
      /* The output layer's rows go on to the loss without waiting. */
      if (pool != NULL && l + 1 < L)
        ps_pool_barrier (pool);
    }
  output_gradient (self, t);
  if (pool != NULL)
    ps_pool_barrier (pool);

  /* Layer l is updated once every thread has read it (for dL/dz of l − 1). */
  for (guint l = L - 1; l > 0; l--)
    {
      input_gradient (self, l, t);
      if (pool != NULL)
        ps_pool_barrier (pool);
      weight_gradient (self, l, t);
    }
  weight_gradient (self, 0, t);
}

/* The way the next batch runs: the best one, or the other one in a probe. */
static int
choose_way (PsTrainFast *self)
{
  if (self->probe_left == 0 && self->until_probe > 0 && --self->until_probe == 0)
    self->probe_left = PS_FAST_PROBE;
  return self->probe_left > 0 ? 1 - self->best : self->best;
}

/* Books a batch's time (µs per sample) for its way; at the end of a probe,
 * picks the best way and when to probe next. */
static void
way_done (PsTrainFast *self,
          int          way,
          double       us)
{
  gboolean probing = self->probe_left > 0;

  /* The first batch of a probe may have woken a sleeping worker (and the
   * very first one paid for cold caches): not measured. A probe's second
   * batch starts its way's average afresh. */
  if (!self->warm)
    self->warm = TRUE;
  else if (!(probing && self->probe_left == PS_FAST_PROBE))
    {
      if (!self->measured[way] || (probing && self->probe_left == PS_FAST_PROBE - 1))
        self->us_per_sample[way] = us;
      else
        self->us_per_sample[way] = 0.75 * self->us_per_sample[way] + 0.25 * us;
      self->measured[way] = TRUE;
    }
  if (probing && --self->probe_left == 0)
    {
      int best = self->us_per_sample[1] <= self->us_per_sample[0] ? 1 : 0;

      if (!self->measured[1 - best] || best == self->best)
        self->interval = MIN (2 * self->interval, PS_FAST_PROBE_MAX);
      else
        self->interval = PS_FAST_PROBE_FIRST;
      self->best = best;
      self->until_probe = self->interval;
    }
}

/**
 * ps_train_fast_batch:
 *
 * @next_idx: (nullable): the next batch's samples (prefetched now)
 * @next_b: their count
 *
 * Returns: the batch's loss summed over its samples
 */
double
ps_train_fast_batch (PsTrainFast     *self,
                     const PsDataset *data,
                     const guint32   *idx,
                     gsize            b,
                     const guint32   *next_idx,
                     gsize            next_b,
                     guint           *correct,
                     double          *sq_error)
{
  double loss_sum;

  g_return_val_if_fail (self != NULL && data != NULL && idx != NULL, NAN);
  g_return_val_if_fail (b > 0 && b <= self->max_batch, NAN);
  g_return_val_if_fail (data->n_features == self->net->n_inputs, NAN);

  self->data = data;
  self->idx = idx;
  self->b = b;
  self->next_idx = next_b > 0 ? next_idx : NULL;
  self->next_b = next_idx != NULL ? next_b : 0;

  if (!self->wp_valid)
    {
      for (guint l = 0; l < self->net->n_layers; l++)
        panel_store (self, l, 0, self->net->layers[l].inputs, 0, self->net->layers[l].units);
      self->wp_valid = TRUE;
    }
  self->seq++;
  ps_optimizer_begin_step (self->optimizer);
  ps_optimizer_get_fused (self->optimizer, &self->fused);
  if (self->pool == NULL)
    {
      self->plan = self->plans[0];
      self->active_pool = NULL;
      batch_job (self, 0);
    }
  else
    {
      /* way 1: all threads; way 0: thread 0 alone. */
      int way = self->adaptive ? choose_way (self) : 1;
      gint64 t0;

      self->plan = self->plans[way];
      self->active_pool = way == 1 ? self->pool : NULL;
      t0 = g_get_monotonic_time ();
      if (way == 1)
        ps_pool_run (self->pool, batch_job, self);
      else
        batch_job (self, 0);
      if (self->adaptive)
        way_done (self, way, (double) (g_get_monotonic_time () - t0) / (double) b);
    }

  loss_sum = 0.0;
  for (gsize k = 0; k * PS_FAST_LOSS_BLOCK < b; k++)
    {
      loss_sum += self->block_loss[k];
      if (correct != NULL)
        *correct += self->block_correct[k];
      if (sq_error != NULL)
        *sq_error += self->block_sq[k];
    }
  self->data = NULL;
  self->idx = NULL;
  return loss_sum;
}
