// The sim's processor: idling waits for a pending IRQ, halting parks the CPU thread, and
// CPUID is the host's own instruction (the sim runs on an x86_64 host).
//
// cpu_idle() is "sti; hlt": it sleeps on the interrupt controller's condition variable until
// an unmasked line is pending, then delivers with interrupts enabled. Before sleeping it
// flushes the serial line, so a prompt without a newline shows while the kernel waits.
// cpu_relax() also polls for pending IRQs, so a spin loop is preempted even when the
// preemption signal could not redirect it (it arrived during a host call, or under TSan,
// which only marks the line; see interrupt_entry.cpp).
#include "interrupt_controller.hpp"
#include "serial_line.hpp"
#include "stop.hpp"

#include <hal/cpu.hpp>
#include <x86_64_abi/cpuid.hpp>

#include <x86intrin.h>

namespace hal {

void cpu_idle()
{
    sim::flush_serial_output();
    sim::wait_for_deliverable_irq();
    irq_enable();
}

void cpu_halt()
{
    sim::stop_machine({ sim::StopKind::Halt, sim::HALT_EXIT_STATUS });
}

void cpu_relax()
{
    _mm_pause();
    sim::deliver_pending_irqs();
}

unsigned cpu_id()
{
    return 0;
}

uint64_t cycles()
{
    return __rdtsc();
}

CpuidResult cpuid(uint32_t leaf, uint32_t subleaf)
{
    return x86::read_cpuid(leaf, subleaf);
}

} // namespace hal
