// The ITIMER_REAL timer of a process (see interval_timer.hpp).
#include <hal/timer.hpp>
#include <proc/interval_timer.hpp>
#include <sync/interrupt_guard.hpp>
#include <time/timers.hpp>

namespace proc {
namespace {

using RealTimer = SignalState::RealTimer;

// In the timer IRQ, with interrupts off.
void expire(ktime::Timer& timer)
{
    auto& real = static_cast<RealTimer&>(timer);
    post_signal(*real.process, { .signal = SIGALRM, .code = signal_code::KERNEL });
    if (real.interval_ns == 0) {
        real.deadline_ns = 0;
        return;
    }
    uint64_t now = hal::clock_ns();
    real.deadline_ns += real.interval_ns;
    if (real.deadline_ns <= now)
        real.deadline_ns = now + real.interval_ns - (now - real.deadline_ns) % real.interval_ns;
    ktime::timers().arm(real, real.deadline_ns, expire);
}

IntervalTimerSetting current_setting(const RealTimer& real)
{
    if (!real.is_armed())
        return { 0, real.interval_ns };
    uint64_t now = hal::clock_ns();
    // An armed timer whose deadline has passed reads one microsecond, as on Linux.
    uint64_t left = real.deadline_ns > now ? real.deadline_ns - now : 1000;
    return { left, real.interval_ns };
}

} // namespace

IntervalTimerSetting real_timer_setting(Process& process)
{
    ksync::InterruptGuard guard;
    return current_setting(process.signals.real_timer);
}

IntervalTimerSetting set_real_timer(Process& process, const IntervalTimerSetting& setting)
{
    ksync::InterruptGuard guard;
    RealTimer& real = process.signals.real_timer;
    IntervalTimerSetting old = current_setting(real);
    ktime::timers().cancel(real);
    real.process = &process;
    real.interval_ns = setting.interval_ns;
    real.deadline_ns = 0;
    if (setting.value_ns != 0) {
        uint64_t now = hal::clock_ns();
        real.deadline_ns = setting.value_ns > UINT64_MAX - now ? UINT64_MAX : now + setting.value_ns;
        ktime::timers().arm(real, real.deadline_ns, expire);
    }
    return old;
}

} // namespace proc
