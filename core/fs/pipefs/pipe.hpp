// pipefs: anonymous pipes (pipe2), the inodes behind them and the small file system that
// numbers them.
//
// A Pipe is one inode with two kinds of open file descriptions on it: readers (O_RDONLY)
// and writers (O_WRONLY); Context::pipe makes one of each, and dup and fork share them.
// The pipe counts the descriptions of each kind (Inode::opened and closed), so it knows
// when the last writer or the last reader is gone. It behaves as Linux's:
//   - 64 KiB of buffer, a ring of 16 pages allocated as writes first need them and kept
//     until the pipe goes;
//   - a read returns what is there (at most the buffer's size), waits while the pipe is
//     empty and a writer remains, and returns 0 (end of file) once none does;
//   - a write of at most PIPE_ATOMIC_MAX bytes goes in whole (waiting for room for all of
//     it), a bigger one piece by piece as room appears, so it may be split; with no reader
//     left it fails with EPIPE (or returns what it wrote before the last reader went);
//   - O_NONBLOCK: EAGAIN instead of waiting (a big write writes what fits first);
//   - waits are interruptible (sched/interrupt.hpp): EINTR, or the count done so far;
//   - stat: a FIFO with permissions 0600, size 0, one link;
//   - poll: a reading end is readable (POLLIN) with bytes buffered and hung up (POLLHUP)
//     with no writer left; a writing end is writable (POLLOUT) with at least PIPE_BUF
//     bytes of room (so a write of PIPE_BUF would not wait) and in error (POLLERR) with
//     no reader left. Each change of those wakes pollers (fs/poll.hpp).
//
// Locking: a pipe is a stream (Inode::is_stream), read and written outside the VFS lock.
// Its own state is guarded by turning interrupts off (the kernel has one CPU), which is
// also what its WaitQueues need; the bytes are copied with interrupts off too, at most
// 64 KiB at a time. Readers and writers are counted under the VFS lock as well.
#pragma once
#include <fs/superblock.hpp>
#include <mm/frames.hpp>
#include <sched/wait_queue.hpp>

namespace fs {

class Pipe final : public Inode {
public:
    static constexpr size_t PAGE_COUNT = 16;
    static constexpr size_t CAPACITY = PAGE_COUNT * mm::PAGE_SIZE;

    Pipe(Superblock& superblock, uint64_t number);
    ~Pipe() override;

    bool runs_under_vfs_lock() const override { return false; }
    bool is_stream() const override { return true; }
    kstd::Result<size_t> read_stream(kstd::Span<uint8_t> buffer, bool nonblocking) override;
    kstd::Result<size_t> write_stream(kstd::Span<const uint8_t> data, bool nonblocking) override;
    uint32_t poll_events(uint32_t flags) const override;
    void opened(uint32_t flags) override;
    void closed(uint32_t flags) override;

    // Bytes waiting to be read.
    size_t buffered() const { return m_count; }
    uint32_t readers() const { return m_readers; }
    uint32_t writers() const { return m_writers; }

private:
    // Makes sure the pages for the next `count` bytes to write exist; false when memory
    // ran out.
    bool has_pages_for(size_t count);
    void copy_in(kstd::Span<const uint8_t> data);
    void copy_out(kstd::Span<uint8_t> buffer);

    uint8_t* m_pages[PAGE_COUNT] = {};
    size_t m_start = 0; // where the oldest byte is, as an offset into the ring
    size_t m_count = 0;
    uint32_t m_readers = 0;
    uint32_t m_writers = 0;
    sched::WaitQueue m_readable; // readers waiting for bytes
    sched::WaitQueue m_writable; // writers waiting for room
};

// The file system pipes belong to: never mounted, one for the whole kernel (made on first
// use), numbering the pipes' inodes.
class PipefsSuperblock final : public Superblock {
public:
    PipefsSuperblock();
    kstd::StringView type_name() const override { return "pipefs"; }
    uint64_t magic() const override { return 0x5049'5045; } // PIPEFS_MAGIC
    Inode& root() override;
};

PipefsSuperblock& pipefs();

} // namespace fs
