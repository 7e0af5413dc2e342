// System calls about a process's memory: brk, mmap, munmap, mprotect, madvise.
//
// They translate Linux's flags and check them, and the process's mm::UserMemory does the
// rest. One deliberate difference from Linux: no mapping may be writable and executable at
// once (W^X, as OpenBSD enforces), so PROT_WRITE|PROT_EXEC is EACCES.
#include <fs/mapped_file.hpp>
#include <hal/user.hpp>
#include <mm/user_memory.hpp>
#include <syscall/handler.hpp>

namespace syscalls {
namespace {

// Linux's values (asm-generic/mman-common.h, mman.h).
constexpr uint64_t PROT_READ = 1, PROT_WRITE = 2, PROT_EXEC = 4;
constexpr uint64_t MAP_SHARED = 1, MAP_PRIVATE = 2, MAP_SHARED_VALIDATE = 3, MAP_TYPE = 0xf;
constexpr uint64_t MAP_FIXED = 0x10, MAP_ANONYMOUS = 0x20, MAP_FIXED_NOREPLACE = 0x100000;
// Flags Linux accepts that change nothing Keel does (growsdown, denywrite, executable,
// locked, noreserve, populate, nonblock, stack, hugetlb and its sizes, sync).
constexpr uint64_t MAP_IGNORED = 0x100 | 0x800 | 0x1000 | 0x2000 | 0x4000 | 0x8000 | 0x10000 | 0x20000
    | 0x40000 | 0x80000 | (0x3full << 26);

kstd::Result<mm::Protection> protection_of(uint64_t prot)
{
    if (prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC))
        return kstd::Errno::InvalidArgument;
    if ((prot & PROT_WRITE) && (prot & PROT_EXEC))
        return kstd::Errno::PermissionDenied;
    mm::Protection protection = mm::Protection::None;
    if (prot & (PROT_READ | PROT_WRITE | PROT_EXEC))
        protection = mm::Protection::Read; // x86 cannot write or run what it cannot read
    if (prot & PROT_WRITE)
        protection = protection | mm::Protection::Write;
    if (prot & PROT_EXEC)
        protection = protection | mm::Protection::Execute;
    return protection;
}

bool page_aligned(uint64_t value)
{
    return (value & (mm::PAGE_SIZE - 1)) == 0;
}

// A private mapping of a file: its pages are read on first touch and copied on write.
// A shared file mapping would need pages shared with the file itself, which ramfs does not
// offer yet: ENODEV, what Linux says for a file that cannot be mapped (after the checks
// Linux makes first: a readable regular file, writable for a writable shared mapping).
Result map_file(Call& call, mm::MapRequest& request, int fd, uint64_t offset)
{
    bool shared_writable = request.shared && mm::allows(request.protection, mm::Protection::Write);
    fs::MappedFile* file = TRY(fs::MappedFile::create(*call.process().files, fd, shared_writable));
    if (request.shared) {
        file->release();
        return kstd::Errno::NoSuchDevice;
    }
    request.file = file;
    request.file_offset = offset;
    auto mapped = call.process().memory->map(request);
    file->release(); // the region holds its own count
    return int64_t(TRY(mapped));
}

Result brk_call(Call& call)
{
    return int64_t(call.process().memory->set_break(call.argument(0)));
}

Result mmap_call(Call& call)
{
    uint64_t address = call.argument(0), length = call.argument(1), flags = call.argument(3);
    uint64_t offset = call.argument(5);
    uint64_t type = flags & MAP_TYPE;
    if (type != MAP_SHARED && type != MAP_PRIVATE && type != MAP_SHARED_VALIDATE)
        return kstd::Errno::InvalidArgument;
    uint64_t known = MAP_TYPE | MAP_FIXED | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE | MAP_IGNORED;
    if (type == MAP_SHARED_VALIDATE && (flags & ~known))
        return kstd::Errno::NotSupported;
    if (length == 0 || !page_aligned(offset))
        return kstd::Errno::InvalidArgument;
    mm::MapRequest request {
        .hint = address,
        .length = length,
        .protection = TRY(protection_of(call.argument(2))),
        .shared = type != MAP_PRIVATE,
        .fixed = (flags & MAP_FIXED) != 0,
        .fixed_noreplace = (flags & MAP_FIXED_NOREPLACE) != 0 && !(flags & MAP_FIXED),
    };
    if ((request.fixed || request.fixed_noreplace) && !page_aligned(address))
        return kstd::Errno::InvalidArgument;
    if (!(flags & MAP_ANONYMOUS))
        return map_file(call, request, call.int_argument(4), offset);
    return int64_t(TRY(call.process().memory->map(request)));
}

Result munmap_call(Call& call)
{
    uint64_t address = call.argument(0), length = call.argument(1);
    if (!page_aligned(address) || length == 0)
        return kstd::Errno::InvalidArgument;
    TRY(call.process().memory->unmap(address, length));
    return 0;
}

Result mprotect_call(Call& call)
{
    uint64_t address = call.argument(0), length = call.argument(1);
    if (!page_aligned(address))
        return kstd::Errno::InvalidArgument;
    mm::Protection protection = TRY(protection_of(call.argument(2)));
    if (length == 0)
        return 0;
    TRY(call.process().memory->protect(address, length, protection));
    return 0;
}

// Advice may be ignored, as Linux's man page allows; the arguments are still checked:
// an unaligned address or advice Linux does not know (MADV_NORMAL 0 to MADV_COLLAPSE 25,
// but 5-7, and the two memory-failure ones) is EINVAL.
Result madvise_call(Call& call)
{
    uint64_t address = call.argument(0);
    int advice = call.int_argument(2);
    bool known = (advice >= 0 && advice <= 25 && (advice < 5 || advice > 7)) || advice == 100 || advice == 101;
    if (!page_aligned(address) || !known)
        return kstd::Errno::InvalidArgument;
    return 0;
}

} // namespace

void register_memory_calls(Entry* table)
{
    ADD_CALL(table, brk);
    ADD_CALL(table, mmap);
    ADD_CALL(table, munmap);
    ADD_CALL(table, mprotect);
    ADD_CALL(table, madvise);
}

} // namespace syscalls
