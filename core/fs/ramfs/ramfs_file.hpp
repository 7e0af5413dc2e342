// RamfsFile and RamfsSymlink: a ramfs file's bytes in pages, and a link's target.
#pragma once
#include <fs/ramfs/page_store.hpp>

namespace fs {

class RamfsFile final : public Inode {
public:
    RamfsFile(RamfsSuperblock& superblock, Mode permissions);

    kstd::Result<size_t> read(uint64_t offset, kstd::Span<uint8_t> buffer) override;
    kstd::Result<size_t> write(uint64_t offset, kstd::Span<const uint8_t> data) override;
    kstd::Result<void> truncate(uint64_t size) override;
    Stat stat() const override;

private:
    PageStore m_pages;
};

class RamfsSymlink final : public Inode {
public:
    // A link to a copy of `target`; nullptr when out of memory.
    static RamfsSymlink* make(RamfsSuperblock& superblock, kstd::StringView target);
    // Takes ownership of `target`, a kmalloc'd copy of `length` bytes.
    RamfsSymlink(RamfsSuperblock& superblock, char* target, size_t length);
    ~RamfsSymlink() override;

    kstd::Result<size_t> read_link(kstd::Span<char> buffer) override;

private:
    char* m_target;
};

} // namespace fs
