// Redirecting interrupted code into a function (see interrupted_call.hpp).
//
// Not instrumented by ASan: the return address goes to stack memory that may still carry
// stale poisoning until the unpoisoning just before it is done.
#include "interrupted_call.hpp"
#include <sim_sanitizers.hpp>

#if KEEL_SIM_ASAN
#    include <sanitizer/asan_interface.h>
#endif

namespace sim {

[[gnu::no_sanitize_address]] void make_interrupted_code_call(greg_t* gregs, uintptr_t return_slot,
                                                             [[maybe_unused]] uintptr_t stack_bytes,
                                                             void (*function)())
{
#if KEEL_SIM_ASAN
    ASAN_UNPOISON_MEMORY_REGION(reinterpret_cast<void*>(return_slot - stack_bytes),
                                stack_bytes + sizeof(uint64_t));
#endif
    *reinterpret_cast<uint64_t*>(return_slot) = uint64_t(gregs[REG_RIP]);
    gregs[REG_RSP] = greg_t(return_slot);
    gregs[REG_RIP] = reinterpret_cast<greg_t>(function);
}

} // namespace sim
