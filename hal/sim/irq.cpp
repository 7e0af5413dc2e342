// Interrupts in the sim: pending bits, a mask, and an "interrupt flag" that is a variable.
//
// Device threads call sim::raise_irq(), which sets the line's pending bit and then makes
// sure the CPU thread notices: if it sleeps in cpu_idle() it is woken through a condition
// variable; if it runs with interrupts enabled it is sent PREEMPTION_SIGNAL, whose handler
// delivers the IRQ right there, on the interrupted stack, like a real interrupt. With
// interrupts disabled nothing needs to be sent: enabling them delivers whatever is pending.
//
// Delivery (always on the CPU thread) takes the lowest deliverable line, clears its pending
// bit, clears the flag as the CPU clears IF, calls the handler and sets the flag again.
// Claiming the bit with one atomic fetch_and keeps a delivery nested in the signal handler
// from running a handler twice. The flag and the pending bits are sequentially consistent
// atomics, so "raise, then look at the flag" and "set the flag, then look at the bits"
// cannot both miss each other. The handler's IrqResult is not acted on yet: core has no
// scheduler hook for Reschedule.
#include "interrupt_controller.hpp"
#include <sim_machine.hpp>

#include <atomic>
#include <bit>
#include <cerrno>
#include <condition_variable>
#include <csignal>
#include <mutex>
#include <pthread.h>

namespace {

constexpr uint32_t ALL_LINES = (1u << hal::IRQ_LINES) - 1;

std::atomic<bool> interrupts_enabled { false };
std::atomic<uint32_t> pending_lines { 0 };
std::atomic<uint32_t> masked_lines { ALL_LINES };

// Written once by become_cpu_thread() before cpu_registered is set.
pthread_t cpu_thread;
std::atomic<bool> cpu_registered { false };

struct HandlerSlot {
    hal::IrqHandler handler;
    void* context;
};
// Used only on the CPU thread, and changed only with interrupts disabled.
HandlerSlot handlers[hal::IRQ_LINES];

// How cpu_idle() sleeps. Allocated once and never destroyed, so a thread still waiting
// while the process exits does not meet a destroyed condition variable.
struct IdleWait {
    std::mutex mutex;
    std::condition_variable wakeup;
    bool sleeping = false;
};

IdleWait& idle_wait()
{
    static IdleWait& wait = *new IdleWait;
    return wait;
}

uint32_t deliverable_lines()
{
    return pending_lines.load() & ~masked_lines.load();
}

void on_preemption_signal(int)
{
    int saved_errno = errno;
    sim::deliver_pending_irqs();
    errno = saved_errno;
}

} // namespace

namespace sim {

void become_cpu_thread()
{
    cpu_thread = pthread_self();
    struct sigaction action {};
    action.sa_handler = on_preemption_signal;
    action.sa_flags = SA_RESTART;
    sigemptyset(&action.sa_mask);
    sigaction(PREEMPTION_SIGNAL, &action, nullptr);
    cpu_registered.store(true);
}

bool on_cpu_thread()
{
    return cpu_registered.load() && pthread_equal(cpu_thread, pthread_self());
}

void deliver_pending_irqs()
{
    while (interrupts_enabled.load()) {
        uint32_t ready = deliverable_lines();
        if (ready == 0)
            return;
        unsigned line = std::countr_zero(ready);
        uint32_t bit = 1u << line;
        if ((pending_lines.fetch_and(~bit) & bit) == 0)
            continue; // a delivery nested in the signal handler took it
        interrupts_enabled.store(false);
        HandlerSlot slot = handlers[line];
        if (slot.handler)
            slot.handler(slot.context);
        interrupts_enabled.store(true);
    }
}

void wait_for_deliverable_irq()
{
    interrupts_enabled.store(false);
    IdleWait& wait = idle_wait();
    std::unique_lock lock(wait.mutex);
    wait.sleeping = true;
    wait.wakeup.wait(lock, [] { return deliverable_lines() != 0; });
    wait.sleeping = false;
}

void resume_after_fault(hal::IrqState interrupted)
{
    interrupts_enabled.store(interrupted.enabled);
    if (interrupted.enabled && deliverable_lines() != 0)
        pthread_kill(cpu_thread, PREEMPTION_SIGNAL);
}

void raise_irq(unsigned line)
{
    if (line >= hal::IRQ_LINES)
        return;
    pending_lines.fetch_or(1u << line);
    IdleWait& wait = idle_wait();
    bool sleeping;
    {
        std::lock_guard lock(wait.mutex);
        sleeping = wait.sleeping;
    }
    if (sleeping)
        wait.wakeup.notify_one();
    else if (interrupts_enabled.load() && cpu_registered.load())
        pthread_kill(cpu_thread, PREEMPTION_SIGNAL);
}

} // namespace sim

namespace hal {

IrqState irq_save()
{
    return IrqState { interrupts_enabled.exchange(false) };
}

void irq_restore(IrqState previous)
{
    if (previous.enabled)
        irq_enable();
    else
        irq_disable();
}

void irq_enable()
{
    interrupts_enabled.store(true);
    sim::deliver_pending_irqs();
}

void irq_disable()
{
    interrupts_enabled.store(false);
}

bool irqs_enabled()
{
    return interrupts_enabled.load();
}

bool set_irq_handler(unsigned line, IrqHandler handler, void* context)
{
    if (line >= IRQ_LINES)
        return false;
    ksync::InterruptGuard guard;
    handlers[line] = HandlerSlot { handler, context };
    irq_unmask(line);
    return true;
}

void irq_mask(unsigned line)
{
    if (line < IRQ_LINES)
        masked_lines.fetch_or(1u << line);
}

void irq_unmask(unsigned line)
{
    if (line >= IRQ_LINES)
        return;
    masked_lines.fetch_and(~(1u << line));
    sim::deliver_pending_irqs();
}

} // namespace hal
