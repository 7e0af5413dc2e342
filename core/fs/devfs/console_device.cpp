// /dev/console: the console's terminal (console_terminal.hpp) as a character device.
//
// Reads and writes go through the terminal's line discipline, as on Linux: by default a
// read returns one line typed by the user (echoed, with Backspace, Ctrl+U, Ctrl+W; Ctrl+D
// at the start of a line is end of file) and a write turns "\n" into "\r\n"; a program
// can change that with the terminal requests of ioctl(2) (tcsetattr: raw mode, no echo,
// VMIN and VTIME). Like every terminal it is a stream: lseek is ESPIPE.
//
// poll: readable (POLLIN) when a read would not wait; writable always. The terminal tells
// fs's pollers of each key and reply it gives the line discipline.
//
// Nothing here is under the VFS lock (ConsoleDevice::runs_under_vfs_lock): the line
// discipline guards itself by turning interrupts off.
#include <fs/devfs/console_terminal.hpp>
#include <fs/devfs/devices.hpp>
#include <fs/poll.hpp>

namespace fs {

ConsoleDevice::ConsoleDevice(Superblock& superblock, uint64_t number, kstd::StringView name, Mode permissions,
                             uint32_t minor)
    : Device(superblock, number, name, permissions, 5, minor)
{
    (void)console_terminal();
}

tty::Terminal* ConsoleDevice::terminal()
{
    return &console_terminal();
}

uint32_t ConsoleDevice::poll_events(uint32_t) const
{
    uint32_t events = poll_bits::OUT | poll_bits::WRITE_NORMAL;
    if (console_terminal().line().is_readable())
        events |= poll_bits::IN | poll_bits::READ_NORMAL;
    return events;
}

kstd::Result<size_t> ConsoleDevice::read_stream(kstd::Span<uint8_t> buffer, bool nonblocking)
{
    TRY(console_terminal().check_access(tty::Access::Read));
    return console_terminal().read(buffer, nonblocking);
}

kstd::Result<size_t> ConsoleDevice::write_stream(kstd::Span<const uint8_t> data, bool nonblocking)
{
    TRY(console_terminal().check_access(tty::Access::Write));
    kstd::Result<size_t> written = console_terminal().line().write(data, nonblocking);
    console_terminal().deliver_replies();
    return written;
}

} // namespace fs
