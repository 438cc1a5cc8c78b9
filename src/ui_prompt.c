/* ui_prompt.c: STUB. */
