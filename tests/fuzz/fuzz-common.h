/* fuzz-common.h: helpers shared by the fuzz targets
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The targets are plain C: built with -fsanitize=fuzzer they are libFuzzer
 * targets; linked with replay.c they replay corpora under `meson test`.
 * An invariant that does not hold calls fuzz_fail(), which aborts, so both
 * libFuzzer and the replay test report it as a crash.
 */
#pragma once

#include <glib.h>
#include <glib/gstdio.h>
#include <gio/gio.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

#define fuzz_check(expr) \
  G_STMT_START { if (G_UNLIKELY (!(expr))) fuzz_fail (__FILE__, __LINE__, #expr); } G_STMT_END

static inline void
fuzz_fail (const char *file, int line, const char *what)
{
  fprintf (stderr, "%s:%d: invariant failed: %s\n", file, line, what);
  fflush (stderr);
  abort ();
}

/* PS_FUZZ_VERBOSE=1 prints each refusal (to judge the messages by eye). */
static inline void
fuzz_verbose (const char *message)
{
  static int verbose = -1;
  if (verbose < 0)
    verbose = g_getenv ("PS_FUZZ_VERBOSE") != NULL;
  if (verbose)
    printf ("# refused: %s\n", message);
}

/* A per-process scratch folder, removed at exit. */
static char *fuzz_scratch_dir;

static void
fuzz_scratch_cleanup (void)
{
  if (fuzz_scratch_dir == NULL)
    return;
  g_autoptr(GDir) dir = g_dir_open (fuzz_scratch_dir, 0, NULL);
  const char *name;
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fuzz_scratch_dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (fuzz_scratch_dir);
  g_clear_pointer (&fuzz_scratch_dir, g_free);
}

/* Writes data to @name in the scratch folder; returns the path (owned by
 * the caller). Aborts when the scratch file cannot be written: that is the
 * harness failing, not the code under test. */
static inline char *
fuzz_write_file (const char *name,
                 const void *data,
                 size_t      size)
{
  if (fuzz_scratch_dir == NULL)
    {
      fuzz_scratch_dir = g_dir_make_tmp ("ps-fuzz-XXXXXX", NULL);
      fuzz_check (fuzz_scratch_dir != NULL);
      atexit (fuzz_scratch_cleanup);
    }
  char *path = g_build_filename (fuzz_scratch_dir, name, NULL);
  FILE *f = fopen (path, "wb");
  fuzz_check (f != NULL);
  fuzz_check (size == 0 || fwrite (data, 1, size, f) == size);
  fuzz_check (fclose (f) == 0);
  return path;
}

/* gzip-compresses data (so that mutations of the uncompressed bytes reach the
 * gz path of a reader). Returns a new GBytes. */
static inline GBytes *
fuzz_gzip (const void *data,
           size_t      size)
{
  g_autoptr(GZlibCompressor) z = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, 6);
  g_autoptr(GByteArray) out = g_byte_array_new ();
  gsize in_pos = 0;
  guint8 buf[16384];
  for (;;)
    {
      gsize read = 0, written = 0;
      GConverterResult r = g_converter_convert (G_CONVERTER (z),
                                                (const guint8 *) data + in_pos, size - in_pos,
                                                buf, sizeof buf,
                                                G_CONVERTER_INPUT_AT_END,
                                                &read, &written, NULL);
      fuzz_check (r != G_CONVERTER_ERROR);
      in_pos += read;
      g_byte_array_append (out, buf, written);
      if (r == G_CONVERTER_FINISHED)
        break;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

#ifdef PS_FUZZ_DATASET
#include "ps-dataset.h"
/* white-box: a reader's result is checked field by field, ref_count too */
#include "ps-dataset-private.h"

static inline void
fuzz_check_names (char **names,
                  gsize  expected)
{
  fuzz_check (names != NULL);
  gsize n = 0;
  for (; names[n] != NULL; n++)
    fuzz_check (g_utf8_validate (names[n], -1, NULL));  /* shown by GTK as is */
  fuzz_check (n == expected);
}

static inline void
fuzz_check_rows (const PsDataset *ds)
{
  g_autofree float *row = g_new (float, ds->n_features);
  guint32 label = 0;
  for (gsize i = 0; i < ds->n_samples; i++)
    {
      ps_dataset_gather (ds, NULL, i, 1, row, &label);
      fuzz_check (label < ds->n_classes);
      for (gsize j = 0; j < ds->n_features; j++)
        fuzz_check (isfinite (row[j]));
    }
}

/* What every reader promises about a dataset it returns. */
static inline void
fuzz_check_dataset (PsDataset *ds)
{
  fuzz_check (ds->ref_count == 1);
  fuzz_check (ds->name != NULL && g_utf8_validate (ds->name, -1, NULL));
  fuzz_check (ds->n_samples >= 1);
  fuzz_check (ds->n_features >= 1);
  fuzz_check ((ds->x == NULL) != (ds->x_u8 == NULL));
  fuzz_check (ds->labels != NULL);
  fuzz_check (ds->n_classes >= 1);
  fuzz_check_names (ds->class_names, ds->n_classes);
  if (ds->feature_names != NULL)
    fuzz_check_names (ds->feature_names, ds->n_features);
  if (ds->image_width != 0 || ds->image_height != 0)
    fuzz_check ((gsize) ds->image_width * ds->image_height == ds->n_features);
  for (gsize i = 0; i < ds->n_samples; i++)
    fuzz_check (ds->labels[i] < ds->n_classes);
  if (ds->x != NULL)
    for (gsize k = 0; k < ds->n_samples * ds->n_features; k++)
      fuzz_check (isfinite (ds->x[k]));

  /* Scaled values reach the network: they must stay finite whatever the
   * data (constant columns, huge ranges). */
  fuzz_check_rows (ds);
  ps_dataset_set_scaling (ds, PS_SCALING_UNIT, NULL);
  fuzz_check_rows (ds);
  ps_dataset_set_scaling (ds, PS_SCALING_STANDARD, NULL);
  fuzz_check_rows (ds);

  PsDataset *part = ps_dataset_slice (ds, ds->n_samples / 2, ds->n_samples - ds->n_samples / 2);
  fuzz_check (part != NULL);
  fuzz_check (part->n_samples == ds->n_samples - ds->n_samples / 2);
  fuzz_check (part->n_classes == ds->n_classes);
  fuzz_check_rows (part);
  ps_dataset_unref (part);
}
#endif
