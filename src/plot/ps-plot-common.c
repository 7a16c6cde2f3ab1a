/* ps-plot-common.c: to be written */
