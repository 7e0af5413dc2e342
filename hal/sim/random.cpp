// hal/random.hpp in the sim: the host kernel's generator, through getrandom(2).
//
// Eight bytes from an initialised pool come back whole and are never cut short by a
// signal, but the call is retried on EINTR all the same (the CPU thread takes
// PREEMPTION_SIGNAL at any time).
#include <hal/random.hpp>

#include <cerrno>
#include <sys/random.h>

namespace hal {

bool hardware_random(uint64_t& value)
{
    uint64_t candidate;
    ssize_t count;
    do
        count = getrandom(&candidate, sizeof candidate, 0);
    while (count < 0 && errno == EINTR);
    if (count != ssize_t(sizeof candidate))
        return false;
    value = candidate;
    return true;
}

} // namespace hal
