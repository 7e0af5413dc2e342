// KernelStack: guard region + stack region in the kernel window (see kernel_stack.hpp).
//
// The window space is reserved as one region of guard + stack pages first and then split
// in two records, so the guard is always directly below its stack.
#include <hal/memory.hpp>
#include <mm/address_space.hpp>
#include <mm/kernel_stack.hpp>
#include <mm/mm.hpp>
#include <sync/interrupt_guard.hpp>

namespace mm {
namespace {

// Maps fresh frames over the region's pages; on failure the caller's remove_region()
// unmaps and frees what was mapped.
kstd::Result<void> populate(AddressSpace& space, Region& region)
{
    for (VirtualAddress page = region.start; page < region.end(); page += PAGE_SIZE) {
        auto mapped = space.map_zeroed_page(region, page);
        if (mapped.is_error())
            return mapped.release_error();
    }
    return {};
}

} // namespace

kstd::Result<KernelStack> KernelStack::create(kstd::StringView name, size_t size)
{
    if (size == 0)
        return kstd::Errno::InvalidArgument;
    size = align_up(size, PAGE_SIZE);
    ksync::InterruptGuard guard;
    AddressSpace& kernel = kernel_address_space();
    hal::KernelWindow window = hal::kernel_window();
    Region* guard_region = TRY(kernel.add_region_in(window.base, window.base + window.length,
                                                   PAGE_SIZE + size, Protection::None,
                                                   RegionKind::StackGuard, name));
    guard_region->length = PAGE_SIZE; // the rest of the reservation becomes the stack
    auto stack_region = kernel.add_region(guard_region->end(), size, Protection::Read | Protection::Write,
                                          RegionKind::KernelStack, name);
    if (stack_region.is_error()) {
        kernel.remove_region(*guard_region);
        return stack_region.release_error();
    }
    Region* pages = stack_region.value();
    auto populated = populate(kernel, *pages);
    if (populated.is_error()) {
        kernel.remove_region(*pages);
        kernel.remove_region(*guard_region);
        return populated.release_error();
    }
    return KernelStack(guard_region, pages, pages->start, size);
}

void KernelStack::destroy()
{
    VERIFY(m_pages != nullptr);
    ksync::InterruptGuard guard;
    AddressSpace& kernel = kernel_address_space();
    kernel.remove_region(*m_pages);
    kernel.remove_region(*m_guard);
    KernelStack empty;
    take(empty);
}

void KernelStack::take(KernelStack& other)
{
    VERIFY(m_pages == nullptr || other.m_pages == nullptr);
    m_guard = other.m_guard;
    m_pages = other.m_pages;
    m_base = other.m_base;
    m_size = other.m_size;
    other.m_guard = other.m_pages = nullptr;
    other.m_base = 0;
    other.m_size = 0;
}

} // namespace mm
