// hal/timer.hpp on x86_64: the 8254 PIT raises the tick, the TSC tells the time.
//
// clock_ns() scales the time stamp counter, whose rate timer_init() measures against PIT
// channel 2 (the speaker channel, which we can start and watch through port 0x61 without
// an interrupt): 10 ms counted down by the PIT, rdtsc before and after, the median of
// three runs. The tick is PIT channel 0 on ISA line 0: mode 2 (rate generator) for a
// periodic tick, mode 0 (interrupt on terminal count) for a one-shot. The PIT counts at
// 1.193182 MHz with a 16-bit divisor, so periods are rounded to ~838 ns steps and capped
// at ~54.9 ms; a longer one-shot fires early, and the caller is expected to check
// clock_ns() and re-arm. Register protocol: the Intel 8254 datasheet; OSDev "Programmable
// Interval Timer".
#include <hal/timer.hpp>

#include "bringup.hpp"
#include "cpu_registers.hpp"
#include "early_log.hpp"
#include "ports.hpp"
#include <hal/irq.hpp>
#include <stddef.h>

namespace hal {
namespace {

constexpr uint64_t PIT_FREQUENCY_HZ = 1'193'182;
constexpr uint64_t NANOSECONDS_PER_SECOND = 1'000'000'000;
constexpr uint64_t MAX_DIVISOR = 65536; // written as 0

constexpr uint16_t PIT_CHANNEL0 = 0x40;
constexpr uint16_t PIT_CHANNEL2 = 0x42;
constexpr uint16_t PIT_COMMAND = 0x43;
constexpr uint8_t COMMAND_CHANNEL0_RATE_GENERATOR = 0x34;   // channel 0, lo/hi byte, mode 2
constexpr uint8_t COMMAND_CHANNEL0_ONE_SHOT = 0x30;         // channel 0, lo/hi byte, mode 0
constexpr uint8_t COMMAND_CHANNEL2_ONE_SHOT = 0xB0;         // channel 2, lo/hi byte, mode 0

constexpr uint16_t PORT_B = 0x61;
constexpr uint8_t PORT_B_CHANNEL2_GATE = 0x01;
constexpr uint8_t PORT_B_SPEAKER_ENABLE = 0x02;
constexpr uint8_t PORT_B_CHANNEL2_OUTPUT = 0x20;

constexpr uint64_t CALIBRATION_PIT_COUNT = PIT_FREQUENCY_HZ / 100; // 10 ms
constexpr uint64_t CALIBRATION_MAX_POLLS = 100'000'000;
constexpr size_t CALIBRATION_RUNS = 3;
constexpr uint64_t FALLBACK_TSC_HZ = 1'000'000'000;

uint64_t g_tsc_at_boot = 0;
// Nanoseconds per TSC cycle as a 32.32 fixed-point number.
uint64_t g_nanoseconds_per_cycle_fixed = 0;

// TSC cycles per second, or 0 when the PIT's channel 2 output never rises.
uint64_t measure_tsc_frequency()
{
    uint8_t saved_port_b = x86::inb(PORT_B);
    x86::outb(PORT_B, saved_port_b & ~(PORT_B_CHANNEL2_GATE | PORT_B_SPEAKER_ENABLE));
    x86::outb(PIT_COMMAND, COMMAND_CHANNEL2_ONE_SHOT);
    x86::outb(PIT_CHANNEL2, CALIBRATION_PIT_COUNT & 0xFF);
    x86::outb(PIT_CHANNEL2, CALIBRATION_PIT_COUNT >> 8);

    // Raising the gate starts the count; OUT2 goes high when it reaches zero.
    x86::outb(PORT_B, (saved_port_b & ~PORT_B_SPEAKER_ENABLE) | PORT_B_CHANNEL2_GATE);
    uint64_t start = x86::read_time_stamp_counter();
    uint64_t polls = 0;
    while (!(x86::inb(PORT_B) & PORT_B_CHANNEL2_OUTPUT) && polls < CALIBRATION_MAX_POLLS)
        ++polls;
    uint64_t end = x86::read_time_stamp_counter();
    x86::outb(PORT_B, saved_port_b);

    if (polls == CALIBRATION_MAX_POLLS)
        return 0;
    return (end - start) * PIT_FREQUENCY_HZ / CALIBRATION_PIT_COUNT;
}

void sort_small(uint64_t* values, size_t count)
{
    for (size_t i = 1; i < count; ++i) {
        for (size_t j = i; j > 0 && values[j - 1] > values[j]; --j) {
            uint64_t swapped = values[j];
            values[j] = values[j - 1];
            values[j - 1] = swapped;
        }
    }
}

uint16_t pit_divisor(uint64_t period_ns)
{
    if (period_ns > NANOSECONDS_PER_SECOND)
        period_ns = NANOSECONDS_PER_SECOND;
    uint64_t divisor = (period_ns * PIT_FREQUENCY_HZ + NANOSECONDS_PER_SECOND / 2)
        / NANOSECONDS_PER_SECOND;
    if (divisor < 1)
        divisor = 1;
    if (divisor > MAX_DIVISOR)
        divisor = MAX_DIVISOR;
    return static_cast<uint16_t>(divisor); // 65536 wraps to 0, which the PIT reads as 65536
}

void program_channel0(uint8_t command, uint64_t period_ns)
{
    uint16_t divisor = pit_divisor(period_ns);
    IrqState previous = irq_save();
    x86::outb(PIT_COMMAND, command);
    x86::outb(PIT_CHANNEL0, divisor & 0xFF);
    x86::outb(PIT_CHANNEL0, divisor >> 8);
    irq_restore(previous);
}

} // namespace

namespace x86 {

void timer_init()
{
    // The median of a few runs: the first one also pays for cold caches (and, under
    // QEMU's TCG, for translating the loop), which would skew a single measurement.
    uint64_t runs[CALIBRATION_RUNS];
    for (uint64_t& run : runs)
        run = measure_tsc_frequency();
    sort_small(runs, CALIBRATION_RUNS);
    uint64_t tsc_hz = runs[CALIBRATION_RUNS / 2];
    if (tsc_hz == 0) {
        early_log("timer: TSC calibration against PIT channel 2 failed, assuming 1 GHz");
        tsc_hz = FALLBACK_TSC_HZ;
    }
    g_nanoseconds_per_cycle_fixed = (NANOSECONDS_PER_SECOND << 32) / tsc_hz;
    g_tsc_at_boot = read_time_stamp_counter();
}

} // namespace x86

uint64_t clock_ns()
{
    uint64_t elapsed = x86::read_time_stamp_counter() - g_tsc_at_boot;
    return static_cast<uint64_t>(
        (static_cast<unsigned __int128>(elapsed) * g_nanoseconds_per_cycle_fixed) >> 32);
}

void timer_set_periodic(uint64_t period_ns)
{
    program_channel0(COMMAND_CHANNEL0_RATE_GENERATOR, period_ns);
}

void timer_set_oneshot(uint64_t delay_ns)
{
    program_channel0(COMMAND_CHANNEL0_ONE_SHOT, delay_ns);
}

} // namespace hal
