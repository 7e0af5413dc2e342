// Helpers shared by the file system tests: a fixture with a fresh kernel heap, a Vfs whose
// root is a ramfs on a fake page source, and a Context on it, plus small helpers to write
// and read whole files through the Context.
#pragma once
#include "async_test_support.hpp"

#include <fs/context.hpp>
#include <fs/ramfs/ramfs.hpp>
#include <fs/superblock.hpp>

#include <optional>
#include <string>

namespace fs_test {

// The ramfs's pages: a fake source of their own, so a test can count and refuse them.
inline heap_test::FakePageSource& ramfs_pages()
{
    static heap_test::FakePageSource& pages = *new heap_test::FakePageSource;
    return pages;
}

// "testfs": a ramfs on the test's pages, to mount (registered once per test program).
inline void register_test_file_system()
{
    static bool registered = false;
    if (registered)
        return;
    registered = true;
    ASSERT_FALSE(fs::register_file_system_type({ "testfs", [](kstd::StringView, kstd::StringView) {
        fs::RamfsOptions options;
        options.pages = &ramfs_pages();
        return fs::make_ramfs(options);
    } }).is_error());
}

struct FsTest : async_test::AsyncTest {
    // page_limit 0: as many pages as the fake gives.
    explicit FsTest(uint64_t page_limit = 0, size_t heap_limit_bytes = HEAP_LIMIT_BYTES)
        : AsyncTest(heap_limit_bytes)
    {
        ramfs_pages().fail_never();
        baseline_heap_bytes = heap_bytes_in_use();
        vfs.emplace();
        fs::RamfsOptions options;
        options.pages = &ramfs_pages();
        options.page_limit = page_limit;
        auto root = fs::make_ramfs(options);
        EXPECT_FALSE(root.is_error());
        EXPECT_FALSE(vfs->mount_root(root.value(), "test").is_error());
        context.emplace(*vfs);
    }
    ~FsTest() override
    {
        context.reset();
        vfs.reset();
        ramfs_pages().fail_never();
        EXPECT_EQ(heap_bytes_in_use(), baseline_heap_bytes) << "the file system leaked heap memory";
        EXPECT_EQ(ramfs_pages().pages_held(), 0u) << "the file system leaked pages";
    }

    static kstd::StringView view(const std::string& text) { return { text.data(), text.size() }; }

    // The errno of a failed call, or 0 for success.
    template<typename T>
    static int error_of(const kstd::Result<T>& result)
    {
        return result.is_error() ? static_cast<int>(result.error().code()) : 0;
    }

    // Writes `contents` to `path` (created or truncated); the errno on failure, else 0.
    int write_file(const std::string& path, const std::string& contents)
    {
        using namespace fs::open_flags;
        auto fd = context->open(view(path), WRITE_ONLY | CREATE | TRUNCATE);
        if (fd.is_error())
            return error_of(fd);
        auto written = context->write(fd.value(), { reinterpret_cast<const uint8_t*>(contents.data()), contents.size() });
        EXPECT_FALSE(context->close(fd.value()).is_error());
        return error_of(written);
    }

    // The whole contents of `path`, or nullopt if it cannot be opened.
    std::optional<std::string> read_file(const std::string& path)
    {
        auto fd = context->open(view(path), fs::open_flags::READ_ONLY);
        if (fd.is_error())
            return std::nullopt;
        std::string contents;
        uint8_t buffer[1000];
        for (;;) {
            auto got = context->read(fd.value(), buffer);
            if (got.is_error() || got.value() == 0)
                break;
            contents.append(reinterpret_cast<char*>(buffer), got.value());
        }
        EXPECT_FALSE(context->close(fd.value()).is_error());
        return contents;
    }

    size_t baseline_heap_bytes = 0;
    std::optional<fs::Vfs> vfs;
    std::optional<fs::Context> context;
};

} // namespace fs_test
