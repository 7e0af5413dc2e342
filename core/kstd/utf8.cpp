// UTF-8 decoding and encoding (see utf8.hpp), after RFC 3629.
#include <kstd/utf8.hpp>

namespace kstd {

namespace {
constexpr char32_t MAX_CODE_POINT = 0x10FFFF;

constexpr bool is_surrogate(char32_t code_point)
{
    return code_point >= 0xD800 && code_point <= 0xDFFF;
}
} // namespace

unsigned Utf8Decoder::start(uint8_t byte, char32_t& decoded)
{
    if (byte < 0x80) {
        decoded = byte;
        return 1;
    }
    if ((byte & 0xE0) == 0xC0) {
        m_code_point = byte & 0x1F;
        m_needed = 1;
        m_minimum = 0x80;
    } else if ((byte & 0xF0) == 0xE0) {
        m_code_point = byte & 0x0F;
        m_needed = 2;
        m_minimum = 0x800;
    } else if ((byte & 0xF8) == 0xF0) {
        m_code_point = byte & 0x07;
        m_needed = 3;
        m_minimum = 0x10000;
    } else {
        decoded = REPLACEMENT_CHARACTER; // a continuation byte with no start, or 0xF8-0xFF
        return 1;
    }
    return 0;
}

unsigned Utf8Decoder::feed(uint8_t byte, char32_t decoded[2])
{
    if (m_needed == 0)
        return start(byte, decoded[0]);
    if (!is_utf8_continuation(byte)) {
        // The sequence was cut short: it counts as one bad character, and the byte starts
        // afresh.
        m_needed = 0;
        decoded[0] = REPLACEMENT_CHARACTER;
        return 1 + start(byte, decoded[1]);
    }
    m_code_point = m_code_point << 6 | (byte & 0x3F);
    if (--m_needed != 0)
        return 0;
    bool valid = m_code_point >= m_minimum && m_code_point <= MAX_CODE_POINT && !is_surrogate(m_code_point);
    decoded[0] = valid ? m_code_point : REPLACEMENT_CHARACTER;
    return 1;
}

size_t utf8_encode(char32_t code_point, char out[MAX_UTF8_BYTES])
{
    if (code_point > MAX_CODE_POINT || is_surrogate(code_point))
        code_point = REPLACEMENT_CHARACTER;
    if (code_point < 0x80) {
        out[0] = static_cast<char>(code_point);
        return 1;
    }
    if (code_point < 0x800) {
        out[0] = static_cast<char>(0xC0 | code_point >> 6);
        out[1] = static_cast<char>(0x80 | (code_point & 0x3F));
        return 2;
    }
    if (code_point < 0x10000) {
        out[0] = static_cast<char>(0xE0 | code_point >> 12);
        out[1] = static_cast<char>(0x80 | (code_point >> 6 & 0x3F));
        out[2] = static_cast<char>(0x80 | (code_point & 0x3F));
        return 3;
    }
    out[0] = static_cast<char>(0xF0 | code_point >> 18);
    out[1] = static_cast<char>(0x80 | (code_point >> 12 & 0x3F));
    out[2] = static_cast<char>(0x80 | (code_point >> 6 & 0x3F));
    out[3] = static_cast<char>(0x80 | (code_point & 0x3F));
    return 4;
}

size_t utf8_next(StringView text, size_t index)
{
    if (index >= text.size())
        return text.size();
    ++index;
    while (index < text.size() && is_utf8_continuation(static_cast<uint8_t>(text[index])))
        ++index;
    return index;
}

size_t utf8_previous(StringView text, size_t index)
{
    if (index == 0)
        return 0;
    if (index > text.size())
        index = text.size();
    --index;
    while (index > 0 && is_utf8_continuation(static_cast<uint8_t>(text[index])))
        --index;
    return index;
}

size_t utf8_advance(StringView text, size_t index, size_t characters)
{
    for (; characters > 0 && index < text.size(); --characters)
        index = utf8_next(text, index);
    return index < text.size() ? index : text.size();
}

size_t utf8_length(StringView text)
{
    size_t count = 0;
    for (char byte : text)
        count += is_utf8_continuation(static_cast<uint8_t>(byte)) ? 0 : 1;
    return count;
}

} // namespace kstd
