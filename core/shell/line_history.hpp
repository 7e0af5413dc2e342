// LineHistory: the shell's last lines, for Up/Down in the line editor.
//
// Keeps up to CAPACITY lines (oldest dropped first), skips empty lines and immediate
// repeats. Browsing starts past the newest line; the line being edited when browsing
// began is kept as the "draft" and comes back when Down walks past the newest entry.
#pragma once
#include <kstd/string_view.hpp>
#include <stddef.h>

namespace shell {

class LineHistory {
public:
    static constexpr size_t CAPACITY = 16;
    static constexpr size_t LINE_CAPACITY = 160;

    void add(kstd::StringView line);
    size_t size() const { return m_count; }
    // index 0 is the oldest kept line.
    kstd::StringView at(size_t index) const;

    // Browsing. older()/newer() return false when there is nothing further that way.
    void start_browsing(kstd::StringView draft);
    bool older(kstd::StringView& line);
    bool newer(kstd::StringView& line);

private:
    struct Entry {
        char text[LINE_CAPACITY];
        size_t length = 0;
    };
    static void store(Entry& entry, kstd::StringView text);

    Entry m_entries[CAPACITY];
    size_t m_first = 0; // slot of the oldest line
    size_t m_count = 0;
    size_t m_browse_position = 0; // == m_count: at the draft
    Entry m_draft;
};

} // namespace shell
