// Context: reading directories, one entry at a time (readdir, for the kernel's own users)
// or as Linux's getdents64 records (for the system call).
//
// A directory's position counts "." as 0 and ".." as 1; the file system's own positions
// follow, shifted by 2. A getdents64 record is struct linux_dirent64: d_ino (8 bytes),
// d_off (8, the position after the entry), d_reclen (2), d_type (1, DT_*: the file type
// bits of st_mode shifted down by 12), then d_name with its NUL, the whole record padded
// with zeros to a multiple of 8.
#include <fs/context.hpp>
#include <kstd/align.hpp>

namespace fs {

using kstd::Errno;
using kstd::Result;

namespace {
constexpr uint64_t FIRST_OWN_POSITION = 2;
constexpr size_t DIRENT64_NAME_OFFSET = 19;

uint8_t dirent_type(FileType type)
{
    switch (type) {
    case FileType::Fifo:
        return mode::FIFO >> 12;
    case FileType::CharDevice:
        return mode::CHAR_DEVICE >> 12;
    case FileType::Directory:
        return mode::DIRECTORY >> 12;
    case FileType::Symlink:
        return mode::SYMLINK >> 12;
    case FileType::Regular:
        break;
    }
    return mode::REGULAR >> 12;
}

// Writes the record of `entry` at `out`, `length` bytes long.
void write_dirent64(uint8_t* out, size_t length, const DirectoryEntry& entry, uint64_t next_position)
{
    __builtin_memset(out, 0, length);
    uint16_t record_length = static_cast<uint16_t>(length);
    uint8_t type = dirent_type(entry.type);
    __builtin_memcpy(out, &entry.inode, 8);
    __builtin_memcpy(out + 8, &next_position, 8);
    __builtin_memcpy(out + 16, &record_length, 2);
    __builtin_memcpy(out + 18, &type, 1);
    __builtin_memcpy(out + DIRENT64_NAME_OFFSET, entry.name, entry.name_length);
}
} // namespace

Result<bool> Context::read_entry(OpenFile& file, uint64_t& position, DirectoryEntry& entry)
{
    Dentry& directory = file.dentry();
    if (!directory.inode().is_directory())
        return Errno::NotADirectory;
    if (position == 0) {
        entry.set(directory.inode().number(), FileType::Directory, ".");
        position = 1;
        return true;
    }
    if (position == 1) {
        Dentry& parent = &directory == m_root ? directory : *m_vfs.parent_of(directory);
        entry.set(parent.inode().number(), FileType::Directory, "..");
        position = FIRST_OWN_POSITION;
        return true;
    }
    uint64_t own = position - FIRST_OWN_POSITION;
    bool more = TRY(directory.inode().read_directory(own, entry));
    position = own + FIRST_OWN_POSITION;
    return more;
}

Result<bool> Context::readdir(int fd, DirectoryEntry& entry)
{
    VfsLocker locked(m_vfs);
    OpenFile* open_file = TRY(file(fd));
    return read_entry(*open_file, open_file->offset, entry);
}

Result<size_t> Context::getdents64(int fd, kstd::Span<uint8_t> buffer)
{
    VfsLocker locked(m_vfs);
    OpenFile* open_file = TRY(file(fd));
    if (!open_file->inode().is_directory())
        return Errno::NotADirectory;
    DirectoryEntry entry;
    size_t filled = 0;
    for (;;) {
        // The entry is read at a copy of the position, kept only if the record fits.
        uint64_t position = open_file->offset;
        auto more = read_entry(*open_file, position, entry);
        if (more.is_error() && filled == 0)
            return more.release_error();
        if (more.is_error() || !more.value())
            return filled;
        size_t length = kstd::align_up(DIRENT64_NAME_OFFSET + entry.name_length + 1, 8);
        if (length > buffer.size() - filled)
            return filled > 0 ? Result<size_t>(filled) : Result<size_t>(Errno::InvalidArgument);
        write_dirent64(buffer.data() + filled, length, entry, position);
        filled += length;
        open_file->offset = position;
    }
}

} // namespace fs
