// DentryCache: a hash table of (parent, name) -> dentry, and the LRU list of unused ones.
#include <fs/dentry.hpp>
#include <kstd/verify.hpp>
#include <mm/heap/kmalloc.hpp>

namespace fs {

namespace {
// FNV-1a over the name: short names, cheap and well spread.
uint64_t hash_name(kstd::StringView name)
{
    uint64_t hash = 0xcbf29ce484222325;
    for (char c : name)
        hash = (hash ^ static_cast<uint8_t>(c)) * 0x100000001b3;
    return hash;
}
} // namespace

void Dentry::set_name(kstd::StringView name)
{
    VERIFY(name.size() <= NAME_LENGTH_MAX);
    __builtin_memcpy(m_name, name.data(), name.size());
    m_name_length = name.size();
    m_name_hash = hash_name(name);
}

DentryCache::~DentryCache()
{
    prune(ALL);
    VERIFY(m_statistics.cached == 0);
}

DentryCache::Bucket& DentryCache::bucket_for(const Dentry& parent, uint64_t name_hash)
{
    uint64_t mixed = name_hash ^ (reinterpret_cast<uintptr_t>(&parent) >> 4) * 0x9e3779b97f4a7c15;
    return m_buckets[mixed % BUCKET_COUNT];
}

kstd::Result<Dentry*> DentryCache::allocate(Inode* inode, kstd::StringView name)
{
    Dentry* dentry = mm::make<Dentry>();
    if (!dentry && prune(m_statistics.unused) > 0)
        dentry = mm::make<Dentry>();
    if (!dentry) {
        inode->put();
        return kstd::Errno::OutOfMemory;
    }
    dentry->set_name(name);
    dentry->m_inode = inode;
    ++m_statistics.cached;
    return dentry;
}

kstd::Result<Dentry*> DentryCache::make_root(Inode* inode)
{
    return allocate(inode, "/");
}

kstd::Result<Dentry*> DentryCache::make_anonymous(Inode* inode, kstd::StringView name)
{
    return allocate(inode, name);
}

Dentry* DentryCache::find(Dentry& parent, kstd::StringView name)
{
    uint64_t name_hash = hash_name(name);
    for (Dentry& candidate : bucket_for(parent, name_hash)) {
        if (candidate.m_parent != &parent || candidate.m_name_hash != name_hash || candidate.name() != name)
            continue;
        if (!candidate.m_inode->still_valid()) {
            unhash(candidate);
            break;
        }
        ++m_statistics.hits;
        get(candidate);
        return &candidate;
    }
    ++m_statistics.misses;
    return nullptr;
}

kstd::Result<Dentry*> DentryCache::add(Dentry& parent, kstd::StringView name, Inode* inode)
{
    Dentry* dentry = TRY(allocate(inode, name));
    get(parent);
    dentry->m_parent = &parent;
    bucket_for(parent, dentry->m_name_hash).push_front(*dentry);
    return dentry;
}

void DentryCache::get(Dentry& dentry)
{
    if (dentry.m_references++ == 0) {
        m_unused.remove(dentry);
        --m_statistics.unused;
    }
}

void DentryCache::put(Dentry* dentry)
{
    if (!dentry)
        return;
    VERIFY(dentry->m_references > 0);
    if (--dentry->m_references > 0)
        return;
    if (!dentry->is_hashed() || !dentry->m_inode->still_valid()) {
        free(*dentry);
        return;
    }
    m_unused.push_back(*dentry);
    if (++m_statistics.unused > UNUSED_LIMIT)
        prune(m_statistics.unused - UNUSED_LIMIT);
}

void DentryCache::unhash(Dentry& dentry)
{
    if (!dentry.is_hashed())
        return;
    if (dentry.m_references == 0) {
        m_unused.remove(dentry);
        --m_statistics.unused;
        free(dentry);
        return;
    }
    bucket_for(*dentry.m_parent, dentry.m_name_hash).remove(dentry);
}

void DentryCache::move(Dentry& dentry, Dentry& new_parent, kstd::StringView name)
{
    VERIFY(dentry.is_hashed());
    Dentry* old_parent = dentry.m_parent;
    bucket_for(*old_parent, dentry.m_name_hash).remove(dentry);
    dentry.set_name(name);
    get(new_parent);
    dentry.m_parent = &new_parent;
    bucket_for(new_parent, dentry.m_name_hash).push_front(dentry);
    put(old_parent);
}

size_t DentryCache::prune(size_t count)
{
    size_t freed = 0;
    while (freed < count) {
        Dentry* oldest = m_unused.pop_front();
        if (!oldest)
            break;
        --m_statistics.unused;
        free(*oldest);
        ++freed;
    }
    return freed;
}

void DentryCache::free(Dentry& dentry)
{
    Dentry* parent = dentry.m_parent;
    if (dentry.is_hashed())
        bucket_for(*parent, dentry.m_name_hash).remove(dentry);
    dentry.m_inode->put();
    mm::destroy(&dentry);
    --m_statistics.cached;
    put(parent);
}

DentryCacheStatistics DentryCache::statistics() const
{
    return m_statistics;
}

DentryReference& DentryReference::operator=(DentryReference&& other)
{
    if (this != &other) {
        reset();
        m_cache = other.m_cache;
        m_dentry = other.release();
    }
    return *this;
}

Dentry* DentryReference::release()
{
    Dentry* dentry = m_dentry;
    m_dentry = nullptr;
    return dentry;
}

void DentryReference::reset()
{
    if (m_dentry)
        m_cache->put(m_dentry);
    m_dentry = nullptr;
}

} // namespace fs
