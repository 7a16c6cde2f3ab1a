/* ps-model-file.c: to be written */
