// Running a host test's body as the kernel: on the started CPU thread of the sim.
//
// Only there do host faults become kernel traps and IRQs interrupt running code. A process
// starts its CPU thread once, so a test that does this is a death test: the body runs in
// the child, and the child exits as the machine stops. A body that returns powers the
// machine off (exit 0); a panic halts it (sim::HALT_EXIT_STATUS); hal::test_exit(false)
// exits with 1. The serial line (stdout) goes to stderr in the child, so the death test can
// match what the kernel printed.
#pragma once
#include <hal/power.hpp>
#include <sim_machine.hpp>

#include <unistd.h>

namespace sim_test {

inline void (*kernel_body)();

[[noreturn]] inline void run_kernel_body()
{
    kernel_body();
    hal::power_off();
}

// Runs `body` on the CPU thread and leaves as the machine says.
[[noreturn]] inline void run_as_kernel(void (*body)())
{
    dup2(STDERR_FILENO, STDOUT_FILENO);
    kernel_body = body;
    sim::start_cpu(run_kernel_body);
    sim::carry_out(sim::wait_for_stop_request());
}

} // namespace sim_test
