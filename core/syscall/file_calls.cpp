// System calls on descriptors: open and close, reading and writing (plain, vectored and
// at an offset), seeking, fstat, directory entries, duplicating, fcntl, pipes and access
// checks (ioctl is in terminal_calls.cpp).
//
// Data moves through a kernel buffer of at most BOUNCE_SIZE bytes per step; a regular
// file, and a memory device that never waits (/dev/zero, /dev/urandom: major 1 but
// kmsg), is read step after step until the count or its end (`dd bs=1M` gets 1 MiB),
// anything else (a pipe, the console) gets one step, so a read never waits for more than
// one chunk's worth, as Linux's returns what a pipe holds. Writes go step after step
// until done. A background process reading or writing its controlling terminal meets job
// control in the terminal's read and write (tty::Terminal::check_access).
#include <fs/context.hpp>
#include <mm/heap/kmalloc.hpp>
#include <proc/user_copy.hpp>
#include <syscall/handler.hpp>
#include <syscall/linux_stat.hpp>
#include <syscall/user_path.hpp>

namespace syscalls {
namespace {

constexpr size_t BOUNCE_SIZE = 64 * 1024;
// Linux caps one read or write at MAX_RW_COUNT (INT_MAX rounded down to a page).
constexpr uint64_t READ_WRITE_MAX = 0x7fff'f000;
constexpr int AT_FDCWD = fs::CURRENT_DIRECTORY;

// open()'s flags (Linux's values) beyond fs::open_flags: passed on, or accepted and
// ignored as Linux ignores flags it does not know.
constexpr uint32_t O_NONBLOCK = 04000, O_CLOEXEC = 02000000;
constexpr uint32_t O_PATH = 010000000, O_TMPFILE = 020000000;

fs::Context& files(Call& call)
{
    return *call.process().files;
}

// A heap buffer for one call's data.
class Bounce {
public:
    explicit Bounce(uint64_t wanted) : m_size(wanted < BOUNCE_SIZE ? wanted : BOUNCE_SIZE)
    {
        m_bytes = static_cast<uint8_t*>(mm::kmalloc(m_size ? m_size : 1));
    }
    ~Bounce() { mm::kfree(m_bytes); }
    Bounce(const Bounce&) = delete;
    Bounce& operator=(const Bounce&) = delete;
    uint8_t* bytes() const { return m_bytes; }
    size_t size() const { return m_size; }

private:
    size_t m_size;
    uint8_t* m_bytes;
};

// Linux's memory devices (major 1) answer at once, all but kmsg (minor 11).
constexpr uint32_t MEMORY_DEVICE_MAJOR = 1, KMSG_MINOR = 11;

// Whether a read may go on step after step: it never waits.
bool reads_fully(fs::Context& context, int fd)
{
    auto status = context.fstat(fd);
    if (status.is_error())
        return false;
    uint32_t number = status.value().device_number;
    switch (fs::file_type_of(status.value().mode)) {
    case fs::FileType::Regular:
        return true;
    case fs::FileType::CharDevice:
        return number >> 8 == MEMORY_DEVICE_MAJOR && (number & 0xff) != KMSG_MINOR;
    default:
        return false;
    }
}

// What a reader is, by the call it makes: at the descriptor's offset, or at a given one.
struct ReadAt {
    bool at_offset;
    uint64_t offset;
};

kstd::Result<size_t> read_step(fs::Context& context, int fd, kstd::Span<uint8_t> chunk, ReadAt& where)
{
    if (!where.at_offset)
        return context.read(fd, chunk);
    size_t count = TRY(context.pread(fd, chunk, int64_t(where.offset)));
    where.offset += count;
    return count;
}

kstd::Result<size_t> write_step(fs::Context& context, int fd, kstd::Span<const uint8_t> chunk, ReadAt& where)
{
    if (!where.at_offset)
        return context.write(fd, chunk);
    size_t count = TRY(context.pwrite(fd, chunk, int64_t(where.offset)));
    where.offset += count;
    return count;
}

// Reads up to `count` bytes into user memory at `address`.
kstd::Result<size_t> read_into(Call& call, int fd, uintptr_t address, uint64_t count, ReadAt where)
{
    count = count < READ_WRITE_MAX ? count : READ_WRITE_MAX;
    Bounce bounce(count);
    if (!bounce.bytes())
        return kstd::Errno::OutOfMemory;
    bool fully = reads_fully(files(call), fd);
    size_t done = 0;
    do {
        size_t wanted = count - done < bounce.size() ? count - done : bounce.size();
        auto got = read_step(files(call), fd, { bounce.bytes(), wanted }, where);
        if (got.is_error()) {
            if (done)
                return done;
            return got.error();
        }
        TRY(proc::copy_to_user(address + done, bounce.bytes(), got.value()));
        done += got.value();
        if (got.value() < wanted)
            break;
    } while (fully && done < count);
    return done;
}

// Writes `count` bytes from user memory at `address`; a failure after some bytes went
// returns how many did, as Linux's write does.
kstd::Result<size_t> write_from(Call& call, int fd, uintptr_t address, uint64_t count, ReadAt where)
{
    count = count < READ_WRITE_MAX ? count : READ_WRITE_MAX;
    Bounce bounce(count);
    if (!bounce.bytes())
        return kstd::Errno::OutOfMemory;
    size_t done = 0;
    do {
        size_t chunk = count - done < bounce.size() ? count - done : bounce.size();
        auto copied = proc::copy_from_user(bounce.bytes(), address + done, chunk);
        if (copied.is_error()) {
            if (done)
                return done;
            return copied.error();
        }
        auto wrote = write_step(files(call), fd, { bounce.bytes(), chunk }, where);
        if (wrote.is_error()) {
            if (done)
                return done;
            return wrote.error();
        }
        done += wrote.value();
        if (wrote.value() < chunk)
            break;
    } while (done < count);
    return done;
}

Result read_call(Call& call)
{
    return int64_t(TRY(read_into(call, call.int_argument(0), call.argument(1), call.argument(2), { false, 0 })));
}

Result write_call(Call& call)
{
    return int64_t(TRY(write_from(call, call.int_argument(0), call.argument(1), call.argument(2), { false, 0 })));
}

kstd::Result<ReadAt> offset_argument(uint64_t offset)
{
    if (int64_t(offset) < 0)
        return kstd::Errno::InvalidArgument;
    return ReadAt { true, offset };
}

Result pread64_call(Call& call)
{
    ReadAt where = TRY(offset_argument(call.argument(3)));
    return int64_t(TRY(read_into(call, call.int_argument(0), call.argument(1), call.argument(2), where)));
}

Result pwrite64_call(Call& call)
{
    ReadAt where = TRY(offset_argument(call.argument(3)));
    return int64_t(TRY(write_from(call, call.int_argument(0), call.argument(1), call.argument(2), where)));
}

// readv/writev: the iovecs one after another, stopping at the first short transfer. A
// writev of at most PIPE_ATOMIC_MAX bytes in all is gathered into one write, so that it
// is atomic on a pipe, as Linux's is.
struct IoVector {
    uint64_t base;
    uint64_t length;
};
constexpr uint64_t IOV_MAX = 1024;

// The iovec array, copied in and checked (EINVAL for a negative length or a sum past
// READ_WRITE_MAX); its total in `total`.
kstd::Result<IoVector*> copy_vectors(uintptr_t address, uint64_t count, uint64_t& total)
{
    auto* vectors = static_cast<IoVector*>(mm::kmalloc((count ? count : 1) * sizeof(IoVector)));
    if (!vectors)
        return kstd::Errno::OutOfMemory;
    total = 0;
    auto copied = proc::copy_from_user(vectors, address, count * sizeof(IoVector));
    for (uint64_t i = 0; !copied.is_error() && i < count; ++i) {
        if (int64_t(vectors[i].length) < 0 || vectors[i].length > READ_WRITE_MAX - total)
            copied = kstd::Errno::InvalidArgument;
        else
            total += vectors[i].length;
    }
    if (copied.is_error()) {
        mm::kfree(vectors);
        return copied.error();
    }
    return vectors;
}

Result gathered_write(Call& call, int fd, const IoVector* vectors, uint64_t count, uint64_t total)
{
    Bounce bounce(total);
    if (!bounce.bytes())
        return kstd::Errno::OutOfMemory;
    size_t offset = 0;
    for (uint64_t i = 0; i < count; ++i) {
        TRY(proc::copy_from_user(bounce.bytes() + offset, vectors[i].base, vectors[i].length));
        offset += vectors[i].length;
    }
    return int64_t(TRY(files(call).write(fd, { bounce.bytes(), size_t(total) })));
}

// The iovecs in turn, stopping at the first short transfer: what was done, or the error
// if nothing was.
kstd::Result<uint64_t> transfer_each(Call& call, int fd, const IoVector* vectors, uint64_t count, bool writing)
{
    uint64_t done = 0;
    for (uint64_t i = 0; i < count; ++i) {
        if (vectors[i].length == 0)
            continue;
        auto moved = writing ? write_from(call, fd, vectors[i].base, vectors[i].length, { false, 0 })
                             : read_into(call, fd, vectors[i].base, vectors[i].length, { false, 0 });
        if (moved.is_error()) {
            if (done)
                return done;
            return moved.error();
        }
        done += moved.value();
        if (moved.value() < vectors[i].length)
            break;
    }
    return done;
}

Result vectored(Call& call, bool writing)
{
    int fd = call.int_argument(0);
    uint64_t count = call.argument(2);
    if (count > IOV_MAX)
        return kstd::Errno::InvalidArgument;
    uint64_t total = 0;
    IoVector* vectors = TRY(copy_vectors(call.argument(1), count, total));
    if (writing && total <= fs::PIPE_ATOMIC_MAX) {
        Result written = gathered_write(call, fd, vectors, count, total);
        mm::kfree(vectors);
        return written;
    }
    auto done = transfer_each(call, fd, vectors, count, writing);
    mm::kfree(vectors);
    return int64_t(TRY(done));
}

Result readv_call(Call& call) { return vectored(call, false); }
Result writev_call(Call& call) { return vectored(call, true); }

Result open_at(Call& call, int directory, uintptr_t path_address, uint32_t flags, uint64_t mode)
{
    if (flags & O_TMPFILE)
        return kstd::Errno::NotSupported;
    if (flags & O_PATH)
        return kstd::Errno::InvalidArgument;
    UserPath path;
    kstd::StringView name = TRY(path.copy_in(path_address));
    uint32_t kept = flags & (fs::open_flags::ALL | O_NONBLOCK | O_CLOEXEC);
    return int64_t(TRY(files(call).openat(directory, name, kept, fs::Mode(mode & 07777))));
}

Result open_call(Call& call) { return open_at(call, AT_FDCWD, call.argument(0), uint32_t(call.argument(1)), call.argument(2)); }
Result openat_call(Call& call)
{
    return open_at(call, call.int_argument(0), call.argument(1), uint32_t(call.argument(2)), call.argument(3));
}
Result creat_call(Call& call)
{
    using namespace fs::open_flags;
    return open_at(call, AT_FDCWD, call.argument(0), CREATE | WRITE_ONLY | TRUNCATE, call.argument(1));
}

Result close_call(Call& call)
{
    TRY(files(call).close(call.int_argument(0)));
    return 0;
}

Result lseek_call(Call& call)
{
    uint64_t whence = call.argument(2);
    if (whence > uint64_t(fs::Whence::End))
        return kstd::Errno::InvalidArgument;
    return int64_t(TRY(files(call).lseek(call.int_argument(0), int64_t(call.argument(1)), fs::Whence(whence))));
}

Result fstat_call(Call& call)
{
    fs::Stat status = TRY(files(call).fstat(call.int_argument(0)));
    TRY(write_linux_stat(call.argument(1), status));
    return 0;
}

Result ftruncate_call(Call& call)
{
    if (int64_t(call.argument(1)) < 0)
        return kstd::Errno::InvalidArgument;
    TRY(files(call).ftruncate(call.int_argument(0), call.argument(1)));
    return 0;
}

Result getdents64_call(Call& call)
{
    Bounce bounce(call.argument(2));
    if (!bounce.bytes())
        return kstd::Errno::OutOfMemory;
    size_t filled = TRY(files(call).getdents64(call.int_argument(0), { bounce.bytes(), bounce.size() }));
    TRY(proc::copy_to_user(call.argument(1), bounce.bytes(), filled));
    return int64_t(filled);
}

Result dup_call(Call& call) { return int64_t(TRY(files(call).dup(call.int_argument(0)))); }
Result dup2_call(Call& call) { return int64_t(TRY(files(call).dup2(call.int_argument(0), call.int_argument(1)))); }
Result dup3_call(Call& call)
{
    return int64_t(TRY(files(call).dup3(call.int_argument(0), call.int_argument(1), uint32_t(call.argument(2)))));
}

Result fcntl_call(Call& call)
{
    return int64_t(TRY(files(call).fcntl(call.int_argument(0), call.int_argument(1), call.argument(2))));
}

Result make_pipe(Call& call, uintptr_t address, uint32_t flags)
{
    int fds[2];
    TRY(files(call).pipe(fds, flags));
    if (auto copied = proc::copy_to_user(address, fds, sizeof fds); copied.is_error()) {
        (void)files(call).close(fds[0]);
        (void)files(call).close(fds[1]);
        return copied.error();
    }
    return 0;
}

Result pipe_call(Call& call) { return make_pipe(call, call.argument(0), 0); }
Result pipe2_call(Call& call) { return make_pipe(call, call.argument(0), uint32_t(call.argument(1))); }

Result access_at(Call& call, int directory, uintptr_t path_address, uint64_t mode, uint32_t flags)
{
    UserPath path;
    kstd::StringView name = TRY(path.copy_in(path_address));
    TRY(files(call).faccessat(directory, name, int(mode), flags));
    return 0;
}
Result access_call(Call& call) { return access_at(call, AT_FDCWD, call.argument(0), call.argument(1), 0); }
Result faccessat_call(Call& call)
{
    return access_at(call, call.int_argument(0), call.argument(1), call.argument(2), 0);
}
Result faccessat2_call(Call& call)
{
    return access_at(call, call.int_argument(0), call.argument(1), call.argument(2), uint32_t(call.argument(3)));
}

} // namespace

void register_file_calls(Entry* table)
{
    ADD_CALL(table, read);
    ADD_CALL(table, write);
    ADD_CALL(table, pread64);
    ADD_CALL(table, pwrite64);
    ADD_CALL(table, readv);
    ADD_CALL(table, writev);
    ADD_CALL(table, open);
    ADD_CALL(table, openat);
    ADD_CALL(table, creat);
    ADD_CALL(table, close);
    ADD_CALL(table, lseek);
    ADD_CALL(table, fstat);
    ADD_CALL(table, ftruncate);
    ADD_CALL(table, getdents64);
    ADD_CALL(table, dup);
    ADD_CALL(table, dup2);
    ADD_CALL(table, dup3);
    ADD_CALL(table, fcntl);
    ADD_CALL(table, pipe);
    ADD_CALL(table, pipe2);
    ADD_CALL(table, access);
    ADD_CALL(table, faccessat);
    ADD_CALL(table, faccessat2);
}

} // namespace syscalls
