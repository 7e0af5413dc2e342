// The x86-64 page-fault error code (Intel SDM vol. 3, 4.7) as a hal::PageFaultAccess.
//
// The CPU pushes it with every page fault; Linux hands the same bits to a SIGSEGV handler
// in the ucontext's REG_ERR, so both targets decode it here. The sim runs in host user
// mode, where the U/S bit is set for every fault, so it passes `user_mode_possible` false.
#pragma once
#include <hal/debug.hpp>
#include <stdint.h>

namespace hal::x86 {

inline constexpr uint64_t PAGE_FAULT_PRESENT = 1u << 0;
inline constexpr uint64_t PAGE_FAULT_WRITE = 1u << 1;
inline constexpr uint64_t PAGE_FAULT_USER = 1u << 2;
inline constexpr uint64_t PAGE_FAULT_INSTRUCTION_FETCH = 1u << 4;

inline PageFaultAccess decode_page_fault(uint64_t error_code, bool user_mode_possible)
{
    return PageFaultAccess {
        .write = (error_code & PAGE_FAULT_WRITE) != 0,
        .execute = (error_code & PAGE_FAULT_INSTRUCTION_FETCH) != 0,
        .user = user_mode_possible && (error_code & PAGE_FAULT_USER) != 0,
        .protection = (error_code & PAGE_FAULT_PRESENT) != 0,
    };
}

} // namespace hal::x86
