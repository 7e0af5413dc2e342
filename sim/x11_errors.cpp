// Teardown of the window without Xlib's fatal default: once the simulator is shutting the
// window down, an X error is reported and ignored.
//
// Under load the X server has been seen to answer a request SDL sends while the window is
// being destroyed with BadWindow (X_SendEvent on the window just gone). Xlib's default
// error handler then exits the process with status 1, turning a clean `poweroff` into a
// failure. Nothing on screen matters any more at that point, so the error is only printed.
#include "x11_errors.hpp"

#include <SDL.h>
#include <X11/Xlib.h>
#include <cstdio>
#include <cstring>

namespace frontend {
namespace {

int report_and_ignore(Display*, XErrorEvent* error)
{
    fprintf(stderr, "keel-sim: X error %d (request %d) while closing the window, ignored\n",
            error->error_code, error->request_code);
    return 0;
}

} // namespace

void ignore_x_errors_during_teardown()
{
    const char* driver = SDL_GetCurrentVideoDriver();
    if (driver && strcmp(driver, "x11") == 0)
        XSetErrorHandler(report_and_ignore);
}

} // namespace frontend
