// The shell's fixed sizes: the longest line the editor, the history and the word splitter
// hold (longer input is refused with an error, never cut silently).
#pragma once
#include <stddef.h>

namespace shell {
inline constexpr size_t MAX_LINE_LENGTH = 160;
} // namespace shell
