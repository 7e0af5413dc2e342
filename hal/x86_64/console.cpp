// hal/console.hpp on x86_64: VGA text mode at 0xB8000 and the 16550 UART on COM1.
//
// The screen is the 80x25 colour text buffer the BIOS left behind, reached through the
// higher-half mapping; the hardware cursor is the CRTC's cursor location register pair
// (index port 0x3D4, data port 0x3D5). COM1 runs at 115200 baud, 8N1, FIFOs on, and
// raises IRQ 4 when a byte arrives (IER bit 0, plus MCR OUT2, which gates the UART's
// interrupt line onto the ISA bus on PCs). Register layout: the NS16550A datasheet.
#include <hal/console.hpp>

#include "bringup.hpp"
#include "early_log.hpp"
#include "layout.hpp"
#include "ports.hpp"
#include <hal/cpu.hpp>

namespace hal {
namespace {

constexpr uint16_t COLUMNS = 80;
constexpr uint16_t ROWS = 25;
constexpr uint64_t VGA_TEXT_PHYSICAL = 0xB8000;

constexpr uint16_t CRTC_INDEX = 0x3D4;
constexpr uint16_t CRTC_DATA = 0x3D5;
constexpr uint8_t CRTC_CURSOR_START = 0x0A;
constexpr uint8_t CRTC_CURSOR_END = 0x0B;
constexpr uint8_t CURSOR_DISABLE = 0x20; // bit 5 of the cursor start register
constexpr uint8_t CRTC_CURSOR_LOCATION_HIGH = 0x0E;
constexpr uint8_t CRTC_CURSOR_LOCATION_LOW = 0x0F;

constexpr uint16_t COM1 = 0x3F8;
constexpr uint16_t UART_DATA = COM1 + 0;           // THR / RBR; divisor low with DLAB
constexpr uint16_t UART_INTERRUPT_ENABLE = COM1 + 1; // IER; divisor high with DLAB
constexpr uint16_t UART_FIFO_CONTROL = COM1 + 2;
constexpr uint16_t UART_LINE_CONTROL = COM1 + 3;
constexpr uint16_t UART_MODEM_CONTROL = COM1 + 4;
constexpr uint16_t UART_LINE_STATUS = COM1 + 5;

constexpr uint8_t LCR_DIVISOR_LATCH = 0x80;
constexpr uint8_t LCR_8N1 = 0x03;
constexpr uint16_t DIVISOR_115200 = 1;             // 115200 / 115200
constexpr uint8_t FCR_ENABLE_AND_CLEAR = 0x07;      // interrupt after every byte
constexpr uint8_t MCR_DTR_RTS_OUT2 = 0x0B;
constexpr uint8_t IER_RECEIVED_DATA = 0x01;
constexpr uint8_t LSR_DATA_READY = 0x01;
constexpr uint8_t LSR_TRANSMIT_EMPTY = 0x20;

volatile uint16_t* vga_cells()
{
    return static_cast<volatile uint16_t*>(x86::direct_map_pointer(VGA_TEXT_PHYSICAL));
}

void crtc_write(uint8_t index, uint8_t value)
{
    x86::outb(CRTC_INDEX, index);
    x86::outb(CRTC_DATA, value);
}

uint8_t crtc_read(uint8_t index)
{
    x86::outb(CRTC_INDEX, index);
    return x86::inb(CRTC_DATA);
}

void serial_write_byte(uint8_t byte)
{
    while (!(x86::inb(UART_LINE_STATUS) & LSR_TRANSMIT_EMPTY))
        cpu_relax();
    x86::outb(UART_DATA, byte);
}

} // namespace

namespace x86 {

void serial_init()
{
    outb(UART_INTERRUPT_ENABLE, 0);
    outb(UART_LINE_CONTROL, LCR_DIVISOR_LATCH);
    outb(UART_DATA, DIVISOR_115200 & 0xFF);
    outb(UART_INTERRUPT_ENABLE, DIVISOR_115200 >> 8);
    outb(UART_LINE_CONTROL, LCR_8N1);
    outb(UART_FIFO_CONTROL, FCR_ENABLE_AND_CLEAR);
    outb(UART_MODEM_CONTROL, MCR_DTR_RTS_OUT2);
    outb(UART_INTERRUPT_ENABLE, IER_RECEIVED_DATA);
}

void vga_init()
{
    // Cursor on (bit 5 of the start register clear), a two-scanline underline.
    crtc_write(CRTC_CURSOR_START, (crtc_read(CRTC_CURSOR_START) & 0xC0) | 14);
    crtc_write(CRTC_CURSOR_END, (crtc_read(CRTC_CURSOR_END) & 0xE0) | 15);
}

void early_log(const char* message)
{
    for (const char* c = "hal: "; *c; ++c)
        debug_putc(*c);
    for (const char* c = message; *c; ++c)
        debug_putc(*c);
    debug_putc('\n');
}

} // namespace x86

ScreenSize screen_size()
{
    return { COLUMNS, ROWS };
}

void put_cell(uint16_t col, uint16_t row, Cell cell)
{
    if (col >= COLUMNS || row >= ROWS)
        return;
    vga_cells()[row * COLUMNS + col] = static_cast<uint16_t>(cell.attribute << 8 | cell.character);
}

void set_cursor(uint16_t col, uint16_t row)
{
    bool hidden = col >= COLUMNS || row >= ROWS;
    uint8_t start = crtc_read(CRTC_CURSOR_START);
    uint8_t wanted = hidden ? start | CURSOR_DISABLE : start & ~CURSOR_DISABLE;
    if (wanted != start)
        crtc_write(CRTC_CURSOR_START, wanted);
    if (hidden)
        return;
    uint16_t position = row * COLUMNS + col;
    crtc_write(CRTC_CURSOR_LOCATION_LOW, position & 0xFF);
    crtc_write(CRTC_CURSOR_LOCATION_HIGH, position >> 8);
}

void debug_putc(char c)
{
    if (c == '\n')
        serial_write_byte('\r');
    serial_write_byte(static_cast<uint8_t>(c));
}

bool serial_window_size(ScreenSize&)
{
    return false; // RS-232 carries no window size
}

void debug_flush() {}

int debug_getc()
{
    if (!(x86::inb(UART_LINE_STATUS) & LSR_DATA_READY))
        return -1;
    return x86::inb(UART_DATA);
}

} // namespace hal
