// Path resolution, one component at a time; see path_walk.hpp for the rules.
#include <fs/path_walk.hpp>
#include <mm/heap/kmalloc.hpp>

namespace fs {

using kstd::Errno;
using kstd::Result;
using kstd::StringView;

Result<Dentry*> lookup_child(Vfs& vfs, Dentry& parent, StringView name)
{
    if (Dentry* cached = vfs.dentries().find(parent, name))
        return cached;
    Inode* inode = TRY(parent.inode().lookup(name));
    return vfs.dentries().add(parent, name, inode);
}

namespace {

// The path still to walk. Following a link builds "target + rest" in a buffer of its own.
class RemainingPath {
public:
    explicit RemainingPath(StringView path) : m_text(path) {}
    ~RemainingPath() { mm::kfree(m_buffer); }
    RemainingPath(const RemainingPath&) = delete;
    RemainingPath& operator=(const RemainingPath&) = delete;

    StringView text() const { return m_text; }
    void advance(size_t count) { m_text = m_text.substring(count); }

    // Replaces what is left with the target of the symbolic link `link` followed by
    // `rest`, and returns the target (empty for an empty link).
    Result<StringView> splice_link(Inode& link, StringView rest)
    {
        char* buffer = static_cast<char*>(mm::kmalloc(PATH_LENGTH_MAX));
        if (!buffer)
            return Errno::OutOfMemory;
        auto read = link.read_link(kstd::Span<char>(buffer, PATH_LENGTH_MAX));
        if (read.is_error() || read.value() + rest.size() >= PATH_LENGTH_MAX) {
            mm::kfree(buffer);
            return read.is_error() ? read.release_error() : kstd::Error::from_errno(Errno::NameTooLong);
        }
        size_t length = read.value();
        __builtin_memcpy(buffer + length, rest.data(), rest.size());
        mm::kfree(m_buffer);
        m_buffer = buffer;
        m_text = StringView(buffer, length + rest.size());
        return StringView(buffer, length);
    }

private:
    StringView m_text;
    char* m_buffer = nullptr;
};

bool only_slashes(StringView text)
{
    for (char c : text) {
        if (c != '/')
            return false;
    }
    return true;
}

Result<Resolution> finish(DentryReference parent, DentryReference target, StringView last, LastKind kind, bool trailing_slash, FollowLast follow)
{
    if (trailing_slash && follow != FollowLast::Never && target && !target->inode().is_directory())
        return Errno::NotADirectory;
    Resolution resolution;
    resolution.parent = static_cast<DentryReference&&>(parent);
    resolution.target = static_cast<DentryReference&&>(target);
    resolution.last.write(last);
    resolution.last_kind = kind;
    resolution.trailing_slash = trailing_slash;
    return resolution;
}

} // namespace

Result<Resolution> resolve(const WalkStart& start, StringView path, FollowLast follow)
{
    if (path.empty())
        return Errno::NoSuchEntry;
    if (path.size() >= PATH_LENGTH_MAX)
        return Errno::NameTooLong;
    Vfs& vfs = start.vfs;
    DentryCache& cache = vfs.dentries();
    auto hold = [&](Dentry& dentry) {
        cache.get(dentry);
        return DentryReference(cache, &dentry);
    };

    RemainingPath remaining(path);
    DentryReference current = hold(path[0] == '/' ? start.root : start.current_directory);
    bool had_component = false;
    unsigned links_followed = 0;

    for (;;) {
        while (!remaining.text().empty() && remaining.text()[0] == '/')
            remaining.advance(1);
        StringView text = remaining.text();
        if (text.empty()) {
            // Only slashes were left: the path (or a link's target) named the directory
            // itself, e.g. "/" or "a/b/" after "b" was entered.
            DentryReference parent = hold(*current);
            return finish(static_cast<DentryReference&&>(parent), static_cast<DentryReference&&>(current), "/",
                had_component ? LastKind::Dot : LastKind::Root, false, follow);
        }
        size_t end = text.find('/');
        StringView name = text.substring(0, end);
        StringView rest = text.substring(name.size());
        bool is_last = only_slashes(rest);
        bool trailing_slash = is_last && !rest.empty();
        had_component = true;

        if (name.size() > NAME_LENGTH_MAX)
            return Errno::NameTooLong;
        if (!current->inode().is_directory())
            return Errno::NotADirectory;

        if (name == "." || name == "..") {
            LastKind kind = LastKind::Dot;
            if (name == "..") {
                kind = LastKind::DotDot;
                if (current.get() != &start.root)
                    current = hold(*vfs.parent_of(*current));
            }
            if (is_last) {
                DentryReference parent = hold(*current);
                return finish(static_cast<DentryReference&&>(parent), static_cast<DentryReference&&>(current), name, kind, trailing_slash, follow);
            }
            remaining.advance(name.size());
            continue;
        }

        auto found = lookup_child(vfs, *current, name);
        if (found.is_error()) {
            // A missing last name is an answer, except in a directory already removed
            // (a current directory that was rmdir'ed): nothing can be made there.
            bool removed = !current->is_hashed() && current->parent();
            if (found.error().code() == Errno::NoSuchEntry && is_last && !removed)
                return finish(static_cast<DentryReference&&>(current), {}, name, LastKind::Name, trailing_slash, follow);
            return found.release_error();
        }
        DentryReference child(cache, found.value());
        if (child->mounted_here())
            child = hold(*Vfs::through_mounts(child.get()));

        bool follow_link = !is_last || follow == FollowLast::Yes || (trailing_slash && follow == FollowLast::No);
        if (child->inode().is_symlink() && follow_link) {
            if (++links_followed > SYMLINK_FOLLOW_MAX)
                return Errno::TooManySymlinks;
            StringView target = TRY(remaining.splice_link(child->inode(), rest));
            if (target.empty())
                return Errno::NoSuchEntry;
            if (target[0] == '/')
                current = hold(start.root);
            continue;
        }
        if (is_last)
            return finish(static_cast<DentryReference&&>(current), static_cast<DentryReference&&>(child), name, LastKind::Name, trailing_slash, follow);
        current = static_cast<DentryReference&&>(child);
        remaining.advance(name.size());
    }
}

} // namespace fs
