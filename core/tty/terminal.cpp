// Terminal's signals (see terminal.hpp).
#include <tty/terminal.hpp>

namespace tty {

namespace {
GroupSignaller group_signaller = nullptr;
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

void Terminal::set_termios(const Termios& termios, SetTermiosWhen when)
{
    settings_changing();
    m_line.set_termios(termios, when);
    settings_changed();
}

} // namespace tty
