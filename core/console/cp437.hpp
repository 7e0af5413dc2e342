// Code page 437, the character set of the VGA text mode, mapped to Unicode.
//
// Screen cells hold CP437 bytes. Unicode is what the rest of the world speaks: the sim's
// window looks each byte up here to find its glyph in a console font (indexed by Unicode),
// and the serial mirror sends it to the terminal as UTF-8. Bytes below 0x20 are the VGA's
// pictures (smileys, arrows, card suits), not control characters.
//
// Text the console is given is UTF-8: unicode_to_cp437() finds the cell for a character
// (é is 0x82, ═ is 0xCD), if CP437 has it at all.
#pragma once
#include <kstd/optional.hpp>
#include <stdint.h>

namespace console {

char32_t cp437_to_unicode(uint8_t byte);
// The CP437 byte whose glyph is `code_point`; nothing when CP437 has none. Printable
// ASCII maps to itself; U+0000-U+001F, which are control characters in Unicode, do not map.
kstd::Optional<uint8_t> unicode_to_cp437(char32_t code_point);
// The character the DEC special graphics set (ESC ( 0, line drawing) puts at ASCII
// `character`: 0x5F-0x7E are box pieces, symbols and scan lines; the rest is unchanged.
char32_t dec_graphics_to_unicode(char character);
// The cell that shows it: its CP437 glyph, or a near one (♦ for ◆, ─ for the scan lines),
// or '?' for the pictures of control characters.
uint8_t dec_graphics_to_cp437(char character);

} // namespace console
