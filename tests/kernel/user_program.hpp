// A tiny user program for the kernel tests of hal/user.hpp: its own page tables (the lower
// half empty, the kernel half shared), a code page holding hand-assembled machine code and
// a read/write data page, both user pages; the tables active while it lives, the kernel's
// again afterwards, every frame and table given back.
//
// Layout of the lower half, well below every target's user_address_end():
//   CODE_ADDRESS    the machine code (r-x)
//   DATA_ADDRESS    a data page (rw-); the stack starts at its end
//   SPARE_ADDRESS   unmapped unless a case maps it (map_page)
//   UNMAPPED_ADDRESS never mapped
// Each run() goes through hal::run_user with `registers` and `fpu`, which a case may
// change between runs as core would, and runs again after an Interrupt exit (a timer tick
// may end any run, even before the first instruction), as core's loop does.
#pragma once
#include <hal/memory.hpp>
#include <hal/user.hpp>
#include <ktest/ktest.hpp>
#include <mm/address_space.hpp>
#include <mm/mm.hpp>
#include <mm/page_table.hpp>

namespace ktest_support {

inline constexpr uintptr_t CODE_ADDRESS = 0x40'0000;
inline constexpr uintptr_t DATA_ADDRESS = 0x60'0000;
inline constexpr uintptr_t SPARE_ADDRESS = 0x70'0000;
inline constexpr uintptr_t UNMAPPED_ADDRESS = 0x80'0000;
inline constexpr uintptr_t NON_CANONICAL_ADDRESS = 0x8000'0000'0000'0000;

inline constexpr mm::Protection USER_CODE = mm::Protection::Read | mm::Protection::Execute | mm::Protection::User;
inline constexpr mm::Protection USER_DATA = mm::Protection::Read | mm::Protection::Write | mm::Protection::User;
inline constexpr mm::Protection USER_READ_ONLY = mm::Protection::Read | mm::Protection::User;

class UserProgram {
public:
    template<size_t Size>
    explicit UserProgram(const uint8_t (&code)[Size]) : UserProgram(code, Size)
    {
    }

    UserProgram(const uint8_t* code, size_t size)
    {
        auto table = mm::PageTable::create_sharing_kernel_half(mm::frames(), mm::kernel_address_space().page_table());
        KTEST_EXPECT(!table.is_error());
        if (table.is_error())
            return;
        m_table = table.release_value();
        m_ready = map_page(CODE_ADDRESS, USER_CODE) && map_page(DATA_ADDRESS, USER_DATA);
        KTEST_EXPECT(m_ready && size <= mm::PAGE_SIZE);
        if (!m_ready)
            return;
        __builtin_memcpy(contents(CODE_ADDRESS), code, size);
        m_space_created = hal::user_space_create(m_space, m_table.value().root());
        m_ready = m_space_created;
        KTEST_EXPECT(m_ready);
        if (!m_ready)
            return;
        hal::mmu_activate(m_table.value().root());
        hal::user_fpu_reset(fpu);
        registers.rip = CODE_ADDRESS;
        registers.rsp = DATA_ADDRESS + mm::PAGE_SIZE;
        registers.rflags = 0x202; // IF and the always-one bit
    }

    ~UserProgram()
    {
        hal::mmu_activate(mm::kernel_address_space().page_table().root());
        while (m_page_count > 0)
            unmap_page(m_pages[m_page_count - 1].address);
        if (m_space_created)
            hal::user_space_destroy(m_space);
        if (m_table.has_value())
            m_table.value().destroy(mm::frames());
    }

    UserProgram(const UserProgram&) = delete;
    UserProgram& operator=(const UserProgram&) = delete;

    bool ready() const { return m_ready; }
    hal::UserSpace& space() { return m_space; }

    hal::UserExit run() { return run(registers, fpu); }
    hal::UserExit run(hal::UserRegisters& these_registers, hal::UserFpuState& this_fpu)
    {
        for (;;) {
            hal::UserExit exit = run_once(these_registers, this_fpu);
            if (exit.reason != hal::UserExitReason::Interrupt)
                return exit;
        }
    }
    hal::UserExit run_once(hal::UserRegisters& these_registers, hal::UserFpuState& this_fpu)
    {
        VERIFY(m_ready);
        return hal::run_user(m_space, these_registers, this_fpu);
    }
    // Runs from `address` again (rip), as after an exec of the same code.
    hal::UserExit run_from(uintptr_t address)
    {
        registers.rip = address;
        return run();
    }

    // Maps a fresh zeroed page at `address`.
    bool map_page(uintptr_t address, mm::Protection protection)
    {
        if (m_page_count == MAX_PAGES)
            return false;
        auto frame = mm::frames().allocate_frames(0);
        if (frame.is_error())
            return false;
        __builtin_memset(hal::phys_to_virt(frame.value()), 0, mm::PAGE_SIZE);
        if (m_table.value().map(address, frame.value(), mm::PageSize::Small, protection).is_error()) {
            mm::frames().free_frames(frame.value(), 0);
            return false;
        }
        m_pages[m_page_count++] = { address, frame.value() };
        return true;
    }

    // Unmaps the page at `address` (mapped by map_page) and tells the HAL, as core does.
    void unmap_page(uintptr_t address)
    {
        for (size_t index = 0; index < m_page_count; ++index) {
            if (m_pages[index].address != address)
                continue;
            auto unmapped = m_table.value().unmap(address, mm::PageSize::Small);
            VERIFY(!unmapped.is_error() && unmapped.value() == m_pages[index].frame);
            if (m_space_created)
                hal::user_space_unmapped(m_space, address, mm::PAGE_SIZE);
            mm::frames().free_frames(m_pages[index].frame, 0);
            m_pages[index] = m_pages[--m_page_count];
            return;
        }
        VERIFY(!"unmap_page: not a page of this program");
    }

    // Gives the page at `address` a new protection and tells the HAL, as core does.
    void protect_page(uintptr_t address, mm::Protection protection)
    {
        VERIFY(!m_table.value().protect(address, protection).is_error());
        hal::user_space_unmapped(m_space, address, mm::PAGE_SIZE);
    }

    // The bytes of a page mapped by map_page, through the direct map.
    uint8_t* contents(uintptr_t address)
    {
        for (size_t index = 0; index < m_page_count; ++index)
            if (m_pages[index].address == (address & ~(mm::PAGE_SIZE - 1)))
                return static_cast<uint8_t*>(hal::phys_to_virt(m_pages[index].frame)) + address % mm::PAGE_SIZE;
        VERIFY(!"contents: not a page of this program");
        return nullptr;
    }

    hal::UserRegisters registers {};
    hal::UserFpuState fpu;

private:
    static constexpr size_t MAX_PAGES = 8;
    struct Page {
        uintptr_t address;
        mm::PhysicalAddress frame;
    };

    kstd::Optional<mm::PageTable> m_table;
    hal::UserSpace m_space {};
    Page m_pages[MAX_PAGES] {};
    size_t m_page_count = 0;
    bool m_space_created = false;
    bool m_ready = false;
};

// Signals and si_codes as Linux numbers them.
inline constexpr int SIGILL = 4;
inline constexpr int SIGTRAP = 5;
inline constexpr int SIGFPE = 8;
inline constexpr int SIGSEGV = 11;
inline constexpr int SI_KERNEL = 0x80;
inline constexpr int ILL_ILLOPN = 2;
inline constexpr int FPE_INTDIV = 1;
inline constexpr int FPE_FLTDIV = 3;
inline constexpr int TRAP_TRACE = 2;

// Programs used by more than one file; each byte with its assembly beside it.
// 0: mov %rsi, (%rdi); 3: syscall
inline constexpr uint8_t STORE[] = { 0x48, 0x89, 0x37, 0x0f, 0x05 };
// 0: mov (%rdi), %rax; 3: syscall
inline constexpr uint8_t LOAD[] = { 0x48, 0x8b, 0x07, 0x0f, 0x05 };
static_assert(sizeof(STORE) == sizeof(LOAD));

inline uint64_t read64(const uint8_t* bytes)
{
    uint64_t value;
    __builtin_memcpy(&value, bytes, sizeof(value));
    return value;
}

inline void write64(uint8_t* bytes, uint64_t value)
{
    __builtin_memcpy(bytes, &value, sizeof(value));
}

inline bool is_fault(const hal::UserExit& exit, int signal, int code)
{
    return exit.reason == hal::UserExitReason::Fault && exit.signal == signal && exit.signal_code == code;
}

inline bool is_page_fault(const hal::UserExit& exit, uintptr_t address)
{
    return exit.reason == hal::UserExitReason::PageFault && exit.fault_address == address && exit.access.user;
}

} // namespace ktest_support
