/* ui_themes.c: STUB. */
