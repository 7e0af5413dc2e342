// Superblock defaults, the table of file system types and device numbers.
#include <fs/superblock.hpp>
#include <kstd/fixed_vector.hpp>
#include <mm/frames.hpp>
#include <mm/heap/kmalloc.hpp>

namespace fs {

namespace {
constexpr size_t FILE_SYSTEM_TYPES_MAX = 8;
kstd::FixedVector<FileSystemType, FILE_SYSTEM_TYPES_MAX> g_types;
uint64_t g_next_device = 1;
} // namespace

Superblock::Superblock(uint64_t device) : m_device(device) {}

void Superblock::release(Inode& inode)
{
    mm::destroy(&inode);
}

FileSystemStatistics Superblock::statistics() const
{
    FileSystemStatistics figures;
    figures.block_size = mm::PAGE_SIZE;
    figures.files = m_live_inodes;
    return figures;
}

void Superblock::destroy()
{
    mm::destroy(this);
}

kstd::Result<void> refuse_if_read_only(const Inode& inode)
{
    if (inode.superblock().is_read_only())
        return kstd::Errno::ReadOnlyFileSystem;
    return {};
}

kstd::Result<void> refuse_mount_options(kstd::StringView options)
{
    return for_each_mount_option(options, [](kstd::StringView) -> kstd::Result<void> {
        return kstd::Error::with_detail(kstd::Errno::InvalidArgument, "unknown option");
    });
}

kstd::Result<void> register_file_system_type(const FileSystemType& type)
{
    if (find_file_system_type(type.name))
        return kstd::Errno::AlreadyExists;
    if (!g_types.try_append(type))
        return kstd::Errno::NoSpace;
    return {};
}

const FileSystemType* find_file_system_type(kstd::StringView name)
{
    for (const FileSystemType& type : g_types) {
        if (type.name == name)
            return &type;
    }
    return nullptr;
}

kstd::Span<const FileSystemType> file_system_types()
{
    return { g_types.begin(), g_types.size() };
}

uint64_t allocate_device_number()
{
    return __atomic_fetch_add(&g_next_device, 1, __ATOMIC_RELAXED);
}

} // namespace fs
