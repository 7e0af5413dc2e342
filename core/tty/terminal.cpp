// Terminal's signals, and the list of terminals that sessions look their own up in (see
// terminal.hpp).
#include <sync/interrupt_guard.hpp>
#include <tty/terminal.hpp>

namespace tty {

namespace {
GroupSignaller group_signaller = nullptr;
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
        if (session != 0 && terminal.session() == session)
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
    m_session = 0;
    m_foreground_group = 0;
}

void set_group_signaller(GroupSignaller signaller)
{
    group_signaller = signaller;
}

void Terminal::signal_foreground(TerminalSignal signal)
{
    if (group_signaller && m_foreground_group != 0)
        group_signaller(m_foreground_group, int(signal));
}

} // namespace tty
