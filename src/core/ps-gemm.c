/* ps-gemm.c: to be written */
