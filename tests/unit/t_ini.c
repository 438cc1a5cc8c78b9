/* t_ini.c: STUB, skipped until the ini tests land. */
int main(void) { return 77; }
