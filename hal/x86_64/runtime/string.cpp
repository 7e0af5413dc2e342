// The C library functions GCC may call even in freestanding code (struct copies, array
// clears, comparisons, __builtin_strlen). Bare metal has no libc, so the kernel brings
// its own; the sim gets them from the host's libc.
//
// This file is compiled with -fno-tree-loop-distribute-patterns (hal/x86_64/CMakeLists.txt)
// so that GCC does not turn these loops back into calls to themselves.
#include <stddef.h>
#include <stdint.h>

extern "C" {

void* memcpy(void* destination, const void* source, size_t count)
{
    void* result = destination;
    asm volatile("rep movsb" : "+D"(destination), "+S"(source), "+c"(count) : : "memory");
    return result;
}

void* memmove(void* destination, const void* source, size_t count)
{
    auto* to = static_cast<uint8_t*>(destination);
    auto* from = static_cast<const uint8_t*>(source);
    if (to <= from || to >= from + count)
        return memcpy(destination, source, count);
    // Overlapping with the destination higher up: copy from the end, backwards.
    for (size_t i = count; i > 0; --i)
        to[i - 1] = from[i - 1];
    return destination;
}

void* memset(void* destination, int value, size_t count)
{
    void* result = destination;
    asm volatile("rep stosb" : "+D"(destination), "+c"(count) : "a"(value) : "memory");
    return result;
}

int memcmp(const void* left, const void* right, size_t count)
{
    auto* a = static_cast<const uint8_t*>(left);
    auto* b = static_cast<const uint8_t*>(right);
    for (size_t i = 0; i < count; ++i) {
        if (a[i] != b[i])
            return a[i] < b[i] ? -1 : 1;
    }
    return 0;
}

size_t strlen(const char* text)
{
    size_t length = 0;
    while (text[length])
        ++length;
    return length;
}

} // extern "C"
