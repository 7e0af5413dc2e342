// The serial line's terminal (see serial_terminal.hpp).
#include <fs/devfs/serial_terminal.hpp>
#include <fs/poll.hpp>
#include <input/input.hpp>
#include <log/log.hpp>
#include <sync/interrupt_guard.hpp>

namespace fs {

SerialTerminal::SerialTerminal() : tty::Terminal(*this, tty::kernel_waits()) {}

void SerialTerminal::take_line()
{
    ksync::InterruptGuard guard;
    if (m_has_line)
        return;
    m_has_line = true;
    input::release_serial_line();
    hal::set_irq_handler(hal::SERIAL_IRQ, on_serial_irq, this); // and unmasks it
    follow_window_size();
    (void)receive_waiting_bytes();
    klog::info("ttyS0: the serial line is a terminal of its own; the console keeps the screen and keyboard");
}

bool SerialTerminal::receive_waiting_bytes()
{
    bool received = false;
    while (true) {
        int byte = m_held_byte ? m_held_byte.value() : hal::debug_getc();
        if (byte < 0)
            break;
        char character = static_cast<char>(byte);
        if (line().receive_bytes({ &character, 1 }) == 0) {
            m_held_byte = static_cast<uint8_t>(byte);
            m_paused = true;
            hal::irq_mask(hal::SERIAL_IRQ);
            break;
        }
        m_held_byte.reset();
        received = true;
    }
    if (received)
        notify_poll_waiters();
    return received;
}

void SerialTerminal::follow_window_size()
{
    hal::ScreenSize size;
    if (!hal::serial_window_size(size))
        return;
    tty::WindowSize window { .rows = size.rows, .columns = size.cols };
    if (window == m_far_window)
        return;
    m_far_window = window;
    line().set_window_size(window);
}

hal::IrqResult SerialTerminal::on_serial_irq(void* terminal)
{
    auto& self = *static_cast<SerialTerminal*>(terminal);
    self.follow_window_size();
    // A reader the bytes woke should run now.
    return self.receive_waiting_bytes() ? hal::IrqResult::Reschedule : hal::IrqResult::Handled;
}

void SerialTerminal::write_output(kstd::StringView bytes)
{
    for (char byte : bytes)
        hal::debug_putc(byte);
}

void SerialTerminal::input_room_available()
{
    if (!m_paused)
        return;
    m_paused = false;
    hal::irq_unmask(hal::SERIAL_IRQ);
    (void)receive_waiting_bytes();
}

SerialTerminal& serial_terminal()
{
    static SerialTerminal terminal;
    return terminal;
}

} // namespace fs
