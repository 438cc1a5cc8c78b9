/* ui_draw.c: STUB. */
