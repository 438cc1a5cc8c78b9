/* ui_help.c: STUB. */
