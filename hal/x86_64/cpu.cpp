// hal/cpu.hpp on x86_64: halting, idling and counting cycles on the one CPU we run on.
#include <hal/cpu.hpp>

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

} // namespace hal
