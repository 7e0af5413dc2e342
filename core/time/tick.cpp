// Counting timer ticks (see tick.hpp).
#include <console/klog.hpp>
#include <hal/irq.hpp>
#include <hal/timer.hpp>
#include <time/tick.hpp>

namespace ktime {

namespace {
volatile uint64_t ticks = 0;

hal::IrqResult on_tick(void*)
{
    ticks = ticks + 1;
    return hal::IrqResult::Handled;
}
} // namespace

void start_tick()
{
    hal::set_irq_handler(hal::TIMER_IRQ, on_tick, nullptr);
    hal::timer_set_periodic(1'000'000'000 / TICK_HZ);
    klog::info("time: {} Hz tick on IRQ {}", TICK_HZ, hal::TIMER_IRQ);
}

uint64_t tick_count()
{
    return ticks;
}

} // namespace ktime
