/* ps-dataset.c: to be written */
