/* ps-idx.c: IDX reader (being written) */
#include "config.h"

#include "ps-dataset.h"

PsDataset *
ps_dataset_load_idx (const char          *images_path,
                     const char          *labels_path,
                     GCancellable        *cancellable,
                     PsLoadProgressFunc   progress,
                     gpointer             user_data,
                     GError             **error)
{
  g_set_error (error, PS_DATASET_ERROR, PS_DATASET_ERROR_INVALID, "%s: IDX reader not written yet", images_path);
  return NULL;
}

PsDataset *
ps_dataset_load_idx_dir (const char          *dir,
                         gboolean             test,
                         GCancellable        *cancellable,
                         PsLoadProgressFunc   progress,
                         gpointer             user_data,
                         GError             **error)
{
  g_set_error (error, PS_DATASET_ERROR, PS_DATASET_ERROR_INVALID, "%s: IDX reader not written yet", dir);
  return NULL;
}

const char *
ps_dataset_fashion_mnist_dir (void)
{
  return NULL;
}
