// InputBuffer: the ring, its line-end bits, and taking lines out (see input_buffer.hpp).
#include <tty/input_buffer.hpp>

namespace tty {

bool InputBuffer::is_line_end(size_t position) const
{
    size_t slot = position % CAPACITY;
    return m_line_ends[slot / 8] & (1u << (slot % 8));
}

void InputBuffer::set_line_end(size_t position, bool end)
{
    size_t slot = position % CAPACITY;
    uint8_t bit = static_cast<uint8_t>(1u << (slot % 8));
    m_line_ends[slot / 8] = end ? (m_line_ends[slot / 8] | bit) : (m_line_ends[slot / 8] & ~bit);
}

void InputBuffer::push(uint8_t byte)
{
    set_line_end(m_head, false);
    m_bytes[m_head % CAPACITY] = byte;
    ++m_head;
}

void InputBuffer::push_line_end(uint8_t byte)
{
    push(byte);
    set_line_end(m_head - 1, true);
    m_line_end = m_head;
}

void InputBuffer::drop_last()
{
    if (m_head > m_line_end)
        --m_head;
}

size_t InputBuffer::take_line(uint8_t* out, size_t size, bool& ended_line)
{
    ended_line = false;
    size_t copied = 0;
    while (copied < size && m_tail < m_line_end) {
        size_t position = m_tail++;
        uint8_t byte = byte_at(position);
        if (is_line_end(position)) {
            set_line_end(position, false);
            ended_line = true;
            if (byte != END_OF_FILE_MARK)
                out[copied++] = byte;
            break;
        }
        out[copied++] = byte;
    }
    // A line longer than `size` comes out in pieces. As in Linux (canon_skip_eof), a read
    // that fills its buffer just before a VEOF mark takes the mark too: "abc^D" read 3
    // bytes at a time gives "abc", then waits for more.
    if (!ended_line && copied == size && m_tail < m_line_end && is_line_end(m_tail)
        && byte_at(m_tail) == END_OF_FILE_MARK) {
        set_line_end(m_tail, false);
        ++m_tail;
    }
    return copied;
}

size_t InputBuffer::take_any(uint8_t* out, size_t size)
{
    size_t copied = 0;
    while (copied < size && m_tail < m_head) {
        set_line_end(m_tail, false);
        out[copied++] = byte_at(m_tail++);
    }
    if (m_line_end < m_tail)
        m_line_end = m_tail;
    return copied;
}

size_t InputBuffer::canonical_readable_count() const
{
    size_t count = 0;
    for (size_t position = m_tail; position < m_line_end; ++position)
        if (!(is_line_end(position) && byte_at(position) == END_OF_FILE_MARK))
            ++count;
    return count;
}

void InputBuffer::canonical_mode_changed(bool canonical)
{
    for (uint8_t& bits : m_line_ends)
        bits = 0;
    if (canonical && m_head != m_tail) {
        set_line_end(m_head - 1, true);
        m_line_end = m_head;
    } else {
        m_line_end = m_tail;
    }
}

void InputBuffer::clear()
{
    m_tail = m_line_end = m_head = 0;
    for (uint8_t& bits : m_line_ends)
        bits = 0;
}

} // namespace tty
