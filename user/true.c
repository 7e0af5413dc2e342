/* true: does nothing and exits with status 0. The smallest program there is: the
 * fork+exec+wait cycles of usertests and the benchmarks run it, and the malformed-ELF
 * cases of usertests start from a copy of it. */
int main(void)
{
    return 0;
}
