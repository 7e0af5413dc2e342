// The VFS through a Context on a ramfs root: path resolution (".", "..", slashes,
// symbolic links and their loops, mount points, the current directory), every call's
// success and its POSIX errors, the dentry cache, and that nothing leaks (the fixture
// checks heap bytes and pages at the end of each test).
#include "fs_test_support.hpp"

#include <fs/superblock.hpp>

#include <set>

namespace {

using fs_test::FsTest;
using fs_test::register_test_file_system;
using namespace fs::open_flags;

constexpr int ENOENT_ = 2, EBADF_ = 9, EEXIST_ = 17, EXDEV_ = 18, ENOTDIR_ = 20, EISDIR_ = 21, EINVAL_ = 22,
              EMFILE_ = 24, ENAMETOOLONG_ = 36, ENOTEMPTY_ = 39, ELOOP_ = 40, EBUSY_ = 16, EPERM_ = 1, ERANGE_ = 34;

struct VfsTest : FsTest {
    explicit VfsTest(size_t heap_limit_bytes = HEAP_LIMIT_BYTES) : FsTest(0, heap_limit_bytes) {}
    std::string cwd()
    {
        char buffer[fs::PATH_LENGTH_MAX];
        auto length = context->getcwd(buffer);
        EXPECT_FALSE(length.is_error());
        return length.is_error() ? "" : std::string(buffer, length.value());
    }
    std::set<std::string> list(const std::string& path)
    {
        std::set<std::string> names;
        auto fd = context->open(view(path), READ_ONLY | DIRECTORY);
        EXPECT_FALSE(fd.is_error()) << path;
        if (fd.is_error())
            return names;
        fs::DirectoryEntry entry;
        while (true) {
            auto more = context->readdir(fd.value(), entry);
            if (more.is_error() || !more.value())
                break;
            names.insert(std::string(entry.name, entry.name_length));
        }
        EXPECT_FALSE(context->close(fd.value()).is_error());
        return names;
    }
    uint32_t links(const std::string& path)
    {
        auto status = context->lstat(view(path));
        return status.is_error() ? 0 : status.value().link_count;
    }
};

TEST_F(VfsTest, WritesAndReadsBackAFile)
{
    EXPECT_EQ(write_file("/hello", "hello, world\n"), 0);
    EXPECT_EQ(read_file("/hello"), "hello, world\n");
    auto status = context->stat("/hello");
    ASSERT_FALSE(status.is_error());
    EXPECT_EQ(status.value().size, 13u);
    EXPECT_EQ(fs::file_type_of(status.value().mode), fs::FileType::Regular);
    EXPECT_EQ(status.value().mode & 0777, 0644u); // 0666 less the umask 022
    EXPECT_EQ(status.value().link_count, 1u);
}

TEST_F(VfsTest, ResolvesDotsSlashesAndTheCurrentDirectory)
{
    ASSERT_FALSE(context->mkdir("/a").is_error());
    ASSERT_FALSE(context->mkdir("/a/b").is_error());
    EXPECT_EQ(write_file("/a/b/f", "x"), 0);
    EXPECT_EQ(read_file("//a/./b/../b///f"), "x");
    EXPECT_EQ(read_file("/../../a/b/f"), "x"); // ".." stops at the root
    ASSERT_FALSE(context->chdir("/a/b").is_error());
    EXPECT_EQ(cwd(), "/a/b");
    EXPECT_EQ(read_file("f"), "x");
    EXPECT_EQ(read_file("../b/f"), "x");
    ASSERT_FALSE(context->chdir("..").is_error());
    EXPECT_EQ(cwd(), "/a");
    ASSERT_FALSE(context->chdir("/").is_error());
    EXPECT_EQ(cwd(), "/");
    EXPECT_EQ(error_of(context->chdir("/a/b/f")), ENOTDIR_);
    EXPECT_EQ(error_of(context->chdir("/nope")), ENOENT_);
    EXPECT_EQ(error_of(context->stat("")), ENOENT_);
    EXPECT_EQ(error_of(context->stat("/a/b/f/")), ENOTDIR_);
    EXPECT_EQ(error_of(context->stat("/a/b/f/x")), ENOTDIR_);
}

// Linux's limits, as literal numbers (not the constants under test): a name of 255 bytes,
// a path of 4,095 bytes (4,096 with its NUL), 40 links followed in one lookup.
TEST_F(VfsTest, NameAndPathLimits)
{
    std::string long_name(255, 'n');
    EXPECT_EQ(write_file("/" + long_name, "ok"), 0);
    EXPECT_EQ(write_file("/" + long_name + "n", "too long"), ENAMETOOLONG_);
    std::string path_4096;
    while (path_4096.size() < 4096)
        path_4096 += "/.";
    EXPECT_EQ(error_of(context->stat(view(path_4096.substr(0, 4095)))), 0);
    EXPECT_EQ(error_of(context->stat(view(path_4096))), ENAMETOOLONG_);
    EXPECT_EQ(error_of(context->symlink(view(std::string(4095, 't')), "/l4095")), 0);
    EXPECT_EQ(error_of(context->symlink(view(std::string(4096, 't')), "/l4096")), ENAMETOOLONG_);
    char small[3];
    ASSERT_FALSE(context->mkdir("/dir").is_error());
    ASSERT_FALSE(context->chdir("/dir").is_error());
    EXPECT_EQ(error_of(context->getcwd(small)), ERANGE_);
}

TEST_F(VfsTest, FortyLinksAreFollowedInOneLookupAndTheFortyFirstIsEloop)
{
    ASSERT_FALSE(context->mkdir("/d").is_error());
    for (int i = 1; i <= 41; ++i)
        ASSERT_FALSE(context->symlink(view(i == 1 ? "d" : "l" + std::to_string(i - 1)), view("/l" + std::to_string(i))).is_error());
    EXPECT_EQ(error_of(context->stat("/l40")), 0);
    EXPECT_EQ(error_of(context->stat("/l40/.")), 0);
    EXPECT_EQ(error_of(context->stat("/l41")), ELOOP_);
    EXPECT_EQ(error_of(context->stat("/l41/.")), ELOOP_);
    EXPECT_EQ(error_of(context->lstat("/l41")), 0);
}

TEST_F(VfsTest, FollowsSymbolicLinksAndStopsLoops)
{
    ASSERT_FALSE(context->mkdir("/d").is_error());
    EXPECT_EQ(write_file("/d/f", "data"), 0);
    ASSERT_FALSE(context->symlink("d", "/rel").is_error());
    ASSERT_FALSE(context->symlink("/d/f", "/abs").is_error());
    ASSERT_FALSE(context->symlink("rel/f", "/chain").is_error());
    EXPECT_EQ(read_file("/rel/f"), "data");
    EXPECT_EQ(read_file("/abs"), "data");
    EXPECT_EQ(read_file("/chain"), "data");
    char target[64];
    auto length = context->readlink("/chain", target);
    ASSERT_FALSE(length.is_error());
    EXPECT_EQ(std::string(target, length.value()), "rel/f");
    EXPECT_EQ(error_of(context->readlink("/d/f", target)), EINVAL_);
    auto link_status = context->lstat("/abs");
    ASSERT_FALSE(link_status.is_error());
    EXPECT_EQ(fs::file_type_of(link_status.value().mode), fs::FileType::Symlink);
    EXPECT_EQ(link_status.value().size, 4u);

    ASSERT_FALSE(context->symlink("loop2", "/loop1").is_error());
    ASSERT_FALSE(context->symlink("loop1", "/loop2").is_error());
    EXPECT_EQ(error_of(context->stat("/loop1")), ELOOP_);
    EXPECT_EQ(error_of(context->open("/loop1/x", READ_ONLY)), ELOOP_);
    EXPECT_EQ(error_of(context->open("/abs", READ_ONLY | NO_FOLLOW)), ELOOP_);

    // Creating through a dangling link creates its target.
    ASSERT_FALSE(context->symlink("/d/new", "/dangling").is_error());
    EXPECT_EQ(write_file("/dangling", "made"), 0);
    EXPECT_EQ(read_file("/d/new"), "made");
    EXPECT_EQ(error_of(context->symlink("", "/empty")), ENOENT_);
}

TEST_F(VfsTest, OpenFlagsBehaveAsOnLinux)
{
    EXPECT_EQ(error_of(context->open("/f", READ_ONLY)), ENOENT_);
    auto fd = context->open("/f", READ_WRITE | CREATE | EXCLUSIVE, 0600);
    ASSERT_FALSE(fd.is_error());
    EXPECT_EQ(fd.value(), 0); // the lowest free descriptor
    EXPECT_EQ(error_of(context->open("/f", READ_WRITE | CREATE | EXCLUSIVE)), EEXIST_);
    const uint8_t abc[] = { 'a', 'b', 'c' };
    EXPECT_EQ(context->write(fd.value(), abc).value(), 3u);
    EXPECT_EQ(context->lseek(fd.value(), 1, fs::Whence::Set).value(), 1u);
    uint8_t two[2];
    EXPECT_EQ(context->read(fd.value(), two).value(), 2u);
    EXPECT_EQ(two[0], 'b');
    EXPECT_EQ(context->lseek(fd.value(), 0, fs::Whence::End).value(), 3u);
    EXPECT_EQ(error_of(context->lseek(fd.value(), -4, fs::Whence::Current)), EINVAL_);
    ASSERT_FALSE(context->close(fd.value()).is_error());
    EXPECT_EQ(error_of(context->close(fd.value())), EBADF_);

    auto appender = context->open("/f", WRITE_ONLY | APPEND);
    ASSERT_FALSE(appender.is_error());
    EXPECT_EQ(context->write(appender.value(), abc).value(), 3u);
    uint8_t byte[1];
    EXPECT_EQ(error_of(context->read(appender.value(), byte)), EBADF_);
    ASSERT_FALSE(context->close(appender.value()).is_error());
    EXPECT_EQ(read_file("/f"), "abcabc");

    auto reader = context->open("/f", READ_ONLY);
    ASSERT_FALSE(reader.is_error());
    EXPECT_EQ(error_of(context->write(reader.value(), abc)), EBADF_);
    EXPECT_EQ(error_of(context->ftruncate(reader.value(), 0)), EINVAL_);
    ASSERT_FALSE(context->close(reader.value()).is_error());

    auto truncating = context->open("/f", WRITE_ONLY | TRUNCATE);
    ASSERT_FALSE(truncating.is_error());
    ASSERT_FALSE(context->close(truncating.value()).is_error());
    EXPECT_EQ(read_file("/f"), "");

    ASSERT_FALSE(context->mkdir("/dir").is_error());
    EXPECT_EQ(error_of(context->open("/dir", WRITE_ONLY)), EISDIR_);
    EXPECT_EQ(error_of(context->open("/f", READ_ONLY | DIRECTORY)), ENOTDIR_);
    EXPECT_EQ(error_of(context->open("/new/", WRITE_ONLY | CREATE)), EISDIR_);
    EXPECT_EQ(error_of(context->open("/f", ACCESS_MODE)), EINVAL_);
    auto directory = context->open("/dir", READ_ONLY);
    ASSERT_FALSE(directory.is_error());
    EXPECT_EQ(error_of(context->read(directory.value(), byte)), EISDIR_);
    ASSERT_FALSE(context->close(directory.value()).is_error());
}

TEST_F(VfsTest, DescriptorTableRunsOutWithEmfile)
{
    EXPECT_EQ(write_file("/f", ""), 0);
    std::vector<int> fds;
    for (int i = 0; i < fs::Context::OPEN_MAX; ++i) {
        auto fd = context->open("/f", READ_ONLY);
        ASSERT_FALSE(fd.is_error());
        fds.push_back(fd.value());
    }
    EXPECT_EQ(error_of(context->open("/f", READ_ONLY)), EMFILE_);
    EXPECT_EQ(context->open_count(), fs::Context::OPEN_MAX);
    for (int fd : fds)
        ASSERT_FALSE(context->close(fd).is_error());
    EXPECT_EQ(error_of(context->read(-1, {})), EBADF_);
    EXPECT_EQ(error_of(context->fstat(fs::Context::OPEN_MAX)), EBADF_);
}

TEST_F(VfsTest, MkdirRmdirAndTheirErrors)
{
    ASSERT_FALSE(context->mkdir("/d").is_error());
    EXPECT_EQ(links("/"), 3u);
    EXPECT_EQ(links("/d"), 2u);
    EXPECT_EQ(error_of(context->mkdir("/d")), EEXIST_);
    EXPECT_EQ(error_of(context->mkdir("/")), EEXIST_);
    EXPECT_EQ(error_of(context->mkdir("/d/.")), EEXIST_);
    EXPECT_EQ(error_of(context->mkdir("/x/y")), ENOENT_);
    ASSERT_FALSE(context->mkdir("/d/sub/").is_error());
    EXPECT_EQ(error_of(context->rmdir("/d")), ENOTEMPTY_);
    EXPECT_EQ(error_of(context->rmdir("/d/sub/.")), EINVAL_);
    EXPECT_EQ(error_of(context->rmdir("/d/sub/..")), ENOTEMPTY_);
    EXPECT_EQ(error_of(context->rmdir("/")), EBUSY_);
    EXPECT_EQ(write_file("/file", ""), 0);
    EXPECT_EQ(error_of(context->rmdir("/file")), ENOTDIR_);
    EXPECT_EQ(error_of(context->rmdir("/nope")), ENOENT_);
    ASSERT_FALSE(context->rmdir("/d/sub").is_error());
    ASSERT_FALSE(context->rmdir("/d").is_error());
    EXPECT_EQ(links("/"), 2u);
    EXPECT_EQ(list("/"), (std::set<std::string> { ".", "..", "file" }));
}

TEST_F(VfsTest, UnlinkLinkAndOpenFilesOutlivingTheirNames)
{
    EXPECT_EQ(write_file("/f", "kept"), 0);
    ASSERT_FALSE(context->link("/f", "/g").is_error());
    EXPECT_EQ(links("/f"), 2u);
    EXPECT_EQ(error_of(context->link("/f", "/g")), EEXIST_);
    ASSERT_FALSE(context->mkdir("/d").is_error());
    EXPECT_EQ(error_of(context->link("/d", "/e")), EPERM_);
    EXPECT_EQ(error_of(context->unlink("/d")), EISDIR_);
    EXPECT_EQ(error_of(context->unlink("/nope")), ENOENT_);

    auto fd = context->open("/f", READ_ONLY);
    ASSERT_FALSE(fd.is_error());
    ASSERT_FALSE(context->unlink("/f").is_error());
    ASSERT_FALSE(context->unlink("/g").is_error());
    EXPECT_EQ(error_of(context->stat("/f")), ENOENT_);
    uint8_t buffer[8];
    auto got = context->read(fd.value(), buffer);
    ASSERT_FALSE(got.is_error());
    EXPECT_EQ(std::string(reinterpret_cast<char*>(buffer), got.value()), "kept");
    EXPECT_EQ(context->fstat(fd.value()).value().link_count, 0u);
    ASSERT_FALSE(context->close(fd.value()).is_error());
}

TEST_F(VfsTest, RenameFollowsThePosixRules)
{
    ASSERT_FALSE(context->mkdir("/a").is_error());
    ASSERT_FALSE(context->mkdir("/a/b").is_error());
    ASSERT_FALSE(context->mkdir("/c").is_error());
    EXPECT_EQ(write_file("/a/f", "1"), 0);
    EXPECT_EQ(write_file("/g", "2"), 0);

    ASSERT_FALSE(context->rename("/a/f", "/c/f2").is_error());
    EXPECT_EQ(read_file("/c/f2"), "1");
    EXPECT_EQ(error_of(context->stat("/a/f")), ENOENT_);
    ASSERT_FALSE(context->rename("/g", "/c/f2").is_error()); // replaces a file
    EXPECT_EQ(read_file("/c/f2"), "2");
    EXPECT_EQ(error_of(context->rename("/a", "/a/b/inside")), EINVAL_);
    EXPECT_EQ(error_of(context->rename("/a", "/c/f2")), ENOTDIR_);
    EXPECT_EQ(error_of(context->rename("/c/f2", "/a")), EISDIR_);
    EXPECT_EQ(error_of(context->rename("/nope", "/x")), ENOENT_);
    EXPECT_EQ(error_of(context->rename("/a/.", "/x")), EBUSY_);
    ASSERT_FALSE(context->mkdir("/full").is_error());
    EXPECT_EQ(write_file("/full/x", ""), 0);
    EXPECT_EQ(error_of(context->rename("/a", "/full")), ENOTEMPTY_);

    // A directory moves with its contents and the link counts follow.
    ASSERT_FALSE(context->rename("/a", "/c/moved").is_error());
    EXPECT_TRUE(context->stat("/c/moved/b").is_error() == false);
    EXPECT_EQ(links("/"), 4u);  // ".", "..", c, full
    EXPECT_EQ(links("/c"), 3u);
    ASSERT_FALSE(context->chdir("/c/moved/b").is_error());
    EXPECT_EQ(cwd(), "/c/moved/b");
    ASSERT_FALSE(context->rename("/c/moved", "/top").is_error());
    EXPECT_EQ(cwd(), "/top/b"); // the dentry moved, so getcwd follows
    // Renaming a name onto another name of the same file does nothing.
    ASSERT_FALSE(context->link("/c/f2", "/c/f3").is_error());
    ASSERT_FALSE(context->rename("/c/f2", "/c/f3").is_error());
    EXPECT_EQ(links("/c/f2"), 2u);
}

TEST_F(VfsTest, ReaddirListsEveryNameOnceWhileTheDirectoryChanges)
{
    ASSERT_FALSE(context->mkdir("/d").is_error());
    for (int i = 0; i < 50; ++i)
        EXPECT_EQ(write_file("/d/f" + std::to_string(i), ""), 0);
    auto fd = context->open("/d", READ_ONLY | DIRECTORY);
    ASSERT_FALSE(fd.is_error());
    std::multiset<std::string> seen;
    fs::DirectoryEntry entry;
    int index = 0;
    while (context->readdir(fd.value(), entry).value()) {
        seen.insert(std::string(entry.name, entry.name_length));
        if (index++ == 10) {
            // Remove one not yet listed and one already listed.
            ASSERT_FALSE(context->unlink("/d/f40").is_error());
            ASSERT_FALSE(context->unlink("/d/f0").is_error());
        }
    }
    ASSERT_FALSE(context->close(fd.value()).is_error());
    EXPECT_EQ(seen.count("."), 1u);
    EXPECT_EQ(seen.count(".."), 1u);
    EXPECT_EQ(seen.count("f40"), 0u);
    for (int i = 1; i < 50; ++i) {
        if (i != 40) {
            EXPECT_EQ(seen.count("f" + std::to_string(i)), 1u) << i;
        }
    }
}

TEST_F(VfsTest, MountPointsAreCrossedBothWaysAndAreBusy)
{
    ASSERT_FALSE(context->mkdir("/mnt").is_error());
    register_test_file_system();
    EXPECT_EQ(error_of(context->mount("nosuchfs", "x", "/mnt")), 19); // ENODEV
    ASSERT_FALSE(context->mount("testfs", "second", "/mnt").is_error());
    EXPECT_EQ(write_file("/mnt/hidden", "under the third"), 0);
    // Mounting on a mount point stacks, as on Linux: the newest hides the one below.
    ASSERT_FALSE(context->mount("testfs", "third", "/mnt").is_error());
    EXPECT_EQ(error_of(context->stat("/mnt/hidden")), ENOENT_);
    EXPECT_EQ(write_file("/mnt/inside", "other fs"), 0);
    EXPECT_EQ(list("/mnt"), (std::set<std::string> { ".", "..", "inside" }));
    ASSERT_FALSE(context->chdir("/mnt").is_error());
    EXPECT_EQ(cwd(), "/mnt");
    EXPECT_EQ(list(".."), (std::set<std::string> { ".", "..", "mnt" }));
    ASSERT_FALSE(context->chdir("/").is_error());
    EXPECT_EQ(error_of(context->rename("/mnt/inside", "/outside")), EXDEV_);
    EXPECT_EQ(error_of(context->link("/mnt/inside", "/outside")), EXDEV_);
    EXPECT_EQ(error_of(context->rmdir("/mnt")), EBUSY_);
    EXPECT_EQ(error_of(context->rename("/mnt", "/elsewhere")), EBUSY_);
    EXPECT_NE(context->stat("/mnt").value().device, context->stat("/").value().device);
    EXPECT_EQ(vfs->mounts().size(), 3u);
}

// umount's rules, as Linux's: only a mount point, never "/", and only while nothing in it
// is in use; the newest of stacked mounts goes first. (The fixture then checks that the
// file systems taken away left no memory behind.)
TEST_F(VfsTest, UnmountTakesAFileSystemAwayOnlyWhenNothingInItIsUsed)
{
    register_test_file_system();
    ASSERT_FALSE(context->mkdir("/mnt").is_error());
    ASSERT_FALSE(context->symlink("/mnt", "/link").is_error());
    EXPECT_EQ(error_of(context->unmount("/mnt")), EINVAL_);
    EXPECT_EQ(error_of(context->unmount("/")), EBUSY_);
    ASSERT_FALSE(context->mount("testfs", "first", "/mnt").is_error());
    ASSERT_FALSE(context->mkdir("/mnt/dir").is_error());
    EXPECT_EQ(write_file("/mnt/dir/file", "in the first"), 0);

    auto fd = context->open("/mnt/dir/file", READ_ONLY);
    ASSERT_FALSE(fd.is_error());
    EXPECT_EQ(error_of(context->unmount("/mnt")), EBUSY_); // an open file
    ASSERT_FALSE(context->close(fd.value()).is_error());
    ASSERT_FALSE(context->chdir("/mnt/dir").is_error());
    EXPECT_EQ(error_of(context->unmount("/mnt")), EBUSY_); // the current directory
    ASSERT_FALSE(context->chdir("/").is_error());
    ASSERT_FALSE(context->mount("testfs", "inner", "/mnt/dir").is_error());
    EXPECT_EQ(error_of(context->unmount("/mnt")), EBUSY_); // a mount inside
    ASSERT_FALSE(context->unmount("/mnt/dir").is_error());

    ASSERT_FALSE(context->mount("testfs", "stacked", "/mnt").is_error());
    EXPECT_EQ(error_of(context->stat("/mnt/dir/file")), ENOENT_);
    ASSERT_FALSE(context->unmount("/mnt").is_error()); // the newest
    EXPECT_EQ(read_file("/mnt/dir/file"), "in the first");
    EXPECT_EQ(error_of(context->unmount("/link", fs::FollowLast::No)), EINVAL_); // the link is no mount
    ASSERT_FALSE(context->unmount("/link").is_error());
    EXPECT_EQ(error_of(context->stat("/mnt/dir")), ENOENT_);
    EXPECT_EQ(error_of(context->unmount("/mnt")), EINVAL_);
    EXPECT_EQ(vfs->mounts().size(), 1u);
}

TEST_F(VfsTest, TheDentryCacheAnswersRepeatedLookups)
{
    ASSERT_FALSE(context->mkdir("/a").is_error());
    ASSERT_FALSE(context->mkdir("/a/b").is_error());
    EXPECT_EQ(write_file("/a/b/c", ""), 0);
    ASSERT_FALSE(context->stat("/a/b/c").is_error());
    auto before = vfs->dentries().statistics();
    for (int i = 0; i < 10; ++i)
        ASSERT_FALSE(context->stat("/a/b/c").is_error());
    auto after = vfs->dentries().statistics();
    EXPECT_EQ(after.misses, before.misses);
    EXPECT_EQ(after.hits - before.hits, 30u);
    // Pruning drops what nobody uses; lookups still work (from the file system).
    vfs->dentries().prune(fs::DentryCache::ALL);
    EXPECT_EQ(vfs->dentries().statistics().unused, 0u);
    ASSERT_FALSE(context->stat("/a/b/c").is_error());
}

// Room on the heap for more names than the dentry cache keeps.
struct ManyNamesTest : FsTest {
    ManyNamesTest() : FsTest(0, 16 << 20) {}
};

TEST_F(ManyNamesTest, TheDentryCacheKeepsAtMost4096UnusedEntriesDroppingTheOldest)
{
    // 4,096 is the limit the cache promises (literal here, not the constant under test).
    constexpr int FILES = 4096 + 300;
    ASSERT_FALSE(context->mkdir("/d").is_error());
    for (int i = 0; i < FILES; ++i)
        ASSERT_EQ(write_file("/d/f" + std::to_string(i), ""), 0) << i;
    vfs->dentries().prune(fs::DentryCache::ALL);
    auto empty = vfs->dentries().statistics();
    for (int i = 0; i < FILES; ++i)
        ASSERT_FALSE(context->stat(view("/d/f" + std::to_string(i))).is_error()) << i;
    auto full = vfs->dentries().statistics();
    EXPECT_EQ(full.unused, 4096u);
    EXPECT_EQ(full.cached - empty.cached, 4096u + 1) << "the 4,096 newest names and /d";
    // The newest names are still cached; the oldest went first.
    auto before = vfs->dentries().statistics();
    ASSERT_FALSE(context->stat(view("/d/f" + std::to_string(FILES - 1))).is_error());
    EXPECT_EQ(vfs->dentries().statistics().misses, before.misses) << "the newest name was pruned";
    before = vfs->dentries().statistics();
    ASSERT_FALSE(context->stat("/d/f0").is_error());
    EXPECT_EQ(vfs->dentries().statistics().misses, before.misses + 1) << "the oldest name was kept";
    EXPECT_EQ(vfs->dentries().statistics().unused, 4096u);
}

// The *at calls: a relative path starts at the directory descriptor (or at the current
// directory for AT_FDCWD, -100), an absolute one ignores it; a descriptor that is not open
// is EBADF, one of a file ENOTDIR; an empty path is ENOENT before the descriptor is looked
// at; flags a call does not take are EINVAL. The numbers are Linux's, written out.
TEST_F(VfsTest, AtCallsStartFromADirectoryDescriptor)
{
    constexpr int AT_FDCWD_ = -100, AT_SYMLINK_NOFOLLOW_ = 0x100, AT_REMOVEDIR_ = 0x200, AT_SYMLINK_FOLLOW_ = 0x400,
                  AT_EMPTY_PATH_ = 0x1000;
    static_assert(fs::CURRENT_DIRECTORY == AT_FDCWD_);
    ASSERT_FALSE(context->mkdir("/a").is_error());
    ASSERT_FALSE(context->mkdir("/b").is_error());
    EXPECT_EQ(write_file("/file", "top"), 0);
    auto a = context->open("/a", READ_ONLY | DIRECTORY);
    auto b = context->open("/b", READ_ONLY | DIRECTORY);
    auto file = context->open("/file", READ_ONLY);
    ASSERT_FALSE(a.is_error() || b.is_error() || file.is_error());
    int a_fd = a.value(), b_fd = b.value(), file_fd = file.value();

    ASSERT_FALSE(context->mkdirat(a_fd, "sub", 0700).is_error());
    EXPECT_EQ(context->stat("/a/sub").value().mode & 0777, 0700u);
    auto made = context->openat(a_fd, "sub/new", WRITE_ONLY | CREATE, 0600);
    ASSERT_FALSE(made.is_error());
    EXPECT_FALSE(context->write(made.value(), { reinterpret_cast<const uint8_t*>("new"), 3 }).is_error());
    EXPECT_FALSE(context->close(made.value()).is_error());
    EXPECT_EQ(read_file("/a/sub/new"), "new");
    EXPECT_EQ(context->fstatat(a_fd, "sub/new", 0).value().size, 3u);
    EXPECT_EQ(context->fstatat(a_fd, "..", 0).value().inode, context->stat("/").value().inode);

    // AT_FDCWD is the current directory; an absolute path ignores even a bad descriptor.
    ASSERT_FALSE(context->chdir("/a/sub").is_error());
    EXPECT_EQ(context->fstatat(AT_FDCWD_, "new", 0).value().size, 3u);
    EXPECT_EQ(context->fstatat(12345, "/file", 0).value().size, 3u);
    auto absolute = context->openat(-7, "/file", READ_ONLY);
    ASSERT_FALSE(absolute.is_error());
    EXPECT_FALSE(context->close(absolute.value()).is_error());
    ASSERT_FALSE(context->chdir("/").is_error());

    // Errors: the descriptor, then what it is; the path's text first.
    EXPECT_EQ(error_of(context->fstatat(12345, "x", 0)), EBADF_);
    EXPECT_EQ(error_of(context->fstatat(-1, "x", 0)), EBADF_);
    EXPECT_EQ(error_of(context->openat(63, "x", READ_ONLY)), EBADF_);
    EXPECT_EQ(error_of(context->mkdirat(file_fd, "x")), ENOTDIR_);
    EXPECT_EQ(error_of(context->unlinkat(file_fd, "x", 0)), ENOTDIR_);
    EXPECT_EQ(error_of(context->fstatat(12345, "", 0)), ENOENT_);
    EXPECT_EQ(error_of(context->openat(a_fd, "", READ_ONLY)), ENOENT_);
    EXPECT_EQ(error_of(context->fstatat(a_fd, "sub", 0x8)), EINVAL_);
    EXPECT_EQ(error_of(context->unlinkat(a_fd, "sub", AT_SYMLINK_NOFOLLOW_)), EINVAL_);
    EXPECT_EQ(error_of(context->linkat(a_fd, "sub/new", b_fd, "x", AT_REMOVEDIR_)), EINVAL_);

    // fstatat: AT_EMPTY_PATH names the descriptor itself; AT_SYMLINK_NOFOLLOW the link.
    EXPECT_EQ(context->fstatat(file_fd, "", AT_EMPTY_PATH_).value().size, 3u);
    EXPECT_EQ(context->fstatat(AT_FDCWD_, "", AT_EMPTY_PATH_).value().inode, context->stat("/").value().inode);
    EXPECT_EQ(error_of(context->fstatat(99, "", AT_EMPTY_PATH_)), EBADF_);
    ASSERT_FALSE(context->symlinkat("sub/new", a_fd, "link").is_error());
    char target[32];
    auto length = context->readlinkat(a_fd, "link", target);
    ASSERT_FALSE(length.is_error());
    EXPECT_EQ(std::string(target, length.value()), "sub/new");
    EXPECT_EQ(fs::file_type_of(context->fstatat(a_fd, "link", AT_SYMLINK_NOFOLLOW_).value().mode),
              fs::FileType::Symlink);
    EXPECT_EQ(fs::file_type_of(context->fstatat(a_fd, "link", 0).value().mode), fs::FileType::Regular);

    // renameat and linkat between two directories; linkat follows a link only when asked.
    ASSERT_FALSE(context->renameat(a_fd, "sub/new", b_fd, "moved").is_error());
    EXPECT_EQ(read_file("/b/moved"), "new");
    ASSERT_FALSE(context->symlinkat("/b/moved", a_fd, "to-moved").is_error());
    ASSERT_FALSE(context->linkat(a_fd, "to-moved", b_fd, "hard-link", 0).is_error());
    ASSERT_FALSE(context->linkat(a_fd, "to-moved", b_fd, "hard-file", AT_SYMLINK_FOLLOW_).is_error());
    EXPECT_EQ(fs::file_type_of(context->lstat("/b/hard-link").value().mode), fs::FileType::Symlink);
    EXPECT_EQ(context->lstat("/b/hard-file").value().inode, context->stat("/b/moved").value().inode);

    // unlinkat: a file without flags, a directory with AT_REMOVEDIR, each refusing the other.
    EXPECT_EQ(error_of(context->unlinkat(a_fd, "sub", 0)), EISDIR_);
    EXPECT_EQ(error_of(context->unlinkat(b_fd, "moved", AT_REMOVEDIR_)), ENOTDIR_);
    EXPECT_EQ(error_of(context->unlinkat(a_fd, ".", AT_REMOVEDIR_)), EINVAL_);
    ASSERT_FALSE(context->unlinkat(a_fd, "sub", AT_REMOVEDIR_).is_error());
    EXPECT_EQ(error_of(context->stat("/a/sub")), ENOENT_);
    for (const char* name : { "moved", "hard-link", "hard-file" })
        ASSERT_FALSE(context->unlinkat(b_fd, name, 0).is_error()) << name;
    EXPECT_EQ(list("/b"), (std::set<std::string> { ".", ".." }));

    // fchdir; and a directory removed while open has no names and takes none.
    ASSERT_FALSE(context->fchdir(b_fd).is_error());
    EXPECT_EQ(cwd(), "/b");
    EXPECT_EQ(error_of(context->fchdir(file_fd)), ENOTDIR_);
    EXPECT_EQ(error_of(context->fchdir(40)), EBADF_);
    ASSERT_FALSE(context->chdir("/").is_error());
    ASSERT_FALSE(context->rmdir("/b").is_error());
    EXPECT_EQ(error_of(context->openat(b_fd, "x", WRITE_ONLY | CREATE)), ENOENT_);
    EXPECT_EQ(error_of(context->mkdirat(b_fd, "x")), ENOENT_);
    for (int fd : { a_fd, b_fd, file_fd })
        EXPECT_FALSE(context->close(fd).is_error());
}

// A tree deeper than any path can name (2,800 levels, 5,600-byte paths): made with mkdirat
// and chdir, where a whole path is ENAMETOOLONG, and taken apart with unlinkat from a
// descriptor; the fixture checks that no heap or page is left.
struct DeepVfsTest : VfsTest {
    DeepVfsTest() : VfsTest(16 << 20) {}
};

TEST_F(DeepVfsTest, AtCallsReachBelowThePathLengthLimit)
{
    constexpr int DEPTH = 2800;
    ASSERT_FALSE(context->mkdir("/deep").is_error());
    ASSERT_FALSE(context->chdir("/deep").is_error());
    for (int level = 1; level < DEPTH; ++level) {
        ASSERT_EQ(error_of(context->mkdirat(fs::CURRENT_DIRECTORY, "d")), 0) << level;
        ASSERT_FALSE(context->chdir("d").is_error()) << level;
    }
    EXPECT_EQ(write_file("leaf", "at the bottom"), 0);
    char buffer[fs::PATH_LENGTH_MAX];
    EXPECT_EQ(error_of(context->getcwd(buffer)), ENAMETOOLONG_);
    std::string whole = "/deep";
    for (int level = 1; level < DEPTH; ++level)
        whole += "/d";
    EXPECT_EQ(error_of(context->stat(view(whole + "/leaf"))), ENAMETOOLONG_);
    // Up again, one ".." at a time, each level removed from its parent's descriptor.
    ASSERT_FALSE(context->unlinkat(fs::CURRENT_DIRECTORY, "leaf", 0).is_error());
    for (int level = 1; level < DEPTH; ++level) {
        auto up = context->open("..", READ_ONLY | DIRECTORY);
        ASSERT_FALSE(up.is_error()) << level;
        ASSERT_FALSE(context->fchdir(up.value()).is_error());
        EXPECT_EQ(error_of(context->unlinkat(up.value(), "d", 0)), EISDIR_);
        ASSERT_FALSE(context->unlinkat(up.value(), "d", fs::at_flags::REMOVE_DIRECTORY).is_error()) << level;
        ASSERT_FALSE(context->close(up.value()).is_error());
    }
    EXPECT_EQ(cwd(), "/deep");
    ASSERT_FALSE(context->chdir("/").is_error());
    ASSERT_FALSE(context->rmdir("/deep").is_error());
    EXPECT_EQ(context->open_count(), 0);
}

} // namespace
