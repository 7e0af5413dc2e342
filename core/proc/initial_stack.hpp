// proc: the stack a new program finds at its entry point (System V x86_64 ABI, 3.4.1).
//
// execve gives the new program its arguments, environment and a few facts about itself
// on its stack. From the stack pointer up (every slot 8 bytes):
//
//     rsp ->  argc
//             argv[0] .. argv[argc - 1], NULL
//             envp[0] .. envp[envc - 1], NULL
//             auxiliary vector: (type, value) pairs ending with (AT_NULL, 0)
//             padding to 16 bytes
//             AT_RANDOM's 16 bytes, AT_PLATFORM's string ("x86_64"), padding to 16
//             the argument strings, then the environment strings (argv[0] lowest)
//             AT_EXECFN's string, 8 zero bytes       <- stack top
//
// That is Linux's layout (fs/exec.c, fs/binfmt_elf.c create_elf_tables), without its
// random shift of the stack. rsp is 16-byte aligned, as the ABI requires at process
// entry. The auxiliary vector is Linux's for a static program without a vDSO, in
// Linux's order: AT_HWCAP, AT_PAGESZ, AT_CLKTCK, AT_PHDR, AT_PHENT, AT_PHNUM, AT_BASE,
// AT_FLAGS, AT_ENTRY, AT_UID, AT_EUID, AT_GID, AT_EGID, AT_SECURE, AT_RANDOM,
// AT_HWCAP2, AT_EXECFN, AT_PLATFORM. (No AT_MINSIGSTKSZ: libcs fall back to their own
// figure, and Keel has no signal frames yet.)
//
// Limits, as Linux's with an 8 MiB RLIMIT_STACK: a string may be at most
// MAX_ARGUMENT_STRING_SIZE bytes with its NUL (MAX_ARG_STRLEN, 32 pages); all the
// strings (arguments, environment, AT_EXECFN) with their NULs plus one 8-byte pointer per
// argument and environment string at most MAX_ARGUMENT_BYTES (a quarter of the stack
// limit); at most MAX_ARGUMENT_STRINGS of each. Beyond them: E2BIG.
#pragma once
#include <kstd/result.hpp>
#include <kstd/span.hpp>
#include <kstd/string_view.hpp>
#include <stddef.h>
#include <stdint.h>

namespace proc {

inline constexpr size_t MAX_ARGUMENT_STRING_SIZE = 32 * 4096;
inline constexpr size_t MAX_ARGUMENT_STRINGS = 0x7fffffff;
inline constexpr size_t MAX_ARGUMENT_BYTES = 8 * 1024 * 1024 / 4;

// Where the stack's bytes go: the new address space (exec), or a buffer (tests).
// write() fails (EFAULT) when the range is not writable stack.
class StackWriter {
public:
    virtual kstd::Result<void> write(uint64_t user_address, const void* bytes, size_t length) = 0;

protected:
    ~StackWriter() = default;
};

// A StackWriter into a kernel buffer that stands for [base_address, +size).
class BufferStackWriter final : public StackWriter {
public:
    BufferStackWriter(void* buffer, size_t size, uint64_t base_address)
        : m_buffer(static_cast<uint8_t*>(buffer)), m_size(size), m_base(base_address) {}
    kstd::Result<void> write(uint64_t user_address, const void* bytes, size_t length) override;

private:
    uint8_t* m_buffer;
    size_t m_size;
    uint64_t m_base;
};

// What the auxiliary vector says about the program (addresses with the load bias in).
struct AuxiliaryValues {
    uint64_t program_headers_address = 0; // AT_PHDR
    uint64_t program_header_size = 0;     // AT_PHENT
    uint64_t program_header_count = 0;    // AT_PHNUM
    uint64_t entry = 0;                   // AT_ENTRY
    uint64_t interpreter_base = 0;        // AT_BASE (0: no interpreter)
    uint64_t uid = 0, euid = 0, gid = 0, egid = 0;
    uint64_t hardware_capabilities = 0;   // AT_HWCAP (hal::user_hardware_capabilities())
    uint64_t hardware_capabilities2 = 0;  // AT_HWCAP2
    bool secure = false;                  // AT_SECURE
    kstd::StringView platform;            // AT_PLATFORM (hal::user_platform()); empty: none
    uint8_t random[16] = {};              // AT_RANDOM's bytes
};

struct StackContents {
    kstd::Span<const kstd::StringView> arguments;   // argv; no NUL inside a string
    kstd::Span<const kstd::StringView> environment; // envp, "NAME=value" strings
    kstd::StringView executable_path;               // AT_EXECFN: the path exec was given
    AuxiliaryValues auxiliary;
};

struct InitialStack {
    uint64_t stack_pointer; // rsp at entry: points at argc, 16-byte aligned
    uint64_t size;          // bytes from stack_pointer up to the stack top
};

// E2BIG when the strings break the limits above (checked before anything is written).
kstd::Result<void> check_argument_limits(const StackContents& contents);
// How many bytes below a (16-byte aligned) stack top the layout takes; E2BIG as above.
kstd::Result<uint64_t> initial_stack_size(const StackContents& contents);
// Lays the stack out below `stack_top` (16-byte aligned, else EINVAL) through `writer`:
// E2BIG as above (nothing written), EFAULT when the layout does not fit below the top or
// the writer fails.
kstd::Result<InitialStack> build_initial_stack(StackWriter& writer, uint64_t stack_top,
                                               const StackContents& contents);

} // namespace proc
