// The games' drawing: Frame's text, boxes and clipping, FramePresenter writing only the
// cells that changed (all of them the first time), and the two views on top of it, where
// a snake's move or a flap rewrites a handful of cells and nothing else.
#include <gtest/gtest.h>

#include <apps/flappy/flappy_view.hpp>
#include <apps/game_screen.hpp>
#include <apps/snake/snake_view.hpp>

#include <string>
#include <vector>

using apps::Frame;
using apps::FramePresenter;

namespace {

struct Written {
    uint16_t col;
    uint16_t row;
    hal::Cell cell;
};

std::vector<Written> present(FramePresenter& presenter, const Frame& frame)
{
    std::vector<Written> written;
    size_t count = presenter.present(frame, [&written](uint16_t col, uint16_t row, hal::Cell cell) {
        written.push_back({ col, row, cell });
    });
    EXPECT_EQ(count, written.size());
    return written;
}

std::string row_text(const Frame& frame, uint16_t row)
{
    std::string text;
    for (uint16_t col = 0; col < Frame::COLS; ++col)
        text += static_cast<char>(frame.at(col, row).character);
    return text.substr(0, text.find_last_not_of(' ') + 1);
}

constexpr hal::Cell BLANK { ' ', 0x07 };

} // namespace

TEST(FrameTest, TextBoxesAndClipping)
{
    Frame frame;
    frame.clear(BLANK);
    EXPECT_EQ(frame.text(78, 3, "abc", 0x1E), 81);
    EXPECT_EQ(row_text(frame, 3), std::string(78, ' ') + "ab");
    frame.put(-1, 0, { 'x', 0x07 });
    frame.put(0, 25, { 'x', 0x07 });
    EXPECT_EQ(row_text(frame, 0), "");
    frame.box(0, 5, 4, 3, 0x0B);
    EXPECT_EQ(row_text(frame, 5), "\xC9\xCD\xCD\xBB");
    EXPECT_EQ(row_text(frame, 6), "\xBA  \xBA");
    EXPECT_EQ(row_text(frame, 7), "\xC8\xCD\xCD\xBC");
    EXPECT_EQ(frame.at(0, 5).attribute, 0x0B);
    frame.centred_text(10, "mid", 0x07);
    EXPECT_EQ(row_text(frame, 10), std::string(38, ' ') + "mid");
}

TEST(FrameTest, ThePresenterWritesEverythingFirstThenOnlyChanges)
{
    Frame frame;
    frame.clear(BLANK);
    FramePresenter presenter;
    EXPECT_EQ(present(presenter, frame).size(), size_t(Frame::COLS) * Frame::ROWS);
    EXPECT_TRUE(present(presenter, frame).empty());

    frame.put(79, 24, { '!', 0x07 });
    frame.put(5, 2, { '@', 0x0E });
    frame.put(6, 2, { ' ', 0x70 }); // same character, new colours
    auto written = present(presenter, frame);
    ASSERT_EQ(written.size(), 3u);
    EXPECT_EQ(written[0].col, 5); // in reading order
    EXPECT_EQ(written[0].row, 2);
    EXPECT_EQ(written[0].cell.character, '@');
    EXPECT_EQ(written[1].col, 6);
    EXPECT_EQ(written[1].cell.attribute, 0x70);
    EXPECT_EQ(written[2].col, 79);
    EXPECT_EQ(written[2].row, 24);
}

TEST(FrameTest, ASnakeMoveRewritesOnlyTheHeadTheNeckAndTheTail)
{
    apps::snake::Game game({ .seed = 1 });
    Frame frame;
    FramePresenter presenter;
    apps::snake::draw(game, frame);
    present(presenter, frame);
    EXPECT_EQ(row_text(frame, 0).substr(0, 23), " SNAKE  Score 0  Best 0");

    apps::snake::Point tail = game.segment(0);
    for (uint32_t tick = 0; tick < game.move_interval(); ++tick)
        game.step({});
    apps::snake::draw(game, frame);
    auto written = present(presenter, frame);
    ASSERT_EQ(written.size(), 6u);
    auto screen_col = [](int16_t x) { return uint16_t(apps::FIELD_COL + 2 * x); };
    EXPECT_EQ(written[0].col, screen_col(tail.x)); // the tail's two cells, cleared
    EXPECT_EQ(written[0].cell.attribute, 0x07);
    EXPECT_EQ(written[2].cell.attribute, apps::snake::BODY_ATTRIBUTE); // the old head
    EXPECT_EQ(written[4].col, screen_col(game.head().x)); // the new head, looking right
    EXPECT_EQ(written[4].cell.character, ':');
    EXPECT_EQ(written[5].cell.character, '>');
    EXPECT_EQ(written[5].cell.attribute, apps::snake::HEAD_ATTRIBUTE);
}

TEST(FrameTest, AFlapMovesTheBirdAndTheMessageGoes)
{
    apps::flappy::Game game({ .seed = 1 });
    Frame frame;
    FramePresenter presenter;
    apps::flappy::draw(game, frame);
    present(presenter, frame);
    uint16_t bird_col = apps::FIELD_COL + apps::flappy::Game::BIRD_COL + 1;
    uint16_t ready_row = uint16_t(apps::FIELD_ROW + game.bird_row());
    EXPECT_EQ(frame.at(bird_col, ready_row).attribute, apps::flappy::BIRD_ATTRIBUTE);

    game.step({ .flap = true });
    apps::flappy::draw(game, frame);
    auto written = present(presenter, frame);
    EXPECT_FALSE(written.empty());
    EXPECT_LT(written.size(), 200u) << "the sky is not redrawn";
    EXPECT_EQ(frame.at(bird_col, ready_row).attribute, apps::flappy::SKY_ATTRIBUTE);
    EXPECT_EQ(frame.at(bird_col, ready_row - 1).attribute, apps::flappy::BIRD_ATTRIBUTE);
    for (const Written& cell : written)
        EXPECT_NE(cell.row, 0) << "the title bar did not change";
}
