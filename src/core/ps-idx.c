/* ps-idx.c: to be written */
