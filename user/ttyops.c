/* ttyops: the terminal requests of ioctl(2) on the terminal a program is started on (the
 * console on Keel; on the host, a pseudo-terminal of 80x25 that the test makes), with
 * output that must be the same on Linux and Keel.
 *
 * isatty on the terminal and on what is not one (a pipe, /dev/null, a file: ENOTTY; a bad
 * descriptor: EBADF); the settings a terminal starts with (Linux's tty_std_termios, and
 * IUTF8: the host's terminal is given the console's settings, UTF-8 and HUPCL);
 * tcsetattr and tcgetattr round trips (raw mode, VMIN and VTIME); reads in
 * non-canonical mode that return at once (VMIN=0 VTIME=0) or after VTIME's tenths of a
 * second; O_NONBLOCK in canonical mode (EAGAIN); FIONREAD; the window size, read and
 * changed (SIGWINCH); tcflush; lseek (ESPIPE); unknown requests (ENOTTY), bad arguments (EINVAL)
 * and bad pointers (EFAULT).
 *
 * The job control requests: the program's group is the foreground (on the host the test
 * makes the terminal the controlling one of the program's session, as the console is on
 * Keel), tcsetpgrp's refusals, SIGTTOU stopping a background group that changes the
 * foreground, and ENOTTY in another session; a background read (SIGTTIN, or EIO when it
 * is ignored) and a background write under TOSTOP (SIGTTOU). /dev/tty (ENXIO without a controlling
 * terminal), TIOCSCTTY and TIOCNOTTY, and the hangup when a session lets go of its
 * terminal or its leader ends (last: the program's session loses the terminal).
 *
 * Nothing is typed: every read finds no input. Not compared: times (only bounds).
 */
#define _GNU_SOURCE
#include "test_support.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>

static const int TERMINAL = STDIN_FILENO;
/* The control characters the kernel keeps (its struct termios); the C libraries have more room. */
enum { KERNEL_NCCS = 19 };
static volatile int window_changes;

static void on_window_change(int signal)
{
    (void)signal;
    window_changes++;
}

static long long now_ms(void)
{
    struct timespec time;
    clock_gettime(CLOCK_MONOTONIC, &time);
    return time.tv_sec * 1000LL + time.tv_nsec / 1000000;
}

/* ioctl's result: 0, or -errno. */
static int request(int fd, unsigned long number, void *argument)
{
    return ioctl(fd, number, argument) < 0 ? -errno : 0;
}

static void check_errno(int got, int expected, const char *name)
{
    check(got == -expected, name, "got %s, expected %s", errno_name(-got), errno_name(expected));
}

static void check_what_is_a_terminal(void)
{
    check(isatty(STDIN_FILENO) && isatty(STDOUT_FILENO), "stdin and stdout are terminals", "isatty says no");
    int pipe_ends[2];
    if (pipe(pipe_ends) == 0) {
        errno = 0;
        check(!isatty(pipe_ends[0]) && errno == ENOTTY, "a pipe is not a terminal", "errno %s", errno_name(errno));
        close(pipe_ends[0]);
        close(pipe_ends[1]);
    }
    int null = open("/dev/null", O_RDWR);
    struct termios settings;
    check_errno(request(null, TCGETS, &settings), ENOTTY, "TCGETS on /dev/null is ENOTTY");
    close(null);
    int file = open("/proc/self/stat", O_RDONLY);
    check_errno(request(file, TIOCGWINSZ, &settings), ENOTTY, "TIOCGWINSZ on a file is ENOTTY");
    close(file);
    check_errno(request(99, TCGETS, &settings), EBADF, "TCGETS on a closed descriptor is EBADF");
    check_errno(lseek(TERMINAL, 0, SEEK_SET) < 0 ? -errno : 0, ESPIPE, "lseek on a terminal is ESPIPE");
}

static void check_initial_settings(void)
{
    struct termios settings;
    if (!check(tcgetattr(TERMINAL, &settings) == 0, "tcgetattr", "%s", errno_name(errno)))
        return;
    check(settings.c_iflag == (ICRNL | IXON | IUTF8), "input flags are ICRNL IXON IUTF8", "%#o",
          settings.c_iflag);
    check(settings.c_oflag == (OPOST | ONLCR), "output flags are OPOST ONLCR", "%#o", settings.c_oflag);
    tcflag_t local = ISIG | ICANON | ECHO | ECHOE | ECHOK | ECHOCTL | ECHOKE | IEXTEN;
    check(settings.c_lflag == local, "local flags are canonical, echo, signals", "%#o", settings.c_lflag);
    check(settings.c_cflag == (B38400 | CS8 | CREAD | HUPCL), "control flags are B38400 CS8 CREAD HUPCL", "%#o",
          settings.c_cflag);
    const cc_t *c = settings.c_cc;
    check(c[VINTR] == 3 && c[VQUIT] == 0x1c && c[VERASE] == 0x7f && c[VKILL] == 0x15 && c[VEOF] == 4,
          "VINTR VQUIT VERASE VKILL VEOF", "%d %d %d %d %d", c[VINTR], c[VQUIT], c[VERASE], c[VKILL], c[VEOF]);
    check(c[VMIN] == 1 && c[VTIME] == 0 && c[VSUSP] == 0x1a && c[VSTART] == 0x11 && c[VSTOP] == 0x13,
          "VMIN VTIME VSUSP VSTART VSTOP", "%d %d %d %d %d", c[VMIN], c[VTIME], c[VSUSP], c[VSTART], c[VSTOP]);
}

/* Sets `wanted` and reads the settings back. */
static int set_and_compare(const struct termios *wanted, int when, const char *name)
{
    struct termios got;
    if (tcsetattr(TERMINAL, when, wanted) != 0 || tcgetattr(TERMINAL, &got) != 0)
        return check(0, name, "%s", errno_name(errno));
    int same = got.c_iflag == wanted->c_iflag && got.c_oflag == wanted->c_oflag && got.c_lflag == wanted->c_lflag
        && memcmp(got.c_cc, wanted->c_cc, KERNEL_NCCS) == 0;
    return check(same, name, "iflag %#o oflag %#o lflag %#o", got.c_iflag, got.c_oflag, got.c_lflag);
}

/* One read of the terminal: its result, or -errno. */
static long read_terminal(void)
{
    char buffer[16];
    long count = read(TERMINAL, buffer, sizeof buffer);
    return count < 0 ? -errno : count;
}

static void check_raw_reads(const struct termios *saved)
{
    struct termios raw = *saved;
    cfmakeraw(&raw);
    raw.c_cc[VMIN] = 0;
    raw.c_cc[VTIME] = 0;
    set_and_compare(&raw, TCSANOW, "raw mode, VMIN=0 VTIME=0, reads back");
    long got = read_terminal();
    check(got == 0, "a read with no input returns 0 at once", "got %ld", got);
    raw.c_cc[VTIME] = 2;
    set_and_compare(&raw, TCSADRAIN, "VTIME=2 with TCSADRAIN reads back");
    long long start = now_ms();
    got = read_terminal();
    long long waited = now_ms() - start;
    check(got == 0, "VMIN=0 VTIME=2 returns 0 when nothing comes", "got %ld", got);
    check(waited >= 150, "... after two tenths of a second", "waited %lld ms", waited);
    printf("# waited %lld ms for VTIME=2\n", waited);
    set_and_compare(saved, TCSAFLUSH, "the first settings back, with TCSAFLUSH");
}

static void check_nonblocking_and_counts(void)
{
    int flags = fcntl(TERMINAL, F_GETFL);
    fcntl(TERMINAL, F_SETFL, flags | O_NONBLOCK);
    long got = read_terminal();
    fcntl(TERMINAL, F_SETFL, flags);
    check(got == -EAGAIN, "a non-blocking canonical read with no line is EAGAIN", "got %ld", got);
    int count = -1;
    check(request(TERMINAL, FIONREAD, &count) == 0 && count == 0, "FIONREAD says 0", "count %d", count);
    /* Input only: on the host, flushing output would drop lines the test has not read yet. */
    check(tcflush(TERMINAL, TCIFLUSH) == 0, "tcflush of the input", "%s", errno_name(errno));
    check_errno(tcflush(TERMINAL, 7) < 0 ? -errno : 0, EINVAL, "tcflush of an unknown queue is EINVAL");
    check_errno(tcflow(TERMINAL, 9) < 0 ? -errno : 0, EINVAL, "tcflow of an unknown action is EINVAL");
}

static void check_window_size(void)
{
    struct winsize size = { 0 };
    check(request(TERMINAL, TIOCGWINSZ, &size) == 0 && size.ws_col == 80 && size.ws_row == 25,
          "the window is 80x25", "%dx%d", size.ws_col, size.ws_row);
    signal(SIGWINCH, on_window_change);
    struct winsize bigger = { .ws_row = 30, .ws_col = 100 };
    struct winsize got = { 0 };
    check(request(TERMINAL, TIOCSWINSZ, &bigger) == 0 && request(TERMINAL, TIOCGWINSZ, &got) == 0
              && got.ws_col == 100 && got.ws_row == 30,
          "TIOCSWINSZ 100x30 reads back", "%dx%d", got.ws_col, got.ws_row);
    request(TERMINAL, TIOCSWINSZ, &size);
    check(window_changes == 2, "each change sent the foreground group SIGWINCH", "%d times", window_changes);
}

/* Runs `body` in a child (in a process group of its own: the background, if asked): its
 * exit status, 100 + the signal that killed it, or 200 + the one that stopped it (it is
 * killed then). */
static int status_of_child(int (*body)(void), int in_background)
{
    pid_t child = fork();
    if (child == 0) {
        if (in_background)
            setpgid(0, 0);
        alarm(5); /* a read that should not wait would otherwise wait for ever */
        _exit(body());
    }
    int status = 0;
    waitpid(child, &status, WUNTRACED);
    if (WIFSTOPPED(status)) {
        kill(child, SIGKILL);
        waitpid(child, NULL, 0);
        return 200 + WSTOPSIG(status);
    }
    return WIFEXITED(status) ? WEXITSTATUS(status) : 100 + WTERMSIG(status);
}

/* The program's group, for a child to give the foreground back to. */
static pid_t program_group;

/* From the background: tcsetpgrp to its own group, then back to the program's. */
static int take_the_foreground(void)
{
    if (tcsetpgrp(TERMINAL, getpgrp()) != 0)
        return 1;
    if (tcgetpgrp(TERMINAL) != getpgrp())
        return 2;
    return tcsetpgrp(TERMINAL, program_group) == 0 ? 0 : 3;
}

static int take_the_foreground_ignoring_sigttou(void)
{
    signal(SIGTTOU, SIG_IGN);
    return take_the_foreground();
}

static int read_the_terminal(void)
{
    char byte;
    return read(TERMINAL, &byte, 1) < 0 && errno == EIO ? 0 : 1;
}

static int read_ignoring_sigttin(void)
{
    signal(SIGTTIN, SIG_IGN);
    return read_the_terminal();
}

static int write_the_terminal(void)
{
    return write(TERMINAL, "!", 1) == 1 ? 0 : 1;
}

/* Reads and writes from the background (Linux's job_control and tty_check_change). */
static void check_background_access(void)
{
    int got = status_of_child(read_the_terminal, 1);
    check(got == 200 + SIGTTIN, "a background read stops the group with SIGTTIN", "got %d", got);
    got = status_of_child(read_ignoring_sigttin, 1);
    check(got == 0, "... and is EIO when SIGTTIN is ignored", "got %d", got);
    struct termios settings;
    tcgetattr(TERMINAL, &settings);
    settings.c_lflag |= TOSTOP;
    tcsetattr(TERMINAL, TCSANOW, &settings);
    got = status_of_child(write_the_terminal, 1);
    check(got == 200 + SIGTTOU, "with TOSTOP a background write stops the group with SIGTTOU", "got %d", got);
    settings.c_lflag &= ~TOSTOP;
    tcsetattr(TERMINAL, TCSANOW, &settings);
}

/* Fields 7 and 8 of /proc/self/stat: tty_nr and tpgid. */
static void terminal_fields_of_stat(long *tty_nr, long *tpgid)
{
    char text[1024] = "";
    int fd = open("/proc/self/stat", O_RDONLY);
    ssize_t length = fd >= 0 ? read(fd, text, sizeof text - 1) : -1;
    if (fd >= 0)
        close(fd);
    text[length > 0 ? length : 0] = 0;
    const char *after_name = strrchr(text, ')');
    *tty_nr = *tpgid = -2;
    if (after_name)
        sscanf(after_name + 2, "%*c %*d %*d %*d %ld %ld", tty_nr, tpgid);
}

static void check_job_control(void)
{
    pid_t group = getpgrp();
    long tty_nr, tpgid;
    terminal_fields_of_stat(&tty_nr, &tpgid);
    struct stat terminal;
    fstat(TERMINAL, &terminal);
    check(tty_nr == (long)terminal.st_rdev && tpgid == (long)tcgetpgrp(TERMINAL),
          "/proc/self/stat: tty_nr is the terminal's device, tpgid its foreground", "%ld %ld", tty_nr, tpgid);
    check(tcgetpgrp(TERMINAL) == group, "the program's group is the terminal's foreground", "%d, group %d",
          (int)tcgetpgrp(TERMINAL), (int)group);
    check(tcgetsid(TERMINAL) == getsid(0), "the terminal's session is the program's", "%d, session %d",
          (int)tcgetsid(TERMINAL), (int)getsid(0));
    check(tcsetpgrp(TERMINAL, group) == 0, "tcsetpgrp to its own group", "%s", errno_name(errno));
    check_errno(tcsetpgrp(TERMINAL, 999999) < 0 ? -errno : 0, ESRCH, "tcsetpgrp to no group is ESRCH");
    check_errno(tcsetpgrp(TERMINAL, -1) < 0 ? -errno : 0, EINVAL, "tcsetpgrp to -1 is EINVAL");
    program_group = group;
    int stopped = status_of_child(take_the_foreground, 1);
    check(stopped == 200 + SIGTTOU, "a background group's tcsetpgrp stops it with SIGTTOU", "got %d",
          stopped);
    int done = status_of_child(take_the_foreground_ignoring_sigttou, 1);
    check(done == 0, "... unless it ignores SIGTTOU: then it takes the foreground and gives it back", "got %d",
          done);
    check(tcgetpgrp(TERMINAL) == group, "the program's group is the foreground again", "%d",
          (int)tcgetpgrp(TERMINAL));
    pid_t child = fork();
    if (child == 0) {
        setsid();
        _exit(tcgetpgrp(TERMINAL) < 0 && errno == ENOTTY ? 0 : 1);
    }
    int status = 0;
    waitpid(child, &status, 0);
    check(WIFEXITED(status) && WEXITSTATUS(status) == 0,
          "in another session the terminal is not the controlling one: ENOTTY", "status %#x", status);
}

static volatile int hangups;

static void on_hangup(int signal)
{
    (void)signal;
    hangups++;
}

/* Each returns 0, or the number of the first step that went wrong (a child's status). */

/* open("/dev/tty"): 0 if it opened a terminal, else -errno. */
static int open_controlling_terminal(void)
{
    int fd = open("/dev/tty", O_RDWR);
    if (fd < 0)
        return -errno;
    int result = isatty(fd) ? 0 : -ENOTTY;
    close(fd);
    return result;
}

/* A process that does not lead its session gives the terminal up: it has none then. */
static int leave_the_terminal(void)
{
    if (request(TERMINAL, TIOCSCTTY, 0) != -EPERM)
        return 1;
    if (request(TERMINAL, TIOCNOTTY, NULL) != 0)
        return 2;
    if (tcgetpgrp(TERMINAL) >= 0 || errno != ENOTTY)
        return 3;
    if (open_controlling_terminal() != -ENXIO)
        return 4;
    return request(TERMINAL, TIOCNOTTY, NULL) == -ENOTTY ? 0 : 5;
}

/* A new session's leader takes the terminal from the program's session (root, with
 * argument 1), then lets it go: SIGHUP (and SIGCONT) to its foreground group, itself. */
static int take_the_terminal_and_let_go(void)
{
    setsid();
    if (request(TERMINAL, TIOCNOTTY, NULL) != -ENOTTY || open_controlling_terminal() != -ENXIO)
        return 1;
    if (request(TERMINAL, TIOCSCTTY, (void *)0) != -EPERM)
        return 2;
    if (request(TERMINAL, TIOCSCTTY, (void *)1) != 0)
        return 3;
    if (tcgetsid(TERMINAL) != getsid(0) || tcgetpgrp(TERMINAL) != getpgrp())
        return 4;
    if (open_controlling_terminal() != 0)
        return 4;
    if (request(TERMINAL, TIOCSCTTY, (void *)0) != 0)
        return 5;
    signal(SIGHUP, on_hangup);
    if (request(TERMINAL, TIOCNOTTY, NULL) != 0 || hangups != 1)
        return 6;
    return tcgetsid(TERMINAL) < 0 && errno == ENOTTY ? 0 : 7;
}

/* A session leader holding the terminal ends: its foreground group (here a child of its,
 * which tells `report` so) gets SIGHUP. */
static int end_holding_the_terminal(int report)
{
    setsid();
    if (request(TERMINAL, TIOCSCTTY, (void *)1) != 0)
        return 1;
    sigset_t hangup, empty;
    sigemptyset(&hangup);
    sigemptyset(&empty);
    sigaddset(&hangup, SIGHUP);
    sigprocmask(SIG_BLOCK, &hangup, NULL);
    signal(SIGHUP, on_hangup);
    if (fork() == 0) {
        alarm(5);
        while (!hangups)
            sigsuspend(&empty);
        _exit(write(report, "H", 1) == 1 ? 0 : 1);
    }
    return 0;
}

/* /dev/tty, TIOCSCTTY and TIOCNOTTY. Last: the program's session loses its terminal. */
static void check_controlling_terminal(void)
{
    int fd = open("/dev/tty", O_RDWR);
    check(fd >= 0 && isatty(fd) && tcgetpgrp(fd) == getpgrp() && write(fd, "", 0) == 0,
          "/dev/tty opens the program's controlling terminal", "%s", errno_name(errno));
    if (fd >= 0)
        close(fd);
    int step = status_of_child(leave_the_terminal, 0);
    check(step == 0, "TIOCNOTTY by a process that leads no session: it alone has no terminal then", "step %d",
          step);
    check(tcgetpgrp(TERMINAL) == getpgrp(), "the program still has its terminal", "%s", errno_name(errno));
    step = status_of_child(take_the_terminal_and_let_go, 0);
    check(step == 0, "TIOCSCTTY by a new session's leader, TIOCNOTTY with SIGHUP", "step %d", step);
    check(tcgetpgrp(TERMINAL) < 0 && errno == ENOTTY, "the program's session lost the terminal: ENOTTY", "%d",
          (int)tcgetpgrp(TERMINAL));

    int report[2];
    if (pipe(report) != 0)
        return;
    pid_t leader = fork();
    if (leader == 0)
        _exit(end_holding_the_terminal(report[1]));
    close(report[1]);
    int status = 0;
    waitpid(leader, &status, 0);
    char got = 0;
    ssize_t length = read(report[0], &got, 1);
    close(report[0]);
    check(WIFEXITED(status) && WEXITSTATUS(status) == 0 && length == 1 && got == 'H',
          "a session leader that ends hangs its terminal up: SIGHUP to the foreground group",
          "status %#x, %zd", status, length);
}

static void check_refusals(void)
{
    check_errno(request(TERMINAL, TCGETS, (void *)16), EFAULT, "TCGETS to a bad pointer is EFAULT");
    check_errno(request(TERMINAL, TCSETS, (void *)16), EFAULT, "TCSETS from a bad pointer is EFAULT");
    check_errno(request(TERMINAL, TIOCGWINSZ, (void *)16), EFAULT, "TIOCGWINSZ to a bad pointer is EFAULT");
    check_errno(request(TERMINAL, 0x54ff, NULL), ENOTTY, "an unknown request is ENOTTY");
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    check_what_is_a_terminal();
    check_initial_settings();
    struct termios saved;
    if (tcgetattr(TERMINAL, &saved) == 0) {
        check_raw_reads(&saved);
        check_nonblocking_and_counts();
    }
    check_window_size();
    check_job_control();
    check_background_access();
    check_refusals();
    check_controlling_terminal();
    return test_done();
}
