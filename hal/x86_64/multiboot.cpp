// Parses the multiboot2 boot information GRUB leaves in memory.
//
// The structure is a u32 total size, a reserved u32, then tags, each 8-byte aligned and
// starting with a u32 type and a u32 size, ending with a type 0 tag. We keep the command
// line (1), boot modules (3: each one reserved, the first non-empty one remembered as the
// initial RAM disk), the memory map (6) and the ACPI RSDP copies (14 = ACPI 1.0, 15 =
// ACPI 2.0+). Layouts follow the Multiboot2 specification, section 3.6.
//
// The structure is untrusted input: total_size is clamped to the direct map and each
// tag's size to what is left of total_size before any of its fields are read; tags too
// small for their fixed fields, memory maps with entries smaller than an entry, and
// modules that end before they start are skipped.
#include "multiboot.hpp"

#include "early_log.hpp"
#include "layout.hpp"
#include <hal/cpu.hpp>

namespace hal::x86 {
namespace {

enum TagType : uint32_t {
    TAG_END = 0,
    TAG_COMMAND_LINE = 1,
    TAG_MODULE = 3,
    TAG_MEMORY_MAP = 6,
    TAG_ACPI_OLD_RSDP = 14,
    TAG_ACPI_NEW_RSDP = 15,
};

struct TagHeader {
    uint32_t type;
    uint32_t size;
};

struct ModuleTag {
    TagHeader header;
    uint32_t start;
    uint32_t end;
};

struct MemoryMapTag {
    TagHeader header;
    uint32_t entry_size;
    uint32_t entry_version;
};

struct MemoryMapEntry {
    uint64_t base;
    uint64_t length;
    uint32_t type;
    uint32_t reserved;
};

constexpr uint32_t MEMORY_AVAILABLE = 1;

BootInformation g_boot_information;

void add_range(kstd::FixedVector<MemoryRange, BootInformation::MAX_RANGES>& ranges, uint64_t base,
               uint64_t length)
{
    if (!ranges.try_append({ base, length }))
        early_log("multiboot: too many memory ranges, ignoring the rest");
}

// Each tag reader gets the tag's size clamped to the boot information (at least
// sizeof(TagHeader)) and reads nothing beyond it.
void copy_command_line(const TagHeader& tag, size_t size)
{
    auto* text = reinterpret_cast<const char*>(&tag + 1);
    size_t text_size = size - sizeof(TagHeader);
    size_t length = 0;
    while (length < text_size && length + 1 < BootInformation::MAX_COMMAND_LINE && text[length])
        ++length;
    for (size_t i = 0; i < length; ++i)
        g_boot_information.command_line[i] = text[i];
    g_boot_information.command_line[length] = '\0';
}

void reserve_module(const TagHeader& tag, size_t size)
{
    if (size < sizeof(ModuleTag))
        return;
    auto& module = reinterpret_cast<const ModuleTag&>(tag);
    if (module.end <= module.start)
        return; // an empty or inverted range reserves nothing
    MemoryRange range { module.start, uint64_t(module.end) - module.start };
    if (g_boot_information.initrd.length == 0)
        g_boot_information.initrd = range;
    add_range(g_boot_information.reserved, range.base, range.length);
}

void read_memory_map(const TagHeader& tag, size_t size)
{
    if (size < sizeof(MemoryMapTag))
        return;
    auto& map = reinterpret_cast<const MemoryMapTag&>(tag);
    if (map.entry_size < sizeof(MemoryMapEntry))
        return;
    auto* bytes = reinterpret_cast<const uint8_t*>(&tag);
    for (size_t offset = sizeof(MemoryMapTag); offset + sizeof(MemoryMapEntry) <= size;
         offset += map.entry_size) {
        auto& entry = *reinterpret_cast<const MemoryMapEntry*>(bytes + offset);
        bool wraps = entry.length > UINT64_MAX - entry.base;
        if (entry.type == MEMORY_AVAILABLE && entry.length != 0 && !wraps)
            add_range(g_boot_information.available, entry.base, entry.length);
    }
}

void keep_acpi_rsdp(const TagHeader& tag, size_t size)
{
    g_boot_information.acpi_rsdp = &tag + 1;
    g_boot_information.acpi_rsdp_length = size - sizeof(TagHeader);
}

} // namespace

const BootInformation& parse_multiboot(uint64_t physical)
{
    auto* start = static_cast<const uint8_t*>(direct_map_pointer(physical, sizeof(TagHeader)));
    if (!start) {
        early_log("multiboot: boot information above the early mapping");
        cpu_halt();
    }
    uint64_t mapped = direct_map_end() - physical;
    uint64_t total_size = *reinterpret_cast<const uint32_t*>(start);
    if (total_size > mapped)
        total_size = mapped;
    add_range(g_boot_information.reserved, physical, total_size);

    bool have_new_rsdp = false;
    for (size_t offset = 8; offset + sizeof(TagHeader) <= total_size;) {
        auto& tag = *reinterpret_cast<const TagHeader*>(start + offset);
        size_t size = tag.size < total_size - offset ? tag.size : total_size - offset;
        if (tag.type == TAG_END || size < sizeof(TagHeader))
            break;
        switch (tag.type) {
        case TAG_COMMAND_LINE:
            copy_command_line(tag, size);
            break;
        case TAG_MODULE:
            reserve_module(tag, size);
            break;
        case TAG_MEMORY_MAP:
            read_memory_map(tag, size);
            break;
        case TAG_ACPI_NEW_RSDP:
            keep_acpi_rsdp(tag, size);
            have_new_rsdp = true;
            break;
        case TAG_ACPI_OLD_RSDP:
            if (!have_new_rsdp)
                keep_acpi_rsdp(tag, size);
            break;
        default:
            break;
        }
        offset += (size + 7) & ~size_t { 7 };
    }
    return g_boot_information;
}

const BootInformation& boot_information()
{
    return g_boot_information;
}

} // namespace hal::x86
