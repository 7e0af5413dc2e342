// Terminal: one terminal device as the rest of the kernel sees it: its line discipline,
// the session it is the controlling terminal of, and that session's foreground process
// group, which its signal characters (Ctrl+C, Ctrl+\, Ctrl+Z) and window size changes
// signal.
//
// The tty floor knows no processes, so signalling a group goes through a function the
// process floor installs at boot (set_group_signaller); until then, and while the
// terminal has no foreground group, signal characters only flush input as usual.
// Session and group 0 are real (the kernel's, which programs the kernel shell starts
// share), so "none" is NO_SESSION and NO_GROUP.
//
// A session lets go of its controlling terminal when its leader asks (TIOCNOTTY) or ends
// (hang_up_session): the foreground group gets SIGHUP, as from Linux's disassociate_ctty.
//
// The terminal requests of ioctl(2) that Keel answers come here from the system call
// layer, which copies their arguments (syscall/terminal_calls.cpp).
#pragma once
#include <kstd/intrusive_list.hpp>
#include <tty/line_discipline.hpp>

namespace tty {

inline constexpr uint32_t NO_SESSION = ~0u;
inline constexpr uint32_t NO_GROUP = ~0u;

// Sends Linux signal `signal` to every process of process group `group`.
using GroupSignaller = void (*)(uint32_t group, int signal);
void set_group_signaller(GroupSignaller signaller);

// Job control on a read or write of a terminal by the running thread (Linux's job_control
// and tty_check_change): nothing, or the error to return instead (EIO, or a restart once
// the group sent SIGTTIN or SIGTTOU is continued). The system call floor installs the
// check at boot (syscall/terminal_calls.cpp); until then every access goes on.
enum class Access : uint8_t { Read, Write };
class Terminal;
using AccessCheck = kstd::Result<void> (*)(Terminal& terminal, Access access);
void set_access_check(AccessCheck check);

class Terminal : public TerminalSignals {
public:
    Terminal(TerminalDriver& driver, TerminalWaits& waits);
    virtual ~Terminal();
    Terminal(const Terminal&) = delete;
    Terminal& operator=(const Terminal&) = delete;

    LineDiscipline& line() { return m_line; }
    const LineDiscipline& line() const { return m_line; }

    // Its device's number, as Linux encodes a dev_t for stat and /proc/<pid>/stat's tty_nr.
    virtual uint32_t device_number() const = 0;

    // The session whose controlling terminal this is (or NO_SESSION), and its foreground
    // process group: the one its signal characters signal, and the only one that may read
    // it (TIOCGPGRP, TIOCSPGRP).
    uint32_t session() const { return m_session; }
    void set_session(uint32_t session) { m_session = session; }
    uint32_t foreground_group() const { return m_foreground_group; }
    void set_foreground_group(uint32_t group) { m_foreground_group = group; }

    void signal_foreground(TerminalSignal signal) override;

    // What a terminal device's read and write call first (see AccessCheck).
    kstd::Result<void> check_access(Access access);
    // read(2) and write(2) of its device, after check_access: the line discipline's (a
    // terminal may add to them, as the console's does).
    virtual kstd::Result<size_t> read(kstd::Span<uint8_t> buffer, bool nonblocking);
    virtual kstd::Result<size_t> write(kstd::Span<const uint8_t> data, bool nonblocking);
    // A device node of the terminal was opened.
    virtual void opened() {}

    // The session lets go: its foreground group gets SIGHUP (and SIGCONT when its leader
    // asked, rather than ended), and the terminal is no one's.
    void hang_up(bool leader_ended);

    kstd::IntrusiveListNode all_terminals_node; // on the list terminal_of_session walks

private:
    LineDiscipline m_line;
    uint32_t m_session = NO_SESSION;
    uint32_t m_foreground_group = NO_GROUP;
};

// The controlling terminal of `session`, or nullptr.
Terminal* terminal_of_session(uint32_t session);

// The leader of `session` has ended: its controlling terminal, if any, hangs up.
void hang_up_session(uint32_t session);

} // namespace tty
