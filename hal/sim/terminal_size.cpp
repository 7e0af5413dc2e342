// The size of the host terminal on stdin, as the size of Keel's serial line's terminal.
//
// Read when the sim starts, and again whenever the serial line's reader thread (serial.cpp)
// has waited a quarter of a second for input: if the size changed, the thread raises
// hal::SERIAL_IRQ so that the kernel asks for it (hal::serial_window_size) and signals the
// terminal's foreground programs. Looking, rather than catching SIGWINCH, keeps host
// signals away from the sim's CPU thread, whose own signals switch kernel flows: a handler
// running there in the middle of one could leave its signal mask wrong.
#include "serial_line.hpp"

#include <hal/console.hpp>

#include <atomic>
#include <sys/ioctl.h>
#include <unistd.h>

namespace {

std::atomic<uint32_t> known_size { 0 }; // rows << 16 | columns; 0 when unknown

} // namespace

namespace sim {

bool read_terminal_size()
{
    winsize size {};
    if (ioctl(STDIN_FILENO, TIOCGWINSZ, &size) != 0 || size.ws_row == 0 || size.ws_col == 0)
        return false;
    uint32_t packed = uint32_t(size.ws_row) << 16 | size.ws_col;
    return known_size.exchange(packed) != packed;
}

} // namespace sim

namespace hal {

bool serial_window_size(ScreenSize& size)
{
    uint32_t known = known_size.load();
    if (known == 0)
        return false;
    size = { .cols = uint16_t(known & 0xffff), .rows = uint16_t(known >> 16) };
    return true;
}

} // namespace hal
