// Writing a newc cpio archive (see cpio_writer.hpp): per entry a 110-byte header of "070701"
// and thirteen 8-digit hex fields, the name with its NUL, then the data, each padded to
// 4 bytes; "TRAILER!!!" ends it.
#include "cpio_writer.hpp"

#include <cstdio>
#include <sys/stat.h>

namespace bench {

namespace {

void pad_to_four(std::string& out)
{
    out.append((4 - out.size() % 4) % 4, '\0');
}

void append_entry(std::string& out, unsigned inode, unsigned mode, const std::string& name, const std::string& data)
{
    char header[111];
    std::snprintf(header, sizeof header, "070701%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X", inode,
                  mode, 0u, 0u, 1u, 0u, unsigned(data.size()), 0u, 0u, 0u, 0u, unsigned(name.size() + 1), 0u);
    out.append(header, 110);
    out.append(name);
    out.push_back('\0');
    pad_to_four(out);
    out.append(data);
    pad_to_four(out);
}

bool read_whole(const std::string& path, std::string& data)
{
    FILE* file = std::fopen(path.c_str(), "rb");
    if (!file)
        return false;
    char buffer[65536];
    size_t count;
    while ((count = std::fread(buffer, 1, sizeof buffer, file)) > 0)
        data.append(buffer, count);
    bool complete = !std::ferror(file);
    std::fclose(file);
    return complete;
}

} // namespace

std::string write_cpio(const std::string& archive_path, const std::vector<ArchiveEntry>& entries)
{
    std::string archive;
    unsigned inode = 1;
    for (const ArchiveEntry& entry : entries) {
        if (entry.host_file.empty()) {
            append_entry(archive, inode++, S_IFDIR | 0755, entry.path, "");
            continue;
        }
        struct stat status;
        std::string data;
        if (stat(entry.host_file.c_str(), &status) != 0 || !read_whole(entry.host_file, data))
            return "cannot read " + entry.host_file;
        append_entry(archive, inode++, S_IFREG | (status.st_mode & 07777), entry.path, data);
    }
    append_entry(archive, 0, 0, "TRAILER!!!", "");
    FILE* out = std::fopen(archive_path.c_str(), "wb");
    bool written = out && std::fwrite(archive.data(), 1, archive.size(), out) == archive.size();
    if (out && std::fclose(out) != 0)
        written = false;
    return written ? "" : "cannot write " + archive_path;
}

} // namespace bench
