// Pipes through fs::Context, without a scheduler (nothing here may wait; the kernel test
// tests/kernel/pipe_test.cpp has the blocking cases between threads): pipe2's flags and
// descriptors, bytes in order through the 64 KiB ring (wrapping around its pages), end of
// file once the last writer is gone, EPIPE once the last reader is, O_NONBLOCK's EAGAIN
// for a full pipe (whole or partial writes by size, PIPE_BUF), ESPIPE, fstat and F_GETFL
// as Linux answers them, and references from dup and fork. Then poll's bits for each end
// (fs/poll.hpp) and the change counter every change of them bumps.
#include "fs_test_support.hpp"

#include <fs/pipefs/pipe.hpp>
#include <fs/poll.hpp>
#include <mm/heap/kmalloc.hpp>

#include <string>
#include <vector>

namespace {

using fs_test::FsTest;
using namespace fs::open_flags;

constexpr int EBADF_ = 9, EAGAIN_ = 11, EINVAL_ = 22, EMFILE_ = 24, ESPIPE_ = 29, EPIPE_ = 32;

struct PipeTest : FsTest {
    // A 1 MiB-plus heap: a full pipe holds 64 KiB of pages.
    PipeTest() : FsTest(0, 2 << 20) {}
    int fds[2] = { -1, -1 };
    void make(uint32_t flags = NON_BLOCK) { ASSERT_FALSE(context->pipe(fds, flags).is_error()); }
    kstd::Result<size_t> put(int fd, const std::string& text)
    {
        return context->write(fd, { reinterpret_cast<const uint8_t*>(text.data()), text.size() });
    }
    std::string take(int fd, size_t count)
    {
        std::string text(count, '\0');
        auto got = context->read(fd, { reinterpret_cast<uint8_t*>(text.data()), count });
        EXPECT_FALSE(got.is_error()) << error_of(got);
        text.resize(got.is_error() ? 0 : got.value());
        return text;
    }
    static std::string pattern(size_t size, size_t seed)
    {
        std::string text(size, '\0');
        for (size_t i = 0; i < size; ++i)
            text[i] = static_cast<char>('a' + (i * 7 + seed) % 26);
        return text;
    }
};

TEST_F(PipeTest, CarriesBytesInOrderAndEndsWhenTheWriterCloses)
{
    make(0);
    EXPECT_EQ(fds[0], 0);
    EXPECT_EQ(fds[1], 1);
    EXPECT_EQ(put(fds[1], "hello, ").value(), 7u);
    EXPECT_EQ(put(fds[1], "pipe").value(), 4u);
    EXPECT_EQ(take(fds[0], 5), "hello");
    EXPECT_EQ(take(fds[0], 100), ", pipe"); // what is there, not a full buffer
    EXPECT_EQ(put(fds[1], "").value(), 0u);
    EXPECT_EQ(put(fds[1], "tail").value(), 4u);
    ASSERT_FALSE(context->close(fds[1]).is_error());
    EXPECT_EQ(take(fds[0], 100), "tail"); // what was written before the close still comes
    EXPECT_EQ(take(fds[0], 100), "");     // then end of file, without waiting
    EXPECT_EQ(take(fds[0], 100), "");
}

TEST_F(PipeTest, WrapsAroundItsRingOfPages)
{
    make();
    std::string sent, received;
    // Odd sizes, so every page boundary and the ring's end are crossed mid-copy.
    for (size_t round = 0; round < 40; ++round) {
        std::string text = pattern(3001 + round * 977 % 7000, round);
        auto written = put(fds[1], text);
        ASSERT_FALSE(written.is_error());
        sent += text.substr(0, written.value());
        received += take(fds[0], 2500 + round * 1231 % 9000);
    }
    received += take(fds[0], fs::Pipe::CAPACITY);
    EXPECT_EQ(received.size(), sent.size());
    EXPECT_TRUE(received == sent) << "the bytes came out changed or out of order";
}

TEST_F(PipeTest, NonblockingWritesFillTheBufferThenSayEagain)
{
    make();
    std::string first = pattern(fs::Pipe::CAPACITY - 100, 1);
    EXPECT_EQ(put(fds[1], first).value(), first.size());
    // At most PIPE_BUF bytes go in whole or not at all.
    EXPECT_EQ(error_of(put(fds[1], pattern(101, 2))), EAGAIN_);
    EXPECT_EQ(put(fds[1], pattern(100, 3)).value(), 100u);
    EXPECT_EQ(error_of(put(fds[1], "x")), EAGAIN_);
    // A bigger write takes what fits.
    EXPECT_EQ(take(fds[0], 5000), first.substr(0, 5000));
    EXPECT_EQ(put(fds[1], pattern(9000, 4)).value(), 5000u);
    EXPECT_EQ(context->fstat(fds[0]).value().size, 0u); // st_size says nothing of the contents
    // An empty pipe with a writer: EAGAIN for a reader that may not wait.
    std::string all = take(fds[0], fs::Pipe::CAPACITY);
    EXPECT_EQ(all.size(), fs::Pipe::CAPACITY);
    EXPECT_EQ(all, first.substr(5000) + pattern(100, 3) + pattern(9000, 4).substr(0, 5000));
    uint8_t byte;
    EXPECT_EQ(error_of(context->read(fds[0], { &byte, 1 })), EAGAIN_);
}

TEST_F(PipeTest, WritingWithNoReaderIsEpipe)
{
    make();
    ASSERT_FALSE(context->close(fds[0]).is_error());
    EXPECT_EQ(error_of(put(fds[1], "x")), EPIPE_);
    EXPECT_EQ(put(fds[1], "").value(), 0u); // nothing to write: no error, as Linux
}

TEST_F(PipeTest, EachEndCountsItsDescriptionsAcrossDupAndFork)
{
    make();
    int second_writer = context->dup(fds[1]).value();
    auto forked = context->fork();
    ASSERT_FALSE(forked.is_error());
    fs::Context& child = *forked.value();
    ASSERT_FALSE(context->close(fds[1]).is_error());
    EXPECT_EQ(put(second_writer, "still").value(), 5u);
    ASSERT_FALSE(context->close(second_writer).is_error());
    EXPECT_EQ(take(fds[0], 10), "still");
    uint8_t byte;
    EXPECT_EQ(error_of(context->read(fds[0], { &byte, 1 })), EAGAIN_); // the child writes on
    EXPECT_EQ(child.write(fds[1], { reinterpret_cast<const uint8_t*>("!"), 1 }).value(), 1u);
    ASSERT_FALSE(child.close(fds[0]).is_error());
    EXPECT_EQ(take(fds[0], 10), "!");
    mm::destroy(forked.value()); // closes the child's writer: the last one
    EXPECT_EQ(take(fds[0], 10), "");
}

TEST_F(PipeTest, FlagsDescriptorsAndErrorsAreLinuxs)
{
    EXPECT_EQ(error_of(context->pipe(fds, APPEND)), EINVAL_);
    EXPECT_EQ(error_of(context->pipe(fds, DIRECT)), EINVAL_);
    make(CLOSE_ON_EXEC | NON_BLOCK);
    using namespace fs::fcntl_commands;
    EXPECT_EQ(context->fcntl(fds[0], GET_STATUS_FLAGS, 0).value(), static_cast<int>(READ_ONLY | NON_BLOCK));
    EXPECT_EQ(context->fcntl(fds[1], GET_STATUS_FLAGS, 0).value(), static_cast<int>(WRITE_ONLY | NON_BLOCK));
    EXPECT_EQ(context->fcntl(fds[0], GET_DESCRIPTOR_FLAGS, 0).value(), fs::DESCRIPTOR_CLOSE_ON_EXEC);
    EXPECT_EQ(context->fcntl(fds[1], GET_DESCRIPTOR_FLAGS, 0).value(), fs::DESCRIPTOR_CLOSE_ON_EXEC);
    EXPECT_EQ(error_of(context->lseek(fds[0], 0, fs::Whence::Current)), ESPIPE_);
    EXPECT_EQ(error_of(context->lseek(fds[1], 0, static_cast<fs::Whence>(7))), EINVAL_);
    uint8_t byte = 0;
    EXPECT_EQ(error_of(context->read(fds[1], { &byte, 1 })), EBADF_);
    EXPECT_EQ(error_of(context->write(fds[0], { &byte, 1 })), EBADF_);
    EXPECT_EQ(error_of(context->ftruncate(fds[1], 0)), EINVAL_);
    fs::DirectoryEntry entry;
    EXPECT_EQ(error_of(context->readdir(fds[0], entry)), 20); // ENOTDIR
    auto status = context->fstat(fds[0]);
    ASSERT_FALSE(status.is_error());
    EXPECT_EQ(status.value().mode, fs::mode::FIFO | 0600);
    EXPECT_EQ(status.value().size, 0u);
    EXPECT_EQ(status.value().link_count, 1u);
    EXPECT_EQ(fs::file_type_of(status.value().mode), fs::FileType::Fifo);
    EXPECT_TRUE(status.value().same_file_as(context->fstat(fds[1]).value()));
    int other[2];
    ASSERT_FALSE(context->pipe(other).is_error());
    EXPECT_FALSE(context->fstat(other[0]).value().same_file_as(status.value()));
    // Too few descriptors: nothing is left open.
    for (int fd = context->open_count(); fd < fs::Context::OPEN_MAX - 1; ++fd)
        ASSERT_FALSE(context->dup(fds[0]).is_error());
    EXPECT_EQ(error_of(context->pipe(other)), EMFILE_);
    EXPECT_EQ(context->open_count(), fs::Context::OPEN_MAX - 1);
}

TEST_F(PipeTest, WritevOfAtMostPipeBufIsOneAtomicWrite)
{
    make();
    std::string filler = pattern(fs::Pipe::CAPACITY - 3000, 5);
    ASSERT_EQ(put(fds[1], filler).value(), filler.size());
    std::string a = pattern(2000, 6), b = pattern(1500, 7);
    kstd::Span<const uint8_t> pieces[2] = { { reinterpret_cast<const uint8_t*>(a.data()), a.size() },
                                            { reinterpret_cast<const uint8_t*>(b.data()), b.size() } };
    // 3500 bytes with room for 3000: all or nothing, where a loop would write `a` alone.
    EXPECT_EQ(error_of(context->writev(fds[1], pieces)), EAGAIN_);
    EXPECT_EQ(take(fds[0], 1000), filler.substr(0, 1000));
    EXPECT_EQ(context->writev(fds[1], pieces).value(), 3500u);
    EXPECT_EQ(take(fds[0], fs::Pipe::CAPACITY), filler.substr(1000) + a + b);
}

TEST_F(PipeTest, ReadvWaitsOnlyForItsFirstByte)
{
    make(0); // a blocking pipe: a read that waited here would never come back
    ASSERT_EQ(put(fds[1], "abcdef").value(), 6u);
    uint8_t first[4], second[2], third[10];
    kstd::Span<uint8_t> buffers[3] = { first, second, third };
    EXPECT_EQ(context->readv(fds[0], buffers).value(), 6u);
    EXPECT_EQ(std::string(reinterpret_cast<char*>(first), 4), "abcd");
    EXPECT_EQ(std::string(reinterpret_cast<char*>(second), 2), "ef");
}

namespace bits = fs::poll_bits;
constexpr uint32_t READABLE = bits::IN | bits::READ_NORMAL, WRITABLE = bits::OUT | bits::WRITE_NORMAL;

TEST_F(PipeTest, PollBitsFollowEachEndsState)
{
    make();
    EXPECT_EQ(context->poll_events(fds[0]), 0u);
    EXPECT_EQ(context->poll_events(fds[1]), WRITABLE);
    ASSERT_EQ(put(fds[1], "abc").value(), 3u);
    EXPECT_EQ(context->poll_events(fds[0]), READABLE);
    ASSERT_EQ(put(fds[1], pattern(fs::Pipe::CAPACITY - 3, 1)).value(), fs::Pipe::CAPACITY - 3);
    EXPECT_EQ(context->poll_events(fds[1]), 0u); // full
    EXPECT_EQ(take(fds[0], fs::PIPE_ATOMIC_MAX - 1).size(), fs::PIPE_ATOMIC_MAX - 1);
    EXPECT_EQ(context->poll_events(fds[1]), 0u); // room, but less than PIPE_BUF
    EXPECT_EQ(take(fds[0], 1).size(), 1u);
    EXPECT_EQ(context->poll_events(fds[1]), WRITABLE);
    ASSERT_FALSE(context->close(fds[1]).is_error());
    EXPECT_EQ(context->poll_events(fds[0]), READABLE | bits::HANG_UP);
    EXPECT_EQ(take(fds[0], fs::Pipe::CAPACITY).size(), fs::Pipe::CAPACITY - fs::PIPE_ATOMIC_MAX);
    EXPECT_EQ(context->poll_events(fds[0]), bits::HANG_UP);
    EXPECT_EQ(context->poll_events(fds[1]), bits::INVALID); // closed
    EXPECT_EQ(context->poll_events(-1), bits::INVALID);

    make();
    ASSERT_FALSE(context->close(fds[0]).is_error());
    EXPECT_EQ(context->poll_events(fds[1]), WRITABLE | bits::ERROR);
}

TEST_F(PipeTest, EveryChangeOfReadinessBumpsThePollGeneration)
{
    uint64_t before = fs::poll_generation();
    make();
    uint64_t made = fs::poll_generation();
    EXPECT_GT(made, before); // the two ends opened
    ASSERT_EQ(put(fds[1], "x").value(), 1u);
    uint64_t written = fs::poll_generation();
    EXPECT_GT(written, made);
    EXPECT_EQ(take(fds[0], 1), "x");
    uint64_t read = fs::poll_generation();
    EXPECT_GT(read, written);
    EXPECT_EQ(context->poll_events(fds[0]), 0u);
    EXPECT_EQ(fs::poll_generation(), read); // looking changes nothing
    ASSERT_FALSE(context->close(fds[1]).is_error());
    EXPECT_GT(fs::poll_generation(), read);
}

TEST_F(PipeTest, FilesAndDirectoriesAreAlwaysReady)
{
    auto file = context->open("/f", CREATE | READ_ONLY, 0644);
    ASSERT_FALSE(file.is_error());
    EXPECT_EQ(context->poll_events(file.value()), READABLE | WRITABLE);
    auto directory = context->open("/", READ_ONLY | DIRECTORY);
    ASSERT_FALSE(directory.is_error());
    EXPECT_EQ(context->poll_events(directory.value()), READABLE | WRITABLE);
}

} // namespace
