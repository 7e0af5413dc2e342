// The depth-first walk below a directory (see directory_walk.hpp).
#include <mm/heap/kmalloc.hpp>
#include <shell/directory_walk.hpp>
#include <shell/interruption.hpp>

namespace shell {

kstd::Result<DirectoryWalk> DirectoryWalk::start(fs::Context& files, kstd::StringView path,
                                                 DirectoryListing::Include include)
{
    DirectoryListing listing = TRY(DirectoryListing::read(files, path, include));
    DirectoryWalk walk(files, TRY(PathBuffer::create(path)), include);
    TRY(walk.enter(std::move(listing)));
    return walk;
}

DirectoryWalk::DirectoryWalk(DirectoryWalk&& other)
    : m_files(other.m_files), m_path(std::move(other.m_path)), m_include(other.m_include), m_top(other.m_top),
      m_depth(other.m_depth)
{
    other.m_top = nullptr;
    other.m_depth = 0;
}

DirectoryWalk::~DirectoryWalk()
{
    while (Level* level = m_top) {
        m_top = level->parent;
        mm::destroy(level);
    }
}

// Pushes the listing of the directory m_path names.
kstd::Result<void> DirectoryWalk::enter(DirectoryListing listing)
{
    Level* level = mm::make<Level>(std::move(listing), 0, m_path.length(), m_top);
    if (!level)
        return kstd::Errno::OutOfMemory;
    m_top = level;
    ++m_depth;
    return {};
}

kstd::Result<bool> DirectoryWalk::next(Step& step)
{
    TRY(check_interrupted()); // Ctrl+C stops tree and rm -r in a huge tree
    Level* level = m_top;
    if (!level)
        return false;
    m_path.set_length(level->path_length);
    if (level->next == level->listing.size()) {
        step = {};
        step.kind = Step::Kind::Leave;
        m_top = level->parent;
        --m_depth;
        mm::destroy(level);
        return true;
    }
    const DirectoryListing::Entry& entry = level->listing[level->next++];
    TRY(m_path.append(entry.name_view()));
    step = {};
    step.name = entry.name_view();
    step.type = entry.type;
    step.depth = m_depth - 1;
    step.last = level->next == level->listing.size();
    if (entry.type == fs::FileType::Directory) {
        auto listing = DirectoryListing::read(m_files, m_path.view(), m_include);
        if (listing.is_error())
            step.opened = listing.release_error();
        else
            TRY(enter(listing.release_value()));
    }
    return true;
}

bool DirectoryWalk::has_more_at(size_t depth) const
{
    const Level* level = m_top;
    for (size_t at = m_depth; level && at > depth + 1; --at)
        level = level->parent;
    return level && level->next < level->listing.size();
}

} // namespace shell
