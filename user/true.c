/* true: does nothing, successfully — the smallest program to exec in tests and
 * benchmarks. */
int main(void)
{
    return 0;
}
