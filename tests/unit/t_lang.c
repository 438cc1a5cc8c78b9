/* t_lang.c: STUB, skipped until the lang tests land. */
int main(void) { return 77; }
