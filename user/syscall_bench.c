/* syscall_bench: what a system call, a fork and an exec cost, per operation.
 *
 * Times N repetitions of each operation with the time-stamp counter (rdtsc), best of
 * three rounds, and prints one line per operation that `./keel bench` reads:
 *
 *     bench-result getpid ops=100000 cycles_per_op=312
 *
 * On the host and in the sim, rdtsc counts CPU cycles; in QEMU run with -icount shift=0
 * it counts guest instructions, which is what makes QEMU's figures repeatable. The
 * operations: getpid through syscall() (the null system call), an unknown system call
 * number (ENOSYS), fork + _exit + wait, and fork + execve of a program that returns at
 * once (argv[1], default /bin/true) + wait. The same binary runs on Linux for the peer
 * column. Usage: syscall_bench [TRUE_PROGRAM [SCALE]] (SCALE divides the counts, for
 * slow machines).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static uint64_t cycles(void)
{
    uint32_t low, high;
    __asm__ volatile("rdtsc" : "=a"(low), "=d"(high));
    return (uint64_t)high << 32 | low;
}

static const char *true_program = "/bin/true";

static void null_syscall(void) { syscall(SYS_getpid); }
static void unknown_syscall(void) { syscall(449 + 50); }

static void wait_child(pid_t pid)
{
    int status;
    if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        fprintf(stderr, "syscall_bench: a child failed\n");
        exit(1);
    }
}

static void fork_exit_wait(void)
{
    pid_t pid = fork();
    if (pid == 0)
        _exit(0);
    wait_child(pid);
}

static void fork_exec_wait(void)
{
    pid_t pid = fork();
    if (pid == 0) {
        char *arguments[] = { (char *)true_program, NULL };
        char *environment[] = { NULL };
        execve(true_program, arguments, environment);
        _exit(127);
    }
    wait_child(pid);
}

static void measure(const char *name, void (*operation)(void), long count)
{
    uint64_t best = UINT64_MAX;
    for (int round = 0; round < 3; round++) {
        uint64_t start = cycles();
        for (long i = 0; i < count; i++)
            operation();
        uint64_t elapsed = cycles() - start;
        if (elapsed < best)
            best = elapsed;
    }
    printf("bench-result %s ops=%ld cycles_per_op=%llu\n", name, count,
           (unsigned long long)(best / (uint64_t)count));
    fflush(stdout);
}

int main(int argc, char **argv)
{
    if (argc > 1)
        true_program = argv[1];
    long scale = argc > 2 ? atol(argv[2]) : 1;
    if (scale < 1)
        scale = 1;
    measure("getpid", null_syscall, 100000 / scale);
    measure("enosys", unknown_syscall, 100000 / scale);
    measure("fork_exit_wait", fork_exit_wait, 1000 / scale);
    measure("fork_exec_wait", fork_exec_wait, 300 / scale);
    return 0;
}
