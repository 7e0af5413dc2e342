// HeapHolder: the table of heap kinds, and building one in place.
#include <mm/heap/heap_holder.hpp>

#include <new>

namespace mm {

namespace {
struct HeapKind {
    kstd::StringView name;
    Heap* (*construct)(void* storage, PageSource& pages, size_t limit_bytes);
    void (*destroy)(Heap* heap);
};

template<typename ConcreteHeap>
constexpr HeapKind heap_kind()
{
    return {
        ConcreteHeap::NAME,
        [](void* storage, PageSource& pages, size_t limit_bytes) -> Heap* {
            return new (storage) ConcreteHeap(pages, limit_bytes);
        },
        [](Heap* heap) { static_cast<ConcreteHeap*>(heap)->~ConcreteHeap(); },
    };
}

constexpr HeapKind HEAP_KINDS[] = {
    heap_kind<SlabHeap>(),
    heap_kind<ListHeap>(),
    heap_kind<BlockHeap>(),
    heap_kind<BumpHeap>(),
};
constexpr size_t HEAP_KIND_COUNT = sizeof HEAP_KINDS / sizeof HEAP_KINDS[0];

struct HeapKindNames {
    kstd::StringView names[HEAP_KIND_COUNT];
};
constexpr HeapKindNames HEAP_KIND_NAMES = [] {
    HeapKindNames kinds;
    for (size_t index = 0; index < HEAP_KIND_COUNT; ++index)
        kinds.names[index] = HEAP_KINDS[index].name;
    return kinds;
}();

const HeapKind* find_heap_kind(kstd::StringView name)
{
    for (const HeapKind& kind : HEAP_KINDS) {
        if (kind.name == name)
            return &kind;
    }
    return nullptr;
}
} // namespace

kstd::Span<const kstd::StringView> heap_kind_names()
{
    return HEAP_KIND_NAMES.names;
}

bool is_heap_kind(kstd::StringView name)
{
    return find_heap_kind(name) != nullptr;
}

kstd::Result<Heap*> HeapHolder::emplace(kstd::StringView name, PageSource& pages, size_t limit_bytes)
{
    const HeapKind* kind = find_heap_kind(name);
    if (!kind)
        return kstd::Error::with_detail(kstd::Errno::InvalidArgument, "no such heap kind");
    reset();
    m_heap = kind->construct(m_storage, pages, limit_bytes);
    m_destroy = kind->destroy;
    return m_heap;
}

void HeapHolder::reset()
{
    if (m_heap)
        m_destroy(m_heap);
    m_heap = nullptr;
    m_destroy = nullptr;
}

} // namespace mm
