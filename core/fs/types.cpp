// Conversions between file types, mode bits and their names.
#include <fs/types.hpp>
#include <kstd/format.hpp>

namespace fs {

FileType file_type_of(Mode bits)
{
    switch (bits & mode::TYPE_MASK) {
    case mode::DIRECTORY:
        return FileType::Directory;
    case mode::SYMLINK:
        return FileType::Symlink;
    case mode::CHAR_DEVICE:
        return FileType::CharDevice;
    case mode::FIFO:
        return FileType::Fifo;
    default:
        return FileType::Regular;
    }
}

kstd::StringView file_type_name(FileType type)
{
    switch (type) {
    case FileType::Directory:
        return "directory";
    case FileType::Symlink:
        return "symbolic link";
    case FileType::CharDevice:
        return "character special file";
    case FileType::Fifo:
        return "fifo";
    case FileType::Regular:
        break;
    }
    return "regular file";
}

void DirectoryEntry::set(uint64_t inode_number, FileType file_type, kstd::StringView entry_name)
{
    inode = inode_number;
    type = file_type;
    name_length = 0;
    kstd::append_truncated(name, sizeof name, name_length, entry_name);
}

} // namespace fs
