// The kernel's Vfs: the boot-time mounts, the initramfs, and one Context per thread.
//
// The root ramfs may hold half of the RAM, like tmpfs by default; `rootsize=SIZE` on the
// kernel command line (as ramfs's size=: 64m, 25%, 0 for no limit) sets another limit.
#include <cmdline/cmdline.hpp>
#include <fs/devfs/devfs.hpp>
#include <fs/initramfs/unpack.hpp>
#include <fs/kernel_fs.hpp>
#include <fs/procfs/procfs.hpp>
#include <fs/ramfs/ramfs.hpp>
#include <hal/boot.hpp>
#include <kstd/panic.hpp>
#include <kstd/verify.hpp>
#include <log/log.hpp>
#include <mm/heap/kmalloc.hpp>
#include <mm/mm.hpp>
#include <sched/scheduler.hpp>
#include <sched/thread.hpp>
#include <sync/interrupt_guard.hpp>

#include <new>

namespace fs {

namespace {

alignas(Vfs) unsigned char g_vfs_storage[sizeof(Vfs)];
Vfs* g_vfs = nullptr;

// Contexts of ended threads, closed by the next thread that asks for its own (closing
// takes the VFS lock, which the scheduler freeing a thread must not wait for).
kstd::IntrusiveList<Context, &Context::ended_node> g_ended_contexts;

// Lets go of the thread's context: its own goes to the list that current() empties; one
// it was lent (set_thread_context) stays with its owner. Also the scheduler's thread
// release hook (registered by init).
void release_thread_context(sched::Thread& thread)
{
    ksync::InterruptGuard guard;
    if (thread.files && thread.owns_files)
        g_ended_contexts.push_back(*thread.files);
    thread.files = nullptr;
    thread.owns_files = false;
}

uint64_t free_kernel_pages()
{
    return mm::frame_statistics().free_frames;
}

kstd::Result<Superblock*> mount_ramfs(kstd::StringView, kstd::StringView text)
{
    RamfsOptions options;
    options.pages = &mm::kernel_pages();
    options.free_pages = free_kernel_pages;
    TRY(parse_ramfs_options(text, mm::frame_statistics().total_frames, options));
    return make_ramfs(options);
}

kstd::Result<Superblock*> mount_root_ramfs()
{
    kstd::StringView size = cmdline::option("rootsize");
    if (!size.empty()) {
        kstd::FixedString<64> text;
        kstd::format_to(text, "size={}", size);
        auto root = mount_ramfs("rootfs", text.view());
        if (!root.is_error() || root.error().code() != kstd::Errno::InvalidArgument)
            return root;
        klog::error("rootsize={}: {}; the root file system holds half of the RAM", size, root.error().detail());
    }
    return mount_ramfs("rootfs", {});
}

constexpr FileSystemType FILE_SYSTEM_TYPES[] = {
    { "ramfs", mount_ramfs },
    { "proc", mount_procfs },
    { "devfs", mount_devfs },
};

void unpack_boot_initramfs(Context& context)
{
    hal::BootImage image = hal::boot_initrd();
    if (!image.data) {
        klog::warn("fs: no initramfs; the root file system starts empty");
        return;
    }
    auto unpacked = unpack_initramfs(context, { static_cast<const uint8_t*>(image.data), image.size });
    if (unpacked.is_error()) {
        klog::error("fs: the initramfs is broken ({}: {}); unpacked what came before", unpacked.error().description(),
            unpacked.error().detail());
        return;
    }
    const UnpackSummary& summary = unpacked.value();
    // Short enough for one screen line after the log's time stamp.
    klog::info("fs: initramfs: {} files ({} bytes), {} dirs, {} links", summary.files, summary.bytes,
        summary.directories, summary.symlinks);
    if (summary.skipped)
        klog::warn("fs: initramfs: {} entries skipped", summary.skipped);
}

void mount_at_boot(Context& context, kstd::StringView type, kstd::StringView source, kstd::StringView directory)
{
    auto made = context.mkdir(directory, 0755);
    if (made.is_error() && made.error().code() != kstd::Errno::AlreadyExists)
        klog::error("fs: cannot create {}: {}", directory, made.error().description());
    auto mounted = context.mount(type, source, directory);
    if (mounted.is_error())
        klog::error("fs: cannot mount {} on {}: {}", type, directory, mounted.error().description());
}

void release_ended_contexts()
{
    for (;;) {
        Context* ended;
        {
            ksync::InterruptGuard guard;
            ended = g_ended_contexts.pop_front();
        }
        if (!ended)
            return;
        mm::destroy(ended);
    }
}

} // namespace

void init()
{
    VERIFY(!g_vfs);
    for (const FileSystemType& type : FILE_SYSTEM_TYPES)
        VERIFY(!register_file_system_type(type).is_error());
    g_vfs = new (g_vfs_storage) Vfs;
    sched::set_thread_release_hook(release_thread_context);
    auto root = mount_root_ramfs();
    if (root.is_error() || g_vfs->mount_root(root.value(), "rootfs").is_error())
        PANIC("fs: no memory for the root file system");
    auto context = current();
    if (context.is_error())
        PANIC("fs: no memory for the boot thread's file system context");
    unpack_boot_initramfs(*context.value());
    mount_at_boot(*context.value(), "proc", "proc", "/proc");
    mount_at_boot(*context.value(), "devfs", "devfs", "/dev");
}

bool is_initialized()
{
    return g_vfs != nullptr;
}

Vfs& kernel_vfs()
{
    VERIFY(g_vfs);
    return *g_vfs;
}

kstd::Result<Context*> current()
{
    release_ended_contexts();
    sched::Thread& thread = sched::current();
    if (!thread.files) {
        thread.files = mm::make<Context>(kernel_vfs());
        if (!thread.files)
            return kstd::Errno::OutOfMemory;
        thread.owns_files = true;
    }
    return thread.files;
}

void set_thread_context(sched::Thread& thread, Context* context)
{
    release_thread_context(thread);
    release_ended_contexts();
    thread.files = context;
}

} // namespace fs
