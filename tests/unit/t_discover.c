/* t_discover.c: STUB, skipped until the discover tests land. */
int main(void) { return 77; }
