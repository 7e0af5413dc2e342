// PageStore: the pages of one ramfs file, indexed by a radix tree of page-sized nodes.
//
// Page number n of the file is found by taking n apart in 9-bit digits, one per level of
// the tree, like the x86 page tables: a node is one page of 512 pointers, and the tree
// grows a level at the top when a page beyond its reach is written. Missing subtrees are
// holes that read as zeros. Four levels reach 512^4 pages (256 TiB), the largest file
// (MAX_PAGES); pages and nodes come from the superblock, which counts them.
#pragma once
#include <fs/ramfs/ramfs_superblock.hpp>

namespace fs {

class PageStore {
public:
    static constexpr unsigned LEVEL_BITS = 9;
    static constexpr unsigned MAX_HEIGHT = 4;
    static constexpr uint64_t MAX_PAGES = uint64_t { 1 } << (LEVEL_BITS * MAX_HEIGHT);

    explicit PageStore(RamfsSuperblock& superblock) : m_superblock(superblock) {}
    ~PageStore() { release_from(0); }
    PageStore(const PageStore&) = delete;
    PageStore& operator=(const PageStore&) = delete;

    // The page, or nullptr for a hole.
    uint8_t* find(uint64_t index) const;
    // The page, made (zeroed) if it was a hole; ENOSPC when no page can be had.
    kstd::Result<uint8_t*> find_or_make(uint64_t index);
    // Gives back every page from `first` on, and the nodes left empty.
    void release_from(uint64_t first);
    // Data pages held.
    uint64_t data_pages() const { return m_data_pages; }

private:
    using Node = void*[uint64_t { 1 } << LEVEL_BITS];
    uint64_t reach() const { return uint64_t { 1 } << (LEVEL_BITS * m_height); }
    // Frees the part of the subtree `node` (at `level`, 1 = its slots are data pages, and
    // starting at page `base`) from page `first` on; true if the node is now empty.
    bool release_subtree(Node& node, unsigned level, uint64_t base, uint64_t first);

    RamfsSuperblock& m_superblock;
    Node* m_root = nullptr;
    unsigned m_height = 0;
    uint64_t m_data_pages = 0;
};

} // namespace fs
