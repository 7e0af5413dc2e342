// File times on ramfs: which of atime, mtime and ctime each call moves, by Linux's rules
// (tmpfs with its default `relatime`, checked on Linux 6.x: the differential test's
// TimesMoveAsOnLinux script compares the same with the host). Each step waits for the
// clock to move first, then reports, for each path it watches, the times that advanced:
// "f:mc d:" means f's modification and change times moved and d's did not.
#include "fs_test_support.hpp"

#include <hal/timer.hpp>

#include <vector>

namespace {

using fs_test::FsTest;
using namespace fs::open_flags;

struct Watched {
    std::string label;
    std::string before_path; // lstat before the step
    std::string after_path;  // and after it (a rename moves the name)
    int fd = -1;             // or fstat of this descriptor, when not -1
};

struct FileTimesTest : FsTest {
    fs::Stat status_of(const Watched& watched, bool after)
    {
        auto status = watched.fd >= 0 ? context->fstat(watched.fd)
                                      : context->lstat(view(after ? watched.after_path : watched.before_path));
        EXPECT_FALSE(status.is_error()) << watched.label;
        return status.is_error() ? fs::Stat {} : status.value();
    }

    template<typename Action>
    std::string step(const std::vector<Watched>& watched, Action action)
    {
        std::vector<fs::Stat> before;
        for (const Watched& one : watched)
            before.push_back(status_of(one, false));
        // The clock has moved since anything was stamped, so a stamp shows.
        uint64_t now = hal::clock_ns();
        while (hal::clock_ns() == now) {
        }
        action();
        std::string moved;
        for (size_t i = 0; i < watched.size(); ++i) {
            fs::Stat after = status_of(watched[i], true);
            moved += (moved.empty() ? "" : " ") + watched[i].label + ":";
            if (after.access_ns != before[i].access_ns)
                moved += "a";
            if (after.modify_ns != before[i].modify_ns)
                moved += "m";
            if (after.change_ns != before[i].change_ns)
                moved += "c";
        }
        return moved;
    }

    static Watched at(const std::string& label, const std::string& path) { return { label, path, path }; }

    int open(const std::string& path, uint32_t flags)
    {
        auto fd = context->open(view(path), flags);
        EXPECT_FALSE(fd.is_error()) << path;
        return fd.is_error() ? -1 : fd.value();
    }
    void close(int fd) { EXPECT_FALSE(context->close(fd).is_error()); }
    size_t write(int fd, const std::string& data)
    {
        auto written = context->write(fd, { reinterpret_cast<const uint8_t*>(data.data()), data.size() });
        EXPECT_FALSE(written.is_error());
        return written.is_error() ? 0 : written.value();
    }
    size_t read(int fd, size_t bytes)
    {
        std::vector<uint8_t> buffer(bytes);
        auto got = context->read(fd, { buffer.data(), buffer.size() });
        EXPECT_FALSE(got.is_error());
        return got.is_error() ? 0 : got.value();
    }
};

TEST_F(FileTimesTest, NewInodesHaveOneTimeForAllThree)
{
    // One at a time: a name added to /d moves its times.
    auto check = [&](const char* path) {
        fs::Stat status = context->lstat(path).value();
        EXPECT_EQ(status.access_ns, status.modify_ns) << path;
        EXPECT_EQ(status.modify_ns, status.change_ns) << path;
        EXPECT_GT(status.change_ns, 0u) << path;
    };
    ASSERT_FALSE(context->mkdir("/d").is_error());
    check("/d");
    EXPECT_EQ(write_file("/d/f", ""), 0); // O_CREAT|O_TRUNC: a new file is not truncated
    fs::Stat file = context->lstat("/d/f").value();
    EXPECT_EQ(file.modify_ns, file.change_ns);
    EXPECT_EQ(file.access_ns, file.modify_ns) << "O_TRUNC stamped the file it created";
    EXPECT_EQ(write_file("/d/g", ""), 0);
    check("/d/g");
    ASSERT_FALSE(context->symlink("f", "/d/l").is_error());
    check("/d/l");
}

TEST_F(FileTimesTest, DataCallsMoveTheFilesTimesAsOnLinux)
{
    ASSERT_FALSE(context->mkdir("/d").is_error());
    EXPECT_EQ(write_file("/d/f", ""), 0);
    const std::vector<Watched> file_and_directory = { at("f", "/d/f"), at("d", "/d") };
    const std::vector<Watched> file = { at("f", "/d/f") };
    int fd = -1;

    EXPECT_EQ(step(file_and_directory, [&] {
        fd = open("/d/f", READ_WRITE);
        EXPECT_EQ(write(fd, "abc"), 3u);
    }), "f:mc d:");
    EXPECT_EQ(step(file_and_directory, [&] { EXPECT_EQ(write(fd, ""), 0u); }), "f: d:") << "an empty write";
    EXPECT_EQ(step(file, [&] {
        ASSERT_FALSE(context->lseek(fd, 0, fs::Whence::Set).is_error());
        EXPECT_EQ(read(fd, 10), 3u);
    }), "f:a") << "the first read after a change";
    EXPECT_EQ(step(file, [&] {
        ASSERT_FALSE(context->lseek(fd, 0, fs::Whence::Set).is_error());
        EXPECT_EQ(read(fd, 10), 3u);
    }), "f:") << "relatime: read again, no change in between";
    EXPECT_EQ(step(file, [&] { EXPECT_EQ(write(fd, "d"), 1u); }), "f:mc");
    EXPECT_EQ(step(file, [&] { EXPECT_EQ(read(fd, 10), 0u); }), "f:a") << "a read at the end after a change";
    EXPECT_EQ(step(file, [&] { EXPECT_EQ(read(fd, 10), 0u); }), "f:");
    EXPECT_EQ(step(file, [&] { ASSERT_FALSE(context->truncate("/d/f", 4).is_error()); }), "f:mc") << "same size";
    EXPECT_EQ(step(file, [&] { ASSERT_FALSE(context->truncate("/d/f", 1).is_error()); }), "f:mc");
    EXPECT_EQ(step(file, [&] { ASSERT_FALSE(context->ftruncate(fd, 1).is_error()); }), "f:mc") << "same size";
    EXPECT_EQ(step(file, [&] { ASSERT_FALSE(context->ftruncate(fd, 5).is_error()); }), "f:mc");
    close(fd);
    EXPECT_EQ(step(file_and_directory, [&] { close(open("/d/f", WRITE_ONLY | TRUNCATE)); }), "f:mc d:");
    EXPECT_EQ(step(file_and_directory, [&] { close(open("/d/f", WRITE_ONLY | TRUNCATE)); }), "f:mc d:")
        << "O_TRUNC of an empty file";
    EXPECT_EQ(step(file_and_directory, [&] { close(open("/d/f", WRITE_ONLY | CREATE)); }), "f: d:")
        << "O_CREAT of a file that exists";
    EXPECT_EQ(step(file, [&] { ASSERT_FALSE(context->stat("/d/f").is_error()); }), "f:");
}

TEST_F(FileTimesTest, NameCallsMoveTheDirectoriesAndTheInodesTimesAsOnLinux)
{
    ASSERT_FALSE(context->mkdir("/d").is_error());
    ASSERT_FALSE(context->mkdir("/d/sub").is_error());
    EXPECT_EQ(write_file("/d/f", "x"), 0);
    EXPECT_EQ(write_file("/d/g", "y"), 0);
    const Watched d = at("d", "/d"), sub = at("sub", "/d/sub"), f = at("f", "/d/f");

    EXPECT_EQ(step({ f, d }, [&] { EXPECT_EQ(write_file("/d/new", ""), 0); }), "f: d:mc") << "create";
    EXPECT_EQ(step({ f, d }, [&] { ASSERT_FALSE(context->link("/d/f", "/d/h").is_error()); }), "f:c d:mc") << "link";
    EXPECT_EQ(step({ f, d }, [&] { ASSERT_FALSE(context->unlink("/d/h").is_error()); }), "f:c d:mc") << "unlink";
    EXPECT_EQ(step({ { "f", "/d/f", "/d/sub/f" }, d, sub },
                   [&] { ASSERT_FALSE(context->rename("/d/f", "/d/sub/f").is_error()); }),
              "f:c d:mc sub:mc")
        << "rename to another directory";
    EXPECT_EQ(step({ { "f", "/d/sub/f", "/d/sub/f2" }, sub, d },
                   [&] { ASSERT_FALSE(context->rename("/d/sub/f", "/d/sub/f2").is_error()); }),
              "f:c sub:mc d:")
        << "rename in one directory";
    int replaced = open("/d/sub/f2", READ_ONLY);
    EXPECT_EQ(step({ { "g", "/d/g", "/d/sub/f2" }, { "replaced", "", "", replaced }, sub, d },
                   [&] { ASSERT_FALSE(context->rename("/d/g", "/d/sub/f2").is_error()); }),
              "g:c replaced:c sub:mc d:mc")
        << "rename onto a file";
    close(replaced);
    EXPECT_EQ(write_file("/d/k", "z"), 0);
    ASSERT_FALSE(context->link("/d/k", "/d/k2").is_error());
    EXPECT_EQ(step({ at("k", "/d/k"), d }, [&] { ASSERT_FALSE(context->rename("/d/k", "/d/k2").is_error()); }),
              "k: d:")
        << "rename of one name of a file onto another does nothing";
    int open_k = open("/d/k", READ_ONLY);
    EXPECT_EQ(step({ { "k", "", "", open_k } }, [&] {
        ASSERT_FALSE(context->unlink("/d/k").is_error());
        ASSERT_FALSE(context->unlink("/d/k2").is_error());
    }), "k:c") << "unlink of the last name of an open file";
    close(open_k);

    ASSERT_FALSE(context->mkdir("/d/in").is_error());
    EXPECT_EQ(step({ { "in", "/d/in", "/d/sub/in" }, d, sub },
                   [&] { ASSERT_FALSE(context->rename("/d/in", "/d/sub/in").is_error()); }),
              "in:c d:mc sub:mc")
        << "rename of a directory";
    EXPECT_EQ(step({ sub, d }, [&] { ASSERT_FALSE(context->mkdir("/d/sub/x").is_error()); }), "sub:mc d:") << "mkdir";
    EXPECT_EQ(step({ sub, d }, [&] { ASSERT_FALSE(context->rmdir("/d/sub/x").is_error()); }), "sub:mc d:") << "rmdir";
    EXPECT_EQ(step({ sub }, [&] { ASSERT_FALSE(context->symlink("x", "/d/sub/l").is_error()); }), "sub:mc")
        << "symlink";
    char target[8];
    EXPECT_EQ(step({ at("l", "/d/sub/l") }, [&] { ASSERT_FALSE(context->readlink("/d/sub/l", target).is_error()); }),
              "l:a")
        << "readlink";
    EXPECT_EQ(step({ sub }, [&] { ASSERT_FALSE(context->lstat("/d/sub/l").is_error()); }), "sub:") << "lookups";
    auto list = [&] {
        int fd = open("/d/sub", READ_ONLY | DIRECTORY);
        fs::DirectoryEntry entry;
        while (context->readdir(fd, entry).value()) {
        }
        close(fd);
    };
    EXPECT_EQ(step({ sub }, list), "sub:a") << "readdir";
    EXPECT_EQ(step({ sub }, list), "sub:") << "relatime: readdir again";
}

} // namespace
