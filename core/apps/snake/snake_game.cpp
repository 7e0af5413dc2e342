// The rules of Snake: ticks, turns, moves, food and the end of a game (see snake_game.hpp).
#include <apps/snake/snake_game.hpp>

namespace apps::snake {

namespace {

Direction opposite(Direction direction)
{
    switch (direction) {
    case Direction::Up:
        return Direction::Down;
    case Direction::Down:
        return Direction::Up;
    case Direction::Left:
        return Direction::Right;
    case Direction::Right:
        return Direction::Left;
    }
    return direction;
}

} // namespace

Game::Game(const Options& options)
    : m_random(options.seed)
    , m_width(clamp_size(options.width, 8, MAX_WIDTH))
    , m_height(clamp_size(options.height, 4, MAX_HEIGHT))
    , m_wrap(options.wrap)
    , m_score(options.best)
{
    restart();
}

uint32_t Game::move_interval() const
{
    uint32_t speed_ups = m_score.points() / POINTS_PER_SPEED_UP;
    return speed_ups >= START_INTERVAL - MIN_INTERVAL ? MIN_INTERVAL : START_INTERVAL - speed_ups;
}

void Game::restart()
{
    m_body.clear();
    for (auto& row : m_occupied) {
        for (bool& cell : row)
            cell = false;
    }
    int16_t middle_x = static_cast<int16_t>(m_width / 2);
    int16_t middle_y = static_cast<int16_t>(m_height / 2);
    for (int16_t offset = START_LENGTH - 1; offset >= 0; --offset)
        grow_to({ static_cast<int16_t>(middle_x - offset), middle_y });
    m_state = State::Playing;
    m_direction = Direction::Right;
    m_queued_count = 0;
    m_ticks_since_move = 0;
    m_score.reset();
    place_food();
}

void Game::step(const Input& input)
{
    if (m_state == State::Over) {
        if (input.restart)
            restart();
        return;
    }
    if (input.toggle_pause)
        m_state = m_state == State::Paused ? State::Playing : State::Paused;
    if (m_state == State::Paused)
        return;
    for (uint8_t index = 0; index < input.turn_count; ++index)
        queue_turn(input.turns[index]);
    if (++m_ticks_since_move < move_interval())
        return;
    m_ticks_since_move = 0;
    move();
}

void Game::queue_turn(Direction direction)
{
    Direction last = m_queued_count > 0 ? m_queued[m_queued_count - 1] : m_direction;
    if (direction == last || direction == opposite(last) || m_queued_count == MAX_QUEUED_TURNS)
        return;
    m_queued[m_queued_count++] = direction;
}

bool Game::next_head(Point& head) const
{
    Point from = this->head();
    int x = from.x + (m_direction == Direction::Right) - (m_direction == Direction::Left);
    int y = from.y + (m_direction == Direction::Down) - (m_direction == Direction::Up);
    bool inside = x >= 0 && y >= 0 && x < m_width && y < m_height;
    if (!inside && !m_wrap)
        return false;
    head = { static_cast<int16_t>((x + m_width) % m_width), static_cast<int16_t>((y + m_height) % m_height) };
    return true;
}

void Game::move()
{
    if (m_queued_count > 0) {
        m_direction = m_queued[0];
        m_queued[0] = m_queued[1];
        --m_queued_count;
    }
    Point head;
    if (!next_head(head)) {
        end();
        return;
    }
    bool eating = m_has_food && head == m_food;
    Point tail = m_body.at(0);
    // The tail moves out of the way in the same move, unless the snake grows.
    if (occupied(head) && (eating || !(head == tail))) {
        end();
        return;
    }
    if (!eating) {
        m_occupied[tail.y][tail.x] = false;
        (void)m_body.try_pop();
        grow_to(head);
        return;
    }
    grow_to(head);
    m_score.add_point();
    place_food();
}

void Game::grow_to(Point head)
{
    VERIFY(m_body.try_push(head));
    m_occupied[head.y][head.x] = true;
}

void Game::place_food()
{
    uint32_t free_cells = uint32_t(m_width) * m_height - m_body.size();
    m_has_food = free_cells > 0;
    if (!m_has_food) {
        end(); // the snake fills the field: nothing left to eat
        return;
    }
    uint32_t chosen = m_random.below(free_cells);
    for (int16_t y = 0; y < m_height; ++y) {
        for (int16_t x = 0; x < m_width; ++x) {
            if (m_occupied[y][x])
                continue;
            if (chosen-- == 0) {
                m_food = { x, y };
                return;
            }
        }
    }
}

void Game::end()
{
    m_state = State::Over;
    m_queued_count = 0;
}

} // namespace apps::snake
