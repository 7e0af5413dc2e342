// Acting on pending signals before a return to user mode (see signal_delivery.hpp).
#include <mm/heap/kmalloc.hpp>
#include <proc/exit.hpp>
#include <proc/process.hpp>
#include <proc/signal_delivery.hpp>
#include <proc/signal_frame.hpp>
#include <sched/interrupt.hpp>
#include <sched/scheduler.hpp>
#include <sync/interrupt_guard.hpp>

namespace proc {
namespace {

// The signals a fault raises, taken before any other (Linux's SYNCHRONOUS_MASK).
constexpr SignalSet SYNCHRONOUS = signal_bit(SIGSEGV) | signal_bit(SIGBUS) | signal_bit(SIGILL)
    | signal_bit(SIGTRAP) | signal_bit(SIGFPE) | signal_bit(SIGSYS);
constexpr uint64_t RESTART_SYSCALL_NUMBER = 219; // restart_syscall
constexpr uint64_t SYSCALL_INSTRUCTION_LENGTH = 2;

int first_of(SignalSet ready)
{
    if (ready == 0)
        return 0;
    SignalSet synchronous = ready & SYNCHRONOUS;
    return __builtin_ctzll(synchronous ? synchronous : ready) + 1;
}

int next_signal(const SignalState& state)
{
    return first_of(state.pending & ~state.blocked);
}

// Removes one instance of `signal` from the pending ones and returns its siginfo.
SignalInfo take(SignalState& state, int signal)
{
    if (signal < FIRST_REAL_TIME_SIGNAL) {
        state.pending &= ~signal_bit(signal);
        return state.standard_info[signal];
    }
    SignalInfo info { .signal = signal };
    QueuedSignal* first = nullptr;
    bool more = false;
    for (QueuedSignal& queued : state.queued) {
        if (queued.info.signal != signal)
            continue;
        if (first) {
            more = true;
            break;
        }
        first = &queued;
    }
    if (first) {
        info = first->info;
        state.queued.remove(*first);
        --state.queued_count;
        mm::destroy(first);
    }
    if (!more)
        state.pending &= ~signal_bit(signal);
    return info;
}

// The restart code a system call left in rax, or 0.
kstd::Errno restart_code(const UserThread& thread, bool after_system_call)
{
    const hal::UserRegisters& registers = thread.registers;
    if (!after_system_call || int64_t(registers.orig_rax) < 0)
        return kstd::Errno(0);
    auto code = kstd::Errno(-int64_t(registers.rax));
    switch (code) {
    case kstd::Errno::RestartSystemCall:
    case kstd::Errno::RestartAlways:
    case kstd::Errno::RestartUnlessHandled:
    case kstd::Errno::RestartWithBlock:
        return code;
    default:
        return kstd::Errno(0);
    }
}

void restart(UserThread& thread, kstd::Errno code)
{
    hal::UserRegisters& registers = thread.registers;
    registers.rax = code == kstd::Errno::RestartWithBlock ? RESTART_SYSCALL_NUMBER : registers.orig_rax;
    registers.rip -= SYSCALL_INSTRUCTION_LENGTH;
}

// What becomes of the interrupted call when a handler is about to run.
void settle_before_handler(UserThread& thread, kstd::Errno code, const SignalAction& action)
{
    bool again = code == kstd::Errno::RestartAlways
        || (code == kstd::Errno::RestartSystemCall && (action.flags & action_flags::RESTART));
    if (again)
        restart(thread, code);
    else
        thread.registers.rax = uint64_t(-int64_t(kstd::Errno::Interrupted));
}

// The default action Stop: the thread sleeps until SIGCONT (or SIGKILL) arrives.
void stop(Process& process, int signal)
{
    if (signal != SIGSTOP && is_orphaned_group(process.process_group))
        return;
    ksync::InterruptGuard guard;
    SignalState& state = process.signals;
    state.stopped = true;
    state.stop_signal = signal;
    state.stop_unreported = true;
    state.continue_unreported = false;
    notify_parent(process, signal_code::CHILD_STOPPED, signal);
    while (state.stopped && !(state.pending & signal_bit(SIGKILL)))
        state.continued.wait();
    state.stopped = false;
}

enum class Decision : uint8_t { Nothing, Done, Terminate, Stop, Handle };

// Takes the next signal and decides, with interrupts off; the acting happens after.
Decision decide(Process& process, SignalInfo& info, SignalAction& action, SignalSet& saved_mask)
{
    ksync::InterruptGuard guard;
    SignalState& state = process.signals;
    int signal = next_signal(state);
    if (signal == 0) {
        if (state.restore_mask) {
            state.blocked = state.mask_to_restore;
            state.restore_mask = false;
        }
        sched::clear_interrupt();
        return Decision::Done;
    }
    info = take(state, signal);
    action = state.actions[signal - 1];
    switch (disposition_of(process, signal)) {
    case Disposition::Blocked: // never: next_signal takes an unblocked one
    case Disposition::Ignore:
        return Decision::Nothing;
    case Disposition::Stop:
        return state.unkillable ? Decision::Nothing : Decision::Stop;
    case Disposition::Terminate: // init's end is a panic: only a fault forces it
        return state.unkillable ? Decision::Nothing : Decision::Terminate;
    case Disposition::Catch:
        break;
    }
    saved_mask = state.restore_mask ? state.mask_to_restore : state.blocked;
    state.restore_mask = false;
    return Decision::Handle;
}

// The common way out: nothing deliverable, no sigsuspend mask to put back, no interrupt
// to clear. (A signal posted after the look is acted on at the thread's next exit, its
// IRQ's at the latest, as after a look by decide().)
bool nothing_to_act_on(const Process& process)
{
    ksync::InterruptGuard guard;
    const SignalState& state = process.signals;
    return next_signal(state) == 0 && !state.restore_mask && !sched::current().interrupt_pending;
}

// The loop of handle_signals, apart so that its frame is not built on the common way out.
[[gnu::noinline]] void act_on_signals(UserThread& thread, kstd::Errno code)
{
    Process& process = *thread.process;
    SignalState& state = process.signals;
    while (true) {
        SignalInfo info;
        SignalAction action;
        SignalSet saved_mask = 0;
        switch (decide(process, info, action, saved_mask)) {
        case Decision::Nothing:
            continue;
        case Decision::Done:
            if (code != kstd::Errno(0))
                restart(thread, code);
            return;
        case Decision::Terminate:
            terminate_current_process(info.signal);
        case Decision::Stop:
            stop(process, info.signal);
            continue;
        case Decision::Handle:
            break;
        }
        if (code != kstd::Errno(0)) {
            settle_before_handler(thread, code, action);
            code = kstd::Errno(0);
        }
        if (!enter_handler(thread, info, action, saved_mask)) {
            // The frame could not be written: SIGSEGV, which cannot be caught if it was
            // SIGSEGV's own frame that failed (Linux's force_sigsegv).
            if (info.signal == SIGSEGV) {
                ksync::InterruptGuard guard;
                state.actions[SIGSEGV - 1] = {};
            }
            force_signal(process, { .signal = SIGSEGV, .code = signal_code::KERNEL });
            continue;
        }
        ksync::InterruptGuard guard;
        SignalSet itself = (action.flags & action_flags::NO_DEFER) ? 0 : signal_bit(info.signal);
        state.blocked = (state.blocked | action.mask | itself) & ~UNBLOCKABLE;
        if (action.flags & action_flags::RESET_HANDLER)
            state.actions[info.signal - 1] = {};
    }
}

} // namespace

bool has_deliverable_signal(const Process& process)
{
    ksync::InterruptGuard guard;
    return next_signal(process.signals) != 0;
}

kstd::Optional<SignalInfo> take_pending_signal(Process& process, SignalSet set)
{
    ksync::InterruptGuard guard;
    int signal = first_of(process.signals.pending & set);
    if (signal == 0)
        return {};
    return take(process.signals, signal);
}

void handle_signals(UserThread& thread, bool after_system_call)
{
    kstd::Errno code = restart_code(thread, after_system_call);
    if (code == kstd::Errno(0) && nothing_to_act_on(*thread.process))
        return;
    act_on_signals(thread, code);
}

} // namespace proc
