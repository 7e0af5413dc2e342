// The shell's commands that remove, move, copy and link (rm, rmdir, mv, cp, ln), each
// with good and bad input, checked by what it printed and by the tree it left (see
// shell_files_test_support.hpp).
#include "shell_files_test_support.hpp"

namespace {

using shell_test::expect_ran;
using shell_test::ShellFilesTest;

TEST_F(ShellFilesTest, RmRemovesFilesAndRefusesDirectoriesWithoutR)
{
    ok("touch /a /b");
    ok("mkdir /dir");
    ok("rm /a /b");
    EXPECT_FALSE(exists("/a"));
    EXPECT_FALSE(exists("/b"));
    expect_ran(run("rm /dir"), 1, "rm: cannot remove '/dir': Is a directory\n");
    expect_ran(run("rm /nope"), 1, "rm: cannot remove '/nope': No such file or directory\n");
    ok("rm -f /nope");
    ok("rm -f");
    expect_ran(run("rm"), 2, "rm: missing operand\nusage: rm [-rf] FILE...\n");
    expect_ran(run("rm -x /dir"), 2, "rm: invalid option -- 'x'\nusage: rm [-rf] FILE...\n");
    EXPECT_TRUE(exists("/dir"));
}

TEST_F(ShellFilesTest, RmRRemovesWholeTrees)
{
    ok("mkdir -p /top/one/two/three /top/empty /keep");
    ok("echo a > /top/one/a");
    ok("echo hidden > /top/one/two/.hidden");
    ok("echo deep > /top/one/two/three/deep");
    ok("ln -s /keep /top/link-to-keep");
    ok("touch /keep/file");
    ok("rm -r /top/");
    EXPECT_FALSE(exists("/top"));
    EXPECT_TRUE(exists("/keep/file")) << "a symbolic link is removed, not followed";
    ok("mkdir -p /d/e");
    ok("rm -rf /d /nope");
    EXPECT_FALSE(exists("/d"));
    ok("cd /keep");
    expect_ran(run("rm -r ."), 1, "rm: refusing to remove '.' or '..' directory: skipping '.'\n");
    expect_ran(run("rm -R /"), 1, "rm: it is dangerous to operate recursively on '/'\n");
    EXPECT_TRUE(exists("/keep/file"));
}

TEST_F(ShellFilesTest, RmdirRemovesOnlyEmptyDirectories)
{
    ok("mkdir -p /full/inside /empty");
    ok("touch /file");
    ok("rmdir /empty");
    EXPECT_FALSE(exists("/empty"));
    expect_ran(run("rmdir /full"), 1, "rmdir: failed to remove '/full': Directory not empty\n");
    expect_ran(run("rmdir /file /full/inside"), 1, "rmdir: failed to remove '/file': Not a directory\n");
    EXPECT_FALSE(exists("/full/inside"));
    expect_ran(run("rmdir /nope"), 1, "rmdir: failed to remove '/nope': No such file or directory\n");
}

TEST_F(ShellFilesTest, MvRenamesAndMovesIntoDirectories)
{
    ok("echo text > /a");
    ok("mkdir /dir /other");
    ok("mv /a /b");
    EXPECT_FALSE(exists("/a"));
    EXPECT_EQ(read_file("/b"), "text\n");
    ok("mv /b /dir");
    EXPECT_EQ(read_file("/dir/b"), "text\n");
    ok("touch /c /d");
    ok("mv /c /d /dir/");
    EXPECT_TRUE(exists("/dir/c"));
    EXPECT_TRUE(exists("/dir/d"));
    ok("mv /dir /other/moved");
    EXPECT_EQ(read_file("/other/moved/b"), "text\n");
    ok("touch /e /f");
    expect_ran(run("mv /e /f /g"), 1, "mv: target '/g' is not a directory\n");
    expect_ran(run("mv /nope /x"), 1, "mv: cannot stat '/nope': No such file or directory\n");
    expect_ran(run("mv /other /other/moved"), 1,
               "mv: cannot move '/other' to '/other/moved/other': Invalid argument\n");
    expect_ran(run("mv /e"), 2, "mv: missing operand\nusage: mv SOURCE... DESTINATION\n");
}

TEST_F(ShellFilesTest, CpCopiesContentsIntoNewFiles)
{
    std::string big;
    for (int index = 0; index < 3000; ++index)
        big += static_cast<char>('a' + index % 26);
    EXPECT_EQ(write_file("/big", big), 0);
    ok("cp /big /copy");
    EXPECT_EQ(read_file("/copy"), big);
    ok("echo changed > /copy");
    EXPECT_EQ(read_file("/big"), big) << "a copy is a file of its own";
    ok("mkdir /dir");
    ok("cp /big /copy /dir");
    EXPECT_EQ(read_file("/dir/big"), big);
    EXPECT_EQ(read_file("/dir/copy"), "changed\n");
    ok("echo short > /copy");
    ok("cp /copy /big");
    EXPECT_EQ(read_file("/big"), "short\n") << "the destination is truncated first";
    expect_ran(run("cp /big /big"), 1, "cp: '/big' and '/big' are the same file\n");
    expect_ran(run("cp /dir /x"), 1, "cp: -r not specified; omitting directory '/dir'\n");
    expect_ran(run("cp /nope /x"), 1, "cp: cannot stat '/nope': No such file or directory\n");
    expect_ran(run("cp /big /nope/x"), 1,
               "cp: cannot create regular file '/nope/x': No such file or directory\n");
    expect_ran(run("cp /big /copy /nodir"), 1, "cp: target '/nodir' is not a directory\n");
}

TEST_F(ShellFilesTest, LnMakesHardAndSymbolicLinks)
{
    ok("echo shared > /file");
    ok("ln /file /hard");
    auto file = context->stat("/file");
    auto hard = context->stat("/hard");
    ASSERT_FALSE(file.is_error() || hard.is_error());
    EXPECT_EQ(file.value().inode, hard.value().inode);
    EXPECT_EQ(hard.value().link_count, 2u);
    ok("ln -s /file /soft");
    EXPECT_EQ(type_of("/soft"), fs::FileType::Symlink);
    EXPECT_EQ(read_file("/soft"), "shared\n");
    ok("mkdir /dir");
    ok("ln -s ../file /dir");
    EXPECT_EQ(read_file("/dir/file"), "shared\n");
    expect_ran(run("ln /file /hard"), 1, "ln: failed to create hard link '/hard' => '/file': File exists\n");
    expect_ran(run("ln -s /x /soft"), 1, "ln: failed to create symbolic link '/soft': File exists\n");
    expect_ran(run("ln /dir /dirlink"), 1,
               "ln: failed to create hard link '/dirlink' => '/dir': Operation not permitted\n");
    expect_ran(run("ln /nope /x"), 1,
               "ln: failed to create hard link '/x' => '/nope': No such file or directory\n");
}

} // namespace
