// The sim's physical memory and MMU: RAM as a memory file, the kernel window that mirrors
// RAM frames, and page faults in it.
//
// A page core maps in the window must show the same bytes as its frame does through
// phys_to_virt(); a page it has not mapped, or a write to a read-only one, must end in the
// kernel's page-fault report, and so must a kernel stack in the window that overflows into
// its guard page. Those fault tests run the access as the kernel, on a started CPU thread
// (only there do faults become kernel traps; sim_run_as_kernel.hpp), in a death test: the
// panic halts the machine and the process exits with sim::HALT_EXIT_STATUS, while a body
// whose access did not fault powers off (exit 0). The report itself is matched. Here
// kernel_page_fault() is core's, which resolves nothing the tests map, so every such fault
// is reported.
#include "kstd_verify_death.hpp"
#include "sim_run_as_kernel.hpp"

#include <hal/context.hpp>
#include <hal/memory.hpp>
#include <hal/power.hpp>

#include <cinttypes>
#include <cstdio>
#include <cstring>
#include <string>
#include <unistd.h>

namespace {

constexpr size_t PAGE = 4096;

uint64_t ram_frame(size_t index)
{
    return hal::usable_memory_range(0).base + index * PAGE;
}

uint64_t ram_end()
{
    hal::MemoryRange ram = hal::usable_memory_range(0);
    return ram.base + ram.length;
}

uintptr_t window_page(size_t index)
{
    return hal::kernel_window().base + index * PAGE;
}

char* at(uintptr_t address)
{
    return reinterpret_cast<char*>(address);
}

// The report of a page fault with this error code at an address in the page at `page`.
std::string page_fault_report(uintptr_t page, unsigned error_code)
{
    char pattern[160];
    snprintf(pattern, sizeof pattern, "Page Fault \\(SIGSEGV\\).*error code 0x%x.*0x0*%" PRIxPTR "[0-9a-f]{3}",
             error_code, page >> 12);
    return pattern;
}

// Host error codes: U/S is always set (the sim runs in host user mode), P for a present
// page, W/R for a write.
constexpr unsigned READ_OF_MISSING_PAGE = 0x4;
constexpr unsigned WRITE_TO_MISSING_PAGE = 0x6;
constexpr unsigned WRITE_TO_PRESENT_PAGE = 0x7;

// --- stacks in the window ---

constexpr size_t STACK_PAGES = 16;
hal::Context kernel_context;
hal::Context window_context;
volatile bool keep_recursing = true;
bool window_context_ran = false;

// The first page (the guard) stays unmapped; the stack is the STACK_PAGES above it,
// mirrored from RAM frames starting at `first_frame`.
void* map_window_stack(size_t first_page, size_t first_frame)
{
    hal::mmu_mapped(window_page(first_page + 1), ram_frame(first_frame), STACK_PAGES * PAGE, true, false);
    return at(window_page(first_page + 1));
}

size_t recurse(size_t depth)
{
    volatile char frame[512];
    frame[0] = char(depth);
    return keep_recursing ? recurse(depth + 1) + frame[0] : depth;
}

[[noreturn]] void overflow_the_stack(void*)
{
    recurse(0);
    hal::power_off();
}

// Leaves its frame (with ASan's poisoned redzones around `buffer`) on the stack for good.
[[noreturn]] void abandon_a_frame(void*)
{
    volatile char buffer[256];
    buffer[0] = 1;
    window_context_ran = buffer[0] == 1;
    hal::context_switch(window_context, kernel_context);
    hal::power_off(); // never resumed
}

} // namespace

TEST(SimMmu, RamIsAllThePhysicalMemory)
{
    EXPECT_EQ(hal::usable_memory_range_count(), 1u);
    EXPECT_EQ(hal::usable_memory_range(0).base, sim::RAM_PHYSICAL_BASE);
    EXPECT_EQ(hal::physical_address_end(), ram_end());
    EXPECT_EQ(hal::reachable_physical_end(), ram_end());
    EXPECT_EQ(hal::direct_map_base(), 0xFFFF'8000'0000'0000u);
    EXPECT_EQ(hal::kernel_image_section_count(), 0u);
}

TEST(SimMmu, VirtToPhysUndoesPhysToVirt)
{
    for (uint64_t physical : { ram_frame(0), ram_frame(7) + 123, ram_end() - 1 }) {
        uint64_t back = 0;
        ASSERT_TRUE(hal::virt_to_phys(hal::phys_to_virt(physical), back));
        EXPECT_EQ(back, physical);
    }
}

TEST(SimMmu, VirtToPhysRejectsPointersOutsideTheRam)
{
    int local = 0;
    auto* heap = new int(0);
    const void* foreign[] = {
        &local, heap, at(window_page(0)), nullptr,
        static_cast<char*>(hal::phys_to_virt(ram_end() - 1)) + 1,
        static_cast<char*>(hal::phys_to_virt(ram_frame(0))) - 1,
    };
    for (const void* pointer : foreign) {
        uint64_t physical = 0;
        EXPECT_FALSE(hal::virt_to_phys(pointer, physical)) << pointer;
    }
    delete heap;
}

TEST(SimMmu, WindowIsAnAlignedReservationOfItsOwn)
{
    hal::KernelWindow window = hal::kernel_window();
    EXPECT_EQ(window.base % (2u << 20), 0u);
    EXPECT_GE(window.length, 1u << 30);
    EXPECT_EQ(hal::kernel_window().base, window.base);
    uint64_t physical = 0;
    EXPECT_FALSE(hal::virt_to_phys(at(window.base), physical));
}

TEST(SimMmu, WindowPagesMirrorTheirRamFrames)
{
    hal::mmu_mapped(window_page(5), ram_frame(3), 2 * PAGE, true, false);
    strcpy(at(window_page(5)), "written through the window");
    EXPECT_STREQ(static_cast<char*>(hal::phys_to_virt(ram_frame(3))), "written through the window");
    strcpy(static_cast<char*>(hal::phys_to_virt(ram_frame(4))), "written through the direct map");
    EXPECT_STREQ(at(window_page(6)), "written through the direct map");
    hal::mmu_unmapped(window_page(5), 2 * PAGE);
}

TEST(SimMmu, OnlyThePartInsideTheWindowIsMirrored)
{
    // One page below the window, one inside: the inside one is the range's second frame.
    hal::mmu_mapped(window_page(0) - PAGE, ram_frame(10), 2 * PAGE, true, false);
    strcpy(at(window_page(0)), "second frame");
    EXPECT_STREQ(static_cast<char*>(hal::phys_to_virt(ram_frame(11))), "second frame");
    hal::mmu_unmapped(window_page(0) - PAGE, 2 * PAGE);
    // The direct map at the x86_64 address, from physical 0: bookkeeping only in the sim.
    hal::mmu_mapped(hal::direct_map_base(), 0, 2u << 20, true, false);
    hal::mmu_unmapped(hal::direct_map_base(), 2u << 20);
}

TEST(SimMmu, AbandonedWindowStackPagesStartCleanWhenMappedAgain)
{
    void* stack = map_window_stack(20, 30);
    hal::context_init(window_context, stack, STACK_PAGES * PAGE, abandon_a_frame, nullptr);
    hal::context_switch(kernel_context, window_context);
    EXPECT_TRUE(window_context_ran);
    hal::mmu_unmapped(window_page(21), STACK_PAGES * PAGE);
    // Mapped again (onto other frames), the old stack's poisoned redzones must be gone.
    hal::mmu_mapped(window_page(21), ram_frame(60), STACK_PAGES * PAGE, true, false);
    memset(stack, 0xAB, STACK_PAGES * PAGE);
    EXPECT_EQ(static_cast<unsigned char*>(hal::phys_to_virt(ram_frame(60)))[100], 0xAB);
    hal::mmu_unmapped(window_page(21), STACK_PAGES * PAGE);
}

TEST(SimMmuDeathTest, PhysToVirtOutsideTheRamIsAKernelBug)
{
    EXPECT_VERIFY_FAILS(hal::phys_to_virt(ram_end()));
    EXPECT_VERIFY_FAILS(hal::phys_to_virt(sim::RAM_PHYSICAL_BASE - 1));
    EXPECT_VERIFY_FAILS(hal::phys_to_virt(0));
}

TEST(SimMmuDeathTest, MisalignedOrUnbackedMappingsAreKernelBugs)
{
    EXPECT_VERIFY_FAILS(hal::mmu_mapped(window_page(1) + 8, ram_frame(0), PAGE, true, false));
    EXPECT_VERIFY_FAILS(hal::mmu_mapped(window_page(1), ram_frame(0) + 8, PAGE, true, false));
    EXPECT_VERIFY_FAILS(hal::mmu_mapped(window_page(1), ram_frame(0), PAGE + 8, true, false));
    EXPECT_VERIFY_FAILS(hal::mmu_mapped(window_page(1), ram_end(), PAGE, true, false));
    EXPECT_VERIFY_FAILS(hal::mmu_mapped(window_page(1), ram_end() - PAGE, 2 * PAGE, true, false));
    EXPECT_VERIFY_FAILS(hal::mmu_unmapped(window_page(1) + 8, PAGE));
    EXPECT_VERIFY_FAILS(hal::mmu_activate(ram_frame(0) + 8));
}

TEST(SimMmuDeathTest, ReadOfAnUnmappedWindowPageIsAPageFault)
{
    EXPECT_EXIT(sim_test::run_as_kernel([] {
        hal::mmu_mapped(window_page(8), ram_frame(8), PAGE, true, false);
        *at(window_page(8)) = 1;
        hal::mmu_unmapped(window_page(8), PAGE);
        (void)*static_cast<volatile char*>(at(window_page(8)));
    }),
                ::testing::ExitedWithCode(sim::HALT_EXIT_STATUS),
                page_fault_report(window_page(8), READ_OF_MISSING_PAGE));
}

TEST(SimMmuDeathTest, WriteToAReadOnlyWindowPageIsAPageFault)
{
    EXPECT_EXIT(sim_test::run_as_kernel([] {
        hal::mmu_mapped(window_page(9), ram_frame(9), PAGE, false, false);
        auto* page = static_cast<volatile char*>(at(window_page(9)));
        char value = page[0]; // readable, and now present
        page[0] = char(value + 1);
    }),
                ::testing::ExitedWithCode(sim::HALT_EXIT_STATUS),
                page_fault_report(window_page(9), WRITE_TO_PRESENT_PAGE));
}

TEST(SimMmuDeathTest, StackOverflowIntoAWindowGuardPageIsReported)
{
    EXPECT_EXIT(sim_test::run_as_kernel([] {
        void* stack = map_window_stack(100, 100);
        hal::context_init(window_context, stack, STACK_PAGES * PAGE, overflow_the_stack, nullptr);
        hal::context_switch(kernel_context, window_context);
    }),
                ::testing::ExitedWithCode(sim::HALT_EXIT_STATUS),
                "CPU EXCEPTION.*" + page_fault_report(window_page(100), WRITE_TO_MISSING_PAGE));
}
