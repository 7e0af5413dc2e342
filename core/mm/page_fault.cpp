// Page faults: demand-zero mapping and fault explanations (see page_fault.hpp).
#include <hal/boot.hpp>
#include <log/log.hpp>
#include <mm/address_space.hpp>
#include <mm/mm.hpp>
#include <mm/page_fault.hpp>

namespace mm {
namespace {

bool region_allows(const Region& region, const hal::PageFaultAccess& access)
{
    if (access.write && !allows(region.protection, Protection::Write))
        return false;
    return !access.execute || allows(region.protection, Protection::Execute);
}

void write_protection(kstd::Writer& out, Protection protection)
{
    kstd::format_to(out, "{}{}{}", allows(protection, Protection::Read) ? 'r' : '-',
                    allows(protection, Protection::Write) ? 'w' : '-',
                    allows(protection, Protection::Execute) ? 'x' : '-');
}

const char* access_kind(const hal::PageFaultAccess& access)
{
    if (access.execute)
        return "instruction fetch";
    return access.write ? "write" : "read";
}

} // namespace

void explain_fault(kstd::Writer& out, uintptr_t address, const hal::PageFaultAccess& access)
{
    kstd::format_to(out, "{} by {} mode at {:#x}: {}", access_kind(access), access.user ? "user" : "kernel",
                    address, access.protection ? "protection violation" : "page not present");
    const Region* region = is_initialized() ? kernel_address_space().find_region(address) : nullptr;
    if (!region) {
        out.write(", in no region");
        return;
    }
    kstd::format_to(out, ", inside region '{}' ({}, ", region->name.view(), region_kind_name(region->kind));
    write_protection(out, region->protection);
    out.write(")");
}

kstd::Optional<kstd::StringView> stack_overflow_name(uintptr_t address)
{
    if (!is_initialized())
        return {};
    const Region* region = kernel_address_space().find_region(address);
    if (!region || region->kind != RegionKind::StackGuard)
        return {};
    return region->name.view();
}

} // namespace mm

bool kernel_page_fault(uintptr_t address, const hal::PageFaultAccess& access)
{
    using namespace mm;
    if (!is_initialized() || access.user || access.protection)
        return false;
    AddressSpace& space = kernel_address_space();
    Region* region = space.find_region(address);
    if (!region || region->kind != RegionKind::DemandZero || !region_allows(*region, access))
        return false;
    auto mapped = space.map_zeroed_page(*region, address);
    if (mapped.is_error()) {
        klog::error("mm: no frame for the demand-zero page at {:#x} in '{}': {}", address, region->name.view(),
                    mapped.error().name());
        return false;
    }
    return true;
}
