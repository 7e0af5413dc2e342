// Heap faults: the panics for a free() that can only be a bug in the caller.
//
// A double free, or a free of a pointer the heap never handed out, means some kernel code
// has lost track of its memory; carrying on would corrupt the heap's bookkeeping. The
// reports name the heap (or object cache) and the pointer, e.g.
//   slab: double free of 0x7f3a2c001040 (64-byte object)
//   list: free of 0x7f3a2c001048, which is not a live allocation of this heap
// The second is all a heap can say when the bookkeeping of a pointer is gone: the heap
// never handed it out, or it did and it was freed already and its pages went back (a
// large block freed twice).
#pragma once
#include <kstd/string_view.hpp>
#include <stddef.h>

namespace mm {

[[noreturn]] void report_double_free(kstd::StringView heap, const void* pointer, size_t object_bytes);
[[noreturn]] void report_foreign_free(kstd::StringView heap, const void* pointer);

} // namespace mm
