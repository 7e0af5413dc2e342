/* procops: processes, with output that must be the same on Linux and Keel.
 *
 * Usage: procops [BIN_DIR]   (where to find itself for the exec test; default
 * $KEEL_USER_BIN, else "/bin").
 *
 * fork and the wait statuses of exits and deaths by signal, wait4 with -1, WNOHANG and
 * ECHILD, getpid/getppid between parent and child, orphans reparented, pipes between
 * processes (contents, end of file, EPIPE, the capacity, O_NONBLOCK), dup/dup2/dup3 and
 * fcntl descriptor flags, close-on-exec across an execve of itself (which then checks
 * its descriptors, arguments and environment), vfork and posix_spawn, sessions and
 * process groups.
 *
 * Intentionally not compared: pid values (only their relations), uids (the host may
 * run this as anyone; Keel is root), who adopts an orphan (Linux may have a
 * subreaper: only "not the dead parent any more" is checked), times.
 * SIGPIPE is ignored, so a write without readers shows EPIPE (sigtests checks the
 * signal itself).
 */
#define _GNU_SOURCE
#include "test_support.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/syscall.h>
#include <time.h>

extern char **environ;
static char self_path[512];

/* Forks a child that ends as told, returns its wait status. */
static int child_status(int how)
{
    pid_t pid = fork();
    if (pid == 0) {
        if (how >= 0)
            _exit(how);
        if (how == -1)
            *(volatile int *)0 = 1;
        kill(getpid(), -how - 1);
        for (;;)
            pause();
    }
    int status = 0;
    waitpid(pid, &status, 0);
    return status;
}

static void statuses(void)
{
    struct {
        const char *name;
        int how;
        const char *want;
    } cases[] = {
        {"_exit(0)", 0, "exit 0"},
        {"_exit(1)", 1, "exit 1"},
        {"_exit(42)", 42, "exit 42"},
        {"_exit(255)", 255, "exit 255"},
        {"_exit(256) keeps the low 8 bits", 256, "exit 0"},
        {"_exit(259) keeps the low 8 bits", 259, "exit 3"},
        {"write to NULL", -1, "signal SIGSEGV"},
        {"kill(self, SIGKILL)", -1 - SIGKILL, "signal SIGKILL"},
        {"kill(self, SIGTERM)", -1 - SIGTERM, "signal SIGTERM"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *got = status_text(child_status(cases[i].how));
        char name[80];
        snprintf(name, sizeof name, "child %s: %s", cases[i].name, cases[i].want);
        check(strcmp(got, cases[i].want) == 0, name, "got %s", got);
    }
    int status = child_status(7);
    check(WIFEXITED(status) && !WIFSIGNALED(status) && WEXITSTATUS(status) == 7 && status == 7 << 8,
        "the status word of exit 7 is 0x700", "0x%x", status);
    status = child_status(-1 - SIGKILL);
    check(WIFSIGNALED(status) && !WIFEXITED(status) && status == SIGKILL, "the status word of SIGKILL is 9",
        "0x%x", status);

    /* Three children reaped with -1: every status comes back once. */
    int seen = 0;
    for (int i = 1; i <= 3; i++)
        if (fork() == 0)
            _exit(10 + i);
    for (int i = 0; i < 3; i++) {
        if (wait4(-1, &status, 0, NULL) > 0 && WIFEXITED(status))
            seen |= 1 << (WEXITSTATUS(status) - 10);
    }
    check(seen == 0xe, "wait4(-1) reaps exits 11, 12 and 13", "seen 0x%x", seen);
    expect("wait4(-1) without children", wait4(-1, &status, 0, NULL), "ECHILD");
    expect("wait4(pid 1, not a child)", wait4(1, &status, 0, NULL), "ECHILD");

    int gate[2];
    pipe(gate);
    pid_t pid = fork();
    if (pid == 0) {
        char byte;
        close(gate[1]);
        read(gate[0], &byte, 1);
        _exit(5);
    }
    close(gate[0]);
    expect("wait4 WNOHANG on a running child", wait4(pid, &status, WNOHANG, NULL), "ret 0");
    close(gate[1]);
    check(wait4(pid, &status, 0, NULL) == pid && status_text(status)[0] && WEXITSTATUS(status) == 5,
        "wait4 the same child after it ends: exit 5", "%s", status_text(status));
    expect("wait4 with bad options", wait4(-1, &status, 0x12345678, NULL), "EINVAL");
}

static void identities(void)
{
    pid_t parent = getpid();
    int channel[2];
    pipe(channel);
    pid_t pid = fork();
    if (pid == 0) {
        pid_t answer[3] = {getpid(), getppid(), (pid_t)syscall(SYS_gettid)};
        write(channel[1], answer, sizeof answer);
        _exit(0);
    }
    pid_t answer[3];
    read(channel[0], answer, sizeof answer);
    waitpid(pid, NULL, 0);
    check(answer[0] == pid, "the child's getpid is what fork returned", "%d vs %d", answer[0], pid);
    check(answer[1] == parent, "the child's getppid is the parent", "%d vs %d", answer[1], parent);
    check(answer[2] == pid, "the child's gettid is its pid", "%d vs %d", answer[2], pid);
    check(pid != parent, "the child's pid differs from the parent's", "%d", pid);
    check(syscall(SYS_gettid) == parent, "gettid of a single-threaded process is its pid", "differs");

    /* An orphan: the middle process exits, the grandchild gets a new parent. */
    pid = fork();
    if (pid == 0) {
        pid_t middle = getpid();
        if (fork() == 0) {
            while (getppid() == middle) {
                struct timespec pause = {0, 1000000};
                nanosleep(&pause, NULL);
            }
            pid_t adopted = getppid() != middle;
            write(channel[1], &adopted, sizeof adopted);
            _exit(0);
        }
        _exit(0);
    }
    waitpid(pid, NULL, 0);
    pid_t adopted = 0;
    read(channel[0], &adopted, sizeof adopted);
    check(adopted == 1, "an orphan is adopted when its parent exits", "still the dead parent");
    close(channel[0]);
    close(channel[1]);

    /* Sessions and process groups, in a child (the test's own group stays). */
    pid = fork();
    if (pid == 0) {
        int ok = setsid() == getpid() && getsid(0) == getpid() && getpgrp() == getpid() && getpgid(0) == getpid();
        int again = setsid() == -1 && errno == EPERM;
        _exit(ok ? (again ? 0 : 2) : 1);
    }
    int status;
    waitpid(pid, &status, 0);
    check(WIFEXITED(status) && WEXITSTATUS(status) == 0,
        "setsid makes a session and group led by the child; a second setsid is EPERM", "%s", status_text(status));
    pid = fork();
    if (pid == 0) {
        int ok = setpgid(0, 0) == 0 && getpgrp() == getpid();
        _exit(ok ? 0 : 1);
    }
    waitpid(pid, &status, 0);
    check(WIFEXITED(status) && WEXITSTATUS(status) == 0, "setpgid(0, 0) makes the child a group leader", "%s",
        status_text(status));
    expect("setpgid of a pid that is not a child", setpgid(1, 0), "ESRCH");
}

static void pipes(void)
{
    int p[2];
    expect("pipe", pipe(p), "ret 0");
    pid_t pid = fork();
    if (pid == 0) {
        close(p[0]);
        char message[100];
        memset(message, 'm', sizeof message);
        write(p[1], message, sizeof message);
        _exit(0);
    }
    close(p[1]);
    char buffer[200];
    long total = 0, n;
    while ((n = read(p[0], buffer, sizeof buffer)) > 0)
        total += n;
    check(total == 100 && buffer[0] == 'm', "the child's 100 bytes arrive, then end of file", "%ld bytes", total);
    expect("read after end of file", read(p[0], buffer, 1), "ret 0");
    close(p[0]);
    waitpid(pid, NULL, 0);

    /* The capacity: Linux's 16 pages (64 KiB), and O_NONBLOCK's EAGAIN when full. */
    expect("pipe2 O_NONBLOCK", pipe2(p, O_NONBLOCK), "ret 0");
    check((fcntl(p[1], F_GETFL) & O_NONBLOCK) != 0, "pipe2 O_NONBLOCK sets O_NONBLOCK", "not set");
    char page[4096];
    memset(page, 'p', sizeof page);
    total = 0;
    while ((n = write(p[1], page, sizeof page)) > 0)
        total += n;
    check(total == 65536, "a pipe holds 65536 bytes", "%ld", total);
    expect("write to a full O_NONBLOCK pipe", write(p[1], page, 1), "EAGAIN");
    expect("read from it", read(p[0], page, sizeof page), "ret 4096");
    expect("a small write fits again", write(p[1], page, 100), "ret 100");
    close(p[1]);
    total = 0;
    while ((n = read(p[0], page, sizeof page)) > 0)
        total += n;
    check(total == 65536 - 4096 + 100, "the rest drains, then end of file", "%ld", total);
    close(p[0]);

    pipe2(p, O_NONBLOCK);
    expect("read from an empty O_NONBLOCK pipe", read(p[0], page, 1), "EAGAIN");
    close(p[0]);
    signal(SIGPIPE, SIG_IGN);
    expect("write with no reader", write(p[1], "x", 1), "EPIPE");
    close(p[1]);
    expect("pipe2 with bad flags", pipe2(p, 0x12345), "EINVAL");
}

static void descriptors(void)
{
    int p[2];
    pipe(p);
    expect("dup2 to 10", dup2(p[0], 10), "ret 10");
    expect("dup2 clears FD_CLOEXEC", fcntl(10, F_GETFD), "ret 0");
    expect("dup3 to 11 O_CLOEXEC", syscall(SYS_dup3, p[0], 11, O_CLOEXEC), "ret 11");
    expect("dup3 O_CLOEXEC sets FD_CLOEXEC", fcntl(11, F_GETFD), "ret 1");
    expect("dup2 onto itself", dup2(10, 10), "ret 10");
    /* dup3 raw: musl's wrapper answers some cases itself or falls back to dup2. */
    expect("dup3 onto itself", syscall(SYS_dup3, 10, 10, 0), "EINVAL");
    expect("dup3 bad flags", syscall(SYS_dup3, 10, 12, 0x12345), "EINVAL");
    expect("dup2 of a closed descriptor", dup2(50, 51), "EBADF");
    expect("F_DUPFD from 20", fcntl(10, F_DUPFD, 20), "ret 20");
    expect("F_DUPFD from 20 again", fcntl(10, F_DUPFD, 20), "ret 21");
    expect("F_DUPFD_CLOEXEC from 30", fcntl(10, F_DUPFD_CLOEXEC, 30), "ret 30");
    expect("F_GETFD of it", fcntl(30, F_GETFD), "ret 1");
    expect("F_SETFD 0", fcntl(30, F_SETFD, 0), "ret 0");
    expect("F_GETFD after", fcntl(30, F_GETFD), "ret 0");
    expect("F_SETFL O_NONBLOCK", fcntl(10, F_SETFL, O_NONBLOCK), "ret 0");
    check((fcntl(p[0], F_GETFL) & O_NONBLOCK) != 0, "O_NONBLOCK is shared by the duplicates", "not shared");
    expect("F_GETFD of a closed descriptor", fcntl(60, F_GETFD), "EBADF");
    expect("fcntl unknown command", fcntl(10, 9999), "EINVAL");
    expect("lseek on a pipe", lseek(p[0], 0, SEEK_SET), "ESPIPE");
    for (int fd = 3; fd < 64; fd++)
        close(fd);
    int first = dup(1), second = dup(1);
    close(first);
    check(dup(1) == first && second == first + 1, "dup takes the lowest free descriptor", "%d, %d", first, second);
    for (int fd = 3; fd < 64; fd++)
        close(fd);
}

/* Run as "procops --exec-check": descriptor 20 must be open, 21 closed (close-on-exec). */
static int exec_check(int argc, char **argv)
{
    int open20 = fcntl(20, F_GETFD) == 0;
    int closed21 = fcntl(21, F_GETFD) == -1 && errno == EBADF;
    int args = argc == 4 && strcmp(argv[2], "two words") == 0 && strcmp(argv[3], "") == 0;
    const char *marker = getenv("PROCOPS_MARKER");
    int env = marker && strcmp(marker, "yes") == 0;
    return (open20 ? 0 : 1) | (closed21 ? 0 : 2) | (args ? 0 : 4) | (env ? 0 : 8);
}

static void exec_and_spawn(void)
{
    int p[2];
    pipe(p);
    dup2(p[0], 20);
    dup3(p[0], 21, O_CLOEXEC);
    pid_t pid = fork();
    if (pid == 0) {
        char *argv[] = {"procops", "--exec-check", "two words", "", NULL};
        char *envp[] = {"PROCOPS_MARKER=yes", NULL};
        execve(self_path, argv, envp);
        _exit(100 + errno);
    }
    int status;
    waitpid(pid, &status, 0);
    check(WIFEXITED(status) && WEXITSTATUS(status) == 0,
        "execve of itself: fd 20 stays, fd 21 (close-on-exec) is closed, argv and envp arrive", "%s (bits: 1 fd 20, "
        "2 fd 21, 4 argv, 8 envp; 100+errno: execve failed)", status_text(status));
    close(20);
    close(21);
    close(p[0]);
    close(p[1]);
    char *argv[] = {"x", NULL};
    expect("execve of a missing file", execve("/nonexistent/program", argv, environ), "ENOENT");
    expect("execve of a directory", execve("/", argv, environ), "EACCES");

    /* vfork: the parent waits until the child exits; the child's _exit status comes back. */
    pid = vfork();
    if (pid == 0)
        _exit(6);
    waitpid(pid, &status, 0);
    check(WIFEXITED(status) && WEXITSTATUS(status) == 6, "vfork child _exit(6)", "%s", status_text(status));

    /* posix_spawn (glibc: clone(CLONE_VM|CLONE_VFORK); musl: the same) of itself. */
    char *spawn_argv[] = {"procops", "--exit", "9", NULL};
    int error = posix_spawn(&pid, self_path, NULL, NULL, spawn_argv, environ);
    check(error == 0, "posix_spawn of itself", "%s", errno_name(error));
    if (error == 0) {
        waitpid(pid, &status, 0);
        check(WIFEXITED(status) && WEXITSTATUS(status) == 9, "posix_spawned child exits 9", "%s", status_text(status));
    }
    error = posix_spawn(&pid, "/nonexistent/program", NULL, NULL, spawn_argv, environ);
    if (error == 0) { /* some libcs report the failure as exit 127 instead */
        waitpid(pid, &status, 0);
        error = WIFEXITED(status) && WEXITSTATUS(status) == 127 ? ENOENT : -1;
    }
    check(error == ENOENT, "posix_spawn of a missing file: ENOENT", "%s", errno_name(error));
}

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "--exec-check") == 0)
        return exec_check(argc, argv);
    if (argc > 2 && strcmp(argv[1], "--exit") == 0)
        return atoi(argv[2]);
    const char *bin_dir = argc > 1 ? argv[1] : getenv("KEEL_USER_BIN") ? getenv("KEEL_USER_BIN") : "/bin";
    const char *name = strrchr(argv[0], '/') ? strrchr(argv[0], '/') + 1 : argv[0];
    snprintf(self_path, sizeof self_path, "%s/%s", bin_dir, name);
    setvbuf(stdout, NULL, _IOLBF, 0);
    statuses();
    identities();
    pipes();
    descriptors();
    exec_and_spawn();
    return test_done();
}
