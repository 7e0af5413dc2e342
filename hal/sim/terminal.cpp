// The terminal on stdin, switched to character-at-a-time input while the sim runs.
//
// The kernel's shell does its own line editing and echo, so a terminal on stdin is put in
// non-canonical, no-echo mode. Ctrl-C is the kernel's (a byte 0x03 on its serial line,
// which interrupts the running command), as QEMU passes it to the guest; the terminal's
// other signal keys stay, so Ctrl-\ (SIGQUIT) ends the simulator. The old
// settings come back on every way out: sim::carry_out(), and SIGINT, SIGTERM, SIGHUP and
// SIGQUIT, whose handler restores the terminal and then lets the signal do its default thing.
#include "serial_line.hpp"

#include <atomic>
#include <csignal>
#include <termios.h>
#include <unistd.h>

namespace {

termios saved_settings;
std::atomic<bool> settings_changed { false };

constexpr int TERMINATING_SIGNALS[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT };

void restore_terminal_and_die(int signal_number)
{
    sim::restore_terminal();
    ::signal(signal_number, SIG_DFL);
    ::raise(signal_number);
}

} // namespace

namespace sim {

void enter_raw_terminal()
{
    if (!isatty(STDIN_FILENO) || tcgetattr(STDIN_FILENO, &saved_settings) != 0)
        return;
    termios raw = saved_settings;
    raw.c_lflag &= ~tcflag_t(ICANON | ECHO);
    raw.c_cc[VINTR] = _POSIX_VDISABLE; // Ctrl-C reaches the kernel
    raw.c_cc[VMIN] = 1;
    raw.c_cc[VTIME] = 0;
    struct sigaction action {};
    action.sa_handler = restore_terminal_and_die;
    sigemptyset(&action.sa_mask);
    for (int signal_number : TERMINATING_SIGNALS)
        sigaction(signal_number, &action, nullptr);
    settings_changed.store(true);
    tcsetattr(STDIN_FILENO, TCSANOW, &raw);
}

void restore_terminal()
{
    if (settings_changed.exchange(false))
        tcsetattr(STDIN_FILENO, TCSANOW, &saved_settings);
}

} // namespace sim
