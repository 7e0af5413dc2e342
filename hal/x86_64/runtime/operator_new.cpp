// The bare-metal kernel's global operator new and delete: the kernel heap (mm::kmalloc).
// (The one place hal/ calls into core's mm: the runtime is where the language meets the
// kernel's allocator, and only the bare-metal image may replace the global operators.)
//
// Only the nothrow forms of new are defined. The kernel has no exceptions, so a plain
// `new T` could only report running out of memory by panicking, and the kernel never
// panics for that: code that uses it fails to link, and the fix is
// `new (std::nothrow) T` with a null check, or mm::make<T>() (which core code uses, since
// in the sim the global operator new stays glibc's).
#include <mm/heap/kmalloc.hpp>
#include <new>

void* operator new(size_t size, const std::nothrow_t&) noexcept
{
    return mm::kmalloc(size);
}

void* operator new[](size_t size, const std::nothrow_t&) noexcept
{
    return mm::kmalloc(size);
}

void* operator new(size_t size, std::align_val_t alignment, const std::nothrow_t&) noexcept
{
    return mm::kmalloc_aligned(size, static_cast<size_t>(alignment));
}

void* operator new[](size_t size, std::align_val_t alignment, const std::nothrow_t&) noexcept
{
    return mm::kmalloc_aligned(size, static_cast<size_t>(alignment));
}

void operator delete(void* pointer) noexcept
{
    mm::kfree(pointer);
}

void operator delete[](void* pointer) noexcept
{
    mm::kfree(pointer);
}

void operator delete(void* pointer, size_t) noexcept
{
    mm::kfree(pointer);
}

void operator delete[](void* pointer, size_t) noexcept
{
    mm::kfree(pointer);
}

void operator delete(void* pointer, std::align_val_t) noexcept
{
    mm::kfree(pointer);
}

void operator delete[](void* pointer, std::align_val_t) noexcept
{
    mm::kfree(pointer);
}

void operator delete(void* pointer, size_t, std::align_val_t) noexcept
{
    mm::kfree(pointer);
}

void operator delete[](void* pointer, size_t, std::align_val_t) noexcept
{
    mm::kfree(pointer);
}
