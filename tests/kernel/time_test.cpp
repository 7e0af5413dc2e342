// In-kernel tests of time: the clock moves forward and the timer IRQ really ticks.
#include <hal/cpu.hpp>
#include <hal/timer.hpp>
#include <ktest/ktest.hpp>
#include <time/tick.hpp>

KTEST(clock_is_monotonic)
{
    uint64_t previous = hal::clock_ns();
    for (int i = 0; i < 10000; ++i) {
        uint64_t now = hal::clock_ns();
        KTEST_EXPECT(now >= previous);
        previous = now;
    }
}

KTEST(timer_interrupts_advance_the_tick)
{
    uint64_t start_ticks = ktime::tick_count();
    uint64_t start_ns = hal::clock_ns();
    // Idle until three ticks have arrived; each cpu_idle returns after an interrupt.
    while (ktime::tick_count() < start_ticks + 3)
        hal::cpu_idle();
    uint64_t elapsed_ns = hal::clock_ns() - start_ns;
    uint64_t tick_ns = 1'000'000'000 / ktime::TICK_HZ;
    KTEST_EXPECT(elapsed_ns >= 2 * tick_ns);
    KTEST_EXPECT(elapsed_ns < 100 * tick_ns);
}
