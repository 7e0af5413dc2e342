// The rules of Flappy Bird: physics, pipes, scoring and the end of a game (see
// flappy_game.hpp).
#include <apps/flappy/flappy_game.hpp>
#include <kstd/verify.hpp>

namespace apps::flappy {

namespace {
constexpr uint16_t MAX_HEIGHT = 100;
} // namespace

Game::Game(const Options& options)
    : m_random(options.seed)
    , m_width(clamp_size(options.width, MIN_WIDTH, MAX_WIDTH))
    , m_height(clamp_size(options.height, MIN_HEIGHT, MAX_HEIGHT))
    , m_score(options.best)
{
    restart();
}

void Game::restart()
{
    m_state = State::Ready;
    m_bird_y = m_height / 2 * SUBROWS;
    m_bird_speed = 0;
    m_pipe_count = 0;
    m_score.reset();
}

void Game::step(const Input& input)
{
    switch (m_state) {
    case State::Over:
        if (input.restart)
            restart();
        return;
    case State::Ready:
        if (!input.flap)
            return;
        m_state = State::Playing;
        break;
    case State::Playing:
        break;
    }
    move_bird(input.flap);
    scroll_pipes();
    if (bird_row() >= m_height) {
        m_bird_y = (m_height - 1) * SUBROWS; // resting on the ground
        end();
        return;
    }
    if (bird_hits_pipe()) {
        end();
        return;
    }
    score_passed_pipes();
}

void Game::move_bird(bool flap)
{
    m_bird_speed = flap ? FLAP_SPEED : m_bird_speed + GRAVITY;
    if (m_bird_speed > MAX_FALL_SPEED)
        m_bird_speed = MAX_FALL_SPEED;
    m_bird_y += m_bird_speed;
    if (m_bird_y < 0) {
        m_bird_y = 0;
        m_bird_speed = 0;
    }
}

void Game::scroll_pipes()
{
    unsigned kept = 0;
    for (unsigned index = 0; index < m_pipe_count; ++index) {
        Pipe pipe = m_pipes[index];
        --pipe.x;
        if (pipe.x + PIPE_WIDTH > 0)
            m_pipes[kept++] = pipe;
    }
    m_pipe_count = kept;
    if (m_pipe_count == 0 || m_pipes[m_pipe_count - 1].x <= m_width - PIPE_SPACING)
        spawn_pipe();
}

void Game::spawn_pipe()
{
    VERIFY(m_pipe_count < MAX_PIPES);
    int16_t lowest = GAP_MARGIN;
    int16_t highest = static_cast<int16_t>(m_height - GAP_HEIGHT - GAP_MARGIN);
    if (m_pipe_count > 0) {
        int16_t previous = m_pipes[m_pipe_count - 1].gap_top;
        if (previous - MAX_GAP_SHIFT > lowest)
            lowest = static_cast<int16_t>(previous - MAX_GAP_SHIFT);
        if (previous + MAX_GAP_SHIFT < highest)
            highest = static_cast<int16_t>(previous + MAX_GAP_SHIFT);
    }
    int16_t gap_top = static_cast<int16_t>(lowest + m_random.below(uint32_t(highest - lowest + 1)));
    m_pipes[m_pipe_count++] = { static_cast<int16_t>(m_width), gap_top, false };
}

bool Game::bird_hits_pipe() const
{
    int16_t row = bird_row();
    for (unsigned index = 0; index < m_pipe_count; ++index) {
        const Pipe& pipe = m_pipes[index];
        bool overlaps = pipe.x < BIRD_COL + BIRD_WIDTH && BIRD_COL < pipe.x + PIPE_WIDTH;
        if (overlaps && (row < pipe.gap_top || row >= pipe.gap_top + GAP_HEIGHT))
            return true;
    }
    return false;
}

void Game::score_passed_pipes()
{
    for (unsigned index = 0; index < m_pipe_count; ++index) {
        Pipe& pipe = m_pipes[index];
        if (pipe.scored || pipe.x + PIPE_WIDTH > BIRD_COL)
            continue;
        pipe.scored = true;
        m_score.add_point();
    }
}

void Game::end()
{
    m_state = State::Over;
}

} // namespace apps::flappy
