/* t_corpus.c: STUB, skipped until the corpus tests land. */
int main(void) { return 77; }
