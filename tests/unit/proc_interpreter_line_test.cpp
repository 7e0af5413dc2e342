// proc::elf::parse_interpreter_line, differentially against the host's Linux: each case
// is written as a script whose interpreter is the musl build of user/hello.c (which
// prints its argv), and executed on the host. Where Linux runs it, the argv hello got
// must be [interpreter, argument if any, script]; where Linux says ENOEXEC, so must we;
// where Linux cannot open the interpreter (ENOENT for "\r" at the end of the name,
// EACCES for the empty name a bare "#!" gives), we must have named some other path.
// A few fixed expectations follow for readers.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <proc/elf.hpp>
#include <errno.h>
#include <spawn.h>
#include <string.h>
#include <string>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

namespace {

struct HostRun {
    int error = 0;                  // posix_spawn's error (ENOEXEC, ENOENT, EACCES) or 0
    std::vector<std::string> argv;  // what the interpreter printed
};

HostRun run_on_host(const std::string& script)
{
    int pipe_ends[2];
    EXPECT_EQ(pipe(pipe_ends), 0);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, pipe_ends[1], 1);
    posix_spawn_file_actions_addclose(&actions, pipe_ends[0]);
    char* argv[] = { const_cast<char*>(script.c_str()), nullptr };
    char* envp[] = { nullptr };
    pid_t pid;
    HostRun run;
    run.error = posix_spawn(&pid, script.c_str(), &actions, nullptr, argv, envp);
    posix_spawn_file_actions_destroy(&actions);
    close(pipe_ends[1]);
    std::string output;
    char buffer[4096];
    ssize_t got;
    while ((got = read(pipe_ends[0], buffer, sizeof(buffer))) > 0)
        output.append(buffer, static_cast<size_t>(got));
    close(pipe_ends[0]);
    if (run.error != 0)
        return run;
    int status;
    EXPECT_EQ(waitpid(pid, &status, 0), pid);
    // hello prints: argv[N] = "TEXT"
    size_t at = 0;
    while ((at = output.find("argv[", at)) != std::string::npos) {
        size_t open = output.find('"', at);
        size_t close_quote = output.find("\"\n", open + 1);
        run.argv.push_back(output.substr(open + 1, close_quote - open - 1));
        at = close_quote;
    }
    return run;
}

class ProcInterpreterLine : public testing::Test {
protected:
    std::string directory;
    std::string interpreter = KEEL_TEST_MUSL_PROGRAM;
    int scripts = 0;

    void SetUp() override
    {
        char name_template[] = "/tmp/keel-shebang-XXXXXX";
        ASSERT_NE(mkdtemp(name_template), nullptr);
        directory = name_template;
    }
    void TearDown() override
    {
        for (int i = 0; i < scripts; ++i)
            unlink((directory + "/script" + std::to_string(i)).c_str());
        rmdir(directory.c_str());
    }

    // Writes `content` as an executable script, runs it on the host and compares.
    void compare_with_linux(const std::string& content)
    {
        std::string path = directory + "/script" + std::to_string(scripts++);
        int fd = open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0755);
        ASSERT_GE(fd, 0);
        ASSERT_EQ(write(fd, content.data(), content.size()), static_cast<ssize_t>(content.size()));
        close(fd);
        HostRun host = run_on_host(path);
        auto ours = proc::elf::parse_interpreter_line(content.data(), content.size());
        SCOPED_TRACE("script: " + content.substr(0, 80));
        if (host.error == ENOEXEC) {
            ASSERT_TRUE(ours.is_error());
            EXPECT_EQ(ours.error().code(), kstd::Errno::ExecFormatError);
            return;
        }
        ASSERT_FALSE(ours.is_error());
        std::string name(ours.value().interpreter.data(), ours.value().interpreter.size());
        if (host.error != 0) {
            EXPECT_NE(name, interpreter);
            return;
        }
        std::vector<std::string> expected { name };
        if (ours.value().has_argument)
            expected.emplace_back(ours.value().argument.data(), ours.value().argument.size());
        expected.push_back(path);
        EXPECT_EQ(host.argv, expected);
    }
};

} // namespace

TEST_F(ProcInterpreterLine, AgreesWithLinux)
{
    const std::string& i = interpreter;
    ASSERT_LT(i.size(), 200u) << "the build path is too long for the 256-byte cases";
    const std::string cases[] = {
        "#!" + i + "\n",
        "#! " + i + "\n",
        "#!\t " + i + " \t\n",
        "#!" + i + " -x\n",
        "#!" + i + "  -x  y \t\nsecond line\n",
        "#!" + i,
        "#!" + i + " ",
        "#!" + i + "\targ",
        "#!" + i + " a" + std::string(300, 'b') + "\n",
        "#!" + i + " " + std::string(300, ' ') + "x\n",
        "#!" + std::string(300, ' ') + i + "\n",
        "#!" + std::string(250 - i.size() + 6, ' ') + i + "\n",
        "#!" + std::string(253 - i.size(), ' ') + i + "\n",
        "#!" + std::string(253 - i.size(), ' ') + i,
        "#!" + i + " a" + std::string("\0", 1) + "b\n",
        "#!" + i + std::string("\0", 1) + " junk\n",
        "#!" + i + "\r\n",
        "#!\n",
        "#!   \t \n",
        "#!",
        "#!  ",
        "#" + i + "\n",
        "!#" + i + "\n",
    };
    for (const auto& content : cases)
        compare_with_linux(content);
}

TEST(ProcInterpreterLineFixed, Examples)
{
    auto parse = [](const char* text) { return proc::elf::parse_interpreter_line(text, strlen(text)); };
    auto text = [](kstd::StringView view) { return std::string(view.data(), view.size()); };
    auto shell = parse("#!/bin/sh -e\necho hi\n");
    ASSERT_FALSE(shell.is_error());
    EXPECT_EQ(text(shell.value().interpreter), "/bin/sh");
    EXPECT_TRUE(shell.value().has_argument);
    EXPECT_EQ(text(shell.value().argument), "-e");
    auto awk = parse("#! /usr/bin/awk  -f  x \n");
    ASSERT_FALSE(awk.is_error());
    EXPECT_EQ(text(awk.value().interpreter), "/usr/bin/awk");
    EXPECT_EQ(text(awk.value().argument), "-f  x");
    auto bare = parse("#!/bin/sh");
    ASSERT_FALSE(bare.is_error());
    EXPECT_EQ(text(bare.value().interpreter), "/bin/sh");
    EXPECT_FALSE(bare.value().has_argument);
    EXPECT_TRUE(parse("#!\n").is_error());
    EXPECT_TRUE(parse("").is_error());
    EXPECT_TRUE(parse("\x7f" "ELF").is_error());
    std::string long_name = "#!" + std::string(300, 'x');
    EXPECT_TRUE(parse(long_name.c_str()).is_error()); // the name runs past 255 bytes
}
