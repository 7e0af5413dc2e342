// RamfsDirectory: entries, and the directory operations on them.
#include <fs/ramfs/ramfs_directory.hpp>
#include <fs/ramfs/ramfs_file.hpp>
#include <kstd/verify.hpp>
#include <mm/heap/kmalloc.hpp>

namespace fs {

using kstd::Errno;
using kstd::Result;
using kstd::StringView;

RamfsDirectory::RamfsDirectory(RamfsSuperblock& superblock, Mode permissions)
    : Inode(superblock, superblock.allocate_inode_number(), mode::DIRECTORY | (permissions & mode::PERMISSION_MASK))
{
}

RamfsDirectory::~RamfsDirectory()
{
    while (Entry* entry = m_entries.front())
        remove_entry(*entry);
}

Stat RamfsDirectory::stat() const
{
    Stat result = Inode::stat();
    result.size = 4096;
    return result;
}

RamfsDirectory::Entry* RamfsDirectory::find(StringView name) const
{
    for (Entry& entry : m_entries) {
        if (entry.name() == name)
            return &entry;
    }
    return nullptr;
}

Result<void> RamfsDirectory::add_entry(StringView name, Inode& inode)
{
    void* memory = mm::kmalloc(sizeof(Entry) + name.size());
    if (!memory)
        return Errno::OutOfMemory;
    Entry* entry = new (memory) Entry { &inode, m_next_position++, name.size(), {} };
    __builtin_memcpy(reinterpret_cast<char*>(entry + 1), name.data(), name.size());
    inode.get();
    m_entries.push_back(*entry);
    touch_modified();
    return {};
}

void RamfsDirectory::remove_entry(Entry& entry)
{
    m_entries.remove(entry);
    Inode* inode = entry.inode;
    entry.~Entry();
    mm::kfree(&entry);
    touch_modified();
    inode->put();
}

Result<Inode*> RamfsDirectory::lookup(StringView name)
{
    Entry* entry = find(name);
    if (!entry)
        return Errno::NoSuchEntry;
    entry->inode->get();
    return entry->inode;
}

template<typename Make>
Result<Inode*> RamfsDirectory::add_new(StringView name, Make make)
{
    if (find(name))
        return Errno::AlreadyExists;
    Inode* inode = make(ramfs_of(*this));
    if (!inode)
        return Errno::OutOfMemory;
    auto added = add_entry(name, *inode);
    if (added.is_error()) {
        inode->put();
        return added.release_error();
    }
    return inode;
}

Result<Inode*> RamfsDirectory::create(StringView name, Mode permissions)
{
    return add_new(name, [&](RamfsSuperblock& superblock) -> Inode* { return mm::make<RamfsFile>(superblock, permissions); });
}

Result<Inode*> RamfsDirectory::make_directory(StringView name, Mode permissions)
{
    Inode* made = TRY(add_new(name, [&](RamfsSuperblock& superblock) -> Inode* { return mm::make<RamfsDirectory>(superblock, permissions); }));
    adjust_link_count(1); // the new directory's ".."
    return made;
}

Result<Inode*> RamfsDirectory::make_symlink(StringView name, StringView target)
{
    return add_new(name, [&](RamfsSuperblock& superblock) -> Inode* { return RamfsSymlink::make(superblock, target); });
}

Result<void> RamfsDirectory::link(StringView name, Inode& target)
{
    if (find(name))
        return Errno::AlreadyExists;
    TRY(add_entry(name, target));
    target.adjust_link_count(1);
    target.touch_changed();
    return {};
}

Result<void> RamfsDirectory::unlink(StringView name)
{
    Entry* entry = find(name);
    if (!entry)
        return Errno::NoSuchEntry;
    VERIFY(!entry->inode->is_directory());
    entry->inode->adjust_link_count(-1);
    entry->inode->touch_changed();
    remove_entry(*entry);
    return {};
}

Result<void> RamfsDirectory::remove_directory(StringView name)
{
    Entry* entry = find(name);
    if (!entry)
        return Errno::NoSuchEntry;
    Inode& directory = *entry->inode;
    VERIFY(directory.is_directory());
    if (!TRY(directory.is_empty_directory()))
        return Errno::DirectoryNotEmpty;
    directory.adjust_link_count(-static_cast<int>(directory.link_count()));
    adjust_link_count(-1);
    remove_entry(*entry);
    return {};
}

Result<void> RamfsDirectory::rename(StringView old_name, Inode& new_directory_inode, StringView new_name)
{
    auto& new_directory = static_cast<RamfsDirectory&>(new_directory_inode);
    Entry* moving = find(old_name);
    if (!moving)
        return Errno::NoSuchEntry;
    Inode& inode = *moving->inode;
    Entry* replaced = new_directory.find(new_name);
    // The new name first, so that running out of memory changes nothing.
    if (!replaced) {
        TRY(new_directory.add_entry(new_name, inode));
    } else {
        Inode* old_target = replaced->inode;
        inode.get();
        replaced->inode = &inode;
        if (old_target->is_directory()) {
            old_target->adjust_link_count(-static_cast<int>(old_target->link_count()));
            new_directory.adjust_link_count(-1);
        } else {
            old_target->adjust_link_count(-1);
        }
        old_target->touch_changed();
        old_target->put();
        new_directory.touch_modified();
    }
    if (inode.is_directory() && &new_directory != this) {
        adjust_link_count(-1);
        new_directory.adjust_link_count(1);
    }
    inode.touch_changed();
    remove_entry(*moving);
    return {};
}

Result<bool> RamfsDirectory::read_directory(uint64_t& position, DirectoryEntry& entry)
{
    touch_accessed();
    for (Entry& candidate : m_entries) {
        if (candidate.position < position)
            continue;
        entry.set(candidate.inode->number(), candidate.inode->type(), candidate.name());
        position = candidate.position + 1;
        return true;
    }
    return false;
}

Result<bool> RamfsDirectory::is_empty_directory()
{
    return m_entries.is_empty();
}

} // namespace fs
