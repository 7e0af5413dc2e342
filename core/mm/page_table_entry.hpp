// The x86_64 paging format: entries, levels, canonical addresses; and the vocabulary a
// mapping is described in.
//
// Every level of the 4-level x86_64 tables (PML4, PDPT, PD, PT) holds 512 entries of 64
// bits (Intel SDM vol. 3, "4-Level Paging"). An entry is either empty (Present clear), a
// link to the next table, or a leaf that maps a page: a 4 KiB page in a PT, or a 2 MiB
// page in a PD (PS set). Bits 12..51 hold the physical address. Present means readable;
// Writable and User grant writes and ring-3 access; NX (bit 63, honoured once EFER.NXE is
// on) forbids instruction fetches; Global keeps a translation in the TLB across CR3
// switches, for the kernel mappings every address space shares. Accessed, Dirty and the
// cache-control bits are left to the CPU and their defaults. A parked entry (not present,
// a software bit set) keeps the frame of a page no access may reach for now.
#pragma once
#include <mm/frames.hpp>

namespace mm {

enum class PageSize : uint8_t {
    Small, // 4 KiB, a PT entry
    Large, // 2 MiB, a PD entry with PS set
};

constexpr uint64_t page_size_bytes(PageSize size)
{
    return size == PageSize::Small ? PAGE_SIZE : LARGE_PAGE_SIZE;
}

// What a mapping allows. Read is required (x86_64 has no unreadable present page);
// Global is not a permission but says the mapping is the same in every address space.
enum class Protection : uint8_t {
    None = 0,
    Read = 1 << 0,
    Write = 1 << 1,
    Execute = 1 << 2,
    User = 1 << 3,
    Global = 1 << 4,
};

constexpr Protection operator|(Protection a, Protection b)
{
    return static_cast<Protection>(static_cast<uint8_t>(a) | static_cast<uint8_t>(b));
}

constexpr Protection operator&(Protection a, Protection b)
{
    return static_cast<Protection>(static_cast<uint8_t>(a) & static_cast<uint8_t>(b));
}

// Whether `protection` includes every flag of `flags`.
constexpr bool allows(Protection protection, Protection flags)
{
    return (protection & flags) == flags;
}

class PageTableEntry {
public:
    static constexpr uint64_t PRESENT = 1ull << 0;
    static constexpr uint64_t WRITABLE = 1ull << 1;
    static constexpr uint64_t USER = 1ull << 2;
    static constexpr uint64_t LARGE = 1ull << 7;
    static constexpr uint64_t GLOBAL = 1ull << 8;
    static constexpr uint64_t NO_EXECUTE = 1ull << 63;
    // Ignored by the MMU. With Present clear it marks a parked page: the entry keeps a
    // frame that no access may reach for now (user memory's PROT_NONE; Linux's
    // _PAGE_PROTNONE), so its contents survive until the page is mapped again.
    static constexpr uint64_t PARKED = 1ull << 9;
    static constexpr uint64_t ADDRESS_MASK = 0x000f'ffff'ffff'f000;

    constexpr PageTableEntry() = default;

    // A link to the next-level table at `table`. Links grant everything (writes, and
    // ring-3 access where `user_reachable`); the leaf decides.
    static constexpr PageTableEntry link(PhysicalAddress table, bool user_reachable)
    {
        return PageTableEntry(table | PRESENT | WRITABLE | (user_reachable ? USER : 0));
    }
    static constexpr PageTableEntry leaf(PhysicalAddress page, PageSize size, Protection protection)
    {
        return PageTableEntry(page | (size == PageSize::Large ? LARGE : 0) | protection_bits(protection));
    }

    static constexpr PageTableEntry parked(PhysicalAddress page) { return PageTableEntry(page | PARKED); }

    constexpr uint64_t raw() const { return m_bits; }
    constexpr bool is_empty() const { return m_bits == 0; }
    constexpr bool is_parked() const { return !(m_bits & PRESENT) && (m_bits & PARKED); }
    constexpr bool is_present() const { return m_bits & PRESENT; }
    // For PD entries: whether this maps a 2 MiB page rather than linking to a PT.
    constexpr bool is_large() const { return m_bits & LARGE; }
    constexpr PhysicalAddress address() const { return m_bits & ADDRESS_MASK; }

    constexpr Protection protection() const
    {
        Protection protection = Protection::Read;
        if (m_bits & WRITABLE)
            protection = protection | Protection::Write;
        if (!(m_bits & NO_EXECUTE))
            protection = protection | Protection::Execute;
        if (m_bits & USER)
            protection = protection | Protection::User;
        if (m_bits & GLOBAL)
            protection = protection | Protection::Global;
        return protection;
    }
    // The same leaf with other permissions.
    constexpr PageTableEntry with_protection(Protection protection) const
    {
        return PageTableEntry((m_bits & (ADDRESS_MASK | LARGE)) | protection_bits(protection));
    }

private:
    explicit constexpr PageTableEntry(uint64_t bits) : m_bits(bits) {}

    static constexpr uint64_t protection_bits(Protection protection)
    {
        return PRESENT | (allows(protection, Protection::Write) ? WRITABLE : 0)
            | (allows(protection, Protection::User) ? USER : 0)
            | (allows(protection, Protection::Global) ? GLOBAL : 0)
            | (allows(protection, Protection::Execute) ? 0 : NO_EXECUTE);
    }

    uint64_t m_bits = 0;
};

static_assert(sizeof(PageTableEntry) == 8);

// Levels are numbered as the SDM's paging-structure names go down: 4 = PML4, 3 = PDPT,
// 2 = PD, 1 = PT. A virtual address picks one of 512 entries at each level with 9 of its
// bits, from bits 39..47 (level 4) down to bits 12..20 (level 1). A 4 KiB page is a
// level-1 leaf, a 2 MiB page a level-2 leaf. Bits 48..63 must copy bit 47 (a canonical
// address); those with bit 47 set form the kernel half, PML4 entries 256..511.
namespace paging {

inline constexpr unsigned ROOT_LEVEL = 4;
inline constexpr size_t ENTRIES_PER_TABLE = 512;
inline constexpr size_t FIRST_KERNEL_ENTRY = 256;

// The lowest address bit that picks the entry at `level`.
constexpr unsigned shift_of(unsigned level)
{
    return PAGE_SHIFT + 9 * (level - 1);
}

constexpr size_t index_at(VirtualAddress address, unsigned level)
{
    return (address >> shift_of(level)) % ENTRIES_PER_TABLE;
}

// The level whose leaves map pages of this size, and back.
constexpr unsigned leaf_level(PageSize size)
{
    return size == PageSize::Small ? 1 : 2;
}

constexpr PageSize page_size_at(unsigned level)
{
    return level == 1 ? PageSize::Small : PageSize::Large;
}

constexpr bool is_leaf(PageTableEntry entry, unsigned level)
{
    return level == 1 || (level == 2 && entry.is_large());
}

// The canonical form of `address`: bits 48..63 copied from bit 47.
constexpr VirtualAddress sign_extended(VirtualAddress address)
{
    return static_cast<VirtualAddress>(static_cast<int64_t>(address << 16) >> 16);
}

constexpr bool is_canonical(VirtualAddress address)
{
    return sign_extended(address) == address;
}

// For canonical addresses.
constexpr bool is_kernel_half(VirtualAddress address)
{
    return address >> 63;
}

} // namespace paging

} // namespace mm
