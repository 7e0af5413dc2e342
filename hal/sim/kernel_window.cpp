// The sim's kernel window: host address space where core's kernel-window pages really fault.
//
// Core maps kernel stacks (each with an unmapped guard page below it) and demand-zero
// regions page by page in its kernel window. The host CPU never walks Keel's page tables,
// so the sim makes the window real another way: on first use it reserves WINDOW_BYTES of
// inaccessible host address space (1 GiB, less than x86_64's window: core takes the size
// from kernel_window()), aligned like a 2 MiB page, and mirrors every change core makes
// there. mmu_mapped() maps the RAM file's pages of those frames over the reservation,
// shared, so a write through the window changes the very bytes phys_to_virt() shows; the
// pages are readable, and writable only when core's entry is. They are never executable:
// kernel code runs from the sim's own image, never from the window, so core's `executable`
// has nothing to mirror. mmu_unmapped() puts the inaccessible reservation back. Touching a
// page core has not mapped is thus a SIGSEGV, which fatal_signals.cpp offers to
// kernel_page_fault() before reporting it.
//
// Changes outside the window (the direct map, the image) are not mirrored: the sim runs on
// the host's own mappings there, and core's tables are only its bookkeeping. Arguments are
// checked all the same: addresses and lengths must be whole pages, and window pages must be
// backed by RAM. Each mirrored run of pages is a host mapping of its own, so a heavily
// fragmented window meets the host's limit on mappings (vm.max_map_count) as a panic.
//
// ASan keeps shadow memory for the window addresses like for any other; its mmap
// interceptor does not reset it (GCC 12). Every change therefore unpoisons the pages: a
// page that held an abandoned stack starts clean when mapped again, and an access to an
// unmapped page faults instead of tripping over stale poison. TSan resets its own shadow
// in its mmap interceptor.
#include "kernel_window.hpp"
#include "ram.hpp"
#include <sim_sanitizers.hpp>
#include <sim_machine.hpp>

#include <hal/memory.hpp>
#include <kstd/align.hpp>
#include <kstd/verify.hpp>

#include <algorithm>
#include <cstdio>
#include <sys/mman.h>
#if KEEL_SIM_ASAN
#    include <sanitizer/asan_interface.h>
#endif

namespace {

constexpr size_t PAGE_BYTES = 4096;
constexpr size_t WINDOW_BYTES = 1ull << 30;
constexpr size_t WINDOW_ALIGNMENT = 2ull << 20;
constexpr int INACCESSIBLE = MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE;

// The top-level table core last activated. The copy routines walk its lower half.
uint64_t active_root = 0;

// The host is out of address space or mappings: a panic, with the host's reason on stderr.
[[noreturn]] void host_refused(const char* what)
{
    perror(what);
    VERIFY_NOT_REACHED();
}

hal::KernelWindow reserve_window()
{
    void* reservation = mmap(nullptr, WINDOW_BYTES + WINDOW_ALIGNMENT, PROT_NONE, INACCESSIBLE, -1, 0);
    if (reservation == MAP_FAILED)
        host_refused("keel-sim: cannot reserve the kernel window");
    auto start = reinterpret_cast<uintptr_t>(reservation);
    uintptr_t base = kstd::align_up(start, WINDOW_ALIGNMENT);
    if (base > start)
        munmap(reservation, base - start);
    munmap(reinterpret_cast<void*>(base + WINDOW_BYTES), start + WINDOW_ALIGNMENT - base);
    return { base, WINDOW_BYTES };
}

bool page_aligned(uint64_t value)
{
    return value % PAGE_BYTES == 0;
}

struct WindowPart {
    uintptr_t start;
    size_t length;  // 0 when the range misses the window
    size_t skipped; // how far into the range the part starts
};

WindowPart window_part(uintptr_t start, size_t length)
{
    hal::KernelWindow window = hal::kernel_window();
    uintptr_t first = std::max(start, window.base);
    uintptr_t end = std::min(start + length, window.base + window.length);
    if (first >= end)
        return { first, 0, 0 };
    return { first, end - first, first - start };
}

void replace_pages(const WindowPart& part, int protection, int flags, int file, uint64_t offset)
{
    void* pages = reinterpret_cast<void*>(part.start);
    if (mmap(pages, part.length, protection, flags | MAP_FIXED, file, off_t(offset)) == MAP_FAILED)
        host_refused("keel-sim: cannot change kernel-window pages");
#if KEEL_SIM_ASAN
    ASAN_UNPOISON_MEMORY_REGION(pages, part.length);
#endif
}

} // namespace

namespace sim {

bool in_kernel_window(uintptr_t address)
{
    hal::KernelWindow window = hal::kernel_window();
    return address - window.base < window.length;
}

uint64_t active_root()
{
    return ::active_root;
}

} // namespace sim

namespace hal {

KernelWindow kernel_window()
{
    static const KernelWindow window = reserve_window();
    return window;
}

void mmu_activate(uint64_t root)
{
    VERIFY(root != 0 && page_aligned(root));
    active_root = root;
}

void mmu_mapped(uintptr_t virtual_start, uint64_t physical_start, size_t length, bool writable, bool)
{
    VERIFY(page_aligned(virtual_start) && page_aligned(physical_start) && page_aligned(length));
    WindowPart part = window_part(virtual_start, length);
    if (part.length == 0)
        return;
    uint64_t physical = physical_start + part.skipped;
    VERIFY(sim::in_ram(physical, part.length));
    replace_pages(part, PROT_READ | (writable ? PROT_WRITE : 0), MAP_SHARED, sim::ram().file,
                  physical - sim::RAM_PHYSICAL_BASE);
}

void mmu_unmapped(uintptr_t virtual_start, size_t length)
{
    VERIFY(page_aligned(virtual_start) && page_aligned(length));
    WindowPart part = window_part(virtual_start, length);
    if (part.length != 0)
        replace_pages(part, PROT_NONE, INACCESSIBLE, -1, 0);
}

} // namespace hal
