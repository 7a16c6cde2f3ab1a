/* ps-plot-export.c: to be written */
