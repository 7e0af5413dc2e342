// hal/irq.hpp on x86_64: the interrupt flag and the handlers of the 16 ISA lines.
//
// The interrupt flag is RFLAGS.IF; IrqState is the saved RFLAGS. Each line has at most
// one handler; installing one unmasks the line at the 8259 (pic.cpp). dispatch_irq runs
// on the interrupted stack with IF clear: handle_irq filters spurious IRQ 7/15, calls the
// handler, then acknowledges the PIC; when the handler asked for it, dispatch_irq then lets
// core's scheduler switch threads (kernel_reschedule). An IRQ from ring 3 takes
// handle_irq alone (user_traps.cpp): run_user makes the switch once off the interrupt
// frame. A line that fires with no handler is
// masked again. Each handler call is counted (irq_count); the counters are bumped with IF
// clear and read with relaxed atomic loads, so a reader never sees a torn value.
#include "cpu_registers.hpp"
#include "interrupt_frame.hpp"
#include "pic.hpp"
#include <hal/boot.hpp>
#include <hal/console.hpp>
#include <hal/irq.hpp>
#include <hal/keyboard.hpp>
#include <hal/timer.hpp>

namespace hal {
namespace {

struct LineHandler {
    IrqHandler handler = nullptr;
    void* context = nullptr;
};

LineHandler g_handlers[IRQ_LINES];
uint64_t g_counts[IRQ_LINES];

} // namespace

IrqState irq_save()
{
    IrqState previous { x86::read_rflags() };
    asm volatile("cli" ::: "memory");
    return previous;
}

void irq_restore(IrqState previous)
{
    if (previous.rflags & x86::RFLAGS_INTERRUPT_ENABLE)
        asm volatile("sti" ::: "memory");
    else
        asm volatile("cli" ::: "memory");
}

void irq_enable()
{
    asm volatile("sti" ::: "memory");
}

void irq_disable()
{
    asm volatile("cli" ::: "memory");
}

bool irqs_enabled()
{
    return x86::read_rflags() & x86::RFLAGS_INTERRUPT_ENABLE;
}

bool set_irq_handler(unsigned line, IrqHandler handler, void* context)
{
    if (line >= IRQ_LINES)
        return false;
    IrqState previous = irq_save();
    g_handlers[line] = { handler, context };
    irq_restore(previous);
    irq_unmask(line);
    return true;
}

void irq_mask(unsigned line)
{
    if (line >= IRQ_LINES)
        return;
    IrqState previous = irq_save();
    x86::pic_mask(line);
    irq_restore(previous);
}

void irq_unmask(unsigned line)
{
    if (line >= IRQ_LINES)
        return;
    IrqState previous = irq_save();
    x86::pic_unmask(line);
    irq_restore(previous);
}

uint64_t irq_count(unsigned line)
{
    return line < IRQ_LINES ? __atomic_load_n(&g_counts[line], __ATOMIC_RELAXED) : 0;
}

const char* irq_line_name(unsigned line)
{
    switch (line) {
    case TIMER_IRQ:
        return "timer"; // PIT channel 0
    case KEYBOARD_IRQ:
        return "keyboard"; // i8042
    case x86::PIC_CASCADE_LINE:
        return "cascade";
    case SERIAL_IRQ:
        return "serial"; // COM1
    default:
        return nullptr;
    }
}

namespace x86 {

IrqResult handle_irq(unsigned line)
{
    if (pic_is_spurious(line)) {
        pic_acknowledge_spurious(line);
        return IrqResult::Handled;
    }
    const LineHandler& entry = g_handlers[line];
    if (!entry.handler) {
        pic_mask(line);
        pic_end_of_interrupt(line);
        return IrqResult::Handled;
    }
    __atomic_fetch_add(&g_counts[line], 1, __ATOMIC_RELAXED);
    IrqResult result = entry.handler(entry.context);
    pic_end_of_interrupt(line);
    return result;
}

void dispatch_irq(unsigned line)
{
    // After the end of interrupt, so the PIC can deliver again to whatever thread runs next;
    // the interrupted thread's frame stays on its stack until the scheduler comes back.
    if (handle_irq(line) == IrqResult::Reschedule)
        kernel_reschedule();
}

} // namespace x86
} // namespace hal
