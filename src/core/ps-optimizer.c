/* ps-optimizer.c: to be written */
