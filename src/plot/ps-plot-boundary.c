/* ps-plot-boundary.c: to be written */
