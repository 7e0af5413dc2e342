// The simulated machine as its front end sees it: the switches and wires around the HAL.
//
// The HAL (hal/include) is what the kernel sees. This header is the other side, used only
// by the front end (sim/main.cpp) and host tests, never by core: set the RAM size, the
// command line and the initial RAM disk, start the CPU thread, feed the keyboard and
// serial line, raise IRQs from device threads, read the screen cells to draw them, and
// learn when the CPU powered off, halted or asked for a reboot, which the front end's
// main thread then carries out.
#pragma once
#include <hal/console.hpp>
#include <hal/user.hpp>
#include <stddef.h>
#include <stdint.h>

namespace sim {

// --- configuration, before start_cpu() ---

inline constexpr size_t DEFAULT_RAM_BYTES = 128ull << 20;
inline constexpr size_t MIN_RAM_BYTES = 4ull << 20;
inline constexpr size_t MAX_RAM_BYTES = 64ull << 30;
inline constexpr size_t RAM_GRANULE = 4096;
// The physical address the RAM claims to start at (as if the first MiB were firmware).
inline constexpr uint64_t RAM_PHYSICAL_BASE = 1ull << 20;

// Whether the machine can have `bytes` of RAM: within [MIN, MAX] and a multiple of a page.
inline constexpr bool valid_ram_size(size_t bytes)
{
    return bytes >= MIN_RAM_BYTES && bytes <= MAX_RAM_BYTES && bytes % RAM_GRANULE == 0;
}
// False (and nothing changes) for a size that is not valid_ram_size(), or once the RAM is
// in use.
bool set_ram_size(size_t bytes);
void set_cmdline(const char* cmdline);
// The initial RAM disk hal::boot_initrd() reports: a copy of `size` bytes from `data`
// (none when size is 0).
void set_initrd(const void* data, size_t size);
// The arguments the process was started with, so reboot() can start it again.
void set_reboot_arguments(char** argv);

// --- running ---

// Starts the CPU thread, which calls entry() (kernel_main) with interrupts disabled.
void start_cpu(void (*entry)());
// For device threads: marks `line` pending and wakes or interrupts the CPU.
void raise_irq(unsigned line);
// The keyboard controller: queues scancode bytes and raises hal::KEYBOARD_IRQ. Bytes that
// do not fit the controller's buffer are dropped, as on real hardware.
void press_scancodes(const uint8_t* bytes, size_t count);
// The serial line: a thread copies stdin to hal::debug_getc(), raising hal::SERIAL_IRQ.
// A terminal on stdin is switched to raw mode until the process ends; Ctrl-A x there quits.
void start_serial_input();

// The host process a user address space runs its programs in (hal/sim/user_stub.cpp), for
// tests: -1 when it has none.
int user_stub_pid(const hal::UserSpace& space);

// --- the screen ---

struct ScreenSnapshot {
    static constexpr uint16_t COLS = 80;
    static constexpr uint16_t ROWS = 25;
    hal::Cell cells[ROWS][COLS];
    uint16_t cursor_col;
    uint16_t cursor_row;
};
// Counts changes to the cells and cursor; a renderer redraws when it moves.
uint64_t screen_generation();
// Copies the screen; returns the generation the copy belongs to.
uint64_t read_screen(ScreenSnapshot& snapshot);

// --- stopping ---

enum class StopKind {
    PowerOff, // hal::power_off(): exit 0
    TestExit, // hal::test_exit(): exit 0 (passed) or 1 (failed)
    Halt,     // hal::cpu_halt(): the CPU stopped for good; exit 3 once nobody is looking
    Reboot,   // hal::reboot(): start the process again
};
struct StopRequest {
    StopKind kind;
    int exit_status;
};
inline constexpr int HALT_EXIT_STATUS = 3;

// What the CPU asked for, if anything yet (for a front end with its own event loop).
bool poll_stop_request(StopRequest& request);
// Blocks until the CPU asks to stop.
StopRequest wait_for_stop_request();
// Flushes the serial line, restores the terminal and exits or re-executes the process.
[[noreturn]] void carry_out(StopRequest request);

} // namespace sim
