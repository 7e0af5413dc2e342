// VFS benchmark: Keel's VFS on a ramfs root against Linux's tmpfs, in one run.
//
// Keel's side runs in this process as the unit tests run it: a kernel heap (the slab heap)
// and the ramfs's pages both come from the kernel's buddy allocator over host memory
// (buddy_page_source.hpp), and the calls go through an fs::Context (the VFS lock takes
// nothing without a scheduler, as in early boot). Linux's side makes the same calls on a
// fresh directory in /dev/shm (a tmpfs), through the *at() calls on a descriptor of that
// directory, so that both sides look up the same relative paths from the same directory.
//
//   - create: open(O_CREAT|O_WRONLY) a new file, write 100 bytes, close, stat, unlink; in
//     an empty directory and in one that holds 1,000 other files.
//   - lookup: stat of a file at the bottom of a chain of 16 or 64 directories ("d/d/.../f"),
//     every component already in the dentry cache on both sides.
//
// Figures are the best of three timed batches (bench::measure); "Keel / Linux" is Keel's
// operations per second over Linux's, so above 1 means Keel is faster.
#include "benchmark.hpp"
#include "buddy_page_source.hpp"

#include <fs/context.hpp>
#include <fs/ramfs/ramfs.hpp>
#include <mm/heap/kmalloc.hpp>

#include <fcntl.h>
#include <ftw.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>

namespace {

constexpr size_t HEAP_BYTES = size_t(64) << 20;
constexpr size_t RAMFS_BYTES = size_t(64) << 20;
constexpr size_t FILE_BYTES = 100;
constexpr int CROWD = 1000; // other files in the directory for the second create row
constexpr int DEPTHS[] = { 16, 64 };

const char DATA[FILE_BYTES] = "a hundred bytes of file contents, written by the vfs benchmark on both sides ...";

kstd::StringView view(const std::string& text)
{
    return { text.data(), text.size() };
}

std::string deep_directory(int depth)
{
    std::string path = "deep" + std::to_string(depth);
    for (int level = 1; level < depth; ++level)
        path += "/d";
    return path;
}

// Keel: a kernel heap and a ramfs root on buddy-allocated host memory.
class KeelFiles {
public:
    KeelFiles() : m_ramfs_pages(RAMFS_BYTES)
    {
        // The kernel heap outlives the benchmark (it is the process's), so its pages do too.
        static bench::BuddyPageSource& heap_pages = *new bench::BuddyPageSource(HEAP_BYTES);
        m_ready = !mm::set_kernel_heap("slab", heap_pages, HEAP_BYTES).is_error();
        fs::RamfsOptions options;
        options.pages = &m_ramfs_pages;
        auto root = m_ready ? fs::make_ramfs(options) : kstd::Result<fs::Superblock*>(kstd::Errno::OutOfMemory);
        m_ready = m_ready && !root.is_error();
        if (!m_ready)
            return;
        m_vfs.emplace();
        m_ready = !m_vfs->mount_root(root.value(), "bench").is_error();
        if (m_ready)
            m_context.emplace(*m_vfs);
    }
    ~KeelFiles()
    {
        m_context.reset();
        m_vfs.reset();
    }
    bool ready() const { return m_ready; }

    bool mkdir(const std::string& path) { return !m_context->mkdir(view(path)).is_error(); }
    bool create_file(const std::string& path)
    {
        auto fd = m_context->open(view(path), fs::open_flags::WRITE_ONLY | fs::open_flags::CREATE, 0644);
        return !fd.is_error() && !m_context->close(fd.value()).is_error();
    }
    // open(O_CREAT|O_WRONLY), write, close, stat, unlink.
    bool create_cycle(const std::string& path)
    {
        auto fd = m_context->open(view(path), fs::open_flags::WRITE_ONLY | fs::open_flags::CREATE, 0644);
        if (fd.is_error())
            return false;
        auto written = m_context->write(fd.value(), { reinterpret_cast<const uint8_t*>(DATA), FILE_BYTES });
        bool closed = !m_context->close(fd.value()).is_error();
        auto status = m_context->stat(view(path));
        bool unlinked = !m_context->unlink(view(path)).is_error();
        return !written.is_error() && written.value() == FILE_BYTES && closed && !status.is_error()
            && status.value().size == FILE_BYTES && unlinked;
    }
    bool stat(const std::string& path) { return !m_context->stat(view(path)).is_error(); }

private:
    bench::BuddyPageSource m_ramfs_pages;
    std::optional<fs::Vfs> m_vfs;
    std::optional<fs::Context> m_context;
    bool m_ready = false;
};

// Linux: a fresh directory in /dev/shm, removed at the end.
class HostFiles {
public:
    HostFiles()
    {
        std::string pattern = "/dev/shm/keel-bench-vfs-XXXXXX";
        if (::mkdtemp(pattern.data())) {
            m_path = pattern;
            m_directory = ::open(m_path.c_str(), O_RDONLY | O_DIRECTORY);
        }
    }
    ~HostFiles()
    {
        if (m_directory >= 0)
            ::close(m_directory);
        if (!m_path.empty())
            ::nftw(m_path.c_str(), [](const char* name, const struct stat*, int, FTW*) { return ::remove(name); }, 16,
                   FTW_DEPTH | FTW_PHYS);
    }
    bool ready() const { return m_directory >= 0; }

    bool mkdir(const std::string& path) { return ::mkdirat(m_directory, path.c_str(), 0777) == 0; }
    bool create_file(const std::string& path)
    {
        int fd = ::openat(m_directory, path.c_str(), O_WRONLY | O_CREAT, 0644);
        return fd >= 0 && ::close(fd) == 0;
    }
    bool create_cycle(const std::string& path)
    {
        int fd = ::openat(m_directory, path.c_str(), O_WRONLY | O_CREAT, 0644);
        if (fd < 0)
            return false;
        ssize_t written = ::write(fd, DATA, FILE_BYTES);
        bool closed = ::close(fd) == 0;
        struct stat status {};
        bool stated = ::fstatat(m_directory, path.c_str(), &status, 0) == 0;
        bool unlinked = ::unlinkat(m_directory, path.c_str(), 0) == 0;
        return written == ssize_t(FILE_BYTES) && closed && stated && status.st_size == ssize_t(FILE_BYTES) && unlinked;
    }
    bool stat(const std::string& path)
    {
        struct stat status {};
        return ::fstatat(m_directory, path.c_str(), &status, 0) == 0;
    }

private:
    std::string m_path;
    int m_directory = -1;
};

// The same trees on both sides: "empty/", "crowded/" with CROWD files, and the chains.
template<typename Files>
bool populate(Files& files)
{
    bool ok = files.mkdir("empty") && files.mkdir("crowded");
    for (int index = 0; ok && index < CROWD; ++index)
        ok = files.create_file("crowded/other" + std::to_string(index));
    for (int depth : DEPTHS) {
        std::string path = "deep" + std::to_string(depth);
        ok = ok && files.mkdir(path);
        for (int level = 1; ok && level < depth; ++level) {
            path += "/d";
            ok = files.mkdir(path);
        }
        ok = ok && files.create_file(path + "/f");
    }
    return ok;
}

template<typename Files>
bench::Measurement time_creates(Files& files, const std::string& directory)
{
    std::string path = directory + "/new";
    return bench::measure([&](uint64_t count) -> uint64_t {
        for (uint64_t done = 0; done < count; ++done) {
            if (!files.create_cycle(path))
                return done;
        }
        return count;
    });
}

template<typename Files>
bench::Measurement time_lookups(Files& files, const std::string& path)
{
    return bench::measure([&](uint64_t count) -> uint64_t {
        for (uint64_t done = 0; done < count; ++done) {
            if (!files.stat(path))
                return done;
        }
        return count;
    });
}

std::string per_second(const bench::Measurement& measurement)
{
    if (measurement.operations == 0 || measurement.ns_per_operation <= 0)
        return "failed";
    std::string figure = bench::fixed(1e9 / measurement.ns_per_operation / 1000.0, 0) + "k";
    return measurement.exhausted ? figure + " (failed after " + std::to_string(measurement.operations) + ")" : figure;
}

KEEL_BENCHMARK(vfs, "create+stat+unlink and deep-path lookups, Keel's VFS on ramfs vs Linux's tmpfs")
{
    KeelFiles keel;
    HostFiles host;
    if (!keel.ready() || !host.ready() || !populate(keel) || !populate(host)) {
        std::printf("vfs: could not set up (Keel %s, /dev/shm %s)\n\n", keel.ready() ? "ready" : "failed",
                    host.ready() ? "ready" : "failed");
        return;
    }
    bench::Table table({ "operation", "Keel ops/s", "Linux ops/s", "Keel ns/op", "Linux ns/op", "Keel / Linux" });
    auto add_row = [&](const std::string& name, const bench::Measurement& on_keel, const bench::Measurement& on_linux) {
        table.add_row({ name, per_second(on_keel), per_second(on_linux), bench::fixed(on_keel.ns_per_operation, 0),
                        bench::fixed(on_linux.ns_per_operation, 0),
                        bench::fixed(on_linux.ns_per_operation / on_keel.ns_per_operation, 2) });
    };
    add_row("create+write+close+stat+unlink, empty directory", time_creates(keel, "empty"), time_creates(host, "empty"));
    add_row("create+write+close+stat+unlink, 1,000 files beside", time_creates(keel, "crowded"),
            time_creates(host, "crowded"));
    for (int depth : DEPTHS) {
        std::string path = deep_directory(depth) + "/f";
        add_row("stat, depth " + std::to_string(depth) + " (" + std::to_string(depth + 1) + " components)",
                time_lookups(keel, path), time_lookups(host, path));
    }
    table.print();
}

} // namespace
