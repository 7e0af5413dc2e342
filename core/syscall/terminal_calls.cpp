// ioctl(2), whose requests Keel answers all concern terminals (tty_ioctl(4)): on a
// descriptor of a terminal device (fs::Inode::terminal()),
//
//   TCGETS, TCSETS, TCSETSW, TCSETSF   the settings, Linux's kernel struct termios
//   TIOCGWINSZ, TIOCSWINSZ             the window size (a change sends SIGWINCH)
//   FIONREAD                           the bytes a read could return now
//   TIOCOUTQ                           bytes written and not yet sent: 0, no driver queues
//   TCFLSH                             TCIFLUSH, TCOFLUSH, TCIOFLUSH (only input is held)
//   TCXONC                             TCOOFF, TCOON (TCIOFF, TCION send nothing: no peer)
//
// Any other request on a terminal, and every request on anything else, is ENOTTY, as
// Linux answers what a driver does not know; a bad descriptor is EBADF and a bad pointer
// EFAULT. Not yet: the job control requests (TIOCGPGRP, TIOCSPGRP, TIOCSCTTY, TIOCNOTTY,
// TIOCGSID), which need controlling terminals.
#include <fs/context.hpp>
#include <fs/open_file.hpp>
#include <proc/user_copy.hpp>
#include <syscall/handler.hpp>
#include <tty/terminal.hpp>

namespace syscalls {

namespace {

using kstd::Errno;

Result set_termios(tty::Terminal& terminal, uintptr_t address, tty::SetTermiosWhen when)
{
    terminal.set_termios(TRY(proc::read_user<tty::Termios>(address)), when);
    return 0;
}

Result flush(tty::Terminal& terminal, int queue)
{
    if (queue != tty::ioctl::TCIFLUSH && queue != tty::ioctl::TCOFLUSH && queue != tty::ioctl::TCIOFLUSH)
        return Errno::InvalidArgument;
    if (queue != tty::ioctl::TCOFLUSH)
        terminal.line().flush_input();
    return 0;
}

Result control_flow(tty::Terminal& terminal, int action)
{
    switch (action) {
    case tty::ioctl::TCOOFF: terminal.line().suspend_output(); return 0;
    case tty::ioctl::TCOON: terminal.line().resume_output(); return 0;
    case tty::ioctl::TCIOFF:
    case tty::ioctl::TCION: return 0;
    default: return Errno::InvalidArgument;
    }
}

Result terminal_request(tty::Terminal& terminal, unsigned long request, uintptr_t argument)
{
    tty::LineDiscipline& line = terminal.line();
    switch (request) {
    case tty::ioctl::TCGETS:
        TRY(proc::write_user(argument, line.termios()));
        return 0;
    case tty::ioctl::TCSETS: return set_termios(terminal, argument, tty::SetTermiosWhen::Now);
    case tty::ioctl::TCSETSW: return set_termios(terminal, argument, tty::SetTermiosWhen::AfterOutput);
    case tty::ioctl::TCSETSF:
        return set_termios(terminal, argument, tty::SetTermiosWhen::AfterOutputFlushingInput);
    case tty::ioctl::TIOCGWINSZ:
        TRY(proc::write_user(argument, line.window_size()));
        return 0;
    case tty::ioctl::TIOCSWINSZ:
        line.set_window_size(TRY(proc::read_user<tty::WindowSize>(argument)));
        return 0;
    case tty::ioctl::FIONREAD:
        TRY(proc::write_user(argument, int32_t(line.readable_count())));
        return 0;
    case tty::ioctl::TIOCOUTQ:
        TRY(proc::write_user(argument, int32_t(0)));
        return 0;
    case tty::ioctl::TCFLSH: return flush(terminal, int(argument));
    case tty::ioctl::TCXONC: return control_flow(terminal, int(argument));
    default: return Errno::NotATerminal;
    }
}

Result ioctl_call(Call& call)
{
    fs::OpenFile* file = TRY(call.process().files->open_file(call.int_argument(0)));
    tty::Terminal* terminal = file->inode().terminal();
    if (!terminal)
        return Errno::NotATerminal;
    // Linux's request numbers are 32 bits: the upper half of the register is ignored.
    return terminal_request(*terminal, uint32_t(call.argument(1)), call.argument(2));
}

} // namespace

void register_terminal_calls(Entry* table)
{
    ADD_CALL(table, ioctl);
}

} // namespace syscalls
