// User address spaces in the sim: a stub process each (user_stub.cpp), whose mappings are a
// cache of core's tables that run_user fills on demand (user_mode.cpp). When core removes
// or reduces a mapping, the cached pages are unmapped in the stub by an injected munmap,
// so the next access refaults and is looked up again. The stub is always stopped then: the
// sim has one CPU, and core runs only while no program does.
//
// User space ends where the stub's page begins (USER_STUB_BASE): every user address is
// below it. AT_HWCAP is CPUID.1:EDX of the host CPU the program runs on, as Linux reports
// it (glibc's getauxval(AT_HWCAP) gives glibc's own bits on x86_64 instead).
#include "user_stub.hpp"
#include <sim_machine.hpp>

#include <kstd/verify.hpp>

#include <algorithm>
#include <cstring>
#include <cpuid.h>
#include <sys/syscall.h>

namespace {

constexpr size_t PAGE_BYTES = 4096;
constexpr uint16_t DEFAULT_FPU_CONTROL = 0x37f; // all exceptions masked, 64-bit precision
constexpr uint32_t DEFAULT_MXCSR = 0x1f80;      // all SSE exceptions masked, round to nearest
constexpr size_t MXCSR_OFFSET = 24;

} // namespace

namespace sim {

int user_stub_pid(const hal::UserSpace& space)
{
    return space.stub && space.stub->alive ? space.stub->pid : -1;
}

} // namespace sim

namespace hal {

bool user_space_create(UserSpace& space, uint64_t root)
{
    VERIFY(root != 0 && root % PAGE_BYTES == 0 && !space.stub);
    space.root = root;
    space.stub = sim::start_user_stub();
    return space.stub != nullptr;
}

void user_space_destroy(UserSpace& space)
{
    sim::stop_user_stub(space.stub);
    space.stub = nullptr;
}

void user_space_unmapped(UserSpace& space, uintptr_t start, size_t length)
{
    VERIFY(space.stub && start % PAGE_BYTES == 0);
    uintptr_t end = start + std::min<size_t>(length, user_address_end() - std::min(start, user_address_end()));
    end = (end + PAGE_BYTES - 1) & ~(PAGE_BYTES - 1);
    if (end <= start)
        return;
    long result = sim::user_stub_syscall(*space.stub, SYS_munmap, start, end - start);
    VERIFY(result == 0 || !space.stub->alive);
}

uintptr_t user_address_end()
{
    return sim::USER_STUB_BASE;
}

uint64_t user_hardware_capabilities()
{
    unsigned eax, ebx, ecx, edx;
    if (!__get_cpuid(1, &eax, &ebx, &ecx, &edx))
        return 0;
    return edx;
}

const char* user_platform()
{
    return "x86_64";
}

void user_fpu_reset(UserFpuState& state)
{
    memset(state.fxsave_area, 0, sizeof state.fxsave_area);
    memcpy(state.fxsave_area, &DEFAULT_FPU_CONTROL, sizeof DEFAULT_FPU_CONTROL);
    memcpy(state.fxsave_area + MXCSR_OFFSET, &DEFAULT_MXCSR, sizeof DEFAULT_MXCSR);
}

} // namespace hal
