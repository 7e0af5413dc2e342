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

namespace input {

namespace {
kstd::RingBuffer<KeyEvent, KEY_QUEUE_CAPACITY> key_queue;
ScancodeDecoder scancode_decoder;
SerialDecoder serial_decoder;
bool dropping_keys = false; // one warning per run of dropped keys, not one per key

void enqueue(const KeyEvent& event)
{
    bool queued = key_queue.try_push(event);
    if (!queued && !dropping_keys)
        klog::warn("input: key queue full ({} events); dropping keys", KEY_QUEUE_CAPACITY);
    dropping_keys = !queued;
}

hal::IrqResult on_keyboard_irq(void*)
{
    uint8_t scancode;
    while (hal::keyboard_read(scancode)) {
        unsigned unknown_before = scancode_decoder.unknown_codes();
        KeyEvent event;
        if (scancode_decoder.feed(scancode, event))
            enqueue(event);
        else if (scancode_decoder.unknown_codes() != unknown_before)
            klog::warn("keyboard: unknown scancode {:#04x} ignored", scancode);
    }
    return hal::IrqResult::Handled;
}

// Serial input has flow control, so a pasted or piped burst is never cut: when the queue
// cannot take the two events one byte may make, the bytes stay in the device (the UART's
// FIFO, the sim's line buffer) and the serial IRQ is masked until the reader has drained
// the queue to half. (The keyboard has no such brake: a full queue drops keys.)
constexpr size_t EVENTS_PER_SERIAL_BYTE = 2;
bool serial_paused = false;

void drain_serial_line_or_pause()
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
    drain_serial_line_or_pause();
}

hal::IrqResult on_serial_irq(void*)
{
    drain_serial_line_or_pause();
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

} // namespace input
