// HighScore: best scores in /var/games/NAME.score through the VFS, and in memory when
// there is no file system, the file cannot be written or it holds no number.
#include "fs_test_support.hpp"

#include <apps/high_score.hpp>
#include <log/log.hpp>

namespace {

struct HighScoreTest : fs_test::FsTest {
    HighScoreTest() { EXPECT_FALSE(context->mkdir("/var").is_error()); }

    // How many warnings the kernel log holds that mention `text`.
    static int warnings_about(const char* text)
    {
        struct Search {
            kstd::StringView text;
            int found = 0;
        } wanted { text };
        klog::for_each_record(
            [](const klog::Record& record, void* context) {
                auto& search = *static_cast<Search*>(context);
                bool mentions = record.text.view().find(search.text) != kstd::StringView::npos;
                if (record.level == klog::Level::Warning && mentions)
                    ++search.found;
            },
            &wanted);
        return wanted.found;
    }
};

} // namespace

TEST_F(HighScoreTest, NoFileYetIsAScoreOfNothingWithoutAWarning)
{
    apps::HighScore record("nofile");
    int before = warnings_about("nofile");
    EXPECT_EQ(record.load(&*context), 0u);
    EXPECT_EQ(warnings_about("nofile"), before);
}

TEST_F(HighScoreTest, ABetterScoreIsWrittenAndReadBack)
{
    apps::HighScore record("snake");
    EXPECT_EQ(record.load(&*context), 0u);
    record.save(&*context, 12);
    EXPECT_EQ(read_file("/var/games/snake.score"), "12\n");
    record.save(&*context, 7); // not better: the file keeps 12
    EXPECT_EQ(read_file("/var/games/snake.score"), "12\n");

    apps::HighScore after_reboot("snake");
    EXPECT_EQ(after_reboot.load(&*context), 12u);
    ASSERT_EQ(write_file("/var/games/snake.score", "30\n"), 0);
    EXPECT_EQ(after_reboot.load(&*context), 30u) << "the file wins when it is higher";
}

TEST_F(HighScoreTest, WithoutAFileSystemTheScoreIsKeptInMemory)
{
    apps::HighScore record("memonly");
    int before = warnings_about("memonly: no file system");
    EXPECT_EQ(record.load(nullptr), 0u);
    EXPECT_EQ(warnings_about("memonly: no file system"), before + 1);
    record.save(nullptr, 9);
    EXPECT_EQ(record.load(nullptr), 9u);
}

TEST_F(HighScoreTest, AFailedWriteFallsBackToMemoryWithAWarning)
{
    ASSERT_FALSE(context->rmdir("/var").is_error()); // no /var: /var/games cannot be made
    apps::HighScore record("flappy");
    EXPECT_EQ(record.load(&*context), 0u);
    int before = warnings_about("flappy: cannot write /var/games/flappy.score");
    record.save(&*context, 4);
    EXPECT_EQ(warnings_about("flappy: cannot write /var/games/flappy.score"), before + 1);
    EXPECT_EQ(record.load(&*context), 4u);
}

TEST_F(HighScoreTest, AFileWithoutANumberIsIgnoredWithAWarning)
{
    ASSERT_FALSE(context->mkdir("/var/games").is_error());
    ASSERT_EQ(write_file("/var/games/garbled.score", "lots\n"), 0);
    apps::HighScore record("garbled");
    int before = warnings_about("garbled: cannot read");
    EXPECT_EQ(record.load(&*context), 0u);
    EXPECT_EQ(warnings_about("garbled: cannot read"), before + 1);
    record.save(&*context, 3); // and a good score replaces it
    EXPECT_EQ(read_file("/var/games/garbled.score"), "3\n");
}
