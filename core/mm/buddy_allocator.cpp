// BuddyAllocator: splitting, merging and the per-frame records behind them.
//
// Only the first frame of a block (its head) says what the block is: free or allocated,
// and its order; the other frames of a block are "Tail". The block that contains any frame
// is therefore found by trying, for each order k, the frame number rounded down to 2^k:
// the one head whose order is exactly that k is it (blocks never overlap, and every split
// or merge keeps the head marks up to date). A free block's head is also linked into the
// doubly linked free list of its order, through frame indices, so unlinking a buddy that
// is about to be merged costs O(1).
#include <kstd/panic.hpp>
#include <mm/buddy_allocator.hpp>
#include <new>

namespace mm {

namespace {

enum class FrameState : uint8_t {
    Reserved,      // not handed over by add_free_range (a hole, firmware, the kernel, ...)
    Tail,          // inside a free or allocated block, not its first frame
    FreeHead,      // first frame of a free block
    AllocatedHead, // first frame of an allocated block
};

constexpr uint32_t NO_FRAME = UINT32_MAX;

constexpr uint64_t frames_in(unsigned order)
{
    return uint64_t { 1 } << order;
}

} // namespace

struct BuddyAllocator::FrameInfo {
    uint32_t next_free; // free-list neighbours of a FreeHead, as indices into m_frames
    uint32_t previous_free;
    FrameState state;
    uint8_t order; // of the block, for heads
    uint32_t references; // of an allocated head (in the padding: the record stays 24 bytes)
    uintptr_t tag;
};

size_t BuddyAllocator::metadata_bytes(uint64_t frame_count)
{
    return frame_count * sizeof(FrameInfo);
}

void BuddyAllocator::init(PhysicalAddress base, uint64_t frame_count, void* metadata)
{
    VERIFY(is_aligned(base, PAGE_SIZE));
    VERIFY(frame_count < NO_FRAME);
    VERIFY(is_aligned(reinterpret_cast<uintptr_t>(metadata), alignof(FrameInfo)));
    m_frames = static_cast<FrameInfo*>(metadata);
    m_first_frame = base / PAGE_SIZE;
    m_frame_count = frame_count;
    for (uint64_t index = 0; index < frame_count; ++index)
        new (&m_frames[index]) FrameInfo { NO_FRAME, NO_FRAME, FrameState::Reserved, 0, 0, 0 };
    for (unsigned order = 0; order <= MAX_ORDER; ++order) {
        m_free_heads[order] = NO_FRAME;
        m_free_blocks[order] = 0;
    }
    m_free_frames = 0;
    m_allocated_frames = 0;
}

void BuddyAllocator::add_free_range(PhysicalAddress start, uint64_t length)
{
    VERIFY(is_aligned(start, PAGE_SIZE) && is_aligned(length, PAGE_SIZE));
    FrameNumber frame = start / PAGE_SIZE;
    FrameNumber end = frame + length / PAGE_SIZE;
    VERIFY(end >= frame && (frame == end || (in_span(frame) && in_span(end - 1))));
    for (FrameNumber each = frame; each < end; ++each) {
        VERIFY(info(each).state == FrameState::Reserved);
        info(each).state = FrameState::Tail;
    }
    // The largest blocks that start aligned to their size and fit before the end.
    while (frame < end) {
        unsigned order = MAX_ORDER;
        while (!is_aligned(frame, frames_in(order)) || frame + frames_in(order) > end)
            --order;
        release_block(frame, order);
        frame += frames_in(order);
    }
}

kstd::Result<PhysicalAddress> BuddyAllocator::allocate_frames(unsigned order)
{
    if (order > MAX_ORDER)
        return kstd::Errno::InvalidArgument;
    if (take_injected_failure())
        return kstd::Errno::OutOfMemory;
    unsigned found = order;
    while (found <= MAX_ORDER && m_free_heads[found] == NO_FRAME)
        ++found;
    if (found > MAX_ORDER)
        return kstd::Errno::OutOfMemory;

    FrameNumber head = m_first_frame + m_free_heads[found];
    unlink_free(head, found);
    // Split: keep the lower half, give the upper half back to the next order down.
    while (found > order) {
        --found;
        push_free(head + frames_in(found), found);
    }
    info(head).state = FrameState::AllocatedHead;
    info(head).order = static_cast<uint8_t>(order);
    info(head).references = 1;
    m_free_frames -= frames_in(order);
    m_allocated_frames += frames_in(order);
    return head * PAGE_SIZE;
}

void BuddyAllocator::free_frames(PhysicalAddress block, unsigned order)
{
    FrameNumber head = block / PAGE_SIZE;
    if (!is_aligned(block, PAGE_SIZE) || !in_span(head) || order > MAX_ORDER
        || info(head).state != FrameState::AllocatedHead || info(head).order != order)
        panic_on_bad_free(block, order);
    if (info(head).references != 1)
        PANIC("free_frames({:#x}, order {}): still has {} references", block, order, info(head).references);
    info(head).references = 0;
    for (FrameNumber frame = head; frame < head + frames_in(order); ++frame)
        info(frame).tag = 0;
    m_allocated_frames -= frames_in(order);
    release_block(head, order);
}

// Says as precisely as it can what is wrong with a free, for the panic report.
void BuddyAllocator::panic_on_bad_free(PhysicalAddress block, unsigned order) const
{
    FrameNumber frame = block / PAGE_SIZE;
    if (!in_span(frame))
        PANIC("free_frames({:#x}, order {}): not memory this allocator manages", block, order);
    if (!is_aligned(block, PAGE_SIZE) || order > MAX_ORDER)
        PANIC("free_frames({:#x}, order {}): not a block address and order", block, order);
    kstd::Optional<FrameNumber> head = block_containing(frame);
    if (!head || info(head.value()).state != FrameState::AllocatedHead)
        PANIC("free_frames({:#x}, order {}): not allocated (double free?)", block, order);
    const FrameInfo& allocated = info(head.value());
    if (head.value() != frame)
        PANIC("free_frames({:#x}, order {}): inside the block at {:#x} of order {}", block, order,
              head.value() * PAGE_SIZE, allocated.order);
    PANIC("free_frames({:#x}, order {}): allocated with order {}", block, order, allocated.order);
}

BuddyAllocator::FrameInfo& BuddyAllocator::single_frame(PhysicalAddress frame) const
{
    FrameNumber number = frame / PAGE_SIZE;
    if (!is_aligned(frame, PAGE_SIZE) || !in_span(number) || info(number).state != FrameState::AllocatedHead
        || info(number).order != 0)
        PANIC("mm: {:#x} is not an allocated single frame", frame);
    return info(number);
}

void BuddyAllocator::retain_frame(PhysicalAddress frame)
{
    FrameInfo& record = single_frame(frame);
    VERIFY(record.references > 0 && record.references < UINT32_MAX);
    ++record.references;
}

void BuddyAllocator::release_frame(PhysicalAddress frame)
{
    FrameInfo& record = single_frame(frame);
    VERIFY(record.references > 0);
    if (--record.references > 0)
        return;
    record.references = 1; // free_frames checks for the one reference it takes
    free_frames(frame, 0);
}

uint32_t BuddyAllocator::frame_references(PhysicalAddress frame) const
{
    return single_frame(frame).references;
}

uint64_t BuddyAllocator::free_block_count(unsigned order) const
{
    VERIFY(order <= MAX_ORDER);
    return m_free_blocks[order];
}

bool BuddyAllocator::contains(PhysicalAddress address) const
{
    return in_span(address / PAGE_SIZE);
}

void BuddyAllocator::set_tag(PhysicalAddress frame, uintptr_t tag)
{
    kstd::Optional<FrameNumber> head = block_containing(frame / PAGE_SIZE);
    VERIFY(head && info(head.value()).state == FrameState::AllocatedHead);
    info(frame / PAGE_SIZE).tag = tag;
}

uintptr_t BuddyAllocator::tag(PhysicalAddress frame) const
{
    // Tags are cleared when a block is freed, so any frame outside an allocated block
    // reads 0 here.
    if (!contains(frame))
        return 0;
    return info(frame / PAGE_SIZE).tag;
}

BuddyAllocator::FrameInfo& BuddyAllocator::info(FrameNumber frame) const
{
    return m_frames[frame - m_first_frame];
}

bool BuddyAllocator::in_span(FrameNumber frame) const
{
    return frame >= m_first_frame && frame - m_first_frame < m_frame_count;
}

kstd::Optional<BuddyAllocator::FrameNumber> BuddyAllocator::block_containing(FrameNumber frame) const
{
    for (unsigned order = 0; order <= MAX_ORDER; ++order) {
        FrameNumber head = align_down(frame, frames_in(order));
        if (!in_span(head))
            break;
        const FrameInfo& candidate = info(head);
        if (candidate.state != FrameState::Reserved && candidate.state != FrameState::Tail
            && candidate.order == order)
            return head;
    }
    return {};
}

bool BuddyAllocator::take_injected_failure()
{
    if (!m_successes_before_failure)
        return false;
    uint64_t& remaining = m_successes_before_failure.value();
    if (remaining == 0) {
        m_successes_before_failure.reset();
        return true;
    }
    --remaining;
    return false;
}

void BuddyAllocator::push_free(FrameNumber head, unsigned order)
{
    uint32_t index = static_cast<uint32_t>(head - m_first_frame);
    FrameInfo& block = info(head);
    block.state = FrameState::FreeHead;
    block.order = static_cast<uint8_t>(order);
    block.previous_free = NO_FRAME;
    block.next_free = m_free_heads[order];
    if (block.next_free != NO_FRAME)
        m_frames[block.next_free].previous_free = index;
    m_free_heads[order] = index;
    ++m_free_blocks[order];
}

void BuddyAllocator::unlink_free(FrameNumber head, unsigned order)
{
    FrameInfo& block = info(head);
    if (block.previous_free == NO_FRAME)
        m_free_heads[order] = block.next_free;
    else
        m_frames[block.previous_free].next_free = block.next_free;
    if (block.next_free != NO_FRAME)
        m_frames[block.next_free].previous_free = block.previous_free;
    block.state = FrameState::Tail;
    --m_free_blocks[order];
}

void BuddyAllocator::release_block(FrameNumber head, unsigned order)
{
    m_free_frames += frames_in(order);
    info(head).state = FrameState::Tail;
    while (order < MAX_ORDER) {
        FrameNumber buddy = head ^ frames_in(order);
        if (!in_span(buddy) || info(buddy).state != FrameState::FreeHead || info(buddy).order != order)
            break;
        unlink_free(buddy, order);
        head = buddy < head ? buddy : head;
        ++order;
    }
    push_free(head, order);
}

} // namespace mm
