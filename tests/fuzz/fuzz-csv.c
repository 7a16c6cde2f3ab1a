/* fuzz-csv.c: libFuzzer target for the CSV reader (ps_dataset_load_csv)
 *
 * Copyright 2026 The Perceptron Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Input: the bytes of a CSV file, read with the default options (everything
 * detected). An input starting with byte 0x01 carries one more byte of
 * options first (separator, header, label column), so the fuzzer reaches the
 * explicit-option paths while plain CSV files stay valid seeds. An input
 * starting with 0x02 and an offset byte gets blank lines inserted after its
 * first line so that its rest straddles the reader's 256 KiB chunk boundary
 * at that offset (records, quotes and CRLF split across two reads); as it
 * is slow, PS_FUZZ_CSV_NO_STRADDLE=1 turns it off for the main campaign.
 */
#include "config.h"

#define PS_FUZZ_DATASET
#include "fuzz-common.h"
#include "ps-csv.h"

#include <string.h>

#define CSV_CHUNK_SIZE (256 * 1024)   /* ps-csv.c's CHUNK_SIZE */

static const char *const label_columns[] = {
  NULL, "0", "1", "label", "class", "-1", "99999999999999999999", "",
};

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  PsCsvOptions options = { NULL, 0, -1 };

  if (size >= 2 && data[0] == 0x01)
    {
      static const char seps[] = { 0, ',', ';', '\t' };
      options.separator = seps[data[1] & 3];
      options.has_header = ((data[1] >> 2) % 3) - 1;
      options.label_column = label_columns[(data[1] >> 4) & 7];
      data += 2;
      size -= 2;
    }

  g_autofree guint8 *padded = NULL;
  static int straddle = -1;
  if (straddle < 0)   /* the padding makes a run ~100x slower: a separate campaign */
    straddle = g_getenv ("PS_FUZZ_CSV_NO_STRADDLE") == NULL;
  if (straddle && size >= 2 && data[0] == 0x02)
    {
      size_t offset = data[1];
      data += 2;
      size -= 2;
      const uint8_t *nl = memchr (data, '\n', size);
      size_t head = nl != NULL ? (size_t) (nl - data) + 1 : size;
      size_t pad = CSV_CHUNK_SIZE > head + offset ? CSV_CHUNK_SIZE - head - offset : 0;
      padded = g_malloc (size + pad);
      memcpy (padded, data, head);
      memset (padded + head, '\n', pad);
      memcpy (padded + head + pad, data + head, size - head);
      data = padded;
      size += pad;
    }

  g_autofree char *path = fuzz_write_file ("input.csv", data, size);
  g_autoptr(GError) error = NULL;
  PsDataset *ds = ps_dataset_load_csv (path, &options, NULL, NULL, NULL, &error);
  if (ds == NULL)
    {
      /* A refusal is an answer, but it must say why, in the dataset domain. */
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
