// procfs: the files about the whole system: their table, and the texts of meminfo,
// mounts and interrupts (formats in procfs.hpp; the CPU's and the kernel's files are in
// proc_statistics_files.cpp and proc_cpuinfo.cpp).
#include <fs/context.hpp>
#include <fs/procfs/procfs_inodes.hpp>
#include <hal/irq.hpp>
#include <hal/timer.hpp>
#include <mm/heap/kmalloc.hpp>
#include <mm/mm.hpp>
#include <sync/interrupt_guard.hpp>

namespace fs {

using kstd::Result;
using kstd::StringView;
using kstd::Writer;

namespace {

uint64_t kib_of_frames(uint64_t frames)
{
    return frames * mm::PAGE_SIZE / 1024;
}

// Linux's "%-16s%8lu kB" lines; Keel's own figures follow Linux's, the frame counts
// without a unit like Linux's HugePages_ counts.
Result<void> generate_meminfo(Vfs&, Writer& out)
{
    mm::FrameStatistics frames = mm::frame_statistics();
    mm::HeapStatistics heap;
    {
        // A consistent snapshot: an interrupt handler may allocate meanwhile.
        ksync::InterruptGuard guard;
        heap = mm::kernel_heap().statistics();
    }
    auto line = [&](StringView key, uint64_t value, StringView unit) {
        kstd::format_to(out, "{:<16}{:>8}{}\n", key, value, unit);
    };
    // Linux's first lines, the ones free and top read: every free frame is available,
    // and Keel has no buffer cache, page cache or swap.
    line("MemTotal:", kib_of_frames(frames.total_frames), " kB");
    line("MemFree:", kib_of_frames(frames.free_frames), " kB");
    line("MemAvailable:", kib_of_frames(frames.free_frames), " kB");
    line("Buffers:", 0, " kB");
    line("Cached:", 0, " kB");
    line("SwapTotal:", 0, " kB");
    line("SwapFree:", 0, " kB");
    line("MemReserved:", kib_of_frames(frames.reserved_frames), " kB");
    line("HeapInUse:", heap.bytes_in_use / 1024, " kB");
    line("HeapPeak:", heap.peak_bytes_in_use / 1024, " kB");
    line("HeapHeld:", kib_of_frames(heap.pages_held), " kB");
    line("FramesTotal:", frames.total_frames, "");
    line("FramesFree:", frames.free_frames, "");
    return {};
}

// Passes text on with blanks, newlines and backslashes as octal escapes ("\040"), as
// Linux writes the fields of /proc/mounts so that they split at blanks.
class MountFieldWriter final : public Writer {
public:
    explicit MountFieldWriter(Writer& out) : m_out(out) {}

    void write(StringView text) override
    {
        size_t plain_start = 0;
        for (size_t index = 0; index < text.size(); ++index) {
            char c = text[index];
            if (c != ' ' && c != '\t' && c != '\n' && c != '\\')
                continue;
            m_out.write(text.substring(plain_start, index - plain_start));
            kstd::format_to(m_out, "\\{:03o}", static_cast<unsigned>(c));
            plain_start = index + 1;
        }
        m_out.write(text.substring(plain_start));
    }

private:
    Writer& m_out;
};

// The caller of read() holds the lock of the Vfs, which keeps the mounts still.
Result<void> generate_mounts(Vfs& vfs, Writer& out)
{
    MountFieldWriter field(out);
    for (const Mount& mount : vfs.mounts()) {
        field.write(mount.source.view().empty() ? StringView("none") : mount.source.view());
        out.write(" ");
        TRY(write_path(vfs.root(), *mount.root, field));
        out.write(" ");
        field.write(mount.superblock->type_name());
        out.write(mount.superblock->is_read_only() ? " ro 0 0\n" : " rw 0 0\n");
    }
    return {};
}

// Linux's layout for one CPU: the lines that have a device, with their handler calls.
Result<void> generate_interrupts(Vfs&, Writer& out)
{
    kstd::format_to(out, "{:>3}  {:>10}\n", "", "CPU0");
    for (unsigned line = 0; line < hal::IRQ_LINES; ++line) {
        if (const char* device = hal::irq_line_name(line))
            kstd::format_to(out, "{:>3}: {:>10}  {}\n", line, hal::irq_count(line), device);
    }
    return {};
}

struct SystemFileType {
    StringView name;
    Result<void> (*generate)(Vfs& vfs, Writer& out);
};

constexpr SystemFileType SYSTEM_FILES[] = {
    { "meminfo", generate_meminfo },
    { "uptime", generate_uptime },
    { "mounts", generate_mounts },
    { "interrupts", generate_interrupts },
    { "loadavg", generate_loadavg },
    { "stat", generate_stat },
    { "version", generate_version },
    { "cpuinfo", generate_cpuinfo },
    { "filesystems", generate_filesystems },
};
static_assert(sizeof SYSTEM_FILES / sizeof SYSTEM_FILES[0] == PROC_SYSTEM_FILE_COUNT);

class ProcSystemFile final : public ProcGeneratedFile {
public:
    ProcSystemFile(ProcfsSuperblock& superblock, size_t index)
        : ProcGeneratedFile(superblock, proc_inode::FIRST_SYSTEM_FILE + index), m_type(SYSTEM_FILES[index])
    {
    }

protected:
    Result<void> generate(Writer& out) const override { return m_type.generate(procfs_of(*this).vfs(), out); }

private:
    const SystemFileType& m_type;
};

} // namespace

StringView proc_system_file_name(size_t index)
{
    return SYSTEM_FILES[index].name;
}

Result<Inode*> make_proc_system_file(ProcfsSuperblock& superblock, StringView name)
{
    for (size_t index = 0; index < PROC_SYSTEM_FILE_COUNT; ++index) {
        if (SYSTEM_FILES[index].name != name)
            continue;
        Inode* file = mm::make<ProcSystemFile>(superblock, index);
        if (!file)
            return kstd::Errno::OutOfMemory;
        return file;
    }
    return kstd::Errno::NoSuchEntry;
}

} // namespace fs
