// ioctl(2), whose requests Keel answers all concern terminals (tty_ioctl(4)): on a
// descriptor of a terminal device (fs::Inode::terminal()),
//
//   TCGETS, TCSETS, TCSETSW, TCSETSF   the settings, Linux's kernel struct termios
//   TIOCGWINSZ, TIOCSWINSZ             the window size (a change sends SIGWINCH)
//   FIONREAD                           the bytes a read could return now
//   TIOCOUTQ                           bytes written and not yet sent: 0, no driver queues
//   TCFLSH                             TCIFLUSH, TCOFLUSH, TCIOFLUSH (only input is held)
//   TCXONC                             TCOOFF, TCOON (TCIOFF, TCION send nothing: no peer)
//   TIOCGPGRP, TIOCSPGRP, TIOCGSID     the foreground process group and the session, on
//                                      the caller's controlling terminal only (ENOTTY)
//   TIOCSCTTY                          a session leader without one takes the terminal as
//                                      its session's controlling terminal (EPERM if it is
//                                      another session's, unless root asks with 1: then
//                                      that session loses it)
//   TIOCNOTTY                          the caller gives its controlling terminal up; when
//                                      it leads the session, the whole session does, and
//                                      the foreground group gets SIGHUP and SIGCONT
//
// Any other request on a terminal, and every request on anything else, is ENOTTY, as
// Linux answers what a driver does not know; a bad descriptor is EBADF and a bad pointer
// EFAULT.
//
// Job control on reads and writes (Linux's job_control and tty_check_change) is here too,
// as the check every terminal makes before a read or write (tty::set_access_check): a
// process of a background group that reads its controlling terminal gets SIGTTIN, and
// one that writes it while TOSTOP is set SIGTTOU, for its whole group; the call then
// restarts once the group is continued. A reader that ignores or blocks SIGTTIN, or whose
// group is orphaned, gets EIO instead; a writer that ignores or blocks SIGTTOU writes.
// Kernel threads read and write freely.
#include <fs/context.hpp>
#include <fs/open_file.hpp>
#include <proc/process.hpp>
#include <proc/signals.hpp>
#include <proc/user_copy.hpp>
#include <syscall/handler.hpp>
#include <sched/scheduler.hpp>
#include <tty/terminal.hpp>

namespace syscalls {

namespace {

using kstd::Errno;

Result set_termios(tty::Terminal& terminal, uintptr_t address, tty::SetTermiosWhen when)
{
    terminal.line().set_termios(TRY(proc::read_user<tty::Termios>(address)), when);
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

bool is_controlling_terminal_of(const tty::Terminal& terminal, const proc::Process& caller)
{
    return proc::controlling_terminal(caller) == &terminal;
}

// Linux's __tty_check_change: a process outside the foreground group of its controlling
// terminal may go on only if it ignores or blocks `signal` (SIGTTOU: changing the
// terminal, or writing under TOSTOP; a SIGTTIN reader gets EIO then); else its group gets
// the signal (and the call restarts once it continues), or EIO for an orphaned group.
kstd::Result<void> check_foreground(proc::Process& caller, const tty::Terminal& terminal, int signal)
{
    if (!is_controlling_terminal_of(terminal, caller) || terminal.foreground_group() == tty::NO_GROUP
        || caller.process_group == terminal.foreground_group())
        return {};
    proc::Disposition disposition = proc::disposition_of(caller, signal);
    if (disposition == proc::Disposition::Ignore || disposition == proc::Disposition::Blocked) {
        if (signal == proc::SIGTTIN)
            return Errno::IoError;
        return {};
    }
    if (proc::is_orphaned_group(caller.process_group))
        return Errno::IoError;
    TRY(proc::send_signal(caller, -int64_t(caller.process_group), signal));
    return Errno::RestartSystemCall;
}

Result set_foreground_group(proc::Process& caller, tty::Terminal& terminal, uintptr_t argument)
{
    TRY(check_foreground(caller, terminal, proc::SIGTTOU));
    int32_t group = TRY(proc::read_user<int32_t>(argument));
    if (group < 0)
        return Errno::InvalidArgument;
    kstd::Optional<uint32_t> session = proc::session_of_group(uint32_t(group));
    if (!session)
        return Errno::NoSuchProcess;
    if (session.value() != caller.session)
        return Errno::NotPermitted;
    terminal.set_foreground_group(uint32_t(group));
    return 0;
}

// Linux's tiocsctty, in its order of refusals.
Result take_as_controlling_terminal(proc::Process& caller, tty::Terminal& terminal, const fs::OpenFile& file,
                                    uintptr_t steal)
{
    bool leader = caller.pid == caller.session;
    if (leader && terminal.session() == caller.session)
        return 0;
    if (!leader || tty::terminal_of_session(caller.session))
        return Errno::NotPermitted;
    if (terminal.session() != tty::NO_SESSION && (steal != 1 || !caller.credentials.is_privileged()))
        return Errno::NotPermitted;
    if (!file.can_read() && !caller.credentials.is_privileged())
        return Errno::NotPermitted;
    terminal.set_session(caller.session); // the session it was taken from has none now
    terminal.set_foreground_group(caller.process_group);
    return 0;
}

Result give_up_controlling_terminal(proc::Process& caller, tty::Terminal& terminal)
{
    if (!is_controlling_terminal_of(terminal, caller))
        return Errno::NotATerminal;
    if (caller.pid == caller.session)
        terminal.hang_up(false);
    else
        caller.left_terminal = true;
    return 0;
}

// The job control requests, on the caller's controlling terminal only (else ENOTTY).
Result job_control_request(proc::Process& caller, tty::Terminal& terminal, unsigned long request,
                           uintptr_t argument)
{
    if (!is_controlling_terminal_of(terminal, caller))
        return Errno::NotATerminal;
    switch (request) {
    case tty::ioctl::TIOCGPGRP:
        TRY(proc::write_user(argument, int32_t(terminal.foreground_group())));
        return 0;
    case tty::ioctl::TIOCSPGRP: return set_foreground_group(caller, terminal, argument);
    default: // TIOCGSID
        TRY(proc::write_user(argument, int32_t(terminal.session())));
        return 0;
    }
}

Result terminal_request(proc::Process& caller, const fs::OpenFile& file, tty::Terminal& terminal,
                        unsigned long request, uintptr_t argument)
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
    case tty::ioctl::TIOCGPGRP:
    case tty::ioctl::TIOCSPGRP:
    case tty::ioctl::TIOCGSID: return job_control_request(caller, terminal, request, argument);
    case tty::ioctl::TIOCSCTTY: return take_as_controlling_terminal(caller, terminal, file, argument);
    case tty::ioctl::TIOCNOTTY: return give_up_controlling_terminal(caller, terminal);
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
    return terminal_request(call.process(), *file, *terminal, uint32_t(call.argument(1)), call.argument(2));
}

// tty::AccessCheck.
kstd::Result<void> check_job_control(tty::Terminal& terminal, tty::Access access)
{
    if (!sched::current().process)
        return {};
    proc::Process& caller = proc::current();
    if (access == tty::Access::Read)
        return check_foreground(caller, terminal, proc::SIGTTIN);
    if (terminal.line().termios().local_flags & tty::lflag::TOSTOP)
        return check_foreground(caller, terminal, proc::SIGTTOU);
    return {};
}

} // namespace

void register_terminal_calls(Entry* table)
{
    ADD_CALL(table, ioctl);
    tty::set_access_check(check_job_control);
}

} // namespace syscalls
