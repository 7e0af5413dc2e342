// The sim's keyboard controller: scancode bytes from the front end, read by the kernel.
//
// The SDL window translates key events into PS/2 scancode set 1 bytes and hands them to
// press_scancodes(), which queues them and raises hal::KEYBOARD_IRQ once per batch; the
// kernel's IRQ handler drains them with hal::keyboard_read(). The buffer is larger than an
// i8042's single byte so a burst of keys survives a busy kernel, but it still overflows.
#include "byte_queue.hpp"
#include "interrupt_controller.hpp"
#include <sim_machine.hpp>

#include <hal/keyboard.hpp>

namespace {

using ScancodeQueue = sim::ByteQueue<64>;

ScancodeQueue& scancode_queue()
{
    static ScancodeQueue& queue = *new ScancodeQueue;
    return queue;
}

} // namespace

namespace sim {

void press_scancodes(const uint8_t* bytes, size_t count)
{
    for (size_t index = 0; index < count; ++index)
        scancode_queue().try_push(bytes[index]);
    raise_irq(hal::KEYBOARD_IRQ);
}

} // namespace sim

namespace hal {

bool keyboard_read(uint8_t& scancode)
{
    ksync::InterruptGuard guard;
    return scancode_queue().try_pop(scancode);
}

} // namespace hal
