// The console's terminal: the one tty::Terminal behind /dev/console, the VGA console (and
// its serial mirror) for output and the keyboard and serial line, through input's key
// queue, for input.
//
// Keys are turned into the bytes a terminal sends (tty/key_bytes.hpp) when a reader needs
// them: a thread that waits in the line discipline (for input, or for output to restart
// after Ctrl+S) takes the queued keys itself and gives them to the line discipline,
// instead of an interrupt handler doing so as it would on Linux. So typing is echoed while
// a program reads the console, not before: the kernel's own shell reads the same key queue
// between programs. A key whose bytes find the input buffer full is lost. The console's
// answers to the queries a program writes (ESC [ 6n: where is the cursor?) wait in the
// terminal until its next read, which takes them before any key, as if the terminal had
// sent them back at once (they are not fed in during the write that asked: the line
// discipline would be re-entered in the middle of its output).
//
// Ctrl+C: while the kernel shell runs a program it interrupts the shell, which signals the
// program (shell/programs.cpp), so that a program that does not read stops too; only in
// raw mode (ISIG off) is it a key, byte 0x03, for the program to read.
#pragma once
#include <tty/terminal.hpp>

namespace fs {

class ConsoleTerminal final : public tty::Terminal {
public:
    ConsoleTerminal(tty::TerminalDriver& driver, tty::TerminalWaits& waits);

    uint32_t device_number() const override { return 5 << 8 | 1; } // /dev/console

    // Gives the console's replies (to a program's DSR or DA query) and then the queued
    // keys to the line discipline (interrupts disabled); whether there were any.
    bool take_pending_input();
    bool has_pending_replies() const { return m_reply_count > 0; }
    // The first settings again (Linux's, with IUTF8) and no unread input (keys still
    // queued stay queued): the kernel shell starts each program on a sane terminal,
    // whatever the last one left.
    void reset();

private:
    // Room for the replies to a few queries; more are lost.
    static constexpr size_t REPLY_CAPACITY = 64;

    static void queue_reply(void* terminal, kstd::StringView reply);
    void settings_changing() override;
    void settings_changed() override;

    char m_replies[REPLY_CAPACITY] = {};
    size_t m_reply_count = 0;
};

// The console's terminal, made at first use (devfs's first mount, at boot) with the
// console's size as its window.
ConsoleTerminal& console_terminal();

} // namespace fs
