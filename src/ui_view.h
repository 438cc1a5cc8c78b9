/* ui_view.h: STUB. */
