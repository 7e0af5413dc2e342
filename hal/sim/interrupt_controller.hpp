// The sim's interrupt controller, as the rest of hal/sim sees it.
//
// hal/irq.hpp is the kernel's view; sim_machine.hpp has raise_irq() for device threads.
// This header is for the HAL's own files: the CPU thread registers itself so it can be
// preempted by a signal, cpu_idle() sleeps until a line is deliverable, and HAL functions
// that take host locks keep interrupt handlers out with ksync::InterruptGuard (an IRQ
// handler that ran inside such a function could deadlock on the same lock).
#pragma once
#include <hal/irq.hpp>
#include <sync/interrupt_guard.hpp>

#include <csignal>

namespace sim {

// What raise_irq() sends the CPU thread when it runs with interrupts enabled.
inline constexpr int PREEMPTION_SIGNAL = SIGUSR1;

// Called once on the CPU thread: raise_irq() then interrupts it with a signal.
void become_cpu_thread();
bool on_cpu_thread();
// Delivers every deliverable pending line if interrupts are enabled (the polling path).
void deliver_pending_irqs();
// Sleeps with interrupts disabled until an unmasked line is pending.
void wait_for_deliverable_irq();
// For a signal handler that resolved a fault and returns to retry the faulting instruction:
// puts the interrupt flag back to `interrupted`, as iret does, and sends PREEMPTION_SIGNAL
// if a line is deliverable then. The handler must block that signal (sa_mask), so it is
// taken only once the handler has returned: on the interrupted stack, before the retry.
void resume_after_fault(hal::IrqState interrupted);

} // namespace sim
