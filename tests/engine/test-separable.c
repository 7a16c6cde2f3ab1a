/* test-separable.c: linear separability (ps-separable.h): the gates, generated
 * sets in 2-D and 3-D, duplicates, coinciding points of both classes, the
 * 2-D witnesses and the truth-table text
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every "separable" answer is checked here again, in double, on every
 * sample; every 2-D witness is checked geometrically with its own
 * arithmetic.
 */
#include "config.h"

#include "ps-generators.h"
#include "ps-separable.h"
#include "test-util.h"

/* w·x + b > 0 exactly for the positive class, < 0 for the rest */
static void
assert_separates (const PsSeparability *r,
                  const float          *x,
                  const guint32        *labels,
                  gsize                 n,
                  guint                 d)
{
  g_assert_true (r->separable);
  for (gsize i = 0; i < n; i++)
    {
      double z = r->b;

      for (guint j = 0; j < d; j++)
        z += r->w[j] * (double) x[i * d + j];
      if (labels[i] == r->positive_class)
        g_assert_cmpfloat (z, >, 0);
      else
        g_assert_cmpfloat (z, <, 0);
    }
  g_assert_cmpfloat (r->margin, >, 0);
}

static PsSeparability *
check_ok (const float   *x,
          const guint32 *labels,
          gsize          n,
          guint          d,
          guint32        positive)
{
  g_autoptr(GError) error = NULL;
  PsSeparability *r = ps_separability_check (x, labels, n, d, positive, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (r);
  g_assert_nonnull (r->reason);
  if (r->separable)
    assert_separates (r, x, labels, n, d);
  return r;
}

static PsSeparability *
check_gate (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PsDataset) data = ps_dataset_new_gate (name, &error);
  PsSeparability *r;

  g_assert_no_error (error);
  r = ps_separability_check_dataset (data, 1, FALSE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (r);
  if (r->separable)
    assert_separates (r, ps_dataset_get_x (data), ps_dataset_get_labels (data),
                      ps_dataset_get_n_samples (data), ps_dataset_get_n_features (data));
  return r;
}

static void
test_gates (void)
{
  const char *separable[] = { "and", "or", "and3", "or3" };

  for (guint i = 0; i < G_N_ELEMENTS (separable); i++)
    {
      g_autoptr(PsSeparability) r = check_gate (separable[i]);
      g_autofree char *wb = ps_separability_format_wb (r);

      g_assert_true (r->separable);
      g_assert_true (g_str_has_prefix (wb, "w: "));
      g_assert_nonnull (r->table_text);
      g_assert_nonnull (strstr (r->table_text, "All hold for"));
      g_assert_cmpint (r->witness, ==, PS_SEPARABILITY_WITNESS_NONE);
    }
  {
    /* AND: the smallest |w₁| + |w₂| is w = (2, 2), b = −3 */
    g_autoptr(PsSeparability) r = check_gate ("and");
    g_autofree char *wb = ps_separability_format_wb (r);

    g_assert_cmpstr (wb, ==, "w: 2 2 b: -3");
    g_assert_nonnull (strstr (r->table_text, "x = (1, 1) → 1:  w₁ + w₂ + b > 0"));
    g_assert_nonnull (strstr (r->table_text, "x = (0, 0) → 0:  b ≤ 0"));
  }
}

static void
test_xor (void)
{
  g_autoptr(PsSeparability) r = check_gate ("xor");

  g_assert_false (r->separable);
  g_assert_true (r->exact);
  g_assert_cmpint (r->witness, ==, PS_SEPARABILITY_WITNESS_CROSSING);
  /* (0, 1), (1, 0) of class 1 against (0, 0), (1, 1) of class 0 */
  g_assert_cmpuint (MIN (r->witness_points[0], r->witness_points[1]), ==, 1);
  g_assert_cmpuint (MAX (r->witness_points[0], r->witness_points[1]), ==, 2);
  g_assert_cmpuint (MIN (r->witness_points[2], r->witness_points[3]), ==, 0);
  g_assert_cmpuint (MAX (r->witness_points[2], r->witness_points[3]), ==, 3);
  g_assert_nonnull (strstr (r->reason, "crosses"));
  g_assert_nonnull (strstr (r->reason, "sample 1 (0, 1)"));
  g_assert_nonnull (strstr (r->reason, "sample 3 (1, 1)"));
  g_assert_nonnull (strstr (r->reason, "class 0"));
  g_assert_nonnull (r->table_text);
  g_assert_nonnull (strstr (r->table_text, "x = (0, 1) → 1:  w₂ + b > 0"));
  g_assert_nonnull (strstr (r->table_text, "x = (1, 0) → 1:  w₁ + b > 0"));
  g_assert_nonnull (strstr (r->table_text, "x = (0, 0) → 0:  b ≤ 0"));
  g_assert_nonnull (strstr (r->table_text, "x = (1, 1) → 0:  w₁ + w₂ + b ≤ 0"));
  g_assert_nonnull (strstr (r->table_text, "w₁ + w₂ + 2b > 0"));
  g_assert_nonnull (strstr (r->table_text, "w₁ + w₂ + 2b ≤ 0"));
  /* both hulls are the diagonals */
  g_assert_cmpuint (r->n_hull[0], ==, 2);
  g_assert_cmpuint (r->n_hull[1], ==, 2);
}

static void
test_xnor_and_parity3 (void)
{
  static const float x2[] = { 0, 0, 0, 1, 1, 0, 1, 1 };
  static const guint32 xnor[] = { 1, 0, 0, 1 };
  static const float x3[] = { 0, 0, 0, 0, 0, 1, 0, 1, 0, 0, 1, 1,
                              1, 0, 0, 1, 0, 1, 1, 1, 0, 1, 1, 1 };
  static const guint32 parity[] = { 0, 1, 1, 0, 1, 0, 0, 1 };
  g_autoptr(PsSeparability) a = check_ok (x2, xnor, 4, 2, 1);
  g_autoptr(PsSeparability) b = check_ok (x3, parity, 8, 3, 1);

  g_assert_false (a->separable);
  g_assert_nonnull (strstr (a->table_text, "x = (0, 0) → 1:  b > 0"));
  g_assert_nonnull (strstr (a->table_text, "w₁ + w₂ + 2b > 0"));
  g_assert_nonnull (strstr (a->table_text, "w₁ + w₂ + 2b ≤ 0"));
  g_assert_false (b->separable);
  g_assert_true (b->exact);
  g_assert_cmpint (b->witness, ==, PS_SEPARABILITY_WITNESS_NONE);   /* not 2-D */
  g_assert_nonnull (b->table_text);
  g_assert_nonnull (strstr (b->table_text, "cannot be > 0 and ≤ 0 at once"));
  g_assert_nonnull (strstr (b->reason, "convex hulls"));
}

/* Points around a random hyperplane, at least `gap` away from it. */
static void
generate (PsRng   *rng,
          gsize    n,
          guint    d,
          double   gap,
          float   *x,
          guint32 *labels)
{
  double w[8], b = ps_rng_range (rng, -0.3, 0.3);

  for (guint j = 0; j < d; j++)
    w[j] = ps_rng_range (rng, -1, 1);
  for (gsize i = 0; i < n; i++)
    {
      double z;

      do
        {
          z = b;
          for (guint j = 0; j < d; j++)
            {
              x[i * d + j] = (float) ps_rng_range (rng, -2, 2);
              z += w[j] * x[i * d + j];
            }
        }
      while (fabs (z) < gap);
      labels[i] = z > 0;
    }
}

static void
test_generated (void)
{
  PsRng rng;

  ps_rng_seed (&rng, 11);
  for (guint d = 2; d <= 3; d++)
    for (int round = 0; round < 20; round++)
      {
        gsize n = 10 + round * 7;
        g_autofree float *x = g_new (float, n * d);
        g_autofree guint32 *labels = g_new (guint32, n);

        generate (&rng, n, d, round % 2 ? 0.05 : 1e-3, x, labels);
        {
          g_autoptr(PsSeparability) r = check_ok (x, labels, n, d, 1);
          g_autoptr(PsSeparability) r0 = check_ok (x, labels, n, d, 0);

          g_assert_true (r->separable);
          g_assert_true (r0->separable);
        }
        {
          /* the same with an XOR square added (two points of each class
           * whose segments cross): not separable */
          gsize m = n + 4;
          g_autofree float *y = g_new (float, m * d);
          g_autofree guint32 *lab = g_new (guint32, m);
          static const float sq[4][2] = { { 0.1f, 0.1f }, { 0.3f, 0.3f }, { 0.1f, 0.3f }, { 0.3f, 0.1f } };

          memcpy (y, x, n * d * sizeof (float));
          memcpy (lab, labels, n * sizeof (guint32));
          for (int k = 0; k < 4; k++)
            {
              for (guint j = 0; j < d; j++)
                y[(n + k) * d + j] = j < 2 ? sq[k][j] : 0.5f;
              lab[n + k] = k < 2;
            }
          {
            g_autoptr(PsSeparability) r = check_ok (y, lab, m, d, 1);

            g_assert_false (r->separable);
            if (d == 2)
              g_assert_cmpint (r->witness, !=, PS_SEPARABILITY_WITNESS_HULLS);
          }
        }
      }
}

/* The witness, checked with its own arithmetic: sides as claimed and the
 * geometry as claimed. */
static double
orient_d (const float *x, gsize o, gsize a, gsize b)
{
  return ((double) x[2 * a] - x[2 * o]) * ((double) x[2 * b + 1] - x[2 * o + 1])
         - ((double) x[2 * a + 1] - x[2 * o + 1]) * ((double) x[2 * b] - x[2 * o]);
}

static void
assert_witness (const PsSeparability *r,
                const float          *x,
                const guint32        *labels)
{
  const gsize *w = r->witness_points;

  for (guint i = 0; i < r->n_witness_points; i++)
    g_assert_cmpint (labels[w[i]] == r->positive_class, ==, r->witness_positive[i]);
  switch (r->witness)
    {
    case PS_SEPARABILITY_WITNESS_COINCIDE:
      g_assert_cmpfloat (x[2 * w[0]], ==, x[2 * w[1]]);
      g_assert_cmpfloat (x[2 * w[0] + 1], ==, x[2 * w[1] + 1]);
      g_assert_true (r->witness_positive[0] != r->witness_positive[1]);
      break;
    case PS_SEPARABILITY_WITNESS_ON_SEGMENT:
      g_assert_cmpfloat (orient_d (x, w[1], w[2], w[0]), ==, 0);
      g_assert_true (r->witness_positive[0] != r->witness_positive[1]);
      g_assert_true (r->witness_positive[1] == r->witness_positive[2]);
      break;
    case PS_SEPARABILITY_WITNESS_IN_TRIANGLE:
      {
        double s = orient_d (x, w[1], w[2], w[3]);

        g_assert_cmpfloat (s * orient_d (x, w[1], w[2], w[0]), >, 0);
        g_assert_cmpfloat (s * orient_d (x, w[2], w[3], w[0]), >, 0);
        g_assert_cmpfloat (s * orient_d (x, w[3], w[1], w[0]), >, 0);
        g_assert_true (r->witness_positive[0] != r->witness_positive[1]);
      }
      break;
    case PS_SEPARABILITY_WITNESS_CROSSING:
      g_assert_cmpfloat (orient_d (x, w[0], w[1], w[2]) * orient_d (x, w[0], w[1], w[3]), <, 0);
      g_assert_cmpfloat (orient_d (x, w[2], w[3], w[0]) * orient_d (x, w[2], w[3], w[1]), <, 0);
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
test_witnesses (void)
{
  /* a point inside the other class's triangle */
  static const float tri[] = { 0, 0, 4, 0, 0, 4, 1, 1 };
  static const guint32 tri_l[] = { 0, 0, 0, 1 };
  /* a point on the segment of the other class (collinear) */
  static const float seg[] = { 0, 0, 2, 2, 1, 1 };
  static const guint32 seg_l[] = { 0, 0, 1 };
  /* collinear sets interleaved on one line */
  static const float line[] = { 0, 0, 1, 0, 2, 0, 3, 0, 4, 0 };
  static const guint32 line_l[] = { 0, 0, 1, 1, 0 };
  /* collinear and separable */
  static const guint32 line_ok[] = { 0, 0, 1, 1, 1 };
  /* a point on the edge of the other class's square */
  static const float edge[] = { 0, 0, 2, 0, 2, 2, 0, 2, 1, 0 };
  static const guint32 edge_l[] = { 1, 1, 1, 1, 0 };
  g_autoptr(PsSeparability) a = check_ok (tri, tri_l, 4, 2, 1);
  g_autoptr(PsSeparability) b = check_ok (seg, seg_l, 3, 2, 1);
  g_autoptr(PsSeparability) c = check_ok (line, line_l, 5, 2, 1);
  g_autoptr(PsSeparability) d = check_ok (line, line_ok, 5, 2, 1);
  g_autoptr(PsSeparability) e = check_ok (edge, edge_l, 5, 2, 1);

  g_assert_false (a->separable);
  g_assert_cmpint (a->witness, ==, PS_SEPARABILITY_WITNESS_IN_TRIANGLE);
  g_assert_cmpuint (a->witness_points[0], ==, 3);
  assert_witness (a, tri, tri_l);
  g_assert_nonnull (strstr (a->reason, "sample 3 (1, 1) of class 1 lies inside the triangle of sample"));
  g_assert_cmpuint (a->n_hull[1], ==, 3);
  g_assert_cmpuint (a->n_hull[0], ==, 1);

  g_assert_false (b->separable);
  g_assert_cmpint (b->witness, ==, PS_SEPARABILITY_WITNESS_ON_SEGMENT);
  assert_witness (b, seg, seg_l);
  g_assert_nonnull (strstr (b->reason, "on the segment between"));

  g_assert_false (c->separable);
  assert_witness (c, line, line_l);
  g_assert_cmpuint (c->n_hull[0], ==, 2);   /* collinear: the two ends */
  g_assert_cmpuint (c->n_hull[1], ==, 2);

  g_assert_true (d->separable);
  g_assert_false (e->separable);
  g_assert_cmpint (e->witness, ==, PS_SEPARABILITY_WITNESS_ON_SEGMENT);
  assert_witness (e, edge, edge_l);
}

static void
test_duplicates (void)
{
  /* AND with every row three times: still separable, the same answer */
  static const float x[] = { 0, 0, 0, 1, 1, 0, 1, 1, 0, 0, 0, 1, 1, 0, 1, 1, 1, 1, 0, 0, 1, 1, 0, 1 };
  static const guint32 l[] = { 0, 0, 0, 1, 0, 0, 0, 1, 1, 0, 1, 0 };
  /* one point labelled both ways (and -0.0 is 0.0) */
  static const float y[] = { 0, 0, 1, 1, 0.5f, 0.5f, 2, 2, 0.5f, 0.5f, -0.0f, 0 };
  static const guint32 m[] = { 0, 1, 0, 1, 1, 1 };
  g_autoptr(PsSeparability) a = check_ok (x, l, 12, 2, 1);
  g_autoptr(PsSeparability) b = check_ok (y, m, 6, 2, 1);
  g_autofree char *wb = ps_separability_format_wb (a);

  g_assert_true (a->separable);
  g_assert_cmpstr (wb, ==, "w: 2 2 b: -3");
  g_assert_null (a->table_text);   /* not a table: rows repeat */
  g_assert_false (b->separable);
  g_assert_true (b->exact);
  g_assert_cmpint (b->witness, ==, PS_SEPARABILITY_WITNESS_COINCIDE);
  assert_witness (b, y, m);
  /* the first pair at one place: (0, 0) of sample 0 and sample 5 */
  g_assert_cmpuint (b->witness_points[0], ==, 5);
  g_assert_cmpuint (b->witness_points[1], ==, 0);
  g_assert_nonnull (strstr (b->reason, "are the same point"));

  /* the same in 3-D: coinciding points are found without the program */
  {
    static const float z[] = { 0, 0, 1, 1, 2, 3, 0, 0, 1 };
    static const guint32 zl[] = { 1, 0, 0 };
    g_autoptr(PsSeparability) c = check_ok (z, zl, 3, 3, 1);

    g_assert_false (c->separable);
    g_assert_cmpint (c->witness, ==, PS_SEPARABILITY_WITNESS_COINCIDE);
    g_assert_nonnull (strstr (c->reason, "sample 0 (0, 0, 1) of class 1 and sample 2 (0, 0, 1)"));
  }
}

static void
test_single_side (void)
{
  static const float x[] = { 0, 0, 1, 1, 1, 1 };
  static const guint32 l[] = { 2, 2, 2 };
  g_autoptr(PsSeparability) a = check_ok (x, l, 3, 2, 2);
  g_autoptr(PsSeparability) b = check_ok (x, l, 3, 2, 0);
  g_autoptr(PsSeparability) c = check_ok (x, l, 1, 2, 2);

  g_assert_true (a->separable);
  g_assert_cmpuint (a->n_hull[0], ==, 2);
  g_assert_cmpuint (a->n_hull[1], ==, 0);
  g_assert_true (b->separable);
  g_assert_true (c->separable);
  g_assert_cmpuint (c->n_hull[0], ==, 1);
}

static void
test_multiclass (void)
{
  /* three clusters on a line: the middle one is not separable from the rest */
  static const float x[] = { 0, 0, 0.2f, 0.1f, 5, 0, 5.2f, 0.1f, 10, 0, 10.2f, 0.1f };
  static const guint32 l[] = { 0, 0, 1, 1, 2, 2 };
  g_autoptr(PsSeparability) a = check_ok (x, l, 6, 2, 0);
  g_autoptr(PsSeparability) b = check_ok (x, l, 6, 2, 1);
  g_autoptr(PsSeparability) c = check_ok (x, l, 6, 2, 2);

  g_assert_true (a->separable);
  g_assert_false (b->separable);
  assert_witness (b, x, l);
  g_assert_true (c->separable);
}

/* Random small sets: the verdict and the witness agree, every time. */
static void
test_random_consistency (void)
{
  PsRng rng;
  guint n_sep = 0, n_not = 0;

  ps_rng_seed (&rng, 5);
  for (int round = 0; round < 400; round++)
    {
      gsize n = 3 + ps_rng_below (&rng, 12);
      g_autofree float *x = g_new (float, 2 * n);
      g_autofree guint32 *l = g_new (guint32, n);
      g_autoptr(PsSeparability) r = NULL;

      /* a coarse grid: many ties, collinear points and duplicates */
      for (gsize i = 0; i < 2 * n; i++)
        x[i] = (float) ps_rng_below (&rng, 5);
      for (gsize i = 0; i < n; i++)
        l[i] = ps_rng_below (&rng, 2);
      r = check_ok (x, l, n, 2, 1);
      if (r->separable)
        n_sep++;
      else
        {
          n_not++;
          assert_witness (r, x, l);
        }
    }
  g_assert_cmpuint (n_sep, >, 20);
  g_assert_cmpuint (n_not, >, 20);
}

static void
test_errors (void)
{
  static const float x[] = { 0, 0, NAN, 1 };
  static const guint32 l[] = { 0, 1 };
  g_autoptr(GError) error = NULL;
  PsSeparability *r;

  r = ps_separability_check (x, l, 2, 2, 1, NULL, NULL, &error);
  g_assert_null (r);
  g_assert_error (error, PS_SEPARABILITY_ERROR, PS_SEPARABILITY_ERROR_INPUT);
  g_assert_nonnull (strstr (error->message, "sample 1"));
  g_clear_error (&error);
  r = ps_separability_check (x, l, 0, 2, 1, NULL, NULL, &error);
  g_assert_null (r);
  g_assert_error (error, PS_SEPARABILITY_ERROR, PS_SEPARABILITY_ERROR_INPUT);
  g_clear_error (&error);
  r = ps_separability_check (x, l, 2, 0, 1, NULL, NULL, &error);
  g_assert_null (r);
  g_assert_error (error, PS_SEPARABILITY_ERROR, PS_SEPARABILITY_ERROR_INPUT);
}

/* Higher dimension, large values: the answer holds in double. */
static void
test_wide (void)
{
  PsRng rng;
  const guint d = 20;
  const gsize n = 200;
  g_autofree float *x = g_new (float, n * d);
  g_autofree guint32 *l = g_new (guint32, n);
  g_autoptr(PsSeparability) r = NULL;

  ps_rng_seed (&rng, 3);
  for (gsize i = 0; i < n; i++)
    {
      double z = 0;

      for (guint j = 0; j < d; j++)
        {
          x[i * d + j] = (float) ps_rng_range (&rng, 0, 255);
          z += (j % 3 ? 1 : -1) * x[i * d + j];
        }
      l[i] = z > 800;
    }
  r = check_ok (x, l, n, d, 1);
  g_assert_true (r->separable);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/separable/gates", test_gates);
  g_test_add_func ("/separable/xor", test_xor);
  g_test_add_func ("/separable/xnor-parity3", test_xnor_and_parity3);
  g_test_add_func ("/separable/generated", test_generated);
  g_test_add_func ("/separable/witnesses", test_witnesses);
  g_test_add_func ("/separable/duplicates", test_duplicates);
  g_test_add_func ("/separable/single-side", test_single_side);
  g_test_add_func ("/separable/multiclass", test_multiclass);
  g_test_add_func ("/separable/random", test_random_consistency);
  g_test_add_func ("/separable/errors", test_errors);
  g_test_add_func ("/separable/wide", test_wide);
  return g_test_run ();
}
