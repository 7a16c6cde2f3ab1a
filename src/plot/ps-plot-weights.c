/* ps-plot-weights.c: to be written */
