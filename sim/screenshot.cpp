// Taking screenshots (see screenshot.hpp).
//
// The signal is taken synchronously with sigwait() on a thread of its own, so painting and
// writing the file happen in ordinary code rather than in a signal handler, and the kernel's
// CPU thread (which has signals of its own, see hal/sim) never sees it.
#include "screenshot.hpp"

#include <cstdio>
#include <ctime>
#include <filesystem>
#include <memory>
#include <optional>
#include <pthread.h>
#include <thread>

namespace frontend {

namespace {

// keel-YYYYMMDD-HHMMSS.png in the current directory, or -2, -3, ... before the .png when a
// file of that name exists.
std::filesystem::path unused_screenshot_path()
{
    time_t now = time(nullptr);
    tm local {};
    localtime_r(&now, &local);
    char stem[32];
    strftime(stem, sizeof stem, "keel-%Y%m%d-%H%M%S", &local);
    std::filesystem::path path = std::filesystem::absolute(std::string(stem) + ".png");
    for (unsigned number = 2; std::filesystem::exists(path); ++number)
        path = std::filesystem::absolute(std::string(stem) + "-" + std::to_string(number) + ".png");
    return path;
}

sigset_t screenshot_signal_set()
{
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SCREENSHOT_SIGNAL);
    return signals;
}

void take_screenshots_forever(const std::string& font_path)
{
    const sigset_t signals = screenshot_signal_set();
    std::unique_ptr<PsfFont> font;
    std::optional<ScreenPainter> painter;
    for (;;) {
        int signal_number;
        if (sigwait(&signals, &signal_number) != 0)
            continue;
        if (!painter) {
            std::string error;
            font = PsfFont::load_console_font(font_path, error);
            if (!font) {
                fprintf(stderr, "keel-sim: no screenshot: %s\n", error.c_str());
                continue;
            }
            painter.emplace(*font);
        }
        take_screenshot(*painter, 1);
    }
}

} // namespace

void take_screenshot(ScreenPainter& painter, unsigned scale)
{
    sim::ScreenSnapshot screen;
    sim::read_screen(screen);
    painter.paint(screen, true);
    std::filesystem::path path = unused_screenshot_path();
    std::string error;
    if (write_png(path, painter.rgb_image(scale), error))
        fprintf(stderr, "keel-sim: screenshot saved to %s\n", path.c_str());
    else
        fprintf(stderr, "keel-sim: no screenshot: %s\n", error.c_str());
}

void take_screenshots_on_signal(const std::string& font_path)
{
    const sigset_t signals = screenshot_signal_set();
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);
    std::thread(take_screenshots_forever, font_path).detach();
}

} // namespace frontend
