// LineHistory: the shell's last lines, for Up/Down in the line editor.
//
// Keeps up to CAPACITY lines (oldest dropped first), skips empty lines, immediate repeats
// and lines longer than MAX_LINE_LENGTH (never cut: a cut line is a different command). Browsing starts past the newest line; the line being edited when browsing
// began is kept as the "draft" and comes back when Down walks past the newest entry.
#pragma once
#include <kstd/fixed_string.hpp>
#include <kstd/ring_buffer.hpp>
#include <shell/limits.hpp>

namespace shell {

class LineHistory {
public:
    static constexpr size_t CAPACITY = 16;

    void add(kstd::StringView line);
    size_t size() const { return m_lines.size(); }
    // index 0 is the oldest kept line.
    kstd::StringView at(size_t index) const;

    // Browsing. older()/newer() return false when there is nothing further that way.
    void start_browsing(kstd::StringView draft);
    bool older(kstd::StringView& line);
    bool newer(kstd::StringView& line);

private:
    using Line = kstd::FixedString<MAX_LINE_LENGTH>;

    kstd::RingBuffer<Line, CAPACITY> m_lines;
    size_t m_browse_position = 0; // == size(): at the draft
    Line m_draft;
};

} // namespace shell
