// The named object caches of the kernel's own object types (threads, address spaces,
// regions), on the kernel's pages, so `mem` shows how many of each exist whatever heap=
// chose for kmalloc.
//
//     void* memory = mm::kernel_object_cache<Thread>("thread").allocate();
//     ...
//     mm::destroy_in(mm::kernel_object_cache<Thread>("thread"), thread);
//
// One cache per type, made on first use (the name given then is the one it keeps).
#pragma once
#include <mm/heap/object_cache.hpp>
#include <mm/mm.hpp>

namespace mm {

template<typename T>
ObjectCache& kernel_object_cache(kstd::StringView name)
{
    static ObjectCache cache(name, sizeof(T), alignof(T), kernel_pages());
    return cache;
}

// Destroys an object made in `cache` and gives its memory back.
template<typename T>
void destroy_in(ObjectCache& cache, T* object)
{
    object->~T();
    cache.free(object);
}

} // namespace mm
