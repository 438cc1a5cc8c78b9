/* t_article.c: STUB, skipped until the article tests land. */
int main(void) { return 77; }
