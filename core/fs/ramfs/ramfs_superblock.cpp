// RamfsSuperblock: pages in and out, df's figures, and building a new ramfs.
#include <fs/ramfs/ramfs_directory.hpp>
#include <fs/ramfs/ramfs_superblock.hpp>
#include <mm/frames.hpp>
#include <mm/heap/kmalloc.hpp>

namespace fs {

RamfsSuperblock::RamfsSuperblock(const RamfsOptions& options)
    : Superblock(allocate_device_number()), m_options(options)
{
}

Inode& RamfsSuperblock::root()
{
    m_root->get();
    return *m_root;
}

kstd::Result<void*> RamfsSuperblock::take_page()
{
    if (m_options.page_limit && m_pages_held >= m_options.page_limit)
        return kstd::Errno::NoSpace;
    auto page = m_options.pages->allocate_pages(0);
    if (page.is_error())
        return kstd::Errno::NoSpace;
    __builtin_memset(page.value(), 0, mm::PAGE_SIZE);
    ++m_pages_held;
    return page.value();
}

void RamfsSuperblock::give_page(void* page)
{
    m_options.pages->free_pages(page, 0);
    --m_pages_held;
}

FileSystemStatistics RamfsSuperblock::statistics() const
{
    FileSystemStatistics figures;
    figures.block_size = mm::PAGE_SIZE;
    uint64_t available = m_options.free_pages ? m_options.free_pages() : 0;
    if (m_options.page_limit)
        available = m_options.page_limit - m_pages_held;
    figures.free_blocks = available;
    figures.total_blocks = m_pages_held + available;
    figures.files = live_inodes();
    return figures;
}

void RamfsSuperblock::destroy()
{
    // The whole tree hangs off the root: releasing it frees every inode and page.
    if (m_root)
        m_root->put();
    mm::destroy(this);
}

RamfsSuperblock& ramfs_of(const Inode& inode)
{
    return static_cast<RamfsSuperblock&>(inode.superblock());
}

kstd::Result<Superblock*> make_ramfs(const RamfsOptions& options)
{
    if (!options.pages)
        return kstd::Errno::InvalidArgument;
    RamfsSuperblock* superblock = mm::make<RamfsSuperblock>(options);
    if (!superblock)
        return kstd::Errno::OutOfMemory;
    RamfsDirectory* root = mm::make<RamfsDirectory>(*superblock, 0755);
    if (!root) {
        mm::destroy(superblock);
        return kstd::Errno::OutOfMemory;
    }
    superblock->set_root(root);
    return superblock;
}

} // namespace fs
