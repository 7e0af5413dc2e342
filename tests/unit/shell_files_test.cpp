// The shell's file commands that make and read files and directories (mkdir, cd, pwd,
// touch, cat) and output redirection with > and >>, each with good and bad input, checked
// by what it printed and by the tree it left (see shell_files_test_support.hpp).
#include "shell_files_test_support.hpp"

#include <fs/devfs/devfs.hpp>
#include <fs/path_walk.hpp>
#include <log/log.hpp>

namespace {

using shell_test::expect_ran;
using shell_test::Ran;
using shell_test::ShellFilesTest;

TEST_F(ShellFilesTest, MkdirMakesDirectoriesAndParents)
{
    ok("mkdir /a /b");
    EXPECT_EQ(type_of("/a"), fs::FileType::Directory);
    EXPECT_EQ(type_of("/b"), fs::FileType::Directory);
    expect_ran(run("mkdir /a"), 1, "mkdir: cannot create directory '/a': File exists\n");
    expect_ran(run("mkdir /x/y /c"), 1, "mkdir: cannot create directory '/x/y': No such file or directory\n");
    EXPECT_TRUE(exists("/c")) << "the other operands are still made";
    ok("mkdir -p /a/deep//er/deepest/ /a");
    EXPECT_EQ(type_of("/a/deep/er/deepest"), fs::FileType::Directory);
    EXPECT_EQ(write_file("/file", "x"), 0);
    expect_ran(run("mkdir -p /file"), 1, "mkdir: cannot create directory '/file': File exists\n");
    expect_ran(run("mkdir -p /file/sub"), 1, "mkdir: cannot create directory '/file/sub': Not a directory\n");
    expect_ran(run("mkdir"), 2, "mkdir: missing operand\nusage: mkdir [-p] DIRECTORY...\n");
    expect_ran(run("mkdir -q /q"), 2, "mkdir: invalid option -- 'q'\nusage: mkdir [-p] DIRECTORY...\n");
    ok("mkdir -- -q");
    EXPECT_TRUE(exists("/-q"));
}

TEST_F(ShellFilesTest, CdAndPwdMoveTheShellsCurrentDirectory)
{
    expect_ran(run("pwd"), 0, "/\n");
    ok("mkdir -p /home/guest");
    ok("cd /home/guest");
    expect_ran(run("pwd"), 0, "/home/guest\n");
    ok("mkdir notes");
    EXPECT_TRUE(exists("/home/guest/notes"));
    ok("cd ..");
    expect_ran(run("pwd"), 0, "/home\n");
    ok("cd");
    expect_ran(run("pwd"), 0, "/\n");
    expect_ran(run("cd /nope"), 1, "cd: /nope: No such file or directory\n");
    EXPECT_EQ(write_file("/file", ""), 0);
    expect_ran(run("cd /file"), 1, "cd: /file: Not a directory\n");
    expect_ran(run("cd a b"), 2, "usage: cd [DIRECTORY]\n");
    expect_ran(run("pwd"), 0, "/\n");
}

TEST_F(ShellFilesTest, EchoRedirectedWritesAndAppends)
{
    ok("echo hello world > /greeting");
    EXPECT_EQ(read_file("/greeting"), "hello world\n");
    ok("echo again >> /greeting");
    EXPECT_EQ(read_file("/greeting"), "hello world\nagain\n");
    ok("echo fresh > /greeting");
    EXPECT_EQ(read_file("/greeting"), "fresh\n");
    ok("echo tight>/tight");
    EXPECT_EQ(read_file("/tight"), "tight\n");
    ok(">/empty echo first 'then quoted > is a word'");
    EXPECT_EQ(read_file("/empty"), "first then quoted > is a word\n");
    ok("> /empty");
    EXPECT_EQ(read_file("/empty"), "");
    auto status = context->stat("/greeting");
    ASSERT_FALSE(status.is_error());
    EXPECT_EQ(status.value().mode & 0777, 0644u);
}

TEST_F(ShellFilesTest, RedirectionErrors)
{
    ok("mkdir /dir");
    expect_ran(run("echo x > /dir"), 1, "shell: /dir: Is a directory\n");
    expect_ran(run("echo x > /nope/file"), 1, "shell: /nope/file: No such file or directory\n");
    expect_ran(run("echo x >"), 2, "shell: no file name after '>'\n");
    expect_ran(run("echo x > > f"), 2, "shell: no file name after '>'\n");
    expect_ran(run("echo x > a > b"), 2, "shell: only one output redirection\n");
    EXPECT_FALSE(exists("/a"));
    // The file is made before the command runs, and errors still reach the console.
    expect_ran(run("nosuch > /made"), shell::STATUS_NOT_FOUND, "nosuch: command not found (try 'help')\n");
    EXPECT_EQ(read_file("/made"), "");
    expect_ran(run("cat /nope > /made"), 1, "cat: /nope: No such file or directory\n");
}

TEST_F(ShellFilesTest, RedirectionFillingTheFileSystemIsAnError)
{
    ok("echo some text > /a");
    // A file bigger than the page limit takes what is left.
    std::string too_big((shell_test::PAGE_LIMIT + 1) * 4096, 'x');
    (void)write_file("/big", too_big);
    ASSERT_LT(context->stat("/big").value().size, too_big.size());
    Ran ran = run("cat /a > /b");
    EXPECT_EQ(ran.status, 1);
    EXPECT_EQ(ran.text, "shell: /b: No space left on device\n");
}

// Issue 11: copying an endless file (/dev/zero, /dev/random) into a full file system kept
// reading and discarding for ever. The copy now stops at the first failed write, with
// coreutils' words, and the shell does not report the error a second time.
TEST_F(ShellFilesTest, CopyingAnEndlessFileStopsWhenTheFileSystemIsFull)
{
    ASSERT_EQ(error_of(context->mkdir("/dev")), 0);
    fs::WalkStart start { *vfs, vfs->root(), vfs->root() };
    auto dev = fs::resolve(start, "/dev", fs::FollowLast::Yes);
    ASSERT_FALSE(dev.is_error());
    auto devfs = fs::mount_devfs("devfs");
    ASSERT_FALSE(devfs.is_error());
    ASSERT_FALSE(vfs->mount(*dev.value().target, devfs.value(), "devfs").is_error());

    expect_ran(run("cat /dev/zero > /zeros"), 1, "cat: write error: No space left on device\n");
    auto zeros = context->stat("/zeros");
    ASSERT_FALSE(zeros.is_error());
    EXPECT_GT(zeros.value().size, 32u * 4096) << "it filled what the file system had";
    EXPECT_EQ(read_file("/zeros").value_or("x").substr(0, 4), std::string(4, '\0'));
    expect_ran(run("cat /dev/zero >> /zeros"), 1, "cat: write error: No space left on device\n");
    ok("rm /zeros");
    expect_ran(run("cp /dev/zero /copy"), 1, "cp: error writing '/copy': No space left on device\n");
    ok("rm /copy");
    expect_ran(run("cp /dev/random /copy"), 1, "cp: error writing '/copy': No space left on device\n");
    ok("rm /copy");
    ok("echo room again > /small");
    EXPECT_EQ(read_file("/small"), "room again\n");
}

// Issue 11: dmesg, color and help NAME printed on the console whatever the redirection.
TEST_F(ShellFilesTest, EveryCommandsOutputCanBeRedirected)
{
    klog::info("shell test: a record for dmesg > file");
    ok("dmesg > /log");
    std::string log = read_file("/log").value_or("");
    EXPECT_NE(log.find("info: shell test: a record for dmesg > file\n"), std::string::npos) << log;
    EXPECT_EQ(log.substr(0, 1), "[");
    ok("color > /colours");
    std::string colours = read_file("/colours").value_or("");
    EXPECT_EQ(colours.substr(0, 24), "Colours:\n  black\n  blue\n") << colours;
    EXPECT_NE(colours.find("  light-gray\n"), std::string::npos) << colours;
    EXPECT_EQ(colours.substr(colours.size() - 8), "  white\n") << colours;
    ok("help ls > /help");
    EXPECT_EQ(read_file("/help"), "usage: ls [-al] [FILE]...\n  list directories (-l: mode, links, size; -a: hidden names too)\n");
    expect_ran(run("help cd"), 0, "usage: cd [DIRECTORY]\n  change the current directory (to / without one)\n");
}

TEST_F(ShellFilesTest, CatPrintsFilesInOrder)
{
    EXPECT_EQ(write_file("/one", "first\n"), 0);
    EXPECT_EQ(write_file("/two", "second\nthird\n"), 0);
    expect_ran(run("cat /one /two"), 0, "first\nsecond\nthird\n");
    std::string long_text;
    for (int line = 0; line < 100; ++line)
        long_text += "line " + std::to_string(line) + "\n";
    EXPECT_EQ(write_file("/long", long_text), 0);
    ok("cat /long /one > /copy");
    EXPECT_EQ(read_file("/copy"), long_text + "first\n");
    ok("cat /two >> /copy");
    EXPECT_EQ(read_file("/copy"), long_text + "first\nsecond\nthird\n");
    expect_ran(run("cat /nope /one"), 1, "cat: /nope: No such file or directory\nfirst\n");
    ok("mkdir /dir");
    expect_ran(run("cat /dir"), 1, "cat: /dir: Is a directory\n");
    expect_ran(run("cat /one >> /one"), 1, "cat: /one: input file is output file\n");
    EXPECT_EQ(read_file("/one"), "first\n");
    expect_ran(run("cat"), 2, "cat: missing operand\nusage: cat FILE...\n");
}

TEST_F(ShellFilesTest, TouchCreatesAndLeavesExistingFilesAlone)
{
    ok("touch /new /other");
    EXPECT_EQ(read_file("/new"), "");
    EXPECT_EQ(type_of("/other"), fs::FileType::Regular);
    EXPECT_EQ(write_file("/new", "kept\n"), 0);
    ok("touch /new");
    EXPECT_EQ(read_file("/new"), "kept\n");
    ok("mkdir /dir");
    ok("touch /dir");
    expect_ran(run("touch /nope/file"), 1, "touch: cannot touch '/nope/file': No such file or directory\n");
}

} // namespace
