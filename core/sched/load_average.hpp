// The load average: how many threads wanted the CPU, averaged over 1, 5 and 15 minutes,
// computed the way Linux computes it (kernel/sched/loadavg.c), so /proc/loadavg, sysinfo
// and uptime read as they do there.
//
// Every LOAD_SAMPLE_TICKS ticks (5 s and one tick, Linux's LOAD_FREQ) the tick counts the
// active threads, the running one and the ready ones (the idle thread not among them), and
// folds the count into three exponentially decaying averages held in fixed point with
// LOAD_FSHIFT fraction bits:
//
//     load = (load * e + active * (FIXED_1 - e)) / FIXED_1     (rounded up while rising)
//
// with e = FIXED_1 / exp(5 s / 1, 5 or 15 min): 1884, 2014, 2037. Linux also counts
// threads in uninterruptible sleep (disk waits); Keel has no such waits to tell apart from
// a kernel thread idling on its queue, so only runnable threads count.
//
// LoadAverage is the arithmetic alone (unit-tested); the scheduler keeps one for the
// system and feeds it from on_tick().
#pragma once
#include <stddef.h>
#include <stdint.h>

namespace sched {

inline constexpr unsigned LOAD_FSHIFT = 11;
inline constexpr uint64_t LOAD_FIXED_1 = uint64_t(1) << LOAD_FSHIFT;
inline constexpr uint64_t LOAD_EXP_1 = 1884;
inline constexpr uint64_t LOAD_EXP_5 = 2014;
inline constexpr uint64_t LOAD_EXP_15 = 2037;
inline constexpr uint64_t LOAD_SAMPLE_TICKS = 5 * 100 + 1;

// One step of Linux's calc_load(): `load` and `active` in fixed point.
constexpr uint64_t decay_load(uint64_t load, uint64_t exp, uint64_t active)
{
    uint64_t next = load * exp + active * (LOAD_FIXED_1 - exp);
    if (active >= load)
        next += LOAD_FIXED_1 - 1;
    return next / LOAD_FIXED_1;
}

class LoadAverage {
public:
    // Folds one sample, `active` threads, into the three averages.
    void sample(size_t active);
    // The 1-, 5- and 15-minute averages (index 0, 1, 2) in fixed point (LOAD_FSHIFT).
    uint64_t average(size_t index) const { return m_averages[index]; }

private:
    uint64_t m_averages[3] {};
};

// The system's averages (fixed point), as of the last sample.
struct LoadAverages {
    uint64_t averages[3];
};
LoadAverages load_averages();

// The whole-number and hundredths parts of a fixed-point load, rounded to the nearest
// hundredth as /proc/loadavg shows it ("0.05").
struct LoadFigure {
    uint64_t whole;
    uint64_t hundredths;
};
constexpr LoadFigure load_figure(uint64_t load)
{
    load += LOAD_FIXED_1 / 200;
    return { load >> LOAD_FSHIFT, ((load & (LOAD_FIXED_1 - 1)) * 100) >> LOAD_FSHIFT };
}

} // namespace sched
