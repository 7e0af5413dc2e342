// proc::elf::parse on real and hand-made executables. The real ones are user/hello.c
// built by the host's musl-gcc -static and gcc -static (ET_EXEC) and gcc -static-pie
// (ET_DYN); what parse() says of them is compared with a direct reading through the
// host's <elf.h> structures (the differential check). The hand-made ones break one rule
// each and must be refused with Linux's errno and a log line naming the field.
#include "proc_elf_test_support.hpp"

using elf_test::expect_sane;
using elf_test::last_log_line;
using elf_test::parse_bytes;
using elf_test::SyntheticElf;

namespace {

mm::Protection expected_protection(uint32_t flags)
{
    auto protection = mm::Protection::None;
    if (flags & (PF_R | PF_W | PF_X))
        protection = protection | mm::Protection::Read;
    if (flags & PF_W)
        protection = protection | mm::Protection::Write;
    if (flags & PF_X)
        protection = protection | mm::Protection::Execute;
    return protection;
}

// Reads `bytes` with <elf.h> and checks that `image` says the same.
void expect_matches_host_reading(const std::vector<uint8_t>& bytes, const proc::elf::Image& image)
{
    Elf64_Ehdr header;
    memcpy(&header, bytes.data(), sizeof(header));
    EXPECT_EQ(image.position_independent, header.e_type == ET_DYN);
    EXPECT_EQ(image.entry, header.e_entry);
    EXPECT_EQ(image.program_header_size, header.e_phentsize);
    EXPECT_EQ(image.program_header_count, header.e_phnum);
    size_t loads = 0;
    uint64_t phdr_address = 0;
    for (size_t i = 0; i < header.e_phnum; ++i) {
        Elf64_Phdr program_header;
        memcpy(&program_header, bytes.data() + header.e_phoff + i * sizeof(Elf64_Phdr), sizeof(program_header));
        if (program_header.p_type != PT_LOAD)
            continue;
        if (header.e_phoff >= program_header.p_offset
            && header.e_phoff < program_header.p_offset + program_header.p_filesz)
            phdr_address = program_header.p_vaddr + (header.e_phoff - program_header.p_offset);
        ASSERT_LT(loads, image.segment_count);
        const auto& segment = image.segments[loads++];
        EXPECT_EQ(segment.virtual_address, program_header.p_vaddr);
        EXPECT_EQ(segment.memory_size, program_header.p_memsz);
        EXPECT_EQ(segment.file_offset, program_header.p_offset);
        EXPECT_EQ(segment.file_size, program_header.p_filesz);
        EXPECT_EQ(segment.protection, expected_protection(program_header.p_flags));
    }
    EXPECT_EQ(loads, image.segment_count);
    EXPECT_EQ(image.program_headers_address, phdr_address);
    EXPECT_NE(phdr_address, 0u);
}

void expect_real_program(const char* path, bool position_independent)
{
    auto bytes = elf_test::read_file(path);
    ASSERT_GT(bytes.size(), 4096u);
    auto result = parse_bytes(bytes);
    ASSERT_FALSE(result.is_error()) << path << ": " << last_log_line();
    const auto& image = result.value();
    EXPECT_EQ(image.position_independent, position_independent);
    expect_matches_host_reading(bytes, image);
    expect_sane(image, bytes.size());
}

void expect_refused(const std::vector<uint8_t>& bytes, kstd::Errno code, const char* log_text)
{
    auto result = parse_bytes(bytes);
    ASSERT_TRUE(result.is_error());
    EXPECT_EQ(result.error().code(), code) << last_log_line();
    EXPECT_NE(last_log_line().find(log_text), std::string::npos) << last_log_line();
}

} // namespace

TEST(ProcElf, MuslStaticExecutableMatchesTheHostReading) { expect_real_program(KEEL_TEST_MUSL_PROGRAM, false); }
TEST(ProcElf, GlibcStaticExecutableMatchesTheHostReading) { expect_real_program(KEEL_TEST_GLIBC_PROGRAM, false); }
TEST(ProcElf, StaticPieMatchesTheHostReading) { expect_real_program(KEEL_TEST_STATIC_PIE_PROGRAM, true); }

TEST(ProcElf, GlibcExecutableFacts)
{
    auto result = parse_bytes(elf_test::read_file(KEEL_TEST_GLIBC_PROGRAM));
    ASSERT_FALSE(result.is_error());
    const auto& image = result.value();
    EXPECT_EQ(image.lowest_address, 0x400000u);
    EXPECT_EQ(image.program_headers_address, 0x400040u); // e_phoff 64 in the first segment
    EXPECT_EQ(image.segments[0].protection, mm::Protection::Read);
    EXPECT_EQ(image.segments[1].protection, mm::Protection::Read | mm::Protection::Execute);
    EXPECT_EQ(image.segments[image.segment_count - 1].protection, mm::Protection::Read | mm::Protection::Write);
}

TEST(ProcElf, SyntheticExecutableIsAccepted)
{
    SyntheticElf file;
    auto result = parse_bytes(file.bytes);
    ASSERT_FALSE(result.is_error()) << last_log_line();
    const auto& image = result.value();
    expect_sane(image, file.bytes.size());
    EXPECT_EQ(image.segment_count, 2u);
    EXPECT_EQ(image.entry, 0x400800u);
    EXPECT_EQ(image.program_headers_address, 0x400040u);
    EXPECT_EQ(image.lowest_address, 0x400000u);
    EXPECT_EQ(image.highest_address, 0x404000u);
}

TEST(ProcElf, DynamicExecutablesAreRefusedWithAClearMessage)
{
    SyntheticElf file(1);
    file.set_program_header(2, { PT_INTERP, PF_R, 0x100, 0x400100, 0x400100, 28, 28, 1 });
    expect_refused(file.bytes, kstd::Errno::ExecFormatError, "dynamic executables are not supported yet (PT_INTERP)");
}

TEST(ProcElf, ExecutableStackIsIgnored)
{
    SyntheticElf file(1);
    file.set_program_header(2, { PT_GNU_STACK, PF_R | PF_W | PF_X, 0, 0, 0, 0, 0, 16 });
    EXPECT_FALSE(parse_bytes(file.bytes).is_error()) << last_log_line();
}

TEST(ProcElf, HeaderFieldsAreChecked)
{
    struct Case {
        void (*change)(Elf64_Ehdr&);
        kstd::Errno code;
        const char* log_text;
    } cases[] = {
        { [](Elf64_Ehdr& h) { h.e_ident[EI_MAG1] = 'e'; }, kstd::Errno::ExecFormatError, "bad magic" },
        { [](Elf64_Ehdr& h) { h.e_ident[EI_CLASS] = ELFCLASS32; }, kstd::Errno::ExecFormatError, "EI_CLASS" },
        { [](Elf64_Ehdr& h) { h.e_ident[EI_DATA] = ELFDATA2MSB; }, kstd::Errno::ExecFormatError, "EI_DATA" },
        { [](Elf64_Ehdr& h) { h.e_ident[EI_VERSION] = 2; }, kstd::Errno::ExecFormatError, "EI_VERSION" },
        { [](Elf64_Ehdr& h) { h.e_ident[EI_OSABI] = ELFOSABI_FREEBSD; }, kstd::Errno::ExecFormatError, "EI_OSABI" },
        { [](Elf64_Ehdr& h) { h.e_type = ET_REL; }, kstd::Errno::ExecFormatError, "e_type" },
        { [](Elf64_Ehdr& h) { h.e_type = ET_CORE; }, kstd::Errno::ExecFormatError, "e_type" },
        { [](Elf64_Ehdr& h) { h.e_machine = EM_386; }, kstd::Errno::ExecFormatError, "e_machine" },
        { [](Elf64_Ehdr& h) { h.e_version = 0; }, kstd::Errno::ExecFormatError, "e_version" },
        { [](Elf64_Ehdr& h) { h.e_phentsize = 32; }, kstd::Errno::ExecFormatError, "e_phentsize" },
        { [](Elf64_Ehdr& h) { h.e_phnum = 0; }, kstd::Errno::ExecFormatError, "e_phnum" },
        { [](Elf64_Ehdr& h) { h.e_phnum = 1171; }, kstd::Errno::ExecFormatError, "e_phnum" },
        { [](Elf64_Ehdr& h) { h.e_phoff = 0x2000; }, kstd::Errno::ExecFormatError, "e_phoff" },
        { [](Elf64_Ehdr& h) { h.e_phoff = ~0ull - 8; }, kstd::Errno::ExecFormatError, "e_phoff" },
        { [](Elf64_Ehdr& h) { h.e_entry = 0x401000; }, kstd::Errno::ExecFormatError, "e_entry" },
        { [](Elf64_Ehdr& h) { h.e_entry = 0x3fffff; }, kstd::Errno::ExecFormatError, "e_entry" },
        { [](Elf64_Ehdr& h) { h.e_entry = ~0ull; }, kstd::Errno::ExecFormatError, "e_entry" },
    };
    for (const auto& c : cases) {
        SyntheticElf file;
        auto header = file.header();
        c.change(header);
        file.set_header(header);
        expect_refused(file.bytes, c.code, c.log_text);
    }
}

TEST(ProcElf, ProgramHeaderFieldsAreChecked)
{
    struct Case {
        size_t index;
        void (*change)(Elf64_Phdr&);
        kstd::Errno code;
        const char* log_text;
    } cases[] = {
        { 1, [](Elf64_Phdr& p) { p.p_offset = 0x800; }, kstd::Errno::InvalidArgument, "differ modulo" },
        { 1, [](Elf64_Phdr& p) { p.p_offset = 0x1001; p.p_filesz = 0x10; }, kstd::Errno::InvalidArgument, "differ modulo" },
        { 1, [](Elf64_Phdr& p) { p.p_offset = 0x3000; p.p_vaddr = 0x403000; }, kstd::Errno::ExecFormatError, "past the end" },
        { 1, [](Elf64_Phdr& p) { p.p_filesz = 0x1001; }, kstd::Errno::ExecFormatError, "past the end" },
        { 1, [](Elf64_Phdr& p) { p.p_filesz = ~0ull; }, kstd::Errno::ExecFormatError, "past the end" },
        { 1, [](Elf64_Phdr& p) { p.p_memsz = 0xfff; }, kstd::Errno::InvalidArgument, "p_filesz" },
        { 1, [](Elf64_Phdr& p) { p.p_memsz = ~0ull; }, kstd::Errno::InvalidArgument, "beyond user space" },
        { 1, [](Elf64_Phdr& p) { p.p_memsz = 0x7ffffffff000 - 0x401000 + 1; }, kstd::Errno::InvalidArgument, "beyond user space" },
        { 1, [](Elf64_Phdr& p) { p.p_vaddr = 0x7ffffffff000; }, kstd::Errno::InvalidArgument, "beyond user space" },
        { 1, [](Elf64_Phdr& p) { p.p_vaddr = 0xffff800000001000; }, kstd::Errno::InvalidArgument, "beyond user space" },
        { 1, [](Elf64_Phdr& p) { p.p_vaddr = 0x400000 + 0x1000 - 0x1000; }, kstd::Errno::ExecFormatError, "overlaps" },
        { 1, [](Elf64_Phdr& p) { p.p_vaddr = 0x300000 + 0x1000; }, kstd::Errno::ExecFormatError, "precedes" },
        { 0, [](Elf64_Phdr& p) { p.p_vaddr = 0; p.p_paddr = 0; }, kstd::Errno::InvalidArgument, "below" },
        { 0, [](Elf64_Phdr& p) { p.p_type = PT_NOTE; }, kstd::Errno::ExecFormatError, "e_entry" },
        { 0, [](Elf64_Phdr& p) { p.p_flags = PF_R; }, kstd::Errno::ExecFormatError, "e_entry" },
        { 0, [](Elf64_Phdr& p) { p.p_memsz = 0x800; p.p_filesz = 0x800; }, kstd::Errno::ExecFormatError, "e_entry" },
    };
    for (const auto& c : cases) {
        SyntheticElf file;
        auto program_header = file.program_header(c.index);
        c.change(program_header);
        file.set_program_header(c.index, program_header);
        expect_refused(file.bytes, c.code, c.log_text);
    }
}

TEST(ProcElf, NoLoadableSegmentIsRefused)
{
    SyntheticElf file;
    for (size_t i = 0; i < 2; ++i) {
        auto program_header = file.program_header(i);
        program_header.p_type = PT_NULL;
        file.set_program_header(i, program_header);
    }
    expect_refused(file.bytes, kstd::Errno::ExecFormatError, "no PT_LOAD");
}

TEST(ProcElf, TooManySegmentsAreRefused)
{
    SyntheticElf file(proc::elf::MAX_SEGMENTS);
    for (size_t i = 0; i < proc::elf::MAX_SEGMENTS; ++i) {
        uint64_t address = 0x500000 + i * 0x1000;
        file.set_program_header(2 + i, { PT_LOAD, PF_R, 0, address, address, 0x10, 0x10, 0x1000 });
    }
    expect_refused(file.bytes, kstd::Errno::ExecFormatError, "more than 16 PT_LOAD");
}

TEST(ProcElf, ProgramHeaderSegmentMustBeLoaded)
{
    SyntheticElf file(1);
    file.set_program_header(2, { PT_PHDR, PF_R, 64, 0x400040, 0x400040, 3 * 56, 3 * 56, 8 });
    auto result = parse_bytes(file.bytes);
    ASSERT_FALSE(result.is_error()) << last_log_line();
    EXPECT_EQ(result.value().program_headers_address, 0x400040u);
    file.set_program_header(2, { PT_PHDR, PF_R, 64, 0x500040, 0x500040, 3 * 56, 3 * 56, 8 });
    expect_refused(file.bytes, kstd::Errno::ExecFormatError, "PT_PHDR");
}
