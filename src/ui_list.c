/* ui_list.c: STUB. */
