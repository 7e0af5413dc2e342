// snake::Game: the rules of Snake, with no screen, keyboard or clock in sight.
//
//     snake::Game game({ .seed = 42 });
//     snake::Input input;
//     input.turn(snake::Direction::Up);
//     game.step(input);          // one tick
//
// The field is a grid of width x height cells. The snake starts three cells long in the
// middle, heading right; food appears on a free cell chosen by the seeded Random. The game
// advances in fixed ticks: step() takes what the player did since the previous tick (turns,
// pause, restart) and moves the snake one cell every move_interval() ticks, fewer as the
// score rises, so the snake speeds up. Eating makes it one cell longer and scores a point;
// running into a wall (unless the field wraps around) or into itself ends the game, and
// so does filling the whole field. Up to two turns are queued between moves, so a quick
// "up, left" makes a tight U-turn instead of losing the second key; a turn back the way
// the snake came is ignored. The best score so far is kept across restarts.
#pragma once
#include <apps/game_rules.hpp>
#include <apps/random.hpp>
#include <kstd/ring_buffer.hpp>
#include <stdint.h>

namespace apps::snake {

enum class Direction : uint8_t { Up, Down, Left, Right };
enum class State : uint8_t { Playing, Paused, Over };

struct Point {
    int16_t x;
    int16_t y;
    constexpr bool operator==(const Point&) const = default;
};

struct Options {
    uint64_t seed = 1;
    bool wrap = false; // leaving the field comes back on the other side instead of dying
    uint16_t width = 39;
    uint16_t height = 22;
    uint32_t best = 0; // the best score of earlier games
};

// What the player did since the previous tick.
struct Input {
    static constexpr unsigned MAX_TURNS = 4;

    void turn(Direction direction)
    {
        if (turn_count < MAX_TURNS)
            turns[turn_count++] = direction;
    }

    Direction turns[MAX_TURNS] = {};
    uint8_t turn_count = 0;
    bool toggle_pause = false;
    bool restart = false; // only heard once the game is over
};

class Game {
public:
    static constexpr uint16_t MAX_WIDTH = 39;
    static constexpr uint16_t MAX_HEIGHT = 22;
    static constexpr uint16_t START_LENGTH = 3;
    static constexpr uint32_t START_INTERVAL = 8; // ticks a move at score 0
    static constexpr uint32_t MIN_INTERVAL = 3;
    static constexpr uint32_t POINTS_PER_SPEED_UP = 4;
    static constexpr unsigned MAX_QUEUED_TURNS = 2;

    // Width and height are clamped to 8..MAX_WIDTH and 4..MAX_HEIGHT.
    explicit Game(const Options& options);

    void step(const Input& input);

    State state() const { return m_state; }
    uint32_t score() const { return m_score.points(); }
    uint32_t best() const { return m_score.best(); }
    bool new_best() const { return m_score.new_best(); } // this game beat the earlier best
    uint32_t move_interval() const;
    uint16_t width() const { return m_width; }
    uint16_t height() const { return m_height; }
    bool wraps() const { return m_wrap; }
    Direction direction() const { return m_direction; }
    Point food() const { return m_food; }
    bool has_food() const { return m_has_food; }
    // The snake from its tail (index 0) to its head (length() - 1).
    uint16_t length() const { return static_cast<uint16_t>(m_body.size()); }
    Point segment(uint16_t index) const { return m_body.at(index); }
    Point head() const { return m_body.at(m_body.size() - 1); }
    bool occupied(Point point) const { return m_occupied[point.y][point.x]; }

private:
    void restart();
    void queue_turn(Direction direction);
    void move();
    // Where the head goes next; false when that is through a wall.
    bool next_head(Point& head) const;
    void grow_to(Point head);
    void place_food();
    void end();

    Random m_random;
    uint16_t m_width;
    uint16_t m_height;
    bool m_wrap;
    State m_state = State::Playing;
    Direction m_direction = Direction::Right;
    Direction m_queued[MAX_QUEUED_TURNS] = {};
    uint8_t m_queued_count = 0;
    uint32_t m_ticks_since_move = 0;
    Score m_score;
    Point m_food = {};
    bool m_has_food = false;
    kstd::RingBuffer<Point, MAX_WIDTH * MAX_HEIGHT> m_body;
    bool m_occupied[MAX_HEIGHT][MAX_WIDTH] = {};
};

} // namespace apps::snake
