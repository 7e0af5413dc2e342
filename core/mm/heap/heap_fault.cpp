// Heap faults: formatted panics (kstd/panic.hpp).
#include <kstd/panic.hpp>
#include <mm/heap/heap_fault.hpp>

namespace mm {

void report_double_free(kstd::StringView heap, const void* pointer, size_t object_bytes)
{
    PANIC("{}: double free of {:p} ({}-byte object)", heap, pointer, object_bytes);
}

void report_foreign_free(kstd::StringView heap, const void* pointer)
{
    PANIC("{}: free of {:p}, which is not a live allocation of this heap", heap, pointer);
}

} // namespace mm
