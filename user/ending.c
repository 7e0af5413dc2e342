/* ending: ends the way its arguments say, for tests of how a parent learns that a child
 * ended.
 *
 *     ending exit N      exit(N)
 *     ending segv        write to address 0: SIGSEGV
 *     ending kernel      write to a kernel address: SIGSEGV
 *     ending ill         an invalid instruction (ud2): SIGILL
 *     ending fpe         divide by zero: SIGFPE
 *     ending spin        loop for ever (until killed)
 *     ending sleep       sleep for ever in nanosleep (until killed)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: ending exit N|segv|kernel|ill|fpe|spin|sleep\n");
        return 2;
    }
    const char *how = argv[1];
    if (strcmp(how, "exit") == 0 && argc > 2)
        exit(atoi(argv[2]));
    if (strcmp(how, "segv") == 0)
        *(volatile int *)0 = 1;
    if (strcmp(how, "kernel") == 0)
        *(volatile int *)0xffffffff80000000ul = 1;
    if (strcmp(how, "ill") == 0)
        __asm__ volatile("ud2");
    if (strcmp(how, "fpe") == 0) {
        volatile int seven = 7, zero = 0; /* not 1 / x, which gcc computes without dividing */
        printf("%d\n", seven / zero);
    }
    if (strcmp(how, "spin") == 0)
        for (;;)
            __asm__ volatile("" ::: "memory");
    if (strcmp(how, "sleep") == 0)
        for (;;) {
            struct timespec day = { 86400, 0 };
            nanosleep(&day, NULL);
        }
    fprintf(stderr, "ending: unknown way '%s'\n", how);
    return 2;
}
