// chmod, utimensat and chown on ramfs through fs::Context (fchmodat, utimensat,
// fchownat): what each changes and leaves, as Linux's chmod(2), utimensat(2), chown(2).
#include "fs_test_support.hpp"

namespace {

using fs_test::FsTest;
using namespace fs::open_flags;

struct FsAttributesTest : FsTest {
    fs::Stat lstat(const char* path)
    {
        auto status = context->lstat(path);
        EXPECT_FALSE(status.is_error()) << path;
        return status.is_error() ? fs::Stat {} : status.value();
    }
};

TEST_F(FsAttributesTest, ChmodSetsThePermissionBitsAndKeepsTheType)
{
    ASSERT_EQ(write_file("/f", "x"), 0);
    ASSERT_FALSE(context->mkdir("/d", 0755).is_error());
    ASSERT_FALSE(context->fchmodat(fs::CURRENT_DIRECTORY, "/f", 04750).is_error());
    ASSERT_FALSE(context->fchmodat(fs::CURRENT_DIRECTORY, "/d", 0700).is_error());
    EXPECT_EQ(lstat("/f").mode, fs::mode::REGULAR | 04750);
    EXPECT_EQ(lstat("/d").mode, fs::mode::DIRECTORY | 0700);
    EXPECT_EQ(error_of(context->fchmodat(fs::CURRENT_DIRECTORY, "/missing", 0600)), ENOENT);
}

TEST_F(FsAttributesTest, ChmodFollowsALinkAndFchmodTakesADescriptor)
{
    ASSERT_EQ(write_file("/f", "x"), 0);
    ASSERT_FALSE(context->symlink("f", "/l").is_error());
    ASSERT_FALSE(context->fchmodat(fs::CURRENT_DIRECTORY, "/l", 0600).is_error());
    EXPECT_EQ(lstat("/f").mode, fs::mode::REGULAR | 0600);
    EXPECT_EQ(lstat("/l").mode, fs::mode::SYMLINK | 0777);
    int fd = context->open("/f", READ_ONLY).value();
    ASSERT_FALSE(context->fchmodat(fd, "", 0444, fs::at_flags::EMPTY_PATH).is_error());
    EXPECT_EQ(lstat("/f").mode, fs::mode::REGULAR | 0444);
    EXPECT_EQ(error_of(context->fchmodat(fd, "", 0444, fs::at_flags::SYMLINK_NOFOLLOW)), EINVAL);
    ASSERT_FALSE(context->close(fd).is_error());
}

TEST_F(FsAttributesTest, UtimensatSetsTheTimesGivenAndStampsTheChangeTime)
{
    ASSERT_EQ(write_file("/f", "x"), 0);
    fs::Stat before = lstat("/f");
    uint64_t access = 1'577'934'245'000'000'001, modify = 5'000'000'000;
    ASSERT_FALSE(context->utimensat(fs::CURRENT_DIRECTORY, "/f", &access, &modify).is_error());
    fs::Stat after = lstat("/f");
    EXPECT_EQ(after.access_ns, access);
    EXPECT_EQ(after.modify_ns, modify);
    EXPECT_GE(after.change_ns, before.change_ns);
    // One time omitted stays; both omitted change nothing, not even the change time.
    uint64_t later = 7'000'000'000;
    ASSERT_FALSE(context->utimensat(fs::CURRENT_DIRECTORY, "/f", nullptr, &later).is_error());
    EXPECT_EQ(lstat("/f").access_ns, access);
    EXPECT_EQ(lstat("/f").modify_ns, later);
    fs::Stat settled = lstat("/f");
    ASSERT_FALSE(context->utimensat(fs::CURRENT_DIRECTORY, "/f", nullptr, nullptr).is_error());
    EXPECT_EQ(lstat("/f").change_ns, settled.change_ns);
}

TEST_F(FsAttributesTest, UtimensatNofollowChangesTheLinkItself)
{
    ASSERT_EQ(write_file("/f", "x"), 0);
    ASSERT_FALSE(context->symlink("f", "/l").is_error());
    uint64_t file_modify = lstat("/f").modify_ns, time = 5'000'000'000;
    ASSERT_FALSE(context->utimensat(fs::CURRENT_DIRECTORY, "/l", &time, &time, fs::at_flags::SYMLINK_NOFOLLOW)
                     .is_error());
    EXPECT_EQ(lstat("/l").modify_ns, time);
    EXPECT_EQ(lstat("/f").modify_ns, file_modify);
}

TEST_F(FsAttributesTest, ChownSetsTheIdsGivenAndClearsSetUserId)
{
    ASSERT_EQ(write_file("/f", "x"), 0);
    ASSERT_FALSE(context->mkdir("/d", 0755).is_error());
    ASSERT_FALSE(context->fchmodat(fs::CURRENT_DIRECTORY, "/f", 06755).is_error());
    ASSERT_FALSE(context->fchmodat(fs::CURRENT_DIRECTORY, "/d", 06755).is_error());
    uint32_t uid = 1000, gid = 100;
    ASSERT_FALSE(context->fchownat(fs::CURRENT_DIRECTORY, "/f", &uid, nullptr).is_error());
    ASSERT_FALSE(context->fchownat(fs::CURRENT_DIRECTORY, "/d", nullptr, &gid).is_error());
    EXPECT_EQ(lstat("/f").uid, 1000u);
    EXPECT_EQ(lstat("/f").gid, 0u);
    EXPECT_EQ(lstat("/f").mode, fs::mode::REGULAR | 0755); // g+x: set-group-ID goes too
    EXPECT_EQ(lstat("/d").gid, 100u);
    EXPECT_EQ(lstat("/d").mode, fs::mode::DIRECTORY | 06755); // a directory keeps both
    ASSERT_FALSE(context->fchmodat(fs::CURRENT_DIRECTORY, "/f", 02745).is_error());
    ASSERT_FALSE(context->fchownat(fs::CURRENT_DIRECTORY, "/f", nullptr, nullptr).is_error());
    EXPECT_EQ(lstat("/f").mode, fs::mode::REGULAR | 02745); // no g+x: set-group-ID stays
}

TEST_F(FsAttributesTest, LchownChangesTheLinkItself)
{
    ASSERT_EQ(write_file("/f", "x"), 0);
    ASSERT_FALSE(context->symlink("f", "/l").is_error());
    uint32_t uid = 5, gid = 6;
    ASSERT_FALSE(context->fchownat(fs::CURRENT_DIRECTORY, "/l", &uid, &gid, fs::at_flags::SYMLINK_NOFOLLOW)
                     .is_error());
    EXPECT_EQ(lstat("/l").uid, 5u);
    EXPECT_EQ(lstat("/l").gid, 6u);
    EXPECT_EQ(lstat("/f").uid, 0u);
}

} // namespace
