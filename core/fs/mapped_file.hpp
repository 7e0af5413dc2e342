// A file mapped into a process (mmap of a descriptor): the pages of a MAP_PRIVATE file
// mapping come from here on first touch (mm::FileBacking, which mm defines because it sits
// below fs).
//
// It holds a reference to the open file description, so the file stays as long as a
// mapping of it does, even after it was closed or unlinked, as Linux's vm_file does; each region using it holds one
// count (retain/release) and the last release frees it. Pages are read through the inode,
// under the VFS lock like any read. /proc/<pid>/maps names it by its path.
#pragma once
#include <fs/context.hpp>
#include <mm/user_memory.hpp>

namespace fs {

class MappedFile final : public mm::FileBacking {
public:
    // The file open at `fd` of `files`: EBADF, EACCES unless it was opened for reading (and
    // for writing too, for a writable shared mapping), ENODEV unless it is a regular file
    // (Keel maps nothing else yet). The caller holds the first count.
    static kstd::Result<MappedFile*> create(Context& files, int fd, bool for_shared_writing = false);
    // For create() (through mm::make).
    MappedFile(Vfs& vfs, OpenFile& file);

    // EFAULT for a page wholly past the end of the file (the program gets SIGBUS, as on
    // Linux); else the file's bytes, zero past its end.
    kstd::Result<void> read_page(uint64_t offset, void* page) override;
    void retain() override;
    void release() override;
    void describe(uint64_t& device, uint64_t& inode, kstd::StringView& path) const override;

private:
    Vfs& m_vfs;
    OpenFile& m_file;
    uint32_t m_count = 1;
    char m_path[PATH_LENGTH_MAX] = {};
    size_t m_path_length = 0;
};

} // namespace fs
