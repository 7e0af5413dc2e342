// procfs: /proc/cpuinfo, the processor as CPUID describes it (hal::cpuid; in the sim the
// host's processor), in the layout of Linux's arch/x86/kernel/cpu/proc.c: "key\t: value"
// lines, the keys padded with tabs to the same column, a blank line after the (one) CPU.
//
// Keel shows what it can read from CPUID: vendor, family, model and stepping (with the
// extended fields folded in as Linux does), the brand string, the APIC id, the CPUID
// level, the cache line size, the address sizes, and the flags of the feature bits it
// knows by Linux's names (arch/x86/include/asm/cpufeatures.h), in Linux's order. It
// leaves out what needs more than CPUID (cpu MHz, cache size, bogomips, microcode, bugs)
// and Linux's synthetic flags. A flag says the processor has the feature, not that Keel
// uses it (Linux shows, e.g., avx only when the kernel enabled XSAVE; Keel does not).
#include <fs/procfs/procfs_inodes.hpp>
#include <hal/cpu.hpp>

namespace fs {

using kstd::Result;
using kstd::StringView;
using kstd::Writer;

namespace {

// The names of the 32 bits of one CPUID register; empty for bits Linux does not show.
struct FlagWord {
    uint32_t leaf;
    uint32_t hal::CpuidResult::*reg;
    StringView names[32];
};

// Linux's words 0, 1, 4, 6, 9 and 16, in that order.
const FlagWord FLAG_WORDS[] = {
    { 1, &hal::CpuidResult::edx,
      { "fpu", "vme", "de", "pse", "tsc", "msr", "pae", "mce", "cx8", "apic", "", "sep", "mtrr", "pge", "mca",
        "cmov", "pat", "pse36", "pn", "clflush", "", "dts", "acpi", "mmx", "fxsr", "sse", "sse2", "ss", "ht",
        "tm", "ia64", "pbe" } },
    { 0x8000'0001, &hal::CpuidResult::edx,
      { "", "", "", "", "", "", "", "", "", "", "", "syscall", "", "", "", "", "", "", "", "mp", "nx", "", "mmxext",
        "", "", "fxsr_opt", "pdpe1gb", "rdtscp", "", "lm", "3dnowext", "3dnow" } },
    { 1, &hal::CpuidResult::ecx,
      { "pni", "pclmulqdq", "dtes64", "monitor", "ds_cpl", "vmx", "smx", "est", "tm2", "ssse3", "cid", "sdbg",
        "fma", "cx16", "xtpr", "pdcm", "", "pcid", "dca", "sse4_1", "sse4_2", "x2apic", "movbe", "popcnt",
        "tsc_deadline_timer", "aes", "xsave", "osxsave", "avx", "f16c", "rdrand", "hypervisor" } },
    { 0x8000'0001, &hal::CpuidResult::ecx,
      { "lahf_lm", "cmp_legacy", "svm", "extapic", "cr8_legacy", "abm", "sse4a", "misalignsse", "3dnowprefetch",
        "osvw", "ibs", "xop", "skinit", "wdt", "", "lwp", "fma4", "tce", "", "nodeid_msr", "", "tbm", "topoext",
        "perfctr_core", "perfctr_nb", "", "bpext", "ptsc", "perfctr_llc", "mwaitx", "", "" } },
    { 7, &hal::CpuidResult::ebx,
      { "fsgsbase", "tsc_adjust", "sgx", "bmi1", "hle", "avx2", "", "smep", "bmi2", "erms", "invpcid", "rtm",
        "cqm", "", "mpx", "rdt_a", "avx512f", "avx512dq", "rdseed", "adx", "smap", "avx512ifma", "",
        "clflushopt", "clwb", "intel_pt", "avx512pf", "avx512er", "avx512cd", "sha_ni", "avx512bw",
        "avx512vl" } },
    { 7, &hal::CpuidResult::ecx,
      { "", "avx512vbmi", "umip", "pku", "ospke", "waitpkg", "avx512_vbmi2", "", "gfni", "vaes", "vpclmulqdq",
        "avx512_vnni", "avx512_bitalg", "", "avx512_vpopcntdq", "", "", "", "", "", "", "", "rdpid", "", "",
        "cldemote", "", "movdiri", "movdir64b", "", "", "" } },
};

void write_register(Writer& out, uint32_t value)
{
    char text[4];
    for (size_t index = 0; index < 4; ++index)
        text[index] = char(value >> (8 * index));
    out.write({ text, 4 });
}

// The 48-byte brand string of leaves 0x8000'0002..4, without the blanks around it.
void write_model_name(Writer& out)
{
    char brand[48];
    for (uint32_t part = 0; part < 3; ++part) {
        hal::CpuidResult result = hal::cpuid(0x8000'0002 + part);
        uint32_t registers[4] = { result.eax, result.ebx, result.ecx, result.edx };
        __builtin_memcpy(brand + 16 * part, registers, 16);
    }
    size_t end = 0;
    while (end < sizeof brand && brand[end] != '\0')
        ++end;
    size_t start = 0;
    while (start < end && brand[start] == ' ')
        ++start;
    while (end > start && brand[end - 1] == ' ')
        --end;
    out.write(start < end ? StringView(brand + start, end - start) : StringView("unknown"));
}

void write_flags(Writer& out)
{
    bool first = true;
    for (const FlagWord& word : FLAG_WORDS) {
        uint32_t bits = hal::cpuid(word.leaf).*word.reg;
        for (unsigned bit = 0; bit < 32; ++bit) {
            if (!(bits & (1u << bit)) || word.names[bit].empty())
                continue;
            if (!first)
                out.write(" ");
            out.write(word.names[bit]);
            first = false;
        }
    }
}

} // namespace

Result<void> generate_cpuinfo(Vfs&, Writer& out)
{
    hal::CpuidResult vendor = hal::cpuid(0);
    hal::CpuidResult signature = hal::cpuid(1);
    uint32_t family = (signature.eax >> 8) & 0xf;
    uint32_t model = (signature.eax >> 4) & 0xf;
    if (family == 0xf)
        family += (signature.eax >> 20) & 0xff;
    if (family >= 6)
        model += ((signature.eax >> 16) & 0xf) << 4;
    uint32_t apic_id = signature.ebx >> 24;
    uint32_t clflush_size = ((signature.ebx >> 8) & 0xff) * 8;
    hal::CpuidResult sizes = hal::cpuid(0x8000'0008);
    uint32_t physical_bits = sizes.eax ? sizes.eax & 0xff : 36;
    uint32_t virtual_bits = sizes.eax ? (sizes.eax >> 8) & 0xff : 48;

    out.write("processor\t: 0\nvendor_id\t: ");
    write_register(out, vendor.ebx);
    write_register(out, vendor.edx);
    write_register(out, vendor.ecx);
    kstd::format_to(out, "\ncpu family\t: {}\nmodel\t\t: {}\nmodel name\t: ", family, model);
    write_model_name(out);
    kstd::format_to(out, "\nstepping\t: {}\n", signature.eax & 0xf);
    kstd::format_to(out, "physical id\t: 0\nsiblings\t: 1\ncore id\t\t: 0\ncpu cores\t: 1\n");
    kstd::format_to(out, "apicid\t\t: {}\ninitial apicid\t: {}\n", apic_id, apic_id);
    kstd::format_to(out, "fpu\t\t: yes\nfpu_exception\t: yes\ncpuid level\t: {}\nwp\t\t: yes\nflags\t\t: ",
                    vendor.eax);
    write_flags(out);
    kstd::format_to(out, "\nclflush size\t: {}\ncache_alignment\t: {}\n", clflush_size, clflush_size);
    kstd::format_to(out, "address sizes\t: {} bits physical, {} bits virtual\npower management:\n\n",
                    physical_bits, virtual_bits);
    return {};
}

} // namespace fs
