// Path resolution: from a string like "../lib//x/./y" to the dentry it names.
//
// The walk starts at the root for an absolute path and at the current directory otherwise,
// and takes one component at a time: "." stays, ".." goes to the parent (never above the
// root, and back across mount points), a name is looked up in the dentry cache and then in
// the file system, and a mount point is entered. A symbolic link in the middle of a path is
// always followed; the last component's link as FollowLast says. A link's target is walked
// in place of the link (from the link's directory, or from the root when it is absolute),
// then the rest of the path. More than SYMLINK_FOLLOW_MAX links in one walk is ELOOP; a
// component over NAME_LENGTH_MAX, or a path or link target of PATH_LENGTH_MAX bytes or more,
// is ENAMETOOLONG; and
// walking through something that is not a directory is ENOTDIR.
//
// The walk stops at the last component and reports it as a Resolution instead of failing
// when it does not exist, because creating operations need exactly that: the directory to
// create in and the name. The caller holds the VFS lock.
#pragma once
#include <fs/vfs.hpp>

namespace fs {

// What to do with a symbolic link as the last component:
//   Yes   follow it (stat, open, chdir);
//   No    leave it, unless the path ends in "/", which follows it and demands a directory
//         (lstat, readlink, open with O_NOFOLLOW);
//   Never leave it even then: the last component is what the call creates or removes
//         (mkdir, rmdir, unlink, link, symlink, rename, open with O_CREAT), and the call
//         judges the trailing slash itself, as Linux does.
enum class FollowLast : uint8_t { Yes, No, Never };

// What the last component was: a name, ".", "..", or nothing at all ("/", "///").
enum class LastKind : uint8_t { Name, Dot, DotDot, Root };

struct Resolution {
    DentryReference parent; // the directory the last component was looked up in
    DentryReference target; // what the path names; empty when that name does not exist
    kstd::FixedString<NAME_LENGTH_MAX> last;
    LastKind last_kind = LastKind::Name;
    bool trailing_slash = false; // the path ended in "/" (so it must name a directory)
    // FollowLast::Never only: the last name is longer than NAME_LENGTH_MAX (and `last` holds
    // its start); the call reports ENAMETOOLONG where it would look the name up.
    bool name_too_long = false;

    kstd::Result<void> check_name() const
    {
        if (name_too_long)
            return kstd::Errno::NameTooLong;
        return {};
    }
};

struct WalkStart {
    Vfs& vfs;
    Dentry& root;
    Dentry& current_directory;
};

// `creating` is open's O_CREAT: a last name followed by "/" (in the path or at the end of
// a link's target) is EISDIR before it is looked up, as on Linux.
kstd::Result<Resolution> resolve(const WalkStart& start, kstd::StringView path, FollowLast follow, bool creating = false);
// The child `name` of directory `parent` (cache, then file system), with a new reference.
kstd::Result<Dentry*> lookup_child(Vfs& vfs, Dentry& parent, kstd::StringView name);

} // namespace fs
