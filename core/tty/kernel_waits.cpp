// kernel_waits(): a LineDiscipline's reads and writes block on the scheduler's wait queues,
// interruptibly, timed by the HAL's monotonic clock. Before it waits, what the sim still
// holds back of the serial output is shown: the prompt a reader printed must show first.
#include <hal/console.hpp>
#include <hal/timer.hpp>
#include <tty/terminal_owner.hpp>

namespace tty {

namespace {
class KernelWaits final : public TerminalWaits {
public:
    uint64_t now_ns() override { return hal::clock_ns(); }
    sched::WaitResult wait(sched::WaitQueue& queue, kstd::Optional<uint64_t> deadline_ns) override
    {
        hal::debug_flush();
        if (deadline_ns)
            return queue.wait_until_interruptible(deadline_ns.value());
        return queue.wait_interruptible();
    }
};
} // namespace

TerminalWaits& kernel_waits()
{
    static KernelWaits waits;
    return waits;
}

} // namespace tty
