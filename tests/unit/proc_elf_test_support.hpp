// Helpers for the proc::elf tests: the real executables the build made (the musl and
// glibc builds of user/hello.c and a static PIE), a small synthetic executable built
// with the host's <elf.h> structures, the invariants every accepted Image must satisfy
// whatever the input, and the kernel log's last line.
#pragma once
#include <elf.h>
#include <fstream>
#include <gtest/gtest.h>
#include <iterator>
#include <log/log.hpp>
#include <proc/elf.hpp>
#include <string>
#include <string.h>
#include <vector>

namespace elf_test {

// x86_64's user_address_end() (Linux's TASK_SIZE_MAX).
inline constexpr uint64_t USER_END = 0x7ffffffff000;

inline std::vector<uint8_t> read_file(const char* path)
{
    std::ifstream in(path, std::ios::binary);
    EXPECT_TRUE(in.good()) << path;
    return { std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>() };
}

inline kstd::Result<proc::elf::Image> parse_bytes(const std::vector<uint8_t>& bytes, size_t size)
{
    proc::elf::MemoryReader reader(bytes.data(), size);
    return proc::elf::parse(reader, USER_END);
}

inline kstd::Result<proc::elf::Image> parse_bytes(const std::vector<uint8_t>& bytes)
{
    return parse_bytes(bytes, bytes.size());
}

inline std::string last_log_line()
{
    std::string last;
    klog::for_each_record(
        [](const klog::Record& record, void* context) {
            *static_cast<std::string*>(context) = std::string(record.text.view().data(), record.text.view().size());
        },
        &last);
    return last;
}

// What must hold of any Image parse() returns for a file of `file_size` bytes.
inline void expect_sane(const proc::elf::Image& image, uint64_t file_size, uint64_t user_end = USER_END)
{
    ASSERT_GE(image.segment_count, 1u);
    ASSERT_LE(image.segment_count, proc::elf::MAX_SEGMENTS);
    EXPECT_EQ(image.program_header_size, 56u);
    EXPECT_GE(image.program_header_count, 1u);
    bool entry_found = false;
    uint64_t previous_end = 0;
    for (size_t i = 0; i < image.segment_count; ++i) {
        const auto& segment = image.segments[i];
        EXPECT_LE(segment.file_size, segment.memory_size);
        EXPECT_LE(segment.file_offset, file_size);
        EXPECT_LE(segment.file_size, file_size - segment.file_offset);
        EXPECT_GT(segment.memory_size, 0u);
        EXPECT_LE(segment.virtual_address, user_end);
        EXPECT_LE(segment.memory_size, user_end - segment.virtual_address);
        EXPECT_EQ((segment.virtual_address - segment.file_offset) % 4096, 0u);
        if (!image.position_independent) {
            EXPECT_GE(segment.virtual_address, proc::elf::LOWEST_USER_ADDRESS);
        }
        uint64_t page = segment.virtual_address & ~uint64_t { 4095 };
        if (i > 0) {
            EXPECT_GE(page, previous_end) << "segment " << i;
        } else {
            EXPECT_EQ(image.lowest_address, page);
        }
        previous_end = (segment.virtual_address + segment.memory_size + 4095) & ~uint64_t { 4095 };
        bool executable = (segment.protection & mm::Protection::Execute) != mm::Protection::None;
        if (executable && image.entry >= segment.virtual_address
            && image.entry - segment.virtual_address < segment.memory_size)
            entry_found = true;
    }
    EXPECT_EQ(image.highest_address, previous_end);
    EXPECT_LE(image.highest_address, user_end);
    EXPECT_TRUE(entry_found);
}

// A small valid ET_EXEC: header, `count` program headers right after it, and a text
// segment (R+X, the first page of the file, mapped at 0x400000) plus a data segment
// (R+W, 0x1000 bytes of file then bss) at 0x401000. Tests change fields then parse.
struct SyntheticElf {
    std::vector<uint8_t> bytes;

    explicit SyntheticElf(size_t extra_headers = 0)
    {
        bytes.assign(0x2000, 0x90);
        Elf64_Ehdr header {};
        memcpy(header.e_ident, ELFMAG, SELFMAG);
        header.e_ident[EI_CLASS] = ELFCLASS64;
        header.e_ident[EI_DATA] = ELFDATA2LSB;
        header.e_ident[EI_VERSION] = EV_CURRENT;
        header.e_type = ET_EXEC;
        header.e_machine = EM_X86_64;
        header.e_version = EV_CURRENT;
        header.e_entry = 0x400800;
        header.e_phoff = sizeof(Elf64_Ehdr);
        header.e_ehsize = sizeof(Elf64_Ehdr);
        header.e_phentsize = sizeof(Elf64_Phdr);
        header.e_phnum = static_cast<uint16_t>(2 + extra_headers);
        memcpy(bytes.data(), &header, sizeof(header));
        set_program_header(0, { PT_LOAD, PF_R | PF_X, 0, 0x400000, 0x400000, 0x1000, 0x1000, 0x1000 });
        set_program_header(1, { PT_LOAD, PF_R | PF_W, 0x1000, 0x401000, 0x401000, 0x1000, 0x3000, 0x1000 });
        for (size_t i = 0; i < extra_headers; ++i)
            set_program_header(2 + i, { PT_NOTE, PF_R, 0, 0, 0, 0, 0, 4 });
    }
    Elf64_Ehdr header() const
    {
        Elf64_Ehdr header;
        memcpy(&header, bytes.data(), sizeof(header));
        return header;
    }
    void set_header(const Elf64_Ehdr& header) { memcpy(bytes.data(), &header, sizeof(header)); }
    Elf64_Phdr program_header(size_t index) const
    {
        Elf64_Phdr program_header;
        memcpy(&program_header, bytes.data() + header().e_phoff + index * sizeof(Elf64_Phdr), sizeof(program_header));
        return program_header;
    }
    void set_program_header(size_t index, const Elf64_Phdr& program_header)
    {
        memcpy(bytes.data() + sizeof(Elf64_Ehdr) + index * sizeof(Elf64_Phdr), &program_header, sizeof(program_header));
    }
};

} // namespace elf_test
