/* ps-csv.c: to be written */
