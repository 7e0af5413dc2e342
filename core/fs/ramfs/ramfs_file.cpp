// RamfsFile: reading, writing and truncating a file held in pages; RamfsSymlink.
#include <fs/ramfs/ramfs_file.hpp>
#include <mm/frames.hpp>
#include <mm/heap/kmalloc.hpp>

namespace fs {

using kstd::Errno;
using kstd::Result;

namespace {
constexpr uint64_t MAX_FILE_SIZE = PageStore::MAX_PAGES * mm::PAGE_SIZE;

// How many of `left` bytes starting at file offset `at` lie in at's page.
size_t chunk_in_page(uint64_t at, size_t left)
{
    size_t to_page_end = mm::PAGE_SIZE - at % mm::PAGE_SIZE;
    return to_page_end < left ? to_page_end : left;
}
} // namespace

RamfsFile::RamfsFile(RamfsSuperblock& superblock, Mode permissions)
    : Inode(superblock, superblock.allocate_inode_number(), mode::REGULAR | (permissions & mode::PERMISSION_MASK)),
      m_pages(superblock)
{
}

Stat RamfsFile::stat() const
{
    Stat result = Inode::stat();
    result.blocks = m_pages.data_pages() * (mm::PAGE_SIZE / 512);
    return result;
}

Result<size_t> RamfsFile::read(uint64_t offset, kstd::Span<uint8_t> buffer)
{
    touch_accessed(); // also at the end of the file, as Linux does
    if (offset >= m_size)
        return size_t { 0 };
    size_t count = buffer.size() < m_size - offset ? buffer.size() : m_size - offset;
    for (size_t done = 0; done < count;) {
        uint64_t at = offset + done;
        size_t in_page = at % mm::PAGE_SIZE;
        size_t chunk = chunk_in_page(at, count - done);
        const uint8_t* page = m_pages.find(at / mm::PAGE_SIZE);
        if (page)
            __builtin_memcpy(buffer.data() + done, page + in_page, chunk);
        else
            __builtin_memset(buffer.data() + done, 0, chunk);
        done += chunk;
    }
    return count;
}

Result<size_t> RamfsFile::write(uint64_t offset, kstd::Span<const uint8_t> data)
{
    if (data.empty())
        return size_t { 0 };
    if (offset >= MAX_FILE_SIZE)
        return Errno::FileTooLarge;
    size_t count = data.size() < MAX_FILE_SIZE - offset ? data.size() : MAX_FILE_SIZE - offset;
    size_t done = 0;
    while (done < count) {
        uint64_t at = offset + done;
        size_t in_page = at % mm::PAGE_SIZE;
        size_t chunk = chunk_in_page(at, count - done);
        auto page = m_pages.find_or_make(at / mm::PAGE_SIZE);
        if (page.is_error()) {
            if (done == 0)
                return page.release_error();
            break; // a short write, as POSIX has it when the disk fills up
        }
        __builtin_memcpy(page.value() + in_page, data.data() + done, chunk);
        done += chunk;
    }
    if (offset + done > m_size)
        m_size = offset + done;
    touch_modified();
    return done;
}

Result<void> RamfsFile::truncate(uint64_t size)
{
    if (size > MAX_FILE_SIZE)
        return Errno::FileTooLarge;
    if (size < m_size) {
        // Pages wholly past the end go; the tail of the last one is zeroed, so that
        // growing the file again reads zeros there.
        m_pages.release_from((size + mm::PAGE_SIZE - 1) / mm::PAGE_SIZE);
        if (size % mm::PAGE_SIZE) {
            if (uint8_t* last = m_pages.find(size / mm::PAGE_SIZE))
                __builtin_memset(last + size % mm::PAGE_SIZE, 0, mm::PAGE_SIZE - size % mm::PAGE_SIZE);
        }
    }
    m_size = size;
    touch_modified();
    return {};
}

RamfsSymlink* RamfsSymlink::make(RamfsSuperblock& superblock, kstd::StringView target)
{
    char* copy = static_cast<char*>(mm::kmalloc(target.size()));
    if (!copy)
        return nullptr;
    __builtin_memcpy(copy, target.data(), target.size());
    RamfsSymlink* link = mm::make<RamfsSymlink>(superblock, copy, target.size());
    if (!link)
        mm::kfree(copy);
    return link;
}

RamfsSymlink::RamfsSymlink(RamfsSuperblock& superblock, char* target, size_t length)
    : Inode(superblock, superblock.allocate_inode_number(), mode::SYMLINK | 0777), m_target(target)
{
    m_size = length;
}

RamfsSymlink::~RamfsSymlink()
{
    mm::kfree(m_target);
}

Result<size_t> RamfsSymlink::read_link(kstd::Span<char> buffer)
{
    size_t count = buffer.size() < m_size ? buffer.size() : m_size;
    __builtin_memcpy(buffer.data(), m_target, count);
    touch_accessed();
    return count;
}

} // namespace fs
