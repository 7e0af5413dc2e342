// proc::elf: checks that a file is a static x86_64 ELF executable Keel can load, and
// describes what exec must map.
//
// Everything in the file is untrusted: a user can exec any bytes. parse() reads the ELF
// header and the program headers through a Reader (the VFS implements one for a file;
// MemoryReader serves a buffer), checks every field a loader relies on, and returns an
// Image: the entry point, the PT_LOAD segments in address order with their protections,
// and where the program headers are in memory (AT_PHDR). Nothing is mapped here, so the
// checks are the whole defence: every segment of a returned Image lies inside the file
// (its file part) and inside user space, segments do not overlap or share a page, and no
// sum overflows. Linux's fs/binfmt_elf.c is the reference: ENOEXEC when the file is not
// an executable for this machine (bad magic, class, machine, type, header sizes, a file
// too short), EINVAL where Linux's mapping would fail with EINVAL (p_filesz > p_memsz, an
// address beyond user space, p_vaddr and p_offset not congruent modulo the page size).
// Each refusal logs one line naming the field.
//
// Addresses of a position-independent image (ET_DYN, static PIE) are relative: exec adds
// a load bias to all of them. Dynamic executables (PT_INTERP) are refused for now.
//
// parse_interpreter_line() reads the "#!interpreter [argument]" line of a script the way
// Linux's binfmt_script does.
#pragma once
#include <kstd/result.hpp>
#include <kstd/string_view.hpp>
#include <mm/page_table_entry.hpp>
#include <stddef.h>
#include <stdint.h>

namespace proc::elf {

// Where parse() gets the file's bytes. read() returns how many bytes it copied, fewer
// than `length` only at the end of the file; an error is passed up unchanged (EIO).
class Reader {
public:
    virtual kstd::Result<size_t> read(uint64_t offset, void* buffer, size_t length) = 0;
    virtual uint64_t size() const = 0;

protected:
    ~Reader() = default;
};

// A Reader over bytes already in memory.
class MemoryReader final : public Reader {
public:
    MemoryReader(const void* bytes, size_t size) : m_bytes(static_cast<const uint8_t*>(bytes)), m_size(size) {}
    kstd::Result<size_t> read(uint64_t offset, void* buffer, size_t length) override;
    uint64_t size() const override { return m_size; }

private:
    const uint8_t* m_bytes;
    size_t m_size;
};

// Linux reads at most 64 KiB of program headers (e_phnum * 56); so do we.
inline constexpr size_t PROGRAM_HEADER_SIZE = 56;
inline constexpr size_t MAX_PROGRAM_HEADERS = 65536 / PROGRAM_HEADER_SIZE;
// PT_LOAD segments an Image can hold; toolchains emit four (R, RX, R, RW).
inline constexpr size_t MAX_SEGMENTS = 16;
// The lowest address an ET_EXEC may map: Debian's vm.mmap_min_addr, so page zero (and
// the pages NULL plus a small offset reach) can never be mapped by a program.
inline constexpr uint64_t LOWEST_USER_ADDRESS = 0x10000;

// One PT_LOAD: map [virtual_address, +memory_size), the first file_size bytes from the
// file at file_offset, the rest zero. virtual_address and file_offset are equal modulo
// the page size; neither need be page aligned.
struct Segment {
    uint64_t virtual_address;
    uint64_t memory_size;
    uint64_t file_offset;
    uint64_t file_size;
    mm::Protection protection; // Read/Write/Execute from p_flags (None for p_flags 0)
};

struct Image {
    bool position_independent; // ET_DYN: every address below is relative to the load bias
    uint64_t entry;
    // The program headers in memory (AT_PHDR): PT_PHDR's address, else the address of
    // e_phoff in the PT_LOAD whose file part holds the table's start, else 0 (as Linux).
    uint64_t program_headers_address;
    uint16_t program_header_size;  // AT_PHENT (56)
    uint16_t program_header_count; // AT_PHNUM
    Segment segments[MAX_SEGMENTS]; // ascending, disjoint, no two sharing a page
    size_t segment_count;           // at least 1
    // Page-rounded span of the segments: lowest_address is the first segment's page,
    // highest_address the end of the last one's last page (where the heap may start).
    uint64_t lowest_address;
    uint64_t highest_address;
};

// Validates `file` as a static ELF64 x86_64 executable whose segments must all end at or
// below `user_address_end` (hal::user_address_end(); for a position-independent image,
// its whole span must fit below it). ENOEXEC or EINVAL as described above, or the
// reader's error.
kstd::Result<Image> parse(Reader& file, uint64_t user_address_end);

// True when the first bytes are "\x7fELF" (the caller then calls parse()).
bool has_elf_magic(const void* bytes, size_t length);

// --- "#!" scripts ---
// Linux looks at the first BINPRM_BUF_SIZE bytes of a file only.
inline constexpr size_t INTERPRETER_LINE_MAX = 256;

struct InterpreterLine {
    kstd::StringView interpreter; // the path after "#!" and any spaces or tabs
    kstd::StringView argument;    // everything after it up to the line's end, trailing
                                  // blanks trimmed; empty when there is none
    bool has_argument;
};

// Parses the first `length` bytes of a file (at most INTERPRETER_LINE_MAX are looked at;
// bytes past `length` count as NUL, like the zeroed buffer Linux reads into). The views
// point into `bytes`. ENOEXEC when the bytes do not start with "#!", when no interpreter
// name follows, or when the line does not end within the first 256 bytes and the name
// may have been cut.
kstd::Result<InterpreterLine> parse_interpreter_line(const char* bytes, size_t length);

} // namespace proc::elf
