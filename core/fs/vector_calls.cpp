// Context: pread and pwrite (an explicit offset), readv and writev (several buffers), for
// the system calls of the same names. The buffers are the kernel's: the system call layer
// copies user memory in and out around these.
#include <fs/context.hpp>
#include <mm/heap/kmalloc.hpp>

namespace fs {

using kstd::Errno;
using kstd::Result;

Result<size_t> Context::pread(int fd, kstd::Span<uint8_t> buffer, int64_t offset)
{
    if (offset < 0)
        return Errno::InvalidArgument;
    uint64_t position = static_cast<uint64_t>(offset);
    return read_at(fd, buffer, &position, true);
}

Result<size_t> Context::pwrite(int fd, kstd::Span<const uint8_t> data, int64_t offset)
{
    if (offset < 0)
        return Errno::InvalidArgument;
    uint64_t position = static_cast<uint64_t>(offset);
    return write_at(fd, data, &position);
}

Result<size_t> Context::readv(int fd, kstd::Span<const kstd::Span<uint8_t>> buffers)
{
    size_t total = 0;
    for (kstd::Span<uint8_t> buffer : buffers) {
        // Only the first byte is waited for: once some came, a pipe gives what it has.
        auto count = read_at(fd, buffer, nullptr, total == 0);
        if (count.is_error())
            return total > 0 ? Result<size_t>(total) : Result<size_t>(count.release_error());
        total += count.value();
        if (count.value() < buffer.size())
            break;
    }
    return total;
}

Result<size_t> Context::writev(int fd, kstd::Span<const kstd::Span<const uint8_t>> pieces)
{
    size_t total = 0;
    for (kstd::Span<const uint8_t> piece : pieces)
        total += piece.size();
    if (pieces.size() > 1 && total <= PIPE_ATOMIC_MAX) {
        // One write, so that a pipe takes it whole or not at all.
        uint8_t* gathered = static_cast<uint8_t*>(mm::kmalloc(total));
        if (!gathered)
            return Errno::OutOfMemory;
        size_t at = 0;
        for (kstd::Span<const uint8_t> piece : pieces) {
            __builtin_memcpy(gathered + at, piece.data(), piece.size());
            at += piece.size();
        }
        auto count = write(fd, { gathered, total });
        mm::kfree(gathered);
        return count;
    }
    size_t written = 0;
    for (kstd::Span<const uint8_t> piece : pieces) {
        auto count = write(fd, piece);
        if (count.is_error())
            return written > 0 ? Result<size_t>(written) : Result<size_t>(count.release_error());
        written += count.value();
        if (count.value() < piece.size())
            break;
    }
    return written;
}

} // namespace fs
