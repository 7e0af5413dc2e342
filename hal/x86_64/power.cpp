// hal/power.hpp on x86_64: power off, reset, and the verdict of a test run.
//
// power_off() enters ACPI S5 (acpi.cpp); if that is unavailable it tries the shutdown
// ports of emulators (QEMU's PIIX4/ICH9 PM1a control at 0x604, then the older QEMU/Bochs
// port 0xB004), and if the machine is still running it halts. reboot() pulses the CPU
// reset line through the i8042 and, should that fail, triple-faults: with an empty IDT
// the breakpoint cannot be delivered, the double fault neither, and the CPU resets.
//
// test_exit() writes to QEMU's isa-debug-exit device (-device
// isa-debug-exit,iobase=0xf4,iosize=0x04). QEMU then exits with status (value << 1) | 1:
//   passed -> value 0x10 -> exit status 33
//   failed -> value 0x11 -> exit status 35
// (0 and 1 stay free for QEMU's own outcomes.) Without the device, it powers off.
#include <hal/power.hpp>

#include "acpi.hpp"
#include "descriptor_table_pointer.hpp"
#include "early_log.hpp"
#include "i8042.hpp"
#include "ports.hpp"
#include <hal/cpu.hpp>
#include <hal/irq.hpp>
#include <hal/timer.hpp>

namespace hal {
namespace {

constexpr uint16_t QEMU_PM1A_CONTROL = 0x604;
constexpr uint16_t BOCHS_PM1A_CONTROL = 0xB004;
constexpr uint16_t EMULATOR_SOFT_OFF = 0x2000; // SLP_EN with sleep type 0

constexpr uint16_t DEBUG_EXIT_PORT = 0xF4;
constexpr uint32_t DEBUG_EXIT_PASSED = 0x10;
constexpr uint32_t DEBUG_EXIT_FAILED = 0x11;

// Machines (and QEMU's main loop) act on a power or reset request a little after the
// port write, so each attempt gets this long before the next one is tried.
constexpr uint64_t SETTLE_TIME_NS = 200'000'000;

void wait_for_the_machine()
{
    uint64_t start = clock_ns();
    while (clock_ns() - start < SETTLE_TIME_NS)
        cpu_relax();
}

} // namespace

void power_off()
{
    irq_disable();
    if (x86::acpi_enter_s5())
        wait_for_the_machine();
    x86::outw(QEMU_PM1A_CONTROL, EMULATOR_SOFT_OFF);
    wait_for_the_machine();
    x86::outw(BOCHS_PM1A_CONTROL, EMULATOR_SOFT_OFF);
    wait_for_the_machine();
    x86::early_log("power_off: the machine did not switch off; halting");
    cpu_halt();
}

void reboot()
{
    irq_disable();
    x86::i8042_pulse_reset_line();
    wait_for_the_machine();

    x86::DescriptorTablePointer empty { 0, 0 };
    asm volatile("lidt %0; int3" : : "m"(empty) : "memory");
    cpu_halt();
}

void test_exit(bool passed)
{
    irq_disable();
    x86::outl(DEBUG_EXIT_PORT, passed ? DEBUG_EXIT_PASSED : DEBUG_EXIT_FAILED);
    power_off();
}

} // namespace hal
