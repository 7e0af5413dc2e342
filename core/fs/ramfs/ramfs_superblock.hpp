// RamfsSuperblock: a ramfs mount's page accounting and its root directory.
//
// Every page a ramfs holds (file data and the radix-tree nodes that index it) is taken
// and given back here, so the page limit and df's figures cover all of it.
#pragma once
#include <fs/ramfs/ramfs.hpp>

namespace fs {

class RamfsDirectory;

class RamfsSuperblock final : public Superblock {
public:
    explicit RamfsSuperblock(const RamfsOptions& options);

    kstd::StringView type_name() const override { return "ramfs"; }
    uint64_t magic() const override { return 0x8584'58f6; } // RAMFS_MAGIC
    Inode& root() override;
    FileSystemStatistics statistics() const override;
    void destroy() override;

    // A zeroed page; ENOSPC when the limit is reached or the source has none.
    kstd::Result<void*> take_page();
    void give_page(void* page);

    void set_root(RamfsDirectory* root) { m_root = root; }

private:
    RamfsOptions m_options;
    RamfsDirectory* m_root = nullptr;
    uint64_t m_pages_held = 0;
};

RamfsSuperblock& ramfs_of(const Inode& inode);

} // namespace fs
