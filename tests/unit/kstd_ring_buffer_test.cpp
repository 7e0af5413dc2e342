// kstd::RingBuffer<T, N>: FIFO order, full and empty, wraparound, and element lifetimes.
#include <gtest/gtest.h>

#include <kstd/ring_buffer.hpp>

#include <string>

namespace {

using kstd::RingBuffer;

TEST(KstdRingBuffer, EmptyAndFull)
{
    RingBuffer<int, 3> queue;
    EXPECT_TRUE(queue.is_empty());
    EXPECT_FALSE(queue.is_full());
    EXPECT_EQ(queue.capacity(), 3u);
    EXPECT_FALSE(queue.try_pop());
    EXPECT_TRUE(queue.try_push(1));
    EXPECT_TRUE(queue.try_push(2));
    EXPECT_TRUE(queue.try_push(3));
    EXPECT_TRUE(queue.is_full());
    EXPECT_EQ(queue.size(), 3u);
    EXPECT_FALSE(queue.try_push(4));
    EXPECT_EQ(queue.size(), 3u);
    EXPECT_EQ(queue.try_pop().value(), 1);
    EXPECT_EQ(queue.try_pop().value(), 2);
    EXPECT_EQ(queue.try_pop().value(), 3);
    EXPECT_TRUE(queue.is_empty());
    EXPECT_FALSE(queue.try_pop().has_value());
}

TEST(KstdRingBuffer, WrapsAroundInFifoOrder)
{
    RingBuffer<int, 4> queue;
    int next_in = 0;
    int next_out = 0;
    // Uneven pushes and pops walk the indices around the storage many times.
    for (int round = 0; round < 100; ++round) {
        for (int i = 0; i < round % 4 + 1 && queue.try_push(next_in); ++i)
            ++next_in;
        for (int i = 0; i < round % 3 + 1; ++i) {
            kstd::Optional<int> item = queue.try_pop();
            if (!item)
                break;
            EXPECT_EQ(item.value(), next_out++);
        }
        EXPECT_EQ(queue.size(), static_cast<size_t>(next_in - next_out));
    }
    EXPECT_GT(next_out, 100);
}

TEST(KstdRingBuffer, SizeOne)
{
    RingBuffer<char, 1> queue;
    for (char c : std::string("abc")) {
        EXPECT_TRUE(queue.try_push(c));
        EXPECT_FALSE(queue.try_push(c));
        EXPECT_EQ(queue.try_pop().value(), c);
    }
}

TEST(KstdRingBuffer, ClearAndNonTrivialItems)
{
    RingBuffer<std::string, 2> queue;
    EXPECT_TRUE(queue.try_push(std::string(100, 'a')));
    EXPECT_TRUE(queue.try_push(std::string(100, 'b')));
    EXPECT_EQ(queue.try_pop().value(), std::string(100, 'a'));
    EXPECT_TRUE(queue.try_push(std::string(100, 'c')));
    queue.clear();
    EXPECT_TRUE(queue.is_empty());
    EXPECT_TRUE(queue.try_push("after clear"));
    EXPECT_EQ(queue.try_pop().value(), "after clear");
    EXPECT_TRUE(queue.try_push(std::string(100, 'd'))); // freed by the destructor (ASan)
}

} // namespace

TEST(KstdRingBuffer, OverwritingKeepsTheNewestItems)
{
    kstd::RingBuffer<int, 3> last;
    for (int value = 1; value <= 5; ++value)
        last.push_overwriting(value);
    ASSERT_EQ(last.size(), 3u);
    EXPECT_EQ(last.at(0), 3);
    EXPECT_EQ(last.at(2), 5);
    EXPECT_EQ(last.back(), 5);
    last.back() = 50;
    EXPECT_EQ(last.try_pop().value(), 3);
    EXPECT_EQ(last.at(1), 50);
}
