// Screenshots of the machine's screen, saved as PNG files in the current directory.
//
// F12 in the window saves the screen at the scale the window shows it; the signal
// SIGUSR2 (`kill -USR2 PID`) saves it at its own size, 720x400, with or without a window,
// which is how scripts take screenshots (tools/screenshots.py). Files are named
// keel-YYYYMMDD-HHMMSS.png (keel-YYYYMMDD-HHMMSS-2.png and so on for more in the same
// second), and a line on stderr says where each went. The cursor is always shown.
#pragma once
#include "screen_painter.hpp"

#include <csignal>
#include <string>

namespace frontend {

inline constexpr int SCREENSHOT_SIGNAL = SIGUSR2;

// Paints the screen as it is now at `scale` pixels per font pixel and saves it.
void take_screenshot(ScreenPainter& painter, unsigned scale);

// Blocks SCREENSHOT_SIGNAL and starts a thread that takes a screenshot each time it comes.
// Call it before any other thread starts, so that every thread inherits the blocked signal
// and only the screenshot thread takes it. The thread loads the console font (`font_path`,
// or a default, as PsfFont::load_console_font) when the first signal comes.
void take_screenshots_on_signal(const std::string& font_path);

} // namespace frontend
