// The depth-first walk below a directory, by directory descriptors (see directory_walk.hpp).
#include <mm/heap/kmalloc.hpp>
#include <shell/directory_walk.hpp>
#include <shell/file_support.hpp>
#include <shell/interruption.hpp>

namespace shell {

using kstd::Errno;
using kstd::Result;
using kstd::StringView;
using namespace fs::open_flags;

Result<DirectoryWalk> DirectoryWalk::start(fs::Context& files, int directory_fd, StringView path,
                                           DirectoryListing::Include include, bool follow)
{
    DirectoryWalk walk(files, directory_fd, include);
    TRY(walk.append_to_path(path));
    TRY(walk.enter(directory_fd, path, follow ? 0 : NO_FOLLOW));
    return walk;
}

DirectoryWalk::DirectoryWalk(DirectoryWalk&& other)
    : m_files(other.m_files), m_start_fd(other.m_start_fd), m_include(other.m_include),
      m_levels(other.m_levels), m_depth(other.m_depth), m_capacity(other.m_capacity), m_fd(other.m_fd), m_held_fd(other.m_held_fd),
      m_step_fd(other.m_step_fd), m_path(other.m_path), m_path_length(other.m_path_length),
      m_path_capacity(other.m_path_capacity)
{
    other.m_levels = nullptr;
    other.m_depth = other.m_capacity = 0;
    other.m_fd = other.m_held_fd = -1;
    other.m_path = nullptr;
    other.m_path_length = other.m_path_capacity = 0;
}

DirectoryWalk::~DirectoryWalk()
{
    close_held();
    if (m_fd >= 0)
        (void)m_files.close(m_fd);
    while (m_depth > 0)
        mm::destroy(m_levels[--m_depth]);
    mm::kfree(m_levels);
    mm::kfree(m_path);
}

void DirectoryWalk::close_held()
{
    if (m_held_fd >= 0)
        (void)m_files.close(m_held_fd);
    m_held_fd = -1;
}

Result<void> DirectoryWalk::append_to_path(StringView name)
{
    bool separate = m_path_length > 0 && m_path[m_path_length - 1] != '/';
    size_t length = m_path_length + separate + name.size();
    if (length > m_path_capacity) {
        size_t capacity = m_path_capacity ? m_path_capacity : 64;
        while (capacity < length)
            capacity *= 2;
        auto* grown = static_cast<char*>(mm::kmalloc(capacity));
        if (!grown)
            return Errno::OutOfMemory;
        if (m_path_length)
            __builtin_memcpy(grown, m_path, m_path_length);
        mm::kfree(m_path);
        m_path = grown;
        m_path_capacity = capacity;
    }
    if (separate)
        m_path[m_path_length++] = '/';
    __builtin_memcpy(m_path + m_path_length, name.data(), name.size());
    m_path_length = length;
    return {};
}

Result<void> DirectoryWalk::push(DirectoryListing listing, const fs::Stat& status)
{
    if (m_depth == m_capacity) {
        size_t capacity = m_capacity ? 2 * m_capacity : 16;
        auto* levels = static_cast<Level**>(mm::kmalloc(capacity * sizeof(Level*)));
        if (!levels)
            return Errno::OutOfMemory;
        if (m_depth)
            __builtin_memcpy(levels, m_levels, m_depth * sizeof(Level*));
        mm::kfree(m_levels);
        m_levels = levels;
        m_capacity = capacity;
    }
    Level* level = mm::make<Level>(static_cast<DirectoryListing&&>(listing), 0, m_path_length, status.device,
                                   status.inode);
    if (!level)
        return Errno::OutOfMemory;
    m_levels[m_depth++] = level;
    return {};
}

Result<void> DirectoryWalk::enter(int directory_fd, StringView name, uint32_t flags)
{
    Descriptor opened(m_files, TRY(m_files.openat(directory_fd, name, READ_ONLY | DIRECTORY | flags)));
    fs::Stat status = TRY(m_files.fstat(opened.fd()));
    DirectoryListing listing = TRY(DirectoryListing::read(m_files, opened.fd(), m_include));
    TRY(push(static_cast<DirectoryListing&&>(listing), status));
    m_held_fd = m_fd;
    m_fd = opened.release();
    return {};
}

Result<bool> DirectoryWalk::next(Step& step)
{
    close_held();
    TRY(check_interrupted()); // Ctrl+C stops tree and rm -r in a huge tree
    if (m_depth == 0)
        return false;
    Level& level = *m_levels[m_depth - 1];
    m_path_length = level.path_length;
    step = {};
    if (level.next == level.listing.size())
        return leave(step);
    const DirectoryListing::Entry& entry = level.listing[level.next++];
    TRY(append_to_path(entry.name_view()));
    step.name = entry.name_view();
    step.type = entry.type;
    step.depth = m_depth - 1;
    step.last = level.next == level.listing.size();
    m_step_fd = m_fd;
    if (entry.type == fs::FileType::Directory)
        step.opened = enter(m_fd, entry.name_view(), NO_FOLLOW);
    return true;
}

// Done with the top level's entries: up to its parent (or out of the start).
Result<bool> DirectoryWalk::leave(Step& step)
{
    step.kind = Step::Kind::Leave;
    step.depth = m_depth - 1;
    if (m_depth == 1) {
        step.name = path();
        m_step_fd = m_start_fd;
    } else {
        const Level& parent = *m_levels[m_depth - 2];
        Descriptor up(m_files, TRY(m_files.openat(m_fd, "..", READ_ONLY | DIRECTORY)));
        fs::Stat status = TRY(m_files.fstat(up.fd()));
        if (status.device != parent.device || status.inode != parent.inode)
            return kstd::Error::with_detail(Errno::NoSuchEntry, "a directory moved during the walk");
        step.name = parent.listing[parent.next - 1].name_view();
        (void)m_files.close(m_fd);
        m_fd = up.release();
        m_step_fd = m_fd;
    }
    mm::destroy(m_levels[--m_depth]);
    if (m_depth == 0) {
        (void)m_files.close(m_fd);
        m_fd = -1;
    }
    return true;
}

void DirectoryWalk::skip_entered()
{
    if (m_held_fd >= 0) {
        Level& entered = *m_levels[m_depth - 1];
        entered.next = entered.listing.size();
    }
}

bool DirectoryWalk::has_more_at(size_t depth) const
{
    return depth < m_depth && m_levels[depth]->next < m_levels[depth]->listing.size();
}

} // namespace shell
