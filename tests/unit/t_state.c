/* t_state.c: STUB, skipped until the state tests land. */
int main(void) { return 77; }
