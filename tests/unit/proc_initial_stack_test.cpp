// proc::build_initial_stack: the stack is laid out into a host buffer standing for the
// top of a user stack, then read back the way a libc's _start does (argc, argv, envp, the
// auxiliary vector up to AT_NULL) and every value and string is checked, with the AT_*
// numbers from the host's <elf.h>. The order of the auxiliary vector is compared with
// the one the host's Linux gave this very process (/proc/self/auxv). Then the E2BIG
// limits, and the errors of a stack that does not fit.
#include <algorithm>
#include <elf.h>
#include <fstream>
#include <gtest/gtest.h>
#include <map>
#include <proc/initial_stack.hpp>
#include <string>
#include <string.h>
#include <vector>

namespace {

constexpr uint64_t TOP = 0x7ffffffff000;
constexpr size_t BUFFER_SIZE = 64 * 1024;

struct Parsed {
    uint64_t argc = 0;
    std::vector<std::string> argv, envp;
    std::vector<std::pair<uint64_t, uint64_t>> auxv;
    std::map<uint64_t, uint64_t> aux;
};

struct StackTest {
    explicit StackTest(size_t size = BUFFER_SIZE) : memory(size, 0xcc), base(TOP - size) {}
    std::vector<uint8_t> memory;
    uint64_t base;

    kstd::Result<proc::InitialStack> build(const proc::StackContents& contents, uint64_t top = TOP)
    {
        proc::BufferStackWriter writer(memory.data(), memory.size(), base);
        return proc::build_initial_stack(writer, top, contents);
    }
    uint64_t word(uint64_t address) const
    {
        EXPECT_GE(address, base);
        EXPECT_LE(address + 8, TOP);
        uint64_t value;
        memcpy(&value, memory.data() + (address - base), 8);
        return value;
    }
    std::string string_at(uint64_t address) const
    {
        EXPECT_GE(address, base);
        EXPECT_LT(address, TOP);
        return reinterpret_cast<const char*>(memory.data() + (address - base));
    }
    // What a libc's start code does with rsp.
    Parsed parse(uint64_t rsp) const
    {
        Parsed parsed;
        parsed.argc = word(rsp);
        uint64_t at = rsp + 8;
        for (uint64_t i = 0; i < parsed.argc; ++i, at += 8)
            parsed.argv.push_back(string_at(word(at)));
        EXPECT_EQ(word(at), 0u) << "argv[argc] is NULL";
        for (at += 8; word(at) != 0; at += 8)
            parsed.envp.push_back(string_at(word(at)));
        for (at += 8;; at += 16) {
            parsed.auxv.emplace_back(word(at), word(at + 8));
            if (word(at) == AT_NULL)
                break;
            parsed.aux[word(at)] = word(at + 8);
        }
        return parsed;
    }
};

std::vector<kstd::StringView> views(const std::vector<std::string>& strings)
{
    std::vector<kstd::StringView> result;
    for (const auto& string : strings)
        result.emplace_back(string.data(), string.size());
    return result;
}

proc::StackContents contents_of(const std::vector<kstd::StringView>& argv, const std::vector<kstd::StringView>& envp,
                                const char* execfn = "/bin/hello")
{
    proc::StackContents contents;
    contents.arguments = { argv.data(), argv.size() };
    contents.environment = { envp.data(), envp.size() };
    contents.executable_path = execfn;
    auto& aux = contents.auxiliary;
    aux.program_headers_address = 0x400040;
    aux.program_header_size = 56;
    aux.program_header_count = 10;
    aux.entry = 0x401bc0;
    aux.uid = 1;
    aux.euid = 2;
    aux.gid = 3;
    aux.egid = 4;
    aux.hardware_capabilities = 0x178bfbff;
    aux.platform = "x86_64";
    for (int i = 0; i < 16; ++i)
        aux.random[i] = static_cast<uint8_t>(0xa0 + i);
    return contents;
}

} // namespace

TEST(ProcInitialStack, LibcReadsBackEverything)
{
    std::vector<std::string> argv_strings { "hello", "a", "b c", "" }, envp_strings { "HOME=/", "PATH=/bin:/usr/bin" };
    auto argv = views(argv_strings), envp = views(envp_strings);
    auto contents = contents_of(argv, envp);
    StackTest stack;
    auto result = stack.build(contents);
    ASSERT_FALSE(result.is_error());
    uint64_t rsp = result.value().stack_pointer;
    EXPECT_EQ(rsp % 16, 0u);
    EXPECT_EQ(result.value().size, TOP - rsp);
    EXPECT_EQ(proc::initial_stack_size(contents).value(), TOP - rsp);
    EXPECT_EQ(stack.word(TOP - 8), 0u) << "the end marker";

    Parsed parsed = stack.parse(rsp);
    EXPECT_EQ(parsed.argc, 4u);
    EXPECT_EQ(parsed.argv, argv_strings);
    EXPECT_EQ(parsed.envp, envp_strings);
    EXPECT_EQ(parsed.aux.size(), 18u);
    EXPECT_EQ(parsed.aux[AT_PHDR], 0x400040u);
    EXPECT_EQ(parsed.aux[AT_PHENT], 56u);
    EXPECT_EQ(parsed.aux[AT_PHNUM], 10u);
    EXPECT_EQ(parsed.aux[AT_PAGESZ], 4096u);
    EXPECT_EQ(parsed.aux[AT_BASE], 0u);
    EXPECT_EQ(parsed.aux[AT_FLAGS], 0u);
    EXPECT_EQ(parsed.aux[AT_ENTRY], 0x401bc0u);
    EXPECT_EQ(parsed.aux[AT_UID], 1u);
    EXPECT_EQ(parsed.aux[AT_EUID], 2u);
    EXPECT_EQ(parsed.aux[AT_GID], 3u);
    EXPECT_EQ(parsed.aux[AT_EGID], 4u);
    EXPECT_EQ(parsed.aux[AT_SECURE], 0u);
    EXPECT_EQ(parsed.aux[AT_HWCAP], 0x178bfbffu);
    EXPECT_EQ(parsed.aux[AT_HWCAP2], 0u);
    EXPECT_EQ(parsed.aux[AT_CLKTCK], 100u);
    EXPECT_EQ(stack.string_at(parsed.aux[AT_PLATFORM]), "x86_64");
    EXPECT_EQ(stack.string_at(parsed.aux[AT_EXECFN]), "/bin/hello");
    uint64_t random = parsed.aux[AT_RANDOM];
    for (int i = 0; i < 16; ++i)
        EXPECT_EQ(stack.memory[random - stack.base + i], 0xa0 + i);

    // Strings: argv[0] lowest, then the rest in order, then envp, then AT_EXECFN, all
    // above the table and the random bytes.
    uint64_t argv0 = stack.word(rsp + 8);
    EXPECT_GT(argv0, random + 15);
    EXPECT_EQ(stack.word(rsp + 16), argv0 + 6);
    EXPECT_EQ(parsed.aux[AT_EXECFN], TOP - 8 - strlen("/bin/hello") - 1);
    // Every byte of [rsp, TOP) is written, padding included, and nothing below rsp: a
    // buffer filled with another byte first ends up the same above rsp, and untouched
    // below it.
    StackTest other;
    std::fill(other.memory.begin(), other.memory.end(), 0x33);
    ASSERT_FALSE(other.build(contents).is_error());
    size_t offset = rsp - stack.base;
    EXPECT_TRUE(std::equal(stack.memory.begin() + offset, stack.memory.end(), other.memory.begin() + offset));
    EXPECT_EQ(std::count(stack.memory.begin(), stack.memory.begin() + offset, 0xcc), static_cast<long>(offset));
    EXPECT_EQ(std::count(other.memory.begin(), other.memory.begin() + offset, 0x33), static_cast<long>(offset));
}

TEST(ProcInitialStack, AuxiliaryVectorOrderIsLinuxs)
{
    std::ifstream in("/proc/self/auxv", std::ios::binary);
    std::vector<uint64_t> host_order;
    uint64_t pair[2];
    while (in.read(reinterpret_cast<char*>(pair), sizeof(pair)) && pair[0] != AT_NULL)
        host_order.push_back(pair[0]);
    auto contents = contents_of({}, {});
    StackTest stack;
    auto result = stack.build(contents);
    ASSERT_FALSE(result.is_error());
    Parsed parsed = stack.parse(result.value().stack_pointer);
    std::vector<uint64_t> ours;
    for (auto [type, value] : parsed.auxv) {
        if (type != AT_NULL)
            ours.push_back(type);
    }
    // The host's types we also give, in the host's order (it adds AT_SYSINFO_EHDR,
    // AT_MINSIGSTKSZ, AT_RSEQ_*...).
    std::vector<uint64_t> host_filtered;
    for (uint64_t type : host_order) {
        if (parsed.aux.count(type))
            host_filtered.push_back(type);
    }
    EXPECT_EQ(ours, host_filtered);
    EXPECT_GE(host_filtered.size(), 17u) << "the host gave most of our types";
}

TEST(ProcInitialStack, AlignedForEveryShape)
{
    for (size_t argc = 0; argc < 5; ++argc) {
        for (size_t length = 0; length < 20; ++length) {
            for (bool platform : { false, true }) {
                std::vector<std::string> argv_strings(argc, std::string(length, 'x'));
                std::vector<std::string> envp_strings(length % 3, std::string(argc, 'e'));
                auto argv = views(argv_strings), envp = views(envp_strings);
                std::string execfn(length, 'p');
                auto contents = contents_of(argv, envp, execfn.c_str());
                if (!platform)
                    contents.auxiliary.platform = {};
                StackTest stack;
                auto result = stack.build(contents);
                ASSERT_FALSE(result.is_error());
                ASSERT_EQ(result.value().stack_pointer % 16, 0u);
                Parsed parsed = stack.parse(result.value().stack_pointer);
                EXPECT_EQ(parsed.argv, argv_strings);
                EXPECT_EQ(parsed.envp, envp_strings);
                EXPECT_EQ(parsed.aux.count(AT_PLATFORM), platform ? 1u : 0u);
            }
        }
    }
}

TEST(ProcInitialStack, ArgumentLimits)
{
    const size_t max = proc::MAX_ARGUMENT_STRING_SIZE;
    std::vector<std::string> longest { std::string(max - 1, 'a') }, too_long { std::string(max, 'a') };
    auto longest_views = views(longest), too_long_views = views(too_long);
    EXPECT_FALSE(proc::check_argument_limits(contents_of(longest_views, {})).is_error());
    EXPECT_EQ(proc::check_argument_limits(contents_of(too_long_views, {})).error().code(), kstd::Errno::ArgumentListTooLong);
    EXPECT_EQ(proc::check_argument_limits(contents_of({}, too_long_views)).error().code(), kstd::Errno::ArgumentListTooLong);
    EXPECT_EQ(proc::check_argument_limits(contents_of({}, {}, too_long[0].c_str())).error().code(),
              kstd::Errno::ArgumentListTooLong);

    // 2 MiB in total, strings with their NULs plus 8 bytes per pointer, AT_EXECFN included.
    const uint64_t execfn_bytes = strlen("/bin/hello") + 1;
    std::vector<std::string> many(15, std::string(max - 1, 'm'));
    uint64_t used = 15 * (max + 8) + execfn_bytes;
    many.push_back(std::string(proc::MAX_ARGUMENT_BYTES - used - 8 - 1, 'z')); // exactly at the limit
    auto many_views = views(many);
    EXPECT_FALSE(proc::check_argument_limits(contents_of(many_views, {})).is_error());
    StackTest stack(4 * 1024 * 1024);
    auto built = stack.build(contents_of(many_views, {}));
    ASSERT_FALSE(built.is_error());
    EXPECT_EQ(stack.parse(built.value().stack_pointer).argv, many);
    many.back().push_back('z');
    many_views = views(many);
    EXPECT_EQ(proc::check_argument_limits(contents_of(many_views, {})).error().code(), kstd::Errno::ArgumentListTooLong);
    EXPECT_EQ(stack.build(contents_of({}, many_views)).error().code(), kstd::Errno::ArgumentListTooLong);

    // Pointers count: 2 MiB / 9 empty strings is too many.
    std::vector<kstd::StringView> empties(proc::MAX_ARGUMENT_BYTES / 9 + 1, kstd::StringView("", 0));
    EXPECT_EQ(proc::initial_stack_size(contents_of(empties, {})).error().code(), kstd::Errno::ArgumentListTooLong);
}

TEST(ProcInitialStack, NothingIsWrittenOnE2BIG)
{
    struct CountingWriter final : proc::StackWriter {
        int calls = 0;
        kstd::Result<void> write(uint64_t, const void*, size_t) override
        {
            ++calls;
            return {};
        }
    } writer;
    std::vector<std::string> too_long { std::string(proc::MAX_ARGUMENT_STRING_SIZE, 'a') };
    auto too_long_views = views(too_long);
    auto result = proc::build_initial_stack(writer, TOP, contents_of(too_long_views, {}));
    ASSERT_TRUE(result.is_error());
    EXPECT_EQ(result.error().code(), kstd::Errno::ArgumentListTooLong);
    EXPECT_EQ(writer.calls, 0);
}

TEST(ProcInitialStack, StacksThatDoNotFit)
{
    std::vector<std::string> argv_strings { "hello" };
    auto argv = views(argv_strings);
    auto contents = contents_of(argv, {});
    StackTest stack;
    EXPECT_EQ(stack.build(contents, TOP - 8).error().code(), kstd::Errno::InvalidArgument);
    uint64_t size = proc::initial_stack_size(contents).value();
    // A writer that reaches only part of the layout, and a top too low for it.
    stack.base = TOP - size + 16;
    EXPECT_EQ(stack.build(contents).error().code(), kstd::Errno::BadAddress);
    EXPECT_EQ(stack.build(contents, size - 16).error().code(), kstd::Errno::BadAddress);
}
