// hal/keyboard.hpp on x86_64: the i8042 PS/2 controller.
//
// The firmware leaves the controller translating the keyboard's bytes to scancode set 1,
// which is what core/input decodes, so we only move bytes: status port 0x64 bit 0 says
// a byte waits in port 0x60. Bit 5 marks bytes from the auxiliary (mouse) port, which
// are dropped. keyboard_init() empties the output buffer so a key pressed during boot
// cannot leave the keyboard IRQ line stuck. Reference: OSDev "8042 PS/2 Controller".
#include <hal/keyboard.hpp>

#include "bringup.hpp"
#include "ports.hpp"

namespace hal {
namespace {

constexpr uint16_t DATA_PORT = 0x60;
constexpr uint16_t STATUS_PORT = 0x64;
constexpr uint8_t STATUS_OUTPUT_FULL = 0x01;
constexpr uint8_t STATUS_FROM_AUXILIARY = 0x20;
constexpr unsigned MAX_STALE_BYTES = 64; // the buffer is tiny; bounds a stuck controller

} // namespace

namespace x86 {

void keyboard_init()
{
    for (unsigned i = 0; i < MAX_STALE_BYTES && (inb(STATUS_PORT) & STATUS_OUTPUT_FULL); ++i)
        inb(DATA_PORT);
}

} // namespace x86

bool keyboard_read(uint8_t& scancode)
{
    for (;;) {
        uint8_t status = x86::inb(STATUS_PORT);
        if (!(status & STATUS_OUTPUT_FULL))
            return false;
        uint8_t byte = x86::inb(DATA_PORT);
        if (!(status & STATUS_FROM_AUXILIARY)) {
            scancode = byte;
            return true;
        }
    }
}

} // namespace hal
