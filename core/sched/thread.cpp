// Kernel threads: spawning, joining, killing, and the list `ps` shows (see thread.hpp).
//
// Thread records come from the kernel object cache "thread"; stacks are mm::KernelStacks.
#include <hal/timer.hpp>
#include <mm/kernel_object_cache.hpp>
#include <sched/scheduler.hpp>
#include <sched/scheduler_internal.hpp>
#include <sync/interrupt_guard.hpp>
#include <time/tick.hpp>

#include <new>

namespace sched {
namespace {

kstd::IntrusiveList<Thread, &Thread::all_threads_node> g_threads;
uint32_t g_next_id = 0;
bool g_reserved_id_taken = false;
ThreadReleaseHook g_release_hook = nullptr;

mm::ObjectCache& thread_cache()
{
    return mm::kernel_object_cache<Thread>("thread");
}

void run_thread(void* thread)
{
    start_thread(*static_cast<Thread*>(thread));
}

Thread* find(uint32_t id)
{
    for (Thread& thread : g_threads)
        if (thread.id == id)
            return &thread;
    return nullptr;
}

// Gives the thread its id and its place on the list, and points its wait records at it.
void list(Thread& thread, bool takes_reserved_id)
{
    if (takes_reserved_id) {
        VERIFY(!g_reserved_id_taken);
        g_reserved_id_taken = true;
        thread.id = RESERVED_THREAD_ID;
    } else {
        thread.id = g_next_id++;
        if (g_next_id == RESERVED_THREAD_ID)
            ++g_next_id;
    }
    thread.waiter.thread = &thread;
    thread.wait_timer.thread = &thread;
    g_threads.push_back(thread);
}

} // namespace

kstd::StringView thread_state_name(ThreadState state)
{
    switch (state) {
    case ThreadState::Ready:
        return "ready";
    case ThreadState::Running:
        return "running";
    case ThreadState::Blocked:
        return "blocked";
    case ThreadState::Exited:
        return "exited";
    }
    return "?";
}

void register_boot_thread(Thread& thread)
{
    list(thread, false);
}

kstd::Result<Thread*> spawn(kstd::StringView name, ThreadEntry entry, void* argument, SpawnOptions options)
{
    VERIFY(is_running());
    bool levels_exist = options.priority < PRIORITY_LEVELS && options.wake_boost < PRIORITY_LEVELS;
    if (!levels_exist || options.stack_size == 0 || !entry)
        return kstd::Errno::InvalidArgument;
    mm::KernelStack stack = TRY(mm::KernelStack::create(name, options.stack_size));
    void* memory = thread_cache().allocate();
    if (!memory) {
        stack.destroy();
        return kstd::Errno::OutOfMemory;
    }
    auto* thread = new (memory) Thread();
    thread->name.write(name);
    thread->stack = static_cast<mm::KernelStack&&>(stack);
    thread->entry = entry;
    thread->argument = argument;
    thread->killable = options.killable;
    thread->detached = options.detached;
    thread->process = options.process;
    thread->page_table_root = options.page_table_root;
    thread->base_priority = thread->effective_priority = static_cast<uint8_t>(options.priority);
    thread->state = ThreadState::Blocked; // until make_ready queues it
    hal::context_init(thread->context, thread->stack.base(), thread->stack.size(), run_thread, thread);
    {
        ksync::InterruptGuard guard;
        list(*thread, options.takes_reserved_id);
        boost_on_wake(*thread, options.wake_boost);
        make_ready(*thread);
    }
    preempt_point(); // a new thread of higher priority runs right away
    return thread;
}

void set_thread_release_hook(ThreadReleaseHook hook)
{
    VERIFY(!g_release_hook || !hook || hook == g_release_hook);
    g_release_hook = hook;
}

void free_thread(Thread& thread)
{
    VERIFY(thread.state == ThreadState::Exited);
    g_threads.remove(thread);
    if (g_release_hook)
        g_release_hook(thread);
    hal::context_destroy(thread.context);
    thread.stack.destroy();
    mm::destroy_in(thread_cache(), &thread);
}

void exit(int status)
{
    hal::irq_disable();
    end_current(status);
}

int join(Thread* thread)
{
    ksync::InterruptGuard guard;
    VERIFY(thread && !thread->detached && thread != &current());
    while (thread->state != ThreadState::Exited)
        thread->joiners.wait();
    int status = thread->exit_status;
    free_thread(*thread);
    return status;
}

kstd::Result<void> kill(uint32_t id)
{
    ksync::InterruptGuard guard;
    Thread* thread = find(id);
    if (!thread || thread->state == ThreadState::Exited)
        return kstd::Errno::NoSuchProcess;
    if (!thread->killable)
        return kstd::Errno::NotPermitted;
    thread->kill_requested = true;
    if (thread == &current())
        exit(KILLED_STATUS);
    // It ends when it next runs, so it runs next: at the top level, lest a busy thread of
    // higher priority keep it alive (listed, holding its memory) for as long as aging takes.
    if (thread->state == ThreadState::Blocked && thread->waiting_on) {
        boost_on_wake(*thread, HIGHEST_PRIORITY);
        thread->waiting_on->release(*thread, WaitResult::Woken);
    } else if (thread->state == ThreadState::Ready) {
        hasten_to_end(*thread);
    }
    return {};
}

kstd::Result<void> set_priority(uint32_t id, unsigned priority)
{
    if (priority >= PRIORITY_LEVELS)
        return kstd::Errno::InvalidArgument;
    {
        ksync::InterruptGuard guard;
        Thread* thread = find(id);
        if (!thread || thread->state == ThreadState::Exited)
            return kstd::Errno::NoSuchProcess;
        if (is_idle(*thread))
            return kstd::Errno::NotPermitted; // it runs when nothing else is ready, whatever its number
        requeue_with_priority(*thread, priority);
    }
    preempt_point();
    return {};
}

kstd::Result<void> set_priority_for_user(uint32_t id, unsigned priority)
{
    if (priority < PRIORITY_LEVELS && priority > HIGHEST_USER_PRIORITY)
        return kstd::Errno::PermissionDenied;
    return set_priority(id, priority);
}

namespace {
ThreadInfo info_of(const Thread& thread)
{
    return ThreadInfo {
        .id = thread.id,
        .name = thread.name,
        .base_priority = thread.base_priority,
        .state = thread.state,
        .cpu_time_ns = thread.cpu_ticks * (1'000'000'000 / ktime::TICK_HZ),
        .user_time_ns = thread.user_ticks * (1'000'000'000 / ktime::TICK_HZ),
        .killable = thread.killable,
        .process = thread.process,
    };
}
} // namespace

kstd::Optional<ThreadInfo> find_thread_from(uint32_t id)
{
    // The list is in id order: ids only grow and new threads go to its end.
    ksync::InterruptGuard guard;
    for (Thread& thread : g_threads) {
        if (thread.id >= id)
            return info_of(thread);
    }
    return {};
}

size_t thread_count()
{
    ksync::InterruptGuard guard;
    return g_threads.size();
}

uint32_t last_thread_id()
{
    ksync::InterruptGuard guard;
    return g_next_id - 1;
}

} // namespace sched
