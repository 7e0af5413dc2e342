// The shell's commands on whole trees (rm -r, tree, cp -r, mv), also below PATH_MAX: a
// tree 2,800 levels deep (5,600-byte paths) is copied and removed, and one with long names
// drawn, as GNU rm, cp and tree do by walking relative to directory descriptors. mv and rm
// as GNU's: "are the same file", a copy across file systems, every failure reported. The
// fixture checks that heap and pages are back at their baseline after each test.
#include "shell_files_test_support.hpp"

namespace {

using shell_test::expect_ran;
using shell_test::ShellFilesTest;

constexpr int DEEP_LEVELS = 2800;

struct ShellTreesTest : ShellFilesTest {
    // Room on the kernel heap for two trees of DEEP_LEVELS directories.
    ShellTreesTest() : ShellFilesTest(16 << 20) {}

    // A second ramfs type to mount (so that mv crosses file systems).
    static void register_second_ramfs()
    {
        if (fs::find_file_system_type("treestestfs"))
            return;
        ASSERT_FALSE(fs::register_file_system_type({ "treestestfs", [](kstd::StringView, kstd::StringView) {
                                                        fs::RamfsOptions options;
                                                        options.pages = &fs_test::ramfs_pages();
                                                        options.page_limit = 32;
                                                        return fs::make_ramfs(options);
                                                    } })
                         .is_error());
    }

    // `top`, and below it `levels - 1` directories named `name` one in the other, with the
    // file "leaf" at the bottom; made with mkdirat and chdir, as no whole path reaches it.
    void make_deep(const std::string& top, const std::string& name, int levels)
    {
        ASSERT_FALSE(context->mkdir(view(top)).is_error());
        ASSERT_FALSE(context->chdir(view(top)).is_error());
        for (int level = 1; level < levels; ++level) {
            ASSERT_FALSE(context->mkdirat(fs::CURRENT_DIRECTORY, view(name)).is_error()) << level;
            ASSERT_FALSE(context->chdir(view(name)).is_error()) << level;
        }
        ASSERT_EQ(write_file("leaf", "at the bottom\n"), 0);
        ASSERT_FALSE(context->chdir("/").is_error());
    }

    // How many levels `top` has going down through `name`, and the leaf's contents.
    std::pair<int, std::string> measure_deep(const std::string& top, const std::string& name)
    {
        int levels = 0;
        if (!context->chdir(view(top)).is_error()) {
            levels = 1;
            while (!context->chdir(view(name)).is_error())
                ++levels;
        }
        std::string leaf = read_file("leaf").value_or("(none)");
        EXPECT_FALSE(context->chdir("/").is_error());
        return { levels, leaf };
    }
};

TEST_F(ShellTreesTest, RmRfAndCpRWorkBelowThePathLengthLimit)
{
    make_deep("/deep", "d", DEEP_LEVELS);
    std::string whole = "/deep";
    for (int level = 1; level < DEEP_LEVELS; ++level)
        whole += "/d";
    ASSERT_EQ(whole.size(), 5603u); // PATH_MAX is 4096
    ok("cp -r /deep /copy");
    EXPECT_EQ(measure_deep("/copy", "d"), std::make_pair(DEEP_LEVELS, std::string("at the bottom\n")));
    // cp of one file, at the bottom, from there.
    for (int level = 0; level < DEEP_LEVELS; ++level)
        ASSERT_FALSE(context->chdir(level ? "d" : "/deep").is_error());
    ok("cp leaf /leaf-copy");
    ok("cp /leaf-copy again");
    EXPECT_EQ(read_file("again"), "at the bottom\n");
    ok("cd /");
    EXPECT_EQ(read_file("/leaf-copy"), "at the bottom\n");
    ok("rm -rf /deep /copy");
    EXPECT_FALSE(exists("/deep"));
    EXPECT_FALSE(exists("/copy"));
    EXPECT_EQ(context->open_count(), 0);
}

TEST_F(ShellTreesTest, TreeDrawsBelowThePathLengthLimit)
{
    const std::string name(200, 'n'); // 25 levels: paths of 5,000 bytes
    make_deep("/long", name, 26);
    ok("tree /long > /drawn");
    std::string expected = "/long\n";
    for (int depth = 0; depth < 25; ++depth)
        expected += std::string(4 * depth, ' ') + "`-- " + name + "\n";
    expected += std::string(4 * 25, ' ') + "`-- leaf\n\n25 directories, 1 file\n";
    EXPECT_EQ(read_file("/drawn"), expected);
    ok("rm -r /long /drawn");
    EXPECT_FALSE(exists("/long"));
}

TEST_F(ShellTreesTest, CpRCopiesTreesWithLinksAndNotIntoThemselves)
{
    ok("mkdir -p /tree/sub/empty");
    ok("echo one > /tree/one");
    ok("echo two > /tree/sub/.two");
    ok("ln -s ../one /tree/sub/link");
    ok("cp -r /tree /copy");
    EXPECT_EQ(read_file("/copy/one"), "one\n");
    EXPECT_EQ(read_file("/copy/sub/.two"), "two\n");
    EXPECT_EQ(type_of("/copy/sub/link"), fs::FileType::Symlink);
    EXPECT_EQ(read_file("/copy/sub/link"), "one\n");
    EXPECT_EQ(type_of("/copy/sub/empty"), fs::FileType::Directory);
    EXPECT_NE(context->stat("/copy/one").value().inode, context->stat("/tree/one").value().inode);
    ok("cp -R /tree/sub /copy/sub"); // into the existing directory, under its own name
    EXPECT_EQ(read_file("/copy/sub/sub/.two"), "two\n");
    ok("echo new > /tree/sub/new");
    ok("cp -r /tree/sub /copy"); // /copy/sub is there: what it holds stays, the rest is added
    EXPECT_EQ(read_file("/copy/sub/new"), "new\n");
    EXPECT_EQ(read_file("/copy/sub/link"), "one\n"); // the link there replaced by its copy
    EXPECT_EQ(read_file("/copy/sub/sub/.two"), "two\n");
    expect_ran(run("cp -r /tree /tree/sub/inside"), 1,
               "cp: cannot copy a directory, '/tree', into itself, '/tree/sub/inside'\n");
    EXPECT_FALSE(exists("/tree/sub/inside"));
    expect_ran(run("cp /tree /x"), 1, "cp: -r not specified; omitting directory '/tree'\n");
    ok("touch /file");
    expect_ran(run("cp -r /tree /file"), 1,
               "cp: cannot overwrite non-directory '/file' with directory '/tree'\n");
    ok("mkdir -p /other/tree");
    ok("touch /other/tree/sub");
    expect_ran(run("cp -r /tree /other"), 1,
               "cp: cannot overwrite non-directory '/other/tree/sub' with directory '/tree/sub'\n");
    EXPECT_EQ(read_file("/other/tree/one"), "one\n"); // the rest is still copied
    ok("rm -r /tree /copy /other /file");
}

TEST_F(ShellTreesTest, MvOfAFileOntoItselfIsAnError)
{
    ok("echo kept > /f");
    ok("ln /f /g");
    ok("mkdir /dir");
    expect_ran(run("mv /f /f"), 1, "mv: '/f' and '/f' are the same file\n");
    expect_ran(run("mv /f /dir/../g"), 1, "mv: '/f' and '/dir/../g' are the same file\n");
    ok("cd /dir");
    expect_ran(run("mv ../f /f"), 1, "mv: '../f' and '/f' are the same file\n");
    EXPECT_EQ(read_file("/f"), "kept\n");
    EXPECT_EQ(read_file("/g"), "kept\n");
}

TEST_F(ShellTreesTest, MvAcrossFileSystemsCopiesThenRemoves)
{
    register_second_ramfs();
    ok("mkdir /mnt");
    ok("mount -t treestestfs other /mnt");
    ok("echo file > /file");
    ok("ln -s /somewhere /link");
    ok("mkdir -p /tree/sub/empty");
    ok("echo deep > /tree/sub/deep");
    ok("ln -s sub/deep /tree/to-deep");
    context->set_umask(0); // modes the umask would take away, to see mv keep them
    ASSERT_FALSE(context->mkdir("/tree/open", 0777).is_error());
    EXPECT_EQ(write_file("/tree/open/all", "all\n"), 0);
    context->set_umask(022);
    ok("mv /file /link /tree /mnt");
    EXPECT_EQ(context->stat("/mnt/tree/open").value().mode & 07777, 0777u);
    EXPECT_EQ(context->stat("/mnt/tree/open/all").value().mode & 07777, 0666u);
    EXPECT_EQ(context->umask(), 022u);
    EXPECT_FALSE(exists("/file"));
    EXPECT_FALSE(exists("/link"));
    EXPECT_FALSE(exists("/tree"));
    EXPECT_EQ(read_file("/mnt/file"), "file\n");
    char target[64];
    auto length = context->readlink("/mnt/link", target);
    ASSERT_FALSE(length.is_error());
    EXPECT_EQ(std::string(target, length.value()), "/somewhere");
    EXPECT_EQ(read_file("/mnt/tree/sub/deep"), "deep\n");
    EXPECT_EQ(read_file("/mnt/tree/to-deep"), "deep\n");
    EXPECT_EQ(type_of("/mnt/tree/sub/empty"), fs::FileType::Directory);
    EXPECT_NE(context->stat("/mnt/tree").value().device, context->stat("/").value().device);
    // And back, over what is there: a file replaces a file; a directory only an empty one.
    ok("echo old > /file");
    ok("mkdir -p /tree /full/x");
    ok("mv /mnt/file /mnt/tree /");
    EXPECT_EQ(read_file("/file"), "file\n");
    EXPECT_EQ(read_file("/tree/sub/deep"), "deep\n");
    ok("mkdir /mnt/full");
    expect_ran(run("mv /mnt/full /"), 1, "mv: cannot move '/mnt/full' to '/full': Directory not empty\n");
    ok("mkdir /tree/link");
    expect_ran(run("mv /mnt/link /tree"), 1, "mv: cannot move '/mnt/link' to '/tree/link': Is a directory\n");
    EXPECT_TRUE(exists("/mnt/full"));
    EXPECT_TRUE(exists("/mnt/link"));
}

TEST_F(ShellTreesTest, RmRReportsEveryFailureAndRemovesTheRest)
{
    register_second_ramfs();
    ok("mkdir -p /top/a/m1 /top/b /top/m2 /top/z");
    ok("mount -t treestestfs one /top/a/m1");
    ok("mount -t treestestfs two /top/m2");
    ok("echo x > /top/a/m1/inside");
    ok("echo y > /top/a/y");
    ok("echo z > /top/z/z");
    expect_ran(run("rm -rf /top"), 1,
               "rm: cannot remove '/top/a/m1': Device or resource busy\n"
               "rm: cannot remove '/top/m2': Device or resource busy\n");
    // What could go went; the directories holding what stayed were not tried.
    EXPECT_FALSE(exists("/top/a/m1/inside"));
    EXPECT_FALSE(exists("/top/a/y"));
    EXPECT_FALSE(exists("/top/b"));
    EXPECT_FALSE(exists("/top/z"));
    EXPECT_TRUE(exists("/top/a/m1"));
    EXPECT_TRUE(exists("/top/m2"));
}

} // namespace
