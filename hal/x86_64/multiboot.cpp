// Parses the multiboot2 boot information GRUB leaves in memory.
//
// The structure is a u32 total size, a reserved u32, then tags, each 8-byte aligned and
// starting with a u32 type and a u32 size, ending with a type 0 tag. We keep the command
// line (1), boot modules (3), the memory map (6) and the ACPI RSDP copies (14 = ACPI 1.0,
// 15 = ACPI 2.0+). Layouts follow the Multiboot2 specification, section 3.6.
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

void add_range(MemoryRange* ranges, size_t& count, uint64_t base, uint64_t length)
{
    if (count == BootInformation::MAX_RANGES) {
        early_log("multiboot: too many memory ranges, ignoring the rest");
        return;
    }
    ranges[count++] = { base, length };
}

void copy_command_line(const TagHeader& tag)
{
    auto* text = reinterpret_cast<const char*>(&tag + 1);
    size_t text_size = tag.size - sizeof(TagHeader);
    size_t length = 0;
    while (length < text_size && length + 1 < BootInformation::MAX_COMMAND_LINE && text[length])
        ++length;
    for (size_t i = 0; i < length; ++i)
        g_boot_information.command_line[i] = text[i];
    g_boot_information.command_line[length] = '\0';
}

void read_memory_map(const MemoryMapTag& tag)
{
    auto* bytes = reinterpret_cast<const uint8_t*>(&tag);
    for (size_t offset = sizeof(MemoryMapTag); offset + sizeof(MemoryMapEntry) <= tag.header.size;
         offset += tag.entry_size) {
        auto& entry = *reinterpret_cast<const MemoryMapEntry*>(bytes + offset);
        if (entry.type == MEMORY_AVAILABLE && entry.length != 0)
            add_range(g_boot_information.available, g_boot_information.available_count,
                      entry.base, entry.length);
    }
}

} // namespace

const BootInformation& parse_multiboot(uint64_t physical)
{
    auto* start = static_cast<const uint8_t*>(early_phys_to_virt(physical));
    if (!start) {
        early_log("multiboot: boot information above the early mapping");
        cpu_halt();
    }
    uint32_t total_size = *reinterpret_cast<const uint32_t*>(start);
    add_range(g_boot_information.reserved, g_boot_information.reserved_count, physical,
              total_size);

    bool have_new_rsdp = false;
    for (size_t offset = 8; offset + sizeof(TagHeader) <= total_size;) {
        auto& tag = *reinterpret_cast<const TagHeader*>(start + offset);
        if (tag.type == TAG_END || tag.size < sizeof(TagHeader))
            break;
        switch (tag.type) {
        case TAG_COMMAND_LINE:
            copy_command_line(tag);
            break;
        case TAG_MODULE: {
            auto& module = reinterpret_cast<const ModuleTag&>(tag);
            add_range(g_boot_information.reserved, g_boot_information.reserved_count,
                      module.start, module.end - module.start);
            break;
        }
        case TAG_MEMORY_MAP:
            read_memory_map(reinterpret_cast<const MemoryMapTag&>(tag));
            break;
        case TAG_ACPI_NEW_RSDP:
            g_boot_information.acpi_rsdp = &tag + 1;
            have_new_rsdp = true;
            break;
        case TAG_ACPI_OLD_RSDP:
            if (!have_new_rsdp)
                g_boot_information.acpi_rsdp = &tag + 1;
            break;
        default:
            break;
        }
        offset += (tag.size + 7) & ~size_t { 7 };
    }
    return g_boot_information;
}

const BootInformation& boot_information()
{
    return g_boot_information;
}

} // namespace hal::x86
