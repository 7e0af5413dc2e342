// DirectoryListing: the entries of one directory, read in full and sorted by name.
//
// ls and tree print names in order, and a directory gives them in whatever order its file
// system keeps; so the listing reads them all first (each name copied to the kernel heap)
// and sorts them bytewise, as ls does with LC_ALL=C. Out of heap is ENOMEM.
#pragma once
#include <fs/context.hpp>

namespace shell {

class DirectoryListing {
public:
    // Which names to keep: those not starting with "."; also those that do (".", ".."
    // apart); or every name with "." and "..".
    enum class Include : uint8_t { Visible, Hidden, All };

    struct Entry {
        char* name;
        size_t length;
        fs::FileType type;
        kstd::StringView name_view() const { return { name, length }; }
    };

    // The entries of the directory `path` (a symbolic link to one is followed).
    static kstd::Result<DirectoryListing> read(fs::Context& files, kstd::StringView path, Include include);
    // The entries of the open directory `fd`, from where it is to its end.
    static kstd::Result<DirectoryListing> read(fs::Context& files, int fd, Include include);
    DirectoryListing(DirectoryListing&& other);
    DirectoryListing& operator=(DirectoryListing&&) = delete;
    DirectoryListing(const DirectoryListing&) = delete;
    DirectoryListing& operator=(const DirectoryListing&) = delete;
    ~DirectoryListing();

    size_t size() const { return m_count; }
    const Entry& operator[](size_t index) const { return m_entries[index]; }

private:
    DirectoryListing() = default;
    kstd::Result<void> add(const fs::DirectoryEntry& entry);
    void shrink();

    Entry* m_entries = nullptr;
    size_t m_count = 0;
    size_t m_capacity = 0;
};

} // namespace shell
