// Flappy's rules from fixed seeds and scripted inputs: waiting for the first flap,
// gravity and flapping, the ceiling and the ground, pipes spawned from the seed, hitting a
// pipe, scoring, and restarting.
#include <gtest/gtest.h>

#include <apps/flappy/flappy_game.hpp>

#include <cstdlib>
#include <vector>

using apps::flappy::Game;
using apps::flappy::Input;
using apps::flappy::Pipe;
using apps::flappy::State;

namespace {

constexpr Input FLAP { .flap = true };
constexpr Input NOTHING {};
constexpr Input RESTART { .restart = true };

// The first pipe that the bird has not passed yet, or nullptr.
const Pipe* next_pipe(const Game& game)
{
    for (unsigned index = 0; index < game.pipe_count(); ++index) {
        const Pipe& pipe = game.pipe(index);
        if (pipe.x + Game::PIPE_WIDTH > Game::BIRD_COL)
            return &pipe;
    }
    return nullptr;
}

// Flaps whenever the bird is falling below `row` (a simple autopilot).
Input hold_at(const Game& game, int row)
{
    return game.bird_row() > row && game.bird_speed() > 0 ? FLAP : NOTHING;
}

// Aims for the lower part of the next gap.
Input fly_through(const Game& game)
{
    const Pipe* pipe = next_pipe(game);
    return hold_at(game, pipe ? pipe->gap_top + Game::GAP_HEIGHT - 3 : game.height() / 2);
}

} // namespace

TEST(FlappyTest, WaitsForTheFirstFlap)
{
    Game game({ .seed = 1 });
    int32_t start = game.bird_y();
    EXPECT_EQ(start, game.height() / 2 * Game::SUBROWS);
    for (int tick = 0; tick < 100; ++tick)
        game.step(NOTHING);
    EXPECT_EQ(game.state(), State::Ready);
    EXPECT_EQ(game.bird_y(), start);
    EXPECT_EQ(game.pipe_count(), 0u);
    game.step(FLAP);
    EXPECT_EQ(game.state(), State::Playing);
    EXPECT_EQ(game.bird_speed(), Game::FLAP_SPEED);
    EXPECT_EQ(game.bird_y(), start + Game::FLAP_SPEED);
}

TEST(FlappyTest, GravityPullsTheBirdDownFasterAndFasterUpToTheTerminalSpeed)
{
    Game game({ .seed = 1 });
    game.step(FLAP);
    int32_t speed = Game::FLAP_SPEED;
    int32_t y = game.bird_y();
    for (int tick = 0; tick < 12; ++tick) {
        game.step(NOTHING);
        speed = speed + Game::GRAVITY > Game::MAX_FALL_SPEED ? Game::MAX_FALL_SPEED : speed + Game::GRAVITY;
        y += speed;
        ASSERT_EQ(game.bird_speed(), speed) << "tick " << tick;
        ASSERT_EQ(game.bird_y(), y) << "tick " << tick;
    }
    EXPECT_GT(game.bird_speed(), 0);
    // The apex: rising stops after FLAP_SPEED / GRAVITY ticks.
    Game rising({ .seed = 1 });
    rising.step(FLAP);
    int ticks_up = 0;
    while (rising.bird_speed() < 0) {
        rising.step(NOTHING);
        ++ticks_up;
    }
    EXPECT_EQ(ticks_up, (-Game::FLAP_SPEED + Game::GRAVITY - 1) / Game::GRAVITY);
}

TEST(FlappyTest, TheTopOfTheSkyIsACeiling)
{
    Game game({ .seed = 1 });
    for (int tick = 0; tick < 40; ++tick)
        game.step(FLAP);
    EXPECT_EQ(game.bird_y(), 0);
    EXPECT_EQ(game.bird_row(), 0);
    EXPECT_NE(game.state(), State::Over);
}

TEST(FlappyTest, TheGroundEndsTheGame)
{
    Game game({ .seed = 1 });
    game.step(FLAP);
    int ticks = 0;
    while (game.state() == State::Playing && ticks < 1000) {
        game.step(NOTHING);
        ++ticks;
    }
    EXPECT_EQ(game.state(), State::Over);
    EXPECT_EQ(game.bird_row(), game.height() - 1);
    EXPECT_LT(ticks, 40);
    EXPECT_EQ(game.score(), 0u);
}

TEST(FlappyTest, PipesScrollInFromTheRightAtEvenSpacingWithReachableGaps)
{
    Game game({ .seed = 4 });
    game.step(FLAP);
    ASSERT_EQ(game.pipe_count(), 1u);
    EXPECT_EQ(game.pipe(0).x, game.width());
    for (int tick = 0; tick < 200; ++tick) {
        game.step(hold_at(game, 2));
        if (game.state() != State::Playing)
            break;
        for (unsigned index = 1; index < game.pipe_count(); ++index) {
            const Pipe& before = game.pipe(index - 1);
            const Pipe& pipe = game.pipe(index);
            ASSERT_EQ(pipe.x - before.x, Game::PIPE_SPACING);
            ASSERT_LE(abs(pipe.gap_top - before.gap_top), Game::MAX_GAP_SHIFT);
        }
        for (unsigned index = 0; index < game.pipe_count(); ++index) {
            const Pipe& pipe = game.pipe(index);
            ASSERT_GE(pipe.gap_top, Game::GAP_MARGIN);
            ASSERT_LE(pipe.gap_top + Game::GAP_HEIGHT + Game::GAP_MARGIN, game.height());
            ASSERT_GT(pipe.x + Game::PIPE_WIDTH, 0);
        }
    }
}

TEST(FlappyTest, TheSeedDecidesTheGaps)
{
    auto gaps = [](uint64_t seed) {
        Game game({ .seed = seed });
        game.step(FLAP);
        std::vector<int> tops;
        while (game.state() == State::Playing && tops.size() < 5) {
            if (game.pipe(game.pipe_count() - 1).x == game.width())
                tops.push_back(game.pipe(game.pipe_count() - 1).gap_top);
            game.step(fly_through(game));
        }
        return tops;
    };
    EXPECT_EQ(gaps(12), gaps(12));
    EXPECT_NE(gaps(12), gaps(13));
    EXPECT_EQ(gaps(12).size(), 5u);
}

TEST(FlappyTest, FlyingIntoAPipeEndsTheGame)
{
    Game game({ .seed = 8 });
    game.step(FLAP);
    const Pipe first = game.pipe(0);
    int row = first.gap_top > 2 ? 0 : game.height() - 2; // keep away from the gap
    while (game.state() == State::Playing)
        game.step(hold_at(game, row));
    ASSERT_EQ(game.state(), State::Over);
    const Pipe& hit = game.pipe(0);
    EXPECT_LT(hit.x, Game::BIRD_COL + Game::BIRD_WIDTH);
    EXPECT_GT(hit.x + Game::PIPE_WIDTH, Game::BIRD_COL);
    EXPECT_EQ(hit.x, Game::BIRD_COL + Game::BIRD_WIDTH - 1) << "the first column that touches";
    EXPECT_EQ(game.score(), 0u);
}

TEST(FlappyTest, PassingPipesScores)
{
    Game game({ .seed = 21 });
    game.step(FLAP);
    uint32_t passed = 0;
    for (int tick = 0; tick < 1500 && game.state() == State::Playing; ++tick) {
        game.step(fly_through(game));
        uint32_t scored = 0;
        for (unsigned index = 0; index < game.pipe_count(); ++index)
            scored += game.pipe(index).scored;
        passed = game.score();
        ASSERT_GE(passed, scored) << "a scored pipe counts once, even after it has gone";
    }
    EXPECT_EQ(game.state(), State::Playing) << "the autopilot crashed at " << passed;
    EXPECT_GE(passed, 50u);
    EXPECT_EQ(game.best(), passed);
    EXPECT_TRUE(game.new_best());
}

TEST(FlappyTest, AScoreCountsWhenThePipeIsBehindTheBird)
{
    Game game({ .seed = 21 });
    game.step(FLAP);
    while (game.state() == State::Playing && game.score() == 0) {
        game.step(fly_through(game));
        if (game.pipe(0).x + Game::PIPE_WIDTH > Game::BIRD_COL) {
            ASSERT_EQ(game.score(), 0u);
        }
    }
    EXPECT_EQ(game.score(), 1u);
    EXPECT_EQ(game.pipe(0).x + Game::PIPE_WIDTH, Game::BIRD_COL);
}

TEST(FlappyTest, RestartingAfterTheEndWaitsForAFlapAgainAndKeepsTheBest)
{
    Game game({ .seed = 3, .best = 7 });
    game.step(FLAP);
    while (game.state() == State::Playing)
        game.step(NOTHING);
    game.step(FLAP);
    EXPECT_EQ(game.state(), State::Over) << "a flap does not restart";
    game.step(RESTART);
    EXPECT_EQ(game.state(), State::Ready);
    EXPECT_EQ(game.score(), 0u);
    EXPECT_EQ(game.pipe_count(), 0u);
    EXPECT_EQ(game.bird_y(), game.height() / 2 * Game::SUBROWS);
    EXPECT_EQ(game.best(), 7u);
    EXPECT_FALSE(game.new_best());
}
