// syslog(2), glibc's klogctl: the kernel log for dmesg.
//
// A record reads as Linux's do, "<6>[    1.234567] text\n": the level (3 error, 4
// warning, 6 info, 7 debug) and the time since boot, which busybox dmesg strips or keeps
// (-r). The commands:
//
//   0 CLOSE, 1 OPEN                 nothing to do: 0
//   3 READ_ALL                      the newest records that fit in the buffer, whole, since
//                                   the last clear; the bytes copied
//   4 READ_CLEAR                    the same, then a clear (dmesg -c)
//   5 CLEAR                         the records so far are no longer read (klog::mark_cleared)
//   10 SIZE_BUFFER                  the most READ_ALL can return
//
// Keel has no destructive reader for a klogd (2 READ, 9 SIZE_UNREAD) and no console level
// to set (6, 7, 8: the console prints info and above): those are EINVAL, as any other
// command. Only root may read or clear, as under Linux's dmesg_restrict (EPERM).
#include <kstd/format.hpp>
#include <log/log.hpp>
#include <mm/heap/kmalloc.hpp>
#include <proc/process.hpp>
#include <proc/user_copy.hpp>
#include <syscall/handler.hpp>

namespace syscalls {
namespace {

namespace syslog_command {
constexpr int CLOSE = 0;
constexpr int OPEN = 1;
constexpr int READ_ALL = 3;
constexpr int READ_CLEAR = 4;
constexpr int CLEAR = 5;
constexpr int SIZE_BUFFER = 10;
} // namespace syslog_command

// The longest line: "<7>[" 5+ digits "." 6 digits "] " text "\n".
constexpr size_t LINE_MAX = 32 + klog::Record::MAX_TEXT;
constexpr size_t LOG_TEXT_MAX = klog::RECORD_CAPACITY * LINE_MAX;

int linux_level(klog::Level level)
{
    switch (level) {
    case klog::Level::Debug: return 7;
    case klog::Level::Info: return 6;
    case klog::Level::Warning: return 4;
    case klog::Level::Error: return 3;
    }
    return 6;
}

// The text of the records since the last clear, and where each line starts.
struct LogText {
    char text[LOG_TEXT_MAX];
    size_t length = 0;
    uint32_t line_starts[klog::RECORD_CAPACITY];
    size_t lines = 0;
};

void add_line(const klog::Record& record, void* context)
{
    auto& log = *static_cast<LogText*>(context);
    if (log.lines == klog::RECORD_CAPACITY) // records logged while reading
        return;
    kstd::BufferWriter out(log.text + log.length, LOG_TEXT_MAX - log.length);
    kstd::format_to(out, "<{}>", linux_level(record.level));
    klog::write_timestamp(record, out);
    kstd::format_to(out, "{}\n", record.text.view());
    log.line_starts[log.lines++] = uint32_t(log.length);
    log.length += out.view().size();
}

Result read_log(Call& call, bool clear)
{
    int64_t capacity = int64_t(call.argument(2));
    if (capacity < 0 || (capacity > 0 && call.argument(1) == 0))
        return kstd::Errno::InvalidArgument;
    auto* log = mm::make<LogText>();
    if (!log)
        return kstd::Errno::OutOfMemory;
    klog::for_each_record_since_clear(add_line, log);
    if (clear)
        klog::mark_cleared();
    size_t first = 0; // the oldest line whose whole tail fits
    while (first < log->lines && log->length - log->line_starts[first] > size_t(capacity))
        ++first;
    size_t start = first < log->lines ? log->line_starts[first] : log->length;
    size_t count = log->length - start;
    auto copied = proc::copy_to_user(call.argument(1), log->text + start, count);
    mm::destroy(log);
    TRY(copied);
    return int64_t(count);
}

Result syslog_call(Call& call)
{
    if (!call.process().credentials.is_privileged())
        return kstd::Errno::NotPermitted;
    switch (call.int_argument(0)) {
    case syslog_command::CLOSE:
    case syslog_command::OPEN:
        return 0;
    case syslog_command::READ_ALL:
        return read_log(call, false);
    case syslog_command::READ_CLEAR:
        return read_log(call, true);
    case syslog_command::CLEAR:
        klog::mark_cleared();
        return 0;
    case syslog_command::SIZE_BUFFER:
        return int64_t(LOG_TEXT_MAX);
    default:
        return kstd::Errno::InvalidArgument;
    }
}

} // namespace

void register_log_calls(Entry* table)
{
    ADD_CALL(table, syslog);
}

} // namespace syscalls
