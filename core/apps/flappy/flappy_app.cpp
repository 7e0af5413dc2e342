// Flappy as a game the host runs: keys to flappy::Input, a 40 ms tick, the view, the record.
//
// Space, Up or W flaps; R or Enter plays again after a game over (Esc and q, which quit,
// never get here). Keys are gathered into the Input of the next tick.
#include <apps/flappy/flappy_view.hpp>
#include <apps/game_host.hpp>

namespace apps {

namespace {

constexpr uint64_t TICK_NS = 40'000'000;

class FlappyApp final : public Game {
public:
    explicit FlappyApp(const flappy::Options& options) : m_game(options) {}

    uint32_t best() const { return m_game.best(); }

    uint64_t tick_ns() const override { return TICK_NS; }
    void on_key(const input::KeyEvent& event) override
    {
        char character = lower_case_character(event);
        if (is_restart_key(event))
            m_input.restart = true;
        else if (event.key == input::Key::Up || character == ' ' || character == 'w')
            m_input.flap = true;
    }
    void tick() override
    {
        m_game.step(m_input);
        m_input = {};
    }
    void draw(Frame& frame) const override { flappy::draw(m_game, frame); }

private:
    flappy::Game m_game;
    flappy::Input m_input;
};

HighScore g_record("flappy");

} // namespace

kstd::Result<void> play_flappy(const GameOptions& options, fs::Context* files)
{
    return play_new<FlappyApp>(g_record, files, flappy::Options { .seed = seed_of(options) });
}

} // namespace apps
