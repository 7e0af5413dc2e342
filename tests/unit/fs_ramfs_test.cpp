// ramfs on its own terms: contents in pages (sparse files read zeros in their holes and
// hold no pages there), truncation in both directions, large offsets (EFBIG past the
// largest file), a page limit and a failing page source giving ENOSPC with nothing lost,
// heap exhaustion giving ENOMEM, and df's figures.
#include "fs_test_support.hpp"

#include <fs/ramfs/page_store.hpp>

namespace {

using fs_test::FsTest;
using namespace fs::open_flags;

constexpr int ENOSPC_ = 28, EFBIG_ = 27, ENOMEM_ = 12;
constexpr size_t PAGE = 4096;

std::string pattern(size_t bytes, char seed)
{
    std::string text(bytes, '\0');
    for (size_t i = 0; i < bytes; ++i)
        text[i] = static_cast<char>(seed + i % 23);
    return text;
}

struct RamfsTest : FsTest {
    explicit RamfsTest(uint64_t page_limit = 0) : FsTest(page_limit) {}

    int write_at(const std::string& path, uint64_t offset, const std::string& data, size_t* written = nullptr)
    {
        auto fd = context->open(view(path), WRITE_ONLY | CREATE);
        if (fd.is_error())
            return error_of(fd);
        EXPECT_FALSE(context->lseek(fd.value(), static_cast<int64_t>(offset), fs::Whence::Set).is_error());
        auto result = context->write(fd.value(), { reinterpret_cast<const uint8_t*>(data.data()), data.size() });
        if (written)
            *written = result.is_error() ? 0 : result.value();
        EXPECT_FALSE(context->close(fd.value()).is_error());
        return error_of(result);
    }
};

TEST_F(RamfsTest, LargeFilesSpanManyPagesAndReadBackExactly)
{
    std::string big = pattern(5 * PAGE + 123, 'a');
    EXPECT_EQ(write_file("/big", big), 0);
    EXPECT_EQ(read_file("/big"), big);
    auto status = context->stat("/big");
    EXPECT_EQ(status.value().size, big.size());
    EXPECT_EQ(status.value().blocks, 6u * PAGE / 512);
}

TEST_F(RamfsTest, HolesReadAsZerosAndHoldNoPages)
{
    size_t before = fs_test::ramfs_pages().pages_held();
    EXPECT_EQ(write_at("/sparse", 1'000'000'000, "end"), 0);
    auto status = context->stat("/sparse");
    EXPECT_EQ(status.value().size, 1'000'000'003u);
    EXPECT_EQ(status.value().blocks, PAGE / 512); // one data page
    EXPECT_LE(fs_test::ramfs_pages().pages_held() - before, 4u); // and a few index nodes
    auto fd = context->open("/sparse", READ_ONLY);
    ASSERT_FALSE(fd.is_error());
    ASSERT_FALSE(context->lseek(fd.value(), 999'999'998, fs::Whence::Set).is_error());
    uint8_t buffer[8] = { 1, 1, 1, 1, 1, 1, 1, 1 };
    auto got = context->read(fd.value(), buffer);
    ASSERT_FALSE(got.is_error());
    EXPECT_EQ(got.value(), 5u);
    EXPECT_EQ(std::string(reinterpret_cast<char*>(buffer), 5), std::string("\0\0end", 5));
    ASSERT_FALSE(context->close(fd.value()).is_error());
    ASSERT_FALSE(context->unlink("/sparse").is_error());
    EXPECT_EQ(fs_test::ramfs_pages().pages_held(), before);
}

TEST_F(RamfsTest, TruncateShrinksAndGrowsWithZeros)
{
    EXPECT_EQ(write_file("/f", pattern(3 * PAGE, 'x')), 0);
    ASSERT_FALSE(context->truncate("/f", PAGE + 10).is_error());
    EXPECT_EQ(context->stat("/f").value().blocks, 2u * PAGE / 512);
    ASSERT_FALSE(context->truncate("/f", 3 * PAGE).is_error());
    std::string expected = pattern(3 * PAGE, 'x').substr(0, PAGE + 10) + std::string(2 * PAGE - 10, '\0');
    EXPECT_EQ(read_file("/f"), expected);
    ASSERT_FALSE(context->truncate("/f", 0).is_error());
    EXPECT_EQ(context->stat("/f").value().blocks, 0u);
    EXPECT_EQ(error_of(context->truncate("/", 0)), 21); // EISDIR
}

TEST_F(RamfsTest, OffsetsPastTheLargestFileAreEfbig)
{
    uint64_t largest = fs::PageStore::MAX_PAGES * PAGE;
    EXPECT_EQ(write_at("/f", largest, "x"), EFBIG_);
    EXPECT_EQ(error_of(context->truncate("/f", largest + 1)), EFBIG_);
    EXPECT_EQ(write_at("/f", largest - 1, "x"), 0);
    EXPECT_EQ(context->stat("/f").value().size, largest);
}

struct LimitedRamfsTest : RamfsTest {
    LimitedRamfsTest() : RamfsTest(8) {}
};

TEST_F(LimitedRamfsTest, FillingUpIsEnospcWithAShortWriteAndNothingLost)
{
    // 8 pages: one index node and 7 data pages, then no more.
    size_t written = 0;
    EXPECT_EQ(write_at("/f", 0, pattern(10 * PAGE, 'q'), &written), 0);
    EXPECT_EQ(written, 7 * PAGE);
    EXPECT_EQ(write_at("/f", 7 * PAGE, "more"), ENOSPC_);
    EXPECT_EQ(read_file("/f"), pattern(10 * PAGE, 'q').substr(0, 7 * PAGE));
    auto figures = vfs->root().inode().superblock().statistics();
    EXPECT_EQ(figures.total_blocks, 8u);
    EXPECT_EQ(figures.free_blocks, 0u);
    // Space comes back when the file goes.
    ASSERT_FALSE(context->unlink("/f").is_error());
    EXPECT_EQ(vfs->root().inode().superblock().statistics().free_blocks, 8u);
    EXPECT_EQ(write_file("/g", "fits again"), 0);
}

TEST_F(RamfsTest, AFailingPageSourceIsEnospc)
{
    fs_test::ramfs_pages().fail_after(0);
    EXPECT_EQ(write_file("/f", "no room"), ENOSPC_);
    fs_test::ramfs_pages().fail_never();
    EXPECT_EQ(read_file("/f"), ""); // created, but empty
}

TEST_F(RamfsTest, RunningOutOfHeapIsEnomemAndChangesNothing)
{
    ASSERT_FALSE(context->mkdir("/d").is_error());
    async_test::kernel_pages().fail_after(0);
    // Fill the heap's current slabs so the next objects need new pages.
    int failures = 0;
    for (int i = 0; i < 2000 && failures == 0; ++i)
        failures += error_of(context->mkdir(view("/d/x" + std::to_string(i)))) == ENOMEM_;
    async_test::kernel_pages().fail_never();
    EXPECT_EQ(failures, 1);
    // Everything that was made is whole, and the tree can be cleaned up.
    auto fd = context->open("/d", READ_ONLY | DIRECTORY);
    ASSERT_FALSE(fd.is_error());
    fs::DirectoryEntry entry;
    std::vector<std::string> names;
    while (context->readdir(fd.value(), entry).value()) {
        std::string name(entry.name, entry.name_length);
        if (name != "." && name != "..")
            names.push_back(name);
    }
    ASSERT_FALSE(context->close(fd.value()).is_error());
    for (const std::string& name : names)
        ASSERT_FALSE(context->rmdir(view("/d/" + name)).is_error()) << name;
}

} // namespace
