// InputBuffer: the bytes a terminal has received and not yet given to a reader, with the
// canonical line state (Linux n_tty's read_buf, read_flags and its heads and tail).
//
// A ring of CAPACITY (4096) bytes addressed by three ever-growing positions:
//
//     tail .......... line_end .......... head
//     |  whole lines: readable in         |  the line being edited
//     |  canonical mode                   |  (ERASE/KILL work here)
//
// In canonical mode a reader may take bytes up to line_end, a line at a time; each line
// ends at a byte marked as a line end ('\n', VEOL, VEOL2, or a VEOF, stored as a 0 byte
// that reading drops). In non-canonical mode everything up to head is readable. The ring
// has no locking: the LineDiscipline that owns it runs with interrupts disabled.
#pragma once
#include <stddef.h>
#include <stdint.h>

namespace tty {

class InputBuffer {
public:
    static constexpr size_t CAPACITY = 4096; // N_TTY_BUF_SIZE

    size_t count() const { return m_head - m_tail; }
    // Bytes the line being edited holds (after the last line end).
    size_t editing_count() const { return m_head - m_line_end; }
    bool has_line() const { return m_line_end != m_tail; }

    // Appends a byte (the caller made sure there is room).
    void push(uint8_t byte);
    // Appends a byte that ends a line and makes all bytes so far readable as lines.
    void push_line_end(uint8_t byte);
    // Drops the newest byte of the line being edited.
    void drop_last();
    // The index-th byte of the line being edited, counted back from its end (0: the last).
    uint8_t editing_byte_from_end(size_t index) const { return byte_at(m_head - 1 - index); }
    // Forgets the line being edited (VKILL).
    void drop_editing_line() { m_head = m_line_end; }

    // Copies out at most `size` bytes of the first line (canonical read): stops after its
    // line end; a VEOF line end is consumed but not copied. Returns the count copied;
    // `ended_line` says whether the line's end was reached.
    size_t take_line(uint8_t* out, size_t size, bool& ended_line);
    // Copies out at most `size` bytes, lines or not (non-canonical read).
    size_t take_any(uint8_t* out, size_t size);
    // The bytes of whole lines a canonical read would return, without VEOF markers.
    size_t canonical_readable_count() const;

    // Switching canonical mode on makes what is buffered one line ending at its last byte
    // (if there is any); switching it off forgets the line ends (everything is readable).
    void canonical_mode_changed(bool canonical);
    void clear();

private:
    uint8_t byte_at(size_t position) const { return m_bytes[position % CAPACITY]; }
    bool is_line_end(size_t position) const;
    void set_line_end(size_t position, bool end);

    uint8_t m_bytes[CAPACITY] = {};
    uint8_t m_line_ends[CAPACITY / 8] = {}; // one bit per ring slot
    size_t m_tail = 0; // the oldest unread byte
    size_t m_line_end = 0; // one past the last byte of the last whole line
    size_t m_head = 0; // one past the newest byte
};

// The byte a VEOF leaves in the buffer as its line end (Linux's __DISABLED_CHAR).
inline constexpr uint8_t END_OF_FILE_MARK = 0;

} // namespace tty
