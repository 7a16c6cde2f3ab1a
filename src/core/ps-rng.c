/* ps-rng.c: to be written */
