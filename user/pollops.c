/* pollops: poll, ppoll, select and pselect, with output that must be the same on Linux
 * and Keel.
 *
 * Pipes (empty, with data, at end of file, without readers, full and drained again),
 * a regular file, a directory, /dev/null, /dev/zero and /dev/random (POLLIN); a wait that a
 * child's write or close ends; timeouts (zero, short); a signal from setitimer ending a
 * poll (EINTR even under SA_RESTART); ppoll's and pselect's masks (a pending signal they
 * unblock interrupts them, the old mask comes back, a ready descriptor wins over it);
 * select's timeout written back with the time left (through the system call: musl's
 * select passes a copy); negative descriptors, POLLNVAL and EBADF, EINVAL, EFAULT.
 *
 * Not compared: times (only bounds).
 */
#define _GNU_SOURCE
#include "test_support.h"
#include "periodic_timer.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/select.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>

static char work_dir[] = "/tmp/pollops.XXXXXX";
static volatile int handled;

static void on_signal(int signal)
{
    (void)signal;
    handled++;
}

static void install(int signal, int flags)
{
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = on_signal;
    action.sa_flags = flags;
    sigemptyset(&action.sa_mask);
    sigaction(signal, &action, NULL);
}

static long long now_ms(void)
{
    struct timespec time;
    clock_gettime(CLOCK_MONOTONIC, &time);
    return time.tv_sec * 1000LL + time.tv_nsec / 1000000;
}

/* poll of one descriptor with timeout 0: its revents, or -errno. */
static int poll_one(int fd, short events)
{
    struct pollfd entry = { fd, events, 0x7777 };
    int result = poll(&entry, 1, 0);
    if (result < 0)
        return -errno;
    return entry.revents;
}

#define ALL (POLLIN | POLLOUT | POLLRDNORM | POLLWRNORM | POLLPRI)

static void check_revents(int fd, short events, int expected, const char *name)
{
    int got = poll_one(fd, events);
    check(got == expected, name, "revents %#x, expected %#x", got, expected);
}

/* A child that sleeps `ms`, then writes a byte to `fd` (or closes it when `byte` < 0),
 * then waits for end of file on the pipe `hold` (when given) before it exits, so that its exit,
 * which closes descriptors, is not what wakes the parent. */
static pid_t later(int fd, int byte, int ms, int other, const int *hold)
{
    pid_t child = fork();
    if (child == 0) {
        close(other);
        if (hold)
            close(hold[1]);
        usleep(ms * 1000);
        if (byte >= 0) {
            char c = (char)byte;
            if (write(fd, &c, 1) != 1)
                _exit(1);
        }
        char ignored;
        if (hold)
            (void)!read(hold[0], &ignored, 1);
        _exit(0);
    }
    return child;
}

static void pipes(void)
{
    int fds[2];
    if (!check(pipe(fds) == 0, "pipe", "%s", errno_name(errno)))
        return;
    check_revents(fds[0], ALL, 0, "empty pipe: read end not ready");
    check_revents(fds[1], ALL, POLLOUT | POLLWRNORM, "empty pipe: write end writable");
    check(write(fds[1], "abc", 3) == 3, "write 3 bytes", "%s", errno_name(errno));
    check_revents(fds[0], ALL, POLLIN | POLLRDNORM, "pipe with data: POLLIN");
    check_revents(fds[0], 0, 0, "no events asked: nothing");
    struct pollfd both[3] = { { fds[0], POLLIN, 0 }, { -1, POLLIN, 0x55 }, { fds[1], POLLOUT, 0 } };
    int result = poll(both, 3, 0);
    check(result == 2 && both[0].revents == POLLIN && both[1].revents == 0 && both[2].revents == POLLOUT,
          "poll of three, one negative", "result %d revents %#x %#x %#x", result, both[0].revents, both[1].revents,
          both[2].revents);
    close(fds[1]);
    check_revents(fds[0], POLLIN, POLLIN | POLLHUP, "no writer, data left: POLLIN|POLLHUP");
    char buffer[8];
    check(read(fds[0], buffer, sizeof buffer) == 3, "drain", "%s", errno_name(errno));
    check_revents(fds[0], POLLIN, POLLHUP, "no writer, empty: POLLHUP");
    check_revents(fds[0], 0, POLLHUP, "POLLHUP even when not asked");
    close(fds[0]);

    if (pipe(fds) != 0)
        return;
    close(fds[0]);
    check_revents(fds[1], POLLOUT, POLLOUT | POLLERR, "no reader: POLLOUT|POLLERR");
    check_revents(fds[1], POLLIN, POLLERR, "no reader, POLLIN asked: POLLERR");
    close(fds[1]);

    /* A full pipe: written in pages until EAGAIN. */
    if (pipe2(fds, O_NONBLOCK) != 0)
        return;
    static char page[4096];
    size_t total = 0;
    ssize_t wrote;
    while ((wrote = write(fds[1], page, sizeof page)) > 0)
        total += (size_t)wrote;
    check(total == 65536 && errno == EAGAIN, "fill the pipe", "%zu bytes, %s", total, errno_name(errno));
    check_revents(fds[1], POLLOUT, 0, "full pipe: not writable");
    check(read(fds[0], page, 100) == 100, "read 100", "%s", errno_name(errno));
    check_revents(fds[1], POLLOUT, 0, "100 bytes of room: still not writable");
    check(read(fds[0], page, 3996) == 3996, "read the rest of a page", "%s", errno_name(errno));
    check_revents(fds[1], POLLOUT, POLLOUT, "a page of room: writable");
    close(fds[0]);
    close(fds[1]);
}

static void files(void)
{
    int file = open("file", O_RDWR | O_CREAT | O_TRUNC, 0600);
    check_revents(file, ALL, POLLIN | POLLOUT | POLLRDNORM | POLLWRNORM, "regular file: always ready");
    close(file);
    file = open("file", O_RDONLY);
    check_revents(file, POLLOUT, POLLOUT, "read-only file: POLLOUT too, as Linux");
    close(file);
    int directory = open(".", O_RDONLY | O_DIRECTORY);
    check_revents(directory, ALL, POLLIN | POLLOUT | POLLRDNORM | POLLWRNORM, "directory: always ready");
    close(directory);
    const char *devices[] = { "/dev/null", "/dev/zero" };
    for (int index = 0; index < 2; ++index) {
        int device = open(devices[index], O_RDWR);
        char name[64];
        snprintf(name, sizeof name, "%s: always ready", devices[index]);
        check_revents(device, ALL, POLLIN | POLLOUT | POLLRDNORM | POLLWRNORM, name);
        close(device);
    }
    /* Linux's /dev/random says POLLOUT only since 5.18: only POLLIN is compared. */
    int random = open("/dev/random", O_RDONLY);
    check_revents(random, POLLIN, POLLIN, "/dev/random: readable");
    close(random);
    unlink("file");
}

static void poll_errors(void)
{
    check_revents(60, POLLIN, POLLNVAL, "closed fd: POLLNVAL");
    struct pollfd entries[2] = { { 60, 0, 0 }, { 61, POLLIN, 0 } };
    int result = poll(entries, 2, 0);
    check(result == 2 && entries[0].revents == POLLNVAL, "POLLNVAL counts", "result %d", result);
    errno = 0;
    result = (int)syscall(SYS_poll, entries, 0x7fffffff, 0);
    check(result == -1 && errno == EINVAL, "nfds above RLIMIT_NOFILE: EINVAL", "%d %s", result, errno_name(errno));
    errno = 0;
    result = (int)syscall(SYS_poll, 8, 1, 0);
    check(result == -1 && errno == EFAULT, "bad array: EFAULT", "%d %s", result, errno_name(errno));
    struct pollfd *read_only = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    read_only[0] = (struct pollfd) { 1, POLLOUT, 0 };
    mprotect(read_only, 4096, PROT_READ);
    errno = 0;
    result = poll(read_only, 1, 0);
    check(result == -1 && errno == EFAULT, "read-only array: EFAULT on revents", "%d %s", result, errno_name(errno));
    munmap(read_only, 4096);
    result = poll(NULL, 0, 0);
    check(result == 0, "no descriptors, timeout 0: 0", "%d %s", result, errno_name(errno));
}

static void waits(void)
{
    int fds[2];
    if (pipe(fds) != 0)
        return;
    long long start = now_ms();
    struct pollfd entry = { fds[0], POLLIN, 0 };
    int result = poll(&entry, 1, 60);
    long long took = now_ms() - start;
    check(result == 0 && entry.revents == 0 && took >= 55 && took < 5000, "empty pipe, 60 ms: times out",
          "%d after %lld ms", result, took);

    int hold[2];
    if (pipe(hold) != 0)
        return;
    pid_t child = later(fds[1], 'x', 200, fds[0], hold);
    start = now_ms();
    result = poll(&entry, 1, 30000);
    took = now_ms() - start;
    printf("# the child's write woke poll after %lld ms\n", took);
    /* Not at the timeout: the last pass after it would find the byte too. */
    check(result == 1 && entry.revents == POLLIN && took < 15000, "a child's write ends the wait", "%d %#x",
          result, entry.revents);
    close(hold[0]);
    close(hold[1]);
    waitpid(child, NULL, 0);
    char c;
    check(read(fds[0], &c, 1) == 1 && c == 'x', "the byte", "%s", errno_name(errno));

    /* select, woken by the last writer closing. */
    child = later(fds[1], -1, 50, fds[0], NULL);
    close(fds[1]);
    fd_set readable;
    FD_ZERO(&readable);
    FD_SET(fds[0], &readable);
    struct timeval timeout = { 30, 0 };
    result = (int)syscall(SYS_select, fds[0] + 1, &readable, NULL, NULL, &timeout);
    check(result == 1 && FD_ISSET(fds[0], &readable), "select: the last writer's exit ends the wait", "%d",
          result);
    check(timeout.tv_sec < 30 && timeout.tv_sec >= 15 && timeout.tv_usec >= 0 && timeout.tv_usec < 1000000,
          "select writes back the time left", "%lld.%06lld", (long long)timeout.tv_sec,
          (long long)timeout.tv_usec);
    waitpid(child, NULL, 0);
    close(fds[0]);
}

static void signals(void)
{
    int fds[2];
    if (pipe(fds) != 0)
        return;
    for (int restart = 0; restart < 2; ++restart) {
        install(SIGALRM, restart ? SA_RESTART : 0);
        handled = 0;
        struct pollfd entry = { fds[0], POLLIN, 0x1234 };
        errno = 0;
        arm_periodic_timer_ms(20);
        int result = poll(&entry, 1, -1);
        disarm_timer();
        check(result == -1 && errno == EINTR && handled >= 1 && entry.revents == 0,
              restart ? "SIGALRM ends poll with EINTR, SA_RESTART or not" : "SIGALRM ends poll with EINTR",
              "%d %s handled %d", result, errno_name(errno), handled);
    }
    install(SIGALRM, 0);
    handled = 0;
    fd_set readable;
    FD_ZERO(&readable);
    FD_SET(fds[0], &readable);
    errno = 0;
    arm_periodic_timer_ms(20);
    int result = select(fds[0] + 1, &readable, NULL, NULL, NULL);
    disarm_timer();
    check(result == -1 && errno == EINTR && handled >= 1, "SIGALRM ends select with EINTR", "%d %s", result,
          errno_name(errno));

    /* ppoll and pselect: SIGUSR1 pending and blocked; their mask lets it in. */
    install(SIGUSR1, 0);
    sigset_t usr1, empty, now;
    sigemptyset(&usr1);
    sigaddset(&usr1, SIGUSR1);
    sigemptyset(&empty);
    sigprocmask(SIG_BLOCK, &usr1, NULL);
    raise(SIGUSR1);
    handled = 0;
    struct pollfd entry = { fds[0], POLLIN, 0 };
    struct timespec zero = { 0, 0 };
    result = ppoll(&entry, 1, &zero, &usr1);
    sigpending(&now);
    check(result == 0 && handled == 0 && sigismember(&now, SIGUSR1), "ppoll keeping SIGUSR1 blocked: times out",
          "%d handled %d", result, handled);
    errno = 0;
    result = ppoll(&entry, 1, NULL, &empty);
    sigprocmask(SIG_BLOCK, NULL, &now);
    check(result == -1 && errno == EINTR && handled == 1, "ppoll's mask lets SIGUSR1 in: EINTR", "%d %s %d",
          result, errno_name(errno), handled);
    check(sigismember(&now, SIGUSR1), "the old mask is back after the handler", "%s", "");

    check(write(fds[1], "y", 1) == 1, "write a byte", "%s", errno_name(errno));
    raise(SIGUSR1);
    handled = 0;
    result = ppoll(&entry, 1, NULL, &empty);
    sigpending(&now);
    check(result == 1 && entry.revents == POLLIN && handled == 0 && sigismember(&now, SIGUSR1),
          "ppoll with a ready descriptor: no signal, mask back at once", "%d %#x handled %d", result,
          entry.revents, handled);
    char c;
    (void)read(fds[0], &c, 1);

    handled = 0;
    FD_ZERO(&readable);
    FD_SET(fds[0], &readable);
    errno = 0;
    result = pselect(fds[0] + 1, &readable, NULL, NULL, NULL, &empty);
    sigprocmask(SIG_BLOCK, NULL, &now);
    check(result == -1 && errno == EINTR && handled == 1 && sigismember(&now, SIGUSR1),
          "pselect's mask lets SIGUSR1 in: EINTR, mask back", "%d %s %d", result, errno_name(errno), handled);
    sigprocmask(SIG_UNBLOCK, &usr1, NULL);
    close(fds[0]);
    close(fds[1]);
}

static void selects(void)
{
    int fds[2];
    if (pipe(fds) != 0)
        return;
    fd_set readable, writable, except;
    FD_ZERO(&readable);
    FD_ZERO(&writable);
    FD_ZERO(&except);
    FD_SET(fds[0], &readable);
    FD_SET(fds[1], &writable);
    FD_SET(fds[0], &except);
    struct timeval zero = { 0, 0 };
    int result = select(fds[1] + 1, &readable, &writable, &except, &zero);
    check(result == 1 && !FD_ISSET(fds[0], &readable) && FD_ISSET(fds[1], &writable) && !FD_ISSET(fds[0], &except),
          "select, empty pipe: the write end", "%d", result);
    (void)!write(fds[1], "z", 1);
    FD_ZERO(&readable);
    FD_ZERO(&writable);
    FD_SET(fds[0], &readable);
    FD_SET(fds[1], &writable);
    FD_SET(fds[1], &readable);
    result = select(fds[1] + 1, &readable, &writable, NULL, &zero);
    check(result == 2 && FD_ISSET(fds[0], &readable) && !FD_ISSET(fds[1], &readable) && FD_ISSET(fds[1], &writable),
          "select, data: both ends", "%d", result);
    close(fds[0]);
    FD_ZERO(&readable);
    FD_ZERO(&writable);
    FD_SET(fds[1], &readable);
    FD_SET(fds[1], &writable);
    result = select(fds[1] + 1, &readable, &writable, NULL, &zero);
    check(result == 2 && FD_ISSET(fds[1], &readable) && FD_ISSET(fds[1], &writable),
          "select, no reader: POLLERR counts as readable and writable", "%d", result);

    FD_ZERO(&readable);
    FD_SET(fds[0], &readable);
    errno = 0;
    result = select(fds[0] + 1, &readable, NULL, NULL, &zero);
    check(result == -1 && errno == EBADF, "select, closed fd: EBADF", "%d %s", result, errno_name(errno));
    errno = 0;
    result = (int)syscall(SYS_select, -1, NULL, NULL, NULL, &zero);
    check(result == -1 && errno == EINVAL, "select, nfds -1: EINVAL", "%d %s", result, errno_name(errno));
    errno = 0;
    result = (int)syscall(SYS_select, 1, (void *)8, NULL, NULL, &zero);
    check(result == -1 && errno == EFAULT, "select, bad set: EFAULT", "%d %s", result, errno_name(errno));
    struct timeval negative = { -1, 0 };
    errno = 0;
    result = (int)syscall(SYS_select, 0, NULL, NULL, NULL, &negative);
    check(result == -1 && errno == EINVAL, "select, negative timeout: EINVAL", "%d %s", result, errno_name(errno));

    FD_ZERO(&writable);
    FD_SET(fds[1], &writable);
    struct timeval long_micros = { 0, 2500000 };
    result = (int)syscall(SYS_select, fds[1] + 1, NULL, &writable, NULL, &long_micros);
    check(result == 1 && long_micros.tv_sec <= 2 && long_micros.tv_sec >= 1 && long_micros.tv_usec < 1000000,
          "select, 2500000 us: carried into seconds, written back", "%d %lld.%06lld", result,
          (long long)long_micros.tv_sec, (long long)long_micros.tv_usec);
    FD_ZERO(&writable);
    FD_SET(fds[1], &writable);
    FD_SET(40, &writable);
    result = (int)syscall(SYS_select, fds[1] + 1, NULL, &writable, NULL, &zero);
    check(result == 1, "select, a closed fd above nfds is not looked at", "%d %s", result, errno_name(errno));

    long long start = now_ms();
    struct timeval short_wait = { 0, 60000 };
    result = (int)syscall(SYS_select, 0, NULL, NULL, NULL, &short_wait);
    long long took = now_ms() - start;
    check(result == 0 && took >= 55 && took < 5000 && short_wait.tv_sec == 0 && short_wait.tv_usec == 0,
          "select, nothing for 60 ms: 0, no time left", "%d after %lld ms, %lld.%06lld", result, took,
          (long long)short_wait.tv_sec, (long long)short_wait.tv_usec);
    struct timespec ts = { 0, 0 };
    result = pselect(0, NULL, NULL, NULL, &ts, NULL);
    check(result == 0, "pselect, timeout 0: 0", "%d %s", result, errno_name(errno));
    close(fds[1]);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    if (!mkdtemp(work_dir) || chdir(work_dir) != 0) {
        printf("Bail out! cannot make a directory under /tmp: %s\n", errno_name(errno));
        return 1;
    }
    pipes();
    files();
    poll_errors();
    waits();
    signals();
    selects();
    chdir("/");
    rmdir(work_dir);
    return test_done();
}
