// In-kernel tests of pipes between threads, on x86_64 under QEMU and in the sim: a
// producer in a forked context (lent to its thread with fs::set_thread_context) streams a
// megabyte in writes of assorted sizes, some above PIPE_BUF, that a consumer reads back
// byte for byte, then end of file when the producer's context goes; two writers' PIPE_BUF
// records never interleave; a reader waiting on an empty pipe and a writer waiting on a
// full one do not hold the VFS lock (the test thread uses the file system meanwhile), are
// woken by the other end's last close (end of file, EPIPE), and are cut short by
// sched::interrupt (EINTR, or the count written so far).
#include "thread_waits.hpp"

#include <fs/kernel_fs.hpp>
#include <fs/pipefs/pipe.hpp>
#include <hal/timer.hpp>
#include <ktest/ktest.hpp>
#include <mm/heap/kmalloc.hpp>
#include <sched/interrupt.hpp>
#include <sched/scheduler.hpp>

namespace {

using namespace fs::open_flags;

constexpr uint64_t MILLISECOND = 1'000'000;
constexpr uint64_t PROMPTLY_NS = 20'000 * MILLISECOND; // generous: a loaded CI machine
constexpr size_t STREAM_BYTES = 1 << 20;

uint8_t pattern_byte(size_t index)
{
    return static_cast<uint8_t>(index * 131 + index / 4099);
}

fs::Context& files()
{
    auto context = fs::current();
    KTEST_EXPECT(!context.is_error());
    return *context.value();
}

// Waits (some seconds at most) until `thread` blocks.
struct Producer {
    fs::Context* context = nullptr;
    int fd = -1;
    bool used_lent_context = false;
    bool wrote_all = true;
};

void produce(void* argument)
{
    auto& producer = *static_cast<Producer*>(argument);
    fs::set_thread_context(sched::current(), producer.context);
    fs::Context& context = files();
    producer.used_lent_context = &context == producer.context;
    static uint8_t chunk[20000];
    size_t sizes[] = { 1, 4096, 17, 20000, 4095, 4097, 65536 % 20000, 333 };
    size_t sent = 0;
    for (size_t round = 0; sent < STREAM_BYTES; ++round) {
        size_t size = sizes[round % 8];
        if (size > STREAM_BYTES - sent)
            size = STREAM_BYTES - sent;
        for (size_t i = 0; i < size; ++i)
            chunk[i] = pattern_byte(sent + i);
        auto written = context.write(producer.fd, { chunk, size });
        if (written.is_error() || written.value() != size) {
            producer.wrote_all = false;
            return;
        }
        sent += size;
    }
}

// One read or write on a thread of its own: its errno (0 for none) and count.
struct Blocked {
    fs::Context* context;
    int fd;
    size_t size;
    int error = -1;
    size_t count = 0;

    void take(kstd::Result<size_t>&& result)
    {
        error = result.is_error() ? static_cast<int>(result.error().code()) : 0;
        count = result.is_error() ? 0 : result.value();
    }
};

void read_once(void* argument)
{
    auto& blocked = *static_cast<Blocked*>(argument);
    static uint8_t buffer[16];
    blocked.take(blocked.context->read(blocked.fd, buffer));
}

void write_once(void* argument)
{
    auto& blocked = *static_cast<Blocked*>(argument);
    uint8_t* data = static_cast<uint8_t*>(mm::kmalloc(blocked.size));
    blocked.take(blocked.context->write(blocked.fd, { data, blocked.size }));
    mm::kfree(data);
}

// Runs `body` on a thread of its own and returns it once it blocks (nullptr if it fails
// to start or never blocks).
sched::Thread* start_blocking(sched::ThreadEntry body, Blocked& blocked)
{
    return ktest_support::spawn_until_blocked("pipe-waiter", body, &blocked, PROMPTLY_NS);
}

} // namespace

KTEST(pipe_streams_a_megabyte_between_threads_then_ends)
{
    fs::Context& context = files();
    int fds[2];
    KTEST_EXPECT(!context.pipe(fds).is_error());
    auto forked = context.fork();
    KTEST_EXPECT(!forked.is_error());
    if (forked.is_error())
        return;
    Producer producer { forked.value(), fds[1] };
    KTEST_EXPECT(!forked.value()->close(fds[0]).is_error());
    KTEST_EXPECT(!context.close(fds[1]).is_error());
    auto spawned = sched::spawn("producer", produce, &producer);
    KTEST_EXPECT(!spawned.is_error());
    static uint8_t buffer[9000];
    size_t received = 0;
    bool same = true;
    size_t reads[] = { 9000, 1, 4096, 7777, 100 };
    for (size_t round = 0; received < STREAM_BYTES; ++round) {
        auto got = context.read(fds[0], { buffer, reads[round % 5] });
        if (got.is_error() || got.value() == 0)
            break;
        for (size_t i = 0; i < got.value(); ++i)
            same = same && buffer[i] == pattern_byte(received + i);
        received += got.value();
    }
    KTEST_EXPECT(received == STREAM_BYTES);
    KTEST_EXPECT(same);
    if (!spawned.is_error())
        sched::join(spawned.value());
    KTEST_EXPECT(producer.used_lent_context);
    KTEST_EXPECT(producer.wrote_all);
    // The producer's thread has ended but its context stays open until its owner drops it.
    uint8_t byte;
    Blocked reader { &context, fds[0], 0 };
    sched::Thread* waiting = start_blocking(read_once, reader);
    mm::destroy(forked.value()); // the last writer goes: end of file
    if (waiting)
        sched::join(waiting);
    KTEST_EXPECT(reader.error == 0 && reader.count == 0);
    KTEST_EXPECT(context.read(fds[0], { &byte, 1 }).value() == 0);
    KTEST_EXPECT(!context.close(fds[0]).is_error());
}

namespace {
struct RecordWriter {
    fs::Context* context;
    int fd;
    uint8_t letter;
    bool ok = true;
};
constexpr size_t RECORDS = 64;

void write_records(void* argument)
{
    auto& writer = *static_cast<RecordWriter*>(argument);
    static uint8_t records[2][fs::PIPE_ATOMIC_MAX];
    uint8_t* record = records[writer.letter - 'A'];
    __builtin_memset(record, writer.letter, fs::PIPE_ATOMIC_MAX);
    for (size_t i = 0; i < RECORDS; ++i) {
        auto written = writer.context->write(writer.fd, { record, fs::PIPE_ATOMIC_MAX });
        writer.ok = writer.ok && !written.is_error() && written.value() == fs::PIPE_ATOMIC_MAX;
        if (i % 8 == 0)
            sched::yield();
    }
}
} // namespace

KTEST(pipe_writes_of_pipe_buf_bytes_never_interleave)
{
    fs::Context& context = files();
    int fds[2];
    KTEST_EXPECT(!context.pipe(fds).is_error());
    RecordWriter a { &context, fds[1], 'A' }, b { &context, fds[1], 'B' };
    auto first = sched::spawn("writer-a", write_records, &a);
    auto second = sched::spawn("writer-b", write_records, &b);
    KTEST_EXPECT(!first.is_error() && !second.is_error());
    static uint8_t stream[2 * RECORDS * fs::PIPE_ATOMIC_MAX];
    size_t received = 0;
    while (received < sizeof stream) {
        // Small odd sizes, and a yield after each read, so that the writers often find
        // less room than a record needs (where a split write would interleave).
        size_t want = sizeof stream - received < 1501 ? sizeof stream - received : 1501;
        auto got = context.read(fds[0], { stream + received, want });
        if (got.is_error() || got.value() == 0)
            break;
        received += got.value();
        sched::yield();
    }
    if (!first.is_error())
        sched::join(first.value());
    if (!second.is_error())
        sched::join(second.value());
    KTEST_EXPECT(a.ok && b.ok);
    KTEST_EXPECT(received == sizeof stream);
    size_t counts[2] = {};
    bool whole = true;
    for (size_t record = 0; record < received / fs::PIPE_ATOMIC_MAX; ++record) {
        const uint8_t* bytes = stream + record * fs::PIPE_ATOMIC_MAX;
        for (size_t i = 1; i < fs::PIPE_ATOMIC_MAX; ++i)
            whole = whole && bytes[i] == bytes[0];
        if (bytes[0] == 'A' || bytes[0] == 'B')
            ++counts[bytes[0] - 'A'];
    }
    KTEST_EXPECT(whole);
    KTEST_EXPECT(counts[0] == RECORDS && counts[1] == RECORDS);
    KTEST_EXPECT(!context.close(fds[0]).is_error());
    KTEST_EXPECT(!context.close(fds[1]).is_error());
}

KTEST(pipe_waits_outside_the_vfs_lock_and_ends_on_close_or_interrupt)
{
    fs::Context& context = files();
    int fds[2];
    KTEST_EXPECT(!context.pipe(fds).is_error());
    // A reader waiting on an empty pipe: the file system stays usable; an interrupt ends
    // the wait with EINTR.
    Blocked reader { &context, fds[0], 0 };
    sched::Thread* waiting = start_blocking(read_once, reader);
    KTEST_EXPECT(!context.stat("/").is_error());
    if (waiting) {
        sched::interrupt(*waiting);
        sched::join(waiting);
    }
    KTEST_EXPECT(reader.error == 4); // EINTR
    // A writer of more than fits: it fills the pipe and waits; interrupted, it returns
    // what it wrote.
    Blocked writer { &context, fds[1], fs::Pipe::CAPACITY + 5000 };
    waiting = start_blocking(write_once, writer);
    KTEST_EXPECT(!context.stat("/").is_error());
    if (waiting) {
        sched::interrupt(*waiting);
        sched::join(waiting);
    }
    KTEST_EXPECT(writer.error == 0 && writer.count == fs::Pipe::CAPACITY);
    // The pipe is full: a PIPE_BUF write waits, and gets EPIPE when the last reader goes.
    Blocked small_writer { &context, fds[1], 100 };
    waiting = start_blocking(write_once, small_writer);
    KTEST_EXPECT(!context.close(fds[0]).is_error());
    if (waiting)
        sched::join(waiting);
    KTEST_EXPECT(small_writer.error == 32); // EPIPE
    KTEST_EXPECT(!context.close(fds[1]).is_error());
}
