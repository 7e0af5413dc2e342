// The kernel's timer queue (see timers.hpp).
#include <time/timers.hpp>

namespace ktime {

TimerQueue& timers()
{
    static TimerQueue queue;
    return queue;
}

} // namespace ktime
