// The SDL2 window (see screen_window.hpp).
//
// The screen is painted into a pixel buffer at the font's own size (640x400 with an 8x16
// font) and uploaded to a streaming texture; SDL's logical size with integer scaling does
// the whole-pixel scaling and letterboxing, with nearest-neighbour sampling. Repainting
// happens only when the screen's generation moves, the cursor blinks or the window needs
// it. The loop wakes at least every FRAME_MS to look at those and at the stop mailbox.
#include "screen_window.hpp"
#include "scancodes.hpp"
#include "x11_errors.hpp"

#ifndef KEEL_VERSION_STRING
#    error "KEEL_VERSION_STRING must be defined by the build (CMake PROJECT_VERSION)"
#endif

namespace frontend {

namespace {

using sim::ScreenSnapshot;

constexpr const char* WINDOW_TITLE = "Keel " KEEL_VERSION_STRING " (sim)";
constexpr const char* HALTED_WINDOW_TITLE = "Keel " KEEL_VERSION_STRING " (sim) - halted";
constexpr Uint32 FRAME_MS = 20;
constexpr Uint32 CURSOR_BLINK_MS = 500;

// The standard VGA text-mode palette (the 6-bit DAC values scaled to 8 bits).
constexpr uint32_t VGA_PALETTE[16] = {
    0xFF000000, 0xFF0000AA, 0xFF00AA00, 0xFF00AAAA, 0xFFAA0000, 0xFFAA00AA, 0xFFAA5500, 0xFFAAAAAA,
    0xFF555555, 0xFF5555FF, 0xFF55FF55, 0xFF55FFFF, 0xFFFF5555, 0xFFFF55FF, 0xFFFFFF55, 0xFFFFFFFF,
};

bool cursor_phase_visible()
{
    return (SDL_GetTicks() / CURSOR_BLINK_MS) % 2 == 0;
}

} // namespace

ScreenWindow::ScreenWindow(const PsfFont& font)
    : m_font(font)
    , m_width_pixels(ScreenSnapshot::COLS * font.width())
    , m_height_pixels(ScreenSnapshot::ROWS * font.height())
    , m_pixels(size_t(m_width_pixels) * m_height_pixels)
{
    for (unsigned byte = 0; byte < 256; ++byte)
        m_glyphs[byte] = font.glyph_for_cp437(uint8_t(byte));
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
    SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1"); // Ctrl-C in the terminal ends the sim
    SDL_SetHint(SDL_HINT_RENDER_SCALE_QUALITY, "nearest");
    if (SDL_Init(SDL_INIT_VIDEO) != 0) {
        error = SDL_GetError();
        return false;
    }
    int width = int(m_width_pixels);
    int height = int(m_height_pixels);
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
    SDL_RenderSetLogicalSize(m_renderer, width, height);
    SDL_RenderSetIntegerScale(m_renderer, SDL_TRUE);
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
    if (event.type == SDL_KEYDOWN || event.type == SDL_KEYUP) {
        uint8_t bytes[MAX_SCANCODE_BYTES];
        size_t count = scancode_bytes(event.key.keysym.scancode, event.type == SDL_KEYDOWN, bytes);
        if (count > 0)
            sim::press_scancodes(bytes, count);
    }
    return true;
}

void ScreenWindow::redraw_if_changed(bool force)
{
    bool cursor_phase = cursor_phase_visible();
    if (!force && sim::screen_generation() == m_drawn_generation && cursor_phase == m_drawn_cursor_phase)
        return;
    ScreenSnapshot& screen = m_screen;
    m_drawn_generation = sim::read_screen(screen);
    m_drawn_cursor_phase = cursor_phase;
    for (unsigned row = 0; row < ScreenSnapshot::ROWS; ++row)
        for (unsigned col = 0; col < ScreenSnapshot::COLS; ++col)
            paint_cell(col, row, screen.cells[row][col]);
    if (cursor_phase)
        paint_cursor(screen);
    SDL_UpdateTexture(m_texture, nullptr, m_pixels.data(), int(m_width_pixels * sizeof(uint32_t)));
    SDL_SetRenderDrawColor(m_renderer, 0, 0, 0, 255);
    SDL_RenderClear(m_renderer);
    SDL_RenderCopy(m_renderer, m_texture, nullptr, nullptr);
    SDL_RenderPresent(m_renderer);
}

void ScreenWindow::paint_cell(unsigned col, unsigned row, hal::Cell cell)
{
    uint32_t foreground = VGA_PALETTE[cell.attribute & 0x0F];
    uint32_t background = VGA_PALETTE[cell.attribute >> 4];
    const uint8_t* glyph = m_glyphs[cell.character];
    unsigned width = m_font.width();
    unsigned height = m_font.height();
    for (unsigned y = 0; y < height; ++y) {
        const uint8_t* glyph_row = glyph + y * m_font.row_bytes();
        uint32_t* pixel = &m_pixels[(size_t(row) * height + y) * m_width_pixels + col * width];
        for (unsigned x = 0; x < width; ++x)
            pixel[x] = (glyph_row[x / 8] & (0x80 >> (x % 8))) ? foreground : background;
    }
}

// The VGA's default cursor: an underline on scan lines 13 and 14 of 16, in the cell's colour.
void ScreenWindow::paint_cursor(const ScreenSnapshot& screen)
{
    if (screen.cursor_col >= ScreenSnapshot::COLS || screen.cursor_row >= ScreenSnapshot::ROWS)
        return;
    hal::Cell cell = screen.cells[screen.cursor_row][screen.cursor_col];
    uint32_t colour = VGA_PALETTE[cell.attribute & 0x0F];
    unsigned width = m_font.width();
    unsigned height = m_font.height();
    for (unsigned y = height * 13 / 16; y <= height * 14 / 16 && y < height; ++y) {
        uint32_t* pixel = &m_pixels[(size_t(screen.cursor_row) * height + y) * m_width_pixels
                                    + screen.cursor_col * width];
        for (unsigned x = 0; x < width; ++x)
            pixel[x] = colour;
    }
}

} // namespace frontend
