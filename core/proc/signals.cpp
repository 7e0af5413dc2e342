// Signal names and kill() with the default actions (see signals.hpp).
#include <proc/signals.hpp>
#include <sched/interrupt.hpp>
#include <sync/interrupt_guard.hpp>

namespace proc {
namespace {

constexpr kstd::StringView NAMES[] = {
    "SIG0", "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT", "SIGBUS", "SIGFPE",
    "SIGKILL", "SIGUSR1", "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM", "SIGTERM", "SIGSTKFLT",
    "SIGCHLD", "SIGCONT", "SIGSTOP", "SIGTSTP", "SIGTTIN", "SIGTTOU", "SIGURG", "SIGXCPU",
    "SIGXFSZ", "SIGVTALRM", "SIGPROF", "SIGWINCH", "SIGIO", "SIGPWR", "SIGSYS",
};

// Linux's default action is to ignore these (signal(7)); SIGSTOP and friends stop a
// process, which needs job control: until then they are ignored too.
bool ignored_by_default(int signal)
{
    switch (signal) {
    case SIGCHLD:
    case SIGCONT:
    case SIGURG:
    case SIGWINCH:
    case SIGSTOP:
    case SIGTSTP:
    case SIGTTIN:
    case SIGTTOU:
        return true;
    default:
        return false;
    }
}

// The default action on one process: terminate it (its threads notice on their way back
// to user mode, or now, if they wait interruptibly in a system call).
void deliver(Process& process, int signal)
{
    if (signal == 0 || ignored_by_default(signal) || process.state != ProcessState::Running)
        return;
    if (process.fatal_signal == 0)
        process.fatal_signal = signal;
    if (process.thread)
        sched::interrupt(*process.thread);
}

bool matches(const Process& process, const Process& sender, int64_t target)
{
    if (target > 0)
        return process.pid == uint64_t(target);
    if (target == 0)
        return process.process_group == sender.process_group;
    if (target == -1)
        return &process != &sender;
    return process.process_group == uint64_t(-target);
}

} // namespace

kstd::StringView signal_name(int signal)
{
    if (signal >= 0 && size_t(signal) < sizeof(NAMES) / sizeof(NAMES[0]))
        return NAMES[signal];
    return "SIG?";
}

bool dumps_core(int signal)
{
    switch (signal) {
    case SIGQUIT:
    case SIGILL:
    case SIGTRAP:
    case SIGABRT:
    case SIGBUS:
    case SIGFPE:
    case SIGSEGV:
    case SIGXCPU:
    case SIGXFSZ:
    case SIGSYS:
        return true;
    default:
        return false;
    }
}

kstd::Result<void> send_signal(Process& sender, int64_t target, int signal)
{
    if (signal < 0 || signal > SIGNAL_COUNT)
        return kstd::Errno::InvalidArgument;
    if (target == INT64_MIN)
        return kstd::Errno::NoSuchProcess;
    ksync::InterruptGuard guard;
    bool matched = false;
    for (uint32_t pid = 1;;) {
        auto info = find_process_from(pid);
        if (!info)
            break;
        pid = info.value().pid + 1;
        Process* process = find_process(info.value().pid);
        if (!process || !matches(*process, sender, target))
            continue;
        matched = true;
        // Like Linux's init, the kernel process ignores every signal it has no handler
        // for (and has none): kill(1, SIGTERM) succeeds and does nothing.
        if (process != &kernel_process())
            deliver(*process, signal);
    }
    if (!matched)
        return kstd::Errno::NoSuchProcess;
    return {};
}

} // namespace proc
