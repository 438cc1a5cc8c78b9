/* t_match.c: STUB, skipped until the match tests land. */
int main(void) { return 77; }
