// Apps: text-mode games that run on the kernel's executor (core/apps, start here).
//
//     apps::play_snake({ .seed = 7 }, shell.files());   // returns when the player quits
//
// Each game is in a folder of its own, split three ways: the rules (snake/snake_game.hpp,
// flappy/flappy_game.hpp: a step(input) on a fixed tick, seeded, no I/O, so the host unit
// tests script whole games), the view (snake_view.cpp, flappy_view.cpp: the game drawn
// into a Frame), and the app (snake_app.cpp, flappy_app.cpp: keys to inputs, the tick).
// The shared part: random.hpp (the seeded xorshift generator), game_rules.hpp (the score
// against the best one), frame.hpp (a whole screen drawn in memory, and the presenter that
// writes only the cells that changed), game_screen.hpp (the title bar, border and message
// boxes both games draw), high_score.hpp (best scores in /var/games, or in memory), and
// game_host.hpp, which runs a game: full screen on the console, one task stepping and
// drawing on the timer, one task reading the key stream, and the calling thread waiting
// until the player leaves with Esc or q and the screen it had is back.
#pragma once
#include <kstd/optional.hpp>
#include <kstd/result.hpp>
#include <stdint.h>

namespace fs {
class Context;
}

namespace apps {

struct GameOptions {
    kstd::Optional<uint64_t> seed; // none: from the cycle counter, a new game each time
    bool wrap = false;             // snake: the field wraps around instead of having walls
};

// Plays a game on the kernel executor until the player quits, with high scores kept in
// /var/games through `files` (in memory when it is null or the file cannot be written).
// ENOMEM when there is no memory for the game or its tasks. Call from a thread (the shell):
// it waits for the game to end.
kstd::Result<void> play_snake(const GameOptions& options, fs::Context* files);
kstd::Result<void> play_flappy(const GameOptions& options, fs::Context* files);

} // namespace apps
