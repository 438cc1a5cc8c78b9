/* ui_reader.c: STUB. */
