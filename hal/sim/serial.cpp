// The sim's serial line: the terminal the simulator was started from.
//
// hal::debug_putc() writes to stdout through stdio's buffer, flushed at each newline, when
// the CPU goes idle, when the kernel is about to wait for input (hal::debug_flush) and
// before the process exits, so output is neither lost nor a system call per byte. Input
// comes from a reader thread that copies stdin into a ByteQueue and raises
// hal::SERIAL_IRQ; the kernel drains it with hal::debug_getc(). The reader waits while the
// queue is full, so piped input is never dropped. At the end of stdin the thread stops and
// the line simply stays quiet, as a real one would. From a terminal the thread also
// follows its size (terminal_size.cpp) and raises the IRQ after each change.
#include "byte_queue.hpp"
#include "interrupt_controller.hpp"
#include "serial_line.hpp"
#include <sim_machine.hpp>

#include <hal/console.hpp>

#include <cerrno>
#include <cstdio>
#include <poll.h>
#include <thread>
#include <unistd.h>

namespace {

using ReceiveQueue = sim::ByteQueue<4096>;

ReceiveQueue& receive_queue()
{
    static ReceiveQueue& queue = *new ReceiveQueue;
    return queue;
}

// A resized terminal is noticed within this long.
constexpr int SIZE_LOOK_INTERVAL_MS = 250;

// Waits until stdin has bytes (or its end), raising the IRQ after each change of the
// terminal's size meanwhile.
void wait_for_stdin()
{
    pollfd watched = { STDIN_FILENO, POLLIN, 0 };
    for (;;) {
        int ready = poll(&watched, 1, SIZE_LOOK_INTERVAL_MS);
        if (sim::read_terminal_size())
            sim::raise_irq(hal::SERIAL_IRQ);
        if (ready > 0)
            return;
    }
}

// From a terminal, the escape key (Ctrl-A) is the simulator's (serial_line.hpp), and its
// size is followed.
void copy_stdin_to_serial_line(bool from_terminal)
{
    if (from_terminal)
        sim::read_terminal_size();
    uint8_t buffer[256];
    for (;;) {
        if (from_terminal)
            wait_for_stdin();
        ssize_t count = read(STDIN_FILENO, buffer, sizeof buffer);
        if (count < 0 && errno == EINTR)
            continue;
        if (count <= 0)
            return;
        for (ssize_t index = 0; index < count; ++index) {
            int byte = from_terminal ? sim::filter_escape_key(buffer[index]) : buffer[index];
            if (byte < 0)
                continue;
            if (!receive_queue().try_push(uint8_t(byte))) {
                sim::raise_irq(hal::SERIAL_IRQ); // let the kernel make room
                receive_queue().push_waiting(uint8_t(byte));
            }
        }
        sim::raise_irq(hal::SERIAL_IRQ);
    }
}

} // namespace

namespace sim {

void start_serial_input()
{
    std::thread(copy_stdin_to_serial_line, enter_raw_terminal()).detach();
}

void flush_serial_output()
{
    fflush(stdout);
}

} // namespace sim

namespace hal {

void debug_putc(char c)
{
    ksync::InterruptGuard guard;
    fputc(c, stdout);
    if (c == '\n')
        fflush(stdout);
}

void debug_flush()
{
    sim::flush_serial_output();
}

int debug_getc()
{
    ksync::InterruptGuard guard;
    uint8_t byte;
    if (!receive_queue().try_pop(byte))
        return -1;
    return byte;
}

} // namespace hal
