// Finds how to enter ACPI sleep state S5 (power off), at boot, while GRUB's copy of the
// RSDP is still intact, so that power_off() only has to write two I/O ports.
//
// The path: RSDP (from the multiboot2 tag) -> XSDT (64-bit entries, ACPI 2.0+) or RSDT
// -> FADT ("FACP"), which gives the PM1a/PM1b control ports, SMI_CMD/ACPI_ENABLE and the
// DSDT. The sleep types of S5 live in the DSDT's AML as `Name (_S5_, Package () {a, b,
// ...})`; rather than run an AML interpreter we look for the bytes NameOp "_S5_"
// PackageOp and decode the first two integers. Entering S5 writes SLP_TYPx | SLP_EN to
// PM1x_CNT. Firmware tables are untrusted input: the RSDP needs its signature and
// checksum(s) and must fit the multiboot2 tag it came in, every table its signature, a
// length inside the direct map (layout.hpp) and a valid checksum, and the FADT
// must be long enough for every field we read. Anything else counts as "no ACPI", and
// power_off() falls back to emulator ports. Offsets: ACPI 6.5, sections 5.2.5 (RSDP),
// 5.2.6 (table header), 5.2.9 (FADT), 4.8.3.2 (PM1 control), 20.2 (AML encoding).
#include "acpi.hpp"

#include "bringup.hpp"
#include "early_log.hpp"
#include "layout.hpp"
#include "ports.hpp"
#include <hal/cpu.hpp>
#include <stddef.h>

namespace hal::x86 {
namespace {

struct [[gnu::packed]] Rsdp {
    char signature[8];
    uint8_t checksum;
    char oem_id[6];
    uint8_t revision;
    uint32_t rsdt_address;
    uint32_t length; // the fields from here on exist from revision 2 (ACPI 2.0)
    uint64_t xsdt_address;
    uint8_t extended_checksum;
    uint8_t reserved[3];
};
static_assert(sizeof(Rsdp) == 36);
// The ACPI 1.0 RSDP ends before `length`; its checksum covers just these bytes.
constexpr size_t RSDP_V1_LENGTH = offsetof(Rsdp, length);

struct [[gnu::packed]] TableHeader {
    char signature[4];
    uint32_t length;
    uint8_t revision;
    uint8_t checksum;
    char oem_id[6];
    char oem_table_id[8];
    uint32_t oem_revision;
    uint32_t creator_id;
    uint32_t creator_revision;
};
static_assert(sizeof(TableHeader) == 36);

// FADT field offsets.
constexpr size_t FADT_DSDT = 40;
constexpr size_t FADT_SMI_COMMAND = 48;
constexpr size_t FADT_ACPI_ENABLE = 52;
constexpr size_t FADT_PM1A_CONTROL = 64;
constexpr size_t FADT_PM1B_CONTROL = 68;
constexpr size_t FADT_X_DSDT = 140;
// The FADT must reach at least to the end of PM1b control, the last fixed field we read.
constexpr size_t FADT_MIN_LENGTH = FADT_PM1B_CONTROL + sizeof(uint32_t);

constexpr uint8_t AML_NAME_OP = 0x08;
constexpr uint8_t AML_ROOT_PREFIX = '\\';
constexpr uint8_t AML_PACKAGE_OP = 0x12;
constexpr uint8_t AML_ZERO_OP = 0x00;
constexpr uint8_t AML_ONE_OP = 0x01;
constexpr uint8_t AML_BYTE_PREFIX = 0x0A;

constexpr uint16_t PM1_SCI_ENABLE = 1 << 0;
constexpr int PM1_SLEEP_TYPE_SHIFT = 10;
constexpr uint16_t PM1_SLEEP_TYPE_MASK = 7 << PM1_SLEEP_TYPE_SHIFT;
constexpr uint16_t PM1_SLEEP_ENABLE = 1 << 13;
constexpr unsigned ACPI_ENABLE_POLLS = 1'000'000;

// pm1a_control stays 0 unless acpi_init found everything S5 needs.
struct SoftOff {
    uint16_t pm1a_control = 0;
    uint16_t pm1b_control = 0;
    uint8_t sleep_type_a = 0;
    uint8_t sleep_type_b = 0;
    uint16_t smi_command = 0;
    uint8_t acpi_enable = 0;
};

SoftOff g_soft_off;

template<typename T>
T read_at(const uint8_t* base, size_t offset)
{
    T value;
    __builtin_memcpy(&value, base + offset, sizeof(T));
    return value;
}

bool checksum_is_valid(const uint8_t* bytes, size_t length)
{
    uint8_t sum = 0;
    for (size_t i = 0; i < length; ++i)
        sum = static_cast<uint8_t>(sum + bytes[i]);
    return sum == 0;
}

// The RSDP if the copy of `length` bytes at `bytes` is a valid one, else nullptr.
const Rsdp* check_rsdp(const void* bytes, size_t length)
{
    auto* rsdp = static_cast<const Rsdp*>(bytes);
    if (length < RSDP_V1_LENGTH || __builtin_memcmp(rsdp->signature, "RSD PTR ", 8) != 0
        || !checksum_is_valid(static_cast<const uint8_t*>(bytes), RSDP_V1_LENGTH))
        return nullptr;
    if (rsdp->revision < 2)
        return rsdp;
    if (length < sizeof(Rsdp) || rsdp->length < sizeof(Rsdp) || rsdp->length > length
        || !checksum_is_valid(static_cast<const uint8_t*>(bytes), rsdp->length))
        return nullptr;
    return rsdp;
}

// The length field of a table whose header is mapped.
size_t table_length(const uint8_t* table)
{
    return read_at<uint32_t>(table, offsetof(TableHeader, length));
}

// The table at `physical` if it is mapped whole, carries `signature` and its checksum holds.
const uint8_t* map_table(uint64_t physical, const char* signature)
{
    auto* bytes = static_cast<const uint8_t*>(direct_map_pointer(physical, sizeof(TableHeader)));
    if (!bytes || __builtin_memcmp(bytes, signature, 4) != 0)
        return nullptr;
    size_t length = table_length(bytes);
    if (length < sizeof(TableHeader) || !direct_map_pointer(physical, length))
        return nullptr;
    return checksum_is_valid(bytes, length) ? bytes : nullptr;
}

const uint8_t* find_fadt(const Rsdp& rsdp)
{
    bool extended = rsdp.revision >= 2 && rsdp.xsdt_address != 0;
    const uint8_t* root = extended ? map_table(rsdp.xsdt_address, "XSDT")
                                   : map_table(rsdp.rsdt_address, "RSDT");
    if (!root)
        return nullptr;
    size_t entry_size = extended ? 8 : 4;
    size_t length = table_length(root);
    for (size_t offset = sizeof(TableHeader); offset + entry_size <= length; offset += entry_size) {
        uint64_t address = extended ? read_at<uint64_t>(root, offset) : read_at<uint32_t>(root, offset);
        if (const uint8_t* table = map_table(address, "FACP"))
            return table;
    }
    return nullptr;
}

// Reads one small AML integer constant at bytes[position], advancing position.
bool read_aml_byte_constant(const uint8_t* bytes, size_t end, size_t& position, uint8_t& value)
{
    if (position >= end)
        return false;
    uint8_t opcode = bytes[position++];
    if (opcode == AML_BYTE_PREFIX) {
        if (position >= end)
            return false;
        value = bytes[position++];
    } else if (opcode == AML_ZERO_OP || opcode == AML_ONE_OP) {
        value = opcode;
    } else {
        return false;
    }
    return true;
}

bool find_s5_sleep_types(const uint8_t* dsdt, uint8_t& type_a, uint8_t& type_b)
{
    size_t length = table_length(dsdt);
    for (size_t i = sizeof(TableHeader) + 1; i + 5 < length; ++i) {
        if (__builtin_memcmp(dsdt + i, "_S5_", 4) != 0)
            continue;
        bool named = dsdt[i - 1] == AML_NAME_OP
            || (dsdt[i - 1] == AML_ROOT_PREFIX && dsdt[i - 2] == AML_NAME_OP);
        if (!named || dsdt[i + 4] != AML_PACKAGE_OP)
            continue;
        size_t position = i + 5;
        position += 1 + (dsdt[position] >> 6); // PkgLength: lead byte + 0-3 more bytes
        position += 1;                          // NumElements
        return read_aml_byte_constant(dsdt, length, position, type_a)
            && read_aml_byte_constant(dsdt, length, position, type_b);
    }
    return false;
}

void write_sleep_type(uint16_t port, uint8_t sleep_type)
{
    uint16_t value = static_cast<uint16_t>(
        (inw(port) & ~(PM1_SLEEP_TYPE_MASK | PM1_SLEEP_ENABLE)) | sleep_type << PM1_SLEEP_TYPE_SHIFT);
    outw(port, value);
    outw(port, value | PM1_SLEEP_ENABLE);
}

} // namespace

void acpi_init(const void* rsdp_copy, size_t rsdp_length)
{
    if (!rsdp_copy) {
        early_log("acpi: no RSDP from the boot loader");
        return;
    }
    const Rsdp* rsdp = check_rsdp(rsdp_copy, rsdp_length);
    if (!rsdp) {
        early_log("acpi: invalid RSDP");
        return;
    }
    const uint8_t* fadt = find_fadt(*rsdp);
    size_t fadt_length = fadt ? table_length(fadt) : 0;
    if (fadt_length < FADT_MIN_LENGTH) {
        early_log("acpi: no usable FADT");
        return;
    }
    uint64_t dsdt_address = read_at<uint32_t>(fadt, FADT_DSDT);
    if (fadt_length >= FADT_X_DSDT + 8 && read_at<uint64_t>(fadt, FADT_X_DSDT) != 0)
        dsdt_address = read_at<uint64_t>(fadt, FADT_X_DSDT);
    const uint8_t* dsdt = map_table(dsdt_address, "DSDT");
    uint32_t pm1a = read_at<uint32_t>(fadt, FADT_PM1A_CONTROL);
    uint32_t pm1b = read_at<uint32_t>(fadt, FADT_PM1B_CONTROL);
    if (!dsdt || pm1a == 0 || pm1a > 0xFFFF || pm1b > 0xFFFF
        || !find_s5_sleep_types(dsdt, g_soft_off.sleep_type_a, g_soft_off.sleep_type_b)) {
        early_log("acpi: no S5 sleep state");
        return;
    }
    g_soft_off.pm1a_control = static_cast<uint16_t>(pm1a);
    g_soft_off.pm1b_control = static_cast<uint16_t>(pm1b);
    uint32_t smi_command = read_at<uint32_t>(fadt, FADT_SMI_COMMAND);
    g_soft_off.smi_command = smi_command <= 0xFFFF ? static_cast<uint16_t>(smi_command) : 0;
    g_soft_off.acpi_enable = read_at<uint8_t>(fadt, FADT_ACPI_ENABLE);
}

bool acpi_enter_s5()
{
    if (g_soft_off.pm1a_control == 0)
        return false;
    // In legacy (SMM) mode the firmware owns the PM registers: ask it to hand over.
    if (!(inw(g_soft_off.pm1a_control) & PM1_SCI_ENABLE) && g_soft_off.smi_command
        && g_soft_off.acpi_enable) {
        outb(g_soft_off.smi_command, g_soft_off.acpi_enable);
        for (unsigned i = 0; i < ACPI_ENABLE_POLLS && !(inw(g_soft_off.pm1a_control) & PM1_SCI_ENABLE); ++i)
            cpu_relax();
    }
    write_sleep_type(g_soft_off.pm1a_control, g_soft_off.sleep_type_a);
    if (g_soft_off.pm1b_control)
        write_sleep_type(g_soft_off.pm1b_control, g_soft_off.sleep_type_b);
    return true;
}

} // namespace hal::x86
