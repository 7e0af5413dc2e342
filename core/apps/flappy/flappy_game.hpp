// flappy::Game: the rules of Flappy Bird, with no screen, keyboard or clock in sight.
//
//     flappy::Game game({ .seed = 42 });
//     game.step({ .flap = true });   // one tick
//
// The field is `width` columns by `height` rows of sky above the ground. The bird stays in
// one column, two cells wide, and only moves up and down: its height is kept in 1/256 of a
// row, gravity adds to its falling speed every tick (up to a terminal speed), a flap sets
// the speed to a fixed upward one, and the top of the sky is a ceiling. Pipes scroll in
// from the right one column a tick, PIPE_SPACING columns apart; each has a gap of
// GAP_HEIGHT rows whose height the seeded Random chooses, at most MAX_GAP_SHIFT rows from
// the gap before it, so every gap can be reached. Passing a pipe scores a point; touching
// a pipe or the ground ends the game. A game waits in the Ready state, the bird hovering,
// until the first flap; after the end, a restart makes a new one (the Random goes on, so
// the pipes differ). The best score so far is kept across restarts.
#pragma once
#include <apps/game_rules.hpp>
#include <apps/random.hpp>
#include <stdint.h>

namespace apps::flappy {

enum class State : uint8_t { Ready, Playing, Over };

struct Options {
    uint64_t seed = 1;
    uint16_t width = 78;
    uint16_t height = 21;
    uint32_t best = 0; // the best score of earlier games
};

// What the player did since the previous tick.
struct Input {
    bool flap = false;
    bool restart = false; // only heard once the game is over
};

struct Pipe {
    int16_t x;       // its leftmost column; negative once it starts to leave the field
    int16_t gap_top; // the first row of the gap
    bool scored;
};

class Game {
public:
    static constexpr int32_t SUBROWS = 256; // heights and speeds are in 1/256 rows
    static constexpr int32_t GRAVITY = 24;  // added to the speed every tick
    static constexpr int32_t FLAP_SPEED = -170;
    static constexpr int32_t MAX_FALL_SPEED = SUBROWS; // a row a tick: no row is skipped
    static constexpr int16_t BIRD_COL = 16;
    static constexpr int16_t BIRD_WIDTH = 2;
    static constexpr int16_t PIPE_WIDTH = 4;
    static constexpr int16_t PIPE_SPACING = 24;
    static constexpr int16_t GAP_HEIGHT = 7;
    static constexpr int16_t MAX_GAP_SHIFT = 6;
    static constexpr int16_t GAP_MARGIN = 1; // rows kept between a gap and the sky's edges
    static constexpr uint16_t MIN_WIDTH = BIRD_COL + BIRD_WIDTH + PIPE_WIDTH;
    static constexpr uint16_t MAX_WIDTH = 80;
    static constexpr uint16_t MIN_HEIGHT = GAP_HEIGHT + 2 * GAP_MARGIN;
    static constexpr unsigned MAX_PIPES = MAX_WIDTH / PIPE_SPACING + 2;

    // Width and height are clamped to MIN_WIDTH..MAX_WIDTH and MIN_HEIGHT..100.
    explicit Game(const Options& options);

    void step(const Input& input);

    State state() const { return m_state; }
    uint32_t score() const { return m_score.points(); }
    uint32_t best() const { return m_score.best(); }
    bool new_best() const { return m_score.new_best(); } // this game beat the earlier best
    uint16_t width() const { return m_width; }
    uint16_t height() const { return m_height; }
    // The bird's height in sub-rows (0 is the top of the sky) and its row.
    int32_t bird_y() const { return m_bird_y; }
    int16_t bird_row() const { return static_cast<int16_t>(m_bird_y / SUBROWS); }
    // Negative while rising.
    int32_t bird_speed() const { return m_bird_speed; }
    unsigned pipe_count() const { return m_pipe_count; }
    const Pipe& pipe(unsigned index) const { return m_pipes[index]; }

private:
    void restart();
    void move_bird(bool flap);
    void scroll_pipes();
    void spawn_pipe();
    bool bird_hits_pipe() const;
    void score_passed_pipes();
    void end();

    Random m_random;
    uint16_t m_width;
    uint16_t m_height;
    State m_state = State::Ready;
    int32_t m_bird_y = 0;
    int32_t m_bird_speed = 0;
    Pipe m_pipes[MAX_PIPES] = {};
    unsigned m_pipe_count = 0;
    Score m_score;
};

} // namespace apps::flappy
