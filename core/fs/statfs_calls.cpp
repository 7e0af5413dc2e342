// Context: statfs and fstatfs, and what procfs shows of a descriptor
// (/proc/<pid>/fd/<fd>), see context.hpp.
#include <fs/context.hpp>
#include <fs/superblock.hpp>

namespace fs {

using kstd::Errno;
using kstd::Result;
using kstd::StringView;

namespace {
FileSystemStatistics statistics_of(const Inode& inode)
{
    FileSystemStatistics figures = inode.superblock().statistics();
    figures.magic = inode.superblock().magic();
    figures.read_only = inode.superblock().is_read_only();
    return figures;
}
} // namespace

Result<FileSystemStatistics> Context::statfs(StringView path)
{
    VfsLocker locked(m_vfs);
    return statistics_of(TRY(resolve_existing(CURRENT_DIRECTORY, path, FollowLast::Yes))->inode());
}

Result<FileSystemStatistics> Context::fstatfs(int fd)
{
    VfsLocker locked(m_vfs);
    return statistics_of(TRY(file(fd))->inode());
}

Result<void> Context::describe_descriptor(int fd, kstd::Writer& out) const
{
    OpenFile* open_file = TRY(file(fd));
    const Inode& inode = open_file->inode();
    // Linux names a file on no mount by its file system and inode: "pipe:[12345]".
    if (inode.superblock().type_name() == "pipefs") {
        kstd::format_to(out, "pipe:[{}]", inode.number());
        return {};
    }
    return write_path(m_vfs.root(), open_file->dentry(), out);
}

kstd::Optional<Context::DescriptorMode> Context::next_descriptor(int fd) const
{
    for (int at = fd < 0 ? 0 : fd; at < OPEN_MAX; ++at) {
        if (m_descriptors[at].file)
            return DescriptorMode { at, m_descriptors[at].file->flags & open_flags::ACCESS_MODE };
    }
    return {};
}

} // namespace fs
