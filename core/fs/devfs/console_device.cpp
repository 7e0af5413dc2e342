// /dev/console: the kernel console as a terminal in canonical mode, much simplified.
//
// A write prints the bytes as they are: UTF-8 text, control characters as the console
// reads them. A read waits for keys (input::read_key) and echoes them until the user
// presses Enter (the line is returned with its '\n'), the buffer has no room for the next
// character, or Ctrl-D ends the line early (at the start of a line: a read of 0 bytes, end
// of file). Characters are returned in UTF-8; Backspace takes back the last character,
// all its bytes. Other keys (arrows, other Ctrl combinations) are ignored. A reader that is
// interrupted (Ctrl+C for the shell's running command, sched/interrupt.hpp) gets EINTR and
// the line typed so far is dropped, as a terminal flushes its input on SIGINT.
//
// poll: readable (POLLIN) while a key event waits in input's queue, which is simple and
// a little optimistic: the event may be one read skips (a key release, an arrow), and a
// line is only returned at Enter, so a read after POLLIN may still wait, where Linux's
// canonical terminal says POLLIN only for a complete line. Writable (POLLOUT) always.
// input tells fs's pollers of each key it queues (input::set_key_queued_observer).
//
// Nothing here is under the VFS lock (ConsoleDevice::runs_under_vfs_lock): the console
// guards itself against interrupts, and key events come from input's own queue. Two
// threads reading at once each get some of the keys.
#include <console/print.hpp>
#include <fs/devfs/devices.hpp>
#include <fs/poll.hpp>
#include <input/input.hpp>
#include <kstd/utf8.hpp>

namespace fs {

namespace {
// Output is printed in pieces of this size, each with interrupts off only while it prints.
constexpr size_t PRINT_PIECE = 128;

void print_text(kstd::StringView text)
{
    ksync::InterruptGuard guard;
    console::kernel_console().write(text);
}

bool is_end_of_file_key(const input::KeyEvent& event)
{
    return event.key == input::Key::Character && event.has(input::modifier::CTRL)
        && (event.character == 'd' || event.character == 'D');
}
} // namespace

ConsoleDevice::ConsoleDevice(Superblock& superblock, uint64_t number)
    : Device(superblock, number, "console", 0600, 5, 1)
{
    input::set_key_queued_observer(notify_poll_waiters);
}

uint32_t ConsoleDevice::poll_events(uint32_t) const
{
    uint32_t events = poll_bits::OUT | poll_bits::WRITE_NORMAL;
    if (input::has_queued_key())
        events |= poll_bits::IN | poll_bits::READ_NORMAL;
    return events;
}

kstd::Result<size_t> ConsoleDevice::read(uint64_t, kstd::Span<uint8_t> buffer)
{
    size_t length = 0;
    while (length < buffer.size()) {
        kstd::Optional<input::KeyEvent> key = input::read_key_interruptible();
        if (!key)
            return kstd::Error::from_errno(kstd::Errno::Interrupted);
        const input::KeyEvent& event = key.value();
        if (!event.pressed)
            continue;
        if (is_end_of_file_key(event))
            break;
        if (event.key == input::Key::Backspace) {
            if (length > 0) {
                kstd::StringView typed(reinterpret_cast<const char*>(buffer.data()), length);
                length = kstd::utf8_previous(typed, length);
                print_text("\b \b");
            }
            continue;
        }
        bool typed = event.key == input::Key::Enter || event.key == input::Key::Tab
            || (event.key == input::Key::Character && !event.has(input::modifier::CTRL));
        if (!typed)
            continue;
        char encoded[kstd::MAX_UTF8_BYTES];
        size_t size = kstd::utf8_encode(event.key == input::Key::Enter ? U'\n' : event.character, encoded);
        if (length + size > buffer.size())
            break; // the key is lost, as a terminal's line buffer drops what overflows
        __builtin_memcpy(buffer.data() + length, encoded, size);
        length += size;
        print_text({ encoded, size });
        if (encoded[0] == '\n')
            break;
    }
    return length;
}

kstd::Result<size_t> ConsoleDevice::write(uint64_t, kstd::Span<const uint8_t> data)
{
    const char* text = reinterpret_cast<const char*>(data.data());
    size_t done = 0;
    while (done < data.size()) {
        size_t count = data.size() - done < PRINT_PIECE ? data.size() - done : PRINT_PIECE;
        // A piece ends where a character starts, so no other output splits a character.
        size_t end = done + count;
        while (end < data.size() && end > done + 1 && kstd::is_utf8_continuation(data[end]))
            --end;
        print_text({ text + done, end - done });
        done = end;
    }
    return data.size();
}

} // namespace fs
