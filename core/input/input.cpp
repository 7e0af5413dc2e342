// The IRQ side of input: device bytes -> decoders -> the key queue (see input.hpp).
#include <console/klog.hpp>
#include <hal/console.hpp>
#include <hal/cpu.hpp>
#include <hal/irq.hpp>
#include <hal/keyboard.hpp>
#include <input/input.hpp>
#include <input/scancode_decoder.hpp>
#include <input/serial_decoder.hpp>
#include <kstd/ring_buffer.hpp>
#include <sync/interrupt_guard.hpp>

namespace input {

namespace {
kstd::RingBuffer<KeyEvent, KEY_QUEUE_CAPACITY> key_queue;
ScancodeDecoder scancode_decoder;
SerialDecoder serial_decoder;
unsigned dropped = 0;

void enqueue(const KeyEvent& event)
{
    if (!key_queue.try_push(event))
        ++dropped;
}

hal::IrqResult on_keyboard_irq(void*)
{
    uint8_t scancode;
    while (hal::keyboard_read(scancode)) {
        KeyEvent event;
        if (scancode_decoder.feed(scancode, event))
            enqueue(event);
    }
    return hal::IrqResult::Handled;
}

hal::IrqResult on_serial_irq(void*)
{
    int byte;
    while ((byte = hal::debug_getc()) >= 0) {
        KeyEvent events[2];
        unsigned count = serial_decoder.feed(static_cast<uint8_t>(byte), events);
        for (unsigned index = 0; index < count; ++index)
            enqueue(events[index]);
    }
    return hal::IrqResult::Handled;
}
} // namespace

void init()
{
    hal::set_irq_handler(hal::KEYBOARD_IRQ, on_keyboard_irq, nullptr);
    hal::set_irq_handler(hal::SERIAL_IRQ, on_serial_irq, nullptr);
    klog::info("input: PS/2 keyboard on IRQ {}, serial terminal on IRQ {}", hal::KEYBOARD_IRQ,
               hal::SERIAL_IRQ);
}

bool try_read_key(KeyEvent& event)
{
    sync::InterruptGuard guard;
    kstd::Optional<KeyEvent> next = key_queue.try_pop();
    if (next)
        event = next.value();
    return next.has_value();
}

KeyEvent read_key()
{
    hal::IrqState previous = hal::irq_save();
    // Checking and idling with interrupts off closes the race with an IRQ arriving in
    // between: cpu_idle enables interrupts and waits in one step (sti; hlt).
    kstd::Optional<KeyEvent> next;
    while (!(next = key_queue.try_pop())) {
        hal::cpu_idle();
        hal::irq_disable();
    }
    hal::irq_restore(previous);
    return next.value();
}

unsigned dropped_events()
{
    return dropped;
}

unsigned unknown_scancodes()
{
    return scancode_decoder.unknown_codes();
}

} // namespace input
