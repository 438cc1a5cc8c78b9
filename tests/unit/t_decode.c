/* t_decode.c: STUB, skipped until the decode tests land. */
int main(void) { return 77; }
