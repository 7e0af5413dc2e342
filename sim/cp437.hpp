// Code page 437, the character set of the VGA text mode, mapped to Unicode.
//
// Screen cells hold CP437 bytes; console fonts are indexed by Unicode, so the window looks
// each byte up here first. Bytes below 0x20 are the VGA's pictures (smileys, arrows, card
// suits), not control characters.
#pragma once
#include <stdint.h>

namespace frontend {

char32_t cp437_to_unicode(uint8_t byte);

} // namespace frontend
