// Terminal's signals and access check, and the list of terminals that sessions look their
// own up in (see terminal.hpp).
#include <sync/interrupt_guard.hpp>
#include <tty/terminal.hpp>

namespace tty {

namespace {
GroupSignaller group_signaller = nullptr;
AccessCheck access_check = nullptr;
kstd::IntrusiveList<Terminal, &Terminal::all_terminals_node> g_terminals;
} // namespace

Terminal::Terminal(TerminalDriver& driver, TerminalWaits& waits) : m_line(driver, *this, waits)
{
    ksync::InterruptGuard guard;
    g_terminals.push_back(*this);
}

Terminal::~Terminal()
{
    ksync::InterruptGuard guard;
    g_terminals.remove(*this);
}

Terminal* terminal_of_session(uint32_t session)
{
    ksync::InterruptGuard guard;
    for (Terminal& terminal : g_terminals)
        if (session != NO_SESSION && terminal.session() == session)
            return &terminal;
    return nullptr;
}

void hang_up_session(uint32_t session)
{
    if (Terminal* terminal = terminal_of_session(session))
        terminal->hang_up(true);
}

void Terminal::hang_up(bool leader_ended)
{
    signal_foreground(TerminalSignal::Hangup);
    if (!leader_ended)
        signal_foreground(TerminalSignal::Continue);
    m_session = NO_SESSION;
    m_foreground_group = NO_GROUP;
}

void set_access_check(AccessCheck check)
{
    access_check = check;
}

kstd::Result<void> Terminal::check_access(Access access)
{
    if (!access_check)
        return {};
    return access_check(*this, access);
}

kstd::Result<size_t> Terminal::read(kstd::Span<uint8_t> buffer, bool nonblocking)
{
    return m_line.read(buffer, nonblocking);
}

kstd::Result<size_t> Terminal::write(kstd::Span<const uint8_t> data, bool nonblocking)
{
    return m_line.write(data, nonblocking);
}

void set_group_signaller(GroupSignaller signaller)
{
    group_signaller = signaller;
}

void Terminal::signal_foreground(TerminalSignal signal)
{
    if (group_signaller && m_foreground_group != NO_GROUP)
        group_signaller(m_foreground_group, int(signal));
}

} // namespace tty
