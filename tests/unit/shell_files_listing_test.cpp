// The shell's commands that describe files and file systems (ls, stat, tree, mount, df),
// the file commands without a file system, and help's list of them (see
// shell_files_test_support.hpp).
#include "shell_files_test_support.hpp"

#include <fs/superblock.hpp>

namespace {

using shell_test::expect_ran;
using shell_test::ShellFilesTest;

struct ShellListingTest : ShellFilesTest {
    ShellListingTest()
    {
        ok("mkdir -p /d/sub");
        ok("echo hello > /d/b");
        ok("touch /d/a /d/.hidden");
        ok("ln -s b /d/link");
    }
};

TEST_F(ShellListingTest, LsListsDirectoriesInColumnsAndFilesAsThemselves)
{
    expect_ran(run("ls /d"), 0, "a     b     link  sub\n");
    expect_ran(run("ls -a /d"), 0, ".        ..       .hidden  a        b        link     sub\n");
    expect_ran(run("ls /d/b"), 0, "/d/b\n");
    ok("cd /d");
    expect_ran(run("ls"), 0, "a     b     link  sub\n");
    expect_ran(run("ls b sub /"), 0, "b\n\nsub:\n\n/:\nd\n");
    expect_ran(run("ls /nope b"), 1, "ls: cannot access '/nope': No such file or directory\nb\n");
    expect_ran(run("ls -k"), 2, "ls: invalid option -- 'k'\nusage: ls [-al] [FILE]...\n");
    ok("ls > /listing");
    EXPECT_EQ(read_file("/listing"), "a\nb\nlink\nsub\n") << "one name a line into a file";
}

TEST_F(ShellListingTest, LsLongGivesModeLinksSizeAndLinkTargets)
{
    expect_ran(run("ls -l /d"), 0,
               "-rw-r--r--   1        0 a\n"
               "-rw-r--r--   1        6 b\n"
               "lrwxrwxrwx   1        1 link -> b\n"
               "drwxr-xr-x   2     4096 sub\n");
    expect_ran(run("ls -l /d/link"), 0, "lrwxrwxrwx   1        1 /d/link -> b\n");
    ok("ln /d/b /d/sub/again");
    expect_ran(run("ls -l /d/b"), 0, "-rw-r--r--   2        6 /d/b\n");
}

TEST_F(ShellListingTest, StatDescribesAFile)
{
    auto file = context->stat("/d/b");
    ASSERT_FALSE(file.is_error());
    auto ran = run("stat /d/b");
    EXPECT_EQ(ran.status, 0);
    for (const std::string& expected : std::vector<std::string> {
             "  File: /d/b\n  Size: 6 ",
             " regular file\nDevice: " + std::to_string(file.value().device) + " ",
             " Inode: " + std::to_string(file.value().inode) + " ",
             " Links: 1\nAccess: (0644/-rw-r--r--)\nAccess: ",
             " s after boot\nModify: ",
             " s after boot\nChange: ",
         }) {
        EXPECT_NE(ran.text.find(expected), std::string::npos) << expected << " in\n" << ran.text;
    }
    EXPECT_EQ(run("stat /d/link").text.substr(0, 21), "  File: /d/link -> b\n");
    ran = run("stat /d");
    EXPECT_NE(ran.text.find(" directory\n"), std::string::npos);
    EXPECT_NE(ran.text.find("Access: (0755/drwxr-xr-x)"), std::string::npos);
    expect_ran(run("stat /nope"), 1, "stat: cannot stat '/nope': No such file or directory\n");
}

TEST_F(ShellListingTest, TreeDrawsEverythingBelowADirectory)
{
    ok("mkdir /d/sub/deeper /d/sub/empty");
    ok("touch /d/sub/deeper/x /d/sub/y");
    expect_ran(run("tree /d/sub"), 0,
               "/d/sub\n"
               "|-- deeper\n"
               "|   `-- x\n"
               "|-- empty\n"
               "`-- y\n"
               "\n"
               "2 directories, 2 files\n");
    ok("touch /d/zz");
    expect_ran(run("tree /d"), 0,
               "/d\n"
               "|-- a\n"
               "|-- b\n"
               "|-- link -> b\n"
               "|-- sub\n"
               "|   |-- deeper\n"
               "|   |   `-- x\n"
               "|   |-- empty\n"
               "|   `-- y\n"
               "`-- zz\n"
               "\n"
               "3 directories, 6 files\n");
    ok("cd /d/sub/deeper");
    expect_ran(run("tree -a /d/sub/deeper"), 0, "/d/sub/deeper\n`-- x\n\n0 directories, 1 file\n");
    expect_ran(run("tree"), 0, ".\n`-- x\n\n0 directories, 1 file\n");
    expect_ran(run("tree /nope"), 1, "tree: /nope: No such file or directory\n\n0 directories, 0 files\n");
    expect_ran(run("tree /d/b"), 1, "tree: /d/b: Not a directory\n\n0 directories, 0 files\n");
}

TEST_F(ShellFilesTest, MountListsAndMountsFileSystems)
{
    if (!fs::find_file_system_type("shelltestfs")) {
        ASSERT_FALSE(fs::register_file_system_type({ "shelltestfs",
                                                     [](kstd::StringView) {
                                                         fs::RamfsOptions options;
                                                         options.pages = &fs_test::ramfs_pages();
                                                         options.page_limit = 8;
                                                         return fs::make_ramfs(options);
                                                     } })
                         .is_error());
    }
    expect_ran(run("mount"), 0, "test on / type ramfs (rw)\n");
    ok("mkdir /mnt");
    ok("mount -t shelltestfs scratch /mnt");
    expect_ran(run("mount"), 0, "test on / type ramfs (rw)\nscratch on /mnt type ramfs (rw)\n");
    ok("echo inside > /mnt/file");
    expect_ran(run("mount -t nosuchfs x /mnt"), 1, "mount: unknown filesystem type 'nosuchfs'\n");
    expect_ran(run("mount -t shelltestfs x /nope"), 1, "mount: /nope: No such file or directory\n");
    expect_ran(run("mount /mnt"), 2, "usage: mount [-t TYPE SOURCE DIRECTORY]\n");
    expect_ran(run("df"), 0,
               "Filesystem       1K-blocks       Used  Available Use% Mounted on\n"
               "test                   256          0        256   0% /\n"
               "scratch                 32          8         24  25% /mnt\n");
}

// Out of kernel heap (the pages it grows by refused) is an error line, never a crash or a
// leak (the fixture checks), and the shell works again once memory is back.
TEST_F(ShellListingTest, OutOfMemoryIsAnErrorLine)
{
    for (const char* line : { "ls -l /d", "tree /d", "stat /d/link", "pwd", "mount", "df", "cp /d/b /d/sub",
                              "cat /d/b > /d/out", "mkdir -p /d/new/er", "rm -r /d/sub" }) {
        for (size_t pages = 0; pages < 3; ++pages) {
            ok("mkdir -p /d/sub/deeper"); // for rm -r
            async_test::kernel_pages().fail_after(pages);
            auto ran = run(line);
            async_test::kernel_pages().fail_never();
            EXPECT_TRUE(ran.status == 0 || ran.status == 1) << line << ": " << ran.text;
            if (ran.status == 1) {
                EXPECT_NE(ran.text.find("Cannot allocate memory"), std::string::npos)
                    << line << ": " << ran.text;
            }
        }
    }
    ok("rm -rf /d/sub");
    EXPECT_FALSE(exists("/d/sub"));
    expect_ran(run("cat /d/b"), 0, "hello\n");
}

TEST(ShellWithoutFiles, FileCommandsSayThereIsNoFileSystem)
{
    shell::Shell shell { console::kernel_console() };
    EXPECT_EQ(shell.files(), nullptr);
    EXPECT_EQ(shell.execute("ls"), 1);
    EXPECT_EQ(shell.execute("echo x > /f"), 1);
    EXPECT_EQ(shell.execute("echo still fine"), 0);
}

TEST_F(ShellFilesTest, HelpListsTheFileCommands)
{
    auto ran = run("help");
    EXPECT_EQ(ran.status, 0);
    EXPECT_NE(ran.text.find("  files    ls cd pwd mkdir rmdir touch cat rm mv cp ln stat tree mount df\n"),
              std::string::npos)
        << ran.text;
    EXPECT_NE(ran.text.find("Output: COMMAND > FILE"), std::string::npos);
    expect_ran(run("help tree"), 0,
               "usage: tree [-a] [DIRECTORY]...\n  show directories and everything below them (-a: hidden "
               "names too)\n");
}

} // namespace
