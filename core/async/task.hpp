// async::Task<T>: a kernel task written as a C++20 coroutine.
//
//     async::Task<int> read_sensor() { co_await async::sleep_for(5'000'000); co_return 42; }
//     async::Task<void> poller() { int value = co_await read_sensor(); ... }
//     TRY(executor.spawn(poller()));
//
// A Task is lazy: calling the coroutine function only builds its frame, and nothing runs
// until the Task is spawned on an Executor or awaited from another Task. Awaiting a Task
// starts it at once (symmetric transfer, no trip through the executor) and resumes the
// awaiting coroutine the moment it finishes, so a chain of nested Tasks costs no extra polls.
// Frames come from the kernel heap through the promise's own operator new; when the heap is
// out of memory the coroutine function returns an empty Task (is_valid() is false) instead
// of panicking. Spawning an empty Task reports ENOMEM, and awaiting one yields ENOMEM when T
// is a kstd::Result (or anything else constructible from an Errno); for any other T,
// awaiting an empty Task is a bug, so check is_valid() first.
//
// A Task suspends only on the awaitables of this folder (or others built on
// suspension_waker() below): the executor has to know where to resume it.
#pragma once
#include <async/spawned_task.hpp>
#include <kstd/error.hpp>
#include <kstd/optional.hpp>
#include <kstd/verify.hpp>
#include <mm/heap/kmalloc.hpp>

#include <coroutine>
#include <type_traits>
#include <utility>

namespace async {

template<typename T>
class Task;

namespace detail {

// What every Task's promise has, whatever it returns: the heap for the frame, the task
// (top-level spawn) the coroutine runs for, and the coroutine to resume when it finishes.
class PromiseBase {
public:
    static void* operator new(size_t bytes) noexcept { return mm::kmalloc(bytes); }
    static void operator delete(void* frame) { mm::kfree(frame); }

    std::suspend_always initial_suspend() const { return {}; }

    struct FinalAwaiter {
        bool await_ready() const noexcept { return false; }
        template<typename Promise>
        std::coroutine_handle<> await_suspend(std::coroutine_handle<Promise> finished) const noexcept
        {
            std::coroutine_handle<> continuation = finished.promise().m_continuation;
            return continuation ? continuation : std::noop_coroutine();
        }
        void await_resume() const noexcept {}
    };
    FinalAwaiter final_suspend() const noexcept { return {}; }

    // The kernel has no exceptions; the host tests compile coroutines with them, and then a
    // promise must say what an escaping exception does.
    void unhandled_exception() const { VERIFY_NOT_REACHED(); }

    // The task this coroutine runs for; VERIFY-fails for a Task neither spawned nor awaited
    // from a spawned one.
    SpawnedTask& task() const
    {
        VERIFY(m_task != nullptr);
        return *m_task;
    }
    void set_task(SpawnedTask& task) { m_task = &task; }
    // Called as `parent` awaits this coroutine: it runs for the same task and resumes
    // `parent` when it finishes.
    void start_under(const PromiseBase& parent_promise, std::coroutine_handle<> parent)
    {
        m_task = parent_promise.m_task;
        m_continuation = parent;
    }

private:
    SpawnedTask* m_task = nullptr;
    std::coroutine_handle<> m_continuation;
};

template<typename T>
class ResultSlot {
public:
    void return_value(T value) { m_value.emplace(std::move(value)); }
    T take_result() { return std::move(m_value.value()); }

private:
    kstd::Optional<T> m_value;
};

template<>
class ResultSlot<void> {
public:
    void return_void() const {}
    void take_result() const {}
};

template<typename T>
class Promise : public PromiseBase, public ResultSlot<T> {
public:
    Task<T> get_return_object() { return Task<T>(std::coroutine_handle<Promise>::from_promise(*this)); }
    static Task<T> get_return_object_on_allocation_failure() { return Task<T>(); }
};

// What awaiting a Task whose frame could not be allocated gives.
template<typename T>
T result_of_unallocated_task()
{
    if constexpr (std::is_constructible_v<T, kstd::Errno>)
        return T(kstd::Errno::OutOfMemory);
    else
        ::kstd::panic_at(__FILE__, __LINE__, "awaited a Task the heap had no room for (check is_valid())");
}

} // namespace detail

template<typename T = void>
class [[nodiscard]] Task {
public:
    using promise_type = detail::Promise<T>;

    Task() = default; // empty, as after an allocation failure
    Task(Task&& other) : m_coroutine(std::exchange(other.m_coroutine, {})) {}
    Task& operator=(Task&& other)
    {
        if (this != &other) {
            destroy();
            m_coroutine = std::exchange(other.m_coroutine, {});
        }
        return *this;
    }
    ~Task() { destroy(); }

    bool is_valid() const { return static_cast<bool>(m_coroutine); }

    // Hands the frame over (to the executor); the Task is empty afterwards.
    std::coroutine_handle<promise_type> release() { return std::exchange(m_coroutine, {}); }

    class Awaiter {
    public:
        explicit Awaiter(std::coroutine_handle<promise_type> child) : m_child(child) {}
        bool await_ready() const { return !m_child; }
        template<typename ParentPromise>
        std::coroutine_handle<> await_suspend(std::coroutine_handle<ParentPromise> parent) const
        {
            static_assert(std::is_base_of_v<detail::PromiseBase, ParentPromise>,
                          "a Task can only be awaited from another Task");
            m_child.promise().start_under(parent.promise(), parent);
            return m_child;
        }
        T await_resume() const
        {
            if (!m_child)
                return detail::result_of_unallocated_task<T>();
            return m_child.promise().take_result();
        }

    private:
        std::coroutine_handle<promise_type> m_child;
    };
    // Only a temporary can be awaited (co_await child(), or co_await std::move(task)): a
    // Task runs once.
    Awaiter operator co_await() && { return Awaiter(m_coroutine); }

private:
    friend promise_type;
    explicit Task(std::coroutine_handle<promise_type> coroutine) : m_coroutine(coroutine) {}

    void destroy()
    {
        if (m_coroutine)
            std::exchange(m_coroutine, {}).destroy();
    }

    std::coroutine_handle<promise_type> m_coroutine;
};

// For wait primitives, in await_suspend(): notes that the task of `coroutine` suspends
// there and returns the Waker that ends the wait.
template<typename Promise>
Waker suspension_waker(std::coroutine_handle<Promise> coroutine)
{
    static_assert(std::is_base_of_v<detail::PromiseBase, Promise>, "async waits work inside a Task");
    return coroutine.promise().task().suspend_at(coroutine);
}

} // namespace async
