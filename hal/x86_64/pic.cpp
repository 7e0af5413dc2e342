// The 8259A pair: remapped so ISA lines 0-15 arrive on vectors 0x20-0x2F.
//
// After reset the master PIC delivers on vectors 8-15, which collide with CPU exceptions,
// so initialisation (ICW1-ICW4) moves the master to 0x20 and the slave to 0x28, with the
// slave cascaded on master line 2. Every line starts masked; set_irq_handler unmasks the
// lines core uses. The cascade line stays unmasked so slave lines can get through.
// Register protocol: the Intel 8259A datasheet; spurious IRQs: OSDev "8259 PIC".
#include "pic.hpp"

#include "bringup.hpp"
#include "interrupt_frame.hpp"
#include "ports.hpp"

namespace hal::x86 {
namespace {

constexpr uint16_t MASTER_COMMAND = 0x20;
constexpr uint16_t MASTER_DATA = 0x21;
constexpr uint16_t SLAVE_COMMAND = 0xA0;
constexpr uint16_t SLAVE_DATA = 0xA1;

constexpr uint8_t ICW1_INIT_WITH_ICW4 = 0x11;
constexpr uint8_t ICW3_SLAVE_ON_LINE_2 = 1 << 2;
constexpr uint8_t ICW3_SLAVE_IDENTITY = 2;
constexpr uint8_t ICW4_8086_MODE = 0x01;
constexpr uint8_t OCW2_END_OF_INTERRUPT = 0x20;
constexpr uint8_t OCW3_READ_IN_SERVICE = 0x0B;
constexpr unsigned LINES_PER_CHIP = 8;

uint16_t data_port(unsigned line)
{
    return line < LINES_PER_CHIP ? MASTER_DATA : SLAVE_DATA;
}

uint8_t in_service(uint16_t command_port)
{
    outb(command_port, OCW3_READ_IN_SERVICE);
    return inb(command_port);
}

} // namespace

void pic_init()
{
    outb(MASTER_COMMAND, ICW1_INIT_WITH_ICW4);
    io_wait();
    outb(SLAVE_COMMAND, ICW1_INIT_WITH_ICW4);
    io_wait();
    outb(MASTER_DATA, PIC_VECTOR_BASE);
    io_wait();
    outb(SLAVE_DATA, PIC_VECTOR_BASE + LINES_PER_CHIP);
    io_wait();
    outb(MASTER_DATA, ICW3_SLAVE_ON_LINE_2);
    io_wait();
    outb(SLAVE_DATA, ICW3_SLAVE_IDENTITY);
    io_wait();
    outb(MASTER_DATA, ICW4_8086_MODE);
    io_wait();
    outb(SLAVE_DATA, ICW4_8086_MODE);
    io_wait();

    outb(MASTER_DATA, static_cast<uint8_t>(~(1u << PIC_CASCADE_LINE)));
    outb(SLAVE_DATA, 0xFF);
}

void pic_mask(unsigned line)
{
    uint16_t port = data_port(line);
    outb(port, inb(port) | static_cast<uint8_t>(1u << (line % LINES_PER_CHIP)));
}

void pic_unmask(unsigned line)
{
    uint16_t port = data_port(line);
    outb(port, inb(port) & static_cast<uint8_t>(~(1u << (line % LINES_PER_CHIP))));
}

void pic_end_of_interrupt(unsigned line)
{
    if (line >= LINES_PER_CHIP)
        outb(SLAVE_COMMAND, OCW2_END_OF_INTERRUPT);
    outb(MASTER_COMMAND, OCW2_END_OF_INTERRUPT);
}

bool pic_is_spurious(unsigned line)
{
    constexpr uint8_t LOWEST_PRIORITY_LINE = 1 << 7;
    if (line == 7)
        return !(in_service(MASTER_COMMAND) & LOWEST_PRIORITY_LINE);
    if (line == 15)
        return !(in_service(SLAVE_COMMAND) & LOWEST_PRIORITY_LINE);
    return false;
}

void pic_acknowledge_spurious(unsigned line)
{
    if (line >= LINES_PER_CHIP)
        outb(MASTER_COMMAND, OCW2_END_OF_INTERRUPT);
}

} // namespace hal::x86
