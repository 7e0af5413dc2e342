// HAL: the text screen and the debug serial line.
//
// The screen is a grid of character cells (80x25 on both targets), each a code-page-437
// byte and a VGA attribute (low nibble foreground, high nibble background). On x86_64 the
// cells are VGA text memory at 0xB8000; in the sim they are drawn by the SDL window.
// The debug line is COM1 on x86_64 and the terminal (stdout/stdin) in the sim.
#pragma once
#include <stddef.h>
#include <stdint.h>

namespace hal {

struct Cell {
    uint8_t character;
    uint8_t attribute;
};

struct ScreenSize {
    uint16_t cols;
    uint16_t rows;
};

ScreenSize screen_size();
// Writes one cell; coordinates outside the screen are ignored.
void put_cell(uint16_t col, uint16_t row, Cell cell);
// Moves the blinking hardware cursor; a position outside the screen hides it.
void set_cursor(uint16_t col, uint16_t row);

// Writes one byte to the debug serial line (blocking until the line takes it).
void debug_putc(char c);
// Reads one byte that has arrived on the debug serial line; -1 when none is waiting.
int debug_getc();
// Pushes out whatever debug_putc() has buffered (the sim holds a partial line back; the
// UART sends every byte at once). Called before the kernel waits for input, so a prompt
// shows even while other threads keep the CPU busy.
void debug_flush();

// The size of the terminal at the other end of the serial line, if the machine knows it:
// the sim's host terminal does (and the sim raises SERIAL_IRQ when it is resized); a UART
// cannot, and then this is false and `size` is left alone.
bool serial_window_size(ScreenSize& size);

// The serial line raises this IRQ when bytes arrive (COM1 is ISA IRQ 4 on a PC).
inline constexpr unsigned SERIAL_IRQ = 4;

} // namespace hal
