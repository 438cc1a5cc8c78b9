/* t_query.c: STUB, skipped until the query tests land. */
int main(void) { return 77; }
