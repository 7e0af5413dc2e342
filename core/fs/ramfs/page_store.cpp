// PageStore: walking, growing and pruning the radix tree of a ramfs file's pages.
#include <fs/ramfs/page_store.hpp>

namespace fs {

namespace {
constexpr uint64_t SLOTS = uint64_t { 1 } << PageStore::LEVEL_BITS;

unsigned slot_at(uint64_t index, unsigned level)
{
    return (index >> (PageStore::LEVEL_BITS * (level - 1))) & (SLOTS - 1);
}
} // namespace

uint8_t* PageStore::find(uint64_t index) const
{
    if (!m_root || index >= reach())
        return nullptr;
    void* at = m_root;
    for (unsigned level = m_height; level >= 1 && at; --level)
        at = (*static_cast<Node*>(at))[slot_at(index, level)];
    return static_cast<uint8_t*>(at);
}

kstd::Result<uint8_t*> PageStore::find_or_make(uint64_t index)
{
    if (index >= MAX_PAGES)
        return kstd::Errno::FileTooLarge;
    while (!m_root || index >= reach()) {
        // Grow a level on top: the old root becomes slot 0 of the new one.
        auto* top = static_cast<Node*>(TRY(m_superblock.take_page()));
        (*top)[0] = m_root;
        m_root = top;
        ++m_height;
    }
    Node* node = m_root;
    for (unsigned level = m_height; level > 1; --level) {
        void*& slot = (*node)[slot_at(index, level)];
        if (!slot)
            slot = TRY(m_superblock.take_page());
        node = static_cast<Node*>(slot);
    }
    void*& page = (*node)[slot_at(index, 1)];
    if (!page) {
        page = TRY(m_superblock.take_page());
        ++m_data_pages;
    }
    return static_cast<uint8_t*>(page);
}

bool PageStore::release_subtree(Node& node, unsigned level, uint64_t base, uint64_t first)
{
    uint64_t span = uint64_t { 1 } << (LEVEL_BITS * (level - 1)); // pages under one slot
    bool empty = true;
    for (uint64_t slot = 0; slot < SLOTS; ++slot) {
        void*& child = node[slot];
        uint64_t child_base = base + slot * span;
        if (!child)
            continue;
        if (child_base + span <= first) {
            empty = false;
            continue;
        }
        if (level == 1) {
            m_superblock.give_page(child);
            --m_data_pages;
            child = nullptr;
        } else if (release_subtree(*static_cast<Node*>(child), level - 1, child_base, first)) {
            m_superblock.give_page(child);
            child = nullptr;
        } else {
            empty = false;
        }
    }
    return empty;
}

void PageStore::release_from(uint64_t first)
{
    if (!m_root)
        return;
    if (release_subtree(*m_root, m_height, 0, first)) {
        m_superblock.give_page(m_root);
        m_root = nullptr;
        m_height = 0;
    }
}

} // namespace fs
