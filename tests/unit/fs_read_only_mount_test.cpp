// Read-only mounts through a Context, as Linux's MS_RDONLY and MS_REMOUNT: every call that
// would change a name, a file's contents or an inode's attributes under a read-only mount
// is EROFS, reading goes on, statfs and /proc/mounts would say "ro" (Superblock), and a
// remount to read-only waits (EBUSY) until no file of it is open for writing.
#include "fs_test_support.hpp"

namespace {

using fs::MountMode;
using fs_test::FsTest;
using namespace fs::open_flags;

constexpr int EBUSY_ = 16, EINVAL_ = 22, EROFS_ = 30;

struct ReadOnlyMountTest : FsTest {
    ReadOnlyMountTest()
    {
        fs_test::register_test_file_system();
        EXPECT_FALSE(context->mkdir("/mnt").is_error());
        EXPECT_FALSE(context->mount("testfs", "small", "/mnt").is_error());
        EXPECT_EQ(write_file("/mnt/file", "kept"), 0);
        EXPECT_FALSE(context->mkdir("/mnt/dir").is_error());
        EXPECT_FALSE(context->symlink("file", "/mnt/link").is_error());
    }
};

TEST_F(ReadOnlyMountTest, EveryChangeUnderAReadOnlyMountIsErofs)
{
    ASSERT_FALSE(context->remount("/mnt", MountMode::ReadOnly).is_error());
    EXPECT_TRUE(context->statfs("/mnt").value().read_only);
    EXPECT_FALSE(context->statfs("/").value().read_only);

    EXPECT_EQ(error_of(context->open("/mnt/file", WRITE_ONLY)), EROFS_);
    EXPECT_EQ(error_of(context->open("/mnt/file", READ_WRITE | APPEND)), EROFS_);
    EXPECT_EQ(error_of(context->open("/mnt/new", WRITE_ONLY | CREATE)), EROFS_);
    EXPECT_EQ(error_of(context->mkdir("/mnt/sub")), EROFS_);
    EXPECT_EQ(error_of(context->rmdir("/mnt/dir")), EROFS_);
    EXPECT_EQ(error_of(context->unlink("/mnt/file")), EROFS_);
    EXPECT_EQ(error_of(context->rename("/mnt/file", "/mnt/renamed")), EROFS_);
    EXPECT_EQ(error_of(context->link("/mnt/file", "/mnt/second")), EROFS_);
    EXPECT_EQ(error_of(context->symlink("file", "/mnt/another")), EROFS_);
    EXPECT_EQ(error_of(context->truncate("/mnt/file", 0)), EROFS_);
    EXPECT_EQ(error_of(context->fchmodat(fs::CURRENT_DIRECTORY, "/mnt/file", 0600)), EROFS_);
    uint32_t nobody = 65534;
    EXPECT_EQ(error_of(context->fchownat(fs::CURRENT_DIRECTORY, "/mnt/link", &nobody, nullptr,
                                         fs::at_flags::SYMLINK_NOFOLLOW)),
              EROFS_);
    uint64_t now = 1;
    EXPECT_EQ(error_of(context->utimensat(fs::CURRENT_DIRECTORY, "/mnt/dir", &now, &now, 0)), EROFS_);
    EXPECT_EQ(error_of(context->access("/mnt/file", fs::access_modes::WRITE)), EROFS_);
    EXPECT_EQ(error_of(context->access("/mnt/file", fs::access_modes::READ)), 0);

    // Reading is as before, and the file system outside the mount is writable.
    EXPECT_EQ(read_file("/mnt/file"), "kept");
    EXPECT_FALSE(context->stat("/mnt/link").is_error());
    EXPECT_EQ(write_file("/elsewhere", "fine"), 0);
    // An open directory's descriptor is no way around it.
    auto directory = context->open("/mnt/dir", READ_ONLY | DIRECTORY);
    ASSERT_FALSE(directory.is_error());
    EXPECT_EQ(error_of(context->openat(directory.value(), "inside", WRITE_ONLY | CREATE)), EROFS_);
    EXPECT_EQ(error_of(context->fchmodat(directory.value(), "", 0700, fs::at_flags::EMPTY_PATH)), EROFS_);
    ASSERT_FALSE(context->close(directory.value()).is_error());

    ASSERT_FALSE(context->remount("/mnt", MountMode::ReadWrite).is_error());
    EXPECT_EQ(write_file("/mnt/file", "changed"), 0);
    EXPECT_EQ(read_file("/mnt/file"), "changed");
    EXPECT_FALSE(context->statfs("/mnt").value().read_only);
}

TEST_F(ReadOnlyMountTest, ARemountToReadOnlyWaitsForTheLastWriterToClose)
{
    auto writer = context->open("/mnt/file", WRITE_ONLY);
    ASSERT_FALSE(writer.is_error());
    auto duplicate = context->dup(writer.value());
    ASSERT_FALSE(duplicate.is_error());
    auto reader = context->open("/mnt/file", READ_ONLY);
    ASSERT_FALSE(reader.is_error());
    EXPECT_EQ(error_of(context->remount("/mnt", MountMode::ReadOnly)), EBUSY_);
    ASSERT_FALSE(context->close(writer.value()).is_error());
    EXPECT_EQ(error_of(context->remount("/mnt", MountMode::ReadOnly)), EBUSY_); // the description lives on
    ASSERT_FALSE(context->close(duplicate.value()).is_error());
    EXPECT_EQ(error_of(context->remount("/mnt", MountMode::ReadOnly)), 0); // a reader is no writer
    ASSERT_FALSE(context->close(reader.value()).is_error());
    EXPECT_EQ(error_of(context->remount("/mnt/dir", MountMode::ReadWrite)), EINVAL_); // no mount there
}

TEST_F(ReadOnlyMountTest, AMountCanBeReadOnlyFromTheStart)
{
    ASSERT_FALSE(context->mkdir("/ro").is_error());
    ASSERT_FALSE(context->mount("testfs", "fresh", "/ro", {}, MountMode::ReadOnly).is_error());
    EXPECT_TRUE(context->statfs("/ro").value().read_only);
    EXPECT_EQ(error_of(context->mkdir("/ro/sub")), EROFS_);
}

} // namespace
