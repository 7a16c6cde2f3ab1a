/* ps-csv.c: streaming CSV reader (being written) */
#include "config.h"

#include "ps-dataset.h"

PsDataset *
ps_dataset_load_csv (const char          *path,
                     const PsCsvOptions  *options,
                     GCancellable        *cancellable,
                     PsLoadProgressFunc   progress,
                     gpointer             user_data,
                     GError             **error)
{
  g_set_error (error, PS_DATASET_ERROR, PS_DATASET_ERROR_INVALID, "%s: CSV reader not written yet", path);
  return NULL;
}
