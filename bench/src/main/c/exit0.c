/* exit0: a program that does nothing and succeeds, for the spawn baseline to start. */
int main(void) {
    return 0;
}
