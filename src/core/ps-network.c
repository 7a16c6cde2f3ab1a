/* ps-network.c: to be written */
