// Snake as a game the host runs: keys to snake::Input, a 20 ms tick, the view, the record.
//
// Arrows and WASD turn, P or space pauses, R or Enter plays again after a game over (Esc
// and q, which quit, never get here). Keys are gathered into the Input of the next tick,
// so several keys between two ticks all count, in order.
#include <apps/game_host.hpp>
#include <apps/snake/snake_view.hpp>

namespace apps {

namespace {

using snake::Direction;

constexpr uint64_t TICK_NS = 20'000'000;

class SnakeApp final : public RulesGame<snake::Game, snake::Input> {
public:
    using RulesGame::RulesGame;

    uint64_t tick_ns() const override { return TICK_NS; }
    void on_key(const input::KeyEvent& event) override;
    void draw(Frame& frame) const override { snake::draw(m_game, frame); }
};

void SnakeApp::on_key(const input::KeyEvent& event)
{
    if (is_restart_key(event)) {
        m_input.restart = true;
        return;
    }
    switch (event.key) {
    case input::Key::Up:
        return m_input.turn(Direction::Up);
    case input::Key::Down:
        return m_input.turn(Direction::Down);
    case input::Key::Left:
        return m_input.turn(Direction::Left);
    case input::Key::Right:
        return m_input.turn(Direction::Right);
    default:
        break;
    }
    switch (lower_case_character(event)) {
    case 'w':
        return m_input.turn(Direction::Up);
    case 's':
        return m_input.turn(Direction::Down);
    case 'a':
        return m_input.turn(Direction::Left);
    case 'd':
        return m_input.turn(Direction::Right);
    case 'p':
    case ' ':
        m_input.toggle_pause = !m_input.toggle_pause; // twice between two ticks: no change
        return;
    default:
        return;
    }
}

HighScore g_record("snake");

} // namespace

kstd::Result<void> play_snake(const GameOptions& options, fs::Context* files)
{
    snake::Options rules { .seed = seed_of(options), .wrap = options.wrap };
    return play_new<SnakeApp>(g_record, files, rules);
}

} // namespace apps
