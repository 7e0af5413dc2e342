// The initial stack (see initial_stack.hpp). The layout is computed first as depths below
// the stack top, so the limits are checked and the size known before a byte is written;
// then it is written top down: end marker, AT_EXECFN, the strings, AT_PLATFORM,
// AT_RANDOM, and last the table of argc, pointers and auxiliary vector, whose words go
// out in batches so that a long argv costs few writer calls. Padding is written as
// zeros, so every byte of [rsp, top) is defined.
#include <kstd/align.hpp>
#include <initializer_list>
#include <proc/initial_stack.hpp>

namespace proc {

namespace {

// Auxiliary vector types (Linux's include/uapi/linux/auxvec.h).
constexpr uint64_t AT_NULL = 0, AT_PHDR = 3, AT_PHENT = 4, AT_PHNUM = 5, AT_PAGESZ = 6, AT_BASE = 7,
                   AT_FLAGS = 8, AT_ENTRY = 9, AT_UID = 11, AT_EUID = 12, AT_GID = 13, AT_EGID = 14,
                   AT_PLATFORM = 15, AT_HWCAP = 16, AT_CLKTCK = 17, AT_SECURE = 23, AT_RANDOM = 25,
                   AT_HWCAP2 = 26, AT_EXECFN = 31;
constexpr uint64_t PAGE_SIZE = 4096;
constexpr uint64_t CLOCK_TICKS_PER_SECOND = 100; // USER_HZ, what times() counts in
constexpr size_t AUXILIARY_PAIRS = 19;           // AT_NULL included; 18 without AT_PLATFORM
constexpr uint8_t zeros[16] = {};

// Depths below the stack top of each part of the layout.
struct Layout {
    uint64_t execfn;   // AT_EXECFN's string starts this far below the top
    uint64_t strings;  // argv[0]'s string
    uint64_t platform; // AT_PLATFORM's string
    uint64_t random;   // AT_RANDOM's bytes
    uint64_t table;    // argc: the stack pointer
    uint64_t table_words;
};

uint64_t sum_of_sizes(kstd::Span<const kstd::StringView> strings)
{
    uint64_t total = 0;
    for (const auto& string : strings)
        total += string.size() + 1;
    return total;
}

kstd::Result<Layout> lay_out(const StackContents& contents)
{
    TRY(check_argument_limits(contents));
    Layout layout {};
    layout.execfn = 8 + contents.executable_path.size() + 1;
    layout.strings = layout.execfn + sum_of_sizes(contents.arguments) + sum_of_sizes(contents.environment);
    uint64_t platform_size = contents.auxiliary.platform.empty() ? 0 : contents.auxiliary.platform.size() + 1;
    layout.platform = kstd::align_up(layout.strings, 16) + platform_size;
    layout.random = layout.platform + 16;
    size_t pairs = contents.auxiliary.platform.empty() ? AUXILIARY_PAIRS - 1 : AUXILIARY_PAIRS;
    layout.table_words = 1 + (contents.arguments.size() + 1) + (contents.environment.size() + 1) + 2 * pairs;
    layout.table = kstd::align_up(layout.random + layout.table_words * 8, 16);
    return layout;
}

// Collects the table's words and writes them in batches, upwards from the stack pointer.
class WordWriter {
public:
    WordWriter(StackWriter& writer, uint64_t address) : m_writer(writer), m_address(address) {}
    kstd::Result<void> push(uint64_t word)
    {
        m_words[m_count++] = word;
        if (m_count == BATCH)
            return flush();
        return {};
    }
    kstd::Result<void> flush()
    {
        TRY(m_writer.write(m_address, m_words, m_count * sizeof(uint64_t)));
        m_address += m_count * sizeof(uint64_t);
        m_count = 0;
        return {};
    }

private:
    static constexpr size_t BATCH = 64;
    StackWriter& m_writer;
    uint64_t m_address;
    uint64_t m_words[BATCH];
    size_t m_count = 0;
};

kstd::Result<void> write_string(StackWriter& writer, uint64_t address, kstd::StringView string)
{
    if (!string.empty())
        TRY(writer.write(address, string.data(), string.size()));
    return writer.write(address + string.size(), zeros, 1);
}

// Padding: fewer than 16 bytes.
kstd::Result<void> write_zeros(StackWriter& writer, uint64_t address, uint64_t length)
{
    if (length == 0)
        return {};
    return writer.write(address, zeros, length);
}

} // namespace

kstd::Result<void> BufferStackWriter::write(uint64_t user_address, const void* bytes, size_t length)
{
    if (user_address < m_base || user_address - m_base > m_size || length > m_size - (user_address - m_base))
        return kstd::Errno::BadAddress;
    __builtin_memcpy(m_buffer + (user_address - m_base), bytes, length);
    return {};
}

kstd::Result<void> check_argument_limits(const StackContents& contents)
{
    if (contents.arguments.size() > MAX_ARGUMENT_STRINGS || contents.environment.size() > MAX_ARGUMENT_STRINGS)
        return kstd::Errno::ArgumentListTooLong;
    // Each term is at most 2^31 strings of at most 2^17 bytes: no overflow.
    uint64_t total = (contents.arguments.size() + contents.environment.size()) * sizeof(uint64_t);
    for (auto list : { contents.arguments, contents.environment }) {
        for (const auto& string : list) {
            if (string.size() + 1 > MAX_ARGUMENT_STRING_SIZE)
                return kstd::Errno::ArgumentListTooLong;
            total += string.size() + 1;
        }
    }
    if (contents.executable_path.size() + 1 > MAX_ARGUMENT_STRING_SIZE)
        return kstd::Errno::ArgumentListTooLong;
    total += contents.executable_path.size() + 1;
    if (total > MAX_ARGUMENT_BYTES)
        return kstd::Errno::ArgumentListTooLong;
    return {};
}

kstd::Result<uint64_t> initial_stack_size(const StackContents& contents)
{
    return TRY(lay_out(contents)).table;
}

kstd::Result<InitialStack> build_initial_stack(StackWriter& writer, uint64_t stack_top, const StackContents& contents)
{
    if (!kstd::is_aligned(stack_top, 16))
        return kstd::Errno::InvalidArgument;
    Layout layout = TRY(lay_out(contents));
    if (layout.table > stack_top)
        return kstd::Errno::BadAddress;

    TRY(writer.write(stack_top - 8, zeros, 8));
    uint64_t execfn = stack_top - layout.execfn;
    TRY(write_string(writer, execfn, contents.executable_path));
    uint64_t strings = stack_top - layout.strings;
    uint64_t next = strings;
    for (auto list : { contents.arguments, contents.environment }) {
        for (const auto& string : list) {
            TRY(write_string(writer, next, string));
            next += string.size() + 1;
        }
    }
    uint64_t platform = stack_top - layout.platform;
    uint64_t random = stack_top - layout.random;
    const AuxiliaryValues& values = contents.auxiliary;
    TRY(write_zeros(writer, kstd::align_down(strings, 16), strings - kstd::align_down(strings, 16)));
    if (!values.platform.empty())
        TRY(write_string(writer, platform, values.platform));
    TRY(writer.write(random, values.random, sizeof(values.random)));
    uint64_t stack_pointer = stack_top - layout.table;
    uint64_t table_end = stack_pointer + layout.table_words * 8;
    TRY(write_zeros(writer, table_end, random - table_end));

    WordWriter words(writer, stack_pointer);
    TRY(words.push(contents.arguments.size()));
    next = strings;
    for (auto list : { contents.arguments, contents.environment }) {
        for (const auto& string : list) {
            TRY(words.push(next));
            next += string.size() + 1;
        }
        TRY(words.push(0));
    }
    const uint64_t auxiliary[AUXILIARY_PAIRS][2] = {
        { AT_HWCAP, values.hardware_capabilities },
        { AT_PAGESZ, PAGE_SIZE },
        { AT_CLKTCK, CLOCK_TICKS_PER_SECOND },
        { AT_PHDR, values.program_headers_address },
        { AT_PHENT, values.program_header_size },
        { AT_PHNUM, values.program_header_count },
        { AT_BASE, values.interpreter_base },
        { AT_FLAGS, 0 },
        { AT_ENTRY, values.entry },
        { AT_UID, values.uid },
        { AT_EUID, values.euid },
        { AT_GID, values.gid },
        { AT_EGID, values.egid },
        { AT_SECURE, values.secure ? 1u : 0u },
        { AT_RANDOM, random },
        { AT_HWCAP2, values.hardware_capabilities2 },
        { AT_EXECFN, execfn },
        { AT_PLATFORM, platform },
        { AT_NULL, 0 },
    };
    for (const auto& pair : auxiliary) {
        if (pair[0] == AT_PLATFORM && values.platform.empty())
            continue;
        TRY(words.push(pair[0]));
        TRY(words.push(pair[1]));
    }
    TRY(words.flush());
    return InitialStack { stack_pointer, layout.table };
}

} // namespace proc
