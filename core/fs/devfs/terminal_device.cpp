// The terminal devices of /dev: console, tty, tty1 and ttyS0 (see devices.hpp).
//
// Reads and writes go through the terminal's line discipline, as on Linux: by default a
// read returns one line typed by the user (echoed, with Backspace, Ctrl+U, Ctrl+W; Ctrl+D
// at the start of a line is end of file) and a write turns "\n" into "\r\n"; a program
// can change that with the terminal requests of ioctl(2) (tcsetattr: raw mode, no echo,
// VMIN and VTIME). Like every terminal it is a stream: lseek is ESPIPE.
//
// poll: readable (POLLIN) when a read would not wait; writable always. The terminals tell
// fs's pollers of each byte they give their line discipline.
//
// Nothing here is under the VFS lock (runs_under_vfs_lock): the line discipline guards
// itself by turning interrupts off.
#include <fs/devfs/devices.hpp>
#include <fs/poll.hpp>
#include <tty/terminal.hpp>

namespace fs {

TerminalDevice::TerminalDevice(Superblock& superblock, uint64_t number, kstd::StringView name,
                               Mode permissions, uint32_t major, uint32_t minor, TerminalSource source)
    : Device(superblock, number, name, permissions, major, minor), m_source(source)
{
}

kstd::Result<void> TerminalDevice::check_open()
{
    tty::Terminal* terminal = m_source();
    if (!terminal)
        return kstd::Errno::NoSuchDeviceOrAddress; // Linux's tty_open_current_tty
    terminal->opened();
    return {};
}

uint32_t TerminalDevice::poll_events(uint32_t) const
{
    uint32_t events = poll_bits::OUT | poll_bits::WRITE_NORMAL;
    tty::Terminal* terminal = m_source();
    if (!terminal)
        return events | poll_bits::ERROR | poll_bits::HANG_UP;
    if (terminal->line().is_readable())
        events |= poll_bits::IN | poll_bits::READ_NORMAL;
    return events;
}

kstd::Result<size_t> TerminalDevice::read_stream(kstd::Span<uint8_t> buffer, bool nonblocking)
{
    tty::Terminal* terminal = m_source();
    if (!terminal)
        return kstd::Errno::IoError;
    TRY(terminal->check_access(tty::Access::Read));
    return terminal->read(buffer, nonblocking);
}

kstd::Result<size_t> TerminalDevice::write_stream(kstd::Span<const uint8_t> data, bool nonblocking)
{
    tty::Terminal* terminal = m_source();
    if (!terminal)
        return kstd::Errno::IoError;
    TRY(terminal->check_access(tty::Access::Write));
    return terminal->write(data, nonblocking);
}

} // namespace fs
