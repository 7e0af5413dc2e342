// Waiting in a kernel test until another thread has got somewhere: shared by the tests
// that interrupt or wake a thread once it sleeps in a wait.
#pragma once
#include <hal/timer.hpp>
#include <ktest/ktest.hpp>
#include <sched/scheduler.hpp>

namespace ktest_support {

// Whether `thread` blocks within `within_ns` (checked every millisecond, sleeping between
// checks so the thread gets the CPU).
inline bool wait_until_blocked(const sched::Thread& thread, uint64_t within_ns)
{
    constexpr uint64_t MILLISECOND = 1'000'000;
    uint64_t deadline = hal::clock_ns() + within_ns;
    while (thread.state != sched::ThreadState::Blocked) {
        if (hal::clock_ns() > deadline)
            return false;
        sched::sleep_for(MILLISECOND);
    }
    return true;
}

// Spawns `body(argument)` as `name` and returns the thread once it blocks (nullptr, with a
// failed expectation, if it cannot start or does not block within `within_ns`).
inline sched::Thread* spawn_until_blocked(const char* name, sched::ThreadEntry body, void* argument,
                                          uint64_t within_ns)
{
    auto spawned = sched::spawn(name, body, argument);
    KTEST_EXPECT(!spawned.is_error());
    if (spawned.is_error())
        return nullptr;
    KTEST_EXPECT(wait_until_blocked(*spawned.value(), within_ns));
    return spawned.value();
}

} // namespace ktest_support
