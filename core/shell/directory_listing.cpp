// Reading and sorting a directory (see directory_listing.hpp).
#include <kstd/sort.hpp>
#include <mm/heap/kmalloc.hpp>
#include <shell/directory_listing.hpp>
#include <shell/file_support.hpp>

namespace shell {

namespace {
constexpr size_t FIRST_CAPACITY = 16;

bool wanted(kstd::StringView name, DirectoryListing::Include include)
{
    using Include = DirectoryListing::Include;
    if (include == Include::All || !name.starts_with("."))
        return true;
    return include == Include::Hidden && name != "." && name != "..";
}

bool name_before(const DirectoryListing::Entry& a, const DirectoryListing::Entry& b)
{
    size_t common = a.length < b.length ? a.length : b.length;
    int order = __builtin_memcmp(a.name, b.name, common);
    return order < 0 || (order == 0 && a.length < b.length);
}
} // namespace

kstd::Result<DirectoryListing> DirectoryListing::read(fs::Context& files, kstd::StringView path,
                                                      Include include)
{
    Descriptor directory(files, TRY(files.open(path, fs::open_flags::READ_ONLY | fs::open_flags::DIRECTORY)));
    return read(files, directory.fd(), include);
}

kstd::Result<DirectoryListing> DirectoryListing::read(fs::Context& files, int fd, Include include)
{
    DirectoryListing listing;
    fs::DirectoryEntry entry;
    while (TRY(files.readdir(fd, entry))) {
        if (wanted(entry.name_view(), include))
            TRY(listing.add(entry));
    }
    kstd::sort(kstd::Span<Entry>(listing.m_entries, listing.m_count), name_before);
    listing.shrink();
    return listing;
}

// Gives back the room no entry took (kept if there is no memory to move them).
void DirectoryListing::shrink()
{
    if (m_count == m_capacity)
        return;
    auto* entries = m_count ? static_cast<Entry*>(mm::kmalloc(m_count * sizeof(Entry))) : nullptr;
    if (m_count && !entries)
        return;
    if (m_count)
        __builtin_memcpy(entries, m_entries, m_count * sizeof(Entry));
    mm::kfree(m_entries);
    m_entries = entries;
    m_capacity = m_count;
}

kstd::Result<void> DirectoryListing::add(const fs::DirectoryEntry& entry)
{
    if (m_count == m_capacity) {
        size_t capacity = m_capacity ? 2 * m_capacity : FIRST_CAPACITY;
        auto* entries = static_cast<Entry*>(mm::kmalloc(capacity * sizeof(Entry)));
        if (!entries)
            return kstd::Errno::OutOfMemory;
        if (m_count)
            __builtin_memcpy(entries, m_entries, m_count * sizeof(Entry));
        mm::kfree(m_entries);
        m_entries = entries;
        m_capacity = capacity;
    }
    kstd::StringView name = entry.name_view();
    auto* copy = static_cast<char*>(mm::kmalloc(name.size()));
    if (!copy)
        return kstd::Errno::OutOfMemory;
    __builtin_memcpy(copy, name.data(), name.size());
    m_entries[m_count++] = { copy, name.size(), entry.type };
    return {};
}

DirectoryListing::DirectoryListing(DirectoryListing&& other)
    : m_entries(other.m_entries), m_count(other.m_count), m_capacity(other.m_capacity)
{
    other.m_entries = nullptr;
    other.m_count = 0;
    other.m_capacity = 0;
}

DirectoryListing::~DirectoryListing()
{
    for (size_t index = 0; index < m_count; ++index)
        mm::kfree(m_entries[index].name);
    mm::kfree(m_entries);
}

} // namespace shell
