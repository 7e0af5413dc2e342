// The simulator's window: the machine's text screen and keyboard.
//
// Draws the 80x25 cells with a console font and the 16 VGA colours, blinks the cursor,
// scales by whole pixels with black bars when the window's shape does not fit, and turns
// key presses into scancodes for the keyboard controller. It runs on the main thread until
// the machine stops (closing the window is pulling the plug: power off). A halted machine
// keeps its last screen on show until the window is closed.
#pragma once
#include "psf_font.hpp"

#include <sim_machine.hpp>

#include <SDL.h>

#include <memory>
#include <string>
#include <vector>

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
    void paint_cell(unsigned col, unsigned row, hal::Cell cell);
    void paint_cursor(const sim::ScreenSnapshot& screen);

    const PsfFont& m_font;
    const uint8_t* m_glyphs[256] {};
    unsigned m_width_pixels;
    unsigned m_height_pixels;
    std::vector<uint32_t> m_pixels;
    sim::ScreenSnapshot m_screen {};
    SDL_Window* m_window = nullptr;
    SDL_Renderer* m_renderer = nullptr;
    SDL_Texture* m_texture = nullptr;
    uint64_t m_drawn_generation = ~uint64_t(0);
    bool m_drawn_cursor_phase = false;
};

} // namespace frontend
