// /dev/console: the kernel console as a terminal in canonical mode, much simplified.
//
// A write prints the bytes as they are (control characters as the console reads them). A
// read waits for keys (input::read_key) and echoes them until the user presses Enter (the
// line is returned with its '\n'), the buffer is full, or Ctrl-D ends the line early (at
// the start of a line: a read of 0 bytes, end of file). Backspace takes back the last
// character. Other keys (arrows, other Ctrl combinations) are ignored. A reader that is
// interrupted (Ctrl+C for the shell's running command, sched/interrupt.hpp) gets EINTR and
// the line typed so far is dropped, as a terminal flushes its input on SIGINT.
//
// Nothing here is under the VFS lock (ConsoleDevice::runs_under_vfs_lock): the console
// guards itself against interrupts, and key events come from input's own queue. Two
// threads reading at once each get some of the keys.
#include <console/print.hpp>
#include <fs/devfs/devices.hpp>
#include <input/input.hpp>

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
                --length;
                print_text("\b \b");
            }
            continue;
        }
        bool typed = event.key == input::Key::Enter || event.key == input::Key::Tab
            || (event.key == input::Key::Character && !event.has(input::modifier::CTRL));
        if (!typed)
            continue;
        char character = event.key == input::Key::Enter ? '\n' : event.character;
        buffer[length++] = static_cast<uint8_t>(character);
        print_text({ &character, 1 });
        if (character == '\n')
            break;
    }
    return length;
}

kstd::Result<size_t> ConsoleDevice::write(uint64_t, kstd::Span<const uint8_t> data)
{
    const char* text = reinterpret_cast<const char*>(data.data());
    for (size_t done = 0; done < data.size(); done += PRINT_PIECE) {
        size_t count = data.size() - done < PRINT_PIECE ? data.size() - done : PRINT_PIECE;
        print_text({ text + done, count });
    }
    return data.size();
}

} // namespace fs
