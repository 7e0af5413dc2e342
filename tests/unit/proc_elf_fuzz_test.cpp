// proc::elf::parse on hostile files: each real executable with every byte of its ELF
// header, then every field of every program header, set in turn to hostile values (zero,
// all ones, huge, just past the end of the file or of user space, off by one), every
// truncation of the file, and random multi-byte corruption of its first page. Under ASan
// and UBSan nothing may crash; each result must be ENOEXEC or EINVAL, or an Image whose
// segments all lie inside the file and inside user space (elf_test::expect_sane). The
// musl build is cut at every length; the glibc ones (800 KB) at every length up to 8 KiB
// and around their last segment's end, and every 509th length between.
#include "proc_elf_test_support.hpp"
#include <algorithm>
#include <random>

using elf_test::expect_sane;
using elf_test::parse_bytes;

namespace {

const char* const programs[] = { KEEL_TEST_MUSL_PROGRAM, KEEL_TEST_GLIBC_PROGRAM, KEEL_TEST_STATIC_PIE_PROGRAM };

// Accepted and sane, or refused with ENOEXEC/EINVAL. Returns whether it was accepted.
bool expect_acceptable_outcome(const std::vector<uint8_t>& bytes, size_t size, const std::string& what)
{
    auto result = parse_bytes(bytes, size);
    if (result.is_error()) {
        auto code = result.error().code();
        EXPECT_TRUE(code == kstd::Errno::ExecFormatError || code == kstd::Errno::InvalidArgument)
            << what << ": " << result.error().name().data();
        return false;
    }
    SCOPED_TRACE(what);
    expect_sane(result.value(), size);
    return true;
}

struct Outcomes {
    size_t accepted = 0;
    size_t refused = 0;
    void add(bool was_accepted) { ++(was_accepted ? accepted : refused); }
};

} // namespace

TEST(ProcElfFuzz, EveryHeaderByteCorrupted)
{
    for (const char* path : programs) {
        auto original = elf_test::read_file(path);
        Outcomes outcomes;
        for (size_t offset = 0; offset < sizeof(Elf64_Ehdr); ++offset) {
            uint8_t byte = original[offset];
            for (uint8_t value : { uint8_t { 0 }, uint8_t { 0xff }, uint8_t { 0x80 }, uint8_t(byte + 1), uint8_t(byte - 1) }) {
                original[offset] = value;
                outcomes.add(expect_acceptable_outcome(original, original.size(),
                                                       std::string(path) + " byte " + std::to_string(offset) + " = " + std::to_string(value)));
                original[offset] = byte;
            }
        }
        // Bytes the loader ignores (e_ident padding, section headers, flags) keep it valid;
        // the ones it checks do not.
        EXPECT_GT(outcomes.accepted, 50u) << path;
        EXPECT_GT(outcomes.refused, 50u) << path;
    }
}

TEST(ProcElfFuzz, EveryProgramHeaderFieldCorrupted)
{
    for (const char* path : programs) {
        auto original = elf_test::read_file(path);
        Elf64_Ehdr header;
        memcpy(&header, original.data(), sizeof(header));
        const uint64_t file_size = original.size();
        Outcomes outcomes;
        for (size_t index = 0; index < header.e_phnum; ++index) {
            size_t base = header.e_phoff + index * sizeof(Elf64_Phdr);
            // (offset, size) of p_type, p_flags, p_offset, p_vaddr, p_paddr, p_filesz, p_memsz, p_align
            const std::pair<size_t, size_t> fields[] = { { 0, 4 }, { 4, 4 }, { 8, 8 }, { 16, 8 }, { 24, 8 }, { 32, 8 }, { 40, 8 }, { 48, 8 } };
            for (auto [field_offset, field_size] : fields) {
                uint64_t value = 0;
                memcpy(&value, original.data() + base + field_offset, field_size);
                const uint64_t hostile[] = { 0, ~0ull, 1ull << 63, 0x7fffffffffff, elf_test::USER_END, elf_test::USER_END - 1,
                                             file_size, file_size + 1, value + 1, value - 1, value + 4096, value - 4096,
                                             value * 2, ~0ull - value, PT_LOAD, PT_INTERP, PT_PHDR };
                for (uint64_t replacement : hostile) {
                    memcpy(original.data() + base + field_offset, &replacement, field_size);
                    outcomes.add(expect_acceptable_outcome(
                        original, original.size(),
                        std::string(path) + " phdr " + std::to_string(index) + " field at " + std::to_string(field_offset)
                            + " = " + std::to_string(replacement)));
                    memcpy(original.data() + base + field_offset, &value, field_size);
                }
            }
        }
        EXPECT_GT(outcomes.accepted, 100u) << path;
        EXPECT_GT(outcomes.refused, 100u) << path;
    }
}

TEST(ProcElfFuzz, EveryTruncation)
{
    for (const char* path : programs) {
        auto original = elf_test::read_file(path);
        // The file must hold every PT_LOAD's file part; what follows (symbols, section
        // headers) may be cut.
        Elf64_Ehdr header;
        memcpy(&header, original.data(), sizeof(header));
        uint64_t needed = 0;
        for (size_t i = 0; i < header.e_phnum; ++i) {
            Elf64_Phdr program_header;
            memcpy(&program_header, original.data() + header.e_phoff + i * sizeof(Elf64_Phdr), sizeof(program_header));
            if (program_header.p_type == PT_LOAD)
                needed = std::max(needed, program_header.p_offset + program_header.p_filesz);
        }
        ASSERT_GT(needed, 4096u);
        // Every length of the musl file; of the others, every length up to 8 KiB (headers
        // and first pages) and around the segments' end, elsewhere every 509th, to keep
        // the test quick under the sanitizers.
        bool every_length = original.size() < 65536;
        auto next_size = [&](size_t size) -> size_t {
            bool near_the_end = size + 64 >= needed && size <= needed + 64;
            if (every_length || size < 8192 || near_the_end)
                return size + 1;
            if (size < needed - 64 && size + 509 > needed - 64)
                return needed - 64;
            return size + 509;
        };
        for (size_t size = 0; size <= original.size(); size = next_size(size)) {
            auto result = parse_bytes(original, size);
            if (size < needed) {
                ASSERT_TRUE(result.is_error()) << path << " cut at " << size;
                ASSERT_EQ(result.error().code(), kstd::Errno::ExecFormatError) << path << " cut at " << size;
            } else {
                ASSERT_FALSE(result.is_error()) << path << " cut at " << size;
                if (size == needed)
                    expect_sane(result.value(), size);
            }
        }
    }
}

TEST(ProcElfFuzz, RandomCorruptionOfTheFirstPage)
{
    std::mt19937_64 random(12); // fixed seed: the same files every run
    for (const char* path : programs) {
        auto original = elf_test::read_file(path);
        auto bytes = original;
        for (int round = 0; round < 3000; ++round) {
            int changes = 1 + static_cast<int>(random() % 6);
            size_t changed[6];
            for (int i = 0; i < changes; ++i) {
                changed[i] = random() % 1024;
                bytes[changed[i]] = static_cast<uint8_t>(random());
            }
            expect_acceptable_outcome(bytes, bytes.size(), std::string(path) + " round " + std::to_string(round));
            if (HasFailure())
                return;
            for (int i = 0; i < changes; ++i)
                bytes[changed[i]] = original[changed[i]];
        }
    }
}

TEST(ProcElfFuzz, ReaderErrorsArePassedUp)
{
    struct FailingReader final : proc::elf::Reader {
        std::vector<uint8_t> bytes;
        size_t fail_after_calls;
        bool short_reads;
        size_t calls = 0;
        kstd::Result<size_t> read(uint64_t offset, void* buffer, size_t length) override
        {
            if (calls++ >= fail_after_calls)
                return short_reads ? kstd::Result<size_t>(size_t { length / 2 }) : kstd::Result<size_t>(kstd::Errno::IoError);
            proc::elf::MemoryReader inner(bytes.data(), bytes.size());
            return inner.read(offset, buffer, length);
        }
        uint64_t size() const override { return bytes.size(); }
    };
    auto original = elf_test::read_file(KEEL_TEST_GLIBC_PROGRAM);
    for (size_t fail_after = 0; fail_after < 2; ++fail_after) {
        FailingReader failing;
        failing.bytes = original;
        failing.fail_after_calls = fail_after;
        failing.short_reads = false;
        auto result = proc::elf::parse(failing, elf_test::USER_END);
        ASSERT_TRUE(result.is_error());
        EXPECT_EQ(result.error().code(), kstd::Errno::IoError);
        FailingReader lying;
        lying.bytes = original;
        lying.fail_after_calls = fail_after;
        lying.short_reads = true;
        auto short_result = proc::elf::parse(lying, elf_test::USER_END);
        ASSERT_TRUE(short_result.is_error());
        EXPECT_EQ(short_result.error().code(), kstd::Errno::ExecFormatError);
    }
}

TEST(ProcElfFuzz, PositionIndependentSpanMustFitUserSpace)
{
    auto bytes = elf_test::read_file(KEEL_TEST_STATIC_PIE_PROGRAM);
    auto image = parse_bytes(bytes);
    ASSERT_FALSE(image.is_error());
    uint64_t span = image.value().highest_address;
    proc::elf::MemoryReader reader(bytes.data(), bytes.size());
    EXPECT_FALSE(proc::elf::parse(reader, span).is_error());
    auto too_small = proc::elf::parse(reader, span - 4096);
    ASSERT_TRUE(too_small.is_error());
    EXPECT_EQ(too_small.error().code(), kstd::Errno::InvalidArgument);
}
