// See x11_errors.cpp: X errors during the window's teardown are reported, not fatal.
#pragma once

namespace frontend {

// Call before destroying the SDL window; does nothing unless SDL drives X11.
void ignore_x_errors_during_teardown();

} // namespace frontend
