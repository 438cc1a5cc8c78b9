/* t_wrap.c: STUB, skipped until the wrap tests land. */
int main(void) { return 77; }
