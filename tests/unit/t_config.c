/* t_config.c: STUB, skipped until the config tests land. */
int main(void) { return 77; }
