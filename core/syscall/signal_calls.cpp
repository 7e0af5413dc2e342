// System calls about signals: actions, masks, sending (kill, tkill, tgkill,
// rt_sigqueueinfo), waiting (pause, rt_sigsuspend, rt_sigtimedwait), the alternate
// stack, rt_sigreturn, and the ITIMER_REAL timer (alarm, setitimer, getitimer). The
// signal machinery itself is core/proc's (proc/signals.hpp).
#include <proc/interval_timer.hpp>
#include <proc/signal_delivery.hpp>
#include <proc/signal_frame.hpp>
#include <proc/signals.hpp>
#include <proc/user_copy.hpp>
#include <sched/interrupt.hpp>
#include <sync/interrupt_guard.hpp>
#include <syscall/durations.hpp>
#include <syscall/handler.hpp>

namespace syscalls {
namespace {

using proc::Process;
using proc::SignalSet;

constexpr uint64_t SIGSET_SIZE = sizeof(SignalSet);
// The sa_flags Linux keeps (the others are dropped, as its UAPI_SA_FLAGS): the ones
// proc knows, SA_UNSUPPORTED and SA_EXPOSE_TAGBITS.
constexpr uint64_t KNOWN_ACTION_FLAGS = proc::action_flags::NO_CHILD_STOP | proc::action_flags::NO_CHILD_WAIT
    | proc::action_flags::SIGINFO | proc::action_flags::RESTORER | proc::action_flags::ON_STACK
    | proc::action_flags::RESTART | proc::action_flags::NO_DEFER | proc::action_flags::RESET_HANDLER | 0x400
    | 0x800;

// The signal in argument `index`, checked.
kstd::Result<int> signal_argument(Call& call, size_t index)
{
    int signal = call.int_argument(index);
    if (!proc::is_valid_signal(signal))
        return kstd::Errno::InvalidArgument;
    return signal;
}

// Forgets every pending instance of `signal` (an action that ignores it, POSIX says).
void discard_pending(Process& process, int signal)
{
    while (proc::take_pending_signal(process, proc::signal_bit(signal)))
        ;
}

Result rt_sigaction_call(Call& call)
{
    if (call.argument(3) != SIGSET_SIZE)
        return kstd::Errno::InvalidArgument;
    int signal = TRY(signal_argument(call, 0));
    kstd::Optional<proc::SignalAction> wanted;
    if (call.argument(1)) {
        wanted = TRY(proc::read_user<proc::SignalAction>(call.argument(1)));
        if (proc::signal_bit(signal) & proc::UNBLOCKABLE)
            return kstd::Errno::InvalidArgument;
    }
    Process& process = call.process();
    proc::SignalAction old;
    {
        ksync::InterruptGuard guard;
        old = process.signals.actions[signal - 1];
        if (wanted) {
            proc::SignalAction& action = process.signals.actions[signal - 1];
            action = wanted.value();
            action.flags &= KNOWN_ACTION_FLAGS;
            action.mask &= ~proc::UNBLOCKABLE;
        }
    }
    if (wanted && proc::action_disposition(process, signal) == proc::Disposition::Ignore)
        discard_pending(process, signal);
    if (call.argument(2))
        TRY(proc::write_user(call.argument(2), old));
    return 0;
}

constexpr int SIG_BLOCK = 0, SIG_UNBLOCK = 1, SIG_SETMASK = 2;

Result rt_sigprocmask_call(Call& call)
{
    if (call.argument(3) != SIGSET_SIZE)
        return kstd::Errno::InvalidArgument;
    Process& process = call.process();
    SignalSet old = process.signals.blocked;
    if (call.argument(1)) {
        SignalSet set = TRY(proc::read_user<SignalSet>(call.argument(1))) & ~proc::UNBLOCKABLE;
        ksync::InterruptGuard guard;
        SignalSet& blocked = process.signals.blocked;
        switch (call.int_argument(0)) {
        case SIG_BLOCK:
            blocked |= set;
            break;
        case SIG_UNBLOCK:
            blocked &= ~set;
            break;
        case SIG_SETMASK:
            blocked = set;
            break;
        default:
            return kstd::Errno::InvalidArgument;
        }
    }
    if (call.argument(2))
        TRY(proc::write_user(call.argument(2), old));
    return 0;
}

Result rt_sigpending_call(Call& call)
{
    if (call.argument(1) > SIGSET_SIZE)
        return kstd::Errno::InvalidArgument;
    const proc::SignalState& state = call.process().signals;
    SignalSet pending;
    {
        ksync::InterruptGuard guard;
        pending = state.pending & state.blocked;
    }
    TRY(proc::copy_to_user(call.argument(0), &pending, call.argument(1)));
    return 0;
}

// Sleeps until a signal is deliverable (pause, sigsuspend): a sender interrupts the
// thread, and an interrupt left from a signal since blocked is forgotten first.
void wait_for_deliverable_signal(Process& process)
{
    while (true) {
        {
            ksync::InterruptGuard guard;
            if (proc::has_deliverable_signal(process))
                return;
            sched::clear_interrupt();
        }
        sched::sleep_until_interruptible(UINT64_MAX);
    }
}

Result pause_call(Call& call)
{
    wait_for_deliverable_signal(call.process());
    return kstd::Errno::RestartUnlessHandled;
}

Result rt_sigsuspend_call(Call& call)
{
    if (call.argument(1) != SIGSET_SIZE)
        return kstd::Errno::InvalidArgument;
    SignalSet mask = TRY(proc::read_user<SignalSet>(call.argument(0))) & ~proc::UNBLOCKABLE;
    proc::SignalState& state = call.process().signals;
    {
        ksync::InterruptGuard guard;
        state.mask_to_restore = state.blocked;
        state.restore_mask = true;
        state.blocked = mask;
    }
    wait_for_deliverable_signal(call.process());
    return kstd::Errno::RestartUnlessHandled;
}

// rt_sigtimedwait(set, info, timeout, sigsetsize): takes a pending signal of `set`,
// waiting for one (its arrival wakes the thread, blocked or not) until the timeout
// (EAGAIN) or another signal (EINTR, never restarted).
Result rt_sigtimedwait_call(Call& call)
{
    if (call.argument(3) != SIGSET_SIZE)
        return kstd::Errno::InvalidArgument;
    SignalSet set = TRY(proc::read_user<SignalSet>(call.argument(0))) & ~proc::UNBLOCKABLE;
    uint64_t deadline = UINT64_MAX;
    if (call.argument(2))
        deadline = deadline_after(TRY(duration_of(call.argument(2))));
    Process& process = call.process();
    proc::SignalState& state = process.signals;
    kstd::Optional<proc::SignalInfo> taken = proc::take_pending_signal(process, set);
    if (!taken) {
        bool arrived;
        {
            ksync::InterruptGuard guard;
            state.awaited = set;
            arrived = (state.pending & set) != 0;
            if (!proc::has_deliverable_signal(process))
                sched::clear_interrupt();
        }
        // An arrival from here on interrupts the sleep, or finds it already cut short.
        bool timed_out = !arrived && sched::sleep_until_interruptible(deadline);
        {
            ksync::InterruptGuard guard;
            state.awaited = 0;
        }
        taken = proc::take_pending_signal(process, set);
        if (!taken) {
            call.interruption_is_final = true;
            return timed_out ? kstd::Errno::TryAgain : kstd::Errno::Interrupted;
        }
    }
    if (call.argument(1))
        TRY(proc::write_user(call.argument(1), proc::linux_siginfo(taken.value())));
    return taken.value().signal;
}

Result rt_sigreturn_call(Call& call)
{
    if (!proc::return_from_handler(call.thread)) {
        proc::force_signal(call.process(), { .signal = proc::SIGSEGV, .code = proc::signal_code::KERNEL });
        return 0;
    }
    // No restart checks on the way out: the registers are the interrupted program's.
    call.thread.registers.orig_rax = uint64_t(-1);
    return int64_t(call.thread.registers.rax);
}

Result sigaltstack_call(Call& call)
{
    Process& process = call.process();
    uintptr_t sp = call.thread.registers.rsp;
    proc::LinuxStack old = proc::describe_alternate_stack(process, sp);
    if (call.argument(0)) {
        proc::LinuxStack wanted = TRY(proc::read_user<proc::LinuxStack>(call.argument(0)));
        TRY(proc::change_alternate_stack(process, wanted, sp));
    }
    if (call.argument(1))
        TRY(proc::write_user(call.argument(1), old));
    return 0;
}

Result kill_call(Call& call)
{
    TRY(proc::send_signal(call.process(), call.int_argument(0), call.int_argument(1)));
    return 0;
}

Result tkill_call(Call& call)
{
    if (call.int_argument(0) <= 0)
        return kstd::Errno::InvalidArgument;
    TRY(proc::send_thread_signal(call.process(), 0, call.int_argument(0), call.int_argument(1)));
    return 0;
}

Result tgkill_call(Call& call)
{
    if (call.int_argument(0) <= 0 || call.int_argument(1) <= 0)
        return kstd::Errno::InvalidArgument;
    TRY(proc::send_thread_signal(call.process(), call.int_argument(0), call.int_argument(1), call.int_argument(2)));
    return 0;
}

Result rt_sigqueueinfo_call(Call& call)
{
    int signal = TRY(signal_argument(call, 1));
    auto info = TRY(proc::read_user<proc::LinuxSiginfo>(call.argument(2)));
    TRY(proc::queue_signal(call.process(), call.int_argument(0), proc::signal_info_from_user(signal, info)));
    return 0;
}

// struct itimerval: two struct timevals (seconds, microseconds).
struct LinuxTimeval {
    int64_t seconds;
    int64_t microseconds;
};
struct LinuxIntervalTimer {
    LinuxTimeval interval;
    LinuxTimeval value;
};

constexpr int ITIMER_REAL = 0;
constexpr uint64_t NS_PER_MICROSECOND = 1000;
constexpr int64_t MICROSECONDS_PER_SECOND = 1'000'000;

kstd::Result<uint64_t> nanoseconds_of(const LinuxTimeval& time)
{
    if (time.seconds < 0 || time.microseconds < 0 || time.microseconds >= MICROSECONDS_PER_SECOND)
        return kstd::Errno::InvalidArgument;
    if (uint64_t(time.seconds) > UINT64_MAX / NS_PER_SECOND - 1)
        return UINT64_MAX;
    return uint64_t(time.seconds) * NS_PER_SECOND + uint64_t(time.microseconds) * NS_PER_MICROSECOND;
}

LinuxTimeval timeval_of(uint64_t ns)
{
    return { int64_t(ns / NS_PER_SECOND), int64_t(ns % NS_PER_SECOND / NS_PER_MICROSECOND) };
}

LinuxIntervalTimer linux_interval_timer(const proc::IntervalTimerSetting& setting)
{
    return { timeval_of(setting.interval_ns), timeval_of(setting.value_ns) };
}

// Only ITIMER_REAL: ITIMER_VIRTUAL and ITIMER_PROF count user and system CPU time apart,
// which Keel does not yet; they are EINVAL, like an unknown timer.
Result getitimer_call(Call& call)
{
    if (call.int_argument(0) != ITIMER_REAL)
        return kstd::Errno::InvalidArgument;
    TRY(proc::write_user(call.argument(1), linux_interval_timer(proc::real_timer_setting(call.process()))));
    return 0;
}

Result setitimer_call(Call& call)
{
    if (call.int_argument(0) != ITIMER_REAL)
        return kstd::Errno::InvalidArgument;
    proc::IntervalTimerSetting setting;
    if (call.argument(1)) {
        auto wanted = TRY(proc::read_user<LinuxIntervalTimer>(call.argument(1)));
        uint64_t value = TRY(nanoseconds_of(wanted.value));
        setting = { value, TRY(nanoseconds_of(wanted.interval)) };
    }
    proc::IntervalTimerSetting old = proc::set_real_timer(call.process(), setting);
    if (call.argument(2))
        TRY(proc::write_user(call.argument(2), linux_interval_timer(old)));
    return 0;
}

// alarm(seconds): the old timer's seconds, rounded to the nearest (at least 1 if any time
// was left), as Linux.
Result alarm_call(Call& call)
{
    uint64_t seconds = uint32_t(call.argument(0));
    if (seconds > uint64_t(INT32_MAX))
        seconds = INT32_MAX;
    proc::IntervalTimerSetting old = proc::set_real_timer(call.process(), { seconds * NS_PER_SECOND, 0 });
    LinuxTimeval left = timeval_of(old.value_ns);
    if ((left.seconds == 0 && left.microseconds != 0) || left.microseconds >= MICROSECONDS_PER_SECOND / 2)
        ++left.seconds;
    return left.seconds;
}

} // namespace

void register_signal_calls(Entry* table)
{
    ADD_CALL(table, rt_sigaction);
    ADD_CALL(table, rt_sigprocmask);
    ADD_CALL(table, rt_sigpending);
    ADD_CALL(table, rt_sigsuspend);
    ADD_CALL(table, rt_sigtimedwait);
    ADD_CALL(table, rt_sigreturn);
    ADD_CALL(table, rt_sigqueueinfo);
    ADD_CALL(table, sigaltstack);
    ADD_CALL(table, pause);
    ADD_CALL(table, kill);
    ADD_CALL(table, tkill);
    ADD_CALL(table, tgkill);
    ADD_CALL(table, getitimer);
    ADD_CALL(table, setitimer);
    ADD_CALL(table, alarm);
}

} // namespace syscalls
