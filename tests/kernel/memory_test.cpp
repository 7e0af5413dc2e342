// In-kernel tests of the memory manager on the real machine (x86_64 under QEMU) and in the
// sim: the heap after boot, frames, demand-zero faulting, kernel stacks with guard pages,
// address spaces, and W^X on the kernel image. A leak shows in the footprint: the frames
// that are free or cached by the heap (which keeps some empty slabs), and the heap bytes
// in use (footprint.hpp).
#include "footprint.hpp"

#include <hal/context.hpp>
#include <hal/memory.hpp>
#include <ktest/ktest.hpp>
#include <mm/address_space.hpp>
#include <mm/heap/kmalloc.hpp>
#include <mm/kernel_stack.hpp>
#include <mm/mm.hpp>

namespace {

using namespace ktest_support;

struct Sample {
    int id;
    char text[40];
};

} // namespace

// The sim's image is a host executable that Linux maps (text read-only, data not
// executable) whatever Keel's tables say, so a W^X check there passes whatever Keel does:
// such cases are skipped in the sim rather than counted as passed. The HAL reports no
// image sections there.
static bool image_protection_is_keels()
{
    return hal::kernel_image_section_count() != 0;
}

#define SKIP_UNLESS_KEEL_PROTECTS_THE_IMAGE()                                                \
    do {                                                                                   \
        if (!image_protection_is_keels())                                                  \
            KTEST_SKIP("Linux maps the sim's image");                             \
    } while (0)

// Walks the kernel's tables (on x86_64 the ones the CPU runs on; in the sim a record that
// nothing enforces): all RAM in the direct map, read/write but not executable.
KTEST(kernel_tables_map_all_memory)
{
    const mm::PageTable& table = mm::kernel_address_space().page_table();
    for (size_t index = 0; index < hal::usable_memory_range_count(); ++index) {
        hal::MemoryRange range = hal::usable_memory_range(index);
        for (uint64_t physical : { range.base, range.base + range.length - 1 }) {
            auto translation = table.translate(hal::direct_map_base() + physical);
            KTEST_EXPECT(translation.has_value());
            if (!translation)
                continue;
            KTEST_EXPECT(translation.value().physical == physical);
            KTEST_EXPECT(mm::allows(translation.value().protection, mm::Protection::Write));
            KTEST_EXPECT(!mm::allows(translation.value().protection, mm::Protection::Execute));
        }
    }
    KTEST_EXPECT(!table.translate(0).has_value()); // no identity map: null faults
}

// Every page of each image section with exactly its W^X protection, and its direct-map
// alias no more permissive.
KTEST(kernel_image_is_mapped_w_xor_x)
{
    SKIP_UNLESS_KEEL_PROTECTS_THE_IMAGE();
    const mm::PageTable& table = mm::kernel_address_space().page_table();
    bool text_found = false; // so the loop below checks something
    for (size_t index = 0; index < hal::kernel_image_section_count(); ++index) {
        hal::ImageSection section = hal::kernel_image_section(index);
        text_found = text_found || (kstd::StringView(section.name) == "text" && section.executable);
    }
    KTEST_EXPECT(text_found);
    for (size_t index = 0; index < hal::kernel_image_section_count(); ++index) {
        hal::ImageSection section = hal::kernel_image_section(index);
        KTEST_EXPECT(!(section.writable && section.executable));
        for (uint64_t offset = 0; offset < section.length; offset += mm::PAGE_SIZE) {
            auto translation = table.translate(section.virtual_start + offset);
            auto alias = table.translate(hal::direct_map_base() + section.physical_start + offset);
            KTEST_EXPECT(translation.has_value() && alias.has_value());
            if (!translation || !alias)
                continue;
            mm::Protection protection = translation.value().protection;
            KTEST_EXPECT(translation.value().physical == section.physical_start + offset);
            KTEST_EXPECT(mm::allows(protection, mm::Protection::Write) == section.writable);
            KTEST_EXPECT(mm::allows(protection, mm::Protection::Execute) == section.executable);
            // The direct-map alias grants no more than the section itself.
            KTEST_EXPECT(mm::allows(alias.value().protection, mm::Protection::Write) == section.writable);
            KTEST_EXPECT(!mm::allows(alias.value().protection, mm::Protection::Execute));
        }
    }
}

KTEST(heap_serves_the_kernel_after_boot)
{
    alone([] { // other threads allocate too: the counters must move by these calls only
        mm::HeapStatistics before = mm::kernel_heap().statistics();
        constexpr size_t COUNT = 64;
        unsigned char* blocks[COUNT];
        for (size_t index = 0; index < COUNT; ++index) {
            size_t size = 8 + index * 61; // 8 bytes to almost 4 KiB, every size class
            blocks[index] = static_cast<unsigned char*>(mm::kmalloc(size));
            KTEST_EXPECT(blocks[index] != nullptr);
            KTEST_EXPECT(reinterpret_cast<uintptr_t>(blocks[index]) % 16 == 0);
            __builtin_memset(blocks[index], int(index), size);
        }
        for (size_t index = 0; index < COUNT; ++index) {
            KTEST_EXPECT(blocks[index][0] == index && blocks[index][8 + index * 61 - 1] == index);
            mm::kfree(blocks[index]);
        }
        Sample* sample = mm::make<Sample>(Sample { 7, "made on the kernel heap" });
        KTEST_EXPECT(sample && sample->id == 7);
        mm::destroy(sample);
        mm::HeapStatistics after = mm::kernel_heap().statistics();
        KTEST_EXPECT(after.bytes_in_use == before.bytes_in_use);
        KTEST_EXPECT(after.allocations == before.allocations + COUNT + 1);
    });
}

KTEST(heap_refuses_impossible_requests_without_panicking)
{
    alone([] {
        uint64_t failures = mm::kernel_heap().statistics().failures;
        KTEST_EXPECT(mm::kmalloc(size_t(1) << 40) == nullptr);
        KTEST_EXPECT(mm::kernel_heap().statistics().failures == failures + 1);
    });
}

KTEST(frames_of_every_order_come_and_go)
{
    alone([] {
        uint64_t baseline = free_frames();
        mm::PhysicalAddress blocks[11];
        for (unsigned order = 0; order <= 10; ++order) {
            auto block = mm::frames().allocate_frames(order);
            KTEST_EXPECT(!block.is_error());
            blocks[order] = block.is_error() ? 0 : block.value();
            KTEST_EXPECT(mm::is_aligned(blocks[order], mm::order_bytes(order)));
        }
        KTEST_EXPECT(free_frames() == baseline - ((1u << 11) - 1));
        for (unsigned order = 0; order <= 10; ++order)
            if (blocks[order])
                mm::frames().free_frames(blocks[order], order);
        KTEST_EXPECT(free_frames() == baseline);
    });
}

KTEST(demand_zero_pages_appear_on_first_touch)
{
    expect_no_trace([] {
        alone([] {
            constexpr size_t PAGES = 16;
            uint64_t frames_before = free_frames();
            auto reserved = mm::reserve_demand_zero("ktest", PAGES * mm::PAGE_SIZE);
            KTEST_EXPECT(!reserved.is_error());
            if (reserved.is_error())
                return;
            auto* bytes = static_cast<volatile uint8_t*>(reserved.value());
            KTEST_EXPECT(free_frames() == frames_before); // nothing mapped yet
            for (size_t page = 0; page < PAGES; ++page) {
                KTEST_EXPECT(bytes[page * mm::PAGE_SIZE + 123] == 0);
                bytes[page * mm::PAGE_SIZE + 123] = uint8_t(page + 1);
            }
            for (size_t page = 0; page < PAGES; ++page)
                KTEST_EXPECT(bytes[page * mm::PAGE_SIZE + 123] == page + 1);
            KTEST_EXPECT(free_frames() <= frames_before - PAGES);
            mm::release_demand_zero(reserved.value());
        });
    });
}

KTEST(kernel_stacks_come_and_go_without_leaks)
{
    expect_no_trace([] {
        constexpr size_t COUNT = 200;
        static mm::KernelStack stacks[COUNT];
        for (size_t index = 0; index < COUNT; ++index) {
            auto stack = mm::KernelStack::create("ktest");
            KTEST_EXPECT(!stack.is_error());
            if (stack.is_error())
                return;
            stacks[index] = stack.release_value();
            static_cast<volatile uint8_t*>(stacks[index].top())[-1] = 1; // usable right away
        }
        for (size_t index = 0; index < COUNT; ++index)
            stacks[index].destroy();
    });
}

KTEST(address_spaces_share_the_kernel_half_and_leak_nothing)
{
    expect_no_trace([] {
        auto created = mm::AddressSpace::create(mm::frames(), mm::kernel_address_space());
        KTEST_EXPECT(!created.is_error());
        if (created.is_error())
            return;
        mm::AddressSpace* space = created.value();
        // A kernel stack made after the space exists is visible in it, where the kernel window
        // lies in the shared kernel half (x86_64; the sim's window is host memory in the
        // lower half, outside what address spaces share).
        auto stack = mm::KernelStack::create("after the space");
        KTEST_EXPECT(!stack.is_error());
        if (!stack.is_error()) {
            auto base = reinterpret_cast<mm::VirtualAddress>(stack.value().base());
            auto in_kernel = mm::kernel_address_space().page_table().translate(base);
            KTEST_EXPECT(in_kernel.has_value());
            auto in_space = space->page_table().translate(base);
            if (base >= hal::direct_map_base() && in_kernel)
                KTEST_EXPECT(in_space && in_space.value().physical == in_kernel.value().physical);
            stack.release_value().destroy();
        }
        auto region = space->add_region(0x40'0000, 8 * mm::PAGE_SIZE, mm::Protection::Read | mm::Protection::Write,
                                        mm::RegionKind::DemandZero, "user data");
        KTEST_EXPECT(!region.is_error());
        if (!region.is_error()) {
            KTEST_EXPECT(!space->map_zeroed_page(*region.value(), 0x40'1000).is_error());
            KTEST_EXPECT(space->page_table().translate(0x40'1234).has_value());
        }
        mm::AddressSpace::destroy(space);
    });
}

// Makes the Nth frame allocation fail for N = 0, 1, 2, ... while `attempt` runs, until an
// attempt succeeds without meeting the failure; each failed attempt must give back
// everything it took. `attempt` returns whether it succeeded, and undoes its work if so.
template<typename Attempt>
void expect_clean_failures(Attempt attempt)
{
    attempt(); // page tables the attempt needs stay once made
    // Alone: the injected failure must meet the attempt, not another thread's allocation.
    ksync::InterruptGuard nothing_else_runs;
    Footprint baseline = footprint();
    for (uint64_t successes = 0; successes < 64; ++successes) {
        mm::fail_frame_allocation_after(successes);
        bool succeeded = attempt();
        mm::stop_failing_frame_allocations();
        KTEST_EXPECT(footprint() == baseline);
        if (succeeded) {
            KTEST_EXPECT(successes > 0); // the first attempt met the failure
            return;
        }
    }
    KTEST_EXPECT(!"every attempt failed");
}

KTEST(out_of_frames_is_an_error_for_every_caller)
{
    expect_clean_failures([] {
        auto stack = mm::KernelStack::create("injected");
        if (stack.is_error())
            return false;
        stack.release_value().destroy();
        return true;
    });
    expect_clean_failures([] {
        auto space = mm::AddressSpace::create(mm::frames(), mm::kernel_address_space());
        if (space.is_error())
            return false;
        auto region = space.value()->add_region(0x40'0000, mm::PAGE_SIZE, mm::Protection::Read,
                                                mm::RegionKind::DemandZero, "injected");
        bool mapped = !region.is_error() && !space.value()->map_zeroed_page(*region.value(), 0x40'0000).is_error();
        mm::AddressSpace::destroy(space.value());
        return mapped;
    });
    expect_clean_failures([] {
        void* large = mm::kmalloc(64 * 1024);
        mm::kfree(large);
        return large != nullptr;
    });
}

static volatile bool keep_recursing = true;

// Recurses until the stack runs out; the frames must really be used, so no tail call.
[[gnu::noinline, gnu::no_sanitize("address", "undefined")]] static int recurse_forever(int depth)
{
    volatile char frame[256];
    frame[0] = char(depth);
    if (!keep_recursing)
        return frame[0];
    return recurse_forever(depth + 1) + frame[0];
}

[[noreturn]] static void overflow_entry(void*)
{
    recurse_forever(0);
    __builtin_unreachable();
}

KTEST_SHOULD_PANIC(stack_overflow_hits_the_guard_page, "kernel stack overflow")
{
    static mm::KernelStack stack = mm::KernelStack::create("overflowing").release_value();
    static hal::Context here;
    static hal::Context there;
    hal::context_init(there, stack.base(), stack.size(), overflow_entry, nullptr);
    hal::context_switch(here, there);
}

// One byte stored by a plain instruction: the sanitizers of the sim's test builds would
// otherwise inspect the target first (TSan crashes on a store to text), and the point is
// the MMU's answer.
static void store_byte(const void* address, uint8_t value)
{
    asm volatile("movb %1, (%0)" : : "r"(address), "q"(value) : "memory");
}

KTEST_SHOULD_PANIC(kernel_text_is_not_writable, "protection violation")
{
    SKIP_UNLESS_KEEL_PROTECTS_THE_IMAGE();
    store_byte(reinterpret_cast<const void*>(&mm::frame_statistics), 0xC3);
}

static const uint8_t read_only_data[16] = { 1, 2, 3 };

KTEST_SHOULD_PANIC(kernel_rodata_is_not_writable, "protection violation")
{
    SKIP_UNLESS_KEEL_PROTECTS_THE_IMAGE();
    store_byte(&read_only_data[0], 9);
}

static uint8_t writable_data[16] = { 0xC3 }; // `ret`, should it ever run

KTEST_SHOULD_PANIC(kernel_data_is_not_executable, "instruction fetch by kernel mode")
{
    SKIP_UNLESS_KEEL_PROTECTS_THE_IMAGE();
    asm volatile("" : : "r"(writable_data) : "memory");
    reinterpret_cast<void (*)()>(&writable_data[0])();
}
