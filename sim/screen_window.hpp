// The simulator's window: the machine's text screen and keyboard.
//
// Shows the screen's pixels (screen_painter.hpp) with a blinking cursor in a resizable window,
// scaled by the largest whole number that fits and centred on black; turns key presses into
// scancodes for the keyboard controller, except F12, which takes a screenshot
// (screenshot.hpp) and which the kernel never sees. The title names Keel's version. It runs
// on the main thread until the machine stops (closing the window is pulling the plug: power
// off). A halted machine keeps its last screen on show until the window is closed.
#pragma once
#include "screen_painter.hpp"

#include <sim_machine.hpp>

#include <SDL.h>

#include <memory>
#include <string>

namespace frontend {

class ScreenWindow {
public:
    // Opens the window; nullptr with `error` set when there is no display to open it on.
    static std::unique_ptr<ScreenWindow> create(const PsfFont& font, int scale, std::string& error);
    ~ScreenWindow();
    ScreenWindow(const ScreenWindow&) = delete;
    ScreenWindow& operator=(const ScreenWindow&) = delete;

    // Shows the screen and feeds the keyboard until the machine stops or the window is
    // closed; returns what the front end should then carry out.
    sim::StopRequest run();

private:
    explicit ScreenWindow(const PsfFont& font);
    bool open(int scale, std::string& error);
    // Handles one event; false when the window was closed.
    bool handle(const SDL_Event& event);
    void redraw_if_changed(bool force);
    // Where the screen goes in the window: the largest whole number of window pixels per
    // screen pixel that fits (at least 1), and the rectangle that makes, centred.
    struct Placement {
        unsigned scale;
        SDL_Rect target;
    };
    Placement placement() const;

    ScreenPainter m_painter;
    sim::ScreenSnapshot m_screen {};
    SDL_Window* m_window = nullptr;
    SDL_Renderer* m_renderer = nullptr;
    SDL_Texture* m_texture = nullptr;
    uint64_t m_drawn_generation = ~uint64_t(0);
    bool m_drawn_cursor_phase = false;
};

} // namespace frontend
