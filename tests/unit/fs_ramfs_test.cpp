// ramfs on its own terms: contents in pages (sparse files read zeros in their holes and
// hold no pages there), truncation in both directions, large offsets (EFBIG past the
// largest file), a page limit and a failing page source giving ENOSPC with nothing lost,
// heap exhaustion giving ENOMEM, df's figures, and the mount options that set the limit.
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

// The page limit parse_ramfs_options sets from `text` on a machine of `memory_pages`, or
// the errno and detail of its refusal.
std::string limit_from(const char* text, uint64_t memory_pages = 1000)
{
    fs::RamfsOptions options;
    options.page_limit = 12345; // overwritten on success, kept on failure
    auto parsed = fs::parse_ramfs_options(text, memory_pages, options);
    if (parsed.is_error()) {
        kstd::StringView detail = parsed.error().detail();
        return "errno " + std::to_string(static_cast<int>(parsed.error().code())) + ": " +
            std::string(detail.data(), detail.size()) + (options.page_limit == 12345 ? "" : " (limit changed)");
    }
    return std::to_string(options.page_limit);
}

TEST(RamfsOptions, SizeIsReadAsTmpfsReadsIt)
{
    // No size: half of the RAM (rounded down), as tmpfs.
    EXPECT_EQ(limit_from(""), "500");
    EXPECT_EQ(limit_from("", 1001), "500");
    EXPECT_EQ(limit_from("", 0), "0");
    EXPECT_EQ(limit_from(",,"), "500");
    // Bytes, rounded up to whole 4 KiB pages.
    EXPECT_EQ(limit_from("size=1"), "1");
    EXPECT_EQ(limit_from("size=4096"), "1");
    EXPECT_EQ(limit_from("size=4097"), "2");
    EXPECT_EQ(limit_from("size=0"), "0"); // no limit
    EXPECT_EQ(limit_from("size=8k"), "2");
    EXPECT_EQ(limit_from("size=9K"), "3");
    EXPECT_EQ(limit_from("size=3m"), "768");
    EXPECT_EQ(limit_from("size=2M"), "512");
    EXPECT_EQ(limit_from("size=1g"), "262144");
    EXPECT_EQ(limit_from("size=2G"), "524288");
    EXPECT_EQ(limit_from("size=1t"), "268435456");
    EXPECT_EQ(limit_from("size=16777215T"), "4503599358935040");
    // A share of the RAM.
    EXPECT_EQ(limit_from("size=50%"), "500");
    EXPECT_EQ(limit_from("size=10%", 64), "6");
    EXPECT_EQ(limit_from("size=100%"), "1000");
    EXPECT_EQ(limit_from("size=150%"), "1500");
    // The last size wins.
    EXPECT_EQ(limit_from("size=1m,size=8k"), "2");
}

TEST(RamfsOptions, UnknownOptionsAndBadSizesAreEinval)
{
    const std::string bad_size = "errno 22: bad size (N[k|m|g|t|%])";
    for (const char* text : { "size=", "size=k", "size=%", "size=1x", "size=1kk", "size=1.5m", "size=-1",
                              "size= 1", "size=0x10", "size=18446744073709551616", "size=16777216t",
                              "size=17179869184g", "size=18446744073709551615%" })
        EXPECT_EQ(limit_from(text), bad_size) << text;
    const std::string unknown = "errno 22: unknown option";
    for (const char* text : { "size", "nr_blocks=3", "mode=755", "rw", "SIZE=1m", "size=1m,uid=0", " size=1m" })
        EXPECT_EQ(limit_from(text), unknown) << text;
}

// A ramfs mounted with its default options on a machine of 32 pages holds 16 and no more:
// writes stop with ENOSPC there, df says so, and what was written reads back.
TEST_F(RamfsTest, TheDefaultLimitIsHalfOfTheMemory)
{
    if (!fs::find_file_system_type("ramfs32")) {
        auto mount = [](kstd::StringView, kstd::StringView text) -> kstd::Result<fs::Superblock*> {
            fs::RamfsOptions options;
            options.pages = &fs_test::ramfs_pages();
            TRY(fs::parse_ramfs_options(text, 32, options));
            return fs::make_ramfs(options);
        };
        ASSERT_FALSE(fs::register_file_system_type({ "ramfs32", mount }).is_error());
    }
    ASSERT_FALSE(context->mkdir("/half").is_error());
    ASSERT_FALSE(context->mkdir("/quarter").is_error());
    EXPECT_EQ(error_of(context->mount("ramfs32", "x", "/quarter", "size=25%,bogus")), 22);
    ASSERT_FALSE(context->mount("ramfs32", "half", "/half").is_error());
    ASSERT_FALSE(context->mount("ramfs32", "quarter", "/quarter", "size=25%").is_error());
    for (auto [path, pages] : { std::pair { "/half/f", 16u }, std::pair { "/quarter/f", 8u } }) {
        size_t written = 0;
        // One radix node, then data pages up to the limit; a short write, then ENOSPC.
        EXPECT_EQ(write_at(path, 0, pattern(40 * PAGE, 'h'), &written), 0) << path;
        EXPECT_EQ(written, (pages - 1) * PAGE) << path;
        EXPECT_EQ(write_at(path, written, "x"), ENOSPC_) << path;
        EXPECT_EQ(read_file(path), pattern(40 * PAGE, 'h').substr(0, written)) << path;
    }
    for (const fs::Mount& mount : vfs->mounts()) {
        auto statistics = mount.superblock->statistics();
        std::string source(mount.source.view().data(), mount.source.view().size());
        if (source == "half")
            EXPECT_EQ(statistics.total_blocks, 16u);
        else if (source == "quarter")
            EXPECT_EQ(statistics.total_blocks, 8u);
        else
            continue;
        EXPECT_EQ(statistics.free_blocks, 0u) << source;
    }
    ASSERT_FALSE(context->unlink("/half/f").is_error());
    EXPECT_EQ(write_file("/half/g", "fits again"), 0);
}

} // namespace
