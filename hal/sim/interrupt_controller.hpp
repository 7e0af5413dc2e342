// The sim's interrupt controller, as the rest of hal/sim sees it.
//
// hal/irq.hpp is the kernel's view; sim_machine.hpp has raise_irq() for device threads.
// This header is for the HAL's own files: the CPU thread registers itself so it can be
// preempted by a signal, the signal's handler makes the interrupted code take the
// interrupt, cpu_idle() sleeps until a line is deliverable, and HAL functions that take
// host locks keep interrupt handlers out with ksync::InterruptGuard (an IRQ handler that
// ran inside such a function could deadlock on the same lock).
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
// Installs PREEMPTION_SIGNAL's handler (interrupt_entry.cpp), for become_cpu_thread().
void install_preemption_signal_handler();
// Delivers every deliverable pending line if interrupts are enabled (the polling path).
// A handler's Reschedule makes this call kernel_reschedule(), which may switch threads.
void deliver_pending_irqs();
// Taking an interrupt in two steps, for the preemption signal: begin_interrupt() is
// async-signal-safe and, when interrupts are enabled and a line is deliverable, turns the
// flag off as a CPU clears IF and returns true; the interrupted flow must then call
// serve_interrupt() (not inside a signal handler), which runs the handlers and
// kernel_reschedule() if asked, and turns the flag back on.
bool begin_interrupt();
void serve_interrupt();
// Whether an unmasked line is pending (what run_user checks before resuming a stub).
bool irq_deliverable();
// Sleeps with interrupts disabled until an unmasked line is pending.
void wait_for_deliverable_irq();
// For a signal handler that resolved a fault and returns to retry the faulting instruction:
// puts the interrupt flag back to `interrupted`, as iret does, and sends PREEMPTION_SIGNAL
// if a line is deliverable then. The handler must block that signal (sa_mask), so it is
// taken only once the handler has returned: on the interrupted stack, before the retry.
void resume_after_fault(hal::IrqState interrupted);

} // namespace sim
