/* fuzz-idx.c: libFuzzer target for the IDX reader (ps_dataset_load_idx)
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Input: byte 0 = flags, bytes 1-2 = little-endian length of the images file,
 * then the images file's bytes, then the labels file's bytes.
 *   flag 1: gzip the images bytes (the fuzzer then mutates what is inside)
 *   flag 2: gzip the labels bytes
 *   flag 4: no labels file (labels_path NULL)
 *   flag 8: name the files *.gz even when not compressed (and vice versa),
 *           so broken gzip streams and misnamed files are tried too
 */
#include "config.h"

#define PS_FUZZ_DATASET
#include "fuzz-common.h"
#include "ps-idx.h"

static char *
write_part (const char    *base,
            const uint8_t *data,
            size_t         size,
            gboolean       gzip,
            gboolean       misname)
{
  gboolean gz_name = gzip != misname;
  g_autofree char *name = g_strconcat (base, gz_name ? ".gz" : "", NULL);
  if (!gzip)
    return fuzz_write_file (name, data, size);
  g_autoptr(GBytes) z = fuzz_gzip (data, size);
  gsize zlen = 0;
  const void *zdata = g_bytes_get_data (z, &zlen);
  return fuzz_write_file (name, zdata, zlen);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  if (size < 3)
    return 0;
  guint flags = data[0];
  size_t split = data[1] | ((size_t) data[2] << 8);
  data += 3;
  size -= 3;
  if (split > size)
    split = size;

  g_autofree char *images = write_part ("images-idx3-ubyte", data, split,
                                        flags & 1, (flags & 8) != 0);
  g_autofree char *labels = NULL;
  if (!(flags & 4))
    labels = write_part ("labels-idx1-ubyte", data + split, size - split,
                         (flags & 2) != 0, (flags & 8) != 0);

  g_autoptr(GError) error = NULL;
  PsDataset *ds = ps_dataset_load_idx (images, labels, NULL, NULL, NULL, &error);
  if (ds == NULL)
    {
      fuzz_check (error != NULL);
      fuzz_verbose (error->message);
      fuzz_check (error->domain == PS_DATASET_ERROR);
      fuzz_check (error->message != NULL && error->message[0] != '\0');
      fuzz_check (g_utf8_validate (error->message, -1, NULL));
      return 0;
    }
  fuzz_check (error == NULL);
  fuzz_check_dataset (ds);
  ps_dataset_unref (ds);
  return 0;
}
