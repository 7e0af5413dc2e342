/* syscall_bench: what system calls, processes, memory, files and pipes cost, per operation.
 *
 * Times N repetitions of each operation with the time-stamp counter (rdtsc), best of
 * three rounds, and prints one line per operation that `./keel bench` reads:
 *
 *     bench-result getpid ops=100000 cycles_per_op=312
 *
 * On the host and in the sim, rdtsc counts CPU cycles; in QEMU run with -icount it counts
 * guest instructions, which is what makes QEMU's figures repeatable. The operations:
 * getpid through syscall() (the null system call), an unknown system call number
 * (ENOSYS), fork + _exit + wait, fork + execve of a program that returns at once
 * (argv[1], default /bin/true) + wait, and (issue 16's rows) vfork + _exit + wait,
 * posix_spawn of that program + wait, a sched_yield round trip between two processes on
 * one CPU (two hand-offs), a 1-byte round trip over two pipes between two processes, a
 * demand-zero page fault (per 4 KiB page written once), munmap (per page of a written
 * region), create + write 16 bytes + close + stat + unlink in /tmp, stat of a path 16
 * directories deep, and one 64 KiB write through a pipe to a reader (throughput). The
 * same binary runs on Linux for the peer column. Nothing here idles: a halted CPU would
 * move the clock under -icount. Usage: syscall_bench [TRUE_PROGRAM [SCALE]] (SCALE
 * divides the counts, for slow machines).
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <spawn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
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

static void fail(const char *what)
{
    perror(what);
    exit(1);
}

static void vfork_exit_wait(void)
{
    pid_t pid = vfork();
    if (pid == 0)
        _exit(0);
    wait_child(pid);
}

static void spawn_wait(void)
{
    char *arguments[] = { (char *)true_program, NULL };
    char *environment[] = { NULL };
    pid_t pid;
    if (posix_spawn(&pid, true_program, NULL, NULL, arguments, environment) != 0)
        fail("syscall_bench: posix_spawn");
    wait_child(pid);
}

/* A partner process for the two-process rows, on the same CPU as this one (where the
 * kernel lets it choose), ended with SIGKILL. */
static pid_t partner;

static void pin_to_first_cpu(void)
{
    cpu_set_t one;
    CPU_ZERO(&one);
    CPU_SET(0, &one);
    sched_setaffinity(0, sizeof one, &one); /* a kernel without it has one CPU anyway */
}

static void start_partner(void (*loop)(void))
{
    fflush(stdout);
    partner = fork();
    if (partner < 0)
        fail("syscall_bench: fork");
    if (partner == 0) {
        loop();
        _exit(0);
    }
}

static void stop_partner(void)
{
    kill(partner, SIGKILL);
    waitpid(partner, NULL, 0);
}

static void yield_forever(void)
{
    for (;;)
        sched_yield();
}

static void yield(void) { sched_yield(); }

static int to_partner[2], from_partner[2];

static void echo_bytes_forever(void)
{
    char byte;
    while (read(to_partner[0], &byte, 1) == 1)
        if (write(from_partner[1], &byte, 1) != 1)
            break;
}

static void pipe_round_trip(void)
{
    char byte = 'x';
    if (write(to_partner[1], &byte, 1) != 1 || read(from_partner[0], &byte, 1) != 1)
        fail("syscall_bench: pipe round trip");
}

enum { PAGE = 4096, REGION_PAGES = 1024, CHUNK = 65536 };
static char *region;

/* One page of the region per call, written once: one demand-zero fault each. The region
 * is mapped before and unmapped after each round (see measure). */
static long next_page;
static void touch_next_page(void) { region[next_page++ * PAGE] = 1; }

static void map_region(void)
{
    region = mmap(NULL, (size_t)REGION_PAGES * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (region == MAP_FAILED)
        fail("syscall_bench: mmap");
    madvise(region, (size_t)REGION_PAGES * PAGE, MADV_NOHUGEPAGE); /* 4 KiB pages on Linux */
    next_page = 0;
}

static void unmap_region(void) { munmap(region, (size_t)REGION_PAGES * PAGE); }

static void map_and_write_region(void)
{
    map_region();
    for (long page = 0; page < REGION_PAGES; page++)
        touch_next_page();
}

static void file_cycle(void)
{
    static const char path[] = "/tmp/syscall_bench.file";
    struct stat status;
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0 || write(fd, "sixteen bytes..\n", 16) != 16 || close(fd) != 0 || stat(path, &status) != 0
        || unlink(path) != 0)
        fail("syscall_bench: create+write+close+stat+unlink");
}

static char deep_path[256];

static void make_deep_path(void)
{
    strcpy(deep_path, "/tmp/syscall_bench.deep");
    for (int level = 0; level < 16; level++) {
        if (mkdir(deep_path, 0755) != 0)
            fail("syscall_bench: mkdir");
        strcat(deep_path, level < 15 ? "/d" : "");
    }
}

static void remove_deep_path(void)
{
    for (int level = 0; level < 16; level++) {
        rmdir(deep_path);
        *strrchr(deep_path, '/') = 0;
    }
}

static void stat_deep_path(void)
{
    struct stat status;
    if (stat(deep_path, &status) != 0)
        fail("syscall_bench: stat");
}

static char chunk[CHUNK];

static void drain_forever(void)
{
    static char sink[CHUNK];
    while (read(to_partner[0], sink, sizeof sink) > 0) {
    }
}

static void write_chunk(void)
{
    if (write(to_partner[1], chunk, sizeof chunk) != (ssize_t)sizeof chunk)
        fail("syscall_bench: pipe write");
}

static void open_pipes(void)
{
    if (pipe(to_partner) != 0 || pipe(from_partner) != 0)
        fail("syscall_bench: pipe");
}

static void close_pipes(void)
{
    close(to_partner[0]);
    close(to_partner[1]);
    close(from_partner[0]);
    close(from_partner[1]);
}

/* Times `count` calls of `operation`, best of three rounds, with `before` and `after`
 * (when given) run around each round, outside the timing. */
static void measure_around(const char *name, void (*operation)(void), long count, void (*before)(void),
                           void (*after)(void))
{
    uint64_t best = UINT64_MAX;
    for (int round = 0; round < 3; round++) {
        if (before)
            before();
        uint64_t start = cycles();
        for (long i = 0; i < count; i++)
            operation();
        uint64_t elapsed = cycles() - start;
        if (after)
            after();
        if (elapsed < best)
            best = elapsed;
    }
    printf("bench-result %s ops=%ld cycles_per_op=%llu\n", name, count,
           (unsigned long long)(best / (uint64_t)count));
    fflush(stdout);
}

static void measure(const char *name, void (*operation)(void), long count)
{
    measure_around(name, operation, count, NULL, NULL);
}

/* munmap alone, per page: the region is mapped and written outside the timing. */
static void measure_munmap(long rounds)
{
    uint64_t best = UINT64_MAX;
    for (long round = 0; round < rounds; round++) {
        map_and_write_region();
        uint64_t start = cycles();
        unmap_region();
        uint64_t elapsed = cycles() - start;
        if (elapsed < best)
            best = elapsed;
    }
    printf("bench-result munmap ops=%d cycles_per_op=%llu\n", REGION_PAGES,
           (unsigned long long)(best / REGION_PAGES));
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
    measure("vfork_exit_wait", vfork_exit_wait, 1000 / scale);
    measure("spawn_wait", spawn_wait, 300 / scale);
    pin_to_first_cpu();
    start_partner(yield_forever);
    measure("yield_round_trip", yield, 10000 / scale);
    stop_partner();
    open_pipes();
    start_partner(echo_bytes_forever);
    measure("pipe_round_trip", pipe_round_trip, 10000 / scale);
    stop_partner();
    close_pipes();
    measure_around("demand_zero_fault", touch_next_page, REGION_PAGES, map_region, unmap_region);
    measure_munmap(3);
    measure("file_cycle", file_cycle, 1000 / scale);
    make_deep_path();
    measure("stat_16_deep", stat_deep_path, 10000 / scale);
    remove_deep_path();
    open_pipes();
    start_partner(drain_forever);
    measure("pipe_64k_write", write_chunk, 1024 / scale);
    stop_partner();
    close_pipes();
    return 0;
}
