// The load average's arithmetic (see load_average.hpp).
#include <sched/load_average.hpp>

namespace sched {

void LoadAverage::sample(size_t active)
{
    constexpr uint64_t EXPONENTS[3] = { LOAD_EXP_1, LOAD_EXP_5, LOAD_EXP_15 };
    uint64_t fixed_active = uint64_t(active) * LOAD_FIXED_1;
    for (size_t index = 0; index < 3; ++index)
        m_averages[index] = decay_load(m_averages[index], EXPONENTS[index], fixed_active);
}

} // namespace sched
