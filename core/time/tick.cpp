// The timer tick (see tick.hpp): count it, run the timers that are due, then let the
// listener (the scheduler) account the tick and decide whether to switch threads.
#include <hal/irq.hpp>
#include <hal/timer.hpp>
#include <log/log.hpp>
#include <time/tick.hpp>
#include <time/timers.hpp>

namespace ktime {

namespace {
volatile uint64_t ticks = 0;

hal::IrqResult on_tick(void* listener)
{
    ticks = ticks + 1;
    timers().expire(hal::clock_ns());
    return reinterpret_cast<TickListener>(listener)(ticks);
}
} // namespace

void start_tick(TickListener listener)
{
    hal::set_irq_handler(hal::TIMER_IRQ, on_tick, reinterpret_cast<void*>(listener));
    hal::timer_set_periodic(1'000'000'000 / TICK_HZ);
    klog::info("time: {} Hz tick on IRQ {}", TICK_HZ, hal::TIMER_IRQ);
}

uint64_t tick_count()
{
    return ticks;
}

} // namespace ktime
