// TEMPORARY placeholder while the memory manager is being written (replaced this session).
#include <hal/boot.hpp>

bool kernel_page_fault(uintptr_t, const hal::PageFaultAccess&)
{
    return false;
}
