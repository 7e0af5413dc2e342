/* hello: the first user program on Keel.
 *
 * Prints a greeting and its arguments. Small as it is, it exercises what every C
 * program needs from the kernel before main() runs: the initial stack (argc, argv,
 * envp and the auxiliary vector), thread-local storage (arch_prctl), and memory from
 * brk or mmap (printf's buffer, and the copy made with malloc below).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv)
{
    printf("hello from user space\n");
    printf("argc = %d\n", argc);
    for (int i = 0; i < argc; i++) {
        /* A heap copy of each argument, so malloc has to ask for memory. */
        char *copy = malloc(strlen(argv[i]) + 1);
        if (copy == NULL) {
            perror("malloc");
            return 1;
        }
        strcpy(copy, argv[i]);
        printf("argv[%d] = \"%s\"\n", i, copy);
        free(copy);
    }
    return 0;
}
