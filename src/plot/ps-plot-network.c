/* ps-plot-network.c: to be written */
