/* fuzz: a system-call fuzzer. Usage: fuzz [SEED [COUNT]] (defaults 1 and 100000).
 *
 * Makes COUNT system calls with random numbers and arguments, derived from SEED and the
 * call's index alone, so a run can be replayed. The calls run in a forked child, in a
 * fresh directory under /tmp; when the child dies (a crash is fine: a random munmap or
 * arch_prctl can pull the ground from under it) or makes no progress for a while (a
 * call that blocks), the parent starts a new child at the next index. At the end it
 * prints "fuzz: N calls, seed S" and exits 0.
 *
 * It must be safe to run on a host as root, so it is built on an ALLOWLIST of calls
 * whose arguments it shapes by type, never on raw random values for anything that
 * could reach outside its own process and directory:
 *  - paths come from a fixed list of relative names without "..", and symbolic links
 *    are made only to those names, so nothing outside the directory can be named;
 *  - descriptors are small numbers: the child holds only what it opened in the
 *    directory (0, 1, 2 are /dev/null or closed);
 *  - process ids are the child's own (or its children, which exit at once), never
 *    0 or -1 for kill; signals are harmless ones, or SIGKILL to itself;
 *  - mmap, munmap, mprotect and madvise get addresses of a playground region or bad
 *    addresses; madvise only harmless advice (no MADV_HWPOISON); mmap lengths stay
 *    below 16 MiB unless they are absurd (and fail);
 *  - prlimit64 never raises RLIMIT_CORE; timeouts are tiny; no call that changes the
 *    host is on the list (no mount, reboot, setuid, sethostname, settimeofday, ptrace,
 *    kill of other processes, chmod/chown, vfork (its child would scribble on the
 *    parent's stack), pause...); execve only of the directory's files, which are no
 *    programs, and exit/exit_group end just the child (rarely: it costs a restart).
 * The list holds every call Keel implements plus a few it does not (getrusage, times,
 * getpriority, time, sched_getaffinity, getcpu) and
 * numbers no kernel uses (335..423, -1), which must answer ENOSYS on Keel.
 *
 * Nothing of the output but the last line is compared: crashes and hangs differ.
 * With FUZZ_TRACE set in the environment, every call and its answer go to stderr.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define PAGE 4096UL
#define POOL_PAGES 16
#define PLAYGROUND_PAGES 64

/* ---- Random numbers: splitmix64, one stream per call index ---- */

static uint64_t rng_state;
static uint64_t next_random(void)
{
    uint64_t z = (rng_state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}
static uint64_t below(uint64_t n) { return next_random() % n; }
static int chance(int percent) { return (int)below(100) < percent; }

/* ---- The child's world ---- */

static unsigned char *pool;        /* POOL_PAGES pages for buffers, a hole after them */
static unsigned char *playground;  /* PLAYGROUND_PAGES pages for the memory calls */
static unsigned char *scratch;     /* one page: iovecs, rlimits, timespecs */
static unsigned long initial_brk;
static unsigned long initial_fs;
static pid_t self;

static const char *const paths[] = {
    "f0", "f1", "d0", "d0/f2", "d0/d1", "l0", "l1", "missing", "", ".", "f0/x", "d0/d1/f3",
};
static char long_name[300];   /* one component longer than NAME_MAX */
static char long_path[5000];  /* longer than PATH_MAX */

static void *bad_address(void)
{
    static void *const bad[] = {
        (void *)0, (void *)0xffff800000000000UL, (void *)0xffffffff80000000UL,
        (void *)0x0000800000000000UL, (void *)0x8000000000000000UL, (void *)0x0000100000000000UL, (void *)1,
    };
    return bad[below(sizeof bad / sizeof bad[0])];
}

enum arg_type {
    NONE, INT, FD, DIRFD, PATH, BUF, LEN, OFFSET, MODE, OFLAGS, ATFLAGS, PROT, MAPFLAGS, ADDR, IOV, IOVCNT,
    TIMESPEC, CLOCK, PID, WAITOPT, SIGNAL, RESOURCE, RLIMIT, BRK, ADVICE, FCNTL, ARCH, FLAGS, PIDSELF,
};

static long small_int(void)
{
    static const long values[] = {0, 1, 2, 3, -1, -2, 4096, 65536, 0x7fffffff, -0x80000000L, 0x7fffffffffffffffL};
    return chance(60) ? values[below(sizeof values / sizeof values[0])] : (long)below(64);
}

static long random_arg(enum arg_type type)
{
    switch (type) {
    case NONE: return 0;
    case INT: return small_int();
    case FD: return chance(90) ? (long)below(16) : small_int();
    case DIRFD: return chance(60) ? AT_FDCWD : (long)below(16);
    case PATH:
        if (chance(5)) return (long)bad_address();
        if (chance(2)) return (long)long_name;
        if (chance(2)) return (long)long_path;
        return (long)paths[below(sizeof paths / sizeof paths[0])];
    case BUF:
        if (chance(10)) return (long)bad_address();
        if (chance(70)) return (long)(pool + below(POOL_PAGES) * PAGE);
        return (long)(pool + below(POOL_PAGES * PAGE));
    case LEN: {
        static const long lengths[] = {0, 1, 8, 64, 100, 4096, 8192, 65536, -1, 0x7fffffff};
        return chance(70) ? lengths[below(sizeof lengths / sizeof lengths[0])] : (long)below(70000);
    }
    case OFFSET: return chance(70) ? (long)below(10000) : small_int();
    case MODE: return chance(80) ? 0644 : (long)below(07777 + 1);
    case OFLAGS: return chance(50) ? (long)(below(3) | (chance(50) ? O_CREAT : 0)) : (long)(next_random() & 0x7fffff);
    case ATFLAGS: {
        static const long flags[] = {0, AT_SYMLINK_NOFOLLOW, AT_EMPTY_PATH, AT_REMOVEDIR, 0x12345};
        return flags[below(sizeof flags / sizeof flags[0])];
    }
    case PROT: return chance(80) ? (long)below(8) : (long)(next_random() & 0xffffffff);
    case MAPFLAGS: {
        long flags = chance(80) ? (chance(50) ? MAP_PRIVATE : MAP_SHARED) : (long)below(4);
        if (chance(50)) flags |= MAP_ANONYMOUS;
        if (chance(30)) flags |= MAP_FIXED;
        if (chance(10)) flags |= MAP_FIXED_NOREPLACE;
        if (chance(10)) flags |= MAP_POPULATE;
        if (chance(5)) flags |= (long)(next_random() & 0xfffff);
        return flags;
    }
    case ADDR:
        if (chance(20)) return (long)bad_address();
        if (chance(85)) return (long)(playground + below(PLAYGROUND_PAGES) * PAGE);
        return (long)(playground + below(PLAYGROUND_PAGES * PAGE));
    case IOV: {
        if (chance(10)) return (long)bad_address();
        struct iovec *v = (struct iovec *)scratch;
        for (int i = 0; i < 8; i++) {
            v[i].iov_base = (void *)random_arg(BUF);
            v[i].iov_len = chance(80) ? below(5000) : (size_t)random_arg(LEN);
        }
        return (long)v;
    }
    case IOVCNT: {
        static const long counts[] = {0, 1, 2, 8, 1024, 1025, -1};
        return chance(70) ? (long)below(9) : counts[below(sizeof counts / sizeof counts[0])];
    }
    case TIMESPEC: {
        if (chance(10)) return (long)bad_address();
        struct timespec *t = (struct timespec *)(scratch + 1024);
        /* Mostly zero or invalid: every real sleep costs a trip through the scheduler. */
        t->tv_sec = chance(80) ? 0 : -1;
        t->tv_nsec = chance(30) ? (long)below(20000) : chance(60) ? 0 : 1000000000L;
        return (long)t;
    }
    case CLOCK: {
        static const long clocks[] = {CLOCK_REALTIME, CLOCK_MONOTONIC, CLOCK_PROCESS_CPUTIME_ID, CLOCK_BOOTTIME, -1, 100};
        return clocks[below(sizeof clocks / sizeof clocks[0])];
    }
    case PID: return chance(60) ? self : chance(50) ? -1 : 0x7fffffff; /* never another process */
    case PIDSELF: return chance(50) ? 0 : self;
    case WAITOPT: return WNOHANG | (chance(30) ? (long)(next_random() & 0xff00000f) : 0);
    case SIGNAL: {
        static const long signals[] = {0, 0, 0, SIGCHLD, SIGURG, SIGWINCH, SIGKILL, 65, -1};
        return signals[below(sizeof signals / sizeof signals[0])];
    }
    case RESOURCE: return chance(90) ? (long)below(RLIM_NLIMITS) : small_int();
    case RLIMIT: {
        if (chance(30)) return 0;
        if (chance(10)) return (long)bad_address();
        struct rlimit *r = (struct rlimit *)(scratch + 2048);
        r->rlim_cur = chance(30) ? RLIM_INFINITY : below(1 << 20);
        r->rlim_max = chance(50) ? RLIM_INFINITY : r->rlim_cur + below(1000);
        return (long)r;
    }
    case BRK: {
        if (chance(20)) return 0;
        if (chance(10)) return small_int();
        return (long)(initial_brk + below(16 << 20) - (chance(10) ? (1 << 20) : 0));
    }
    case ADVICE: {
        /* Harmless advice only: never MADV_HWPOISON (100) or MADV_SOFT_OFFLINE (101). */
        static const long advice[] = {MADV_NORMAL, MADV_RANDOM, MADV_SEQUENTIAL, MADV_WILLNEED, MADV_DONTNEED,
            MADV_FREE, MADV_DONTFORK, MADV_DOFORK, 999, -1};
        return advice[below(sizeof advice / sizeof advice[0])];
    }
    case FCNTL: {
        static const long commands[] = {F_DUPFD, F_GETFD, F_SETFD, F_GETFL, F_SETFL, F_DUPFD_CLOEXEC, 9999};
        return commands[below(sizeof commands / sizeof commands[0])];
    }
    case ARCH: {
        static const long codes[] = {0x1001 /* SET_GS */, 0x1002 /* SET_FS */, 0x1003 /* GET_FS */,
            0x1004 /* GET_GS */, 0x9999};
        return codes[below(sizeof codes / sizeof codes[0])];
    }
    case FLAGS: return chance(70) ? 0 : (long)(next_random() & 0xffffffff);
    }
    return 0;
}

/* ---- The allowlist ---- */

struct allowed {
    long number;
    enum arg_type args[6];
};
static const struct allowed allowed[] = {
    {SYS_read, {FD, BUF, LEN}}, {SYS_write, {FD, BUF, LEN}}, {SYS_open, {PATH, OFLAGS, MODE}},
    {SYS_close, {FD}}, {SYS_stat, {PATH, BUF}}, {SYS_fstat, {FD, BUF}}, {SYS_lstat, {PATH, BUF}},
    {SYS_lseek, {FD, OFFSET, INT}}, {SYS_mmap, {ADDR, LEN, PROT, MAPFLAGS, FD, OFFSET}},
    {SYS_mprotect, {ADDR, LEN, PROT}}, {SYS_munmap, {ADDR, LEN}}, {SYS_brk, {BRK}},
    {SYS_pread64, {FD, BUF, LEN, OFFSET}}, {SYS_pwrite64, {FD, BUF, LEN, OFFSET}},
    {SYS_readv, {FD, IOV, IOVCNT}}, {SYS_writev, {FD, IOV, IOVCNT}}, {SYS_access, {PATH, INT}},
    {SYS_pipe, {BUF}}, {SYS_sched_yield, {NONE}}, {SYS_madvise, {ADDR, LEN, ADVICE}},
    {SYS_dup, {FD}}, {SYS_dup2, {FD, FD}}, {SYS_nanosleep, {TIMESPEC, BUF}}, {SYS_getpid, {NONE}},
    {SYS_fork, {NONE}}, {SYS_clone, {FLAGS}}, {SYS_wait4, {PID, BUF, WAITOPT, BUF}},
    {SYS_kill, {PID, SIGNAL}}, {SYS_uname, {BUF}}, {SYS_fcntl, {FD, FCNTL, INT}},
    {SYS_truncate, {PATH, OFFSET}}, {SYS_ftruncate, {FD, OFFSET}}, {SYS_getdents64, {FD, BUF, LEN}},
    {SYS_getcwd, {BUF, LEN}}, {SYS_chdir, {PATH}}, {SYS_fchdir, {FD}}, {SYS_rename, {PATH, PATH}},
    {SYS_mkdir, {PATH, MODE}}, {SYS_rmdir, {PATH}}, {SYS_link, {PATH, PATH}}, {SYS_unlink, {PATH}},
    {SYS_symlink, {PATH, PATH}}, {SYS_readlink, {PATH, BUF, LEN}}, {SYS_umask, {MODE}},
    {SYS_gettimeofday, {BUF, BUF}}, {SYS_getrlimit, {RESOURCE, BUF}}, {SYS_sysinfo, {BUF}},
    {SYS_getuid, {NONE}}, {SYS_getgid, {NONE}}, {SYS_geteuid, {NONE}}, {SYS_getegid, {NONE}},
    {SYS_setpgid, {PIDSELF, PIDSELF}}, {SYS_getppid, {NONE}}, {SYS_getpgrp, {NONE}}, {SYS_setsid, {NONE}},
    {SYS_getpgid, {PID}}, {SYS_getsid, {PID}}, {SYS_arch_prctl, {ARCH, BUF}}, {SYS_gettid, {NONE}},
    {SYS_set_tid_address, {BUF}}, {SYS_clock_gettime, {CLOCK, BUF}},
    {SYS_clock_nanosleep, {CLOCK, FLAGS, TIMESPEC, BUF}}, {SYS_openat, {DIRFD, PATH, OFLAGS, MODE}},
    {SYS_mkdirat, {DIRFD, PATH, MODE}}, {SYS_newfstatat, {DIRFD, PATH, BUF, ATFLAGS}},
    {SYS_unlinkat, {DIRFD, PATH, ATFLAGS}}, {SYS_renameat, {DIRFD, PATH, DIRFD, PATH}},
    {SYS_linkat, {DIRFD, PATH, DIRFD, PATH, ATFLAGS}}, {SYS_symlinkat, {PATH, DIRFD, PATH}},
    {SYS_readlinkat, {DIRFD, PATH, BUF, LEN}}, {SYS_faccessat, {DIRFD, PATH, INT, ATFLAGS}},
    {SYS_set_robust_list, {BUF, LEN}}, {SYS_dup3, {FD, FD, FLAGS}}, {SYS_pipe2, {BUF, FLAGS}},
    {SYS_prlimit64, {PIDSELF, RESOURCE, RLIMIT, BUF}}, {SYS_renameat2, {DIRFD, PATH, DIRFD, PATH, FLAGS}},
    {SYS_getrandom, {BUF, LEN, FLAGS}}, {SYS_exit_group + 10000, {NONE}}, /* a number nobody uses */
    {SYS_execve, {PATH, BUF, BUF}}, {SYS_exit, {INT}}, {SYS_exit_group, {INT}},
    {SYS_clock_getres, {CLOCK, BUF}}, {SYS_getitimer, {INT, BUF}}, {SYS_setitimer, {INT, BUF, BUF}},
    {SYS_alarm, {INT}}, {SYS_rt_sigaction, {SIGNAL, BUF, BUF, LEN}}, {SYS_rt_sigprocmask, {INT, BUF, BUF, LEN}},
    {SYS_rt_sigpending, {BUF, LEN}}, {SYS_rt_sigtimedwait, {BUF, BUF, TIMESPEC, LEN}},
    {SYS_rt_sigqueueinfo, {PIDSELF, SIGNAL, BUF}}, {SYS_sigaltstack, {BUF, BUF}}, {SYS_tkill, {PIDSELF, SIGNAL}},
    {SYS_tgkill, {PIDSELF, PIDSELF, SIGNAL}}, {SYS_rt_sigreturn, {NONE}}, {SYS_poll, {BUF, LEN, INT}},
    {SYS_ppoll, {BUF, LEN, TIMESPEC, BUF, LEN}},
    /* Not implemented by Keel: ENOSYS there. */
    {SYS_getrusage, {INT, BUF}}, {SYS_times, {BUF}},
    {SYS_getpriority, {INT, PIDSELF}}, {SYS_time, {BUF}}, {SYS_sched_getaffinity, {PIDSELF, LEN, BUF}},
    {SYS_getcpu, {BUF, BUF, NONE}},
};
#define ALLOWED_COUNT (sizeof allowed / sizeof allowed[0])

/* Shapes what the type system cannot: returns 0 to skip the call. */
static int sanitize(long number, long *a)
{
    switch (number) {
    case SYS_fork:
        return chance(25); /* a fork costs as much as a thousand other calls */
    case SYS_clone:
        if (!chance(25))
            return 0;
        /* fork-like clones only: SIGCHLD, no stack, maybe the tid bookkeeping flags. */
        a[0] = SIGCHLD | (chance(30) ? (CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID) : 0);
        a[1] = 0;
        a[2] = a[3] = random_arg(BUF);
        a[4] = 0;
        return 1;
    case SYS_execve: {
        /* Only files of the directory, which hold no program (they fail), with argv
         * and envp either NULL, bad or a valid { "x", NULL }. */
        static char *const vector[] = {"x", NULL};
        for (int i = 1; i <= 2; i++)
            a[i] = chance(60) ? (long)vector : chance(50) ? 0 : (long)bad_address();
        return 1;
    }
    case SYS_exit:
    case SYS_exit_group:
        return chance(3); /* the child ends and the next one goes on: rarely */
    case SYS_kill:
        /* The child itself or a pid that cannot exist; SIGKILL to itself rarely. */
        if (a[0] != self) a[0] = 0x7fffffff;
        if (a[1] == SIGKILL && !chance(5)) a[1] = 0;
        return 1;
    case SYS_fcntl:
        if (a[1] == F_SETFL) a[2] |= O_NONBLOCK; /* keep pipes from blocking */
        return 1;
    case SYS_rt_sigaction:
    case SYS_rt_sigprocmask:
    case SYS_rt_sigtimedwait:
        /* Mostly the right sigset size, so the calls get past their first check; a
         * handler at a random address crashes the child when it runs, which is fine. */
        if (chance(90)) a[3] = 8;
        if (number == SYS_rt_sigtimedwait && a[2] == 0) return 0; /* would wait forever */
        return 1;
    case SYS_poll:
        a[2] = (long)below(3); /* milliseconds: never wait long, never forever */
        return 1;
    case SYS_ppoll:
        if (a[2] == 0) return 0; /* would wait forever */
        if (chance(90)) a[4] = 8;
        return 1;
    case SYS_rt_sigreturn:
        return chance(10); /* a frame of garbage: the child dies */
    case SYS_alarm:
        a[0] &= 3; /* a few seconds at most: SIGALRM then ends the child */
        return 1;
    case SYS_pipe2:
        a[1] |= O_NONBLOCK;
        return 1;
    case SYS_prlimit64:
        if (a[1] == RLIMIT_CORE) a[2] = 0; /* never allow core dumps */
        return 1;
    case SYS_arch_prctl:
        /* Mostly keep the thread pointer (musl and glibc keep errno behind it). */
        if (a[0] == 0x1002 && chance(95)) a[1] = (long)initial_fs;
        return 1;
    case SYS_mmap:
        /* Huge populated mappings would eat the host's memory. */
        if ((unsigned long)a[1] > (16UL << 20) && (unsigned long)a[1] < (1UL << 47)) a[1] &= (16UL << 20) - 1;
        return 1;
    case SYS_clock_nanosleep:
        /* With TIMER_ABSTIME the tiny time is long past. A relative sleep on the
         * process's own CPU clock would never end (a sleeper uses no CPU). */
        a[1] &= TIMER_ABSTIME;
        if (a[0] == CLOCK_PROCESS_CPUTIME_ID) a[1] = TIMER_ABSTIME;
        return 1;
    case SYS_getrandom:
        a[2] &= 0x7; /* GRND_NONBLOCK | GRND_RANDOM | GRND_INSECURE */
        return 1;
    }
    return 1;
}

/* After a call: children exit at once and are reaped; pipes do not block. */
static void after(long number, long ret, long *a)
{
    if ((number == SYS_fork || number == SYS_clone) && ret == 0)
        _exit(0);
    if ((number == SYS_fork || number == SYS_clone) && ret > 0)
        waitpid((pid_t)ret, NULL, 0);
    if (number == SYS_pipe && ret == 0 && (unsigned char *)a[0] >= pool
        && (unsigned char *)a[0] < pool + POOL_PAGES * PAGE - 8) {
        int *fds = (int *)a[0];
        fcntl(fds[0], F_SETFL, O_NONBLOCK);
        fcntl(fds[1], F_SETFL, O_NONBLOCK);
    }
}

/* ---- The child: calls from index on, telling the parent where it is ---- */

struct progress {
    volatile long current;
    volatile long finished;
};
static struct progress *progress;
static int trace; /* with FUZZ_TRACE set, each call is written to this descriptor */

static void make_call(uint64_t seed, long index)
{
    rng_state = seed * 0x2545f4914f6cdd1dULL + (uint64_t)index * 0x9e3779b97f4a7c15ULL;
    next_random();
    long number, a[6] = {0};
    if (chance(3)) {
        number = chance(90) ? 335 + (long)below(423 - 335 + 1) : -1; /* unused numbers: ENOSYS */
    } else {
        const struct allowed *call = &allowed[below(ALLOWED_COUNT)];
        number = call->number;
        for (int i = 0; i < 6; i++)
            a[i] = random_arg(call->args[i]);
    }
    if (!sanitize(number, a))
        return;
    errno = 0;
    long ret = syscall(number, a[0], a[1], a[2], a[3], a[4], a[5]);
    if (trace)
        dprintf(trace, "%ld: syscall %ld (%#lx, %#lx, %#lx, %#lx, %#lx, %#lx) = %ld errno %d\n", index, number,
            a[0], a[1], a[2], a[3], a[4], a[5], ret, ret == -1 ? errno : 0);
    after(number, ret, a);
}

static void fuzz_child(uint64_t seed, long start, long count)
{
    self = getpid();
    /* Standard descriptors to /dev/null (closed where there is none), the rest closed. */
    int null = open("/dev/null", O_RDWR);
    for (int fd = 0; fd < 3; fd++) {
        if (null >= 0) dup2(null, fd);
        else close(fd);
    }
    for (int fd = 3; fd < 64; fd++)
        if (fd != trace)
            close(fd);
    struct rlimit no_core = {0, 0};
    setrlimit(RLIMIT_CORE, &no_core);
    pool = mmap(NULL, (POOL_PAGES + 1) * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    munmap(pool + POOL_PAGES * PAGE, PAGE);
    playground = mmap(NULL, PLAYGROUND_PAGES * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    scratch = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (pool == MAP_FAILED || playground == MAP_FAILED || scratch == MAP_FAILED)
        _exit(3);
    for (unsigned long i = 0; i < POOL_PAGES * PAGE; i++)
        pool[i] = (unsigned char)i;
    initial_brk = syscall(SYS_brk, 0);
    syscall(SYS_arch_prctl, 0x1003, &initial_fs);
    /* Something to work on: files, a directory, links, open descriptors. */
    int fd = open("f0", O_RDWR | O_CREAT, 0644);
    write(fd, pool, 1000);
    open("d0", O_RDONLY | O_DIRECTORY);
    int pipe_fds[2];
    pipe2(pipe_fds, O_NONBLOCK);
    if (trace)
        dprintf(trace, "child from %ld: pool %p playground %p scratch %p progress %p\n", start, (void *)pool,
            (void *)playground, (void *)scratch, (void *)progress);
    for (long index = start; index < count; index++) {
        progress->current = index;
        make_call(seed, index);
    }
    progress->finished = 1;
    _exit(0);
}

/* ---- The parent: restarts children, then cleans up ---- */

static long milliseconds_now(void)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return now.tv_sec * 1000L + now.tv_nsec / 1000000L;
}

static int remove_entry(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
    (void)st;
    (void)ftw;
    if (type == FTW_DP)
        rmdir(path);
    else
        unlink(path);
    return 0;
}

int main(int argc, char **argv)
{
    uint64_t seed = argc > 1 ? strtoull(argv[1], NULL, 0) : 1;
    long count = argc > 2 ? strtol(argv[2], NULL, 0) : 100000;
    char dir[] = "/tmp/fuzz.XXXXXX";
    if (!mkdtemp(dir) || chdir(dir) != 0) {
        printf("fuzz: cannot make a directory under /tmp\n");
        return 2;
    }
    mkdir("d0", 0755);
    symlink("f0", "l0");
    memset(long_name, 'n', sizeof long_name - 1);
    for (size_t i = 0; i < sizeof long_path - 1; i++)
        long_path[i] = i % 2 ? '/' : 'p';
    if (getenv("FUZZ_TRACE"))
        trace = dup2(2, 1000); /* out of the fuzzed descriptors' reach (they stay below 64) */
    /* The progress page lives far (at 8 GiB) from the playground, whose random munmap
     * and mprotect calls reach at most 2 GiB beyond it. */
    progress = mmap((void *)0x200000000UL, PAGE, PROT_READ | PROT_WRITE,
        MAP_SHARED | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
    if (progress == MAP_FAILED) {
        printf("fuzz: no shared page\n");
        return 2;
    }
    long start = milliseconds_now();
    long index = 0;
    int children = 0, crashes = 0, hangs = 0;
    while (index < count) {
        progress->current = index;
        progress->finished = 0;
        fflush(stdout);
        pid_t pid = fork();
        if (pid < 0) {
            printf("fuzz: fork failed: errno %d\n", errno);
            return 1;
        }
        if (pid == 0)
            fuzz_child(seed, index, count);
        children++;
        /* Watch: a child that stays on one call for 5 s is blocked (an emulator
         * is slow, but not that slow); end it. */
        long seen = -1, since = milliseconds_now();
        int status;
        for (;;) {
            pid_t done = waitpid(pid, &status, WNOHANG);
            if (done == pid)
                break;
            long now = milliseconds_now();
            if (progress->current != seen) {
                seen = progress->current;
                since = now;
            } else if (now - since > 5000) {
                kill(pid, SIGKILL);
                waitpid(pid, &status, 0);
                hangs++;
                printf("# call %ld blocked; the child was ended\n", seen);
                break;
            }
            struct timespec pause = {0, 1000000};
            nanosleep(&pause, NULL);
        }
        if (progress->finished)
            break;
        if (WIFSIGNALED(status) && WTERMSIG(status) != SIGKILL)
            crashes++;
        index = progress->current + 1; /* skip the call that ended the child */
    }
    long elapsed = milliseconds_now() - start;
    chdir("/");
    nftw(dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
    printf("# %d children, %d ended by a signal, %d blocked; %ld ms\n", children, crashes, hangs, elapsed);
    printf("fuzz: %ld calls, seed %llu\n", count, (unsigned long long)seed);
    return 0;
}
