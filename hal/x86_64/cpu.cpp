// hal/cpu.hpp on x86_64: halting, idling, counting cycles and CPUID on the one CPU we run on.
#include <hal/cpu.hpp>
#include <x86_64_abi/cpuid.hpp>


#include "cpu_registers.hpp"

namespace hal {

void cpu_idle()
{
    // STI takes effect after the next instruction, so no interrupt can slip in between
    // the two and leave HLT waiting for a wake-up that already happened.
    asm volatile("sti; hlt" ::: "memory");
}

void cpu_halt()
{
    for (;;)
        asm volatile("cli; hlt" ::: "memory");
}

void cpu_relax()
{
    asm volatile("pause");
}

unsigned cpu_id()
{
    return 0;
}

uint64_t cycles()
{
    return x86::read_time_stamp_counter();
}

CpuidResult cpuid(uint32_t leaf, uint32_t subleaf)
{
    return x86::read_cpuid(leaf, subleaf);
}

} // namespace hal
