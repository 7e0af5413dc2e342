// What the rules of both games share: the score kept against the best one, and the
// clamping of the field's size the options ask for.
//
//     Score m_score { options.best };
//     if (ate) m_score.add_point();    // new_best() once it passes the earlier best
//
// Header only and free of I/O, like the rules that use it (snake_game.hpp, flappy_game.hpp).
#pragma once
#include <stdint.h>

namespace apps {

class Score {
public:
    explicit Score(uint32_t best) : m_best(best) {}

    uint32_t points() const { return m_points; }
    uint32_t best() const { return m_best; }
    bool new_best() const { return m_new_best; } // this game beat the earlier best

    void add_point()
    {
        if (++m_points > m_best) {
            m_best = m_points;
            m_new_best = true;
        }
    }
    // A new game: no points, the best so far kept.
    void reset()
    {
        m_points = 0;
        m_new_best = false;
    }

private:
    uint32_t m_points = 0;
    uint32_t m_best;
    bool m_new_best = false;
};

constexpr uint16_t clamp_size(uint16_t value, uint16_t low, uint16_t high)
{
    return value < low ? low : value > high ? high : value;
}

} // namespace apps
