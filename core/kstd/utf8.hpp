// UTF-8: the encoding of text that crosses the kernel's edges (what a terminal sends,
// what files and the console are given).
//
//     Utf8Decoder decoder;
//     char32_t decoded[2];
//     for (char byte : text)
//         for (unsigned index = 0, count = decoder.feed(byte, decoded); index < count; ++index)
//             show(decoded[index]);
//
// Utf8Decoder takes bytes one at a time (a character may arrive in pieces) and gives back
// code points. What is not UTF-8 (a stray continuation byte, a sequence cut short, an
// overlong form, a surrogate, anything past U+10FFFF) comes out as U+FFFD, the
// replacement character, once per bad sequence, and decoding goes on with the next byte.
// The helpers below walk text that is valid UTF-8 (a line the kernel built itself)
// character by character.
#pragma once
#include <kstd/string_view.hpp>
#include <stdint.h>

namespace kstd {

inline constexpr char32_t REPLACEMENT_CHARACTER = 0xFFFD;
inline constexpr size_t MAX_UTF8_BYTES = 4;

class Utf8Decoder {
public:
    // Feeds one byte; stores 0, 1 or 2 code points in `decoded` (2 when the byte ends a
    // bad sequence and is itself a whole character) and returns how many.
    unsigned feed(uint8_t byte, char32_t decoded[2]);
    // True while a character has begun and is not complete.
    bool in_sequence() const { return m_needed != 0; }
    void reset() { m_needed = 0; }

private:
    unsigned start(uint8_t byte, char32_t& decoded);

    char32_t m_code_point = 0;
    char32_t m_minimum = 0; // smaller code points in this many bytes are overlong
    uint8_t m_needed = 0;   // continuation bytes still to come
};

// Writes `code_point` as 1 to 4 bytes (U+FFFD for a surrogate or past U+10FFFF); returns
// how many.
size_t utf8_encode(char32_t code_point, char out[MAX_UTF8_BYTES]);

constexpr bool is_utf8_continuation(uint8_t byte) { return (byte & 0xC0) == 0x80; }

// Valid UTF-8 walked by character: the index where the character after (or before) the
// one at `index` starts, and how many characters `text` holds.
size_t utf8_next(StringView text, size_t index);
size_t utf8_previous(StringView text, size_t index);
size_t utf8_length(StringView text);
// The index `characters` characters into `text` from `index` (its size when it runs out).
size_t utf8_advance(StringView text, size_t index, size_t characters);

} // namespace kstd
