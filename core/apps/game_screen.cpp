// Drawing the title bar, the border and message boxes (see game_screen.hpp).
#include <apps/game_screen.hpp>
#include <kstd/fixed_string.hpp>

namespace apps {

namespace {
using console::Color;

constexpr uint8_t BAR = attribute(Color::LightGray, Color::Blue);
constexpr uint8_t BAR_NAME = attribute(Color::Yellow, Color::Blue);
constexpr uint8_t BAR_SCORE = attribute(Color::White, Color::Blue);
constexpr uint8_t BAR_BEST = attribute(Color::LightCyan, Color::Blue);

// "LABEL VALUE" from `col`; returns the column after it.
int labelled_number(Frame& frame, int col, kstd::StringView label, uint32_t value, uint8_t attribute)
{
    kstd::FixedString<24> text;
    kstd::format_to(text, "{} {}", label, value);
    return frame.text(col, 0, text.view(), attribute);
}
} // namespace

void draw_frame_around_field(Frame& frame, const TitleBar& title, uint8_t border)
{
    frame.fill(0, 0, Frame::COLS, 1, { ' ', BAR });
    int col = frame.text(1, 0, title.name, BAR_NAME) + 2;
    col = labelled_number(frame, col, "Score", title.score, BAR_SCORE) + 2;
    labelled_number(frame, col, "Best", title.best, BAR_BEST);
    frame.text(Frame::COLS - 1 - static_cast<int>(title.keys.size()), 0, title.keys, BAR);
    frame.box(FIELD_COL - 1, FIELD_ROW - 1, FIELD_COLS + 2, FIELD_ROWS + 2, border);
}

void draw_message(Frame& frame, kstd::Span<const MessageLine> lines, uint8_t background)
{
    int widest = 0;
    for (const MessageLine& line : lines)
        widest = static_cast<int>(line.text.size()) > widest ? static_cast<int>(line.text.size()) : widest;
    int width = widest + 6;
    int height = static_cast<int>(lines.size()) + 4;
    int left = (Frame::COLS - width) / 2;
    int top = FIELD_ROW + (FIELD_ROWS - height) / 2;
    frame.fill(left, top, width, height, { ' ', background });
    frame.box(left, top, width, height, background);
    int row = top + 2;
    for (const MessageLine& line : lines)
        frame.centred_text(row++, line.text, line.attribute);
}

void draw_game_over(Frame& frame, uint32_t score, bool new_best, const BoxColors& colors)
{
    kstd::FixedString<32> score_line;
    kstd::format_to(score_line, "Score {}", score);
    MessageLine lines[] = {
        { "GAME OVER", colors.title },
        { score_line.view(), colors.plain },
        { new_best ? "A new best score!" : "", colors.news },
        { "R or Enter: play again", colors.plain },
        { "Q or Esc: quit", colors.plain },
    };
    draw_message(frame, lines, colors.plain);
}

} // namespace apps
