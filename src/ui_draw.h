/* ui_draw.h: STUB. */
