// kstd::IntrusiveList: a doubly linked list whose links live inside the listed objects.
//
//     struct Task { IntrusiveListNode m_run_queue_node; ... };
//     IntrusiveList<Task, &Task::m_run_queue_node> run_queue;
//     run_queue.push_back(task);  ...  Task* next = run_queue.pop_front();
//
// Linking never allocates, so it works in interrupt handlers and before the heap exists.
// An object can be on as many lists as it has nodes, but each node on one list at a time.
// A node remembers its list: linking a linked node, removing a node from a list it is not
// on, and destroying a linked node are bugs and VERIFY-fail. The list does not own the
// objects; destroying the list unlinks whatever is still on it.
#pragma once
#include <kstd/verify.hpp>
#include <stddef.h>

namespace kstd {

class IntrusiveListNode {
public:
    IntrusiveListNode() = default;
    IntrusiveListNode(const IntrusiveListNode&) = delete;
    IntrusiveListNode& operator=(const IntrusiveListNode&) = delete;
    ~IntrusiveListNode() { VERIFY(!is_linked()); }

    bool is_linked() const { return m_list != nullptr; }

private:
    template<typename T, IntrusiveListNode T::*>
    friend class IntrusiveList;

    IntrusiveListNode* m_previous = nullptr;
    IntrusiveListNode* m_next = nullptr;
    const void* m_list = nullptr; // the IntrusiveList this node is on
};

template<typename T, IntrusiveListNode T::*Member>
class IntrusiveList {
public:
    class Iterator {
    public:
        explicit Iterator(IntrusiveListNode* node) : m_node(node) {}
        T& operator*() const { return *owner_of(m_node); }
        T* operator->() const { return owner_of(m_node); }
        Iterator& operator++()
        {
            m_node = m_node->m_next;
            return *this;
        }
        bool operator==(const Iterator&) const = default;

    private:
        IntrusiveListNode* m_node;
    };

    IntrusiveList() = default;
    IntrusiveList(const IntrusiveList&) = delete;
    IntrusiveList& operator=(const IntrusiveList&) = delete;
    ~IntrusiveList() { clear(); }

    bool is_empty() const { return m_size == 0; }
    size_t size() const { return m_size; }
    bool contains(const T& item) const { return (item.*Member).m_list == this; }
    // The first item, or nullptr if the list is empty.
    T* front() const { return m_head ? owner_of(m_head) : nullptr; }

    void push_back(T& item)
    {
        IntrusiveListNode& node = link(item);
        node.m_previous = m_tail;
        (m_tail ? m_tail->m_next : m_head) = &node;
        m_tail = &node;
    }

    void push_front(T& item)
    {
        IntrusiveListNode& node = link(item);
        node.m_next = m_head;
        (m_head ? m_head->m_previous : m_tail) = &node;
        m_head = &node;
    }

    // Links `item` right before `position`, which must be on this list.
    void insert_before(T& position, T& item)
    {
        IntrusiveListNode& next = position.*Member;
        VERIFY(next.m_list == this);
        IntrusiveListNode& node = link(item);
        node.m_next = &next;
        node.m_previous = next.m_previous;
        (next.m_previous ? next.m_previous->m_next : m_head) = &node;
        next.m_previous = &node;
    }

    void remove(T& item)
    {
        IntrusiveListNode& node = item.*Member;
        VERIFY(node.m_list == this);
        (node.m_previous ? node.m_previous->m_next : m_head) = node.m_next;
        (node.m_next ? node.m_next->m_previous : m_tail) = node.m_previous;
        node.m_previous = nullptr;
        node.m_next = nullptr;
        node.m_list = nullptr;
        --m_size;
    }

    // Unlinks and returns the first item, or nullptr if the list is empty.
    T* pop_front()
    {
        T* item = front();
        if (item)
            remove(*item);
        return item;
    }

    void clear()
    {
        while (pop_front()) {
        }
    }

    // Do not remove the current item while iterating; pop_front() drains a list.
    Iterator begin() const { return Iterator(m_head); }
    Iterator end() const { return Iterator(nullptr); }

private:
    // Itanium C++ ABI (GCC, Clang): a pointer to data member is the member's byte offset.
    static T* owner_of(IntrusiveListNode* node)
    {
        static_assert(sizeof(Member) == sizeof(ptrdiff_t));
        auto offset = __builtin_bit_cast(ptrdiff_t, Member);
        return reinterpret_cast<T*>(reinterpret_cast<char*>(node) - offset);
    }

    IntrusiveListNode& link(T& item)
    {
        IntrusiveListNode& node = item.*Member;
        VERIFY(!node.is_linked());
        node.m_list = this;
        ++m_size;
        return node;
    }

    IntrusiveListNode* m_head = nullptr;
    IntrusiveListNode* m_tail = nullptr;
    size_t m_size = 0;
};

} // namespace kstd
