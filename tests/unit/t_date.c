/* t_date.c: STUB, skipped until the date tests land. */
int main(void) { return 77; }
