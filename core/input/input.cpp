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

// Serial input has flow control, so a pasted or piped burst is never cut: when the queue
// cannot take the two events one byte may make, the bytes stay in the device (the UART's
// FIFO, the sim's line buffer) and the serial IRQ is masked until the reader has drained
// the queue to half. (The keyboard has no such brake: a full queue drops keys.)
constexpr size_t EVENTS_PER_SERIAL_BYTE = 2;
bool serial_paused = false;

void drain_serial_line()
{
    while (key_queue.size() + EVENTS_PER_SERIAL_BYTE <= KEY_QUEUE_CAPACITY) {
        int byte = hal::debug_getc();
        if (byte < 0)
            return;
        KeyEvent events[EVENTS_PER_SERIAL_BYTE];
        unsigned count = serial_decoder.feed(static_cast<uint8_t>(byte), events);
        for (unsigned index = 0; index < count; ++index)
            enqueue(events[index]);
    }
    serial_paused = true;
    hal::irq_mask(hal::SERIAL_IRQ);
}

// Called with interrupts disabled after the reader took an event.
void resume_serial_line_if_drained()
{
    if (!serial_paused || key_queue.size() > KEY_QUEUE_CAPACITY / 2)
        return;
    serial_paused = false;
    hal::irq_unmask(hal::SERIAL_IRQ);
    drain_serial_line();
}

hal::IrqResult on_serial_irq(void*)
{
    drain_serial_line();
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
    ksync::InterruptGuard guard;
    kstd::Optional<KeyEvent> next = key_queue.try_pop();
    if (!next)
        return false;
    event = next.value();
    resume_serial_line_if_drained();
    return true;
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
    resume_serial_line_if_drained();
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
