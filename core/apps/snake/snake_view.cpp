// Drawing Snake into a Frame (see snake_view.hpp).
#include <apps/game_screen.hpp>
#include <apps/snake/snake_view.hpp>

namespace apps::snake {

namespace {
using console::Color;

constexpr uint8_t FIELD = attribute(Color::LightGray);
constexpr uint8_t WALLS = attribute(Color::LightCyan);
constexpr uint8_t NO_WALLS = attribute(Color::DarkGray);
constexpr uint8_t BOX = attribute(Color::White, Color::Blue);
constexpr uint8_t BOX_TITLE = attribute(Color::Yellow, Color::Blue);
constexpr uint8_t BOX_NEWS = attribute(Color::LightGreen, Color::Blue);
constexpr uint8_t HALF_BLOCK_RIGHT = 0xDE;
constexpr uint8_t HALF_BLOCK_LEFT = 0xDD;

// A field cell's two screen cells.
void put_pair(Frame& frame, Point point, uint8_t first, uint8_t second, uint8_t attribute)
{
    int col = FIELD_COL + point.x * 2;
    int row = FIELD_ROW + point.y;
    frame.put(col, row, { first, attribute });
    frame.put(col + 1, row, { second, attribute });
}

kstd::StringView eyes(Direction direction)
{
    switch (direction) {
    case Direction::Up:
        return "^^";
    case Direction::Down:
        return "vv";
    case Direction::Left:
        return "<:";
    case Direction::Right:
        return ":>";
    }
    return "  ";
}

void draw_snake(const Game& game, Frame& frame)
{
    for (uint16_t index = 0; index + 1 < game.length(); ++index)
        put_pair(frame, game.segment(index), ' ', ' ', BODY_ATTRIBUTE);
    kstd::StringView head = game.state() == State::Over ? "xx" : eyes(game.direction());
    uint8_t head_attribute = game.state() == State::Over ? DEAD_HEAD_ATTRIBUTE : HEAD_ATTRIBUTE;
    put_pair(frame, game.head(), head[0], head[1], head_attribute);
}

void draw_state_message(const Game& game, Frame& frame)
{
    if (game.state() == State::Paused) {
        MessageLine lines[] = { { "PAUSED", BOX_TITLE }, { "P or space: go on", BOX } };
        draw_message(frame, lines, BOX);
    } else if (game.state() == State::Over) {
        draw_game_over(frame, game.score(), game.new_best(), { BOX, BOX_TITLE, BOX_NEWS });
    }
}

} // namespace

void draw(const Game& game, Frame& frame)
{
    draw_frame_around_field(frame,
                            { game.wraps() ? "SNAKE (wrap)" : "SNAKE", game.score(), game.best(),
                              "arrows/WASD move  P pause  Q quit" },
                            game.wraps() ? NO_WALLS : WALLS);
    frame.fill(FIELD_COL, FIELD_ROW, FIELD_COLS, FIELD_ROWS, { ' ', FIELD });
    if (game.has_food())
        put_pair(frame, game.food(), HALF_BLOCK_RIGHT, HALF_BLOCK_LEFT, FOOD_ATTRIBUTE);
    draw_snake(game, frame);
    draw_state_message(game, frame);
}

} // namespace apps::snake
