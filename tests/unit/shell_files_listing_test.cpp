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

// "shelltestfs": a ramfs on the test's fake pages, on a machine of 16 pages of RAM, so its
// default limit is 8 pages (32 KiB).
void register_shell_test_fs()
{
    if (fs::find_file_system_type("shelltestfs"))
        return;
    auto mount = [](kstd::StringView, kstd::StringView text) -> kstd::Result<fs::Superblock*> {
        fs::RamfsOptions options;
        options.pages = &fs_test::ramfs_pages();
        TRY(fs::parse_ramfs_options(text, 16, options));
        return fs::make_ramfs(options);
    };
    ASSERT_FALSE(fs::register_file_system_type({ "shelltestfs", mount }).is_error());
}

TEST_F(ShellFilesTest, MountListsAndMountsFileSystems)
{
    register_shell_test_fs();
    expect_ran(run("mount"), 0, "test on / type ramfs (rw)\n");
    ok("mkdir /mnt");
    ok("mount -t shelltestfs scratch /mnt");
    expect_ran(run("mount"), 0, "test on / type ramfs (rw)\nscratch on /mnt type ramfs (rw)\n");
    ok("echo inside > /mnt/file");
    expect_ran(run("mount -t nosuchfs x /mnt"), 1, "mount: unknown filesystem type 'nosuchfs'\n");
    expect_ran(run("mount -t shelltestfs x /nope"), 1, "mount: /nope: No such file or directory\n");
    expect_ran(run("mount /mnt"), 2, "usage: mount [-t TYPE [-o OPTIONS] SOURCE DIRECTORY]\n");
    expect_ran(run("df"), 0,
               "Filesystem       1K-blocks       Used  Available Use% Mounted on\n"
               "test                   256          0        256   0% /\n"
               "scratch                 32          8         24  25% /mnt\n");
}

TEST_F(ShellFilesTest, UmountUnmountsWhatNothingUses)
{
    register_shell_test_fs();
    ok("mkdir /mnt");
    expect_ran(run("umount /mnt"), 1, "umount: /mnt: not mounted\n");
    ok("mount -t shelltestfs scratch /mnt");
    ok("cd /mnt");
    expect_ran(run("umount /mnt"), 1, "umount: /mnt: target is busy\n");
    ok("cd /");
    ok("umount /mnt");
    expect_ran(run("mount"), 0, "test on / type ramfs (rw)\n");
    expect_ran(run("umount /nope"), 1, "umount: /nope: No such file or directory\n");
    expect_ran(run("umount"), 2, "usage: umount DIRECTORY\n");
}

// mount -o size=... as tmpfs takes it: bytes with k/m/g/t, or a share of RAM with %;
// df shows the limit as the size, and a file cannot grow past it (ENOSPC).
TEST_F(ShellFilesTest, MountTakesASizeOptionThatDfShows)
{
    register_shell_test_fs();
    ok("mkdir /a /b /c /d /e");
    ok("mount -t shelltestfs -o size=12k a /a");
    ok("mount -o size=25% -t shelltestfs b /b");
    ok("mount -t shelltestfs -o size=4097 c /c");
    ok("mount -t shelltestfs -o ,size=1m,size=0, d /d"); // the last size wins; 0: no limit
    expect_ran(run("df"), 0,
               "Filesystem       1K-blocks       Used  Available Use% Mounted on\n"
               "test                   256          0        256   0% /\n"
               "a                       12          0         12   0% /a\n"
               "b                       16          0         16   0% /b\n"
               "c                        8          0          8   0% /c\n"
               "d                        0          0          0    - /d\n");
    // 12 KiB is three pages (the limit counts data and the radix nodes over it): a file of
    // one page and its node, then a second file's node, and its data page is refused.
    ok("echo 1 > /a/x");
    expect_ran(run("echo 2 > /a/y"), 1, "shell: /a/y: No space left on device\n");
    expect_ran(run("df"), 0,
               "Filesystem       1K-blocks       Used  Available Use% Mounted on\n"
               "test                   256          0        256   0% /\n"
               "a                       12         12          0 100% /a\n"
               "b                       16          0         16   0% /b\n"
               "c                        8          0          8   0% /c\n"
               "d                        0          0          0    - /d\n");

    const char* refused[][2] = {
        { "mount -t shelltestfs -o size=12x x /e", "mount: /e: -o size=12x: bad size (N[k|m|g|t|%])\n" },
        { "mount -t shelltestfs -o size= x /e", "mount: /e: -o size=: bad size (N[k|m|g|t|%])\n" },
        { "mount -t shelltestfs -o size=k x /e", "mount: /e: -o size=k: bad size (N[k|m|g|t|%])\n" },
        { "mount -t shelltestfs -o size=-1 x /e", "mount: /e: -o size=-1: bad size (N[k|m|g|t|%])\n" },
        { "mount -t shelltestfs -o size=99999999999999999999 x /e", "mount: /e: -o size=99999999999999999999: bad size (N[k|m|g|t|%])\n" },
        { "mount -t shelltestfs -o size=16777216t x /e", "mount: /e: -o size=16777216t: bad size (N[k|m|g|t|%])\n" },
        { "mount -t shelltestfs -o size=1m,mode=700 x /e", "mount: /e: -o size=1m,mode=700: unknown option\n" },
        { "mount -t shelltestfs -o nosize x /e", "mount: /e: -o nosize: unknown option\n" },
    };
    for (auto& [line, error] : refused)
        expect_ran(run(line), 1, error);
    expect_ran(run("mount -t shelltestfs -o size=1m x"), 2, "usage: mount [-t TYPE [-o OPTIONS] SOURCE DIRECTORY]\n");
    expect_ran(run("mount -o size=1m x /e"), 2, "usage: mount [-t TYPE [-o OPTIONS] SOURCE DIRECTORY]\n");
    expect_ran(run("mount -t shelltestfs -t shelltestfs x /e"), 2, "usage: mount [-t TYPE [-o OPTIONS] SOURCE DIRECTORY]\n");
    EXPECT_EQ(vfs->mounts().size(), 5u) << "a refused mount was made";
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
    EXPECT_NE(ran.text.find("  files    ls cd pwd mkdir rmdir touch cat rm mv cp ln stat tree mount umount df\n"),
              std::string::npos)
        << ran.text;
    EXPECT_NE(ran.text.find("Output: COMMAND > FILE"), std::string::npos);
    expect_ran(run("help tree"), 0,
               "usage: tree [-a] [DIRECTORY]...\n  show directories and everything below them (-a: hidden "
               "names too)\n");
}

} // namespace
