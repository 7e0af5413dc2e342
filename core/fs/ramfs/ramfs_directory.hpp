// RamfsDirectory: a ramfs directory, a list of (name, inode) entries in creation order.
//
// Each entry holds one reference to its inode. An entry's position is a number that only
// grows, so readdir can resume after entries were added or removed. Lookups walk the list;
// the VFS's dentry cache sits in front of it, so a name is searched for here once.
#pragma once
#include <fs/ramfs/ramfs_superblock.hpp>
#include <kstd/intrusive_list.hpp>

namespace fs {

class RamfsDirectory final : public Inode {
public:
    RamfsDirectory(RamfsSuperblock& superblock, Mode permissions);
    ~RamfsDirectory() override;

    kstd::Result<Inode*> lookup(kstd::StringView name) override;
    kstd::Result<Inode*> create(kstd::StringView name, Mode permissions) override;
    kstd::Result<Inode*> make_directory(kstd::StringView name, Mode permissions) override;
    kstd::Result<Inode*> make_symlink(kstd::StringView name, kstd::StringView target) override;
    kstd::Result<void> link(kstd::StringView name, Inode& target) override;
    kstd::Result<void> unlink(kstd::StringView name) override;
    kstd::Result<void> remove_directory(kstd::StringView name) override;
    kstd::Result<void> rename(kstd::StringView old_name, Inode& new_directory, kstd::StringView new_name) override;
    kstd::Result<bool> read_directory(uint64_t& position, DirectoryEntry& entry) override;
    kstd::Result<bool> is_empty_directory() override;
    Stat stat() const override;

private:
    struct Entry {
        Inode* inode;
        uint64_t position;
        size_t name_length;
        kstd::IntrusiveListNode node;
        kstd::StringView name() const { return { reinterpret_cast<const char*>(this + 1), name_length }; }
    };

    Entry* find(kstd::StringView name) const;
    // Adds `inode` (a reference is taken) as `name`.
    kstd::Result<void> add_entry(kstd::StringView name, Inode& inode);
    // Removes the entry and drops its reference.
    void remove_entry(Entry& entry);
    // Adds a new inode made by `make` as `name`; returns it with a reference for the caller.
    template<typename Make>
    kstd::Result<Inode*> add_new(kstd::StringView name, Make make);

    kstd::IntrusiveList<Entry, &Entry::node> m_entries;
    uint64_t m_next_position = 0;
};

} // namespace fs
