// Page tags: owner keys for large blocks, and tagging a run of pages.
#include <mm/frames.hpp>
#include <mm/heap/page_tag.hpp>

namespace mm {

namespace {
uint16_t last_large_block_owner_key = 0;
} // namespace

uint16_t new_large_block_owner_key()
{
    if (++last_large_block_owner_key == 0)
        last_large_block_owner_key = 1;
    return last_large_block_owner_key;
}

void tag_pages(PageSource& source, void* block, size_t pages, uintptr_t tag)
{
    for (size_t index = 0; index < pages; ++index)
        source.set_page_tag(static_cast<char*>(block) + index * PAGE_SIZE, tag);
}

} // namespace mm
