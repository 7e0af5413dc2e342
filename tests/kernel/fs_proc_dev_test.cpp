// In-kernel tests of /proc and /dev as fs::init() mounts them at boot, on x86_64 under
// QEMU and in the sim: the mounts, meminfo and uptime, the timer in /proc/interrupts, the
// ticks and switches in /proc/stat, a
// thread's folder from spawn to join, the memory devices, the kernel log through
// /dev/kmsg, writing and reading /dev/console, and that reading all of them leaves
// nothing behind. The calls go through the
// test thread's own Context (fs::current()), as a process's would.
#include "footprint.hpp"

#include <console/print.hpp>
#include <fs/devfs/console_terminal.hpp>
#include <fs/kernel_fs.hpp>
#include <fs/poll.hpp>
#include <hal/timer.hpp>
#include <input/input.hpp>
#include <kstd/parse_number.hpp>
#include <ktest/ktest.hpp>
#include <log/log.hpp>
#include <sched/scheduler.hpp>
#include <sched/sync.hpp>

namespace {

using kstd::StringView;
using namespace fs::open_flags;

constexpr uint64_t MILLISECOND = 1'000'000;

fs::Context& context()
{
    auto current = fs::current();
    VERIFY(!current.is_error());
    return *current.value();
}

// A whole file read through one descriptor, in reads of up to 100 bytes. Big (the kernel
// log is up to 128 records of 120 characters), so the cases keep theirs in static storage.
struct FileText {
    char bytes[32 * 1024];
    size_t length = 0;
    bool ok = false;
    StringView view() const { return { bytes, length }; }
    bool contains(StringView text) const { return view().find(text) != StringView::npos; }
};

void read_whole(StringView path, FileText& text)
{
    text.length = 0;
    auto fd = context().open(path, READ_ONLY);
    text.ok = !fd.is_error();
    KTEST_EXPECT(text.ok);
    if (!text.ok)
        return;
    for (;;) {
        size_t room = sizeof text.bytes - text.length < 100 ? sizeof text.bytes - text.length : 100;
        auto got = context().read(fd.value(), { reinterpret_cast<uint8_t*>(text.bytes) + text.length, room });
        KTEST_EXPECT(!got.is_error());
        if (got.is_error() || got.value() == 0)
            break;
        text.length += got.value();
    }
    KTEST_EXPECT(!context().close(fd.value()).is_error());
}

// The number after `key` in `text` ("MemTotal:      123 kB" -> 123), or nothing.
kstd::Optional<uint64_t> number_after(StringView text, StringView key)
{
    size_t at = text.find(key);
    if (at == StringView::npos)
        return {};
    at += key.size();
    while (at < text.size() && (text[at] == ' ' || text[at] == '\t'))
        ++at;
    size_t end = at;
    while (end < text.size() && text[end] >= '0' && text[end] <= '9')
        ++end;
    return kstd::parse_unsigned(text.substring(at, end - at));
}

// "S.CC" at the start of `text`, in hundredths.
kstd::Optional<uint64_t> centiseconds_of(StringView text)
{
    size_t dot = text.find('.');
    if (dot == StringView::npos || text.size() < dot + 3)
        return {};
    auto seconds = kstd::parse_unsigned(text.substring(0, dot));
    auto hundredths = kstd::parse_unsigned(text.substring(dot + 1, 2));
    if (!seconds || !hundredths)
        return {};
    return seconds.value() * 100 + hundredths.value();
}

// /proc/uptime's two fields, since boot and idle: "12.34 5.67\n". The CPU cannot have
// idled longer than it has been up.
uint64_t uptime_centiseconds()
{
    static FileText text;
    read_whole("/proc/uptime", text);
    size_t blank = text.view().find(' ');
    KTEST_EXPECT(blank != StringView::npos && text.length > blank && text.bytes[text.length - 1] == '\n');
    if (blank == StringView::npos)
        return 0;
    auto up = centiseconds_of(text.view().substring(0, blank));
    auto idle = centiseconds_of(text.view().substring(blank + 1));
    KTEST_EXPECT(up && idle && idle.value() <= up.value());
    KTEST_EXPECT(text.view().substring(0, blank).size() == text.view().substring(0, blank).find('.') + 3);
    return up ? up.value() : 0;
}

int open_error(StringView path)
{
    auto fd = context().open(path, READ_ONLY);
    if (fd.is_error())
        return static_cast<int>(fd.error().code());
    KTEST_EXPECT(!context().close(fd.value()).is_error());
    return 0;
}

// Whether directory `path` has an entry `name`.
bool lists(StringView path, StringView name)
{
    auto fd = context().open(path, READ_ONLY | DIRECTORY);
    KTEST_EXPECT(!fd.is_error());
    if (fd.is_error())
        return false;
    bool found = false;
    fs::DirectoryEntry entry;
    for (;;) {
        auto more = context().readdir(fd.value(), entry);
        KTEST_EXPECT(!more.is_error());
        if (more.is_error() || !more.value())
            break;
        found = found || entry.name_view() == name;
    }
    KTEST_EXPECT(!context().close(fd.value()).is_error());
    return found;
}

} // namespace

KTEST(proc_mounts_lists_root_proc_and_dev)
{
    KTEST_EXPECT(fs::is_initialized());
    static FileText mounts;
    read_whole("/proc/mounts", mounts);
    KTEST_EXPECT(mounts.contains(" / ramfs rw 0 0\n"));
    KTEST_EXPECT(mounts.contains(" /proc proc rw 0 0\n"));
    KTEST_EXPECT(mounts.contains(" /dev devfs rw 0 0\n"));
}

KTEST(proc_meminfo_reports_the_frames_and_the_heap)
{
    static FileText meminfo;
    read_whole("/proc/meminfo", meminfo);
    auto total = number_after(meminfo.view(), "MemTotal:");
    auto free = number_after(meminfo.view(), "MemFree:");
    auto frames = number_after(meminfo.view(), "FramesTotal:");
    KTEST_EXPECT(total && free && frames);
    if (total && free && frames) {
        KTEST_EXPECT(total.value() > 1024 && free.value() > 0 && free.value() <= total.value());
        KTEST_EXPECT(frames.value() * 4 == total.value());
    }
    KTEST_EXPECT(number_after(meminfo.view(), "HeapInUse:").has_value());
}

KTEST(proc_uptime_grows_with_the_clock)
{
    uint64_t before = uptime_centiseconds();
    sched::sleep_for(50 * MILLISECOND);
    uint64_t after = uptime_centiseconds();
    KTEST_EXPECT(after >= before + 4 && after < before + 6000);
}

// The "cpu" line's user, system and idle ticks (of /proc/stat in `text`) summed, and ctxt.
struct CpuFigures {
    uint64_t ticks = 0;
    uint64_t switches = 0;
};

CpuFigures cpu_figures()
{
    static FileText text;
    read_whole("/proc/stat", text);
    CpuFigures figures;
    KTEST_EXPECT(text.view().substring(0, 5) == "cpu  ");
    StringView rest = text.view().substring(5);
    for (int field = 0; field < 10; ++field) {
        size_t end = 0;
        while (end < rest.size() && rest[end] >= '0' && rest[end] <= '9')
            ++end;
        auto value = kstd::parse_unsigned(rest.substring(0, end));
        KTEST_EXPECT(value.has_value() && end < rest.size());
        if (!value || end >= rest.size())
            return figures;
        figures.ticks += value.value();
        rest = rest.substring(end + 1);
    }
    auto switches = number_after(text.view(), "\nctxt ");
    KTEST_EXPECT(switches.has_value());
    figures.switches = switches.value_or(0);
    return figures;
}

// Every tick goes to user, system or idle time; a sleep switches to another thread.
KTEST(proc_stat_counts_the_ticks_and_the_switches)
{
    CpuFigures before = cpu_figures();
    sched::sleep_for(50 * MILLISECOND);
    CpuFigures after = cpu_figures();
    KTEST_EXPECT(after.ticks >= before.ticks + 4 && after.ticks < before.ticks + 6000);
    KTEST_EXPECT(after.switches >= before.switches + 2);
    static FileText loadavg;
    read_whole("/proc/loadavg", loadavg);
    KTEST_EXPECT(loadavg.view().find('/') != StringView::npos && loadavg.bytes[loadavg.length - 1] == '\n');
}

KTEST(proc_interrupts_counts_the_timer)
{
    static FileText interrupts;
    read_whole("/proc/interrupts", interrupts);
    KTEST_EXPECT(interrupts.contains("CPU0\n"));
    KTEST_EXPECT(interrupts.contains("  timer\n"));
    kstd::FixedString<7> timer_line;
    kstd::format_to(timer_line, "{:>3}:", hal::TIMER_IRQ);
    auto timer_count = number_after(interrupts.view(), timer_line.view());
    KTEST_EXPECT(timer_count && timer_count.value() > 0);
}

namespace {
void wait_for_release(void* semaphore)
{
    static_cast<sched::Semaphore*>(semaphore)->wait();
}
} // namespace

KTEST(proc_thread_folder_lives_as_long_as_the_thread)
{
    sched::Semaphore release;
    auto spawned = sched::spawn("proc-probe", wait_for_release, &release);
    KTEST_EXPECT(!spawned.is_error());
    if (spawned.is_error())
        return;
    uint32_t id = spawned.value()->id;
    kstd::FixedString<15> id_text;
    kstd::format_to(id_text, "{}", id);
    kstd::FixedString<31> folder, status_path;
    kstd::format_to(folder, "/proc/{}", id);
    kstd::format_to(status_path, "/proc/{}/status", id);

    KTEST_EXPECT(lists("/proc", id_text.view()));
    KTEST_EXPECT(lists(folder.view(), "status"));
    static FileText status;
    read_whole(status_path.view(), status);
    KTEST_EXPECT(status.contains("Name:\tproc-probe\n"));
    kstd::FixedString<31> tid_line;
    kstd::format_to(tid_line, "Tid:\t{}\n", id);
    KTEST_EXPECT(status.contains(tid_line.view()));
    KTEST_EXPECT(status.contains("Killable:\tno\n"));
    auto opened = context().open(status_path.view(), READ_ONLY);
    KTEST_EXPECT(!opened.is_error());

    release.post();
    sched::join(spawned.value());
    KTEST_EXPECT(!lists("/proc", id_text.view()));
    KTEST_EXPECT(open_error(folder.view()) == static_cast<int>(kstd::Errno::NoSuchEntry));
    KTEST_EXPECT(open_error(status_path.view()) == static_cast<int>(kstd::Errno::NoSuchEntry));
    if (!opened.is_error()) {
        uint8_t byte;
        auto late = context().read(opened.value(), { &byte, 1 });
        KTEST_EXPECT(late.is_error() && late.error().code() == kstd::Errno::NoSuchProcess);
        KTEST_EXPECT(!context().close(opened.value()).is_error());
    }
}

KTEST(dev_null_zero_and_random_behave)
{
    uint8_t bytes[64];
    auto null = context().open("/dev/null", READ_WRITE);
    auto zero = context().open("/dev/zero", READ_ONLY);
    auto random = context().open("/dev/random", READ_ONLY);
    KTEST_EXPECT(!null.is_error() && !zero.is_error() && !random.is_error());
    if (null.is_error() || zero.is_error() || random.is_error())
        return;
    auto nothing = context().read(null.value(), bytes);
    KTEST_EXPECT(!nothing.is_error() && nothing.value() == 0);
    auto swallowed = context().write(null.value(), { bytes, sizeof bytes });
    KTEST_EXPECT(!swallowed.is_error() && swallowed.value() == sizeof bytes);

    __builtin_memset(bytes, 0xaa, sizeof bytes);
    auto zeros = context().read(zero.value(), bytes);
    KTEST_EXPECT(!zeros.is_error() && zeros.value() == sizeof bytes);
    bool all_zero = true;
    for (uint8_t byte : bytes)
        all_zero = all_zero && byte == 0;
    KTEST_EXPECT(all_zero);

    uint8_t other[64];
    KTEST_EXPECT(!context().read(random.value(), bytes).is_error());
    KTEST_EXPECT(!context().read(random.value(), other).is_error());
    KTEST_EXPECT(__builtin_memcmp(bytes, other, sizeof bytes) != 0);

    for (int fd : { null.value(), zero.value(), random.value() })
        KTEST_EXPECT(!context().close(fd).is_error());
}

// What is written to /dev/console is on the screen: UTF-8 text in CP437 cells (é is 0x82).
// (The serial mirror of the same write is checked end to end: tests/e2e/console_utf8_test.py.)
KTEST(dev_console_writes_appear_on_the_screen)
{
    auto fd = context().open("/dev/console", WRITE_ONLY);
    KTEST_EXPECT(!fd.is_error());
    if (fd.is_error())
        return;
    console::Console& console = console::kernel_console();
    StringView text = "\nconsole: \xC3\xA9t\xC3\xA9 \xE2\x95\x90";
    auto written = context().write(fd.value(), { reinterpret_cast<const uint8_t*>(text.data()), text.size() });
    KTEST_EXPECT(!written.is_error() && written.value() == text.size());
    uint16_t row = console.cursor_row();
    const uint8_t expected[] = { 'c', 'o', 'n', 's', 'o', 'l', 'e', ':', ' ', 0x82, 't', 0x82, ' ', 0xCD };
    for (uint16_t col = 0; col < sizeof expected; ++col)
        KTEST_EXPECT(console.cell_at(col, row).character == expected[col]);
    KTEST_EXPECT(console.cursor_col() == sizeof expected);
    KTEST_EXPECT(!context().close(fd.value()).is_error());
    console::print("\n");
}

// Reading /dev/console: a line typed on the serial line (through its decoder and the key
// queue), edited with Backspace, echoed, returned with its '\n' in UTF-8; Ctrl-D at the
// start of a line is end of file.
KTEST(dev_console_reads_a_typed_line)
{
    auto fd = context().open("/dev/console", READ_ONLY);
    KTEST_EXPECT(!fd.is_error());
    if (fd.is_error())
        return;
    console::Console& console = console::kernel_console();
    console::print("\n");
    // h é X <Backspace> l l o ü <Backspace> <Enter>: Backspace takes a whole character.
    input::feed_serial_bytes("h\xC3\xA9X\x7Fllo\xC3\xBC\x7F\r");
    char line[32] = {};
    auto got = context().read(fd.value(), { reinterpret_cast<uint8_t*>(line), sizeof line });
    KTEST_EXPECT(!got.is_error());
    if (!got.is_error())
        KTEST_EXPECT(StringView(line, got.value()) == "h\xC3\xA9llo\n");
    // The echo, as a terminal in canonical mode shows it, on the line the '\n' ended.
    uint16_t row = static_cast<uint16_t>(console.cursor_row() - 1);
    const uint8_t echoed[] = { 'h', 0x82, 'l', 'l', 'o' };
    for (uint16_t col = 0; col < sizeof echoed; ++col)
        KTEST_EXPECT(console.cell_at(col, row).character == echoed[col]);

    input::feed_serial_bytes("\x04"); // Ctrl-D
    auto end = context().read(fd.value(), { reinterpret_cast<uint8_t*>(line), sizeof line });
    KTEST_EXPECT(!end.is_error() && end.value() == 0);
    KTEST_EXPECT(!context().close(fd.value()).is_error());
}

// poll on /dev/console while the terminal takes the keys (as while a program runs):
// writable always, readable once a line is typed, and the key wakes pollers (the poll
// generation moves).
KTEST(dev_console_polls_readable_once_a_line_is_typed)
{
    auto fd = context().open("/dev/console", READ_WRITE);
    KTEST_EXPECT(!fd.is_error());
    if (fd.is_error())
        return;
    while (input::try_read_key())
        ;
    fs::ConsoleTerminal& terminal = fs::console_terminal();
    terminal.take_keys();
    namespace bits = fs::poll_bits;
    constexpr uint32_t WRITABLE = bits::OUT | bits::WRITE_NORMAL;
    KTEST_EXPECT(context().poll_events(fd.value()) == WRITABLE);
    uint64_t before = fs::poll_generation();
    input::feed_serial_bytes("p\r");
    KTEST_EXPECT(fs::poll_generation() != before);
    KTEST_EXPECT(context().poll_events(fd.value()) == (WRITABLE | bits::IN | bits::READ_NORMAL));
    console::print("\n");
    char line[8] = {};
    auto got = context().read(fd.value(), { reinterpret_cast<uint8_t*>(line), sizeof line });
    KTEST_EXPECT(!got.is_error() && StringView(line, got.value()) == "p\n");
    KTEST_EXPECT(context().poll_events(fd.value()) == WRITABLE);
    terminal.release_keys();
    KTEST_EXPECT(!context().close(fd.value()).is_error());
}

// Keys a program leaves unread were typed ahead for the kernel shell: when the terminal
// lets go of the keys it gives them back, as keys, in front of those still queued.
KTEST(dev_console_gives_unread_keys_back_when_it_lets_go)
{
    while (input::try_read_key())
        ;
    fs::ConsoleTerminal& terminal = fs::console_terminal();
    terminal.take_keys();
    console::print("\n");
    input::feed_serial_bytes("ab\rc\x1b[A");
    terminal.release_keys();
    terminal.reset();
    console::print("\n");
    StringView expected = "ab\nc^";
    for (char character : expected) {
        kstd::Optional<input::KeyEvent> key = input::try_read_key();
        KTEST_EXPECT(key.has_value());
        if (!key)
            return;
        if (character == '\n')
            KTEST_EXPECT(key.value().key == input::Key::Enter);
        else if (character == '^')
            KTEST_EXPECT(key.value().key == input::Key::Up);
        else
            KTEST_EXPECT(key.value().key == input::Key::Character && key.value().character == char32_t(character));
    }
    KTEST_EXPECT(!input::try_read_key());
}

// A program's query of the cursor position (DSR, ESC [ 6n) is answered through the
// terminal's input, as a terminal sends it back: in raw mode without echo the next read
// returns ESC [ row ; column R, 1-based, before any key typed after it.
KTEST(dev_console_answers_a_cursor_position_query_through_its_input)
{
    auto fd = context().open("/dev/console", READ_WRITE);
    KTEST_EXPECT(!fd.is_error());
    if (fd.is_error())
        return;
    fs::ConsoleTerminal& terminal = fs::console_terminal();
    tty::Termios raw = terminal.line().termios();
    raw.local_flags &= ~(tty::lflag::ICANON | tty::lflag::ECHO);
    raw.control_characters[tty::cc::VMIN] = 0; // a read waits at most VTIME: a second
    raw.control_characters[tty::cc::VTIME] = 10;
    terminal.line().set_termios(raw, tty::SetTermiosWhen::Now);
    console::print("\nquery: ");
    console::Console& console = console::kernel_console();
    char expected[32];
    kstd::BufferWriter out(expected, sizeof expected);
    kstd::format_to(out, "\x1b[{};{}Rk", console.cursor_row() + 1, console.cursor_col() + 1);
    StringView query = "\x1b[6n";
    KTEST_EXPECT(!context().write(fd.value(), { reinterpret_cast<const uint8_t*>(query.data()), query.size() }).is_error());
    input::feed_serial_bytes("k");
    char reply[32] = {};
    size_t length = 0;
    while (length < out.view().size()) {
        auto got = context().read(fd.value(), { reinterpret_cast<uint8_t*>(reply) + length, sizeof reply - length });
        KTEST_EXPECT(!got.is_error() && got.value() > 0);
        if (got.is_error() || got.value() == 0)
            break;
        length += got.value();
    }
    KTEST_EXPECT(StringView(reply, length) == out.view());
    terminal.reset();
    console::print("\n");
    KTEST_EXPECT(!context().close(fd.value()).is_error());
}

KTEST(dev_kmsg_reads_and_writes_the_kernel_log)
{
    klog::info("ktest: a line for /dev/kmsg");
    static FileText log;
    read_whole("/dev/kmsg", log);
    KTEST_EXPECT(log.contains("] info: ktest: a line for /dev/kmsg\n"));

    auto fd = context().open("/dev/kmsg", WRITE_ONLY);
    KTEST_EXPECT(!fd.is_error());
    if (fd.is_error())
        return;
    StringView line = "ktest: written to /dev/kmsg\n";
    kstd::Span<const uint8_t> bytes { reinterpret_cast<const uint8_t*>(line.data()), line.size() };
    auto written = context().write(fd.value(), bytes);
    KTEST_EXPECT(!written.is_error() && written.value() == line.size());
    KTEST_EXPECT(!context().close(fd.value()).is_error());
    read_whole("/dev/kmsg", log);
    KTEST_EXPECT(log.contains("] info: ktest: written to /dev/kmsg\n"));
}

KTEST(reading_proc_and_dev_leaves_no_trace)
{
    ktest_support::expect_no_trace([] {
        static FileText text;
        for (const char* path :
             { "/proc/meminfo", "/proc/uptime", "/proc/mounts", "/proc/interrupts", "/proc/stat", "/proc/loadavg",
               "/proc/version", "/proc/cpuinfo", "/proc/filesystems", "/dev/kmsg" })
            read_whole(path, text);
        KTEST_EXPECT(lists("/proc", "meminfo"));
        KTEST_EXPECT(lists("/dev", "console"));
    });
}
