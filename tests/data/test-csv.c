/* test-csv.c: the CSV reader, good files and bad ones
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ps-dataset.h"
/* white-box: the readers' results are checked field by field */
#include "ps-dataset-private.h"
#include "ps-csv.h"
#include "ps-test-gzip.h"
#include "ps-gzip.h"

static char *tmpdir;

static char *
write_file (const char *name,
            const char *data,
            gssize      len)
{
  char *path = g_build_filename (tmpdir, name, NULL);

  g_assert_true (g_file_set_contents (path, data, len, NULL));
  return path;
}

static PsDataset *
load_opts (const char          *text,
           gssize               len,
           const PsCsvOptions  *opts,
           GError             **error)
{
  g_autofree char *path = write_file ("data.csv", text, len);
  return ps_dataset_load_csv (path, opts, NULL, NULL, NULL, error);
}

static PsDataset *
load_ok (const char *text)
{
  g_autoptr(GError) error = NULL;
  PsDataset *ds = load_opts (text, -1, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (ds);
  return ds;
}

static void
expect_fail_opts (const char         *text,
                  gssize              len,
                  const PsCsvOptions *opts,
                  int                 code,
                  const char         *must1,
                  const char         *must2)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PsDataset) ds = load_opts (text, len, opts, &error);

  g_assert_null (ds);
  g_assert_error (error, PS_DATASET_ERROR, code);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  g_test_message ("%s", error->message);
  if (must1 != NULL && strstr (error->message, must1) == NULL)
    g_error ("message “%s” lacks “%s”", error->message, must1);
  if (must2 != NULL && strstr (error->message, must2) == NULL)
    g_error ("message “%s” lacks “%s”", error->message, must2);
}

static void
expect_fail (const char *text,
             int         code,
             const char *must1,
             const char *must2)
{
  expect_fail_opts (text, -1, NULL, code, must1, must2);
}

static void
assert_row (const PsDataset *ds,
            gsize            i,
            const float     *want,
            guint32          label)
{
  for (gsize j = 0; j < ds->n_features; j++)
    g_assert_cmpfloat_with_epsilon (ps_dataset_get (ds, i, j), want[j], 1e-6);
  g_assert_cmpuint (ds->labels[i], ==, label);
}

static void
test_basic (void)
{
  g_autoptr(PsDataset) ds = load_ok ("a,b,label\n1,2,0\n3.5,-4e2,1\n0.25,6,1\n");

  g_assert_cmpuint (ds->n_samples, ==, 3);
  g_assert_cmpuint (ds->n_features, ==, 2);
  g_assert_cmpuint (ds->n_classes, ==, 2);
  g_assert_cmpstr (ds->feature_names[0], ==, "a");
  g_assert_cmpstr (ds->feature_names[1], ==, "b");
  g_assert_null (ds->feature_names[2]);
  g_assert_cmpstr (ds->class_names[1], ==, "1");
  g_assert_cmpstr (ds->name, ==, "data.csv");
  assert_row (ds, 1, (float[]) { 3.5f, -400.0f }, 1);
  assert_row (ds, 2, (float[]) { 0.25f, 6.0f }, 1);
  g_assert_nonnull (ds->x);
  g_assert_null (ds->x_u8);
  g_assert_cmpuint (ds->image_width, ==, 0);
}

static void
test_separators (void)
{
  g_autoptr(PsDataset) semi = load_ok ("x;y;c\n1,5;2;0\n-0,25;3,75;1\n");
  g_autoptr(PsDataset) tab = load_ok ("x\ty\tc\n1.5\t2\t0\n7\t8\t1\n");
  g_autoptr(PsDataset) noh = load_ok ("1;2;0\n3;4;1\n");

  assert_row (semi, 0, (float[]) { 1.5f, 2.0f }, 0);
  assert_row (semi, 1, (float[]) { -0.25f, 3.75f }, 1);
  g_assert_cmpstr (semi->feature_names[1], ==, "y");
  assert_row (tab, 0, (float[]) { 1.5f, 2.0f }, 0);
  g_assert_cmpstr (tab->feature_names[0], ==, "x");
  g_assert_cmpuint (noh->n_samples, ==, 2);
  assert_row (noh, 1, (float[]) { 3.0f, 4.0f }, 1);

  /* forced separator */
  {
    PsCsvOptions o = { NULL, ';', -1 };
    g_autoptr(GError) error = NULL;
    g_autoptr(PsDataset) ds = load_opts ("a;b\n1;0\n2;1\n", -1, &o, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (ds->n_features, ==, 1);
  }
  {
    PsCsvOptions o = { NULL, '|', -1 };
    expect_fail_opts ("a|b\n1|0\n", -1, &o, PS_DATASET_ERROR_INVALID, "separator", NULL);
  }
}

static void
test_quotes_ok (void)
{
  g_autoptr(PsDataset) ds = NULL;
  g_autoptr(GError) error = NULL;

  ds = load_opts ("\"x, first\",\"y \"\"second\"\"\",\"kind\"\n"
                  "\"1\",2,\"cat, black\"\n"
                  "3,\"4\",\"dog \"\"rex\"\"\"\n"
                  "5,6,\"two\nlines\"\n"
                  "7 , 8 ,\"cat, black\"  \n"
                  "9, \"10\",  \"two\nlines\"\n", -1, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ds->n_samples, ==, 5);
  assert_row (ds, 4, (float[]) { 9, 10 }, 2);
  g_assert_cmpstr (ds->feature_names[0], ==, "x, first");
  g_assert_cmpstr (ds->feature_names[1], ==, "y \"second\"");
  g_assert_cmpuint (ds->n_classes, ==, 3);
  /* sorted by UTF-8 bytes */
  g_assert_cmpstr (ds->class_names[0], ==, "cat, black");
  g_assert_cmpstr (ds->class_names[1], ==, "dog \"rex\"");
  g_assert_cmpstr (ds->class_names[2], ==, "two\nlines");
  assert_row (ds, 0, (float[]) { 1, 2 }, 0);
  assert_row (ds, 1, (float[]) { 3, 4 }, 1);
  assert_row (ds, 2, (float[]) { 5, 6 }, 2);
  assert_row (ds, 3, (float[]) { 7, 8 }, 0);

  /* an error after a multi-line field names the right line */
  expect_fail ("a,b,c\n1,2,\"x\ny\"\n3,oops,z\n", PS_DATASET_ERROR_PARSE, "data.csv:4:", "“b”");
  expect_fail ("a,b,c\n1,2,\"never closed\n3,4,z\n", PS_DATASET_ERROR_PARSE, "data.csv:2:",
               "never closed");
  expect_fail ("a,b,c\n1,2,\"x\"y\n", PS_DATASET_ERROR_PARSE, "data.csv:2:", "closing quote");
}

static void
test_header_detection (void)
{
  g_autoptr(PsDataset) iris = load_ok ("5.1,3.5,setosa\n4.9,3.0,setosa\n6.3,3.3,virginica\n");
  g_autoptr(PsDataset) hdr = load_ok ("sepal,petal,species\n5.1,3.5,setosa\n6.3,3.3,virginica\n");

  /* no header: string labels in every row are data */
  g_assert_cmpuint (iris->n_samples, ==, 3);
  g_assert_cmpstr (iris->feature_names[0], ==, "x1");
  g_assert_cmpstr (iris->class_names[0], ==, "setosa");
  g_assert_cmpuint (iris->labels[2], ==, 1);
  g_assert_cmpuint (hdr->n_samples, ==, 2);
  g_assert_cmpstr (hdr->feature_names[1], ==, "petal");

  /* forced: a numeric first row taken as header */
  {
    PsCsvOptions o = { NULL, 0, 1 };
    g_autoptr(GError) error = NULL;
    g_autoptr(PsDataset) ds = load_opts ("10,20,1\n1,2,0\n3,4,1\n", -1, &o, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (ds->n_samples, ==, 2);
    g_assert_cmpstr (ds->feature_names[0], ==, "10");
  }
  /* forced no header: the header's text is then a bad number on line 1 */
  {
    PsCsvOptions o = { NULL, 0, 0 };
    expect_fail_opts ("a,b,c\n1,2,0\n", -1, &o, PS_DATASET_ERROR_PARSE, "data.csv:1:", "“a”");
  }
}

static void
test_label_column (void)
{
  const char *text = "id,kind,w,h\n1,b,10,20\n2,a,30,40\n3,b,50,60\n";

  {
    PsCsvOptions o = { "kind", 0, -1 };
    g_autoptr(GError) error = NULL;
    g_autoptr(PsDataset) ds = load_opts (text, -1, &o, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (ds->n_features, ==, 3);
    g_assert_cmpstr (ds->feature_names[0], ==, "id");
    g_assert_cmpstr (ds->feature_names[1], ==, "w");
    g_assert_cmpstr (ds->class_names[0], ==, "a");
    assert_row (ds, 0, (float[]) { 1, 10, 20 }, 1);
    assert_row (ds, 1, (float[]) { 2, 30, 40 }, 0);
  }
  {
    /* by 0-based index, and case-insensitive name */
    PsCsvOptions o1 = { "1", 0, -1 };
    PsCsvOptions o2 = { "KIND", 0, -1 };
    PsCsvOptions o3 = { "-3", 0, -1 };
    g_autoptr(PsDataset) a = load_opts (text, -1, &o1, NULL);
    g_autoptr(PsDataset) b = load_opts (text, -1, &o2, NULL);
    g_autoptr(PsDataset) c = load_opts (text, -1, &o3, NULL);
    g_assert_nonnull (a);
    g_assert_nonnull (b);
    g_assert_nonnull (c);
    g_assert_cmpmem (a->x, 9 * sizeof (float), b->x, 9 * sizeof (float));
    g_assert_cmpmem (a->x, 9 * sizeof (float), c->x, 9 * sizeof (float));
  }
  {
    /* the default: last column, here numeric → direct class indices */
    g_autoptr(GError) error = NULL;
    PsCsvOptions o = { NULL, 0, -1 };
    g_autoptr(PsDataset) ds = load_opts ("x,y\n1,3\n2,0\n", -1, &o, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (ds->n_classes, ==, 4);
    g_assert_cmpuint (ds->labels[0], ==, 3);
    g_assert_cmpstr (ds->class_names[3], ==, "3");
  }
  {
    PsCsvOptions bad_name = { "colour", 0, -1 };
    PsCsvOptions bad_index = { "7", 0, -1 };
    PsCsvOptions by_name_noheader = { "kind", 0, 0 };
    expect_fail_opts (text, -1, &bad_name, PS_DATASET_ERROR_MISMATCH, "colour", "“kind”");
    expect_fail_opts (text, -1, &bad_index, PS_DATASET_ERROR_MISMATCH, "7", "4 columns");
    expect_fail_opts ("1,2,3\n4,5,6\n", -1, &by_name_noheader, PS_DATASET_ERROR_MISMATCH,
                      "no header", NULL);
  }
  {
    /* duplicate names: fine as features, ambiguous as a label name */
    PsCsvOptions o = { "v", 0, -1 };
    g_autoptr(PsDataset) ds = load_ok ("v,v,c\n1,2,0\n3,4,1\n");
    g_assert_cmpstr (ds->feature_names[0], ==, "v");
    g_assert_cmpstr (ds->feature_names[1], ==, "v");
    expect_fail_opts ("v,v,c\n1,2,0\n3,4,1\n", -1, &o, PS_DATASET_ERROR_MISMATCH,
                      "fields 1 and 2", NULL);
  }
  {
    /* missing names */
    g_autoptr(PsDataset) ds = load_ok ("a,,c\n1,2,0\n3,4,1\n");
    g_assert_cmpstr (ds->feature_names[1], ==, "column 2");
  }
}

static void
test_labels (void)
{
  {
    /* -1 / +1 (the perceptron's convention): sorted numerically */
    g_autoptr(PsDataset) ds = load_ok ("x,y\n1,1\n2,-1\n3,1\n");
    g_assert_cmpuint (ds->n_classes, ==, 2);
    g_assert_cmpstr (ds->class_names[0], ==, "-1");
    g_assert_cmpstr (ds->class_names[1], ==, "1");
    g_assert_cmpuint (ds->labels[0], ==, 1);
    g_assert_cmpuint (ds->labels[1], ==, 0);
  }
  {
    /* 1.0 and 1 are one class; fractional labels sort numerically */
    g_autoptr(PsDataset) ds = load_ok ("x,y\n1,10.5\n2,1.0\n3,1\n4,2.5\n");
    g_assert_cmpuint (ds->n_classes, ==, 3);
    g_assert_cmpstr (ds->class_names[0], ==, "1.0");
    g_assert_cmpstr (ds->class_names[1], ==, "2.5");
    g_assert_cmpstr (ds->class_names[2], ==, "10.5");
    g_assert_cmpuint (ds->labels[2], ==, 0);
    g_assert_cmpuint (ds->labels[0], ==, 2);
  }
  {
    /* string labels: order does not depend on the rows' order */
    g_autoptr(PsDataset) a = load_ok ("x,y\n1,zebra\n2,ant\n3,moth\n");
    g_autoptr(PsDataset) b = load_ok ("x,y\n1,moth\n2,zebra\n3,ant\n");
    for (int k = 0; k < 3; k++)
      g_assert_cmpstr (a->class_names[k], ==, b->class_names[k]);
    g_assert_cmpstr (a->class_names[0], ==, "ant");
    g_assert_cmpuint (a->labels[0], ==, 2);
    g_assert_cmpuint (b->labels[0], ==, 1);
  }
  expect_fail ("x,y\n1,cat\n2,cat\n", PS_DATASET_ERROR_MISMATCH, "only one class", "“cat”");
  expect_fail ("x,y\n1,0\n2,0\n", PS_DATASET_ERROR_MISMATCH, "only one class", "“y”");
  expect_fail ("x,y\n1,0\n2,\n", PS_DATASET_ERROR_PARSE, "data.csv:3:", "label");
}

static void
test_many_classes (void)
{
  GString *s = g_string_new ("f,name\n");
  g_autoptr(PsDataset) ds = NULL;
  g_autoptr(PsDataset) direct = NULL;

  for (int i = 0; i < 5000; i++)
    g_string_append_printf (s, "%d,class-%05d\n", i, 4999 - i);
  ds = load_ok (s->str);
  g_assert_cmpuint (ds->n_classes, ==, 5000);
  g_assert_cmpstr (ds->class_names[0], ==, "class-00000");
  g_assert_cmpuint (ds->labels[0], ==, 4999);
  g_assert_cmpuint (ds->labels[4999], ==, 0);

  g_string_assign (s, "");
  for (int i = 0; i < 3000; i++)
    g_string_append_printf (s, "%d,%d\n", i, i);
  direct = load_ok (s->str);
  g_assert_cmpuint (direct->n_classes, ==, 3000);
  g_assert_cmpuint (direct->labels[1234], ==, 1234);
  g_string_free (s, TRUE);
}

/* Integer labels are class numbers only when dense; sparse ones (0 and
 * 99999) are names, so no class count comes from a label's value; more than
 * 10000 distinct labels is refused naming the file and the column. */
static void
test_sparse_labels (void)
{
  {
    g_autoptr(PsDataset) ds = load_ok ("x,y\n1,0\n2,99999\n3,0\n4,99999\n");
    g_assert_cmpuint (ds->n_classes, ==, 2);
    g_assert_cmpstr (ds->class_names[0], ==, "0");
    g_assert_cmpstr (ds->class_names[1], ==, "99999");
    g_assert_null (ds->class_names[2]);
    g_assert_cmpuint (ds->labels[0], ==, 0);
    g_assert_cmpuint (ds->labels[1], ==, 1);
  }
  {
    /* names sort numerically: 7 < 10 < 4000000000 */
    g_autoptr(PsDataset) ds = load_ok ("x,y\n1,4000000000\n2,10\n3,7\n");
    g_assert_cmpuint (ds->n_classes, ==, 3);
    g_assert_cmpstr (ds->class_names[0], ==, "7");
    g_assert_cmpstr (ds->class_names[2], ==, "4000000000");
    g_assert_cmpuint (ds->labels[0], ==, 2);
  }
  {
    /* dense: {0, 3} is 4 classes (max + 1 = 2 × 2), 1 and 2 unused */
    g_autoptr(PsDataset) ds = load_ok ("x,y\n1,0\n2,3\n");
    g_assert_cmpuint (ds->n_classes, ==, 4);
    g_assert_cmpuint (ds->labels[1], ==, 3);
    g_assert_cmpstr (ds->class_names[3], ==, "3");
  }
  {
    /* sparse: {0, 4} is two names */
    g_autoptr(PsDataset) ds = load_ok ("x,y\n1,0\n2,4\n");
    g_assert_cmpuint (ds->n_classes, ==, 2);
    g_assert_cmpstr (ds->class_names[1], ==, "4");
    g_assert_cmpuint (ds->labels[1], ==, 1);
  }
  {
    /* the cap on class numbers: 0..998 and 999 is dense (1000 classes);
     * 0..499 and 1000 is not (1000 is beyond the cap) */
    GString *s = g_string_new ("x,y\n");
    g_autoptr(PsDataset) a = NULL;
    g_autoptr(PsDataset) b = NULL;

    for (int i = 0; i < 1000; i++)
      g_string_append_printf (s, "%d,%d\n", i, i);
    a = load_ok (s->str);
    g_assert_cmpuint (a->n_classes, ==, 1000);
    g_assert_cmpuint (a->labels[999], ==, 999);
    g_string_assign (s, "x,y\n");
    for (int i = 0; i < 500; i++)
      g_string_append_printf (s, "%d,%d\n", i, i);
    g_string_append (s, "9,1000\n");
    b = load_ok (s->str);
    g_assert_cmpuint (b->n_classes, ==, 501);
    g_assert_cmpuint (b->labels[500], ==, 500);
    g_assert_cmpstr (b->class_names[500], ==, "1000");
    g_string_free (s, TRUE);
  }
  {
    /* an ID column as labels: refused, not 20000 classes */
    GString *s = g_string_new ("x,id\n");

    for (int i = 0; i < 20000; i++)
      g_string_append_printf (s, "%d,row-%d\n", i, i);
    expect_fail (s->str, PS_DATASET_ERROR_TOO_LARGE, "data.csv", "label column “id” has more than 10000");
    g_string_assign (s, "x,id\n");
    for (int i = 0; i < 20000; i++)
      g_string_append_printf (s, "%d,%d\n", i, i * 7);
    expect_fail (s->str, PS_DATASET_ERROR_TOO_LARGE, "--label-column", "“id”");
    g_string_free (s, TRUE);
  }
}

static void
test_wide (void)
{
  GString *s = g_string_new (NULL);
  g_autoptr(PsDataset) ds = NULL;
  const int cols = 3000;

  for (int j = 0; j < cols; j++)
    g_string_append_printf (s, "%sf%d", j > 0 ? "," : "", j);
  g_string_append (s, ",label\n");
  for (int i = 0; i < 40; i++)
    {
      for (int j = 0; j < cols; j++)
        g_string_append_printf (s, "%s%d", j > 0 ? "," : "", i * j % 97);
      g_string_append_printf (s, ",%d\n", i % 2);
    }
  ds = load_ok (s->str);
  g_assert_cmpuint (ds->n_features, ==, cols);
  g_assert_cmpuint (ds->n_samples, ==, 40);
  g_assert_cmpfloat (ps_dataset_get (ds, 39, 2999), ==, (float) (39 * 2999 % 97));
  g_assert_cmpstr (ds->feature_names[2999], ==, "f2999");
  g_string_free (s, TRUE);
}

static void
test_text_forms (void)
{
  const char *plain = "a,b,c\n1,2,0\n3,4,1\n";
  g_autoptr(PsDataset) ref = load_ok (plain);
  const char *variants[] = {
    "\xEF\xBB\xBF" "a,b,c\n1,2,0\n3,4,1\n",          /* BOM */
    "a,b,c\r\n1,2,0\r\n3,4,1\r\n",                      /* CRLF */
    "a,b,c\r1,2,0\r3,4,1\r",                            /* CR */
    "\n\na,b,c\n\n1,2,0\n   \n\n3,4,1\n\n\n",           /* blank lines */
    "a,b,c\n1,2,0\n3,4,1",                              /* no final newline */
    "a,b,c,\n1,2,0,\n3,4,1,\n",                         /* trailing separators */
    "a,b,c\n1,2,0,\n3,4,1\n",                           /* one trailing separator */
    " a , b , c \n 1 , 2 , 0 \n3 ,4, 1\n",              /* blanks around fields */
  };

  for (gsize v = 0; v < G_N_ELEMENTS (variants); v++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PsDataset) ds = load_opts (variants[v], -1, NULL, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (ds->n_samples, ==, ref->n_samples);
      g_assert_cmpuint (ds->n_features, ==, ref->n_features);
      g_assert_cmpmem (ds->x, 4 * sizeof (float), ref->x, 4 * sizeof (float));
      g_assert_cmpmem (ds->labels, 2 * sizeof (guint32), ref->labels, 2 * sizeof (guint32));
      g_assert_cmpstr (ds->feature_names[0], ==, "a");
      g_assert_cmpstr (ds->feature_names[1], ==, "b");
    }

  /* a header with a missing last name, filled by the data */
  {
    g_autoptr(PsDataset) ds = load_ok ("a,b,\n1,2,0\n3,4,1\n");
    g_assert_cmpuint (ds->n_features, ==, 2);
    g_assert_cmpstr (ds->feature_names[1], ==, "b");
  }

  /* Latin-1 (a spreadsheet's export): names converted to UTF-8 */
  {
    g_autoptr(PsDataset) ds = load_ok ("tama\xF1o,peso,clase\n1,2,ni\xF1o\n3,4,se\xF1or\n");
    g_assert_cmpstr (ds->feature_names[0], ==, "tamaño");
    g_assert_cmpstr (ds->class_names[0], ==, "niño");
    g_assert_cmpstr (ds->class_names[1], ==, "señor");
  }
  /* invalid UTF-8 in a numeric field: an error with a valid UTF-8 message */
  expect_fail ("a,b,c\n1,\xFF\xFE,0\n", PS_DATASET_ERROR_PARSE, "data.csv:2:", "“b”");
  /* UTF-16 */
  expect_fail_opts ("\xFF\xFE" "a\0,\0b\0", 8, NULL, PS_DATASET_ERROR_PARSE, "UTF-16", NULL);
  /* binary */
  expect_fail_opts ("a,b\n1,\0\n", 8, NULL, PS_DATASET_ERROR_PARSE, "data.csv:2:", "NUL");
}

static void
test_bad_files (void)
{
  GString *s = g_string_new ("a,b,c,d,e\n");

  /* a ragged row on line 17 */
  for (int i = 2; i < 17; i++)
    g_string_append_printf (s, "%d,1,2,3,%d\n", i, i % 2);
  g_string_append (s, "1,2,3,4\n5,6,7,8,1\n");
  expect_fail (s->str, PS_DATASET_ERROR_PARSE, "data.csv:17: expected 5 fields, found 4", NULL);
  g_string_free (s, TRUE);

  expect_fail ("a,b,c\n1,2,0\n1,2,3,4\n", PS_DATASET_ERROR_PARSE, "data.csv:3:",
               "expected 3 fields, found 4");
  expect_fail ("a,b,c\n1,2,0\n1,two,1\n", PS_DATASET_ERROR_PARSE, "data.csv:3:", "“b”");
  expect_fail ("a,b,c\n1,2,0\n1,two,1\n", PS_DATASET_ERROR_PARSE, "“two” is not a number", NULL);
  expect_fail ("a,b,c\n1,NaN,0\n", PS_DATASET_ERROR_PARSE, "data.csv:2:", "finite");
  expect_fail ("a,b,c\n1,2,0\n-inf,2,1\n", PS_DATASET_ERROR_PARSE, "data.csv:3:", "“a”");
  expect_fail ("a,b,c\n1,1e999,0\n", PS_DATASET_ERROR_PARSE, "data.csv:2:", "finite");
  expect_fail ("a,b,c\n1,,0\n", PS_DATASET_ERROR_PARSE, "data.csv:2:", "“b” (field 2) is empty");
  expect_fail ("a,b,c\n1,0x10,0\n", PS_DATASET_ERROR_PARSE, "data.csv:2:", "“b”");
  expect_fail ("", PS_DATASET_ERROR_EMPTY, "data.csv", "empty");
  expect_fail ("\n\n  \n\r\n", PS_DATASET_ERROR_EMPTY, "data.csv", "empty");
  expect_fail ("\xEF\xBB\xBF", PS_DATASET_ERROR_EMPTY, "data.csv", "empty");
  expect_fail ("a,b,c\n", PS_DATASET_ERROR_EMPTY, "data.csv", "no data rows");
  expect_fail ("a,b,c\n\n\n", PS_DATASET_ERROR_EMPTY, "data.csv", "no data rows");
  expect_fail ("a\n1\n2\n", PS_DATASET_ERROR_PARSE, "data.csv:1:", "one column");
  {
    g_autofree char *nowhere = g_build_filename (tmpdir, "missing.csv", NULL);
    g_autoptr(GError) error = NULL;
    g_assert_null (ps_dataset_load_csv (nowhere, NULL, NULL, NULL, NULL, &error));
    g_assert_error (error, PS_DATASET_ERROR, PS_DATASET_ERROR_NOT_FOUND);
    g_assert_nonnull (strstr (error->message, "missing.csv"));
    g_clear_error (&error);
    g_assert_null (ps_dataset_load_csv (tmpdir, NULL, NULL, NULL, NULL, &error));
    g_assert_error (error, PS_DATASET_ERROR, PS_DATASET_ERROR_NOT_FOUND);
    g_assert_nonnull (strstr (error->message, "folder"));
  }
  {
    /* an absurdly long field (a binary file, say) stops early */
    gsize n = (2 << 20) + 10;
    g_autofree char *big = g_malloc (n);
    memset (big, 'x', n);
    memcpy (big, "a,b\n1,", 6);
    expect_fail_opts (big, (gssize) n, NULL, PS_DATASET_ERROR_TOO_LARGE, "data.csv:2:",
                      "longer");
  }
}

/* Every number reads exactly as the C library's strtod rounds it. */
static void
test_number_exactness (void)
{
  GString *s = g_string_new ("v,y\n");
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(PsDataset) ds = NULL;
  GRand *rand = g_rand_new_with_seed (1234);
  const char *fixed[] = { "0", "-0", "5.", ".5", "-.5", "+3", "007.50", "1e3", "-2.5E-3",
                          "123456789012345", "1234567890123456789", "0.1", "0.7",
                          "3.4028234e38", "1e-50", "0.000000000000000000000000123",
                          "9007199254740993", "16777217", "2.00000011920928955" };

  for (gsize k = 0; k < G_N_ELEMENTS (fixed); k++)
    g_ptr_array_add (texts, g_strdup (fixed[k]));
  for (int k = 0; k < 20000; k++)
    {
      int ndig = g_rand_int_range (rand, 1, 19);
      int point = g_rand_int_range (rand, 0, ndig + 1);
      GString *t = g_string_new (g_rand_boolean (rand) ? "-" : "");
      for (int d = 0; d < ndig; d++)
        {
          if (d == point && d > 0)
            g_string_append_c (t, '.');
          g_string_append_c (t, (char) ('0' + g_rand_int_range (rand, 0, 10)));
        }
      g_ptr_array_add (texts, g_string_free (t, FALSE));
    }
  for (guint k = 0; k < texts->len; k++)
    g_string_append_printf (s, "%s,%u\n", (char *) g_ptr_array_index (texts, k), k % 2);
  ds = load_ok (s->str);
  g_assert_cmpuint (ds->n_samples, ==, texts->len);
  for (guint k = 0; k < texts->len; k++)
    {
      float want = (float) g_ascii_strtod (g_ptr_array_index (texts, k), NULL);
      if (ds->x[k] != want || signbit (ds->x[k]) != signbit (want))
        g_error ("“%s” read as %.9g, strtod gives %.9g",
                 (char *) g_ptr_array_index (texts, k), ds->x[k], want);
    }
  g_rand_free (rand);
  g_string_free (s, TRUE);
}

typedef struct
{
  GCancellable *cancellable;
  double        last;
  guint         calls;
  double        cancel_at;
} ProgressData;

static void
on_progress (double   fraction,
             gpointer user_data)
{
  ProgressData *pd = user_data;

  g_assert_cmpfloat (fraction, >=, pd->last);
  g_assert_cmpfloat (fraction, <=, 1.0);
  pd->last = fraction;
  pd->calls++;
  if (pd->cancellable != NULL && fraction >= pd->cancel_at)
    g_cancellable_cancel (pd->cancellable);
}

static void
test_long_progress_cancel (void)
{
  GString *s = g_string_new ("x1,x2,x3,y\n");
  g_autofree char *path = NULL;
  const int rows = 200000;

  for (int i = 0; i < rows; i++)
    g_string_append_printf (s, "%d.25,%d,-%d.5,%d\n", i, i % 1000, i % 7, i % 3);
  path = write_file ("long.csv", s->str, (gssize) s->len);
  g_string_free (s, TRUE);

  {
    ProgressData pd = { NULL, 0.0, 0, 0.0 };
    g_autoptr(GError) error = NULL;
    g_autoptr(PsDataset) ds = ps_dataset_load_csv (path, NULL, NULL, on_progress, &pd, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (ds->n_samples, ==, rows);
    g_assert_cmpuint (ds->n_classes, ==, 3);
    g_assert_cmpfloat (ps_dataset_get (ds, 123456, 0), ==, 123456.25f);
    g_assert_cmpfloat (ps_dataset_get (ds, 123456, 2), ==, -(123456 % 7) - 0.5f);
    g_assert_cmpuint (ds->labels[rows - 1], ==, (rows - 1) % 3);
    g_assert_cmpuint (pd.calls, >, 5);
    g_assert_cmpfloat (pd.last, ==, 1.0);
  }
  {
    g_autoptr(GCancellable) c = g_cancellable_new ();
    ProgressData pd = { c, 0.0, 0, 0.4 };
    g_autoptr(GError) error = NULL;
    g_assert_null (ps_dataset_load_csv (path, NULL, c, on_progress, &pd, &error));
    g_assert_error (error, PS_DATASET_ERROR, PS_DATASET_ERROR_CANCELLED);
    g_assert_cmpfloat (pd.last, <, 1.0);
  }
  {
    g_autoptr(GCancellable) c = g_cancellable_new ();
    g_autoptr(GError) error = NULL;
    g_cancellable_cancel (c);
    g_assert_null (ps_dataset_load_csv (path, NULL, c, NULL, NULL, &error));
    g_assert_error (error, PS_DATASET_ERROR, PS_DATASET_ERROR_CANCELLED);
  }
}

/* data.csv.gz reads as data.csv does; cut short or damaged, it is an error
 * that names the file. */
static void
test_gzip (void)
{
  GString *s = g_string_new ("x1,x2,x3,y\n");
  g_autofree char *plain_path = NULL;
  g_autofree char *gz_path = NULL;
  g_autofree char *cut_path = NULL;
  g_autofree char *bad_path = NULL;
  g_autoptr(GBytes) gz = NULL;
  g_autoptr(PsDataset) plain = NULL;
  g_autoptr(PsDataset) unzipped = NULL;
  g_autoptr(GError) error = NULL;
  ProgressData pd = { NULL, 0.0, 0, 0.0 };
  const guint8 *z;
  gsize zlen;
  const int rows = 100000;

  for (int i = 0; i < rows; i++)
    g_string_append_printf (s, "%d.25,%d,-%d.5,%s\n", i, i % 1000, i % 7,
                            i % 3 == 0 ? "cat" : i % 3 == 1 ? "dog" : "bird");
  plain_path = write_file ("animals.csv", s->str, (gssize) s->len);
  gz = ps_test_gzip (s->str, s->len);
  g_string_free (s, TRUE);
  z = g_bytes_get_data (gz, &zlen);
  g_assert_cmpuint (zlen, <, 1000000);
  gz_path = write_file ("animals.csv.gz", (const char *) z, (gssize) zlen);

  plain = ps_dataset_load_csv (plain_path, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  unzipped = ps_dataset_load_csv (gz_path, NULL, NULL, on_progress, &pd, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (unzipped->n_samples, ==, rows);
  g_assert_cmpuint (unzipped->n_features, ==, 3);
  g_assert_cmpuint (unzipped->n_classes, ==, 3);
  g_assert_cmpmem (unzipped->x, rows * 3 * sizeof (float), plain->x, rows * 3 * sizeof (float));
  g_assert_cmpmem (unzipped->labels, rows * sizeof (guint32), plain->labels, rows * sizeof (guint32));
  for (guint c = 0; c < 3; c++)
    g_assert_cmpstr (unzipped->class_names[c], ==, plain->class_names[c]);
  /* progress follows the compressed bytes, up to 1 */
  g_assert_cmpuint (pd.calls, >, 2);
  g_assert_cmpfloat (pd.last, ==, 1.0);

  /* cut in the middle of the compressed data */
  cut_path = write_file ("cut.csv.gz", (const char *) z, (gssize) (zlen / 2));
  {
    g_autoptr(GError) e = NULL;
    g_autoptr(PsDataset) ds = ps_dataset_load_csv (cut_path, NULL, NULL, NULL, NULL, &e);

    g_assert_null (ds);
    g_assert_error (e, PS_DATASET_ERROR, PS_DATASET_ERROR_TRUNCATED);
    g_test_message ("%s", e->message);
    g_assert_nonnull (strstr (e->message, "cut.csv.gz"));
    g_assert_nonnull (strstr (e->message, "truncated"));
  }

  /* a run of zeros over the middle of the deflate stream */
  {
    g_autofree guint8 *bad = g_memdup2 (z, zlen);
    g_autoptr(GError) e = NULL;
    g_autoptr(PsDataset) ds = NULL;

    memset (bad + zlen / 2, 0, 256);
    bad_path = write_file ("bad.csv.gz", (const char *) bad, (gssize) zlen);
    ds = ps_dataset_load_csv (bad_path, NULL, NULL, NULL, NULL, &e);
    g_assert_null (ds);
    g_test_message ("%s", e->message);
    g_assert_nonnull (strstr (e->message, "bad.csv.gz"));
    g_assert_true (g_error_matches (e, PS_DATASET_ERROR, PS_DATASET_ERROR_PARSE)
                   || g_error_matches (e, PS_DATASET_ERROR, PS_DATASET_ERROR_TRUNCATED));
  }
}

/* Multi-member gzip (cat a.gz b.gz, pigz, bgzip): every member is read, not
 * only the first; zero padding after the last member is skipped; garbage
 * after it is an error naming the file. */
static void
test_gzip_members (void)
{
  GString *a = g_string_new ("x1,x2,y\n");
  GString *b = g_string_new (NULL);
  GString *cat = g_string_new (NULL);
  g_autoptr(GBytes) za = NULL;
  g_autoptr(GBytes) zb = NULL;
  g_autofree char *path = NULL;
  g_autoptr(PsDataset) ds = NULL;
  g_autoptr(GError) error = NULL;
  const guint8 *d;
  gsize len;

  for (int i = 0; i < 100; i++)
    g_string_append_printf (a, "%d,%d,%s\n", i, -i, i % 2 ? "odd" : "even");
  for (int i = 100; i < 1000; i++)
    g_string_append_printf (b, "%d,%d,%s\n", i, -i, i % 2 ? "odd" : "even");
  za = ps_test_gzip (a->str, a->len);
  zb = ps_test_gzip (b->str, b->len);
  d = g_bytes_get_data (za, &len);
  g_string_append_len (cat, (const char *) d, (gssize) len);
  d = g_bytes_get_data (zb, &len);
  g_string_append_len (cat, (const char *) d, (gssize) len);

  path = write_file ("two-members.csv.gz", cat->str, (gssize) cat->len);
  ds = ps_dataset_load_csv (path, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ds->n_samples, ==, 1000);
  g_assert_cmpfloat (ds->x[999 * 2], ==, 999.0f);
  g_assert_cmpuint (ds->n_classes, ==, 2);
  g_clear_pointer (&ds, ps_dataset_unref);

  /* zero padding after the last member (bgzip blocks, tar) */
  {
    g_autofree char *padded = g_malloc0 (cat->len + 1024);
    g_autofree char *ppath = NULL;

    memcpy (padded, cat->str, cat->len);
    ppath = write_file ("padded.csv.gz", padded, (gssize) cat->len + 1024);
    ds = ps_dataset_load_csv (ppath, NULL, NULL, NULL, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (ds->n_samples, ==, 1000);
    g_clear_pointer (&ds, ps_dataset_unref);
  }

  /* garbage after a member is not silently dropped */
  {
    g_autofree char *gpath = NULL;

    g_string_append (cat, "this is not gzip\n");
    gpath = write_file ("garbage.csv.gz", cat->str, (gssize) cat->len);
    ds = ps_dataset_load_csv (gpath, NULL, NULL, NULL, NULL, &error);
    g_assert_null (ds);
    g_assert_nonnull (error);
    g_test_message ("%s", error->message);
    g_assert_nonnull (strstr (error->message, "garbage.csv.gz"));
    g_clear_error (&error);
  }

  /* the second member cut short: truncated, not 100 rows */
  {
    g_autofree char *tpath = NULL;

    tpath = write_file ("cut-member.csv.gz", cat->str, (gssize) (g_bytes_get_size (za) + 40));
    ds = ps_dataset_load_csv (tpath, NULL, NULL, NULL, NULL, &error);
    g_assert_null (ds);
    g_assert_error (error, PS_DATASET_ERROR, PS_DATASET_ERROR_TRUNCATED);
    g_clear_error (&error);
  }
  g_string_free (a, TRUE);
  g_string_free (b, TRUE);
  g_string_free (cat, TRUE);
}

/* The converter itself, on 3 members fed in small pieces through a
 * GConverterInputStream (members split across reads) and in one call. */
static void
test_gzip_converter (void)
{
  const char *parts[3] = { "alpha\n", "", "gamma delta\n" };
  GString *all = g_string_new (NULL);
  GString *want = g_string_new (NULL);

  for (int i = 0; i < 3; i++)
    {
      g_autoptr(GBytes) z = ps_test_gzip (parts[i], strlen (parts[i]));

      g_string_append_len (all, g_bytes_get_data (z, NULL), (gssize) g_bytes_get_size (z));
      g_string_append (want, parts[i]);
    }

  /* through a stream, 7 bytes of input at a time */
  {
    g_autoptr(PsGzipDecompressor) conv = ps_gzip_decompressor_new ();
    g_autoptr(GInputStream) mem = NULL;
    g_autoptr(GInputStream) in = NULL;
    g_autoptr(GError) error = NULL;
    GString *got = g_string_new (NULL);
    char buf[5];
    gssize n;

    mem = g_memory_input_stream_new ();
    for (gsize off = 0; off < all->len; off += 7)
      g_memory_input_stream_add_data (G_MEMORY_INPUT_STREAM (mem),
                                      g_memdup2 (all->str + off, MIN (7, all->len - off)),
                                      (gssize) MIN (7, all->len - off), g_free);
    in = g_converter_input_stream_new (mem, G_CONVERTER (conv));
    while ((n = g_input_stream_read (in, buf, sizeof buf, NULL, &error)) > 0)
      g_string_append_len (got, buf, n);
    g_assert_no_error (error);
    g_assert_cmpint (n, ==, 0);
    g_assert_cmpstr (got->str, ==, want->str);
    g_assert_cmpuint (ps_gzip_decompressor_get_members (conv), ==, 3);
    g_string_free (got, TRUE);
  }

  /* by hand, the whole input at once with INPUT_AT_END */
  {
    g_autoptr(PsGzipDecompressor) conv = ps_gzip_decompressor_new ();
    char out[256];
    gsize in_pos = 0, out_pos = 0;
    GConverterResult res;

    do
      {
        g_autoptr(GError) error = NULL;
        gsize r = 0, w = 0;

        res = g_converter_convert (G_CONVERTER (conv), all->str + in_pos, all->len - in_pos,
                                   out + out_pos, sizeof out - out_pos,
                                   G_CONVERTER_INPUT_AT_END, &r, &w, &error);
        g_assert_no_error (error);
        g_assert_true (r > 0 || w > 0 || res == G_CONVERTER_FINISHED);
        in_pos += r;
        out_pos += w;
      }
    while (res != G_CONVERTER_FINISHED);
    g_assert_cmpuint (in_pos, ==, all->len);
    g_assert_cmpmem (out, out_pos, want->str, want->len);
    g_assert_cmpuint (ps_gzip_decompressor_get_members (conv), ==, 3);

    /* reset: it starts over */
    g_converter_reset (G_CONVERTER (conv));
    g_assert_cmpuint (ps_gzip_decompressor_get_members (conv), ==, 0);
  }
  g_string_free (all, TRUE);
  g_string_free (want, TRUE);
}

/* What is not a regular file is refused at once, never read or waited for:
 * a FIFO (no writer: open would block without O_NONBLOCK), /dev/zero (one
 * endless line), a folder. A regular file with one line over 16 MiB is an
 * error naming the line. */
static void
test_not_regular (void)
{
  g_autofree char *fifo = g_build_filename (tmpdir, "fifo.csv", NULL);
  g_autofree char *dir = g_build_filename (tmpdir, "folder.csv", NULL);
  const char *paths[] = { fifo, "/dev/zero", dir };
  const char *want[] = { "not a regular file", "not a regular file", "is a folder" };

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);
  for (guint k = 0; k < G_N_ELEMENTS (paths); k++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PsDataset) ds = ps_dataset_load_csv (paths[k], NULL, NULL, NULL, NULL, &error);

      g_assert_null (ds);
      g_assert_error (error, PS_DATASET_ERROR, PS_DATASET_ERROR_NOT_FOUND);
      g_test_message ("%s", error->message);
      g_assert_nonnull (strstr (error->message, paths[k]));
      g_assert_nonnull (strstr (error->message, want[k]));
    }
  g_unlink (fifo);
  g_rmdir (dir);

  {
    /* 17 fields of 1 MB each: a 17 MB line 3 */
    GString *s = g_string_new (NULL);

    for (int f = 0; f < 17; f++)
      g_string_append_printf (s, "c%d,", f);
    g_string_append (s, "y\n");
    for (int f = 0; f < 17; f++)
      g_string_append (s, "1,");
    g_string_append (s, "0\n");
    for (int f = 0; f < 17; f++)
      {
        for (int i = 0; i < 1000000; i++)
          g_string_append_c (s, '1');
        g_string_append_c (s, ',');
      }
    g_string_append (s, "1\n");
    expect_fail_opts (s->str, (gssize) s->len, NULL, PS_DATASET_ERROR_TOO_LARGE, "data.csv:3:", "16 MB");
    g_string_free (s, TRUE);
  }
}

typedef struct
{
  const char *path;
  int         how;      /* 0: truncate to half, 1: append a row */
  gboolean    done;
} ChangeData;

static void
change_midway (double   fraction,
               gpointer user_data)
{
  ChangeData *cd = user_data;

  if (cd->done || fraction <= 0.0)
    return;
  cd->done = TRUE;
  if (cd->how == 0)
    {
      GStatBuf st;

      g_assert_cmpint (g_stat (cd->path, &st), ==, 0);
      g_assert_cmpint (truncate (cd->path, st.st_size / 2), ==, 0);
    }
  else
    {
      FILE *f = fopen (cd->path, "a");

      g_assert_nonnull (f);
      fputs ("1.5,2,-3.5,cat\n", f);
      fclose (f);
    }
}

/* A file cut short or grown while it loads is an error naming the file, not
 * a dataset of part of the rows (plain and gzip). */
static void
test_changed_while_loading (void)
{
  GString *s = g_string_new ("x1,x2,x3,y\n");
  g_autoptr(GBytes) gz = NULL;

  for (int i = 0; i < 100000; i++)
    g_string_append_printf (s, "%d.25,%d,-%d.5,%s\n", i, i % 1000, i % 7, i % 2 ? "cat" : "dog");
  gz = ps_test_gzip (s->str, s->len);
  for (int how = 0; how < 2; how++)
    for (int zipped = 0; zipped < 2; zipped++)
      {
        g_autofree char *path = NULL;
        g_autoptr(GError) error = NULL;
        g_autoptr(PsDataset) ds = NULL;
        ChangeData cd = { NULL, how, FALSE };

        if (zipped)
          path = write_file ("changing.csv.gz", g_bytes_get_data (gz, NULL),
                             (gssize) g_bytes_get_size (gz));
        else
          path = write_file ("changing.csv", s->str, (gssize) s->len);
        cd.path = path;
        ds = ps_dataset_load_csv (path, NULL, NULL, change_midway, &cd, &error);
        g_assert_true (cd.done);
        g_assert_null (ds);
        g_assert_nonnull (error);
        g_test_message ("%s", error->message);
        g_assert_nonnull (strstr (error->message, path));
        /* rows appended to a .gz are not gzip: corrupt data */
        g_assert_true (g_error_matches (error, PS_DATASET_ERROR, PS_DATASET_ERROR_TRUNCATED)
                       || (zipped && how == 1
                           && g_error_matches (error, PS_DATASET_ERROR, PS_DATASET_ERROR_PARSE)));
      }
  g_string_free (s, TRUE);
}

/* The preview's sniffer is the reader's: a headerless "1,5;2,5;0" is split
 * on ';' (decimal commas), as loading reads it. */
static void
test_sniff_separator (void)
{
  g_autofree char *path = write_file ("sniff.csv", "1,5;2,5;0\n3,5;4,5;1\n0,5;1,5;0\n", -1);
  g_autoptr(GError) error = NULL;
  g_autoptr(PsCsvPreview) p = ps_csv_sniff (path, NULL, 2, &error);
  g_autoptr(PsDataset) ds = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (p->separator, ==, ';');
  g_assert_false (p->has_header);
  g_assert_cmpuint (p->n_columns, ==, 3);
  g_assert_cmpuint (p->n_rows, ==, 2);
  g_assert_cmpstr (p->rows[0][0], ==, "1,5");
  g_assert_cmpstr (p->rows[0][2], ==, "0");
  g_assert_cmpstr (p->rows[1][1], ==, "4,5");
  g_assert_null (p->rows[2]);
  g_assert_cmpuint (p->label_column, ==, 2);

  ds = ps_dataset_load_csv (path, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ds->n_features, ==, p->n_columns - 1);
  g_assert_cmpfloat (ds->x[0], ==, 1.5f);
  g_assert_cmpfloat (ds->x[1], ==, 2.5f);
}

/* The preview's columns are what the loader reads, the label it suggests
 * included (the text column when the last holds numbers). */
static void
test_sniff_columns (void)
{
  g_autofree char *path = write_file ("sniff-iris.csv",
                                      "\xEF\xBB\xBFspecies,\"sepal, length\",width\n"
                                      "setosa,5.1,3.5\nversicolor,7.0,3.2\nvirginica,6.3,3.3\n", -1);
  g_autoptr(GError) error = NULL;
  g_autoptr(PsCsvPreview) p = ps_csv_sniff (path, NULL, 10, &error);
  g_autoptr(PsDataset) ds = NULL;
  PsCsvOptions opts = { NULL, 0, -1 };

  g_assert_no_error (error);
  g_assert_cmpint (p->separator, ==, ',');
  g_assert_true (p->has_header);
  g_assert_cmpuint (p->n_columns, ==, 3);
  g_assert_cmpstr (p->column_names[0], ==, "species");
  g_assert_cmpstr (p->column_names[1], ==, "sepal, length");
  g_assert_cmpuint (p->n_rows, ==, 3);
  g_assert_cmpuint (p->label_column, ==, 0);

  opts.label_column = p->column_names[p->label_column];
  ds = ps_dataset_load_csv (path, &opts, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ds->n_features, ==, 2);
  g_assert_cmpstr (ds->feature_names[0], ==, p->column_names[1]);
  g_assert_cmpstr (ds->feature_names[1], ==, p->column_names[2]);
  g_assert_cmpstr (ds->class_names[0], ==, "setosa");

  /* a named label column is resolved as the reader does, or refused */
  {
    PsCsvOptions named = { "width", 0, -1 };
    PsCsvOptions unknown = { "petal", 0, -1 };
    g_autoptr(PsCsvPreview) q = ps_csv_sniff (path, &named, 1, NULL);
    g_autoptr(PsCsvPreview) r = ps_csv_sniff (path, &unknown, 1, &error);

    g_assert_cmpuint (q->label_column, ==, 2);
    g_assert_null (r);
    g_assert_error (error, PS_DATASET_ERROR, PS_DATASET_ERROR_MISMATCH);
  }
}

static void
test_sniff_errors (void)
{
  g_autofree char *empty = write_file ("sniff-empty.csv", "\n\n", -1);
  g_autoptr(GError) error = NULL;

  g_assert_null (ps_csv_sniff ("/nonexistent/sniff.csv", NULL, 5, &error));
  g_assert_error (error, PS_DATASET_ERROR, PS_DATASET_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (ps_csv_sniff (tmpdir, NULL, 5, &error));
  g_assert_error (error, PS_DATASET_ERROR, PS_DATASET_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (ps_csv_sniff (empty, NULL, 5, &error));
  g_assert_error (error, PS_DATASET_ERROR, PS_DATASET_ERROR_EMPTY);
}

/* The preview's table: fixed-width columns, long cells cut with "…"
 * (characters, not bytes), and the label column named as the reader takes
 * it (the header's name, or the index without a header). */
static void
test_sniff_text (void)
{
  g_autofree char *path = write_file ("sniff-text.csv",
                                      "name,value\nalpha,1\nabcdefghijklmnopq,22\n"
                                      "\xC3\xB1" "and\xC3\xBA,3\n", -1);
  g_autofree char *bare = write_file ("sniff-bare.csv", "1,2,0\n3,4,1\n", -1);
  g_autoptr(GError) error = NULL;
  g_autoptr(PsCsvPreview) p = ps_csv_sniff (path, NULL, 10, &error);
  g_autoptr(PsCsvPreview) q = NULL;
  g_autofree char *text = NULL;
  g_autofree char *spec = NULL;
  g_autofree char *bare_spec = NULL;

  g_assert_no_error (error);
  g_assert_true (p->has_header);
  text = ps_csv_preview_to_text (p, 6);
  g_assert_cmpstr (text, ==,
                   "name    value\n"
                   "alpha   1    \n"
                   "abcde\xE2\x80\xA6  22   \n"
                   "\xC3\xB1" "and\xC3\xBA   3    ");
  spec = ps_csv_preview_column_spec (p, 1);
  g_assert_cmpstr (spec, ==, "value");

  q = ps_csv_sniff (bare, NULL, 10, &error);
  g_assert_no_error (error);
  g_assert_false (q->has_header);
  bare_spec = ps_csv_preview_column_spec (q, 2);
  g_assert_cmpstr (bare_spec, ==, "2");
}

int
main (int argc, char **argv)
{
  int ret;

  g_test_init (&argc, &argv, NULL);
  tmpdir = g_dir_make_tmp ("ps-test-csv-XXXXXX", NULL);
  g_assert_nonnull (tmpdir);

  g_test_add_func ("/csv/basic", test_basic);
  g_test_add_func ("/csv/separators", test_separators);
  g_test_add_func ("/csv/quotes", test_quotes_ok);
  g_test_add_func ("/csv/number-exactness", test_number_exactness);
  g_test_add_func ("/csv/header-detection", test_header_detection);
  g_test_add_func ("/csv/label-column", test_label_column);
  g_test_add_func ("/csv/labels", test_labels);
  g_test_add_func ("/csv/many-classes", test_many_classes);
  g_test_add_func ("/csv/sparse-labels", test_sparse_labels);
  g_test_add_func ("/csv/wide", test_wide);
  g_test_add_func ("/csv/text-forms", test_text_forms);
  g_test_add_func ("/csv/bad-files", test_bad_files);
  g_test_add_func ("/csv/long-progress-cancel", test_long_progress_cancel);
  g_test_add_func ("/csv/gzip", test_gzip);
  g_test_add_func ("/csv/gzip-members", test_gzip_members);
  g_test_add_func ("/csv/gzip-converter", test_gzip_converter);
  g_test_add_func ("/csv/not-regular", test_not_regular);
  g_test_add_func ("/csv/changed-while-loading", test_changed_while_loading);
  g_test_add_func ("/csv/sniff/separator", test_sniff_separator);
  g_test_add_func ("/csv/sniff/columns", test_sniff_columns);
  g_test_add_func ("/csv/sniff/errors", test_sniff_errors);
  g_test_add_func ("/csv/sniff/text", test_sniff_text);
  ret = g_test_run ();

  {
    GDir *d = g_dir_open (tmpdir, 0, NULL);
    const char *name;
    while (d != NULL && (name = g_dir_read_name (d)) != NULL)
      {
        g_autofree char *p = g_build_filename (tmpdir, name, NULL);
        g_unlink (p);
      }
    if (d != NULL)
      g_dir_close (d);
    g_rmdir (tmpdir);
  }
  g_free (tmpdir);
  return ret;
}
