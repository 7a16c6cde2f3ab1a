/* ps-plot-curves.c: to be written */
