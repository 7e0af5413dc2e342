// Signals: Linux's numbers, actions, masks and siginfo, and sending them.
//
// A process's signal state (SignalState, in Process) holds what Linux keeps per thread
// group and per thread alike, since a Keel process has one thread: the 64 actions
// (rt_sigaction), the blocked mask, the pending set with one siginfo per pending standard
// signal and a queue of real-time ones, the alternate stack, and the stop state of job
// control. Sending (this file's functions, signals.cpp) only records a signal and wakes
// the thread; the thread acts on it on its way back to user mode
// (signal_delivery.hpp): a handler gets Linux's rt_sigframe (signal_frame.hpp), a default
// action terminates, dumps core, stops or is ignored. Everything here is done with
// interrupts off, so a timer (SIGALRM) or the terminal (SIGINT) may send from an IRQ.
//
// The map: signals.cpp (names, default actions, sending, stop and continue),
// signal_delivery.cpp (choosing and acting on pending signals, restarting system calls),
// signal_frame.cpp (the frame and sigreturn), interval_timer.cpp (alarm, ITIMER_REAL),
// and core/syscall/signal_calls.cpp (the system calls).
#pragma once
#include <kstd/intrusive_list.hpp>
#include <kstd/result.hpp>
#include <kstd/string_view.hpp>
#include <sched/wait_queue.hpp>
#include <time/timer_queue.hpp>
#include <stdint.h>

namespace tty {
class Terminal;
}

namespace proc {

struct Process;

// Linux's x86_64 numbers (signal(7)). (Core never includes the host's <signal.h>, whose
// macros of the same names would clash.)
enum Signal : int {
    SIGHUP = 1, SIGINT = 2, SIGQUIT = 3, SIGILL = 4, SIGTRAP = 5, SIGABRT = 6, SIGBUS = 7,
    SIGFPE = 8, SIGKILL = 9, SIGUSR1 = 10, SIGSEGV = 11, SIGUSR2 = 12, SIGPIPE = 13,
    SIGALRM = 14, SIGTERM = 15, SIGSTKFLT = 16, SIGCHLD = 17, SIGCONT = 18, SIGSTOP = 19,
    SIGTSTP = 20, SIGTTIN = 21, SIGTTOU = 22, SIGURG = 23, SIGXCPU = 24, SIGXFSZ = 25,
    SIGVTALRM = 26, SIGPROF = 27, SIGWINCH = 28, SIGIO = 29, SIGPWR = 30, SIGSYS = 31,
};
inline constexpr int SIGNAL_COUNT = 64;        // 1..64
inline constexpr int FIRST_REAL_TIME_SIGNAL = 32; // 32..64 queue; 1..31 merge

// A set of signals as Linux's kernel sigset_t on x86_64: bit (signal - 1) of 64.
using SignalSet = uint64_t;
constexpr SignalSet signal_bit(int signal) { return 1ull << (signal - 1); }
inline constexpr SignalSet UNBLOCKABLE = signal_bit(SIGKILL) | signal_bit(SIGSTOP);
constexpr bool is_valid_signal(int signal) { return signal >= 1 && signal <= SIGNAL_COUNT; }

// sa_flags (Linux's values).
namespace action_flags {
inline constexpr uint64_t NO_CHILD_STOP = 0x1;      // SA_NOCLDSTOP
inline constexpr uint64_t NO_CHILD_WAIT = 0x2;      // SA_NOCLDWAIT
inline constexpr uint64_t SIGINFO = 0x4;            // SA_SIGINFO
inline constexpr uint64_t RESTORER = 0x04000000;    // SA_RESTORER
inline constexpr uint64_t ON_STACK = 0x08000000;    // SA_ONSTACK
inline constexpr uint64_t RESTART = 0x10000000;     // SA_RESTART
inline constexpr uint64_t NO_DEFER = 0x40000000;    // SA_NODEFER
inline constexpr uint64_t RESET_HANDLER = 0x80000000; // SA_RESETHAND
} // namespace action_flags

inline constexpr uint64_t HANDLER_DEFAULT = 0; // SIG_DFL
inline constexpr uint64_t HANDLER_IGNORE = 1;  // SIG_IGN

// Linux's kernel struct sigaction on x86_64, as rt_sigaction reads and writes it.
struct SignalAction {
    uint64_t handler = HANDLER_DEFAULT;
    uint64_t flags = 0;
    uint64_t restorer = 0;
    SignalSet mask = 0;
};
static_assert(sizeof(SignalAction) == 32);

// si_code values (uapi/asm-generic/siginfo.h).
namespace signal_code {
inline constexpr int USER = 0;        // SI_USER: kill
inline constexpr int KERNEL = 0x80;   // SI_KERNEL
inline constexpr int QUEUE = -1;      // SI_QUEUE: sigqueue
inline constexpr int THREAD_KILL = -6; // SI_TKILL: tkill, tgkill
inline constexpr int SEGV_MAPPING = 1; // SEGV_MAPERR
inline constexpr int SEGV_ACCESS = 2;  // SEGV_ACCERR
inline constexpr int BUS_ADDRESS = 2;  // BUS_ADRERR
inline constexpr int CHILD_EXITED = 1, CHILD_KILLED = 2, CHILD_DUMPED = 3, CHILD_STOPPED = 5,
                     CHILD_CONTINUED = 6; // CLD_*
} // namespace signal_code

// What a pending signal carries: the fields of Linux's siginfo_t that Keel fills
// (signal_frame.cpp lays them out as Linux does for the signal and code).
struct SignalInfo {
    int signal = 0;
    int code = signal_code::USER;
    uint32_t pid = 0, uid = 0;  // the sender, or the child for SIGCHLD
    int status = 0;             // SIGCHLD: exit code or signal
    uintptr_t address = 0;      // faults: si_addr
    uint64_t value = 0;         // sigqueue: si_value
    uint64_t user_ticks = 0, system_ticks = 0; // SIGCHLD: si_utime, si_stime
};

// sigaltstack's stack_t fields.
inline constexpr int STACK_ON = 1;                 // SS_ONSTACK
inline constexpr int STACK_DISABLED = 2;           // SS_DISABLE
inline constexpr uint32_t STACK_AUTO_DISARM = 1u << 31; // SS_AUTODISARM
struct AlternateStack {
    uintptr_t base = 0;
    size_t size = 0; // 0: none
    bool auto_disarm = false;

    bool contains(uintptr_t sp) const { return size != 0 && sp > base && sp - base <= size; }
};

struct QueuedSignal {
    SignalInfo info;
    kstd::IntrusiveListNode node;
};

struct SignalState {
    SignalAction actions[SIGNAL_COUNT]; // [signal - 1]
    SignalSet blocked = 0;
    SignalSet pending = 0;
    SignalSet awaited = 0; // rt_sigtimedwait's set: these wake the thread though blocked
    SignalInfo standard_info[FIRST_REAL_TIME_SIGNAL]; // [signal] of a pending standard one
    kstd::IntrusiveList<QueuedSignal, &QueuedSignal::node> queued; // real-time, in order
    size_t queued_count = 0;
    // rt_sigsuspend's: the mask to put back once a handler's frame has saved it.
    SignalSet mask_to_restore = 0;
    bool restore_mask = false;
    AlternateStack alternate_stack;
    // init's (Linux's SIGNAL_UNKILLABLE): a signal left to its default action, SIGKILL
    // and SIGSTOP included, is let go when it comes to be delivered, until a fault of
    // its own forces one.
    bool unkillable = false;

    // Job control: stopped by a stop signal until SIGCONT or SIGKILL; what wait4 has yet
    // to report (WUNTRACED, WCONTINUED).
    bool stopped = false;
    int stop_signal = 0;
    bool stop_unreported = false;
    bool continue_unreported = false;
    sched::WaitQueue continued; // the stopped thread

    // ITIMER_REAL and alarm (interval_timer.hpp).
    struct RealTimer : ktime::Timer {
        Process* process = nullptr; // set when armed
        uint64_t deadline_ns = 0;
        uint64_t interval_ns = 0;
    } real_timer;
};

// How many real-time signals may wait in one process (RLIMIT_SIGPENDING's role): sigqueue
// beyond is EAGAIN.
inline constexpr size_t QUEUED_SIGNAL_LIMIT = 1024;

// "SIGSEGV", or "SIG?" for a number Linux does not name.
kstd::StringView signal_name(int signal);
// Whether Linux's default action for `signal` dumps core (reported as "core dumped" in the
// wait status; Keel writes no file).
bool dumps_core(int signal);
enum class DefaultAction : uint8_t { Terminate, Ignore, Stop, Continue };
DefaultAction default_action(int signal);
// What becomes of `signal` in `process` now, by its mask, its action and the default one:
// Blocked, it waits (whatever the action, which may change before it is unblocked); else
// Ignore (SIG_IGN, or SIG_DFL where the default ignores or only continues), Catch (a
// handler), or the default's Terminate or Stop. (SIGKILL and SIGSTOP are never blocked and
// never have a handler or SIG_IGN: rt_sigaction and the masks refuse them.)
enum class Disposition : uint8_t { Blocked, Ignore, Catch, Terminate, Stop };
Disposition disposition_of(const Process& process, int signal);
// The same by the action alone, the mask aside (never Blocked): setting an action that
// ignores discards the signal even while it is blocked, as POSIX says.
Disposition action_disposition(const Process& process, int signal);

// kill(2) from `sender`: `target` > 0 one process, 0 the sender's process group, -1 every
// process but the kernel and the sender, < -1 the group -target. Signal 0 only checks.
// EINVAL for a bad signal, ESRCH when nothing matched. The kernel process ignores them.
kstd::Result<void> send_signal(Process& sender, int64_t target, int signal);
// tgkill/tkill: to one thread (a process, for Keel); `group` 0 for tkill. SI_TKILL.
kstd::Result<void> send_thread_signal(Process& sender, int64_t group, int64_t thread, int signal);
// rt_sigqueueinfo: `info` as the program gave it (its code must be negative unless it
// signals itself: EPERM). EAGAIN when the queue is full.
kstd::Result<void> queue_signal(Process& sender, int64_t target, const SignalInfo& info);
// Installs the way terminals signal their foreground process group (tty/terminal.hpp):
// to every process of the group but the kernel, from the kernel (SI_KERNEL), as Linux's
// tty layer sends Ctrl+C's SIGINT; and how /dev/tty finds the caller's controlling
// terminal (fs/devfs/controlling_terminal.hpp). Once, at boot.
void connect_terminal_signals();
// The process's controlling terminal: its session's, unless it gave it up; or nullptr.
tty::Terminal* controlling_terminal(const Process& process);
// Posts `info` to `process` as the kernel: faults, SIGCHLD, SIGALRM, SIGPIPE, the
// terminal's keys. Interrupts off. A real-time signal that finds no memory is dropped
// (false).
bool post_signal(Process& process, const SignalInfo& info);
// A CPU fault of the running process: like post_signal, but a blocked or ignored signal
// is unblocked and set back to its default first, as Linux's force_sig_fault does.
void force_signal(Process& process, const SignalInfo& info);

// Job control's end of a child's life, and its stops: tells the parent with SIGCHLD
// (unless SA_NOCLDSTOP for stops) and wakes its wait4. Interrupts off.
void notify_parent(Process& child, int code, int status);
// Whether `group` is orphaned (POSIX): no member has a parent in another group of the
// same session (neither init nor the kernel process counts as one, as in Linux). Stops from
// the terminal (SIGTSTP, SIGTTIN, SIGTTOU) do not stop it.
bool is_orphaned_group(uint32_t group);
// `leaving` is ending: each process group its end orphans (its own, or a child's) that
// has a stopped member gets SIGHUP and then SIGCONT, so that a stopped job is not left
// stopped for ever (POSIX; Linux's kill_orphaned_pgrp). Call before its children go to
// init.
void hang_up_groups_orphaned_by(const Process& leaving);

// What fork gives the child (actions, mask, alternate stack; nothing pending), and what
// execve keeps (handlers reset to the default, ignored stays ignored; the mask and
// pending signals kept; no alternate stack).
void copy_signal_state_for_fork(const SignalState& parent, SignalState& child);
void reset_signal_state_for_exec(SignalState& state);
// Frees the real-time queue and stops the interval timer of a process that has ended.
void release_signal_state(SignalState& state);

} // namespace proc
