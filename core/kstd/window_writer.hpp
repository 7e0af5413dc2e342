// kstd::WindowWriter: keeps one window of a text that is generated whole.
//
//     kstd::WindowWriter out(offset, buffer);
//     kstd::format_to(out, "MemTotal: {} kB\n", total);   // ... the whole text
//     return out.kept();   // the bytes at [offset, offset + buffer.size()) are in buffer
//
// For files whose contents are made when they are read (procfs, /dev/kmsg): each read
// generates the text from its start and keeps the part the reader asked for, so nothing is
// stored between reads and nothing is allocated. Text before and after the window is
// dropped.
#pragma once
#include <kstd/format.hpp>
#include <kstd/span.hpp>
#include <stdint.h>

namespace kstd {

class WindowWriter final : public Writer {
public:
    WindowWriter(uint64_t start, Span<uint8_t> window) : m_start(start), m_window(window) {}

    void write(StringView text) override
    {
        uint64_t text_start = m_written;
        m_written += text.size();
        if (m_written <= m_start || m_kept == m_window.size())
            return;
        size_t skipped = text_start < m_start ? static_cast<size_t>(m_start - text_start) : 0;
        size_t count = text.size() - skipped;
        if (count > m_window.size() - m_kept)
            count = m_window.size() - m_kept;
        __builtin_memcpy(m_window.data() + m_kept, text.data() + skipped, count);
        m_kept += count;
    }

    // Bytes copied into the window so far.
    size_t kept() const { return m_kept; }

private:
    uint64_t m_start;
    Span<uint8_t> m_window;
    uint64_t m_written = 0;
    size_t m_kept = 0;
};

} // namespace kstd
