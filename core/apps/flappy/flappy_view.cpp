// Drawing Flappy into a Frame (see flappy_view.hpp).
#include <apps/flappy/flappy_view.hpp>
#include <apps/game_screen.hpp>

namespace apps::flappy {

namespace {
using console::Color;

constexpr uint8_t BORDER = attribute(Color::LightCyan, Color::Blue);
constexpr uint8_t RIM = attribute(Color::LightGreen, Color::Green);
constexpr uint8_t GROUND = attribute(Color::Green, Color::Brown);
constexpr uint8_t DEAD_BIRD = attribute(Color::LightRed, Color::Blue);
constexpr uint8_t BOX = attribute(Color::White, Color::Red);
constexpr uint8_t BOX_TITLE = attribute(Color::Yellow, Color::Red);
constexpr uint8_t BOX_NEWS = attribute(Color::LightGreen, Color::Red);
constexpr uint8_t SHADE = 0xB1;
constexpr uint8_t FACE = 0x02;

void draw_pipe(const Game& game, const Pipe& pipe, Frame& frame)
{
    for (int16_t col = pipe.x; col < pipe.x + Game::PIPE_WIDTH; ++col) {
        if (col < 0 || col >= game.width())
            continue;
        for (int16_t row = 0; row < game.height(); ++row) {
            bool in_gap = row >= pipe.gap_top && row < pipe.gap_top + Game::GAP_HEIGHT;
            bool rim = row == pipe.gap_top - 1 || row == pipe.gap_top + Game::GAP_HEIGHT;
            hal::Cell cell = rim ? hal::Cell { '=', RIM } : hal::Cell { ' ', PIPE_ATTRIBUTE };
            if (!in_gap)
                frame.put(FIELD_COL + col, FIELD_ROW + row, cell);
        }
    }
}

void draw_bird(const Game& game, Frame& frame)
{
    int col = FIELD_COL + Game::BIRD_COL;
    int row = FIELD_ROW + game.bird_row();
    if (game.state() == State::Over) {
        frame.text(col, row, "xx", DEAD_BIRD);
        return;
    }
    frame.put(col, row, { static_cast<uint8_t>(game.bird_speed() < 0 ? 'v' : '^'), SKY_ATTRIBUTE });
    frame.put(col + 1, row, { FACE, BIRD_ATTRIBUTE });
}

void draw_state_message(const Game& game, Frame& frame)
{
    if (game.state() == State::Ready) {
        MessageLine lines[] = { { "GET READY", BOX_TITLE }, { "Space or Up: flap", BOX } };
        draw_message(frame, lines, BOX);
    } else if (game.state() == State::Over) {
        draw_game_over(frame, game.score(), game.new_best(), { BOX, BOX_TITLE, BOX_NEWS });
    }
}

} // namespace

void draw(const Game& game, Frame& frame)
{
    draw_frame_around_field(frame, { "FLAPPY", game.score(), game.best(), "Space/Up flap  Q quit" }, BORDER);
    frame.fill(FIELD_COL, FIELD_ROW, game.width(), game.height(), { ' ', SKY_ATTRIBUTE });
    frame.fill(FIELD_COL, FIELD_ROW + game.height(), game.width(), 1, { SHADE, GROUND });
    for (unsigned index = 0; index < game.pipe_count(); ++index)
        draw_pipe(game, game.pipe(index), frame);
    draw_bird(game, frame);
    draw_state_message(game, frame);
}

} // namespace apps::flappy
