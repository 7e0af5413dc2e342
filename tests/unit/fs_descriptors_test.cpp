// The descriptor table of fs::Context: open file descriptions shared by dup, dup2, dup3,
// F_DUPFD and fork (one offset, one set of status flags, closed with the last reference),
// the per-descriptor close-on-exec flag (O_CLOEXEC, F_GETFD/F_SETFD, exec), F_GETFL and
// F_SETFL with Linux's flag values, O_APPEND, pread/pwrite and readv/writev on files, with
// Linux's errno values and their order.
#include "fs_test_support.hpp"

#include <mm/heap/kmalloc.hpp>

#include <fcntl.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <vector>

namespace {

using fs_test::FsTest;
using namespace fs::open_flags;
using namespace fs::fcntl_commands;

constexpr int EBADF_ = 9, EINVAL_ = 22, EMFILE_ = 24, ESPIPE_ = 29;

struct DescriptorTest : FsTest {
    int open(const std::string& path, uint32_t flags)
    {
        auto fd = context->open(view(path), flags, 0644);
        EXPECT_FALSE(fd.is_error()) << path;
        return fd.is_error() ? -1 : fd.value();
    }
    std::string read_some(fs::Context& files, int fd, size_t count)
    {
        std::string text(count, '\0');
        auto got = files.read(fd, { reinterpret_cast<uint8_t*>(text.data()), count });
        EXPECT_FALSE(got.is_error());
        text.resize(got.is_error() ? 0 : got.value());
        return text;
    }
    size_t write_text(fs::Context& files, int fd, const std::string& text)
    {
        auto written = files.write(fd, { reinterpret_cast<const uint8_t*>(text.data()), text.size() });
        EXPECT_FALSE(written.is_error());
        return written.is_error() ? 0 : written.value();
    }
    int flags_of(int fd) { return context->fcntl(fd, GET_STATUS_FLAGS, 0).value(); }
    bool close_on_exec(int fd) { return context->fcntl(fd, GET_DESCRIPTOR_FLAGS, 0).value() == 1; }
};

TEST_F(DescriptorTest, DupSharesTheOffsetAndTheDescriptionOutlivesTheFirstDescriptor)
{
    ASSERT_EQ(write_file("/f", "abcdefgh"), 0);
    int fd = open("/f", READ_ONLY);
    auto copy = context->dup(fd);
    ASSERT_FALSE(copy.is_error());
    EXPECT_EQ(copy.value(), fd + 1); // the lowest free one
    EXPECT_EQ(read_some(*context, fd, 3), "abc");
    EXPECT_EQ(read_some(*context, copy.value(), 2), "de"); // one offset
    ASSERT_FALSE(context->close(fd).is_error());
    EXPECT_EQ(read_some(*context, copy.value(), 10), "fgh");
    EXPECT_EQ(context->lseek(copy.value(), 0, fs::Whence::Current).value(), 8u);
    EXPECT_EQ(error_of(context->dup(fd)), EBADF_);
    ASSERT_FALSE(context->close(copy.value()).is_error());
    EXPECT_EQ(context->open_count(), 0);
}

TEST_F(DescriptorTest, Dup2ReplacesTheTargetAndFollowsLinuxForTheSameDescriptor)
{
    ASSERT_EQ(write_file("/a", "aaaa"), 0);
    ASSERT_EQ(write_file("/b", "bbbb"), 0);
    int a = open("/a", READ_ONLY);
    int b = open("/b", READ_ONLY | CLOSE_ON_EXEC);
    EXPECT_TRUE(close_on_exec(b));
    EXPECT_EQ(context->dup2(a, b).value(), b);
    EXPECT_FALSE(close_on_exec(b)); // dup2's descriptor never is
    EXPECT_EQ(read_some(*context, b, 4), "aaaa");
    EXPECT_EQ(context->open_count(), 2); // /b's description went
    // The same descriptor: returned if open (its flag untouched), EBADF if not.
    ASSERT_FALSE(context->fcntl(a, SET_DESCRIPTOR_FLAGS, fs::DESCRIPTOR_CLOSE_ON_EXEC).is_error());
    EXPECT_EQ(context->dup2(a, a).value(), a);
    EXPECT_TRUE(close_on_exec(a));
    EXPECT_EQ(error_of(context->dup2(40, 40)), EBADF_);
    EXPECT_EQ(error_of(context->dup2(40, 41)), EBADF_);
    EXPECT_EQ(error_of(context->dup2(a, fs::Context::OPEN_MAX)), EBADF_);
    EXPECT_EQ(error_of(context->dup2(a, -1)), EBADF_);
    EXPECT_EQ(context->dup2(a, 63).value(), 63);
}

TEST_F(DescriptorTest, Dup3TakesOnlyCloseOnExecAndRefusesTheSameDescriptor)
{
    ASSERT_EQ(write_file("/a", "x"), 0);
    int a = open("/a", READ_ONLY);
    EXPECT_EQ(error_of(context->dup3(a, a, 0)), EINVAL_);
    EXPECT_EQ(error_of(context->dup3(a, 5, NON_BLOCK)), EINVAL_);
    EXPECT_EQ(error_of(context->dup3(9, 9, 0)), EINVAL_); // before EBADF, as Linux
    EXPECT_EQ(error_of(context->dup3(9, 5, 0)), EBADF_);
    EXPECT_EQ(context->dup3(a, 5, CLOSE_ON_EXEC).value(), 5);
    EXPECT_TRUE(close_on_exec(5));
    EXPECT_FALSE(close_on_exec(a));
}

TEST_F(DescriptorTest, FcntlDuplicatesAtOrAboveTheArgument)
{
    ASSERT_EQ(write_file("/a", "x"), 0);
    int a = open("/a", READ_ONLY);
    EXPECT_EQ(context->fcntl(a, DUPLICATE, 10).value(), 10);
    EXPECT_EQ(context->fcntl(a, DUPLICATE, 10).value(), 11);
    EXPECT_FALSE(close_on_exec(11));
    EXPECT_EQ(context->fcntl(a, DUPLICATE_CLOSE_ON_EXEC, 3).value(), 3);
    EXPECT_TRUE(close_on_exec(3));
    EXPECT_EQ(context->fcntl(a, DUPLICATE, 63).value(), 63);
    EXPECT_EQ(error_of(context->fcntl(a, DUPLICATE, 63)), EMFILE_);
    EXPECT_EQ(error_of(context->fcntl(a, DUPLICATE, 64)), EINVAL_);
    EXPECT_EQ(error_of(context->fcntl(a, DUPLICATE, static_cast<uint64_t>(-1))), EINVAL_);
    EXPECT_EQ(context->fcntl(a, DUPLICATE, (1ull << 32) + 20).value(), 20); // an int, as Linux reads it
    EXPECT_EQ(error_of(context->fcntl(50, DUPLICATE, 0)), EBADF_);
    EXPECT_EQ(error_of(context->fcntl(a, 12345, 0)), EINVAL_);
    EXPECT_EQ(error_of(context->fcntl(50, 12345, 0)), EBADF_); // the descriptor first
}

TEST_F(DescriptorTest, StatusFlagsAreLinuxsAndSharedBetweenDuplicates)
{
    int fd = open("/f", WRITE_ONLY | CREATE | TRUNCATE | EXCLUSIVE | CLOSE_ON_EXEC);
    EXPECT_EQ(flags_of(fd), static_cast<int>(WRITE_ONLY | LARGE_FILE)); // 0x8001, as strace shows on x86_64
    int directory = open("/", READ_ONLY | DIRECTORY | NON_BLOCK);
    EXPECT_EQ(flags_of(directory), static_cast<int>(READ_ONLY | DIRECTORY | NON_BLOCK | LARGE_FILE));
    int copy = context->dup(fd).value();
    ASSERT_FALSE(context->fcntl(fd, SET_STATUS_FLAGS, APPEND | NON_BLOCK | READ_WRITE | TRUNCATE | DIRECTORY).is_error());
    EXPECT_EQ(flags_of(copy), static_cast<int>(WRITE_ONLY | APPEND | NON_BLOCK | LARGE_FILE));
    ASSERT_FALSE(context->fcntl(copy, SET_STATUS_FLAGS, 0).is_error());
    EXPECT_EQ(flags_of(fd), static_cast<int>(WRITE_ONLY | LARGE_FILE));
    EXPECT_EQ(error_of(context->fcntl(fd, SET_DESCRIPTOR_FLAGS, 0)), 0);
    EXPECT_FALSE(close_on_exec(fd));
}

TEST_F(DescriptorTest, AppendWritesAtTheEndEvenAfterASeekOrThroughPwrite)
{
    ASSERT_EQ(write_file("/log", "one\n"), 0);
    int fd = open("/log", READ_WRITE | APPEND);
    ASSERT_FALSE(context->lseek(fd, 0, fs::Whence::Set).is_error());
    EXPECT_EQ(write_text(*context, fd, "two\n"), 4u);
    EXPECT_EQ(context->lseek(fd, 0, fs::Whence::Current).value(), 8u);
    auto written = context->pwrite(fd, { reinterpret_cast<const uint8_t*>("3\n"), 2 }, 0);
    EXPECT_EQ(written.value(), 2u);
    EXPECT_EQ(context->lseek(fd, 0, fs::Whence::Current).value(), 8u); // pwrite leaves it
    EXPECT_EQ(read_file("/log"), "one\ntwo\n3\n");
    // F_SETFL turns appending off.
    ASSERT_FALSE(context->fcntl(fd, SET_STATUS_FLAGS, 0).is_error());
    ASSERT_FALSE(context->lseek(fd, 0, fs::Whence::Set).is_error());
    EXPECT_EQ(write_text(*context, fd, "ONE"), 3u);
    EXPECT_EQ(read_file("/log"), "ONE\ntwo\n3\n");
}

TEST_F(DescriptorTest, PreadAndPwriteUseTheirOwnOffset)
{
    ASSERT_EQ(write_file("/f", "0123456789"), 0);
    int fd = open("/f", READ_WRITE);
    uint8_t buffer[4];
    EXPECT_EQ(context->pread(fd, buffer, 6).value(), 4u);
    EXPECT_EQ(std::string(reinterpret_cast<char*>(buffer), 4), "6789");
    EXPECT_EQ(context->pread(fd, buffer, 20).value(), 0u);
    EXPECT_EQ(context->lseek(fd, 0, fs::Whence::Current).value(), 0u);
    EXPECT_EQ(context->pwrite(fd, { reinterpret_cast<const uint8_t*>("ab"), 2 }, 12).value(), 2u);
    EXPECT_EQ(read_file("/f"), std::string("0123456789\0\0ab", 14));
    EXPECT_EQ(error_of(context->pread(fd, buffer, -1)), EINVAL_);
    EXPECT_EQ(error_of(context->pread(40, buffer, -1)), EINVAL_); // before EBADF, as Linux
    EXPECT_EQ(error_of(context->pread(40, buffer, 0)), EBADF_);
    int write_only = open("/f", WRITE_ONLY);
    EXPECT_EQ(error_of(context->pread(write_only, buffer, 0)), EBADF_);
    int pipe_fds[2];
    ASSERT_FALSE(context->pipe(pipe_fds).is_error());
    EXPECT_EQ(error_of(context->pread(pipe_fds[0], buffer, 0)), ESPIPE_);
    EXPECT_EQ(error_of(context->pwrite(pipe_fds[1], { buffer, 1 }, 0)), ESPIPE_);
    EXPECT_EQ(error_of(context->pread(pipe_fds[1], buffer, 0)), ESPIPE_); // before the access mode
}

TEST_F(DescriptorTest, ReadvAndWritevGoPieceByPiece)
{
    int fd = open("/v", READ_WRITE | CREATE);
    const char* words[] = { "alpha ", "", "beta ", "gamma" };
    kstd::Span<const uint8_t> pieces[4];
    for (int i = 0; i < 4; ++i)
        pieces[i] = { reinterpret_cast<const uint8_t*>(words[i]), strlen(words[i]) };
    EXPECT_EQ(context->writev(fd, pieces).value(), 16u);
    std::string big(5000, 'z'); // above PIPE_BUF: written piece by piece
    kstd::Span<const uint8_t> big_pieces[2] = { pieces[0], { reinterpret_cast<const uint8_t*>(big.data()), big.size() } };
    EXPECT_EQ(context->writev(fd, big_pieces).value(), 5006u);
    EXPECT_EQ(read_file("/v"), "alpha beta gammaalpha " + big);
    ASSERT_FALSE(context->lseek(fd, 0, fs::Whence::Set).is_error());
    uint8_t first[3], second[8], third[100];
    kstd::Span<uint8_t> buffers[3] = { first, second, third };
    EXPECT_EQ(context->readv(fd, buffers).value(), 111u);
    EXPECT_EQ(std::string(reinterpret_cast<char*>(first), 3), "alp");
    EXPECT_EQ(std::string(reinterpret_cast<char*>(second), 8), "ha beta ");
    EXPECT_EQ(std::string(reinterpret_cast<char*>(third), 8), "gammaalp");
    EXPECT_EQ(context->lseek(fd, 0, fs::Whence::Current).value(), 111u);
    EXPECT_EQ(error_of(context->readv(40, buffers)), EBADF_);
    EXPECT_EQ(context->writev(fd, {}).value(), 0u);
}

TEST_F(DescriptorTest, ForkSharesDescriptionsAndKeepsItsOwnTableAndDirectory)
{
    ASSERT_FALSE(context->mkdir("/d").is_error());
    ASSERT_EQ(write_file("/d/f", "shared offset"), 0);
    ASSERT_FALSE(context->chdir("/d").is_error());
    context->set_umask(077);
    int fd = open("f", READ_ONLY);
    int hidden = open("f", READ_ONLY | CLOSE_ON_EXEC);
    auto forked = context->fork();
    ASSERT_FALSE(forked.is_error());
    fs::Context& child = *forked.value();
    EXPECT_EQ(child.open_count(), 2);
    EXPECT_EQ(child.umask(), 077u);
    EXPECT_EQ(read_some(child, fd, 7), "shared ");
    EXPECT_EQ(read_some(*context, fd, 6), "offset"); // the parent's read goes on from there
    EXPECT_EQ(child.fcntl(hidden, GET_DESCRIPTOR_FLAGS, 0).value(), fs::DESCRIPTOR_CLOSE_ON_EXEC);
    // Each table is its own: closing in the child leaves the parent's open.
    ASSERT_FALSE(child.close(fd).is_error());
    EXPECT_EQ(read_some(*context, hidden, 6), "shared");
    // The child's relative paths start at the directory it inherited; its chdir is its own.
    auto stat = child.stat("f");
    EXPECT_FALSE(stat.is_error());
    ASSERT_FALSE(child.chdir("/").is_error());
    EXPECT_FALSE(context->stat("f").is_error());
    // exec closes only what is marked.
    child.close_on_exec();
    EXPECT_EQ(child.open_count(), 0);
    context->close_on_exec();
    EXPECT_EQ(context->open_count(), 1);
    EXPECT_EQ(error_of(context->fstat(hidden)), EBADF_);
    mm::destroy(forked.value());
}

TEST_F(DescriptorTest, ForkFailsCleanlyWithoutMemory)
{
    int fd = open("/f", WRITE_ONLY | CREATE);
    async_test::kernel_pages().fail_after(0); // what the heap has cached still serves a few
    std::vector<fs::Context*> children;
    int failures = 0;
    for (int i = 0; i < 16; ++i) {
        auto forked = context->fork();
        if (forked.is_error())
            failures += error_of(forked) == 12; // ENOMEM
        else
            children.push_back(forked.value());
    }
    async_test::kernel_pages().fail_never();
    EXPECT_GT(failures, 0);
    for (fs::Context* child : children)
        mm::destroy(child);
    EXPECT_FALSE(context->fstat(fd).is_error()); // the fixture checks that nothing leaked
}

} // namespace

// F_GETFL after open and after F_SETFL, against the host's Linux on a file of its own
// (O_NOATIME needs the file's owner or root: the test runs as root here).
namespace {

TEST_F(DescriptorTest, StatusFlagsMatchTheHostsAfterOpenAndSetfl)
{
    char pattern[] = "/tmp/keel-flags-XXXXXX";
    ASSERT_TRUE(::mkdtemp(pattern));
    std::string host_file = std::string(pattern) + "/f";
    ASSERT_EQ(write_file("/f", "x"), 0);
    ::close(::open(host_file.c_str(), O_CREAT | O_WRONLY, 0644));
    const int opens[] = { O_RDONLY, O_WRONLY | O_APPEND, O_RDWR | O_NONBLOCK, O_RDONLY | O_NOFOLLOW, O_RDWR | O_SYNC,
        O_WRONLY | O_DSYNC, O_RDONLY | O_NOATIME, O_RDWR | O_CLOEXEC | O_TRUNC | O_CREAT, O_RDONLY | O_NOCTTY,
        O_WRONLY | O_ASYNC };
    for (int flags : opens) {
        int keel = context->open("/f", static_cast<uint32_t>(flags), 0644).value();
        int host = ::open(host_file.c_str(), flags, 0644);
        ASSERT_GE(host, 0);
        EXPECT_EQ(flags_of(keel), ::fcntl(host, F_GETFL)) << std::oct << "open flags 0" << flags;
        for (int set : { 0, O_APPEND, O_NONBLOCK | O_RDWR | O_CREAT, O_NOATIME | O_ASYNC, O_SYNC | O_DIRECTORY }) {
            ASSERT_FALSE(context->fcntl(keel, F_SETFL, static_cast<uint64_t>(set)).is_error());
            ASSERT_EQ(::fcntl(host, F_SETFL, set), 0);
            EXPECT_EQ(flags_of(keel), ::fcntl(host, F_GETFL)) << std::oct << "open flags 0" << flags << ", F_SETFL 0" << set;
        }
        ASSERT_FALSE(context->close(keel).is_error());
        ::close(host);
    }
    int keel_directory = context->open("/", O_RDONLY | O_DIRECTORY).value();
    int host_directory = ::open(pattern, O_RDONLY | O_DIRECTORY);
    EXPECT_EQ(flags_of(keel_directory), ::fcntl(host_directory, F_GETFL));
    ::close(host_directory);
    int keel_pipe[2], host_pipe[2];
    ASSERT_FALSE(context->pipe(keel_pipe, O_NONBLOCK).is_error());
    ASSERT_EQ(::pipe2(host_pipe, O_NONBLOCK), 0);
    for (int end = 0; end < 2; ++end) {
        EXPECT_EQ(flags_of(keel_pipe[end]), ::fcntl(host_pipe[end], F_GETFL)) << "pipe end " << end;
        ::close(host_pipe[end]);
    }
    EXPECT_EQ(system((std::string("rm -rf ") + pattern).c_str()), 0);
}

} // namespace
