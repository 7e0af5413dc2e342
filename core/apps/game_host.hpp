// apps::Game and apps::play(): what every game gives, and how the kernel runs one.
//
// A Game is rules plus a view behind four calls: the tick it steps on, a key the player
// pressed, a tick, and drawing the current state into a Frame. play() runs it on the kernel
// executor as two tasks:
//
//   - the ticker, which steps the game on a timer future (sleep_until a steady deadline),
//     draws it into a Frame and writes the cells that changed to the console;
//   - the key reader, which owns the async::KeyStream and hands each key press to the game
//     (the game keeps what it needs until the next tick), until Esc, q or Ctrl+C.
//
// Both run on the executor's one thread, so they never run at once and share the Game
// without locks. The calling thread puts the console in full-screen mode, spawns the
// ticker (which spawns the key reader), and sleeps on a semaphore the ticker posts once
// the key reader has ended and the last frame is drawn; then it gives the screen back to
// the shell. play_new() adds the high score around that.
#pragma once
#include <apps/apps.hpp>
#include <apps/frame.hpp>
#include <apps/high_score.hpp>
#include <input/key.hpp>
#include <mm/heap/kmalloc.hpp>

namespace apps {

class Game {
public:
    virtual uint64_t tick_ns() const = 0;
    // A key press, other than the quit keys (Esc, q, Ctrl+C).
    virtual void on_key(const input::KeyEvent& event) = 0;
    // Steps the game with the keys pressed since the last tick.
    virtual void tick() = 0;
    virtual void draw(Frame& frame) const = 0;

protected:
    ~Game() = default;
};

// A Game made of a game's rules (snake::Game, flappy::Game) and the Input that on_key()
// gathers for the next tick: the app adds the tick length, the keys and the view.
template<typename Rules, typename RulesInput>
class RulesGame : public Game {
public:
    template<typename Options>
    explicit RulesGame(const Options& options) : m_game(options) {}

    uint32_t best() const { return m_game.best(); }
    void tick() override
    {
        m_game.step(m_input);
        m_input = {};
    }

protected:
    ~RulesGame() = default;

    Rules m_game;
    RulesInput m_input;
};

// Runs `game` full screen until the player quits; the console's previous screen is back
// when it returns. ENOMEM when the tasks could not be made (nothing has run then).
kstd::Result<void> play(Game& game);

// r or Enter: what both games take for "play again".
bool is_restart_key(const input::KeyEvent& event);
// The key's character in lower case (0 for keys that type none).
char lower_case_character(const input::KeyEvent& event);

// The seed a game starts from: the one asked for, or the cycle counter.
uint64_t seed_of(const GameOptions& options);

// Makes an App (a Game with a best() score, built from `options`) on the heap with the
// best score `record` knows, plays it, and keeps the best score it reached.
template<typename App, typename AppOptions>
kstd::Result<void> play_new(HighScore& record, fs::Context* files, AppOptions options)
{
    options.best = record.load(files);
    App* app = mm::make<App>(options);
    if (!app)
        return kstd::Errno::OutOfMemory;
    kstd::Result<void> played = play(*app);
    record.save(files, app->best());
    mm::destroy(app);
    return played;
}

} // namespace apps
