// hal/keyboard.hpp on x86_64: the i8042 PS/2 controller.
//
// The firmware leaves the controller translating the keyboard's bytes to scancode set 1,
// which is what core/input decodes, so we only move bytes: status port 0x64 bit 0 says
// a byte waits in port 0x60. Bit 5 marks bytes from the auxiliary (mouse) port, which
// are dropped. keyboard_init() empties the output buffer so a key pressed during boot
// cannot leave the keyboard IRQ line stuck. Writing 0xFE to port 0x64 (the command port
// when written) pulses the CPU reset line, which power.cpp's reboot() uses once bit 1
// (input buffer full) clears. Reference: OSDev "8042 PS/2 Controller".
#include <hal/keyboard.hpp>

#include "bringup.hpp"
#include "i8042.hpp"
#include "ports.hpp"
#include <hal/cpu.hpp>

namespace hal {
namespace {

constexpr uint16_t DATA_PORT = 0x60;
constexpr uint16_t STATUS_PORT = 0x64;  // when read
constexpr uint16_t COMMAND_PORT = 0x64; // when written
constexpr uint8_t STATUS_OUTPUT_FULL = 0x01;
constexpr uint8_t STATUS_INPUT_FULL = 0x02;
constexpr uint8_t STATUS_FROM_AUXILIARY = 0x20;
constexpr uint8_t COMMAND_PULSE_RESET = 0xFE;
constexpr unsigned MAX_STALE_BYTES = 64; // the buffer is tiny; bounds a stuck controller
constexpr unsigned INPUT_FULL_POLLS = 100'000;

} // namespace

namespace x86 {

void keyboard_init()
{
    for (unsigned i = 0; i < MAX_STALE_BYTES && (inb(STATUS_PORT) & STATUS_OUTPUT_FULL); ++i)
        inb(DATA_PORT);
}

void i8042_pulse_reset_line()
{
    for (unsigned i = 0; i < INPUT_FULL_POLLS && (inb(STATUS_PORT) & STATUS_INPUT_FULL); ++i)
        cpu_relax();
    outb(COMMAND_PORT, COMMAND_PULSE_RESET);
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
