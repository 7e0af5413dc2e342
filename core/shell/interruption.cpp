// The foreground command and its interruption (see interruption.hpp).
#include <input/input.hpp>
#include <sched/interrupt.hpp>
#include <sched/scheduler.hpp>
#include <shell/interruption.hpp>

namespace shell {

bool interrupted()
{
    return sched::interrupt_pending();
}

kstd::Result<void> check_interrupted()
{
    if (interrupted())
        return kstd::Error::from_errno(kstd::Errno::Interrupted);
    return {};
}

ForegroundCommand::ForegroundCommand()
{
    sched::clear_interrupt();
    if (sched::is_running())
        input::set_foreground(&sched::current());
}

ForegroundCommand::~ForegroundCommand()
{
    if (sched::is_running())
        input::set_foreground(nullptr);
    sched::clear_interrupt();
}

} // namespace shell
