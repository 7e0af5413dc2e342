// Pipe: the ring of pages, and reading and writing with Linux's waits (see pipe.hpp).
#include <fs/pipefs/pipe.hpp>
#include <fs/poll.hpp>
#include <mm/heap/kmalloc.hpp>
#include <sched/interrupt.hpp>
#include <sync/interrupt_guard.hpp>

namespace fs {

using kstd::Errno;
using kstd::Result;

Pipe::Pipe(Superblock& superblock, uint64_t number) : Inode(superblock, number, mode::FIFO | 0600) {}

Pipe::~Pipe()
{
    for (uint8_t* page : m_pages)
        mm::kfree(page);
}

bool Pipe::has_pages_for(size_t count)
{
    size_t end = m_start + m_count + count;
    for (size_t at = m_start + m_count; at < end; at = (at / mm::PAGE_SIZE + 1) * mm::PAGE_SIZE) {
        uint8_t*& page = m_pages[at / mm::PAGE_SIZE % PAGE_COUNT];
        if (!page)
            page = static_cast<uint8_t*>(mm::kmalloc(mm::PAGE_SIZE));
        if (!page)
            return false;
    }
    return true;
}

void Pipe::copy_in(kstd::Span<const uint8_t> data)
{
    size_t done = 0;
    while (done < data.size()) {
        size_t at = (m_start + m_count) % CAPACITY;
        size_t in_page = at % mm::PAGE_SIZE;
        size_t piece = mm::PAGE_SIZE - in_page < data.size() - done ? mm::PAGE_SIZE - in_page : data.size() - done;
        __builtin_memcpy(m_pages[at / mm::PAGE_SIZE] + in_page, data.data() + done, piece);
        m_count += piece;
        done += piece;
    }
}

void Pipe::copy_out(kstd::Span<uint8_t> buffer)
{
    size_t done = 0;
    while (done < buffer.size()) {
        size_t in_page = m_start % mm::PAGE_SIZE;
        size_t piece = mm::PAGE_SIZE - in_page < buffer.size() - done ? mm::PAGE_SIZE - in_page : buffer.size() - done;
        __builtin_memcpy(buffer.data() + done, m_pages[m_start / mm::PAGE_SIZE] + in_page, piece);
        m_start = (m_start + piece) % CAPACITY;
        m_count -= piece;
        done += piece;
    }
}

Result<size_t> Pipe::read_stream(kstd::Span<uint8_t> buffer, bool nonblocking)
{
    if (buffer.empty())
        return 0;
    ksync::InterruptGuard guard;
    while (m_count == 0) {
        if (m_writers == 0)
            return 0;
        if (nonblocking)
            return Errno::TryAgain;
        if (m_readable.wait_interruptible() == sched::WaitResult::Interrupted)
            return Errno::Interrupted;
    }
    size_t count = m_count < buffer.size() ? m_count : buffer.size();
    copy_out(buffer.subspan(0, count));
    m_writable.wake_all();
    notify_poll_waiters();
    touch_accessed();
    return count;
}

Result<size_t> Pipe::write_stream(kstd::Span<const uint8_t> data, bool nonblocking)
{
    if (data.empty())
        return 0;
    bool atomic = data.size() <= PIPE_ATOMIC_MAX;
    size_t done = 0;
    ksync::InterruptGuard guard;
    auto so_far = [&](Errno error) { return done > 0 ? Result<size_t>(done) : Result<size_t>(error); };
    for (;;) {
        if (m_readers == 0)
            return so_far(Errno::BrokenPipe);
        size_t room = CAPACITY - m_count;
        size_t left = data.size() - done;
        if (atomic ? room >= left : room > 0) {
            size_t count = room < left ? room : left;
            if (!has_pages_for(count))
                return so_far(Errno::OutOfMemory);
            copy_in(data.subspan(done, count));
            done += count;
            m_readable.wake_all();
            notify_poll_waiters();
            touch_modified();
            if (done == data.size())
                return done;
            continue;
        }
        if (nonblocking)
            return so_far(Errno::TryAgain);
        if (m_writable.wait_interruptible() == sched::WaitResult::Interrupted)
            return so_far(Errno::Interrupted);
    }
}

void Pipe::opened(uint32_t flags)
{
    ksync::InterruptGuard guard;
    bool reads = (flags & open_flags::ACCESS_MODE) != open_flags::WRITE_ONLY;
    bool writes = (flags & open_flags::ACCESS_MODE) != open_flags::READ_ONLY;
    m_readers += reads;
    m_writers += writes;
    notify_poll_waiters();
}

void Pipe::closed(uint32_t flags)
{
    ksync::InterruptGuard guard;
    bool reads = (flags & open_flags::ACCESS_MODE) != open_flags::WRITE_ONLY;
    bool writes = (flags & open_flags::ACCESS_MODE) != open_flags::READ_ONLY;
    m_readers -= reads;
    m_writers -= writes;
    // The other side learns of it: end of file for readers, EPIPE for writers.
    if (m_writers == 0)
        m_readable.wake_all();
    if (m_readers == 0)
        m_writable.wake_all();
    notify_poll_waiters();
}

uint32_t Pipe::poll_events(uint32_t flags) const
{
    ksync::InterruptGuard guard;
    uint32_t events = 0;
    if ((flags & open_flags::ACCESS_MODE) != open_flags::WRITE_ONLY) {
        if (m_count > 0)
            events |= poll_bits::IN | poll_bits::READ_NORMAL;
        if (m_writers == 0)
            events |= poll_bits::HANG_UP;
    }
    if ((flags & open_flags::ACCESS_MODE) != open_flags::READ_ONLY) {
        if (CAPACITY - m_count >= PIPE_ATOMIC_MAX)
            events |= poll_bits::OUT | poll_bits::WRITE_NORMAL;
        if (m_readers == 0)
            events |= poll_bits::ERROR;
    }
    return events;
}

} // namespace fs
