// Signal names, default actions, and sending: recording a signal, stopping and continuing,
// and waking the thread that will act on it (see signals.hpp).
#include <fs/devfs/controlling_terminal.hpp>
#include <mm/heap/kmalloc.hpp>
#include <proc/process.hpp>
#include <proc/process_internal.hpp>
#include <proc/signals.hpp>
#include <sched/interrupt.hpp>
#include <sync/interrupt_guard.hpp>
#include <time/timers.hpp>
#include <tty/terminal.hpp>

namespace proc {
namespace {

constexpr kstd::StringView NAMES[] = {
    "SIG0", "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT", "SIGBUS", "SIGFPE",
    "SIGKILL", "SIGUSR1", "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM", "SIGTERM", "SIGSTKFLT",
    "SIGCHLD", "SIGCONT", "SIGSTOP", "SIGTSTP", "SIGTTIN", "SIGTTOU", "SIGURG", "SIGXCPU",
    "SIGXFSZ", "SIGVTALRM", "SIGPROF", "SIGWINCH", "SIGIO", "SIGPWR", "SIGSYS",
};

constexpr SignalSet STOP_SIGNALS = signal_bit(SIGSTOP) | signal_bit(SIGTSTP) | signal_bit(SIGTTIN)
    | signal_bit(SIGTTOU);

bool is_real_time(int signal) { return signal >= FIRST_REAL_TIME_SIGNAL; }

void discard(SignalState& state, SignalSet signals)
{
    state.pending &= ~(signals & ((1ull << (FIRST_REAL_TIME_SIGNAL - 1)) - 1));
}

// Continues a stopped process: its thread wakes, wait4 can report it, its parent hears.
void continue_process(Process& process)
{
    SignalState& state = process.signals;
    state.stopped = false;
    state.stop_unreported = false;
    state.continue_unreported = true;
    state.continued.wake_all();
    notify_parent(process, signal_code::CHILD_CONTINUED, SIGCONT);
}

// What arrival does before the signal is recorded (Linux's prepare_signal): a stop
// signal forgets a pending SIGCONT, SIGCONT forgets pending stops and continues,
// SIGKILL wakes a stopped process so it can die.
void on_arrival(Process& process, int signal)
{
    SignalState& state = process.signals;
    if (signal_bit(signal) & STOP_SIGNALS) {
        discard(state, signal_bit(SIGCONT));
    } else if (signal == SIGCONT) {
        discard(state, STOP_SIGNALS);
        if (state.stopped)
            continue_process(process);
    } else if (signal == SIGKILL) {
        state.continued.wake_all();
    }
}

bool record(Process& process, const SignalInfo& info)
{
    SignalState& state = process.signals;
    int signal = info.signal;
    if (!is_real_time(signal)) {
        if (state.pending & signal_bit(signal))
            return true; // standard signals merge: the first siginfo stays
        state.standard_info[signal] = info;
    } else {
        if (state.queued_count >= QUEUED_SIGNAL_LIMIT)
            return false;
        auto* queued = mm::make<QueuedSignal>();
        if (!queued)
            return false;
        queued->info = info;
        state.queued.push_back(*queued);
        ++state.queued_count;
    }
    state.pending |= signal_bit(signal);
    return true;
}

bool matches(const Process& process, const Process& sender, int64_t target)
{
    if (target > 0)
        return process.pid == uint64_t(target);
    if (target == 0)
        return process.process_group == sender.process_group;
    if (target == -1)
        return &process != &sender && !process.is_init;
    return process.process_group == uint64_t(-target);
}

// Sends `info` to every running process `matches` accepts; ESRCH if none.
template<typename Matches>
kstd::Result<void> send_to_each(Matches matches, const SignalInfo& info, bool& delivered)
{
    ksync::InterruptGuard guard;
    bool matched = false;
    delivered = true;
    for (Process& process : listed_processes()) {
        if (process.state != ProcessState::Running || !matches(process))
            continue;
        matched = true;
        // The kernel process takes no signals: a kill that names it (as a member of the
        // kernel's group, say) succeeds and does nothing to it.
        if (&process != &kernel_process() && info.signal != 0)
            delivered &= post_signal(process, info);
    }
    if (!matched)
        return kstd::Errno::NoSuchProcess;
    return {};
}

// Sends `info` to every process `target` names (kill's rules); ESRCH if none.
kstd::Result<void> send_to_matching(Process& sender, int64_t target, const SignalInfo& info, bool& delivered)
{
    return send_to_each([&](const Process& process) { return matches(process, sender, target); }, info, delivered);
}

SignalInfo sent_by(const Process& sender, int signal, int code)
{
    return { .signal = signal, .code = code, .pid = sender.pid, .uid = sender.credentials.uid };
}

// `signal` from the kernel (SI_KERNEL) to every process of `group`: the terminal's keys,
// the hangup of an orphaned group.
void signal_group_as_kernel(uint32_t group, int signal)
{
    bool delivered = true;
    (void)send_to_each([group](const Process& process) { return process.process_group == group; },
                       { .signal = signal, .code = signal_code::KERNEL }, delivered);
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

DefaultAction default_action(int signal)
{
    switch (signal) {
    case SIGCHLD:
    case SIGURG:
    case SIGWINCH:
        return DefaultAction::Ignore;
    case SIGCONT:
        return DefaultAction::Continue;
    case SIGSTOP:
    case SIGTSTP:
    case SIGTTIN:
    case SIGTTOU:
        return DefaultAction::Stop;
    default:
        return DefaultAction::Terminate;
    }
}

Disposition disposition_of(const Process& process, int signal)
{
    if (process.signals.blocked & signal_bit(signal))
        return Disposition::Blocked;
    return action_disposition(process, signal);
}

Disposition action_disposition(const Process& process, int signal)
{
    uint64_t handler = process.signals.actions[signal - 1].handler;
    if (handler == HANDLER_IGNORE)
        return Disposition::Ignore;
    if (handler != HANDLER_DEFAULT)
        return Disposition::Catch;
    switch (default_action(signal)) {
    case DefaultAction::Ignore:
    case DefaultAction::Continue:
        return Disposition::Ignore;
    case DefaultAction::Stop:
        return Disposition::Stop;
    case DefaultAction::Terminate:
        break;
    }
    return Disposition::Terminate;
}

bool post_signal(Process& process, const SignalInfo& info)
{
    ksync::InterruptGuard guard;
    if (process.state != ProcessState::Running || &process == &kernel_process())
        return true;
    on_arrival(process, info.signal);
    if (info.signal != SIGKILL && disposition_of(process, info.signal) == Disposition::Ignore)
        return true;
    if (!record(process, info))
        return false;
    const SignalState& state = process.signals;
    bool wakes = !(state.blocked & signal_bit(info.signal)) || (state.awaited & signal_bit(info.signal))
        || info.signal == SIGKILL;
    if (wakes && process.thread)
        sched::interrupt(*process.thread);
    return true;
}

void force_signal(Process& process, const SignalInfo& info)
{
    ksync::InterruptGuard guard;
    SignalState& state = process.signals;
    SignalAction& action = state.actions[info.signal - 1];
    if (action.handler == HANDLER_IGNORE || (state.blocked & signal_bit(info.signal))) {
        action = {};
        state.blocked &= ~signal_bit(info.signal);
    }
    state.unkillable = false;
    post_signal(process, info);
}

kstd::Result<void> send_signal(Process& sender, int64_t target, int signal)
{
    if (signal < 0 || signal > SIGNAL_COUNT)
        return kstd::Errno::InvalidArgument;
    if (target == INT32_MIN)
        return kstd::Errno::NoSuchProcess;
    bool delivered = true;
    TRY(send_to_matching(sender, target, sent_by(sender, signal, signal_code::USER), delivered));
    if (!delivered)
        return kstd::Errno::TryAgain;
    return {};
}

tty::Terminal* controlling_terminal(const Process& process)
{
    return process.left_terminal ? nullptr : tty::terminal_of_session(process.session);
}

void connect_terminal_signals()
{
    fs::set_controlling_terminal_source([] { return controlling_terminal(current()); });
    tty::set_group_signaller(signal_group_as_kernel);
}

kstd::Result<void> send_thread_signal(Process& sender, int64_t group, int64_t thread, int signal)
{
    if (signal < 0 || signal > SIGNAL_COUNT || thread <= 0 || group < 0)
        return kstd::Errno::InvalidArgument;
    ksync::InterruptGuard guard;
    // One thread per process: the thread id is the pid.
    Process* process = find_process(uint32_t(thread));
    if (thread > INT32_MAX || !process || process->state != ProcessState::Running
        || (group != 0 && uint64_t(group) != process->pid))
        return kstd::Errno::NoSuchProcess;
    if (signal != 0 && !post_signal(*process, sent_by(sender, signal, signal_code::THREAD_KILL)))
        return kstd::Errno::TryAgain;
    return {};
}

kstd::Result<void> queue_signal(Process& sender, int64_t target, const SignalInfo& info)
{
    if (!is_valid_signal(info.signal))
        return kstd::Errno::InvalidArgument;
    if (target <= 0 || target > INT32_MAX)
        return kstd::Errno::NoSuchProcess;
    // Only the kernel may claim kill's or the kernel's codes, except to oneself (Linux).
    if ((info.code >= 0 || info.code == signal_code::THREAD_KILL) && uint64_t(target) != sender.pid)
        return kstd::Errno::NotPermitted;
    ksync::InterruptGuard guard;
    Process* process = find_process(uint32_t(target));
    if (!process || process->state != ProcessState::Running)
        return kstd::Errno::NoSuchProcess;
    if (!post_signal(*process, info))
        return kstd::Errno::TryAgain;
    return {};
}

void notify_parent(Process& child, int code, int status)
{
    ksync::InterruptGuard guard;
    Process* parent = child.parent;
    if (!parent)
        return;
    bool is_stop_or_continue = code == signal_code::CHILD_STOPPED || code == signal_code::CHILD_CONTINUED;
    const SignalAction& on_child = parent->signals.actions[SIGCHLD - 1];
    bool quiet = is_stop_or_continue && (on_child.flags & action_flags::NO_CHILD_STOP);
    int signal = is_stop_or_continue ? SIGCHLD : child.exit_signal;
    if (signal != 0 && !quiet) {
        post_signal(*parent, { .signal = signal, .code = code, .pid = child.pid, .uid = child.credentials.uid,
                               .status = status });
    }
    parent->child_events.wake_all();
}

namespace {

// Whether `group` is orphaned once `leaving` has ended (or now, for nullptr): its members
// but `leaving` have no parent in another group of the same session, counting neither
// the kernel process, init, nor `leaving` (whose children go to them) as one.
bool is_orphaned_without(uint32_t group, const Process* leaving)
{
    ksync::InterruptGuard guard;
    for (Process& process : listed_processes()) {
        if (process.process_group != group || process.state != ProcessState::Running || &process == leaving)
            continue;
        Process* parent = process.parent;
        if (!parent || parent == &kernel_process() || parent->is_init || parent == leaving)
            continue;
        if (parent->process_group != group && parent->session == process.session)
            return false;
    }
    return true;
}

bool has_stopped_member(uint32_t group)
{
    for (Process& process : listed_processes())
        if (process.process_group == group && process.state == ProcessState::Running && process.signals.stopped)
            return true;
    return false;
}

// `member`'s group, which `connection` (a parent in another group of the same session)
// kept from being orphaned until `leaving` ends.
void hang_up_if_orphaned(const Process& member, const Process& connection, const Process& leaving)
{
    uint32_t group = member.process_group;
    if (&connection == &kernel_process() || connection.is_init || connection.process_group == group
        || connection.session != member.session || !is_orphaned_without(group, &leaving)
        || !has_stopped_member(group))
        return;
    signal_group_as_kernel(group, SIGHUP);
    signal_group_as_kernel(group, SIGCONT);
}

} // namespace

bool is_orphaned_group(uint32_t group)
{
    return is_orphaned_without(group, nullptr);
}

void hang_up_groups_orphaned_by(const Process& leaving)
{
    ksync::InterruptGuard guard;
    if (leaving.parent)
        hang_up_if_orphaned(leaving, *leaving.parent, leaving);
    for (const Process& child : leaving.children)
        hang_up_if_orphaned(child, leaving, leaving);
}

void copy_signal_state_for_fork(const SignalState& parent, SignalState& child)
{
    for (int index = 0; index < SIGNAL_COUNT; ++index)
        child.actions[index] = parent.actions[index];
    child.blocked = parent.blocked;
    child.alternate_stack = parent.alternate_stack;
}

void reset_signal_state_for_exec(SignalState& state)
{
    for (SignalAction& action : state.actions) {
        bool ignored = action.handler == HANDLER_IGNORE;
        action = {};
        if (ignored)
            action.handler = HANDLER_IGNORE;
    }
    state.alternate_stack = {};
}

void release_signal_state(SignalState& state)
{
    ksync::InterruptGuard guard;
    ktime::timers().cancel(state.real_timer);
    while (QueuedSignal* queued = state.queued.pop_front())
        mm::destroy(queued);
    state.queued_count = 0;
    state.pending = 0;
}

} // namespace proc
