/* t_text.c: STUB, skipped until the text tests land. */
int main(void) { return 77; }
