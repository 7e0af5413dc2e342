// hal/random.hpp on x86_64: RDRAND, where CPUID leaf 1 says the CPU has it (ECX bit 30).
//
// RDRAND clears CF when its generator has no number ready yet; Intel's guidance is to
// retry, and to treat ten failures in a row as a broken generator.
#include <hal/random.hpp>

#include <cpuid.h>

namespace hal {
namespace {

constexpr unsigned RDRAND_ATTEMPTS = 10;

bool cpu_has_rdrand()
{
    unsigned eax, ebx, ecx, edx;
    return __get_cpuid(1, &eax, &ebx, &ecx, &edx) && (ecx & bit_RDRND);
}

bool rdrand(uint64_t& value)
{
    bool ready;
    asm volatile("rdrand %0" : "=r"(value), "=@ccc"(ready));
    return ready;
}

} // namespace

bool hardware_random(uint64_t& value)
{
    static const bool has_rdrand = cpu_has_rdrand(); // CPUID is slow under a hypervisor
    if (!has_rdrand)
        return false;
    for (unsigned attempt = 0; attempt < RDRAND_ATTEMPTS; ++attempt) {
        uint64_t candidate;
        if (rdrand(candidate)) {
            value = candidate;
            return true;
        }
    }
    return false;
}

} // namespace hal
