/* ps-plot-samples.c: to be written */
