// Flappy as a game the host runs: keys to flappy::Input, a 40 ms tick, the view, the record.
//
// Space, Up or W flaps; R or Enter plays again after a game over (Esc and q, which quit,
// never get here). Keys are gathered into the Input of the next tick.
#include <apps/flappy/flappy_view.hpp>
#include <apps/game_host.hpp>

namespace apps {

namespace {

constexpr uint64_t TICK_NS = 40'000'000;

class FlappyApp final : public RulesGame<flappy::Game, flappy::Input> {
public:
    using RulesGame::RulesGame;

    uint64_t tick_ns() const override { return TICK_NS; }
    void on_key(const input::KeyEvent& event) override
    {
        char character = lower_case_character(event);
        if (is_restart_key(event))
            m_input.restart = true;
        else if (event.key == input::Key::Up || character == ' ' || character == 'w')
            m_input.flap = true;
    }
    void draw(Frame& frame) const override { flappy::draw(m_game, frame); }
};

HighScore g_record("flappy");

} // namespace

kstd::Result<void> play_flappy(const GameOptions& options, fs::Context* files)
{
    return play_new<FlappyApp>(g_record, files, flappy::Options { .seed = seed_of(options) });
}

} // namespace apps
