/* ps-plot-confusion.c: to be written */
