// ITIMER_REAL, the timer behind setitimer, getitimer and alarm: when it expires the
// process gets SIGALRM (SI_KERNEL), and a periodic one is armed again for its next
// period (a period missed because the tick came late is skipped, as Linux's overruns).
// It runs on the kernel's timer queue, so it fires at the first tick at or after its
// deadline. fork does not pass it on; execve keeps it; the end of a process stops it.
#pragma once
#include <proc/process.hpp>

namespace proc {

struct IntervalTimerSetting {
    uint64_t value_ns = 0;    // until the next expiry; 0: disarmed
    uint64_t interval_ns = 0; // the period after it; 0: once
};

// What is left of the timer, and its period.
IntervalTimerSetting real_timer_setting(Process& process);
// Arms (or, with value_ns 0, disarms) the timer; returns the setting it replaces.
IntervalTimerSetting set_real_timer(Process& process, const IntervalTimerSetting& setting);

} // namespace proc
