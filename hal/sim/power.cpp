// Leaving the simulated machine: power off, test exit, halt and reboot.
//
// The CPU thread never exits the process itself. It posts a StopRequest and parks with
// interrupts disabled; the front end's main thread (waiting in wait_for_stop_request() or
// polling between window frames) then carries it out, so SDL is shut down on the thread
// that owns it. Carrying out flushes the serial line and restores the terminal; then the
// process exits normally (so the sanitizers' end-of-run checks happen) when the CPU is
// parked, or with _exit() when the front end pulls the plug on a running CPU (closing the
// window), since running static destructors under running kernel code would be a race.
// Reboot re-executes /proc/self/exe with the original arguments.
#include "interrupt_controller.hpp"
#include "serial_line.hpp"
#include "stop.hpp"

#include <hal/power.hpp>

#include <atomic>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <unistd.h>

namespace {

struct StopMailbox {
    std::mutex mutex;
    std::condition_variable posted;
    bool has_request = false;
    sim::StopRequest request {};
};

StopMailbox& mailbox()
{
    static StopMailbox& box = *new StopMailbox;
    return box;
}

std::atomic<bool> cpu_running { false };
char** reboot_arguments = nullptr;

} // namespace

namespace sim {

void note_cpu_started()
{
    cpu_running.store(true);
}

void set_reboot_arguments(char** argv)
{
    reboot_arguments = argv;
}

void stop_machine(StopRequest request)
{
    if (!on_cpu_thread())
        carry_out(request);
    // Parked with interrupts disabled, the CPU runs no handler again: raise_irq() neither
    // signals nor wakes it, and a signal it already sent finds nothing deliverable.
    hal::irq_disable();
    flush_serial_output();
    cpu_running.store(false);
    StopMailbox& box = mailbox();
    {
        std::lock_guard lock(box.mutex);
        if (!box.has_request) {
            box.has_request = true;
            box.request = request;
        }
    }
    box.posted.notify_all();
    for (;;)
        pause();
}

bool poll_stop_request(StopRequest& request)
{
    StopMailbox& box = mailbox();
    std::lock_guard lock(box.mutex);
    if (box.has_request)
        request = box.request;
    return box.has_request;
}

StopRequest wait_for_stop_request()
{
    StopMailbox& box = mailbox();
    std::unique_lock lock(box.mutex);
    box.posted.wait(lock, [&] { return box.has_request; });
    return box.request;
}

void carry_out(StopRequest request)
{
    flush_serial_output();
    restore_terminal();
    if (request.kind == StopKind::Reboot) {
        if (reboot_arguments)
            execv("/proc/self/exe", reboot_arguments);
        perror("keel-sim: reboot: cannot re-execute /proc/self/exe");
        _exit(1);
    }
    if (cpu_running.load())
        _exit(request.exit_status);
    exit(request.exit_status);
}

} // namespace sim

namespace hal {

void power_off()
{
    sim::stop_machine({ sim::StopKind::PowerOff, 0 });
}

void reboot()
{
    sim::stop_machine({ sim::StopKind::Reboot, 0 });
}

void test_exit(bool passed)
{
    sim::stop_machine({ sim::StopKind::TestExit, passed ? 0 : 1 });
}

} // namespace hal
