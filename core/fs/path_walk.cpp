// Path resolution, one component at a time; see path_walk.hpp for the rules.
#include <fs/path_walk.hpp>
#include <kstd/verify.hpp>
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

bool only_slashes(StringView text);

// The path still to walk, as a stack of texts: the path itself at the bottom, and above it
// the target of each symbolic link being followed, whose rest lies below it. Each text
// holds at most PATH_LENGTH_MAX bytes, as on Linux, where a link's target does not count
// against the path it was found in.
class RemainingPath {
public:
    explicit RemainingPath(StringView path) { m_texts[0] = { path, nullptr }; }
    ~RemainingPath()
    {
        while (m_depth > 1)
            pop();
    }
    RemainingPath(const RemainingPath&) = delete;
    RemainingPath& operator=(const RemainingPath&) = delete;

    StringView text() const { return top().text; }
    void advance(size_t count) { top().text = top().text.substring(count); }
    bool in_link() const { return m_depth > 1; }
    // A finished link's text goes; the walk goes on with the rest of the text below it.
    void pop()
    {
        mm::kfree(top().buffer);
        --m_depth;
    }
    // Whether the texts below the top hold nothing but slashes (so the top's last name is
    // the path's last), and whether they hold a slash at all.
    bool below_only_slashes(bool& has_slash) const
    {
        has_slash = false;
        for (size_t i = 0; i + 1 < m_depth; ++i) {
            if (!only_slashes(m_texts[i].text))
                return false;
            has_slash = has_slash || !m_texts[i].text.empty();
        }
        return true;
    }

    // Walks the target of the symbolic link `link` next; returns it (empty for an empty
    // link). The caller has advanced past the link's name.
    Result<StringView> push_link(Inode& link)
    {
        VERIFY(m_depth < DEPTH_MAX);
        char* buffer = static_cast<char*>(mm::kmalloc(PATH_LENGTH_MAX));
        if (!buffer)
            return Errno::OutOfMemory;
        auto read = link.read_link(kstd::Span<char>(buffer, PATH_LENGTH_MAX));
        if (read.is_error()) {
            mm::kfree(buffer);
            return read.release_error();
        }
        m_texts[m_depth++] = { StringView(buffer, read.value()), buffer };
        return text();
    }

private:
    static constexpr size_t DEPTH_MAX = SYMLINK_FOLLOW_MAX + 1;
    struct Text {
        StringView text;
        char* buffer; // a link's target, freed when it is done
    };
    Text& top() { return m_texts[m_depth - 1]; }
    const Text& top() const { return m_texts[m_depth - 1]; }

    Text m_texts[DEPTH_MAX];
    size_t m_depth = 1;
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

Result<Resolution> resolve(const WalkStart& start, StringView path, FollowLast follow, bool creating)
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
        if (text.empty() && remaining.in_link()) {
            remaining.pop();
            continue;
        }
        if (text.empty()) {
            // Only slashes were left: the path (or a link's target) named the directory
            // itself, e.g. "/", or a link to "/".
            DentryReference parent = hold(*current);
            return finish(static_cast<DentryReference&&>(parent), static_cast<DentryReference&&>(current), "/",
                had_component ? LastKind::Dot : LastKind::Root, false, follow);
        }
        size_t end = text.find('/');
        StringView name = text.substring(0, end);
        StringView rest = text.substring(name.size());
        bool slash_below = false;
        bool is_last = only_slashes(rest) && remaining.below_only_slashes(slash_below);
        bool trailing_slash = is_last && (!rest.empty() || slash_below);
        had_component = true;

        if (!current->inode().is_directory())
            return Errno::NotADirectory;
        // A directory already removed (a current directory that was rmdir'ed) has no
        // names, and nothing can be made in it.
        bool removed = !current->is_hashed() && current->parent();
        if (name.size() > NAME_LENGTH_MAX) {
            // Linux looks a created or removed name up only after the walk (and after
            // rename's second walk), so its length is the call's to report.
            if (!(is_last && follow == FollowLast::Never))
                return Errno::NameTooLong;
            if (removed)
                return Errno::NoSuchEntry;
            Resolution over_long = TRY(finish(static_cast<DentryReference&&>(current), {}, name.substring(0, NAME_LENGTH_MAX),
                LastKind::Name, trailing_slash, follow));
            over_long.name_too_long = true;
            return over_long;
        }

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

        if (creating && is_last && trailing_slash)
            return Errno::IsADirectory; // O_CREAT of "name/", also where a link's target ends so

        auto found = lookup_child(vfs, *current, name);
        if (found.is_error()) {
            // A missing last name is an answer, except in a removed directory.
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
            remaining.advance(name.size());
            StringView target = TRY(remaining.push_link(child->inode()));
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
