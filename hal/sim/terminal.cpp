// The terminal on stdin, switched to raw input while the sim runs.
//
// Keel's serial line is that terminal through and through, as QEMU's with -nographic: the
// kernel does its own line editing and echo, so the host's terminal is put in
// non-canonical, no-echo mode without its signal keys (ISIG), flow control (IXON) and
// input translation (ICRNL and the like: Keel's terminal does its own):
// Ctrl-C, Ctrl-\, Ctrl-Z, Ctrl-S and Ctrl-Q are bytes for Keel's terminal, which signals its
// own foreground program. To quit, the escape key Ctrl-A as in QEMU: Ctrl-A x ends the
// simulator, Ctrl-A h lists the escapes, Ctrl-A Ctrl-A sends one Ctrl-A. The old settings
// come back on every way out: sim::carry_out(), and SIGINT, SIGTERM, SIGHUP and SIGQUIT
// (sent by kill now), whose handler restores the terminal and then lets the signal do its
// default thing.
#include "serial_line.hpp"
#include "stop.hpp"

#include <atomic>
#include <csignal>
#include <cstdio>
#include <termios.h>
#include <unistd.h>

namespace {

termios saved_settings;
std::atomic<bool> settings_changed { false };

constexpr int TERMINATING_SIGNALS[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT };
constexpr uint8_t ESCAPE_KEY = 0x01; // Ctrl-A
bool after_escape_key = false;

constexpr const char ESCAPE_HELP[] = "\r\nC-a h    print this help\r\n"
                                     "C-a x    exit keel-sim\r\n"
                                     "C-a C-a  send C-a\r\n";

void restore_terminal_and_die(int signal_number)
{
    sim::restore_terminal();
    ::signal(signal_number, SIG_DFL);
    ::raise(signal_number);
}

} // namespace

namespace sim {

bool enter_raw_terminal()
{
    if (!isatty(STDIN_FILENO) || tcgetattr(STDIN_FILENO, &saved_settings) != 0)
        return false;
    termios raw = saved_settings;
    raw.c_lflag &= ~tcflag_t(ICANON | ECHO | ISIG | IEXTEN);
    raw.c_iflag &= ~tcflag_t(IXON | ICRNL | INLCR | IGNCR | ISTRIP); // bytes as typed, as QEMU's
    raw.c_cc[VMIN] = 1;
    raw.c_cc[VTIME] = 0;
    struct sigaction action {};
    action.sa_handler = restore_terminal_and_die;
    sigemptyset(&action.sa_mask);
    for (int signal_number : TERMINATING_SIGNALS)
        sigaction(signal_number, &action, nullptr);
    settings_changed.store(true);
    tcsetattr(STDIN_FILENO, TCSANOW, &raw);
    return true;
}

int filter_escape_key(uint8_t byte)
{
    if (!after_escape_key) {
        after_escape_key = byte == ESCAPE_KEY;
        return after_escape_key ? -1 : byte;
    }
    after_escape_key = false;
    switch (byte) {
    case ESCAPE_KEY: return byte;
    case 'x':
    case 'X':
        fputs("\r\nkeel-sim: terminated (C-a x)\r\n", stderr);
        stop_machine({ StopKind::PowerOff, 0 });
    case 'h':
    case 'H': fputs(ESCAPE_HELP, stderr); return -1;
    default: return -1;
    }
}

void restore_terminal()
{
    if (settings_changed.exchange(false))
        tcsetattr(STDIN_FILENO, TCSANOW, &saved_settings);
}

} // namespace sim
