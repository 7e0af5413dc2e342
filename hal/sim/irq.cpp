// Interrupts in the sim: pending bits, a mask, and an "interrupt flag" that is a variable.
//
// Device threads call sim::raise_irq(), which sets the line's pending bit and then makes
// sure the CPU thread notices: if it sleeps in cpu_idle() it is woken through a condition
// variable; if it runs with interrupts enabled it is sent PREEMPTION_SIGNAL, whose handler
// (interrupt_entry.cpp) makes the interrupted code take the interrupt on its own stack,
// like a real one. With interrupts disabled nothing needs to be sent: enabling them
// delivers whatever is pending, and so do cpu_relax() and clock_ns().
//
// Taking an interrupt is what a CPU does: the flag goes off (begin_interrupt), the handler
// of every deliverable line runs, each claiming its pending bit, then kernel_reschedule()
// if a handler returned Reschedule, still with the flag off (it may switch threads; this
// flow goes on when the scheduler switches back), and the flag goes back on, as iret puts
// IF back. Lines raised meanwhile are taken in a next round. The flag and the pending bits
// are sequentially consistent atomics, so "raise, then look at the flag" and "set the flag,
// then look at the bits" cannot both miss each other. While a user program runs in its stub
// process (user_mode.cpp), the CPU thread waits for the stub with the flag off, so the stub
// is the one interrupted: raise_irq() sends it a signal, which makes run_user() return. Each handler call is counted
// (irq_count) in a relaxed atomic, which any thread may read.
#include "interrupt_controller.hpp"
#include "user_stub.hpp"
#include <sim_machine.hpp>

#include <hal/boot.hpp>
#include <hal/console.hpp>
#include <hal/keyboard.hpp>
#include <hal/timer.hpp>

#include <atomic>
#include <bit>
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
std::atomic<uint64_t> handler_calls[hal::IRQ_LINES];

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

// One interrupt, taken with the flag already off: every deliverable line's handler, then
// kernel_reschedule() if one of them asked for it.
void run_interrupt_handlers()
{
    bool reschedule = false;
    for (uint32_t ready = deliverable_lines(); ready != 0; ready = deliverable_lines()) {
        unsigned line = std::countr_zero(ready);
        pending_lines.fetch_and(~(1u << line));
        HandlerSlot slot = handlers[line];
        if (!slot.handler)
            continue;
        handler_calls[line].fetch_add(1, std::memory_order_relaxed);
        if (slot.handler(slot.context) == hal::IrqResult::Reschedule)
            reschedule = true;
    }
    if (reschedule)
        kernel_reschedule();
}

} // namespace

namespace sim {

void become_cpu_thread()
{
    cpu_thread = pthread_self();
    install_preemption_signal_handler();
    cpu_registered.store(true);
}

bool on_cpu_thread()
{
    return cpu_registered.load() && pthread_equal(cpu_thread, pthread_self());
}

bool begin_interrupt()
{
    return deliverable_lines() != 0 && interrupts_enabled.exchange(false);
}

void serve_interrupt()
{
    do {
        run_interrupt_handlers();
        interrupts_enabled.store(true);
    } while (begin_interrupt());
}

bool irq_deliverable()
{
    return deliverable_lines() != 0;
}

void deliver_pending_irqs()
{
    if (begin_interrupt())
        serve_interrupt();
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
    if (deliverable_lines() & (1u << line))
        kick_running_user_stub();
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

uint64_t irq_count(unsigned line)
{
    return line < IRQ_LINES ? handler_calls[line].load(std::memory_order_relaxed) : 0;
}

const char* irq_line_name(unsigned line)
{
    switch (line) {
    case TIMER_IRQ:
        return "timer"; // the timer thread (timer.cpp)
    case KEYBOARD_IRQ:
        return "keyboard"; // the controller the window feeds (keyboard.cpp)
    case SERIAL_IRQ:
        return "serial"; // the stdin thread (serial.cpp)
    default:
        return nullptr;
    }
}

} // namespace hal
