/* ps-trainer.c: to be written */
