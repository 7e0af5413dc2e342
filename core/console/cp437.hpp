// Code page 437, the character set of the VGA text mode, mapped to Unicode.
//
// Screen cells hold CP437 bytes. Unicode is what the rest of the world speaks: the sim's
// window looks each byte up here to find its glyph in a console font (indexed by Unicode),
// and the serial mirror sends it to the terminal as UTF-8. Bytes below 0x20 are the VGA's
// pictures (smileys, arrows, card suits), not control characters.
#pragma once
#include <stdint.h>

namespace console {

char32_t cp437_to_unicode(uint8_t byte);

} // namespace console
