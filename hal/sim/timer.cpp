// The sim's timer: the host's monotonic clock and a thread that raises hal::TIMER_IRQ.
//
// clock_ns() counts CLOCK_MONOTONIC (std::chrono::steady_clock) from the process's start
// (its static initialisation), before the kernel starts. Like cpu_relax() it is also a
// point where pending IRQs are delivered (if interrupts are enabled, which makes it no
// different from an interrupt arriving there), since loops that wait for a time only read
// the clock and the preemption signal cannot always redirect them (interrupt_entry.cpp).
// The tick thread is started by the first timer_set_* call and sleeps until the next
// deadline; a periodic tick that fell behind (the host was busy) skips the missed ticks
// instead of firing a burst, as a PIT whose interrupts were not acknowledged would.
#include "interrupt_controller.hpp"
#include <sim_machine.hpp>

#include <hal/timer.hpp>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::nanoseconds;

// What the host can reasonably deliver; shorter periods are rounded up to it.
constexpr uint64_t MIN_PERIOD_NS = 50'000;

enum class TimerMode { Off, Periodic, Oneshot };

struct TickThread {
    std::mutex mutex;
    std::condition_variable reprogrammed;
    TimerMode mode = TimerMode::Off;
    nanoseconds period {};
    Clock::time_point deadline {};

    TickThread() { std::thread([this] { run(); }).detach(); }

    [[noreturn]] void run()
    {
        std::unique_lock lock(mutex);
        for (;;) {
            if (mode == TimerMode::Off) {
                reprogrammed.wait(lock);
                continue;
            }
            if (reprogrammed.wait_until(lock, deadline) == std::cv_status::no_timeout)
                continue; // reprogrammed, or woken spuriously: look at the settings again
            Clock::time_point now = Clock::now();
            if (now < deadline)
                continue;
            if (mode == TimerMode::Periodic) {
                deadline += period;
                if (deadline <= now)
                    deadline = now + period;
            } else {
                mode = TimerMode::Off;
            }
            // Raised with the lock held, so once program() has returned no tick decided
            // under the old settings can still arrive. (raise_irq takes only the interrupt
            // controller's own lock, and program() runs with interrupts off: no cycle.)
            sim::raise_irq(hal::TIMER_IRQ);
        }
    }

    void program(TimerMode new_mode, uint64_t interval_ns)
    {
        ksync::InterruptGuard guard;
        {
            std::lock_guard lock(mutex);
            mode = new_mode;
            period = nanoseconds(std::max(interval_ns, MIN_PERIOD_NS));
            deadline = Clock::now() + period;
        }
        reprogrammed.notify_one();
    }
};

TickThread& tick_thread()
{
    static TickThread& thread = *new TickThread;
    return thread;
}

// Read during static initialisation, so "since boot" means since the process started.
const Clock::time_point boot_time = Clock::now();

} // namespace

namespace hal {

uint64_t clock_ns()
{
    sim::deliver_pending_irqs();
    return uint64_t(std::chrono::duration_cast<nanoseconds>(Clock::now() - boot_time).count());
}

void timer_set_periodic(uint64_t period_ns)
{
    tick_thread().program(TimerMode::Periodic, period_ns);
}

void timer_set_oneshot(uint64_t delay_ns)
{
    tick_thread().program(TimerMode::Oneshot, delay_ns);
}

} // namespace hal
