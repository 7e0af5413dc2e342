// kstd::IntrusiveList: order, removal from anywhere, membership, several lists per object,
// and VERIFY on misuse (linking twice, removing an unlinked node).
#include "kstd_verify_death.hpp"

#include <gtest/gtest.h>

#include <kstd/intrusive_list.hpp>

#include <vector>

namespace {

using kstd::IntrusiveList;
using kstd::IntrusiveListNode;

struct Task {
    explicit Task(int task_id) : id(task_id) {}
    int id;
    IntrusiveListNode m_run_node;
    IntrusiveListNode m_wait_node;
};

using RunQueue = IntrusiveList<Task, &Task::m_run_node>;
using WaitQueue = IntrusiveList<Task, &Task::m_wait_node>;

template<typename List>
std::vector<int> ids(const List& list)
{
    std::vector<int> result;
    for (Task& task : list)
        result.push_back(task.id);
    return result;
}

TEST(KstdIntrusiveList, PushAndPopInOrder)
{
    Task a(1), b(2), c(3);
    RunQueue queue;
    EXPECT_TRUE(queue.is_empty());
    EXPECT_EQ(queue.front(), nullptr);
    EXPECT_EQ(queue.pop_front(), nullptr);
    queue.push_back(b);
    queue.push_back(c);
    queue.push_front(a);
    EXPECT_EQ(queue.size(), 3u);
    EXPECT_EQ(ids(queue), (std::vector<int> { 1, 2, 3 }));
    EXPECT_EQ(queue.front(), &a);
    EXPECT_TRUE(a.m_run_node.is_linked());
    EXPECT_EQ(queue.pop_front(), &a);
    EXPECT_FALSE(a.m_run_node.is_linked());
    EXPECT_EQ(queue.pop_front(), &b);
    EXPECT_EQ(queue.pop_front(), &c);
    EXPECT_TRUE(queue.is_empty());
    EXPECT_EQ(queue.size(), 0u);
}

TEST(KstdIntrusiveList, RemoveFromAnywhere)
{
    Task a(1), b(2), c(3), d(4);
    RunQueue queue;
    for (Task* task : { &a, &b, &c, &d })
        queue.push_back(*task);
    queue.remove(b);
    EXPECT_EQ(ids(queue), (std::vector<int> { 1, 3, 4 }));
    queue.remove(d);
    EXPECT_EQ(ids(queue), (std::vector<int> { 1, 3 }));
    queue.remove(a);
    EXPECT_EQ(ids(queue), (std::vector<int> { 3 }));
    queue.remove(c);
    EXPECT_TRUE(queue.is_empty());
    // Removed nodes can be linked again, at either end.
    queue.push_front(d);
    queue.push_front(b);
    queue.push_back(a);
    EXPECT_EQ(ids(queue), (std::vector<int> { 2, 4, 1 }));
    queue.clear();
    EXPECT_TRUE(queue.is_empty());
    EXPECT_FALSE(b.m_run_node.is_linked());
}

TEST(KstdIntrusiveList, InsertBefore)
{
    Task a(1), b(2), c(3), d(4);
    RunQueue queue;
    queue.push_back(b);
    queue.insert_before(b, a); // at the head
    queue.push_back(d);
    queue.insert_before(d, c); // in the middle
    EXPECT_EQ(ids(queue), (std::vector<int> { 1, 2, 3, 4 }));
    EXPECT_EQ(queue.size(), 4u);
    queue.remove(c);
    queue.remove(a);
    EXPECT_EQ(ids(queue), (std::vector<int> { 2, 4 }));
    queue.clear();
}

TEST(KstdIntrusiveList, OneObjectOnTwoLists)
{
    Task a(1), b(2);
    RunQueue run;
    WaitQueue wait;
    run.push_back(a);
    run.push_back(b);
    wait.push_back(b);
    EXPECT_TRUE(run.contains(b));
    EXPECT_TRUE(wait.contains(b));
    EXPECT_FALSE(wait.contains(a));
    EXPECT_EQ(ids(wait), (std::vector<int> { 2 }));
    run.remove(b);
    EXPECT_EQ(ids(run), (std::vector<int> { 1 }));
    EXPECT_EQ(wait.front(), &b);
    RunQueue other;
    EXPECT_FALSE(other.contains(a));
    wait.clear();
    run.clear();
}

TEST(KstdIntrusiveList, DestroyingTheListUnlinksItsNodes)
{
    Task a(1);
    {
        RunQueue queue;
        queue.push_back(a);
    }
    EXPECT_FALSE(a.m_run_node.is_linked());
}

TEST(KstdIntrusiveListDeathTest, Misuse)
{
    Task a(1), b(2);
    RunQueue queue, other;
    EXPECT_VERIFY_FAILS(queue.remove(a));
    queue.push_back(a);
    EXPECT_VERIFY_FAILS(queue.push_back(a));
    EXPECT_VERIFY_FAILS(other.push_back(a));
    EXPECT_VERIFY_FAILS(other.remove(a));
    EXPECT_VERIFY_FAILS({ Task linked(3); queue.push_back(linked); });
    queue.clear();
}

} // namespace
