// Dentry and DentryCache: the names the VFS has already looked up.
//
// A dentry ties a name in a parent directory to an inode. Path resolution asks the cache
// first (one hash probe keyed on parent and name) and the file system only on a miss, so a
// path walked twice costs no file system calls the second time. The dentries form a tree
// whose links give ".." and getcwd() their answers, also across mount points: the root
// dentry of a mounted file system records the dentry it covers.
//
// Reference counting: a dentry holds a reference to its inode and to its parent; users
// (open files, current directories, a walk in progress) hold references to dentries. A
// dentry nobody references stays cached on an LRU list, and the oldest ones are freed when
// the list grows past UNUSED_LIMIT or memory runs short (prune()). Removing a name
// (unlink, rmdir, the target of rename) unhashes its dentry; it is freed when the last
// user lets go, so an open file outlives its name the POSIX way.
//
// Only positive entries are cached: a miss always asks the file system.
#pragma once
#include <fs/inode.hpp>
#include <kstd/intrusive_list.hpp>

namespace fs {

struct Mount;

class Dentry {
public:
    kstd::StringView name() const { return { m_name, m_name_length }; }
    Inode& inode() const { return *m_inode; }
    // nullptr for the root of a file system.
    Dentry* parent() const { return m_parent; }
    // The mount whose root hides this directory, if any.
    Mount* mounted_here() const { return m_mounted_here; }
    // For the root of a mounted file system: the directory it is mounted on.
    Dentry* covered() const { return m_covered; }
    bool is_hashed() const { return m_hash_node.is_linked(); }

private:
    friend class DentryCache;
    friend class Vfs;

    // Copies `name` (at most NAME_LENGTH_MAX bytes) in and hashes it.
    void set_name(kstd::StringView name);

    char m_name[NAME_LENGTH_MAX + 1] = {};
    size_t m_name_length = 0;
    uint64_t m_name_hash = 0;
    Inode* m_inode = nullptr;
    Dentry* m_parent = nullptr;
    Mount* m_mounted_here = nullptr;
    Dentry* m_covered = nullptr;
    uint32_t m_references = 1;
    kstd::IntrusiveListNode m_hash_node;
    kstd::IntrusiveListNode m_unused_node;
};

struct DentryCacheStatistics {
    uint64_t hits = 0;
    uint64_t misses = 0;
    uint64_t cached = 0; // dentries alive
    uint64_t unused = 0; // of those, on the LRU list
};

class DentryCache {
public:
    static constexpr size_t BUCKET_COUNT = 1024;
    static constexpr size_t UNUSED_LIMIT = 4096;
    static constexpr size_t ALL = ~size_t { 0 };

    DentryCache() = default;
    DentryCache(const DentryCache&) = delete;
    DentryCache& operator=(const DentryCache&) = delete;
    // Frees every unused dentry; VERIFY-fails if one is still in use.
    ~DentryCache();

    // A new unhashed root dentry for a file system root `inode` (its reference adopted).
    kstd::Result<Dentry*> make_root(Inode* inode);
    // The same for an inode that has no name anywhere (a pipe): `name` is only for show.
    // It is freed with its last reference.
    kstd::Result<Dentry*> make_anonymous(Inode* inode, kstd::StringView name);
    // The cached child `name` of `parent`, with a new reference; nullptr on a miss. A hit on
    // an inode that is no longer valid is dropped and counts as a miss.
    Dentry* find(Dentry& parent, kstd::StringView name);
    // Caches `inode` (its reference adopted, even on failure) as `name` in `parent`.
    // Returns the dentry with one reference for the caller.
    kstd::Result<Dentry*> add(Dentry& parent, kstd::StringView name, Inode* inode);

    void get(Dentry& dentry);
    void put(Dentry* dentry);
    // The name is gone: `dentry` is no longer found, and is freed with its last reference.
    void unhash(Dentry& dentry);
    // rename: `dentry` is now `name` in `new_parent`.
    void move(Dentry& dentry, Dentry& new_parent, kstd::StringView name);
    // Frees up to `count` unused dentries (ALL: until none is left, including parents that
    // become unused on the way), oldest first; returns how many went.
    size_t prune(size_t count);

    DentryCacheStatistics statistics() const;

private:
    using Bucket = kstd::IntrusiveList<Dentry, &Dentry::m_hash_node>;
    Bucket& bucket_for(const Dentry& parent, uint64_t name_hash);
    kstd::Result<Dentry*> allocate(Inode* inode, kstd::StringView name);
    void free(Dentry& dentry);

    Bucket m_buckets[BUCKET_COUNT];
    kstd::IntrusiveList<Dentry, &Dentry::m_unused_node> m_unused;
    DentryCacheStatistics m_statistics;
};

// Holds one dentry reference for a scope.
class DentryReference {
public:
    DentryReference() = default;
    DentryReference(DentryCache& cache, Dentry* adopted) : m_cache(&cache), m_dentry(adopted) {}
    DentryReference(DentryReference&& other) : m_cache(other.m_cache), m_dentry(other.release()) {}
    DentryReference& operator=(DentryReference&& other);
    DentryReference(const DentryReference&) = delete;
    DentryReference& operator=(const DentryReference&) = delete;
    ~DentryReference() { reset(); }

    Dentry* get() const { return m_dentry; }
    Dentry* operator->() const { return m_dentry; }
    Dentry& operator*() const { return *m_dentry; }
    explicit operator bool() const { return m_dentry != nullptr; }
    Dentry* release();
    void reset();

private:
    DentryCache* m_cache = nullptr;
    Dentry* m_dentry = nullptr;
};

} // namespace fs
