/* test_support.h: a tiny TAP-like test framework shared by the user test programs.
 *
 * check(ok, name, detail...) prints "ok N - name" or "not ok N - name: detail";
 * test_done() prints "# passed P failed F" and returns the exit status (0 only when
 * every check passed). errno_name() gives the symbolic name of an errno value, so the
 * output compares between Linux and Keel without depending on strerror's wording
 * (musl and glibc word them differently). run_in_child() forks, runs a function in the
 * child and returns the wait status, for the cases where a crash is expected.
 *
 * Everything is static: each program is a single .c file that includes this header.
 */
#ifndef KEEL_USER_TEST_SUPPORT_H
#define KEEL_USER_TEST_SUPPORT_H

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

static int test_number, test_passed, test_failed;

/* Records one check. Returns ok, so a caller can stop after a failed precondition. */
__attribute__((format(printf, 3, 4))) static int check(int ok, const char *name, const char *detail, ...)
{
    test_number++;
    if (ok) {
        test_passed++;
        printf("ok %d - %s\n", test_number, name);
    } else {
        test_failed++;
        printf("not ok %d - %s: ", test_number, name);
        va_list args;
        va_start(args, detail);
        vprintf(detail, args);
        va_end(args);
        printf("\n");
    }
    fflush(stdout);
    return ok;
}

static int test_done(void)
{
    printf("# passed %d failed %d\n", test_passed, test_failed);
    fflush(stdout);
    return test_failed == 0 ? 0 : 1;
}

static const char *errno_name(int error)
{
    static char unknown[24];
    switch (error) {
    case 0: return "0";
    case EPERM: return "EPERM";
    case ENOENT: return "ENOENT";
    case ESRCH: return "ESRCH";
    case EINTR: return "EINTR";
    case EIO: return "EIO";
    case ENXIO: return "ENXIO";
    case E2BIG: return "E2BIG";
    case ENOEXEC: return "ENOEXEC";
    case EBADF: return "EBADF";
    case ECHILD: return "ECHILD";
    case EAGAIN: return "EAGAIN";
    case ENOMEM: return "ENOMEM";
    case EACCES: return "EACCES";
    case EFAULT: return "EFAULT";
    case EBUSY: return "EBUSY";
    case EEXIST: return "EEXIST";
    case EXDEV: return "EXDEV";
    case ENODEV: return "ENODEV";
    case ENOTDIR: return "ENOTDIR";
    case ENOTTY: return "ENOTTY";
    case EISDIR: return "EISDIR";
    case EINVAL: return "EINVAL";
    case ENFILE: return "ENFILE";
    case EMFILE: return "EMFILE";
    case ETXTBSY: return "ETXTBSY";
    case EFBIG: return "EFBIG";
    case ENOSPC: return "ENOSPC";
    case ESPIPE: return "ESPIPE";
    case EROFS: return "EROFS";
    case EMLINK: return "EMLINK";
    case EPIPE: return "EPIPE";
    case ERANGE: return "ERANGE";
    case ENAMETOOLONG: return "ENAMETOOLONG";
    case ENOSYS: return "ENOSYS";
    case ENOTEMPTY: return "ENOTEMPTY";
    case ELOOP: return "ELOOP";
    case EOVERFLOW: return "EOVERFLOW";
    case ELIBBAD: return "ELIBBAD";
    default: snprintf(unknown, sizeof unknown, "errno %d", error); return unknown;
    }
}

/* What a system call answered, as words: "EEXIST" when it returned -1, else "ret N".
 * Call it right after the call, before anything else can change errno. */
__attribute__((unused)) static const char *result_text(long ret)
{
    static char text[32];
    if (ret == -1)
        return errno_name(errno);
    snprintf(text, sizeof text, "ret %ld", ret);
    return text;
}

/* Checks that a call answered expected ("ret 0", "ENOENT"...); name says what it was. */
__attribute__((unused)) static int expect(const char *name, long ret, const char *expected)
{
    const char *got = result_text(ret);
    return check(strcmp(got, expected) == 0, name, "got %s, Linux gives %s", got, expected);
}

/* "exit 3", "signal SIGSEGV": how a child ended, in words that compare across systems. */
__attribute__((unused)) static const char *status_text(int status)
{
    static char text[40];
    if (WIFEXITED(status)) {
        snprintf(text, sizeof text, "exit %d", WEXITSTATUS(status));
    } else if (WIFSIGNALED(status)) {
        int signal = WTERMSIG(status);
        const char *name = signal == 4 ? "SIGILL" : signal == 6 ? "SIGABRT" : signal == 7 ? "SIGBUS"
            : signal == 8 ? "SIGFPE" : signal == 9 ? "SIGKILL" : signal == 11 ? "SIGSEGV"
            : signal == 13 ? "SIGPIPE" : signal == 15 ? "SIGTERM" : NULL;
        if (name)
            snprintf(text, sizeof text, "signal %s", name);
        else
            snprintf(text, sizeof text, "signal %d", signal);
    } else {
        snprintf(text, sizeof text, "status 0x%x", status);
    }
    return text;
}

/* Forks, runs body(argument) in the child (which then exits 0), waits. Returns the
 * wait status, or -1 if fork or wait failed. */
__attribute__((unused)) static int run_in_child(void (*body)(void *), void *argument)
{
    fflush(stdout);
    pid_t pid = fork();
    if (pid < 0)
        return -1;
    if (pid == 0) {
        body(argument);
        _exit(0);
    }
    int status;
    if (waitpid(pid, &status, 0) != pid)
        return -1;
    return status;
}

/* True when running on Keel (uname -s says "Keel"); used only for the few checks whose
 * answer differs between Linux and Keel on purpose, each one commented where used. */
__attribute__((unused)) static int running_on_keel(void)
{
    struct utsname name;
    return uname(&name) == 0 && strcmp(name.sysname, "Keel") == 0;
}

#endif
