// Snake's rules from fixed seeds and scripted inputs: moving on the tick, turning, growth
// and scoring, walls, wrap-around, running into itself, speed-up, pause, restart, and a
// snake that fills the whole field.
#include <gtest/gtest.h>

#include <apps/snake/snake_game.hpp>

using apps::snake::Direction;
using apps::snake::Game;
using apps::snake::Input;
using apps::snake::Point;
using apps::snake::State;

namespace {

Input turning(Direction direction)
{
    Input input;
    input.turn(direction);
    return input;
}

Input pausing()
{
    Input input;
    input.toggle_pause = true;
    return input;
}

// Steps with `input` on the first tick and nothing after, until the snake has moved once
// (or the game is over).
void move_once(Game& game, const Input& input = {})
{
    Point before = game.head();
    uint16_t length = game.length();
    game.step(input);
    for (uint32_t tick = 1; tick < Game::START_INTERVAL && game.state() == State::Playing
         && game.head() == before && game.length() == length;
         ++tick)
        game.step({});
}

Direction counterclockwise(Direction direction)
{
    switch (direction) {
    case Direction::Right:
        return Direction::Up;
    case Direction::Up:
        return Direction::Left;
    case Direction::Left:
        return Direction::Down;
    case Direction::Down:
        return Direction::Right;
    }
    return direction;
}

// Three counterclockwise turns: the head ends on the cell behind where it was.
void tight_square(Game& game)
{
    for (int turn = 0; turn < 3; ++turn)
        move_once(game, turning(counterclockwise(game.direction())));
}

// A direction that brings `from` closer to `to` without reversing `heading`.
Direction toward(Point from, Point to, Direction heading)
{
    if (from.x != to.x) {
        Direction across = from.x < to.x ? Direction::Right : Direction::Left;
        bool reverses = (across == Direction::Right && heading == Direction::Left)
            || (across == Direction::Left && heading == Direction::Right);
        if (!reverses)
            return across;
        return from.y > 0 ? Direction::Up : Direction::Down; // side-step, then come back
    }
    Direction along = from.y < to.y ? Direction::Down : Direction::Up;
    bool reverses = (along == Direction::Down && heading == Direction::Up)
        || (along == Direction::Up && heading == Direction::Down);
    if (!reverses)
        return along;
    return from.x > 0 ? Direction::Left : Direction::Right;
}

// Steers the snake to its food and eats it.
void eat(Game& game)
{
    uint32_t score = game.score();
    for (int moves = 0; moves < 200 && game.score() == score; ++moves) {
        ASSERT_EQ(game.state(), State::Playing);
        move_once(game, turning(toward(game.head(), game.food(), game.direction())));
    }
    ASSERT_EQ(game.score(), score + 1);
}

} // namespace

TEST(SnakeTest, StartsThreeLongInTheMiddleHeadingRight)
{
    Game game({ .seed = 1 });
    EXPECT_EQ(game.state(), State::Playing);
    EXPECT_EQ(game.length(), 3);
    EXPECT_EQ(game.head(), (Point { 19, 11 }));
    EXPECT_EQ(game.segment(0), (Point { 17, 11 }));
    EXPECT_EQ(game.direction(), Direction::Right);
    EXPECT_EQ(game.score(), 0u);
    ASSERT_TRUE(game.has_food());
    EXPECT_FALSE(game.occupied(game.food()));
}

TEST(SnakeTest, MovesOneCellEveryMoveIntervalTicks)
{
    Game game({ .seed = 1 });
    ASSERT_EQ(game.move_interval(), Game::START_INTERVAL);
    for (uint32_t tick = 1; tick < Game::START_INTERVAL; ++tick) {
        game.step({});
        EXPECT_EQ(game.head(), (Point { 19, 11 })) << "tick " << tick;
    }
    game.step({});
    EXPECT_EQ(game.head(), (Point { 20, 11 }));
    EXPECT_EQ(game.segment(0), (Point { 18, 11 }));
    EXPECT_FALSE(game.occupied({ 17, 11 }));
    EXPECT_EQ(game.length(), 3);
}

TEST(SnakeTest, TurnsButNeverBackOnItself)
{
    Game game({ .seed = 1 });
    move_once(game, turning(Direction::Left)); // straight back: ignored
    EXPECT_EQ(game.head(), (Point { 20, 11 }));
    move_once(game, turning(Direction::Up));
    EXPECT_EQ(game.head(), (Point { 20, 10 }));
    EXPECT_EQ(game.direction(), Direction::Up);
    move_once(game, turning(Direction::Down));
    EXPECT_EQ(game.head(), (Point { 20, 9 }));
}

TEST(SnakeTest, TwoQuickTurnsBetweenMovesMakeAUTurn)
{
    Game game({ .seed = 1 });
    Input input;
    input.turn(Direction::Up);
    input.turn(Direction::Left); // would reverse Right, but follows Up
    move_once(game, input);
    EXPECT_EQ(game.head(), (Point { 19, 10 }));
    move_once(game);
    EXPECT_EQ(game.head(), (Point { 18, 10 }));
    EXPECT_EQ(game.direction(), Direction::Left);
}

TEST(SnakeTest, EatingGrowsTheSnakeScoresAndPlacesNewFood)
{
    Game game({ .seed = 7 });
    Point food = game.food();
    eat(game);
    EXPECT_EQ(game.head(), food);
    EXPECT_EQ(game.length(), 4);
    EXPECT_EQ(game.score(), 1u);
    EXPECT_EQ(game.best(), 1u);
    EXPECT_TRUE(game.new_best());
    ASSERT_TRUE(game.has_food());
    EXPECT_FALSE(game.occupied(game.food()));
    eat(game);
    EXPECT_EQ(game.length(), 5);
    EXPECT_EQ(game.score(), 2u);
}

TEST(SnakeTest, SpeedsUpAsTheScoreRises)
{
    Game game({ .seed = 3 });
    for (uint32_t food = 0; food < Game::POINTS_PER_SPEED_UP; ++food)
        eat(game);
    EXPECT_EQ(game.move_interval(), Game::START_INTERVAL - 1);
    Point before = game.head();
    for (uint32_t tick = 0; tick < Game::START_INTERVAL - 1; ++tick)
        game.step({});
    EXPECT_NE(game.head(), before) << "moved within the shorter interval";
    while (game.score() < (Game::START_INTERVAL - Game::MIN_INTERVAL + 2) * Game::POINTS_PER_SPEED_UP)
        eat(game);
    EXPECT_EQ(game.move_interval(), Game::MIN_INTERVAL);
}

TEST(SnakeTest, AWallEndsTheGame)
{
    Game game({ .seed = 2 }); // food on the way: the snake grows but goes on
    for (int moves = 0; moves < 19; ++moves)
        move_once(game);
    EXPECT_EQ(game.head(), (Point { 38, 11 }));
    EXPECT_EQ(game.state(), State::Playing);
    move_once(game);
    EXPECT_EQ(game.state(), State::Over);
    EXPECT_EQ(game.head(), (Point { 38, 11 }));
    EXPECT_EQ(game.score(), 1u);
    for (int tick = 0; tick < 20; ++tick)
        game.step(turning(Direction::Up));
    EXPECT_EQ(game.head(), (Point { 38, 11 })) << "nothing moves after the end";
}

TEST(SnakeTest, WrapsAroundWhenAsked)
{
    Game game({ .seed = 1, .wrap = true });
    EXPECT_TRUE(game.wraps());
    for (int moves = 0; moves < 20; ++moves)
        move_once(game);
    EXPECT_EQ(game.state(), State::Playing);
    EXPECT_EQ(game.head().x, 0);
    move_once(game, turning(Direction::Up));
    for (int moves = 0; moves < 11; ++moves)
        move_once(game);
    EXPECT_EQ(game.head(), (Point { 0, 21 }));
}

TEST(SnakeTest, RunningIntoItselfEndsTheGameButFollowingTheTailDoesNot)
{
    Game game({ .seed = 11 });
    eat(game);
    tight_square(game); // four long: the head takes the tail's cell as the tail leaves it
    EXPECT_EQ(game.state(), State::Playing);
    EXPECT_EQ(game.length(), 4);

    eat(game);
    tight_square(game); // five long: that cell is still body
    EXPECT_EQ(game.state(), State::Over);
    EXPECT_EQ(game.length(), 5);
    EXPECT_EQ(game.score(), 2u);
}

TEST(SnakeTest, PauseStopsEverythingUntilToggledAgain)
{
    Game game({ .seed = 1 });
    game.step(pausing());
    EXPECT_EQ(game.state(), State::Paused);
    for (int tick = 0; tick < 50; ++tick)
        game.step(turning(Direction::Up));
    EXPECT_EQ(game.head(), (Point { 19, 11 }));
    game.step(pausing());
    EXPECT_EQ(game.state(), State::Playing);
    move_once(game);
    EXPECT_EQ(game.head(), (Point { 20, 11 })) << "turns made while paused are forgotten";
}

TEST(SnakeTest, RestartAfterTheEndKeepsTheBestScore)
{
    Game game({ .seed = 2, .best = 5 });
    while (game.state() == State::Playing)
        move_once(game);
    EXPECT_EQ(game.best(), 5u);
    EXPECT_FALSE(game.new_best());
    game.step({});
    EXPECT_EQ(game.state(), State::Over) << "only a restart starts again";
    Input restart;
    restart.restart = true;
    game.step(restart);
    EXPECT_EQ(game.state(), State::Playing);
    EXPECT_EQ(game.score(), 0u);
    EXPECT_EQ(game.length(), 3);
    EXPECT_EQ(game.head(), (Point { 19, 11 }));
    EXPECT_EQ(game.best(), 5u);
}

TEST(SnakeTest, TheSameSeedAndInputsPlayTheSameGame)
{
    Game first({ .seed = 99 });
    Game second({ .seed = 99 });
    for (int round = 0; round < 3; ++round) {
        eat(first);
        eat(second);
        EXPECT_EQ(first.food(), second.food());
        EXPECT_EQ(first.head(), second.head());
    }
    EXPECT_NE(Game({ .seed = 1 }).food(), Game({ .seed = 2 }).food());
}

// The end-to-end test starts `snake --seed 16` and waits for the first point without
// steering: the first food must be straight ahead.
TEST(SnakeTest, TheEndToEndSeedPutsTheFirstFoodStraightAhead)
{
    Game game({ .seed = 16 });
    EXPECT_EQ(game.food().y, game.head().y);
    EXPECT_GT(game.food().x, game.head().x);
}

// On a Hamiltonian cycle of an 8x4 field the snake eats everything and fills the field.
TEST(SnakeTest, FillingTheWholeFieldEndsTheGame)
{
    Game game({ .seed = 5, .width = 8, .height = 4 });
    auto along_cycle = [](Point at) {
        if (at.y == 0)
            return at.x < 7 ? Direction::Right : Direction::Down;
        if (at.x == 0)
            return Direction::Up;
        if (at.x % 2 == 1)
            return at.y < 3 ? Direction::Down : Direction::Left;
        return at.y > 1 ? Direction::Up : Direction::Left;
    };
    for (int moves = 0; moves < 2000 && game.state() == State::Playing; ++moves)
        move_once(game, turning(along_cycle(game.head())));
    EXPECT_EQ(game.state(), State::Over);
    EXPECT_EQ(game.length(), 32);
    EXPECT_EQ(game.score(), 29u);
    EXPECT_FALSE(game.has_food());
}

// Random play from fixed seeds: the snake's cells are exactly the occupied ones, all on the
// field, and the food is never under the snake.
TEST(SnakeTest, RandomPlayKeepsTheFieldConsistent)
{
    apps::Random keys(2024);
    for (uint64_t seed = 1; seed <= 8; ++seed) {
        Game game({ .seed = seed, .wrap = seed % 2 == 0 });
        for (int tick = 0; tick < 2000; ++tick) {
            Input input;
            if (keys.below(4) == 0)
                input.turn(static_cast<Direction>(keys.below(4)));
            input.restart = game.state() == State::Over;
            game.step(input);
            unsigned occupied = 0;
            for (int16_t y = 0; y < game.height(); ++y) {
                for (int16_t x = 0; x < game.width(); ++x)
                    occupied += game.occupied({ x, y });
            }
            ASSERT_EQ(occupied, game.length()) << "seed " << seed << " tick " << tick;
            for (uint16_t index = 0; index < game.length(); ++index)
                ASSERT_TRUE(game.occupied(game.segment(index)));
            if (game.has_food()) {
                ASSERT_FALSE(game.occupied(game.food()));
            }
        }
    }
}
