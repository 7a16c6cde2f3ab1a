/* ps-generators.c: to be written */
