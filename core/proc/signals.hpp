// Signals, as far as this step of Keel goes: Linux's numbers and names, and kill() with
// the default actions only (a signal whose default is to terminate ends the process; one
// whose default is to be ignored does nothing). Handlers, masks, stops and continues come
// with the terminal and job-control work.
#pragma once
#include <kstd/result.hpp>
#include <kstd/string_view.hpp>
#include <proc/process.hpp>

namespace proc {

// Linux's x86_64 numbers (signal(7)). (Core never includes the host's <signal.h>, whose
// macros of the same names would clash.)
enum Signal : int {
    SIGHUP = 1, SIGINT = 2, SIGQUIT = 3, SIGILL = 4, SIGTRAP = 5, SIGABRT = 6, SIGBUS = 7,
    SIGFPE = 8, SIGKILL = 9, SIGUSR1 = 10, SIGSEGV = 11, SIGUSR2 = 12, SIGPIPE = 13,
    SIGALRM = 14, SIGTERM = 15, SIGSTKFLT = 16, SIGCHLD = 17, SIGCONT = 18, SIGSTOP = 19,
    SIGTSTP = 20, SIGTTIN = 21, SIGTTOU = 22, SIGURG = 23, SIGXCPU = 24, SIGXFSZ = 25,
    SIGVTALRM = 26, SIGPROF = 27, SIGWINCH = 28, SIGIO = 29, SIGPWR = 30, SIGSYS = 31,
};
inline constexpr int SIGNAL_COUNT = 64; // 1..64, the real-time ones included

// "SIGSEGV", or "SIG?" for a number Linux does not name.
kstd::StringView signal_name(int signal);
// Whether Linux's default action for `signal` dumps core (reported as "core dumped" in the
// wait status; Keel writes no file).
bool dumps_core(int signal);

// kill(2) from `sender`: `target` > 0 one process, 0 the sender's process group, -1 every
// process but the kernel and the sender, < -1 the group -target. Signal 0 only checks.
// EINVAL for a bad signal, ESRCH when nothing matched. The kernel process ignores them.
kstd::Result<void> send_signal(Process& sender, int64_t target, int signal);

} // namespace proc
