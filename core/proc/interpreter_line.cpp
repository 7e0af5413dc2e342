// The "#!" line of a script (see elf.hpp), read by the rules of Linux's binfmt_script:
// only the first 256 bytes count (the last of them is never part of the line); the line
// ends at the first newline, or at the first NUL before one; blanks (spaces and tabs)
// after "#!" are skipped and trailing ones trimmed; the interpreter is the first word,
// ended by a blank or NUL; what follows the blanks after it, up to the line's end (or a
// NUL), is one single argument, inner blanks and all. A line with no newline in those
// bytes is accepted only when the interpreter's name visibly ends inside them, so a
// path cut off by the limit is never run.
#include <log/log.hpp>
#include <proc/elf.hpp>

namespace proc::elf {

namespace {

// The bytes as Linux's zero-filled buffer holds them.
class LineBuffer {
public:
    LineBuffer(const char* bytes, size_t length)
        : m_bytes(bytes), m_length(length < INTERPRETER_LINE_MAX ? length : INTERPRETER_LINE_MAX) {}
    char at(size_t index) const { return index < m_length ? m_bytes[index] : '\0'; }
    static bool blank(char c) { return c == ' ' || c == '\t'; }
    // The first index in [from, last] whose byte is not a blank; npos when none.
    size_t next_non_blank(size_t from, size_t last) const
    {
        for (size_t i = from; i <= last; ++i) {
            if (!blank(at(i)))
                return i;
        }
        return npos;
    }
    // The first index in [from, last] holding a blank or NUL; npos when none.
    size_t next_terminator(size_t from, size_t last) const
    {
        for (size_t i = from; i <= last; ++i) {
            if (blank(at(i)) || at(i) == '\0')
                return i;
        }
        return npos;
    }
    // The first newline, looking no further than the first NUL; npos when none.
    size_t newline() const
    {
        for (size_t i = 0; i < INTERPRETER_LINE_MAX && at(i) != '\0'; ++i) {
            if (at(i) == '\n')
                return i;
        }
        return npos;
    }
    // [from, end) up to the first NUL in it, as a view of the caller's bytes.
    kstd::StringView view(size_t from, size_t end) const
    {
        size_t stop = from;
        while (stop < end && at(stop) != '\0')
            ++stop;
        return { m_bytes + from, stop - from };
    }

    static constexpr size_t npos = static_cast<size_t>(-1);

private:
    const char* m_bytes;
    size_t m_length;
};

} // namespace

kstd::Result<InterpreterLine> parse_interpreter_line(const char* bytes, size_t length)
{
    LineBuffer line(bytes, length);
    if (line.at(0) != '#' || line.at(1) != '!')
        return kstd::Errno::ExecFormatError;
    constexpr size_t last = INTERPRETER_LINE_MAX - 1;
    size_t end = line.newline();
    if (end == LineBuffer::npos) {
        size_t name = line.next_non_blank(2, last);
        if (name == LineBuffer::npos || line.next_terminator(name, last) == LineBuffer::npos) {
            klog::debug("exec: the #! line is longer than {} bytes", INTERPRETER_LINE_MAX);
            return kstd::Errno::ExecFormatError;
        }
        end = last;
    }
    while (end > 2 && LineBuffer::blank(line.at(end - 1)))
        --end;
    size_t name = line.next_non_blank(2, end);
    if (name == LineBuffer::npos || name == end) {
        klog::debug("exec: the #! line names no interpreter");
        return kstd::Errno::ExecFormatError;
    }
    size_t separator = line.next_terminator(name, end);
    InterpreterLine result { line.view(name, separator == LineBuffer::npos ? end : separator), {}, false };
    if (separator != LineBuffer::npos && line.at(separator) != '\0') {
        size_t argument = line.next_non_blank(separator, end);
        if (argument != LineBuffer::npos) {
            result.argument = line.view(argument, end);
            result.has_argument = true;
        }
    }
    return result;
}

} // namespace proc::elf
