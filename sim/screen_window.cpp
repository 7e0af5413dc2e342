// The SDL2 window (see screen_window.hpp).
//
// The screen is painted at its own size (720x400 with an 8x16 font) and uploaded to a
// streaming texture, which is copied, with nearest-neighbour sampling, onto a rectangle a
// whole number of times as large, centred in the window on black. Repainting happens only
// when the screen's generation moves, the cursor blinks or the window needs it (a resize).
// The loop wakes at least every FRAME_MS to look at those and at the stop mailbox.
#include "screen_window.hpp"
#include "scancodes.hpp"
#include "screenshot.hpp"
#include "x11_errors.hpp"

#include <algorithm>

#ifndef KEEL_VERSION_STRING
#    error "KEEL_VERSION_STRING must be defined by the build (CMake PROJECT_VERSION)"
#endif

namespace frontend {

namespace {

constexpr const char* WINDOW_TITLE = "Keel " KEEL_VERSION_STRING " \u2014 sim";
constexpr const char* HALTED_WINDOW_TITLE = "Keel " KEEL_VERSION_STRING " \u2014 sim (halted)";
constexpr SDL_Scancode SCREENSHOT_KEY = SDL_SCANCODE_F12;
constexpr Uint32 FRAME_MS = 20;
constexpr Uint32 CURSOR_BLINK_MS = 500;

bool cursor_phase_visible()
{
    return (SDL_GetTicks() / CURSOR_BLINK_MS) % 2 == 0;
}

} // namespace

ScreenWindow::ScreenWindow(const PsfFont& font)
    : m_painter(font)
{
}

std::unique_ptr<ScreenWindow> ScreenWindow::create(const PsfFont& font, int scale, std::string& error)
{
    std::unique_ptr<ScreenWindow> window(new ScreenWindow(font));
    if (!window->open(scale, error))
        return nullptr;
    return window;
}

bool ScreenWindow::open(int scale, std::string& error)
{
    SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1"); // Ctrl-\ (or a SIGINT) ends the sim
    SDL_SetHint(SDL_HINT_RENDER_SCALE_QUALITY, "nearest");
    if (SDL_Init(SDL_INIT_VIDEO) != 0) {
        error = SDL_GetError();
        return false;
    }
    int width = int(m_painter.width());
    int height = int(m_painter.height());
    m_window = SDL_CreateWindow(WINDOW_TITLE, SDL_WINDOWPOS_UNDEFINED, SDL_WINDOWPOS_UNDEFINED,
                                width * scale, height * scale, SDL_WINDOW_RESIZABLE);
    if (m_window)
        m_renderer = SDL_CreateRenderer(m_window, -1, 0);
    if (m_renderer)
        m_texture = SDL_CreateTexture(m_renderer, SDL_PIXELFORMAT_ARGB8888,
                                      SDL_TEXTUREACCESS_STREAMING, width, height);
    if (!m_texture) {
        error = SDL_GetError();
        return false;
    }
    SDL_SetWindowMinimumSize(m_window, width, height);
    SDL_StopTextInput(); // keys go to the machine as scancodes, not as text
    return true;
}

ScreenWindow::~ScreenWindow()
{
    ignore_x_errors_during_teardown();
    if (m_texture)
        SDL_DestroyTexture(m_texture);
    if (m_renderer)
        SDL_DestroyRenderer(m_renderer);
    if (m_window)
        SDL_DestroyWindow(m_window);
    SDL_Quit();
}

sim::StopRequest ScreenWindow::run()
{
    const sim::StopRequest power_off { sim::StopKind::PowerOff, 0 };
    bool halted = false;
    sim::StopRequest halt {};
    for (;;) {
        bool force_redraw = false;
        SDL_Event event;
        if (SDL_WaitEventTimeout(&event, FRAME_MS)) {
            do {
                if (!handle(event))
                    return halted ? halt : power_off;
                force_redraw |= event.type == SDL_WINDOWEVENT;
            } while (SDL_PollEvent(&event));
        }
        sim::StopRequest request;
        if (!halted && sim::poll_stop_request(request)) {
            if (request.kind != sim::StopKind::Halt)
                return request;
            halted = true;
            halt = request;
            SDL_SetWindowTitle(m_window, HALTED_WINDOW_TITLE);
        }
        redraw_if_changed(force_redraw);
    }
}

bool ScreenWindow::handle(const SDL_Event& event)
{
    if (event.type == SDL_QUIT)
        return false;
    if (event.type != SDL_KEYDOWN && event.type != SDL_KEYUP)
        return true;
    if (event.key.keysym.scancode == SCREENSHOT_KEY) {
        if (event.type == SDL_KEYDOWN && !event.key.repeat) {
            take_screenshot(m_painter, placement().scale);
            m_drawn_generation = ~uint64_t(0); // the painter now holds the screenshot's picture
        }
        return true;
    }
    uint8_t bytes[MAX_SCANCODE_BYTES];
    size_t count = scancode_bytes(event.key.keysym.scancode, event.type == SDL_KEYDOWN, bytes);
    if (count > 0)
        sim::press_scancodes(bytes, count);
    return true;
}

void ScreenWindow::redraw_if_changed(bool force)
{
    bool cursor_phase = cursor_phase_visible();
    if (!force && sim::screen_generation() == m_drawn_generation && cursor_phase == m_drawn_cursor_phase)
        return;
    m_drawn_generation = sim::read_screen(m_screen);
    m_drawn_cursor_phase = cursor_phase;
    m_painter.paint(m_screen, cursor_phase);
    int pitch = int(m_painter.width() * sizeof(uint32_t));
    SDL_UpdateTexture(m_texture, nullptr, m_painter.pixels().data(), pitch);
    SDL_Rect target = placement().target;
    SDL_SetRenderDrawColor(m_renderer, 0, 0, 0, 255);
    SDL_RenderClear(m_renderer);
    SDL_RenderCopy(m_renderer, m_texture, nullptr, &target);
    SDL_RenderPresent(m_renderer);
}

ScreenWindow::Placement ScreenWindow::placement() const
{
    int window_width = 0;
    int window_height = 0;
    SDL_GetRendererOutputSize(m_renderer, &window_width, &window_height);
    unsigned fit = std::min(unsigned(std::max(window_width, 0)) / m_painter.width(),
                            unsigned(std::max(window_height, 0)) / m_painter.height());
    unsigned scale = std::max(fit, 1u);
    int width = int(m_painter.width() * scale);
    int height = int(m_painter.height() * scale);
    return { scale, { (window_width - width) / 2, (window_height - height) / 2, width, height } };
}

} // namespace frontend
