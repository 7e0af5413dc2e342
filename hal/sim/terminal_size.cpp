// The size of the host terminal on stdin, as the size of Keel's serial line's terminal.
//
// Read when the sim starts, and again after each resize: the SIGWINCH handler writes a byte
// to a pipe (all it may safely do), whose read end the serial line's reader thread watches
// beside stdin (serial.cpp); the thread then reads the new size with TIOCGWINSZ, and raises
// hal::SERIAL_IRQ so that the kernel asks for it (hal::serial_window_size) and signals the
// terminal's foreground programs. The handler has SA_RESTART; the sim's other threads retry
// the calls a signal interrupts anyway (the CPU thread takes signals for its interrupts).
#include "serial_line.hpp"

#include <hal/console.hpp>

#include <atomic>
#include <cerrno>
#include <csignal>
#include <fcntl.h>
#include <sys/ioctl.h>
#include <unistd.h>

namespace {

std::atomic<uint32_t> known_size { 0 }; // rows << 16 | columns; 0 when unknown
int resize_pipe[2] = { -1, -1 };

void read_terminal_size()
{
    winsize size {};
    if (ioctl(STDIN_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_row != 0 && size.ws_col != 0)
        known_size.store(uint32_t(size.ws_row) << 16 | size.ws_col);
}

void on_terminal_resized(int)
{
    int saved_errno = errno;
    char byte = 0;
    (void)!write(resize_pipe[1], &byte, 1); // a full pipe has a resize to tell already
    errno = saved_errno;
}

} // namespace

namespace sim {

int follow_terminal_size()
{
    read_terminal_size();
    if (pipe2(resize_pipe, O_NONBLOCK | O_CLOEXEC) != 0)
        return -1;
    struct sigaction action {};
    action.sa_handler = on_terminal_resized;
    action.sa_flags = SA_RESTART;
    sigemptyset(&action.sa_mask);
    sigaction(SIGWINCH, &action, nullptr);
    return resize_pipe[0];
}

void note_terminal_resized()
{
    char bytes[16];
    while (read(resize_pipe[0], bytes, sizeof bytes) > 0) {
    }
    read_terminal_size();
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
