// The screen both games share: a title bar, a bordered field and message boxes.
//
//      SNAKE  Score 4  Best 12                    arrows/WASD move  P pause  Q quit
//     ╔══════════════════════════════════════════════════════════════════════════════╗
//     ║ the field: FIELD_COLS x FIELD_ROWS cells, from (FIELD_COL, FIELD_ROW)          ║
//     ╚══════════════════════════════════════════════════════════════════════════════╝
//
// A message box (paused, game over) is drawn over the middle of the field.
#pragma once
#include <apps/frame.hpp>
#include <kstd/span.hpp>

namespace apps {

inline constexpr int FIELD_COL = 1;
inline constexpr int FIELD_ROW = 2;
inline constexpr int FIELD_COLS = Frame::COLS - 2;
inline constexpr int FIELD_ROWS = Frame::ROWS - 3;

struct TitleBar {
    kstd::StringView name;
    uint32_t score;
    uint32_t best;
    kstd::StringView keys; // a reminder of the keys, at the right
};

struct MessageLine {
    kstd::StringView text;
    uint8_t attribute;
};

// The title bar on row 0 and the border around the field, in `border` colours.
void draw_frame_around_field(Frame& frame, const TitleBar& title, uint8_t border);
// A box of `lines` (centred, one a row) in the middle of the field, on `background`.
void draw_message(Frame& frame, kstd::Span<const MessageLine> lines, uint8_t background);

// A game's message box colours: plain lines (and the box), the title line, good news.
struct BoxColors {
    uint8_t plain;
    uint8_t title;
    uint8_t news;
};
// The box at the end of a game: "GAME OVER", the score, "A new best score!" when it is
// one, and the keys to play again or quit.
void draw_game_over(Frame& frame, uint32_t score, bool new_best, const BoxColors& colors);

} // namespace apps
