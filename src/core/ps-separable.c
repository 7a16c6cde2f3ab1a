/* ps-separable.c: linear separability by an exact linear program
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The program: find w, b with y_i (w·x_i + b) ≥ 1 for every sample (y = +1
 * for the class, −1 for the rest), minimising Σ |w_j| so that the answer
 * is small and readable (AND gives w = (2, 2), b = −3). It has a solution
 * exactly when the set is strictly separable (scale any separating w, b
 * until the nearest sample reaches 1). GLPK's simplex in double answers
 * first; its exact rational simplex (glp_exact, from the same basis)
 * confirms every "no" and retries a "yes" whose w, b fail the check in
 * double, so no rounding decides the answer.
 *
 * Samples that coincide are merged first: the same point with labels of
 * both sides is not separable by any w, b (the witness needs no program),
 * and duplicates add nothing to it.
 */
#include "config.h"

#include "ps-separable.h"

#include <glib/gi18n-lib.h>
#include <glpk.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

G_DEFINE_QUARK (ps-separability-error-quark, ps_separability_error)

/* ---- samples: order, duplicates, coinciding points ----------------------- */

typedef struct
{
  const float *x;
  guint        d;
} SortCtx;

static int
compare_rows (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  const SortCtx *c = user_data;
  const float *ra = c->x + (gsize) *(const guint32 *) a * c->d;
  const float *rb = c->x + (gsize) *(const guint32 *) b * c->d;

  for (guint j = 0; j < c->d; j++)
    if (ra[j] != rb[j])
      return ra[j] < rb[j] ? -1 : 1;
  /* equal points: lower index first, so the witness names the first */
  return *(const guint32 *) a < *(const guint32 *) b ? -1 : 1;
}

static gboolean
same_row (const float *x,
          guint        d,
          gsize        a,
          gsize        b)
{
  /* 0.0 and −0.0 are one point: compare values, not bytes */
  for (guint j = 0; j < d; j++)
    if (x[a * d + j] != x[b * d + j])
      return FALSE;
  return TRUE;
}

/* The distinct (point, side) pairs, as sample indices in *kept; FALSE with
 * the first pair of samples of both sides at one place in *pos, *neg. */
static gboolean
unique_rows (const float    *x,
             const gboolean *side,
             gsize           n,
             guint           d,
             GArray         *kept,
             gsize          *pos,
             gsize          *neg)
{
  g_autofree guint32 *order = g_new (guint32, n);
  SortCtx ctx = { x, d };
  gsize i = 0;

  for (gsize k = 0; k < n; k++)
    order[k] = (guint32) k;
  g_qsort_with_data (order, (gint) n, sizeof (guint32), compare_rows, &ctx);
  while (i < n)
    {
      gsize j = i;
      gssize first[2] = { -1, -1 };

      while (j < n && same_row (x, d, order[i], order[j]))
        {
          if (first[side[order[j]] ? 0 : 1] < 0)
            first[side[order[j]] ? 0 : 1] = order[j];
          j++;
        }
      if (first[0] >= 0 && first[1] >= 0)
        {
          *pos = (gsize) first[0];
          *neg = (gsize) first[1];
          return FALSE;
        }
      g_array_append_val (kept, order[i]);
      i = j;
    }
  return TRUE;
}

/* ---- the linear program ------------------------------------------------ */

typedef enum
{
  LP_FEASIBLE,
  LP_INFEASIBLE,
  LP_FAILED,
} LpResult;

/* Columns: w_1..w_d (free), b (free), u_1..u_d ≥ 0 with |w_j| ≤ u_j.
 * Rows: one per kept sample, y (w·x + b) ≥ 1; then u_j − w_j ≥ 0 and
 * u_j + w_j ≥ 0. */
static glp_prob *
build_program (const float    *x,
               const gboolean *side,
               const GArray   *rows,
               guint           d)
{
  glp_prob *lp = glp_create_prob ();
  gsize m = rows->len;
  gsize cap = m * (d + 1) + 4 * (gsize) d + 1;
  g_autofree int *ia = g_new (int, cap);
  g_autofree int *ja = g_new (int, cap);
  g_autofree double *ar = g_new (double, cap);
  int ne = 0;

  glp_set_obj_dir (lp, GLP_MIN);
  glp_add_cols (lp, (int) (2 * d + 1));
  for (guint j = 1; j <= d + 1; j++)
    glp_set_col_bnds (lp, (int) j, GLP_FR, 0, 0);
  for (guint j = 0; j < d; j++)
    {
      glp_set_col_bnds (lp, (int) (d + 2 + j), GLP_LO, 0, 0);
      glp_set_obj_coef (lp, (int) (d + 2 + j), 1.0);
    }
  glp_add_rows (lp, (int) (m + 2 * d));
  for (gsize r = 0; r < m; r++)
    {
      gsize s = g_array_index (rows, guint32, r);
      double y = side[s] ? 1.0 : -1.0;

      glp_set_row_bnds (lp, (int) (r + 1), GLP_LO, 1.0, 0);
      for (guint j = 0; j < d; j++)
        {
          double v = x[s * d + j];

          if (v == 0)
            continue;   /* GLPK stores no zeros */
          ne++;
          ia[ne] = (int) (r + 1);
          ja[ne] = (int) (j + 1);
          ar[ne] = y * v;
        }
      ne++;
      ia[ne] = (int) (r + 1);
      ja[ne] = (int) (d + 1);
      ar[ne] = y;
    }
  for (guint j = 0; j < d; j++)
    for (int sgn = -1; sgn <= 1; sgn += 2)
      {
        int row = (int) (m + 1 + j + (sgn > 0 ? d : 0));

        glp_set_row_bnds (lp, row, GLP_LO, 0, 0);
        ne++;
        ia[ne] = row;
        ja[ne] = (int) (d + 2 + j);
        ar[ne] = 1.0;
        ne++;
        ia[ne] = row;
        ja[ne] = (int) (j + 1);
        ar[ne] = sgn;
      }
  glp_load_matrix (lp, ne, ia, ja, ar);
  return lp;
}

static LpResult
lp_status (glp_prob *lp,
           int       rc)
{
  int st;

  if (rc != 0)
    return LP_FAILED;
  st = glp_get_status (lp);
  if (st == GLP_OPT || st == GLP_FEAS)
    return LP_FEASIBLE;
  if (st == GLP_NOFEAS)
    return LP_INFEASIBLE;
  return LP_FAILED;
}

/* min over every sample of y (w·x + b), in double */
static double
min_margin (const float    *x,
            const gboolean *side,
            gsize           n,
            guint           d,
            const double   *w,
            double          b)
{
  double worst = G_MAXDOUBLE;

  for (gsize i = 0; i < n; i++)
    {
      double z = b;

      for (guint j = 0; j < d; j++)
        z += w[j] * (double) x[i * d + j];
      z = side[i] ? z : -z;
      if (!(z < worst))
        continue;
      worst = z;
    }
  return worst;
}

static void
read_solution (glp_prob *lp,
               guint     d,
               double   *w,
               double   *b)
{
  for (guint j = 0; j < d; j++)
    {
      w[j] = glp_get_col_prim (lp, (int) (j + 1));
      if (w[j] == 0)
        w[j] = 0;   /* no "-0" in the output */
    }
  *b = glp_get_col_prim (lp, (int) (d + 1));
  if (*b == 0)
    *b = 0;
}

/* Solves the program; on LP_FEASIBLE, w and b separate every sample
 * strictly (checked in double). */
static LpResult
solve (const float    *x,
       const gboolean *side,
       gsize           n,
       guint           d,
       const GArray   *rows,
       double         *w,
       double         *b,
       gboolean       *exact)
{
  glp_prob *lp;
  glp_smcp parm;
  LpResult r;

  glp_term_out (GLP_OFF);
  lp = build_program (x, side, rows, d);
  glp_init_smcp (&parm);
  parm.msg_lev = GLP_MSG_OFF;
  parm.presolve = GLP_OFF;   /* the status must say feasible or not */
  glp_scale_prob (lp, GLP_SF_AUTO);
  *exact = FALSE;
  r = lp_status (lp, glp_simplex (lp, &parm));
  if (r == LP_FEASIBLE)
    {
      read_solution (lp, d, w, b);
      if (min_margin (x, side, n, d, w, *b) > 0)
        goto out;
    }
  /* A "no", a failure, or a "yes" that does not hold in double: the exact
   * simplex from the basis reached decides. */
  glp_unscale_prob (lp);
  *exact = TRUE;
  r = lp_status (lp, glp_exact (lp, &parm));
  if (r == LP_FEASIBLE)
    {
      read_solution (lp, d, w, b);
      if (!(min_margin (x, side, n, d, w, *b) > 0))
        r = LP_FAILED;
    }
out:
  glp_delete_prob (lp);
  glp_free_env ();
  return r;
}

/* ---- 2-D: convex hulls and a witness ------------------------------------ */

typedef struct
{
  const float *x;    /* n × 2 */
} Plane;

static double
px (const Plane *p, gsize i)
{
  return p->x[2 * i];
}

static double
py (const Plane *p, gsize i)
{
  return p->x[2 * i + 1];
}

/* > 0 when o → a → b turns left. The differences of floats are exact in
 * double (for values within 2^29 of each other in scale), so only the
 * products round. */
static double
orient (const Plane *p,
        gsize        o,
        gsize        a,
        gsize        b)
{
  return (px (p, a) - px (p, o)) * (py (p, b) - py (p, o))
         - (py (p, a) - py (p, o)) * (px (p, b) - px (p, o));
}

static int
compare_xy (gconstpointer a,
            gconstpointer b,
            gpointer      user_data)
{
  SortCtx ctx = { user_data, 2 };

  return compare_rows (a, b, &ctx);
}

/* Andrew's monotone chain over idx (modified: sorted). Returns the hull,
 * counter-clockwise, without repeated or collinear points. */
static gsize *
convex_hull (const Plane *p,
             guint32     *idx,
             gsize        n,
             guint       *n_hull)
{
  g_autofree gsize *h = NULL;
  gsize m = 0, k = 0;
  g_autofree guint32 *u = g_new (guint32, MAX (n, 1));

  g_qsort_with_data (idx, (gint) n, sizeof (guint32), compare_xy, (gpointer) p->x);
  /* drop repeated points (the first index of each stays) */
  for (gsize i = 0; i < n; i++)
    if (m == 0 || px (p, u[m - 1]) != px (p, idx[i]) || py (p, u[m - 1]) != py (p, idx[i]))
      u[m++] = idx[i];
  h = g_new (gsize, 2 * m + 1);
  if (m <= 2)
    {
      for (gsize i = 0; i < m; i++)
        h[i] = u[i];
      *n_hull = (guint) m;
      return g_steal_pointer (&h);
    }
  for (gsize i = 0; i < m; i++)
    {
      while (k >= 2 && orient (p, h[k - 2], h[k - 1], u[i]) <= 0)
        k--;
      h[k++] = u[i];
    }
  for (gsize i = m - 1, t = k + 1; i-- > 0;)
    {
      while (k >= t && orient (p, h[k - 2], h[k - 1], u[i]) <= 0)
        k--;
      h[k++] = u[i];
    }
  k--;   /* the first point again */
  /* all collinear: the chain went out and back, keep the two ends */
  if (k == 2 || (k > 2 && orient (p, h[0], h[1], h[2]) == 0))
    k = 2;
  *n_hull = (guint) k;
  return g_steal_pointer (&h);
}

/* q on the closed segment a–b */
static gboolean
on_segment (const Plane *p,
            gsize        a,
            gsize        b,
            gsize        q)
{
  return orient (p, a, b, q) == 0
         && MIN (px (p, a), px (p, b)) <= px (p, q) && px (p, q) <= MAX (px (p, a), px (p, b))
         && MIN (py (p, a), py (p, b)) <= py (p, q) && py (p, q) <= MAX (py (p, a), py (p, b));
}

static void
set_witness (PsSeparability        *r,
             PsSeparabilityWitness  kind,
             guint                  n,
             const gsize           *pts,
             const gboolean        *positive)
{
  r->witness = kind;
  r->n_witness_points = n;
  for (guint i = 0; i < n; i++)
    {
      r->witness_points[i] = pts[i];
      r->witness_positive[i] = positive[i];
    }
}

/* Whether sample q lies in the closed hull h (k vertices) of the other
 * side; sets the witness: q, then the segment or triangle holding it. */
static gboolean
locate (const Plane    *p,
        gsize           q,
        gboolean        q_positive,
        const gsize    *h,
        guint           k,
        PsSeparability *r)
{
  gboolean s[4] = { q_positive, !q_positive, !q_positive, !q_positive };

  if (k == 1)
    return FALSE;   /* a shared point is found before any hull is built */
  if (k == 2)
    {
      if (!on_segment (p, h[0], h[1], q))
        return FALSE;
      set_witness (r, PS_SEPARABILITY_WITNESS_ON_SEGMENT, 3, (gsize[]) { q, h[0], h[1] }, s);
      return TRUE;
    }
  for (guint i = 0; i < k; i++)
    if (orient (p, h[i], h[(i + 1) % k], q) < 0)
      return FALSE;
  for (guint i = 0; i < k; i++)
    if (orient (p, h[i], h[(i + 1) % k], q) == 0)
      {
        set_witness (r, PS_SEPARABILITY_WITNESS_ON_SEGMENT, 3,
                     (gsize[]) { q, h[i], h[(i + 1) % k] }, s);
        return TRUE;
      }
  /* strictly inside: the fan triangle (h0, hi, hi+1) that holds it */
  for (guint i = 1; i + 1 < k; i++)
    {
      if (orient (p, h[0], h[i], q) < 0 || orient (p, h[i], h[i + 1], q) < 0
          || orient (p, h[i + 1], h[0], q) < 0)
        continue;
      if (orient (p, h[0], h[i], q) == 0)
        set_witness (r, PS_SEPARABILITY_WITNESS_ON_SEGMENT, 3, (gsize[]) { q, h[0], h[i] }, s);
      else if (orient (p, h[i + 1], h[0], q) == 0)
        set_witness (r, PS_SEPARABILITY_WITNESS_ON_SEGMENT, 3, (gsize[]) { q, h[0], h[i + 1] }, s);
      else
        set_witness (r, PS_SEPARABILITY_WITNESS_IN_TRIANGLE, 4,
                     (gsize[]) { q, h[0], h[i], h[i + 1] }, s);
      return TRUE;
    }
  return FALSE;
}

static gboolean
segments_cross (const Plane *p,
                gsize        a,
                gsize        b,
                gsize        c,
                gsize        d)
{
  double o1 = orient (p, a, b, c), o2 = orient (p, a, b, d);
  double o3 = orient (p, c, d, a), o4 = orient (p, c, d, b);

  return ((o1 > 0 && o2 < 0) || (o1 < 0 && o2 > 0))
         && ((o3 > 0 && o4 < 0) || (o3 < 0 && o4 > 0));
}

/* The hulls of both sides, and for a set that is not separable the
 * simplest witness: a vertex of one hull inside or on the other, else two
 * crossing edges (two convex polygons meet exactly so). */
static void
plane_analysis (const float    *x,
                const gboolean *side,
                gsize           n,
                PsSeparability *r)
{
  Plane p = { x };
  g_autofree guint32 *idx0 = g_new (guint32, n + 1);
  g_autofree guint32 *idx1 = g_new (guint32, n + 1);
  guint32 *idx[2] = { idx0, idx1 };
  gsize cnt[2] = { 0, 0 };

  for (gsize i = 0; i < n; i++)
    {
      int s = side[i] ? 0 : 1;

      idx[s][cnt[s]++] = (guint32) i;
    }
  for (int s = 0; s < 2; s++)
    r->hull[s] = convex_hull (&p, idx[s], cnt[s], &r->n_hull[s]);
  if (r->separable || r->witness != PS_SEPARABILITY_WITNESS_NONE)
    return;

  for (int s = 0; s < 2; s++)
    for (guint i = 0; i < r->n_hull[s]; i++)
      if (locate (&p, r->hull[s][i], s == 0, r->hull[1 - s], r->n_hull[1 - s], r))
        return;
  for (guint i = 0; r->n_hull[0] >= 2 && i < r->n_hull[0]; i++)
    for (guint j = 0; r->n_hull[1] >= 2 && j < r->n_hull[1]; j++)
      {
        gsize a = r->hull[0][i], b = r->hull[0][(i + 1) % r->n_hull[0]];
        gsize c = r->hull[1][j], d = r->hull[1][(j + 1) % r->n_hull[1]];

        if (segments_cross (&p, a, b, c, d))
          {
            set_witness (r, PS_SEPARABILITY_WITNESS_CROSSING, 4, (gsize[]) { a, b, c, d },
                         (gboolean[]) { TRUE, TRUE, FALSE, FALSE });
            return;
          }
        if (r->n_hull[1] == 2)
          break;   /* a segment has one edge, not two */
      }
  r->witness = PS_SEPARABILITY_WITNESS_HULLS;
}

/* ---- text --------------------------------------------------------------- */

/* v as the shortest decimal that reads back to the same value: the same
 * double for w and b, the same float for a sample's coordinates (the value
 * the data holds, not its double expansion). */
static void
append_shortest (GString  *s,
                 double    v,
                 gboolean  as_float)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  for (int prec = 1; prec <= 17; prec++)
    {
      char fmt[8];
      double back;

      g_snprintf (fmt, sizeof fmt, "%%.%dg", prec);
      g_ascii_formatd (buf, sizeof buf, fmt, v);
      back = g_ascii_strtod (buf, NULL);
      if (as_float ? (float) back == (float) v : back == v)
        break;
    }
  g_string_append (s, buf);
}

static void
append_number (GString *s,
               double   v)
{
  append_shortest (s, v, FALSE);
}

/* "sample 3 (1, 0.5)"; coordinates left out beyond 3 features. The
 * reasons put it in their sentences whole. */
static char *
sample_text (const float *x,
             guint        d,
             gsize        i)
{
  g_autoptr(GString) coords = NULL;

  if (d > 3)
    /* Translators: a sample of the training set by its 0-based index, put
     * into the separability reasons below */
    return g_strdup_printf (_("sample %zu"), i);
  coords = g_string_new (NULL);
  for (guint j = 0; j < d; j++)
    {
      if (j > 0)
        g_string_append (coords, ", ");
      append_shortest (coords, x[i * d + j], TRUE);
    }
  /* Translators: a sample of the training set by its 0-based index, then
   * its coordinates: “sample 3 (1, 0.5)”; put into the separability
   * reasons below */
  return g_strdup_printf (_("sample %zu (%s)"), i, coords->str);
}

static const char *
side_name (const PsSeparability *r,
           gboolean              positive,
           const char           *pos_name,
           const char           *rest_name)
{
  return positive ? pos_name : rest_name;
}

/* Why the set is, or is not, separable: one whole sentence per witness,
 * so that a translation can order its parts freely. pos and rest are the
 * names of the two sides ("class 1", "the rest"). */
static char *
reason_text (const PsSeparability *r,
             const float          *x,
             const char           *pos,
             const char           *rest)
{
  g_autofree char *t0 = NULL, *t1 = NULL, *t2 = NULL, *t3 = NULL;
  const gsize *w = r->witness_points;
  guint d = r->n_features;
  guint n = r->n_witness_points;

  if (r->separable)
    /* Translators: the reason a set is linearly separable; the two %s are
     * the sides, such as “class 1” and “the rest” (the messages with the
     * context “separability”) */
    return g_strdup_printf (_("w·x + b > 0 for every sample of %s and < 0 for every sample of %s"),
                            pos, rest);

  t0 = n > 0 ? sample_text (x, d, w[0]) : NULL;
  t1 = n > 1 ? sample_text (x, d, w[1]) : NULL;
  t2 = n > 2 ? sample_text (x, d, w[2]) : NULL;
  t3 = n > 3 ? sample_text (x, d, w[3]) : NULL;
  switch (r->witness)
    {
    case PS_SEPARABILITY_WITNESS_COINCIDE:
      /* Translators: why a set is not linearly separable: “sample 0 (0, 1)
       * of class 1 and sample 2 (0, 1) of the rest are the same point”;
       * sample, side, sample, side */
      return g_strdup_printf (_("%s of %s and %s of %s are the same point"), t0, pos, t1, rest);
    case PS_SEPARABILITY_WITNESS_ON_SEGMENT:
      /* Translators: why a set is not linearly separable: “sample 3 (1, 0)
       * of class 1 lies on the segment between sample 1 (0, 0) and
       * sample 2 (2, 0) of the rest”; sample, side, sample, sample, side */
      return g_strdup_printf (_("%s of %s lies on the segment between %s and %s of %s"),
                              t0, side_name (r, r->witness_positive[0], pos, rest),
                              t1, t2, side_name (r, r->witness_positive[1], pos, rest));
    case PS_SEPARABILITY_WITNESS_IN_TRIANGLE:
      /* Translators: why a set is not linearly separable: “sample 0 (0.5,
       * 0.5) of class 1 lies inside the triangle of sample 1 (0, 0),
       * sample 2 (2, 0) and sample 3 (0, 2) of the rest”; sample, side,
       * the triangle's three samples, side */
      return g_strdup_printf (_("%s of %s lies inside the triangle of %s, %s and %s of %s"),
                              t0, side_name (r, r->witness_positive[0], pos, rest),
                              t1, t2, t3, side_name (r, r->witness_positive[1], pos, rest));
    case PS_SEPARABILITY_WITNESS_CROSSING:
      /* Translators: why a set is not linearly separable (XOR): “the
       * segment from sample 1 (0, 1) to sample 2 (1, 0) of class 1 crosses
       * the segment from sample 0 (0, 0) to sample 3 (1, 1) of the rest”;
       * sample, sample, side, sample, sample, side */
      return g_strdup_printf (_("the segment from %s to %s of %s crosses the segment from %s to %s of %s"),
                              t0, t1, pos, t2, t3, rest);
    case PS_SEPARABILITY_WITNESS_HULLS:
    case PS_SEPARABILITY_WITNESS_NONE:
    default:
      /* Translators: why a set is not linearly separable; the two %s are
       * the sides, such as “class 1” and “the rest” */
      return g_strdup_printf (_("the convex hulls of %s and of %s meet: no w, b has "
                                "w·x + b > 0 on one and < 0 on the other"), pos, rest);
    }
}

static const char *const subscript[] = { "₁", "₂", "₃" };

/* "w₁ + w₂ + b" for the row's sum of coefficients cw (counts of each
 * w_j) and cb (count of b) */
static void
append_combination (GString     *s,
                    const guint *cw,
                    guint        cb,
                    guint        d)
{
  gboolean first = TRUE;

  for (guint j = 0; j < d; j++)
    {
      if (cw[j] == 0)
        continue;
      if (!first)
        g_string_append (s, " + ");
      if (cw[j] > 1)
        g_string_append_printf (s, "%u", cw[j]);
      g_string_append_printf (s, "w%s", subscript[j]);
      first = FALSE;
    }
  if (!first)
    g_string_append (s, " + ");
  if (cb > 1)
    g_string_append_printf (s, "%u", cb);
  g_string_append (s, "b");
}

/* Bit mask of a 0/1 row, or −1 when a value is not 0 or 1. */
static int
corner_of (const float *row,
           guint        d)
{
  int mask = 0;

  for (guint j = 0; j < d; j++)
    {
      if (row[j] == 1.0f)
        mask |= 1 << j;
      else if (row[j] != 0.0f)
        return -1;
    }
  return mask;
}

static gboolean
is_truth_table (const float *x,
                gsize        n,
                guint        d)
{
  guint seen = 0;

  if ((d != 2 && d != 3) || n != ((gsize) 1 << d))
    return FALSE;
  for (gsize i = 0; i < n; i++)
    {
      int c = corner_of (x + i * d, d);

      if (c < 0 || (seen & (1u << c)))
        return FALSE;
      seen |= 1u << c;
    }
  return TRUE;
}

/* Two rows of each side whose inputs add up to the same vector: for two
 * or three inputs every table that is not separable has them (checked
 * over all 256 three-input tables). */
static gboolean
find_pairs (const float    *x,
            const gboolean *side,
            gsize           n,
            guint           d,
            gsize          *pp,
            gsize          *nn)
{
  for (gsize a = 0; a < n; a++)
    for (gsize b = a + 1; b < n; b++)
      {
        if (!side[a] || !side[b])
          continue;
        for (gsize c = 0; c < n; c++)
          for (gsize e = c + 1; e < n; e++)
            {
              gboolean equal = TRUE;

              if (side[c] || side[e])
                continue;
              for (guint j = 0; j < d && equal; j++)
                equal = x[a * d + j] + x[b * d + j] == x[c * d + j] + x[e * d + j];
              if (equal)
                {
                  pp[0] = a;
                  pp[1] = b;
                  nn[0] = c;
                  nn[1] = e;
                  return TRUE;
                }
            }
      }
  return FALSE;
}

static void
append_pair_sum (GString     *s,
                 const float *x,
                 guint        d,
                 const gsize *rows,
                 const char  *rel)
{
  guint cw[3] = { 0, 0, 0 };

  for (int k = 0; k < 2; k++)
    for (guint j = 0; j < d; j++)
      cw[j] += x[rows[k] * d + j] == 1.0f;
  append_combination (s, cw, 2, d);
  g_string_append_printf (s, " %s 0", rel);
}

/* The truth table as inequalities, one per row, and what they say: w and
 * b that satisfy all of them, or two sums that contradict each other. The
 * sentences are whole messages; the inequalities are formulas. */
static char *
table_text (const PsSeparability *r,
            const float          *x,
            const gboolean       *side)
{
  GString *s = g_string_new (NULL);
  g_autoptr(GString) f = g_string_new (NULL);
  g_autoptr(GString) f2 = g_string_new (NULL);
  guint d = r->n_features;
  gsize n = r->n_samples;
  gsize pp[2], nn[2];

  for (guint j = 0; j < d; j++)
    g_string_append_printf (f, "w%s·x%s + ", subscript[j], subscript[j]);
  g_string_append (f, "b");
  /* Translators: %s is the perceptron's sum, such as “w₁·x₁ + w₂·x₂ + b”;
   * the table's rows, one inequality each, follow this line */
  g_string_append_printf (s, _("The perceptron outputs 1 when %s > 0, else 0. Each row of the table asks:"),
                          f->str);
  g_string_append_c (s, '\n');
  for (gsize i = 0; i < n; i++)
    {
      guint cw[3] = { 0, 0, 0 };

      g_string_append (s, "  x = (");
      for (guint j = 0; j < d; j++)
        {
          cw[j] = x[i * d + j] == 1.0f;
          g_string_append_printf (s, "%s%u", j ? ", " : "", cw[j]);
        }
      g_string_append_printf (s, ") → %d:  ", side[i] ? 1 : 0);
      append_combination (s, cw, 1, d);
      g_string_append (s, side[i] ? " > 0\n" : " ≤ 0\n");
    }
  if (r->separable)
    {
      g_string_truncate (f, 0);
      for (guint j = 0; j < d; j++)
        {
          g_string_append_printf (f, "w%s = ", subscript[j]);
          append_number (f, r->w[j]);
          g_string_append (f, ", ");
        }
      g_string_append (f, "b = ");
      append_number (f, r->b);
      /* Translators: after the table's inequalities; %s is the weights and
       * bias that satisfy them, such as “w₁ = 2, w₂ = 2, b = -3” */
      g_string_append_printf (s, _("All hold for %s."), f->str);
      g_string_append_c (s, '\n');
      return g_string_free (s, FALSE);
    }
  if (!find_pairs (x, side, n, d, pp, nn))
    {
      g_string_append (s, _("No w and b satisfy all of them at once."));
      g_string_append_c (s, '\n');
      return g_string_free (s, FALSE);
    }
  g_string_truncate (f, 0);
  append_pair_sum (f, x, d, pp, ">");
  append_pair_sum (f2, x, d, nn, "≤");
  /* Translators: two rows of the truth table (numbered from 1) whose output
   * is 1 added up; %s is their sum, such as “w₁ + w₂ + 2b > 0” */
  g_string_append_printf (s, _("Rows %zu and %zu (output 1) added:  %s"), pp[0] + 1, pp[1] + 1, f->str);
  g_string_append_c (s, '\n');
  /* Translators: two rows of the truth table (numbered from 1) whose output
   * is 0 added up; %s is their sum, such as “w₁ + w₂ + 2b ≤ 0” */
  g_string_append_printf (s, _("Rows %zu and %zu (output 0) added:  %s"), nn[0] + 1, nn[1] + 1, f2->str);
  g_string_append_c (s, '\n');
  g_string_append (s, _("The same sum cannot be > 0 and ≤ 0 at once: no w and b satisfy every row, "
                        "so the table is not linearly separable."));
  g_string_append_c (s, '\n');
  return g_string_free (s, FALSE);
}

/* ---- entry points -------------------------------------------------------- */

/**
 * ps_separability_check:
 *
 * See ps-separable.h. Cost: the program has one row per distinct sample and
 * 2·n_features + 1 columns; the exact simplex that confirms a "no" works in
 * rational arithmetic and grows with both.
 */
PsSeparability *
ps_separability_check (const float    *x,
                       const guint32  *labels,
                       gsize           n,
                       guint           n_features,
                       guint32         positive_class,
                       const char     *positive_name,
                       const char     *rest_name,
                       GError        **error)
{
  g_autoptr(PsSeparability) r = NULL;
  g_autofree gboolean *side = NULL;
  g_autoptr(GArray) rows = NULL;
  g_autofree char *pos_default = NULL;
  gsize pos_i = 0, neg_i = 0;
  guint d = n_features;

  g_return_val_if_fail (x != NULL || n == 0, NULL);
  g_return_val_if_fail (labels != NULL || n == 0, NULL);

  if (n == 0 || d == 0)
    {
      g_set_error_literal (error, PS_SEPARABILITY_ERROR, PS_SEPARABILITY_ERROR_INPUT,
                           n == 0 ? _("no samples to check") : _("no features to check"));
      return NULL;
    }
  /* GLPK counts rows, columns and matrix entries in int */
  if (n > G_MAXINT / 2 || d > G_MAXINT / 8 || (guint64) n * (d + 1) + 4 * (guint64) d >= G_MAXINT)
    {
      g_set_error (error, PS_SEPARABILITY_ERROR, PS_SEPARABILITY_ERROR_INPUT,
                   _("too large for the linear program (%zu samples, %u features)"), n, d);
      return NULL;
    }
  for (gsize i = 0; i < n * d; i++)
    if (!isfinite (x[i]))
      {
        g_set_error (error, PS_SEPARABILITY_ERROR, PS_SEPARABILITY_ERROR_INPUT,
                     /* Translators: the sample and the feature, both 0-based */
                     _("sample %zu has a value that is not finite (feature %zu)"), i / d, i % d);
        return NULL;
      }

  if (positive_name == NULL)
    /* Translators: a side of a separability check, put into its reasons
     * after “of”: “every sample of class 1” */
    positive_name = pos_default = g_strdup_printf (C_("separability", "class %u"), positive_class);
  if (rest_name == NULL)
    /* Translators: the other side of a separability check (every class but
     * one), put into its reasons after “of”: “the convex hulls of class 1
     * and of the rest” */
    rest_name = C_("separability", "the rest");

  r = g_new0 (PsSeparability, 1);
  r->positive_class = positive_class;
  r->n_features = d;
  r->n_samples = n;
  r->w = g_new0 (double, d);
  side = g_new (gboolean, n);
  for (gsize i = 0; i < n; i++)
    {
      side[i] = labels[i] == positive_class;
      r->n_positive += side[i];
    }

  rows = g_array_new (FALSE, FALSE, sizeof (guint32));
  if (!unique_rows (x, side, n, d, rows, &pos_i, &neg_i))
    {
      r->exact = TRUE;
      set_witness (r, PS_SEPARABILITY_WITNESS_COINCIDE, 2, (gsize[]) { pos_i, neg_i },
                   (gboolean[]) { TRUE, FALSE });
    }
  else if (r->n_positive == 0 || r->n_positive == n)
    {
      /* one side only: a constant output separates it */
      r->separable = TRUE;
      r->exact = TRUE;
      r->b = r->n_positive == n ? 1.0 : -1.0;
    }
  else
    {
      switch (solve (x, side, n, d, rows, r->w, &r->b, &r->exact))
        {
        case LP_FEASIBLE:
          r->separable = TRUE;
          break;
        case LP_INFEASIBLE:
          break;
        case LP_FAILED:
        default:
          g_set_error (error, PS_SEPARABILITY_ERROR, PS_SEPARABILITY_ERROR_SOLVER,
                       _("the linear program of %zu samples and %u features could not "
                         "be solved (GLPK)"), n, d);
          return NULL;
        }
    }
  if (r->separable)
    {
      double norm = 0, big = fabs (r->b);
      g_autofree double *clean = g_memdup2 (r->w, sizeof (double) * d);

      /* the simplex leaves round-off such as 1e-14 where the answer is 0:
       * dropped when every sample stays strictly on its side without it */
      for (guint j = 0; j < d; j++)
        big = MAX (big, fabs (r->w[j]));
      for (guint j = 0; j < d; j++)
        if (fabs (clean[j]) <= 1e-12 * big)
          clean[j] = 0;
      if (min_margin (x, side, n, d, clean, r->b) > 0)
        memcpy (r->w, clean, sizeof (double) * d);

      for (guint j = 0; j < d; j++)
        norm += r->w[j] * r->w[j];
      r->margin = min_margin (x, side, n, d, r->w, r->b);
      if (norm > 0)
        r->margin /= sqrt (norm);
    }
  if (d == 2)
    plane_analysis (x, side, n, r);
  r->reason = reason_text (r, x, positive_name, rest_name);
  if (is_truth_table (x, n, d))
    r->table_text = table_text (r, x, side);
  return g_steal_pointer (&r);
}

PsSeparability *
ps_separability_check_dataset (const PsDataset *data,
                               guint32          positive_class,
                               gboolean         raw,
                               GError         **error)
{
  gsize n, d;
  guint k;
  const char *const *names;
  g_autofree float *x = NULL;
  g_autofree char *pos = NULL;
  g_autofree char *rest = NULL;

  g_return_val_if_fail (data != NULL, NULL);

  n = ps_dataset_get_n_samples (data);
  d = ps_dataset_get_n_features (data);
  k = ps_dataset_get_n_classes (data);
  names = ps_dataset_get_class_names (data);
  if (n > 0 && d > G_MAXSIZE / sizeof (float) / n)
    {
      g_set_error_literal (error, PS_SEPARABILITY_ERROR, PS_SEPARABILITY_ERROR_INPUT,
                           _("the dataset is too large"));
      return NULL;
    }
  x = g_new (float, MAX (n * d, 1));
  if (raw)
    ps_dataset_get_raw_columns (data, (guint) d, x);
  else if (n > 0)
    ps_dataset_gather (data, NULL, 0, n, x, NULL);
  if (names != NULL && positive_class < k && names[positive_class] != NULL)
    /* Translators: a side of a separability check by its class name, put
     * into its reasons after “of”: “every sample of class yes” */
    pos = g_strdup_printf (C_("separability", "class %s"), names[positive_class]);
  if (k == 2 && names != NULL && positive_class < 2 && names[1 - positive_class] != NULL)
    rest = g_strdup_printf (C_("separability", "class %s"), names[1 - positive_class]);
  return ps_separability_check (x, ps_dataset_get_labels (data), n, (guint) d, positive_class,
                                pos, rest, error);
}

char *
ps_separability_format_wb (const PsSeparability *self)
{
  GString *s;

  g_return_val_if_fail (self != NULL, NULL);

  s = g_string_new ("w:");
  for (guint j = 0; j < self->n_features; j++)
    {
      g_string_append_c (s, ' ');
      append_number (s, self->w[j]);
    }
  g_string_append (s, " b: ");
  append_number (s, self->b);
  return g_string_free (s, FALSE);
}

void
ps_separability_free (PsSeparability *self)
{
  if (self == NULL)
    return;
  g_free (self->w);
  g_free (self->hull[0]);
  g_free (self->hull[1]);
  g_free (self->reason);
  g_free (self->table_text);
  g_free (self);
}
