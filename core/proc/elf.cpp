// ELF64 validation (see elf.hpp). The header and program headers are decoded byte by
// byte (little endian) from copies, so a hostile file can cause neither a misaligned nor
// an out-of-bounds read; every sum of two file values is checked for overflow before it
// is used, and every refusal names its field in one log line.
#include <kstd/align.hpp>
#include <log/log.hpp>
#include <mm/frames.hpp>
#include <proc/elf.hpp>

namespace proc::elf {

namespace {

constexpr size_t HEADER_SIZE = 64;
constexpr uint16_t ET_EXEC = 2, ET_DYN = 3;
constexpr uint16_t EM_X86_64 = 62;
constexpr uint8_t ELFCLASS64 = 2, ELFDATA2LSB = 1, EV_CURRENT = 1;
constexpr uint8_t ELFOSABI_SYSV = 0, ELFOSABI_GNU = 3;
constexpr uint32_t PT_LOAD = 1, PT_INTERP = 3, PT_PHDR = 6;
constexpr uint32_t PF_X = 1, PF_W = 2, PF_R = 4;
constexpr size_t HEADERS_PER_READ = 16;

uint64_t little_endian(const uint8_t* bytes, size_t size)
{
    uint64_t value = 0;
    for (size_t i = size; i > 0; --i)
        value = (value << 8) | bytes[i - 1];
    return value;
}

template<typename... Args>
kstd::Error refuse(kstd::Errno code, kstd::StringView format, const Args&... args)
{
    klog::debug(format, args...);
    return kstd::Error::from_errno(code);
}

kstd::Result<void> read_exactly(Reader& file, uint64_t offset, void* buffer, size_t length)
{
    size_t got = TRY(file.read(offset, buffer, length));
    if (got < length)
        return refuse(kstd::Errno::ExecFormatError, "elf: file ends at {} bytes, inside its headers", offset + got);
    return {};
}

// A program header as the file has it (Elf64_Phdr).
struct ProgramHeader {
    uint32_t type, flags;
    uint64_t offset, virtual_address, file_size, memory_size;
};

ProgramHeader decode_program_header(const uint8_t* bytes)
{
    return { static_cast<uint32_t>(little_endian(bytes, 4)), static_cast<uint32_t>(little_endian(bytes + 4, 4)),
             little_endian(bytes + 8, 8), little_endian(bytes + 16, 8), little_endian(bytes + 32, 8),
             little_endian(bytes + 40, 8) };
}

mm::Protection protection_of(uint32_t flags)
{
    auto protection = mm::Protection::None;
    if (flags & PF_W)
        protection = protection | mm::Protection::Write;
    if (flags & PF_X)
        protection = protection | mm::Protection::Execute;
    // x86_64 cannot map a page writable or executable without also making it readable.
    if (flags & (PF_R | PF_W | PF_X))
        protection = protection | mm::Protection::Read;
    return protection;
}

kstd::Result<void> check_identification(const uint8_t* header)
{
    if (!has_elf_magic(header, HEADER_SIZE))
        return refuse(kstd::Errno::ExecFormatError, "elf: bad magic {:#04x} {:#04x} {:#04x} {:#04x}", header[0],
                      header[1], header[2], header[3]);
    if (header[4] != ELFCLASS64)
        return refuse(kstd::Errno::ExecFormatError, "elf: EI_CLASS {} is not ELFCLASS64 (2)", header[4]);
    if (header[5] != ELFDATA2LSB)
        return refuse(kstd::Errno::ExecFormatError, "elf: EI_DATA {} is not little endian (1)", header[5]);
    if (header[6] != EV_CURRENT)
        return refuse(kstd::Errno::ExecFormatError, "elf: EI_VERSION {} is not 1", header[6]);
    if (header[7] != ELFOSABI_SYSV && header[7] != ELFOSABI_GNU)
        return refuse(kstd::Errno::ExecFormatError, "elf: EI_OSABI {} is neither SYSV (0) nor GNU (3)", header[7]);
    return {};
}

// Adds one PT_LOAD (index `index` in the table) to the image, or says why not.
kstd::Result<void> add_segment(Image& image, const ProgramHeader& header, size_t index, uint64_t file_size,
                               uint64_t user_address_end)
{
    if (header.offset > file_size || header.file_size > file_size - header.offset)
        return refuse(kstd::Errno::ExecFormatError, "elf: segment {}: p_offset {:#x} + p_filesz {:#x} is past the end of the file ({} bytes)",
                      index, header.offset, header.file_size, file_size);
    if (header.file_size > header.memory_size)
        return refuse(kstd::Errno::InvalidArgument, "elf: segment {}: p_filesz {:#x} is larger than p_memsz {:#x}", index,
                      header.file_size, header.memory_size);
    if ((header.virtual_address - header.offset) % mm::PAGE_SIZE != 0)
        return refuse(kstd::Errno::InvalidArgument, "elf: segment {}: p_vaddr {:#x} and p_offset {:#x} differ modulo the page size",
                      index, header.virtual_address, header.offset);
    if (header.virtual_address > user_address_end || header.memory_size > user_address_end - header.virtual_address)
        return refuse(kstd::Errno::InvalidArgument, "elf: segment {}: p_vaddr {:#x} + p_memsz {:#x} is beyond user space ({:#x})",
                      index, header.virtual_address, header.memory_size, user_address_end);
    if (!image.position_independent && header.virtual_address < LOWEST_USER_ADDRESS)
        return refuse(kstd::Errno::InvalidArgument, "elf: segment {}: p_vaddr {:#x} is below {:#x}", index,
                      header.virtual_address, LOWEST_USER_ADDRESS);
    if (header.memory_size == 0)
        return {}; // maps nothing (as Linux: nothing to map)
    uint64_t page_start = kstd::align_down(header.virtual_address, mm::PAGE_SIZE);
    uint64_t page_end = kstd::align_up(header.virtual_address + header.memory_size, mm::PAGE_SIZE);
    if (image.segment_count > 0 && page_start < image.highest_address)
        return refuse(kstd::Errno::ExecFormatError, "elf: segment {}: p_vaddr {:#x} overlaps, shares a page with, or precedes the segment before it",
                      index, header.virtual_address);
    if (image.segment_count == MAX_SEGMENTS)
        return refuse(kstd::Errno::ExecFormatError, "elf: more than {} PT_LOAD segments", MAX_SEGMENTS);
    image.segments[image.segment_count++] = { header.virtual_address, header.memory_size, header.offset,
                                              header.file_size, protection_of(header.flags) };
    if (image.segment_count == 1)
        image.lowest_address = page_start;
    image.highest_address = page_end;
    return {};
}

// Is [address, address + length) inside one segment's memory? (executable: with PF_X)
bool inside_a_segment(const Image& image, uint64_t address, uint64_t length, bool executable)
{
    for (size_t i = 0; i < image.segment_count; ++i) {
        const Segment& segment = image.segments[i];
        if (executable && (segment.protection & mm::Protection::Execute) == mm::Protection::None)
            continue;
        if (address >= segment.virtual_address && length <= segment.memory_size
            && address - segment.virtual_address <= segment.memory_size - length)
            return true;
    }
    return false;
}

} // namespace

kstd::Result<size_t> MemoryReader::read(uint64_t offset, void* buffer, size_t length)
{
    if (offset >= m_size)
        return size_t { 0 };
    size_t count = length < m_size - offset ? length : static_cast<size_t>(m_size - offset);
    __builtin_memcpy(buffer, m_bytes + offset, count);
    return count;
}

bool has_elf_magic(const void* bytes, size_t length)
{
    return length >= 4 && __builtin_memcmp(bytes, "\x7f" "ELF", 4) == 0;
}

kstd::Result<Image> parse(Reader& file, uint64_t user_address_end)
{
    uint64_t file_size = file.size();
    uint8_t header[HEADER_SIZE];
    if (file_size < HEADER_SIZE)
        return refuse(kstd::Errno::ExecFormatError, "elf: the file ({} bytes) is shorter than an ELF header", file_size);
    TRY(read_exactly(file, 0, header, HEADER_SIZE));
    TRY(check_identification(header));

    auto type = static_cast<uint16_t>(little_endian(header + 16, 2));
    auto machine = static_cast<uint16_t>(little_endian(header + 18, 2));
    auto version = static_cast<uint32_t>(little_endian(header + 20, 4));
    uint64_t entry = little_endian(header + 24, 8);
    uint64_t table_offset = little_endian(header + 32, 8);
    auto header_size = static_cast<uint16_t>(little_endian(header + 54, 2));
    auto header_count = static_cast<uint16_t>(little_endian(header + 56, 2));
    if (type != ET_EXEC && type != ET_DYN)
        return refuse(kstd::Errno::ExecFormatError, "elf: e_type {} is neither ET_EXEC (2) nor ET_DYN (3)", type);
    if (machine != EM_X86_64)
        return refuse(kstd::Errno::ExecFormatError, "elf: e_machine {} is not x86_64 (62)", machine);
    if (version != EV_CURRENT)
        return refuse(kstd::Errno::ExecFormatError, "elf: e_version {} is not 1", version);
    if (header_size != PROGRAM_HEADER_SIZE)
        return refuse(kstd::Errno::ExecFormatError, "elf: e_phentsize {} is not {}", header_size, PROGRAM_HEADER_SIZE);
    if (header_count == 0 || header_count > MAX_PROGRAM_HEADERS)
        return refuse(kstd::Errno::ExecFormatError, "elf: e_phnum {} is not between 1 and {}", header_count, MAX_PROGRAM_HEADERS);
    uint64_t table_size = uint64_t { header_count } * PROGRAM_HEADER_SIZE;
    if (table_offset > file_size || table_size > file_size - table_offset)
        return refuse(kstd::Errno::ExecFormatError, "elf: e_phoff {:#x} + {} program headers is past the end of the file ({} bytes)",
                      table_offset, header_count, file_size);

    Image image {};
    image.position_independent = type == ET_DYN;
    image.entry = entry;
    image.program_header_size = header_size;
    image.program_header_count = header_count;
    bool has_phdr = false;
    uint64_t phdr_address = 0;
    uint8_t batch[HEADERS_PER_READ * PROGRAM_HEADER_SIZE];
    for (size_t first = 0; first < header_count; first += HEADERS_PER_READ) {
        size_t count = header_count - first < HEADERS_PER_READ ? header_count - first : HEADERS_PER_READ;
        TRY(read_exactly(file, table_offset + first * PROGRAM_HEADER_SIZE, batch, count * PROGRAM_HEADER_SIZE));
        for (size_t i = 0; i < count; ++i) {
            ProgramHeader program_header = decode_program_header(batch + i * PROGRAM_HEADER_SIZE);
            if (program_header.type == PT_INTERP)
                return refuse(kstd::Errno::ExecFormatError, "elf: dynamic executables are not supported yet (PT_INTERP)");
            if (program_header.type == PT_PHDR && !has_phdr) {
                has_phdr = true;
                phdr_address = program_header.virtual_address;
            }
            if (program_header.type == PT_LOAD)
                TRY(add_segment(image, program_header, first + i, file_size, user_address_end));
        }
    }
    if (image.segment_count == 0)
        return refuse(kstd::Errno::ExecFormatError, "elf: no PT_LOAD segment");
    if (!inside_a_segment(image, entry, 1, true))
        return refuse(kstd::Errno::ExecFormatError, "elf: e_entry {:#x} is not in an executable segment", entry);

    if (has_phdr) {
        if (!inside_a_segment(image, phdr_address, table_size, false))
            return refuse(kstd::Errno::ExecFormatError, "elf: PT_PHDR {:#x} is not inside a PT_LOAD segment", phdr_address);
        image.program_headers_address = phdr_address;
    } else {
        for (size_t i = 0; i < image.segment_count; ++i) {
            const Segment& segment = image.segments[i];
            // As Linux (binfmt_elf.c): the segment's file part holds the table's start.
            if (table_offset >= segment.file_offset && table_offset - segment.file_offset < segment.file_size) {
                image.program_headers_address = segment.virtual_address + (table_offset - segment.file_offset);
                break;
            }
        }
    }
    return image;
}

} // namespace proc::elf
