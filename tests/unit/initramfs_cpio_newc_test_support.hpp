// Helpers for the cpio newc reader's tests: archives written by hand (for malformed ones)
// or by Debian's cpio tool, and the reader's entries copied out into host strings.
#pragma once
#include <fs/initramfs/cpio_newc.hpp>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

namespace cpio_test {

using Bytes = std::vector<uint8_t>;

// One entry as the reader gave it, copied so it outlives the archive.
struct Record {
    std::string path;
    uint32_t mode;
    uint32_t inode;
    uint32_t link_count;
    uint32_t modified_seconds;
    std::string data;
};

// The header fields of a hand-made entry, named as in cpio_newc.hpp; `name_size` and
// `file_size` default to the real ones (UINT32_MAX means "the real one").
struct HeaderFields {
    const char* magic = "070701";
    uint32_t inode = 1;
    uint32_t mode = 0100644;
    uint32_t link_count = 1;
    uint32_t modified_seconds = 1700000000;
    uint32_t name_size = UINT32_MAX;
    uint32_t file_size = UINT32_MAX;
    uint32_t checksum = 0;
};

inline void append_hex(std::string& out, uint32_t value)
{
    char digits[9];
    snprintf(digits, sizeof digits, "%08X", value);
    out += digits;
}

inline void pad_to_four(std::string& out)
{
    while (out.size() % 4 != 0)
        out += '\0';
}

// Appends one entry to `archive` (which must hold whole entries so far, so padding lines
// up); `name` is written with a NUL after it.
inline void append_entry(std::string& archive, const std::string& name, const std::string& data,
                         HeaderFields fields = {})
{
    uint32_t name_size = fields.name_size != UINT32_MAX ? fields.name_size : uint32_t(name.size() + 1);
    uint32_t file_size = fields.file_size != UINT32_MAX ? fields.file_size : uint32_t(data.size());
    archive += fields.magic;
    const uint32_t values[] = { fields.inode, fields.mode, 0, 0, fields.link_count, fields.modified_seconds,
                                file_size, 0, 0, 0, 0, name_size, fields.checksum };
    for (uint32_t value : values)
        append_hex(archive, value);
    archive += name;
    archive += '\0';
    pad_to_four(archive);
    archive += data;
    pad_to_four(archive);
}

inline void append_trailer(std::string& archive)
{
    append_entry(archive, "TRAILER!!!", "", { .inode = 0, .mode = 0, .modified_seconds = 0 });
}

inline Bytes bytes_of(const std::string& text)
{
    return Bytes(text.begin(), text.end());
}

inline kstd::Span<const uint8_t> span_of(const Bytes& bytes)
{
    return { bytes.data(), bytes.size() };
}

inline std::string text_of(kstd::StringView view)
{
    return std::string(view.data(), view.size());
}

// Every entry of `archive`, or the reader's error.
inline kstd::Result<std::vector<Record>> read_all(const Bytes& archive)
{
    std::vector<Record> records;
    auto keep = [&records](const fs::cpio::Entry& entry) -> kstd::Result<void> {
        std::string data(reinterpret_cast<const char*>(entry.data.data()), entry.data.size());
        records.push_back(
            { text_of(entry.path), entry.mode, entry.inode, entry.link_count, entry.modified_seconds, data });
        return {};
    };
    TRY(fs::cpio::for_each_entry(span_of(archive), keep));
    return records;
}

// Whether `command` runs (exit status 0) through the shell.
inline bool shell_succeeds(const std::string& command)
{
    return std::system((command + " >/dev/null 2>&1").c_str()) == 0;
}

// What `command` writes to stdout; `ok` says whether it exited with 0.
inline Bytes shell_output(const std::string& command, bool& ok)
{
    Bytes output;
    FILE* pipe = popen(command.c_str(), "r");
    ok = pipe != nullptr;
    if (!pipe)
        return output;
    uint8_t buffer[4096];
    size_t count;
    while ((count = fread(buffer, 1, sizeof buffer, pipe)) > 0)
        output.insert(output.end(), buffer, buffer + count);
    ok = pclose(pipe) == 0;
    return output;
}

} // namespace cpio_test
