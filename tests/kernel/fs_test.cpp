// In-kernel tests of the file system as booted, on x86_64 under QEMU and in the sim: the
// initramfs unpacked into "/" byte for byte (checked against the archive the boot loader
// handed over), a per-thread current directory, threads working in the VFS at once under
// preemption, a tree built and removed without a trace, the shell's rm -rf and cp -r of a
// tree deeper than PATH_MAX, and the root file system's size limit (half of the RAM: a file
// stops growing there with ENOSPC and the kernel works on).
#include "footprint.hpp"

#include <fs/initramfs/cpio_newc.hpp>
#include <fs/kernel_fs.hpp>
#include <hal/boot.hpp>
#include <kstd/fixed_string.hpp>
#include <sched/thread.hpp>
#include <shell/shell.hpp>

namespace {

using namespace fs::open_flags;

fs::Context& files()
{
    auto context = fs::current();
    KTEST_EXPECT(!context.is_error());
    return *context.value();
}

// Whether `path` holds exactly `expected`.
bool has_contents(fs::Context& context, kstd::StringView path, kstd::Span<const uint8_t> expected)
{
    auto fd = context.open(path, READ_ONLY);
    if (fd.is_error())
        return false;
    uint8_t buffer[512];
    size_t offset = 0;
    bool same = true;
    for (;;) {
        auto got = context.read(fd.value(), buffer);
        if (got.is_error() || got.value() == 0) {
            same = same && !got.is_error();
            break;
        }
        for (size_t i = 0; i < got.value(); ++i)
            same = same && offset + i < expected.size() && buffer[i] == expected[offset + i];
        offset += got.value();
    }
    (void)context.close(fd.value());
    return same && offset == expected.size();
}

kstd::Result<void> write_text(fs::Context& context, kstd::StringView path, kstd::StringView text)
{
    int fd = TRY(context.open(path, WRITE_ONLY | CREATE | TRUNCATE));
    auto written = context.write(fd, { reinterpret_cast<const uint8_t*>(text.data()), text.size() });
    TRY(context.close(fd));
    if (written.is_error())
        return written.release_error();
    return {};
}

} // namespace

KTEST(the_initramfs_is_unpacked_byte_for_byte)
{
    hal::BootImage image = hal::boot_initrd();
    KTEST_EXPECT(image.data != nullptr);
    if (!image.data)
        return;
    fs::Context& context = files();
    uint64_t root_device = context.stat("/").value().device;
    unsigned checked = 0;
    auto walked = fs::cpio::for_each_entry({ static_cast<const uint8_t*>(image.data), image.size },
        [&](const fs::cpio::Entry& entry) -> kstd::Result<void> {
            kstd::FixedString<256> path;
            kstd::format_to(path, "/{}", entry.path);
            auto status = context.lstat(path.view());
            KTEST_EXPECT(!status.is_error());
            if (status.is_error())
                return {};
            if (status.value().device != root_device)
                return {}; // a mount point: /proc and /dev hide the archive's directories
            KTEST_EXPECT(status.value().mode == entry.mode);
            if (fs::file_type_of(entry.mode) == fs::FileType::Regular)
                KTEST_EXPECT(has_contents(context, path.view(), entry.data));
            if (fs::file_type_of(entry.mode) == fs::FileType::Symlink) {
                char target[256];
                auto length = context.readlink(path.view(), target);
                KTEST_EXPECT(!length.is_error()
                    && kstd::StringView(target, length.value()) == kstd::StringView(reinterpret_cast<const char*>(entry.data.data()), entry.data.size()));
            }
            ++checked;
            return {};
        });
    KTEST_EXPECT(!walked.is_error());
    KTEST_EXPECT(checked >= 5);
    // The welcome text is there, and reachable through the link to it.
    const char welcome[] = "Welcome to Keel!";
    auto fd = context.open("/etc/issue", READ_ONLY);
    KTEST_EXPECT(!fd.is_error());
    uint8_t first[sizeof welcome - 1];
    KTEST_EXPECT(context.read(fd.value(), first).value() == sizeof first);
    KTEST_EXPECT(kstd::StringView(reinterpret_cast<char*>(first), sizeof first) == welcome);
    KTEST_EXPECT(!context.close(fd.value()).is_error());
}

KTEST(proc_and_dev_are_mounted)
{
    fs::Context& context = files();
    KTEST_EXPECT(context.stat("/proc").value().device != context.stat("/").value().device);
    KTEST_EXPECT(context.stat("/dev").value().device != context.stat("/").value().device);
    KTEST_EXPECT(context.stat("/proc").value().device != context.stat("/dev").value().device);
}

namespace {
struct CwdProbe {
    bool changed = false;
    kstd::FixedString<64> seen;
};

void change_directory_in_a_thread(void* argument)
{
    auto& probe = *static_cast<CwdProbe*>(argument);
    fs::Context& context = files();
    probe.changed = !context.chdir("/etc").is_error();
    char buffer[64];
    auto length = context.getcwd(buffer);
    if (!length.is_error())
        probe.seen.write(kstd::StringView(buffer, length.value()));
}
} // namespace

KTEST(each_thread_has_its_own_current_directory)
{
    fs::Context& context = files();
    KTEST_EXPECT(!context.chdir("/home").is_error());
    CwdProbe probe;
    auto thread = sched::spawn("cwd-probe", change_directory_in_a_thread, &probe);
    KTEST_EXPECT(!thread.is_error());
    sched::join(thread.value());
    KTEST_EXPECT(probe.changed && probe.seen.view() == "/etc");
    char buffer[64];
    auto length = context.getcwd(buffer);
    KTEST_EXPECT(!length.is_error() && kstd::StringView(buffer, length.value()) == "/home");
    KTEST_EXPECT(!context.chdir("/").is_error());
}

namespace {
constexpr unsigned WORKERS = 3;
constexpr unsigned FILES_PER_WORKER = 60;

struct Worker {
    unsigned index;
    unsigned good = 0;
};

// Creates, fills, checks and removes files in a directory of its own, while the other
// workers (same priority, preempted every time slice) do the same.
void work_in_the_vfs(void* argument)
{
    auto& worker = *static_cast<Worker*>(argument);
    fs::Context& context = files();
    kstd::FixedString<32> directory;
    kstd::format_to(directory, "/tmp/worker{}", worker.index);
    if (context.mkdir(directory.view()).is_error() || context.chdir(directory.view()).is_error())
        return;
    for (unsigned i = 0; i < FILES_PER_WORKER; ++i) {
        kstd::FixedString<16> name;
        kstd::format_to(name, "f{}", i);
        kstd::FixedString<48> text;
        kstd::format_to(text, "worker {} file {} ", worker.index, i);
        bool ok = !write_text(context, name.view(), text.view()).is_error()
            && has_contents(context, name.view(), { reinterpret_cast<const uint8_t*>(text.c_str()), text.length() })
            && !context.unlink(name.view()).is_error();
        worker.good += ok;
    }
    (void)context.chdir("/");
    (void)context.rmdir(directory.view());
}
} // namespace

KTEST(threads_use_the_vfs_at_once)
{
    Worker workers[WORKERS];
    sched::Thread* threads[WORKERS] = {};
    for (unsigned i = 0; i < WORKERS; ++i) {
        workers[i].index = i;
        auto spawned = sched::spawn("vfs-worker", work_in_the_vfs, &workers[i]);
        KTEST_EXPECT(!spawned.is_error());
        threads[i] = spawned.is_error() ? nullptr : spawned.value();
    }
    for (unsigned i = 0; i < WORKERS; ++i) {
        if (threads[i])
            sched::join(threads[i]);
        KTEST_EXPECT(workers[i].good == FILES_PER_WORKER);
    }
    KTEST_EXPECT(files().stat("/tmp/worker0").is_error());
}

KTEST(a_tree_built_and_removed_leaves_no_trace)
{
    fs::Context& context = files();
    ktest_support::expect_no_trace([&] {
        KTEST_EXPECT(!context.mkdir("/tmp/tree").is_error());
        KTEST_EXPECT(!context.mkdir("/tmp/tree/sub").is_error());
        KTEST_EXPECT(!write_text(context, "/tmp/tree/sub/file", "some text").is_error());
        KTEST_EXPECT(!context.symlink("sub/file", "/tmp/tree/link").is_error());
        KTEST_EXPECT(!context.rename("/tmp/tree/sub/file", "/tmp/tree/moved").is_error());
        KTEST_EXPECT(!context.unlink("/tmp/tree/moved").is_error());
        KTEST_EXPECT(!context.unlink("/tmp/tree/link").is_error());
        KTEST_EXPECT(!context.rmdir("/tmp/tree/sub").is_error());
        KTEST_EXPECT(!context.rmdir("/tmp/tree").is_error());
    });
}

// The root ramfs may hold half of the RAM, as tmpfs by default (df shows that size): a
// file grows until the limit and no further (ENOSPC), and the kernel can still allocate
// memory and start a thread while the file system is full; removing the file gives it
// all back.
namespace {
fs::FileSystemStatistics root_statistics()
{
    fs::Vfs& vfs = fs::kernel_vfs();
    fs::VfsLocker locked(vfs);
    return vfs.root().inode().superblock().statistics();
}
} // namespace

KTEST(the_root_file_system_holds_half_of_the_ram)
{
    fs::Context& context = files();
    const uint64_t half_of_ram = mm::frame_statistics().total_frames / 2;
    fs::FileSystemStatistics before = root_statistics();
    KTEST_EXPECT(before.block_size == 4096);
    KTEST_EXPECT(before.total_blocks == half_of_ram);
    KTEST_EXPECT(before.free_blocks < half_of_ram && before.free_blocks > half_of_ram / 2);

    auto fd = context.open("/tmp/fill", WRITE_ONLY | CREATE | TRUNCATE);
    KTEST_EXPECT(!fd.is_error());
    static uint8_t page[4096];
    for (size_t i = 0; i < sizeof page; ++i)
        page[i] = static_cast<uint8_t>(i * 7);
    uint64_t written = 0;
    bool out_of_space = false;
    for (;;) {
        auto got = context.write(fd.value(), page);
        if (got.is_error()) {
            out_of_space = got.error().code() == kstd::Errno::NoSpace;
            break;
        }
        if (got.value() == 0)
            break;
        written += got.value();
    }
    KTEST_EXPECT(out_of_space);
    fs::FileSystemStatistics full = root_statistics();
    KTEST_EXPECT(full.total_blocks == half_of_ram);
    KTEST_EXPECT(full.free_blocks == 0);
    // Every free page went to the file: its data, and one radix node per 512 pages.
    uint64_t file_pages = written / 4096;
    KTEST_EXPECT(written % 4096 == 0);
    KTEST_EXPECT(file_pages + file_pages / 512 + 4 >= before.free_blocks && file_pages < before.free_blocks);
    KTEST_EXPECT(mm::frame_statistics().free_frames > 0);

    // The kernel works on: a big allocation, and a thread.
    void* block = mm::kmalloc(256 * 1024);
    KTEST_EXPECT(block != nullptr);
    mm::kfree(block);
    struct Probe {
        bool ran = false;
    } probe;
    auto thread = sched::spawn("fs-full-probe", [](void* argument) { static_cast<Probe*>(argument)->ran = true; },
                               &probe);
    KTEST_EXPECT(!thread.is_error());
    if (!thread.is_error())
        sched::join(thread.value());
    KTEST_EXPECT(probe.ran);

    KTEST_EXPECT(!context.close(fd.value()).is_error());
    KTEST_EXPECT(!context.unlink("/tmp/fill").is_error());
    KTEST_EXPECT(root_statistics().free_blocks == before.free_blocks);
}

// rm -rf and cp -r of a tree deeper than a path can name (2,100 levels: 4,207-byte paths),
// built with mkdirat and chdir: the shell's walk goes by directory descriptors, on the
// kernel stack in constant room, and leaves nothing behind.
KTEST(rm_rf_and_cp_r_work_below_the_path_length_limit)
{
    constexpr int LEVELS = 2100;
    fs::Context& context = files();
    shell::Shell shell(console::kernel_console());
    shell.use_files(context);
    // The two trees pass the dentry cache's limit of unused entries, which then drops the
    // oldest, of earlier tests too; a round starts and ends with none, to compare rounds.
    auto drop_unused_dentries = [] {
        fs::VfsLocker locked(fs::kernel_vfs());
        fs::kernel_vfs().dentries().prune(fs::DentryCache::ALL);
    };
    auto round = [&] {
        drop_unused_dentries();
        KTEST_EXPECT(!context.mkdir("/tmp/deep").is_error());
        KTEST_EXPECT(!context.chdir("/tmp/deep").is_error());
        for (int level = 1; level < LEVELS; ++level) {
            bool made = !context.mkdirat(fs::CURRENT_DIRECTORY, "d").is_error() && !context.chdir("d").is_error();
            KTEST_EXPECT(made);
            if (!made)
                break;
        }
        KTEST_EXPECT(!write_text(context, "leaf", "at the bottom").is_error());
        KTEST_EXPECT(!context.chdir("/").is_error());
        KTEST_EXPECT(shell.execute("cp -r /tmp/deep /tmp/copy") == 0);
        int levels = 0;
        for (bool in = !context.chdir("/tmp/copy").is_error(); in; in = !context.chdir("d").is_error())
            ++levels;
        KTEST_EXPECT(levels == LEVELS);
        auto leaf = context.stat("leaf");
        KTEST_EXPECT(!leaf.is_error() && leaf.value().size == 13);
        KTEST_EXPECT(!context.chdir("/").is_error());
        KTEST_EXPECT(shell.execute("rm -rf /tmp/deep /tmp/copy") == 0);
        KTEST_EXPECT(context.stat("/tmp/deep").is_error() && context.stat("/tmp/copy").is_error());
        KTEST_EXPECT(context.open_count() == 0);
        drop_unused_dentries();
    };
    // A first round outside the comparison: what earlier tests left to be freed later
    // (seen: 232 bytes, at times) goes during it.
    round();
    ktest_support::expect_no_trace(round);
}
