// Demand-zero reservations in the kernel window (see mm.hpp); page_fault.cpp fills them in.
#include <hal/memory.hpp>
#include <mm/address_space.hpp>
#include <mm/mm.hpp>
#include <sync/interrupt_guard.hpp>

namespace mm {

kstd::Result<void*> reserve_demand_zero(kstd::StringView name, size_t length)
{
    if (length == 0)
        return kstd::Errno::InvalidArgument;
    ksync::InterruptGuard guard;
    hal::KernelWindow window = hal::kernel_window();
    Region* region = TRY(kernel_address_space().add_region_in(
        window.base, window.base + window.length, align_up(length, PAGE_SIZE),
        Protection::Read | Protection::Write, RegionKind::DemandZero, name));
    return reinterpret_cast<void*>(region->start);
}

void release_demand_zero(void* start)
{
    ksync::InterruptGuard guard;
    AddressSpace& kernel = kernel_address_space();
    Region* region = kernel.find_region(reinterpret_cast<VirtualAddress>(start));
    VERIFY(region && region->kind == RegionKind::DemandZero && region->start == reinterpret_cast<VirtualAddress>(start));
    kernel.remove_region(*region);
}

} // namespace mm
